"""Independent truth for the sixty-seventh held-out set (numpy and torch autograd, not symbp):
``python truth_heldout67.py`` writes the ``*.truth.json`` sidecars of ``heldout67/``, by the method
and in the format of ``truth_heldout65.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout67/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout67"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws,  # noqa: E402
                          write_and_report)
from heldout67.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2067)
torch.set_default_dtype(torch.float64)


def grad(L, *xs):
    return [g.numpy() for g in torch.autograd.grad(L, xs)]


# ---------------------------------------------------------------- rescuerz_cs231n_backprop_zh
def res_once(n, p, m):
    x = T(rnd(n), True)
    s = torch.sigmoid(x)
    g_sig = grad(s.sum(), x)[0]                    # entrywise derivative
    sv = s.detach().numpy()
    out = {"sig": close((1 - sv) * sv, g_sig)}
    W, X = T(rnd(n, p), True), T(rnd(p, m), True)
    D = W @ X
    G = T(rnd(n, m))
    L = (G * D).sum() + (D ** 3).sum() / 3
    gW, gX = grad(L, W, X)
    dD = (G + D ** 2).detach().numpy()
    out["mm_dW"] = close(dD @ X.detach().numpy().T, gW)
    out["mm_dX"] = close(W.detach().numpy().T @ dD, gX)
    return out


def res():
    return repeat(res_once, [(2, 3, 4), (3, 2, 5), (4, 4, 1)])


# ---------------------------------------------------------------- bn_explained_en
EPS = 1e-5


def xhat_of(t):
    """Batch norm's normalization of one feature column (biased variance, eps = 1e-5)."""
    mu = t.mean(0)
    return (t - mu) / torch.sqrt(((t - mu) ** 2).mean(0) + EPS)


def bne_once(m, k):
    x = T(rnd(m, k), True)
    gamma, beta = T(rnd(k), True), T(rnd(k))
    y = gamma * xhat_of(x) + beta
    G = T(rnd(m, k))
    L = (G * y).sum() + (y ** 3).sum() / 3
    gx, ggamma = grad(L, x, gamma)
    delta = (G + y ** 2).detach().numpy()                 # dL/dy
    xv, gv = x.detach().numpy(), gamma.detach().numpy()
    mv, vv = xv.mean(0), ((xv - xv.mean(0)) ** 2).mean(0)
    xh = (xv - mv) / np.sqrt(vv + EPS)
    out = {"dgamma_k": close((delta * xh).sum(0), ggamma)}
    g = delta * gv                                        # dL/dxhat
    out["dx"] = close((1 / m) / np.sqrt(vv + EPS) * (m * g - g.sum(0) - xh * (g * xh).sum(0)), gx)
    # the full partial dxhat_i/dx_i (through the mean and the variance): the Jacobian's diagonal
    J = np.stack([np.diag(torch.autograd.functional.jacobian(xhat_of, T(xv[:, c])).numpy())
                  for c in range(k)], axis=1)
    out["chain1"] = close(g * J, gx)                      # one path only: dL/dxhat_i . dxhat_i/dx_i
    st2 = vv + EPS                                        # tilde sigma^2
    dvar = 2.0 / m * (xv - mv)                            # dsigma^2/dx_i (step 3; its sum term is 0)
    out["dxhat_dx"] = close(1 / np.sqrt(st2) - (xv - mv) / st2 ** 1.5 * dvar, J)
    assert np.allclose(J, (1 - 1 / m) / np.sqrt(st2) - (xv - mv) ** 2 / (m * st2 ** 1.5))  # the right form
    return out


def bne():
    return repeat(bne_once, [(4, 1), (5, 3), (7, 2)])


# ---------------------------------------------------------------- wangqx_math_notes_en
def wqx_once(N, D, M):
    X, W = T(rnd(N, D), True), T(rnd(D, M), True)
    Y = X @ W
    G = T(rnd(N, M))
    L = (G * Y).sum() + (Y ** 3).sum() / 3
    gX, gW = grad(L, X, W)
    dY = (G + Y ** 2).detach().numpy()
    return {"lin_dX": close(dY @ W.detach().numpy().T, gX),
            "lin_dW": close(X.detach().numpy().T @ dY, gW)}


def wqx():
    return repeat(wqx_once, [(2, 2, 3), (4, 3, 2), (5, 1, 4)])


# ---------------------------------------------------------------- yolo_arch_backprop_ko
def yol_once(n, nb, nc, shape):
    X = T(rnd(n, 1), True)
    Wb, Wc = T(rnd(nb, n), True), T(rnd(nc, n), True)
    bb, bc = T(rnd(nb, 1)), T(rnd(nc, 1))
    Yb, Yc = Wb @ X + bb, Wc @ X + bc
    Gb, Gc = T(rnd(nb, 1)), T(rnd(nc, 1))
    L = (Gb * Yb).sum() + (Yb ** 3).sum() / 3 + (Gc * Yc).sum() + (Yc ** 4).sum() / 4
    gX, gWb, gWc = grad(L, X, Wb, Wc)
    dYb = (Gb + Yb ** 2).detach().numpy()
    dYc = (Gc + Yc ** 3).detach().numpy()
    Xv = X.detach().numpy()
    out = {"dW_bbox": close(dYb @ Xv.T, gWb),
           "dW_cls": close(dYc @ Xv.T, gWc),
           "dX_flat": close(Wb.detach().numpy().T @ dYb + Wc.detach().numpy().T @ dYc, gX)}
    x = T(rnd(*shape), True)
    f = torch.nn.functional.silu(x)
    Gf = T(rnd(*shape))
    La = (Gf * f).sum() + (f ** 3).sum() / 3
    gx = grad(La, x)[0]
    dLdf = (Gf + f ** 2).detach().numpy()
    sg = torch.sigmoid(x).detach().numpy()
    xv = x.detach().numpy()
    fprime = sg * (1 + xv * (1 - sg))
    out["act"] = close(dLdf * fprime, gx)
    return out


def yol():
    return repeat(yol_once, [(3, 2, 4, (3, 3)), (5, 4, 3, (4, 5)), (6, 3, 2, (2, 6))])


# ---------------------------------------------------------------- needle_hw1_notes_zh
def ndl_once(n, k, m):
    X, W = T(rnd(n, k), True), T(rnd(k, m), True)
    Y = X @ W
    G = T(rnd(n, m))
    L = (G * Y).sum() + (Y ** 3).sum() / 3
    gX, gW = grad(L, X, W)
    dY = (G + Y ** 2).detach().numpy()
    return {"grad_X": close(dY @ W.detach().numpy().T, gX),
            "grad_W": close(X.detach().numpy().T @ dY, gW)}


def ndl():
    return repeat(ndl_once, [(2, 3, 4), (5, 2, 3), (3, 4, 1)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
