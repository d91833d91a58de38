"""The fourteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout14.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

LMT = [
    ("s_cases", "\\frac{\\partial a^L_i}{\\partial z^L_j} = \n\\begin{cases}", "softmax Jacobian: a_i (1 - a_i) on the diagonal, -a_i a_j off it"),
    ("s_diag", r"= \frac{e^{z^L_i}\sum_k e^{z^L_k} - e^{z^L_i}e^{z^L_i}}{(\sum_k e^{z^L_k})^2} = a^L_i(1-a^L_i)", "quotient rule, i = j"),
    ("s_off", r"\frac{\partial a^L_i}{\partial z^L_j} = \frac{-e^{z^L_i}e^{z^L_j}}{(\sum_k e^{z^L_k})^2} = -a^L_i a^L_j", "quotient rule, i != j"),
    ("c_chain", r"\frac{\partial \mathcal{L}}{\partial z^L_j} = \frac{\partial}{\partial z^L_j}(-\log a^L_c) = -\frac{1}{a^L_c} \frac{\partial a^L_c}{\partial z^L_j}", "L = -log a_c: d log"),
    ("c_true", r"= -(1-a^L_c) = a^L_c - 1", "dL/dz_c = a_c - 1"),
    ("c_other", r"\cdot (-a^L_c a^L_j) = a^L_j", "dL/dz_j = a_j for j != c"),
    ("c_comb", r"\frac{\partial \mathcal{L}}{\partial z^L_j} = a^L_j - y_j", "one-hot y: dL/dz_j = a_j - y_j"),
    ("c_vec", r"\delta^L = \frac{\partial \mathcal{L}}{\partial z^L} = a^L - y", "vector form"),
    ("w_chain", r"\frac{\partial \mathcal{L}}{\partial W^l_{ij}} = \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial W^l_{ij}}", "W_ij reaches L only through z_j (z = a W + b)"),
    ("w_ij", r"\frac{\partial \mathcal{L}}{\partial W^l_{ij}} = \delta^l_j \cdot a^{l-1}_i", "dL/dW_ij = delta_j a_i"),
    ("w_mat", r"\frac{\partial \mathcal{L}}{\partial W^l} = (a^{l-1})^T \delta^l", "row vectors: dL/dW = a^T delta (n x m, the shape of W)"),
    ("b_chain", r"\frac{\partial \mathcal{L}}{\partial b^l_j} = \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial b^l_j}", "b_j reaches L only through z_j"),
    ("b_vec", r"\frac{\partial \mathcal{L}}{\partial b^l} = \delta^l}", "dL/db = delta"),
    ("d_chain", r"\frac{\partial \mathcal{L}}{\partial z^{l-1}_i} = \sum_j \frac{\partial \mathcal{L}}{\partial z^l_j} \frac{\partial z^l_j}{\partial a^{l-1}_i} \frac{\partial a^{l-1}_i}{\partial z^{l-1}_i}", "chain rule through every z^l_j"),
    ("d_zA", r"\frac{\partial z^l_j}{\partial a^{l-1}_i} = W^l_{ij}", "z_j = sum_k W_kj a_k + b_j"),
    ("d_relu", "\\mathrm{ReLU}'(z^{l-1}_i) = \n\\begin{cases}", "ReLU' is 1 above 0, 0 otherwise (checked away from 0)"),
    ("d_comb", r"\delta^{l-1}_i = \sum_j \delta^l_j W^l_{ij} \cdot \mathrm{ReLU}'(z^{l-1}_i)", "the recursion per entry"),
    ("d_mat", r"\delta^{l-1} = \left(\delta^l (W^l)^T\right) \odot \mathrm{ReLU}'(z^{l-1})", "the recursion, row vectors"),
    ("d_mat_a", r"\odot \mathrm{ReLU}'(a^{l-1})}", "ReLU'(a) with a = ReLU(z): a > 0 exactly when z > 0, and ReLU'(0) = 0, so the same gate"),
    ("w_ij2", r"= a^{l-1}_i \cdot \delta^l_j", "dL/dW_ij = a_i delta_j, restated"),
]
LMT_DIRS = [
    ("### Why delta^L = a^L - y\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z^L=input a^L=output y=target \\mathcal{L}=loss -->"),
    ("## Backpropagation\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows names: a^{l-1}=input W^l=kernel b^l=bias z^l=output \\mathcal{L}=loss -->"),
]
LMT_EXCL = [
    (r"a^{l-1} W^l + b^l \\", "forward definition"),
    (r"\mathrm{softmax}(u)_i = \frac{e^{u_i}}{\sum_j e^{u_j}}", "definition of softmax"),
    (r"\mathcal{L} = -\sum_{i=1}^K y_i \log(a^L_i)", "definition of the loss"),
    (r"\mathcal{L} = -\log(a^L_c)", "definition of the loss for the one-hot target"),
    (r"\delta^l \equiv \frac{\partial \mathcal{L}}{\partial z^l}", "definition of delta"),
    (r"\leftarrow W^l - \eta", "update rule"),
]

TABLE = {
    "lmtot27_mlp_relu_softmax_vi.md": ("lmt", LMT, LMT_DIRS, LMT_EXCL),
}
