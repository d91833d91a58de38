"""One-variable calculus rows as real pages write them: a sigmoid's derivative worked out in
displays that each open with ``=``, a binary cross-entropy through ``p = σ(z)`` with ``d`` for
``∂``, list items ``- $$ … $$`` that continue one chain, and ``J = f(p) = f(σ(z))`` saying what
p is.  Truth from torch autograd (float64) at several points, each row's right side written
out here in Python, never from symbp.
"""
import math

import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
POINTS = (-2.0, -0.3, 0.0, 0.7, 3.0)


def _claims(page):
    return [(c.verdict, c.detail) for c in check_text(page, "md").claims]


def _sigmoid_prime(x):
    t = torch.tensor(x, requires_grad=True)
    (1 / (1 + torch.exp(-t))).backward()
    return float(t.grad)


def _truth(rhs):
    """holds when ``rhs(x)`` is the sigmoid's derivative at every point, else refuted."""
    same = all(math.isclose(rhs(x), _sigmoid_prime(x), rel_tol=1e-12, abs_tol=1e-14) for x in POINTS)
    return "holds" if same else "refuted"


E = math.exp
SIGMOID_ROWS = [       # (the row as the page writes it, its right side in Python)
    (r"\frac{d}{dx}(\frac{1}{1 + e^{-x}}) = \frac{d}{dx}(1 + e^{-x})^{-1}", lambda x: E(-x) / (1 + E(-x)) ** 2),
    (r"= -(1 + e^{-x})^{-2} \cdot (-e^{-x})", lambda x: (1 + E(-x)) ** -2 * E(-x)),
    (r"= \frac{1 + e^{-x} - 1}{(1 + e^{-x})^{2}}", lambda x: (1 + E(-x) - 1) / (1 + E(-x)) ** 2),
    (r"= \frac{1}{1 + e^{-x}} - \frac{1}{(1 + e^{-x})^{3}}", lambda x: 1 / (1 + E(-x)) - 1 / (1 + E(-x)) ** 3),
    (r"= \frac{1}{1 + e^{-x}} (1 - \frac{1}{1 + e^{-x}})", lambda x: 1 / (1 + E(-x)) * (1 - 1 / (1 + E(-x)))),
    (r"= \frac{e^{x}}{(1 + e^{x})^{2}}", lambda x: E(x) / (1 + E(x)) ** 2),
    (r"= \frac{1}{(1 + e^{x})^{2}}", lambda x: 1 / (1 + E(x)) ** 2),
]


def test_a_derivative_worked_out_one_display_at_a_time():
    page = "# The sigmoid's derivative\n\n" + "\n".join(f"$$ {row} $$" for row, _ in SIGMOID_ROWS) + "\n"
    claims = _claims(page)
    assert [v for v, _ in claims] == [_truth(f) for _, f in SIGMOID_ROWS]
    assert {_truth(f) for _, f in SIGMOID_ROWS} == {"holds", "refuted"}
    wrong = claims[3][1]
    assert "x = 0" in wrong and "1/4" in wrong and "3/8" in wrong      # both sides at a point a person checks


def test_a_derivative_with_a_constant_the_right_side_drops_is_refuted():
    page = r"""# A row with a weight in it

$$ \frac{d}{dx}(\frac{1}{1 + e^{-w x}}) = \frac{w e^{-x}}{(1 + e^{-x})^{2}} $$
"""
    x, w = torch.tensor(0.7, requires_grad=True), 2.0       # w a constant: d/dx σ(w x) = w σ'(w x)
    (1 / (1 + torch.exp(-w * x))).backward()
    claimed = w * math.exp(-0.7) / (1 + math.exp(-0.7)) ** 2
    assert not math.isclose(float(x.grad), claimed, rel_tol=1e-6)   # the right side dropped w inside: false
    verdict, detail = _claims(page)[0]
    assert verdict != "holds", detail
    # round 50: the claim's letters are independent numbers where the page defines none of them
    # (calc_explicit), so the slip is refuted at a w ≠ 1 a person can check (before: unchecked)
    assert verdict == "refuted" and "w = " in detail, detail


