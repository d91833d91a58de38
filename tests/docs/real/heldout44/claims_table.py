"""The forty-fourth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout44.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- liorsinai_layernorm_backprop_en
LIO_W = ("one vector x of n entries, mu its mean, sigma its population (1/n) standard deviation, "
         "z_k = a (x_k - mu)/(sigma + eps) + b with eps added to sigma (the page's forward)")
LIO = [
    ("chain", r"\frac{\partial L}{\partial x} = \frac{\partial z}{\partial x} \frac{\partial L}{\partial z}",
     LIO_W + "; dz/dx laid out as the page's matrix shows (row i = x_i, column k = z_k): dL/dx = (dz/dx) dL/dz; holds (a = 1, b = 0 as the section says, and drawn a, b; n = 3, 4, 6)"),
    ("zk_b", r"= (\sigma + \epsilon)^{-1}\frac{\partial }{\partial x_i}(x_k -\mu) + (x_k -\mu)\frac{\partial }{\partial x_i}(\sigma + \epsilon)^{-1}",
     "trainable parameters ignored (a = 1, b = 0): the product-rule row equals dz_k/dx_i for every i, k (each factor's derivative by autograd); holds"),
    ("zk_c", r"(x_k -\mu)(\sigma + \epsilon)^{-2}\left(\frac{\partial \sigma}{\partial x_i} + 0\right)",
     "the row (1/(sigma+eps)) (delta_ik - dmu/dx_i) - (x_k - mu)(sigma+eps)^{-2} (dsigma/dx_i + 0), with dmu/dx_i and dsigma/dx_i the true derivatives, equals dz_k/dx_i (a = 1); holds"),
    ("zk_d", r"\frac{x_k -\mu}{(\sigma + \epsilon)^{2}}\frac{\partial \sigma}{\partial x_i}",
     "the last row of the dz_k/dx_i chain (the same quantity rewritten) equals dz_k/dx_i (a = 1); holds"),
    ("mu", r"\frac{1}{n}(0 + ... + 0 + 1 + 0 + ... + 0)",
     "mu = (1/n) sum_r x_r: dmu/dx_i = (1/n)(0 + ... + 1 + ... + 0) = 1/n; every member holds"),
    ("s_b", r"= \frac{1}{2}\left( \frac{1}{n}\sum^n_r (x_r - \mu)^2 \right)^{-\frac{1}{2}}",
     "sigma = ((1/n) sum (x_r - mu)^2)^{1/2}: the chain-rule row (1/2)(var)^{-1/2} d(var)/dx_i, with d(var)/dx_i the true derivative of the variance (mu depending on x), equals dsigma/dx_i; holds"),
    ("s_c", r"= \frac{1}{2\sigma}\left(\frac{1}{n}\sum^n_{r}2(x_r - \mu)",
     "the row (1/(2 sigma)) ((1/n) sum_r 2 (x_r - mu)(delta_ir - dmu/dx_i)) equals dsigma/dx_i; holds"),
    ("s_d", r"= \frac{1}{n\sigma}\left((x_i -\mu) - \sum^n_r (x_r -  \mu)\frac{\partial \mu}{\partial x_i} \right)",
     "the row (1/(n sigma)) ((x_i - mu) - sum_r (x_r - mu) dmu/dx_i) equals dsigma/dx_i; holds"),
    ("s_e", r"= \frac{x_i -\mu}{n\sigma}",
     "dsigma/dx_i = (x_i - mu)/(n sigma) for the population standard deviation; holds"),
    ("sum_zk", r"\frac{\partial z_k}{\partial x_i} = a\left(",
     "with the trainable parameters, a read as the scalar of the forward Z = a (X - mu)/(sigma + eps) + b: dz_k/dx_i = a (...) with the true dmu/dx_i and dsigma/dx_i; holds (drawn a)"),
    ("sum_mu", r"\frac{\partial \mu}{\partial x_i} = \frac{1}{n} \\",
     "the summary's dmu/dx_i = 1/n; holds"),
    ("sum_sigma", r"\frac{\partial \sigma}{\partial x_i} =  \frac{x_i -\mu}{n\sigma}",
     "the summary's dsigma/dx_i = (x_i - mu)/(n sigma); holds"),
    ("sum_a", r"\frac{\partial z_k}{\partial a}  = \frac{x_k -\mu}{\sigma + \epsilon}",
     "a scalar (the forward's a^l): dz_k/da = (x_k - mu)/(sigma + eps); holds"),
    ("sum_b", r"\frac{\partial z_k}{\partial b}  = 1",
     "b scalar: dz_k/db = 1; holds"),
]
LIO_DIRS = [
    ("### Backpropagation\n", "<!-- symbp: layer=layernorm features=4 names: x=input z=output \\mu=mean a=scale b=shift L=loss -->"),
]
LIO_EXCL = [
    (r"Z^l = a^{l}\frac{X^{l}-\mu^{l}}{\sigma^{l}+\epsilon} + b^{l}", "forward definition"),
    (r"\sqrt{\frac{1}{n}\sum^n_r (x_r^l - \mu^l)^2}", "definitions of the mean and standard deviation"),
    (r"\frac{\partial z_1}{\partial x_1} & \frac{\partial z_2}{\partial x_1}", "defines the layout of the Jacobian (a definition)"),
    (r"z_1 = \frac{x_1-\mu}{\sigma+\epsilon}", "forward definition for one entry"),
    (r"\frac{\partial z_k}{\partial x_i} &= \frac{\partial }{\partial x_i}(x_k -\mu)(\sigma + \epsilon)^{-1}", "the forward written under the derivative (a definition)"),
    (r"\delta_{i1} &=", "definition of the Kronecker delta"),
    (r"\frac{\partial \mu}{\partial x_i} &= \frac{\partial}{\partial x_i} \frac{1}{n}\sum_r^n x_r", "the mean's definition under the derivative (restated)"),
    (r"\frac{\partial \sigma}{\partial x_i} &= \frac{\partial}{\partial x_i} \left( \frac{1}{n}\sum^n_r (x_r - \mu)^2 \right)^{\frac{1}{2}}", "the standard deviation's definition under the derivative (restated)"),
    (r"\sum^n_r (x_r -  \mu) = \sum^n_r x_r - \mu \sum^n_r 1 = (n\mu) - \mu(n) = 0", "an algebraic identity, no derivative"),
    (r"\sigma_\Delta &= \frac{1}{\sqrt{n}}", "first-order Taylor argument (rows joined by approximately-equal signs and O(h^2)); not an exact claim"),
]

# ---------------------------------------------------------------- shreyansh_layernorm_backward_en
SHL_W = ("rows of N features, mu and sigma^2 the row's mean and population variance, rstd = (sigma^2 + eps)^{-1/2}, "
         "x-hat = (x - mu) rstd, y_j = x-hat_j gamma_j + beta_j (gamma, beta per feature), dy = dL/dy")
SHL = [
    ("dyk_dgamma", r"\frac{\partial y_k}{\partial \gamma_j} = \hat{x}_j \delta_{kj}",
     SHL_W + "; one row: the Jacobian dy_k/dgamma_j = x-hat_j delta_kj; holds (N = 3, 4, 6)"),
    ("dyk_dbeta", r"\frac{\partial y_k}{\partial \beta_j} = \delta_{kj}",
     "one row: dy_k/dbeta_j = delta_kj; holds"),
    ("dgamma_chain", r"\frac{dL}{dy_j} \frac{\partial y_j}{\partial \gamma_j} = dy_j \cdot \hat{x}_j",
     "one row: every member, sum_k dL/dy_k dy_k/dgamma_j = dL/dy_j dy_j/dgamma_j = dy_j x-hat_j, equals dL/dgamma_j; holds"),
    ("dbeta_chain", r"\frac{dL}{dy_j} \frac{\partial y_j}{\partial \beta_j} = dy_j \cdot 1",
     "one row: dL/dbeta_j = dy_j; holds"),
    ("dgamma_batch", r"\frac{dL}{d\gamma_j} = \sum_i (dy_{ij} \cdot \hat{x}_{ij})",
     "a batch of rows sharing gamma: dL/dgamma_j = sum_i dy_ij x-hat_ij; holds (B = 2, 3, 5)"),
    ("dbeta_batch", r"\frac{dL}{d\beta_j} = \sum_i dy_{ij}",
     "a batch sharing beta: dL/dbeta_j = sum_i dy_ij; holds"),
    ("dyk_dxhat", r"\frac{\partial y_k}{\partial \hat{x}_j} = \gamma_j \delta_{kj}",
     "x-hat as a free variable: dy_k/dx-hat_j = gamma_j delta_kj; holds"),
    ("dxhat", r"\frac{dL}{dy_j} \frac{\partial y_j}{\partial \hat{x}_j} = dy_j \cdot \gamma_j",
     "one row, x-hat as a free variable: dL/dx-hat_j = dy_j gamma_j (every member); holds"),
    ("prod", r"\frac{\partial \hat{x}_k}{\partial x_j} = \frac{\partial (x_k - \mu)}{\partial x_j} \cdot \text{rstd} + (x_k - \mu) \cdot \frac{\partial \text{rstd}}{\partial x_j}",
     "product rule on x-hat_k = (x_k - mu) rstd, each factor's derivative by autograd: equals dx-hat_k/dx_j; holds"),
    ("dxk_mu", r"= \delta_{kj} - \frac{1}{N}",
     "d(x_k - mu)/dx_j = delta_kj - dmu/dx_j = delta_kj - 1/N; holds"),
    ("drstd_eq4", r"\frac{\partial \text{rstd}}{\partial x_j} = -\frac{1}{2} \text{rstd}^3 \frac{\partial \sigma^2}{\partial x_j}",
     "(Eq. 4) drstd/dx_j = -(1/2) rstd^3 dsigma^2/dx_j with the true dsigma^2/dx_j; holds"),
    ("dvar_expand", r"(x_j - \mu)\left(1 - \frac{1}{N}\right) + \sum_{p \neq j} (x_p - \mu)\left(-\frac{1}{N}\right)",
     "dsigma^2/dx_j = (2/N)[(x_j - mu)(1 - 1/N) + sum_{p != j} (x_p - mu)(-1/N)]; holds"),
    ("dvar_eq5", r"\frac{\partial \sigma^2}{\partial x_j} = \frac{2}{N} (x_j - \mu) \label{eq:5}",
     "(Eq. 5) dsigma^2/dx_j = (2/N)(x_j - mu); holds"),
    ("drstd_eq6", r"-\frac{1}{N} \text{rstd}^2 \hat{x}_j \label{eq:6}",
     "(Eq. 6) drstd/dx_j = -(1/N) rstd^2 x-hat_j; holds"),
    ("eq7", r"\frac{\text{rstd}}{N} (N \delta_{kj} - 1 - \hat{x}_k \hat{x}_j) \label{eq:7}",
     "(Eq. 7) dx-hat_k/dx_j = (rstd/N)(N delta_kj - 1 - x-hat_k x-hat_j); holds (eps drawn, so rstd is not 1/sigma)"),
    ("eq8", r"\frac{\hat{x}_j}{N} \left(\sum_k d\hat{x}'_k \hat{x}_k\right) \right] \label{eq:8}",
     "(Eq. 8) with dx-hat'_k = dy_k gamma_k: dL/dx_j = rstd [dx-hat'_j - (1/N) sum_k dx-hat'_k - (x-hat_j/N) sum_k dx-hat'_k x-hat_k]; holds"),
    ("eq10", r"\hat{x}_{ij} \cdot c_{1_{i}} \right] \label{eq:10}",
     "(Eq. 10) a batch, c_1 and c_2 per row as defined in the bullets: dL/dx_ij = rstd_i [dy_ij gamma_j - c_2i - x-hat_ij c_1i]; holds"),
]
SHL_DIR = "<!-- symbp: layer=layernorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"
SHL_DIRS = [
    ("## Gradients $\\frac{dL}{d\\gamma_j}$ and $\\frac{dL}{d\\beta_j}$\n", SHL_DIR),
    ("## Gradient $\\frac{dL}{d\\hat{x}_j}$\n", SHL_DIR),
    ("## Gradient $\\frac{dL}{dx_j}$ (The Core Part)\n", SHL_DIR),
]
SHL_EXCL = [
    (r"y = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} * \gamma + \beta", "forward definition"),
    (r"\mu = \frac{1}{N} \sum_j x_j", "definition of the mean"),
    (r"\text{rstd} = \frac{1}{\sqrt{\sigma^2 + \epsilon}}", "definition of rstd"),
    (r"\hat{x}_j = (x_j - \mu) \cdot \text{rstd} \label{eq:1}", "forward definition"),
    (r"y_j = \hat{x}_j \cdot \gamma_j + \beta_j \label{eq:2}", "forward definition"),
    (r"\text{rstd} = (\sigma^2 + \epsilon)^{-\frac{1}{2}}", "definition of rstd"),
    (r"\sigma^2 = \frac{1}{N} \sum_p (x_p - \mu)^2", "definition of the variance"),
    (r"\frac{dL}{dx_{ij}} &= \text{rstd}_i", "the boxed summary repeats the rows scored above (its rows cannot be told apart from them by a fragment)"),
]

# ---------------------------------------------------------------- goubasarian_attention_backprop_en
GOU = [
    ("p2", r"\frac{\partial L}{\partial X_1} = W^T \frac{\partial L}{\partial Y_1}",
     "rule 2, Y_1 = W X_1 (W n x m, X_1 m x n, denominator layout): dL/dX_1 = W^T dL/dY_1; holds (n != m drawn)"),
    ("p3", r"\frac{\partial L}{\partial X_2} = \frac{\partial L}{\partial Y_2} W^T",
     "rule 3, Y_2 = X_2 W: dL/dX_2 = dL/dY_2 W^T; holds"),
    ("p4", r"\frac{\partial L}{\partial X_2^T} = W (\frac{\partial L}{\partial Y_2})^T",
     "rule 4, X_2^T as the variable: dL/dX_2^T = (dL/dX_2)^T = W (dL/dY_2)^T; holds"),
    ("p5", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial y_1}\bold{1_m}^T",
     "rule 5, y_1 = X 1_m (X n x m, row sums): dL/dX = dL/dy_1 1_m^T; holds"),
    ("p6", r"\frac{\partial L}{\partial x}  = \frac{\partial L}{\partial y_2} \bold{1_m}",
     "rule 6, y_2 = x 1_m^T (x broadcast to n x m): dL/dx = dL/dy_2 1_m; holds"),
    ("p7", r"\frac{\partial L}{\partial X} =  \frac{\partial L}{\partial Y} \odot W",
     "rule 7, Y = X (.) W: dL/dX = dL/dY (.) W; holds"),
    ("dV", r"\frac{\partial L}{\partial V} = B^T \frac{\partial L}{\partial C} = \zeta_1",
     "C = BV, B = softmax(W) row by row, L a drawn scalar function of C; each zeta_k read as the gradient its row names (zeta_1 = dL/dV): dL/dV = B^T dL/dC; holds (n = 3, 4, 5; h = 2, 3)"),
    ("dB", r"\frac{\partial L}{\partial B} = \zeta_1 V^T = \zeta_2",
     "zeta_1 is the previous row's dL/dV = B^T dL/dC, so zeta_1 V^T = B^T (dL/dC) V^T, not dL/dB = (dL/dC) V^T (the row should use dL/dC); refuted"),
    ("dB4", r"\frac{\partial L}{\partial B_4} = B_1 \odot \zeta_2 = \zeta_3",
     "B = B_1 (.) B_4, zeta_2 read as dL/dB (what its row names): dL/dB_4 = B_1 (.) dL/dB; holds"),
    ("dB3", r"\frac{\partial L}{\partial B_3} = \zeta_3\bold{1_n} = \zeta_4",
     "B_4 = B_3 1_n^T (a column broadcast), zeta_3 = dL/dB_4: dL/dB_3 = dL/dB_4 1_n; holds"),
    ("dB2", r"\frac{\partial L}{\partial B_2} = -(B_2 \odot B_2)^{-1} \odot \zeta_4 = \zeta_5",
     "B_3 = B_2^{-1} entrywise, zeta_4 = dL/dB_3: dL/dB_2 = -(B_2 (.) B_2)^{-1} (.) dL/dB_3 (inverse entrywise); holds"),
    ("dB1", r"\frac{\partial L}{\partial B_1} = \zeta_5\bold{1_n^T} +  \zeta_3 \odot B_4 = \zeta_6",
     "B_1 reaches L through B_2 = B_1 1_n and through B = B_1 (.) B_4: dL/dB_1 = dL/dB_2 1_n^T + dL/dB (.) B_4; the row multiplies B_4 by zeta_3 = dL/dB_4 instead of zeta_2 = dL/dB; refuted"),
    ("dW", r"\frac{\partial L}{\partial W} = B_1 \odot \zeta_6 = \zeta_7",
     "B_1 = exp(W) entrywise, zeta_6 read as dL/dB_1: dL/dW = B_1 (.) dL/dB_1; holds"),
    ("dK", r"\frac{\partial L}{\partial K} = \zeta_7 \frac{Q}{\sqrt{d_k}}",
     "scores QK^T times a scale c (c = 1/sqrt(d_k) as in the attention formula, or 1/d_k as W is written): dL/dK = c zeta_7^T Q with zeta_7 = dL/dW, not zeta_7 Q (the 'QK^T = KQ^T' slip drops the transpose; zeta_7 is not symmetric); refuted under either scale"),
]
GOU_DIRS = [
    ("## Preliminaries\n", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=out-in names: X_1=input W=kernel Y_1=output L=loss -->"),
    ("## Manual Attention Backpropegation\n", "<!-- symbp: layer=attention seq=4 dim=3 names: Q=query K=key V=value W=scores B=weights C=output L=loss -->"),
]
GOU_EXCL = [
    (r"\frac{\partial y}{\partial \mathbf{x}} =", "defines the denominator layout (a definition)"),
    (r"\frac{\partial y}{\partial \mathbf{X}} =", "defines the denominator layout (a definition)"),
    (r"1) $\frac{\partial L}{\partial W}$ = $\frac{\partial Y_1}{\partial W}", "the chain rule written with tensor-valued Jacobians (dY/dW) whose product the page never defines, and split across two inline formulas; not checkable as written"),
    (r"Attention(K, Q, V) = softmax(\frac{QK^T}{\sqrt{d_k}})V", "forward definition"),
    (r"W &= \frac{QK^T}{d_k} \in \mathbb{R}^{n \times n}", "forward definitions (W, B, C)"),
    (r"\xrightarrow{\text{softmax}}", "definition of softmax"),
    (r"&= exp(W) \odot ((exp(W)\bold{1_n})^{-1}\bold{1_n^T})", "the forward softmax rewritten as intermediates (a definition)"),
    (r"\frac{\partial L}{\partial Q} = \zeta_7\frac{K}{\sqrt{d_k}}", "its verdict hangs on the scale: it holds with the attention formula's 1/sqrt(d_k) and fails with W = QK^T/d_k as the derivation writes it"),
    (r"Note that $QK^T = KQ^T$", "a matrix identity, no derivative (false: the two are transposes)"),
]

# ---------------------------------------------------------------- shreyansh_softmax_ce_backward_en
SHS = [
    ("quot", r"D_i \frac{\partial e^{Z_{ij}}}{\partial Z_{ik}}",
     "row-wise softmax S_ij = e^{Z_ij}/D_i: the quotient-rule row (D_i de^{Z_ij}/dZ_ik - e^{Z_ij} dD_i/dZ_ik)/D_i^2, its pieces by autograd, equals dS_ij/dZ_ik for all j, k; holds (K = 3, 4, 6)"),
    ("subst", r"\frac{D_i e^{Z_{ij}}\delta_{jk} - e^{Z_{ij}}e^{Z_{ik}}}{D_i^2}",
     "both members (D_i e^{Z_ij} delta_jk - e^{Z_ij} e^{Z_ik})/D_i^2 = S_ij delta_jk - S_ij S_ik equal dS_ij/dZ_ik; holds"),
    ("scalar", r"S_{ij}(\delta_{jk}-S_{ik})",
     "dS_ij/dZ_ik = S_ij (delta_jk - S_ik); holds"),
    ("diag", r"S_{ij}(1-S_{ij})",
     "dS_ij/dZ_ij = S_ij (1 - S_ij); holds"),
    ("offdiag", r"-S_{ij}S_{ik}.",
     "j != k: dS_ij/dZ_ik = -S_ij S_ik; holds"),
    ("jac", r"J_i = \operatorname{diag}(S_i) - S_i S_i^\top",
     "S_i a column, J_{i,jk} = dS_ij/dZ_ik: J_i = diag(S_i) - S_i S_i^T; holds"),
    ("gz_jvp", r"G_{Z_i} = J_i^\top G_{S_i} = J_iG_{S_i}",
     "column vectors: dL/dZ_i = J_i^T dL/dS_i = J_i dL/dS_i (J_i symmetric); holds (L a drawn function of S)"),
    ("gz_box", r"S_i \odot \left(G_{S_i} - S_i^\top G_{S_i}\right)",
     "the scalar S_i^T G_{S_i} subtracted from every entry: dL/dZ_i = S_i (.) (G_{S_i} - S_i^T G_{S_i}); holds"),
    ("dLdz_i", r"\frac{\partial L}{\partial z_i} = p_i-y_i",
     "L = -sum y_j log p_j, p = softmax(z), y summing to 1 as the section assumes: dL/dz_i = p_i - y_i; holds (one-hot and drawn soft targets)"),
    ("batch", r"\frac{\partial L_{\text{batch}}}{\partial Z}",
     "the batch-mean cross entropy over B rows: dL/dZ = (1/B)(P - Y); holds (B = 2, 3, 5)"),
    ("gz_logsm", r"g_z = g_a - p(\mathbf{1}^\top g_a)",
     "a = logsoftmax(z), g_a = dL/da for a drawn L: dL/dz = g_a - p (1^T g_a); holds"),
    ("GZ_batch", r"G_Z = G_A - P \odot \operatorname{rowsum}(G_A)",
     "row-wise logsoftmax of a B x K batch, rowsum(G_A) a B x 1 column broadcast across the classes: G_Z = G_A - P (.) rowsum(G_A); holds"),
]
SHS_DIRS = [
    ("## The Softmax Derivative\n", "<!-- symbp: layer=softmax classes=3 batch=4 names: Z=input S=output L=loss -->"),
    ("## The Jacobian\n", "<!-- symbp: layer=softmax classes=3 batch=4 names: Z=input S=output L=loss -->"),
    ("## Backpropagating Through Softmax\n", "<!-- symbp: layer=softmax classes=3 batch=4 names: Z=input S=output G_{S_i}=output_grad G_{Z_i}=input_grad L=loss -->"),
    ("## Cross-Entropy With Logits\n", "<!-- symbp: layer=softmax classes=3 names: z=input p=output y=target L=loss -->"),
    ("## LogSoftmax Backward\n", "<!-- symbp: layer=softmax classes=3 batch=4 names: z=input a=output g_a=output_grad g_z=input_grad L=loss -->"),
]
SHS_EXCL = [
    (r"\frac{\partial L}{\partial z} = p - y", "a summary quoted before the setup defines z, p, y (the derivation's own rows are scored)"),
    (r"s_j = \frac{e^{z_j}}{\sum_{\ell=1}^{K} e^{z_\ell}}.", "definition of softmax"),
    (r"S_{ij} = \frac{e^{Z_{ij}}}{\sum_{\ell=1}^{K} e^{Z_{i\ell}}}.", "definition of the row-wise softmax"),
    (r"D_i = \sum_{\ell=1}^{K} e^{Z_{i\ell}}.", "definition of the denominator"),
    (r"J_{i,jk} = \frac{\partial S_{ij}}{\partial Z_{ik}}.", "defines J_i's entries (a definition)"),
    (r"\operatorname{LSE}(z) = \log \sum_{k=1}^{K} e^{z_k}.", "definition of logsumexp"),
    (r"G_{S_i} = \frac{\partial L}{\partial S_i}.", "names the upstream gradient (a definition)"),
    (r"g_x = J^\top g_y.", "the general backpropagation rule for a vector map (a calculus reminder, holds)"),
    (r"L = -\sum_{j=1}^{K} y_j \log p_j,", "loss definition"),
    (r"L = -y^\top z + \operatorname{LSE}(z)", "the loss rewritten (a definition, holds given sum y = 1)"),
    (r"z \leftarrow z - \eta \nabla_z L,", "an update rule (assignment)"),
    (r"[-0.341,\;0.242,\;0.099]", "worked numbers: p - y for the p and y the page gives (arithmetic, holds)"),
]

TABLE = {
    "liorsinai_layernorm_backprop_en.md": ("lio", LIO, LIO_DIRS, LIO_EXCL),
    "shreyansh_layernorm_backward_en.md": ("shl", SHL, SHL_DIRS, SHL_EXCL),
    "goubasarian_attention_backprop_en.md": ("gou", GOU, GOU_DIRS, GOU_EXCL),
    "shreyansh_softmax_ce_backward_en.md": ("shs", SHS, SHS_DIRS, SHS_EXCL),
}
