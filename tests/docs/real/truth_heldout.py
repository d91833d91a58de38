"""Independent truth for the six documents added to the corpus as a held-out set (numpy loops
and torch autograd, not symbp).

``python tests/docs/real/truth_heldout.py`` writes a ``*.truth.json`` sidecar beside each of
them (same format as truth.py's).  They were transcribed and their truth established before
any change to symbp for them, and scored then in a folder of their own (the "before" numbers
in docs/real_documents.md); after the changes they joined the corpus with pinned verdicts.  Each claim is evaluated literally as written: bounds,
offsets, index base; a formula that reaches an entry that does not exist is refuted.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

RNG = np.random.default_rng(1)
torch.set_default_dtype(torch.float64)


def rnd(*shape):
    return RNG.standard_normal(shape)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


def conv_out(x, k, stride=1):
    """x (C, H, W), k (F, C, kh, kw) -> torch conv2d output (F, oh, ow), cross-correlation."""
    return torch.nn.functional.conv2d(x[None], k, stride=stride)[0]


# ------------------------------------------------------------ dsse 102089 (stride, 1-based, cases)
def dsse_stride():
    res = {k: [] for k in ("s_chain", "s_cases", "s_boxed")}
    for (nch, nf, H, fr, s) in ((2, 3, 5, 3, 2), (1, 2, 4, 2, 1), (2, 2, 6, 2, 2)):
        X, W = rnd(nch, H, H), rnd(nf, nch, fr, fr)
        hn = (H - fr) // s + 1
        G = rnd(nf, hn, hn)
        Xt = torch.tensor(X, requires_grad=True)
        (conv_out(Xt, torch.tensor(W), s) * torch.tensor(G)).sum().backward()
        dX = Xt.grad.numpy()
        J = torch.autograd.functional.jacobian(lambda x: conv_out(x, torch.tensor(W), s), torch.tensor(X)).numpy()
        chain = np.array([[[sum(G[f, i, j] * J[f, i, j, ch, p, q] for f in range(nf) for i in range(hn)
                                for j in range(hn)) for q in range(H)] for p in range(H)] for ch in range(nch)])
        res["s_chain"].append(np.allclose(chain, dX))
        ok = True                                    # the cases formula, 1-based
        for f, i, j, ch, p, q in np.ndindex(nf, hn, hn, nch, H, H):
            r, c = (p + 1) - i * s, (q + 1) - j * s   # p-(i-1)s with 1-based p, i
            val = W[f, ch, r - 1, c - 1] if 1 <= r <= fr and 1 <= c <= fr else 0.0
            ok &= bool(np.isclose(J[f, i, j, ch, p, q], val))
        res["s_cases"].append(ok)
        reach, total = True, np.zeros_like(dX)       # the boxed result, literally: floor bounds
        for ch, p1, q1 in np.ndindex(nch, H, H):
            p, q = p1 + 1, q1 + 1
            lo_i, up_i = int(np.floor((p - fr) / s + 1)), int(np.floor((p - 1) / s + 1))
            lo_j, up_j = int(np.floor((q - fr) / s + 1)), int(np.floor((q - 1) / s + 1))
            for f in range(nf):
                for i in range(lo_i, up_i + 1):
                    for j in range(lo_j, up_j + 1):
                        r, c = p - (i - 1) * s, q - (j - 1) * s
                        if not (1 <= i <= hn and 1 <= j <= hn and 1 <= r <= fr and 1 <= c <= fr):
                            reach = False
                            continue
                        total[ch, p1, q1] += G[f, i - 1, j - 1] * W[f, ch, r - 1, c - 1]
        res["s_boxed"].append(reach and np.allclose(total, dX))
    return {k: verdict(all(v)) for k, v in res.items()}


# ------------------------------------------------------------ CXianRen (3x3 input, 2x2 filter, 1-based)
def cxianren():
    X, F, G = rnd(3, 3), rnd(2, 2), rnd(2, 2)
    x1 = lambda i, j: X[i - 1, j - 1]                # noqa: E731
    f1 = lambda i, j: F[i - 1, j - 1]                # noqa: E731
    g1 = lambda i, j: G[i - 1, j - 1]                # noqa: E731
    Xt, Ft = torch.tensor(X), torch.tensor(F, requires_grad=True)
    O = conv_out(Xt[None], Ft[None, None])[0]
    (O * torch.tensor(G)).sum().backward()
    dF = Ft.grad.numpy()
    O = O.detach().numpy()
    JF = torch.autograd.functional.jacobian(lambda f: conv_out(Xt[None], f[None, None])[0], torch.tensor(F)).numpy()
    t = {}
    for (i, j) in ((1, 1), (1, 2), (2, 1), (2, 2)):
        t[f"c_O{i}{j}"] = verdict(np.isclose(O[i - 1, j - 1], sum(x1(i + u - 1, j + v - 1) * f1(u, v)
                                                                    for u in (1, 2) for v in (1, 2))))
        t[f"c_dO{i}{j}"] = verdict(np.isclose(JF[i - 1, j - 1, 0, 0], x1(i, j)))
    chain = sum(g1(i, j) * JF[i - 1, j - 1, 0, 0] for i in (1, 2) for j in (1, 2))
    t["c_chain11"] = verdict(np.isclose(dF[0, 0], chain))
    t["c_expl11"] = verdict(np.isclose(dF[0, 0], sum(g1(i, j) * x1(i, j) for i in (1, 2) for j in (1, 2))))
    for (u, v) in ((1, 1), (1, 2), (2, 1), (2, 2)):
        t[f"c_dF{u}{v}"] = verdict(np.isclose(dF[u - 1, v - 1], sum(g1(i, j) * x1(i + u - 1, j + v - 1)
                                                                     for i in (1, 2) for j in (1, 2))))
    return t


# ------------------------------------------------------------ Lawrence slides (NCHW, 0-based, implicit ranges)
def mlatcl():
    res = {k: [] for k in ("m_dK", "m_db", "m_dX")}
    for B, cin, cout, (H, W_), (kh, kw) in ((2, 2, 3, (4, 4), (2, 2)), (1, 1, 2, (4, 5), (2, 3))):
        X, K, beta = rnd(B, cin, H, W_), rnd(cout, cin, kh, kw), rnd(cout)
        Xt, Kt, bt = (torch.tensor(v, requires_grad=True) for v in (X, K, beta))
        Y = torch.nn.functional.conv2d(Xt, Kt, bt)
        G = rnd(*Y.shape)
        (Y * torch.tensor(G)).sum().backward()
        oh, ow = G.shape[2:]
        ex = lambda a, n: 0 <= a < n                 # noqa: E731
        dK = np.array([[[[sum(G[b, c, h, w] * X[b, k, h + i, w + j] for b in range(B) for h in range(oh)
                              for w in range(ow) if ex(h + i, H) and ex(w + j, W_))
                          for j in range(kw)] for i in range(kh)] for k in range(cin)] for c in range(cout)])
        db = np.array([G[:, c].sum() for c in range(cout)])
        dX = np.array([[[[sum(G[b, c, h - i, w - j] * K[c, k, i, j] for c in range(cout) for i in range(kh)
                              for j in range(kw) if ex(h - i, oh) and ex(w - j, ow))
                          for w in range(W_)] for h in range(H)] for k in range(cin)] for b in range(B)])
        res["m_dK"].append(np.allclose(dK, Kt.grad.numpy()))
        res["m_db"].append(np.allclose(db, bt.grad.numpy()))
        res["m_dX"].append(np.allclose(dX, Xt.grad.numpy()))
    return {k: verdict(all(v)) for k, v in res.items()}


# ------------------------------------------------------------ Marmara 1-D (left side Gamma^{l-1})
def marmara():
    Lw, Wf = 6, 3                                    # layer l has L entries, filter width W
    w_l, w_n = torch.tensor(rnd(Wf)), torch.tensor(rnd(Wf))
    z_prev = torch.tensor(rnd(Lw + Wf - 1), requires_grad=True)    # z^{l-1}
    z_l = torch.nn.functional.conv1d(torch.tanh(z_prev)[None, None], w_l[None, None])[0, 0] + 0.3
    z_l.retain_grad()
    z_n = torch.nn.functional.conv1d(torch.tanh(z_l)[None, None], w_n[None, None])[0, 0] - 0.2
    z_n.retain_grad()
    C = (torch.tensor(rnd(Lw - Wf + 1)) * z_n ** 2).sum()
    C.backward()
    g_prev, g_l, g_n = z_prev.grad.numpy(), z_l.grad.numpy(), z_n.grad.numpy()
    sp = 1 - np.tanh(z_l.detach().numpy()) ** 2
    rows = np.array([sum(g_n[m] * w_n.numpy()[i - m] * sp[i] for m in range(max(i - Wf + 1, 0), min(i, Lw - Wf) + 1))
                     for i in range(Lw)])
    assert np.allclose(rows, g_l)                    # the rows are dC/dz^l ...
    wrong = rows.shape != g_prev.shape or not np.allclose(rows, g_prev)
    return {k: verdict(not wrong) for k in ("k_row2", "k_row3", "k_row4")}   # ... the left side is dC/dz^{l-1}


# ------------------------------------------------------------ fully connected nets (torch)
def fc_net(sizes):
    """(weights, biases, logits, activations, cost) of a tanh net; every tensor keeps its grad."""
    ws = [torch.tensor(rnd(o, i), requires_grad=True) for i, o in zip(sizes, sizes[1:])]
    bs = [torch.tensor(rnd(o), requires_grad=True) for o in sizes[1:]]
    h = [torch.tensor(rnd(sizes[0]))]
    logits = []
    for w, b in zip(ws, bs):
        z = w @ h[-1] + b
        z.retain_grad()
        logits.append(z)
        a = torch.tanh(z)
        a.retain_grad()
        h.append(a)
    target = torch.tensor(rnd(sizes[-1]))
    cost = 0.5 * ((h[-1] - target) ** 2).sum()
    cost.backward()
    return ws, bs, logits, h, cost


def ecomnet():
    ws, bs, logits, h, _ = fc_net([3, 4, 2])
    sp = [1 - torch.tanh(z.detach()) ** 2 for z in logits]
    d = [z.grad for z in logits]
    t = {}
    t["e_dL"] = verdict(torch.allclose(d[1], h[2].grad * sp[1]))
    t["e_dl"] = verdict(torch.allclose(d[0], torch.stack([sum(d[1][j] * ws[1][j, i] for j in range(2)) * sp[0][i]
                                                          for i in range(4)])))
    t["e_bias"] = verdict(torch.allclose(bs[0].grad, d[0]) and torch.allclose(bs[1].grad, d[1]))
    t["e_w"] = verdict(all(torch.allclose(ws[k].grad, torch.outer(d[k], h[k].detach())) for k in (0, 1)))
    t["e_chain_b"] = verdict(torch.allclose(bs[0].grad, d[0] * 1.0))
    jac = torch.autograd.functional.jacobian(lambda w: w @ h[0] + bs[0].detach(), ws[0].detach()).numpy()
    t["e_chain_w"] = verdict(np.allclose(ws[0].grad.numpy(), np.array(
        [[d[0][i].item() * jac[i, i, j] for j in range(3)] for i in range(4)])))
    return t


def sixmiu():
    ws, bs, logits, h, _ = fc_net([3, 4, 3])
    zl, zL = logits
    sp_l, sp_L = 1 - torch.tanh(zl.detach()) ** 2, 1 - torch.tanh(zL.detach()) ** 2
    JaL = torch.autograd.functional.jacobian(torch.tanh, zL.detach())
    Jzz = torch.autograd.functional.jacobian(lambda z: ws[1].detach() @ torch.tanh(z) + bs[1].detach(), zl.detach())
    dCda = h[2].grad
    t = {}
    t["x_chainL"] = verdict(torch.allclose(zL.grad, JaL.T @ dCda))
    t["x_zero"] = verdict(all(JaL[k, j] == 0 for k in range(3) for j in range(3) if k != j))
    t["x_localL"] = verdict(torch.allclose(zL.grad, dCda * torch.diagonal(JaL)))
    t["x_bp1"] = verdict(torch.allclose(zL.grad, dCda * sp_L))
    t["x_chain_l"] = verdict(torch.allclose(zl.grad, Jzz.T @ zL.grad))
    wrong = torch.stack([sum(Jzz[k, k] * zL.grad[k] for k in range(3)) for _ in range(4)])
    t["x_kk"] = verdict(torch.allclose(zl.grad, wrong))
    bp2 = torch.stack([sum(ws[1][k, j].detach() * zL.grad[k] * sp_l[k] for k in range(3)) for j in range(4)])
    t["x_bp2"] = verdict(torch.allclose(zl.grad, bp2))
    return t


CLAIMS = {
    "dsse_102089_stride.md": (dsse_stride, [
        ("s_chain", "{\\partial O_{f,i,j}}\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}}", "chain rule over every output"),
        ("s_cases", "\\begin{cases}", "local derivative by cases"),
        ("s_boxed", "\\sum_{i=i_{lower}}", "floor bounds: reaches W and O outside their ranges"),
    ], "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 channels=2,3 index_base=1 "
       "names: X=input W=kernel O=output L=loss b=bias layout: X=CHW W=OIHW O=CHW -->",
        "$$O_{f,i,j} =",
        [("O_{f,i,j} = (", "forward definition"), ("i_{lower} = \\lfloor", "definitions of the bounds")]),
    "cxianren_mynn_cnn.md": (cxianren, [
        ("c_O11", "O_{11} = X_{11}F_{11}", "forward entry"),
        ("c_O12", "O_{12} = X_{12}F_{11}", "forward entry"),
        ("c_O21", "O_{21} = X_{21}F_{11}", "forward entry"),
        ("c_O22", "O_{22} = X_{22}F_{11}", "forward entry"),
        ("c_dO11", "\\frac{\\partial{O_{11}}}{\\partial{F_{11}}} = X_{11}", "local derivative"),
        ("c_dO12", "\\frac{\\partial{O_{12}}}{\\partial{F_{11}}} = X_{12}", "local derivative"),
        ("c_dO21", "\\frac{\\partial{O_{21}}}{\\partial{F_{11}}} = X_{21}", "local derivative"),
        ("c_dO22", "\\frac{\\partial{O_{22}}}{\\partial{F_{11}}} = X_{22}", "local derivative"),
        ("c_chain11", "{\\partial{O_{11}}}\\frac{\\partial{O_{11}}}{\\partial{F_{11}}} + ", "chain rule (first aligned row)"),
        ("c_expl11", "= \\frac{\\partial {L}}{\\partial{O_{11}}} X_{11}", "filter gradient entry (second aligned row)"),
        ("c_dF11", "\\frac{\\partial{L}}{\\partial{F_{11}}} = \\frac{\\partial {L}}{\\partial{O_{11}}} X_{11}", "filter gradient entry"),
        ("c_dF12", "{\\partial{F_{12}}} = \\frac{\\partial {L}}{\\partial{O_{11}}} X_{12}", "filter gradient entry"),
        ("c_dF21", "{\\partial{F_{21}}} = \\frac{\\partial {L}}{\\partial{O_{11}}} X_{21}", "filter gradient entry"),
        ("c_dF22", "{\\partial{F_{22}}} = \\frac{\\partial {L}}{\\partial{O_{11}}} X_{22}", "filter gradient entry"),
    ], "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 names: X=input F=kernel O=output L=loss -->",
        "$$O_{11} = X_{11}F_{11}",
        [("\\frac{\\partial{O}}{\\partial{F_{11}}} =", "derivative of the whole matrix O written as a sum of scalars"),
         ("\\frac{\\partial {L}}{\\partial{F}} =", "`*` between two derivatives: a notation, not an equation of entries")]),
    "mlatcl_conv_slides.md": (mlatcl, [
        ("m_dK", "{\\partial \\mathbf{K}[c,k,i,j]}", "filter gradient, batch and channels"),
        ("m_db", "{\\partial \\boldsymbol{\\beta}[c]}", "bias gradient"),
        ("m_dX", "{\\partial \\mathbf{X}[b,k,h,w]}", "input gradient, implicit ranges"),
    ], "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 batch=2 index_base=0 "
       "names: X=input K=kernel Y=output L=loss beta=bias layout: X=NCHW K=OIHW Y=NCHW -->",
        "$$\\mathbf{Y}[b,c,h,w] =",
        [("\\mathbf{Y}[b,c,h,w] =", "forward definition")]),
    "marmara_conv1d.md": (marmara, [
        ("k_row2", "\\frac{\\partial z^{l+1}_m}{\\partial z^l_i}", "right side is dC/dz^l, left side Gamma^{l-1}"),
        ("k_row3", "{\\partial a^l_i} \\frac{\\partial a^l_i}", "right side is dC/dz^l, left side Gamma^{l-1}"),
        ("k_row4", "\\Gamma^{l+1}_m w_{i-m}^{l+1}", "right side is dC/dz^l, left side Gamma^{l-1}"),
    ], "<!-- symbp: layer=conv1d input=6 kernel=3 conv=cross index_base=0 names: w=kernel C=loss -->",
        "$$z^l_i =",
        [("z^l_i = \\sum", "forward definition"), ("\\Gamma^l_i = \\frac", "definition of Gamma"),
         ("\\Gamma^{l-1}_i &=& \\frac{\\partial C}{\\partial z^{l-1}_i}", "definition of Gamma (first row)")]),
    "ecomnet_bp_rules_fc.md": (ecomnet, [
        ("e_dL", "\\bigtriangledown_{y_i} Cost", "output-layer delta"),
        ("e_dl", "\\sum_j \\delta_j^{(l+1)} w_{ji}^{(l+1)}", "hidden-layer delta"),
        ("e_bias", "{\\partial bias_i^{(l)}} = \\delta_i^{(l)}", "bias gradient"),
        ("e_w", "= \\delta_i^{(l)} h_j^{(l-1)}", "weight gradient"),
        ("e_chain_b", "\\frac{\\partial logit_i^{(l)}}{\\partial bias_i^{(l)}}", "chain rule for the bias"),
        ("e_chain_w", "\\frac{\\partial logit_i^{(l)}}{\\partial w_{ij}^{(l)}}", "chain rule for the weight"),
    ], "<!-- symbp: layer=fc in=4 out=2 names: h=input w=kernel logit=output bias=bias Cost=loss -->",
        "$$\\begin{aligned} \\delta_i^{(L)}",
        [("logit_i^{(l)} = w_{ij}", "forward, restated (with h^{(l)} for h^{(l-1)})")]),
    "sixmiu_bp_nielsen.md": (sixmiu, [
        ("x_chainL", "\\delta^L_j = \\sum_k", "chain rule at the last layer"),
        ("x_zero", "= 0, \\quad \\text{if } k \\neq j", "off-diagonal local derivatives vanish"),
        ("x_localL", "\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\frac", "one term left"),
        ("x_bp1", "{\\partial a^L_j}\\sigma'(z^L_j)", "BP1"),
        ("x_chain_l", "{\\partial z^{l+1}_k}\\frac{\\partial z^{l+1}_k}{\\partial z^l_j}", "chain rule for layer l"),
        ("x_kk", "{\\partial z^l_k}\\delta^{l+1}_k", "derivative with respect to z^l_k instead of z^l_j"),
        ("x_bp2", "w^{l+1}_{kj}\\delta^{l+1}_k \\sigma'(z^l_k)", "sigma'(z^l_k) instead of sigma'(z^l_j)"),
    ], "<!-- symbp: layer=fc in=4 out=3 names: a=input w=kernel z=output b=bias C=loss -->",
        "$$a^l_j = \\sigma(",
        [("a^l_j = \\sigma(", "forward definition"), ("C = \\frac{1}{2n}", "cost definition"),
         ("\\delta^l_j = \\frac{\\partial C}{\\partial z^l_j}", "definition of delta"),
         ("z^{l+1}_k = \\sum_j w^{l+1}_j", "forward restated with single-index weights (ill-formed)"),
         ("= w^{l+1}_k \\sigma'", "single-index weight: no entry of the document's two-index w"),
         ("\\delta^{j+1}", "delta^{j+1}: a layer the text never defines")]),
}


def main(where=HERE):
    write_sidecars(CLAIMS, lambda doc: where)


if __name__ == "__main__":
    main()
