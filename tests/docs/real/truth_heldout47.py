"""Independent truth for the forty-seventh held-out set (numpy and torch autograd, not symbp):
``python truth_heldout47.py`` writes the ``*.truth.json`` sidecars of ``heldout47/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes and seeded
random draws, and holds only if it holds every time; its ``why`` in ``heldout47/claims_table.py``
says the reading.  Written before anything of symbp was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout47"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout47.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2047)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- cma_conv2d_backward_en
def conv_once(H, Wd, k, s, p, cin, cout):
    X = T(rnd(cin, H, Wd), True)
    W = T(rnd(cout, cin, k, k), True)
    b = T(rnd(cout), True)
    Y = torch.nn.functional.conv2d(X[None], W, b, stride=s, padding=p)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    d = Y.grad.numpy()
    Ho, Wo = d.shape[1:]
    Xp = np.pad(X.detach().numpy(), ((0, 0), (p, p), (p, p)))     # X_{h s + i - p} = Xp_{h s + i}
    Wv = W.detach().numpy()
    dW = np.zeros_like(Wv)
    for co in range(cout):
        for ci in range(cin):
            for i in range(k):
                for j in range(k):
                    dW[co, ci, i, j] = sum(d[co, h, w] * Xp[ci, h * s + i, w * s + j]
                                           for h in range(Ho) for w in range(Wo))
    db = d.sum(axis=(1, 2))

    def dval(co, a, c):
        return d[co, a, c] if 0 <= a < Ho and 0 <= c < Wo else 0.0
    dX = np.zeros((cin, H, Wd))
    for ci in range(cin):
        for hh in range(H):
            for ww in range(Wd):
                dX[ci, hh, ww] = sum(Wv[co, ci, i, j] * dval(co, (hh + p - i) // s, (ww + p - j) // s)
                                     for co in range(cout) for i in range(k) for j in range(k))
    return {"dW": close(dW, W.grad), "db": close(db, b.grad), "dX": close(dX, X.grad)}


def conv():
    return repeat(conv_once, [(5, 5, 3, 1, 1, 2, 3), (5, 5, 3, 2, 1, 2, 3),
                              (6, 6, 2, 2, 0, 1, 2), (7, 6, 3, 2, 0, 2, 2)])


# ---------------------------------------------------------------- cma_pooling_backward_en
def pool_once(H, Wd, pk):
    s = pk                                    # non-overlapping windows (the reading taken)
    N, C = 2, 2
    Xv = RNG.permutation(N * C * H * Wd).reshape(N, C, H, Wd) + rnd(N, C, H, Wd) * 0.1   # distinct
    X1, X2 = T(Xv, True), T(Xv, True)
    Ym = torch.nn.functional.max_pool2d(X1, pk, s)
    Ym.retain_grad()
    loss_of(Ym).backward()
    Ya = torch.nn.functional.avg_pool2d(X2, pk, s)
    Ya.retain_grad()
    loss_of(Ya).backward()
    gm, ga = Ym.grad.numpy(), Ya.grad.numpy()
    Ho, Wo = gm.shape[2:]
    okm = oka = True
    for n in range(N):
        for c in range(C):
            for h in range(Ho):
                for w in range(Wo):
                    win = Xv[n, c, h * s:h * s + pk, w * s:w * s + pk]
                    ist, jst = np.unravel_index(np.argmax(win), win.shape)
                    for i in range(pk):
                        for j in range(pk):
                            g = X1.grad.numpy()[n, c, h * s + i, w * s + j]
                            okm &= isc(g, gm[n, c, h, w] if (i, j) == (ist, jst) else 0.0)
                            oka &= isc(X2.grad.numpy()[n, c, h * s + i, w * s + j], ga[n, c, h, w] / pk ** 2)
    return {"max": okm, "avg": oka}


def pool():
    return repeat(pool_once, [(4, 4, 2), (6, 6, 3), (4, 6, 2)])


# ---------------------------------------------------------------- cma_batchnorm_backward_en
def bn_once(N, C, H, Wd):
    eps = 1e-5
    m = N * H * Wd
    X = T(rnd(N, C, H, Wd) * 1.5 + 0.3, True)
    g = T(rnd(C), True)
    be = T(rnd(C), True)
    mu = X.mean(dim=(0, 2, 3), keepdim=True)
    var = ((X - mu) ** 2).sum(dim=(0, 2, 3), keepdim=True) / (m - 1)      # the page's Bessel-corrected
    Xh = (X - mu) / torch.sqrt(var + eps)
    Y = g.view(1, C, 1, 1) * Xh + be.view(1, C, 1, 1)
    Y.retain_grad()
    loss_of(Y).backward()
    dY, Xhv, gv, varv = Y.grad.numpy(), Xh.detach().numpy(), g.detach().numpy(), var.detach().numpy()
    dg = (dY * Xhv).sum(axis=(0, 2, 3))
    dbe = dY.sum(axis=(0, 2, 3))
    dX = (gv.reshape(1, C, 1, 1) / (m * np.sqrt(varv + eps))) * (
        m * dY - dbe.reshape(1, C, 1, 1) - Xhv * dg.reshape(1, C, 1, 1))
    # the same row under a biased variance agrees with autograd (a check of the reading, not scored)
    Xb = T(X.detach().numpy(), True)
    mub = Xb.mean(dim=(0, 2, 3), keepdim=True)
    varb = ((Xb - mub) ** 2).mean(dim=(0, 2, 3), keepdim=True)
    Xhb = (Xb - mub) / torch.sqrt(varb + eps)
    Yb = g.detach().view(1, C, 1, 1) * Xhb + be.detach().view(1, C, 1, 1)
    (Yb * T(dY)).sum().backward()
    Xhbv, varbv = Xhb.detach().numpy(), varb.detach().numpy()
    dgb = (dY * Xhbv).sum(axis=(0, 2, 3)).reshape(1, C, 1, 1)
    dXb = (gv.reshape(1, C, 1, 1) / (m * np.sqrt(varbv + eps))) * (m * dY - dbe.reshape(1, C, 1, 1) - Xhbv * dgb)
    assert close(dXb, Xb.grad), "biased-variance reading should hold"
    return {"dgamma": close(dg, g.grad), "dbeta": close(dbe, be.grad), "dX": close(dX, X.grad)}


def bn():
    return repeat(bn_once, [(2, 3, 2, 2), (3, 2, 2, 3), (2, 1, 3, 3)])


# ---------------------------------------------------------------- layernorm_backward_derivation_en
def ln_once(n):
    Xv = rnd(n) * 1.3 + 0.2
    X = T(Xv, True)
    mu = X.mean()
    sig = torch.sqrt(((X - mu) ** 2).mean())
    dsig = torch.autograd.grad(sig, X, retain_graph=True)[0].numpy()
    gam, bet = T(rnd(n)), T(rnd(n))
    Xh = (X - mu) / sig
    Y = gam * Xh + bet
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gX = Y.grad.numpy(), X.grad.numpy()
    muv, sv, Xhv, gv = Xv.mean(), sig.item(), Xh.detach().numpy(), gam.numpy()
    gh = gY * gv
    Jac = torch.autograd.functional.jacobian(lambda v: (v - v.mean()) / torch.sqrt(((v - v.mean()) ** 2).mean()), T(Xv)).numpy()
    row = np.array([Jac[i, :] @ gh for i in range(n)])
    comp = gh / sv - gh.sum() / (n * sv) - Xhv * (gh * Xhv).sum() / (n * sv)
    compact = (1 / sv) * (gh - (Xhv @ gh / n) * Xhv - (gY @ gv) / n)
    return {"dsigma": close((Xv - muv) / (n * sv), dsig),
            "grad_i": close(row, gX) and close(comp, gX),
            "compact": close(compact, gX)}


def ln():
    return repeat(ln_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
