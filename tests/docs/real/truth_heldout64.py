"""Independent truth for the sixty-fourth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout64.py`` writes the ``*.truth.json`` sidecars of ``heldout64/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout64/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout64"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, rounded, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout64.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2064)
torch.set_default_dtype(torch.float64)
ACTS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid}


def dact(name, z):
    """f'(z) entrywise by autograd."""
    zt = T(z, True)
    return torch.autograd.grad(ACTS[name](zt).sum(), zt)[0].numpy()


# ---------------------------------------------------------------- abhij_numpy_ann_batch_en
def abh_once(dims, n, act):
    """Examples as rows, Z_l = [H_{l-1}, 1] W~_l, H_l = f(Z_l), L = (1/n) sum_i ell(H_L[i])."""
    L = len(dims) - 1
    Ws = [T(rnd(dims[l] + 1, dims[l + 1]), True) for l in range(L)]
    X = T(rnd(n, dims[0]), True)
    Hs, Hts, Zs = [X], [], []
    for l in range(L):
        Ht = torch.cat([Hs[-1], torch.ones(n, 1)], dim=1)
        Ht.retain_grad()
        Z = Ht @ Ws[l]
        Z.retain_grad()
        H = ACTS[act](Z)
        H.retain_grad()
        Hts.append(Ht), Zs.append(Z), Hs.append(H)
    G = T(rnd(n, dims[-1]))
    per_sample = (G * Hs[-1]).sum(1) + (Hs[-1] ** 3).sum(1) / 3      # ell(H_L[i]), non-linear
    loss = per_sample.mean()
    loss.backward()
    r = {"dZL": close(Zs[-1].grad, Hs[-1].grad.numpy() * dact(act, Zs[-1].detach().numpy()))}
    okW = okH = okD = okZ = True
    for l in range(L):                       # layer l+1 of the page (Z_{l+1} = H~_l W~_{l+1})
        Htv, dZ = Hts[l].detach().numpy(), Zs[l].grad.numpy()
        okW &= close(Ws[l].grad, (1 / n) * Htv.T @ dZ)
        if l >= 1:                           # "if l > 1": the previous layer is a hidden one
            okH &= close(Hts[l].grad, dZ @ Ws[l].detach().numpy().T)
            okD &= close(Hs[l].grad, Hts[l].grad.numpy()[:, :-1])
            okZ &= close(Zs[l - 1].grad, Hs[l].grad.numpy() * dact(act, Zs[l - 1].detach().numpy()))
    r.update({"dW": okW, "dHt": okH, "drop": okD, "dZprev": okZ})
    return r


def abh():
    return repeat(abh_once, [((3, 4, 2), 4, "tanh"), ((2, 3, 3, 2), 5, "sigmoid"), ((3, 2, 2), 4, "sigmoid")])


# ---------------------------------------------------------------- rudra_backprop_the_what_en
def rud_once(scale):
    """2-2-1 network without activations, L = (Y - Y^)^2 for one student."""
    x = rnd(2) * scale
    w1 = T(rnd(2, 2), True)              # w1[i, j] = w'_{(i+1)(j+1)}: input i+1 -> hidden O_1(j+1)
    b1 = T(rnd(2), True)
    w2 = T(rnd(2), True)                 # w2[j] = w^2_{(j+1)1}
    b2 = T(rnd(1), True)
    Y = rnd(1)[0] * scale
    O = T(x) @ w1 + b1
    O.retain_grad()
    Yh = (O * w2).sum() + b2[0]
    Yh.retain_grad()
    L = (Y - Yh) ** 2
    L.backward()
    yh, Ov, w2v = Yh.item(), O.detach().numpy(), w2.detach().numpy()
    e = -2 * (Y - yh)
    return {"dLdY": isc(Yh.grad.item(), e),
            "w11_2": isc(w2.grad[0].item(), e * Ov[0]),
            "w21_2": isc(w2.grad[1].item(), e * Ov[1]),
            "b21": isc(b2.grad[0].item(), e),
            "w11p": isc(w1.grad[0, 0].item(), e * w2v[0] * x[0]),
            "w21p": isc(w1.grad[1, 0].item(), e * w2v[0] * x[1]),
            "w12p": isc(w1.grad[0, 1].item(), e * w2v[1] * x[0])}


