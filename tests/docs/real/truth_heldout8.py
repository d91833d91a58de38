"""Independent truth for the eighth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout8.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout8/`` (the format of truth_heldout7.py: claims, one README-style directive
per section, the displays left out of the score).  The documents were transcribed and their
truth established before anything of symbp was run on them (nothing of symbp is imported
here).  Each claim is evaluated literally as written: written bounds, offsets, index base and
the document's own convention for its sliding sum (Jefkine's \\ast is the true convolution of
his eq. 2); a written bound that reaches an entry that does not exist refutes the claim unless
the document says the tensor is padded there; a sum without bounds runs over where its indexed
tensors exist; a shape that differs refutes.  Every claim is checked at two random draws and,
where a document states its rules for any size, at two sets of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout8"
sys.path.insert(0, str(HERE))
from truth_common import T, close, repeat, write_and_report  # noqa: E402
from heldout8.claims_table import TABLE  # noqa: E402

RNG = np.random.default_rng(88)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def rnd(*shape):
    return RNG.standard_normal(shape)


def loss_of(z):
    """A loss with a non-constant gradient: L = sum(G * z) + sum(z^3) / 3."""
    G = T(rnd(*z.shape))
    return (G * z).sum() + (z ** 3).sum() / 3


def conv1(x, w, b=None, stride=1):
    """Single-channel valid cross-correlation with torch (for autograd)."""
    out = F.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]
    return out + b if b is not None else out


def at(a, i, j):
    """(value, exists): a[i, j] with zero outside, and whether the entry exists."""
    ok = 0 <= i < a.shape[0] and 0 <= j < a.shape[1]
    return (a[i, j] if ok else 0.0), ok


def distinct(*shape):
    """Positive values that are all different (no ties in a max)."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) + RNG.uniform(0.1, 0.9, n)).reshape(shape) / n + 0.1


# ---------------------------------------------------------------- jefkine_conv_backprop
def jef_once(H, W, k1, k2, q1, q2):
    o, w, b = T(rnd(H, W)), T(rnd(k1, k2), True), T(rnd(), True)
    x = conv1(o, w, b)                                    # x^l, (H-k1+1) x (W-k2+1)
    x.retain_grad()
    w2, b2 = T(rnd(q1, q2)), T(rnd())
    x2 = conv1(torch.tanh(x), w2, b2)                     # x^{l+1}
    x2.retain_grad()
    loss_of(x2).backward()
    d, gw, d2 = x.grad.numpy(), w.grad.numpy(), x2.grad.numpy()
    on, xn, w2n = o.numpy(), x.detach().numpy(), w2.numpy()
    Ho, Wo = d.shape
    t = {}
    Jw = jac(lambda v: conv1(o, v, b.detach()), w.detach()).numpy()          # (Ho, Wo, k1, k2)
    t["j_w_chain"] = t["j_w_delta"] = close(np.einsum("ij,ijmn->mn", d, Jw), gw)

    def written(v):                                       # the forward as eq. 11 writes it
        return torch.stack([torch.stack([sum(v[m, n] * o[i + m, j + n] for m in range(k1) for n in range(k2)) + b.detach()
                                         for j in range(Wo)]) for i in range(Ho)])
    t["j_dxdw"] = close(jac(written, w.detach()).numpy(), Jw)
    slices = np.array([[[[on[i + m, j + n] for n in range(k2)] for m in range(k1)] for j in range(Wo)] for i in range(Ho)])
    t["j_dxdw_o"] = close(Jw, slices)
    t["j_dw"] = close(np.einsum("ij,ijmn->mn", d, slices), gw)
    # eq. 14 with eq. 2: (I * K)_{m'n'} = sum_{a<H} sum_{c<W} I(m'-a, n'-c) K(a, c), I = rot180(delta), K = o
    rot_d = np.rot90(d, 2)
    val, exists = np.zeros((k1, k2)), True
    for mp in range(k1):
        for np_ in range(k2):
            for a in range(H):
                for c in range(W):
                    v, ok = at(rot_d, mp - a, np_ - c)
                    exists &= ok
                    val[mp, np_] += v * on[a, c]
    t["j_dw_rot"] = exists and close(val, gw)
    # the deltas: delta^l = dE/dx^l (d), through x^{l+1} = corr(tanh(x^l), w2)
    fp = 1 - np.tanh(xn) ** 2
    J2 = jac(lambda v: conv1(torch.tanh(v), w2, b2), x.detach()).numpy()    # (Ho2, Wo2, Ho, Wo)
    v17a, v17b, v20, v22 = (np.zeros((Ho, Wo)) for _ in range(4))
    ex17 = ex22 = True
    rot_w2 = np.rot90(w2n, 2)
    for i in range(Ho):
        for j in range(Wo):
            for m in range(q1):
                for n in range(q2):
                    g, ok = at(d2, i - m, j - n)
                    ex17 &= ok
                    jl = J2[i - m, j - n, i, j] if ok else 0.0
                    v17a[i, j] += g * jl
                    v17b[i, j] += g * jl
                    v20[i, j] += g * w2n[m, n] * fp[i, j]
                    ex22 &= ok
                    v22[i, j] += g * rot_w2[m, n] * fp[i, j]
    t["j_dx17a"] = ex17 and close(v17a, d)
    t["j_dx17b"] = ex17 and close(v17b, d)
    t["j_dx20"] = ex17 and close(v20, d)
    t["j_dx22"] = ex22 and close(v22, d)
    M, ex21 = np.zeros((Ho, Wo)), True
    for i in range(Ho):
        for j in range(Wo):
            for m in range(q1):
                for n in range(q2):
                    g, ok = at(d2, i + m, j + n)
                    ex21 &= ok
                    M[i, j] += g * w2n[m, n]
    t["j_dx21"] = ex21 and close(np.rot90(M, 2) * fp, d)
    return t


