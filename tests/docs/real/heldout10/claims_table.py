"""The tenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout10.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

T6 = [
    ("t_mlp_w", r"\frac{\partial \mathcal L}{\partial W} = \delta \cdot x^\top", "fully connected z = Wx + b: dL/dW = delta x^T"),
    ("t_mlp_x", r"\frac{\partial \mathcal L}{\partial x} = W^\top \cdot \delta", "fully connected: dL/dx = W^T delta"),
    ("t_w_chain", r"= \sum_{i, j} \frac{\partial \mathcal L}{\partial Y[i, j]} \cdot \frac{\partial Y[i, j]}{\partial W[m, n]}", "chain rule over the outputs for one filter entry"),
    ("t_w_local", r"\frac{\partial Y[i, j]}{\partial W[m, n]} = X[i + m,\ j + n]", "local derivative of the forward"),
    ("t_w_box", r"\boxed{\frac{\partial \mathcal L}{\partial W[m, n]} = \sum_{i, j} \delta[i, j] \cdot X[i + m,\ j + n]}", "filter gradient"),
    ("t_x_chain", r"= \sum_{i, j} \frac{\partial \mathcal L}{\partial Y[i, j]} \cdot \frac{\partial Y[i, j]}{\partial X[a, b]}", "chain rule over the outputs for one input entry"),
    ("t_x_local", r"\frac{\partial Y[i, j]}{\partial X[a, b]} = W[a - i,\ b - j]", "local derivative, for the (i, j) the prose restricts to (0 <= a-i < k, 0 <= b-j < k)"),
    ("t_x_sum", r"\frac{\partial \mathcal L}{\partial X[a, b]} = \sum_{i, j} \delta[i, j] \cdot W[a - i,\ b - j]", "input gradient, the sum over the outputs that used X[a, b] (as the prose says)"),
    ("t_x_box", r"\boxed{\frac{\partial \mathcal L}{\partial X[a, b]} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} \delta[a - m,\ b - n] \cdot W[m, n]}", "input gradient over the whole kernel, delta zero outside (the note pads delta with k-1 zeros on every side)"),
    ("t_x_flip", r"\nabla X = \delta \star \text{flip}(W)", "the valid sliding sum of the (H-k+1) x (H-k+1) delta with the flipped k x k filter is (H-2k+2) x (H-2k+2), not H x H (the note's next paragraph says delta must be padded with k-1 zeros first); right: pad_{k-1}(delta) star flip(W)"),
    ("t_b", r"\frac{\partial \mathcal L}{\partial b} = \sum_{i, j} \delta[i, j]", "bias gradient"),
    ("t_mc_w", r"\nabla W[k_o, c, m, n] = \sum_{i, j} \delta[k_o, i, j] \cdot X[c, i+m, j+n]", "several channels: filter gradient"),
    ("t_mc_x", r"\nabla X[c, a, b] = \sum_{k_o} \sum_{m, n} \delta[k_o, a-m, b-n] \cdot W[k_o, c, m, n]", "several channels: input gradient, delta zero outside"),
    ("t_mc_b", r"\nabla b[k_o] = \sum_{i, j} \delta[k_o, i, j]", "several channels: bias gradient"),
    ("t_sum_w", r"\nabla W = X \star \delta", "valid cross-correlation of X with delta: k x k"),
    ("t_sum_x", r"\nabla X = \delta * W", "the note's * is the true convolution (A*B)[a,b] = sum A[a-m,b-n] B[m,n], delta zero outside: the input gradient"),
    ("t_sum_b", r"\nabla b = \sum_\text{spatial} \delta", "bias gradient: delta summed over the positions"),
]
T6_DIRS = [
    ("## 1. 起点：跟 Week 1 反向传播相比，难在哪？\n",
     "<!-- symbp: layer=fc in=3 out=2 names: x=input W=kernel b=bias z=output -->"),
    ("## 2. 三个梯度的全景\n",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output -->"),
    ("## 6. 多通道、多 filter 的扩展\n",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output layout: X=CHW W=OIHW Y=CHW -->"),
    ("## 10. 这一节给 T7 实现留下的要点\n",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output -->"),
]
T6_EXCL = [
    (r"Y[i, j] = b + \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X[i+m,\ j+n] \cdot W[m, n]", "forward definition"),
    (r"i + m = a, \quad j + n = b \quad \Longleftrightarrow", "index bookkeeping (not a gradient)"),
]

CSU = [
    ("c_grad_a", r"\nabla a^{l-1} = \frac{\partial E_{total}}{\partial a^{l-1}} = \frac{\partial E_{total}}{\partial net^{l}} \frac{\partial net^{l}}{\partial a^{l-1}} = \delta^{l} \frac{\partial net^{l}}{\partial a^{l-1}}", "delta^l contracted with the Jacobian of net^l by a^{l-1}"),
    ("c_a11", r"\nabla a_{11}^{l-1} = \delta_{11}^{l}w_{11}^{l}", "written entry (1-based)"),
    ("c_a12", r"\nabla a_{12}^{l-1} = \delta_{11}^{l}w_{12}^{l} + \delta_{12}^{l}w_{11}^{l}", "written entry"),
    ("c_a13", r"\nabla a_{13}^{l-1} = \delta_{12}^{l}w_{12}^{l}", "written entry"),
    ("c_a21", r"\nabla a_{21}^{l-1} = \delta_{11}^{l}w_{21}^{l} + \delta_{21}^{l}w_{11}^{l}", "written entry"),
    ("c_a22", r"\nabla a_{22}^{l-1} = \delta_{11}^{l}w_{22}^{l} + \delta_{12}^{l}w_{21}^{l} + \delta_{21}^{l}w_{12}^{l} + \delta_{22}^{l}w_{11}^{l}", "written entry"),
    ("c_a23", r"\nabla a_{23}^{l-1} = \delta_{12}^{l}w_{22}^{l} + \delta_{22}^{l}w_{12}^{l}", "written entry"),
    ("c_a31", r"\nabla a_{31}^{l-1} = \delta_{21}^{l}w_{21}^{l}", "written entry"),
    ("c_a32", r"\nabla a_{32}^{l-1} = \delta_{21}^{l}w_{22}^{l} + \delta_{22}^{l}w_{21}^{l}", "written entry"),
    ("c_a33", r"\nabla a_{33}^{l-1} = \delta_{22}^{l}w_{22}^{l}", "written entry"),
    ("c_pad", r"\end{array} \right) * \left( \begin{array}{ccc} w_{22}^{l}", "the zero-ringed delta^l slid (without flipping, the post's *) with the flipped filter equals the 3x3 gradient"),
    ("c_d_r2", r"=\frac{ \partial E_{total}}{\partial net^{l}} \frac{ \partial net^{l}}{ \partial net^{l-1}}", "chain rule through net^l"),
    ("c_d_r3", r"= \color{ blue }{\frac{ \partial E_{total}}{\partial net^{l}} \frac{ \partial net^{l}}{ \partial a^{l-1}} } \color{red}{ \frac{ \partial a^{l-1}}{ \partial net^{l-1}}}", "chain rule through a^{l-1} = f(net^{l-1}) (element by element)"),
    ("c_d_r4", r"= \color{blue} {\delta^{l}*rot180(W^{l})} \odot  \color{red} {f^{'}(net^{l-1})}", "without the ring of zeros of eq. 10: the 2x2 delta^l slid with the 2x2 rot180(W^l) is 1x1 while f'(net^{l-1}) is 3x3 (the shapes differ); right: pad_1(delta^l) * rot180(W^l), as eq. 10"),
    ("c_dW", r"\frac{ \partial E}{\partial W^{l}}", "ends in delta^l * rot180(a^{l-1}): the 3x3 a^{l-1} is larger than the 2x2 delta^l, the sliding sum does not exist; right: a^{l-1} * delta^l (2x2)"),
]
CSU_DIRS = [
    ("### Convolution Layers 卷积层\n",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: a^{l-1}=input W^l=kernel w^l=kernel b^l=bias net^l=output E_{total}=loss -->"),
]
CSU_EXCL = [
    (r"f(x) = max(0, x)", "definition of ReLU"),
    (r"f_1 = f(w_1x + b_1) = f(net _ 1)", "forward definition"),
    (r"f_2 = f(w_2f(w_1x + b_1) + b_2)", "forward definition"),
    (r"f_3 = f(w_3f(w_2f(w_1x + b_1) + b_2) + b_3)", "forward definition"),
    (r"\frac{\partial net_1}{ w_1}", "eq. 2: its last factor is written \\frac{\\partial net_1}{w_1} (no derivative in the denominator): not a well-formed derivative as written"),
    (r"up(\delta_k^l) \odot f^{'}(net_k^{l-1})", "eq. 3: up is defined only in words and the pooling type is not given"),
    (r"a^{l}_{j} = f \left ( \sum_{i \in M_{j} }", "forward definition"),
    (r"a^l= f(net^l) = f \left (a^{l-1}*W^l +b^l \right )", "forward definition"),
    (r"\left( \begin{array}{ccc} a_{11}^{l-1}", "forward example (matrix form)"),
    (r"net_{11}^{l} = a_{11}^{l-1}w_{11}^{l}", "forward entries"),
    (r"net^{l}=a^{l-1} \ast W^{l}+b^{l}=f(net^{l-1}) \ast W^{l}+b^{l}", "forward definition"),
    (r"=\frac{ \partial E_{total}}{\partial net^{l-1}}", "the definition of delta^{l-1}"),
]

ES = [
    ("e_w_chain", r"= \sum_{i=0}^{H_{out}-1} \sum_{j=0}^{W_{out}-1} \frac{\partial \mathcal{L}}{\partial Y(c_{out}, i, j)} \frac{\partial Y(c_{out}, i, j)}{\partial W(c_{out}, c_{in}, m, n)}", "chain rule over every output position of channel c_out"),
    ("e_w_final", r"\delta_{out}(c_{out}, i, j) \cdot X(c_{in}, i \cdot s + m, j \cdot s + n)", "drops the forward's -p: at p = 1 (s = 1, 2) it reads X one row and column off (and past the input's end); right: X(c_in, i s + m - p, j s + n - p) with X zero in the padding; holds at p = 0"),
    ("e_x", r"\frac{\partial \mathcal{L}}{\partial X(c_{in}, i', j')} = \sum_{c_{out}=1}^{C_{out}}", "with i' = i s + m (and j' = j s + n) as written, the padding offset is dropped: at p = 1 the gradient lands one row and column off; right: i' = i s + m - p; holds at p = 0"),
    ("e_res1", r"\frac{\partial \mathcal{E}}{\partial x_l} = \frac{\partial \mathcal{E}}{\partial x_L} \frac{\partial x_L}{\partial x_l} =", "chain rule through x_L = x_l + sum F (total derivative)"),
    ("e_res2", r"\left( I + \frac{\partial}{\partial x_l} \sum_{i=l}^{L-1} \mathcal{F}(x_i, \mathcal{W}_i) \right) = \underbrace", "identity term plus the Jacobian of the residual sum, both forms"),
]
ES_DIRS = [
    ("### 3.1. Operación Convolucional 2D Discreta y Dimensiones Espaciales\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 stride=2 padding=1 conv=cross names: X=input W=kernel b=bias Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->"),
]
ES_EXCL = [
    (r"Y(c_{out}, i, j) = b(c_{out}) + \sum_{c_{in}=1}^{C_{in}}", "forward definition"),
    (r"H_{out} = \left\lfloor \frac{H_{in} - k_h + 2p}{s} \right\rfloor + 1", "output size"),
    (r"W_{out} = \left\lfloor \frac{W_{in} - k_w + 2p}{s} \right\rfloor + 1", "output size"),
    (r"H_{out} = \frac{H_{in} - 3 + 2(1)}{1} + 1 = H_{in}", "output size example"),
    (r"\delta_{out} \equiv \frac{\partial \mathcal{L}}{\partial Y}", "definition of delta_out"),
    (r"\mathcal{F}(x) \equiv \mathcal{H}(x) - x", "definition of the residual"),
    (r"x_{l+1} = x_l + \mathcal{F}(x_l, \mathcal{W}_l)", "forward definition"),
    (r"x_{l+2} = x_{l+1} + \mathcal{F}(x_{l+1}, \mathcal{W}_{l+1})", "forward unrolled (not a gradient)"),
    (r"x_L = x_l + \sum_{i=l}^{L-1} \mathcal{F}(x_i, \mathcal{W}_i)", "forward unrolled (not a gradient)"),
]

KO = [
    ("k_chain", r"\frac{\partial L}{\partial \theta} = \frac{\partial L}{\partial y} \frac{\partial y}{\partial z} \frac{\partial z}{\partial \theta}", "chain rule through z = theta x + b and y = f(z) (scalars)"),
    ("k_w", r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} X_{i+m,j+n}", "filter gradient"),
    ("k_x", r"\frac{\partial L}{\partial X_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial Y_{i-m,j-n}} W_{m,n}", "input gradient, Y's gradient where it exists"),
    ("k_vanish", r"\frac{\partial L}{\partial W_1} = \frac{\partial L}{\partial y_L} \prod_{l=2}^{L} \frac{\partial y_l}{\partial y_{l-1}}", "the product ends at dy_2/dy_1: it is dL/dy_1, not dL/dW_1 (the factor dy_1/dW_1 is missing; with matrices the shapes differ too)"),
    ("k_relu", r"f'(x) = \begin{cases} 1", "ReLU derivative (0 at x = 0, as autograd)"),
    ("k_sigmoid", r"f'(x) = f(x)(1 - f(x))", "sigmoid derivative"),
    ("k_tanh", r"f'(x) = 1 - f(x)^2", "tanh derivative"),
]
KO_DIRS = [
    ("### 2.2.2. 컨볼루션 층에서의 역전파\n",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
    ("**ReLU**:\n", "<!-- symbp: layer=activation name=relu -->"),
    ("**Sigmoid**:\n", "<!-- symbp: layer=activation name=sigmoid -->"),
    ("**Tanh**:\n", "<!-- symbp: layer=activation name=tanh -->"),
]
KO_EXCL = [
    (r"\sum_{m=-\infty}^{\infty} \sum_{n=-\infty}^{\infty} I(m,n) K(i-m, j-n)", "definition of convolution"),
    (r"(I * K)(i,j) = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} I(i+m, j+n) K(m,n)", "definition (not a gradient)"),
    (r"\text{Correlation}: (I \star K)(i,j)", "definition of cross-correlation"),
    (r"\text{Convolution}: (I * K)(i,j)", "definition of convolution"),
    (r"Y_{i,j} = \sum_{m,n} X_{i+m,j+n} W_{m,n}", "forward definition"),
    (r"f(x) = \max(0, x)", "definition of ReLU"),
    (r"f(x) = \frac{1}{1 + e^{-x}}", "definition of the sigmoid"),
    (r"f(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}", "definition of tanh"),
]

EN = [
    ("n_sm_ii2", r"= \frac{e^{z_i} \sum_{k=1}^n e^{z_k} - e^{z_i} e^{z_i}}{(\sum_{k=1}^n e^{z_k})^2}", "softmax diagonal, quotient rule"),
    ("n_sm_ii3", r"= \sigma_i(1 - \sigma_i)", "softmax diagonal"),
    ("n_sm_ij2", r"= -\frac{e^{z_i} e^{z_j}}{(\sum_{k=1}^n e^{z_k})^2}", "softmax off-diagonal, quotient rule"),
    ("n_sm_ij3", r"= -\sigma_i\sigma_j", "softmax off-diagonal"),
    ("n_ce", r"\frac{\partial L}{\partial z_i} = \sigma_i - y_i", "softmax with cross-entropy, y a label (a single 1)"),
    ("n_fc", r"\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial W_{ij}} = \delta_i x_j", "fully connected y = Wx + b"),
    ("n_avg", r"\frac{\partial L}{\partial x_{i,j}} = \frac{1}{4} \frac{\partial L}{\partial p_{\lfloor i/2 \rfloor,\lfloor j/2 \rfloor}}", "2x2 average pooling, stride 2 (0-based)"),
    ("n_relu", r"\frac{\partial L}{\partial x_i} = \begin{cases}", "ReLU y = max(0, x): the gradient passes where x > 0"),
    ("n_cw", r"\frac{\partial L}{\partial w_{k,l}} = \sum_{i,j} x_{i+k,j+l} \frac{\partial L}{\partial z_{i,j}}", "filter gradient (28x28 input, 5x5 filter)"),
    ("n_cx", r"\frac{\partial L}{\partial x_{i,j}} = \sum_{k,l} w_{k,l} \frac{\partial L}{\partial z_{i-k,j-l}}", "input gradient, z's gradient where it exists"),
]
EN_DIRS = [
    ("### 2.1 Convolutional Layer\n",
     "<!-- symbp: layer=conv2d input=28x28 kernel=5x5 conv=cross index_base=0 names: x=input w=kernel b=bias z=output L=loss -->"),
    ("### 2.3 Average Pooling Layer\n",
     "<!-- symbp: layer=avgpool input=24x24 kernel=2x2 stride=2 index_base=0 names: x=input p=output L=loss -->"),
    ("### 2.5 Fully Connected Layer\n", "<!-- symbp: layer=fc in=4 out=3 names: x=input W=kernel b=bias y=output L=loss -->"),
    ("### 2.6 Softmax Function\n", "<!-- symbp: layer=softmax classes=3 target=one-hot -->"),
    ("### 3.3 Fully Connected Layer Gradient\n", "<!-- symbp: layer=fc in=4 out=3 names: x=input W=kernel b=bias y=output L=loss -->"),
    ("### 3.4 Average Pooling Gradient\n",
     "<!-- symbp: layer=avgpool input=24x24 kernel=2x2 stride=2 index_base=0 names: x=input p=output L=loss -->"),
    ("### 3.5 ReLU Gradient\n", "<!-- symbp: layer=activation name=relu -->"),
    ("### 3.6 Convolution Layer Gradient\n",
     "<!-- symbp: layer=conv2d input=28x28 kernel=5x5 conv=cross index_base=0 names: x=input w=kernel b=bias z=output L=loss -->"),
]
EN_EXCL = [
    (r"(f * g)[n] = \sum_{m=-\infty}^{\infty} f[m]g[n-m]", "definition of convolution"),
    (r"z_{i,j} = \sum_{k=0}^{4}\sum_{l=0}^{4} w_{k,l} \cdot x_{i+k,j+l} + b", "forward definition"),
    (r"f(x) = \max(0,x)", "definition of ReLU"),
    (r"p_{i,j} = \frac{1}{4}\sum_{k=0}^{1}\sum_{l=0}^{1} x_{2i+k,2j+l}", "forward definition"),
    (r"f_{k} = x_{i,j,c}", "flatten (a definition)"),
    (r"y = Wx + b", "forward definition"),
    (r"\sigma(z)_i = \frac{e^{z_i}}{\sum_{j=1}^n e^{z_j}}", "definition of softmax"),
    (r"\frac{\partial \sigma_i}{\partial z_i} &= \frac{\partial}{\partial z_i} \frac{e^{z_i}}{\sum_{k=1}^n e^{z_k}}", "the derivative restated (first row)"),
    (r"\frac{\partial \sigma_i}{\partial z_j} &= \frac{\partial}{\partial z_j} \frac{e^{z_i}}{\sum_{k=1}^n e^{z_k}}", "the derivative restated (first row)"),
    (r"\frac{\partial L}{\partial \theta} = \frac{\partial L}{\partial y} \cdot \frac{\partial y}{\partial \theta}", "generic chain rule for any parameter (no layer named)"),
    (r"\theta_{new} = \theta_{old} - \alpha", "update rule (not a gradient)"),
]

LH = [
    ("l_max", r"\frac{\partial L}{\partial x_i} = \begin{cases} \frac{\partial L}{\partial y}", "max pooling: the window's gradient goes to its maximum (no ties)"),
    ("l_avg", r"\frac{\partial L}{\partial x_i} = \frac{1}{|\mathcal{R}|} \frac{\partial L}{\partial y}", "average pooling: 1/|R| of the window's gradient"),
    ("l_k", r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y_{i,j}} \cdot X_{i+m, j+n}", "kernel gradient"),
    ("l_x", r"\frac{\partial L}{\partial X_{i,j}} = \sum_{m} \sum_{n} \frac{\partial L}{\partial Y_{i-m, j-n}} \cdot K_{m,n}", "input gradient, only where i-m, j-n are valid (as the note says)"),
    ("l_res", r"\frac{\partial L}{\partial h_l} = \frac{\partial L}{\partial h_{l+1}} \cdot \left(1 + \frac{\partial \mathcal{F}}{\partial h_l}\right)", "residual block h_{l+1} = h_l + F(h_l): identity plus the Jacobian of F"),
]
LH_DIRS = [
    ("### 2.1 二维卷积的数学定义\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->"),
    ("### 2.3 汇聚层（Pooling）的数学表示\n",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->"),
    ("### 2.4 卷积层的反向传播\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->"),
]
LH_EXCL = [
    (r"Y_{i,j} = \sum_{m=0}^{k_h-1} \sum_{n=0}^{k_w-1} X_{i+m, j+n} \cdot K_{m,n}", "forward definition"),
    (r"Y_{i,j,c_{out}} = \sum_{m=0}^{k_h-1}", "forward definition (channels)"),
    (r"H_{out} = \left\lfloor \frac{H + 2p - k_h}{s} \right\rfloor + 1", "output size"),
    (r"h_{l+1} = h_l + \mathcal{F}(h_l, W_l)", "forward definition"),
]

GS = [
    ("g_w", r"\frac{\partial L}{\partial w} = x * \frac{\partial L}{\partial y}", "valid cross-correlation of x with dL/dy: k x k"),
    ("g_x", r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y} *_{full} \text{rot}_{180}(w)", "full cross-correlation (k-1 zeros each side) of dL/dy with the rotated kernel"),
    ("g_p1", r"∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × (∂y_{ij}/∂w_{mn})", "chain rule over the outputs"),
    ("g_p2", r"= Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}", "filter gradient"),
    ("g_p3", r"= (∂L/∂y) * x", "the larger x slid over the smaller dL/dy: the sliding sum does not exist (k x k would need x as the input); right: x * (dL/dy), as the display above"),
]
GS_DIRS = [
    ("## Backpropagation Through Convolution\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: x=input w=kernel b=bias y=output L=loss -->"),
]
GS_EXCL = [
    (r"(f * g)(i, j) = \sum_{m=-\infty}^{\infty}", "definition of convolution"),
    (r"\text{Output}[i,j] = \sum_{m=0}^{k_h-1}", "forward definition"),
    (r"H_{out} = \left\lfloor \frac{H_{in} + 2p - d(k - 1) - 1}{s} + 1 \right\rfloor", "output size"),
    (r"y = x * w + b", "forward definition"),
]

HW = [
    ("h_w", r"\frac{\partial \mathcal{L}}{\partial W[o, c, m, n]} = \sum_{i,j} \frac{\partial \mathcal{L}}{\partial Y[o, i, j]} \cdot X[c, i+m-p, j+n-p]", "same padding p = floor(K/2): X read zero in its padding"),
    ("h_bn", r"\frac{\gamma}{m\sqrt{\sigma^2 + \epsilon}} \left(m \frac{\partial \mathcal{L}}{\partial y_i}", "batch normalisation, compact input gradient"),
]
HW_DIRS = [
    ("## Problem A3: Backward Pass Through a Convolutional Layer\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 stride=1 padding=1 bias=0 conv=cross index_base=0 names: X=input W=kernel Y=output layout: X=CHW W=OIHW Y=CHW -->"),
]
HW_EXCL = [
    (r"\frac{\partial \mathcal{L}}{\partial X} = \frac{\partial \mathcal{L}}{\partial Y} \star_{\text{full}} \text{rot}_{180}(W)", "ambiguous as written: a \"full\" convolution \"with sufficient padding\" for a same-padded forward does not settle the padding, so the result's size is not fixed"),
]

PT = [
    ("p_k", r"\frac{\partial L}{\partial K_{mn}} = \sum_{i = 0}^{H - M}\sum_{j = 0}^{W - N}\delta_{ij}X_{i + m,j + n}", "kernel gradient (no padding, stride 1)"),
    ("p_k_mat", r"\nabla_{K}L = X \ast \delta", "the page's sliding sum of X with delta as the filter: M x N (the bias written in the page's definition of the operator belongs to the layer)"),
    ("p_k_chain", r"\frac{\partial L}{\partial K_{mn}} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}\frac{\partial Y_{ij}}{\partial K_{mn}}", "chain rule over the outputs"),
    ("p_k_local", r"\frac{\partial Y_{ij}}{\partial K_{mn}} = X_{i + m,j + n}", "local derivative"),
    ("p_k_sub", r"\frac{\partial L}{\partial K_{mn}} = \sum_{i,j}\delta_{ij}X_{i + m,j + n}", "kernel gradient (sum over the outputs)"),
    ("p_b", r"\frac{\partial L}{\partial b} = \sum_{ij}\delta_{ij}", "bias gradient"),
    ("p_b_chain", r"\frac{\partial L}{\partial b} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}\frac{\partial Y_{ij}}{\partial b}", "chain rule for the bias"),
    ("p_b_local", r"\frac{\partial Y_{ij}}{\partial b} = 1", "local derivative of the bias"),
    ("p_b_sub", r"\frac{\partial L}{\partial b} = \sum_{i,j}\delta_{ij}", "bias gradient"),
    ("p_x", r"\frac{\partial L}{\partial X_{ij}} = \sum_{m = 0}^{M - 1}\sum_{n = 0}^{N - 1}\delta_{i - m,j - n}K_{mn}", "for every (i, j) of X the whole kernel is summed, so delta_{i-m,j-n} is read at rows and columns that do not exist (i = 0, m = 1; i = H-1, m = 0) and the page does not say delta is zero there; right: the same with delta zero outside its (H-M+1) x (W-N+1) range"),
    ("p_x_mat", r"\nabla_{X}L = \delta \ast K^{\text{flip }}", "the page's valid sliding sum of the (H-M+1) x (W-N+1) delta with the M x N flipped kernel is (H-2M+2) x (W-2N+2), not H x W; right: delta padded with M-1 and N-1 zeros, then slid with K^flip"),
    ("p_x_chain", r"\frac{\partial L}{\partial X_{ab}} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}\frac{\partial Y_{ij}}{\partial X_{ab}}", "chain rule over the outputs"),
    ("p_x_local", r"\frac{\partial Y_{ij}}{\partial X_{ab}} = K_{a - i,b - j}", "local derivative, where a-i, b-j lie in the kernel's support (as the page says)"),
    ("p_x_sub", r"\frac{\partial L}{\partial X_{ab}} = \sum_{i,j}\delta_{ij}K_{a - i,b - j}", "input gradient, the sum over the outputs whose window holds (a, b)"),
    ("p_x_flip", r"\frac{\partial L}{\partial X_{ab}} = \sum_{i,j}\delta_{a - i,b - j}K_{ij}^{\text{flip}}", "delta_{a-i,b-j} with K^flip_{ij} = K_{M-1-i,N-1-j} flips the kernel twice: sum delta_{a-i,b-j} K_{M-1-i,N-1-j} is not the gradient; right: sum delta_{a-i,b-j} K_{ij} (or K^flip with delta_{a-(M-1)+i, b-(N-1)+j})"),
    ("p_ks", r"\sum_{i = 0}^{H - M}\sum_{j = 0}^{W - N}\delta_{ij}{\widetilde{X}}_{i \cdot S + m,j \cdot S + n}", "with padding and stride the bounds H - M, W - N of the unpadded stride-1 case are kept: at S = 2 they reach delta rows that do not exist (H = 5, M = 3: delta has rows 0..1, the sum runs to 2), at P = 1, S = 1 they stop short of the last rows; right: i = 0..floor((H+2P-M)/S)"),
    ("p_ks_mat", r"\nabla_{K}L = \widetilde{X} \ast \delta", "delta slid over the padded image with stride S gives sum_{i,j} X~_{mS+i,nS+j} delta_{ij}, not sum delta_{ij} X~_{iS+m,jS+n} (equal only for S = 1); right: slide delta dilated by S (S - 1 zeros between entries) with stride 1"),
    ("p_ks_local", r"\frac{\partial Y_{ij}}{\partial K_{mn}} = {\widetilde{X}}_{i \cdot S + m,j \cdot S + n}", "local derivative with padding and stride"),
    ("p_ks_sub", r"\frac{\partial L}{\partial K_{mn}} = \sum_{i,j}\delta_{ij}{\widetilde{X}}_{i \cdot S + m,j \cdot S + n}", "kernel gradient, the sum over the outputs"),
    ("p_xs", r"\nabla_{\widetilde{X}}L = U_{S}(\delta) \ast K^{\text{flip }}", "the valid sliding sum of the dilated delta ((H'-1)S+1 square) with the flipped M x M kernel is smaller than the padded image (H+2P square); right: pad U_S(delta) with M-1 zeros (and the rows stride skips at the end), then slide K^flip"),
]
PT_DIRS = [
    ("## Convolução sem Padding e Stride\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss -->"),
    ("## Convolução com Padding e Stride\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss -->"),
]
PT_EXCL = [
    (r"(X \ast K)_{ij} = Y_{ij} = \sum_{m = 0}^{M - 1}", "forward definition"),
    (r"0 \leq i \leq H - M\text{\quad\quad}0 \leq j \leq W - N", "range of the forward"),
    (r"\delta_{ij} = \frac{\partial L}{\partial Y_{ij}}", "definition of delta"),
    (r"0 \leq m \leq M - 1\text{\quad\quad}0 \leq n \leq N - 1", "range of the kernel gradient"),
    (r"Y_{ij} = \sum_{u,v}X_{i + u,j + v}K_{uv} + b", "forward restated"),
    (r"0 \leq i \leq H - 1\text{\quad\quad}0 \leq j \leq W - 1", "range of the image gradient"),
    (r"K_{mn}^{\text{flip}} = K_{M - 1 - m,N - 1 - n}", "definition of the flipped kernel"),
    (r"Y_{ij} = \sum_{u,v}X_{i + u,j + v}K_{uv} + \text{ bias }", "forward restated"),
    (r"Y_{ij} = \sum_{m = 0}^{M - 1}\sum_{n = 0}^{N - 1}{\widetilde{X}}_{i \cdot S + m,j \cdot S + n}K_{mn} + b", "forward definition (padding and stride)"),
    (r"U_{2}(\delta) = \begin{pmatrix}", "example of the expansion (a definition)"),
]

UDL = [
    ("u_w_chain", r"\frac{\partial L}{\partial W_{mn}} = \sum_{i,j} \frac{\partial L}{\partial y_{ij}} \cdot \frac{\partial y_{ij}}{\partial W_{mn}}", "chain rule over the outputs"),
    ("u_w", r"\frac{\partial L}{\partial W_{mn}} = \sum_{i,j} \frac{\partial L}{\partial y_{ij}} \cdot x_{i+m,j+n}", "kernel gradient"),
    ("u_w_mat", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} \star X", "the note's star slides its second argument over the first: X (H x W) over dL/dY ((H-k+1) x (W-k+1)), a sliding sum that does not exist; right: X star dL/dY"),
    ("u_x", r"\frac{\partial L}{\partial x_{ij}} = \sum_{m,n} \frac{\partial L}{\partial y_{i-m,j-n}} \cdot W_{mn}", "input gradient, y's gradient where it exists"),
    ("u_x_mat", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \star_{full} W", "the full sliding sum with W unflipped gives sum dY_{i-(k-1)+m} W_m, which is the gradient only for a kernel symmetric under a 180-degree turn; right: dL/dY star_full rot180(W)"),
    ("u_b", r"\frac{\partial L}{\partial b_k} = \sum_{i,j} \frac{\partial L}{\partial y^{(k)}_{ij}}", "bias of output channel k"),
    ("u_res", r"∂L/∂x = ∂L/∂y + ∂L/∂y × ∂F/∂x", "residual y = x + F(x): identity plus the Jacobian of F"),
]
UDL_DIRS = [
    ("## E. 卷积神经网络反向传播的数学推导\n",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: x=input X=input W=kernel b=bias y=output Y=output L=loss -->"),
]
UDL_EXCL = [
    (r"(I * K)_{ij} = \sum_m \sum_n I_{i+m, j+n} \cdot K_{m,n}", "definition"),
    (r"(I \star K)_{ij} = \sum_m \sum_n I_{i+m, j+n} \cdot K_{m,n}", "definition"),
    (r"y = Conv(W, x) + b = f(W * x + b)", "forward definition"),
]

NIEL = [
    ("q_delta", r"\delta_{i,j}^{l-1} = \left( \sum_{m} \sum_{n} \delta_{i-m, j-n}^l \cdot w_{m,n} \right) \sigma'(z_{i,j}^{l-1})", "error of layer l-1 through the shared kernel, delta^l zero outside, times sigma'"),
    ("q_w", r"\frac{\partial C}{\partial w_{m,n}} = \sum_{i} \sum_{j} \delta_{i,j}^l \cdot a_{i+m, j+n}^{l-1}", "kernel gradient"),
    ("q_b", r"\frac{\partial C}{\partial b} = \sum_{i} \sum_{j} \delta_{i,j}^l", "shared bias gradient"),
]
NIEL_DIRS = [
    ("### Convolution\n",
     "<!-- symbp: layer=conv2d input=28x28 kernel=5x5 conv=cross index_base=0 names: a^{l-1}=input w=kernel b=bias z^l=output C=loss -->"),
]
NIEL_EXCL = [
    (r"a^1 &= \sigma\left(b + \sum_{l=0}^4 \sum_{m=0}^4 w_{l,m} a_{j+l, k+m}^0\right)", "forward definition"),
    (r"f(z) = \max (0, z)", "definition of ReLU"),
]

TABLE = {
    "t6_conv_backward_zh.md": ("t6", T6, T6_DIRS, T6_EXCL),
    "csuldw_cnn_zh.md": ("csu", CSU, CSU_DIRS, CSU_EXCL),
    "cnn_resnet_monografia_es.md": ("es", ES, ES_DIRS, ES_EXCL),
    "segmentation_math_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
    "cnn_math_analysis_en.md": ("en", EN, EN_DIRS, EN_EXCL),
    "lihang_cnn_chapter_zh.md": ("lh", LH, LH_DIRS, LH_EXCL),
    "cnn_section_rot180_en.md": ("gs", GS, GS_DIRS, GS_EXCL),
    "cnn_homework_a3.md": ("hw", HW, HW_DIRS, HW_EXCL),
    "gradientes_cnn_pt.md": ("pt", PT, PT_DIRS, PT_EXCL),
    "udl_chap6_notes_zh.md": ("udl", UDL, UDL_DIRS, UDL_EXCL),
    "ch6_deep_learning_notes.md": ("niel", NIEL, NIEL_DIRS, NIEL_EXCL),
}
