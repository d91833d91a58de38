"""Independent truth for the sixty-second held-out set (numpy and torch autograd, not symbp):
``python truth_heldout62.py`` writes the ``*.truth.json`` sidecars of ``heldout62/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout62/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout62"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout62.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2062)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
ACT = {"sig": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "id": lambda v: v}


# ---------------------------------------------------------------- markusthill_backprop_en
def mar_once(dims, N, act):
    """Columns are examples: Z^l = W^l A^{l-1} + b^l 1^T, A^l = sigma(Z^l), L_n = 1/2 ||y*_n - a^L_n||^2,
    J = mean of the L_n."""
    s = ACT[act]
    Lyr = len(dims) - 1
    X = rnd(dims[0], N)
    Y = RNG.uniform(-0.5, 1.0, (dims[-1], N))
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(Lyr)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(Lyr)]
    A, Zs, As = T(X), [], [T(X)]
    for l in range(Lyr):
        Z = Ws[l] @ A + bs[l]
        Z.retain_grad()
        Zs.append(Z)
        A = s(Z)
        As.append(A)
    losses = 0.5 * ((T(Y) - A) ** 2).sum(0)
    J = losses.mean()
    J.backward()
    Zv = [z.detach().numpy() for z in Zs]
    Av = [a.detach().numpy() for a in As]
    Wv = [w.detach().numpy() for w in Ws]
    sp = [dphi(s, z) for z in Zv]
    Delta = [N * z.grad.numpy() for z in Zs]          # column n = dL_n/dz_n
    r = {}
    # dz_i/dw_{i,j} = a_j (one example, layer 0 .. L-1), by the Jacobian of z w.r.t. W
    ok = True
    for l in range(Lyr):
        a_prev = Av[l][:, 0]
        Jz = jac(lambda Wf: Wf @ T(a_prev) + bs[l].detach()[:, 0], T(Wv[l])).numpy()   # [i, i', j]
        for i in range(dims[l + 1]):
            for j in range(dims[l]):
                ok &= isc(Jz[i, i, j], a_prev[j])
    r["m_dz_dw"] = ok
    okc = okz = okd = okv = okW = True
    for l in range(Lyr - 1):
        for n in range(N):
            d_now, d_next = Delta[l][:, n], Delta[l + 1][:, n]
            W = Wv[l + 1]
            # dz^{l+1}/dz^l by autograd
            bnext = bs[l + 1].detach()[:, 0]
            Jzz = jac(lambda v: T(W) @ s(v) + bnext, T(Zv[l][:, n])).numpy()             # [k, i]
            okz &= close(Jzz, W * sp[l][:, n][None, :])
            okc &= close(Jzz.T @ d_next, d_now)
            okd &= all(isc(sp[l][i, n] * sum(W[k, i] * d_next[k] for k in range(W.shape[0])), d_now[i])
                       for i in range(W.shape[1]))
            okv &= close((W.T @ d_next) * sp[l][:, n], d_now)
    for l in range(Lyr):
        for n in range(N):       # one example's dL_n/dW
            Wt = [T(w, True) for w in Wv]
            a = T(X[:, n])
            for q in range(Lyr):
                a = s(Wt[q] @ a + bs[q].detach()[:, 0])
            Ln = 0.5 * ((T(Y[:, n]) - a) ** 2).sum()
            g = torch.autograd.grad(Ln, Wt[l])[0].numpy()
            okW &= close(np.outer(Delta[l][:, n], Av[l][:, n]), g)
    r.update({"m_chain_z": okc, "m_dzk_dzi": okz, "m_delta_rec": okd, "m_delta_vec": okv, "m_dW": okW})
    r["m_Delta_rec"] = all(close((Wv[l + 1].T @ Delta[l + 1]) * sp[l], Delta[l]) for l in range(Lyr - 1))
    r["m_dJ_dW"] = all(close(Delta[l] @ Av[l].T / N, Ws[l].grad) for l in range(Lyr))
    r["m_dJ_db"] = all(close(Delta[l] @ np.ones((N, 1)) / N, bs[l].grad) for l in range(Lyr))
    # output layer: every member of the delta^L chain
    ok = True
    zL, aL = Zv[-1], Av[-1]
    for n in range(N):
        for i in range(dims[-1]):
            zt = T(zL[i, n], True)
            Li = 0.5 * (Y[i, n] - s(zt)) ** 2
            g = torch.autograd.grad(Li, zt)[0].item()
            spi = sp[-1][i, n]
            ok &= isc(g, Delta[-1][i, n])
            ok &= isc(-(Y[i, n] - aL[i, n]) * spi, g) and isc((aL[i, n] - Y[i, n]) * spi, g)
    r["m_delta_out"] = ok
    return r


def mar():
    return repeat(mar_once, [((3, 4, 2), 4, "sig"), ((2, 3, 3, 2), 3, "tanh"), ((4, 2, 3), 5, "sig")])


# ---------------------------------------------------------------- weidehuang_mlp_derivation_zhtw
def wei_once(N, K, O, f, g):
    x = rnd(N, 1)
    t = RNG.uniform(0, 1, (O, 1))
    W1, b1 = T(rnd(K, N), True), T(rnd(K, 1), True)
    W2, b2 = T(rnd(O, K), True), T(rnd(O, 1), True)
    z1 = W1 @ T(x) + b1
    z1.retain_grad()
    h = ACT[f](z1)
    z2 = W2 @ h + b2
    z2.retain_grad()
    y = ACT[g](z2)
    L = 0.5 * ((y - T(t)) ** 2).sum()
    L.backward()
    yv, hv = y.detach().numpy(), h.detach().numpy()
    d2 = (yv - t) * dphi(ACT[g], z2.detach().numpy())
    d1 = (W2.detach().numpy().T @ d2) * dphi(ACT[f], z1.detach().numpy())
    r = {"w_delta2": close(d2, z2.grad), "w_dW2": close(d2 @ hv.T, W2.grad), "w_db2": close(d2, b2.grad),
         "w_delta1": close(d1, z1.grad), "w_dW1": close(d1 @ x.T, W1.grad), "w_db1": close(d1, b1.grad)}
    if g == "id":
        r["w_delta2_lin"] = close(yv - t, z2.grad)
    return r


def wei():
    res = repeat(wei_once, [(3, 4, 4, "tanh", "sig"), (2, 3, 4, "relu", "id"), (4, 2, 3, "sig", "tanh"),
                            (3, 5, 2, "tanh", "id")])
    return res


# ---------------------------------------------------------------- henry54130_backward_zhtw
def hen_once(n):
    x = rnd(n)
    y = RNG.uniform(0, 1)
    w, b = T(rnd(n), True), T(rnd(1), True)
    z = (w * T(x)).sum() + b[0]
    z.retain_grad()
    yh = torch.sigmoid(z)
    yh.retain_grad()
    L = 0.5 * (y - yh) ** 2
    L.backward()
    gw = w.grad.numpy()
    yv, zv = yh.item(), z.item()
    dL_dyh = yh.grad.item()
    dyh_dz = dphi(torch.sigmoid, np.array([zv]))[0]
    wt = T(w.detach().numpy(), True)
    dz_dw = torch.autograd.grad((wt * T(x)).sum() + b.detach()[0], wt)[0].numpy()
    return {"h_chain": close(dL_dyh * dyh_dz * dz_dw, gw),
            "h_dL_dyhat": isc(yv - y, dL_dyh),
            "h_dyhat_dz": isc(yv * (1 - yv), dyh_dz),
            "h_dz_dw": close(x, dz_dw),
            "h_dL_dw": close((yv - y) * yv * (1 - yv) * x, gw)}


def hen():
    return repeat(hen_once, [(2,), (3,), (5,)])


# ---------------------------------------------------------------- henry54130_sigmoid_derivative_zhtw
def sig_once(k):
    xs = RNG.uniform(-4, 4, k)
    ok1 = ok2 = ok3 = ok4 = True
    for x in xs:
        xt = T(x, True)
        d = torch.autograd.grad(torch.sigmoid(xt), xt)[0].item()
        e = np.exp(-x)
        s = 1 / (1 + e)
        ok1 &= isc(-1 * (1 + e) ** -2 * (-e), d)
        ok2 &= isc(-(1 + e) ** -2 * (-e), d) and isc(e / (1 + e) ** 2, d)
        ok3 &= isc(1 / (1 + e) * e / (1 + e), d) and isc(s * (1 - s), d)
        ok4 &= isc(s * (1 - s), d)
    return {"s_chain": ok1, "s_exp": ok2, "s_prod": ok3, "s_final": ok4}


def sig():
    return repeat(sig_once, [(3,), (5,), (4,)])


# ---------------------------------------------------------------- xor_softmax_mlp_notes_zh
def xor_softmax_once(k, onehot):
    z = rnd(k)
    e = np.exp(z)
    S = e.sum()
    sg = e / S
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()          # [i, s] = d sigma_i / d z_s
    if onehot:
        p = np.zeros(k)
        p[RNG.integers(k)] = 1.0
    else:
        p = RNG.uniform(0.1, 1.0, k)
        p /= p.sum()
    zt = T(z, True)
    L = -(T(p) * torch.log(torch.softmax(zt, 0))).sum()
    gL = torch.autograd.grad(L, zt)[0].numpy()
    diag = all(isc(v, J[i, i]) for i in range(k) for v in [
        (e[i] * S - e[i] * e[i]) / S ** 2, e[i] * (S - e[i]) / S ** 2, e[i] / S * (S - e[i]) / S, sg[i] * (1 - sg[i])])
    off = all(isc(v, J[i, s]) for i in range(k) for s in range(k) if s != i for v in [
        (0 - e[s] * e[i]) / S ** 2, -(e[s] / S) * (e[i] / S), -sg[s] * sg[i]])
    gen = all(isc(-sum(p[i] * (1 / sg[i]) * J[i, s] for i in range(k)), gL[s]) for s in range(k))
    s_eq_i = all(isc(-sum(p[i] * (1 - sg[i]) for i in range(k)), gL[s]) for s in range(k))
    return {"x_sm_diag": diag, "x_sm_off": off, "x_ce_general": gen, "x_ce_s_eq_i": s_eq_i}


def xor_net_once(m, n):
    """Rows are examples: a^1 = x^0 w^1 + b^1 (b^1 an m x m bias matrix), x^1 = g(a^1), a^2 = x^1 w^2 + b^2,
    h^2 = g(a^2), L = 1/(2m) sum_s (h^2_s - y_s)^2, g the logistic sigmoid; hidden width m (the page's)."""
    g = torch.sigmoid
    X0 = RNG.integers(0, 2, (m, n)).astype(float) + 0.1 * rnd(m, n)
    Y = RNG.integers(0, 2, (m, 1)).astype(float)
    w1, b1 = T(rnd(n, m), True), T(rnd(m, m), True)
    w2, b2 = T(rnd(m, 1), True), T(rnd(m, 1), True)
    a1 = T(X0) @ w1 + b1
    x1 = g(a1)
    a2 = x1 @ w2 + b2
    h2 = g(a2)
    L = ((h2 - T(Y)) ** 2).sum() / (2 * m)
    gw1, gw2, gb1 = torch.autograd.grad(L, [w1, w2, b1], retain_graph=True)
    gw1, gw2, gb1 = gw1.numpy(), gw2.numpy(), gb1.numpy()
    a1v, x1v, a2v = a1.detach().numpy(), x1.detach().numpy(), a2.detach().numpy()
    h2v = h2.detach().numpy()
    W1, W2 = w1.detach().numpy(), w2.detach().numpy()
    gp2 = h2v * (1 - h2v)                  # g'(a^2), m x 1
    gp1 = x1v * (1 - x1v)                  # g'(a^1), m x m
    r = {}
    # d g(a^2_s) / d w^2_j, d g(a^2_s)/d w^1_{ij}, d g(a^2_s)/d b^1_{kj} by autograd, per row s
    ok_dw2 = ok_dw1 = ok_da2 = ok_db1 = True
    for s in range(m):
        gs_w2, gs_w1, gs_b1 = torch.autograd.grad(h2[s, 0], [w2, w1, b1], retain_graph=True)
        a2s_w1 = torch.autograd.grad(a2[s, 0], w1, retain_graph=True)[0].numpy()
        gs_w2, gs_w1, gs_b1 = gs_w2.numpy(), gs_w1.numpy(), gs_b1.numpy()
        for j in range(m):
            ok_dw2 &= isc(gp2[s, 0] * x1v[s, j] * 1.0, gs_w2[j, 0])
            for i in range(n):
                ok_dw1 &= isc(gp2[s, 0] * W1[i, j] * gp1[s, j] * X0[s, i], gs_w1[i, j])
                ok_da2 &= isc(W1[i, j] * gp1[s, j] * X0[s, i], a2s_w1[i, j])
            # the row: d/db^1_{kj} (x^1_{s,*} w^2_{*,1}) for k = s, against d g(a^2_s)/d b^1_{sj}
            ok_db1 &= isc(W2[j, 0] * gp1[s, j], gs_b1[s, j])
    r["x_dg_dw2"] = ok_dw2
    r["x_dL_dw2"] = close(np.array([[sum((h2v[s, 0] - Y[s, 0]) * gp2[s, 0] * x1v[s, j] for s in range(m)) / m]
                                    for j in range(m)]), gw2)
    r["x_dg_dw1"] = ok_dw1
    r["x_da2_dw1"] = ok_da2
    r["x_dL_dw1"] = close(np.array([[sum((h2v[s, 0] - Y[s, 0]) * gp2[s, 0] * W1[i, j] * gp1[s, j] * X0[s, i]
                                         for s in range(m)) / m for j in range(m)] for i in range(n)]), gw1)
    r["x_dg_db1"] = ok_db1
    # sanity of the correct forms (not claims): w^2 in place of w^1
    assert close(np.array([[sum((h2v[s, 0] - Y[s, 0]) * gp2[s, 0] * W2[j, 0] * gp1[s, j] * X0[s, i]
                                for s in range(m)) / m for j in range(m)] for i in range(n)]), gw1)
    assert close(np.array([[(h2v[k, 0] - Y[k, 0]) * gp2[k, 0] * W2[j, 0] * gp1[k, j] / m for j in range(m)]
                           for k in range(m)]), gb1)
    return r


def xor():
    res = repeat(xor_softmax_once, [(3, True), (4, False), (5, True)])
    res.update(repeat(xor_net_once, [(3, 2), (2, 2), (4, 3)]))
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
