"""Round thirty-eight, from the blind held-outs 36 and 37:

* a TeX comment in a display (``\\\\%`` at a row's end, ``% note``) is dropped, as MathJax and KaTeX drop it;
* ``\\definecolor{name}{RGB}{…}`` is no mathematics, ``\\mbox{…}`` is ``\\text{…}``;
* a claim under a heading that names a fully connected layer, below a convolution's forward, is not the
  convolution's (a correct ``∂L/∂b = δ`` was refuted as the convolution's bias);
* a decimal claimed for a value the page has not bound is a worked example's number: not decided (three
  correct rows of a Spanish exam, ``\\delta^2_1 = (t_1 - s^2_1) = -0.6855``, were refuted).

Truth: torch autograd (float64) for the convolution claims, never symbp.
"""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DIRECTIVE = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: x=input w=kernel y=output L=loss -->"
RIGHT = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
WRONG = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i+n,j+m}"


def _torch_truth(swapped: bool) -> bool:
    torch.manual_seed(4)
    x, w = torch.randn(1, 1, 4, 4), torch.randn(1, 1, 2, 2, requires_grad=True)
    y = F.conv2d(x, w)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    claimed = torch.zeros(2, 2)
    for m in range(2):
        for n in range(2):
            a, b = (n, m) if swapped else (m, n)
            claimed[m, n] = sum(g[0, 0, i, j] * x[0, 0, i + a, j + b] for i in range(3) for j in range(3))
    return torch.allclose(claimed, w.grad[0, 0])


def _verdicts(display: str) -> list:
    page = f"{DIRECTIVE}\n\n# Convolution\n\n$$y_{{i,j}} = \\sum_m \\sum_n w_{{m,n}} x_{{i+m,j+n}}$$\n\n{display}\n"
    return [c.verdict for c in check_text(page, "md").claims][1:]


@pytest.mark.parametrize("written", [
    "$$\\begin{{align*}}\n{0}\\\\%\n{1}%\n\\end{{align*}}$$",
    "$$\\begin{{align*}}\n{0} \\\\ % the first row\n{1} % the second\n\\end{{align*}}$$",
    "$$\\definecolor{{spin}}{{RGB}}{{251,0,29}}\n\\begin{{align*}}\n\\color{{spin}} {0}\\\\\n{1}\n\\end{{align*}}$$",
])
def test_comments_and_colour_definitions_change_no_verdict(written):
    truths = ["holds" if _torch_truth(False) else "refuted", "holds" if _torch_truth(True) else "refuted"]
    assert truths == ["holds", "refuted"]
    assert _verdicts(f"$${RIGHT}$$\n\n$${WRONG}$$") == truths
    assert _verdicts(written.format(RIGHT, WRONG)) == truths


def test_a_percent_sign_that_is_escaped_stays():
    from symbp.check.display_rows import equation_rows
    rows = equation_rows(1, "", r"a = 5\% b")
    assert rows and rows[0][1].endswith(r"5\% b")


def test_a_claim_under_a_fully_connected_heading_is_not_the_convolutions():
    page = ("# CNN\n\n## Forward\n\n$$Z = X * W + b$$\n\n## Backward\n\n### Gradient in the fully connected layer\n\n"
            "$$\\frac{\\partial L}{\\partial b} = \\delta$$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == "unchecked" and "fully connected" in claim.detail, claim.detail


def test_a_decimal_for_an_unbound_value_is_not_refuted():
    page = ("<!-- symbp: layer=fc in=2 out=3 -->\n\n# Exam\n\nThe outputs are s_1 = 0.3, s_2 = 1.4 and the targets t.\n\n"
            "$$\\delta_{1} = -0.6855$$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != "refuted", claim.detail
