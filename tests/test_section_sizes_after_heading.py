"""Sizes and layer of a section after a heading (fifth red-team review, rt5 R3, R4, R7):
- a chapter whose prose gives its letters new sizes ("Here $A$ is $5\\times 5$") is read at those
  sizes, not at the first chapter's (the first example's matrix held under the second);
- a forward below a heading that contradicts the directive in force (max pooling under
  ``layer=avgpool``) leaves the claims below it unchecked, never read under the directive's layer;
- sizes guessed from 1-based entries make every written entry exist, the output's too (``Z_{22}``
  means a 2x2 output, so a 3x3 input under a 2x2 kernel).
Truth: torch autograd of conv2d / max_pool2d, compared with each claim's own formula."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

TWO_CASES = r"""# Gradients of a small correlation

## First case

Here $A$ is $3\times 3$ and $B$ is $2\times 2$, indices from 1.

$$ P_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} A_{i+m-1,j+n-1} B_{mn} $$

$$ \frac{\partial P}{\partial B_{12}} = \begin{bmatrix} A_{12} & A_{13} \\ A_{22} & A_{23} \end{bmatrix} $$

## Second case

Here $A$ is $5\times 5$ and $B$ is $3\times 3$.

$$ \frac{\partial P}{\partial B_{11}} = \begin{bmatrix} A_{11} & A_{12} & A_{13} \\ A_{21} & A_{22} & A_{23} \\ A_{31} & A_{32} & A_{33} \end{bmatrix} $$

$$ \frac{\partial P}{\partial B_{11}} = \begin{bmatrix} A_{11} & A_{12} \\ A_{21} & A_{22} \end{bmatrix} $$
"""

AVG_THEN_MAX = r"""# Pooling

<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: a=input b=output L=loss -->

$$ \frac{\partial L}{\partial a_{m,n}} = \frac{1}{4} \frac{\partial L}{\partial b_{\lfloor m/2 \rfloor,\lfloor n/2 \rfloor}} $$

## The same map, max-pooled

Let $t$ be the $2\times 2$ max pooling (stride 2) of a $4\times 4$ map $s$:

$$ t_{i,j} = \max_{u,v} s_{2i+u,2j+v} $$

$$ \frac{\partial L}{\partial s_{m,n}} = \frac{1}{4} \frac{\partial L}{\partial t_{\lfloor m/2 \rfloor,\lfloor n/2 \rfloor}} $$

$$ \frac{\partial L}{\partial s_{m,n}} = \begin{cases} \frac{\partial L}{\partial t_{i,j}} & \text{if } s_{m,n} \text{ is the maximum of its window} \\ 0 & \text{otherwise} \end{cases} $$

$$ \frac{\partial L}{\partial s_{m,n}} = \frac{\partial L}{\partial t_{\lfloor m/2 \rfloor,\lfloor n/2 \rfloor}} $$
"""

ENTRIES = r"""# A correlation by hand

$$ Z_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} A_{i+m-1,j+n-1} V_{mn} $$

$$ \frac{\partial L}{\partial V_{12}} = \sum_{i=1}^{2}\sum_{j=1}^{2} \frac{\partial L}{\partial Z_{ij}} A_{i,j+1} $$

$$ \frac{\partial L}{\partial A_{22}} = \frac{\partial L}{\partial Z_{11}} V_{22} + \frac{\partial L}{\partial Z_{12}} V_{21} + \frac{\partial L}{\partial Z_{21}} V_{12} + \frac{\partial L}{\partial Z_{22}} V_{11} $$

$$ \frac{\partial L}{\partial A_{22}} = \frac{\partial L}{\partial Z_{11}} V_{22} + \frac{\partial L}{\partial Z_{12}} V_{21} + \frac{\partial L}{\partial Z_{21}} V_{12} $$
"""

MAP_WITH_KERNEL = r"""# One layer

The layer correlates a $4\times 4$ map $G$ with a $3\times 3$ kernel $H$ (indices from 1):

$$ Q_{ij} = \sum_{m=1}^{3}\sum_{n=1}^{3} G_{i+m-1,j+n-1} H_{mn} $$

