"""Independent truth for the fifty-sixth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout56.py`` writes the ``*.truth.json`` sidecars of ``heldout56/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout56/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout56"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout56.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2056)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def onehot(n):
    y = np.zeros(n)
    y[RNG.integers(n)] = 1.0
    return y


# ---------------------------------------------------------------- fr_mlp_derivees_partielles_fr
def frm_once(m, n, q):
    """phi(X, W, B) = ReLU(W X + B), X in R^m, W n x m; psi = phi'(phi(X, W, B), W', B'), W' q x n;
    L(Y, Yt) = |Y - Yt|^2 / 2."""
    relu = torch.relu
    X, W, B = rnd(m), rnd(n, m), rnd(n)
    Wp, Bp = rnd(q, n), rnd(q)
    # draw until no pre-activation sits at ReLU's kink and both layers have active units
    while True:
        Z = W @ X + B
        Zp = Wp @ np.maximum(Z, 0) + Bp
        if min(np.abs(Z).min(), np.abs(Zp).min()) > 1e-3 and (Z > 0).sum() >= 1 and (Zp > 0).sum() >= 1:
            break
        X, W, B, Wp, Bp = rnd(m), rnd(n, m), rnd(n), rnd(q, n), rnd(q)
    ap = (Z > 0).astype(float)          # a'(Z)
    app = (Zp > 0).astype(float)        # a'(Z')
    phi = np.maximum(Z, 0)
    Yt = rnd(n)
    r = {}
    # dphi_i / dX_j
    J = jac(lambda x: relu(T(W) @ x + T(B)), T(X)).numpy()               # [i, j]
    r["dphi_dX"] = all(isc(J[i, j], W[i, j] * ap[i]) for i in range(n) for j in range(m))
    # dL/dY_i versus sum_k (Y_k - Y_k) = 0
    Yv = T(phi, True)
    gY = torch.autograd.grad(0.5 * ((Yv - T(Yt)) ** 2).sum(), Yv)[0].numpy()
    r["dL_dY"] = all(isc(gY[i], sum(phi[k] - phi[k] for k in range(n))) for i in range(n))
    # f(W) = L(phi(X, W, B), Yt)
    Wt = T(W, True)
    f = 0.5 * ((relu(Wt @ T(X) + T(B)) - T(Yt)) ** 2).sum()
    gW = torch.autograd.grad(f, Wt)[0].numpy()
    r["df_dW"] = all(isc(gW[i, j], X[j] * ap[i] * (phi[i] - Yt[i])) for i in range(n) for j in range(m))

    # psi and its Jacobians
    def psi_of(x, w, b):
        return relu(T(Wp) @ relu(w @ x + b) + T(Bp))
    JX = jac(lambda x: psi_of(x, T(W), T(B)), T(X)).numpy()              # [i, j]
    JW = jac(lambda w: psi_of(T(X), w, T(B)), T(W)).numpy()              # [i, j, p]
    JB = jac(lambda b: psi_of(T(X), T(W), b), T(B)).numpy()              # [i, j]
    r["dpsi_dX"] = all(isc(JX[i, j], sum(W[k, j] * ap[k] for k in range(n)) * app[i])
                       for i in range(q) for j in range(m))
    r["dpsi_dW"] = all(isc(JW[i, j, p], Wp[i, j] * X[p] * ap[j] * app[i])
                       for i in range(q) for j in range(n) for p in range(m))
    r["dpsi_dB"] = all(isc(JB[i, j], 1 * ap[j] * app[i]) for i in range(q) for j in range(n))
    return r


def frm():
    return repeat(frm_once, [(3, 2, 2), (4, 3, 2), (2, 4, 3)])


# ---------------------------------------------------------------- qinkaiwu_softmax_ce_en
def qwu_once(nin, K):
    x, w, b = rnd(nin), rnd(K, nin), rnd(K)
    y = onehot(K)
    z = w @ x + b
    a = np.exp(z) / np.exp(z).sum()
    S = np.exp(z).sum()
    r = {}
    # dz_i/dw_il by autograd versus dL/dz_i . x_l
    Jzw = jac(lambda ww: ww @ T(x) + T(b), T(w)).numpy()                # [i, i', l]
    zt = T(z, True)
    L = -(T(y) * torch.log_softmax(zt, 0)).sum()
    gz = torch.autograd.grad(L, zt)[0].numpy()
    r["dz_dw"] = all(isc(Jzw[i, i, l], gz[i] * x[l]) for i in range(K) for l in range(nin))
    # one product dL/da_j . da_j/dz_i (no sum over j) versus dL/dz_i, for every i and j
    Ja = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()                # [j, i] = da_j/dz_i
    at = T(a, True)
    ga = torch.autograd.grad(-(T(y) * torch.log(at)).sum(), at)[0].numpy()
    r["chain_j"] = all(isc(ga[j] * Ja[j, i], gz[i]) for i in range(K) for j in range(K))
    r["jac_diag"] = all(isc(Ja[i, i], a[i] * (1 - a[i])) for i in range(K))
    r["jac_off"] = all(isc(Ja[j, i], (0 - np.exp(z[j]) * np.exp(z[i])) / S ** 2) and isc(Ja[j, i], -a[j] * a[i])
                       for i in range(K) for j in range(K) if j != i)
    ok = True
    for yy in (y, RNG.uniform(0.1, 1.0, K)):     # one-hot and any target (the row is the chain rule)
        zz = T(z, True)
        g2 = torch.autograd.grad(-(T(yy) * torch.log_softmax(zz, 0)).sum(), zz)[0].numpy()
        ok &= all(isc(g2[i], -yy[i] * (1 / a[i]) * a[i] * (1 - a[i])
                      - sum(yy[j] * (1 / a[j]) * (-a[j] * a[i]) for j in range(K) if j != i)) for i in range(K))
    r["combine"] = ok
    r["grad"] = close(a - y, gz)
    return r


def qwu():
    return repeat(qwu_once, [(3, 3), (2, 4), (4, 5)])


# ---------------------------------------------------------------- penguinwang_softmax_ce_en
def pgw_jac_once():
    z = rnd(3)
    e1, e2, e3 = np.exp(z)
    S = e1 + e2 + e3
    y = np.exp(z) / S
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()                 # [i, j] = dy_i/dz_j
    return {"d11": all(isc(v, J[0, 0]) for v in [(e1 * S - e1 * e1) / S ** 2, y[0] - e1 * e1 / S ** 2, y[0] - y[0] ** 2]),
            "d12": all(isc(v, J[0, 1]) for v in [-e1 * e2 / S ** 2, -y[0] * y[1]]),
            "d13": all(isc(v, J[0, 2]) for v in [-e1 * e2 / (e1 + e3 + e3) ** 2, -y[0] * y[2]])}


def pgw_ce_once(K):
    z = rnd(K)
    y = onehot(K)
    yh = np.exp(z) / np.exp(z).sum()
    zt = T(z, True)
    g = torch.autograd.grad(-(T(y) * torch.log(torch.softmax(zt, 0))).sum(), zt)[0].numpy()
    Jlog = jac(lambda v: torch.log(torch.softmax(v, 0)), T(z)).numpy()   # [k, i] = d log yh_k / dz_i
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()                 # [k, i]
    chain = all(isc(v, g[i]) for i in range(K) for v in [
        -sum(y[k] * Jlog[k, i] for k in range(K)),
        -sum(y[k] * (1 / yh[k]) * J[k, i] for k in range(K))])
    final = all(isc(v, g[i]) for i in range(K) for v in [
        -y[i] * (1 - yh[i]) - sum(y[k] * (1 / yh[k]) * (-yh[k] * yh[i]) for k in range(K) if k != i),
        -y[i] * (1 - yh[i]) - sum(y[k] * yh[i] for k in range(K) if k != i),
        yh[i] * (y[i] + sum(y[k] for k in range(K) if k != i)) - y[i],
        yh[i] - y[i]])
    return {"ce_chain": chain, "ce_final": final}


def pgw():
    out = repeat(lambda: pgw_jac_once(), [(), (), ()])
    out.update(repeat(pgw_ce_once, [(3,), (4,), (5,)]))
    return out


# ---------------------------------------------------------------- grobol_regression_logistique_fr
def grb_once(n, N):
    X = rnd(N, n)
    Y = RNG.integers(0, 2, N).astype(float)
    Y[0], Y[-1] = 0.0, 1.0
    al, be = T(rnd(n), True), T(rnd(1), True)

    def loss(i):
        M = torch.sigmoid(al @ T(X[i]) + be)[0]
        return -torch.log(M * Y[i] + (1 - M) * (1 - Y[i]))
    per = [torch.autograd.grad(loss(i), (al, be)) for i in range(N)]
    tot = torch.autograd.grad(sum(loss(i) for i in range(N)), (al, be))
    r = {"grad_sum": close(sum(p[0] for p in per), tot[0]) and close(sum(p[1] for p in per), tot[1])}
    okA = okB = True
    for i in range(N):
        M = 1 / (1 + np.exp(-(X[i] @ al.detach().numpy() + be.detach().numpy()[0])))
        okA &= close((M - Y[i]) * X[i], per[i][0])
        okB &= isc(M - Y[i], per[i][1].item())
    r.update({"dL_dalpha": okA, "dL_dbeta": okB})
    return r


def grb():
    return repeat(grb_once, [(2, 4), (3, 5), (4, 3)])


# ---------------------------------------------------------------- fc_forward_backward_note_en
def fcn_once(nl, nn):
    a = T(rnd(nl), True)
    w = T(rnd(nl, nn), True)                       # w[i, j] joins unit i of layer l to unit j of layer l+1
    an = (w * a[:, None]).sum(0)                   # a^{l+1}_j = sum_i w_ij a^l_i
    an.retain_grad()
    loss = loss_of(an)
    loss.backward()
    gn = an.grad.numpy()
    W = w.detach().numpy()
    av = a.detach().numpy()
    return {"da": all(isc(a.grad.numpy()[i], sum(W[i, j] * gn[j] for j in range(nn))) for i in range(nl)),
            "dw": all(isc(w.grad.numpy()[i, j], av[i] * gn[j]) for i in range(nl) for j in range(nn))}


def fcn():
    return repeat(fcn_once, [(3, 2), (4, 5), (2, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
