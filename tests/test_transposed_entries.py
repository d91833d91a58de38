r"""An entry of a transposed tensor in index notation, ``X^{T}_{p,q}`` = ``X_{q,p}`` (red team rt6: the
index reader read it as ``X_{p,q}`` and held a false kernel gradient "for all sizes").  Truth from
torch autograd and a plain loop over the transposed input."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

HEAD = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel "
        "Y=output L=loss -->\n\n$$ Y_{i,j} = \\sum_{m=0}^{1}\\sum_{n=0}^{1} K_{m,n} X_{i+m,j+n} $$\n\n"
        "$$ G_{i,j} = \\frac{\\partial L}{\\partial Y_{i,j}} $$\n\n")


def _truth(swapped: bool) -> bool:
    """Whether Σ_ij G_ij X^T_{(j+n, i+m) if swapped else (i+m, j+n)} is torch's ∂L/∂K_mn."""
    g = torch.Generator().manual_seed(7)
    x = torch.randn(4, 4, generator=g, dtype=torch.float64)
    k = torch.randn(2, 2, generator=g, dtype=torch.float64, requires_grad=True)
    gy = torch.randn(3, 3, generator=g, dtype=torch.float64)
    F.conv2d(x[None, None], k[None, None])[0, 0].backward(gy)
    xt = x.numpy().T
    claim = np.array([[sum(gy[i, j].item() * (xt[j + n, i + m] if swapped else xt[i + m, j + n])
                           for i in range(3) for j in range(3)) for n in range(2)] for m in range(2)])
    return bool(np.allclose(claim, k.grad.numpy()))


@pytest.mark.parametrize("spelling", ["{X}^{T}", "X^{T}", "(X^{T})", "X^{\\top}"])
def test_a_transposed_entry_swaps_its_indices(spelling):
    rows = {swapped: rf"$$ \frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{i}}\sum_{{j}} G_{{i,j}} "
                     rf"{spelling}_{{{'j+n,i+m' if swapped else 'i+m,j+n'}}} $$" for swapped in (True, False)}
    assert _truth(True) and not _truth(False)
    for swapped, row in rows.items():
        (claim,) = [c for c in check_text(HEAD + row + "\n", "md", time_limit=20).claims if r"\partial K_{m,n}" in c.latex]
        if swapped:
            assert claim.verdict in ("holds", "unchecked"), claim.detail
            assert "for all sizes" not in claim.detail or "not decided" in claim.detail, claim.detail
        else:
            assert claim.verdict != "holds", claim.detail
    (held,) = [c for c in check_text(HEAD + rows[True] + "\n", "md", time_limit=20).claims if r"\partial K_{m,n}" in c.latex]
    if spelling != "(X^{T})":
        assert held.verdict == "holds", held.detail
