"""Independent truth for the twenty-fourth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout24.py`` writes the ``*.truth.json`` sidecars of ``heldout24/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout24/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout24"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws, dphi,  # noqa: E402,F401
                          write_and_report)
from heldout24.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2424)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


# ---------------------------------------------------------------- czaja_sieci_teoria_pl
def sig(z):
    return 1 / (1 + np.exp(-z))


def pol_scalar_once(n):
    z = rnd(n)
    s = sig(z)
    ds = dphi(torch.sigmoid, z)
    r = {"pl_sig_d1": close(np.exp(-z) / (1 + np.exp(-z)) ** 2, ds)
         and close(-1 * (1 + np.exp(-z)) ** -2 * (-np.exp(-z)), ds),
         "pl_sig_box": close(s * (1 - s), ds)}
    # BCE, hard and soft labels
    ok_bce, ok_dz, ok_box = True, True, True
    for y in (RNG.integers(0, 2, n).astype(float), RNG.random(n)):
        yh = sig(rnd(n))
        yt = T(yh, True)
        L = -(T(y) * torch.log(yt) + (1 - T(y)) * torch.log(1 - yt)).sum()
        g = torch.autograd.grad(L, yt)[0].numpy()
        ok_bce &= close((-y * (1 - yh) + (1 - y) * yh) / (yh * (1 - yh)), g) and close((yh - y) / (yh * (1 - yh)), g)
        zz = rnd(n)
        zt = T(zz, True)
        p = torch.sigmoid(zt)
        Lz = -(T(y) * torch.log(p) + (1 - T(y)) * torch.log(1 - p)).sum()
        gz = torch.autograd.grad(Lz, zt)[0].numpy()
        ok_box &= close(sig(zz) - y, gz)
    r["pl_bce_common"] = ok_bce
    r["pl_dLdz_box"] = ok_box
    zz = rnd(n)
    yh = sig(zz)
    r["pl_dyhat_dz"] = close(ds_ := dphi(torch.sigmoid, zz), sig(zz) * (1 - sig(zz))) and close(ds_, yh * (1 - yh))
    # logistic regression, one sample
    x, w, b = rnd(n), rnd(n), rnd(1)
    y = float(RNG.integers(0, 2))
    wt, bt = T(w, True), T(b, True)
    p = torch.sigmoid(wt @ T(x) + bt)
    L = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).sum()
    L.backward()
    yh = p.detach().numpy()
    r["pl_dL_dw"] = close((yh - y) / (yh * (1 - yh)) * yh * (1 - yh) * x, wt.grad) and close((yh - y) * x, wt.grad)
    r["pl_dL_db"] = close(yh - y, bt.grad)
    zr = away0(n)
    r["pl_relu_box"] = close(np.where(zr > 0, 1.0, 0.0), dphi(torch.relu, zr))
    return r


def pol_mlp_once(m, n_in, n_out, act):
    """Rows layout z = a W + b; per-sample losses L_i, batch cost J = (1/m) sum L_i."""
    f = {"sig": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[act]
    A, W, b = rnd(m, n_in), rnd(n_in, n_out), rnd(n_out)
    At, Wt, bt = T(A, True), T(W, True), T(b, True)
    Z = At @ Wt + bt
    Z.retain_grad()
    Aout = f(Z)
    Aout.retain_grad()
    G = T(rnd(m, n_out))
    per = (G * Aout).sum(1) + (Aout ** 3).sum(1) / 3          # L_i of each sample (row)
    per.sum().backward()                                     # gradients of sum_i L_i = per-sample rows
    dZ, dA_out, dA_in = Z.grad.numpy(), Aout.grad.numpy(), At.grad.numpy()
    gW_sum, gb_sum = Wt.grad.numpy(), bt.grad.numpy()
    zv = Z.detach().numpy()
    if act == "relu" and np.min(np.abs(zv)) < 1e-3:
        return None
    J_W, J_b = gW_sum / m, gb_sum / m                         # gradient of J = (1/m) sum L_i
    Zj = jac(lambda w: T(A) @ w + T(b), T(W)).numpy()          # [i, j, k, l] = dz_ij / dW_kl
    ok_elem = all(np.isclose(Zj[i, j, k, j], A[i, k]) for i in range(m) for j in range(n_out) for k in range(n_in))
    return {"pl_dz_box": close(dA_out * dphi(f, zv), dZ),
            "pl_dW_step3": close(A.T @ dZ / m, J_W),
            "pl_db_box": close(dZ.sum(0) / m, J_b),
            "pl_da_box": close(dZ @ W.T, dA_in),
            "pl_dz_dW": ok_elem}


def pol():
    res = repeat(pol_scalar_once, [(3,), (5,)])
    part = {}
    for sizes in [(4, 3, 2, "sig"), (5, 2, 3, "tanh"), (3, 4, 2, "relu")]:
        for _ in range(2):
            out = None
            while out is None:
                out = pol_mlp_once(*sizes)
            for k, v in out.items():
                part.setdefault(k, []).append(bool(v))
    res.update({k: "holds" if all(v) else "refuted" for k, v in part.items()})
    return res


# ---------------------------------------------------------------- lazynotes_layers_en
def eng_lin_once(n_in, n_out, batch):
    W, b, x = rnd(n_out, n_in), rnd(n_out), rnd(n_in)
    Wt, bt, xt = T(W, True), T(b, True), T(x, True)
    y = Wt @ xt + bt
    y.retain_grad()
    loss_of(y).backward()
    g = y.grad.numpy()
    r = {"en_lin_dW": close(np.outer(g, x), Wt.grad), "en_lin_db": close(g, bt.grad),
         "en_lin_dx": close(W.T @ g, xt.grad)}
    X = rnd(batch, n_in)
    Wt, bt, Xt = T(W, True), T(b, True), T(X, True)
    Y = Xt @ Wt.T + bt
    Y.retain_grad()
    loss_of(Y).backward()
    g = Y.grad.numpy()
    r.update({"en_ten_dW": close(g.T @ X, Wt.grad), "en_ten_db": close(g.sum(0), bt.grad),
              "en_ten_dx": close(g @ W, Xt.grad)})
    return r


def eng_conv_forward(X, Wf, b, s, p, Hout, Wout):
    """The notes' forward with their indices (1-based h, w, i, j), X read as 0 outside 1..H_in."""
    Hin, Win, Cin = X.shape
    fh, fw, Cout, _ = Wf.shape
    rows = []
    for h in range(1, Hout + 1):
        cols = []
        for w in range(1, Wout + 1):
            chans = []
            for co in range(Cout):
                acc = b[co]
                for ci in range(Cin):
                    for i in range(1, fh + 1):
                        for j in range(1, fw + 1):
                            r_, c_ = s * h + i - p, s * w + j - p
                            if 1 <= r_ <= Hin and 1 <= c_ <= Win:
                                acc = acc + Wf[i - 1, j - 1, co, ci] * X[r_ - 1, c_ - 1, ci]
                chans.append(acc)
            cols.append(torch.stack(chans))
        rows.append(torch.stack(cols))
    return torch.stack(rows)


