"""Independent truth for the seventy-second held-out set (numpy and torch autograd, not symbp):
``python truth_heldout72.py`` writes the ``*.truth.json`` sidecars of ``heldout72/``, by the method
and in the format of ``truth_heldout71.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout72/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout72"
sys.path.insert(0, str(HERE))
from truth_common import T, corr2, repeat, seeded_draws, write_and_report  # noqa: E402
from heldout72.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2072)
torch.set_default_dtype(torch.float64)


def isclose(a, b, tol=1e-9) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=0))


ACTS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid}


def dact(name, x):
    """f'(x) entrywise for the named activation (autograd)."""
    xt = T(x, True)
    return torch.autograd.grad(ACTS[name](xt).sum(), xt)[0].numpy()


# ---------------------------------------------------------------- darkknightzh_conv_backprop_zh
def dk_once(M, N, k1, k2, act):
    out = {}
    f = ACTS[act]
    H, W = M - k1 + 1, N - k2 + 1                         # valid output of (1)

    # layer l: x^l_{ij} = sum_{p,q} o^{l-1}_{i+p,j+q} k_{pq} + b, o^{l-1} = f(x^{l-1})
    xprev, k, b = rnd(M, N), rnd(k1, k2), float(rnd(1)[0])
    oprev = f(T(xprev)).numpy()
    assert not isclose(oprev, xprev)
    kt, bt = T(k, True), T([b], True)
    x = F.conv2d(T(oprev)[None, None], kt[None, None])[0, 0] + bt
    assert isclose(x.detach().numpy(), corr2(oprev, k) + b)    # (1) by loops
    C = loss_of(x)
    delta = torch.autograd.grad(C, x, retain_graph=True)[0].numpy()
    dk, db = (g.numpy() for g in torch.autograd.grad(C, (kt, bt)))
    Jk = torch.autograd.functional.jacobian(
        lambda kk: F.conv2d(T(oprev)[None, None], kk[None, None])[0, 0] + b, T(k)).numpy()   # [i,j,p,q]
    Jb = np.ones((H, W))                                   # dx_ij/db
    chain_k = np.array([[sum(delta[i, j] * Jk[i, j, p, q] for i in range(M - k1 + 1) for j in range(N - k2 + 1))
                         for q in range(k2)] for p in range(k1)])
    out["dk_chain"] = isclose(chain_k, dk)
    out["db_chain"] = isclose(sum(delta[i, j] * Jb[i, j] for i in range(M - k1 + 1) for j in range(N - k2 + 1)), db[0])
    with_x = np.array([[sum(delta[i, j] * xprev[i + p, j + q] for i in range(H) for j in range(W))
                        for q in range(k2)] for p in range(k1)])
    with_o = np.array([[sum(delta[i, j] * oprev[i + p, j + q] for i in range(H) for j in range(W))
                        for q in range(k2)] for p in range(k1)])
    assert isclose(with_o, dk)                             # the forward's o^{l-1} is right
    out["dk_result"] = isclose(with_x, dk)
    out["db_result"] = isclose(delta.sum(), db[0])

    # layers l -> l+1: o^l = f(x^l) (M x N), x^{l+1} = corr(o^l, k^{l+1}) + b^{l+1}
    xl, k2_, b2 = rnd(M, N), rnd(k1, k2), float(rnd(1)[0])
    xlt = T(xl, True)
    xn = F.conv2d(f(xlt)[None, None], T(k2_)[None, None])[0, 0] + b2
    C = loss_of(xn)
    dn = torch.autograd.grad(C, xn, retain_graph=True)[0].numpy()     # delta^{l+1}
    dl = torch.autograd.grad(C, xlt)[0].numpy()                      # delta^l = dC/dx^l
    fp = dact(act, xl)
    Jx = torch.autograd.functional.jacobian(
        lambda v: F.conv2d(f(v)[None, None], T(k2_)[None, None])[0, 0] + b2, T(xl)).numpy()   # [u,v,i,j]

    def exists(u, v):
        return 0 <= u < H and 0 <= v < W

    # the rows as written name x^{l+1}_{i-m,j-n} / delta^{l+1}_{i-m,j-n} for every m < k1, n < k2
    names_missing = any(not exists(i - m, j - n) for i in range(M) for j in range(N)
                        for m in range(k1) for n in range(k2))
    zero_chain = np.array([[sum(dn[i - m, j - n] * Jx[i - m, j - n, i, j] for m in range(k1) for n in range(k2)
                                if exists(i - m, j - n)) for j in range(N)] for i in range(M)])
    zero_row = np.array([[sum(dn[i - m, j - n] * k2_[m, n] * fp[i, j] for m in range(k1) for n in range(k2)
                              if exists(i - m, j - n)) for j in range(N)] for i in range(M)])
    assert isclose(zero_chain, dl) and isclose(zero_row, dl)   # right with the missing terms read as 0
    out["delta_chain"] = (not names_missing) and isclose(zero_chain, dl)
    out["delta_row"] = (not names_missing) and isclose(zero_row, dl)
    return out


