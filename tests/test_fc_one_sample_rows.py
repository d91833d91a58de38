"""A dense layer written with samples as rows, ``z^l = a^{l-1} W^l + b^l`` (a directive's
``weight=rows`` or the forward alone), whose entries the page writes with one index (``z^l_j``,
``a^{l-1}_i``): one sample, so the claims are checked at a batch of 1 instead of left unchecked
for a batch the page never has.  Truth: torch autograd."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.fc_membership import one_sample_rows

torch.set_default_dtype(torch.float64)
FORWARD = "$$\nz^l = a^{l-1} W^l + b^l\n$$\n"
DIRECTIVE = "<!-- symbp: layer=fc in=3 out=2 weight=rows names: a^{l-1}=input W^l=kernel b^l=bias z^l=output L=loss -->\n\n"
CLAIMS = {   # claim -> the claimed ∂L/∂W (3 x 2) or ∂L/∂b (2,) from δ = ∂L/∂z and a
    r"\frac{\partial L}{\partial W^l_{ij}} = \delta^l_j a^{l-1}_i": ("W", lambda d, a: torch.outer(a, d)),
    r"\frac{\partial L}{\partial W^l_{ij}} = \delta^l_i a^{l-1}_j": ("W", None),          # indices swapped: no such entry
    r"\frac{\partial L}{\partial b^l_j} = \delta^l_j": ("b", lambda d, a: d),
    r"\frac{\partial L}{\partial b^l_j} = 2 \delta^l_j": ("b", lambda d, a: 2 * d),
}


def _truth(kind, formula):
    torch.manual_seed(7)
    a = torch.randn(3)
    W = torch.randn(3, 2, requires_grad=True)
    b = torch.randn(2, requires_grad=True)
    c = torch.randn(2)
    loss = (c * (a @ W + b)).sum()                 # δ = ∂L/∂z = c
    gW, gb = torch.autograd.grad(loss, (W, b))
    if formula is None:
        return "refuted"
    return "holds" if torch.allclose(formula(c, a), gW if kind == "W" else gb) else "refuted"


@pytest.mark.parametrize("page", [DIRECTIVE + FORWARD, FORWARD], ids=["directive", "forward only"])
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_one_sample_written_as_a_row(page, claim):
    kind, formula = CLAIMS[claim]
    got = check_text(page + "\n$$\n\\delta^l_j = \\frac{\\partial L}{\\partial z^l_j}\n$$\n"
                     f"\n$$\n{claim}\n$$\n", "md").claims[-1]
    assert got.verdict == _truth(kind, formula), got.detail


def test_a_batch_written_with_two_indices_stays_a_batch():
    s = {"layer_kind": "fc", "fc_kernel": "rows", "names": "X=input W=kernel Z=output"}
    assert one_sample_rows(s, [r"\frac{\partial L}{\partial W_{ij}} = \sum_n \delta_{nj} x_{ni}"]) == {}
    assert one_sample_rows({**s, "batch": "4"}, [r"z_j", r"x_i"]) == {}
    assert one_sample_rows(s, [r"z_j = \sum_i x_i W_{ij}"]) == {"fc_one_row": True}
