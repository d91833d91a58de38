"""Typst math (symbp.check.typst_math, symbp.check.typst_doc): derivations written in Typst are
read; the truth of every claim comes from torch autograd, never from symbp."""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_file, check_text
from symbp.check.typst_doc import typst_page
from symbp.check.typst_math import TypstError, typst_latex

torch.manual_seed(0)


def _verdicts(text: str, kind: str = "md") -> dict[str, str]:
    return {c.latex: c.verdict for c in check_text(text, kind).claims}


# ---------------------------------------------------------------------- truth from torch

def _softmax_ce_grad():
    """dJ/dz for J = -sum y log softmax(z), targets summing to 1: (softmax(z), y, grad)."""
    z = torch.randn(3, dtype=torch.float64, requires_grad=True)
    y = torch.tensor([0.2, 0.5, 0.3], dtype=torch.float64)
    p = torch.softmax(z, 0)
    (-(y * torch.log(p)).sum()).backward()
    return p.detach(), y, z.grad


def _dense_grads():
    """z = W a + b (W 2x3), L = sum(g * z): (W, a, g, dL/dW, dL/da)."""
    W = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    a = torch.randn(3, 1, dtype=torch.float64, requires_grad=True)
    b = torch.randn(2, 1, dtype=torch.float64)
    g = torch.randn(2, 1, dtype=torch.float64)
    ((W @ a + b) * g).sum().backward()
    return W.detach(), a.detach(), g, W.grad, a.grad


def _conv_grad():
    """A 3x3 input, 2x2 kernel cross-correlation, E = sum(delta * out): (w, delta, dE/da)."""
    a = torch.randn(1, 1, 3, 3, dtype=torch.float64, requires_grad=True)
    w = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    delta = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    (torch.nn.functional.conv2d(a, w) * delta).sum().backward()
    return w[0, 0], delta[0, 0], a.grad[0, 0]


def test_truth_softmax():
    p, y, grad = _softmax_ce_grad()
    assert torch.allclose(grad[1], p[1] - y[1])            # the true claim below
    assert not torch.allclose(grad[1], p[1] + y[1])        # the planted one


def test_truth_dense():
    W, a, g, dW, da = _dense_grads()
    assert torch.allclose(dW, g @ a.T) and torch.allclose(da, W.T @ g)
    assert (a @ g.T).shape != dW.shape                     # a δ^T: the wrong shape
    assert not torch.allclose(W.T @ g, (W.T * 1.0) @ (g * -1.0))


def test_truth_conv():
    w, delta, da = _conv_grad()
    assert torch.isclose(da[0, 0], delta[0, 0] * w[0, 0])
    assert not torch.isclose(da[0, 0], delta[0, 0] * w[1, 1])


# ---------------------------------------------------------------------- documents

SOFTMAX = """# Softmax with cross-entropy

<!-- symbp: layer=softmax classes=3 -->

$$
  (partial J)/(partial z_2) = hat(y)_2 - y_2
$$

$$
  (partial J)/(partial z_2) = hat(y)_2 + y_2
$$
"""

DENSE = """# Dense layer

<!-- symbp: layer=fc in=3 out=2 -->

$$
  bold(z) = bold(W) bold(a) + bold(b)
$$

$$
  (partial cal(L))/(partial bold(W)) = bold(delta) bold(a)^T
$$

$$
  (partial cal(L))/(partial bold(W)) = bold(a) bold(delta)^T
$$

$$
  (partial cal(L))/(partial bold(a)) &= bold(W)^T bold(delta) \\
  &= bold(W) bold(delta)
$$
"""

CONV = """= Convolution

// symbp: layer=conv2d input=3x3 kernel=2x2

The corner of the input reaches one output, through the kernel's corner:

$ (partial E)/(partial a_(1 1)) = delta_(1 1) w_(1 1) $

and a planted slip:

$
  (partial E)/(partial a_(1 1)) = delta_(1 1) w_(2 2)
$
"""


