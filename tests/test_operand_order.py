"""A sliding product with the smaller operand first, ``δ * a`` on a page whose forward writes the kernel
first (``z = W * a + b``): true there (δ slid over a is the kernel's gradient), undefined in symbp's own
order (input first). Never refuted for the order alone: unchecked where the swapped reading holds, still
refuted where both orders are wrong. Truth: torch autograd against plain loops."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

DOC = r"""<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: a=input W=kernel b=bias z=output C=loss -->

$$ z = W \ast a + b $$

$$ \frac{\partial C}{\partial W} = \delta \ast a $$

$$ \frac{\partial C}{\partial W} = \delta \ast \operatorname{rot180}(a) $$
"""


def _slide(small, big):
    """Σ_{m,n} small[m,n] big[m+i, n+j]: the first operand slid over the second (plain loops)."""
    kh, kw = small.shape
    oh, ow = big.shape[0] - kh + 1, big.shape[1] - kw + 1
    return torch.tensor([[sum(small[m, n] * big[m + i, n + j] for m in range(kh) for n in range(kw))
                          for j in range(ow)] for i in range(oh)], dtype=torch.float64)


def test_small_operand_first_is_not_refuted_for_its_order_alone():
    a = torch.randn(1, 1, 4, 4, dtype=torch.float64)
    W = torch.randn(1, 1, 2, 2, dtype=torch.float64, requires_grad=True)
    g = torch.randn(1, 1, 3, 3, dtype=torch.float64)
    (torch.nn.functional.conv2d(a, W) * g).sum().backward()
    assert torch.allclose(_slide(g[0, 0], a[0, 0]), W.grad[0, 0])                 # δ slid over a: true
    assert not torch.allclose(_slide(g[0, 0], a[0, 0].flip(0, 1)), W.grad[0, 0])  # over rot180(a): false
    claims = [c for c in check_text(DOC, "md", time_limit=30).claims if c.verdict != "definition"]
    # the page's own forward, z = W * a + b, is not refuted for its order either
    assert [c.verdict for c in claims] == ["unchecked", "unchecked", "refuted"]
    assert all("which order its * means" in c.detail for c in claims[:2])
