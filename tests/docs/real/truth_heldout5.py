"""Independent truth for the fifth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout5.py`` writes a ``*.truth.json`` sidecar beside each of the
eight documents in ``heldout5/`` (the format of truth_heldout4.py: claims, one README-style
directive per section, the displays left out of the score).  The documents were transcribed and
their truth established before anything of symbp was run on them.  Each claim is evaluated
literally as written: written bounds, offsets, index base and layer labels; a written bound that
reaches an entry that does not exist refutes the claim unless the document says that the tensor is
padded there; a sum or a free index without bounds runs over where its indexed tensors exist; a
free index on one side only must hold for all its values; the document's own definitions of its
notation (a tilde that swaps axes, a padded or dilated gradient, np.tensordot) are used.  Every
claim is checked at two or more random draws and, where a document gives no sizes, at two sets
of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout5"
sys.path.insert(0, str(HERE))
from truth_common import all_true, close, collect, verdict, write_table_sidecars  # noqa: E402
from heldout5.claims_table import TABLE  # noqa: E402

RNG = np.random.default_rng(55)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def rnd(*shape):
    return RNG.standard_normal(shape)


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), requires_grad=grad)


def loss_of(z):
    """A loss with a non-constant gradient: L = sum(G * z) + sum(z^3) / 3."""
    G = T(rnd(*z.shape))
    return (G * z).sum() + (z ** 3).sum() / 3


def dtanh(x):
    x = np.asarray(x, dtype=float)
    t = T(x, True)
    torch.tanh(t).sum().backward()
    return t.grad.numpy()


def pad2(a, p):
    """Zero padding of the last two axes by p."""
    w = [(0, 0)] * (a.ndim - 2) + [(p, p), (p, p)]
    return np.pad(a, w)


def dilate2(a, s):
    """s-1 zeros between the rows and the columns of the last two axes."""
    h, w = a.shape[-2:]
    out = np.zeros(a.shape[:-2] + ((h - 1) * s + 1, (w - 1) * s + 1))
    out[..., ::s, ::s] = a
    return out


# ------------------------------------------------------------ Mint: linear and NCHW convolution
def mint_linear_once(N=2, Mi=3, Mo=4):
    x, W, b = T(rnd(N, Mi), True), T(rnd(Mi, Mo), True), T(rnd(Mo), True)
    z = x @ W + b
    z.retain_grad()
    loss_of(z).backward()
    g, xn, Wn = z.grad.numpy(), x.detach().numpy(), W.detach().numpy()
    Jw = jac(lambda w: x.detach() @ w + b.detach(), W.detach()).numpy()     # (N,Mo,Mi,Mo)
    Jb = jac(lambda bb: x.detach() @ W.detach() + bb, b.detach()).numpy()   # (N,Mo,Mo)
    Jx = jac(lambda xx: xx @ W.detach() + b.detach(), x.detach()).numpy()   # (N,Mo,N,Mi)
    gW, gb, gx = W.grad.numpy(), b.grad.numpy(), x.grad.numpy()
    t = {}
    t["m_fc_w_chain"] = close([[sum(g[n, m] * Jw[n, m, i, j] for n in range(N) for m in range(Mo))
                                for j in range(Mo)] for i in range(Mi)], gW)
    t["m_fc_w_r1"] = close([[sum(g[n, j] * Jw[n, j, i, j] for n in range(N)) for j in range(Mo)]
                            for i in range(Mi)], gW)
    t["m_fc_w_r2"] = close([[float(np.dot(g[:, j], Jw[:, j, i, j])) for j in range(Mo)] for i in range(Mi)], gW)
    t["m_fc_w_r3"] = close([[float(np.dot(g[:, j], xn[:, i])) for j in range(Mo)] for i in range(Mi)], gW)
    t["m_fc_W_mat"] = close(xn.T @ g, gW)
    t["m_fc_b_r1"] = close([sum(g[n, m] * Jb[n, m, i] for n in range(N) for m in range(Mo)) for i in range(Mo)], gb)
    t["m_fc_b_r2"] = close([sum(g[n, i] for n in range(N)) for i in range(Mo)], gb)
    t["m_fc_x_r1"] = close([[sum(g[n, m] * Jx[n, m, n, j] for m in range(Mo)) for j in range(Mi)]
                            for n in range(N)], gx)
    t["m_fc_x_r2"] = close([[sum(g[n, m] * Wn[j, m] for m in range(Mo)) for j in range(Mi)] for n in range(N)], gx)
    t["m_fc_x_r3"] = close([[float(np.dot(g[n, :], Wn[j, :])) for j in range(Mi)] for n in range(N)], gx)
    t["m_fc_x_mat"] = close(g @ Wn.T, gx)
    return t


def mint_conv_once(N=2, C0=2, C1=3, H0=5, W0=4, Fk=2):
    x, k, b = T(rnd(N, C0, H0, W0), True), T(rnd(C1, C0, Fk, Fk), True), T(rnd(C1), True)
    z = F.conv2d(x, k, b)
    z.retain_grad()
    H1, W1 = H0 - Fk + 1, W0 - Fk + 1
    xn, kn = x.detach().numpy(), k.detach().numpy()
    zl = np.array([[[[sum(xn[n, cp, h + i, w + j] * kn[c, cp, i, j] for cp in range(C0) for i in range(Fk)
                          for j in range(Fk)) + float(b.detach()[c]) for w in range(W1)] for h in range(H1)]
                    for c in range(C1)] for n in range(N)])
    assert close(z, zl)                                    # the note's forward (with the bias of Z = X*K + b)
    loss_of(z).backward()
    d, gk, gb, gx = z.grad.numpy(), k.grad.numpy(), b.grad.numpy(), x.grad.numpy()
    Jk = jac(lambda kk: F.conv2d(x.detach(), kk, b.detach()), k.detach()).numpy()
    Jb = jac(lambda bb: F.conv2d(x.detach(), k.detach(), bb), b.detach()).numpy()
    Jx = jac(lambda xx: F.conv2d(xx, k.detach(), b.detach()), x.detach()).numpy()
    t = {}
    idx_k = list(np.ndindex(C1, C0, Fk, Fk))
    chain = np.zeros(gk.shape)
    for c, cp, i, j in idx_k:
        chain[c, cp, i, j] = sum(d[n, c, h, w] * Jk[n, c, h, w, c, cp, i, j]
                                 for n in range(N) for h in range(H1) for w in range(W1))
    t["m_cv_k_r1"] = close(chain, gk)
    direct = np.zeros(gk.shape)
    for c, cp, i, j in idx_k:
        direct[c, cp, i, j] = sum(d[n, c, h, w] * xn[n, cp, h + i, w + j]
                                  for n in range(N) for h in range(H1) for w in range(W1))
    t["m_cv_k_r2"] = t["m_cv_k_r3"] = close(direct, gk)
    xt, dt = xn.transpose(1, 0, 2, 3), d.transpose(1, 0, 2, 3)          # the tilde: batch <-> channel
    tilde = np.zeros(gk.shape)
    for c, cp, i, j in idx_k:
        tilde[c, cp, i, j] = sum(xt[cp, n, i + h, j + w] * dt[c, n, h, w]
                                 for n in range(N) for h in range(H1) for w in range(W1))
    t["m_cv_k_tilde"] = close(tilde, gk)
    t["m_cv_b_r1"] = close([sum(d[n, c, h, w] * Jb[n, c, h, w, c] for n in range(N) for h in range(H1)
                                for w in range(W1)) for c in range(C1)], gb)
    t["m_cv_b_r2"] = close(d.sum(axis=(0, 2, 3)), gb)
    r1 = np.zeros(gx.shape)
    r2 = np.zeros(gx.shape)
    for n, c, h, w in np.ndindex(*gx.shape):
        r1[n, c, h, w] = sum(d[n, cp, hp, wp] * Jx[n, cp, hp, wp, n, c, h, w]
                             for cp in range(C1) for hp in range(H1) for wp in range(W1))
        r2[n, c, h, w] = sum(d[n, cp, hp, wp] * Jx[n, cp, hp, wp, n, c, h, w]
                             * (max(0, h - Fk + 1) <= hp <= h and max(0, w - Fk + 1) <= wp <= w)
                             for cp in range(C1) for hp in range(H1) for wp in range(W1))
    t["m_cv_x_r1"], t["m_cv_x_r2"] = close(r1, gx), close(r2, gx)
    # the window rows: z_{n,c',h-F+1+i, w-F+1+j} for i, j = 0..F-1 reach outside z (h = 0 or h = H0-1)
    reach = any(not (0 <= h - Fk + 1 + i < H1 and 0 <= w - Fk + 1 + j < W1)
                for h in range(H0) for w in range(W0) for i in range(Fk) for j in range(Fk))
    zero_out = np.zeros(gx.shape)                     # what is meant, with zeros outside
    for n, c, h, w in np.ndindex(*gx.shape):
        zero_out[n, c, h, w] = sum(d[n, cp, h - Fk + 1 + i, w - Fk + 1 + j] * kn[cp, c, Fk - 1 - i, Fk - 1 - j]
                                   for cp in range(C1) for i in range(Fk) for j in range(Fk)
                                   if 0 <= h - Fk + 1 + i < H1 and 0 <= w - Fk + 1 + j < W1)
    assert close(zero_out, gx)
    t["m_cv_x_win_r1"] = t["m_cv_x_win_r2"] = not reach and close(zero_out, gx)
    dd = pad2(d, Fk - 1)                               # \ddot{\delta}: F-1 zeros on each side
    khat = kn[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # \hat{k}_{c,c',i,j} = k_{c',c,F-1-i,F-1-j}
    p1 = np.zeros(gx.shape)
    p2 = np.zeros(gx.shape)
    for n, c, h, w in np.ndindex(*gx.shape):
        p1[n, c, h, w] = sum(dd[n, cp, h + i, w + j] * kn[cp, c, Fk - 1 - i, Fk - 1 - j]
                             for cp in range(C1) for i in range(Fk) for j in range(Fk))
        p2[n, c, h, w] = sum(dd[n, cp, h + i, w + j] * khat[c, cp, i, j]
                             for cp in range(C1) for i in range(Fk) for j in range(Fk))
    t["m_cv_x_pad_r1"], t["m_cv_x_pad_r2"] = close(p1, gx), close(p2, gx)
    return t


def mint_stride_once(N=2, C0=2, C1=3, H0=6, W0=7, Fk=2, S=2):
    x, k = T(rnd(N, C0, H0, W0), True), T(rnd(C1, C0, Fk, Fk), True)
    z = F.conv2d(x, k, stride=S)
    z.retain_grad()
    H1, W1 = z.shape[2], z.shape[3]
    xn, kn = x.detach().numpy(), k.detach().numpy()
    zl = np.array([[[[sum(xn[n, cp, h * S + i, w * S + j] * kn[c, cp, i, j] for cp in range(C0)
                          for i in range(Fk) for j in range(Fk)) for w in range(W1)] for h in range(H1)]
                    for c in range(C1)] for n in range(N)])
    assert close(z, zl)
    loss_of(z).backward()
    d, gk = z.grad.numpy(), k.grad.numpy()
    t = {}
    typo_ok, typo = True, np.zeros(gk.shape)            # x_{n,c',hS+i,hS+j}
    for c, cp, i, j in np.ndindex(*gk.shape):
        s = 0.0
        for n, h, w in np.ndindex(N, H1, W1):
            if not (h * S + i < H0 and h * S + j < W0):
                typo_ok = False
                continue
            s += d[n, c, h, w] * xn[n, cp, h * S + i, h * S + j]
        typo[c, cp, i, j] = s
    t["m_st_k_r2"] = typo_ok and close(typo, gk)
    dchk = dilate2(d, S)                                 # \check{\delta}
    full = np.zeros(gk.shape)
    short = np.zeros(gk.shape)
    for c, cp, i, j in np.ndindex(*gk.shape):
        full[c, cp, i, j] = sum(dchk[n, c, h, w] * xn[n, cp, h + i, w + j] for n in range(N)
                                for h in range(dchk.shape[2]) for w in range(dchk.shape[3]))
        short[c, cp, i, j] = sum(dchk[n, c, h, w] * xn[n, cp, h + i, w + j] for n in range(N)
                                 for h in range(H1) for w in range(W1))    # the written bounds H^l-1, W^l-1
    assert close(full, gk)                               # right over the whole dilated map
    t["m_st_k_chk_r1"] = t["m_st_k_chk_r2"] = t["m_st_k_chk_r3"] = close(short, gk)
    return t


def mint():
    res = {}
    for _ in range(2):
        collect(res, mint_linear_once())
        collect(res, mint_linear_once(3, 2, 5))
        collect(res, mint_conv_once())
        collect(res, mint_conv_once(1, 1, 2, 4, 5, 3))
        collect(res, mint_stride_once())
        collect(res, mint_stride_once(1, 1, 2, 5, 5, 3, 2))
    return all_true(res)


# ------------------------------------------------------------ selfnn (Chinese): DNN rules and a 2-D conv chain
def selfnn_fc_once(n0=3, n1=4, n2=2):
    a0 = T(rnd(n0))                                     # a^{(l-1)}
    W1, b1 = T(rnd(n1, n0), True), T(rnd(n1), True)     # layer l
    W2, b2 = T(rnd(n2, n1), True), T(rnd(n2), True)     # layer l+1 = the output layer (n_L)
    y = T(rnd(n2))
    z1 = W1 @ a0 + b1
    a1 = torch.tanh(z1)
    z2 = W2 @ a1 + b2
    a2 = torch.tanh(z2)
    for v in (z1, z2):
        v.retain_grad()
    E = 0.5 * ((y - a2) ** 2).sum()
    E.backward()
    d1, d2 = z1.grad.numpy(), z2.grad.numpy()
    a0n, a1n, a2n, yn = a0.numpy(), a1.detach().numpy(), a2.detach().numpy(), y.numpy()
    W2n = W2.detach().numpy()
    f1, f2 = dtanh(z1.detach().numpy()), dtanh(z2.detach().numpy())
    Jz2w = jac(lambda w: w @ a1.detach() + b2.detach(), W2.detach()).numpy()   # (n2, n2, n1)
    Jz1w = jac(lambda w: w @ a0 + b1.detach(), W1.detach()).numpy()           # (n1, n1, n0)
    Jzz = jac(lambda z: W2.detach() @ torch.tanh(z) + b2.detach(), z1.detach()).numpy()   # (n2, n1)
    Jza = jac(lambda a: W2.detach() @ a + b2.detach(), a1.detach()).numpy()              # (n2, n1)
    Jaz = jac(torch.tanh, z1.detach()).numpy()                                           # (n1, n1)
    Jzb1 = jac(lambda bb: W1.detach() @ a0 + bb, b1.detach()).numpy()
    Jzb2 = jac(lambda bb: W2.detach() @ a1.detach() + bb, b2.detach()).numpy()
    gW1, gW2, gb1, gb2 = W1.grad.numpy(), W2.grad.numpy(), b1.grad.numpy(), b2.grad.numpy()
    t = {}
    t["z_outw_r1"] = close([[d2[i] * Jz2w[i, i, j] for j in range(n1)] for i in range(n2)], gW2)
    t["z_outw_r2"] = close(np.outer(d2, a1n), gW2)
    t["z_dout"] = close(-(yn - a2n) * f2, d2)
    t["z_dout_vec"] = close(-(yn - a2n) * f2, d2)
    t["z_hidw_r1"] = close([[d1[i] * Jz1w[i, i, j] for j in range(n0)] for i in range(n1)], gW1)
    t["z_hidw_r2"] = close(np.outer(d1, a0n), gW1)
    t["z_dl_r2"] = t["z_dl_r3"] = close([sum(d2[j] * Jzz[j, i] for j in range(n2)) for i in range(n1)], d1)
    t["z_dzz_r1"] = close([[Jza[j, i] * Jaz[i, i] for i in range(n1)] for j in range(n2)], Jzz)
    t["z_dzz_r2"] = close([[W2n[j, i] * f1[i] for i in range(n1)] for j in range(n2)], Jzz)
    t["z_dl_sum_r1"] = close([sum(d2[j] * W2n[j, i] * f1[i] for j in range(n2)) for i in range(n1)], d1)
    t["z_dl_sum_r2"] = close([sum(d2[j] * W2n[j, i] for j in range(n2)) * f1[i] for i in range(n1)], d1)
    t["z_dl_vec"] = close(-(W2n.T @ d2) * f1, d1)
    t["z_b_r1"] = close([d1[i] * Jzb1[i, i] for i in range(n1)], gb1) and \
        close([d2[i] * Jzb2[i, i] for i in range(n2)], gb2)
    t["z_b_r2"] = close(d1, gb1) and close(d2, gb2)
    return t


def selfnn_conv_once(H=6, W=7, k1=2, k2=3):
    """o^{l-1} (H x W) -> x^l = sum w^l o^{l-1}_{i+m,j+n} + b^l -> o^l = f(x^l) -> x^{l+1} (same kernel size)."""
    o0 = T(rnd(H, W))
    w1, b1 = T(rnd(k1, k2), True), T(rnd(1), True)
    w2, b2 = T(rnd(k1, k2), True), T(rnd(1), True)

    def fwd(o, w, b):                                   # the page's forward, written as loops
        Ho, Wo = o.shape[0] - k1 + 1, o.shape[1] - k2 + 1
        return torch.stack([torch.stack([sum(w[m, n] * o[i + m, j + n] for m in range(k1) for n in range(k2)) + b[0]
                                         for j in range(Wo)]) for i in range(Ho)])
    x1 = fwd(o0, w1, b1)
    assert close(x1, F.conv2d(o0[None, None], w1[None, None], b1)[0, 0])
    x1.retain_grad()
    o1 = torch.tanh(x1)
    x2 = fwd(o1, w2, b2)
    x2.retain_grad()
    loss_of(x2).backward()
    d1, d2 = x1.grad.numpy(), x2.grad.numpy()
    o0n, o1n, x1n = o0.numpy(), o1.detach().numpy(), x1.detach().numpy()
    w2n, gw1 = w2.detach().numpy(), w1.grad.numpy()
    H1, W1 = H - k1 + 1, W - k2 + 1
    H2, W2 = H1 - k1 + 1, W1 - k2 + 1
    fp = dtanh(x1n)
    Jw = jac(lambda w: fwd(o0, w, b1.detach()), w1.detach()).numpy()        # (H1, W1, k1, k2)
    t = {}
    chain = np.array([[sum(d1[i, j] * Jw[i, j, mp, np_] for i in range(0, H - k1 + 1) for j in range(0, W - k2 + 1))
                       for np_ in range(k2)] for mp in range(k1)])
    t["c_w_chain_r1"] = t["c_w_chain_r2"] = close(chain, gw1)
    conv = jac(lambda w: F.conv2d(o0[None, None], w[None, None], b1.detach())[0, 0], w1.detach())
    t["c_dxdw_fwd"] = close(Jw, conv)                  # the forward restated (loops) against conv2d's
    t["c_dxdw_r2"] = t["c_dxdw_r3"] = all(np.isclose(Jw[i, j, mp, np_], o0n[i + mp, j + np_])
                                          for i, j, mp, np_ in np.ndindex(H1, W1, k1, k2))
    t["c_w_final"] = close([[sum(d1[i, j] * o0n[i + mp, j + np_] for i in range(H - k1 + 1) for j in range(W - k2 + 1))
                             for np_ in range(k2)] for mp in range(k1)], gw1)
    # dE/dx^l_{i'j'} through x^{l+1}: the written sums m = 0..k1-1, n = 0..k2-1 reach delta^{l+1} outside it
    reach = any(not (0 <= ip - m < H2 and 0 <= jp - n < W2)
                for ip in range(H1) for jp in range(W1) for m in range(k1) for n in range(k2))
    zero_out = np.array([[sum(d2[ip - m, jp - n] * w2n[m, n] for m in range(k1) for n in range(k2)
                              if 0 <= ip - m < H2 and 0 <= jp - n < W2) * fp[ip, jp]
                          for jp in range(W1)] for ip in range(H1)])
    assert close(zero_out, d1)                        # what is meant: zeros outside delta^{l+1}
    t["c_dx_chain_r1"] = t["c_dx_chain_r2"] = t["c_dx_final"] = not reach and close(zero_out, d1)
    # d x^{l+1}_{i'-m, j'-n} / d x^l_{i',j'}: free indices where the entries exist
    Jxx = jac(lambda x: fwd(torch.tanh(x), w2.detach(), b2.detach()), x1.detach()).numpy()  # (H2,W2,H1,W1)
    ok = True
    for ip, jp, m, n in np.ndindex(H1, W1, k1, k2):
        if not (0 <= ip - m < H2 and 0 <= jp - n < W2):
            continue
        ok &= bool(np.isclose(Jxx[ip - m, jp - n, ip, jp], w2n[m, n] * fp[ip, jp]))
    # the substituted rows differentiate the same forward: by autograd, entry by entry
    rows_ok = True
    for ip, jp, m, n in np.ndindex(H1, W1, k1, k2):
        if not (0 <= ip - m < H2 and 0 <= jp - n < W2):
            continue
        xv = T(x1n, True)
        expr = sum(w2[mp, np_].detach() * torch.tanh(xv[ip - m + mp, jp - n + np_])
                   for mp in range(k1) for np_ in range(k2)) + b2.detach()[0]
        expr.backward()
        rows_ok &= bool(np.isclose(float(xv.grad[ip, jp]), Jxx[ip - m, jp - n, ip, jp]))
        one = T(x1n[ip, jp], True)
        (w2[m, n].detach() * torch.tanh(one)).backward()
        rows_ok &= bool(np.isclose(float(one.grad), Jxx[ip - m, jp - n, ip, jp]))
    for key in ("c_dxx_r1", "c_dxx_r2", "c_dxx_r3", "c_dxx_r4"):
        t[key] = ok and rows_ok
    t["c_dxx_r5"] = ok
    return t


def selfnn():
    res = {}
    for _ in range(2):
        collect(res, selfnn_fc_once())
        collect(res, selfnn_fc_once(2, 3, 4))
        collect(res, selfnn_conv_once())
        collect(res, selfnn_conv_once(5, 5, 2, 2))
    return all_true(res)


# ------------------------------------------------------------ Scthe: FC with W_ji, conv in HWC
def scthe_fc_once(s_l=3, s_L=4):
    xl = T(rnd(s_l), True)                              # x^{(l)}
    W, b = T(rnd(s_L, s_l), True), T(rnd(s_L), True)    # W^{(l)}_{ji}, b^l_j
    Y = T(rnd(s_L))
    yl = torch.tanh(xl)
    yl.retain_grad()
    xL = W @ yl + b
    xL.retain_grad()
    h = torch.tanh(xL)
    J = 0.5 * ((Y - h) ** 2).sum()
    J.backward()
    dL, gy, dl = xL.grad.numpy(), yl.grad.numpy(), xl.grad.numpy()
    Wn, yln, hn, Yn = W.detach().numpy(), yl.detach().numpy(), h.detach().numpy(), Y.numpy()
    fL, fl = dtanh(xL.detach().numpy()), dtanh(xl.detach().numpy())
    xv = T(xL.detach().numpy(), True)
    (0.5 * ((Y - torch.tanh(xv)) ** 2).sum()).backward()
    Jxy = jac(lambda y: W.detach() @ y + b.detach(), yl.detach()).numpy()     # (s_L, s_l)
    Jyx = jac(torch.tanh, xl.detach()).numpy()
    JxW = jac(lambda w: w @ yl.detach() + b.detach(), W.detach()).numpy()     # (s_L, s_L, s_l)
    Jxb = jac(lambda bb: W.detach() @ yl.detach() + bb, b.detach()).numpy()   # (s_L, s_L)
    gW, gb = W.grad.numpy(), b.grad.numpy()
    t = {}
    t["s_dL_r2"] = close(xv.grad, dL)
    t["s_dL_r3"] = t["s_tldr_dL"] = all(close((hn - Yn) * fL[j], dL[j]) for j in range(s_L))   # a vector for one entry
    t["s_dy_r2"] = all(np.isclose(Jxy[j, i] * dL[j], gy[i]) for i in range(s_l) for j in range(s_L))
    t["s_dy_r3"] = all(np.isclose(Wn[j, i] * dL[j], gy[i]) for i in range(s_l) for j in range(s_L))
    t["s_dy_sum"] = close([sum(Wn[j, i] * dL[j] for j in range(s_L)) for i in range(s_l)], gy)
    t["s_dl_r2"] = close([Jyx[i, i] * gy[i] for i in range(s_l)], dl)
    t["s_dl_r3"] = t["s_tldr_dl"] = close([fl[i] * sum(Wn[j, i] * dL[j] for j in range(s_L)) for i in range(s_l)], dl)
    t["s_dW_r2"] = close([[JxW[j, j, i] * dL[j] for i in range(s_l)] for j in range(s_L)], gW)
    t["s_dW_r3"] = t["s_tldr_dW"] = close([[yln[i] * dL[j] for i in range(s_l)] for j in range(s_L)], gW)
    t["s_db_r2"] = all(np.isclose(Jxb[j, i] * dL[j], gb[i]) for i in range(s_L) for j in range(s_L))
    t["s_db_r3"] = t["s_tldr_db"] = all(np.isclose(dL[j], gb[i]) for i in range(s_L) for j in range(s_L))
    return t


def scthe_conv_once(w_img=5, h_img=4, n_l=2, n_l1=3, f=2):
    xl = T(rnd(w_img, h_img, n_l), True)                 # x^{(l)}_{i,j,k}
    Wt = T(rnd(f, f, n_l1, n_l), True)                   # W^{(l)}_{abnk}
    b = T(rnd(n_l1), True)
    yl = torch.tanh(xl)
    yl.retain_grad()
    # x^{(l+1)}_{i,j,n} = sum_{a,b,k} W_{abnk} y_{(i+a),(j+b),k} + b_n (HWC, cross-correlation)
    x1 = F.conv2d(yl.permute(2, 0, 1)[None], Wt.permute(2, 3, 0, 1), b)[0].permute(1, 2, 0)
    wo, ho = w_img - f + 1, h_img - f + 1
    yn, Wn = yl.detach().numpy(), Wt.detach().numpy()
    loop = np.array([[[sum(Wn[a, bb, n, k] * yn[i + a, j + bb, k] for a in range(f) for bb in range(f)
                           for k in range(n_l)) + float(b.detach()[n]) for n in range(n_l1)] for j in range(ho)] for i in range(wo)])
    assert close(x1, loop)
    x1.retain_grad()
    loss_of(x1).backward()
    d1, dl, gW, gb = x1.grad.numpy(), xl.grad.numpy(), Wt.grad.numpy(), b.grad.numpy()
    fp = dtanh(xl.detach().numpy())

    def delta(sign):
        out = np.zeros(dl.shape)
        for i, j, k in np.ndindex(*dl.shape):
            out[i, j, k] = fp[i, j, k] * sum(Wn[a, bb, n, k] * d1[i + sign * a, j + sign * bb, n]
                                             for a in range(f) for bb in range(f) for n in range(n_l1)
                                             if 0 <= i + sign * a < wo and 0 <= j + sign * bb < ho)
        return out
    assert close(delta(-1), dl)                          # the (i-a) form the author mentions is right
    t = {"s_cnn_delta": close(delta(+1), dl)}
    t["s_cnn_dW"] = close([[[[sum(yn[i + a, j + bb, k] * d1[i, j, n] for i in range(wo) for j in range(ho))
                              for k in range(n_l)] for n in range(n_l1)] for bb in range(f)] for a in range(f)], gW)
    t["s_cnn_db"] = all(np.isclose(d1[:, :, n].sum(), gb[k]) for k in range(n_l1) for n in range(n_l1))
    return t


def scthe():
    res = {}
    for _ in range(2):
        collect(res, scthe_fc_once())
        collect(res, scthe_fc_once(2, 3))
        collect(res, scthe_conv_once())
        collect(res, scthe_conv_once(4, 4, 1, 2, 3))
    return all_true(res)


# ------------------------------------------------------------ Manual Convolution slides: HWC, vectors per position
def slides_once(H=5, W=4, C=2, O=3, k=2, s=1):
    I, K, b = T(rnd(H, W, C), True), T(rnd(k, k, C, O), True), T(rnd(O), True)

    def fwd(II, KK, bb):
        return F.conv2d(II.permute(2, 0, 1)[None], KK.permute(3, 2, 0, 1), bb, stride=s)[0].permute(1, 2, 0)
    R = fwd(I, K, b)
    Ho, Wo = R.shape[0], R.shape[1]
    assert Ho == -(-(H - (k - 1)) // s) and Wo == -(-(W - (k - 1)) // s)     # the slides' ceil sizes
    In, Kn = I.detach().numpy(), K.detach().numpy()
    loop = np.array([[[float(b.detach()[o]) + sum(In[s * i + m, s * j + n, c] * Kn[m, n, c, o] for m in range(k) for n in range(k)
                                         for c in range(C)) for o in range(O)] for j in range(Wo)] for i in range(Ho)])
    assert close(R, loop)
    R.retain_grad()
    loss_of(R).backward()
    G, gI, gK, gb = R.grad.numpy(), I.grad.numpy(), K.grad.numpy(), b.grad.numpy()
    Jb = jac(lambda bb: fwd(I.detach(), K.detach(), bb), b.detach()).numpy()      # (Ho, Wo, O, O)
    t = {}
    # dR_ij/db is O x O; the slides' layout puts the differentiated variable's axis first (here: the same matrix)
    t["k_b_r1"] = close(sum(Jb[i, j].T @ G[i, j] for i in range(Ho) for j in range(Wo)), gb)
    t["k_b_r2"] = close(sum(np.eye(O) @ G[i, j] for i in range(Ho) for j in range(Wo)), gb)
    t["k_K_final"] = all(close(sum(np.outer(In[s * i + m, s * j + n], G[i, j]) for i in range(Ho) for j in range(Wo)),
                               gK[m, n]) for m in range(k) for n in range(k))
    if s == 1:
        JI = jac(lambda II: fwd(II, K.detach(), b.detach()), I.detach()).numpy()  # (Ho, Wo, O, H, W, C)
        t["k_I_chain"] = all(close(sum(JI[i, j, :, ip, jp, :].T @ G[i, j] for i in range(Ho) for j in range(Wo)),
                                   gI[ip, jp]) for ip in range(H) for jp in range(W))
        Gp = np.pad(G, ((k - 1, k - 1), (k - 1, k - 1), (0, 0)))              # G padded with k-1 zeros (said)

        def Gat(a, c):
            return Gp[a + k - 1, c + k - 1]
        direct = all(close(sum(Kn[m, n] @ Gat(ip - m, jp - n) for m in range(k) for n in range(k)), gI[ip, jp])
                     for ip in range(H) for jp in range(W))
        t["k_I_inline"] = t["k_I_display"] = direct
        t["k_I_flip"] = all(close(sum(Kn[k - 1 - mq, k - 1 - nq] @ Gat(ip - (k - 1) + mq, jp - (k - 1) + nq)
                                      for mq in range(k) for nq in range(k)), gI[ip, jp])
                            for ip in range(H) for jp in range(W))
    return t


def slides():
    res = {}
    for _ in range(2):
        collect(res, slides_once())
        collect(res, slides_once(4, 4, 1, 1, 3))
        collect(res, slides_once(6, 5, 2, 3, 2, 2))
    return all_true(res)


# ------------------------------------------------------------ codeandfire: 4x4 input, 3x3 kernel, 1-based
def codeandfire_once():
    a, k = T(rnd(4, 4), True), T(rnd(3, 3), True)

    def fwd(aa, kk):
        return F.conv2d(aa[None, None], kk[None, None])[0, 0]
    h = fwd(a, k)
    an, kn = a.detach().numpy(), k.detach().numpy()
    assert close(h, [[sum(kn[i, j] * an[i + p, j + q] for i in range(3) for j in range(3)) for q in range(2)]
                     for p in range(2)])                 # the note's written-out 2x2 map
    h.retain_grad()
    loss_of(h).backward()
    g, ga, gk = h.grad.numpy(), a.grad.numpy(), k.grad.numpy()
    Wm = jac(lambda aa: fwd(aa, k.detach()).reshape(-1), a.detach()).numpy().reshape(4, 16)   # h = W a
    Jk = jac(lambda kk: fwd(a.detach(), kk), k.detach()).numpy()                             # (2,2,3,3)
    A = lambda r, c: an[r - 1, c - 1]                                                        # 1-based
    t = {"c_WT": close(Wm.T @ g.reshape(-1), ga.reshape(-1))}
    t["c_dh12"] = all(np.isclose(Jk[0, 1, i - 1, j - 1], A(i, j + 1)) for i in range(1, 4) for j in range(1, 4))
    t["c_dhij"] = all(np.isclose(Jk[ip - 1, jp - 1, i - 1, j - 1], A(i + ip - 1, j + jp - 1))
                      for i in range(1, 4) for j in range(1, 4) for ip in range(1, 3) for jp in range(1, 3))
    t["c_chain"] = close([[sum(g[ip, jp] * Jk[ip, jp, i, j] for ip in range(2) for jp in range(2)) for j in range(3)]
                          for i in range(3)], gk)
    t["c_final"] = close([[sum(g[ip - 1, jp - 1] * A(i + ip - 1, j + jp - 1) for ip in (1, 2) for jp in (1, 2))
                           for j in range(1, 4)] for i in range(1, 4)], gk)
    t["c_k11"] = np.isclose(sum(g[ip - 1, jp - 1] * A(ip, jp) for ip in (1, 2) for jp in (1, 2)), gk[0, 0])
    t["c_k12"] = np.isclose(sum(g[ip - 1, jp - 1] * A(ip, jp + 1) for ip in (1, 2) for jp in (1, 2)), gk[0, 1])
    return t


def codeandfire():
    res = {}
    for _ in range(3):
        collect(res, codeandfire_once())
    return all_true(res)


# ------------------------------------------------------------ Conv2D backward (plain-text formulas), CHW
def conv2d_plain_once(Cin=2, Cout=3, H=5, Wd=4, K=2):
    X, Wt, b = T(rnd(Cin, H, Wd), True), T(rnd(Cout, Cin, K, K), True), T(rnd(Cout), True)
    Y = F.conv2d(X[None], Wt, b)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    g, gX, gW, gb = Y.grad.numpy(), X.grad.numpy(), Wt.grad.numpy(), b.grad.numpy()
    Xn, Wn = X.detach().numpy(), Wt.detach().numpy()
    Ho, Wo = H - K + 1, Wd - K + 1
    JW = jac(lambda w: F.conv2d(X.detach()[None], w, b.detach())[0], Wt.detach()).numpy()  # (Cout,Ho,Wo,Cout,Cin,K,K)
    t = {"p_db": close(g.sum(axis=(1, 2)), gb)}
    t["p_dYdW"] = all(np.isclose(JW[f, i, j, f, c, p, q], Xn[c, i + p, j + q])
                      for f, i, j, c, p, q in np.ndindex(Cout, Ho, Wo, Cin, K, K))
    t["p_dW"] = close([[[[sum(g[f, i, j] * Xn[c, i + p, j + q] for i in range(Ho) for j in range(Wo)) for q in range(K)]
                         for p in range(K)] for c in range(Cin)] for f in range(Cout)], gW)
    t["p_dX"] = close([[[sum(g[f, m - p, n - q] * Wn[f, c, p, q] for f in range(Cout) for p in range(K) for q in range(K)
                             if 0 <= m - p < Ho and 0 <= n - q < Wo) for n in range(Wd)] for m in range(H)]
                       for c in range(Cin)], gX)
    return t


def conv2d_plain():
    res = {}
    for _ in range(2):
        collect(res, conv2d_plain_once())
        collect(res, conv2d_plain_once(1, 2, 4, 4, 3))
    return all_true(res)


# ------------------------------------------------------------ hui126 (Chinese): im2col, np.tensordot
def hui126_once(B=2, C0=3, C1=2, H0=4, W0=4, kh=2, kw=2):
    # the delta rule, at the page's example sizes: delta^{l+1} 3x3, w^{l+1} 2x2, a^l 4x4 (valid "*")
    dl1, w = rnd(3, 3), rnd(2, 2)
    valid = F.conv2d(T(dl1)[None, None], T(w[::-1, ::-1].copy())[None, None])[0, 0].numpy()
    t = {"h_delta": valid.shape == (4, 4)}               # 2x2 against the 4x4 delta^l
    # the im2col pipeline of the page: z_t = a_t w_t, z = z_t.transpose(0,2,1).reshape(B,C1,H1,W1) + b
    H1, W1 = H0 - kh + 1, W0 - kw + 1
    P, Q = H1 * W1, kh * kw * C0
    a_t, w_t, b = T(rnd(B, P, Q), True), T(rnd(Q, C1), True), T(rnd(C1), True)
    z_t = a_t @ w_t
    z = z_t.permute(0, 2, 1).reshape(B, C1, H1, W1) + b.reshape(1, -1, 1, 1)
    z.retain_grad()
    loss_of(z).backward()
    d = z.grad.numpy()
    d_t = d.transpose(0, 2, 3, 1).reshape(B, H1 * W1, C1)  # the page's delta_t
    at, wt = a_t.detach().numpy(), w_t.detach().numpy()
    t["h_dat"] = close(np.tensordot(d_t, wt.T, [(2), (0)]), a_t.grad)
    t["h_dwt"] = close(np.tensordot(at, d_t, [(0, 1), (0, 1)]), w_t.grad)
    t["h_db"] = close(np.sum(d_t, axis=(0, 1)), b.grad)
    return t


def hui126():
    res = {}
    for _ in range(2):
        collect(res, hui126_once())
        collect(res, hui126_once(1, 2, 3, 5, 4, 3, 2))
    return all_true(res)


# ------------------------------------------------------------ #DL note: padded, strided, bounds to C, WW, HH
def dlnote_once(H=5, Wd=5, C=2, Fo=3, HH=3, WW=3, s=2, p=1):
    I, Wt, b = T(rnd(H, Wd, C)), T(rnd(HH, WW, Fo), True), T(rnd(Fo))
    Ih = np.pad(I.numpy(), ((p, p), (p, p), (0, 0)))     # \hat{I}
    Ho, Wo = (H + 2 * p - HH) // s + 1, (Wd + 2 * p - WW) // s + 1

    def fwd(w):                                          # the evident layer: sums to C-1, WW-1, HH-1, W shared over c
        return torch.stack([torch.stack([torch.stack([sum(T(Ih[i * s + ih, j * s + jh, c]) * w[ih, jh, f]
                                                          for c in range(C) for jh in range(WW) for ih in range(HH)) + b[f]
                                                      for f in range(Fo)]) for j in range(Wo)]) for i in range(Ho)])
    O = fwd(Wt)
    O.retain_grad()
    loss_of(O).backward()
    g, gW = O.grad.numpy(), Wt.grad.numpy()
    JO = jac(fwd, Wt.detach()).numpy()                                        # (Ho, Wo, Fo, HH, WW, Fo)
    # the chain row keeps one output entry (i, j) free: it must hold for every (i, j)
    t = {"d_chain": all(np.isclose(g[i, j, f] * JO[i, j, f, k, l, f], gW[k, l, f])
                        for i, j, f, k, l in np.ndindex(Ho, Wo, Fo, HH, WW))}
    # the written sums run to C, WW, HH inclusive: \hat{I}_{.., C} and W_{HH, .., f} do not exist
    t["d_dOdW"] = C < Ih.shape[2] and HH < Wt.shape[0] and WW < Wt.shape[1]
    return t


def dlnote():
    res = {}
    for _ in range(2):
        collect(res, dlnote_once())
    return all_true(res)


def main():
    write_table_sidecars(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
