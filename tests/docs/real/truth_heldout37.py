"""Independent truth for the thirty-seventh held-out set (numpy and torch autograd, not symbp):
``python truth_heldout37.py`` writes the ``*.truth.json`` sidecars of ``heldout37/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout37/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout37"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report, corr2)
from heldout37.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2037)
torch.set_default_dtype(torch.float64)


def full_corr(a, k):
    """Full 2-D cross-correlation: a padded by k's size less one on every side, then valid."""
    a, k = np.asarray(a, float), np.asarray(k, float)
    p0, p1 = k.shape[0] - 1, k.shape[1] - 1
    return corr2(np.pad(a, ((p0, p0), (p1, p1))), k)


def full_conv(a, k):
    """Full 2-D convolution (the kernel turned by 180 degrees)."""
    return full_corr(a, np.asarray(k, float)[::-1, ::-1])


def conv_fwd(x, w, b=None):
    """Valid cross-correlation of one map by loops in torch: out[i, j] = sum x[i+a, j+b] w[a, b] (+ b)."""
    A, B = w.shape
    H, W_ = x.shape[0] - A + 1, x.shape[1] - B + 1
    rows = []
    for i in range(H):
        rows.append(torch.stack([(x[i:i + A, j:j + B] * w).sum() for j in range(W_)]))
    out = torch.stack(rows)
    return out + b if b is not None else out


def maxpool_fwd(a, s):
    """Non-overlapping s x s max pooling and the 0/1 mask of each window's maximum."""
    H, W_ = a.shape[0] // s, a.shape[1] // s
    out = torch.stack([torch.stack([a[o * s:(o + 1) * s, p * s:(p + 1) * s].max() for p in range(W_)])
                       for o in range(H)])
    av = a.detach().numpy()
    mask = np.zeros_like(av)
    for o in range(H):
        for p in range(W_):
            blk = av[o * s:(o + 1) * s, p * s:(p + 1) * s]
            u, v = np.unravel_index(np.argmax(blk), blk.shape)
            mask[o * s + u, p * s + v] = 1.0
    return out, mask


