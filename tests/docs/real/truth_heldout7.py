"""Independent truth for the seventh held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout7.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout7/`` (the format of truth_heldout6.py: claims, one README-style directive per
section, the displays left out of the score).  The documents were transcribed and their truth
established before anything of symbp was run on them (nothing of symbp is imported here).  Each
claim is evaluated literally as written: written bounds, offsets, index base and the document's
own convention for its sliding sum; a written bound that reaches an entry that does not exist
refutes the claim unless the document says the tensor is padded there; a sum without bounds runs
over where its indexed tensors exist; a shape that differs refutes.  Every claim is checked at two
random draws and, where a document states its rules for any size, at two or more sets of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout7"
sys.path.insert(0, str(HERE))
from truth_common import T, close, corr2, repeat, seeded_draws, write_and_report  # noqa: E402
from heldout7.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(77)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def conv1(x, w, b=None, stride=1):
    """Single-channel valid cross-correlation with torch (for autograd)."""
    out = F.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]
    return out + b if b is not None else out


def dsigmoid(x):
    s = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
    return s * (1 - s)


def distinct(*shape):
    """Values that are all different (no ties in a max)."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) + RNG.uniform(0.1, 0.9, n)).reshape(shape) / n


# ---------------------------------------------------------------- transformerswsz_cnn_bp_zh
def pinard_once():
    t = {}
    # pooling: a^{l-1} = sigma(z^{l-1}) (4x4), 2x2 windows, stride 2, delta^l = dJ/d(pooled)
    pool_ok = []
    for kind in ("max", "avg"):
        z = T(rnd(4, 4), True)
        a = torch.sigmoid(z)
        P = (F.max_pool2d if kind == "max" else F.avg_pool2d)(a[None, None], 2, 2)[0, 0]
        P.retain_grad()
        loss_of(P).backward()
        d, an = P.grad.numpy(), a.detach().numpy()
        up = np.zeros((4, 4))
        for p in range(2):
            for q in range(2):
                if kind == "max":
                    u, v = np.unravel_index(np.argmax(an[2 * p:2 * p + 2, 2 * q:2 * q + 2]), (2, 2))
                    up[2 * p + u, 2 * q + v] = d[p, q]
                else:
                    up[2 * p:2 * p + 2, 2 * q:2 * q + 2] = d[p, q] / 4
        pool_ok.append(close(up * dsigmoid(z.detach().numpy()), z.grad))
    t["p_pool_k"] = t["p_pool"] = all(pool_ok)
    # convolution: z^l = sigma(z^{l-1}) * W^l + b^l, 3x3 input, 2x2 kernel
    zp, W, b = T(rnd(3, 3), True), T(rnd(2, 2)), T(rnd())
    zl = conv1(torch.sigmoid(zp), W, b)
    zl.retain_grad()
    loss_of(zl).backward()
    dl, gz = zl.grad.numpy(), zp.grad.numpy()
    J = jac(lambda v: conv1(torch.sigmoid(v), W, b), zp.detach()).numpy().reshape(4, 9)
    t["p_dnn"] = close((J.T @ dl.reshape(4)).reshape(3, 3), gz)
    Wn, sp = W.numpy(), dsigmoid(zp.detach().numpy())
    r = corr2(dl, np.rot90(Wn, 2))                       # delta^l * rot180(W^l), no padding: 1x1
    t["p_delta"] = r is not None and r.shape == sp.shape and close(r * sp, gz)
    # the example: a^{l-1} (3x3) * W^l (2x2) = z^l, b = 0; entries 1-based
    a = T(rnd(3, 3), True)
    z = conv1(a, W)
    z.retain_grad()
    loss_of(z).backward()
    d, ga = z.grad.numpy(), a.grad.numpy()
    Ja = jac(lambda v: conv1(v, W), a.detach()).numpy().reshape(4, 9)
    t["p_grad_a"] = close((Ja.T @ d.reshape(4)).reshape(3, 3), ga)
    w = {(i + 1, j + 1): Wn[i, j] for i in range(2) for j in range(2)}
    de = {(i + 1, j + 1): d[i, j] for i in range(2) for j in range(2)}
    g = {(i + 1, j + 1): ga[i, j] for i in range(3) for j in range(3)}
    t["p_a11"] = close(w[1, 1] * de[1, 1], g[1, 1])
    t["p_a12"] = close(w[1, 1] * de[1, 2] + w[1, 2] * de[1, 1], g[1, 2])
    rows = [(g[1, 3], w[1, 2] * de[1, 2]), (g[2, 1], w[1, 1] * de[2, 1] + w[2, 1] * de[1, 1]),
            (g[2, 2], w[1, 1] * de[2, 2] + w[1, 2] * de[2, 1] + w[2, 1] * de[1, 2] + w[2, 2] * de[1, 1]),
            (g[2, 3], w[1, 2] * de[2, 2] + w[2, 2] * de[1, 2]), (g[3, 1], w[2, 1] * de[2, 1]),
            (g[3, 2], w[2, 1] * de[2, 2] + w[2, 2] * de[2, 1]), (g[3, 3], w[2, 2] * de[2, 2])]
    t["p_a_rows"] = all(close(lhs, rhs) for lhs, rhs in rows)
    t["p_full"] = close(corr2(np.pad(d, 1), np.array([[w[2, 2], w[2, 1]], [w[1, 2], w[1, 1]]])), ga)
    # kernel gradient: 4x4 a, 3x3 W, 2x2 delta, bias b
    a4, W3, b3 = T(rnd(4, 4)), T(rnd(3, 3), True), T(rnd(), True)
    z4 = conv1(a4, W3, b3)
    z4.retain_grad()
    loss_of(z4).backward()
    d4, gW, an = z4.grad.numpy(), W3.grad.numpy(), a4.numpy()
    t["p_dW"] = t["p_dW_matrix"] = close(corr2(an, d4), gW)
    A = {(i + 1, j + 1): an[i, j] for i in range(4) for j in range(4)}
    D = {(i + 1, j + 1): d4[i, j] for i in range(2) for j in range(2)}
    pq = np.array([[sum(D[i, j] * A[i + p - 1, j + q - 1] for i in (1, 2) for j in (1, 2)) for q in (1, 2, 3)]
                   for p in (1, 2, 3)])
    t["p_dWpq"] = close(pq, gW)
    t["p_W11"] = close(A[1, 1] * D[1, 1] + A[1, 2] * D[1, 2] + A[2, 1] * D[2, 1] + A[2, 2] * D[2, 2], gW[0, 0])
    t["p_W12"] = close(A[1, 2] * D[1, 1] + A[1, 3] * D[1, 2] + A[2, 2] * D[2, 1] + A[2, 3] * D[2, 2], gW[0, 1])
    t["p_W13"] = close(A[1, 3] * D[1, 1] + A[1, 4] * D[1, 2] + A[2, 3] * D[2, 1] + A[2, 4] * D[2, 2], gW[0, 2])
    t["p_W33"] = close(A[3, 3] * D[1, 1] + A[3, 4] * D[1, 2] + A[4, 3] * D[2, 1] + A[4, 4] * D[2, 2], gW[2, 2])
    t["p_db"] = close(d4.sum(), b3.grad)
    return t


