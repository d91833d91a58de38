r"""Sums written out with dots (``x_1 w_{11} + x_2 w_{12} + \ldots + x_n w_{1n}``) and typography
that changes no meaning (``\boxed``, ``\bigl( \bigr)``, ``\left\{ … \right\}``, ``{\rm conv2}``,
``{\cal C}``, a ``{}=`` row continuing the left side above it).

Spellings from several authors: a chain rule over all outputs written with two explicit terms
and ``\dots`` (a softmax derivation), one term and ``\ldots`` with a letter as the last bound
(a from-scratch library's notes), a neuron's forward with ``…`` / ``...`` and a bias after the
run (tutorials), tuples ``(z_1,\ldots,z_n)`` (a Q&A answer: not a sum), a trailing ``+ \dots``
with no last term and a step of 2 (not determined: left unchecked).

Truth: torch autograd for every gradient and the forward; the claim's right side is evaluated
by a plain loop over what the text writes (1-based, as the directive says)."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.display_forms import plain_grouping
from symbp.check.dotted_terms import dotted_sums

IN, OUT = 4, 3
HEAD = (r"<!-- symbp: layer=fc in=4 out=3 index_base=1 names: a^{l-1}=input w^l=kernel b^l=bias "
        r"z^l=output C=loss n=output.rows -->" "\n\n$$z^l = w^l a^{l-1} + b^l$$\n\n")


def _torch_point(seed: int = 5):
    """W (out x in), a, b, g = ∂C/∂z and the autograd gradients of C = g·(W a + b)."""
    gen = torch.Generator().manual_seed(seed)
    W = torch.randn(OUT, IN, generator=gen, dtype=torch.float64, requires_grad=True)
    a = torch.randn(IN, generator=gen, dtype=torch.float64, requires_grad=True)
    b = torch.randn(OUT, generator=gen, dtype=torch.float64, requires_grad=True)
    g = torch.randn(OUT, generator=gen, dtype=torch.float64)
    z = W @ a + b
    (g * z).sum().backward()
    return {"W": W.detach().numpy(), "a": a.detach().numpy(), "b": b.detach().numpy(),
            "g": g.numpy(), "z": z.detach().numpy(), "da": a.grad.numpy(), "dW": W.grad.numpy()}


def _w(p, j, k):
    """w_{jk} (1-based) of the written text; NaN where the text reaches outside W."""
    return p["W"][j - 1, k - 1] if 1 <= j <= OUT and 1 <= k <= IN else np.nan


def _g(p, j):
    return p["g"][j - 1] if 1 <= j <= OUT else np.nan


# (the claim, its right side per free index by a loop over what it writes, which gradient)
A = r"\frac{\partial C}{\partial a^{l-1}_k} = "
CLAIMS = [
    (A + r"w^l_{1k}\frac{\partial C}{\partial z^l_1} + w^l_{2k}\frac{\partial C}{\partial z^l_2} + \dots + "
         r"w^l_{3k}\frac{\partial C}{\partial z^l_3}",
     lambda p, k: sum(_w(p, j, k) * _g(p, j) for j in range(1, 4)), "da"),
    (A + r"w^l_{1k}\frac{\partial C}{\partial z^l_1} + \cdots + w^l_{2k}\frac{\partial C}{\partial z^l_2}",
     lambda p, k: sum(_w(p, j, k) * _g(p, j) for j in range(1, 3)), "da"),
    (A + r"\frac{\partial C}{\partial z^l_1} w^l_{1k} + \ldots + \frac{\partial C}{\partial z^l_n} w^l_{nk}",
     lambda p, k: sum(_g(p, j) * _w(p, j, k) for j in range(1, OUT + 1)), "da"),     # n = 3, bound
    (A + r"w^l_{k1}\frac{\partial C}{\partial z^l_1} + w^l_{k2}\frac{\partial C}{\partial z^l_2} + \dots + "
         r"w^l_{k3}\frac{\partial C}{\partial z^l_3}",
     lambda p, k: sum(_w(p, k, j) * _g(p, j) for j in range(1, 4)), "da"),          # W's other index
    (r"\frac{\partial C}{\partial w^l_{jk}} = \frac{\partial C}{\partial z^l_1}\frac{\partial z^l_1}"
     r"{\partial w^l_{jk}} + \dots + \frac{\partial C}{\partial z^l_3}\frac{\partial z^l_3}{\partial w^l_{jk}}",
     lambda p, j, k: sum(_g(p, m) * (p["a"][k - 1] if m == j else 0.0) for m in range(1, 4)), "dW"),
]
FORWARDS = [
    (r"z^l_2 = w^l_{21} a^{l-1}_1 + w^l_{22} a^{l-1}_2 + … + w^l_{24} a^{l-1}_4 + b^l_2",
     lambda p: sum(_w(p, 2, k) * p["a"][k - 1] for k in range(1, 5)) + p["b"][1]),
    (r"z^l_2 = w^l_{21} a^{l-1}_1 + ... + w^l_{23} a^{l-1}_3 + b^l_2",
     lambda p: sum(_w(p, 2, k) * p["a"][k - 1] for k in range(1, 4)) + p["b"][1]),
]


def _claim_truth(form, key, p) -> bool:
    if key == "da":
        got = [form(p, k) for k in range(1, IN + 1)]
        return bool(np.allclose(got, p["da"]))
    got = [[form(p, j, k) for k in range(1, IN + 1)] for j in range(1, OUT + 1)]
    return bool(np.allclose(got, p["dW"]))


def _verdicts(*latex: str) -> list[str]:
    text = HEAD + "".join(f"$${tex}$$\n\n" for tex in latex)
    return [c.verdict for c in check_text(text, "md").claims][1:]


def test_dotted_chain_rules_match_torch():
    p = _torch_point()
    truths = [_claim_truth(form, key, p) for _, form, key in CLAIMS]
    assert truths == [True, False, True, False, True]           # the loops tell them apart
    for (latex, _, _), true, got in zip(CLAIMS, truths, _verdicts(*[c for c, _, _ in CLAIMS])):
        assert got == ("holds" if true else "refuted"), (latex, got)


def test_dotted_forwards_match_torch():
    p = _torch_point()
    truths = [bool(np.isclose(form(p), p["z"][1])) for _, form in FORWARDS]
    assert truths == [True, False]
    for (latex, _), true, got in zip(FORWARDS, truths, _verdicts(*[f for f, _ in FORWARDS])):
        assert got == ("holds" if true else "refuted"), (latex, got)


@pytest.mark.parametrize("latex", [
    A + r"w^l_{1k}\frac{\partial C}{\partial z^l_1} + w^l_{3k}\frac{\partial C}{\partial z^l_3} + \dots + "
        r"w^l_{5k}\frac{\partial C}{\partial z^l_5}",                          # step 2
    A + r"w^l_{1k}\frac{\partial C}{\partial z^l_1} + w^l_{2k}\frac{\partial C}{\partial z^l_2} + \dots",
    A + r"w^l_{1k}\frac{\partial C}{\partial z^l_1} + \dots + w^l_{3k}\frac{\partial C}{\partial z^l_2}",
])
def test_an_undetermined_run_is_never_decided(latex):
    assert dotted_sums(latex) == latex
    assert _verdicts(latex) == ["unchecked"]


@pytest.mark.parametrize("latex", [
    r"E(z(y)) = E(z_1(y),\ldots,z_n(y))",                    # a tuple: commas, not a sum
    r"z = x_0 + x_1 + \dots + x_{n-1}",                      # a last value that is not one token
    r"z = x^1 + x^2 + \dots + x^n",                          # superscripts: powers, not indices
    r"\delta_i = p_i - y_i, \quad i=1,\dots,10",             # a range of the free index
])
def test_what_is_not_a_determined_sum_stays_as_written(latex):
    assert dotted_sums(latex) == latex


def test_dotted_sums_rewrites_the_determined_runs():
    assert dotted_sums(r"a = x_{1,2} + x_{2,2} + \cdots + x_{5,2}") == r"a = \sum_{k=1}^{5} x_{k,2}"
    assert dotted_sums(r"t = x_{11} + x_{22} + … + x_{44}") == r"t = \sum_{k=1}^{4} x_{kk}"
    # the fresh letter is none of the row's letters (w_{jk} holds k)
    assert dotted_sums(r"d_{jk} = u_1 w_{jk} + \dots + u_3 w_{jk}") == r"d_{jk} = \sum_{m=1}^{3} u_m w_{jk}"


def test_a_continued_row_with_an_empty_group_on_the_left():
    p = _torch_point()
    first = r"\frac{\partial C}{\partial w^l_{jk}} = \frac{\partial C}{\partial z^l_j}\frac{\partial z^l_j}{\partial w^l_{jk}}"
    right, wrong = r"{}= \frac{\partial C}{\partial z^l_j} a^{l-1}_k", r"{}= 2 a^{l-1}_k"
    truths = [bool(np.allclose(np.outer(p["g"], p["a"]), p["dW"])),
              bool(np.allclose(np.outer(np.full(OUT, 2.0), p["a"]), p["dW"]))]
    assert truths == [True, False]
    assert _verdicts(first, right) == ["holds", "holds"]
    assert _verdicts(first, wrong) == ["holds", "refuted"]


def test_grouping_typography_matches_torch():
    p = _torch_point()
    b = torch.tensor(p["b"], requires_grad=True)                  # ∂C/∂b_j = ∂C/∂z_j, by autograd
    (torch.tensor(p["g"]) * (torch.tensor(p["W"]) @ torch.tensor(p["a"]) + b)).sum().backward()
    assert np.allclose(b.grad.numpy(), p["g"])
    da = [sum(_w(p, j, k) * _g(p, j) for j in range(1, 4)) for k in range(1, IN + 1)]
    assert np.allclose(da, p["da"])
    written = [
        r"\boxed{\,\frac{\partial C}{\partial b^l_j} = \frac{\partial C}{\partial z^l_j}\,}",
        A + r"\sum_j w^l_{jk} \bigl( \frac{\partial C}{\partial z^l_j} \bigr)",
        A + r"\sum_j w^l_{jk} \left\{ \frac{\partial C}{\partial z^l_j} \right\}",
        r"\{ \frac{\partial C}{\partial b^l_j} = \frac{\partial C}{\partial z^l_j} \}",
        A + r"\sum_j w^l_{kj} \Bigl( \frac{\partial C}{\partial z^l_j} \Bigr)",      # false: W's other index
    ]
    assert _verdicts(*written)[:4] == ["holds"] * 4
    assert _verdicts(written[4]) != ["holds"]


def test_plain_grouping_spellings():
    assert plain_grouping(r"{\rm conv2}(\delta, {\rm rot180}(w))") == r"\mathrm{conv2}(\delta, \mathrm{rot180}(w))"
    assert plain_grouping(r"\frac{\partial{\cal C}}{\partial w} + \cal L") == \
        r"\frac{\partial\mathcal{C}}{\partial w} + \mathcal{L}"
    assert plain_grouping(r"\sum_{i \in \{1,\ldots,n\}} x_i") == r"\sum_{i \in \{1,\ldots,n\}} x_i"   # a set
    assert plain_grouping(r"\{ x : x > 0 \}") == r"\{ x : x > 0 \}"
    assert plain_grouping(r"\{ x_i \}_{i=1}^{n}") == r"\{ x_i \}_{i=1}^{n}"
    assert plain_grouping(r"\mathbf{1}\{i=j\} y_i - y_i y_j") == r"\mathbf{1}\{i=j\} y_i - y_i y_j"   # an indicator
    assert plain_grouping(r"\biggl[ a \biggr] + \bigcup") == r"[ a ] + \bigcup"


def test_a_forward_above_the_directive_fixes_the_weight_order():
    """``y_j = b_j + Σ_i x_i w_{ij}`` written before a ``layer=fc`` directive about the same
    weight letter: w_{ij} is input-first in the directive's section too (torch: W stored in x out)."""
    gen = torch.Generator().manual_seed(11)
    Wio = torch.randn(3, 2, generator=gen, dtype=torch.float64, requires_grad=True)   # w_{ij}: i in, j out
    x = torch.randn(3, generator=gen, dtype=torch.float64)
    g = torch.randn(2, generator=gen, dtype=torch.float64)
    (g * (x @ Wio)).sum().backward()
    right = np.allclose([[g[j] * x[i] for j in range(2)] for i in range(3)], Wio.grad.numpy())
    wrong = np.allclose([[g[i] * x[j] if i < 2 else np.nan for j in range(2)] for i in range(3)], Wio.grad.numpy())
    assert right and not wrong
    text = ("$$y_{j}=b_{j}+\\sum_{i}x_{i}w_{ij}$$\n\n## Backward\n\n"
            "<!-- symbp: layer=fc in=3 out=2 names: X=input W=kernel Y=output E=loss -->\n\n"
            "$$\\frac{\\partial E}{\\partial w_{ij}} = \\frac{\\partial E}{\\partial y_{j}} x_{i}$$\n\n"
            "$$\\frac{\\partial E}{\\partial w_{ij}} = \\frac{\\partial E}{\\partial y_{i}} x_{j}$$\n")
    verdicts = [c.verdict for c in check_text(text, "md").claims]
    assert verdicts[1] == "holds" and verdicts[2] != "holds", verdicts


