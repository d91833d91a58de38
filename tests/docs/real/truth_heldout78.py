"""Independent truth for the seventy-eighth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout78.py`` writes the ``*.truth.json`` sidecars of ``heldout78/``, by the method
and in the format of ``truth_heldout77.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout78/claims_table.py`` says the reading.  The rows the table leaves out with "holds:
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
FOLDER = HERE / "heldout78"
sys.path.insert(0, str(HERE))
from truth_common import grads_at, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout78.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2078)
torch.set_default_dtype(torch.float64)


def away_from_one(*shape):
    """Scale parameters drawn away from 1 (so a doubled gamma shows)."""
    g = rnd(*shape)
    return np.where(np.abs(g - 1) < 0.3, g + 1.5, g)


# ---------------------------------------------------------------- mojo_layernorm_linear_en
def ln_forward(xt, gt, bt, eps):
    mu = xt.mean(-1, keepdim=True)
    var = ((xt - mu) ** 2).mean(-1, keepdim=True)
    xh = (xt - mu) / torch.sqrt(var + eps)
    return xh, xh * gt + bt


def mj_ln_once(H, P, eps):
    out = {}
    X, gam, bet = rnd(P, H), away_from_one(H), rnd(H)
    Xt, gt, bt = T(X, True), T(gam, True), T(bet, True)
    xh, y = ln_forward(Xt, gt, bt, eps)
    L = loss_of(y)
    gy, = grads_at(L, [y])
    gX, gg, gb = grads_at(L, [Xt, gt, bt])
    xhn = xh.detach().numpy()
    mu = X.mean(1, keepdims=True)
    var = ((X - mu) ** 2).mean(1, keepdims=True)
    row = gy * gam / np.sqrt(var + eps) * (1 - 1 / H - (X - mu) ** 2 / (H * (var + eps)))
    out["ln_dx"] = isclose(row, gX)
    # the factor is the Jacobian's diagonal dxhat_i/dx_i, not the Jacobian
    J = jac(lambda v: ln_forward(v, T(np.ones(H)), T(np.zeros(H)), eps)[0], X[0])
    diag = (1 / np.sqrt(var[0] + eps)) * (1 - 1 / H - (X[0] - mu[0]) ** 2 / (H * (var[0] + eps)))
    assert isclose(np.diag(J), diag) and not isclose(J, np.diag(diag))
    # the chain rule dL/dx = dL/dy dy/dxhat dxhat/dx (row vector, Jacobians)
    assert isclose(gy[0] @ np.diag(gam) @ J, gX[0])
    # the scale gradient summed over the hidden index: one number per position
    written = (gy * xhn).sum(1)                                  # sum_{i=1}^{H} dL/dy_i xhat_i
    ok = isclose(written, gg)                                    # shape P vs H
    ok = ok or isclose(np.full(H, written.sum()), gg)            # broadcast, positions summed
    ok = ok or any(isclose(np.full(H, w), gg) for w in written)
    out["ln_dgamma"] = ok
    assert isclose((gy * xhn).sum(0), gg) and isclose(gy.sum(0), gb)   # the true ones
    wb = gy.sum(1)
    assert not (isclose(wb, gb) or isclose(np.full(H, wb.sum()), gb))  # the shift row: same slip
    return out


def mj_lin_once(D, M, P):
    out = {}
    x, W, b = rnd(D), rnd(M, D), rnd(M)
    xt, Wt, bt = T(x, True), T(W, True), T(b, True)
    y = Wt @ xt + bt
    L = loss_of(y)
    gy, = grads_at(L, [y])
    gx, gW, gb = grads_at(L, [xt, Wt, bt])
    out["lin_dW"] = isclose(np.outer(gy, x), gW)
    out["lin_db"] = isclose(gy, gb)
    out["lin_dx"] = isclose(W.T @ gy, gx)
    # several positions: the per-position gradients add up (atomic accumulation)
    X = rnd(P, D)
    Wt2, bt2 = T(W, True), T(b, True)
    Y = T(X) @ Wt2.T + bt2
    L2 = loss_of(Y)
    gY, = grads_at(L2, [Y])
    gW2, gb2 = grads_at(L2, [Wt2, bt2])
    assert isclose(sum(np.outer(gY[p], X[p]) for p in range(P)), gW2) and isclose(gY.sum(0), gb2)
    # the fused chain: dL/dx through Linear after LayerNorm
    gam, bet = rnd(D), rnd(D)
    x0 = T(x, True)
    xh, yn = ln_forward(x0, T(gam), T(bet), 1e-5)
    yl = T(W) @ yn + T(b)
    L3 = loss_of(yl)
    gyl, = grads_at(L3, [yl])
    gx0, = grads_at(L3, [x0])
    Jn = jac(lambda v: ln_forward(v, T(gam), T(bet), 1e-5)[1], x)
    assert isclose(gyl @ W @ Jn, gx0)
    return out


def mj():
    res = {}
    for part in (repeat(mj_ln_once, [(3, 1, 1e-5), (4, 3, 0.1), (8, 4, 1e-5)]),
                 repeat(mj_lin_once, [(8, 16, 4), (3, 2, 2), (5, 4, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- lenet5_capstone_ko
def ko_out_once(D, M):
    out = {}
    a, W, b, yv = rnd(D), rnd(M, D), rnd(M), rnd(M)
    at, Wt, bt = T(a, True), T(W, True), T(b, True)
    z = Wt @ at + bt
    act = torch.tanh(z)
    J = 0.5 * ((T(yv) - act) ** 2).sum()
    gz, gact = grads_at(J, [z, act])
    gW, gb = grads_at(J, [Wt, bt])
    an = act.detach().numpy()
    assert isclose(-(yv - an), gact)                                   # -(y_j - a_j)
    assert isclose(gact * (1 - np.tanh(z.detach().numpy()) ** 2), gz)  # tanh'(z_j) link
    assert isclose(gz, gb)                                             # Delta b_j = delta_j
    written = np.array([[gz[j] * a[j] if j < D else np.nan for i in range(D)] for j in range(M)])
    out["dw_out"] = (not np.isnan(written).any()) and isclose(written, gW)
    assert isclose(np.array([[gz[j] * a[i] for i in range(D)] for j in range(M)]), gW)
    out["dW_mat"] = isclose(np.outer(gz, a), gW)
    return out


def ko_ce_once(K):
    out = {}
    z = rnd(K) * 1.5
    ok = True
    for y in range(K):
        zt = T(z, True)
        J = -zt[y] + torch.logsumexp(zt, 0)
        gz, = grads_at(J, [zt])
        s = np.exp(z) / np.exp(z).sum()
        ok = ok and np.isclose(-1 + s[y], gz[y], atol=1e-9)
        for j in range(K):
            if j != y:
                assert np.isclose(s[j], gz[j], atol=1e-9)               # the y != j row
    out["ce_dz"] = bool(ok)
    Js = jac(lambda v: torch.softmax(v, 0), z)
    s = np.exp(z) / np.exp(z).sum()
    E, S = np.exp(z), np.exp(z).sum()
    ok = True
    for i in range(K):
        assert np.isclose(Js[i, i], s[i] * (1 - s[i]), atol=1e-9)     # the i = j display
        assert np.isclose(Js[i, i], (E[i] * S - E[i] * E[i]) / S ** 2, atol=1e-9)
        for j in range(K):
            if i == j:
                continue
            assert np.isclose(Js[i, j], (0 - E[i] * E[j]) / S ** 2, atol=1e-9)   # first links
            assert np.isclose(Js[i, j], -s[i] * s[j], atol=1e-9)                # last link
            ok = ok and np.isclose(Js[i, j], E[i] / S * (E[j] / S), atol=1e-9)   # the third link
    out["sm_offdiag"] = bool(ok)
    return out


def ko_fc_once(D, M):
    out = {}
    zp, W, b = rnd(D), rnd(M, D), rnd(M)
    zpt = T(zp, True)
    ap = torch.tanh(zpt)
    z = T(W) @ ap + T(b)
    J = loss_of(torch.tanh(z))
    gz, gzp = grads_at(J, [z, zpt])
    row = np.array([sum(gz[j] * W[j, i] for j in range(M)) * (1 - np.tanh(zp[i]) ** 2) for i in range(D)])
    out["fc_delta"] = isclose(row, gzp)
    assert isclose((W.T @ gz) * (1 - np.tanh(zp) ** 2), gzp)            # matrix form
    # into a pooling layer without activation: delta^{l-1}_i = sum_j delta_j w_ji
    zt2 = T(zp, True)
    z2 = T(W) @ zt2 + T(b)
    J2 = loss_of(z2)
    g2, gp2 = grads_at(J2, [z2, zt2])
    assert isclose(W.T @ g2, gp2)
    assert not isclose(W.T @ g2, zp)                                    # z^{l-1} itself is not it
    return out


def ko_conv_once(N, m):
    out = {}
    A, Wk, b = rnd(N, N), rnd(m, m), float(rnd())
    At, Wt = T(A, True), T(Wk, True)
    Z = F.conv2d(At[None, None], Wt[None, None])[0, 0] + b
    J = loss_of(Z)
    gZ, = grads_at(J, [Z])
    gW, = grads_at(J, [Wt])
    row = np.array([[sum(gZ[i, j] * A[i + x, j + y] for i in range(N - m + 1) for j in range(N - m + 1))
                     for y in range(m)] for x in range(m)])
    out["conv_dw"] = isclose(row, gW)
    assert np.isclose(gZ.sum(), sum(gZ[i, j] for i in range(N - m + 1) for j in range(N - m + 1)))  # bias
    # a non-square input (M > N rows): the bound N - m on the rows misses some
    Mr = N + 2
    A2 = rnd(Mr, N)
    Wt2 = T(Wk, True)
    Z2 = F.conv2d(T(A2)[None, None], Wt2[None, None])[0, 0]
    J2 = loss_of(Z2)
    gZ2, = grads_at(J2, [Z2])
    gW2, = grads_at(J2, [Wt2])
    short = np.array([[sum(gZ2[i, j] * A2[i + x, j + y] for i in range(N - m + 1) for j in range(N - m + 1))
                       for y in range(m)] for x in range(m)])
    assert not isclose(short, gW2)
    return out


def ko_pool_check():
    # the average-pooling row: wrong for the stride-1 forward as written, right for 2 x 2 / stride 2
    A = rnd(4, 4)
    for stride, should in ((1, False), (2, True)):
        Zp = rnd(4, 4)
        Zt = T(Zp, True)
        a = torch.tanh(Zt)
        Z = F.avg_pool2d(a[None, None], 2, stride)[0, 0]
        J = loss_of(Z)
        gZ, gZp = grads_at(J, [Z, Zt])
        row = np.zeros((4, 4))
        for p in range(4):
            for q in range(4):
                i, j = (p // 2, q // 2) if stride == 2 else (min(p, 2), min(q, 2))
                row[p, q] = gZ[i, j] / 4 * (1 - np.tanh(Zp[p, q]) ** 2)
        assert isclose(row, gZp) == should
    del A


def ko():
    ko_pool_check()
    res = {}
    for part in (repeat(ko_out_once, [(3, 3), (4, 2), (5, 3)]),
                 repeat(ko_ce_once, [(3,), (5,), (10,)]),
                 repeat(ko_fc_once, [(3, 2), (4, 4), (5, 3)]),
                 repeat(ko_conv_once, [(5, 2), (6, 3), (4, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- ml_derivations_ja
def ja_mlp_once(n0, n1, n2):
    out = {}
    h0, W1, b1, W2, b2 = rnd(n0), rnd(n1, n0), rnd(n1), rnd(n2, n1), rnd(n2)
    ok = True
    for f, fp in ((torch.tanh, lambda v: 1 - np.tanh(v) ** 2),
                  (F.softplus, lambda v: 1 / (1 + np.exp(-v)))):
        W1t, b1t = T(W1, True), T(b1, True)
        a1 = W1t @ T(h0) + b1t
        h1 = f(a1)
        a2 = T(W2) @ h1 + T(b2)
        L = loss_of(f(a2))
        d1, d2 = grads_at(L, [a1, a2])
        gW1, gb1 = grads_at(L, [W1t, b1t])
        an = a1.detach().numpy()
        ok = ok and isclose((W2.T @ d2) * fp(an), d1)
        assert isclose(np.outer(d1, h0), gW1) and isclose(d1, gb1)       # dW, db
        gh2, = grads_at(L, [a2])
    out["mlp_delta"] = ok
    # the output error delta^{(L)} = dL/dh o f'(a)
    a = rnd(n2)
    at = T(a, True)
    h = torch.tanh(at)
    L = loss_of(h)
    ga, gh = grads_at(L, [at, h])
    assert isclose(gh * (1 - np.tanh(a) ** 2), ga)
    return out


def ja_conv_once(H, W, kh, kw):
    out = {}
    X, Wk = rnd(H, W), rnd(kh, kw)
    Xt, Wt = T(X, True), T(Wk, True)
    Hh = F.conv2d(Xt[None, None], Wt[None, None])[0, 0]          # h[m,n] = sum x[m+i,n+j] w[i,j]
    L = loss_of(Hh)
    gH, = grads_at(L, [Hh])
    gX, gW = grads_at(L, [Xt, Wt])
    Ho, Wo = H - kh + 1, W - kw + 1
    dW = np.array([[sum(gH[m, n] * X[m + i, n + j] for m in range(Ho) for n in range(Wo))
                    for j in range(kw)] for i in range(kh)])
    out["conv_dw"] = isclose(dW, gW)

    def g(m, n):
        return gH[m, n] if 0 <= m < Ho and 0 <= n < Wo else 0.0
    dX = np.array([[sum(g(m - i, n - j) * Wk[i, j] for i in range(kh) for j in range(kw))
                    for n in range(W)] for m in range(H)])
    out["conv_dx"] = isclose(dX, gX)
    return out


def ja_pool_once(C, H, W, k):
    out = {}
    X = rnd(C, H, W)
    Xt = T(X, True)
    Y = F.max_pool2d(Xt[None], k, k)[0]
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, = grads_at(L, [Xt])
    row = np.zeros_like(X)
    for c in range(C):
        for i in range(H):
            for j in range(W):
                m, n = i // k, j // k
                if m >= H // k or n >= W // k:
                    continue
                win = X[c, m * k:(m + 1) * k, n * k:(n + 1) * k]
                if X[c, i, j] == win.max():
                    row[c, i, j] = gY[c, m, n]
    out["maxpool_dx"] = isclose(row, gX)
    return out


def ja_bn_once(m, d, eps):
    out = {}
    X, gam, bet = rnd(m, d), away_from_one(d), rnd(d)
    Xt, gt, bt = T(X, True), T(gam, True), T(bet, True)
    mu = Xt.mean(0)
    var = ((Xt - mu) ** 2).mean(0)
    xh = (Xt - mu) / torch.sqrt(var + eps)
    y = gt * xh + bt
    L = loss_of(y)
    gy, gxh = grads_at(L, [y, xh])
    gX, gg, gb = grads_at(L, [Xt, gt, bt])
    xhn, s = xh.detach().numpy(), np.sqrt(var.detach().numpy() + eps)
    assert isclose(gam * gy, gxh)                                    # dL/dxhat = gamma o dL/dy

    def row(G, lead):
        return (1 / m) * lead * (m * G - G.sum(0) - xhn * (G * xhn).sum(0)) / s
    out["bn_dx"] = isclose(row(gxh, gam), gX)
    assert isclose(row(gy, gam), gX) and isclose(row(gxh, 1.0), gX)  # either fix holds
    out["bn_dgamma"] = isclose((gy * xhn).sum(0), gg)
    assert isclose(gy.sum(0), gb)
    return out


def ja():
    res = {}
    for part in (repeat(ja_mlp_once, [(3, 2, 2), (4, 4, 3), (2, 5, 3)]),
                 repeat(ja_conv_once, [(5, 5, 3, 3), (6, 4, 2, 3), (4, 6, 2, 2)]),
                 repeat(ja_pool_once, [(1, 4, 4, 2), (2, 6, 6, 3), (2, 6, 4, 2)]),
                 repeat(ja_bn_once, [(3, 1, 1e-5), (4, 3, 0.1), (6, 3, 1e-5)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- batchnorm_essay_zh
def bn_graph(x, gam, bet, eps):
    xt = T(x, True)
    mu = xt.mean()
    var = ((xt - mu) ** 2).mean()
    s = torch.sqrt(var + eps)
    xh = (xt - mu) / s
    y = gam * xh + bet
    return xt, mu, var, s, xh, y


def bz_once(m, eps):
    out = {}
    x, gam, bet = rnd(m), float(away_from_one()), float(rnd())
    gt, bt = T(gam, True), T(bet, True)
    xt, mu, var, s, xh, y = bn_graph(x, gt, bt, eps)
    L = loss_of(y)
    gy, gxh, gmu, gvar, gx = grads_at(L, [y, xh, mu, var, xt])
    gg, gb = grads_at(L, [gt, bt])
    mun, varn, xhn = float(mu.detach()), float(var.detach()), xh.detach().numpy()
    out["dxhat"] = isclose(gy * gam, gxh)
    direct = gxh / np.sqrt(varn + eps)
    out["dx"] = isclose(direct, gx)
    ok = False
    for dxi in (gx, direct):                                          # both readings of dL/dx_i
        ok = ok or np.isclose(np.sum(dxi * (-1 / m)), gmu, atol=1e-9)
    out["dmu"] = bool(ok)
    assert np.isclose(-np.sum(gxh) / np.sqrt(varn + eps), gmu, atol=1e-9)
    ok = False
    for dxi in (gx, direct):
        ok = ok or np.isclose(np.sum(1 / m * dxi * (x - mun) * (-0.5 * (varn + eps) ** -0.5)), gvar, atol=1e-9)
    out["dvar"] = bool(ok)
    assert np.isclose(-0.5 * np.sum(gxh * (x - mun)) * (varn + eps) ** -1.5, gvar, atol=1e-9)
    out["dgamma"] = bool(np.isclose(np.sum(gy * xhn), gg, atol=1e-9))
    out["dbeta"] = bool(np.isclose(np.sum(gy), gb, atol=1e-9))
    return out


def bz_example_check():
    xs = np.array([2.1, 3.5, 1.8, 4.2])
    assert np.isclose(xs.mean(), 2.9) and np.isclose(xs.var(), 0.975)
    printed = [-0.81, 0.61, -1.11, 1.31]
    assert np.allclose((xs - 2.9) / np.sqrt(0.975 + 1e-5), printed, atol=0.01)      # near the true variance's
    assert not np.allclose((xs - 2.9) / np.sqrt(1.09 + 1e-5), printed, atol=0.03)   # not the written 1.09's


def bz():
    bz_example_check()
    return repeat(bz_once, [(3, 1e-5), (4, 0.1), (6, 1e-5)])


# ---------------------------------------------------------------- cnn_golden_age_zh
def cg_res_once(depth, n):
    out = {}
    Ws = [rnd(n, n) * 0.7 for _ in range(depth)]
    bs = [rnd(n) for _ in range(depth)]
    x0 = rnd(n)

    def Fi(i, v):
        return torch.tanh(T(Ws[i]) @ v + T(bs[i]))

    def run(v):
        xs = [v]
        for i in range(depth):
            xs.append(xs[-1] + Fi(i, xs[-1]))
        return xs
    xlt = T(x0, True)
    xs = run(xlt)
    L = loss_of(xs[-1])
    gL, gl = grads_at(L, [xs[-1], xlt])

    def sumF(v):
        zs = run(v)
        return sum(Fi(i, zs[i]) for i in range(depth))
    Jsum = jac(sumF, x0)
    out["res_grad"] = isclose(gL @ (np.eye(n) + Jsum), gl)
    JL = jac(lambda v: run(v)[-1], x0)
    assert isclose(gL @ JL, gl) and isclose(JL, np.eye(n) + Jsum)   # chain rule, unrolled recursion
    parts = [jac(lambda v, i=i: Fi(i, run(v)[i]), x0) for i in range(depth)]
    J0 = jac(lambda v: Fi(0, v), x0)
    assert isclose(parts[0], J0) and isclose(np.eye(n) + sum(parts), np.eye(n) + Jsum)
    return out


def cg_bn_once(m, eps):
    out = {}
    x, gam, bet = rnd(m), float(away_from_one()), float(rnd())
    gt, bt = T(gam, True), T(bet, True)
    xt, mu, var, s, xh, y = bn_graph(x, gt, bt, eps)
    L = loss_of(y)
    d, gxh, gmu, gvar, gs, gx = grads_at(L, [y, xh, mu, var, s, xt])
    gg, gb = grads_at(L, [gt, bt])
    mun, sn, xhn = float(mu.detach()), float(s.detach()), xh.detach().numpy()
    assert isclose(d.sum(), gb) and isclose((d * xhn).sum(), gg) and isclose(gam * d, gxh)
    link1 = np.sum(gam * d * (-(x - mun) / sn ** 2))
    out["bn_ds"] = bool(np.isclose(link1, gs, atol=1e-9) and np.isclose(-gam / sn * np.sum(d * xhn), gs, atol=1e-9))
    assert np.isclose(-gam / sn * float(gg), gs, atol=1e-9)
    out["bn_dvar"] = bool(np.isclose(float(gs) / (2 * sn), gvar, atol=1e-9)
                          and np.isclose(-gam / (2 * sn ** 2) * float(gg), gvar, atol=1e-9)
                          and np.isclose(-gam / (2 * (sn ** 2)) * float(gg), gvar, atol=1e-9))
    assert np.isclose(-gam / sn * d.sum(), gmu, atol=1e-9)
    assert np.isclose(np.sum(gam * d * (-1 / sn)) + float(gvar) * (-2 / m) * np.sum(x - mun), gmu, atol=1e-9)
    row = gam / sn * (d - d.mean() - xhn * (d * xhn).mean())
    out["bn_dx"] = isclose(row, gx)
    paths = gam / sn * d - gam / (sn * m) * xhn * float(gg) - gam / (m * sn) * d.sum()
    assert isclose(paths, gx)
    assert isclose(gxh / sn + float(gvar) * 2 / m * (x - mun) + float(gmu) / m, gx)
    return out


def cg():
    res = {}
    for part in (repeat(cg_res_once, [(1, 2), (2, 3), (3, 4)]),
                 repeat(cg_bn_once, [(3, 1e-5), (4, 0.1), (6, 1e-5)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
