"""Independent truth for the sixteenth held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout16.py`` writes the ``*.truth.json`` sidecars of ``heldout16/``,
by the method and in the format of ``truth_heldout12.py`` (its docstring says how claims, sizes,
draws and worked numbers are judged).  Written before anything of symbp was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout16"
sys.path.insert(0, str(HERE))
from truth_common import (isc, onehot_of, dphi, rounded, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report, write_section_sidecars)
from heldout16.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(1616)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional

onehot = onehot_of(RNG)


# ---------------------------------------------------------------- wintertee_re0_cnn_fr
def win_neuron_once():
    r = {"n_13": True, "n_14": True, "n_15": True}
    for phi in (torch.tanh, torch.sigmoid, F.softplus):
        x, w, b = (T(v, True) for v in rnd(3))
        z = w * x + b
        a = phi(z)
        gx, gw, gb = torch.autograd.grad(a, (x, w, b))
        dp = dphi(phi, z.item())
        r["n_13"] &= isc(dp * w.item(), gx.item())
        r["n_14"] &= isc(dp * x.item(), gw.item())
        r["n_15"] &= isc(dp * 1, gb.item())
    zs = rnd(11)
    r["r_prime"] = close(np.where(zs >= 0, 1.0, 0.0), dphi(torch.relu, zs))
    return r


def win_softmax_once(q):
    z = rnd(q)
    e, S = np.exp(z), np.exp(z).sum()
    phi = e / S
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()           # J[i, j] = dphi_i/dz_j
    diag = range(q)
    off = [(i, j) for i in range(q) for j in range(q) if i != j]
    r = {"s_d1": all(isc((e[i] * S - e[i] * e[i]) / S ** 2, J[i, i]) for i in diag),
         "s_d2": all(isc(e[i] / S * ((S - e[i]) / S), J[i, i]) for i in diag),
         "s_d3": all(isc(phi[i] * (1 - phi[i]), J[i, i]) for i in diag),
         "s_o1": all(isc((0 - e[j] * e[i]) / S ** 2, J[i, j]) for i, j in off),
         "s_o2": all(isc(-e[j] / S * e[i] / S, J[i, j]) for i, j in off),
         "s_o3": all(isc(-phi[j] * phi[i], J[i, j]) for i, j in off)}
    cases = np.array([[phi[i] * (1 - phi[j]) if i == j else -phi[j] * phi[i] for j in range(q)] for i in range(q)])
    r["s_cases"] = close(cases, J)
    # cross-entropy through the softmax
    y = onehot(q)
    zt = T(z, True)
    a = torch.softmax(zt, 0)
    H = -(T(y) * torch.log(a)).sum()
    g = torch.autograd.grad(H, zt)[0].numpy()
    Jlog = jac(lambda v: torch.log_softmax(v, 0), T(z)).numpy()     # dlog a_j/dz_i = Jlog[j, i]
    an = phi
    r["c_1"] = close(np.array([-sum(y[j] * Jlog[j, i] for j in range(q)) for i in range(q)]), g)
    r["c_2"] = close(np.array([-sum(y[j] * J[j, i] / an[j] for j in range(q)) for i in range(q)]), g)
    r["c_3"] = close(np.array([-y[i] * an[i] * (1 - an[i]) / an[i]
                               - sum(y[j] * (-an[i] * an[j]) / an[j] for j in range(q) if j != i) for i in range(q)]), g)
    r["c_4"] = close(np.array([-y[i] * (1 - an[i]) + sum(y[j] * an[i] for j in range(q) if j != i) for i in range(q)]), g)
    r["c_5"] = close(np.array([-y[i] + an[i] * y.sum() for i in range(q)]), g)
    r["c_6"] = close(an - y, g)
    return r


def win_conv_once(N, n):
    """z_{i,j} = sum_{a,b} x_{i+a-1,j+b-1} w_{a,b} + b (1-based), a = tanh(z), H a loss of a."""
    x, w, b = T(rnd(N, N), True), T(rnd(n, n), True), T(rnd(1), True)
    z = F.conv2d(x[None, None], w[None, None], b)[0, 0]
    z.retain_grad()
    a = torch.tanh(z)
    loss_of(a).backward()
    gx, gw, gb, gz = x.grad.numpy(), w.grad.numpy(), b.grad.numpy()[0], z.grad.numpy()
    an = a.detach().numpy()
    M = N - n + 1
    delta = gx                                                        # delta_{i,j} = dH/dx_{i,j}, as defined
    eta = np.zeros((n, n))
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            eta[i - 1, j - 1] = sum(delta[m - 1, k - 1] * an[i + m - 1, j + k - 1]
                                    for m in range(1, N + 1) for k in range(1, N + 1)
                                    if i + m <= M and j + k <= M)
    assert isc(gz.sum(), gb)                                          # dH/db, one bias per filter
    xn = x.detach().numpy()
    right = np.array([[sum(gz[m - 1, k - 1] * xn[i + m - 2, j + k - 2] for m in range(1, M + 1) for k in range(1, M + 1))
                       for j in range(1, n + 1)] for i in range(1, n + 1)])
    assert close(right, gw)                                           # the machinery: the right sum holds
    return {"v_eta": close(eta, gw), "v_b": isc(delta.sum(), gb)}


def win():
    res = repeat(win_neuron_once, [()])
    res.update(repeat(win_softmax_once, [(3,), (4,)]))
    res.update(repeat(win_conv_once, [(5, 3), (4, 2)]))
    return res


# ---------------------------------------------------------------- itskyf_paraprop_conv_vi
def its_head_once(K, H, W):
    """a (K, H, W) -> z = spatial mean -> p = softmax(z); l = -sum y log p (one sample)."""
    a = T(rnd(K, H, W), True)
    z = a.mean(dim=(1, 2))
    z.retain_grad()
    y = onehot(K)
    l = -(T(y) * torch.log_softmax(z, 0)).sum()
    l.backward()
    p = torch.softmax(z.detach(), 0).numpy()
    dz = z.grad.numpy()
    return {"v_dz": close(p - y, dz),
            "v_gap": close(np.broadcast_to(dz[:, None, None] / (H * W), (K, H, W)), a.grad)}


def its_conv_once(Cin, Cout, Hin, K, s):
    X, w, b = T(rnd(Cin, Hin, Hin), True), T(rnd(Cout, Cin, K, K), True), T(rnd(Cout), True)
    Y = F.conv2d(X[None], w, b, stride=s)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    d, gX, gw, gb = Y.grad.numpy(), X.grad.numpy(), w.grad.numpy(), b.grad.numpy()
    Xn, wn = X.detach().numpy(), w.detach().numpy()
    Ho = Y.shape[1]
    r = {"v_b": close(d.sum(axis=(1, 2)), gb)}
    claimed_w = np.array([[[[sum(d[co, h, q] * Xn[ci, h * s + m, q * s + n] for h in range(Ho) for q in range(Ho))
                             for n in range(K)] for m in range(K)] for ci in range(Cin)] for co in range(Cout)])
    r["v_w"] = close(claimed_w, gw)
    D = (Ho - 1) * s + 1
    dil = np.zeros((Cout, D, D))
    dil[:, ::s, ::s] = d                                             # (s-1) zeros between entries
    ok, exists = True, True
    zero_fill = np.zeros_like(gX)
    for ci in range(Cin):
        for h in range(Hin):
            for q in range(Hin):
                tot = 0.0
                for co in range(Cout):
                    for m in range(K):
                        for n in range(K):
                            if h + m < D and q + n < D:
                                tot += dil[co, h + m, q + n] * wn[co, ci, K - 1 - m, K - 1 - n]
                            else:
                                exists = False                      # the entry the row asks for is absent
                zero_fill[ci, h, q] = tot
    ok = exists and close(zero_fill, gX)
    assert not close(zero_fill, gX)                                  # wrong even with absent entries read as 0
    # the machinery: with K-1 zeros around the dilated map the shifted sum is right
    pad = np.pad(dil, ((0, 0), (K - 1, K - 1), (K - 1, K - 1)))
    right = np.array([[[sum(pad[co, h + m, q + n] * wn[co, ci, K - 1 - m, K - 1 - n]
                            for co in range(Cout) for m in range(K) for n in range(K))
                        for q in range(Hin)] for h in range(Hin)] for ci in range(Cin)])
    if (Hin - K) % s == 0:
        assert close(right, gX)
    r["v_x"] = ok
    return r


def its_silu_once(n):
    u = rnd(n)
    ut = T(u, True)
    out = F.silu(ut)
    g_out = rnd(n)
    (T(g_out) * out).sum().backward()
    g = 1 / (1 + np.exp(-u))
    return {"v_silu": close(g + u * g * (1 - g), dphi(F.silu, u)),
            "v_din": close(g_out * (g + u * g * (1 - g)), ut.grad)}


def its_full_once(N, n_in, K):
    Wt = T(rnd(K, n_in), True)
    X, Y = rnd(N, n_in), [onehot(K) for _ in range(N)]
    per = []
    for i in range(N):
        li = -(T(Y[i]) * torch.log_softmax(Wt @ T(X[i]), 0)).sum()
        per.append(torch.autograd.grad(li, Wt)[0].numpy())
    L = sum(-(T(Y[i]) * torch.log_softmax(Wt @ T(X[i]), 0)).sum() for i in range(N)) / N
    gL = torch.autograd.grad(L, Wt)[0].numpy()
    return {"v_full": close(sum(per) / N, gL)}


def its():
    res = repeat(its_head_once, [(3, 4, 4), (4, 2, 3)])
    res.update(repeat(its_conv_once, [(2, 3, 7, 3, 2), (2, 3, 5, 3, 1), (1, 2, 6, 2, 2)]))
    res.update(repeat(its_silu_once, [(5,)]))
    res.update(repeat(its_full_once, [(4, 3, 3), (2, 2, 4)]))
    return res


# ---------------------------------------------------------------- ueda_robot_vision_cnn_ja
def ued_once(k, m):
    x = rnd(m)
    yp = onehot(k)
    Wt = T(rnd(k, m), True)
    f = torch.softmax(Wt @ T(x), 0)
    L = -(T(yp) * torch.log(f)).sum()
    gW = torch.autograd.grad(L, Wt)[0].numpy()
    fn = f.detach().numpy()
    Jf = jac(lambda W: torch.softmax(W @ T(x), 0), T(Wt.detach().numpy())).numpy()   # df_i/dW_pq
    claimed = np.einsum("ipq,i->pq", Jf, yp / fn)
    r = {"c_grad": close(claimed, gW)}
    assert close(-claimed, gW)                                        # the row is -dL/dw
    z = rnd(k)
    e = np.exp(z)
    S = e.sum()
    y = e / S
    J = jac(lambda v: torch.softmax(v, 0), T(z)).numpy()              # J[i, j] = df_i/dx_j
    r["s_ii"] = all(isc(e[i] / S - e[i] / S ** 2 * e[i], J[i, i]) and isc(y[i] - y[i] ** 2, J[i, i]) for i in range(k))
    r["s_ij"] = all(isc(-e[i] / S ** 2 * e[j], J[i, j]) and isc(-y[i] * y[j], J[i, j])
                    for i in range(k) for j in range(k) if i != j)
    ep = yp / y
    M = np.array([[y[i] - y[i] ** 2 if i == j else -y[i] * y[j] for j in range(k)] for i in range(k)])
    r["s_mat"] = close(J.T @ ep, M @ ep)
    r["s_r2"] = close(J.T @ ep, yp - y * yp.sum())
    r["s_r3"] = close(J.T @ ep, yp - y)
    n = m
    xv, wv, ey = rnd(n), rnd(n), rnd(1)[0]
    r["v_send"] = close(xv, wv * ey)
    xt = T(xv, True)
    yv = (T(wv) * xt).sum() + 0.3
    assert close(torch.autograd.grad(yv * ey, xt)[0], wv * ey)        # the errors sent: w e_y
    return r


def ued():
    return repeat(ued_once, [(3, 4), (4, 2)])


# ---------------------------------------------------------------- sapiens_affine_layer_es
def sap_once(n, m):
    """Y = W X + B, X n x 1, W m x n (w_{p,i}: output p, input i), 1-based names."""
    r = {}
    x, w, b = (T(v, True) for v in rnd(3))                            # the scalar layer
    y = w * x + b
    y.retain_grad()
    loss_of(y[None]).backward()
    gy = y.grad.item()
    r["a_dydx"] = isc(torch.autograd.functional.jacobian(lambda v: w.detach() * v + b.detach(), x.detach()).item(), w.item())
    r["a_dLdx"] = isc(gy * w.item(), x.grad.item())
    r["b_dLdw"] = isc(gy * x.item(), w.grad.item())
    assert isc(torch.autograd.functional.jacobian(lambda v: v * x.detach() + b.detach(), w.detach()).item(), x.item())
    X, W, B = T(rnd(n), True), T(rnd(m, n), True), T(rnd(m), True)
    Y = W @ X + B
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gX, gW = Y.grad.numpy(), X.grad.numpy(), W.grad.numpy()
    Xn, Wn = X.detach().numpy(), W.detach().numpy()
    JX = jac(lambda v: T(Wn) @ v + B.detach(), T(Xn)).numpy()            # dY/dX, m x n
    JW = jac(lambda v: v @ T(Xn) + B.detach(), T(Wn)).numpy()            # dy_p/dw_ij, m x m x n
    r["a_chain1"] = close(JX.T @ gY, gX)
    r["a_jac"] = close(JX, Wn)
    r["a_ypxi"] = close(JX, Wn)
    r["a_sum"] = close(np.array([sum(gY[p] * Wn[p, i] for p in range(m)) for i in range(n)]), gX)
    r["a_gradx_mat"] = close(Wn.T @ gY, gX)
    r["a_gradx"] = r["a_gradx_mat"]
    r["b_chain1"] = close(np.einsum("p,pij->ij", gY, JW), gW)
    first = np.zeros((m, n))
    first[0] = Xn
    r["b_y1W"] = close(JW[0], first)
    cases = np.array([[[Xn[j] if p == i else 0.0 for j in range(n)] for i in range(m)] for p in range(m)])
    r["b_cases"] = close(JW, cases)
    r["b_zero"] = close(np.array([[gY[i] * Xn[j] for j in range(n)] for i in range(m)]), gW)
    r["b_final"] = r["b_zero"]
    r["b_gradw_prod"] = close(np.outer(gY, Xn), gW)
    r["b_gradw"] = r["b_gradw_prod"]
    # the rows left out of the score hold (30% cap)
    second, last = np.zeros((m, n)), np.zeros((m, n))
    second[1], last[m - 1] = Xn, Xn
    assert close(JW[1], second) and close(JW[m - 1], last)
    return r


def sap():
    return repeat(sap_once, [(3, 2), (4, 3), (2, 5)])


# ---------------------------------------------------------------- d2lpt_backprop_mlp_pt
def d2l_once(d, h, q):
    """z = W1 x, h = tanh(z), o = W2 h, L = l(o) = sum(G o) + sum(o^3)/3 (G drawn),
    s = lam/2 (||W1||_F^2 + ||W2||_F^2), J = L + s."""
    lam = abs(rnd(1)[0]) + 0.1
    G = rnd(q)
    x = T(rnd(d))
    W1, W2 = T(rnd(h, d), True), T(rnd(q, h), True)
    z = W1 @ x
    z.retain_grad()
    hh = torch.tanh(z)
    hh.retain_grad()
    o = W2 @ hh
    o.retain_grad()
    L = (T(G) * o).sum() + (o ** 3).sum() / 3
    s = lam / 2 * ((W1 ** 2).sum() + (W2 ** 2).sum())
    J = L + s
    J.backward()
    go, gh, gz = o.grad.numpy(), hh.grad.numpy(), z.grad.numpy()
    gW1, gW2 = W1.grad.numpy(), W2.grad.numpy()
    W1n, W2n, xn, hn, zn, on = (W1.detach().numpy(), W2.detach().numpy(), x.numpy(), hh.detach().numpy(),
                                z.detach().numpy(), o.detach().numpy())
    Lt, st = T(L.item(), True), T(s.item(), True)                      # J as a function of (L, s)
    dJL, dJs = torch.autograd.grad(Lt + st, (Lt, st))
    ot = T(on, True)
    dLo = torch.autograd.grad((T(G) * ot).sum() + (ot ** 3).sum() / 3, ot)[0].numpy()
    W1s, W2s = T(W1n, True), T(W2n, True)
    sW1, sW2 = torch.autograd.grad(lam / 2 * ((W1s ** 2).sum() + (W2s ** 2).sum()), (W1s, W2s))
    return {"p_jl": isc(dJL.item(), 1.0) and isc(dJs.item(), 1.0),
            "p_jo": close(dLo, go) and go.shape == (q,),
            "p_sw": close(sW1, lam * W1n) and close(sW2, lam * W2n),
            "p_jw2": close(np.outer(go, hn) + lam * W2n, gW2),
            "p_jh": close(W2n.T @ go, gh),
            "p_jz": close(gh * dphi(torch.tanh, zn), gz),
            "p_jw1": close(np.outer(gz, xn) + lam * W1n, gW1)}


def d2l():
    return repeat(d2l_once, [(5, 4, 3), (3, 6, 2)])


# ---------------------------------------------------------------- petcho_cnn_resnet_es
def pet_conv_once(Cin, Cout, Hin, k, s, p):
    """Y(co, i, j) = b(co) + sum X(ci, i s + m - p, j s + n - p) W(co, ci, m, n), zero padding p."""
    X, W, b = T(rnd(Cin, Hin, Hin), True), T(rnd(Cout, Cin, k, k), True), T(rnd(Cout), True)
    Y = F.conv2d(X[None], W, b, stride=s, padding=p)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    d, gX, gW = Y.grad.numpy(), X.grad.numpy(), W.grad.numpy()
    Xn, Wn = X.detach().numpy(), W.detach().numpy()
    Ho = Y.shape[1]
    JW = jac(lambda v: F.conv2d(T(Xn)[None], v, b.detach(), stride=s, padding=p)[0], T(Wn)).numpy()
    chain = np.einsum("cij,cijdemn->demn", d, JW)
    r = {"k_chain": close(chain, gW)}
    # dL/dW as written: X(ci, i s + m, j s + n), no -p; an index past the input does not exist
    exists, cw = True, np.zeros_like(gW)
    for co in range(Cout):
        for ci in range(Cin):
            for m in range(k):
                for n in range(k):
                    tot = 0.0
                    for i in range(Ho):
                        for j in range(Ho):
                            a, c = i * s + m, j * s + n
                            if a >= Hin or c >= Hin:
                                exists = False
                                continue
                            tot += d[co, i, j] * Xn[ci, a, c]
                    cw[co, ci, m, n] = tot
    r["k_w"] = exists and close(cw, gW)
    # dL/dX(ci, i', j') as written: i = (i' - m)/s, j = (j' - n)/s, terms where they are whole and in range
    cx = np.zeros_like(gX)
    for ci in range(Cin):
        for a in range(Hin):
            for c in range(Hin):
                tot = 0.0
                for co in range(Cout):
                    for m in range(k):
                        for n in range(k):
                            if (a - m) % s or (c - n) % s:
                                continue
                            i, j = (a - m) // s, (c - n) // s
                            if 0 <= i < Ho and 0 <= j < Ho:
                                tot += d[co, i, j] * Wn[co, ci, m, n]
                cx[ci, a, c] = tot
    r["k_x"] = close(cx, gX)
    if p == 0:
        assert r["k_w"] and r["k_x"]                                   # the rows hold without padding
    return r


def pet_res_once(nx, blocks):
    """x_{i+1} = x_i + F(x_i), F(x) = V tanh(U x); E a loss of x_L."""
    Us, Vs = [T(rnd(nx, nx)) for _ in range(blocks)], [T(rnd(nx, nx)) for _ in range(blocks)]

    def run(x0):
        x = x0
        for U, V in zip(Us, Vs):
            x = x + V @ torch.tanh(U @ x)
        return x

    def resid(x0):                                                      # sum_i F(x_i) as a function of x_l
        x, tot = x0, torch.zeros(nx)
        for U, V in zip(Us, Vs):
            f = V @ torch.tanh(U @ x)
            tot = tot + f
            x = x + f
        return tot

    xl = T(rnd(nx), True)
    xL = run(xl)
    xL.retain_grad()
    loss_of(xL).backward()
    gl, gL = xl.grad.numpy(), xL.grad.numpy()
    J = jac(run, T(xl.detach().numpy())).numpy()                        # dx_L/dx_l
    Jbr = jac(lambda v: v + resid(v), T(xl.detach().numpy())).numpy()    # d/dx_l [x_l + sum F]
    JF = jac(resid, T(xl.detach().numpy())).numpy()
    return {"r_1": close(gL @ J, gl) and close(gL @ Jbr, gl),
            "r_2": close(gL @ (np.eye(nx) + JF), gl) and close(gL + gL @ JF, gl)}


def pet():
    res = repeat(pet_conv_once, [(2, 3, 5, 3, 1, 0), (2, 3, 7, 3, 2, 0), (2, 3, 5, 3, 1, 1)])
    res.update(repeat(pet_res_once, [(3, 3), (4, 2)]))
    return res


# ---------------------------------------------------------------- insper_anndl_mlp_cnn_pt
def ins_mlp_once(N):
    """2-2-1 sigmoid MLP, z1 = w11 x1 + w21 x2 + b1, z2 = w12 x1 + w22 x2 + b2 (w_ij: input i, hidden j),
    u = v11 h1 + v21 h2 + by, y-hat = sigmoid(u); L the MSE over N samples (one sample's terms checked)."""
    X, Y = rnd(N, 2), rnd(N)
    w, bh, v, by = (T(a, True) for a in (rnd(2, 2), rnd(2), rnd(2), rnd(1)))
    zs, us = [], []
    L = 0
    for t in range(N):
        z = T(X[t]) @ w + bh                                              # z_j = sum_i x_i w_ij + b_j
        z.retain_grad()
        h = torch.sigmoid(z)
        u = (v * h).sum() + by[0]
        u.retain_grad()
        yh = torch.sigmoid(u)
        L = L + (Y[t] - yh) ** 2 / N
        zs.append(z)
        us.append((u, h, yh))
    L.backward()
    r = {"i_sy": True}
    gv = np.zeros(2)
    gw = np.zeros((2, 2))
    gb = np.zeros(2)
    gby = 0.0
    for t in range(N):
        u, h, yh = us[t]
        sy = u.grad.item()                                                # sigma_y = dL/du (this sample)
        yhn, hn = yh.item(), h.detach().numpy()
        r["i_sy"] &= isc(2 / N * (Y[t] - yhn) * yhn * (1 - yhn), sy)
        gv += sy * hn
        gby += sy
        sh = sy * v.detach().numpy() * hn * (1 - hn)                      # sigma_h_j
        assert close(sh, zs[t].grad)
        gw += np.outer(X[t], sh)                                          # dL/dw_ij = sigma_h_j x_i
        gb += sh
    r["i_v"] = close(gv, v.grad) and isc(gby, by.grad.item())
    r["i_w1"] = close(gw[:, 0], w.grad[:, 0])
    r["i_w2"] = close(gw[:, 1], w.grad[:, 1])
    r["i_bh"] = close(gb, bh.grad)
    return r


def ins_numbers():
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    W, bh, V, by = np.array([[0.2, 0.4], [0.6, 0.8]]), np.array([0.1, 0.2]), np.array([0.3, 0.5]), 0.4
    x, y = np.array([0.5, 0.8]), 0.0
    z = W @ x + bh
    h = s(z)
    u = V @ h + by
    yh = s(u)
    assert np.allclose(z, [0.52, 1.14]) and rounded(0.967, u) and rounded(0.725, yh)
    du = 2 * (yh - y) * yh * (1 - yh)                                     # N = 1
    dz = du * V * h * (1 - h)
    dh = du * V
    r = {"n_du": rounded(-0.289, du),
         "n_gh": rounded(-0.020, dz[0]) and rounded(-0.026, dz[1])}
    assert not (rounded(-0.020, dh[0]) or rounded(-0.026, dh[1]))         # nor dL/dh
    return {k: verdict(v) for k, v in r.items()}


def ins_conv_once(B, Cin, Cout, Hin, k, s, p):
    X, W, b = T(rnd(B, Cin, Hin, Hin), True), T(rnd(Cout, Cin, k, k), True), T(rnd(Cout), True)
    Y = F.conv2d(X, W, b, stride=s, padding=p)
    Y.retain_grad()
    loss_of(Y).backward()
    d, gW, gb = Y.grad.numpy(), W.grad.numpy(), b.grad.numpy()
    Xp = np.pad(X.detach().numpy(), ((0, 0), (0, 0), (p, p), (p, p)))     # the zeros of the padding
    Ho = Y.shape[2]
    cw = np.zeros_like(gW)
    for co in range(Cout):
        for ci in range(Cin):
            for m in range(k):
                for n in range(k):
                    cw[co, ci, m, n] = sum(d[bb, co, i, j] * Xp[bb, ci, s * i + m, s * j + n]
                                           for bb in range(B) for i in range(Ho) for j in range(Ho))
    return {"c_b": close(d.sum(axis=(0, 2, 3)), gb), "c_w": close(cw, gW)}


def ins():
    res = repeat(ins_mlp_once, [(1,), (3,)])
    res.update(ins_numbers())
    res.update(repeat(ins_conv_once, [(2, 2, 3, 5, 3, 2, 1), (1, 2, 2, 6, 2, 1, 0)]))
    return res


# ---------------------------------------------------------------- gosa_gyakudenpa_note_ja
def gos_once(n_in, n_out, act):
    """u^L_j = sum_i w_ij z_i, z^L = act(u^L) = y; E = (1/N) sum_j (y_j - y-hat_j)^2 with N = 2."""
    N = 2
    z_prev = rnd(n_in)
    yhat = rnd(n_out)
    w = T(rnd(n_in, n_out), True)                                         # w_ij: input i, output j
    u = T(z_prev) @ w
    u.retain_grad()
    zL = act(u)
    zL.retain_grad()
    E = ((zL - T(yhat)) ** 2).sum() / N
    E.backward()
    gw, gu, gz = w.grad.numpy(), u.grad.numpy(), zL.grad.numpy()
    dp = dphi(act, u.detach().numpy())
    y = zL.detach().numpy()
    r = {"g_chain": close(np.outer(z_prev, gu), gw),
         "g_wz": close(np.outer(z_prev, gu), gw),
         "g_delta": close(gz * dp, gu)}
    return r, y, yhat, z_prev, gu, gw, gz


def gos():
    res = {}
    for sizes in ((3, 2), (2, 3)):
        for _ in range(2):
            r, *_ = gos_once(*sizes, torch.tanh)                           # any activation: the chain rows
            for k, v in r.items():
                res.setdefault(k, []).append(bool(v))
            r, y, yhat, z_prev, gu, gw, gz = gos_once(*sizes, lambda v: v)  # the identity output
            for k, v in r.items():
                res.setdefault(k, []).append(bool(v))
            res.setdefault("g_id", []).append(bool(close(gz * 1, gu)))
            res.setdefault("g_mse", []).append(bool(close(y - yhat, gu)))
            res.setdefault("g_final", []).append(bool(close(np.outer(z_prev, y - yhat), gw)))
    return {k: verdict(all(v)) for k, v in res.items()}


# ---------------------------------------------------------------- sidecars
def main():
    total = sum(len(claims) for _, claims, _, _ in TABLE.values())
    if all(len(claims) <= 0.3 * total for _, claims, _, _ in TABLE.values()):
        write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())
        return
    # while the set is being built the 30% cap cannot hold yet: the same order check and sidecars
    # without it (the finished set goes through write_and_report above)
    print("note: the 30% cap does not hold yet:", {d: len(c) for d, (_, c, _, _) in TABLE.items()})
    truths = {}
    for doc, (fn, claims, _, _) in TABLE.items():
        text, last = (FOLDER / doc).read_text(encoding="utf-8").replace("&", ""), -1
        for cid, match, _ in claims:
            at = text.find(match)
            assert at > last, (doc, cid, "out of order or not found")
            last = at
        got = globals()[fn]()
        assert {c for c, _, _ in claims} == set(got), (doc, {c for c, _, _ in claims} ^ set(got))
        truths[doc] = got
    write_section_sidecars({doc: ((lambda d=doc: truths[d]), claims, dirs, excluded)
                            for doc, (_, claims, dirs, excluded) in TABLE.items()}, FOLDER)
    total = sum(len(v) for v in truths.values())
    false = sum(v == "refuted" for d in truths.values() for v in d.values())
    print(f"{len(truths)} documents, {total} claims: {total - false} hold, {false} refuted")


if __name__ == "__main__":
    main()