def test_a_forward_above_a_directive_about_another_weight_is_not_carried():
    """The directive names V the kernel: the w_{ij} forward above says nothing of V's order, so
    the section keeps the directive's output-first default (v_{ij}: i the output)."""
    gen = torch.Generator().manual_seed(12)
    V = torch.randn(2, 3, generator=gen, dtype=torch.float64, requires_grad=True)     # out x in
    x = torch.randn(3, generator=gen, dtype=torch.float64)
    g = torch.randn(2, generator=gen, dtype=torch.float64)
    (g * (V @ x)).sum().backward()
    assert np.allclose([[g[i] * x[j] for j in range(3)] for i in range(2)], V.grad.numpy())
    text = ("$$y_{j}=b_{j}+\\sum_{i}x_{i}w_{ij}$$\n\n## Another layer\n\n"
            "<!-- symbp: layer=fc in=3 out=2 names: X=input V=kernel Y=output E=loss -->\n\n"
            "$$\\frac{\\partial E}{\\partial v_{ij}} = \\frac{\\partial E}{\\partial y_{i}} x_{j}$$\n")
    assert [c.verdict for c in check_text(text, "md").claims][1] == "holds"


MATRIX_HEAD = (r"<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input W=kernel b=bias y=output E=loss -->"
               "\n\n$$y_j = \\sum_k w_{jk} x_k + b_j$$\n\n")


