"""Independent truth for the seventy-seventh held-out set (numpy and torch autograd, not symbp):
``python truth_heldout77.py`` writes the ``*.truth.json`` sidecars of ``heldout77/``, by the method
and in the format of ``truth_heldout76.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout77/claims_table.py`` says the reading.  The rows the table leaves out with "holds:
checked" (or "not settled ... checked") are asserted here too.  Written before anything of symbp
was run on the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout77"
sys.path.insert(0, str(HERE))
from truth_common import grads_at, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout77.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2077)
torch.set_default_dtype(torch.float64)


def onehot(K, N):
    d = np.zeros((K, N))
    d[np.arange(K), RNG.integers(N, size=K)] = 1.0
    return d


# ---------------------------------------------------------------- nn_impl_report_en
def ir_fc_once(N, D, M):
    out = {}
    X, W, b = rnd(N, D), rnd(D, M), rnd(1, M)
    Xt, Wt, bt = T(X, True), T(W, True), T(b, True)
    Y = Xt @ Wt + bt
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, gW, gb = grads_at(L, [Xt, Wt, bt])
    out["fc_dX"] = isclose(gY @ W.T, gX)
    out["fc_dW"] = isclose(X.T @ gY, gW)
    out["fc_db"] = isclose(sum(gY[i] for i in range(N))[None, :], gb)
    # weight decay: right for (lambda/2)||W||^2, off by 2 for lambda ||W||^2 (not settled)
    lam = float(abs(rnd()) + 0.1)
    for coef, should in ((lam / 2, True), (lam, False)):
        Wt2 = T(W, True)
        Y2 = T(X) @ Wt2 + T(b)
        L2 = loss_of(Y2) + coef * (Wt2 ** 2).sum()
        gY2, gW2 = grads_at(L2, [Y2, Wt2])
        assert isclose(X.T @ gY2 + lam * W, gW2) == should
    # the softmax cross-entropy row: p - y for one sample's loss, (p - y)/N for the batch mean
    C = 3
    Z, Yh = rnd(N, C), onehot(N, C)
    Zt = T(Z, True)
    P = torch.softmax(Zt, dim=1)
    Lm = -(T(Yh) * torch.log(P)).sum() / N
    gZ, = grads_at(Lm, [Zt])
    Pn = P.detach().numpy()
    assert isclose((Pn - Yh) / N, gZ)
    assert N == 1 or not isclose(Pn - Yh, gZ)
    z0 = T(Z[0], True)
    l0 = -(T(Yh[0]) * torch.log_softmax(z0, 0)).sum()
    assert isclose(Pn[0] - Yh[0], grads_at(l0, [z0])[0])
    return out


def ir_conv_rows(I, Wn, gO, sh, sw, H, Wd, restrict):
    """The page's input-gradient row by loops (restrict: only terms with s | h - k)."""
    B, Cin = I.shape[0], I.shape[1]
    Cout, _, Kh, Kw = Wn.shape
    Ho, Wo = gO.shape[2], gO.shape[3]
    dI = np.zeros_like(I)
    for b in range(B):
        for i in range(Cin):
            for h in range(H):
                for w in range(Wd):
                    acc = 0.0
                    for o in range(Cout):
                        for kh in range(Kh):
                            for kw in range(Kw):
                                if restrict and ((h - kh) % sh or (w - kw) % sw):
                                    continue
                                a, c = (h - kh) // sh, (w - kw) // sw   # floor, as written
                                if 0 <= a < Ho and 0 <= c < Wo:
                                    acc += Wn[o, i, kh, kw] * gO[b, o, a, c]
                    dI[b, i, h, w] = acc
    return dI


