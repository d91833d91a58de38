"""Independent truth for the third held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout3.py`` writes a ``*.truth.json`` sidecar beside each of the
eight documents in ``heldout3/`` (same format as truth_heldout2.py's; one README-style directive
per section), from the claims in ``heldout3/claims_table.py``.  They were transcribed and their
truth established before any change to symbp for them.  Each claim is evaluated literally as
written: written bounds, offsets, index base and layer labels; a written bound that reaches an
entry that does not exist refutes the claim; a sum without bounds runs over where its indexed
tensors exist (an index that is not an integer names no entry); a claim whose truth depends on
a condition given only in prose (a heading "if i = k") is left out.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout3"
sys.path.insert(0, str(HERE))
from truth_common import write_section_sidecars  # noqa: E402
from heldout3.claims_table import CLAIMS  # noqa: E402

RNG = np.random.default_rng(11)
torch.set_default_dtype(torch.float64)


def rnd(*shape):
    return RNG.standard_normal(shape)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


def close(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-10))


def all_true(results: dict) -> dict:
    """{id: [bool per size]} -> {id: verdict}."""
    return {k: verdict(all(v)) for k, v in results.items()}


# ------------------------------------------------------------ borundev (NHWC conv, stride, padding)
def borundev_conv(n, K, s, P, C=2, M=3, N=2):
    """The general layer: l^1_{I,i,j,m} = sum l~0_{I,si+a,sj+b,k} W_{a,b,k,m}, l~0 = l^0 padded by P."""
    l0, W = torch.tensor(rnd(N, n, n, C), requires_grad=True), torch.tensor(rnd(K, K, C, M), requires_grad=True)
    out = torch.nn.functional.conv2d(l0.permute(0, 3, 1, 2), W.permute(3, 2, 0, 1), stride=s, padding=P)
    l1 = out.permute(0, 2, 3, 1)                                     # NHWC
    G = rnd(*l1.shape)
    (l1 * torch.tensor(G)).sum().backward()
    lt = np.pad(l0.detach().numpy(), ((0, 0), (P, P), (P, P), (0, 0)))
    Wn, no = W.detach().numpy(), l1.shape[1]
    res = {}
    dW = np.zeros_like(Wn)
    for a, b, k, m in np.ndindex(*Wn.shape):
        dW[a, b, k, m] = sum(G[I, i, j, m] * lt[I, s * i + a, s * j + b, k]
                             for I in range(N) for i in range(no) for j in range(no))
    res["b_dW"] = close(dW, W.grad)

    def g_at(I, num_p, num_q, m):          # (dL/dl^1)_{I, num_p/s, num_q/s, m}: None where it names no entry
        if num_p % s or num_q % s:
            return None
        i, j = num_p // s, num_q // s
        return G[I, i, j, m] if 0 <= i < no and 0 <= j < no else None

    def dx(row2: bool):
        out_ = np.zeros((N, n, n, C))
        for I, p, q, l in np.ndindex(N, n, n, C):
            tot = 0.0
            for a in (range(1, K + 1) if row2 else range(K)):        # where W~ / W exists
                for b in (range(1, K + 1) if row2 else range(K)):
                    for m in range(M):
                        if row2:
                            g = g_at(I, p + P - K + 1 + a, q + P - K + 1 + b, m)
                            wv = Wn[K - a, K - b, l, m]               # W~_{a,b,m,l} = W_{K-a,K-b,l,m}
                        else:
                            g, wv = g_at(I, p + P - a, q + P - b, m), Wn[a, b, l, m]
                        if g is not None:
                            tot += g * wv
            out_[I, p, q, l] = tot
        return out_
    res["b_dX1"] = close(dx(False), l0.grad)
    res["b_dX2"] = close(dx(True), l0.grad)
    return res


def borundev_two_class(Lsz=4, K=3, y=1.0):
    l0 = torch.tensor(rnd(Lsz, Lsz))
    W1, W2 = torch.tensor(rnd(K, K), requires_grad=True), torch.tensor(rnd(Lsz, Lsz), requires_grad=True)
    pre = torch.nn.functional.conv2d(l0[None, None], W1[None, None], padding=K // 2)[0, 0]
    l1 = torch.relu(pre)
    l1.retain_grad()
    l2 = torch.sigmoid((l1 * W2).sum())
    l2.retain_grad()
    loss = -y * torch.log(l2) - (1 - y) * torch.log(1 - l2)
    loss.backward()
    v, L1, L2w = float(l2.detach()), l1.detach().numpy(), W2.detach().numpy()
    e = v * (1 - y) - (1 - v) * y
    res = {"b_dl2": close(l2.grad, e / (v * (1 - v)))}
    df2 = torch.autograd.functional.jacobian(lambda w: torch.sigmoid((l1.detach() * w).sum()), W2.detach()).numpy()
    res["b_dW2_r1"] = close(W2.grad, float(l2.grad) * df2)
    res["b_dW2_r2"] = close(W2.grad, e / (v * (1 - v)) * v * (1 - v) * L1)
    res["b_dW2_r3"] = close(W2.grad, e * L1)
    res["b_dl1"] = close(l1.grad, e * L2w)
    lt = np.pad(l0.numpy(), K // 2)
    theta = (pre.detach().numpy() > 0).astype(float)                 # (f^1)' = Relu' = Theta at the pre-activation
    G1 = l1.grad.numpy()
    dW1 = np.array([[sum(G1[i, j] * theta[i, j] * lt[i + a, j + b] for i in range(Lsz) for j in range(Lsz))
                     for b in range(K)] for a in range(K)])
    res["b_dW1_r1"] = close(W1.grad, dW1)
    res["b_dW1_r2"] = res["b_dW1_r1"]                                 # the same sum with Theta written out
    # the notes' s(x) = 1/(1-e^{-x}) (a typo) also satisfies s' = s(1-s): the dW^2 step does not hinge on it
    xs = np.array([0.7, -1.3])
    s_typo = 1 / (1 - np.exp(-xs))
    assert np.allclose(-np.exp(-xs) / (1 - np.exp(-xs)) ** 2, s_typo * (1 - s_typo))
    return res


def borundev_multiclass(Hs=2, Ws=2, Z=2, A=3, y=1):
    l1 = torch.tensor(rnd(Hs, Ws, Z), requires_grad=True)
    W2 = torch.tensor(rnd(Hs, Ws, Z, A), requires_grad=True)
    u = torch.einsum("ijz,ijza->a", l1, W2)
    loss = -u[y] + torch.logsumexp(u, 0)
    loss.backward()
    l2 = torch.softmax(u.detach(), 0).numpy()
    W2n, l1n = W2.detach().numpy(), l1.detach().numpy()
    d_l1 = -W2n[..., y] + np.einsum("ijza,a->ijz", W2n, l2)
    d_W2 = -l1n[..., None] * (np.arange(A) == y)[None, None, None, :] + l1n[..., None] * l2[None, None, None, :]
    return {"b_ml_dl1": close(l1.grad, d_l1), "b_ml_dW2": close(W2.grad, d_W2)}


def borundev():
    res = {}
    for n, K, s, P in ((5, 3, 1, 1), (5, 3, 2, 1), (4, 2, 1, 0), (6, 3, 2, 0)):
        for k, v in borundev_conv(n, K, s, P).items():
            res.setdefault(k, []).append(v)
    for y in (1.0, 0.0):
        for k, v in borundev_two_class(y=y).items():
            res.setdefault(k, []).append(v)
    for k, v in borundev_multiclass().items():
        res.setdefault(k, []).append(v)
    return all_true(res)


# ------------------------------------------------------------ ld_triton linear (0-based, df = dF/dlinear)
def ldtriton_linear():
    M, infs, outfs = 2, 3, 2
    X = torch.tensor(rnd(M, infs), requires_grad=True)
    Wt = torch.tensor(rnd(outfs, infs), requires_grad=True)
    bt = torch.tensor(rnd(outfs), requires_grad=True)
    lin = X @ Wt.T + bt
    df = rnd(M, outfs)
    (lin * torch.tensor(df)).sum().backward()                        # f linear in the output: df = dF/dlinear
    Xn, Wn = X.detach().numpy(), Wt.detach().numpy()
    J_in = np.array([[[[float(p == i) * Wn[q, j] for j in range(infs)] for i in range(M)]
                      for q in range(outfs)] for p in range(M)])     # d linear_pq / d input_ij
    J_w = np.array([[[[float(q == i) * Xn[p, j] for j in range(infs)] for i in range(outfs)]
                     for q in range(outfs)] for p in range(M)])      # d linear_pq / d weight_ij
    J_b = np.eye(outfs)                                              # d linear_q / d bias_j
    t = {}
    row_in = np.einsum("pq,pqij->ij", df, J_in)
    t["lt_in_r1"] = t["lt_in_r2"] = close(X.grad, row_in)
    t["lt_in_r3"] = close(X.grad, np.array([[sum(df[i, q] * J_in[i, q, i, j] for q in range(outfs))
                                            for j in range(infs)] for i in range(M)]))
    t["lt_in_r4"] = close(X.grad, np.array([[sum(df[i, q] * Wn[q, j] for q in range(outfs))
                                            for j in range(infs)] for i in range(M)]))
    t["lt_in_mat"] = close(X.grad, df @ Wn)
    t["lt_w_r1"] = t["lt_w_r2"] = close(Wt.grad, np.einsum("pq,pqij->ij", df, J_w))
    t["lt_w_r3"] = close(Wt.grad, np.array([[sum(df[p, i] * J_w[p, i, i, j] for p in range(M))
                                            for j in range(infs)] for i in range(outfs)]))
    t["lt_w_r4"] = close(Wt.grad, np.array([[sum(df[p, i] * Xn[p, j] for p in range(M))
                                            for j in range(infs)] for i in range(outfs)]))
    t["lt_bias_r1"] = t["lt_bias_r2"] = close(bt.grad, np.einsum("pq,qj->j", df, J_b))
    t["lt_bias_r3"] = close(bt.grad, np.array([sum(df[p, j] * J_b[j, j] for p in range(M)) for j in range(outfs)]))
    # d linear(bias)_q / d bias_j = d bias_j / d bias_i = 1, for every q, j, i: the middle is 0 when i != j
    t["lt_b_one"] = all(J_b[q, j] == float(j == i) == 1.0 for q in range(outfs) for j in range(outfs) for i in range(outfs))
    # chain rule two: C = A B with A = input, B = weight^T; f(C) with dF/dC = df (the bias does not change dF/dC)
    A, B = Xn, Wn.T
    t["lt_mm_A"] = close(X.grad, df @ B.T)
    t["lt_mm_B"] = close(Wt.grad.T, A.T @ df)
    t["lt_mm_in"] = close(X.grad, df @ (Wn.T).T) and close(X.grad, df @ Wn)
    t["lt_mm_wT"] = close(Wt.grad.T, A.T @ df)
    t["lt_mm_w"] = close(Wt.grad, df.T @ A)
    return {k: verdict(v) for k, v in t.items()}


# ------------------------------------------------------------ ld_triton softmax (rows, 0-based, sums to N)
def ldtriton_softmax():
    M, N = 2, 3
    X = torch.tensor(rnd(M, N), requires_grad=True)
    S = torch.softmax(X, 1)
    df = rnd(M, N)
    (S * torch.tensor(df)).sum().backward()
    Sn, g = S.detach().numpy(), X.grad.numpy()
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 1), X.detach()).numpy()   # J[p,q,i,j]
    t = {}
    # rows of the chain rule (sums to N-1: every entry exists)
    t["ls_r1"] = t["ls_r2"] = close(g, np.einsum("pq,pqij->ij", df, J))
    t["ls_r3"] = close(g, np.array([[sum(df[i, q] * J[i, q, i, j] for q in range(N)) for j in range(N)] for i in range(M)]))
    t["ls_r4"] = close(g, np.array([[df[i, j] * (Sn[i, j] - Sn[i, j] ** 2)
                                     + sum(df[i, q] * (-Sn[i, q] * Sn[i, j]) for q in range(N) if q != j)
                                     for j in range(N)] for i in range(M)]))
    t["ls_r5"] = close(g, np.array([[Sn[i, j] * df[i, j] - Sn[i, j] * sum(df[i, q] * Sn[i, q] for q in range(N))
                                     for j in range(N)] for i in range(M)]))
    t["ls_r6"] = t["ls_r5"]                                            # the same with the sum over q implicit
    # displays whose sums run p = 0..N: x_{kN} is not an entry of the M x N matrix X
    reaches_missing = N not in range(N)                                # p = N indexes past the row's last entry
    t["ls_quot"] = not reaches_missing
    t["ls_dsum"] = not reaches_missing
    t["ls_c1_row"] = not reaches_missing
    t["ls_c2_row"] = not reaches_missing
    return {k: verdict(v) for k, v in t.items()}


# ------------------------------------------------------------ zli03 (Nielsen's BP1-BP4)
def zli03():
    n0, n1, n2 = 3, 2, 2
    a0 = torch.tensor(rnd(n0))
    W1, b1 = torch.tensor(rnd(n1, n0), requires_grad=True), torch.tensor(rnd(n1), requires_grad=True)
    W2, b2 = torch.tensor(rnd(n2, n1)), torch.tensor(rnd(n2))
    y = torch.tensor(rnd(n2))
    z1 = W1 @ a0 + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    a1.retain_grad()
    z2 = W2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    a2.retain_grad()
    C = 0.5 * ((a2 - y) ** 2).sum()
    C.backward()
    sp = lambda z: torch.sigmoid(z) * (1 - torch.sigmoid(z))      # noqa: E731
    s1, s2 = sp(z1.detach()).numpy(), sp(z2.detach()).numpy()
    d1, d2 = z1.grad.numpy(), z2.grad.numpy()
    da2 = a2.grad.numpy()
    Jz = torch.autograd.functional.jacobian(lambda v: W2 @ torch.sigmoid(v) + b2, z1.detach()).numpy()   # dz2_k/dz1_j
    Ja = torch.autograd.functional.jacobian(torch.sigmoid, z2.detach()).numpy()
    W2n = W2.numpy()
    t = {}
    t["z_bp1"] = close(d2, da2 * s2)
    t["z_bp1_chain"] = close(d2, da2 * np.diag(Ja))
    t["z_bp1_local"] = close(np.diag(Ja), s2) and close(Ja - np.diag(np.diag(Ja)), 0 * Ja)
    t["z_bp2"] = close(d1, np.array([sum(W2n[k, j] * d2[k] * s1[j] for k in range(n2)) for j in range(n1)]))
    t["z_bp2_chain"] = close(d1, Jz.T @ d2)
    t["z_bp2_local"] = close(Jz, W2n * s1[None, :])
    t["z_bp2_sub"] = t["z_bp2"]
    t["z_bp3"] = close(b1.grad, d1)
    Jb = torch.autograd.functional.jacobian(lambda v: W1.detach() @ a0 + v, b1.detach()).numpy()
    t["z_bp3_chain"] = close(b1.grad, d1 @ Jb)
    t["z_bp3_local"] = close(np.diag(Jb), np.ones(n1))
    t["z_bp4"] = close(W1.grad, np.outer(d1, a0.numpy()))
    Jw = torch.autograd.functional.jacobian(lambda w: w @ a0 + b1.detach(), W1.detach()).numpy()   # dz_j/dw_{j'k}
    t["z_bp4_chain"] = close(W1.grad, np.array([[d1[j] * Jw[j, j, k] for k in range(n0)] for j in range(n1)]))
    t["z_bp4_local"] = close(np.array([[Jw[j, j, k] for k in range(n0)] for j in range(n1)]),
                             np.tile(a0.numpy(), (n1, 1)))
    t["z_bp4_sub"] = t["z_bp4"]
    return {k: verdict(v) for k, v in t.items()}


# ------------------------------------------------------------ PostNetwork softmax + cross-entropy (1-based)
def postnetwork():
    Cn = 3
    z = torch.tensor(rnd(Cn), requires_grad=True)
    y = torch.zeros(Cn)
    y[2] = 1.0                                                         # one-hot, as the text says
    yh = torch.softmax(z, 0)
    yh.retain_grad()
    L = -(y * torch.log(yh)).sum()
    L.backward()
    p, yv, g = yh.detach().numpy(), y.numpy(), z.grad.numpy()
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z.detach()).numpy()   # J[i, j] = dyh_i/dz_j
    t = {}
    t["p_dLdy"] = close(yh.grad, -yv / p)
    t["p_case1"] = close(np.diag(J), p * (1 - p))
    t["p_cases"] = close(J, np.array([[p[i] * (1 - p[i]) if i == j else -p[i] * p[j] for j in range(Cn)] for i in range(Cn)]))
    t["p_chain"] = close(g, np.array([sum(yh.grad.numpy()[i] * J[i, j] for i in range(Cn)) for j in range(Cn)]))
    t["p_simpl"] = close(g, np.array([-yv[j] * (1 - p[j]) + sum(yv[i] * p[j] for i in range(Cn) if i != j) for j in range(Cn)]))
    t["p_final"] = close(g, p - yv)
    return {k: verdict(v) for k, v in t.items()}


# ------------------------------------------------------------ robjinman/richard (dense, HWC conv, max pool)
def rob_dense():
    n0, n1 = 3, 2
    a0 = torch.tensor(rnd(n0), requires_grad=True)
    W, b = torch.tensor(rnd(n1, n0), requires_grad=True), torch.tensor(rnd(n1), requires_grad=True)
    y = torch.tensor(rnd(n1))
    z = W @ a0 + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    C = 0.5 * ((y - a) ** 2).sum()
    C.backward()
    sp = (torch.sigmoid(z) * (1 - torch.sigmoid(z))).detach().numpy()
    dz, da = z.grad.numpy(), a.grad.numpy()
    Wn, a0n = W.detach().numpy(), a0.detach().numpy()
    t = {}
    t["r_chain"] = close(dz, da * sp)
    t["r_delta"] = t["r_vdelta"] = close(dz, da * sp)
    t["r_dw"] = close(W.grad, np.outer(dz, a0n))
    t["r_gradW"] = close(W.grad, np.outer(dz, a0n))
    t["r_db"] = t["r_gradb"] = close(b.grad, dz)
    t["r_da"] = close(a0.grad, np.array([sum(dz[j] * Wn[j, i] for j in range(n1)) for i in range(n0)]))
    t["r_grada"] = close(a0.grad, Wn.T @ dz)
    t["r_deltaL"] = close(dz, da * sp)
    t["r_dCdaL"] = t["r_gradaL"] = close(da, a.detach().numpy() - y.numpy())
    return t


def rob_conv(H=4, Kk=2, Cin=2, D=3):
    A = torch.tensor(rnd(H, H, Cin), requires_grad=True)                  # a^{l-1}_{x,y,k}
    Wk = torch.tensor(rnd(D, Kk, Kk, Cin), requires_grad=True)            # w^{l,d}_{i,j,k}
    bk = torch.tensor(rnd(D))
    Ho = H - Kk + 1
    Z = torch.stack([torch.stack([torch.stack([(Wk[d] * A[x:x + Kk, y:y + Kk, :]).sum() + bk[d]
                                               for y in range(Ho)]) for x in range(Ho)]) for d in range(D)])
    Z.retain_grad()
    Aout = torch.relu(Z)
    Aout.retain_grad()
    T = torch.tensor(rnd(D, Ho, Ho))
    (0.5 * (Aout - T) ** 2).sum().backward()
    dZ, dAout, Zn = Z.grad.numpy(), Aout.grad.numpy(), Z.detach().numpy()
    Wn, An = Wk.detach().numpy(), A.detach().numpy()
    t = {"r_c_delta": close(dZ, dAout * (Zn > 0))}
    zz = torch.tensor([-1.5, 0.0, 2.0], requires_grad=True)
    torch.relu(zz).sum().backward()
    t["r_c_relu"] = close(zz.grad, [0.0, 0.0, 1.0])                       # R'(0) = 0, as torch's relu backward

    def w_at(d, i, j, k):
        return Wn[d, i, j, k] if 0 <= i < Kk and 0 <= j < Kk else 0.0     # sums over x', y' where w exists
    grad_in = np.array([[[sum(dZ[d, xp, yp] * w_at(d, x - xp, y - yp, z)
                              for d in range(D) for xp in range(Ho) for yp in range(Ho))
                          for z in range(Cin)] for y in range(H)] for x in range(H)])
    t["r_c_da1"] = t["r_c_da2"] = t["r_c_da3"] = t["r_c_da4"] = close(A.grad, grad_in)
    # sum_d (W_z * delta): true convolution, full, (f*g)(x,y) = sum_i sum_j f(i,j) g(x-i,y-j)
    full = np.zeros((H, H, Cin))
    for z in range(Cin):
        for d in range(D):
            for x, y in np.ndindex(H, H):
                full[x, y, z] += sum(Wn[d, i, j, z] * dZ[d, x - i, y - j] for i in range(Kk) for j in range(Kk)
                                     if 0 <= x - i < Ho and 0 <= y - j < Ho)
    t["r_c_grada"] = close(A.grad, full)
    dW = np.array([[[[sum(dZ[d, x, y] * An[x + i, y + j, k] for x in range(Ho) for y in range(Ho))
                      for k in range(Cin)] for j in range(Kk)] for i in range(Kk)] for d in range(D)])
    t["r_c_dw1"] = t["r_c_dw2"] = t["r_c_dw3"] = close(Wk.grad, dW)
    return t


def rob_pool(H=4, Mw=2, Ch=2, stride=1):
    """The notes' forward as written: z_{x,y,z} = max_{i<M, j<N} a_{x+i, y+j, z} (stride 1)."""
    a = torch.tensor(rnd(H, H, Ch), requires_grad=True)
    z = torch.nn.functional.max_pool2d(a.permute(2, 0, 1)[None], Mw, stride=stride)[0].permute(1, 2, 0)
    z.retain_grad()
    G = torch.tensor(rnd(*z.shape))
    (z * G).sum().backward()
    an, Gn, zn = a.detach().numpy(), G.numpy(), z.detach().numpy()
    Jz = torch.autograd.functional.jacobian(
        lambda v: torch.nn.functional.max_pool2d(v.permute(2, 0, 1)[None], Mw, stride=stride)[0].permute(1, 2, 0),
        a.detach()).numpy()                                               # dz_{u,v,c} / da_{x,y,c'}
    chain = np.zeros_like(an)
    via_max = np.zeros_like(an)
    cases = np.zeros_like(an)
    for x, y, c in np.ndindex(H, H, Ch):
        u, v = x // Mw, y // Mw
        chain[x, y, c] = Gn[u, v, c] * Jz[u, v, c, x, y, c]
        win = an[u:u + Mw, v:v + Mw, c]                                   # the window the notes write: floor(x/M)+i
        top = np.unravel_index(np.argmax(win), win.shape)
        via_max[x, y, c] = Gn[u, v, c] * float((u + top[0], v + top[1]) == (x, y))
        cases[x, y, c] = Gn[u, v, c] if an[x, y, c] == win.max() else 0.0
    return {"r_p_delta": close(z.grad, Gn), "r_p_vdelta": close(z.grad, Gn),
            "r_p_chain": close(a.grad, chain), "r_p_max": close(a.grad, via_max), "r_p_cases": close(a.grad, cases)}


