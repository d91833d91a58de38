"""Independent truth for the fiftieth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout50.py`` writes the ``*.truth.json`` sidecars of ``heldout50/``, by the method
and in the format of ``truth_heldout43.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout50/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout50"
sys.path.insert(0, str(HERE))
from truth_common import (isc, T, close, repeat, seeded_draws, corr2,  # noqa: E402,F401
                          write_and_report)
from heldout50.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2050)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian


def conv2d_cross(x, w, b):
    """Valid cross-correlation, stride 1 (torch, differentiable): y[i, j] = sum_{k,l} w[k, l] x[i+k, j+l] + b."""
    return torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] + b


# ---------------------------------------------------------------- neodelphis_convnet_bp_fr
def cnv_1d():
    """1-D example of the page: x of 4, w of 2, y_j = w_1 x_j + w_2 x_{j+1} + b (indices from 1)."""
    x, w, b = T(rnd(4), True), T(rnd(2), True), T(rnd(1), True)
    y = torch.stack([w[0] * x[j] + w[1] * x[j + 1] for j in range(3)]) + b
    y.retain_grad()
    loss_of(y).backward()
    dy, dx, wv = y.grad.numpy(), x.grad.numpy(), w.detach().numpy()
    rows = [wv[0] * dy[0], wv[1] * dy[0] + wv[0] * dy[1], wv[1] * dy[1] + wv[0] * dy[2], wv[1] * dy[2]]
    return {"dx1d": close(np.array(rows), dx)}


def cnv_2d_page():
    """The page's 2-D example: x 4x4, w 2x2, y 3x3; page indices from 1 map to numpy index - 1."""
    x, w, b = T(rnd(4, 4), True), T(rnd(2, 2), True), T(rnd(1), True)
    y = conv2d_cross(x, w, b)
    y.retain_grad()
    loss_of(y).backward()
    dy, dx, dw = y.grad.numpy(), x.grad.numpy(), w.grad.numpy()
    xv, wv = x.detach().numpy(), w.detach().numpy()

    def X(r, c):                       # page's x_{r,c}, 1-based
        return xv[r - 1, c - 1]

    def Wz(r, c):                      # page's w extended by zeros, 1-based
        return wv[r - 1, c - 1] if 1 <= r <= 2 and 1 <= c <= 2 else 0.0

    # dw_sum as written: for every m, n and every filter index k, l (free on the right side)
    ok_sum = all(isc(dw[m - 1, n - 1], sum(dy[i - 1, j - 1] * X(i + k - 1, j + l - 1)
                                           for i in range(1, 4) for j in range(1, 4)))
                 for m in (1, 2) for n in (1, 2) for k in (1, 2) for l in (1, 2))
    sane_sum = all(isc(dw[m - 1, n - 1], sum(dy[i - 1, j - 1] * X(i + m - 1, j + n - 1)
                                             for i in range(1, 4) for j in range(1, 4)))
                   for m in (1, 2) for n in (1, 2))
    assert sane_sum, "sanity: dw with k, l = m, n"
    # dxcase as written: d x_{i+k, j+l} / d x_{mn} against the cases [m = i+k-1 and n = j+l-1]
    ok_case, sane_case = True, True
    xt = T(xv, True)
    for i in range(1, 4):
        for j in range(1, 4):
            for k in (1, 2):
                for l in (1, 2):
                    for (r, c, sane) in ((i + k, j + l, False), (i + k - 1, j + l - 1, True)):
                        if not (1 <= r <= 4 and 1 <= c <= 4):
                            continue
                        g = torch.autograd.grad(xt[r - 1, c - 1], xt)[0].numpy()
                        claimed = np.zeros((4, 4))
                        claimed[i + k - 2, j + l - 2] = 1.0          # 1 where m = i+k-1, n = j+l-1
                        if sane:
                            sane_case &= close(claimed, g)
                        else:
                            ok_case &= close(claimed, g)
    assert sane_case, "sanity: the cases hold for x_{i+k-1,j+l-1}"
    ok7 = all(isc(dx[m - 1, n - 1], sum(dy[i - 1, j - 1] * Wz(m - i + 1, n - j + 1)
                                        for i in range(1, 4) for j in range(1, 4)))
              for m in range(1, 5) for n in range(1, 5))
    return {"dw_sum": ok_sum, "dxcase": ok_case, "dx7": ok7}


