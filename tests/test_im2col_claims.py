r"""im2col (unfold) claims in the spellings authors use, read by ``symbp check``; truth from torch.

How authors write the unfolded matrices: CS231n's ``W_{col}``/``X_{col}`` (and ``W_{row}``),
decorated letters ``\tilde{W} \in R^{C_out × (C_in K_H K_W)}``, ``\tilde{X}`` the unfolded input
(lecture notes on convolution; ``\widetilde``), ``\hat{X}`` (blog posts on lowering a
convolution to a GEMM), a word subscript ``X_{unfold}``; the forward ``Y = \tilde{W}\tilde{X}
+ b`` (``\cdot`` or a plain ``.`` between the factors), and the rules ``∂L/∂\tilde{W} = δ
\tilde{X}^T``, ``∂L/∂\tilde{X} = \tilde{W}^T δ`` with δ = ∂L/∂Y read as C_out × (H_out W_out);
the transposed layout ``Y = \tilde{X}\tilde{W}`` (one patch a row).

Truth: the claimed product evaluated on torch's tensors (``unfold`` for the patches, the
kernel's ``reshape``), compared with torch autograd's gradient of ``W_col @ X_col``; a shape
that differs is false.
"""
from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

NAMES = [(r"\tilde{W}", r"\tilde{X}"), (r"\widetilde{W}", r"\widetilde{X}"), (r"\hat{W}", r"\hat X"),
         ("W_{unfold}", "X_{unfold}"), ("W_{row}", "X_{col}")]
LHS = [r"\frac{{\partial L}}{{\partial {}}}", "d{}", r"\nabla_{{{}}} L"]


def _torch(h, k, cin, cout, stride, padding, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randint(-5, 6, (1, cin, h, h), generator=g).double()
    w = torch.randint(-5, 6, (cout, cin, k, k), generator=g).double().requires_grad_(True)
    xcol = F.unfold(x, k, stride=stride, padding=padding)[0].clone().requires_grad_(True)
    y = w.reshape(cout, -1) @ xcol
    assert torch.equal(y.detach().reshape(-1), F.conv2d(x, w.detach(), stride=stride, padding=padding).reshape(-1))
    dy = torch.randint(-9, 10, y.shape, generator=g).double()
    y.backward(dy)
    return {"W": w.detach().reshape(cout, -1), "X": xcol.detach(), "D": dy}, \
        {"W": w.grad.reshape(cout, -1), "X": xcol.grad}


def _value(items, values, cols):
    out = None
    for name, t in items:
        v = values[name] if cols else values[name].T
        v = v.T if t else v
        if out is not None and out.shape[1] != v.shape[0]:
            return None
        out = v if out is None else out @ v
    return out


def _document(rng, h, k, cin, cout, stride, padding, cols, bias):
    wname, xname = rng.choice(NAMES)
    values, grads = _torch(h, k, cin, cout, stride, padding, rng.randint(0, 10 ** 6))
    text = {"W": wname, "X": xname, "D": rng.choice([r"\delta", r"\frac{\partial L}{\partial Y}"])}
    sep = rng.choice([" ", r" \cdot ", " . "])
    claims = []
    for wrt in ("W", "X"):
        other = "X" if wrt == "W" else "W"
        rule = [("D", False), (other, True)] if cols == (wrt == "W") else [(other, True), ("D", False)]
        tries = [rule] + [[(a, rng.random() < 0.5), (b, rng.random() < 0.5)]
                          for a, b in [rng.sample(["W", "X", "D"], 2) for _ in range(3)]]
        for items in tries:
            got = _value(items, values, cols)
            want = grads[wrt] if cols else grads[wrt].T
            true = got is not None and got.shape == want.shape and torch.equal(got, want)
            right = sep.join(text[n] + ("^T" if t else "") for n, t in items)
            claims.append((rng.choice(LHS).format(text[wrt]) + " = " + right, true))
    chans = f" channels={cin},{cout} layout: X=CHW W=OIHW Y=CHW" if cin > 1 or cout > 1 else ""
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding}"
             f"{chans} names: X=input W=kernel Y=output L=loss -->")
    forward = f"Y = {wname}{sep}{xname}" if cols else f"Y = {xname}{sep}{wname}"
    forward += " + b" if bias else ""
    doc = f"# im2col\n\n{setup}\n\n$$\n{forward}\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c, _ in claims)
    return doc, claims


@pytest.mark.parametrize("seed,h,k,cin,cout,stride,padding", [
    (0, 3, 2, 1, 1, 1, 0), (1, 4, 2, 2, 3, 1, 0), (2, 4, 3, 1, 2, 2, 1), (3, 5, 3, 2, 1, 1, 1)])
def test_generated_im2col_claims_against_torch(seed, h, k, cin, cout, stride, padding):
    rng = random.Random(seed)
    for cols in (True, False):
        doc, claims = _document(rng, h, k, cin, cout, stride, padding, cols, bias=rng.random() < 0.5)
        got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
        for claim, true in claims:
            verdict = got[claim].verdict
            assert verdict == ("holds" if true else "refuted"), (claim, true, got[claim].detail, doc)


