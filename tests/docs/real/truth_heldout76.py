"""Independent truth for the seventy-sixth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout76.py`` writes the ``*.truth.json`` sidecars of ``heldout76/``, by the method
and in the format of ``truth_heldout75.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout76/claims_table.py`` says the reading.  The rows the table leaves out with "holds:
checked" (or "refuted", "not settled ... checked") are asserted here too.  Written before anything
of symbp was run on the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout76"
sys.path.insert(0, str(HERE))
from truth_common import grads_at, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout76.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2076)
torch.set_default_dtype(torch.float64)

ACTS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "softplus": F.softplus}


def dact(act, s):
    """Elementwise derivative of the activation at s (autograd)."""
    st = T(np.asarray(s, dtype=float), True)
    return torch.autograd.grad(ACTS[act](st).sum(), st)[0].numpy()


def onehot(K, N):
    d = np.zeros((K, N))
    d[np.arange(K), RNG.integers(N, size=K)] = 1.0
    return d


# ---------------------------------------------------------------- cnn_training_sensitivity_en
def ct_softmax_once(N, K):
    """The softmax loss E = -sum_k sum_n d ln y, y = softmax(s) per image."""
    out = {}
    s, d = rnd(K, N) * 1.5, onehot(K, N)
    st = T(s, True)
    y = torch.softmax(st, dim=1)
    E = -(T(d) * torch.log(y)).sum()
    g = torch.autograd.grad(E, st)[0].numpy()
    yn = y.detach().numpy()
    Jy = np.stack([jac(lambda v: torch.softmax(v, 0), s[k]) for k in range(K)])   # [k, a, n] = dy_a/ds_n
    Jln = np.stack([np.eye(N) - yn[k][None, :] for k in range(K)])                 # [k, a, n] = dln y_a/ds_n
    first = np.einsum("ka,kan->kn", d, Jln)                                        # sum_a d_a dln y_a / ds_n
    second = -np.einsum("ka,kan->kn", d / yn, Jy)                                  # -sum_a d_a (1/y_a) dy_a/ds_n
    out["ce_first"] = isclose(first, g) and isclose(second, g)                     # the row's chain: both links
    assert isclose(second, g) and not isclose(first, g)                            # its outer ends agree
    for k in range(K):                                                              # the three middle rows
        for n in range(N):
            others = [a for a in range(N) if a != n]
            r2 = -d[k, n] * (1 - yn[k, n]) - sum(d[k, a] / yn[k, a] * (-yn[k, a] * yn[k, n]) for a in others)
            r3 = -d[k, n] * (1 - yn[k, n]) + sum(d[k, a] * yn[k, n] for a in others)
            r4 = -d[k, n] + d[k, n] * yn[k, n] + sum(d[k, a] * yn[k, n] for a in others)
            r5 = sum(d[k, a] * yn[k, n] for a in range(N)) - d[k, n]
            assert all(np.isclose(r, g[k, n], atol=1e-9) for r in (r2, r3, r4, r5))
    out["ce_delta"] = isclose(yn - d, g)
    # 'If softmax function is adopted': (1/(K N_L)) (1/y_{n_d}) dy_{n_d}/dy_n^L
    nd = d.argmax(1)
    jac_row = np.stack([Jy[k, nd[k], :] for k in range(K)])                        # dy_{n_d}/ds_n
    lit_row = np.stack([np.eye(N)[nd[k]] for k in range(K)])                       # dy_{n_d}/dy_n read literally
    ynd = yn[np.arange(K), nd][:, None]
    readings = [jac_row / ynd / (K * N), lit_row / ynd / (K * N)]
    targets = [g, g / (K * N)]                                                     # E, and E scaled by 1/(K N_L)
    out["sm_delta"] = any(isclose(r, t) for r in readings for t in targets)
    for k in range(K):                                                             # the second cases hold
        for n in range(N):
            want = yn[k, nd[k]] * (1 - yn[k, nd[k]]) if n == nd[k] else -yn[k, nd[k]] * yn[k, n]
            assert np.isclose(Jy[k, nd[k], n], want, atol=1e-12)
    return out


def ct_mse_chain_check(K, N2, h, w, N1, NL, act):
    """Left-out rows under the squared error: the output sensitivity, the last convolution layer
    (1 x 1 maps) and the last sub-sampling layer, and their weight and bias gradients."""
    f = ACTS[act]
    s2 = T(rnd(K, N2, h, w), True)                                                 # last sub-sampling layer
    y2 = f(s2)
    W1, b1 = T(rnd(N2, N1, h, w), True), T(rnd(N1), True)                          # w_{m,n}^{L-1}(i,j)
    s1 = torch.einsum("kmij,mnij->kn", y2, W1) + b1                                # s_n^{L-1}(1,1)
    y1 = f(s1)
    WL, bL = T(rnd(N1, NL), True), T(rnd(NL), True)                                # w_{n,m}^L
    sL = y1 @ WL + bL
    yL = f(sL)
    d = rnd(K, NL)
    E = ((yL - T(d)) ** 2).sum() / (K * NL)
    dsL, ds1, ds2 = grads_at(E, [sL, s1, s2])
    gWL, gbL, gW1, gb1 = grads_at(E, [WL, bL, W1, b1])
    yLn, y1n, y2n = yL.detach().numpy(), y1.detach().numpy(), y2.detach().numpy()
    assert isclose(2 / (K * NL) * (yLn - d) * dact(act, sL.detach().numpy()), dsL)
    assert isclose(dact(act, s1.detach().numpy()) * (dsL @ WL.detach().numpy().T), ds1)
    assert isclose(np.einsum("kn,km->mn", dsL, y1n), gWL) and isclose(dsL.sum(0), gbL)
    assert isclose(dact(act, s2.detach().numpy()) * np.einsum("km,nmij->knij", ds1, W1.detach().numpy()), ds2)
    assert isclose(np.einsum("kn,kmij->mnij", ds1, y2n), gW1) and isclose(ds1.sum(0), gb1)


def blocks(t):
    """(K, N, H, W) -> (K, N, H/2, W/2, 4): the 2 x 2 blocks, entries from 1 as (2i-1, 2j-1), ..."""
    K, N, H, W = t.shape
    return t.reshape(K, N, H // 2, 2, W // 2, 2).permute(0, 1, 2, 4, 3, 5).reshape(K, N, H // 2, W // 2, 4)


def ct_pool_once(K, N, H, W, act):
    """A convolution layer's maps s^l (y = f(s)) followed by a sub-sampling layer
    s^{l+1} = z w_n + b_n, z the 2 x 2 block added up ('average') or its maximum."""
    out = {}
    f = ACTS[act]
    s = rnd(K, N, H, W)
    wn, bn = rnd(N), rnd(N)
    ic = np.arange(H) // 2                                                         # i_c - 1 for i - 1
    jc = np.arange(W) // 2
    fp = dact(act, s)
    fs = f(T(s)).numpy()
    res = {}
    for pool in ("sum", "max"):
        def zfun(sv, pool=pool):
            b = blocks(f(sv))
            return b.sum(-1) if pool == "sum" else b.max(-1).values
        st = T(s, True)
        z = zfun(st)
        s1 = z * T(wn)[None, :, None, None] + T(bn)[None, :, None, None]
        L = loss_of(f(s1))
        ds0, ds1 = grads_at(L, [st, s1])
        Jz = jac(zfun, s)                                                          # [k,n,i',j', k2,n2,i,j]
        up = ds1[:, :, ic][:, :, :, jc]                                            # delta^{l+1}(i_c, j_c)
        row = np.zeros_like(Jz)                                                    # the row dz/ds = w f(s) on the window
        fpr = np.zeros_like(Jz)                                                    # dz/ds = f'(s) on the window
        for k in range(K):
            for n in range(N):
                for i in range(H):
                    for j in range(W):
                        row[k, n, ic[i], jc[j], k, n, i, j] = wn[n] * fs[k, n, i, j]
                        fpr[k, n, ic[i], jc[j], k, n, i, j] = fp[k, n, i, j]
        res[pool] = isclose(row, Jz)
        # the general chain through the Jacobian (an identity)
        assert isclose(np.einsum("knab,knabxyij->xyij", ds1 * wn[None, :, None, None], Jz), ds0)
        if pool == "sum":
            out["avg_delta"] = isclose(up * wn[None, :, None, None] * fp, ds0)
            assert isclose(fpr, Jz)                                                # dz/ds = f'(s) on the window
            # the sub-sampling layer's weight and bias gradients: sum_k sum_ij delta^{l+1} z, sum delta^{l+1}
            wt, btt = T(wn, True), T(bn, True)
            z2 = zfun(T(s))
            s2 = z2 * wt[None, :, None, None] + btt[None, :, None, None]
            L2 = loss_of(f(s2))
            gw, gb, d2 = grads_at(L2, [wt, btt, s2])
            assert isclose((d2 * z2.numpy()).sum((0, 2, 3)), gw) and isclose(d2.sum((0, 2, 3)), gb)
        else:
            am = blocks(T(fs)).argmax(-1).numpy()                                  # position of each block's maximum
            mask = np.zeros_like(s)
            for k in range(K):
                for n in range(N):
                    for i in range(H):
                        for j in range(W):
                            mask[k, n, i, j] = float(am[k, n, ic[i], jc[j]] == 2 * (i % 2) + (j % 2))
            assert isclose(fpr * mask[None, None, None, None], Jz)                 # f'(s) at the argmax only
            assert isclose(mask * fp * up * wn[None, :, None, None], ds0)          # the max-pooling sensitivity
    out["dz_ds_max"] = res["sum"] or res["max"]
    return out


def ct_conv_once(K, Nin, Nout, H, W, kh, kw, act):
    """A sub-sampling layer's maps y^l = f(s^l) feeding a convolution layer
    s_m^{l+1}(i',j') = b_m + sum_n sum_{u,v} y_n^l(i'+u-1, j'+v-1) w_{n,m}(u,v) (valid, from 1)."""
    out = {}
    f = ACTS[act]
    st = T(rnd(K, Nin, H, W), True)
    y = f(st)
    Wt, bt = T(rnd(Nout, Nin, kh, kw), True), T(rnd(Nout), True)                  # Wt[m, n, u-1, v-1] = w_{n,m}(u, v)
    s1 = F.conv2d(y, Wt, bt)
    L = loss_of(f(s1))
    d0, d1 = grads_at(L, [st, s1])
    gW, gb = grads_at(L, [Wt, bt])
    Wn, yn = Wt.detach().numpy(), y.detach().numpy()
    fp = dact(act, st.detach().numpy())
    Hp, Wp = H - kh + 1, W - kw + 1

    def w(n, m, u, v):                                                             # zero outside 1..kh, 1..kw
        return Wn[m, n, u - 1, v - 1] if 1 <= u <= kh and 1 <= v <= kw else 0.0
    bounded = np.zeros_like(d0)
    full = np.zeros_like(d0)
    for k in range(K):
        for n in range(Nin):
            for i in range(1, H + 1):
                for j in range(1, W + 1):
                    acc = sum(d1[k, m, ip - 1, jp - 1] * w(n, m, i - ip + 1, j - jp + 1)
                              for m in range(Nout)
                              for ip in range(max(1, i - kh + 1), min(Hp, i) + 1)
                              for jp in range(max(1, j - kw + 1), min(Wp, j) + 1))
                    bounded[k, n, i - 1, j - 1] = fp[k, n, i - 1, j - 1] * acc
                    full[k, n, i - 1, j - 1] = fp[k, n, i - 1, j - 1] * sum(
                        d1[k, m, ip - 1, jp - 1] * w(n, m, i - ip + 1, j - jp + 1)
                        for m in range(Nout) for ip in range(1, Hp + 1) for jp in range(1, Wp + 1))
    out["sub_delta"] = isclose(bounded, d0)
    assert isclose(full, d0)                                                       # the form with all i', j'
    dw = np.zeros_like(Wn)
    for m in range(Nin):                                                           # page: w_{m,n} from map m to map n
        for n in range(Nout):
            for i in range(1, kh + 1):
                for j in range(1, kw + 1):
                    dw[n, m, i - 1, j - 1] = sum(d1[k, n, ip - 1, jp - 1] * yn[k, m, i - 1 + ip - 1, j - 1 + jp - 1]
                                                 for k in range(K) for ip in range(1, Hp + 1) for jp in range(1, Wp + 1))
    out["dw_conv"] = isclose(dw, gW)
    assert isclose(d1.sum((0, 2, 3)), gb)                                          # the bias gradient
    return out


def ct():
    res = {}
    for part in (repeat(ct_softmax_once, [(2, 1), (3, 2), (4, 1), (6, 2)]),
                 repeat(ct_pool_once, [(1, 1, 4, 4, "tanh"), (2, 2, 6, 4, "sigmoid"), (1, 3, 4, 6, "tanh")]),
                 repeat(ct_conv_once, [(1, 1, 1, 5, 5, 2, 2, "tanh"), (2, 2, 3, 6, 4, 3, 3, "sigmoid"),
                                       (3, 3, 2, 4, 6, 2, 3, "tanh")])):
        res.update(part)
    for sizes in [(1, 2, 2, 2, 3, 2, "tanh"), (2, 3, 3, 2, 2, 3, "sigmoid")]:
        ct_mse_chain_check(*sizes)
    return res


# ---------------------------------------------------------------- aims5710_cnn_notes_zh
def ai_ce_once(K):
    out = {}
    y, yhat = rnd(K) * 2, onehot(1, K)[0]
    yt = T(y, True)
    J = -(T(yhat) * torch.log_softmax(yt, 0)).sum()
    g = torch.autograd.grad(J, yt)[0].numpy()
    p = np.exp(y) / np.exp(y).sum()
    out["ce_dy"] = isclose(p - yhat, g)
    return out


def ai_act_once(n, act):
    out = {}
    x = rnd(n) * 2
    Jh = jac(ACTS[act], x)
    out["act_jac"] = isclose(np.diag(dact(act, x)), Jh) and all(
        np.isclose(Jh[i, j], dact(act, x)[i] * (i == j), atol=1e-12) for i in range(n) for j in range(n))
    return out


def ai_fc_once(nin, nout):
    out = {}
    x, W, b = rnd(nin), rnd(nout, nin), rnd(nout)
    xt, Wt, bt = T(x, True), T(W, True), T(b, True)
    y = Wt @ xt + bt
    J = loss_of(y)
    gy, = grads_at(J, [y])
    gx, gW, gb = grads_at(J, [xt, Wt, bt])
    out["fc_dW"] = isclose(np.outer(gy, x), gW)
    assert isclose(W.T @ gy, gx) and isclose(gy, gb)
    return out


def ai_conv1d_once(n, r):
    out = {}
    x, w, b = rnd(n), rnd(2 * r + 1), float(rnd())
    xt, wt, bt = T(x, True), T(w, True), T(b, True)

    def X(i):                                                                      # x_i, entries from 1, 0 outside
        return xt[i - 1] if 1 <= i <= n else torch.zeros(())

    def Wk(k):
        return wt[k + r]
    y = torch.stack([sum(Wk(k) * X(i + k) for k in range(-r, r + 1)) + bt for i in range(1, n + 1)])
    J = loss_of(y)
    g, = grads_at(J, [y])
    gx, gw, gb = grads_at(J, [xt, wt, bt])

    def wv(k):
        return w[k + r] if -r <= k <= r else 0.0

    def xv(i):
        return x[i - 1] if 1 <= i <= n else 0.0
    out["conv_dx"] = isclose([sum(g[i - 1] * wv(j - i) for i in range(1, n + 1)) for j in range(1, n + 1)], gx)
    out["conv_dw"] = isclose([sum(g[i - 1] * xv(i + k) for i in range(1, n + 1)) for k in range(-r, r + 1)], gw)
    assert np.isclose(g.sum(), gb, atol=1e-9)                                      # dJ/db = sum_i g_i
    A = jac(lambda v: torch.stack([sum(T(w)[k + r] * (v[i + k - 1] if 1 <= i + k <= n else torch.zeros(()))
                                       for k in range(-r, r + 1)) for i in range(1, n + 1)]), x)
    assert all(np.isclose(A[i - 1, j - 1], wv(j - i), atol=1e-12) for i in range(1, n + 1) for j in range(1, n + 1))
    assert isclose(A.T @ g, gx)                                                    # grad_x J = A^T grad_y J
    return out


def ai_residual_check():
    x, A = rnd(3), rnd(3, 3)
    Jz = jac(lambda v: v + torch.tanh(T(A) @ v), x)
    JF = jac(lambda v: torch.tanh(T(A) @ v), x)
    assert isclose(np.eye(3) + JF, Jz)


def ai():
    ai_residual_check()
    res = {}
    for part in (repeat(ai_ce_once, [(2,), (3,), (4,), (6,)]),
                 repeat(ai_act_once, [(3, "tanh"), (5, "sigmoid"), (4, "softplus")]),
                 repeat(ai_fc_once, [(3, 2), (2, 4), (4, 3)]),
                 repeat(ai_conv1d_once, [(7, 1), (5, 2), (8, 1)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- iq_batchnorm_ko
def iq_once(m, eps):
    out = {}
    x = rnd(m)
    xt = T(x, True)
    mu = xt.mean()
    var = ((xt - mu) ** 2).mean()
    xh = (xt - mu) / torch.sqrt(var + eps)
    gt, bt = T(float(rnd()), True), T(float(rnd()), True)
    y = gt * xh + bt
    L = loss_of(y)
    dy, dxh, dvar, dmu, dx = grads_at(L, [y, xh, var, mu, xt])
    dg, db = grads_at(L, [gt, bt])
    mun, varn, xhn, gam = float(mu.detach()), float(var.detach()), xh.detach().numpy(), float(gt.detach())
    out["dx_thm"] = isclose(dxh / np.sqrt(varn + eps) + dvar * 2 * (x - mun) / m + dmu / m, dx)
    out["dgamma"] = isclose(np.sum(dy * xhn), dg)
    assert isclose(np.sum(dy), db) and isclose(dy * gam, dxh)                      # dL/dbeta, dL/dxhat
    out["dvar"] = isclose(np.sum(dxh * (x - mun) * (-0.5) * (varn + eps) ** -1.5), dvar)
    out["dmu_short"] = isclose(np.sum(dxh * (-1 / np.sqrt(varn + eps))), dmu)
    assert isclose(np.sum(dxh * (-1 / np.sqrt(varn + eps))) + dvar * (-2 * np.sum(x - mun)) / m, dmu)
    return out


def iq():
    return repeat(iq_once, [(3, 1e-5), (4, 1e-2), (6, 0.1)])


# ---------------------------------------------------------------- backprop_lecture_zh
def bl_scalar_once():
    out = {}
    xt, yt, zt = T(-2.0, True), T(5.0, True), T(-4.0, True)
    q = yt * zt
    f = xt + q
    dx, dy, dz, dq = grads_at(f, [xt, yt, zt, q])
    z = -4.0
    out["dfdy"] = bool(np.isclose(dy, -4) and np.isclose(dq * z, -4) and np.isclose(1 * z, -4))
    assert np.isclose(dx, 1) and np.isclose(dq, 1) and np.isclose(dz, 5)           # the left-out rows
    assert float(f.detach()) == -22.0 and float(q.detach()) == -20.0
    return out


def bl_vjp_once(m, n, nonlin):
    out = {}
    x, A = rnd(n), rnd(m, n)

    def fwd(v):
        y = T(A) @ v
        return torch.tanh(y) if nonlin else y
    xt = T(x, True)
    y = fwd(xt)
    L = loss_of(y)
    gy, = grads_at(L, [y])
    gx, = grads_at(L, [xt])
    Jy = jac(fwd, x)                                                               # m x n, outputs as rows
    out["vjp"] = isclose(Jy.T @ gy, gx)
    if not nonlin:
        assert isclose(Jy, A)
    return out


def bl_mm_once(N, D, M):
    out = {}
    X, W = rnd(N, D), rnd(D, M)
    Xt, Wt = T(X, True), T(W, True)
    Y = Xt @ Wt
    L = loss_of(Y)
    gY, = grads_at(L, [Y])
    gX, gW = grads_at(L, [Xt, Wt])
    out["dW_mat"] = isclose(X.T @ gY, gW)
    assert isclose(gY @ W.T, gX)
    assert isclose([[sum(gY[i, k] * W[j, k] for k in range(M)) for j in range(D)] for i in range(N)], gX)
    assert isclose([[sum(gY[k, j] * X[k, i] for k in range(N)) for j in range(M)] for i in range(D)], gW)
    return out


def bl():
    res = {}
    for part in (repeat(bl_scalar_once, [()]),
                 repeat(bl_vjp_once, [(2, 3, False), (4, 3, True), (3, 5, True)]),
                 repeat(bl_mm_once, [(2, 3, 2), (4, 3, 5), (3, 2, 4)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- model_implementations_en
def md_regression_once(m, n):
    out = {}
    X, W, b, y, lam = rnd(m, n), rnd(n), float(rnd()), rnd(m), float(abs(rnd()) + 0.1)
    Wt, bt = T(W, True), T(b, True)
    yh = T(X) @ Wt + bt
    J = ((yh - T(y)) ** 2).sum() / (2 * m) + lam / (2 * m) * (Wt ** 2).sum()
    gW, = grads_at(J, [Wt])
    yhn = yh.detach().numpy()
    out["ridge_dW"] = isclose(X.T @ (yhn - y) / m + lam / m * W, gW)
    # left-out rows: linear regression
    Wt, bt = T(W, True), T(b, True)
    yh = T(X) @ Wt + bt
    J = ((yh - T(y)) ** 2).sum() / (2 * m)
    gW, gb = grads_at(J, [Wt, bt])
    e = yh.detach().numpy() - y
    assert isclose(X.T @ e / m, gW) and np.isclose(e.sum() / m, gb, atol=1e-9)
    # lasso subgradient (every W_j nonzero)
    Wt = T(W, True)
    yh = T(X) @ Wt + b
    J = ((yh - T(y)) ** 2).sum() / (2 * m) + lam / m * Wt.abs().sum()
    gW, = grads_at(J, [Wt])
    e = yh.detach().numpy() - y
    assert isclose([np.sum(e * X[:, j]) / m + lam / m * np.sign(W[j]) for j in range(n)], gW)
    # logistic regression (binary cross-entropy)
    yb = (RNG.uniform(size=m) < 0.5).astype(float)
    Wt, bt = T(W, True), T(b, True)
    p = torch.sigmoid(T(X) @ Wt + bt)
    J = -(T(yb) * torch.log(p) + (1 - T(yb)) * torch.log(1 - p)).mean()
    gW, gb = grads_at(J, [Wt, bt])
    e = p.detach().numpy() - yb
    assert isclose(X.T @ e / m, gW) and np.isclose(e.sum() / m, gb, atol=1e-9)
    # softmax regression (one-hot targets)
    k = 3
    Y = onehot(m, k)
    Wt, bt = T(rnd(n, k), True), T(rnd(k), True)
    P = torch.softmax(T(X) @ Wt + bt, dim=1)
    J = -(T(Y) * torch.log(P)).sum() / m
    gW, gb = grads_at(J, [Wt, bt])
    e = P.detach().numpy() - Y
    assert isclose(X.T @ e / m, gW) and isclose(e.sum(0) / m, gb)
    # linear SVM: hinge subgradient over the violations (labels +-1)
    ys = np.where(yb > 0, 1.0, -1.0)
    Wt, bt = T(W, True), T(b, True)
    marg = 1 - T(ys) * (T(X) @ Wt + bt)
    J = lam / 2 * (Wt ** 2).sum() + torch.clamp(marg, min=0).sum() / m
    gW, = grads_at(J, [Wt])
    viol = marg.detach().numpy() > 0
    assert not np.any(np.isclose(marg.detach().numpy(), 0))
    assert isclose(lam * W + sum(-ys[i] * X[i] for i in range(m) if viol[i]) / m if viol.any() else lam * W, gW)
    # gradient boosting pseudo-residuals
    Fv, yv = rnd(m), rnd(m)
    Ft = T(Fv, True)
    r = -torch.autograd.grad((0.5 * (T(yv) - Ft) ** 2).sum(), Ft)[0].numpy()
    assert isclose(yv - Fv, r)
    Ft = T(Fv, True)
    pp = torch.sigmoid(Ft)
    r = -torch.autograd.grad((-(T(yb) * torch.log(pp) + (1 - T(yb)) * torch.log(1 - pp))).sum(), Ft)[0].numpy()
    assert isclose(yb - pp.detach().numpy(), r)
    return out


def md_mlp_once(m, n0, n1, n2, act):
    out = {}
    g = ACTS[act]
    X, y = rnd(m, n0), (RNG.uniform(size=(m, 1)) < 0.5).astype(float)
    W1, W2, W3 = T(rnd(n0, n1), True), T(rnd(n1, n2), True), T(rnd(n2, 1), True)
    b1, b2, b3 = T(rnd(n1)), T(rnd(n2)), T(rnd(1))
    Z1 = T(X) @ W1 + b1
    A1 = g(Z1)
    Z2 = A1 @ W2 + b2
    A2 = g(Z2)
    Z3 = A2 @ W3 + b3
    yh = torch.sigmoid(Z3)
    J = -(T(y) * torch.log(yh) + (1 - T(y)) * torch.log(1 - yh)).mean()            # the page's BCE, a mean over m
    d1, d2, d3 = grads_at(J, [Z1, Z2, Z3])
    gW3, = grads_at(J, [W3])
    yhn = yh.detach().numpy()
    out["mlp_deltaL"] = isclose(yhn - y, d3)
    assert isclose((yhn - y) / m, d3)                                              # the true delta^{[L]}
    out["mlp_delta_prev"] = (isclose(d3 @ W3.detach().numpy().T * dact(act, Z2.detach().numpy()), d2)
                             and isclose(d2 @ W2.detach().numpy().T * dact(act, Z1.detach().numpy()), d1))
    A2n = A2.detach().numpy()
    assert not isclose(A2n.T @ d3 / m, gW3) and isclose(A2n.T @ d3, gW3)           # the 1/m row under delta = dJ/dZ
    assert isclose(A2n.T @ (yhn - y) / m, gW3)                                     # and with the per-sample delta
    return out


def md_cnn_check(H, W, kh, kw):
    X, K = rnd(H, W), rnd(kh, kw)
    Xt, Kt = T(X, True), T(K, True)
    Z = F.conv2d(Xt[None, None], Kt[None, None])[0, 0]
    J = loss_of(Z)
    gZ, = grads_at(J, [Z])
    gX, gK = grads_at(J, [Xt, Kt])
    Ho, Wo = gZ.shape
    assert isclose([[sum(gZ[i, j] * X[i + p, j + q] for i in range(Ho) for j in range(Wo)) for q in range(kw)]
                    for p in range(kh)], gK)

    def z(i, j):
        return gZ[i, j] if 0 <= i < Ho and 0 <= j < Wo else 0.0
    assert isclose([[sum(z(i - p, j - q) * K[p, q] for p in range(kh) for q in range(kw)) for j in range(W)]
                    for i in range(H)], gX)


def md_bptt_once(T_, Hd, D):
    out = {}
    h0 = T(rnd(Hd), True)
    Whh, Wxh, bh = T(rnd(Hd, Hd) * 0.8), T(rnd(Hd, D)), T(rnd(Hd))
    Why, by = T(rnd(2, Hd)), T(rnd(2))
    hs, Js = [h0], []
    for t in range(1, T_ + 1):
        h = torch.tanh(Whh @ hs[-1] + Wxh @ T(rnd(D)) + bh)
        hs.append(h)
        Js.append(loss_of(Why @ h + by))
    Jtot = sum(Js)
    g0, = grads_at(Jtot, [h0])
    Whn = Whh.numpy()
    hn = [h.detach().numpy() for h in hs]
    Dk = {k: np.diag(1 - hn[k + 1] ** 2) @ Whn for k in range(0, T_)}              # dh_{k+1}/dh_k (rows: outputs)
    gt = [grads_at(Js[t - 1], [hs[t]])[0] for t in range(1, T_ + 1)]               # dJ_t/dh_t

    def prod(ks, transpose):
        P = np.eye(Hd)
        for k in ks:
            P = P @ (Dk[k].T if transpose else Dk[k])
        return P
    variants = []
    for order in ("up", "down"):
        for transpose in (False, True):
            for side in ("left", "right"):
                tot = np.zeros(Hd)
                for t in range(1, T_ + 1):
                    ks = list(range(1, t)) if order == "up" else list(range(t - 1, 0, -1))
                    P = prod(ks, transpose)
                    tot = tot + (gt[t - 1] @ P if side == "left" else P @ gt[t - 1])
                variants.append(tot)
    out["bptt_h0"] = any(isclose(v, g0) for v in variants)
    fixed = sum(gt[t - 1] @ prod(list(range(t - 1, -1, -1)), False) for t in range(1, T_ + 1))
    assert isclose(fixed, g0)                                                      # with the product from k = 0
    return out


def md_w2v_once(d, K):
    out = {}
    vt, vc, vw = rnd(d) * 0.7, rnd(d) * 0.7, rnd(K, d) * 0.7
    vtt, vct = T(vt, True), T(vc, True)
    J = -torch.log(torch.sigmoid(vct @ vtt)) - torch.log(torch.sigmoid(-(T(vw) @ vtt))).sum()
    gt, gc = grads_at(J, [vtt, vct])

    def sig(a):
        return 1 / (1 + np.exp(-a))
    written = (sig(vc @ vt) - 1) * vc + sum((1 - sig(-vw[k] @ vt)) * (-vw[k]) for k in range(K))
    out["w2v_dvt"] = isclose(written, gt)
    assert isclose((sig(vc @ vt) - 1) * vc + sum((1 - sig(-vw[k] @ vt)) * vw[k] for k in range(K)), gt)
    out["w2v_dvc"] = isclose((sig(vc @ vt) - 1) * vt, gc)
    return out


def md():
    for sizes in [(5, 5, 2, 2), (4, 6, 3, 2), (6, 4, 3, 3)]:
        md_cnn_check(*sizes)
    res = {}
    for part in (repeat(md_regression_once, [(4, 3), (6, 2), (5, 5)]),
                 repeat(md_mlp_once, [(2, 3, 4, 2, "tanh"), (3, 4, 3, 5, "sigmoid"), (5, 2, 3, 3, "tanh")]),
                 repeat(md_bptt_once, [(1, 2, 2), (2, 3, 2), (3, 3, 4)]),
                 repeat(md_w2v_once, [(3, 1), (5, 2), (3, 4)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
