"""Truth for the last three documents of the tenth held-out set (gradientes_cnn_pt,
udl_chap6_notes_zh, ch6_deep_learning_notes): numpy loops and torch autograd, never symbp.
Imported by ``truth_heldout10.py``, which writes the sidecars."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from truth_common import T, close, corr2, repeat  # noqa: E402
from heldout10.truth_helpers import F, at, channels_conv, jac, loss_of, one_conv, rnd, true_conv_zero_outside  # noqa: E402,F401

# ---------------------------------------------------------------- gradientes_cnn_pt
def pt_plain_once(H, W_, M, N):
    X, K, d, gX, gK, gb, Jw, Jx = one_conv(H, W_, M, N)
    Ho, Wo = d.shape
    t = {}
    written, ok = np.zeros((M, N)), True
    for m in range(M):
        for n in range(N):
            for i in range(H - M + 1):
                for j in range(W_ - N + 1):
                    dv, e1 = at(d, i, j)
                    xv, e2 = at(X, i + m, j + n)
                    ok &= e1 and e2
                    written[m, n] += dv * xv
    t["p_k"] = ok and close(written, gK)
    t["p_k_mat"] = close(corr2(X, d), gK)
    t["p_k_chain"] = close(np.einsum("ij,ijmn->mn", d, Jw), gK)
    t["p_k_local"] = all(np.isclose(Jw[i, j, m, n], X[i + m, j + n])
                         for i in range(Ho) for j in range(Wo) for m in range(M) for n in range(N))
    t["p_k_sub"] = close(np.array([[sum(d[i, j] * X[i + m, j + n] for i in range(Ho) for j in range(Wo))
                                    for n in range(N)] for m in range(M)]), gK)
    t["p_b"] = t["p_b_sub"] = close(d.sum(), gb)
    t["p_b_chain"] = close(d.sum() * 1.0, gb)               # dY_ij/db = 1 at every (i, j)
    Xt, Kt = T(X), T(K)
    Jb = jac(lambda v: F.conv2d(Xt[None, None], Kt[None, None])[0, 0] + v, T(0.0)).numpy()
    t["p_b_local"] = bool(np.allclose(Jb, 1.0))
    t["p_b_chain"] = t["p_b_chain"] and close(np.sum(d * Jb), gb)
    px, ok = np.zeros((H, W_)), True
    for i in range(H):
        for j in range(W_):
            for m in range(M):
                for n in range(N):
                    dv, e = at(d, i - m, j - n)
                    ok &= e
                    px[i, j] += dv * K[m, n]
    t["p_x"] = ok and close(px, gX)
    Kf = K[::-1, ::-1]
    valid = corr2(d, Kf)
    t["p_x_mat"] = valid is not None and close(valid, gX)
    t["p_x_chain"] = close(np.einsum("ij,ijab->ab", d, Jx), gX)
    local_ok, xs, xf = True, np.zeros((H, W_)), np.zeros((H, W_))
    for a in range(H):
        for b in range(W_):
            for i in range(Ho):
                for j in range(Wo):
                    if 0 <= a - i < M and 0 <= b - j < N:
                        local_ok &= bool(np.isclose(Jx[i, j, a, b], K[a - i, b - j]))
                        xs[a, b] += d[i, j] * K[a - i, b - j]
            for i in range(M):                               # sum_{i,j} delta_{a-i,b-j} Kflip_{ij}
                for j in range(N):
                    xf[a, b] += at(d, a - i, b - j)[0] * Kf[i, j]
    t["p_x_local"] = local_ok
    t["p_x_sub"] = close(xs, gX)
    t["p_x_flip"] = close(xf, gX)
    return t


def pt_stride_once(H, M, S, P):
    X, K, b = T(rnd(H, H), True), T(rnd(M, M), True), T(rnd(), True)
    Y = F.conv2d(X[None, None], K[None, None], stride=S, padding=P)[0, 0] + b
    Y.retain_grad()
    loss_of(Y).backward()
    d, gK = Y.grad.numpy(), K.grad.numpy()
    Xp = np.pad(X.detach().numpy(), P)                        # X~ = T(X)
    Ho = d.shape[0]
    Jw = jac(lambda v: F.conv2d(T(Xp)[None, None], v[None, None], stride=S)[0, 0], K.detach()).numpy()
    t = {}
    written, ok = np.zeros((M, M)), True
    for m in range(M):
        for n in range(M):
            for i in range(H - M + 1):
                for j in range(H - M + 1):
                    dv, e1 = at(d, i, j)
                    xv, e2 = at(Xp, i * S + m, j * S + n)
                    ok &= e1 and e2
                    written[m, n] += dv * xv
    t["p_ks"] = ok and close(written, gK)
    strided = np.array([[np.sum(Xp[m * S:m * S + Ho, n * S:n * S + Ho] * d)
                         if m * S + Ho <= Xp.shape[0] and n * S + Ho <= Xp.shape[1] else np.nan
                         for n in range((Xp.shape[1] - Ho) // S + 1)] for m in range((Xp.shape[0] - Ho) // S + 1)])
    t["p_ks_mat"] = close(strided, gK)
    t["p_ks_local"] = all(np.isclose(Jw[i, j, m, n], Xp[i * S + m, j * S + n])
                          for i in range(Ho) for j in range(Ho) for m in range(M) for n in range(M))
    t["p_ks_sub"] = close(np.array([[sum(d[i, j] * Xp[i * S + m, j * S + n] for i in range(Ho) for j in range(Ho))
                                     for n in range(M)] for m in range(M)]), gK)
    Xpt = T(Xp, True)
    Yp = F.conv2d(Xpt[None, None], K.detach()[None, None], stride=S)[0, 0]
    (Yp * T(d)).sum().backward()                              # gradient by the padded image
    up = np.zeros(((Ho - 1) * S + 1, (Ho - 1) * S + 1))
    up[::S, ::S] = d
    valid = corr2(up, K.detach().numpy()[::-1, ::-1])
    t["p_xs"] = valid is not None and close(valid, Xpt.grad)
    return t


def pt():
    res = repeat(pt_plain_once, [(4, 5, 2, 3), (5, 5, 3, 3)])
    res.update(repeat(pt_stride_once, [(5, 3, 2, 0), (5, 3, 1, 1), (6, 2, 2, 1)]))
    return res


# ---------------------------------------------------------------- udl_chap6_notes_zh
def udl_once(H, W_, k1, k2):
    X, Wt, d, gX, gW, _, Jw, _ = one_conv(H, W_, k1, k2)
    Ho, Wo = d.shape
    t = {"u_w_chain": close(np.einsum("ij,ijmn->mn", d, Jw), gW)}
    t["u_w"] = close(np.array([[sum(d[i, j] * X[i + m, j + n] for i in range(Ho) for j in range(Wo))
                                for n in range(k2)] for m in range(k1)]), gW)
    wm = corr2(d, X)                                          # dL/dY star X: X slid over dL/dY
    t["u_w_mat"] = wm is not None and close(wm, gW)
    t["u_x"] = close(true_conv_zero_outside(d, Wt, (H, W_)), gX)
    t["u_x_mat"] = close(corr2(np.pad(d, ((k1 - 1, k1 - 1), (k2 - 1, k2 - 1))), Wt), gX)
    return t


def udl_bias_res_once(Cout, dim):
    X, Wt, d, _, _, gb, _, _ = channels_conv(2, Cout, 4, 4, 2)
    t = {"u_b": close(d.sum(axis=(1, 2)), gb)}
    A = T(rnd(dim, dim) / dim)
    x = T(rnd(dim), True)
    y = x + torch.tanh(A @ x)
    y.retain_grad()
    loss_of(y).backward()
    JF = jac(lambda v: torch.tanh(A @ v), x.detach()).numpy()
    gy = y.grad.numpy()
    t["u_res"] = close(gy + gy @ JF, x.grad)
    return t


def udl():
    res = repeat(udl_once, [(4, 5, 2, 3), (5, 5, 3, 3)])
    res.update(repeat(udl_bias_res_once, [(3, 1), (2, 4)]))
    return res


# ---------------------------------------------------------------- ch6_deep_learning_notes
def niel_once(H, k):
    z0, w, b = T(rnd(H, H), True), T(rnd(k, k), True), T(rnd(), True)
    a0 = torch.sigmoid(z0)                                   # a^{l-1} = sigma(z^{l-1})
    z1 = F.conv2d(a0[None, None], w[None, None])[0, 0] + b
    z1.retain_grad()
    loss_of(z1).backward()
    d, an = z1.grad.numpy(), a0.detach().numpy()
    sp = an * (1 - an)
    Ho = d.shape[0]
    t = {"q_delta": close(true_conv_zero_outside(d, w.detach().numpy(), (H, H)) * sp, z0.grad),
         "q_w": close(np.array([[sum(d[i, j] * an[i + m, j + n] for i in range(Ho) for j in range(Ho))
                                 for n in range(k)] for m in range(k)]), w.grad),
         "q_b": close(d.sum(), b.grad)}
    return t


def niel():
    return repeat(niel_once, [(28, 5), (6, 3)])
