"""Independent truth for the sixty-fifth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout65.py`` writes the ``*.truth.json`` sidecars of ``heldout65/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout65/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout65"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout65.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2065)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- jameshuang_softmax_ce_en
def jhs_once(K, onehot):
    z = T(rnd(K), True)
    if onehot:
        y = np.zeros(K)
        y[RNG.integers(K)] = 1.0
    else:
        y = RNG.uniform(0.05, 1.0, K)          # any non-negative target (not normalised)
    p = torch.softmax(z, 0)
    L = -(T(y) * torch.log(p)).sum()
    g = torch.autograd.grad(L, z)[0].numpy()
    pv = p.detach().numpy()
    return {"expand": close(-y + pv * y.sum(), g)}


def jhs():
    return repeat(jhs_once, [(3, True), (4, False), (6, True), (5, False)])


# ---------------------------------------------------------------- linear-model losses (Italian notes)
def draw_linear(n, labels):
    x = rnd(n)
    y = float(RNG.choice([-1.0, 1.0])) if labels == "pm" else float(RNG.uniform(0.3, 2.0) * RNG.choice([-1, 1]))
    return x, y


def log_once(n, labels):
    x, y = draw_linear(n, labels)
    w = T(rnd(n), True)
    t = y * (T(x) @ w)
    L = torch.log(1 + torch.exp(-t))
    g = torch.autograd.grad(L, w)[0].numpy()
    tv = t.item()
    written = np.exp(-tv) * (-y * x) / (1 + np.exp(-tv))
    return {"grad": close(written, g)}


def log():
    return repeat(log_once, [(2, "pm"), (3, "real"), (5, "pm")])


def qua_once(n, labels):
    x, y = draw_linear(n, labels)
    w = T(rnd(n), True)
    t = y * (T(x) @ w)
    L = 1 - t ** 2                              # the loss as written: (1 - (y x^T w)^2)
    g = torch.autograd.grad(L, w)[0].numpy()
    tv = t.item()
    written = -2 * (1 - tv) * (y * x)
    return {"grad": close(written, g)}


def qua():
    return repeat(qua_once, [(2, "pm"), (3, "real"), (5, "pm")])


def hin_once(n, labels):
    x, y = draw_linear(n, labels)
    target_t = RNG.uniform(0.05, 0.95)
    while abs(target_t - 1 / 3) < 0.05:
        target_t = RNG.uniform(0.05, 0.95)
    d = rnd(n)
    d = d - (d @ x) / (x @ x) * x               # a component orthogonal to x
    w0 = target_t / y * x / (x @ x) + d         # y x^T w0 = target_t, in (0, 1)
    w = T(w0, True)
    t = y * (T(x) @ w)
    assert 0 < t.item() < 1
    L = 0.5 - t ** 2                            # the middle case as written
    g = torch.autograd.grad(L, w)[0].numpy()
    tv = t.item()
    written = -(1 - tv) * (y * x)
    return {"grad_mid": close(written, g)}


def hin():
    return repeat(hin_once, [(2, "pm"), (3, "real"), (5, "pm")])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