def pinard():
    return repeat(pinard_once, [()])


# ---------------------------------------------------------------- brightlamp_conv_maxpool_zh
def windows(u, v, g, h, p, q, t):
    """The 0-based outputs (i, j) whose window covers input (u, v) (condition 1)."""
    return [(i, j) for i in range(g) for j in range(h) if i * t <= u <= i * t + p - 1 and j * t <= v <= j * t + q - 1]


def bright_conv_once(m, n, p, q, t):
    x, w, b = T(rnd(m, n), True), T(rnd(p, q), True), T(rnd(), True)
    y = conv1(x, w, b, stride=t)
    y.retain_grad()
    loss_of(y).backward()
    gy, gx, gw, gb = y.grad.numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.item()
    xn, wn = x.detach().numpy(), w.detach().numpy()
    g, h = gy.shape
    Jx = jac(lambda v: conv1(v, w.detach(), b.detach(), t), x.detach()).numpy()     # (g, h, m, n)
    Jw = jac(lambda v: conv1(x.detach(), v, b.detach(), t), w.detach()).numpy()     # (g, h, p, q)
    dydx = np.zeros((g, h, m, n))
    for i in range(g):
        for j in range(h):
            for u in range(i * t, i * t + p):
                for v in range(j * t, j * t + q):
                    dydx[i, j, u, v] = wn[u - i * t, v - j * t]
    res = {"b_dydx": close(Jx, dydx), "b_chain_x": close(np.einsum("ij,ijuv->uv", gy, Jx), gx)}
    # the four cases, with (i, j) any output whose window covers (u, v); an output index that
    # does not exist (i - x t < 0) fails that choice
    cases_ok, zero_ok = True, True
    for u in range(m):
        for v in range(n):
            cover = windows(u, v, g, h, p, q, t)
            if not cover:
                zero_ok &= bool(abs(gx[u, v]) < 1e-12)
                continue
            xs = range(p - t + 1) if t <= p - 1 else [0]
            ys = range(q - t + 1) if t <= q - 1 else [0]
            good = False
            for i, j in cover:
                idx = [(i - a * t, j - c * t) for a in xs for c in ys]
                if all(0 <= r < g and 0 <= s < h for r, s in idx):
                    good |= close(sum(gy[r, s] for r, s in idx) * wn[u - i * t, v - j * t], gx[u, v])
            cases_ok &= good
    res["b_cases4"], res["b_zero"] = cases_ok, zero_ok
    dydw = np.array([[[[xn[i * t + u, j * t + v] for v in range(q)] for u in range(p)] for j in range(h)]
                     for i in range(g)])
    res["b_dydw"] = close(Jw, dydw)
    res["b_dw"] = close(np.einsum("ij,ijuv->uv", gy, Jw), gw) and close(np.einsum("ij,ijuv->uv", gy, dydw), gw)
    res["b_db"] = close(gy.sum(), gb)
    Jb = jac(lambda s: conv1(x.detach(), w.detach(), s, t), b.detach()).numpy()
    res["b_dydb"] = close(Jb, np.ones((g, h)))
    return res