def jef():
    return repeat(jef_once, [(6, 7, 2, 3, 2, 2), (5, 6, 3, 2, 2, 3)])


# ---------------------------------------------------------------- yizt_conv_channels_stride_zh
def yconv_once(Ci, Co, H, W, k1, k2):
    z0, Wt, b = T(rnd(Ci, H, W), True), T(rnd(k1, k2, Ci, Co), True), T(rnd(Co), True)
    fwd = lambda zz, ww, bb: F.conv2d(zz[None], ww.permute(3, 2, 0, 1), bb)[0]   # W_{m,n,c,d}
    z1 = fwd(z0, Wt, b)
    z1.retain_grad()
    loss_of(z1).backward()
    d, gW, gb, gz = z1.grad.numpy(), Wt.grad.numpy(), b.grad.numpy(), z0.grad.numpy()
    zn, Wn = z0.detach().numpy(), Wt.detach().numpy()
    Ho, Wo = H - k1 + 1, W - k2 + 1
    JW = jac(lambda v: fwd(z0.detach(), v, b.detach()), Wt.detach()).numpy()   # (Co,Ho,Wo,k1,k2,Ci,Co)
    chain = np.array([[[[sum(d[e, i, j] * JW[e, i, j, m, n, c, e] for i in range(Ho) for j in range(Wo))
                         for e in range(Co)] for c in range(Ci)] for n in range(k2)] for m in range(k1)])
    written = np.array([[[[[zn[c, i + m, j + n] for c in range(Ci)] for n in range(k2)] for m in range(k1)]
                         for j in range(Wo)] for i in range(Ho)])               # d z_{d,i,j} / d W_{m,n,c,d}
    same = all(close(JW[e, :, :, :, :, :, e], written) for e in range(Co))
    dW = np.array([[[[sum(d[e, i, j] * zn[c, i + m, j + n] for i in range(Ho) for j in range(Wo))
                      for e in range(Co)] for c in range(Ci)] for n in range(k2)] for m in range(k1)])
    pd = np.pad(d, ((0, 0), (k1 - 1, k1 - 1), (k2 - 1, k2 - 1)))
    dx = np.array([[[sum(Wn[k1 - 1 - m, k2 - 1 - n, c, e] * pd[e, i + m, j + n]
                         for e in range(Co) for m in range(k1) for n in range(k2))
                     for j in range(W)] for i in range(H)] for c in range(Ci)])
    return {"y_w_chain": close(chain, gW), "y_w_sub": same and close(dW, gW), "y_w": close(dW, gW),
            "y_b": close(d.sum(axis=(1, 2)), gb), "y_dx": close(dx, gz)}