def test_softmax_typst_markdown():
    got = _verdicts(SOFTMAX)
    assert got["(partial J)/(partial z_2) = hat(y)_2 - y_2"] == "holds"
    assert got["(partial J)/(partial z_2) = hat(y)_2 + y_2"] == "refuted"


def test_dense_typst_rows_and_lines():
    report = check_text(DENSE, "md")
    got = {c.latex: (c.line, c.verdict) for c in report.claims}
    assert got["(partial cal(L))/(partial bold(W)) = bold(delta) bold(a)^T"] == (10, "holds")
    assert got["(partial cal(L))/(partial bold(W)) = bold(a) bold(delta)^T"][1] == "refuted"
    assert got["(partial cal(L))/(partial bold(a)) = bold(W)^T bold(delta)"] == (18, "holds")
    assert got["= bold(W) bold(delta)"] == (19, "refuted")          # its own row, its own line


def test_conv_typst_file(tmp_path):
    path = tmp_path / "conv.typ"
    path.write_text(CONV, encoding="utf-8")
    got = {c.latex: (c.line, c.verdict) for c in check_file(path).claims}
    assert got["(partial E)/(partial a_(1 1)) = delta_(1 1) w_(1 1)"] == (7, "holds")
    assert got["(partial E)/(partial a_(1 1)) = delta_(1 1) w_(2 2)"][1] == "refuted"


def test_inline_typst_math_is_not_a_claim():
    text = CONV.replace("$ (partial E)/(partial a_(1 1)) = delta_(1 1) w_(1 1) $",
                        "$(partial E)/(partial a_(1 1)) = delta_(1 1) w_(1 1)$")
    claims = check_text(text, "typ").claims
    assert [c.line for c in claims] == [12]           # the planted row, on its own line


def test_unread_row_is_unchecked_with_reason():
    text = SOFTMAX.replace("hat(y)_2 - y_2", "hat(y)_2 - #foo(y)")
    claim = next(c for c in check_text(text, "md").claims if "#foo" in c.latex)
    assert claim.verdict == "unchecked" and "Typst math not read" in claim.detail


# ---------------------------------------------------------------------- detection and spelling

def test_latex_page_is_never_transcribed():
    text = "$$\n\\frac{\\partial J}{\\partial z_2} = \\hat{y}_2 - y_2\n$$\n\n$$\nx_(1) = frac(a, b)\n$$\n"
    page = typst_page(text, "md")
    assert "\\frac{\\partial J}" in page.text          # LaTeX as written
    assert "\\frac{a}{b}" in page.text                 # a display with a Typst call, beside it
    assert typst_page("$$\na_{11} = b\n$$\n", "md").text == "$$\na_{11} = b\n$$\n"


@pytest.mark.parametrize("typst, latex", [
    ("exp(x_j)^2/S^2", r"\frac{\exp(x_j)^2}{S^2}"),
    ("- 1/C t_j/x_j", r"- \frac{1}{C} \frac{t_j}{x_j}"),
    ("(y_q - t_q) / C", r"\frac{y_q - t_q}{C}"),
    ("a dot.circle b times c", r"a \odot b \times c"),
    ("mat(1, 2; 3, 4)", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
    ('mat(delim: "[", 1, 2)', r"\begin{bmatrix} 1 & 2 \end{bmatrix}"),
    ("vec(a, b)", r"\begin{pmatrix} a \\ b \end{pmatrix}"),
    ("x => y <==> z arrow.r w", r"x \Rightarrow y \Longleftrightarrow z \rightarrow w"),
    ('op("diag")(bold(y))', r"\operatorname{diag}(\mathbf{y})"),
    ("w_(alpha j) sigma'(z)", r"w_{\alpha,j} \sigma'(z)"),
    ("upright(d) x", r"\mathrm{d} x"),
])
def test_spellings(typst, latex):
    assert typst_latex(typst) == latex


@pytest.mark.parametrize("typst", ["xy = 1", "#let a = 1", "frac(a)"])
def test_not_typst_math_raises(typst):
    with pytest.raises(TypstError):
        typst_latex(typst)
