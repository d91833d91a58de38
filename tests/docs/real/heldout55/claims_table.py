"""The fifty-fifth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout55.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- nikopj_chain_rule_conv1d_en
NIK = [
    ("sol_chain", r"= \sum_{i=1}^N \frac{\partial \hat{\mathbf{y}}[i]}{\partial \mathbf{h}[m]} \left(\hat{\mathbf{y}}[i] - \mathbf{y}[i] \right)",
     "1-D true convolution with zero padding, y-hat[n] = sum_{m=-M}^{M} h[m] x[n-m] for n = 1..N (x zero outside 1..N), L = 1/2 ||y - h * x||^2: dL/dh[m] = sum_i dy-hat[i]/dh[m] (y-hat[i] - y[i]) (scalar chain rule over the N outputs); holds (N, M drawn: 6/1, 5/2, 8/2, 3/2, two draws each)"),
    ("sol_x", r"= \sum_{i=1}^N \mathbf{x}[i-m] \left(\hat{\mathbf{y}}[i] - \mathbf{y}[i] \right) \\",
     "dy-hat[i]/dh[m] = x[i-m] (zero where i-m is outside 1..N): dL/dh[m] = sum_i x[i-m] (y-hat[i] - y[i]) for every -M <= m <= M; holds"),
    ("sol_conv", r"= \sum_{i=1}^N \mathbf{x}[i-m] \left((\mathbf{h} \ast \mathbf{x})[i] - \mathbf{y}[i] \right)",
     "the same with y-hat written out as (h * x)[i]; holds"),
    ("flip_sum", r"= \sum_{i=1}^N \vec{\mathbf{x}}[m-i] \left(\hat{\mathbf{y}}[i] - \mathbf{y}[i] \right),",
     "x-vec[n] = x[-n], so x-vec[m-i] = x[i-m]: dL/dh[m] = sum_i x-vec[m-i] (y-hat[i] - y[i]); holds"),
    ("flip_conv", r"\left(\frac{\partial \mathcal{L}}{\partial \mathbf{h}}\right)[m] = \left((\hat{\mathbf{y}} - \mathbf{y}) \ast \vec{\mathbf{x}} \right)[m],",
     "* read with the page's own definition (u * v)[m] = sum_i u[i] v[m-i], y-hat - y zero outside 1..N (the page says so): ((y-hat - y) * x-vec)[m] = sum_i (y-hat - y)[i] x[i-m] = dL/dh[m] for -M <= m <= M; holds"),
    ("jac_chain", r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}} = \frac{\partial \mathcal{L}}{\partial \hat{\mathbf{y}}}\frac{\partial \hat{\mathbf{y}}}{\partial \mathbf{h}},",
     "Jacobians with a row per output: the 1 x (2M+1) row dL/dh equals the 1 x N row dL/dy-hat times the N x (2M+1) Jacobian dy-hat/dh; holds"),
    ("jac_L", r"\frac{\partial \mathcal{L}}{\partial \hat{\mathbf{y}}[j]} = \hat{\mathbf{y}}[j] - \mathbf{y}[j]",
     "L = 1/2 sum (y - y-hat)^2 as a function of y-hat: dL/dy-hat[j] = y-hat[j] - y[j]; holds"),
    ("jac_conv", r"\frac{\partial \hat{\mathbf{y}}[i]}{\partial \mathbf{h}[j]} = \mathbf{x}[i-j]",
     "every entry of the convolution's Jacobian, 1 <= i <= N, -M <= j <= M, equals x[i-j] (zero outside 1..N); holds"),
    ("jac_sum", r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}[m]} = \sum_{i=1}^N \frac{\partial \mathcal{L}}{\partial \hat{\mathbf{y}}[i]}\frac{\partial \hat{\mathbf{y}}[i]}{\partial \mathbf{h}[m]}",
     "the matrix product written entry by entry: dL/dh[m] = sum_i dL/dy-hat[i] dy-hat[i]/dh[m]; holds"),
    ("jac_final", r"= \sum_{i=1}^N \mathbf{x}[i-m](\hat{\mathbf{y}}[i] - \mathbf{y}[i]),",
     "dL/dh[m] = sum_i x[i-m] (y-hat[i] - y[i]); holds"),
]
_NIK_NAMES = r"names: \mathbf{x}=input \mathbf{h}=kernel \hat{\mathbf{y}}=output \mathbf{y}=target \mathcal{L}=loss"
NIK_DIRS = [
    ("## The quiz", "<!-- symbp: layer=conv1d input=6 kernel=3 padding=1 conv=true index_base=1 " + _NIK_NAMES + " -->"),
    ("## Solution\n", "<!-- symbp: layer=conv1d input=6 kernel=3 padding=1 conv=true index_base=1 " + _NIK_NAMES + " -->"),
    ("## On using the multi-dimensional chain-rule", "<!-- symbp: layer=conv1d input=6 kernel=3 padding=1 conv=true index_base=1 " + _NIK_NAMES + " -->"),
    ("## Solution: the Jacobian way", "<!-- symbp: layer=conv1d input=6 kernel=3 padding=1 conv=true index_base=1 " + _NIK_NAMES + " -->"),
]
NIK_EXCL = [
    (r"\mathcal{L}(\mathbf{y}, \, \mathbf{x}; \, \mathbf{h}) = \frac{1}{2}\left\|\mathbf{y} - \mathbf{h} \ast \mathbf{x}\right\|_2^2.", "loss definition"),
    (r"(\mathbf{h} \ast \mathbf{x})[n] = \sum_{m=-M}^M \mathbf{h}[m] \mathbf{x}[n-m], \quad  1 \leq n \leq N.", "forward definition (1-D convolution with zero padding)"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}[m]} , \quad \text{ for } -M \leq m \leq M.", "the quantity the quiz asks for (no equation)"),
    (r"= \frac{\partial }{\partial \mathbf{h}[m]} \left( \frac{1}{2}\sum_{i=1}^N \left( \mathbf{y}[i] - \hat{\mathbf{y}}[i] \right)^2 \right)", "the loss written out under the derivative (a definition)"),
    (r"\frac{\partial (f\circ g)}{\partial x} = f^\prime(g(x)) g^\prime(x)", "a calculus reminder (scalar chain rule), no network quantity"),
    (r"\frac{\partial (f\circ g)}{\partial x} = \frac{\partial f}{\partial g}\Bigm\lvert_{g(x)} \frac{\partial g}{\partial x} \Bigm\lvert_{x}, \tag{vec_chain}", "a calculus reminder (vector chain rule), no network quantity"),
    (r"\left(\frac{\partial f}{\partial g}\right)_{ij} = \frac{\partial f_i}{\partial g_j}", "definition of the Jacobian"),
    (r"\left(\frac{\partial f}{\partial x}\right)_{ij} = \sum_{k=1}^K", "a calculus reminder (the chain rule entry by entry), no network quantity"),
]

# ---------------------------------------------------------------- cv130413_softmax_sigmoid_en
CVM = [
    ("chain", r"\frac{\partial}{\partial \theta_{ij}}t_k \log y_k = t_k \frac{d\log y_k}{dy_k} \frac{\partial y_k}{\partial z_j} \frac{dz_j}{da_j} \frac{\partial a_j}{\partial \theta_{ij}}",
     "one example (the row drops n): a = theta^T x, so a_j = sum_i theta_ij x_i; z = sigma(a) entrywise (the final hidden layer has K units, one per class, since y_k uses z_k); y = softmax(z); only z_j depends on theta_ij, so d(t_k log y_k)/dtheta_ij = t_k (1/y_k) dy_k/dz_j dz_j/da_j da_j/dtheta_ij for every k, i, j; holds (1-of-K targets; nin, K, N = 3/4/5, 2/3/2, 4/2/3; two draws each)"),
    ("dlog", r"\frac{d\log y_k}{dy_k} = \frac{1}{y_k}",
     "d log y_k / dy_k = 1/y_k at the network's outputs; holds"),
    ("sm_quot", r"\frac{\partial y_k}{\partial z_j} = \frac{\delta_{jk}e^{z_k}(\sum_{l=1}^K e^{z_l}) - e^{z_k}e^{z_j}}{(\sum_{l=1}^K e^{z_l})^2}",
     "softmax over the K classes (the definition's upper bound 'k' read as K, the bound every later row writes): the quotient-rule member equals dy_k/dz_j for all j, k; holds"),
    ("sm_split", r"= \frac{\delta_{jk}e^{z_k}}{\sum_{l=1}^K e^{z_l}} - \frac{e^{z_k}}{\sum_{l=1}^K e^{z_l}}\frac{e^{z_j}}{\sum_{l=1}^K e^{z_l}}",
     "the split member equals dy_k/dz_j; holds"),
    ("sm_prod", r"= \delta_{jk}y_k - y_ky_j",
     "delta_jk y_k - y_k y_j = dy_k/dz_j; holds"),
    ("sm_final", r"= y_k(\delta_{jk} - y_j)",
     "y_k (delta_jk - y_j) = dy_k/dz_j; holds"),
    ("dsig", r"\frac{d z_j}{da_j} = \frac{d}{da_j} \sigma(a_j)) = \frac{d}{da_j} \frac{1}{1+e^{-a_j}} = \frac{e^{a_j}}{(1+e^{-a_j})^2}",
     "z_j = sigma(a_j), the logistic sigmoid: the middle members are dsigma/da, but the last member e^{a}/(1+e^{-a})^2 is not its value e^{-a}/(1+e^{-a})^2 = sigma(a)(1 - sigma(a)) (they agree only at a = 0); refuted (drawn a)"),
    ("da", r"\frac{\partial a_j}{\partial \theta_{ij}} = x_i",
     "a_j = sum_i theta_ij x_i: da_j/dtheta_ij = x_i; holds"),
    ("final", r"\frac{\partial E}{\partial \theta_{ij}} = -\sum_{n=1}^N \sum_{k=1}^{K} t_k^n(\delta_{jk} - y_j^n)\frac{e^{a_j^n}}{(1+e^{-a_j^n})^2}x_i^n",
     "E summed over the N examples: dE/dtheta_ij = -sum_n sum_k t_k (delta_jk - y_j) sigma'(a_j) x_i = sum_n (y_j - t_j) sigma'(a_j) x_i; the row carries the wrong sigmoid derivative e^{a}/(1+e^{-a})^2 of the row above, so it differs from the gradient; refuted (the same row with sigma(a)(1 - sigma(a)) holds, checked as a control)"),
]
_CVM_FC = "<!-- symbp: layer=fc in=3 out=4 batch=5 weight=in-out names: x=input \\theta=kernel a=output z=activation t=target E=loss -->"
CVM_DIRS = [
    ("## Question", _CVM_FC),
    ("Where:", "<!-- symbp: layer=softmax classes=4 target=one-hot names: z=input y=output t=target E=loss -->"),
    ("$$\n\\begin{eqnarray} \\frac{d z_j}{da_j}", "<!-- symbp: layer=activation name=sigmoid names: a=input z=output -->"),
    ("$$\n\\begin{eqnarray} \\frac{\\partial a_j}{\\partial \\theta_{ij}}", _CVM_FC),
]
CVM_EXCL = []

# ---------------------------------------------------------------- cv235528_softmax_ce_en
SCE = [
    ("chain", r"\frac{\partial E} {\partial w_{ij}}=\frac{\partial E} {\partial o_j} \frac{\partial o_j} {\partial z_{j}} \frac{\partial z_j} {\partial w_{ij}}",
     "z_j = sum_i w_ij o_i + b, o = softmax(z), E = -sum_j t_j log o_j: w_ij reaches E through z_j and then through every o_k (softmax couples them), so dE/dw_ij = sum_k dE/do_k do_k/dz_j o_i = (o_j - t_j) o_i (one-hot t); the single product keeps only k = j and gives -t_j (1 - o_j) o_i, which is 0 instead of o_j o_i for every j that is not the target; refuted (one-hot targets; 3, 4 and 5 classes; also with a target distribution)"),
    ("dz", r"\frac{\partial z_j} {\partial w_{ij}}=o_i",
     "dz_j/dw_ij = o_i; holds"),
    ("dE_do", r"\frac{\partial E} {\partial o_j} = \frac{-t_j}{o_j}",
     "E(t, o) = -sum_j t_j log o_j as a function of o: dE/do_j = -t_j/o_j; holds"),
    ("quot", r"\frac{\partial o_b} {\partial z_{b}}=\frac{e^{z_b}*\sum e^z - (e^{z_b})^2}{(\sum_j e^{z})^2}=\frac{e^{z_b}}{\sum e^z}-\frac{(e^{z_b})^2}{(\sum e^z)^2}",
     "three classes a, b, c (the page's example; also checked with four and five), the sums over all classes, * a product: both members equal do_b/dz_b; holds"),
    ("final", r"=softmax(b)-softmax^2(b)=o_b-o_b^2=o_b(1-o_b)",
     "softmax(b) - softmax(b)^2 = o_b - o_b^2 = o_b (1 - o_b) = do_b/dz_b; holds"),
]
SCE_DIRS = [
    ("## Question", "<!-- symbp: layer=fc in=3 out=3 weight=in-out names: o=activation w=kernel b=bias z=output t=target E=loss -->"),
    ("Let's say we have three output neurons", "<!-- symbp: layer=softmax classes=3 names: z=input o=output t=target E=loss -->"),
]
SCE_EXCL = [
    (r"E(t,o)=-\sum_j t_j \log o_j", "loss definition"),
    (r"o_j=softmax(z_j)=\frac{e^{z_j}}{\sum_j e^{z_j}}", "forward definition (softmax)"),
    (r"z_j=\sum_i w_{ij}o_i+b", "forward definition"),
    (r"\frac{\partial o_j} {\partial z_{j}}=\frac{\partial} {\partial z_{j}} \frac{e^{z_j}}{\sum_j e^{z_j}}", "restates the derivative with the softmax written under it (a definition)"),
    (r"o_b=\frac{e^{z_b}}{\sum e^{z}}=\frac{e^{z_b}}{e^{z_a}+e^{z_b}+e^{z_c}}", "forward definition for three classes"),
]

# ---------------------------------------------------------------- ms1731965_sigmoid_softmax_en
MSQ = [
    ("chain", r"\frac{\partial E}{\partial W_{ik}}=\frac{\partial E}{\partial z_i}\frac{\partial z_i}{\partial{W_{ik}}}",
     "x a 1 x n row, W = [W_1 ... W_m] n x m with columns W_i, z = sigma(x W) entrywise, y = softmax(z), E = -sum t_j log y_j; W_ik read as the k-th entry of the column W_i (the weight from x_k to z_i), as the asker's own next sentence says (dz_i/dW_ik = sigma'(x W_i) x_k): only z_i depends on it, so dE/dW_ik = dE/dz_i dz_i/dW_ik; holds (t a drawn distribution and one-hot; n, m = 3/4, 2/3, 4/2).  Under the other reading (W_ik the matrix entry in row i, column k) the row would fail"),
]
MSQ_DIRS = [
    ("## Question", "<!-- symbp: layer=fc in=3 out=4 weight=rows names: x=input W=kernel z=activation y=activation t=target E=loss -->"),
]
MSQ_EXCL = [
    (r"E=-\sum_{j=1}^m t_j\log y_j", "loss definition"),
]

TABLE = {
    "nikopj_chain_rule_conv1d_en.md": ("nik", NIK, NIK_DIRS, NIK_EXCL),
    "cv130413_softmax_sigmoid_en.md": ("cvm", CVM, CVM_DIRS, CVM_EXCL),
    "cv235528_softmax_ce_en.md": ("sce", SCE, SCE_DIRS, SCE_EXCL),
    "ms1731965_sigmoid_softmax_en.md": ("msq", MSQ, MSQ_DIRS, MSQ_EXCL),
}
