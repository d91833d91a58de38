"""Independent truth for the fifty-first held-out set (numpy and torch autograd, not symbp):
``python truth_heldout51.py`` writes the ``*.truth.json`` sidecars of ``heldout51/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout51/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout51"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout51.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2051)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- dl_formulas_notes_zh
def fml_target(c, onehot):
    if onehot:
        y = np.zeros(c)
        y[RNG.integers(c)] = 1.0
        return y
    y = RNG.uniform(0.1, 1.0, c)
    return y / y.sum()


def fml_once(m, hdim, c, onehot):
    r = {}
    # 1.1 linear regression, one sample (x a row, w a column)
    xv, wv, bv, yv = rnd(1, m), rnd(m, 1), rnd(1), rnd(1)
    w, b = T(wv, True), T(bv, True)
    yhat = T(xv) @ w + b
    (0.5 * (yhat - T(yv)) ** 2).sum().backward()
    e = (xv @ wv + bv - yv).item()
    r["lin_w"] = close(xv.T * e, w.grad)
    r["lin_b"] = isc(e, b.grad.item())
    # 1.2 softmax cross entropy
    ov, y = rnd(c), fml_target(c, onehot)
    o = T(ov, True)
    (-(T(y) * torch.log_softmax(o, 0)).sum()).backward()
    p = np.exp(ov) / np.exp(ov).sum()
    r["sm_o"] = close(np.exp(ov) / np.exp(ov).sum() - y, o.grad) and close(p - y, o.grad)
    # ReLU derivative
    z = rnd(7)
    z = np.where(np.abs(z) < 0.05, 0.3, z)
    r["relu_d"] = close(np.where(z > 0, 1.0, 0.0), dphi(torch.relu, z))
    # 1.3 MLP, h the pre-activation, o = relu(h) W2 + b2
    y1 = fml_target(c, True)
    xv = rnd(1, m)
    W1v, b1v, W2v, b2v = rnd(m, hdim), rnd(1, hdim), rnd(hdim, c), rnd(1, c)
    hv = xv @ W1v + b1v
    b1v = b1v + np.where(np.abs(hv) < 0.05, 0.3, 0.0)
    W1, b1, W2, b2 = T(W1v, True), T(b1v, True), T(W2v, True), T(b2v, True)
    h = T(xv) @ W1 + b1
    o = torch.relu(h) @ W2 + b2
    (-(T(y1) * torch.log_softmax(o, 1)[0]).sum()).backward()
    hv, ov2 = h.detach().numpy(), o.detach().numpy()
    p = np.exp(ov2) / np.exp(ov2).sum()
    d = p - y1
    sp = (hv > 0).astype(float)
    r["mlp_b2"] = close(d, b2.grad)
    r["mlp_W2"] = close(np.maximum(hv, 0).T @ d, W2.grad)
    r["mlp_b1"] = close((d @ W2v.T) * sp, b1.grad)
    r["mlp_W1"] = close(xv.T @ ((d @ W2v.T) * sp), W1.grad)
    # 1.4 weight decay
    lam = RNG.uniform(0.1, 2.0)
    wv = rnd(m)
    A, Gw = T(rnd(3, m)), T(rnd(3))

    def Lw(v):                               # one fixed non-linear loss of w
        z = A @ v
        return (Gw * z).sum() + (z ** 3).sum() / 3

    w1 = T(wv, True)
    Lw(w1).backward()
    w2 = T(wv, True)
    (Lw(w2) + lam / 2 * (w2 ** 2).sum()).backward()
    r["wd"] = close(w1.grad.numpy() + lam * wv, w2.grad)
    # 2.1 convolution bias
    H = 4 + (m % 2)
    Xc, Wc, bc = T(rnd(2, H, 4)), T(rnd(3, 2, 2, 2)), T(rnd(3))
    J = jac(lambda bb: F.conv2d(Xc[None], Wc, bb)[0], bc).numpy()      # [co, w, h, co']
    r["conv_b"] = all(isc(J[co, i, j, cp], 1.0 if co == cp else 0.0)
                      for co in range(3) for i in range(J.shape[1]) for j in range(J.shape[2]) for cp in range(3))
    return r


def fml():
    return repeat(fml_once, [(3, 4, 3, True), (2, 5, 4, True), (4, 3, 5, False)])


# ---------------------------------------------------------------- zen_pytorch_conv_grad_zh
def valid_corr(x, w):
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def zen_rule_once(H, W, k):
    Xv, Kv, G = rnd(H, W), rnd(k, k), rnd(H - k + 1, W - k + 1)
    X, K = T(Xv, True), T(Kv, True)
    (valid_corr(X, K) * T(G)).sum().backward()
    plain = valid_corr(T(Xv.T), T(G)).numpy() if H == W else None       # X^T read as the transpose
    rot = valid_corr(T(Xv[::-1, ::-1].copy()), T(G)).numpy()             # X^T read as rot180(X)
    ok = (plain is not None and close(plain, K.grad)) or close(rot, K.grad)
    assert close(valid_corr(T(Xv), T(G)), K.grad)                       # sanity: X * dL/dY holds
    return {"k_rule": ok}


def zen():
    r = repeat(zen_rule_once, [(3, 3, 2), (4, 4, 2), (5, 5, 3)])
    X = T([[1, 2, 3], [4, 5, 6], [7, 8, 9]], True)
    K = T([[1, 0], [0, 1]], True)
    G = T([[1, 2], [3, 4]])
    (valid_corr(X, K) * G).sum().backward()
    r["x_num"] = verdict(close([[1, 2, 0], [3, 4, 0], [0, 0, 0]], X.grad))
    r["k_num"] = verdict(close([[23, 34], [31, 46]], K.grad))
    assert close([[1, 2, 0], [3, 5, 2], [0, 3, 4]], X.grad) and close([[37, 47], [67, 77]], K.grad)
    return r


# ---------------------------------------------------------------- wml_convolution_2d_zh
def wc2_once(H, W, kh, kw, sh, sw, dh, dw, pad):
    cin, cout = 2, 3
    pt, pb, pl, pr = pad
    X = T(rnd(cin, H, W), True)
    XP = F.pad(X, (pl, pr, pt, pb))
    XP.retain_grad()
    K, beta = T(rnd(cout, cin, kh, kw), True), T(rnd(cout), True)
    Z = F.conv2d(XP[None], K, beta, stride=(sh, sw), dilation=(dh, dw))[0]
    Z.retain_grad()
    loss_of(Z).backward()
    G, XPv, Kv = Z.grad.numpy(), XP.detach().numpy(), K.detach().numpy()
    _, Ho, Wo = G.shape
    kg = np.zeros_like(Kv)
    for o in range(cout):
        for i in range(cin):
            for a in range(kh):
                for b in range(kw):
                    kg[o, i, a, b] = sum(G[o, r, c] * XPv[i, r * sh + a * dh, c * sw + b * dw]
                                         for r in range(Ho) for c in range(Wo))
    xg = np.zeros_like(XPv)
    for o in range(cout):
        for r in range(Ho):
            for c in range(Wo):
                for a in range(kh):
                    for b in range(kw):
                        xg[:, r * sh + a * dh, c * sw + b * dw] += G[o, r, c] * Kv[o, :, a, b]
    return {"k_grad": close(kg, K.grad), "b_grad": close(G.sum(axis=(1, 2)), beta.grad),
            "x_grad": close(xg, XP.grad) and close(xg[:, pt:pt + H, pl:pl + W], X.grad)}


def wc2():
    return repeat(wc2_once, [(5, 6, 2, 3, 1, 1, 1, 1, (0, 0, 0, 0)), (6, 5, 2, 2, 2, 1, 1, 2, (1, 0, 1, 1)),
                             (7, 7, 3, 2, 2, 2, 2, 1, (1, 1, 0, 2))])


# ---------------------------------------------------------------- wml_stride_padding_dilation_zh
def wsp_once(N, k, s, d, pl, pr):
    x = T(rnd(N), True)
    xP = F.pad(x, (pl, pr))
    xP.retain_grad()
    w = T(rnd(k), True)
    Nout = (N + pl + pr - (d * (k - 1) + 1)) // s + 1
    y = torch.stack([sum(xP[r * s + a * d] * w[a] for a in range(k)) for r in range(Nout)])
    y.retain_grad()
    loss_of(y).backward()
    G, xPv, wv = y.grad.numpy(), xP.detach().numpy(), w.detach().numpy()
    wg = np.array([sum(G[r] * xPv[r * s + a * d] for r in range(Nout)) for a in range(k)])
    xg = np.array([sum(G[r] * wv[a] for r in range(Nout) for a in range(k) if q == r * s + a * d)
                   for q in range(len(xPv))])
    return {"w_grad": close(wg, w.grad), "x_grad": close(xg, xP.grad)}


def wsp():
    return repeat(wsp_once, [(7, 3, 2, 1, 1, 1), (9, 3, 1, 2, 2, 2), (8, 2, 3, 2, 0, 1)])


# ---------------------------------------------------------------- wml_pooling_zh
def wpl_pool(x, I, K, S, D, how):
    O = (I - (D * (K - 1) + 1)) // S + 1
    rows = []
    for r in range(O):
        win = torch.stack([x[r * S + a * D] for a in range(K)])
        rows.append(win.max() if how == "max" else (win.mean() if how == "avg" else win.sum()))
    return torch.stack(rows)


def wpl_once(I, K, S, D):
    overlap = S < D * (K - 1) + 1
    res = {}
    for how in ("max", "avg", "sum"):
        xv = RNG.permutation(I) + RNG.uniform(0, 0.5, I)       # distinct values: a unique maximum
        x = T(xv, True)
        y = wpl_pool(x, I, K, S, D, how)
        y.retain_grad()
        loss_of(y).backward()
        g, xg = y.grad.numpy(), x.grad.numpy()
        Jm = jac(lambda v: wpl_pool(v, I, K, S, D, how), T(xv)).numpy()    # [r, position]
        O = len(g)
        if how == "max":
            astar = [int(np.argmax([xv[r * S + a * D] for a in range(K)])) for r in range(O)]
            res["max_local"] = all(isc(Jm[r, r * S + a * D], 1.0 if a == astar[r] else 0.0)
                                   for r in range(O) for a in range(K))
            if not overlap:
                res["max_grad"] = all(isc(xg[r * S + a * D], g[r] * (a == astar[r])) for r in range(O) for a in range(K))
        elif how == "avg":
            res["avg_local"] = all(isc(Jm[r, r * S + a * D], 1.0 / K) for r in range(O) for a in range(K))
            if not overlap:
                res["avg_grad"] = all(isc(xg[r * S + a * D], g[r] / K) for r in range(O) for a in range(K))
            res["avg_total"] = all(isc(xg[i], sum(g[r] / K for r in range(O) if i in {r * S + a * D for a in range(K)}))
                                   for i in range(I))
        elif not overlap:
            res["sum_grad"] = all(isc(xg[r * S + a * D], g[r]) for r in range(O) for a in range(K))
    return res


def wpl():
    return repeat(wpl_once, [(6, 2, 2, 1), (8, 3, 3, 1), (9, 2, 3, 2), (7, 3, 1, 1), (8, 3, 2, 1), (9, 2, 1, 2)])


# ---------------------------------------------------------------- wml_vectorized_backprop_zh
def wvb_once(n, d, h, act):
    phi = {"tanh": torch.tanh, "sig": torch.sigmoid, "relu": torch.relu}[act]
    Xv, Wv, bv = rnd(n, d), rnd(h, d), rnd(h)
    if act == "relu":                       # keep Z away from the kink
        Zv = Xv @ Wv.T + bv
        bv = bv + np.where(np.abs(Zv).min(axis=0) < 0.05, 0.3, 0.0)
    Gc = rnd(n, h)

    def per_sample(A):
        return (T(Gc) * A).sum(dim=1) + (A ** 3).sum(dim=1) / 3

    X, W, b = T(Xv, True), T(Wv, True), T(bv, True)
    Z = X @ W.T + b
    Z.retain_grad()
    A = phi(Z)
    A.retain_grad()
    li = per_sample(A)
    li.sum().backward(retain_graph=True)
    GZ, GA = Z.grad.numpy(), A.grad.numpy()
    r = {"gz": close(GA * dphi(phi, Z.detach().numpy()), GZ),
         "gx": close(GZ @ Wv, X.grad), "gw": close(GZ.T @ Xv, W.grad), "gb": close(GZ.T @ np.ones(n), b.grad)}
    # per-sample gradients add up
    gW = np.zeros_like(Wv)
    gb = np.zeros_like(bv)
    for i in range(n):
        gi = torch.autograd.grad(li[i], (W, b), retain_graph=True)
        gW += gi[0].numpy()
        gb += gi[1].numpy()
    r["sum_share"] = close(gW, W.grad) and close(gb, b.grad)
    # mean versus sum
    W2, b2 = T(Wv, True), T(bv, True)
    Z2 = T(Xv) @ W2.T + b2
    Z2.retain_grad()
    (per_sample(phi(Z2)).sum() / n).backward()
    r["mean"] = close(GZ / n, Z2.grad) and close((GZ.T @ np.ones(n)) / n, b2.grad)
    # column layout
    Xc = T(Xv.T.copy(), True)
    W3, b3 = T(Wv, True), T(bv, True)
    Zc = W3 @ Xc + b3[:, None]
    Zc.retain_grad()
    per_sample(phi(Zc).T).sum().backward()
    GZc = Zc.grad.numpy()
    r["col"] = (close(Wv.T @ GZc, Xc.grad) and close(GZc @ Xv, W3.grad) and close(GZc @ np.ones(n), b3.grad))
    return r


def wvb():
    res = repeat(wvb_once, [(4, 3, 2, "tanh"), (5, 2, 4, "sig"), (4, 3, 3, "relu")])
    X = T([[1, 2], [-1, 0], [0, 1]], True)
    W = T([[1, -0.5], [0.5, 1]], True)
    b = T([0.2, -0.1], True)
    GA = T([[1, -2], [0.5, 0.3], [-1, 4]])
    (GA * torch.relu(X @ W.T + b)).sum().backward()
    res["num_gx"] = verdict(close([[0, -2.5], [0, 0], [2, 4]], X.grad))
    res["num_gw"] = verdict(close([[1, 2], [-2, 0]], W.grad))
    return res


# ---------------------------------------------------------------- cnn_transformer_notes_zh
def ctn_conv_once(H, W, kh, kw):
    Xv, Kv = rnd(H, W), rnd(kh, kw)
    X, K = T(Xv, True), T(Kv, True)
    Y = valid_corr(X, K)
    Y.retain_grad()
    loss_of(Y).backward()
    G = Y.grad.numpy()
    Ho, Wo = G.shape
    kg = np.array([[sum(G[i, j] * Xv[i + m, j + n] for i in range(Ho) for j in range(Wo)) for n in range(kw)]
                   for m in range(kh)])
    xg = np.array([[sum(G[i - m, j - n] * Kv[m, n] for m in range(kh) for n in range(kw)
                        if 0 <= i - m < Ho and 0 <= j - n < Wo) for j in range(W)] for i in range(H)])
    return {"k_grad": close(kg, K.grad), "x_grad": close(xg, X.grad)}


def ctn_pool_once(H, k, avg):
    Xv = (RNG.permutation(H * H) + RNG.uniform(0, 0.5, H * H)).reshape(H, H)
    X = T(Xv, True)
    Y = (F.avg_pool2d if avg else F.max_pool2d)(X[None, None], k, k)[0, 0]
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xg = Y.grad.numpy(), X.grad.numpy()
    O = G.shape[0]
    ok = True
    for i in range(H):
        for j in range(H):
            ip, jp = i // k, j // k
            if ip >= O or jp >= O:
                ok &= isc(Xg[i, j], 0.0)
                continue
            if avg:
                ok &= isc(Xg[i, j], G[ip, jp] / (k * k))
            else:
                win = Xv[ip * k:ip * k + k, jp * k:jp * k + k]
                am = np.unravel_index(np.argmax(win), win.shape)
                ok &= isc(Xg[i, j], G[ip, jp] if (i - ip * k, j - jp * k) == am else 0.0)
    return {"avg" if avg else "max": ok}


def ctn_bn_once(N, feats):
    eps = 1e-5
    x = T(rnd(N, feats), True)
    gamma, beta = T(RNG.uniform(0.3, 2.5, feats) * RNG.choice([-1, 1], feats)), T(rnd(feats))
    mu = x.mean(0)
    var = ((x - mu) ** 2).mean(0)
    xh = (x - mu) / torch.sqrt(var + eps)
    xh.retain_grad()
    loss_of(gamma * xh + beta).backward()
    g, xhv, v = xh.grad.numpy(), xh.detach().numpy(), var.detach().numpy()
    gm = gamma.numpy()
    true_form = (g - g.mean(0) - xhv * (g * xhv).mean(0)) / np.sqrt(v + eps)
    assert close(true_form, x.grad)
    row = gm / np.sqrt(v + eps) * (g - g.mean(0) - xhv * (g * xhv).mean(0))
    return {"bn": close(row, x.grad)}


def ctn():
    r = repeat(ctn_conv_once, [(4, 4, 2, 2), (5, 6, 3, 2)])
    r.update(repeat(lambda H, k: ctn_pool_once(H, k, False), [(4, 2), (6, 3), (5, 2)]))
    r.update(repeat(lambda H, k: ctn_pool_once(H, k, True), [(4, 2), (6, 3)]))
    r.update(repeat(ctn_bn_once, [(4, 1), (6, 3)]))
    return r


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(doc)
        for cid, _, why in claims:
            print(f"  {cid:10s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
