"""Readings of round 48.

* a sum whose upper bound is written first, ``\\sum^{2}_{m=0}`` (LaTeX takes the scripts in either
  order; held-out 15's and 52's pages write them so): read as ``\\sum_{m=0}^{2}`` by the index
  reader (before: "a sum without its index", and the claim was unchecked);
* a code fence that is never closed and hides ``$$`` displays: a one-line error naming the fence's
  line and the first hidden display (before: "no display equations found", which named neither).

Truth: torch autograd (float64) and plain loops; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.document import DocumentError, extract

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _conv_grads(size: int, k: int, seed: int = 0):
    """(x, w, dL/dy, dL/dx, dL/dw) of a stride-1 valid cross-correlation by autograd."""
    torch.manual_seed(seed)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    w = torch.randn(1, 1, k, k, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x[0, 0].detach(), w[0, 0].detach(), dy[0, 0], x.grad[0, 0], w.grad[0, 0]


CONV = r"""# Convolution

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 index_base=0 names: x=input w=kernel y=output L=loss -->

$$ y_{{i,j}} = \sum^{{1}}_{{m=0}} \sum^{{1}}_{{n=0}} w_{{m,n}} x_{{i+m,j+n}} $$

$$ \frac{{\partial L}}{{\partial w_{{m,n}}}} = {claim} $$
"""


def test_a_sum_with_its_upper_bound_first_is_read():
    x, w, dy, dx, dw = _conv_grads(4, 2)
    loop = [[sum(dy[i, j] * x[i + m, j + n] for i in range(3) for j in range(3)) for n in range(2)]
            for m in range(2)]
    assert all(torch.isclose(dw[m, n], loop[m][n]) for m in range(2) for n in range(2))
    right = r"\sum^{2}_{i=0} \sum^{2}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    verdicts = _claims(CONV.format(claim=right))
    assert verdicts[-1][0] == "holds", verdicts


def test_a_sum_with_its_upper_bound_first_refutes_a_wrong_range():
    x, _, dy, _, dw = _conv_grads(4, 2)
    short = sum(dy[i, j] * x[i, j] for i in range(2) for j in range(2))   # the bound 1 drops a row
    assert not torch.isclose(dw[0, 0], short)
    wrong = r"\sum^{1}_{i=0} \sum^{1}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    verdict, detail = _claims(CONV.format(claim=wrong))[-1]
    assert verdict == "refuted", detail


def test_a_sum_with_two_upper_bounds_is_not_read():
    twice = r"\sum^{2}_{i=0}^{2} \sum^{2}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    assert _claims(CONV.format(claim=twice))[-1][0] == "unchecked"


FENCE = """# Notes

The author's
```math blocks are shown below.

$$ y = w x $$

$$ \\frac{\\partial L}{\\partial w} = x \\frac{\\partial L}{\\partial y} $$
"""


def test_an_unclosed_fence_that_hides_displays_is_named():
    with pytest.raises(DocumentError, match=r"line 4: the code fence ``` opened here is never closed, "
                                            r"so the \$\$ display at line 6"):
        extract(FENCE, "md")


def test_an_unclosed_fence_without_displays_inside_is_still_code():
    text = "$$ y = w x $$\n\n```python\ny = w * x\n"
    assert [item.latex for item in extract(text, "md") if hasattr(item, "latex")] == ["y = w x"]


def test_a_closed_fence_hides_its_dollars_without_error():
    text = "```\n$$ not math $$\n```\n\n$$ y = w x $$\n"
    assert [item.latex for item in extract(text, "md") if hasattr(item, "latex")] == ["y = w x"]