$$ \frac{\partial Q}{\partial H_{22}} = \begin{bmatrix} G_{22} & G_{23} \\ G_{32} & G_{33} \end{bmatrix} $$
"""


def _conv(h, k):
    a = torch.randn(1, 1, h, h, dtype=torch.float64, requires_grad=True)
    b = torch.randn(1, 1, k, k, dtype=torch.float64, requires_grad=True)
    return a, b, torch.nn.functional.conv2d(a, b)


def test_torch_truth_for_the_three_documents():
    a, b, c = _conv(5, 3)            # second case: ∂C_{ij}/∂B_{11} = A_{ij}, C is 3x3
    assert c.shape[-2:] == (3, 3)
    for i in range(3):
        for j in range(3):
            (gb,) = torch.autograd.grad(c[0, 0, i, j], b, retain_graph=True)
            assert torch.isclose(gb[0, 0, 0, 0], a.detach()[0, 0, i, j])
    a, b, c = _conv(3, 2)            # first case: ∂C_{ij}/∂B_{12} = A_{i,j+1}
    for i in range(2):
        for j in range(2):
            (gb,) = torch.autograd.grad(c[0, 0, i, j], b, retain_graph=True)
            assert torch.isclose(gb[0, 0, 0, 1], a.detach()[0, 0, i, j + 1])
    s = torch.randn(1, 1, 4, 4, dtype=torch.float64, requires_grad=True)
    g = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    (torch.nn.functional.max_pool2d(s, 2, 2) * g).sum().backward()
    assert not torch.isclose(s.grad[0, 0, 0, 0] + s.grad[0, 0, 0, 1], g[0, 0, 0, 0] / 2)   # not ¼ each
    assert (s.grad[0, 0] == 0).sum() == 12      # not ∂L/∂t of its window at every entry: 0 off the maxima
    g4, h3, q = _conv(4, 3)          # MAP_WITH_KERNEL: ∂Q_{ij}/∂H_{22} = G_{i+1,j+1}, Q is 2x2
    for i in range(2):
        for j in range(2):
            (gh,) = torch.autograd.grad(q[0, 0, i, j], h3, retain_graph=True)
            assert torch.isclose(gh[0, 0, 1, 1], g4.detach()[0, 0, i + 1, j + 1])
    a, v, z = _conv(3, 2)            # ENTRIES: Z is 2x2 (Z_{22} written), so A is 3x3
    gz = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    (z * gz).sum().backward()
    A, V, G = a.detach()[0, 0], v.detach()[0, 0], gz[0, 0]
    assert torch.isclose(v.grad[0, 0, 0, 1], sum(G[i, j] * A[i, j + 1] for i in range(2) for j in range(2)))
    four = G[0, 0] * V[1, 1] + G[0, 1] * V[1, 0] + G[1, 0] * V[0, 1] + G[1, 1] * V[0, 0]
    assert torch.isclose(a.grad[0, 0, 1, 1], four)
    assert not torch.isclose(a.grad[0, 0, 1, 1], four - G[1, 1] * V[0, 0])


def test_a_chapter_that_restates_sizes_is_read_at_them():
    claims = check_text(TWO_CASES, "md", time_limit=30).claims
    verdicts = {c.line: c.verdict for c in claims}
    assert verdicts[9] == "holds" and verdicts[15] == "holds"
    assert verdicts[17] == "refuted"


def test_a_forward_against_the_directive_leaves_its_claims_unchecked():
    claims = check_text(AVG_THEN_MAX, "md", time_limit=30).claims
    assert claims[0].verdict == "holds"
    assert [c.verdict for c in claims[1:]] == ["unchecked"] * 4      # the last one held under avgpool
    assert "max pooling" in claims[2].detail and "layer=avgpool" in claims[2].detail


def test_entry_sizes_make_the_outputs_written_entries_exist():
    claims = check_text(ENTRIES, "md", time_limit=30).claims
    assert [c.verdict for c in claims[1:]] == ["holds", "holds", "refuted"]
    assert "3x3 input" in claims[1].detail


def test_a_size_before_a_noun_and_a_name_is_that_names():
    """"a 4x4 map G with a 3x3 kernel H": 3x3 is H's size, not G's (G read as 3x3 made Q 1x1)."""
    claims = check_text(MAP_WITH_KERNEL, "md", time_limit=30).claims
    assert claims[-1].verdict == "holds" and "4x4 input, 3x3 kernel" in claims[-1].detail
