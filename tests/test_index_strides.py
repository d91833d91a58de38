"""A stride written as a number in the forward's indices (x_{2i+m, 2j+n}); truth from torch
autograd (conv2d with stride 2) and a plain loop over the claimed formula."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

FORWARD = r"Y_{i,j} = \sum_{m=0}^{2}\sum_{n=0}^{2} K_{m,n} X_{2i+m, 2j+n}"
CLAIMS = {   # name: (latex, the formula as a loop over 0-based arrays: (g, x, k, entry) -> value)
    "dK": (r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{2i+m, 2j+n}",
           "k", lambda g, x, k, m, n: sum(g[i, j] * x[2 * i + m, 2 * j + n] for i in range(g.shape[0]) for j in range(g.shape[1]))),
    "dK_no_stride": (r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{i+m, j+n}",
                     "k", lambda g, x, k, m, n: sum(g[i, j] * x[i + m, j + n] for i in range(g.shape[0]) for j in range(g.shape[1]))),
    "dX": (r"\frac{\partial L}{\partial X_{p,q}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} K_{p-2i, q-2j}",
           "x", lambda g, x, k, p, q: sum(g[i, j] * k[p - 2 * i, q - 2 * j] for i in range(g.shape[0]) for j in range(g.shape[1])
                                          if 0 <= p - 2 * i < 3 and 0 <= q - 2 * j < 3)),
    "dX_no_stride": (r"\frac{\partial L}{\partial X_{p,q}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} K_{p-i, q-j}",
                     "x", lambda g, x, k, p, q: sum(g[i, j] * k[p - i, q - j] for i in range(g.shape[0]) for j in range(g.shape[1])
                                                    if 0 <= p - i < 3 and 0 <= q - j < 3)),
}


def _truth(name: str) -> str:
    rng = np.random.default_rng(3)
    x = torch.tensor(rng.integers(-5, 6, (7, 7)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-5, 6, (3, 3)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], stride=2)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    _, wrt, formula = CLAIMS[name]
    want = (x if wrt == "x" else k).grad.numpy()
    got = np.array([[formula(g.numpy(), x.detach().numpy(), k.detach().numpy(), a, b)
                     for b in range(want.shape[1])] for a in range(want.shape[0])], dtype=float)
    return "holds" if np.array_equal(got, want) else "refuted"


@pytest.mark.parametrize("sizes", ["A $7 \\times 7$ input $X$ and a $3\\times 3$ kernel $K$.", ""])
def test_a_stride_written_as_a_number(sizes):
    text = f"{sizes}\n\n$$ {FORWARD} $$\n\n" + "".join(f"$$ {c[0]} $$\n\n" for c in CLAIMS.values())
    report = check_text(text, "md", time_limit=30)
    for name, (latex, _, _) in CLAIMS.items():
        got = next(c for c in report.claims if c.latex.strip() == latex)
        assert got.verdict == _truth(name), (name, got.detail)
        assert "stride 2" in got.detail


def test_a_padded_layer_is_never_read_as_an_unpadded_one():
    """padding=1 in the directive: the claims are checked for the padded layer, never as an
    unpadded one (there this one, which sums over the outputs a valid correlation has, would
    hold; torch says it is false for the padded layer)."""
    rng = np.random.default_rng(4)
    x = torch.tensor(rng.integers(-5, 6, (4, 4)).astype(float))
    k = torch.tensor(rng.integers(-5, 6, (3, 3)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], padding=1)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    xp = torch.nn.functional.pad(x, (1, 1, 1, 1))
    claimed = torch.tensor([[sum(float(g[i, j] * xp[i + m, j + n]) for i in range(1, 3) for j in range(1, 3))
                             for n in range(3)] for m in range(3)], dtype=torch.float64)
    assert not torch.equal(claimed, k.grad)                     # false for the padded layer
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=3x3 padding=1 names: X=input K=kernel Y=output L=loss -->\n\n"
            "$$ Y_{i,j} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} K_{m,n} X_{i+m-1, j+n-1} $$\n\n"
            "$$ \\frac{\\partial L}{\\partial K_{m,n}} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} "
            "\\frac{\\partial L}{\\partial Y_{i,j}} X_{i+m-1, j+n-1} $$\n")
    got = check_text(text, "md", time_limit=30).claims[-1]
    assert got.verdict == "refuted" and "padding 1,1" in got.detail, got.detail
