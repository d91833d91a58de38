"""Independent truth for the thirty-ninth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout39.py`` writes the ``*.truth.json`` sidecars of ``heldout39/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout39/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as Fn

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout39"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout39.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2039)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def tryclose(f, ref):
    """close(f(), ref), False where f() fails (an undefined product refutes)."""
    try:
        return close(f(), ref)
    except (ValueError, RuntimeError):
        return False


# ---------------------------------------------------------------- backprop_layers_bn_conv1d_en
def bpl_lin_once(N, cin, cout):
    """Linear y = x W^T + b, x (N, C_in), W (C_out, C_in), b (C_out)."""
    x, W, b = T(rnd(N, cin), True), T(rnd(cout, cin), True), T(rnd(cout), True)
    y = x @ W.T + b
    y.retain_grad()
    loss_of(y).backward()
    dy, xv = y.grad.numpy(), x.detach().numpy()
    Wv = W.detach().numpy()
    return {"lin_dW": tryclose(lambda: xv.T @ dy, W.grad),
            "lin_db": close(dy.sum(axis=0), b.grad),
            "lin_dx": close(dy @ Wv, x.grad)}


def bpl_bn_once(N, C):
    """BatchNorm over the N samples per channel, biased variance, y = xhat W + b."""
    eps = 1e-5
    x, W, b = T(rnd(N, C), True), T(rnd(C), True), T(rnd(C), True)
    mu = x.mean(0)
    mu.retain_grad()
    var = ((x - mu) ** 2).mean(0)
    var.retain_grad()
    xhat = (x - mu) / torch.sqrt(var + eps)
    xhat.retain_grad()
    y = xhat * W + b
    y.retain_grad()
    loss_of(y).backward()
    dy, dxh = y.grad.numpy(), xhat.grad.numpy()
    xv, muv, varv, xhv = x.detach().numpy(), mu.detach().numpy(), var.detach().numpy(), xhat.detach().numpy()
    dvar, dmu = var.grad.numpy(), mu.grad.numpy()
    s = np.sqrt(varv + eps)
    return {"bn_dW": close((dy * xhv).sum(0), W.grad),
            "bn_db_left_out": close(dy.sum(0), b.grad),
            "bn_dxhat_left_out": close(dy * W.detach().numpy(), dxh),
            "bn_dvar": close((dxh * (-(xv - muv)) / (2 * (varv + eps) ** 1.5)).sum(0), dvar),
            "bn_dmu": close((dxh * (-1 / s)).sum(0) + dvar * (-2 * (xv - muv)).sum(0) / N, dmu)
            and close((dxh * (-1 / s)).sum(0), dmu),
            "bn_dx": close(dxh / s + dvar * 2 * (xv - muv) / N + dmu / N, x.grad)}


def bpl_c1_once(N, cin, cout, L):
    """Conv1d kernel size 1: y_i = W x_i + b, x (N, C_in, L), W (C_out, C_in)."""
    x, W, b = T(rnd(N, cin, L), True), T(rnd(cout, cin), True), T(rnd(cout), True)
    y = torch.einsum("oc,ncl->nol", W, x) + b[None, :, None]
    y.retain_grad()
    loss_of(y).backward()
    dy, xv, Wv = y.grad.numpy(), x.detach().numpy(), W.detach().numpy()
    bmm = lambda A, B: np.stack([A[i] @ (B[i] if B.ndim == 3 else B) for i in range(A.shape[0])])
    return {"c1_dW": close(bmm(dy, xv.transpose(0, 2, 1)).sum(0), W.grad),
            "c1_db": close(dy.sum(axis=(0, 2)), b.grad),
            "c1_dx": tryclose(lambda: bmm(dy, Wv.T), x.grad)}


def bpl_max_once(N, C, L):
    x = T(rnd(N, C, L), True)
    y = x.max(-1).values
    y.retain_grad()
    loss_of(y).backward()
    dy = y.grad.numpy()
    return {"max_dx": close(np.repeat(dy[..., None], L, axis=-1), x.grad)}


def bpl_bmm_once(N, L, C):
    x, t = T(rnd(N, L, C), True), T(rnd(N, C, C), True)
    y = x @ t
    y.retain_grad()
    loss_of(y).backward()
    dy, xv, tv = y.grad.numpy(), x.detach().numpy(), t.detach().numpy()
    return {"bmm_dx": close(dy @ tv, x.grad),
            "bmm_dt": close(dy.transpose(0, 2, 1) @ xv, t.grad) or tryclose(lambda: dy @ xv, t.grad)}


def bpl():
    res = {}
    for part in (repeat(bpl_lin_once, [(4, 3, 2), (3, 4, 4), (1, 2, 5)]),
                 repeat(bpl_bn_once, [(4, 3), (6, 1), (2, 5)]),
                 repeat(bpl_c1_once, [(2, 3, 2, 5), (3, 2, 4, 2), (1, 3, 3, 3)]),
                 repeat(bpl_max_once, [(2, 3, 4), (1, 2, 5)]),
                 repeat(bpl_bmm_once, [(4, 5, 3), (2, 3, 3)])):
        res.update(part)
    assert res.pop("bn_dxhat_left_out") == "holds"   # the rows left out for the cap hold
    assert res.pop("bn_db_left_out") == "holds"
    return res


# ---------------------------------------------------------------- cnn_theory_companion_en
def corr_valid(X, W):
    """Y_{i,j} = sum_{u,v} W_{u,v} X_{i+u,j+v} by loops (torch, differentiable)."""
    H, Wd = X.shape
    kh, kw = W.shape
    return torch.stack([torch.stack([(X[i:i + kh, j:j + kw] * W).sum() for j in range(Wd - kw + 1)])
                        for i in range(H - kh + 1)])


def cnn_once(K, N, D, C, H, Wd, kh, kw):
    r = {}
    # ReLU
    x = rnd(5, 4)
    x[np.abs(x) < 1e-3] = 0.5
    xt = T(x, True)
    a = torch.relu(xt)
    a.retain_grad()
    loss_of(a).backward()
    r["relu_dx"] = close(a.grad.numpy() * (x > 0), xt.grad)
    # max pool of the page's A
    A = T([[5.0, 2.0], [3.0, 7.0]], True)
    P = A.max()
    g = float(rnd(1)[0])
    (g * P).backward()
    r["pool_dA"] = close([[0, 0], [0, g]], A.grad)
    # softmax + CE, one sample and mean over a batch
    z = T(rnd(K), True)
    yv = np.zeros(K)
    yv[RNG.integers(K)] = 1.0
    L = -(T(yv) * torch.log_softmax(z, 0)).sum()
    L.backward()
    p = torch.softmax(z, 0).detach().numpy()
    r["ce_box"] = close(p - yv, z.grad)
    Z = T(rnd(N, K), True)
    lab = RNG.integers(K, size=N)
    Fn.cross_entropy(Z, torch.tensor(lab)).backward()
    P_ = torch.softmax(Z, 1).detach().numpy()
    Y = np.eye(K)[lab]
    r["ce_mean"] = close((P_ - Y) / N, Z.grad)
    # linear, one sample (columns) and a batch (rows, Z = F W^T + b)
    W = T(rnd(C, D), True)
    f = T(rnd(D, 1), True)
    b = T(rnd(C, 1), True)
    zz = W @ f + b
    zz.retain_grad()
    loss_of(zz).backward()
    gz = zz.grad.numpy()
    r["lin_dW"] = close(gz @ f.detach().numpy().T, W.grad)
    r["lin_df"] = close(W.detach().numpy().T @ gz, f.grad)
    W2 = T(rnd(C, D), True)
    F = T(rnd(N, D))
    ZZ = F @ W2.T + T(rnd(C))
    ZZ.retain_grad()
    loss_of(ZZ).backward()
    r["lin_batch"] = close(ZZ.grad.numpy().T @ F.numpy(), W2.grad)
    # convolution, one channel
    X = T(rnd(H, Wd), True)
    Wk = T(rnd(kh, kw), True)
    bb = T(rnd(1), True)
    Yc = corr_valid(X, Wk) + bb
    Yc.retain_grad()
    loss_of(Yc).backward()
    G, Xv = Yc.grad.numpy(), X.detach().numpy()
    oh, ow = G.shape
    dW = np.array([[sum(G[i, j] * Xv[i + u, j + v] for i in range(oh) for j in range(ow))
                    for v in range(kw)] for u in range(kh)])
    r["conv_dW"] = close(dW, Wk.grad)
    r["conv_db"] = isc(G.sum(), bb.grad.item())
    # several channels, a batch
    Nb, ci, co = 2, 2 + (H % 2), 3 - (H % 2)
    Xb = T(rnd(Nb, ci, H, Wd))
    Wb = T(rnd(co, ci, kh, kw), True)
    Yb = Fn.conv2d(Xb, Wb, T(rnd(co)))
    Yb.retain_grad()
    loss_of(Yb).backward()
    Gb, Xbv = Yb.grad.numpy(), Xb.numpy()
    dWb = np.zeros((co, ci, kh, kw))
    for o in range(co):
        for c in range(ci):
            for u in range(kh):
                for v in range(kw):
                    dWb[o, c, u, v] = sum(Gb[n, o, i, j] * Xbv[n, c, i + u, j + v]
                                          for n in range(Nb) for i in range(Gb.shape[2]) for j in range(Gb.shape[3]))
    r["mc_dW"] = close(dWb, Wb.grad)
    return r


def cnn_example():
    """The page's worked network; gradients by autograd, written numbers rounded (truth_common.rounded)."""
    X = T([[1, 2, 0], [0, 1, 3], [2, 1, 0]], True)
    W = T([[1, -1], [0, 2]], True)
    Y = corr_valid(X, W)
    f = torch.relu(Y).max()
    Wfc = T([[0.2], [-0.1]])
    z = (Wfc * f).reshape(2)
    L = -torch.log_softmax(z, 0)[0]
    L.backward()
    dW, dX = W.grad.numpy(), X.grad.numpy()
    ok_w = all(rounded(c, t) for c, t in zip([-0.0499, 0, -0.0250, -0.0749], dW.ravel()))
    ok_x = all(rounded(c, t) for c, t in zip([0, -0.0250, 0.0250, 0, 0, -0.0499, 0, 0, 0], dX.ravel()))
    assert isc(f.item(), 8.0) and np.allclose(z.detach().numpy(), [1.6, -0.8])
    return {"ex_dW": verdict(ok_w), "ex_dX": verdict(ok_x)}


