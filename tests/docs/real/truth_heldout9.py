"""Independent truth for the ninth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout9.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout9/`` (the format of truth_heldout8.py: claims, one README-style directive
per section, the displays left out of the score).  The documents were transcribed and their
truth established before anything of symbp was run on them (nothing of symbp is imported here).
Each claim is evaluated literally as written: written bounds, offsets, index base and the
document's own convention for its sliding sum; a written bound that reaches an entry that does
not exist refutes the claim unless the document says the tensor is padded there; a sum without
bounds runs over where its indexed tensors exist; a shape that differs refutes.  Every claim is
checked at two random draws and, where a document states its rules for any size, at two or more
sets of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout9"
sys.path.insert(0, str(HERE))
from truth_common import T, close, corr2, repeat, seeded_draws, write_and_report  # noqa: E402
from heldout9.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(99)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def conv1(x, w, b=None, stride=1):
    """Single-channel valid cross-correlation with torch (for autograd)."""
    out = F.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]
    return out + b if b is not None else out


def at(a, *idx):
    """(value, exists): a[idx] with zero outside, and whether the entry exists."""
    ok = all(0 <= i < n for i, n in zip(idx, a.shape))
    return (a[idx] if ok else 0.0), ok


def distinct(*shape):
    """Positive values that are all different (no ties in a max)."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) + RNG.uniform(0.1, 0.9, n)).reshape(shape) / n + 0.1


def full_corr(d, w):
    """Full 2-D cross-correlation: d padded with kernel-1 zeros on each side, slid with w."""
    kh, kw = w.shape
    return corr2(np.pad(d, ((kh - 1, kh - 1), (kw - 1, kw - 1))), w)


