"""The fifty-sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout56.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- fr_mlp_derivees_partielles_fr
FRM = [
    ("dphi_dX", r"\dfrac{\partial \varphi_i}{\partial [X]_j} = [W]_{i,j} \times a'([Z]_i)",
     "one dense layer phi(X, W, B) = ReLU(WX + B), X in R^m, W n x m (Theta_{m,n} = M_{n,m} x R^n), Z = WX + B (the forward rows' sum bound n over the m entries of X read as the matrix product WX the same rows write first): dphi_i/dX_j = W_{ij} a'(Z_i); holds (Jacobian by autograd; sizes m x n = 3x2, 4x3, 2x4; Z drawn away from 0)"),
    ("dL_dY", r"\dfrac{\partial L}{\partial [Y]_i} = \sum\limits_{k=1}^n ([Y]_k-[Y]_k)",
     "L(Y, Y-tilde) = (1/2)||Y - Y-tilde||^2 (the definition the note gives in the next section): dL/dY_i = Y_i - Y-tilde_i, while the right side is a sum of Y_k - Y_k, identically 0 (and even read as sum_k (Y_k - Y-tilde_k) it is not Y_i - Y-tilde_i); refuted (drawn Y, Y-tilde)"),
    ("df_dW", r"= [X]_j \times a'([Z]_i) \times (\varphi_i(X, W, B)-[\tilde Y]_i)",
     "f(W) = L(phi(X, W, B), Y-tilde) with the quadratic L: df/dW_{ij} = X_j a'(Z_i) (phi_i - Y-tilde_i) (the last row of the display; its middle row writes d phi_i / d[X]_{i,j}, an entry X does not have, and is left out); holds"),
    ("dpsi_dX", r"= \Bigg( \sum\limits_{k=1}^n \underbrace{[W]_{k,j} \times a'([Z]_k)}",
     "two layers, psi(X, W, B, W', B') = ReLU(W' ReLU(WX + B) + B') (the note's own forward of psi_i with [W']_{i,k}): dpsi_i/dX_j = a'(Z'_i) sum_k W'_{ik} W_{kj} a'(Z_k); the row drops the factor W'_{ik} from every term (sum_k W_{kj} a'(Z_k) a'(Z'_i)); refuted (drawn W', sizes m, n, q = 3,2,2 / 4,3,2 / 2,4,3)"),
    ("dpsi_dW", r"= \Big( [W']_{i,j} \times \underbrace{[X]_p \times a'([Z]_j)}",
     "dpsi_i/dW_{jp} = W'_{ij} X_p a'(Z_j) a'(Z'_i) (W_{jp} only reaches psi_i through phi_j); holds (Jacobian by autograd)"),
    ("dpsi_dB", r"= \Big(\underbrace{1 \times a'([Z]_j)}",
     "dpsi_i/dB_j = W'_{ij} a'(Z_j) a'(Z'_i); the row writes a'(Z_j) a'(Z'_i) without the factor W'_{ij} (as the psi-by-X row does); refuted (drawn W')"),
]
FRM_DIRS = [
    ("# Calcul des dérivées partielles\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: X=input W=kernel B=bias Z=output \\varphi=activation Y=activation L=loss f=loss -->"),
    ("# Recherche d'une règle de dérivation en chaîne", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: X=input W=kernel B=bias Z=output \\varphi=activation \\psi=activation -->"),
]
FRM_EXCL = [
    (r"\varphi_i (X, W, B) & = a([WX]_i + [B]_i)", "forward definition of a layer (its sum runs to n over the m entries of X, a slip of the bound)"),
    (r"$$\sum\limits_{i=1}^n [W]_{i,j} \times a'([Z]_i)$$", "an expression without an equation (the author asks what the sum of contributions gives)"),
    (r"\dfrac{\partial \varphi_i}{\partial [W]_{j,p}} = \begin{cases}", "holds (X_p a'(Z_j) when i = j, else 0); left out for the 30% cap"),
    (r"\dfrac{\partial \varphi_i}{\partial [B]_j} = \begin{cases}", "holds (a'(Z_j) when i = j, else 0); left out for the 30% cap"),
    (r"L: (Y, \tilde Y) \in (\mathbb R^n)^2 \; \longmapsto \dfrac{1}{2} \|Y - \tilde Y\|^2", "definition of the loss"),
    (r"\varphi^{(m,n)}_i (X, W, B) & = a([WX]_i + [B]_i)", "forward definition restated"),
    (r"L(\varphi^{(\ell_2,\ell_3)}(X^{(2)}, W^{(2)}, B^{(2)}), \tilde Y) = \dfrac{1}{2}", "the loss written through one layer (a definition)"),
    (r"L(\varphi^{(\ell_1,\ell_2)}(\varphi^{(\ell_1,\ell_2)}(X^{(1)}, W^{(1)}, B^{(1)}), W^{(1)}, B^{(1)}), \tilde Y)", "the loss written through two layers (a definition, with slips in its layer labels)"),
    (r"L(\varphi^{(\ell_0,\ell_1)}(X^{(0)}, W^{(0)}, B^{(0)}), \tilde Y) = \dfrac{1}{2}", "the loss written through one layer (a definition)"),
    (r"\dfrac{\partial f}{\partial [X]_i} & = \sum\limits_{k=1}^n", "holds (df/dX_i = sum_k W_{ki} a'(Z_k) (phi_k - Y-tilde_k), both rows); left out for the 30% cap"),
    (r"\dfrac{\partial f}{\partial [W]_{i,j}} & = \sum\limits_{k=1}^n \underbrace", "the first rows of the df/dW chain: the sum with its vanishing terms (holds) and a middle row that differentiates with respect to [X]_{i,j}, an entry a vector X does not have; the last row is scored (claim df_dW)"),
    (r"f: W^{(1)} \longmapsto \; & L(", "an unfinished display (the right side is empty)"),
    (r"\dfrac{\partial f}{\partial [W]_{i,j}} =  \end{align*}", "an unfinished display (the right side is empty)"),
    (r"\dfrac{\partial f}{\partial [B]_j} & = \sum\limits_{k=1}^n", "holds (df/dB_j = a'(Z_j) (phi_j - Y-tilde_j), every row); left out for the 30% cap"),
    (r"\varphi: (X, W, B) \in \mathbb R^m \times \Theta_{m,n} \longmapsto \tilde a(\underbrace{WX+B}_{\displaystyle Z}) \in \mathbb R^n$$", "definition of a layer"),
    (r"\varphi': (X', W', B') \in \mathbb R^n \times \Theta_{n,q}", "definition of the second layer"),
    (r"\psi_i(X, W, B, W', B') & = \varphi'_i(\varphi(X, W, B), W', B')", "forward definition of the composition"),
    (r"& = a'([Z']_i) \times \sum\limits_{k=1}^n \dfrac{\partial \varphi_k}{\partial [X]_j}", "the second row of the psi-by-X display, the same value as its first row (scored there, claim dpsi_dX)"),
    (r"& = [W']_{i,j} \times a'([Z']_i) \times \dfrac{\partial \varphi_j}{\partial [W]_{j,p}}", "the second row of the psi-by-W display, the same value as its first row (scored there, claim dpsi_dW)"),
    (r"& = a'([Z']_i) \times \dfrac{\partial \varphi_j}{\partial [B]_j}", "the second row of the psi-by-B display, the same value as its first row (scored there, claim dpsi_dB)"),
]

# ---------------------------------------------------------------- qinkaiwu_softmax_ce_en
QWU = [
    ("dz_dw", r"\frac{\partial z_i }{\partial w_{il}} = \frac{\partial L }{\partial z_i} \cdot x_l",
     "z_i = sum_l w_{il} x_l + b_i: dz_i/dw_{il} = x_l; the row writes dL/dz_i . x_l (which is dL/dw_{il}, not dz_i/dw_{il}); refuted (drawn x, w, b, one-hot y; 3, 4, 5 classes)"),
    ("chain_j", r"\frac{\partial L}{\partial z_i} = \frac{\partial L}{\partial a_j} \cdot  \frac{\partial a_j}{\partial z_i}",
     "the first row of the chain writes one product dL/da_j . da_j/dz_i with j a free index (no sum over j, which the softmax needs, as the author's own remark says: every a_j depends on z_i): dL/dz_i = sum_j dL/da_j da_j/dz_i, not one of its terms; refuted (no j gives dL/dz_i for every i)"),
    ("jac_diag", r"= a_i(1-a_i)",
     "a = softmax(z): da_i/dz_i = a_i (1 - a_i) (the last row of the j = i display; the middle row's braces are left out, see the excluded list); holds (Jacobian by autograd)"),
    ("jac_off", r"= \frac{0 - e^{z_j} e^{z_i}} {(\sum_k{e^{z_k} })^2 } = -a_j a_i",
     "j != i: da_j/dz_i = -e^{z_j} e^{z_i} / (sum_k e^{z_k})^2 = -a_j a_i; holds"),
    ("combine", r"= - y_i \frac{1}{a_i} \cdot a_i (1-a_i) - \sum_{j \neq i} y_j \frac{1}{a_j} \cdot (-a_j a_i)",
     "L = -sum_j y_j ln a_j: dL/dz_i = -y_i (1/a_i) a_i (1 - a_i) - sum_{j != i} y_j (1/a_j)(-a_j a_i); holds (one-hot y, and any y)"),
    ("grad", r"\frac{\partial L}{\partial z_i} = a_i -y_i",
     "with y one-hot (the post says so): dL/dz_i = a_i - y_i; holds"),
]
QWU_DIRS = [
    ("Since\n", "<!-- symbp: layer=fc in=3 out=3 weight=out-in names: x=input w=kernel b=bias z=output a=activation y=target L=loss -->"),
    ("Now the key point is to get", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input a=output y=target L=loss -->"),
]
QWU_EXCL = [
    (r"z_i=\sum_l w_{il}x_{l}+b_i", "forward definition (dense layer and softmax)"),
    (r"L = -\sum_i^n{y_i \ln {a_i}}", "definition of the cross entropy"),
    (r"\frac{\partial L }{\partial w_{il}} = \frac{\partial L }{\partial z_i} \cdot \frac{\partial z_i }{\partial w_{il}}", "holds (the chain rule for dL/dw_{il} and dL/db_i); left out for the 30% cap"),
    (r"\frac{\partial z_i }{\partial b_i} = 1", "holds; left out for the 30% cap"),
    (r"&= \frac{\partial (-\sum_j^n{y_j \ln {a_j}})}{\partial a_j}", "the second row of the chain, derivative with respect to a_j of a sum over j (the summed and the free j confused); its verdict hangs on that reading"),
    (r"&=-\sum_j^n{y_j \frac{1}{a_j}} \cdot  \frac{\partial a_j}{\partial z_i}", "the third row: sum_j (y_j / a_j) da_j/dz_i holds if the sum covers the last factor, which its braces close before; its verdict hangs on that reading (restated as the first row of the combined display)"),
    (r"\frac{\partial a_j}{\partial z_i} &= \frac{\partial ( \frac{e^{z_i}}{\sum_k{e^{z_k}}})} {\partial z_i}", "the first rows of the j = i display: the second row's braces put -(e^{z_i})^2 inside the sum over k (as typeset it reads as intended); the verdict would hang on reading the braces; the last row is scored (claim jac_diag)"),
    (r"&= - y_i + a_i y_i + \sum_{j \neq i} y_j a_i", "holds (the combined chain's third and fourth rows, any y); left out for the 30% cap"),
    (r"\sum_{j} y_j a_i = a_i", "an identity of the one-hot target (holds), no derivative"),
]

# ---------------------------------------------------------------- penguinwang_softmax_ce_en
PGW = [
    ("d11", r"= y_1 - \frac{e^{z_1}e^{z_1}}{(e^{z_1}+e^{z_2}+e^{z_3})^{2}} = y_1 - y_1^2",
     "three classes, y = softmax(z): every member of the row equals dy_1/dz_1 = y_1 - y_1^2; holds (Jacobian by autograd, drawn z)"),
    ("d12", r"\frac{\partial y_1}{\partial z_2} = \frac{-e^{z_1}e^{z_2}}{(e^{z_1}+e^{z_2}+e^{z_3})^{2}} = - y_1 y_2",
     "dy_1/dz_2 = -e^{z_1} e^{z_2} / S^2 = -y_1 y_2; holds"),
    ("d13", r"\frac{\partial y_1}{\partial z_3} = \frac{-e^{z_1}e^{z_2}}{(e^{z_1}+e^{z_3}+e^{z_3})^{2}} = - y_1 y_3",
     "the middle member writes e^{z_1} e^{z_2} over (e^{z_1} + e^{z_3} + e^{z_3})^2 (two index slips); dy_1/dz_3 = -e^{z_1} e^{z_3} / S^2 = -y_1 y_3 (the last member is right), the middle member differs; refuted (drawn z)"),
    ("ce_chain", r"= - \displaystyle\sum_{k} y_{k} \frac{1}{\hat y_{k}} \frac{\partial \hat y_{k}}{\partial z_i}",
     "y-hat = softmax(z), L = -sum_i y_i log y-hat_i: every member of the chain equals dL/dz_i = -sum_k y_k (1/y-hat_k) dy-hat_k/dz_i; holds (one-hot y, 3, 4, 5 classes)"),
    ("ce_final", r"= - y_{i} (1 - \hat y_{i}) - \displaystyle\sum_{k \neq i} y_{k} \hat y_{i}",
     "the chain's first member -y_i(1 - y-hat_i) - sum_{k != i} y_k (1/y-hat_k)(-y-hat_k y-hat_i) = -y_i(1 - y-hat_i) + sum_{k != i} y_k y-hat_i is dL/dz_i, and so are the last two members (y-hat_i - y_i for a one-hot y), but the second member flips the sign of the sum: -y_i(1 - y-hat_i) - sum_{k != i} y_k y-hat_i, which differs whenever i is not the true class; refuted"),
]
PGW_DIRS = [
    ("## Derivative of Softmax\n", "<!-- symbp: layer=softmax classes=3 names: z=input y=output -->"),
    ("## Derivative of Cross-Entropy with Softmax", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input y=target L=loss H=loss -->"),
]
PGW_EXCL = [
    (r"\displaylines{\sigma(\mathbf{z})_{i} = \frac{e^{z_{i}}}{\Sigma_{j=1}^{K} e^{z_{j}}}}", "definition of the softmax"),
    (r"\frac{\partial}{\partial z_{j}} \frac{e^{z_{i}}}{\displaystyle\sum_{j=1}^{K} e^{z_{j}}}", "a derivative named, no equation"),
    (r"H(y, \hat y) = - \displaystyle\sum_{i} y_{i} log(\hat y_{i})", "definition of the cross entropy"),
    (r"L = - \displaystyle\sum_{i} y_{i} log(\hat y_{i})", "definition of the loss"),
]

# ---------------------------------------------------------------- grobol_regression_logistique_fr
GRB = [
    ("grad_sum", r"\operatorname{grad}_{θ}\mathcal{L} = \sum_i \operatorname{grad}_{θ}L(M(xᵢ), yᵢ)",
     "script L = sum_i L(M(x_i), y_i) (the row above), theta = (alpha, beta): the gradient of the total cost is the sum of the examples' gradients; holds (drawn sizes, labels 0/1)"),
    ("dL_dalpha", r"\frac{∂L(M(x), y)}{∂α_i} = (M(x)-y)x_i",
     "M(x) = sigma(<alpha | x> + beta), L = -log[M y + (1 - M)(1 - y)] with y in {0, 1}: dL/dalpha_i = (M(x) - y) x_i; holds (y = 0 and y = 1 drawn; 2, 3, 4 features)"),
    ("dL_dbeta", r"\frac{∂L(M(x), y)}{∂β} = M(x)-y",
     "dL/dbeta = M(x) - y; holds"),
]
GRB_DIRS = [
    ("## Régression logistique\n", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x=input α=kernel β=bias z=output M=activation y=target L=loss -->"),
]
GRB_EXCL = [
    (r"$$\mathbf{x} = (x₁, …, x_n)$$", "definition of the features"),
    (r"$$\mathbf{α} = (α₁, …, α_n)$$", "definition of the weights"),
    (r"z=α₁×x₁ + … + α_n×x_n + β = \sum_iα_ix_i + β", "forward definition"),
    (r"$$z = \langle α\ |\ x \rangle + β$$", "forward definition"),
    (r"σ(z) = \frac{1}{1 + e^{−z}} = \frac{1}{1 + \exp(−z)}", "definition of the logistic function"),
    (r"$$M(x) = σ(\langle α\ |\ x \rangle + β)$$", "definition of the model"),
    (r"\mathcal{L}(M, \mathcal{D}_t) = \sum_i L(M(xᵢ), yᵢ)", "definition of the total cost"),
    (r"L(M(x), y) = -\log\left[M(x)×y + (1-M(x))×(1-y)\right]", "definition of the loss"),
    (r"$$\mathcal{L} = \sum_i L(M(xᵢ), yᵢ)$$", "definition of the total cost restated"),
    (r"\operatorname{grad}(f+g) = \operatorname{grad}f + \operatorname{grad}g", "a calculus reminder (holds), no network quantity"),
    (r"\operatorname{grad}_θL(M(x), y) =", "definition of the gradient vector"),
]

# ---------------------------------------------------------------- fc_forward_backward_note_en
FCN = [
    ("da", r"\dfrac{\partial loss}{\partial a^{l}_i} = \sum{w_{i,j} * \dfrac{\partial loss}{\partial a^{l+1}_j}}",
     "a^{l+1}_j = sum_i w_{ij} a^l_i (no bias, no activation), the unwritten sum in the backward row read over j (the index of the next layer): dloss/da^l_i = sum_j w_{ij} dloss/da^{l+1}_j; holds (a drawn non-linear loss of a^{l+1}; sizes 3 to 2, 4 to 5, 2 to 3)"),
    ("dw", r"\dfrac{\partial loss}{\partial w_{i,j}} = {a^{l}_i * \dfrac{\partial loss}{\partial a^{l+1}_j}}",
     "dloss/dw_{ij} = a^l_i dloss/da^{l+1}_j; holds"),
]
FCN_DIRS = [
    ("## forward", "<!-- symbp: layer=fc in=3 out=2 weight=in-out bias=0 names: a^{l}=input w=kernel a^{l+1}=output loss=loss -->"),
]
FCN_EXCL = [
    (r"a^{l+1}_j = \sum{w_{i,j} * a^{l}_i}", "forward definition"),
]

TABLE = {
    "fr_mlp_derivees_partielles_fr.md": ("frm", FRM, FRM_DIRS, FRM_EXCL),
    "qinkaiwu_softmax_ce_en.md": ("qwu", QWU, QWU_DIRS, QWU_EXCL),
    "penguinwang_softmax_ce_en.md": ("pgw", PGW, PGW_DIRS, PGW_EXCL),
    "grobol_regression_logistique_fr.md": ("grb", GRB, GRB_DIRS, GRB_EXCL),
    "fc_forward_backward_note_en.md": ("fcn", FCN, FCN_DIRS, FCN_EXCL),
}
