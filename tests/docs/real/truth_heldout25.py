"""Independent truth for the twenty-fifth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout25.py`` writes the ``*.truth.json`` sidecars of ``heldout25/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout25/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout25"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws, dphi,  # noqa: E402,F401
                          write_and_report)
from heldout25.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2525)
torch.set_default_dtype(torch.float64)


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


# ---------------------------------------------------------------- faressc_conv_backprop_en
def conv_true(h, w, b):
    """z[n] = sum_k w[k] h[n-k] + b over the valid positions n = M-1 .. L-1 (index n - (M-1))."""
    L, M = h.shape[0], w.shape[0]
    return torch.stack([sum(w[k] * h[n - k] for k in range(M)) + b for n in range(M - 1, L)])


def eng_once(L, M):
    r = {}
    # output-layer weight gradient
    h, w, b = T(rnd(L), True), T(rnd(M), True), T(rnd(1)[0], True)
    z = conv_true(h, w, b)
    zt = z.detach().requires_grad_(True)
    loss_of(zt).backward()
    delta = np.zeros(L)                       # delta indexed by n (input coordinates)
    delta[M - 1:] = zt.grad.numpy()
    Lz = loss_of  # noqa: F841
    z2 = conv_true(h, w, b)
    G = torch.autograd.grad((z2 * zt.grad).sum(), [w, h])   # dL/dw, dL/dh by the chain rule
    hv, wv = h.detach().numpy(), w.detach().numpy()
    dw_doc = np.array([sum(delta[n] * hv[n - k] for n in range(M - 1, L)) for k in range(M)])
    r["en_dw_out"] = close(dw_doc, G[0])
    # hidden layer: dL/dh[n] = sum_k delta[n+k] w[k], delta zero where z does not exist
    dpad = np.concatenate([delta, np.zeros(M)])
    dh_doc = np.array([sum(dpad[n + k] * wv[k] for k in range(M)) for n in range(L)])
    r["en_dh_hidden"] = close(dh_doc, G[1])
    # transposed convolution
    x, w2, b2 = T(rnd(L), True), T(rnd(M), True), T(rnd(1)[0], True)
    xp = torch.cat([torch.zeros(M - 1), x, torch.zeros(M - 1)])
    Ly = L + M - 1
    y = torch.stack([sum(w2[k] * xp[n + k] for k in range(M)) + b2 for n in range(Ly)])
    yt = y.detach().requires_grad_(True)
    loss_of(yt).backward()
    d = yt.grad.numpy()
    gx, gw = torch.autograd.grad((y * yt.grad).sum(), [x, w2])
    wv2, xpv = w2.detach().numpy(), xp.detach().numpy()

    def dd(i):
        return d[i] if 0 <= i < Ly else 0.0
    dx_doc = np.array([sum(dd(m - k) * wv2[k] for k in range(M)) for m in range(L)])
    r["en_trconv_dx"] = close(dx_doc, gx)
    # the row read in the padded input's coordinates holds (stated in the why)
    xpl = xp.detach().requires_grad_(True)
    y3 = torch.stack([sum(w2.detach()[k] * xpl[n + k] for k in range(M)) for n in range(Ly)])
    gxp = torch.autograd.grad((y3 * yt.grad).sum(), xpl)[0].numpy()
    assert np.allclose([sum(dd(m - k) * wv2[k] for k in range(M)) for m in range(Ly + M - 1)], gxp)
    dw_doc2 = np.array([sum(d[n] * xpv[n + k] for n in range(Ly)) for k in range(M)])
    r["en_trconv_dw"] = close(dw_doc2, gw)
    return r


def eng():
    return repeat(eng_once, [(6, 3), (8, 2), (5, 5), (7, 4)])


# ---------------------------------------------------------------- morgado_treino_cnn_pt
def por_once(C, H, K):
    r = {}
    t = T(rnd(C), True)
    c = int(RNG.integers(C))
    p = torch.softmax(t, 0)
    pv = p.detach().numpy()
    pl = p.detach().requires_grad_(True)
    g = torch.autograd.grad(-torch.log(pl[c]), pl)[0].numpy()
    doc = np.array([(-1.0 / pv[i]) if i == c else 0.0 for i in range(C)])
    r["pt_dL_douts"] = close(doc, g)
    J = torch.autograd.functional.jacobian(lambda tt: torch.softmax(tt, 0)[c], t.detach()).numpy()
    e = np.exp(t.detach().numpy())
    S = e.sum()
    ok = True
    for k in range(C):
        if k == c:
            continue
        dout_dS = -e[c] / S ** 2
        ok &= bool(np.isclose(dout_dS * e[k], J[k], atol=1e-12)) and bool(np.isclose(-e[c] * e[k] / S ** 2, J[k], atol=1e-12))
    r["pt_dout_dtk"] = ok
    r["pt_dout_dtc"] = bool(np.isclose(e[c] * (S - e[c]) / S ** 2, J[c], atol=1e-12))
    # conv filter gradient: sum over output pixels of dL/dout(i,j) dout(i,j)/dfilter(x,y)
    img, flt = T(rnd(H, H)), T(rnd(K, K), True)
    O = H - K + 1

    def conv(f):
        return torch.stack([torch.stack([(img[i:i + K, j:j + K] * f).sum() for j in range(O)]) for i in range(O)])
    out = conv(flt)
    ot = out.detach().requires_grad_(True)
    loss_of(ot).backward()
    gL = ot.grad.numpy()
    gf = torch.autograd.grad((conv(flt) * ot.grad).sum(), flt)[0].numpy()
    Jc = torch.autograd.functional.jacobian(conv, flt.detach()).numpy()   # [i, j, x, y]
    doc = np.einsum("ij,ijxy->xy", gL, Jc)
    r["pt_dL_dfilter"] = close(doc, gf)
    return r


def por():
    return repeat(por_once, [(10, 6, 3), (3, 5, 3), (4, 7, 2)])


# ---------------------------------------------------------------- asmaamirkhan_nn_kavramlari_tr
def tur_once(n_in, n_out, m, act):
    r = {}
    f = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[act]
    A0 = T(rnd(n_in, m), True)
    W, b = T(rnd(n_out, n_in), True), T(rnd(n_out, 1), True)
    Z = W @ A0 + b
    if act == "relu":
        Z = Z.detach() + 0.0
        Zv = away0(n_out, m)
        Z = W @ A0 + b + T(Zv - (W @ A0 + b).detach().numpy())   # shift Z away from 0, same derivatives
    Zl = Z.detach().requires_grad_(True)
    A = f(Zl)
    G = T(rnd(n_out, m))
    Lcols = (G * A).sum(0) + (A ** 3).sum(0) / 3     # the samples' own losses L^(i)
    J = Lcols.mean()
    dA = torch.autograd.grad(Lcols.sum(), A, retain_graph=True)[0].numpy()   # per-sample dL^(i)/dA (columns)
    dZ_true = torch.autograd.grad(Lcols.sum(), Zl, retain_graph=True)[0].numpy()
    gp = dphi(f, Zl.detach().numpy())
    dZ = dA * gp
    r["tr_dZ"] = close(dZ, dZ_true)
    Zfull = W @ A0 + b
    if act == "relu":
        Zfull = Zfull + T(Zv - (W @ A0 + b).detach().numpy())
    Af = f(Zfull)
    Jf = ((G * Af).sum(0) + (Af ** 3).sum(0) / 3).mean()
    gW, gb = torch.autograd.grad(Jf, [W, b], retain_graph=True)
    Lsum = ((G * Af).sum(0) + (Af ** 3).sum(0) / 3).sum()
    gA0 = torch.autograd.grad(Lsum, A0)[0]
    A0v, Wv = A0.detach().numpy(), W.detach().numpy()
    r["tr_dW"] = close(dZ @ A0v.T / m, gW)
    r["tr_db"] = close(dZ.sum(axis=1, keepdims=True) / m, gb)
    r["tr_dA"] = close(Wv.T @ dZ, gA0)
    del J
    return r


def tur():
    return repeat(tur_once, [(3, 2, 4, "sigmoid"), (4, 3, 5, "tanh"), (2, 3, 3, "relu")])


# ---------------------------------------------------------------- ol333_obratnoe_rasprostranenie_ru
def rus_once(n_in, n_hid, n_out):
    x = T(rnd(n_in))
    W1, W2 = T(rnd(n_hid, n_in), True), T(rnd(n_out, n_hid), True)
    Y = T(RNG.random(n_out))
    v1 = (W1 @ x).detach().requires_grad_(True)
    y1 = torch.sigmoid(v1)
    v2 = W2 @ y1
    y2 = torch.sigmoid(v2)
    E = 0.5 * ((Y - y2) ** 2).sum()
    loc_true = -torch.autograd.grad(E, v1)[0].numpy()        # local gradients of the hidden layer
    e = (Y - y2).detach().numpy()
    s2 = y2.detach().numpy()
    d2 = e * s2 * (1 - s2)                                     # output local gradients
    s1 = y1.detach().numpy()
    fp = s1 * (1 - s1)
    W2v = W2.detach().numpy()
    row = fp * np.array([sum(d2[q] * d2[q] for q in range(n_out)) for _ in range(n_hid)])
    with_weight = fp * (W2v.T @ d2)
    assert np.allclose(with_weight, loc_true)                 # the row with the weight in place holds
    return {"ru_delta": close(row, loc_true)}


def rus():
    return repeat(rus_once, [(3, 4, 2), (2, 3, 3)])


# ---------------------------------------------------------------- roscibely_backpropagation_pt
def pbr_once(n_in, n_hid, n_out):
    ok = True
    xin = T(rnd(n_in))
    W1, b1 = T(rnd(n_in, n_hid), True), T(rnd(n_hid))
    W2, b2 = T(rnd(n_hid, n_out), True), T(rnd(n_out))
    t = T(RNG.random(n_out))
    net1 = xin @ W1 + b1
    y1 = torch.sigmoid(net1)
    y1d = y1.detach().requires_grad_(True)
    net2 = y1d @ W2 + b2
    y2 = torch.sigmoid(net2)
    y2d = y2.detach().requires_grad_(True)
    E2 = 0.5 * ((y2d - t) ** 2).sum()
    dE_dy2 = torch.autograd.grad(E2, y2d)[0].numpy()
    E = 0.5 * ((torch.sigmoid(torch.sigmoid(xin @ W1 + b1) @ W2 + b2) - t) ** 2).sum()
    gW1, gW2 = torch.autograd.grad(E, [W1, W2])
    # output layer: dy_j/dw_ij = f'(net_j) y_i
    s2 = y2.detach().numpy()
    y1v = y1.detach().numpy()
    doc2 = np.array([[dE_dy2[j] * s2[j] * (1 - s2[j]) * y1v[i] for j in range(n_out)] for i in range(n_hid)])
    ok &= close(doc2, gW2)
    # hidden layer: dE/dy_j by autograd through the next layer
    Eh = 0.5 * ((torch.sigmoid(y1d @ W2.detach() + b2) - t) ** 2).sum()
    dE_dy1 = torch.autograd.grad(Eh, y1d)[0].numpy()
    xv = xin.numpy()
    doc1 = np.array([[dE_dy1[j] * y1v[j] * (1 - y1v[j]) * xv[i] for j in range(n_hid)] for i in range(n_in)])
    ok &= close(doc1, gW1)
    return {"pb_dE_dwij": ok}


def pbr():
    return repeat(pbr_once, [(3, 4, 2), (2, 3, 3)])


def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=0.3)


if __name__ == "__main__":
    main()
