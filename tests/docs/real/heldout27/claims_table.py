"""The twenty-seventh held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout27.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

VIE = [
    ("chain", r"\cdot \frac{\partial z}{\partial \textbf{w}}", "one example, z = w^T x, y-hat = sigmoid(z), J = -(y log y-hat + (1 - y) log(1 - y-hat)): dJ/dw = (dJ/dy-hat)(dy-hat/dz)(dz/dw), the chain rule through the scalars y-hat and z (dz/dw = x a vector); checked entrywise on drawn x, w, y in (0, 1)"),
    ("dJ_dyhat", r"= - \frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}", "dJ/dy-hat = -y/y-hat + (1 - y)/(1 - y-hat) (y read as the example's y_i)"),
    ("dyhat_dz", r"\frac{e^{-z}}{(1 + e^{-z})^2} =\hat{y}(1 - \hat{y})", "dy-hat/dz = e^{-z}/(1 + e^{-z})^2 = y-hat(1 - y-hat), every member"),
    ("dz_dw", r"\frac{\partial z}{\partial \textbf{w}} = \textbf{x}", "z = w^T x: dz/dw = x"),
    ("dJ_dw", r"= (\hat{y}_i - y_i)\textbf{x}_i", "the product of the three factors: dJ/dw = (y-hat_i - y_i) x_i (checked against autograd with y_i in {0, 1} and drawn in (0, 1))"),
]
VIE_DIRS = [
    ("## Đạo hàm của loss function\n", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\textbf{x}=input \\textbf{x}_i=input \\textbf{w}=kernel z=output \\hat{y}=activation \\hat{y_i}=activation \\hat{y}_i=activation y=target y_i=target J=loss -->"),
]
VIE_EXCL = [
    (r"\textbf{w}_{new} = \textbf{w}_{old} - \alpha \cdot \nabla J(\textbf{w})", "update rule"),
    (r"J(\textbf{w}; \textbf{x}_i, y_i) = - (y_i\log(\hat{y_i})", "definition of the loss"),
    (r"\textbf{w} = \textbf{w} - \alpha (\hat{y}_i - y_i)\textbf{x}_i", "update rule"),
]

IDN = [
    ("chain", r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial z} \cdot \frac{\partial z}{\partial w}", "z = w x + b, L any function of z: dL/dw = (dL/dz)(dz/dw)"),
    ("dL_da", r"\frac{\partial L}{\partial a} = -(y - a) = 0.1", "L = (1/2)(y - a)^2 with y = 1, a = ReLU(1.1) = 1.1: dL/da = -(y - a) = 0.1, both members"),
    ("da_dz", r"\frac{\partial a}{\partial z} = 1 \quad", "a = ReLU(z), z = 1.1 > 0: da/dz = 1"),
    ("dz_dw_num", r"\frac{\partial z}{\partial w} = x = 2", "z = w x + b: dz/dw = x = 2"),
    ("dL_dw_num", r"\frac{\partial L}{\partial w} = 0.1 \cdot 1 \cdot 2 = 0.2", "the example: dL/dw = (dL/da)(da/dz)(dz/dw) = 0.1 * 1 * 2 = 0.2 (autograd on x = 2, w = 0.5, b = 0.1, y = 1: 0.2), every member"),
]
IDN_DIRS = [
    ("## 5.2 Backpropagation dan Turunan Parsial\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output a=activation y=target L=loss -->"),
]
IDN_EXCL = [
    ("\\frac{\\partial z}{\\partial w} = x\n$$", "holds (z = w x + b); the row is the start of the example's row dz/dw = x = 2, so no fragment names it alone"),
    (r"z = w \cdot x + b = 0.5 \cdot 2 + 0.1 = 1.1 \\", "forward values"),
    (r"a = \text{ReLU}(1.1) = 1.1 \\", "forward value"),
    (r"L = \frac{1}{2}(y - a)^2 = \frac{1}{2}(1 - 1.1)^2 = 0.005", "forward value of the loss"),
]

AKT = [
    ("sig_d", r"\frac{d\sigma(z)}{dz} = \sigma(z)(1 - \sigma(z))", "sigma(z) = 1/(1 + e^{-z}): sigma'(z) = sigma(z)(1 - sigma(z))"),
    ("tanh_d", r"\frac{d\tanh(z)}{dz} = 1 - \tanh^2(z)", "tanh'(z) = 1 - tanh^2(z)"),
    ("relu_d", r"f'(x) = \begin{cases} 1,", "f = ReLU: f'(x) = 1 for x > 0, 0 for x < 0 (x = 0 left out by the row itself)"),
    ("relu_ind", r"f'(x) = \mathbb{I}(x > 0)", "f'(x) = I(x > 0), the case form giving 0 for x <= 0: holds away from 0 (checked on draws kept at least 0.2 from 0; at 0 the text states the subgradient convention 0)"),
    ("dying", r"\frac{\partial \mathcal{L}}{\partial a} \cdot 0 \cdot \mathbf{x} = \mathbf{0}", "a = ReLU(z), z = w^T x + b < 0 (the section's condition, z drawn negative): dL/dw = (dL/da) ReLU'(z) x = (dL/da) 0 x = 0, every member"),
]
AKT_DIRS = [
    ("### 3.2. Fungsi Sigmoid (Logistik)\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma(z)=output \\sigma=activation -->"),
    ("### 3.4. Fungsi Tangen Hiperbolik (Tanh)\n", "<!-- symbp: layer=activation name=tanh names: z=input \\tanh(z)=output -->"),
    ("### 3.5. Rectified Linear Unit (ReLU)\n", "<!-- symbp: layer=activation name=relu names: x=input f=activation f(x)=output -->"),
    ("### 3.6. Sindrom Dying ReLU\n", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{x}=input \\mathbf{w}=kernel b=bias z=output a=activation f=activation \\mathcal{L}=loss -->"),
]
AKT_EXCL = [
    (r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$", "definition of the sigmoid"),
    (r"\sigma'(z) = \sigma(z)(1 - \sigma(z)) \le 0.25", "restates the derivative above (the subsection's formula field) with its bound"),
    (r"\mathbf{h}^{(l)} = \sigma(\mathbf{z}^{(l)}), \quad", "forward definition"),
    (r"\prod_{l=2}^{L} \left( \mathbf{W}^{(l)} \cdot \operatorname{diag}", "ambiguous: the order of the non-commuting factors in the product and the shapes (a gradient row times the row (h^{(0)})^T) are not settled by the text; left out"),
    (r"\prod_{l=1}^{10} \sigma'(z^{(l)}) \le (0.25)^{10}", "a bound, no gradient"),
    (r"\left\| \frac{\partial \mathcal{L}}{\partial \mathbf{z}^{(1)}} \right\| \le", "a norm bound, no gradient"),
    (r"= 2\sigma(2z) - 1", "definition of tanh and an identity"),
    (r"\tanh'(z) = 1 - \tanh^2(z) \le 1.0", "restates the derivative above (the subsection's formula field)"),
    (r"f(x) = \max(0, x) = \begin{cases}", "definition of ReLU"),
    (r"f(z_i) = 0, \quad \forall i \in \mathcal{D}", "forward value"),
    (r"\Delta \mathbf{w} = -\eta \cdot \mathbf{0}", "update rule (with the derivative f'(z) = 0 for z < 0, already in the rows above)"),
]

MOD = [
    ("delta_chain", r"= \sum_{k} \frac{\partial \mathcal{L}}{\partial a_k^{(L)}} \frac{\partial a_k^{(L)}}{\partial z_j^{(L)}}", "a^{(L)} = sigma(z^{(L)}), L any function of a^{(L)}: dL/dz_j^{(L)} = sum_k (dL/da_k)(da_k/dz_j) (the Jacobian of sigma from autograd), every member"),
    ("delta_vec", r"\boldsymbol{\delta}^{(L)} = \nabla_{\mathbf{a}^{(L)}} \mathcal{L} \odot \sigma'\left(\mathbf{z}^{(L)}\right)", "sigma elementwise: delta^{(L)} = grad_a L entrywise sigma'(z^{(L)})"),
    ("delta_softmax", r"\mathbf{\boldsymbol{\delta}^{(L)} = \hat{\mathbf{y}} - \mathbf{y}}", "y-hat = softmax(z^{(L)}), L = -sum_k y_k log y-hat_k with one-hot y: dL/dz^{(L)} = y-hat - y (also sigmoid with binary cross-entropy, the text's other case)"),
    ("dz_dz", r"\frac{\partial z_k^{(l+1)}}{\partial z_j^{(l)}} = W_{jk}^{(l+1)} \cdot \sigma'\left(z_j^{(l)}\right)", "z_k^{(l+1)} = sum_j W_{jk}^{(l+1)} sigma(z_j^{(l)}) + b_k^{(l+1)}: dz_k^{(l+1)}/dz_j^{(l)} = W_{jk}^{(l+1)} sigma'(z_j^{(l)})"),
    ("delta_mat", r"\mathbf{\boldsymbol{\delta}^{(l)} = \left(\mathbf{W}^{(l+1)T} \boldsymbol{\delta}^{(l+1)}\right) \odot \sigma'\left(\mathbf{z}^{(l)}\right)}", "in the module's layout W^{(l+1)} is n_l x n_{l+1} and z^{(l+1)} = W^{(l+1)T} a^{(l)} + b (its own index sum two rows above), so delta^{(l)} = (W^{(l+1)} delta^{(l+1)}) entrywise sigma'(z^{(l)}); with the transpose the product is undefined when n_l != n_{l+1} and wrong for square drawn W (refuted at sizes (3, 4, 2) and (3, 3, 3))"),
    ("dW_ij", r"= \delta_j^{(l)} a_i^{(l-1)} = a_i^{(l-1)} \delta_j^{(l)}", "z_j^{(l)} = sum_i W_{ij}^{(l)} a_i^{(l-1)} + b_j^{(l)}: dL/dW_{ij}^{(l)} = delta_j^{(l)} a_i^{(l-1)}, every member"),
]
MOD_DIRS = [
    ("### 3.2 Persamaan 1: Galat pada Lapisan Luaran\n", "<!-- symbp: layer=activation name=sigmoid names: \\mathbf{z}^{(L)}=input z_j^{(L)}=input \\mathbf{a}^{(L)}=output a_k^{(L)}=output \\sigma=activation \\mathcal{L}=loss -->"),
    ("#### Kasus Khusus Populer\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: \\mathbf{z}^{(L)}=input \\hat{\\mathbf{y}}=output \\mathbf{y}=target \\mathcal{L}=loss -->"),
    ("### 3.3 Persamaan 2: Perambatan Galat ke Lapisan Tersembunyi\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: a^{(l)}=input \\mathbf{W}^{(l+1)}=kernel W=kernel b^{(l+1)}=bias z^{(l+1)}=output \\mathbf{z}^{(l)}=input \\sigma=activation \\mathcal{L}=loss -->"),
    ("### 3.4 Persamaan 3: Laju Perubahan terhadap Bias\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: a^{(l-1)}=input \\mathbf{A}^{(l-1)}=input W=kernel \\mathbf{W}^{(l)}=kernel b^{(l)}=bias z^{(l)}=output \\mathcal{L}=loss J=loss -->"),
]
MOD_EXCL = [
    (r"\nabla_{\mathbf{W}^{(l)}} \mathcal{L} = \frac{\partial \mathcal{L}}{\partial \mathbf{W}^{(l)}}, \quad", "notation (the gradient named)"),
    (r"\delta_j^{(l)} \equiv \frac{\partial \mathcal{L}}{\partial z_j^{(l)}}", "definition of delta"),
    (r"z_k^{(l+1)} = \sum_{j} W_{jk}^{(l+1)} a_j^{(l)} + b_k^{(l+1)} =", "forward definition"),
    (r"= \sum_{k} \delta_k^{(l+1)} \frac{\partial z_k^{(l+1)}}{\partial z_j^{(l)}}", "holds (chain rule through z^{(l+1)}); left out of the score (30% cap)"),
    (r"\sigma'\left(z_j^{(l)}\right) = \left(\sum_{k} W_{jk}^{(l+1)} \delta_k^{(l+1)}\right)", "holds (the index form of the backward rule, without the transpose); left out of the score (30% cap)"),
    (r"= \delta_j^{(l)} \cdot 1 = \delta_j^{(l)}", "holds; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial \mathcal{L}}{\partial \mathbf{b}^{(l)}} = \boldsymbol{\delta}^{(l)}}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial J}{\partial \mathbf{b}^{(l)}} = \frac{1}{B} \sum_{i=1}^{B}", "holds with J the batch mean and delta^{(l,i)} the per-sample dL_i/dz; left out of the score (30% cap)"),
    (r"\mathbf{\frac{\partial \mathcal{L}}{\partial \mathbf{W}^{(l)}} = \mathbf{A}^{(l-1)T} \boldsymbol{\delta}^{(l)}}", "holds for the batch read with samples as rows (A^{(l-1)}: B x n_{l-1}, delta: B x n_l); for one sample as column vectors it would need a delta^T; left out of the score (30% cap and the reading)"),
    (r"\frac{\partial J}{\partial \mathbf{W}^{(l)}} = \frac{1}{B} \mathbf{A}^{(l-1)T}", "holds in the rows reading with J the batch mean; left out of the score (30% cap)"),
    (r"\mathbf{W}^{(l)} \leftarrow \mathbf{W}^{(l)} - \eta", "update rule"),
    (r"\mathbf{b}^{(l)} \leftarrow \mathbf{b}^{(l)} - \eta", "update rule"),
]

TABLE = {
    "nhattien_logistic_loss_vi.md": ("vie", VIE, VIE_DIRS, VIE_EXCL),
    "ai_catatan_relu_example_id.md": ("idn", IDN, IDN_DIRS, IDN_EXCL),
    "dl_kurikulum_aktivasi_id.md": ("akt", AKT, AKT_DIRS, AKT_EXCL),
    "ai_modul_backprop_sawit_id.md": ("mod", MOD, MOD_DIRS, MOD_EXCL),
}