def ir_conv_once(B, Cin, Cout, H, Wd, Kh, Kw, sh, sw):
    out = {}
    I, Wn, bn = rnd(B, Cin, H, Wd), rnd(Cout, Cin, Kh, Kw), rnd(Cout)
    It, Wt, bt = T(I, True), T(Wn, True), T(bn, True)
    O = F.conv2d(It, Wt, bt, stride=(sh, sw))
    L = loss_of(O)
    gO, = grads_at(L, [O])
    gI, gW, gb = grads_at(L, [It, Wt, bt])
    Ho, Wo = gO.shape[2], gO.shape[3]
    assert Ho == (H - Kh) // sh + 1 and Wo == (Wd - Kw) // sw + 1
    dW = np.zeros_like(Wn)
    for o in range(Cout):
        for i in range(Cin):
            for kh in range(Kh):
                for kw in range(Kw):
                    dW[o, i, kh, kw] = sum(I[b, i, h * sh + kh, w * sw + kw] * gO[b, o, h, w]
                                           for b in range(B) for h in range(Ho) for w in range(Wo))
    out["conv_dW"] = isclose(dW, gW)
    out["conv_dI"] = isclose(ir_conv_rows(I, Wn, gO, sh, sw, H, Wd, False), gI)
    assert isclose(ir_conv_rows(I, Wn, gO, sh, sw, H, Wd, True), gI)      # with s | h - k: holds
    assert isclose(gO.sum((0, 2, 3)), gb)                                   # the bias in words
    # at stride 1 the floor is exact
    O1 = F.conv2d(It, Wt, bt)
    L1 = loss_of(O1)
    gO1, = grads_at(L1, [O1])
    gI1, = grads_at(L1, [It])
    assert isclose(ir_conv_rows(I, Wn, gO1, 1, 1, H, Wd, False), gI1)
    return out


