"""Independent truth for the seventy-fifth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout75.py`` writes the ``*.truth.json`` sidecars of ``heldout75/``, by the method
and in the format of ``truth_heldout74.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout75/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout75"
sys.path.insert(0, str(HERE))
from truth_common import grads_at, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout75.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2075)
torch.set_default_dtype(torch.float64)


ACTS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid}


# ---------------------------------------------------------------- aaumar_cnn_en
def ac_forward(X, Fk):
    """The post's four output rows, entries from 1 (X 3x3, F 2x2), as written."""
    def x(i, j):
        return X[i - 1, j - 1]

    def f(i, j):
        return Fk[i - 1, j - 1]
    O11 = x(1, 1) * f(1, 1) + x(1, 2) * f(1, 2) + x(2, 1) * f(2, 1) + x(2, 2) * f(2, 2)
    O12 = x(1, 2) * f(1, 1) + x(1, 3) * f(1, 2) + x(2, 2) * f(2, 1) + x(2, 3) * f(2, 2)
    O21 = x(2, 1) * f(1, 1) + x(2, 2) * f(1, 2) + x(3, 1) * f(2, 1) + x(3, 2) * f(2, 2)
    O22 = x(2, 2) * f(1, 1) + x(2, 3) * f(1, 2) + x(3, 2) * f(2, 1) + x(3, 3) * f(2, 2)
    return torch.stack([torch.stack([O11, O12]), torch.stack([O21, O22])])


def ac_once():
    out = {}
    X, Fk = rnd(3, 3), rnd(2, 2)
    Xt, Ft = T(X, True), T(Fk, True)
    O = ac_forward(Xt, Ft)
    assert isclose(O.detach().numpy(), F.conv2d(T(X)[None, None], T(Fk)[None, None])[0, 0].numpy())  # a valid correlation
    L = loss_of(O)
    G = torch.autograd.grad(L, O, retain_graph=True)[0].numpy()
    dX, dF = (g.numpy() for g in torch.autograd.grad(L, (Xt, Ft)))
    Jf = jac(lambda f: ac_forward(T(X), f), Fk)                        # [i, j, p, q] = dO_ij/dF_pq (from 0)
    Jx = jac(lambda x: ac_forward(x, T(Fk)), X)

    def g(i, j):
        return G[i - 1, j - 1]

    def x(i, j):
        return X[i - 1, j - 1]

    def f(i, j):
        return Fk[i - 1, j - 1]
    # local gradients of O_11 (all four parts of each display hold; the scored ones are F_12 and X_21)
    out["dO11_dF12"] = isclose(Jf[0, 0, 0, 1], x(1, 2))
    assert all(isclose(Jf[0, 0, p, q], X[p, q]) for p in range(2) for q in range(2))
    out["dO11_dX21"] = isclose(Jx[0, 0, 1, 0], f(2, 1))
    assert all(isclose(Jx[0, 0, p, q], Fk[p, q]) for p in range(2) for q in range(2))
    # the chain rows (over the four outputs) and the substituted rows for the filter
    chain = np.array([[sum(G[i, j] * Jf[i, j, p, q] for i in range(2) for j in range(2)) for q in range(2)]
                      for p in range(2)])
    assert isclose(chain, dF)
    sub = {(1, 1): g(1, 1) * x(1, 1) + g(1, 2) * x(1, 2) + g(2, 1) * x(2, 1) + g(2, 2) * x(2, 2),
           (1, 2): g(1, 1) * x(1, 2) + g(1, 2) * x(1, 3) + g(2, 1) * x(2, 2) + g(2, 2) * x(2, 3),
           (2, 1): g(1, 1) * x(2, 1) + g(1, 2) * x(2, 2) + g(2, 1) * x(3, 1) + g(2, 2) * x(3, 2),
           (2, 2): g(1, 1) * x(2, 2) + g(1, 2) * x(2, 3) + g(2, 1) * x(3, 2) + g(2, 2) * x(3, 3)}
    out["dF12"] = isclose(sub[(1, 2)], dF[0, 1])
    out["dF21"] = isclose(sub[(2, 1)], dF[1, 0])
    assert isclose(sub[(1, 1)], dF[0, 0]) and isclose(sub[(2, 2)], dF[1, 1])
    # the flattened chain with M = 4 outputs (left out: M undefined) holds
    assert isclose(sum(G.reshape(-1)[k] * Jf.reshape(4, 2, 2)[k] for k in range(4)), dF)
    rows = {(1, 1): g(1, 1) * f(1, 1),
            (1, 2): g(1, 1) * f(1, 2) + g(1, 2) * f(1, 1),
            (1, 3): g(1, 2) * f(1, 2),
            (2, 1): g(1, 1) * f(2, 1) + g(2, 1) * f(1, 1),
            (2, 2): g(1, 1) * f(2, 2) + g(1, 2) * f(2, 1) + g(2, 1) * f(1, 2) + g(2, 2) * f(1, 1),
            (2, 3): g(1, 2) * f(2, 2) + g(2, 2) * f(1, 2),
            (3, 1): g(2, 1) * f(2, 1),
            (3, 2): g(2, 1) * f(2, 2) + g(2, 2) * f(2, 1),
            (3, 3): g(2, 2) * f(2, 2)}
    assert all(isclose(v, dX[i - 1, j - 1]) for (i, j), v in rows.items())   # the nine rows hold
    out["dX22"] = isclose(rows[(2, 2)], dX[1, 1])
    out["dX32"] = isclose(rows[(3, 2)], dX[2, 1])
    return out


