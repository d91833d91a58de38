"""Independent truth for the twenty-sixth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout26.py`` writes the ``*.truth.json`` sidecars of ``heldout26/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout26/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout26"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout26.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2626)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
onehot = onehot_of(RNG)


# ---------------------------------------------------------------- bayramli_ysa_backprop_tr
def tur_once(ni, nj, nk):
    """z_j = b_j + sum_i a_i w_ij, a_j = g_j(z_j) (sigmoid); z_k = b_k + sum_j a_j w_jk,
    a_k = g_k(z_k) (tanh: the note lets g_k differ from g_j); E = 1/2 sum_k (a_k - t_k)^2."""
    a_i = rnd(ni)
    t = rnd(nk)
    wij, bj = T(rnd(ni, nj), True), T(rnd(nj), True)
    wjk, bk = T(rnd(nj, nk), True), T(rnd(nk), True)
    gj, gk = torch.sigmoid, torch.tanh
    zj = T(a_i) @ wij + bj
    aj = gj(zj)
    zk = aj @ wjk + bk
    ak = gk(zk)
    E = 0.5 * ((ak - T(t)) ** 2).sum()
    E.backward()
    zjv, zkv, ajv, akv = zj.detach().numpy(), zk.detach().numpy(), aj.detach().numpy(), ak.detach().numpy()
    Wjk = wjk.detach().numpy()
    gjp, gkp = dphi(gj, zjv), dphi(gk, zkv)
    gk_at_zj = dphi(gk, zjv)
    dk = (akv - t) * gkp
    Gjk, Gij, Gbj = wjk.grad.numpy(), wij.grad.numpy(), bj.grad.numpy()
    r = {}
    r["dEdwjk_half"] = all(isc(Gjk[j, k], E.item()) for j in range(nj) for k in range(nk))
    r["dEdwjk"] = all(isc(Gjk[j, k], (akv[k] - t[k]) * gkp[k] * ajv[j]) for j in range(nj) for k in range(nk))
    r["dEdwjk_delta"] = all(isc(Gjk[j, k], dk[k] * ajv[j]) for j in range(nj) for k in range(nk))
    r["dEdwij_half"] = all(isc(Gij[i, j], E.item()) for i in range(ni) for j in range(nj))
    # dz_k/dw_ij by autograd
    def zk_of(w):
        return gj(T(a_i) @ w + bj.detach()) @ wjk.detach() + bk.detach()
    J = jac(zk_of, wij.detach()).numpy()          # [k, i, j]
    r["dzk_gk"] = all(isc(J[k, i, j], Wjk[j, k] * gk_at_zj[j] * a_i[i])
                      for k in range(nk) for i in range(ni) for j in range(nj))
    r["dzk_dwij"] = all(isc(J[k, i, j], Wjk[j, k] * gjp[j] * a_i[i])
                        for k in range(nk) for i in range(ni) for j in range(nj))
    r["dEdwij"] = all(isc(Gij[i, j], sum((akv[k] - t[k]) * gkp[k] * Wjk[j, k] * gjp[j] * a_i[i] for k in range(nk)))
                      for i in range(ni) for j in range(nj))
    r["dEdbi"] = all(isc(Gbj[j], gjp[j] * sum(dk[k] * Wjk[j, k] for k in range(nk))) for j in range(nj))
    return r


def tur():
    return repeat(tur_once, [(3, 4, 2), (2, 3, 3), (4, 2, 1)])


# ---------------------------------------------------------------- dense_chain_rows_en
def row_once(dims):
    """z^l = W^l a^{l-1} + b^l, a^l = sigma(z^l), last layer k, y-hat = a^k, L = 1/2 sum (y-hat - y)^2;
    dL/db as a row, delta^l = dL/da^{l-1} (gradient at the layer's input)."""
    L_ = len(dims) - 1
    x, y = rnd(dims[0]), rnd(dims[-1])
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L_)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(L_)]
    a = T(x, True)
    acts, zs = [a], []
    for l in range(L_):
        z = Ws[l] @ acts[-1] + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        a.retain_grad()
        acts.append(a)
    loss = 0.5 * ((acts[-1] - T(y)) ** 2).sum()
    loss.backward()
    sp = [dphi(torch.sigmoid, z.detach().numpy()) for z in zs]
    W = [w.detach().numpy() for w in Ws]
    av = [a_.detach().numpy() for a_ in acts]
    gb = [b.grad.numpy() for b in bs]
    gW = [w.grad.numpy() for w in Ws]
    ga = [a_.grad.numpy() for a_ in acts]            # dL/da^l, ga[0] = dL/dx
    yh = av[-1]
    r = {}
    k = L_ - 1                                        # 0-based index of the last layer
    dbk = (yh - y) * sp[k]
    r["dbk"] = close(dbk, gb[k])
    r["deltak"] = close(((yh - y) * sp[k])[None, :] @ W[k], ga[k][None, :])
    r["deltak_b"] = close(gb[k][None, :] @ W[k], ga[k][None, :])
    r["dWk"] = close(np.outer((yh - y) * sp[k], av[k]), gW[k])
    ok_b, ok_d, ok_w = True, True, True
    for c in range(L_ - 1):                           # lower layers c, delta^{c+1} = dL/da^{c+1 layer input} = ga[c+1]
        ok_b &= close((gb[c + 1][None, :] @ W[c + 1])[0] * sp[c], gb[c])
        d_next = ga[c + 1]                            # dL/da^c (input of layer c+1)
        ok_d &= close(((d_next * sp[c])[None, :] @ W[c])[0], ga[c])
        ok_w &= close(np.outer(d_next * sp[c], av[c]), gW[c])
    r["dbc"], r["deltac"], r["dWc"] = ok_b, ok_d, ok_w
    return r


