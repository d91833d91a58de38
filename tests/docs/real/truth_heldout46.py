"""Independent truth for the forty-sixth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout46.py`` writes the ``*.truth.json`` sidecars of ``heldout46/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout46/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout46"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout46.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2046)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def matmul_or_none(a, b):
    """a @ b where the shapes fit, else None (a product the row writes but no size allows)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        return None
    return a @ b


def close_or_false(a, b):
    return a is not None and close(a, b)


# ---------------------------------------------------------------- cs231n_bn_alt_backward_en
def bn_once(N, D, eps):
    """y = gamma xhat - beta (the page's sign), xhat over the N rows with the biased variance."""
    x = rnd(N, D)
    gam, bet = rnd(D), rnd(D)
    G = rnd(N, D)

    def forward(xx, gg, bb):
        mu = xx.mean(0)
        var = ((xx - mu) ** 2).mean(0)
        xh = (xx - mu) / torch.sqrt(var + eps)
        return gg * xh - bb

    def loss(y):
        return (T(G) * y).sum() + (y ** 3).sum() / 3

    xt, gt, bt = T(x, True), T(gam, True), T(bet, True)
    y = forward(xt, gt, bt)
    Lv = loss(y)
    gx, gg, gb = torch.autograd.grad(Lv, (xt, gt, bt))
    gx, gg, gb = gx.numpy(), gg.numpy(), gb.numpy()
    yv = y.detach().numpy()
    g = G + yv ** 2                                             # dL/dy
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    s = var + eps
    xh = (x - mu) / np.sqrt(s)
    Jg = jac(lambda gg_: forward(T(x), gg_, T(bet)), T(gam)).numpy()     # [k, l, j]
    Jxh = jac(lambda xx: (xx - xx.mean(0)) / torch.sqrt(((xx - xx.mean(0)) ** 2).mean(0) + eps), T(x)).numpy()  # [k,l,i,j]
    Jvar = jac(lambda xx: ((xx - xx.mean(0)) ** 2).mean(0), T(x)).numpy()  # [l, i, j]
    d = np.eye
    dik = d(N)
    djl = d(D)
    r = {"g_chain": close(np.einsum("kl,klj->j", g, Jg), gg),
         "g_mid": close(np.einsum("kl,kl,lj->j", g, x, djl), gg),
         "g_final": close((g * x).sum(0), gg),
         "b_final": close(g.sum(0), gb)}
    # dy/dxhat = gamma_l; the chain through xhat
    r["x_chain2"] = close(np.einsum("kl,l,klij->ij", g, gam, Jxh), gx)
    # dxhat/dx with dsigma^2/dx from autograd
    A = (np.einsum("ik,jl->klij", dik, djl) - np.einsum("jl,ik->klij", djl, np.ones((N, N))) / N) * s[None, :, None, None] ** -0.5
    B = -0.5 * (x - mu)[:, :, None, None] * np.transpose(Jvar, (0, 1, 2))[None, :, :, :] * s[None, :, None, None] ** -1.5
    r["dxhat_dx"] = close(A + B, Jxh)
    # the variance chain, all three members
    m1 = np.array([[[(1 / N) * sum(2 * (dik[i, p] * djl[j, l] - djl[j, l] / N) * (x[p, l] - mu[l]) for p in range(N))
                     for j in range(D)] for i in range(N)] for l in range(D)])
    m2 = np.array([[[(2 / N) * (x[i, l] - mu[l]) * djl[j, l] - (2 / N ** 2) * sum(djl[j, l] * (x[p, l] - mu[l]) for p in range(N))
                     for j in range(D)] for i in range(N)] for l in range(D)])
    m3 = np.array([[[(2 / N) * (x[i, l] - mu[l]) * djl[j, l] for j in range(D)] for i in range(N)] for l in range(D)])
    r["dsig_final"] = close(m1, Jvar) and close(m2, Jvar) and close(m3, Jvar)
    comb = A - (1 / N) * np.einsum("kl,il,jl->klij", x - mu, x - mu, djl) * s[None, :, None, None] ** -1.5
    r["dxhat_comb"] = close(comb, Jxh)
    row2 = np.einsum("kl,l,jl,klij->ij", g, gam, djl,
                     (dik.T[:, None, :, None] * np.ones((1, D, 1, D)) - 1 / N) * s[None, :, None, None] ** -0.5
                     - (1 / N) * np.einsum("kl,il->kli", x - mu, x - mu)[:, :, :, None] * np.ones((1, 1, 1, D)) * s[None, :, None, None] ** -1.5)
    r["dx_row2"] = close(row2, gx)
    final = (1 / N) * gam * s ** -0.5 * (N * g - g.sum(0) - (x - mu) / s * (g * (x - mu)).sum(0))
    r["dx_final"] = close(final, gx)
    return r


