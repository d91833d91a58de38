"""Independent truth for the eighteenth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout18.py`` writes the ``*.truth.json`` sidecars of ``heldout18/``,
by the method and in the format of ``truth_heldout17.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout18/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout18"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout18.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(1818)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional

onehot = onehot_of(RNG)


def softmax(v):
    e = np.exp(v - np.max(v))
    return e / e.sum()


def ce_grad(z, y):
    """L = -sum y log softmax(z): (dL/dz, Jacobian dsoftmax_k/dz_i [k, i])."""
    zt = T(z, True)
    L = -(T(y) * torch.log_softmax(zt, 0)).sum()
    g = torch.autograd.grad(L, zt)[0].numpy()
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()
    return g, J


def all_close(pairs):
    return all(close(a, b) for a, b in pairs)


# ---------------------------------------------------------------- xent_softmax_logits_en
def xen_once(C):
    A, Y = rnd(C), onehot(C)
    s = softmax(A)
    g, _ = ce_grad(A, Y)
    Jlog = jac(lambda v: torch.log_softmax(v, 0), T(A)).numpy()     # [k, i] = d log sigma_k / dA_i
    Jsm = jac(lambda v: torch.softmax(v, 0), T(A)).numpy()
    r = {}
    r["dlog_eq"] = all(isc(Jlog[i, i], 1 / s[i] * s[i] * (1 - s[i])) and isc(Jlog[i, i], 1 - s[i])
                       and isc(Jsm[i, i], s[i] * (1 - s[i])) for i in range(C))
    r["dH_eq"] = all(isc(-Y[i] * (1 - s[i]), g[i]) and isc(s[i] - Y[i], g[i]) and isc(s[i] - 1, g[i]) for i in range(C))
    r["dlog_ne"] = all(isc(Jlog[k, i], 1 / s[k] * -s[k] * s[i]) and isc(Jlog[k, i], -s[i])
                       for i in range(C) for k in range(C) if k != i)
    r["dH_ne"] = all(isc(-Y[i] * (-s[i]), g[i]) and isc(s[i], g[i]) and isc(s[i] - 0, g[i]) for i in range(C))
    # the written-out sum of Step 1 (general labels too: Step 1 does not use one-hot)
    for Yv in (Y, np.abs(rnd(C))):
        At = T(A, True)
        terms = -(T(Yv) * torch.log_softmax(At, 0))
        gH = torch.autograd.grad(terms.sum(), At, retain_graph=True)[0].numpy()
        per = [torch.autograd.grad(terms[k], At, retain_graph=True)[0].numpy() for k in range(C)]
        Jl = jac(lambda v: torch.log_softmax(v, 0), T(A)).numpy()
        r.setdefault("exp0", []).append(close(sum(per), gH))
        r.setdefault("exp1", []).append(close(sum(per), gH))
        r.setdefault("exp2", []).append(close(np.array([sum(-Yv[k] * Jl[k, i] for k in range(C)) for i in range(C)]), gH))
        r.setdefault("exp3", []).append(close(-(Yv @ Jl), gH))
    for key in ("exp0", "exp1", "exp2", "exp3"):
        r[key] = all(r[key])
    r["step3"] = close(s - Y, g)
    return r


def xen_three_once():
    """The 3-class example of 'Softmax + Cross Entropy' (z -> a = softmax(z), L = -sum y log a)."""
    z, y = rnd(3), onehot(3)
    e = np.exp(z)
    S = e.sum()
    a = e / S
    g, J = ce_grad(z, y)
    r = {"a11": isc(J[0, 0], (e[0] * S - e[0] * e[0]) / (S * S)) and isc(J[0, 0], e[0] / S * (S - e[0]) / S)
         and isc(J[0, 0], a[0] * (1 - a[0])),
         "a12": isc(J[0, 1], (0 * S - e[0] * e[1]) / S ** 2) and isc(J[0, 1], -(e[0] / S) * (e[1] / S))
         and isc(J[0, 1], -a[0] * a[1])}
    M = np.array([[a[0] * (1 - a[0]), -a[0] * a[1], -a[0] * a[2]],
                  [-a[0] * a[1], a[1] * (1 - a[1]), -a[1] * a[2]],
                  [-a[0] * a[2], -a[1] * a[2], a[2] * (1 - a[2])]])
    r["jac"] = close(M, J)
    at = T(a, True)
    La = -(T(y) * torch.log(at)).sum()
    ga = torch.autograd.grad(La, at)[0].numpy()
    r["dLda"] = close(-y / a, ga)
    r["chain"] = close(ga @ J, g)
    ok_row = close(-(y - a * y.sum()), g)
    yg = np.abs(rnd(3))                                                  # a general (non one-hot) y
    gg, _ = ce_grad(z, yg)
    r["row"] = ok_row and close(-(yg - a * yg.sum()), gg)
    r["amy"] = close(a - y, g)
    return r


def xen_batch_once(N, C):
    A = rnd(N, C)
    Y = np.stack([onehot(C) for _ in range(N)])
    At = T(A, True)
    loss = -(T(Y) * torch.log_softmax(At, 1)).sum(1).mean()
    g = torch.autograd.grad(loss, At)[0].numpy()
    S = np.stack([softmax(row) for row in A])
    ok = close((S - Y) / N, g)
    return {"xent": ok, "dLoss": ok}


def xen():
    res = repeat(xen_once, [(3,), (5,)])
    res.update(repeat(xen_three_once, [()]))
    res.update(repeat(xen_batch_once, [(2, 3), (4, 5)]))
    return res


# ---------------------------------------------------------------- softmax_ce_grad_ko
def kor_once(K):
    z, y = rnd(K), onehot(K)
    e = np.exp(z)
    S = e.sum()
    yh = e / S
    g, J = ce_grad(z, y)
    off = [(k, i) for k in range(K) for i in range(K) if k != i]
    r = {"q1": all(isc((e[k] * S - e[k] * e[k]) / S ** 2, J[k, k]) for k in range(K)),
         "q2": all(isc(e[k] / S - e[k] / S * (e[k] / S), J[k, k]) for k in range(K)),
         "q3": all(isc(yh[k] - yh[k] ** 2, J[k, k]) and isc(yh[k] * (1 - yh[k]), J[k, k]) for k in range(K)),
         "r1": all(isc((0 * S - e[k] * e[i]) / S ** 2, J[k, i]) for k, i in off),
         "r2": all(isc(-(e[k] / S) * (e[i] / S), J[k, i]) and isc(-yh[k] * yh[i], J[k, i]) for k, i in off),
         "kron": close(np.array([[yh[k] * ((k == i) - yh[i]) for i in range(K)] for k in range(K)]), J)}
    yt = T(yh, True)
    gy = torch.autograd.grad(-(T(y) * torch.log(yt)).sum(), yt)[0].numpy()
    c = int(np.argmax(y))
    r["dLdy"] = close(-y / yh, gy)
    r["dLdyc"] = isc(-1 / yh[c], gy[c])
    d = np.eye(K)
    r["c1"] = close(np.array([sum(gy[k] * J[k, i] for k in range(K)) for i in range(K)]), g)
    r["c2"] = close(np.array([sum(-y[k] / yh[k] * yh[k] * (d[k, i] - yh[i]) for k in range(K)) for i in range(K)]), g)
    r["c3"] = close(np.array([sum(-y[k] * (d[k, i] - yh[i]) for k in range(K)) for i in range(K)]), g)
    r["c4"] = close(np.array([-sum(y[k] * d[k, i] for k in range(K)) + sum(y[k] * yh[i] for k in range(K))
                              for i in range(K)]), g)
    r["fin"] = close(-y + yh, g) and close(yh - y, g)
    r["vec"] = close(yh - y, g)
    return r


def kor_batch_once(N, K):
    Z = rnd(N, K)
    Y = np.stack([onehot(K) for _ in range(N)])
    Zt = T(Z, True)
    L = -(T(Y) * torch.log_softmax(Zt, 1)).sum(1).mean()
    g = torch.autograd.grad(L, Zt)[0].numpy()
    return {"batch": close((np.stack([softmax(r) for r in Z]) - Y) / N, g)}


def kor():
    res = repeat(kor_once, [(3,), (6,)])
    res.update(repeat(kor_batch_once, [(3, 3), (5, 4)]))
    return res


# ---------------------------------------------------------------- dl_memo_fc_softmax_ja
def jap_fc_once(n_in, n_out):
    """a = W x + b (w_{ji}: input i -> unit j), E = loss_of(a)."""
    x, Wn, b = rnd(n_in), rnd(n_out, n_in), rnd(n_out)
    Wt = T(Wn, True)
    a = Wt @ T(x) + T(b)
    a.retain_grad()
    loss_of(a).backward()
    da, dW = a.grad.numpy(), Wt.grad.numpy()
    Ja = jac(lambda M: M @ T(x) + T(b), T(Wn)).numpy()                   # [j, j', i]
    r = {"da_dw": all(isc(Ja[j, j, i], x[i]) for j in range(n_out) for i in range(n_in))}
    r["w_chain"] = all(isc(da[j] * Ja[j, j, i], dW[j, i]) for j in range(n_out) for i in range(n_in))
    r["w_delta"] = close(np.outer(da, x), dW)
    return r


def jap_sm_once(K):
    a = rnd(K)
    out = {}
    for t, one in ((onehot(K), True), (np.abs(rnd(K)), False)):
        y = softmax(a)
        at = T(a, True)
        E = -(T(t) * torch.log_softmax(at, 0)).sum()
        dl = torch.autograd.grad(E, at)[0].numpy()
        Jy = jac(lambda v: torch.softmax(v, 0), T(a)).numpy()            # [k, j] = dy_k/da_j
        pair_written = np.array([[y[k] * (1 - y[j]) if k == j else -y[j] for j in range(K)] for k in range(K)])
        pair_rows = np.array([[y[k] * (1 - y[j]) if k == j else -y[k] * y[j] for j in range(K)] for k in range(K)])
        dEdy = -t / y
        res = {"delta_out": close(np.array([sum(dEdy[k] * Jy[k, j] for k in range(K)) for j in range(K)]), dl),
               "smax": close(pair_written, Jy),
               "r1": close(np.array([sum(-t[k] * (1 / y[k]) * pair_rows[k, j] for k in range(K)) for j in range(K)]), dl),
               "r2": close(np.array([-sum(t[k] * (1 / y[k]) * pair_rows[k, j] for k in range(K)) for j in range(K)]), dl),
               "r3": close(np.array([-sum(t[k] * ((1 - y[j]) if k == j else -y[j]) for k in range(K)) for j in range(K)]), dl),
               "r5": close(np.array([sum(t[k] * y[j] for k in range(K)) - t[j] for j in range(K)]), dl)}
        if one:
            res["r6"] = close(y - t, dl)
        for k_, v in res.items():
            out[k_] = out.get(k_, True) and v
    return out


def jap():
    res = repeat(jap_fc_once, [(3, 2), (4, 5)])
    res.update(repeat(jap_sm_once, [(3,), (6,)]))
    return res


# ---------------------------------------------------------------- csc321_autodiff_notes_zh
def csc_once():
    r = {}
    ok = True
    for c, n in ((2.5, 3), (-1.3, 4), (0.7, 2.5)):
        x = abs(rnd(1)[0]) + 0.2
        xt = T(x, True)
        g = torch.autograd.grad(c * xt ** n, xt)[0].item()
        ok = ok and isc(c * n * x ** (n - 1), g)
    r["pow"] = ok
    y, t = rnd(2)
    yt = T(y, True)
    z = yt - T(t)
    L = z ** 2 / 2
    g = torch.autograd.grad(L, yt)[0].item()
    zv = y - t
    zt_ = T(zv, True)
    dLdz = torch.autograd.grad(zt_ ** 2 / 2, zt_)[0].item()
    r["dLdy"] = isc(dLdz * 1, g) and isc(zv * 1, g) and isc(zv, g) and isc(y - t, g)
    r["chain"] = isc(zv * 1, g)                                          # L'(z(y)) z'(y), L'(u) = u, z' = 1
    zz = (y - t) - t                                                     # z applied to z(y)
    r["zz"] = isc(zz, g)
    r["y2t"] = isc(y - 2 * t, g)
    r["ybar"] = isc(y - t, g)
    # the sigmoid neuron: z = w x + b, y = sigma(z), L = (y - t)^2 / 2
    w, x, b, t2 = rnd(4)
    wt, zt2 = T(w, True), None
    zval = w * x + b
    zt2 = T(zval, True)
    yv = torch.sigmoid(zt2)
    dydz = torch.autograd.grad(yv, zt2)[0].item()
    s = 1 / (1 + np.exp(-zval))
    sp = dphi(torch.sigmoid, np.array([zval]))[0]
    r["dydz"] = isc(dydz, sp) and isc(dydz, s * (1 - s))
    wt2 = T(w, True)
    zz2 = wt2 * x + b
    dzdw = torch.autograd.grad(zz2, wt2)[0].item()
    r["dzdw"] = isc(dzdw, x)
    zt3 = T(zval, True)
    L2 = (torch.sigmoid(zt3) - t2) ** 2 / 2
    gz = torch.autograd.grad(L2, zt3)[0].item()
    ybar = s - t2
    r["zbar"] = isc(ybar * sp, gz)
    wt3 = T(w, True)
    L3 = (torch.sigmoid(wt3 * x + b) - t2) ** 2 / 2
    gw = torch.autograd.grad(L3, wt3)[0].item()
    r["wbar1"] = isc(ybar * sp * x, gw)
    r["wbar2"] = isc(gz * x, gw)
    # F = A X: dF_11 / dA_11 = X_11
    A, X = rnd(3, 4), rnd(4, 2)
    JF = jac(lambda M: M @ T(X), T(A)).numpy()                          # [i, j, p, q]
    r["ax"] = isc(JF[0, 0, 0, 0], X[0, 0])
    return r


def csc():
    return repeat(csc_once, [()] * 3)


# ---------------------------------------------------------------- brightlamp_affine_fc_zh
def corner(n):
    """The written rows / columns of a matrix with dots: 1, 2, 3 and the last (1-based)."""
    return [1, 2, 3, n]


def written_ok(entry, truth, rows, cols):
    """Every written entry (a number, or None for an entry that does not exist) equals the truth."""
    for r_ in rows:
        for c_ in cols:
            v = entry(r_, c_)
            if v is None or not isc(v, truth[r_ - 1, c_ - 1]):
                return False
    return True


def aff_once(m, n, k):
    X, Wn, b = rnd(m, k), rnd(n, k), rnd(n)
    Xt, Wt, bt = T(X, True), T(Wn, True), T(b, True)
    A = Xt @ Wt.T + bt
    A.retain_grad()
    loss_of(A).backward()
    G, dX, dW, db = A.grad.numpy(), Xt.grad.numpy(), Wt.grad.numpy(), bt.grad.numpy()
    g = lambda i, j: G[i - 1, j - 1]  # noqa: E731   1-based a_{ij}'
    x = lambda i, j: X[i - 1, j - 1] if 1 <= i <= m and 1 <= j <= k else None  # noqa: E731
    w = lambda i, j: Wn[i - 1, j - 1]  # noqa: E731
    JX = jac(lambda M: M @ T(Wn).T + T(b), T(X)).numpy()                 # [i, j, p, q]
    JW = jac(lambda M: T(X) @ M.T + T(b), T(Wn)).numpy()
    r = {"x_case": all(isc(JX[i, j, p, q], Wn[j, q] if p == i else 0.0)
                       for i in range(m) for j in range(n) for p in range(m) for q in range(k)),
         "ex_sum": close(np.array([[sum(G[p, j] * Wn[j, q] for j in range(n)) for q in range(k)] for p in range(m)]), dX),
         "dX_sum": written_ok(lambda r_, c_: sum(g(r_, j) * w(j, c_) for j in range(1, n + 1)), dX, corner(m), corner(k)),
         "dX_prod": written_ok(g, G, corner(m), corner(n)) and written_ok(w, Wn, corner(n), corner(k)) and close(G @ Wn, dX),
         "w_case": all(isc(JW[i, j, p, q], X[i, q] if p == j else 0.0)
                       for i in range(m) for j in range(n) for p in range(n) for q in range(k)),
         "ew_sum": close(np.array([[sum(G[i, p] * X[i, q] for i in range(m)) for q in range(k)] for p in range(n)]), dW)}

    def dw_written(r_, c_):
        lo = 3 if (r_, c_) in ((3, 2), (n, 2)) else 1
        col = n if (r_, c_) == (n, 2) else c_                           # the x_{in} of the entry (n, 2)
        vals = [x(i, col) for i in range(lo, m + 1)]
        if any(v is None for v in vals):
            return None
        return sum(g(i, r_) * v for i, v in zip(range(lo, m + 1), vals))
    r["dW_sum"] = written_ok(dw_written, dW, corner(n), corner(k))
    assert written_ok(lambda r_, c_: sum(g(i, r_) * x(i, c_) for i in range(1, m + 1)), dW, corner(n), corner(k))
    r["dW_prod"] = (written_ok(lambda r_, c_: g(c_, r_), G.T, corner(n), corner(m))
                    and written_ok(x, X, corner(m), corner(k)) and close(G.T @ X, dW))
    r["dW"] = close(G.T @ X, dW)
    r["b_chain"] = close(np.array([sum(G[i, j] * (1.0 if q == j else 0.0) for i in range(m) for j in range(n))
                                   for q in range(n)]), db)
    r["b_sum"] = close(G.sum(0), db)
    written_b = [G[:, 0].sum(), G[:, 1].sum(), G[:, 2].sum(), G[:, m - 1].sum() if m <= n else None]
    r["db_vec"] = all(v is not None and isc(v, db[q - 1]) for v, q in zip(written_b, corner(n)))
    assert close(G.sum(0), db)                                           # the sum(axis=0) rows left out
    assert all(isc(G[:, q - 1].sum(), db[q - 1]) for q in corner(n))     # the vector with a_{in}' last
    assert close(G @ Wn, dX)                                             # 3.3's dX row left out
    # the other definition: A = X W + b, W k x n
    W2 = rnd(k, n)
    Xt, Wt, bt = T(X, True), T(W2, True), T(b, True)
    A = Xt @ Wt + bt
    A.retain_grad()
    loss_of(A).backward()
    G, dX, dW = A.grad.numpy(), Xt.grad.numpy(), Wt.grad.numpy()
    g = lambda i, j: G[i - 1, j - 1]  # noqa: E731
    JX = jac(lambda M: M @ T(W2) + T(b), T(X)).numpy()
    JW = jac(lambda M: T(X) @ M + T(b), T(W2)).numpy()
    r["x_case4"] = all(isc(JX[i, j, p, q], W2[q, j] if p == i else 0.0)
                       for i in range(m) for j in range(n) for p in range(m) for q in range(k))
    r["ex_sum4"] = close(np.array([[sum(G[p, j] * W2[q, j] for j in range(n)) for q in range(k)] for p in range(m)]), dX)
    assert written_ok(lambda r_, c_: sum(g(r_, j) * W2[c_ - 1, j - 1] for j in range(1, n + 1)), dX, corner(m), corner(k))
    r["dX_prod4"] = (written_ok(lambda r_, c_: W2[c_ - 1, r_ - 1], W2.T, corner(n), corner(k)) and close(G @ W2.T, dX))
    r["dX4"] = close(G @ W2.T, dX)
    r["w_case4"] = all(isc(JW[i, j, p, q], X[i, p] if q == j else 0.0)
                       for i in range(m) for j in range(n) for p in range(k) for q in range(n))
    r["ew_sum4"] = close(np.array([[sum(G[i, q] * X[i, p] for i in range(m)) for q in range(n)] for p in range(k)]), dW)

    def dw4_written(r_, c_):
        lo = 3 if (r_, c_) in ((3, 2), (k, 2)) else 1
        return sum(g(i, c_) * X[i - 1, r_ - 1] for i in range(lo, m + 1))
    r["dW_sum4"] = written_ok(dw4_written, dW, corner(k), corner(n))
    assert written_ok(lambda r_, c_: sum(g(i, c_) * X[i - 1, r_ - 1] for i in range(1, m + 1)), dW, corner(k), corner(n))
    XT = X.T.copy()
    XT[1, 2] = X[2, 0]                                                   # written x_{31} at (2, 3)
    XT[2, 1] = X[2, 1]                                                   # written x_{32} at (3, 2)
    r["dW_prod4"] = close(XT @ G, dW)
    r["dW4"] = close(X.T @ G, dW)
    return r


def aff():
    return repeat(aff_once, [(6, 4, 5), (4, 5, 6), (5, 4, 4)])


# ---------------------------------------------------------------- josefruiz_backprop_mlp_es
def esp_neuron_once():
    """z = w x + b, a = act(z), L = (a - y)^2 / 2 (the loss the text names), act sigmoid or tanh."""
    r = {}
    for act in (torch.sigmoid, torch.tanh):
        w, x, b, y = rnd(4)
        wt, bt = T(w, True), T(b, True)
        z = wt * x + bt
        z.retain_grad()
        a = act(z)
        a.retain_grad()
        L = (a - y) ** 2 / 2
        L.backward()
        gw, gb, ga, gz = wt.grad.item(), bt.grad.item(), a.grad.item(), z.grad.item()
        zv, av = z.item(), a.item()
        sp = dphi(act, np.array([zv]))[0]
        for key, ok in (("dLdw_chain", isc(ga * sp * x, gw)), ("dLdb_chain", isc(ga * sp * 1, gb)),
                        ("dLdw", isc((av - y) * sp * x, gw)), ("dLdb", isc((av - y) * sp, gb))):
            r[key] = r.get(key, True) and ok
    return r


def esp_layers_once(n1, n2):
    """z^{l+1} = W^{l+1} sigma(z^l) + b^{l+1}, L = loss_of(z^{l+1}): delta^l = (W^{l+1})^T delta^{l+1} odot sigma'(z^l)."""
    zl, W, b = rnd(n1), rnd(n2, n1), rnd(n2)
    zt = T(zl, True)
    z2 = T(W) @ torch.sigmoid(zt) + T(b)
    z2.retain_grad()
    loss_of(z2).backward()
    return {"delta_l": close((W.T @ z2.grad.numpy()) * dphi(torch.sigmoid, zl), zt.grad)}


