"""Independent truth for the thirty-fifth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout35.py`` writes the ``*.truth.json`` sidecars of ``heldout35/``.  Each claim
is checked at several sizes and seeded draws and holds only if it holds every time; its ``why``
in ``heldout35/claims_table.py`` says the reading.  Written before anything of symbp was run."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout35"
sys.path.insert(0, str(HERE))
from truth_common import (isc, close, T, repeat, seeded_draws, corr2, rounded, write_and_report)  # noqa: E402,F401
from heldout35.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(3434)
torch.set_default_dtype(torch.float64)
F = torch.nn.functional


def xcorr(x, w):
    """valid cross-correlation of 2-D tensors (torch, differentiable)."""
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def loops_dW(X, G, k):
    """sum_ij X[i+m, j+n] G[i, j] by loops."""
    oh, ow = G.shape
    return np.array([[sum(X[i + m, j + n] * G[i, j] for i in range(oh) for j in range(ow))
                      for n in range(k)] for m in range(k)])


def conv_draw(H, k):
    """drawn valid cross-correlation Z = X * W + b and a non-linear loss: (X, W, G = dL/dZ, dW, db, dX)."""
    X, W, b = T(rnd(H, H), True), T(rnd(k, k), True), T(rnd(1), True)
    Z = xcorr(X, W) + b
    Z.retain_grad()
    loss_of(Z).backward()
    return X.detach().numpy(), W.detach().numpy(), Z.grad.numpy(), W.grad.numpy(), b.grad.numpy()[0], X.grad.numpy()


# ---------------------------------------------------------------- English CNN guide (worked example)
def cnb_page():
    X = T([[1, 2, 0, 1, 1], [0, 1, 3, 2, 0], [2, 0, 1, 0, 1], [1, 3, 2, 1, 0], [0, 1, 0, 2, 1]])
    W, b = T([[1, -1], [2, 0]], True), T([0.0], True)
    Z = xcorr(X, W) + b
    Z.retain_grad()
    A = torch.relu(Z)
    A.retain_grad()
    P = F.max_pool2d(A[None, None], 2)[0, 0]
    v = P.reshape(-1)
    v.retain_grad()
    Wd = T([[.5, -.2, .1, .4], [.1, .3, -.1, .2]], True)
    z = Wd @ v
    L = -torch.log_softmax(z, 0)[0]
    L.backward()
    dv, dW = v.grad.numpy(), W.grad.numpy()
    # the other routing of the tie in P's window (1,1) gives the same kernel gradient
    G2 = Z.grad.numpy().copy()
    G2[3, 3], G2[2, 2] = G2[2, 2], 0.0
    assert np.allclose(corr2(X.numpy(), G2), dW)
    r = {"a_dv": all(rounded(c, t) for c, t in zip([-0.0999, 0.1249, -0.0499, -0.0499], dv)),
         "a_dW_num": all(rounded(c, t) for c, t in zip([-0.2497, 0.0749, 0.0250, -0.1996], dW.reshape(-1))),
         "a_relu": close(A.grad.numpy() * (Z.detach().numpy() > 0), Z.grad),
         "a_dW_sum": close(loops_dW(X.numpy(), Z.grad.numpy(), 2), dW),
         "a_dW_conv": close(corr2(X.numpy(), Z.grad.numpy()), dW)}
    print("  cnb page: dv", dv, "dW", dW.reshape(-1), "db", b.grad.numpy())
    return r


def cnb_once(H, k):
    X, W, G, dW, db, dX = conv_draw(H, k)
    Zt = T(rnd(H, H), True)              # relu chain at a drawn Z
    A = torch.relu(Zt)
    A.retain_grad()
    loss_of(A).backward()
    return {"a_relu": close(A.grad.numpy() * (Zt.detach().numpy() > 0), Zt.grad),
            "a_dW_sum": close(loops_dW(X, G, k), dW),
            "a_dW_conv": close(corr2(X, G), dW)}


def cnb():
    page = cnb_page()
    res = repeat(cnb_once, [(5, 2), (6, 3), (4, 2)])
    out = {k: ("holds" if page[k] and res.get(k, "holds") == "holds" else "refuted") for k in page}
    return out


# ---------------------------------------------------------------- Chinese BP chapter
def sig(t):
    return torch.sigmoid(t)


def mlp_draw(widths, act):
    """z^(l) = W^(l) h^(l-1) + b^(l), h = act(z); loss drawn on h^(L).  Returns lists (W, z, h, delta)."""
    Ws = [T(rnd(widths[i + 1], widths[i]), True) for i in range(len(widths) - 1)]
    bs = [T(rnd(widths[i + 1]), True) for i in range(len(widths) - 1)]
    h = T(rnd(widths[0]))
    hs, zs = [h], []
    for W, b in zip(Ws, bs):
        z = W @ h + b
        z.retain_grad()
        zs.append(z)
        h = act(z)
        hs.append(h)
    loss_of(h).backward()
    return Ws, zs, hs, [z.grad.numpy() for z in zs]


def dact(act, z):
    zt = T(z.detach().numpy(), True)
    return torch.autograd.grad(act(zt).sum(), zt)[0].numpy()


def bpz_once(widths, act):
    Ws, zs, hs, d = mlp_draw(widths, act)
    r = {"b_delta": True, "b_dW": True}
    for l in range(len(Ws) - 1):          # delta of layer l from layer l+1
        rhs = (Ws[l + 1].detach().numpy().T @ d[l + 1]) * dact(act, zs[l])
        r["b_delta"] &= close(rhs, d[l])
    for l, W in enumerate(Ws):
        r["b_dW"] &= close(np.outer(d[l], hs[l].detach().numpy()), W.grad)
    # the product formula, equal widths so both orders exist
    n = widths[1]
    Ws2, zs2, hs2, d2 = mlp_draw([n] * len(widths), act)
    D = [np.diag(dact(act, z)) for z in zs2]
    Wn = [W.detach().numpy() for W in Ws2]
    Lc = len(Wn)                           # layers 1..L -> indices 0..L-1
    written = np.eye(n)
    for l in range(Lc - 1):                # l = 1..L-1 left to right: W^{(l+1)T} diag(f'(z^{(l)}))
        written = written @ Wn[l + 1].T @ D[l]
    other = np.eye(n)
    for l in reversed(range(Lc - 1)):
        other = other @ Wn[l + 1].T @ D[l]
    r["b_prod"] = close(written @ d2[-1], d2[0]) or close(other @ d2[-1], d2[0])
    # convolution layer: Y = X * W (valid), X = f(z)
    H, k = widths[0] + 2, 2 if widths[0] % 2 else 3
    zc = T(rnd(H, H), True)
    Xc = act(zc)
    Xc.retain_grad()
    Wc = T(rnd(k, k), True)
    Y = xcorr(Xc, Wc)
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xn, Wn_ = Y.grad.numpy(), Xc.detach().numpy(), Wc.detach().numpy()
    r["b_convW"] = close(loops_dW(Xn, G, k), Wc.grad)
    fp = dact(act, zc)
    oh = G.shape[0]
    rhs = np.array([[sum(Wn_[m, q] * G[i - m, j - q] for m in range(k) for q in range(k)
                         if 0 <= i - m < oh and 0 <= j - q < oh) * fp[i, j]
                     for j in range(H)] for i in range(H)])
    r["b_convX"] = close(rhs, zc.grad)
    return r


def bpz():
    return repeat(bpz_once, [([3, 4, 2], torch.tanh), ([2, 3, 3, 2], sig), ([4, 3, 5, 3, 2], torch.tanh)])


# ---------------------------------------------------------------- English formula table
def pool_draw(H, k, kind):
    X = T(RNG.permutation(H * H).reshape(H, H) + rnd(H, H) * 0.1, True)   # distinct entries
    Y = (F.max_pool2d if kind == "max" else F.avg_pool2d)(X[None, None], k)[0, 0]
    Y.retain_grad()
    loss_of(Y).backward()
    return X.detach().numpy(), Y.grad.numpy(), X.grad.numpy()


def tab_once(H, k, p):
    # bias over several output channels
    Cin, Cout = 2, 3
    X, K, b = T(rnd(Cin, H, H), True), T(rnd(Cout, Cin, k, k), True), T(rnd(Cout), True)
    Y = F.conv2d(X[None], K, b)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    r = {"c_db": close(Y.grad.numpy().sum(axis=(1, 2)), b.grad)}
    Xs, Ws, G, dW, db, dX = conv_draw(H, k)
    r["c_dK"] = close(corr2(Xs, G), dW)
    rot = Ws[::-1, ::-1]
    valid = corr2(G, rot)
    ext = np.zeros((H + k - 1, H + k - 1))
    ext[:G.shape[0], :G.shape[1]] = G        # unbounded sums, dL/dY zero outside its map (no left pad)
    shifted = corr2(ext, rot)
    r["c_dX"] = (valid is not None and close(valid, dX)) or close(shifted, dX)
    for kind, cid in (("max", "c_max"), ("avg", "c_avg")):
        Xp, Gp, dXp = pool_draw(p * 2, p, kind)
        n = Xp.shape[0] // p
        rhs = np.zeros_like(Xp)
        for a in range(n):
            for c in range(n):
                win = Xp[a * p:(a + 1) * p, c * p:(c + 1) * p]
                for i in range(p):
                    for j in range(p):
                        if kind == "max":
                            rhs[a * p + i, c * p + j] = Gp[a, c] * (1.0 if win[i, j] == win.max() else 0.0)
                        else:
                            rhs[a * p + i, c * p + j] = Gp[a, c] / (p * p)
        r[cid] = close(rhs, dXp)
    return r


def tab():
    return repeat(tab_once, [(5, 3, 2), (4, 2, 3), (6, 3, 2)])


# ---------------------------------------------------------------- Vietnamese project (README, plan)
def vi_once(H, k):
    X, W, G, dW, db, dX = conv_draw(H, k)
    ok = close(loops_dW(X, G, k), dW)
    return {"v_dW": ok, "p_dW": ok}


def vi_all():
    return repeat(vi_once, [(6, 3), (5, 2), (4, 3), (8, 3)])


def vir():
    return {"v_dW": vi_all()["v_dW"]}


def vip():
    return {"p_dW": vi_all()["p_dW"]}


def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