def bright_pool_once(m, n, p, q, t):
    xv = distinct(m, n)
    if t == 1:
        xv[1, 1] = 2.0                                   # an interior maximum: in several windows
    x = T(xv, True)
    y = F.max_pool2d(x[None, None], (p, q), t)[0, 0]
    y.retain_grad()
    loss_of(y).backward()
    gy, gx = y.grad.numpy(), x.grad.numpy()
    g, h = gy.shape
    J = jac(lambda v: F.max_pool2d(v[None, None], (p, q), t)[0, 0], x.detach()).numpy()
    ind = np.zeros((g, h, m, n))
    for i in range(g):
        for j in range(h):
            win = xv[i * t:i * t + p, j * t:j * t + q]
            for u in range(m):
                for v in range(n):
                    ind[i, j, u, v] = 1.0 if xv[u, v] == win.max() else 0.0
    ok = True                                             # one window's gradient for each maximum
    for u in range(m):
        for v in range(n):
            tops = [(i, j) for i in range(g) for j in range(h) if ind[i, j, u, v]]
            ok &= close(0.0, gx[u, v]) if not tops else any(close(gy[i, j], gx[u, v]) for i, j in tops)
    return {"m_dydx": close(J, ind), "m_dx": ok}


def bright():
    res = repeat(bright_conv_once, [(5, 5, 3, 3, 2), (7, 6, 2, 3, 1), (6, 6, 2, 2, 2), (8, 8, 2, 2, 3)])
    res.update(repeat(bright_pool_once, [(4, 4, 2, 2, 1), (4, 4, 2, 2, 2)]))
    return res


