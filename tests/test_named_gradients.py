"""Rows that name a gradient and claim it (issue 12, t21d): ``dZ^{[l]} := \\frac{\\partial J}{\\partial Z^{[l]}} = …``.

Truth from torch autograd: Z = W A + b (b added to every column), A_out = tanh(Z), J = sum(R * A_out)
for a random R; each claim's right side is evaluated with torch on the same tensors and compared
with the autograd gradient (a product whose shapes do not fit is false).
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

HEAD = ("<!-- symbp: layer=fc in=3 out=2 batch=4 names: A^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias "
        "Z^{[l]}=output J=loss -->\n\n$$Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$$\n\n$$A^{[l]} = g(Z^{[l]})$$\n\n")
STAR = "\n\nHere $*$ denotes the element-wise product.\n"


def _torch():
    torch.manual_seed(1)
    W, A, b = torch.randn(2, 3, requires_grad=True), torch.randn(3, 4, requires_grad=True), torch.randn(2, 1, requires_grad=True)
    Z = W @ A + b
    Z.retain_grad()
    out = torch.tanh(Z)
    out.retain_grad()
    (torch.randn(2, 4) * out).sum().backward()
    return {"W": W, "A": A, "Z": Z, "dZ": Z.grad, "dA": out.grad, "dW": W.grad, "dAprev": A.grad,
            "g'": 1 - torch.tanh(Z) ** 2, "g": torch.tanh(Z)}


def _true(left: str, right) -> bool:
    t = _torch()
    try:
        value = right(t)
    except RuntimeError:                  # shapes that do not fit: no such product
        return False
    return value.shape == t[left].shape and bool(torch.allclose(value, t[left], atol=1e-6))


CASES = [   # (display, the gradient it names, the right side by torch, needs the prose about *)
    (r"dZ^{[l]} := \frac{\partial J }{\partial Z^{[l]}} = dA^{[l]} * g'(Z^{[l]})", "dZ", lambda t: t["dA"] * t["g'"], True),
    (r"dZ^{[l]} := \frac{\partial J }{\partial Z^{[l]}} = dA^{[l]} * g(Z^{[l]})", "dZ", lambda t: t["dA"] * t["g"], True),
    (r"dW^{[l]} \triangleq \frac{\partial J}{\partial W^{[l]}} = dZ^{[l]} A^{[l-1] T}", "dW", lambda t: t["dZ"] @ t["A"].T, False),
    (r"dW^{[l]} \stackrel{def}{=} \frac{\partial J}{\partial W^{[l]}} = 2 dZ^{[l]} A^{[l-1] T}", "dW",
     lambda t: 2 * t["dZ"] @ t["A"].T, False),
    (r"dW^{[l]} \overset{\text{def}}{=} \partial J/\partial W^{[l]} = A^{[l-1]} dZ^{[l] T}", "dW",
     lambda t: t["A"] @ t["dZ"].T, False),
    (r"dA^{[l-1]} \equiv \frac{\partial J }{\partial A^{[l-1]}} = W^{[l] T} dZ^{[l]}", "dAprev", lambda t: t["W"].T @ t["dZ"], False),
    (r"dA^{[l-1]} \coloneqq \frac{\partial J }{\partial A^{[l-1]}} = W^{[l]} dZ^{[l]}", "dAprev", lambda t: t["W"] @ t["dZ"], False),
]


def _verdict(text: str, claim: str) -> str:
    [got] = [c.verdict for c in check_text(text, "md", time_limit=20).claims if c.latex == claim]
    return got


@pytest.mark.parametrize("claim,left,right,star", CASES)
def test_named_gradient_rows(claim, left, right, star):
    """The row's claim is read with dZ, dA as the gradients the page names; a false one never holds."""
    got = _verdict(HEAD + f"$${claim}$$" + (STAR if star else "\n"), claim)
    if _true(left, right):
        assert got == "holds", (claim, got)
    else:                                   # g(Z) for g'(Z): no reading of g(Z) here, never held
        assert got == "refuted" if "g(Z" not in claim else got != "holds", (claim, got)


def test_star_without_prose_is_not_read():
    """Without the prose saying so, * is not the entrywise product: the true row stays unchecked."""
    claim = CASES[0][0]
    assert _true("dZ", CASES[0][2])
    assert _verdict(HEAD + f"$${claim}$$\n", claim) == "unchecked"


def test_star_called_a_convolution_is_not_read():
    """A page that also calls * a convolution: not read as ⊙."""
    claim = CASES[0][0]
    text = HEAD + f"$${claim}$$" + STAR + "\nLater $*$ is the convolution of two images.\n"
    assert _verdict(text, claim) == "unchecked"


def test_definition_only_row():
    """A row that only names the gradient is a definition, and the name is read in later rows."""
    text = HEAD + r"$$G^{[l]} := \frac{\partial J}{\partial Z^{[l]}}$$" + "\n\n" + \
        r"$$\frac{\partial J}{\partial W^{[l]}} = G^{[l]} A^{[l-1] T}$$" + "\n\n" + \
        r"$$\frac{\partial J}{\partial W^{[l]}} = A^{[l-1]} G^{[l]}$$" + "\n"
    claims = check_text(text, "md", time_limit=20).claims
    assert [c.verdict for c in claims[2:]] == ["definition", "holds", "refuted"]
    assert _true("dW", lambda t: t["dZ"] @ t["A"].T) and not _true("dW", lambda t: t["A"] @ t["dZ"])


