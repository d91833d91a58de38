"""Round thirty-eight: the convolution operator escaped for Markdown, rotated kernels named by a script,
and the stride a page's part names for a forward its backward subsection restates without it.

* ``\\*`` is a Markdown-escaped ``*``, read as ``*`` is.
* ``W^{rot180}``, ``K^{flip}``, ``W_{flipped}`` are names of their own: read as rot180(W) for one commit,
  red team 45 found 16 false holds on pages that define them otherwise (``K^{flip} = K``, ``K^{rot180} = K^T``,
  a flip of one axis); such a name is read only where the page defines it.
* A ``## part`` whose first subsection writes the forward with a stride letter in its input index
  (``h \\cdot s + k``) and says "the stride s" speaks of its later ``### Backward`` subsection too: a
  ``Y = X * W + B`` restated there does not make the stride 1.  (Reading ``\\*`` made held-out 21's
  Japanese chapter hold ``∂L/∂W = X * ∂L/∂Y``, false at s = 2; it is read at strides 1 and 2 now.)

Truth: torch autograd (float64), never symbp.
"""
import re

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _dx_case():
    """(w, ∂L/∂Y, the true ∂L/∂X) of a 4x4 input, 2x2 kernel at stride 1 (a cross-correlation)."""
    torch.manual_seed(1)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    w = torch.randn(1, 1, 2, 2)
    y = F.conv2d(x, w)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    return w, g, x.grad


def _dx_is_full_conv_with_rotated_kernel() -> bool:
    """Whether ∂L/∂X = full(∂L/∂Y) ⋆ rot180(W)."""
    w, g, dx = _dx_case()
    return torch.allclose(F.conv2d(F.pad(g, (1, 1, 1, 1)), torch.flip(w, (2, 3))), dx)


def _dx_is_valid_conv_with_rotated_kernel() -> bool:
    """Whether ∂L/∂X = ∂L/∂Y ⋆ rot180(W) with no padding (the shapes alone differ)."""
    w, g, dx = _dx_case()
    claimed = F.conv2d(g, torch.flip(w, (2, 3)))
    return claimed.shape == dx.shape and torch.allclose(claimed, dx)


def _page(rotated: str, star: str, full: bool) -> str:
    return ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss -->\n\n"
            f"# Convolution backward\n\n$$Y = X {star} W$$\n\n"
            + ("The product below is a full convolution.\n\n" if full else "")
            + f"$$\\frac{{\\partial L}}{{\\partial X}} = \\frac{{\\partial L}}{{\\partial Y}} {star} {rotated}$$\n")


@pytest.mark.parametrize("star", ["*", r"\*"])
def test_an_escaped_star_reads_as_the_star(star):
    assert _dx_is_full_conv_with_rotated_kernel() and not _dx_is_valid_conv_with_rotated_kernel()
    got = check_text(_page(r"\text{rot180}(W)", star, True), "md").claims
    assert got[-1].verdict == "holds", got[-1].detail
    wrong = check_text(_page(r"\text{rot180}(W)", star, False), "md").claims[-1]
    assert wrong.verdict != "holds", wrong.detail


@pytest.mark.parametrize("definition", [r"$$W^{flip} = W$$", r"$$W^{rot180} = W^T$$",
                                        r"Write $W_{flipped}$ for the kernel with only its columns reversed."])
def test_a_rotated_name_the_page_defines_otherwise_never_holds_as_rot180(definition):
    """Red team 45: with the name defined as something other than a 180-degree turn, the claim that
    reads correctly only with rot180(W) is false (torch: the valid/full product with W itself differs)."""
    w, g, dx = _dx_case()
    padded = F.pad(g, (1, 1, 1, 1))
    for other in (w, w.transpose(2, 3), torch.flip(w, (3,))):      # the no-op, the transpose, one axis reversed
        assert not torch.allclose(F.conv2d(padded, other), dx)
    name = re.search(r"W(?:\^\{\w+\}|_\{\w+\})", definition).group(0)
    page = _page(name, "*", True).replace("$$Y = X * W$$", "$$Y = X * W$$\n\n" + definition)
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