# ---------------------------------------------------------------- canndy_layer_fc_conv_zh
def canndy_once(N, D, C):
    t = {}
    # scalar chain x_{i+1} = x_i w_i + b_i (i = 1..n-1), y = x_n w_n + b_n; n = 4, k = 2
    n, k = 4, 2
    w, bb = T(rnd(n + 1), True), T(rnd(n + 1), True)
    xk = T(rnd(), True)
    xs = {k: xk}
    for i in range(k, n):
        xs[i + 1] = xs[i] * w[i] + bb[i]
    y = xs[n] * w[n] + bb[n]
    y.backward()
    wn = w.detach().numpy()
    t["c_sc_x"] = close(np.prod(wn[k:n + 1]), xk.grad)
    t["c_sc_w"] = close(np.prod(wn[k + 1:n + 1]) * xk.item(), w.grad[k])
    t["c_sc_b"] = close(np.prod(wn[k + 1:n + 1]), bb.grad[k])
    # one layer Y = X W + b, X (N, D), W (D, C)
    X, W, b = T(rnd(N, D), True), T(rnd(D, C), True), T(rnd(C), True)
    Y = X @ W + b
    Y.retain_grad()
    loss_of(Y).backward()
    g, gX, gW, gb = Y.grad.numpy(), X.grad.numpy(), W.grad.numpy(), b.grad.numpy()
    Xn, Wn = X.detach().numpy(), W.detach().numpy()
    JW = jac(lambda v: X.detach() @ v + b.detach(), W.detach()).numpy()      # (N, C, D, C)
    JX = jac(lambda v: v @ W.detach() + b.detach(), X.detach()).numpy()      # (N, C, N, D)
    t["c_dwab_chain"] = close(np.einsum("ij,ijab->ab", g, JW), gW)
    t["c_dwab_red"] = close(np.array([[sum(g[i, bq] * JW[i, bq, a, bq] for i in range(N)) for bq in range(C)]
                                      for a in range(D)]), gW)
    sums_W = np.array([[sum(g[i, j] * Xn[i, a] for i in range(N)) for j in range(C)] for a in range(D)])
    t["c_dwab"] = t["c_dW_sums"] = close(sums_W, gW)
    t["c_dW"] = t["c_sum_W"] = close(Xn.T @ g, gW)
    X1 = np.hstack([Xn, np.ones((N, 1))])
    t["c_dWb"] = close(X1.T @ g, np.vstack([gW, gb[None, :]]))
    t["c_dyx"] = close(JX, jac(lambda v: v @ W.detach(), X.detach()).numpy())
    sums_X = np.array([[sum(g[a, j] * Wn[bq, j] for j in range(C)) for bq in range(D)] for a in range(N)])
    t["c_dxab"] = close(np.einsum("ij,ijab->ab", g, JX), gX) and close(sums_X, gX)
    t["c_dX_sums"] = close(sums_X, gX)
    t["c_dX"] = t["c_sum_X"] = close(g @ Wn.T, gX)
    # n = 3 layers X_{i+1} = X_i W_i + b_i, Y = X_3 W_3 + b_3; k = 1 and 2
    dims = [D, 4, 3, C]
    Ws = [T(rnd(dims[i], dims[i + 1]), True) for i in range(3)]
    bs = [T(rnd(dims[i + 1])) for i in range(3)]
    X1t = T(rnd(N, D), True)
    Xs = [X1t]
    for i in range(2):
        Xs.append(Xs[-1] @ Ws[i] + bs[i])
        Xs[-1].retain_grad()
    Yl = Xs[-1] @ Ws[2] + bs[2]
    Yl.retain_grad()
    loss_of(Yl).backward()
    gL, Wl = Yl.grad.numpy(), [v.detach().numpy() for v in Ws]
    Xg = [X1t.grad.numpy()] + [v.grad.numpy() for v in Xs[1:]]
    ok_x = close(gL @ Wl[2].T @ Wl[1].T @ Wl[0].T, Xg[0]) and close(gL @ Wl[2].T @ Wl[1].T, Xg[1])
    ok_w = (close(Xs[0].detach().numpy().T @ (gL @ Wl[2].T @ Wl[1].T), Ws[0].grad)
            and close(Xs[1].detach().numpy().T @ (gL @ Wl[2].T), Ws[1].grad))
    t["c_mlp_x"], t["c_mlp_w"] = ok_x, ok_w
    # with activations: X_{i+1} = sigma(X_i W_i + b_i) for i = 1, 2; Y = X_3 W_3 + b_3 (n = 3, k = 1)
    Ws = [T(rnd(dims[i], dims[i + 1]), True) for i in range(3)]
    X1t = T(rnd(N, D), True)
    pre2 = X1t @ Ws[0] + bs[0]
    X2 = torch.sigmoid(pre2)
    pre3 = X2 @ Ws[1] + bs[1]
    X3 = torch.sigmoid(pre3)
    Ya = X3 @ Ws[2] + bs[2]
    Ya.retain_grad()
    loss_of(Ya).backward()
    gL, Wl = Ya.grad.numpy(), [v.detach().numpy() for v in Ws]
    A2, A3 = dsigmoid(pre2.detach().numpy()), dsigmoid(pre3.detach().numpy())
    x1n = X1t.detach().numpy()
    left = (((gL @ Wl[2].T) * A3) @ Wl[1].T) * A2        # nabla L W_3^T (.) A_3 W_2^T (.) A_2, left to right
    t["c_act_x"] = close(left @ Wl[0].T, X1t.grad)
    t["c_act_w"] = close(x1n.T @ left, Ws[0].grad)
    delta2 = ((gL @ Wl[2].T) * A3) @ Wl[1].T              # Delta_2 as the document defines it (n = 3)
    delta1 = ((((gL @ Wl[2].T) * A3) @ Wl[1].T) * A2) @ Wl[0].T
    t["c_delta_x"] = close((delta2 * A2) @ Wl[0].T, X1t.grad)
    t["c_delta_w"] = close(x1n.T @ (delta2 * A2), Ws[0].grad)
    t["c_delta_rec"] = close(delta1, (delta2 * A2) @ Wl[0].T)
    # convolution: y has ow x oh entries; the kernel-gradient sums run i to iw and j to ih
    iw, ih, kw, kh = D + 2, C + 3, 2, 3
    ow, oh = iw - kw + 1, ih - kh + 1
    reach = {(i, j) for i in range(1, iw + 1) for j in range(1, ih + 1)}
    exists = reach <= {(i, j) for i in range(1, ow + 1) for j in range(1, oh + 1)}
    t["c_conv_dv1"] = t["c_conv_dv2"] = exists
    return t


