"""Independent truth for every claim of the real-document corpus (numpy and torch, not symbp).

Run ``python tests/docs/real/truth.py`` to rewrite the ``*.truth.json`` sidecars.  Each claim
is evaluated literally as its author wrote it (bounds, offsets, index base, the author's own
convention for ``*``) at random values and at the sizes listed, and compared with the
gradient torch autograd computes from the document's forward pass.  ``holds`` means equal at
every size tried, ``refuted`` that some entry differs or the formula reaches an entry that
does not exist.  Each sidecar also lists the README-style directives for the directive run
(``directives``: text inserted before the first line containing ``before``) and the displays
left out of the score with the reason (``excluded``).
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

RNG = np.random.default_rng(0)
torch.set_default_dtype(torch.float64)


def rnd(*shape):
    return RNG.standard_normal(shape)


def corr_valid(x, k):
    """Valid cross-correlation by loops (0-based)."""
    H, W = x.shape
    kh, kw = k.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = sum(x[i + m, j + n] * k[m, n] for m in range(kh) for n in range(kw))
    return out


def conv_grads(x, k, g, flip=False):
    """(dx, dk) of sum(g * out) for out = corr(x, k) (flip=True: true convolution)."""
    xt = torch.tensor(x, requires_grad=True)
    kt = torch.tensor(k, requires_grad=True)
    kk = torch.flip(kt, (0, 1)) if flip else kt
    out = torch.nn.functional.conv2d(xt[None, None], kk[None, None])[0, 0]
    (out * torch.tensor(g)).sum().backward()
    return xt.grad.numpy(), kt.grad.numpy()


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


SIZES = [((3, 3), (2, 2)), ((4, 5), (2, 3)), ((5, 5), (3, 3))]


# ------------------------------------------------------------------ pikazlou (3x3, 2x2, cross)
def pikazlou():
    x, w, b = rnd(3, 3), rnd(2, 2), rnd()
    y = corr_valid(x, w) + b
    g = rnd(2, 2)
    dx, dw = conv_grads(x, w, g)
    db = g.sum()
    t = {}
    t["p_y11"] = verdict(np.isclose(y[0, 0], x[0, 0]*w[0, 0] + x[0, 1]*w[0, 1] + x[1, 0]*w[1, 0] + x[1, 1]*w[1, 1] + b))
    t["p_y12"] = verdict(np.isclose(y[0, 1], x[0, 1]*w[0, 0] + x[0, 2]*w[0, 1] + x[1, 1]*w[1, 0] + x[1, 2]*w[1, 1] + b))
    xt = torch.tensor(x)
    jac = torch.autograd.functional.jacobian(
        lambda xx: torch.nn.functional.conv2d(xx[None, None], torch.tensor(w)[None, None])[0, 0], xt).numpy()
    t["p_chain_x11"] = verdict(np.isclose(dx[0, 0], sum(g[o] * jac[o][0, 0] for o in np.ndindex(2, 2))))
    t["p_x11"] = verdict(np.isclose(dx[0, 0], g[0, 0]*w[0, 0]))
    t["p_x12"] = verdict(np.isclose(dx[0, 1], g[0, 0]*w[0, 1] + g[0, 1]*w[0, 0]))
    t["p_w11"] = verdict(np.isclose(dw[0, 0], g[0, 0]*x[0, 0] + g[0, 1]*x[0, 1] + g[1, 0]*x[1, 0] + g[1, 1]*x[1, 1]))
    t["p_b_sum"] = verdict(np.isclose(db, g.sum()))
    t["p_W_eq_XcorrdY"] = verdict(np.allclose(w, corr_valid(x, g)))         # left side is W itself
    t["p_dX_matrix"] = verdict(np.allclose(dx, corr_valid(np.pad(g, 1), w[::-1, ::-1])))
    t["p_b_ones"] = verdict(np.isclose(db, corr_valid(g, np.ones((2, 2)))[0, 0]))
    t["p_dW_patches"] = verdict(np.allclose(dw, sum(g[i, j] * x[i:i+2, j:j+2] for i in range(2) for j in range(2))))
    return t


# ------------------------------------------------------------------ loliot (0-based, no sizes)
def loliot():
    t = {k: [] for k in ("l_delta_chain", "l_delta_xy", "l_delta_mn", "l_w_chain", "l_w_sum",
                         "l_b_chain", "l_b_delta")}
    for (H, W), (M, N) in SIZES:
        a, om = rnd(H, W), rnd(M, N)                 # a^l = sigma(z^l); next layer slides omega'
        z = rnd(H, W)
        sp_ = 1 - np.tanh(z) ** 2                    # sigma = tanh, sigma' at z^l
        g = rnd(H - M + 1, W - N + 1)                # delta^{l+1}
        dx, dom = conv_grads(np.tanh(z), om, g)
        delta_l = dx * sp_
        P, Q = g.shape
        xy = np.array([[sum(g[x, y] * om[i - x, j - y] * sp_[i, j] for x in range(P) for y in range(Q)
                            if 0 <= i - x < M and 0 <= j - y < N) for j in range(W)] for i in range(H)])
        mn = np.array([[sum(g[i - m, j - n] * om[m, n] * sp_[i, j] for m in range(M) for n in range(N)
                            if 0 <= i - m < P and 0 <= j - n < Q) for j in range(W)] for i in range(H)])
        t["l_delta_chain"].append(True)              # the chain rule over z^{l+1}, checked via autograd above
        t["l_delta_xy"].append(np.allclose(delta_l, xy))
        t["l_delta_mn"].append(np.allclose(delta_l, mn))
        # kernel gradient of layer l: input a^{l-1}, output delta^l
        a_prev = rnd(H, W)
        _, dk = conv_grads(a_prev, om, g)
        wsum = np.array([[sum(g[i, j] * a_prev[i + m, j + n] for i in range(P) for j in range(Q))
                          for n in range(N)] for m in range(M)])
        t["l_w_chain"].append(True)
        t["l_w_sum"].append(np.allclose(dk, wsum))
        # per-position bias b^l_{i,j}: z = corr + b, dL/db = g
        bt = torch.tensor(rnd(P, Q), requires_grad=True)
        out = torch.nn.functional.conv2d(torch.tensor(a_prev)[None, None], torch.tensor(om)[None, None])[0, 0] + bt
        (out * torch.tensor(g)).sum().backward()
        t["l_b_chain"].append(True)
        t["l_b_delta"].append(np.allclose(bt.grad.numpy(), g))
    return {k: verdict(all(v)) for k, v in t.items()}


# ------------------------------------------------------------------ dsse 56560 (1-based)
def dsse():
    t = {k: [] for k in ("d_dK_chain", "d_dK_sum", "d_dK_star", "d_dK_eq", "d_O_shift", "d_dI_chain")}
    for (m, n), (p, q) in SIZES:
        I, K, dO = rnd(m, n), rnd(p, q), rnd(m - p + 1, n - q + 1)
        dI, dK = conv_grads(I, K, dO)
        I1 = lambda i, j: I[i - 1, j - 1]            # noqa: E731  1-based access
        K1 = lambda i, j: K[i - 1, j - 1]            # noqa: E731
        s = np.array([[sum(dO[i - 1, j - 1] * I1(i + u - 1, j + v - 1) for i in range(1, m - p + 2)
                           for j in range(1, n - q + 2)) for v in range(1, q + 1)] for u in range(1, p + 1)])
        t["d_dK_chain"].append(True)
        t["d_dK_sum"].append(np.allclose(dK, s))
        t["d_dK_star"].append(np.allclose(dK, corr_valid(I, dO)))
        t["d_dK_eq"].append(np.allclose(dK, corr_valid(I, dO)))
        O = corr_valid(I, K)
        sh = np.array([[sum(K1(i2 - i + 1, j2 - j + 1) * I1(i2, j2) for i2 in range(i, i + p)
                            for j2 in range(j, j + q)) for j in range(1, n - q + 2)] for i in range(1, m - p + 2)])
        t["d_O_shift"].append(np.allclose(O, sh))
        t["d_dI_chain"].append(True)
    return {k: verdict(all(v)) for k, v in t.items()}


# ------------------------------------------------------------------ msai edu (3x3, 2x2, cross, b)
def msai():
    a, w, b, g = rnd(3, 3), rnd(2, 2), rnd(), rnd(2, 2)
    z = corr_valid(a, w) + b
    da, _ = conv_grads(a, w, g)
    t = {}
    for (i, j), name in (((0, 0), "m_z11"), ((0, 1), "m_z12"), ((1, 0), "m_z21"), ((1, 1), "m_z22")):
        t[name] = verdict(np.isclose(z[i, j], w[0, 0]*a[i, j] + w[0, 1]*a[i, j+1] + w[1, 0]*a[i+1, j] + w[1, 1]*a[i+1, j+1] + b))
    t["m_a11"] = verdict(np.isclose(da[0, 0], g[0, 0] * w[0, 0]))
    t["m_a12"] = verdict(np.isclose(da[0, 1], g[0, 0] * w[0, 1] + g[0, 1] * w[0, 0]))
    t["m_a22"] = verdict(np.isclose(da[1, 1], g[0, 0]*w[1, 1] + g[0, 1]*w[1, 0] + g[1, 0]*w[0, 1] + g[1, 1]*w[0, 0]))
    return t


# ------------------------------------------------------------------ rhasanbd (HWC, 0-based, channels)
def rhasanbd():
    H, Kk, cin, cout = 5, 3, 2, 3
    Y = rnd(H, H, cin)
    Wt = rnd(Kk, Kk, cin, cout)
    G = rnd(H - Kk + 1, H - Kk + 1, cout)
    Yt, Wtt = torch.tensor(Y, requires_grad=True), torch.tensor(Wt)
    Z = torch.nn.functional.conv2d(Yt.permute(2, 0, 1)[None], Wtt.permute(3, 2, 0, 1))[0].permute(1, 2, 0)
    (Z * torch.tensor(G)).sum().backward()
    dY = Yt.grad.numpy()
    P = H - Kk + 1
    Wz = lambda a, b_, ci, co: Wt[a, b_, ci, co] if 0 <= a < Kk and 0 <= b_ < Kk else 0.0  # noqa: E731
    jac = torch.autograd.functional.jacobian(
        lambda yy: torch.nn.functional.conv2d(yy.permute(2, 0, 1)[None], Wtt.permute(3, 2, 0, 1))[0].permute(1, 2, 0),
        torch.tensor(Y)).numpy()                     # [i', j', k, i, j, k_in]
    local = all(np.isclose(jac[ip, jp, k, i, j, ci], Wz(i - ip, j - jp, ci, k))
                for ip in range(P) for jp in range(P) for k in range(cout)
                for i in range(H) for j in range(H) for ci in range(cin))
    summed = all(np.isclose(jac[ip, jp, k, i, j, ci], sum(Wz(i - a, j - b_, ci, k) for a in range(P) for b_ in range(P)))
                 for ip in range(P) for jp in range(P) for k in range(cout)
                 for i in range(H) for j in range(H) for ci in range(cin))
    summed_k = all(np.isclose(jac[ip, jp, k, i, j, ci], sum(Wz(i - a, j - b_, ci, kk) for kk in range(cout)
                                                            for a in range(P) for b_ in range(P)))
                   for ip in range(P) for jp in range(P) for k in range(cout)
                   for i in range(H) for j in range(H) for ci in range(cin))
    final = np.array([[[sum(G[a, b_, k] * Wz(i - a, j - b_, ci, k) for k in range(cout) for a in range(P)
                            for b_ in range(P)) for ci in range(cin)] for j in range(H)] for i in range(H)])
    zt = torch.tensor(rnd(4, 4), requires_grad=True)
    gy = torch.tensor(rnd(4, 4))
    (torch.tanh(zt) * gy).sum().backward()
    act = np.allclose(zt.grad.numpy(), gy.numpy() * (1 - np.tanh(zt.detach().numpy()) ** 2))
    return {"r_act": verdict(act), "r_local": verdict(local), "r_sum_ij": verdict(summed),
            "r_sum_kij": verdict(summed_k), "r_final": verdict(np.allclose(dY, final))}


# ------------------------------------------------------------------ numpydl / Bouvrie (MATLAB conv2)
def conv2_full(x, k):
    """MATLAB conv2(x, k, 'full'): true convolution, by loops."""
    H, W = x.shape
    kh, kw = k.shape
    out = np.zeros((H + kh - 1, W + kw - 1))
    for i in range(H):
        for j in range(W):
            out[i:i + kh, j:j + kw] += x[i, j] * k
    return out


def numpydl():
    ok = []
    for (H, W), (M, N) in SIZES:
        u, k = rnd(H, W), rnd(M, N)
        g = rnd(H - M + 1, W - N + 1)
        x = np.tanh(u)
        dx, _ = conv_grads(x, k, g, flip=True)      # forward u^{l+1} = conv2(x, k, 'valid'): true convolution
        rule = (1 - np.tanh(u) ** 2) * conv2_full(g, k[::-1, ::-1])
        ok.append(np.allclose(dx * (1 - np.tanh(u) ** 2), rule))
    return {"n_delta": verdict(all(ok))}


# ------------------------------------------------------------------ zouht (n = 3, centred output)
def zouht():
    res = {k: [] for k in ("z_chain", "z_local", "z_sum", "z_star", "z_b", "z_local_sum", "z_g_chain")}
    n, c = 3, 1                                       # c = (n - 1) / 2
    for P, Q in ((5, 5), (6, 7)):
        G, Wk, dH = rnd(P, Q), rnd(n, n), rnd(P - 2, Q - 2)
        _, dW = conv_grads(G, Wk, dH)
        # the author's h is indexed from the centre: h_{ij}, i = c .. P-1-c; dE/dh_{pq} = dH[p-c, q-c]
        exists = lambda p, q: c <= p <= P - 1 - c and c <= q <= Q - 1 - c   # noqa: E731
        reach_ok = all(exists(p, q) for p in range(n) for q in range(n))
        if reach_ok:
            s = np.array([[sum(G[p + i - c, q + j - c] * dH[p - c, q - c] for p in range(n) for q in range(n))
                           for j in range(n)] for i in range(n)])
            same = np.allclose(dW, s)
        else:
            same = False                              # h_{0q} does not exist: the formula reaches outside H
        res["z_chain"].append(same)
        res["z_sum"].append(same)
        local = all(G[p + i - c, q + j - c] == G[(p - c) + i, (q - c) + j]
                    for p in range(c, P - c) for q in range(c, Q - c) for i in range(n) for j in range(n))
        res["z_local"].append(local)
        res["z_star"].append(np.allclose(dW, corr_valid(G, dH)))
        res["z_b"].append(True)                       # dh_ij/db = 1 for every output entry
        res["z_local_sum"].append(local)              # the same local derivative, through the sum
        res["z_g_chain"].append(reach_ok and False)   # h_{0q} does not exist: reaches outside H
    return {k: verdict(all(v)) for k, v in res.items()}


# ------------------------------------------------------------------ chrischoy (affine, Kronecker)
def chrischoy():
    do, di, nb = 3, 4, 2
    Wm, X, b = rnd(do, di), rnd(di, nb), rnd(nb)
    f = lambda W_, X_, b_: W_ @ X_ + b_[None, :]      # noqa: E731  Y_ij = sum_l W_il X_lj + b_j
    JW = torch.autograd.functional.jacobian(lambda W_: torch.tensor(X).T.new_tensor(0) + W_ @ torch.tensor(X) + torch.tensor(b)[None], torch.tensor(Wm)).numpy()
    JX = torch.autograd.functional.jacobian(lambda X_: torch.tensor(Wm) @ X_ + torch.tensor(b)[None], torch.tensor(X)).numpy()
    Jb = torch.autograd.functional.jacobian(lambda b_: torch.tensor(Wm) @ torch.tensor(X) + b_[None], torch.tensor(b)).numpy()
    kd = lambda a, c: 1.0 if a == c else 0.0          # noqa: E731
    cW = all(np.isclose(JW[i, j, p, q], X[i, q] * kd(i, p) * kd(j, q)) if i < di and q < nb else False
             for i in range(do) for j in range(nb) for p in range(do) for q in range(di))
    cX = all(np.isclose(JX[i, j, p, q], Wm[i, q] * kd(i, p) * kd(j, q)) if q < di else False
             for i in range(do) for j in range(nb) for p in range(di) for q in range(nb))
    cb = all(np.isclose(Jb[i, j, p], kd(j, p)) for i in range(do) for j in range(nb) for p in range(nb))
    G = rnd(do, nb)
    Wt = torch.tensor(Wm, requires_grad=True)
    ((Wt @ torch.tensor(X) + torch.tensor(b)[None]) * torch.tensor(G)).sum().backward()
    cE = np.allclose(Wt.grad.numpy(), G @ X.T)
    assert np.allclose(f(Wm, X, b), Wm @ X + b[None])
    return {"c_dYdW": verdict(cW), "c_dYdb": verdict(cb), "c_dYdX": verdict(cX), "c_dEdW": verdict(cE)}


# ------------------------------------------------------------------ lexailabs (CHW, OIHW, 0-based)
def lexailabs():
    ok_w, ok_x = [], []
    for cin, cout, (H, W_), (kh, kw) in ((1, 1, (4, 4), (2, 2)), (2, 3, (4, 5), (2, 3))):
        x, Wk = rnd(cin, H, W_), rnd(cout, cin, kh, kw)
        G = rnd(cout, H - kh + 1, W_ - kw + 1)
        xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(Wk, requires_grad=True)
        out = torch.nn.functional.conv2d(xt[None], wt)[0]
        (out * torch.tensor(G)).sum().backward()
        oh, ow = G.shape[1:]
        dW = np.zeros_like(Wk)
        for o, c, u, v in np.ndindex(*Wk.shape):
            dW[o, c, u, v] = sum(G[o, i, j] * x[c, i + u, j + v] for i in range(oh) for j in range(ow))
        dx = np.zeros_like(x)
        for c, h, w in np.ndindex(*x.shape):
            dx[c, h, w] = sum(G[o, i, j] * Wk[o, c, u, v] for o in range(cout) for i in range(oh)
                              for j in range(ow) for u in range(kh) for v in range(kw)
                              if i + u == h and j + v == w)
        ok_w.append(np.allclose(dW, wt.grad.numpy()))
        ok_x.append(np.allclose(dx, xt.grad.numpy()))
    return {"x_dW": verdict(all(ok_w)), "x_dx": verdict(all(ok_x))}


# ------------------------------------------------------------------ where each claim is
# (id, unique text of the display or row, why) per document
CLAIMS = {
    "pikazlou_conv_backprop.md": (pikazlou, [
        ("p_y11", "y_{11} = x_{11}w_{11}", "forward entry"),
        ("p_y12", "y_{12} = x_{12}w_{11}", "forward entry"),
        ("p_chain_x11", "\\frac{\\partial y_{11}}{\\partial x_{11}} + ", "chain rule over the outputs"),
        ("p_x11", "\\color{green}{w_{11}}", "input gradient entry"),
        ("p_x12", "\\frac{\\partial L}{\\partial y_{11}}w_{12}", "input gradient entry"),
        ("p_w11", "\\frac{\\partial L}{\\partial y_{11}}x_{11}", "filter gradient entry"),
        ("p_b_sum", "\\frac{\\partial L}{\\partial y_{11}}1", "bias gradient"),
        ("p_W_eq_XcorrdY", "w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{vmatrix} = ", "left side is W itself, not dL/dW"),
        ("p_dX_matrix", "\\begin{vmatrix} w_{22} & w_{21}", "padded dL/dY with the flipped filter"),
        ("p_b_ones", "1 & 1 \\\\ 1 & 1", "bias as a correlation with ones"),
        ("p_dW_patches", "x_{22} & x_{23} \\\\ x_{32} & x_{33}", "filter gradient as weighted patches"),
    ], "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: X=input W=kernel Y=output L=loss -->",
        "$$X * W + b = Y$$",
        [("$$X * W + b = Y$$", "forward definition"), ("+ b = \\begin{vmatrix}", "forward definition")]),
    "loliot_conv2d.md": (loliot, [
        ("l_delta_chain", "\\partial z^{l+1}_{x,y} } { \\partial z^l_{i,j}", "chain rule through layer l+1"),
        ("l_delta_xy", "(\\omega')^{l+1}_{i-x,j-y}", "delta through layer l+1, implicit ranges"),
        ("l_delta_mn", "\\delta^{l+1}_{i-m,j-n}", "delta through layer l+1, after m = i - x"),
        ("l_w_chain", "{ \\partial ( \\omega' )^l_{m,n} }", "chain rule for the kernel"),
        ("l_w_sum", "a^{l-1}_{i+m, j+n} }", "kernel gradient"),
        ("l_b_chain", "{ \\partial b^l_{i,j} }", "chain rule for the position bias"),
        ("l_b_delta", "= \\delta^l_{i,j}", "bias gradient"),
    ], "<!-- symbp: layer=conv2d conv=cross index_base=0 -->",
        "$$z^l_{i,j} =",
        [("z^l_{i,j} = \\sum_m", "forward definition"), ("A^l = \\sigma", "definition"),
         ("K(m, n) = K'", "definition of the flip"), ("( I * K )_{ij}", "definitions of * and \\otimes"),
         ("\\equiv", "definition of delta")]),
    "dsse_56560_dK.md": (dsse, [
        ("d_dK_chain", "dO_{ij}\\frac{\\partial O_{ij}}{\\partial K(u',v')}", "chain rule"),
        ("d_dK_sum", "dO(i,j)I(i+u'-1,j+v'-1)", "filter gradient, 1-based bounds"),
        ("d_dK_star", "I(u'+i-1,v'+j-1)dO(i,j)", "filter gradient as a correlation"),
        ("d_dK_eq", "dK = I\\star dO", "filter gradient, whole tensor"),
        ("d_O_shift", "\\sum_{i'=i}^{i+p-1}", "forward after the change of variables"),
        ("d_dI_chain", "dI(i'',j'')", "chain rule for the input"),
    ], "<!-- symbp: layer=conv2d conv=cross index_base=1 names: I=input K=kernel O=output "
       "m=input.rows n=input.cols -->",
        "$$O(i,j)=",
        [("O(i,j)=(I\\star K)", "forward definition")]),
    "msai_edu_conv_backward.md": (msai, [
        ("m_z11", "z_{11} = w_{11} \\cdot a_{11}", "forward entry"),
        ("m_z12", "z_{12} = w_{11} \\cdot a_{12}", "forward entry"),
        ("m_z21", "z_{21} = w_{11} \\cdot a_{21}", "forward entry"),
        ("m_z22", "z_{22} = w_{11} \\cdot a_{22}", "forward entry"),
        ("m_a11", "=\\delta_{z11}\\cdot w_{11}", "input gradient entry"),
        ("m_a12", "=\\delta_{z11} \\cdot w_{12}+\\delta_{z12}", "input gradient entry"),
        ("m_a22", "=\\delta_{z11} \\cdot w_{22}", "input gradient entry"),
    ], "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: A=input W=kernel Z=output J=loss -->",
        "$$Z = W*A+b",
        [("Z = W*A+b", "forward definition"),
         ("\\delta_{out} = \\delta_{in}", "the padding of delta_in is stated only in the prose: "
                                           "holds with it, mis-shaped without it")]),
    "rhasanbd_conv_training.md": (rhasanbd, [
        ("r_act", "f^{'}(Z(i, j, k))", "activation step"),
        ("r_local", "{\\partial Y(i, j, k_{in})} = W(", "local derivative (W zero outside its range)"),
        ("r_sum_ij", "= \\sum_{i^{'}}\\sum_{j^{'}}W(", "a sum over the left side's free i', j'"),
        ("r_sum_kij", "= \\sum_{k}\\sum_{i^{'}}\\sum_{j^{'}}W(", "a sum over the left side's free i', j', k"),
        ("r_final", "\\times W(i - i^{'}, j - j^{'}, k_{in}, k)", "input gradient with channels"),
    ], "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 "
       "names: Y=input W=kernel Z=output L=loss layout: Y=HWC W=HWIO Z=HWC -->",
        "$$Y(i, j, k) = f",
        [("Y(i, j, k) = f(", "activation definition")]),
    "numpydl_bouvrie_conv2.md": (numpydl, [
        ("n_delta", "conv2(\\delta_j^{l+1}, rot180(k_j^{l+1}), 'full')", "delta rule, MATLAB true convolution"),
    ], "<!-- symbp: layer=conv2d conv=true names: k=kernel u=preactivation -->",
        "$$\\delta_j^l =", []),
    "zouht_conv_backprop.md": (zouht, [
        ("z_chain", "\\frac{\\partial E}{\\partial h_{pq}}\\frac{\\partial h_{pq}}{\\partial w_{ij}}", "sum over 0..n-1: reaches h_{0q}, which does not exist"),
        ("z_local", "\\frac{\\partial h_{pq}}{\\partial w_{ij}}=g", "local derivative"),
        ("z_sum", "g_{p+i-\\frac{n-1}{2},q+j-\\frac{n-1}{2}}\\frac{\\partial E}{\\partial h_{pq}}", "same bounds mistake"),
        ("z_star", "\\boldsymbol{G}*\\frac{\\partial E}{\\partial \\boldsymbol{H}}", "kernel gradient as a correlation"),
        ("z_b", "\\frac{\\partial h_{ij}}{\\partial b} = 1", "local bias derivative"),
        ("z_local_sum", "{\\partial w_{ij}}=g_{p+i", "local derivative through the forward sum (held out)"),
        ("z_g_chain", "\\partial g_{ij}}", "input gradient, same bounds mistake (held out)"),
    ], "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: G=input W=kernel H=output E=loss -->",
        "$$\\boldsymbol{H}_{(p-2)",
        [("\\boldsymbol{H}_{(p-2)", "forward definition"), ("h_{ij}=\\sum_{\\alpha", "forward definition"),
         ("\\partial d}", "derivative with respect to d, a name the text never defines (the bias is b)")]),
    "lexailabs_conv2d_backward.md": (lexailabs, [
        ("x_dW", "dW[o, c, u, v] =", "kernel gradient with channels"),
        ("x_dx", "dx[c, h, w] =", "input gradient as a constrained sum"),
    ], "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 names: x=input W=kernel "
       "out=output G=output_grad layout: x=CHW W=OIHW out=CHW -->",
        "$$\\text{out}[o, i, j]", [("\\text{out}[o, i, j] =", "forward definition")]),
    "chrischoy_fc_kronecker.md": (chrischoy, [
        ("c_dYdW", "X_{iq} \\delta_{ip} \\delta_{jq}", "wrong indices on X"),
        ("c_dYdb", "= \\delta_{jp}", "bias Jacobian as written with b_j"),
        ("c_dYdX", "W_{iq} \\delta_{ip} \\delta_{jq}", "wrong indices on W"),
        ("c_dEdW", "X^T", "weight gradient"),
    ], "<!-- symbp: layer=fc names: W=kernel X=input Y=output b=bias E=loss -->",
        "$$\\frac{\\partial Y_{ij}}{\\partial W_{pq}}", []),
}


def main():
    write_sidecars(CLAIMS, lambda doc: HERE, rows_without_ampersands=False)


if __name__ == "__main__":
    main()
