"""Independent truth for the forty-third held-out set (numpy and torch autograd, not symbp):
``python truth_heldout43.py`` writes the ``*.truth.json`` sidecars of ``heldout43/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout43/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout43"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout43.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2043)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def bce(a, y):
    return -(y * torch.log(a) + (1 - y) * torch.log(1 - a))


# ---------------------------------------------------------------- ronen_logreg_derivative_en
def ron_once(n, m, labels):
    """Logistic regression z = b + w^T x, sigma, binary cross entropy; J = sum of the m losses."""
    X = rnd(m, n)
    y = (RNG.integers(0, 2, m).astype(float) if labels == "01" else RNG.uniform(0.05, 0.95, m))
    if labels == "01":
        y[0], y[-1] = 0.0, 1.0     # both labels present
    w, b = T(rnd(n), True), T(rnd(1), True)
    z = T(X) @ w + b
    a = torch.sigmoid(z)
    losses = bce(a, T(y))
    J = losses.sum()
    gJ = torch.autograd.grad(J, w, retain_graph=True)[0].numpy()
    per = np.array([torch.autograd.grad(losses[i], w, retain_graph=True)[0].numpy() for i in range(m)])
    zv, av = z.detach().numpy(), a.detach().numpy()
    r = {"eq1": close(per.sum(0), gJ)}
    ok5 = ok7 = ok8 = ok9 = ok10 = ok11 = True
    for i in range(m):
        zi = zv[i]
        s = T(av[i], True)                       # sigma as a free variable
        Ltrue = bce(s, T(y[i]))
        dLds = torch.autograd.grad(Ltrue, s)[0].item()
        s2 = T(av[i], True)
        written = -y[i] * torch.log(s2) + (1 - y[i]) * torch.log(1 - s2)   # the row's own expression
        dwritten = torch.autograd.grad(written, s2)[0].item()
        last7 = -y[i] / av[i] + (1 - y[i]) / (1 - av[i])
        ok7 &= isc(dwritten, last7) and isc(dLds, last7)
        zt = T(zi, True)
        dsig = torch.autograd.grad(torch.sigmoid(zt), zt)[0].item()
        e = np.exp(-zi)
        sg = 1 / (1 + e)
        ok8 &= all(isc(v, dsig) for v in [-(-e) / (1 + e) ** 2, -(1 - (1 + e)) / (1 + e) ** 2, -sg ** 2 + sg, sg * (1 - sg)])
        ok9 &= close(X[i], X[i])         # dz/dw_i = x_i: z = b + w.x, autograd below
        xt = T(X[i])
        wt = T(w.detach().numpy(), True)
        dz = torch.autograd.grad(b.detach() + (xt * wt).sum(), wt)[0].numpy()
        ok9 &= close(dz, X[i])
        g = per[i]
        ok5 &= close(dLds * dsig * X[i], g)
        ok10 &= close(last7 * sg * (1 - sg) * X[i], g) and close((sg - y[i]) * X[i], g) and close((av[i] - y[i]) * X[i], g)
        ok11 &= close((sg - y[i]) * X[i], g) and close(np.full(n, av[i] - y[i]), g)
    r.update({"eq5": ok5, "eq7": ok7, "eq8": ok8, "eq9": ok9, "eq10": ok10, "eq11": ok11,
              "eq12a": close((1 / m) * ((av - y)[:, None] * X).sum(0), gJ)})
    return r


def ron():
    return repeat(ron_once, [(3, 4, "01"), (2, 5, "01"), (4, 3, "real")])


# ---------------------------------------------------------------- alexpeterbec_descente_gradient_fr
def alx_once(n0, n1, m, act):
    g = {"tanh": torch.tanh, "relu": torch.relu, "sig": torch.sigmoid}[act]
    X = rnd(n0, m)
    Y = RNG.integers(0, 2, (1, m)).astype(float)
    W1, b1 = T(rnd(n1, n0), True), T(rnd(n1, 1), True)
    W2, b2 = T(rnd(1, n1), True), T(rnd(1, 1), True)
    Z1 = W1 @ T(X) + b1
    Z1.retain_grad()
    A1 = g(Z1)
    Z2 = W2 @ A1 + b2
    Z2.retain_grad()
    A2 = torch.sigmoid(Z2)
    J = bce(A2, T(Y)).mean()
    J.backward()
    dZ2 = A2.detach().numpy() - Y
    A1v = A1.detach().numpy()
    dZ1 = W2.detach().numpy().T @ dZ2 * dphi(g, Z1.detach().numpy())
    return {"dZ2": close(dZ2, m * Z2.grad),
            "dw2": close(dZ2 @ A1v.T / m, W2.grad),
            "db2": close(dZ2.sum(axis=1, keepdims=True) / m, b2.grad),
            "dZ1": close(dZ1, m * Z1.grad),
            "dw1": close(dZ1 @ X.T / m, W1.grad),
            "db1": close(dZ1.sum(axis=1, keepdims=True) / m, b1.grad)}


def alx():
    return repeat(alx_once, [(3, 4, 5, "tanh"), (2, 3, 4, "relu"), (4, 2, 6, "sig")])


# ---------------------------------------------------------------- mattpetersen_softmax_ce_en
def mat_once(n, m, onehot):
    x = rnd(n)
    s = np.exp(x) / np.exp(x).sum()
    E = np.exp(x).sum()
    J = jac(lambda v: torch.softmax(v, 0), T(x)).numpy()      # [i, j] = ds_i/dx_j
    if onehot:
        y = np.zeros(n)
        y[RNG.integers(n)] = 1.0
    else:
        y = RNG.uniform(0.1, 1.0, n)
        y /= y.sum()
    r = {"diag": all(isc((E * np.exp(x[i]) - np.exp(x[i]) ** 2) / E ** 2, J[i, i]) and isc(s[i] - s[i] ** 2, J[i, i]) for i in range(n)),
         "offdiag": all(isc((E * 0 - np.exp(x[i]) * np.exp(x[j])) / E ** 2, J[i, j]) and isc(-s[i] * s[j], J[i, j])
                        for i in range(n) for j in range(n) if i != j),
         "jac_full": close(np.diag(s) - np.outer(s, s), J)}
    st = T(s, True)
    H = -(T(y) * torch.log(st)).sum()
    gs = torch.autograd.grad(H, st)[0].numpy()
    r["grad_s"] = close(-y @ np.diag(1 / s), gs) and close(-y / s, gs)
    xt = T(x, True)
    Hx = -(T(y) * torch.log(torch.softmax(xt, 0))).sum()
    gx = torch.autograd.grad(Hx, xt)[0].numpy()
    r["chain"] = close(gs @ J, gx)
    Srep = np.tile(s, (n, 1))
    r["err"] = all(close(v, gx) for v in [-(y / s) @ (np.diag(s) - np.outer(s, s)),
                                          (y / s) @ np.outer(s, s) - (y / s) @ np.diag(s),
                                          y @ Srep - y, s - y])
    # batch
    X = rnd(m, n)
    JB = jac(lambda V: torch.softmax(V, 1), T(X)).numpy()     # [i, a, j, b]
    S = np.exp(X) / np.exp(X).sum(1, keepdims=True)
    r["jac_zero"] = all(np.allclose(JB[i, :, j, :], 0, atol=1e-12) for i in range(m) for j in range(m) if i != j)
    r["jac_row"] = all(close(np.diag(S[i]) - np.outer(S[i], S[i]), JB[i, :, i, :]) for i in range(m))
    Y = np.zeros((m, n))
    Y[np.arange(m), RNG.integers(0, n, m)] = 1.0
    St = T(S, True)
    HB = -(1 / m) * torch.trace(T(Y) @ torch.log(St).T)
    gS = torch.autograd.grad(HB, St)[0].numpy()
    r["jac_H"] = close(-(1 / m) * Y * (1 / S), gS) and close(-(1 / m) * Y / S, gS)
    Xt = T(X, True)
    HX = torch.nn.functional.cross_entropy(Xt, torch.tensor(Y.argmax(1)))
    gX = torch.autograd.grad(HX, Xt)[0].numpy()
    r["err_batch"] = close((S - Y) / m, gX)
    return r


def mat():
    return repeat(mat_once, [(3, 4, True), (5, 2, True), (4, 3, False)])


# ---------------------------------------------------------------- bp_notes_nielsen_hexo_zh
def zhn_once(dims, quad):
    L = len(dims) - 1
    x = rnd(dims[0], 1)
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    a, zs, acts = T(x), [], [T(x)]
    for l in range(L):
        z = Ws[l] @ a + bs[l]
        z.retain_grad()
        zs.append(z)
        a = torch.sigmoid(z)
        a.retain_grad()
        acts.append(a)
    if quad:
        yv = T(RNG.uniform(0, 1, (dims[-1], 1)))
        C = 0.5 * ((yv - a) ** 2).sum()
    else:
        C = loss_of(a)
    C.backward()
    d = [z.grad.numpy() for z in zs]
    zv = [z.detach().numpy() for z in zs]
    av = [t.detach().numpy() for t in acts]
    Wv = [W.detach().numpy() for W in Ws]
    sp = [dphi(torch.sigmoid, z) for z in zv]
    gaL = acts[-1].grad.numpy()
    r = {"bp1a": close(gaL * sp[-1], d[-1])}
    Js = jac(torch.sigmoid, T(zv[-1])).numpy().reshape(dims[-1], dims[-1])    # [k, j] = da_k/dz_j
    r["dL_sum"] = all(isc(sum(gaL[k, 0] * Js[k, j] for k in range(dims[-1])), d[-1][j, 0]) for j in range(dims[-1]))
    ok2a = ok2 = okch = okdz = okmat = okb3 = True
    for l in range(L - 1):             # hidden layers (index l here is the page's l; l+1 the next)
        W = Wv[l + 1]
        ok2a &= close((W.T @ d[l + 1]) * sp[l], d[l])
        ok2 &= all(isc(sum(W[k, j] * d[l + 1][k, 0] * sp[l][j, 0] for k in range(W.shape[0])), d[l][j, 0]) for j in range(W.shape[1]))
        bnext = bs[l + 1].detach()
        Jz = jac(lambda v: T(W) @ torch.sigmoid(v) + bnext, T(zv[l])).numpy().reshape(W.shape[0], W.shape[1])   # [k, j]
        okch &= all(isc(sum(d[l + 1][k, 0] * Jz[k, j] for k in range(W.shape[0])), d[l][j, 0]) for j in range(W.shape[1]))
        okdz &= all(isc(Jz[k, j], W[k, j] * sp[l][j, 0]) for k in range(W.shape[0]) for j in range(W.shape[1]))
        # the middle member: sigma'(z^L) in place of sigma'(z^l); shapes that differ refute
        okmat &= sp[-1].shape == d[l].shape and close((W.T @ d[l + 1]) * sp[-1], d[l])
        okb3 &= all(isc(bs[l].grad.numpy()[j, 0], sum(W[k, j] * d[l + 1][k, 0] * sp[l][j, 0] for k in range(W.shape[0])))
                    and isc(bs[l].grad.numpy()[j, 0], d[l][j, 0]) for j in range(W.shape[1]))
    r.update({"bp2a": ok2a, "bp2": ok2, "bp2_chain": okch, "dz_dz": okdz, "bp2a_mat": okmat, "bp3_final": okb3})
    r["bp4a"] = all(close(d[l] @ av[l].T, Ws[l].grad) for l in range(L))
    r["bp4"] = all(isc(Ws[l].grad.numpy()[j, k], av[l][k, 0] * d[l][j, 0])
                   for l in range(L) for j in range(dims[l + 1]) for k in range(dims[l]))
    return r


def zhn():
    return repeat(zhn_once, [((3, 4, 2), False), ((2, 3, 3, 2), True), ((3, 2, 2), False)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
