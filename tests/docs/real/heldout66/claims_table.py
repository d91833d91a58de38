"""The sixty-sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout66.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- mshlis_focal_gradient_loss_en
MSH = [
    ("fl_grad", r"\dot{FL(p)} = - \frac{(1-p)^\gamma }{p} + \gamma (1-p)^{\gamma - 1} \ log(p)",
     "FL(p) = -(1-p)^gamma log(p) (the proportionality constant taken as 1, as the rows do), the dot the derivative in p: FL'(p) = -(1-p)^gamma / p + gamma (1-p)^(gamma-1) log(p); holds (p in (0, 1), gamma = 0.5, 1, 1.7, 2, 3)"),
    ("fl_ce", r"= -(1-p)^\gamma \ \dot{CE(p)} + \gamma (1-p)^{\gamma - 1} \ log(p)",
     "CE(p) = -log(p) (the cross-entropy the focal loss reweights), so CE'(p) = -1/p and -(1-p)^gamma CE'(p) = +(1-p)^gamma / p, the opposite sign of the first term of the row above; the row equals FL'(p) only where (1-p)^gamma / p = 0, never on (0, 1); refuted (the sign of the masked term is flipped)"),
    ("fgl_grad", r"\dot{FGL(p)} = - \frac{(1-p)^\gamma }{p}",
     "FGL(p) = -StopGradient((1-p)^gamma) log(p): the weight is a constant for differentiation, so FGL'(p) = -(1-p)^gamma / p (autograd with the weight detached); holds"),
    ("fgl_ce", r"= -(1-p)^\gamma \ \dot{CE(p)}  ",
     "with CE'(p) = -1/p, -(1-p)^gamma CE'(p) = +(1-p)^gamma / p = -FGL'(p): the same sign slip as the focal-loss row; refuted (the true relation is FGL'(p) = (1-p)^gamma CE'(p))"),
]
MSH_DIRS = [
    ("### Comparing the objective functions", "<!-- symbp: layer=activation name=identity names: p=input FL=loss FGL=loss CE=loss -->"),
]
MSH_EXCL = [
    (r"FL(p) \propto - (1-p)^\gamma log(p)", "loss definition"),
    (r"FGL(p) \propto - StopGradient((1-p)^\gamma) \ log(p)", "loss definition"),
    (r"= -(1-p)^\gamma \ \dot{CE(p)} + R(p) \\", "names the residual R(p) (a definition of R); it inherits the sign slip of the row above, which is scored"),
    (r"\int_{z=1}^p -\frac{(1-z)^\gamma}{z} dz", "an antiderivative (the effective loss of the focal gradient loss), not a gradient claim; it holds for integer gamma"),
]

# ---------------------------------------------------------------- swish_derivative_es
SWI = [
    ("sig", r"\frac{\partial}{\partial x}\sigma(x) = 1 - \sigma(x)",
     "sigma the logistic sigmoid: sigma'(x) = sigma(x)(1 - sigma(x)), not 1 - sigma(x) (the two agree only where sigma(x) = 1, never); refuted (drawn x)"),
    ("prod", r"= \frac{\partial x}{\partial x}\sigma(\beta x)",
     "the product rule for swish(x, beta) = x sigma(beta x): d/dx = (dx/dx) sigma(beta x) + x d/dx sigma(beta x); holds (autograd, beta = 0.5, 1.5, 2, -0.7, drawn x)"),
    ("final", r"= \sigma(\beta x) + \beta x (1 - \sigma(x))",
     "d/dx x sigma(beta x) = sigma(beta x) + beta x sigma(beta x)(1 - sigma(beta x)); the row has (1 - sigma(x)) in place of sigma(beta x)(1 - sigma(beta x)) (the wrong sigmoid derivative, evaluated at x instead of beta x); refuted for every drawn beta and x"),
    ("dbeta", r"= x^2 \sigma(\beta x)(1 - \sigma(\beta x))",
     "d/dbeta x sigma(beta x) = x . sigma'(beta x) . x = x^2 sigma(beta x)(1 - sigma(beta x)); holds (autograd with respect to beta)"),
]
SWI_DIRS = [
    ("## *ReLU*", "<!-- symbp: layer=activation name=relu names: x=input -->"),
    ("## *Swish*", "<!-- symbp: layer=activation name=swish names: x=input \\beta=param \\sigma=activation -->"),
]
SWI_EXCL = [
    (r"\frac{\partial}{\partial x}\max\{0, x\} =", "ReLU derivative by cases (holds, 0 at x = 0); left out for the 30% cap"),
    (r"= \frac{\partial}{\partial x}(x \cdot \sigma(\beta x))", "restates swish's definition under the derivative"),
    (r"+ x \frac{\partial}{\partial x}\sigma(x)\frac{\partial}{\partial x} \beta x", "the chain step with sigma differentiated at x instead of beta x (wrong for beta != 1); left out for the 30% cap, the row after it is scored"),
    (r"= \frac{\partial}{\partial \beta}(x \cdot \sigma(\beta x))", "restates swish's definition under the derivative"),
    (r"+ x\frac{\partial}{\partial \beta}\sigma(\beta x)", "the product rule in beta (holds); left out for the 30% cap"),
    (r"+ x \frac{\partial}{\partial (\beta x)}\sigma(\beta x)", "the chain rule in beta (holds); left out for the 30% cap"),
    (r"\frac{\partial\ \text{celu}(x, \ldots)}{\partial x} = \ldots", "an empty template (no claim)"),
    (r"\frac{\partial\ \text{celu}(x, \ldots)}{\partial \ldots} = \ldots", "an empty template (no claim)"),
]

# ---------------------------------------------------------------- gombru_cross_entropy_losses_en
GOM = [
    ("sm_pos", r"\frac{\partial}{\partial s_{p}} \left ( -log\left ( \frac{e^{s_{p}}}{\sum_{j}^{C} e^{s_{j}}} \right ) \right ) = \left ( \frac{e^{s_{p}}}{\sum_{j}^{C}e^{s_{j}}} - 1 \right )",
     "softmax over the scores s, one-hot target with positive class p, CE = -log softmax(s)_p: dCE/ds_p = softmax(s)_p - 1; holds (C = 3, 4, 6)"),
    ("sm_neg", r"\frac{\partial}{\partial s_{n}} \left (-log\left ( \frac{e^{s_{p}}}{\sum_{j}^{C} e^{s_{j}}} \right ) \right ) = \left ( \frac{e^{s_{n}}}{\sum_{j}^{C}e^{s_{j}}}\right )",
     "for every negative class n != p: dCE/ds_n = softmax(s)_n; holds"),
    ("ml_pos", r"\frac{\partial}{\partial s_{pi}} \left ( \frac{1}{M} \sum_{p}^{M} -log",
     "M positive classes, CE = (1/M) sum over the positives of -log softmax(s)_p: for a positive class pi, dCE/ds_pi = (1/M)((softmax_pi - 1) + (M - 1) softmax_pi) = softmax_pi - 1/M; holds (M = 2, 3 of C = 4, 5, 6)"),
    ("bce", r"\frac{\partial}{\partial s_{i}} \left ( CE(f(s_{i})\right) = t_{1} (f(s_{1}) - 1) + (1 - t_{1}) f(s_{1})",
     "f the sigmoid (read as the logistic 1/(1 + e^{-s}), which the page names and its code uses; the page's own definition display drops the minus sign), CE = -t log f(s) - (1 - t) log(1 - f(s)), s_1 = s_i: dCE/ds = t (f - 1) + (1 - t) f = f - t; holds (t = 0, 1 and real t in [0, 1])"),
    ("focal_pos", r"= (1 - f(s_{i}))^{\gamma }(\gamma f(s_{i}) log(f(s_{i})) + f(s_{i}) - 1) \quad if \quad t_{1} = 1",
     "t = 1, FL = -(1 - f(s))^gamma log f(s) with f the logistic sigmoid: dFL/ds = gamma (1-f)^(gamma-1) f(1-f) log f - (1-f)^gamma (1-f) = (1-f)^gamma (gamma f log f + f - 1); holds (gamma = 0, 0.5, 2, 3)"),
]
GOM_DIRS = [
    ("### Categorical Cross-Entropy loss", "<!-- symbp: layer=softmax names: s=input s_{p}=input s_{n}=input s_{pi}=input t=target CE=loss -->"),
    ("### Binary Cross-Entropy Loss", "<!-- symbp: layer=activation name=sigmoid names: s=input s_{i}=input s_{1}=input f=activation t=target t_{1}=target CE=loss -->"),
    ("### Focal Loss", "<!-- symbp: layer=activation name=sigmoid names: s=input s_{i}=input f=activation t=target t_{1}=target FL=loss -->"),
]
GOM_EXCL = [
    (r"f(s_{i}) = \frac{1}{1 + e^{s_{i}}}", "forward definition (the sigmoid, written without the minus sign)"),
    (r"f(s)_{i} = \frac{e^{s_{i}}}{\sum_{j}^{C} e^{s_{j}}}", "forward definition"),
    (r"CE = -\sum_{i}^{C}t_{i} log (s_{i})", "loss definition"),
    (r"CE = -\sum_{i=1}^{C'=2}t_{i} log (s_{i}) = ", "loss definition (two classes)"),
    (r"CE = -log\left ( \frac{e^{s_{p}}}{\sum_{j}^{C} e^{s_{j}}} \right )", "loss definition"),
    (r"CE = \frac{1}{M} \sum_{p}^{M}", "loss definition (multi-label)"),
    (r"\frac{\partial}{\partial s_{n}} \left ( \frac{1}{M} \sum_{p}^{M}", "multi-label negative class: dCE/ds_n = softmax_n (holds); left out for the 30% cap"),
    (r"CE = -\sum_{i=1}^{C'=2}t_{i} log (f(s_{i}))", "loss definition"),
    (r"CE = \left\{\begin{matrix}", "loss definition (by cases)"),
    (r"\begin{Bmatrix} f(s_{i}) - 1", "the sigmoid cross-entropy gradient by cases (holds); restates the scored row"),
    (r"FL = -\sum_{i=1}^{C=2}(1 - s_{i})^{\gamma }t_{i} log (s_{i})", "loss definition"),
    (r"FL = \left\{\begin{matrix}", "loss definition (by cases)"),
]

# ---------------------------------------------------------------- math06_backprop_nanochat_ja
M06 = [
    ("lin_dW", "∂L/∂W = (∂L/∂y) ⊗ xᵀ",
     "y = W·x + b (W out x in, column vectors): dL/dW = (dL/dy) x^T, the outer product; holds (sizes 2x3, 4x5, 3x1; drawn non-linear loss of y)"),
    ("sig", "∂L/∂x = (∂L/∂y) ⊙ σ(x) ⊙ (1 - σ(x))",
     "y = sigma(x) entrywise: dL/dx = dL/dy entrywise sigma(x)(1 - sigma(x)); holds"),
    ("smce", "∂L/∂z_i = p_i - δ_iy",
     "p = softmax(z), L = -log p_y with y the correct class: dL/dz_i = p_i - delta_{iy}; holds (K = 3, 5, 10)"),
    ("mm_dB", "∂L/∂B = Aᵀ @ (∂L/∂C)",
     "C = A @ B, A (m, n), B (n, p): dL/dB = A^T (dL/dC); holds (drawn m, n, p)"),
]
M06_DIRS = [
    ("### 6.5.1 線形層", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: x=input W=kernel b=bias y=output L=loss -->"),
    ("**Sigmoid**：", "<!-- symbp: layer=activation name=sigmoid names: x=input y=output L=loss -->"),
    ("### 6.5.3 Softmax + 交差エントロピー", "<!-- symbp: layer=softmax names: z=input p=output L=loss -->"),
    ("### 6.6.1 行列積の勾配", "<!-- symbp: layer=fc in=4 out=5 weight=in-out names: A=input B=kernel C=output L=loss -->"),
]
M06_EXCL = [
    ("dy/dx = (dy/dg) × (dg/dx)\n```", "the scalar chain rule (a calculus reminder)"),
    ("= 6x(x² + 1)²", "a calculus worked example (holds), not a layer gradient"),
    ("= 5t⁴", "a calculus worked example (holds), not a layer gradient"),
    ("∂y/∂x = (∂y/∂a)(∂a/∂x) + (∂y/∂b)(∂b/∂x)", "a computation-graph worked example (holds: 7)"),
    ("∂L/∂ŷ = -2(y - ŷ)", "two-layer example rows (all hold for a one-output network); left out for the 30% cap"),
    ("∂L/∂b = ∂L/∂y", "linear-layer bias and input rows (hold); left out for the 30% cap"),
    ("逆伝播: ∂L/∂x = (∂L/∂y) ⊙ (x > 0)", "ReLU rule (holds); left out for the 30% cap"),
    ("逆伝播: ∂L/∂x = (∂L/∂y) ⊙ (1 - tanh²(x))", "tanh rule (holds); left out for the 30% cap"),
    ("∂L/∂A = (∂L/∂C) @ Bᵀ\n  ∂L/∂B", "the matrix-product rule for A (holds); left out for the 30% cap"),
    ("∂L/∂x = ∂L/∂z\n  ∂L/∂y = ∂L/∂z", "the addition rule (holds); left out for the 30% cap"),
    ("∂L/∂x = (∂L/∂z) ⊙ y", "the elementwise-product rules (hold); left out for the 30% cap"),
]

TABLE = {
    "mshlis_focal_gradient_loss_en.md": ("msh", MSH, MSH_DIRS, MSH_EXCL),
    "swish_derivative_es.md": ("swi", SWI, SWI_DIRS, SWI_EXCL),
    "gombru_cross_entropy_losses_en.md": ("gom", GOM, GOM_DIRS, GOM_EXCL),
    "math06_backprop_nanochat_ja.md": ("m06", M06, M06_DIRS, M06_EXCL),
}