def test_the_forward_with_shapes_and_bias_binds_the_decorated_letters():
    text = r"""# Convolution
<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->

$$\tilde{W} \in \mathbb{R}^{C_{out} \times (C_{in}.K_H.K_W)} \\
\text{Unfold Input: }\tilde{X} \in \mathbb{R}^{(C_{in}.K_H.K_W) \times (H_{out}.W_{out})} \\
Y = \tilde{W} \cdot \tilde{X} + b \\
$$

$$ \frac{\partial L}{\partial \tilde{W}} = \delta \tilde{X}^T $$

$$ \frac{\partial L}{\partial \tilde{X}} = \tilde{W}^T . \delta $$

$$ \frac{\partial L}{\partial \tilde{X}} = \delta^T \tilde{W} $$
"""
    got = {c.latex.strip(): c for c in check_text(text, "md").claims}
    values, grads = _torch(5, 3, 2, 3, 1, 0, 7)
    assert torch.equal(grads["W"], values["D"] @ values["X"].T)          # torch: the two rules hold
    assert torch.equal(grads["X"], values["W"].T @ values["D"])
    assert got[r"\frac{\partial L}{\partial \tilde{W}} = \delta \tilde{X}^T"].verdict == "holds"
    assert got[r"\frac{\partial L}{\partial \tilde{X}} = \tilde{W}^T . \delta"].verdict == "holds"
    # δᵀ W̃ is (H_out W_out) x (C_in K_H K_W): the transpose of ∂L/∂X̃, not it
    assert (values["D"].T @ values["W"]).shape != grads["X"].shape
    wrong = got[r"\frac{\partial L}{\partial \tilde{X}} = \delta^T \tilde{W}"]
    assert wrong.verdict == "refuted" and "18x9" in wrong.detail, wrong.detail


def test_decorated_letters_that_are_not_the_unfolded_pair_stay_with_other_readers():
    # \hat{y} = \tilde{W} x: the output is not the section's output letter; no im2col binding
    text = r"""# Not im2col
<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss -->

$$ \hat{Y} = \tilde{W} \tilde{X} $$

$$ \frac{\partial L}{\partial \tilde{W}} = \delta \tilde{X}^T $$
"""
    got = {c.latex.strip(): c for c in check_text(text, "md").claims}
    assert got[r"\frac{\partial L}{\partial \tilde{W}} = \delta \tilde{X}^T"].verdict == "unchecked"


@pytest.mark.parametrize("h,k,cin,cout,stride,padding", [(4, 2, 1, 1, 1, 0), (4, 3, 2, 2, 1, 1), (5, 3, 1, 2, 2, 0)])
def test_col2im_maps_the_unfolded_gradient_back(h, k, cin, cout, stride, padding):
    """``∂L/∂X = col2im(W_col^T δ)`` (Caffe's and many numpy notes' backward), truth by torch's
    ``fold`` of the claimed product against autograd's ∂L/∂X (channels stacked: cin·H x W)."""
    g = torch.Generator().manual_seed(h * 100 + k * 10 + cin)
    x = torch.randint(-5, 6, (1, cin, h, h), generator=g).double().requires_grad_(True)
    w = torch.randint(-5, 6, (cout, cin, k, k), generator=g).double()
    out = F.conv2d(x, w, stride=stride, padding=padding)
    dy = torch.randint(-9, 10, out.shape, generator=g).double()
    out.backward(dy)
    wcol, d = w.reshape(cout, -1), dy.reshape(cout, -1)
    xcol = F.unfold(x.detach(), k, stride=stride, padding=padding)[0]

    def fold(m):
        return F.fold(m.unsqueeze(0), (h, h), k, stride=stride, padding=padding)[0].reshape(cin * h, h)
    want = x.grad[0].reshape(cin * h, h)
    products = {r"\tilde{W}^T \delta": wcol.T @ d, r"\tilde{X} \delta^T": None,
                r"\tilde{X}": xcol}
    claims = {}
    for text, product in products.items():
        true = product is not None and product.shape == xcol.shape and torch.equal(fold(product), want)
        claims[rf"\frac{{\partial L}}{{\partial X}} = \text{{col2im}}({text})"] = true
    claims[r"\frac{\partial L}{\partial X} = \tilde{W}^T \delta"] = False          # ∂L/∂X̃, not ∂L/∂X
    chans = f" channels={cin},{cout} layout: X=CHW W=OIHW Y=CHW" if cin > 1 or cout > 1 else ""
    doc = (f"# im2col\n\n<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding}"
           f"{chans} names: X=input W=kernel Y=output L=loss -->\n\n$$\nY = \\tilde{{W}} \\tilde{{X}}\n$$\n\n"
           + "".join(f"$$\n{c}\n$$\n\n" for c in claims))
    got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    assert any(claims.values()) and not all(claims.values())
    for claim, true in claims.items():
        assert got[claim].verdict == ("holds" if true else "refuted"), (claim, got[claim].detail)


def test_a_decorated_letter_is_its_own_name_in_both_readers():
    """Shared with the spellings work (t15a): ``\\tilde{W}`` is never read as ``W``, neither by the
    index reader's tokens nor by the matrix-form reader."""
    from symbp.check.index_tree import accent_names
    from symbp.check.matrix_expr import parse_side
    for accent in (r"\tilde{W}", r"\widetilde{W}", r"\hat{W}", r"\bar{W}"):
        assert accent_names(accent).strip() != "W"
        assert parse_side(accent)[0] != parse_side("W")[0]