def canndy():
    return repeat(canndy_once, [(4, 3, 2), (2, 3, 4)])


# ---------------------------------------------------------------- day54_cuda_conv_input_grad
def day54_once(C, M, H, K):
    X, W = T(rnd(C, H, H), True), T(rnd(M, C, K, K))
    Y = F.conv2d(X[None], W)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    g, gX, Wn = Y.grad.numpy(), X.grad.numpy(), W.numpy()
    Ho = H - K + 1
    J = jac(lambda v: F.conv2d(v[None], W)[0], X.detach()).numpy()          # (M, Ho, Ho, C, H, H)
    sub_ok, fin = True, np.zeros_like(gX)
    for c in range(C):
        for h in range(H):
            for w in range(H):
                terms, exists = 0.0, True
                for m in range(M):
                    for hp in range(h - K + 1, h + 1):
                        for wp in range(w - K + 1, w + 1):
                            if not (m < C and 0 <= hp < H and 0 <= wp < H):
                                exists = False   # dE/dX[m, h', w'] names an entry X does not have
                                continue
                            terms += gX[m, hp, wp] * Wn[m, c, h - hp, w - wp]
                sub_ok &= exists and close(terms, gX[c, h, w])
                fin[c, h, w] = sum(g[m, h - p, w - q] * Wn[m, c, K - 1 - p, K - 1 - q]
                                   for m in range(M) for p in range(K) for q in range(K)
                                   if 0 <= h - p < Ho and 0 <= w - q < Ho)
    return {"d_chain": close(np.einsum("mij,mijchw->chw", g, J), gX), "d_sub": sub_ok, "d_final": close(fin, gX)}


def day54():
    return repeat(day54_once, [(2, 3, 5, 3), (1, 2, 4, 2)])


