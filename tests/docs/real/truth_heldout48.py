"""Independent truth for the forty-eighth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout48.py`` writes the ``*.truth.json`` sidecars of ``heldout48/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes and seeded
random draws, and holds only if it holds every time; its ``why`` in ``heldout48/claims_table.py``
says the reading.  Written before anything of symbp was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout48"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout48.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2048)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def bn_1d(x, eps):
    """mu, sigma^2 (1/N), x-hat of a vector (torch)."""
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    return mu, var, (x - mu) / torch.sqrt(var + eps)


# ---------------------------------------------------------------- ko_normalization_bn_backward
def kob_once(N, eps):
    xv = rnd(N)
    g, bta = float(RNG.uniform(0.5, 2.5)), float(rnd(1)[0])
    x = T(xv, True)
    gam, bet = T(g, True), T(bta, True)
    mu, var, xh = bn_1d(x, eps)
    y = gam * xh + bet
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    dy = y.grad.numpy()
    dx = x.grad.numpy()
    muv, varv = mu.item(), var.item()
    s = np.sqrt(varv + eps)
    xhv = (xv - muv) / s
    Jx = jac(lambda v: bn_1d(v, eps)[2], T(xv)).numpy()          # [j, i] = d xhat_j / d x_i
    dxh = g * dy                                                  # dL/dxhat
    r = {"dgamma": isc((dy * xhv).sum(), gam.grad.item()),
         "dbeta": isc(dy.sum(), bet.grad.item()),
         "chain3": close(np.array([sum(dy[j] * g * Jx[j, i] for j in range(N)) for i in range(N)]), dx),
         "gamma_out": close(g * np.array([sum(dy[j] * Jx[j, i] for j in range(N)) for i in range(N)]), dx)}
    D = np.eye(N)
    r["dxhat"] = all(isc((D[i, j] - 1 / N) / s - (xv[j] - muv) / s ** 3 * (xv[i] - muv) / N, Jx[j, i])
                     for i in range(N) for j in range(N))
    r["compact_xhat"] = close(g / s * (dxh - dxh.mean() - xhv * (dxh * xhv).mean()), dx)
    r["formula_y"] = close(g / s * (dy - dy.mean() - xhv * (dy * xhv).mean()), dx)
    # d s^{-1} / d x_i and d sigma^2 / d x_i by autograd
    dsinv = jac(lambda v: (bn_1d(v, eps)[1] + eps) ** -0.5, T(xv)).numpy()
    dvar = jac(lambda v: bn_1d(v, eps)[1], T(xv)).numpy()
    r["app_dxhat"] = all(isc((D[i, j] - 1 / N) / s + (xv[j] - muv) * dsinv[i], Jx[j, i]) for i in range(N) for j in range(N))
    r["app_ds"] = close(-0.5 * (varv + eps) ** -1.5 * dvar, dsinv)
    return r


def kob_example():
    """The page's worked example: x = [1, 3], gamma = 2, beta = 0, eps = 0, L = (y1^2 + y2^2)/2."""
    x = T([1.0, 3.0], True)
    _, var, xh = bn_1d(x, 0.0)
    y = 2.0 * xh
    y.retain_grad()
    (0.5 * (y ** 2).sum()).backward()
    dy, xhv, s = y.grad.numpy(), xh.detach().numpy(), np.sqrt(var.item())
    return close(2.0 / s * (dy - dy.mean() - xhv * (dy * xhv).mean()), x.grad) and close(x.grad, [0.0, 0.0])


def kob():
    res = repeat(kob_once, [(2, 0.0), (4, 1e-3), (5, 0.0)])
    if not kob_example():
        res["formula_y"] = "refuted"
    return res


# ---------------------------------------------------------------- zh_ai_notes_bn_softmax
def bn_cols(X, eps):
    mu = X.mean(0)
    var = ((X - mu) ** 2).mean(0)
    return mu, var, (X - mu) / torch.sqrt(var + eps)