def test_two_definitions_of_one_name_name_nothing():
    """G named two ways on one page: later rows keep G as written (read as neither)."""
    text = HEAD + r"$$G^{[l]} := \frac{\partial J}{\partial Z^{[l]}}$$" + "\n\n" + \
        r"$$G^{[l]} := \frac{\partial J}{\partial A^{[l]}}$$" + "\n\n" + \
        r"$$\frac{\partial J}{\partial W^{[l]}} = G^{[l]} A^{[l-1] T}$$" + "\n"
    assert check_text(text, "md", time_limit=20).claims[-1].verdict != "holds"


def test_a_name_applied_as_a_function_is_not_the_gradient():
    """g := ∂J/∂Z on a page that also writes g(Z): g(Z) is not read as the gradient times Z."""
    from symbp.check.named_gradients import NamedGradients
    names = NamedGradients([r"g := \frac{\partial J}{\partial Z}"], "")
    assert names.row(r"A = g(Z) + g'(Z) + g")[0] == r"A = g(Z) + g'(Z) + \frac{\partial J}{\partial Z}"


HEAD_BAR = ("<!-- symbp: layer=fc in=3 out=2 batch=4 names: A=input W=kernel b=bias Z=output J=loss -->\n\n"
            "$$Z = W A + b$$\n\n$$\\bar{Z} \\triangleq \\frac{\\partial J}{\\partial Z}$$\n\n")


@pytest.mark.parametrize("claim,left,right", [
    (r"\bar{W} := \nabla_{W} J = \bar{Z} A^{T}", "dW", lambda t: t["dZ"] @ t["A"].T),
    (r"\bar{W} := \nabla_{W} J = A \bar{Z}^{T}", "dW", lambda t: t["A"] @ t["dZ"].T),
    (r"g_A \equiv \frac{\partial J}{\partial A} = W^T \bar{Z}", "dAprev", lambda t: t["W"].T @ t["dZ"]),
    (r"g_A \equiv \frac{\partial J}{\partial A} = 2 W^T \bar{Z}", "dAprev", lambda t: 2 * t["W"].T @ t["dZ"]),
])
def test_adjoint_names(claim, left, right):
    """Reverse-mode bars: Z̄ := ∂J/∂Z (a definition row), read in later claims, Z̄^T its transpose."""
    got = _verdict(HEAD_BAR + f"$${claim}$$\n", claim)
    assert got == ("holds" if _true(left, right) else "refuted"), (claim, got)


@pytest.mark.parametrize("prose,star", [
    ('Here "$*$" is the entrywise product.', True),
    ("where * denotes element-wise multiplication", True),
    ("the element-wise product ($*$) of the two", True),
    ("Hier ist $*$ das elementweise Produkt.", True),
    ("* Element-wise operations are cheap.", False),          # a bullet, not the product sign
    ("Here $*$ is not the element-wise product.", False),
    ("Here $*$ is the element-wise product; later $*$ is the convolution.", False),
])
def test_prose_that_makes_star_entrywise(prose, star):
    """Only prose that says * is the entrywise product (and never calls it a convolution) makes
    the claims' * a ⊙; with it the true row holds (torch), without it the row is not held."""
    from symbp.check.named_gradients import NamedGradients
    assert NamedGradients([], prose).star is star
    claim = CASES[0][0]
    got = _verdict(HEAD + f"$${claim}$$\n\n{prose}\n", claim)
    assert _true("dZ", CASES[0][2]) and got == ("holds" if star else "unchecked"), (prose, got)


def test_delta_defined_with_def_over_equals():
    """page_delta reads the same marks: δ_i \\overset{\\text{def}}{=} 2 ∂L/∂y_i binds δ as twice the
    gradient, so ∂L/∂b_i = ½ δ_i holds and ∂L/∂b_i = δ_i is refuted (torch: y = W x + b,
    L = sum(r y^2))."""
    torch.manual_seed(0)
    W, x, b = torch.randn(2, 3, requires_grad=True), torch.randn(3), torch.randn(2, requires_grad=True)
    y = W @ x + b
    y.retain_grad()
    (torch.randn(2) * y ** 2).sum().backward()
    assert torch.allclose(b.grad, 0.5 * (2 * y.grad)) and not torch.allclose(b.grad, 2 * y.grad)
    half, whole = r"\frac{\partial L}{\partial b_i} = \frac{1}{2} \delta_i", r"\frac{\partial L}{\partial b_i} = \delta_i"
    text = ("<!-- symbp: layer=linear in=3 out=2 -->\n\n$$ y = W x + b $$\n\n"
            r"$$ \delta_i \overset{\text{def}}{=} 2 \frac{\partial L}{\partial y_i} $$" + f"\n\n$$ {half} $$\n\n$$ {whole} $$\n")
    got = {c.latex.strip(): c.verdict for c in check_text(text, "md", time_limit=20).claims}
    assert (got[half], got[whole]) == ("holds", "refuted"), got
