"""The thirtieth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout30.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

RUS = [
    ("r_dQ", r"\frac{\partial I}{\partial Q_i} = \frac{\partial I}{\partial R_i} \frac{\partial R_i}{\partial Q_i} = \frac{\partial I}{\partial R_i} \sigma'(Q_i)",
     "one layer Q = W P + b (Q_k = sum_m W_km P_m + b_k, W n x n), R = sigma(Q) entrywise (the row's \\vec R = \\sigma(\\vec R) above is a typo for sigma(Q)), I a drawn non-linear function of R: dI/dQ_i = dI/dR_i sigma'(Q_i); every member; holds"),
    ("r_dP", r"\frac{\partial I}{\partial P_i} = \sum_{k=1}^n \frac{\partial I}{\partial Q_k} \frac{\partial Q_k}{\partial P_i}",
     "chain rule through every Q_k (dQ_k/dP_i = W_ki); holds"),
    ("r_dW", r"\frac{\partial I}{\partial W_{ij}} = \sum_{k=1}^n \frac{\partial I}{\partial Q_k} \frac{\partial Q_k}{\partial W_{ij}} =",
     "dI/dW_ij = sum_k dI/dQ_k dQ_k/dW_ij = dI/dQ_i P_j (the row's second line); every member; holds"),
    ("r_dQdW", r"( \sum_{m = 1}^{n} W_{km} P_m + b_k) = P_j \delta_{ik}",
     "dQ_k/dW_ij = P_j delta_ik for every i, j, k (autograd Jacobian); every member; holds"),
    ("r_db", r"\sum_{k=1}^n \frac{\partial I}{\partial Q_k} \delta_{ik} = \sum_{k=1}^n \frac{\partial I}{\partial Q_i}",
     "the first members equal dI/db_i = dI/dQ_i, but the last member sum_{k=1}^n dI/dQ_i (no k left in the summand) is n dI/dQ_i; false for n >= 2; refuted"),
    ("r_s_dQ", r"\frac{\partial I}{\partial \vec Q} = \frac{\partial I}{\partial \vec R} \odot \sigma'(\vec Q)",
     "summary: dI/dQ = dI/dR entrywise sigma'(Q); holds"),
    ("r_s_dP", r"\frac{\partial I}{\partial \vec P} = \frac{\partial I}{\partial \vec Q} W^T",
     "summary, read with the page's own forward Q_k = sum_m W_km P_m and its row vectors: dI/dP_j = sum_k dI/dQ_k W_kj, the row dI/dQ times W; the written dI/dQ W^T gives sum_k dI/dQ_k W_jk (W drawn, not symmetric); refuted"),
    ("r_s_dW", r"\frac{\partial I}{\partial W} = \vec P^T \frac{\partial I}{\partial \vec Q}",
     "summary: with P and dI/dQ rows, P^T dI/dQ has [i, j] = P_i dI/dQ_j, the transpose of the page's own dI/dW_ij = dI/dQ_i P_j (true by autograd); refuted"),
    ("r_s_db", r"\frac{\partial I}{\partial \vec b} = \frac{\partial I}{\partial \vec Q}",
     "summary: dI/db = dI/dQ (one sample); holds"),
]
RUS_DIRS = [
    ("## Алгоритм обратного распространения ошибки", "<!-- symbp: layer=fc in=3 out=3 weight=out-in names: P=input W=kernel b=bias Q=output R=activation I=loss -->"),
]
RUS_EXCL = [
    (r"\vec A_1 = \vec x", "forward definition"),
    (r"\vec z_2 = W_1 \vec A_1 + \vec b_1", "forward definition"),
    (r"\vec A_2 = \sigma(\vec z_2)", "forward definition"),
    (r"\vec z_3 = W_2 \vec A_2 + \vec b_2", "forward definition"),
    (r"\vec A_3 = \sigma(\vec z_3)", "forward definition"),
    (r"I(\vec A_3) = -\sum_{i=1}^{n}", "definition of the loss"),
    (r"\vec Q = W \vec P + \vec b", "forward definition of the layer"),
    (r"\vec R = \sigma(\vec R)", "forward definition (a typo for R = sigma(Q)); no derivative"),
]

KOR = [
    ("m_chain", r"\partial w_{jk} = \dfrac{\partial E}{\partial w_{jk}} = \dfrac{\partial E}{\partial u_{k}}\dfrac{\partial u_{k}}{\partial w_{jk}}",
     "output layer u_k = sum_q y_q w_qk + b_k (w: hidden m x output K), y_k = f(u_k) (sigmoid and tanh drawn), E a drawn non-linear function of the outputs: dE/dw_jk = dE/du_k du_k/dw_jk; holds"),
    ("m_du", r"\dfrac{\partial u_{k}}{\partial w_{jk}} = \dfrac{\partial(\sum_{q=1}^{m}y_{q}w_{qk}+b_{k})}{\partial w_{jk}}",
     "du_k/dw_jk = y_j (the aligned chain, its middle line with the author's y{2} for y_2); every member; holds"),
    ("m_dEdu", r"\dfrac{\partial E}{\partial_{uk}} = \dfrac{\partial E}{\partial_{yk}}\dfrac{\partial_{yk}}{\partial_{uk}}",
     "\\partial_{uk} read as \\partial u_k and \\partial_{yk} as \\partial y_k (the text says so): dE/du_k = dE/dy_k dy_k/du_k, the activation acting entry by entry; holds"),
    ("m_delta", r"\delta = \dfrac{\partial E}{\partial_{uk}} = \dfrac{\partial E}{\partial_{yk}}\dfrac{\partial_{yk}}{\partial_{uk}}",
     "delta (delta_k) named as the same chain; every member equal; holds"),
    ("m_dw", r"\partial w_{jk} = y_{j}\delta_{k}",
     "dE/dw_jk = y_j delta_k for every j, k; holds"),
]
KOR_DIRS = [
    ("### 3.1 출력층의 가중치 기울기", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: y=input w=kernel b=bias u=output E=loss -->"),
]
KOR_EXCL = [
    ("$$\n\\partial w_{jk} = \\dfrac{\\partial E}{\\partial w_{jk}}\n$$", "notation: names the gradient"),
]

ENK = [
    ("k_log_sign", r"= -\sum_{i=1}^n  \left[ \frac{y_i}{\phi(w^T x_i)} + \frac{1 - y_i}{1 - \phi(w^T x_i)} \right]",
     "logistic regression, L(w) = -sum_i [y_i log phi(w^T x_i) + (1 - y_i) log(1 - phi(w^T x_i))]: dL/dp_i = -[y_i/p_i - (1 - y_i)/(1 - p_i)]; the line writes + for the second term, so it equals -sum [y_i (1 - p_i) + (1 - y_i) p_i] x_i, not the gradient (its neighbours above and below are right); refuted"),
    ("k_log_final", r"= - \sum_{i=1}^n \left[ y_i - \phi(w^T x_i)   \right] x_i",
     "dL/dw = -sum_i (y_i - phi(w^T x_i)) x_i, a vector of length m; holds (labels 0/1 drawn)"),
    ("k_dLdp", r"\left(-y \odot \frac{1}{p}\right)^T",
     "softmax regression, one observation, L = -y^T log p with p = softmax(w^T x): dL/dp = (-y_k/p_k) as a row; holds (the left member only names it)"),
    ("k_prod", r"- y_1 (1-p_1) + \sum_{k \neq 1} y_k p_1",
     "dL/dp dp/dz = dL/dz, entry i: -y_i (1 - p_i) + sum_{k != i} y_k p_i; the first line of the chain; holds (one-hot y)"),
    ("k_xphi", r"= x \left[\phi(w^T x) - y\right]^T",
     "w is m x K with z = w^T x: dL/dw = x (p - y)^T, [j, k] = x_j (p_k - y_k), shaped like w; holds"),
    ("k_sum", r"\frac{\partial \mathcal{L}(w)}{\partial w} = -\sum_{i=1}^n x_i \left[y_i - \phi(w^T x_i) \right]^T",
     "n observations: dL/dw = -sum_i x_i (y_i - p_i)^T (m x K; the prose's 'm x n' is not part of the row); holds"),
    ("k_hdelta", r"\delta^{(l)}\frac{\partial z^{(l)}}{\partial w_l} = h^{(l-1)} \delta^{(l)}",
     "network z^(l) = w_l^T h^(l-1), w_l of size m_{l-1} x m_l, delta^(l) = dL/dz^(l) a row: dL/dw_l = h^(l-1) delta^(l), the outer product [a, b] = h_a delta_b; checked on drawn 2- and 3-layer nets (tanh/sigmoid hidden, softmax output, one-hot y); holds"),
    ("k_soft_neq", r"\frac{0 \sum_k e^{z_k} - e^{z_i} e^{z_j}}",
     "i != j: every member equals d softmax(z)_i / dz_j = -phi_i phi_j; holds"),
    ("k_deltaL", r"\delta^{(L)} = \left[h^{(L)} - y\right]^T",
     "softmax output with the negative log-likelihood and one-hot y: delta^(L) = dL/dz^(L) = (h^(L) - y)^T; holds"),
]
ENK_DIRS = [
    ("## Logistic regression", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x_i=input w=kernel \\phi=activation y_i=target \\mathcal{L}=loss -->"),
    ("## Softmax regression", "<!-- symbp: layer=fc in=3 out=3 weight=in-out names: x=input w=kernel z=output p=activation y=target \\mathcal{L}=loss -->"),
    ("## Neural network", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: h^{(l-1)}=input w_l=kernel z^{(l)}=output h^{(l)}=activation \\mathcal{L}=loss -->"),
    ("## Appendix", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input \\phi=output -->"),
]
ENK_EXCL = [
    (r"\mathcal{L}(w) &= - \log \prod_{i=1}^n", "definition of the loss"),
    (r"\frac{\partial \mathcal{L}(w)}{\partial w} &= \sum_{i=1}^n \frac{\partial \mathcal{L}_i}{\partial \phi(w^T x_i)}", "the chain rule with scalar-by-vector factors; holds as written, but its aligned line is one member of the refuted chain's first line"),
    (r"= - \sum_{i=1}^n \left[y_i \left( 1 - \phi(w^T x_i) \right) - (1 - y_i) \phi(w^T x_i)  \right] x_i", "holds; left out of the score (30% cap)"),
    (r"\phi(z) = \frac{e^z}{\sum_j e^{z_j}}", "definition of the softmax"),
    (r"\mathcal{L}(w) &= -\sum_{i=1}^n y_i^T \log p_i", "definition of the loss"),
    (r"\frac{\partial \mathcal{L}(w)}{\partial w} = \frac{\partial \mathcal{L}}{\partial p} \frac{\partial p}{\partial z} \frac{\partial z}{\partial w}", "the chain rule with a tensor factor (no order settled for the tensor)"),
    (r"\begin{pmatrix} p_1 (1 - p_1) & -p_1 p_2", "the softmax Jacobian given as a bare matrix (holds); no left-hand side on the row"),
    (r"h^{(0)} &= x", "forward definition"),
    (r"\mathcal{L}(w_{1:L}) = - \sum_{i=1}^n y_i^T \log h_i^{(L)}", "definition of the loss"),
    (r"\underbrace{\frac{\partial \mathcal{L}}{\partial h^{(L)}} \frac{\partial h^{(L)}}{\partial z^{(L)}}}_{\delta^{(L)}}", "chain rules with tensor factors and underbraces (definitions of delta)"),
    (r"\left(-y \odot \frac{1}{h^{(L)}}\right)^T", "holds (dL/dh^(L) as a row); left out of the score (30% cap)"),
    (r"\frac{\partial \mathcal{L}(w_{1:L})}{\partial w_l} = \sum_{i=1}^n h_i^{(l-1)} \delta_i^{(l)}", "holds; left out of the score (30% cap)"),
    (r"\phi'(z) = \begin{pmatrix}", "the Jacobian's layout (its entries write \\partial \\phi(z)_i / z_j without the second \\partial); notation"),
    (r"\frac{\partial \phi(z)_i}{\partial z_i} &= \frac{e^{z_i} \sum_k e^{z_k} - e^{z_i} e^{z_i}}", "holds; left out of the score (30% cap)"),
    (r"a^T \left[\frac{\partial w^T x}{\partial w}\right]", "a tensor contraction (the author's own convention for the rank-3 tensor); holds under it, not a layer derivative in the usual sense"),
]

ENO = [
    ("o_dJda", r"\dfrac{dJ}{d{a^{[3]}}} = \dfrac{-y}{a^{[3]}} - \dfrac{(1-y)}{1-a^{[3]}}(-1)",
     "J = -y log a - (1 - y) log(1 - a) with a = a^[3] = sigma(z^[3]), z^[3] = W^[3] a^[2] + b^[3] (W^[3] 1 x 2): dJ/da = -y/a + (1 - y)/(1 - a); holds (y in {0, 1} drawn)"),
    ("o_dadz1", r"-(1+e^{-z^{[3]}})^{-2}(e^{-z^{[3]}})(-1)",
     "da/dz = -(1 + e^{-z})^{-2} e^{-z} (-1) for a = sigmoid(z); holds"),
    ("o_dadz_sq", r"= (a^{[3]})^2\bigg(\dfrac{1-a^{[3]}}{a^{[3]}}\bigg)",
     "da/dz = a^2 (1 - a)/a; holds"),
    ("o_dadz", r"\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = a^{[3]}(1-a^{[3]})",
     "da/dz = a (1 - a); holds"),
    ("o_dzdw11", r"\dfrac{\partial{z^{[3]}}}{\partial{W^{[3]}_{11}}} = (1)a^{[2]}_{11} + 0 + 0",
     "dz^[3]/dW^[3]_11 = a^[2]_11; holds"),
    ("o_dzdW", r"\dfrac{\partial{z^{[3]}}}{\partial{\textbf{W}^{[3]}}} = a^{[2]T}",
     "the Jacobian of the scalar z^[3] by the 1 x 2 row W^[3] is the row (a^[2]_11, a^[2]_21) = a^[2]T; holds"),
    ("o_dJdz", r"= -y(1-a^{[3]}) + (1-y)a^{[3]}",
     "dJ/dz^[3] = -y (1 - a) + (1 - y) a = a - y; holds"),
    ("o_dW", r"\dfrac{\partial{J}}{\partial{\textbf{W}^{[3]}}} = (a^{[3]} - y) a^{[2]T}",
     "dJ/dW^[3] = (a - y) a^[2]T, a 1 x 2 row shaped like W^[3]; holds"),
    ("o_db", r"\dfrac{\partial{J}}{\partial{b^{[3]}}} = a^{[3]} - y",
     "dJ/db^[3] = a - y; holds"),
]
ENO_DIRS = [
    ("## Implementing Backpropagation", "<!-- symbp: layer=fc in=2 out=1 weight=out-in names: a^{[2]}=input \\textbf{W}^{[3]}=kernel b^{[3]}=bias z^{[3]}=output a^{[3]}=activation y=target J=loss -->"),
]
ENO_EXCL = [
    (r"$$z^{[3]} = \textbf{W}^{[3]}a^{[2]} + b^{[3]}$$" + "\n$$a^{[3]}", "forward definition"),
    (r"$$J(a^{[3]}, y) = -ylog(a^{[3]}) - (1-y)log(1 -a^{[3]})$$" + "\n\nand the chain", "definition of the loss"),
    (r"\dfrac{d{J}}{d{a^{[3]}}}" + "\n" + r"\dfrac{d{a^{[3]}}}{d{z^{[3]}}}" + "\n" + r"\dfrac{\partial{z^{[3]}}}{\partial{\textbf{W}^{[3]}}}$$", "the chain rule with a scalar-by-row factor (no product order settled)"),
    (r"J(\textbf{W}^{[3]}, b^{[3]} \ | \ y)", "the loss written out (definition)"),
    (r"$$\dfrac{dJ}{d{a^{[3]}}} = \dfrac{-y}{a^{[3]}} + \dfrac{(1-y)}{1-a^{[3]}} $$", "holds; the same derivative simplified (left out, 30% cap)"),
    (r"\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = \dfrac{e^{-z^{[3]}}}{(1+e^{-z^{[3]}})^2}", "holds; left out of the score (30% cap)"),
    (r"\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = \dfrac{1}{1+e^{-z^{[3]}}}\dfrac{1}{1+e^{-z^{[3]}}}(e^{-z^{[3]}})", "holds; left out of the score (30% cap)"),
    (r"e^{-z^{[3]}} = \dfrac{1-a^{[3]}}{a^{[3]}}", "algebra on the forward (no derivative)"),
    (r"\dfrac{\partial{z^{[3]}}}{\partial{W^{[3]}_{12}}} = (1)a^{[2]}_{21} + 0 + 0", "holds; left out of the score (30% cap)"),
    (r"\dfrac{\partial{z^{[3]}}}{\partial{b^{[3]}}} = 0 + 0 + 1", "holds; left out of the score (30% cap)"),
    (r"$$d\textbf{W}^{[3]} = (a^{[3]} - y) a^{[2]T}$$", "the result restated under the gradient-matrix name"),
    (r"$$d b^{[3]} = a^{[3]} - y$$", "the result restated under the gradient-matrix name"),
]

TABLE = {
    "timattt_mlp_backprop_ru.md": ("rus", RUS, RUS_DIRS, RUS_EXCL),
    "mox21c_layer_gradient_ko.md": ("kor", KOR, KOR_DIRS, KOR_EXCL),
    "kylelo_deriving_backprop_en.md": ("enk", ENK, ENK_DIRS, ENK_EXCL),
    "osajima_backprop_layer3_en.md": ("eno", ENO, ENO_DIRS, ENO_EXCL),
}
