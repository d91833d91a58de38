"""Independent truth for the sixty-eighth held-out set (numpy and torch autograd, not symbp):
``python truth_heldout68.py`` writes the ``*.truth.json`` sidecars of ``heldout68/``, by the method
and in the format of ``truth_heldout65.py``: each claim is checked at several sizes (where the
document allows them) and seeded random draws, and holds only if it holds every time; its ``why``
in ``heldout68/claims_table.py`` says the reading.  Written before anything of symbp was run on
the set (symbp was never run, imported or read).
"""
from __future__ import annotations

import math
import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout68"
sys.path.insert(0, str(HERE))
from truth_common import (T, close, repeat, seeded_draws,  # noqa: E402,F401
                          write_and_report)
from heldout68.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(2068)
torch.set_default_dtype(torch.float64)


def grad1(f, x):
    """Entrywise derivative of an elementwise f at the points x (autograd)."""
    xt = T(x, True)
    y = f(xt)
    return torch.autograd.grad(y.sum(), xt)[0].numpy()


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


# ---------------------------------------------------------------- cnnl_operators_zh
def cnl_once(n):
    x = rnd(n) * 2.5
    out = {}
    s = sig(x)
    g = grad1(torch.sigmoid, x)
    out["sigmoid_bwd"] = close(np.exp(-x) / (1 + np.exp(-x)) ** 2, g) and close(s * (1 - s), g)

    # ELU, scale = coef = 1, gamma drawn away from 1; is_result = false, x the input
    gamma = float(RNG.uniform(0.3, 2.5))
    while abs(gamma - 1) < 0.2:
        gamma = float(RNG.uniform(0.3, 2.5))
    xe = np.concatenate([-RNG.uniform(0.1, 3, n), RNG.uniform(0.1, 3, n)])
    xe = xe[np.abs(xe - 1) > 0.05]
    dy = rnd(xe.size)
    xt = T(xe, True)
    E = torch.where(xt < 0, gamma * (torch.exp(xt) - 1), xt)
    gx = torch.autograd.grad((E * T(dy)).sum(), xt)[0].numpy()
    scale = coef = 1.0
    written = np.where(xe <= 0, scale * coef * gamma * np.exp(gamma * xe) * dy, scale * xe * dy)
    out["elu_bwd_false"] = close(written, gx)

    # GELU (exact, erf form)
    g = grad1(lambda t: t * 0.5 * (1 + torch.erf(t / math.sqrt(2))), x)
    erf = np.vectorize(math.erf)
    phi = 0.5 * (1 + erf(x / math.sqrt(2)))
    dphi = np.exp(-x ** 2 / 2) / math.sqrt(2 * math.pi)            # d/dx of phi
    derf_inner = 2 / math.sqrt(math.pi) * np.exp(-x ** 2 / 2) / math.sqrt(2)   # d/dx erf(x/sqrt2)
    m1 = phi + x * dphi
    m2 = 0.5 * (1 + erf(x / math.sqrt(2))) + x * (0.5 * derf_inner)
    m3 = 0.5 * (1 + erf(x / math.sqrt(2))) + x / math.sqrt(2 * math.pi) * np.exp(-x ** 2 / 2)
    out["gelu_bwd"] = close(m1, g) and close(m2, g) and close(m3, g) and close(grad1(F.gelu, x), g)

    g = grad1(lambda t: t * torch.sigmoid(t), x)
    out["silu_bwd"] = close(s * (1 + x * (1 - s)), g)

    xh = np.concatenate([RNG.uniform(-6, -3.05, n), RNG.uniform(-2.95, 2.95, n), RNG.uniform(3.05, 6, n)])

    def hsw(t):
        return torch.where(t <= -3, torch.zeros_like(t), torch.where(t < 3, t * (t + 3) / 6, t))
    g = grad1(hsw, xh)
    written = np.where(xh < -3, 0.0, np.where(xh <= 3, (2 * xh + 3) / 6, 1.0))
    out["hardswish_bwd"] = close(written, g) and close(g, grad1(F.hardswish, xh))
    return out


