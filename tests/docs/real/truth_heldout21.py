"""Independent truth for the twenty-first held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout21.py`` writes the ``*.truth.json`` sidecars of ``heldout21/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout21/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout21"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          corr2, write_and_report)
from heldout21.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2021)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def distinct(*shape):
    """Standard normal draws with pairwise gaps (a shuffled grid plus small noise): no ties."""
    n = int(np.prod(shape))
    v = np.arange(n, dtype=float) * 0.37 + RNG.uniform(0, 0.05, n)
    RNG.shuffle(v)
    return (v - v.mean()).reshape(shape)


def full_conv(a, k):
    """Full 2-D true (flipping) convolution by loops: out[i, j] = sum a[h, w] k[i-h, j-w]."""
    a, k = np.asarray(a, float), np.asarray(k, float)
    out = np.zeros((a.shape[0] + k.shape[0] - 1, a.shape[1] + k.shape[1] - 1))
    for h in range(a.shape[0]):
        for w in range(a.shape[1]):
            out[h:h + k.shape[0], w:w + k.shape[1]] += a[h, w] * k
    return out


def full_corr(a, k):
    """Full 2-D cross-correlation: a zero-padded by k's size - 1, then valid cross-correlation."""
    a, k = np.asarray(a, float), np.asarray(k, float)
    return corr2(np.pad(a, ((k.shape[0] - 1,) * 2, (k.shape[1] - 1,) * 2)), k)


def rot(k):
    return np.asarray(k)[::-1, ::-1]


def conv_s(x, k, s):
    """Single-channel valid cross-correlation with stride s: out[h, w] = sum x[h s + u, w s + v] k[u, v]."""
    return F.conv2d(x[None, None], k[None, None], stride=s)[0, 0]


# ---------------------------------------------------------------- ch72_conv_pool_adjoint_en
def eng_conv_once(H, W, KH, KW, s):
    X, K, b = T(rnd(H, W), True), T(rnd(KH, KW), True), T(rnd(1), True)
    Y = conv_s(X, K, s) + b
    Y.retain_grad()
    L = loss_of(Y)
    L.backward()
    d = Y.grad.numpy()
    Xv, Kv = X.detach().numpy(), K.detach().numpy()
    Ho, Wo = d.shape
    J = jac(lambda k: conv_s(X.detach(), k, s), K.detach()).numpy()      # [h, w, u, v]
    r = {}
    r["dK_chain"] = close(np.einsum("hw,hwuv->uv", d, J), K.grad)
    r["dY_dK"] = all(isc(J[h, w, u, v], Xv[h * s + u, w * s + v])
                     for h in range(Ho) for w in range(Wo) for u in range(KH) for v in range(KW))
    r["dK"] = close(np.array([[sum(d[h, w] * Xv[h * s + u, w * s + v] for h in range(Ho) for w in range(Wo))
                               for v in range(KW)] for u in range(KH)]), K.grad)
    if s == 1:
        r["dK_star"] = close(corr2(Xv, d), K.grad)
        # delta * K^rot (full, flipping convolution) and delta star K (full cross-correlation)
        r["dX_rot"] = close(full_conv(d, rot(Kv)), X.grad) and close(full_corr(d, Kv), X.grad)
    def kk(u, v):
        return Kv[u, v] if 0 <= u < KH and 0 <= v < KW else 0.0
    r["dX_sum"] = close(np.array([[sum(d[h, w] * kk(i - h * s, j - w * s) for h in range(Ho) for w in range(Wo))
                                   for j in range(W)] for i in range(H)]), X.grad)
    return r


def eng_multi_once(B, Cin, Cout, H, K, s):
    X, Wt, b = T(rnd(B, Cin, H, H), True), T(rnd(Cout, Cin, K, K), True), T(rnd(Cout), True)
    Y = F.conv2d(X, Wt, b, stride=s)
    Y.retain_grad()
    loss_of(Y).backward()
    d, Xv = Y.grad.numpy(), X.detach().numpy()
    Ho = d.shape[2]
    dK = np.zeros((Cout, Cin, K, K))
    for o in range(Cout):
        for c in range(Cin):
            for u in range(K):
                for v in range(K):
                    dK[o, c, u, v] = sum(d[bb, o, h, w] * Xv[bb, c, h * s + u, w * s + v]
                                         for bb in range(B) for h in range(Ho) for w in range(Ho))
    return {"dK_multi": close(dK, Wt.grad), "db": close(d.sum(axis=(0, 2, 3)), b.grad)}


