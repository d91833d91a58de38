"""A dense layer whose entries are counted from 1 only by single indices (``x_1 … x_i``,
``\\partial y_1 … \\partial y_j``), with no pair entry and no directive's ``index_base``: its claims
are read counted from 1 (round thirty-one; held-out 24's French README had its correct
``∂E/∂x_i = ∂E/∂y_1 w_{i1} + ⋯ + ∂E/∂y_j w_{ij}`` refuted, read from 0).  Where nothing shows the
counting, a claim that fails from 0 but holds from 1 is unchecked, never refuted.  Truth: torch
autograd for Y = XW + B and a plain loop for each claim read counted from 1, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.section_scan import subscript_sizes

torch.set_default_dtype(torch.float64)
N_IN, N_OUT = 3, 4

ENTRIES = (r"\frac{\partial E}{\partial Y} = [\frac{\partial E}{\partial y_1} \ \frac{\partial E}{\partial y_2} "
           r"\ \dots \ \frac{\partial E}{\partial y_j}]")


def _grads():
    """(x, W, dE/dY, dE/dx, dE/dW) of Y = XW + B, X one row."""
    torch.manual_seed(11)
    x = torch.randn(1, N_IN, requires_grad=True)
    w = torch.randn(N_IN, N_OUT, requires_grad=True)
    b = torch.randn(1, N_OUT)
    g = torch.randn(1, N_OUT)
    ((x @ w + b) * g).sum().backward()
    return x.detach()[0], w.detach(), g[0], x.grad[0], w.grad


# (display, whether it holds: the claim's entries by a plain loop, counted from 1, against autograd)
def _dx_rows(x, w, g, gx, gw):
    return all(abs(sum(g[k - 1] * w[i - 1, k - 1] for k in range(1, N_OUT + 1)) - gx[i - 1]) < 1e-9
               for i in range(1, N_IN + 1))


def _dw_swapped(x, w, g, gx, gw):      # ∂E/∂w_{ij} = ∂E/∂y_i x_j: needs i ≤ N_OUT, j ≤ N_IN
    return all(i <= N_OUT and j <= N_IN and abs(g[i - 1] * x[j - 1] - gw[i - 1, j - 1]) < 1e-9
               for i in range(1, N_IN + 1) for j in range(1, N_OUT + 1))


CLAIMS = {
    "dx_dots": (r"\frac{\partial E}{\partial x_i} = \frac{\partial E}{\partial y_1} w_{i1} + \cdots + "
                r"\frac{\partial E}{\partial y_j} w_{ij}", _dx_rows),
    "dw_swapped": (r"\frac{\partial E}{\partial w_{ij}} = \frac{\partial E}{\partial y_i} x_j", _dw_swapped),
}


def _page(claim: str, entries: bool) -> str:
    shown = f"Its gradients are rows:\n\n$${ENTRIES}$$\n\n" if entries else ""
    return ("# Fully connected layer\n\nEach output adds the weighted inputs to its bias; E is the error.\n\n"
            + shown + r"$$y_j = b_j + \sum_i x_i w_{ij}$$" + "\n\n$$Y = XW + B$$\n\nBy the chain rule\n\n$$"
            + claim + "$$\n")


@pytest.mark.parametrize("name", sorted(CLAIMS))
@pytest.mark.parametrize("entries", [True, False])
def test_a_dense_layer_counted_from_one_by_single_indices(name, entries):
    truth = CLAIMS[name][1](*_grads())
    claim = check_text(_page(CLAIMS[name][0], entries), "md").claims[-1]
    assert claim.verdict != ("refuted" if truth else "holds"), claim.detail
    if entries:                       # ∂E/∂y_1 … written: counted from 1, decided
        assert claim.verdict == ("holds" if truth else "refuted"), claim.detail


def test_the_dots_claim_is_true_from_one_and_the_swapped_one_false():
    assert _dx_rows(*_grads()) and not _dw_swapped(*_grads())


def test_single_indices_count_only_for_letters_also_indexed_by_a_letter():
    seen = subscript_sizes([r"x_1 + x_2 + x_i", r"W_1 W_2", r"\partial y_0 \dots \partial y_j", r"z_{12} z_i"])
    assert seen["vector_lows"] == {"x": 1, "y": 0}


def test_the_forwards_own_bounds_count_before_numbered_entries():
    # round 31's red team (d06): y_j = b_j + Σ_{i=0}^{2} x_i w_{ij} counts from 0, so a claim writing w_{13}
    # and ∂E/∂y_3 reaches outputs a 3-output layer does not have (and leaves out ∂E/∂y_0)
    n_out = 3
    assert 3 not in range(0, n_out)
    page = ("<!-- symbp: layer=fc in=3 out=3 -->\n# Fully connected layer\n\n$$\ny_j = b_j + \\sum_{i=0}^{2} x_i "
            "w_{ij}\n$$\n\n$$\n\\frac{\\partial E}{\\partial x_1} = w_{11} \\frac{\\partial E}{\\partial y_1} + w_{12} "
            "\\frac{\\partial E}{\\partial y_2} + w_{13} \\frac{\\partial E}{\\partial y_3}\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
