"""Independent truth for the fifty-seventh held-out set (numpy and torch autograd, not symbp):
``python truth_heldout57.py`` writes the ``*.truth.json`` sidecars of ``heldout57/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout57/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout57"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout57.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2057)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def sig_T(Tmp):
    return lambda z: torch.sigmoid(z / Tmp)


def bce(p, y):
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p))


# ---------------------------------------------------------------- uim_cviceni10_backprop_cs
def uim_once(dims, N, act):
    """Rows are samples: Z_l = A_{l-1} W_l + b_l, A_l = f(Z_l); a drawn non-linear loss of Y-hat."""
    f = torch.tanh if act == "tanh" else sig_T(act)
    X = T(rnd(N, dims[0]), True)
    Ws = [T(rnd(dims[i], dims[i + 1]), True) for i in range(len(dims) - 1)]
    bs = [T(rnd(dims[i + 1]), True) for i in range(len(dims) - 1)]
    As, Zs = [X], []
    for W, b in zip(Ws, bs):
        Z = As[-1] @ W + b
        Z.retain_grad()
        A = f(Z)
        A.retain_grad()
        Zs.append(Z)
        As.append(A)
    loss_of(As[-1]).backward()
    Lc = len(Ws)
    fp = [dphi(f, Z.detach().numpy()) for Z in Zs]
    d = [Z.grad.numpy() for Z in Zs]
    a = [A.detach().numpy() for A in As]
    Wv = [W.detach().numpy() for W in Ws]
    ok_dz = all(close(As[l + 1].grad.numpy() * fp[l], d[l]) for l in range(Lc))
    ok_dW = all(close(a[l].T @ d[l], Ws[l].grad) for l in range(Lc))
    ok_da = all(close(d[l] @ Wv[l].T, As[l].grad) for l in range(Lc))
    ok_dL = close(As[-1].grad.numpy() * fp[-1], d[-1])
    ok_dl = all(close((d[l + 1] @ Wv[l + 1].T) * fp[l], d[l]) for l in range(Lc - 1))
    ok_dWl = all(close(a[l].T @ d[l], Ws[l].grad) for l in range(Lc))
    ok_dbl = all(close(d[l].sum(axis=0), bs[l].grad) for l in range(Lc))
    return {"dz": ok_dz, "dW": ok_dW, "da": ok_da, "dL": ok_dL, "dl": ok_dl, "dWl": ok_dWl, "dbl": ok_dbl}


def uim_out_once(dims, N, Tmp, labels):
    """One sigmoid_T output unit; MSE and BCE as means over the N = prediction.size entries."""
    f = sig_T(Tmp)
    X = T(rnd(N, dims[0]))
    Ws = [T(rnd(dims[i], dims[i + 1]), True) for i in range(len(dims) - 1)]
    y = (RNG.integers(0, 2, (N, 1)).astype(float) if labels == "01" else RNG.uniform(0.05, 0.95, (N, 1)))
    r = {}
    for name in ("mse", "bce"):
        A = X
        for W in Ws[:-1]:
            A = f(A @ W)
        Z = A @ Ws[-1]
        Z.retain_grad()
        yh = f(Z)
        L = ((T(y) - yh) ** 2).mean() if name == "mse" else bce(yh, T(y)).mean()
        L.backward()
        yv = yh.detach().numpy()
        n = yv.size
        written = (2 / (n * Tmp)) * (yv - y) * yv * (1 - yv) if name == "mse" else (yv - y) / (n * Tmp)
        r[name] = close(written, Z.grad)
    return r


def uim():
    res = repeat(uim_once, [((3, 4, 2), 5, 0.5), ((2, 3, 3, 1), 1, "tanh"), ((4, 2, 3), 3, 2.0)])
    res.update(repeat(uim_out_once, [((3, 2, 1), 4, 0.5, "01"), ((2, 3, 1), 1, 1.0, "real"), ((4, 3, 1), 6, 2.0, "01")]))
    return res


# ---------------------------------------------------------------- praktychne4_loss_gradients_uk
def ukr_once(N, d, C):
    r = {}
    # MSE with a linear model y-hat = X W + b, W of shape d x 1
    X = rnd(N, d)
    y = rnd(N, 1)
    W, b = T(rnd(d, 1), True), T(rnd(1), True)
    yh = T(X) @ W + b
    yh.retain_grad()
    L = ((yh - T(y)) ** 2).sum() / (2 * N)
    L.backward()
    yv = yh.detach().numpy()
    r["mse_dyhat"] = close((yv - y) / N, yh.grad)
    r["mse_dW"] = close(X.T @ (yv - y) / N, W.grad)
    # BCE through the sigmoid, mean over N samples: every member of the chain
    z = T(rnd(N), True)
    yb = RNG.integers(0, 2, N).astype(float)
    yb[0], yb[-1] = 0.0, 1.0
    p = torch.sigmoid(z)
    p.retain_grad()
    Lb = bce(p, T(yb)).mean()
    Lb.backward()
    pv = p.detach().numpy()
    m1 = z.grad.numpy()
    m2 = p.grad.numpy() * pv * (1 - pv)
    m3 = (-yb / pv + (1 - yb) / (1 - pv)) * pv * (1 - pv)
    m4 = pv - yb
    r["bce_chain"] = close(m1, m2) and close(m2, m3) and close(m3, m4)
    # CCE with a row-wise softmax
    Z = T(rnd(N, C), True)
    Y = np.zeros((N, C))
    Y[np.arange(N), RNG.integers(0, C, N)] = 1.0
    P = torch.softmax(Z, dim=1)
    Lc = -(T(Y) * torch.log(P)).sum() / N
    Lc.backward()
    r["cce_dZ"] = close((P.detach().numpy() - Y) / N, Z.grad)
    return r


def ukr():
    return repeat(ukr_once, [(4, 3, 3), (3, 5, 5), (6, 2, 2)])


# ---------------------------------------------------------------- quargam_homework1_neuron_ru
def qua_once(n):
    """Per-example symbols as written: z_i = w_i x_i + b_i, y-hat_i = sigmoid(z_i), J = mean (y - y-hat)^2."""
    x, y = rnd(n), RNG.uniform(0, 1, n)
    w, b = T(rnd(n), True), T(rnd(n), True)
    z = w * T(x) + b
    z.retain_grad()
    yh = torch.sigmoid(z)
    yh.retain_grad()
    J = ((T(y) - yh) ** 2).mean()
    J.backward()
    zv, yv = z.detach().numpy(), yh.detach().numpy()
    dJ = yh.grad.numpy()
    dsig = dphi(torch.sigmoid, zv)
    # dz_i/dw_i by autograd on the forward
    wt = T(w.detach().numpy(), True)
    dz_dw = torch.autograd.grad((wt * T(x) + b.detach()).sum(), wt)[0].numpy()
    bt = T(b.detach().numpy(), True)
    dz_db = torch.autograd.grad((w.detach() * T(x) + bt).sum(), bt)[0].numpy()
    return {"chain_w": close(dJ * dsig * dz_dw, w.grad),
            "dJ_dyhat": close(-2 * (y - yv), dJ),
            "dsig": close(1 / (1 + np.exp(-zv)) * (1 - 1 / (1 + np.exp(-zv))), dsig),
            "dz_dw": close(x, dz_dw),
            "chain_b": close(dJ * dsig * dz_db, b.grad)}


def qua():
    return repeat(qua_once, [(4,), (3,), (6,)])


# ---------------------------------------------------------------- cnn_yuanli_shizhan_zh
def zha_once(H, Wd, M, N, nin, nout):
    x = T(rnd(H, Wd), True)
    w = T(rnd(M, N), True)
    Ho, Wo = H - M + 1, Wd - N + 1
    y = torch.stack([torch.stack([(x[i:i + M, j:j + N] * w).sum() for j in range(Wo)]) for i in range(Ho)])
    y.retain_grad()
    loss_of(y).backward()
    xv, wv, dy = x.detach().numpy(), w.detach().numpy(), y.grad.numpy()
    assert Ho >= M and Wo >= N       # dL/dy[i,j] exists for every kernel index (i, j)
    written_dw = np.array([[sum(xv[i + m, j + n] * dy[i, j] for m in range(M) for n in range(N))
                            for j in range(N)] for i in range(M)])

    def dyz(p, q):
        return dy[p, q] if 0 <= p < Ho and 0 <= q < Wo else 0.0
    written_dx = np.array([[sum(wv[m, n] * dyz(i - m, j - n) for m in range(M) for n in range(N))
                            for j in range(Wd)] for i in range(H)])
    # fully connected: y_i = sum_j w_ij x_j + b_i
    xf = T(rnd(nin), True)
    wf, bf = T(rnd(nout, nin), True), T(rnd(nout), True)
    yf = wf @ xf + bf
    yf.retain_grad()
    loss_of(yf).backward()
    dyf, xfv, wfv = yf.grad.numpy(), xf.detach().numpy(), wf.detach().numpy()
    return {"conv_dw": close(written_dw, w.grad),
            "conv_dx": close(written_dx, x.grad),
            "fc_dw": close(np.outer(dyf, xfv), wf.grad),
            "fc_dx": close(np.array([sum(wfv[i, j] * dyf[i] for i in range(nout)) for j in range(nin)]), xf.grad)}


def zha():
    return repeat(zha_once, [(5, 5, 3, 3, 3, 2), (6, 4, 2, 2, 4, 3), (4, 5, 2, 3, 2, 4)])


# ---------------------------------------------------------------- cnn_daima_shizhan_zh
def zhb_once(H, Wd, KH, KW, Cin, Cout, nin, nout):
    I = T(rnd(H, Wd, Cin))
    K = T(rnd(KH, KW, Cin, Cout), True)
    Ho, Wo = H - KH + 1, Wd - KW + 1
    S = torch.stack([torch.stack([torch.einsum("ijk,ijkl->l", I[m:m + KH, n:n + KW, :], K) for n in range(Wo)])
                     for m in range(Ho)])
    S.retain_grad()
    loss_of(S).backward()
    Iv, dS = I.numpy(), S.grad.numpy()
    written = np.zeros((KH, KW, Cin, Cout))
    for i in range(KH):
        for j in range(KW):
            for k in range(Cin):
                for l in range(Cout):
                    written[i, j, k, l] = sum(dS[m, n, l] * Iv[m + i, n + j, k] for m in range(Ho) for n in range(Wo))
    # fully connected, W_ij joining x_i to y_j
    x = rnd(nin)
    W = T(rnd(nin, nout), True)
    yv = T(x) @ W
    yv.retain_grad()
    loss_of(yv).backward()
    dy = yv.grad.numpy()
    written_fc = np.outer(x, np.full(nout, dy.sum()))
    assert close(np.outer(x, dy), W.grad)          # the right form, dy_j x_i, does hold
    return {"conv_dK": close(written, K.grad),
            "fc_dW": close(written_fc, W.grad)}


def zhb():
    return repeat(zhb_once, [(5, 5, 3, 3, 2, 3, 3, 2), (6, 4, 2, 2, 1, 2, 4, 3), (4, 5, 2, 3, 3, 2, 2, 4)])


# ---------------------------------------------------------------- idlpytorch_deep_dive_en
def corr_valid(x, k):
    """(x * k)(i, j) = sum_{m,n} x[i+m, j+n] k[m, n], valid positions only (the page's 5.2 '*')."""
    H, W = x.shape
    a, b = k.shape
    return np.array([[np.sum(x[i:i + a, j:j + b] * k) for j in range(W - b + 1)] for i in range(H - a + 1)])


def idl_once(dims, act, H, Wd, KH, KW, dh, dx, alpha):
    f = torch.sigmoid if act == "sig" else torch.tanh
    r = {}
    # dense layers, column vectors: z = W a + b, a = f(z)
    a0 = T(rnd(dims[0]))
    Ws = [T(rnd(dims[i + 1], dims[i]), True) for i in range(len(dims) - 1)]
    bs = [T(rnd(dims[i + 1]), True) for i in range(len(dims) - 1)]
    As, Zs = [a0], []
    for W, b in zip(Ws, bs):
        z = W @ As[-1] + b
        z.retain_grad()
        a = f(z)
        a.retain_grad()
        Zs.append(z)
        As.append(a)
    loss_of(As[-1]).backward()
    n = len(Ws)
    d = [z.grad.numpy() for z in Zs]
    fp = [dphi(f, z.detach().numpy()) for z in Zs]
    av = [a.detach().numpy() for a in As]
    r["delta_def"] = all(close(As[l + 1].grad.numpy() * fp[l], d[l]) for l in range(n))
    r["delta_rec"] = all(close((Ws[l + 1].detach().numpy().T @ d[l + 1]) * fp[l], d[l]) for l in range(n - 1))
    r["dW"] = all(close(np.outer(d[l], av[l]), Ws[l].grad) for l in range(n))
    r["db"] = all(close(d[l], bs[l].grad) for l in range(n))
    # activation derivatives
    zz = np.concatenate([rnd(6), [0.0]])
    r["tanh"] = close(1 - np.tanh(zz) ** 2, dphi(torch.tanh, zz))
    r["relu"] = close(np.where(zz > 0, 1.0, 0.0), dphi(torch.relu, zz))
    zz = rnd(7)
    elu = lambda v: torch.nn.functional.elu(v, alpha=alpha)  # noqa: E731
    de = dphi(elu, zz)
    eluv = np.where(zz > 0, zz, alpha * (np.exp(zz) - 1))
    neg = zz <= 0
    r["elu"] = (close(de[~neg], np.ones((~neg).sum())) and close(de[neg], alpha * np.exp(zz[neg]))
                and close(alpha * np.exp(zz[neg]), eluv[neg] + alpha))
    # convolution Y = X * W with the page's '*'
    X = T(rnd(H, Wd), True)
    K = T(rnd(KH, KW), True)
    Ho, Wo = H - KH + 1, Wd - KW + 1
    Y = torch.stack([torch.stack([(X[i:i + KH, j:j + KW] * K).sum() for j in range(Wo)]) for i in range(Ho)])
    Y.retain_grad()
    loss_of(Y).backward()
    dY, Xv, Kv = Y.grad.numpy(), X.detach().numpy(), K.detach().numpy()
    r["conv_dW"] = close(corr_valid(Xv, dY), K.grad)
    r["conv_dX"] = close(corr_valid(np.pad(dY, ((KH - 1, KH - 1), (KW - 1, KW - 1))), np.rot90(Kv, 2)), X.grad)
    # RNN Jacobian
    Whh, Wxh, bh, xt = rnd(dh, dh), rnd(dh, dx), rnd(dh), rnd(dx)
    hprev = rnd(dh)
    J = jac(lambda h: torch.tanh(T(Whh) @ h + T(Wxh) @ T(xt) + T(bh)), T(hprev)).numpy()
    pre = Whh @ hprev + Wxh @ xt + bh
    r["bptt_jac"] = close(np.diag(1 - np.tanh(pre) ** 2) @ Whh, J)
    return r


def idl():
    return repeat(idl_once, [((3, 4, 2), "sig", 5, 5, 3, 3, 3, 2, 1.0),
                             ((2, 3, 3, 2), "tanh", 6, 4, 2, 2, 4, 3, 0.5),
                             ((3, 4, 2), "tanh", 4, 6, 2, 3, 2, 4, 2.0)])


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(f"\n{doc}")
        for cid, _, why in claims:
            print(f"  {cid:10s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
