r"""A scalar network whose layers are numbered by subscripts, ``z_1 = w_1 x + b_1``, ``z_2 = w_2 h + b_2``
(held-out 12's Russian notebook): under a one-unit dense directive, ``w_2`` is the second layer's own
scalar, never an out-of-range entry of the 1x1 weight, so a true chain-rule row is not refuted.
Truth from torch autograd."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

TEXT = ("<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output -->\n\n"
        "$$ z_1 = w_1 \\cdot x + b_1 $$\n\n$$ h = \\sigma_h(z_1) $$\n\n$$ z_2 = w_2 \\cdot h + b_2 $$\n\n"
        "$$ \\frac{\\partial z_2}{\\partial w_2} = h $$\n\n$$ \\frac{\\partial z_2}{\\partial w_2} = w_2 $$\n")


def test_a_numbered_scalar_is_not_an_entry_outside_a_one_entry_tensor():
    w2 = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    h = torch.tensor(0.6, dtype=torch.float64)
    (w2 * h + 0.1).backward()
    assert float(w2.grad) == float(h) != float(w2)           # ∂z_2/∂w_2 = h, not w_2
    got = {c.latex.strip(): c for c in check_text(TEXT, "md", time_limit=20).claims}
    true_row = got[r"\frac{\partial z_2}{\partial w_2} = h"]
    false_row = got[r"\frac{\partial z_2}{\partial w_2} = w_2"]
    assert true_row.verdict != "refuted", true_row.detail
    assert false_row.verdict != "holds", false_row.detail