def cnv_dw_conv(h, wd, kh, kw):
    x, w, b = T(rnd(h, wd), True), T(rnd(kh, kw), True), T(rnd(1), True)
    y = conv2d_cross(x, w, b)
    y.retain_grad()
    loss_of(y).backward()
    return {"dw_conv": close(corr2(x.detach().numpy(), y.grad.numpy()), w.grad)}


def cnv_dxpad(h, wd):
    x, w, b = T(rnd(h, wd), True), T(rnd(2, 2), True), T(rnd(1), True)
    y = conv2d_cross(x, w, b)
    y.retain_grad()
    loss_of(y).backward()
    dy0 = np.pad(y.grad.numpy(), 1)
    wv = w.detach().numpy()
    wflip = np.array([[wv[1, 1], wv[1, 0]], [wv[0, 1], wv[0, 0]]])    # [[w22, w21], [w12, w11]]
    return {"dxpad": close(corr2(dy0, wflip), x.grad)}


def cnv_depth(C, F, h, k):
    x, w = T(rnd(C, h, h)), T(rnd(F, C, k, k), True)
    b = T(rnd(F))
    J = jac(lambda W: torch.nn.functional.conv2d(x[None], W)[0] + b[:, None, None], w).numpy()
    ho = h - k + 1                                          # J[f, i, j, f', c, k, l]
    xv = x.numpy()
    ok = all(isc(J[f, i, j, f, c, kk, ll], xv[c, i + kk, j + ll])
             for f in range(F) for i in range(ho) for j in range(ho)
             for c in range(C) for kk in range(k) for ll in range(k))
    return {"dw_depth": ok}


def cnv():
    res = {}
    for part in (repeat(lambda: cnv_1d(), [(), (), ()]),
                 repeat(lambda: cnv_2d_page(), [(), ()]),
                 repeat(cnv_dw_conv, [(4, 4, 2, 2), (5, 5, 3, 3), (4, 5, 2, 3)]),
                 repeat(cnv_dxpad, [(4, 4), (5, 4), (3, 5)]),
                 repeat(cnv_depth, [(2, 3, 4, 2), (3, 2, 5, 3)])):
        res.update(part)
    return res


# ---------------------------------------------------------------- neodelphis_bp_softmax_layer_fr
def sml_once(D, C):
    X = T(rnd(D), True)
    W = T(rnd(D, C), True)
    y = int(RNG.integers(C))
    lam = X @ W
    lam.retain_grad()
    S = torch.softmax(lam, 0)
    L = -torch.log(S[y])
    L.backward()
    g, gW, gX = lam.grad.numpy(), W.grad.numpy(), X.grad.numpy()
    Xv, Wv, Sv = X.detach().numpy(), W.detach().numpy(), S.detach().numpy()
    J = jac(lambda M: T(Xv) @ M, T(Wv)).numpy()             # J[i, j, k] = dlambda_i / dw_jk
    Jc = np.zeros((C, D, C))
    for i in range(C):
        Jc[i, :, i] = Xv                                    # x_j where i = k, 0 otherwise
    lamv = lam.detach().numpy()
    lt = T(lamv, True)
    glse = torch.autograd.grad(torch.logsumexp(lt, 0), lt)[0].numpy()
    onehot = np.zeros(C)
    onehot[y] = 1.0
    cases = np.array([Sv[y] - 1 if i == y else Sv[i] for i in range(C)])
    return {"chain_W": close(np.einsum("i,ijk->jk", g, J), gW),
            "J_cases": close(Jc, J),
            "dLdw_jk": close(np.einsum("i,ijk->jk", g, J), gW) and close(np.outer(Xv, g), gW),
            "dW_mat": close(np.outer(Xv, g), gW),
            "dX_mat": close(g @ Wv.T, gX),
            "dlse": close(np.exp(lamv) / np.exp(lamv).sum(), glse) and close(Sv, glse),
            "dL_cases": close(cases, g) and close(Sv - onehot, g)}


