"""Independent truth for the seventieth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout70.py`` writes the ``*.truth.json`` sidecars of ``heldout70/``, by the method
and in the format of ``truth_heldout69.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout70/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout70"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout70.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2070)
torch.set_default_dtype(torch.float64)


def isclose(a, b, tol=1e-9) -> bool:
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), atol=tol, rtol=0))


def grad1(f, x):
    """Entrywise derivative of an elementwise f at the points x (autograd)."""
    xt = T(x, True)
    return torch.autograd.grad(f(xt).sum(), xt)[0].numpy()


def sigmoid_np(z):
    return 1 / (1 + np.exp(-z))


# ---------------------------------------------------------------- usmanr149_conv_stride_en
# the page's example: 5 x 5 input, 3 x 3 filter, padding P = 1, stride S = 2, V 3 x 3
W_, F_, P_, S_ = 5, 3, 1, 2


def usm_once():
    x = rnd(W_, W_)
    w = rnd(F_, F_)
    b = float(rnd(1)[0])
    xt, wt, bt = T(x, True), T(w, True), T([b], True)
    V = F.conv2d(xt[None, None], wt[None, None], bias=bt, stride=S_, padding=P_)[0, 0]
    assert V.shape == (3, 3)
    # the page's forward by loops (zero outside the image), checked against torch
    Vl = np.zeros((3, 3))
    for m in range(3):
        for n in range(3):
            s = b
            for i in range(F_):
                for j in range(F_):
                    r, c = S_ * m + i - P_, S_ * n + j - P_
                    if 0 <= r < W_ and 0 <= c < W_:
                        s += w[i, j] * x[r, c]
            Vl[m, n] = s
    assert isclose(Vl, V.detach().numpy())
    L = loss_of(V)
    G = torch.autograd.grad(L, V, retain_graph=True)[0].numpy()          # dL/dV
    dx, dw, db = (g.numpy() for g in torch.autograd.grad(L, (xt, wt, bt)))
    db = db[0]

    # Jacobians of V by one input / filter entry (autograd)
    def jac_x(r, c):
        xx = T(x, True)
        out = F.conv2d(xx[None, None], T(w)[None, None], stride=S_, padding=P_)[0, 0]
        return np.array([[torch.autograd.grad(out[m, n], xx, retain_graph=True)[0].numpy()[r, c]
                          for n in range(3)] for m in range(3)])

    def jac_w(r, c):
        ww = T(w, True)
        out = F.conv2d(T(x)[None, None], ww[None, None], stride=S_, padding=P_)[0, 0]
        return np.array([[torch.autograd.grad(out[m, n], ww, retain_graph=True)[0].numpy()[r, c]
                          for n in range(3)] for m in range(3)])

    fro = lambda A, B: float(np.sum(A * B))  # noqa: E731  dL/dV . M (entrywise sum of products)
    out = {}

    # db: every member equals sum G
    out["db"] = all(isclose(v, db) for v in (fro(G, np.ones((3, 3))), G.sum()))

    # dx10
    M_page = np.array([[0, 0, 0], [w[0, 1], 0, 0], [0, 0, 0]])
    members = [fro(G, jac_x(1, 0)), fro(G, M_page), G[0, 0] * w[0, 1]]
    assert isclose(members[0], dx[1, 0])
    out["dx10"] = all(isclose(v, dx[1, 0]) for v in members)

    # dx11: second member written with dV/dx_{1,0}
    M_page = np.array([[w[2, 2], w[2, 0], 0], [w[0, 2], w[0, 0], 0], [0, 0, 0]])
    last = G[0, 0] * w[2, 2] + G[0, 1] * w[2, 2] + G[1, 0] * w[0, 2] + G[1, 1] * w[0, 0]
    assert isclose(fro(G, M_page), dx[1, 1])                              # the matrix member is right
    members = [fro(G, jac_x(1, 0)), fro(G, M_page), last]
    out["dx11"] = all(isclose(v, dx[1, 1]) for v in members)

    # dx_general: the k, l sums (bounds included) never enter the summand
    def cnt(w1):
        return min(w1 * S_ + F_ - P_, W_) - max(0, w1 * S_ - P_) + 1

    def wz(r, c):
        return w[r, c] if (0 <= r < F_ and 0 <= c < F_) else 0.0

    ok = True
    for i in range(W_):
        for j in range(W_):
            val = sum(cnt(w1) * cnt(w2) * G[w1, w2] * wz(i + P_ - w1 * S_, j + P_ - w2 * S_)
                      for w1 in range(3) for w2 in range(3))
            ok &= isclose(val, dx[i, j])
            # the same without the k, l multiplicity is the true gradient (sanity of the reading)
            assert isclose(sum(G[w1, w2] * wz(i + P_ - w1 * S_, j + P_ - w2 * S_)
                               for w1 in range(3) for w2 in range(3)), dx[i, j])
    out["dx_general"] = ok

    # dw00
    M_page = np.array([[0, 0, 0], [0, x[1, 1], x[1, 3]], [0, x[3, 1], x[3, 3]]])
    last = G[1, 1] * x[1, 1] + G[1, 2] * x[1, 3] + G[2, 1] * x[3, 1] + G[2, 2] * x[3, 3]
    members = [fro(G, jac_w(0, 0)), fro(G, M_page), last]
    out["dw00"] = all(isclose(v, dw[0, 0]) for v in members)

    # dw10
    M_page = np.array([[0, x[1, 0], 0], [x[2, 1], x[1, 1], x[2, 3]], [0, x[4, 1], x[4, 3]]])
    last = (G[0, 1] * x[1, 0] + G[1, 0] * x[2, 1] + G[1, 1] * x[1, 1] + G[1, 2] * x[2, 3]
            + G[2, 1] * x[4, 1] + G[2, 2] * x[4, 3])
    true10 = (G[0, 1] * x[0, 1] + G[0, 2] * x[0, 3] + G[1, 1] * x[2, 1] + G[1, 2] * x[2, 3]
              + G[2, 1] * x[4, 1] + G[2, 2] * x[4, 3])
    assert isclose(true10, dw[1, 0])
    members = [fro(G, jac_w(1, 0)), fro(G, M_page), last]
    out["dw10"] = all(isclose(v, dw[1, 0]) for v in members)

    # dw_general: w_{w1,w2} where G belongs, no padding offset
    def xz(r, c):
        return x[r, c] if (0 <= r < W_ and 0 <= c < W_) else 0.0

    ok = True
    alt_ok = True
    for i in range(F_):
        for j in range(F_):
            val = sum(w[w1, w2] * xz(S_ * w1 + i, S_ * w2 + j) for w1 in range(3) for w2 in range(3))
            alt = sum(G[w1, w2] * xz(S_ * w1 + i, S_ * w2 + j) for w1 in range(3) for w2 in range(3))
            ok &= isclose(val, dw[i, j])
            alt_ok &= isclose(alt, dw[i, j])
            assert isclose(sum(G[w1, w2] * xz(S_ * w1 + i - P_, S_ * w2 + j - P_)
                               for w1 in range(3) for w2 in range(3)), dw[i, j])
    assert not alt_ok                      # G in place of w is still off (the padding shift)
    out["dw_general"] = ok
    return out


def usm():
    return repeat(usm_once, [(), (), ()])


# ---------------------------------------------------------------- fortileizhang_batchnorm_zh
def bn_parts(x, eps):
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    return mu, var, (x - mu) / np.sqrt(var + eps)


def forti_once(N, D):
    out = {}
    # dgamma_sum: the subsection's forward y_{ij} = gamma_j x_{ij} (x the normalized input)
    xn = rnd(N, D)
    g = rnd(D)
    for with_beta in (False, True):
        gt = T(g, True)
        y = gt * T(xn) + (T(rnd(D)) if with_beta else 0)
        L = loss_of(y)
        dy = torch.autograd.grad(L, y, retain_graph=True)[0].numpy()
        dg = torch.autograd.grad(L, gt)[0].numpy()
        gt2 = T(g, True)
        y2 = gt2 * T(xn)
        dyij_dg = np.array([[torch.autograd.grad(y2[i, q], gt2, retain_graph=True)[0].numpy()[q]
                             for q in range(D)] for i in range(N)])      # dy_{iq}/dgamma_q
        m1 = (dy * dyij_dg).sum(0)
        m2 = (xn * dy).sum(0)
        out["dgamma_sum"] = out.get("dgamma_sum", True) and isclose(m1, dg) and isclose(m2, dg)

    # dcenter, dvar, dxhat_final: Jacobians by autograd
    x = rnd(N, D) * 1.3 + 0.4
    ok_c = ok_v = ok_h = True
    for eps in (1e-5, 0.3):
        mu, var, xhat = bn_parts(x, eps)
        xt = T(x, True)
        c_fn = lambda v: v - v.mean(0)                                  # noqa: E731
        v_fn = lambda v: ((v - v.mean(0)) ** 2).mean(0)                 # noqa: E731
        h_fn = lambda v: (v - v.mean(0)) / torch.sqrt(((v - v.mean(0)) ** 2).mean(0) + eps)  # noqa: E731
        Jc = torch.autograd.functional.jacobian(c_fn, xt).numpy()      # [n, d, i, j]
        Jv = torch.autograd.functional.jacobian(v_fn, xt).numpy()      # [d, i, j]
        Jh = torch.autograd.functional.jacobian(h_fn, xt).numpy()      # [n, d, i, j]
        dl = lambda a, b: 1.0 if a == b else 0.0                        # noqa: E731
        for n in range(N):
            for d in range(D):
                for i in range(N):
                    for j in range(D):
                        c_claim = dl(n, i) * dl(d, j) - dl(d, j) / N
                        ok_c &= isclose(c_claim, Jc[n, d, i, j])
                        if n == 0:
                            ok_v &= isclose(2 / N * (x[i, d] - mu[d]) * dl(d, j), Jv[d, i, j])
                        s = var[d] + eps
                        m1 = s ** -0.5 * Jc[n, d, i, j] - 0.5 * s ** -1.5 * (x[n, d] - mu[d]) * Jv[d, i, j]
                        m2 = (s ** -0.5 * (dl(n, i) * dl(d, j) - dl(d, j) / N)
                              - 1 / N * s ** -1.5 * (x[n, d] - mu[d]) * (x[i, d] - mu[d]) * dl(d, j))
                        ok_h &= isclose(m1, Jh[n, d, i, j]) and isclose(m2, Jh[n, d, i, j])
    out["dcenter"], out["dvar"], out["dxhat_final"] = ok_c, ok_v, ok_h

    # dx_final: the matrix formula against autograd for a drawn loss of y
    ok = True
    for eps in (1e-5, 0.3):
        gam, bet = rnd(D), rnd(D)
        xt = T(x, True)
        mu_t = xt.mean(0)
        var_t = ((xt - mu_t) ** 2).mean(0)
        y = T(gam) * (xt - mu_t) / torch.sqrt(var_t + eps) + T(bet)
        L = loss_of(y)
        dy = torch.autograd.grad(L, y, retain_graph=True)[0].numpy()
        dx = torch.autograd.grad(L, xt)[0].numpy()
        mu, var, _ = bn_parts(x, eps)
        s = var + eps
        formula = gam / N * s ** -0.5 * (N * dy - dy.sum(0) - s ** -1 * (x - mu) * (dy * (x - mu)).sum(0))
        ok &= isclose(formula, dx)
    out["dx_final"] = ok
    return out


def forti():
    return repeat(forti_once, [(3, 2), (4, 3), (6, 5)])


# ---------------------------------------------------------------- mathscode_ng_backprop_zh
def mat_once(n_x, m, n_i, n_ip1):
    out = {}
    # logistic regression, one example
    z = rnd(m) * 2
    yh = sigmoid_np(z)
    ok_a = ok_b = ok_c = True
    for y in (RNG.integers(0, 2, m).astype(float), RNG.uniform(0, 1, m)):
        # dL/dyhat
        yt = T(yh, True)
        L = -(T(y) * torch.log(yt) + (1 - T(y)) * torch.log(1 - yt)).sum()
        dyh = torch.autograd.grad(L, yt)[0].numpy()
        ok_a &= isclose(-y / yh + (1 - y) / (1 - yh), dyh)
        # dyhat/dz and the (2.1.5.7) chain
        zt = T(z, True)
        s = torch.sigmoid(zt)
        dsdz = torch.autograd.grad(s.sum(), zt)[0].numpy()
        page = np.exp(-z) / (1 + np.exp(-z))
        ok_b &= isclose(page, dsdz)
        zt = T(z, True)
        s = torch.sigmoid(zt)
        L = -(T(y) * torch.log(s) + (1 - T(y)) * torch.log(1 - s)).sum()
        dz = torch.autograd.grad(L, zt)[0].numpy()
        m1 = (-y / yh + (1 - y) / (1 - yh)) * page
        m2 = ((yh - y) / (yh * (1 - yh))) * page
        m3 = yh - y
        ok_c &= isclose(m1, dz) and isclose(m2, dz) and isclose(m3, dz)
    out["dL_dyhat"], out["dyhat_dz"], out["dL_dz_chain"] = ok_a, ok_b, ok_c

    # vectorised: X (n_x, m) examples as columns, J the mean of the examples' losses
    X = rnd(n_x, m)
    wv = rnd(n_x, 1)
    b = float(rnd(1)[0])
    Y = RNG.integers(0, 2, (1, m)).astype(float)
    wt = T(wv, True)
    Z = wt.T @ T(X) + b
    A = torch.sigmoid(Z)
    Li = -(T(Y) * torch.log(A) + (1 - T(Y)) * torch.log(1 - A))        # (1, m) per example
    J = Li.mean()
    dJdw = torch.autograd.grad(J, wt, retain_graph=True)[0].numpy()
    dZ_own = torch.autograd.grad(Li.sum(), Z)[0].numpy()                # the examples' own dL/dz
    assert isclose(dZ_own, A.detach().numpy() - Y)
    out["dw_vec"] = isclose(X @ dZ_own.T / m, dJdw)

    # hidden layer: Z^{[i+1]} = W g(Z^{[i]}) + b, loss of Z^{[i+1]}
    ok_j = True
    ok_h = True
    for g in (torch.sigmoid, torch.tanh):
        Zi = rnd(n_i, m)
        Wn = rnd(n_ip1, n_i)
        bn = rnd(n_ip1, 1)
        Zit = T(Zi, True)
        Zn = T(Wn) @ g(Zit) + T(bn)
        L = loss_of(Zn)
        dZn = torch.autograd.grad(L, Zn, retain_graph=True)[0].numpy()
        dZi = torch.autograd.grad(L, Zit)[0].numpy()
        gp = grad1(g, Zi)
        for j in range(n_ip1):
            for p in range(n_i):
                for l in range(m):
                    term = dZn[j, l] * Wn[j, p] * gp[p, l]
                    ok_j &= isclose(term, dZi[p, l])
        ok_h &= isclose(Wn.T @ dZn * gp, dZi)
    out["dZ_chain_j"], out["dZ_hidden"] = ok_j, ok_h
    return out


def mat():
    return repeat(mat_once, [(2, 3, 3, 2), (3, 4, 4, 3), (5, 6, 2, 4)])


# ---------------------------------------------------------------- implementbn_graph_en
def imp_once(N, D):
    out = {k: True for k in ("dxhat", "dvar", "dxcorr", "dX")}
    for eps in (1e-5, 0.3):
        X = T(rnd(N, D) * 1.5 + 0.3, True)
        gamma, beta = T(rnd(D)), T(rnd(D))
        mu = X.mean(0)
        mu.retain_grad()
        xc = X - mu
        xc.retain_grad()
        xsq = xc ** 2
        xsq.retain_grad()
        var = xsq.mean(0)
        var.retain_grad()
        std = torch.sqrt(var + eps)
        std.retain_grad()
        istd = 1 / std
        istd.retain_grad()
        xhat = xc * istd
        xhat.retain_grad()
        y = xhat * gamma + beta
        y.retain_grad()
        L = loss_of(y)
        L.backward()
        g = {k: v.grad.detach().numpy() for k, v in
             dict(mu=mu, xc=xc, xsq=xsq, var=var, std=std, xhat=xhat, y=y, X=X).items()}
        s, ist, xcv, gm = std.detach().numpy(), istd.detach().numpy(), xc.detach().numpy(), gamma.numpy()
        out["dxhat"] &= isclose(g["y"] * gm, g["xhat"])
        out["dvar"] &= isclose(g["std"] * 1 / (2 * s), g["var"])
        assert isclose(np.broadcast_to(g["var"] / N, (N, D)), g["xsq"])        # row 6
        out["dxcorr"] &= isclose(g["xhat"] * (1 / s) + g["xsq"] * 2 * xcv, g["xc"]) and isclose(ist, 1 / s)
        out["dX"] &= isclose(g["xc"] * 1 + g["mu"] * (1 / N), g["X"])
    return out


def imp():
    return repeat(imp_once, [(3, 2), (4, 3), (6, 5)])


# ---------------------------------------------------------------- largekind_activation_ja
def lgk_once(n, K):
    out = {}
    x = rnd(n) * 3
    y = sigmoid_np(x)
    out["sigmoid_d"] = isclose(y * (1 - y), grad1(torch.sigmoid, x))
    gt = grad1(torch.tanh, x)
    out["tanh_d"] = all(isclose(v, gt) for v in (1 / np.cosh(x) ** 2, 4 / (np.exp(x) + np.exp(-x)) ** 2,
                                                   1 - np.tanh(x) ** 2))
    z = rnd(K) * 1.5
    ys = np.exp(z) / np.exp(z).sum()
    Jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), T(z, True)).numpy()
    ok = True
    for i in range(K):
        for k in range(K):
            claim = ys[i] - ys[i] ** 2 if i == k else -ys[i] * ys[k]
            ok &= isclose(claim, Jac[i, k])
    out["softmax_d"] = ok
    return out


def lgk():
    return repeat(lgk_once, [(20, 3), (40, 4), (30, 6)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