def conv_once(N, Cin, Cout, H, Wd, kh, kw):
    X = T(rnd(N, Cin, H, Wd), True)
    W = T(rnd(Cout, Cin, kh, kw))                 # OIHW here; the page's OHWI is a storage order
    B = T(rnd(Cout))
    Y = F.conv2d(X, W, B)                          # cross-correlation, kernel slides over the data
    L = loss_of(Y)
    DY = torch.autograd.grad(L, Y, retain_graph=True)[0].detach().numpy()
    DX_true = torch.autograd.grad(L, X)[0].numpy()
    Wn = W.detach().numpy()
    Ho, Wo = DY.shape[2], DY.shape[3]
    DX = np.zeros((N, Cin, H, Wd))
    for n in range(N):
        for j in range(Cin):
            acc = np.zeros((H, Wd))
            for k in range(Cout):
                K = Wn[k, j][::-1, ::-1]            # rot180(W(k, j))
                P = np.zeros((Ho + 2 * (kh - 1), Wo + 2 * (kw - 1)))
                P[kh - 1:kh - 1 + Ho, kw - 1:kw - 1 + Wo] = DY[n, k]     # full padding
                for a in range(H):
                    for b in range(Wd):
                        acc[a, b] += np.sum(K * P[a:a + kh, b:b + kw])    # K slid over DY
            DX[n, j] = acc
    return {"conv_dx": close(DX, DX_true)}


def cnl():
    res = repeat(cnl_once, [(20,), (30,)])
    res.update(repeat(conv_once, [(2, 2, 3, 5, 5, 3, 3), (2, 2, 3, 4, 6, 2, 3), (2, 2, 3, 6, 5, 3, 2)]))
    return res


# ---------------------------------------------------------------- linear_layer_rederiv_en
def lin_once(N, D, M):
    X = T(rnd(N, D), True)
    W = T(rnd(D, M), True)
    Y = X @ W
    L = loss_of(Y)
    dY = torch.autograd.grad(L, Y, retain_graph=True)[0].numpy()
    dX, dW = [g.numpy() for g in torch.autograd.grad(L, (X, W))]
    w = W.detach().numpy()
    x = X.detach().numpy()
    out = {
        "dX": close(dY @ w.T, dX),
        "dW": close(x.T @ dY, dW),
        # the four entry rows, 1-based (1,1), (1,2), (2,1), (2,2): dL/dx_{a,b} = sum_j dL/dy_{a,j} w_{b,j}
        "dx11": np.isclose(sum(dY[0, j] * w[0, j] for j in range(M)), dX[0, 0], atol=1e-9),
        "dx12": np.isclose(sum(dY[0, j] * w[1, j] for j in range(M)), dX[0, 1], atol=1e-9),
        "dx21": np.isclose(sum(dY[1, j] * w[0, j] for j in range(M)), dX[1, 0], atol=1e-9),
        "dx22": np.isclose(sum(dY[1, j] * w[1, j] for j in range(M)), dX[1, 1], atol=1e-9),
    }
    return out


def lin():
    return repeat(lin_once, [(2, 2, 3), (3, 4, 5), (4, 3, 2)])


# ---------------------------------------------------------------- pool_diary_zh
def pol_once(scale):
    x = T(rnd(1, 1, 4, 4) * scale, True)
    y = F.avg_pool2d(x, 2, 2)
    g = torch.autograd.grad(y, x, grad_outputs=T([[[[1.0, 2.0], [6.0, 3.0]]]]))[0].numpy()[0, 0]
    written = np.array([[0.25, 0.25, 1, 1], [0.25, 0.25, 1, 1],
                        [1.5, 1.5, 0.75, 0.75], [1.5, 1.5, 0.75, 0.75]])
    return {"avg_bwd": close(written, g)}


def pol():
    return repeat(pol_once, [(1.0,), (3.0,)])


# ---------------------------------------------------------------- mluops_operators_zh
def mlu_once(N, C, gamma):
    x = T(rnd(N, C), True)
    target = RNG.integers(0, C, N)
    alpha = float(RNG.uniform(0.1, 0.9))
    weight = RNG.uniform(0.5, 2.0, C)
    onehot = np.zeros((N, C))
    onehot[np.arange(N), target] = 1.0
    oh = T(onehot)
    p = torch.sigmoid(x)
    FL = -alpha * (1 - p) ** gamma * torch.log(p) * oh - (1 - alpha) * p ** gamma * torch.log(1 - p) * (1 - oh)
    gFL = torch.autograd.grad(FL.sum(), x, retain_graph=True)[0].numpy()
    pv = p.detach().numpy()
    Fp = np.where(onehot == 1,
                  -alpha * (1 - pv) ** gamma * (1 - pv - gamma * pv * np.log(pv)),
                  -(1 - alpha) * pv ** gamma * (gamma * (1 - pv) * np.log(1 - pv) - pv))
    go = rnd(N, C)
    wt = weight[target][:, None]                   # weight[target[n]] for every column of row n
    FLw = FL * T(wt)
    gw = torch.autograd.grad((FLw * T(go)).sum(), x)[0].numpy()
    out = {"fl_grad": close(Fp, gFL), "fl_grad_w": close(Fp * wt * go, gw)}
    xs = T(RNG.uniform(0.2, 4.0, (N, C)), True)
    ys = torch.sqrt(xs)
    dys = rnd(N, C)
    gs = torch.autograd.grad((ys * T(dys)).sum(), xs)[0].numpy()
    out["sqrt_bwd"] = close(0.5 * dys / ys.detach().numpy(), gs)
    return out