def eng_pool_once(H, W, PH, PW, sp):
    Xv = distinct(H, W)
    X = T(Xv, True)
    Ymax = F.max_pool2d(X[None, None], (PH, PW), stride=sp)[0, 0]
    Ymax.retain_grad()
    loss_of(Ymax).backward()
    d = Ymax.grad.numpy()
    g = np.zeros((H, W))
    for h in range(d.shape[0]):
        for w in range(d.shape[1]):
            win = Xv[h * sp:h * sp + PH, w * sp:w * sp + PW]
            i, j = np.unravel_index(np.argmax(win), win.shape)
            g[h * sp + i, w * sp + j] += d[h, w]
    r = {"max_dX": close(g, X.grad)}
    Xa = T(rnd(H, W), True)
    avg = lambda x: F.avg_pool2d(x[None, None], (PH, PW), stride=sp)[0, 0]   # noqa: E731
    J = jac(avg, Xa.detach()).numpy()
    Ya = avg(Xa)
    Ya.retain_grad()
    loss_of(Ya).backward()
    da = Ya.grad.numpy()
    inside = lambda i, j, h, w: h * sp <= i < h * sp + PH and w * sp <= j < w * sp + PW   # noqa: E731
    r["avg_dY"] = all(isc(J[h, w, i, j], (1.0 / (PH * PW)) * inside(i, j, h, w))
                      for h in range(J.shape[0]) for w in range(J.shape[1]) for i in range(H) for j in range(W))
    r["avg_dX"] = close(np.array([[sum(da[h, w] / (PH * PW) for h in range(da.shape[0]) for w in range(da.shape[1])
                                       if inside(i, j, h, w)) for j in range(W)] for i in range(H)]), Xa.grad)
    return r


def eng_numbers():
    X, K = T([[1, 2, 0], [3, 1, 4], [0, 2, 1]], True), T([[2, -1], [1, 3]], True)
    delta = T([[1, -1], [2, 0]])
    (delta * conv_s(X, K, 1)).sum().backward()
    return {"num_dK": close(K.grad, [[5, 4], [2, 1]]),
            "num_dX": close(X.grad, [[2, -3, 1], [5, 0, -3], [2, 6, 0]])}


def eng_two_channel_once(H, KH, KW):
    X, K, b = T(rnd(2, H, H), True), T(rnd(1, 2, KH, KW), True), T(rnd(1), True)
    Y = F.conv2d(X[None], K, b)[0, 0]
    Y.retain_grad()
    loss_of(Y).backward()
    d, Xv, Kv = Y.grad.numpy(), X.detach().numpy(), K.detach().numpy()[0]
    return {"ill1_dX": all(close(full_conv(d, rot(Kv[c])), X.grad[c]) for c in range(2)),
            "ill1_dK": all(close(corr2(Xv[c], d), K.grad[0, c]) for c in range(2))}


def eng():
    res = repeat(eng_conv_once, [(5, 5, 3, 3, 1), (6, 7, 2, 3, 1), (7, 7, 3, 3, 2), (8, 7, 3, 2, 2)])
    res.update(repeat(eng_multi_once, [(2, 3, 2, 7, 3, 2), (1, 2, 3, 5, 2, 1)]))
    res.update(repeat(eng_pool_once, [(4, 4, 2, 2, 2), (4, 5, 2, 2, 1), (5, 4, 3, 2, 1)]))
    res.update({k: verdict(v) for k, v in eng_numbers().items()})
    res.update(repeat(eng_two_channel_once, [(3, 2, 2), (5, 3, 2)]))
    return res


