"""A section with letter sizes whose convolution flips its kernel (``conv=true``) is not proved
by the every-size reader, which reads ``*`` as cross-correlation: before, ``∂J/∂W = a * δ`` held
there for every size, while under a true convolution it is false.  Truth: torch autograd."""
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _true_conv_claim_holds(n: int, k: int) -> bool:
    """z = a * W (true convolution, valid); is ∂J/∂W = a * δ (true convolution) at n, k?"""
    gen = torch.Generator().manual_seed(3)
    a = torch.randn(1, 1, n, n, generator=gen)
    W = torch.randn(1, 1, k, k, generator=gen, requires_grad=True)
    z = F.conv2d(a, torch.flip(W, (2, 3)))
    delta = torch.randn(z.shape, generator=gen)
    (z * delta).sum().backward()
    claimed = F.conv2d(a, torch.flip(delta, (2, 3)))
    return claimed.shape == W.grad.shape and torch.allclose(claimed, W.grad)


def test_flipped_convolution_is_not_proved_as_cross_correlation():
    assert not _true_conv_claim_holds(4, 2) and not _true_conv_claim_holds(5, 3)
    text = ("<!-- symbp: layer=conv2d input=n kernel=k conv=true -->\n\n"
            "$$\n\\frac{\\partial J}{\\partial W} = a * \\delta\n$$\n")
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


def test_cross_correlation_section_still_proved_for_every_size():
    text = "<!-- symbp: layer=conv2d input=n kernel=k -->\n\n$$\n\\frac{\\partial J}{\\partial W} = a * \\delta\n$$\n"
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "holds" and "for all" in claim.detail