def bn():
    return repeat(bn_once, [(4, 3, 1e-5), (5, 2, 0.5), (3, 4, 1e-5)])


# ---------------------------------------------------------------- zh_cnn_chapter22_conv_pool_zh
def zhc_conv_once(cin, cout, H, W, k, s):
    X = rnd(cin, H, W)
    Wt = rnd(cout, cin, k, k)
    b = rnd(cout)
    Xt, Wtt, bt = T(X, True), T(Wt, True), T(b, True)
    Y = torch.nn.functional.conv2d(Xt[None], Wtt, bt, stride=s)[0]
    # the page's forward, by loops, must equal torch's cross-correlation
    Ho, Wo = Y.shape[1], Y.shape[2]
    Yp = np.array([[[sum(X[ci, i * s + m, j * s + n] * Wt[co, ci, m, n] for ci in range(cin) for m in range(k) for n in range(k)) + b[co]
                     for j in range(Wo)] for i in range(Ho)] for co in range(cout)])
    assert close(Yp, Y)
    G = rnd(*Y.shape)
    Lv = (T(G) * Y).sum() + (Y ** 3).sum() / 3
    gX, gW, gb = [t_.numpy() for t_ in torch.autograd.grad(Lv, (Xt, Wtt, bt))]
    gY = G + Y.detach().numpy() ** 2                          # dL/dY
    dW = np.zeros_like(Wt)
    for co in range(cout):
        for ci in range(cin):
            for m in range(k):
                for n in range(k):
                    dW[co, ci, m, n] = sum(gY[co, i, j] * X[ci, i * s + m, j * s + n] for i in range(Ho) for j in range(Wo))
    dX = np.zeros_like(X)
    for ci in range(cin):
        for h in range(H):
            for w in range(W):
                tot = 0.0
                for co in range(cout):
                    for m in range(k):
                        for n in range(k):
                            if (h - m) % s or (w - n) % s:
                                continue
                            i, j = (h - m) // s, (w - n) // s
                            if 0 <= i < Ho and 0 <= j < Wo:
                                tot += gY[co, i, j] * Wt[co, ci, m, n]
                dX[ci, h, w] = tot
    return {"dW": close(dW, gW), "dX": close(dX, gX), "db": close(gY.sum((1, 2)), gb)}


