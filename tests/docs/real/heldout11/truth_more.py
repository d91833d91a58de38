"""Truth for the last seven documents of the eleventh held-out set (cnn1_cnn4_upsample_zh,
react_cnn_backprop_en, wwwonderer_cnn_backprop_en, conv1d_tiger_stripes_vi,
ki_vorlesung_backprop_de, bgd_math_docs_en, backprop_alexnet_course_ko): numpy loops and torch autograd, never symbp.  Imported by
``truth_heldout11.py``, which writes the sidecars."""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from truth_common import T, close, repeat  # noqa: E402
from heldout11.truth_helpers import F, RNG, at, distinct, full_conv, jac, loss_of, rnd, rot180, same, slide  # noqa: E402


# ---------------------------------------------------------------- cnn1_cnn4_upsample_zh
def cnn14_pool_once(H, mode):
    """a^{l-1} = tanh(z^{l-1}), z^l = 2 x 2 pooling of a^{l-1} (stride 2), C a loss of z^l."""
    pool = (lambda v: F.avg_pool2d(v[None, None], 2)[0, 0]) if mode == "avg" else \
        (lambda v: F.max_pool2d(v[None, None], 2)[0, 0])
    z0 = T(distinct(H, H) * 4, True)                       # distinct: no ties in a max
    a = torch.tanh(z0)
    a.retain_grad()
    zl = pool(a)
    zl.retain_grad()
    loss_of(zl).backward()
    dl, d0, ga = zl.grad.numpy(), z0.grad.numpy(), a.grad.numpy()
    an = a.detach().numpy()
    sp = 1 - an ** 2
    Jp = jac(pool, a.detach()).numpy()                      # [m, n, i, j] = dz_mn / da_ij
    M = dl.shape[0]
    r2 = np.array([[sum(dl[m, m] * Jp[m, m, i, j] for m in range(M) for n in range(M)) * sp[i, j]
                    for j in range(H)] for i in range(H)])
    r3 = np.array([[sum(dl[m, n] * Jp[m, m, i, j] for m in range(M) for n in range(M)) * sp[i, j]
                    for j in range(H)] for i in range(H)])
    if mode == "avg":
        up = np.kron(dl, np.ones((2, 2))) / 4
    else:
        up = np.zeros((H, H))
        for m in range(M):
            for n in range(M):
                win = an[2 * m:2 * m + 2, 2 * n:2 * n + 2]
                r, c = np.unravel_index(np.argmax(win), win.shape)
                up[2 * m + r, 2 * n + c] = dl[m, n]
    t = {"n_pool_r2": close(r2, d0), "n_pool_r3": close(r3, d0),
         "n_cnn1_r2": close(np.einsum("mn,mnij->ij", dl, Jp) * sp, d0),
         "n_cnn1_r3": close(up * sp, d0)}
    if mode == "avg":
        t["n_up_kron"] = close(np.kron(dl, np.ones((2, 2))) * (1 / 4), ga)
    return t


def cnn14_example():
    """delta^l = [[2, 4], [6, 8]] behind a 2 x 2 average pooling of a 4 x 4 input."""
    a = T(rnd(4, 4), True)
    (T([[2, 4], [6, 8]]) * F.avg_pool2d(a[None, None], 2)[0, 0]).sum().backward()
    written = np.array([[0.5, 0.5, 1, 1], [0.5, 0.5, 1, 1], [1.5, 1.5, 2, 2], [1.5, 1.5, 2, 2]])
    return {"n_up_num": close(written, a.grad)}