def robjinman():
    res = {}
    for part in (rob_dense(), rob_conv(), rob_conv(H=5, Kk=3, Cin=1, D=2), rob_pool(), rob_pool(H=5, Ch=1)):
        for k, v in part.items():
            res.setdefault(k, []).append(v)
    # the reading the prose describes (windows of stride M): the chain then holds, the two
    # displays that compare with the window at floor(x/M)+i still do not
    intended = rob_pool(stride=2)
    assert intended["r_p_chain"] and not intended["r_p_max"] and not intended["r_p_cases"]
    return all_true(res)


# ------------------------------------------------------------ zxRobot/LeNet (column vectors; 3x3 / 2x2 cross-correlation, 1-based)
def zxrobot_fc():
    a0 = torch.tensor(rnd(3))
    W1, b1 = torch.tensor(rnd(2, 3), requires_grad=True), torch.tensor(rnd(2), requires_grad=True)
    W2, b2 = torch.tensor(rnd(2, 2), requires_grad=True), torch.tensor(rnd(2), requires_grad=True)
    y = torch.tensor(rnd(2))
    z1 = W1 @ a0 + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    z2 = W2 @ a1 + b2                                                   # layer L = 2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    (0.5 * ((a2 - y) ** 2).sum()).backward()
    dL, d1 = z2.grad.numpy(), z1.grad.numpy()
    a1n, z1n, z2n = a1.detach().numpy(), z1.detach().numpy(), z2.detach().numpy()
    sig = lambda v: 1 / (1 + np.exp(-v))                                # noqa: E731
    t = {}
    # (a^L - y) (.) sigma^l(z^l): sigma itself, at layer l (l = L and l = 1 both differ from delta^L)
    t["zx_dL"] = any(close(dL, (a2.detach().numpy() - y.numpy()) * sig(z)) for z in (z2n, z1n[:2]))
    # dC/dW^l = delta^L (a^{L-1})^T and dC/db^l = delta^L: only at l = L
    t["zx_dWl"] = close(W1.grad, np.outer(dL, a1n)) and close(W2.grad, np.outer(dL, a1n))
    t["zx_dbl"] = close(b1.grad, dL) and close(b2.grad, dL)
    t["zx_dw"] = close(W1.grad, np.outer(d1, a0.numpy())) and close(W2.grad, np.outer(dL, a1n))
    t["zx_db"] = close(b1.grad, d1) and close(b2.grad, dL)
    return t