def zhc_pool_once(H, k):
    """Non-overlapping pooling, k_p = s_p = k; (i, j) = (m // k, n // k) the window holding (m, n)."""
    X = rnd(H, H)
    Xt = T(X, True)
    Ym = torch.nn.functional.max_pool2d(Xt[None, None], k, k)[0, 0]
    Ya = torch.nn.functional.avg_pool2d(Xt[None, None], k, k)[0, 0]
    Gm, Ga = rnd(*Ym.shape), rnd(*Ya.shape)
    Lm = (T(Gm) * Ym).sum() + (Ym ** 3).sum() / 3
    La = (T(Ga) * Ya).sum() + (Ya ** 3).sum() / 3
    gXm = torch.autograd.grad(Lm, Xt)[0].numpy()
    gXa = torch.autograd.grad(La, Xt)[0].numpy()
    gYm = Gm + Ym.detach().numpy() ** 2
    gYa = Ga + Ya.detach().numpy() ** 2
    M = (X == X.max()).astype(float)                          # the page's mask: max(X) of the whole input
    up_m = np.array([[gYm[m // k, n // k] for n in range(H)] for m in range(H)])
    up_a = np.array([[gYa[m // k, n // k] for n in range(H)] for m in range(H)])
    return {"max_mask": close(M * up_m, gXm), "avg": close(up_a / k ** 2, gXa)}


def zhc():
    r = repeat(zhc_conv_once, [(2, 3, 5, 5, 3, 2), (1, 2, 6, 6, 2, 1), (3, 2, 7, 7, 3, 2), (2, 2, 7, 6, 2, 3)])
    r.update(repeat(zhc_pool_once, [(4, 2), (6, 2), (6, 3)]))
    return r


# ---------------------------------------------------------------- ktu_pooling_backward_en
def ktu_once(H, k):
    X = rnd(H, H)
    Xt = T(X, True)
    mp = lambda v: torch.nn.functional.max_pool2d(v[None, None], k, k)[0, 0]      # noqa: E731
    ap = lambda v: torch.nn.functional.avg_pool2d(v[None, None], k, k)[0, 0]      # noqa: E731
    Jm = jac(mp, T(X)).numpy()                # [i, j, m, n]
    Ja = jac(ap, T(X)).numpy()
    Ho = H // k
    ok_dy_max = ok_dy_avg = True
    for i in range(Ho):
        for j in range(Ho):
            win = X[i * k:(i + 1) * k, j * k:(j + 1) * k]
            ms, ns = np.unravel_index(np.argmax(win), win.shape)
            for m in range(i * k, (i + 1) * k):
                for n in range(j * k, (j + 1) * k):
                    want = 1.0 if (m - i * k, n - j * k) == (ms, ns) else 0.0
                    ok_dy_max &= isc(Jm[i, j, m, n], want)
                    ok_dy_avg &= isc(Ja[i, j, m, n], 1 / k ** 2)
    Ym, Ya = mp(Xt), ap(Xt)
    Gm, Ga = rnd(Ho, Ho), rnd(Ho, Ho)
    gXm = torch.autograd.grad((T(Gm) * Ym).sum() + (Ym ** 3).sum() / 3, Xt)[0].numpy()
    gXa = torch.autograd.grad((T(Ga) * Ya).sum() + (Ya ** 3).sum() / 3, Xt)[0].numpy()
    gYm = Gm + Ym.detach().numpy() ** 2
    gYa = Ga + Ya.detach().numpy() ** 2
    router = np.zeros((H, H))
    for i in range(Ho):
        for j in range(Ho):
            win = X[i * k:(i + 1) * k, j * k:(j + 1) * k]
            ms, ns = np.unravel_index(np.argmax(win), win.shape)
            router[i * k + ms, j * k + ns] = gYm[i, j]
    avg = np.array([[gYa[m // k, n // k] / k ** 2 for n in range(H)] for m in range(H)])
    return {"dy_max": ok_dy_max, "router": close(router, gXm), "dy_avg": ok_dy_avg,
            "avg": close(avg, gXa), "router_qa": close(router, gXm)}


def ktu():
    return repeat(ktu_once, [(4, 2), (6, 2), (6, 3)])


# ---------------------------------------------------------------- m323_mlp_softmax_de
def mde_once(n0, n1, N):
    x = rnd(n0, 1)
    d = RNG.integers(N)
    y = np.zeros((N, 1))
    y[d] = 1.0
    W1, b1 = T(rnd(n1, n0), True), T(rnd(n1, 1), True)
    W2, b2 = T(rnd(N, n1), True), T(rnd(N, 1), True)
    z1 = W1 @ T(x) + b1
    z1.retain_grad()
    a1 = torch.relu(z1)
    z2 = W2 @ a1 + b2
    z2.retain_grad()
    yhat = torch.softmax(z2, 0)
    L = -torch.log(yhat[d, 0])
    L.backward()
    z1v, a1v = z1.detach().numpy(), a1.detach().numpy()
    gp = (z1v > 0).astype(float)
    zz = rnd(7)
    zz[np.abs(zz) < 1e-3] = 0.5
    relu_ok = close(dphi(torch.relu, zz), np.where(zz > 0, 1.0, 0.0))
    d2 = yhat.detach().numpy() - y
    d1 = (W2.detach().numpy().T @ d2) * gp
    return {"relu_d": relu_ok,
            "delta2": close(d2, z2.grad),
            "dW2": close(d2 @ a1v.T, W2.grad),
            "db2": close(d2, b2.grad),
            "delta1": close(d1, z1.grad),
            "dW1": close(d1 @ x.T, W1.grad),
            "db1": close(d1, b1.grad)}


def mde():
    return repeat(mde_once, [(4, 5, 3), (3, 4, 5), (6, 3, 4)])


# ---------------------------------------------------------------- gru_backprop_note_en
def gru_once(nin, hid, B):
    x, hp = rnd(B, nin), rnd(B, hid)
    Wz, Wr, Wh = (T(rnd(nin + hid, hid), True) for _ in range(3))
    bz, br, bh = (T(rnd(hid), True) for _ in range(3))
    xt, hpt = T(x, True), T(hp, True)
    az = torch.cat([xt, hpt], 1) @ Wz + bz
    ar = torch.cat([xt, hpt], 1) @ Wr + br
    for t_ in (az, ar):
        t_.retain_grad()
    z, r = torch.sigmoid(az), torch.sigmoid(ar)
    ah = torch.cat([xt, r * hpt], 1) @ Wh + bh
    ah.retain_grad()
    hh = torch.tanh(ah)
    h = (1 - z) * hpt + z * hh
    h.retain_grad()
    L = loss_of(h)
    L.backward()
    dh = h.grad.numpy()
    zv, rv, hhv = z.detach().numpy(), r.detach().numpy(), hh.detach().numpy()
    Wzv, Wrv, Whv = Wz.detach().numpy(), Wr.detach().numpy(), Wh.detach().numpy()
    dz = dh * (hhv - hp) * zv * (1 - zv)
    dhh = dh * zv * (1 - hhv ** 2)
    dr_true = ar.grad.numpy()
    xh = np.concatenate([x, hp], 1)
    xrh = np.concatenate([x, rv * hp], 1)
    # the rows as written, with NumPy's slices W[:, in:] and W[:, :in]
    prod_r = matmul_or_none(dhh, Whv[:, nin:].T)
    dr_row = None if prod_r is None or prod_r.shape != hp.shape else prod_r * hp * rv * (1 - rv)
    terms = [matmul_or_none(dz, Wzv[:, nin:].T), matmul_or_none(dr_true, Wrv[:, nin:].T), matmul_or_none(dhh, Whv[:, nin:].T)]
    dhprev_row = None
    if all(t_ is not None and t_.shape == hp.shape for t_ in terms):
        dhprev_row = dh * (1 - zv) + terms[0] + terms[1] + terms[2] * rv
    xterms = [matmul_or_none(dz, Wzv[:, :nin].T), matmul_or_none(dr_true, Wrv[:, :nin].T), matmul_or_none(dhh, Whv[:, :nin].T)]
    dx_row = None if any(t_ is None for t_ in xterms) else xterms[0] + xterms[1] + xterms[2]
    return {"dz": close(dz, az.grad),
            "dhhat": close(dhh, ah.grad),
            "dr": close_or_false(dr_row, dr_true),
            "dWz": close(xh.T @ dz, Wz.grad) and close(dz.sum(0), bz.grad),
            "dWr": close(xh.T @ dr_true, Wr.grad) and close(dr_true.sum(0), br.grad),
            "dWh": close(xrh.T @ dhh, Wh.grad) and close(dhh.sum(0), bh.grad),
            "dhprev": close_or_false(dhprev_row, hpt.grad),
            "dx": close_or_false(dx_row, xt.grad)}


def gru():
    return repeat(gru_once, [(2, 3, 1), (3, 2, 2), (2, 2, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