def row():
    return repeat(row_once, [((3, 4, 2),), ((2, 3, 4, 3),), ((4, 2, 3, 1),)])


# ---------------------------------------------------------------- ezalos_maths_backprop_en
def eza_once(dims):
    """Nielsen's network: z^l = w^l a^{l-1} + b^l, a^l = sigma(z^l), C = 1/2 sum_j (y_j - a^L_j)^2;
    a softmax / cross-entropy check on the side (logits o, p = softmax(o), one-hot y)."""
    L_ = len(dims) - 1
    x, y = rnd(dims[0]), rnd(dims[-1])
    ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L_)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(L_)]
    a, zs, acts = T(x), [], [T(x)]
    for l in range(L_):
        z = ws[l] @ a + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        a.retain_grad()
        acts.append(a)
    C = 0.5 * ((T(y) - acts[-1]) ** 2).sum()
    C.backward()
    delta = [z.grad.numpy() for z in zs]
    sp = [dphi(torch.sigmoid, z.detach().numpy()) for z in zs]
    dCda = acts[-1].grad.numpy()
    aL = acts[-1].detach().numpy()
    av = [t.detach().numpy() for t in acts]
    wv = [w.detach().numpy() for w in ws]
    r = {}
    r["bp1"] = all(isc(delta[-1][j], dCda[j] * sp[-1][j]) for j in range(dims[-1]))
    r["bp1a"] = close(dCda * sp[-1], delta[-1])
    r["mse"] = all(isc(dCda[j], aL[j] - y[j]) for j in range(dims[-1]))
    r["bp2"] = all(close((wv[l + 1].T @ delta[l + 1]) * sp[l], delta[l]) for l in range(L_ - 1))
    r["bp4"] = all(isc(ws[l].grad[j, kk].item(), av[l][kk] * delta[l][j])
                   for l in range(L_) for j in range(dims[l + 1]) for kk in range(dims[l]))
    # softmax + cross-entropy
    n = dims[-1] + 1
    o = T(rnd(n), True)
    yy = onehot(n)
    p = torch.softmax(o, 0)
    Ls = -(T(yy) * torch.log(p)).sum()
    Ls.backward()
    g = o.grad.numpy()
    pv = p.detach().numpy()
    Jp = jac(lambda v: torch.softmax(v, 0), o.detach()).numpy()    # [k, i] = dp_k/do_i
    r["sm_row1"] = all(isc(g[i], -sum(yy[k] / pv[k] * Jp[k, i] for k in range(n))) for i in range(n))
    r["sm_last"] = all(isc(g[i], pv[i] * yy.sum() - yy[i]) and isc(g[i], pv[i] - yy[i]) for i in range(n))
    return r


