"""Independent truth for the twenty-eighth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout28.py`` writes the ``*.truth.json`` sidecars of ``heldout28/``, by the method
and in the format of ``truth_heldout20.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout28/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout28"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout28.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2028)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- pythonandml_backprop_rows_en
def eng_once(dims, m, act):
    """Samples as rows: z_l = a_{l-1} W_l + b_l^T (W_l: h_{l-1} x h_l, b_l a column), a_l = f(z_l);
    J a drawn non-linear function of the last activation a_L."""
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    L = len(dims) - 1
    X = rnd(m, dims[0])
    Ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L)]
    a, zs, acts = T(X), [], [T(X)]
    for l in range(L):
        z = a @ Ws[l] + bs[l].T
        z.retain_grad()
        zs.append(z)
        a = f(z)
        a.retain_grad()
        acts.append(a)
    J = loss_of(a)
    J.backward()
    d = [z.grad.numpy() for z in zs]
    zv = [z.detach().numpy() for z in zs]
    av = [x.detach().numpy() for x in acts]
    ga = [x.grad.numpy() if x.grad is not None else None for x in acts]
    fp = [dphi(f, z) for z in zv]
    Wv = [W.detach().numpy() for W in Ws]
    # the Jacobian of the activation, entry by entry: diagonal, so the chain rule is the product
    Jf = jac(f, T(zv[-1])).numpy().reshape(zv[-1].size, zv[-1].size)
    chainL = (ga[-1].reshape(-1) @ Jf).reshape(zv[-1].shape)
    r = {"dL_chain": close(chainL, d[-1]) and close(ga[-1] * fp[-1], d[-1]),
         "dL_box": close(ga[-1] * fp[-1], d[-1])}
    ok_chain, ok_da, ok_box = True, True, True
    for l in range(L - 1):
        Jl = jac(f, T(zv[l])).numpy().reshape(zv[l].size, zv[l].size)
        ok_chain &= close((ga[l + 1].reshape(-1) @ Jl).reshape(zv[l].shape), d[l])
        ok_da &= close(d[l + 1] @ Wv[l + 1].T, ga[l + 1])
        ok_box &= close((d[l + 1] @ Wv[l + 1].T) * fp[l], d[l])
    r["dl_chain"], r["dJ_da"], r["dl_box"] = ok_chain, ok_da, ok_box
    r["dW_box"] = all(close(av[l].T @ d[l], Ws[l].grad) for l in range(L))
    r["db_box"] = all(close(d[l].sum(axis=0).reshape(-1, 1), bs[l].grad) for l in range(L))
    return r


def eng():
    return repeat(eng_once, [((3, 4, 2), 5, "sig"), ((2, 3, 4, 3), 4, "tanh"), ((4, 2, 3), 1, "sig")])


# ---------------------------------------------------------------- kaifeng_bp_numeric_zh
def chi_net(X, y, W1, b1, W2, b2):
    """The page's forwards: z_1 = X W_1 + b_1 (W_1 input x hidden), z_2 = a_1 W_2^T + b_2 (W_2 a row),
    sigmoid on both, L = (y-hat - y)^2 / 2; everything from autograd."""
    Xt = T(X)
    W1t, b1t, W2t, b2t = T(W1, True), T(b1, True), T(W2, True), T(b2, True)
    z1 = Xt @ W1t + b1t
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    a1.retain_grad()
    z2 = a1 @ W2t.T + b2t
    z2.retain_grad()
    yh = torch.sigmoid(z2)
    yh.retain_grad()
    L = (0.5 * (yh - y) ** 2).sum()
    L.backward()
    g = {k: v.grad.numpy() for k, v in (("z1", z1), ("a1", a1), ("z2", z2), ("yh", yh),
                                       ("W1", W1t), ("b1", b1t), ("W2", W2t), ("b2", b2t))}
    val = {k: v.detach().numpy() for k, v in (("z1", z1), ("a1", a1), ("z2", z2), ("yh", yh))}
    return g, val


def chi_sym_once():
    X, y = rnd(1, 2), rnd(1)[0]
    g, v = chi_net(X, y, rnd(2, 2), rnd(1, 2), rnd(1, 2), rnd(1, 1))
    s2 = v["yh"] * (1 - v["yh"])
    return {"s_delta2": close((v["yh"] - y) * s2, g["z2"]),
            "s_dW": close(g["z2"].T @ v["a1"], g["W2"]) and close(g["z1"].T @ X, g["W1"]),
            "s_db": close(g["z2"], g["b2"]) and close(g["z1"], g["b1"])}


def allr(claimed, true):
    """Every written number (given as the page writes it, a string, so that a trailing zero counts as
    a digit) within 0.6 units of its last digit; refuted from 1.75 units on; in between the verdict
    would hang on the tolerance, which must not be scored (the rule of truth_common.rounded)."""
    units = [abs(float(c) - float(t)) / 10.0 ** (-len(c.split(".")[1])) for c, t in zip(claimed, np.ravel(true))]
    if any(u >= 1.75 for u in units):      # one number clearly off refutes the row
        return False
    assert all(u <= 0.6 for u in units), (claimed, units)
    return True


def allr_safe(claimed, true):
    """allr without its assertion: True only where it would hold outright."""
    try:
        return allr(claimed, true)
    except AssertionError:
        return False


def chi():
    res = repeat(chi_sym_once, [()] * 3)
    X = np.array([[1.0, 2.0]])
    W1, b1 = np.array([[0.5, 0.6], [0.7, 0.8]]), np.array([[0.1, 0.2]])
    W2, b2 = np.array([[0.9, 0.1]]), np.array([[0.3]])
    g, v = chi_net(X, 0.5, W1, b1, W2, b2)
    res["dL_dyhat"] = verdict(allr(["0.2692"], g["yh"]))
    res["dyhat_dz2"] = verdict(allr(["0.1776"], v["yh"] * (1 - v["yh"])))
    res["dW2"] = verdict(allr(["0.0421", "0.0434"], g["W2"]))
    assert not allr_safe(["0.0430"], g["a1"][0, :1])   # the excluded dL/da_1 row: 0.98 units, between the bands
    res["da1_dz1"] = verdict(allr(["0.1051", "0.0833"], v["a1"] * (1 - v["a1"])))
    assert allr(["0.0045", "0.0004"], g["z1"])   # the rows left out for the cap (delta_1, dL/db_1) hold
    assert close(g["z1"], g["b1"])
    res["dW1"] = verdict(allr(["0.0045", "0.0090", "0.0004", "0.0008"], g["W1"]))
    # the excluded rows' numbers really are between the bands (delta_2 = dL/db_2 = 0.047666)
    units = abs(0.0478 - g["z2"].item()) / 1e-4
    assert 0.6 < units < 1.75, units
    return res


# ---------------------------------------------------------------- softmax_note_1036225283_zh
def zhs_once(K):
    """s = softmax(z); the note's f' = d/dz^j for every pair (i, j); J[i, j] = ds^i/dz^j by autograd."""
    z = rnd(K)
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()
    e = np.exp(z)
    S = e.sum()
    s = e / S
    Jb = jac(lambda v: 1.0 / torch.exp(v).sum(), T(z)).numpy()       # d(1/S)/dz^j
    Ja = jac(torch.exp, T(z)).numpy()                                # d e^{z_i} / dz^j
    pairs = [(i, j) for i in range(K) for j in range(K)]
    return {"fa_prime": all(isc(Ja[i, j], e[i]) for i, j in pairs),
            "fb_prime": all(isc(Jb[j], e[j] * -(S ** -2)) for j in range(K)),
            "prod_expand": all(isc(e[i] * S ** -1 + e[j] * -(S ** -2) * e[i], J[i, j]) for i, j in pairs),
            "prod_simpl": all(isc(e[i] / S - e[i] * e[j] / S ** 2, J[i, j]) for i, j in pairs),
            "ieqj_1": all(isc(s[i] - s[i] * s[i], J[i, i]) for i in range(K)),
            "ieqj_2": all(isc(s[i] * (1 - s[i]), J[i, i]) for i in range(K)),
            "ineqj": all(isc(-s[i] * s[j], J[i, j]) for i, j in pairs if i != j)}


def zhs():
    return repeat(zhs_once, [(3,), (4,)])


# ---------------------------------------------------------------- softmax_ce_penalty_en
def ens_once(K, onehot):
    z = rnd(K)
    if onehot:
        t = np.zeros(K)
        t[RNG.integers(K)] = 1.0
    else:
        t = np.abs(rnd(K))
        t = t / t.sum()
    zt = T(z, True)
    y = torch.softmax(zt, 0)
    C = -(T(t) * torch.log(y)).sum()
    g = torch.autograd.grad(C, zt)[0].numpy()
    yv = y.detach().numpy()
    Jlog = jac(lambda v: torch.log(torch.softmax(v, 0)), T(z)).numpy()   # [k, i] = d log y_k / dz_i
    Jy = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()                # [k, i] = d y_k / dz_i
    ind = np.eye(K)
    r = {"d_sum": all(isc(-sum(t[k] * Jlog[k, i] for k in range(K)), g[i]) for i in range(K)),
         "d_chain": all(isc(-sum(t[k] / yv[k] * Jy[k, i] for k in range(K)), g[i]) for i in range(K)),
         "d_plug": all(isc(-sum(t[k] / yv[k] * yv[k] * (ind[k, i] - yv[i]) for k in range(K)), g[i])
                       and isc(-sum(t[k] * (ind[k, i] - yv[i]) for k in range(K)), g[i]) for i in range(K)),
         "k_eq": all(isc(Jy[i, i], yv[i] * (1 - yv[i])) and isc((np.exp(z[i]) * np.exp(z).sum() - np.exp(z[i]) ** 2) / np.exp(z).sum() ** 2, Jy[i, i])
                     for i in range(K)),
         "k_neq": all(isc(Jy[k, i], -yv[k] * yv[i]) and isc(-np.exp(z[k]) * np.exp(z[i]) / np.exp(z).sum() ** 2, Jy[k, i])
                      for k in range(K) for i in range(K) if k != i)}
    if onehot:   # the last chain is about a one-hot target (t sums to 1); its middle member as written
        r["d_final"] = all(isc(-sum(t[k] * ind[k, i] for k in range(K)) + sum(yv[i] for _ in range(K)), g[i])
                           and isc(yv[i] - t[i], g[i]) for i in range(K))
    return r


def ens():
    return repeat(ens_once, [(3, True), (4, True), (3, False)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