def rud():
    return repeat(rud_once, [(1.0,), (3.0,), (0.5,)])


# ---------------------------------------------------------------- dsse_27506_cnn_deltas_en
def corr_valid(o, w, b):
    H, W = o.shape
    k1, k2 = w.shape
    return torch.stack([torch.stack([(o[i:i + k1, j:j + k2] * w).sum() + b[i, j]
                                     for j in range(W - k2 + 1)]) for i in range(H - k1 + 1)])


def dsq_conv_once(H, W, k1, k2):
    o = T(rnd(H, W))
    w = T(rnd(k1, k2), True)
    b = T(rnd(H - k1 + 1, W - k2 + 1))
    x = corr_valid(o, w, b)
    x.retain_grad()
    E = loss_of(x)
    E.backward()
    d, ov = x.grad.numpy(), o.numpy()
    ok = all(isc(w.grad[m, n].item(), sum(d[i, j] * ov[i + m, j + n]
                                          for i in range(H - k1 + 1) for j in range(W - k2 + 1)))
             for m in range(k1) for n in range(k2))
    return {"dw": ok}


def dsq():
    s = np.array([[0.58, 0.57], [0.65, 0.55]])
    w_h1 = np.array([[0.61, 0.82], [0.96, -1.00]])
    w_h2 = np.array([[0.02, -0.50], [0.23, 0.17]])
    p = T(np.log(s / (1 - s)), True)                 # pooled values whose sigmoids are the page's s
    sig = torch.sigmoid(p)
    H1, H2 = (T(w_h1) * sig).sum(), (T(w_h2) * sig).sum()
    E = 0.25 * H1 - 0.15 * H2                        # dE/dH1 = 0.25, dE/dH2 = -0.15
    E.backward()
    g = p.grad.numpy()
    written = {"d11": ((0, 0), 0.0364182), "d12": ((0, 1), 0.068628),
               "d21": ((1, 0), 0.04675125), "d22": ((1, 1), -0.06818625)}
    out = {}
    for cid, ((i, j), val) in written.items():
        expr = (0.25 * w_h1[i, j] + -0.15 * w_h2[i, j]) * s[i, j] * (1 - s[i, j])
        out[cid] = "holds" if (rounded(val, g[i, j]) and rounded(val, expr)) else "refuted"
    out.update(repeat(dsq_conv_once, [(5, 5, 2, 2), (6, 4, 3, 2), (4, 6, 2, 3)]))
    return out


# ---------------------------------------------------------------- dsse_11699_maxpool_en
def mxp_fc_once(n_l, n_next, act):
    z = T(rnd(n_l), True)
    w = T(rnd(n_l, n_next))                     # w[i, j] = w_{i,j}^{l,l+1}
    b = T(rnd(n_next))
    z_next = ACTS[act](z) @ w + b
    z_next.retain_grad()
    E = loss_of(ACTS[act](z_next))
    E.backward()
    dn, wv = z_next.grad.numpy(), w.numpy()
    th = dact(act, z.detach().numpy())
    ok_a = all(isc(z.grad[i].item(), th[i] * sum(dn[j] * wv[i, j] for j in range(n_next))) for i in range(n_l))
    # answer 2: P_i = f(sum_j W_ij PR_j)
    PR = T(rnd(n_l), True)
    Wm = T(rnd(n_next, n_l))
    u = Wm @ PR
    P = ACTS[act](u)
    P.retain_grad()
    E2 = loss_of(P)
    E2.backward()
    fp = dact(act, u.detach().numpy())
    gP = P.grad.numpy()
    ok_b = all(isc(PR.grad[j].item(), sum(gP[i] * fp[i] * Wm[i, j].item() for i in range(n_next))) for j in range(n_l))
    return {"asker": ok_a, "grad": ok_b}


