"""A directive, then under a new heading a forward in letters the directive does not name, after prose
that gives other sizes (rt5 R4, its second case): that layer is not read at the directive's sizes (a
false 2x2 Jacobian held there and the true 3x3 one was refuted); its claims are unchecked until a
directive says its sizes. Truth: torch autograd of conv2d at the page's 4x4 / 2x2 sizes."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

HEAD = r"""# Two layers

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross names: X=input K=kernel O=output L=loss -->

$$ O_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} X_{i+m-1,j+n-1} K_{mn} $$

$$ \frac{\partial O}{\partial K_{11}} = \begin{bmatrix} X_{11} & X_{12} \\ X_{21} & X_{22} \end{bmatrix} $$

# The second layer

"""
SECOND = r"""The second layer correlates a $4\times 4$ map $U$ with a $2\times 2$ kernel $V$ (indices from 1):

$$ P_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} U_{i+m-1,j+n-1} V_{mn} $$

$$ \frac{\partial P}{\partial V_{22}} = \begin{bmatrix} U_{22} & U_{23} & U_{24} \\ U_{32} & U_{33} & U_{34} \\ U_{42} & U_{43} & U_{44} \end{bmatrix} $$

$$ \frac{\partial P}{\partial V_{22}} = \begin{bmatrix} U_{22} & U_{23} \\ U_{32} & U_{33} \end{bmatrix} $$
"""
SAME = r"""The same layer again, on its $3\times 3$ input:

$$ O_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} X_{i+m-1,j+n-1} K_{mn} $$

$$ \frac{\partial O}{\partial K_{22}} = \begin{bmatrix} X_{22} & X_{23} \\ X_{32} & X_{33} \end{bmatrix} $$
"""


def _jacobian_by_v22(size: int) -> torch.Tensor:
    u = torch.randn(1, 1, size, size, dtype=torch.float64)
    v = torch.randn(1, 1, 2, 2, dtype=torch.float64, requires_grad=True)
    out = torch.nn.functional.conv2d(u, v)[0, 0]
    rows = [[torch.autograd.grad(out[i, j], v, retain_graph=True)[0][0, 0, 1, 1] for j in range(out.shape[1])]
            for i in range(out.shape[0])]
    assert torch.allclose(torch.tensor(rows, dtype=torch.float64), u[0, 0, 1:, 1:])   # ∂P_ij/∂V_22 = U_{i+1,j+1}
    return torch.tensor(rows)


def test_a_new_layer_in_new_letters_and_sizes_is_not_read_at_the_directive_sizes():
    assert _jacobian_by_v22(4).shape == (3, 3)           # the 3x3 matrix is the true one, the 2x2 is not
    verdicts = [c.verdict for c in check_text(HEAD + SECOND, "md", time_limit=30).claims]
    assert verdicts[-2:] == ["unchecked", "unchecked"]


def test_the_directive_layer_written_again_in_its_own_letters_is_still_checked():
    assert _jacobian_by_v22(3).shape == (2, 2)
    verdicts = [c.verdict for c in check_text(HEAD + SAME, "md", time_limit=30).claims]
    assert verdicts[-1] == "holds"