def eza():
    return repeat(eza_once, [((3, 4, 2),), ((2, 3, 4, 3),), ((4, 2, 3, 2),)])


# ---------------------------------------------------------------- mse_layer_recursion_en
def matmul_or_none(A, B):
    """The literal matrix product of A and B (2-D), None where the shapes do not fit."""
    A, B = np.atleast_2d(A), np.atleast_2d(B)
    return A @ B if A.shape[1] == B.shape[0] else None


def ver_once(dims):
    """z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)} with column vectors, a = sigma(z), C = 1/2 ||a^{(L)} - y||^2."""
    L_ = len(dims) - 1
    x, y = rnd(dims[0], 1), rnd(dims[-1], 1)
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L_)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L_)]
    a, zs, acts = T(x), [], [T(x)]
    for l in range(L_):
        z = Ws[l] @ a + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        acts.append(a)
    C = 0.5 * ((acts[-1] - T(y)) ** 2).sum()
    C.backward()
    delta = [z.grad.numpy() for z in zs]
    sp = [dphi(torch.sigmoid, z.detach().numpy()) for z in zs]
    av = [t.detach().numpy() for t in acts]
    Wv = [w.detach().numpy() for w in Ws]
    gW = [w.grad.numpy() for w in Ws]
    gb = [b.grad.numpy() for b in bs]
    r = {}
    dL = (av[-1] - y) * sp[-1]
    prod = matmul_or_none(dL, av[-2])                 # column times column, as written
    r["dwL"] = prod is not None and close(prod, gW[-1])
    r["deltaL"] = close(dL, delta[-1])
    r["rec"] = all(close((Wv[l + 1].T @ delta[l + 1]) * sp[l], delta[l]) for l in range(L_ - 1))
    ok_w, ok_b = True, True
    for l in range(L_):
        p = matmul_or_none(delta[l], av[l])           # delta^{(l)} a^{(l-1)} as written
        ok_w &= p is not None and close(p, gW[l])
        ok_b &= close(delta[l], gb[l])
    r["dwl"], r["dbl"] = ok_w, ok_b
    return r


def ver():
    return repeat(ver_once, [((3, 4, 2),), ((2, 3, 4, 3),), ((4, 2, 3, 2),)])


# ---------------------------------------------------------------- sigmoid_wjk_note_ko
def kor_once(nj, nk):
    """o_k = sigma(sum_j w_jk o_j) (no bias), o_j drawn in (0, 1), E = (t_k - o_k)^2 for each output k."""
    oj = 1 / (1 + np.exp(-rnd(nj)))
    t = rnd(nk)
    w = T(rnd(nj, nk), True)
    ok = torch.sigmoid(T(oj) @ w)
    okv = ok.detach().numpy()
    r = {"dEdo": True, "dsig": True, "dodw": True, "dEdw": True}
    for k in range(nk):
        o = T(okv[k], True)
        Ek = (T(t[k]) - o) ** 2
        Ek.backward()
        r["dEdo"] &= isc(o.grad.item(), -2 * (t[k] - okv[k]))
        gw = torch.autograd.grad(torch.sigmoid(T(oj) @ w)[k], w)[0].numpy()
        r["dodw"] &= all(isc(gw[j, k], okv[k] * (1 - okv[k]) * oj[j]) for j in range(nj))
        gE = torch.autograd.grad(((T(t[k]) - torch.sigmoid(T(oj) @ w)[k]) ** 2), w)[0].numpy()
        r["dEdw"] &= all(isc(gE[j, k], -2 * (t[k] - okv[k]) * okv[k] * (1 - okv[k]) * oj[j]) for j in range(nj))
    x = rnd(5)
    s_ = 1 / (1 + np.exp(-x))
    r["dsig"] = close(dphi(torch.sigmoid, x), s_ * (1 - s_))
    return r


def kor():
    return repeat(kor_once, [(3, 2), (4, 1), (2, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
