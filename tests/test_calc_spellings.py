r"""Softmax / cross-entropy / activation derivations in the spellings other authors use,
read by the scalar-layer reader (``check/calc_*``) through ``symbp check``.

Spellings taken from several public derivations (paraphrased, not copied): ``\partial{o_i}``
in braces and conditions after ``\quad`` (a Q&A-derived softmax-loss note), ``\mathbf{1}\{i=j\}``
indicators, ``\\[1ex]`` and ``e^{z_i},`` in cases and a Chinese "当 $i = j$ 时：" before a
display (a Chinese softmax article), ``\frac{\delta L}{\delta y_1}`` with written entries
``y_1, y_2, y_3`` and vectors ``[…, …, …]`` (a Chinese course notebook; a 3-class example as
in a stats Q&A), ``g_{\text{logistic}}`` / ``g'_{\text{tanh}}`` in ``array`` rows with
``\text{(by chain rule)}`` remarks and the quotient rule written with ``\frac{d}{dx}`` inside
the expression (activation-derivative blog posts).

The truth of every claim comes from torch autograd (the softmax Jacobian, the derivative of
sigmoid and tanh) at random points, never from symbp: a claim whose two sides agree there
must hold, one whose sides differ must be refuted.
"""
from __future__ import annotations

import math

import pytest
import torch

from symbp.check.checker import check_text

torch.manual_seed(0)
Z = torch.randn(3, dtype=torch.float64)
P = torch.softmax(Z, 0)
JAC = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, 0), Z)   # JAC[i, j] = ∂p_i/∂z_j


def _verdict(doc: str, needle: str) -> str:
    report = check_text(doc, "md", time_limit=20)
    hits = [c for c in report.claims if needle in c.latex]
    assert hits, f"no claim holds {needle!r}: {[c.latex for c in report.claims]}"
    return hits[0].verdict


def _expect(truth: bool, got: str):
    assert got == ("holds" if truth else "refuted"), (truth, got)


def _all(pairs) -> bool:
    return all(math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12) for a, b in pairs)


# ----------------------------------------------------------------- softmax Jacobian
QA_NOTE = r"""
A softmax classifier:

$$
p_j = \frac{\exp{o_j}}{\sum_{k}\exp{o_k}}
$$

The derivatives:

$$
\frac{\partial{p_j}}{\partial{o_i}} = RHS_EQ, \quad i = j \\
\frac{\partial{p_j}}{\partial{o_i}} = RHS_NE, \quad i \ne j
$$
"""

QA_CASES = [   # (right side for i = j, for i ≠ j, truth of each from torch)
    ("p_i (1-p_i)", "- p_i p_j",
     lambda: _all((JAC[i, i], P[i] * (1 - P[i])) for i in range(3)),
     lambda: _all((JAC[j, i], -P[i] * P[j]) for i in range(3) for j in range(3) if i != j)),
    ("p_i (1+p_i)", "p_i p_j",
     lambda: _all((JAC[i, i], P[i] * (1 + P[i])) for i in range(3)),
     lambda: _all((JAC[j, i], P[i] * P[j]) for i in range(3) for j in range(3) if i != j)),
]


@pytest.mark.parametrize("eq_rhs,ne_rhs,eq_truth,ne_truth", QA_CASES)
def test_braced_partials_with_trailing_conditions(eq_rhs, ne_rhs, eq_truth, ne_truth):
    doc = QA_NOTE.replace("RHS_EQ", eq_rhs).replace("RHS_NE", ne_rhs)
    _expect(eq_truth(), _verdict(doc, eq_rhs + ", \\quad i = j"))
    _expect(ne_truth(), _verdict(doc, ne_rhs + ", \\quad i \\ne j"))


ZH_ARTICLE = r"""
$$
\mathbf{y} = \text{softmax}(\mathbf{z})
$$

其中 $e^{z_i}$ 对 $z_j$ 的导数要分情况讨论：

$$
\frac{\partial e^{z_i}}{\partial z_j} =
\begin{cases}
CASE_EQ, & \text{if} \;\;\; i = j \\[1ex]
0, & \text{if} \;\;\; i \neq j
\end{cases}
$$

当 $COND$ 时：

$$
\frac{\partial y_i}{\partial z_j} = y_i - y_i y_j
$$

二者合起来：

$$
\frac{\partial y_i}{\partial z_j} = \mathbf{\large1} \{i=j\}\, INDICATOR
$$
"""