def xcorr_valid(x, k):
    kh, kw = k.shape
    return np.array([[np.sum(x[i:i + kh, j:j + kw] * k) for j in range(x.shape[1] - kw + 1)]
                     for i in range(x.shape[0] - kh + 1)])


def zxrobot_conv():
    a = torch.tensor(rnd(3, 3), requires_grad=True)
    W = torch.tensor(rnd(2, 2), requires_grad=True)
    z = torch.nn.functional.conv2d(a[None, None], W[None, None])[0, 0]   # z^{l+1} = a^l * W^{l+1}, cross-correlation
    d = rnd(2, 2)                                                        # delta^{l+1} = dC/dz^{l+1}
    (z * torch.tensor(d)).sum().backward()
    an, Wn, ga, gW = a.detach().numpy(), W.detach().numpy(), a.grad.numpy(), W.grad.numpy()
    A = lambda i, j: an[i - 1, j - 1]                                    # noqa: E731
    w = lambda i, j: Wn[i - 1, j - 1]                                    # noqa: E731
    D = lambda i, j: d[i - 1, j - 1]                                     # noqa: E731
    t = {}
    rights = {(1, 1): D(1, 1) * w(1, 1), (1, 2): D(1, 1) * w(1, 2) + D(1, 2) * w(1, 1), (1, 3): D(1, 2) * w(1, 2),
              (2, 1): D(1, 1) * w(2, 1) + D(2, 1) * w(1, 1),
              (2, 2): D(1, 1) * w(2, 2) + D(1, 2) * w(2, 1) + D(2, 1) * w(1, 2) + D(2, 2) * w(1, 1),
              (2, 3): D(1, 2) * w(2, 2) + D(2, 2) * w(1, 2), (3, 1): D(2, 1) * w(2, 1),
              (3, 2): D(2, 1) * w(2, 2) + D(2, 2) * w(2, 1), (3, 3): D(2, 2) * w(2, 2)}
    for (i, j), r in rights.items():
        t[f"zx_na{i}{j}"] = bool(np.isclose(ga[i - 1, j - 1], r))
    t["zx_na_mat"] = close(ga, xcorr_valid(np.pad(d, 1), np.rot90(Wn, 2)))
    full = xcorr_valid(d, np.rot90(Wn, 2))                               # delta^{l+1} * rot180(W): 1x1, no padding
    t["zx_delta"] = close(ga, full)                                      # (and delta^l would also need sigma')
    t["zx_dW"] = close(gW, xcorr_valid(an, d))
    t["zx_dW11"] = bool(np.isclose(gW[0, 0], A(1, 1) * D(1, 1) + A(1, 2) * D(1, 2) + A(2, 1) * D(2, 1) + A(2, 2) * D(2, 2)))
    t["zx_dW12"] = bool(np.isclose(gW[0, 1], A(1, 2) * D(1, 1) + A(1, 3) * D(1, 2) + A(2, 2) * D(2, 1) + A(2, 3) * D(2, 2)))
    t["zx_dW21"] = bool(np.isclose(gW[1, 0], A(2, 1) * D(1, 1) + A(2, 2) * D(1, 2) + A(3, 1) * D(2, 1) + A(3, 3) * D(2, 2)))
    t["zx_dW12b"] = bool(np.isclose(gW[0, 1], A(2, 2) * D(1, 1) + A(2, 3) * D(1, 2) + A(3, 2) * D(2, 1) + A(3, 3) * D(2, 2)))
    t["zx_dW_mat"] = close(gW, xcorr_valid(an, d))
    return t


