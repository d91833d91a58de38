"""The sixtieth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout60.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- shenjiann_cnn_hw6_backward_en
SHJ = [
    ("mp_num", r"0.0  0.0  0.0  1.2",
     "2x2 max pooling, stride 2, of the page's A^l = [[1,3,2,1],[4,2,0,5],[3,1,4,2],[2,0,3,6]] with upstream dL/dZ^l = [[0.5,1.2],[0.8,-0.3]]: the top-right window (2 1 / 0 5) has its maximum 5 at row 2, column 4, so 1.2 belongs at (2,4); the page puts it at (1,4) (where A = 1) and leaves (2,4) zero; the other three entries are right; refuted (autograd through max_pool2d)"),
    ("mp_gen", r"0  0  0  ∂L/∂Z^{l}_{1,2}",
     "the same matrix with the upstream entries left as symbols: dL/dZ_{1,2} is routed to row 1, column 4 instead of the window's argmax (row 2, column 4); refuted for every upstream with dL/dZ_{1,2} != 0 (drawn upstream gradients, the page's A^l)"),
    ("mp_mask", r"M_{1,1}*∂L/∂Z^{l}_{1,1}  M_{1,2}*∂L/∂Z^{l}_{1,2}",
     "the block matrix built from the page's own masks (M_{1,2} = [[0,1],[0,0]] marks the top-right window's row 1, where its maximum 5 is in row 2) equals the refuted matrix above, not dL/dA^l; refuted (drawn upstream gradients, the page's A^l; with the true mask [[0,0],[0,1]] the block form would hold)"),
    ("ap_num", r"0.125  0.125  0.300  0.300",
     "2x2 average pooling, stride 2: every input of window (m,n) receives dL/dZ_{m,n}/4: 0.5/4 = 0.125, 1.2/4 = 0.300, 0.8/4 = 0.200, -0.3/4 = -0.075 in the four 2x2 blocks; holds (autograd through avg_pool2d)"),
    ("act", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \odot \sigma'(X)",
     "Y = sigma(X) element-wise: dL/dX = dL/dY (.) sigma'(X); holds for sigmoid, tanh and ReLU (drawn X away from 0, several shapes, a drawn loss of Y)"),
    ("bias", r"\frac{\partial L}{\partial b} = \sum_{i,j} \frac{\partial L}{\partial X(i,j)}",
     "one kernel: X(i,j) = Output(i,j) = sum_{m,n,c} Kernel(m,n,c) Input(i+m,j+n,c) + Bias is the activation's input (the page: 'the partial derivative denotes the upstream gradient (activation function)'), so the scalar bias gets the sum of dL/dX over all output positions; holds (channels 1-2, stride 1 and 2, padding 0 and 1, a sigmoid then a drawn loss)"),
    ("dx_chain", r"\frac{\partial Z^l_0[i,j]}{\partial Z^{l-1}[p,q]}",
     "Z^l_0 = the kernel operation's output (before bias and activation) of one kernel on Z^{l-1}: dL/dZ^{l-1}[p,q] = sum_{i,j} dL/dZ^l_0[i,j] dZ^l_0[i,j]/dZ^{l-1}[p,q] (the multivariate chain rule over all outputs); holds (the Jacobian by autograd, strides 1 and 2, padding 0 and 1)"),
    ("dw_chain", r"\frac{\partial Z^l_0[i,j]}{\partial W[m,n]}",
     "the same chain for the kernel: dL/dW[m,n] = sum_{i,j} dL/dZ^l_0[i,j] dZ^l_0[i,j]/dW[m,n]; holds"),
]
SHJ_DIRS = [
    ("#### 3.1.1  max pooling", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: A^{l}=input Z^{l}=output L=loss -->"),
    ("#### 3.1.2 average pooling", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 names: A^{l}=input Z^{l}=output L=loss -->"),
    ("#### 3.2.1 backward propagation for activation function", "<!-- symbp: layer=activation name=sigmoid names: X=input Y=output L=loss -->"),
    ("#### 3.2.3 Backward propagation for the bias", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: Input=input Kernel=kernel X=output b=bias L=loss -->"),
    ("#### 3.2.4 Backward propagation for the convolution kernel", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 names: Z^{l-1}=input W=kernel Z^l_0=output L=loss -->"),
]
SHJ_EXCL = [
    (r"\left\lfloor \frac{H^{l-1} + 2P_h - K_h}{S_h} + 1 \right\rfloor", "output-size formula of the convolution (no gradient)"),
    (r"\text{ReLU}(x) = \max(0, x)", "definition of ReLU"),
    (r"\left\lfloor \frac{H^{l} - P_h}{S_h} + 1 \right\rfloor", "output-size formula of the pooling (no gradient)"),
    (r"A^{l} = \begin{bmatrix}", "the example's input (a definition)"),
    (r"4 & 5  \\", "the max-pooling forward of the example (holds: 4, 5, 3, 6); a forward value, not a gradient"),
    (r"0.5 & 1.2 \\", "the assumed upstream gradient (given, twice)"),
    (r"M_{1,1} = \begin{bmatrix}", "a mask the page defines (the argmax indicator of window (1,1); right)"),
    (r"M_{1,2} = \begin{bmatrix}", "a mask the page defines (it marks row 1 of the top-right window, whose maximum is in row 2); scored through the block matrix that uses it"),
    (r"M_{2,1} = \begin{bmatrix}", "a mask the page defines (right)"),
    (r"M_{2,2} = \begin{bmatrix}", "a mask the page defines (right)"),
    (r"2.5 & 2.0  \\", "the average-pooling forward of the example (holds); a forward value"),
    (r"M = \begin{bmatrix}", "the average-pooling mask the page defines (1/4 everywhere)"),
    (r"M*∂L/∂Z^{l}_{1,1} & M*∂L/∂Z^{l}_{1,2}", "the average-pooling block form kron(dL/dZ, M) holds; left out for the 30% cap"),
    (r"Output(i,j) = ∑(Kernel(m,n,c) * Input(i+m,j+n,c)) + Bias", "forward definition of the convolution"),
    (r"Z^{l-1} → Z^{l}_{0}", "a diagram of the layer (no equation)"),
]

# ---------------------------------------------------------------- udelar_redes_neuronales_es
UDR = [
    ("dL_grad", r"\delta^{(L)} = \nabla_a J \odot g'(z^{(L)})",
     "delta^{(l)}_j = dJ/dz^{(l)}_j with J the cost of one example (the page drops the example superscripts) and a^{(L)} = g(z^{(L)}): delta^{(L)} = grad_a J (.) g'(z^{(L)}); holds (sigmoid and tanh outputs, both of the page's costs)"),
    ("dL_sq", r"\delta^{(L)} = (a^{(L)}-y) \odot g'(z^{(L)})",
     "'for the cost functions we presented': for the cross entropy (the first cost, sigmoid outputs) grad_a J = (a - y)/(a(1 - a)), so delta^{(L)} = a - y, not (a - y) (.) g'(z); for the quadratic cost as the page writes it, J = -1/(2m) sum ||y - a||^2, grad_a J = (y - a) per example, the opposite sign; the row holds only for J = +1/2 ||y - a||^2, which the page does not write; refuted"),
    ("dl_back", r"\delta^{(l)} = (\theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})",
     "z^{(l+1)} = theta^{(l)} a^{(l)}, a^{(l)} = g(z^{(l)}); read for the layer's real units (the bias unit a_0 = 1 has no z and no delta, its column of theta is left out of the product): delta^{(l)} = theta^T delta^{(l+1)} (.) g'(z^{(l)}); holds (sigmoid, tanh; layer sizes 3-4-2, 2-3-3-2)"),
    ("dtheta_ij", r"\frac{\partial}{\partial\theta^{(l)}_{ij}} J(\theta) = a^{(l)}_j\delta^{(l+1)}_i",
     "theta^{(l)}_{ij} joins unit j of layer l to unit i of layer l+1 (the page's row convention): dJ/dtheta_ij = a^{(l)}_j delta^{(l+1)}_i, the bias column j = 0 included (a_0 = 1); holds (regularisation ignored, as the page says)"),
    ("dtheta_jk", r"\frac{\partial J}{\partial\theta^{(l)}_{jk} } = a^{(l)}_k\delta^{(l+1)}_j",
     "the same rule with the indices renamed; holds"),
    ("dL_ce", r" \delta^{(L)} = (a^{(L)}-y)$$",
     "the cross-entropy cost of one example with sigmoid output units: delta^{(L)} = dJ/dz^{(L)} = a^{(L)} - y; holds (0/1 targets and targets in (0,1))"),
]
UDR_DIRS = [
    ("### 4. Aprendizaje en Redes Neuronales", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a^{(l)}=input \\theta^{(l)}=kernel z^{(l+1)}=output a^{(L)}=activation y=target J=loss -->"),
    ("### 6.  Aprendizaje de redes neuronales en la práctica", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a^{(L)}=activation z^{(L)}=output y=target J=loss -->"),
]
UDR_EXCL = [
    (r"x \in  \mathbb{R}^{n} = a^{(1)} = \left[", "definition of the input layer"),
    (r"\theta^{(1)} = [\theta_0^{(1)} \ldots \theta_n^{(1)}]", "definition of the weights"),
    (r"h_\theta(x) =  a^{(2)} \in \mathbb{R} = g(\theta^{(1)}\cdot x)", "forward definition"),
    (r"a^{(1)} \in  \mathbb{R}^{n} =  x = \left[", "definition of the input layer with its bias unit"),
    (r"= g(\theta^{(j-1)}\cdot a^{(j-1)})", "forward definition"),
    (r"J(\Theta) = - \frac{1}{m} \sum_{i=1}^m \sum_{k=1}^K", "loss definition (cross entropy with regularisation)"),
    (r"J(\theta) = - \frac{1}{2m} \sum_{i=1}^m || y^{(i)} - a^{(L)}||^2", "loss definition (the quadratic cost, written with a leading minus sign)"),
    (r"\delta^{(l)}_j = \frac{\partial J  } {\partial z^{(l)}_j}", "definition of delta"),
    (r"z^{(l+1)} = \theta^{(l)}\cdot a^{(l)}", "forward definition"),
    (r"\Theta^{(l)} = \Theta^{(l)} - \alpha  \sum_x", "the gradient-descent update (a step rule, not a derivative)"),
    (r"a^{(L)}_j = \frac{e^{z^L_j}}{\sum_k e^{z^L_j}}", "forward definition of softmax (its denominator writes z_j for z_k)"),
    (r"\frac{\partial J(\Theta)}{\partial\Theta } \approx", "the finite-difference check (an approximation)"),
]

# ---------------------------------------------------------------- fc_backprop_rowvec_zh
FCZ = [
    ("chain", r"\frac {\partial L} {\partial W} = \frac {\partial L} {\partial y} \frac {\partial y} {\partial W} \\",
     "row vectors, y = xW + b with W n x m viewed as a [1, mn] row vector (the page: 'for convenience W is viewed as a [1, mn] vector'): dL/dW = dL/dy dy/dW ([1,m] times [m,mn]) is the chain rule; holds (drawn sizes, W flattened in the page's column order W_11, W_21, ...)"),
    ("dyi", r"\frac {\partial y_i} {\partial W_{jk}} = \begin{cases}0, i\ne k\\x_i,i=k\end{cases}",
     "y_i = sum_j x_j W_ji: dy_i/dW_jk = x_j if i = k, 0 otherwise; the row writes x_i (the output's index) for x_j; refuted (n != m and drawn x: for i = k the value is x_j, not x_i)"),
    ("dydW", r"x_1  x_2  \cdots  x_n00\cdots0",
     "the Jacobian dy/dW with W's entries ordered W_11, W_21, ..., W_n1, W_12, ... (the page's column labels): row i holds x_1 ... x_n in columns (i-1)n+1 ... in and zeros elsewhere, as the written rows show; holds (drawn x, several n, m)"),
    ("dLdW_xT", r"\text{we found it equals }\frac {\partial L} {\partial W} =x'\frac {\partial L}{\partial y}",
     "x' the transpose (x^T, [n,1]) times dL/dy ([1,m]) = the n x m matrix of dL/dW_jk = x_j dL/dy_k; holds"),
    ("db", r"\frac {\partial L} {\partial y} 1= \frac {\partial L} {\partial y}",
     "dL/db = dL/dy dy/db = dL/dy (dy/db the identity, written 1); holds"),
    ("dx", r"\frac {\partial L} {\partial x} = \frac {\partial L} {\partial y} \frac {\partial y} {\partial x} = \frac {\partial L} {\partial y}W'",
     "dL/dx = dL/dy dy/dx = dL/dy W^T ([1,m] times [m,n]); holds"),
]
FCZ_DIRS = [
    ("##### Single Instance", "<!-- symbp: layer=fc in=3 out=2 weight=rows names: x=input W=kernel b=bias y=output L=loss -->"),
]
FCZ_EXCL = [
    (r"y = xW + b \\", "forward definition"),
    (r"y_i = \sum_jx_jW_{ji} \\", "forward definition, entry by entry"),
    (r"\text{let } \frac {\partial L} {\partial y} =\begin{bmatrix}", "names the upstream gradient's entries (a definition)"),
    (r"\text{(reshaped from [1,mn] to [m,n])}", "the m x n matrix of x_j dL/dy_i is dL/dW transposed; it equals dL/dW only under the page's reshape of the column-ordered [1, mn] vector into [m, n] rows, so the verdict hangs on reading that reshape"),
]

# ---------------------------------------------------------------- mlp_backprop_week05_th
MTH = [
    ("sig1", r"-(1 + e^{-y})^{-2} (-e^{-y}) = \frac{e^{-y}}{(1 + e^{-y})^2}",
     "sigma(y) = 1/(1+e^{-y}): every member of d/dy (1+e^{-y})^{-1} = -(1+e^{-y})^{-2}(-e^{-y}) = e^{-y}/(1+e^{-y})^2 equals sigma'(y); holds (drawn y)"),
    ("sig2", r"\left( 1 - \frac{1}{1 + e^{-y}} \right) = \mathbf{\sigma(y)(1 - \sigma(y))}",
     "the continuation = 1/(1+e^{-y}) . e^{-y}/(1+e^{-y}) = 1/(1+e^{-y}) (1 - 1/(1+e^{-y})) = sigma(y)(1 - sigma(y)); holds (drawn y)"),
    ("dEdw", r"\frac{\partial E_d}{\partial w_{hk}} = \frac{\partial E_d}{\partial net_k} \frac{\partial net_k}{\partial w_{hk}}",
     "net_k = sum_h w_hk o_h (the page's diagram and its updates read w_hk as the weight from hidden unit h to output k), o_k = sigma(net_k), E_d = 1/2 sum_k (t_k - o_k)^2: dE/dw_hk = dE/dnet_k dnet_k/dw_hk = (dE/do_k do_k/dnet_k) o_h; holds (drawn 3-4-2 and 2-3-3 networks)"),
    ("dk", r"\mathbf{\delta_k = (t_k - o_k) o_k (1 - o_k)}",
     "delta_k = -dE_d/dnet_k = (t_k - o_k) o_k (1 - o_k) (sigmoid outputs, squared error); holds"),
    ("dh_chain", r"\delta_h \equiv -\frac{\partial E_d}{\partial net_h} = -\sum_{k \in \text{outputs}}",
     "delta_h = -dE/dnet_h = -sum_k dE/dnet_k dnet_k/do_h do_h/dnet_h (h feeds every output k); holds"),
    ("dh", r"\mathbf{\delta_h = o_h (1 - o_h) \sum_{k \in \text{outputs}} w_{hk} \, \delta_k}",
     "delta_h = o_h(1 - o_h) sum_k w_hk delta_k with w_hk the weight from h to k; holds"),
]
MTH_DIRS = [
    ("### 2. ฟังก์ชันกระตุ้นซิกมอยด์ (Sigmoid Activation Function)", "<!-- symbp: layer=activation name=sigmoid names: y=input \\sigma=output -->"),
    ("### 3. การอนุพันธ์สมการ Backpropagation ด้วยกฎลูกโซ่ (Chain Rule)", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: o_h=input w_{hk}=kernel net_k=output o_k=activation t_k=target E_d=loss -->"),
]
MTH_EXCL = [
    (r"\sigma(y) \equiv \frac{1}{1 + e^{-y}}", "definition of the sigmoid"),
    (r"E_d = \frac{1}{2} \sum_{k \in \text{outputs}} (t_k - o_k)^2", "loss definition"),
    (r"\mathbf{\Delta w_{hk} = \eta \, \delta_k \, o_h}", "the weight update (a step rule; it is -eta dE/dw_hk)"),
    (r"\mathbf{\Delta w_{ih} = \eta \, \delta_h \, x_i}", "the weight update (a step rule)"),
    (r"\Delta w_{ji}(n) = \eta \, \delta_j \, x_{ji} + \alpha \, \Delta w_{ji}(n-1)", "the momentum update (a step rule)"),
]

# ---------------------------------------------------------------- cv_foundations_phase00_en
CVF = [
    ("dX_rot", r"\frac{\partial \mathcal{L}}{\partial \mathbf{X}} = \frac{\partial \mathcal{L}}{\partial \mathbf{Y}} * \text{rot}_{180}(\mathbf{K})",
     "* is the page's discrete cross-correlation S(i,j) = sum_{m,n=-k}^{k} I(i+m,j+n) K(m,n), valid as its diagram shows (a 5x5 input * a 3x3 kernel = a 3x3 map), and Y = X * K: dL/dY * rot180(K) is then the valid cross-correlation of the HxW-less-(K-1) map with a KxK kernel, smaller than X (1x1 for the page's 5x5 / 3x3), so the row does not give dL/dX; it holds only with dL/dY zero-padded by K-1 (full) or, for a same-padded forward, with the same padding, which the page does not state; refuted (5x5/3x3, 6x6/3x3, 7x7/5x5)"),
]
CVF_DIRS = [
    ("### 4.1 Gradient Descent & Backpropagation", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: \\mathbf{X}=input \\mathbf{K}=kernel \\mathbf{Y}=output \\mathcal{L}=loss -->"),
]
CVF_EXCL = [
    (r"\mathbf{\tilde{p}}' = \mathbf{M} \mathbf{\tilde{p}}", "a geometric transform (no gradient)"),
    (r"(I * K)(x, y) = \int_{-\infty}^{\infty}", "definition of continuous convolution"),
    (r"S(i, j) = (I * K)(i, j) = \sum_{m=-k}^{k}", "forward definition (cross-correlation)"),
    (r"W_{out} = \left\lfloor \frac{W_{in} - D(K - 1) - 1 + 2P}{S} \right\rfloor + 1", "output-size formula"),
    (r"\mathbf{W}_{t+1} = \mathbf{W}_t - \eta \nabla_{\mathbf{W}}", "the gradient-descent update (a step rule)"),
]

TABLE = {
    "shenjiann_cnn_hw6_backward_en.md": ("shj", SHJ, SHJ_DIRS, SHJ_EXCL),
    "udelar_redes_neuronales_es.md": ("udr", UDR, UDR_DIRS, UDR_EXCL),
    "fc_backprop_rowvec_zh.md": ("fcz", FCZ, FCZ_DIRS, FCZ_EXCL),
    "mlp_backprop_week05_th.md": ("mth", MTH, MTH_DIRS, MTH_EXCL),
    "cv_foundations_phase00_en.md": ("cvf", CVF, CVF_DIRS, CVF_EXCL),
}
