"""Independent truth for the sixty-first held-out set (numpy and torch autograd, not symbp):
``python truth_heldout61.py`` writes the ``*.truth.json`` sidecars of ``heldout61/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout61/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout61"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout61.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2061)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def onehot(n):
    t = np.zeros(n)
    t[RNG.integers(n)] = 1.0
    return t


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


# ---------------------------------------------------------------- physicsd00d_cs224d_softmax_en
def phy_once(dx, H, C):
    r = {}
    # 2.b: CE(theta) = -sum y log softmax(theta); the last member holds for any y
    ok_chain = True
    for y in (onehot(C), RNG.uniform(0.1, 1.0, C)):
        th = T(rnd(C), True)
        CE = -(T(y) * torch.log(torch.softmax(th, 0))).sum()
        g = torch.autograd.grad(CE, th)[0].numpy()
        yh = softmax(th.detach().numpy())
        member = np.array([-sum(y[i] * ((1.0 if i == k else 0.0) - sum(yh[p] * (1.0 if p == k else 0.0) for p in range(C)))
                                for i in range(C)) for k in range(C)])
        ok_chain &= close(member, g)
        if y.sum() == 1.0 and y.max() == 1.0:
            r["p1_vec"] = close(yh - y, g)
    r["p1_chain"] = ok_chain
    # 2.c / 2.g: row vectors, t = x W1 + b1, h = sigmoid(t), v = h W2 + b2, softmax, CE (one-hot)
    x = T(rnd(1, dx), True)
    W1, b1 = T(rnd(dx, H), True), T(rnd(1, H), True)
    W2, b2 = T(rnd(H, C), True), T(rnd(1, C), True)
    y = onehot(C)[None, :]
    t = x @ W1 + b1
    h = torch.sigmoid(t)
    v = h @ W2 + b2
    J = -(T(y) * torch.log(torch.softmax(v, 1))).sum()
    J.backward()
    tv, hv = t.detach().numpy(), h.detach().numpy()
    yh = softmax(v.detach().numpy()[0])[None, :]
    e = yh - y                                   # 1 x C
    sp = sig(tv) * (1 - sig(tv))                 # sigma'(t), 1 x H
    W1v, W2v, xv = W1.detach().numpy(), W2.detach().numpy(), x.detach().numpy()
    dx_idx = np.array([[sum(e[0, b] * W2v[c, b] * sp[0, c] * W1v[k, c] for b in range(C) for c in range(H))
                        for k in range(dx)]])
    r["p2_dx_idx"] = close(dx_idx, x.grad)
    r["p3_dW2"] = close(hv.T @ e, W2.grad)
    inner = (e @ W2v.T) * sp                     # 1 x H
    r["p3_dW1"] = close(np.outer(xv[0], inner[0]), W1.grad)
    r["p3_db1"] = close(inner, b1.grad)
    return r


def phy():
    return repeat(phy_once, [(5, 4, 3), (3, 2, 4), (4, 3, 5)])


# ---------------------------------------------------------------- cod1995_crossentropy_grad_en
def cod_once(H, C):
    """z_i = sum_j h_j w_ji + b_i (W[j, i] = w_ji, 0-based), y-hat = softmax(z), L = -sum y log y-hat."""
    r = {}
    h = rnd(H)
    W, b = T(rnd(H, C), True), T(rnd(C), True)
    y = onehot(C)
    z = T(h) @ W + b
    yh_t = torch.softmax(z, 0)
    L = -(T(y) * torch.log(yh_t)).sum()
    L.backward()
    gW = W.grad.numpy()
    zv = z.detach().numpy()
    yh = softmax(zv)
    r["c_general"] = close(np.outer(h, yh - y), gW)
    if C == 2:
        Js = jac(lambda u: torch.softmax(u, 0), T(zv)).numpy()     # [a, b] = d yhat_a / d z_b
        ys = T(yh, True)
        dLdy = torch.autograd.grad(-(T(y) * torch.log(ys)).sum(), ys)[0].numpy()
        g21 = gW[1, 0]                                             # w_21: from h_2 to z_1
        r["c_paths"] = isc((dLdy[0] * Js[0, 0] + dLdy[1] * Js[1, 0]) * h[1], g21)
        e1, e2 = np.exp(zv[0]), np.exp(zv[1])
        S = e1 + e2
        r["c_dy1"] = isc((e1 * S - e1 * e1) / S ** 2, Js[0, 0])
        r["c_dy2"] = all(isc(m, Js[1, 0]) for m in [(0 * e2 * S - e2 * e1) / S ** 2, -(e2 / S) * (e1 / S), -yh[0] * yh[1]])
        r["c_dLdy1"] = isc(-y[0] / yh[0], dLdy[0])
        r["c_final"] = isc((yh[0] - y[0]) * h[1], g21)
    return r


def cod():
    res = repeat(cod_once, [(3, 2), (2, 2), (4, 2), (3, 3), (2, 4)])
    return res


# ---------------------------------------------------------------- elearning5_logreg_gd_vi
X_PAGE = np.array([0.5, 1, 1.5, 3, 2, 1])
Y_PAGE = np.array([0, 0, 0, 1, 1, 1], dtype=float)


def vlr_once(m, page):
    if page:
        X, y, w0, b0 = X_PAGE, Y_PAGE, 0.0, 0.0
    else:
        X = rnd(m)
        y = RNG.integers(0, 2, m).astype(float)
        y[0], y[-1] = 0.0, 1.0
        w0, b0 = rnd(1)[0], rnd(1)[0]
    w, b = T(w0, True), T(b0, True)
    hh = torch.sigmoid(w * T(X) + b)
    J = -(T(y) * torch.log(hh) + (1 - T(y)) * torch.log(1 - hh)).mean()
    gw, gb = torch.autograd.grad(J, [w, b])
    gw, gb = gw.item(), gb.item()
    h = hh.detach().numpy()
    mm = len(X)
    dot = float(np.sum((h - y) * X))
    kt1 = float(np.sum((-y / h + (1 - y) / (1 - h)) * h * (1 - h) * X))
    return {"v_dw": isc(np.sum((h - y) * X) / mm, gw),
            "v_db": isc(np.sum(h - y) / mm, gb),
            "v_comb": isc(dot, gw),
            "v_avg": isc(np.sum((h - y) * X) / mm, gw),
            "v_kt1": isc(kt1, gw),
            "v_kt_last": isc(dot, gw)}


def vlr():
    return repeat(vlr_once, [(6, True), (4, False), (7, False)])


# ---------------------------------------------------------------- cardinalis_conv2d_en
def crd_once(cin, hw, k, s, p):
    I = rnd(cin, *hw)
    K = T(rnd(1, cin, *k), True)
    b = T(rnd(1), True)
    O = F.conv2d(T(I[None]), K, b, stride=s, padding=p)[0, 0]
    L = loss_of(O)
    O.retain_grad()
    L.backward()
    G = O.grad.numpy()
    Ho, Wo = G.shape

    def Iat(c, r, q):
        return I[c, r, q] if 0 <= r < hw[0] and 0 <= q < hw[1] else 0.0
    dK = np.array([[[sum(G[i, j] * Iat(c, i * s + m - p, j * s + n - p) for i in range(Ho) for j in range(Wo))
                     for n in range(k[1])] for m in range(k[0])] for c in range(cin)])
    return {"k_dK": close(dK, K.grad[0]), "k_db": isc(G.sum(), b.grad.item())}


def crd():
    return repeat(crd_once, [(1, (5, 5), (3, 3), 1, 0), (2, (5, 5), (3, 3), 2, 1),
                             (3, (6, 7), (2, 3), 2, 0), (2, (6, 7), (3, 3), 1, 1)])


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(doc)
        for cid, _, why in claims:
            print(f"  {cid:10s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
