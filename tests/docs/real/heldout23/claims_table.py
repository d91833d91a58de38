"""The twenty-third held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout23.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

ZHB = [
    ("fc_dl", r"\Rightarrow \frac{\partial E}{\partial z_l} = diag(\sigma_l'(z_l))E'", "l_l = sigma_l(z_l) entrywise, E' = dE/dl_l: dE/dz_l = diag(sigma_l'(z_l)) E' (checked with sigmoid and tanh, drawn losses)"),
    ("fc_jac", r"\Rightarrow \frac{\partial z_i}{\partial z_{i-1}} = diag(\sigma_{i-1}'(z_{i-1}))w_i^T", "z_i = w_i sigma_{i-1}(z_{i-1}) + b_i, the derivative read in the post's own layout (the one its next display uses, delta_{i-1} = (dz_i/dz_{i-1}) delta_i: entry [j, k] = d z_{i,k} / d z_{i-1,j}, the transposed Jacobian): diag(sigma'(z_{i-1})) w_i^T"),
    ("fc_delta", r"= diag(\sigma_{i-1}'(z_{i-1}))w_i^T\delta_i", "delta_i = dE/dz_i: delta_{i-1} = diag(sigma_{i-1}'(z_{i-1})) w_i^T delta_i, every member"),
    ("fc_dw", r"\Rightarrow \frac{\partial E}{\partial w_{l-k}} = \delta_{l-k}l_{l-k-1}^T", "one sample, w in R^{O x I}: dE/dw = delta l_{prev}^T (outer product), every layer"),
    ("fc_db", r"\Rightarrow \frac{\partial E}{\partial b_{l-k}} = \delta_{l-k}", "dE/db = delta, every layer"),
    ("conv_dI", r"\frac{\partial E}{\partial I} = padpad(\delta_O) \star rot_{180}trans(W)", "O = I star W (cross-correlation, padding P, stride S, C_i -> C_o channels, W of H_k x W_k x C_o x C_i), padpad = (S-1) zeros between entries and H_k-P-1 zeros outside, rot_{180}trans(W)_{i,j,k,l} = W_{H_k-i+1,W_k-j+1,l,k}, star its valid cross-correlation summing the C_o channels: this gives dE/dI exactly when S divides H+2P-H_k (checked S = 1, 2 with P = 0, 1 and 2 channels each way); the post's own output size ceil((H+2P-H_k+1)/S) allows other sizes, and there padpad(delta_O) is one row (column) short, so the result has H-1 rows instead of H (H = 6, H_k = 3, P = 0, S = 2: 5 rows): refuted for the forgotten extra zero row/column of the last unreached input row"),
    ("conv_delta", r"\delta_{i} = padpad(\delta_{i+1}) \star rot_{180}trans(w_{i+1}) \odot\sigma_{i}'(z_i)", "the same rule times sigma'(z_i) entrywise (z_{i+1} = sigma(z_i) star w_{i+1} + b): holds where S divides H+2P-H_k, one row/column short otherwise (same sizes as conv_dI): refuted"),
    ("conv_dw", r"\frac{\partial E}{\partial w_i} = padpad(\delta_i) \star rot_{180}trans(l_{i-1})", "the true gradient is dE/dw[u,v,o,c] = sum_{p,q} delta[p,q,o] lpad[pS+u, qS+v, c] (the padded input correlated with the dilated delta); padpad(delta_i) star rot_{180}(l_{i-1}) at (u, v) pairs delta_p with l at H-H_k+P-pS+u instead of pS+u-P, the input turned around; with one channel, S = 1, P = 0 on a 5x5 input and 3x3 kernel it already differs from autograd: refuted (the derivation drops the outer rot_{180} it started with)"),
    ("conv_db", r"\frac{\partial E}{\partial b_i} = \delta_{i}", "convolution layer with b_i in R^{C_i}, one bias per output channel added at every position (the post's own shapes): dE/db_i = sum over the positions of delta_i, a C_i-vector; delta_i itself is an H x W x C_i tensor: refuted (the fully connected rule carried over without the sum)"),
]
ZHB_DIRS = [
    ("## 全连接层的反向传播\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: l_{i-1}=input l_{l-k-1}=input w_i=kernel w_{l-k}=kernel b_i=bias b_{l-k}=bias z_i=output z_{l-k}=output z_l=output l_l=activation E=loss -->"),
    ("## 卷积层的反向传播\n", "<!-- symbp: layer=conv2d input=HxW kernel=KxK stride=s padding=p channels=2,3 conv=cross index_base=1 names: I=input l_{i-1}=input W=kernel w_i=kernel w_{i+1}=kernel b_i=bias O=output z_i=output z_{i+1}=output \\delta_O=output_grad E=loss layout: I=HWC W=HWOI O=HWC -->"),
]
ZHB_EXCL = [
    (r"\delta_{i} = \frac{\partial E}{\partial z_i} &= diag(\sigma_i'(z_i))w_{i+1}^T\delta_{i+1}", "the fully connected summary restates the rows above"),
    (r"\delta_l &= \frac{\partial E}{\partial z_l} = diag(\sigma_l'(z_l))E'\\", "definition of delta, with the first row above restated"),
    (r"&= \frac{\partial z_{i+1}}{\partial z_i}\frac{\partial E}{\partial z_{i+1}}", "the chain rule with the convolution's Jacobian left unstated"),
    (r"\frac{\partial E}{\partial w_i} &= rot_{180}(padpad(rot_{180}(\delta_i)) \star rot_{180}trans(rot_{180}(l_{i-1})))\\", "the derivation of the next display (scored there)"),
    (r"\delta_{i-1} &= padpad(\delta_i) \star rot_{180}trans(w_i) \odot\sigma_{i-1}'(z_{i-1})\\", "restates conv_delta in the core formulas"),
    (r"M\odot upsample(\delta_i) &如果第i层是池化层", "the closing summary restates the rows above; the pooling row's M and upsample are defined in words only"),
]

LHZ = [
    ("lh_dw", r"= \sum_{k=1}^{K} \sum_{l=1}^L x_{k+m-1,l+n-1} \frac{\partial f(\mathbf Z)}{\partial z_{kl}}", "Z = W * X, z_{kl} = sum_{m,n} w_{mn} x_{k+m-1,l+n-1} (1-based cross-correlation, definition 24.1), f any function of Z: df/dw_{mn} = sum_{k,l} (dz_{kl}/dw_{mn}) df/dz_{kl} = sum_{k,l} x_{k+m-1,l+n-1} df/dz_{kl}, every member"),
    ("lh_dW", r"\frac{\partial f(\mathbf Z)}{\partial \mathbf W} = \frac{\partial f(\mathbf Z)}{\partial Z} * \mathbf X", "* the notes' cross-correlation with its first operand as the kernel: (dF/dZ * X)_{mn} = sum_{k,l} dF/dz_{kl} x_{m+k-1,n+l-1} = dF/dW (an M x N matrix)"),
    ("lh_dx", r"w_{i-k+1,j-1+1} \frac{\partial f(\mathbf Z)}{\partial z_{kl}}", "the row as written: the second index of w is j-1+1 = j, not j-l+1; df/dx_{ij} = sum_{k,l} w_{i-k+1,j-l+1} df/dz_{kl} (w zero outside 1..M, 1..N), while the row gives sum_{k,l} w_{i-k+1,j} df/dz_{kl}: refuted (the typo changes the value; with j-l+1 the row would hold)"),
    ("lh_dX", r"\frac{\partial f(\mathbf Z)}{\partial \mathbf X} = \mathrm{rot180}\left(\frac{\partial f(\mathbf Z)}{\partial \mathbf Z} \right) * \mathbf W = \mathrm{rot180}(\mathbf W)*\frac{\partial f(\mathbf Z)}{\partial \mathbf Z}", "* the notes' cross-correlation (kernel first) applied to the second operand fully padded (M-1, N-1 or K-1, L-1 zeros), as the sentence after the display says: rot180(dF/dZ) * full-pad(W) and rot180(W) * full-pad(dF/dZ) are both the I x J matrix dF/dX, every member"),
    ("lh_pool", r"= \frac{\partial a}{\partial \mathbf Z_k^{(l-1)}} \odot \mathrm{up\_sample} \left(\delta_k^{ (l)} \right)", "X^{(l-1)} = a(Z^{(l-1)}) entrywise, Z^{(l)} = pooling(X^{(l-1)}) over disjoint M x N windows (definition 24.2), up_sample as the prose defines it (max pooling: each delta to the window's maximum; mean pooling: delta/(MN) to each entry): dL/dZ^{(l-1)} = a'(Z^{(l-1)}) entrywise up_sample(delta^{(l)}), every member (checked for max and mean pooling, sigmoid and tanh, distinct drawn values)"),
]
LHZ_DIRS = [
    ("## 2.1 卷积导数\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=1 names: \\mathbf X=input x=input \\mathbf W=kernel w=kernel \\mathbf Z=output Z=output z=output f=loss -->"),
    ("## 2.2.2 汇聚层\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=1 names: \\mathbf X_k^{(l-1)}=input \\mathbf Z_k^{(l)}=output L=loss -->"),
]
LHZ_EXCL = [
    (r"\mathbf Y = \mathbf W * \mathbf X", "forward definition"),
    (r"y_{kl} = \sum_{m=1}^M \sum_{n=1}^N w_{m,n}x_{k+m-1,l+n-1}", "forward definition"),
    (r"\delta_{k}^{(l)} = \frac{\partial L}{\partial \mathbf Z_{k}^{(l)}}", "definition of delta"),
    ("\\delta_k^{(l-1)} = \\frac{\\partial L}{\\partial \\mathbf Z_k^{(l-1)}}\n$$", "definition of delta"),
]

JAP = [
    ("ja_eq1", r"\partial w_{ij}=\frac{\partial E}{\partial w_{ij}}=\frac{\partial E}{\partial u_j}\frac{\partial u_j}{\partial w_{ij}}", "u_j = sum_p y_p w_{pj} + b_j, y_j = f(u_j), E a drawn function of the layer's outputs y_j: dE/dw_{ij} = (dE/du_j)(du_j/dw_{ij}), \\partial w_{ij} the author's name for dE/dw_{ij}"),
    ("ja_eq2", r"\frac{\partial (\sum\limits_{p=1}^ly_pw_{pj} + b_j)}{\partial w_{ij}}", "du_j/dw_{ij} = y_i, every member (the written-out sum included)"),
    ("ja_eq3", r"\frac{\partial E}{\partial u_j} = \frac{\partial E}{\partial y_j}\frac{\partial y_j}{\partial u_j}", "y_j = f(u_j) elementwise: dE/du_j = (dE/dy_j)(dy_j/du_j)"),
    ("ja_eq4", r"\delta_{j}=\frac{\partial E}{\partial u_j} = \partial y_j\frac{\partial y_j}{\partial u_j}", "\\partial y_j = dE/dy_j (the output layer's result): delta_j = dE/du_j = \\partial y_j dy_j/du_j"),
    ("ja_dw", r"\partial w_{ij}=y_i\delta_{j}", "dE/dw_{ij} = y_i delta_j (w_{ij} from input i to middle neuron j)"),
    ("ja_eq5", r"\partial b_j=\frac{\partial E}{\partial b_j}=\frac{\partial E}{\partial u_j}\frac{\partial u_j}{\partial b_j}", "dE/db_j = (dE/du_j)(du_j/db_j)"),
    ("ja_dudb", r"\frac{\partial (\sum\limits_{p=1}^l y_p w_{pj} + b_j)}{\partial b_j}", "du_j/db_j = 1, every member"),
    ("ja_db", r"\partial b_j=\delta_{j}", "dE/db_j = delta_j"),
    ("ja_dy", r"\partial y_i =  \sum_{q=1}^m \delta_q w_{iq}", "y_i the input of this layer (output of a layer below): dE/dy_i = sum_q delta_q w_{iq}, q over the m middle neurons"),
    ("ja_sig", r"f'(x)=(1-f(x))f(x)", "f the sigmoid: f' = (1 - f) f"),
    ("ja_dydu", r"= (1-y_j)y_j", "y_j = sigmoid(u_j): dy_j/du_j = (1 - y_j) y_j"),
    ("ja_delta", r"\delta_{j} = \partial y_j(1-y_j)y_j", "delta_j = (dE/dy_j)(1 - y_j) y_j"),
]
JAP_DIRS = [
    ("## ●中間層の勾配\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: y_i=input y_p=input w=kernel b=bias u=output y_j=activation E=loss -->"),
    ("## ●活性化関数の適用\n", "<!-- symbp: layer=activation name=sigmoid names: u=input x=input y=output f=activation E=loss -->"),
]
JAP_EXCL = [
    (r"$$\delta_{j} = \partial y_j\frac{\partial y_j}{\partial u_j}$$", "(式 6) repeats (式 4)"),
    ("$$ \\partial w_{ij}=y_i\\delta_{j} $$\n$$ \\partial b_j=\\delta_{j} $$ ", "the closing summary repeats the results above"),
    (r"$$ \partial y_i =  \sum_{q=1}^m \delta_q w_{iq} $$ ", "the closing summary repeats the results above"),
]

KOR = [
    ("ko_chain", "\\frac{\\partial z}{\\partial x} = \\frac{\\partial z}{\\partial t}\\frac{\\partial t}{\\partial x}", "z = t^2, t = x + y: dz/dx = (dz/dt)(dt/dx)"),
    ("ko_parts", r"\frac{\partial t}{\partial x} = 1", "t = x + y, z = t^2: dt/dx = 1 and dz/dt = 2t (both rows)"),
    ("ko_total", r"= 2t * 1 = 2(x+y)", "dz/dx = 2t * 1 = 2(x + y), every member"),
    ("ko_add", r"\frac{\partial z}{\partial x} = 1", "z = x + y: dz/dx = 1, dz/dy = 1"),
    ("ko_mul", r"\frac{\partial z}{\partial x} = y", "z = x y: dz/dx = y, dz/dy = x"),
    ("ko_relu", r"1\ (x > 0)", "y = ReLU(x): dy/dx = 1 for x > 0, 0 for x < 0 (checked away from 0; at 0 the row's 0 is the usual convention)"),
    ("ko_div", r"\frac{\partial y}{\partial x} = -\frac{1}{x^2} = -y^2", "the '/' node y = 1/x: dy/dx = -1/x^2 = -y^2"),
    ("ko_exp", r"\frac{\partial y}{\partial x} = exp(x)", "the exp node y = exp(x): dy/dx = exp(x)"),
    ("ko_sig", r"= \frac{\partial L}{\partial y}y(1-y)", "y = 1/(1 + exp(-x)): dL/dy y^2 exp(-x) = dL/dy (1/(1+exp(-x))^2) exp(-x) = ... = dL/dy y (1 - y), every member equal to dL/dx (autograd, drawn upstream gradients)"),
]
KOR_DIRS = [
    ("### 덧셈 노드의 역전파\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input y=bias z=output L=loss -->"),
    ("### 곱셈 노드의 역전파\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input y=kernel z=output L=loss -->"),
    ("### ReLU 계층\n", "<!-- symbp: layer=activation name=relu names: x=input y=output L=loss -->"),
    ("### Sigmoid 계층\n", "<!-- symbp: layer=activation name=sigmoid names: x=input y=output L=loss -->"),
]
KOR_EXCL = [
    (r"x\ (x > 0)", "definition of ReLU"),
    (r"y = \frac{1}{1+exp(-x)}", "definition of the sigmoid"),
]

ENG = [
    ("en_dW", r"\frac{\partial \mathcal{L}}{\partial W} = X * \frac{\partial \mathcal{L}}{\partial Y}", "Y = X * W + b with * the forward's operation, the cross-correlation the 1D example writes (Y_{ij} = sum_{m,n} X_{i+m,j+n} W_{mn}), valid: (X * dL/dY)_{mn} = sum_{i,j} X_{i+m,j+n} dL/dY_{ij} = dL/dW (k x k)"),
    ("en_db", r"\frac{\partial \mathcal{L}}{\partial b} = \sum_{i,j} \frac{\partial \mathcal{L}}{\partial Y_{i,j}}", "one scalar bias added at every position: dL/db = sum_{i,j} dL/dY_{ij}"),
    ("en_dX", r"\frac{\partial \mathcal{L}}{\partial X} = \frac{\partial \mathcal{L}}{\partial Y} * \text{rot180}(W)", "* the same cross-correlation, in the size that gives X back (full: dL/dY padded by k-1), as the note's remark reads (correlating with the turned filter is the true convolution with W): (dL/dY *_full rot180(W))_{rc} = sum_{m,n} dL/dY_{r-m,c-n} W_{mn} = dL/dX; holds (read with * a true convolution it would flip the kernel twice)"),
    ("en_1d", r"\frac{\partial \mathcal{L}}{\partial w_j} = \sum_i \frac{\partial \mathcal{L}}{\partial y_i} \cdot x_{i+j}", "y_i = sum_j x_{i+j} w_j (valid): dL/dw_j = sum_i dL/dy_i x_{i+j}"),
    ("en_relu", r"\frac{\partial \mathcal{L}}{\partial x} = \begin{cases}", "y = ReLU(x): dL/dx = dL/dy where x > 0, 0 otherwise (checked away from 0)"),
]
ENG_DIRS = [
    ("**Mathematics of Backpropagation in CNNs**\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output \\mathcal{L}=loss -->"),
    ("**Example: 1D Case.**", "<!-- symbp: layer=conv1d input=6 kernel=3 conv=cross index_base=0 names: x=input w=kernel y=output \\mathcal{L}=loss -->"),
    ("- **ReLU:**\n", "<!-- symbp: layer=activation name=relu names: x=input y=output \\mathcal{L}=loss -->"),
]
ENG_EXCL = [
    (r"\theta \leftarrow \theta - \eta \cdot \frac{\partial \mathcal{L}}{\partial \theta}", "update rule"),
]

RUS = [
    ("ru_lin", r"\frac{\partial (\mathbf{a}^T \mathbf{x})}{\partial \mathbf{x}} = \mathbf{a}", "scalar by vector, the section's table: the n x 1 gradient; d(a^T x)/dx = a"),
    ("ru_quad", r"= (W + W^T) \mathbf{x}", "d(x^T W x)/dx = (W + W^T) x, W square, drawn non-symmetric"),
    ("ru_sym", r"= 2W\mathbf{x}", "W symmetric: d(x^T W x)/dx = 2 W x"),
    ("ru_norm", r"= 2\mathbf{x}", "d||x||^2/dx = d(x^T x)/dx = 2x, every member"),
    ("ru_Wx", r"\frac{\partial (W\mathbf{x})}{\partial \mathbf{x}} = W^T", "vector by vector in the section's own table: y in R^m by x in R^n is the m x n Jacobian, so d(Wx)/dx = W (m x n); W^T is n x m (the denominator layout the table does not use): refuted (for m != n the shapes differ; for m = n the entries differ)"),
    ("ru_aWx", r"\frac{\partial (\mathbf{a}^T W \mathbf{x})}{\partial W} = \mathbf{a} \mathbf{x}^T", "scalar by matrix (m x n, the table): d(a^T W x)/dW = a x^T"),
    ("ru_dW", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \mathbf{z}} \cdot \mathbf{x}^T", "z = W x + b, L any loss of z (gradient columns): dL/dW = dL/dz x^T"),
    ("ru_dx", r"\frac{\partial L}{\partial \mathbf{x}} = W^T \cdot \frac{\partial L}{\partial \mathbf{z}}", "dL/dx = W^T dL/dz (the n x 1 gradient)"),
    ("ru_db", r"\frac{\partial L}{\partial \mathbf{b}} = \frac{\partial L}{\partial \mathbf{z}}", "dL/db = dL/dz"),
    ("ru_mse", r"\frac{\partial L}{\partial \mathbf{y}_{pred}} = \frac{2}{n}(\mathbf{y}_{pred} - \mathbf{y}_{true})", "L = (1/n) sum_i (y_pred_i - y_true_i)^2: dL/dy_pred = (2/n)(y_pred - y_true)"),
]
RUS_DIRS = [
    ("### 2. Матрично-векторное умножение\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input W=kernel -->"),
    ("### Пример 1: Линейный слой\n", "<!-- symbp: layer=fc in=5 out=3 weight=out-in names: \\mathbf{x}=input W=kernel \\mathbf{b}=bias \\mathbf{z}=output L=loss -->"),
]
RUS_EXCL = [
    (r"\frac{\partial y}{\partial \mathbf{x}} = \frac{\partial y}{\partial \mathbf{z}} \cdot \frac{\partial \mathbf{z}}{\partial \mathbf{x}}", "the chain rule for general f and g (no layer); with the table's shapes its factors would not multiply as written, which cannot be settled without a layout the section does not fix for this row"),
]

TABLE = {
    "hexo_cnn_bp_padpad_zh.md": ("zhb", ZHB, ZHB_DIRS, ZHB_EXCL),
    "lihang_cnn_obsidian_zh.md": ("lhz", LHZ, LHZ_DIRS, LHZ_EXCL),
    "taji99_middle_layer_grad_ja.md": ("jap", JAP, JAP_DIRS, JAP_EXCL),
    "vorschlag_bpoe_graph_ko.md": ("kor", KOR, KOR_DIRS, KOR_EXCL),
    "training_cnn_rot180_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "seminar_matrix_calculus_ru.md": ("rus", RUS, RUS_DIRS, RUS_EXCL),
}
