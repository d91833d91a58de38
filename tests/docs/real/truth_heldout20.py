"""Independent truth for the twentieth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout20.py`` writes the ``*.truth.json`` sidecars of ``heldout20/``,
by the method and in the format of ``truth_heldout19.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout20/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout20"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout20.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2020)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
onehot = onehot_of(RNG)


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


# ---------------------------------------------------------------- tiepvu_mlp_backprop_vi
def vie_net_once(dims, N, act):
    """Layers z^{(l)} = W^{(l)T} a^{(l-1)} + b^{(l)} (W^{(l)}: d^{(l-1)} x d^{(l)}), a = f(z), N columns,
    J = a drawn non-linear function of the last pre-activation Z^{(L)} (any loss of the batch)."""
    L = len(dims) - 1
    X = rnd(dims[0], N)
    Ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    A, Zs, As = T(X), [], [T(X)]
    for l in range(L):
        Z = Ws[l].T @ A + bs[l]
        Z.retain_grad()
        Zs.append(Z)
        A = f(Z) if l < L - 1 else Z
        if l < L - 1:
            A.retain_grad()
        As.append(A)
    J = loss_of(Zs[-1])
    J.backward()
    E = [Z.grad.numpy() for Z in Zs]
    gW = [W.grad.numpy() for W in Ws]
    gb = [b.grad.numpy() for b in bs]
    Av = [a.detach().numpy() for a in As]
    Wv = [W.detach().numpy() for W in Ws]
    fp = [dphi(f, Z.detach().numpy()) for Z in Zs]
    r = {}
    # last layer, layer index L-1 (0-based), entry by entry, for each column n (one example)
    if N == 1:
        eL, aL1 = E[-1][:, 0], Av[-2][:, 0]
        r["wL"] = all(isc(gW[-1][i, j], eL[j] * aL1[i]) for i in range(dims[-2]) for j in range(dims[-1]))
        r["bL"] = all(isc(gb[-1][j, 0], eL[j]) for j in range(dims[-1]))
        ok1, ok2, ok3 = True, True, True
        for l in range(L - 1):                 # hidden layers: e^{(l)} from e^{(l+1)}
            el, en, Wn = E[l][:, 0], E[l + 1][:, 0], Wv[l + 1]
            for j in range(dims[l + 1]):
                s = sum(en[k] * Wn[j, k] for k in range(dims[l + 2])) * fp[l][j, 0]
                ok1 &= isc(s, el[j])
                ok2 &= isc((Wn[j, :] @ en) * fp[l][j, 0], el[j])
            ok3 &= close((Wn @ en) * fp[l][:, 0], el)
        r["el_sum"], r["el_row"], r["el_vec"] = ok1, ok2, ok3
        r["WL_vec"] = close(np.outer(aL1, eL), gW[-1])
    r["WL_batch"] = close(Av[-2] @ E[-1].T, gW[-1])
    r["bL_batch"] = close(E[-1].sum(axis=1, keepdims=True), gb[-1])
    r["El_batch"] = all(close((Wv[l + 1] @ E[l + 1]) * fp[l], E[l]) for l in range(L - 1))
    return r


def vie_example_once(d0, d1, C, N):
    X = rnd(d0, N)
    W1, b1, W2, b2 = T(rnd(d0, d1), True), T(rnd(d1, 1), True), T(rnd(d1, C), True), T(rnd(C, 1), True)
    Y = np.stack([onehot(C) for _ in range(N)], axis=1)
    Z1 = W1.T @ T(X) + b1
    if (Z1.detach().abs() < 1e-3).any():
        return {}
    Z1.retain_grad()
    A1 = torch.relu(Z1)
    Z2 = W2.T @ A1 + b2
    Z2.retain_grad()
    J = -(T(Y) * torch.log_softmax(Z2, 0)).sum() / N
    J.backward()
    Yh = torch.softmax(Z2.detach(), 0).numpy()
    E2 = (Yh - Y) / N
    E1 = (W2.detach().numpy() @ E2) * (Z1.detach().numpy() > 0)
    return {"E2": close(E2, Z2.grad), "E1": close(E1, Z1.grad), "W1": close(X @ E1.T, W1.grad)}


def vie():
    res = repeat(lambda d, a: vie_net_once(d, 1, a), [((3, 4, 2), "tanh"), ((2, 3, 4, 3), "sig"), ((4, 2, 3, 2), "tanh")])
    res.update(repeat(lambda d, a: {k: v for k, v in vie_net_once(d, 5, a).items() if "batch" in k},
                      [((3, 4, 2), "sig"), ((2, 3, 4, 3), "tanh")]))
    res.update(repeat(vie_example_once, [(2, 5, 3, 4), (3, 4, 3, 6)]))
    return res


# ---------------------------------------------------------------- koesan_micrograd_tanh_tr
def tur_graph(a, b, c, f):
    at, bt, ct, ft = (T(v, True) for v in (a, b, c, f))
    e = at * bt
    d = e + ct
    d.retain_grad()
    L = d * ft
    L.backward()
    return {k: v.grad.item() for k, v in (("a", at), ("b", bt), ("c", ct), ("f", ft), ("d", d))}, d.item()


def tur_sym_once():
    a, b, c, f = rnd(4)
    at, bt, ct = T(a), T(b, True), T(c)
    dd_db = torch.autograd.grad(at * bt + ct, bt)[0].item()
    g, d = tur_graph(a, b, c, f)
    x = rnd(5) * 2
    dt = dphi(torch.tanh, x)
    tanh_d = close(1 - np.tanh(x) ** 2, dt) and close(1 / np.cosh(x) ** 2, dt)
    return {"dd_db": isc(dd_db, a + 0), "dL_dd": isc(g["d"], f), "dL_df": isc(g["f"], d),
            "tanh_d": tanh_d, "do_dn": close(1 - np.tanh(x) ** 2, dt)}


def tur():
    res = repeat(tur_sym_once, [()] * 3)
    g, _ = tur_graph(2.0, -3.0, 10.0, -2.0)
    res["dL_dc_num"] = verdict(isc(g["c"], -2.0) and isc((-2) * 1, g["c"]))
    res["dL_da_num"] = verdict(isc(g["a"], 6.0) and isc((-2) * (-3.0), g["a"]))
    res["dL_db_num"] = verdict(isc(g["b"], -4.0) and isc((-2) * 2.0, g["b"]))
    # the neuron: o = tanh(x1 w1 + x2 w2 + b), o = 0.7071 as the text gives it (micrograd's bias)
    x1, x2, w1, w2, b = 2.0, 0.0, -3.0, 1.0, 6.8813735870195432
    ts = [T(v, True) for v in (x1, x2, w1, w2, b)]
    o = torch.tanh(ts[0] * ts[2] + ts[1] * ts[3] + ts[4])
    o.backward()
    gx1, gx2, gw1, gw2, gb = (t.grad.item() for t in ts)
    assert rounded(0.7071, o.item())
    dn = 1 - 0.7071 ** 2
    res["do_db_num"] = verdict(rounded(0.5, gb) and rounded(0.5, dn))
    res["do_dx1_num"] = verdict(rounded(-1.5, gx1) and isc(0.5 * (-3.0), -1.5))
    res["do_dw1_num"] = verdict(rounded(1.0, gw1) and isc(0.5 * 2.0, 1.0))
    res["do_dx2_num"] = verdict(rounded(0.5, gx2) and isc(0.5 * 1.0, 0.5))
    return res


# ---------------------------------------------------------------- step1_cnn_math_en
def eng_conv_once(H, W, kh, kw, s):
    X, K, b = rnd(H, W), rnd(kh, kw), rnd(1)[0]
    Xt, Kt, bt = T(X, True), T(K, True), T(b, True)
    OH, OW = (H - kh) // s + 1, (W - kw) // s + 1
    Z = torch.stack([torch.stack([(Xt[i * s:i * s + kh, j * s:j * s + kw] * Kt).sum() + bt
                                  for j in range(OW)]) for i in range(OH)])
    Z.retain_grad()
    L = loss_of(Z)
    L.backward()
    d = Z.grad.numpy()
    dZdb = jac(lambda v: torch.stack([torch.stack([(T(X)[i * s:i * s + kh, j * s:j * s + kw] * T(K)).sum() + v
                                                   for j in range(OW)]) for i in range(OH)]), T(b)).numpy()
    JK = jac(lambda k: torch.stack([torch.stack([(T(X)[i * s:i * s + kh, j * s:j * s + kw] * k).sum()
                                                 for j in range(OW)]) for i in range(OH)]), T(K)).numpy()
    r = {"dZ_db": close(dZdb, np.ones((OH, OW))),
         "dZ_dK": all(isc(JK[i, j, m, n], X[i * s + m, j * s + n])
                      for i in range(OH) for j in range(OW) for m in range(kh) for n in range(kw)),
         "dL_db": isc(d.sum(), bt.grad.item()),
         "dL_dK": close(np.array([[sum(d[i, j] * X[i * s + m, j * s + n] for i in range(OH) for j in range(OW))
                                   for n in range(kw)] for m in range(kh)]), Kt.grad)}
    if s == 1:
        def dd(i, j):
            return d[i, j] if 0 <= i < OH and 0 <= j < OW else 0.0
        claimX = np.array([[sum(dd(rr - m, cc - n) * K[m, n] for m in range(kh) for n in range(kw))
                            for cc in range(W)] for rr in range(H)])
        Kr = K[::-1, ::-1]
        # the document's * (Q3): true convolution, full mode, of delta with rot180(K)
        fullconv = np.array([[sum(dd(rr - m, cc - n) * Kr[m, n] for m in range(kh) for n in range(kw))
                              for cc in range(W)] for rr in range(H)])
        r["dL_dX"] = close(claimX, Xt.grad)
        r["full_rot"] = close(fullconv, Xt.grad)
    return r


def eng_act_once(n):
    z = away0(n, n)
    zt = T(z, True)
    A = torch.relu(zt)
    G = rnd(n, n)
    (T(G) * A).sum().backward()
    return {"relu_d": close((z > 0).astype(float), dphi(torch.relu, z)),
            "relu_bp": close(G * (z > 0), zt.grad)}


def eng_pool_once(A, dP):
    """2x2 max pooling, stride 1 (the document's setup): autograd against the row's one-window mask."""
    H, W = A.shape
    At = T(A, True)
    P = torch.stack([torch.stack([At[i:i + 2, j:j + 2].max() for j in range(W - 1)]) for i in range(H - 1)])
    (T(dP) * P).sum().backward()
    row = np.zeros_like(A)
    for i in range(H - 1):
        for j in range(W - 1):
            win = A[i:i + 2, j:j + 2]
            r, c = np.unravel_index(np.argmax(win), win.shape)
            row[i + r, j + c] = dP[i, j]          # the row: the argmax gets delta_{i,j}, one window's
    return {"pool_bp": close(row, At.grad)}


def eng():
    res = repeat(eng_conv_once, [(5, 5, 3, 3, 1), (4, 6, 2, 3, 1), (7, 7, 3, 3, 2)])
    res.update(repeat(eng_act_once, [(3,), (4,)]))
    Adoc = np.array([[12.0, 12.0, 17.0], [10.0, 17.0, 19.0], [9.0, 6.0, 14.0]])
    res.update(repeat(lambda: eng_pool_once(Adoc, rnd(2, 2)), [()]))
    res.update(repeat(lambda: eng_pool_once(np.array([[0.1, 0.2, 0.3], [0.4, 5.0, 0.5], [0.6, 0.7, 0.8]]), rnd(2, 2)), [()]))
    return res


# ---------------------------------------------------------------- nndl_ch2_notes_zh
def chi_once(dims):
    L = len(dims) - 1
    x, y = rnd(dims[0]), rnd(dims[-1])
    ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(L)]
    def forward(quad):
        a, zs, acts = T(x), [], [T(x)]
        for l in range(L):
            z = ws[l] @ a + bs[l]
            z.retain_grad()
            zs.append(z)
            a = torch.sigmoid(z)
            a.retain_grad()
            acts.append(a)
        C = 0.5 * ((T(y) - a) ** 2).sum() if quad else loss_of(a)
        return C, zs, acts
    r = {}
    for quad in (False, True):
        for p in ws + bs:
            p.grad = None
        C, zs, acts = forward(quad)
        C.backward()
        delta = [z.grad.numpy() for z in zs]
        zv = [z.detach().numpy() for z in zs]
        av = [a.detach().numpy() for a in acts]
        dCda = acts[-1].grad.numpy()
        sp = [dphi(torch.sigmoid, z) for z in zv]
        wv = [w.detach().numpy() for w in ws]
        if quad:
            r["eq30"] = close((av[-1] - y) * sp[-1], delta[-1])
            continue
        Jsig = jac(torch.sigmoid, T(zv[-1])).numpy()        # [k, j] = d a^L_k / d z^L_j
        r["bp1"] = all(isc(dCda[j] * sp[-1][j], delta[-1][j]) for j in range(dims[-1]))
        r["bp1a"] = close(dCda * sp[-1], delta[-1])
        r["eq33"] = close(np.diag(sp[-1]) @ dCda, delta[-1])
        r["eq37"] = all(isc(sum(dCda[k] * Jsig[k, j] for k in range(dims[-1])), delta[-1][j]) for j in range(dims[-1]))
        r["eq38"] = all(isc(dCda[j] * Jsig[j, j], delta[-1][j]) for j in range(dims[-1]))
        ok2, ok34, ok44, ok45 = True, True, True, True
        for l in range(L - 1):
            ok2 &= close((wv[l + 1].T @ delta[l + 1]) * sp[l], delta[l])
            ok34 &= close(np.diag(sp[l]) @ wv[l + 1].T @ delta[l + 1], delta[l])
            Jz = jac(lambda v: T(wv[l + 1]) @ torch.sigmoid(v) + bs[l + 1].detach(), T(zv[l])).numpy()
            ok44 &= all(isc(Jz[k, j], wv[l + 1][k, j] * sp[l][j]) for k in range(dims[l + 2]) for j in range(dims[l + 1]))
            ok45 &= all(isc(sum(wv[l + 1][k, j] * delta[l + 1][k] for k in range(dims[l + 2])) * sp[l][j], delta[l][j])
                        for j in range(dims[l + 1]))
        r["bp2"], r["eq34"], r["eq44"], r["eq45"] = ok2, ok34, ok44, ok45
        r["bp3"] = all(close(bs[l].grad, delta[l]) for l in range(L))
        r["bp4"] = all(isc(ws[l].grad[j, k].item(), av[l][k] * delta[l][j])
                       for l in range(L) for j in range(dims[l + 1]) for k in range(dims[l]))
    return r


def chi():
    return repeat(chi_once, [((3, 4, 2),), ((2, 3, 4, 3),), ((4, 2, 3, 2),)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