@pytest.mark.parametrize("case_eq,cond,indicator", [
    ("e^{z_i}", "i = j", "y_i - y_i\\,y_j"),
    ("e^{z_j}", "i \\neq j", "y_j - y_i"),
    ("z_i", "i = j", "y_i + y_i\\,y_j"),
])
def test_chinese_cases_condition_and_indicator(case_eq, cond, indicator):
    doc = ZH_ARTICLE.replace("CASE_EQ", case_eq).replace("COND", cond).replace("INDICATOR", indicator)
    e = torch.exp(Z)
    d_exp = torch.autograd.functional.jacobian(torch.exp, Z)            # ∂e^{z_i}/∂z_j
    case_value = {"e^{z_i}": e, "e^{z_j}": e, "z_i": Z}[case_eq]
    _expect(_all((d_exp[i, i], case_value[i]) for i in range(3)) and
            _all((d_exp[i, j], 0) for i in range(3) for j in range(3) if i != j),
            _verdict(doc, "\\frac{\\partial e^{z_i}}{\\partial z_j}"))
    pairs = [(i, j) for i in range(3) for j in range(3) if (i == j) == (cond == "i = j")]
    _expect(_all((JAC[i, j], P[i] - P[i] * P[j]) for i, j in pairs),
            _verdict(doc, "= y_i - y_i y_j"))
    formula = {"y_i - y_i\\,y_j": lambda i, j: (i == j) * P[i] - P[i] * P[j],
               "y_j - y_i": lambda i, j: (i == j) * P[j] - P[i],
               "y_i + y_i\\,y_j": lambda i, j: (i == j) * P[i] + P[i] * P[j]}[indicator]
    _expect(_all((JAC[i, j], formula(i, j)) for i in range(3) for j in range(3)),
            _verdict(doc, "\\mathbf{\\large1}"))


# ----------------------------------------------------------------- written entries, δ for ∂
NOTEBOOK = r"""
$$
    Y = [y_1, y_2, y_3] \\
    S = e^{y_1} + e^{y_2} + e^{y_3}
$$

$$
\begin{align*}
P & = softmax(Y) \\
  & = [e^{y_1} \cdot \frac{1}{S}, e^{y_2} \cdot \frac{1}{S}, e^{y_3} \cdot \frac{1}{S}]
\end{align*}
$$

The first derivative:

$$
\begin{align*}
\frac{\delta P_2}{\delta y_1} & = ROW_ONE \\
                              & = ROW_TWO
\end{align*}
$$

The chain rule for any loss:

$$
\frac{\delta L}{\delta y_1} = \frac{\delta L}{\delta P_1} \cdot \frac{\delta P_1}{\delta y_1} + CHAIN
$$
"""


@pytest.mark.parametrize("row_one,row_two,chain", [
    ("e^{y_2} \\times \\frac{-1}{S^2} \\times e^{y_1}", "-P_2 P_1",
     "\\frac{\\delta L}{\\delta P_2} \\cdot \\frac{\\delta P_2}{\\delta y_1} + \\frac{\\delta L}{\\delta P_3} \\cdot \\frac{\\delta P_3}{\\delta y_1}"),
    ("e^{y_2} \\times \\frac{1}{S^2} \\times e^{y_1}", "P_2 (1 - P_1)",
     "\\frac{\\delta L}{\\delta P_2} \\cdot \\frac{\\delta P_2}{\\delta y_1}"),
])
def test_written_entries_and_delta_for_partial(row_one, row_two, chain):
    doc = NOTEBOOK.replace("ROW_ONE", row_one).replace("ROW_TWO", row_two).replace("CHAIN", chain)
    e, s = torch.exp(Z), torch.exp(Z).sum()
    one = {"e^{y_2} \\times \\frac{-1}{S^2} \\times e^{y_1}": -e[1] * e[0] / s ** 2,
           "e^{y_2} \\times \\frac{1}{S^2} \\times e^{y_1}": e[1] * e[0] / s ** 2}[row_one]
    two = {"-P_2 P_1": -P[1] * P[0], "P_2 (1 - P_1)": P[1] * (1 - P[0])}[row_two]
    _expect(_all([(JAC[1, 0], one)]), _verdict(doc, "= " + row_one))
    _expect(_all([(JAC[1, 0], two)]), _verdict(doc, "= " + row_two))
    # ∂L/∂y_1 = Σ_k ∂L/∂P_k ∂P_k/∂y_1 for a loss with random ∂L/∂P (autograd through softmax)
    # (the section leaves L general: a chain that misses a term is no identity for every
    # loss, which the reader leaves unchecked rather than refuting)
    g = torch.randn(3, dtype=torch.float64)
    terms = 3 if "P_3" in chain else 2
    got = _verdict(doc, "\\frac{\\delta L}{\\delta y_1} = ")
    if _all([((g @ JAC)[0], sum(g[k] * JAC[k, 0] for k in range(terms)))]):
        assert got == "holds"
    else:
        assert got in ("refuted", "unchecked")


