"""Truth for the two documents added with the scalar-layer reader (yanfenglee_softmax_ce.md,
tonkic_sigmoid_zh.md): torch autograd in float64, never symbp.  Writes their sidecars.

``python tests/docs/real/truth_calc.py``"""
from __future__ import annotations

import pathlib
import sys

import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from truth_common import write_sidecars  # noqa: E402

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(11)


def verdict(ok: bool) -> str:
    return "holds" if ok else "refuted"


def yanfenglee(C=4):
    """Softmax a of logits z, L = -sum_k y_k log a_k with y one-hot (a class distribution)."""
    z = torch.randn(C, generator=GEN)
    y = torch.zeros(C)
    y[2] = 1.0
    soft = lambda v: torch.exp(v) / torch.exp(v).sum()      # noqa: E731  a_j = e^{z_j} / sum_k e^{z_k}
    a = soft(z)
    J = torch.autograd.functional.jacobian(soft, z)          # J[j, i] = da_j / dz_i
    zz = z.clone().requires_grad_(True)
    (-(y * torch.log(soft(zz))).sum()).backward()
    g = zz.grad                                              # dL/dz_i
    rng = range(C)
    t = {}
    t["y_d1"] = verdict(all(torch.isclose(J[i, i], a[i] * (1 - a[i])) for i in rng))          # i = j
    t["y_d2"] = verdict(all(torch.isclose(J[j, i], -a[i] * a[j]) for i in rng for j in rng if i != j))
    row1 = torch.stack([-sum(y[k] / a[k] * J[k, i] for k in rng) for i in rng])
    row2 = torch.stack([-y[i] * (1 - a[i]) - sum(y[k] / a[k] * (-a[k] * a[i]) for k in rng if k != i) for i in rng])
    row3 = torch.stack([-y[i] * (1 - a[i]) + sum(y[k] * a[i] for k in rng if k != i) for i in rng])
    row4 = torch.stack([-y[i] + y[i] * a[i] + sum(y[k] * a[i] for k in rng if k != i) for i in rng])
    row5 = torch.stack([a[i] * y.sum() - y[i] for i in rng])
    row6 = a - y
    for name, row in zip(("y_c1", "y_c2", "y_c3", "y_c4", "y_c5", "y_c6"), (row1, row2, row3, row4, row5, row6)):
        t[name] = verdict(torch.allclose(g, row))
    return t


def tonkic():
    x = torch.linspace(-3, 3, 13).requires_grad_(True)
    s = torch.sigmoid(x)                                     # sigma(x) = 1 / (1 + e^{-x})
    (dsig,) = torch.autograd.grad(s.sum(), x)
    x = x.detach()
    return {"t_short": verdict(torch.allclose(dsig, torch.sigmoid(x) * (1 - torch.sigmoid(x)))),
            "t_long": verdict(torch.allclose(dsig, torch.exp(-x) / (1 + torch.exp(-x)) ** 2))}


def abangfarhan(n=4):
    """p = softmax(x), L = -sum_i y_i log p_i, y one-hot (class 2 of 4, and class 0 for the
    j = i term, where the author's last rows need y_i = 1)."""
    x = torch.randn(n, generator=GEN)
    soft = lambda v: torch.exp(v) / torch.exp(v).sum()      # noqa: E731
    t = {}
    rows_ok = {k: True for k in ("a_chain", "a_Lpj1", "a_Lpj2", "a_zero", "a_y1", "a_log1", "a_gen",
                                 "a_paren", "a_Lpj", "a_pjxi", "a_t1", "a_t2", "a_t3", "a_t4")}
    for hot in range(n):
        y = torch.zeros(n)
        y[hot] = 1.0
        p = soft(x)
        J = torch.autograd.functional.jacobian(soft, x)          # J[j, i] = dp_j / dx_i
        xx = x.clone().requires_grad_(True)
        (-(y * torch.log(soft(xx))).sum()).backward()
        g = xx.grad
        pp = p.clone().requires_grad_(True)
        (-(y * torch.log(pp)).sum()).backward()
        H = pp.grad                                              # dL/dp_j with p held
        ylogp = lambda q: y * torch.log(q)                       # noqa: E731
        D = torch.autograd.functional.jacobian(ylogp, p)         # D[i, j] = d(y_i log p_i)/dp_j
        dlog = 1 / p                                             # d log p_i / d p_i
        checks = {
            "a_chain": torch.allclose(g, torch.stack([sum(H[j] * J[j, i] for j in range(n)) for i in range(n)])),
            "a_Lpj1": torch.allclose(H, -torch.diagonal(D)), "a_Lpj2": torch.allclose(H, -torch.diagonal(D)),
            "a_zero": bool(D[0, 1] == 0), "a_y1": bool(torch.isclose(D[0, 0], y[0] * dlog[0])),
            "a_log1": True,                                       # d log p_1 / d p_1 = 1 / p_1
            "a_gen": torch.allclose(torch.diagonal(D), y / p),
            "a_paren": torch.allclose(H, -torch.diagonal(D)), "a_Lpj": torch.allclose(H, -y / p),
            "a_pjxi": torch.allclose(J, torch.autograd.functional.jacobian(lambda v: torch.exp(v) / torch.exp(v).sum(), x)),
            "a_t1": all(torch.isclose(H[i] * J[i, i], (-y[i] / p[i]) * p[i] * (1 - p[i])) for i in range(n)),
            "a_t2": all(torch.isclose(H[i] * J[i, i], -y[i] * (1 - p[i])) for i in range(n)),
            "a_t3": all(torch.isclose(H[i] * J[i, i], -y[i] + p[i]) for i in range(n)),
            "a_t4": all(torch.isclose(H[i] * J[i, i], p[i] - y[i]) for i in range(n)),
        }
        for k, ok in checks.items():
            rows_ok[k] = rows_ok[k] and bool(ok)
    return {k: verdict(ok) for k, ok in rows_ok.items()}


