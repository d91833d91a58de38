"""Draws and small loops shared by the tenth held-out set's truth scripts (numpy and torch
autograd, never symbp): one seeded generator, entries with zero outside, the true convolution
with zero outside, and single- and multi-channel layers whose gradients autograd gives."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from truth_common import T, seeded_draws  # noqa: E402

RNG, rnd, loss_of = seeded_draws(1010)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def at(a, *idx):
    """(value, exists): a[idx] with zero outside, and whether the entry exists."""
    ok = all(0 <= i < n for i, n in zip(idx, a.shape))
    return (a[idx] if ok else 0.0), ok


def distinct(*shape):
    """Values that are all different (no ties in a max)."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) + RNG.uniform(0.1, 0.9, n)).reshape(shape) / n - 0.5


def true_conv_zero_outside(d, w, out_shape):
    """sum_{m,n} d[a-m, b-n] w[m, n] for a, b over out_shape, d zero where it does not exist."""
    out = np.zeros(out_shape)
    for a in range(out_shape[0]):
        for b in range(out_shape[1]):
            out[a, b] = sum(at(d, a - m, b - n)[0] * w[m, n]
                            for m in range(w.shape[0]) for n in range(w.shape[1]))
    return out


def one_conv(H, W_, k1, k2):
    """Y = corr(X, W) + b (one channel) feeding a loss: numpy X, W, dY and the grads, plus the
    Jacobians of Y by W and by X (torch autograd)."""
    X, Wt, b = T(rnd(H, W_), True), T(rnd(k1, k2), True), T(rnd(), True)
    Y = F.conv2d(X[None, None], Wt[None, None])[0, 0] + b
    Y.retain_grad()
    loss_of(Y).backward()
    Jw = jac(lambda v: F.conv2d(X.detach()[None, None], v[None, None])[0, 0], Wt.detach()).numpy()
    Jx = jac(lambda v: F.conv2d(v[None, None], Wt.detach()[None, None])[0, 0], X.detach()).numpy()
    return (X.detach().numpy(), Wt.detach().numpy(), Y.grad.numpy(), X.grad.numpy(),
            Wt.grad.numpy(), float(b.grad), Jw, Jx)


def channels_conv(Cin, Cout, H, W_, k, stride=1, padding=0, bias=True):
    """Multi-channel layer (CHW / OIHW) feeding a loss: numpy X, W, dY, dX, dW, db, Jw, Jx."""
    X, Wt = T(rnd(Cin, H, W_), True), T(rnd(Cout, Cin, k, k), True)
    b = T(rnd(Cout), True) if bias else None
    Y = F.conv2d(X[None], Wt, b, stride=stride, padding=padding)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    Jw = jac(lambda v: F.conv2d(X.detach()[None], v, stride=stride, padding=padding)[0], Wt.detach()).numpy()
    Jx = jac(lambda v: F.conv2d(v[None], Wt.detach(), stride=stride, padding=padding)[0], X.detach()).numpy()
    return (X.detach().numpy(), Wt.detach().numpy(), Y.grad.numpy(), X.grad.numpy(), Wt.grad.numpy(),
            b.grad.numpy() if bias else None, Jw, Jx)