def zai_once(N, Dd, eps, C):
    Xv = rnd(N, Dd)
    gv, bv = RNG.uniform(0.5, 2.5, Dd), rnd(Dd)
    X = T(Xv, True)
    mu, var, xh = bn_cols(X, eps)
    Y = T(gv) * xh + T(bv)
    Y.retain_grad()
    loss_of(Y).backward()
    dout, dX = Y.grad.numpy(), X.grad.numpy()
    muv, varv = mu.detach().numpy(), var.detach().numpy()
    s = np.sqrt(varv + eps)
    xhv = (Xv - muv) / s
    r = {}
    okc = okz = okl = oke = True
    for d in range(Dd):
        x, g = Xv[:, d], gv[d]
        # local partials of the graph x -> (mu, sigma^2) -> xhat
        dxh_dx_direct = 1 / s[d]
        dxh_dmu = -1 / s[d]
        dmu_dx = 1 / N
        dxh_dvar = -0.5 * (x - muv[d]) * (varv[d] + eps) ** -1.5      # vector over j
        dvar_dx = 2 * (x - muv[d]) / N                                 # vector over i
        # a scalar f of xhat: the sum of y_j, and a drawn non-linear one; compare with autograd
        for _ in (0,):          # y read as the sum of the y_j (the drawn L is the dL_chain check below)
            xt = T(x, True)
            _, _, h = bn_1d(xt, eps)
            gradf = torch.autograd.grad((g * h + bv[d]).sum(), xt)[0].numpy()
            hv = T(h.detach().numpy(), True)
            fh = (g * hv + bv[d]).sum()
            dfdh = torch.autograd.grad(fh, hv)[0].numpy()
            chain = np.array([dfdh[i] * dxh_dx_direct + sum(dfdh[j] * dxh_dmu * dmu_dx for j in range(N))
                              + sum(dfdh[j] * dxh_dvar[j] * dvar_dx[i] for j in range(N)) for i in range(N)])
            okc &= close(chain, gradf)
            m1 = np.array([g / s[d] + sum(g * (-1 / s[d]) / N for _ in range(N))
                           + sum(g * (-0.5 * (x[j] - muv[d]) * (varv[d] + eps) ** -1.5) * 2 * (x[i] - muv[d]) / N for j in range(N))
                           for i in range(N)])
            m2 = np.full(N, g / s[d] * (1 - 1 - sum((x[j] - muv[d]) / (N * (varv[d] + eps)) for j in range(N))))
            okz &= close(m1, gradf) and close(m2, gradf) and close(np.zeros(N), gradf)
        # the chain with a general non-linear function: dL/dxhat from autograd, L of Y
        xt = T(x, True)
        _, _, h = bn_1d(xt, eps)
        hv = T(h.detach().numpy(), True)
        G = T(rnd(N))
        Lf = lambda hh: (G * (g * hh + bv[d])).sum() + ((g * hh + bv[d]) ** 3).sum() / 3   # noqa: E731
        dLdh = torch.autograd.grad(Lf(hv), hv)[0].numpy()
        gx = torch.autograd.grad(Lf(h), xt)[0].numpy()
        chain = np.array([dLdh[i] * dxh_dx_direct + sum(dLdh[j] * dxh_dmu * dmu_dx for j in range(N))
                          + sum(dLdh[j] * dxh_dvar[j] * dvar_dx[i] for j in range(N)) for i in range(N)])
        okl &= close(chain, gx)
        # expansion with dout (the batch's own dL/dY column)
        do = dout[:, d]
        e1 = np.array([g / s[d] * do[i] + sum(g * (-1 / s[d]) / N * do[j] for j in range(N))
                       + sum(g * (-0.5 * (x[j] - muv[d]) * (varv[d] + eps) ** -1.5) * 2 * (x[i] - muv[d]) / N * do[j] for j in range(N))
                       for i in range(N)])
        e2 = np.array([g / s[d] * (do[i] - sum(do[j] / N for j in range(N))
                                   - sum(xhv[j, d] * (x[i] - muv[d]) * do[j] / (N * s[d]) for j in range(N))) for i in range(N)])
        e3 = np.array([g / s[d] * (do[i] - sum(do[j] / N for j in range(N))
                                   - sum(xhv[j, d] * xhv[i, d] * do[j] / N for j in range(N))) for i in range(N)])
        oke &= close(e1, dX[:, d]) and close(e2, dX[:, d]) and close(e3, dX[:, d])
    r.update({"dy_chain": okc, "dy_zero": okz, "dL_chain": okl, "l_chain": okl, "dL_expand": oke})
    pref = gv / (N * s)
    read1 = pref * (N * dout - dout.sum(0) - (dout * xhv).sum(0))        # sum_N (dout * xhat), broadcast
    read2 = pref * (N * dout - dout.sum(0) - dout.sum(0) * xhv)          # (sum_N dout) * xhat
    r["dx_vec"] = close(read1, dX) or close(read2, dX)
    # softmax loss for one sample (+ a penalty independent of z)
    z = T(rnd(C), True)
    y = int(RNG.integers(C))
    lam, W = 0.3, T(rnd(C))
    loss = -torch.log_softmax(z, 0)[y] + lam * (W ** 2).sum()
    gz = torch.autograd.grad(loss, z)[0].numpy()
    P = torch.softmax(z, 0).detach().numpy()
    r["sm_other"] = all(isc(P[i], gz[i]) for i in range(C) if i != y)
    r["sm_label"] = isc(P[y] - 1, gz[y])
    return r


