"""Independent truth for the sixtieth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout60.py`` writes the ``*.truth.json`` sidecars of ``heldout60/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout60/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout60"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, corr2, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout60.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2060)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- shenjiann_cnn_hw6_backward_en
A_PAGE = np.array([[1, 3, 2, 1], [4, 2, 0, 5], [3, 1, 4, 2], [2, 0, 3, 6]], dtype=float)


def pool_grad(A, G, kind):
    """dL/dA for L = sum(G * pool(A)), 2x2 windows, stride 2 (autograd)."""
    At = T(A[None, None], True)
    Z = (F.max_pool2d if kind == "max" else F.avg_pool2d)(At, 2, 2)
    (Z * T(G[None, None])).sum().backward()
    return At.grad[0, 0].numpy()


def page_max_matrix(G):
    """The page's general matrix: dL/dZ_{1,2} at (1,4), dL/dZ_{1,1} at (2,1), dL/dZ_{2,1} at (3,1),
    dL/dZ_{2,2} at (4,4) (1-based)."""
    P = np.zeros((4, 4))
    P[0, 3], P[1, 0], P[2, 0], P[3, 3] = G[0, 1], G[0, 0], G[1, 0], G[1, 1]
    return P


PAGE_MASKS = {(0, 0): [[0, 0], [1, 0]], (0, 1): [[0, 1], [0, 0]], (1, 0): [[1, 0], [0, 0]], (1, 1): [[0, 0], [0, 1]]}


def shj_pool_once(kind_g):
    G = np.array([[0.5, 1.2], [0.8, -0.3]]) if kind_g == "page" else rnd(2, 2)
    gmax = pool_grad(A_PAGE, G, "max")
    gavg = pool_grad(A_PAGE, G, "avg")
    r = {}
    if kind_g == "page":
        written = np.array([[0.0, 0.0, 0.0, 1.2], [0.5, 0.0, 0.0, 0.0], [0.8, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, -0.3]])
        r["mp_num"] = close(written, gmax)
        written_avg = np.array([[0.125, 0.125, 0.300, 0.300], [0.125, 0.125, 0.300, 0.300],
                                [0.200, 0.200, -0.075, -0.075], [0.200, 0.200, -0.075, -0.075]])
        r["ap_num"] = close(written_avg, gavg)
    r["mp_gen"] = close(page_max_matrix(G), gmax)
    blocks = np.zeros((4, 4))
    for (m, n), M in PAGE_MASKS.items():
        blocks[2 * m:2 * m + 2, 2 * n:2 * n + 2] = np.array(M, dtype=float) * G[m, n]
    r["mp_mask"] = close(blocks, gmax)
    return r


def shj_act_once(shape, act):
    f = {"sig": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[act]
    X = rnd(*shape)
    X[np.abs(X) < 1e-3] = 0.5
    Xt = T(X, True)
    Y = f(Xt)
    Y.retain_grad()
    loss_of(Y).backward()
    return {"act": close(Y.grad.numpy() * dphi(f, X), Xt.grad.numpy())}


def shj_conv_once(H, C, k, stride, pad):
    """One kernel: X(i,j) = sum_{m,n,c} Kernel(m,n,c) Input(i+m,j+n,c) + Bias (zero padding, stride)."""
    inp = T(rnd(1, C, H, H), True)
    ker = T(rnd(1, C, k, k), True)
    bias = T(rnd(1), True)
    Z0 = F.conv2d(inp, ker, stride=stride, padding=pad)          # Z^l_0, before bias
    Z0.retain_grad()
    X = Z0 + bias                                                  # the activation's input
    X.retain_grad()
    Y = torch.sigmoid(X)
    loss_of(Y).backward()
    r = {"bias": isc(X.grad.sum().item(), bias.grad.item())}
    # the chain rule over all outputs, Jacobians by autograd (one channel: Z^{l-1}[p,q])
    kd, bd = ker.detach(), bias.detach()
    Jx = jac(lambda v: F.conv2d(v, kd, stride=stride, padding=pad), inp.detach()).numpy()
    Jw = jac(lambda w: F.conv2d(inp.detach(), w, stride=stride, padding=pad), kd).numpy()
    gZ = Z0.grad.numpy()
    r["dx_chain"] = close(np.tensordot(gZ, Jx, axes=4), inp.grad.numpy())
    r["dw_chain"] = close(np.tensordot(gZ, Jw, axes=4), ker.grad.numpy())
    return r


def shj():
    res = {}
    for part in (repeat(shj_pool_once, [("page",), ("drawn",)]),
                 repeat(shj_act_once, [((3, 4), "sig"), ((2, 5), "tanh"), ((4, 4), "relu")]),
                 repeat(shj_conv_once, [(5, 1, 3, 1, 0), (6, 2, 3, 2, 1), (5, 1, 2, 1, 1)])):
        for k, v in part.items():
            res[k] = "refuted" if "refuted" in (v, res.get(k)) else "holds"
    return res


# ---------------------------------------------------------------- udelar_redes_neuronales_es
def udr_once(dims, act, labels):
    g = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    L = len(dims) - 1
    x = rnd(dims[0])
    thetas = [T(rnd(dims[l + 1], dims[l] + 1), True) for l in range(L)]   # column 0: the bias unit
    a, zs, acts = T(x), [], [T(x)]
    for l in range(L):
        a1 = torch.cat([torch.ones(1), a])
        z = thetas[l] @ a1
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z) if l == L - 1 else g(z)
        a.retain_grad()
        acts.append(a)
    K = dims[-1]
    y = RNG.integers(0, 2, K).astype(float) if labels == "01" else RNG.uniform(0.05, 0.95, K)
    yt = T(y)
    # cross entropy of one example (the first cost, regularisation ignored)
    J = -(yt * torch.log(a) + (1 - yt) * torch.log(1 - a)).sum()
    J.backward()
    d = [z.grad.numpy() for z in zs]
    av = [t.detach().numpy() for t in acts]
    zv = [z.detach().numpy() for z in zs]
    aL = av[-1]
    gradA = acts[-1].grad.numpy()
    sp_out = aL * (1 - aL)
    r = {"dL_grad": close(gradA * sp_out, d[-1]),
         "dL_ce": close(aL - y, d[-1])}
    # quadratic cost as the page writes it: J = -1/2 ||y - a||^2 (one example, its minus sign)
    zL = T(zv[-1], True)
    aq = torch.sigmoid(zL)
    aq.retain_grad()
    Jq = -0.5 * ((yt - aq) ** 2).sum()
    Jq.backward()
    d_quad, ga_quad = zL.grad.numpy(), aq.grad.numpy()
    r["dL_grad"] = r["dL_grad"] and close(ga_quad * sp_out, d_quad)
    w_sq = (aL - y) * sp_out
    r["dL_sq"] = close(w_sq, d[-1]) and close(w_sq, d_quad)      # must hold for both costs presented
    okb = okij = okjk = True
    for l in range(L - 1):                                # hidden layers: delta from the next one
        th = thetas[l + 1].detach().numpy()[:, 1:]        # the real units' columns
        okb &= close((th.T @ d[l + 1]) * dphi(g, zv[l]), d[l])
    for l in range(L):
        a1 = np.concatenate([[1.0], av[l]])
        grad = thetas[l].grad.numpy()
        okij &= all(isc(grad[i, j], a1[j] * d[l][i]) for i in range(grad.shape[0]) for j in range(grad.shape[1]))
        okjk &= close(np.outer(d[l], a1), grad)
    r.update({"dl_back": okb, "dtheta_ij": okij, "dtheta_jk": okjk})
    return r


def udr():
    return repeat(udr_once, [((3, 4, 2), "sig", "01"), ((2, 3, 3, 2), "tanh", "real"), ((4, 2, 3), "sig", "real")])


# ---------------------------------------------------------------- fc_backprop_rowvec_zh
def fcz_once(n, m):
    x = rnd(1, n)
    W = rnd(n, m)
    b = rnd(1, m)
    xt, Wt, bt = T(x, True), T(W, True), T(b, True)
    y = xt @ Wt + bt
    y.retain_grad()
    loss_of(y).backward()
    gy = y.grad.numpy()                                   # [1, m]
    # dy/dW with W's entries in the page's order W_11, W_21, ..., W_n1, W_12, ... (column-major)
    Jfull = jac(lambda w: (T(x) @ w + T(b)), T(W)).numpy().reshape(m, n, m)   # [i, j, k] = dy_i/dW_jk
    Jcol = np.stack([Jfull[:, :, k] for k in range(m)], axis=2).transpose(0, 2, 1).reshape(m, n * m)
    written = np.zeros((m, n * m))
    for i in range(m):
        written[i, i * n:(i + 1) * n] = x[0]
    gW = Wt.grad.numpy()
    r = {"chain": close((gy @ Jcol).reshape(m, n).T, gW),
         "dydW": close(written, Jcol),
         "dyi": all(isc(Jfull[i, j, k], ((x[0, i] if i < n else np.nan) if i == k else 0.0))
                    for i in range(m) for j in range(n) for k in range(m)),
         "dLdW_xT": close(x.T @ gy, gW),
         "db": close(gy, bt.grad.numpy()),
         "dx": close(gy @ W.T, xt.grad.numpy())}
    return r


def fcz():
    return repeat(fcz_once, [(3, 2), (4, 3), (2, 4)])


# ---------------------------------------------------------------- mlp_backprop_week05_th
def mth_once(n_in, n_h, n_out):
    yv = rnd(5) * 2
    e = np.exp(-yv)
    s = 1 / (1 + e)
    ds = dphi(torch.sigmoid, yv)
    r = {"sig1": all(close(v, ds) for v in [-(1 + e) ** -2 * (-e), e / (1 + e) ** 2]),
         "sig2": all(close(v, ds) for v in [(1 / (1 + e)) * (e / (1 + e)), (1 / (1 + e)) * (1 - 1 / (1 + e)), s * (1 - s)])}
    x = rnd(n_in)
    w_ih = T(rnd(n_in, n_h), True)                        # [i, h]: from input i to hidden h
    w_hk = T(rnd(n_h, n_out), True)                       # [h, k]: from hidden h to output k
    t = T(RNG.uniform(0, 1, n_out))
    net_h = T(x) @ w_ih
    net_h.retain_grad()
    o_h = torch.sigmoid(net_h)
    o_h.retain_grad()
    net_k = o_h @ w_hk
    net_k.retain_grad()
    o_k = torch.sigmoid(net_k)
    o_k.retain_grad()
    E = 0.5 * ((t - o_k) ** 2).sum()
    E.backward()
    ohv, okv, tv = o_h.detach().numpy(), o_k.detach().numpy(), t.numpy()
    Wv = w_hk.detach().numpy()
    dE_dok = o_k.grad.numpy()
    delta_k = -net_k.grad.numpy()
    delta_h = -net_h.grad.numpy()
    gW = w_hk.grad.numpy()
    r["dEdw"] = all(isc(gW[h, k], -delta_k[k] * ohv[h]) and isc(gW[h, k], dE_dok[k] * okv[k] * (1 - okv[k]) * ohv[h])
                    for h in range(n_h) for k in range(n_out))
    r["dk"] = close((tv - okv) * okv * (1 - okv), delta_k)
    Jnet = jac(lambda v: v @ w_hk.detach(), o_h.detach()).numpy()        # [k, h] = dnet_k/do_h
    r["dh_chain"] = all(isc(-sum(net_k.grad.numpy()[k] * Jnet[k, h] * ohv[h] * (1 - ohv[h]) for k in range(n_out)),
                            delta_h[h]) for h in range(n_h))
    r["dh"] = close(ohv * (1 - ohv) * (Wv @ delta_k), delta_h)
    return r


def mth():
    return repeat(mth_once, [(3, 4, 2), (2, 3, 3), (4, 2, 5)])


# ---------------------------------------------------------------- cv_foundations_phase00_en
def cvf_once(H, k):
    X = T(rnd(1, 1, H, H), True)
    K = T(rnd(1, 1, k, k))
    Y = F.conv2d(X, K)                                    # the page's valid cross-correlation
    Y.retain_grad()
    loss_of(Y).backward()
    gY = Y.grad
    rot = torch.flip(K, dims=[2, 3])
    written = corr2(gY[0, 0].numpy(), rot[0, 0].numpy())  # dL/dY * rot180(K), the same valid '*'
    full = F.conv2d(F.pad(gY, [k - 1] * 4), rot)          # what would hold: full padding
    assert close(full, X.grad)
    return {"dX_rot": written is not None and close(written, X.grad[0, 0])}


def cvf():
    return repeat(cvf_once, [(5, 3), (6, 3), (7, 5)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