CLAIMS = {
    "yanfenglee_softmax_ce.md": (yanfenglee, [
        ("y_d1", "\\frac{\\partial a_j}{\\partial z_i} = a_i(1 - a_i)", "softmax Jacobian where i = j (its condition)"),
        ("y_d2", "= -a_i a_j", "softmax Jacobian where i != j (its condition)"),
        ("y_c1", "\\frac{\\partial L}{\\partial z_i} = -\\sum_k y_k \\frac{1}{a_k}", "chain rule, row 1"),
        ("y_c2", "= -y_i(1-a_i) - \\sum_{k\\neq i}", "row 2"),
        ("y_c3", "= -y_i(1-a_i) + \\sum_{k\\neq i} y_k a_i", "row 3"),
        ("y_c4", "= -y_i+y_ia_i", "row 4"),
        ("y_c5", "= a_i \\sum_ky_k - y_i", "row 5"),
        ("y_c6", "= a_i-y_i", "row 6 (sum_k y_k = 1)"),
    ], "<!-- symbp: layer=softmax classes=3 -->", "$$a_j = \\frac{e^{z_j}}",
        [("a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}", "softmax definition"),
         ("L = -\\sum_k y_k \\log a_k", "loss definition")]),
    "tonkic_sigmoid_zh.md": (tonkic, [
        ("t_short", "\\sigma'(x) = \\sigma(x) \\cdot", "sigmoid derivative, short form"),
        ("t_long", "\\sigma'(x) = \\frac{e^{-x}}{(1 + e^{-x})^2}", "sigmoid derivative, written out"),
    ], "<!-- symbp: layer=activation name=sigmoid -->", "$$\n\\sigma(x) =",
        [("\\sigma(x) = \\frac{1}{1 + e^{-x}}", "definition of sigma")]),
}


CLAIMS["abangfarhan_softmax_ce.md"] = (abangfarhan, [
    ("a_chain", "= \\sum_{j=1}^n \\frac{\\partial L}{\\partial p_j}", "chain rule as a sum"),
    ("a_Lpj1", "\\frac{\\partial L}{\\partial p_j} = \\frac{\\partial (- \\sum_i y_i \\log p_i)}", "dL/dp_j as the derivative of the loss"),
    ("a_Lpj2", "= \\frac{- \\partial \\sum_i y_i \\log p_i}{\\partial p_j}", "the minus moved into the numerator"),
    ("a_zero", "\\frac{\\partial y_1 \\log p_1}{\\partial p_2} = 0", "a vanishing term"),
    ("a_y1", "= y_1 \\frac{\\partial \\log p_1}{\\partial p_1}", "y_1 out of the derivative"),
    ("a_log1", "\\frac{\\partial \\log p_1}{\\partial p_1} = \\frac{1}{p_1}", "derivative of log"),
    ("a_gen", "\\frac{\\partial y_i \\log p_i}{\\partial p_i} = \\frac{y_i}{p_i}", "in general"),
    ("a_paren", "= - \\left( \\frac{\\partial y_j \\log p_j}{\\partial p_j} \\right)", "only the p_j term"),
    ("a_Lpj", "\\frac{\\partial L}{\\partial p_j} = - \\frac{y_j}{p_j}", "dL/dp_j"),
    ("a_pjxi", "\\frac{\\partial p_j}{\\partial x_i} = \\frac{\\partial \\left( e^{x_j}", "dp_j/dx_i, the softmax written out"),
    ("a_t1", "= \\left( - \\frac{y_i}{p_i} \\right) p_i ( 1 - p_i)", "j = i term, row 1"),
    ("a_t2", "= -y_i (1 - p_i)", "j = i term, row 2"),
    ("a_t3", "=-y_i + p_i", "j = i term, row 3 (needs y_i = 1)"),
    ("a_t4", "= p_i - y_i", "j = i term, row 4 (needs y_i = 1)"),
], "<!-- symbp: layer=softmax classes=3 -->", "$$\n\\begin{equation}\n\\text{softmax}",
    [("\\text{softmax}(\\mathbf{x}) =", "softmax definition (vector form)"),
     ("L(\\mathbf{p}) = - \\sum_i y_i \\log p_i.", "loss definition"),
     ("\\frac{\\partial L}{\\partial p_1} \\frac{\\partial p_1}{\\partial x_i} +", "a sum written with dots"),
     ("= \\frac{y_j}{p_j} p_i p_j", "j != i only, a condition given by a heading"),
     ("= p_i y_j", "j != i only, a condition given by a heading"),
     ("\\left(- \\frac{y_j}{p_j} \\right) (-p_i p_j)", "j != i only, a condition given by a heading")])


def main():
    write_sidecars(CLAIMS, lambda doc: HERE)


if __name__ == "__main__":
    main()