def ir():
    res = {}
    for part in (repeat(ir_fc_once, [(4, 3, 2), (2, 5, 3), (6, 2, 4)]),
                 repeat(ir_conv_once, [(1, 1, 1, 5, 5, 2, 2, 2, 2), (2, 2, 3, 6, 5, 3, 2, 2, 1),
                                       (1, 2, 2, 7, 6, 3, 3, 2, 2)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- cnn_rnn_interview_en
def cr_pool_once(C, H, W, k):
    out = {}
    X = rnd(C, H, W)
    Ho, Wo = H // k, W // k
    for kind in ("max", "avg"):
        Xt = T(X, True)
        Y = (F.max_pool2d if kind == "max" else F.avg_pool2d)(Xt[None], k, k)[0]
        L = loss_of(Y)
        gY, = grads_at(L, [Y])
        gX, = grads_at(L, [Xt])
        row = np.zeros_like(X)
        for c in range(C):
            for m in range(H):
                for n in range(W):
                    i, j = m // k, n // k
                    if i >= Ho or j >= Wo:
                        continue                       # outside every window
                    win = X[c, i * k:(i + 1) * k, j * k:(j + 1) * k]
                    am = np.unravel_index(np.argmax(win), win.shape)
                    if kind == "max":
                        row[c, m, n] = gY[c, i, j] * float((m - i * k, n - j * k) == tuple(am))
                    else:
                        row[c, m, n] = gY[c, i, j] / (k * k)
        out["maxpool_dX" if kind == "max" else "avgpool_dX"] = isclose(row, gX)
    # overlapping windows (stride 1): the one-window row misses the other windows' shares
    Xt = T(X, True)
    Y = F.avg_pool2d(Xt[None], 2, 1)[0]
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, = grads_at(L, [Xt])
    one = np.zeros_like(X)
    for c in range(C):
        for m in range(H - 1):
            for n in range(W - 1):
                one[c, m, n] = gY[c, m, n] / 4
    assert not isclose(one, gX)
    return out


def cr_rnn(Tn, Hd, D, C=2):
    h0 = rnd(Hd)
    Whh, Wxh, bh = rnd(Hd, Hd) * 0.8, rnd(Hd, D), rnd(Hd)
    Why, by = rnd(C, Hd), rnd(C)
    xs = [rnd(D) for _ in range(Tn)]
    Gs = [rnd(C) for _ in range(Tn)]
    return h0, Whh, Wxh, bh, Why, by, xs, Gs


def cr_bptt_once(Tn, Hd, D):
    out = {}
    h0, Whh, Wxh, bh, Why, by, xs, Gs = cr_rnn(Tn, Hd, D)
    Wt = T(Whh, True)
    hs, Ls = [T(h0)], []
    for t in range(Tn):
        h = torch.tanh(Wt @ hs[-1] + T(Wxh) @ T(xs[t]) + T(bh))
        hs.append(h)
        yh = torch.softmax(T(Why) @ h + T(by), 0)
        Ls.append((T(Gs[t]) * yh).sum() + (yh ** 3).sum() / 3)
    Ltot = sum(Ls)
    gW, = grads_at(Ltot, [Wt])
    hn = [h.detach().numpy() for h in hs]
    Jstep = {j: np.diag(1 - hn[j] ** 2) @ Whh for j in range(1, Tn + 1)}  # dh_j/dh_{j-1}, outputs as rows

    def Jspan(t, k):                                   # dh_t/dh_k
        P = np.eye(Hd)
        for j in range(t, k, -1):
            P = P @ Jstep[j]
        return P
    # check the spans against autograd (re-running the recurrence from a leaf h_k)
    for t in range(1, Tn + 1):
        for k in range(0, t):
            def run(v, t=t, k=k):
                h = v
                for j in range(k, t):
                    h = torch.tanh(T(Whh) @ h + T(Wxh) @ T(xs[j]) + T(bh))
                return h
            assert isclose(jac(run, hn[k]), Jspan(t, k))
    total = np.zeros_like(Whh)
    for t in range(1, Tn + 1):
        gt, = grads_at(Ls[t - 1], [hs[t]])                            # dL_t/dh_t (row)
        for k in range(1, t + 1):
            # immediate dh_k/dW_hh with h_{k-1} fixed: [a, a', b] = (1 - h_k^2)_a delta_{a a'} h_{k-1, b}
            Pk = jac(lambda Wv, k=k: torch.tanh(Wv @ T(hn[k - 1]) + T(Wxh) @ T(xs[k - 1]) + T(bh)), Whh)
            total += np.einsum("a,ab,bcd->cd", gt, Jspan(t, k), Pk)
    out["bptt_dWhh"] = isclose(total, gW)
    return out


def cr_chain_once(Tn, Hd, D):
    out = {}
    h0, Whh, Wxh, bh, Why, by, xs, Gs = cr_rnn(Tn, Hd, D)
    hs, zs = [h0], [None]
    for t in range(Tn):
        z = Whh @ hs[-1] + Wxh @ xs[t] + bh
        zs.append(z)
        hs.append(np.tanh(z))
    ok = True
    for t in range(1, Tn + 1):
        for k in range(0, t):
            def run(v, t=t, k=k):
                h = v
                for j in range(k, t):
                    h = torch.tanh(T(Whh) @ h + T(Wxh) @ T(xs[j]) + T(bh))
                return h
            J = jac(run, hs[k])                                         # dh_t/dh_k, outputs as rows
            steps = {j: jac(lambda v, j=j: torch.tanh(T(Whh) @ v + T(Wxh) @ T(xs[j - 1]) + T(bh)), hs[j - 1])
                     for j in range(k + 1, t + 1)}
            first = np.eye(Hd)
            for j in range(t, k, -1):
                first = first @ steps[j]
            assert isclose(first, J)                                   # the first link holds
            fac = {j: np.diag(1 - np.tanh(zs[j]) ** 2) @ Whh.T for j in range(k + 1, t + 1)}
            variants = []
            for order in (range(t, k, -1), range(k + 1, t + 1)):
                P = np.eye(Hd)
                for j in order:
                    P = P @ fac[j]
                variants.append(P)
            ok = ok and any(isclose(P, target) for P in variants for target in (J, J.T))
    out["dh_chain"] = ok
    return out


def cr():
    res = {}
    for part in (repeat(cr_pool_once, [(1, 4, 4, 2), (2, 6, 6, 3), (2, 6, 4, 2)]),
                 repeat(cr_bptt_once, [(1, 2, 2), (2, 3, 2), (3, 3, 4)]),
                 repeat(cr_chain_once, [(2, 2, 2), (3, 3, 2), (3, 4, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- bn_backprop_note_ko
def ko_once(m, eps):
    out = {}
    x = rnd(m)
    xt = T(x, True)
    mu = xt.mean()
    var = ((xt - mu) ** 2).mean()
    xh = (xt - mu) / torch.sqrt(var + eps)
    gam, bet = float(rnd()), float(rnd())
    y = gam * xh + bet
    L = loss_of(y)
    dxh, dvar, dmu, dx = grads_at(L, [xh, var, mu, xt])
    mun, varn = float(mu.detach()), float(var.detach())
    out["dvar"] = isclose(-0.5 * np.sum(dxh * (x - mun)) * (varn + eps) ** -1.5, dvar)
    assert isclose(np.sum(dxh * (x - mun) * (-0.5) * (varn + eps) ** -1.5), dvar)
    # d sigma^2 / d mu with x fixed, at the batch mean and at another mu
    ok = True
    for mu0 in (mun, mun + float(rnd())):
        g = torch.autograd.grad(((T(x) - (mt := T(mu0, True))) ** 2).mean(), mt)[0].item()
        ok = ok and np.isclose(g, -2 / m * np.sum(x - mu0), atol=1e-9) \
            and np.isclose(g, np.sum(2 * (x - mu0) * (-1)) / m, atol=1e-9)
    assert np.isclose(-2 / m * np.sum(x - mun), 0, atol=1e-9)
    out["dvar_dmu"] = bool(ok)
    out["dmu"] = isclose(-1 / np.sqrt(varn + eps) * np.sum(dxh), dmu)
    # d sigma^2 / d x_i: partial with mu fixed and total
    Jtot = jac(lambda v: ((v - v.mean()) ** 2).mean(), x)
    Jpar = jac(lambda v: ((v - mun) ** 2).mean(), x)
    out["dvar_dx"] = isclose(2 / m * (x - mun), Jtot) and isclose(2 / m * (x - mun), Jpar)
    out["dx"] = isclose(dxh / np.sqrt(varn + eps) + dvar * 2 / m * (x - mun) + dmu / m, dx)
    # the left-out local derivatives
    assert isclose(jac(lambda v: (T(x) - mun) / torch.sqrt(v + eps), np.array(varn)),
                   -0.5 * (x - mun) * (varn + eps) ** -1.5)
    assert isclose(jac(lambda v: (T(x) - v) / np.sqrt(varn + eps), np.array(mun)), -np.ones(m) / np.sqrt(varn + eps))
    return out


def ko():
    return repeat(ko_once, [(3, 1e-5), (4, 1e-2), (6, 0.1)])


# ---------------------------------------------------------------- matrix_calculus_dl_zh
def zh_mm_once(n, p, m):
    out = {}
    A, B = rnd(n, p), rnd(p, m)
    At, Bt = T(A, True), T(B, True)
    Y = At @ Bt
    L = loss_of(Y)
    G, = grads_at(L, [Y])
    gA, gB = grads_at(L, [At, Bt])
    entryA = np.array([[sum(G[i, j] * B[k, j] for j in range(m)) for k in range(p)] for i in range(n)])
    entryB = np.array([[sum(G[i, j] * A[i, k] for i in range(n)) for j in range(m)] for k in range(p)])
    out["mm_grads"] = isclose(entryA, gA) and isclose(G @ B.T, gA) and isclose(entryB, gB) and isclose(A.T @ G, gB)
    return out


def zh_sdp_once(n, n2, dk):
    out = {}
    Q, K = rnd(n, dk), rnd(n2, dk)
    Qt, Kt = T(Q, True), T(K, True)
    S = Qt @ Kt.T / np.sqrt(dk)
    L = loss_of(S)
    gS, = grads_at(L, [S])
    gQ, gK = grads_at(L, [Qt, Kt])
    out["sdp_grads"] = isclose(gS @ K / np.sqrt(dk), gQ) and isclose(gS.T @ Q / np.sqrt(dk), gK)
    return out


def zh_sm_vec_once(n):
    out = {}
    s = rnd(n) * 1.5
    st = T(s, True)
    a = torch.softmax(st, 0)
    L = loss_of(a)
    g, = grads_at(L, [a])
    gs, = grads_at(L, [st])
    an = a.detach().numpy()
    Ja = jac(lambda v: torch.softmax(v, 0), s)
    assert isclose(Ja, an[:, None] * (np.eye(n) - an[None, :]))               # a_i (delta_ij - a_j)
    link1 = np.array([sum(g[i] * Ja[i, j] for i in range(n)) for j in range(n)])
    link2 = g * an - an * np.sum(g * an)
    link3 = an * (g - np.sum(g * an))
    out["sm_vec"] = isclose(link1, gs) and isclose(link2, gs) and isclose(link3, gs)
    return out


def zh_sm_mat_once(n, m):
    out = {}
    S = rnd(n, m) * 1.5
    St = T(S, True)
    A = torch.softmax(St, dim=1)
    L = loss_of(A)
    G, = grads_at(L, [A])
    gS, = grads_at(L, [St])
    An = A.detach().numpy()
    r = (G * An).sum(1)[:, None]                                               # rowsum: a column
    ones = np.ones((n, 1))
    written = ones @ r.T                                                       # 1 rowsum(.)^T, n x n
    out["sm_mat"] = written.shape == G.shape and isclose(An * (G - written), gS)
    assert isclose(An * (G - r @ np.ones((1, m))), gS)                         # with rowsum(.) 1^T
    return out


def zh_conv_once(n, K):
    out = {}
    x, w = rnd(n), rnd(K)
    xt, wt = T(x, True), T(w, True)
    No = n - K + 1
    y = torch.stack([sum(wt[k] * xt[i + k] for k in range(K)) for i in range(No)])   # y_i = sum_k w_k x_{i+k-1}
    L = loss_of(y)
    gy, = grads_at(L, [y])
    gw, = grads_at(L, [wt])
    if (n, K) == (4, 2):
        rows = [sum(gy[i - 1] * x[i + k - 1 - 1] for i in range(1, 4)) for k in range(1, K + 1)]
        ex = gy[0] * x[0] + gy[1] * x[1] + gy[2] * x[2]
        out["conv_dw"] = isclose(rows, gw) and np.isclose(ex, gw[0], atol=1e-9)
        Wband = np.array([[w[0], w[1], 0, 0], [0, w[0], w[1], 0], [0, 0, w[0], w[1]]])
        assert isclose(jac(lambda v: torch.stack([T(w)[0] * v[i] + T(w)[1] * v[i + 1] for i in range(3)]), x), Wband)
    else:
        assert isclose([sum(gy[i - 1] * x[i + k - 2] for i in range(1, No + 1)) for k in range(1, K + 1)], gw)
    return out


def zh_ln_once(n, eps):
    out = {}
    x, gam, bet = rnd(n), rnd(n), rnd(n)

    def zf(v):
        mu = v.mean()
        s = ((v - mu) ** 2).mean() + eps
        return (v - mu) / torch.sqrt(s)
    Jz = jac(zf, x)
    mu = x.mean()
    s = ((x - mu) ** 2).mean() + eps
    row1 = np.array([[((i == j) - 1 / n) * s ** -0.5 + (x[i] - mu) * (-0.5) * s ** -1.5 * (2 / n) * (x[j] - mu)
                      for j in range(n)] for i in range(n)])
    row2 = np.array([[((i == j) - 1 / n) / np.sqrt(s) - (x[i] - mu) * (x[j] - mu) / (n * s ** 1.5)
                      for j in range(n)] for i in range(n)])
    out["ln_jac"] = isclose(row1, Jz) and isclose(row2, Jz)
    P = np.eye(n) - np.ones((n, n)) / n
    Px = P @ x
    assert isclose(P / np.sqrt(s) - np.outer(Px, Px) / (n * s ** 1.5), Jz)
    assert isclose(np.diag(gam) @ Jz, jac(lambda v: zf(v) * T(gam) + T(bet), x))
    assert np.isclose(x @ P @ x / n + eps, s) and isclose(P @ P, P)
    xt, gt, bt = T(x), T(gam, True), T(bet, True)
    z = zf(xt)
    y = z * gt + bt
    L = loss_of(y)
    gy, = grads_at(L, [y])
    gg, gb = grads_at(L, [gt, bt])
    out["ln_dgamma"] = isclose(gy * z.detach().numpy(), gg) and isclose(gy, gb)
    return out


def zh_ffn_check(n, d, m):
    x, t = rnd(n), rnd(m)
    Wi, bi, Wo, bo = T(rnd(d, n), True), T(rnd(d), True), T(rnd(m, d), True), T(rnd(m), True)
    g = Wi @ T(x) + bi
    h = torch.relu(g)
    y = Wo @ h + bo
    L = 0.5 * ((y - T(t)) ** 2).sum()
    gy, gh, gg = grads_at(L, [y, h, g])
    gWo, gbo, gWi, gbi = grads_at(L, [Wo, bo, Wi, bi])
    yn, hn, gn, Won = y.detach().numpy(), h.detach().numpy(), g.detach().numpy(), Wo.detach().numpy()
    assert isclose(yn - t, gy)
    assert isclose(np.outer(gy, hn), gWo) and isclose(gy, gbo)
    assert isclose(Won.T @ gy, gh)
    assert not np.any(np.isclose(gn, 0))
    assert isclose(np.diag(gn > 0) @ gh, gg) and isclose(np.diag(gn > 0) @ Won.T @ gy, gg)
    assert isclose(np.outer(gg, x), gWi) and isclose(gg, gbi)


def zh_attn_check(n, d, dk, dv):
    X = rnd(n, d)
    Xt = T(X, True)
    WQ, WK, WV = T(rnd(d, dk), True), T(rnd(d, dk), True), T(rnd(d, dv), True)
    Q, K, V = Xt @ WQ, Xt @ WK, Xt @ WV
    S = Q @ K.T / np.sqrt(dk)
    A = torch.softmax(S, dim=1)
    O = A @ V
    L = loss_of(O)
    G, gA, gS, gQ, gK, gV = grads_at(L, [O, A, S, Q, K, V])
    gX, gWQ, gWK, gWV = grads_at(L, [Xt, WQ, WK, WV])
    An, Vn = A.detach().numpy(), V.detach().numpy()
    assert isclose(An.T @ G, gV) and isclose(G @ Vn.T, gA)
    assert isclose(gS @ K.detach().numpy() / np.sqrt(dk), gQ)
    assert isclose(gS.T @ Q.detach().numpy() / np.sqrt(dk), gK)
    assert isclose(X.T @ gQ, gWQ) and isclose(X.T @ gK, gWK) and isclose(X.T @ gV, gWV)
    assert isclose(gQ @ WQ.detach().numpy().T + gK @ WK.detach().numpy().T + gV @ WV.detach().numpy().T, gX)
    r = (gA * An).sum(1)[:, None]
    assert not isclose(An * (gA - np.ones((n, 1)) @ r.T), gS)               # the written step 2
    assert isclose(An * (gA - r @ np.ones((1, n))), gS)


def zh_misc_check():
    W, x = rnd(2, 3), rnd(3)
    assert isclose(jac(lambda v: T(W) @ v + 1.0, x).T, W.T)                   # dy/dx = W^T, denominator layout
    Wq = rnd(3, 3)
    gq = torch.autograd.grad((xt := T(x, True)) @ T(Wq) @ xt, xt)[0].numpy()
    assert isclose((Wq.T + Wq) @ x, gq)
    v = rnd(5)
    assert isclose(jac(torch.relu, v), np.diag((v > 0).astype(float)))


def zh():
    for sizes in [(3, 4, 2), (2, 5, 3)]:
        zh_ffn_check(*sizes)
    for sizes in [(3, 4, 2, 2), (4, 3, 3, 2)]:
        zh_attn_check(*sizes)
    zh_misc_check()
    res = {}
    for part in (repeat(zh_mm_once, [(2, 3, 2), (4, 3, 5), (3, 2, 4)]),
                 repeat(zh_sdp_once, [(3, 3, 2), (4, 2, 3), (2, 5, 4)]),
                 repeat(zh_sm_vec_once, [(2,), (3,), (4,), (6,)]),
                 repeat(zh_sm_mat_once, [(2, 2), (3, 3), (4, 4), (2, 3), (3, 4)]),
                 repeat(zh_conv_once, [(4, 2), (4, 2), (6, 3), (5, 2)]),
                 repeat(zh_ln_once, [(3, 1e-5), (4, 0.1), (6, 1e-5)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- cnn_masterclass_en
def mc_forward(Xv, Wv, bv):
    """O_{i,j,k} = sum_{m,n,c} X_{i+m, j+n, c} W_{m,n,c,k} + b_k (HWC, HWIO, valid)."""
    O = F.conv2d(Xv.permute(2, 0, 1)[None], Wv.permute(3, 2, 0, 1), bv)[0]
    return O.permute(1, 2, 0)


def mc_once(H, W, K, Cin, Cout):
    out = {}
    X, Wn, b = rnd(H, W, Cin), rnd(K, K, Cin, Cout), rnd(Cout)
    Xt, Wt, bt = T(X, True), T(Wn, True), T(b, True)
    O = mc_forward(Xt, Wt, bt)
    Ho, Wo = H - K + 1, W - K + 1
    assert O.shape == (Ho, Wo, Cout)
    assert np.isclose(O[0, 0, 0].item(), sum(X[m, n, c] * Wn[m, n, c, 0] for m in range(K) for n in range(K)
                                             for c in range(Cin)) + b[0], atol=1e-9)
    L = loss_of(O)
    gO, = grads_at(L, [O])
    gX, gW, gb = grads_at(L, [Xt, Wt, bt])
    JW = jac(lambda v: mc_forward(T(X), v, T(b)), Wn)                          # [i,j,k', m,n,c,k]
    chain = np.einsum("ijk,ijkmnck->mnck", gO, JW)                             # sum over i, j with k' = k
    out["dW_chain"] = isclose(chain, gW)
    dW = np.zeros_like(Wn)
    for m in range(K):
        for n in range(K):
            for c in range(Cin):
                for k in range(Cout):
                    dW[m, n, c, k] = sum(gO[i, j, k] * X[i + m, j + n, c] for i in range(Ho) for j in range(Wo))
    out["dW"] = isclose(dW, gW)

    def w(m, n, c, k):
        return Wn[m, n, c, k] if 0 <= m < K and 0 <= n < K else 0.0
    dX = np.zeros_like(X)
    for p in range(H):
        for q in range(W):
            for c in range(Cin):
                dX[p, q, c] = sum(gO[i, j, k] * w(p - i, q - j, c, k)
                                  for i in range(Ho) for j in range(Wo) for k in range(Cout))
    out["dX"] = isclose(dX, gX)
    JX = jac(lambda v: mc_forward(v, T(Wn), T(b)), X)
    assert isclose(np.einsum("ijk,ijkpqc->pqc", gO, JX), gX)                   # the chain display
    out["db"] = isclose([sum(gO[i, j, k] for i in range(Ho) for j in range(Wo)) for k in range(Cout)], gb)
    return out


def mc():
    return repeat(mc_once, [(5, 5, 2, 1, 1), (6, 4, 3, 2, 3), (4, 6, 2, 3, 2)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
