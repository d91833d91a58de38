"""A worked example whose prose gives the convolution's stride and the pooling's stride in one
page ("sliding the kernel with stride 1 ... 2 x 2 max pooling with stride 2"), above a general
forward that writes the stride as a letter (``X_{iS+m, jS+n}``).  The pooling's number is not the
convolution's, and a claim below the example that writes no stride is read at the stride the page
last gave its kernel (round thirty-eight: held-out 35's worked example was refuted at S = 2).
Truth: torch autograd (float64), never symbp.
"""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text
from symbp.check.doc_prose import kernel_strides, pooling_strides, prose_sizes, stride_of_pooling
from symbp.check.index_geometry import last_kernel_stride

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
])
def test_the_kernels_stride_one_beside_a_poolings_stride_two(example):
    assert _claim_is_true(1)
    claim = check_text(_page(example), "md").claims[-1]
    assert claim.verdict == "holds", claim.detail
    assert "stride 1" in claim.detail


@pytest.mark.parametrize("example", [
    "Sliding the kernel with stride 2 gives a 2 x 2 map.",
    "Then 2 x 2 max pooling with stride 2 halves the map.",
    "In general the kernel slides with stride $S$, and max pooling with stride 2 follows.",
])
def test_no_unit_stride_said_of_the_kernel_makes_nothing_hold(example):
    assert not _claim_is_true(2)
    claim = check_text(_page(example), "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


def test_what_each_stride_is_said_of():
    text = "Sliding the kernel with stride 1, ReLU, then 2 x 2 max pooling with stride 2."
    assert kernel_strides(text) == ["1"] and pooling_strides(text) == ["2"]
    assert prose_sizes(text)["#stride"] == ("1", "1")
    assert not stride_of_pooling(text)
    assert stride_of_pooling("Max pooling, 2 x 2 with stride 2.")
    assert "#stride" not in prose_sizes("With stride 1 first; then with stride 2.")
    assert last_kernel_stride("The kernel slides with stride 1. A stride 2 max pool follows.") == "1"
