"""Independent truth for the forty-fifth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout45.py`` writes the ``*.truth.json`` sidecars of ``heldout45/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout45/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (nothing of symbp was run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout45"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, write_and_report)  # noqa: E402
from heldout45.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2045)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- vivilearns_softmax_loss_en
def vsm_once(N, C):
    """Raw scores s* (N x C), s = s* - row max, mean cross entropy of the correct classes."""
    Sst = rnd(N, C) * 2
    y = RNG.integers(0, C, N)
    s = Sst - Sst.max(1, keepdims=True)
    p = np.exp(s) / np.exp(s).sum(1, keepdims=True)
    py = p[np.arange(N), y]
    # dloss/dsoftmax: the correct-class probabilities as free variables
    q = T(py, True)
    g_q = torch.autograd.grad(-(torch.log(q)).mean(), q)[0].numpy()
    r = {"dsoft": close(g_q, -1 / (N * py))}
    # Jacobian of softmax(x_i, y_i) with respect to the normalized scores of row i
    ok1 = ok2 = True
    for i in range(N):
        Jrow = jac(lambda v: torch.softmax(v, 0)[y[i]], T(s[i])).numpy()     # d p_{i,y_i} / d s_ij
        e = np.exp(s[i])
        for j in range(C):
            dl = 1.0 if j == y[i] else 0.0
            if N > C:
                ok1 = False                        # the written sum reaches s_ic for c > C: no such score
            else:
                den = e[:N].sum() ** 2
                ok1 &= isc((dl * e[y[i]] * e.sum() - e[y[i]] * e[j]) / den, Jrow[j])
            ok2 &= isc(py[i] * (dl - p[i, j]), Jrow[j])
    r["quot1"], r["quot2"] = ok1, ok2
    # dloss/ds with s free, and the total derivative through the max
    st = T(s, True)
    L = torch.nn.functional.cross_entropy(st, torch.tensor(y))
    g_s = torch.autograd.grad(L, st)[0].numpy()
    D = np.zeros((N, C))
    D[np.arange(N), y] = 1.0
    r["dloss_s"] = close(-(py[:, None] * (D - p)) / (N * py[:, None]), g_s)
    sst = T(Sst, True)
    s2 = sst - sst.max(1, keepdim=True).values
    L2 = torch.nn.functional.cross_entropy(s2, torch.tensor(y))
    g_star = torch.autograd.grad(L2, sst)[0].numpy()
    A = np.zeros((N, C))
    A[np.arange(N), Sst.argmax(1)] = 1.0
    r["dloss_sstar"] = close(g_s - A * g_s.sum(1, keepdims=True), g_star)
    return r


def vsm():
    return repeat(vsm_once, [(4, 3), (2, 5), (5, 4)])


# ---------------------------------------------------------------- vivilearns_batchnorm_en
def vbn_once(N, D, eps):
    X = rnd(N, D)
    gamma, beta = rnd(D), rnd(D)
    m = X.mean(0)
    v = ((X - m) ** 2).mean(0)
    sd = np.sqrt(v + eps)
    Jm = jac(lambda Z: Z.mean(0), T(X)).numpy()                        # [k, l, k']
    Jv = jac(lambda Z: ((Z - Z.mean(0)) ** 2).mean(0), T(X)).numpy()   # [k, l, k']

    def bn(Z):
        mu = Z.mean(0)
        var = ((Z - mu) ** 2).mean(0)
        return T(gamma) * (Z - mu) / torch.sqrt(var + eps) + T(beta)
    Jy = jac(bn, T(X)).numpy()                                         # [i, k, l, k']
    r = {"mean": all(isc(Jm[k, l, k], 1 / N) for k in range(D) for l in range(N)),
         "var2": all(isc(2 * sum((X[i, k] - m[k]) * ((i == l) - 1 / N) for i in range(N)) / N, Jv[k, l, k])
                     for k in range(D) for l in range(N)),
         "var4": all(isc(2 * (X[l, k] - m[k]) / N, Jv[k, l, k]) for k in range(D) for l in range(N)),
         "inner": all(isc(gamma[k] * (((i == l) - 1 / N) / sd[k] - (X[i, k] - m[k]) * (X[l, k] - m[k]) / (N * sd[k] ** 3)),
                          Jy[i, k, l, k]) for i in range(N) for l in range(N) for k in range(D))}
    Xt, gt, bt = T(X, True), T(gamma, True), T(beta, True)
    mu = Xt.mean(0)
    var = ((Xt - mu) ** 2).mean(0)
    Y = gt * (Xt - mu) / torch.sqrt(var + eps) + bt
    Y.retain_grad()
    loss_of(Y).backward()
    G, gX = Y.grad.numpy(), Xt.grad.numpy()
    c1 = np.array([[sum(G[j, k] * Jy[j, k, l, k] for j in range(N)) for k in range(D)] for l in range(N)])
    c3 = np.array([[gamma[k] / sd[k] * (sum(G[j, k] * ((j == l) - 1 / N) for j in range(N))
                                         - sum(G[j, k] * (X[j, k] - m[k]) * (X[l, k] - m[k]) / (N * (v[k] + eps)) for j in range(N)))
                    for k in range(D)] for l in range(N)])
    c4 = np.array([[gamma[k] / sd[k] * (G[l, k] - G[:, k].sum() / N
                                         - sum(G[j, k] * (X[j, k] - m[k]) * (X[l, k] - m[k]) / (v[k] + eps) for j in range(N)) / N)
                    for k in range(D)] for l in range(N)])
    r.update({"chain1": close(c1, gX), "chain3": close(c3, gX), "chain4": close(c4, gX),
              "dgamma": close((G * (X - m) / sd).sum(0), gt.grad),
              "dbeta": close(G.sum(0), bt.grad)})
    return r


def vbn():
    return repeat(vbn_once, [(4, 3, 1e-5), (5, 2, 0.3), (3, 4, 1e-5)])


# ---------------------------------------------------------------- attention_backprop_example_en
def att_once(n, m, d, dv):
    Qt, Kt, Vt = T(rnd(n, d), True), T(rnd(m, d), True), T(rnd(m, dv), True)
    S = Qt @ Kt.T
    S.retain_grad()
    P = torch.softmax(S, 1)
    P.retain_grad()
    O = P @ Vt
    O.retain_grad()
    loss_of(O).backward()
    G, gP, gS = O.grad.numpy(), P.grad.numpy(), S.grad.numpy()
    Pv, Ov, Vv, Kv, Sv = (t.detach().numpy() for t in (P, O, Vt, Kt, S))
    r = {"dV": close(Pv.T @ G, Vt.grad),
         "dP": close(G @ Vv.T, gP),
         "dS": close(gP * Pv - (G * Ov).sum(1, keepdims=True) * Pv, gS),
         "dQ": close(gS @ Kv, Qt.grad)}
    # the entry-level rows are about the 3 x 3 example; they are checked where the sizes are 3 x 3
    if (n, m, d, dv) == (3, 3, 3, 3):
        p = Pv
        M = np.array([[p[0, 0] * (1 - p[0, 0]), -p[0, 0] * p[0, 1], -p[0, 0] * p[0, 2]],
                      [-p[0, 0] * p[0, 1], p[1, 1] * (1 - p[1, 1]), -p[0, 1] * p[0, 2]],
                      [-p[0, 0] * p[0, 2], -p[0, 1] * p[0, 2], p[2, 2] * (1 - p[2, 2])]])
        page_dV = np.array([[sum(p[mm, i] * G[mm, j] for mm in range(3)) for j in range(3)] for i in range(2)]
                           + [[p[2, 0] * G[2, 0] + p[2, 1] * G[2, 1] + p[2, 2] * G[2, 2]] * 3])
        e = np.exp(Sv[0])
        E = e.sum()
        Jp = jac(lambda z: torch.softmax(z, 0), T(Sv[0])).numpy()        # [a, b] = dp_1a / ds_1b
        r.update({"dV_mat": close(page_dV, Vt.grad),
                  "dp11": all(isc(x, Jp[0, 0]) for x in [(e[0] * E - e[0] * e[0]) / E ** 2, e[0] / E - e[0] ** 2 / E ** 2,
                                                           p[0, 0] - p[0, 0] ** 2]),
                  "ds11": isc(gP[0, 0] * (p[0, 0] - p[0, 0] ** 2) + gP[0, 1] * (-p[0, 0] * p[0, 1]) + gP[0, 2] * (-p[0, 0] * p[0, 2]), gS[0, 0]),
                  "dS1_jac": close(gP[0] @ M, gS[0]),
                  "jac_id": close(M, np.diag(p[0]) - np.outer(p[0], p[0]))})
    return r


def att():
    return repeat(att_once, [(3, 3, 3, 3), (3, 3, 3, 3), (4, 5, 2, 3), (2, 3, 4, 2)])


# ---------------------------------------------------------------- d2lzh_bptt_zh
def bpt_once(d, h, q, Tn):
    Whx, Whh, Wqh = T(rnd(h, d), True), T(rnd(h, h) * 0.6, True), T(rnd(q, h), True)
    xs = [rnd(d) for _ in range(Tn)]
    ys = RNG.integers(0, q, Tn)
    h0 = T(rnd(h))
    hs, os_ = [h0], []
    for t in range(Tn):
        ht = Whx @ T(xs[t]) + Whh @ hs[-1]
        ht.retain_grad()
        hs.append(ht)
        ot = Wqh @ ht
        ot.retain_grad()
        os_.append(ot)
    ells = [torch.nn.functional.cross_entropy(o[None], torch.tensor([int(y)])) for o, y in zip(os_, ys)]
    L = sum(ells) / Tn
    # dl(o_t, y_t)/do_t of each step alone (before L's backward frees the graph)
    dl = [torch.autograd.grad(ells[t], os_[t], retain_graph=True)[0].clone().numpy() for t in range(Tn)]
    for v in os_ + hs[1:]:
        v.grad = None          # a retain_grad hook may also fire inside autograd.grad: start clean
    L.backward()
    go = [o.grad.numpy() for o in os_]                 # go[t-1] = dL/do_t
    gh = [hh.grad.numpy() for hh in hs[1:]]            # gh[t-1] = dL/dh_t (total)
    hv = [hh.detach().numpy() for hh in hs]            # hv[t] = h_t, hv[0] = h_0
    Wq, Wh = Wqh.detach().numpy(), Whh.detach().numpy()
    gen_ok = True
    for t in range(1, Tn + 1):
        tot = sum(np.linalg.matrix_power(Wh.T, Tn - i) @ Wq.T @ go[Tn + t - i - 1] for i in range(t, Tn + 1))
        gen_ok &= close(tot, gh[t - 1])
    return {"do": all(close(dl[t] / Tn, go[t]) for t in range(Tn)),
            "Wqh": close(sum(np.outer(go[t], hv[t + 1]) for t in range(Tn)), Wqh.grad),
            "hT": close(Wq.T @ go[-1], gh[-1]),
            "ht": all(close(Wh.T @ gh[t] + Wq.T @ go[t - 1], gh[t - 1]) for t in range(1, Tn)),
            "gen": gen_ok,
            "Whx": close(sum(np.outer(gh[t], xs[t]) for t in range(Tn)), Whx.grad),
            "Whh": close(sum(np.outer(gh[t], hv[t]) for t in range(Tn)), Whh.grad)}


def bpt():
    return repeat(bpt_once, [(3, 4, 2, 4), (2, 3, 3, 3), (4, 2, 3, 5)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
