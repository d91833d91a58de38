r"""A dense layer's forward written both ways, ``Y = XW + B`` and ``y_{ij} = \sum_\alpha x_{i\alpha} w_{\alpha j} + b_j``
(rustdl's Typst notes, found by t21t): the index forward is a matrix product, never a convolution whose
two factors are both inputs (that reading made w an entry of X and refuted the correct ∂y_{ij}/∂w_{pq}).
Truth from torch autograd."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

HEAD = "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows names: X=input W=kernel b=bias Y=output -->\n\n"
FORWARD = r"$$ y_{ij} = \sum_{\alpha} x_{i\alpha} w_{\alpha j} + b_j $$" + "\n\n"


def _entry_jacobian_is_x():
    """∂y_{ij}/∂w_{pq} = x_{ip} [j = q] for y = xW + b (torch's Jacobian)."""
    x, w, b = torch.randn(2, 3, dtype=torch.float64), torch.randn(3, 2, dtype=torch.float64), torch.randn(2, dtype=torch.float64)
    jac = torch.autograd.functional.jacobian(lambda w_: x @ w_ + b, w)          # [i, j, p, q]
    want = torch.zeros_like(jac)
    for i in range(2):
        for j in range(2):
            want[i, j, :, j] = x[i, :]
    return torch.allclose(jac, want)


def test_an_index_product_after_the_matrix_forward_is_read_as_the_dense_layer():
    assert _entry_jacobian_is_x()
    claims = {r"$$ \frac{\partial y_{ij}}{\partial w_{pq}} = \begin{cases} x_{ip} & \text{if } j = q \\ 0 & \text{otherwise}\end{cases} $$": "holds",
              r"$$ \frac{\partial y_{ij}}{\partial w_{pq}} = \begin{cases} x_{iq} & \text{if } j = p \\ 0 & \text{otherwise}\end{cases} $$": "refuted"}
    for written in ("$$ Y = XW + B $$\n\n", ""):
        for claim, truth in claims.items():
            got = check_text(HEAD + written + FORWARD + claim + "\n", "md", time_limit=20).claims
            assert [c.verdict for c in got if r"\partial w_{pq}" in c.latex] == [truth], [(c.verdict, c.detail) for c in got]
            assert all(c.verdict != "refuted" for c in got if r"\partial" not in c.latex), [(c.verdict, c.detail) for c in got]