def esp_net_once(n_in, n_h):
    """The example's shape at random values: ReLU hidden layer, sigmoid output, L = (a^2 - y)^2 / 2."""
    x, W1, b1, W2, b2, y = rnd(n_in), rnd(n_h, n_in), rnd(n_h), rnd(1, n_h), rnd(1), rnd(1)
    z2t = T(W2 @ np.maximum(W1 @ x + b1, 0) + b2, True)
    a2 = torch.sigmoid(z2t)
    L = ((a2 - T(y)) ** 2 / 2).sum()
    g = torch.autograd.grad(L, z2t)[0].numpy()
    av = a2.detach().numpy()
    ok = close((av - y) * av * (1 - av), g)
    return {"delta2_gen": ok, "delta2_num_form": ok}


def esp_numbers():
    """The worked example: exact values by autograd, each written number within its last digit."""
    from truth_common import rounded
    x, W1, b1 = np.array([1.0, 2.0]), np.array([[0.1, 0.3], [-0.2, 0.4], [0.5, -0.6]]), np.array([0.1, 0.0, -0.1])
    W2, b2, y = np.array([[0.2, -0.1, 0.3]]), np.array([0.05]), np.array([1.0])
    W1t, b1t, W2t, b2t = T(W1, True), T(b1, True), T(W2, True), T(b2, True)
    z1 = W1t @ T(x) + b1t
    z1.retain_grad()
    a1 = torch.relu(z1)
    a1.retain_grad()
    z2 = W2t @ a1 + b2t
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    L = ((a2 - T(y)) ** 2 / 2).sum()
    L.backward()
    d2, d1, da1 = z2.grad.numpy(), z1.grad.numpy(), a1.grad.numpy()
    gW2, gb2, gW1, gb1 = W2t.grad.numpy(), b2t.grad.numpy(), W1t.grad.numpy(), b1t.grad.numpy()
    a2v, z2v, z1v = a2.item(), z2.item(), z1.detach().numpy()
    sp = dphi(torch.sigmoid, np.array([z2v]))[0]
    assert isc(z2v, 0.15) and close(z1v, [0.8, 0.6, -0.8])
    rv = lambda claimed, true: all(rounded(float(c), float(t)) for c, t in zip(np.ravel(claimed), np.ravel(true)))  # noqa: E731
    r = {"sig_num": isc(a2v * (1 - a2v), sp) and rv([0.2486], [sp]),
         "delta2_num": rv([-0.1150], d2),
         "dW2_num": rv([-0.1150], d2) and rv([-0.092, -0.069, 0.0], gW2),
         "db2_num": rv([-0.1150], gb2),
         "relu_p": close([1, 1, 0], dphi(torch.relu, z1v)),
         "delta1_num": rv([-0.023, 0.0115, -0.0345], da1) and rv([-0.023, 0.0115, 0.0], d1),
         "dW1_num": rv([-0.023, 0.0115, 0.0], d1) and rv(np.outer([-0.023, 0.0115, 0.0], x), gW1),
         "dW1_vals": rv([[-0.023, -0.046], [0.0115, 0.023], [0, 0]], gW1),
         "db1_num": rv([-0.023, 0.0115, 0.0], gb1),
         "sum_dW2": rv([-0.092, -0.069, 0], gW2),
         "sum_db1": rv([-0.023, 0.0115, 0], gb1)}
    assert rv([-0.1150], gb2) and rv([[-0.023, -0.046], [0.0115, 0.023], [0, 0]], gW1)   # the summary rows left out
    return {k: verdict(v) for k, v in r.items()}


def esp():
    res = repeat(esp_neuron_once, [()] * 3)
    res.update(repeat(esp_layers_once, [(3, 2), (2, 4)]))
    res.update(repeat(esp_net_once, [(2, 3), (4, 5)]))
    res.update(esp_numbers())
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
