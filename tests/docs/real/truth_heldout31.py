"""Independent truth for the thirty-first held-out set (numpy and torch autograd, not symbp):
``python truth_heldout31.py`` writes the ``*.truth.json`` sidecars of ``heldout31/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout31/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (nothing of symbp was run, imported or read for it).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout31"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout31.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2031)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
EPS = 1e-3


def bn_forward(x, gamma, beta, eps=EPS):
    """Batch normalization over the rows (the batch) of x (m x d), biased variance."""
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    xhat = (x - mu) / torch.sqrt(var + eps)
    return gamma * xhat + beta, xhat, mu, var


# ---------------------------------------------------------------- batchnorm_part2_backward_en
def bne_once(m, d):
    x, g, b = T(rnd(m, d), True), T(rnd(d) + 1.5, True), T(rnd(d), True)
    y, xhat, mu, var = bn_forward(x, g, b)
    y.retain_grad()
    f = loss_of(y)
    f.backward()
    gy = y.grad.numpy()
    xv, gv = x.detach().numpy(), g.detach().numpy()
    xh, muv, vv = xhat.detach().numpy(), mu.detach().numpy(), var.detach().numpy()
    s = np.sqrt(vv + EPS)
    dx, dg, db = x.grad.numpy(), g.grad.numpy(), b.grad.numpy()
    gxh = gy * gv                                         # df/dx-hat = gamma df/dy
    # the post's local partials (graph nodes: mu, var held where the post holds them)
    dxh_dx, dxh_dmu = 1 / s, -1 / s
    dxh_dvar = -0.5 * (xv - muv) * (vv + EPS) ** -1.5     # per sample i
    dvar_dx = 2 / m * (xv - muv)
    dvar_dmu = -2 / m * (xv - muv).sum(0)                 # 0 at the batch mean
    dmu_dx = 1 / m
    # autograd checks of the local partials used as claims
    xt, mt, vt = T(xv), T(muv, True), T(vv, True)
    node = ((xt - mt) / torch.sqrt(vt + EPS)).sum()
    gm, gvn = torch.autograd.grad(node, (mt, vt))
    var_node = ((xt - mt) ** 2).mean(0).sum()
    gmu_var = torch.autograd.grad(var_node, mt)[0].numpy()
    r = {}
    r["dgamma_chain"] = all(close(gy[i] * xh[i], dg) for i in range(m))
    r["dgamma_sum"] = close((gy * xh).sum(0), dg)
    r["dbeta_sum"] = close((gy * np.ones(d)).sum(0), db)
    naive = np.array([gxh[i] * (dxh_dx + dxh_dmu * dmu_dx + dxh_dvar[i] * dvar_dx[i]
                                + dxh_dvar[i] * dvar_dmu * dmu_dx) for i in range(m)])
    r["dx_naive"] = close(naive, dx)
    per_row = np.array([torch.autograd.grad(((T(xv[i]) - T(muv)) / torch.sqrt(vr + EPS)).sum(), vr)[0].numpy()
                        for i in range(m) for vr in [T(vv, True)]])
    r["dxhat_dvar"] = (close(dxh_dvar.sum(0), gvn) and close(dxh_dvar, per_row) and
                       close(dxh_dvar, -0.5 * (xv - muv) * (vv + EPS) ** (-3 / 2)))
    chain_mu = [-2 / m * (xv - muv).sum(0), -2 * (xv.mean(0) - muv), -2 * (muv - m * muv / m), np.zeros(d)]
    r["dvar_dmu"] = close(gmu_var, np.zeros(d)) and all(close(c, np.zeros(d)) for c in chain_mu) \
        and close(dvar_dmu, gmu_var)
    tie = np.array([gy[i] * gv * dxh_dx + (gy * gv * dxh_dmu).sum(0) * dmu_dx
                    + (gy * gv * dxh_dvar).sum(0) * dvar_dx[i] for i in range(m)])
    r["tie_sums"] = close(tie, dx)
    slip = np.array([gxh[i] / s + (gxh * (-1 / s)).sum(0) / m
                     + (gxh * (-0.5) * (xv[i] - muv) * (vv + EPS) ** -1.5).sum(0) * 2 / m * (xv[i] - muv)
                     for i in range(m)])
    r["sub_slip"] = close(slip, dx)
    final = np.array([(vv + EPS) ** -0.5 / m * (m * gxh[i] - gxh.sum(0) - xh[i] * (gxh * xh).sum(0))
                      for i in range(m)])
    r["final"] = close(final, dx)
    return r


def bne():
    return repeat(bne_once, [(4, 3), (3, 2), (5, 1)])


# ---------------------------------------------------------------- layernorm_vault_note_en
def lne_once(N):
    X = rnd(N)
    gamma, beta = float(rnd(1)[0]) + 1.5, float(rnd(1)[0])

    def xprime(v):
        mu = v.mean()
        sig = torch.sqrt(((v - mu) ** 2).mean())
        return (v - mu) / sig

    Xt = T(X, True)
    Y = gamma * xprime(Xt) + beta
    Y.retain_grad()
    E = loss_of(Y)
    E.backward()
    gE, gY = Xt.grad.numpy(), Y.grad.numpy()
    J = jac(xprime, T(X)).numpy()                                   # [i, j] = dX'_i/dX_j
    Jd = jac(lambda v: v - v.mean(), T(X)).numpy()                  # d(X_i - mu)/dX_j
    Js = jac(lambda v: torch.sqrt(((v - v.mean()) ** 2).mean()), T(X)).numpy()   # dsigma/dX_j
    Jsq = jac(lambda v: ((v - v.mean()) ** 2).sum(), T(X)).numpy()  # d sum (X_i - mu)^2 / dX_j
    Jsqi = jac(lambda v: (v - v.mean()) ** 2, T(X)).numpy()         # [i, j] d(X_i - mu)^2/dX_j
    mu = X.mean()
    sig = np.sqrt(((X - mu) ** 2).mean())
    Xp = (X - mu) / sig
    I = np.eye(N)
    r = {}
    m1 = np.array([sum(gY[i] * gamma * I[i, k] * J[k, j] for i in range(N) for k in range(N)) for j in range(N)])
    m2 = np.array([sum(gY[i] * gamma * J[i, j] for i in range(N)) for j in range(N)])
    r["ln_chain"] = close(m1, gE) and close(m2, gE)
    quot = (sig * Jd - np.outer(X - mu, Js)) / sig ** 2
    r["ln_quot"] = close(quot, J)
    r["ln_dXmu"] = close(I + 1 / N, Jd)
    members = [1 / (2 * sig) / N * Jsq,
               1 / (2 * N * sig) * Jsqi.sum(0),
               1 / (2 * N * sig) * np.array([sum(2 * (X[i] - mu) * Jd[i, j] for i in range(N)) for j in range(N)]),
               1 / (2 * N * sig) * np.array([sum(2 * (X[i] - mu) * (I[i, j] + 1 / N) for i in range(N)) for j in range(N)])]
    r["ln_dsig_chain"] = all(close(mm, Js) for mm in members)
    simpl = [1 / (2 * N * sig) * np.array([sum(2 * (X[i] - mu) * I[i, j] + 2 / N * (X[i] - mu) for i in range(N)) for j in range(N)]),
             1 / (2 * N * sig) * np.array([2 * (X[j] - mu) + sum(2 / N * (X[j] - mu) for _ in range(N)) for j in range(N)]),
             np.array([(X[j] - mu) / (N * sig) + 2 / N * sum((X[j] - mu) for _ in range(N)) for j in range(N)]),
             Xp / N]
    r["ln_dsig_simpl"] = all(close(mm, Js) for mm in simpl)
    r["ln_dsig"] = close(Xp / N, Js)
    r["ln_dXprime"] = close((sig * (I + 1 / N) - np.outer(X - mu, Xp / N)) / sig ** 2, J)
    return r


def lne():
    return repeat(lne_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- hauvietblog_mlp_backprop_vi
def vie_once(dims):
    """z^{(l)} = W^{(l)T} a^{(l-1)} + b^{(l)} (W^{(l)}: d^{(l-1)} x d^{(l)}), a = sigmoid(z), columns."""
    L = len(dims) - 1
    a = T(rnd(dims[0], 1))
    Ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    zs, acts = [], [a]
    for l in range(L):
        z = Ws[l].T @ a + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        a.retain_grad()
        acts.append(a)
    J = loss_of(a)
    J.backward()
    e = [z.grad.numpy() for z in zs]
    av = [x.detach().numpy() for x in acts]
    ga = [x.grad.numpy() if x.grad is not None else None for x in acts]
    Wv = [W.detach().numpy() for W in Ws]
    sp = [dphi(torch.sigmoid, z.detach().numpy()) for z in zs]

    def pm_ok(l):
        """The written 3 x 3 matrix (rows a_1, a_2, a_d; columns e_1, e_2, e_d), where the layer is 3 x 3."""
        if Wv[l].shape != (3, 3):
            return True
        A, E = av[l][:, 0], e[l][:, 0]
        P = np.array([[E[0] * A[0], E[1] * A[0], E[2] * A[0]],
                      [E[0] * A[1], E[1] * A[1], E[2] * A[1]],
                      [E[0] * A[2], E[1] * A[2], E[2] * A[2]]])
        return close(P, Ws[l].grad)

    r = {"vi_dWL": pm_ok(L - 1) and close(av[L - 1] @ e[L - 1].T, Ws[L - 1].grad),
         "vi_dbL": close(e[L - 1], bs[L - 1].grad),
         "vi_dWl": all(pm_ok(l) and close(av[l] @ e[l].T, Ws[l].grad) for l in range(L - 1)),
         "vi_dbl": all(close(e[l], bs[l].grad) for l in range(L - 1))}
    ok_chain, ok_W = True, True
    for l in range(L - 1):                      # zs[l] is z^{(l+1)} in the page's 1-based count
        d_l, d_n = Wv[l + 1].shape
        m_a = ga[l + 1] * sp[l]                                        # dJ/da_i da_i/dz_i
        jz = Wv[l + 1]                                                 # dz_k^{next}/da_i = w_{ik}
        m_sum = np.array([[sum(e[l + 1][k, 0] * jz[i, k] for k in range(d_n)) * sp[l][i, 0]] for i in range(d_l)])
        ok_chain &= close(m_a, e[l]) and close(m_sum, e[l])
        m_rows = np.array([[(Wv[l + 1][i, :] @ e[l + 1][:, 0]) * sp[l][i, 0]] for i in range(d_l)])
        ok_W &= close(m_rows, e[l]) and close((Wv[l + 1] @ e[l + 1]) * sp[l], e[l])
    r["vi_e_chain"], r["vi_e_W"] = ok_chain, ok_W
    return r


def vie():
    return repeat(vie_once, [((3, 3, 3),), ((3, 3, 3, 3),), ((2, 4, 3, 2),)])


# ---------------------------------------------------------------- ouroboros_batchnorm_zh
def zhb_once(n, m, d):
    # the dense warm-up: out = input W + b, n samples as rows, 3 inputs, 2 outputs
    inp, W, b = T(rnd(n, 3)), T(rnd(3, 2), True), T(rnd(2), True)
    out = inp @ W + b
    out.retain_grad()
    loss_of(out).backward()
    go, gb = out.grad.numpy(), b.grad.numpy()
    r = {"zh_db": close(sum(go[i] for i in range(n)), gb)}
    r["zh_db12"] = (isc(sum(go[i, 0] for i in range(n)), gb[0]) and isc(sum(go[i, 1] for i in range(n)), gb[1])) \
        if n == 2 else True
    # batch normalization over m samples, d features
    x, g, bb = T(rnd(m, d), True), T(rnd(d) + 1.5, True), T(rnd(d), True)
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    var.retain_grad()
    xhat = (x - mu) / torch.sqrt(var + EPS)
    xhat.retain_grad()
    y = g * xhat + bb
    y.retain_grad()
    loss_of(y).backward()
    gy, gxh, gvar = y.grad.numpy(), xhat.grad.numpy(), var.grad.numpy()
    xv, muv, vv, xh = x.detach().numpy(), mu.detach().numpy(), var.detach().numpy(), xhat.detach().numpy()
    r["zh_bn_db"] = close(sum(gy[i] * 1.0 for i in range(m)), bb.grad) and close(gy.sum(0), bb.grad)
    r["zh_bn_dgamma"] = close(sum(gy[i] * xh[i] for i in range(m)), g.grad)
    # local partials of the graph's nodes (autograd on each node with the others held)
    xt, mt, vt = T(xv, True), T(muv, True), T(vv, True)
    node = (xt - mt) / torch.sqrt(vt + EPS)
    dxh_dx = torch.autograd.grad(node.sum(), xt, retain_graph=True)[0].numpy()
    dxh_dvar = torch.autograd.grad(node.sum(), vt)[0].numpy()
    r["zh_dxhat_dx"] = close(dxh_dx, np.broadcast_to(1 / np.sqrt(vv + EPS), (m, d)))
    per_i = (xv - muv) * (-1 / 2) * (vv + EPS) ** (-3 / 2)
    rows = np.array([torch.autograd.grad(((T(xv[i]) - T(muv)) / torch.sqrt(vr + EPS)).sum(), vr)[0].numpy()
                     for i in range(m) for vr in [T(vv, True)]])
    r["zh_dxhat_dvar"] = close(per_i.sum(0), dxh_dvar) and close(per_i, rows)
    mt2 = T(muv, True)
    dvar_dmu = torch.autograd.grad(((T(xv) - mt2) ** 2).mean(0).sum(), mt2)[0].numpy()
    r["zh_dvar_dmu"] = close(-2 * (xv - muv).sum(0) / m, dvar_dmu)
    r["zh_dl_dvar"] = close((gxh * per_i).sum(0), gvar)
    return r


def zhb():
    return repeat(zhb_once, [(2, 4, 3), (3, 3, 2), (5, 5, 1)])


# ---------------------------------------------------------------- hx1234_backprop_layers_zh
def hxz_once(n, K):
    x = rnd(n, K)
    x = np.where(np.abs(x) < 0.1, 0.5, x)                     # away from the kink
    xt = T(x, True)
    y = torch.relu(xt)
    y.retain_grad()
    loss_of(y).backward()
    dv = y.grad.numpy()
    dydx = dphi(torch.relu, x)
    r = {"hx_relu_dydx": close(dydx, np.where(x > 0, 1.0, 0.0)),
         "hx_relu_dloss": close(dv * dydx, xt.grad) and close(np.where(x > 0, dv, 0.0), xt.grad)}
    z = T(rnd(n, K), True)
    S = torch.softmax(z, 1)
    S.retain_grad()
    loss_of(S).backward()
    gS, gz = S.grad.numpy(), z.grad.numpy()
    ok = True
    for i in range(n):
        Jm = jac(lambda v: torch.softmax(v, 0), T(z.detach().numpy()[i])).numpy()   # [j, k] dS_j/dz_k
        for j in range(K):
            for k in range(K):
                ok &= isc(gS[i, j] * Jm[j, k], gz[i, k])
    r["hx_softmax_chain"] = ok
    return r


def hxz():
    return repeat(hxz_once, [(2, 3), (3, 4), (1, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
