"""Independent truth for the forty-second held-out set (numpy and torch autograd, not symbp):
``python truth_heldout42.py`` writes the ``*.truth.json`` sidecars of ``heldout42/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout42/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was neither run, imported nor read).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout42"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout42.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2042)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
ACTS = {"sig": torch.sigmoid, "tanh": torch.tanh, "softplus": torch.nn.functional.softplus}


# ---------------------------------------------------------------- mlp_kettenregel_de
def de_once(dims, act):
    """One sample; a_l = W_l^T h_{l-1} + b_l with W_l: d_{l-1} x d_l, h_l = sigma(a_l); ell drawn."""
    f = ACTS[act]
    L = len(dims) - 1
    x = rnd(dims[0])
    Ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(L)]
    bs = [T(rnd(dims[l + 1]), True) for l in range(L)]
    h, hs, As = T(x), [T(x)], []
    for l in range(L):
        a = Ws[l].T @ h + bs[l]
        a.retain_grad()
        As.append(a)
        h = f(a)
        h.retain_grad()
        hs.append(h)
    ell = loss_of(h)
    ell.backward()
    d = [a.grad.numpy() for a in As]                      # delta_l = d ell / d a_l
    av = [a.detach().numpy() for a in As]
    hv = [x.detach().numpy() for x in hs]                 # hv[l] = h_l, hv[0] = x
    Wv = [W.detach().numpy() for W in Ws]
    gW = [W.grad.numpy() for W in Ws]
    gb = [b.grad.numpy() for b in bs]
    gh = hs[-1].grad.numpy()
    fp = [dphi(f, a) for a in av]
    r = {}
    ok_chain, ok_daw, ok_dab = True, True, True
    for l in range(L):
        # Jacobian of a_l (as a function of W_l) and of b_l
        JW = jac(lambda W, l=l: W.T @ T(hv[l]) + T(bs[l].detach().numpy()), T(Wv[l])).numpy()  # [k, j, k']
        Jb = jac(lambda b, l=l: T(Wv[l]).T @ T(hv[l]) + b, T(bs[l].detach().numpy())).numpy()
        for j in range(dims[l]):
            for k in range(dims[l + 1]):
                ok_chain &= isc(gW[l][j, k], d[l][k] * JW[k, j, k])
                ok_daw &= isc(JW[k, j, k], hv[l][j])
        for j in range(dims[l + 1]):
            ok_dab &= isc(Jb[j, j], 1.0)
    r["chain_W"], r["da_dW"], r["da_db"] = ok_chain, ok_daw, ok_dab
    r["delta_L"] = close(gh * fp[-1], d[-1])
    r["dW_L"] = all(isc(gW[-1][j, k], d[-1][k] * hv[-2][j]) for j in range(dims[-2]) for k in range(dims[-1]))
    r["db_L"] = close(gb[-1], d[-1])
    ok_sum, ok_dada, ok_rec = True, True, True
    for l in range(L - 1):
        # a_{l+1} as a function of a_l
        Ja = jac(lambda a, l=l: T(Wv[l + 1]).T @ f(a) + T(bs[l + 1].detach().numpy()), T(av[l])).numpy()  # [k, j]
        for j in range(dims[l + 1]):
            ok_sum &= isc(sum(d[l + 1][k] * Ja[k, j] for k in range(dims[l + 2])), d[l][j])
            ok_rec &= isc(fp[l][j] * sum(d[l + 1][k] * Wv[l + 1][j, k] for k in range(dims[l + 2])), d[l][j])
            for k in range(dims[l + 2]):
                ok_dada &= isc(Ja[k, j], Wv[l + 1][j, k] * fp[l][j])
    r["delta_sum"], r["da_da"], r["recursion"] = ok_sum, ok_dada, ok_rec
    r["dW_l"] = all(isc(gW[l][j, k], d[l][k] * hv[l][j]) for l in range(L)
                    for j in range(dims[l]) for k in range(dims[l + 1]))
    r["db_l"] = all(close(gb[l], d[l]) for l in range(L))
    return r


def de():
    return repeat(de_once, [((3, 4, 2), "sig"), ((2, 3, 4, 3), "tanh"), ((4, 2, 3), "softplus")])


# ---------------------------------------------------------------- ESL one-hidden-layer network (ja, pt)
def esl_once(p, M, K, gname):
    """Z_m = sigma(alpha_m^T x) (alpha_0m = 0), T_k = beta_k^T z (beta_0k = 0), f_k = g(T_k),
    R_i = sum_k (y_ik - f_k)^2; alpha: M x p, beta: K x M; gradients by autograd."""
    g = {"sig": torch.sigmoid, "id": (lambda t: t)}[gname]
    x, y = rnd(p), rnd(K)
    al, be = T(rnd(M, p), True), T(rnd(K, M), True)
    a = al @ T(x)
    a.retain_grad()
    z = torch.sigmoid(a)
    Tk = be @ z
    Tk.retain_grad()
    f = g(Tk)
    R = ((T(y) - f) ** 2).sum()
    R.backward()
    av, zv, Tv, fv = a.detach().numpy(), z.detach().numpy(), Tk.detach().numpy(), f.detach().numpy()
    alv, bev = al.detach().numpy(), be.detach().numpy()
    gA, gB = al.grad.numpy(), be.grad.numpy()
    delta_true, s_true = Tk.grad.numpy(), a.grad.numpy()
    gp = dphi(g, Tv) if gname == "sig" else np.ones(K)
    sp = dphi(torch.sigmoid, av)
    sv = zv                                                    # sigma(alpha_m^T x)
    delta_pg = -2 * (y - fv) * gp                              # the page's delta_ki
    s_pg = sp * np.array([sum(bev[k, m] * delta_pg[k] for k in range(K)) for m in range(M)])
    r = {}
    r["pt_dbeta"] = all(isc(gB[k, m], -2 * (y[k] - fv[k]) * gp[k] * zv[m]) for k in range(K) for m in range(M))
    r["pt_dalpha"] = all(isc(gA[m, l], -sum(2 * (y[k] - fv[k]) * gp[k] * bev[k, m] for k in range(K)) * sp[m] * x[l])
                         for m in range(M) for l in range(p))
    r["pt_s"] = close(s_pg, s_true)
    r["pt_rw_beta"] = all(isc(gB[k, m], delta_pg[k] * zv[m]) for k in range(K) for m in range(M))
    r["pt_rw_alpha"] = all(isc(gA[m, l], s_pg[m] * x[l]) for m in range(M) for l in range(p))
    # the Japanese slides: sigma in place of sigma' (beta^T_m read as beta_k^T)
    r["ja_dalpha"] = all(isc(gA[m, l], -2 * sum((y[k] - fv[k]) * gp[k] * bev[k, m] for k in range(K)) * sv[m] * x[l])
                         for m in range(M) for l in range(p))
    r["ja_rw_beta"] = all(isc(gB[k, m], delta_true[k] * zv[m]) for k in range(K) for m in range(M))
    r["ja_rw_alpha"] = all(isc(gA[m, l], s_true[m] * x[l]) for m in range(M) for l in range(p))
    r["ja_bp"] = all(isc(s_true[m], sp[m] * sum(bev[k, m] * delta_true[k] for k in range(K))) for m in range(M))
    # the excluded beta row read as beta_k^T z_i holds (so only the slip's reading decides it)
    assert all(isc(gB[k, m], -2 * (y[k] - fv[k]) * gp[k] * zv[m]) for k in range(K) for m in range(M))
    return r


ESL_SIZES = [(3, 4, 2, "sig"), (2, 3, 3, "id"), (4, 2, 1, "sig"), (3, 3, 2, "id")]


def ja():
    res = repeat(esl_once, ESL_SIZES)
    return {k: v for k, v in res.items() if k.startswith("ja_")}


def pt():
    res = repeat(esl_once, ESL_SIZES)
    return {k: v for k, v in res.items() if k.startswith("pt_")}


# ---------------------------------------------------------------- regresion_logistica_es
def es_once(d, n, real_y):
    """sigma = sigma(W^T X_i); ell(W) = sum_i [y_i log sigma_i + (1 - y_i) log(1 - sigma_i)]."""
    W = rnd(d)
    X = rnd(n, d)
    y = rnd(n) if real_y else RNG.integers(0, 2, n).astype(float)
    r = {k: True for k in ("es_dlog", "es_dsig", "es_t1", "es_dlog1m", "es_t2a", "es_t2")}
    for i in range(n):
        Xi = X[i]
        def g_of(fn):
            Wt = T(W, True)
            return torch.autograd.grad(fn(Wt), Wt)[0].numpy()
        s = 1 / (1 + np.exp(-W @ Xi))
        ds = g_of(lambda Wt: torch.sigmoid(Wt @ T(Xi)))
        dlog = g_of(lambda Wt: torch.log(torch.sigmoid(Wt @ T(Xi))))
        dlog1m = g_of(lambda Wt: torch.log(1 - torch.sigmoid(Wt @ T(Xi))))
        r["es_dlog"] &= close(dlog, ds / s)
        r["es_dsig"] &= close(ds, s * (1 - s) * Xi)
        r["es_t1"] &= close(y[i] * dlog, y[i] / s * s * (1 - s) * Xi) and close(y[i] * dlog, y[i] * (1 - s) * Xi)
        r["es_dlog1m"] &= close(dlog1m, -1 / (1 - s) * ds)
        r["es_t2a"] &= close(dlog1m, -1 / (1 - s) * s * (1 - s) * Xi) and close(dlog1m, -s * Xi)
        r["es_t2"] &= close((1 - y[i]) * dlog1m, -(1 - y[i]) * s * Xi)
    Wt = T(W, True)
    z = T(X) @ Wt
    ell = (T(y) * torch.log(torch.sigmoid(z)) + (1 - T(y)) * torch.log(1 - torch.sigmoid(z))).sum()
    g = torch.autograd.grad(ell, Wt)[0].numpy()
    sv = 1 / (1 + np.exp(-X @ W))
    r["es_grad"] = close(g, sum(X[i] * (y[i] - sv[i]) for i in range(n)))
    return r


def es():
    return repeat(es_once, [(3, 4, False), (2, 5, False), (4, 3, True)])


# ---------------------------------------------------------------- perceptron_gradien_id
def idn_once(d):
    """J = (g(theta^T x + b) - y)^2 with g the sigmoid; activation derivatives at drawn z."""
    th, x, b, y = rnd(d), rnd(d), rnd(1)[0], rnd(1)[0]
    tht, bt = T(th, True), T(b, True)
    J = (torch.sigmoid(tht @ T(x) + bt) - y) ** 2
    gth, gb = torch.autograd.grad(J, [tht, bt])
    gth, gb = gth.numpy(), gb.item()
    gz = 1 / (1 + np.exp(-(th @ x + b)))
    common = 2 * (gz - y) * (1 - gz) * gz
    z = rnd(5)
    z = z[np.abs(z) > 1e-3]
    sg = 1 / (1 + np.exp(-z))
    return {"id_dt1": isc(gth[0], common * x[0]),
            "id_dt2": isc(gth[1], common * x[1]),
            "id_db": isc(gb, common),
            "id_sig": close(dphi(torch.sigmoid, z), sg * (1 - sg)),
            "id_tanh": close(dphi(torch.tanh, z), 1 - np.tanh(z) ** 2),
            "id_atan": close(dphi(torch.atan, z), 1 / (1 + z ** 2)),
            "id_softsign": close(dphi(lambda t: t / (1 + t.abs()), z), 1 / (1 + np.abs(z)) ** 2)}


def idn():
    return repeat(idn_once, [(2,), (3,), (2,)])


# ---------------------------------------------------------------- layernorm_backprop_note_en
def en_once(N):
    """Layer norm of one vector: mu, sigma^2 = mean((x - mu)^2), x-hat, y = gamma x-hat + beta; L drawn."""
    eps = 1e-5
    x, gam, bet = rnd(N), rnd(N), rnd(N)
    xt, gt, bt = T(x, True), T(gam, True), T(bet, True)
    mu = xt.mean()
    var = ((xt - mu) ** 2).mean()
    xh = (xt - mu) / torch.sqrt(var + eps)
    y = gt * xh + bt
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    dy = y.grad.numpy()
    dx, dg, db = xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()
    muv, varv = x.mean(), ((x - x.mean()) ** 2).mean()
    xhv = (x - muv) / np.sqrt(varv + eps)
    # partial derivatives of L through the graph: sigma^2 and mu as leaves
    mu_l, var_l = T(muv, True), T(varv, True)
    y2 = T(gam) * (T(x) - mu_l) / torch.sqrt(var_l + eps) + T(bet)
    dvar_partial = torch.autograd.grad((T(dy) * y2).sum(), var_l)[0].item()
    # dL/dmu: mu a leaf, sigma^2 computed from mu and x
    mu_l2 = T(muv, True)
    var2 = ((T(x) - mu_l2) ** 2).mean()
    y3 = T(gam) * (T(x) - mu_l2) / torch.sqrt(var2 + eps) + T(bet)
    dmu_total = torch.autograd.grad((T(dy) * y3).sum(), mu_l2)[0].item()
    dvar_w = sum(dy[i] * gam[i] * (x[i] - muv) * (-0.5) * (varv + eps) ** -1.5 for i in range(N))
    dmu_w = sum(dy[i] * gam[i] * (-1 / np.sqrt(varv + eps)) for i in range(N)) - dvar_w * 2 / N * sum(x[i] - muv for i in range(N))
    dx_w = np.array([gam[i] / np.sqrt(varv + eps) + dvar_w * 2 / N * (x[i] - muv) + dmu_w / N for i in range(N)])
    dx_right = np.array([dy[i] * gam[i] / np.sqrt(varv + eps) + dvar_w * 2 / N * (x[i] - muv) + dmu_w / N for i in range(N)])
    assert close(dx_right, dx)   # the formula with dL/dy_i in its first term is right
    return {"ln_dvar": isc(dvar_w, dvar_partial),
            "ln_dmu": isc(dmu_w, dmu_total),
            "ln_dx": close(dx_w, dx),
            "ln_dgamma": close(dg, dy * xhv),
            "ln_dbeta": close(db, dy)}


def en():
    return repeat(en_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=CAP)


CAP = 0.3

if __name__ == "__main__":
    main()
