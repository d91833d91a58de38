"""Independent truth for the sixth held-out set (numpy loops and torch autograd, not symbp).

``python tests/docs/real/truth_heldout6.py`` writes a ``*.truth.json`` sidecar beside each
document in ``heldout6/`` (the format of truth_heldout5.py: claims, one README-style directive per
section, the displays left out of the score).  The documents were transcribed and their truth
established before anything of symbp was run on them (nothing of symbp is imported here).  Each
claim is evaluated literally as written: written bounds, offsets, index base and the document's
own convention for its convolution sign; a written bound that reaches an entry that does not
exist refutes the claim unless the document says the tensor is padded there; a sum or a free
index without bounds runs over where its indexed tensors exist; MATLAB's conv2 is MATLAB's (a
true convolution, 'full' by default); a shape that differs refutes.  Every claim is checked at two
random draws and, where a document gives no sizes, at two sets of sizes.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
FOLDER = HERE / "heldout6"
sys.path.insert(0, str(HERE))
from truth_common import T, close, corr2, repeat, seeded_draws, write_and_report  # noqa: E402
from heldout6.claims_table import TABLE  # noqa: E402

RNG, rnd, loss_of = seeded_draws(66)
torch.set_default_dtype(torch.float64)
jac = torch.autograd.functional.jacobian
F = torch.nn.functional


def matlab_conv2_full(a, b):
    """MATLAB's conv2(a, b) ('full', a true convolution): c[x, y] = sum a[x-p, y-q] b[p, q]."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c = np.zeros((a.shape[0] + b.shape[0] - 1, a.shape[1] + b.shape[1] - 1))
    for p in range(b.shape[0]):
        for q in range(b.shape[1]):
            c[p:p + a.shape[0], q:q + a.shape[1]] += b[p, q] * a
    return c


def conv_forward_torch(x, w, b=None):
    """Single-channel valid cross-correlation with torch (for autograd)."""
    out = F.conv2d(x[None, None], w[None, None])[0, 0]
    return out + b if b is not None else out


def dsigmoid(x):
    s = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
    return s * (1 - s)


