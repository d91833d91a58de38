"""Independent truth for the thirtieth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout30.py`` writes the ``*.truth.json`` sidecars of ``heldout30/``, by the method
and in the format of ``truth_heldout28.py``: each claim is checked at several sizes and seeded
random draws, and holds only if it holds every time; its ``why`` in ``heldout30/claims_table.py``
says the reading.  Written before anything of symbp was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout30"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout30.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2030)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


# ---------------------------------------------------------------- timattt_mlp_backprop_ru
def rus_once(n, act):
    """One layer Q = W P + b (Q_k = sum_m W_km P_m + b_k), R = f(Q), I a drawn function of R."""
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    P = T(rnd(n), True)
    W = T(rnd(n, n), True)
    b = T(rnd(n), True)
    Q = W @ P + b
    Q.retain_grad()
    R = f(Q)
    R.retain_grad()
    I = loss_of(R)
    I.backward()
    gQ, gR, gP, gW, gb = (x.grad.numpy() for x in (Q, R, P, W, b))
    Wv, Pv, Qv = W.detach().numpy(), P.detach().numpy(), Q.detach().numpy()
    fp = dphi(f, Qv)
    JQW = jac(lambda w: w @ T(Pv) + T(b.detach().numpy()), T(Wv)).numpy()   # [k, i, j] = dQ_k/dW_ij
    JQP = jac(lambda p: T(Wv) @ p, T(Pv)).numpy()                          # [k, i] = dQ_k/dP_i
    d = np.eye(n)
    return {
        "r_dQ": close(gR * fp, gQ),
        "r_dP": close(np.array([sum(gQ[k] * JQP[k, i] for k in range(n)) for i in range(n)]), gP),
        "r_dW": all(isc(sum(gQ[k] * JQW[k, i, j] for k in range(n)), gW[i, j]) and isc(gQ[i] * Pv[j], gW[i, j])
                    for i in range(n) for j in range(n)),
        "r_dQdW": all(isc(JQW[k, i, j], Pv[j] * d[i, k]) for k in range(n) for i in range(n) for j in range(n)),
        "r_db": all(isc(sum(gQ[k] * d[i, k] for k in range(n)), gb[i]) and isc(sum(gQ[i] for _ in range(n)), gb[i])
                    for i in range(n)),
        "r_s_dQ": close(gR * fp, gQ),
        "r_s_dP": close(gQ.reshape(1, -1) @ Wv.T, gP.reshape(1, -1)),
        "r_s_dW": close(Pv.reshape(1, -1).T @ gQ.reshape(1, -1), gW),
        "r_s_db": close(gQ, gb),
    }


def rus():
    return repeat(rus_once, [(3, "sig"), (4, "tanh"), (2, "sig")])


# ---------------------------------------------------------------- mox21c_layer_gradient_ko
def kor_once(m, K, act):
    """Output layer u_k = sum_q y_q w_qk + b_k (w: m x K), y_k = f(u_k), E a drawn function of the outputs."""
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    yin = rnd(m)
    w = T(rnd(m, K), True)
    b = T(rnd(K), True)
    u = T(yin) @ w + b
    u.retain_grad()
    yk = f(u)
    yk.retain_grad()
    E = loss_of(yk)
    E.backward()
    gu, gy, gw = u.grad.numpy(), yk.grad.numpy(), w.grad.numpy()
    uv = u.detach().numpy()
    Juw = jac(lambda ww: T(yin) @ ww + b.detach(), w.detach()).numpy()   # [k, j, k'] = du_k/dw_jk'
    fp = dphi(f, uv)
    delta = gy * fp
    return {
        "m_chain": all(isc(gu[k] * Juw[k, j, k], gw[j, k]) for j in range(m) for k in range(K)),
        "m_du": all(isc(Juw[k, j, k], yin[j]) for j in range(m) for k in range(K)),
        "m_dEdu": close(gy * fp, gu),
        "m_delta": close(delta, gu),
        "m_dw": close(np.outer(yin, delta), gw),
    }


def kor():
    return repeat(kor_once, [(3, 2, "sig"), (4, 3, "tanh"), (2, 1, "sig")])


# ---------------------------------------------------------------- kylelo_deriving_backprop_en
def enk_log_once(n, m):
    X = rnd(n, m)
    y = RNG.integers(0, 2, n).astype(float)
    w = T(rnd(m), True)
    p = torch.sigmoid(T(X) @ w)
    L = -(T(y) * torch.log(p) + (1 - T(y)) * torch.log(1 - p)).sum()
    g = torch.autograd.grad(L, w)[0].numpy()
    pv = p.detach().numpy()
    line2 = -sum((y[i] / pv[i] + (1 - y[i]) / (1 - pv[i])) * pv[i] * (1 - pv[i]) * X[i] for i in range(n))
    line4 = -sum((y[i] - pv[i]) * X[i] for i in range(n))
    return {"k_log_sign": close(line2, g), "k_log_final": close(line4, g)}


def onehot(K):
    t = np.zeros(K)
    t[RNG.integers(K)] = 1.0
    return t


def enk_soft_once(n, m, K):
    X = rnd(n, m)
    Y = np.array([onehot(K) for _ in range(n)])
    w = T(rnd(m, K), True)
    P = torch.softmax(T(X) @ w, dim=1)
    L = -(T(Y) * torch.log(P)).sum()
    g = torch.autograd.grad(L, w)[0].numpy()
    Pv = P.detach().numpy()
    # one observation
    x, y = X[0], Y[0]
    z = T(x @ w.detach().numpy(), True)
    p = torch.softmax(z, 0)
    p.retain_grad()
    L1 = -(T(y) * torch.log(p)).sum()
    L1.backward()
    gp, gz = p.grad.numpy(), z.grad.numpy()
    pv = p.detach().numpy()
    w1 = T(w.detach().numpy(), True)
    g1 = torch.autograd.grad(-(T(y) * torch.log(torch.softmax(T(x) @ w1, 0))).sum(), w1)[0].numpy()
    prod = np.array([-y[i] * (1 - pv[i]) + sum(y[k] * pv[i] for k in range(K) if k != i) for i in range(K)])
    Jz = jac(lambda v: torch.softmax(v, 0), T(z.detach().numpy())).numpy()
    e = np.exp(z.detach().numpy())
    S = e.sum()
    neq = all(isc((0 * S - e[i] * e[j]) / (S * S), Jz[i, j]) and isc(-e[i] / S * e[j] / S, Jz[i, j])
              and isc(-pv[i] * pv[j], Jz[i, j]) for i in range(K) for j in range(K) if i != j)
    return {"k_dLdp": close(-y / pv, gp),
            "k_prod": close(prod, gz),
            "k_xphi": close(np.outer(x, pv - y), g1),
            "k_sum": close(-sum(np.outer(X[i], Y[i] - Pv[i]) for i in range(n)), g),
            "k_soft_neq": neq}


def enk_net_once(dims, act):
    """z^(l) = w_l^T h^(l-1), hidden f, softmax output, L = -y^T log h^(L), one observation."""
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    Lr = len(dims) - 1
    x = rnd(dims[0])
    y = onehot(dims[-1])
    ws = [T(rnd(dims[l], dims[l + 1]), True) for l in range(Lr)]
    h, zs, hs = T(x), [], [x]
    for l in range(Lr):
        z = ws[l].T @ h
        z.retain_grad()
        zs.append(z)
        h = torch.softmax(z, 0) if l == Lr - 1 else f(z)
        hs.append(h.detach().numpy())
    L = -(T(y) * torch.log(h)).sum()
    L.backward()
    ok = all(close(np.outer(hs[l], zs[l].grad.numpy()), ws[l].grad) for l in range(Lr))
    return {"k_hdelta": ok, "k_deltaL": close(hs[-1] - y, zs[-1].grad)}


def enk():
    res = {}
    for _ in range(2):
        for part in (enk_log_once(5, 3), enk_log_once(4, 2), enk_soft_once(4, 3, 3), enk_soft_once(3, 2, 4),
                     enk_net_once((3, 4, 3), "tanh"), enk_net_once((2, 3, 4, 3), "sig")):
            for k, v in part.items():
                res.setdefault(k, []).append(bool(v))
    return {k: verdict(all(v)) for k, v in res.items()}


# ---------------------------------------------------------------- osajima_backprop_layer3_en
def eno_once(h):
    a2 = rnd(h)
    y = float(RNG.integers(0, 2))
    W3 = T(rnd(1, h), True)
    b3 = T(rnd(1), True)
    z = W3 @ T(a2) + b3
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    J = (-y * torch.log(a) - (1 - y) * torch.log(1 - a)).sum()
    J.backward()
    av, zv = a.detach().numpy()[0], z.detach().numpy()[0]
    ga, gz, gW, gb = a.grad.numpy()[0], z.grad.numpy()[0], W3.grad.numpy(), b3.grad.numpy()[0]
    dadz = dphi(torch.sigmoid, np.array([zv]))[0]
    Jzw = jac(lambda w: w @ T(a2) + b3.detach(), W3.detach()).numpy().reshape(1, h)
    return {"o_dJda": isc(-y / av - (1 - y) / (1 - av) * (-1), ga),
            "o_dadz1": isc(-(1 + np.exp(-zv)) ** -2 * np.exp(-zv) * (-1), dadz),
            "o_dadz_sq": isc(av ** 2 * ((1 - av) / av), dadz),
            "o_dadz": isc(av * (1 - av), dadz),
            "o_dzdw11": isc(1 * a2[0] + 0 + 0, Jzw[0, 0]),
            "o_dzdW": close(a2.reshape(1, -1), Jzw),
            "o_dJdz": isc(-y * (1 - av) + (1 - y) * av, gz) and isc(av - y, gz),
            "o_dW": close((av - y) * a2.reshape(1, -1), gW),
            "o_db": isc(av - y, gb)}


def eno():
    return repeat(eno_once, [(2,), (2,), (3,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
