"""Independent truth for the fifty-second held-out set (numpy and torch autograd, not symbp):
``python truth_heldout52.py`` writes the ``*.truth.json`` sidecars of ``heldout52/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout52/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout52"
sys.path.insert(0, str(HERE))
from truth_common import (isc, dphi, T, close, repeat, seeded_draws, verdict,  # noqa: E402,F401
                          write_and_report)
from heldout52.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2052)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- kimh060612_cnn_backprop_ko
def conv_lit(z, w, b, s):
    """Equation (3) as written: u[i,j,m] = sum_{p,q,k} z[i+s p, j+s q, k] w[p,q,k,m] + b[m]
    (z: H x W x C, w: KH x KW x C x M, HWC / HWIO)."""
    H, W, C = z.shape
    KH, KW, _, M = w.shape
    OH, OW = H - s * (KH - 1), W - s * (KW - 1)
    rows = []
    for i in range(OH):
        cols = []
        for j in range(OW):
            acc = b.clone()
            for p in range(KH):
                for q in range(KW):
                    acc = acc + z[i + s * p, j + s * q, :] @ w[p, q, :, :]
            cols.append(acc)
        rows.append(torch.stack(cols))
    return torch.stack(rows)


def kcn_once(H, K, C0, C1, C2, s):
    f = torch.tanh
    z0 = T(rnd(H, H, C0), True)
    w1, b1 = T(rnd(K, K, C0, C1), True), T(rnd(C1), True)
    u1 = conv_lit(z0, w1, b1, s)
    u1.retain_grad()
    z1 = f(u1)
    w2, b2 = T(rnd(K, K, C1, C2), True), T(rnd(C2), True)
    u2 = conv_lit(z1, w2, b2, s)
    u2.retain_grad()
    E = loss_of(u2)
    E.backward()
    d1, d2 = u1.grad.numpy(), u2.grad.numpy()
    gw1, gb1 = w1.grad.numpy(), b1.grad.numpy()
    zv, u1v, w2v = z0.detach().numpy(), u1.detach().numpy(), w2.detach().numpy()
    OH = d1.shape[0]

    def zget(a, b_, c):
        return zv[a, b_, c] if 0 <= a < H and 0 <= b_ < H and 0 <= c < C0 else None

    # eq4: sum_{p,q} delta[p,q,m] du[p,q,m]/dw[i,j,m,k]; du[p,q,m']/dw[i,j,m,k] = z[p+si,q+sj,m] [m' == k]
    ok4 = True
    for i in range(K):
        for j in range(K):
            for m in range(C0):
                for k in range(C1):
                    if m >= C1:
                        ok4 = False      # u^l_{pqm} names no output channel
                        continue
                    rhs = sum(d1[p, q, m] * (zv[p + s * i, q + s * j, m] if m == k else 0.0)
                              for p in range(OH) for q in range(OH))
                    ok4 &= isc(rhs, gw1[i, j, m, k])
    # eq5: sum_{p,q} delta[p,q,m] z[i+sp, j+sq, k]; sanity: delta[p,q,k] z[p+si,q+sj,m] is the truth
    ok5 = True
    for i in range(K):
        for j in range(K):
            for m in range(C0):
                for k in range(C1):
                    right = sum(d1[p, q, k] * zv[p + s * i, q + s * j, m] for p in range(OH) for q in range(OH))
                    assert isc(right, gw1[i, j, m, k])
                    if m >= C1:
                        ok5 = False
                        continue
                    terms = [(d1[p, q, m], zget(i + s * p, j + s * q, k)) for p in range(OH) for q in range(OH)]
                    if any(t[1] is None for t in terms):
                        ok5 = False       # z^{l-1}_{i+sp, j+sq, k} names an entry that does not exist
                        continue
                    ok5 &= isc(sum(a * c for a, c in terms), gw1[i, j, m, k])
    # eq6: (delta_m * z_k)_{ij}, * the true convolution of eq. (1), entries outside read as 0
    ok6 = True
    for i in range(K):
        for j in range(K):
            for m in range(C0):
                for k in range(C1):
                    if m >= C1 or k >= C0:
                        ok6 = False
                        continue
                    val = 0.0
                    for a in range(H):
                        for b_ in range(H):
                            if 0 <= i - a < OH and 0 <= j - b_ < OH:
                                val += d1[i - a, j - b_, m] * zv[a, b_, k]
                    ok6 &= isc(val, gw1[i, j, m, k])
    # eq8: delta^l[p,q,m] = sum_{x,y,c} delta^{l+1}[p-sx,q-sy,c] w^{l+1}[x,y,c,m] f'(u^l[p,q,m])
    fp = dphi(f, u1v)
    OH2 = d2.shape[0]
    ok8 = True
    for p in range(OH):
        for q in range(OH):
            for m in range(C1):
                right = sum(d2[p - s * x, q - s * y, c] * w2v[x, y, m, c] for x in range(K) for y in range(K)
                            for c in range(C2) if 0 <= p - s * x < OH2 and 0 <= q - s * y < OH2) * fp[p, q, m]
                assert isc(right, d1[p, q, m])
                if m >= C2 or C2 > C1:
                    ok8 = False           # w^{l+1}_{xycm}: channel c (up to C2) of kernel set m (up to C2)
                    continue
                val = sum(d2[p - s * x, q - s * y, c] * w2v[x, y, c, m] for x in range(K) for y in range(K)
                          for c in range(C2) if 0 <= p - s * x < OH2 and 0 <= q - s * y < OH2) * fp[p, q, m]
                ok8 &= isc(val, d1[p, q, m])
    ok14 = close(d1.sum(axis=(0, 1)), gb1)
    return {"eq4": ok4, "eq5": ok5, "eq6": ok6, "eq8": ok8, "eq14": ok14, "eq15": ok14}


def kcn():
    return repeat(kcn_once, [(5, 2, 2, 3, 2, 1), (6, 2, 3, 2, 2, 2), (5, 2, 2, 2, 2, 1), (7, 2, 2, 2, 2, 2)])


# ---------------------------------------------------------------- kimh060612_fcnn_backprop_ko
def kfc_once(dims, N, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    L = len(dims) - 1
    x = T(rnd(dims[0], 1))
    Ws = [T(rnd(dims[k + 1], dims[k]), True) for k in range(L)]
    bs = [T(rnd(dims[k + 1], 1), True) for k in range(L)]
    z, us, zs = x, [], [x]
    for k in range(L):
        u = Ws[k] @ z + bs[k]
        u.retain_grad()
        us.append(u)
        z = f(u)
        zs.append(z)
    y = z
    t = T(rnd(dims[-1], 1))
    E = ((y - t) ** 2).sum() / (2 * N)
    E.backward()
    d = [u.grad.numpy() for u in us]
    uv = [u.detach().numpy() for u in us]
    zv = [q.detach().numpy() for q in zs]
    Wv = [W.detach().numpy() for W in Ws]
    fp = [dphi(f, u) for u in uv]
    yv, tv = zv[-1], t.numpy()
    r = {"eq8": close((yv - tv) / N * fp[-1] * zv[-2].T, Ws[-1].grad),
         "deltaK": close((yv - tv) / N * fp[-1], d[-1])}
    ok13 = ok14 = True
    ok13m = ok14m = True
    for k in range(L - 1):                      # hidden layer k (0-based), next layer k+1
        W1 = Wv[k + 1]
        dk = (W1.T @ d[k + 1]) * fp[k]
        ok13 &= close(dk, d[k]) and all(isc(sum(d[k + 1][j, 0] * W1[j, i] for j in range(W1.shape[0])) * fp[k][i, 0], d[k][i, 0])
                                        for i in range(W1.shape[1]))
        ok14 &= close(dk * zv[k].T, Ws[k].grad)
        # eq13m: ((W^{k+1})^T Delta^k) . f'(U^k)
        if W1.shape[0] != d[k].shape[0]:
            ok13m = False
        else:
            ok13m &= close((W1.T @ d[k]) * fp[k], d[k])
    for k in range(L):
        # eq14m: Delta^k Z^{k-1}, both columns
        if d[k].shape[1] != zv[k].shape[0]:
            ok14m = False
        else:
            ok14m &= close(d[k] @ zv[k], Ws[k].grad)
    r.update({"eq13": ok13, "eq14": ok14, "eq13m": ok13m, "eq14m": ok14m})
    return r


def kfc():
    return repeat(kfc_once, [((3, 4, 2), 1, "tanh"), ((2, 3, 3, 2), 3, "sig"), ((4, 2, 3), 5, "tanh"),
                             ((3, 3, 3), 2, "sig")])


# ---------------------------------------------------------------- dlvc_blatt3_chain_de
def dl3_once(n, act):
    f = {"tanh": torch.tanh, "sig": torch.sigmoid}[act]
    x = T(rnd(1))
    ws = [T(rnd(1), True) for _ in range(n)]          # ws[i-1] is w_i, i = 1..n
    h, hs, as_ = x, [x], []
    for i in range(n):
        a = ws[i] * h
        as_.append(a)
        h = f(a)
        hs.append(h)
    hn = hs[-1]
    grads = torch.autograd.grad(hn.sum(), ws, retain_graph=True)
    av = [a.detach().numpy()[0] for a in as_]          # av[i-1] = a_i
    hv = [q.detach().numpy()[0] for q in hs]            # hv[i] = h_i
    wv = [w.detach().numpy()[0] for w in ws]
    sp = [dphi(f, np.array([a]))[0] for a in av]        # sp[i-1] = sigma'(a_i)
    ok2 = ok3 = okf = True
    for i in range(n):                                  # derivative by w_{n-i}
        g = grads[n - i - 1].numpy()[0]
        an = as_[-1]
        da = torch.autograd.grad(an.sum(), ws[n - i - 1], retain_graph=True)[0].numpy()[0]
        ok2 &= isc(sp[n - 1] * da, g)
        if i >= 1:
            dh = torch.autograd.grad(hs[n - 1].sum(), ws[n - i - 1], retain_graph=True)[0].numpy()[0]
            ok3 &= isc(sp[n - 1] * wv[n - 1] * dh, g)
        prod = 1.0
        for k in range(i):
            prod *= sp[n - k - 1] * wv[n - k - 1]
        okf &= isc(prod * sp[n - i - 1] * hv[n - i - 1], g)
    return {"row2": ok2, "row3": ok3, "final": okf}


def dl3():
    return repeat(dl3_once, [(3, "sig"), (4, "tanh"), (5, "sig")])


# ---------------------------------------------------------------- dlvc_blatt5_conv_pool_de
def dl5_once(nx, nk, mse):
    x = T(rnd(nx, nx), True)
    w = T(rnd(nk, nk), True)
    no = nx - nk + 1
    # true convolution, valid part, 1-based as written: o_{i,j} = sum_{k,l} w_{k,l} x_{i-k,j-l},
    # i, j running so that every x index exists (0-based: o[i,j] = sum w[k,l] x[i+nk-1-k, j+nk-1-l])
    o = torch.stack([torch.stack([sum(w[k, l] * x[i + nk - 1 - k, j + nk - 1 - l] for k in range(nk) for l in range(nk))
                                  for j in range(no)]) for i in range(no)])
    y = T(rnd(no, no))
    E = ((o - y) ** 2).sum() / no ** 2 if mse else loss_of(o)
    gw, gx = torch.autograd.grad(E, [w, x], retain_graph=True)
    gE_o = torch.autograd.grad(E, o, retain_graph=True)[0].numpy()
    Jw = torch.autograd.functional.jacobian(
        lambda ww: torch.stack([torch.stack([sum(ww[k, l] * x.detach()[i + nk - 1 - k, j + nk - 1 - l]
                                                 for k in range(nk) for l in range(nk)) for j in range(no)]) for i in range(no)]),
        w.detach()).numpy()                                          # [i, j, s, t]
    r = {"c1_chain": close(np.einsum("ij,ijst->st", gE_o, Jw), gw)}
    ov, yv, xv = o.detach().numpy(), y.numpy(), x.detach().numpy()
    if mse:
        # y_{i-j} with i, j from 1: no entry for i <= j
        exists = all(i - j >= 1 for i in range(1, no + 1) for j in range(1, no + 1))
        r["c1_mse"] = exists
        r["c1_final"] = exists
        # sanity: with y_{i,j} both rows hold
        right = 2 / no ** 2 * (ov - yv)
        assert close(right, gE_o)
        g_right = np.array([[sum(right[i, j] * xv[i + nk - 1 - s_, j + nk - 1 - t]
                                 for i in range(no) for j in range(no)) for t in range(nk)] for s_ in range(nk)])
        assert close(g_right, gw)
    # pooling: o' = 2x2 max pooling with stride 2 of a fresh input
    xp = T(rnd(nx, nx), True)
    npo = nx // 2
    op = torch.stack([torch.stack([xp[2 * u:2 * u + 2, 2 * v:2 * v + 2].max() for v in range(npo)]) for u in range(npo)])
    Jp = torch.autograd.functional.jacobian(
        lambda xx: torch.stack([torch.stack([xx[2 * u:2 * u + 2, 2 * v:2 * v + 2].max() for v in range(npo)])
                                for u in range(npo)]), xp.detach()).numpy()       # [u, v, i, j]
    opv, xpv = op.detach().numpy(), xp.detach().numpy()
    local = np.array([[[[1.0 if xpv[i, j] == opv[u, v] else 0.0 for j in range(nx)] for i in range(nx)]
                       for v in range(npo)] for u in range(npo)])
    r["c2_local"] = close(local, Jp)
    Ep = loss_of(op)
    gxp = torch.autograd.grad(Ep, xp, retain_graph=True)[0].numpy()
    gop = torch.autograd.grad(Ep, op)[0].numpy()
    r["c2_chain"] = close(np.einsum("uv,uvij->ij", gop, Jp), gxp)
    return r


def dl5():
    res = {}
    for sizes in [(4, 2, True), (6, 3, True), (5, 2, False), (6, 2, True)]:
        for _ in range(2):
            part = dl5_once(*sizes)
            for k, v in part.items():
                res.setdefault(k, []).append(bool(v))
    return {k: verdict(all(v)) for k, v in res.items()}


# ---------------------------------------------------------------- boue_fc_maxpool_en
def frob(a, b):
    return float(np.sum(np.asarray(a) * np.asarray(b)))


def bou_fc_once(n, fi, fo):
    A = T(rnd(n, fi), True)
    w = T(rnd(fi, fo), True)
    b = T(rnd(fo), True)
    Ai = A @ w + b
    Ai.retain_grad()
    L = loss_of(Ai)
    L.backward()
    D = Ai.grad.numpy()
    Av, wv = A.detach().numpy(), w.detach().numpy()
    dA, dw, db = rnd(n, fi), rnd(fi, fo), rnd(fo)
    dAi = dA @ wv + Av @ dw + db[None, :]
    lhs = frob(D, dAi)
    rhs = frob(Av.T @ D, dw) + frob(D.sum(axis=0), db) + frob(D @ wv.T, dA)
    r = {"fc_under": isc(lhs, rhs) and close(Av.T @ D, w.grad) and close(D.sum(axis=0), b.grad)
         and close(D @ wv.T, A.grad),
         "bk_dA": close(D @ wv.T, A.grad),
         "bk_dw": close(Av.T @ D, w.grad),
         "bk_db": close(D.sum(axis=0), b.grad)}
    # the figure: n = 1, f_{i-1} = 2, f_i = 3, w_{ab} = w[a-1, b-1]
    a1 = T(rnd(1, 2), True)
    w1 = T(rnd(2, 3))
    o = a1 @ w1 + T(rnd(3))
    o.retain_grad()
    loss_of(o).backward()
    Ld, Md, Nd = o.grad.numpy()[0]
    W1 = w1.numpy()
    r["fig_1d"] = isc(W1[0, 0] * Ld + W1[0, 1] * Md + W1[0, 2] * Nd, a1.grad.numpy()[0, 0])
    return r


def maxpool(A, k):
    n, d, rr, _ = A.shape
    ro = rr // k
    return A.reshape(n, d, ro, k, ro, k).amax(dim=(3, 5))


def bou_mp_once(n, d, ro, k):
    A = T(rnd(n, d, ro * k, ro * k), True)
    Ai = maxpool(A, k)
    Ai.retain_grad()
    L = loss_of(Ai)
    L.backward()
    D = Ai.grad.numpy()
    Av = A.detach().numpy()
    Dt = np.repeat(np.repeat(D, k, axis=2), k, axis=3)                         # patch-wise broadcast
    mx = np.repeat(np.repeat(Ai.detach().numpy(), k, axis=2), k, axis=3)
    gp = (Av == mx).astype(float)                                                # indicator of each patch's max
    assert np.allclose(gp.reshape(n, d, ro, k, ro, k).sum(axis=(3, 5)), 1.0)   # no ties
    dA = rnd(*Av.shape)
    _, dAi = torch.autograd.functional.jvp(lambda x: maxpool(x, k), T(Av), T(dA))
    r = {"mp_frob": isc(frob(D, dAi.numpy()), frob(Dt * gp, dA)),
         "mp_back": close(Dt * gp, A.grad)}
    patch = T(rnd(k * k), True)
    g = torch.autograd.grad(patch.max(), patch)[0].numpy()
    pv = patch.detach().numpy()
    r["mp_gprime"] = close(g, (pv == pv.max()).astype(float))
    return r


def bou():
    res = repeat(bou_fc_once, [(1, 2, 3), (4, 3, 2), (5, 4, 4)])
    res.update(repeat(bou_mp_once, [(2, 2, 2, 2), (1, 3, 2, 3), (3, 1, 3, 2)]))
    return res


# ---------------------------------------------------------------- matconvnet_impl_derivatives_en
def vecF(a):
    """MATLAB's vec: column-major stacking."""
    return np.asarray(a).reshape(-1, order="F")