# ---------------------------------------------------------------- cnnbp_delta_rot180_zh
def cnnbp_once(H, W, k1, k2):
    t = {}
    ho, wo = H - k1 + 1, W - k2 + 1
    # delta section: z^{l+1}(x',y') = sum_a sum_b sigma(z^l(x'+a, y'+b)) w^{l+1}(a, b) + b^{l+1}
    zl, w1, b1 = T(rnd(H, W), True), T(rnd(k1, k2)), T(rnd())

    def fwd(z):
        return conv_forward_torch(torch.sigmoid(z), w1, b1)

    def fwd_loops(z):                                   # the note's forward, written as loops
        s = torch.sigmoid(z)
        rows = []
        for xp in range(ho):
            rows.append(torch.stack([sum(s[xp + a, yp + b] * w1[a, b] for a in range(k1) for b in range(k2)) + b1
                                     for yp in range(wo)]))
        return torch.stack(rows)

    zn = fwd(zl)
    zn.retain_grad()
    C = loss_of(zn)
    C.backward()
    dn, dl = zn.grad.numpy(), zl.grad.numpy()
    J = jac(fwd, zl.detach()).numpy()                   # (ho, wo, H, W)
    t["z_d_r1"] = close(np.einsum("pq,pqxy->xy", dn, J), dl)
    t["z_d_r2"] = t["z_d_r1"]
    Jl = jac(fwd_loops, zl.detach()).numpy()
    t["z_d_expand"] = close(Jl, J) and close(np.einsum("pq,pqxy->xy", dn, Jl), dl)
    sp, w1n = dsigmoid(zl.detach().numpy()), w1.numpy()
    ab = np.zeros((H, W))
    prime = np.zeros((H, W))
    for x in range(H):
        for y in range(W):
            for a in range(k1):                          # where w and delta^{l+1} exist
                for b in range(k2):
                    if 0 <= x - a < ho and 0 <= y - b < wo:
                        ab[x, y] += dn[x - a, y - b] * w1n[a, b]
            for a_ in range(-(k1 - 1), 1):               # a' = -a
                for b_ in range(-(k2 - 1), 1):
                    if 0 <= x + a_ < ho and 0 <= y + b_ < wo:
                        prime[x, y] += dn[x + a_, y + b_] * w1n[-a_, -b_]
    t["z_d_ab"] = close(ab * sp, dl)
    t["z_d_prime"] = close(prime * sp, dl)
    conv2 = matlab_conv2_full(dn, np.rot90(w1n, 2))     # conv2(delta, rot180(w)), MATLAB's default 'full'
    t["z_d_conv2"] = close(conv2 * sp, dl)
    # kernel section: z^l(x,y) = sum_{a',b'} sigma(z^{l-1}(x+a', y+b')) w^l(a',b') + b^l
    zp, wl, bl = T(rnd(H, W)), T(rnd(k1, k2), True), T(rnd(), True)
    z = conv_forward_torch(torch.sigmoid(zp), wl, bl)
    z.retain_grad()
    C2 = loss_of(z)
    C2.backward()
    dz, dW, db = z.grad.numpy(), wl.grad.numpy(), bl.grad.item()
    Jw = jac(lambda v: conv_forward_torch(torch.sigmoid(zp), v, bl.detach()), wl.detach()).numpy()
    t["z_w_sum"] = close(np.einsum("xy,xyab->ab", dz, Jw), dW)

    def fwd_w_loops(v):
        s = torch.sigmoid(zp)
        return torch.stack([torch.stack([sum(s[x + a, y + b] * v[a, b] for a in range(k1) for b in range(k2)) + bl.detach()
                                         for y in range(wo)]) for x in range(ho)])
    Jwl = jac(fwd_w_loops, wl.detach()).numpy()
    t["z_w_expand"] = close(Jwl, Jw) and close(np.einsum("xy,xyab->ab", dz, Jwl), dW)
    a_prev = 1.0 / (1.0 + np.exp(-zp.numpy()))
    wrong, exists = np.zeros((k1, k2)), True
    for a in range(k1):
        for b in range(k2):
            for x in range(ho):
                for y in range(wo):
                    if x + b >= H or y + b >= W:
                        exists = False                  # z^{l-1}(x+b, y+b) does not exist
                        continue
                    wrong[a, b] += dz[x, y] * a_prev[x + a, y + b] * dsigmoid(zp.numpy()[x + b, y + b])
    t["z_w_wrong"] = exists and close(wrong, dW)
    # delta^l * a^{l-1}: delta first; the valid sliding sum (cross-correlation) and the valid true
    # convolution of a (ho x wo) map with a larger (H x W) one have no entries at all
    readings = [corr2(dz, a_prev), corr2(dz, np.rot90(a_prev, 2))]
    ok = any(r is not None and close(r, dW) for r in readings)
    t["z_w_mat1"] = ok
    t["z_w_mat2"] = ok
    t["z_b"] = close(dz.sum(), db)
    return t


def cnnbp():
    return repeat(cnnbp_once, [(5, 5, 2, 2), (6, 5, 3, 2)])


