"""Independent truth for the thirty-fourth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout34.py`` writes the ``*.truth.json`` sidecars of ``heldout34/``.  Each claim
is checked at several sizes and seeded draws and holds only if it holds every time; its ``why``
in ``heldout34/claims_table.py`` says the reading.  Written before anything of symbp was run."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout34"
sys.path.insert(0, str(HERE))
from truth_common import (isc, close, T, repeat, seeded_draws, write_and_report)  # noqa: E402,F401
from heldout34.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2034)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- softmax (rows)
def smx_once(B, H):
    x = rnd(B, H)
    xt = T(x, True)
    y = torch.softmax(xt, 1)
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    g, gx, yv = y.grad.numpy(), xt.grad.numpy(), y.detach().numpy()
    J = jac(lambda v: torch.softmax(v, 1), T(x)).numpy()        # J[b, h, i, j]
    e, Z = np.exp(x), np.exp(x).sum(1)
    r = {"s_chain": True, "s_quot": True, "s_collapse": True, "s_final": True}
    for i in range(B):
        for j in range(H):
            chain = sum(g[b, h] * J[b, h, i, j] for b in range(B) for h in range(H))
            quot = sum(g[b, h] / Z[b] ** 2 * (Z[b] * (e[i, j] if (b == i and h == j) else 0.0)
                                              - e[b, h] * (e[i, j] if b == i else 0.0))
                       for b in range(B) for h in range(H))
            coll = g[i, j] * yv[i, j] - sum(g[i, h] * yv[i, j] * yv[i, h] for h in range(H))
            fin = yv[i, j] * (g[i, j] - sum(g[i, h] * yv[i, h] for h in range(H)))
            r["s_chain"] &= isc(chain, gx[i, j])
            r["s_quot"] &= isc(quot, gx[i, j])
            r["s_collapse"] &= isc(coll, gx[i, j])
            r["s_final"] &= isc(fin, gx[i, j])
    return r


def smx():
    return repeat(smx_once, [(3, 4), (2, 5), (1, 3)])


# ---------------------------------------------------------------- RMSNorm
def rms_once(B, H, eps=1e-5):
    x, w = rnd(B, H), rnd(H)
    xt, wt = T(x, True), T(w, True)
    rt = torch.sqrt((xt ** 2).mean(1, keepdim=True) + eps)
    y = wt * xt / rt
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    g, gx, gw = y.grad.numpy(), xt.grad.numpy(), wt.grad.numpy()
    rv = np.sqrt((x ** 2).mean(1) + eps)
    d = lambda a, b: 1.0 if a == b else 0.0  # noqa: E731
    r = {"r_w3": all(isc(sum(g[b, j] * x[b, j] / rv[b] for b in range(B)), gw[j]) for j in range(H))}
    okb, okf, okF = True, True, True
    for i in range(B):
        for j in range(H):
            br = sum(g[b, h] * w[h] / rv[i] ** 2 * (rv[b] * d(b, i) * d(h, j)
                                                    - x[b, h] / (2 * H * rv[b]) * 2 * x[b, j] * d(b, i))
                     for b in range(B) for h in range(H))
            okb &= isc(br, gx[i, j])
            second = sum(g[b, h] * w[h] / rv[i] ** 2 * x[b, h] / (H * rv[b]) * x[b, j] * d(b, i)
                         for b in range(B) for h in range(H))
            # free index h in w_h: the row holds only if it holds for the fixed h the reader picks;
            # it is refuted when no single h makes it true for every (i, j)
            for h0 in range(H):
                val = g[i, j] * w[h0] / rv[i] - second
                fin = g[i, j] * w[h0] / rv[i] - x[i, j] / (H * rv[i] ** 3) * sum(g[i, h] * w[h] * x[i, h] for h in range(H))
                if not isc(val, gx[i, j]):
                    okf = False
                if not isc(fin, gx[i, j]):
                    okF = False
    r["r_bracket"], r["r_first"], r["r_final"] = okb, okf, okF
    return r


def rms():
    return repeat(rms_once, [(3, 4), (2, 5), (1, 3)])


# ---------------------------------------------------------------- embedding
def emb_once(V, H):
    ids = RNG.integers(0, V, size=V)          # as many tokens as vocabulary rows (the page's v = 1..V)
    w = rnd(V, H)
    wt = T(w, True)
    y = wt[torch.tensor(ids)]
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    g, gw = y.grad.numpy(), wt.grad.numpy()
    I = lambda a, b: 1.0 if a == b else 0.0  # noqa: E731
    r = {"e_first": True, "e_ind3": True, "e_ind2": True, "e_final": True}
    for i in range(V):
        for j in range(H):
            # d/dw_ij of the bracket sum_k I[x_v = k] w_kj is I[x_v = i] for every h
            first = sum(g[v, h] * I(ids[v], i) for v in range(V) for h in range(H))
            ind3 = sum(g[v, h] * sum(I(ids[v], k) * I(i, k) * I(j, h) for k in range(V)) for v in range(V) for h in range(H))
            ind2 = sum(g[v, h] * I(ids[v], i) * I(j, h) for v in range(V) for h in range(H))
            fin = sum(g[v, j] * I(ids[v], i) for v in range(V))
            r["e_first"] &= isc(first, gw[i, j])
            r["e_ind3"] &= isc(ind3, gw[i, j])
            r["e_ind2"] &= isc(ind2, gw[i, j])
            r["e_final"] &= isc(fin, gw[i, j])
    return r


def emb():
    return repeat(emb_once, [(4, 3), (5, 2), (3, 4)])


# ---------------------------------------------------------------- ivory im2col convolution
def im2col(x, fh, fw, s):
    N, C, H, W = x.shape
    oh, ow = (H - fh) // s + 1, (W - fw) // s + 1
    rows = []
    for n in range(N):
        for i in range(oh):
            for j in range(ow):
                rows.append(x[n, :, i * s:i * s + fh, j * s:j * s + fw].reshape(-1))
    return torch.stack(rows), oh, ow


def ivo_once(N, C, H, W, FN, s):
    x, Wf, b = rnd(N, C, H, W), rnd(FN, C, 2, 2), rnd(FN)
    xt = T(x)
    Xh, oh, ow = im2col(xt, 2, 2, s)
    Xh = Xh.detach().requires_grad_(True)
    Wh = T(Wf.reshape(FN, -1).T, True)
    Yh = Xh @ Wh + T(b)
    Yh.retain_grad()
    # the same numbers as torch's conv2d (cross-correlation) after the reshape
    ref = torch.nn.functional.conv2d(xt, T(Wf), T(b), stride=s).permute(0, 2, 3, 1).reshape(-1, FN)
    assert close(Yh, ref)
    L = loss_of(Yh)
    L.backward()
    G = Yh.grad.numpy()
    return {"i_dW": close(Xh.detach().numpy().T @ G, Wh.grad),
            "i_dX": close(G @ Wh.detach().numpy().T, Xh.grad)}


def ivo():
    return repeat(ivo_once, [(2, 2, 3, 4, 3, 1), (1, 3, 5, 5, 2, 2), (3, 1, 4, 4, 4, 1)])


def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
