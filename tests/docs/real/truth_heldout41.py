"""Independent truth for the forty-first held-out set (numpy loops and torch autograd, not symbp):
``python truth_heldout41.py`` writes the ``*.truth.json`` sidecars of ``heldout41/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout41/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as Fn

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout41"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          corr2, write_and_report)
from heldout41.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2041)
torch.set_default_dtype(torch.float64)


def onehot(n):
    t = np.zeros(n)
    t[RNG.integers(n)] = 1.0
    return t


# ---------------------------------------------------------------- iq_conv_forward_backward_ko
def iqc_once(cin, cout, H, W, k, s, p):
    """Y[co,i,j] = sum K[co,ci,m,n] X[ci, i s + m - p, j s + n - p] + b[co] (torch conv2d)."""
    X, K, b = T(rnd(cin, H, W), True), T(rnd(cout, cin, k, k), True), T(rnd(cout), True)
    Y = Fn.conv2d(X[None], K, b, stride=s, padding=p)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xv, Kv = Y.grad.numpy(), X.detach().numpy(), K.detach().numpy()
    Ho, Wo = G.shape[1:]
    Xp = np.pad(Xv, ((0, 0), (p, p), (p, p)))
    dx_def = np.zeros_like(Xv)      # the row: dL/dY indexed at h - m + p, w - n + p
    dx_con = np.zeros_like(Xv)      # the constraint form: i' s + m - p = h
    for ci in range(cin):
        for h in range(H):
            for w in range(W):
                for co in range(cout):
                    for m in range(k):
                        for n in range(k):
                            i, j = h - m + p, w - n + p
                            if 0 <= i < Ho and 0 <= j < Wo:
                                dx_def[ci, h, w] += Kv[co, ci, m, n] * G[co, i, j]
                            if i % s == 0 and j % s == 0 and 0 <= i // s < Ho and 0 <= j // s < Wo:
                                dx_con[ci, h, w] += Kv[co, ci, m, n] * G[co, i // s, j // s]
    dk = np.zeros_like(Kv)
    for co in range(cout):
        for ci in range(cin):
            for m in range(k):
                for n in range(k):
                    dk[co, ci, m, n] = sum(Xp[ci, i * s + m, j * s + n] * G[co, i, j]
                                           for i in range(Ho) for j in range(Wo))
    # exercise 2: X = 1..16 (4 x 4), K = [[1, 0], [0, 1]], p = 0, s = 1, dL/dY = 1
    X2 = T(np.arange(1, 17).reshape(1, 1, 4, 4), True)
    K2 = np.array([[1.0, 0.0], [0.0, 1.0]])
    Fn.conv2d(X2, T(K2[None, None])).sum().backward()
    members = [K2[1, 1] + K2[0, 1] + K2[1, 0] + K2[0, 0], 1 + 0 + 0 + 1, 2]
    ex2 = all(isc(X2.grad[0, 0, 1, 1].item(), v) for v in members)
    return {"dX_def": close(dx_def, X.grad), "dK_def": close(dk, K.grad),
            "dX_constraint": close(dx_con, X.grad), "dX_rearranged": close(dx_def, X.grad),
            "ex2_dX": ex2}


def iqc():
    return repeat(iqc_once, [(2, 3, 5, 5, 3, 1, 1), (3, 2, 6, 5, 3, 1, 0), (2, 3, 5, 5, 3, 2, 1),
                             (2, 2, 7, 6, 2, 2, 0)])


# ---------------------------------------------------------------- iq_pooling_backward_ko
def iqp_once(C, H, W, p, s):
    X = T(rnd(C, H, W), True)
    Y = Fn.max_pool2d(X[None], p, s)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xv = Y.grad.numpy(), X.detach().numpy()
    D = np.zeros_like(Xv)
    for c in range(C):
        for i in range(G.shape[1]):
            for j in range(G.shape[2]):
                win = Xv[c, i * s:i * s + p, j * s:j * s + p]
                ms, ns = np.unravel_index(np.argmax(win), win.shape)
                D[c, i * s + ms, j * s + ns] += G[c, i, j]
    res = {"max_bw": close(D, X.grad)}
    if s >= p:      # the chapter's non-overlapping windows
        X2 = T(rnd(C, H, W), True)
        Y2 = Fn.avg_pool2d(X2[None], p, s)[0]
        Y2.retain_grad()
        loss_of(Y2).backward()
        G2 = Y2.grad.numpy()
        A = np.zeros((C, H, W))
        for c in range(C):
            for i in range(G2.shape[1]):
                for j in range(G2.shape[2]):
                    A[c, i * s:i * s + p, j * s:j * s + p] = G2[c, i, j] / p ** 2
        res["avg_bw"] = close(A, X2.grad)
    # exercise 2: 2 x 2 average pooling, stride 2
    X3 = T(rnd(4, 6), True)
    Y3 = Fn.avg_pool2d(X3[None, None], 2, 2)[0, 0]
    Y3.retain_grad()
    loss_of(Y3).backward()
    G3 = Y3.grad.numpy()
    res["ex2_avg"] = all(isc(X3.grad[2 * i, 2 * j].item(), G3[i, j] * 0.25)
                         for i in range(2) for j in range(3))
    return res


def iqp():
    return repeat(iqp_once, [(2, 4, 4, 2, 2), (1, 7, 7, 3, 2), (2, 7, 7, 2, 3), (1, 6, 6, 3, 3)])


# ---------------------------------------------------------------- zh_cnn_dissection_zh
def zcn_once(H, W, k1, k2):
    X, K = T(rnd(H, W), True), T(rnd(k1, k2), True)
    Y = Fn.conv2d(X[None, None], K[None, None])[0, 0]      # sliding dot product, no flip
    Y.retain_grad()
    loss_of(Y).backward()
    G, Kv, Xv = Y.grad.numpy(), K.detach().numpy(), X.detach().numpy()
    Gpad = np.pad(G, ((k1 - 1, k1 - 1), (k2 - 1, k2 - 1)))
    return {"dK": close(corr2(Xv, G), K.grad),
            "dX": close(corr2(Gpad, Kv[::-1, ::-1]), X.grad)}


def zcn():
    return repeat(zcn_once, [(4, 4, 3, 3), (5, 5, 2, 2), (6, 5, 3, 2)])


# ---------------------------------------------------------------- yacinemebarki_cnn_from_scratch_en
def ycn_conv_once(H, W, C, k, s, nk):
    """Z[i,j] = sum X[i s + u, j s + v, c] K[u,v,c] + b (channels last); nk kernels."""
    X, K, b = T(rnd(H, W, C), True), T(rnd(k, k, C, nk), True), T(rnd(nk), True)
    Z = Fn.conv2d(X.permute(2, 0, 1)[None], K.permute(3, 2, 0, 1), b, stride=s)[0].permute(1, 2, 0)
    Z.retain_grad()
    loss_of(Z).backward()
    G, Xv = Z.grad.numpy(), X.detach().numpy()
    Ho, Wo = G.shape[:2]
    dK = np.zeros((k, k, C, nk))
    for q in range(nk):
        for i in range(Ho):
            for j in range(Wo):
                dK[:, :, :, q] += G[i, j, q] * Xv[i * s:i * s + k, j * s:j * s + k, :]
    res = {"conv_dK": close(dK, K.grad), "conv_db": close(G.sum(axis=(0, 1)), b.grad)}
    if s == 1:
        res["dK_multi"] = close(dK, K.grad)
    return res


def ycn_pool_once(H, W, C, p):
    """max pooling with window p and stride p (non-overlapping), channels last."""
    X = T(rnd(H, W, C), True)
    Y = Fn.max_pool2d(X.permute(2, 0, 1)[None], p, p)[0].permute(1, 2, 0)
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xv = Y.grad.numpy(), X.detach().numpy()
    D = np.zeros_like(Xv)
    for c in range(C):
        for i in range(G.shape[0]):
            for j in range(G.shape[1]):
                win = Xv[i * p:(i + 1) * p, j * p:(j + 1) * p, c]
                ms, ns = np.unravel_index(np.argmax(win), win.shape)
                D[i * p + ms, j * p + ns, c] = G[i, j, c]
    # the cases row: dout of the position's patch where X equals the patch maximum, else 0
    E = np.zeros_like(Xv)
    for a in range(G.shape[0] * p):
        for bb in range(G.shape[1] * p):
            for c in range(C):
                i2, j2 = a // p, bb // p
                patch = Xv[i2 * p:(i2 + 1) * p, j2 * p:(j2 + 1) * p, c]
                E[a, bb, c] = G[i2, j2, c] if Xv[a, bb, c] == patch.max() else 0.0
    return {"pool_cases": close(E, X.grad), "pool_dX": close(D, X.grad)}


def ycn_dense_once(n, k):
    a, W, b = T(rnd(1, n), True), T(rnd(n, k), True), T(rnd(k), True)
    y = onehot(k)
    z = a @ W + b
    yh = torch.softmax(z, dim=1)
    (-(T(y) * torch.log(yh[0])).sum()).backward()
    e = yh.detach().numpy() - y[None]
    return {"dense_dW": close(a.detach().numpy().T @ e, W.grad),
            "dense_db": close(e[0], b.grad),
            "dense_da": close(e @ W.detach().numpy().T, a.grad)}


def ycn():
    out = {}
    for part in (repeat(lambda *z: ycn_conv_once(*z), [(5, 5, 1, 3, 1, 1), (6, 7, 3, 3, 2, 2), (5, 6, 2, 2, 1, 3)]),
                 repeat(ycn_pool_once, [(4, 4, 1, 2), (6, 6, 2, 3), (6, 6, 2, 2)]),
                 repeat(ycn_dense_once, [(4, 3), (6, 5), (3, 3)])):
        out.update(part)
    return out


# ---------------------------------------------------------------- ko_mlp_backprop_batch_ko
def kmb_once(N, d, h, c):
    X = T(rnd(N, d))
    W1, b1, W2, b2 = T(rnd(d, h), True), T(rnd(h), True), T(rnd(h, c), True), T(rnd(c), True)
    Y = np.stack([onehot(c) for _ in range(N)])
    Z1 = X @ W1 + b1
    Z1.retain_grad()
    H = torch.relu(Z1)
    H.retain_grad()
    Z2 = H @ W2 + b2
    Z2.retain_grad()
    P = torch.softmax(Z2, dim=1)
    (-(T(Y) * torch.log(P)).sum() / N).backward()
    D2, Hv, Pv = Z2.grad.numpy(), H.detach().numpy(), P.detach().numpy()
    DH = D2 @ W2.detach().numpy().T
    D1 = DH * (Z1.detach().numpy() > 0)
    return {"dZ2": close((Pv - Y) / N, Z2.grad),
            "dW2_entry": close(np.array([[sum(Hv[n, i] * D2[n, j] for n in range(N)) for j in range(c)]
                                         for i in range(h)]), W2.grad),
            "dW2": close(Hv.T @ D2, W2.grad), "db2": close(D2.sum(axis=0), b2.grad),
            "dH": close(DH, H.grad), "dZ1": close(D1, Z1.grad),
            "dW1": close(X.numpy().T @ Z1.grad.numpy(), W1.grad) and close(X.numpy().T @ D1, W1.grad),
            "db1": close(D1.sum(axis=0), b1.grad)}


def kmb():
    return repeat(kmb_once, [(4, 3, 5, 2), (6, 2, 3, 4), (1, 4, 2, 3)])


# ---------------------------------------------------------------- zh_rnn_bptt_basic_unit_zh
def zrn_once(Tn, nx, nh, ny):
    Whx, Whh, bh = T(rnd(nh, nx), True), T(rnd(nh, nh) * 0.5, True), T(rnd(nh), True)
    Wyh, by = T(rnd(ny, nh), True), T(rnd(ny), True)
    xs = [T(rnd(nx)) for _ in range(Tn)]
    ys = [onehot(ny) for _ in range(Tn)]
    h = torch.zeros(nh)
    hs, As, Os, E = [h], [], [], 0.0
    for t in range(Tn):
        a = Whx @ xs[t] + Whh @ h + bh
        a.retain_grad()
        h = torch.tanh(a)
        o = Wyh @ h + by
        o.retain_grad()
        E = E - (T(ys[t]) * torch.log_softmax(o, dim=0)).sum()
        As.append(a)
        Os.append(o)
        hs.append(h)
    E.backward()
    dh = [a.grad.numpy() for a in As] + [np.zeros(nh)]
    dy = [o.grad.numpy() for o in Os]
    Hv = [x.detach().numpy() for x in hs]          # Hv[t + 1] = h_t, Hv[0] = h_0 = 0
    Wyhv, Whhv = Wyh.detach().numpy(), Whh.detach().numpy()
    gen = all(close((Wyhv.T @ dy[t]) * (1 - Hv[t + 1] ** 2) + Whhv.T @ dh[t + 1], dh[t]) for t in range(Tn))
    return {"delta_h": gen,
            "dWhx": close(sum(np.outer(dh[t], xs[t].numpy()) for t in range(Tn)), Whx.grad),
            "dWhh": close(sum(np.outer(dh[t], Hv[t]) for t in range(Tn)), Whh.grad),
            "dbh": close(sum(dh[t] for t in range(Tn)), bh.grad),
            "dWyh": close(sum(np.outer(dy[t], Hv[t + 1]) for t in range(Tn)), Wyh.grad),
            "dby": close(sum(dy[t] for t in range(Tn)), by.grad)}


def zrn():
    return repeat(zrn_once, [(3, 2, 3, 2), (4, 3, 4, 3), (3, 2, 2, 4)])


# ---------------------------------------------------------------- ko_batched_matmul_step62_ko
def kbm_once(*shape):
    *bat, M, K, N = shape
    X, W = T(rnd(*bat, M, K), True), T(rnd(*bat, K, N), True)
    Y = X @ W
    Y.retain_grad()
    loss_of(Y).backward()
    gY, Xv, Wv = Y.grad.numpy(), X.detach().numpy(), W.detach().numpy()
    gX = gY @ np.swapaxes(Wv, -1, -2)
    gW = np.swapaxes(Xv, -1, -2) @ gY
    # entrywise sums by loops (first batch element, or the matrix itself)
    g0, x0, w0 = gY.reshape(-1, M, N)[0], Xv.reshape(-1, M, K)[0], Wv.reshape(-1, K, N)[0]
    ex = np.array([[sum(g0[i, j] * w0[k, j] for j in range(N)) for k in range(K)] for i in range(M)])
    ew = np.array([[sum(x0[i, k] * g0[i, j] for i in range(M)) for j in range(N)] for k in range(K)])
    return {"dX_entry": close(ex, X.grad.reshape(-1, M, K)[0]) and close(gX, X.grad),
            "dW_entry": close(ew, W.grad.reshape(-1, K, N)[0]) and close(gW, W.grad),
            "gX": close(gX, X.grad), "gW": close(gW, W.grad)}


def kbm():
    return repeat(kbm_once, [(3, 4, 2), (2, 3, 3, 5, 2), (4, 2, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
