"""Independent truth for the seventy-fourth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout74.py`` writes the ``*.truth.json`` sidecars of ``heldout74/``, by the method
and in the format of ``truth_heldout73.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout74/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout74"
sys.path.insert(0, str(HERE))
from truth_common import corr2, isclose, jac, repeat, seeded_draws, T, write_and_report  # noqa: E402
from heldout74.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2074)
torch.set_default_dtype(torch.float64)


def product_or_none(a, b):
    """a @ b where the shapes allow it, else None (a product that is not defined)."""
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    return a @ b if a.shape[1] == b.shape[0] else None


def conv_fwd(x, w):
    """The pages' forward: a valid 2-D cross-correlation (one map, one filter, stride 1)."""
    return F.conv2d(x[None, None], w[None, None])[0, 0]


# ---------------------------------------------------------------- cs5782_cnn_notes_en
def cs_conv_once(H, W, k):
    out = {}
    X, Fk = rnd(H, W), rnd(k, k)
    Xt, Ft = T(X, True), T(Fk, True)
    O = conv_fwd(Xt, Ft)
    assert isclose(O.detach().numpy(), corr2(X, Fk))                    # O_ij = sum F_mn X_{i+m,j+n}
    L = loss_of(O)
    G = torch.autograd.grad(L, O, retain_graph=True)[0].numpy()        # dL/dO = delta
    dX, dF = (g.numpy() for g in torch.autograd.grad(L, (Xt, Ft)))
    Ho, Wo = G.shape
    Jf = jac(lambda f: conv_fwd(T(X), f), Fk)                           # [i, j, p, q] = dO_ij/dF_pq
    Jx = jac(lambda x: conv_fwd(x, T(Fk)), X)                           # [i, j, p, q] = dO_ij/dX_pq
    outs = [(i, j) for i in range(Ho) for j in range(Wo)]
    out["dO_dF"] = all(isclose(Jf[i, j, p, q], X[i + p, j + q]) for i, j in outs
                       for p in range(k) for q in range(k))
    chain = np.array([[sum(G[i, j] * Jf[i, j, p, q] for i, j in outs) for q in range(k)] for p in range(k)])
    res = np.array([[sum(G[i, j] * X[i + p, j + q] for i, j in outs) for q in range(k)] for p in range(k)])
    out["dF"] = isclose(chain, dF) and isclose(res, dF)
    # dO_ij/dX_pq = F_{p-i,q-j} where X_pq is in patch (i, j) (the prose's "only if"), 0 elsewhere
    ok = True
    for i, j in outs:
        for p in range(H):
            for q in range(W):
                inside = 0 <= p - i < k and 0 <= q - j < k
                ok &= isclose(Jx[i, j, p, q], Fk[p - i, q - j] if inside else 0.0)
    out["dO_dX"] = ok
    chain_x = np.array([[sum(G[i, j] * Jx[i, j, p, q] for i, j in outs) for q in range(W)] for p in range(H)])
    assert isclose(chain_x, dX)                                          # the chain row before it
    # the written input gradient: sum over the patches holding X_pq of dO_ij/dF_pq * F_{p-i,q-j};
    # dO_ij/dF_pq = X_{i+p,j+q} exists only for p, q < k (F is k x k) and i+p, j+q inside X
    ok_written = True
    for p in range(H):
        for q in range(W):
            patches = [(i, j) for i, j in outs if 0 <= p - i < k and 0 <= q - j < k]
            if p >= k or q >= k or any(i + p >= H or j + q >= W for i, j in patches):
                ok_written = False                                       # names entries that do not exist
                continue
            val = sum(Jf[i, j, p, q] * Fk[p - i, q - j] for i, j in patches)
            ok_written &= isclose(val, dX[p, q])
    out["dX"] = ok_written
    fixed = np.array([[sum(G[i, j] * Fk[p - i, q - j] for i, j in outs if 0 <= p - i < k and 0 <= q - j < k)
                       for q in range(W)] for p in range(H)])
    assert isclose(fixed, dX)                                            # with dL/dO_ij it would hold
    if (H, W, k) == (3, 3, 2):                                           # the worked example (from 1)
        def g(i, j):
            return G[i - 1, j - 1]

        def x(i, j):
            return X[i - 1, j - 1]

        def f(i, j):
            return Fk[i - 1, j - 1]
        ex_F = [[g(1, 1) * x(1, 1) + g(1, 2) * x(1, 2) + g(2, 1) * x(2, 1) + g(2, 2) * x(2, 2),
                 g(1, 1) * x(1, 2) + g(1, 2) * x(1, 3) + g(2, 1) * x(2, 2) + g(2, 2) * x(2, 3)],
                [g(1, 1) * x(2, 1) + g(1, 2) * x(2, 2) + g(2, 1) * x(3, 1) + g(2, 2) * x(3, 2),
                 g(1, 1) * x(2, 2) + g(1, 2) * x(2, 3) + g(2, 1) * x(3, 2) + g(2, 2) * x(3, 3)]]
        assert isclose(ex_F, dF)                                         # the left-out example rows hold
        ex_X = [[g(1, 1) * f(1, 1), g(1, 1) * f(1, 2) + g(1, 2) * f(1, 1), g(1, 2) * f(1, 2)],
                [g(1, 1) * f(2, 1) + g(2, 1) * f(1, 1),
                 g(1, 1) * f(2, 2) + g(1, 2) * f(2, 1) + g(2, 1) * f(1, 2) + g(2, 2) * f(1, 1),
                 g(1, 2) * f(2, 2) + g(2, 2) * f(1, 2)],
                [g(2, 1) * f(2, 1), g(2, 1) * f(2, 2) + g(2, 2) * f(2, 1), g(2, 2) * f(2, 2)]]
        assert isclose(ex_X, dX)
        # "the 180-degree-rotated F convolved with dL/dO padded by 1": the full correlation
        assert isclose(corr2(np.pad(G, 1), Fk[::-1, ::-1]), dX)
    return out


