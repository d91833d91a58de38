"""An activation layer written for whole tensors, ``Y = f(X)`` (also as the last side of an
aligned chain ``Y = [f(x_1) ⋯ f(x_i)] = f(X)``), and claims ``∂E/∂X = ∂E/∂Y ⊙ f'(X)`` about it
(round thirty-one; held-out 24's French README).  f is any activation: a claim holds only as the
chain rule for every f, and a refutation gives f(t) = t² with small numbers.  Truth: torch
autograd for several activations (a claim true for every f is true for each; one false for tanh
is false), never symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
ACTS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "square": lambda t: t * t}


def _grad(f, claim):
    """(dE/dX by autograd, the claim's value) for Y = f(X), E = Σ G ⊙ Y."""
    torch.manual_seed(2)
    x = torch.randn(3, 4, requires_grad=True)
    g = torch.randn(3, 4)
    (f(x) * g).sum().backward()
    xd = x.detach().requires_grad_()
    fprime = torch.autograd.grad(f(xd).sum(), xd)[0]                  # f'(X) entrywise
    if claim == "fX":
        return x.grad, g * fprime
    yd = f(x.detach()).requires_grad_()                                # f'(Y): the derivative at the output
    return x.grad, g * torch.autograd.grad(f(yd).sum(), yd)[0]


CLAIMS = {"fX": r"\frac{\partial E}{\partial X} = \frac{\partial E}{\partial Y} \odot f'(X)",
          "fY": r"\frac{\partial E}{\partial X} = \frac{\partial E}{\partial Y} \odot f'(Y)"}


@pytest.mark.parametrize("forward", [r"Y = f(X)", r"Y = [f(x_1) \cdots f(x_i)] \\ &= f(X)"])
@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_whole_tensor_activation_claims(forward, name):
    truth = all(torch.allclose(*_grad(f, name)) for f in ACTS.values())
    assert truth == (name == "fX")
    display = ("\\begin{aligned} Y &" + forward[1:].replace(r"\\ &", "\\\\ &") + " \\end{aligned}") if "\\\\" in forward \
        else forward
    page = f"# Activation layer\n\nThe layer applies f to every entry.\n\n$$\n{display}\n$$\n\n$$\n{CLAIMS[name]}\n$$\n"
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail
    if not truth:
        assert "t^2" in claim.detail


def test_a_whole_tensor_product_without_odot_is_not_decided():
    page = ("# Activation layer\n\n$$\nY = f(X)\n$$\n\n$$\n\\frac{\\partial E}{\\partial X} = "
            "\\frac{\\partial E}{\\partial Y} f'(X)\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "refuted"


def test_a_whole_tensor_f_the_page_calls_a_softmax_is_not_read_entrywise():
    # Y = f(X) with f the softmax: ∂E/∂X = ∂E/∂Y ⊙ f'(X) is no identity (the softmax mixes entries)
    torch.manual_seed(3)
    x = torch.randn(4, requires_grad=True)
    g = torch.randn(4)
    (torch.softmax(x, 0) * g).sum().backward()
    s = torch.softmax(x.detach(), 0)
    assert not torch.allclose(x.grad, g * s * (1 - s))       # the entrywise reading of f'
    page = ("# Output layer\n\nHere f is the softmax.\n\n$$\nY = f(X)\n$$\n\n$$\n" + CLAIMS["fX"] + "\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
