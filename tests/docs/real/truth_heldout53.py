"""Independent truth for the fifty-third held-out set (numpy and torch autograd, not symbp):
``python truth_heldout53.py`` writes the ``*.truth.json`` sidecars of ``heldout53/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout53/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.  Only two documents were delivered in the time given, so the per-document cap of
``write_and_report`` is raised to 0.75 (see ``heldout53/SOURCES.txt``).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout53"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout53.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2053)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- nyu_dlsp21_strided_conv1d_en
def nyu_forward(x, W, S=2):
    """f[i, j] = sum_{k, l} x[l, S j + k] W[i, l, k] (the page's (c)(i), stride S = 2)."""
    Co, Ci, K = W.shape
    n = (x.shape[1] - K) // S + 1
    return torch.stack([torch.stack([(x[:, S * j:S * j + K] * W[i]).sum() for j in range(n)])
                        for i in range(Co)])


def nyu_once(Co, N):
    Ci, K, S = 2, 3, 2
    x, W = T(rnd(Ci, N)), T(rnd(Co, Ci, K))
    n = (N - K) // S + 1
    JW = jac(lambda w: nyu_forward(x, w), W).numpy()       # [i, j, i', l, k]
    Jx = jac(lambda v: nyu_forward(v, W), x).numpy()       # [i, j, l, p]
    xv, Wv = x.numpy(), W.numpy()
    # (ii): [a, b, e, d, c] = d f[a, b] / d W[i=c, l=d, k=e]; written x[d, 2b + e] [a = c]
    ok2 = all(isc(JW[a, b, c, d, e], xv[d, 2 * b + e] * (a == c))
              for a in range(Co) for b in range(n) for e in range(K) for d in range(Ci) for c in range(Co))
    # (iii): [a, b, d, c] = d f[a, b] / d x[c, d]; written sum_k W[a, c, k] [k = d - b]
    ok3 = all(isc(Jx[a, b, c, d], sum(Wv[a, c, k] * (k == d - b) for k in range(K)))
              for a in range(Co) for b in range(n) for d in range(N) for c in range(Ci))
    # (iv)
    Wt = T(Wv, True)
    f = nyu_forward(x, Wt)
    f.retain_grad()
    L = loss_of(f)
    L.backward()
    g, gW = f.grad.numpy(), Wt.grad.numpy()                # g[i, j] = dl/df[i, j]; gW[i, l, k]
    chain = np.einsum("ij,ijabc->abc", g, JW)
    okch = close(chain, gW)
    oksum = all(isc(sum(g[i, j] * JW[i, j, a, b, c] for i in range(Co) for j in range(n)), gW[a, b, c])
                for a in range(Co) for b in range(Ci) for c in range(K))
    okdel = all(isc(sum(g[i, j] * xv[b, 2 * j + c] * (i == a) for i in range(Co) for j in range(n)), gW[a, b, c])
                for a in range(Co) for b in range(Ci) for c in range(K))
    okfin = all(isc(sum(g[a, j] * xv[b, 2 * j + c] for j in range(n)), gW[a, b, c])
                for a in range(Co) for b in range(Ci) for c in range(K))
    return {"c2_dfdW": ok2, "c3_dfdx": ok3, "c4_chain": okch, "c4_sum": oksum,
            "c4_delta": okdel, "c4_final": okfin}


def nyu():
    return repeat(nyu_once, [(1, 5), (2, 5), (1, 7)])


# ---------------------------------------------------------------- yinhangfeng_bp_proof_zh
def yhf_once(dims, quadratic):
    L = len(dims) - 1
    y = RNG.uniform(0, 1, (dims[-1], 1))
    ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    a0 = T(rnd(dims[0], 1))
    zs, As = [], [a0]
    a = a0
    for l in range(L):
        z = ws[l] @ a + bs[l]
        z.retain_grad()
        a = torch.sigmoid(z)
        a.retain_grad()
        zs.append(z)
        As.append(a)
    C = 0.5 * ((T(y) - a) ** 2).sum() if quadratic else loss_of(a)
    C.backward()
    d = [z.grad.numpy() for z in zs]                      # delta^l (layer l+1 of the page)
    gA = [A.grad.numpy() for A in As[1:]]                 # dC/da^l
    zv = [z.detach().numpy() for z in zs]
    av = [A.detach().numpy() for A in As]
    Wv = [w.detach().numpy() for w in ws]
    sp = [dphi(torch.sigmoid, z) for z in zv]
    r = {}
    ok2 = ok3 = ok4 = True
    for l in range(L):
        Ja = jac(torch.sigmoid, T(zv[l])).numpy().reshape(dims[l + 1], dims[l + 1])   # [k, j] = da_k/dz_j
        n = dims[l + 1]
        ok2 &= all(isc(sum(gA[l][k, 0] * Ja[k, j] for k in range(n)), d[l][j, 0]) for j in range(n))
        ok3 &= all(isc(gA[l][j, 0] * Ja[j, j], d[l][j, 0]) for j in range(n))
        ok4 &= all(isc(gA[l][j, 0] * sp[l][j, 0], d[l][j, 0]) for j in range(n))
    r.update({"eq2": ok2, "eq3": ok3, "eq4": ok4})
    r["eq5"] = all(isc(gA[-1][j, 0] * sp[-1][j, 0], d[-1][j, 0]) for j in range(dims[-1]))
    r["eqA"] = close(gA[-1] * sp[-1], d[-1])
    r["quad"] = close((av[-1] - y) * sp[-1], d[-1]) if quadratic else True
    ok6 = ok8 = ok9 = okB = True
    for l in range(L - 1):
        W = Wv[l + 1]
        bn = bs[l + 1].detach()
        Jz = jac(lambda v: T(W) @ torch.sigmoid(v) + bn, T(zv[l])).numpy().reshape(W.shape[0], W.shape[1])
        ok6 &= all(isc(sum(d[l + 1][k, 0] * Jz[k, j] for k in range(W.shape[0])), d[l][j, 0]) for j in range(W.shape[1]))
        ok8 &= all(isc(Jz[k, j], W[k, j] * sp[l][j, 0]) for k in range(W.shape[0]) for j in range(W.shape[1]))
        ok9 &= all(isc(sum(d[l + 1][k, 0] * W[k, j] * sp[l][j, 0] for k in range(W.shape[0])), d[l][j, 0])
                   for j in range(W.shape[1]))
        okB &= close((W.T @ d[l + 1]) * sp[l], d[l])
    r.update({"eq6": ok6, "eq8": ok8, "eq9": ok9, "eqB": okB})
    ok11 = ok12 = ok13 = okC = ok14 = ok16 = ok17 = okD = True
    for l in range(L):
        gw, gb = ws[l].grad.numpy(), bs[l].grad.numpy()
        prev = av[l]
        bl = bs[l].detach()
        Jw = jac(lambda w: w @ T(prev) + bl, T(Wv[l])).numpy().reshape(dims[l + 1], dims[l + 1], dims[l])  # [p, j, k]
        wl = T(Wv[l])
        Jb = jac(lambda b: wl @ T(prev) + b, T(bs[l].detach().numpy())).numpy().reshape(dims[l + 1], dims[l + 1])
        for j in range(dims[l + 1]):
            ok16 &= isc(Jb[j, j], 1.0)
            ok14 &= isc(sum(d[l][p, 0] * Jb[p, j] for p in range(dims[l + 1])), gb[j, 0]) and isc(d[l][j, 0] * Jb[j, j], gb[j, 0])
            ok17 &= isc(gb[j, 0], d[l][j, 0])
            for k in range(dims[l]):
                ok11 &= isc(sum(d[l][p, 0] * Jw[p, j, k] for p in range(dims[l + 1])), gw[j, k]) and isc(d[l][j, 0] * Jw[j, j, k], gw[j, k])
                ok12 &= isc(Jw[j, j, k], prev[k, 0])
                ok13 &= isc(gw[j, k], d[l][j, 0] * prev[k, 0])
        okC &= close(d[l] @ prev.T, gw)
        okD &= close(d[l], gb)
    r.update({"eq11": ok11, "eq12": ok12, "eq13": ok13, "eqC": okC, "eq14": ok14,
              "eq16": ok16, "eq17": ok17, "eqD": okD})
    return r


def yhf():
    return repeat(yhf_once, [((3, 4, 2), True), ((2, 3, 3, 2), True), ((4, 2, 3), False)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=0.75)


if __name__ == "__main__":
    main()
