"""A convolution's forward stated with its bias in an overview and restated in entries without
it in the subsections (issue 12): the bias carries into the restatement.  Truth: torch autograd
on a small batched multi-channel convolution (the claims' sums written as plain loops)."""
import pytest
import torch

from symbp.check.checker import check_text

_DENSE = r"""## 1. Linear

$$
z = x W + b
$$

"""
_OVERVIEW = r"""## 2. Convolutional

### 2.0 Overview

The output $Z^l$ has size $N \times D \times H \times W$, the input $X^l$ size
$N \times C \times H' \times W'$ and the kernel $K^l$ size $D \times C \times F \times F$:

$$
Z^l = X^l {op} K^l + b^l
$$

"""
_SUB = r"""### 2.1 Unit stride

$$
z^l_{n,c,h,w} = \sum_{c'=0}^{C-1}\sum_{i=0}^{F-1}\sum_{j=0}^{F-1} x^l_{n,c',h+i,w+j} k^l_{c,c',i,j}
$$

#### 2.1.2 Gradient on Bias

$$
\frac{\partial L}{\partial b^l_c} = {rhs}
$$
"""
_TRUE = r"\sum_{n=0}^{N-1}\sum_{h=0}^{H-1}\sum_{w=0}^{W-1} \frac{\partial L}{\partial z^l_{n,c,h,w}}"
_FALSE = r"\sum_{h=0}^{H-1}\sum_{w=0}^{W-1} \frac{\partial L}{\partial z^l_{0,c,h,w}}"   # one example only


def _torch_truth():
    """(true form, false form) agree with autograd's dL/db? on a batch of 2, 2→3 channels."""
    torch.manual_seed(0)
    x, k = torch.randn(2, 2, 4, 4), torch.randn(3, 2, 2, 2)
    b = torch.randn(3, requires_grad=True)
    z = torch.nn.functional.conv2d(x, k, b)
    g = torch.randn_like(z)
    (z * g).sum().backward()
    true = [sum(g[n, c, h, w] for n in range(2) for h in range(3) for w in range(3)) for c in range(3)]
    false = [sum(g[0, c, h, w] for h in range(3) for w in range(3)) for c in range(3)]
    return (torch.allclose(torch.stack(true), b.grad), torch.allclose(torch.stack(false), b.grad))


def _verdict(text: str) -> str:
    claims = [c for c in check_text(text, "md").claims if r"\partial b" in c.latex]
    return claims[0].verdict


@pytest.mark.parametrize("op", ["*", r"\ast", r"\star", r"\otimes"])
def test_overview_bias_carries_into_subsection(op):
    true_holds, false_holds = _torch_truth()
    assert true_holds and not false_holds
    doc = _DENSE + _OVERVIEW.replace("{op}", op)
    assert _verdict(doc + _SUB.replace("{rhs}", _TRUE)) == ("holds" if true_holds else "refuted")
    assert _verdict(doc + _SUB.replace("{rhs}", _FALSE)) == "refuted"


def test_dense_bias_never_carries_into_a_convolution():
    # the only forward with a bias is the dense layer's: the convolution has no bias to derive
    assert _verdict(_DENSE + _SUB.replace("{rhs}", _TRUE)) != "holds"


def test_other_output_letter_does_not_carry():
    doc = _DENSE + _OVERVIEW.replace("{op}", "*").replace("Z^l", "Y^l")
    assert _verdict(doc + _SUB.replace("{rhs}", _TRUE)) != "holds"