def dk():
    return repeat(dk_once, [(4, 5, 2, 3, "tanh"), (5, 5, 3, 3, "sigmoid"), (6, 4, 2, 2, "tanh"),
                            (5, 6, 3, 2, "sigmoid")])


# ---------------------------------------------------------------- zaffnet_batchnorm_en
def zf_once(m, eps):
    out = {}
    x, gamma, beta = rnd(m), float(rnd(1)[0]), float(rnd(1)[0])
    xt, gt, bt = T(x, True), T([gamma], True), T([beta], True)
    mu = xt.mean()
    mu.retain_grad()
    var = ((xt - mu) ** 2).mean()
    var.retain_grad()
    xhat = (xt - mu) / torch.sqrt(var + eps)
    xhat.retain_grad()
    y = gt * xhat + bt
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    dy, dxh, dvar, dmu = y.grad.numpy(), xhat.grad.numpy(), float(var.grad), float(mu.grad)
    dgam, dx = gt.grad.numpy()[0], xt.grad.numpy()
    xh, mu_, var_ = xhat.detach().numpy(), float(mu.detach()), float(var.detach())
    t = 1 / np.sqrt(var_ + eps)

    out["dgamma"] = isclose(np.sum(xh * dy), dgam)
    out["dxhat"] = isclose(gamma * dy, dxh)
    out["dvar_row2"] = isclose(np.sum(gamma * dy * (x - mu_) * (-0.5) * (var_ + eps) ** -1.5), dvar)
    out["dvar_sign"] = isclose(-gamma * (-0.5) * (var_ + eps) ** -1.5 * np.sum(dy * (x - mu_)), dvar)
    out["dvar_sum2"] = isclose(-gamma * t ** 3 / 2 * np.sum(dy[:2] * (x[:2] - mu_)), dvar)
    assert isclose(-gamma * t ** 3 / 2 * np.sum(dy * (x - mu_)), dvar)      # with the sum to m it is right
    out["dmu"] = isclose(-gamma * t * np.sum(dy), dmu)
    assert isclose(np.sum(gamma * dy * -t) + dvar * np.mean(-2 * (x - mu_)), dmu)   # the rows before it
    out["dx"] = isclose(gamma * t / m * (m * dy - t ** 2 * (x - mu_) * np.sum(dy * (x - mu_)) - np.sum(dy)), dx)
    return out


def zf():
    return repeat(zf_once, [(3, 1e-2), (4, 1e-5), (6, 1e-2)])


