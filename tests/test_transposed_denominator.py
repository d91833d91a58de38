"""∂L/∂x^T is (∂L/∂x)^T, the row layout: ``\\frac{\\partial L}{\\partial x^T} = \\delta^T W`` holds for
z = W x + b, and its column form ``W^T \\delta`` is refuted by its shape.

Truth: torch autograd of z = W x + b (3 -> 2, x a column) with L = g · z, so δ = g; the right
sides by numpy in the layout the claim writes."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DOC = "<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z = Wx + b$$\n\n"


def _truth():
    gen = torch.Generator().manual_seed(1)
    w = torch.randn(2, 3, generator=gen, requires_grad=True)
    x = torch.randn(3, 1, generator=gen, requires_grad=True)
    g = torch.randn(2, 1, generator=gen)
    b = torch.randn(2, 1, generator=gen, requires_grad=True)
    ((w @ x + b) * g).sum().backward()
    return w.detach().numpy(), x.detach().numpy(), g.numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


def _agrees(claimed, grad) -> bool:
    """The claim ∂L/∂A^T = R: R is the transposed gradient, shape and entries."""
    return claimed.shape == grad.T.shape and np.allclose(claimed, grad.T)


@pytest.mark.parametrize("left,right,value", [
    (r"x^T", r"\delta^T W", lambda w, x, g: g.T @ w),
    (r"x^{\top}", r"\delta^T W", lambda w, x, g: g.T @ w),
    (r"x^T", r"W^T \delta", lambda w, x, g: w.T @ g),
    (r"W^T", r"x \delta^T", lambda w, x, g: x @ g.T),
    (r"W^{T}", r"\delta x^T", lambda w, x, g: g @ x.T),
])
def test_the_gradient_with_respect_to_a_transpose(left, right, value):
    w, x, g, dx, dw, _ = _truth()
    expected = "holds" if _agrees(value(w, x, g), dx if left.startswith("x") else dw) else "refuted"
    claim = check_text(DOC + f"$$\\frac{{\\partial L}}{{\\partial {left}}} = {right}$$\n", "md").claims[-1]
    assert claim.verdict == expected, claim.detail


@pytest.mark.parametrize("left", [r"b^T", r"b^{\top}", r"\mathbf{b}^\top", r"b^\intercal"])
@pytest.mark.parametrize("right,value", [(r"\delta^T", lambda g: g.T), (r"\delta", lambda g: g),
                                         (r"2 \delta^T", lambda g: 2 * g.T)])
def test_the_bias_gradient_with_respect_to_its_transpose(left, right, value):
    # the dense matrix reader too: ∂L/∂b^T = R means ∂L/∂b = R^T, shapes exactly (a column's
    # transpose is a row: δ, a column, refutes)
    w, x, g, dx, dw, db = _truth()
    expected = "holds" if _agrees(value(g), db) else "refuted"
    claim = check_text(DOC + f"$$\\frac{{\\partial L}}{{\\partial {left}}} = {right}$$\n", "md").claims[-1]
    assert claim.verdict == expected, (left, right, claim.detail)


def test_the_bias_truth_can_fail():
    w, x, g, dx, dw, db = _truth()
    assert _agrees(g.T, db) and not _agrees(g, db)
