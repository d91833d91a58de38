"""Independent truth for the sixty-sixth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout66.py`` writes the ``*.truth.json`` sidecars of ``heldout66/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout66/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout66"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout66.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2066)
torch.set_default_dtype(torch.float64)


def grad_of(f, x):
    """Elementwise derivative of f at x (array) by autograd."""
    xt = T(x, True)
    return torch.autograd.grad(f(xt).sum(), xt)[0].numpy()


# ---------------------------------------------------------------- mshlis_focal_gradient_loss_en
def msh_once(n, gamma):
    p = RNG.uniform(0.05, 0.95, n)
    fl = grad_of(lambda q: -(1 - q) ** gamma * torch.log(q), p)
    fgl = grad_of(lambda q: -((1 - q).detach()) ** gamma * torch.log(q), p)
    ce_dot = grad_of(lambda q: -torch.log(q), p)           # CE(p) = -log p
    return {
        "fl_grad": close(-(1 - p) ** gamma / p + gamma * (1 - p) ** (gamma - 1) * np.log(p), fl),
        "fl_ce": close(-(1 - p) ** gamma * ce_dot + gamma * (1 - p) ** (gamma - 1) * np.log(p), fl),
        "fgl_grad": close(-(1 - p) ** gamma / p, fgl),
        "fgl_ce": close(-(1 - p) ** gamma * ce_dot, fgl),
    }


def msh():
    return repeat(msh_once, [(3, 0.5), (5, 1.0), (4, 1.7), (6, 2.0), (3, 3.0)])


# ---------------------------------------------------------------- swish_derivative_es
def swi_once(n, beta):
    x = rnd(n) * 2
    sig = lambda v: 1 / (1 + np.exp(-v))                    # noqa: E731
    dsig = grad_of(torch.sigmoid, x)
    dswish_dx = grad_of(lambda v: v * torch.sigmoid(beta * v), x)
    d_sig_bx_dx = grad_of(lambda v: torch.sigmoid(beta * v), x)   # d/dx sigma(beta x)
    bt = T(np.full(n, beta), True)
    dswish_db = torch.autograd.grad((T(x) * torch.sigmoid(bt * T(x))).sum(), bt)[0].numpy()
    return {
        "sig": close(1 - sig(x), dsig),
        "prod": close(1.0 * sig(beta * x) + x * d_sig_bx_dx, dswish_dx),
        "final": close(sig(beta * x) + beta * x * (1 - sig(x)), dswish_dx),
        "dbeta": close(x ** 2 * sig(beta * x) * (1 - sig(beta * x)), dswish_db),
    }


def swi():
    return repeat(swi_once, [(4, 0.5), (5, 1.5), (3, 2.0), (6, -0.7)])


# ---------------------------------------------------------------- gombru_cross_entropy_losses_en
def gom_once(C, M, gamma):
    s = T(rnd(C), True)
    p = int(RNG.integers(C))
    sm = torch.softmax(s, 0)
    g = torch.autograd.grad(-torch.log(sm[p]), s)[0].numpy()
    smv = sm.detach().numpy()
    neg = [n for n in range(C) if n != p]
    r = {"sm_pos": isc(g[p], smv[p] - 1), "sm_neg": close(g[neg], smv[neg])}
    pos = RNG.choice(C, size=M, replace=False)
    s2 = T(rnd(C), True)
    sm2 = torch.softmax(s2, 0)
    L2 = sum(-torch.log(sm2[int(q)]) for q in pos) / M
    g2 = torch.autograd.grad(L2, s2)[0].numpy()
    sv2 = sm2.detach().numpy()
    r["ml_pos"] = close(g2[pos], (1 / M) * ((sv2[pos] - 1) + (M - 1) * sv2[pos]))
    # binary cross-entropy with the logistic sigmoid, targets 0, 1 and real
    z = T(rnd(C) * 2, True)
    t = np.concatenate([[0.0, 1.0], RNG.uniform(0, 1, C - 2)])
    f = torch.sigmoid(z)
    bce = -(T(t) * torch.log(f) + (1 - T(t)) * torch.log(1 - f)).sum()
    gb = torch.autograd.grad(bce, z)[0].numpy()
    fv = f.detach().numpy()
    r["bce"] = close(t * (fv - 1) + (1 - t) * fv, gb)
    # focal loss, positive class
    z3 = T(rnd(C) * 2, True)
    f3 = torch.sigmoid(z3)
    fl = (-(1 - f3) ** gamma * torch.log(f3)).sum()
    g3 = torch.autograd.grad(fl, z3)[0].numpy()
    f3v = f3.detach().numpy()
    r["focal_pos"] = close((1 - f3v) ** gamma * (gamma * f3v * np.log(f3v) + f3v - 1), g3)
    return r


def gom():
    return repeat(gom_once, [(3, 2, 0.0), (4, 2, 0.5), (5, 3, 2.0), (6, 3, 3.0)])


# ---------------------------------------------------------------- math06_backprop_nanochat_ja
def m06_once(n_in, n_out, K, m, n, p):
    x = rnd(n_in)
    W = T(rnd(n_out, n_in), True)
    b = T(rnd(n_out))
    y = W @ T(x) + b
    y.retain_grad()
    loss_of(y).backward()
    r = {"lin_dW": close(W.grad, np.outer(y.grad.numpy(), x))}
    xs = T(rnd(n_in), True)
    ys = torch.sigmoid(xs)
    ys.retain_grad()
    loss_of(ys).backward()
    sv = ys.detach().numpy()
    r["sig"] = close(xs.grad, ys.grad.numpy() * sv * (1 - sv))
    z = T(rnd(K), True)
    yc = int(RNG.integers(K))
    pz = torch.softmax(z, 0)
    g = torch.autograd.grad(-torch.log(pz[yc]), z)[0].numpy()
    onehot = np.zeros(K)
    onehot[yc] = 1.0
    r["smce"] = close(g, pz.detach().numpy() - onehot)
    A = T(rnd(m, n), True)
    B = T(rnd(n, p), True)
    Cm = A @ B
    Cm.retain_grad()
    loss_of(Cm).backward()
    r["mm_dB"] = close(B.grad, A.detach().numpy().T @ Cm.grad.numpy())
    return r


def m06():
    return repeat(m06_once, [(3, 2, 3, 2, 3, 4), (5, 4, 5, 3, 4, 5), (1, 3, 10, 4, 2, 1)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