# ---------------------------------------------------------------- ricojia_cnn_basics_en
def rj_once(kh, kw):
    out = {}
    Hx, Wx = kh + 1, kw + 1                                 # the 2 x 2 output the rows fix
    X, K = rnd(Hx, Wx), rnd(kh, kw)
    Xt, Kt = T(X, True), T(K, True)
    Y = F.conv2d(Xt[None, None], Kt[None, None])[0, 0]
    assert Y.shape == (2, 2)
    assert isclose(Y[0, 1].detach().numpy(), sum(X[0, 1 + b] * K[0, b] for b in range(kw))
                   + sum(X[a, 1 + b] * K[a, b] for a in range(1, kh) for b in range(kw)))
    J = loss_of(Y)
    G = torch.autograd.grad(J, Y, retain_graph=True)[0].numpy()
    dX, dK = (g.numpy() for g in torch.autograd.grad(J, (Xt, Kt)))

    def x(i, j):  # entries from 1
        return X[i - 1, j - 1]

    def k(i, j):
        return K[i - 1, j - 1]

    def g(i, j):
        return G[i - 1, j - 1]

    out["dx11"] = isclose(g(1, 1) * k(1, 1), dX[0, 0])
    out["dx12"] = isclose(g(1, 1) * k(1, 2) + g(1, 2) * k(1, 1), dX[0, 1])
    out["dk11"] = isclose(g(1, 1) * x(1, 1) + g(1, 2) * x(1, 2) + g(2, 1) * x(2, 1) + g(2, 2) * x(2, 2), dK[0, 0])
    out["dk12"] = isclose(g(1, 1) * x(1, 2) + g(1, 2) * x(1, 3) + g(2, 1) * x(2, 2) + g(2, 2) * x(2, 3), dK[0, 1])
    assert isclose(g(1, 1) * k(1, 3) + g(1, 2) * k(1, 2), dX[0, 2])        # the right value
    out["jx13"] = isclose(g(1, 1) * k(1, 3) + g(1, 2) * k(1, 2) + g(1, 2) * k(1, 1), dX[0, 2])
    return out


def rj():
    return repeat(rj_once, [(3, 3), (2, 3), (3, 4), (4, 4)])


# ---------------------------------------------------------------- talwar_softmax_backprop_en
def tw_once(N, Hd, C):
    out = {}
    O1, W2, b2 = rnd(N, Hd), rnd(Hd, C), rnd(C)
    y = RNG.integers(0, C, N)
    W2t = T(W2, True)
    S = T(O1) @ W2t + T(b2)
    S.retain_grad()
    U = torch.exp(S)
    O2 = U / U.sum(dim=1, keepdim=True)
    Li = -torch.log(O2[torch.arange(N), torch.as_tensor(y)])
    Li.sum().backward()                                       # examples independent: row i of S.grad is dL_i/dS[i,:]
    dS = S.grad.numpy()
    Un, O2n, Sn = U.detach().numpy(), O2.detach().numpy(), S.detach().numpy()

    def o2_of(srow):
        e = torch.exp(srow)
        return e / e.sum()

    ok1 = ok11 = ok121 = ok122m = ok122e = ok13 = okw = True
    for i in range(N):
        Js = torch.autograd.functional.jacobian(o2_of, T(Sn[i])).numpy()   # [c, k] = dO2[i,c]/dS[i,k]
        oy = T([O2n[i, y[i]]], True)
        dLdo = torch.autograd.grad(-torch.log(oy).sum(), oy)[0].numpy()[0]
        ok11 &= isclose(dLdo, -1 / O2n[i, y[i]])
        tot = Un[i].sum()
        for kk in range(C):
            ok1 &= isclose(dS[i, kk], dLdo * Js[y[i], kk])
            if kk == y[i]:
                ok121 &= isclose(Un[i, kk] / tot - Un[i, kk] ** 2 / tot ** 2, Js[y[i], kk])
                ok121 &= isclose(O2n[i, kk] * (1 - O2n[i, kk]), Js[y[i], kk])
                ok13 &= isclose(O2n[i, kk] - 1, dS[i, kk])
            else:
                ok122m &= isclose(Un[i, y[i]] * (-1 / np.sum(Un[i] ** 2)) * Un[i, kk], Js[y[i], kk])
                ok122e &= isclose(-O2n[i, y[i]] * O2n[i, kk], Js[y[i], kk])
                ok13 &= isclose(O2n[i, kk], dS[i, kk])
        # dL_i/dW_2[m,n] for this example alone
        W2i = T(W2, True)
        Si = T(O1[i]) @ W2i + T(b2)
        gW = torch.autograd.grad(-torch.log(o2_of(Si)[y[i]]), W2i)[0].numpy()
        claim = np.array([[(O2n[i, n] - 1) * O1[i, m] if y[i] == n else O2n[i, n] * O1[i, m]
                           for n in range(C)] for m in range(Hd)])
        okw &= isclose(claim, gW)
    out.update(eq1=ok1, eq11=ok11, eq121=ok121, eq122_mid=ok122m, eq122_end=ok122e, eq13=ok13, dLi_dW2=okw)
    return out


def tw():
    return repeat(tw_once, [(5, 10, 3), (5, 10, 3), (5, 10, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
