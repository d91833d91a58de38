"""A forward written out in numbered entries is a convolution's only where its products slide a window (round 40).

``\\hat{y} = w^{(2)}_{11} O_{11} + w^{(2)}_{21} O_{12} + b_{21}`` is one neuron of a small dense network (weights
``w_{jk}`` from unit j to unit k), but the entry reader took the two letters with the largest subscripts for a
convolution's input and kernel: the page was checked as a 2x3 convolution and its correct
``\\frac{\\partial L}{\\partial w^{(2)}_{11}} = \\frac{\\partial L}{\\partial \\hat{y}} O_{11}`` was refuted.  A written-out row
is now read as a convolution only if, in each output entry, the image's index is an affine function of the kernel's on
each axis (slope not 0: a cross-correlation, a true convolution, strided or dilated).

Truth: the rows are written by plain loops over a window (or a neuron's weights); the dense claim's truth is torch autograd.
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.doc_infer import infer_roles
from symbp.check.index_claims import IndexError_

torch.set_default_dtype(torch.float64)


def _row(out, stride=1, dilation=1, flipped=False, k=2):
    """The written-out entry y_{out} of a 1-based convolution, built by a loop over the window."""
    i, j = out
    terms = []
    for m, n in itertools.product(range(1, k + 1), range(1, k + 1)):
        p = (i - 1) * stride + (m - 1) * dilation + 1
        q = (j - 1) * stride + (n - 1) * dilation + 1
        km, kn = (k + 1 - m, k + 1 - n) if flipped else (m, n)
        terms.append(f"x_{{{p}{q}}} w_{{{km}{kn}}}")
    return f"y_{{{i}{j}}} = " + " + ".join(terms)


@pytest.mark.parametrize("stride, dilation, flipped, out", [
    (1, 1, False, (1, 1)), (1, 1, False, (2, 1)), (2, 1, False, (1, 2)), (1, 2, False, (1, 1)), (1, 1, True, (1, 1)),
    (2, 1, True, (2, 2))])
def test_a_convolution_written_out_is_still_read(stride, dilation, flipped, out):
    roles, _ = infer_roles(_row(out, stride, dilation, flipped))
    assert roles["x"] == "input" and roles["w"] == "kernel" and roles["y"] == "output"


@pytest.mark.parametrize("row", [
    r"\hat{y} = w^{(2)}_{11} O_{11} + w^{(2)}_{21} O_{12} + b_{21}",
    r"y_{11} = w_{11} x_{11} + w_{12} x_{21} + w_{21} x_{12} + w_{22} x_{11}",
    r"y_{11} = w_{11} x_{11} + w_{12} x_{11} + w_{21} x_{11} + w_{22} x_{11}",
])
def test_products_that_slide_no_window_are_no_convolution(row):
    with pytest.raises(IndexError_):
        infer_roles(row)


PAGE = r"""## Forward

$$O_{11} = w^{(1)}_{11} x_{1} + w^{(1)}_{21} x_{2} + b_{11}$$

$$O_{12} = w^{(1)}_{12} x_{1} + w^{(1)}_{22} x_{2} + b_{12}$$

$$\hat{y} = w^{(2)}_{11} O_{11} + w^{(2)}_{21} O_{12} + b_{21}$$

## Backward

$$\frac{\partial L}{\partial w^{(2)}_{11}} = \frac{\partial L}{\partial \hat{y}} O_{11}$$

$$\frac{\partial L}{\partial w^{(2)}_{11}} = \frac{\partial L}{\partial \hat{y}} O_{12}$$
"""


def _dense_truth():
    """∂L/∂w2_11 against ∂L/∂ŷ O_11 and ∂L/∂ŷ O_12 for the page's network (torch autograd, a cubic loss)."""
    torch.manual_seed(0)
    x, w1, b1 = torch.randn(2), torch.randn(2, 2), torch.randn(2)
    w2 = torch.randn(2, requires_grad=True)
    O = w1.T @ x + b1                      # O_1k = Σ_j w1_{jk} x_j + b_1k
    yhat = w2 @ O
    yhat.retain_grad()
    (yhat ** 3).backward()
    return (torch.isclose(w2.grad[0], yhat.grad * O[0]).item(), torch.isclose(w2.grad[0], yhat.grad * O[1]).item())


def test_a_dense_networks_correct_claim_is_not_refuted_as_a_convolutions():
    verdicts = [c.verdict for c in check_text(PAGE, "md").claims]
    truth = _dense_truth()
    assert truth == (True, False)
    assert verdicts[-2] != "refuted" and verdicts[-1] != "holds", verdicts
