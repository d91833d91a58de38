"""Independent truth for the seventy-first held-out set (numpy and torch autograd, not symbp):
``python truth_heldout71.py`` writes the ``*.truth.json`` sidecars of ``heldout71/``, by the method
and in the format of ``truth_heldout70.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout71/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout71"
sys.path.insert(0, str(HERE))
from truth_common import (T, corr2, repeat, seeded_draws,  # noqa: E402
                          write_and_report)
from heldout71.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2071)
torch.set_default_dtype(torch.float64)


def isclose(a, b, tol=1e-9) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=0))


def grad1(f, x):
    """Entrywise derivative of an elementwise f at the points x (autograd)."""
    xt = T(x, True)
    return torch.autograd.grad(f(xt).sum(), xt)[0].numpy()


def conv_full(g, k):
    """Full 2-D true convolution by loops: out[p, q] = sum_{a,b} g[a, b] k[p-a, q-b]."""
    g, k = np.asarray(g, dtype=float), np.asarray(k, dtype=float)
    out = np.zeros((g.shape[0] + k.shape[0] - 1, g.shape[1] + k.shape[1] - 1))
    for a in range(g.shape[0]):
        for b in range(g.shape[1]):
            out[a:a + k.shape[0], b:b + k.shape[1]] += g[a, b] * k
    return out


def conv_true_valid(x, k):
    """Valid 2-D true convolution: out[u, v] = sum_{h,j} x[u+h, v+j] k[kh-1-h, kw-1-j]."""
    return corr2(x, np.asarray(k, dtype=float)[::-1, ::-1])


# ---------------------------------------------------------------- ggnery_cnn_scratch_en
def gg_once(n_in, n_out, m, c_in, c_out, H, W, kh, kw, n_ce):
    out = {}
    # dense layer Y = W X + B, X (in, m) with the samples as columns
    X, Wt, B = rnd(n_in, m), rnd(n_out, n_in), rnd(n_out, 1)
    Xt, Wtt, Bt = T(X, True), T(Wt, True), T(B, True)
    Y = Wtt @ Xt + Bt
    E = loss_of(Y)
    G = torch.autograd.grad(E, Y, retain_graph=True)[0].numpy()
    dW, dX = (g.numpy() for g in torch.autograd.grad(E, (Wtt, Xt)))
    out["dense_dW"] = isclose(G @ X.T, dW)
    out["dense_dX"] = isclose(Wt.T @ G, dX)

    # convolutional layer Y_i = B_i + sum_j X_j star K_ij (valid cross-correlation), full bias maps
    Xc, K = rnd(c_in, H, W), rnd(c_out, c_in, kh, kw)
    Bc = rnd(c_out, H - kh + 1, W - kw + 1)
    Xct, Kt, Bct = T(Xc, True), T(K, True), T(Bc, True)
    Yc = F.conv2d(Xct[None], Kt)[0] + Bct
    for i in range(c_out):                         # the forward by loops (sanity)
        assert isclose(sum(corr2(Xc[j], K[i, j]) for j in range(c_in)) + Bc[i], Yc[i].detach().numpy())
    E = loss_of(Yc)
    Gc = torch.autograd.grad(E, Yc, retain_graph=True)[0].numpy()
    dK, dXc, dB = (g.numpy() for g in torch.autograd.grad(E, (Kt, Xct, Bct)))
    assert isclose(dB, Gc)
    out["conv_dK"] = all(isclose(corr2(Xc[j], Gc[i]), dK[i, j]) for i in range(c_out) for j in range(c_in))
    n, d = c_in - 1, c_out - 1                     # j = 0..n inputs, i = 0..d outputs
    ok = True
    for j in range(c_in):
        assert isclose(sum(conv_full(Gc[i], K[i, j]) for i in range(d + 1)), dXc[j])  # the full sum is right
        if n > d:                                  # the row names outputs i = d+1..n that do not exist
            ok = False
            continue
        ok &= isclose(sum(conv_full(Gc[i], K[i, j]) for i in range(n + 1)), dXc[j])
    out["conv_dX"] = ok

    # binary cross-entropy, a plain sum over the n entries
    ok = True
    for yt in (RNG.uniform(0.05, 0.95, n_ce), RNG.integers(0, 2, n_ce).astype(float)):
        p = RNG.uniform(0.05, 0.95, n_ce)
        pt = T(p, True)
        ce = -(T(yt) * torch.log(pt) + (1 - T(yt)) * torch.log(1 - pt)).sum()
        g = torch.autograd.grad(ce, pt)[0].numpy()
        assert isclose((1 - yt) / (1 - p) - yt / p, g)
        ok &= isclose(((1 - yt) / (1 - p) - yt / p) / n_ce, g)
    out["ce_d"] = ok

    x = rnd(25) * 2
    out["tanh_d"] = isclose(1 - np.tanh(x) ** 2, grad1(torch.tanh, x))
    return out


def gg():
    return repeat(gg_once, [(3, 2, 1, 1, 2, 4, 4, 2, 2, 2), (4, 3, 5, 2, 3, 5, 5, 3, 3, 3),
                            (2, 5, 3, 3, 1, 5, 4, 2, 3, 5), (3, 3, 2, 2, 2, 4, 5, 2, 2, 4)])


# ---------------------------------------------------------------- cnnbp_notes_zh
def zh_page_forward(x, k):
    """The page's rows a_{11} = x_{11}k_{22} + x_{12}k_{21} + x_{21}k_{12} + x_{22}k_{11}, ... (0-based)."""
    return torch.stack([torch.stack([x[u, v] * k[1, 1] + x[u, v + 1] * k[1, 0] + x[u + 1, v] * k[0, 1]
                                     + x[u + 1, v + 1] * k[0, 0] for v in range(2)]) for u in range(2)])


