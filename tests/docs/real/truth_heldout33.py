"""Independent truth for the thirty-third held-out set (numpy and torch autograd, not symbp):
``python truth_heldout33.py`` writes the ``*.truth.json`` sidecars of ``heldout33/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes and seeded random
draws (two eps values), and holds only if it holds every time; its ``why`` in
``heldout33/claims_table.py`` says the reading.  Written before anything of symbp was run on the set.

Batch norm: mu = mean over the batch, var = (1/m) sum (x - mu)^2, xhat = (x - mu)/sqrt(var + eps),
y = gamma xhat + beta, the loss a drawn non-linear function of y.  Graph partials dL/dmu and
dL/dvar are autograd's gradients at the mu and var nodes (mu feeds xhat and var, var feeds xhat)."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout33"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout33.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2033)
torch.set_default_dtype(torch.float64)


def bn_graph(m, D, eps):
    """Forward by autograd with the graph nodes kept; returns numpy values and gradients."""
    x = T(rnd(m, D), True)
    gamma, beta = T(rnd(1, D), True), T(rnd(1, D), True)
    mu = x.mean(0, keepdim=True)
    mu.retain_grad()
    var = ((x - mu) ** 2).mean(0, keepdim=True)
    var.retain_grad()
    xhat = (x - mu) / torch.sqrt(var + eps)
    xhat.retain_grad()
    y = gamma * xhat + beta
    y.retain_grad()
    L = loss_of(y)
    L.backward()
    v = {k: t.detach().numpy() for k, t in dict(x=x, mu=mu, var=var, xhat=xhat, y=y, gamma=gamma).items()}
    g = {k: t.grad.numpy() for k, t in dict(x=x, mu=mu, var=var, xhat=xhat, y=y, gamma=gamma, beta=beta).items()}
    v["eps"], v["m"] = eps, m
    return v, g


def local_partials(v):
    """Local partials of the forward formulas by autograd (other graph inputs held fixed), one column."""
    x, mu, var, eps, m = v["x"][:, 0], v["mu"][0, 0], v["var"][0, 0], v["eps"], v["m"]
    mut, vart = T(mu, True), T(var, True)
    xh = (T(x) - mut) / torch.sqrt(vart + eps)
    dxh_dmu = np.array([torch.autograd.grad(xh[i], mut, retain_graph=True)[0].item() for i in range(m)])
    dxh_dvar = np.array([torch.autograd.grad(xh[i], vart, retain_graph=True)[0].item() for i in range(m)])
    mut2 = T(mu, True)
    s2 = ((T(x) - mut2) ** 2).mean()
    dvar_dmu = torch.autograd.grad(s2, mut2)[0].item()
    xt = T(x, True)
    dvar_dx_local = torch.autograd.grad(((xt - T(mu)) ** 2).mean(), xt)[0].numpy()      # mu held
    xt2 = T(x, True)
    dxh_dx_local = np.array([torch.autograd.grad(((xt2 - T(mu)) / np.sqrt(var + eps))[i], xt2, retain_graph=True)[0][i].item()
                             for i in range(m)])
    return dict(dxh_dmu=dxh_dmu, dxh_dvar=dxh_dvar, dvar_dmu=dvar_dmu, dvar_dx=dvar_dx_local, dxh_dx=dxh_dx_local)


def col(v, g):
    """One column's numbers (feature 0)."""
    return (v["x"][:, 0], v["mu"][0, 0], v["var"][0, 0], v["xhat"][:, 0], v["gamma"][0, 0], v["eps"], v["m"],
            g["y"][:, 0], g["xhat"][:, 0], g["mu"][0, 0], g["var"][0, 0], g["x"][:, 0], g["gamma"][0, 0], g["beta"][0, 0])


SIZES = [(3, 0.1), (4, 1e-3), (5, 0.1)]


