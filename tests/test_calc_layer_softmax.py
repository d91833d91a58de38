"""``a^L = \\mathrm{softmax}(z^L)`` (a layer's label on both names) defines a^L entrywise; a loss
written in script (``\\mathcal{L}``) and restated for one class (``\\mathcal{L} = -\\log a^L_c``)
leaves the rows below it unsettled, never refuted under the first definition; a claim whose right
side has an index its left side lacks (the true class c) is not read for every c.  Truth: torch."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
FORWARD = r"""
$$
a^L = \mathrm{softmax}(z^L)
$$

$$
\mathcal{L} = -\sum_{i=1}^K y_i \log(a^L_i)
$$
"""


def _jacobian_entry(i: int, j: int, claim: str) -> bool:
    """Does the claim (-a_i a_j, or a_i (1 - a_i)) equal ∂a_i/∂z_j at a random point?"""
    z = torch.randn(3, generator=torch.Generator().manual_seed(11))
    jac = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), z)
    a = torch.softmax(z, 0)
    value = -a[i] * a[j] if claim == "off" else a[i] * (1 - a[i])
    return bool(torch.isclose(jac[i, j], value))


@pytest.mark.parametrize("row, kind", [
    (r"\frac{\partial a^L_i}{\partial z^L_j} = -a^L_i a^L_j", "off"),
    (r"\frac{\partial a^L_i}{\partial z^L_i} = a^L_i(1-a^L_i)", "diag"),
])
def test_a_layer_labelled_softmax_is_read(row, kind):
    holds_everywhere = all(_jacobian_entry(i, j if kind == "off" else i, kind) for i in range(3) for j in range(3))
    got = [c for c in check_text(FORWARD + f"\n$$\n{row}\n$$\n", "md").claims if c.latex.strip() == row][0]
    assert got.verdict == ("holds" if holds_everywhere else "refuted"), got.detail


def test_rows_below_a_restated_script_loss_are_not_refuted_under_the_first():
    page = FORWARD + "\nOnly y_c = 1, so\n\n$$\n\\mathcal{L} = -\\log(a^L_c)\n$$\n\n$$\n" + \
        r"\frac{\partial \mathcal{L}}{\partial z^L_c} = a^L_c - 1" + "\n$$\n"
    got = [c for c in check_text(page, "md").claims if "a^L_c - 1" in c.latex][0]
    assert got.verdict != "refuted"


def test_an_index_only_on_the_right_is_not_every_value():
    page = FORWARD + "\n$$\n" + r"\frac{\partial \mathcal{L}}{\partial z^L_j} = \frac{\partial}{\partial z^L_j}(-\log a^L_c)" + "\n$$\n"
    got = [c for c in check_text(page, "md").claims if "\\log a^L_c" in c.latex][0]
    assert got.verdict != "refuted"