# ---------------------------------------------------------------- icyfenix_cnn_book_zh
def icyfenix_once(H, W, k):
    t = {}
    I, Wk, b = T(rnd(H, W), True), T(rnd(k, k), True), T(rnd())
    S = conv_forward_torch(I, Wk, b)
    S.retain_grad()
    loss_of(S).backward()
    gS, gW, gI = S.grad.numpy(), Wk.grad.numpy(), I.grad.numpy()
    ho, wo = gS.shape
    Jw = jac(lambda v: conv_forward_torch(I.detach(), v, b), Wk.detach()).numpy()   # (ho, wo, k, k)
    t["i_w_chain"] = close(np.einsum("ij,ijmn->mn", gS, Jw), gW)
    In = I.detach().numpy()
    region = np.stack([np.stack([In[i:i + k, j:j + k] for j in range(wo)]) for i in range(ho)])
    t["i_dSdW"] = close(Jw, region)
    t["i_w"] = close(np.einsum("ij,ijmn->mn", gS, region), gW)
    # *_full: the book's convolution (sliding sum, no flip) over dl/dS padded by k-1 zeros
    full = corr2(np.pad(gS, k - 1), np.flip(Wk.detach().numpy()))
    t["i_x"] = close(full, gI)
    # pooling: 4x4 input, 2x2 windows, stride 2 (the book's example)
    x4 = T(RNG.permutation(16).reshape(4, 4) + rnd(4, 4) * 0.1, True)
    P = F.max_pool2d(x4[None, None], 2, 2)[0, 0]
    P.retain_grad()
    loss_of(P).backward()
    gP, gx = P.grad.numpy(), x4.grad.numpy()
    routed = np.zeros((4, 4))
    xv = x4.detach().numpy()
    for p in range(2):
        for q in range(2):
            win = xv[2 * p:2 * p + 2, 2 * q:2 * q + 2]
            m, n = np.unravel_index(np.argmax(win), win.shape)
            routed[2 * p + m, 2 * q + n] = gP[p, q]
    t["i_max"] = close(routed, gx)
    x5 = T(rnd(4, 4), True)
    Pa = F.avg_pool2d(x5[None, None], 2, 2)[0, 0]
    Pa.retain_grad()
    loss_of(Pa).backward()
    spread = np.repeat(np.repeat(Pa.grad.numpy(), 2, 0), 2, 1) / (2 * 2)
    t["i_avg"] = close(spread, x5.grad.numpy())
    return t


def icyfenix():
    return repeat(icyfenix_once, [(5, 5, 3), (6, 4, 2)])


# ---------------------------------------------------------------- zhangxq_cnn_interview_zh
def zhangxq_once(H, W, kh, kw):
    x, w, b = T(rnd(H, W), True), T(rnd(kh, kw), True), T(rnd())
    y = conv_forward_torch(x, w, b)
    y.retain_grad()
    loss_of(y).backward()
    gy, gw, gx = y.grad.numpy(), w.grad.numpy(), x.grad.numpy()
    xn, wn = x.detach().numpy(), w.detach().numpy()
    ho, wo = gy.shape
    dw = np.array([[sum(gy[i, j] * xn[i + m, j + n] for i in range(ho) for j in range(wo))
                    for n in range(kw)] for m in range(kh)])
    dx = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            dx[i, j] = sum(gy[i - m, j - n] * wn[m, n] for m in range(kh) for n in range(kw)
                           if 0 <= i - m < ho and 0 <= j - n < wo)      # sums where the entries exist
    return {"zq_w": close(dw, gw), "zq_x": close(dx, gx), "zq_q1_x": close(dx, gx), "zq_q1_w": close(dw, gw)}


def zhangxq():
    return repeat(zhangxq_once, [(5, 5, 3, 3), (4, 6, 2, 3)])


