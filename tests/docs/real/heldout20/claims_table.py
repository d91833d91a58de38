"""The twentieth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout20.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

VIE = [
    ("wL", r"= e_j^{(L)} a_i^{(L-1)}", "z^{(L)} = W^{(L)T} a^{(L-1)} + b^{(L)}, e_j^{(L)} = dJ/dz_j^{(L)}: dJ/dw_{ij}^{(L)} = (dJ/dz_j^{(L)})(dz_j^{(L)}/dw_{ij}^{(L)}) = e_j^{(L)} a_i^{(L-1)} (\".\" read as a product); checked on drawn nets, losses and activations"),
    ("bL", r"\frac{\partial J}{\partial b_{j}^{(L)}} = \frac{\partial J}{\partial z_j^{(L)}}. \frac{\partial z_j^{(L)}}{\partial b_{j}^{(L)}} = e_j^{(L)}", "dJ/db_j^{(L)} = e_j^{(L)}, every member"),
    ("el_sum", r"\left( \sum_{k = 1}^{d^{(l+1)}} e_k^{(l+1)} w_{jk}^{(l+1)} \right) f'(z_j^{(l)})", "z_k^{(l+1)} = sum_j w_{jk}^{(l+1)} a_j^{(l)} + b_k^{(l+1)}, a^{(l)} = f(z^{(l)}): e_j^{(l)} = dJ/dz_j^{(l)} = (sum_k e_k^{(l+1)} w_{jk}^{(l+1)}) f'(z_j^{(l)})"),
    ("el_row", r"\left( \mathbf{w}_{j:}^{(l+1)} \mathbf{e}^{(l+1)} \right) f'(z_j^{(l)})", "w_{j:}^{(l+1)} is row j of W^{(l+1)} (the post's colon convention): row j times the column e^{(l+1)}, times f'(z_j^{(l)}), is e_j^{(l)}"),
    ("WL_vec", r"\frac{\partial J}{\partial \mathbf{W}^{(L)}} = \mathbf{a}^{(L-1)}\mathbf{e}^{(L)T}", "one example: dJ/dW^{(L)} = a^{(L-1)} e^{(L)T}, a d^{(L-1)} x d^{(L)} matrix like W^{(L)}"),
    ("el_vec", r"\mathbf{e}^{(l)} = \left( \mathbf{W}^{(l+1)} \mathbf{e}^{(l+1)} \right) \odot f'(\mathbf{z}^{(l)})", "dJ/dz^{(l)} = (W^{(l+1)} e^{(l+1)}) entrywise f'(z^{(l)})"),
    ("WL_batch", r"\mathbf{A}^{(L-1)}\mathbf{E}^{(L)T}", "batch of N columns, J any loss of the whole batch, E^{(L)} = dJ/dZ^{(L)}: dJ/dW^{(L)} = A^{(L-1)} E^{(L)T}"),
    ("bL_batch", r"\sum_{n=1}^N\mathbf{e}_n^{(L)}", "the bias is added to every column: dJ/db^{(L)} = sum_n e_n^{(L)} (the columns of E^{(L)})"),
    ("El_batch", r"\mathbf{E}^{(l)} = \left( \mathbf{W}^{(l+1)} \mathbf{E}^{(l+1)} \right) \odot f'(\mathbf{Z}^{(l)})", "dJ/dZ^{(l)} = (W^{(l+1)} E^{(l+1)}) entrywise f'(Z^{(l)}) for the batch"),
    ("E2", r"=\frac{1}{N}(\mathbf{\hat{Y}} - \mathbf{Y})", "J = -(1/N) sum_i sum_j y_{ji} log y-hat_{ji}, Y-hat = softmax of each column of Z^{(2)}, one-hot columns Y: dJ/dZ^{(2)} = (Y-hat - Y)/N"),
    ("E1", r"\left(\mathbf{W}^{(2)}\mathbf{E}^{(2)}\right) \odot f'(\mathbf{Z}^{(1)})", "the example read with the biases its code and backpropagation rows use (Z^{(1)} = W^{(1)T} X + b^{(1)}, Z^{(2)} = W^{(2)T} A^{(1)} + b^{(2)}), f = ReLU: dJ/dZ^{(1)} = (W^{(2)} E^{(2)}) entrywise f'(Z^{(1)}) (Z^{(1)} drawn away from 0)"),
    ("W1", r"= \mathbf{X}\mathbf{E}^{(1)T}", "dJ/dW^{(1)} = A^{(0)} E^{(1)T} = X E^{(1)T}, both members"),
]
VIE_DIRS = [
    ("## 3. Backpropagation\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: a=input \\mathbf{a}=input w=kernel \\mathbf{W}=kernel \\mathbf{w}=kernel b=bias \\mathbf{b}=bias z=output \\mathbf{z}=output J=loss -->"),
    ("### 3.2. Backpropagation cho Batch", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=in-out index_base=1 names: \\mathbf{A}=input \\mathbf{W}=kernel \\mathbf{b}=bias \\mathbf{Z}=output J=loss -->"),
    ("### 4.3. Tính toán Backpropagation\n", "<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot index_base=1 names: \\mathbf{Z}^{(2)}=input \\mathbf{\\hat{Y}}=output \\mathbf{Y}=target J=loss -->"),
]
VIE_EXCL = [
    (r"\mathbf{a}^{(0)} &=& \mathbf{x} \\", "forward definition"),
    (r"\frac{\partial J}{\partial \mathbf{W}^{(l)}} ; \frac{\partial J}{\partial \mathbf{b}^{(l)}},~~", "names the wanted gradients (no value)"),
    (r"J(\mathbf{W, b, X, Y}) &=& \frac{1}{N}\sum_{n=1}^N", "definition of the MSE"),
    (r"&=& e_j^{(l)} a_i^{(l-1)}", "holds (the hidden-layer twin of the row wL); left out of the score (30% cap)"),
    (r"\frac{\partial J}{\partial b_j^{(l)}} = e_j^{(l)}", "holds; left out of the score (30% cap)"),
    (r"$$e_j^{(L)} = \frac{\partial J}{\partial z_j^{(L)}}$$", "definition of e"),
    (r"&=& a_i^{(L-1)}e_j^{(L)} \\", "the derivation's result restated in the algorithm summary"),
    (r"e_j^{(l)} = \left( \mathbf{w}_{j:}^{(l+1)} \mathbf{e}^{(l+1)} \right) f'(z_j^{(l)})" + "\n$$", "the derivation's result restated in the algorithm summary"),
    (r"&=& a_i^{(l-1)} e_j^{(l)} \\", "the derivation's result restated in the algorithm summary"),
    (r"$$\mathbf{e}^{(L)} = \frac{\partial J}{\partial \mathbf{z}^{(L)}}$$", "definition of e"),
    (r"&=& \mathbf{a}^{(l-1)}\mathbf{e}^{(l)T}\\", "holds; left out of the score (30% cap)"),
    (r"$$\mathbf{E}^{(L)} = \frac{\partial J}{\partial \mathbf{Z}^{(L)}}$$", "definition of E"),
    (r"&=&  \mathbf{A}^{(l-1)}\mathbf{E}^{(l)T}\\", "holds; left out of the score (30% cap)"),
    (r"\mathbf{Z}^{(1)} &=& \mathbf{W}^{(1)T}\mathbf{X} \\", "the example's forward (without the biases its code adds)"),
    (r"J \triangleq J(\mathbf{W, b}; \mathbf{X, Y})", "definition of the loss"),
]

TUR = [
    ("dd_db", r"\frac{dd}{db} = a + 0 = a", "d = a b + c: dd/db = a"),
    ("dL_dd", r"\mathbf{\frac{\partial L}{\partial d} = f}", "L = d f: dL/dd = f"),
    ("dL_df", r"\mathbf{\frac{\partial L}{\partial f} = d}", "L = d f: dL/df = d"),
    ("dL_dc_num", r"\mathbf{\frac{\partial L}{\partial c} = (-2) \times (1) = -2}", "the graph's values (a = 2, b = -3, c = 10, f = -2; e = a b, d = e + c, L = d f): dL/dc = f = -2"),
    ("dL_da_num", r"\mathbf{\frac{\partial L}{\partial a} = (-2) \times (-3.0) = \mathbf{6.0}}", "dL/da = f b = (-2)(-3) = 6"),
    ("dL_db_num", r"\mathbf{\frac{\partial L}{\partial b} = (-2) \times (2.0) = \mathbf{-4.0}}", "dL/db = f a = (-2)(2) = -4"),
    ("tanh_d", r"\frac{d}{dx} \tanh x = 1 - \tanh^2 x = \operatorname{sech}^2 x = \frac{1}{\cosh^2 x}", "every member is tanh'(x)"),
    ("do_dn", r"\frac{do}{dn} = 1 - \tanh(n)^2", "o = tanh(n): do/dn = 1 - tanh(n)^2"),
    ("do_db_num", r"\frac{\partial o}{\partial b} = 0.5 \times 1 = 0.5", "n = x1 w1 + x2 w2 + b, o = tanh(n) = 0.7071 (the text's value): do/db = 1 - o^2 = 0.49999, 0.5 within half a unit of its last digit"),
    ("do_dx1_num", r"= 0.5 * (-3.0) = -1.5", "do/dx1 = (1 - o^2) w1 = 0.5 (-3) = -1.5 (x1 = 2, w1 = -3, x2 = 0, w2 = 1, o = 0.7071)"),
    ("do_dw1_num", r"= 0.5 * 2.0 = 1.0", "do/dw1 = (1 - o^2) x1 = 0.5 * 2 = 1.0"),
    ("do_dx2_num", r"= 0.5 * 1.0 = 0.5", "do/dx2 = (1 - o^2) w2 = 0.5 * 1 = 0.5"),
]
TUR_DIRS = [
    ("### d'nin b'ye Göre Türevi\n", "<!-- symbp: layer=fc in=1 out=1 names: b=input a=kernel c=bias d=output -->"),
    ("### 3. Sorumluluğu Dağıtma: L'nin d ve f İle Türevlerini Bulma\n", "<!-- symbp: layer=fc in=1 out=1 names: a=input b=kernel c=bias d=output L=loss -->"),
    ("## 2. Adım: $n$'nin Türevini Bulma\n", "<!-- symbp: layer=activation name=tanh names: n=input x=input o=output -->"),
    ("## 5. Adım: Sorumluluğu Dağıtma", "<!-- symbp: layer=fc in=2 out=1 names: x1=input x2=input w1=kernel w2=kernel b=bias n=output o=loss -->"),
]
TUR_EXCL = [
    (r"n = (x_1 \cdot w_1) + (x_2 \cdot w_2) + b", "forward definition"),
    (r"\mathbf{f'(x) = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}}", "definition of the derivative"),
    (r"\frac{d}{db}(d) = \frac{d}{db} (a \cdot b) + \frac{d}{db} (c)", "holds (sum rule); left out of the score (30% cap)"),
    (r"\frac{d}{db} (c) = 0", "holds (a constant); left out of the score (30% cap)"),
    (r"\frac{d}{db} (a \cdot b) = a \cdot \underbrace", "holds; left out of the score (30% cap)"),
    (r"\frac{dd}{dc} = \frac{d}{dc} (a \cdot b + c)", "restates dd/dc from the definition of d"),
    (r"\frac{d}{dc} (a \cdot b) = \mathbf{0}", "holds; left out of the score (30% cap)"),
    (r"\frac{d}{dc} (c) = \mathbf{1}", "a variable's derivative in itself"),
    (r"\frac{dd}{db} = a \quad \text{ve} \quad \frac{dd}{dc} = 1", "repeats the two results above"),
    (r"\frac{d c}{d a}=\frac{d c}{d b}\times\frac{d b}{d a}", "the chain rule in general letters that clash with the graph's a, b, c"),
    (r"\frac{d L}{d L}=1", "a variable's derivative in itself"),
    (r"\mathbf{\frac{\partial L}{\partial c} = \frac{\partial L}{\partial d} \times \frac{\partial d}{\partial c}}", "chain rule, holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial d}{\partial e} = 1}", "holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial L}{\partial c} = \underbrace", "chain rule with labels, holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial L}{\partial e} = \underbrace", "chain rule with labels, holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial L}{\partial e} = (-2) \times (1) = -2}", "holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial e}{\partial a} = b}", "holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial e}{\partial b} = a}", "holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial L}{\partial a} = \underbrace", "chain rule with labels, holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial L}{\partial b} = \underbrace", "chain rule with labels, holds; left out of the score (30% cap)"),
    (r"\mathbf{\text{Yeni Ağırlık}", "update rule"),
    (r"(x_1 \cdot w_1 + x_2 \cdot w_2) + b" + "\n$$\n\nand", "forward"),
    (r"\tanh((x_1 \cdot w_1 + x_2 \cdot w_2) + b)", "forward"),
    (r"\displaystyle \frac{e^{2x}-1}{e^{2x}+1}" + "\n$$\n\nwhich", "definition of tanh"),
    (r"\displaystyle f(x) = \frac{e^{2x}-1}{e^{2x}+1}", "definition of tanh"),
    ("$$\n1 - o^2\n$$", "an expression without a left side"),
    (r"$$\frac{\partial o}{\partial x} = \frac{\partial o}{\partial n} \times \frac{\partial n}{\partial x} $$", "chain rule with x a placeholder for either input of n"),
    (r"$$n = x1w1x2w2 + b$$", "forward"),
    (r"$$\frac{\partial n}{\partial b} = 1$$", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial o}{\partial x1w1x2w2} = \underbrace", "chain rule with labels (its subscripts mangled to }*{ by the source's Markdown)"),
    (r"\frac{\partial o}{\partial x1w1x2w2} = 0.5 \times 1 = 0.5", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial o}{\partial b} = \underbrace", "chain rule with labels (mangled subscripts)"),
    (r"$$\frac{\partial o}{\partial x} = \frac{\partial o}{\partial n} \times \frac{\partial n}{\partial x}$$", "chain rule with a placeholder x (repeated)"),
    (r"$$\frac{\partial o}{\partial x1w1} = 0.5$$", "holds; left out of the score (30% cap)"),
    (r"$$\frac{\partial o}{\partial x2w2} = 0.5$$", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial o}{\partial x1w1x2w2} = 0.5 \quad", "repeats the result of step 3"),
    (r"\frac{\partial x1w1}{\partial x1} = w1, \quad", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial x2w2}{\partial x2} = w2, \quad", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial o}{\partial x1w1} = 0.5, \quad", "repeats the gradients above"),
    (r"= 0.5 * 0.0 = 0.0", "holds (do/dw2 = 0.5 x2 = 0); left out of the score (30% cap)"),
]

ENG = [
    ("relu_d", r"\frac{\mathrm{d}\,\mathrm{ReLU}(z)}{\mathrm{d}z} = \mathbb{I}(z > 0)", "ReLU'(z) = 1 for z > 0, 0 for z < 0 (checked away from 0, where the derivative does not exist and the convention 0 is the usual one)"),
    ("dZ_db", r"\frac{\partial Z_{i, j}}{\partial b} = 1", "Z_{i,j} = sum_{m,n} X_{i S_h + m, j S_w + n} K_{m,n} + b: dZ_{i,j}/db = 1"),
    ("dL_db", r"\frac{\partial L}{\partial b} = \sum_{i=0}^{H_{\mathrm{out}} - 1}", "dL/db = sum over outputs of delta_{i,j}, every member (checked with strides 1 and 2)"),
    ("dZ_dK", r"\frac{\partial Z_{i, j}}{\partial K_{m, n}} = X_{i \cdot S_h + m, \, j \cdot S_w + n}", "the same forward: dZ_{i,j}/dK_{m,n} = X_{i S_h + m, j S_w + n}"),
    ("dL_dK", r"\frac{\partial L}{\partial K_{m, n}} = \sum_{i=0}^{H_{\mathrm{out}} - 1}", "dL/dK_{m,n} = sum_{i,j} delta_{i,j} X_{i S_h + m, j S_w + n}, every member (strides 1 and 2, valid)"),
    ("dL_dX", r"\frac{\partial L}{\partial X_{r, c}} = \sum_{m=0}^{K_h - 1}", "unit stride, delta_{r-m, c-n} taken as 0 where (r-m, c-n) is no output position: dL/dX_{r,c} = sum_{m,n} delta_{r-m,c-n} K_{m,n}"),
    ("full_rot", r"\frac{\partial L}{\partial X} = \delta *_{\mathrm{full}} \mathrm{rot}_{180}(K)", "* read as the document's own Q3 symbol, true (flipped) convolution, here in full mode: delta *_full rot180(K) at (r, c) is sum_{m,n} delta_{r-m,c-n} K_{K_h-1-m, K_w-1-n}, the kernel flipped twice; dL/dX is the full true convolution of delta with K itself (the row above), or the full cross-correlation of delta with rot180(K); refuted at drawn kernels that are not 180-degree symmetric"),
    ("relu_bp", r"\frac{\partial L}{\partial Z_{i, j}} = \frac{\partial L}{\partial A_{i, j}} \cdot \mathbb{I}(Z_{i, j} > 0)", "A = ReLU(Z) entrywise: dL/dZ = dL/dA times the indicator (Z drawn away from 0)"),
    ("pool_bp", r"\frac{\partial L}{\partial A_{r, c}} = \begin{cases} \delta^{\mathrm{pool}}_{i, j}", "in the document's pooling (2x2 window, stride 1, so windows overlap) an entry that is the argmax of several windows receives the sum of their gradients (the document's own loop adds them); the row gives it one window's delta_{i,j}; refuted on the document's 3x3 map A, where 19 tops two windows and 17 two others, and on drawn maps (with stride 2, windows disjoint, the row would hold)"),
]
ENG_DIRS = [
    ("## Q7 — ReLU\n", "<!-- symbp: layer=activation name=relu names: z=input Z=input A=output -->"),
    ("## Q11 — CNN backpropagation", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input I=input K=kernel b=bias Z=output L=loss -->"),
    ("### 4. Backpropagation through ReLU\n", "<!-- symbp: layer=activation name=relu names: Z=input A=output L=loss -->"),
    ("### 5. Backpropagation through Max Pooling", "<!-- symbp: layer=maxpool input=3x3 kernel=2x2 stride=1 index_base=0 names: A=input \\mathrm{P\\_map}=output L=loss -->"),
]
ENG_EXCL = [
    (r"(f * g)(x, y) = \int_{-\infty}^{\infty}", "definition of continuous convolution"),
    (r"f * g = g * f", "commutativity (no derivative)"),
    (r"(I * K)(i, j) = \sum_{m} \sum_{n} I(i - m, j - n)", "definition of discrete convolution"),
    (r"K^{\mathrm{rot}}(m, n) = K(K_h - 1 - m, K_w - 1 - n)", "definition of the flipped kernel"),
    (r"(I \star K)(i, j) = \sum_{m=0}^{K_h - 1}", "definition of cross-correlation"),
    (r"Z_{i, j} = \left( \sum_{m=0}^{K_h - 1} \sum_{n=0}^{K_w - 1} I(i + m, j + n)", "forward definition"),
    (r"\mathrm{ReLU}(z) = \max(0, z) = \begin{cases}", "definition of ReLU"),
    (r"A = \mathrm{ReLU}(Z) = Z = \begin{bmatrix}", "forward value"),
    (r"\mathrm{MaxPool}(A)_{i, j} = \max_{m=0}", "definition of max pooling"),
    (r"\mathrm{AvgPool}(A)_{i, j} = \frac{1}{P_h \cdot P_w}", "definition of average pooling"),
    (r"H_{\mathrm{pool}} = \frac{3 - 2}{1} + 1 = 2", "output size"),
    (r"W_{\mathrm{pool}} = \frac{3 - 2}{1} + 1 = 2", "output size"),
    (r"\mathrm{P\_map}_{0, 0} = \max", "forward value"),
    (r"\mathrm{P\_map}_{0, 1} = \max", "forward value"),
    (r"\mathrm{P\_map}_{1, 0} = \max", "forward value"),
    (r"\mathrm{P\_map}_{1, 1} = \max", "forward value"),
    (r"\implies a_{\mathrm{flat}} = \begin{bmatrix}", "flattening (forward)"),
    (r"Z_{\mathrm{dense}} = a_{\mathrm{flat}} W_{\mathrm{dense}} + b_{\mathrm{dense}}", "forward definition"),
    (r"P_k = \frac{e^{Z_{\mathrm{dense}, k}", "definition of the softmax"),
    (r"L = - \sum_{k=0}^{C-1} Y_k \ln(P_k + \epsilon)", "definition of the loss"),
    (r"\delta_{i, j} = \frac{\partial L}{\partial Z_{i, j}} \in", "definition of delta"),
    (r"Z_{i, j} = \left( \sum_{m} \sum_{n} X_{i \cdot S_h + m", "forward definition"),
    (r"i \cdot S_h \le r < i \cdot S_h + K_h", "the covering condition (no derivative)"),
    (r"K^{\mathrm{rot}}_{m', n'} = K_{K_h - 1 - m'", "definition of the flipped kernel"),
]

CHI = [
    ("bp1", r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j).", "a^L = sigma(z^L) entrywise, C any function of a^L: dC/dz^L_j = (dC/da^L_j) sigma'(z^L_j)"),
    ("bp1a", r"\delta^L = \nabla_a C \odot \sigma'(z^L).", "the same as vectors"),
    ("eq30", r"\delta^L = (a^L-y) \odot \sigma'(z^L).", "quadratic cost C = ||y - a^L||^2 / 2: delta^L = (a^L - y) entrywise sigma'(z^L)"),
    ("bp2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l),", "z^{l+1} = w^{l+1} a^l + b^{l+1}, a^l = sigma(z^l): delta^l = ((w^{l+1})^T delta^{l+1}) entrywise sigma'(z^l); checked on drawn sigmoid nets with several layers"),
    ("bp3", r"\frac{\partial C}{\partial b^l_j} =", "dC/db^l_j = delta^l_j"),
    ("bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j.", "dC/dw^l_{jk} = a^{l-1}_k delta^l_j"),
    ("eq33", r"\delta^L = \Sigma'(z^L) \nabla_a C,", "Sigma'(z^L) = diag(sigma'(z^L_j)): the matrix product equals delta^L"),
    ("eq34", r"\delta^l = \Sigma'(z^l) (w^{l+1})^T \delta^{l+1}.", "diag(sigma'(z^l)) (w^{l+1})^T delta^{l+1} = delta^l"),
    ("eq37", r"\delta^L_j = \sum_k \frac{\partial C}{\partial a^L_k} \frac{\partial a^L_k}{\partial z^L_j},", "chain rule over the outputs (the Jacobian of sigma taken from autograd)"),
    ("eq38", r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \frac{\partial a^L_j}{\partial z^L_j}.", "a^L_k depends on z^L_k only: the sum keeps its k = j term"),
    ("eq44", r"\frac{\partial z^{l+1}_k}{\partial z^l_j} = w^{l+1}_{kj} \sigma'(z^l_j).", "z^{l+1}_k = sum_j w^{l+1}_{kj} sigma(z^l_j) + b^{l+1}_k: dz^{l+1}_k/dz^l_j = w^{l+1}_{kj} sigma'(z^l_j)"),
    ("eq45", r"\delta^l_j = \sum_k w^{l+1}_{kj}  \delta^{l+1}_k \sigma'(z^l_j).", "delta^l_j = sum_k w^{l+1}_{kj} delta^{l+1}_k sigma'(z^l_j)"),
]
CHI_DIRS = [
    ("### 2.4 反向传播的 4 个基本方程\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: a^{l-1}=input w^l=kernel w^{l+1}=kernel b^l=bias z^l=output a^l=activation a^L=activation z^L=output y=target C=loss -->"),
    ("### 2.5 基本方程的证明（选学）\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: a^l=input w^{l+1}=kernel b^{l+1}=bias z^{l+1}=output z^L=output a^L=activation C=loss -->"),
]
CHI_EXCL = [
    (r"C = \frac{1}{2n} \sum_x \|y(x)-a^L(x)\|^2,", "definition of the cost"),
    (r"C = \frac{1}{2} \|y-a^L\|^2 = \frac{1}{2} \sum_j (y_j-a^L_j)^2,", "definition of one example's cost"),
    (r"\odot \left[\begin{array}{c} 3 \\ 4\end{array} \right]", "a numeric example of the Hadamard product (no derivative)"),
    (r"\delta^l_j \equiv \frac{\partial C}{\partial z^l_j}.", "definition of delta"),
    (r"\frac{\partial C}{\partial b} = \delta,", "(BP3) with its indices dropped (an index-free restatement)"),
    ("C}{\\partial w} = a_{\\rm in} \\delta_{\\rm out},", "(BP4) with its indices dropped (an index-free restatement)"),
    (r"\Sigma'(z^{L-1}) (w^L)^T", "holds (the product of (33) and (34) unrolled); left out of the score (30% cap)"),
    (r"\delta^L_j = \frac{\partial C}{\partial z^L_j}.", "definition of delta restated"),
    (r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j),", "(BP1) again as the proof's conclusion"),
    (r"\delta^l_j & = & \frac{\partial C}{\partial z^l_j} \tag{40}", "holds (chain rule through z^{l+1}); left out of the score (30% cap)"),
    (r"z^{l+1}_k = \sum_j w^{l+1}_{kj} a^l_j +b^{l+1}_k", "forward definition"),
]

TABLE = {
    "tiepvu_mlp_backprop_vi.md": ("vie", VIE, VIE_DIRS, VIE_EXCL),
    "koesan_micrograd_tanh_tr.md": ("tur", TUR, TUR_DIRS, TUR_EXCL),
    "step1_cnn_math_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "nndl_ch2_notes_zh.md": ("chi", CHI, CHI_DIRS, CHI_EXCL),
}
