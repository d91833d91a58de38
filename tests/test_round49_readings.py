"""Readings of round 49.

* an equation number typed after a row with a space, ``\\odot \\sigma'(z^l) (2)`` (held-out 64's Stack
  Exchange question numbers Nielsen's BP2 and BP4 so): not a factor (before: read as ``2 ×``, and the true
  rows were refuted); ``\\cdot (3)`` after an operator stays a factor;
* a directive that gives δ a meaning other than the output's δ (``\\delta=input_grad``): δ is ∂L/∂x, its
  entries ∂L/∂x_j (before: every reader took δ as ∂L/∂y, where ``\\frac{\\partial L}{\\partial b} = \\delta``
  held; a false hold) and ``\\delta_{\\text{conv}}=output_grad`` is ∂L/∂Z;
* sizes the prose gives with a bare name or a role word: "X is 4×4", "the kernel is 2×2", "an input of size
  4 x 4" (the issue's own example; before: only ``$X$ is 4×4`` and "a 4x4 input" were read);
* red team 70: a number after a macro that names a variable (``\\delta (1)``) or before a full stop (``(2).``) is the
  row's number; labelled deltas with two roles (``\\delta^{2}=output_grad \\delta^{1}=input_grad``) over a forward with
  no labels are no reader's δ (before: ``\\frac{\\partial L}{\\partial b} = \\delta^{1}`` held);
* red team 71: prose sizes skip code, drop a name given two sizes, and read a bare name or role word only in a
  sentence whose every size is accounted for ("In LeNet the kernel is 5×5; ours is 2×2": neither).

Truth: torch autograd (float64); never symbp.
"""
import re

