"""The seventy-seventh held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout77.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- nn_impl_report_en
IR = [
    ("fc_dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \cdot W^T",
     "the linear layer Y = XW + b with the batch as the rows of X (N x in_dim), W in_dim x out_dim, b a 1 x out_dim row added to every row, L any loss of Y (drawn); dL/dX = dL/dY W^T ('\\cdot' a matrix product); holds (N, in, out = 4,3,2; 2,5,3; 6,2,4; autograd)"),
    ("fc_dW", r"\frac{\partial L}{\partial W} = X^T \cdot \frac{\partial L}{\partial Y}$$",
     "the same layer; dL/dW = X^T dL/dY (in_dim x out_dim); holds (every size and draw; autograd)"),
    ("fc_db", r"\frac{\partial L}{\partial b} = \sum_{i=1}^{B} \frac{\partial L}{\partial Y_i}",
     "the same layer with B the batch size and Y_i the i-th row of Y (the sample index of the shape [batch_size, out_dim]); dL/db = sum_i dL/dY_i, the column sums of dL/dY (the listing's np.sum(grad, axis=0)); holds (every size and draw; autograd)"),
    ("conv_dW", r"\frac{\partial L}{\partial W_{o,i,k_h,k_w}} = \sum_{b=0}^{B-1} \sum_{h=0}^{H_{out}-1} \sum_{w=0}^{W_{out}-1} I_{b,i,h \cdot s_h + k_h, w \cdot s_w + k_w}",
     "the conv2D forward O[b, o, h, w] = sum_i sum_{k_h, k_w} I[b, i, h s_h + k_h, w s_w + k_w] W[o, i, k_h, k_w] + b[o] (the page's display with the batch index its gradients carry; indices from 0; no padding, I being the padded input when there is some), H_out = floor((H - K_h)/s_h) + 1; dL/dW_{o,i,k_h,k_w} = sum_b sum_h sum_w I_{b,i,h s_h + k_h, w s_w + k_w} dL/dO_{b,o,h,w}; holds for every stride (batch 1, 2; channels 1->1, 2->3, 2->2; inputs 5x5, 6x5, 7x6; kernels 2x2, 3x2, 3x3; strides (2,2), (2,1), (2,2); autograd; stride 1 too: checked)"),
    ("conv_dI", r"W_{o,i,k_h,k_w} \cdot \frac{\partial L}{\partial O_{b,o,\lfloor\frac{h-k_h}{s_h}\rfloor,\lfloor\frac{w-k_w}{s_w}\rfloor}}",
     "the same forward; dL/dI_{b,i,h,w} written sum_o sum_{k_h} sum_{k_w} W_{o,i,k_h,k_w} dL/dO_{b,o,floor((h-k_h)/s_h),floor((w-k_w)/s_w)}, read with dL/dO zero where an index falls outside 0..H_out-1 (or 0..W_out-1); the input entry I[h] feeds O[h'] only when h = h' s_h + k_h, but the floor also takes the terms with s_h not dividing h - k_h (at s_h = 2, I[1] through k_h = 0 receives dL/dO[0], which it never fed), so with a stride of 2 the row adds wrong terms; refuted (every size above has a stride of 2 on some axis; every draw; at stride 1 the floor is exact and the row holds, and with the terms restricted to s_h | h - k_h it holds for every stride: both checked)"),
]
IR_DIRS = [
    ("### Forward Propagation", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: X=input W=kernel b=bias Y=output L=loss -->"),
    ("### Understanding the Math", "<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot index_base=1 names: z=input p=output y=target L=loss -->"),
    ("### Understanding Convolution Operations", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=2 channels=2,3 batch=2 conv=cross index_base=0 names: I=input W=kernel b=bias O=output L=loss layout: I=NCHW W=OIHW O=NCHW -->"),
]
IR_EXCL = [
    (r"$$Y = XW + b$$", "forward definition (the linear layer)"),
    (r"\frac{\partial L}{\partial Y} + \lambda W$$", "the weight-decay gradient X^T dL/dY + lambda W: right for the penalty (lambda/2)||W||^2, twice off for lambda ||W||^2; the page names 'L2 regularization' but writes no penalty, so the row is not settled (both readings checked)"),
    (r"\text{softmax}(z_i) = \frac{e^{z_i}}{\sum_{j=1}^{C} e^{z_j}}", "forward definition (softmax)"),
    (r"L = -\frac{1}{N}\sum_{i=1}^{N}\sum_{j=1}^{C} y_{ij} \log(p_{ij})", "the cross-entropy over the batch (definition)"),
    (r"\frac{\partial L}{\partial z_i} = p_i - y_i", "the softmax cross-entropy gradient p_i - y_i, written for one sample's logits: it holds for one sample's loss, while the mean over the N samples defined two displays before gives (p - y)/N, the division the page's listing then makes; which loss the row means is not settled (both checked)"),
    (r"O[o, h, w] = \sum_{i=0}^{C_{in}-1}", "forward definition (conv2D)"),
]

# ---------------------------------------------------------------- cnn_rnn_interview_en
CR = [
    ("maxpool_dX", r"\frac{\partial L}{\partial X_{m,n}} = \frac{\partial L}{\partial Y_{i,j}} \cdot \mathbb{I}\left((m,n) = \arg\max_{(u,v) \in \Omega_{i,j}} X_{u,v}\right)",
     "max pooling Y_{i,j} = max over the window Omega_{i,j} of X, the windows read as non-overlapping (window size = stride, 2 x 2 and 3 x 3 drawn) so that each X_{m,n} lies in exactly one window Omega_{i,j}, the (i, j) of the row; dL/dX_{m,n} = dL/dY_{i,j} 1[(m,n) = argmax of its window]; holds (inputs 4x4, 6x6, 6x4; 1 or 2 maps; ties have probability 0 with the drawn entries; autograd)"),
    ("avgpool_dX", r"\frac{\partial L}{\partial X_{m,n}} = \frac{1}{|\Omega_{i,j}|} \frac{\partial L}{\partial Y_{i,j}}",
     "average pooling Y_{i,j} = (1/|Omega_{i,j}|) sum over the window, the same non-overlapping windows; dL/dX_{m,n} = dL/dY_{i,j}/|Omega_{i,j}| with (i, j) the window holding (m, n); holds (same sizes; autograd; with overlapping windows, stride 1, the one-window row would miss the other windows' shares: checked, not the page's reading)"),
    ("bptt_dWhh", r"\frac{\partial L}{\partial W_{hh}} = \sum_{t=1}^T \sum_{k=1}^t \frac{\partial L_t}{\partial h_t} \frac{\partial h_t}{\partial h_k} \frac{\partial h_k}{\partial W_{hh}}",
     "h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), yhat_t = softmax(W_hy h_t + b_y), L = sum_t L_t with L_t a loss of yhat_t (drawn), h_0 given; dL/dW_hh = sum_t sum_{k=1}^t dL_t/dh_t dh_t/dh_k dh_k/dW_hh with dL_t/dh_t a row, dh_t/dh_k the Jacobian (dh_t/dh_t = I) and dh_k/dW_hh the immediate partial (h_{k-1} held fixed), the usual BPTT reading; equals autograd's dL/dW_hh; holds (T = 1, 2, 3; hidden 2, 3; every draw)"),
    ("dh_chain", r"= \prod_{j=k+1}^t \text{diag}\left(1 - \tanh^2(z_j)\right) W_{hh}^T",
     "with z_j = W_hh h_{j-1} + W_xh x_j + b_h the Jacobian dh_j/dh_{j-1} is diag(1 - tanh^2(z_j)) W_hh (outputs as rows), its transpose W_hh^T diag(1 - tanh^2(z_j)) in the gradient layout; the display's first link, the product of the one-step Jacobians, holds (in the order t down to k+1: checked), but its closing product of diag(1 - tanh^2(z_j)) W_hh^T is neither: already for t = k + 1 it differs from dh_{k+1}/dh_k and from its transpose (W_hh not symmetric), and for longer spans the product in either order, compared with the Jacobian and with its transpose, differs too; refuted (T = 2, 3; hidden 2, 3, 4; every pair k < t; every draw)"),
]
CR_DIRS = [
    ("*   **Max Pooling**: Extracts", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("*   **Average Pooling**: Downsamples", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("#### 3. Vanilla Recurrent Neural Network (RNN)", "<!-- symbp: layer=rnn in=2 hidden=3 out=2 steps=3 weight=out-in names: x_t=input h_t=output \\hat{y}_t=activation W_{xh}=kernel W_{hh}=kernel W_{hy}=kernel b_h=bias b_y=bias L_t=loss L=loss -->"),
    ("#### Gradient Dynamics During Backpropagation Through Time (BPTT)", "<!-- symbp: layer=rnn in=2 hidden=3 out=2 steps=3 weight=out-in names: x_j=input h_t=output h_k=output h_j=output W_{xh}=kernel W_{hh}=kernel b_h=bias L_t=loss L=loss -->"),
]
CR_EXCL = [
    (r"Y(i, j, k) = b_k + \sum_{c=1}^{C_{in}}", "forward definition (dilated, strided convolution)"),
    (r"H_{out} = \left\lfloor", "output size (not a gradient)"),
    (r"W_{out} = \left\lfloor", "output size (not a gradient)"),
    (r"h_t = \tanh\left(W_{hh} h_{t-1} + W_{xh} x_t + b_h\right)", "RNN forward definition"),
    (r"\hat{y}_t = \text{softmax}\left(W_{hy} h_t + b_y\right)", "RNN output (forward)"),
    (r"f_t &= \sigma\left(W_{f} x_t + U_{f} h_{t-1} + b_f\right)", "LSTM forward definitions (one display)"),
    (r"z_t &= \sigma\left(W_{z} x_t + U_{z} h_{t-1} + b_z\right)", "GRU forward definitions (one display)"),
    (r"\mathbf{g} \leftarrow \gamma \frac{\mathbf{g}}{\|\mathbf{g}\|_2}", "gradient clipping (an update, not a gradient)"),
]

# ---------------------------------------------------------------- bn_backprop_note_ko
KO = [
    ("dvar", r"= -\frac{1}{2}\sum_{i=1}^{m} \frac{\partial \mathcal{L}}{\partial \hat{x}_i} (x_i-\mu_B)(\sigma_B^2+\epsilon)^{-3/2}",
     "the forward of the formula section (biased variance, epsilon inside the root), y_i = gamma xhat_i + beta, L any loss of y (drawn); the boxed dL/dsigma_B^2 = sum_i dL/dxhat_i dxhat_i/dsigma_B^2 = -(1/2) sum_i dL/dxhat_i (x_i - mu_B)(sigma_B^2 + eps)^{-3/2}, read as autograd's gradient at the node sigma_B^2 (computed from x and mu_B); holds (m = 3, 4, 6; eps = 1e-5, 1e-2, 0.1; every draw)"),
    ("dvar_dmu", r"= -\frac{2}{m}\sum_{j}(x_j-\mu_B)",
     "sigma_B^2 = (1/m) sum_j (x_j - mu_B)^2 as a function of mu_B with the x_j held fixed: dsigma_B^2/dmu_B = (1/m) sum_j 2(x_j - mu_B)(-1) = -(2/m) sum_j (x_j - mu_B), every link of the row; it is 0 at mu_B the batch mean, as the next sentence says; holds (autograd of that function, at the batch mean and at other drawn mu; every size)"),
    ("dmu", r"= -\frac{1}{\sqrt{\sigma_B^2+\epsilon}}\sum_{i=1}^{m} \frac{\partial \mathcal{L}}{\partial \hat{x}_i}",
     "the boxed dL/dmu_B = sum_i dL/dxhat_i dxhat_i/dmu_B = -(1/sqrt(sigma_B^2 + eps)) sum_i dL/dxhat_i, with the path through sigma_B^2 dropped because dsigma_B^2/dmu_B vanishes; autograd's gradient at the node mu_B (sigma_B^2 computed from mu_B) is exactly that sum; holds (every size, eps and draw)"),
    ("dvar_dx", r"\frac{\partial \sigma_B^2}{\partial x_i} = \frac{2}{m}(x_i-\mu_B)",
     "'path 2': dsigma_B^2/dx_i = (2/m)(x_i - mu_B), both as the partial with mu_B held fixed and as the total derivative through mu_B (the extra term -(2/m^2) sum_j (x_j - mu_B) is 0); holds (autograd Jacobian of the variance by x, both readings; every size)"),
    ("dx", r"+ \frac{\partial \mathcal{L}}{\partial \sigma_B^2}\cdot\frac{2}{m}(x_i-\mu_B)",
     "the three paths summed: dL/dx_i = dL/dxhat_i / sqrt(sigma_B^2 + eps) + dL/dsigma_B^2 (2/m)(x_i - mu_B) + dL/dmu_B (1/m), with autograd's gradients at the nodes xhat, sigma_B^2 and mu_B (sigma_B^2 computed from mu_B), equals autograd's dL/dx; holds (every size, eps and draw; the boxed repeat holds likewise)"),
]
KO_DIRS = [
    ("# 배치 적규화 공식", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift \\mathcal{L}=loss -->"),
]
KO_EXCL = [
    (r"= (x_i-\mu_B)\cdot(\sigma_B^2+\epsilon)^{-1/2}", "the normalisation rewritten (forward definition)"),
    (r"= -\frac{1}{2} (x_i-\mu_B)(\sigma_B^2+\epsilon)^{-3/2}", "local derivative dxhat_i/dsigma_B^2 (holds: checked); left out"),
    (r"= \underbrace{\frac{\partial (x_i-\mu_B)}{\partial \mu_B}}_{=-1}", "local derivative dxhat_i/dmu_B = -1/sqrt(sigma_B^2 + eps), here and after the vanishing path (holds: checked); left out"),
    (r"= -\frac{1}{2}(\sigma_B^2+\epsilon)^{-3/2},", "derivative of 1/sqrt(sigma_B^2 + eps) by sigma_B^2 (holds); left out"),
    (r"\frac{\partial \hat{x}_i}{\partial x_i}\bigg|_{\text{직접}}", "local derivative along the direct path (holds); left out"),
    (r"\frac{\partial \hat{x}_i}{\partial \sigma_B^2} = -\frac{1}{2}(x_i-\mu_B)(\sigma_B^2+\epsilon)^{-3/2}", "local derivative repeated under path 2 (holds); left out"),
    (r"\frac{\partial \hat{x}_i}{\partial \mu_B} = -\frac{1}{\sqrt{\sigma_B^2+\epsilon}}", "local derivative repeated under path 3 (holds); left out"),
    (r"\frac{\partial \mu_B}{\partial x_i} = \frac{1}{m}", "local derivative (holds); left out"),
    ("\\boxed{\n\\frac{\\partial \\mathcal{L}}{\\partial x_i}", "the boxed repeat of the scored dx (holds); left out as a repeat"),
]

# ---------------------------------------------------------------- matrix_calculus_dl_zh
ZH = [
    ("mm_grads", r"\dfrac{\partial L}{\partial \mathbf{A}} = \mathbf{G}\mathbf{B}^{\top},",
     "Y = AB with A n x p, B p x m, G = dL/dY, L any loss of Y (drawn); the display: dL/dA_ik = sum_j dL/dY_ij B_kj, dL/dA = G B^T, dL/dB_kj = sum_i dL/dY_ij A_ik, dL/dB = A^T G; every part holds (n, p, m = 2,3,2; 4,3,5; 3,2,4; autograd)"),
    ("sdp_grads", r"\dfrac{\partial L}{\partial \mathbf{Q}} = \dfrac{1}{\sqrt{d_k}} \dfrac{\partial L}{\partial \mathbf{S}} \mathbf{K},",
     "S = Q K^T / sqrt(d_k) with Q n x d_k, K n' x d_k, L any loss of S: dL/dQ = (1/sqrt(d_k)) dL/dS K and dL/dK = (1/sqrt(d_k)) (dL/dS)^T Q; both hold (n, n', d_k = 3,3,2; 4,2,3; 2,5,4; autograd; the repeat under self-attention step 3 is the same display)"),
    ("sm_vec", r"= g_j a_j - a_j \sum_i g_i a_i = a_j \left( g_j - \sum_i g_i a_i \right)",
     "a = softmax(s), g_i = dL/da_i, L any loss of a: dL/ds_j = sum_i g_i da_i/ds_j = g_j a_j - a_j sum_i g_i a_i = a_j (g_j - sum_i g_i a_i); every link holds (n = 2, 3, 4, 6; autograd; the local da_i/ds_j = a_i (delta_ij - a_j) holds too: checked)"),
    ("sm_mat", r"\dfrac{\partial L}{\partial \mathbf{S}} = \mathbf{A} \circ \left( \dfrac{\partial L}{\partial \mathbf{A}} - \mathbf{1}\, \mathrm{rowsum}",
     "A = softmax(S) row by row (the page: 逐行), rowsum(M) the column of the row sums of M (the page says so), 1 the all-ones column: the row gives dL/dS = A o (dL/dA - 1 r^T) with r = rowsum(dL/dA o A); 1 r^T has the entry r_j in row i, subtracting from every row the vector of all the rows' weighted sums, while stacking the vector rule row by row needs r_i in row i, i.e. r 1^T; for a non-square S (n x m, n != m) the row does not even fit the shapes, and for a square one (the attention scores, n x n, the sizes the row is written for) it differs from autograd's gradient; refuted (n = 2, 3, 4 square, and 2 x 3, 3 x 4; every draw; with r 1^T it holds: checked); the repeats under self-attention step 2 and in the closing table are the same slip, counted once"),
    ("conv_dw", r"\dfrac{\partial L}{\partial w_k} = \sum_{i=1}^{3} \dfrac{\partial L}{\partial y_i} x_{i + k - 1}",
     "the page's example, x in R^4, w = (w_1, w_2), y_i = sum_k w_k x_{i+k-1} for i = 1..3 (the displayed y); dL/dw_k = sum_{i=1}^3 dL/dy_i x_{i+k-1}, and the example dL/dw_1 = dL/dy_1 x_1 + dL/dy_2 x_2 + dL/dy_3 x_3; holds (k = 1, 2; L drawn; autograd; with the upper limit n - K + 1 the same row holds for other sizes: checked)"),
    ("ln_jac", r"= \dfrac{\delta_{ij} - \frac{1}{n}}{\sqrt{s}} - \dfrac{(x_i - \mu)(x_j - \mu)}{n\, s^{\frac{3}{2}}}",
     "z = (x - mu 1)/sqrt(s), s = sigma^2 + eps with mu and sigma^2 (biased) over the n components of one vector x; dz_i/dx_j = (delta_ij - 1/n) s^{-1/2} + (x_i - mu)(-1/2) s^{-3/2} (2/n)(x_j - mu) = (delta_ij - 1/n)/sqrt(s) - (x_i - mu)(x_j - mu)/(n s^{3/2}); both rows hold (n = 3, 4, 6; eps = 1e-5, 0.1; autograd Jacobian; the matrix forms J_z and diag(gamma) J_z hold too: checked)"),
    ("ln_dgamma", r"\dfrac{\partial L}{\partial \gamma} = \dfrac{\partial L}{\partial \mathbf{y}} \circ \mathbf{z},",
     "y = z o gamma + beta with gamma, beta in R^n (one per component), L any loss of y: dL/dgamma = dL/dy o z and dL/dbeta = dL/dy; both hold (every size and draw; autograd)"),
]
ZH_DIRS = [
    ("### 全连接层", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input \\mathbf{W}=kernel \\mathbf{b}=bias \\mathbf{y}=output L=loss -->"),
    ("### 激活函数", "<!-- symbp: layer=activation name=relu names: x=input \\mathbf{x}=input \\mathbf{y}=output L=loss -->"),
    ("### 矩阵乘法的导数", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows names: \\mathbf{A}=input \\mathbf{B}=kernel \\mathbf{Y}=output \\mathbf{G}=output_grad L=loss -->"),
    ("### Softmax 的导数", "<!-- symbp: layer=softmax classes=3 batch=3 names: s=input a=output g=output_grad \\mathbf{S}=input \\mathbf{A}=output L=loss -->"),
    ("### 卷积层", "<!-- symbp: layer=conv1d input=4 kernel=2 conv=cross index_base=1 names: \\mathbf{x}=input x=input \\mathbf{w}=kernel w=kernel \\mathbf{y}=output y=output L=loss -->"),
    ("### 归一化层", "<!-- symbp: layer=layernorm features=4 names: \\mathbf{x}=input \\mathbf{y}=output \\mathbf{z}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("### 前馈网络", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{h}=input \\mathbf{W_{out}}=kernel \\mathbf{b_{out}}=bias \\mathbf{y}=output \\mathbf{t}=target L=loss -->"),
    ("### 自注意力", "<!-- symbp: layer=attention seq=3 dim=3 names: \\mathbf{Q}=query \\mathbf{K}=key \\mathbf{V}=value \\mathbf{S}=scores \\mathbf{A}=weights \\mathbf{O}=output \\mathbf{G}=output_grad L=loss -->"),
]
ZH_EXCL = [
    (r"\mathbf{y} = \mathbf{W} \mathbf{x} + \mathbf{b}", "forward definition (fully connected)"),
    (r"\dfrac{\mathrm{d}\mathbf{y}}{\mathrm{d}\mathbf{x}} = \mathbf{W}^{\top}", "dy/dx = W^T: the Jacobian transposed, right in the denominator layout the essay declares (checked); a layout statement, not a gradient of the loss; left out"),
    (r"\dfrac{\partial y_i}{\partial w_{ij}} = x_j", "local derivative and the abbreviation dy/dW = x^T (a third-order tensor written short, as the page says); not settled as written; left out"),
    (r"\mathrm{ReLU}(x) = \max(0, x)", "forward definition (ReLU)"),
    (r"\dfrac{\mathrm{d}}{\mathrm{d}x} \mathrm{ReLU}(x)", "ReLU's derivative (holds away from 0: checked); left out"),
    (r"= \mathrm{diag}(\mathbf{x} > \mathbf{0})", "the ReLU Jacobian diag(x > 0) (holds away from 0: checked); left out"),
    (r"\mathrm{diag}(\begin{bmatrix}", "definition of diag"),
    (r"\mathbf{Y} = \mathbf{A}\mathbf{B} \quad", "forward definition (matrix product)"),
    (r"a_i = \dfrac{e^{s_i}}{\sum_k e^{s_k}}", "forward definition (softmax)"),
    (r"\dfrac{\partial a_i}{\partial s_j} = a_i (\delta_{ij} - a_j)", "the softmax Jacobian (holds: checked); left out for the cap"),
    (r"\mathbf{y} = \begin{bmatrix} w_1 x_1 + w_2 x_2", "forward definition (1-D convolution)"),
    (r"\mathbf{W} = \begin{bmatrix}", "the band matrix of the convolution (forward)"),
    (r"\mathbf{y} = \dfrac{\mathbf{x} - \mu \mathbf{1}}{\sqrt{\sigma^2 + \varepsilon}} \circ \gamma + \beta", "forward definition (normalisation)"),
    (r"\mathbf{x} - \mu \mathbf{1}", "centring as P x (an identity, holds: checked); not a gradient"),
    (r"\sigma^2 + \varepsilon", "the variance as a quadratic form (an identity, holds: checked); not a gradient"),
    (r"\mathbf{z} = \dfrac{\mathbf{P}\mathbf{x}}{\sqrt{s}}", "forward definition"),
    (r"\mathbf{J}_{\mathbf{z}}(\mathbf{x}) = \dfrac{1}{\sqrt{s}} \mathbf{P}", "the Jacobian of z in matrix form (holds: checked); left out as the matrix form of ln_jac"),
    (r"\mathbf{J}(\mathbf{x}) = \mathrm{diag}(\gamma) \left[", "the layer's Jacobian diag(gamma) J_z (holds: checked); left out for the cap"),
    (r"\mathbf{y} = \mathbf{W_{out}} \, \mathrm{ReLU}", "forward definition (feed-forward network)"),
    (r"\mathbf{g} &= \mathbf{W_{in}} \mathbf{x} + \mathbf{b_{in}}", "forward definitions (three rows)"),
    (r"\dfrac{\partial L}{\partial \mathbf{y}} = \mathbf{y} - \mathbf{t}", "gradient of L = (1/2)||y - t||^2 (holds: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial (\mathbf{W_{out}})_{ij}} = \dfrac{\partial L}{\partial y_i} h_j", "dL/dW_out = dL/dy h^T and dL/db_out = dL/dy (hold: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial \mathbf{h}} = \mathbf{W_{out}}^{\top} \dfrac{\partial L}{\partial \mathbf{y}}", "dL/dh = W_out^T dL/dy (holds: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial \mathbf{g}} = \mathrm{diag}(\mathbf{g} > \mathbf{0})", "dL/dg through ReLU (both links hold: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial \mathbf{W_{in}}} = \dfrac{\partial L}{\partial \mathbf{g}} \mathbf{x}^{\top}", "dL/dW_in = dL/dg x^T and dL/db_in = dL/dg (hold: checked); left out for the cap"),
    (r"\mathbf{Q} = \mathbf{X}\mathbf{W}_Q, \quad", "forward definitions (self-attention projections)"),
    (r"\mathbf{S} = \dfrac{\mathbf{Q}\mathbf{K}^{\top}}{\sqrt{d_k}}, \quad", "forward definitions (scores, row-wise softmax, output)"),
    (r"\dfrac{\partial L}{\partial \mathbf{V}} = \mathbf{A}^{\top}\mathbf{G},", "dL/dV = A^T G and dL/dA = G V^T (hold: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial \mathbf{W}_Q} = \mathbf{X}^{\top} \dfrac{\partial L}{\partial \mathbf{Q}}, \quad", "the three projection gradients (hold: checked); left out for the cap"),
    (r"\dfrac{\partial L}{\partial \mathbf{X}} = \dfrac{\partial L}{\partial \mathbf{Q}} \mathbf{W}_Q^{\top}", "the branch sum dL/dX (holds: checked); left out for the cap"),
]

# ---------------------------------------------------------------- cnn_masterclass_en
MC = [
    ("dW_chain", r"\frac{\partial L}{\partial W_{m,n,c,k}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j,k}} \cdot \frac{\partial O_{i,j,k}}{\partial W_{m,n,c,k}}",
     "the forward O_{i,j,k} = sum_{m,n,c} X_{i+m,j+n,c} W_{m,n,c,k} + b_k (valid, indices from 0; X H x W x C_in, W K x K x C_in x C_out), L any loss of O (drawn); the chain over the outputs of channel k only (W_{m,n,c,k} feeds no other channel): dL/dW_{m,n,c,k} = sum_{i,j} dL/dO_{i,j,k} dO_{i,j,k}/dW_{m,n,c,k}; holds (inputs 5x5, 6x4, 4x6; K = 2, 3; channels 1->1, 2->3, 3->2; Jacobian and gradient by autograd)"),
    ("dW", r"\frac{\partial L}{\partial W_{m,n,c,k}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j,k}} \cdot X_{i+m, j+n, c}",
     "the same forward; dL/dW_{m,n,c,k} = sum_{i,j} dL/dO_{i,j,k} X_{i+m,j+n,c}, the sum over the output positions; holds (every size and draw; autograd)"),
    ("dX", r"\frac{\partial L}{\partial X_{p,q,c}} = \sum_{i,j,k} \frac{\partial L}{\partial O_{i,j,k}} \cdot W_{p-i, q-j, c, k}",
     "the same forward; dL/dX_{p,q,c} = sum_{i,j,k} dL/dO_{i,j,k} W_{p-i,q-j,c,k}, the sum over the output positions with W read as zero outside 0..K-1 (the preceding lines: X_{p,q,c} appears in O_{i,j,k} when m = p - i, n = q - j); holds (every size and draw; autograd; the chain display before it holds too: checked)"),
    ("db", r"\frac{\partial L}{\partial b_k} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j,k}}",
     "the same forward; dL/db_k = sum_{i,j} dL/dO_{i,j,k}; holds (every size and draw; autograd)"),
]
MC_DIRS = [
    ("### 2.7 Softmax Output", "<!-- symbp: layer=softmax classes=3 names: z=input L=loss -->"),
    ("### 3.1 Forward Pass Equations (Single Conv Layer)", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias O=output L=loss layout: X=HWC W=HWIO O=HWC -->"),
    ("### 5.3 Batch Normalization in CNNs", "<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
MC_EXCL = [
    (r"P(y=c | x) = \frac{e^{z_c}}{\sum_{j=1}^{C} e^{z_j}}", "forward definition (softmax)"),
    (r"O_{i,j,k} = \sum_{m=0}^{K-1} \sum_{n=0}^{K-1}", "forward definition (convolution)"),
    (r"\mathbf{O} = \mathbf{X} * \mathbf{W} + \mathbf{b}", "forward definition in operator form"),
    (r"\frac{\partial O_{i,j,k}}{\partial X_{p,q,c}}$$", "the chain rule for dL/dX over all outputs (an identity; holds: checked); left out"),
    (r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}", "batch-norm forward definitions (two displays)"),
]

TABLE = {
    "nn_impl_report_en.md": ("ir", IR, IR_DIRS, IR_EXCL),
    "cnn_rnn_interview_en.md": ("cr", CR, CR_DIRS, CR_EXCL),
    "bn_backprop_note_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
    "matrix_calculus_dl_zh.md": ("zh", ZH, ZH_DIRS, ZH_EXCL),
    "cnn_masterclass_en.md": ("mc", MC, MC_DIRS, MC_EXCL),
}
