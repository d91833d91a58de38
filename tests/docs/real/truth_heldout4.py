"""Independent truth for the fourth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout4.py`` writes a ``*.truth.json`` sidecar beside each of the
eight documents in ``heldout4/`` (same format as truth_heldout3.py's; one README-style directive
per section), from the claims in ``heldout4/claims_table.py``.  They were transcribed and their
truth established before anything of symbp was run on them.  Each claim is evaluated literally as
written: written bounds, offsets, index base and layer labels; a written bound that reaches an
entry that does not exist refutes the claim; a sum without bounds runs over where its indexed
tensors exist; conditions written in the display (``\\quad i = j``) are honoured, a claim whose
truth depends on a condition given only in the prose before it is left out; facts the prose
states about the data (a one-hot label; one 1x3 sample, M = 1, in walkerwzy's scalar derivation)
are used.  Every claim is checked at two or more random draws; the NHWC convolution also at three
sets of sizes, the others at the sizes their document gives.  The claims and truth of
``inada_conv_stride2_pad.md`` (94 numbered displays) come from ``heldout4/inada_truth.py``.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout4"
sys.path.insert(0, str(HERE))
from truth_common import write_section_sidecars  # noqa: E402
from heldout4.claims_table import CLAIMS, INADA  # noqa: E402
from heldout4.inada_truth import INADA_DOC, inada, inada_claims, inada_displays  # noqa: E402

RNG = np.random.default_rng(41)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def rnd(*shape):
    return RNG.standard_normal(shape)


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), requires_grad=grad)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


def close(a, b) -> bool:
    a = np.asarray(a.detach() if torch.is_tensor(a) else a, dtype=float)
    b = np.asarray(b.detach() if torch.is_tensor(b) else b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-10))


def collect(res: dict, part: dict) -> None:
    for k, v in part.items():
        res.setdefault(k, []).append(bool(v))


def all_true(res: dict) -> dict:
    return {k: verdict(all(v)) for k, v in res.items()}


# ------------------------------------------------------------ ghblog: NHWC conv, 1-based, channels, batch
def conv_nhwc(x, w, b):
    """z_{n,i,j,f} = sum_{m,q,d} x_{n,i+m-1,j+q-1,d} w(f)_{m,q,d} + b(f): x (N,H,W,D), w (F,Hk,Wk,D)."""
    return torch.nn.functional.conv2d(x.permute(0, 3, 1, 2), w.permute(0, 3, 1, 2), b).permute(0, 2, 3, 1)


def ghblog_conv_once(N, H, W, D, Hk, Wk, Do):
    x, w, b = T(rnd(N, H, W, D), True), T(rnd(Do, Hk, Wk, D), True), T(rnd(Do), True)
    z = conv_nhwc(x, w, b)
    Ho, Wo = H - Hk + 1, W - Wk + 1
    assert z.shape == (N, Ho, Wo, Do)
    xn, wn, bn = x.detach().numpy(), w.detach().numpy(), b.detach().numpy()
    # the layout really is the post's forward (0-based storage of the 1-based indices)
    zl = np.array([[[[sum(xn[n, i + m, j + q, d] * wn[f, m, q, d] for m in range(Hk) for q in range(Wk)
                          for d in range(D)) + bn[f] for f in range(Do)] for j in range(Wo)] for i in range(Ho)]
                   for n in range(N)])
    assert close(z, zl)
    G = rnd(*z.shape)                                   # dL/dz^{l+1}: L = sum(G * z)
    (z * T(G)).sum().backward()
    t = {}
    Jw = jac(lambda ww: conv_nhwc(x.detach(), ww, b.detach()), w.detach()).numpy()   # (N,Ho,Wo,Do, Do,Hk,Wk,D)
    chain = np.array([[[[sum(G[n, a, bb, f] * Jw[n, a, bb, f, f, i, j, c] for n in range(N) for a in range(Ho)
                             for bb in range(Wo)) for c in range(D)] for j in range(Wk)] for i in range(Hk)]
                      for f in range(Do)])
    t["g_dW_chain"] = close(chain, w.grad)

    def reaches_outside():                              # sums m = 1..Hk, n = 1..Wk over z_{n,i-m+1,j-n+1,d}
        return any(not (1 <= i - m + 1 <= Ho and 1 <= j - q + 1 <= Wo)
                   for i in range(1, H + 1) for j in range(1, W + 1)
                   for m in range(1, Hk + 1) for q in range(1, Wk + 1))

    def dx_zero_outside():                              # the same sums with zeros outside z (what is meant)
        out = np.zeros((N, H, W, D))
        for n, i, j, f in np.ndindex(N, H, W, D):
            out[n, i, j, f] = sum(G[n, i - m, j - q, d] * wn[d, m, q, f] for m in range(Hk) for q in range(Wk)
                                  for d in range(Do) if 0 <= i - m < Ho and 0 <= j - q < Wo)
        return out
    # literally, n is also rebound by \sum_{n=1}^{W_k}: the example index of z would run to W_k > N
    literal_batch_out = Wk > N
    outside = reaches_outside() or literal_batch_out
    assert close(dx_zero_outside(), x.grad)             # right only with zeros outside: the written bounds refute
    t["g_dx_chain"] = t["g_dx_final"] = not outside
    # delta through the activation of the layer below: x^l = tanh(z^l)
    zp = T(rnd(N, H, W, D), True)
    xl = torch.tanh(zp)
    xl.retain_grad()
    (conv_nhwc(xl, w.detach(), b.detach()) * T(G)).sum().backward()
    dact = jac(lambda u: torch.tanh(u), zp.detach()).numpy().reshape(N * H * W * D, N * H * W * D).diagonal()
    t["g_dz_r1"] = close(zp.grad.numpy().ravel(), xl.grad.numpy().ravel() * dact)
    t["g_dz_r2"] = not outside and close(zp.grad.numpy().ravel(), dact * dx_zero_outside().ravel())

    # dz/dw through the forward written as the post's bracket (plain loops, torch for the derivative)
    def bracket(ww):
        return torch.stack([torch.stack([torch.stack([torch.stack([
            sum(x.detach()[n, a + m, bb + q, d] * ww[f, m, q, d] for m in range(Hk) for q in range(Wk) for d in range(D))
            + b.detach()[f] for f in range(Do)]) for bb in range(Wo)]) for a in range(Ho)]) for n in range(N)])
    t["g_dzdw_r1"] = close(jac(bracket, w.detach()), Jw)
    t["g_dzdw_r2"] = all(np.isclose(Jw[n, a, bb, f, f, i, j, c], xn[n, a + i, bb + j, c])
                         for n, a, bb, f, i, j, c in np.ndindex(N, Ho, Wo, Do, Hk, Wk, D))
    final = np.array([[[[sum(G[n, a, bb, f] * xn[n, a + i, bb + j, c] for n in range(N) for a in range(Ho)
                             for bb in range(Wo)) for c in range(D)] for j in range(Wk)] for i in range(Hk)]
                      for f in range(Do)])
    t["g_dW_final"] = close(final, w.grad)
    return t


def ghblog_conv():
    res = {}
    for sizes in ((2, 4, 5, 2, 2, 3, 3), (1, 3, 3, 1, 2, 2, 2), (3, 4, 4, 2, 2, 2, 2)):
        collect(res, ghblog_conv_once(*sizes))
    return all_true(res)


# ------------------------------------------------------------ ThirstyScholar: two-layer net, matrices
def thirstyscholar_once(N=2, D=3, Hn=4, O=2):
    X, W1, b1 = T(rnd(N, D), True), T(rnd(D, Hn), True), T(rnd(Hn), True)
    W2, b2 = T(rnd(Hn, O), True), T(rnd(O), True)
    Y1 = X @ W1 + b1
    H1 = torch.tanh(Y1)
    yh = H1 @ W2 + b2
    for v in (Y1, H1, yh):
        v.retain_grad()
    G = T(rnd(N, O))
    L = (G * yh).sum() + (yh ** 3).sum() / 3                 # any differentiable loss
    L.backward()
    dy = yh.grad.numpy()
    Hd, W2d, W1d, Xd = H1.detach(), W2.detach(), W1.detach(), X.detach()
    J_H = jac(lambda h: h @ W2d + b2.detach(), Hd).numpy()          # (N,O,N,Hn)
    J_W = jac(lambda w: Hd @ w + b2.detach(), W2d).numpy()          # (N,O,Hn,O)
    J_b = jac(lambda bb: Hd @ W2d + bb, b2.detach()).numpy()        # (N,O,O)
    J_Y = jac(torch.tanh, Y1.detach()).numpy()                      # (N,Hn,N,Hn)
    t = {}
    dH = np.array([[sum(dy[m, n] * J_H[m, n, i, j] for m in range(N) for n in range(O)) for j in range(Hn)]
                   for i in range(N)])
    dot = np.array([[float(np.sum(dy * J_H[:, :, i, j])) for j in range(Hn)] for i in range(N)])
    t["t_dH_dot"] = close(dH, H1.grad) and close(dot, H1.grad)
    t["t_dH_bcast"] = close(dot, H1.grad)
    W2n = W2d.numpy()
    t["t_dH_r4"] = close([[sum(dy[i, n] * W2n.T[n, j] for n in range(O)) for j in range(Hn)] for i in range(N)], H1.grad)
    t["t_dH_r5"] = t["t_dH_box"] = close(dy @ W2n.T, H1.grad)
    t["t_dW2_r1"] = close([[sum(dy[m, n] * J_W[m, n, i, j] for m in range(N) for n in range(O)) for j in range(O)]
                           for i in range(Hn)], W2.grad)
    Hn_ = Hd.numpy()
    t["t_dW2_r4"] = close([[sum(Hn_.T[i, m] * dy[m, j] for m in range(N)) for j in range(O)] for i in range(Hn)], W2.grad)
    t["t_dW2_r5"] = t["t_dW2_box"] = close(Hn_.T @ dy, W2.grad)
    t["t_db2_r1"] = close([sum(dy[m, n] * J_b[m, n, j] for m in range(N) for n in range(O)) for j in range(O)], b2.grad)
    t["t_db2_box"] = close(dy.sum(axis=0), b2.grad)
    dHg = H1.grad.numpy()
    t["t_dY_r1"] = close([[sum(dHg[m, n] * J_Y[m, n, i, j] for m in range(N) for n in range(Hn)) for j in range(Hn)]
                          for i in range(N)], Y1.grad)
    t["t_dY_r2"] = close([[dHg[i, j] * J_Y[i, j, i, j] for j in range(Hn)] for i in range(N)], Y1.grad)
    Yn = Y1.detach().numpy()
    fprime = np.zeros((N, Hn))                                     # f'(Y^1_ij) of f = tanh, by autograd
    for i, j in np.ndindex(N, Hn):
        s = T(Yn[i, j], True)
        torch.tanh(s).backward()
        fprime[i, j] = float(s.grad)
    t["t_dY_r3"] = close(dHg * fprime, Y1.grad)
    dY1 = Y1.grad.numpy()
    t["t_dX_box"] = close(dY1 @ W1d.numpy().T, X.grad)
    t["t_dW1_box"] = close(Xd.numpy().T @ dY1, W1.grad)
    t["t_db1_box"] = close(dY1.sum(axis=0), b1.grad)
    # the MSE loss L = 1/N sum (yh - y)^2
    y = rnd(N, O)
    yv = T(yh.detach().numpy(), True)
    (((yv - T(y)) ** 2).sum() / N).backward()
    one_term = np.zeros((N, O))
    for i, j in np.ndindex(N, O):
        u = T(yh.detach().numpy()[i, j], True)
        (((u - y[i, j]) ** 2) / N).backward()
        one_term[i, j] = float(u.grad)
    t["t_mse_r3"] = close(one_term, yv.grad)
    t["t_mse_r4"] = close([[2 / N * (yh.detach().numpy()[i, j] - y[i, j]) for j in range(O)] for i in range(N)], yv.grad)
    t["t_mse_r5"] = close(2 / N * (yh.detach().numpy() - y), yv.grad)
    return t


def thirstyscholar():
    res = {}
    for _ in range(3):
        collect(res, thirstyscholar_once())
    return all_true(res)


# ------------------------------------------------------------ The Clever Machine: one hidden layer, scalars
def clevermachine_backprop_once(I=3, J=4, K=2):
    ai, wij, bj = T(rnd(I)), T(rnd(I, J), True), T(rnd(J), True)
    wjk, bk, tk = T(rnd(J, K), True), T(rnd(K), True), T(rnd(K))

    def hidden(w_ij):
        return torch.tanh(bj.detach() + ai @ w_ij)                  # a_j = g_j(z_j), g_j = tanh

    def out_z(a_j, w_jk):
        return bk.detach() + a_j @ w_jk                             # z_k = b_k + sum_j a_j w_jk

    zj = bj + ai @ wij
    aj = torch.tanh(zj)
    zk = bk + aj @ wjk
    ak = torch.sigmoid(zk)                                          # a_k = g_k(z_k), g_k = sigmoid
    E = 0.5 * ((ak - tk) ** 2).sum()
    E.backward()
    ajn, akn, tkn, zjn, zkn = aj.detach().numpy(), ak.detach().numpy(), tk.numpy(), zj.detach().numpy(), zk.detach().numpy()
    wjkn, ain = wjk.detach().numpy(), ai.numpy()
    gk = np.array([float(torch.autograd.grad(torch.sigmoid(v := T(zkn[k], True)), v)[0]) for k in range(K)])
    gj = np.array([float(torch.autograd.grad(torch.tanh(v := T(zjn[j], True)), v)[0]) for j in range(J)])
    e, dk = akn - tkn, (akn - tkn) * gk
    dj = gj * (wjkn @ dk)
    Ja_wjk = jac(lambda w: torch.sigmoid(out_z(aj.detach(), w)), wjk.detach()).numpy()   # (K, J, K)
    Jz_wjk = jac(lambda w: out_z(aj.detach(), w), wjk.detach()).numpy()
    Ja_wij = jac(lambda w: torch.sigmoid(out_z(hidden(w), wjk.detach())), wij.detach()).numpy()   # (K, I, J)
    Jz_wij = jac(lambda w: out_z(hidden(w), wjk.detach()), wij.detach()).numpy()
    Jzk_aj = jac(lambda a: out_z(a, wjk.detach()), aj.detach()).numpy()                 # (K, J)
    Jaj_wij = jac(hidden, wij.detach()).numpy()                                         # (J, I, J)
    Jzj_wij = jac(lambda w: bj.detach() + ai @ w, wij.detach()).numpy()                 # (J, I, J)
    gw2, gb2, gw1 = wjk.grad.numpy(), bk.grad.numpy(), wij.grad.numpy()
    t = {}
    En = float(E.detach())                                           # rows 1 of eqs. 2 and 9 equate the gradient with E
    t["c_eq2_r1"] = bool(np.allclose(gw2, En))
    t["c_eq9_r1"] = bool(np.allclose(gw1, En))
    row = np.array([[e[k] * Ja_wjk[k, j, k] for k in range(K)] for j in range(J)])
    t["c_eq2_r2"] = t["c_eq3_r1"] = t["c_eq3_r2"] = close(row, gw2)
    t["c_eq3_r3"] = close([[e[k] * gk[k] * Jz_wjk[k, j, k] for k in range(K)] for j in range(J)], gw2)
    t["c_eq4"] = close([[e[k] * gk[k] * ajn[j] for k in range(K)] for j in range(J)], gw2)
    t["c_eq6"] = close([[dk[k] * ajn[j] for k in range(K)] for j in range(J)], gw2)
    t["c_eq8_r1"] = close(e * gk * 1, gb2)
    t["c_eq8_r2"] = close(dk, gb2)
    t["c_eq9_r2"] = t["c_eq10_r1"] = close([[sum(e[k] * Ja_wij[k, i, j] for k in range(K)) for j in range(J)]
                                           for i in range(I)], gw1)
    t["c_eq10_r2"] = close([[sum(e[k] * gk[k] * Jz_wij[k, i, j] for k in range(K)) for j in range(J)]
                            for i in range(I)], gw1)
    lhs = Jz_wij                                                                          # dz_k/dw_ij, (K, I, J)
    rows = {
        "c_eq12_r1": [[[Jzk_aj[k, j] * Jaj_wij[j, i, j] for j in range(J)] for i in range(I)] for k in range(K)],
        "c_eq12_r3": [[[wjkn[j, k] * Jaj_wij[j, i, j] for j in range(J)] for i in range(I)] for k in range(K)],
        "c_eq12_r5": [[[wjkn[j, k] * gj[j] * Jzj_wij[j, i, j] for j in range(J)] for i in range(I)] for k in range(K)],
        "c_eq12_r6": [[[wjkn[j, k] * gj[j] * ain[i] for j in range(J)] for i in range(I)] for k in range(K)],
    }
    for key, val in rows.items():
        t[key] = close(val, lhs)
    t["c_eq12_r2"] = t["c_eq12_r1"] and close(Jzk_aj, wjkn.T)       # d/da_j (b_k + sum_j a_j w_jk) = w_jk
    Jg_wij = jac(lambda w: torch.tanh(bj.detach() + ai @ w), wij.detach()).numpy()      # d g_j(z_j) / dw_ij
    t["c_eq12_r4"] = close([[[wjkn[j, k] * Jg_wij[j, i, j] for j in range(J)] for i in range(I)] for k in range(K)], lhs)
    t["c_eq12_r7"] = t["c_eq12_r6"]
    t["c_eq13_r1"] = close([[sum(e[k] * gk[k] * wjkn[j, k] for k in range(K)) * gj[j] * ain[i] for j in range(J)]
                            for i in range(I)], gw1)
    t["c_eq13_r2"] = close([[sum(dk[k] * wjkn[j, k] for k in range(K)) * gj[j] * ain[i] for j in range(J)]
                            for i in range(I)], gw1)
    t["c_eq15"] = close([[dj[j] * ain[i] for j in range(J)] for i in range(I)], gw1)
    return t


def clevermachine_backprop():
    res = {}
    for _ in range(3):
        collect(res, clevermachine_backprop_once())
    return all_true(res)


# ------------------------------------------------------------ The Clever Machine: sigmoid and tanh
def clevermachine_activations():
    z = T(np.linspace(-3, 3, 13), True)
    torch.sigmoid(z).sum().backward()
    ds = z.grad.numpy()
    z2 = T(np.linspace(-3, 3, 13), True)
    torch.tanh(z2).sum().backward()
    dt = z2.grad.numpy()
    v = np.linspace(-3, 3, 13)
    e, g = np.exp(-v), 1 / (1 + np.exp(-v))
    sh, ch, th = np.sinh(v), np.cosh(v), np.tanh(v)
    zz = T(v, True)                                                  # d/dz (1/(1+e^{-z})) written out, by autograd
    (1 / (1 + torch.exp(-zz))).sum().backward()
    zq = T(v, True)                                                  # d/dz (sinh/cosh)
    (torch.sinh(zq) / torch.cosh(zq)).sum().backward()
    t = {
        "s_r1": close(zz.grad, ds), "s_r2": close(e / (1 + e) ** 2, ds), "s_r3": close((1 + e - 1) / (1 + e) ** 2, ds),
        "s_r4": close((1 + e) / (1 + e) ** 2 - (1 / (1 + e)) ** 2, ds), "s_r5": close(1 / (1 + e) - (1 / (1 + e)) ** 2, ds),
        "s_r6": close(g - g ** 2, ds), "s_r7": close(g * (1 - g), ds),
        "h_r1": close(zq.grad, dt), "h_r2": close((ch * ch - sh * sh) / ch ** 2, dt),
        "h_r3": close((ch ** 2 - sh ** 2) / ch ** 2, dt), "h_r4": close(1 - sh ** 2 / ch ** 2, dt),
        "h_r5": close(1 - th ** 2, dt),
    }
    return {k: verdict(x) for k, x in t.items()}


# ------------------------------------------------------------ 553668.com: softmax + cross-entropy
def site553668():
    res = {}
    C = 3
    for y in (np.eye(C)[1], np.eye(C)[0], np.abs(rnd(C))):          # one-hot labels, and a general y
        onehot = np.isclose(y.sum(), 1) and set(np.round(y, 12)) <= {0.0, 1.0}
        o = T(rnd(C), True)
        p = torch.softmax(o, 0)
        (-(T(y) * torch.log(p)).sum()).backward()
        g, pn = o.grad.numpy(), p.detach().numpy()
        Jp = jac(lambda u: torch.softmax(u, 0), o.detach()).numpy()          # Jp[j, i] = dp_j / do_i
        Jl = jac(lambda u: torch.log(torch.softmax(u, 0)), o.detach()).numpy()
        part = {
            "p_dp_eq": all(np.isclose(Jp[i, i], pn[i] * (1 - pn[i])) for i in range(C)),
            "p_dp_ne": all(np.isclose(Jp[j, i], -pn[i] * pn[j]) for i in range(C) for j in range(C) if i != j),
            "p_r1": close([-sum(y[k] * Jl[k, i] for k in range(C)) for i in range(C)], g),
            "p_r2": close([-sum(y[k] / pn[k] * Jp[k, i] for k in range(C)) for i in range(C)], g),
            "p_r3": close([-y[i] * (1 - pn[i]) - sum(y[k] / pn[k] * (-pn[k] * pn[i]) for k in range(C) if k != i)
                           for i in range(C)], g),
            "p_r4": close([-y[i] + y[i] * pn[i] + sum(y[k] * pn[i] for k in range(C) if k != i) for i in range(C)], g),
            "p_r5": close([pn[i] * y.sum() - y[i] for i in range(C)], g),
        }
        if onehot:                                                   # the prose: y has one non-zero element, 1
            part["p_final"] = close(pn - y, g)
        else:
            assert not close(pn - y, g)                              # it needs the one-hot label
        collect(res, part)
    return all_true(res)


# ------------------------------------------------------------ walkerwzy (Chinese): softmax + CE, \delta
def walkerwzy():
    res = {}
    for Tl in (np.array([0.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0]), np.array([0.2, 0.5, 0.3])):
        M = 1                                                        # one 1x3 sample, as the text sets up
        y = T(rnd(3), True)
        P = torch.softmax(y, 0)
        L = -(1 / M) * (T(Tl) * torch.log(P)).sum()
        L.backward()
        g1, Pn = float(y.grad[0]), P.detach().numpy()
        S = float(torch.exp(y.detach()).sum())
        ey = np.exp(y.detach().numpy())
        Pv = T(Pn, True)                                             # L as a function of P
        (-(1 / M) * (T(Tl) * torch.log(Pv)).sum()).backward()
        dLdP = Pv.grad.numpy()
        JP = jac(lambda u: torch.softmax(u, 0), y.detach()).numpy()  # JP[k, 0] = dP_k / dy_1
        part = {
            "w_chain": np.isclose(sum(dLdP[k] * JP[k, 0] for k in range(3)), g1),
            "w_dLdP1": np.isclose(dLdP[0], -Tl[0] / Pn[0]),
            "w_dP1_r2": np.isclose(1 / S * ey[0] + ey[0] * (-1 / S ** 2) * ey[0], JP[0, 0]),
            "w_dP1_r3": np.isclose(Pn[0] - Pn[0] ** 2, JP[0, 0]),
            "w_dP1_r4": np.isclose(Pn[0] * (1 - Pn[0]), JP[0, 0]),
            "w_prod1_r1": np.isclose(-Tl[0] / Pn[0] * Pn[0] * (1 - Pn[0]), dLdP[0] * JP[0, 0]),
            "w_prod1_r2": np.isclose(Tl[0] * (Pn[0] - 1), dLdP[0] * JP[0, 0]),
            "w_dLdP2": np.isclose(dLdP[1], -Tl[1] / Pn[1]),
            "w_dP2_r2": np.isclose(ey[1] * (-1 / S ** 2) * ey[0], JP[1, 0]),
            "w_dP2_r3": np.isclose(-Pn[1] * Pn[0], JP[1, 0]),
            "w_prod2_r1": np.isclose(-Tl[1] / Pn[1] * -Pn[1] * Pn[0], dLdP[1] * JP[1, 0]),
            "w_prod2_r2": np.isclose(Tl[1] * Pn[0], dLdP[1] * JP[1, 0]),
            "w_prod3_r1": np.isclose(-Tl[2] / Pn[2] * -Pn[2] * Pn[0], dLdP[2] * JP[2, 0]),
            "w_prod3_r2": np.isclose(Tl[2] * Pn[0], dLdP[2] * JP[2, 0]),
            "w_sum_r2": np.isclose(Tl[0] * (Pn[0] - 1) + Tl[1] * Pn[0] + Tl[2] * Pn[0], g1),
            "w_sum_r3": np.isclose(Tl[0] * Pn[0] - Tl[0] + Tl[1] * Pn[0] + Tl[2] * Pn[0], g1),
            "w_sum_r4": np.isclose(Pn[0] * Tl.sum() - Tl[0], g1),
            "w_sum_r5": np.isclose(Pn[0] - Tl[0], g1),
            "w_batch": np.isclose(1 / M * (Pn[0] - Tl[0]), g1),
        }
        collect(res, part)
        # with the loss's 1/M kept for M = 2 the batch row still holds (and the rows above lack 1/M)
        yb = T(y.detach().numpy(), True)
        (-(1 / 2) * (T(Tl) * torch.log(torch.softmax(yb, 0))).sum()).backward()
        assert np.isclose(float(yb.grad[0]), (Pn[0] - Tl[0]) / 2)
    return all_true(res)


# ------------------------------------------------------------ heiqu (Chinese): softmax Jacobian
def heiqu():
    res = {}
    for C in (3, 4):
        z = T(rnd(C))
        Je = jac(torch.exp, z).numpy()
        Jy = jac(lambda u: torch.softmax(u, 0), z).numpy()
        y = torch.softmax(z, 0).numpy()
        ez = np.exp(z.numpy())
        collect(res, {
            "q_cases": all(np.isclose(Je[i, j], ez[i] if i == j else 0.0) for i in range(C) for j in range(C)),
            "q_13": all(np.isclose(Jy[i, j], float(i == j) * y[i] - y[i] * y[j]) for i in range(C) for j in range(C)),
        })
    return all_true(res)


def check_order(doc: str, claims) -> None:
    """Each claim's fragment must first occur after the previous claim's (claims are listed in
    document order), so the first row a scorer finds for it is the intended one."""
    text = (FOLDER / doc).read_text(encoding="utf-8").replace("&", "")
    last = -1
    for cid, match, _ in claims:
        at = text.find(match)
        assert at > last, (doc, cid, "out of order or not found")
        last = at


def main():
    dirs_inada, excluded_inada = INADA
    shown = inada_displays()
    table = dict(CLAIMS)
    table[INADA_DOC] = ("inada", inada_claims(), dirs_inada,
                        [(shown[n - 1].strip(), why) for n, why in sorted(excluded_inada.items())])
    for doc, (_, claims, _, _) in table.items():
        check_order(doc, claims)
    write_section_sidecars({doc: (inada if fn == "inada" else globals()[fn], claims, dirs, excluded)
                            for doc, (fn, claims, dirs, excluded) in table.items()}, FOLDER)


if __name__ == "__main__":
    main()
