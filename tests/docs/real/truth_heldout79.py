"""Independent truth for the seventy-ninth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout79.py`` writes the ``*.truth.json`` sidecars of ``heldout79/``, by the method
and in the format of ``truth_heldout78.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout79/claims_table.py`` says the reading.  The rows the table leaves out with "holds:
checked" (or "not settled ... checked", or "refuted: checked") are asserted here too.  Written
before anything of symbp was run on the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout79"
sys.path.insert(0, str(HERE))
from truth_common import grads_at, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout79.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2079)
torch.set_default_dtype(torch.float64)


def away_from_one(*shape):
    """Scale parameters drawn away from 1 (so a missing or doubled gamma shows)."""
    g = rnd(*shape)
    return np.where(np.abs(g - 1) < 0.3, g + 1.5, g)


def labels(N, K):
    return RNG.integers(K, size=N)


# ---------------------------------------------------------------- makemore_backprop_ninja_zh
def mk_nll_check(N, K):
    """2.2: L = -(1/N) sum_i logprobs[i, y_i]; the gradient is -1/N at the labels, 0 elsewhere."""
    lp = rnd(N, K)
    y = labels(N, K)
    lpt = T(lp, True)
    L = -lpt[torch.arange(N), torch.as_tensor(y)].mean()
    g, = grads_at(L, [lpt])
    want = np.zeros((N, K))
    want[np.arange(N), y] = -1.0 / N
    assert isclose(g, want)


def mk_lin_once(n, p, q):
    """2.10: D = A B + C, C a row broadcast over the rows of A B."""
    out = {}
    A, B, C = rnd(n, p), rnd(p, q), rnd(1, q)
    At, Bt, Ct = T(A, True), T(B, True), T(C, True)
    D = At @ Bt + Ct
    L = loss_of(D)
    gD, = grads_at(L, [D])
    gA, gB, gC = grads_at(L, [At, Bt, Ct])
    out["lin_dA"] = isclose(gD @ B.T, gA)
    out["lin_dB"] = isclose(A.T @ gD, gB)
    out["lin_dC"] = isclose(gD.sum(0, keepdims=True), gC)
    # the 2 x 2 entry row: a_11 feeds d_11 and d_12 (the whole first row of D)
    assert np.isclose(sum(gD[0, j] * B[0, j] for j in range(q)), gA[0, 0], atol=1e-9)
    if q == 2:
        assert np.isclose(gD[0, 0] * B[0, 0] + gD[0, 1] * B[0, 1], gA[0, 0], atol=1e-9)
    return out


def mk_ce_once(N, K):
    """3.1: L the mean cross-entropy of softmax over N samples with integer labels."""
    out = {}
    Z = rnd(N, K) * 1.5
    y = labels(N, K)
    Zt = T(Z, True)
    L = F.cross_entropy(Zt, torch.as_tensor(y))
    gZ, = grads_at(L, [Zt])
    P = np.exp(Z - Z.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    I = np.zeros((N, K))
    I[np.arange(N), y] = 1.0
    out["ce_batch"] = isclose((P - I) / N, gZ)
    # one sample: p_y - 1 at the label, p_k elsewhere, p_k - I(k = y)
    z = Z[0]
    zt = T(z, True)
    L1 = -torch.log_softmax(zt, 0)[int(y[0])]
    g1, = grads_at(L1, [zt])
    p = P[0]
    assert np.isclose(g1[y[0]], p[y[0]] - 1, atol=1e-9)
    assert all(np.isclose(g1[k], p[k], atol=1e-9) for k in range(K) if k != y[0])
    assert isclose(p - I[0], g1)
    return out


def bn_graph(x, gam, bet, eps, unbiased=False):
    xt = T(x, True)
    mu = xt.mean(0)
    d = xt - mu
    var = (d ** 2).sum(0) / (x.shape[0] - 1 if unbiased else x.shape[0])
    s = torch.sqrt(var + eps)
    xh = d / s
    y = gam * xh + bet
    return xt, mu, var, s, xh, y


def mk_bn_once(N, Dn, eps):
    """4: batch norm over N values of each feature (biased variance, the 4.1 forward)."""
    out = {}
    x, gam, bet = rnd(N, Dn), away_from_one(Dn), rnd(Dn)
    gt, bt = T(gam, True), T(bet, True)
    xt, mu, var, s, xh, y = bn_graph(x, gt, bt, eps)
    L = loss_of(y)
    gy, gxh, gmu, gvar, gx = grads_at(L, [y, xh, mu, var, xt])
    mun, varn, xhn = mu.detach().numpy(), var.detach().numpy(), xh.detach().numpy()
    sn = np.sqrt(varn + eps)
    assert isclose(gy * gam, gxh)                                               # dL/dxhat = dL/dy gamma
    assert isclose((gxh * (x - mun) * (-0.5) * (varn + eps) ** -1.5).sum(0), gvar)  # the chain of step 2
    out["bn_dvar"] = isclose(-0.5 * (varn + eps) ** -1.5 * (gxh * (x - mun)).sum(0), gvar)
    # step 3: dL/dmu = sum dL/dxhat dxhat/dmu + dL/dvar dvar/dmu, the second term 0 at the mean
    assert isclose(-(gxh.sum(0)) / sn + gvar * (-2.0 / N) * (x - mun).sum(0), gmu)
    assert isclose(-(gxh.sum(0)) / sn, gmu) and np.allclose((x - mun).sum(0), 0, atol=1e-12)
    # the three-path chain of 4.2 (dL/dmu and dL/dvar the node gradients, dvar/dx_i with mu held)
    assert isclose(gxh / sn + gmu / N + gvar * 2 * (x - mun) / N, gx)
    row = gam / (N * sn) * (N * gy - gy.sum(0) - xhn * (gy * xhn).sum(0))
    out["bn_dx"] = isclose(row, gx)
    # the lecture's own code divides the variance by N - 1: the same formula then misses the factor N/(N-1)
    xt2, _, _, s2, xh2, y2 = bn_graph(x, T(gam), T(bet), eps, unbiased=True)
    L2 = loss_of(y2)
    gy2, gx2 = grads_at(L2, [y2, xt2])
    xh2n, s2n = xh2.detach().numpy(), s2.detach().numpy()
    row2 = gam / (N * s2n) * (N * gy2 - gy2.sum(0) - xh2n * (gy2 * xh2n).sum(0))
    assert not isclose(row2, gx2)
    fixed = gam / (N * s2n) * (N * gy2 - gy2.sum(0) - N / (N - 1) * xh2n * (gy2 * xh2n).sum(0))
    assert isclose(fixed, gx2)
    return out


def mk():
    for N, K in ((4, 5), (32, 27), (3, 2)):
        mk_nll_check(N, K)
    res = {}
    for part in (repeat(mk_lin_once, [(2, 2, 2), (4, 3, 5), (32, 6, 4)]),
                 repeat(mk_ce_once, [(4, 5), (3, 2), (8, 27)]),
                 repeat(mk_bn_once, [(3, 1, 1e-5), (4, 3, 0.1), (6, 2, 1e-5)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- conv_pool_homework_zh
def hw_conv_forward(X, W, b):
    """Y(i, j, k) = sum_{m,n,l} X(i+m, j+n, l) W(m, n, l, k) + b(k); X is HWC, W is (m, n, l, k)."""
    Xc = X.permute(2, 0, 1)[None]                 # (1, l, H, W)
    Wk = W.permute(3, 2, 0, 1)                    # (k, l, m, n)
    return F.conv2d(Xc, Wk, bias=b)[0].permute(1, 2, 0)   # (i, j, k)


def hw_conv_once(D):
    out = {}
    X, W, b = rnd(3, 3, D), rnd(2, 2, D, D), rnd(D)
    Xt, Wt, bt = T(X, True), T(W, True), T(b, True)
    Y = hw_conv_forward(Xt, Wt, bt)
    assert tuple(Y.shape) == (2, 2, D)
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, gW, gb = grads_at(L, [Xt, Wt, bt])
    JX = jac(lambda v: hw_conv_forward(v, T(W), T(b)), X)      # (m, n, k, i, j, l)
    JW = jac(lambda v: hw_conv_forward(T(X), v, T(b)), W)      # (i, j, k', m, n, l, k)
    # the chain rows: every output (m, n, k) with m, n in 0..1 is summed
    out["conv_dX_chain"] = isclose(np.einsum("mnk,mnkijl->ijl", gY, JX), gX)
    out["conv_dW_chain"] = isclose(np.einsum("ijc,ijcmnlk->mnlk", gY, JW), gW)
    # the cases row for dY(m, n, k)/dX(i, j, l): W(m, n, l, k) where i-m, j-n are valid
    ok = True
    for valid in (lambda a, c: 0 <= a <= 1 and 0 <= c <= 1,      # valid kernel indices
                  lambda a, c: 0 <= a <= 2 and 0 <= c <= 2):     # valid input indices
        written = np.zeros_like(JX)
        for m in range(2):
            for n in range(2):
                for k in range(D):
                    for i in range(3):
                        for j in range(3):
                            for l in range(D):
                                if valid(i - m, j - n):
                                    written[m, n, k, i, j, l] = W[m, n, l, k]
        ok = ok and isclose(written, JX)
    out["conv_dYdX"] = ok
    truth = np.zeros_like(JX)                                     # W(i-m, j-n, l, k)
    for m in range(2):
        for n in range(2):
            for i in range(3):
                for j in range(3):
                    if 0 <= i - m <= 1 and 0 <= j - n <= 1:
                        truth[m, n, :, i, j, :] = W[i - m, j - n].T
    assert isclose(truth, JX)
    # the input-gradient row: sum_{m,n,k} dL/dY(m, n, k) W(m, n, l, k), the same for every (i, j)
    row = np.einsum("mnk,mnlk->l", gY, W)
    out["conv_dX"] = isclose(np.broadcast_to(row, gX.shape), gX)
    # the weight rows: X(i-m, j-n, l) where valid (0 otherwise), summed over i, j and k'
    def Xm(a, c, l):
        return X[a, c, l] if 0 <= a <= 2 and 0 <= c <= 2 else 0.0
    wrow = np.array([[[[sum(gY[i, j, kp] * Xm(i - m, j - n, l) for i in range(2) for j in range(2) for kp in range(D))
                        for k in range(D)] for l in range(D)] for n in range(2)] for m in range(2)])
    out["conv_dW"] = isclose(wrow, gW)
    jw = np.zeros_like(JW)                                        # the cases row for dY/dW (left out)
    for i in range(2):
        for j in range(2):
            for m in range(2):
                for n in range(2):
                    for l in range(D):
                        jw[i, j, :, m, n, l, :] = Xm(i - m, j - n, l)
    assert not isclose(jw, JW)
    truthw = np.zeros_like(JW)
    for i in range(2):
        for j in range(2):
            for m in range(2):
                for n in range(2):
                    for l in range(D):
                        for k in range(D):
                            truthw[i, j, k, m, n, l, k] = X[i + m, j + n, l]
    assert isclose(truthw, JW)
    # the bias row sums over k as well: right only for one bias shared by every channel
    whole = gY.sum()
    assert isclose(gY.sum((0, 1)), gb)
    assert (D == 1) == isclose(np.full(D, whole), gb)
    bs = T(float(b[0]), True)
    Ys = hw_conv_forward(T(X), T(W), None) + bs
    Ls = loss_of(Ys)
    gYs, = grads_at(Ls, [Ys])
    gbs, = grads_at(Ls, [bs])
    assert np.isclose(gYs.sum(), gbs, atol=1e-9)
    return out


def hw_pool_once(H, Wd, D):
    out = {}
    X = rnd(H, Wd, D)
    Xt = T(X, True)
    Y = F.max_pool2d(Xt.permute(2, 0, 1)[None], 2, 2)[0].permute(1, 2, 0)   # Y(i, j, k) = max X(2i:2i+1, 2j:2j+1, k)
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, = grads_at(L, [Xt])
    local = np.zeros_like(X)                      # dY(floor(i/2), floor(j/2), k)/dX(i, j, k): 1 at the window maximum
    corner = np.zeros_like(X)                     # the next display's reading: 1 at i = 2i', j = 2j'
    for i in range(H):
        for j in range(Wd):
            for k in range(D):
                win = X[2 * (i // 2):2 * (i // 2) + 2, 2 * (j // 2):2 * (j // 2) + 2, k]
                local[i, j, k] = float(X[i, j, k] == win.max())
                corner[i, j, k] = float(i % 2 == 0 and j % 2 == 0)
    up = np.array([[[gY[i // 2, j // 2, k] for k in range(D)] for j in range(Wd)] for i in range(H)])
    assert isclose(up * local, gX)                # the last display (no sum over p, q): holds
    summed = [sum(up * d for _ in range(2) for _ in range(2)) for d in (local, corner)]
    out["pool_dX"] = any(isclose(s, gX) for s in summed)
    assert not isclose(up * corner, gX)           # the corner reading of dY/dX
    return out


def hw_pool_3x3_check():
    # the assumptions' 3 x 3 map: the windows X(2i:2i+1, 2j:2j+1) give one output, row 2 and column 2 feed none,
    # and the row's Y(floor(2/2), ...) = Y(1, ...) does not exist
    X = rnd(3, 3, 1)
    Xt = T(X, True)
    Y = F.max_pool2d(Xt.permute(2, 0, 1)[None], 2, 2)[0].permute(1, 2, 0)
    assert tuple(Y.shape) == (1, 1, 1)
    L = loss_of(Y)
    gX, = grads_at(L, [Xt])
    assert np.allclose(gX[2, :, 0], 0) and np.allclose(gX[:, 2, 0], 0)


def hw():
    hw_pool_3x3_check()
    res = {}
    for part in (repeat(hw_conv_once, [(1,), (2,), (3,)]),
                 repeat(hw_pool_once, [(4, 4, 1), (6, 6, 2), (4, 6, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- cnn_notes_c4w1_en
def windows(H, Wd, f, s):
    return [(h, w) for h in range((H - f) // s + 1) for w in range((Wd - f) // s + 1)]


def c4_pool_once(H, Wd, f, s):
    out = {}
    A = rnd(H, Wd)
    # dL/dP drawn for each pooling (the upstream gradient), autograd's dL/dA
    At1 = T(A, True)
    Pm1 = F.max_pool2d(At1[None, None], f, s)[0, 0]
    G1 = rnd(*Pm1.shape)
    gAm, = grads_at((T(G1) * Pm1).sum(), [At1])
    At2 = T(A, True)
    Pa1 = F.avg_pool2d(At2[None, None], f, s)[0, 0]
    G2 = rnd(*Pa1.shape)
    gAa, = grads_at((T(G2) * Pa1).sum(), [At2])
    dm = np.zeros_like(A)
    da_written = np.zeros_like(A)
    da_code = np.zeros_like(A)
    for (h, w) in windows(H, Wd, f, s):
        sl = A[h * s:h * s + f, w * s:w * s + f]
        M = (sl == sl.max()).astype(float)                      # the mask: one 1 at the maximum
        dm[h * s:h * s + f, w * s:w * s + f] += M * G1[h, w]
        written = 1.0 / (f * f) * sum(G2[h, w] for _ in range(f) for _ in range(f))   # (1/f^2) sum_{m,n} dP_hw
        da_written[h * s:h * s + f, w * s:w * s + f] += written
        da_code[h * s:h * s + f, w * s:w * s + f] += 1.0 / (f * f) * G2[h, w]
    out["maxpool_dA"] = isclose(dm, gAm)
    out["avgpool_dA"] = isclose(da_written, gAa)
    assert isclose(da_code, gAa)                                # the listing's 1/(f*f) * dP: holds
    return out


def c4_conv_once(H, Wd, C, f, s):
    out = {}
    A, Wc, b = rnd(C, H, Wd), rnd(C, f, f), float(rnd())
    At, Wt, bt = T(A, True), T(Wc, True), T(b, True)
    Z = F.conv2d(At[None], Wt[None], stride=s)[0, 0] + bt      # z_hw = sum w_c(m,n) A_slice,hw(m,n) + b
    L = loss_of(Z)
    gZ, = grads_at(L, [Z])
    gA, gW, gb = grads_at(L, [At, Wt, bt])
    dW = sum(A[:, h * s:h * s + f, w * s:w * s + f] * gZ[h, w] for (h, w) in windows(H, Wd, f, s))
    out["conv_dW"] = isclose(dW, gW)
    out["conv_db"] = bool(np.isclose(gZ.sum(), gb, atol=1e-9))
    dA = np.zeros_like(A)                                       # the listed accumulation for dA_prev
    for (h, w) in windows(H, Wd, f, s):
        dA[:, h * s:h * s + f, w * s:w * s + f] += Wc * gZ[h, w]
    assert isclose(dA, gA)
    return out


def c4():
    res = {}
    for part in (repeat(c4_pool_once, [(4, 4, 2, 2), (6, 6, 3, 3), (5, 5, 2, 1), (6, 4, 2, 2)]),
                 repeat(c4_conv_once, [(5, 5, 1, 3, 1), (6, 6, 2, 2, 2), (7, 5, 3, 3, 2)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- dl_notes_c2_en
def c2_l2_once(n0, n1, n2, m, lam):
    """J = (1/m) sum of per-example losses of a two-layer net + lambda/(2m) sum_l ||W^[l]||^2."""
    out = {}
    X, W1, b1, W2, b2 = rnd(n0, m), rnd(n1, n0), rnd(n1, 1), rnd(n2, n1), rnd(n2, 1)
    W1t, W2t = T(W1, True), T(W2, True)
    A1 = torch.tanh(W1t @ T(X) + T(b1))
    Z2 = W2t @ A1 + T(b2)
    G = T(rnd(n2, m))
    data = ((G * Z2).sum() + (Z2 ** 3).sum() / 3) / m          # (1/m) sum_i L(yhat_i, y_i), L drawn
    g0 = grads_at(data, [W1t, W2t])                             # the (...) part
    J = data + lam / (2 * m) * ((W1t ** 2).sum() + (W2t ** 2).sum())
    g = grads_at(J, [W1t, W2t])
    out["l2_elem"] = all(isclose(a + lam / (2 * m) * W, c) for a, W, c in zip(g0, (W1, W2), g))
    # the middle member (lambda/2m) d(w^2)/dw = (lambda/2m) 2w: holds
    assert all(isclose(a + lam / (2 * m) * 2 * W, c) for a, W, c in zip(g0, (W1, W2), g))
    out["l2_mat"] = all(isclose(a + lam / m * W, c) for a, W, c in zip(g0, (W1, W2), g))
    return out


def c2_ce_once(C, m):
    """J = -(1/m) sum_i sum_j y_j^(i) log a_j^(i), a^(i) = softmax(Z^(i)) by columns (examples as columns)."""
    out = {}
    Z = rnd(C, m) * 1.5
    Y = np.zeros((C, m))
    Y[RNG.integers(C, size=m), np.arange(m)] = 1.0
    Zt = T(Z, True)
    A = torch.softmax(Zt, 0)
    J = -(T(Y) * torch.log(A)).sum() / m
    gZ, = grads_at(J, [Zt])
    An = A.detach().numpy()
    out["ce_dz_entry"] = all(np.isclose(gZ[j, i], (An[j, i] - Y[j, i]) / m, atol=1e-9)
                             for j in range(C) for i in range(m))
    out["ce_dZ_vec"] = isclose((An - Y) / m, gZ)
    # the block's first row (chain over the C outputs) and the rows after the softmax Jacobian
    for i in range(m):
        Ja = jac(lambda v: torch.softmax(v, 0), Z[:, i])       # da_k/dZ_j
        dJda = -Y[:, i] / An[:, i] / m
        assert isclose(dJda @ Ja, gZ[:, i])
        a = An[:, i]
        assert isclose(Ja, np.diag(a) - np.outer(a, a))
    # soft labels summing to 1 keep the result (the cancelled sum y_k = 1)
    Ys = np.abs(rnd(C, m)) + 0.1
    Ys /= Ys.sum(0, keepdims=True)
    Zt2 = T(Z, True)
    J2 = -(T(Ys) * torch.log_softmax(Zt2, 0)).sum() / m
    g2, = grads_at(J2, [Zt2])
    assert isclose((An - Ys) / m, g2)
    return out


def c2():
    res = {}
    for part in (repeat(c2_l2_once, [(3, 4, 2, 5, 0.7), (2, 3, 3, 4, 2.0), (4, 2, 1, 6, 0.1)]),
                 repeat(c2_ce_once, [(3, 4), (5, 2), (10, 6)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- matrix_calculus_ko
def ko_lin_once(n, m, B):
    out = {}
    x, W, b = rnd(n), rnd(m, n), rnd(m)
    xt, Wt, bt = T(x, True), T(W, True), T(b, True)
    z = Wt @ xt + bt
    L = loss_of(z)
    gz, = grads_at(L, [z])
    gx, gW, gb = grads_at(L, [xt, Wt, bt])
    out["lin_dx"] = isclose(W.T @ gz, gx)
    out["lin_dW"] = isclose(np.outer(gz, x), gW)
    out["lin_db"] = isclose(gz, gb)
    X = rnd(B, n)
    Wt2 = T(W, True)
    Z = T(X) @ Wt2.T + T(b)                                     # rows are samples, W of shape (m, n)
    L2 = loss_of(Z)
    gZ, = grads_at(L2, [Z])
    gW2, = grads_at(L2, [Wt2])
    out["lin_dW_batch"] = isclose(gZ.T @ X, gW2)
    # the flowchart's chain and the Jacobians: elementwise diag, J_f J_g
    for f, fp in ((torch.tanh, lambda v: 1 - np.tanh(v) ** 2), (torch.sigmoid, lambda v: 1 / (1 + np.exp(-v)) * (1 - 1 / (1 + np.exp(-v))))):
        assert isclose(jac(f, x), np.diag(fp(x)))
    A2 = rnd(3, m)
    Jg = jac(lambda v: torch.tanh(T(W) @ v), x)
    Jf = jac(lambda u: torch.sin(T(A2) @ u), np.tanh(W @ x))
    assert isclose(jac(lambda v: torch.sin(T(A2) @ torch.tanh(T(W) @ v)), x), Jf @ Jg)
    return out


def ko_sm_once(K):
    out = {}
    z = rnd(K) * 1.5
    p = np.exp(z - z.max())
    p /= p.sum()
    Js = jac(lambda v: torch.softmax(v, 0), z)
    out["sm_jac"] = all(np.isclose(Js[i, j], p[i] * ((i == j) - p[j]), atol=1e-9) for i in range(K) for j in range(K))
    assert isclose(Js, np.diag(p) - np.outer(p, p))
    y = np.zeros(K)
    y[RNG.integers(K)] = 1.0
    zt = T(z, True)
    L = -(T(y) * torch.log_softmax(zt, 0)).sum()
    gz, = grads_at(L, [zt])
    out["ce_dz"] = isclose(p - y, gz)
    return out


def ko():
    res = {}
    for part in (repeat(ko_lin_once, [(3, 2, 4), (4, 4, 2), (2, 5, 3)]),
                 repeat(ko_sm_once, [(3,), (5,), (10,)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
