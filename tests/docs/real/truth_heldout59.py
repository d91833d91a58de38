"""Independent truth for the fifty-ninth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout59.py`` writes the ``*.truth.json`` sidecars of ``heldout59/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout59/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout59"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout59.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2059)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- coolgpu_backprop_batchnorm_en
def cbn_forward(x, w, beta):
    """Eq. 5-7 per channel (rows = channels c, columns = the N_i entries i), no epsilon."""
    mu = x.mean(dim=1, keepdim=True)
    s2 = ((x - mu) ** 2).mean(dim=1, keepdim=True)
    return w[:, None] * (x - mu) / torch.sqrt(s2) + beta[:, None]


def cbn_once(nc, ni):
    xv = rnd(nc, ni)
    wv = RNG.uniform(0.5, 2.0, nc) * RNG.choice([-1.0, 1.0], nc)
    wv[0] = 1.7                                   # w_c != 1 somewhere
    bv, tv = rnd(nc), RNG.uniform(0, 1, (nc, ni))
    x, w, beta = T(xv, True), T(wv, True), T(bv, True)
    y = cbn_forward(x, w, beta)
    y.retain_grad()
    z = torch.sigmoid(y)
    L = ((z - T(tv)) ** 2).sum() / (nc * ni)      # Eq. 9: mean over N = N_c N_i
    L.backward()
    g = y.grad.numpy()                             # dL/dy
    gx = x.grad.numpy()
    yv, zv = y.detach().numpy(), z.detach().numpy()
    mu = xv.mean(1, keepdims=True)
    s2 = ((xv - mu) ** 2).mean(1, keepdims=True)
    sd = np.sqrt(s2)
    r = {}
    # e13: the sigmoid chain
    e = np.exp(-yv)
    dsig = dphi(torch.sigmoid, yv)
    r["e13"] = all(close(v, dsig) for v in [e / (1 + e) ** 2, (1 / (1 + e)) * (1 - (1 - e)) / (1 + e), zv * (1 - zv)])
    # e15: dy/dw (mu, sigma do not depend on w)
    J_w = jac(lambda ww: cbn_forward(T(xv), ww, T(bv)), T(wv)).numpy()      # [c, i, c']
    dydw = np.array([[J_w[c, i, c] for i in range(ni)] for c in range(nc)])
    r["e15"] = close((xv - mu) / sd, dydw) and close((yv - bv[:, None]) / wv[:, None], dydw)
    # the Jacobian dy_{c,k}/dx_{c,i}
    J = jac(lambda xx: cbn_forward(xx, T(wv), T(bv)), T(xv)).numpy()        # [c, k, c', i]
    ok20 = ok21 = True
    for c in range(nc):
        for i in range(ni):
            a = xv[c, i] - mu[c, 0]
            ok20 &= isc(wv[c] * ((ni - 1) * s2[c, 0] - a ** 2) / (ni * sd[c, 0] ** 3), J[c, i, c, i])
            for k in range(ni):
                if k != i:
                    mid = wv[c] * (sd[c, 0] * (-1 / ni) - a * 0.5 / sd[c, 0] * 2 * a / ni) / s2[c, 0]
                    ok21 &= isc(mid, J[c, k, c, i])
    r["e20c"], r["e21b"] = ok20, ok21
    ok22 = ok29 = True
    for c in range(nc):
        W, s, sq = wv[c], s2[c, 0], sd[c, 0]
        gc, xc, yc = g[c], xv[c] - mu[c, 0], yv[c] - bv[c]
        for i in range(ni):
            oth = [k for k in range(ni) if k != i]
            row2 = ((1 - 1 / ni) * W / sq * gc[i] - xc[i] ** 2 / (ni * sq ** 3) * gc[i]
                    - W / (ni * sq) * gc[oth].sum() - W * xc[i] / (ni * sq ** 3) * (xc[oth] * gc[oth]).sum())
            ok22 &= isc(row2, gx[c, i])
            last = W / sq * gc[i] - W / (ni * sq) * gc.sum() - yc[i] / (ni * W * sq) * (yc * gc).sum()
            ok29 &= isc(last, gx[c, i])
    r["e22b"], r["e29f"] = ok22, ok29
    return r


def cbn():
    return repeat(cbn_once, [(1, 4), (2, 5), (3, 3)])


# ---------------------------------------------------------------- coolgpu_matmul_grad_en
def cmm_once(m, k, n, mean_loss):
    Av, Bv = rnd(m, k), rnd(k, n)
    A, B = T(Av, True), T(Bv, True)
    C = A @ B
    C.retain_grad()
    L = C.mean() if mean_loss else loss_of(C)
    L.backward()
    G, gA, gB = C.grad.numpy(), A.grad.numpy(), B.grad.numpy()
    Jc = jac(lambda a: a @ T(Bv), T(Av)).numpy()                           # [i, j, p, q] = dc_ij/da_pq
    r = {"e13": close(G @ Bv.T, gA), "e18": close(Av.T @ G, gB)}
    if m == 2 and n == 3 and k >= 3:     # the page's example shape: rows c_2j and column a_23 exist
        r["e9c21"] = isc(Jc[1, 0, 1, 2], Bv[2, 0])
        r["e10"] = isc(G[1, 0] * Bv[2, 0] + G[1, 1] * Bv[2, 1] + G[1, 2] * Bv[2, 2], gA[1, 2])
        r["e15"] = isc(Av[0, 0] * G[0, 1] + Av[1, 0] * G[1, 1], gB[0, 1])
        if k == 4:
            Bt = np.array([[Bv[0, 0], Bv[1, 0], Bv[2, 0], Bv[3, 0]],
                           [Bv[0, 1], Bv[1, 1], Bv[2, 1], Bv[3, 1]],
                           [Bv[0, 2], Bv[1, 2], Bv[2, 2], Bv[3, 2]]])
            r["e12"] = close(G @ Bt, gA)
    return r


def cmm():
    return repeat(cmm_once, [(2, 4, 3, False), (2, 4, 3, True), (2, 3, 3, False), (2, 5, 3, True),
                             (3, 4, 5, False), (4, 2, 3, True)])


# ---------------------------------------------------------------- numpynet_batchnorm_en
def nbn_once(nb, nf, eps):
    xv = rnd(nb, nf)
    x, gam, bet = T(xv, True), T(rnd(nf), True), T(rnd(nf), True)
    xbar = x.mean(0)
    s2 = ((x - xbar) ** 2).mean(0)
    xhat = (x - xbar) ** 2 / torch.sqrt(s2 + eps)          # the page's forward (squared deviation)
    y = gam * xhat + bet
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    d, xh = y.grad.numpy(), xhat.detach().numpy()
    dxh = d * gam.detach().numpy()
    sv = s2.detach().numpy()
    formula = (nb * dxh - dxh.sum(0) - xh * (dxh * xh).sum(0)) / (nb * np.sqrt(sv + eps))
    return {"dbeta": close(d.sum(0), bet.grad), "dgamma": close((d * xh).sum(0), gam.grad),
            "dx": close(formula, x.grad)}


def nbn():
    return repeat(nbn_once, [(4, 1, 1e-8), (5, 3, 1e-5), (3, 2, 1e-3)])


# ---------------------------------------------------------------- numpynet_connected_logistic_en
def ncl_once(nb, nin, nout, act, labels):
    f = {"relu": torch.relu, "sig": torch.sigmoid, "tanh": torch.tanh}[act]
    X, W, b = T(rnd(nb, nin), True), T(rnd(nin, nout), True), T(rnd(nout), True)
    z = X @ W + b
    y = f(z)
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    d = y.grad.numpy()
    fp = dphi(f, z.detach().numpy())
    r = {"dbeta": close((fp * d).sum(0), b.grad), "dx": close((fp * d) @ W.detach().numpy().T, X.grad)}
    xv = rnd(nb, nout)
    t = RNG.integers(0, 2, xv.shape).astype(float) if labels == "01" else RNG.uniform(0.05, 0.95, xv.shape)
    xt = T(xv, True)
    yl = torch.sigmoid(xt)
    Ll = (-T(t) * torch.log(yl) - (1 - T(t)) * torch.log(1 - yl)).sum()
    yl.retain_grad()
    Ll.backward()
    yv = yl.detach().numpy()
    written = (t - yv) * yv * (1 - yv)
    r["logistic"] = close(written, -xt.grad) or close(written, -yl.grad)
    return r


def ncl():
    return repeat(ncl_once, [(4, 3, 2, "relu", "01"), (3, 5, 4, "sig", "real"), (5, 2, 3, "tanh", "01")])


# ---------------------------------------------------------------- wawakaka_regresi_linier_id
def wrl_once(n):
    xv, yv = rnd(n), rnd(n)
    w, b = T(rnd(1), True), T(rnd(1), True)
    yh = w * T(xv) + b
    L = ((T(yv) - yh) ** 2).sum() / n
    L.backward()
    yhv = yh.detach().numpy()
    return {"dw": isc(-2 / n * ((yv - yhv) * xv).sum(), w.grad.item()),
            "db": isc(-2 / n * (yv - yhv).sum(), b.grad.item())}


def wrl():
    return repeat(wrl_once, [(3,), (5,), (8,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