def cnn():
    res = repeat(cnn_once, [(3, 4, 5, 3, 5, 5, 3, 3), (4, 2, 3, 2, 4, 6, 2, 3), (3, 1, 2, 4, 4, 4, 2, 2)])
    res.update(cnn_example())
    return res


# ---------------------------------------------------------------- ssu_maxpool_message_en
def windows(H, Wd, k, s):
    return {(a, c): [(a * s + u, c * s + v) for u in range(k) for v in range(k)]
            for a in range((H - k) // s + 1) for c in range((Wd - k) // s + 1)}


def ssu_once(H, Wd, k, s):
    x = rnd(H, Wd)
    win = windows(H, Wd, k, s)
    keys = sorted(win)
    amax = {kl: max(win[kl], key=lambda p: x[p]) for kl in keys}

    def pool(v):
        return torch.stack([torch.stack([v[i, j] for i, j in win[kl]]).max() for kl in keys])
    J = jac(pool, T(x)).numpy()                       # [window, i, j]
    ok1 = all(isc(J[n, i, j], 1.0 if (i, j) == amax[kl] else 0.0)
              for n, kl in enumerate(keys) for i in range(H) for j in range(Wd))
    df = rnd(len(keys))
    true = np.einsum("n,nij->ij", df, J)
    mine = np.zeros((H, Wd))
    for n, kl in enumerate(keys):
        for p in win[kl]:
            mine[p] += df[n] * (p == amax[kl])
    r = {"df_dx": ok1, "dx_sum": close(mine, true)}
    if k == s:
        nov = np.zeros((H, Wd))
        for n, kl in enumerate(keys):
            for p in win[kl]:
                nov[p] = df[n] if p == amax[kl] else 0.0
        r["dx_nonoverlap"] = close(nov, true)
    return r


def ssu():
    return repeat(ssu_once, [(4, 4, 2, 2), (6, 6, 2, 2), (6, 6, 3, 3), (5, 5, 3, 2), (4, 5, 2, 1)])


# ---------------------------------------------------------------- ssu_elu_layer_en
def elu_once(n, K):
    x, W = T(rnd(n), True), T(rnd(K, n), True)
    s = W @ x
    s.retain_grad()
    y = Fn.elu(s)
    y.retain_grad()
    loss_of(y).backward()
    sv, dy, Wv, xv = s.detach().numpy(), y.grad.numpy(), W.detach().numpy(), x.detach().numpy()
    fp = np.where(sv > 0, 1.0, np.exp(sv))
    dx = np.array([sum(dy[k] * fp[k] * Wv[k, j] for k in range(K)) for j in range(n)])
    dW = np.array([[dy[k] * fp[k] * xv[j] for j in range(n)] for k in range(K)])
    return {"fprime": close(fp, dphi(Fn.elu, sv)),
            "dx_chain": close(dx, x.grad), "dx_msg": close(dx, x.grad),
            "dW_chain": close(dW, W.grad), "dW_msg": close(dW, W.grad)}


def elu():
    return repeat(elu_once, [(4, 3), (2, 5), (3, 3)])


# ---------------------------------------------------------------- intipy_matrix_backprop_ko
def imb_once(n0, n1, n2):
    X = T(rnd(1, n0))
    W1, B1 = T(rnd(n0, n1)), T(rnd(1, n1))
    W2, B2 = T(rnd(n1, n2), True), T(rnd(1, n2), True)
    Tg = T(rnd(1, n2))
    Z1 = torch.sigmoid(X @ W1 + B1).detach().requires_grad_(True)
    A2 = Z1 @ W2 + B2
    A2.retain_grad()
    Z2 = torch.sigmoid(A2)
    Z2.retain_grad()
    E = (0.5 * (Z2 - Tg) ** 2).sum()
    E.backward()
    z2, t, z1, w2 = Z2.detach().numpy(), Tg.numpy(), Z1.detach().numpy(), W2.detach().numpy()
    Jz = jac(torch.sigmoid, A2.detach()).numpy().reshape(n2, n2)
    d = (z2 - t) * z2 * (1 - z2)
    return {"dE_dZ2": close(z2 - t, Z2.grad),
            "dZ2_dA2": close(Jz, np.diag((z2 * (1 - z2)).ravel())),
            "dE_dW2": close(z1.T @ d, W2.grad),
            "dE_dB2": close(d, B2.grad),
            "dE_dZ1": close(d @ w2.T, Z1.grad)}


def imb():
    return repeat(imb_once, [(10, 15, 5), (3, 4, 2), (2, 3, 3)])


# ---------------------------------------------------------------- retropropagation_quatre_equations_fr
def frq_once(dims, act):
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    a = T(rnd(dims[0], 1))
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(len(dims) - 1)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(len(dims) - 1)]
    zs, acts = [], [a]
    for W, b in zip(Ws, bs):
        z = W @ acts[-1] + b
        z.retain_grad()
        zs.append(z)
        an = f(z)
        an.retain_grad()
        acts.append(an)
    loss_of(acts[-1]).backward()
    d = [z.grad.numpy() for z in zs]
    fp = [dphi(f, z.detach().numpy()) for z in zs]
    r = {"delta_K": close(acts[-1].grad.numpy() * fp[-1], d[-1])}
    r["delta_k"] = all(close((Ws[l + 1].detach().numpy().T @ d[l + 1]) * fp[l], d[l]) for l in range(len(Ws) - 1))
    r["dL_db"] = all(close(d[l], bs[l].grad) for l in range(len(Ws)))
    r["dL_dw"] = all(close(d[l] @ acts[l].detach().numpy().T, Ws[l].grad) for l in range(len(Ws)))
    return r


def frq():
    return repeat(frq_once, [((3, 4, 2), "sig"), ((2, 3, 4, 3), "tanh"), ((4, 2, 3), "sig")])


# ---------------------------------------------------------------- lichess_logreg_gradient_vi
def llr_once(m, d):
    X, yv = T(rnd(m, d)), (RNG.random(m) < 0.5).astype(float)
    w, b = T(rnd(d), True), T(rnd(1), True)
    lam = float(abs(rnd(1)[0]))
    p = torch.sigmoid(X @ w + b)
    J = -(T(yv) * torch.log(p) + (1 - T(yv)) * torch.log(1 - p)).mean() + lam / (2 * m) * (w ** 2).sum()
    J.backward()
    yh = p.detach().numpy()
    return {"dJ_dw": close(X.numpy().T @ (yh - yv) / m + lam / m * w.detach().numpy(), w.grad),
            "dJ_db": isc(((yh - yv).sum() / m), b.grad.item())}


def llr():
    return repeat(llr_once, [(4, 3), (7, 2), (1, 5)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
