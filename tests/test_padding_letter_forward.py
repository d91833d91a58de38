"""A forward whose input index carries a padding letter (``X_{i+m-p, j+n-p}``, "zero padding p")
never settles padding 0: each claim is checked at paddings 0, 1 and 2 and holds only where it
holds at each; a claim right at one padding only is unchecked, never "holds" (a red-team case:
``∂L/∂K_{mn} = Σ ∂L/∂Y_{ij} X_{i+m,j+n}`` held "for all sizes (padding 0)").
Truth: torch autograd of conv2d / conv1d(padding=p) against plain loops over each claimed form."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

H, K = 4, 2


def _grads2(pad: int):
    rng = np.random.default_rng(pad)
    x = torch.tensor(rng.integers(-5, 6, (H, H)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-5, 6, (K, K)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], padding=pad)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


def _at(a, *ix):
    return a[ix] if all(0 <= i < n for i, n in zip(ix, a.shape)) else 0


# (forward, [(claim, gradient, loop(g, x, k, pad, a, b))]) in several authors' letters
FORWARDS_2D = [
    (r"Y_{ij} = \sum_{m=0}^{k-1}\sum_{n=0}^{k-1} K_{mn} X_{i+m-p,j+n-p}", "p", [
        (r"\frac{\partial L}{\partial K_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m-p,j+n-p}", "k",
         lambda g, x, k, p, m, n: sum(g[i, j] * _at(x, i + m - p, j + n - p) for i in range(g.shape[0]) for j in range(g.shape[1]))),
        (r"\frac{\partial L}{\partial K_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m,j+n}", "k",
         lambda g, x, k, p, m, n: sum(g[i, j] * _at(x, i + m, j + n) for i in range(g.shape[0]) for j in range(g.shape[1]))),
        (r"\frac{\partial L}{\partial X_{ij}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{i-m+1,j-n+1}} K_{mn}", "x",
         lambda g, x, k, p, i, j: sum(_at(g, i - m + 1, j - n + 1) * k[m, n] for m in range(K) for n in range(K))),
        (r"\frac{\partial L}{\partial X_{ij}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{i-m,j-n}} K_{mn}", "x",
         lambda g, x, k, p, i, j: sum(_at(g, i - m, j - n) * k[m, n] for m in range(K) for n in range(K))),
    ]),
    (r"O_{x,y} = \sum_{a}\sum_{b} W_{a,b} \, I_{x+a-P,\, y+b-P}", "P", [
        (r"\frac{\partial E}{\partial W_{a,b}} = \sum_{x}\sum_{y} \frac{\partial E}{\partial O_{x,y}} I_{x+a,y+b}", "k",
         lambda g, x, k, p, a, b: sum(g[i, j] * _at(x, i + a, j + b) for i in range(g.shape[0]) for j in range(g.shape[1]))),
        (r"\frac{\partial E}{\partial W_{a,b}} = \sum_{x}\sum_{y} \frac{\partial E}{\partial O_{x,y}} I_{x+a-P,y+b-P}", "k",
         lambda g, x, k, p, a, b: sum(g[i, j] * _at(x, i + a - p, j + b - p) for i in range(g.shape[0]) for j in range(g.shape[1]))),
    ]),
]


def _verdicts(doc: str):
    return [c for c in check_text(doc, "md", time_limit=60).claims if c.verdict != "definition"]


@pytest.mark.parametrize("case", range(len(FORWARDS_2D)))
def test_padding_letter_claims_follow_torch_at_each_padding(case):
    forward, letter, claims = FORWARDS_2D[case]
    doc = (f"A convolution with zero padding {letter} and stride 1.\n\n$${forward}$$\n\n"
           + "\n\n".join(f"$${c}$$" for c, _, _ in claims) + "\n")
    got = _verdicts(doc)
    assert len(got) == len(claims), [(c.verdict, c.detail) for c in got]
    for (latex, wrt, loop), claim in zip(claims, got):
        right = []
        for pad in (0, 1, 2):
            x, k, g, dx, dk = _grads2(pad)
            want = dx if wrt == "x" else dk
            mine = np.array([[loop(g, x, k, pad, a, b) for b in range(want.shape[1])] for a in range(want.shape[0])], float)
            right.append(np.array_equal(mine, want))
        if all(right):
            assert claim.verdict in ("holds", "unchecked"), (latex, claim.verdict, claim.detail)
        else:                                            # wrong at some padding: never holds
            assert claim.verdict != "holds", (latex, right, claim.detail)
            if any(right):                               # right at the author's padding maybe: not refuted
                assert claim.verdict == "unchecked", (latex, right, claim.detail)
    assert any(c.verdict == "holds" for c in got)        # the right forms are still proved


def test_padding_letter_1d_and_given_padding():
    """A 1-D forward ``y_i = Σ_k w_k x_{i+k-p}``: the claim without p is not held; with a directive
    padding=1 the letter is 1 and the claim in p holds while the one without p is refuted."""
    fwd = r"y_i = \sum_{k} w_k x_{i+k-p}"
    no_p = r"\frac{\partial L}{\partial w_k} = \sum_{i} \frac{\partial L}{\partial y_i} x_{i+k}"
    with_p = r"\frac{\partial L}{\partial w_k} = \sum_{i} \frac{\partial L}{\partial y_i} x_{i+k-p}"
    for pad in (1, 2):                                   # torch: the form without p is wrong at padding 1, 2
        x = torch.arange(1.0, 6.0, requires_grad=True)
        w = torch.tensor([2.0, -1.0, 3.0], requires_grad=True)
        y = torch.nn.functional.conv1d(x[None, None], w[None, None], padding=pad)[0, 0]
        g = torch.arange(1.0, 1.0 + y.numel())
        (y * g).sum().backward()
        loop = [sum(g[i] * (x.detach()[i + k] if i + k < 5 else 0) for i in range(y.numel())) for k in range(3)]
        assert not torch.allclose(w.grad, torch.tensor([float(v) for v in loop]))
    got = _verdicts(f"Zero padding p.\n\n$${fwd}$$\n\n$${no_p}$$\n\n$${with_p}$$\n")
    assert got[0].verdict != "holds", got[0].detail
    given = _verdicts(f"<!-- symbp: layer=conv1d padding=1 input=5 kernel=3 -->\n\n$${fwd}$$\n\n$${no_p}$$\n\n$${with_p}$$\n")
    assert given[0].verdict == "refuted", given[0].detail
    assert given[1].verdict == "holds", given[1].detail
