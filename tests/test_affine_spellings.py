"""An affine layer written with amsmath's ``\\cfrac``, gradients as ``\\nabla_X{L}`` (the loss in
braces) and equation numbers in bold (``\\quad \\bf{(1)}``); and a scalar section ``y = wx + b``
with no sizes, whose ``∂L/∂x = ∂L/∂y \\, w`` is never refuted as a product of vectors.
Truth: torch autograd through Y = WX + B."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
VECTOR = r"""<!-- symbp: layer=fc in=3 out=2 index_base=1 names: X=input W=kernel B=bias Y=output x=input w=kernel y=output L=loss -->

$$ Y = WX + B $$
"""


def _grads():
    torch.manual_seed(23)
    W = torch.randn(2, 3)
    X = torch.randn(3, requires_grad=True)
    g = torch.randn(2)                       # ∂L/∂Y
    loss = (g * (W @ X + torch.randn(2))).sum()
    return W, g, torch.autograd.grad(loss, X)[0]


CLAIMS = {
    r"\nabla_X{L} = W^T \nabla_Y{L}": lambda W, g: W.T @ g,
    r"\nabla_X{L} = W^T \cfrac{\partial L}{\partial Y}": lambda W, g: W.T @ g,
    r"\cfrac{\partial L}{\partial x_i} = \displaystyle\sum_{p=1}^{2} \cfrac{\partial L}{\partial y_p} w_{p,i} \quad \bf{(1)}": lambda W, g: W.T @ g,
    r"\cfrac{\partial L}{\partial x_i} = \displaystyle\sum_{p=1}^{2} \cfrac{\partial L}{\partial y_p} w_{i,p} \quad \bf{(1)}": None,
}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_affine_spellings_agree_with_autograd(claim):
    W, g, gx = _grads()
    formula = CLAIMS[claim]
    truth = "holds" if formula is not None and torch.allclose(formula(W, g), gx) else "refuted"
    got = check_text(VECTOR + f"\n$$\n{claim}\n$$\n", "md").claims[-1]
    assert got.verdict == truth, got.detail


def test_a_scalar_section_without_sizes_is_not_refuted_as_vectors():
    w, x = torch.tensor(1.5), torch.tensor(-0.5, requires_grad=True)
    g = torch.tensor(0.7)                                   # ∂L/∂y
    assert torch.isclose(torch.autograd.grad(g * (w * x + 2.0), x)[0], g * w)     # holds for scalars
    page = "The input, weight and bias are scalars:\n\n$$ y = wx + b $$\n"
    got = check_text(page + "\n$$\n\\cfrac{\\partial L}{\\partial x} = \\cfrac{\\partial L}{\\partial y} w\n$$\n", "md").claims[-1]
    assert got.verdict != "refuted", got.detail
    vector = check_text(page + "\n$$\n\\frac{\\partial L}{\\partial x} = W^T \\odot \\frac{\\partial L}{\\partial y} w\n$$\n", "md").claims[-1]
    assert vector.verdict != "holds"


def test_without_scalars_in_the_words_nothing_is_held():
    """The same page with no word for scalars: never held (vectors refute it; the one-neuron reading is
    the page's to state)."""
    page = "A dense layer:\n\n$$ y = wx + b $$\n"
    got = check_text(page + "\n$$\n\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y} w\n$$\n", "md").claims[-1]
    assert got.verdict != "holds", got.detail
