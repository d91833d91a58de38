"""Dense layers whose gradients of vectors are written as rows (numerator layout; held-out 26's notes
write ``\\delta^k = \\frac{dL}{db^k} \\times W^k``).  For z = W a + b, the row δ W is ∂L/∂a as a row,
and W^T δ is it as a column: each holds in one layout and is not even defined in the other, so symbp
must not refute the first (it leaves it unchecked, naming the layout) nor hold a product that fits
neither.  Truth: torch autograd, never symbp."""
import pytest
import torch

from symbp.check.checker import check_text

PAGE = r"""# Dense layer

The weight matrix $W$ is $3 \times 4$.

$$
z = W a + b
$$

$$
\frac{\partial L}{\partial W_{ij}} = \delta_i a_j
$$

$$
{claim}
$$
"""


def _autograd():
    torch.manual_seed(5)
    W, a, b = torch.randn(3, 4), torch.randn(4, requires_grad=True), torch.randn(3)
    z = W @ a + b
    delta = torch.randn(3)                                     # ∂L/∂z for L = delta · z
    (delta * z).sum().backward()
    return W, delta, a.grad


def _fits(fn):
    """Whether the claim's right side, with δ a row (1 x 3) or a column (3 x 1), is ∂L/∂a so laid out."""
    W, delta, grad = _autograd()
    out = {}
    for layout, d, g in (("row", delta[None, :], grad[None, :]), ("column", delta[:, None], grad[:, None])):
        try:
            out[layout] = bool(torch.allclose(fn(W, d), g)) and fn(W, d).shape == g.shape
        except RuntimeError:                                   # shapes that do not multiply
            out[layout] = False
    return out


CLAIMS = {r"\frac{\partial L}{\partial a} = \delta W": lambda W, d: d @ W,
          r"\frac{\partial L}{\partial a} = \delta W^T": lambda W, d: d @ W.T,
          r"\frac{\partial L}{\partial a} = W^T \delta": lambda W, d: W.T @ d}


@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_a_row_gradient_is_never_refuted_and_a_misfit_never_holds(claim):
    fits = _fits(CLAIMS[claim])
    verdict = check_text(PAGE.replace("{claim}", claim), "md").claims[-1]
    if fits["column"]:
        assert verdict.verdict == "holds", verdict.detail
    elif fits["row"]:
        assert verdict.verdict == "unchecked" and "numerator layout" in verdict.detail, verdict.detail
    else:
        assert verdict.verdict == "refuted", verdict.detail


def test_each_layout_is_met():
    assert [_fits(fn) for fn in CLAIMS.values()] == [{"row": True, "column": False}, {"row": False, "column": False},
                                                     {"row": False, "column": True}]


def test_a_derivative_by_a_transpose_under_the_every_size_directive():
    # round 32's red team (d12): ∂J/∂W^T is (∂J/∂W)^T, n x m; δ a^T is m x n: the claim is false
    W, delta, grad = _autograd()
    a = torch.randn(4)
    assert torch.outer(delta, a).shape != W.T.shape
    page = ("<!-- symbp: layer=fc in=n out=m -->\n# Dense layer\n\n$$ z = W a + b $$\n\n"
            "$$ \\frac{\\partial J}{\\partial W^T} = \\delta a^T $$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