# ---------------------------------------------------------------- simple_cnn_pad1_fc
def simple_once():
    t = {}
    X = T(rnd(3, 32, 32), True)
    W1, b1 = T(rnd(16, 3, 3, 3) * 0.3, True), T(rnd(16) + 8.0, True)   # S > 0: no tied zeros in a pooling window
    Wfc, bfc = T(rnd(10, 4096) * 0.05, True), T(rnd(10), True)
    y = np.zeros(10)
    y[RNG.integers(10)] = 1.0
    S = F.conv2d(X[None], W1, b1, padding=1)[0]
    A = torch.relu(S)
    P = F.max_pool2d(A[None], 2, 2)[0]
    h = P.reshape(-1)                                    # k = c*16*16 + i*16 + j
    z = Wfc @ h + bfc
    p = torch.softmax(z, 0)
    L = -(T(y) * torch.log(p)).sum()
    for v in (S, A, P, h, z):
        v.retain_grad()
    L.backward()
    gz, gh, gP, gA, gS = (v.grad.numpy() for v in (z, h, P, A, S))
    t["s_dz"] = close(gz, p.detach().numpy() - y)
    t["s_db"] = close(bfc.grad, gz)
    t["s_dW"] = close(Wfc.grad, np.outer(gz, h.detach().numpy()))
    t["s_dh"] = close(gh, Wfc.detach().numpy().T @ gz)
    An, routed, ties = A.detach().numpy(), np.zeros((16, 32, 32)), False
    for c in range(16):
        for pp in range(16):
            for q in range(16):
                win = An[c, 2 * pp:2 * pp + 2, 2 * q:2 * q + 2]
                ties |= int((win == win.max()).sum()) > 1
                u, v = np.unravel_index(np.argmax(win), win.shape)
                routed[c, 2 * pp + u, 2 * q + v] = gP[c, pp, q]
    assert not ties, "a pooling window with two maxima: the arg-max is not defined"
    t["s_pool"] = close(routed, gA)
    t["s_relu"] = close(gS, gA * (S.detach().numpy() > 0))
    t["s_convb"] = close(b1.grad, gS.sum(axis=(1, 2)))
    Xp = np.pad(X.detach().numpy(), ((0, 0), (1, 1), (1, 1)))   # 1-based X_{c',r}: Xp[c', r]; r = 0, 33 the padding
    dW1 = np.zeros((16, 3, 3, 3))
    for u in range(3):
        for v in range(3):
            # sum_{i,j=1}^{32} dS_{c,i,j} X_{c', i+u-1, j+v-1}; 0-based i0 = i-1 reads Xp[c', i0+u, j0+v]
            dW1[:, :, u, v] = np.einsum("cij,dij->cd", gS, Xp[:, u:u + 32, v:v + 32])
    t["s_convW"] = close(W1.grad, dW1)
    # delta^{[X]}_{c',x,y} = sum_c sum_{u,v=0}^{2} W_{c,c',u,v} delta^{[S]}_{c, x-u+1, y-v+1}, x, y = 1..32:
    # x = 1, u = 2 reads row 0 and x = 32, u = 0 reads row 33 of delta^{[S]}, which has rows 1..32 only
    reach = {x - u + 1 for x in range(1, 33) for u in range(3)}
    exists = reach <= set(range(1, 33))
    gSp = np.pad(gS, ((0, 0), (1, 1), (1, 1)))          # with zeros there the formula would match
    dX = np.zeros((3, 32, 32))
    W1n = W1.detach().numpy()
    for u in range(3):
        for v in range(3):
            # 1-based x: delta^S_{x-u+1} is gSp[x-u+1] (gSp[r] = delta^S_r, r = 0, 33 zero); 0-based x0 = x-1
            dX += np.einsum("cd,cij->dij", W1n[:, :, u, v], gSp[:, 2 - u:34 - u, 2 - v:34 - v])
    assert close(dX, X.grad), "the formula with zeros outside delta^{[S]} should match"
    t["s_dX"] = exists and close(dX, X.grad)
    return t


def simple():
    return repeat(simple_once, [()])


