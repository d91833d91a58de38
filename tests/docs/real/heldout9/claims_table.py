"""The ninth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout9.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

GIB = [
    ("g_w", r"\p{E}{\omega_{ab}} = \sum_{i=0}^{N-m}\sum_{j=0}^{N-m} \p{E}{x_{ij}^\ell} \p{x_{ij}^\ell}{\omega_{ab}}", "kernel gradient: the chain over the (N-m+1)^2 outputs, then dx_ij/dw_ab = y^{l-1}_{(i+a)(j+b)}"),
    ("g_delta", r"\p{E}{x_{ij}^\ell} = \p{E}{y_{ij}^\ell} \p{y_{ij}^\ell}{x_{ij}^\ell}", "the deltas: dE/dy times sigma'(x), each step"),
    ("g_dy", r"\p{E}{y_{ij}^{\ell -1}} = \sum_{a=0}^{m-1} \sum_{b=0}^{m-1} \p{E}{x_{(i-a)(j-b)}^\ell}", "a, b over the whole filter reach x^l_{(i-a)(j-b)} at rows/columns below 0 and past N-m (i = 0, a = 1; i = N-1, a = 0), which do not exist (the prose pads only the top and left); right: only the outputs that exist (zero outside)"),
]
GIB_DIRS = [
    ("## Convolutional layers\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: y^{\\ell-1}=input \\omega=kernel x^\\ell=output E=loss -->"),
]
GIB_EXCL = [
    (r"x_{ij}^\ell = \sum_{a=0}^{m-1} \sum_{b=0}^{m-1} \omega_{ab} y_{(i+a)(j+b)}^{\ell - 1}.", "forward definition"),
    (r"y_{ij}^\ell = \sigma(x_{ij}^\ell).", "forward definition (the nonlinearity)"),
]

GUIDE = [
    ("c_b", r"\frac{\partial L}{\partial b_k} = \sum_{i,j} \frac{\partial L}{\partial Y_{k,i,j}}", "bias: output gradient summed over the positions of channel k"),
    ("c_w", r"\frac{\partial L}{\partial W_{k,c,m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{k,i,j}} \cdot X_{c, i+m, j+n}", "weights: correlation of input channel c with output gradient k"),
    ("c_x", r"\frac{\partial L}{\partial X_{c,i,j}} = \sum_{k,m,n} \frac{\partial L}{\partial Y_{k, i-m, j-n}} \cdot W_{k,c,m,n}", "input: sum over output channels and kernel, Y's gradient where it exists"),
    ("c1_chain", r"\frac{\partial L}{\partial x_i} = \sum_{j} \frac{\partial L}{\partial y_j} \cdot \frac{\partial y_j}{\partial x_i}", "1-D chain rule over the outputs"),
    ("c1_bounds", r"\sum_{j=\max(0, i-k+1)}^{\min(i, n-k)} \frac{\partial L}{\partial y_j} \cdot w_{i-j}", "1-D input gradient with the outputs' valid range"),
    ("c1_full", r"\frac{\partial L}{\partial \mathbf{x}} = \frac{\partial L}{\partial \mathbf{y}} *_{full} \text{flip}(\mathbf{w})", "full cross-correlation of dL/dy (k-1 zeros each side) with the reversed kernel"),
    ("c1_w", r"\frac{\partial L}{\partial w_j} = \sum_{i} \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial w_j}", "1-D kernel gradient (chain, then x_{i+j})"),
    ("c1_star", r"\frac{\partial L}{\partial \mathbf{w}} = \mathbf{x} \star \frac{\partial L}{\partial \mathbf{y}}", "valid cross-correlation of x with dL/dy: k entries"),
    ("c2_x", r"\frac{\partial L}{\partial X_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial Y_{i-m, j-n}} \cdot W_{m,n}", "2-D input gradient, Y's gradient where it exists"),
    ("c2_full", r"\frac{\partial L}{\partial \mathbf{X}} = \frac{\partial L}{\partial \mathbf{Y}} *_{full} \text{rot180}(\mathbf{W})", "full cross-correlation with the rotated kernel"),
    ("c2_w", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} \cdot X_{i+m, j+n}", "2-D kernel gradient"),
    ("c2_star", r"\frac{\partial L}{\partial \mathbf{W}} = \mathbf{X} \star \frac{\partial L}{\partial \mathbf{Y}}", "valid cross-correlation of X with dL/dY"),
    ("cm_x", r"\frac{\partial L}{\partial X_{c,i,j}} = \sum_{o=0}^{C_{out}-1} \sum_{m,n} \frac{\partial L}{\partial Y_{o,i-m,j-n}} \cdot W_{o,c,m,n}", "several channels: input gradient"),
    ("cm_w", r"\frac{\partial L}{\partial W_{o,c,m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{o,i,j}} \cdot X_{c,i+m,j+n}", "several channels: weight gradient"),
    ("cm_b", r"\frac{\partial L}{\partial b_o} = \sum_{i,j} \frac{\partial L}{\partial Y_{o,i,j}}", "several channels: bias gradient"),
    ("cp_max", r"\frac{\partial L}{\partial x_{m,n}} = \begin{cases}", "max pooling (2x2, stride 2, no ties): the window's gradient goes to its maximum"),
    ("cp_avg", r"\frac{\partial L}{\partial x_{m,n}} = \frac{1}{k^2} \frac{\partial L}{\partial y_{i,j}}", "average pooling (2x2, stride 2): each input of window (i, j) gets 1/k^2 of its gradient"),
]
GUIDE_DIRS = [
    ("## Forward pass review\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x2 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->"),
    ("## 1D convolution gradients\n",
     "<!-- symbp: layer=conv1d input=8 kernel=3 conv=cross index_base=0 names: x=input w=kernel y=output L=loss -->"),
    ("## 2D convolution gradients\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
    ("## Multi-channel convolution gradients\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x2 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->"),
    ("### Max pooling\n",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->"),
    ("### Average pooling\n",
     "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->"),
]
GUIDE_EXCL = [
    (r"\frac{\partial L}{\partial \mathbf{w}} = \frac{\partial L}{\partial \mathbf{y}} \cdot \frac{\partial \mathbf{y}}{\partial \mathbf{w}}", "the chain rule stated for a generic layer y = f(x; w): no layer to check it against"),
    (r"\frac{\partial L}{\partial \mathbf{x}} = \frac{\partial L}{\partial \mathbf{y}} \cdot \frac{\partial \mathbf{y}}{\partial \mathbf{x}}", "the same for x"),
    (r"Y = W * X + b", "forward definition"),
    (r"y_i = \sum_{j=0}^{k-1} x_{i+j} \cdot w_j", "forward definition (1-D)"),
    (r"Y_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i+m, j+n} \cdot W_{m,n}", "forward definition (2-D)"),
    (r"Y_{o,i,j} = \sum_{c=0}^{C_{in}-1} \sum_{m,n} X_{c,i+m,j+n} \cdot W_{o,c,m,n} + b_o", "forward definition (channels)"),
]

ZNOTE = [
    ("z_b", r"\frac{\partial L}{\partial b} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Z_{i,j}}", "bias gradient"),
    ("z_w", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Z_{i,j}} \cdot X_{i+m, j+n}", "filter gradient"),
    ("z_x", r"\frac{\partial L}{\partial X_{i,j}} = \sum_{m} \sum_{n} \frac{\partial L}{\partial Z_{i-m, j-n}} \cdot W_{m,n}", "input gradient (m, n over the kernel, Z's gradient where it exists)"),
    ("z_w00", r"\frac{\partial L}{\partial W_{0,0}} = (1)(1) + (1)(2) + (1)(4) + (1)(5) = 1+2+4+5 = 12", "worked example: X_00 + X_01 + X_10 + X_11 with dL/dZ all ones"),
]
ZNOTE_DIRS = [
    ("## The forward convolution operation\n",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel b=bias Z=output L=loss -->"),
]
ZNOTE_EXCL = [
    (r"Z_{i,j} = \sum_{m} \sum_{n} W_{m,n} \cdot X_{i+m, j+n} + b", "forward definition"),
    (r"A_{i,j} = f(Z_{i,j})", "forward definition (activation)"),
    (r"Z_{i,j,k} = \sum_{c} \sum_{m} \sum_{n} W_{m,n,c,k}", "forward definition (channels)"),
    (r"\frac{\partial L}{\partial X_{i,j}} = \begin{cases} \frac{\partial L}{\partial Z}", "max pooling written with dL/dZ of no window index (which output is not said)"),
    (r"\frac{1}{|window|} \cdot \frac{\partial L}{\partial Z}", "average pooling, the same"),
    (r"X = \begin{bmatrix} 1", "numbers given for the example"),
    (r"Z_{0,0} = (1)(1)", "forward values of the example (not a gradient)"),
    (r"\frac{\partial L}{\partial Z} = \begin{bmatrix} 1", "the given upstream gradient (a definition)"),
]

JA = [
    ("j_w", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} \cdot X_{i+m, j+n}", "filter gradient"),
    ("j_x", r"\frac{\partial L}{\partial X_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial Y_{i-m,j-n}} \cdot W_{m,n}", "input gradient, Y's gradient where it exists"),
    ("j_b", r"\frac{\partial L}{\partial b} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}}", "bias gradient"),
]
JA_DIRS = [
    ("## 畳み込み層 (convolutional layer)\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->"),
]
JA_EXCL = [
    (r"Y_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i+m, j+n} \cdot W_{m,n} + b", "forward definition"),
    (r"Y_{i,j} = \max(X_{i:i+k, j:j+k})", "forward definition (max pooling)"),
    (r"Y_{i,j} = \frac{1}{k^2}", "forward definition (average pooling)"),
    (r"Y = W \cdot X + b", "forward definition (fully connected)"),
]

ASC = [
    ("a_dx", r"\frac{\partial L}{\partial x_{n, c_{in}, i, j}} = \sum_{c_{out}=1}^{C_{out}} \sum_{p=1}^{k_H} \sum_{q=1}^{k_W} \frac{\partial L}{\partial y_{n, c_{out}, i-p, j-q}}", "1-based p, q: y at (i-p, j-q) is one row and column off (right: i-p+1, j-q+1) and reaches y row 0 for i = 1; refuted with zero outside too (dL/dx_{n,c,1,1} comes out 0)"),
    ("a_dw", r"x_{n, c_{in}, i \cdot s_H + p, j \cdot s_W + q} \cdot \frac{\partial L}{\partial y_{n, c_{out}, i, j}}", "1-based i, p: x at i s_H + p is one stride off (right: (i-1) s_H + p) and reads row H_in + 1 at i = H_out, p = k_H (stride 1)"),
    ("a_db", r"\frac{\partial L}{\partial b_{c_{out}}} = \sum_{n=1}^{N}", "bias: the output gradient summed over batch and positions"),
]
ASC_DIRS = [
    ("## 功能说明 (what the operator computes)\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 batch=2 stride=1 padding=0 conv=cross index_base=1 names: x=input w=kernel b=bias y=output L=loss layout: x=NCHW w=OIHW y=NCHW -->"),
]
ASC_EXCL = [
    (r"D_{out}=\lfloor", "output size (a definition)"),
    (r"H_{out}=\lfloor", "output size (a definition)"),
    (r"W_{out}=\lfloor", "output size (a definition)"),
]

DAN = [
    ("d_bp1", r"\delta_j^L=\frac{\partial C}{\partial z_j^L}=\frac{\partial C}{\partial a_j^L}\frac{\partial a_j^L}{\partial z_j^L}", "BP1 (fully connected, output layer)"),
    ("d_bp2", r"\delta^l=((w^{l+1})^T\delta^{l+1})\odot \sigma'(z^l)", "BP2"),
    ("d_bp3", r"\frac{\partial C}{\partial b_j^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^l}{\partial b_j^l}", "BP3"),
    ("d_grad_a", r"\nabla a^l=\frac{\partial C}{\partial a^l}=\frac{\partial C}{\partial z^{l+1}}\frac{\partial z^{l+1}}{\partial a^l}", "dC/da^l as delta^{l+1} contracted with the Jacobian of z^{l+1}"),
    ("d_a11", r"\nabla a_{11}=\delta_{11}^{l+1}\frac{\partial z_{11}^{l+1}}{\partial a_{11}^l}", "entry (1,1): four chain terms, = delta_11 w_11"),
    ("d_a12", r"\nabla a_{12}=\delta_{11}w_{12}+\delta_{12}w_{11}", "entry (1,2)"),
    ("d_a13", r"\nabla a_{13}=\delta_{12}w_{12}", "entry (1,3)"),
    ("d_a21", r"\nabla a_{21}=\delta_{11}w_{21}+\delta_{21}w_{11}", "entry (2,1)"),
    ("d_a22", r"\nabla a_{22}=\delta_{11}w_{22}+\delta_{12}w_{21}+\delta_{21}w_{12}+\delta_{22}w_{11}", "entry (2,2)"),
    ("d_a23", r"\nabla a_{23}=\delta_{12}w_{22}+\delta_{22}w_{12}", "entry (2,3)"),
    ("d_a31", r"\nabla a_{31}=\delta_{21}w_{21}", "entry (3,1)"),
    ("d_a32", r"\nabla a_{32}=\delta_{21}w_{22}+\delta_{22}w_{21}", "entry (3,2)"),
    ("d_a33", r"\nabla a_{33}=\delta_{22}w_{22}", "entry (3,3)"),
    ("d_full5", r"\right]=\left[ \begin{matrix}0", "(5): the zero-ringed delta slid over the flipped kernel"),
    ("d_delta", r"\delta^l=(\delta^{l+1} * rot180(w^{l+1}))\odot \sigma'(z^l)", "without the zero ring: the 2x2 delta^{l+1} slid with the 2x2 rot180(w) is 1x1, sigma'(z^l) is 3x3 (the shapes differ); right: pad_1(delta^{l+1}) * rot180(w^{l+1}), as (5)"),
    ("d_dw", r"\frac{\partial C}{\partial w^l}=\frac{\partial C}{\partial z^l}\frac{\partial z^L}{\partial w^l}", "ends in delta^l * rot180(a^{l-1}): the 3x3 a^{l-1} is larger than the 2x2 delta^l (undefined); right: a^{l-1} * delta^l"),
]
DAN_DIRS = [
    ("### 反向传播核心公式 (the core backpropagation formulas)\n",
     "<!-- symbp: layer=fc in=3 out=2 -->"),
    ("### 卷积层的反向传播 (backward pass of the convolutional layer)\n",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=1 names: a^l=input W^{l+1}=kernel z^{l+1}=output C=loss -->"),
    ("因此 (therefore):",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=1 -->"),
]
DAN_EXCL = [
    (r"\frac{\partial C}{\partial w_{jk}^l}=\frac{\partial C}{\partial z_j^l}\frac{\partial z_j^L}{\partial w_{jk}^l}", "BP4 writes z_j^L for z_j^l in its middle factor: its truth turns on l = L, which the text does not say"),
    (r"z^{l+1}=a^l*W^{l+1} \tag{1}", "forward definition"),
    (r"\left[ \begin{matrix} z_{11}", "forward definition (matrices)"),
    (r"z_{11}=a_{11}w_{11}+a_{12}w_{12}", "forward definition (entries)"),
]

AR = [
    ("ar_dOdF11", r"\therefore \frac{\partial O}{\partial F_{11}} = \left( \begin{array}{cc}", "the Jacobian of O by F_11: [[X11, X12], [X21, X22]]"),
    ("ar_dOdF12", r"\frac{\partial O}{\partial F_{12}} = ", "by F_12: [[X12, X13], [X22, X23]]"),
    ("ar_dOdF21", r"\frac{\partial O}{\partial F_{21}} = ", "by F_21"),
    ("ar_dOdF22", r"\frac{\partial O}{\partial F_{22}} = ", "by F_22"),
    ("ar_frobF", r"\frac{\partial L}{\partial F_{ij}} = \left\langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial F_{ij}} \right\rangle_{F}", "dL/dF_ij as the Frobenius product of dL/dO with dO/dF_ij"),
    ("ar_F11", r"\frac{\partial L}{\partial F_{11}} = \frac{\partial L}{\partial O_{11}} X_{11}", "dL/dF_11 substituted"),
    ("ar_F12", r"\frac{\partial L}{\partial F_{12}} = \frac{\partial L}{\partial O_{11}} X_{12}", "dL/dF_12"),
    ("ar_F21", r"\frac{\partial L}{\partial F_{21}} = \frac{\partial L}{\partial O_{11}} X_{21}", "dL/dF_21"),
    ("ar_F22", r"\frac{\partial L}{\partial F_{22}} = \frac{\partial L}{\partial O_{11}} X_{22}", "dL/dF_22"),
    ("ar_dFconv", r"\end{array} \right)}_{\frac{\partial L}{\partial F}} = ", "dL/dF = X (x) dL/dO, the layer's cross-correlation"),
    ("ar_dOdX11", r"\therefore \frac{\partial O}{\partial X_{11}} = \left( \begin{array}{ccc}", "the Jacobian of O by X_11: [[F11, 0], [0, 0]]"),
    ("ar_frobX", r"\frac{\partial L}{\partial X_{ij}} = \langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial X_{ij}} \rangle_{F}", "dL/dX_ij as a Frobenius product"),
    ("ar_X11", r"\frac{\partial L}{\partial X_{11}} = \frac{\partial L}{\partial O_{11}} F_{11}", "dL/dX_11"),
    ("ar_X12", r"\frac{\partial L}{\partial X_{12}} = \frac{\partial L}{\partial O_{11}} F_{12} + \frac{\partial L}{\partial O_{12}} F_{11}", "dL/dX_12"),
    ("ar_X13", r"\frac{\partial L}{\partial X_{13}} = \frac{\partial L}{\partial O_{12}} F_{12}", "dL/dX_13"),
    ("ar_X21", r"\frac{\partial L}{\partial X_{21}} = \frac{\partial L}{\partial O_{11}} F_{21} + \frac{\partial L}{\partial O_{21}} F_{11}", "dL/dX_21"),
    ("ar_X22", r"\frac{\partial L}{\partial X_{22}} = \frac{\partial L}{\partial O_{11}} F_{22} + \frac{\partial L}{\partial O_{12}} F_{21}", "dL/dX_22"),
    ("ar_X23", r"\frac{\partial L}{\partial X_{23}} = \frac{\partial L}{\partial O_{12}} F_{22} + \frac{\partial L}{\partial O_{22}} F_{12}", "dL/dX_23"),
    ("ar_X31", r"\frac{\partial L}{\partial X_{31}} = \frac{\partial L}{\partial O_{21}} F_{21}", "dL/dX_31"),
    ("ar_X32", r"\frac{\partial L}{\partial X_{32}} = \frac{\partial L}{\partial O_{21}} F_{22} + \frac{\partial L}{\partial O_{22}} F_{21}", "dL/dX_32"),
    ("ar_X33", r"\frac{\partial L}{\partial X_{33}} = \frac{\partial L}{\partial O_{22}} F_{22}", "dL/dX_33"),
    ("ar_dXfull", r"\end{array} \right)}_{\frac{\partial L}{\partial X}} = ", "row 3, column 2 of the left side is dL/dX_23 (dL/dX_32 belongs there) and the padded dL/dO repeats dL/dO_21 where dL/dO_22 belongs: entry (3,2) reads dL/dO_21 F_22 + dL/dO_21 F_21 against dL/dX_23 = dL/dO_12 F_22 + dL/dO_22 F_12"),
    ("ar_max", r"\therefore \frac{\partial L}{\partial A} = \left( \begin{array}{cccc}", "max pooling with A11, A13, A31, A33 the maxima of their 2x2 cells (the prose's assumption)"),
    ("ar_avg", r"\therefore \frac{\partial L}{\partial A} = \frac{1}{4}", "average pooling: a quarter of each cell's gradient"),
]
AR_DIRS = [
    ("## Setup and forward pass\n",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->"),
    ("## Do pooling layers affect backpropagation?\n",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,tl,tl,tl index_base=1 names: A=input B=output L=loss -->"),
    ("With average pooling every element shares",
     "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 index_base=1 names: A=input B=output L=loss -->"),
]
AR_EXCL = [
    (r"X_{3×3} = \left( \begin{array}{ccc}", "definition (the matrices)"),
    (r"F_{updated} = F - \alpha", "an update rule, with dL/dF = dO/dF x dL/dO (a product the text defines only later, by the Frobenius product)"),
    (r"\frac{\partial L}{\partial X} = \frac{\partial O}{\partial X} × \frac{\partial L}{\partial O}", "the same product for X (defined only later)"),
    (r"\therefore \langle A,B\rangle_{F} = ", "definition of the Frobenius product"),
    (r"\frac{\partial L}{\partial O_{11}} \frac{\partial O_{11}}{\partial F_{11}} + ", "the chain rows before substitution (true; left out to keep this document under 30% of the set)"),
    (r"\frac{\partial O}{\partial X_{12}} = ", "the Jacobians by X_12, X_13, X_21 (true; left out to keep this document under 30% of the set)"),
    (r"\xRightarrow{180^o \text{-Rotation}}", "the rotated filter (a definition)"),
    (r"B_{11} = pool\left(", "forward definition (pooling)"),
    (r"Convolution(\text{Input } X", "the summary in words: Convolution(.,.) and Full Convolution(.,.) with the order of their arguments not defined"),
]

KO = [
    ("ko_softmax", r"\frac{\partial \hat{y}_i}{\partial z_j} = \begin{cases}", "softmax Jacobian by i = j / i != j"),
    ("ko_ce", r"\frac{\partial L}{\partial z_i} = \hat{y}_i - y_i", "cross-entropy through softmax, y one-hot"),
    ("ko_fc_w", r"\frac{\partial L}{\partial W_{i,j}} = \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial W_{i,j}}", "FC weight gradient (y = Wx + b)"),
    ("ko_fc_b", r"\frac{\partial L}{\partial b_i} = \frac{\partial L}{\partial y_i}", "FC bias gradient"),
    ("ko_fc_x", r"\frac{\partial L}{\partial x_j} = \sum_i \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial x_j}", "FC input gradient"),
    ("ko_max", r"\frac{\partial L}{\partial I_{i,j}} = \begin{cases}", "max pooling (2x2 regions, stride 2, no ties): the region's gradient goes to its maximum"),
    ("ko_relu", r"\frac{\partial ReLU(x)}{\partial x} = \begin{cases}", "ReLU derivative (0 at x = 0, as PyTorch)"),
    ("ko_conv_w", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot I_{i+m, j+n}", "convolution kernel gradient"),
    ("ko_conv_x", r"\frac{\partial L}{\partial I_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial O_{i-m, j-n}} \cdot W_{m,n}", "convolution input gradient, O's gradient where it exists"),
]
KO_DIRS = [
    ("## 1. 소프트맥스 및 교차 엔트로피 손실 그래디언트 (softmax and cross-entropy gradient)\n",
     "<!-- symbp: layer=softmax classes=3 -->"),
    ("## 2. 완전 연결 계층 역전파 (FC backpropagation)\n",
     "<!-- symbp: layer=fc in=4 out=3 names: x=input W=kernel b=bias y=output L=loss -->"),
    ("## 3. 최대 풀링 역전파 (MaxPool backpropagation)\n",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 index_base=0 names: I=input O=output L=loss -->"),
    ("## 4. ReLU 역전파 (ReLU backpropagation)\n",
     "<!-- symbp: layer=activation name=relu -->"),
    ("## 5. 합성곱 역전파 (convolution backpropagation)\n",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: I=input W=kernel O=output L=loss -->"),
]
KO_EXCL = [
    (r"L = -\sum_{i} y_i \log(\hat{y}_i)", "definition (the loss)"),
    (r"\hat{y}_i = \frac{e^{z_i}}{\sum_j e^{z_j}}", "definition (softmax)"),
    (r"W_{new} = W_{old} - \eta", "an update rule"),
]

CW = [
    ("cw_dA", r"dA += \sum _{h=0} ^{n_H} \sum_{w=0} ^{n_W} W_c \times dZ_{hw}", "h runs to n_H and w to n_W, one past the last output row and column: dZ_{n_H, w} does not exist (the code loops h in range(n_H)); and W_c is added to dA without the window it belongs to; right: the window of dA at (h, w) += W_c dZ_{hw}, h < n_H, w < n_W"),
    ("cw_dW", r"dW_c  += \sum _{h=0} ^{n_H} \sum_{w=0} ^ {n_W} a_{slice} \times dZ_{hw}", "the same bounds: dZ_{n_H, w} and the window a_slice at h = n_H do not exist; right: h < n_H, w < n_W"),
    ("cw_db", r"db = \sum_h \sum_w dZ_{hw}", "bias of filter c: dZ summed over the positions (one example)"),
]
CW_DIRS = [
    ("## CNN的反向传播 (选做) (backward pass, optional)\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 stride=1 padding=0 conv=cross index_base=0 names: A=input W=kernel b=bias Z=output layout: A=HWC W=HWIO Z=HWC -->"),
]
CW_EXCL = [
    (r"\lfloor\frac{n+2p-f}{s}+1\rfloor", "output size (a definition)"),
    (r"Z^{[l]}=W^{[l]}A^{[l-1]}+b", "forward definition"),
    (r"A^{[l]}=g^{[l]}(Z^{[l]})", "forward definition (activation)"),
    (r"n_H = \lfloor", "output size (a definition)"),
    (r"n_W = \lfloor", "output size (a definition)"),
    (r"n_C = \text{", "a definition"),
    (r"\rightarrow  \quad M =\begin{bmatrix}", "the mask of a window's maximum (a helper's output, not a gradient)"),
    (r"dZ = 1 \quad \rightarrow", "the helper that spreads a value over a window, written dZ for both the value and the result"),
]

TABLE = {
    "gibiansky_conv_maxpool.md": ("gib", GIB, GIB_DIRS, GIB_EXCL),
    "cnn_guide_rot180_flip.md": ("guide", GUIDE, GUIDE_DIRS, GUIDE_EXCL),
    "conv_layers_znote.md": ("znote", ZNOTE, ZNOTE_DIRS, ZNOTE_EXCL),
    "cnn_kihon_ja.md": ("ja", JA, JA_DIRS, JA_EXCL),
    "ascend_conv_backward_zh.md": ("asc", ASC, ASC_DIRS, ASC_EXCL),
    "danyang_cnn_python_zh.md": ("dan", DAN, DAN_DIRS, DAN_EXCL),
    "convnets_backprop_ar.md": ("ar", AR, AR_DIRS, AR_EXCL),
    "cnn_visualizer_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
    "coursera_cnn_notes_zh.md": ("cw", CW, CW_DIRS, CW_EXCL),
}