# ---------------------------------------------------------------- saikrishna_conv_notes
def saik_once(Ci, Co, H, KH, KW):
    X, W, b = T(rnd(Ci, H, H), True), T(rnd(Co, Ci, KH, KW), True), T(rnd(Co), True)
    Y = F.conv2d(X[None], W, b)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    d, gX, gW, gb = Y.grad.numpy(), X.grad.numpy(), W.grad.numpy(), b.grad.numpy()
    Xn, Wn = X.detach().numpy(), W.detach().numpy()
    Ho, Wo = H - KH + 1, H - KW + 1
    JW = jac(lambda v: F.conv2d(X.detach()[None], v, b.detach())[0], W.detach()).numpy()   # (Co,Ho,Wo,Co,Ci,KH,KW)
    t = {"s_w_chain": close(np.einsum("cij,cijdkmn->dkmn", d, JW), gW)}
    same_c = np.array([[[[[[JW[c, i, j, c, k, m, n] == Xn[k, i + m, j + n] for n in range(KW)] for m in range(KH)]
                          for k in range(Ci)] for j in range(Wo)] for i in range(Ho)] for c in range(Co)])
    t["s_dydw"] = bool(same_c.all())
    dW = np.array([[[[sum(d[c, i, j] * Xn[k, i + m, j + n] for i in range(Ho) for j in range(Wo))
                      for n in range(KW)] for m in range(KH)] for k in range(Ci)] for c in range(Co)])
    t["s_w"] = close(dW, gW)
    Xt = np.array([[Xn[k, i + m, j + n] for i in range(Ho) for j in range(Wo)]
                   for k in range(Ci) for m in range(KH) for n in range(KW)])   # (Ci KH KW, Ho Wo)
    dflat = d.reshape(Co, Ho * Wo)
    t["s_w_vec"] = close((dflat @ Xt.T).reshape(Co, Ci, KH, KW), gW)
    Jb = jac(lambda v: F.conv2d(X.detach()[None], W.detach(), v)[0], b.detach()).numpy()   # (Co, Ho, Wo, Co)
    t["s_b_chain"] = close(np.einsum("cij,cijd->d", d, Jb), gb)
    t["s_dydb"] = close(np.array([Jb[c, :, :, c] for c in range(Co)]), np.ones((Co, Ho, Wo)))
    t["s_b"] = close(d.sum(axis=(1, 2)), gb)
    JX = jac(lambda v: F.conv2d(v[None], W.detach(), b.detach())[0], X.detach()).numpy()   # (Co,Ho,Wo,Ci,H,H)
    t["s_x_chain"] = close(np.einsum("cij,cijkpq->kpq", d, JX), gX)
    cases = np.zeros_like(JX)
    for c in range(Co):
        for i in range(Ho):
            for j in range(Wo):
                for k in range(Ci):
                    for p in range(H):
                        for q in range(H):
                            if 0 <= p - i < KH and 0 <= q - j < KW:
                                cases[c, i, j, k, p, q] = Wn[c, k, p - i, q - j]
    # the sum reads W_{c,k,p-i,q-j} for every i < H_out, j < W_out: offsets outside 0..K-1 exist?
    reach = {(p - i, q - j) for p in range(H) for q in range(H) for i in range(Ho) for j in range(Wo)}
    in_range = reach <= {(m, n) for m in range(KH) for n in range(KW)}
    t["s_dx"] = close(cases, JX) and in_range
    Xtl = T(Xt, True)
    Wt = T(Wn.reshape(Co, Ci * KH * KW))
    Yv = Wt @ Xtl + b.detach()[:, None]
    Yv.backward(T(dflat))
    t["s_x_vec"] = close(Xtl.grad, Wt.numpy().T @ dflat)
    return t


def saik():
    return repeat(saik_once, [(2, 3, 5, 3, 3), (1, 2, 4, 2, 3)])


# ---------------------------------------------------------------- convpass_jacobian_entries
VEC = [(0, 0), (1, 0), (0, 1), (1, 1)]                   # column-wise vec order