def eng_conv_once(Hin, fh, s, p, Cin=2, Cout=3):
    Win, fw = Hin, fh
    Hout = (Hin + 2 * p - fh) // s + 1
    Wout = (Win + 2 * p - fw) // s + 1
    X, Wf, b = rnd(Hin, Win, Cin), rnd(fh, fw, Cout, Cin), rnd(Cout)
    Xt, Wt, bt = T(X, True), T(Wf, True), T(b, True)
    Y = eng_conv_forward(Xt, Wt, bt, s, p, Hout, Wout)
    Y.retain_grad()
    loss_of(Y).backward()
    g = Y.grad.numpy()

    def Xg(r_, c_, ci):
        return X[r_ - 1, c_ - 1, ci] if 1 <= r_ <= Hin and 1 <= c_ <= Win else 0.0

    def Wg(i, j, co, ci):
        return Wf[i - 1, j - 1, co, ci] if 1 <= i <= fh and 1 <= j <= fw else 0.0

    def gg(h, w, co):
        return g[h - 1, w - 1, co] if 1 <= h <= Hout and 1 <= w <= Wout else 0.0

    dW = np.array([[[[sum(g[h - 1, w - 1, co] * Xg(s * h + i - p, s * w + j - p, ci)
                          for h in range(1, Hout + 1) for w in range(1, Wout + 1))
                      for ci in range(Cin)] for co in range(Cout)] for j in range(1, fw + 1)]
                   for i in range(1, fh + 1)])
    db = g.sum((0, 1))
    dX = np.array([[[sum(gg(h, w, co) * Wg(i - s * h + p, j - s * w + p, co, ci)
                         for co in range(Cout) for h in range(1, fh + 1) for w in range(1, fw + 1))
                     for ci in range(Cin)] for j in range(1, Win + 1)] for i in range(1, Hin + 1)])
    exact = np.array([[[sum(g[h - 1, w - 1, co] * Wg(i - s * h + p, j - s * w + p, co, ci)
                            for co in range(Cout) for h in range(1, Hout + 1) for w in range(1, Wout + 1))
                        for ci in range(Cin)] for j in range(1, Win + 1)] for i in range(1, Hin + 1)])
    assert close(exact, Xt.grad)                               # the full sum is the gradient
    return {"en_conv_dW": close(dW, Wt.grad), "en_conv_db": close(db, bt.grad),
            "en_conv_dX": close(dX, Xt.grad)}