def zxrobot():
    res = {}
    for part in (zxrobot_fc(), zxrobot_fc(), zxrobot_conv(), zxrobot_conv()):
        for k, v in part.items():
            res.setdefault(k, []).append(v)
    return all_true(res)


# ------------------------------------------------------------ li-weihua (w^l, b^l map layer l to l+1)
def liweihua():
    res = {}
    for n0, n1 in ((3, 2), (2, 3)):
        z1 = torch.tensor(rnd(n0), requires_grad=True)                  # z^l
        a1 = torch.sigmoid(z1)                                          # a^l
        a1.retain_grad()
        w, b = torch.tensor(rnd(n1, n0), requires_grad=True), torch.tensor(rnd(n1), requires_grad=True)
        z2 = w @ a1 + b                                                 # z^{l+1} = w^l a^l + b^l
        z2.retain_grad()
        (0.5 * ((torch.sigmoid(z2) - torch.tensor(rnd(n1))) ** 2).sum()).backward()
        d2, d1 = z2.grad.numpy(), z1.grad.numpy()
        wn, a1n = w.detach().numpy(), a1.detach().numpy()
        sp = a1n * (1 - a1n)
        part = {"lw_db_mat": close(b.grad, d2),
                "lw_dw": close(w.grad, np.array([[d2[j] * a1n[k] for k in range(n0)] for j in range(n1)])),
                "lw_dw_mat": close(w.grad, np.outer(d2, a1n)),
                "lw_dz": close(d1, np.array([sum(d2[i] * wn[i, j] for i in range(n1)) * sp[j] for j in range(n0)])),
                "lw_delta_mat": close(d1, (wn.T @ d2) * sp),
                "lw_grada": close(a1.grad, wn.T @ d2)}
        for k, v in part.items():
            res.setdefault(k, []).append(v)
    return all_true(res)


def main():
    write_section_sidecars({doc: (globals()[fn], claims, dirs, excluded)
                            for doc, (fn, claims, dirs, excluded) in CLAIMS.items()}, FOLDER)


if __name__ == "__main__":
    main()
