"""The seventy-eighth held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout78.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- mojo_layernorm_linear_en
MJ = [
    ("ln_dx", r"\Large \frac{\partial L}{\partial x} = \frac{\partial L}{\partial y} \odot",
     "LayerNorm over the H hidden components of one position: mu = (1/H) sum_i x_i, sigma^2 = (1/H) sum_i (x_i - mu)^2 (biased), xhat = (x - mu)/sqrt(sigma^2 + eps), y = gamma o xhat + beta with gamma, beta in R^H, L any loss of y (drawn); the row gives dL/dx_i = dL/dy_i gamma_i (1/sqrt(sigma^2 + eps)) (1 - 1/H - (x_i - mu)^2/(H(sigma^2 + eps))), which is only the diagonal term dL/dy_i gamma_i dxhat_i/dx_i: every xhat_j depends on x_i through mu and sigma^2, so the true gradient adds -(1/(H sqrt(sigma^2 + eps))) sum_{j != i} dL/dy_j gamma_j (1 + xhat_i xhat_j); refuted (H = 3, 4, 8; eps = 1e-5, 0.1; every draw; the row's factor is exactly the Jacobian's diagonal: checked); the repeats in the solution and in the derivation's final expression are the same row"),
    ("lin_dW", r"\Large \frac{\partial L}{\partial W} = \frac{\partial L}{\partial y}x^T",
     "the Linear layer y = W x + b of one position, W of shape [output_dim, hidden_dim] (the page's weight layout), x the LayerNorm output, L any loss of y (drawn): dL/dW = dL/dy x^T (an outer product, output_dim x hidden_dim); holds (hidden, out = 8, 16; 3, 2; 5, 4; autograd; over several positions the per-position outer products add up, the page's atomic accumulation: checked)"),
    ("lin_db", r"\Large \frac{\partial L}{\partial b} = \frac{\partial L}{\partial y} $$",
     "the same Linear layer of one position: dL/db = dL/dy; holds (every size and draw; autograd; summed over positions for a batch: checked)"),
    ("lin_dx", r"\Large \frac{\partial L}{\partial x} = W^T\frac{\partial L}{\partial y}",
     "the same Linear layer, x its input (the LayerNorm output): dL/dx = W^T dL/dy; holds (every size and draw; autograd)"),
    ("ln_dgamma", r"\sum_{i=1}^{H} \frac{\partial L}{\partial y_i} \odot \hat{x}_i",
     "gamma in R^H scales the H hidden components (the page's [hidden_dim] parameter gradient), and its gradient is dL/dgamma_h = sum over the positions p of dL/dy_{p,h} xhat_{p,h}; the row sums over i = 1..H, the hidden index that mu and sigma^2 run over on this page, which gives one number per position (sum_h dL/dy_h xhat_h), not the H-vector: neither its shape nor its value (broadcast to every h, or summed over positions) matches autograd's dL/dgamma; refuted (H = 3, 4, 8; 1, 3 and 4 positions; every draw); the shift gradient sum_{i=1}^{H} dL/dy_i, the same slip, is left out"),
]
MJ_DIRS = [
    ("1. LayerNorm backward (details of derivation in", "<!-- symbp: layer=layernorm features=H names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("2. Linear backward:", "<!-- symbp: layer=fc in=8 out=16 weight=out-in names: x=input W=kernel b=bias y=output L=loss -->"),
    ("2. **LayerNorm backward phase**", "<!-- symbp: layer=layernorm features=H names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("3. **Linear backward phase**", "<!-- symbp: layer=fc in=8 out=16 weight=out-in names: x=input W=kernel b=bias y=output L=loss -->"),
    ("## Detailed derivation of LayerNorm backward pass", "<!-- symbp: layer=layernorm features=H names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
MJ_EXCL = [
    (r"\frac{\partial L}{\partial y_{linear}}", "the chain rule for the fused operation dL/dx = dL/dy_linear dy_linear/dy_norm dy_norm/dx (an identity with Jacobians, row-vector gradients; holds: checked); left out"),
    (r"\Large \mu = \frac{1}{H} \sum_{i=1}^{H} x_i $$", "forward definition (mean)"),
    (r"\Large \sigma^2 = \frac{1}{H} \sum_{i=1}^{H} (x_i - \mu)^2", "forward definition (variance)"),
    (r"\Large \text{inv\_std} =", "forward definition (inverse standard deviation)"),
    ("\\Large \\hat{x} = \\frac{x -\n\\mu}{\\sqrt{\\sigma^2 + \\epsilon}} $$", "forward definition (normalised value)"),
    (r"L}{\partial y} \odot \gamma \odot \frac{1}{\sqrt{\sigma^2 + \epsilon}} (1", "the repeats of ln_dx in the solution and in the derivation's final expression (refuted: checked); scored once"),
    (r"\sum_{i=1}^{H} \frac{\partial L}{\partial y_i} $$", "the shift gradient summed over the hidden index i = 1..H, the slip of ln_dgamma (refuted: checked); left out, counted once"),
    ("\\Large \\frac{\\partial L}{\\partial b} = \\frac{\\partial\nL}{\\partial y} $$", "repeat of lin_db in the solution (holds: checked)"),
    ("\\Large \\frac{\\partial L}{\\partial W} = \\frac{\\partial\nL}{\\partial y}x^T $$", "repeat of lin_dW in the solution (holds: checked)"),
    ("\\Large \\frac{\\partial L}{\\partial x} =\nW^T\\frac{\\partial L}{\\partial y} $$", "repeat of lin_dx in the solution (holds: checked)"),
    (r"\frac{\partial y}{\partial \hat{x}} \frac{\partial \hat{x}}{\partial x}$$", "the chain rule dL/dx = dL/dy dy/dxhat dxhat/dx (an identity; holds with Jacobians: checked); left out"),
    (r"\frac{\partial \hat{x}}{\partial x} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} (1 -", "dxhat/dx written as one factor per component: it is the diagonal dxhat_i/dx_i of the Jacobian (holds: checked) but leaves out the off-diagonal entries -(1 + xhat_i xhat_j)/(H sqrt(sigma^2 + eps)) (as the Jacobian refuted: checked); which one the row means is not settled"),
]

# ---------------------------------------------------------------- lenet5_capstone_ko
KO = [
    ("dw_out", r"\delta^l_j \times a^{l - 1}_j",
     "the output layer z^l_j = sum_i w^l_{ji} a^{l-1}_i + b^l_j (w_{ji} joins node i of layer l-1 to node j of layer l, the notation box), a^l_j = tanh(z^l_j), J = 0.5 ||y - a^l||^2: dJ/dw^l_{ji} = delta^l_j a^{l-1}_i; the row's last link writes a^{l-1}_j, the input with the output's index, which is a different entry (and does not exist when layer l has more nodes than layer l-1); refuted (in, out = 3, 3; 4, 2; 5, 3; every draw; with a^{l-1}_i it holds: checked); the chain's first link holds"),
    ("dW_mat", r"\Delta \textbf{W}^l = \boldsymbol{\delta}^l \times (\textbf{a}^{l - 1})^T",
     "the same layer in matrix form, W^l of shape (out, in): dJ/dW^l = delta^l (a^{l-1})^T; holds (every size and draw; autograd)"),
    ("ce_dz", r"= -1 + softmax(z^l_j)",
     "J = -z^l_y + log sum_j exp(z^l_j) (the cross-entropy of a one-hot label y, as the page derives it): for j = y, dJ/dz^l_j = -1 + softmax(z^l_j); holds (classes 3, 5, 10; every label and draw; autograd; the j != y row, softmax(z^l_j), holds too: checked)"),
    ("sm_offdiag", r"= \frac{exp(z^l_i)}{\sum_j exp(z^l_j)} \times \frac{exp(z^l_j)}{\sum_j exp(z^l_j)}",
     "the softmax derivative for i != j: the chain's third link writes d softmax(z_i)/dz_j = (e^{z_i}/sum) (e^{z_j}/sum) = +softmax(z_i) softmax(z_j), dropping the minus sign of the link before it, while the true value is -softmax(z_i) softmax(z_j) (the next link's, which holds); refuted (classes 3, 5; every pair i != j; every draw; autograd Jacobian; the other links hold: checked)"),
    ("fc_delta", r"= \sum_j \Big(\delta^l_j \times w^l_{ji} \Big) \times tanh'(z^{l-1}_i)",
     "a hidden fully connected layer: a^{l-1}_i = tanh(z^{l-1}_i), z^l_j = sum_i w^l_{ji} a^{l-1}_i + b^l_j, delta^l_j = dJ/dz^l_j for J any loss of layer l's output (drawn); delta^{l-1}_i = dJ/dz^{l-1}_i = sum_j delta^l_j w^l_{ji} tanh'(z^{l-1}_i); holds (in, out = 3, 2; 4, 4; 5, 3; autograd; the matrix form holds too: checked)"),
    ("conv_dw", r"= \sum^{N-m}_{i=0} \sum^{N-m}_{j=0} \delta^l_{ij} \times a^{l-1}_{i+x, \ j+y}",
     "the convolution z^l_{ij} = sum_{x=0}^{m-1} sum_{y=0}^{n-1} w^l_{xy} a^{l-1}_{i+x, j+y} + b^l (valid, stride 1, indices from 0), read with a square N x N input and a square m x m kernel (LeNet-5's 28 x 28 / 32 x 32 maps and 5 x 5 kernels), so that i and j both run over 0..N-m; delta^l_{ij} = dJ/dz^l_{ij}, J drawn: dJ/dw^l_{xy} = sum_{i,j=0}^{N-m} delta^l_{ij} a^{l-1}_{i+x, j+y}; holds (N, m = 5, 2; 6, 3; 4, 3; autograd; with a non-square input the bound N-m on both axes would miss rows: checked, not the page's case); the first link, written without the sum, is left aside; the swapped last row is the same"),
]
KO_DIRS = [
    ("#### (1) Output layer: tanh + mse", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: a^{l-1}=input w^l=kernel b^l=bias z^l=output a^l=activation y=target J=loss -->"),
    ("#### (2) Output layer: softmax + cross entropy", "<!-- symbp: layer=softmax classes=5 target=one-hot names: z^l=input J=loss -->"),
    ("#### (3) Fully connected layer", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: a^{l-1}=input w^l=kernel z^l=output z^{l-1}=input J=loss -->"),
    ("#### (4) Pooling layer <- Fully connected layer", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: z^{l-1}=input w^l=kernel W^l=kernel J=loss -->"),
    ("#### (5) Convolutional layer <- Pooling layer", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: a^{l-1}=input z^l=output J=loss -->"),
    ("#### (6) Convolutional layer", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 conv=cross index_base=0 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output J=loss -->"),
]
KO_EXCL = [
    (r"= -(y_j - a^l_j)", "dJ/da^l_j = -(y_j - a^l_j) for J = 0.5 ||y - a^l||^2 (holds: checked); left out for the cap"),
    (r"\times (1 - tanh(x)^2)", "delta^l_j through tanh: the link with tanh'(z^l_j) holds (checked), the last one writes 1 - tanh(x)^2 with an x the layer does not define (tau(x) names a generic activation); not settled"),
    (r"\frac{\partial z^l_j}{\partial b^l_j}", "dJ/db^l_j = delta^l_j (holds: checked); left out for the cap"),
    (r"-\sum^k_j p(y_j) \times log \ q(z^l_j)", "the cross-entropy of softmax rewritten for a one-hot label (definition)"),
    (r"= softmax(z^l_j)", "the j != y case dJ/dz_j = softmax(z_j) (holds: checked); left out for the cap"),
    (r"= softmax(z^l_i) \times (1 - softmax(z^l_j))", "the softmax derivative for i = j (holds at i = j: checked); left out"),
    (r"\boldsymbol{\delta}^{l-1} = \Big((\textbf{w}^l)^T \times \boldsymbol{\delta}^l \Big)", "matrix form of fc_delta (holds: checked); left out as a repeat"),
    (r"= \sum_j \delta^l_j \times w^l_{ji}", "delta through a fully connected layer into a pooling layer without activation (holds: checked); left out for the cap"),
    (r"\textbf{z}^{l-1} = (\textbf{W}^{l})^T \times \boldsymbol{\delta}^l", "its left side names z^{l-1}, the forward quantity, while the item says it is the derivative: literally false, read as delta^{l-1} it holds (checked); not settled"),
    (r"z^l_{ij} = \frac{1}{m \times n}", "forward definition (average pooling)"),
    (r"= \frac{\delta^l_{ij}}{m \times n} \times \tau'(z^{l-1}_{pq})", "not settled: under the forward as written (a^{l-1}_{x+i, y+j}, windows moved by one, overlapping) an input feeds up to m n outputs and the one-term row is refuted (checked); under the model's 2 x 2 stride-2 pooling of section 5 with (i, j) the window holding (p, q) it holds (checked), but then the forward would read a^{l-1}_{2i+x, 2j+y}"),
    (r"w^l_{xy} a^{l-1}_{i+x, \ j+y} + b^l", "forward definition (convolution)"),
    (r"\sum^{N-m}_{i=0} \sum^{N-m}_{j=0} \delta^l_{ij} \times 1", "the bias gradient sum_{i,j=0}^{N-m} delta^l_{ij} for a square input (holds: checked); left out for the cap"),
]

# ---------------------------------------------------------------- ml_derivations_ja
JA = [
    ("mlp_delta", r"\boldsymbol{\delta}^{(l)} = \left( (\mathbf{W}^{(l+1)})^\top \boldsymbol{\delta}^{(l+1)} \right) \odot f'^{(l)}(\mathbf{a}^{(l)})",
     "a^{(l)} = W^{(l)} h^{(l-1)} + b^{(l)}, h^{(l)} = f(a^{(l)}) (columns, W^{(l+1)} of shape (n_{l+1}, n_l)), delta^{(l)} = dL/da^{(l)}, L any loss of the next layer's output (drawn), f = tanh and a softplus: delta^{(l)} = ((W^{(l+1)})^T delta^{(l+1)}) o f'(a^{(l)}); holds (widths 3 -> 2, 4 -> 4, 2 -> 5; autograd)"),
    ("conv_dw", r"\frac{\partial \mathcal{L}}{\partial w[i, j]} = \sum_{m} \sum_{n} \frac{\partial \mathcal{L}}{\partial h[m, n]} \, x[m+i, n+j]",
     "h[m, n] = sum_{i,j} x[m+i, n+j] w[i, j] (valid cross-correlation, indices from 0, i, j over the kernel, m, n over the output), L any loss of h (drawn): dL/dw[i, j] = sum_{m,n} dL/dh[m, n] x[m+i, n+j]; holds (inputs 5x5, 6x4, 4x6; kernels 3x3, 2x3, 2x2; autograd)"),
    ("conv_dx", r"\frac{\partial \mathcal{L}}{\partial x[m, n]} = \sum_{i} \sum_{j} \frac{\partial \mathcal{L}}{\partial h[m-i, n-j]} \, w[i, j]",
     "the same forward; dL/dx[m, n] = sum_{i,j} dL/dh[m-i, n-j] w[i, j] with dL/dh read as zero outside the output (the full convolution with the flipped kernel the next sentence names); holds (every size and draw; autograd)"),
    ("maxpool_dx", r"\frac{\partial \mathcal{L}}{\partial h_{mn}}  \text{if } (i,j) \text{ is max in pooling window}",
     "max pooling h_{mn} = max over the window of x, windows read as non-overlapping (window = stride, 2 x 2 and 3 x 3) so that (i, j) lies in the one window of output (m, n): dL/dx_{ij} = dL/dh_{mn} where x_{ij} is that window's maximum, 0 otherwise; holds (inputs 4x4, 6x6, 6x4; ties have probability 0; autograd)"),
    ("bn_dx", r"m \frac{\partial \mathcal{L}}{\partial \hat{\mathbf{x}}_i} - \sum_j",
     "batch norm over a mini-batch of m vectors (biased variance, eps inside the root), y_i = gamma o xhat_i + beta, L any loss of the y_i (drawn); dL/dxhat_i is the gradient at the node xhat_i, i.e. gamma o dL/dy_i; the row then multiplies by gamma once more: dL/dx_i = (1/m) gamma o [m dL/dxhat_i - sum_j dL/dxhat_j - xhat_i sum_j dL/dxhat_j o xhat_j] o 1/sqrt(sigma^2 + eps) carries gamma^2 where autograd's gradient carries gamma (the standard form has gamma with dL/dy, or no gamma with dL/dxhat); refuted (m = 3, 4, 6; 1 and 3 features; gamma drawn away from 1; every draw; with dL/dy_i in the bracket, or without the leading gamma, it holds: checked)"),
    ("bn_dgamma", r"\frac{\partial \mathcal{L}}{\partial \boldsymbol{\gamma}} = \sum_i \frac{\partial \mathcal{L}}{\partial \mathbf{y}_i} \odot \hat{\mathbf{x}}_i",
     "the same forward; dL/dgamma = sum_i dL/dy_i o xhat_i; holds (every size and draw; autograd)"),
]
JA_DIRS = [
    ("### 4.1 多層パーセプトロン (MLP) と誤差逆伝播", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{h}^{(l-1)}=input \\mathbf{W}^{(l)}=kernel \\mathbf{W}^{(l+1)}=kernel \\mathbf{b}^{(l)}=bias \\mathbf{a}^{(l)}=output \\mathbf{h}^{(l)}=activation \\mathcal{L}=loss -->"),
    ("#### 畳み込み演算の微分", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: x=input w=kernel h=output \\mathcal{L}=loss -->"),
    ("#### プーリングの逆伝播", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input h=output \\mathcal{L}=loss -->"),
    ("### 4.5 バッチ正規化 (Batch Normalization)", "<!-- symbp: layer=batchnorm batch=m features=3 names: \\mathbf{x}=input \\mathbf{y}=output \\hat{\\mathbf{x}}=normalized \\boldsymbol{\\mu}_\\mathcal{B}=mean \\boldsymbol{\\sigma}_\\mathcal{B}^2=variance \\boldsymbol{\\gamma}=scale \\boldsymbol{\\beta}=shift \\mathcal{L}=loss -->"),
]
JA_EXCL = [
    (r"\mathbf{a}^{(l)} = \mathbf{W}^{(l)} \mathbf{h}^{(l-1)} + \mathbf{b}^{(l)}", "forward definition (MLP layer)"),
    (r"\mathbf{h}^{(l)} = f^{(l)}(\mathbf{a}^{(l)})", "forward definition (activation)"),
    (r"\boldsymbol{\delta}^{(L)} = \nabla_{\mathbf{a}^{(L)}} \mathcal{L}", "the output error delta^{(L)} = dL/dh^{(L)} o f'(a^{(L)}) (holds: checked); left out for the cap"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}^{(l)}} = \boldsymbol{\delta}^{(l)} (\mathbf{h}^{(l-1)})^\top", "dL/dW^{(l)} = delta^{(l)} (h^{(l-1)})^T (holds: checked); left out for the cap"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{b}^{(l)}} = \boldsymbol{\delta}^{(l)}", "dL/db^{(l)} = delta^{(l)} (holds: checked); left out for the cap"),
    (r"h[m, n] = \sum_{i} \sum_{j} x[m+i, n+j] \, w[i, j]", "forward definition (2-D convolution as cross-correlation)"),
    (r"\boldsymbol{\mu}_\mathcal{B} = \frac{1}{m} \sum_{i=1}^m \mathbf{x}_i", "forward definition (batch mean)"),
    (r"\boldsymbol{\sigma}_\mathcal{B}^2 = \frac{1}{m} \sum_{i=1}^m", "forward definition (batch variance)"),
    (r"\hat{\mathbf{x}}_i = \frac{\mathbf{x}_i - \boldsymbol{\mu}_\mathcal{B}}", "forward definition (normalisation)"),
    (r"\mathbf{y}_i = \boldsymbol{\gamma} \odot \hat{\mathbf{x}}_i + \boldsymbol{\beta}", "forward definition (scale and shift)"),
    (r"\frac{\partial \mathcal{L}}{\partial \boldsymbol{\beta}} = \sum_i \frac{\partial \mathcal{L}}{\partial \mathbf{y}_i}", "dL/dbeta = sum_i dL/dy_i (holds: checked); left out for the cap"),
]

# ---------------------------------------------------------------- batchnorm_essay_zh
BZ = [
    ("dxhat", r"\frac{\partial L}{\partial \hat{x_i}} = \frac{\partial L}{\partial y_i}\gamma",
     "the forward of 3.1 (mu_beta and sigma_beta^2 the batch mean and biased variance over m scalars, eps inside the root), y_i = gamma xhat_i + beta, L any loss of the y_i (drawn): dL/dxhat_i = dL/dy_i gamma, the gradient at the node xhat_i; holds (m = 3, 4, 6; eps = 1e-5, 0.1; autograd)"),
    ("dx", r"\frac{\partial L}{\partial x_i} = \frac{1}{\sqrt{\sigma_\beta^2+\epsilon}}\frac{\partial L}{\partial \hat{x_i}}",
     "the same forward; the row gives dL/dx_i = dL/dxhat_i / sqrt(sigma^2 + eps), only the direct path: x_i also moves mu_beta and sigma_beta^2, which every xhat_j uses, and autograd's dL/dx_i = (1/sqrt(sigma^2 + eps)) (dL/dxhat_i - mean_j dL/dxhat_j - xhat_i mean_j dL/dxhat_j xhat_j) differs (the row's values do not even sum to zero); refuted (every size, eps and draw; m >= 2)"),
    ("dmu", r"\frac{\partial L}{\partial \mu_\beta} = \sum_i\frac{\partial L}{\partial x_i}\left(-\frac{1}{m}\right)",
     "the gradient at the node mu_beta (sigma_beta^2 computed from it) is -(1/sqrt(sigma^2 + eps)) sum_i dL/dxhat_i; the row gives -(1/m) sum_i dL/dx_i, which is 0 with autograd's dL/dx_i (they sum to zero) and -(1/(m sqrt(sigma^2 + eps))) sum_i dL/dxhat_i with the previous row's value, off by the factor 1/m; refuted under both readings (every size, eps and draw)"),
    ("dvar", r"\frac{\partial L}{\partial \sigma_\beta^2} = \sum_i\frac{1}{m}\frac{\partial L}{\partial x_i}(x_i-\mu_\beta)",
     "the gradient at the node sigma_beta^2 is -(1/2) sum_i dL/dxhat_i (x_i - mu)(sigma^2 + eps)^{-3/2}; the row gives sum_i (1/m) dL/dx_i (x_i - mu) (-(1/2)(sigma^2 + eps)^{-1/2}), with the exponent -1/2 and an extra 1/m; refuted with autograd's dL/dx_i and with the previous row's value in place of dL/dx_i (every size, eps and draw)"),
    ("dgamma", r"\frac{\partial L}{\partial \gamma} = \sum_i\frac{\partial L}{\partial y_i}\hat{x_i}",
     "the same forward, gamma and beta scalars (one feature): dL/dgamma = sum_i dL/dy_i xhat_i; holds (every size, eps and draw; autograd)"),
    ("dbeta", r"\frac{\partial L}{\partial \beta} = \sum_i\frac{\partial L}{\partial y_i}",
     "the same forward: dL/dbeta = sum_i dL/dy_i; holds (every size, eps and draw; autograd)"),
]
BZ_DIRS = [
    ("## 2. 核心概念与联系", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_\\beta=mean \\sigma_\\beta^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("## 3. 核心算法原理具体操作步骤", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_\\beta=mean \\sigma_\\beta^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("## 4. 数学模型和公式详细讲解举例说明", "<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized \\mu_\\beta=mean \\sigma_\\beta^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
BZ_EXCL = [
    (r"$$\mu_\beta = \frac{1}{m}\sum_{i=1}^mx_i$$", "forward definition (batch mean; written twice)"),
    (r"$$\sigma_\beta^2 = \frac{1}{m}\sum_{i=1}^m(x_i - \mu_\beta)^2$$", "forward definition (biased batch variance; written twice)"),
    (r"$$\hat{x_i} = \frac{x_i - \mu_\beta}{\sqrt{\sigma_\beta^2 + \epsilon}}$$", "forward definition (normalisation; written twice)"),
    (r"$$y_i = \gamma\hat{x_i} + \beta = \gamma\frac{x_i - \mu_\beta}", "forward definition (scale and shift)"),
    (r"$$y_i = \gamma\hat{x_i} + \beta$$", "forward definition (scale and shift)"),
    (r"= 2.9$$", "worked example, the batch mean (forward arithmetic: 2.9 holds); not a gradient"),
    (r"= 1.09$$", "worked example, the batch variance (forward arithmetic: the four squares sum to 3.9, so 0.975, not 1.09); not a gradient"),
    (r"\hat{x_1} = \frac{2.1 - 2.9}{\sqrt{1.09 + 10^{-5}}} = -0.81", "worked example, normalised values (forward arithmetic; the printed -0.81, 0.61, -1.11, 1.31 lie within 0.01 of the values with the true variance 0.975, -0.810, 0.608, -1.114, 1.317, not near those with the 1.09 written under the root, -0.766, 0.575, -1.054, 1.245); not a gradient"),
    (r"$$y_1 = \gamma\hat{x_1} + \beta$$", "worked example, outputs (forward)"),
]

# ---------------------------------------------------------------- cnn_golden_age_zh
CG = [
    ("res_grad", r"\left( \mathbf{I} + \frac{\partial}{\partial \mathbf{x}_l} \sum_{i=l}^{L-1} \mathcal{F}(\mathbf{x}_i, \mathcal{W}_i) \right)",
     "residual blocks x_{i+1} = x_i + F_i(x_i) (F_i drawn smooth maps, tanh(W_i x + b_i)), L any loss of x_L (drawn), dL/dx_L a row and d/dx_l sum_{i=l}^{L-1} F(x_i) the Jacobian of that sum as a function of x_l (through the x_i it determines): dL/dx_l = dL/dx_L (I + d/dx_l sum F(x_i)); holds (L - l = 1, 2, 3; widths 2, 3, 4; autograd; the display before it and the one after, with the total derivatives dF(x_i)/dx_l, hold too: checked)"),
    ("bn_ds", r"= -\frac{\gamma}{s} \sum_{i=1}^{m} \delta_i \hat{x}_i",
     "the BN forward of 6.2 over m scalars (biased variance, eps inside the root), s = sqrt(sigma_B^2 + eps) a node between sigma_B^2 and xhat, y_i = gamma xhat_i + beta, delta_i = dL/dy_i, L drawn: dL/ds = sum_i dL/dxhat_i dxhat_i/ds = sum_i gamma delta_i (-(x_i - mu_B)/s^2) = -(gamma/s) sum_i delta_i xhat_i, autograd's gradient at the node s; every link holds (m = 3, 4, 6; eps = 1e-5, 0.1; every draw; the form -(gamma/s) dL/dgamma holds too: checked)"),
    ("bn_dvar", r"= -\frac{\gamma}{2s^2} \cdot \frac{\partial \mathcal{L}}{\partial \gamma} = -\frac{\gamma}{2(\sigma_{\mathcal{B}}^2 + \epsilon)}",
     "the gradient at the node sigma_B^2 (computed from mu_B): dL/dsigma_B^2 = dL/ds / (2s) = -(gamma/(2 s^2)) dL/dgamma = -(gamma/(2(sigma_B^2 + eps))) dL/dgamma with dL/dgamma = sum_i delta_i xhat_i; holds (every size, eps and draw; autograd; step 4's first display holds too: checked)"),
    ("bn_dx", r"\frac{\partial \mathcal{L}}{\partial x_i} = \frac{\gamma}{s} \left[ \delta_i - \frac{1}{m} \sum_{j=1}^{m} \delta_j - \frac{\hat{x}_i}{m} \sum_{j=1}^{m} \delta_j \hat{x}_j \right]",
     "the same forward: dL/dx_i = (gamma/s) [delta_i - (1/m) sum_j delta_j - (xhat_i/m) sum_j delta_j xhat_j] equals autograd's dL/dx; holds (every size, eps and draw; the three-path display before it, the path terms and the Delta form after it hold too: checked)"),
]
CG_DIRS = [
    ("## 第4节 残差连接：ResNet的数学原理", "<!-- symbp: layer=fc in=3 out=3 weight=out-in names: \\mathbf{x}_l=input \\mathbf{x}_L=output \\mathcal{L}=loss -->"),
    ("## 第6节 批归一化：完整数学推导与统计解释", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_{\\mathcal{B}}=mean \\sigma_{\\mathcal{B}}^2=variance \\gamma=scale \\beta=shift \\delta=output_grad \\mathcal{L}=loss -->"),
]
CG_EXCL = [
    (r"H(x) = F(x) + x", "forward definition (residual mapping)"),
    (r"\mathbf{x}_{l+1} = \mathbf{x}_l + \mathcal{F}(\mathbf{x}_l, \mathcal{W}_l)", "forward definition (residual block)"),
    (r"\mathbf{x}_L = \mathbf{x}_l + \sum_{i=l}^{L-1} \mathcal{F}(\mathbf{x}_i, \mathcal{W}_i)", "the forward recursion unrolled (an identity; holds: checked)"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{x}_L} \cdot \frac{\partial \mathbf{x}_L}{\partial \mathbf{x}_l} = ", "the chain rule before the claim (holds: checked); left out"),
    (r"\mathbf{I} + \frac{\partial \mathcal{F}(\mathbf{x}_l, \mathcal{W}_l)}{\partial \mathbf{x}_l} + \sum_{i=l+1}^{L-1}", "the expansion with total derivatives dF(x_i, W_i)/dx_l (holds: checked); left out as a repeat"),
    (r"\mu_{\mathcal{B}} = \frac{1}{m} \sum_{i=1}^{m} x_i", "forward definition (batch mean)"),
    (r"\sigma_{\mathcal{B}}^2 = \frac{1}{m} \sum_{i=1}^{m} (x_i - \mu_{\mathcal{B}})^2", "forward definition (batch variance)"),
    (r"\hat{x}_i = \frac{x_i - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}", "forward definition (normalisation; written twice, the second time with s)"),
    (r"y_i = \gamma \hat{x}_i + \beta = \text{BN}_{\gamma,\beta}(x_i)", "forward definition (scale and shift)"),
    (r"\frac{\partial \mathcal{L}}{\partial \beta} = \sum_{i=1}^{m} \frac{\partial \mathcal{L}}{\partial y_i} \cdot \frac{\partial y_i}{\partial \beta}", "dL/dbeta = sum_i delta_i (holds: checked); left out for the cap"),
    (r"\frac{\partial \mathcal{L}}{\partial \gamma} = \sum_{i=1}^{m} \frac{\partial \mathcal{L}}{\partial y_i} \cdot \frac{\partial y_i}{\partial \gamma}", "dL/dgamma = sum_i delta_i xhat_i (holds: checked); left out for the cap"),
    (r"\frac{\partial \mathcal{L}}{\partial y_i} \cdot \gamma = \gamma \delta_i", "dL/dxhat_i = gamma delta_i (holds: checked); left out for the cap"),
    (r"\frac{\partial \mathcal{L}}{\partial s} = -\frac{\gamma}{s} \cdot \frac{\partial \mathcal{L}}{\partial \gamma}", "bn_ds rewritten with dL/dgamma (holds: checked); left out as a repeat"),
    (r"\frac{\partial \mathcal{L}}{\partial s} \cdot \frac{1}{2s}", "dL/dsigma_B^2 = dL/ds ds/dsigma_B^2 = dL/ds / (2s) (holds: checked); left out as the first link of bn_dvar"),
    (r"\frac{\partial \mathcal{L}}{\partial \mu_{\mathcal{B}}} = \sum_{i=1}^{m} \left[", "dL/dmu_B as the sum of its two paths (holds: checked); left out for the cap"),
    (r"\frac{\partial \hat{x}_i}{\partial \mu_{\mathcal{B}}} = -\frac{1}{s}, \quad", "local derivatives dxhat_i/dmu_B = -1/s (x held) and dsigma_B^2/dmu_B = -(2/m) sum_j (x_j - mu_B) = 0 at the batch mean (hold: checked); left out"),
    (r"\gamma \delta_i \cdot \left(-\frac{1}{s}\right) = -\frac{\gamma}{s} \sum_{i=1}^{m} \delta_i", "dL/dmu_B = -(gamma/s) sum_i delta_i (holds: checked); left out for the cap"),
    (r"\underbrace{\frac{\partial \mathcal{L}}{\partial \hat{x}_i} \cdot \frac{\partial \hat{x}_i}{\partial x_i}}_{\text{路径1}}", "dL/dx_i over its three paths (holds: checked); left out"),
    (r"\Delta = \frac{1}{m} \sum_{j=1}^{m} \delta_j, \quad", "definitions of Delta and Delta_xhat"),
    (r"\frac{\partial \mathcal{L}}{\partial x_i} = \frac{\gamma}{s} \left[ \delta_i - \Delta - \hat{x}_i \cdot \Delta_{\hat{x}} \right]", "bn_dx with Delta and Delta_xhat (holds: checked); left out as a repeat"),
]

TABLE = {
    "mojo_layernorm_linear_en.md": ("mj", MJ, MJ_DIRS, MJ_EXCL),
    "lenet5_capstone_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
    "ml_derivations_ja.md": ("ja", JA, JA_DIRS, JA_EXCL),
    "batchnorm_essay_zh.md": ("bz", BZ, BZ_DIRS, BZ_EXCL),
    "cnn_golden_age_zh.md": ("cg", CG, CG_DIRS, CG_EXCL),
}
