"""The thirty-fifth held-out set's claims (this build: five documents, conv / pooling / dense):
per document, its claims (id, a fragment of the row that identifies it, why), the README-style
directives (one per section: the text before which each goes, the line) and the displays left out
of the score with the reason.  Claims are listed in document order; a fragment holds no ``&``
(aligned rows are read without it).  Data only; the truth is computed by ``truth_heldout35.py``
(numpy and torch autograd, not symbp), whose function for each document ``TABLE`` names."""

CNB = [
    ("a_dv", r"\frac{\partial L}{\partial v} = W_d^T \cdot \left(\frac{\partial L}{\partial z}\right) = \begin{bmatrix} -0.0999",
     "the page's network (X, W_conv, b = 0, ReLU, 2x2 max pool stride 2, W_d, b_d = 0, softmax, cross-entropy on class 0), autograd: dL/dv = W_d^T (y-hat - y) = [-0.099896, 0.124870, -0.049948, -0.049948]; every entry within 0.6 units of its last digit; holds"),
    ("a_relu", r"\frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot \mathbb{I}(Z > 0)",
     "A = max(0, Z) entrywise: dL/dZ = dL/dA times the indicator of Z > 0 (drawn Z of several sizes with no zero entries, drawn non-linear loss, and the page's network); holds"),
    ("a_dW_sum", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} X_{i+m, j+n} \cdot \frac{\partial L}{\partial Z_{i,j}}",
     "Z = X slid with W (cross-correlation, stride 1, as the page's example), sums over every output position: dL/dW_mn = sum_ij X_{i+m,j+n} dL/dZ_ij (drawn 5x5/2x2, 6x6/3x3, 4x4/2x2 and the page's network); holds"),
    ("a_dW_conv", r"\frac{\partial L}{\partial W_{conv}} = X * \left(\frac{\partial L}{\partial Z_{conv}}\right)",
     "with * the page's sliding operation (section 4: no flip, valid): X slid with the 4x4 map dL/dZ gives the 2x2 kernel gradient; holds (same draws)"),
    ("a_dW_num", r"\frac{\partial L}{\partial W_{conv}} = \begin{bmatrix} -0.2497",
     "autograd at the page's network: dL/dW_conv = [[-0.24974, 0.07492], [0.02497, -0.19979]] (the same under either routing of the tie A_22 = A_33 = 5 in the last pooling window; both checked); the last entry -0.1996 is 1.9 units of its last digit off (-0.1998); refuted"),
]
CNB_DIRS = [
    ("## Backpropagation through the dense layer", "<!-- symbp: layer=fc in=4 out=2 names: v=input W_d=kernel b_d=bias z=output \\hat{y}=activation y=target L=loss -->"),
    ("## Backpropagation through ReLU", "<!-- symbp: layer=relu names: Z=input A=output L=loss -->"),
    ("## Backpropagation through max pooling", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: A=input P=output L=loss -->"),
    ("## Backpropagation through the convolution", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel W_{conv}=kernel b=bias Z=output Z_{conv}=output L=loss -->"),
]
CNB_EXCL = [
    (r"Z_{i, j} = \left( \sum_{m=0}^{f_h-1}", "forward definition"),
    (r"$$X = \begin{bmatrix}", "the example's input (data)"),
    (r"$$W_{conv} = \begin{bmatrix} 1.0 & -1.0", "the example's kernel (data)"),
    (r"$$Z_{conv} = \begin{bmatrix}", "forward value (correct: it is X slid with W_conv)"),
    (r"$$P = \begin{bmatrix} 4.0 & 5.0", "forward value"),
    (r"$$v = \begin{bmatrix} 4.0", "forward value"),
    (r"$$W_d = \begin{bmatrix} 0.5", "the example's dense weights (data)"),
    (r"$$z = W_d \cdot v + b_d", "forward value"),
    (r"\text{Loss } L = - \ln(\hat{y}_0)", "the loss's value (0.287335, right)"),
    (r"\frac{\partial L}{\partial z} = \hat{y} - y = \begin{bmatrix} 0.7503", "holds (softmax [0.750260, 0.249740], dL/dz = [-0.249740, 0.249740]); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial W_d} = \left(\frac{\partial L}{\partial z}\right) \cdot v^T", "dL/dW_d = dL/dz v^T: the first column is -/+0.998959, written 0.9989, 0.96 units of its last digit off, between the tolerance bands; a verdict would hang on the tolerance (the other entries 1.24870 are right)"),
    (r"\frac{\partial A}{\partial Z} = \begin{cases}", "the ReLU derivative with the value 0 chosen at Z = 0 (a convention); holds for Z != 0; left out (30% cap)"),
    (r"\frac{\partial L}{\partial Z_{conv}} = \begin{bmatrix}", "the window of P_11 holds two equal maxima (A_22 = A_33 = 5): the routed gradient depends on the tie rule (the page takes the first, as torch does); not scored"),
    (r"\frac{\partial L}{\partial b} = \sum_{i} \sum_{j}", "dL/db = sum of dL/dZ = -0.074922; the page's -0.0748 is 1.2 units of its last digit off, between the tolerance bands (its own sum of the rounded entries is -0.0748); not scored"),
    (r"W^{\text{new}} = W^{\text{old}} - \eta", "the update rule (no derivative)"),
    (r"W_{conv}^{\text{new}} = \begin{bmatrix}", "the update step's numbers (the page's rounded -0.1996 carried; 0.0200 agrees with the true 0.019979); no derivative"),
]

BPZ = [
    ("b_delta", r"\boldsymbol{\delta}^{(l)} = \left[(\boldsymbol{W}^{(l+1)})^T \boldsymbol{\delta}^{(l+1)}\right] \odot f'(\boldsymbol{z}^{(l)})",
     "z^{(l+1)} = W^{(l+1)} h^{(l)} + b^{(l+1)} with W^{(l+1)} of size n_{l+1} x n_l (the chapter's table), h^{(l)} = f(z^{(l)}) entrywise (sigmoid and tanh drawn), drawn loss of the output: delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) entrywise f'(z^{(l)}); holds (nets of 2-4 layers, several widths)"),
    ("b_dW", r"\frac{\partial L}{\partial \boldsymbol{W}^{(l)}} = \boldsymbol{\delta}^{(l)} (\boldsymbol{h}^{(l-1)})^T",
     "dL/dW^{(l)} = delta^{(l)} h^{(l-1)T} (n_l x n_{l-1}, like W^{(l)}); holds"),
    ("b_convW", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \delta_{i,j}^{(l+1)} \cdot X_{i+m, j+n}",
     "Y_{i,j} = sum_{m,n<k} W_{m,n} X_{i+m,j+n} (the chapter's inline forward), delta^{(l+1)} = dL/dY: dL/dW_mn = sum_ij delta_ij X_{i+m,j+n}; holds (drawn 4x4/2x2, 5x5/3x3, 6x6/2x2)"),
    ("b_convX", r"\delta_{i,j}^{(l)} = \sum_{m,n} W_{m,n} \cdot \delta_{i-m, j-n}^{(l+1)} \cdot f'(z_{i,j}^{(l)})",
     "X = f(z^{(l)}) entrywise, delta^{(l)} = dL/dz^{(l)}: sum over m, n < k of W_mn delta^{(l+1)}_{i-m,j-n} (terms outside the output map are zero) times f'(z_ij) equals dL/dz_ij for every input position; holds"),
    ("b_prod", r"\boldsymbol{\delta}^{(1)} = \left[\prod_{l=1}^{L-1}",
     "the product read in the order written (l = 1 leftmost): W^{(2)T} D_1 W^{(3)T} D_2 ... W^{(L)T} D_{L-1} delta^{(L)} with D_l = diag(f'(z^{(l)})); the true delta^{(1)} = D_1 W^{(2)T} D_2 W^{(3)T} ... D_{L-1} W^{(L)T} delta^{(L)} (each D_l stands left of W^{(l+1)T}); with equal widths (so both orders are defined) and drawn nets of 3 and 4 layers they differ; refuted (the other order, l = L-1 leftmost, differs too)"),
]
BPZ_DIRS = [
    ("### 第二步：误差逐层回传", "<!-- symbp: layer=fc in=3 out=2 names: h^{(l)}=input W^{(l+1)}=kernel b^{(l+1)}=bias z^{(l+1)}=output h^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output L=loss -->"),
    ("### 卷积层的反向传播", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel Y=output \\delta^{(l+1)}=output_grad L=loss -->"),
]
BPZ_EXCL = [
    (r"\boldsymbol{\delta}^{(l)} \triangleq \frac{\partial L}{\partial \boldsymbol{z}^{(l)}}", "definition of the error term"),
    (r"\delta_j^{(l)} = \frac{\partial L}{\partial z_j^{(l)}} = \sum_k", "holds (the chain rule over the next layer's units); left out of the score (30% cap)"),
    (r"$$= \sum_k \delta_k^{(l+1)} \cdot W_{kj}^{(l+1)} \cdot f'(z_j^{(l)})$$", "holds; left out (30% cap)"),
    (r"$$= \left[\sum_k W_{kj}^{(l+1)} \delta_k^{(l+1)}\right] \cdot f'(z_j^{(l)})$$", "holds; left out (30% cap)"),
    (r"\frac{\partial L}{\partial \boldsymbol{b}^{(l)}} = \boldsymbol{\delta}^{(l)}", "holds (one sample); left out (30% cap)"),
    (r"\prod_{l=1}^{L-1} |f'(z^{(l)})| \approx 0.25^{L-1}", "an order-of-magnitude estimate (the sigmoid's largest slope), no identity"),
    (r"\boldsymbol{y} = F(\boldsymbol{x}; \boldsymbol{W}) + \boldsymbol{x}", "forward definition of the residual block"),
    (r"\frac{\partial \boldsymbol{y}}{\partial \boldsymbol{x}} = \frac{\partial F}{\partial \boldsymbol{x}} + \boldsymbol{I}", "holds (Jacobian of F plus the identity); no layer kind for it; left out (30% cap)"),
    (r"\frac{\partial L}{\partial \boldsymbol{x}} = \frac{\partial L}{\partial \boldsymbol{y}} \cdot \left(", "holds with dL/dy a row vector (dL/dx = dL/dy (J_F + I)); the layout of the gradient is not stated; left out (30% cap)"),
]

TAB = [
    ("c_db", r"\frac{\partial L}{\partial b_k} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y_{i,j,k}}",
     "Y_{:,:,k} = sum_c X_c slid with K_{c,k} + b_k (several output channels, drawn): dL/db_k = sum_ij dL/dY_ijk; holds"),
    ("c_dK", r"\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y}",
     "with the table's own * (cross-correlation, valid: (X * G)(m, n) = sum_ij X(m+i, n+j) G(i, j)) one input and one output channel: dL/dK = X * dL/dY (drawn 5x5/3x3, 4x4/2x2, 6x6/3x3); holds"),
    ("c_dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} * K_{\text{rot180}}",
     "with the table's * the valid sliding of the (H-k+1)-wide dL/dY with the k-wide rot180(K) gives an (H-2k+2)-wide map, not H x W (no padding is written); read with the unbounded sums of its definition and dL/dY zero outside its map it is sum_mn dY(i+m, j+n) K(k-1-m, k-1-n), dL/dX shifted by k-1; either way not dL/dX (right: the zero-padded, full sliding); refuted"),
    ("c_max", r"\frac{\partial L}{\partial Y_{\text{pool}}} \cdot \mathbb{I}(X_{i,j} = \max(X))",
     "read with max(X) the maximum of the pooling window that holds X_ij and Y_pool that window's output, non-overlapping windows (stride = window, as the lab's 2x2 pooling): dL/dX_ij = dL/dY_pool [X_ij is the window's max]; holds (drawn inputs with distinct entries, 4x4 / 6x6 with 2x2, 6x6 with 3x3)"),
    ("c_avg", r"\frac{1}{N_{\text{pool}}} \cdot \frac{\partial L}{\partial Y_{\text{pool}}}",
     "average pooling, non-overlapping windows of N_pool entries: dL/dX_ij = dL/dY_pool / N_pool for the window's output; holds (same sizes)"),
]
TAB_DIRS = [
    ("## Gradient rows", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input I=input K=kernel b=bias Y=output L=loss -->"),
    ("Max-pooling gradient, Experiment 6:", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y_{\\text{pool}}=output L=loss -->"),
    ("Average-pooling gradient, Experiment 6:", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y_{\\text{pool}}=output L=loss -->"),
]
TAB_EXCL = [
    (r"(I * K)(i, j) = \sum_{m} \sum_{n} I(i+m, j+n) K(m, n)", "forward definition (the table's * operator)"),
    (r"f(x) = \max(0, x)", "definition of ReLU"),
    (r"O = \lfloor \frac{W - K + 2P}{S} \rfloor + 1", "output-size formula (no derivative)"),
]

VIR = [
    ("v_dW", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} X_{i+m, j+n} \cdot \frac{\partial L}{\partial Y_{i,j}}",
     "Y[i,j] = sum_{m,n} X[i+m, j+n] W[m,n] (the README's table, 3x3 kernels, valid): dL/dW_mn = sum_ij X_{i+m,j+n} dL/dY_ij (drawn 28x28/3x3 reduced to 6x6/3x3, 5x5/2x2, 4x4/3x3); holds"),
]
VIR_DIRS = [
    ("### Backpropagation tại lớp Convolution (Chain Rule)", "<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
]
VIR_EXCL = [
    (r"L = -\ln(p_{correct})", "definition of the loss"),
    (r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", "definition of the softmax"),
]

VIP = [
    ("p_dW", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} X_{i+m, j+n} \frac{\partial L}{\partial Y_{i,j}}",
     "the plan's convolution (its code: output[i, j] = sum(region * filter), 3x3, valid, no flip): dL/dW_mn = sum_ij X_{i+m,j+n} dL/dY_ij; holds (same draws as the README)"),
]
VIP_DIRS = [
    ("## 4. Giai đoạn 3: Phân tích Toán học cốt lõi (The Core Mathematics)", "<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
]
VIP_EXCL = []

TABLE = {
    "cnn_basics_worked_en.md": ("cnb", CNB, CNB_DIRS, CNB_EXCL),
    "bp_chapter_conv_zh.md": ("bpz", BPZ, BPZ_DIRS, BPZ_EXCL),
    "cnn_formula_table_en.md": ("tab", TAB, TAB_DIRS, TAB_EXCL),
    "mnist_numpy_readme_vi.md": ("vir", VIR, VIR_DIRS, VIR_EXCL),
    "mnist_numpy_plan_vi.md": ("vip", VIP, VIP_DIRS, VIP_EXCL),
}
