"""The fifty-third held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout53.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- nyu_dlsp21_strided_conv1d_en
NYU = [
    ("c2_dfdW", r"= x[d, 2*b + e]\delta_{a=c}.",
     "forward (c)(i): f_W(x)[i, j] = sum_{k<3} sum_{l<2} x[l, 2j + k] W[i, l, k] (stride 2, 2 input channels). The Jacobian's index list [a, b, e, d, c] is read in the order of its stated dimension 1x2x3x2x1: a, b index f_W, and W[e, d, c] names the weight with kernel offset k = e, input channel l = d, output channel i = c (the middle member's delta_{i=c, l=d, k=e} says so; the i there is read as a, the free index of f_W). Every member then equals d f_W[a, b] / d W[i=c, l=d, k=e] = x[d, 2b + e] [a = c]; holds (autograd Jacobian; output channels 1 and 2, lengths 5 and 7, drawn x, W)"),
    ("c3_dfdx", r"= \sum\limits_{k=0}^2 W[a, c, k]\delta_{k = d - b}.",
     "same forward; [a, b, d, c] read in the order of the stated dimension 1x2x5x2: x[d, c] is position d of channel c (the middle member's delta_{l=c, 2*j + k = d} says so, its j read as b). The true entry is d f_W[a, b] / d x[c, d] = sum_k W[a, c, k] [k = d - 2b] (the stride 2 multiplies b); the last member's delta_{k = d - b} drops the stride: for b = 1 it picks W[a, c, d - 1] instead of W[a, c, d - 2]; refuted (every draw; the middle member alone would hold)"),
    ("c4_chain", r"\frac{\partial l}{\partial W}[c, b, a] = (\frac{\partial l}{\partial f_W} \frac{\partial f_W}{\partial W})[c, b, a]",
     "l a scalar loss of f_W (drawn: l = sum(G f) + sum(f^3)/3); [c, b, a] read in the order of the stated dimension 3x2x1: kernel offset c, input channel b, output channel a. dl/dW[i=a, l=b, k=c] equals the contraction of dl/df_W with the Jacobian d f_W / d W over f_W's entries (chain rule); holds"),
    ("c4_sum", r"= \sum\limits_{j}\sum\limits_{i}\frac{\partial l}{\partial f_W}[j, i] \frac{\partial f_W(x)}{\partial W}[i, j, c, b, a]",
     "dl/df_W[j, i] read as the gradient entry of f_W[i, j] (position j, output channel i: the same reversed order as the page's Jacobians) and the Jacobian [i, j, c, b, a] as in (ii): sum over i, j of dl/df[i, j] . d f[i, j] / d W[i'=a, l=b, k=c] = dl/dW[a, b, c]; holds"),
    ("c4_delta", r"= \sum\limits_{j}\sum\limits_{i}\frac{\partial l}{\partial f_W}[j, i] x[b, 2*j + c]\delta_{i=a}",
     "(ii)'s Jacobian substituted: sum_{i,j} dl/df[i, j] x[b, 2j + c] [i = a] = dl/dW[a, b, c]; holds"),
    ("c4_final", r"= \sum\limits_{j} \frac{\partial l}{\partial f_W}[j, a] x[b, 2*j + c].",
     "dl/dW[i=a, l=b, k=c] = sum_j dl/df[a, j] x[b, 2j + c] (the stride-2 sampling of x); holds"),
]
NYU_DIRS = [
    ("(ii)\n", "<!-- symbp: layer=conv2d input=1x5 kernel=1x3 stride=2 padding=0 channels=2,1 bias=0 names: x=input W=kernel f_W=output l=loss -->"),
]
NYU_EXCL = [
    ("**(a)** $4 \\times 5$", "an output size of an earlier question (no derivative)"),
    (r"H' = 1 + \bigg\lfloor \frac{(H + 2P - D(K - 1) - 1)}{S} \bigg\rfloor,", "output-size formula (no derivative)"),
    (r"f_W(x)[i, j] = \sum\limits_{k=0}^{2}\sum\limits_{l=0}^1 x[l, 2*j + k]W[i, l, k]", "forward definition"),
    (r"f_W \in \R^{1 \times 2}", "a dimension statement"),
    (r"\frac{\partial l}{\partial W} \in \R^{3 \times 2 \times 1}", "a dimension statement"),
]

# ---------------------------------------------------------------- yinhangfeng_bp_proof_zh
YHF = [
    ("eq2", r"\delta_j^l = \sum_k \frac {\partial C}{\partial a_k^l} \frac {\partial a_k^l}{\partial z_j^l} \tag{2}",
     "MLP z^l = w^l a^{l-1} + b^l, a^l = sigma(z^l) (sigmoid), C the quadratic cost of its (A) section (the chain rule rows hold for any cost; checked with it and with a drawn cubic cost): delta_j^l = dC/dz_j^l = sum_k dC/da_k^l da_k^l/dz_j^l; holds (layer sizes 3-4-2, 2-3-3-2, 4-2-3)"),
    ("eq3", r"\delta_j^l = \frac {\partial C}{\partial a_j^l} \frac {\partial a_j^l}{\partial z_j^l} \tag{3}",
     "a^l is elementwise in z^l, so only k = j survives; holds"),
    ("eq4", r"\delta_j^l = \frac {\partial C}{\partial a_j^l} \sigma' (z_j^l) \tag{4}",
     "da_j/dz_j = sigma'(z_j); holds"),
    ("eq5", r"\delta_j^L = \frac {\partial C}{\partial a_j^L} \sigma' (z_j^L) \tag{5}",
     "(4) at the output layer; holds"),
    ("eqA", r"\delta^L = \nabla_a C \odot \sigma' (z^L) \tag{A}",
     "the entrywise form of (5); holds"),
    ("quad", r"\delta^L = (a^L - y) \odot \sigma' (z^L)",
     "C = (1/2) ||y - a^L||^2: grad_a C = a^L - y; holds"),
    ("eq6", r"= \sum_k \frac {\partial C}{\partial z_k^{l+1}} \frac {\partial z_k^{l+1}}{\partial z_j^l}",
     "the chain of (6): delta_j^l = sum_k dC/dz_k^{l+1} dz_k^{l+1}/dz_j^l = sum_k delta_k^{l+1} dz_k^{l+1}/dz_j^l (autograd Jacobian of z^{l+1} in z^l); holds"),
    ("eq8", r"\frac {\partial z_k^{l+1}}{\partial z_j^l} = w_{kj}^{l+1} \sigma' (z_j^l) \tag{8}",
     "z_k^{l+1} = sum_j w_{kj}^{l+1} sigma(z_j^l) + b_k^{l+1} (its (7)): the Jacobian entry is w_{kj}^{l+1} sigma'(z_j^l); holds"),
    ("eq9", r"\delta_j^l = \sum_k \delta_k^{l+1} w_{kj}^{l+1} \sigma' (z_j^l) \tag{9}",
     "holds (every hidden layer)"),
    ("eqB", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma' (z^l) \tag{B}",
     "w^{l+1} is n_{l+1} x n_l (row k, column j): delta^l = (w^{l+1})^T delta^{l+1} . sigma'(z^l); holds"),
    ("eq11", r"= \frac {\partial C}{\partial z_j^l} \frac {\partial z_j^l}{\partial w_{jk}^l}",
     "the chain of (11): dC/dw_{jk}^l = sum_p dC/dz_p^l dz_p^l/dw_{jk}^l, only p = j depends on w_{jk}^l, = delta_j^l dz_j^l/dw_{jk}^l; holds"),
    ("eq12", r"\frac {\partial z_j^l}{\partial w_{jk}^l} = a_k^{l-1} \tag{12}",
     "z_j^l = sum_k w_{jk}^l a_k^{l-1} + b_j^l (its (15)); holds"),
    ("eq13", r"\frac {\partial C}{\partial w_{jk}^l} = \delta_j^l a_k^{l-1} \tag{13}",
     "holds (every layer)"),
    ("eqC", r"\frac {\partial C}{\partial w^l} = \delta^l (a^{l-1})^T \tag{C}",
     "the outer product, shaped as w^l (n_l x n_{l-1}); holds"),
    ("eq14", r"= \frac {\partial C}{\partial z_j^l} \frac {\partial z_j^l}{\partial b_j^l}",
     "the chain of (14): dC/db_j^l = sum_k dC/dz_k^l dz_k^l/db_j^l = delta_j^l dz_j^l/db_j^l; holds"),
    ("eq16", r"\frac {\partial z_j^l}{\partial b_j^l} = 1 \tag{16}",
     "holds"),
    ("eq17", r"\frac {\partial C}{\partial b_j^l} = \delta_j^l \tag{17}",
     "holds"),
    ("eqD", r"\frac {\partial C}{\partial b^l} = \delta^l \tag{D}",
     "holds"),
]
YHF_DIRS = [
    ("应用链式法则可得 (by the chain rule)", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output a^l=activation \\delta^l=output_grad C=loss y=target -->"),
    ("**$\\delta_k^l$ 与 $\\delta_k^{l+1}$ 的关系推导**", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^l=input w^{l+1}=kernel b^{l+1}=bias z^{l+1}=output \\delta^{l+1}=output_grad z^l=input \\delta^l=input_grad C=loss -->"),
    ("**$\\frac {\\partial C}{\\partial w_{jk}^l}$ 推导", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output \\delta^l=output_grad C=loss -->"),
]
YHF_EXCL = [
    (r"\delta_j^l \equiv \frac {\partial C}{\partial z_j^l} \tag{1}", "definition of delta"),
    (r"C = \frac {1}{2} ||y - a^L||^2", "loss definition"),
    (r"z_k^{l+1} = \sum_j w_{kj}^{l+1} a_j^l + b_k^{l+1} = \sum_j w_{kj}^{l+1} \sigma (z_j^l) + b_k^{l+1} \tag{7}", "forward definition"),
    (r"z_j^l = \sum_k w_{jk}^l a_k^{l-1} + b_j^l \tag{15}", "forward definition"),
]

TABLE = {
    "nyu_dlsp21_strided_conv1d_en.md": ("nyu", NYU, NYU_DIRS, NYU_EXCL),
    "yinhangfeng_bp_proof_zh.md": ("yhf", YHF, YHF_DIRS, YHF_EXCL),
}
