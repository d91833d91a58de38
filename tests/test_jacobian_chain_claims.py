r"""Chains of whole-tensor Jacobians (``∂L/∂X = ∂L/∂O ∂O/∂X``) read by ``symbp check``; truth from
torch.

How authors write them: vec-Jacobian notes with the shapes stated (``J_L(O) = ∂L/∂O ∈ R^{1×4}``,
numerator layout: ``∂L/∂K = ∂L/∂O ∂O/∂K``), the DNN recursion with gradients as columns
(``∂L/∂x = (∂y/∂x)^T ∂L/∂y``, ``δ`` for ∂L/∂y), the denominator layout (``∂L/∂x = ∂y/∂x
∂L/∂y``, ``∂y/∂x ∈ R^{n_x × n_y}``).

Truth: torch's Jacobian of ``conv2d`` by the flattened input or kernel and autograd's gradients,
multiplied in each layout; the claim's expected verdict is "holds" when it holds in every layout
the stated shapes leave, "refuted" when it fails in all of them, else "unchecked".
"""
from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

READINGS = ("row", "column", "denominator")


def _torch(h, k, stride, padding, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randint(-5, 6, (1, 1, h, h), generator=g).double()
    w = torch.randint(-5, 6, (1, 1, k, k), generator=g).double()
    out = F.conv2d(x, w, stride=stride, padding=padding)
    dy = torch.randint(-9, 10, out.shape, generator=g).double()
    jx = torch.autograd.functional.jacobian(lambda v: F.conv2d(v.reshape(x.shape), w, stride=stride,
                                                               padding=padding).reshape(-1), x.reshape(-1))
    jk = torch.autograd.functional.jacobian(lambda v: F.conv2d(x, v.reshape(w.shape), stride=stride,
                                                               padding=padding).reshape(-1), w.reshape(-1))
    xr, wr = x.clone().requires_grad_(True), w.clone().requires_grad_(True)
    F.conv2d(xr, wr, stride=stride, padding=padding).backward(dy)
    return {"O": dy.reshape(-1), "X": xr.grad.reshape(-1), "K": wr.grad.reshape(-1)}, {"X": jx, "K": jk}


def _value(items, grads, jacs, reading):
    out = None
    for (kind, name), t in items:
        if kind == "grad":
            m = grads[name].reshape(1, -1) if reading == "row" else grads[name].reshape(-1, 1)
        else:
            m = jacs[name].T if reading == "denominator" else jacs[name]
        m = m.T if t else m
        if out is not None and out.shape[1] != m.shape[0]:
            return None
        out = m if out is None else out @ m
    return out


SPELL = {("grad", "O"): [r"\frac{\partial L}{\partial O}", r"\delta"],
         ("grad", "X"): [r"\frac{\partial L}{\partial X}"], ("grad", "K"): [r"\frac{\partial L}{\partial K}"],
         ("jac", "X"): [r"\frac{\partial O}{\partial X}"], ("jac", "K"): [r"\frac{\partial O}{\partial K}"]}


def _claims(rng, grads, jacs, fitting):
    out = []
    for wrt in ("X", "K"):
        forms = [[(("grad", "O"), False), (("jac", wrt), False)], [(("jac", wrt), True), (("grad", "O"), False)],
                 [(("jac", wrt), False), (("grad", "O"), False)], [(("grad", "O"), False), (("grad", wrt), False)],
                 [(("grad", "O"), True), (("jac", wrt), False)]]
        for items in forms:
            results = []
            for reading in READINGS:
                got = _value(items, grads, jacs, reading)
                want = grads[wrt].reshape(1, -1) if reading == "row" else grads[wrt].reshape(-1, 1)
                results.append(got is not None and got.shape == want.shape and torch.equal(got, want))
            kept = [r for r, reading in zip(results, READINGS) if reading in fitting]
            expect = "holds" if all(kept) else "refuted" if not any(kept) else "unchecked"
            text = " ".join(rng.choice(SPELL[k]) if not t else "(" + rng.choice(SPELL[k]) + ")^T" for k, t in items)
            out.append((rf"\frac{{\partial L}}{{\partial {wrt}}} = {text}", expect))
    return out


@pytest.mark.parametrize("seed,h,k,stride,padding,stated", [
    (0, 3, 2, 1, 0, "row"), (1, 4, 2, 2, 0, "column"), (2, 4, 3, 1, 1, None), (3, 3, 2, 1, 0, "denominator")])
def test_generated_chains_against_torch(seed, h, k, stride, padding, stated):
    rng = random.Random(seed)
    grads, jacs = _torch(h, k, stride, padding, seed)
    n_o, n_x = grads["O"].numel(), grads["X"].numel()
    statement = {"row": rf"\frac{{\partial L}}{{\partial O}} = [\dots] \in \mathbb{{R}}^{{1\times {n_o}}}",
                 "column": rf"\frac{{\partial L}}{{\partial O}} = [\dots] \in \mathbb{{R}}^{{{n_o}\times 1}}",
                 "denominator": rf"J = \frac{{\partial O}}{{\partial X}} \in \mathbb{{R}}^{{{n_x}\times {n_o}}}",
                 None: None}[stated]
    fitting = {"row": ["row"], "column": ["column", "denominator"], "denominator": ["denominator"],
               None: list(READINGS)}[stated]
    claims = _claims(rng, grads, jacs, fitting)
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding} "
             "conv=cross names: X=input K=kernel O=output L=loss -->")
    doc = f"# Chain\n\n{setup}\n\n" + (f"$$\n{statement}\n$$\n\n" if statement else "") + \
        "".join(f"$$\n{c}\n$$\n\n" for c, _ in claims)
    got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    for claim, expect in claims:
        assert got[claim].verdict == expect, (claim, expect, got[claim].detail)


def test_chain_without_a_jacobian_in_an_unknown_role_is_left_alone():
    doc = r"""# Chain
<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: X=input K=kernel O=output L=loss -->

$$ \frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial Q} $$
"""
    got = check_text(doc, "md").claims
    assert got[0].verdict == "unchecked"