def ac():
    # the rows name entries (X_{33}, F_{22}): decided at the page's sizes, 3x3 / 2x2, over many draws
    return repeat(ac_once, [()] * 5)


# ---------------------------------------------------------------- aaumar_ann_en
def aa_act_once(n):
    out = {}
    a = rnd(n) * 3
    at = T(a, True)
    ds = torch.autograd.grad(torch.sigmoid(at).sum(), at)[0].numpy()
    h = 1 / (1 + np.exp(-a))
    out["sig_d"] = isclose(h * (1 - h), ds)
    at = T(a, True)
    dt = torch.autograd.grad(torch.tanh(at).sum(), at)[0].numpy()
    h = (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))
    out["tanh_d"] = isclose(1 - h ** 2, dt)
    at = T(a, True)
    dr = torch.autograd.grad(torch.relu(at).sum(), at)[0].numpy()
    out["relu_d"] = isclose(np.where(a > 0, 1.0, 0.0), dr) and not np.any(a == 0)
    return out


def aa_net_once(D, H):
    out = {}
    K = 2                                                                # the rows sum k = 1..2
    x = np.concatenate([[1.0], rnd(D)])                                  # x_0 = 1
    W1, W2, t = rnd(D + 1, H), rnd(H + 1, K), rnd(K)                     # w1[i, j]: x_i -> z_j; w2[j, k]: z_j -> y_k
    W1t, W2t = T(W1, True), T(W2, True)
    a1 = T(x) @ W1t                                                      # a_j^(1), j = 1..H
    zh = torch.tanh(a1)
    zh.retain_grad()
    z = torch.cat([torch.ones(1), zh])                                   # z_0 = 1
    y = z @ W2t                                                          # linear outputs
    E = 0.5 * ((y - T(t)) ** 2).sum()
    E.backward()
    dW1, dW2, dz = W1t.grad.numpy(), W2t.grad.numpy(), zh.grad.numpy()
    yn, zn = y.detach().numpy(), z.detach().numpy()
    e = yn - t
    out["dw2"] = isclose([[e[k] * 1 * zn[j] for k in range(K)] for j in range(H + 1)], dW2)
    out["dzj"] = isclose([sum(e[k] * 1 * W2[j + 1, k] for k in range(K)) for j in range(H)], dz)
    # the written first-layer row: sum_k ((y_k - t_k) . 1 . z_j) . (1 - h(a_j)^2) . x_i
    written = np.array([[sum(e[k] * 1 * zn[j + 1] for k in range(K)) * (1 - zn[j + 1] ** 2) * x[i]
                         for j in range(H)] for i in range(D + 1)])
    out["dw1"] = isclose(written, dW1)
    fixed = np.array([[sum(e[k] * W2[j + 1, k] for k in range(K)) * (1 - zn[j + 1] ** 2) * x[i]
                       for j in range(H)] for i in range(D + 1)])
    assert isclose(fixed, dW1)                                           # with w^(2)_{j,k} it holds
    return out


