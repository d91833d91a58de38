"""The sixty-second held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout62.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- markusthill_backprop_en
MAR = [
    ("m_dz_dw", r"= a_j^{(\ell-1)}.",
     "z_i = sum_j w_{i,j} a_j^{(l-1)} + b_i (w_{i,j} joins neuron j of layer l-1 to neuron i of layer l): dz_i/dw_{i,j} = a_j^{(l-1)}; holds (drawn sizes, autograd Jacobian)"),
    ("m_chain_z", r"= \sum_{k=1}^{d_{\ell+1}}",
     "one example, L = 1/2 ||y* - y-hat||^2 through the later layers: dL/dz_i^{(l)} = sum_k dL/dz_k^{(l+1)} dz_k^{(l+1)}/dz_i^{(l)} (both members of the chain, the written-out sum and the sum over k); holds (2 and 3 hidden layers, sigmoid and tanh)"),
    ("m_dzk_dzi", r"= w^{(\ell+1)}_{k,i} \, \sigma'\!\left(z_i^{(\ell)}\right),",
     "z_k^{(l+1)} = sum_j w_{k,j}^{(l+1)} sigma(z_j^{(l)}) + b_k: dz_k^{(l+1)}/dz_i^{(l)} = w_{k,i}^{(l+1)} sigma'(z_i^{(l)}); holds"),
    ("m_delta_rec", r"w^{(\ell+1)}_{k,i}\, \delta_k^{(\ell+1)}.",
     "delta_i^{(l)} := dL/dz_i^{(l)} = sigma'(z_i^{(l)}) sum_k w_{k,i}^{(l+1)} delta_k^{(l+1)}; holds"),
    ("m_delta_vec", r"\otimes \sigma'\!\left(\vec z^{(\ell)}\right),",
     "column vectors, (x) the Hadamard product: delta^{(l)} = ((W^{(l+1)})^T delta^{(l+1)}) (x) sigma'(z^{(l)}), W^{(l+1)} of size d_{l+1} x d_l; holds"),
    ("m_dW", r"= \vec{\delta}^{(\ell)} \, \big(\vec a^{(\ell-1)}\big)^\top.",
     "one example: dL/dW^{(l)} = delta^{(l)} (a^{(l-1)})^T (d_l x d_{l-1}, the shape of W^{(l)}); holds"),
    ("m_Delta_rec", r"\sigma'\!\left(\matr Z^{(\ell)}\right),",
     "batch stacked column-wise, Delta^{(l)} the matrix whose n-th column is the n-th example's delta_n^{(l)} = dL_n/dz_n^{(l)}: Delta^{(l)} = ((W^{(l+1)})^T Delta^{(l+1)}) (x) sigma'(Z^{(l)}); holds (batches of 3, 4 and 5)"),
    ("m_dJ_dW", r"\matr\Delta^{(\ell)} \big(\matr A^{(\ell-1)}\big)^\top, \label{eq:J_W_ell}",
     "J the mean of the N losses (the page's J), Delta the per-example errors: dJ/dW^{(l)} = (1/N) Delta^{(l)} (A^{(l-1)})^T; holds"),
    ("m_dJ_db", r"\matr\Delta^{(\ell)} \vec 1, \label{eq:J_b_ell}",
     "dJ/db^{(l)} = (1/N) Delta^{(l)} 1 with 1 the vector of N ones; holds"),
    ("m_delta_out", r"= \big(a_i^{(L)} - y_i^*\big)\,",
     "output layer, L = 1/2 sum_i (y_i* - a_i^{(L)})^2, a^{(L)} = sigma(z^{(L)}): every member of the delta_i^{(L)} chain (the loss under the derivative, -(y* - sigma(z)) sigma'(z), (a - y*) sigma'(z), (y-hat - y*) sigma'(z)) equals dL/dz_i^{(L)}; holds"),
]
MAR_DIRS = [
    ("The derivation is carried out for a single training example. Assume that we want the partial",
     "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: a^{(\\ell-1)}=input \\Wmatr^{(\\ell)}=kernel w^{(\\ell)}=kernel b^{(\\ell)}=bias z^{(\\ell)}=output a^{(\\ell)}=activation \\mathcal{L}=loss J=loss -->"),
    ("For the mean squared error loss and a single training example, the error signal of the $i$-th output",
     "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a^{(L-1)}=input z^{(L)}=output a^{(L)}=activation y^*=target \\mathcal{L}=loss -->"),
]
MAR_EXCL = [
    (r"z_i^{(\ell)} = \sum_{j=1}^{d_{\ell-1}} w^{(\ell)}_{i,j} \, a^{(\ell-1)}_j + b_i^{(\ell)},", "forward definition (pre-activation)"),
    (r"a_i^{(\ell)} = \sigma\!\left(z_i^{(\ell)}\right)  = ", "forward definition (activation)"),
    (r"= \sigma\left( \Wmatr^{(\ell)} \vec a^{(\ell-1)} + \vec b^{(\ell)} \right),", "forward definition (matrix form)"),
    (r"= \Wmatr^{(\ell)} \matr A^{(\ell-1)} + \vec b^{(\ell)} \vec 1^\top", "forward definition (batch, augmented matrix)"),
    (r"= \frac{1}{2}\left\| \vec{y}_n^* - \hat{\vec y}_n \right\|^2,", "loss definition"),
    (r"J(\Theta)", "cost definition (mean of the losses)"),
    (r"\frac{\partial z_i^{(\ell)}}{\partial w_{i,j}^{(\ell)}}.", "the chain rule dL/dw = dL/dz dz/dw (holds); left out for the 30% cap"),
    (r"z_i^{(\ell)} = \sum_{j} w_{i,j}^{(\ell)} a_j^{(\ell-1)} + b_i^{(\ell)},", "forward definition restated"),
    (r"\frac{\partial \mathcal{L}}{\partial z_i^{(\ell)}} \, a_j^{(\ell-1)}, \label{eq:partial3}", "dL/dw = dL/dz a_j and dL/db = dL/dz (hold); left out for the 30% cap"),
    (r"z_k^{(\ell+1)} = \sum_j w^{(\ell+1)}_{k,j} a_j^{(\ell)} + b_k^{(\ell+1)},", "forward definition of the next layer"),
    (r"\label{eq:backprop-recursion}", "the recursion before delta is named (holds; the same content as claim m_delta_rec); left out for the 30% cap"),
    (r"\delta_i^{(\ell)} := \frac{\partial \mathcal{L}}{\partial z_i^{(\ell)}}.", "definition of the error signal"),
]

# ---------------------------------------------------------------- weidehuang_mlp_derivation_zhtw
WEI = [
    ("w_delta2", r"(\mathbf{y} - \mathbf{t}) \odot g'(\mathbf{z}^{(2)})",
     "the backward section's own forward, y = g(z^{(2)}) = g(W^{(2)} h + b^{(2)}) with g an element-wise output activation (the row's g'(z^{(2)}) and its element-wise reading *未矩陣化 delta_k = (y_k - t_k) g'(z_k) say so; the softmax of the forward section is not this g), L = 1/2 sum_k (y_k - t_k)^2: delta^{(2)} = dL/dz^{(2)} = (y - t) (.) g'(z^{(2)}); holds (g sigmoid, tanh, identity; 4 outputs and other sizes)"),
    ("w_delta2_lin", r"\boldsymbol{\delta}^{(2)} = \mathbf{y} - \mathbf{t}",
     "a linear output (g' = 1, g the identity): delta^{(2)} = y - t; holds"),
    ("w_dW2", r"{\delta}^{(2)} \mathbf{h}^T",
     "W^{(2)} of size 4 x K (o_k = sum_j w_kj h_j): dL/dW^{(2)} = delta^{(2)} h^T; the middle member dL/dz . dz/dW is the chain rule; holds"),
    ("w_db2", r"\boldsymbol =\boldsymbol{\delta}^{(2)}",
     "dL/db^{(2)} = delta^{(2)}; holds"),
    ("w_delta1", r"(W^{(2)T} \boldsymbol{\delta}^{(2)}) \odot f'(\mathbf{z}^{(1)})",
     "h = f(z^{(1)}), z^{(1)} = W^{(1)} x + b^{(1)}: delta^{(1)} = dL/dz^{(1)} = (W^{(2)T} delta^{(2)}) (.) f'(z^{(1)}); holds (f tanh, ReLU, sigmoid)"),
    ("w_dW1", r"\boldsymbol{\delta}^{(1)} \mathbf{x}^T",
     "W^{(1)} of size K x N: dL/dW^{(1)} = delta^{(1)} x^T; holds"),
    ("w_db1", r"\frac{\partial L}{\partial \mathbf{b}^{(1)}} = \boldsymbol{\delta}^{(1)}",
     "dL/db^{(1)} = delta^{(1)}; holds"),
]
WEI_DIRS = [
    ("令輸出層輸出為 (let the output layer's output be):",
     "<!-- symbp: layer=fc in=3 out=4 weight=out-in names: \\mathbf{h}=input W^{(2)}=kernel \\mathbf{b}^{(2)}=bias \\mathbf{z}^{(2)}=output \\mathbf{y}=activation \\mathbf{t}=target L=loss -->"),
    ("將誤差往前傳遞 (propagate the error backwards):",
     "<!-- symbp: layer=fc in=2 out=3 weight=out-in names: \\mathbf{x}=input W^{(1)}=kernel \\mathbf{b}^{(1)}=bias \\mathbf{z}^{(1)}=output \\mathbf{h}=activation L=loss -->"),
]
WEI_EXCL = [
    (r"z_j = \sum_{i=1}^{N} w_{ji}^{(1)} x_i + b_j^{(1)}", "forward definition (hidden layer)"),
    (r"h_j = f(z_j)", "forward definition (hidden activation)"),
    (r"\mathbf{h} = f\big(W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}\big)", "forward definition (matrix form)"),
    (r"o_k = \sum_{j=1}^{K} w_{kj}^{(2)} h_j + b_k^{(2)}", "forward definition (output layer)"),
    (r"y_k = \frac{e^{o_k}}{\sum_{m=1}^{4} e^{o_m}}, \quad k = 1,2,3,4", "forward definition (softmax of the forward section)"),
    (r"\mathbf{o} = W^{(2)} \mathbf{h} + \mathbf{b}^{(2)}", "forward definition (matrix form)"),
    (r"\mathbf{y} = \text{softmax}(\mathbf{o})", "forward definition"),
    (r"L = \frac{1}{2} \sum_{k=1}^{4} (y_k - t_k)^2", "loss definition"),
    (r"L = \frac{1}{2} |\mathbf{y} - \mathbf{t}|^2", "loss definition (vector form)"),
    (r"\mathbf{y} = g(\mathbf{z}^{(2)}) = g(W^{(2)}\mathbf{h} + \mathbf{b}^{(2)})", "forward definition of the backward section (g element-wise)"),
    (r"W^{(l)} \leftarrow W^{(l)} - \eta \frac{\partial L}{\partial W^{(l)}}", "update rule (assignment)"),
]

# ---------------------------------------------------------------- henry54130_backward_zhtw
HEN = [
    ("h_chain", r"\frac{\partial L}{\partial \hat{y}} \cdot",
     "one neuron z = sum_i w_i x_i + b, y-hat = sigma(z), L = 1/2 (y - y-hat)^2: the chain dL/dw_i = dL/dy-hat . dy-hat/dz . dz/dw_i (scalar chain rule); holds (2, 3 and 5 inputs, sigmoid)"),
    ("h_dL_dyhat", r"\frac{\partial L}{\partial \hat{y}} = \hat{y} - y",
     "L = 1/2 (y - y-hat)^2: dL/dy-hat = y-hat - y; holds"),
    ("h_dyhat_dz", r"\frac{\partial \hat{y}}{\partial z} = \sigma'(z) = \hat{y}(1-\hat{y})",
     "sigma the sigmoid (the sentence before the row says so): dy-hat/dz = sigma'(z) = y-hat (1 - y-hat); holds"),
    ("h_dz_dw", r"\frac{\partial z}{\partial w_i} = x_i",
     "z = w_1 x_1 + w_2 x_2 + ... + b: dz/dw_i = x_i; holds"),
    ("h_dL_dw", r"= (\hat{y} - y) \cdot \hat{y}(1-\hat{y}) \cdot x_i",
     "dL/dw_i = (y-hat - y) y-hat (1 - y-hat) x_i; holds"),
]
HEN_DIRS = [
    ("每個權重的梯度 (the gradient of each weight):",
     "<!-- symbp: layer=fc in=3 out=1 names: x=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss -->"),
]
HEN_EXCL = [
    (r"z = w_1 x_1 + w_2 x_2 ...+ b", "forward definition"),
    (r"\hat{y} = \sigma(z)", "forward definition"),
    (r"L = \frac{1}{2}  (y - \hat{y})^2", "loss definition"),
    (r"w_i^{(t+1)} = w_i^{(t)} - \alpha \frac{\partial L}{\partial w_i}", "update rule"),
    (r"b^{(t+1)} = b^{(t)} - \alpha \frac{\partial L}{\partial b}", "update rule"),
]

# ---------------------------------------------------------------- henry54130_sigmoid_derivative_zhtw
SIG = [
    ("s_chain", r"= -1 \cdot (1 + e^{-x})^{-2} \cdot \frac{d}{dx}(1 + e^{-x})",
     "sigma(x) = 1/(1 + e^{-x}) = (1 + e^{-x})^{-1}: d sigma/dx = -1 (1 + e^{-x})^{-2} d/dx(1 + e^{-x}) (power and chain rule); holds (drawn x, d/dx(1 + e^{-x}) = -e^{-x})"),
    ("s_exp", r"= - (1 + e^{-x})^{-2} \cdot (-e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2}",
     "every member equals sigma'(x) = e^{-x}/(1 + e^{-x})^2; holds"),
    ("s_prod", r"= \sigma(x) \big( 1 - \sigma(x) \big)",
     "the row's members 1/(1 + e^{-x}) . e^{-x}/(1 + e^{-x}) and sigma(x)(1 - sigma(x)) equal sigma'(x); holds"),
    ("s_final", r"\sigma'(x) = \sigma(x)(1 - \sigma(x))",
     "sigma'(x) = sigma(x)(1 - sigma(x)); holds"),
]
SIG_DIRS = [
    ("## 1️⃣ Sigmoid 函數定義", "<!-- symbp: layer=activation name=sigmoid names: x=input \\sigma=output -->"),
]
SIG_EXCL = [
    (r"\sigma(x) = \frac{1}{1 + e^{-x}}", "definition of the sigmoid"),
    (r"\frac{d}{dx} \sigma(x)" + "\n", "the quantity to be found (no equation)"),
    (r"\sigma(x) = (1 + e^{-x})^{-1}", "the definition rewritten as a power"),
    (r"\frac{d}{dx}(1 + e^{-x}) = -e^{-x}", "a calculus step about e^{-x} alone (holds), no network quantity"),
    (r"1 - \sigma(x) = \frac{e^{-x}}{1 + e^{-x}}", "an algebraic identity of the sigmoid (holds), no derivative"),
]

# ---------------------------------------------------------------- xor_softmax_mlp_notes_zh
XOR = [
    ("x_sm_diag", r"= \sigma_i(z) * (1 - \sigma_i(z))",
     "sigma_i(z) = e^{z_i}/sum_j e^{z_j}, k classes, the case s = i: every member of the chain equals d sigma_i/dz_i = sigma_i (1 - sigma_i); holds (3, 4 and 5 classes, drawn z)"),
    ("x_sm_off", r"= - \sigma_s(z) \sigma_i(z)",
     "s != i: every member equals d sigma_i/dz_s = -sigma_s sigma_i; holds"),
    ("x_ce_general", r"= - \sum^{k}_{i=1} p(x_i) \frac{1}{\sigma_i(z)}",
     "L = -sum_i p(x_i) log sigma_i(z): dL/dz_s = -sum_i p(x_i) (1/sigma_i) d sigma_i/dz_s (the second row of the display; the first, -sum_i p(x_i) d log sigma_i/dz_s, too); holds (one-hot p and drawn distributions)"),
    ("x_ce_s_eq_i", r"= - \sum^{k}_{i=1} p(x_i)  (1 - \sigma_i(z))",
     "the row under 'if s = i' writes dL/dz_s as -sum_i p(x_i)(1 - sigma_i(z)), putting the diagonal term sigma_i(1 - sigma_i) into every term of the sum over i; the true dL/dz_s = -p_s (1 - sigma_s) + sum_{i != s} p_i sigma_s = sigma_s - p_s (sum p = 1), which differs (e.g. one-hot p on class c gives -(1 - sigma_c) for every s); refuted (every s, one-hot and distributions)"),
    ("x_dg_dw2", r"= g(a^2_{s,1})(1 - g(a^2_{s,1})) \  x^1_{s,j} \  \frac{\partial}{\partial w^2_{j,1}} (  w^2_{j,1} )",
     "rows are examples, a^2_{s,1} = x^1_{s,*} w^2_{*,1} + b^2_{s,1}, g the logistic sigmoid (the page's derivative g(1 - g) says so): d g(a^2_{s,1})/dw^2_{j,1} = g(a^2_s)(1 - g(a^2_s)) x^1_{s,j} (times d w/d w = 1); the chain's other members hold too; holds (batch m = 2, 3, 4)"),
    ("x_dL_dw2", r"(g( a^2_{s,1} ) - y_{s,1}) \ g(a^2_{s,1})(1 - g(a^2_{s,1})) \  x^1_{s,j}",
     "L = 1/(2m) sum_s (h^2_{s,1} - y_{s,1})^2 with h^2 = g(a^2): dL/dw^2_{j,1} = (1/m) sum_s (g(a^2_s) - y_s) g(a^2_s)(1 - g(a^2_s)) x^1_{s,j} (the last member; the earlier members of the chain hold too); holds"),
    ("x_dg_dw1", r"= g(a^2_{s,1})(1 - g(a^2_{s,1})) w^1_{i,j} g(a^{1}_{s,j}) (1 -  g(a^{1}_{s,j})) x^{0}_{s,i}",
     "a^1_{s,j} = x^0_{s,*} w^1_{*,j} + b^1_{s,j}, x^1 = g(a^1): d g(a^2_{s,1})/dw^1_{i,j} = g'(a^2_s) w^2_{j,1} g'(a^1_{s,j}) x^0_{s,i}; the row writes the first-layer weight w^1_{i,j} where the second-layer weight w^2_{j,1} belongs; refuted (drawn weights, w^1 != w^2)"),
    ("x_da2_dw1", r"=  w^1_{i,j} g(a^{1}_{s,j}) (1 -  g(a^{1}_{s,j})) \frac{\partial}{\partial w^1_{i,j}} a^{1}_{s,j}",
     "the chain for d a^2_{s,1}/dw^1_{i,j}: the member before it, w^2_{j,1} d g(a^1_{s,j})/dw^1_{i,j}, holds, but this member turns w^2_{j,1} into w^1_{i,j}: it should be w^2_{j,1} g'(a^1_{s,j}) da^1_{s,j}/dw^1_{i,j}; refuted"),
    ("x_dL_dw1", r"(g( a^2_{s,1} ) - y_{s,1}) g(a^2_{s,1})(1 - g(a^2_{s,1})) w^1_{i,j} g(a^{1}_{s,j})",
     "dL/dw^1_{i,j} = (1/m) sum_s (g(a^2_s) - y_s) g'(a^2_s) w^2_{j,1} g'(a^1_{s,j}) x^0_{s,i}; the last member carries w^1_{i,j} instead of w^2_{j,1}; refuted (the display's first member, (1/m) sum (g - y) d g(a^2)/dw^1, holds)"),
    ("x_dg_db1", r"\frac{\partial}{\partial b^1_{k,j}} g( a^2_{s,1} ) = \frac{\partial}{\partial b^1_{k,j}} ( x^1_{s,1} w^2_{1,1}",
     "b^1 an m x m bias matrix with entry b^1_{s,j} added to a^1_{s,j}: d g(a^2_{s,1})/db^1_{k,j} = g'(a^2_s) d a^2_{s,1}/db^1_{k,j}; the row drops g and writes d(x^1_{s,*} w^2_{*,1})/db^1 = d a^2_{s,1}/db^1, which lacks the factor g'(a^2_s) = g(1 - g) (never 1 for the sigmoid); refuted for k = s (for k != s both sides are 0)"),
]
XOR_DIRS = [
    ("softmax 把向量$z$ 变成概率 (softmax turns the vector $z$ into probabilities)",
     "<!-- symbp: layer=softmax classes=3 names: z=input \\sigma=output -->"),
    ("（Cross Entropy Loss with Softmax）",
     "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input \\sigma=output p=target L=loss -->"),
    ("### 第二层偏导 (second-layer derivatives)",
     "<!-- symbp: layer=fc in=3 out=1 batch=3 weight=in-out names: x^{1}=input x^1=input w^2=kernel b^2=bias a^2=output h^{2}=activation y=target \\mathcal{L}=loss -->"),
    ("### 第一层偏导 (first-layer derivatives)",
     "<!-- symbp: layer=fc in=2 out=3 batch=3 weight=in-out names: x^{0}=input w^1=kernel w^{1}=kernel b^1=bias a^{1}=output a^1=output x^{1}=activation h^{2}=activation y=target \\mathcal{L}=loss -->"),
]
XOR_EXCL = [
    (r"\sigma(z) = (\sigma_1(z), \cdots,\sigma_k(z))", "definition of the softmax (vector)"),
    (r"\sigma_i(z) = \frac{e^{z_{i}}}{\sum^k_{j=1} e^{z_{j}}}, \ i \in 1 \cdots k", "definition of the softmax (entry)"),
    (r"\frac{\partial}{\partial z_{s}} \sigma_i(z) = \frac{\partial}{\partial z_{s}} \bigg (", "the quotient rule applied to sigma_i for any s (holds); left out for the 30% cap"),
    (r"L = - \sum^{k}_{i=1} p(x_i)  log \ q(x_i)", "loss definition"),
    (r"L = - \sum^{k}_{i=1} p(x_i)  log \ \sigma_i(z)", "loss definition with the softmax substituted"),
    (r"= \frac{1}{\sigma_i(z)} ", "d log sigma_i / dz_s = (1/sigma_i) d sigma_i/dz_s, the derivative of the logarithm (a calculus step, holds)"),
    (r"L = -log \ \sigma_i(z)", "the loss for a one-hot label (definition)"),
    (r"L' = -log' \big( \sigma_i(z) \big) \ \sigma_i(z)'", "a derivative whose variable the row does not name (the chain rule for the logarithm; holds for any variable)"),
    (r"a^2_{s,1} = x^{1}_{s,*} \cdot w^2_{*,1} + b^2_{s,1}", "forward definition"),
    (r"x^{1}_{s,*} \cdot w^2_{*,1} = x^1_{s,1} w^2_{1,1}", "the row-times-column product written out (definition)"),
    (r"\frac{\partial}{\partial w^1_{i,j}} a^{1}_{s,j} = \frac{\partial}{\partial w^1_{i,j}}(x^{0}_{s,1}", "d a^1_{s,j}/dw^1_{i,j} = x^0_{s,i} (holds); left out for the 30% cap"),
    (r"x^{1}_{s,j} = g(a^{1}_{s,j})", "forward definition"),
    (r"a^{1}_{s,j} = x^{0}_{s,*} \cdot w^{1}_{*,j}", "forward definition (written without the bias b^1 the bias section adds)"),
    (r"\frac{\partial}{\partial b^1_{k,j}} \mathcal{L} = \frac{\partial}{\partial b^1_{k,j}}", "dL/db^1_{k,j} = (1/m) sum_s (g(a^2_s) - y_s) d g(a^2_s)/db^1_{k,j} (holds); left out for the 30% cap"),
    (r"( x^1_{s,j} w^2_{j,1} ),  if \ k = s", "the k = s case of the same slip as claim x_dg_db1 (its members lack g'(a^2_s); refuted); left out for the 30% cap"),
    (r"\frac{\partial}{\partial b^1_{s,j}} (a^1_{s,j}) = ", "d a^1_{s,j}/db^1_{s,j} = 1 (holds); left out for the 30% cap"),
    (r"\frac{\partial}{\partial b^1_{k,j}} g( a^2_{s,1} ) = 0,  if \ k \neq s", "zero for k != s (holds); left out for the 30% cap"),
]

TABLE = {
    "markusthill_backprop_en.md": ("mar", MAR, MAR_DIRS, MAR_EXCL),
    "weidehuang_mlp_derivation_zhtw.md": ("wei", WEI, WEI_DIRS, WEI_EXCL),
    "henry54130_backward_zhtw.md": ("hen", HEN, HEN_DIRS, HEN_EXCL),
    "henry54130_sigmoid_derivative_zhtw.md": ("sig", SIG, SIG_DIRS, SIG_EXCL),
    "xor_softmax_mlp_notes_zh.md": ("xor", XOR, XOR_DIRS, XOR_EXCL),
}