# ---------------------------------------------------------------- zakka_batchnorm_backward_en
def zak_once(m, eps):
    v, g = bn_graph(m, 1, eps)
    x, mu, var, xh, ga, eps, m, gy, gxh, gmu, gvar, gx, ggam, gbet = col(v, g)
    lp = local_partials(v)
    s = np.sqrt(var + eps)
    dmu_written = np.sum(gxh * (-1 / s)) + gvar * np.sum(-2 * (x - mu))
    dx = gxh / s + gmu / m + gvar * 2 * (x - mu) / m
    wr_dvar = np.sum((x - mu) * -0.5 * np.sqrt(var + eps) ** (-1.5))
    return {"z_dgamma": isc(np.sum(gy * xh), ggam),
            "z_dbeta": isc(np.sum(gy), gbet),
            "z_dxhat": close(gy * ga, gxh),
            "z_dxhat_dmu": all(isc(np.sum([1 / s * -1 for _ in range(m)]), lp["dxh_dmu"][i]) for i in range(m)),
            "z_dvar_dmu": isc(np.sum(2 * (x - mu) * -1) / m, lp["dvar_dmu"]),
            "z_dxhat_dvar": all(isc(wr_dvar, lp["dxh_dvar"][i]) for i in range(m)) or isc(wr_dvar, gvar),
            "z_dmu": isc(dmu_written, gmu),
            "z_dxhat_dx": close(np.full(m, 1 / s), lp["dxh_dx"]),
            "z_dvar_dx": close(2 * (x - mu) / m, lp["dvar_dx"]),
            "z_dx": close(dx, gx)}


def zak():
    return repeat(zak_once, SIZES)


# ---------------------------------------------------------------- bn_cs231n_note_zh
def zht_once(m, eps):
    v, g = bn_graph(m, 1, eps)
    x, mu, var, xh, ga, eps, m, gy, gxh, gmu, gvar, gx, ggam, gbet = col(v, g)
    lp = local_partials(v)
    s = np.sqrt(var + eps)
    wr_dvar = np.sum((x - mu) * -0.5 * (var + eps) ** (-1.5))
    r1 = np.sum(gxh * (-1 / s)) + gvar * np.sum(-2 * (x - mu)) / m
    r2 = np.sum(gxh * (-1 / s)) + gvar * (-2) * (np.sum(x) / m - np.sum([mu] * m) / m)
    r3 = np.sum(gxh * (-1 / s)) + gvar * (-2) * (mu - m * mu / m)
    r4 = np.sum(gxh * (-1 / s))
    chain_x = gxh * lp["dxh_dx"] + gmu / m + gvar * lp["dvar_dx"]
    row2 = gxh / s + np.sum(gxh * (-1 / s)) / m - 0.5 * np.sum(gxh * (x - mu)) * (var + eps) ** (-1.5) * 2 * (x - mu) / m
    row3 = gxh * (var + eps) ** -0.5 - (var + eps) ** -0.5 / m * np.sum(gxh) + (var + eps) ** -0.5 / m * (x - mu) / s * np.sum(gxh * (x - mu) / s)
    row4 = gxh * (var + eps) ** -0.5 - (var + eps) ** -0.5 / m * np.sum(gxh) + (var + eps) ** -0.5 / m * xh * np.sum(gxh * xh)
    box = (var + eps) ** -0.5 / m * (m * gxh - np.sum(gxh) - xh * np.sum(gxh * xh))
    return {"c_dgamma": isc(np.sum(gy * xh), ggam),
            "c_dxhat_dmu": close(np.full(m, -1 / s), lp["dxh_dmu"]),
            "c_dxhat_dvar": all(isc(wr_dvar, lp["dxh_dvar"][i]) for i in range(m)) or isc(wr_dvar, gvar),
            "c_dmu_chain": all(isc(r, gmu) for r in (r1, r2, r3, r4)),
            "c_dmu_box": isc(r4, gmu),
            "c_dx_chain": close(chain_x, gx),
            "c_dx_row2": close(row2, gx),
            "c_dx_row3": close(row3, gx),
            "c_dx_row4": close(row4, gx),
            "c_dx_box": close(box, gx)}


