"""Independent truth for the seventy-third held-out set (numpy and torch autograd, not symbp):
``python truth_heldout73.py`` writes the ``*.truth.json`` sidecars of ``heldout73/``, by the method
and in the format of ``truth_heldout72.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout73/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout73"
sys.path.insert(0, str(HERE))
from truth_common import corr2, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout73.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2073)
torch.set_default_dtype(torch.float64)


def product_or_none(a, b):
    """a @ b where the shapes allow it, else None (a product that is not defined)."""
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    return a @ b if a.shape[1] == b.shape[0] else None


# ---------------------------------------------------------------- darkknightzh_pool_backprop_zh
def pool_loops(x, k1, k2, mode):
    """Pooling by loops over non-overlapping k1 x k2 windows (stride = window)."""
    H, W = x.shape[0] // k1, x.shape[1] // k2
    red = np.max if mode == "max" else np.mean
    return np.array([[red(x[u * k1:(u + 1) * k1, v * k2:(v + 1) * k2]) for v in range(W)] for u in range(H)])


def dz_once(Hx, Wx, k1, k2):
    out = {}
    x = rnd(Hx, Wx)                                    # continuous draws: no ties
    Ho, Wo = Hx // k1, Wx // k2
    for mode in ("max", "avg"):
        pool = F.max_pool2d if mode == "max" else F.avg_pool2d

        def fwd(v):
            return pool(v[None, None], (k1, k2), stride=(k1, k2))[0, 0]

        xt = T(x, True)
        y = fwd(xt)
        assert isclose(y.detach().numpy(), pool_loops(x, k1, k2, mode))
        C = loss_of(y)
        delta = torch.autograd.grad(C, y, retain_graph=True)[0].numpy()     # (2)
        dx = torch.autograd.grad(C, xt)[0].numpy()
        J = jac(fwd, x)                                                    # [u, v, i, j]
        ok1 = True
        for i in range(Hx):
            for j in range(Wx):
                u, v = i // k1, j // k2
                others = [(a, b) for a in range(Ho) for b in range(Wo) if (a, b) != (u, v)]
                assert all(J[a, b, i, j] == 0 for a, b in others)          # one window per entry
                ok1 &= isclose(dx[i, j], delta[u, v] * J[u, v, i, j])
        out.setdefault("eq1", True)
        out["eq1"] &= ok1
        out.setdefault("eq3", True)
        out["eq3"] &= ok1                                                  # the same chain with delta
        if mode == "max":
            ok5 = ok6 = True
            for u in range(Ho):
                for v in range(Wo):
                    win = x[u * k1:(u + 1) * k1, v * k2:(v + 1) * k2]
                    p, q = np.unravel_index(np.argmax(win), win.shape)
                    p, q = u * k1 + p, v * k2 + q
                    for i in range(Hx):
                        for j in range(Wx):
                            ok5 &= isclose(J[u, v, i, j], 1.0 if (i, j) == (p, q) else 0.0)
                            if (i // k1, j // k2) == (u, v):
                                ok6 &= isclose(dx[i, j], delta[u, v] if (i, j) == (p, q) else 0.0)
            out["eq5"], out["eq6"] = ok5, ok6
        else:
            out["eq9"] = all(isclose(dx[i, j], delta[i // k1, j // k2] / (k1 * k2))
                             for i in range(Hx) for j in range(Wx))
            # (7) as written sums s = 0..k1, t = 0..k2 with the weight 1/(k1 k2): with such windows laid
            # side by side (stride k1+1, k2+1) every entry still gets delta / (k1 k2)
            w1, w2 = k1 + 1, k2 + 1
            xw = rnd(2 * w1, 2 * w2)
            xwt = T(xw, True)
            yw = F.avg_pool2d(xwt[None, None], (w1, w2), stride=(w1, w2))[0, 0] * (w1 * w2) / (k1 * k2)
            Cw = loss_of(yw)
            dw_ = torch.autograd.grad(Cw, yw, retain_graph=True)[0].numpy()
            gx = torch.autograd.grad(Cw, xwt)[0].numpy()
            assert all(isclose(gx[i, j], dw_[i // w1, j // w2] / (k1 * k2))
                       for i in range(2 * w1) for j in range(2 * w2))
    return out


def dz():
    return repeat(dz_once, [(4, 6, 2, 3), (6, 6, 3, 2), (4, 4, 2, 2), (6, 9, 3, 3)])


# ---------------------------------------------------------------- parasdahal_convlayer_en
def pd_once(N, m):
    out = {}
    A, Wk = rnd(N, N), rnd(m, m)
    At, Wt = T(A, True), T(Wk, True)
    Z = F.conv2d(At[None, None], Wt[None, None])[0, 0]
    assert isclose(Z.detach().numpy(), corr2(A, Wk))                        # the forward, by loops
    C = loss_of(Z)
    dZ = torch.autograd.grad(C, Z, retain_graph=True)[0].numpy()
    dA, dW = (g.numpy() for g in torch.autograd.grad(C, (At, Wt)))
    n = N - m + 1                                                          # outputs i, j = 0..N-m
    Jw = jac(lambda w: F.conv2d(T(A)[None, None], w[None, None])[0, 0], Wk)  # [i, j, a, b]
    Ja = jac(lambda a: F.conv2d(a[None, None], T(Wk)[None, None])[0, 0], A)  # [u, v, i, j]
    chain = np.array([[sum(dZ[i, j] * Jw[i, j, a, b] for i in range(n) for j in range(n))
                       for b in range(m)] for a in range(m)])
    out["dW_chain"] = isclose(chain, dW)
    out["dW"] = isclose(np.array([[sum(dZ[i, j] * A[i + a, j + b] for i in range(n) for j in range(n))
                                   for b in range(m)] for a in range(m)]), dW)

    def exists(u, v):
        return 0 <= u < n and 0 <= v < n

    names_missing = any(not exists(i - a, j - b) for i in range(N) for j in range(N)
                        for a in range(m) for b in range(m))
    zero_chain = np.array([[sum(dZ[i - a, j - b] * Ja[i - a, j - b, i, j] for a in range(m) for b in range(m)
                                if exists(i - a, j - b)) for j in range(N)] for i in range(N)])
    zero_row = np.array([[sum(dZ[i - a, j - b] * Wk[a, b] for a in range(m) for b in range(m)
                              if exists(i - a, j - b)) for j in range(N)] for i in range(N)])
    assert isclose(zero_chain, dA) and isclose(zero_row, dA)              # right with the missing terms read as 0
    out["dX_chain"] = (not names_missing) and isclose(zero_chain, dA)
    out["dX"] = (not names_missing) and isclose(zero_row, dA)

    # the left-out bias row: with one bias b added to every output, dC/db = sum of dC/dZ
    bt = T([float(rnd(1)[0])], True)
    Zb = F.conv2d(T(A)[None, None], T(Wk)[None, None])[0, 0] + bt
    Cb = loss_of(Zb)
    dZb = torch.autograd.grad(Cb, Zb, retain_graph=True)[0].numpy()
    assert isclose(torch.autograd.grad(Cb, bt)[0].numpy()[0], dZb.sum())
    return out


def pd():
    return repeat(pd_once, [(4, 2), (5, 3), (6, 3), (5, 2)])


# ---------------------------------------------------------------- anotter_cnn_annex_en
def ao_lin_once(m, n):
    out = {}
    W, x, b = rnd(m, n), rnd(n), rnd(m)
    Wt, bt = T(W, True), T(b, True)
    f = Wt @ T(x) + bt
    L = loss_of(f)
    g = torch.autograd.grad(L, f, retain_graph=True)[0].numpy()           # dL/df, m entries
    dW, db = (t.numpy() for t in torch.autograd.grad(L, (Wt, bt)))
    Jf = jac(lambda w: w @ T(x) + T(b), W)                                 # [i, k, l] = df_i/dw_kl
    Jsum = jac(lambda w: w @ T(x), W)                                      # d/dw_kl (sum_j w_ij x_j)
    kron = np.array([[[sum((i == k) * (j == l) * x[j] for j in range(n)) for l in range(n)]
                      for k in range(m)] for i in range(m)])
    assert isclose(kron, np.array([[[(i == k) * x[l] for l in range(n)] for k in range(m)] for i in range(m)]))
    out["lin_jac"] = isclose(Jf, Jsum) and isclose(Jf, kron)
    # (dL/df)^T x: dL/df a 1 x m row (the notebook's output x input layout) or an m x 1 column; x the
    # n x 1 column of f = Wx + b
    X = x.reshape(n, 1)
    as_row = product_or_none(g.reshape(1, m).T, X)
    as_col = product_or_none(g.reshape(m, 1).T, X)
    out["lin_dW"] = any(p is not None and isclose(p, dW) for p in (as_row, as_col))
    assert isclose(g.reshape(1, m).T @ x.reshape(1, n), dW)                 # with x^T it is right
    out["lin_db"] = isclose(db, g)
    return out


def ao_conv_once(H, Wd, kh, kw):
    out = {}
    X, K = rnd(H, Wd), rnd(kh, kw)
    Xt, Kt = T(X, True), T(K, True)
    O = F.conv2d(Xt[None, None], Kt[None, None])[0, 0]
    Ho, Wo = O.shape
    assert isclose(O.detach().numpy(), corr2(X, K))
    L = loss_of(O)
    G = torch.autograd.grad(L, O, retain_graph=True)[0].numpy()
    dK = torch.autograd.grad(L, Kt)[0].numpy()
    Jk = jac(lambda k: F.conv2d(T(X)[None, None], k[None, None])[0, 0], K)  # [i, j, p, q] (from 0)

    def x(i, j):  # entries from 1
        return X[i - 1, j - 1]

    def dodw(i, j, r, c):  # do_ij / dw_rc, entries from 1
        return Jk[i - 1, j - 1, r - 1, c - 1]

    outs = [(i, j) for i in range(1, Ho + 1) for j in range(1, Wo + 1)]
    if kh == kw:                       # (dO/dW)_{i,j,k,l} = do_ij/dw_kl needs w_kl for every (l, k)
        ok_first = all(isclose(dodw(i, j, l, k), x(i - 1 + l, j - 1 + k))
                       for i, j in outs for l in range(1, kh + 1) for k in range(1, kw + 1))
        assert ok_first
        out["conv_local"] = all(isclose(x(i - 1 + l, j - 1 + k), dodw(i, j, k, l))
                                for i, j in outs for l in range(1, kh + 1) for k in range(1, kw + 1))
    ok = True
    for l in range(1, kh + 1):
        for k in range(1, kw + 1):
            chain = sum(G[i - 1, j - 1] * dodw(i, j, l, k) for i, j in outs)
            res = sum(G[i - 1, j - 1] * x(i - 1 + l, j - 1 + k) for i, j in outs)
            ok &= isclose(chain, dK[l - 1, k - 1]) and isclose(res, dK[l - 1, k - 1])
    out["conv_dw"] = ok
    if (Ho, Wo) == (2, 2):             # the example's four terms fix a 2 x 2 output
        out["conv_dw11"] = isclose(G[0, 0] * x(1, 1) + G[0, 1] * x(1, 2) + G[1, 0] * x(2, 1) + G[1, 1] * x(2, 2),
                                   dK[0, 0])
    return out


def ao_once(m, n, H, Wd, kh, kw):
    out = ao_lin_once(m, n)
    out.update(ao_conv_once(H, Wd, kh, kw))
    return out


def ao():
    return repeat(ao_once, [(3, 4, 3, 3, 2, 2), (2, 5, 4, 4, 3, 3), (3, 3, 5, 6, 2, 2), (4, 2, 6, 5, 3, 3),
                            (3, 4, 3, 4, 2, 3)])


# ---------------------------------------------------------------- talwar_batchnorm_calculus_en
def bn_forward(xv, gamma, beta, eps):
    mu = xv.mean()
    var = ((xv - mu) ** 2).mean()
    xhat = (xv - mu) / torch.sqrt(var + eps)
    return mu, var, xhat, gamma * xhat + beta


def tb_once(N, eps):
    out = {}
    x, gamma, beta = rnd(N), float(rnd(1)[0]), float(rnd(1)[0])
    xt = T(x, True)
    mu, var, xhat, y = bn_forward(xt, gamma, beta, eps)
    L = loss_of(y)
    dy = torch.autograd.grad(L, y, retain_graph=True)[0].numpy()
    dx = torch.autograd.grad(L, xt)[0].numpy()
    mu_, var_, xh = float(mu.detach()), float(var.detach()), xhat.detach().numpy()
    s = 1 / np.sqrt(var_ + eps)
    Jy = jac(lambda v: bn_forward(v, gamma, beta, eps)[3], x)              # [k, i] = dy_k/dx_i
    Jxh = jac(lambda v: bn_forward(v, gamma, beta, eps)[2], x)             # [k, i] = dxhat_k/dx_i
    dy_dxh = np.diag(jac(lambda h: gamma * h + beta, xh))                  # dy_k/dxhat_k
    ds = jac(lambda v: 1 / torch.sqrt(bn_forward(v, gamma, beta, eps)[1] + eps), x)   # ds/dx_i
    dmu = jac(lambda v: v.mean(), x)
    dvar = jac(lambda v: bn_forward(v, gamma, beta, eps)[1], x)
    d = np.eye(N)

    out["grad"] = isclose([sum(dy[k] * Jy[k, i] for k in range(N)) for i in range(N)], dx)
    out["exp2"] = isclose([[dy_dxh[k] * Jxh[k, i] for i in range(N)] for k in range(N)], Jy)
    out["product"] = isclose([[gamma * (s * d[k, i] + x[k] * ds[i] - s * dmu[i] - mu_ * ds[i]) for i in range(N)]
                              for k in range(N)], Jy)
    out["var_row2"] = isclose([(1 / N) * ((-2 / N) * sum(x[j] - mu_ for j in range(N) if j != i)
                                          + 2 * (x[i] - mu_) * (1 - 1 / N)) for i in range(N)], dvar)
    assert isclose(2 / N * (x - mu_), dvar)                                 # (2.2)'s last row
    assert isclose(-(1 / N) * (var_ + eps) ** -1.5 * (x - mu_), ds)         # (2.3)
    out["eq24"] = isclose([[gamma * s * (d[k, i] - 1 / N - (1 / N) * xh[i] * xh[k]) for i in range(N)]
                           for k in range(N)], Jy)
    out["final_row1"] = isclose([gamma * s * (sum(dy[k] * d[k, i] for k in range(N)) - np.sum(dy) / N
                                              - (1 / N) * sum(xh[i] * xh[k] for k in range(N)))
                                 for i in range(N)], dx)
    out["final_row3"] = isclose(gamma * s * (dy - np.sum(dy) / N - (1 / N) * xh * np.sum(xh * dy)), dx)
    return out


def tb():
    return repeat(tb_once, [(3, 1e-2), (4, 1e-5), (6, 1e-2), (5, 0.1)])


# ---------------------------------------------------------------- ivory_batchnorm_ja
def iv_once(m, eps):
    out = {}
    x, gamma, beta = rnd(m), float(rnd(1)[0]), float(rnd(1)[0])
    xt, gt, bt = T(x, True), T([gamma], True), T([beta], True)
    mu, var, xhat, y = bn_forward(xt, gt, bt, eps)
    xhat.retain_grad()
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    dy, dxh = y.grad.numpy(), xhat.grad.numpy()
    dgam, dbet = gt.grad.numpy()[0], bt.grad.numpy()[0]
    xh = xhat.detach().numpy()
    dy_dbeta = jac(lambda bb: gamma * T(xh) + bb, np.array([beta]))[:, 0]
    dy_dgamma = jac(lambda gg: gg * T(xh) + beta, np.array([gamma]))[:, 0]
    dy_dxh = jac(lambda h: gamma * h + beta, xh)                           # [j, i]
    out["dbeta"] = isclose(np.sum(dy * dy_dbeta), dbet) and isclose(np.sum(dy), dbet)
    out["dgamma"] = isclose(np.sum(dy * dy_dgamma), dgam) and isclose(np.sum(dy * xh), dgam)
    out["dxhat"] = (isclose([sum(dy[j] * dy_dxh[j, i] for j in range(m)) for i in range(m)], dxh)
                    and isclose(dy * gamma, dxh))
    return out


def iv():
    return repeat(iv_once, [(3, 1e-2), (4, 1e-5), (6, 1e-2)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