def im2row_index(H, W, D, Hf, Wf):
    """(p, q) -> (i, j, d) of the chapter's map, 0-based: p = i'' + H''j'', q = i' + H'j' + H'W'd."""
    Ho, Wo = H - Hf + 1, W - Wf + 1
    idx = {}
    for jo in range(Wo):
        for io in range(Ho):
            for d in range(D):
                for jf in range(Wf):
                    for i_f in range(Hf):
                        idx[(io + Ho * jo, i_f + Hf * jf + Hf * Wf * d)] = (io + i_f, jo + jf, d)
    return idx, Ho, Wo


def mcn_conv_once(H, W, D, Hf, Wf, K):
    idx, Ho, Wo = im2row_index(H, W, D, Hf, Wf)
    P, Q = Ho * Wo, Hf * Wf * D
    Hm = np.zeros((P * Q, H * W * D))                      # vec phi(x) = Hm vec x (column-major)
    for (p, q), (i, j, d) in idx.items():
        Hm[p + P * q, i + H * j + H * W * d] = 1.0
    x = T(rnd(H, W, D), True)
    f = T(rnd(Hf, Wf, D, K), True)
    y = torch.stack([torch.stack([torch.stack([(x[io:io + Hf, jo:jo + Wf, :] * f[:, :, :, k]).sum()
                                               for k in range(K)]) for jo in range(Wo)]) for io in range(Ho)])
    y.retain_grad()
    z = loss_of(y)
    z.backward()
    xv, fv = x.detach().numpy(), f.detach().numpy()
    phi = (Hm @ vecF(xv)).reshape(P, Q, order="F")
    F = fv.reshape(Q, K, order="F")                         # q = i' + H'j' + H'W'd
    Y = y.detach().numpy().reshape(P, K, order="F")
    assert close(phi @ F, Y)
    dY = y.grad.numpy().reshape(P, K, order="F")
    dF = f.grad.numpy().reshape(Q, K, order="F")
    dx = vecF(x.grad.numpy())
    dvecy = vecF(dY)
    I_K, I_P = np.eye(K), np.eye(P)
    ok1 = close(dvecy @ np.kron(I_K, phi), vecF(dF)) and close(vecF(phi.T @ dY), vecF(dF))
    ok2 = close(dvecy @ np.kron(F.T, I_P) @ Hm, dx) and close(vecF(dY @ F.T) @ Hm, dx)
    M = dY @ F.T
    back = np.zeros((H, W, D))
    for (p, q), (i, j, d) in idx.items():
        back[i, j, d] += M[p, q]
    return {"conv_dF_chain": ok1, "conv_dx_chain": ok2, "conv_box_dF": close(phi.T @ dY, dF),
            "conv_box_dX": close(back, x.grad.numpy())}