# ---------------------------------------------------------------- edunn_conv2d_capa_es
def spa_once(n, f, s):
    """x n x n, w f x f, stride s, no padding; entries 1-based in the rows below (index - 1 here)."""
    x, w = T(rnd(n, n), True), T(rnd(f, f), True)
    y = conv_s(x, w, s)
    y.retain_grad()
    loss_of(y).backward()
    g, xv, wv = y.grad.numpy(), x.detach().numpy(), w.detach().numpy()
    X = lambda i, j: xv[i - 1, j - 1]    # noqa: E731
    Wm = lambda i, j: wv[i - 1, j - 1]   # noqa: E731
    G = lambda i, j: g[i - 1, j - 1]     # noqa: E731
    dx, dw = x.grad.numpy(), w.grad.numpy()
    Jx = jac(lambda t: conv_s(t, w.detach(), s), x.detach()).numpy()
    Jw = jac(lambda t: conv_s(x.detach(), t, s), w.detach()).numpy()
    r = {"chain_x": close(np.einsum("ij,ijmn->mn", g, Jx), dx),
         "chain_w": close(np.einsum("ij,ijmn->mn", g, Jw), dw)}
    if s == 1:
        r["dw11"] = isc(G(1, 1) * X(1, 1) + G(1, 2) * X(1, 2) + G(2, 1) * X(2, 1) + G(2, 2) * X(2, 2), dw[0, 0])
        r["dw12"] = isc(G(1, 1) * X(1, 2) + G(1, 2) * X(1, 3) + G(2, 1) * X(2, 2) + G(2, 2) * X(2, 3), dw[0, 1])
        r["dw21"] = isc(G(1, 1) * X(2, 1) + G(1, 2) * X(2, 2) + G(2, 1) * X(3, 1) + G(2, 2) * X(3, 2), dw[1, 0])
        r["dw22"] = isc(G(1, 1) * X(2, 2) + G(1, 2) * X(2, 3) + G(2, 1) * X(3, 2) + G(2, 2) * X(3, 3), dw[1, 1])
        r["dw_pat"] = close(corr2(xv, g), dw)
        r["dx12"] = isc(G(1, 1) * Wm(1, 2) + G(1, 2) * Wm(1, 1), dx[0, 1])
        r["dx22"] = isc(G(1, 1) * Wm(2, 2) + G(1, 2) * Wm(2, 1) + G(2, 1) * Wm(1, 2) + G(2, 2) * Wm(1, 1), dx[1, 1])
        r["dx23"] = isc(G(1, 2) * Wm(2, 2) + G(2, 2) * Wm(1, 1), dx[1, 2])       # as written
        r["dx32"] = isc(G(2, 1) * Wm(2, 2) + G(2, 2) * Wm(2, 1), dx[2, 1])
        rw = np.array([[Wm(2, 2), Wm(2, 1)], [Wm(1, 2), Wm(1, 1)]])
        r["dx_full"] = close(full_corr(g, rw), dx) and close(full_corr(g, rot(wv)), dx)
    else:
        r["s2_dx13"] = isc(G(1, 1) * Wm(1, 3) + G(1, 2) * Wm(1, 1), dx[0, 2])
        r["s2_dx33"] = isc(G(1, 1) * Wm(3, 3) + G(1, 2) * Wm(3, 1) + G(2, 1) * Wm(1, 3) + G(2, 2) * Wm(1, 1), dx[2, 2])
        r["s2_dw11"] = isc(G(1, 1) * X(1, 1) + G(1, 2) * X(1, 3) + G(2, 1) * X(3, 1) + G(2, 2) * X(3, 3), dw[0, 0])
        r["s2_dw23"] = isc(G(1, 1) * X(2, 3) + G(1, 2) * X(2, 5) + G(2, 1) * X(4, 3) + G(2, 2) * X(4, 5), dw[1, 2])
        # the 23 other stride-2 input rows and 7 other filter rows (excluded from the score) hold too
        assert close(dx, full_corr_dilated(g, wv, 2, n)), "stride-2 rows"
    return r


def full_corr_dilated(g, w, s, n):
    """Input gradient of a stride-s valid cross-correlation: dilate g by s - 1, full-correlate with rot(w)."""
    gd = np.zeros(((g.shape[0] - 1) * s + 1, (g.shape[1] - 1) * s + 1))
    gd[::s, ::s] = g
    out = full_corr(gd, rot(w))
    return np.pad(out, ((0, n - out.shape[0]), (0, n - out.shape[1])))


def spa():
    return repeat(spa_once, [(3, 2, 1), (5, 3, 2)])