def zh_once(P):
    out = {}
    X, K, b = rnd(3, 3), rnd(2, 2), float(rnd(1)[0])
    Xt, Kt = T(X, True), T(K, True)
    A = zh_page_forward(Xt, Kt)
    assert isclose(A.detach().numpy(), conv_true_valid(X, K))      # the rows are a true convolution
    net = A + b
    E = loss_of(net)
    G = torch.autograd.grad(E, A, retain_graph=True)[0].numpy()      # dE/da = delta (net = a + b)
    dK, dX = (g.numpy() for g in torch.autograd.grad(E, (Kt, Xt)))

    out["dk11"] = isclose(G[0, 0] * X[1, 1] + G[0, 1] * X[1, 2] + G[1, 0] * X[2, 1] + G[1, 1] * X[2, 2], dK[0, 0])
    tmp = np.array([[dK[1, 1], dK[1, 0]], [dK[0, 1], dK[0, 0]]])
    rot = np.array([[G[1, 1], G[1, 0]], [G[0, 1], G[0, 0]]])
    out["tmp"] = isclose(conv_true_valid(X, rot), tmp)
    assert not isclose(corr2(X, rot), tmp)                          # it would fail as a cross-correlation

    # Jacobian da_{uv}/dx_{pq} for the chain members
    Jx = torch.autograd.functional.jacobian(lambda v: zh_page_forward(v, T(K)), T(X)).numpy()
    m_chain = G[0, 0] * Jx[0, 0, 0, 1] + G[0, 1] * Jx[0, 1, 0, 1]
    m_last = G[0, 0] * K[1, 0] + G[0, 1] * K[1, 1]
    out["dx12"] = isclose(m_chain, dX[0, 1]) and isclose(m_last, dX[0, 1])
    out["dx22"] = isclose(G[0, 0] * K[0, 0] + G[0, 1] * K[0, 1] + G[1, 0] * K[1, 0] + G[1, 1] * K[1, 1], dX[1, 1])
    pad = np.zeros((4, 4))
    pad[1:3, 1:3] = G
    assert isclose(corr2(pad, K), dX)                               # right only as a cross-correlation
    out["dx_pad"] = isclose(conv_true_valid(pad, K), dX)

    # pooling layer X^l = f(beta down(X^{l-1}) + b)
    ok = True
    for mode in ("mean", "sum"):
        Xp = rnd(P, P)
        beta, bb = T([float(rnd(1)[0])], True), float(rnd(1)[0])
        Xpt = T(Xp)
        down = F.avg_pool2d(Xpt[None, None], 2)[0, 0] * (4 if mode == "sum" else 1)
        netp = beta * down + bb
        Xl = torch.sigmoid(netp)
        E = loss_of(Xl)
        delta = torch.autograd.grad(E, netp, retain_graph=True)[0].numpy()
        dbeta = torch.autograd.grad(E, beta)[0].numpy()[0]
        dn = down.numpy()
        jac = torch.autograd.functional.jacobian(lambda bt: bt * down + bb, T([beta.item()])).numpy()[..., 0]
        members = [float((delta * jac).sum()), float((delta * dn).sum()), float(np.sum(delta * dn))]
        ok &= all(isclose(v, dbeta) for v in members)
    out["dbeta"] = ok
    return out


def zh():
    return repeat(zh_once, [(4,), (6,), (4,)])