def _bce(z, y):
    """(dJ/dp, dJ/dz) of J = -y ln p - (1-y) ln(1-p), p = σ(z), by autograd."""
    zt = torch.tensor(z, requires_grad=True)
    p = torch.sigmoid(zt)
    p.retain_grad()
    (-y * torch.log(p) - (1 - y) * torch.log(1 - p)).backward()
    return float(p.grad), float(zt.grad)


def _sig(z):
    return 1 / (1 + E(-z))


BCE_ROWS = [           # (row, which derivative it states, its last side in Python)
    (r"\frac{dJ}{dp} = -\frac{y}{p} + \frac{1-y}{1-p}", 0, lambda z, y: -y / _sig(z) + (1 - y) / (1 - _sig(z))),
    (r"\frac{dJ}{dp} = -\frac{y}{p} - \frac{1-y}{1-p}", 0, lambda z, y: -y / _sig(z) - (1 - y) / (1 - _sig(z))),
    (r"\frac{dJ}{dz} = \frac{dJ}{dp}\frac{dp}{dz} = (-\frac{y}{p} + \frac{1-y}{1-p})\sigma(z)(1 - \sigma(z))", 1,
     lambda z, y: (-y / _sig(z) + (1 - y) / (1 - _sig(z))) * _sig(z) * (1 - _sig(z))),
    (r"= \sigma(z) - y", 1, lambda z, y: _sig(z) - y),
    (r"= y - \sigma(z)", 1, lambda z, y: y - _sig(z)),
]


def _bce_truth(which, rhs):
    same = all(math.isclose(rhs(z, y), _bce(z, y)[which], rel_tol=1e-10, abs_tol=1e-12)
               for z in POINTS for y in (0.0, 1.0))
    return "holds" if same else "refuted"


def _bce_page(head, forward):
    rows = "\n\n".join(f"- $$ {row} $$" for row, _, _ in BCE_ROWS)
    return f"""{head}# Binary cross-entropy with the sigmoid

{forward}

Its derivative, step by step:

{rows}
"""


def test_binary_cross_entropy_through_the_sigmoid_a_directive_names():
    page = _bce_page("<!-- symbp: layer=activation name=sigmoid names: z=input p=output y=target J=loss -->\n",
                     r"$$ J = -y\ln{(p)} - (1-y)\ln{(1-p)} $$")
    claims = _claims(page)[1:]
    assert [v for v, _ in claims] == [_bce_truth(w, f) for _, w, f in BCE_ROWS]


def test_binary_cross_entropy_whose_page_says_p_is_the_sigmoid_in_its_forward():
    page = _bce_page("", r"$$ J = -y\ln{(p)} - (1-y)\ln{(1-p)} = -y\ln{(\sigma(z))} - (1-y)\ln{(1-\sigma(z))} $$"
                         "\n\nwith σ the logistic sigmoid.")
    claims = _claims(page)[1:]
    truth = [_bce_truth(w, f) for _, w, f in BCE_ROWS]
    assert [v for v, _ in claims] == truth and truth.count("refuted") == 2