@pytest.mark.parametrize("rhs,batch,value", [
    ("- T_1 \\times \\frac{1}{P_1}", False, lambda t, p, m: -t[0] / p[0]),
    ("-\\frac{1}{M} T_1 \\times \\frac{1}{P_1}", True, lambda t, p, m: -t[0] / p[0] / m),
    ("-\\frac{1}{M} \\times \\frac{1}{P_1}", True, lambda t, p, m: -1 / p[0] / m),
])
def test_a_mean_over_samples_is_read_per_sample_or_for_the_batch(rhs, batch, value):
    """``L = -\\frac1M Σ_i Σ_k T_k^{(i)} ln P_k^{(i)} = -\\frac1M[…]``: a claim that does not
    write M is read for one sample's loss (``∂L/∂P_1 = -T_1/P_1``), one that does for the
    batch mean (check/calc_batch); a free M never refutes a true per-sample claim. Truth:
    autograd of the mean over M = 2 samples, and of one sample's loss, by sample 0's P."""
    doc = NOTEBOOK.replace("ROW_ONE", "-P_2 P_1").replace("ROW_TWO", "-P_2 P_1").replace("CHAIN", "0") + r"""
$$
\begin{align*}
L & = -\frac{1}{M}\sum_{i=1}^{M}\sum_{k=1}^{3}{T_k^{(i)} \ln(P_k^{(i)})} \\
  & = -\frac{1}{M}[\ln(P_1) T_1 + \ln(P_2) T_2 + \ln(P_3) T_3]
\end{align*}
$$

$$
\frac{\delta L}{\delta P_1} = RHS
$$
""".replace("RHS", rhs)
    probs = torch.softmax(torch.randn(2, 3, dtype=torch.float64), 1).requires_grad_(True)
    target = torch.softmax(torch.randn(2, 3, dtype=torch.float64), 1)
    loss = -(target * torch.log(probs)).sum() / (2 if batch else 1) if batch else \
        -(target[0] * torch.log(probs[0])).sum()
    want = torch.autograd.grad(loss, probs)[0][0, 0]
    truth = bool(torch.isclose(torch.as_tensor(value(target[0], probs[0].detach(), 2)), want))
    _expect(truth, _verdict(doc, "\\frac{\\delta L}{\\delta P_1} = " + rhs[:6]))


def test_numeric_sum_range_other_than_the_axis_is_not_summed_over_the_axis():
    """``\\sum_{k=1}^{3}`` where the classes are 4: never a verdict from a sum over 4."""
    doc = r"""
<!-- symbp: layer=softmax classes=4 -->

$$p_i = \frac{e^{z_i}}{\sum_{k=1}^{3} e^{z_k}}$$

$$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$$
"""
    assert _verdict(doc, "p_i(\\delta_{ij} - p_j)") != "holds"


