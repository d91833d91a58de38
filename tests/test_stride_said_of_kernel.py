"""A worked example whose prose gives the convolution's stride and the pooling's stride in one
page ("sliding the kernel with stride 1 ... 2 x 2 max pooling with stride 2"), above a general
forward that writes the stride as a letter (``X_{iS+m, jS+n}``).  The pooling's number is not the
convolution's, and a claim below the example that writes no stride and holds at stride 1 only is
unchecked, naming the example's unit stride, never refuted (held-out 35's worked example was refuted at
S = 2) and never held: red team 44 found 105 false holds when such a claim was read at stride 1 (a stride
1 that was a pooling's, another layer's, supposed, denied, compared, a footnote's) (round thirty-eight).
Truth: torch autograd (float64), never symbp.
"""
import re

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text
from symbp.check.doc_prose import prose_sizes
from symbp.check.stride_prose import kernel_strides, stride_of_pooling, stride_owner
from symbp.check.stride_prose import unit_stride_said

torch.set_default_dtype(torch.float64)

CLAIM = r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i} \sum_{j} X_{i+m, j+n} \cdot \frac{\partial L}{\partial Z_{i,j}}"


def _claim_is_true(stride: int) -> bool:
    """Whether Σ_ij X_{i+m,j+n} δ_ij is ∂L/∂W of a 5x5 input, 2x2 kernel, at ``stride``."""
    torch.manual_seed(5)
    x = torch.randn(1, 1, 5, 5)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    z = F.conv2d(x, w, stride=stride)
    g = torch.randn_like(z)
    (z * g).sum().backward()
    rows, cols = z.shape[-2:]
    claimed = torch.zeros(2, 2)
    for m in range(2):
        for n in range(2):
            claimed[m, n] = sum(x[0, 0, i + m, j + n] * g[0, 0, i, j] for i in range(rows) for j in range(cols))
    return torch.allclose(claimed, w.grad[0, 0])


def _page(example: str) -> str:
    return ("# Convolution\n\nA small kernel $W$ is slid over the input $X$ with stride $S$.\n\n"
            "$$Z_{i,j} = \\sum_{m=0}^{1} \\sum_{n=0}^{1} X_{i S + m, j S + n} W_{m,n}$$\n\n"
            f"## Example\n\nThe input is 5 x 5 and the kernel 2 x 2. {example}\n\n"
            f"## Backward\n\nSumming over the output positions:\n\n$$ {CLAIM} $$\n")


def test_the_claim_holds_at_stride_one_only():
    assert _claim_is_true(1) and not _claim_is_true(2)


@pytest.mark.parametrize("example", [
    "Sliding the kernel with stride 1 gives a 4 x 4 map, and 2 x 2 max pooling with stride 2 halves it.",
    "The 2 x 2 max pooling uses stride 2. The filter moves with stride 1 over the image.",
    "In this worked example the kernel moves with unit stride.",
    "Here the stride of the kernel is one.",
])
def test_the_kernels_unit_stride_in_an_example_leaves_the_claim_unchecked(example):
    assert _claim_is_true(1) and not _claim_is_true(2)
    claim = check_text(_page(example), "md").claims[-1]
    assert claim.verdict == "unchecked", claim.detail
    assert "unit stride" in claim.detail and "stride=1" in claim.detail


# red team 44: sentences whose stride 1 is not the page's kernel's; the claim, false at the forward's S, is refuted
@pytest.mark.parametrize("example", [
    "Sliding the kernel with stride 2 gives a 2 x 2 map.",
    "Then 2 x 2 max pooling with stride 2 halves the map.",
    "In general the kernel slides with stride $S$, and max pooling with stride 2 follows.",
    "The pooling kernel moves with stride 1.",
    "Max pooling uses kernel size 2 and stride 1.",
    "If the kernel slid with stride 1, the output would be 4 x 4.",
    "We cannot assume the kernel slides with stride 1.",
    "The first convolution layer of the network slides its kernel with stride 1; this page is about the second.",
    "Footnote: most libraries default to sliding the kernel with stride 1.",
    "Compare sliding the kernel with stride 2 and sliding the kernel with stride 1.",
])
def test_no_unit_stride_of_this_kernel_refutes_the_claim(example):
    assert not _claim_is_true(2)
    claim = check_text(_page(example), "md").claims[-1]
    assert claim.verdict == "refuted", claim.detail


def test_a_poolings_stride_never_overrides_a_forward_written_at_stride_two():
    """Red team 44: X_{2i+m,2j+n} above "max pooling with kernel size 2 and stride 1" was read at stride 1."""
    page = ("# Convolution\n\nThe input $X$ is 5 x 5 and the kernel $W$ is 2 x 2.\n\n"
            "$$Z_{i,j} = \\sum_{m=0}^{1}\\sum_{n=0}^{1} X_{2i+m, 2j+n} W_{m,n} + b$$\n\n"
            "Then max pooling with kernel size 2 and stride 1 follows.\n\n## Backward\n\n"
            f"$$ {CLAIM} $$\n")
    assert not _claim_is_true(2)
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


def test_what_each_stride_is_said_of():
    text = "Sliding the kernel with stride 1, ReLU, then 2 x 2 max pooling with stride 2."
    assert kernel_strides(text) == ["1"] and stride_owner(text, re.search(r"stride 2", text)) == "pooling"
    assert "#stride" not in prose_sizes(text)        # two numbers settle no one stride (test_chapter_examples)
    assert not stride_of_pooling(text)
    assert stride_of_pooling("Max pooling, 2 x 2 with stride 2.")
    assert "#stride" not in prose_sizes("With stride 1 first; then with stride 2.")
    assert kernel_strides("The pooling kernel moves with stride 1.") == []
    assert unit_stride_said("The kernel slides with stride 1. A stride 2 max pool follows.") == "The kernel slides with stride 1"