def cnn14_conv_once(H, K):
    """z^l = W^l slid over a^{l-1} (no flip) + b^l, a^{l-1} = tanh(z^{l-1}), C a loss of z^l."""
    z0 = T(rnd(H, H), True)
    a = torch.tanh(z0)
    a.retain_grad()
    W, b = T(rnd(K, K), True), T(rnd(), True)
    zl = F.conv2d(a[None, None], W[None, None])[0, 0] + b
    zl.retain_grad()
    loss_of(zl).backward()
    dl, d0, Wn, an = zl.grad.numpy(), z0.grad.numpy(), W.detach().numpy(), a.detach().numpy()
    sp = 1 - an ** 2
    Ho = dl.shape[0]
    conv_a = (lambda v: F.conv2d(v[None, None], W.detach()[None, None])[0, 0])
    Jz = jac(lambda v: conv_a(torch.tanh(v)), z0.detach()).numpy()
    Ja = jac(conv_a, a.detach()).numpy()
    Jw = jac(lambda v: F.conv2d(a.detach()[None, None], v[None, None])[0, 0], W.detach()).numpy()
    via_a = np.einsum("mn,mnij->ij", dl, Ja) * sp
    r5 = np.array([[sum(dl[m, n] * at(Wn, i - m, j - n)[0] for m in range(Ho) for n in range(Ho)) * sp[i, j]
                    for j in range(H)] for i in range(H)])
    cnn2 = [slide(dl, rot180(Wn)), slide(rot180(Wn), dl)]          # either argument slid over the other
    w3 = np.array([[sum(dl[m, n] * an[m + i, n + j] for m in range(Ho) for n in range(Ho)) for j in range(K)]
                   for i in range(K)])
    gw = np.einsum("mn,mnij->ij", dl, Jw)
    return {"n_cnn2": any(v is not None and v.shape == sp.shape and close(v * sp, d0) for v in cnn2),
            "n_s_r2": close(np.einsum("mn,mnij->ij", dl, Jz), d0), "n_s_r3": close(via_a, d0),
            "n_s_r4": close(via_a, d0), "n_s_r5": close(r5, d0),
            "n_w_r1": close(gw, W.grad), "n_w_r2": close(gw, W.grad), "n_w_r3": close(w3, W.grad),
            "n_w_mat": same(slide(an, dl), W.grad),           # the note's *: delta^l slid over a^{l-1}
            "n_b_r1": bool(np.isclose((dl * 1.0).sum(), float(b.grad))),
            "n_b_r2": bool(np.isclose(dl.sum(), float(b.grad))),
            "n_cnn4": close(dl, b.grad)}


def cnn14():
    res = repeat(cnn14_pool_once, [(4, "avg"), (6, "avg"), (4, "max"), (6, "max")])
    res.update(repeat(cnn14_example, [()]))
    res.update(repeat(cnn14_conv_once, [(3, 2), (5, 3), (4, 2)]))
    return res


# ---------------------------------------------------------------- react_cnn_backprop_en
def react_conv_once(D, Kc, H, fh, fw):
    """z^l_{ijk} = b_k + sum_{d,p,q} w_{pqdk} a^{l-1}_{i+p,j+q,d} (HWC), a^{l-1} = tanh(z^{l-1})."""
    z0 = T(rnd(H, H, D), True)
    a0 = torch.tanh(z0)
    a0.retain_grad()
    w, b = T(rnd(fh, fw, D, Kc), True), T(rnd(Kc), True)

    def layer(av, wv):
        return F.conv2d(av.permute(2, 0, 1)[None], wv.permute(3, 2, 0, 1))[0].permute(1, 2, 0)

    z = layer(a0, w) + b
    z.retain_grad()
    loss_of(z).backward()
    dl, ga, d0 = z.grad.numpy(), a0.grad.numpy(), z0.grad.numpy()
    an, wn = a0.detach().numpy(), w.detach().numpy()
    Ho, Wo = dl.shape[:2]
    Jw = jac(lambda v: layer(a0.detach(), v), w.detach()).numpy()        # [i, j, k, p, q, d, k']
    Ja = jac(lambda v: layer(v, w.detach()), a0.detach()).numpy()        # [p, q, k, i, j, d]
    P = [(p, q, d, k) for p in range(fh) for q in range(fw) for d in range(D) for k in range(Kc)]
    chain = np.zeros(wn.shape)
    xc = np.zeros(wn.shape)
    local_w = True
    for p, q, d, k in P:
        chain[p, q, d, k] = sum(dl[i, j, k] * Jw[i, j, k, p, q, d, k] for i in range(Ho) for j in range(Wo))
        local_w &= all(np.isclose(Jw[i, j, k, p, q, d, k], an[i + p, j + q, d]) for i in range(Ho) for j in range(Wo))
        xc[p, q, d, k] = sum(dl[i, j, k] * at(an, p + i, q + j, d)[0] for i in range(Ho) for j in range(Wo))
    local_x = all(np.isclose(Ja[p, q, k, i, j, d], at(wn, i - p, j - q, d, k)[0])
                  for p in range(Ho) for q in range(Wo) for k in range(Kc)
                  for i in range(H) for j in range(H) for d in range(D))
    xsum = np.array([[[sum(dl[p, q, k] * at(wn, i - p, j - q, d, k)[0]
                           for k in range(Kc) for p in range(Ho) for q in range(Wo))
                       for d in range(D)] for j in range(H)] for i in range(H)])
    xconv = np.stack([sum(full_conv(dl[:, :, k], wn[:, :, d, k]) for k in range(Kc)) for d in range(D)], axis=2)
    gp = 1 - an ** 2
    return {"r_w_chain": close(chain, w.grad), "r_w_local": local_w, "r_w_xc": close(xc, w.grad),
            "r_b": close(dl.sum(axis=(0, 1)), b.grad),
            "r_x_local": local_x, "r_act": close(ga * gp, d0) and close(np.einsum("pqk,pqkijd->ijd", dl, Ja), ga),
            "r_full": close(gp * xconv, d0) and close(gp * xsum, d0)}


