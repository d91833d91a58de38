"""Independent truth for the fifty-eighth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout58.py`` writes the ``*.truth.json`` sidecars of ``heldout58/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout58/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout58"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout58.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2058)
torch.set_default_dtype(torch.float64)
ACTS = {"sig": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}


def grad_of(L, *xs):
    return [g.numpy() for g in torch.autograd.grad(L, xs, retain_graph=True)]


# ---------------------------------------------------------------- kyoheyyy_backprop_cheatsheet_ja
def kyo_once(n_in, n_out, N, act):
    f = ACTS[act]
    r = {}
    # addition and product nodes (vectors for the sum, scalars for the product)
    a, b = T(rnd(n_in), True), T(rnd(n_in), True)
    y = a + b
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    r["add"] = close(a.grad, y.grad) and close(b.grad, y.grad)
    a, b = T(rnd(1)[0], True), T(rnd(1)[0], True)
    y = a * b
    y.retain_grad()
    loss_of(y).backward()
    r["mul"] = isc(a.grad.item(), b.item() * y.grad.item()) and isc(b.grad.item(), a.item() * y.grad.item())
    # entrywise activation
    z = T(rnd(n_in), True)
    y = f(z)
    y.retain_grad()
    loss_of(y).backward()
    r["act_vec"] = close(y.grad.numpy() * dphi(f, z.detach().numpy()), z.grad)
    # matrix product Y = A B
    A, B = T(rnd(n_out, n_in), True), T(rnd(n_in, N), True)
    Y = A @ B
    Y.retain_grad()
    loss_of(Y).backward()
    dY = Y.grad.numpy()
    r["matmul"] = close(dY @ B.detach().numpy().T, A.grad) and close(A.detach().numpy().T @ dY, B.grad)
    # Affine layer, one sample (columns)
    x = T(rnd(n_in, 1), True)
    W, bb = T(rnd(n_out, n_in), True), T(rnd(n_out, 1), True)
    zz = W @ x + bb
    zz.retain_grad()
    yy = f(zz)
    yy.retain_grad()
    loss_of(yy).backward()
    delta = yy.grad.numpy() * dphi(f, zz.detach().numpy())
    r["aff_delta"] = close(delta, zz.grad)
    r["aff_grads"] = (close(delta @ x.detach().numpy().T, W.grad) and close(delta, bb.grad)
                      and close(W.detach().numpy().T @ delta, x.grad))
    # mini-batch: L = mean of per-sample losses, Delta = per-sample deltas as columns
    X = T(rnd(n_in, N), True)
    W, bb = T(rnd(n_out, n_in), True), T(rnd(n_out, 1), True)
    Z = W @ X + bb
    Yb = f(Z)
    G = T(rnd(n_out, N))
    per = (G * Yb).sum(0) + (Yb ** 3).sum(0) / 3          # one loss per sample (column)
    Lm = per.mean()
    gW, gb, gX = grad_of(Lm, W, bb, X)
    Delta = np.stack([grad_of(per[n], Z)[0][:, n] for n in range(N)], axis=1)   # dL_n/dz^{(n)}
    Wv, Xv = W.detach().numpy(), X.detach().numpy()
    r["mb_dW"] = close(Delta @ Xv.T / N, gW)
    r["mb_db"] = close(Delta.sum(axis=1, keepdims=True) / N, gb)
    r["mb_dX"] = close(Wv.T @ Delta, gX)
    return r


def kyo():
    return repeat(kyo_once, [(3, 2, 4, "tanh"), (4, 5, 3, "sig"), (2, 3, 6, "relu")])


# ---------------------------------------------------------------- xindai_ai_yingyong_zh
def xin_once(n, m, cols, act):
    f = ACTS[act]
    r = {}
    # one neuron
    x = rnd(n)
    w, b = T(rnd(n), True), T(rnd(1)[0], True)
    z = (w * T(x)).sum() + b
    z.retain_grad()
    a = f(z)
    a.retain_grad()
    loss_of(a.reshape(1)).backward()
    dz = z.grad.item()
    r["mlp_dz"] = isc(dz, a.grad.item() * dphi(f, np.array([z.item()]))[0])
    r["mlp_dw"] = close(x * dz, w.grad)            # x^T dz: the same entries
    r["mlp_db"] = isc(b.grad.item(), dz)
    # the page's "CNN": h_ij = sum_k w_ik x_kj + b, b one scalar
    Xc = rnd(n, cols)
    Wc, bc = T(rnd(m, n), True), T(rnd(1)[0], True)
    H = Wc @ T(Xc) + bc
    H.retain_grad()
    loss_of(f(H)).backward()
    dH = H.grad.numpy()
    ok = True
    for i in range(m):
        for k in range(n):
            for j in range(cols):
                ok &= isc(Xc[k, j] * dH[i, j], Wc.grad[i, k].item())
    r["cnn_dw"] = ok
    r["cnn_db"] = all(isc(bc.grad.item(), dH[i, j]) for i in range(m) for j in range(cols))
    # RNN step from a given h_0
    h0, xt = rnd(m), rnd(n)
    Wh, Wx, bh = T(rnd(m, m), True), T(rnd(m, n), True), T(rnd(m), True)
    u = Wh @ T(h0) + Wx @ T(xt) + bh
    h1 = f(u)
    h1.retain_grad()
    Wy, by = T(rnd(m, m)), T(rnd(m))
    yt = torch.sigmoid(Wy @ h1 + by)
    loss_of(yt).backward()
    dh = h1.grad.numpy()
    true_dWh = Wh.grad.numpy()
    written = h0 @ dh                                  # h_{t-1}^T Delta h_t: a number
    # the row's value is a number (a 1x1 product); even read as the outer product dh h0^T (no sigma') it differs
    r["rnn_dWh"] = close(np.array(written), true_dWh) or close(np.outer(dh, h0), true_dWh)
    r["rnn_dbh"] = close(dh, bh.grad)
    # LSTM cell h_t = (1 - f) * h_{t-1} + i * g, gates as the nodes the rows differentiate by
    hp = rnd(m)
    fg, ig, gg = (T(1 / (1 + np.exp(-rnd(m))), True) for _ in range(3))
    ht = (1 - fg) * T(hp) + ig * gg
    ht.retain_grad()
    loss_of(ht).backward()
    dht = ht.grad.numpy()
    r["lstm_df"] = close(dht * (1 - fg.detach().numpy()), fg.grad)
    r["lstm_di"] = close(dht * gg.detach().numpy(), ig.grad)
    return r


def xin():
    return repeat(xin_once, [(3, 2, 3, "tanh"), (5, 3, 4, "sig"), (2, 4, 2, "tanh")])


# ---------------------------------------------------------------- ffnn_backprop_frage_antwort_de
def ffn_once(dims, act, loss):
    f = ACTS[act]
    x = T(rnd(dims[0], 1))
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(len(dims) - 1)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(len(dims) - 1)]
    a, As, Zs = x, [x], []
    for W, b in zip(Ws, bs):
        z = W @ a + b
        z.retain_grad()
        Zs.append(z)
        a = f(z)
        a.retain_grad()
        As.append(a)
    y = T(rnd(dims[-1], 1))
    E = 0.5 * ((y - a) ** 2).sum() if loss == "mse" else loss_of(a)
    E.backward()
    Lc = len(Ws)
    d = [Z.grad.numpy() for Z in Zs]
    fp = [dphi(f, Z.detach().numpy()) for Z in Zs]
    av = [A.detach().numpy() for A in As]
    Wv = [W.detach().numpy() for W in Ws]
    r = {}
    if loss == "mse":
        r["d_out"] = close((av[-1] - y.numpy()) * fp[-1], d[-1])
    r["d_hid"] = all(close(np.array([[sum(Wv[l + 1][k, j] * d[l + 1][k, 0] for k in range(dims[l + 2])) * fp[l][j, 0]]
                                      for j in range(dims[l + 1])]).reshape(-1, 1), d[l]) for l in range(Lc - 1))
    r["dE_dw"] = all(isc(av[l][i, 0] * d[l][j, 0], Ws[l].grad[j, i].item())
                     for l in range(Lc) for j in range(dims[l + 1]) for i in range(dims[l]))
    r["dE_db"] = all(close(d[l], bs[l].grad) for l in range(Lc))
    r["m_dL"] = close(As[-1].grad.numpy() * fp[-1], d[-1])
    r["m_dWL"] = close(d[-1] @ av[-2].T, Ws[-1].grad)
    r["m_dbL"] = close(d[-1], bs[-1].grad)
    r["m_dl"] = all(close((Wv[l + 1].T @ d[l + 1]) * fp[l], d[l]) for l in range(Lc - 1))
    r["m_dWl"] = all(close(d[l] @ av[l].T, Ws[l].grad) for l in range(Lc - 1))
    return r


def ffn():
    return repeat(ffn_once, [((3, 4, 2), "sig", "mse"), ((2, 3, 3, 2), "tanh", "mse"), ((4, 2, 3), "sig", "gen"),
                             ((3, 4, 2), "tanh", "gen")])


# ---------------------------------------------------------------- mlp_modular_readme_pt
def mlp_once(n_in, C, m):
    X = rnd(n_in, m)
    Y = np.zeros((C, m))
    Y[RNG.integers(C, size=m), np.arange(m)] = 1.0
    W, b = T(rnd(C, n_in), True), T(rnd(C, 1), True)
    Z = W @ T(X) + b
    Z.retain_grad()
    A = torch.softmax(Z, dim=0)
    L = -(T(Y) * torch.log(A)).sum() / m
    L.backward()
    dZ = A.detach().numpy() - Y
    return {"dW": close(dZ @ X.T / m, W.grad), "dZ": close(dZ, Z.grad)}


def mlp():
    return repeat(mlp_once, [(3, 3, 4), (4, 5, 3), (2, 3, 6)])


# ---------------------------------------------------------------- rflab_dsp_lect11_gda_ru
def rfl_once(N, M, conv):
    if conv:                                           # X the convolution matrix of a signal: (X c)_k = sum_m c_m x_{k-m}
        sig = rnd(N)
        X = np.array([[sig[k - mm] if k - mm >= 0 else 0.0 for mm in range(M)] for k in range(N)])
    else:
        X = rnd(N, M)
    y = rnd(N)
    c = T(rnd(M), True)
    e = T(y) - T(X) @ c
    P = e @ e
    P.backward()
    A = 2 * X.T @ X
    d = -2 * X.T @ y
    return {"grad": close(A @ c.detach().numpy() + d, c.grad)}


def rfl():
    return repeat(rfl_once, [(6, 3, True), (8, 4, False), (5, 2, True)])


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(f"\n{doc}")
        for cid, _, why in claims:
            print(f"  {cid:10s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
