"""A convolution forward below a new heading starts that heading's layer (symbp.check.doc_headings):
tutorials derive a 1-D convolution, then "## 2D convolution" with ``Y_{i,j} = Σ X_{i+m,j+n} W_{m,n}``,
then "## Multi-channel" with ``Y_{o,i,j} = Σ_c Σ_{m,n} X_{c,i+m,j+n} W_{o,c,m,n} + b_o`` (the same
letters each time, as in the CNN guides of several authors); each section's claims are read
against its own forward, not the first one's.  No sizes are stated: several are checked.

Truth: torch autograd of conv1d / conv2d at random integers against each claim's formula by
plain loops here (1-D, one channel, two input and three output channels); never symbp.
"""
from __future__ import annotations

import numpy as np
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(23)

DOC = r"""
## 1D convolution

$$y_i = \sum_{j=0}^{k-1} x_{i+j} \cdot w_j$$

$$\frac{\partial L}{\partial w_j} = \sum_{i} \frac{\partial L}{\partial y_i} \cdot x_{i+j}$$

## 2D convolution

### Forward

$$Y_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i+m, j+n} \cdot W_{m,n}$$

$$\frac{\partial L}{\partial X_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial Y_{i-m, j-n}} \cdot W_{m,n}$$

$$\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} \cdot X_{i+n, j+m}$$

## Multi-channel convolution

$$Y_{o,i,j} = \sum_{c=0}^{C_{in}-1} \sum_{m,n} X_{c,i+m,j+n} \cdot W_{o,c,m,n} + b_o$$

$$\frac{\partial L}{\partial X_{c,i,j}} = \sum_{o} \sum_{m,n} \frac{\partial L}{\partial Y_{o,i-m,j-n}} \cdot W_{o,c,m,n}$$

$$\frac{\partial L}{\partial W_{o,c,m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{o,i,j}} \cdot X_{c,i+m,j+n}$$

$$\frac{\partial L}{\partial b_o} = \sum_{i,j} \frac{\partial L}{\partial Y_{o,i,j}}$$

$$\frac{\partial L}{\partial b_o} = \sum_{c} \sum_{i,j} \frac{\partial L}{\partial Y_{c,i,j}}$$
"""


def _grads(x, w, b=None):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True) if b is not None else None
    conv = torch.nn.functional.conv1d if xt.dim() == 2 else torch.nn.functional.conv2d
    y = conv(xt[None], wt, bt)[0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)), dtype=torch.float64)
    (y * g).sum().backward()
    return g.numpy(), xt.grad.numpy(), wt.grad.numpy(), None if bt is None else bt.grad.numpy()


def _at(a, *i):
    return a[i] if all(0 <= v < n for v, n in zip(i, a.shape)) else 0.0


def _truths():
    out = []
    x, w = RNG.integers(-3, 4, (1, 7)), RNG.integers(-3, 4, (1, 1, 3))       # 1-D, one channel
    g, dx, dw, _ = _grads(x, w)
    out.append(np.allclose([sum(g[0, i] * x[0, i + j] for i in range(g.shape[1])) for j in range(3)], dw[0, 0]))
    x, w = RNG.integers(-3, 4, (1, 5, 5)), RNG.integers(-3, 4, (1, 1, 3, 3))  # 2-D, one channel
    g, dx, dw, _ = _grads(x, w)
    out.append(np.allclose([[sum(_at(g[0], i - m, j - n) * w[0, 0, m, n] for m in range(3) for n in range(3))
                             for j in range(5)] for i in range(5)], dx[0]))
    out.append(np.allclose([[sum(g[0, i, j] * x[0, i + n, j + m] for i in range(3) for j in range(3))
                             for n in range(3)] for m in range(3)], dw[0, 0]))
    x, w, b = RNG.integers(-3, 4, (2, 4, 5)), RNG.integers(-3, 4, (3, 2, 2, 2)), RNG.integers(-3, 4, 3)
    g, dx, dw, db = _grads(x, w, b)                                          # 2 -> 3 channels
    out.append(np.allclose([[[sum(_at(g, o, i - m, j - n) * w[o, c, m, n] for o in range(3) for m in range(2)
                                  for n in range(2)) for j in range(5)] for i in range(4)] for c in range(2)], dx))
    out.append(np.allclose([[[[sum(g[o, i, j] * x[c, i + m, j + n] for i in range(3) for j in range(4))
                               for n in range(2)] for m in range(2)] for c in range(2)] for o in range(3)], dw))
    out.append(np.allclose(g.sum(axis=(1, 2)), db))
    out.append(np.allclose([g.sum() for _ in range(3)], db))
    return ["holds" if t else "refuted" for t in out]


def test_each_heading_reads_its_own_convolution():
    truths = _truths()
    assert truths == ["holds", "holds", "refuted", "holds", "holds", "holds", "refuted"]
    got = [(c.verdict, c.detail) for c in check_text(DOC, "md", time_limit=30).claims]
    assert [v for v, _ in got if v != "definition"] == truths, got
    assert sum("a new layer: the forward below a heading" in d for v, d in got if v == "definition") == 2, got
