"""A shape mismatch under a layer symbp inferred from subscripts (no directive) is the guess's,
not the claim's: ``∂C/∂b^l = δ^l`` right after a fully connected forward holds (torch), and
fails for a convolution (its bias gradient is Σ δ, torch) whose entries the page writes later;
with the convolution only inferred from those subscripts the claim is unchecked, and under a
``layer=conv2d`` directive it is refuted."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

FC = "$$z^l = W^l a^{l-1} + b^l$$\n\n"
ENTRIES = ("$$z_{11} = a_{11} w_{11} + a_{12} w_{12} + a_{21} w_{21} + a_{22} w_{22} + b$$\n\n"
           "$$z_{22} = a_{22} w_{11} + a_{23} w_{12} + a_{32} w_{21} + a_{33} w_{22} + b$$\n\n")
CLAIM = "$$\\frac{\\partial C}{\\partial b} = \\delta$$\n"


def _truths():
    x, g = torch.randn(1, 1, 3, 3), torch.randn(1, 1, 2, 2)
    b = torch.zeros(1, requires_grad=True)
    (torch.nn.functional.conv2d(x, torch.randn(1, 1, 2, 2), b) * g).sum().backward()
    conv_is_delta = b.grad.shape == g.shape and torch.allclose(b.grad, g)
    bl = torch.zeros(3, requires_grad=True)
    gl = torch.randn(3)
    (torch.nn.functional.linear(torch.randn(4), torch.randn(3, 4), bl) * gl).sum().backward()
    return conv_is_delta, torch.allclose(bl.grad, gl)


def test_inferred_layer_shape_mismatch_is_unchecked_and_a_directive_refutes():
    conv_is_delta, fc_is_delta = _truths()
    assert not conv_is_delta and fc_is_delta
    inferred = check_text(FC + CLAIM + "\n" + ENTRIES, "md").claims[1]
    assert inferred.verdict == "unchecked" and "layer inferred" in inferred.detail
    given = check_text("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n" + CLAIM, "md").claims[-1]
    assert given.verdict == "refuted" and "shape mismatch" in given.detail