# ---------------------------------------------------------------- sukowski_nn_gradients_en
def suk_fc_once(n, m, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    x, W, b = T(rnd(n), True), T(rnd(m, n), True), T(rnd(m), True)
    z = b + W @ x
    z.retain_grad()
    y = f(z)
    y.retain_grad()
    loss_of(y).backward()
    dz, dy = z.grad.numpy(), y.grad.numpy()
    sp = dphi(f, z.detach().numpy())
    Wv, xv = W.detach().numpy(), x.detach().numpy()
    return {"fc_dz": close(dy * sp, dz), "fc_db": close(dz, b.grad),
            "fc_dw": close(np.outer(dz, xv), W.grad),
            "fc_dx": close(np.array([sum(dz[k] * Wv[k, j] for k in range(m)) for j in range(n)]), x.grad)}


def suk_conv_once(n, m, H, KH, KW, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    X, K = T(rnd(n, H, H), True), T(rnd(m, n, KH, KW), True)
    B = T(rnd(m, H - KH + 1, H - KW + 1), True)
    Z = B + F.conv2d(X[None], K)[0]
    Z.retain_grad()
    Y = f(Z)
    Y.retain_grad()
    loss_of(Y).backward()
    dZ, dY = Z.grad.numpy(), Y.grad.numpy()
    Xv, Kv = X.detach().numpy(), K.detach().numpy()
    return {"cv_dZ": close(dY * dphi(f, Z.detach().numpy()), dZ), "cv_dB": close(dZ, B.grad),
            "cv_dK": all(close(corr2(Xv[j], dZ[k]), K.grad[k, j]) for k in range(m) for j in range(n)),
            "cv_dX": all(close(sum(full_conv(dZ[k], Kv[k, j]) for k in range(m)), X.grad[j]) for j in range(n))}


def suk_sm_once(n):
    x = T(rnd(n), True)
    y = torch.softmax(x, 0)
    y.retain_grad()
    loss_of(y).backward()
    yv, dy = y.detach().numpy(), y.grad.numpy()
    J = jac(lambda t: torch.softmax(t, 0), x.detach()).numpy()      # [k, j]
    dlt = np.eye(n)
    return {"sm_jac": all(isc(J[k, j], yv[k] * (dlt[k, j] - yv[j])) for k in range(n) for j in range(n)),
            "sm_grad": close(np.array([sum(dy[k] * yv[k] * (dlt[k, j] - yv[j]) for k in range(n)) for j in range(n)]),
                             x.grad)}


def suk():
    res = repeat(suk_fc_once, [(3, 2, "tanh"), (4, 3, "sig"), (2, 5, "sig")])
    res.update(repeat(suk_conv_once, [(2, 3, 5, 3, 3, "tanh"), (1, 2, 6, 2, 3, "sig")]))
    res.update(repeat(suk_sm_once, [(3,), (5,)]))
    return res


# ---------------------------------------------------------------- slam_uncertainty_grads_en
def slm_loss_once(yv):
    r = {}
    z = T(rnd(1)[0] * 2, True)
    sg = torch.sigmoid(z)
    L = -(yv * torch.log(sg) + (1 - yv) * torch.log(1 - sg))
    L.backward()
    s, g = sg.item(), z.grad.item()
    sp = s * (1 - s)
    r["bce_grad"] = isc(s - yv, g)
    r["app1"] = isc(-(yv * (1 / s) * sp + (1 - yv) * (1 / (1 - s)) * (-sp)), g)
    r["app2"] = isc(-(yv * sp / s - (1 - yv) * sp / (1 - s)), g)
    r["app3"] = isc(-(yv * (1 - s) - (1 - yv) * s), g)
    r["app4"] = isc(-(yv - yv * s - s + yv * s), g)
    zz = T(rnd(5), True)
    torch.sigmoid(zz).sum().backward()
    sz = torch.sigmoid(zz).detach().numpy()
    r["sig_d"] = close(sz * (1 - sz), zz.grad)
    return r


def slm_focal_once(y, gamma):
    z, alpha = T(rnd(1)[0] * 2, True), float(RNG.uniform(0.2, 0.9))
    sg = torch.sigmoid(z)
    p = sg if y == 1 else 1 - sg
    L = -alpha * (1 - p) ** gamma * torch.log(p)
    L.backward()
    pt = p.item()
    form = alpha * (gamma * (1 - pt) ** (gamma - 1) * np.log(pt) * pt * (1 - pt) - (1 - pt) ** gamma * (1 - pt)) * (2 * y - 1)
    th, lam = T(rnd(4), True), float(RNG.uniform(0.01, 1))
    (lam / 2 * (th ** 2).sum()).backward()
    return {"focal": isc(form, z.grad.item()), "l2": close(lam * th.detach().numpy(), th.grad)}


def slm_conv_once(H, K):
    X, Wt = T(rnd(H, H), True), T(rnd(K, K), True)
    Wv = Wt.detach().numpy()
    # reading 1: * is cross-correlation in the forward and in the gradient
    Y = conv_s(X, Wt, 1)
    Y.retain_grad()
    loss_of(Y).backward()
    ok1 = close(full_corr(Y.grad.numpy(), rot(Wv)), X.grad)
    # reading 2: * is true convolution in both: Y = X * W (valid) = X star rot(W)
    X2 = T(X.detach().numpy(), True)
    Y2 = conv_s(X2, T(rot(Wv).copy()), 1)
    Y2.retain_grad()
    loss_of(Y2).backward()
    ok2 = close(full_conv(Y2.grad.numpy(), rot(Wv)), X2.grad)
    return {"cv_dX": ok1 and ok2}


def slm_bn_once(m):
    eps = 1e-5
    x = T(rnd(m), True)
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    xh = (x - mu) / torch.sqrt(var + eps)
    xh.retain_grad()
    loss_of(xh).backward()
    g, xhv, v = xh.grad.numpy(), xh.detach().numpy(), var.item()
    form = (g - g.sum() / m - xhv / m * (g * xhv).sum()) / np.sqrt(v + eps)
    return {"bn": close(form, x.grad)}


def slm():
    res = repeat(slm_loss_once, [(0.0,), (1.0,), (0.3,)])
    res.update(repeat(slm_focal_once, [(1, 2.0), (0, 2.0), (1, 0.5), (0, 3.0)]))
    res.update(repeat(slm_conv_once, [(5, 3), (6, 2)]))
    res.update(repeat(slm_bn_once, [(4,), (7,)]))
    return res


# ---------------------------------------------------------------- rust_gpu_book_conv_ja
def jpn_once(B, Cin, Cout, H, K, s, p):
    X, Wt, b = T(rnd(B, Cin, H, H), True), T(rnd(Cout, Cin, K, K), True), T(rnd(Cout), True)
    Y = F.conv2d(X, Wt, b, stride=s, padding=p)
    Y.retain_grad()
    loss_of(Y).backward()
    dY = Y.grad
    # dL/dY * W^{rot180}: transposed-convolution reading with unit step (rotated kernel, channels exchanged)
    Wr = torch.flip(Wt.detach(), (2, 3)).transpose(0, 1)
    dX = F.conv2d(dY, Wr, padding=K - 1 - p)
    ok_x = dX.shape == X.shape and close(dX, X.grad)
    # X * dL/dY: cross-correlation of the padded input with dL/dY, unit step, summed over the batch
    Xp = F.pad(X.detach(), (p, p, p, p))
    dW = F.conv2d(Xp.transpose(0, 1), dY.transpose(0, 1)).transpose(0, 1)
    ok_w = dW.shape == Wt.shape and close(dW, Wt.grad)
    return {"ja_dX": ok_x, "ja_dW": ok_w, "ja_dB": close(dY.sum(dim=(0, 2, 3)), b.grad)}


def jpn():
    return repeat(jpn_once, [(2, 2, 3, 6, 3, 1, 1), (1, 3, 2, 5, 2, 1, 0), (2, 2, 3, 7, 3, 2, 0), (1, 2, 2, 8, 3, 2, 1)])


# ---------------------------------------------------------------- helwich_nn_notes_de
def deu_once(n_out, n_in, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    a, t, W = rnd(n_in), rnd(n_out), T(rnd(n_out, n_in), True)
    b = W @ T(a)                                    # b_i = sum_j w_ij a_j (the MSE row's expansion)
    E = ((T(t) - f(b)) ** 2).sum() / n_out
    E.backward()
    bv = b.detach().numpy()
    row = np.outer(-2 / n_out * (t - bv) * dphi(f, bv), a)
    ok_a = close(row, W.grad)
    # reading B: b_i = phi(sum_j w_ij a_j), the error as written applies phi to b_i again
    W2 = T(W.detach().numpy(), True)
    s2 = W2 @ T(a)
    b2 = f(s2)
    E2 = ((T(t) - f(b2)) ** 2).sum() / n_out
    E2.backward()
    b2v = b2.detach().numpy()
    ok_b = close(np.outer(-2 / n_out * (t - b2v) * dphi(f, b2v), a), W2.grad)
    return {"de_dw": ok_a or ok_b}


def deu():
    return repeat(deu_once, [(2, 3, "sig"), (3, 2, "tanh")])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