def eng_act_once(n):
    z = away0(n)
    out = {}
    for key, f in (("en_sig", torch.sigmoid), ("en_tanh", torch.tanh), ("en_relu", torch.relu)):
        zt = T(z, True)
        y = f(zt)
        y.retain_grad()
        loss_of(y).backward()
        gy, yv = y.grad.numpy(), y.detach().numpy()
        want = {"en_sig": gy * yv * (1 - yv), "en_tanh": gy * (1 - yv ** 2),
                "en_relu": np.where(z >= 0, gy, 0.0)}[key]
        out[key] = close(want, zt.grad)
    return out


def eng():
    res = repeat(eng_lin_once, [(3, 2, 4), (4, 5, 3)])
    res.update(repeat(eng_conv_once, [(6, 3, 1, 0), (5, 3, 1, 1), (7, 3, 2, 0), (5, 2, 2, 1)]))
    res.update(repeat(eng_act_once, [(6,), (9,)]))
    return res


# ---------------------------------------------------------------- mlp_couche_par_couche_fr
def fra_once(n_in, n_out, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    X, W, B = rnd(1, n_in), rnd(n_in, n_out), rnd(1, n_out)
    Xt, Wt, Bt = T(X, True), T(W, True), T(B, True)
    Y = Xt @ Wt + Bt
    Y.retain_grad()
    E = loss_of(Y)
    E.backward()
    gY = Y.grad.numpy()
    Jy = jac(lambda x: x @ T(W) + T(B), T(X)).numpy()[0, :, 0, :]   # [j, i] = dy_j / dx_i
    r = {"fr_dwij": close(np.outer(X[0], gY[0]), Wt.grad),
         "fr_dxi": close(np.array([sum(gY[0, k] * W[i, k] for k in range(n_out)) for i in range(n_in)]), Xt.grad[0]),
         "fr_dX": close(gY @ W.T, Xt.grad), "fr_dW": close(X.T @ gY, Wt.grad), "fr_dB": close(gY, Bt.grad)}
    ok_chain = close(np.array([sum(gY[0, j] * Jy[j, i] for j in range(n_out)) for i in range(n_in)]), Xt.grad[0])
    # activation layer Y = f(X)
    Xa = rnd(1, n_in)
    Xat = T(Xa, True)
    Ya = f(Xat)
    Ya.retain_grad()
    Ea = loss_of(Ya)
    Ea.backward()
    gYa, ya, fp = Ya.grad.numpy(), Ya.detach().numpy(), dphi(f, Xa)
    Ja = jac(f, T(Xa)).numpy()[0, :, 0, :]
    ok_chain &= close(np.array([sum(gYa[0, j] * Ja[j, i] for j in range(n_in)) for i in range(n_in)]), Xat.grad[0])
    r["fr_dxi_chain"] = ok_chain
    r["fr_act_chain"] = close(gYa * np.diag(Ja)[None, :], Xat.grad)
    typo = gYa * fp
    typo[0, -1] = Ea.item() / ya[0, -1] * fp[0, -1]                   # the last entry as written: (E / y_i) f'(x_i)
    r["fr_act_typo"] = close(typo, Xat.grad)
    r["fr_act"] = close(gYa * fp, Xat.grad)
    return r


def fra():
    return repeat(fra_once, [(3, 2, "tanh"), (4, 3, "sig"), (2, 4, "tanh")])


# ---------------------------------------------------------------- santi_clasificacion_softmax_es
def spa_once(c):
    h = rnd(c)
    e, S = np.exp(h), np.exp(h).sum()
    y = e / S
    Jt = jac(lambda v: torch.softmax(v, 0), T(h)).numpy()       # [a, i] = dy_a / dh_i
    ok1 = ok2 = ok3 = True
    ok_off = True
    for a in range(c):
        ok1 &= np.isclose((S * e[a] - e[a] * e[a]) / (S * S), Jt[a, a])
        ok2 &= np.isclose(e[a] * (S - e[a]) / (S * S), Jt[a, a])
        ok3 &= np.isclose(y[a] * (S - e[a]) / S, Jt[a, a]) and np.isclose(y[a] * (1 - y[a]), Jt[a, a])
        for i in range(c):
            if i != a:
                ok_off &= np.isclose((S * e[a] - e[a] * e[a]) / (S * S), Jt[a, i])
    return {"es_diag1": ok1, "es_diag2": ok2, "es_diag3": ok3, "es_off": ok_off}


def spa():
    return repeat(spa_once, [(2,), (4,)])


# ---------------------------------------------------------------- sidecars
def main():
    # the Arabic post first built for this set is held-out 9's convnets_backprop_ar.md (the same
    # code-index file) and was dropped; of the four left the Polish notes hold 13 of 38 claims
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn](), cap=0.35)


if __name__ == "__main__":
    main()
