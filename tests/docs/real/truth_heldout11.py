"""Independent truth for the eleventh held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout11.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout11/`` (the format of truth_heldout10.py: claims, one README-style directive
per section, the displays left out of the score).  The documents were transcribed and their
truth established before anything of symbp was run on them (nothing of symbp is imported here).
Each claim is evaluated literally as written: written bounds, offsets and index base and the
document's own convention for its sliding sum; a written bound or offset that reaches an entry
that does not exist refutes the claim unless the document says the tensor is zero there; a sum
without bounds runs over where its indexed tensors exist; a shape that differs refutes.  Every
claim is checked at two random draws and, where a document states its rules for any size, at
two or more sets of sizes.  This file holds the first four documents; ``heldout11/truth_more.py``
the other seven.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout11"
sys.path.insert(0, str(HERE))
from truth_common import T, close, repeat, write_and_report  # noqa: E402
from heldout11.claims_table import TABLE  # noqa: E402
from heldout11.truth_helpers import (F, RNG, at, conv_layer, dil, full_conv, full_slide, jac,  # noqa: E402
                                     loss_of, pad, rnd, rot180, same, slide)
from heldout11.truth_more import bgd, cnn14, de, ko, react, vi, www  # noqa: E402,F401


# ---------------------------------------------------------------- reseau_convolutif_fr
def fr_neuron_once():
    t = {"f_ax": True, "f_aw": True, "f_ab": True}
    for phi in (torch.tanh, torch.sigmoid):
        x, w, b = T(rnd(), True), T(rnd(), True), T(rnd(), True)
        z = w * x + b
        a = phi(z)
        gx, gw, gb = torch.autograd.grad(a, (x, w, b))
        zz = T(float(z.detach()), True)
        dphi = float(torch.autograd.grad(phi(zz), zz)[0])
        t["f_ax"] &= bool(np.isclose(float(gx), dphi * float(w)))
        t["f_aw"] &= bool(np.isclose(float(gw), dphi * float(x)))
        t["f_ab"] &= bool(np.isclose(float(gb), dphi * 1.0))
    xs = T(rnd(9), True)                        # random points, none at 0 (the sub-gradient is a choice)
    g = torch.autograd.grad(torch.relu(xs).sum(), xs)[0].numpy()
    t["f_relu"] = close(np.where(xs.detach().numpy() >= 0, 1.0, 0.0), g)
    return t


def fr_softmax_once(q):
    z = T(rnd(q))
    J = jac(lambda v: torch.softmax(v, 0), z).numpy()           # J[i, j] = d phi_i / d z_j
    e = np.exp(z.numpy())
    S, ph = e.sum(), e / e.sum()
    eq = [(i, i) for i in range(q)]
    ne = [(i, j) for i in range(q) for j in range(q) if i != j]
    t = {"f_sm_eq2": all(np.isclose((e[i] * S - e[j] * e[i]) / S ** 2, J[i, j]) for i, j in eq),
         "f_sm_eq3": all(np.isclose(e[i] / S * (S - e[j]) / S, J[i, j]) for i, j in eq),
         "f_sm_eq4": all(np.isclose(ph[i] * (1 - ph[j]), J[i, j]) for i, j in eq),
         "f_sm_ne2": all(np.isclose((0 - e[j] * e[i]) / S ** 2, J[i, j]) for i, j in ne),
         "f_sm_ne3": all(np.isclose(-e[j] / S * e[i] / S, J[i, j]) for i, j in ne),
         "f_sm_ne4": all(np.isclose(-ph[j] * ph[i], J[i, j]) for i, j in ne),
         "f_sm_all": all(np.isclose(ph[i] * (1 - ph[j]) if i == j else -ph[j] * ph[i], J[i, j])
                         for i in range(q) for j in range(q))}
    y = np.zeros(q)
    y[RNG.integers(q)] = 1.0                                     # one-hot, as the note says
    zt = T(z.numpy(), True)
    H = -(T(y) * torch.log(torch.softmax(zt, 0))).sum()
    g = torch.autograd.grad(H, zt)[0].numpy()
    Jl = jac(lambda v: torch.log(torch.softmax(v, 0)), z).numpy()
    a = ph
    rows = {"f_ce1": [-sum(y[j] * Jl[j, i] for j in range(q)) for i in range(q)],
            "f_ce2": [-sum(y[j] * J[j, i] / a[j] for j in range(q)) for i in range(q)],
            "f_ce3": [-y[i] * a[i] * (1 - a[i]) / a[i] - sum(y[j] * (-a[i] * a[j]) / a[j] for j in range(q) if j != i)
                      for i in range(q)],
            "f_ce4": [-y[i] * (1 - a[i]) + sum(y[j] * a[i] for j in range(q) if j != i) for i in range(q)],
            "f_ce5": [-y[i] + a[i] * y.sum() for i in range(q)],
            "f_ce6": [a[i] - y[i] for i in range(q)]}
    t.update({k: close(np.array(v), g) for k, v in rows.items()})
    return t


def fr_conv_once(N, n):
    """z_{i,j} = sum_{a,b=1..n} x_{i+a-1,j+b-1} w_{a,b} + b (1-based), a = tanh(z), H a loss of a."""
    x, w, b = T(rnd(N, N), True), T(rnd(n, n), True), T(rnd(), True)
    z = F.conv2d(x[None, None], w[None, None])[0, 0] + b
    a = torch.tanh(z)
    H = loss_of(a)
    dx, dw, db = (g.numpy() for g in torch.autograd.grad(H, (x, w, b)))
    an, No = a.detach().numpy(), N - n + 1
    eta = np.zeros((n, n))
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            for m in range(1, N + 1):                       # delta_{m,n} = dH/dx_{m,n} exists for 1..N
                for nn in range(1, N + 1):
                    if 1 <= i + m <= No and 1 <= j + nn <= No:      # a_{i+m,j+n} exists for 1..N-n+1
                        eta[i - 1, j - 1] += dx[m - 1, nn - 1] * an[i + m - 1, j + nn - 1]
    return {"f_eta": close(eta, dw), "f_bias": bool(np.isclose(dx.sum(), float(db)))}


def fr():
    res = repeat(fr_neuron_once, [()])
    res.update(repeat(fr_softmax_once, [(3,), (5,)]))
    res.update(repeat(fr_conv_once, [(5, 3), (4, 2), (6, 3)]))
    return res


# ---------------------------------------------------------------- rustdl_affine_softmax_ja
def ja_affine_once(n, mp, m):
    X, W, b = T(rnd(n, mp), True), T(rnd(mp, m), True), T(rnd(m), True)
    Y = X @ W + b
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xn, Wn = Y.grad.numpy(), X.detach().numpy(), W.detach().numpy()
    Jw = jac(lambda v: X.detach() @ v + b.detach(), W.detach()).numpy()
    Jx = jac(lambda v: v @ W.detach() + b.detach(), X.detach()).numpy()
    t = {"j_dyw": all(np.isclose(Jw[i, j, p, q], Xn[i, p] if j == q else 0.0)
                      for i in range(n) for j in range(m) for p in range(mp) for q in range(m)),
         "j_dyx": all(np.isclose(Jx[i, j, p, q], Wn[q, j] if i == p else 0.0)
                      for i in range(n) for j in range(m) for p in range(n) for q in range(mp)),
         "j_dW": close(Xn.T @ G, W.grad), "j_dX": close(G @ Wn.T, X.grad),
         "j_db": close(G.sum(axis=0), b.grad)}
    x = T(rnd(n, m), True)
    y = torch.relu(x)
    y.retain_grad()
    loss_of(y).backward()
    xn, Gy = x.detach().numpy(), y.grad.numpy()
    Jr = jac(torch.relu, x.detach()).numpy()
    t["j_relu_d"] = all(np.isclose(Jr[i, j, p, q], 1.0 if (i, j) == (p, q) and xn[i, j] >= 0 else 0.0)
                        for i in range(n) for j in range(m) for p in range(n) for q in range(m))
    t["j_relu_chain"] = close(np.einsum("ij,ijpq->pq", Gy, Jr), x.grad)
    t["j_relu_res"] = close(np.where(xn >= 0, 1.0, 0.0), x.grad)
    return t


def ja_softmax_once(C):
    x = T(rnd(C))
    J = jac(lambda v: torch.softmax(v, 0), x).numpy()                 # J[j, q] = dy_j / dx_q
    e = np.exp(x.numpy())
    S, y = e.sum(), e / e.sum()
    pairs = [(j, q) for j in range(C) for q in range(C)]
    r1 = {(j, q): ((e[j] * S - e[j] * (0 + e[j])) / S ** 2 if j == q else -(e[j] * (0 + e[j])) / S ** 2)
          for j, q in pairs}
    r2 = {(j, q): (e[j] / S - e[j] ** 2 / S ** 2 if j == q else -e[j] ** 2 / S ** 2) for j, q in pairs}
    r3 = {(j, q): (y[j] - y[j] ** 2 if j == q else -y[j] * y[q]) for j, q in pairs}
    t = {"j_sm_r1": all(np.isclose(r1[k], J[k]) for k in pairs),
         "j_sm_r2": all(np.isclose(r2[k], J[k]) for k in pairs),
         "j_sm_r3": all(np.isclose(r3[(j, q)], J[j, q]) and np.isclose(y[j] * ((j == q) - y[q]), J[j, q])
                        for j, q in pairs)}
    xt = T(x.numpy(), True)
    yt = torch.softmax(xt, 0)
    yt.retain_grad()
    loss_of(yt).backward()                                             # any loss of y
    g = yt.grad.numpy()
    t["j_smv_r1"] = close(g @ (np.diag(y) - np.outer(y, y)), xt.grad)
    t["j_smv_r2"] = t["j_smv_r1"]                                      # y^T . y is the C x C outer product
    tt = RNG.uniform(0.1, 1.0, C)
    tt /= tt.sum()                                                     # normalised target, as the book says
    xc = T(x.numpy(), True)
    L = -(T(tt) * torch.log(torch.softmax(xc, 0))).sum() / C
    gx = torch.autograd.grad(L, xc)[0].numpy()
    gy = -tt / (C * y)
    rows = {"j_ce_r1": [sum(gy[j] * J[j, q] for j in range(C)) for q in range(C)],
            "j_ce_r2": [sum(gy[j] * (-y[j] * y[q]) for j in range(C)) + gy[q] * y[q] for q in range(C)],
            "j_ce_r3": [sum((-1 / C * tt[j] / y[j]) * (-y[j] * y[q]) for j in range(C)) + (-1 / C * tt[q] / y[q]) * y[q]
                        for q in range(C)],
            "j_ce_r4": [y[q] / C * (tt.sum() - tt[q]) for q in range(C)],
            "j_ce_r5": [(y[q] - tt[q]) / C for q in range(C)]}
    t.update({k: close(np.array(v), gx) for k, v in rows.items()})
    return t


def ja():
    res = repeat(ja_affine_once, [(2, 3, 2), (4, 2, 3)])
    res.update(repeat(ja_softmax_once, [(3,), (4,)]))
    return res


# ---------------------------------------------------------------- cnn_dims_stride_pad_zh
def dims_layer(X, Fk, S=1, P=0):
    """O = pad_P(X) slid with F at stride S (no bias); returns dL/dO, dL/dX, dL/dF."""
    dO, gX, gF, _ = conv_layer(X[None, None], Fk[None, None], stride=S, padding=P)
    return dO[0, 0], gX[0, 0], gF[0, 0]


def dims_base_once():
    X, Fk = rnd(3, 3), rnd(2, 2)
    dO, gX, gF = dims_layer(X, Fk)
    fpq = np.array([[sum(dO[i, j] * X[i + p, j + q] for i in range(2) for j in range(2)) for q in range(2)]
                    for p in range(2)])
    xrs = np.array([[sum(dO[i, j] * Fk[r - i, s - j] for i in range(2) for j in range(2)
                         if 0 <= r - i < 2 and 0 <= s - j < 2) for s in range(3)] for r in range(3)])
    return {"c_b_fpq": close(fpq, gF),
            "c_b_f00": bool(np.isclose(X[0, 0] * dO[0, 0] + X[0, 1] * dO[0, 1] + X[1, 0] * dO[1, 0] + X[1, 1] * dO[1, 1], gF[0, 0])),
            "c_b_dF": same(slide(X, dO), gF),
            "c_b_xrs": close(xrs, gX),
            "c_b_x11": bool(np.isclose(Fk[1, 1] * dO[0, 0] + Fk[1, 0] * dO[0, 1] + Fk[0, 1] * dO[1, 0] + Fk[0, 0] * dO[1, 1], gX[1, 1])),
            "c_b_dX": same(slide(rot180(Fk), pad(dO, 1)), gX)}


def dims_general_once(H, W, K):
    X, Fk = rnd(H, W), rnd(K, K)
    dO, gX, gF = dims_layer(X, Fk)
    fpq = np.array([[sum(dO[i, j] * X[i + p, j + q] for i in range(H - K + 1) for j in range(W - K + 1))
                     for q in range(K)] for p in range(K)])
    wrong_way = slide(rot180(Fk), pad(dO, K - 1))                  # rot180(F) as the input: does not exist
    return {"c_dF": same(slide(X, dO), gF), "c_dX_a": same(wrong_way, gX),
            "c_dX_full": same(full_slide(rot180(Fk), dO), gX) or same(full_conv(rot180(Fk), dO), gX),
            "c_g_fpq": close(fpq, gF), "c_g_dX": same(wrong_way, gX)}


def dims_stride_once(H, W, K, S):
    X, Fk = rnd(H, W), rnd(K, K)
    dO, gX, gF = dims_layer(X, Fk, S)
    Ho, Wo = dO.shape
    fpq = np.array([[sum(dO[i, j] * X[S * i + p, S * j + q] for i in range(Ho) for j in range(Wo))
                     for q in range(K)] for p in range(K)])
    return {"c_s_fpq": close(fpq, gF), "c_s_dF": same(slide(X, dil(dO, S)), gF),
            "c_s_dX": same(slide(rot180(Fk), pad(dil(dO, S), K - 1)), gX)}


def dims_pad_once(H, W, K, S, P):
    X, Fk = rnd(H, W), rnd(K, K)
    dO, gX, gF = dims_layer(X, Fk, S, P)
    inner = slide(rot180(Fk), pad(dil(dO, S), K - 1))
    cropped = None if inner is None else inner[P:inner.shape[0] - P, P:inner.shape[1] - P]
    return {"c_p_dF": same(slide(pad(X, P), dil(dO, S)), gF), "c_p_dX": same(cropped, gX)}


def dims_multi_once(Cin, Cout, H, W, K, S):
    X, Fk = rnd(Cin, H, W), rnd(Cout, Cin, K, K)
    dO, gX, gF, _ = conv_layer(X[None], Fk, stride=S)
    dO, gX = dO[0], gX[0]
    ok_x = True
    for ci in range(Cin):
        terms = [slide(rot180(Fk[co, ci]), pad(dil(dO[co], S), K - 1)) for co in range(Cout)]
        ok_x &= all(v is not None for v in terms) and close(sum(terms), gX[ci])
    ok_f = all(same(slide(X[ci], dil(dO[co], S)), gF[co, ci]) for co in range(Cout) for ci in range(Cin))
    return {"c_m_dX": ok_x, "c_m_dF": ok_f}


def dims():
    res = repeat(dims_base_once, [()])
    res.update(repeat(dims_general_once, [(4, 5, 2), (5, 5, 3), (6, 4, 3)]))
    res.update(repeat(dims_stride_once, [(5, 7, 3, 2), (7, 10, 4, 3)]))     # S divides H - K, W - K
    res.update(repeat(dims_pad_once, [(5, 5, 3, 2, 1), (4, 6, 3, 1, 1), (6, 4, 2, 2, 1)]))
    res.update(repeat(dims_multi_once, [(2, 3, 4, 5, 2, 1), (3, 2, 5, 5, 3, 2)]))
    return res


# ---------------------------------------------------------------- xcorr_appendix_a9_zh
def a9_general_once(B, Cin, Cout, H, W, Kh, Kw, s, p, d):
    X, K, b = rnd(B, Cin, H, W), rnd(Cout, Cin, Kh, Kw), rnd(Cout)
    D, gX, gK, gb = conv_layer(X, K, b, stride=s, padding=p, dilation=d)
    Ho, Wo = D.shape[2:]
    Xt, Kt = T(X), T(K)
    Jk = jac(lambda v: F.conv2d(Xt, v, stride=s, padding=p, dilation=d), Kt).numpy()
    Jx = jac(lambda v: F.conv2d(v, Kt, stride=s, padding=p, dilation=d), Xt).numpy()
    t = {"a_b": close(D.sum(axis=(0, 2, 3)), gb), "a_dYdK": True}
    dK, dX = np.zeros(K.shape), np.zeros(X.shape)
    for n in range(B):
        for o in range(Cout):
            for i in range(Ho):
                for j in range(Wo):
                    for c in range(Cin):
                        for u in range(Kh):
                            for v in range(Kw):
                                r, q = i * s - p + u * d, j * s - p + v * d
                                xv = at(X, n, c, r, q)[0]                       # zero out of range (the text)
                                t["a_dYdK"] &= bool(np.isclose(Jk[n, o, i, j, o, c, u, v], xv))
                                dK[o, c, u, v] += D[n, o, i, j] * xv
                                if 0 <= r < H and 0 <= q < W:                   # the indicator 1[r = ..., s = ...]
                                    dX[n, c, r, q] += D[n, o, i, j] * K[o, c, u, v]
    t["a_dK"], t["a_dX"] = close(dK, gK), close(dX, gX)
    t["a_adj"] = close(np.einsum("noij,noijmcrq->mcrq", D, Jx), gX)           # C_K^*(Delta) = J^T Delta
    return t


def a9_unit_once(H, W, K, centred):
    """Y_{i,j} = sum_{u,v} X_{i+u,j+v} K_{u,v}: offsets 0..K-1 (valid) or centred on 0 (X zero outside)."""
    r = K // 2 if centred else 0
    X, Kk = rnd(H, W), rnd(K, K)
    D, gX, _, _ = conv_layer(X[None, None], Kk[None, None], padding=r)
    D, gX = D[0, 0], gX[0, 0]
    offs = range(-r, K - r)
    x1 = np.array([[sum(at(D, a - u, b - v)[0] * Kk[u + r, v + r] for u in offs for v in offs)
                    for b in range(W)] for a in range(H)])
    full = full_slide(D, rot180(Kk))                                 # the forward's star, full result
    region = full[r:full.shape[0] - r, r:full.shape[1] - r]          # the input's region (padding r)
    return {"a_x1": close(x1, gX), "a_conv": close(x1, gX), "a_rot": same(region, gX)}


def a9():
    res = repeat(a9_general_once, [(2, 2, 3, 5, 6, 2, 3, 1, 0, 1), (1, 2, 2, 7, 6, 3, 2, 2, 1, 1),
                                   (2, 1, 2, 7, 7, 2, 2, 2, 1, 2)])
    res.update(repeat(a9_unit_once, [(4, 5, 2, False), (5, 5, 3, False), (5, 6, 3, True)]))
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