def mcn_pool_once(H, D, k, s):
    x = T(rnd(H, H, D), True)
    Ho = (H - k) // s + 1
    y = torch.stack([torch.stack([torch.stack([x[s * i:s * i + k, s * j:s * j + k, d].max() for d in range(D)])
                                  for j in range(Ho)]) for i in range(Ho)])
    y.retain_grad()
    loss_of(y).backward()
    xv, yv = x.detach().numpy(), y.detach().numpy()
    S = np.zeros((Ho * Ho * D, H * H * D))
    for d in range(D):
        for j in range(Ho):
            for i in range(Ho):
                win = xv[s * i:s * i + k, s * j:s * j + k, d]
                a, b_ = np.unravel_index(np.argmax(win), win.shape)
                S[i + Ho * j + Ho * Ho * d, (s * i + a) + H * (s * j + b_) + H * H * d] = 1.0
    assert close(S @ vecF(xv), vecF(yv))
    return {"pool_box": close(S.T @ vecF(y.grad.numpy()), vecF(x.grad.numpy()))}


def mcn_act_once(H, W, D):
    x = T(rnd(H, W, D), True)
    y = torch.sigmoid(x)
    y.retain_grad()
    loss_of(y).backward()
    yv, gy = y.detach().numpy(), y.grad.numpy()
    return {"sigm_mat": close(gy * yv * (np.ones_like(yv) - yv), x.grad)}