# ----------------------------------------------------------------- activations
def _dsig(x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(t).backward()
    return float(t.grad)


def _dtanh(x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch.tanh(t).backward()
    return float(t.grad)


POINTS = (-1.3, 0.4, 2.1)
SIG = lambda z: 1 / (1 + math.exp(-z))                       # noqa: E731

SIGMOID_ROWS = [   # (row, its value as a plain function of z)
    (r"\frac{e^{-z}}{(1 + e^{-z})^2} \text{(by chain rule)}", lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2),
    (r"\frac{1 + e^{-z} - 1}{(1 + e^{-z})^2}", lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2),
    (r"\frac{1 + e^{-z}}{(1 + e^{-z})^2} + \left ( \frac{1}{1+e^{-z}} \right )^2",
     lambda z: 1 / (1 + math.exp(-z)) + SIG(z) ** 2),
    (r"g_{\text{logistic}}(z)(1 - g_{\text{logistic}}(z))", lambda z: SIG(z) * (1 - SIG(z))),
    (r"g_{\text{logistic}}(z)(1 + g_{\text{logistic}}(z))", lambda z: SIG(z) * (1 + SIG(z))),
]


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=activation name=sigmoid -->"])
@pytest.mark.parametrize("row,value", SIGMOID_ROWS)
def test_named_activation_rows_in_an_array(directive, row, value):
    doc = rf"""
$$\begin{{array}}{{rcl}} g_{{\text{{logistic}}}}(z) = \frac{{1}}{{1 + e^{{-z}}}}\end{{array}}$$

{directive}

$$\begin{{array}}{{rcl}} g'_{{\text{{logistic}}}}(z) &=& \frac{{\partial}}{{\partial z}} \left ( \frac{{1}}{{1 + e^{{-z}}}}\right ) \\  &=& \frac{{1}}{{(1 + e^{{-z}})}} - 7 \\  &=& {row} \end{{array}}$$
"""
    _expect(all(math.isclose(_dsig(z), value(z), rel_tol=1e-9) for z in POINTS), _verdict(doc, row))


TANH_ROWS = [
    (r"\frac{\frac{\partial}{\partial z} \text{sinh}(z) \times \text{cosh}(z) - \frac{\partial}{\partial z} \text{cosh}(z) \times \text{sinh}(z)}{\text{cosh}^2(z)}",
     lambda z: (math.cosh(z) ** 2 - math.sinh(z) ** 2) / math.cosh(z) ** 2),
    (r"\frac{\frac{d}{dz} \sinh(z) \cdot \cosh(z) + \frac{d}{dz} \cosh(z) \cdot \sinh(z)}{\cosh^2(z)}",
     lambda z: (math.cosh(z) ** 2 + math.sinh(z) ** 2) / math.cosh(z) ** 2),
    (r"1 - \text{tanh}^2(z)", lambda z: 1 - math.tanh(z) ** 2),
    (r"1 + \text{tanh}^2(z)", lambda z: 1 + math.tanh(z) ** 2),
]


@pytest.mark.parametrize("row,value", TANH_ROWS)
def test_quotient_rule_with_a_derivative_inside_the_expression(row, value):
    doc = rf"""
$$
\begin{{array}}{{rcl}} g_{{\text{{tanh}}}}(z) &=& \frac{{\text{{sinh}}(z)}}{{\text{{cosh}}(z)}} \\  &=& \frac{{\mathrm{{e}}^z - \mathrm{{e}}^{{-z}}}}{{\mathrm{{e}}^z + \mathrm{{e}}^{{-z}}}}\end{{array}}
$$

$$
\begin{{array}}{{rcl}} g'_{{\text{{tanh}}}}(z) &=& \frac{{\partial}}{{\partial z}} \frac{{\text{{sinh}}(z)}}{{\text{{cosh}}(z)}} \\  &=& {row}\end{{array}}
$$
"""
    _expect(all(math.isclose(_dtanh(z), value(z), rel_tol=1e-9) for z in POINTS), _verdict(doc, row))
    assert _verdict(doc, r"= \frac{\mathrm{e}^z") == "holds"         # a definition's own next row


# ----------------------------------------------------------------- words without a backslash
SOFTMAX_CE_POSTS = [
    # (definitions, claim, truth as a function of (p, y, JAC, dL/dz from autograd))
    (r"$$s_{k} = \frac{e^{z_k}}{\sum_{j} e^{z_j}}$$" "\n\n" r"$$C = -\sum_{k}^{ } y_{k}ln(s_{k} )$$",
     r"\frac{\partial C}{\partial s_{k}} = -\frac{y_k}{s_k}", "dL/dp = -y/p"),
    (r"$$s_{k} = \frac{e^{z_k}}{\sum_{j} e^{z_j}}$$" "\n\n" r"$$C = -\sum_{k}^{ } y_{k}ln(s_{k} )$$",
     r"\frac{\partial C}{\partial s_{k}} = -\frac{y_k}{s_k^2}", "dL/dp = -y/p^2"),
    (r"$$a_i=\frac{e^{z_i}}{\sum_{j=1}^{n}{e^{z_j}}}$$" "\n\n" r"$$L(\bold{a},\bold{y})=-\sum_{i}^ny_i\ln a_i$$",
     r"\frac{\partial L}{\partial z_i}=\sum_{j\neq i}\frac{\partial L}{\partial a_j}\frac{\partial a_j}{\partial z_i}+(a_i-1)\times y_i",
     "dL/dz"),
    (r"$$a_i=\frac{e^{z_i}}{\sum_{j=1}^{n}{e^{z_j}}}$$" "\n\n" r"$$L(\bold{a},\bold{y})=-\sum_{i}^ny_i\ln a_i$$",
     r"\frac{\partial L}{\partial z_i}=\sum_{j\neq i}\frac{\partial L}{\partial a_j}\frac{\partial a_j}{\partial z_i}+(a_i+1)\times y_i",
     "dL/dz + 2y"),
    (r"$$E=-\sum_j t_j \log o_j$$" "\n\n" r"$$o_j=softmax(z_j)=\frac{e^{z_j}}{\sum_k e^{z_k}}$$",
     r"\frac{\partial o_b} {\partial z_{b}}=o_b(1-o_b)", "diag"),
    (r"$$E=-\sum_j t_j \log o_j$$" "\n\n" r"$$o_j=softmax(z_j)=\frac{e^{z_j}}{\sum_k e^{z_k}}$$",
     r"\frac{\partial o_b} {\partial z_{b}}=o_b(1-o_b)^2", "diag squared"),
]


@pytest.mark.parametrize("defs,claim,what", SOFTMAX_CE_POSTS)
def test_words_without_backslash_and_a_later_side_as_definition(defs, claim, what):
    """``ln(s_k)`` is the logarithm (never l·n·s_k), ``softmax(z_j)`` an unread word, and
    ``o_j = softmax(z_j) = \\frac{…}{…}`` defines o by its fraction."""
    y = torch.rand(3, dtype=torch.float64)
    z = Z.clone().requires_grad_(True)
    loss = -(y * torch.log(torch.softmax(z, 0))).sum()
    loss.backward()
    p = P.clone().requires_grad_(True)
    (-(y * torch.log(p)).sum()).backward()

    def split(i):                        # Σ_{j≠i} ∂L/∂a_j ∂a_j/∂z_i, from autograd's pieces
        return sum(p.grad[j] * JAC[j, i] for j in range(3) if j != i)
    truth = {"dL/dp = -y/p": _all(zip(p.grad, -y / P)),
             "dL/dp = -y/p^2": _all(zip(p.grad, -y / P ** 2)),
             "dL/dz": _all((z.grad[i], split(i) + (P[i] - 1) * y[i]) for i in range(3)),
             "dL/dz + 2y": _all((z.grad[i], split(i) + (P[i] + 1) * y[i]) for i in range(3)),
             "diag": _all((JAC[b, b], P[b] * (1 - P[b])) for b in range(3)),
             "diag squared": _all((JAC[b, b], P[b] * (1 - P[b]) ** 2) for b in range(3))}[what]
    doc = defs + "\n\n$$" + claim + "$$\n"
    _expect(truth, _verdict(doc, claim[:25]))


LOGISTIC_REGRESSION = r"""
$$\hat{y} = \sigma(z) = \frac{1}{1+e^{-z}}$$

$$L = -[y\log\hat{y} + (1-y)\log(1-\hat{y})]$$

$$CLAIM$$
"""


@pytest.mark.parametrize("claim,value", [
    (r"\frac{\partial L}{\partial \hat{y}} = -\frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}", "dL/dyhat"),
    (r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial \hat{y}}\frac{\partial \hat{y}}{\partial z} = \hat{y} - y", "dL/dz"),
    (r"\frac{\partial L}{\partial z} = y - \hat{y}", "-dL/dz"),
    (r"\frac{\partial \hat{y}}{\partial z} = \hat{y}(1-\hat{y})", "dyhat/dz"),
])
def test_binary_cross_entropy(claim, value):
    y, z0 = 0.3, 0.7
    z = torch.tensor(z0, dtype=torch.float64, requires_grad=True)
    yh = torch.sigmoid(z)
    yh.retain_grad()
    loss = -(y * torch.log(yh) + (1 - y) * torch.log(1 - yh))
    loss.backward()
    s = SIG(z0)
    truth = {"dL/dyhat": math.isclose(float(yh.grad), -y / s + (1 - y) / (1 - s)),
             "dL/dz": math.isclose(float(z.grad), s - y),
             "-dL/dz": math.isclose(float(z.grad), y - s),
             "dyhat/dz": math.isclose(_dsig(z0), s * (1 - s))}[value]
    _expect(truth, _verdict(LOGISTIC_REGRESSION.replace("CLAIM", claim), claim[:30]))


# ----------------------------------------------------------------- layer=softmax and the section's own loss
MEAN_LOSS = r"""
<!-- symbp: layer=softmax classes=3 batch=2 -->

$$p_{nk} = \frac{e^{z_{nk}}}{\sum_j e^{z_{nj}}}$$

$$L = LOSS$$

$$\frac{\partial L}{\partial z} = p - y$$
"""


@pytest.mark.parametrize("loss,mean", [
    (r"-\frac{1}{N}\sum_n \sum_k y_{nk}\log p_{nk}", True),          # a mean over N: never J's verdict
    (r"-\sum_n \sum_k y_{nk}\log p_{nk}", False),
])
def test_softmax_directive_respects_the_sections_own_loss(loss, mean):
    """Under ``layer=softmax`` the founding reader checks ∂J/∂z of J = -Σ y log softmax(z);
    a section whose own loss is a mean (1/N) must not get that J's "holds"."""
    z = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    y = torch.softmax(torch.randn(2, 3, dtype=torch.float64), 1)
    n = 5.0                                       # any N other than 1
    value = -(y * torch.log_softmax(z, 1)).sum() / (n if mean else 1.0)
    value.backward()
    truth = _all(zip(z.grad.ravel(), (torch.softmax(z, 1) - y).detach().ravel()))
    got = _verdict(MEAN_LOSS.replace("LOSS", loss), "= p - y")
    if truth:
        assert got == "holds"
    else:
        assert got != "holds"


# ----------------------------------------------------------------- f'(x) of built-in functions, \over, \bigl
def _grad(fn, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    fn(t).backward()
    return float(t.grad)


BUILTIN_ROWS = [   # (definitions, claim, the claim's right side as a plain function, torch function)
    ("", r"\tanh'(x) = 1 - \tanh^2(x)", lambda x: 1 - math.tanh(x) ** 2, torch.tanh),
    ("", r"\tanh'(x) = 1 + \tanh^2(x)", lambda x: 1 + math.tanh(x) ** 2, torch.tanh),
    ("", r"\frac{d}{dx} tanh(x) = 1 - tanh^2(x)", lambda x: 1 - math.tanh(x) ** 2, torch.tanh),
    ("", r"\frac{d}{dx} tanh(x) = 1 - tanh(x)", lambda x: 1 - math.tanh(x), torch.tanh),
    ("", r"tanh’(x) = ( cosh(x)cosh(x) - sinh(x)sinh(x) ) / cosh^2(x)",
     lambda x: 1 - math.tanh(x) ** 2, torch.tanh),
    (r"$$ \text{ReLU}(x) = \max(0, x) $$",
     r"\text{ReLU}'(x) = \begin{cases} 0, & x < 0 \\ 1, & x > 0 \end{cases}",
     lambda x: float(x > 0), torch.relu),
    (r"$$ \text{ReLU}(x) = \max(0, x) $$",
     r"\text{ReLU}'(x) = \begin{cases} 1, & x < 0 \\ 0, & x > 0 \end{cases}",
     lambda x: float(x < 0), torch.relu),
    (r"$$ \sigma(x) = {1 \over 1 + e^{-x}} $$", r"\frac{d}{dx}\sigma(x) = \sigma(x)\bigl(1-\sigma(x)\bigr)",
     lambda x: SIG(x) * (1 - SIG(x)), torch.sigmoid),
    (r"$$ \sigma(x) = {1 \over 1 + e^{-x}} $$", r"\frac{d}{dx}\sigma(x) = \sigma(x)\bigl(1+\sigma(x)\bigr)",
     lambda x: SIG(x) * (1 + SIG(x)), torch.sigmoid),
]


@pytest.mark.parametrize("defs,claim,value,fn", BUILTIN_ROWS)
def test_builtin_derivatives_and_tex_spellings(defs, claim, value, fn):
    truth = all(math.isclose(_grad(fn, x), value(x), rel_tol=1e-9, abs_tol=1e-12) for x in POINTS)
    _expect(truth, _verdict(defs + "\n\n$$" + claim + "$$\n", claim[:12]))


# ----------------------------------------------------------------- softmax written as a function
@pytest.mark.parametrize("claim,formula", [
    (r"\frac{\partial \text{softmax}(z)_i}{\partial z_j} = \text{softmax}(z)_i(\delta_{ij} - \text{softmax}(z)_j)",
     lambda i, j: P[i] * (float(i == j) - P[j])),
    (r"\frac{\partial \text{softmax}(z)_i}{\partial z_j} = \text{softmax}(z)_i(1 - \text{softmax}(z)_j)",
     lambda i, j: P[i] * (1 - P[j])),
    (r"\frac{\partial softmax(z_i)}{\partial z_j} = softmax(z_i) (\delta_{ij} - softmax(z_j))",
     lambda i, j: P[i] * (float(i == j) - P[j])),
    (r"\frac{\partial \mathrm{softmax}(\mathbf{z})_i}{\partial z_j} = -\mathrm{softmax}(\mathbf{z})_i \mathrm{softmax}(\mathbf{z})_j",
     lambda i, j: -P[i] * P[j]),
])
def test_softmax_as_a_function_with_no_definitions(claim, formula):
    doc = "<!-- symbp: layer=softmax classes=3 -->\n\n$$" + claim + "$$\n"
    _expect(_all((JAC[i, j], formula(i, j)) for i in range(3) for j in range(3)), _verdict(doc, claim[:20]))


# ----------------------------------------------------------------- \mathcal{L}, \not=, (i = j), \limits
VARIANTS = r"""
$$\hat{y}_i = \frac{e^{z_i}}{\sum\limits_{k=1}^{K} e^{z_k}}$$

$$\mathcal{L} = -\sum_{i=1}^{K} y_i \log \hat{y}_i$$

$$CLAIM$$
"""


@pytest.mark.parametrize("claim,truth", [
    (r"\frac{\partial \hat{y}_i}{\partial z_j} = \begin{cases} \hat{y}_i(1-\hat{y}_j), & i=j \\ -\hat{y}_i\hat{y}_j, & i \not= j \end{cases}",
     lambda y: _all((JAC[i, j], P[i] * (1 - P[j]) if i == j else -P[i] * P[j]) for i in range(3) for j in range(3))),
    (r"\frac{\partial \hat{y}_i}{\partial z_j} = \begin{cases} \hat{y}_i(1+\hat{y}_j), & i=j \\ -\hat{y}_i\hat{y}_j, & i \not= j \end{cases}",
     lambda y: _all((JAC[i, j], P[i] * (1 + P[j]) if i == j else -P[i] * P[j]) for i in range(3) for j in range(3))),
    (r"\frac{\partial \hat{y}_i}{\partial z_j} = \begin{cases} \hat{y}_i(1-\hat{y}_i) & (i = j) \\ -\hat{y}_i\hat{y}_j & (i \neq j) \end{cases}",
     lambda y: _all((JAC[i, j], P[i] * (1 - P[i]) if i == j else -P[i] * P[j]) for i in range(3) for j in range(3))),
    (r"\frac{\partial \mathcal{L}}{\partial \hat{y}_i} = -\frac{y_i}{\hat{y}_i}", "dL/dp"),
    (r"\frac{\partial \mathcal{L}}{\partial \hat{y}_i} = \frac{y_i}{\hat{y}_i}", "-dL/dp"),
])
def test_mathcal_loss_and_condition_spellings(claim, truth):
    y = torch.rand(3, dtype=torch.float64)
    p = P.clone().requires_grad_(True)
    (-(y * torch.log(p)).sum()).backward()
    value = {"dL/dp": lambda y: _all(zip(p.grad, -y / P)),
             "-dL/dp": lambda y: _all(zip(p.grad, y / P))}.get(truth, truth)(y)
    doc = "<!-- symbp: layer=softmax classes=3 -->\n" + VARIANTS.replace("CLAIM", claim)
    _expect(value, _verdict(doc, claim[:30]))


def test_written_entries_of_an_unrelated_linear_row_set_no_class_count():
    """Only definitions in the softmax / loss graph say how many classes there are."""
    doc = r"""
$$h = x_1 w_1 + x_2 w_2$$

$$p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$$

$$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$$
"""
    report = check_text(doc, "md", time_limit=20)
    claim = [c for c in report.claims if "delta_{ij}" in c.latex][0]
    assert _all((JAC[i, j], P[i] * (float(i == j) - P[j])) for i in range(3) for j in range(3))
    assert claim.verdict == "holds" and "C = 2, 3, 4" in claim.detail
