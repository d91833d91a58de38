"""Draws and small loops shared by the eleventh held-out set's truth scripts (numpy and torch
autograd, never symbp): one seeded generator, a loss with a non-constant gradient, entries
with zero outside, sliding sums in the documents' two conventions, padding, dilation and the
180-degree turn."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from truth_common import T, close, repeat, seeded_draws  # noqa: E402,F401

RNG, rnd, loss_of = seeded_draws(1111)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def at(a, *idx):
    """(value, exists): a[idx] with zero outside (negative indices do not wrap)."""
    ok = all(0 <= i < n for i, n in zip(idx, a.shape))
    return (a[tuple(idx)] if ok else 0.0), ok


def distinct(*shape):
    """Values that are all different (no ties in a max)."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) + RNG.uniform(0.1, 0.9, n)).reshape(shape) / n - 0.5


def slide(a, k):
    """Valid sliding sum without flip, a the input and k the kernel:
    out[i, j] = sum_{p,q} a[i+p, j+q] k[p, q]; None where the kernel is larger than the input."""
    a, k = np.asarray(a, dtype=float), np.asarray(k, dtype=float)
    oh, ow = a.shape[0] - k.shape[0] + 1, a.shape[1] - k.shape[1] + 1
    if oh < 1 or ow < 1:
        return None
    return np.array([[np.sum(a[i:i + k.shape[0], j:j + k.shape[1]] * k) for j in range(ow)]
                     for i in range(oh)])


def pad(a, p):
    """p rings of zeros round a matrix."""
    return np.pad(np.asarray(a, dtype=float), p)


def dil(a, s):
    """s - 1 zeros between the rows and between the columns."""
    a = np.asarray(a, dtype=float)
    out = np.zeros((s * (a.shape[0] - 1) + 1, s * (a.shape[1] - 1) + 1))
    out[::s, ::s] = a
    return out


def rot180(a):
    return np.asarray(a, dtype=float)[::-1, ::-1]


def full_slide(a, k):
    """Full sliding sum without flip: a padded with (kernel - 1) zeros, then slid with k."""
    k = np.asarray(k, dtype=float)
    return slide(np.pad(np.asarray(a, dtype=float), ((k.shape[0] - 1,) * 2, (k.shape[1] - 1,) * 2)), k)


def full_conv(a, k):
    """Full true convolution: out[i, j] = sum_{m,n} a[m, n] k[i-m, j-n]."""
    return full_slide(a, rot180(k))


def same(got, want):
    """Shapes equal and values equal (a missing result refutes)."""
    return got is not None and close(got, want)


def conv_layer(X, K, b=None, stride=1, padding=0, dilation=1, act=None):
    """Batched NCHW / OIHW layer feeding the loss; returns numpy X, K, Delta = dL/dY, dX, dK, db
    and, where ``act`` is given, the pre-activation's gradient is Delta and Y = act(Z)."""
    Xt, Kt = T(X, True), T(K, True)
    bt = T(b, True) if b is not None else None
    Z = F.conv2d(Xt, Kt, bt, stride=stride, padding=padding, dilation=dilation)
    Z.retain_grad()
    loss_of(act(Z) if act else Z).backward()
    return (Z.grad.numpy(), Xt.grad.numpy(), Kt.grad.numpy(),
            bt.grad.numpy() if bt is not None else None)
