"""Independent truth for the thirty-sixth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout36.py`` writes the ``*.truth.json`` sidecars of ``heldout36/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout36/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout36"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout36.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2036)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- shared helpers (loops)
def xcorr_valid(x, w):
    """out[i, j] = sum_{m,n} x[i+m, j+n] w[m, n] (valid cross-correlation, loops)."""
    x, w = np.asarray(x, float), np.asarray(w, float)
    oh, ow = x.shape[0] - w.shape[0] + 1, x.shape[1] - w.shape[1] + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = sum(x[i + m, j + n] * w[m, n] for m in range(w.shape[0]) for n in range(w.shape[1]))
    return out


def at(a, i, j):
    """a[i, j], zero outside the array."""
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


def conv_net(H, W, kh, kw, bias=True):
    """One-channel valid cross-correlation z = I xcorr K + b with autograd; L a drawn non-linear
    function of z.  Returns I, K, z, dL/dz, dL/dI, dL/dK, dL/db."""
    I, K = rnd(H, W), rnd(kh, kw)
    It, Kt = T(I, True), T(K, True)
    bt = T(rnd(1), True)
    z = F.conv2d(It[None, None], Kt[None, None])[0, 0] + (bt[0] if bias else 0.0)
    z.retain_grad()
    L = loss_of(z)
    L.backward()
    gb = bt.grad.numpy() if bt.grad is not None else None
    return I, K, z.detach().numpy(), z.grad.numpy(), It.grad.numpy(), Kt.grad.numpy(), gb


# ---------------------------------------------------------------- xray_cnn_scratch_en
def xr_once(nin, H, W, kh, kw):
    r = {}
    # weighted BCE on a sigmoid output of a dense neuron
    okd, okf, oks = True, True, True
    for y in (0.0, 1.0):
        for wpos in (1.0, 5.0, float(abs(rnd(1)[0]) + 0.5)):
            x, w, b = rnd(nin), rnd(nin), rnd(1)
            wt, bt = T(w, True), T(b, True)
            z = (wt * T(x)).sum() + bt[0]
            z.retain_grad()
            yh = torch.sigmoid(z)
            yh.retain_grad()
            L = -(wpos * y * torch.log(yh) + (1 - y) * torch.log(1 - yh))
            L.backward()
            p = yh.item()
            claimed = -wpos / p if y == 1.0 else 1.0 / (1.0 - p)
            okd &= isc(claimed, yh.grad.item())
            oks &= isc(p * (1 - p), dphi(torch.sigmoid, np.array([z.item()]))[0])
            factor = (-wpos / p) if y == 1.0 else (1.0 / (1.0 - p))
            okf &= close(np.array([factor * p * (1 - p) * xi for xi in x]), wt.grad.numpy())
    r["dLdyhat"], r["sig_grad"], r["full_grad"] = okd, oks, okf
    # ReLU backward
    zm = rnd(H, W)
    zt = T(zm, True)
    A = torch.relu(zt)
    A.retain_grad()
    loss_of(A).backward()
    gA = A.grad.numpy()
    r["relu_bwd"] = close(np.where(zm > 0, gA, 0.0), zt.grad.numpy())
    # convolution: kernel gradient over the output map, input gradient with flipped indices
    I, K, z, gz, gI, gK, _ = conv_net(H, W, kh, kw)
    Ho, Wo = gz.shape
    dK = np.array([[sum(gz[i, j] * I[i + m, j + n] for i in range(Ho) for j in range(Wo))
                    for n in range(kw)] for m in range(kh)])
    r["dK"] = close(dK, gK)
    dI = np.array([[sum(at(gz, i - m, j - n) * K[m, n] for m in range(kh) for n in range(kw))
                    for j in range(W)] for i in range(H)])
    r["dI_general"] = close(dI, gI)
    # the 3x3 input / 2x2 kernel example, e = I[1, 1]
    I3, K2, _, g3, gI3, _, _ = conv_net(3, 3, 2, 2)
    de = g3[0, 0] * K2[1, 1] + g3[0, 1] * K2[1, 0] + g3[1, 0] * K2[0, 1] + g3[1, 1] * K2[0, 0]
    r["dL_de"] = isc(de, gI3[1, 1])
    return r


def xr():
    return repeat(xr_once, [(3, 5, 5, 3, 3), (5, 6, 7, 2, 2), (1, 4, 6, 3, 2)])


# ---------------------------------------------------------------- cma_autograd_formules_fr
def pool_grads(kind, N, C, H, W, k):
    """k x k pooling with stride k (NCHW), L drawn; returns X, Y, dL/dY, dL/dX."""
    X = rnd(N, C, H, W)
    Xt = T(X, True)
    Y = (F.max_pool2d if kind == "max" else F.avg_pool2d)(Xt, k, k)
    Y.retain_grad()
    loss_of(Y).backward()
    return X, Y.detach().numpy(), Y.grad.numpy(), Xt.grad.numpy()


def pool_rule(kind, X, gY, k):
    """The written rule, by loops: input (h', w') of window (h, w) = (h' // k, w' // k) gets dY[h, w]
    if it is the window's argmax (max) / dY[h, w] / k^2 (average); inputs outside every window 0."""
    N, C, H, W = X.shape
    out = np.zeros_like(X)
    Ho, Wo = gY.shape[2], gY.shape[3]
    for b in range(N):
        for c in range(C):
            for hp in range(H):
                for wp in range(W):
                    h, w = hp // k, wp // k
                    if h >= Ho or w >= Wo:
                        continue
                    win = X[b, c, h * k:h * k + k, w * k:w * k + k]
                    if kind == "max":
                        am = np.unravel_index(np.argmax(win), win.shape)
                        out[b, c, hp, wp] = gY[b, c, h, w] if (hp - h * k, wp - w * k) == am else 0.0
                    else:
                        out[b, c, hp, wp] = gY[b, c, h, w] / k ** 2
    return out


def fr_once(H, W, kh, kw, N, C, k, D):
    r = {}
    I, K, _, gz, gI, gK, _ = conv_net(H, W, kh, kw)
    full = np.pad(gz, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    r["conv_dX"] = close(xcorr_valid(full, K[::-1, ::-1]), gI)
    r["conv_dW"] = close(xcorr_valid(I, gz), gK)
    # bias with batch and several output channels
    X = rnd(N, 2, H, W)
    Wt = T(rnd(C, 2, kh, kw), True)
    bt = T(rnd(C), True)
    Y = F.conv2d(T(X), Wt, bt)
    Y.retain_grad()
    loss_of(Y).backward()
    r["conv_db"] = close(Y.grad.numpy().sum(axis=(0, 2, 3)), bt.grad.numpy())
    for kind, cid in (("max", "max_bwd"), ("avg", "avg_bwd")):
        Xp, _, gY, gX = pool_grads(kind, N, C, 2 * k + (k - 1), 3 * k, k)
        r[cid] = close(pool_rule(kind, Xp, gY, k), gX)
    # batch norm over the batch, per feature, biased variance
    x = rnd(N + 2, D)
    eps = 1e-5
    xt = T(x, True)
    g, be = T(rnd(D)), T(rnd(D))
    mu = xt.mean(0)
    var = ((xt - mu) ** 2).mean(0)
    xh = (xt - mu) / torch.sqrt(var + eps)
    y = g * xh + be
    y.retain_grad()
    loss_of(y).backward()
    dy, xhv, n = y.grad.numpy(), xh.detach().numpy(), x.shape[0]
    claimed = g.numpy() / np.sqrt(var.detach().numpy() + eps) * (
        dy - dy.sum(0) / n - xhv / n * (dy * xhv).sum(0))
    r["bn_dx"] = close(claimed, xt.grad.numpy())
    # softmax + cross-entropy
    ok = True
    for onehot in (True, False):
        zs = rnd(D + 2)
        if onehot:
            yv = np.zeros(D + 2)
            yv[RNG.integers(D + 2)] = 1.0
        else:
            yv = np.abs(rnd(D + 2))
            yv = yv / yv.sum()
        zt = T(zs, True)
        p = torch.softmax(zt, 0)
        (-(T(yv) * torch.log(p)).sum()).backward()
        ok &= close(p.detach().numpy() - yv, zt.grad.numpy())
    r["sm_ce"] = ok
    return r


def fr():
    return repeat(fr_once, [(5, 5, 3, 3, 2, 3, 2, 3), (6, 4, 2, 3, 3, 2, 3, 1), (4, 6, 2, 2, 1, 1, 2, 2)])


# ---------------------------------------------------------------- zen_conv_layer_zh
def zc_once(H, W, k):
    I, K, O, gO, gI, gK, _ = conv_net(H, W, k, k, bias=False)
    Ho, Wo = gO.shape
    # reading 1: the row about the map O's own gradient
    rhs1 = np.array([[sum(at(gO, i + m, j + n) * K[m, n] for m in range(k) for n in range(k))
                      for j in range(Wo)] for i in range(Ho)])
    r1 = close(rhs1, gO)
    # reading 2: O^l = I is the input of the next convolution with kernel K, O^{l+1} its output
    rhs2 = np.array([[sum(at(gO, i + m, j + n) * K[m, n] for m in range(k) for n in range(k))
                      for j in range(W)] for i in range(H)])
    r2 = close(rhs2, gI)
    dK = np.array([[sum(gO[i, j] * I[i + m, j + n] for i in range(Ho) for j in range(Wo))
                    for n in range(k)] for m in range(k)])
    dI = np.array([[sum(at(gO, i - m, j - n) * K[m, n] for m in range(k) for n in range(k))
                    for j in range(W)] for i in range(H)])
    return {"out_grad": r1 or r2, "dK": close(dK, gK), "dI": close(dI, gI)}


def zc():
    return repeat(zc_once, [(5, 5, 3), (6, 7, 2), (4, 5, 3)])


# ---------------------------------------------------------------- cnn_fwd_bwd_pooling_zh
def pz_once(s, nwin):
    X, _, gP, gA = pool_grads("avg", 1, 1, s * nwin, s * nwin, s)
    X, gP, gA = X[0, 0], gP[0, 0], gA[0, 0]
    # the middle factor dP_1/dA_11, by autograd on the first window's own average pooling
    At = T(X[:s, :s], True)
    dPdA = torch.autograd.grad(F.avg_pool2d(At[None, None], s)[0, 0, 0, 0], At)[0].numpy()[0, 0]
    chain = isc(gP[0, 0] * dPdA, gA[0, 0]) and isc(gP[0, 0] / (s * s), gA[0, 0]) and isc(dPdA, 1 / (s * s))
    block = close(np.full((s, s), gP[0, 0] / (s * s)), gA[:s, :s]) and all(
        close(np.full((s, s), gP[a, b] / (s * s)), gA[a * s:a * s + s, b * s:b * s + s])
        for a in range(nwin) for b in range(nwin))
    return {"avg_chain": chain, "avg_block": block}


def pz():
    return repeat(pz_once, [(2, 2), (3, 2), (2, 3)])


# ---------------------------------------------------------------- zen_cnn_principles_zh
def zn_once(H, k):
    I, K, S, gS, gI, gK, _ = conv_net(H, H, k, k, bias=False)
    # the article's (A * B)(i, j) = sum_{m,n} A(i+m, j+n) B(m, n), m, n over B; evaluated on K's range
    claimed = np.array([[sum(at(gS, m + a, n + b) * I[a, b] for a in range(H) for b in range(H))
                         for n in range(k)] for m in range(k)])
    return {"dK_order": close(claimed, gK)}


def zn():
    return repeat(zn_once, [(5, 2), (6, 3), (5, 3)])


# ---------------------------------------------------------------- segmentation_sampling_ko
def ko_once(k, N, C):
    res = {}
    for kind, cid in (("max", "max_bwd"), ("avg", "avg_bwd")):
        X, _, gY, gX = pool_grads(kind, N, C, 2 * k, 2 * k + 1, k)
        res[cid] = close(pool_rule(kind, X, gY, k), gX)
    return res


def ko():
    return repeat(ko_once, [(2, 1, 1), (3, 2, 2), (2, 2, 3)])


# ---------------------------------------------------------------- conv3x3_comments_ja
def ja_once(H, W, nf):
    X = rnd(H, W)
    Wt = T(rnd(nf, 3, 3), True)
    Y = F.conv2d(T(X)[None, None], Wt[:, None])[0].permute(1, 2, 0)   # (H-2, W-2, F), Y[i,j,f]
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gW = Y.grad.numpy(), Wt.grad.numpy()
    star = all(close(xcorr_valid(X, gY[:, :, f]), gW[f]) for f in range(nf))
    patch = all(close(sum(gY[i, j, f] * X[i:i + 3, j:j + 3] for i in range(H - 2) for j in range(W - 2)), gW[f])
                for f in range(nf))
    return {"dW_star": star, "dW_patch": patch}


def ja():
    return repeat(ja_once, [(8, 8, 2), (6, 7, 1), (5, 9, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