def zht():
    return repeat(zht_once, SIZES)


# ---------------------------------------------------------------- bn_appunti_it
def ita_once(m, eps):
    v, g = bn_graph(m, 1, eps)
    x, mu, var, xh, ga, eps, m, gy, gxh, gmu, gvar, gx, ggam, gbet = col(v, g)
    lp = local_partials(v)
    s = np.sqrt(var + eps)
    dv = [np.sum(gxh * lp["dxh_dvar"]),
          np.sum(gxh * (x - mu)) * (-0.5) * (var + eps) ** (-1.5),
          np.sum(gxh * (x - mu) * (-0.5) * (var + eps) ** (-1.5)),
          np.sum(gxh * (x - mu) * -1 / 2 * (var + eps) ** (-1.5))]
    dm = [np.sum(gxh * lp["dxh_dmu"]) + gvar * lp["dvar_dmu"],
          np.sum(gxh * (-1 / s)) + gvar * (-2 / m * np.sum(x - mu)),
          np.sum(gxh * -1 / s) + gvar * -2 / m * np.sum(x - mu)]
    r1 = 1 / s * (gxh - np.sum(gxh) / m - xh / m * np.sum(gxh * xh))
    r2 = gxh / s - np.sum(gxh) / (m * s) - xh / (m * s) * np.sum(gxh * xh)
    r3 = gxh / s + (-1 / s) / m * np.sum(gxh) + (-0.5 * (var + eps) ** -1.5) * 2 * xh / m * np.sum(gxh * xh)
    r4 = gxh / s + gmu / m + 2 * (x - mu) / m * gvar
    return {"i_dgamma": isc(np.sum(gy * xh), ggam), "i_dbeta": isc(np.sum(gy), gbet),
            "i_dxhat": close(gy * ga, gxh),
            "i_dvar": all(isc(d, gvar) for d in dv),
            "i_dmu": all(isc(d, gmu) for d in dm),
            "i_dx_r1": close(r1, gx), "i_dx_r2": close(r2, gx), "i_dx_r3": close(r3, gx),
            "i_dx_r4": close(r4, gx),
            "i_recenter": isc(np.sum(gx), 0.0)}


def ita():
    return repeat(ita_once, SIZES)


# ---------------------------------------------------------------- chrisyeh_batchnorm_en
def yeh_lemma(n):
    """a(B) drawn non-linear, B = c(D) D; every member of the proof chain against autograd's da/dD."""
    ok = True
    w = rnd(n)
    for cf in (lambda D: (D @ D / n + 0.1) ** -0.5, lambda D: torch.tanh(T(w) @ D)):
        D0 = rnd(n)
        G = rnd(n)

        def a_of(B):
            return (T(G) * B).sum() + (B ** 3).sum() / 3
        Dt = T(D0, True)
        a = a_of(cf(Dt) * Dt)
        true = torch.autograd.grad(a, Dt)[0].numpy()
        Dt2 = T(D0, True)
        c = cf(Dt2)
        dc = torch.autograd.grad(c, Dt2)[0].numpy()
        cv = c.item()
        B = T(cv * D0, True)
        daB = torch.autograd.grad(a_of(B), B)[0].numpy()
        dBdD = np.array([[dc[i] * D0[k] + (i == k) * cv for k in range(n)] for i in range(n)])   # [i, k]
        m1 = np.array([sum(daB[k] * dBdD[i, k] for k in range(n)) for i in range(n)])
        m2 = dc * (D0 @ daB) + cv * daB
        m3 = (np.outer(dc, D0) + cv * np.eye(n)) @ daB
        ok &= close(m1, true) and close(m2, true) and close(m3, true)
    return ok


