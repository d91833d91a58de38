"""Independent truth for the two pooling documents (torch autograd and plain loops, not symbp).

``python tests/docs/real/truth_pooling.py`` writes their ``*.truth.json`` sidecars (same
format as truth.py's).  They were transcribed and their truth established before they were
scored; each claim is evaluated literally as written."""
from __future__ import annotations

import pathlib
import sys

import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(11)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


# ------------------------------------------------------------ Cross Validated 565032
def stackexchange():
    """3x3 A, 2x2 windows moved by one (overlapping), P their means; J = Σ c ⊙ P."""
    a = torch.randn(3, 3, generator=GEN, requires_grad=True)
    p = F.avg_pool2d(a[None, None], 2, 1)[0, 0]
    c = torch.randn(2, 2, generator=GEN)
    (c * p).sum().backward()
    dp = c                                   # dJ/dp (1-based p_{ij} is dp[i-1, j-1])
    g = a.grad
    return {"s_a11": verdict(torch.isclose(g[0, 0], dp[0, 0] / 4)),
            "s_a12": verdict(torch.isclose(g[0, 1], dp[0, 0] / 4)),
            "s_a13": verdict(torch.isclose(g[0, 2], dp[0, 1] / 4))}


# ------------------------------------------------------------ Apple MPS average pooling gradient
def apple():
    """out(x) = Σ_{dx ∈ Window(x)} in(s x + dx) / N(x), 1-D, window 3, stride 2: the
    Jacobian d out(x)/d in(y) by autograd against Σ_dx δ_{s x + dx, y} / N(x) by loops."""
    n, k, s = 9, 3, 2
    x_in = torch.randn(n, generator=GEN)
    jac = torch.autograd.functional.jacobian(lambda v: F.avg_pool1d(v[None, None], k, s)[0, 0], x_in)
    ok = all(abs(float(jac[x, y]) - sum(1 for dx in range(k) if s * x + dx == y) / k) < 1e-12
             for x in range(jac.shape[0]) for y in range(n))
    return {"a_jac": verdict(ok)}


CLAIMS = {
    "stackexchange_avgpool_overlap.md": (stackexchange, [
        ("s_a11", "{\\mathrm{d}a_{11}} = \\frac{1}{4}", "corner entry: in one window"),
        ("s_a12", "{\\mathrm{d}a_{12}} = \\frac{1}{4}", "a_{12} lies in two overlapping windows"),
        ("s_a13", "{\\mathrm{d}a_{13}} = \\frac{1}{4}", "corner entry: in one window"),
    ], "<!-- symbp: layer=avgpool input=3x3 kernel=2 stride=1 index_base=1 names: a=input p=output J=loss -->",
        "The pooled matrix",
        [("A^{[l]} = \\begin{bmatrix}", "forward definition as an explicit matrix")]),
    "apple_mps_avgpool_grad.md": (apple, [
        ("a_jac", "\\delta_{s x + dx, y} / N(x)", "Jacobian entry with a Kronecker delta"),
    ], "<!-- symbp: layer=avgpool input=1x9 kernel=1x3 stride=1,2 names: in=input out=output -->",
        "The forward pass averages",
        [("\\mathrm{out}(x) = \\sum", "forward definition")]),
}


def main(where=HERE):
    write_sidecars(CLAIMS, lambda doc: where)


if __name__ == "__main__":
    main()