def _dw_is_x_star_dy(stride: int) -> bool:
    """Whether ∂L/∂W = X ⋆ ∂L/∂Y (unit step) for a 5x5 input, 2x2 kernel at ``stride``."""
    torch.manual_seed(2)
    x = torch.randn(1, 1, 5, 5)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    y = F.conv2d(x, w, stride=stride)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    claimed = F.conv2d(x, g)
    return claimed.shape == w.grad.shape and torch.allclose(claimed, w.grad)


PART = ("# Chapter 16\n\n## 16.1 Convolution\n\n### Definition\n\n"
        "The layer slides its kernel with the stride s, whose usual values are 1 and 2.\n\n"
        # the forward as held-out 21's page has it, damaged by Markdown (* for _): no reader reads it
        "$$Y_{h,w} = \\sum*{k_h} \\sum*{k_w} X*{h \\cdot s + k_h, w \\cdot s + k_w} W*{k_h,k_w} + B$$\n\n"
        "### Backward\n\nForward:\n\n$$Y = X {star} W + B$$\n\nThe kernel's gradient:\n\n"
        "$$\\frac{{\\partial L}}{{\\partial W}} = X {star} \\frac{{\\partial L}}{{\\partial Y}}$$\n")


@pytest.mark.parametrize("star", ["*", r"\*"])
def test_the_parts_stride_letter_speaks_of_its_backward_subsection(star):
    assert _dw_is_x_star_dy(1) and not _dw_is_x_star_dy(2)
    claim = check_text(PART.replace("{star}", star).replace("{{", "{").replace("}}", "}"), "md").claims[-1]
    assert claim.verdict != "holds", claim.detail
    assert "stride s" in claim.detail, claim.detail


def test_a_stride_letter_only_in_an_output_size_formula_does_not():
    """Held-out 10's chapter: ``H_{out} = ⌊(H + 2p − k)/s⌋ + 1`` names s, its forward written in entries,
    ``X_{i+m,j+n}``, moves by 1: the backward subsection's claims are read at stride 1, as its truth has them.
    (Where the part writes no such forward, ``Y = X * K`` alone, red team 45 had them false at s: see above.)"""
    page = PART.replace("\\sum*{k_h} \\sum*{k_w} X*{h \\cdot s + k_h, w \\cdot s + k_w} W*{k_h,k_w} + B$$",
                        "\\sum_{k_h} \\sum_{k_w} X_{h + k_h, w + k_w} W_{k_h,k_w} + B$$\n\n$$H_{out} = \\frac{H - k}{s} + 1$$")
    assert "H_{out}" in page and "\\cdot s" not in page
    page = page.replace("{star}", "*").replace("{{", "{").replace("}}", "}")
    claim = next(c for c in check_text(page, "md").claims if c.latex.startswith(r"\frac{\partial L}{\partial W}"))
    assert "stride s" not in claim.detail, claim.detail


@pytest.mark.parametrize("said", ["The kernel slides over the input with stride $s$ (we keep $s$ general).",
                                  "The kernel moves with stride `s`; in code, `Y[h, w] = sum(X[h*s + k, w*s + l] * K[k, l])`."])
def test_a_parts_stride_letter_said_in_words_only_speaks_of_its_subsections(said):
    """Red team 45: a ``##`` part that names the stride s in words (no display writes it) above ``### Forward``
    (``Y = X * K``) and ``### Backward``: the claims, true at stride 1 only, were held."""
    assert _dw_is_x_star_dy(1) and not _dw_is_x_star_dy(2)
    page = (f"# Chapter 16\n\n## 16.1 Strided convolution\n\n{said}\n\n### Forward\n\n$$Y = X * K$$\n\n"
            "### Backward\n\n$$\\frac{\\partial L}{\\partial K} = X * \\frac{\\partial L}{\\partial Y}$$\n\n"
            "$$\\frac{\\partial L}{\\partial K_{k,l}} = \\sum_h \\sum_w \\frac{\\partial L}{\\partial Y_{h,w}} X_{h+k,w+l}$$\n")
    for claim in check_text(page, "md").claims[1:]:
        assert claim.verdict != "holds", claim.detail
