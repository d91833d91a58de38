"""Independent truth for the twenty-third held-out set (numpy and torch autograd, not symbp):
``python tests/docs/real/truth_heldout23.py`` writes the ``*.truth.json`` sidecars of ``heldout23/``,
by the method and in the format of ``truth_heldout20.py``: each claim is checked at several sizes
(where the document allows them) and seeded random draws, and holds only if it holds every time;
its ``why`` in ``heldout23/claims_table.py`` says the reading.  Written before anything of symbp
was run on the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout23"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout23.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2323)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def away0(*shape):
    """Standard normal draws kept at least 0.2 from 0 (for ReLU's kink)."""
    v = rnd(*shape)
    return np.where(np.abs(v) < 0.2, np.sign(v + 1e-12) * 0.2 + v, v)


def corr_valid(x, k):
    """Valid 2-D cross-correlation by loops, out[i, j] = sum_{m,n} x[i+m, j+n] k[m, n]."""
    oh, ow = x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1
    return np.array([[np.sum(x[i:i + k.shape[0], j:j + k.shape[1]] * k) for j in range(ow)] for i in range(oh)])


# ---------------------------------------------------------------- hexo_cnn_bp_padpad_zh
def zhb_fc_once(dims, act):
    """z_i = w_i l_{i-1} + b_i, l_i = sigma(z_i), E a drawn loss of l_L (one column sample)."""
    L = len(dims) - 1
    f = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    x = T(rnd(dims[0]))
    ws = [T(rnd(dims[i + 1], dims[i]), True) for i in range(L)]
    bs = [T(rnd(dims[i + 1]), True) for i in range(L)]
    a, zs, ls = x, [], [x]
    for i in range(L):
        z = ws[i] @ a + bs[i]
        z.retain_grad()
        zs.append(z)
        a = f(z)
        a.retain_grad()
        ls.append(a)
    E = loss_of(a)
    E.backward()
    d = [z.grad.numpy() for z in zs]
    zv = [z.detach().numpy() for z in zs]
    sp = [dphi(f, z) for z in zv]
    wv = [w.detach().numpy() for w in ws]
    lv = [t.detach().numpy() for t in ls]
    Ep = ls[-1].grad.numpy()
    r = {"fc_dl": close(np.diag(sp[-1]) @ Ep, d[-1])}
    okj, okd = True, True
    for i in range(1, L):
        bi = bs[i].detach()
        J = jac(lambda v: T(wv[i]) @ f(v) + bi, T(zv[i - 1])).numpy()   # [k, j] = dz_i,k / dz_{i-1},j
        okj &= close(np.diag(sp[i - 1]) @ wv[i].T, J.T)                   # the post's layout
        okd &= close(np.diag(sp[i - 1]) @ wv[i].T @ d[i], d[i - 1])
    r["fc_jac"], r["fc_delta"] = okj, okd
    r["fc_dw"] = all(close(np.outer(d[i], lv[i]), ws[i].grad) for i in range(L))
    r["fc_db"] = all(close(d[i], bs[i].grad) for i in range(L))
    return r


def padpad(d, S, outer):
    """(S-1) zeros between the entries of each channel of d (H x W x C) and `outer` zeros outside."""
    Hd, Wd, C = d.shape
    di = np.zeros(((Hd - 1) * S + 1, (Wd - 1) * S + 1, C))
    di[::S, ::S, :] = d
    return np.pad(di, ((outer, outer), (outer, outer), (0, 0)))


def star(x, k):
    """The post's star: x (H x W x Cin), k (Hk x Wk x Cout x Cin), out[.,.,o] = sum_c corr(x_c, k_{o,c})."""
    Co = k.shape[2]
    return np.stack([sum(corr_valid(x[:, :, c], k[:, :, o, c]) for c in range(x.shape[2])) for o in range(Co)], axis=2)


def rot180trans(W):
    """rot_{180}trans(W)_{i,j,k,l} = W_{Hk-i+1, Wk-j+1, l, k}."""
    return np.transpose(W[::-1, ::-1, :, :], (0, 1, 3, 2))


def zhb_conv_once(H, Hk, P, S, Ci, Co):
    """O = I star W with padding P, stride S (HWC / Hk x Wk x Co x Ci), z = O + b (b per channel),
    E = a drawn loss of sigma(z); autograd against the post's rows."""
    I, W, b = rnd(H, H, Ci), rnd(Hk, Hk, Co, Ci), rnd(Co)
    It, Wt, bt = T(I, True), T(W, True), T(b, True)
    # torch conv2d (cross-correlation): input NCHW, weight OIHW
    O = F.conv2d(It.permute(2, 0, 1)[None], Wt.permute(2, 3, 0, 1), stride=S, padding=P)[0].permute(1, 2, 0)
    z = O + bt
    z.retain_grad()
    O.retain_grad()
    l = torch.sigmoid(z)
    E = loss_of(l)
    E.backward()
    dO = O.grad.numpy()
    dz = z.grad.numpy()
    r = {}
    claim_I = star(padpad(dO, S, Hk - P - 1), rot180trans(W))
    r["conv_dI"] = close(claim_I, It.grad)
    # delta_i = padpad(delta_{i+1}) star rot180trans(w_{i+1}) odot sigma'(z_i): here z_i is a drawn
    # pre-activation whose sigma is the layer's input I
    zi = rnd(H, H, Ci)
    lit = torch.sigmoid(T(zi, True))
    lit.retain_grad()
    zit = lit.grad_fn.next_functions[0][0].variable
    O2 = F.conv2d(lit.permute(2, 0, 1)[None], T(W).permute(2, 3, 0, 1), stride=S, padding=P)[0].permute(1, 2, 0)
    O2.retain_grad()
    loss_of(O2).backward()
    d2 = O2.grad.numpy()
    claim_delta = star(padpad(d2, S, Hk - P - 1), rot180trans(W))
    claim_delta = claim_delta * dphi(torch.sigmoid, zi) if claim_delta.shape == zi.shape else None
    r["conv_delta"] = claim_delta is not None and close(claim_delta, zit.grad)
    # dE/dw_i = padpad(delta_i) star rot180trans(l_{i-1}): channel by channel, delta = dz
    dd = padpad(dz, S, Hk - P - 1)
    Ir = I[::-1, ::-1, :]
    claim_W = np.zeros_like(W)
    ok_shape = True
    for o in range(Co):
        for c in range(Ci):
            g = corr_valid(dd[:, :, o], Ir[:, :, c])
            if g.shape != (Hk, Hk):
                ok_shape = False
                break
            claim_W[:, :, o, c] = g
    r["conv_dw"] = ok_shape and close(claim_W, Wt.grad)
    r["conv_db"] = close(dz, bt.grad)          # the row: delta_i itself (H' x W' x C) against a C-vector
    return r


def zhb():
    res = repeat(zhb_fc_once, [((3, 4, 2), "sig"), ((2, 3, 4, 3), "tanh")])
    res.update(repeat(zhb_conv_once, [(5, 3, 0, 1, 1, 1), (5, 3, 1, 1, 2, 3), (5, 3, 1, 2, 2, 3),
                                      (7, 3, 0, 2, 2, 2), (6, 3, 0, 2, 1, 1), (6, 3, 1, 2, 2, 3)]))
    return res


def zhb_divisible_check():
    """The reading stated in conv_dI's why: the rows hold where S divides H + 2P - Hk."""
    for sizes in [(5, 3, 0, 1, 1, 1), (5, 3, 1, 1, 2, 3), (5, 3, 1, 2, 2, 3), (7, 3, 0, 2, 2, 2)]:
        r = zhb_conv_once(*sizes)
        assert r["conv_dI"] and r["conv_delta"] and not r["conv_dw"] and not r["conv_db"], (sizes, r)
    for sizes in [(6, 3, 0, 2, 1, 1), (6, 3, 1, 2, 2, 3)]:
        r = zhb_conv_once(*sizes)
        assert not r["conv_dI"] and not r["conv_delta"], (sizes, r)


# ---------------------------------------------------------------- lihang_cnn_obsidian_zh
def lhz_conv_once(I, J, M, N):
    X, W = rnd(I, J), rnd(M, N)
    Xt, Wt = T(X, True), T(W, True)
    K, L = I - M + 1, J - N + 1
    Z = torch.stack([torch.stack([(Wt * Xt[k:k + M, l:l + N]).sum() for l in range(L)]) for k in range(K)])
    Z.retain_grad()
    loss_of(Z).backward()
    dZ = Z.grad.numpy()
    gW, gX = Wt.grad.numpy(), Xt.grad.numpy()
    JW = jac(lambda w: torch.stack([torch.stack([(w * T(X)[k:k + M, l:l + N]).sum() for l in range(L)])
                                    for k in range(K)]), T(W)).numpy()
    # 1-based formulas evaluated with 0-based arrays: x_{k+m-1,l+n-1} -> X[k+m, l+n] (k, m from 0)
    r = {"lh_dw": all(isc(gW[m, n], sum(JW[k, l, m, n] * dZ[k, l] for k in range(K) for l in range(L)))
                      and isc(gW[m, n], sum(X[k + m, l + n] * dZ[k, l] for k in range(K) for l in range(L)))
                      for m in range(M) for n in range(N))}
    r["lh_dW"] = close(corr_valid(X, dZ), gW)      # dZ * X: dZ the kernel slid over X

    def w1(a, b):                                   # w with 1-based indices, 0 outside
        return W[a - 1, b - 1] if 1 <= a <= M and 1 <= b <= N else 0.0
    row = np.array([[sum(w1(i - k + 1, j - 1 + 1) * dZ[k - 1, l - 1] for k in range(1, K + 1) for l in range(1, L + 1))
                     for j in range(1, J + 1)] for i in range(1, I + 1)])
    right = np.array([[sum(w1(i - k + 1, j - l + 1) * dZ[k - 1, l - 1] for k in range(1, K + 1) for l in range(1, L + 1))
                       for j in range(1, J + 1)] for i in range(1, I + 1)])
    assert close(right, gX)                         # the row with j-l+1 would hold
    r["lh_dx"] = close(row, gX)
    m1 = corr_valid(np.pad(W, ((K - 1, K - 1), (L - 1, L - 1))), dZ[::-1, ::-1])   # rot180(dZ) * fullpad(W)
    m2 = corr_valid(np.pad(dZ, ((M - 1, M - 1), (N - 1, N - 1))), W[::-1, ::-1])   # rot180(W) * fullpad(dZ)
    r["lh_dX"] = close(m1, gX) and close(m2, gX)
    return r


def lhz_pool_once(I, M, mode, act):
    a = {"sig": torch.sigmoid, "tanh": torch.tanh}[act]
    Zp = rnd(I, I)
    Zt = T(Zp, True)
    Xp = a(Zt)
    K = I // M
    windows = [[Xp[k * M:(k + 1) * M, l * M:(l + 1) * M] for l in range(K)] for k in range(K)]
    red = (lambda w: w.max()) if mode == "max" else (lambda w: w.mean())
    Zl = torch.stack([torch.stack([red(w) for w in row]) for row in windows])
    Zl.retain_grad()
    loss_of(Zl).backward()
    d = Zl.grad.numpy()
    Xv = Xp.detach().numpy()
    up = np.zeros((I, I))
    for k in range(K):
        for l in range(K):
            blk = Xv[k * M:(k + 1) * M, l * M:(l + 1) * M]
            if mode == "max":
                i, j = np.unravel_index(np.argmax(blk), blk.shape)
                up[k * M + i, l * M + j] = d[k, l]
            else:
                up[k * M:(k + 1) * M, l * M:(l + 1) * M] = d[k, l] / (M * M)
    return {"lh_pool": close(dphi(a, Zp) * up, Zt.grad)}


def lhz():
    res = repeat(lhz_conv_once, [(4, 4, 3, 3), (5, 6, 2, 3), (6, 5, 3, 2)])
    res.update(repeat(lhz_pool_once, [(4, 2, "max", "sig"), (6, 3, "mean", "tanh"), (6, 2, "max", "tanh"),
                                      (4, 2, "mean", "sig")]))
    return res


# ---------------------------------------------------------------- taji99_middle_layer_grad_ja
def jap_once(l, m, n):
    """Input y_i (l), middle u_j = sum_p y_p w_{pj} + b_j, y_j = sigmoid(u_j) (m), output layer
    u_k = sum_j y_j v_{jk} + c_k, E a drawn loss of the output (n); the input y_i itself is the
    sigmoid of a lower layer's drawn pre-activation, so dE/dy_i is defined."""
    yi = T(rnd(l), True)
    w, b = T(rnd(l, m), True), T(rnd(m), True)
    v, c = T(rnd(m, n)), T(rnd(n))
    u = yi @ w + b
    u.retain_grad()
    yj = torch.sigmoid(u)
    yj.retain_grad()
    E = loss_of(torch.sigmoid(yj @ v + c))
    E.backward()
    dE_du, dE_dyj = u.grad.numpy(), yj.grad.numpy()
    uv, yjv, yiv, wv = u.detach().numpy(), yj.detach().numpy(), yi.detach().numpy(), w.detach().numpy()
    gw, gb, gyi = w.grad.numpy(), b.grad.numpy(), yi.grad.numpy()
    Juw = jac(lambda W_: T(yiv) @ W_ + b.detach(), T(wv)).numpy()          # [j, i, j'] = du_j / dw_{ij'}
    Jub = jac(lambda B_: T(yiv) @ T(wv) + B_, b.detach()).numpy()          # [j, j'] = du_j / db_j'
    sp = dphi(torch.sigmoid, uv)
    delta = dE_du
    r = {"ja_eq1": all(isc(gw[i, j], dE_du[j] * Juw[j, i, j]) for i in range(l) for j in range(m)),
         "ja_eq2": all(isc(Juw[j, i, j], yiv[i]) and all(isc(Juw[j, i, jj], 0.0) for jj in range(m) if jj != j)
                       for i in range(l) for j in range(m)),
         "ja_eq3": close(dE_dyj * sp, dE_du),
         "ja_eq4": close(dE_dyj * sp, delta),
         "ja_dw": close(np.outer(yiv, delta), gw),
         "ja_eq5": all(isc(gb[j], dE_du[j] * Jub[j, j]) for j in range(m)),
         "ja_dudb": close(np.diag(Jub), np.ones(m)),
         "ja_db": close(delta, gb),
         "ja_dy": all(isc(gyi[i], sum(delta[q] * wv[i, q] for q in range(m))) for i in range(l)),
         "ja_sig": close((1 - 1 / (1 + np.exp(-uv))) / (1 + np.exp(-uv)), sp),
         "ja_dydu": close((1 - yjv) * yjv, sp),
         "ja_delta": close(dE_dyj * (1 - yjv) * yjv, delta)}
    return r


def jap():
    return repeat(jap_once, [(3, 4, 2), (2, 3, 3), (4, 2, 1)])


# ---------------------------------------------------------------- vorschlag_bpoe_graph_ko
def kor_once():
    x0, y0 = rnd(2)
    xt, yt = T(x0, True), T(y0, True)
    t = xt + yt
    t.retain_grad()
    z = t ** 2
    z.backward()
    tv = t.item()
    xc = T(x0, True)
    dt_dx = torch.autograd.grad(xc + T(y0), xc)[0].item()
    xa, ya = T(x0, True), T(y0, True)
    gxa, gya = torch.autograd.grad(xa + ya, [xa, ya])
    xm, ym = T(x0, True), T(y0, True)
    gxm, gym = torch.autograd.grad(xm * ym, [xm, ym])
    xs = away0(6)
    g = rnd(6)
    relu_ok = close(dphi(torch.relu, xs), (xs > 0).astype(float))
    xd = T(x0 if abs(x0) > 0.2 else 0.7, True)
    yd = 1 / xd
    gd = torch.autograd.grad(yd, xd)[0].item()
    xdv, ydv = xd.item(), yd.item()
    xe = T(x0, True)
    ge = torch.autograd.grad(torch.exp(xe), xe)[0].item()
    xsg = T(xs, True)
    ysg = torch.sigmoid(xsg)
    (T(g) * ysg).sum().backward()
    yv = ysg.detach().numpy()
    m1 = g * yv ** 2 * np.exp(-xs)
    m2 = g * (1 / (1 + np.exp(-xs)) ** 2) * np.exp(-xs)
    m3 = g * (1 / (1 + np.exp(-xs))) * (np.exp(-xs) / (1 + np.exp(-xs)))
    m4 = g * yv * (1 - yv)
    sig_ok = all(close(m, xsg.grad) for m in (m1, m2, m3, m4))
    return {"ko_chain": isc(xt.grad.item(), t.grad.item() * dt_dx),
            "ko_parts": isc(dt_dx, 1.0) and isc(t.grad.item(), 2 * tv),
            "ko_total": isc(xt.grad.item(), 2 * tv * 1) and isc(2 * tv, 2 * (x0 + y0)),
            "ko_add": isc(gxa.item(), 1.0) and isc(gya.item(), 1.0),
            "ko_mul": isc(gxm.item(), y0) and isc(gym.item(), x0),
            "ko_relu": relu_ok,
            "ko_div": isc(gd, -1 / xdv ** 2) and isc(gd, -ydv ** 2),
            "ko_exp": isc(ge, np.exp(x0)),
            "ko_sig": sig_ok}


def kor():
    return repeat(kor_once, [()] * 3)


# ---------------------------------------------------------------- training_cnn_rot180_en
def eng_once(H, Wd, k):
    X, W, b = rnd(H, Wd), rnd(k, k), rnd(1)[0]
    Xt, Wt, bt = T(X, True), T(W, True), T(b, True)
    OH, OW = H - k + 1, Wd - k + 1
    Y = torch.stack([torch.stack([(Xt[i:i + k, j:j + k] * Wt).sum() + bt for j in range(OW)]) for i in range(OH)])
    Y.retain_grad()
    loss_of(Y).backward()
    d = Y.grad.numpy()
    full = corr_valid(np.pad(d, ((k - 1, k - 1), (k - 1, k - 1))), W[::-1, ::-1])   # dL/dY *_full rot180(W)
    r = {"en_dW": close(corr_valid(X, d), Wt.grad),
         "en_db": isc(d.sum(), bt.grad.item()),
         "en_dX": close(full, Xt.grad)}
    # 1D
    n = H + 2
    x1, w1 = rnd(n), rnd(k)
    x1t, w1t = T(x1, True), T(w1, True)
    y1 = torch.stack([(x1t[i:i + k] * w1t).sum() for i in range(n - k + 1)])
    y1.retain_grad()
    loss_of(y1).backward()
    d1 = y1.grad.numpy()
    r["en_1d"] = close(np.array([sum(d1[i] * x1[i + j] for i in range(n - k + 1)) for j in range(k)]), w1t.grad)
    xs = away0(5)
    xr = T(xs, True)
    g = rnd(5)
    (T(g) * torch.relu(xr)).sum().backward()
    r["en_relu"] = close(np.where(xs > 0, g, 0.0), xr.grad)
    return r


def eng():
    return repeat(eng_once, [(5, 5, 3), (4, 6, 2), (6, 5, 3)])


# ---------------------------------------------------------------- seminar_matrix_calculus_ru
def rus_once(m, n):
    a_n, x = rnd(n), rnd(n)
    xt = T(x, True)
    g_lin = torch.autograd.grad(T(a_n) @ xt, xt)[0].numpy()
    Wq = rnd(n, n)
    xq = T(x, True)
    g_quad = torch.autograd.grad(xq @ T(Wq) @ xq, xq)[0].numpy()
    Ws = Wq + Wq.T
    xs_ = T(x, True)
    g_sym = torch.autograd.grad(xs_ @ T(Ws) @ xs_, xs_)[0].numpy()
    xn = T(x, True)
    g_norm = torch.autograd.grad((xn ** 2).sum(), xn)[0].numpy()
    xn2 = T(x, True)
    g_norm2 = torch.autograd.grad(xn2 @ xn2, xn2)[0].numpy()
    W = rnd(m, n)
    Jac = jac(lambda v: T(W) @ v, T(x)).numpy()          # m x n, the table's Jacobian
    a_m = rnd(m)
    Wt = T(W, True)
    g_aWx = torch.autograd.grad(T(a_m) @ Wt @ T(x), Wt)[0].numpy()
    b = rnd(m)
    Wl, xl, bl = T(W, True), T(x, True), T(b, True)
    z = Wl @ xl + bl
    z.retain_grad()
    loss_of(z).backward()
    dz = z.grad.numpy()
    yp, yt_ = rnd(n), rnd(n)
    ypt = T(yp, True)
    g_mse = torch.autograd.grad(((ypt - T(yt_)) ** 2).mean(), ypt)[0].numpy()
    return {"ru_lin": close(a_n, g_lin),
            "ru_quad": close((Wq + Wq.T) @ x, g_quad) and not np.allclose(Wq, Wq.T),
            "ru_sym": close(2 * Ws @ x, g_sym),
            "ru_norm": close(2 * x, g_norm) and close(2 * x, g_norm2),
            "ru_Wx": close(W.T, Jac),
            "ru_aWx": close(np.outer(a_m, x), g_aWx),
            "ru_dW": close(np.outer(dz, x), Wl.grad),
            "ru_dx": close(W.T @ dz, xl.grad),
            "ru_db": close(dz, bl.grad),
            "ru_mse": close(2 / n * (yp - yt_), g_mse)}


def rus():
    return repeat(rus_once, [(3, 5), (2, 4), (3, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    zhb_divisible_check()
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
