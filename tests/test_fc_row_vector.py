r"""A dense layer whose page writes one sample as a row of its entries, ``X=[x_{1} \cdots x_{i}]``,
after the index forward ``y_j = b_j + Σ_i x_i w_{ij}`` and before the matrix form ``Y = XW + B``
(The Independent Code's "Neural network from scratch" and the notes that copy its formulas, and
the ``X = [x_1, x_2, …, x_n]`` of many lecture notes): X is one row, not a batch, so claims with
one index per entry (∂E/∂x_i = Σ_j ∂E/∂y_j w_{ij}, a chain written with dots to y_j) are read
per entry; a transposed row (``[x_1, …, x_n]^T``, a column) is no such row.

Truth: torch autograd of x @ W + b for one sample at random integers, each claim's formula by
plain loops here; never symbp.
"""
from __future__ import annotations

import numpy as np
import torch

from symbp.check.checker import check_text
from symbp.check.fc_membership import row_vectors

RNG = np.random.default_rng(9)

PAGE = r"""
## Dense layer

$$y_{j}=b_{j}+\sum_{i}x_{i}w_{i j}$$

$$X=[x_{1}\ \ \cdots\ \ x_{i}] \quad \quad B=\left[b_{1}\ \ \cdots\ \ b_{j}\right]$$

$$Y = XW + B$$

$$\frac{\partial E}{\partial x_{i}}=\frac{\partial E}{\partial y_{1}}w_{i1}+\ldots+\frac{\partial E}{\partial y_{j}}w_{i j}$$

$$\frac{\partial E}{\partial X}=\frac{\partial E}{\partial Y}W^{T}$$

$$\frac{\partial E}{\partial W}=X^{T}\frac{\partial E}{\partial Y}$$

$$\frac{\partial E}{\partial W}=X^{T}\frac{\partial E}{\partial Y} + X^{T}\frac{\partial E}{\partial Y}$$

$$\frac{\partial E}{\partial B}=\frac{\partial E}{\partial Y}$$
"""


def _truths():
    x = torch.tensor(RNG.integers(-3, 4, (1, 3)), dtype=torch.float64, requires_grad=True)
    w = torch.tensor(RNG.integers(-3, 4, (3, 2)), dtype=torch.float64, requires_grad=True)
    b = torch.tensor(RNG.integers(-3, 4, (1, 2)), dtype=torch.float64, requires_grad=True)
    y = x @ w + b
    g = torch.tensor(RNG.integers(-3, 4, (1, 2)), dtype=torch.float64)
    (y * g).sum().backward()
    X, W, G = x.detach().numpy(), w.detach().numpy(), g.numpy()
    dx_loop = np.array([[sum(G[0, j] * W[i, j] for j in range(2)) for i in range(3)]])
    claims = [dx_loop, G @ W.T, X.T @ G, 2 * (X.T @ G), G]
    real = [x.grad.numpy(), x.grad.numpy(), w.grad.numpy(), w.grad.numpy(), b.grad.numpy()]
    return ["holds" if c.shape == r.shape and np.allclose(c, r) else "refuted" for c, r in zip(claims, real)]


def test_one_sample_written_as_a_row():
    truths = _truths()
    assert truths == ["holds", "holds", "holds", "refuted", "holds"]
    got = [(c.verdict, c.detail) for c in check_text(PAGE, "md", time_limit=30).claims
           if c.latex.strip().startswith("\\frac")]
    assert [v for v, _ in got] == truths, got


def test_row_vectors_never_a_transposed_column():
    assert row_vectors([r"X = [x_1, x_2, x_3]", r"h = [h_1 \cdots h_n]", r"Z=[z_1, z_2]^T"]) == {"X": 1}