def cs_pool_once(H, W, k, s):
    out = {}
    X = rnd(H, W)                                                        # continuous draws: no ties
    Xt = T(X, True)

    def fwd(v):
        return F.max_pool2d(v[None, None], k, stride=s)[0, 0]

    O = fwd(Xt)
    L = loss_of(O)
    G = torch.autograd.grad(L, O, retain_graph=True)[0].numpy()
    dX = torch.autograd.grad(L, Xt)[0].numpy()
    On = O.detach().numpy()
    J = jac(fwd, X)                                                      # [i, j, p, q] = dY_ij/dX_pq
    Ho, Wo = On.shape
    out["pool_local"] = all(isclose(J[i, j, p, q], 1.0 if X[p, q] == On[i, j] else 0.0)
                            for i in range(Ho) for j in range(Wo) for p in range(H) for q in range(W))
    chain = np.array([[sum(G[i, j] * J[i, j, p, q] for i in range(Ho) for j in range(Wo)) for q in range(W)]
                      for p in range(H)])
    assert isclose(chain, dX)                                            # the chain row (left out: a repeat)

    def in_patch(p, q, i, j):
        return i * s <= p < i * s + k and j * s <= q < j * s + k

    written = np.array([[sum(G[i, j] * (1.0 if X[p, q] == On[i, j] else 0.0)
                             for i in range(Ho) for j in range(Wo) if in_patch(p, q, i, j))
                         for q in range(W)] for p in range(H)])
    out["pool_dX"] = isclose(written, dX)
    return out


