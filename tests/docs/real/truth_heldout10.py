"""Independent truth for the tenth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout10.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout10/`` (the format of truth_heldout9.py: claims, one README-style directive
per section, the displays left out of the score).  The documents were transcribed and their
truth established before anything of symbp was run on them (nothing of symbp is imported here).
Each claim is evaluated literally as written: written bounds, offsets, index base and the
document's own convention for its sliding sum; a written bound or offset that reaches an entry
that does not exist refutes the claim unless the document says the tensor is zero there; a sum
without bounds runs over where its indexed tensors exist; a shape that differs refutes.  Every
claim is checked at two random draws and, where a document states its rules for any size, at
two or more sets of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout10"
sys.path.insert(0, str(HERE))
from truth_common import T, close, corr2, repeat, write_and_report  # noqa: E402
from heldout10.claims_table import TABLE  # noqa: E402
from heldout10.truth_helpers import (F, RNG, at, channels_conv, distinct, jac, loss_of, one_conv, rnd,  # noqa: E402
                                     true_conv_zero_outside)
from heldout10.truth_later import niel, pt, udl  # noqa: E402,F401


# ---------------------------------------------------------------- t6_conv_backward_zh
def t6_mlp(n, m):
    x, W, b = T(rnd(n), True), T(rnd(m, n), True), T(rnd(m), True)
    z = W @ x + b
    z.retain_grad()
    loss_of(z).backward()
    d = z.grad.numpy()
    return {"t_mlp_w": close(np.outer(d, x.detach().numpy()), W.grad),
            "t_mlp_x": close(W.detach().numpy().T @ d, x.grad)}


def t6_single(H, W_, k):
    X, Wt, d, gX, gW, gb, Jw, Jx = one_conv(H, W_, k, k)
    Ho, Wo = d.shape
    t = {}
    t["t_w_chain"] = close(np.einsum("ij,ijmn->mn", d, Jw), gW)
    t["t_w_local"] = all(np.isclose(Jw[i, j, m, n], X[i + m, j + n])
                         for i in range(Ho) for j in range(Wo) for m in range(k) for n in range(k))
    box_w = np.array([[sum(d[i, j] * X[i + m, j + n] for i in range(Ho) for j in range(Wo))
                       for n in range(k)] for m in range(k)])
    t["t_w_box"] = close(box_w, gW)
    t["t_x_chain"] = close(np.einsum("ij,ijab->ab", d, Jx), gX)
    local_ok, xsum = True, np.zeros((H, W_))
    for a in range(H):
        for b in range(W_):
            for i in range(Ho):
                for j in range(Wo):
                    if 0 <= a - i < k and 0 <= b - j < k:      # the (i, j) whose output used X[a, b]
                        local_ok &= bool(np.isclose(Jx[i, j, a, b], Wt[a - i, b - j]))
                        xsum[a, b] += d[i, j] * Wt[a - i, b - j]
    t["t_x_local"] = local_ok
    t["t_x_sum"] = close(xsum, gX)
    box_x = true_conv_zero_outside(d, Wt, (H, W_))          # the note pads delta with k-1 zeros
    t["t_x_box"] = close(box_x, gX)
    valid = corr2(d, Wt[::-1, ::-1])                          # delta star flip(W), as written
    t["t_x_flip"] = valid is not None and close(valid, gX)
    t["t_b"] = close(d.sum(), gb)
    t["t_sum_w"] = close(corr2(X, d), gW)
    t["t_sum_x"] = close(true_conv_zero_outside(d, Wt, (H, W_)), gX)
    t["t_sum_b"] = close(d.sum(), gb)
    return t


def t6_channels(Cin, Cout, H, k):
    X, Wt, d, gX, gW, gb, _, _ = channels_conv(Cin, Cout, H, H, k)
    Ho = d.shape[1]
    mw = np.array([[[[sum(d[o, i, j] * X[c, i + m, j + n] for i in range(Ho) for j in range(Ho))
                      for n in range(k)] for m in range(k)] for c in range(Cin)] for o in range(Cout)])
    mx = np.array([[[sum(at(d, o, a - m, b - n)[0] * Wt[o, c, m, n]
                         for o in range(Cout) for m in range(k) for n in range(k))
                     for b in range(H)] for a in range(H)] for c in range(Cin)])
    return {"t_mc_w": close(mw, gW), "t_mc_x": close(mx, gX), "t_mc_b": close(d.sum(axis=(1, 2)), gb)}


def t6():
    res = repeat(t6_mlp, [(3, 2), (4, 3)])
    res.update(repeat(t6_single, [(4, 4, 2), (5, 4, 3), (6, 6, 3)]))
    res.update(repeat(t6_channels, [(2, 3, 4, 2), (3, 2, 5, 3)]))
    return res


# ---------------------------------------------------------------- csuldw_cnn_zh
def csu_example_once():
    """The post's example: a^{l-1} = tanh(net^{l-1}) (3x3), W^l 2x2, net^l = a * W + b (2x2),
    E a loss of net^l; entries from 1 in the claims, from 0 here."""
    netp, Wt, b = T(rnd(3, 3), True), T(rnd(2, 2), True), T(rnd(), True)
    a = torch.tanh(netp)
    a.retain_grad()
    net = F.conv2d(a[None, None], Wt[None, None])[0, 0] + b
    net.retain_grad()
    loss_of(net).backward()
    d, ga, gnetp = net.grad.numpy(), a.grad.numpy(), netp.grad.numpy()
    an, wn, netpn = a.detach().numpy(), Wt.detach().numpy(), netp.detach().numpy()
    w = {(i + 1, j + 1): wn[i, j] for i in range(2) for j in range(2)}
    dl = {(i + 1, j + 1): d[i, j] for i in range(2) for j in range(2)}
    g = {(i + 1, j + 1): ga[i, j] for i in range(3) for j in range(3)}
    t = {}
    Ja = jac(lambda v: F.conv2d(v[None, None], Wt.detach()[None, None])[0, 0], a.detach()).numpy()
    t["c_grad_a"] = close(np.einsum("ij,ijab->ab", d, Ja), ga)
    written = {
        "c_a11": dl[1, 1] * w[1, 1],
        "c_a12": dl[1, 1] * w[1, 2] + dl[1, 2] * w[1, 1],
        "c_a13": dl[1, 2] * w[1, 2],
        "c_a21": dl[1, 1] * w[2, 1] + dl[2, 1] * w[1, 1],
        "c_a22": dl[1, 1] * w[2, 2] + dl[1, 2] * w[2, 1] + dl[2, 1] * w[1, 2] + dl[2, 2] * w[1, 1],
        "c_a23": dl[1, 2] * w[2, 2] + dl[2, 2] * w[1, 2],
        "c_a31": dl[2, 1] * w[2, 1],
        "c_a32": dl[2, 1] * w[2, 2] + dl[2, 2] * w[2, 1],
        "c_a33": dl[2, 2] * w[2, 2],
    }
    for cid, val in written.items():
        t[cid] = bool(np.isclose(val, g[int(cid[3]), int(cid[4])]))
    flipped = np.array([[w[2, 2], w[2, 1]], [w[1, 2], w[1, 1]]])
    t["c_pad"] = close(corr2(np.pad(d, 1), flipped), ga)       # the post's * slides without flipping
    Jn = jac(lambda v: F.conv2d(torch.tanh(v)[None, None], Wt.detach()[None, None])[0, 0],
             netp.detach()).numpy()
    t["c_d_r2"] = close(np.einsum("ij,ijab->ab", d, Jn), gnetp)
    t["c_d_r3"] = close(np.einsum("ij,ijab->ab", d, Ja) * (1 - np.tanh(netpn) ** 2), gnetp)
    t.update(csu_operators(d, wn, an, gnetp, Wt.grad.numpy(), netpn))
    return t


def csu_operators(d, wn, an, gnetp, gW, netpn):
    """eq. 12's last row and eq. 13 as written, read with the post's * (no flip) and, to be
    sure, as a true convolution too (valid: without the ring of zeros of eq. 10)."""
    fprime = 1 - np.tanh(netpn) ** 2
    r4 = [corr2(d, wn[::-1, ::-1]), corr2(d, wn)]               # no flip / true convolution
    ok4 = any(v is not None and v.shape == fprime.shape and close(v * fprime, gnetp) for v in r4)
    dw = [corr2(d, an[::-1, ::-1]), corr2(d, an)]
    okw = any(v is not None and close(v, gW) for v in dw)
    return {"c_d_r4": ok4, "c_dW": okw}


def csu_general_once(H, k):
    """eq. 12 and 13 at other sizes (the post states them in general)."""
    netp, Wt = T(rnd(H, H), True), T(rnd(k, k), True)
    a = torch.tanh(netp)
    net = F.conv2d(a[None, None], Wt[None, None])[0, 0]
    net.retain_grad()
    loss_of(net).backward()
    return csu_operators(net.grad.numpy(), Wt.detach().numpy(), a.detach().numpy(), netp.grad.numpy(),
                         Wt.grad.numpy(), netp.detach().numpy())


def csu():
    res = repeat(csu_example_once, [()])
    gen = repeat(csu_general_once, [(4, 2), (5, 3)])
    for cid in ("c_d_r4", "c_dW"):
        res[cid] = "holds" if res[cid] == "holds" and gen[cid] == "holds" else "refuted"
    return res


# ---------------------------------------------------------------- cnn_resnet_monografia_es
def es_once(Cin, Cout, H, k, s, p):
    X, Wt, d, gX, gW, _, Jw, _ = channels_conv(Cin, Cout, H, H, k, stride=s, padding=p)
    Ho = d.shape[1]
    chain = np.einsum("oij,oijpcmn->pcmn", d, Jw)
    fin, ok_f = np.zeros(Wt.shape), True
    for o in range(Cout):
        for c in range(Cin):
            for m in range(k):
                for n in range(k):
                    for i in range(Ho):
                        for j in range(Ho):
                            v, ok = at(X, c, i * s + m, j * s + n)      # as written: no -p
                            ok_f &= ok
                            fin[o, c, m, n] += d[o, i, j] * v
    gx = np.zeros(X.shape)
    for c in range(Cin):
        for o in range(Cout):
            for i in range(Ho):
                for j in range(Ho):
                    for m in range(k):
                        for n in range(k):
                            ii, jj = i * s + m, j * s + n              # i' = i s + m as written
                            if ii < H and jj < H:
                                gx[c, ii, jj] += d[o, i, j] * Wt[o, c, m, n]
    return {"e_w_chain": close(chain, gW), "e_w_final": ok_f and close(fin, gW), "e_x": close(gx, gX)}


def es_res_once(dim, L, l):
    mats = [T(rnd(dim, dim) / dim) for _ in range(L)]

    def run(xl, start):
        x = xl
        for i in range(start, L):
            x = x + torch.tanh(mats[i] @ x)                # x_{i+1} = x_i + F(x_i, W_i)
        return x

    x0 = T(rnd(dim), True)
    xL = run(x0, 0)
    loss_of(xL)
    xl = T(rnd(dim), True)
    out = run(xl, l)
    out.retain_grad()
    loss_of(out).backward()
    gL, gl = out.grad.numpy(), xl.grad.numpy()
    J = jac(lambda v: run(v, l), xl.detach()).numpy()                 # dx_L / dx_l
    Jres = jac(lambda v: run(v, l) - v, xl.detach()).numpy()          # d/dx_l sum_i F(x_i, W_i)
    r1 = close(gL @ J, gl)
    r2 = close(gL @ (np.eye(dim) + Jres), gl) and close(gL + gL @ Jres, gl)
    return {"e_res1": r1, "e_res2": r2}


def es():
    res = repeat(es_once, [(2, 3, 5, 3, 1, 1), (1, 2, 6, 3, 2, 1), (2, 2, 5, 3, 2, 0)])
    res.update(repeat(es_res_once, [(3, 4, 1), (2, 5, 0)]))
    return res


# ---------------------------------------------------------------- segmentation_math_ko
def ko_conv_once(H, W_, k1, k2):
    X, Wt, d, gX, gW, _, _, _ = one_conv(H, W_, k1, k2)
    return {"k_w": close(corr2(X, d), gW), "k_x": close(true_conv_zero_outside(d, Wt, (H, W_)), gX)}


def ko_scalar_once():
    th, x, b = T(rnd(), True), T(rnd()), T(rnd())
    z = th * x + b
    z.retain_grad()
    y = torch.tanh(z)
    y.retain_grad()
    L = y ** 3 / 3 + 2 * y
    L.backward()
    chain = float(y.grad) * (1 - float(torch.tanh(z.detach())) ** 2) * float(x)
    t = {"k_chain": bool(np.isclose(chain, float(th.grad)))}
    # 2.2.3: y_1 = tanh(W_1 x), y_l = tanh(W_l y_{l-1}); the written product stops at dy_2/dy_1
    Ws = [T(rnd(), True) for _ in range(4)]
    ys, v = [], T(rnd())
    for W in Ws:
        v = torch.tanh(W * v)
        v.retain_grad()
        ys.append(v)
    Lv = ys[-1] ** 3 / 3 + 2 * ys[-1]
    Lv.backward()
    prod = float(ys[-1].grad)
    for l in range(1, 4):
        prod *= float(Ws[l].detach()) * (1 - float(ys[l].detach()) ** 2)      # dy_l / dy_{l-1}
    t["k_vanish"] = bool(np.isclose(prod, float(Ws[0].grad)))
    return t


def ko_act_once():
    x = T(np.concatenate([rnd(6), [0.0, 1.5, -1.5]]), True)
    t = {}
    r = torch.relu(x)
    g = torch.autograd.grad(r.sum(), x)[0].numpy()
    t["k_relu"] = close(np.where(x.detach().numpy() > 0, 1.0, 0.0), g)
    s = torch.sigmoid(x)
    g = torch.autograd.grad(s.sum(), x)[0].numpy()
    sv = 1 / (1 + np.exp(-x.detach().numpy()))
    t["k_sigmoid"] = close(sv * (1 - sv), g)
    h = torch.tanh(x)
    g = torch.autograd.grad(h.sum(), x)[0].numpy()
    hv = (np.exp(x.detach().numpy()) - np.exp(-x.detach().numpy())) / (np.exp(x.detach().numpy()) + np.exp(-x.detach().numpy()))
    t["k_tanh"] = close(1 - hv ** 2, g)
    return t


def ko():
    res = repeat(ko_conv_once, [(4, 4, 2, 2), (5, 6, 3, 2)])
    res.update(repeat(ko_scalar_once, [()]))
    res.update(repeat(ko_act_once, [()]))
    return res


# ---------------------------------------------------------------- cnn_math_analysis_en
def en_softmax_once(n):
    z = T(rnd(n), True)
    J = jac(lambda v: torch.softmax(v, 0), z.detach()).numpy()
    zn = z.detach().numpy()
    e, S = np.exp(zn), np.exp(zn).sum()
    sg = e / S
    t = {"n_sm_ii2": all(np.isclose((e[i] * S - e[i] * e[i]) / S ** 2, J[i, i]) for i in range(n)),
         "n_sm_ii3": all(np.isclose(sg[i] * (1 - sg[i]), J[i, i]) for i in range(n)),
         "n_sm_ij2": all(np.isclose(-e[i] * e[j] / S ** 2, J[i, j]) for i in range(n) for j in range(n) if i != j),
         "n_sm_ij3": all(np.isclose(-sg[i] * sg[j], J[i, j]) for i in range(n) for j in range(n) if i != j)}
    y = np.zeros(n)
    y[RNG.integers(n)] = 1.0                                       # a label: a single 1
    L = -(T(y) * torch.log(torch.softmax(z, 0))).sum()
    L.backward()
    t["n_ce"] = close(sg - y, z.grad)
    return t


def en_fc_once(n_in, n_out):
    x, W, b = T(rnd(n_in)), T(rnd(n_out, n_in), True), T(rnd(n_out), True)
    y = W @ x + b
    y.retain_grad()
    loss_of(y).backward()
    dl, xn = y.grad.numpy(), x.numpy()
    Jy = jac(lambda v: v @ x + b.detach(), W.detach()).numpy()         # dy_i / dW_kl
    mid = np.array([[dl[i] * Jy[i, i, j] for j in range(n_in)] for i in range(n_out)])
    return {"n_fc": close(mid, W.grad) and close(np.outer(dl, xn), W.grad)}


def en_pool_relu_once(H):
    x = T(rnd(H, H), True)
    p = F.avg_pool2d(x[None, None], 2)[0, 0]
    p.retain_grad()
    loss_of(p).backward()
    dp, gx = p.grad.numpy(), x.grad.numpy()
    written = np.array([[0.25 * dp[i // 2, j // 2] for j in range(H)] for i in range(H)])
    t = {"n_avg": close(written, gx)}
    xr = T(np.concatenate([rnd(7), [0.0]]), True)
    yr = torch.relu(xr)
    yr.retain_grad()
    loss_of(yr).backward()
    t["n_relu"] = close(np.where(xr.detach().numpy() > 0, yr.grad.numpy(), 0.0), xr.grad)
    return t


def en_conv_once(H, k):
    X, Wt, d, gX, gW, _, _, _ = one_conv(H, H, k, k)
    Ho = d.shape[0]
    cw = np.array([[sum(X[i + kk, j + ll] * d[i, j] for i in range(Ho) for j in range(Ho))
                    for ll in range(k)] for kk in range(k)])
    return {"n_cw": close(cw, gW), "n_cx": close(true_conv_zero_outside(d, Wt, (H, H)), gX)}


def en():
    res = repeat(en_softmax_once, [(3,), (5,)])
    res.update(repeat(en_fc_once, [(4, 3), (2, 5)]))
    res.update(repeat(en_pool_relu_once, [(24,), (6,)]))
    res.update(repeat(en_conv_once, [(28, 5), (7, 3)]))
    return res


# ---------------------------------------------------------------- lihang_cnn_chapter_zh
def lh_pool_once(H, k):
    x = T(distinct(H, H), True)
    y = F.max_pool2d(x[None, None], k)[0, 0]
    y.retain_grad()
    loss_of(y).backward()
    xn, dy, gx = x.detach().numpy(), y.grad.numpy(), x.grad.numpy()
    mx = np.zeros((H, H))
    for i in range(H // k):
        for j in range(H // k):
            win = xn[i * k:(i + 1) * k, j * k:(j + 1) * k]
            for a in range(k):
                for b in range(k):
                    mx[i * k + a, j * k + b] = dy[i, j] if win[a, b] == win.max() else 0.0
    xa = T(rnd(H, H), True)
    ya = F.avg_pool2d(xa[None, None], k)[0, 0]
    ya.retain_grad()
    loss_of(ya).backward()
    av = np.array([[ya.grad.numpy()[i // k, j // k] / (k * k) for j in range(H)] for i in range(H)])
    return {"l_max": close(mx, gx), "l_avg": close(av, xa.grad)}


def lh_conv_once(H, W_, kh, kw):
    X, K, d, gX, gK, _, _, _ = one_conv(H, W_, kh, kw)
    Ho, Wo = d.shape
    dk = np.array([[sum(d[i, j] * X[i + m, j + n] for i in range(Ho) for j in range(Wo))
                    for n in range(kw)] for m in range(kh)])
    return {"l_k": close(dk, gK), "l_x": close(true_conv_zero_outside(d, K, (H, W_)), gX)}


def lh_res_once(dim):
    A = T(rnd(dim, dim) / dim)
    h = T(rnd(dim), True)
    h1 = h + torch.tanh(A @ h)
    h1.retain_grad()
    loss_of(h1).backward()
    JF = jac(lambda v: torch.tanh(A @ v), h.detach()).numpy()
    return {"l_res": close(h1.grad.numpy() @ (np.eye(dim) + JF), h.grad)}


def lh():
    res = repeat(lh_pool_once, [(4, 2), (6, 3)])
    res.update(repeat(lh_conv_once, [(4, 5, 2, 3), (5, 5, 3, 3)]))
    res.update(repeat(lh_res_once, [(1,), (3,)]))
    return res


# ---------------------------------------------------------------- cnn_section_rot180_en
def gs_once(H, k):
    X, Wt, d, gX, gW, _, Jw, _ = one_conv(H, H, k, k)
    Ho = d.shape[0]
    t = {"g_w": close(corr2(X, d), gW),
         "g_x": close(corr2(np.pad(d, k - 1), Wt[::-1, ::-1]), gX),
         "g_p1": close(np.einsum("ij,ijmn->mn", d, Jw), gW)}
    p2 = np.array([[sum(d[i, j] * X[i + m, j + n] for i in range(Ho) for j in range(Ho))
                    for n in range(k)] for m in range(k)])
    t["g_p2"] = close(p2, gW)
    p3 = corr2(d, X)                                   # (dL/dy) * x: x slid over dL/dy
    t["g_p3"] = p3 is not None and close(p3, gW)
    return t


def gs():
    return repeat(gs_once, [(5, 3), (4, 2)])


# ---------------------------------------------------------------- cnn_homework_a3
def hw_conv_once(Cin, Cout, H, K):
    p = K // 2
    X, Wt, d, _, gW, _, _, _ = channels_conv(Cin, Cout, H, H, K, padding=p, bias=False)
    written = np.zeros(Wt.shape)
    for o in range(Cout):
        for c in range(Cin):
            for m in range(K):
                for n in range(K):
                    written[o, c, m, n] = sum(d[o, i, j] * at(X, c, i + m - p, j + n - p)[0]
                                              for i in range(H) for j in range(H))
    return {"h_w": d.shape[1] == H and close(written, gW)}


def hw_bn_once(m):
    x, gamma, beta, eps = T(rnd(m), True), T(rnd()), T(rnd()), 1e-5
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    xh = (x - mu) / torch.sqrt(var + eps)
    y = gamma * xh + beta
    y.retain_grad()
    loss_of(y).backward()
    dy, xhn = y.grad.numpy(), xh.detach().numpy()
    g, s2 = float(gamma), float(var)
    compact = g / (m * np.sqrt(s2 + eps)) * (m * dy - dy.sum() - xhn * (dy * xhn).sum())
    return {"h_bn": close(compact, x.grad)}


def hw():
    res = repeat(hw_conv_once, [(2, 3, 5, 3), (1, 2, 6, 5)])
    res.update(repeat(hw_bn_once, [(4,), (7,)]))
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
