"""Independent truth for the sixty-ninth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout69.py`` writes the ``*.truth.json`` sidecars of ``heldout69/``, by the method
and in the format of ``truth_heldout68.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout69/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import math
import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout69"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout69.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2069)
torch.set_default_dtype(torch.float64)


def grad1(f, x):
    """Entrywise derivative of an elementwise f at the points x (autograd)."""
    xt = T(x, True)
    return torch.autograd.grad(f(xt).sum(), xt)[0].numpy()


def softmax_np(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_jacobian(z):
    """J[j, k] = dS_j / dz_k for one sample (autograd)."""
    zt = T(z, True)
    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), zt).numpy()


# ---------------------------------------------------------------- kripit_backprop_chapter_en
def krp_once(n_prev, n, m, K):
    A_prev = rnd(n_prev, m)
    W = rnd(n, n_prev)
    b = rnd(n, 1)
    out = {}

    # relu_dz: any loss of a = ReLU(z), z away from the kink
    Z = W @ A_prev + b
    Z = np.where(np.abs(Z) < 0.05, Z + 0.2, Z)
    Zt = T(Z, True)
    A = torch.relu(Zt)
    L = loss_of(A)
    dA = torch.autograd.grad(L, A, retain_graph=True)[0].numpy()
    dZ = torch.autograd.grad(L, Zt)[0].numpy()
    out["relu_dz"] = close(dA * (Z > 0), dZ)

    # course convention: per-sample losses L_i of column i, J = (1/m) sum_i L_i
    Wt, bt, At = T(W, True), T(b, True), T(A_prev, True)
    Zc = Wt @ At + bt
    G = T(rnd(n, m))
    per_sample = (G * Zc).sum(0) + (Zc ** 3).sum(0) / 3 + (torch.tanh(Zc) ** 2).sum(0)   # L_i, shape (m,)
    J = per_sample.mean()
    dJ_dW, dJ_db, dJ_dA = torch.autograd.grad(J, (Wt, bt, At), retain_graph=True)
    # the samples' own gradients dL_i/dz_i, stacked as columns
    dZ_own = torch.autograd.grad(per_sample.sum(), Zc, retain_graph=True)[0].numpy()
    out["dW_mean"] = close(dZ_own @ A_prev.T / m, dJ_dW.numpy())
    out["db_mean"] = close(dZ_own.sum(1, keepdims=True) / m, dJ_db.numpy())
    # da_prev: each sample's own gradient is W^T times its own dz (column by column) ...
    dA_own = torch.autograd.grad(per_sample.sum(), At)[0].numpy()
    ok = close(W.T @ dZ_own, dA_own)
    # ... and for the whole-batch loss L = loss_of(Z): dL/dA_prev = W^T dL/dZ
    Wt2, At2 = T(W, True), T(A_prev, True)
    Z2 = Wt2 @ At2 + T(b)
    L2 = loss_of(Z2)
    dZ2 = torch.autograd.grad(L2, Z2, retain_graph=True)[0].numpy()
    dA2 = torch.autograd.grad(L2, At2)[0].numpy()
    out["da_prev"] = ok and close(W.T @ dZ2, dA2)

    # dW_entry: one sample
    a1 = rnd(n_prev)
    Wt3 = T(W, True)
    z1 = Wt3 @ T(a1) + T(b[:, 0])
    L3 = loss_of(z1)
    dz1 = torch.autograd.grad(L3, z1, retain_graph=True)[0].numpy()
    dW1 = torch.autograd.grad(L3, Wt3)[0].numpy()
    out["dW_entry"] = all(np.isclose(dz1[i] * a1[j], dW1[i, j], atol=1e-9)
                          for i in range(n) for j in range(n_prev))

    # softmax_ce: columns are samples, one-hot y per column
    z = rnd(K, m) * 2
    Y = np.zeros((K, m))
    Y[RNG.integers(0, K, m), np.arange(m)] = 1.0
    zt = T(z, True)
    Lce = -(T(Y) * torch.log_softmax(zt, 0)).sum(0)          # per column
    g = torch.autograd.grad(Lce.sum(), zt)[0].numpy()
    out["softmax_ce"] = close(softmax_np(z, 0) - Y, g)
    return out


def krp():
    return repeat(krp_once, [(3, 2, 2, 3), (4, 3, 3, 4), (2, 4, 5, 5)])


# ---------------------------------------------------------------- nnfs_softmax_derivative_en
def nsd_once(N, L):
    out = {k: True for k in ("quot_applied", "jk_subst", "jk_factored", "split_sum_slip",
                             "s_result", "full_solution")}
    Z = rnd(N, L) * 1.5
    for i in range(N):
        z = Z[i]
        E = np.exp(z)
        Sum = E.sum()
        S = E / Sum
        Jac = softmax_jacobian(z)                        # Jac[j, k] = dS_j/dz_k
        for j in range(L):
            for k in range(L):
                d_num = E[j] if j == k else 0.0           # d e^{z_j} / d z_k
                d_den = E[k]                              # d sum / d z_k
                quot = (d_num * Sum - E[j] * d_den) / Sum ** 2
                out["quot_applied"] &= bool(np.isclose(quot, Jac[j, k], atol=1e-12))
                # the 'Full solution' chain for every j, k: middle member and the cases
                middle = (E[j] * Sum - E[j] * E[k]) / Sum ** 2
                cases = S[j] * (1 - S[k]) if j == k else -S[j] * S[k]
                out["full_solution"] &= bool(np.isclose(middle, Jac[j, k], atol=1e-12)
                                             and np.isclose(cases, Jac[j, k], atol=1e-12))
            # the j = k case rows
            k = j
            subst = (E[j] * Sum - E[j] * E[j]) / Sum ** 2
            factored = E[j] * (Sum - E[k]) / (Sum * Sum)
            slip = (E[j] / Sum) * (L * E[j] / Sum - E[k] / Sum)     # sum_{l=1}^{L} e^{z_j} = L e^{z_j}
            result = S[j] * (1 - S[k])
            out["jk_subst"] &= bool(np.isclose(subst, Jac[j, j], atol=1e-12))
            out["jk_factored"] &= bool(np.isclose(factored, Jac[j, j], atol=1e-12))
            out["split_sum_slip"] &= bool(np.isclose(slip, Jac[j, j], atol=1e-12))
            out["s_result"] &= bool(np.isclose(result, Jac[j, j], atol=1e-12))
    return out


def nsd():
    return repeat(nsd_once, [(2, 3), (2, 4), (3, 6)])


# ---------------------------------------------------------------- bigthor_backprop2_ko
ACTS = {"sigmoid": (torch.sigmoid, lambda z: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))),
        "tanh": (torch.tanh, lambda z: 1 - np.tanh(z) ** 2)}


def bth_once(Lyr, n):
    out = {k: True for k in ("dw_L_chain", "dw_L_value", "dw_L_avg", "dw_L1_value", "dC_daL",
                             "dC_dak")}
    for name, (sig, dsig) in ACTS.items():
        # a chain of single neurons: a^(0) input, layers 1..Lyr
        w = [None] + list(rnd(Lyr))
        b = [None] + list(rnd(Lyr))
        a0 = float(rnd(1)[0])
        y = float(rnd(1)[0])
        wt = [None] + [T(v, True) for v in w[1:]]
        at = [T(a0, True)]
        zt = [None]
        for l in range(1, Lyr + 1):
            zt.append(wt[l] * at[l - 1] + T(b[l]))
            at.append(sig(zt[l]))
        C0 = (at[Lyr] - y) ** 2
        grads = torch.autograd.grad(C0, wt[1:] + at, retain_graph=True)
        dw = [None] + [g.item() for g in grads[:Lyr]]
        da = [g.item() for g in grads[Lyr:]]
        a = [v.item() for v in at]
        z = [None] + [v.item() for v in zt[1:]]
        Lz, L1 = Lyr, Lyr - 1
        # the written three factors for w^(L): dz/dw = a^(L-1), da/dz = sigma'(z), dC0/da (autograd)
        three = a[L1] * dsig(z[Lz]) * da[Lz]
        out["dw_L_chain"] &= bool(np.isclose(three, dw[Lz], atol=1e-10))
        out["dw_L_value"] &= bool(np.isclose(a[L1] * dsig(z[Lz]) * 2 * (a[Lz] - y), dw[Lz], atol=1e-10))
        out["dw_L1_value"] &= bool(np.isclose(a[L1 - 1] * dsig(z[L1]) * da[L1], dw[L1], atol=1e-10))
        out["dC_daL"] &= bool(np.isclose(2 * (a[Lz] - y), da[Lz], atol=1e-10))
        for k in range(0, Lyr):
            rec = w[k + 1] * dsig(z[k + 1]) * da[k + 1]
            out["dC_dak"] &= bool(np.isclose(rec, da[k], atol=1e-10))

        # averaged cost over n examples, last layer weight
        aprev = rnd(n)
        ys = rnd(n)
        wL, bL = float(rnd(1)[0]), float(rnd(1)[0])
        wLt = T(wL, True)
        zs = wLt * T(aprev) + bL
        As = sig(zs)
        C = ((As - T(ys)) ** 2).mean()
        dC_dw = torch.autograd.grad(C, wLt, retain_graph=True)[0].item()
        dC_dA = torch.autograd.grad(C, As)[0].numpy()          # derivative of C itself: (1/n) 2(a_i - y_i)
        zs_np = zs.detach().numpy()
        written = np.sum(aprev * dsig(zs_np) * dC_dA)
        own = np.sum(aprev * dsig(zs_np) * 2 * (As.detach().numpy() - ys))  # with dC_i/da_i instead
        out["dw_L_avg"] &= bool(np.isclose(written, dC_dw, atol=1e-10) and not np.isclose(own, dC_dw))
    return out


def bth():
    return repeat(bth_once, [(3, 3), (4, 5)])


# ---------------------------------------------------------------- telhc_softmax_note_en
def tel_once(K):
    out = {k: True for k in ("softmax_jac", "dh", "dg", "proof_chain")}
    a = rnd(K) * 1.5
    E = np.exp(a)
    Sig = E.sum()
    s = E / Sig
    Jac = softmax_jacobian(a)                                  # Jac[i, j] = d sigma_i / d a_j
    at = T(a, True)
    dh = torch.autograd.grad(torch.exp(at).sum(), at)[0].numpy()
    for i in range(K):
        at_i = T(a, True)
        dg = torch.autograd.grad(torch.exp(at_i)[i], at_i)[0].numpy()
        for j in range(K):
            ind = 1.0 if i == j else 0.0
            out["softmax_jac"] &= bool(np.isclose(s[i] * (ind - s[j]), Jac[i, j], atol=1e-12))
            out["dh"] &= bool(np.isclose(E[j], dh[j], atol=1e-12))
            out["dg"] &= bool(np.isclose(E[i] if i == j else 0.0, dg[j], atol=1e-12))
            # proof chain: first member d/da_j (e^{a_j}/Sigma), later members d sigma_i/d a_j
            first = Jac[j, j]
            m2 = (ind * E[i] * Sig - E[j] * E[i]) / Sig ** 2
            m3 = (E[i] / Sig) * (ind * Sig - E[j]) / Sig
            m4 = s[i] * (ind - s[j])
            out["proof_chain"] &= bool(all(np.isclose(first, v, atol=1e-12) for v in (m2, m3, m4)))
    return out


def tel():
    return repeat(tel_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- harleys_activation_zh
def har_once(n):
    x = rnd(n) * 3
    sg = 1 / (1 + np.exp(-x))
    g = grad1(torch.sigmoid, x)
    out = {"sigmoid_d": close(np.exp(-x) / (1 + np.exp(-x)) ** 2, g) and close(sg * (1 - sg), g)}
    g = grad1(torch.tanh, x)
    fwd = np.allclose(2 / (1 + np.exp(-2 * x)) - 1, np.tanh(x), atol=1e-12)
    out["tanh_d"] = close(1 - np.tanh(x) ** 2, g) and bool(fwd)
    return out


def har():
    return repeat(har_once, [(20,), (40,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
