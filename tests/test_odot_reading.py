"""``σ'(z) ⊙ W^T δ`` without parentheses: the index reader takes the reading whose shapes fit,
``σ'(z) ⊙ (W^T δ)`` (Nielsen's BP2 written with the activation factor first), never a guess.

Truth from torch autograd on a two-layer network (δ^l = ∂C/∂z^l through the layer above)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DOC = r"""# Nielsen's forward, the activation factor written first

$$z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j$$

$$a^l_j = \sigma(z^l_j)$$

$$\delta^l_j = \frac{\partial C}{\partial z^l_j}$$

$$\delta^l = CLAIM$$
"""


def _truth(transposed: bool) -> str:
    """Whether δ^l = σ'(z^l) ⊙ (W^{l+1})^T δ^{l+1} (or without the transpose) for a sigmoid
    network 4 → 3 → 2 with a non-constant loss (torch autograd)."""
    rng = np.random.default_rng(11)
    w1, w2 = torch.tensor(rng.standard_normal((3, 4))), torch.tensor(rng.standard_normal((2, 3)))
    a0, g = torch.tensor(rng.standard_normal(4)), torch.tensor(rng.standard_normal(2))
    z1 = (w1 @ a0).requires_grad_(True)
    z2 = w2 @ torch.sigmoid(z1)
    z2.retain_grad()
    ((z2 * g).sum() + (z2 ** 3).sum() / 3).backward()
    s = torch.sigmoid(z1.detach())
    try:
        back = (w2.T if transposed else w2) @ z2.grad
    except RuntimeError:                      # W^{l+1} δ^{l+1}: a (2x3)(2,) product, undefined
        return "refuted"
    return "holds" if torch.allclose(z1.grad, s * (1 - s) * back) else "refuted"


@pytest.mark.parametrize("claim, transposed", [
    (r"\sigma'(z^l) \odot (w^{l+1})^T \delta^{l+1}", True),
    (r"\sigma'(z^l) \odot ((w^{l+1})^T \delta^{l+1})", True),
    (r"(w^{l+1})^T \delta^{l+1} \odot \sigma'(z^l)", True),
    (r"\sigma'(z^l) \odot w^{l+1} \delta^{l+1}", False),
])
def test_the_product_after_odot_is_read_where_its_shapes_fit(claim, transposed):
    (*_, got) = check_text(DOC.replace("CLAIM", claim), "md").claims
    assert got.verdict == _truth(transposed), got.detail