def yconv_strided_once(Ci, Co, H, W, k1, k2, s, p):
    assert (H + 2 * p - k1) % s == 0 and (W + 2 * p - k2) % s == 0   # the note's sizes divide
    z0, Wt, b = T(rnd(Ci, H, W), True), T(rnd(k1, k2, Ci, Co), True), T(rnd(Co), True)
    pz = F.pad(z0, (p, p, p, p))
    pz.retain_grad()
    fwd = lambda zz, ww: F.conv2d(zz[None], ww.permute(3, 2, 0, 1), b.detach(), stride=s)[0]
    z1 = F.conv2d(pz[None], Wt.permute(3, 2, 0, 1), b, stride=s)[0]
    z1.retain_grad()
    loss_of(z1).backward()
    d, gW, gpz, gz = z1.grad.numpy(), Wt.grad.numpy(), pz.grad.numpy(), z0.grad.numpy()
    pzn, Wn = pz.detach().numpy(), Wt.detach().numpy()
    Co_, Ho, Wo = d.shape
    Hp, Wp = H + 2 * p, W + 2 * p
    JW = jac(lambda v: fwd(pz.detach(), v), Wt.detach()).numpy()
    written = np.array([[[[[pzn[c, i * s + m, j * s + n] for c in range(Ci)] for n in range(k2)] for m in range(k1)]
                         for j in range(Wo)] for i in range(Ho)])
    same = all(close(JW[e, :, :, :, :, :, e], written) for e in range(Co))
    dW = np.array([[[[sum(d[e, i, j] * pzn[c, i * s + m, j * s + n] for i in range(Ho) for j in range(Wo))
                      for e in range(Co)] for c in range(Ci)] for n in range(k2)] for m in range(k1)])
    dil = np.zeros((Co, (Ho - 1) * s + 1, (Wo - 1) * s + 1))
    dil[:, ::s, ::s] = d
    pdl = np.pad(dil, ((0, 0), (k1 - 1, k1 - 1), (k2 - 1, k2 - 1)))
    dpz = np.array([[[sum(Wn[k1 - 1 - m, k2 - 1 - n, c, e] * pdl[e, i + m, j + n]
                          for e in range(Co) for m in range(k1) for n in range(k2))
                      for j in range(Wp)] for i in range(Hp)] for c in range(Ci)])
    return {"y_ws_sub": same and close(dW, gW), "y_ws": close(dW, gW), "y_dpz": close(dpz, gpz),
            "y_crop": close(gpz[:, p:H + p, p:W + p], gz), "y_crop_sum": close(dpz[:, p:H + p, p:W + p], gz)}


def yconv():
    res = repeat(yconv_once, [(2, 3, 5, 6, 3, 2), (1, 2, 4, 4, 2, 2)])
    res.update(repeat(yconv_strided_once, [(2, 3, 5, 6, 3, 2, 2, 1), (1, 2, 6, 6, 2, 2, 2, 0)]))
    return res