# ---------------------------------------------------------------- puzzle10_conv_input_grad
def puzzle_once(B, Cin, Cout, H, Wd, Fs):
    t = {}
    x, Wt, bias = T(rnd(B, Cin, H, Wd), True), T(rnd(Cout, Cin, Fs, Fs)), T(rnd(Cout))
    out = F.conv2d(x, Wt, bias)
    out.retain_grad()
    loss_of(out).backward()
    g, gin = out.grad.numpy(), x.grad.numpy()
    Wn = Wt.numpy()
    Ho, Wo = H - Fs + 1, Wd - Fs + 1
    chain = np.zeros_like(gin)
    key = np.zeros_like(gin)
    for b in range(B):
        for c in range(Cin):
            for h in range(H):
                for w in range(Wd):
                    chain[b, c, h, w] = sum(g[b, k, oh, ow] * Wn[k, c, h - oh, w - ow]
                                            for k in range(Cout) for oh in range(Ho) for ow in range(Wo)
                                            if 0 <= h - oh < Fs and 0 <= w - ow < Fs)
                    key[b, c, h, w] = sum(g[b, k, h - fh, w - fw] * Wn[k, c, fh, fw]
                                          for k in range(Cout) for fh in range(Fs) for fw in range(Fs)
                                          if 0 <= h - fh < Ho and 0 <= w - fw < Wo)
    t["p_chain"] = close(chain, gin)
    t["p_key"] = close(key, gin)
    Wrot = np.flip(Wn, (2, 3))
    gpad = np.pad(g, ((0, 0), (0, 0), (Fs - 1, Fs - 1), (Fs - 1, Fs - 1)))
    full = F.conv2d(T(gpad), T(Wrot).transpose(0, 1)).numpy()   # the puzzle's conv: a sliding sum
    t["p_full"] = close(full, gin)
    sumk = np.zeros_like(gin)
    for b in range(B):
        for c in range(Cin):
            for k in range(Cout):
                sumk[b, c] += corr2(gpad[b, k], Wrot[k, c])
    t["p_sumk"] = close(sumk, gin)
    # worked example: one channel, 5x5 input, 3x3 filter
    x1, w1 = T(rnd(5, 5), True), T(rnd(3, 3))
    o1 = conv_forward_torch(x1, w1)
    o1.retain_grad()
    loss_of(o1).backward()
    gg, ww, gi = o1.grad.numpy(), w1.numpy(), x1.grad.numpy()
    written22 = (gg[0, 0] * ww[2, 2] + gg[0, 1] * ww[2, 1] + gg[0, 2] * ww[2, 0] + gg[1, 0] * ww[1, 2]
                 + gg[1, 1] * ww[1, 1] + gg[1, 2] * ww[1, 0] + gg[2, 0] * ww[0, 2] + gg[2, 1] * ww[0, 1]
                 + gg[2, 2] * ww[0, 0])
    t["p_22"] = close(written22, gi[2, 2])
    t["p_00"] = close(gg[0, 0] * ww[0, 0], gi[0, 0])
    return t


def puzzle():
    return repeat(puzzle_once, [(2, 2, 3, 5, 5, 3), (1, 3, 2, 6, 4, 2)])


# ---------------------------------------------------------------- dml_simple_cnn_train
def dml_once(H, W, k, Fn, C):
    t = {}
    X = T(rnd(H, W))
    Wc, bc = T(rnd(k, k, Fn), True), T(rnd(Fn), True)
    ho, wo = H - k + 1, W - k + 1
    Z = torch.stack([F.conv2d(X[None, None], Wc[:, :, f][None, None])[0, 0] + bc[f] for f in range(Fn)], dim=2)
    A = torch.relu(Z)
    Af = A.reshape(1, -1)
    Wd, bd = T(rnd(ho * wo * Fn, C), True), T(rnd(1, C), True)
    Zd = Af @ Wd + bd
    yhat = torch.softmax(Zd, 1)
    y = np.zeros((1, C))
    y[0, RNG.integers(C)] = 1.0
    L = -(T(y) * torch.log(yhat)).sum()
    for v in (Z, A, Af, Zd):
        v.retain_grad()
    L.backward()
    gZd = Zd.grad.numpy()
    t["d_sm"] = close(gZd, yhat.detach().numpy() - y)
    t["d_Wd"] = close(Wd.grad, Af.detach().numpy().T @ gZd)
    t["d_bd"] = close(bd.grad, gZd)
    t["d_relu"] = close(Z.grad, A.grad.numpy() * (Z.detach().numpy() > 0))
    gZ, Xn = Z.grad.numpy(), X.numpy()
    dWc = np.array([[[sum(gZ[p, q, f] * Xn[p + i, q + j] for p in range(ho) for q in range(wo))
                      for f in range(Fn)] for j in range(k)] for i in range(k)])
    t["d_Wc"] = close(Wc.grad, dWc)
    t["d_bc"] = close(bc.grad, gZ.sum(axis=(0, 1)))
    return t


def dml():
    return repeat(dml_once, [(3, 3, 2, 2, 3), (4, 5, 3, 3, 4)])


