"""The fifty-eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout58.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- kyoheyyy_backprop_cheatsheet_ja
KYO = [
    ("add", r"\frac{dL}{da} = \frac{dL}{dy}, \quad \frac{dL}{db} = \frac{dL}{dy}",
     "the addition node y = a + b (the page's figure; the heading says 加算ノード): dL/da = dL/dy and dL/db = dL/dy; holds (scalars and vectors, a drawn non-linear loss of y)"),
    ("mul", r"\frac{dL}{da} = b \cdot \frac{dL}{dy}, \quad \frac{dL}{db} = a \cdot \frac{dL}{dy}",
     "the product node y = a b (積ノード), scalars: dL/da = b dL/dy, dL/db = a dL/dy; holds"),
    ("act_vec", r"\frac{dL}{dz} = \frac{dL}{dy} \odot f'(z)",
     "y = f(z) entrywise on a vector z: dL/dz = dL/dy entrywise f'(z); holds (f = sigmoid, tanh, ReLU)"),
    ("matmul", r"\frac{dL}{dA} = \frac{dL}{dY} B^T, \quad \frac{dL}{dB} = A^T \frac{dL}{dY}",
     "the matrix product Y = A B (the heading 行列積; the figure holds the forward), dL/dY of Y's shape: dL/dA = dL/dY B^T and dL/dB = A^T dL/dY; holds (A 2x3 / B 3x4, A 4x2 / B 2x5)"),
    ("aff_delta", r"\delta = \frac{dL}{dz} = \frac{dL}{dy} \odot f'(z)",
     "the Affine layer z = W x + b, y = f(z) (column vectors): delta = dL/dz = dL/dy entrywise f'(z); holds"),
    ("aff_grads", r"\frac{dL}{dW} = \delta x^T, \quad",
     "the whole display: dL/dW = delta x^T (out x in, like W), dL/db = delta, dL/dx = W^T delta; all three hold (3 -> 2, 4 -> 5, 2 -> 3; f = tanh, sigmoid)"),
    ("mb_dW", r"\frac{dL}{dW} = \frac{1}{N} \Delta X^T",
     "mini-batch of N samples as the columns of X, L the mean of the per-sample losses ('平均を取る'), Delta the matrix whose columns are the single-sample deltas delta^{(n)} = dL_n/dz^{(n)} (the page's single-sample delta, the same delta^{(n)} its next row sums): dL/dW = (1/N) Delta X^T; holds (N = 4, 3, 6)"),
    ("mb_db", r"\frac{dL}{db} = \frac{1}{N} \sum_{n=1}^N \delta^{(n)}",
     "same reading: dL/db = (1/N) sum_n delta^{(n)}; holds"),
    ("mb_dX", r"\frac{dL}{dX} = W^T \Delta",
     "same reading (Delta the per-sample deltas, L the mean, as the two rows above require): dL/dX = (1/N) W^T Delta, so W^T Delta is N times the gradient; refuted for N >= 2 (the row would hold only if Delta were dL/dZ of the mean loss, under which the dW row's 1/N would be wrong)"),
]
KYO_DIRS = [
    ("## 基本原則:チェインルール\n", "<!-- symbp: layer=activation name=identity names: a=input y=output L=loss -->"),
    ("## ベクトルの場合\n", "<!-- symbp: layer=activation name=relu names: z=input y=output L=loss -->"),
    ("## 活性化関数の微分\n", "<!-- symbp: layer=activation name=relu names: a=input L=loss -->"),
    ("## 行列積\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: A=input B=kernel Y=output L=loss -->"),
    ("## Affine層(全結合)\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: x=input W=kernel b=bias z=output y=activation \\delta=output_grad L=loss -->"),
    ("## ミニバッチ対応\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X=input W=kernel b=bias \\Delta=output_grad \\delta=output_grad L=loss -->"),
]
KYO_EXCL = [
    (r"\frac{dL}{da} = \frac{dL}{dy} \cdot \frac{dy}{da}", "the scalar chain rule for a generic y(a) (holds); left out for the 30% cap"),
    (r"\frac{dL}{da} = f'(a) \cdot \frac{dL}{dy}", "the scalar activation y = f(a) (holds); left out for the 30% cap"),
    (r"[a_1, a_2, a_3] \ \odot \ [b_1, b_2, b_3] = [a_1b_1, \ a_2b_2, \ a_3b_3]", "definition of the Hadamard product"),
    ("1 & (a > 0) \\\\\n0 & (a \\leq 0)", "the ReLU derivative (holds away from 0); left out for the 30% cap"),
    ("1 & (a > 0) \\\\\n\\alpha & (a \\leq 0)", "the Leaky ReLU derivative (holds away from 0); left out for the 30% cap"),
    (r"z = W x + b, \quad y = f(z)", "forward definition"),
]

# ---------------------------------------------------------------- xindai_ai_yingyong_zh
XIN = [
    ("mlp_dz", r"\Delta z = \frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \odot \frac{\partial a}{\partial z}",
     "one neuron z = sum_i w_i x_i + b, a = f(z), z scalar: dL/dz = dL/da . da/dz (the product of scalars written with odot); holds"),
    ("mlp_dw", r"\Delta w = \frac{\partial L}{\partial w} = x^T \Delta z",
     "same neuron, x the input vector: dL/dw_i = x_i Delta z, i.e. the entries of x^T Delta z (x^T read as the row holding the same entries as the gradient; the layout is not the point of the row); holds entry by entry (n = 3, 5, 2; f = tanh, sigmoid)"),
    ("mlp_db", r"\Delta b = \frac{\partial L}{\partial b} = \Delta z",
     "dL/db = Delta z; holds"),
    ("cnn_dw", r"\Delta w_{ik} = \frac{\partial L}{\partial w_{ik}} = x_{kj}^T \Delta h_{ij}",
     "the page's 'CNN' forward h_{ij} = sum_k w_{ik} x_{kj} + b (b one shared scalar), a = f(h) entrywise: dL/dw_{ik} = sum_j x_{kj} Delta h_{ij}; the row writes x_{kj} Delta h_{ij} with j free and no sum (x_{kj}^T of a number is the number), which is one term of that sum; refuted whenever x has two or more columns (j = 1 .. 3, 4 drawn; it would hold only for a single column)"),
    ("cnn_db", r"\Delta b = \frac{\partial L}{\partial b} = \Delta h_{ij}",
     "b is the one bias added to every h_{ij}: dL/db = sum_{i,j} Delta h_{ij}, not a single Delta h_{ij}; refuted (h 2x3, 3x4)"),
    ("rnn_dWh", r"\Delta W_{h} = \frac{\partial L}{\partial W_{h}} = h_{t-1}^T \Delta h_{t}",
     "h_t = sigma(W_h h_{t-1} + W_x x_t + b_h), Delta h_t = dL/dh_t (the row above): dL/dW_h through step t is (Delta h_t * sigma'(u_t)) h_{t-1}^T, a matrix of W_h's shape; h_{t-1}^T Delta h_t is a number (and lacks sigma'); refuted (one step from a given h_0, so this step is the whole gradient; sigma = sigmoid and tanh; hidden 3 and 4)"),
    ("rnn_dbh", r"\Delta b_{h} = \frac{\partial L}{\partial b_{h}} = \Delta h_{t}",
     "same RNN step: dL/db_h = Delta h_t * sigma'(u_t), not Delta h_t (sigma' is not 1 for sigmoid or tanh); refuted"),
    ("lstm_df", r"\Delta f_{t} = \frac{\partial L}{\partial f_{t}} = \frac{\partial L}{\partial \vec{h}_{t}} \odot (1 - f_{t})^T",
     "the page's cell h_t = (1 - f_t) * h_{t-1} + i_t * g_t, f_t taken as the node the row differentiates by: dL/df_t = dL/dh_t * (-h_{t-1}); the row's factor (1 - f_t) is dh_t/dh_{t-1}, not dh_t/df_t; refuted (the transpose read as a no-op on an entrywise product)"),
    ("lstm_di", r"\Delta i_{t} = \frac{\partial L}{\partial i_{t}} = \frac{\partial L}{\partial \vec{h}_{t}} \odot g_{t}^T",
     "same cell: dL/di_t = dL/dh_t * g_t (the transpose read as a no-op on the entrywise product); holds"),
]
XIN_DIRS = [
    ("#### 4.2.1 深度学习\n", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x=input w=kernel b=bias z=output a=activation L=loss -->"),
    ("- **卷积神经网络（CNN）**：\n\n  前向传播", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: x=input w=kernel b=bias h=output a=activation L=loss -->"),
    ("- **循环神经网络（RNN）**：\n\n  前向传播", "<!-- symbp: layer=fc in=3 out=3 weight=out-in names: h_{t-1}=input W_h=kernel b_h=bias h_t=output y_t=activation L=loss -->"),
    ("#### 4.2.2 自然语言处理\n", "<!-- symbp: layer=activation name=sigmoid names: f_t=input i_t=input \\vec{h}_t=output L=loss -->"),
]
XIN_EXCL = [
    (r"h_{ij} = \sum_{k=1}^{m} w_{ik}x_{kj} + b", "forward definition (stated twice)"),
    (r"h_{t} = \sigma(W_{h}h_{t-1} + W_{x}x_{t} + b_{h})", "forward definition (stated twice)"),
    (r"\Delta h_{ij} = \frac{\partial L}{\partial h_{ij}} = \frac{\partial L}{\partial a} \odot \frac{\partial a}{\partial h_{ij}}", "a = f(h) entrywise: holds; left out for the 30% cap"),
    (r"\Delta h_{t} = \frac{\partial L}{\partial h_{t}} = \frac{\partial L}{\partial y_{t}} \odot \frac{\partial y_{t}}{\partial h_{t}}", "dy_t/dh_t is the Jacobian diag(sigma') W_y; the entrywise product with it is not defined as written (true or false by how odot with a matrix is read); left out"),
    (r"\Delta W_{x} = \frac{\partial L}{\partial W_{x}} = x_{t}^T \Delta h_{t}", "the same slip as the W_h row (a number, no sigma'); left out for the 30% cap"),
    (r"\Delta \vec{w}_{i} = \frac{\partial L}{\partial \vec{w}_{i}} = \sum_{j=1}^{v} \alpha_{ij} \Delta \vec{e}_{j}", "word vectors: the truth hangs on how L depends on the base vectors e_j besides through w_i (no layer of the set's kind); left out"),
    (r"\Delta \vec{h}_{t} = \frac{\partial L}{\partial \vec{h}_{t}} = \frac{\partial L}{\partial y_{t}} \odot", "the same Jacobian-with-odot reading as the RNN row; left out"),
    (r"\Delta g_{t} = \frac{\partial L}{\partial g_{t}} = \frac{\partial L}{\partial \vec{h}_{t}} \odot i_{t}^T", "dL/dg_t = dL/dh_t * i_t: holds; left out for the 30% cap"),
    (r"\Delta W_{h} = \frac{\partial L}{\partial W_{h}} = h_{t-1}^T \Delta \vec{h}_{t}", "the LSTM forward has no W_h (its weights are W_i, W_f, W_g, U_i, ...); the row names no parameter of the page's LSTM"),
    (r"\Delta U_{h} = \frac{\partial L}{\partial U_{h}} = x_{t}^T \Delta \vec{h}_{t}", "no U_h in the LSTM forward; names no parameter"),
    (r"\Delta b_{h} = \frac{\partial L}{\partial b_{h}} = \Delta \vec{h}_{t}", "no b_h in the LSTM forward; names no parameter"),
]

# ---------------------------------------------------------------- ffnn_backprop_frage_antwort_de
FFN = [
    ("d_out", r"\delta_k^{(L)} = (a_k^{(L)} - y_k) \cdot f'(z_k^{(L)})",
     "z_j^{(l)} = sum_i w_{ji}^{(l)} a_i^{(l-1)} + b_j^{(l)}, a = f(z), E = (1/2) sum_k (y_k - a_k^{(L)})^2, delta = dE/dz: delta_k^{(L)} = (a_k - y_k) f'(z_k); holds (nets 3-4-2, 2-3-3-2, 4-2-3; f = sigmoid, tanh)"),
    ("d_hid", r"\delta_j^{(l)} = \left(\sum_{k} w_{kj}^{(l+1)} \delta_k^{(l+1)}\right) \cdot f'(z_j^{(l)})",
     "w_{kj}^{(l+1)} joins neuron j of layer l to neuron k of layer l+1 (the page's wording): delta_j^{(l)} = (sum_k w_{kj}^{(l+1)} delta_k^{(l+1)}) f'(z_j^{(l)}); holds for every hidden layer"),
    ("dE_dw", r"\frac{\partial E}{\partial w_{ji}^{(l)}} = a_i^{(l-1)} \cdot \delta_j^{(l)}",
     "dE/dw_{ji}^{(l)} = a_i^{(l-1)} delta_j^{(l)}; holds for every layer"),
    ("dE_db", r"\frac{\partial E}{\partial b_{j}^{(l)}} = \delta_j^{(l)}",
     "dE/db_j^{(l)} = delta_j^{(l)}; holds"),
    ("m_dL", r"\mathbf{\delta}^{(L)} = \nabla_{\mathbf{\hat{y}}} L \odot \sigma'(\mathbf{z}^{(L)})",
     "column vectors, z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a = sigma(z) entrywise, J = L(y-hat, y) a generic loss (a drawn non-linear one), delta = dJ/dz: delta^{(L)} = grad_{y-hat} L * sigma'(z^{(L)}); holds"),
    ("m_dWL", r"\frac{\partial J}{\partial W^{(L)}} = \mathbf{\delta}^{(L)} (\mathbf{a}^{(L-1)})^T",
     "dJ/dW^{(L)} = delta^{(L)} (a^{(L-1)})^T; holds"),
    ("m_dbL", r"\frac{\partial J}{\partial \mathbf{b}^{(L)}} = \mathbf{\delta}^{(L)}",
     "dJ/db^{(L)} = delta^{(L)}; holds"),
    ("m_dl", r"\mathbf{\delta}^{(l)} = \left( (W^{(l+1)})^T \mathbf{\delta}^{(l+1)} \right) \odot \sigma'(\mathbf{z}^{(l)})",
     "delta^{(l)} = ((W^{(l+1)})^T delta^{(l+1)}) * sigma'(z^{(l)}); holds for every hidden layer"),
    ("m_dWl", r"\frac{\partial J}{\partial W^{(l)}} = \mathbf{\delta}^{(l)} (\mathbf{a}^{(l-1)})^T",
     "dJ/dW^{(l)} = delta^{(l)} (a^{(l-1)})^T with a^{(0)} = x; holds for every hidden layer"),
]
FFN_DIRS = [
    ("## 2. Rückwärtsdurchlauf (Backward Pass)\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a=input w=kernel b=bias z=output y=target \\delta=output_grad E=loss -->"),
    ("## Kompakt: Backward Pass (Rückwärtsdurchlauf - Backpropagation)\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{a}^{(l-1)}=input \\mathbf{a}^{(L-1)}=input W^{(l)}=kernel W^{(L)}=kernel \\mathbf{b}^{(l)}=bias \\mathbf{b}^{(L)}=bias \\mathbf{z}^{(l)}=output \\mathbf{z}^{(L)}=output \\mathbf{\\delta}^{(l)}=output_grad \\mathbf{\\delta}^{(L)}=output_grad J=loss -->"),
]
FFN_EXCL = [
    (r"z_j^{(l)} = \sum_{i} w_{ji}^{(l)} a_i^{(l-1)} + b_j^{(l)}", "forward definition"),
    (r"a_j^{(l)} = f(z_j^{(l)})", "forward definition"),
    (r"E = \frac{1}{2} \sum_{k} (y_k - a_k^{(L)})^2", "loss definition"),
    (r"w_{ji}^{(l)} = w_{ji}^{(l)} - \eta \frac{\partial E}{\partial w_{ji}^{(l)}}", "an update rule (assignment)"),
    (r"b_{j}^{(l)} = b_{j}^{(l)} - \eta \frac{\partial E}{\partial b_{j}^{(l)}}", "an update rule (assignment)"),
    (r"\mathbf{z}^{(l)} &= W^{(l)} \mathbf{a}^{(l-1)} + \mathbf{b}^{(l)}", "forward definition"),
    (r"J = L(\mathbf{\hat{y}}, \mathbf{y})", "loss definition"),
    (r"\frac{\partial J}{\partial \mathbf{b}^{(l)}} &= \mathbf{\delta}^{(l)}", "holds (dJ/db^{(l)} = delta^{(l)}); left out for the 30% cap"),
    (r"W^{(l)} &\leftarrow W^{(l)} - \eta \frac{\partial J}{\partial W^{(l)}}", "an update rule (assignment)"),
]

# ---------------------------------------------------------------- mlp_modular_readme_pt
MLP = [
    ("dW", r"\frac{\partial L}{\partial W} = \frac{1}{m} (dZ \cdot X^T)",
     "examples as columns ((features, exemplos)), Z = W X + b, A = softmax of each column, one-hot Y, L the mean cross entropy over the m examples (the 1/m of this row), dZ the backward's A - Y (the code's 'return self.A - self.Y_one_hot' that the next section gives): dL/dW = (1/m)(A - Y) X^T; holds (m = 4, 3, 6; 3 and 5 classes)"),
    ("dZ", r"\frac{\partial L}{\partial Z} = A - Y",
     "same reading, L the mean cross entropy over the m examples (the loss whose W-gradient the row above states with its 1/m): dL/dZ = (A - Y)/m, so A - Y is m times the gradient; refuted for m >= 2 (the row is the gradient of the summed, or a single example's, loss)"),
]
MLP_DIRS = [
    ("### Cache Interno (self.X)\n", "<!-- symbp: layer=fc in=3 out=3 batch=4 weight=out-in names: X=input W=kernel Z=output A=activation Y=target L=loss -->"),
    ("### SoftmaxCrossEntropy\n", "<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot names: Z=input A=output Y=target L=loss -->"),
]
MLP_EXCL = []

# ---------------------------------------------------------------- rflab_dsp_lect11_gda_ru
RFL = [
    ("grad", r"\nabla P(\mathbf{c})=\mathbf{A}\mathbf{c}+\mathbf{d} \tag{5}",
     "the FIR filter's output X c (X the N x M matrix of the input process, lecture 10's convolution y_k = sum_m c_m x_{k-m}), y the desired output, P = (y - X c)^T (y - X c), A = 2 X^T X (from (1/2) A = X^T X), d = -2 X^T y: grad P(c) = 2 X^T X c - 2 X^T y = A c + d; holds (N = 6, M = 3; N = 8, M = 4; X built as the convolution matrix of a drawn signal and as a drawn matrix)"),
]
RFL_DIRS = [
    ("### Критерий оптимизации линейного фильтра\n", "<!-- symbp: layer=fc in=3 out=1 batch=6 weight=in-out names: \\mathbf{X}=input \\mathbf{c}=kernel \\mathbf{y}=target P=loss -->"),
]
RFL_EXCL = [
    (r"\pmb{\varepsilon}=\mathbf{y}-\mathbf{X}\mathbf{c} \tag{1}", "definition of the error"),
    (r"\left(\mathbf{y}-\mathbf{X}\mathbf{c}\right)^T\left(\mathbf{y}-\mathbf{X}\mathbf{c}\right) \tag{2}", "definition of the criterion"),
    (r"\mathbf{c}^T\mathbf{X}^T\mathbf{X}\mathbf{c} - 2\mathbf{y}^T\mathbf{X}\mathbf{c} + \mathbf{y}^T\mathbf{y}", "algebraic expansion of P (holds), no derivative"),
    (r"\frac{1}{2}\mathbf{A}=\mathbf{X}^T\mathbf{X}", "notation"),
    (r"\mathbf{d} = -2\mathbf{X}^T\mathbf{y}", "notation"),
    (r"\frac{1}{2}\mathbf{c}^T\mathbf{A}\mathbf{c}+\mathbf{d}^T\mathbf{c}+h \tag{4}", "P rewritten (holds), no derivative"),
    (r"\mathbf{c}_n - \left[\mathbf{A}\mathbf{c}+\mathbf{d}\right] \tag{6}", "an update rule (its last member drops mu); no derivative claim"),
    (r"\left[\mathbf{E}-\mu \mathbf{A}\right]\mathbf{c}_n - \mu\mathbf{d}  \tag{7*}", "an update rule"),
    (r"\mu_{max} = \frac{2}{\lambda_{max}} \tag{9}", "step-size bound (linear algebra), no derivative"),
]

TABLE = {
    "kyoheyyy_backprop_cheatsheet_ja.md": ("kyo", KYO, KYO_DIRS, KYO_EXCL),
    "xindai_ai_yingyong_zh.md": ("xin", XIN, XIN_DIRS, XIN_EXCL),
    "ffnn_backprop_frage_antwort_de.md": ("ffn", FFN, FFN_DIRS, FFN_EXCL),
    "mlp_modular_readme_pt.md": ("mlp", MLP, MLP_DIRS, MLP_EXCL),
    "rflab_dsp_lect11_gda_ru.md": ("rfl", RFL, RFL_DIRS, RFL_EXCL),
}
