"""A convolution forward written with the word as an infix operator and its output alone on the
right, ``x \\; conv \\; k + b = u`` (5x5 input, 3x3 kernel, 1-based entries): the claims about
entries of ∂L/∂x after it are checked as after ``u = x * k + b`` (checked too).  The base is read
from the entries: ``x_{5, 5}`` of a 5x5 input exists only counted from 1.  Truth: torch's conv2d (a cross-correlation) and autograd."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
PAGE = r"""
A 5x5 input $x$ and a 3x3 kernel $k$ at stride 1, no padding, give the 3x3 output $u$:

$$
FORWARD
$$

with $\delta_{i, j} = \frac{\partial L}{\partial u_{i, j}}$.
"""


def _torch():
    torch.manual_seed(13)
    x = torch.randn(1, 1, 5, 5, requires_grad=True)
    k = torch.randn(1, 1, 3, 3)
    delta = torch.randn(1, 1, 3, 3)
    u = torch.nn.functional.conv2d(x, k) + 0.5
    gx = torch.autograd.grad((u * delta).sum(), x)[0][0, 0]
    return gx, k[0, 0], delta[0, 0]


CLAIMS = {   # claim -> the claimed value from (k, δ), 0-based inside
    r"\frac{\partial L}{\partial x_{1, 2}} = \delta_{1, 1} k_{1, 2} + \delta_{1, 2} k_{1, 1}":
        ((0, 1), lambda k, d: d[0, 0] * k[0, 1] + d[0, 1] * k[0, 0]),
    r"\frac{\partial L}{\partial x_{1, 2}} = \delta_{1, 1} k_{1, 1} + \delta_{1, 2} k_{1, 2}":
        ((0, 1), lambda k, d: d[0, 0] * k[0, 0] + d[0, 1] * k[0, 1]),
    r"\frac{\partial L}{\partial x_{5, 5}} = \delta_{3, 3} k_{3, 3}":
        ((4, 4), lambda k, d: d[2, 2] * k[2, 2]),
    r"\frac{\partial L}{\partial x_{5, 5}} = \delta_{3, 3} k_{1, 1}":
        ((4, 4), lambda k, d: d[2, 2] * k[0, 0]),
}


@pytest.mark.parametrize("forward", [r"x \; conv \; k + b = u", r"u = x * k + b"])
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_infix_and_reversed_forward(forward, claim):
    gx, k, delta = _torch()
    (i, j), value = CLAIMS[claim]
    expected = "holds" if torch.isclose(gx[i, j], value(k, delta)) else "refuted"
    text = PAGE.replace("FORWARD", forward) + f"\n$$\n{claim}\n$$\n"
    got = check_text(text, "md").claims[-1]
    assert got.verdict == expected, got.detail