def test_a_page_of_calculus_alone_is_reported_with_its_verdicts(tmp_path):
    # no layer, no directive: the rows it decides are shown and a wrong one fails the run (exit 1);
    # "no layer setup applies" is only for a file of which nothing was read
    import subprocess
    import sys
    doc = tmp_path / "sigmoid.md"
    doc.write_text("# The sigmoid's derivative\n\n" + "\n".join(f"$$ {row} $$" for row, _ in SIGMOID_ROWS) + "\n")
    run = subprocess.run([sys.executable, "-m", "symbp.cli", "check", str(doc)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and run.stdout.count("refuted") >= 2 and "no layer setup" not in run.stderr, run


def test_an_activation_of_a_subscripted_variable():
    # φ(z_j) defined and differentiated in z_j: the row is one-variable calculus in z_j
    page = r"""# The sigmoid

$$ \phi(z_j) = \cfrac{1}{1 + e^{-z_j}} $$

$$ \cfrac{\partial \phi(z_j)}{\partial z_j} = \cfrac{e^{-z_j}}{(1 + e^{-z_j})^2} = \phi(z_j)\left(1-\phi(z_j)\right) $$

$$ \cfrac{\partial \phi(z_j)}{\partial z_j} = \phi(z_j)\left(1+\phi(z_j)\right) $$
"""
    claims = [v for v, _ in _claims(page)][1:]
    truth = [_truth(lambda x: _sig(x) * (1 - _sig(x))), _truth(lambda x: _sig(x) * (1 + _sig(x)))]
    assert claims == truth == ["holds", "refuted"]


def _dense(seed=3):
    g = torch.Generator().manual_seed(seed)
    a, w, b = torch.randn(3, generator=g), torch.randn(3, 2, generator=g, requires_grad=True), torch.randn(2, generator=g)
    z = a @ w + b                                   # z_j = Σ_k w_{k→j} a_k + b_j
    z.retain_grad()
    (z ** 3).sum().backward()
    return a, w.grad, z.grad


def test_weights_named_by_an_arrow_and_equations_numbered_in_roman():
    # w_{k \rightarrow j}: the weight from unit k to unit j, numbered by hand with \rm{(0.4)}
    a, dw, dz = _dense()
    page = r"""# A dense layer

<!-- symbp: layer=fc in=3 out=2 index_base=1 names: a=input w=kernel b=bias z=output J=loss -->

$$ z_j = \sum_{k} w_{k \rightarrow j} a_k + b_j \qquad\qquad \rm{(0.1)} $$

$$ \cfrac{\partial J}{\partial w_{i \rightarrow j}} = \cfrac{\partial J}{\partial z_j} a_i \qquad\qquad \rm{(0.4)} $$

$$ \cfrac{\partial J}{\partial w_{i \rightarrow j}} = \cfrac{\partial J}{\partial z_i} a_j \qquad\qquad \rm{(0.5)} $$
"""
    right = torch.outer(a, dz)                      # row i, column j: a_i ∂J/∂z_j
    assert torch.allclose(dw, right) and not torch.allclose(dw[:2, :], torch.outer(dz, a)[:, :2])
    assert [c.verdict for c in check_text(page, "md").claims][1:] == ["holds", "refuted"]


def test_relu_written_by_cases_with_conditions_in_parentheses():
    page = r"""# ReLU

$$ \phi(z_j) = \begin{cases} 0 & (z_j \le 0) \\ z_j & (z_j \gt 0) \end{cases} $$

$$ \cfrac{\partial \phi(z_j)}{\partial z_j} = \begin{cases} 0 & (z_j \le 0) \\ 1 & (z_j \gt 0) \end{cases} $$

$$ \cfrac{\partial \phi(z_j)}{\partial z_j} = \begin{cases} 1 & (z_j \le 0) \\ 0 & (z_j \gt 0) \end{cases} $$
"""
    def relu_prime(x):                      # away from the kink, by autograd
        t = torch.tensor(x, requires_grad=True)
        torch.relu(t).backward()
        return float(t.grad)
    points = [p for p in POINTS if p != 0.0]
    truth = ["holds" if all(relu_prime(p) == (0.0 if p <= 0 else 1.0) for p in points) else "refuted",
             "holds" if all(relu_prime(p) == (1.0 if p <= 0 else 0.0) for p in points) else "refuted"]
    assert [v for v, _ in _claims(page)][1:] == truth == ["holds", "refuted"]


def test_an_operator_before_a_product_is_not_guessed():
    # d/dx e^x · x: the derivative of the product, (1 + x) e^x, or the derivative times x, x e^x?
    page = "# Which factors\n\n$$ \\frac{d}{dx} e^{x} \\cdot x = x e^{x} $$\n\n$$ \\frac{d}{dx} e^{x} \\cdot x = (1 + x) e^{x} $$\n"
    t = torch.tensor(0.7, requires_grad=True)
    (torch.exp(t) * t).backward()
    product, factor = float(t.grad), math.exp(0.7) * 0.7
    assert not math.isclose(product, factor)            # the two readings differ
    assert [v for v, _ in _claims(page)] == ["unchecked", "unchecked"]
