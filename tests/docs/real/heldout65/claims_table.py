"""The sixty-fifth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout65.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- jameshuang_softmax_ce_en
JHS = [
    ("expand", r"= -y_j + p_j \sum_i y_i",
     "p = softmax(z), L = -sum_i y_i log p_i: dL/dz_j = -y_j + p_j sum_i y_i for any target y (the step needs no one-hot yet); holds (K = 3, 4, 6, one-hot and real-valued targets)"),
]
JHS_DIRS = [
    ("### Derivative of Categorical Cross-Entropy Loss", "<!-- symbp: layer=activation name=softmax names: z=input p=output \\mathcal{L}=loss y=target -->"),
]
JHS_EXCL = [
    (r"\text{Loss} = - \sum_{i=1}^K y_i \log(p_i)", "loss definition"),
    ("\\frac{\\partial \\mathcal{L}}{\\partial w} =\n\\frac{\\partial \\mathcal{L}}{\\partial a} \\cdot", "generic scalar chain rule for z = w.x + b, a = sigma(z) (holds); a calculus reminder"),
    (r"\frac{dL}{dw} = \frac{dL}{dz} \cdot \frac{dz}{dw}", "generic chain rule reminder (holds)"),
    (r"\mathcal{L} = - \sum_{i=1}^{K} y_i \log(p_i)", "loss definition (restated)"),
    ("$$\n\\frac{\\partial \\mathcal{L}}{\\partial z_j} = p_j - y_j\n$$", "dL/dz_j = p_j - y_j for a one-hot y (holds); left out for the 30% cap"),
    (r"p_j = \frac{e^{z_j}}{\sum_k e^{z_k}}", "forward definition"),
    (r"p_j = \frac{e^{z_j}}{\sum_{k=1}^{K} e^{z_k}}", "forward definition"),
    (r"p_j (1 - p_j), & \text{if } j = k", "the softmax Jacobian by cases (holds); left out for the 30% cap"),
    ("= \\sum_i\n  \\frac{\\partial \\mathcal{L}}{\\partial p_i}", "the chain rule through the softmax outputs (holds); left out for the 30% cap"),
    (r"\frac{\partial \mathcal{L}}{\partial p_i} = -\frac{y_i}{p_i}", "dL/dp_i = -y_i/p_i (holds); left out for the 30% cap"),
    (r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)", "the softmax Jacobian with the Kronecker delta (holds); left out for the 30% cap"),
    (r"= \sum_i \left(-\frac{y_i}{p_i}\right) \cdot p_i(\delta_{ij} - p_j)", "the substituted chain (holds); left out for the 30% cap"),
    (r"= -\sum_i y_i(\delta_{ij} - p_j)", "the simplified chain (holds); left out for the 30% cap"),
    (r"\boxed{\frac{\partial \mathcal{L}}{\partial z_j} = p_j - y_j}", "the result for a one-hot y (holds); left out for the 30% cap"),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{z}} = \mathbf{p} - \mathbf{y}", "the vector form (holds for a one-hot y); left out for the 30% cap"),
]

# ---------------------------------------------------------------- it_perdita_logistica_it
LOG = [
    ("grad", "\\frac\n{\n\te^{\n\t\t-\n\t\t{\\color{darkcyan} \\mathbf{y}}",
     "linear model, t = y x^T w (x^dagger read as the transpose of x, y a label in {-1, +1} or any real), L = log(1 + e^{-t}): grad_w L = e^{-t} (-y x) / (1 + e^{-t}) (the row vector y x^dagger read as the gradient's entries); holds (n = 2, 3, 5, labels +-1 and real)"),
]
LOG_DIRS = [
    ("## Perdita logistica", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{x}=input \\mathbf{w}=kernel \\mathbf{y}=target \\loss=loss -->"),
]
LOG_EXCL = [
    ("\\log \\par{\n\t1\n\t+", "loss definition"),
]

# ---------------------------------------------------------------- it_perdita_quadratica_it
QUA = [
    ("grad", "-\n2\n\\cdot\n\\par{\n\t1\n\t-",
     "the loss as written is L = (1 - (y x^T w)^2) (the square sits on t = y x^T w inside the inner parentheses), so grad_w L = -2 t y x; the row's -2 (1 - t) y x is the gradient of (1 - t)^2, a different loss; the two agree only where t = 1/2; refuted (drawn x, w, y)"),
]
QUA_DIRS = [
    ("## Perdita quadratica", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{x}=input \\mathbf{w}=kernel \\mathbf{y}=target \\loss=loss -->"),
]
QUA_EXCL = [
    ("=\n\\par{\n\t1\n\t-\n\t\\par{", "loss definition"),
]

# ---------------------------------------------------------------- it_perdita_hinge_it
HIN = [
    ("grad_mid", "- \\par{\n\t1 -\n\t{\\color{darkcyan} \\mathbf{y}}",
     "the middle case, 0 < t < 1 with t = y x^T w: the loss as written there is 1/2 - t^2, whose gradient is -2 t y x; the row's -(1 - t) y x is the gradient of (1/2)(1 - t)^2 (the usual smoothed hinge, not the loss the page writes); they agree only at t = 1/3; refuted (w drawn so that 0 < t < 1)"),
]
HIN_DIRS = [
    ("## Perdita a tratti", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{x}=input \\mathbf{w}=kernel \\mathbf{y}=target \\loss=loss -->"),
]
HIN_EXCL = [
    ("=\n\\begin{cases}\n\t\\frac{1}{2} ", "loss definition (by cases)"),
    ("\\begin{cases}\n-\n{\\color{darkcyan} \\mathbf{y}}\n\\times\n{\\color{darkcyan} \\mathbf{x}}^\\dagger\n&&", "the first and third cases of the gradient display (-y x^T for t <= 0, 0 for t >= 1) hold; only the middle case is scored, the other cases share its display"),
]

TABLE = {
    "jameshuang_softmax_ce_en.md": ("jhs", JHS, JHS_DIRS, JHS_EXCL),
    "it_perdita_logistica_it.md": ("log", LOG, LOG_DIRS, LOG_EXCL),
    "it_perdita_quadratica_it.md": ("qua", QUA, QUA_DIRS, QUA_EXCL),
    "it_perdita_hinge_it.md": ("hin", HIN, HIN_DIRS, HIN_EXCL),
}