def zai():
    return repeat(zai_once, [(3, 1, 1e-5, 3), (4, 2, 0.0, 5), (6, 3, 1e-3, 4)])


# ---------------------------------------------------------------- zh_bn_alt_backward
def zba_once(N, Dd, eps):
    Xv = rnd(N, Dd)
    gv, bv = RNG.uniform(0.5, 2.5, Dd), rnd(Dd)
    X = T(Xv, True)
    gam, bet = T(gv, True), T(bv, True)
    mu, var, xh = bn_cols(X, eps)
    Y = gam * xh + bet
    Y.retain_grad()
    xh.retain_grad()
    loss_of(Y).backward()
    dout, dX = Y.grad.numpy(), X.grad.numpy()
    muv, vv = mu.detach().numpy(), var.detach().numpy()
    sig = np.sqrt(vv + eps)
    xhv = (Xv - muv) / sig
    dxh = xh.grad.numpy()
    r = {"dgamma": close((dout * xhv).sum(0), gam.grad),
         "dxhat": close(dout * gv, dxh)}
    # dL/dmu with sigma held: L(mu) through xhat = (X - mu)/sigma
    mut = T(muv, True)
    G = T(rnd(N, Dd))

    def Lof(Yy):
        return (G * Yy).sum() + (Yy ** 3).sum() / 3
    # recompute dL/dxhat for this L so that every comparison uses one loss
    xhf = T(xhv, True)
    dLdxh = torch.autograd.grad(Lof(T(gv) * xhf + T(bv)), xhf)[0].numpy()
    dLdmu = torch.autograd.grad(Lof(T(gv) * (T(Xv) - mut) / T(sig) + T(bv)), mut)[0].numpy()
    r["dLdmu"] = close(-(1 / sig) * dLdxh.sum(0), dLdmu)
    sgt = T(sig, True)
    dLdsig = torch.autograd.grad(Lof(T(gv) * (T(Xv) - T(muv)) / sgt + T(bv)), sgt)[0].numpy()
    r["dLdsig"] = close(-(1 / sig) * (dLdxh * xhv).sum(0), dLdsig)
    # dv/dx and dsigma/dx by autograd (per feature column)
    okv = oks = True
    for d in range(Dd):
        x = Xv[:, d]
        m = muv[d]
        Jv = jac(lambda v: ((v - v.mean()) ** 2).mean(), T(x)).numpy()
        Js = jac(lambda v: torch.sqrt(((v - v.mean()) ** 2).mean() + eps), T(x)).numpy()
        okv &= all(isc(2 / N * (x[i] - m) * (1 - 1 / N) - 2 / N ** 2 * sum(x[k] - m for k in range(N) if k != i), Jv[i])
                   for i in range(N))
        oks &= all(isc(1 / (2 * sig[d]) * Jv[i], Js[i]) and isc(1 / (2 * sig[d]) * 2 / N * (x[i] - m), Js[i])
                   and isc((x[i] - m) / (N * sig[d]), Js[i]) and isc(xhv[i, d] / N, Js[i]) for i in range(N))
    r["dv"], r["dsig"] = okv, oks
    # the combination and the simplified forms, with this L's dL/dxhat and the true dL/dX
    Xt = T(Xv, True)
    _, _, h = bn_cols(Xt, eps)
    gX = torch.autograd.grad(Lof(T(gv) * h + T(bv)), Xt)[0].numpy()
    mu_term = -(1 / sig) * dLdxh.sum(0)
    sig_term = -(1 / sig) * (dLdxh * xhv).sum(0)
    comb = dLdxh / sig + mu_term / N + sig_term * xhv / N
    comb2 = dLdxh / sig - dLdxh.sum(0) / (N * sig) - xhv / (N * sig) * (dLdxh * xhv).sum(0)
    r["combine"] = close(comb, gX) and close(comb2, gX)
    boxed = (N * dLdxh - dLdxh.sum(0) - xhv * (dLdxh * xhv).sum(0)) / (N * sig)
    r["boxed"] = close(boxed, gX)
    vec = (N * dLdxh - np.ones((N, 1)) * dLdxh.sum(0) - xhv * (dLdxh * xhv).sum(0)) / (N * sig)
    r["vec"] = close(vec, gX)
    return r