def mxp_pool_once(shape, k):
    """Max pooling with non-overlapping k-windows (1-D or 2-D); W_ij = 1 at each window's maximum."""
    PR = T(rnd(*shape), True)
    if len(shape) == 1:
        P = torch.nn.functional.max_pool1d(PR[None, None], k)[0, 0]
    else:
        P = torch.nn.functional.max_pool2d(PR[None, None], k)[0, 0]
    P.retain_grad()
    E = loss_of(P)
    E.backward()
    prv, gP, g = PR.detach().numpy(), P.grad.numpy(), PR.grad.numpy()
    ok = True
    for idx in np.ndindex(*gP.shape):
        sl = tuple(slice(a * k, a * k + k) for a in idx)
        win = prv[sl]
        at = np.unravel_index(np.argmax(win), win.shape)
        full = tuple(a * k + b for a, b in zip(idx, at))
        W_row = np.zeros_like(prv)
        W_row[full] = 1.0                      # W_{i, j} of this window i
        # grad(PR_max) = sum_i grad(P_i) W_{i, max}: only this window's W is 1 at that neuron
        ok &= isc(g[full], gP[idx] * W_row[full])
    return {"maxrow": ok}


def mxp():
    out = repeat(mxp_fc_once, [(3, 2, "tanh"), (4, 3, "sigmoid"), (2, 4, "tanh")])
    out.update(repeat(mxp_pool_once, [((6,), 2), ((9,), 3), ((4, 4), 2)]))
    return out


# ---------------------------------------------------------------- statsse_414301_maxpool_channels_en
def sxm():
    grid = np.array([[[1, 2], [4, 6]], [[3, 7], [2, 2]]], dtype=float)   # [row][col][channel]
    x = T(np.transpose(grid, (2, 0, 1)), True)                           # channels first
    y = torch.nn.functional.max_pool2d(x[None], 2)[0]                    # (2, 1, 1)
    assert close(y.detach().numpy().reshape(2), [4, 7])
    (y.reshape(2) * T([1.0, 2.0])).sum().backward()
    got = np.transpose(x.grad.numpy(), (1, 2, 0))                        # back to [row][col][channel]
    written = np.array([[[0, 0], [1, 0]], [[0, 2], [0, 0]]], dtype=float)
    return {"mask": "holds" if close(got, written) else "refuted"}


# ---------------------------------------------------------------- dsse_75593_cnn_error_delta_en
def dsd_once(dims):
    L = len(dims) - 1
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    a = [T(rnd(dims[0], 1))]
    zs = []
    for l in range(L):
        z = Ws[l] @ a[-1] + bs[l]
        z.retain_grad()
        zs.append(z)
        a.append(torch.sigmoid(z))
    y = T(RNG.uniform(0, 1, (dims[-1], 1)))
    C = 0.5 * ((a[-1] - y) ** 2).sum()
    C.backward()
    d = [z.grad.numpy() for z in zs]
    sp = [dact("sigmoid", z.detach().numpy()) for z in zs]
    av = [t.detach().numpy() for t in a]
    r = {"bp1": close((av[-1] - y.numpy()) * sp[-1], d[-1])}
    r["bp2"] = all(close((Ws[l + 1].detach().numpy().T @ d[l + 1]) * sp[l], d[l]) for l in range(L - 1))
    r["bp4"] = all(isc(Ws[l].grad[j, k].item(), av[l][k, 0] * d[l][j, 0])
                   for l in range(L) for j in range(dims[l + 1]) for k in range(dims[l]))
    return r


def dsd():
    return repeat(dsd_once, [((3, 4, 2),), ((2, 3, 3, 2),), ((4, 2, 3),)])


# ---------------------------------------------------------------- sidecars
def main():
    truths = write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
    for doc, (_, claims, _, _) in TABLE.items():
        print(doc)
        for cid, _, why in claims:
            print(f"  {cid:8s} {truths[doc][cid]:8s} {why[:110]}")


if __name__ == "__main__":
    main()