def react_pool_once(H, kh, kw):
    """The page's pooling at stride 1, and its backward rules with floor(i/k_h), floor(j/k_w)."""
    t = {}
    for mode in ("max", "avg"):
        a0 = T(distinct(H, H), True)
        out = (F.max_pool2d if mode == "max" else F.avg_pool2d)(a0[None, None], (kh, kw), stride=1)[0, 0]
        out.retain_grad()
        loss_of(out).backward()
        g, an = out.grad.numpy(), a0.detach().numpy()
        Ho, Wo = g.shape
        written = np.zeros((H, H))
        for i in range(H):
            for j in range(H):
                r, c = i // kh, j // kw
                if r < Ho and c < Wo:
                    if mode == "avg":
                        written[i, j] = g[r, c] / (kh * kw)
                    elif r <= i < r + kh and c <= j < c + kw and an[i, j] == an[r:r + kh, c:c + kw].max():
                        written[i, j] = g[r, c]
        t["r_" + mode + "pool"] = close(written, a0.grad)
    return t


def react_fc_once(n0, n1, n2):
    a0 = T(rnd(n0))
    w1, b1, w2, b2 = T(rnd(n0, n1), True), T(rnd(n1)), T(rnd(n1, n2)), T(rnd(n2))
    z1 = a0 @ w1 + b1                                     # z_j = sum_i w_ij a_i + b_j
    z1.retain_grad()
    a1 = torch.tanh(z1)
    z2 = a1 @ w2 + b2
    z2.retain_grad()
    loss_of(z2).backward()
    d1, d2 = z1.grad.numpy(), z2.grad.numpy()
    return {"r_fc_delta": close((1 - a1.detach().numpy() ** 2) * (w2.numpy() @ d2), d1),
            "r_fc_w": close(np.outer(a0.numpy(), d1), w1.grad)}