# ---------------------------------------------------------------- autodiff_light_conv_entries
def autodiff_once():
    X, w = T(rnd(3, 4), True), T(rnd(2, 2))
    Y = conv_forward_torch(X, w)
    Y.retain_grad()
    loss_of(Y).backward()
    gY, gX, wn = Y.grad.numpy(), X.grad.numpy(), w.numpy()
    J = jac(lambda v: conv_forward_torch(v, w), X.detach()).numpy()    # (2, 3, 3, 4)
    chain = np.einsum("pq,pqxy->xy", gY, J)
    return {
        "a_x11_r1": close(chain[0, 0], gX[0, 0]),                   # the dots: the remaining outputs
        "a_x11_r2": close(gY[0, 0] * wn[0, 0], gX[0, 0]),
        "a_x22_r1": close(chain[1, 1], gX[1, 1]),
        "a_x22_r2": close(gY[0, 0] * wn[1, 1] + gY[0, 1] * wn[1, 0] + gY[0, 2] * 0 + gY[1, 0] * wn[0, 1]
                          + gY[1, 1] * wn[0, 0] + gY[1, 2] * 0, gX[1, 1]),
    }


def autodiff():
    return repeat(autodiff_once, [()])


# ---------------------------------------------------------------- report_conv_rules_1d2d
def rules_hold(H, W, kh, kw):
    """Rule 1 (full sliding sum of dL/dY with rot180(K)) and Rule 2 (valid sliding sum of X with dL/dY)."""
    X, K = T(rnd(H, W), True), T(rnd(kh, kw), True)
    Y = conv_forward_torch(X, K)
    Y.retain_grad()
    loss_of(Y).backward()
    g = Y.grad.numpy()
    r1 = corr2(np.pad(g, ((kh - 1, kh - 1), (kw - 1, kw - 1))), np.rot90(K.detach().numpy(), 2))
    r2 = corr2(X.detach().numpy(), g)
    return close(r1, X.grad), close(r2, K.grad)


def report_once(H, W, kh, kw):
    t = {}
    one = rules_hold(1, 3, 1, 2)                        # the 1-D example
    two = rules_hold(H, W, kh, kw)
    t["t_rule1"], t["t_rule2"] = one[0] and two[0], one[1] and two[1]
    x, k = T(rnd(3), True), T(rnd(2), True)
    y = torch.stack([x[0] * k[0] + x[1] * k[1], x[1] * k[0] + x[2] * k[1]])
    y.retain_grad()
    loss_of(y).backward()
    g, gx, gk, xn, kn = y.grad.numpy(), x.grad.numpy(), k.grad.numpy(), x.detach().numpy(), k.detach().numpy()
    Jx = jac(lambda v: torch.stack([v[0] * k[0] + v[1] * k[1], v[1] * k[0] + v[2] * k[1]]), x.detach()).numpy()
    Jk = jac(lambda v: torch.stack([x[0] * v[0] + x[1] * v[1], x[1] * v[0] + x[2] * v[1]]), k.detach()).numpy()
    t["t_x1_r1"] = close(g[0] * Jx[0, 0], gx[0])         # only y_1 uses x_1
    t["t_x1_r2"] = close(g[0] * kn[0], gx[0])
    t["t_x2_r1"] = close(g[0] * Jx[0, 1] + g[1] * Jx[1, 1], gx[1])
    t["t_x2_r2"] = close(g[0] * kn[1] + g[1] * kn[0], gx[1])
    t["t_x3_r1"] = close(g[1] * Jx[1, 2], gx[2])
    t["t_x3_r2"] = close(g[1] * kn[1], gx[2])
    t["t_k1_r1"] = close(g[0] * Jk[0, 0] + g[1] * Jk[1, 0], gk[0])
    t["t_k1_r2"] = close(g[0] * xn[0] + g[1] * xn[1], gk[0])
    t["t_k2_r1"] = close(g[0] * Jk[0, 1] + g[1] * Jk[1, 1], gk[1])
    t["t_k2_r2"] = close(g[0] * xn[1] + g[1] * xn[2], gk[1])
    X2, K2 = T(rnd(3, 3), True), T(rnd(2, 2), True)
    Y2 = conv_forward_torch(X2, K2)
    Y2.retain_grad()
    loss_of(Y2).backward()
    G, Xn, Kn = Y2.grad.numpy(), X2.detach().numpy(), K2.detach().numpy()
    JX = jac(lambda v: conv_forward_torch(v, K2.detach()), X2.detach()).numpy()
    JK = jac(lambda v: conv_forward_torch(X2.detach(), v), K2.detach()).numpy()
    t["t_x22_r1"] = close(np.einsum("pq,pq->", G, JX[:, :, 1, 1]), X2.grad[1, 1])
    t["t_x22_r2"] = close(G[0, 0] * Kn[1, 1] + G[0, 1] * Kn[1, 0] + G[1, 0] * Kn[0, 1] + G[1, 1] * Kn[0, 0], X2.grad[1, 1])
    t["t_k11_r1"] = close(np.einsum("pq,pq->", G, JK[:, :, 0, 0]), K2.grad[0, 0])
    t["t_k11_r2"] = close(G[0, 0] * Xn[0, 0] + G[0, 1] * Xn[0, 1] + G[1, 0] * Xn[1, 0] + G[1, 1] * Xn[1, 1], K2.grad[0, 0])
    return t