def sml():
    return repeat(sml_once, [(4, 3), (3, 5), (6, 2)])


# ---------------------------------------------------------------- neodelphis_softmax_derivees_fr
def smd_once(N):
    a = rnd(N)
    e = np.exp(a)
    s = e.sum()
    S = e / s
    J = jac(lambda v: torch.softmax(v, 0), T(a)).numpy()     # J[i, j] = dS_i / da_j
    Jg = jac(lambda v: torch.exp(v), T(a)).numpy()           # dg_i / da_j
    Jh = jac(lambda v: torch.exp(v).sum().expand(N), T(a)).numpy()   # dh_i / da_j
    ok_g = all(isc(Jg[i, j], e[i] if i == j else 0.0) for i in range(N) for j in range(N))
    ok_h = all(isc(Jh[i, j], e[j]) for i in range(N) for j in range(N))
    ok_d = all(all(isc(v, J[i, i]) for v in [(e[i] * s - e[i] * e[i]) / s ** 2, e[i] / s - (e[i] / s) ** 2,
                                             S[i] - S[i] ** 2, S[i] * (1 - S[i])]) for i in range(N))
    ok_o = all(isc((0 * s - e[j] * e[i]) / s ** 2, J[i, j]) and isc(-S[j] * S[i], J[i, j])
               for i in range(N) for j in range(N) if i != j)
    cases = np.array([[S[i] * (1 - S[i]) if i == j else -S[j] * S[i] for j in range(N)] for i in range(N)])
    kron = np.array([[S[i] * ((i == j) - S[j]) for j in range(N)] for i in range(N)])
    return {"g_prime": ok_g, "h_prime": ok_h, "diag": ok_d, "offdiag": ok_o,
            "cases": close(cases, J), "kron": close(kron, J)}


def smd():
    return repeat(smd_once, [(3,), (4,), (6,)])


# ---------------------------------------------------------------- neodelphis_relu_layer_fr
def rlu_once(D, C):
    Xv = np.append(rnd(D), 1.0)                            # the input with its constant 1
    W = T(rnd(D + 1, C), True)
    lam = T(Xv) @ W
    lamv = lam.detach().numpy()
    if np.min(np.abs(lamv)) < 1e-3:                        # keep lambda away from the kink
        return rlu_once(D, C)
    lam.retain_grad()
    Y = torch.relu(lam)
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gl, gW = Y.grad.numpy(), lam.grad.numpy(), W.grad.numpy()
    JY = jac(torch.relu, T(lamv)).numpy()                  # JY[i, j] = dy_i / dlambda_j
    Jl = jac(lambda M: T(Xv) @ M, T(W.detach().numpy())).numpy()   # [i, j, k]
    cases = np.array([[1.0 if (i == j and lamv[i] > 0) else 0.0 for j in range(C)] for i in range(C)])
    dl_cases = np.array([gY[k] if lamv[k] > 0 else 0.0 for k in range(C)])
    return {"chain_lambda": close(gY @ JY, gl),
            "chain_W": close(np.einsum("i,ijk->jk", gl, Jl), gW),
            "dy_dlambda": close(cases, JY),
            "dL_dlambda": close(dl_cases, gl) and close(gY @ JY, dl_cases),
            "dW": close(np.outer(Xv, gl), gW)}


def rlu():
    return repeat(rlu_once, [(4, 3), (3, 5), (6, 4)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
