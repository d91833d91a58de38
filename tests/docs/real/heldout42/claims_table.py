"""The forty-second held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout42.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

DE = [
    ("chain_W", r"{\partial (\vec{a}_l)_k} \frac{\partial (\vec{a}_l)_k}{\partial (W_l)_{jk}}",
     "the page's forward a_l = W_l^T h_{l-1} + b_l (W_l: d_{l-1} x d_l, (W_l)_{jk} joins unit j below to unit k), h_l = sigma_l(a_l), ell a drawn non-linear function of h_L: (W_l)_{jk} enters only (a_l)_k, so d ell/d(W_l)_{jk} = d ell/d(a_l)_k d(a_l)_k/d(W_l)_{jk} (no sum); holds for every j, k and layer (nets of 2 and 3 layers, sigmoid / tanh)"),
    ("da_dW", r"\frac{\partial (\vec{a}_l)_k}{\partial (W_l)_{jk}} = (\vec{h}_{l-1})_j",
     "d(a_l)_k/d(W_l)_{jk} = (h_{l-1})_j (autograd Jacobian of a_l with respect to W_l); holds"),
    ("da_db", r"\frac{\partial (\vec{a}_l)_j}{\partial (\vec{b}_l)_j} = 1",
     "d(a_l)_j/d(b_l)_j = 1; holds"),
    ("delta_L", r"= \frac{\partial \ell(\hat{f}(\vec{x}_i), \vec{y}_i)}{\partial (\vec{h}_L)_j} \sigma_L'((\vec{a}_L)_j)",
     "(delta_L)_j = d ell/d(a_L)_j = d ell/d(h_L)_j sigma_L'((a_L)_j) (the activation acts entry by entry); every member holds"),
    ("dW_L", r"= (\delta_L)_k (\vec{h}_{L-1})_j",
     "d ell/d(W_L)_{jk} = (delta_L)_k (h_{L-1})_j, i.e. dW_L = h_{L-1} delta_L^T, d_{L-1} x d_L like W_L; holds"),
    ("db_L", r"= (\delta_L)_j \,",
     "d ell/d(b_L)_j = (delta_L)_j; holds"),
    ("delta_sum", r"= \sum_{k=1}^{d_{l+1}} (\delta_{l+1})_k \frac{\partial (\vec{a}_{l+1})_k}{\partial (\vec{a}_l)_j}",
     "(delta_l)_j = sum_k (delta_{l+1})_k d(a_{l+1})_k/d(a_l)_j (chain rule through every unit of layer l+1; Jacobian by autograd); every member holds"),
    ("da_da", r"= (W_{l+1})_{jk} \sigma_l'((\vec{a}_l)_j)",
     "d(a_{l+1})_k/d(a_l)_j = (W_{l+1})_{jk} sigma_l'((a_l)_j) with a_{l+1} = W_{l+1}^T sigma_l(a_l) + b_{l+1}; holds"),
    ("recursion", r"\sigma_l'((\vec{a}_l)_j) \sum_{k=1}^{d_{l+1}} (\delta_{l+1})_k (W_{l+1})_{jk}",
     "(delta_l)_j = sigma_l'((a_l)_j) sum_k (delta_{l+1})_k (W_{l+1})_{jk}, i.e. delta_l = sigma_l'(a_l) * W_{l+1} delta_{l+1}; holds"),
    ("dW_l", r"= (\delta_l)_k (\vec{h}_{l-1})_j",
     "every layer: d ell/d(W_l)_{jk} = (delta_l)_k (h_{l-1})_j (h_0 = x_i); holds"),
    ("db_l", r"= (\delta_l)_j \,",
     "every layer: d ell/d(b_l)_j = (delta_l)_j; holds"),
]
DE_DIRS = [
    ("### Backward pass\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: \\vec{h}_{l-1}=input W_l=kernel \\vec{b}_l=bias \\vec{a}_l=output \\vec{h}_l=activation \\ell=loss -->"),
    ("What is left is the derivative", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: \\vec{h}_{L-1}=input W_L=kernel \\vec{b}_L=bias \\vec{a}_L=output \\vec{h}_L=activation \\delta_L=output_grad \\ell=loss -->"),
    ("For a hidden layer l = 1..L-1", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: \\vec{h}_l=input W_{l+1}=kernel \\vec{b}_{l+1}=bias \\vec{a}_{l+1}=output \\delta_{l+1}=output_grad \\vec{a}_l=input \\delta_l=input_grad \\vec{h}_{l-1}=input W_l=kernel \\vec{b}_l=bias \\ell=loss -->"),
]
DE_EXCL = [
    (r"\vec{h}_l = \sigma_l ( W_l^T \vec{h}_{l-1} + \vec{b}_l) \quad", "forward definition"),
    (r"\hat{f}(\vec{x}_i) = \vec{h}_L \circ \vec{h}_{L-1}", "forward definition (composition)"),
    ("\\frac{\\partial \\ell(\\hat{f}(\\vec{x}_i), \\vec{y}_i)}{\\partial (W_l)_{jk}} \\\\\n    \\frac{\\partial \\ell(\\hat{f}(\\vec{x}_i), \\vec{y}_i)}{\\partial (\\vec{b}_l)_j}\n\\end{align*}", "the gradients to be computed, listed without a value"),
    (r"\frac{\partial (\vec{a}_l)_j}{(\vec{b}_l)_j} \,.", "the bias chain rule's last factor lacks its \\partial in the denominator (d(a_l)_j over (b_l)_j): as written it is a quotient, not a derivative; read with \\partial it would hold, so the verdict hangs on the reading"),
]

JA = [
    ("ja_dalpha", r"\beta_{km} \sigma (\alpha_m^T x_i) x_{il}",
     "ESL's network Z_m = sigma(alpha_0m + alpha_m^T X), T_k = beta_0k + beta_k^T Z, f_k = g_k(T_k) with g_k acting on T_k alone (identity and logistic drawn), R_i = sum_k (y_ik - f_k(x_i))^2; the rows' arguments alpha_m^T x_i and beta^T z_i are read as the pre-activations (checked with the biases alpha_0m = beta_0k = 0, as ESL's own rows omit them): the true dR_i/d alpha_ml = -2 sum_k (y_ik - f_k) g_k'(T_k) beta_km sigma'(alpha_m^T x_i) x_il; the slide writes sigma(alpha_m^T x_i) for sigma'(...), off by the factor 1/(1 - sigma) (beta^T_m read as beta_k^T, the only vector that can stand there; the row is wrong under any reading of that slip); refuted"),
    ("ja_rw_beta", r"\frac{\partial R_i}{\partial \beta_{km}} = \delta_{ki} z_{mi}",
     "delta_ki read as the output unit's error dR_i/dT_k (the slide's 'current error at the unit', ESL's definition): dR_i/d beta_km = delta_ki z_mi; holds"),
    ("ja_rw_alpha", r"\frac{\partial R_i}{\partial \alpha_{ml}} = s_{mi} x_{il}",
     "s_mi read as the hidden unit's error dR_i/d(alpha_0m + alpha_m^T x_i): dR_i/d alpha_ml = s_mi x_il; holds"),
    ("ja_bp", r"s_{mi} = \sigma ' (\alpha_m^T x_i) \sum^K_{k = 1} \beta_{km} \delta_{ki}",
     "the back-propagation equation: s_mi = sigma'(alpha_m^T x_i) sum_k beta_km delta_ki with delta_ki = dR_i/dT_k; holds"),
]
JA_DIRS = [
    ("### Derivatives\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: x_i=input \\alpha_{ml}=kernel z_{mi}=activation \\beta_{km}=kernel f_k(x_i)=activation y_{ik}=target R_i=loss -->"),
    ("### The errors and the back-propagation equation\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: z_{mi}=input \\beta_{km}=kernel \\delta_{ki}=output_grad s_{mi}=input_grad x_{il}=input \\alpha_{ml}=kernel R_i=loss -->"),
]
JA_EXCL = [
    (r"Z_m &= \sigma(\alpha_{0m} + \alpha^T_m X)", "forward definitions (11.5)"),
    (r"g_k(T) = \frac{e^{T_k}}{\sum^K_{l=1} e^{T_l}} \tag{11.6}", "definition of the softmax"),
    (r"R(\theta) = \sum^K_{k=1} \sum^N_{i=1} (y_{ik} - f_k(x_i))^2", "definition of the error"),
    (r"R(\theta) = - \sum^N_{i=1} \sum^K_{k=1} y_{ik} \log f_k(x_i)", "definition of the cross entropy"),
    (r"R(\theta) \equiv \sum^N_{i = 1} R_i", "definition (the error as a sum over samples)"),
    (r"= -2(y_{ik} - f_k(x_i)) g_k' (\beta^T_m z_i) z_{mi}", "dR_i/d beta_km with g_k'(beta^T_m z_i): beta_m is no vector of the network (beta_k is); read as beta_k^T z_i the row holds, read literally it is undefined: the verdict hangs on the reading of the slip"),
    (r"\beta^{(r+1)}_{km} &= \beta^{(r)}_{km} - \gamma_r", "gradient-descent update rule (11.13), no derivative claim"),
    (r"J(\theta) = \sum_{k,\ m} \beta^2_{km} + \sum_{m,\ l} \alpha^2_{ml}", "definition of the weight-decay penalty"),
    (r"\frac{\beta^2_{km}}{1 + \beta^2_{km}}", "definition of the weight-elimination penalty"),
]

PT = [
    ("pt_dbeta", r"\frac{\partial R_i}{\partial \beta_{km}} = -2(y_{ik} - f_k(x_i))g'_k(\beta_k^T z_i)z_{mi}",
     "ESL's one-hidden-layer network, g_k acting on T_k alone (identity and logistic drawn), sigma logistic, R_i = sum_k (y_ik - f_k(x_i))^2; beta_k^T z_i and alpha_m^T x_i read as the pre-activations (checked with beta_0k = alpha_0m = 0, as ESL's rows omit the biases): dR_i/d beta_km = -2 (y_ik - f_k) g_k'(T_k) z_mi; holds"),
    ("pt_dalpha", r"= -\sum_{k=1}^K 2(y_{ik} - f_k(x_i))g'_k(\beta_k^T z_i)\beta_{km}\sigma'(\alpha_m^T x_i)x_{i\ell}",
     "dR_i/d alpha_ml = -sum_k 2 (y_ik - f_k) g_k'(T_k) beta_km sigma'(alpha_m^T x_i) x_il (each output k reached through hidden unit m); holds"),
    ("pt_s", r"s_{mi} = \sigma'(\alpha_m^T x_i)\sum_{k=1}^K \beta_{km}\delta_{ki}",
     "with the page's delta_ki = -2 (y_ik - f_k) g_k'(T_k) (= dR_i/dT_k), s_mi = sigma'(alpha_m^T x_i) sum_k beta_km delta_ki equals the hidden unit's error dR_i/d(alpha_m^T x_i), as the rewrite below needs; holds"),
    ("pt_rw_beta", r"\frac{\partial R_i}{\partial \beta_{km}} = \delta_{ki}z_{mi}",
     "dR_i/d beta_km = delta_ki z_mi with the page's delta; holds"),
    ("pt_rw_alpha", r"\frac{\partial R_i}{\partial \alpha_{m\ell}} = s_{mi}x_{i\ell}",
     "dR_i/d alpha_ml = s_mi x_il with the page's s; holds"),
]
PT_DIRS = [
    ("### Mathematical formalisation\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: z_{mi}=input \\beta_{km}=kernel f_k(x_i)=activation x_{i\\ell}=input \\alpha_{m\\ell}=kernel y_{ik}=target R_i=loss -->"),
    ("### 6. Computational efficiency\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: z_{mi}=input \\beta_{km}=kernel \\delta_{ki}=output_grad s_{mi}=input_grad x_{i\\ell}=input \\alpha_{m\\ell}=kernel R_i=loss -->"),
]
PT_EXCL = [
    ("$$\nf_k(X) = g_k(\\beta_{0k} + \\beta_k^T Z)\n$$", "forward definition"),
    ("$$\nR_i = \\sum_{k=1}^K (y_{ik} - f_k(x_i))^2\n$$", "definition of the error"),
    (r"$$ z_m = \sigma(\alpha_{0m} + \alpha_m^T X) $$", "forward definition"),
    (r"$$ f_k(X) = g_k(\beta_{0k} + \beta_k^T Z) $$", "forward definition (restated)"),
    (r"$$ R_i = \sum_{k=1}^K (y_{ik} - f_k(x_i))^2 $$", "definition of the error (restated)"),
    (r"$$ \frac{\partial R_i}{\partial \beta_{km}} = -2(y_{ik}", "the same row as pt_dbeta, restated verbatim in 4.1 (holds)"),
    (r"$$ \frac{\partial R_i}{\partial \alpha_{m\ell}} = -\sum_{k=1}^K 2(y_{ik}", "the same row as pt_dalpha, restated verbatim in 4.2 (holds)"),
    (r"\beta_{km}^{(new)} = \beta_{km}^{(old)} - \eta", "gradient-descent update rule, no derivative claim"),
    (r"\alpha_{m\ell}^{(new)} = \alpha_{m\ell}^{(old)} - \eta", "gradient-descent update rule, no derivative claim"),
    (r"\delta_{ki} = -2(y_{ik} - f_k(x_i))g'_k(\beta_k^T z_i) $$", "definition of delta_ki (it equals dR_i/dT_k)"),
]

ES = [
    ("es_dlog", r"\frac{\partial}{\partial W} \log(\sigma) = \frac{1}{\sigma} \cdot \frac{\partial \sigma}{\partial W}",
     "sigma = sigma(W^T X_i) for one sample, W and X_i vectors (drawn, sizes 2-4): d log(sigma)/dW = (1/sigma) d sigma/dW (autograd); holds"),
    ("es_dsig", r"\frac{\partial \sigma}{\partial W} = \sigma(1 - \sigma) X_i",
     "d sigma(W^T X_i)/dW = sigma (1 - sigma) X_i; holds"),
    ("es_t1", r"y_i \frac{1}{\sigma} \cdot \sigma(1 - \sigma) X_i = y_i (1 - \sigma) X_i",
     "d(y_i log sigma)/dW = y_i (1/sigma) sigma (1 - sigma) X_i = y_i (1 - sigma) X_i (y_i in {0, 1} and drawn reals); every member holds"),
    ("es_dlog1m", r"\frac{\partial}{\partial W} \log(1 - \sigma) = \frac{-1}{1 - \sigma} \cdot \frac{\partial \sigma}{\partial W}",
     "d log(1 - sigma)/dW = -1/(1 - sigma) d sigma/dW; holds"),
    ("es_t2a", r"= \frac{-1}{1 - \sigma} \cdot \sigma(1 - \sigma) X_i = -\sigma X_i",
     "the continuation of the previous row: -1/(1 - sigma) sigma (1 - sigma) X_i = -sigma X_i = d log(1 - sigma)/dW; every member holds"),
    ("es_t2", r"(1 - y_i) \log(1 - \sigma) = - (1 - y_i) \sigma X_i",
     "d((1 - y_i) log(1 - sigma))/dW = -(1 - y_i) sigma X_i; holds"),
    ("es_grad", r"\frac{\partial \ell(W)}{\partial W} = \sum\_{i=1}^{n} X_i \left( y_i - \sigma(W^T X_i) \right)",
     "ell(W) = sum_i [y_i log sigma(W^T X_i) + (1 - y_i) log(1 - sigma(W^T X_i))] over n drawn samples with 0/1 labels: d ell/dW = sum_i X_i (y_i - sigma(W^T X_i)) (autograd); holds"),
]
ES_DIRS = [
    ("### Derivations\n", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=in-out names: X_i=input W=kernel \\sigma=activation y_i=target \\ell=loss -->"),
]
ES_EXCL = [
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "definition of the sigmoid"),
    (r"L(W) = \prod\_{i=1}^{n}", "definition of the likelihood"),
    (r"\ell(W) = \log L(W) = \sum\_{i=1}^{n}", "definition of the log-likelihood"),
    (r"J(W) = -\frac{1}{n} \sum\_{i=1}^{n}", "definition of the cross entropy"),
    ("$$\\left[ \\ell(W) = \\sum\\_{i=1}^{n} \\left[ y_i \\log(\\sigma(W^T X_i))", "the log-likelihood restated (definition)"),
    (r"\frac{\partial}{\partial W} \sum\_{i=1}^{n} y_i \log(\sigma(W^T X_i)) \right]$$", "the derivative to be computed, written without a value"),
    (r"\frac{\partial}{\partial W} \sum\_{i=1}^{n} (1 - y_i) \log(1 - \sigma(W^T X_i)) \right]$$", "the derivative to be computed, written without a value"),
    (r"W^{(t+1)} = W^{(t)} + \alpha \sum_{i=1}^{n}", "update rule (gradient ascent on ell), no derivative claim"),
]

ID = [
    ("id_dt1", r"\Delta \theta_1 = 2 \left[ g(\theta^T x^{(i)} + b) - y^{(i)} \right] \left[ 1 - g(\theta^T x^{(i)} + b) \right] g(\theta^T x^{(i)} + b) x_1^{(i)}",
     "Delta theta_j is the gradient dJ/d theta_j (the author's note) of J = (g(theta^T x + b) - y)^2 for one sample, g the sigmoid (the section's activation), theta of size 2 (x_1, x_2) and also 3, drawn: dJ/d theta_1 = 2 [g - y][1 - g] g x_1; holds"),
    ("id_dt2", r"\Delta \theta_2 = 2 \left[ g(\theta^T x^{(i)} + b) - y^{(i)} \right] \left[ 1 - g(\theta^T x^{(i)} + b) \right] g(\theta^T x^{(i)} + b) x_2^{(i)}",
     "dJ/d theta_2 = 2 [g - y][1 - g] g x_2; holds"),
    ("id_db", r"\Delta b = 2 \left[ g(\theta^T x^{(i)} + b) - y^{(i)} \right] \left[ 1 - g(\theta^T x^{(i)} + b) \right] g(\theta^T x^{(i)} + b)$$",
     "dJ/db = 2 [g - y][1 - g] g; holds"),
    ("id_sig", r"g'(z) = g(z)(1 - g(z)) = \hat{y}(1 - \hat{y})",
     "g the sigmoid, y-hat = g(z): g'(z) = g(z)(1 - g(z)) = y-hat (1 - y-hat) (autograd at drawn z); every member holds"),
    ("id_tanh", r"g'(z) = 1 - \tanh^2(z) = 1 - \hat{y}^2",
     "g = tanh, y-hat = tanh(z): g'(z) = 1 - tanh^2(z) = 1 - y-hat^2; holds"),
    ("id_atan", r"g'(z) = \frac{1}{1 + z^2}",
     "g = arctan: g'(z) = 1/(1 + z^2); holds"),
    ("id_softsign", r"g'(z) = \frac{1}{(1 + |z|)^2}",
     "g(z) = z/(1 + |z|): g'(z) = 1/(1 + |z|)^2 for z of either sign (autograd; z = 0 not drawn); holds"),
]
ID_DIRS = [
    ("### The lecturer's expanded gradients\n", "<!-- symbp: layer=fc in=2 out=1 weight=in-out names: x=input \\theta=kernel b=bias g=activation y=target J=loss -->"),
    ("### Case C: other activations\n", "<!-- symbp: layer=activation name=sigmoid names: z=input g=output \\hat{y}=output -->"),
]
ID_EXCL = [
    (r"$$g(z) = \frac{1}{1 + e^{-z}}$$", "definition of the sigmoid"),
    (r"\text{Loss} = -\frac{1}{N} \sum_{i=1}^{N} \left[ y_i \log(\hat{y}_i)", "definition of the binary cross entropy"),
    (r"\text{MSE} = \frac{1}{N} \sum_{i=1}^{N} (y_i - \hat{y}_i)^2", "definition of the mean squared error"),
    (r"\theta_j \leftarrow \theta_j - \alpha \frac{\partial J}{\partial \theta_j}", "update rule"),
    (r"\theta_j \leftarrow \theta_j - \alpha \cdot (Y_{\text{prediksi}} - Y_{\text{asli}}) \cdot x_j", "update rule (its step is the cross-entropy gradient, but the row is an assignment)"),
    (r"\cdot Y_{\text{prediksi}}(1 - Y_{\text{prediksi}}) \cdot x_j", "update rule for the squared error (assignment; the factor 2 absorbed into alpha, as the author says)"),
    (r"\theta_j \leftarrow \theta_j - \alpha \cdot (\hat{y} - y) \cdot g'(z) \cdot x_j", "update rule (assignment)"),
    (r"b \leftarrow b - \alpha \cdot (\hat{y} - y) \cdot g'(z)", "update rule (assignment)"),
]

EN = [
    ("ln_dvar", r"\frac{\partial L}{\partial \sigma^2} = \sum_{i=1}^N \frac{\partial L}{\partial y_i} \gamma_i (x_i - \mu) (-\frac{1}{2}) (\sigma^2 + \epsilon)^{-3/2}",
     "the layer norm of one vector of N entries (N = 3, 4, 6; epsilon = 1e-5), sigma^2 read as the usual (biased) variance (1/N) sum (x_i - mu)^2 (the note's forward row lacks the square; its backward rows use the squared form), L a drawn non-linear function of y; dL/d sigma^2 is the partial derivative through x-hat alone (sigma^2 as a node of the graph, mu and x held): sum_i dL/dy_i gamma_i (x_i - mu)(-1/2)(sigma^2 + eps)^{-3/2}; holds (autograd with sigma^2 as a leaf)"),
    ("ln_dmu", r"\frac{\partial L}{\partial \mu} = \sum_{i=1}^N \frac{\partial L}{\partial y_i} \gamma_i \frac{-1}{\sqrt{\sigma^2 + \epsilon}} - \frac{\partial L}{\partial \sigma^2} \frac{2}{N} \sum_{i=1}^N (x_i - \mu)",
     "dL/d mu through x-hat and through sigma^2 (sigma^2 a function of mu and x): sum_i dL/dy_i gamma_i (-1/sqrt(sigma^2 + eps)) + dL/d sigma^2 (-2/N) sum_i (x_i - mu); holds (the last sum is 0 at the true mean, as the row allows)"),
    ("ln_dx", r"\frac{\partial L}{\partial x_i} = \frac{\gamma_i}{\sqrt{\sigma^2 + \epsilon}} + \frac{\partial L}{\partial \sigma^2} \frac{2}{N}(x_i - \mu) + \frac{\partial L}{\partial \mu} \frac{1}{N}",
     "the true dL/dx_i = dL/dy_i gamma_i / sqrt(sigma^2 + eps) + dL/d sigma^2 (2/N)(x_i - mu) + dL/d mu (1/N) (autograd through the whole layer); the note's first term lacks the factor dL/dy_i; refuted"),
    ("ln_dgamma", r"\frac{\partial L}{\partial \gamma_i} = \frac{\partial L}{\partial y_i} \hat{x_i}",
     "one vector (the note says the batch sum comes on top): dL/d gamma_i = dL/dy_i x-hat_i; holds"),
    ("ln_dbeta", r"\frac{\partial L}{\partial \beta_i} = \frac{\partial L}{\partial y_i}",
     "dL/d beta_i = dL/dy_i; holds"),
]
EN_DIRS = [
    ("## Backpropagation\n", "<!-- symbp: layer=layernorm features=4 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
EN_EXCL = [
    (r"\mu = \frac{1}{N}\sum_{i=1}^N x_i", "definition of the mean"),
    (r"\sigma^2 = \frac{1}{N}\sum_{i=1}^N (x_i - \mu) $$", "definition of the variance, written without the square (as written it is identically 0); a forward definition, not scored"),
    (r"\hat{x} = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}", "forward definition"),
    (r"y_i = \gamma_i \cdot \hat{x} + \beta_i", "forward definition"),
]

TABLE = {
    "mlp_kettenregel_de.md": ("de", DE, DE_DIRS, DE_EXCL),
    "esl_rindoku_nn_ja.md": ("ja", JA, JA_DIRS, JA_EXCL),
    "esl_retropropagacao_pt.md": ("pt", PT, PT_DIRS, PT_EXCL),
    "regresion_logistica_es.md": ("es", ES, ES_DIRS, ES_EXCL),
    "perceptron_gradien_id.md": ("idn", ID, ID_DIRS, ID_EXCL),
    "layernorm_backprop_note_en.md": ("en", EN, EN_DIRS, EN_EXCL),
}
