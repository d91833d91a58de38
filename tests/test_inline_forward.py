"""Round thirty-five: a forward stated only inline, in a sentence that writes one-letter math first.

``The input $X$ is $H \\times W$, …; the output is $O_{ij} = \\sum … $``: the inline reader paired the
page's dollars from the wrong one (``$X$`` was too short to count, so `` is `` became "math") and never
saw the forward, so no claim of the page was read.  Dollars now pair from the left.  A forward the
prose states below some claims (a later strided example) is taken only by the claims past it, and
only where the section has no forward yet: it never overrides the claims above it.  A chained forward
whose first side is the operator, ``(X \\ast K)_{ij} = Y_{ij} = Σ …``, is Y's forward.

Truth: torch autograd (``conv2d`` is cross-correlation), never symbp.
"""
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _grads(stride=1):
    torch.manual_seed(5)
    x, k = torch.randn(1, 1, 5, 5, requires_grad=True), torch.randn(1, 1, 2, 2, requires_grad=True)
    o = F.conv2d(x, k, stride=stride)
    g = torch.randn_like(o)
    (o * g).sum().backward()
    return x.detach()[0, 0], k.detach()[0, 0], g[0, 0], x.grad[0, 0], k.grad[0, 0]


def test_the_claims_below_an_inline_forward_are_read():
    x, k, g, dx, dk = _grads()
    rows, cols = g.shape
    dk_loop = torch.tensor([[sum(g[i, j] * x[i + m, j + n] for i in range(rows) for j in range(cols))
                             for n in range(2)] for m in range(2)])
    assert torch.allclose(dk, dk_loop)
    dx_shifted = torch.zeros(5, 5)           # Σ_mn ∂L/∂O_{p-m,q-n} F_mn: true
    dx_wrong = torch.zeros(5, 5)             # Σ_mn ∂L/∂O_{p+m,q+n} F_mn: false
    for p in range(5):
        for q in range(5):
            for m in range(2):
                for n in range(2):
                    if 0 <= p - m < rows and 0 <= q - n < cols:
                        dx_shifted[p, q] += g[p - m, q - n] * k[m, n]
                    if 0 <= p + m < rows and 0 <= q + n < cols:
                        dx_wrong[p, q] += g[p + m, q + n] * k[m, n]
    assert torch.allclose(dx, dx_shifted) and not torch.allclose(dx, dx_wrong)
    page = ("The input $X$ is $H \\times W$, the filter $F$ is $k \\times k$, stride 1, no padding; the output is "
            "$O_{ij} = \\sum_{m}\\sum_{n} X_{i+m, j+n} F_{mn}$.\n\n"
            "$$\\frac{\\partial L}{\\partial F_{mn}} = \\sum_{i}\\sum_{j} \\frac{\\partial L}{\\partial O_{ij}} X_{i+m, j+n}$$\n\n"
            "$$\\frac{\\partial L}{\\partial X_{pq}} = \\sum_{m}\\sum_{n} \\frac{\\partial L}{\\partial O_{p-m, q-n}} F_{mn}$$\n\n"
            "$$\\frac{\\partial L}{\\partial X_{pq}} = \\sum_{m}\\sum_{n} \\frac{\\partial L}{\\partial O_{p+m, q+n}} F_{mn}$$\n")
    assert [c.verdict for c in check_text(page, "md").claims] == ["holds", "holds", "refuted"]


def test_a_strided_forward_stated_below_does_not_rule_the_claims_above():
    x, k, g, dx, dk = _grads(stride=1)
    rows, cols = g.shape
    dk_loop = torch.tensor([[sum(g[i, j] * x[i + m, j + n] for i in range(rows) for j in range(cols))
                             for n in range(2)] for m in range(2)])
    assert torch.allclose(dk, dk_loop)                    # the claim above, at the display's stride 1
    page = ("$$(X \\ast K)_{ij} = Y_{ij} = \\sum_{u,v} X_{i + u, j + v} K_{uv} + b$$\n\n"
            "$$\\frac{\\partial Y_{ij}}{\\partial K_{mn}} = X_{i + m, j + n}$$\n\n"
            "$$\\frac{\\partial L}{\\partial K_{mn}} = \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{ij}} X_{i + m, j + n}$$\n\n"
            "With a stride $S$ the layer is $Y_{ij} = \\sum_{u,v} X_{i \\cdot S + u, j \\cdot S + v} K_{uv} + b$, "
            "which the next part treats.\n")
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert verdicts[0] == "definition" and "refuted" not in verdicts, verdicts     # stride 1 or unsettled, never 2


def test_a_chained_forward_with_the_operator_first():
    """``(X \\ast K)_{ij} = Y_{ij} = Σ …`` read whole put the output Y where an input sits and refuted true
    claims; the operator's side is dropped and Y's forward read."""
    x, k, g, dx, dk = _grads()
    rows, cols = g.shape
    dk_loop = torch.tensor([[sum(g[i, j] * x[i + m, j + n] for i in range(rows) for j in range(cols))
                             for n in range(2)] for m in range(2)])
    assert torch.allclose(dk, dk_loop)
    page = ("$$(X \\ast K)_{ij} = Y_{ij} = \\sum_{u,v} X_{i + u, j + v} K_{uv} + b$$\n\n"
            "$$\\frac{\\partial Y_{ij}}{\\partial K_{mn}} = X_{i + m, j + n}$$\n\n"
            "$$\\frac{\\partial L}{\\partial K_{mn}} = \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{ij}} X_{i + m, j + n}$$\n\n"
            "$$\\frac{\\partial L}{\\partial K_{mn}} = \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{ij}} X_{i - m, j - n}$$\n")
    assert [c.verdict for c in check_text(page, "md").claims] == ["definition", "holds", "holds", "refuted"]
