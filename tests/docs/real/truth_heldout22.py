"""Independent truth for the twenty-second held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout22.py`` writes the ``*.truth.json`` sidecars of ``heldout22/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout22/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as tF

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout22"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          rounded, write_and_report)
from heldout22.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2022)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
onehot = onehot_of(RNG)
ACTS = {"tanh": torch.tanh, "sig": torch.sigmoid}


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


# ---------------------------------------------------------------- codehunter_cnn_lecture_ru
def rus_fc_once(m, n, act):
    x = rnd(n)
    W = T(rnd(m, n), True)
    b = T(rnd(m), True)
    z = W @ T(x) + b
    z.retain_grad()
    f = ACTS[act]
    a = f(z)
    a.retain_grad()
    loss_of(a).backward()
    dz = z.grad.numpy()
    J = jac(lambda WW: WW @ T(x) + b.detach(), W.detach()).numpy()     # m, m, n
    r = {"ru_dzdw": all(isc(J[j, j, i], x[i]) for j in range(m) for i in range(n)),
         "ru_dLdW_T": close(np.outer(dz, x), W.grad),
         "ru_dLdb": close(dz, b.grad),
         "ru_act": close(a.grad.numpy() * dphi(f, z.detach().numpy()), dz)}
    if (m, n) == (2, 3):
        ex = np.array([[dz[0] * x[0], dz[0] * x[1], dz[0] * x[2]], [dz[1] * x[0], dz[1] * x[1], dz[1] * x[2]]])
        r["ru_ex_dW"] = close(ex, W.grad)
        r["ru_ex_db"] = close(np.array([dz[0], dz[1]]), b.grad)
    return r


def rus_conv_once(H, W, M, N, s, act):
    I = rnd(H, W)
    K = T(rnd(M, N), True)
    fwd = lambda KK: tF.conv2d(T(I)[None, None], KK[None, None], stride=s)[0, 0]   # noqa: E731
    O = fwd(K)
    O.retain_grad()
    f = ACTS[act]
    Zs = f(O)
    Zs.retain_grad()
    loss_of(Zs).backward()
    dO, Ov = O.grad.numpy(), O.detach().numpy()
    Ho, Wo = dO.shape
    J = jac(fwd, K.detach()).numpy()                                     # Ho, Wo, M, N
    r = {"ru_cv_dOdK": all(isc(J[i, j, m, n], I[i * s + m, j * s + n])
                           for i in range(Ho) for j in range(Wo) for m in range(M) for n in range(N))}
    dK = np.array([[sum(dO[i, j] * I[i * s + m, j * s + n] for i in range(Ho) for j in range(Wo))
                    for n in range(N)] for m in range(M)])
    r["ru_cv_dK"] = close(dK, K.grad)
    r["ru_cv_act"] = close(Zs.grad.numpy() * dphi(f, Ov), dO)
    if (H, W, M, N, s) == (5, 5, 3, 3, 1):
        # the example: delta_{i,j} = dL/dO[i,j] with i, j = 1..3 (dO[i-1, j-1]); I[i s + m] taken literally,
        # entries outside the input read as 0 (otherwise the row is undefined there)
        def Iat(i, j):
            return I[i, j] if (0 <= i < H and 0 <= j < W) else 0.0
        lit = np.array([[sum(dO[i - 1, j - 1] * Iat(i * s + m, j * s + n) for i in range(1, Ho + 1) for j in range(1, Wo + 1))
                         for n in range(N)] for m in range(M)])
        r["ru_cv_dK_delta"] = close(lit, K.grad)
        k00 = sum(dO[i - 1, j - 1] * I[i - 1, j - 1] for i in range(1, 4) for j in range(1, 4))
        r["ru_cv_K00"] = isc(k00, K.grad[0, 0].item())
    return r


def rus_pool_once(ph, pw):
    x = T(rnd(ph * pw), True)
    z = x.max()
    g = float(rnd())
    (g * z).backward()
    k = int(np.argmax(x.detach().numpy()))
    r = {"ru_mp": all(isc(x.grad[i].item(), g if i == k else 0.0) for i in range(ph * pw))}
    x2 = T(rnd(ph * pw), True)
    z2 = x2.sum() / (ph * pw)
    (g * z2).backward()
    r["ru_ap"] = all(isc(x2.grad[i].item(), g / (ph * pw)) for i in range(ph * pw))
    if (ph, pw) == (2, 2):
        v = rnd(2, 2)
        v[0, 1] = np.abs(v).max() + 1.0                                  # x_{01} the maximum
        X = T(v, True)
        (g * X.max()).backward()
        want = np.zeros((2, 2))
        want[0, 1] = g
        r["ru_mp_ex"] = close(want, X.grad)
        X2 = T(rnd(2, 2), True)
        (g * (X2[0, 0] + X2[0, 1] + X2[1, 0] + X2[1, 1]) / 4).backward()
        r["ru_ap_ex"] = close(np.full((2, 2), g / 4), X2.grad)
    return r


def rus():
    out = repeat(rus_fc_once, [(2, 3, "tanh"), (4, 3, "sig"), (2, 5, "tanh")])
    out.update(repeat(rus_conv_once, [(5, 5, 3, 3, 1, "tanh"), (7, 7, 3, 3, 2, "sig"), (6, 5, 2, 3, 1, "sig"), (7, 6, 3, 2, 2, "tanh")]))
    out.update(repeat(rus_pool_once, [(2, 2), (3, 2), (3, 3)]))
    return out


# ---------------------------------------------------------------- allmamun_ann_backprop_de
def ger_mlp_once(n0, n1, n2):
    """x -> z1 = W1 x + b1 -> ReLU -> z2 = W2 a1 + b2 -> y-hat = sigmoid(z2), L = (1/2) sum (y - y-hat)^2."""
    x = rnd(n0)
    W1, b1 = T(rnd(n1, n0), True), T(rnd(n1), True)
    W2, b2 = T(rnd(n2, n1), True), T(rnd(n2), True)
    z1 = W1 @ T(x) + b1
    while np.abs(z1.detach().numpy()).min() < 0.05:                     # keep away from ReLU's kink
        W1 = T(rnd(n1, n0), True)
        z1 = W1 @ T(x) + b1
    z1.retain_grad()
    a1 = torch.relu(z1)
    a1.retain_grad()
    z2 = W2 @ a1 + b2
    z2.retain_grad()
    yh = torch.sigmoid(z2)
    yh.retain_grad()
    y = rnd(n2)
    L = 0.5 * ((T(y) - yh) ** 2).sum()
    L.backward()
    yv, a1v, z1v = yh.detach().numpy(), a1.detach().numpy(), z1.detach().numpy()
    d2, d1 = z2.grad.numpy(), z1.grad.numpy()
    W2v = W2.detach().numpy()
    rp = (z1v > 0).astype(float)
    return {"de_dLdyhat": close(yv - y, yh.grad),
            "de_dsig": close(yv * (1 - yv), dphi(torch.sigmoid, z2.detach().numpy())),
            "de_delta2": close((yv - y) * yv * (1 - yv), d2) and close(yh.grad.numpy() * dphi(torch.sigmoid, z2.detach().numpy()), d2),
            "de_dW2": close(np.outer(d2, a1v), W2.grad),
            "de_da1": close(W2v.T @ d2, a1.grad),
            "de_delta1": close((W2v.T @ d2) * rp, d1),
            "de_dW1": close(np.outer(d1, x), W1.grad)}


def ger_deep_once(dims, act, m):
    f = ACTS[act]
    L_ = len(dims) - 1
    A0 = T(rnd(dims[0], m))
    Ws = [T(rnd(dims[l + 1], dims[l]), True) for l in range(L_)]
    bs = [T(rnd(dims[l + 1], 1), True) for l in range(L_)]
    As, Zs = [A0], []
    for l in range(L_):
        Z = Ws[l] @ As[-1] + bs[l]
        Z.retain_grad()
        Zs.append(Z)
        A = f(Z)
        A.retain_grad()
        As.append(A)
    loss_of(As[-1]).backward()
    D = [Z.grad.numpy() for Z in Zs]
    r = {"de_deltaL": close(As[-1].grad.numpy() * dphi(f, Zs[-1].detach().numpy()), D[-1]),
         "de_hidden": all(close((Ws[l + 1].detach().numpy().T @ D[l + 1]) * dphi(f, Zs[l].detach().numpy()), D[l])
                          for l in range(L_ - 1)),
         "de_dWl": all(close(D[l] @ As[l].detach().numpy().T, Ws[l].grad) for l in range(L_)),
         "de_batch": all(close(D[l].sum(axis=1, keepdims=True), bs[l].grad) for l in range(L_))}
    if m == 1:
        r["de_dWl"] = r["de_dWl"] and all(close(np.outer(D[l][:, 0], As[l].detach().numpy()[:, 0]), Ws[l].grad) for l in range(L_))
    return r


def ger_softmax_once(K):
    y = onehot(K)
    c = int(np.argmax(y))
    z = T(rnd(K), True)
    p = torch.softmax(z, 0)
    p.retain_grad()
    L = -(T(y) * torch.log(p)).sum()
    L.backward()
    pv, zg = p.detach().numpy(), z.grad.numpy()
    Jp = jac(lambda v: torch.softmax(v, 0), z.detach()).numpy()          # [k, j] = dp_k / dz_j
    return {"de_smce": close(pv - y, zg),
            "de_dLdp": close(-y / pv, p.grad),
            "de_jac": all(isc(Jp[k, j], pv[k] * ((k == j) - pv[j])) for k in range(K) for j in range(K)),
            "de_c": isc(zg[c], pv[c] - 1)}


def ger():
    out = repeat(ger_mlp_once, [(3, 4, 1), (2, 3, 2), (4, 2, 3)])
    out.update(repeat(ger_deep_once, [((3, 4, 2), "tanh", 1), ((2, 3, 4, 3), "sig", 1), ((3, 2, 4), "tanh", 5)]))
    out.update(repeat(ger_softmax_once, [(3,), (4,), (6,)]))
    return out


# ---------------------------------------------------------------- webmastervetea_neuron_numbers_es
def spa_sym_once():
    x1, x2, w2, bb, y = rnd(5)
    w1 = T(rnd(), True)
    z = w1 * x1 + x2 * w2 + bb
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    L = 0.5 * (y - a) ** 2
    L.backward()
    av = a.item()
    dLda, dadz, dzdw = a.grad.item(), av * (1 - av), x1
    return {"es_chain": isc(dLda * dadz * dzdw, w1.grad.item()),
            "es_dLda": isc(-(y - av), dLda),
            "es_dzdw": isc(torch.autograd.grad(w1 * x1 + x2 * w2 + bb, w1)[0].item(), x1)}


def spa():
    out = repeat(spa_sym_once, [()] * 3)
    x1, x2, w1, w2, b, y = 0.5, 1.0, 0.3, 0.7, 0.1, 0.8
    w = T(w1, True)
    z = w * x1 + w2 * x2 + b
    a = torch.sigmoid(z)
    a.retain_grad()
    L = 0.5 * (y - a) ** 2
    L.backward()
    av = a.item()
    out["es_dLda_num"] = verdict(rounded(-0.079, a.grad.item()) and isc(-(0.8 - 0.721), -0.079))
    out["es_dadz_num"] = verdict(rounded(0.201, av * (1 - av)) and rounded(0.201, 0.721 * 0.279)
                                 and isc(0.721 * (1 - 0.721), 0.721 * 0.279))
    out["es_dzdw_num"] = verdict(isc(x1, 0.5))
    out["es_grad_num"] = verdict(rounded(-0.00793, w.grad.item()))
    return out


# ---------------------------------------------------------------- saikrishna_maxpool_en
def maxp_once(H, W, k, s):
    x = T(rnd(H, W), True)
    Y = tF.max_pool2d(x[None, None], k, stride=s)[0, 0]
    G = rnd(*Y.shape)
    (T(G) * Y).sum().backward()
    xv, Yv, true = x.detach().numpy(), Y.detach().numpy(), x.grad.numpy()
    ok = True
    for m in range(H):
        for n in range(W):
            hits = [(i, j) for i in range(Yv.shape[0]) for j in range(Yv.shape[1])
                    if i * s <= m < i * s + k and j * s <= n < j * s + k and xv[m, n] == Yv[i, j]]
            v = G[hits[0]] if hits else 0.0                            # the row: one window's nabla Y
            ok &= isc(v, true[m, n])
    return {"mp_route": ok}


def maxp():
    return repeat(maxp_once, [(4, 4, 2, 2), (6, 6, 3, 3), (5, 5, 3, 1), (7, 7, 3, 2)])


# ---------------------------------------------------------------- viridi_ann_training_id
def ind_once(N):
    """2-2-1 sigmoid network without biases over N samples, epsilon = sum_k (1/2)(T - O)^2."""
    f = torch.sigmoid
    X = rnd(N, 2)
    T1 = rnd(N)
    w = T(rnd(2, 2), True)
    u = T(rnd(2), True)

    def outs(ww, uu, x):
        y1 = f(ww[0, 0] * x[0] + ww[0, 1] * x[1])
        y2 = f(ww[1, 0] * x[0] + ww[1, 1] * x[1])
        return y1, y2, f(uu[0] * y1 + uu[1] * y2)

    eps = sum(0.5 * (T1[k] - outs(w, u, T(X[k]))[2]) ** 2 for k in range(N))
    eps.backward()
    gw = w.grad.numpy()
    ok_de, ok_dek, ok_dou, ok_dow, ok_dy1, ok_dy2 = True, True, True, True, True, True
    sum_dek = np.zeros((2, 2))
    wd, ud = w.detach(), u.detach()
    dl = lambda i, j: 1.0 if i == j else 0.0   # noqa: E731  Kronecker delta (1-based indices)
    for k in range(N):
        x = X[k]
        y1, y2, O = [v.item() for v in outs(wd, ud, T(x))]
        fo = O                                    # f(u_11 y_1 + u_12 y_2) = O_1
        f1 = y1
        f2 = y2
        ww = wd.clone().requires_grad_(True)
        uu = ud.clone().requires_grad_(True)
        _, _, Ot = outs(ww, uu, T(x))
        dOdw, dOdu = torch.autograd.grad(Ot, (ww, uu))
        ww2 = wd.clone().requires_grad_(True)
        uu2 = ud.clone().requires_grad_(True)
        ek = 0.5 * (T1[k] - outs(ww2, uu2, T(x))[2]) ** 2
        dekdw, = torch.autograd.grad(ek, (ww2,))
        sum_dek += dekdw.numpy()
        for i in (1, 2):
            for j in (1, 2):
                ok_dek &= isc(dekdw[i - 1, j - 1].item(), -(T1[k] - O) * dOdw[i - 1, j - 1].item())
                wa = wd.clone().requires_grad_(True)
                ya, yb, _ = outs(wa, ud, T(x))
                dy1 = torch.autograd.grad(ya, wa, retain_graph=True)[0][i - 1, j - 1].item()
                dy2 = torch.autograd.grad(yb, wa)[0][i - 1, j - 1].item()
                ok_dy1 &= isc(dy1, f1 * (1 - f1) * (dl(i, 1) * dl(j, 1) * x[0] + dl(i, 1) * dl(j, 2) * x[1]))
                ok_dy2 &= isc(dy2, f2 * (1 - f2) * (dl(i, 2) * dl(j, 1) * x[0] + dl(i, 2) * dl(j, 2) * x[1]))
                ok_dow &= isc(dOdw[i - 1, j - 1].item(), fo * (1 - fo) * (ud[0].item() * dy1 + ud[1].item() * dy2))
        for j in (1, 2):
            ok_dou &= isc(dOdu[j - 1].item(), fo * (1 - fo) * (dl(j, 1) * y1 + dl(j, 2) * y2))
    ok_de = close(sum_dek, gw)
    return {"id_de": ok_de, "id_dek": ok_dek, "id_dou": ok_dou, "id_dow": ok_dow, "id_dy1": ok_dy1, "id_dy2": ok_dy2}


def ind():
    return repeat(ind_once, [(1,), (3,), (5,)])


# ---------------------------------------------------------------- pei_backprop_derivation_en
def pei_once(n_in, n_hid, n_out, act, l2):
    """a = W1 z_in, z = h(a), y = W2 z (identity outputs), E a drawn loss of y or the L2 loss."""
    h = ACTS[act]
    zin = rnd(n_in)
    W1 = T(rnd(n_hid, n_in), True)
    W2 = T(rnd(n_out, n_hid), True)
    a = W1 @ T(zin)
    a.retain_grad()
    z = h(a)
    z.retain_grad()
    y = W2 @ z
    y.retain_grad()
    yhat = rnd(n_out)
    E = ((y - T(yhat)) ** 2).sum() if l2 else loss_of(y)
    E.backward()
    dA, dZ, dY = a.grad.numpy(), z.grad.numpy(), y.grad.numpy()
    hp = dphi(h, a.detach().numpy())
    W2v = W2.detach().numpy()
    back = np.array([hp[j] * sum(W2v[k, j] * dY[k] for k in range(n_out)) for j in range(n_hid)])
    r = {"pe_dw": close(np.outer(dA, zin), W1.grad),
         "pe_delta": close(back, dA),
         "pe_dw2": close(np.outer(back, zin), W1.grad),
         "pe_chain3": close(np.outer(dZ * hp, zin), W1.grad),
         "pe_dEdz": close(np.array([sum(dY[k] * W2v[k, j] for k in range(n_out)) for j in range(n_hid)]), dZ),
         "pe_final": close(np.outer(hp * (W2v.T @ dY), zin), W1.grad) and close(np.outer(back, zin), W1.grad)}
    if l2 and (n_in, n_hid, n_out) == (3, 4, 2):
        yv = y.detach().numpy()
        ex = np.array([2 * (yv[0] - yhat[0]) * W2v[0, j] + 2 * (yv[1] - yhat[1]) * W2v[1, j] for j in range(n_hid)])
        r["pe_example"] = close(ex, dZ) and close(W2v.T @ (2 * (yv - yhat)), dZ)
    return r


def pei():
    return repeat(pei_once, [(3, 4, 2, "sig", True), (3, 4, 2, "tanh", False), (2, 3, 4, "sig", False), (3, 4, 2, "sig", False)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