def convpass_once():
    X, K, b = T(rnd(3, 3), True), T(rnd(2, 2), True), T(rnd(), True)
    O = conv1(X, K, b)
    O.retain_grad()
    loss_of(O).backward()
    g, gX, gK, gb = O.grad.numpy(), X.grad.numpy(), K.grad.numpy(), b.grad.item()
    Xn, Kn = X.detach().numpy(), K.detach().numpy()
    t = {"e_db": close(g.sum(), gb)}
    Jb = jac(lambda s: conv1(X.detach(), K.detach(), s), b.detach()).numpy()
    t["e_dodb"] = close(Jb, np.ones((2, 2)))
    JK = jac(lambda v: conv1(X.detach(), v, b.detach()), K.detach()).numpy()      # (2, 2, 2, 2)
    JKv = np.array([[JK[o][k] for k in VEC] for o in VEC])
    gO_row = np.array([g[o] for o in VEC])
    gK_row = np.array([gK[k] for k in VEC])
    written = np.array([[Xn[0, 0], Xn[1, 0], Xn[0, 1], Xn[1, 1]], [Xn[1, 0], Xn[2, 0], Xn[1, 1], Xn[2, 1]],
                        [Xn[0, 1], Xn[1, 1], Xn[0, 2], Xn[1, 2]], [Xn[1, 1], Xn[2, 1], Xn[1, 2], Xn[2, 2]]])
    t["e_dK_chain"] = close(gO_row @ JKv, gK_row)
    t["e_dOdK"] = close(JKv, written)
    t["e_typo"] = False                                   # (1x4)(1x4): no product exists
    t["e_row"] = close(gO_row @ written, gK_row)
    t["e_dK_T"] = close(corr2(Xn, g.T), gK)
    t["e_dK"] = close(corr2(Xn, g), gK)
    JX = jac(lambda v: conv1(v, K.detach(), b.detach()), X.detach()).numpy()      # (2, 2, 3, 3)
    JXv = np.array([JX[o] for o in VEC]).reshape(4, 9)
    t["e_dX_chain"] = close((gO_row @ JXv).reshape(3, 3), gX)
    col00 = np.array([JX[0, 0, 0, 0], JX[0, 1, 0, 0], JX[1, 0, 0, 0], JX[1, 1, 0, 0]])   # O_00, O_01, O_10, O_11
    t["e_dX00"] = (close(gO_row @ col00, gX[0, 0]) and close(col00, [Kn[0, 0], 0, 0, 0])
                   and close(g[0, 0] * Kn[0, 0], gX[0, 0]))
    t["e_dX00b"] = close(g[0, 0] * Kn[0, 0], gX[0, 0])
    t["e_dX01"] = close(gO_row @ np.array([Kn[0, 1], 0, 0, 0]), gX[0, 1]) and close(g[0, 0] * Kn[0, 1], gX[0, 1])
    t["e_dX02"] = close(gO_row @ np.array([0, Kn[0, 1], 0, 0]), gX[0, 2]) and close(g[1, 0] * Kn[0, 1], gX[0, 2])
    t["e_dX22"] = close(gO_row @ np.array([0, 0, 0, Kn[1, 1]]), gX[2, 2]) and close(g[1, 1] * Kn[1, 1], gX[2, 2])
    full = corr2(np.pad(g, 1), np.array([[Kn[1, 1], Kn[1, 0]], [Kn[0, 1], Kn[0, 0]]]))
    t["e_dX_full"] = close(full, gX)
    t["e_dX_pad"] = close(corr2(np.pad(g, 1), np.rot90(Kn, 2)), gX)
    return t


def convpass():
    return repeat(convpass_once, [()])


# ---------------------------------------------------------------- cnn_math_explanation
def cnnmath_once(n_in, n_out, H, k):
    a, W, b = T(rnd(n_in, 1), True), T(rnd(n_out, n_in), True), T(rnd(n_out, 1), True)
    z = W @ a + b
    z.retain_grad()
    loss_of(z).backward()
    dz = z.grad.numpy()
    t = {"f_W": close(dz @ a.detach().numpy().T, W.grad), "f_b": close(dz, b.grad),
         "f_a": close(W.detach().numpy().T @ dz, a.grad)}
    # one input channel i, one output channel j: the kernel gradient is a k x k array
    X, Kk = T(rnd(H, H)), T(rnd(k, k), True)
    Z = conv1(X, Kk)
    Z.retain_grad()
    loss_of(Z).backward()
    dj, Xn = Z.grad.numpy(), X.numpy()
    scalar = sum(Xn[m, n] * dj[m, n] for m in range(dj.shape[0]) for n in range(dj.shape[1]))
    t["k_dK"] = close(np.array(scalar), Kk.grad)          # a number against a k x k gradient
    return t


def cnnmath():
    return repeat(cnnmath_once, [(3, 2, 5, 3), (4, 3, 4, 2)])


# ---------------------------------------------------------------- purepisces_dense_dx
def purep_once():
    X, W = T(rnd(1, 2), True), T(rnd(2, 2))
    Z = X @ W
    Z.retain_grad()
    loss_of(Z).backward()
    dZ, gX, Wn = Z.grad.numpy()[0], X.grad.numpy()[0], W.numpy()
    row = np.array([dZ[0] * Wn[0, 0] + dZ[1] * Wn[0, 1], dZ[0] * Wn[1, 0] + dZ[1] * Wn[1, 1]])
    return {"u_dX": close(dZ @ Wn.T, gX), "u_row": close(row, gX), "u_x1": close(row[0], gX[0]),
            "u_x2": close(row[1], gX[1])}


def purep():
    return repeat(purep_once, [()])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
