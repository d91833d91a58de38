"""Every unchecked claim of a page with no directive says what would make it checkable (issue 12,
item 6): a directive line to paste where the letters' roles are what is missing, and that line,
pasted, lets the claim be decided; where the notation itself is what symbp does not read, that no
directive changes it.

Truth: torch's conv2d (a cross-correlation) and autograd of L = <G, y> at a 4x4 input and a 2x2
kernel, the sizes the suggested directive names.
"""
import re

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.unchecked_hint import REWRITE

torch.set_default_dtype(torch.float64)

# sums with bounds: the plain claim with bare sums holds on such a page as a cross-correlation, the default
# where nothing names the letters (round 38, claim_candidates); a bounded one is no candidate, so unchecked
RIGHT = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{2} \sum_{j=0}^{2} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
FLIPPED = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{i,j}} x_{i-m+1,j-n+1}"


def torch_truth(flipped: bool) -> bool:
    """Whether the claim's sum equals torch's dL/dw at every kernel entry (0-based, valid output)."""
    gen = torch.Generator().manual_seed(7)
    x, w = torch.randn(4, 4, generator=gen), torch.randn(2, 2, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    g = torch.randn(y.shape, generator=gen)
    (y * g).sum().backward()
    claimed = torch.zeros(2, 2)
    for m in range(2):
        for n in range(2):
            for i in range(3):
                for j in range(3):
                    r, c = (i - m + 1, j - n + 1) if flipped else (i + m, j + n)
                    if 0 <= r < 4 and 0 <= c < 4:
                        claimed[m, n] += g[i, j] * x[r, c]
    return torch.allclose(claimed, w.grad)


def page(claim: str, directive: str = "") -> str:
    return f"# Gradients of a convolution\n\n{directive}\n\n$${claim}$$\n"


@pytest.mark.parametrize("claim, flipped", [(RIGHT, False), (FLIPPED, True)])
def test_the_suggested_directive_pasted_decides_the_claim(claim, flipped):
    first = check_text(page(claim), "md").claims[0]
    assert first.verdict == "unchecked"
    lines = re.findall(r"<!-- symbp:.*?-->", first.detail)
    assert lines, first.detail
    again = check_text(page(claim, lines[-1]), "md").claims[0]
    assert again.verdict == ("holds" if torch_truth(flipped) else "refuted"), again.detail


FORWARD = r"y_{i,j} = \sum_{m} \sum_{n} x_{i+m,j+n} w_{m,n}"


@pytest.mark.parametrize("claim", [r"\frac{\partial L}{\partial w_{m,n}} = \prod_k D_k",
                                   r"\frac{\partial L}{\partial w_{m,n}} \approx \frac{L(w + \epsilon) - L(w)}{\epsilon}"])
def test_notation_symbp_does_not_read_says_no_directive_settles_it(claim):
    detail = check_text(page(FORWARD) + f"\n$${claim}$$\n", "md").claims[1].detail
    assert REWRITE in detail and "<!-- symbp:" not in detail, detail


def test_a_section_with_a_directive_is_told_when_its_notation_blocks_the_claim():
    """Round 38: with a directive too, an unread notation says no directive settles it (before, the reasons
    alone); a guessed directive line is never offered there (the section has one)."""
    directive = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: L=loss w=kernel y=output x=input -->"
    got = check_text(page(r"\frac{\partial L}{\partial x_{i,j}} = \sum_m w_m \cdots", directive), "md").claims[0]
    assert got.verdict == "unchecked" and REWRITE in got.detail and "say so above the display" not in got.detail


def test_a_section_with_a_directive_keeps_its_other_reasons():
    directive = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: L=loss w=kernel y=output x=input -->"
    got = check_text(page(r"\frac{\partial L}{\partial q_{i,j}} = \sum_m w_{m,m} x_{i,j}", directive), "md").claims[0]
    assert got.verdict == "unchecked" and REWRITE not in got.detail and "say so above the display" not in got.detail, got.detail
