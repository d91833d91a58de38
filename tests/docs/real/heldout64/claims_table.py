"""The sixty-fourth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout64.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- abhij_numpy_ann_batch_en
ABH = [
    ("dZL", r"\frac{\partial \mathcal{L}}{\partial Z_L} = \frac{\partial \mathcal{L}}{\partial H_L} \odot f_L'(Z_L)",
     "examples as rows, Z_l = H~_{l-1} W~_l (H~ = [H, 1], W~ of size (d_{l-1}+1) x d_l), H_l = f_l(Z_l), L = (1/n) sum of the per-sample losses; f entrywise: dL/dZ_L = dL/dH_L entrywise f_L'(Z_L); holds (nets 3-4-2 and 2-3-3-2, batches 4 and 5, tanh and sigmoid, a drawn non-linear per-sample loss)"),
    ("dW", r"\frac{\partial \mathcal{L}}{\partial \tilde{W}_l} = \frac{1}{n} \tilde{H}_{l-1}^\top \frac{\partial \mathcal{L}}{\partial Z_l}",
     "dL/dZ_l is the gradient of the mean loss L itself (it already carries the 1/n of L's definition, as the rows above make it: dL/dH_L of L, then the chain); so dL/dW~_l = H~_{l-1}^T dL/dZ_l, and the row's extra 1/n makes it n times too small; refuted for every batch n >= 2 (drawn n = 4, 5; the row would hold only with dL/dZ_l read as the gradient of the summed loss, which the page does not define)"),
    ("dHt", r"\frac{\partial \mathcal{L}}{\partial \tilde{H}_{l-1}} = \frac{\partial \mathcal{L}}{\partial Z_l} \tilde{W}_l^\top",
     "with H~_{l-1} taken as the variable (bias column included): dL/dH~_{l-1} = dL/dZ_l W~_l^T, n x (d_{l-1}+1); holds"),
    ("drop", r"\frac{\partial \mathcal{L}}{\partial H_{l-1}} = \frac{\partial \mathcal{L}}{\partial \tilde{H}_{l-1}}[:, :-1]",
     "the bias column of H~ is the last one (H~ = [H, 1]); dropping the last column of dL/dH~_{l-1} gives dL/dH_{l-1}; holds"),
    ("dZprev", r"\frac{\partial \mathcal{L}}{\partial Z_{l-1}} = \frac{\partial \mathcal{L}}{\partial H_{l-1}} \odot f_{l-1}'(Z_{l-1})",
     "hidden layer, entrywise activation: dL/dZ_{l-1} = dL/dH_{l-1} entrywise f'(Z_{l-1}); holds"),
]
ABH_DIRS = [
    ("**Backward Propagation**", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=in-out names: \\tilde{H}_{l-1}=input H_{l-1}=input \\tilde{W}_l=kernel Z_l=output Z_L=output H_L=activation \\mathcal{L}=loss -->"),
]
ABH_EXCL = [
    (r"\tilde{H}_0 = [X, 1]", "forward definition"),
    (r"Z_l = \tilde{H}_{l-1} \tilde{W}_l, \quad", "forward definition"),
    (r"H_l = f_l(Z_l), \quad", "forward definition"),
    (r"\tilde{H}_l = [H_l, 1], \quad", "forward definition"),
    (r"H_L = f_L(Z_L), \quad", "forward definition"),
    (r"\mathcal{L} = \frac{1}{n} \sum_{i=1}^n \ell(H_L[i], Y[i])", "loss definition"),
    (r"\frac{\partial \mathcal{L}}{\partial H_L}, \quad \text{Dimensions", "names the gradient to compute and its size; no equation"),
]

# ---------------------------------------------------------------- rudra_backprop_the_what_en
RUD = [
    ("dLdY", r"\text{where } \frac{\partial L}{\partial \hat{Y}} = \frac{\partial}{\partial \hat{Y}} (Y - \hat{Y})^2 = -2(Y - \hat{Y})",
     "L = (Y - Y^)^2 for one student: dL/dY^ = -2(Y - Y^); holds (drawn Y, inputs and weights)"),
    ("w11_2", r"\text{Thus, } \frac{\partial L}{\partial w_{11}^2} = -2(Y - \hat{Y}) O_{11}",
     "2-2-1 network without activations: O_11 = x_i1 w'_11 + x_i2 w'_21 + b'_11, O_12 = x_i1 w'_12 + x_i2 w'_22 + b'_12, Y^ = O_11 w^2_11 + O_12 w^2_21 + b_21 (the page's own expansions); dL/dw^2_11 = -2(Y - Y^) O_11; holds"),
    ("w21_2", r"\text{Thus, } \frac{\partial L}{\partial w_{21}^2} = -2(Y - \hat{Y}) O_{12}",
     "dL/dw^2_21 = -2(Y - Y^) O_12; holds"),
    ("b21", r"\text{Thus, } \frac{\partial L}{\partial b_{21}} = -2(Y - \hat{Y})",
     "dL/db_21 = -2(Y - Y^); holds"),
    ("w11p", r"\frac{\partial O_{11}}{\partial w_{11}'} = -2(Y - \hat{Y}) w_{11}^2 x_{i1}",
     "every member: dL/dw'_11 = dL/dY^ . dY^/dO_11 . dO_11/dw'_11 = -2(Y - Y^) w^2_11 x_i1; holds"),
    ("w21p", r"\frac{\partial O_{11}}{\partial w_{21}'} = -2(Y - \hat{Y}) w_{11}^2 x_{i2}",
     "dL/dw'_21 = -2(Y - Y^) w^2_11 x_i2 (w'_21 joins input 2 to O_11); holds"),
    ("w12p", r"\frac{\partial O_{12}}{\partial w_{12}'} = -2(Y - \hat{Y}) W_{21}^2 X_{i1}",
     "W^2_21 read as w^2_21 and X_i1 as x_i1 (the page writes both cases for the same quantities): dL/dw'_12 = -2(Y - Y^) w^2_21 x_i1; holds"),
]
RUD_DIRS = [
    ("#### Chain Rule", "<!-- symbp: layer=fc in=2 out=1 weight=in-out names: O=input w=kernel W=kernel b=bias \\hat{Y}=output Y=target L=loss -->"),
    ("### Layer 1\n", "<!-- symbp: layer=fc in=2 out=2 weight=in-out names: x=input X=input w=kernel b=bias O=output \\hat{Y}=output Y=target L=loss -->"),
]
RUD_EXCL = [
    (r"W_{\text{new}} = W_{\text{old}} - \eta \frac{\partial L}{\partial W_{\text{old}}}" + "\n$$", "an update rule (assignment)"),
    (r"b_{\text{new}} = b_{\text{old}} - \eta", "an update rule (assignment)"),
    (r"\frac{\partial L}{\partial w_{11}'}, \frac{\partial L}{\partial w_{21}'}", "a list of the derivatives to find, no equation (it names weights w'_31, w'_41 the network does not have)"),
    (r"\frac{\partial L}{\partial w_{11}^2}, \frac{\partial L}{\partial w_{21}^2}", "a list of the derivatives to find, no equation"),
    (r"\cdot \frac{\partial \hat{Y}}{\partial w_{11}^2} \quad (\text{Chain Rule})", "the chain-rule step for dL/dw^2_11 (holds); left out for the 30% cap"),
    (r"\text{and } \frac{\partial \hat{Y}}{\partial w_{11}^2}", "dY^/dw^2_11 = O_11 (holds); left out for the 30% cap"),
    ("1. Derivative of Loss w.r.t. Prediction", "the numbered list restates rows of the block above (all hold)"),
    (r"\text{where } \frac{\partial \hat{Y}}{\partial w_{21}^2}", "dY^/dw^2_21 = O_12 (holds); left out for the 30% cap"),
    (r"\text{where } \frac{\partial \hat{Y}}{\partial b_{21}}", "dY^/db_21 = 1 (holds); left out for the 30% cap"),
    (r"\frac{\partial O_{11}}{\partial b_{11}'} = -2(Y - \hat{Y}) w_{11}^2", "dL/db'_11 = -2(Y - Y^) w^2_11 (holds); left out for the 30% cap"),
    (r"\frac{\partial \hat{Y}}{\partial O_{11}} ", "dY^/dO_11 = W^2_11, dY^/dO_12 = W^2_21 (hold); left out for the 30% cap"),
    (r"[x_{i1} w_{11}' + x_{i2} w_{21}' + b_{11}'] = x_{i1}", "the local derivatives of O_11 (hold); left out for the 30% cap"),
    (r"\frac{\partial O_{12}}{\partial w_{22}'} = -2(Y - \hat{Y}) W_{21}^2 X_{i2}", "dL/dw'_22 (holds); left out for the 30% cap"),
    (r"\frac{\partial O_{12}}{\partial b_{12}'} = -2(Y - \hat{Y}) W_{21}^2", "dL/db'_12 (holds); left out for the 30% cap"),
    (r"\left[ X_{i1} w_{12}' + X_{i2} w_{22}' + b_{12}' \right] = X_{i1}", "the local derivatives of O_12 (hold); left out for the 30% cap"),
    (r"\text{epocs} = 1000", "the training loop in words with an update rule (no gradient claim)"),
]

# ---------------------------------------------------------------- dsse_27506_cnn_deltas_en
DSQ = [
    ("d11", r"\delta_{11}=(0.25 * 0.61 + -0.15 * 0.02) * 0.58 * (1 - 0.58) = 0.0364182",
     "conv -> 2x2 max pool -> logistic sigmoid -> FC with 2 neurons H1, H2; delta_ij read as dE/d(pooled value ij), the input of the sigmoid, with dE/dH1 = 0.25, dE/dH2 = -0.15, sigmoid outputs s = 0.58, 0.57, 0.65, 0.55 and weights to H1 / H2 as the rows use them (the page's picture): delta_ij = (sum_k dE/dH_k w_k,ij) s_ij (1 - s_ij); the written number equals the product and the autograd gradient: 0.0364182; holds"),
    ("d12", r"\delta_{12}=(0.25 * 0.82 + -0.15 * -0.50) * 0.57 * (1 - 0.57) = 0.068628",
     "same reading: (0.205 + 0.075) * 0.2451 = 0.068628; holds"),
    ("d21", r"\delta_{21}=(0.25 * 0.96 + -0.15 * 0.23) * 0.65 * (1 - 0.65) = 0.04675125",
     "same reading: 0.2055 * 0.2275 = 0.04675125; holds"),
    ("d22", r"\delta_{22}=(0.25 * -1.00 + -0.15 * 0.17) * 0.55 * (1 - 0.55) = -0.06818625",
     "same reading: -0.2755 * 0.2475 = -0.06818625; holds"),
    ("dw", r"\frac{\partial E}{\partial w^l_{m', n'}} = \sum_{i=0}^{H-k_1} \sum_{j=0}^{W-k_2} \delta_{i,j}^l o^{l-1}_{i+m', j+n'}",
     "valid cross-correlation x_ij = sum_{m,n} w_mn o_{i+m,j+n} + b_ij (indices from 0), H x W input, k1 x k2 kernel, output (H-k1+1) x (W-k2+1), delta = dE/dx: dE/dw_{m',n'} = sum over the output of delta_ij o_{i+m',j+n'}; holds (5x5/2x2, 6x4/3x2, 4x6/2x3; drawn loss)"),
]
DSQ_DIRS = [
    ("## Question", "<!-- symbp: layer=fc in=4 out=2 weight=out-in names: \\delta=input_grad -->"),
    ("## Answer (the stored part)", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=1 padding=0 names: o^{l-1}=input w^l=kernel b^l=bias x^l=output \\delta^l=output_grad E=loss -->"),
]
DSQ_EXCL = [
    (r"x_{i, j}^l = \sum_m \sum_n w_{m,n}^l o_{i+m, j+n}^{l-1} + b_{i, j}^l", "forward definition"),
    (r"E = \frac{1}{2}\sum_p (t_p - y_p)^2", "loss definition"),
    (r"w^{l(t+1)}_{m', n'} = w^{l(t)}_{m', n'} - \eta", "an update rule (assignment)"),
]

# ---------------------------------------------------------------- dsse_11699_maxpool_en
MXP = [
    ("asker", r"{\delta_i}^l = \theta^{'}({z_i}^l) \sum_{j} {\delta_j}^{l+1} w_{i,j}^{l,l+1}",
     "fully connected layers, z_j^{l+1} = sum_i w_{i,j}^{l,l+1} theta(z_i^l) + b_j (w_{i,j} joins unit i of layer l to unit j of layer l+1), delta = dE/dz: delta_i^l = theta'(z_i^l) sum_j delta_j^{l+1} w_{i,j}; holds (tanh and sigmoid, drawn sizes)"),
    ("grad", r"grad(PR_j) = \sum_i grad(P_i) f^\prime W_{ij}",
     "P_i = f(sum_j W_ij PR_j), grad(.) the gradient of the loss, the bare f' read as f' at the input of P_i (sum_j W_ij PR_j): grad(PR_j) = sum_i grad(P_i) f'(.) W_ij; holds (tanh, sigmoid)"),
    ("maxrow", r"grad(PR_{max\ neuron}) = \sum_i grad(P_i) W_{i\ {max\ neuron}}",
     "the answer's max-pooling case: P the pooling layer over PR with non-overlapping windows, P_i = max of its window = sum_j W_ij PR_j with W_ij = 1 for the window's maximum and 0 otherwise (f = id on the max neuron, as the answer says): for the maximum of each window, grad(PR_max) = sum_i grad(P_i) W_{i,max} = grad(P) of its window; holds (1-D windows of 2 and 3, 2-D 2x2 windows; autograd of max pooling)"),
]
MXP_DIRS = [
    ("## Question", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: z=input w=kernel \\delta=output_grad E=loss -->"),
    ("## Answer 2 (stored part)", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: PR=input P=output -->"),
]
MXP_EXCL = [
    (r"P_i = f(\sum_j W_{ij} PR_j)", "forward definition"),
]

# ---------------------------------------------------------------- statsse_414301_maxpool_channels_en
SXM = [
    ("mask", r"\begin{bmatrix} [0, 0]  [1,0] \\ [0,2]  [0,0]\end{bmatrix}",
     "the 2x2 grid with d = 2 channels at each position (the entry [a, b] at a position holds channel 0 and channel 1), 2x2 max pooling per channel, upstream gradient g = [1, 2]: the gradient goes to (row 0, col 1) in channel 0 (value 4) and to (row 1, col 0) in channel 1 (value 7); the written matrix equals the autograd gradient of max pooling; holds"),
]
SXM_DIRS = [
    ("## Question", "<!-- symbp: layer=maxpool input=2x2 kernel=2x2 stride=2 channels=2 names: g=output_grad -->"),
]
SXM_EXCL = [
    (r"\begin{bmatrix} [1, 2] & [4,6] \\ [3,7] & [2,2]\end{bmatrix}", "the forward input (definition)"),
    (r"$$[[4, 7]]$$", "the forward output (a worked forward value, no derivative)"),
    (r"$$f(x) = max(0, x)$$", "definition of the rectifier"),
    (r"f^{'}(x) = 1 \text{ if } y \geq 0, 0 \text{ otherwise}", "a calculus reminder about the rectifier (its condition names a y that the answer never defines)"),
]

# ---------------------------------------------------------------- dsse_75593_cnn_error_delta_en
DSD = [
    ("bp1", r"\delta^L = (a^L-y) \odot \sigma'(z^L) (1)",
     "the asker's notation is Nielsen's (a^l = sigma(z^l), z^l = w^l a^{l-1} + b^l, delta = dC/dz); the cost is not written, read as the quadratic cost C = (1/2)||a^L - y||^2 under which the row is stated (the trailing (1) is the equation number): delta^L = (a^L - y) entrywise sigma'(z^L); holds (sigmoid, drawn sizes)"),
    ("bp2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l) (2)",
     "delta^l = ((w^{l+1})^T delta^{l+1}) entrywise sigma'(z^l) for every hidden layer; holds"),
    ("bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j (3)",
     "w_{jk}^l joins unit k of layer l-1 to unit j of layer l: dC/dw_{jk}^l = a_k^{l-1} delta_j^l; holds"),
]
DSD_DIRS = [
    ("## Question", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: a^{l-1}=input w^l=kernel w^{l+1}=kernel z^l=output a^l=activation a^L=activation y=target \\delta^l=output_grad C=loss -->"),
]
DSD_EXCL = []

TABLE = {
    "abhij_numpy_ann_batch_en.md": ("abh", ABH, ABH_DIRS, ABH_EXCL),
    "rudra_backprop_the_what_en.md": ("rud", RUD, RUD_DIRS, RUD_EXCL),
    "dsse_27506_cnn_deltas_en.md": ("dsq", DSQ, DSQ_DIRS, DSQ_EXCL),
    "dsse_11699_maxpool_en.md": ("mxp", MXP, MXP_DIRS, MXP_EXCL),
    "statsse_414301_maxpool_channels_en.md": ("sxm", SXM, SXM_DIRS, SXM_EXCL),
    "dsse_75593_cnn_error_delta_en.md": ("dsd", DSD, DSD_DIRS, DSD_EXCL),
}
