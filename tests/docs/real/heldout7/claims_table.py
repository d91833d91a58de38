"""The seventh held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it, matrices with it).
Data only; the truth is computed by ``truth_heldout7.py`` (numpy loops and torch autograd, not
symbp), whose function for each document ``TABLE`` names."""

PINARD = [
    ("p_pool_k", r"= upsample(\delta_k^l) \odot \sigma'(z_k^{l-1})", "pooling: delta^{l-1} = upsample(delta^l) * sigma'(z^{l-1}) (max: routed to each window's maximum; average: spread evenly)"),
    ("p_pool", r"\delta^{l-1} = upsample(\delta^l) \odot \sigma'(z^{l-1})", "the same for the tensor"),
    ("p_dnn", r"= (\frac {\partial z^l} {\partial z^{l-1}})^T \frac {\partial J(W, b)} {\partial z^l} = (\frac {\partial z^l} {\partial z^{l-1}})^T \delta^l", "the Jacobian-transpose recursion, here through the 3x3 / 2x2 convolution"),
    ("p_delta", r"= \delta^l * rot180(W^l) \odot \sigma'(z^{l-1})", "written without the padding: the sliding sum of the 2x2 delta^l with the 2x2 rot180(W^l) is 1x1, not 3x3 (the founding document's mistake); right: pad_1(delta^l) * rot180(W^l), as the example that follows does"),
    ("p_grad_a", r"\bigtriangledown a^{l-1} = \frac {\partial J(W, b)} {\partial a^{l-1}}", "the Jacobian transpose times delta^l"),
    ("p_a11", r"\bigtriangledown a_{11} = w_{11}\delta_{11}", "entry (1,1)"),
    ("p_a12", r"\bigtriangledown a_{12} = w_{11}\delta_{12} + w_{12}\delta_{11}", "entry (1,2)"),
    ("p_a_rows", r"w_{11}\delta_{22} + w_{12}\delta_{21} + w_{21}\delta_{12} + w_{22}\delta_{11}", "the seven remaining entries (one aligned display inside an equation environment)"),
    ("p_full", "\\bigtriangledown a_{33} \n    \\end{array}", "the zero-padded delta slid over the flipped kernel equals the 3x3 gradient"),
    ("p_dW", r"\frac {\partial J(W, b)} {\partial W^l} = a^{l-1} * \delta^l", "kernel gradient: a^{l-1} slid with delta^l (valid)"),
    ("p_dWpq", r"\sum_i \sum_j(\delta_{ij}^l a_{i+p-1, j+q-1}^{l-1})", "kernel gradient by entries, 1-based"),
    ("p_W11", r"{\partial W_{11}^l} = a_{11}\delta_{11}", "example (4x4 a, 2x2 delta): W_11"),
    ("p_W12", r"{\partial W_{12}^l} = a_{12}\delta_{11}", "W_12"),
    ("p_W13", r"{\partial W_{13}^l} = a_{13}\delta_{11}", "W_13"),
    ("p_W33", r"{\partial W_{33}^l} = a_{33}\delta_{11}", "W_33"),
    ("p_dW_matrix", "{\\partial W^l} = \n\\left(", "the 4x4 a slid with the 2x2 delta gives the 3x3 kernel gradient"),
    ("p_db", r"\frac {\partial J(W, b)} {\partial b^l} = \sum_{u, v}(\delta^l)_{u, v}", "bias: the sum of delta^l"),
]
PINARD_DIRS = [
    ("# 已知池化层的 $\\delta^l$，推导上一隐藏层的 $\\delta^{l-1 }$",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 argmax=tl,br,tr,bl -->"),
    ("## 已知卷积层的 $\\delta^l$，推导上一层隐藏层的 $\\delta^{l-1}$",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: a^{l-1}=input W^l=kernel z^l=output -->"),
    ("## 已知卷积层的 $\\delta^l$，推导该层的 $W, b$ 的梯度",
     "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 conv=cross index_base=1 names: a^{l-1}=input W^l=kernel z^l=output -->"),
]
PINARD_EXCL = [
    (r"\delta_k^l = \left(", "numbers given for the example (a definition)"),
    (r"z^l = a^{l-1}*W^l + b^l = \sigma(z^{l-1})*W^l + b^l", "forward definition"),
    (r"a^{l-1} * W^l = z^l", "forward definition"),
    (r"z_{11} = a_{11}w_{11} + a_{12}w_{12} + a_{21}w_{21} + a_{22}w_{22} \\", "forward definition (entries)"),
    (r"z^l = a^{l-1} * W^l + b", "forward definition"),
]

BRIGHT = [
    ("b_dydx", r"\frac{\partial y_{ij}}{\partial x_{uv}}=", "dy_ij/dx_uv = w_{u-it, v-jt} inside window (i, j), else 0 (0-based, stride t)"),
    ("b_chain_x", r"\frac{\partial e}{\partial x_{uv}} = \sum_{i=0}^{g-1}\sum_{j=0}^{h-1}\frac{\partial e}{\partial y_{ij}}\frac{\partial y_{ij}}{\partial x_{uv}}", "chain rule over all outputs"),
    ("b_cases4", r"\sum_{x=0}^{p-t}\sum_{y=0}^{q-t}(\partial e/\partial y_{i-x\cdot t,\;j-y\cdot t})", "the four cases: right without overlap (t >= p, q); with overlap the kernel index stays u - i t while the output index moves by x t (and the output index moves by x t, not x), so no choice of (i, j) gives the gradient; right: sum over the windows (i', j') containing (u, v) of dy_{i'j'} w_{u-i't, v-j't}"),
    ("b_zero", r"\frac{\partial e}{\partial x_{uv}} = 0", "an input no window covers gets no gradient"),
    ("b_dydw", r"\frac{\partial y_{ij}}{\partial w_{uv}}=x_{i\cdot t+u,j\cdot t+v}", "dy_ij/dw_uv"),
    ("b_dw", r"\sum_{i=0}^{g-1}\sum_{j=0}^{h-1}\frac{\partial e}{\partial y_{ij}}x_{i\cdot t+u,j\cdot t+v}", "kernel gradient (chain and result)"),
    ("b_dydb", r"\frac{\partial y_{ij}}{\partial b}=1", "dy_ij/db"),
    ("b_db", r"\frac{\partial e}{\partial b} = \sum_{i=0}^{g-1}", "bias gradient"),
    ("m_dydx", r"1\;,", "max pooling: dy_ij/dx_uv is 1 at the window's maximum, else 0 (distinct values)"),
    ("m_dx", r"{\partial e}/{\partial y_{ij}}", "gives x_uv the gradient of one window; the post's windows (stride 1) overlap, and an input that is the maximum of several windows gets the sum of their gradients"),
]
BRIGHT_DIRS = [
    ("## 卷积 convolution",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 conv=cross index_base=0 names: x=input w=kernel y=output e=loss -->"),
    ("## 池化层 MaxPool",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=1 index_base=0 names: x=input y=output e=loss -->"),
]
BRIGHT_EXCL = [
    (r"y_{ij} = \sum_{i=0}^{m-2}\sum_{j=0}^{n-2}", "forward definition (with the sums over i, j written inside y_ij)"),
    (r"y_{ij} =\sum_{r=0}^{p-1}\sum_{s=0}^{q-1}x_{i+r,j+s}w_{rs}+ b", "forward definition"),
    (r"y_{ij} = \sum_{r=0}^{p-1}\sum_{s=0}^{q-1}x_{i\cdot t+r,\;j\cdot t+s}w_{rs}+b", "forward definition (repeated)"),
    (r"\nabla e_{(Y)}=\frac{de}{dY}=\begin{pmatrix}", "notation (the matrix of upstream gradients)"),
    (r"i(t+1)\leqslant i\cdot t+p-1", "a condition, not a gradient"),
    (r"1\leqslant t\leqslant p-1 \;\;or", "a condition, not a gradient"),
    (r"(条件1)", "a condition, not a gradient"),
    (r"D[it:it+p,\;jt:jt+q]+\!=", "an update step of code (numpy slicing), not an equation"),
    (r"y_{ij} = max(x_{i,j},\; x_{i,j+1},\; x_{i+1,j},\; x_{i+1,j+1})", "forward definition (max pooling)"),
    (r"y_{ij} = max(x_{i+r,j+s})", "forward definition (max pooling)"),
]

CANNDY = [
    ("c_sc_x", r"= w_n \cdot w_{n-1} \cdot \cdots w_{k+1} \cdot w_k", "scalar chain: dy/dx_k = w_n ... w_k"),
    ("c_sc_w", r"\cdots w_{k+1} \cdot x_k", "scalar chain: dy/dw_k = w_n ... w_{k+1} x_k"),
    ("c_sc_b", r"\cdots w_{k+1} \cdot 1", "scalar chain: dy/db_k = w_n ... w_{k+1}"),
    ("c_dwab_chain", r"\frac{\partial L}{\partial w_{ab}} = \sum_{i=1}^N\sum_{j=1}^C\frac{\partial L}{\partial y_{ij}} \frac{\partial y_{ij}}{\partial w_{ab}}", "chain rule over every output"),
    ("c_dwab_red", r"\frac{\partial L}{\partial w_{ab}} = \sum_{i=1}^N\frac{\partial L}{\partial y_{ib}} \frac{\partial y_{ib}}{\partial w_{ab}}", "only column b depends on w_ab"),
    ("c_dwab", r"\frac{\partial L}{\partial w_{ab}} = \sum_{i=1}^N\frac{\partial L}{\partial y_{ib}} x_{ia}", "weight entry"),
    ("c_dW_sums", r"\sum_{i=1}^N\frac{\partial L}{\partial y_{iC}} x_{iD}", "the D x C matrix of sums"),
    ("c_dW", r"X^T \frac{\partial L}{\partial Y}", "X^T dL/dY"),
    ("c_dWb", r"\frac{\partial L}{\partial W_b} = X_1 ^T\frac{\partial L}{\partial Y}", "with the bias row: [X 1]^T dL/dY"),
    ("c_dyx", r"\frac{\partial y_{ij}}{\partial x_{ab}} = \frac{\partial}{\partial x_{ab}} \sum_{k=1}^D x_{ik}w_{kj}", "the forward substituted"),
    ("c_dxab", r"= \sum_{j=1}^C\frac{\partial L}{\partial y_{aj}}w_{bj}", "input entry (chain and result)"),
    ("c_dX_sums", r"\sum_{j=1}^C\frac{\partial L}{\partial y_{Nj}}w_{Dj}", "the N x D matrix of sums"),
    ("c_dX", r"\frac{\partial L}{\partial Y} W^T", "dL/dY W^T"),
    ("c_sum_W", r"\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}", "summary: weight"),
    ("c_sum_X", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T", "summary: input"),
    ("c_mlp_x", r"= \nabla L \cdot W_n^T \cdot W_{n-1}^T \cdot \cdots W_{k+1}^T \cdot W_k^T", "n linear layers: dL/dX_k"),
    ("c_mlp_w", r"= X_k^T \cdot (\nabla L \cdot W_n^T \cdot W_{n-1}^T \cdot \cdots W_{k+1}^T)", "n linear layers: dL/dW_k"),
    ("c_act_x", r"= \nabla L \cdot W_n^T \odot A_n \cdot W_{n-1}^T \odot A_{n-1} \cdot \cdots W_{k+1}^T \odot A_{k+1} \cdot W_k^T", "with activations, read left to right"),
    ("c_act_w", r"=  X_k^T \cdot (\nabla L \cdot W_n^T \odot A_n", "with activations: dL/dW_k"),
    ("c_delta_x", r"\frac{\partial L}{\partial X_k} = \Delta_{k+1} \odot A_{k+1} \cdot W_k^T", "with the document's Delta_k"),
    ("c_delta_w", r"\frac{\partial L}{\partial W_k} = X_k^T \cdot (\Delta_{k+1} \odot A_{k+1})", "with the document's Delta_k"),
    ("c_delta_rec", r"\Delta_{k} = \Delta_{k+1} \odot A_{k+1} \cdot W_k^T", "the recursion of Delta"),
    ("c_conv_dv1", r"\sum_{i=1}^{iw}\sum_{j=1}^{ih}\frac{\partial L}{\partial y_{i,j}}\frac{\partial y_{i,j}}{\partial v_{w^*,h^*}}", "the sums run i to iw and j to ih, but y has only ow x oh entries: y_{ow+1, j} does not exist; right: i to ow, j to oh"),
    ("c_conv_dv2", r"\sum_{i=1}^{iw}\sum_{j=1}^{ih}\frac{\partial L}{\partial y_{i,j}} x_{i+w^*,j+h^*}", "the same bounds (and x_{i+w*} reads past the input)"),
]
CANNDY_DIRS = [
    ("### 单层全连接层",
     "<!-- symbp: layer=fc in=3 out=2 batch=4 names: X=input W=kernel Y=output L=loss -->"),
    ("## Conv2d-二维卷积层",
     "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=1 names: X=input V=kernel Y=output L=loss -->"),
]
CANNDY_EXCL = [
    (r"\frac{\mathrm{d} y}{\mathrm{d} x_1} = \frac{\mathrm{d} y}{\mathrm{d} x_n}", "the chain rule as a product of derivatives, no closed form"),
    (r"Y = X \cdot W + b = \begin{bmatrix}X", "forward definition"),
    (r"L = F_{criterion}(Y, \hat{Y})", "loss definition"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} \frac{\partial Y}{\partial W}", "notation: a product of a matrix and a four-axis Jacobian, not defined in the text"),
    (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \frac{\partial Y}{\partial X}", "notation (as above)"),
    (r"= \frac{\partial}{\partial x_{ab}} \sum_{k=1}^D x_{ak}w_{kj}=w_{bj}", "holds only for i = a, which the prose before it says; as written for every i it is not"),
    (r"\frac{\partial X_k}{\partial X_k'} = A_k", "definition"),
    (r"\Delta_n = \nabla L \cdot W_n^T \\", "definitions"),
    (r"\nabla W_k = \frac{1}{N}", "definition (the batch mean)"),
    (r"W^{new}_k = W^{old}_k", "update rule"),
    (r"Y = V \circledast X \\", "forward definition"),
    (r"y_{i,j} &= \sum_{w=1}^{kw}\sum_{h=1}^{kh}v_{w,h}x_{i+w,j+h}", "forward definition (it reads x_{iw+1}, past the input)"),
    (r"\frac{\partial y_{i,j}}{\partial v_{w^*,h^*}}&=", "an identity for the written forward, which is off by one against the layer the text describes (stride 1, no padding): ambiguous"),
    (r"\hat{X}[i:i+kw,j:j+kh] = \hat{X}[i:i+kw,j:j+kh]", "an update step of code, not an equation"),
]

DAY54 = [
    ("d_chain", r"\frac{\partial E}{\partial X[c,h, w]} = \sum_m \sum_{h_\text{out}}", "chain rule over every output"),
    ("d_sub", r"\frac{\partial E}{\partial X[m, h^\prime, w^\prime]}", "the upstream gradient is written dE/dX[m, h', w'] (X for Y; m runs over M output channels, X has C; h' = h-K+1 < 0 at the border); right: dE/dY[m, h', w'] over valid h', w'"),
    ("d_final", r"\cdot W[m, c, K-1-p, K-1-q]", "dE/dY[m, h-p, w-q] with the flipped W[m, c, K-1-p, K-1-q] flips twice; right: W[m, c, p, q] (or the flipped kernel with dE/dY[m, h-(K-1)+p, ...])"),
]
DAY54_DIRS = [
    ("### A bit of Mathematical derivation:",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: X=input W=kernel Y=output E=loss layout: X=CHW W=OIHW Y=CHW -->"),
]
DAY54_EXCL = [
    (r"H_\text{out} = H_\text{in}−K+1", "sizes"),
    (r"Y[m,h_\text{out},w_\text{out}] = \sum_{c=0}^{C-1}", "forward definition"),
    (r"=W[m, c, h - h', w - w']", "holds only under the conditions stated in the prose before it (0 <= h-h' < K, valid h', w')"),
]

SAIK = [
    ("s_w_chain", r"\frac{\partial L}{\partial W_{c,k,m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c,i,j}}", "chain rule over the outputs of channel c"),
    ("s_dydw", r"\frac{\partial Y_{c,i,j}}{\partial W_{c,k,m,n}} = X_{k,i+m,j+n}", "dY/dW"),
    ("s_w", r"= \sum_{i,j} \delta_{c,i,j} X_{k,i+m,j+n}", "kernel gradient"),
    ("s_w_vec", r"\frac{\partial L}{\partial \tilde{W}} = \delta \tilde{X}^T", "im2col form, delta read as C_out x (H_out W_out) like Y"),
    ("s_b_chain", r"\frac{\partial L}{\partial b_c} = \sum_{i,j} \frac{\partial L}{\partial Y_{c,i,j}}", "bias: chain rule"),
    ("s_dydb", r"\frac{\partial Y_{c,i,j}}{\partial b_c} = 1", "dY/db"),
    ("s_b", r"\frac{\partial L}{\partial b_c} = \sum_{i,j} \delta_{c,i,j}", "bias gradient"),
    ("s_x_chain", r"\frac{\partial L}{\partial Y_{c,i,j}} \frac{\partial Y_{c,i,j}}{\partial X_{k,p,q}}", "input: chain rule over every output"),
    ("s_dx", r"\delta_{c,i,j} W_{c,k,p-i,q-j}", "one display (cases, then the sum): the cases hold, but the sum runs i over 0..H_out-1 and reads W_{c,k,p-i,q-j} at offsets p-i < 0 or >= K_H, which do not exist; right: the sum over i with 0 <= p-i < K_H (or W zero outside)"),
    ("s_x_vec", r"\frac{\partial L}{\partial \tilde{X}} = \tilde{W}^T . \delta", "im2col form: gradient by the unfolded input"),
]
SAIK_DIRS = [
    ("## Forward pass",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->"),
]
SAIK_EXCL = [
    (r"Y_{c,i,j} = \sum_{k=0}^{C_{in}-1}", "forward definition"),
    (r"Y = \tilde{W} \cdot \tilde{X} + b", "forward definition (vectorized)"),
]

CONVPASS = [
    ("e_dodb", r"= \frac{\partial}{\partial b} \Big(  b \Big) = 1", "dO(i,j)/db = 1"),
    ("e_db", r"\frac{\partial L}{\partial b} = sum( \frac{\partial L}{\partial O})", "bias gradient"),
    ("e_dK_chain", r"\frac{\partial L}{\partial K} = \frac{\partial L}{\partial O}\frac{\partial O}{\partial K}", "chain rule with the vec Jacobians"),
    ("e_dOdK", r"\frac{\partial O}{\partial K} =", "the 4x4 Jacobian in column-wise vec order"),
    ("e_typo", r"\frac{\partial L}{\partial O}\frac{\partial L}{\partial K}", "dL/dO times dL/dK: a 1x4 times a 1x4 row, undefined (dO/dK meant)"),
    ("e_row", r"=\begin{bmatrix}", "the row vector dL/dK = dL/dO times the 4x4 Jacobian"),
    ("e_dK_T", r"\end{bmatrix}  ⋆", "the 2x2 upstream matrix is written transposed (dL/dO_10 top right): X slid with (dL/dO)^T; right: X slid with dL/dO"),
    ("e_dK", r"{ \frac{\partial L}{\partial K} = X ⋆ \frac{\partial L}{\partial O} }", "kernel gradient: X slid with dL/dO"),
    ("e_dX_chain", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial X}", "chain rule with the vec Jacobians"),
    ("e_dX00", r"= \frac{\partial L}{\partial O_{00}}K_{00}", "entry X_00 (the column's order O_01, O_10 differs from the row's, but only O_00 contributes)"),
    ("e_dX00b", r"= \frac{\partial L}{\partial O⋆{00}}K⋆{00}", "entry X_00 again"),
    ("e_dX01", r"= \frac{\partial L}{\partial O⋆{00}}K⋆{01}", "X_01 feeds O_00 (with K_01) and O_01 (with K_00): dL/dO_00 K_01 + dL/dO_01 K_00"),
    ("e_dX02", r"= \frac{\partial L}{\partial O_{10}}K_{01}", "X_02 feeds O_01 only: dL/dO_01 K_01, not dL/dO_10 K_01"),
    ("e_dX22", r"= \frac{\partial L}{\partial O_{11}}K_{11}", "entry X_22"),
    ("e_dX_full", r"\frac{dL}{dX_{10}}", "the zero-padded dL/dO slid with the flipped kernel"),
    ("e_dX_pad", r"\frac{\partial L}{\partial X} = \text{pad}\left(\frac{\partial L}{\partial O}\right) ⋆ \text{rot180}(K)", "input gradient: padded dL/dO slid with rot180(K)"),
]
CONVPASS_DIRS = [
    ("## Forward Pass Formula",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel O=output L=loss -->"),
]
CONVPASS_EXCL = [
    (r"H_\text{out} = \left\lfloor", "sizes"),
    (r"O(i,j) = \sum_{m=1}^{M} \sum_{n=1}^{N} K(m,n) \cdot X_\text{pad}\big(i \cdot SH", "forward definition"),
    (r"= \sum_{i,j}^{N} \frac{\partial L}{\partial O(i,j)}\frac{\partial O(i,j)}{\partial b}", "the sums are written \\sum_{i,j}^{N} with N the kernel's width and no lower bound: their range cannot be read"),
    (r"O_{00} &= K_{00} X_{00}", "forward definition (entries)"),
    (r"\operatorname{vec}(O)=", "notation"),
    (r"J_L(\mathbf{O}) =", "notation (the Jacobians' layout)"),
    (r"J_{\mathbf{O}}(\mathbf{K}) =", "notation"),
    (r"J_L(\mathbf{K}) =", "notation"),
    (r"J_{\mathbf{O}}(\mathbf{X}) =", "notation, and only two entries of the 4x4 matrix are written"),
]

CNNMATH = [
    ("f_W", r"= \delta^{(l)} \cdot (a^{(l-1)})^T", "fully connected: dL/dW = delta a^T (column vectors)"),
    ("f_b", r"\frac{\partial L}{\partial b^{(l)}} = \frac{\partial L}{\partial z^{(l)}} = \delta^{(l)}", "fully connected: bias"),
    ("f_a", r"= (W^{(l)})^T \cdot \delta^{(l)}", "fully connected: input"),
    ("k_dK", r"X^{(l-1)}_{i}(m, n) \cdot \delta^{(l)}_{j}(m, n)", "one sum of products of X_i and delta_j at the same positions is a number; the kernel gradient is a K_h x K_w array, entry (m, n) = sum over output positions (u, v) of X_i(u+m, v+n) delta_j(u, v)"),
]
CNNMATH_DIRS = [
    ("## 5. Fully Connected Layers",
     "<!-- symbp: layer=fc in=3 out=2 names: a^{(l-1)}=input W^{(l)}=kernel z^{(l)}=output L=loss -->"),
    ("### 6.2 For Convolutional Layers",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross names: X^{(l-1)}=input K^{(l)}=kernel Z^{(l)}=output L=loss -->"),
]
CNNMATH_EXCL = [
    (r"(I * K)(i, j) = \sum_{m} \sum_{n} I(i+m, j+n)", "definition"),
    (r"(I * K)(i, j) = \sum_{m} \sum_{n} I(i-m, j-n)", "definition (contradicting the previous one)"),
    (r"Z^{(l)}_{j} = \sum_{i=1}^{C_{in}}", "forward definition"),
    (r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}", "forward definition"),
    (r"a^{(l)} = f(z^{(l)})", "forward definition"),
    (r"\sum_{j} \delta^{(l)}_{j} * \text{rot180}(K^{(l)}_{i,j})", "* has two contradicting definitions in the text and no padding is said: right only for the unflipped sliding sum over the fully padded delta, wrong for the other reading"),
]

PUREP = [
    ("u_dX", r"dX = dZ \times W^T", "dX = dZ W^T"),
    ("u_row", r"dX = \begin{bmatrix} dZ_1 \cdot w_{11} + dZ_2 \cdot w_{12}", "the product written out"),
    ("u_x1", r"dX_1 = dZ_1 \cdot w_{11} + dZ_2 \cdot w_{12}", "entry 1"),
    ("u_x2", r"dX_2 = dZ_1 \cdot w_{21} + dZ_2 \cdot w_{22}", "entry 2"),
]
PUREP_DIRS = [
    ("### Explain why we use W.flip in calculating X_grad",
     "<!-- symbp: layer=fc in=2 out=2 names: X=input W=kernel Z=output -->"),
]
PUREP_EXCL = [
    (r"X = \begin{bmatrix} x_1", "definition"),
    (r"W = \begin{bmatrix} w_{11}", "definition"),
    (r"Z = X \times W", "forward definition"),
    (r"Z = \begin{bmatrix} x_1 \cdot w_{11}", "forward definition (written out)"),
    (r"dZ = \begin{bmatrix} dZ_1", "notation"),
    (r"W^T = \begin{bmatrix}", "definition"),
]

TABLE = {
    "transformerswsz_cnn_bp_zh.md": ("pinard", PINARD, PINARD_DIRS, PINARD_EXCL),
    "brightlamp_conv_maxpool_zh.md": ("bright", BRIGHT, BRIGHT_DIRS, BRIGHT_EXCL),
    "canndy_layer_fc_conv_zh.md": ("canndy", CANNDY, CANNDY_DIRS, CANNDY_EXCL),
    "day54_cuda_conv_input_grad.md": ("day54", DAY54, DAY54_DIRS, DAY54_EXCL),
    "saikrishna_conv_notes.md": ("saik", SAIK, SAIK_DIRS, SAIK_EXCL),
    "convpass_jacobian_entries.md": ("convpass", CONVPASS, CONVPASS_DIRS, CONVPASS_EXCL),
    "cnn_math_explanation.md": ("cnnmath", CNNMATH, CNNMATH_DIRS, CNNMATH_EXCL),
    "purepisces_dense_dx.md": ("purep", PUREP, PUREP_DIRS, PUREP_EXCL),
}