def mcn_bn_once(H, W, K, Tn, eps):
    x = T(rnd(H, W, K, Tn), True)
    w, b = T(rnd(K), True), T(rnd(K), True)
    mu = x.mean(dim=(0, 1, 3), keepdim=True)
    var = ((x - mu) ** 2).mean(dim=(0, 1, 3), keepdim=True)
    y = w.view(1, 1, K, 1) * (x - mu) / torch.sqrt(var + eps) + b.view(1, 1, K, 1)
    y.retain_grad()
    loss_of(y).backward()
    gy = y.grad.numpy()
    xv, muv, vv = x.detach().numpy(), mu.detach().numpy(), var.detach().numpy()
    wv = w.detach().numpy().reshape(1, 1, K, 1)
    xh = (xv - muv) / np.sqrt(vv + eps)
    dw = (gy * xh).sum(axis=(0, 1, 3))
    db = gy.sum(axis=(0, 1, 3))
    assert close(dw, w.grad) and close(db, b.grad)
    N = H * W * Tn
    middle = (gy * xh).sum(axis=(0, 1, 3))                 # sum dz/dy dy/dw_k, the row's middle member
    final = wv / np.sqrt(vv + eps) * (gy - db.reshape(1, 1, K, 1) / N - xh * dw.reshape(1, 1, K, 1) / N)
    return {"bn_db": close(middle, b.grad) and close(db, b.grad), "bn_final": close(final, x.grad)}


