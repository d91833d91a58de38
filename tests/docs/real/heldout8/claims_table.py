"""The eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout8.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

JEF = [
    ("j_w_chain", r"\sum_{i=0}^{H-k_1} \sum_{j=0}^{W-k_2} \frac{\partial E}{\partial x_{i,j}^{l}} \frac{\partial x_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l}", "chain rule over the (H-k_1+1) x (W-k_2+1) outputs"),
    ("j_w_delta", r"\sum_{j=0}^{W-k_2} \delta^{l}_{i,j} \frac{\partial x_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l}", "the same with delta^l"),
    ("j_dxdw", r"\frac{\partial x_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l} = \frac{\partial}{\partial w_{m^{\prime},n^{\prime}}^l}\left( \sum_{m} \sum_{n} w_{m,n}^{l}o_{i+m, j+n}^{l-1} + b^l \right)", "the forward substituted"),
    ("j_dxdw_o", r"o_{i+m^{\prime},j+n^{\prime}}^{l-1}", "dx_ij/dw_m'n' = o_{i+m', j+n'}"),
    ("j_dw", r"\delta^{l}_{i,j} o_{ i + m^{\prime}, j + n^{\prime}}^{l-1}", "kernel gradient (eq. 13)"),
    ("j_dw_rot", r"\text{rot}_{180^\circ} \left\{ \delta^{l}_{i,j} \right\} \ast  o_{m^{\prime},n^{\prime}}^{l-1}", "eq. 14: rot180(delta) truly convolved (eq. 2) with o reads o and the rotated delta at shifted indices, some below 0; right: the cross-correlation of o with delta (eq. 13)"),
    ("j_dx17a", r"\frac{\partial E}{\partial x_{i'-m, j'-n}^{l+1}}\frac{\partial x_{i'-m, j'-n}^{l+1}}{\partial x_{i',j'}^l}", "the sum over the whole kernel names x^{l+1}_{i'-m, j'-n} at i'-m < 0 (or past the output), which does not exist (no padding is said); right: only the outputs that exist"),
    ("j_dx17b", r"\delta^{l+1}_{i'-m, j'-n} \frac{\partial x_{i'-m, j'-n}^{l+1}}{\partial x_{i',j'}^l}", "the same with delta^{l+1}"),
    ("j_dx20", r"\delta^{l+1}_{i^{\prime} - m,j^{\prime} - n} w_{m,n}^{l+1} f'\left(x_{i',j'}^{l}\right)", "eq. 20: delta^{l+1}_{i'-m, j'-n} at indices that do not exist at the border; right with delta zero outside (full correlation)"),
    ("j_dx21", r"\text{rot}_{180^\circ} \left\{ \sum_{m = 0}^{k_1 - 1} \sum_{n = 0}^{k_2 - 1} \delta^{l+1}_{i^{\prime} + m,j^{\prime} + n} w_{m,n}^{l+1} \right\}", "eq. 21: the sliding sum of delta^{l+1} with w reads delta^{l+1}_{i'+m} past its end for most i' of layer l; its rot180 is not the gradient"),
    ("j_dx22", r"\delta^{l+1}_{i',j'} \ast \text{rot}_{180^\circ} \left\{ w_{m,n}^{l+1} \right\}", "eq. 22: delta truly convolved (eq. 2) with the rotated kernel flips twice: sum delta_{i'-m} w_{k-1-m}; right: delta * w (true convolution, zero outside)"),
]
JEF_DIRS = [
    ("## Backpropagation: the weights",
     "<!-- symbp: layer=conv2d input=6x7 kernel=2x3 conv=true index_base=0 names: o^{l-1}=input w^l=kernel x^l=output E=loss -->"),
    ("## Backpropagation: the deltas",
     "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 conv=true index_base=0 names: o^l=input w^{l+1}=kernel x^{l+1}=output E=loss -->"),
]
JEF_EXCL = [
    (r"(I \otimes K)_{ij}", "definition (cross-correlation)"),
    (r"I(i-m, j-n)K(m,n)", "definition (convolution)"),
    (r"\sum_{c = 1}^{C} K_{m,n,c} \cdot I_{i+m, j+n, c} + b", "definition (several channels)"),
    (r"K_{m,n} \cdot I_{i+m, j+n} + b \tag {5}", "definition (one channel)"),
    (r"x_{i,j}^l = \sum_{m}\sum_{n} w_{m,n}^l o_{i + m,j + n}^{l-1} + b^l", "forward definition"),
    (r"o_{i,j}^l = f(x_{i,j}^{l})", "forward definition"),
    (r"\text{rot}_{180^\circ} \left\{ w_{m,n}^l \right\} \ast o_{i,j}^{l-1} + b_{i,j}^l", "forward definition (eqs. 6-8)"),
    (r"\frac{1}{2}\sum_{p} \left(t_p - y_p \right)^2", "loss definition"),
    (r"w_{0,0}^{l} o_{ i + 0, j + 0}^{l-1} + \dots", "the expansion with dots (intermediate rows of eq. 12; its last row is scored)"),
    (r"\frac{\partial E}{\partial x_{i,j}^{l}} \tag {15}", "definition"),
    (r"\sum_{i,j \in Q}", "a sum over the region Q of the figure (a set), eq. 16"),
    (r"\sum_{m'} \sum_{n'} w_{m', n'}^{l+1} o_{i' - m + m',j' - n + n'}^{l}", "eq. 18: holds only where i'-m, j'-n index an output (the region Q of the prose)"),
    (r"f\left(x_{ 0 - m + m', 0 - n + n'}^{l}\right)", "eq. 19: holds only where i'-m, j'-n index an output"),
]

YCONV = [
    ("y_w_chain", r"= \sum_i \sum_j \frac {\partial L} {\partial z^l_{d,i,j}} * \frac {\partial z^l_{d,i,j}} {\partial W_{m,n,c,d}^{l-1}}", "chain rule over the outputs of channel d (stride 1)"),
    ("y_w_sub", r"=\sum_i \sum_j \delta^l_{d,i,j} * \frac {\partial ( \sum_{c=1}^{C^{l-1}}\sum_{m=0}^{k_1^{l-1}-1} \sum_{n=0}^{k_2^{l-1}-1} W_{m,n,c,d}^{l-1} z_{c,i+m,j+n}^{l-1}", "the forward substituted"),
    ("y_w", r"=\sum_i \sum_j \delta^l_{d,i,j} * z^{l-1}_{c,i+m,j+n}", "kernel gradient"),
    ("y_b", r"\frac {\partial L} {\partial b^{l-1}_d} =\sum_i \sum_j \delta^l_{d,i,j}", "bias gradient"),
    ("y_dx", r"\delta^{l-1}_{c,i,j}=\sum_{d=1}^{C^l}\sum_{m=0}^{k_1^{l-1}-1} \sum_{n=0}^{k_2^{l-1}-1}rot_{180^\circ} W^{l-1}_{m,n,c,d}p\delta^{l}_{d,i+m,j+n}", "input gradient: the zero-ringed delta slid with the turned kernel, summed over output channels"),
    ("y_ws_sub", r"W_{m,n,c,d}^{l-1} pz_{c,i \cdot s_1^{l-1}+m,j \cdot s_2^{l-1}+n}^{l-1} + b^{l-1}_d  )}", "padded, strided: the forward substituted"),
    ("y_ws", r"=\sum_i \sum_j \delta^l_{d,i,j} * pz_{c,i \cdot s_1^{l-1}+m,j \cdot s_2^{l-1}+n}^{l-1}", "padded, strided: kernel gradient"),
    ("y_dpz", r"\frac {\partial L} {\partial pz^{l-1}_{c,i,j}}=\sum_{d=1}^{C^l}", "gradient of the padded input: the dilated, zero-ringed delta slid with the turned kernel"),
    ("y_crop", r"\delta^{l-1}_c=(\frac {\partial L} {\partial pz^{l-1}_{c,i,j}})_{p_1^{l-1} \le i < H^{l-1} + p_1^{l-1},p^{l-1}_2 \le j < \hat W^{l-1}+p_2^{l-1}}", "the input's gradient is the padded one cropped"),
    ("y_crop_sum", r"=(\sum_{d=1}^{C^l}\sum_{m=0}^{k_1^{l-1}-1} \sum_{n=0}^{k_2^{l-1}-1}rot_{180^\circ} W^{l-1}_{m,n,c,d}p\delta^{l_{padding}}_{d,i+m,j+n})", "the same, written out"),
]
YCONV_DIRS = [
    ("The kernel $W^{l-1}$ has shape",
     "<!-- symbp: layer=conv2d input=5x6 kernel=3x2 channels=2,3 conv=cross index_base=0 names: z^{l-1}=input W^{l-1}=kernel z^l=output L=loss layout: z^{l-1}=CHW W^{l-1}=HWIO z^l=CHW -->"),
    ("## 有padding、步长不为1 (second note: padding and stride)",
     "<!-- symbp: layer=conv2d input=5x6 kernel=3x2 channels=2,3 stride=2 padding=1 conv=cross index_base=0 names: z^{l-1}=input W^{l-1}=kernel z^l=output L=loss layout: z^{l-1}=CHW W^{l-1}=HWIO z^l=CHW -->"),
]
YCONV_EXCL = [
    (r"W_{m,n,c,d}^{l-1} z_{c,i+m,j+n}^{l-1} + b^{l-1}_d  & i \in [0,H^l-1]", "forward definition"),
    (r"rot_{180^\circ} W^{l-1}_{m,n,c,d}p\delta^{l}_{d,i+m,j+n}  \tag 7", "an expression (one channel's share), no equation"),
    (r"p\delta^l_{d,i,j}=\begin{cases}", "definition of the zero-ringed delta"),
    (r"W_{m,n,c,d}^{l-1} pz_{c,i \cdot s_1^{l-1}+m,j \cdot s_2^{l-1}+n}^{l-1} + b^{l-1}_d  & i \in", "forward definition (padded, strided)"),
]

YPOOL = [
    ("p_max5", r"=\sum_{(i,j) \in I(c,a,b)} \delta_{c,i,j}^l", "max pooling: each padded input gets the gradients of the windows whose maximum it is"),
    ("p_max6a", r"\delta_{c}^{l-1}=( \frac {\partial L} {\partial pz_{c,a,b}^{l-1} })_{p_1^{l-1} \le a < H^{l-1}+p_1^{l-1};\ p_2^{l-1} \le b<\hat W^{l-1}+p_2^{l-1}}", "the input's gradient is the padded one cropped"),
    ("p_max6b", r"=(\sum_{(i,j) \in I(c,a,b)} \delta_{c,i,j}^l)_{p_1^{l-1}", "the same, written out"),
    ("p_avg9a", r"\delta_{c}^{l-1}=(\frac {\partial L} {\partial pz_{c,m,n}^{l-1} } )_{p_1^{l-1} \le m < H^{l-1}+p_1^{l-1};\ p_2^{l-1} \le n<\hat W^{l-1}+p_2^{l-1}}", "average pooling: the padded gradient cropped"),
    ("p_avg9b", r"=(\sum_i\sum_j\delta_{c,i,j}^l/(k_1^{l-1}\cdot k_2^{l-1}) )", "with (i, j) in the range (8): its lower bound floor((m-k+1)/s) adds windows that do not cover m (m = 2, k = 2, s = 2 adds i = 0); right: ceil((m-k+1)/s) <= i <= floor(m/s), within the output"),
    ("p_gmax10", r"\delta_{c,i,j}^{l-1}=\begin{cases}", "global max pooling: the gradient goes to the channel's maximum"),
    ("p_gavg12", r"\delta_{c,i,j}^{l-1}=\delta^l_c/(H^l \cdot \hat W^{l-1})", "divides by H^l (the output's height, 1) times the input's width; right: delta^l_c / (H^{l-1} \\hat W^{l-1})"),
]
YPOOL_DIRS = [
    ("### Max Pooling\n",
     "<!-- symbp: layer=maxpool input=4x6 kernel=2x2 stride=2 padding=0 index_base=0 names: z^{l-1}=input z^l=output L=loss -->"),
    ("### Average Pooling\n",
     "<!-- symbp: layer=avgpool input=4x6 kernel=2x2 stride=2 padding=0 index_base=0 names: z^{l-1}=input z^l=output L=loss -->"),
    ("### Global Max Pooling\n",
     "<!-- symbp: layer=maxpool input=4x6 kernel=4x6 index_base=0 names: z^{l-1}=input z^l=output L=loss -->"),
    ("### Global Average Pooling\n",
     "<!-- symbp: layer=avgpool input=4x6 kernel=4x6 index_base=0 names: z^{l-1}=input z^l=output L=loss -->"),
]
YPOOL_EXCL = [
    (r"\max_{i\cdot s_1^{l-1} \le m <i\cdot s_1^{l-1}+k_1^{l-1}; j \cdot s_2^{l-1} \le n< j \cdot s_2^{l-1} + k_2^{l-1}} (pz_{c,i,j}^{l-1})", "forward definition (max pooling)"),
    (r"(pz_{c,i,j}^{l-1})/(k_1^{l-1}\cdot k_2^{l-1})", "forward definition (average pooling)"),
    (r"z_c^l=\max_{0 \le m<H^{l-1}; 0 \le n < \hat W^{l-1}}", "forward definition (global max pooling)"),
    (r"(z_{c,i,j}^{l-1})/(H^{l-1}\cdot \hat W^{l-1})", "forward definition (global average pooling)"),
    (r"\frac {\partial z^l_{c,i,j}} {\partial pz^{l-1}_{z,a,b}}", "the chain-rule row of (5) names the channel z, a letter the text never defines"),
    (r"{i\cdot s_1^{l-1}} \le m \le {i\cdot s_1^{l-1}+k_1^{l-1}-1}", "a condition, not a gradient"),
    (r"\lfloor \frac {m-k_1^{l-1}+1} {s_1^{l-1}} \rfloor \le i", "a condition (an index range), not a gradient"),
]

RUM = [
    ("r_sum_k", r"\frac{\partial E}{\partial K^c_{11}} = \sum_{i=1}^{I}\sum_{j=1}^{J}  [\frac{\partial E}{\partial Y^c_{ij}} * \frac{\partial Y^c_{ij}}{\partial K^c_{11}}]", "chain rule over the 2 x 2 outputs"),
    ("r_y11_kxy", r"\frac{\partial Y^c_{11}}{\partial K^c_{xy}} = \frac{\partial (Z^c_{11} * K^c_{11}", "Y_11 written out, differentiated"),
    ("r_y11_k11", r"\frac{\partial Y^c_{11}}{\partial K^c_{11}} = Z^c_{11}", "entry"),
    ("r_y11_k22", r"\frac{\partial Y^c_{11}}{\partial K^c_{22}} = Z^c_{22}", "entry"),
    ("r_y11_z13", r"\frac{\partial Y^c_{11}}{\partial Z^c_{13}} = 0", "entry"),
    ("r_y11_z22", r"\frac{\partial Y^c_{11}}{\partial Z^c_{22}} = K^c_{22}", "entry"),
    ("r_y12_kxy", r"\frac{\partial Y^c_{12}}{\partial K^c_{xy}} = \frac{\partial (Z^c_{11} * K^c_{11}", "Y_12 by K_xy written with Y_11's terms: dY_12/dK_11 = Z_12, not Z_11"),
    ("r_y12_k12", r"\frac{\partial Y^c_{12}}{\partial K^c_{12}} = Z^c_{13}", "entry"),
    ("r_y12_z11", r"\frac{\partial Y^c_{12}}{\partial Z^c_{11}} = 0", "entry"),
    ("r_y12_z23", r"\frac{\partial Y^c_{12}}{\partial Z^c_{23}} = K^c_{22}", "entry"),
    ("r_y21_k21", r"\frac{\partial Y^c_{21}}{\partial K^c_{21}} = Z^c_{31}", "entry"),
    ("r_y21_z22", r"\frac{\partial Y^c_{21}}{\partial Z^c_{22}} = K^c_{12}", "entry"),
    ("r_y22_kxy", r"\frac{\partial Y^c_{22}}{\partial K^c_{xy}} = \frac{\partial (Z^c_{11} * K^c_{11}", "Y_22 by K_xy written with Y_11's terms"),
    ("r_y22_z23", r"\frac{\partial Y^c_{22}}{\partial Z^c_{23}} = K^c_{12}", "entry"),
    ("r_dk11", r"\frac{\partial E}{\partial K^c_{11}} = \frac{\partial E}{\partial Y^c_{11}} * Z^c_{11}", "kernel gradient entry 11"),
    ("r_dk12", r"\frac{\partial E}{\partial K^c_{12}} = \frac{\partial E}{\partial Y^c_{11}} * Z^c_{12}", "kernel gradient entry 12"),
    ("r_dk21", r"\frac{\partial E}{\partial K^c_{21}} = \frac{\partial E}{\partial Y^c_{11}} * Z^c_{21}", "names dE/dY_31 (Y is 2 x 2) and Z_21 for Z_31; right: dE/dY_11 Z_21 + dE/dY_12 Z_22 + dE/dY_21 Z_31 + dE/dY_22 Z_32"),
    ("r_dk22", r"\frac{\partial E}{\partial K^c_{22}} = \frac{\partial E}{\partial Y^c_{11}} * Z^c_{22}", "names dE/dY_31 for dE/dY_21"),
    ("r_da11", r"\frac{\partial E}{\partial A^c_{11}} = \frac{\partial E}{\partial Y^c_{11}} * K^c_{11} *  ReLU'(A^c_{11})", "input gradient entry 11 through the ReLU"),
    ("r_da12", r"\frac{\partial E}{\partial A^c_{12}} = (", "entry 12"),
    ("r_da22", r"\frac{\partial E}{\partial A^c_{22}} = (", "entry 22"),
    ("r_da23", r"\frac{\partial E}{\partial A^c_{23}} = (", "takes ReLU'(A_22) for ReLU'(A_23)"),
    ("r_da33", r"\frac{\partial E}{\partial A^c_{33}} =", "entry 33"),
]
RUM_DIRS = [
    ("## Sumatoria de gradientes (sums of gradients)",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: Z^c=input K^c=kernel Y^c=output E=loss -->"),
]
RUM_EXCL = [
    (r"\frac{\partial E}{\partial X^c_{11}} = \sum_{i=1}^{I}", "X_11 against A_11 and the factor dZ_ij/dA_11 with a free ij: the letters' roles are not settled by the text"),
    (r"Y^c_{11} = Z^c_{11} * K^c_{11} + Z^c_{12} * K^c_{12}", "forward definition (entries)"),
    (r"Y^c_{12} = Z^c_{12} * K^c_{11}", "forward definition (entries)"),
    (r"Y^c_{21} = Z^c_{21} * K^c_{11}", "forward definition (entries)"),
    (r"Y^c_{22} = Z^c_{22} * K^c_{11}", "forward definition (entries)"),
]

UP9 = [
    ("u_dydw", r"\frac{\partial y}{\partial w} = \begin{bmatrix}", "y = x w with x a 1 x 3 row, w a 3 x 1 column: dy/dw is the column x^T"),
    ("u_c1a1", r"\frac{\partial c_1}{\partial a_1} = b_1", "C = AB entry"),
    ("u_c1a2", r"\frac{\partial c_1}{\partial a_2} = b_3", "entry"),
    ("u_c1a3", r"\frac{\partial c_1}{\partial a_3} = 0", "entry"),
    ("u_c1a4", r"\frac{\partial c_1}{\partial a_4} = 0", "entry"),
    ("u_c2a1", r"\frac{\partial c_2}{\partial a_1} = b_2", "entry"),
    ("u_c2a2", r"\frac{\partial c_2}{\partial a_2} = b_4", "entry"),
]
UP9_DIRS = [
    ("To explain the $x^T$", "<!-- symbp: layer=fc in=3 out=1 names: x=input w=kernel y=output -->"),
]
UP9_EXCL = [
    (r"$$ y = w*x + b $$", "forward definition"),
    (r"$$ J(\theta, x, y) $$", "notation"),
    (r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} * \frac{\partial y}{\partial w}", "* is both the convolution and a product in this post, and no sizes are given"),
    (r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial y} * \frac{\partial {(x * w)}}{\partial w}", "as above"),
    (r"c_1 = a_1b_1 + a_2b_3", "forward definition (C = AB entries)"),
]

RPAR = [
    ("m_d2", r"\delta_2 = \frac{\partial L}{\partial z_2} = y_{\text{pred}} - y", "softmax + cross-entropy with a one-hot y"),
    ("m_dW2", r"\frac{\partial L}{\partial W_2} = \delta_2 a_1^T", "output weights"),
    ("m_da1", r"\frac{\partial L}{\partial a_1} = W_2^T \delta_2", "hidden activation"),
    ("m_relu", r"\frac{\partial a_1}{\partial z_1} = \text{diag}(\mathbb{1}_{z_1 > 0})", "the ReLU's Jacobian"),
    ("m_d1", r"\delta_1 = \frac{\partial L}{\partial z_1} = \frac{\partial L}{\partial a_1} \odot \text{diag}(\mathbb{1}_{z_1 > 0})", "an h-vector times an h x h matrix entrywise: the shapes differ; right: (W_2^T delta_2) odot 1_{z_1>0} (a vector) or diag(...) times the vector"),
    ("m_dW1", r"\frac{\partial L}{\partial W_1} = \delta_1 x^T", "hidden weights"),
    ("m_sum_d2", r"\delta_2 = y_{\text{pred}} - y", "summary"),
    ("m_sum_d1", r"\delta_1 = (W_2^T \delta_2) \odot \mathbb{1}_{z_1 > 0}", "summary"),
]
RPAR_DIRS = [
    ("### Gradiente en la Capa de Salida (output layer)",
     "<!-- symbp: layer=fc in=4 out=3 names: a_1=input W_2=kernel z_2=output L=loss -->"),
    ("### Gradiente en la Capa Oculta (hidden layer)",
     "<!-- symbp: layer=fc in=5 out=4 names: x=input W_1=kernel z_1=output L=loss -->"),
]
RPAR_EXCL = [
    (r"y_{\text{pred}, i} = \frac{e^{z_{2,i}}}{\sum_{j=1}^k e^{z_{2,j}}}.", "definition (softmax)"),
    (r"L = -\sum_{i=1}^k y_i \log(y_{\text{pred}, i}),", "definition (loss)"),
    (r"z_1 = W_1 x, \quad a_1 = \text{ReLU}(z_1).", "forward definition"),
    (r"z_2 = W_2 a_1, \quad y_{\text{pred}} = \text{softmax}(z_2).", "forward definition"),
]

JIH = [
    ("h_out_chain", r"\Rightarrow \frac{\partial E}{\partial W_{ij}^L} = \frac{\partial E}{\partial h^L_j}\cdot \frac{\partial h^L_j}{\partial u_j^L}\cdot \frac{\partial u_j^L}{\partial W_{ij}^L}", "output weight: chain through h_j^L and u_j^L (phi entrywise)"),
    ("h_duW", r"= \frac{\partial (\sum_k h_k^{L-1}\cdot W_{kj}^L+b_j^L)}{\partial W_{ij}^L} = h_i^{L-1}", "du_j/dW_ij = h_i"),
    ("h_dW_delta", r"=\delta_j^L h_i^{L-1}", "output weight entry"),
    ("h_db_delta", r"\frac{\partial E}{\partial b_j^L}=\frac{\partial E}{\partial h_j^L}\frac{\partial h_j^L}{\partial u_j^L}=\delta_j^L", "output bias entry"),
    ("h_hid_delta", r"=\sum_{d\in\mathcal{D}_j} \delta_d^{l+1} W_{jd}^{l+1}\cdot \frac{\partial h_j^l}{\partial u_j^l}", "hidden delta (D_j: every node of layer l+1)"),
    ("h_hid_dW", r"=\bigg[ \sum_d \delta_d^{l+1} W_{jd}^{l+1}\bigg]\frac{\partial h_j^l}{\partial u_j^l} h_i^{l-1}", "hidden weight entry"),
    ("h_vec_WL", r"=(h^{L-1})^\top \bigg[\frac{\partial E}{\partial h^L}\odot \phi'(u^L)\bigg]=(h^{L-1})^\top \delta^L", "output weights, vectorized (row vectors)"),
    ("h_vec_bL", r"\frac{\partial E}{\partial b^L} = \frac{\partial E}{\partial h^L}\odot \phi'(u^L)=\delta^L", "output bias, vectorized"),
    ("h_vec_Wl", r"\frac{\partial E}{\partial W^l} = (h^{l-1})^\top \bigg[ \delta^{l+1}(W^{l+1})^\top \odot \phi'(u^l) \bigg]", "hidden weights, vectorized"),
    ("h_vec_bl", r"\frac{\partial E}{\partial b^l}=\delta^{l+1}(W^{l+1})^\top \odot \phi'(u^l)", "hidden bias, vectorized"),
    ("h_vec_delta", r"\delta^l = [\delta^{l+1}W^{l+1}]\odot \phi'(u^l)", "delta^{l+1} (1 x m_{l+1}) times W^{l+1} (m_l x m_{l+1}) is undefined; right: delta^{l+1} (W^{l+1})^T"),
    ("h_mb_W", r"\frac{\partial E}{\partial W^L}=(H^{L-1})^\top \delta^L", "n samples: output weights"),
    ("h_mb_b", r"\frac{\partial E}{\partial b^L} = \boldsymbol{1}^\top \delta^L", "n samples: output bias"),
    ("h_mb_delta", r"\delta^l = \big\{\delta^{l+1}(W^{l+1})^\top\big\}\odot\phi'(U^l)", "n samples: delta recursion"),
]
JIH_DIRS = [
    ("### Backward propagation",
     "<!-- symbp: layer=fc in=4 out=5 names: h^{l-1}=input W^l=kernel u^l=output E=loss -->"),
]
JIH_EXCL = [
    (r"W^l\leftarrow W^l + \eta \frac{\partial E}{\partial W^l}", "update rule"),
    (r"\qquad(\text{where}\quad", "a chain with a parenthesised side equation (the next row restates it)"),
    (r"\delta_j^l = \frac{\partial E}{\partial u_j^l}$$", "definition"),
    (r"\frac{\partial E}{\partial W^L} = \begin{pmatrix}", "the matrix of entries with dots (its entry formula is scored in h_dW_delta)"),
]

XOR = [
    ("s_quot", r"=   \frac{ \frac{\partial}{\partial z_{s}} e^{z_{i}} * (\sum^k_{j=1} e^{z_{j}}) - \frac{\partial}{\partial z_{s}} (\sum^k_{j=1} e^{z_{j}}) * e^{z_{i}}  }{(\sum^k_{j=1} e^{z_{j}})^2}", "quotient rule for d sigma_i / d z_s"),
    ("s_eq", r"= \sigma_i(z) * (1 - \sigma_i(z))", "s = i: sigma_i (1 - sigma_i)"),
    ("s_neq", r"= - \sigma_s(z) \sigma_i(z)", "s != i: -sigma_s sigma_i"),
    ("c_sum", r"= \sum_k^{nclass} \frac{\partial{E}}{\partial{y_k}}  \frac{\partial{y_k}}{\partial{s_i}}", "dE/ds_i as a sum over the softmax outputs"),
    ("c_split", r"= \frac{\partial{E}}{\partial{y_i}}  \frac{\partial{y_i}}{\partial{s_i}} + \sum_{k \neq i}^{nclass}", "the same split at k = i"),
    ("c_x1", r"\frac{\partial{E}}{\partial{X_1}} \frac{\partial{X_1}}{\partial{y_1}} \frac{\partial{y_1}}{\partial{s_i}} = \frac{\partial{E}}{\partial{y_1}}", "dE/dX_1 = 1"),
    ("c_mid", r"= -t_i (1 - y_i) + \sum_{k \neq i} t_k y_i", "intermediate"),
    ("c_final", r"= y_i - t_i", "t a probability vector (sums to 1)"),
    ("l_first", r"\frac{\partial}{\partial z_{s}} L = - \sum^{k}_{i=1} p(x_i) \frac{\partial}{\partial z_{s}} \big( log \ \sigma_i(z) \big )", "derivative through the sum"),
    ("l_eq1", r"= - \sum^{k}_{i=1} p(x_i) \frac{1}{\sigma_i(z)}  \sigma_i(z) * (1 - \sigma_i(z))", "applies the s = i derivative to every i; right: sigma_s(z) - p(x_s)"),
    ("l_eq2", r"= - \sum^{k}_{i=1} p(x_i)  (1 - \sigma_i(z))", "the same"),
    ("l_log", r"= \frac{1}{\sigma_i(z)}", "d log sigma_i / d z_s"),
]
XOR_DIRS = [
    ("## Softmax 函数", "<!-- symbp: layer=softmax classes=4 -->"),
    ("## 交叉熵-Softmax求导 (cross-entropy with softmax)", "<!-- symbp: layer=softmax classes=4 -->"),
]
XOR_EXCL = [
    (r"\sigma(z) = (\sigma_1(z), \cdots,\sigma_k(z))", "definition"),
    (r"\sigma_i(z) = \frac{e^{z_{i}}}{\sum^k_{j=1} e^{z_{j}}}, \ i \in 1 \cdots k", "definition"),
    (r"y_i = \frac{e^{s_i}}{\sum^{nclass}_{c} e^{s_c}}", "definition"),
    (r"E = - \sum^{nclass}_k t_k \ log (y_k)", "definition"),
    (r"L = - \sum^{k}_{i=1} p(x_i)  log \ q(x_i)", "definition"),
    (r"L = -log \ \sigma_i(z)", "definition (one-hot label)"),
    (r"L' = -log' \big( \sigma_i(z) \big) \ \sigma_i(z)'", "primes with no variable named (the derivative by what is not said)"),
]

TABLE = {
    "jefkine_conv_backprop.md": ("jef", JEF, JEF_DIRS, JEF_EXCL),
    "yizt_conv_channels_stride_zh.md": ("yconv", YCONV, YCONV_DIRS, YCONV_EXCL),
    "yizt_pooling_zh.md": ("ypool", YPOOL, YPOOL_DIRS, YPOOL_EXCL),
    "rumhub_tfg_conv_es.md": ("rum", RUM, RUM_DIRS, RUM_EXCL),
    "up9rade_conv_im2col.md": ("up9", UP9, UP9_DIRS, UP9_EXCL),
    "rparedes_mlp_softmax_es.md": ("rpar", RPAR, RPAR_DIRS, RPAR_EXCL),
    "jihwan_fc_backprop.md": ("jih", JIH, JIH_DIRS, JIH_EXCL),
    "xor_softmax_ce_zh.md": ("xor", XOR, XOR_DIRS, XOR_EXCL),
}
