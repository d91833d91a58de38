"""Independent truth for the sixty-third held-out set (numpy and torch autograd, not symbp):
``python truth_heldout63.py`` writes the ``*.truth.json`` sidecars of ``heldout63/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout63/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).

The set holds a single document, so the table's 30% cap per document cannot apply; the sidecars
are written with ``cap=1.0`` (see ``heldout63/SOURCES.txt``).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout63"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout63.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2063)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- szp06_strojove_uceni_cs
def szp_mlp_once(dims, p, lam):
    """Layers of sigmoid neurons (steepness lam), xi_j = sum_i w_ji y_i + w_j0 (x_0 = 1),
    E_k = 1/2 sum_{j in Y} (y_j - d_kj)^2, E = (1/p) sum_k E_k."""
    sig = lambda v: torch.sigmoid(lam * v)            # noqa: E731
    L = len(dims) - 1
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(L)]
    X = rnd(p, dims[0])
    D = RNG.uniform(0, 1, (p, dims[-1]))

    def forward(x):
        ys, xis = [T(x)], []
        for l in range(L):
            xi = Ws[l] @ ys[-1] + bs[l]
            xi.retain_grad()
            y = sig(xi)
            y.retain_grad()
            xis.append(xi)
            ys.append(y)
        return ys, xis

    # E as the page defines it (mean over the p samples) against the written sum of the E_k
    Etot = sum(0.5 * ((forward(X[k])[0][-1] - T(D[k])) ** 2).sum() for k in range(p)) / p
    gE = torch.autograd.grad(Etot, Ws)
    per = [torch.autograd.grad(0.5 * ((forward(X[k])[0][-1] - T(D[k])) ** 2).sum(), Ws) for k in range(p)]
    ok_sum = all(close(sum(per[k][l] for k in range(p)), gE[l]) for l in range(L))

    ok_chain = ok_out = ok_hid = True
    for k in range(p):
        for W in Ws:
            W.grad = None
        ys, xis = forward(X[k])
        Ek = 0.5 * ((ys[-1] - T(D[k])) ** 2).sum()
        Ek.backward()
        dEdy = [y.grad.numpy() if y.grad is not None else None for y in ys]
        yv = [y.detach().numpy() for y in ys]
        sp = [dphi(sig, xi.detach().numpy()) for xi in xis]
        for l in range(L):
            # dE_k/dw_ji = dE_k/dy_j . sigma'_j(xi_j) . y_i   (y_i the source neuron's output)
            ok_chain &= close(np.outer(dEdy[l + 1] * sp[l], yv[l]), Ws[l].grad)
        ok_out &= close(dEdy[-1], yv[-1] - D[k])
        for l in range(1, L):           # hidden layer l (ys[l]); its successors in layer l+1
            Wn = Ws[l].detach().numpy()
            ok_hid &= close(Wn.T @ (dEdy[l + 1] * sp[l]), dEdy[l])
    return {"mlp_sum_k": ok_sum, "mlp_chain": ok_chain, "mlp_result": ok_chain,
            "dEdy_out": ok_out, "dEdy_hidden": ok_hid}


def szp_conv_once(H, Wd, kh, kw, s, cin, cout):
    """Weight sharing: xi_r = sum_{c,m,n} w[o,c,m,n] y_l[c, i s + m, j s + n] + b_o, y_r = sigma(xi_r);
    dE/dw[o,c,m,n] = sum over the connections (r, l) using that weight of dE/dy_r sigma'(xi_r) y_l."""
    yl = rnd(cin, H, Wd)
    w = T(rnd(cout, cin, kh, kw), True)
    b = T(rnd(cout), True)
    oh, ow = (H - kh) // s + 1, (Wd - kw) // s + 1
    xi = torch.stack([torch.stack([torch.stack([
        (w[o] * T(yl[:, i * s:i * s + kh, j * s:j * s + kw])).sum() + b[o]
        for j in range(ow)]) for i in range(oh)]) for o in range(cout)])
    xi.retain_grad()
    yr = torch.sigmoid(xi)
    yr.retain_grad()
    E = loss_of(yr)
    E.backward()
    dEdy = yr.grad.numpy()
    sp = dphi(torch.sigmoid, xi.detach().numpy())
    G = np.zeros((cout, cin, kh, kw))
    for o in range(cout):
        for c in range(cin):
            for m in range(kh):
                for n in range(kw):
                    G[o, c, m, n] = sum(dEdy[o, i, j] * sp[o, i, j] * yl[c, i * s + m, j * s + n]
                                        for i in range(oh) for j in range(ow))
    return {"conv_shared": close(G, w.grad)}


