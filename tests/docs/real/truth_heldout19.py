"""Independent truth for the nineteenth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout19.py`` writes the ``*.truth.json`` sidecars of ``heldout19/``,
by the method and in the format of ``truth_heldout18.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout19/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout19"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout19.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(1919)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
onehot = onehot_of(RNG)


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def softmax(v):
    e = np.exp(v - np.max(v))
    return e / e.sum()


# ---------------------------------------------------------------- mukul_cnn_backprop_en
def muk_conv_once(m, H, W, C, F, K):
    X, Wt, b = rnd(m, H, W, C), rnd(F, F, C, K), rnd(K)
    Xt, Wtt, bt = T(X, True), T(Wt, True), T(b, True)
    OH, OW = H - F + 1, W - F + 1
    Z = torch.zeros(m, OH, OW, K)
    for i in range(OH):
        for j in range(OW):
            Z[:, i, j, :] = torch.einsum("nabc,abck->nk", Xt[:, i:i + F, j:j + F, :], Wtt) + bt
    Ltot = loss_of(Z)                      # a sum over the examples of per-example losses
    J = Ltot / m
    Z.retain_grad()
    Ltot.backward(retain_graph=True)
    dZ = Z.grad.numpy().copy()             # dL^{(m_i)}/dZ^{(m_i)} (per-example reading)
    dX = Xt.grad.numpy().copy()            # dL^{(m_i)}/dX^{(m_i)}
    Xt.grad = None
    Wtt.grad = None
    bt.grad = None
    J.backward()
    gW, gb = Wtt.grad.numpy(), bt.grad.numpy()
    claimW = np.zeros_like(Wt)
    for a in range(F):
        for bb in range(F):
            for c in range(C):
                for k in range(K):
                    claimW[a, bb, c, k] = sum(dZ[n, i, j, k] * X[n, i + a, j + bb, c]
                                              for n in range(m) for i in range(OH) for j in range(OW)) / m
    claimb = np.array([dZ[:, :, :, k].sum() / m for k in range(K)])

    def dz(n, i, j, k):
        return dZ[n, i, j, k] if 0 <= i < OH and 0 <= j < OW else 0.0
    claimX = np.zeros_like(X)
    for n in range(m):
        for i in range(H):
            for j in range(W):
                for c in range(C):
                    claimX[n, i, j, c] = sum(dz(n, i - a, j - bb, k) * Wt[a, bb, c, k]
                                             for k in range(K) for a in range(F) for bb in range(F))
    return {"c_dW": close(claimW, gW), "c_db": close(claimb, gb), "c_dX": close(claimX, dX)}


def muk_fc_once(nin, nout, m):
    A, W, b = rnd(nin, m), rnd(nout, nin), rnd(nout, 1)
    Wt, bt = T(W, True), T(b, True)
    Z = Wt @ T(A) + bt
    Z.retain_grad()
    Ltot = loss_of(Z)                      # column n: example n's loss
    (Ltot / m).backward()
    dZ = Z.grad.numpy() * m                # per-example dL/dZ
    gW = Wt.grad.numpy()
    claim = dZ @ A.T / m
    return {"fc_dW": all(isc(claim[j, k], gW[j, k]) for j in range(nout) for k in range(nin))}


def muk_soft_once(K):
    z = rnd(K)
    s = softmax(z)
    Jsm = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()   # [k, j] = d a_k / d z_j
    r = {"sm_g": [], "dJ_dyhat": [], "sm_mj": [], "expanded": [], "tidy": []}
    for y in (onehot(K), np.abs(rnd(K)) + 0.1):
        zt = T(z, True)
        L = -(T(y) * torch.log_softmax(zt, 0)).sum()
        g = torch.autograd.grad(L, zt)[0].numpy()
        yh = T(s, True)
        gy = torch.autograd.grad(-(T(y) * torch.log(yh)).sum(), yh)[0].numpy()
        r["dJ_dyhat"].append(close(-y / s, gy))
        r["sm_mj"].append(all(isc(-s[j] * s[mm], Jsm[mm, j]) and
                              isc(-np.exp(z[j]) * np.exp(z[mm]) / np.exp(z).sum() ** 2, Jsm[mm, j])
                              for j in range(K) for mm in range(K) if mm != j))
        r["expanded"].append(all(isc(-y[j] / s[j] * s[j] * (1 - s[j]) +
                                     sum(-y[k] / s[k] * -s[j] * s[k] for k in range(K) if k != j), g[j])
                                 for j in range(K)))
        r["tidy"].append(all(isc(-y[j] + s[j] * y.sum(), g[j]) for j in range(K)))
        if y.sum() == 1 and set(np.unique(y)) <= {0.0, 1.0}:
            r["sm_g"].append(close(gy * s * (1 - s), g))      # entrywise dJ/dA * g'(Z)
    return {k: all(v) for k, v in r.items()}


def muk():
    res = repeat(muk_conv_once, [(2, 5, 5, 2, 3, 3), (3, 4, 6, 1, 2, 2)])
    res.update(repeat(muk_fc_once, [(3, 2, 4), (4, 3, 2)]))
    res.update(repeat(muk_soft_once, [(3,), (5,)]))
    return res


# ---------------------------------------------------------------- qiudao_sigmoid_bce_zh
def qiu_once(N, C, K):
    x = rnd(5) * 2
    p = sig(x)
    d = dphi(torch.sigmoid, x)
    e = np.exp(-x)
    chain = [-1 * 1 / (1 + e) ** 2 * e * (-1), e / (1 + e) ** 2, 1 / (1 + e) * (e + 1 - 1) / (1 + e),
             1 / (1 + e) * (1 - 1 / (1 + e)), p * (1 - p)]
    r = {"sig_d": all(close(c, d) for c in chain)}
    ok_ce, ok_comb = True, True
    for y in (0.0, 1.0):
        pt = T(p, True)
        Lp = -(y * torch.log(pt) + (1 - y) * torch.log(1 - pt)).sum()
        gp = torch.autograd.grad(Lp, pt)[0].numpy()
        ok_ce &= close(-1 / p if y == 1 else 1 / (1 - p), gp)
        xt = T(x, True)
        q = torch.sigmoid(xt)
        Lx = -(y * torch.log(q) + (1 - y) * torch.log(1 - q)).sum()
        gx = torch.autograd.grad(Lx, xt)[0].numpy()
        case1 = -1 / p * p * (1 - p) if y == 1 else 1 / (1 - p) * p * (1 - p)
        case2 = p - 1 if y == 1 else p
        ok_comb &= close(gp * d, gx) and close(case1, gx) and close(case2, gx) and close(p - y, gx)
    r["ce_d"], r["comb"] = ok_ce, ok_comb
    X, W = rnd(N, C), rnd(C, K)
    Y = (RNG.random((N, K)) < 0.5).astype(float)
    Wt = T(W, True)
    P = torch.sigmoid(T(X) @ Wt)
    L = -(T(Y) * torch.log(P) + (1 - T(Y)) * torch.log(1 - P)).sum()
    gW = torch.autograd.grad(L, Wt)[0].numpy()
    r["dW"] = close(X.T @ (sig(X @ W) - Y), gW)
    return r


def qiu():
    return repeat(qiu_once, [(1, 3, 1), (4, 3, 2), (5, 2, 3)])


# ---------------------------------------------------------------- jedha_backprop_neurone_fr
def fra_once(z):
    t = 1.0
    zt = T(z, True)
    yt = torch.sigmoid(zt)
    yv = yt.detach().numpy()
    ytt = T(yv, True)
    dJ = torch.autograd.grad((0.5 * (ytt - t) ** 2).sum(), ytt)[0].numpy()
    f = yv
    d = dphi(torch.sigmoid, z)
    e = np.exp(-z)
    r = {"dJ_def": close(dJ, yv - t),
         "dJ_mid": close(0.5 * 2 * (yv - t) * 1, dJ),
         "df_1": close(-(-e) / (1 + e) ** 2, d) and close(e / (1 + e) ** 2, d),
         "df_sub": close((1 - f) / f * 1 / (1 + (1 - f) / f) ** 2, d),
         "df_2": close((1 - f) * f, d)}
    return r


def fra():
    res = repeat(lambda: fra_once(rnd(4) * 2), [()] * 3)
    res.update(repeat(lambda: fra_once(np.array([1.0])), [()]))
    y1 = sig(1.0)
    res["dJ_num"] = verdict(rounded(0.731, y1) and rounded(-0.269, y1 - 1.0))
    return res


# ---------------------------------------------------------------- aprendizaje_backprop_neurona_es
def esp_chain_once(m, n):
    a, c = rnd(1)[0], rnd(1)[0]
    x = rnd(1)[0]
    g = lambda v: torch.sin(a * v) + v ** 2            # noqa: E731
    f = lambda v: v ** 3 + c * v                       # noqa: E731
    xt = T(x, True)
    dzdx = torch.autograd.grad(f(g(xt)), xt)[0].item()
    y = g(T(x)).item()
    dzdy = 3 * y ** 2 + c
    dydx = a * np.cos(a * x) + 2 * x
    A, B = rnd(n, m), rnd(n)
    gv = lambda v: torch.tanh(T(A) @ v)               # noqa: E731
    fv = lambda u: (T(B) * u ** 2).sum() + u.sum() ** 3  # noqa: E731
    xv = rnd(m)
    xvt = T(xv, True)
    dz = torch.autograd.grad(fv(gv(xvt)), xvt)[0].numpy()
    yv = gv(T(xv))
    yvt = yv.clone().requires_grad_(True)
    dzdyv = torch.autograd.grad(fv(yvt), yvt)[0].numpy()
    Jg = jac(gv, T(xv)).numpy()                      # [j, i] = dy_j/dx_i
    return {"ch1": isc(dzdx, dzdy * dydx),
            "chv": all(isc(dz[i], sum(dzdyv[j] * Jg[j, i] for j in range(n))) for i in range(m))}


def esp_neuron_once(n, d):
    X, w, z = rnd(d, n), rnd(d), rnd(n)           # X[j, i] = x_{j,i}
    wt = T(w, True)
    zh = wt @ T(X)
    zh.retain_grad()
    E = 0.5 * ((T(z) - zh) ** 2).sum()
    E.backward()
    dzh, gw = zh.grad.numpy(), wt.grad.numpy()
    zhv = w @ X
    Jz = jac(lambda v: v @ T(X), T(w)).numpy()     # [i, j] = dz-hat_i / dw_j
    return {"dE_dz": all(isc(-(z - zhv).sum(), dzh[i]) for i in range(n)),
            "dz_dw": all(isc(Jz[i, j], X[j, i]) for i in range(n) for j in range(d)),
            "dE_dw_chain": all(isc(dzh[i] * X[j, i], gw[j]) for i in range(n) for j in range(d)),
            "dE_dw": all(isc(-((z - zhv) * X[j]).sum(), gw[j]) for j in range(d))}


def esp():
    res = repeat(esp_chain_once, [(2, 3), (4, 2)])
    res.update(repeat(esp_neuron_once, [(3, 2), (5, 3)]))
    return res


# ---------------------------------------------------------------- backprop_descomplicado_pt
def por_once(nin, nh, nout):
    x, W1, W2, F = rnd(nin), rnd(nin, nh), rnd(nh, nout), rnd(nout)
    W1t, W2t = T(W1, True), T(W2, True)
    net1 = T(x) @ W1t
    net1.retain_grad()
    o1 = torch.sigmoid(net1)
    o1.retain_grad()
    net2 = o1 @ W2t
    net2.retain_grad()
    N = torch.sigmoid(net2)
    E = 0.5 * ((T(F) - N) ** 2).sum()
    E.backward()
    ok_chain, ok_G = True, True
    o1v = o1.detach().numpy()
    for (o, net, gW) in ((x, net1.grad.numpy(), W1t.grad.numpy()), (o1v, net2.grad.numpy(), W2t.grad.numpy())):
        for i in range(len(o)):
            for j in range(len(net)):
                delta = net[j]                      # dE/d(o_i w_ij) = dE/dnet_j
                ok_chain &= isc(gW[i, j], delta * o[i]) and isc(o[i] * delta, gW[i, j])
    for i in range(nh):                             # hidden outputs o_i in (0, 1) feed layer 2
        for j in range(nout):
            ok_G &= isc(net2.grad.numpy()[j], o1v[i] * net2.grad.numpy()[j])
    return {"chain": ok_chain, "G": ok_G}


def por():
    return repeat(por_once, [(2, 3, 1), (3, 2, 2)])


# ---------------------------------------------------------------- studyai_sigmoid_deriv_ja
def jap_once():
    z, x = rnd(4) * 2, rnd(4) * 2
    d = dphi(torch.sigmoid, z)
    a = sig(z)
    return {"j_chain": close(-1 * (1 + np.exp(-x)) ** -2 * np.exp(-z) * (-1), d),
            "j_mid": close(1 / (1 + np.exp(-z)) * np.exp(-z) / (1 + np.exp(-z)), d),
            "j_final": close(a * (1 - a), d)}


def jap():
    return repeat(jap_once, [()] * 3)


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