def test_matrices_written_with_dots_match_torch():
    gen = torch.Generator().manual_seed(21)
    W = torch.randn(2, 3, generator=gen, dtype=torch.float64, requires_grad=True)
    x = torch.randn(3, generator=gen, dtype=torch.float64, requires_grad=True)
    g = torch.randn(2, generator=gen, dtype=torch.float64)
    (g * (W @ x)).sum().backward()
    Wd, xd = W.detach(), x.detach()
    dE = lambda j: f"\\frac{{\\partial E}}{{\\partial y_{{{j}}}}}"                   # noqa: E731
    cell = lambda j, k: f"{dE(j)} x_{{{k}}}"                                         # noqa: E731
    claims = [   # (the claim, its cells by a loop over what it writes, torch's gradient)
        (r"\frac{\partial E}{\partial W} = \begin{bmatrix} " + cell(1, 1) + r" & \cdots & " + cell(1, 3) +
         r" \\ \vdots & \ddots & \vdots \\ " + cell(2, 1) + r" & \cdots & " + cell(2, 3) + r" \end{bmatrix}",
         [[g[j] * xd[k] for k in range(3)] for j in range(2)], W.grad),
        (r"\frac{\partial E}{\partial W} = \begin{bmatrix} " + cell(1, 1) + r" & \cdots & " + cell(2, 1) +
         r" \\ \vdots & \ddots & \vdots \\ " + cell(1, 3) + r" & \cdots & " + cell(2, 3) + r" \end{bmatrix}",
         [[g[j] * xd[k] for j in range(2)] for k in range(3)], W.grad),                  # transposed
        (r"\frac{\partial E}{\partial b} = \begin{bmatrix} " + dE(1) + r" \\ \vdots \\ " + dE(2) + r" \end{bmatrix}",
         [[g[0]], [g[1]]], g[:, None]),
        (r"\frac{\partial E}{\partial x} = \begin{bmatrix} w_{11} " + dE(1) + r" + w_{21} " + dE(2) +
         r" \\ \vdots \\ w_{13} " + dE(1) + r" + w_{23} " + dE(2) + r" \end{bmatrix}",
         [[Wd[0, k] * g[0] + Wd[1, k] * g[1]] for k in range(3)], x.grad[:, None]),
    ]
    as_array = lambda t: np.array([[float(v) for v in row] for row in t])            # noqa: E731
    truths = [as_array(t).shape == tuple(grad.shape) and bool(np.allclose(as_array(t), grad.detach().numpy()))
              for _, t, grad in claims]
    assert truths == [True, False, True, True]
    text = MATRIX_HEAD + "".join(f"$${c}$$\n\n" for c, _, _ in claims)
    verdicts = [c.verdict for c in check_text(text, "md").claims][1:]
    assert verdicts == ["holds" if t else "refuted" for t in truths], verdicts


@pytest.mark.parametrize("latex", [
    r"\begin{bmatrix} x_1 & \cdots & x_n \end{bmatrix}",                                  # a letter bound
    r"\begin{bmatrix} w_{11} & \cdots & w_{13} \\ \vdots & \ddots & \vdots \\ w_{21} & \cdots & w_{22} \end{bmatrix}",
    r"\begin{bmatrix} x_1 \\ \vdots \\ x_{12} \end{bmatrix}",                           # past 9
    r"\begin{bmatrix} x_1 & x_3 & \cdots & x_9 \end{bmatrix}",                          # step 2
])
def test_an_undetermined_matrix_stays_as_written(latex):
    from symbp.check.dotted_terms import dotted_matrices
    assert dotted_matrices(latex) == latex