# ---------------------------------------------------------------- shimsoonyong_cnn_grads_ko
def shm_once(K, m, H, k, cin, cout):
    r = {}
    z = T(rnd(K), True)
    y = np.zeros(K)
    y[RNG.integers(K)] = 1.0
    p = torch.softmax(z, 0)
    L = -(T(y) * torch.log(p)).sum()
    g = torch.autograd.grad(L, z)[0].numpy()
    r["sm_ce"] = close(g, p.detach().numpy() - y)
    # fully connected, samples as rows
    A = T(rnd(m, 3))
    W = T(rnd(3, 2), True)
    b = T(rnd(2), True)
    Z = A @ W + b
    Z.retain_grad()
    loss_of(Z).backward()
    d = Z.grad.numpy()
    r["fc_dW"] = close(A.numpy().T @ d, W.grad)
    if m == 1:
        r["fc_db"] = close(d.reshape(-1), b.grad)
    # one-channel convolution
    X = T(rnd(H, H))
    Wc = T(rnd(k, k), True)
    Zc = conv_fwd(X, Wc, T(rnd(1)[0]))
    Zc.retain_grad()
    Xg = T(X.numpy(), True)
    Zc2 = conv_fwd(Xg, T(Wc.detach().numpy()))
    G = rnd(*Zc.shape)
    ((T(G) * Zc).sum() + (Zc ** 3).sum() / 3).backward()
    dlt = Zc.grad.numpy()
    dX = torch.autograd.grad((T(dlt) * Zc2).sum(), Xg)[0].numpy()
    Wv = Wc.detach().numpy()
    r["conv_dW_star"] = close(corr2(X.numpy(), dlt), Wc.grad)
    r["conv_dX_star"] = close(full_corr(Wv, dlt.T), dX) or close(full_conv(Wv, dlt.T), dX)
    # multi-channel index rows: Z[m,n,k] = sum_{i,j,l} W[i,j,k,l] X[m+i,n+j,l]
    Xm = T(rnd(H, H, cin), True)
    Wm = T(rnd(k, k, cout, cin), True)
    O = H - k + 1
    Zm = torch.stack([torch.stack([torch.stack([(Xm[mm:mm + k, nn:nn + k, :] * Wm[:, :, kk, :]).sum()
                                                for kk in range(cout)]) for nn in range(O)]) for mm in range(O)])
    Zm.retain_grad()
    loss_of(Zm).backward()
    D = Zm.grad.numpy()
    Xv, Wmv = Xm.detach().numpy(), Wm.detach().numpy()
    dWm = np.zeros_like(Wmv)
    for i in range(k):
        for j in range(k):
            for kk in range(cout):
                for l in range(cin):
                    dWm[i, j, kk, l] = sum(D[mm, nn, kk] * Xv[mm + i, nn + j, l] for mm in range(O) for nn in range(O))
    r["conv_dW_idx"] = close(dWm, Wm.grad)
    # the page's input row, k free on the right: some k must give every (i, j, l)
    ok_any = False
    for kk in range(cout):
        good = True
        for i in range(H):
            for j in range(H):
                for l in range(cin):
                    s = 0.0
                    for mm in range(O):
                        for nn in range(O):
                            a_, b_ = i - mm, j - nn
                            if 0 <= a_ < k and 0 <= b_ < k:
                                if l >= cout or kk >= cin:
                                    good = False
                                    continue
                                s += Wmv[a_, b_, l, kk] * D[mm, nn, kk]
                    good &= isc(s, Xm.grad.numpy()[i, j, l])
        ok_any |= good
    r["conv_dX_idx"] = ok_any
    # max pooling 2x2 stride 2
    P = T(rnd(H - (H % 2), H - (H % 2), cin), True)
    outs, masks = [], []
    for c in range(cin):
        o_, mk = maxpool_fwd(P[:, :, c], 2)
        outs.append(o_)
        masks.append(mk)
    Y = torch.stack(outs, -1)
    Y.retain_grad()
    loss_of(Y).backward()
    DY = Y.grad.numpy()
    want = np.zeros(P.shape)
    for c in range(cin):
        for i in range(P.shape[0]):
            for j in range(P.shape[1]):
                want[i, j, c] = DY[i // 2, j // 2, c] if masks[c][i, j] else 0.0
    r["maxpool"] = close(want, P.grad)
    return r


def shm():
    return repeat(shm_once, [(3, 1, 5, 3, 1, 1), (4, 3, 6, 2, 2, 3), (5, 5, 4, 3, 3, 2), (3, 1, 6, 3, 2, 2)])


# ---------------------------------------------------------------- metamath_cnn_backprop_ko
def mm_net(N0, A, C, s, R, pool=True, quad=True):
    """The page's network: x (N0 x N0) -corr A x A + b1-> z1 -sigma-> a1 -maxpool s-> at1
    -corr C x C + b2-> z2 -sigma-> a2 -maxpool s-> at2 -flatten q = o'P + p'-> z3 = w3 at2 + b3 -> a3."""
    x = T(rnd(N0, N0))
    w1, b1 = T(rnd(A, A), True), T(rnd(1)[0], True)
    w2, b2 = T(rnd(C, C), True), T(rnd(1)[0], True)
    z1 = conv_fwd(x, w1, b1)
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    if pool:
        at1, m1 = maxpool_fwd(a1, s)
    else:
        at1, m1 = a1, None
    at1.retain_grad()
    z2 = conv_fwd(at1, w2, b2)
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    if pool:
        at2, m2 = maxpool_fwd(a2, s)
    else:
        at2, m2 = a2, None
    at2.retain_grad()
    flat = at2.reshape(-1)
    w3, b3 = T(rnd(R, flat.shape[0]), True), T(rnd(R), True)
    z3 = w3 @ flat + b3
    z3.retain_grad()
    a3 = torch.sigmoid(z3)
    if quad:
        Cst = 0.5 * ((a3 - T(rnd(R))) ** 2).sum()
    else:
        Cst = loss_of(a3)
    Cst.backward()
    n = lambda t: t.detach().numpy()
    return dict(x=n(x), w1=n(w1), w2=n(w2), w3=n(w3), z1=n(z1), z2=n(z2), at1=n(at1), at2=n(at2),
                d1=z1.grad.numpy(), d2=z2.grad.numpy(), d3=z3.grad.numpy(), m1=m1, m2=m2,
                gw1=w1.grad.numpy(), gb1=float(b1.grad), gw2=w2.grad.numpy(), gb2=float(b2.grad),
                gw3=w3.grad.numpy(), gb3=b3.grad.numpy(), P=at2.shape[1])


def sigp(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def mm_once(N0, A, C, s, R, quad, page):
    n = mm_net(N0, A, C, s, R, True, quad)
    r = {}
    r["fc_db"] = close(n["gb3"], n["d3"])
    flat = n["at2"].reshape(-1)
    r["fc_dw"] = close(np.outer(n["d3"], flat), n["gw3"])
    r["conv_db_chain"] = isc(n["gb1"], n["d1"].sum()) and isc(n["gb2"], n["d2"].sum())
    r["conv_dw"] = close(corr2(n["x"], n["d1"]), n["gw1"]) and close(corr2(n["at1"], n["d2"]), n["gw2"])
    r["conv_dw_l1"] = close(corr2(n["at1"], n["d2"]), n["gw2"])
    # (21) / (28): delta^{l+1}_{op}
    d2, P = n["d2"], n["P"]

    def delta2_with(index):
        out = np.zeros_like(d2)
        for o in range(d2.shape[0]):
            for p in range(d2.shape[1]):
                q = index(o, p)
                if q >= n["w3"].shape[1]:
                    return None
                out[o, p] = sum(n["w3"][rr, q] * n["d3"][rr] for rr in range(R)) * n["m2"][o, p] * sigp(n["z2"][o, p])
        return out
    true_idx = delta2_with(lambda o, p: P * (o // s) + p // s)
    assert close(true_idx, d2)
    if page:
        w21 = delta2_with(lambda o, p: 2 * (o // 2) + p // 2)
        r["delta_fc_pool"] = w21 is not None and close(w21, d2)
    w28 = delta2_with(lambda o, p: s * (o // s) + p // s)
    r["delta_fc_pool_s"] = w28 is not None and close(w28, d2)
    # (27): Upsampling[(w^{l+1})^T delta^{l+2}] needs as many values as the pooled map has entries
    v = n["w2"].T @ n["d3"] if n["w2"].shape[0] == n["d3"].shape[0] else None
    r["upsample_wrong_w"] = (v is not None and v.size == n["at2"].size
                             and close(np.kron(v.reshape(n["at2"].shape), np.ones((s, s))) * n["m2"] * sigp(n["z2"]), d2))
    # (35) and (36): delta^l
    d1, w2 = n["d1"], n["w2"]
    e35 = np.zeros_like(d1)
    for mm in range(d1.shape[0]):
        for nn in range(d1.shape[1]):
            acc = 0.0
            for o in range(d2.shape[0]):
                for p in range(d2.shape[1]):
                    a_, b_ = mm // s - o, nn // s - p
                    if 0 <= a_ < w2.shape[0] and 0 <= b_ < w2.shape[1]:
                        acc += w2[a_, b_] * d2[o, p]
            e35[mm, nn] = acc * n["m1"][mm, nn] * sigp(n["z1"][mm, nn])
    r["delta_conv_pool"] = close(e35, d1)
    fc = full_conv(w2, d2)
    r["delta_conv_pool_matrix"] = fc.shape == n["at1"].shape and close(np.kron(fc, np.ones((s, s))) * n["m1"] * sigp(n["z1"]), d1)
    # (23): the mean's derivative
    for mcount in (4, 9):
        xv = T(rnd(mcount), True)
        gm = torch.autograd.grad(xv.mean(), xv)[0].numpy()
        r.setdefault("mean_deriv", True)
        r["mean_deriv"] &= close(gm, np.full(mcount, 1.0 / mcount))
    # (37): CONV followed by CONV, no pooling
    c = mm_net(8, 3, 3, 1, 2, False, quad)
    e37 = np.zeros_like(c["d1"])
    for mm in range(e37.shape[0]):
        for nn in range(e37.shape[1]):
            acc = 0.0
            for o in range(c["d2"].shape[0]):
                for p in range(c["d2"].shape[1]):
                    a_, b_ = mm - o, nn - p
                    if 0 <= a_ < 3 and 0 <= b_ < 3:
                        acc += c["w2"][a_, b_] * c["d2"][o, p]
            e37[mm, nn] = acc * sigp(c["z1"][mm, nn])
    r["delta_conv_conv"] = close(e37, c["d1"])
    return r


def mm():
    res = repeat(mm_once, [(15, 4, 3, 2, 3, True, True), (15, 4, 3, 2, 3, False, True), (19, 4, 3, 2, 3, True, False)])
    return res


# ---------------------------------------------------------------- alfonsj problems (Spanish)
def aj_net(W, b1, V, b2, x, y, out_sigmoid):
    Wt, b1t, Vt, b2t = T(W, True), T(b1, True), T(V, True), T(b2, True)
    z = Wt @ T(x) + b1t
    z.retain_grad()
    h = torch.sigmoid(z)
    h.retain_grad()
    a = Vt @ h + b2t
    a.retain_grad()
    yh = torch.sigmoid(a) if out_sigmoid else a
    yh.retain_grad()
    L = 0.5 * ((T(y) - yh) ** 2).sum()
    L.backward()
    n = lambda t: t.detach().numpy()
    return dict(z=n(z), h=n(h), a=n(a), yh=n(yh), gz=z.grad.numpy(), gh=h.grad.numpy(), ga=a.grad.numpy(),
                gyh=yh.grad.numpy(), gW=Wt.grad.numpy(), gV=Vt.grad.numpy(), gb1=b1t.grad.numpy(), x=np.asarray(x, float),
                y=np.asarray(y, float), V=np.asarray(V, float))


def aj_sym(n, out_sigmoid):
    """The matrix-notation Jacobian rows, gradients stored transposed (theta = theta - rho g^t)."""
    u_yh = n["yh"] - n["y"]
    u_a = u_yh * sigp(n["a"]) if out_sigmoid else u_yh
    r = {"j_preact_out": close(u_yh @ np.diag(sigp(n["a"])), n["ga"]) if out_sigmoid else True,
         "g_V": close(np.outer(n["h"], u_a).T, n["gV"]),
         "u_h": close(u_a @ n["V"], n["gh"]),
         "g_W": close(np.outer(n["x"], n["gz"]).T, n["gW"]) and close(n["gh"] * sigp(n["z"]), n["gz"])}
    # delta = -dL/dphi as the element-wise rows write it
    d2 = (n["y"] - n["yh"]) * (n["yh"] * (1 - n["yh"]) if out_sigmoid else 1.0)
    d1 = (n["V"].T @ d2) * n["h"] * (1 - n["h"])
    r["_d2"] = close(d2, -n["ga"])
    r["_d1"] = close(d1, -n["gz"])
    return r


def aj16_once(hid, out):
    if hid is None:   # the page's network
        W, b1, V, b2 = [[1, 1], [-1, -1]], [1, 1], [[1, 1], [-1, -1]], [1, 1]
        n = aj_net(W, b1, V, b2, [1, 1], [0.1, 0.9], True)
        s = aj_sym(n, True)
        r = {"d2_1": rounded(-0.0708, -n["ga"][0]) and s["_d2"],
             "d2_2": rounded(0.1124, -n["ga"][1]) and s["_d2"],
             "d1_2": rounded(-0.0360, -n["gz"][1]) and s["_d1"],
             "th20": rounded(0.964, 1 - n["gb1"][1]),
             "th21": rounded(-1.036, -1 - n["gW"][1, 0])}
    else:
        n = aj_net(rnd(hid, 2), rnd(hid), rnd(out, hid), rnd(out), rnd(2), rnd(out), True)
        s = aj_sym(n, True)
        r = {"d2_1": s["_d2"], "d2_2": s["_d2"], "d1_2": s["_d1"]}
    r.update({k: v for k, v in s.items() if not k.startswith("_")})
    return r


def aj16():
    return repeat(aj16_once, [(None, None), (2, 2), (4, 2), (3, 3)])


def aj30_once(hid, out, nin):
    if hid is None:
        W, b1 = [[-1.5, -1, 0.5], [1, 1, -0.5]], [1, -2]
        V, b2 = [[-1.5, 1], [0.5, 1], [-0.5, -1]], [0.5, 1, -0.5]
        n = aj_net(W, b1, V, b2, [1, 0, 2], [-1, 1, -2], False)
        s = aj_sym(n, False)
        r = {"d2_1": rounded(-0.6855, -n["ga"][0]) and s["_d2"],
             "d2_2": rounded(-0.4304, -n["ga"][1]) and s["_d2"],
             "d2_3": rounded(-1.0696, -n["ga"][2]) and s["_d2"],
             "d1_1": rounded(0.3167, -n["gz"][0]) and s["_d1"],
             "d1_2": rounded(-0.0049, -n["gz"][1]) and s["_d1"]}
    else:
        n = aj_net(rnd(hid, nin), rnd(hid), rnd(out, hid), rnd(out), rnd(nin), rnd(out), False)
        s = aj_sym(n, False)
        r = {k: s["_d2"] for k in ("d2_1", "d2_2", "d2_3")}
        r.update({"d1_1": s["_d1"], "d1_2": s["_d1"]})
    r.update({k: v for k, v in s.items() if not k.startswith("_") and k != "j_preact_out"})
    return r


def aj30():
    return repeat(aj30_once, [(None, None, None), (2, 3, 3), (3, 3, 4), (2, 3, 2)])


# ---------------------------------------------------------------- methodart_backprop_fr
def mda_once(nin, nh, nout):
    x = T(rnd(nin, 1))
    W1, b1 = T(rnd(nh, nin), True), T(rnd(nh, 1), True)
    W2, b2 = T(rnd(nout, nh), True), T(rnd(nout, 1), True)
    z1 = W1 @ x + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    z2 = W2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    y = T(rnd(nout, 1))
    L = 0.5 * ((y - a2) ** 2).sum()
    L.backward()
    a2v, yv = a2.detach().numpy(), y.numpy()
    d2 = z2.grad.numpy()
    return {"dz2": close((a2v - yv) * dphi(torch.sigmoid, z2.detach().numpy()), d2),
            "delta2": close((a2v - yv) * a2v * (1 - a2v), d2),
            "delta1": close((W2.detach().numpy().T @ d2) * dphi(torch.sigmoid, z1.detach().numpy()), z1.grad)}


def mda():
    return repeat(mda_once, [(2, 3, 1), (3, 4, 2), (4, 2, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