def react_stride_once(Cin, Cout, H, W, Kh, Kw, s, p):
    """G = sigma(Z), Z[i,j,co] = sum F[s i + k - p, s j + l - p, ci] K[k,l,ci,co] + b (HWC, zero padding)."""
    Fi, K, b = T(rnd(H, W, Cin), True), T(rnd(Kh, Kw, Cin, Cout), True), T(rnd(Cout), True)
    Z = F.conv2d(Fi.permute(2, 0, 1)[None], K.permute(3, 2, 0, 1), stride=s, padding=p)[0].permute(1, 2, 0) + b
    Z.retain_grad()
    G = torch.tanh(Z)
    G.retain_grad()
    loss_of(G).backward()
    dl, gG, Fn, Kn = Z.grad.numpy(), G.grad.numpy(), Fi.detach().numpy(), K.detach().numpy()
    Ho, Wo = dl.shape[:2]
    gK = np.array([[[[sum(dl[i, j, co] * at(Fn, s * i + k - p, s * j + l - p, ci)[0] for i in range(Ho) for j in range(Wo))
                      for co in range(Cout)] for ci in range(Cin)] for l in range(Kw)] for k in range(Kh)])
    gF = np.zeros(Fn.shape)
    for i2 in range(H):
        for j2 in range(W):
            for ci in range(Cin):
                for co in range(Cout):
                    for k in range(Kh):
                        for l in range(Kw):
                            u, v = i2 + p - k, j2 + p - l
                            if u % s == 0 and v % s == 0 and 0 <= u // s < Ho and 0 <= v // s < Wo:
                                gF[i2, j2, ci] += dl[u // s, v // s, co] * Kn[k, l, ci, co]
    return {"r_s_delta": close(gG * (1 - G.detach().numpy() ** 2), dl), "r_s_K": close(gK, K.grad),
            "r_s_b": close(dl.sum(axis=(0, 1)), b.grad), "r_s_F": close(gF, Fi.grad)}


def react():
    res = repeat(react_conv_once, [(2, 3, 5, 3, 3), (1, 2, 4, 2, 3)])
    res.update(repeat(react_pool_once, [(4, 2, 2), (5, 2, 3)]))
    res.update(repeat(react_fc_once, [(3, 2, 2), (4, 3, 2)]))
    res.update(repeat(react_stride_once, [(2, 3, 5, 5, 3, 3, 2, 1), (1, 2, 6, 5, 2, 3, 2, 0)]))
    return res


# ---------------------------------------------------------------- wwwonderer_cnn_backprop_en
def www_once(m, n, mp, np_):
    X, Fk = T(rnd(m, n), True), T(rnd(mp, np_), True)
    O = F.conv2d(X[None, None], Fk[None, None])[0, 0]
    O.retain_grad()
    loss_of(O).backward()
    gO = O.grad.numpy().ravel()
    JF = jac(lambda v: F.conv2d(X.detach()[None, None], v[None, None])[0, 0], Fk.detach()).numpy().reshape(gO.size, -1)
    JX = jac(lambda v: F.conv2d(v[None, None], Fk.detach()[None, None])[0, 0], X.detach()).numpy().reshape(gO.size, -1)
    fi = [sum(gO[k] * JF[k, i] for k in range(gO.size)) for i in range(JF.shape[1])]
    xi = [sum(gO[k] * JX[k, i] for k in range(gO.size)) for i in range(JX.shape[1])]
    return {"w_F": close(gO @ JF, Fk.grad.numpy().ravel()), "w_Fi": close(np.array(fi), Fk.grad.numpy().ravel()),
            "w_Xi": close(np.array(xi), X.grad.numpy().ravel())}


def www():
    return repeat(www_once, [(3, 3, 2, 2), (5, 4, 3, 2)])


# ---------------------------------------------------------------- conv1d_tiger_stripes_vi
def vi_numbers():
    """The note's numbers: X = [10, 10, 0], W = [0.5, -0.5], Y_pred = sum of the feature map,
    L = (Y_pred - 10)^2."""
    X, W = T([10.0, 10.0, 0.0]), T([0.5, -0.5], True)
    Y = F.conv1d(X[None, None], W[None, None])[0, 0].sum()
    Y.retain_grad()
    L = (Y - 10) ** 2
    L.backward()
    gW, gY = W.grad.numpy(), float(Y.grad)
    return {"v_dY": bool(np.isclose(float(Y), 5.0) and np.isclose(2 * (5 - 10), -10) and np.isclose(gY, -10)),
            "v_g1": bool(np.isclose((-10) * 10, gW[0])), "v_g2": bool(np.isclose((-10) * 0, gW[1]))}


def vi_chain_once(n, k):
    X, W = T(rnd(n)), T(rnd(k), True)
    Y = F.conv1d(X[None, None], W[None, None])[0, 0].sum()
    Y.retain_grad()
    L = (Y - 10) ** 2
    L.backward()
    dYdW = jac(lambda v: F.conv1d(X[None, None], v[None, None])[0, 0].sum(), W.detach()).numpy()
    return {"v_chain": close(float(Y.grad) * dYdW, W.grad)}


def vi():
    res = repeat(vi_numbers, [()])
    res.update(repeat(vi_chain_once, [(3, 2), (5, 3)]))
    return res


# ---------------------------------------------------------------- ki_vorlesung_backprop_de
def de_once(n0, n1, m):
    """Z = W A + b (columns are the m data points), A^{[l]} = tanh(Z), J a cost of A^{[l]}."""
    A0, W, b = T(rnd(n0, m), True), T(rnd(n1, n0), True), T(rnd(n1, 1), True)
    Z = W @ A0 + b
    Z.retain_grad()
    A = torch.tanh(Z)
    A.retain_grad()
    (loss_of(A) / m).backward()                    # any cost: here a mean over the data points
    dZ, dA, An = Z.grad.numpy(), A.grad.numpy(), A.detach().numpy()
    return {"g_dZ": close(dA * (1 - An ** 2), dZ),
            "g_dW": close(dZ @ A0.detach().numpy().T / m, W.grad),
            "g_db": close(dZ.sum(axis=1, keepdims=True) / m, b.grad),
            "g_dA": close(W.detach().numpy().T @ dZ, A0.grad)}


def de():
    return repeat(de_once, [(3, 2, 4), (2, 3, 3)])


# ---------------------------------------------------------------- bgd_math_docs_en
def bgd_fc_once(ell, n0, n1):
    """X^{(k)} = X A + b (one sample per row), L a loss of X^{(k)}, epsilon = dL/dX^{(k)}."""
    X, A, b = T(rnd(ell, n0), True), T(rnd(n0, n1), True), T(rnd(n1), True)
    Xk = X @ A + b
    Xk.retain_grad()
    loss_of(Xk).backward()
    e, Xn, An = Xk.grad.numpy(), X.detach().numpy(), A.detach().numpy()
    JA = jac(lambda v: X.detach() @ v + b.detach(), A.detach()).numpy()     # [alpha, beta, i, j]
    JX = jac(lambda v: v @ A.detach() + b.detach(), X.detach()).numpy()
    chain = np.einsum("ab,abij->ij", e, JA)
    put_in = np.array([[sum(e[a, be] * sum(Xn[a, g] * (1.0 if (g, be) == (i, j) else 0.0) for g in range(n0))
                         for a in range(ell) for be in range(n1)) for j in range(n1)] for i in range(n0)])
    w2 = [np.array([[sum(e[a, be] * Xn[a, i] * (be == j) for a in range(ell) for be in range(n1)) for j in range(n1)]
                    for i in range(n0)]),
          np.array([[sum(e[a, j] * Xn[a, i] for a in range(ell)) for j in range(n1)] for i in range(n0)]), Xn.T @ e]
    x1 = [np.einsum("ab,abij->ij", e, JX),
          np.array([[sum(e[a, be] * sum((a == i) * (g == j) for g in range(n0)) for a in range(ell) for be in range(n1))
                     for j in range(n0)] for i in range(ell)])]
    x2_ok, x2 = True, np.zeros((ell, n0))
    for i in range(ell):
        for j in range(n0):
            for be in range(n1):
                v, ok = at(An, be, j)                            # A_{beta,j} as written
                x2_ok &= ok
                x2[i, j] += e[i, be] * v
    return {"b_chain": close(chain, A.grad),
            "b_fc_w1": close(chain, A.grad) and close(put_in, A.grad),
            "b_fc_w2": all(close(v, A.grad) for v in w2),
            "b_fc_b": close(e.sum(axis=0), b.grad),
            "b_fc_x1": all(close(v, X.grad) for v in x1),
            "b_fc_x2": x2_ok and close(x2, X.grad) and close(e @ An.T, X.grad)}


def bgd_conv_once(ell, H, W, C, Fn, FH, FW, s, d):
    """X^{(k)}_beta = sum_gamma omega_{beta_3, gamma} X_{beta_0, s beta_1 + d gamma_1, s beta_2 + d gamma_2, gamma_3} + b
    (NHWC, from 0, the backward section's form of the forward)."""
    X, om, b = T(rnd(ell, H, W, C), True), T(rnd(Fn, FH, FW, C), True), T(rnd(Fn), True)

    def layer(xv, wv):
        return F.conv2d(xv.permute(0, 3, 1, 2), wv.permute(0, 3, 1, 2), stride=s, dilation=d).permute(0, 2, 3, 1)

    Xk = layer(X, om) + b
    Xk.retain_grad()
    loss_of(Xk).backward()
    e, Xkn = Xk.grad.numpy(), Xk.detach().numpy()
    Jw = jac(lambda v: layer(X.detach(), v), om.detach()).numpy()
    Ho, Wo = e.shape[1:3]
    written, ok = np.zeros(om.shape), True
    for a0 in range(Fn):
        for a1 in range(FH):
            for a2 in range(FW):
                for a3 in range(C):
                    for b0 in range(ell):
                        for b1 in range(Ho):
                            for b2 in range(Wo):
                                v, ex = at(Xkn, b0, s * b1 + d * a1, s * b2 + d * a2, a3)   # X^{(k)} as written
                                ok &= ex
                                written[a0, a1, a2, a3] += e[b0, b1, b2, a0] * v
    chain = np.einsum("nhwf,nhwfoijc->oijc", e, Jw)
    return {"b_chain": close(chain, om.grad), "b_cv_w1": ok and close(written, om.grad) and close(chain, om.grad),
            "b_cv_b": close(e.sum(axis=(0, 1, 2)), b.grad)}


def bgd():
    res = repeat(bgd_fc_once, [(3, 2, 4), (2, 3, 3), (4, 3, 2)])
    conv = repeat(bgd_conv_once, [(2, 5, 6, 2, 3, 2, 2, 1, 1), (1, 7, 7, 2, 2, 2, 3, 2, 1), (2, 7, 6, 1, 2, 2, 2, 1, 2)])
    res["b_chain"] = "holds" if res["b_chain"] == conv["b_chain"] == "holds" else "refuted"
    res.update({k: v for k, v in conv.items() if k != "b_chain"})
    return res


# ---------------------------------------------------------------- backprop_alexnet_course_ko
def ko_fc_once(dims, C):
    """z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a = tanh(z) in the hidden layers, p = softmax(z^{(n)}),
    L the cross-entropy of a one-hot y; returns the claims of rules (1)-(4), the derivation and
    the depth formula."""
    sizes = list(dims) + [C]
    Ws = [T(rnd(sizes[i + 1], sizes[i]), True) for i in range(len(sizes) - 1)]
    bs = [T(rnd(sizes[i + 1]), True) for i in range(len(sizes) - 1)]
    a, zs, acts = T(rnd(sizes[0])), [], []
    for i, (W, b) in enumerate(zip(Ws, bs)):
        acts.append(a)
        z = W @ a + b
        z.retain_grad()
        zs.append(z)
        a = torch.tanh(z) if i < len(Ws) - 1 else z
    y = np.zeros(C)
    y[RNG.integers(C)] = 1.0
    p = torch.softmax(zs[-1], 0)
    (-(T(y) * torch.log(p)).sum()).backward()
    d = [z.grad.numpy() for z in zs]
    sp = [1 - np.tanh(z.detach().numpy()) ** 2 for z in zs]
    Wn = [W.detach().numpy() for W in Ws]
    n = len(zs)
    t = {"k_out": close(p.detach().numpy() - y, d[-1]),
         "k_back": all(close((Wn[l + 1].T @ d[l + 1]) * sp[l], d[l]) for l in range(n - 1)),
         "k_dW": all(close(np.outer(d[l], acts[l].detach().numpy()), Ws[l].grad) for l in range(n)),
         "k_db": all(close(d[l], bs[l].grad) for l in range(n)),
         "k_deriv": all(close(np.array([sum(d[l + 1][i] * Wn[l + 1][i, j] for i in range(len(d[l + 1]))) * sp[l][j]
                                         for j in range(len(d[l]))]), d[l]) for l in range(n - 1))}
    prod = np.eye(len(d[0]))
    for l in range(n - 1):                                   # D^{(1)} W^{(2)T} D^{(2)} W^{(3)T} ... left to right
        prod = prod @ np.diag(sp[l]) @ Wn[l + 1].T
    t["k_depth"] = close(prod @ d[-1], d[0])
    return t


def ko_conv_once(H, K):
    X, Kk = T(rnd(H, H), True), T(rnd(K, K), True)
    Y = F.conv2d(X[None, None], Kk[None, None])[0, 0]
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xn, Kn = Y.grad.numpy(), X.detach().numpy(), Kk.detach().numpy()
    Ho = G.shape[0]
    kmn = np.array([[sum(G[i, j] * Xn[i + m, j + n] for i in range(Ho) for j in range(Ho)) for n in range(K)]
                    for m in range(K)])
    t = {"k_Kmn": close(kmn, Kk.grad), "k_dX": same(slide(np.pad(G, K - 1), rot180(Kn)), X.grad)}
    if (H, K) == (3, 2):
        t["k_K00"] = bool(np.isclose(G[0, 0] * Xn[0, 0] + G[0, 1] * Xn[0, 1] + G[1, 0] * Xn[1, 0] + G[1, 1] * Xn[1, 1],
                                     Kk.grad[0, 0]))
        t["k_X11"] = bool(np.isclose(G[0, 0] * Kn[1, 1] + G[0, 1] * Kn[1, 0] + G[1, 0] * Kn[0, 1] + G[1, 1] * Kn[0, 0],
                                     X.grad[1, 1]))
    return t


def ko_numbers():
    """The lesson's X and G = dL/dY (L = sum G * Y)."""
    X, G = T([[1, 2, 0], [0, 1, 3], [2, 1, 0]]), T([[1, 0], [-1, 2]])
    Kk = T(rnd(2, 2), True)
    (G * F.conv2d(X[None, None], Kk[None, None])[0, 0]).sum().backward()
    g = Kk.grad.numpy()
    rows = {"k_n00": (1 * 1 + 0 * 2 + (-1) * 0 + 2 * 1, 3, g[0, 0]), "k_n01": (1 * 2 + 0 * 0 + (-1) * 1 + 2 * 3, 7, g[0, 1]),
            "k_n10": (1 * 0 + 0 * 1 + (-1) * 2 + 2 * 1, 0, g[1, 0]), "k_n11": (1 * 1 + 0 * 3 + (-1) * 1 + 2 * 0, 0, g[1, 1])}
    t = {k: bool(np.isclose(a, b) and np.isclose(b, c)) for k, (a, b, c) in rows.items()}
    t["k_nK"] = close(np.array([[3, 7], [0, 0]]), g)
    return t


def ko_mc_once(B, Cin, Cout, H, K):
    X, Kk = T(rnd(B, Cin, H, H), True), T(rnd(Cout, Cin, K, K), True)
    Y = F.conv2d(X, Kk)
    Y.retain_grad()
    loss_of(Y).backward()
    G, Xn = Y.grad.numpy(), X.detach().numpy()
    Ho = G.shape[2]
    w = np.zeros(Kk.shape)
    for o in range(Cout):
        for c in range(Cin):
            for m in range(K):
                for n in range(K):
                    w[o, c, m, n] = sum(G[b, o, i, j] * Xn[b, c, i + m, j + n]
                                        for b in range(B) for i in range(Ho) for j in range(Ho))
    return {"k_mc": close(w, Kk.grad)}


def ko():
    res = repeat(ko_fc_once, [((3, 4), 3), ((2, 3, 4, 2), 4)])
    res.update(repeat(ko_conv_once, [(3, 2), (5, 3), (4, 2)]))
    res.update(repeat(ko_numbers, [()]))
    res.update(repeat(ko_mc_once, [(2, 2, 3, 4, 2), (1, 3, 2, 5, 3)]))
    return res