def mcn_sm_once(HW, D):
    X = T(rnd(HW, D), True)
    Y = torch.softmax(X, dim=1)
    Y.retain_grad()
    loss_of(Y).backward()
    Yv, gY = Y.detach().numpy(), Y.grad.numpy()
    right = Yv * (gY - (gY * Yv) @ np.ones((D, 1)) @ np.ones((1, D)))
    return {"sm_mat": close(right, X.grad)}


def mcn_loss_once(C, special):
    c = int(RNG.integers(C))
    p = float(RNG.uniform(0.5, 2.0))
    # log loss on positive scores
    xl = T(RNG.uniform(0.2, 3.0, C), True)
    g = torch.autograd.grad(-p * torch.log(xl[c]), xl)[0].numpy()
    xlv = xl.detach().numpy()
    claimed = np.array([-p * xlv[c] * (k == c) for k in range(C)])
    r = {"logloss": close(claimed, g)}
    # softmax log-loss
    xs = T(rnd(C), True)
    g = torch.autograd.grad(p * (-xs[c] + torch.logsumexp(xs, 0)), xs)[0].numpy()
    xsv = xs.detach().numpy()
    yc = np.exp(xsv[c]) / np.exp(xsv).sum()
    lval = -np.log(yc)
    r["sfl_y"] = close(np.array([-p * ((k == c) - yc) for k in range(C)]), g) or \
        close(np.array([-p * ((k == c) - lval) for k in range(C)]), g)
    # structured multi-class hinge
    xv = rnd(C)
    others = [k for k in range(C) if k != c]
    if special:                                  # x_c the largest score, by less than 1
        xv[c] = xv[others].max() + 0.5
    xh = T(xv, True)
    lh = torch.clamp(1 - xh[c] + xh[others].max(), min=0.0)
    g = torch.autograd.grad(p * lh, xh)[0].numpy()
    ts = int(np.argmax(xv))
    active = xv[c] < 1 + xv[others].max()
    claimed = np.array([-p * active * ((k == c) - (k == ts)) for k in range(C)], dtype=float)
    r["struct_hinge"] = close(claimed, g)
    return r


def mcn():
    res = repeat(mcn_conv_once, [(4, 4, 2, 2, 2, 3), (5, 4, 1, 3, 2, 2), (4, 5, 3, 2, 3, 2)])
    res.update(repeat(mcn_pool_once, [(4, 2, 2, 2), (5, 1, 3, 2), (6, 2, 2, 2)]))
    res.update(repeat(mcn_act_once, [(2, 3, 2), (3, 3, 1)]))
    res.update(repeat(mcn_bn_once, [(2, 3, 2, 2, 1e-5), (3, 2, 3, 1, 0.3), (1, 1, 2, 5, 1e-5)]))
    res.update(repeat(mcn_sm_once, [(4, 3), (6, 5)]))
    res.update(repeat(mcn_loss_once, [(3, False), (4, True), (5, False)]))
    return res


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