def zba():
    return repeat(zba_once, [(4, 3, 1e-5), (3, 2, 0.0), (6, 1, 1e-2)])


# ---------------------------------------------------------------- zh_rmsnorm_backward
def zrm_once(Dd, eps):
    xv = rnd(Dd)
    gv = RNG.uniform(0.5, 2.5, Dd)
    x, gam = T(xv, True), T(gv, True)
    r_ = torch.sqrt((x ** 2).mean() + eps)
    xh = x / r_
    y = gam * xh
    y.retain_grad()
    loss_of(y).backward()
    dy, dx = y.grad.numpy(), x.grad.numpy()
    rv = np.sqrt((xv ** 2).mean() + eps)
    xhv = xv / rv
    res = {"dgamma": close(dy * xhv, gam.grad)}
    Jr = jac(lambda v: torch.sqrt((v ** 2).mean() + eps), T(xv)).numpy()
    res["dr"] = all(isc(1 / (2 * rv) * 2 * xv[i] / Dd, Jr[i]) and isc(xv[i] / (Dd * rv), Jr[i]) for i in range(Dd))
    dLdxh = gv * dy                                   # dL/dxhat (y = gamma xhat)
    rt = T(rv, True)
    G2 = T(dLdxh)
    dLdr = torch.autograd.grad((G2 * (T(xv) / rt)).sum(), rt)[0].item()   # linear in xhat with the same gradient
    res["dLdr"] = isc(-(1 / rv ** 2) * (dLdxh * xv).sum(), dLdr)
    res["combine"] = close(dLdxh / rv + dLdr * xv / (Dd * rv), dx)
    res["final"] = close(gv / rv * (dy - xv / (Dd * rv ** 2) * (gv * dy * xv).sum()), dx)
    return res


def zrm():
    return repeat(zrm_once, [(3, 0.0), (4, 1e-2), (7, 1e-5)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
