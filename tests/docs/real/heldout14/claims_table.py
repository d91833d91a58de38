"""The fourteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout14.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

LMT = [
    ("s_cases", "\\frac{\\partial a^L_i}{\\partial z^L_j} = \n\\begin{cases}", "softmax Jacobian: a_i (1 - a_i) on the diagonal, -a_i a_j off it"),
    ("s_diag", r"= \frac{e^{z^L_i}\sum_k e^{z^L_k} - e^{z^L_i}e^{z^L_i}}{(\sum_k e^{z^L_k})^2} = a^L_i(1-a^L_i)", "quotient rule, i = j"),
    ("s_off", r"\frac{\partial a^L_i}{\partial z^L_j} = \frac{-e^{z^L_i}e^{z^L_j}}{(\sum_k e^{z^L_k})^2} = -a^L_i a^L_j", "quotient rule, i != j"),
    ("c_chain", r"\frac{\partial \mathcal{L}}{\partial z^L_j} = \frac{\partial}{\partial z^L_j}(-\log a^L_c) = -\frac{1}{a^L_c} \frac{\partial a^L_c}{\partial z^L_j}", "L = -log a_c: d log"),
    ("c_true", r"= -(1-a^L_c) = a^L_c - 1", "dL/dz_c = a_c - 1"),
    ("c_other", r"\cdot (-a^L_c a^L_j) = a^L_j", "dL/dz_j = a_j for j != c"),
    ("c_comb", r"\frac{\partial \mathcal{L}}{\partial z^L_j} = a^L_j - y_j", "one-hot y: dL/dz_j = a_j - y_j"),
    ("c_vec", r"\delta^L = \frac{\partial \mathcal{L}}{\partial z^L} = a^L - y", "vector form"),
    ("w_chain", r"\frac{\partial \mathcal{L}}{\partial W^l_{ij}} = \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial W^l_{ij}}", "W_ij reaches L only through z_j (z = a W + b)"),
    ("w_ij", r"\frac{\partial \mathcal{L}}{\partial W^l_{ij}} = \delta^l_j \cdot a^{l-1}_i", "dL/dW_ij = delta_j a_i"),
    ("w_mat", r"\frac{\partial \mathcal{L}}{\partial W^l} = (a^{l-1})^T \delta^l", "row vectors: dL/dW = a^T delta (n x m, the shape of W)"),
    ("b_chain", r"\frac{\partial \mathcal{L}}{\partial b^l_j} = \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial b^l_j}", "b_j reaches L only through z_j"),
    ("b_vec", r"\frac{\partial \mathcal{L}}{\partial b^l} = \delta^l}", "dL/db = delta"),
    ("d_chain", r"\frac{\partial \mathcal{L}}{\partial z^{l-1}_i} = \sum_j \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial a^{l-1}_i} \frac{\partial a^{l-1}_i}{\partial z^{l-1}_i}", "chain rule through every z^l_j"),
    ("d_zA", r"\frac{\partial z^l_j}{\partial a^{l-1}_i} = W^l_{ij}", "z_j = sum_k W_kj a_k + b_j"),
    ("d_relu", "\\mathrm{ReLU}'(z^{l-1}_i) = \n\\begin{cases}", "ReLU' is 1 above 0, 0 otherwise (checked away from 0)"),
    ("d_comb", r"\delta^{l-1}_i = \sum_j \delta^l_j W^l_{ij} \cdot \mathrm{ReLU}'(z^{l-1}_i)", "the recursion per entry"),
    ("d_mat", r"\delta^{l-1} = \left(\delta^l (W^l)^T\right) \odot \mathrm{ReLU}'(z^{l-1})", "the recursion, row vectors"),
    ("d_mat_a", r"\odot \mathrm{ReLU}'(a^{l-1})}", "ReLU'(a) with a = ReLU(z): a > 0 exactly when z > 0, and ReLU'(0) = 0, so the same gate"),
    ("w_ij2", r"= a^{l-1}_i \cdot \delta^l_j", "dL/dW_ij = a_i delta_j, restated"),
]
LMT_DIRS = [
    ("### Why delta^L = a^L - y\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z^L=input a^L=output y=target \\mathcal{L}=loss -->"),
    ("## Backpropagation\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows names: a^{l-1}=input W^l=kernel b^l=bias z^l=output \\mathcal{L}=loss -->"),
]
LMT_EXCL = [
    (r"a^{l-1} W^l + b^l \\", "forward definition"),
    (r"\mathrm{softmax}(u)_i = \frac{e^{u_i}}{\sum_j e^{u_j}}", "definition of softmax"),
    (r"\mathcal{L} = -\sum_{i=1}^K y_i \log(a^L_i)", "definition of the loss"),
    (r"\mathcal{L} = -\log(a^L_c)", "definition of the loss for the one-hot target"),
    (r"\delta^l \equiv \frac{\partial \mathcal{L}}{\partial z^l}", "definition of delta"),
    (r"\leftarrow W^l - \eta", "update rule"),
]

AUG = [
    ("f_El1", r"\dfrac{\partial E}{\partial l1} = o_1 - l_1", "E = 1/2 sum (l_k - o_k)^2: dE/dl_1 = l_1 - o_1, the sign is reversed"),
    ("f_El2", r"\dfrac{\partial E}{\partial l2} = o_2 - l_2", "sign reversed: l_2 - o_2"),
    ("f_El3", r"\dfrac{\partial E}{\partial l3} = o_3 - l_3", "sign reversed: l_3 - o_3"),
    ("f_la", r"\dfrac{\partial l_1}{\partial a_1} = l_1(1-l_1)", "diagonal of the softmax Jacobian"),
    ("f_Ea1", r"\dfrac{\partial E}{\partial a_1} = \dfrac{\partial E}{\partial l_1} \dfrac{\partial l_1}{\partial a_1} = (o_1-l_1)l_1(1-l_1)", "a_1 reaches E through l_2 and l_3 too (softmax): dE/da_1 = sum_k (l_k - o_k) dl_k/da_1; the row keeps one term, with the sign reversed"),
    ("f_Eai", r"= (o_i-l_i)l_1(1-l_i)", "the same one-term chain, sign reversed, and l_1 for l_i in the product"),
    ("f_c2l1", r"\dfrac{\partial c_2}{\partial l_1} = w_{12}", "c_2 = w_12 l_1 + ..."),
    ("f_c1l1", r"\dfrac{\partial c_1}{\partial l_1} = w_{11}", "c_1 = w_11 l_1 + ..."),
    ("f_l1a1", r"\dfrac{\partial l_1}{\partial a_1} = f'(a_1)", "l_1 = f(a_1)"),
    ("f_wij", r"\dfrac{\partial E}{\partial w_{ij}} = \dfrac{\partial E}{\partial c_j}l_i", "c_j = sum_i w_ij l_i + b'_j"),
    ("f_avg", r"\dfrac{\partial E}{\partial a_{i \space j}} = \dfrac{1}{4} \dfrac{\partial E}{\partial b_{k \space l}}", "2 x 2 windows, stride 2, k = floor(i/2), l = floor(j/2): each a_ij is in one window, weight 1/4"),
    ("f_cb", r"\dfrac{\partial E}{\partial b_{i,j}} = \dfrac{\partial E}{\partial c_{i, j}}", "one bias per output position, c_ij = b_ij + ...: dE/db_ij = dE/dc_ij"),
]
AUG_DIRS = [
    ("## Backpropagation de la dernière couche avec softmax\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: a=input l=output E=loss -->"),
    ("## Backpropagation of a fully connected layer\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: l=input w=kernel b'=bias c=output E=loss -->"),
    ("## Backpropagation d'une couche d'average 2d pooling layer\n", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: a=input b=output E=loss -->"),
    ("## Backpropagation d'une couche convolutive\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: a=input k=kernel b=bias c=output E=loss -->"),
]
AUG_EXCL = [
    (r"l_1 = \dfrac{e^{a_1}}{e^{a_1}+e^{a_2}+e^{a_3}}", "forward definition"),
    (r"l_2 = \dfrac{e^{a_2}}{e^{a_1}+e^{a_2}+e^{a_3}}", "forward definition"),
    (r"l_3 = \dfrac{e^{a_3}}{e^{a_1}+e^{a_2}+e^{a_3}}", "forward definition"),
    (r"E = \dfrac{1}{2}((l_1-o_1)^2", "definition of the loss"),
    (r"\dfrac{\partial E}{\partial b_i} = \dfrac{\partial E}{\partial a_i}", "no b_i is defined in the softmax section: not settled"),
    (r"d_1 =g(c_1)", "forward definition"),
    (r"d_2 = g(c2)", "forward definition"),
    (r"c_1 = w_{11}l_1 + w_{21}l_2 + w_{31}l_3 + b'_1", "forward definition"),
    (r"c_2 = w_{12}l_1 + w_{22}l_2 + w_{32}l_3 + b'_2", "forward definition"),
    (r"$$l_1 = f(a_1)$$", "forward definition"),
    (r"\dfrac{\partial E_{c_1}}{\partial c_1} \dfrac{\partial c_1}{\partial l_1}", "E_{c_1}, E_{c_2} are not defined: the reading (E itself?) is not settled"),
    (r"\dfrac{\partial E}{\partial b_j} = \dfrac{\partial E}{\partial l_i}", "b_j is not defined in this section (the biases are b'_j) and i is free: not settled"),
    (r"= \dfrac{\partial E_{c_1}}{\partial c_1} w_{i1} + \dfrac{\partial E_{c_2}}{\partial c_2} w_{i2}", "E_{c_1}, E_{c_2} are not defined: not settled"),
    (r"b_{i j} = \dfrac{a_{2i \space 2j}", "forward definition"),
    (r"c_{i \space j} = b_{i \space j} + \sum\limits_{0 \leqslant k, l \leqslant 1}", "forward definition (its input written c, as in the source)"),
    (r"\dfrac{\partial E}{\partial k_{i,j}} = \sum\limits_{p=0}^{2}", "k and l are free, p runs to 2 for a 2 x 2 kernel, c_{k l} against a_{i+p, j+l}: the reading is not settled"),
    (r"\dfrac{\partial E}{\partial a_{i,j}} = \sum\limits_{k=max(0, k\_size-1)}", "unfinished (an empty fraction)"),
]

FUL = [
    ("v_w11", r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial a} \cdot x_{11} + \frac{\partial L}{\partial b} \cdot x_{12}", "w_11 meets x_11 in a, x_12 in b, x_21 in c, x_22 in d"),
    ("v_w12", r"\frac{\partial L}{\partial w_{12}} = \frac{\partial L}{\partial a} \cdot x_{12} + \frac{\partial L}{\partial b} \cdot x_{13}", "w_12: x_12, x_13, x_22, x_23"),
    ("v_w21", r"\frac{\partial L}{\partial w_{21}} = \frac{\partial L}{\partial a} \cdot x_{21} + \frac{\partial L}{\partial b} \cdot x_{22}", "w_21: x_21, x_22, x_31, x_32"),
    ("v_w12b", r"\frac{\partial L}{\partial w_{12}} = \frac{\partial L}{\partial a} \cdot x_{22} + \frac{\partial L}{\partial b} \cdot x_{23}", "x_22, x_23, x_32, x_33 is the gradient of w_22; written for w_12 (whose gradient is the second row), it is refuted"),
    ("l_x11sum", r"\frac{\partial L}{\partial x_{11}} = \sum_{i=1}^n \sum_{j=1}^d \frac{\partial L}{\partial z_{ij}} \cdot \frac{\partial z_{ij}}{\partial x_{11}}", "chain rule over every z_ij (n = 2 rows, d = 3 columns), written as a scalar product"),
    ("l_dZx11", r"\frac{\partial Z}{\partial x_{11}} = \begin{pmatrix} w_{11}  w_{12}   w_{13} \\ 0  0  0 \end{pmatrix}", "x_11 enters only the first row of Z = XW"),
    ("l_x11", r"= \frac{\partial L}{\partial z_{11}} \cdot w_{11} + \frac{\partial L}{\partial z_{12}} \cdot w_{12} +  \frac{\partial L}{\partial z_{13}} \cdot w_{13}.", "dL/dx_11 = sum_j dL/dz_1j w_1j"),
    ("l_x21", r"=  \frac{\partial L}{\partial z_{21}} \cdot w_{11} + \frac{\partial L}{\partial z_{22}} \cdot w_{12} +  \frac{\partial L}{\partial z_{23}} \cdot w_{13}.", "dL/dx_21 = sum_j dL/dz_2j w_1j"),
    ("l_dX", r"\end{pmatrix} = \frac{\partial L}{\partial Z} W^T", "dL/dX written out entry by entry, then dL/dZ W^T"),
    ("l_wklsum", r"\frac{\partial L}{\partial w_{kl}} = \sum_{i=1}^n \sum_{j=1}^d \frac{\partial L}{\partial z_{ij}} \cdot \frac{\partial z_{ij}}{\partial w_{kl}}", "chain rule over every z_ij"),
    ("l_dZw", r"\frac{\partial Z}{\partial w_{11}} = \begin{pmatrix} x_{11}  0  0 \\ x_{21}  0  0 \end{pmatrix}", "the six matrices dZ/dw_kl (w_kl enters column l, with x_ik in row i)"),
    ("l_w21", r"\frac{\partial L}{\partial z_{11}} \cdot x_{12} +   \frac{\partial L}{\partial z_{11}} \cdot x_{22}.", "the scalar product gives dL/dz_11 x_12 + dL/dz_21 x_22; the second term is written with z_11"),
    ("l_dW", r"= X^T \frac{\partial L}{\partial Z}.", "dL/dW written out entry by entry, then X^T dL/dZ"),
    ("l_final", r"\frac{\partial L}{\partial W}  = X^T \frac{\partial L}{\partial Z} \qquad \frac{\partial L}{\partial X}  = \frac{\partial L}{\partial Z} W^T.", "the linear layer's two gradients"),
]
FUL_DIRS = [
    ("## Задача 5 (листочек 5): свёрточный и полносвязный\n", "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=1 names: x=input w=kernel L=loss -->"),
    ("## Задача 4 (листочек 3): линейный слой\n", "<!-- symbp: layer=fc in=2 out=3 batch=2 weight=rows index_base=1 names: X=input W=kernel Z=output L=loss -->"),
]
FUL_EXCL = [
    (r"a = w_{11} \cdot x_{11} + w_{12} \cdot x_{12}", "forward definition"),
    (r"b = w_{11} \cdot x_{12} + w_{12} \cdot x_{13}", "forward definition"),
    (r"c = w_{11} \cdot x_{21} + w_{12} \cdot x_{22}", "forward definition"),
    (r"d = w_{11} \cdot x_{22} + w_{12} \cdot x_{23}", "forward definition"),
    (r"a = w_0 + w_{11} \cdot x_{11}", "forward definition with a free term"),
    (r"X = (x_{11}, x_{12}, x_{13}, x_{14},", "the picture as a row"),
    (r"W^T = \begin{pmatrix}", "the layer as a matrix product (a forward statement)"),
    (r"Z = XW = \begin{pmatrix} z_{11}", "forward definition"),
    (r"Z = XW = \begin{pmatrix} x_{11}w_{11} + x_{12}w_{21}", "forward definition, restated"),
    (r"\frac{\partial L}{\partial Z} = \begin{pmatrix} \frac{\partial L}{\partial z_{11}}", "notation: the matrix of derivatives"),
    (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Z} \cdot \frac{\partial Z}{\partial X} \qquad", "the products of 4-d Jacobians are left unspecified here (the text says the sizes must agree; the reading dZ/dW = X^T, dZ/dX = W^T is only agreed afterwards): not settled"),
    (r"\Rightarrow \quad  \frac{\partial L}{\partial X} = \begin{pmatrix}", "notation: the matrix of derivatives"),
    (r"\Rightarrow \quad  \frac{\partial L}{\partial W} = \begin{pmatrix}", "notation: the matrix of derivatives"),
]

NUM = [
    ("n_relu", "f'(x) = \\begin{cases}", "ReLU: 1 above 0, 0 otherwise (checked away from 0)"),
    ("n_smce", r"\frac{\partial \mathcal{L}}{\partial z_i} = \hat{y}_i - y_i", "softmax with cross-entropy, one-hot target: dL/dz = yhat - y"),
    ("n_fcW", r"\frac{\partial \mathcal{L}}{\partial W} = \frac{\partial \mathcal{L}}{\partial y} \cdot x^T", "y = Wx + b, column vectors: dL/dW = dL/dy x^T"),
    ("n_fcb", r"\frac{\partial \mathcal{L}}{\partial b} = \frac{\partial \mathcal{L}}{\partial y}", "dL/db = dL/dy"),
    ("n_fcx", r"\frac{\partial \mathcal{L}}{\partial x} = W^T \cdot \frac{\partial \mathcal{L}}{\partial y}", "dL/dx = W^T dL/dy"),
    ("n_cW", r"\frac{\partial \mathcal{L}}{\partial W_{m,n,c,k}} = \sum_{i,j} \frac{\partial \mathcal{L}}{\partial Y_{i,j,k}} \cdot X_{i \cdot s + m, j \cdot s + n, c}", "Y_ijk = sum X_{is+m, js+n, c} W_mnck + b_k: the sum over every output position (stride s)"),
    ("n_cX", r"\frac{\partial \mathcal{L}}{\partial X_{i,j,c}} = \sum_{k} \sum_{m,n} \frac{\partial \mathcal{L}}{\partial Y_{p,q,k}} \cdot W_{m,n,c,k}", "with (p, q) the output position that (i, j) feeds through (m, n), i = p s + m, j = q s + n (the text's reading), the terms without such a position left out"),
]
NUM_DIRS = [
    ("#### 2. 活性化関数（ReLU）\n", "<!-- symbp: layer=activation name=relu names: x=input -->"),
    ("#### 1. Softmax + Cross-Entropyの勾配\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input \\hat{y}=output y=target \\mathcal{L}=loss -->"),
    ("#### 2. 全結合層の逆伝播\n", "<!-- symbp: layer=fc in=3 out=2 names: x=input W=kernel b=bias y=output \\mathcal{L}=loss -->"),
    ("#### 3. 畳み込み層の逆伝播\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output \\mathcal{L}=loss layout: X=HWC W=HWIO Y=HWC -->"),
]
NUM_EXCL = [
    (r"Y_{i,j,k} = \sum_{m=0}^{M-1}", "forward definition"),
    (r"f(x) = \max(0, x)", "definition of ReLU"),
    (r"Y_{i,j} = \max_{m,n \in \mathcal{R}_{i,j}} X_{m,n}", "definition of max pooling"),
    (r"$$y = Wx + b$$", "forward definition"),
    (r"\text{softmax}(x_i) = \frac{\exp(x_i)}", "definition of softmax"),
    (r"\text{softmax}(x_i) = \frac{\exp(x_i - \max(x))}", "definition of softmax (shifted)"),
    (r"\mathcal{L} = -\sum_{i=1}^{N} \sum_{c=1}^{C}", "definition of the loss"),
    (r"\mathcal{L} = -\log(\hat{y}_{i,t})", "definition of the loss, one-hot"),
]

HUG = [
    ("j_out1", r"= \sum_{j'} \frac{\partial E}{\partial y_{j'}^{L}}\frac{\partial y_{j'}^{L}}{\partial w_{ij}^L}", "chain rule through every output y_j'^L"),
    ("j_out2", r"= \frac{\partial y_{j'}^{L}}{\partial u_{j'}^{L}} \frac{\partial u_{j'}^{L}}{\partial w_{ij}^L}", "y_j' = f_L(u_j')"),
    ("j_out3", r"= f_L'(u_{j'}^{L}) y_{i}^{L-1} \delta_{j,j'}", "du_j'/dw_ij = y_i [j = j']"),
    ("j_out4", r"= \frac{\partial E}{\partial y_{j}^{L}} f_L'(u_{j}^{L}) y_{i}^{L-1}", "the j' = j term"),
    ("j_outd", r"\frac{\partial E}{\partial w_{ij}^{L}} = \delta_{j}^{L} y_{i}^{L-1}", "delta^L = dE/du^L"),
    ("j_mid1", r"= \frac{\partial E}{\partial y_{j}^{l}}f_{l}'(u_{j}^{l})y_i^{l-1}", "hidden layer, the same collapse"),
    ("j_mid2", r"= \sum_{k} \frac{\partial E}{\partial y_{k}^{l+1}} \frac{\partial y_{k}^{l+1}}{\partial u_{k}^{l+1}} \frac{\partial u_{k}^{l+1}}{\partial y_{j}^{l}}", "chain rule through every u_k^{l+1}"),
    ("j_mid3", r"\frac{\partial y_{k}^{l+1}}{\partial u_{k}^{l+1}} = f_{l+1}'\left( u_{k}^{l+1} \right)", "y^{l+1} = f_{l+1}(u^{l+1})"),
    ("j_mid4", "= w_{jk}^{l+1}\n\\end{align*}", "u_k^{l+1} = sum_j' w_j'k y_j'"),
    ("j_mid5", r"= \sum_{k} \delta_k^{l+1}w_{jk}^{l+1}", "dE/dy_j^l = sum_k delta_k^{l+1} w_jk^{l+1}"),
    ("j_mid6", r"= \sum_{k} \delta_{k}^{l+1} w_{jk}^{l+1} f_{l}'(u_{j}^{l})", "delta_j^l = sum_k delta_k^{l+1} w_jk^{l+1} f_l'(u_j^l)"),
    ("j_cases", "\\delta_{j}^{l} =\n  \\begin{cases}", "the two cases of delta"),
    ("j_vecL", r"= \frac{\partial E}{\partial \bm{y}^{L}} \ast f_L'(\bm{u}^{L})", "delta^L = dE/dy^L * f_L'(u^L)"),
    ("j_vecmid", r"\delta_P^{l+1} f_{l}'(u_{P}^{l})", "W^{l+1} (P x Q) times a P-vector delta_k^{l+1} f_l'(u_k^l) (delta^{l+1} has Q entries): the product does not exist where P != Q, and where P = Q it gives sum_k w_jk delta_k f_l'(u_k), not f_l'(u_j)"),
    ("j_vecend", r"= W^{l+1} \bm{\delta}^{l+1} \ast f_{l}'(\bm{u}^{l})", "delta^l = (W^{l+1} delta^{l+1}) * f_l'(u^l)"),
    ("j_wvec", r"\frac{\partial E}{\partial w_{ij}^{l}} = \bm{y}^{l-1} \left(\bm{\delta}^{l}\right)^{\top}", "one entry dE/dw_ij equated with the P x Q matrix y^{l-1} (delta^l)^T: the shapes differ (the matrix is dE/dW^l, as the summary writes)"),
    ("j_sumW", r"\frac{\partial E}{\partial W^{l}} = \bm{y}^{l-1} \left(\bm{\delta}^{l}\right)^{\top}", "dE/dW^l = y^{l-1} (delta^l)^T"),
    ("j_act", r"= \frac{\partial E}{\partial y_{j}^{l}} f_l'(y_j^{l-1})", "activation layer y^l = f_l(y^{l-1})"),
    ("j_actvec", r"= \frac{\partial E}{\partial \bm{y}^{l}} \ast f_l'(\bm{y}^{l-1})", "the same, vector form"),
]
HUG_DIRS = [
    ("## 誤差逆伝播の計算 (1)\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: y^{l-1}=input w^{l}=kernel u^{l}=output y^{l}=activation E=loss -->"),
    ("## 誤差逆伝播の計算 (2)\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: y^{l-1}=input w^{l}=kernel u^{l}=output y^{l}=activation E=loss -->"),
]
HUG_EXCL = [
    (r"y_j^l = f_l\left( u_j^{l} \right)", "forward definition"),
    (r"u_j^l = \sum_{i} w_{ij}^{l} y_{i}^{l-1}", "forward definition"),
    (r"E = \frac{1}{2}\sum_{i}\left(y_i^{L} - \tilde{y}_i\right)^2", "an example loss"),
    (r"\delta_{j}^{l} := \frac{\partial E}{\partial u_{j}^{l}}", "definition of delta (its f_L' kept as written)"),
    (r"\delta_{j}^{l} = \displaystyle \frac{\partial E}{\partial y_{j}^{l}} f_{l}'(u_{j}^{l})", "definition of delta, restated"),
    (r"= f_L'(u_{j'}^{L}) \frac{\partial}{\partial w_{ij}^L} \sum_{i'} w_{i'j'} y_{i'}^{L-1}", "holds; left out of the score (30% cap)"),
    (r"\delta_1^{L} & \delta_2^{L} & \cdots &", "the vector of deltas (notation)"),
    (r"\sum_{k}^{Q} \delta_{k}^{l+1} w_{1k}^{l+1} f_{l}'(u_{1}^{l})", "the vector written entry by entry; holds, left out of the score (30% cap)"),
    (r"\bm{u}^{l} &= \left( W^{l} \right)^{\top}\bm{y}^{l-1}", "forward definition"),
    (r"= \frac{\partial E}{\partial y_{j}^{l}} f_l'(u_{j}^{l}) y_{i}^{l-1}", "equation (3) restated; holds, left out of the score (30% cap)"),
    (r"= \sum_{k} \frac{\partial E}{\partial y_{k}^{l+1}} f_{l+1}'\left( u_{k}^{l+1} \right) w_{jk}^{l+1}\\", "equation (4) restated; holds, left out of the score (30% cap)"),
    (r"= \sum_{k} \frac{\partial E}{\partial y_{k}^{l}} f_{l}'\left( u_{k}^{l} \right) w_{jk}^{l}\\", "equation (5), layer shifted; holds, left out of the score (30% cap)"),
    (r"= \sum_{k} \frac{\partial E}{\partial y_{k}^{l}} \frac{\partial y_{k}^{l}}{\partial y_{j}^{l-1}}", "activation layer chain rule; holds, left out of the score (30% cap)"),
    (r"&= \frac{\partial E}{\partial y_{j}^{l}} y_{i}^{l-1}\\", "the fully connected layer is defined here as y_i^l = sum_j w_ij y_j^{l-1} (i the output) while the rows keep the earlier convention (i the input, from (3) and (5)): the reading is not settled"),
    (r"&= \sum_{k} \frac{\partial E}{\partial y_{k}^{l}} w_{jk}^{l}", "the same conflict of conventions: not settled"),
    (r"&=  \bm{y}^{l-1}\left(\frac{\partial E}{\partial \bm{y}^{l}}\right)^{\top}\\", "the same conflict of conventions: not settled"),
    (r"&= W^{l} \frac{\partial E}{\partial \bm{y}^{l}}", "the same conflict of conventions: not settled"),
]

TABLE = {
    "lmtot27_mlp_relu_softmax_vi.md": ("lmt", LMT, LMT_DIRS, LMT_EXCL),
    "augustin64_tipe_couches_fr.md": ("aug", AUG, AUG_DIRS, AUG_EXCL),
    "fulyankin_conv_linear_ru.md": ("ful", FUL, FUL_DIRS, FUL_EXCL),
    "numsense_cnn_readme_ja.md": ("num", NUM, NUM_DIRS, NUM_EXCL),
    "hugo_nn_note_backprop_ja.md": ("hug", HUG, HUG_DIRS, HUG_EXCL),
}