# ---------------------------------------------------------------- yizt_pooling_zh
def ypool_once(C, H, W, k, s, p):
    t = {}
    # max pooling on the zero-padded input (positive distinct values: a pad is never the maximum)
    x = T(distinct(C, H, W), True)
    pz = F.pad(x, (p, p, p, p))
    pz.retain_grad()
    y = F.max_pool2d(pz[None], k, s)[0]
    y.retain_grad()
    loss_of(y).backward()
    d, gpz, gx, pn = y.grad.numpy(), pz.grad.numpy(), x.grad.numpy(), pz.detach().numpy()
    _, Ho, Wo = d.shape
    Hp, Wp = H + 2 * p, W + 2 * p
    summed = np.zeros((C, Hp, Wp))
    for c in range(C):
        for i in range(Ho):
            for j in range(Wo):
                win = pn[c, i * s:i * s + k, j * s:j * s + k]
                a, b = np.unravel_index(np.argmax(win), win.shape)
                summed[c, i * s + a, j * s + b] += d[c, i, j]
    t["p_max5"] = close(summed, gpz)
    t["p_max6a"] = close(gpz[:, p:H + p, p:W + p], gx)
    t["p_max6b"] = close(summed[:, p:H + p, p:W + p], gx)
    # average pooling (divides by k1 k2 everywhere: the padded entries count)
    x = T(rnd(C, H, W), True)
    pz = F.pad(x, (p, p, p, p))
    pz.retain_grad()
    y = F.avg_pool2d(pz[None], k, s)[0]
    y.retain_grad()
    loss_of(y).backward()
    d, gpz, gx = y.grad.numpy(), pz.grad.numpy(), x.grad.numpy()
    t["p_avg9a"] = close(gpz[:, p:H + p, p:W + p], gx)
    val, exists = np.zeros((C, H, W)), True
    for c in range(C):
        for m in range(p, H + p):
            for n in range(p, W + p):
                for i in range(max(0, (m - k + 1) // s), m // s + 1):       # the range (8), i >= 0
                    for j in range(max(0, (n - k + 1) // s), n // s + 1):
                        v, ok = at(d[c], i, j)
                        exists &= ok
                        val[c, m - p, n - p] += v / (k * k)
    t["p_avg9b"] = exists and close(val, gx)
    # global max and global average pooling
    x = T(distinct(C, H, W), True)
    y = x.amax(dim=(1, 2))
    y.retain_grad()
    loss_of(y).backward()
    d, gx, xn = y.grad.numpy(), x.grad.numpy(), x.detach().numpy()
    want = np.zeros((C, H, W))
    for c in range(C):
        a, b = np.unravel_index(np.argmax(xn[c]), (H, W))
        want[c, a, b] = d[c]
    t["p_gmax10"] = close(want, gx)
    x = T(rnd(C, H, W), True)
    y = x.mean(dim=(1, 2))
    y.retain_grad()
    loss_of(y).backward()
    d, gx = y.grad.numpy(), x.grad.numpy()
    H_l = 1                                              # the global pooling's output height
    t["p_gavg12"] = close(np.broadcast_to(d[:, None, None] / (H_l * W), (C, H, W)), gx)
    return t


def ypool():
    return repeat(ypool_once, [(2, 4, 6, 2, 2, 0), (1, 5, 5, 3, 2, 1)])


# ---------------------------------------------------------------- rumhub_tfg_conv_es
def rum_once():
    A = rnd(3, 3)
    A[1, 1] = abs(A[1, 1]) + 0.1                          # A_22 > 0 and A_23 < 0: ReLU' differs
    A[1, 2] = -abs(A[1, 2]) - 0.1
    A = T(A, True)
    K = T(rnd(2, 2), True)
    Z = torch.relu(A)
    Y = conv1(Z, K)
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gK, gA = Y.grad.numpy(), K.grad.numpy(), A.grad.numpy()
    Zn, Kn, An = Z.detach().numpy(), K.detach().numpy(), A.detach().numpy()
    JK = jac(lambda v: conv1(Z.detach(), v), K.detach()).numpy()           # (2, 2, 2, 2)
    JZ = jac(lambda v: conv1(v, K.detach()), Z.detach()).numpy()           # (2, 2, 3, 3)
    z = lambda i, j: Zn[i - 1, j - 1]                                      # 1-based entries
    k = lambda i, j: Kn[i - 1, j - 1]
    dy = lambda i, j: gY[i - 1, j - 1] if 1 <= i <= 2 and 1 <= j <= 2 else None
    rp = lambda i, j: float(An[i - 1, j - 1] > 0)
    dYdK = lambda i, j, x, y: JK[i - 1, j - 1, x - 1, y - 1]
    dYdZ = lambda i, j, x, y: JZ[i - 1, j - 1, x - 1, y - 1]
    xy = [(1, 1), (1, 2), (2, 1), (2, 2)]
    t = {"r_sum_k": close(sum(dy(i, j) * dYdK(i, j, 1, 1) for i in (1, 2) for j in (1, 2)), gK[0, 0]),
         "r_y11_kxy": all(close(dYdK(1, 1, x, y), z(x, y)) for x, y in xy),     # dY_11 expression / dK_xy
         "r_y11_k11": close(dYdK(1, 1, 1, 1), z(1, 1)), "r_y11_k22": close(dYdK(1, 1, 2, 2), z(2, 2)),
         "r_y11_z13": close(dYdZ(1, 1, 1, 3), 0.0), "r_y11_z22": close(dYdZ(1, 1, 2, 2), k(2, 2)),
         "r_y12_kxy": all(close(dYdK(1, 2, x, y), z(x, y)) for x, y in xy),     # written with Y_11's terms
         "r_y12_k12": close(dYdK(1, 2, 1, 2), z(1, 3)), "r_y12_z11": close(dYdZ(1, 2, 1, 1), 0.0),
         "r_y12_z23": close(dYdZ(1, 2, 2, 3), k(2, 2)), "r_y21_k21": close(dYdK(2, 1, 2, 1), z(3, 1)),
         "r_y21_z22": close(dYdZ(2, 1, 2, 2), k(1, 2)),
         "r_y22_kxy": all(close(dYdK(2, 2, x, y), z(x, y)) for x, y in xy),
         "r_y22_z23": close(dYdZ(2, 2, 2, 3), k(1, 2))}

    def terms(pairs):                                     # sum of dE/dY_ij * v; None if an entry is missing
        vals = [dy(i, j) for (i, j), _ in pairs]
        return None if any(v is None for v in vals) else sum(v * w for v, (_, w) in zip(vals, pairs))
    rows = {"r_dk11": ([((1, 1), z(1, 1)), ((1, 2), z(1, 2)), ((2, 1), z(2, 1)), ((2, 2), z(2, 2))], gK[0, 0]),
            "r_dk12": ([((1, 1), z(1, 2)), ((1, 2), z(1, 3)), ((2, 1), z(2, 2)), ((2, 2), z(2, 3))], gK[0, 1]),
            "r_dk21": ([((1, 1), z(2, 1)), ((1, 2), z(2, 2)), ((3, 1), z(2, 1)), ((2, 2), z(3, 2))], gK[1, 0]),
            "r_dk22": ([((1, 1), z(2, 2)), ((1, 2), z(2, 3)), ((3, 1), z(3, 2)), ((2, 2), z(3, 3))], gK[1, 1])}
    for cid, (pairs, truth) in rows.items():
        v = terms(pairs)
        t[cid] = v is not None and close(v, truth)
    inputs = {"r_da11": (terms([((1, 1), k(1, 1))]) * rp(1, 1), gA[0, 0]),
              "r_da12": ((dy(1, 1) * k(1, 2) + dy(1, 2) * k(1, 1)) * rp(1, 2), gA[0, 1]),
              "r_da22": ((dy(1, 1) * k(2, 2) + dy(1, 2) * k(2, 1) + dy(2, 1) * k(1, 2) + dy(2, 2) * k(1, 1)) * rp(2, 2), gA[1, 1]),
              "r_da23": ((dy(1, 2) * k(2, 2) + dy(2, 2) * k(1, 2)) * rp(2, 2), gA[1, 2]),
              "r_da33": (dy(2, 2) * k(2, 2) * rp(3, 3), gA[2, 2])}
    for cid, (v, truth) in inputs.items():
        t[cid] = close(v, truth)
    return t


def rum():
    return repeat(rum_once, [()])


# ---------------------------------------------------------------- up9rade_conv_im2col
def up9_once():
    x, w = T(rnd(1, 3)), T(rnd(3, 1))
    Jw = jac(lambda v: (x @ v)[0, 0], w).numpy()                            # (3, 1)
    A, B = T(rnd(2, 2)), T(rnd(2, 2))
    J = jac(lambda v: v @ B, A).numpy()                                     # (2, 2, 2, 2): dC_rc / dA_pq
    Bn = B.numpy()
    c = {1: (0, 0), 2: (0, 1)}
    a = {1: (0, 0), 2: (0, 1), 3: (1, 0), 4: (1, 1)}
    b = {1: Bn[0, 0], 2: Bn[0, 1], 3: Bn[1, 0], 4: Bn[1, 1]}
    d = lambda ci, ai: J[c[ci] + a[ai]]
    return {"u_dydw": close(Jw, x.numpy().T), "u_c1a1": close(d(1, 1), b[1]), "u_c1a2": close(d(1, 2), b[3]),
            "u_c1a3": close(d(1, 3), 0.0), "u_c1a4": close(d(1, 4), 0.0), "u_c2a1": close(d(2, 1), b[2]),
            "u_c2a2": close(d(2, 2), b[4])}


def up9():
    return repeat(up9_once, [()])


# ---------------------------------------------------------------- rparedes_mlp_softmax_es
def rpar_once(d, h, k):
    x, W1, W2 = T(rnd(d)), T(rnd(h, d), True), T(rnd(k, h), True)
    y = np.zeros(k)
    y[RNG.integers(k)] = 1.0
    z1 = W1 @ x
    z1.retain_grad()
    a1 = torch.relu(z1)
    a1.retain_grad()
    z2 = W2 @ a1
    z2.retain_grad()
    p = torch.softmax(z2, 0)
    L = -(T(y) * torch.log(p)).sum()
    L.backward()
    d2, d1, ga1 = z2.grad.numpy(), z1.grad.numpy(), a1.grad.numpy()
    pn, a1n, xn, W2n, z1n = p.detach().numpy(), a1.detach().numpy(), x.numpy(), W2.detach().numpy(), z1.detach().numpy()
    ind = (z1n > 0).astype(float)
    Jr = jac(torch.relu, z1.detach()).numpy()
    return {"m_d2": close(pn - y, d2), "m_dW2": close(np.outer(d2, a1n), W2.grad), "m_da1": close(W2n.T @ d2, ga1),
            "m_relu": close(Jr, np.diag(ind)), "m_d1": close(ga1 * np.diag(ind), d1),    # (h,) * (h, h): a matrix
            "m_dW1": close(np.outer(d1, xn), W1.grad), "m_sum_d2": close(pn - y, d2),
            "m_sum_d1": close((W2n.T @ d2) * ind, d1)}


def rpar():
    return repeat(rpar_once, [(5, 4, 3), (3, 6, 4)])


# ---------------------------------------------------------------- jihwan_fc_backprop
def jih_once(n):
    dims = [3, 4, 5, 2]
    Ws = [T(rnd(dims[i], dims[i + 1]), True) for i in range(3)]
    bs = [T(rnd(1, dims[i + 1]), True) for i in range(3)]
    h = [T(rnd(n, dims[0]))]
    us = []
    for i in range(3):
        u = h[-1] @ Ws[i] + bs[i]
        u.retain_grad()
        us.append(u)
        hh = torch.tanh(u)
        hh.retain_grad()
        h.append(hh)
    loss_of(h[-1]).backward()
    gu = [u.grad.numpy() for u in us]
    hn = [v.detach().numpy() for v in h]
    un = [u.detach().numpy() for u in us]
    Wn = [w.detach().numpy() for w in Ws]
    gW = [w.grad.numpy() for w in Ws]
    gb = [b.grad.numpy() for b in bs]
    fp = [1 - np.tanh(u) ** 2 for u in un]
    gh3 = h[-1].grad.numpy()
    t = {}
    if n == 1:                                            # single sample: row vectors
        Ju = jac(lambda v: h[2].detach() @ v + bs[2].detach(), Ws[2].detach()).numpy()[0]   # (m3, m2, m3)
        m2, m3 = dims[2], dims[3]
        t["h_out_chain"] = all(close(gh3[0, j] * fp[2][0, j] * Ju[j, i, j], gW[2][i, j]) for i in range(m2) for j in range(m3))
        t["h_duW"] = all(close(Ju[j, i, j], hn[2][0, i]) for i in range(m2) for j in range(m3))
        t["h_dW_delta"] = close(np.outer(hn[2][0], gu[2][0]), gW[2])
        t["h_db_delta"] = close(gh3 * fp[2], gb[2]) and close(gu[2], gb[2])
        back = gu[2] @ Wn[2].T                            # sum_d delta_d^{l+1} W_{jd}^{l+1}, l = 2
        t["h_hid_delta"] = close(back * fp[1], gu[1])
        t["h_hid_dW"] = close(np.outer(hn[1][0], (back * fp[1])[0]), gW[1])
        t["h_vec_WL"] = close(hn[2].T @ (gh3 * fp[2]), gW[2]) and close(hn[2].T @ gu[2], gW[2])
        t["h_vec_bL"] = close(gh3 * fp[2], gb[2])
        t["h_vec_Wl"] = close(hn[1].T @ (back * fp[1]), gW[1])
        t["h_vec_bl"] = close(back * fp[1], gb[1])
        d3, W3 = gu[2], Wn[2]                             # 1 x 2 times 5 x 2: no product
        t["h_vec_delta"] = d3.shape[1] == W3.shape[0] and close((d3 @ W3) * fp[1], gu[1])
    else:                                                 # n samples: rows of H, U
        t["h_mb_W"] = close(hn[2].T @ gu[2], gW[2])
        t["h_mb_b"] = close(np.ones((1, n)) @ gu[2], gb[2])
        t["h_mb_delta"] = close((gu[2] @ Wn[2].T) * fp[1], gu[1])
    return t


def jih():
    res = repeat(jih_once, [(1,)])
    res.update(repeat(jih_once, [(3,)]))
    return res


# ---------------------------------------------------------------- xor_softmax_ce_zh
def xor_once(k):
    z = T(rnd(k))
    sig = torch.softmax(z, 0).numpy()
    J = jac(lambda v: torch.softmax(v, 0), z).numpy()                      # J[i, s] = d sigma_i / d z_s
    e, S = np.exp(z.numpy()), np.exp(z.numpy()).sum()
    quot = np.array([[((e[i] if s == i else 0.0) * S - e[s] * e[i]) / S ** 2 for s in range(k)] for i in range(k)])
    off = [(i, s) for i in range(k) for s in range(k) if i != s]
    t = {"s_quot": close(quot, J), "s_eq": all(close(J[i, i], sig[i] * (1 - sig[i])) for i in range(k)),
         "s_neq": all(close(J[i, s], -sig[s] * sig[i]) for i, s in off)}
    # E = -sum t_k log y_k, y = softmax(s), t a probability vector
    s = T(rnd(k), True)
    tt = RNG.uniform(0.1, 1.0, k)
    tt /= tt.sum()
    y = torch.softmax(s, 0)
    E = -(T(tt) * torch.log(y)).sum()
    E.backward()
    gs, yn = s.grad.numpy(), y.detach().numpy()
    Jy = jac(lambda v: torch.softmax(v, 0), s.detach()).numpy()            # Jy[k, i] = dy_k / ds_i
    dEdy = -tt / yn
    t["c_sum"] = close(np.array([sum(dEdy[q] * Jy[q, i] for q in range(k)) for i in range(k)]), gs)
    t["c_split"] = close(np.array([dEdy[i] * Jy[i, i] + sum(dEdy[q] * Jy[q, i] for q in range(k) if q != i)
                                   for i in range(k)]), gs)
    t["c_x1"] = all(close(1.0 * (-tt[0] / yn[0]) * Jy[0, i], dEdy[0] * Jy[0, i]) for i in range(k))
    t["c_mid"] = close(np.array([-tt[i] * (1 - yn[i]) + sum(tt[q] * yn[i] for q in range(k) if q != i)
                                 for i in range(k)]), gs)
    t["c_final"] = close(yn - tt, gs)
    # L = -sum_i p(x_i) log sigma_i(z)
    z = T(rnd(k), True)
    pp = RNG.uniform(0.1, 1.0, k)
    pp /= pp.sum()
    sg = torch.softmax(z, 0)
    L = -(T(pp) * torch.log(sg)).sum()
    L.backward()
    gz, sgn = z.grad.numpy(), sg.detach().numpy()
    Jl = jac(lambda v: torch.log(torch.softmax(v, 0)), z.detach()).numpy()  # d log sigma_i / d z_s
    Js = jac(lambda v: torch.softmax(v, 0), z.detach()).numpy()
    t["l_first"] = close(-(pp[:, None] * Jl).sum(axis=0), gz)
    same_case = -np.sum(pp / sgn * sgn * (1 - sgn))
    t["l_eq1"] = close(np.full(k, same_case), gz)
    t["l_eq2"] = close(np.full(k, -np.sum(pp * (1 - sgn))), gz)
    t["l_log"] = close(Jl, Js / sgn[:, None])
    return t


def xor():
    return repeat(xor_once, [(4,), (3,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
