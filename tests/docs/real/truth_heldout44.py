"""Independent truth for the forty-fourth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout44.py`` writes the ``*.truth.json`` sidecars of ``heldout44/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes and seeded
random draws, and holds only if it holds every time; its ``why`` in ``heldout44/claims_table.py``
says the reading.  Written before anything of symbp was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout44"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, write_and_report)  # noqa: E402,F401
from heldout44.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2044)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def grad_of(f, v):
    """Gradient of the scalar f at the numpy array v (autograd)."""
    t = T(v, True)
    return torch.autograd.grad(f(t), t)[0].numpy()


def jac_np(f, v):
    """Jacobian [out..., in...] of f at the numpy array v."""
    return jac(f, T(v)).numpy()


# ---------------------------------------------------------------- liorsinai_layernorm_backprop_en
def lio_once(n):
    x = rnd(n)
    eps = float(RNG.uniform(0.05, 0.5))
    a, b = float(RNG.uniform(0.5, 2.0)), float(rnd(1)[0])
    mean = lambda v: v.mean()                                       # noqa: E731
    std = lambda v: torch.sqrt(((v - v.mean()) ** 2).mean())        # noqa: E731

    def z_of(v, a=1.0, b=0.0):
        return a * (v - mean(v)) / (std(v) + eps) + b

    mu, sg = x.mean(), x.std()
    dmu = grad_of(mean, x)                                          # dmu/dx_i
    dsg = grad_of(std, x)                                           # dsigma/dx_i
    inv = grad_of(lambda v: 1.0 / (std(v) + eps), x)                # d(sigma+eps)^{-1}/dx_i
    Jz = jac_np(z_of, x).T                                          # [i, k] = dz_k/dx_i (a = 1)
    Ja = jac_np(lambda v: z_of(v, a, b), x).T
    I = np.eye(n)
    dxk = I - dmu[:, None]                                          # [i, k] = d(x_k - mu)/dx_i
    r = {}
    # chain, with a drawn L of z (a = 1, b = 0, then drawn a, b)
    ok = True
    for (aa, bb, J) in [(1.0, 0.0, Jz), (a, b, Ja)]:
        G = rnd(n)
        L = lambda v: (T(G) * z_of(v, aa, bb)).sum() + (z_of(v, aa, bb) ** 3).sum() / 3    # noqa: E731
        z = (x - mu) / (sg + eps) * aa + bb
        ok &= close(J @ (G + z ** 2), grad_of(L, x))
    r["chain"] = ok
    xm = (x - mu)[None, :]                                          # row k
    r["zk_b"] = close(dxk / (sg + eps) + xm * inv[:, None], Jz)
    zc = (I - dmu[:, None]) / (sg + eps) - xm * (sg + eps) ** -2 * (dsg[:, None] + 0)
    r["zk_c"] = close(zc, Jz)
    zd = (I - dmu[:, None]) / (sg + eps) - xm / (sg + eps) ** 2 * dsg[:, None]
    r["zk_d"] = close(zd, Jz)
    r["mu"] = close(np.full(n, 1.0 / n), dmu) and all(isc(np.eye(n)[i].sum() / n, dmu[i]) for i in range(n))
    var = ((x - mu) ** 2).mean()
    dvar = grad_of(lambda v: ((v - v.mean()) ** 2).mean(), x)
    r["s_b"] = close(0.5 * var ** -0.5 * dvar, dsg)
    r["s_c"] = close(np.array([(1 / (2 * sg)) * (1 / n) * sum(2 * (x[q] - mu) * (I[i, q] - dmu[i]) for q in range(n))
                               for i in range(n)]), dsg)
    r["s_d"] = close(np.array([(1 / (n * sg)) * ((x[i] - mu) - sum((x[q] - mu) * dmu[i] for q in range(n)))
                               for i in range(n)]), dsg)
    r["s_e"] = close((x - mu) / (n * sg), dsg)
    r["sum_zk"] = close(a * zd, Ja)
    r["sum_mu"] = close(np.full(n, 1.0 / n), dmu)
    r["sum_sigma"] = close((x - mu) / (n * sg), dsg)
    at, bt = T(a, True), T(b, True)
    zt = at * (T(x) - T(x).mean()) / (std(T(x)) + eps) + bt
    da = np.array([torch.autograd.grad(zt[k], at, retain_graph=True)[0].item() for k in range(n)])
    db = np.array([torch.autograd.grad(zt[k], bt, retain_graph=True)[0].item() for k in range(n)])
    r["sum_a"] = close((x - mu) / (sg + eps), da)
    r["sum_b"] = close(np.ones(n), db)
    return r


def lio():
    return repeat(lio_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- shreyansh_layernorm_backward_en
def shl_once(N, B):
    eps = float(RNG.uniform(0.05, 0.5))
    x = rnd(N)
    g, be = rnd(N), rnd(N)

    def xhat_of(v):
        m = v.mean(-1, keepdim=True)
        return (v - m) * ((v - m) ** 2).mean(-1, keepdim=True).add(eps) ** -0.5

    def y_of(v, gg, bb):
        return xhat_of(v) * gg + bb

    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    rs = (var + eps) ** -0.5
    xh = (x - mu) * rs
    I = np.eye(N)
    r = {}
    r["dyk_dgamma"] = close(jac_np(lambda gg: y_of(T(x), gg, T(be)), g), xh[None, :] * I)   # [k, j]
    r["dyk_dbeta"] = close(jac_np(lambda bb: y_of(T(x), T(g), bb), be), I)
    G = rnd(N)
    Lf = lambda y: (T(G) * y).sum() + (y ** 3).sum() / 3            # noqa: E731
    y = xh * g + be
    dy = G + y ** 2                                                 # dL/dy
    gg = grad_of(lambda t: Lf(y_of(T(x), t, T(be))), g)
    gb = grad_of(lambda t: Lf(y_of(T(x), T(g), t)), be)
    Jg = jac_np(lambda t: y_of(T(x), t, T(be)), g)
    r["dgamma_chain"] = close(Jg.T @ dy, gg) and close(np.diag(Jg) * dy, gg) and close(dy * xh, gg)
    r["dbeta_chain"] = close(dy * 1, gb)
    # batch
    X = rnd(B, N)
    Gb = rnd(B, N)
    LB = lambda Y: (T(Gb) * Y).sum() + (Y ** 3).sum() / 3           # noqa: E731
    Xh = xhat_of(T(X)).numpy()
    Yb = Xh * g + be
    dY = Gb + Yb ** 2
    r["dgamma_batch"] = close((dY * Xh).sum(0), grad_of(lambda t: LB(y_of(T(X), t, T(be))), g))
    r["dbeta_batch"] = close(dY.sum(0), grad_of(lambda t: LB(y_of(T(X), T(g), t)), be))
    r["dyk_dxhat"] = close(jac_np(lambda h: h * T(g) + T(be), xh), g[None, :] * I)
    r["dxhat"] = close(dy * g, grad_of(lambda h: Lf(h * T(g) + T(be)), xh))
    Jxh = jac_np(xhat_of, x)                                        # [k, j] = dx-hat_k/dx_j
    dmu = grad_of(lambda v: v.mean(), x)
    drs = grad_of(lambda v: ((v - v.mean()) ** 2).mean().add(eps) ** -0.5, x)
    dvar = grad_of(lambda v: ((v - v.mean()) ** 2).mean(), x)
    dxk = jac_np(lambda v: v - v.mean(), x)                         # [k, j]
    r["prod"] = close(dxk * rs + (x - mu)[:, None] * drs[None, :], Jxh)
    r["dxk_mu"] = close(I - dmu[None, :], dxk) and close(I - 1.0 / N, dxk)
    r["drstd_eq4"] = close(-0.5 * rs ** 3 * dvar, drs)
    r["dvar_expand"] = close(np.array([2 / N * ((x[j] - mu) * (1 - 1 / N) + sum((x[p] - mu) * (-1 / N) for p in range(N) if p != j))
                                       for j in range(N)]), dvar)
    r["dvar_eq5"] = close(2 / N * (x - mu), dvar)
    r["drstd_eq6"] = close(-1 / N * rs ** 2 * xh, drs)
    r["eq7"] = close(rs / N * (N * I - 1 - np.outer(xh, xh)), Jxh)
    dxp = dy * g
    gx = grad_of(lambda v: Lf(y_of(v, T(g), T(be))), x)
    r["eq8"] = close(rs * (dxp - dxp.sum() / N - xh / N * (dxp * xh).sum()), gx)
    Xv = X
    rsb = (((Xv - Xv.mean(1, keepdims=True)) ** 2).mean(1) + eps) ** -0.5
    dXp = dY * g
    c2 = dXp.sum(1) / N
    c1 = (dXp * Xh).sum(1) / N
    gX = grad_of(lambda v: LB(y_of(v, T(g), T(be))), X)
    r["eq10"] = close(rsb[:, None] * (dY * g - c2[:, None] - Xh * c1[:, None]), gX)
    return r


def shl():
    return repeat(shl_once, [(3, 2), (4, 3), (6, 5)])


# ---------------------------------------------------------------- goubasarian_attention_backprop_en
def gou_once(n, m, h):
    r = {}
    # rules 2-7 (n != m)
    W = rnd(n, m)
    X1, X2 = rnd(m, n), rnd(m, n)
    G1 = rnd(n, n)
    L1 = lambda Y: (T(G1) * Y).sum() + (Y ** 3).sum() / 3           # noqa: E731
    Y1 = W @ X1
    r["p2"] = close(W.T @ (G1 + Y1 ** 2), grad_of(lambda t: L1(T(W) @ t), X1))
    G2 = rnd(m, m)
    L2 = lambda Y: (T(G2) * Y).sum() + (Y ** 3).sum() / 3           # noqa: E731
    Y2 = X2 @ W
    dY2 = G2 + Y2 ** 2
    r["p3"] = close(dY2 @ W.T, grad_of(lambda t: L2(t @ T(W)), X2))
    r["p4"] = close(W @ dY2.T, grad_of(lambda t: L2(t.T @ T(W)), X2.T.copy()))
    X = rnd(n, m)
    one = np.ones((m, 1))
    g1 = rnd(n, 1)
    Lr = lambda y: (T(g1) * y).sum() + (y ** 3).sum() / 3           # noqa: E731
    y1 = X @ one
    r["p5"] = close((g1 + y1 ** 2) @ one.T, grad_of(lambda t: Lr(t @ T(one)), X))
    xv = rnd(n, 1)
    G3 = rnd(n, m)
    Lb = lambda y: (T(G3) * y).sum() + (y ** 3).sum() / 3           # noqa: E731
    y2 = xv @ one.T
    r["p6"] = close((G3 + y2 ** 2) @ one, grad_of(lambda t: Lb(t @ T(one).T), xv))
    Wm = rnd(n, m)
    Ye = X * Wm
    r["p7"] = close((G3 + Ye ** 2) * Wm, grad_of(lambda t: Lb(t * T(Wm)), X))
    # attention: Q, K, V in R^{n x h}; scale c (1/sqrt(d_k) and 1/d_k, d_k = h)
    ok = {k: True for k in ["dV", "dB", "dB4", "dB3", "dB2", "dB1", "dW", "dK"]}
    for c in [1 / np.sqrt(h), 1 / h]:
        Q, K, V = T(rnd(n, h), True), T(rnd(n, h), True), T(rnd(n, h), True)
        Gc = T(rnd(n, h))
        Wt = Q @ K.T * c
        B1 = torch.exp(Wt)
        B2 = B1 @ torch.ones(n, 1, dtype=torch.float64)
        B3 = B2 ** -1
        B4 = B3 @ torch.ones(1, n, dtype=torch.float64)
        Bt = B1 * B4
        C = Bt @ V
        for t in (Wt, B1, B2, B3, B4, Bt, C):
            t.retain_grad()
        L = (Gc * C).sum() + (C ** 3).sum() / 3
        L.backward()
        gC, gB, gB1, gB2, gB3, gB4, gW = (t.grad.numpy() for t in (C, Bt, B1, B2, B3, B4, Wt))
        Bv, B1v, B2v, B4v = (t.detach().numpy() for t in (Bt, B1, B2, B4))
        Vv, Qv = V.detach().numpy(), Q.detach().numpy()
        z1 = Bv.T @ gC
        ok["dV"] &= close(z1, V.grad)
        ok["dB"] &= close(z1 @ Vv.T, gB)                 # zeta_1 is dL/dV
        ok["dB4"] &= close(B1v * gB, gB4)                # zeta_2 read as dL/dB
        ok["dB3"] &= close(gB4 @ np.ones((n, 1)), gB3)
        ok["dB2"] &= close(-(B2v * B2v) ** -1 * gB3, gB2)
        ok["dB1"] &= close(gB2 @ np.ones((1, n)) + gB4 * B4v, gB1)   # zeta_3 = dL/dB_4 as written
        ok["dW"] &= close(B1v * gB1, gW)
        ok["dK"] &= close(gW @ Qv / np.sqrt(h), K.grad)
        # the correct forms hold, so the refutations above are the rows' own slips
        assert close(gC @ Vv.T, gB) and close(gB2 @ np.ones((1, n)) + gB * B4v, gB1)
        assert close(c * gW.T @ Qv, K.grad) and close(c * gW @ K.detach().numpy(), Q.grad)
    r.update(ok)
    return r


def gou():
    return repeat(gou_once, [(3, 2, 2), (4, 3, 3), (5, 2, 4)])


# ---------------------------------------------------------------- shreyansh_softmax_ce_backward_en
def shs_once(K, B):
    Z = rnd(B, K)
    S = np.exp(Z) / np.exp(Z).sum(1, keepdims=True)
    r = {}
    okq = oks = okc = okd = oko = okj = okv = okb = True
    for i in range(B):
        z = Z[i]
        Jt = jac_np(lambda v: torch.softmax(v, 0), z)                # [j, k] = dS_ij/dZ_ik
        D = np.exp(z).sum()
        dE = jac_np(torch.exp, z)                                   # [j, k] = de^{z_j}/dz_k
        dD = grad_of(lambda v: torch.exp(v).sum(), z)
        quot = (D * dE - np.exp(z)[:, None] * dD[None, :]) / D ** 2
        okq &= close(quot, Jt)
        d = np.eye(K)
        s = S[i]
        sub1 = (D * np.exp(z)[:, None] * d - np.outer(np.exp(z), np.exp(z))) / D ** 2
        sub2 = np.exp(z)[:, None] / D * d - np.outer(np.exp(z) / D, np.exp(z) / D)
        oks &= close(sub1, Jt) and close(sub2, Jt)
        okc &= close(s[:, None] * (d - s[None, :]), Jt)
        okd &= all(isc(s[j] * (1 - s[j]), Jt[j, j]) for j in range(K))
        oko &= all(isc(-s[j] * s[k], Jt[j, k]) for j in range(K) for k in range(K) if j != k)
        okj &= close(np.diag(s) - np.outer(s, s), Jt)
        Gs = rnd(K)
        Lf = lambda p: (T(Gs) * p).sum() + (p ** 3).sum() / 3       # noqa: E731
        gS = Gs + s ** 2
        gz = grad_of(lambda v: Lf(torch.softmax(v, 0)), z)
        okv &= close(Jt.T @ gS, gz) and close(Jt @ gS, gz)
        okb &= close(s * (gS - s @ gS), gz)
    r.update({"quot": okq, "subst": oks, "scalar": okc, "diag": okd, "offdiag": oko, "jac": okj,
              "gz_jvp": okv, "gz_box": okb})
    okz = True
    for onehot in (True, False):
        z = rnd(K)
        if onehot:
            y = np.zeros(K)
            y[RNG.integers(K)] = 1.0
        else:
            y = RNG.uniform(0.1, 1.0, K)
            y /= y.sum()
        p = np.exp(z) / np.exp(z).sum()
        gz = grad_of(lambda v: -(T(y) * torch.log_softmax(v, 0)).sum(), z)
        okz &= all(isc(p[i] - y[i], gz[i]) for i in range(K))
    r["dLdz_i"] = okz
    Y = np.zeros((B, K))
    Y[np.arange(B), RNG.integers(0, K, B)] = 1.0
    gZ = grad_of(lambda v: torch.nn.functional.cross_entropy(v, torch.tensor(Y.argmax(1))), Z)
    r["batch"] = close((S - Y) / B, gZ)
    z = rnd(K)
    p = np.exp(z) / np.exp(z).sum()
    Ga = rnd(K)
    La = lambda a: (T(Ga) * a).sum() + (a ** 3).sum() / 3           # noqa: E731
    a = np.log(p)
    ga = Ga + a ** 2
    r["gz_logsm"] = close(ga - p * (np.ones(K) @ ga), grad_of(lambda v: La(torch.log_softmax(v, 0)), z))
    GA = rnd(B, K)
    LA = lambda A: (T(GA) * A).sum() + (A ** 3).sum() / 3           # noqa: E731
    A = np.log(S)
    gA = GA + A ** 2
    r["GZ_batch"] = close(gA - S * gA.sum(1, keepdims=True), grad_of(lambda v: LA(torch.log_softmax(v, 1)), Z))
    return r


def shs():
    return repeat(shs_once, [(3, 2), (4, 3), (6, 5)])


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(f"\n{doc}")
        for cid, _, why in claims:
            print(f"  {cid:14s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