# ---------------------------------------------------------------- convlayer_note_en
def cl_once(M, N, H, W, L):
    out = {}
    c = L // 2
    x, k, b = rnd(M, H, W), rnd(N, M, L, L), rnd(N, H, W)

    def fwd(xx, kk, bb):
        return F.conv2d(xx[None], kk, padding=c)[0] + bb

    def xz(m, p, q):
        return x[m, p, q] if (0 <= p < H and 0 <= q < W) else 0.0

    def kz(n, m, a, bq):
        return k[n, m, a, bq] if (0 <= a < L and 0 <= bq < L) else 0.0

    xt, kt, bt = T(x, True), T(k, True), T(b, True)
    y = fwd(xt, kt, bt)
    yl = np.array([[[sum(xz(m, i - c + a, j - c + bq) * k[n, m, a, bq] for m in range(M) for a in range(L)
                         for bq in range(L)) + b[n, i, j] for j in range(W)] for i in range(H)] for n in range(N)])
    assert isclose(yl, y.detach().numpy())                          # the note's forward by loops
    E = loss_of(y)
    G = torch.autograd.grad(E, y, retain_graph=True)[0].numpy()
    dx, dk, db = (g.numpy() for g in torch.autograd.grad(E, (xt, kt, bt)))

    Jx = torch.autograd.functional.jacobian(lambda v: fwd(v, T(k), T(b)), T(x)).numpy()   # [n,i,j,l,u,v]
    ok = True
    for n in range(N):
        for i in range(H):
            for j in range(W):
                for l in range(M):
                    for u in range(H):
                        for v in range(W):
                            ok &= isclose(kz(n, l, u - i + c, v - j + c), Jx[n, i, j, l, u, v])
    out["dydx_kron"] = ok

    idx = np.array([[[sum(G[n, i, j] * kz(n, l, U - i + c, V - j + c) for n in range(N) for i in range(H)
                          for j in range(W)) for V in range(W)] for U in range(H)] for l in range(M)])
    out["dEdx_index"] = isclose(idx, dx)

    def Gz(n, p, q):
        return G[n, p, q] if (0 <= p < H and 0 <= q < W) else 0.0

    cc = np.array([[[sum(Gz(n, U - c + a, V - c + bq) * k[n, l, a, bq] for n in range(N) for a in range(L)
                         for bq in range(L)) for V in range(W)] for U in range(H)] for l in range(M)])
    flipped = np.array([[[sum(Gz(n, U + c - a, V + c - bq) * k[n, l, a, bq] for n in range(N) for a in range(L)
                              for bq in range(L)) for V in range(W)] for U in range(H)] for l in range(M)])
    assert isclose(flipped, dx)                                     # the 180-degree rotation is what is missing
    cH, cW = H // 2, W // 2                                         # the other reading: dE/dy_n as the kernel
    alt = np.array([[[sum(kz(n, l, U - cH + a, V - cW + bq) * G[n, a, bq] for n in range(N) for a in range(H)
                          for bq in range(W)) for V in range(W)] for U in range(H)] for l in range(M)])
    assert not isclose(alt, dx)
    out["dEdx_conv"] = isclose(cc, dx)

    Jk = torch.autograd.functional.jacobian(lambda kk: fwd(T(x), kk, T(b)), T(k)).numpy()  # [n,i,j,nu,mu,u,v]
    ok = True
    for n in range(N):
        for i in range(H):
            for j in range(W):
                for nu in range(N):
                    for mu in range(M):
                        for u in range(L):
                            for v in range(L):
                                claim = (1.0 if nu == n else 0.0) * xz(mu, i - c + u, j - c + v)
                                ok &= isclose(claim, Jk[n, i, j, nu, mu, u, v])
    out["dydk"] = ok
    kidx = np.array([[[[sum(G[nu, i, j] * xz(mu, i - c + u, j - c + v) for i in range(H) for j in range(W))
                        for v in range(L)] for u in range(L)] for mu in range(M)] for nu in range(N)])
    out["dEdk_index"] = isclose(kidx, dk)
    out["dEdb"] = isclose(G, db)
    return out


def cl():
    return repeat(cl_once, [(2, 3, 4, 4, 3), (1, 2, 5, 6, 3), (2, 2, 5, 5, 5)])


# ---------------------------------------------------------------- lambert_fc_backprop_en
def lam_once(d, H, C):
    out = {}
    x, W1, b1, W2, b2 = rnd(d, 1), rnd(H, d), rnd(H, 1), rnd(C, H), rnd(C, 1)
    y = np.zeros((C, 1))
    y[RNG.integers(C), 0] = 1.0
    W2t, b2t = T(W2, True), T(b2, True)
    z1 = T(W1, True) @ T(x) + T(b1)
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    a1.retain_grad()
    z2 = W2t @ a1 + b2t
    z2.retain_grad()
    yhat = torch.softmax(z2, dim=0)
    CE = -(T(y) * torch.log(yhat)).sum()
    CE.backward()
    yh = yhat.detach().numpy()
    s = torch.sigmoid(z1).detach().numpy()
    out["dCE_dz2"] = isclose(yh - y, z2.grad.numpy())
    out["dCE_dW2"] = isclose((yh - y) @ a1.detach().numpy().T, W2t.grad.numpy())
    out["dCE_db2"] = isclose(yh - y, b2t.grad.numpy())
    out["dCE_dz1"] = isclose(a1.grad.numpy() * s * (1 - s), z1.grad.numpy())
    return out


def lam():
    return repeat(lam_once, [(3, 4, 3), (2, 5, 4), (5, 3, 6)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