def yeh_once(N, eps):
    # one column
    v, g = bn_graph(N, 1, eps)
    x, mu, var, xh, ga, eps, m, gy, gxh, gmu, gvar, gx, ggam, gbet = col(v, g)
    X, R = x.reshape(-1, 1), (x - mu).reshape(-1, 1)
    dJdXh = gxh.reshape(-1, 1)
    one = np.ones((N, N))
    I = np.eye(N)
    c = (R.T @ R / N + eps).item() ** -0.5
    Rt = T(R, True)
    dc_true = torch.autograd.grad((Rt.T @ Rt / N + eps).squeeze() ** -0.5, Rt)[0].numpy()
    dc_rows = [-0.5 * ((R.T @ R / N + eps).item()) ** -1.5 * (2 / N) * R,
               -1 / N * ((R.T @ R / N + eps).item()) ** -1.5 * R,
               -1 / N * (var + eps) ** -1.5 * (X - mu)]
    dJdR = (np.outer(dc_true, R) + c * I) @ dJdXh
    gX = gx.reshape(-1, 1)
    Xh = xh.reshape(-1, 1)
    M = [(I - one / N).T @ dJdR,
         (I - one / N) @ (dc_true @ R.T + c * I) @ dJdXh]
    S = [(I - one / N) @ (-1 / N * (var + eps) ** -1.5 * (X - mu) @ (X - mu).T + (var + eps) ** -0.5 * I) @ dJdXh,
         (var + eps) ** -0.5 * (I - one / N) @ (-1 / N * (X - mu) / np.sqrt(var + eps) @ (X - mu).T / np.sqrt(var + eps) + I) @ dJdXh,
         (var + eps) ** -0.5 * (I - one / N) @ (-1 / N * Xh @ Xh.T + I) @ dJdXh,
         (var + eps) ** -0.5 * (-1 / N * Xh @ Xh.T + I + 1 / N ** 2 * one @ Xh @ Xh.T - one / N) @ dJdXh,
         (var + eps) ** -0.5 * (-1 / N * Xh @ Xh.T + I - one / N) @ dJdXh]
    gY = gy.reshape(-1, 1)
    Sc = [ga * (var + eps) ** -0.5 * (-1 / N * Xh @ Xh.T @ gY + gY - one / N @ gY),
          1 / N * ga * (var + eps) ** -0.5 * (-ggam * Xh + N * gY - np.ones((N, 1)) * gbet)]
    r = {"y_dJdX_R": all(close(mm, gX) for mm in M),
         "y_dcdR": all(close(d, dc_true) for d in dc_rows),
         "y_dJdX_simpl": all(close(s_, gX) for s_ in S),
         "y_scalar": all(close(s_, gX) for s_ in Sc) and isc(ggam, (Xh.T @ gY).item()),
         "y_lemma": yeh_lemma(N)}
    # D columns
    D = 3 if N != 5 else 2
    v, g = bn_graph(N, D, eps)
    XhD, gYD = v["xhat"], g["y"]
    gam = v["gamma"]
    dgam = np.sum(gYD * XhD, axis=0, keepdims=True)
    dbet = np.sum(gYD, axis=0, keepdims=True)
    box = 1 / N * gam * (v["var"] + eps) ** -0.5 * (-dgam * XhD + N * gYD - np.ones((N, 1)) @ dbet)
    r.update({"y_dgamma": close(dgam, g["gamma"]), "y_dbeta": close(dbet, g["beta"]),
              "y_dxhat_ij": all(isc(gYD[i, j] * gam[0, j], g["xhat"][i, j]) for i in range(N) for j in range(D)),
              "y_dxhat": close(gam * gYD, g["xhat"]),
              "y_box": close(box, g["x"])})
    return r


def yeh():
    return repeat(yeh_once, [(4, 0.1), (3, 1e-3), (5, 0.1)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