def cs():
    res = {}
    for part in (repeat(cs_conv_once, [(3, 3, 2), (5, 5, 3), (4, 4, 2), (6, 5, 3), (4, 6, 2)]),
                 repeat(cs_pool_once, [(4, 4, 2, 2), (6, 6, 2, 2), (6, 6, 3, 3), (4, 4, 2, 1), (5, 5, 3, 2)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- ethan_numpy_nn_zh
def et_act_once(n):
    out = {}
    x = rnd(n) * 3
    sig = 1 / (1 + np.exp(-x))
    xt = T(x, True)
    dsig = torch.autograd.grad(torch.sigmoid(xt).sum(), xt)[0].numpy()   # sigmoid' entry by entry
    out["sig_d"] = isclose(np.exp(-x) / (1 + np.exp(-x)) ** 2, dsig) and isclose(sig * (1 - sig), dsig)
    # the left-out rows, checked: Relu', the two-line Gelu' read as one sum, the Softmax Jacobian
    xr = T(x, True)
    assert isclose(np.where(x > 0, 1.0, 0.0), torch.autograd.grad(torch.relu(xr).sum(), xr)[0].numpy())
    K = 0.044715
    c = np.sqrt(2 / np.pi)
    xg = T(x, True)
    gelu = 0.5 * xg * (1 + torch.tanh(c * (xg + K * xg ** 3)))
    dg = torch.autograd.grad(gelu.sum(), xg)[0].numpy()
    th = np.tanh(c * (x + K * x ** 3))
    assert isclose(0.5 * (1 + th) + 0.5 * x * (1 - th ** 2) * c * (1 + 0.134145 * x ** 2), dg)
    assert not isclose(0.5 * (1 + th), dg)                                # the first line alone is not it
    Js = jac(lambda v: torch.softmax(v, 0), x)                           # [i, j] = dy_i/dx_j
    y = np.exp(x) / np.exp(x).sum()
    assert isclose([[y[i] * (1 - y[j]) if i == j else -y[i] * y[j] for j in range(n)] for i in range(n)], Js)
    return out


def et_loss_once(N, C):
    out = {}
    Y = rnd(N, C)
    Yh = rnd(N, C)
    Yt, Yht = T(Y, True), T(Yh, True)
    mse = ((Yt - Yht) ** 2).sum() / N
    dY, dYh = (g.numpy() for g in torch.autograd.grad(mse, (Yt, Yht)))
    written = 2 * (Y - Yh)
    # MSE' read by the prediction Y-hat (the CrossEntropy' row beside it is a derivative by Y-hat)
    out["mse_d"] = isclose(written, dYh)
    assert not isclose(written, dY) or N == 1                           # by Y it needs N = 1
    # the left-out CrossEntropy' row: -Y / Y-hat against the derivative of -(1/N) sum Y log Y-hat
    P = np.abs(rnd(N, C)) + 0.1
    Pt = T(P, True)
    ce = -(T(Y) * torch.log(Pt)).sum() / N
    dP = torch.autograd.grad(ce, Pt)[0].numpy()
    assert isclose(-Y / P, dP) == (N == 1)
    return out


def et_mlp_once(n_in, n_out):
    out = {}
    W1, b1, X1 = rnd(n_out, n_in), rnd(n_out), rnd(n_in)
    W1t, b1t, X1t = T(W1, True), T(b1, True), T(X1, True)
    U1 = W1t @ X1t + b1t
    X2 = torch.tanh(U1)
    L = loss_of(X2)
    dX2 = torch.autograd.grad(L, X2, retain_graph=True)[0].numpy()      # l'(X_2, Y)
    dW1, db1, dX1 = (g.numpy() for g in torch.autograd.grad(L, (W1t, b1t, X1t)))
    sp = 1 - np.tanh(W1 @ X1 + b1) ** 2                                  # sigma'(U_1)
    delta = dX2 * sp
    assert isclose(delta, db1)                                           # the left-out b_1 row holds
    assert isclose(delta.reshape(1, n_out) @ W1, dX1.reshape(1, n_in))    # X_1 row: rows only
    # dL/dW_1 = l' . sigma'(U_1) . X_1: X_1 the in x 1 column of U_1 = W_1 X_1 + b_1, the upstream
    # factor a column (out x 1) or a row (1 x out); no product of these is the out x in gradient
    cands = [product_or_none(delta.reshape(n_out, 1), X1.reshape(n_in, 1)),
             product_or_none(delta.reshape(1, n_out), X1.reshape(n_in, 1)),
             delta * X1 if n_in == n_out else None]
    out["dW1"] = any(c is not None and isclose(c, dW1) for c in cands)
    assert isclose(np.outer(delta, X1), dW1)                              # with X_1^T it would hold
    return out


def et_conv_once(H, W, kh, kw):
    out = {}
    X, Fk = rnd(H, W), rnd(kh, kw)
    Xt, Ft = T(X, True), T(Fk, True)
    O = conv_fwd(Xt, Ft)
    assert isclose(O.detach().numpy(), corr2(X, Fk))
    L = loss_of(O)
    G = torch.autograd.grad(L, O, retain_graph=True)[0].numpy()
    dX, dF = (g.numpy() for g in torch.autograd.grad(L, (Xt, Ft)))
    # conv(.,.) read as the page's own forward operation (the sliding weighted sum it writes out)
    out["dF_formula"] = isclose(corr2(X, G), dF)
    assert not isclose(corr2(X, G[::-1, ::-1]), dF)                       # a flipping convolution fails
    Gp = np.pad(G, ((kh - 1, kh - 1), (kw - 1, kw - 1)))                  # pad: kernel size - 1 zeros
    out["dX_formula"] = isclose(corr2(Gp, Fk[::-1, ::-1]), dX)
    if (H, W, kh, kw) == (3, 3, 2, 2):
        out["dF11"] = isclose(G[0, 0] * X[0, 0] + G[0, 1] * X[0, 1] + G[1, 0] * X[1, 0] + G[1, 1] * X[1, 1],
                              dF[0, 0])
        Jf = jac(lambda f: conv_fwd(T(X), f), Fk)
        assert isclose(sum(G[i, j] * Jf[i, j, 0, 0] for i in range(2) for j in range(2)), dF[0, 0])
        g, f = G, Fk                                                      # the table (left out), from 0
        tab = [[g[0, 0] * f[0, 0], g[0, 0] * f[0, 1] + g[0, 1] * f[0, 0], g[0, 1] * f[0, 1]],
               [g[0, 0] * f[1, 0] + g[1, 0] * f[0, 0],
                g[0, 0] * f[1, 1] + g[0, 1] * f[1, 0] + g[1, 0] * f[0, 1] + g[1, 1] * f[0, 0],
                g[0, 1] * f[1, 1] + g[1, 1] * f[0, 1]],
               [g[1, 0] * f[1, 0], g[1, 0] * f[1, 1] + g[1, 1] * f[1, 0], g[1, 1] * f[1, 1]]]
        assert isclose(tab, dX)
    return out


def et():
    res = {}
    for part in (repeat(et_act_once, [(3,), (5,), (8,)]),
                 repeat(et_loss_once, [(2, 3), (3, 4), (4, 2)]),
                 repeat(et_mlp_once, [(3, 2), (2, 4), (4, 3), (3, 3)]),
                 repeat(et_conv_once, [(3, 3, 2, 2), (4, 4, 2, 2), (5, 5, 3, 3), (4, 5, 2, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- darkknightzh_backprop_fc_zh
def dk_once(M, D, N):
    out = {}
    X, W = rnd(M, D), rnd(D, N)
    Xt, Wt = T(X, True), T(W, True)
    Y = Xt @ Wt
    L = loss_of(Y)
    G = torch.autograd.grad(L, Y, retain_graph=True)[0].numpy()         # dL/dY
    dX, dW = (g.numpy() for g in torch.autograd.grad(L, (Xt, Wt)))
    Jx = jac(lambda x: x @ T(W), X)                                      # [m, n, i, j] = dy_mn/dx_ij
    Jw = jac(lambda w: T(X) @ w, W)                                      # [m, n, i, j] = dy_mn/dw_ij
    # (2) of part 1: dy_in/dx_ij = d(sum_k x_ik w_kn)/dx_ij = sum_k (dx_ik/dx_ij) w_kn = w_jn
    out["dyin"] = all(isclose(Jx[i, n, i, j], W[j, n]) and isclose(sum((k == j) * W[k, n] for k in range(D)), W[j, n])
                      for i in range(M) for j in range(D) for n in range(N))
    out["dLdxij"] = isclose([[sum(G[i, k] * W[j, k] for k in range(N)) for j in range(D)] for i in range(M)], dX)
    out["dLdX"] = isclose(G @ W.T, dX)
    # part 2's matrix: column j holds w_{1i} .. w_{Mi}, the other columns 0, under the left side
    # dY/dx_ij.  Read as dY/dw_ij (i <= D, j <= N; its column j is x_{1i} .. x_{Mi}) or as written,
    # dY/dx_ij (i <= M, j <= D; its row i is w_{j1} .. w_{jN}): an entry w_{mi} with m > D or i > N, or
    # a column j > N, does not exist, and where all exist the values differ
    def written(i, j):
        if M > D or i >= N or j >= N:
            return None
        mat = np.zeros((M, N))
        mat[:, j] = W[:M, i]
        return mat

    ok = True
    for i, j, Jm in ([(i, j, Jw) for i in range(D) for j in range(N)]
                     + [(i, j, Jx) for i in range(M) for j in range(D)]):
        mat = written(i, j)
        ok &= mat is not None and isclose(mat, Jm[:, :, i, j])
    out["dYdw_mat"] = ok
    assert all(isclose(Jw[:, :, i, j], np.outer(X[:, i], np.eye(N)[j])) for i in range(D) for j in range(N))
    out["dLdW"] = isclose(X.T @ G, dW)
    # left-out rows, checked: the chains over every (m, n), dy_mj/dw_ij = x_mi, dL/dw_ij = sum_k x_ki dL/dy_kj
    assert isclose([[sum(G[m, n] * Jx[m, n, i, j] for m in range(M) for n in range(N)) for j in range(D)]
                    for i in range(M)], dX)
    assert isclose([[sum(G[k, j] * X[k, i] for k in range(M)) for j in range(N)] for i in range(D)], dW)
    return out


def dk():
    return repeat(dk_once, [(2, 3, 4), (3, 2, 2), (4, 3, 5), (3, 4, 2), (3, 3, 3)])


# ---------------------------------------------------------------- bn_note_zh
def bn_nodes(h, gamma, beta, eps, denom):
    """The note's graph: mu -> d -> sigma^2 -> s -> hhat -> y, the variance divided by ``denom``."""
    mu = h.mean(0, keepdim=True)
    d = h - mu
    var = (d ** 2).sum(0, keepdim=True) / denom
    s = (var + eps) ** -0.5
    hh = d * s
    return mu, d, var, s, hh, gamma * hh + beta


def bn_once(m, n, eps):
    out = {}
    h, gamma, beta = rnd(m, n), rnd(1, n), rnd(1, n)
    # first part: the biased variance (1/m), one unit per column
    ht = T(h, True)
    mu, d, var, s, hh, y = bn_nodes(ht, T(gamma), T(beta), eps, m)
    for node in (mu, d, var, s, hh, y):
        node.retain_grad()
    L = loss_of(y)
    L.backward()
    dy, dhh, ds, dvar, dd, dmu, dh = (t.grad.numpy() for t in (y, hh, s, var, d, mu, ht))
    dn, sn, hhn, varn = d.detach().numpy(), s.detach().numpy(), hh.detach().numpy(), var.detach().numpy()
    assert isclose(dhh, dy * gamma)                                      # (2), left out
    out["ds"] = isclose((dhh * dn).sum(0, keepdims=True), ds)
    assert isclose(dvar, ds * (-0.5) * (varn + eps) ** -1.5)              # (4), left out
    out["dd"] = isclose(dhh * sn + dvar * 2 * dn / m, dd)
    assert isclose(-dd.sum(0, keepdims=True), dmu)                       # (6), left out
    out["dh"] = isclose(dd + dmu / m, dh)
    closed = gamma / (m * np.sqrt(varn + eps)) * (m * dy - dy.sum(0, keepdims=True)
                                                   - hhn * (dy * hhn).sum(0, keepdims=True))
    out["closed"] = isclose(closed, dh)
    assert isclose(hhn.sum(0), np.zeros(n)) and not isclose((hhn ** 2).sum(0), np.full(n, float(m)))  # needs eps = 0
    # second part: the code's forward, bnvar = bndiff2.sum(0) / (m-1)
    h2 = T(h, True)
    _, d2, var2, s2, hh2, z1 = bn_nodes(h2, T(gamma), T(beta), eps, m - 1)
    L2 = loss_of(z1)
    dz1 = torch.autograd.grad(L2, z1, retain_graph=True)[0].numpy()
    dhp = torch.autograd.grad(L2, h2)[0].numpy()
    bnraw, bnvar = hh2.detach().numpy(), var2.detach().numpy()
    written = gamma / (m * np.sqrt(bnvar + eps)) * (m * dz1 - dz1.sum(0, keepdims=True)
                                                     - bnraw * (dz1 * bnraw).sum(0, keepdims=True))
    # the same letters read with the first part's biased variance and normalised values
    var_b = ((h - h.mean(0)) ** 2).mean(0, keepdims=True)
    hh_b = (h - h.mean(0)) / np.sqrt(var_b + eps)
    as_biased = gamma / (m * np.sqrt(var_b + eps)) * (m * dz1 - dz1.sum(0, keepdims=True)
                                                      - hh_b * (dz1 * hh_b).sum(0, keepdims=True))
    out["closed_bessel"] = isclose(written, dhp) or isclose(as_biased, dhp)
    karpathy = gamma / (m * np.sqrt(bnvar + eps)) * (m * dz1 - dz1.sum(0, keepdims=True)
                                                      - m / (m - 1) * bnraw * (dz1 * bnraw).sum(0, keepdims=True))
    assert isclose(karpathy, dhp)                                         # with the factor m/(m-1) it holds
    return out


def bn():
    return repeat(bn_once, [(3, 1, 1e-5), (4, 2, 1e-5), (6, 2, 1e-2), (5, 3, 0.1)])


# ---------------------------------------------------------------- softmax_jacobian_note_en
def sj_once(C):
    out = {}
    z = rnd(C) * 2
    J = jac(lambda v: torch.softmax(v, 0), z)                            # [j, i] = dY^(j)/dZ^(i)
    e = np.exp(z)
    S = e.sum()
    Y = e / S
    dlt = np.eye(C)
    out["subst"] = isclose([[(e[j] * dlt[i, j] * S - e[j] * e[i]) / S ** 2 for i in range(C)] for j in range(C)], J)
    out["final"] = isclose([[Y[j] * (dlt[i, j] - Y[i]) for i in range(C)] for j in range(C)], J)
    out["case_ne"] = all(isclose(-Y[j] * Y[i], J[j, i]) for i in range(C) for j in range(C) if i != j)
    # left-out rows, checked: the quotient-rule row with f' = d e^{Z_j}/dZ_i, the factored row, the i = j case
    fprime = np.array([[e[j] * dlt[i, j] for i in range(C)] for j in range(C)])
    assert isclose([[(fprime[j, i] * S - e[j] * e[i]) / S ** 2 for i in range(C)] for j in range(C)], J)
    assert isclose([[e[j] / S ** 2 * (dlt[i, j] * S - e[i]) for i in range(C)] for j in range(C)], J)
    assert all(isclose(Y[j] * (1 - Y[j]), J[j, j]) for j in range(C))
    return out


def sj():
    return repeat(sj_once, [(2,), (3,), (4,), (6,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
