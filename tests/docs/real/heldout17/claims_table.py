"""The seventeenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout17.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

THO = [
    ("s_1", r"= -t_i\frac{1}{y_i}\frac{\partial y_i'}{\partial y_i}", "C = -sum_k t_k ln y_k' (y' = softmax(y), one-hot t): dC/dy_i = y_i' - t_i; the row keeps only the k = i term and divides by the logit y_i instead of y_i' (at a class i other than the label it gives 0, the truth is y_i')"),
    ("s_2", r"= -t_i\frac{1}{y_i'}\frac{e^{y_i}(\Sigma_k e^{y_k})-e^{y_i}e^{y_i}}{(\Sigma_ke^{y_k})^2}", "= -t_i (1 - y_i'): the terms of the other classes (k != i, through the shared denominator) are missing; wrong at every class i other than the label"),
    ("s_3", r"=-t_i(1-\frac{e^{y_i}}{\Sigma_ke^{y_k}})", "-t_i (1 - y_i') is dC/dy_i only at the labelled class; elsewhere it is 0 while dC/dy_i = y_i'"),
    ("s_4", r"=y_i'-t_i", "dC/dy_i = y_i' - t_i (one-hot t, as the text says: a single-label task)"),
    ("d_1", r"=\frac{\partial C}{\partial z_j}=\sum_{i \in DS(j)}\frac{\partial C}{\partial y_i}\frac{\partial y_i}{\partial z_j}", "z_j reaches C only through the y_i it feeds (fully connected: every i): chain rule"),
    ("d_2", r"=\sum_{i \in DS(j)}\delta_i \frac{\partial(\Sigma_kw_{ik}\sigma(z_k)+b_i)}{\partial z_j}", "y_i = sum_k w_ik sigma(z_k) + b_i, delta_i = dC/dy_i"),
    ("d_3", r"=\sum_{i \in DS(j)}\delta_i \frac{d(\sigma(z_j))}{dz_j}w_{ij}", "only k = j depends on z_j"),
    ("g_2", r"\therefore \frac{d\sigma(x)}{dx} = -\frac{s'(x)}{s^2(x)}=\frac{s(x)-1}{s^2(x)}", "sigma = 1/s with s = 1 + e^{-x}: sigma' = -s'/s^2 and s' = 1 - s"),
    ("g_4", r"= (1-\sigma(x))\sigma (x)", "the logistic sigmoid's derivative"),
    ("dj", r"\delta_j = a_j(1-a_j)\sum_{i \in DS(j)}\delta_iw_{ij}", "a_j = sigma(z_j): dC/dz_j = sigma'(z_j) sum_i delta_i w_ij with sigma' = a(1 - a)"),
    ("p_1", r"\delta_k^{in}=\left\{", "max pooling (2x2 windows, stride 2, no ties): the gradient of input k is that of its window's output when a_k is the window's maximum (a_k = z_j), else 0"),
    ("c_1", r"= \frac{\partial C}{\partial a^{in}}=(\frac{\partial z^{out}}{\partial a^{in}})^T\frac{\partial C}{\partial z^{out}}", "flattened: dC/da = J^T dC/dz with J = dz/da the convolution's Jacobian"),
    ("a_11", r"\nabla a_{11}=\delta_{11}w_{11}", "a_11 enters only z_11, through w_11 (delta_ij = dC/dz_ij, the output's sensitivity)"),
    ("a_12", r"\nabla a_{12}=\delta_{11}w_{12}+\delta_{12}w_{11}", "a_12 enters z_11 (w_12) and z_12 (w_11)"),
    ("a_22", r"\nabla a_{22}=\delta_{11}w_{22}+\delta_{12}w_{21}+\delta_{21}w_{12}+\delta_{22}w_{11}", "a_22 enters all four outputs"),
    ("full", "w_{22}  w_{21}\\\\", "the 4x4 zero-padded delta cross-correlated (the forward's *, no flip) with the rotated kernel [[w22, w21], [w12, w11]] gives the nine rows above: dC/da"),
    ("r_1", r"\delta^{in}= pad_1(\delta^{out})*rot_{180}(W)\odot ReLU'(z^{out})", "pad_1(delta^out) * rot180(W) is 3x3 (the input's shape) while ReLU'(z^out) is 2x2 (the output's): the product is undefined (read with odot binding first, rot180(W) odot ReLU'(z^out), it is a different, wrong number); the ReLU factor belongs to the output side before the convolution, pad_1(dC/dReLU(z^out) odot ReLU'(z^out)) * rot180(W), as the chain above has it"),
    ("r_2", r"ReLU'(z^{out})=\left\{", "ReLU' is 1 above 0 and 0 below (checked away from 0)"),
    ("f_1", r"\because \frac{\partial C}{\partial w_{ji}}=\frac{\partial C}{\partial y_j}\frac{\partial y_j}{\partial w_{ji}}=\delta_jx_{i}", "y_j = sum_i w_ji x_i + b_j, delta_j = dC/dy_j"),
    ("w_12", r"\frac{\partial C}{w_{12}}=a_{12}\delta_{11}+a_{13}\delta_{12}+a_{22}\delta_{21}+a_{23}\delta_{22}", "4x4 input, 3x3 kernel, 2x2 output, 1-based: dC/dw_12 = sum_ij delta_ij a_{i,j+1} (the LHS written without the second partial sign, read as dC/dw_12)"),
    ("w_pq", r"\frac{\partial C}{\partial w_{pq}}=\sum^{out.L}_{i=0}\sum^{out.W}_{j=0}\delta^{out}_{ij}x^{in}_{i+p,j+q}", "the sums run from 0 to out.L and out.W inclusive, one past the output's last index when it counts from 0 (and i = 0 is no index of the example's 1-based delta): the written bounds reach delta entries that do not exist; only with those read as 0 and all indices from 0 would the sum be dC/dw_pq"),
    ("dW", r"\frac{\partial C}{\partial W}=a^{in}*\delta^{out}", "dC/dW = the input cross-correlated (the forward's *, valid, stride 1) with delta^out"),
    ("db", r"\frac{\partial C}{\partial b_k}=\sum^{out.L}_{i=0}\sum^{out.W}_{j=0}\frac{\partial C}{\partial z_{ij}}\frac{\partial z_{ij}}{\partial b_k}", "the same bounds 0..out.L, 0..out.W reach output entries that do not exist (one row and one column too many from 0); the sum over the existing outputs of kernel k would be dC/db_k"),
]
THO_DIRS = [
    ("**#1 全连接层的输出层误差敏感项**\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: y=input y'=output t=target C=loss -->"),
    ("**#2 输出池化层/全连接输入层的误差敏感项（未经激活）**\n", "<!-- symbp: layer=fc in=4 out=3 index_base=1 names: a=input w=kernel b=bias y=output C=loss -->"),
    ("**#3 输入池化层的误差敏感项（经过ReLU）**\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: a=input z=output C=loss -->"),
    ("**#4 （卷积层的）输入层的误差敏感项**\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=1 names: a=input a^{in}=input W=kernel w=kernel z=output z^{out}=output C=loss -->"),
    ("**#1 全连接层权重的更新**\n", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input w=kernel b=bias y=output C=loss -->"),
    ("**#3 卷积核权重的更新**\n", "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 stride=1 padding=0 conv=cross index_base=1 names: a=input a^{in}=input x^{in}=input W=kernel w=kernel z=output C=loss -->"),
]
THO_EXCL = [
    (r"=-\Sigma_kt_klny_k',y_i'=\frac{e^{y_i}}{\Sigma_k e^{y_k}}", "definition of the loss and the softmax"),
    (r"\because \frac{ds(x)}{dx} &=-e^{-x}=1-s(x)", "holds (s = 1/sigma = 1 + e^{-x}); left out of the score (30% cap)"),
    (r"&= (\frac{1}{\sigma(x)}-1)\sigma^2(x)", "holds; left out of the score (30% cap)"),
    (r"&=(\frac{\partial z^{out}}{\partial a^{in}})^T\frac{\partial C}{\partial ReLU(z^{out})}ReLU'(z^{out})", "J^T times dC/dReLU(z) times ReLU'(z): whether ReLU' multiplies before J^T (right) or after (a shape error) is not settled by the row"),
    (r"&=(\frac{\partial z^{out}}{\partial a^{in}})^T\delta'ReLU'(z^{out})", "the same order question, delta' only named here"),
    (r"    z_{11} & z_{12}\\", "forward example"),
    (r"z_{11}=a_{11}w_{11}+a_{12}w_{12}+a_{21}w_{21}+a_{22}w_{22} \\", "forward, written out"),
    (r"\nabla a_{13}&=\delta_{12}w_{12}", "the other six rows of the nine hold; left out of the score (30% cap)"),
    (r"w&=w-\eta \frac{\partial C}{\partial w} \\", "update rule"),
    (r"&\therefore w_{ji}=w_{ji}-\eta \delta_jx_{i}", "update rule"),
    (r"&\because \frac{\partial C}{\partial b_j}=\frac{\partial C}{\partial y_j}\frac{\partial y_j}{\partial b_j}=\delta_j\\", "holds; left out of the score (30% cap)"),
    (r"&\therefore b_j=b_j-\eta \delta_j", "update rule"),
    (r"\frac{\partial C}{w_{11}}=a_{11}\delta_{11}+a_{12}\delta_{12}+a_{21}\delta_{21}+a_{22}\delta_{22}\\", "the rows for w_11, w_13, w_21 hold; left out of the score (30% cap)"),
]

GLZ = [
    ("im_w", r"\nabla_{W_{row}} \mathcal{L} = \delta_{vec} \cdot X_{col}^T", "Y_vec = W_row X_col ([1,k^2] x [k^2,N]): dL/dW_row = delta_vec X_col^T ([1,k^2]); windows and kernel flattened in the same (row-major) order"),
    ("im_x", r"\nabla_{X_{col}} \mathcal{L} = W_{row}^T \cdot \delta_{vec}", "the gradient of the unfolded matrix X_col (each entry on its own, before col2im): W_row^T delta_vec ([k^2, N])"),
    ("sum_k", r"\nabla_K \mathcal{L} = X * \delta", "* the cross-correlation, as the list item names it (\"输入与误差的互相关\"): dL/dK = X cross-correlated with delta (valid, stride 1)"),
    ("sum_x", r"\nabla_X \mathcal{L} = \delta * \text{rot180}(K)", "* the cross-correlation (\"误差与翻转核的互相关\") with the padding the text asks for (k-1 zeros around delta, the full correlation): dL/dX"),
    ("chain", r"\frac{\partial \mathcal{L}}{\partial x_{a,b}} = \sum_{i,j} \frac{\partial \mathcal{L}}{\partial y_{i,j}} \frac{\partial y_{i,j}}{\partial x_{a,b}}", "chain rule over the outputs"),
    ("dx_ab", r"\frac{\partial \mathcal{L}}{\partial x_{a,b}} = \sum_{m} \sum_{n} \delta_{a-m, b-n} \cdot k_{m,n}", "sums over the kernel's (m, n), delta zero where a-m, b-n is no output index"),
    ("math", r"\nabla_X \mathcal{L} = \delta *_{math} K $$", "the full mathematical convolution of delta with K (delta zero outside) is dL/dX"),
    ("kprime", r"(\delta \star K')_{a,b} = \sum_{m,n} \delta_{a+m, b+n} K'_{m,n} = \sum_{m,n} \delta_{a+m, b+n} K_{-m,-n}", "with K'_{m,n} = K_{-m,-n} (the text's rot180: offsets m, n from -(k-1) to 0) both rows are the cross-correlation of delta with K' written out; they equal dL/dX_{a,b}"),
    ("pq", r"= \sum_{p,q} \delta_{a-p, b-q} K_{p,q}", "p = -m, q = -n: the mathematical convolution, dL/dX_{a,b}"),
]
GLZ_DIRS = [
    ("## 2.2.4 训练与学习动力学 — 3. 数学推导：卷积层的反向传播\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=1 names: X=input K=kernel W_{row}=kernel Y=output Y_{vec}=output \\delta=output_grad \\delta_{vec}=output_grad \\mathcal{L}=loss -->"),
    ("## 附录 A.9 CNN 反向传播原理 (CNN Backpropagation Principles)\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input x=input K=kernel k=kernel y=output \\delta=output_grad \\mathcal{L}=loss -->"),
]
GLZ_EXCL = [
    (r"X = \begin{bmatrix} x_{11} & x_{12} & x_{13}", "the example's input"),
    (r"X_{col} =" + "\n" + r"\begin{bmatrix}", "the im2col matrix of the example (forward)"),
    (r"Y_{vec} = W_{row} \cdot X_{col}", "forward as a matrix product"),
    (r"y_{i,j} = (X \star K)_{i,j} = \sum_{m} \sum_{n} x_{i+m, j+n} \cdot k_{m,n}", "definition of the forward cross-correlation"),
    (r"(A * B)_{i,j} = \sum_{m} \sum_{n} A_{i-m, j-n} \cdot B_{m,n}", "definition of the mathematical convolution"),
    (r"$$ \sum_{m} \sum_{n} \delta_{a-m, b-n} \cdot k_{m,n} $$", "an expression restated, no equation"),
    (r"\equiv \text{Conv2D}(\text{input}=\delta, \text{kernel}=\text{rot180}(K))", "the framework call needs k-1 zeros around delta to give X's shape; the appendix does not say whether Conv2D here pads (the chapter says \"appropriate padding\"): not settled"),
]

CJV = [
    ("b_1", r"= \frac{\partial}{\partial b} \Big(  b \Big) = 1", "every output reads b once: dO(i,j)/db = 1"),
    ("b_2", r"\frac{\partial L}{\partial b} = sum( \frac{\partial L}{\partial O})", "dL/db = the sum of dL/dO over all outputs"),
    ("k_chain", r"\frac{\partial L}{\partial K} = \frac{\partial L}{\partial O}\frac{\partial O}{\partial K}" + "\n}", "the row vector dL/dvec(O) times the Jacobian dvec(O)/dvec(K) (the note's vec convention)"),
    ("k_jac", r"\frac{\partial O}{\partial K} =" + "\n" + r"\begin{bmatrix}" + "\n" + r"X_{00}  X_{10}  X_{01}  X_{11} \\", "the example (3x3 X, 2x2 K, column-major vec on both sides): row O_00 is (X00, X10, X01, X11), and so on; each row checked against autograd's Jacobian"),
    ("k_typo", r"\frac{\partial L}{\partial K}=" + "\n" + r"\frac{\partial L}{\partial O}\frac{\partial L}{\partial K}", "the second factor is dL/dK itself, not dO/dK: a 1x4 row times a 1x4 row is undefined (the row states dL/dK through itself)"),
    ("k_row", "\\end{bmatrix}\n\\cdot\n\\begin{bmatrix}\nX_{00}", "the row (dL/dO00, dL/dO10, dL/dO01, dL/dO11) times the Jacobian above gives (dL/dK00, dL/dK10, dL/dK01, dL/dK11)"),
    ("k_star", r"\frac{\partial L}{\partial K} =   \begin{bmatrix}", "the second matrix written is [[dL/dO00, dL/dO10], [dL/dO01, dL/dO11]], the transpose of dL/dO (its own next display lays dL/dO out as [[dL/dO00, dL/dO01], [dL/dO10, dL/dO11]]): X cross-correlated with the transpose is not dL/dK (e.g. dL/dK00 = sum X_ij dL/dO_ij, the row gives X01 dL/dO10 + X10 dL/dO01 in its place)"),
    ("k_star2", r"{ \frac{\partial L}{\partial K} = X ⋆ \frac{\partial L}{\partial O} }", "dL/dK = X cross-correlated with dL/dO (valid; stride 1, no padding, as the worked derivation assumes)"),
    ("x_chain", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial X}$$", "row vector dL/dvec(O) times the Jacobian dvec(O)/dvec(X)"),
    ("x_00", r"\frac{\partial L}{\partial X_{00}} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial X_{00}} =", "X00 enters only O00 (through K00): dL/dX00 = dL/dO00 K00; the column lists O00, O01, O10, O11 against the row's O00, O10, O01, O11, but all its entries but the first are 0, so the product is still right"),
    ("x_01", r"\frac{dL}{dX⋆{01}} =", "reading ⋆{01} as the subscript _{01} (the note's rendering): X01 enters O00 (through K01) and O01 (through K00): dL/dX01 = dL/dO00 K01 + dL/dO01 K00; the row keeps only the first term"),
    ("x_02", r"\frac{dL}{dX_{02}} =", "X02 enters only O01, through K01: dL/dX02 = dL/dO01 K01; in the row's order (O00, O10, O01, O11) the vector must be (0, 0, K01, 0); the row has (0, K01, 0, 0) and gives dL/dO10 K01"),
    ("x_22", r"\frac{dL}{dX_{22}} =", "X22 enters only O11, through K11"),
    ("x_full", "\\end{bmatrix} ⋆\n\\begin{bmatrix}\nK_{11}", "the 4x4 zero-padded dL/dO cross-correlated with [[K11, K10], [K01, K00]] (rot180 K) gives all nine dL/dX_ij"),
    ("x_rot", r"\frac{\partial L}{\partial X} = \text{pad}\left(\frac{\partial L}{\partial O}\right) ⋆ \text{rot180}(K)" + "\n$$", "pad by k-1 (the full correlation, as in the example): dL/dX, stride 1, no padding in the forward"),
]
CJV_DIRS = [
    ("### Gradient with respect to `b`\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input X_\\text{pad}=input K=kernel b=bias O=output L=loss -->"),
    ("## **classical multivariable chain rule** and the **Jacobian matrix**\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input K=kernel O=output L=loss -->"),
    ("### Gradient with respect to `X`\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input K=kernel O=output \\mathbf{O}=output L=loss -->"),
]
CJV_EXCL = [
    (r"H_\text{out} = \left\lfloor", "output size"),
    (r"O(i,j) = \sum_{m=1}^{M} \sum_{n=1}^{N} K(m,n) \cdot X_\text{pad}\big(i \cdot SH + m - 1", "forward definition"),
    (r"O(i,j) = \sum_{m=1}^{M} \sum_{n=1}^{N} K(m,n) \cdot X_\text{pad}\big(i \cdot s + m - 1", "forward definition (twice)"),
    (r"\frac{\partial L}{\partial b} = \sum_{i,j}^{N}", "the sums run to N, the kernel's width in the notation, where all outputs are meant: whether N is a loose bound or the kernel width is not settled"),
    (r"X_{00} & X_{01} & X_{02} \\" + "\n" + r"X_{10} & X_{11} & X_{12} \\" + "\n" + r"X_{20} & X_{21} & X_{22}" + "\n" + r"\end{bmatrix}" + "\n\n" + "K=", "the example's data"),
    (r"O = \begin{bmatrix}", "the example's output"),
    (r"O_{00} &= K_{00} X_{00} + K_{01} X_{01} + K_{10} X_{10} + K_{11} X_{11} \\", "forward, written out"),
    (r"\operatorname{vec}(O)=", "layout"),
    (r"\operatorname{vec}(K)=", "layout"),
    (r"J_L(\mathbf{O}) =", "layout of the row vector (twice)"),
    (r"J_{\mathbf{O}}(\mathbf{K}) =", "definition of the Jacobian's layout"),
    (r"J_L(\mathbf{K}) =", "layout"),
    (r"$$\begin{bmatrix}" + "\n" + r"\frac{\partial L}{\partial O_{00}} & \frac{\partial L}{\partial O_{01}} \\", "layout of dL/dO as a 2x2 matrix"),
    (r"J_{\mathbf{O}}(\mathbf{X}) =", "the Jacobian's layout, with rows left out"),
    (r"\frac{dL}{dX⋆{00}} =", "the row above again, with ⋆{00} for the subscripts (holds; a repeat, left out)"),
    (r"$$ \frac{\partial L}{\partial b} = sum( \frac{\partial L}{\partial O}) $$", "summary: a repeat"),
    (r"$$ { \frac{\partial L}{\partial K} = X ⋆ \frac{\partial L}{\partial O} } $$", "summary: a repeat"),
    (r"$$ \frac{\partial L}{\partial X} = \text{pad}\left(\frac{\partial L}{\partial O}\right) ⋆ \text{rot180}(K) $$", "summary: a repeat"),
]

JAP = [
    ("w_1", r"= \displaystyle \sum_{k} \cfrac{\partial J(W)}{\partial z_k^{(l)}} \cfrac{\partial z_k^{(l)}}{\partial w_{i \rightarrow j}^{(l)}}", "z_k = sum_i w_{i->k} a_i: chain rule over the layer's total inputs"),
    ("w_2", r"= \cfrac{\partial J(W)}{\partial z_j^{(l)}} \cfrac{\partial z_j^{(l)}}{\partial w_{i \rightarrow j}^{(l)}}", "w_{i->j} enters only z_j"),
    ("w_3", r"= \cfrac{\partial J(W)}{\partial z_j^{(l)}} a_i^{(l-1)}", "dz_j/dw_{i->j} = a_i"),
    ("w_04", r"\cfrac{\partial J(W)}{\partial w_{i \rightarrow j}^{(l)}} = \delta_j^{(l)} a_i^{(l-1)} \qquad\qquad \rm{(0.4)}", "delta_j = dJ/dz_j"),
    ("w_11", r"= \delta_j^{(L)} a_i^{(L-1)} = \cfrac{\partial J(W)}{\partial z_j^{(L)}} a_i^{(L-1)} \qquad\qquad \rm{(1.1)}", "the same at the output layer"),
    ("d_1", r"= \displaystyle \sum_{k} \cfrac{\partial J(W)}{\partial z_k^{(l+1)}} \cfrac{\partial z_k^{(l+1)}}{\partial z_j^{(l)}}", "z_j^{(l)} reaches J through the next layer's inputs"),
    ("d_2", r"= \displaystyle \sum_{k} \delta_k^{(l+1)} \cfrac{\partial z_k^{(l+1)}}{\partial z_j^{(l)}}", "delta_k^{(l+1)} = dJ/dz_k^{(l+1)}"),
    ("d_3", r"\sum_i \cfrac{\partial z_k^{(l+1)}}{\partial a_i^{(l)}} \cfrac{\partial a_i^{(l)}}{\partial z_j^{(l)}}", "chain rule through the activations"),
    ("d_4", r"\sum_i \cfrac{\partial z_k^{(l+1)}}{\partial a_i^{(l)}} \cfrac{\partial \phi\left(z_i^{(l)}\right)}{\partial z_j^{(l)}}", "a_i = phi(z_i)"),
    ("d_5", r"\cfrac{\partial z_k^{(l+1)}}{\partial a_j^{(l)}} \cfrac{\partial \phi\left(z_j^{(l)}\right)}{\partial z_j^{(l)}}", "an elementwise activation: only i = j"),
    ("d_6", r"w_{j \rightarrow k}^{(l+1)} \cfrac{\partial \phi\left(z_j^{(l)}\right)}{\partial z_j^{(l)}}", "dz_k^{(l+1)}/da_j = w_{j->k}"),
    ("d_7", r"\left( \left(W^{(l+1)}\right)^T \boldsymbol{\delta}^{(l+1)} \right){}_j", "with W_{ij} = w_{i->j}, the matrix the note's update row names, W^{(l+1)} is n_l x n_{l+1}: W^T delta^{(l+1)} does not fit at unequal layer sizes, and at equal sizes its j-th entry is sum_k w_{k->j} delta_k, not the sum_k w_{j->k} delta_k of the row above (it is W delta); it holds only with the other layout, W_{kj} = w_{j->k}"),
    ("d_vec", r"\cfrac{\partial \phi\left(z_j^{(l)}\right)}{\partial \boldsymbol{z}^{(l)}} \odot \left(W^{(l+1)}\right)^T \boldsymbol{\delta}^{(l+1)}", "the vector form of the row above: the same W layout question (W_{ij} = w_{i->j} as the update row names it: refuted)"),
    ("sig", r"\cfrac{\partial \phi(z_j)}{\partial z_j}" + "\n" + r"= \cfrac{e^{-z_j}}{(1 + e^{-z_j})^2}", "the logistic sigmoid: e^{-z}/(1+e^{-z})^2 = phi(1 - phi)"),
    ("relu", r"\cfrac{\partial \phi(z_j)}{\partial z_j} = \begin{cases}" + "\n0", "ReLU: 0 below, 1 above (at 0 the note picks 0; checked away from 0)"),
    ("L_2", r"\sum_l y_l^{(i)} \cfrac{1}{\phi\left(z_l^{(L)(i)}\right)} \cfrac{\partial \phi\left(z_l^{(L)(i)}\right)}{\partial z_j^{(L)(i)}}", "reading J as the sum over samples of -sum_l [y_l log phi_l + (1 - y_l) log(1 - phi_l)], phi = softmax(z^{(L)(i)}) (the definition's inner, second sum over the samples read as a slip: taken literally, the (1 - y) part of every sample would be counted once per sample and this row would need that factor): only sample i depends on z^{(L)(i)}"),
    ("L_3", r"\displaystyle \sum_l \cfrac{\phi\left(z_l^{(L)(i)}\right)-y_l^{(i)}}{\phi\left(z_l^{(L)(i)}\right) \left(1-\phi\left(z_l^{(L)(i)}\right)\right)}", "-y/phi + (1-y)/(1-phi) = (phi - y)/(phi (1 - phi)); same reading of J"),
    ("L_4", r"\cfrac{\phi\left(z_j^{(L)(i)}\right)-y_j^{(i)}}{1-\phi\left(z_j^{(L)(i)}\right)} \left(1-\phi\left(z_j^{(L)(i)}\right)\right)", "dphi_l/dz_j = phi_l (delta_lj - phi_j) put in, the l = j term and the others; same reading"),
    ("L_5", r"\cfrac{\phi\left(z_j^{(L)(i)}\right)-y_j^{(i)}} {1 - \phi\left(z_j^{(L)(i)}\right)}" + "\n" + r"- \phi\left(z_j^{(L)(i)}\right) \displaystyle \sum_l", "the sum over l != j completed with its l = j term (and that term taken off the first one): equal to the row above"),
]
JAP_DIRS = [
    ("### 準備\n", "<!-- symbp: layer=fc in=4 out=3 weight=in-out names: a=input w=kernel z=output J=loss -->"),
    ("### 隠れ層の重みの勾配\n", "<!-- symbp: layer=fc in=3 out=4 weight=in-out names: a=input w=kernel W=kernel z=output \\boldsymbol{z}=output J=loss -->"),
    ("## シグモイド関数（ロジスティック関数）\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\phi=output -->"),
    ("## ReLU 関数（Rectified Linear Unit）\n", "<!-- symbp: layer=activation name=relu names: z=input \\phi=output -->"),
    ("# 実装・動作確認\n\n## 準備\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input \\phi=output y=target J=loss -->"),
]
JAP_EXCL = [
    (r"z_j^{(l)} &=& \displaystyle \sum_{k} w_{k \rightarrow j}^{(l)} a_k^{(l-1)} &\qquad\qquad& \rm{(0.1)}", "forward definition"),
    (r"\delta_j^{(l)} \equiv \cfrac{\partial J(W)}{\partial z_j^{(l)}} \qquad\qquad \rm{(0.3)}", "definition of delta"),
    (r"$$" + "\n" + r"z_j^{(L)} = \displaystyle \sum_{k} w_{k \rightarrow j}^{(L)} a_k^{(L-1)}" + "\n" + r"$$", "forward definition"),
    (r"= \delta_j^{(l)} a_i^{(l-1)}" + "\n" + r"$$", "(0.4) again for a hidden layer (holds; a repeat)"),
    (r"&=& \cfrac{\partial J(W)}{\partial \boldsymbol{z}^{(l)}} \\", "definition of delta (vector)"),
    (r"W_{ij}^{(l)} \longleftarrow W_{ij}^{(l)} - \eta", "update rule (it names W_{ij} = w_{i->j})"),
    (r"\phi(z_j) = \cfrac{1}{1 + e^{-z_j}}", "definition of the sigmoid"),
    (r"\phi(z_j) = \tanh(z_j) =", "definition of tanh"),
    (r"\cfrac{\partial \phi(z_j)}{\partial z_j} =" + "\n$$", "the tanh derivative: the right side is empty"),
    (r"\phi(z_j) = \begin{cases}", "definition of ReLU"),
    (r"\phi(z_j) = \cfrac{e^{z_j}}{\displaystyle \sum_k e^{z_k}}", "definition of the softmax"),
    (r"\phi(z_j) \left( 1 - \phi(z_j) \right) & (i = j) \\", "the left side d phi(z_j)/dz_j names no i while the cases branch on i = j and i != j (the derivation below uses it as d phi(z_i)/dz_j): not settled"),
    (r"J(W) =" + "\n" + r"- \displaystyle \sum_i \left\{", "definition of the cost"),
    (r"- \cfrac{\partial}{\partial z_j^{(L)(i)}} \displaystyle \sum_k \left\{", "first row: the definition of delta and the cost restated"),
]

KOR = [
    ("s_2", r"\frac{d\sigma(z)}{dz} = \frac{d}{dz} (1 + e^{-z})^{-1} \tag{2}", "sigma = (1 + e^{-z})^{-1}"),
    ("s_3", r"= (-1)\frac{1}{(1 + e^{-z})^{2}} \frac{d}{dz}(1 + e^{-z}) \tag{3}", "power rule and chain rule (each '=' row continues d sigma/dz)"),
    ("s_4", r"= (-1)\frac{1}{(1 + e^{-z})^{2}} (0 + e^{-z}) \frac{d}{dz}(-z) \tag{4}", "d(1 + e^{-z})/dz = e^{-z} d(-z)/dz"),
    ("s_6", r"= \frac{e^{-z}}{(1 + e^{-z})^{2}} \tag{6}", "d sigma/dz = e^{-z}/(1 + e^{-z})^2"),
    ("s_10", r"= \frac{1}{(1 + e^{-z})}(1 - \frac{1}{(1 + e^{-z})} \tag{10}", "1/(1+e^{-z}) (1 - 1/(1+e^{-z})), the missing closing parenthesis read as closing before the tag"),
    ("s_12", r"\therefore  \frac{d\sigma(z)}{dz} = \sigma(z)(1 - \sigma(z)) \tag{12}", "the sigmoid's derivative"),
    ("b_14", r"\frac{dJ}{dp} = -\frac{y}{p} -\frac{1-y}{1-p}\frac{1-p}{dp} = -\frac{y}{p} + \frac{1-y}{1-p} \tag{14}", "J = -y ln p - (1-y) ln(1-p): dJ/dp = -y/p + (1-y)/(1-p); the middle's (1-p)/dp read as d(1-p)/dp = -1 (as (22) writes a numerator over dz for its derivative)"),
    ("b_17", r"\frac{dJ}{dz} = \frac{dJ}{dp}\frac{dp}{dz} = (-\frac{y}{p} + \frac{1-y}{1-p})\sigma(z)(1 - \sigma(z)) \tag{17}", "p = sigma(z): chain rule with (14) and (12)"),
    ("b_19", r"= \frac{-y + y\sigma(z) + \sigma(z) -y\sigma(z)}{\sigma(z)(1 - \sigma(z))}\sigma(z)(1 - \sigma(z)) \tag{19}", "common denominator: -y(1 - sigma) + (1 - y) sigma"),
    ("b_21", r"= \sigma(z) - y \tag{21}", "dJ/dz = sigma(z) - y"),
    ("b_22", r"\therefore \frac{dJ}{dz} = \frac{-y\ln{(\sigma(z))} - (1-y)\ln{(1-\sigma(z))}}{dz} = \sigma(z) - y \tag{22}", "the middle (a numerator over dz) read as the derivative of J with respect to z"),
    ("p_26", r"= \frac{e^{z_{k}}(\Sigma - e^{z_{k})}}{\Sigma^{2}}", "dp_k/dz_k = e^{z_k}(Sigma - e^{z_k})/Sigma^2 (the misplaced parenthesis in the exponent read as closing the factor)"),
    ("p_28", r"= p_{k}(1 - p_{k}) \tag{28}", "dp_k/dz_k = p_k (1 - p_k)"),
]
KOR_DIRS = [
    ("## **sigmoid**\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma=output -->"),
    ("## **binary cross entropy**\n", "<!-- symbp: layer=activation name=sigmoid target=one-hot names: z=input p=output \\sigma(z)=output y=target J=loss -->"),
    ("## **softmax**\n", "<!-- symbp: layer=softmax classes=3 names: z=input p=output -->"),
]
KOR_EXCL = [
    (r"\sigma(z) = \frac{1}{1 + e^{-z}} \tag{1}", "definition of the sigmoid"),
    (r"= (-1)\frac{1}{(1 + e^{-z})^{2}}e^{-z}(-1) \tag{5}", "holds; left out of the score (30% cap)"),
    (r"= \frac{1 + e^{-z} - 1}{(1 + e^{-z})^{2}} \tag{7}", "holds; left out of the score (30% cap)"),
    (r"= \frac{1 + e^{-z}}{(1 + e^{-z})^{2}} - \frac{1}{(1 + e^{-z})^{2}} \tag{8}", "holds; left out of the score (30% cap)"),
    (r"= \frac{1}{(1 + e^{-z})} - \frac{1}{(1 + e^{-z})^{2}} \tag{9}", "holds; left out of the score (30% cap)"),
    (r"= \sigma(z)(1 - \sigma(z)) \tag{11}", "holds; left out of the score (30% cap)"),
    (r"J = -y\ln{(p)} - (1-y)\ln{(1-p)} \tag {13}", "definition of the loss"),
    (r"J = -y\ln{(p)} - (1-y)\ln{(1-p)} = -y\ln{(\sigma(z))}", "definition of the loss with p = sigma(z)"),
    (r"\frac{dJ}{dz} = \frac{dJ}{dp}\frac{dp}{dz} \tag{16}", "chain rule (holds; left out, 30% cap)"),
    (r"= (-\frac{y}{\sigma(z)} + \frac{1-y}{1-\sigma(z)})\sigma(z)(1 - \sigma(z)) \tag{18}", "holds; left out of the score (30% cap)"),
    (r"= \frac{-y + \sigma(z)}{\sigma(z)(1 - \sigma(z))}\sigma(z)(1 - \sigma(z)) \tag{20}", "holds; left out of the score (30% cap)"),
    (r"p_{k} = \frac{e^{z_{k}}}{\sum_{i}e^{z_{i}}} \tag{23}", "definition of the softmax"),
    (r"\frac{\partial p_{k}}{\partial z_{k}} = \frac{\partial}{\partial z_{k}} \biggl(", "the derivative restated from the definition"),
    (r"= \frac{\mathbf{D} \cdot e^{z_{k}} \Sigma - e^{z_{k}} \cdot\mathbf{D} \Sigma}{\Sigma^{2}}", "the quotient rule written with D (holds; left out, 30% cap)"),
    (r"= \frac{e^{z_{k}}}{\Sigma} \dfrac{\Sigma - e^{z_{k}}}{\Sigma} \tag{27}", "holds; left out of the score (30% cap)"),
    (r"\therefore \frac{\partial p_{k}}{\partial z_{k}} =  p_{k}(1 - p_{k}) \tag{29}", "(28) restated (holds; a repeat)"),
]

CTZ = [
    ("delta", r"\delta^l=\frac{\partial J(W,b)}{\partial z^l}=(\frac{\partial z^{l+1}}{\partial z^l})^T\frac{\partial J(W,b)}{\partial z^{l+1}}", "z^{l+1} = sigma(z^l) conv W^{l+1} + b (the forward's conv: no flip, stride 1, no padding): the Jacobian rows hold, but the last link fails: with * the convolution \"with stride 1 and no padding\" the text defines, delta^{l+1} * rot180(W^{l+1}) has (H - 2k + 2) rows, not the H of sigma'(z^l) (the right form pads delta^{l+1} with k - 1 zeros first); the chain as a whole is refuted"),
    ("dw", r"\frac{\partial J(W,b)}{\partial W^l}=\frac{\partial J(W,b)}{\partial z^l}\frac{\partial z^l}{\partial W^l}=a^{l-1}*\delta^l", "* read as the forward's convolution (no flip, stride 1, no padding): a^{l-1} cross-correlated with delta^l is dJ/dW^l"),
    ("db", r"\frac{\partial J(W,b)}{\partial b^l}=\sum_{u,v}(\delta^l)_{u,v}", "one bias for the (single-channel) map: dJ/db = the sum of delta^l"),
]
CTZ_DIRS = [
    ("### 卷积层前向传播算法\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=1 names: X=input x=input K=kernel k=kernel Y=output y=output -->"),
    ("### 反向传播\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross names: a^{l-1}=input W^l=kernel b^l=bias z^l=output J=loss -->"),
]
CTZ_EXCL = [
    (r"\end{matrix}\right) conv \left(\begin{matrix} k_{11} & k_{12}", "forward example"),
    (r"\left(\begin{matrix} y_{11} \\ y_{12} \\ y_{21} \\ y_{22} \end{matrix}\right) =", "forward written out and as a matrix product"),
]

TABLE = {
    "thomas_c99mnist_cnn_zh.md": ("tho", THO, THO_DIRS, THO_EXCL),
    "glenzli_cnn_rot180_zh.md": ("glz", GLZ, GLZ_DIRS, GLZ_EXCL),
    "convjac_vec_note_en.md": ("cjv", CJV, CJV_DIRS, CJV_EXCL),
    "mlp_note_softmax_bce_ja.md": ("jap", JAP, JAP_DIRS, JAP_EXCL),
    "gaussian37_backprop_ko.md": ("kor", KOR, KOR_DIRS, KOR_EXCL),
    "conv_types_note_zh.md": ("ctz", CTZ, CTZ_DIRS, CTZ_EXCL),
}
