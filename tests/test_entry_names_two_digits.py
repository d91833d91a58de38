"""Entries of a tensor with an axis of 11 or more: x_{0,0,1,10} and x_{0,0,11,0} are two entries,
never one symbol (the index reader had named both ``x_00110``, so the chain rule through one
added the other's term: a true average-pooling rule at 24x24 was refuted at (1, 10)).
Truth: torch autograd of avg_pool2d, against the claim's own formula in a plain loop."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

DOC = r"""# Average pooling, 24 x 24

<!-- symbp: layer=avgpool input=24x24 kernel=2x2 stride=2 index_base=0 names: x=input p=output L=loss -->

$$\frac{\partial L}{\partial x_{i,j}} = \frac{1}{4} \frac{\partial L}{\partial p_{\lfloor i/2 \rfloor,\lfloor j/2 \rfloor}}$$

$$\frac{\partial L}{\partial x_{i,j}} = \frac{1}{4} \frac{\partial L}{\partial p_{\lfloor j/2 \rfloor,\lfloor i/2 \rfloor}}$$
"""


def formula_holds(swap: bool) -> bool:
    x = torch.randn(1, 1, 24, 24, dtype=torch.float64, requires_grad=True)
    g = torch.randn(1, 1, 12, 12, dtype=torch.float64)
    (torch.nn.functional.avg_pool2d(x, 2, 2) * g).sum().backward()
    claimed = torch.empty(24, 24, dtype=torch.float64)
    for i in range(24):
        for j in range(24):
            claimed[i, j] = g[0, 0, j // 2, i // 2] / 4 if swap else g[0, 0, i // 2, j // 2] / 4
    return torch.allclose(x.grad[0, 0], claimed)


def test_entries_past_ten_are_distinct_symbols():
    assert formula_holds(False) and not formula_holds(True)
    verdicts = [c.verdict for c in check_text(DOC, "md", time_limit=30).claims]
    assert verdicts == ["holds", "refuted"]