def szp_pool_once(H, Wd, k):
    """Non-overlapping max pooling y_i = max over its window of y_r; E a generic loss of the y_i."""
    yj = T(rnd(H, Wd), True)
    oh, ow = H // k, Wd // k
    yi = torch.stack([torch.stack([yj[a * k:(a + 1) * k, c * k:(c + 1) * k].max()
                                   for c in range(ow)]) for a in range(oh)])
    yi.retain_grad()
    E = loss_of(yi)
    E.backward()
    v = yj.detach().numpy()
    G = np.zeros((H, Wd))
    for a in range(oh):
        for c in range(ow):
            win = v[a * k:(a + 1) * k, c * k:(c + 1) * k]
            m, n = np.unravel_index(np.argmax(win), win.shape)
            G[a * k + m, c * k + n] = yi.grad.numpy()[a, c]      # argmax gets dE/dy_i, the rest 0
    return {"maxpool": close(G, yj.grad)}


def szp_rnn_once(M, Hh, N, Tn, act):
    """h_t = sigma(U x_t + W h_{t-1}), h_0 = 0, y_t = sigma(V h_t), E = sum_t sum_k 1/2 (y_tk - d_tk)^2."""
    sig = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    U, W, V = T(rnd(Hh, M), True), T(rnd(Hh, Hh), True), T(rnd(N, Hh), True)
    xs, ds = rnd(Tn, M), RNG.uniform(-0.5, 1, (Tn, N))
    h = T(np.zeros(Hh))
    hs, ys, a_s, b_s = [h], [], [], []
    for t in range(Tn):
        a = U @ T(xs[t]) + W @ h
        h = sig(a)
        h.retain_grad()
        bt = V @ h
        y = sig(bt)
        y.retain_grad()
        hs.append(h), ys.append(y), a_s.append(a), b_s.append(bt)
    E = sum(0.5 * ((ys[t] - T(ds[t])) ** 2).sum() for t in range(Tn))
    E.backward()
    dh = [hs[t + 1].grad.numpy() for t in range(Tn)]          # total dE/dh_t
    dy = [ys[t].grad.numpy() for t in range(Tn)]
    sa = [dphi(sig, a_s[t].detach().numpy()) for t in range(Tn)]
    sb = [dphi(sig, b_s[t].detach().numpy()) for t in range(Tn)]
    hv = [x.detach().numpy() for x in hs]
    Vn, Wn = V.detach().numpy(), W.detach().numpy()
    gU = sum(np.outer(dh[t] * sa[t], xs[t]) for t in range(Tn))
    gV = sum(np.outer(dy[t] * sb[t], hv[t + 1]) for t in range(Tn))
    gW = sum(np.outer(dh[t] * sa[t], hv[t]) for t in range(Tn))
    ok_dy = all(close(dy[t], ys[t].detach().numpy() - ds[t]) for t in range(Tn))
    ok_dh = True
    for t in range(Tn):
        rhs = Vn.T @ (dy[t] * sb[t])
        if t + 1 < Tn:
            rhs = rhs + Wn.T @ (dh[t + 1] * sa[t + 1])
        ok_dh &= close(rhs, dh[t])
    return {"rnn_dU": close(gU, U.grad), "rnn_dV": close(gV, V.grad), "rnn_dW": close(gW, W.grad),
            "rnn_dy": ok_dy, "rnn_dh": ok_dh}


def szp():
    r = repeat(szp_mlp_once, [((3, 4, 2), 3, 1.0), ((2, 3, 3, 2), 2, 0.7), ((3, 2, 2), 4, 1.5)])
    r.update(repeat(szp_conv_once, [(5, 5, 3, 3, 1, 1, 1), (6, 7, 2, 2, 2, 2, 3), (7, 6, 3, 2, 2, 2, 3)]))
    r.update(repeat(szp_pool_once, [(4, 4, 2), (6, 6, 3), (6, 4, 2)]))
    r.update(repeat(szp_rnn_once, [(2, 3, 2, 3, "sig"), (3, 2, 2, 4, "tanh"), (2, 4, 3, 2, "sig")]))
    return r


# ---------------------------------------------------------------- sidecars
def main():
    # one document only: the per-document 30% cap of a multi-document set cannot hold
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=1.0)


if __name__ == "__main__":
    main()