def aa():
    res = {}
    for part in (repeat(aa_act_once, [(3,), (5,), (8,)]),
                 repeat(aa_net_once, [(2, 3), (3, 2), (2, 4), (4, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- bn_paper_review_ko
def bk_once(m, eps):
    out = {}
    x = rnd(m)
    xt = T(x, True)
    mu = xt.mean()
    mu.retain_grad()
    var = ((xt - mu) ** 2).mean()
    var.retain_grad()
    xh = (xt - mu) / (torch.sqrt(var) + eps)                             # the post's forward: eps outside the root
    xh.retain_grad()
    gamma, beta = float(rnd()), float(rnd())
    y = gamma * xh + beta
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    dy, dxh, dvar, dmu = y.grad.numpy(), xh.grad.numpy(), var.grad.numpy(), mu.grad.numpy()
    mun, varn = float(mu.detach()), float(var.detach())
    out["dxhat"] = isclose(dy * gamma, dxh)
    wvar = np.sum(dxh * (x - mun) * (-0.5) * (varn + eps) ** -1.5)
    out["dvar"] = isclose(wvar, dvar)
    wmu = np.sum(dxh * (-1 / np.sqrt(varn + eps))) + wvar * np.sum(-2 * (x - mun)) / m
    out["dmu"] = isclose(wmu, dmu)
    # under the post's own forward the right factors are these
    s = np.sqrt(varn)
    assert isclose(np.sum(dxh * (x - mun) * (-1) / (s + eps) ** 2 / (2 * s)), dvar)
    assert isclose(np.sum(dxh * (-1 / (s + eps))), dmu)
    # and under the paper's forward (eps inside the root) the written rows hold
    xt2 = T(x, True)
    mu2 = xt2.mean()
    mu2.retain_grad()
    var2 = ((xt2 - mu2) ** 2).mean()
    var2.retain_grad()
    xh2 = (xt2 - mu2) / torch.sqrt(var2 + eps)
    xh2.retain_grad()
    L2 = loss_of(gamma * xh2 + beta)
    L2.backward()
    d2 = xh2.grad.numpy()
    v2 = np.sum(d2 * (x - mun) * (-0.5) * (varn + eps) ** -1.5)
    assert isclose(v2, var2.grad.numpy())
    assert isclose(np.sum(d2 * (-1 / np.sqrt(varn + eps))) + v2 * np.sum(-2 * (x - mun)) / m, mu2.grad.numpy())
    return out


def bk():
    return repeat(bk_once, [(3, 1e-5), (4, 1e-2), (6, 0.1), (5, 0.5)])


# ---------------------------------------------------------------- ml_interview_derivations_en
def mi_neuron_once(n, act):
    out = {}
    sig = ACTS[act]
    x, w, b = rnd(n), rnd(n), float(rnd())
    wt = T(w, True)
    z = wt @ T(x) + b
    a = sig(z)
    L = loss_of(a.reshape(1))
    dLda = torch.autograd.grad(L, a, retain_graph=True)[0].numpy()
    dw = torch.autograd.grad(L, wt)[0].numpy()
    zn = float(z.detach())
    sp = float(torch.autograd.functional.jacobian(sig, T(zn)))            # sigma'(z)
    out["dw_single"] = isclose(dLda * sp * x, dw)
    return out


def mi_layers_once(nl, nl1, act):
    out = {}
    sig = ACTS[act]
    zl = T(rnd(nl), True)
    W, b = rnd(nl1, nl), rnd(nl1)
    al = sig(zl)
    zl1 = T(W) @ al + T(b)
    L = loss_of(sig(zl1))
    d1, d0 = grads_at(L, [zl1, zl])
    sp = torch.autograd.functional.jacobian(sig, zl.detach()).numpy().diagonal()
    out["delta_rec"] = isclose((W.T @ d1) * sp, d0)
    return out


def mi_bce_once(n):
    out = {}
    yh = 1 / (1 + np.exp(-rnd(n)))
    y = np.concatenate([[0.0, 1.0], RNG.uniform(0, 1, n)])[:n]
    yt = T(yh, True)
    L = -(T(y) * torch.log(yt) + (1 - T(y)) * torch.log(1 - yt)).sum()
    d = torch.autograd.grad(L, yt)[0].numpy()
    out["bce_dyhat"] = isclose(-y / yh + (1 - y) / (1 - yh), d)
    return out


def mi_softmax_once(C):
    out = {}
    z = rnd(C) * 2
    J = jac(lambda v: torch.softmax(v, 0), z)                            # [i, j] = ds_i/dz_j
    e = np.exp(z)
    S = e.sum()
    s = e / S
    out["sm_ne"] = all(isclose((0 - e[i] * e[j]) / S ** 2, J[i, j]) and isclose(-s[i] * s[j], J[i, j])
                       for i in range(C) for j in range(C) if i != j)
    assert all(isclose(s[i] * (1 - s[i]), J[i, i]) for i in range(C))   # the left-out case i = j
    return out


def mi_attn_once(m, n, d):
    out = {}
    Q, K, V = rnd(m, d), rnd(n, d), rnd(n, 3)
    Qt, Kt, Vt = T(Q, True), T(K, True), T(V, True)
    S = Qt @ Kt.T / np.sqrt(d)
    A = torch.softmax(S, dim=1)
    o = A @ Vt
    L = loss_of(o)
    dS, dA, do = grads_at(L, [S, A, o])
    dQ, dK, dV = grads_at(L, [Qt, Kt, Vt])
    An = A.detach().numpy()
    rows = np.array([An[i] * (dA[i] - An[i] @ dA[i]) for i in range(m)])
    out["attn_ds"] = isclose(rows, dS)
    out["attn_dQ"] = isclose(dS @ K / np.sqrt(d), dQ)
    assert isclose(dS.T @ Q / np.sqrt(d), dK)                            # the display's second part
    assert isclose(An.T @ do, dV) and isclose(do @ V.T, dA)              # the left-out dV, dA rows
    return out


def mi():
    res = {}
    for part in (repeat(mi_neuron_once, [(2, "sigmoid"), (3, "tanh"), (5, "sigmoid")]),
                 repeat(mi_layers_once, [(3, 2, "tanh"), (2, 4, "sigmoid"), (4, 3, "tanh")]),
                 repeat(mi_bce_once, [(2,), (4,), (6,)]),
                 repeat(mi_softmax_once, [(2,), (3,), (4,), (6,)]),
                 repeat(mi_attn_once, [(2, 3, 2), (3, 3, 4), (4, 2, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- dl_midterm_notes_zh
def dm_layers_once(n0, n1, act):
    out = {}
    sig = ACTS[act]
    a0, W1, b1 = rnd(n0), rnd(n1, n0), rnd(n1)
    W2, b2 = rnd(2, n1), rnd(2)
    W1t = T(W1, True)
    z1 = W1t @ T(a0) + T(b1)                                             # z^l
    a1 = sig(z1)
    z2 = T(W2) @ a1 + T(b2)                                              # z^{l+1} = z^L
    a2 = sig(z2)
    L = loss_of(a2)
    d2, d1, da2 = grads_at(L, [z2, z1, a2])
    dW1 = torch.autograd.grad(L, W1t)[0].numpy()
    sp2 = torch.autograd.functional.jacobian(sig, z2.detach()).numpy().diagonal()
    sp1 = torch.autograd.functional.jacobian(sig, z1.detach()).numpy().diagonal()
    out["delta_L"] = isclose(da2 * sp2, d2)
    out["delta_l"] = isclose((W2.T @ d2) * sp1, d1)
    out["dW"] = isclose(np.outer(d1, a0), dW1)
    return out


def dm_batch_dw_check():
    """With the samples as columns, delta^l (a^{l-1})^T sums over the batch (summed loss)."""
    B, n0, n1 = 4, 3, 2
    A0, W = rnd(n0, B), rnd(n1, n0)
    Wt = T(W, True)
    Z = Wt @ T(A0)
    L = loss_of(torch.tanh(Z))
    dZ = torch.autograd.grad(L, Z, retain_graph=True)[0].numpy()
    assert isclose(dZ @ A0.T, torch.autograd.grad(L, Wt)[0].numpy())


def dm_bn_once(m, eps):
    out = {}
    x = rnd(m)
    xt = T(x, True)
    mu = xt.mean()
    var = ((xt - mu) ** 2).mean()
    xh = (xt - mu) / torch.sqrt(var + eps)
    gamma, beta = float(rnd()), float(rnd())
    y = gamma * xh + beta
    L = loss_of(y)
    dy, dxh, dvar, dmu, dx = grads_at(L, [y, xh, var, mu, xt])
    mun, varn = float(mu.detach()), float(var.detach())
    assert isclose(dy * gamma, dxh)                                      # left out, holds
    v = np.sum(dxh * (x - mun) * (-0.5) * (varn + eps) ** -1.5)
    assert isclose(v, dvar)                                              # left out, holds
    wmu = np.sum(dxh * (-1 / np.sqrt(varn + eps))) + v * (-2 / m) * np.sum(x - mun)
    out["bn_dmu"] = isclose(wmu, dmu)
    out["bn_dx"] = isclose(dxh / np.sqrt(varn + eps) + v * 2 * (x - mun) / m + wmu / m, dx)
    return out


def dm():
    dm_batch_dw_check()
    res = {}
    for part in (repeat(dm_layers_once, [(3, 2, "tanh"), (2, 4, "sigmoid"), (4, 3, "tanh")]),
                 repeat(dm_bn_once, [(3, 1e-5), (4, 1e-2), (6, 0.1)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