import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _conv_weight_grad(size: int, k: int, seed: int):
    """(x, dL/dy, dL/dw) of a stride-1 valid cross-correlation y = conv2d(x, w), by autograd."""
    torch.manual_seed(seed)
    x = torch.randn(1, 1, size, size)
    w = torch.randn(1, 1, k, k, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x, dy, w.grad


# ---------------------------------------------------------------- equation numbers


def _two_layers(seed: int = 0):
    """(W^{l+1}, z^l, δ^l, δ^{l+1}, a^{l-1}, ∂C/∂W^l) of a sigmoid net z^l = W^l a^{l-1}, z^{l+1} = W^{l+1} σ(z^l), by autograd."""
    torch.manual_seed(seed)
    a0 = torch.randn(3)
    w1 = torch.randn(4, 3, requires_grad=True)
    z1 = w1 @ a0
    z1.retain_grad()
    w2 = torch.randn(2, 4)
    z2 = w2 @ torch.sigmoid(z1)
    z2.retain_grad()
    cost = (torch.randn(2) * torch.sigmoid(z2)).sum()
    cost.backward()
    return w2, z1.detach(), z1.grad, z2.grad, a0, w1.grad


NIELSEN = r"""# Backpropagation

<!-- symbp: layer=fc in=4 out=2 weight=out-in names: a^{{l-1}}=input w^l=kernel w^{{l+1}}=kernel z^l=output a^l=activation \delta^l=output_grad C=loss -->

$$ {claim} $$
"""


def test_an_equation_number_after_a_row_is_not_a_factor():
    w2, z1, d1, d2, a0, dw1 = _two_layers()
    s = torch.sigmoid(z1)
    assert torch.allclose(d1, (w2.T @ d2) * s * (1 - s))                # BP2, by autograd
    assert torch.allclose(dw1, torch.outer(d1, a0))                      # BP4: ∂C/∂w_{jk} = a_k δ_j
    assert not torch.allclose(dw1, 3 * torch.outer(d1, a0))
    got = _claims(NIELSEN.format(claim=r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l) (2)"))
    assert got[-1][0] == "holds", got
    got = _claims(NIELSEN.format(claim=r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j (3)"))
    assert got[-1][0] == "holds", got
    got = _claims(NIELSEN.format(claim=r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j \cdot (3)"))
    assert got[-1][0] == "refuted", got                                  # after an operator: a factor
    got = _claims(NIELSEN.format(claim=r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_j \delta^l_k (3)"))
    assert got[-1][0] == "refuted", got


# ---------------------------------------------------------------- δ named another gradient by the directive


DENSE = r"""# A dense layer

<!-- symbp: layer=fc in=4 out=2 weight=out-in names: x=input W=kernel b=bias y=output \delta=input_grad L=loss -->

$$ y = W x + b $$

$$ {claim} $$
"""


def _dense(seed: int = 1):
    torch.manual_seed(seed)
    x = torch.randn(4, requires_grad=True)
    w = torch.randn(2, 4, requires_grad=True)
    b = torch.randn(2, requires_grad=True)
    y = w @ x + b
    y.retain_grad()
    (torch.randn(2) * torch.tanh(y)).sum().backward()
    return w.detach(), x.grad, w.grad, b.grad, y.grad


def test_delta_named_the_input_gradient_is_read_as_it():
    w, dx, dw, db, dy = _dense()
    assert torch.allclose(dx, w.T @ dy)                      # δ := ∂L/∂x = W^T ∂L/∂y
    assert dx.shape != db.shape and dx.shape != dy.shape     # so ∂L/∂b = δ and δ = ∂L/∂y are false
    rows = {
        r"\delta = W^T \frac{\partial L}{\partial y}": "holds",
        r"\delta_{j} = \sum_i W_{ij} \frac{\partial L}{\partial y_i}": "holds",
        r"\delta_{j} = \sum_i W_{ji} \frac{\partial L}{\partial y_i}": "refuted",
        r"\frac{\partial L}{\partial b} = \delta": "refuted",        # held before: δ read as ∂L/∂y
        r"\delta = \frac{\partial L}{\partial y}": "refuted",
        r"\frac{\partial L}{\partial W} = \delta x^T": "refuted",
    }
    for claim, want in rows.items():
        got = _claims(DENSE.format(claim=claim))
        assert got[-1][0] == want, (claim, got[-1])


def test_delta_named_another_role_is_not_the_output_delta():
    text = DENSE.replace(r"\delta=input_grad", r"\delta=activation").format(claim=r"\frac{\partial L}{\partial b} = \delta")
    got = _claims(text)
    assert got[-1][0] == "unchecked", got[-1]                # δ is no gradient symbp models here: never "holds"


CONV = r"""# Convolution

<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input W=kernel Z=output \delta_{{\text{{conv}}}}=output_grad L=loss -->

$$ Z = X * W $$

$$ \frac{{\partial L}}{{\partial W}} = {claim} $$
"""


def test_a_subscripted_delta_named_the_output_gradient():
    x, dz, dw = _conv_weight_grad(5, 3, seed=2)
    assert torch.allclose(dw, torch.nn.functional.conv2d(x, dz))          # X * δ: a valid cross-correlation
    assert not torch.allclose(dw, torch.nn.functional.conv2d(x, dz.flip(2, 3)))
    assert _claims(CONV.format(claim=r"X * \delta_{\text{conv}}"))[-1][0] == "holds"
    assert _claims(CONV.format(claim=r"X * \text{rot180}(\delta_{\text{conv}})"))[-1][0] == "refuted"


# ---------------------------------------------------------------- sizes in the prose


SIZES = r"""# Convolution

{sentence}

$$ y_{{ij}} = \sum_{{m}}\sum_{{n}} w_{{mn}} x_{{i+m,j+n}} $$

$$ \frac{{\partial L}}{{\partial w_{{mn}}}} = \sum_{{i=0}}^{{2}} \sum_{{j=0}}^{{2}} \frac{{\partial L}}{{\partial y_{{ij}}}} x_{{i+m,j+n}} $$
"""


def test_sizes_said_with_a_bare_name_or_a_role_word():
    x, dy, dw = _conv_weight_grad(4, 2, seed=3)
    want = torch.stack([torch.stack([(dy[0, 0] * x[0, 0, m:m + 3, n:n + 3]).sum() for n in range(2)])
                        for m in range(2)])
    assert dy.shape[-2:] == (3, 3) and torch.allclose(dw[0, 0], want)   # the bounds 0..2 at a 4x4 input
    capitals = SIZES.replace("w_", "W_").replace("x_", "X_")
    for template, sentence in ((SIZES, "The input x is 4x4 and the kernel is 2x2."),
                               (SIZES, "The input is $4\\times 4$; the kernel is 2 x 2."),
                               (SIZES, "We take an input of size 4×4 and a kernel of size 2×2."),
                               (capitals, "X is 4×4 and W is 2×2.")):
        verdict, detail = _claims(template.format(sentence=sentence))[-1]
        assert verdict == "holds" and "4x4 input" in detail, (sentence, verdict, detail)


# ---------------------------------------------------------------- red teams 70 and 71


def test_an_equation_number_after_a_variable_macro_or_before_a_full_stop():
    w, dx, dw, db, dy = _dense()
    assert torch.allclose(db, dy) and not torch.allclose(db, 2 * dy)      # ∂L/∂b = δ, not 2δ
    text = DENSE.replace(r"\delta=input_grad", r"\delta=output_grad")
    for claim in (r"\frac{\partial L}{\partial b} = \delta (1)", r"\frac{\partial L}{\partial b} = \delta \quad (2).",
                  r"\frac{\partial L}{\partial b} = \delta (2),"):
        assert _claims(text.format(claim=claim))[-1][0] == "holds", claim
    assert _claims(text.format(claim=r"\frac{\partial L}{\partial b} = \delta \cdot (2)"))[-1][0] == "refuted"


def test_labelled_deltas_with_two_roles_over_an_unlabelled_forward():
    torch.manual_seed(4)
    x = torch.randn(3, requires_grad=True)
    w = torch.randn(3, 3)
    b = torch.randn(3, requires_grad=True)
    y = w @ x + b
    (torch.randn(3) * torch.tanh(y)).sum().backward()
    assert not torch.allclose(b.grad, x.grad)                 # ∂L/∂b = δ^2 (∂L/∂y), not δ^1 (∂L/∂x)
    text = DENSE.replace(r"\delta=input_grad", r"\delta^{{2}}=output_grad \delta^{{1}}=input_grad").replace(
        "in=4 out=2", "in=3 out=3")
    assert _claims(text.format(claim=r"\frac{\partial L}{\partial b} = \delta^{1}"))[-1][0] != "holds"
    assert _claims(text.format(claim=r"\delta^{1} = W^T \delta^{2}"))[-1][0] != "refuted"   # true: no activation


def test_prose_sizes_that_contradict_or_hedge_are_not_read():
    x, dy, dw = _conv_weight_grad(4, 2, seed=5)
    assert dy.shape[-2:] == (3, 3)               # the bounds 0..2 fit the page's 4x4 input and 2x2 kernel
    capitals = SIZES.replace("w_", "W_").replace("x_", "X_")
    false = capitals.replace(r"\sum_{{i=0}}^{{2}} \sum_{{j=0}}^{{2}}", r"\sum_{{i=0}}^{{1}} \sum_{{j=0}}^{{1}}")
    for sentence in ("X is 4×4. In LeNet the kernel is 5×5; ours is 2×2.",        # LeNet's kernel is not this page's
                     "In [1], X is 8×8; here X is 4×4 and W is 2×2.",            # two sizes of X: neither
                     "```\nX is 8x8  # another run\n```\n\nX is 4×4 and W is 2×2.",   # code is no prose
                     "The input is 6x6 in the figure, cropped to 4x4 here; the kernel is 2x2."):
        assert _claims(capitals.format(sentence=sentence))[-1][0] != "refuted", sentence
        assert _claims(false.format(sentence=sentence))[-1][0] != "holds", sentence


def test_a_page_that_defines_delta_against_the_directive_is_not_settled():
    w, dx, dw, db, dy = _dense()
    assert torch.allclose(db, dy) and not torch.allclose(db[:2], dx[:2])     # true under the page, false under the directive
    for own in (r"$$ \delta := \frac{\partial L}{\partial y} $$", r"Here $\delta = \partial L / \partial y$ is the output's error."):
        page = DENSE.replace("$$ y = W x + b $$", own.replace("{", "{{").replace("}", "}}") + "\n\n$$ y = W x + b $$")
        text = page.format(claim=r"\frac{\partial L}{\partial b} = \delta")
        assert _claims(text)[-1][0] == "unchecked", own


def test_an_unchecked_claim_under_a_dense_forward_suggests_a_dense_directive():
    text = ("# Two layers\n\n$$ z^1 = W^1 x + b^1 $$\n\n$$ a^1 = \\sigma(z^1) $$\n\n$$ z^2 = W^2 a^1 + b^2 $$\n\n"
            "$$ \\frac{\\partial L}{\\partial W^2} = \\frac{\\partial L}{\\partial z^2} (a^1) $$\n")
    verdict, detail = _claims(text)[-1]
    assert verdict == "unchecked" and "layer=fc" in detail and "layer=conv2d" not in detail, detail


def test_a_refutation_says_what_its_symbols_are_in_the_pages_letters():
    x, dy, dw = _conv_weight_grad(4, 2, seed=6)
    flipped = torch.nn.functional.conv2d(x, dy.flip(2, 3))
    assert not torch.allclose(dw, flipped)                   # Σ g_{ij} X_{i-m,j-n} is no gradient
    text = ("# Conv\n\nThe input X is 4x4 and the kernel K is 2x2.\n\n$$ O_{ij} = \\sum_m \\sum_n K_{mn} X_{i+m,j+n} $$\n\n"
            "$$ \\frac{\\partial E}{\\partial K_{mn}} = \\sum_i \\sum_j \\frac{\\partial E}{\\partial O_{ij}} X_{i-m,j-n} $$\n")
    verdict, detail = _claims(text)[-1]
    assert verdict == "refuted" and "x_nchw: X at sample n" in detail and "g_nohw: ∂(loss)/∂O there" in detail, detail
    two = ("# Two layers\n\n$$ z^1 = W^1 x + b^1 $$\n\n$$ a^1 = \\sigma(z^1) $$\n\n"
           "$$ z^2 = W^2 a^1 + b^2 $$\n\n$$ \\frac{\\partial L}{\\partial z^1_i} = \\sum_j W^2_{ij} "
           "\\frac{\\partial L}{\\partial z^2_j} \\sigma'(z^1_i) $$\n")
    verdict, detail = _claims(two)[-1]
    assert verdict == "refuted"                                   # W^2_{ij} with i the output: the transpose is needed
    assert "/∂z^2 " in detail and not re.search(r"/∂[PQRUV]\b", detail), detail       # the page's z^2, no made-up letter