def corr_input_grad(dY, W):
    """sum_{m,n} dY[i-m, j-n] W[m, n], dY zero where it does not exist (2-D, one channel)."""
    oh, ow = dY.shape
    k1, k2 = W.shape
    out = np.zeros((oh + k1 - 1, ow + k2 - 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = sum(at(dY, i - m, j - n)[0] * W[m, n] for m in range(k1) for n in range(k2))
    return out


def one_conv(H, W_, k1, k2, bias=True):
    """A 2-D single-channel layer Y = corr(X, W) + b feeding a loss: (X, W, dX, dW, db, dY)."""
    X, Wt, b = T(rnd(H, W_), True), T(rnd(k1, k2), True), T(rnd(), True)
    Y = conv1(X, Wt, b if bias else None)
    Y.retain_grad()
    loss_of(Y).backward()
    return (X.detach().numpy(), Wt.detach().numpy(), X.grad.numpy(), Wt.grad.numpy(),
            float(b.grad) if bias else None, Y.grad.numpy())


# ---------------------------------------------------------------- gibiansky_conv_maxpool
def gib_once(N, m):
    yp, w = T(rnd(N, N), True), T(rnd(m, m), True)
    x = conv1(yp, w)                                   # x^l, (N-m+1)^2
    x.retain_grad()
    y = torch.tanh(x)                                  # sigma = tanh
    y.retain_grad()
    loss_of(y).backward()
    dx, dy, gw, gyp = x.grad.numpy(), y.grad.numpy(), w.grad.numpy(), yp.grad.numpy()
    ypn, wn, xn = yp.detach().numpy(), w.detach().numpy(), x.detach().numpy()
    M = N - m + 1
    t = {}
    Jw = jac(lambda v: conv1(yp.detach(), v), w.detach()).numpy()          # (M, M, m, m)
    chain = np.einsum("ij,ijab->ab", dx, Jw)
    written = np.array([[sum(dx[i, j] * ypn[i + a, j + b] for i in range(M) for j in range(M))
                         for b in range(m)] for a in range(m)])
    t["g_w"] = close(chain, gw) and close(written, gw)
    dydx = np.diagonal(jac(torch.tanh, x.detach()).numpy().reshape(M * M, M * M)).reshape(M, M)
    t["g_delta"] = close(dy * dydx, dx) and close(dy * (1 - np.tanh(xn) ** 2), dx)
    Jy = jac(lambda v: conv1(v, w.detach()), yp.detach()).numpy()          # (M, M, N, N)
    chain_dy, val, exists = np.zeros((N, N)), np.zeros((N, N)), True
    for i in range(N):
        for j in range(N):
            for a in range(m):
                for b in range(m):
                    g, ok = at(dx, i - a, j - b)
                    exists &= ok
                    chain_dy[i, j] += g * (Jy[i - a, j - b, i, j] if ok else 0.0)
                    val[i, j] += g * wn[a, b]
    t["g_dy"] = exists and close(chain_dy, gyp) and close(val, gyp)
    return t


def gib():
    return repeat(gib_once, [(5, 3), (6, 2), (5, 2)])


# ---------------------------------------------------------------- cnn_guide_rot180_flip
def guide_channels(Cin, Cout, H, W_, k):
    X, Wt, b = T(rnd(Cin, H, W_), True), T(rnd(Cout, Cin, k, k), True), T(rnd(Cout), True)
    Y = F.conv2d(X[None], Wt, b)[0]
    Y.retain_grad()
    loss_of(Y).backward()
    Xn, Wn, dY = X.detach().numpy(), Wt.detach().numpy(), Y.grad.numpy()
    Ho, Wo = dY.shape[1:]
    db = dY.sum(axis=(1, 2))
    dW = np.array([[[[sum(dY[o, i, j] * Xn[c, i + m, j + n] for i in range(Ho) for j in range(Wo))
                      for n in range(k)] for m in range(k)] for c in range(Cin)] for o in range(Cout)])
    dX = np.array([[[sum(at(dY, o, i - m, j - n)[0] * Wn[o, c, m, n]
                         for o in range(Cout) for m in range(k) for n in range(k))
                     for j in range(W_)] for i in range(H)] for c in range(Cin)])
    ok_b, ok_w, ok_x = close(db, b.grad), close(dW, Wt.grad), close(dX, X.grad)
    return {"c_b": ok_b, "c_w": ok_w, "c_x": ok_x, "cm_b": ok_b, "cm_w": ok_w, "cm_x": ok_x}


def guide_1d(n, k):
    x, w = T(rnd(n), True), T(rnd(k), True)
    y = F.conv1d(x[None, None], w[None, None])[0, 0]
    y.retain_grad()
    loss_of(y).backward()
    xn, wn, dy, gx, gw = x.detach().numpy(), w.detach().numpy(), y.grad.numpy(), x.grad.numpy(), w.grad.numpy()
    J = jac(lambda v: F.conv1d(v[None, None], w.detach()[None, None])[0, 0], x.detach()).numpy()
    Jw = jac(lambda v: F.conv1d(x.detach()[None, None], v[None, None])[0, 0], w.detach()).numpy()
    t = {"c1_chain": close(dy @ J, gx)}
    t["c1_bounds"] = close(np.array([sum(dy[j] * wn[i - j] for j in range(max(0, i - k + 1), min(i, n - k) + 1))
                                     for i in range(n)]), gx)
    pad, flip = np.pad(dy, (k - 1, k - 1)), wn[::-1]
    t["c1_full"] = close(np.array([np.sum(pad[i:i + k] * flip) for i in range(len(pad) - k + 1)]), gx)
    t["c1_w"] = close(dy @ Jw, gw) and close(np.array([sum(dy[i] * xn[i + j] for i in range(n - k + 1))
                                                       for j in range(k)]), gw)
    m = len(dy)
    t["c1_star"] = close(np.array([np.sum(xn[j:j + m] * dy) for j in range(n - m + 1)]), gw)
    return t


def guide_2d(H, W_, k):
    X, Wn, gX, gW, _, dY = one_conv(H, W_, k, k, bias=False)
    return {"c2_x": close(corr_input_grad(dY, Wn), gX),
            "c2_full": close(full_corr(dY, np.rot90(Wn, 2)), gX),
            "c2_w": close(corr2(X, dY), gW), "c2_star": close(corr2(X, dY), gW)}


def guide_pool(H, k):
    t = {}
    for kind in ("max", "avg"):
        x = T(distinct(H, H), True)
        y = (F.max_pool2d if kind == "max" else F.avg_pool2d)(x[None, None], k, k)[0, 0]
        y.retain_grad()
        loss_of(y).backward()
        xn, yn, dy = x.detach().numpy(), y.detach().numpy(), y.grad.numpy()
        if kind == "max":
            val = np.array([[dy[m // k, n // k] if xn[m, n] == yn[m // k, n // k] else 0.0
                             for n in range(H)] for m in range(H)])
            t["cp_max"] = close(val, x.grad)
        else:
            t["cp_avg"] = close(np.array([[dy[m // k, n // k] / k ** 2 for n in range(H)] for m in range(H)]), x.grad)
    return t


def guide_once(Cin, Cout, H, W_, k, n1, k1, pool_h):
    t = guide_channels(Cin, Cout, H, W_, k)
    t.update(guide_1d(n1, k1))
    t.update(guide_2d(H, W_, k))
    t.update(guide_pool(pool_h, 2))
    return t


def guide():
    return repeat(guide_once, [(2, 3, 4, 5, 2, 8, 3, 4), (1, 2, 5, 5, 3, 6, 2, 6)])


# ---------------------------------------------------------------- conv_layers_znote
def znote_once(H, W_, k):
    X, Wn, gX, gW, gb, dY = one_conv(H, W_, k, k)
    t = {"z_b": close(dY.sum(), gb), "z_w": close(corr2(X, dY), gW), "z_x": close(corr_input_grad(dY, Wn), gX)}
    # the worked example: X = 1..9, W = [[1, 0], [0, -1]], dL/dZ all ones (L = sum Z)
    Xe, We = T(np.arange(1, 10).reshape(3, 3)), T([[1, 0], [0, -1]], True)
    conv1(Xe, We).sum().backward()
    steps = [1 * 1 + 1 * 2 + 1 * 4 + 1 * 5, 1 + 2 + 4 + 5, 12]
    t["z_w00"] = all(close(float(We.grad[0, 0]), s) for s in steps)
    return t


def znote():
    return repeat(znote_once, [(3, 3, 2), (5, 4, 3)])


# ---------------------------------------------------------------- cnn_kihon_ja
def ja_once(H, W_, k):
    X, Wn, gX, gW, gb, dY = one_conv(H, W_, k, k)
    return {"j_w": close(corr2(X, dY), gW), "j_x": close(corr_input_grad(dY, Wn), gX), "j_b": close(dY.sum(), gb)}


def ja():
    return repeat(ja_once, [(5, 5, 3), (4, 6, 2)])


# ---------------------------------------------------------------- ascend_conv_backward_zh
def asc_once(N, Cin, Cout, H, W_, kH, kW, s):
    x, w, b = T(rnd(N, Cin, H, W_), True), T(rnd(Cout, Cin, kH, kW), True), T(rnd(Cout), True)
    y = F.conv2d(x, w, b, stride=s)
    y.retain_grad()
    loss_of(y).backward()
    xn, wn, dy = x.detach().numpy(), w.detach().numpy(), y.grad.numpy()
    Ho, Wo = dy.shape[2:]
    t = {"a_db": close(np.array([dy[:, co].sum() for co in range(Cout)]), b.grad)}
    # indices as written are 1-based: entry i of a tensor is [i - 1]
    dw, ok_w = np.zeros(wn.shape), True
    for co in range(Cout):
        for ci in range(Cin):
            for p in range(1, kH + 1):
                for q in range(1, kW + 1):
                    for n in range(N):
                        for i in range(1, Ho + 1):
                            for j in range(1, Wo + 1):
                                v, ok = at(xn, n, ci, i * s + p - 1, j * s + q - 1)
                                ok_w &= ok
                                dw[co, ci, p - 1, q - 1] += v * dy[n, co, i - 1, j - 1]
    t["a_dw"] = ok_w and close(dw, w.grad)
    if s == 1:                                         # the input formula writes no stride
        dx, ok_x = np.zeros(xn.shape), True
        for n in range(N):
            for ci in range(Cin):
                for i in range(1, H + 1):
                    for j in range(1, W_ + 1):
                        for co in range(Cout):
                            for p in range(1, kH + 1):
                                for q in range(1, kW + 1):
                                    v, ok = at(dy, n, co, i - p - 1, j - q - 1)
                                    ok_x &= ok
                                    dx[n, ci, i - 1, j - 1] += v * wn[co, ci, p - 1, q - 1]
        t["a_dx"] = ok_x and close(dx, x.grad)
        assert not close(dx, x.grad)                   # wrong even with zero outside
    return t


def asc():
    return repeat(asc_once, [(2, 2, 3, 5, 5, 3, 3, 1), (1, 1, 2, 6, 5, 2, 3, 1), (1, 2, 2, 7, 7, 3, 3, 2)])


# ---------------------------------------------------------------- danyang_cnn_python_zh
def dan_fc(n0, n1, n2):
    a0 = T(rnd(n0))
    w1, b1, w2, b2 = T(rnd(n1, n0)), T(rnd(n1)), T(rnd(n2, n1)), T(rnd(n2))
    b1v = b1.clone().requires_grad_(True)
    z1 = w1 @ a0 + b1v
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)                            # output layer L = 2
    a2.retain_grad()
    loss_of(a2).backward()
    s = lambda z: torch.sigmoid(z).detach().numpy() * (1 - torch.sigmoid(z).detach().numpy())  # noqa: E731
    dz2, da2, dz1 = z2.grad.numpy(), a2.grad.numpy(), z1.grad.numpy()
    dadz = np.diagonal(jac(torch.sigmoid, z2.detach()).numpy())
    t = {"d_bp1": close(da2 * dadz, dz2) and close(da2 * s(z2), dz2)}
    t["d_bp2"] = close((w2.numpy().T @ dz2) * s(z1), dz1)
    dzdb = np.diagonal(jac(lambda v: w1 @ a0 + v, b1v.detach()).numpy())
    t["d_bp3"] = close(dz1 * dzdb, b1v.grad) and close(dz1, b1v.grad)
    return t


def dan_conv():
    a = T(rnd(3, 3), True)                             # a^l
    w = T(rnd(2, 2))                                   # W^{l+1}
    z = conv1(a, w)                                    # z^{l+1}, b = 0
    z.retain_grad()
    loss_of(torch.tanh(z)).backward()
    d, ga, wn = z.grad.numpy(), a.grad.numpy(), w.numpy()
    J = jac(lambda v: conv1(v, w), a.detach()).numpy()                    # (2, 2, 3, 3)
    t = {"d_grad_a": close(np.einsum("uv,uvij->ij", d, J), ga)}
    t["d_a11"] = close(sum(d[u, v] * J[u, v, 0, 0] for u in range(2) for v in range(2)), ga[0, 0]) \
        and close(d[0, 0] * wn[0, 0], ga[0, 0])
    D = lambda i, j: d[i - 1, j - 1]                   # noqa: E731  (1-based, as written)
    Wd = lambda i, j: wn[i - 1, j - 1]                 # noqa: E731
    rows = {"d_a12": (1, 2, D(1, 1) * Wd(1, 2) + D(1, 2) * Wd(1, 1)),
            "d_a13": (1, 3, D(1, 2) * Wd(1, 2)),
            "d_a21": (2, 1, D(1, 1) * Wd(2, 1) + D(2, 1) * Wd(1, 1)),
            "d_a22": (2, 2, D(1, 1) * Wd(2, 2) + D(1, 2) * Wd(2, 1) + D(2, 1) * Wd(1, 2) + D(2, 2) * Wd(1, 1)),
            "d_a23": (2, 3, D(1, 2) * Wd(2, 2) + D(2, 2) * Wd(1, 2)),
            "d_a31": (3, 1, D(2, 1) * Wd(2, 1)),
            "d_a32": (3, 2, D(2, 1) * Wd(2, 2) + D(2, 2) * Wd(2, 1)),
            "d_a33": (3, 3, D(2, 2) * Wd(2, 2))}
    for cid, (i, j, v) in rows.items():
        t[cid] = close(v, ga[i - 1, j - 1])
    padded = np.pad(d, 1)
    t["d_full5"] = close(corr2(padded, np.array([[wn[1, 1], wn[1, 0]], [wn[0, 1], wn[0, 0]]])), ga)
    # core formulas at layer l: a^l = sigma(z^l), z^{l+1} = a^l * w^{l+1}; delta^l = dC/dz^l
    zl = T(rnd(3, 3), True)
    w1 = T(rnd(2, 2))
    z2 = conv1(torch.sigmoid(zl), w1)
    z2.retain_grad()
    loss_of(z2).backward()
    sp = torch.sigmoid(zl).detach().numpy() * (1 - torch.sigmoid(zl).detach().numpy())
    written = corr2(z2.grad.numpy(), np.rot90(w1.numpy(), 2))           # 1x1
    t["d_delta"] = written is not None and close(written * sp, zl.grad)
    # dC/dw^l = delta^l * rot180(a^{l-1}): a^{l-1} 3x3 input, w^l 2x2, delta^l 2x2
    ap, wl = T(rnd(3, 3)), T(rnd(2, 2), True)
    zz = conv1(ap, wl)
    zz.retain_grad()
    loss_of(zz).backward()
    written = corr2(zz.grad.numpy(), np.rot90(ap.numpy(), 2))           # None: 3x3 kernel on 2x2
    t["d_dw"] = written is not None and close(written, wl.grad)
    return t


def dan_once(n0, n1, n2):
    t = dan_fc(n0, n1, n2)
    t.update(dan_conv())
    return t


def dan():
    return repeat(dan_once, [(4, 3, 2), (2, 3, 3)])


# ---------------------------------------------------------------- convnets_backprop_ar
def ar_once():
    X, Fk = T(rnd(3, 3), True), T(rnd(2, 2), True)
    O = conv1(X, Fk)
    O.retain_grad()
    loss_of(O).backward()
    Xn, Fn, dO, gF, gX = X.detach().numpy(), Fk.detach().numpy(), O.grad.numpy(), Fk.grad.numpy(), X.grad.numpy()
    JF = jac(lambda v: conv1(X.detach(), v), Fk.detach()).numpy()          # (2, 2, 2, 2)
    JX = jac(lambda v: conv1(v, Fk.detach()), X.detach()).numpy()          # (2, 2, 3, 3)
    x = lambda i, j: Xn[i - 1, j - 1]                  # noqa: E731  (1-based, as written)
    f = lambda i, j: Fn[i - 1, j - 1]                  # noqa: E731
    o = lambda i, j: dO[i - 1, j - 1]                  # noqa: E731
    t = {}
    for cid, (p, q) in {"ar_dOdF11": (1, 1), "ar_dOdF12": (1, 2), "ar_dOdF21": (2, 1), "ar_dOdF22": (2, 2)}.items():
        t[cid] = close(JF[:, :, p - 1, q - 1], [[x(p, q), x(p, q + 1)], [x(p + 1, q), x(p + 1, q + 1)]])
    t["ar_frobF"] = close(np.einsum("uv,uvij->ij", dO, JF), gF)
    for cid, (p, q) in {"ar_F11": (1, 1), "ar_F12": (1, 2), "ar_F21": (2, 1), "ar_F22": (2, 2)}.items():
        t[cid] = close(o(1, 1) * x(p, q) + o(1, 2) * x(p, q + 1) + o(2, 1) * x(p + 1, q) + o(2, 2) * x(p + 1, q + 1),
                       gF[p - 1, q - 1])
    t["ar_dFconv"] = close(corr2(Xn, dO), gF)
    t["ar_dOdX11"] = close(JX[:, :, 0, 0], [[f(1, 1), 0], [0, 0]])
    t["ar_frobX"] = close(np.einsum("uv,uvij->ij", dO, JX), gX)
    rows = {"ar_X11": (1, 1, o(1, 1) * f(1, 1)),
            "ar_X12": (1, 2, o(1, 1) * f(1, 2) + o(1, 2) * f(1, 1)),
            "ar_X13": (1, 3, o(1, 2) * f(1, 2)),
            "ar_X21": (2, 1, o(1, 1) * f(2, 1) + o(2, 1) * f(1, 1)),
            "ar_X22": (2, 2, o(1, 1) * f(2, 2) + o(1, 2) * f(2, 1) + o(2, 1) * f(1, 2) + o(2, 2) * f(1, 1)),
            "ar_X23": (2, 3, o(1, 2) * f(2, 2) + o(2, 2) * f(1, 2)),
            "ar_X31": (3, 1, o(2, 1) * f(2, 1)),
            "ar_X32": (3, 2, o(2, 1) * f(2, 2) + o(2, 2) * f(2, 1)),
            "ar_X33": (3, 3, o(2, 2) * f(2, 2))}
    for cid, (i, j, v) in rows.items():
        t[cid] = close(v, gX[i - 1, j - 1])
    # the last matrix equation as written: left side with dL/dX_23 in row 3, column 2; padded
    # dL/dO with dL/dO_21 twice in its third row
    lhs = gX.copy()
    lhs[2, 1] = gX[1, 2]
    P = np.zeros((4, 4))
    P[1, 1], P[1, 2], P[2, 1], P[2, 2] = o(1, 1), o(1, 2), o(2, 1), o(2, 1)
    rhs = corr2(P, np.array([[f(2, 2), f(2, 1)], [f(1, 2), f(1, 1)]]))
    t["ar_dXfull"] = close(lhs, rhs)
    # pooling: A 4x4 with A11, A13, A31, A33 the maxima of their 2x2 cells
    for kind in ("max", "avg"):
        A = distinct(4, 4)
        for r in (0, 2):
            for c in (0, 2):
                A[r, c] = A[r:r + 2, c:c + 2].max() + 0.5
        At = T(A, True)
        B = (F.max_pool2d if kind == "max" else F.avg_pool2d)(At[None, None], 2)[0, 0]
        B.retain_grad()
        loss_of(B).backward()
        dB = B.grad.numpy()
        if kind == "max":
            want = np.zeros((4, 4))
            want[0, 0], want[0, 2], want[2, 0], want[2, 2] = dB[0, 0], dB[0, 1], dB[1, 0], dB[1, 1]
            t["ar_max"] = close(want, At.grad)
        else:
            t["ar_avg"] = close(np.kron(dB, np.ones((2, 2))) / 4, At.grad)
    return t


def ar():
    return repeat(ar_once, [()])


# ---------------------------------------------------------------- cnn_visualizer_ko
def ko_once(K, n_in, H, kh, kw):
    t = {}
    z = T(rnd(K), True)
    yhat = torch.softmax(z, 0)
    J = jac(lambda v: torch.softmax(v, 0), z.detach()).numpy()
    yh = yhat.detach().numpy()
    t["ko_softmax"] = close(J, np.array([[yh[i] * (1 - yh[i]) if i == j else -yh[i] * yh[j]
                                          for j in range(K)] for i in range(K)]))
    y = np.zeros(K)
    y[RNG.integers(K)] = 1.0
    L = -(T(y) * torch.log(yhat)).sum()
    L.backward()
    t["ko_ce"] = close(yh - y, z.grad)
    # FC: y = W x + b
    W, b, x = T(rnd(K, n_in), True), T(rnd(K), True), T(rnd(n_in), True)
    out = W @ x + b
    out.retain_grad()
    loss_of(out).backward()
    dy, xn, Wn = out.grad.numpy(), x.detach().numpy(), W.detach().numpy()
    JW = jac(lambda v: v @ x.detach() + b.detach(), W.detach()).numpy()    # (K, K, n_in)
    Jx = jac(lambda v: W.detach() @ v + b.detach(), x.detach()).numpy()    # (K, n_in)
    t["ko_fc_w"] = close(np.array([[dy[i] * JW[i, i, j] for j in range(n_in)] for i in range(K)]), W.grad) \
        and close(np.outer(dy, xn), W.grad)
    t["ko_fc_b"] = close(dy, b.grad)
    t["ko_fc_x"] = close(dy @ Jx, x.grad) and close(dy @ Wn, x.grad)
    # max pooling, 2x2 regions, stride 2
    I = T(distinct(H, H), True)
    O = F.max_pool2d(I[None, None], 2)[0, 0]
    O.retain_grad()
    loss_of(O).backward()
    In, On, dO = I.detach().numpy(), O.detach().numpy(), O.grad.numpy()
    t["ko_max"] = close(np.array([[dO[i // 2, j // 2] if In[i, j] == On[i // 2, j // 2] else 0.0
                                   for j in range(H)] for i in range(H)]), I.grad)
    # ReLU derivative, with x = 0 among the points
    v = T(np.concatenate([rnd(5), [0.0, -0.0]]), True)
    torch.relu(v).sum().backward()
    t["ko_relu"] = close(np.where(v.detach().numpy() > 0, 1.0, 0.0), v.grad)
    Xc, Wc, gX, gW, _, dY = one_conv(H, H + kw - kh, kh, kw, bias=False)
    t["ko_conv_w"] = close(corr2(Xc, dY), gW)
    t["ko_conv_x"] = close(corr_input_grad(dY, Wc), gX)
    return t


def ko():
    return repeat(ko_once, [(3, 4, 4, 2, 2), (2, 5, 6, 2, 3)])


# ---------------------------------------------------------------- coursera_cnn_notes_zh
def cw_once(H, W_, Cin, Cout, f, s):
    A, Wt, b = T(rnd(H, W_, Cin), True), T(rnd(f, f, Cin, Cout), True), T(rnd(Cout), True)   # HWC, HWIO
    Z = F.conv2d(A.permute(2, 0, 1)[None], Wt.permute(3, 2, 0, 1), b, stride=s)[0].permute(1, 2, 0)
    Z.retain_grad()
    loss_of(Z).backward()
    An, Wn, dZ = A.detach().numpy(), Wt.detach().numpy(), Z.grad.numpy()
    nH, nW = dZ.shape[:2]
    t = {"cw_db": close(dZ.sum(axis=(0, 1)), b.grad)}
    # as written: h = 0..n_H and w = 0..n_W (inclusive); the window of output (h, w) starts at h s
    dA, dWc, exists = np.zeros(An.shape), np.zeros(Wn.shape), True
    for c in range(Cout):
        for h in range(nH + 1):
            for w in range(nW + 1):
                g, ok = at(dZ, h, w, c)
                win_ok = h * s + f <= H and w * s + f <= W_
                exists &= ok and win_ok
                if ok and win_ok:
                    dA[h * s:h * s + f, w * s:w * s + f, :] += Wn[:, :, :, c] * g
                    dWc[:, :, :, c] += An[h * s:h * s + f, w * s:w * s + f, :] * g
    t["cw_dA"] = exists and close(dA, A.grad)
    t["cw_dW"] = exists and close(dWc, Wt.grad)
    return t


def cw():
    return repeat(cw_once, [(5, 5, 2, 3, 3, 1), (6, 5, 1, 2, 2, 2)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