def mlu():
    return repeat(mlu_once, [(3, 3, 2.0), (4, 5, 0.0), (4, 5, float(RNG.uniform(0.5, 3.0)))])


# ---------------------------------------------------------------- onednn_eltwise_en
def one_once(n):
    out = {}
    s = rnd(n) * 2.5
    dd = rnd(n)

    # ELU from dst
    alpha = float(RNG.uniform(0.2, 2.0))
    st = T(s, True)
    d = torch.where(st > 0, st, alpha * (torch.exp(st) - 1))
    g = torch.autograd.grad((d * T(dd)).sum(), st)[0].numpy()
    dv = d.detach().numpy()
    out["elu_dst"] = close(np.where(dv > 0, dd, dd * (dv + alpha)), g)

    # hardswish, generic alpha, beta (and PyTorch's 1/6, 1/2)
    ok = True
    for a, b in [(float(RNG.uniform(0.1, 0.5)), float(RNG.uniform(0.2, 0.8))), (1 / 6, 1 / 2)]:
        lo, hi = (0 - b) / a, (1 - b) / a          # kinks
        pts = np.concatenate([RNG.uniform(lo - 3, lo - 0.05, n), RNG.uniform(lo + 0.05, hi - 0.05, n),
                              RNG.uniform(hi + 0.05, hi + 3, n)])
        ddh = rnd(pts.size)
        pt = T(pts, True)
        dh = pt * torch.clamp(a * pt + b, 0, 1)
        gh = torch.autograd.grad((dh * T(ddh)).sum(), pt)[0].numpy()
        z = a * pts + b
        written = np.where(z > 1, ddh, np.where((z > 0) & (z < 1), ddh * (2 * a * pts + b), 0.0))
        ok = ok and close(written, gh)
    out["hardswish"] = ok

    # mish
    st = T(s, True)
    dm = st * torch.tanh(torch.log(1 + torch.exp(st)))
    g = torch.autograd.grad((dm * T(dd)).sum(), st)[0].numpy()
    om = np.exp(3 * s) + 4 * np.exp(2 * s) + np.exp(s) * (4 * s + 6) + 4 * (s + 1)
    de = np.exp(2 * s) + 2 * np.exp(s) + 2
    out["mish"] = close(dd * np.exp(s) * om / de ** 2, g)

    # soft_relu
    ok = True
    for a in [float(RNG.uniform(0.3, 3.0)), -1.0]:
        st = T(s, True)
        dsr = (1 / a) * torch.log(1 + torch.exp(a * st))
        g = torch.autograd.grad((dsr * T(dd)).sum(), st)[0].numpy()
        ok = ok and close(dd / (1 + np.exp(-a * s)), g)
    out["soft_relu"] = ok

    # swish
    a = float(RNG.uniform(0.3, 3.0))
    st = T(s, True)
    dsw = st / (1 + torch.exp(-a * st))
    g = torch.autograd.grad((dsw * T(dd)).sum(), st)[0].numpy()
    sg = 1 / (1 + np.exp(-a * s))
    out["swish"] = close(dd * sg * (1 + a * s * (1 - sg)), g)

    # gelu_tanh, note (1)
    st = T(s, True)
    c = math.sqrt(2 / math.pi)
    dg = 0.5 * st * (1 + torch.tanh(c * (st + 0.044715 * st ** 3)))
    g = torch.autograd.grad((dg * T(dd)).sum(), st)[0].numpy()
    th = np.tanh(c * (s + 0.044715 * s ** 3))
    written = dd * 0.5 * (1 + th) * (1 + c * (s + 0.134145 * s ** 3) * (1 - th))
    out["gelu_tanh"] = close(written, g) and close(g, grad1(lambda t: F.gelu(t, approximate="tanh"), s) * dd)
    return out


def one():
    return repeat(one_once, [(15,), (25,)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
