"""The thirty-sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout36.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- xray_cnn_scratch_en.md
XR = [
    ("dLdyhat", r"\frac{\partial L}{\partial \hat{y}} = \begin{cases} -\frac{w_{pos}}{\hat{y}}",
     "weighted BCE L = -[w_pos y log y-hat + (1 - y) log(1 - y-hat)], y in {0, 1}: dL/dy-hat = -w_pos/y-hat for y = 1 and 1/(1 - y-hat) for y = 0 (autograd, drawn y-hat in (0, 1) and w_pos in {1, 5, drawn}); holds"),
    ("sig_grad", r"\frac{\partial \hat{y}}{\partial z} = \hat{y} \cdot (1 - \hat{y})",
     "y-hat = sigma(z): dy-hat/dz = y-hat (1 - y-hat); holds"),
    ("full_grad", r"-\frac{w_{pos}}{\hat{y}} \cdot \hat{y} \cdot (1 - \hat{y}) \cdot x",
     "dense output z = sum_i w_i x_i + b, y-hat = sigma(z), weighted BCE: dL/dw_i = -w_pos (1 - y-hat) x_i for y = 1 and y-hat x_i for y = 0, which the two written products equal (x the input that w multiplies); checked for every weight of drawn 3- and 5-input neurons; holds"),
    ("relu_bwd", r"\frac{\partial L}{\partial z_{i,j}} = \begin{cases} \frac{\partial L}{\partial A_{i,j}}",
     "A = ReLU(z) entrywise on a drawn map, L a drawn non-linear function of A: dL/dz = dL/dA where z > 0, 0 elsewhere; holds"),
    ("dK", r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i=0}^{H-1} \sum_{j=0}^{W-1}",
     "z_{i,j} = sum_{m,n} I_{i+m,j+n} K_{m,n} + b (valid cross-correlation, stride 1, indices from 0), H x W the output map as the text says: dL/dK_{m,n} = sum_{i,j} dL/dZ_{i,j} I_{i+m,j+n} (Z and z the same map); inputs 5x5 / 6x7 with 3x3 and 2x2 kernels; holds"),
    ("dL_de", r"\frac{\partial L}{\partial e} = \frac{\partial L}{\partial z_{0,0}} K_{1,1}",
     "3 x 3 input, 2 x 2 kernel, e = I_{1,1} the centre: dL/de = dz00 K11 + dz01 K10 + dz10 K01 + dz11 K00; holds"),
    ("dI_general", r"\frac{\partial L}{\partial I_{i,j}} = \sum_{m} \sum_{n} \frac{\partial L}{\partial z_{i-m, j-n}}",
     "same forward: dL/dI_{i,j} = sum_{m,n} dL/dz_{i-m,j-n} K_{m,n}, terms whose output index falls outside the map being zero; every input position, several sizes; holds"),
]
XR_DIRS = [
    ("### 5.2 The Initial Error Signal", "<!-- symbp: layer=fc in=3 out=1 names: x=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss -->"),
    ("### 5.6 Backpropagating through Pooling and ReLU", "<!-- symbp: layer=activation name=relu names: z=input A=output L=loss -->"),
    ("### 5.7 Convolutional Gradients", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: I=input K=kernel b=bias z=output Z=output L=loss -->"),
    ("### 5.8 Passing Error to Previous Feature Maps", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: I=input K=kernel z=output L=loss -->"),
]
XR_EXCL = [
    (r"$$z_{i,j} = \sum_{m} \sum_{n} I_{i+m, j+n} \cdot K_{m,n} + b$$", "forward definition"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "definition of the sigmoid"),
    (r"L = -[y \log(\hat{y}) + (1 - y) \log(1 - \hat{y})]", "definition of the loss"),
    (r"L = -[w_{pos} \cdot y \log(\hat{y}) + (1 - y) \log(1 - \hat{y})]", "definition of the weighted loss"),
    (r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial z} \cdot \frac{\partial z}{\partial w}", "the scalar chain rule (holds); stands twice verbatim (5.1 and 5.5); left out of the score (30% cap)"),
    (r"\text{Activation Gradient} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial z}", "names a quantity (the 'activation gradient', i.e. dL/dz); a definition"),
    (r"z = \sum_{i} w_i \cdot x_i + b", "forward definition of the dense output"),
    ("$$\n\\frac{\\partial z}{\\partial w} = x\n$$\n\nwith x", "dz/dw = x (holds); left out of the score (30% cap)"),
    ("\\frac{\\partial L}{\\partial \\hat{y}} = \\begin{cases} \n-\\frac{w_{pos}}{\\hat{y}}", "restatement of the row of 5.2 (holds)"),
    ("2. Sigmoid gradient:\n$$\n\\frac{\\partial \\hat{y}}{\\partial z} = \\hat{y} \\cdot (1 - \\hat{y})", "restatement of the sigmoid gradient (holds)"),
    ("3. Logit gradient with respect to the weight:\n$$\n\\frac{\\partial z}{\\partial w} = x", "restatement of dz/dw = x (holds)"),
    (r"\frac{\partial L}{\partial A_{i,j}} = \begin{cases} \frac{\partial L}{\partial O_{i,j}}", "max-pool backward written with the input's indices (i, j) on the pooled output O (a 2x2 pool halves the map, so O_{i,j} must mean the window holding A_{i,j}); under that reading it holds (stride = window), read literally it is wrong; the reading decides, so it is not scored"),
    (r"\text{Argmax mask} = \begin{bmatrix}", "the argmax mask of the 4x4 example (2x2 windows, stride 2) is right (holds); left out of the score (30% cap)"),
    (r"K_{m,n}^{\text{new}} = K_{m,n}^{\text{old}} - \eta \cdot \frac{\partial L}{\partial K_{m,n}}", "update rule (definition of the step)"),
    (r"K_{\text{new}} = K_{\text{old}} - \eta \cdot \frac{\partial L}{\partial K}", "update rule (definition of the step)"),
    (r"\text{Kernel at } (0,0): & \quad e \cdot K_{1,1} \rightarrow z_{0,0}", "forward bookkeeping (which weight meets e at which position); true, but no derivative"),
    (r"\frac{\partial L}{\partial e}_{\text{wrong}}", "the author's own example of the wrong pairing, labelled wrong (false as dL/de, as the text says); not a claim of the document"),
    (r"W_{\text{new}} = W_{\text{old}} - \eta \cdot \frac{\partial L}{\partial W}", "update rule (definition of the step)"),
]

# ---------------------------------------------------------------- cma_autograd_formules_fr.md
FR = [
    ("conv_dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} *_{full} W^{rot180}",
     "Y = X * W + b with * the im2col convolution, i.e. valid cross-correlation, stride 1, no padding (single channel): dL/dX = full cross-correlation of dL/dY (padded by k-1) with W turned 180 degrees (the document's * used in the backward as in the forward); inputs 5x5, 6x4 with 3x3, 2x3 kernels; holds"),
    ("conv_dW", r"\frac{\partial L}{\partial W} = X *_{valid} \frac{\partial L}{\partial Y}",
     "dL/dW = valid cross-correlation of X with dL/dY as the kernel: dW[m,n] = sum_{i,j} X[i+m,j+n] dY[i,j]; holds"),
    ("conv_db", r"\frac{\partial L}{\partial b} = \sum_{batch, h, w} \frac{\partial L}{\partial Y}",
     "NCHW, batch 2-3, several output channels: dL/db[c] = sum over batch, h, w of dL/dY[:, c]; holds"),
    ("max_bwd", r"\frac{\partial L}{\partial X}[b,c,h',w'] = \begin{cases}",
     "max pooling k x k with stride s = k (non-overlapping windows; (h, w) the window holding (h', w')): dL/dX is dL/dY of the window at its argmax and 0 elsewhere (drawn inputs, no ties; k = 2 and 3, batch and channels); holds"),
    ("avg_bwd", r"\frac{\partial L}{\partial X}[b,c,h',w'] = \frac{1}{k^2}",
     "average pooling k x k, stride s = k: every input of window (h, w) gets dL/dY[h, w] / k^2; holds"),
    ("bn_dx", r"\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}} \left(",
     "batch norm over N values (mu the mean, sigma^2 the biased variance of the batch, per feature), L a drawn non-linear function of y: dL/dx = gamma/sqrt(var + eps) (dy - mean(dy) - x-hat mean(dy x-hat)); N = 4, 6, features 1 and 3; holds"),
    ("sm_ce", r"\frac{\partial L}{\partial z_i} = p_i - y_i",
     "p = softmax(z), L = -sum_i y_i log p_i with y one-hot (and with y a drawn distribution summing to 1): dL/dz_i = p_i - y_i; holds"),
]
FR_DIRS = [
    ("### 7.1 Convolution 2D", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->"),
    ("### 7.2 Max Pooling", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("### 7.3 Average Pooling", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("### 7.4 Batch Normalization", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("### 7.5 Activations (exemples)", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input p=output y=target L=loss -->"),
]
FR_EXCL = [
    (r"$$Y = X * W + b$$", "forward definition"),
    (r"Y[b,c,h,w] = \max_{i,j \in window}", "forward definition"),
    (r"Y[b,c,h,w] = \frac{1}{k^2} \sum_{i,j \in window}", "forward definition"),
    (r"\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}", "forward definition"),
    (r"$$y = \gamma \hat{x} + \beta$$", "forward definition"),
    (r"\frac{\partial L}{\partial \gamma} = \sum \frac{\partial L}{\partial y} \cdot \hat{x}", "dL/dgamma = sum dy x-hat (holds); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial \beta} = \sum \frac{\partial L}{\partial y}", "dL/dbeta = sum dy (holds); left out of the score (30% cap)"),
    (r"$$f(x) = \max(0, x)$$", "definition of ReLU"),
    (r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}", "ReLU derivative (holds away from 0); left out of the score (30% cap)"),
    (r"\sigma(x) = \frac{1}{1 + e^{-x}}", "definition of the sigmoid"),
    (r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "sigmoid derivative (holds); left out of the score (30% cap)"),
]

# ---------------------------------------------------------------- zen_conv_layer_zh.md
ZC = [
    ("out_grad", r"\frac{\partial L}{\partial O_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial O_{i+m,j+n}} K(m,n)",
     "O = I correlated with K (valid, stride 1): dL/dO is the upstream gradient itself, and the row claims it equals sum_{m,n} dL/dO_{i+m,j+n} K(m,n) (fails for a drawn L); read instead as the error of a map O^l feeding the next convolution with kernel K, the true rule is sum_{m,n} dL/dO^{l+1}_{i-m,j-n} K(m,n) and the written i+m, j+n fails as well (drawn non-symmetric kernels); refuted under both readings"),
    ("dK", r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} I(i+m,j+n)",
     "O(i,j) = sum_{m,n} I(i+m,j+n) K(m,n): dL/dK_{m,n} = sum over output positions of dL/dO_{i,j} I(i+m,j+n); holds"),
    ("dI", r"\frac{\partial L}{\partial I_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial O_{i-m,j-n}} K(m,n)",
     "dL/dI_{i,j} = sum_{m,n} dL/dO_{i-m,j-n} K(m,n), out-of-range output indices contributing zero; holds"),
]
ZC_DIRS = [
    ("### 4.2 卷积反向传播的数学推导", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: I=input K=kernel O=output L=loss -->"),
]
ZC_EXCL = [
    (r"$$O(i,j) = \sum_{m}\sum_{n} I(i+m, j+n)K(m,n)$$", "forward definition"),
    (r"O_k(i,j) = \sum_{c}\sum_{m}\sum_{n} I_c(i+m, j+n)K_{c,k}(m,n)", "forward definition (channels)"),
    (r"$$W_2 = \frac{W_1 - F + 2P}{S} + 1$$", "output-size formula (no derivative); stands twice"),
    (r"$$H_2 = \frac{H_1 - F + 2P}{S} + 1$$", "output-size formula (no derivative); stands twice"),
]

# ---------------------------------------------------------------- cnn_fwd_bwd_pooling_zh.md
PZ = [
    ("avg_chain", r"\frac{\partial L}{\partial A_{11}^{1}}",
     "P_1^1 = (A_11 + ... + A_ss)/(s s) over an s x s window (non-overlapping average pooling, s = 2 and 3, L a drawn non-linear function of the pooled map): every member of the chain equals dL/dA_11 = dL/dP_1 / (s s) (the middle factor dP/dA_11 = 1/(s s)); holds"),
    ("avg_block", "\\left[\\begin{array}{ccc}\n\\frac{\\partial L}{\\partial P_{1}^{1}}",
     "the s x s block of the window's input gradients: every entry dL/dP_1^1 / (s s); holds"),
]
PZ_DIRS = [
    ("#### 平均池化反向传播", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=1 names: A^{1}=input P^{1}=output L=loss -->"),
]
PZ_EXCL = [
    (r"\overbrace{\begin{array}{cccc}k_1^1", "the im2col layout of kernels and patches (a definition; its last block has the typo k_2^1)"),
    ("$$\nKX\n$$", "the im2col product (definition)"),
    (r"Z^1 = KX + b \\", "forward definitions"),
    ("0 & 0 & 0\\\\\n0 & \\cdots & \\cdots \\\\", "illustration of max-pool routing: the block's maximum is drawn at one arbitrary place; true only for that placement, so not scored"),
    (r"P_{1}^{1} = \frac{1}{s \cdot s} \cdot(A_{11}^{1}", "forward definition of average pooling"),
]

# ---------------------------------------------------------------- zen_cnn_principles_zh.md
ZN = [
    ("dK_order", r"\frac{\partial L}{\partial K} = \frac{\partial L}{\partial S} * I",
     "the article defines (A * B)(i,j) = sum_{m,n} A(i+m, j+n) B(m,n) and S = I * K: (dL/dS * I)(m,n) = sum_{a,b} dL/dS(m+a, n+b) I(a,b) (dL/dS zero outside its range, whatever padding) equals the true dL/dK(m,n) = sum_{i,j} dL/dS(i,j) I(i+m, j+n) = (I * dL/dS)(m,n) only at m = n = 0; the operands are in the wrong order; refuted (drawn 5x5 / 6x6 inputs, 2x2 and 3x3 kernels)"),
]
ZN_DIRS = [
    ("#### 4.3.2 卷积层的反向传播", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: I=input K=kernel S=output L=loss -->"),
]
ZN_EXCL = [
    (r"S(i,j) = (I * K)(i,j) = \sum_m \sum_n I(i+m, j+n) K(m,n)", "definition of the operator * and the forward"),
    (r"S(i,j) = \sum_c (I_c * K_c)(i,j)", "forward definition (channels)"),
    (r"$$S(i,j) = \max_{m,n} I(i \times s + m, j \times s + n)$$", "forward definition"),
    (r"$$S(i,j) = \frac{1}{k^2} \sum_{m,n} I(i \times s + m, j \times s + n)$$", "forward definition"),
    (r"\frac{\partial L}{\partial \theta} = \frac{\partial L}{\partial o} \frac{\partial o}{\partial \theta}", "the generic chain rule with o 'the network output' (no shapes; a product of undefined Jacobians)"),
    (r"\frac{\partial L}{\partial I} = \frac{\partial L}{\partial S} * K_{rot}", "with the article's valid * the result is smaller than I and shifted; with an unstated full padding it holds; the padding is not given, so the verdict hangs on the reading"),
    (r"\frac{\partial L}{\partial I(i,j)} = \begin{cases}", "the input position and the window share the letters (i, j) (S(i,j) and I(i x s + m, ...)); read literally wrong, read with (i, j) the window holding the input it holds; the reading decides"),
    (r"\frac{\partial L}{\partial I(i,j)} = \frac{1}{k^2} \frac{\partial L}{\partial S(i,j)}", "the same index letters for the input and its window; the reading decides (see the max row)"),
]

# ---------------------------------------------------------------- segmentation_sampling_ko.md
KO = [
    ("max_bwd", r"\frac{\partial L}{\partial X_{p,q}} = \begin{cases}",
     "P_max(X)_{i,j} = max over the k x k window at (i s, j s); with s = k (non-overlapping windows; P_{i,j} the window that holds (p, q)): dL/dX_{p,q} = dL/dP_{i,j} at the window's maximum, 0 elsewhere; k = 2 and 3; holds"),
    ("avg_bwd", r"\frac{\partial L}{\partial X_{p,q}} = \frac{1}{k^2} \frac{\partial L}{\partial P_{i,j}}",
     "P_avg(X)_{i,j} = (1/k^2) sum of the window, s = k: dL/dX_{p,q} = dL/dP_{i,j} / k^2; holds"),
]
KO_DIRS = [
    ("#### 1.1.1. Max Pooling", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input P=output L=loss -->"),
    ("#### 1.1.2. Average Pooling", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input P=output L=loss -->"),
]
KO_EXCL = [
    (r"P_{max}(X)_{i,j} = \max_{0 \leq p < k, 0 \leq q < k}", "forward definition"),
    (r"P_{avg}(X)_{i,j} = \frac{1}{k^2} \sum_{p=0}^{k-1}", "forward definition"),
    (r"P_{global}(X) = \text{Pool}(\text{all spatial locations})", "definition"),
    (r"GAP(X) = \frac{1}{H \times W}", "definition"),
    (r"P_{learnable}(X)_{i,j} = \sum_{p,q} w_{p,q} \cdot X_{i+p,j+q}", "definition"),
    (r"Y_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i \cdot s + m, j \cdot s + n} W_{m,n}", "forward definition"),
    (r"H_{out} = \left\lfloor \frac{H_{in} + 2p - k}{s} \right\rfloor + 1", "output size (no derivative)"),
    (r"W_{out} = \left\lfloor \frac{W_{in} + 2p - k}{s} \right\rfloor + 1", "output size (no derivative)"),
]

# ---------------------------------------------------------------- conv3x3_comments_ja.md
JA = [
    ("dW_star", "∂L/∂W = X * ∂L/∂Y",
     "Y_{i,j,f} = sum_{u,v} X_{i+u,j+v} W_{f,u,v} (valid, stride 1) and * the file's cross-correlation (the gradient map slid over X): dL/dW_f[u,v] = sum_{i,j} X_{i+u,j+v} dL/dY_{i,j,f}; holds"),
    ("dW_patch", "∂L/∂W_f = Σ_{i,j} (∂L/∂Y_{i,j,f}) X_{patch(i,j)}",
     "the same gradient as a sum of the 3 x 3 patches weighted by dL/dY_{i,j,f}; 8x8 and 6x7 inputs, 1-3 filters; holds"),
]
JA_DIRS = [
    ("### forward", "<!-- symbp: layer=conv2d input=8x8 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
]
JA_EXCL = [
    ("$$Y_{i,j,f} = Σ_{u,v} X_{i+u,j+v} W_{f,u,v}$$", "forward definition"),
    ("$$W ← W - η ∂L/∂W$$", "update rule (definition of the step)"),
]

TABLE = {
    "xray_cnn_scratch_en.md": ("xr", XR, XR_DIRS, XR_EXCL),
    "cma_autograd_formules_fr.md": ("fr", FR, FR_DIRS, FR_EXCL),
    "zen_conv_layer_zh.md": ("zc", ZC, ZC_DIRS, ZC_EXCL),
    "cnn_fwd_bwd_pooling_zh.md": ("pz", PZ, PZ_DIRS, PZ_EXCL),
    "zen_cnn_principles_zh.md": ("zn", ZN, ZN_DIRS, ZN_EXCL),
    "segmentation_sampling_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
    "conv3x3_comments_ja.md": ("ja", JA, JA_DIRS, JA_EXCL),
}
