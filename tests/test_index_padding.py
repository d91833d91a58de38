"""Zero padding in index notation (symbp.check.doc_padding): the directive's, the prose's, with
stride 1 and 2. Truth: torch autograd of conv2d(padding=p, stride=s) against plain loops over
each claimed formula."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

H, K = 5, 3


def _grads(stride: int, pad: int):
    rng = np.random.default_rng(stride * 10 + pad)
    x = torch.tensor(rng.integers(-5, 6, (H, H)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-5, 6, (K, K)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], stride=stride, padding=pad)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


def _claims(s: int, c: int):
    """name: (LaTeX, which gradient, loop) for a forward X_{s i + m + c} (c = -padding)."""
    idx = lambda v, w: f"{s}{v}+{w}{c:+d}" if s > 1 else f"{v}+{w}{c:+d}"        # noqa: E731
    back = lambda v, w, d: f"{v}-{s}{w}{-c + d:+d}" if s > 1 else f"{v}-{w}{-c + d:+d}"   # noqa: E731

    def x_at(x, a, b):
        return x[a, b] if 0 <= a < H and 0 <= b < H else 0

    def k_at(k, a, b):
        return k[a, b] if 0 <= a < K and 0 <= b < K else 0
    return {
        "dK": (rf"\frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial L}}{{\partial Y_{{i,j}}}} X_{{{idx('i', 'm')}, {idx('j', 'n')}}}",
               "k", lambda g, x, k, m, n: sum(g[i, j] * x_at(x, s * i + m + c, s * j + n + c)
                                              for i in range(g.shape[0]) for j in range(g.shape[1]))),
        "dK_nopad": (rf"\frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial L}}{{\partial Y_{{i,j}}}} X_{{{idx('i', 'm').replace(f'{c:+d}', '')}, {idx('j', 'n').replace(f'{c:+d}', '')}}}",
                     "k", lambda g, x, k, m, n: sum(g[i, j] * x_at(x, s * i + m, s * j + n)
                                                    for i in range(g.shape[0]) for j in range(g.shape[1]))),
        "dX": (rf"\frac{{\partial L}}{{\partial X_{{p,q}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial L}}{{\partial Y_{{i,j}}}} K_{{{back('p', 'i', 0)}, {back('q', 'j', 0)}}}",
               "x", lambda g, x, k, p, q: sum(g[i, j] * k_at(k, p - s * i - c, q - s * j - c)
                                              for i in range(g.shape[0]) for j in range(g.shape[1]))),
        "dX_off": (rf"\frac{{\partial L}}{{\partial X_{{p,q}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial L}}{{\partial Y_{{i,j}}}} K_{{{back('p', 'i', 1)}, {back('q', 'j', 1)}}}",
                   "x", lambda g, x, k, p, q: sum(g[i, j] * k_at(k, p - s * i - c + 1, q - s * j - c + 1)
                                                  for i in range(g.shape[0]) for j in range(g.shape[1]))),
    }


@pytest.mark.parametrize("stride,pad,where", [(1, 1, "directive"), (1, 1, "prose"), (2, 1, "prose"),
                                              (1, 2, "directive")])
def test_padded_claims_against_torch(stride, pad, where):
    x, k, g, dx, dk = _grads(stride, pad)
    claims = _claims(stride, -pad)
    forward = rf"Y_{{i,j}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} K_{{m,n}} X_{{{claims['dK'][0].split('X_{')[1][:-1]}}}"
    head = (f"<!-- symbp: layer=conv2d input={H}x{H} kernel={K}x{K} stride={stride} padding={pad} "
            f"names: X=input K=kernel Y=output L=loss -->\n\n" if where == "directive" else
            f"A ${H} \\times {H}$ input $X$, a ${K}\\times {K}$ kernel $K$, stride {stride} and zero "
            f"padding of {pad}.\n\n")
    text = head + f"$$ {forward} $$\n\n" + "".join(f"$$ {c[0]} $$\n\n" for c in claims.values())
    report = check_text(text, "md", time_limit=30)
    truths = []
    for name, (latex, wrt, loop) in claims.items():
        want = dx if wrt == "x" else dk
        got_arr = np.array([[loop(g, x, k, a, b) for b in range(want.shape[1])] for a in range(want.shape[0])], dtype=float)
        truth = "holds" if np.array_equal(got_arr, want) else "refuted"
        truths.append(truth)
        got = next(c for c in report.claims if c.latex.strip() == latex)
        assert got.verdict == truth, (name, truth, got.detail)
        assert f"padding {pad},{pad}" in got.detail
    assert sorted(set(truths)) == ["holds", "refuted"]          # both kinds are exercised


def test_a_layer_inferred_from_entries_takes_the_prose_stride_and_its_padding():
    """No directive: a 4x4 input a_{11}..a_{44}, a 3x3 kernel w_{11}..w_{33}, a 2x2 output
    z_{11}..z_{22} fit stride 1 without padding and stride 2 with padding 1. The prose says
    'a stride of 2': the layer is the padded one (torch), never the guess without padding
    (which refuted the author's correct entries)."""
    x = torch.arange(1., 17.).reshape(4, 4).requires_grad_()
    w = torch.arange(1., 10.).reshape(3, 3)
    z = torch.nn.functional.conv2d(x[None, None], w[None, None], stride=2, padding=1)[0, 0]
    g = torch.tensor([[1., 2.], [3., 4.]])
    (z * g).sum().backward()
    # dL/da_{11} = dL/dz_{11} w_{22} (1-based): torch agrees; the unpadded guess says w_{11}
    assert x.grad[0, 0] == g[0, 0] * w[1, 1] and x.grad[0, 0] != g[0, 0] * w[0, 0]
    text = ("The 4x4 input is zero-padded and convolved with a stride of 2 with the kernel.\n\n"
            "$$ z_{11} = w_{22} a_{11} + w_{23} a_{12} + w_{32} a_{21} + w_{33} a_{22} $$\n\n"
            "$$ z_{22} = " + " + ".join(f"w_{{{m}{n}}} a_{{{m + 1}{n + 1}}}" for m in (1, 2, 3) for n in (1, 2, 3)) + " $$\n\n"
            "$$ \\frac{\\partial L}{\\partial a_{11}} = \\frac{\\partial L}{\\partial z_{11}} w_{22} $$\n\n"
            "$$ \\frac{\\partial L}{\\partial a_{44}} = \\frac{\\partial L}{\\partial z_{22}} w_{33} $$\n")
    claims = check_text(text, "md", time_limit=30).claims
    first = next(c for c in claims if "a_{11}} =" in c.latex)
    assert first.verdict == "holds", first.detail
    assert x.grad[3, 3] == g[1, 1] * w[2, 2]                       # dL/da_{44} = dL/dz_{22} w_{33}
    last = next(c for c in claims if "a_{44}} =" in c.latex)
    assert last.verdict == "holds", last.detail
