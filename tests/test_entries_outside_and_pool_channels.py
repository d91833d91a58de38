"""Two false holds of the fifth red-team review (rt5), found with truth from torch:
- an entry written with numbers outside its tensor (``X_{44}`` of a 3x3 X, ``K_{33}`` of a 2x2 K)
  was read as zero, so a claim with such a term held; it names an entry that does not exist;
- average pooling with channels summed the gradient over the channels (the window's constant
  sat in every channel pair), so the rule that mixes two channels held and the true one was refuted.
Truth: torch autograd of conv2d / avg_pool2d, compared with each claim's own formula in loops."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

CONV = r"""# A 3 x 3 input and a 2 x 2 kernel

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input K=kernel O=output L=loss -->

$$ \frac{\partial L}{\partial K_{11}} = \sum_{i=1}^{2}\sum_{j=1}^{2} \frac{\partial L}{\partial O_{ij}} X_{ij} $$

$$ \frac{\partial L}{\partial K_{11}} = \sum_{i=1}^{2}\sum_{j=1}^{2} \frac{\partial L}{\partial O_{ij}} X_{ij} + \frac{\partial L}{\partial O_{11}} X_{44} $$

$$ \frac{\partial O}{\partial X_{22}} = \begin{bmatrix} K_{22} & K_{21} \\ K_{12} & K_{11} \end{bmatrix} $$

$$ \frac{\partial O}{\partial X_{33}} = \begin{bmatrix} K_{33} & K_{32} \\ K_{23} & K_{22} \end{bmatrix} $$
"""

POOL = r"""# Average pooling of two channels

<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 channels=2 index_base=0 names: x=input y=output L=loss layout: x=CHW y=CHW -->

$$ \frac{\partial L}{\partial x_{1,2,3}} = \frac{1}{4} \frac{\partial L}{\partial y_{1,1,1}} $$

$$ \frac{\partial L}{\partial x_{1,2,3}} = \frac{1}{4} \left( \frac{\partial L}{\partial y_{0,1,1}} + \frac{\partial L}{\partial y_{1,1,1}} \right) $$
"""


def test_torch_truth_for_the_two_documents():
    x = torch.randn(1, 1, 3, 3, dtype=torch.float64, requires_grad=True)
    k = torch.randn(1, 1, 2, 2, dtype=torch.float64, requires_grad=True)
    g = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    (torch.nn.functional.conv2d(x, k) * g).sum().backward()
    X, G = x.detach()[0, 0], g[0, 0]
    assert torch.isclose(k.grad[0, 0, 0, 0], sum(G[i, j] * X[i, j] for i in range(2) for j in range(2)))
    assert X.shape == (3, 3) and k.shape[-2:] == (2, 2)   # X_{44}, K_{33} (1-based) are no entries
    # ∂O/∂X_{22} (1-based): O_{ij} = Σ K_{mn} X_{i+m-1,j+n-1}, so ∂O_{ij}/∂X_{22} = K_{3-i,3-j}
    for i in range(2):
        for j in range(2):
            o = torch.nn.functional.conv2d(x, k)[0, 0, i, j]
            (gx,) = torch.autograd.grad(o, x)
            assert torch.isclose(gx[0, 0, 1, 1], k.detach()[0, 0, 1 - i, 1 - j])
    xp = torch.randn(1, 2, 4, 4, dtype=torch.float64, requires_grad=True)
    gp = torch.randn(1, 2, 2, 2, dtype=torch.float64)
    (torch.nn.functional.avg_pool2d(xp, 2, 2) * gp).sum().backward()
    assert torch.isclose(xp.grad[0, 1, 2, 3], gp[0, 1, 1, 1] / 4)
    assert not torch.isclose(xp.grad[0, 1, 2, 3], (gp[0, 0, 1, 1] + gp[0, 1, 1, 1]) / 4)


def test_an_entry_written_with_numbers_outside_its_tensor_refutes():
    claims = check_text(CONV, "md", time_limit=30).claims
    assert [c.verdict for c in claims] == ["holds", "refuted", "holds", "refuted"]
    assert "X(4, 4) does not exist" in claims[1].detail and "K(3, 3) does not exist" in claims[3].detail


def test_average_pooling_keeps_each_channel_to_itself():
    assert [c.verdict for c in check_text(POOL, "md", time_limit=30).claims] == ["holds", "refuted"]
