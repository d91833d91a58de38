"""Independent truth for the second held-out set (numpy and torch autograd, not symbp).

``python tests/docs/real/truth_heldout2.py`` writes a ``*.truth.json`` sidecar beside each of
the four documents (same format as truth.py's), wherever they are: ``heldout2/`` while they
are held out, the corpus folder once they join it.  They were transcribed and their truth
established before any change to symbp for them.  Each claim is evaluated literally as
written: a left side ``\\partial Y/\\partial x_{11}`` is the derivative of the whole matrix Y,
not of the loss; a loss written ``L = -\\sum_j \\ell_j`` fixes the sign of ``\\ell_j``.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

RNG = np.random.default_rng(7)
torch.set_default_dtype(torch.float64)


def rnd(*shape):
    return RNG.standard_normal(shape)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


# ------------------------------------------------------------ CompPhysics (sigmoid FC net)
def compphysics():
    t = {}
    # output layer: z^L_j = sum_k w_{jk} a^{L-1}_k + b_j (the w_{jk} of da_j/dw_{jk} = .. a_k)
    K, M = 3, 2
    a_prev, W, b, tgt = torch.tensor(rnd(K)), torch.tensor(rnd(M, K), requires_grad=True), torch.tensor(rnd(M)), torch.tensor(rnd(M))
    z = W @ a_prev + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    cost = 0.5 * ((a - tgt) ** 2).sum()
    cost.backward()
    aL = a.detach()
    Ja = torch.autograd.functional.jacobian(lambda w: torch.sigmoid(w @ a_prev + b), W.detach())   # (M, M, K)
    da_dw = torch.stack([torch.stack([Ja[j, j, k] for k in range(K)]) for j in range(M)])
    t["p_dCdw"] = verdict(torch.allclose(W.grad, (aL - tgt)[:, None] * da_dw))
    t["p_dadw"] = verdict(torch.allclose(da_dw, (aL * (1 - aL))[:, None] * a_prev[None, :]))
    t["p_dCdw2"] = verdict(torch.allclose(W.grad, ((aL - tgt) * aL * (1 - aL))[:, None] * a_prev[None, :]))
    fp = torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    t["p_deltaL"] = verdict(torch.allclose(z.grad, aL * (1 - aL) * (aL - tgt)) and torch.allclose(z.grad, fp * a.grad))
    t["p_hadamard"] = verdict(torch.allclose(z.grad, fp * a.grad))
    t["p_dw_delta"] = verdict(torch.allclose(W.grad, z.grad[:, None] * a_prev[None, :]))
    # hidden layer: z^{l+1}_j = sum_i w_{ij} a^l_i + b_j, w_{ij} with i in layer l (square, not symmetric)
    n = 3
    zl = torch.tensor(rnd(n), requires_grad=True)
    Wn, bn, g = torch.tensor(rnd(n, n)), torch.tensor(rnd(n)), torch.tensor(rnd(n))
    zn = Wn.T @ torch.sigmoid(zl) + bn              # (W^T a)_j = sum_i w_{ij} a_i
    zn.retain_grad()
    (g * zn).sum().backward()
    Jzz = torch.autograd.functional.jacobian(lambda v: Wn.T @ torch.sigmoid(v) + bn, zl.detach())
    fpl = torch.sigmoid(zl.detach()) * (1 - torch.sigmoid(zl.detach()))
    t["p_chain"] = verdict(torch.allclose(zl.grad, Jzz.T @ zn.grad))
    final = torch.stack([sum(zn.grad[k] * Wn[k, j] * fpl[j] for k in range(n)) for j in range(n)])
    t["p_final"] = verdict(torch.allclose(zl.grad, final))
    return t


# ------------------------------------------------------------ softmax / cross entropy
def softmax_case(C=3):
    a = torch.tensor(rnd(C), requires_grad=True)
    y = torch.zeros(C)
    y[1] = 1.0                                       # one-hot
    p = torch.softmax(a, 0)
    L = -(y * torch.log(p)).sum()
    L.backward()
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), a.detach())   # J[j, i] = dp_j/da_i
    return a.detach(), y, p.detach(), a.grad, J


def zakariapz():
    a, y, p, grad, J = softmax_case()
    C = len(a)
    ell = lambda q: y * torch.log(q)                 # noqa: E731  L = -sum ell_j  =>  ell_j = y_j log p_j
    dell = torch.diagonal(torch.autograd.functional.jacobian(ell, p))      # d ell_j / d p_j
    t = {}
    t["z_chain1"] = verdict(torch.allclose(grad, -torch.stack([sum(dell[j] * J[j, i] for j in range(C)) for i in range(C)])))
    t["z_dl"] = verdict(torch.allclose(dell, -y / p))
    d = torch.eye(C)
    t["z_delta"] = verdict(torch.allclose(J, torch.stack([torch.stack([p[j] * (d[i, j] - p[i]) for i in range(C)]) for j in range(C)])))
    first = torch.stack([sum(dell[j] * J[j, i] for j in range(C)) for i in range(C)])   # first link: no minus
    last = torch.stack([sum(y[j] * (p[i] - d[i, j]) for j in range(C)) for i in range(C)])
    t["z_final"] = verdict(torch.allclose(grad, first) and torch.allclose(grad, last))
    return t


def sunhaozhe():
    o, y, p, grad, J = softmax_case()
    C = len(o)
    e = torch.exp(o)
    t = {}
    quot = torch.stack([torch.stack([((e[i] if i == k else 0.0) * e.sum() - e[k] * e[i]) / e.sum() ** 2
                                     for k in range(C)]) for i in range(C)])
    t["h_quot"] = verdict(torch.allclose(J, quot))
    cases = torch.stack([torch.stack([p[k] * (1 - p[k]) if i == k else -p[k] * p[i] for k in range(C)]) for i in range(C)])
    t["h_cases"] = verdict(torch.allclose(J, cases))
    dlog = torch.autograd.functional.jacobian(lambda v: torch.log(torch.softmax(v, 0)), o)   # dlog p_i / do_k
    t["h_r1"] = verdict(torch.allclose(grad, -torch.stack([sum(y[i] * dlog[i, k] for i in range(C)) for k in range(C)])))
    t["h_r2"] = verdict(torch.allclose(grad, -torch.stack([sum(y[i] / p[i] * J[i, k] for i in range(C)) for k in range(C)])))
    t["h_r3"] = t["h_r2"]                            # dlog p_i/dp_i = 1/p_i: rows 2 and 3 are the same sum
    t["h_r4"] = verdict(torch.allclose(grad, torch.stack([-y[k] * (1 - p[k]) + sum(y[i] * p[k] for i in range(C) if i != k)
                                                           for k in range(C)])))
    t["h_r5"] = verdict(torch.allclose(grad, torch.stack([-y[k] + sum(y[i] * p[k] for i in range(C)) for k in range(C)])))
    t["h_r6"] = verdict(torch.allclose(grad, p - y))  # y one-hot, as the post says
    return t


# ------------------------------------------------------------ the GitHub note (3x3, 2x2, 1-based, b per position)
def ghnote():
    X, Wk, B = rnd(3, 3), rnd(2, 2), rnd(2, 2)
    Xt, Wt, Bt = (torch.tensor(v, requires_grad=True) for v in (X, Wk, B))
    Y = torch.nn.functional.conv2d(Xt[None, None], Wt[None, None])[0, 0] + Bt
    G = rnd(2, 2)
    (Y * torch.tensor(G)).sum().backward()
    Yv = Y.detach().numpy()
    x = lambda i, j: X[i - 1, j - 1]                 # noqa: E731
    w = lambda i, j: Wk[i - 1, j - 1]                # noqa: E731
    g = lambda i, j: G[i - 1, j - 1]                 # noqa: E731
    t = {}
    for i, j in ((1, 1), (1, 2), (2, 1), (2, 2)):
        t[f"g_y{i}{j}"] = verdict(np.isclose(Yv[i - 1, j - 1], w(1, 1) * x(i, j) + w(1, 2) * x(i, j + 1)
                                             + w(2, 1) * x(i + 1, j) + w(2, 2) * x(i + 1, j + 1) + B[i - 1, j - 1]))
    # left sides dY/dx_{pq}, dY/dw_{pq}, dY/db_{pq}: 2x2 matrices (Jacobian slices); right sides scalars
    JX = torch.autograd.functional.jacobian(lambda v: torch.nn.functional.conv2d(v[None, None], Wt.detach()[None, None])[0, 0], Xt.detach())
    rights_x = {(1, 1): g(1, 1) * w(1, 1), (1, 2): g(1, 1) * w(1, 2) + g(1, 2) * w(1, 1), (1, 3): g(1, 2) * w(1, 2),
                (2, 1): g(1, 1) * w(2, 1) + g(2, 1) * w(1, 1),
                (2, 2): g(1, 1) * w(2, 2) + g(1, 2) * w(2, 1) + g(2, 1) * w(1, 2) + g(2, 2) * w(1, 1),
                (2, 3): g(1, 2) * w(2, 2) + g(2, 2) * w(1, 2), (3, 1): g(2, 1) * w(2, 1),
                (3, 2): g(2, 1) * w(2, 2) + g(2, 2) * w(2, 1), (3, 3): g(2, 2) * w(2, 2)}
    for (p, q), r in rights_x.items():
        assert np.isclose(Xt.grad.numpy()[p - 1, q - 1], r)     # the right sides are dL/dx ...
        t[f"g_dx{p}{q}"] = verdict(JX[:, :, p - 1, q - 1].numel() == 1 and np.isclose(JX[0, 0, p - 1, q - 1], r))   # ... the left is dY/dx
    rights_w = {(1, 1): g(1, 1) * x(1, 1) + g(1, 2) * x(2, 1), (1, 2): g(1, 1) * x(1, 2) + g(1, 2) * x(2, 2),
                (2, 1): g(2, 1) * x(1, 1) + g(2, 2) * x(2, 1), (2, 2): g(2, 1) * x(1, 2) + g(2, 2) * x(2, 2)}
    JW = torch.autograd.functional.jacobian(lambda v: torch.nn.functional.conv2d(Xt.detach()[None, None], v[None, None])[0, 0], Wt.detach())
    for (p, q), r in rights_w.items():          # wrong even as dL/dw: two terms of four
        t[f"g_dw{p}{q}"] = verdict(JW[:, :, p - 1, q - 1].numel() == 1 and np.isclose(JW[0, 0, p - 1, q - 1], r))
        assert not np.isclose(Wt.grad.numpy()[p - 1, q - 1], r)
    JB = torch.autograd.functional.jacobian(lambda v: v + 0.0, Bt.detach())      # dY/db: Y = conv + b
    for p, q in ((1, 1), (1, 2), (2, 1), (2, 2)):
        assert np.isclose(Bt.grad.numpy()[p - 1, q - 1], g(p, q))   # right for dL/db; the left is dY/db (2x2)
        t[f"g_db{p}{q}"] = verdict(JB[:, :, p - 1, q - 1].numel() == 1 and np.isclose(JB[0, 0, p - 1, q - 1], g(p, q)))
    return t


CLAIMS = {
    "compphysics_fc_delta.md": (compphysics, [
        ("p_dCdw", "= \\left(a_j^L - t_j\\right)\\frac{\\partial a_j^L}{\\partial w_{jk}^{L}}", "output-layer weight gradient, first step"),
        ("p_dadw", "=a_j^L(1-a_j^L)a_k^{L-1}", "chain rule through the sigmoid"),
        ("p_dCdw2", "= \\left(a_j^L - t_j\\right)a_j^L(1-a_j^L)a_k^{L-1}", "output-layer weight gradient"),
        ("p_deltaL", "\\delta_j^L = a_j^L(1-a_j^L)\\left(a_j^L - t_j\\right) = f'(z_j^L)", "output error, two forms"),
        ("p_hadamard", "\\hat{\\delta}^L = f'(\\hat{z}^L)\\circ", "output error, vector form"),
        ("p_dw_delta", "= \\delta_j^La_k^{L-1}", "weight gradient from the error"),
        ("p_chain", "\\delta_j^l =\\sum_k \\frac{\\partial {\\cal C}}{\\partial z_k^{l+1}}", "chain rule for layer l"),
        ("p_final", "\\delta_k^{l+1}w_{kj}^{l+1}f'(z_j^l)", "w_{kj} is the transposed weight for the forward z_j = sum_i w_{ij} a_i"),
    ], "<!-- symbp: layer=fc in=3 out=2 names: a=input w=kernel z=output b=bias C=loss -->",
        "$$ {\\cal C}(\\hat{W^L}) = \\frac{1}{2}",
        [("{\\cal C}(\\hat{W^L}) = \\frac{1}{2}", "cost definition"),
         ("\\delta_j^l =\\frac{\\partial {\\cal C}}{\\partial z_j^l}", "definition of delta"),
         ("z_j^{l+1} = \\sum_{i=1}^{M_{l}}", "forward definition")]),
    "zakariapz_softmax_ce.md": (zakariapz, [
        ("z_chain1", "\\frac{\\partial L}{\\partial a_i} = -\\sum_j^C", "chain rule with L = -sum ell_j"),
        ("z_dl", "\\left( - y_j \\log p_j \\right) = -\\frac{y_j}{p_j}", "ell_j = y_j log p_j by the loss display: its derivative is +y_j/p_j"),
        ("z_delta", "\\frac{\\partial p_j}{\\partial a_i} = p_j(\\delta_{ij} -p_i)", "softmax Jacobian with a Kronecker delta"),
        ("z_final", "= \\sum_j^C y_j (p_i -\\delta_{ij})", "first link drops the minus (its last expression is the true gradient)"),
    ], "<!-- symbp: layer=softmax classes=3 -->",
        "$$ L = -\\sum_j^C y_j",
        [("L = -\\sum_j^C y_j \\log p_j", "loss definition"), ("p_j = \\frac{\\exp( a_j)}", "softmax definition"),
         ("= p_j -p_j^2 = p_j(1-p_j)", "row without a left side; its condition i = j is prose"),
         ("= -p_jp_i", "row without a left side; its condition i != j is prose")]),
    "sunhaozhe_softmax_ce.md": (sunhaozhe, [
        ("h_quot", "\\frac{ \\frac{\\partial \\exp(o_i)}{\\partial o_k}", "quotient rule"),
        ("h_cases", "\\begin{cases} p_k (1 - p_k)", "softmax Jacobian by cases"),
        ("h_r1", "y_i \\frac{\\partial \\log p_i}{\\partial o_k}", "chain, row 1"),
        ("h_r2", "\\frac{\\partial \\log p_i}{\\partial p_i} \\frac{\\partial p_i}{\\partial o_k}", "chain, row 2"),
        ("h_r3", "\\frac{y_i}{p_i} \\frac{\\partial p_i}{\\partial o_k}", "chain, row 3"),
        ("h_r4", "- y_k (1 - p_k) + \\sum_{i\\neq k} y_i p_k", "chain, row 4"),
        ("h_r5", "- y_k + \\sum_i y_i p_k", "chain, row 5"),
        ("h_r6", "= p_k - y_k", "chain, row 6 (y one-hot, stated in the prose)"),
    ], "<!-- symbp: layer=softmax classes=3 -->",
        "$$ L = - \\sum_i y_i",
        [("L = - \\sum_i y_i \\log p_i", "loss definition"), ("p_i = \\frac{ \\exp (o_i) }", "softmax definition"),
         ("= p_k (1 - p_k) $", "i = k only, a condition given in prose"),
         ("= - p_k p_i $", "i != k only, a condition given in prose")]),
    "ghnote_conv_pool_zh.md": (ghnote, [
        *[(f"g_y{i}{j}", f"y_{{{i}{j}}} = w_{{11}} \\cdot x_{{{i}{j}}}", "forward entry") for i, j in ((1, 1), (1, 2), (2, 1), (2, 2))],
        *[(f"g_dx{p}{q}", f"\\frac{{\\partial{{Y}}}}{{\\partial{{x_{{{p}{q}}}}}}} =", "left side dY/dx (a 2x2 matrix) where dL/dx is meant")
          for p in (1, 2, 3) for q in (1, 2, 3)],
        *[(f"g_dw{p}{q}", f"\\frac{{\\partial{{Y}}}}{{\\partial{{w_{{{p}{q}}}}}}} =", "wrong terms (and dY for dL on the left)")
          for p in (1, 2) for q in (1, 2)],
        *[(f"g_db{p}{q}", f"\\frac{{\\partial{{Y}}}}{{\\partial{{b_{{{p}{q}}}}}}} =", "left side dY/db (a 2x2 matrix) where dL/db is meant")
          for p in (1, 2) for q in (1, 2)],
    ], "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 names: X=input W=kernel Y=output L=loss b=bias -->",
        "$$\ny_{ij} =",
        [("y_{ij} = \\sum_{m=1}^{2}", "forward definition"),
         ("\\frac{\\partial{L}}{\\partial{X}} = \\frac{\\partial{L}}{\\partial{Y}} \\cdot", "product of derivatives as notation"),
         ("\\frac{\\partial{L}}{\\partial{W}} = \\frac{\\partial{L}}{\\partial{Y}} \\cdot", "product of derivatives as notation")]),
}


def main():
    write_sidecars(CLAIMS, lambda doc: HERE / "heldout2" if (HERE / "heldout2" / doc).exists() else HERE)


if __name__ == "__main__":
    main()
