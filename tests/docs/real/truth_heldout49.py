"""Independent truth for the forty-ninth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout49.py`` writes the ``*.truth.json`` sidecars of ``heldout49/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout49/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout49"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout49.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2049)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- ck_groupnorm_bwd_en
def gn_once(N, C, G, H, W, eps=1e-5):
    X = T(rnd(N, C, H, W), True)
    gam = T(rnd(C), True)
    bet = T(rnd(C), True)
    Xg = X.reshape(N, G, C // G, H, W)
    mu = Xg.mean(dim=(2, 3, 4), keepdim=True)
    var = ((Xg - mu) ** 2).mean(dim=(2, 3, 4), keepdim=True)
    Xhat = ((Xg - mu) / torch.sqrt(var + eps)).reshape(N, C, H, W)
    Y = gam.view(1, C, 1, 1) * Xhat + bet.view(1, C, 1, 1)
    Y.retain_grad()
    loss_of(Y).backward()
    dY = Y.grad.numpy()
    xh = Xhat.detach().numpy()
    sig = np.sqrt(var.detach().numpy().reshape(N, G) + eps)
    dbeta = dY.sum(axis=(0, 2, 3))
    dgamma = (dY * xh).sum(axis=(0, 2, 3))
    g = gam.detach().numpy()
    S = C // G
    row = np.zeros_like(dY)
    for n in range(N):
        for c in range(C):
            gi = c // S
            grp = range(gi * S, (gi + 1) * S)
            sb = sum(dbeta[cp] for cp in grp)
            sg = sum(dgamma[cp] for cp in grp)
            row[n, c] = g[c] / sig[n, gi] * (dY[n, c] - (sb + xh[n, c] * sg) / (S * H * W))
    return {"gn_dbeta": close(dbeta, bet.grad), "gn_dgamma": close(dgamma, gam.grad),
            "gn_dx": close(row, X.grad)}


def gn():
    return repeat(gn_once, [(2, 4, 2, 3, 3), (3, 6, 3, 2, 2), (1, 4, 1, 2, 3)])


# ---------------------------------------------------------------- cs6180_lstm_bptt_en
def lstm_params(n_in, n_h):
    P = {}
    for g in "fioc":
        P["W" + g] = T(rnd(n_h, n_in), True)
        P["U" + g] = T(rnd(n_h, n_h), True)
        P["b" + g] = T(rnd(n_h, 1), True)
    return P


def lstm_run(P, xs, h0, c0):
    h, c, rec = h0, c0, []
    for x in xs:
        zf = P["Wf"] @ x + P["Uf"] @ h + P["bf"]
        zi = P["Wi"] @ x + P["Ui"] @ h + P["bi"]
        zo = P["Wo"] @ x + P["Uo"] @ h + P["bo"]
        zc = P["Wc"] @ x + P["Uc"] @ h + P["bc"]
        f, i, o, ct = torch.sigmoid(zf), torch.sigmoid(zi), torch.sigmoid(zo), torch.tanh(zc)
        cprev = c
        c = f * c + i * ct
        h = o * torch.tanh(c)
        for t_ in (f, c, h):
            t_.retain_grad()
        rec.append(dict(zf=zf, f=f, o=o, c=c, h=h, cprev=cprev))
    return rec


def lstm_once(n_in, n_h, zero_c0):
    P = lstm_params(n_in, n_h)
    xs = [T(rnd(n_in, 1)) for _ in range(2)]
    h0 = T(rnd(n_h, 1))
    c0 = T(np.zeros((n_h, 1)) if zero_c0 else rnd(n_h, 1))
    rec = lstm_run(P, xs, h0, c0)
    L = loss_of(rec[0]["h"]) + loss_of(rec[1]["h"])
    L.backward()
    gWf = P["Wf"].grad.numpy()
    r1 = r2 = 0
    ok_df1 = ok_dc1 = ok_dhdc = True
    for t in range(2):
        R = rec[t]
        sp = dphi(torch.sigmoid, R["zf"].detach().numpy())
        r1 = r1 + (R["f"].grad.numpy() * sp) @ xs[t].numpy().T
        r2 = r2 + (R["c"].grad.numpy() * R["cprev"].detach().numpy() * sp) @ xs[t].numpy().T
    R0, R1 = rec
    ok_df1 = close(R0["f"].grad, R0["c"].grad.numpy() * R0["cprev"].detach().numpy())
    o1, c1 = R0["o"].detach(), R0["c"].detach()
    dhdc = o1.numpy() * (1 - np.tanh(c1.numpy()) ** 2)
    ok_dc1 = close(R0["c"].grad, R0["h"].grad.numpy() * dhdc + R1["c"].grad.numpy() * R1["f"].detach().numpy())
    J = jac(lambda cc: o1 * torch.tanh(cc), c1).numpy().reshape(n_h, n_h)
    ok_dhdc = close(J, np.diag(dhdc.ravel()))
    return {"lstm_step1": close(r1, gWf), "lstm_df1": ok_df1, "lstm_expand": close(r2, gWf),
            "lstm_dc1": ok_dc1, "lstm_dhdc": ok_dhdc}


def lstm_path_once(n_in, n_h):
    P = lstm_params(n_in, n_h)
    for k in P:                       # moderate weights so that the gates are not saturated
        P[k] = T(0.6 * P[k].detach().numpy(), True)
    xs = [T(rnd(n_in, 1)) for _ in range(10)]
    rec = lstm_run(P, xs, T(rnd(n_h, 1)), T(rnd(n_h, 1)))
    L10 = loss_of(rec[9]["h"])
    L10.backward()
    true = rec[1]["c"].grad.numpy()                  # c^{(2)}: index 1
    c10, o10 = rec[9]["c"].detach().numpy(), rec[9]["o"].detach().numpy()
    prod = np.ones((n_h, 1))
    for t in range(2, 10):                           # f^{(3)} .. f^{(10)}
        prod = prod * rec[t]["f"].detach().numpy()
    row = rec[9]["h"].grad.numpy() * o10 * (1 - np.tanh(c10) ** 2) * prod
    return {"lstm_path": close(row, true)}


def lstm():
    res = repeat(lstm_once, [(3, 2, False), (2, 3, True), (4, 4, False)])
    res.update(repeat(lstm_path_once, [(3, 2), (2, 3)]))
    return res


# ---------------------------------------------------------------- bn3monkey_rnn_basic_ko
def rnn_once(n_in, n_h, n_out, steps, gname):
    g = {"id": (lambda v: v), "sig": torch.sigmoid}[gname]
    U0, W0, V0 = rnd(n_h, n_in), rnd(n_h, n_h), rnd(n_out, n_h)
    b0, c0 = rnd(n_h, 1), rnd(n_out, 1)
    # one copy of every parameter per step (same values), so that the step-t gradient is visible
    Us = [T(U0, True) for _ in range(steps)]
    Ws = [T(W0, True) for _ in range(steps)]
    Vs = [T(V0, True) for _ in range(steps)]
    bs = [T(b0, True) for _ in range(steps)]
    cs = [T(c0, True) for _ in range(steps)]
    xs = [T(rnd(n_in, 1)) for _ in range(steps)]
    ts = [T(rnd(n_out, 1)) for _ in range(steps)]
    h = T(rnd(n_h, 1))
    hs, ps, qs, ys = [h], [], [], []
    for t in range(steps):
        p = Us[t] @ xs[t] + Ws[t] @ h + bs[t]
        p.retain_grad()
        h = torch.tanh(p)
        q = Vs[t] @ h + cs[t]
        q.retain_grad()
        y = g(q)
        ps.append(p), qs.append(q), ys.append(y), hs.append(h)
    E = 0.5 * sum(((ys[t] - ts[t]) ** 2).sum() for t in range(steps))
    E.backward()
    r = {k: True for k in ["rnn_dU", "rnn_dV", "rnn_dW", "rnn_db", "rnn_dc", "rnn_eo"]}
    for t in range(steps):
        eh, eo = ps[t].grad.numpy(), qs[t].grad.numpy()
        hprev, hcur = hs[t].detach().numpy(), hs[t + 1].detach().numpy()
        r["rnn_dU"] &= close(eh @ xs[t].numpy().T, Us[t].grad)
        r["rnn_dV"] &= close(eo @ hcur.T, Vs[t].grad)
        r["rnn_dW"] &= close(eo @ hprev.T, Ws[t].grad)
        r["rnn_db"] &= close(eh, bs[t].grad)
        r["rnn_dc"] &= close(eo, cs[t].grad)
        gp = dphi(g, qs[t].detach().numpy())
        r["rnn_eo"] &= close(gp * (ys[t].detach().numpy() - ts[t].numpy()), eo)
    return r


def rnn():
    return repeat(rnn_once, [(2, 3, 2, 3, "id"), (3, 2, 2, 3, "sig"), (3, 3, 3, 3, "id"),
                             (2, 3, 2, 1, "sig")])


# ---------------------------------------------------------------- bn3monkey_logreg_ko
def sig_page(v):
    return 1 / (1 + torch.exp(v))          # the page's sigma(x) = 1/(1+e^x)


def logr_once(n, N, eta, sname):
    s = {"page": sig_page, "std": torch.sigmoid}[sname]
    xv = rnd(7)
    xt = T(xv, True)
    d = torch.autograd.grad(sig_page(xt).sum(), xt)[0].numpy()
    sp = 1 / (1 + np.exp(xv))
    ok_sig = close(d, sp * (1 - sp))
    X = rnd(N, n)
    tt = RNG.integers(0, 2, N).astype(float)
    tt[0], tt[-1] = 0.0, 1.0
    w, b = T(rnd(n), True), T(rnd(1), True)
    y = s(T(X) @ w + b)
    E = -(T(tt) * torch.log(y) + (1 - T(tt)) * torch.log(1 - y)).sum()
    E.backward()
    gw, gb = w.grad.numpy(), b.grad.numpy()
    yv = y.detach().numpy()
    # the row's right member: sum_n dE_n/dy_n dy_n/dw (each by autograd)
    wt = T(w.detach().numpy(), True)
    yy = s(T(X) @ wt + b.detach())
    yl = yy.detach().clone().requires_grad_(True)
    En = -(T(tt) * torch.log(yl) + (1 - T(tt)) * torch.log(1 - yl))
    dEdy = torch.autograd.grad(En.sum(), yl)[0].numpy()
    Jy = jac(lambda v: s(T(X) @ v + b.detach()), T(w.detach().numpy())).numpy()     # [n_ex, n]
    chain = (dEdy[:, None] * Jy).sum(0)
    last = -((tt - yv)[:, None] * X).sum(0)
    return {"lr_sig": ok_sig,
            "lr_w_chain": close(eta * gw, chain),
            "lr_w_last": close(eta * gw, last),
            "lr_b": close(eta * gb, np.array([-(tt - yv).sum()]))}


def logr():
    return repeat(logr_once, [(3, 4, 0.1, "page"), (2, 5, 0.01, "std"), (4, 3, 0.1, "std")])


# ---------------------------------------------------------------- llmtutorial_dropout_grad_zh
def drp_once(n, p):
    m = RNG.integers(0, 2, n).astype(float)
    m[0], m[-1] = 1.0, 0.0                   # both a kept and a dropped unit
    x = T(rnd(n), True)
    y = T(m) * x / (1 - p)
    y.retain_grad()
    loss_of(y).backward()
    gx, gy = x.grad.numpy(), y.grad.numpy()
    J = jac(lambda v: T(m) * v / (1 - p), T(x.detach().numpy())).numpy()
    local = np.diag(J)
    kept, drop = m == 1, m == 0
    return {"drop_chain": close(gy * local, gx) and np.allclose(J - np.diag(local), 0),
            "drop_local": close(local, m / (1 - p)),
            "drop_full": close(gy * m / (1 - p), gx),
            "drop_kept": close(gy[kept] / (1 - p), gx[kept]),
            "drop_dropped": close(gy[drop] * 0, gx[drop]),
            "drop_vec": close(gy * (m / (1 - p)), gx),
            "drop_dy": close(J, np.diag(m / (1 - p)))}


def drp_num():
    x = T([2.0, 4.0, 6.0, 8.0], True)
    m = T([1.0, 0.0, 1.0, 0.0])
    y = m * x / (1 - 0.5)
    (T([0.1, 0.2, 0.3, 0.4]) * y).sum().backward()
    return close(x.grad, [0.2, 0, 0.6, 0])


def drp():
    res = repeat(drp_once, [(4, 0.5), (6, 0.3), (9, 0.8)])
    res["drop_num"] = verdict(drp_num())
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