def report():
    return repeat(report_once, [(3, 3, 2, 2), (5, 4, 2, 3)])


# ---------------------------------------------------------------- nn_formulas_dense_act
def formulas_once(ni, nj):
    t = {}
    X, W, B = T(rnd(1, ni), True), T(rnd(ni, nj), True), T(rnd(1, nj), True)
    Y = X @ W + B
    Y.retain_grad()
    loss_of(Y).backward()
    g, gX, gW, gB = Y.grad.numpy()[0], X.grad.numpy()[0], W.grad.numpy(), B.grad.numpy()[0]
    xn, Wn = X.detach().numpy()[0], W.detach().numpy()
    Jx = jac(lambda v: (v @ W.detach() + B.detach())[0], X.detach()).numpy()[:, 0, :]     # (nj, ni)
    Jw = jac(lambda v: (X.detach() @ v + B.detach())[0], W.detach()).numpy()               # (nj, ni, nj)
    Jb = jac(lambda v: (X.detach() @ W.detach() + v)[0], B.detach()).numpy()[:, 0, :]      # (nj, nj)
    entries_x = np.array([sum(g[j] * Wn[i, j] for j in range(nj)) for i in range(ni)])
    t["f_dx_r1"] = close(g @ Jx, gX)
    t["f_dx_r2"] = close(entries_x, gX)
    t["f_dX_row"] = close(entries_x, gX)
    t["f_dX_mid"] = close(g, gX)                       # the 1 x nj row for the 1 x ni gradient (ni != nj)
    t["f_dX"] = close(g @ Wn.T, gX)
    t["f_dw_r1"] = close(np.einsum("k,kij->ij", g, Jw), gW)
    t["f_dw_r2"] = close(np.array([[g[j] * xn[i] for j in range(nj)] for i in range(ni)]), gW)
    t["f_dW_entries"] = t["f_dw_r2"]
    t["f_dW_outer"] = close(np.outer(xn, g), gW)
    t["f_dW"] = close(X.detach().numpy().T @ g[None, :], gW)
    t["f_db_r1"] = close(g @ Jb, gB)
    t["f_dB_row"] = close(g, gB)
    t["f_sum_dX"], t["f_sum_dW"], t["f_sum_dB"] = t["f_dX"], t["f_dW"], close(g, gB)
    z = T(rnd(6), True)
    torch.sigmoid(z).sum().backward()
    s = torch.sigmoid(z).detach().numpy()
    t["f_sigmoid"] = close(z.grad, s * (1 - s) ** 2)
    z2 = T(rnd(6), True)
    torch.tanh(z2).sum().backward()
    t["f_tanh"] = close(z2.grad, 1 - np.tanh(z2.detach().numpy()) ** 2)
    return t


def formulas():
    return repeat(formulas_once, [(3, 2), (4, 3)])


# ---------------------------------------------------------------- sidecars
def main():
    write_and_report(TABLE, FOLDER, lambda fn: globals()[fn]())


if __name__ == "__main__":
    main()
