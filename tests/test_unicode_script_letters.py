"""Formulas typed in Unicode with letters as superscripts, and a directive that names them so (round 40).

A French note writes its layer labels with the modifier letters ``a⁽ᵏ⁻¹⁾``, ``δ⁽ᴷ⁾``, ``(w⁽ᵏ⁺¹⁾)ᵀ``; only
``ˡ ⁿ ⁱ`` were script letters, so ``⁽ᵏ⁾`` came out as ``^{(}ᵏ^{)}`` and every row was malformed.  Its
directive names the letters the same way (``names: a⁽ᵏ⁻¹⁾=input``), which must name what the display's
``a⁽ᵏ⁻¹⁾`` reads as.  ``ᵀ`` stays the transpose, never a superscript letter T of a run.

Truth: torch autograd (float64) on a two-layer tanh network with a non-linear loss, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.plain_math import plain_latex
from symbp.check.plain_scripts import script_latex, unicode_names

torch.set_default_dtype(torch.float64)

DIRECTIVE = ("<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a⁽ᵏ⁻¹⁾=input w⁽ᵏ⁾=kernel b⁽ᵏ⁾=bias "
             "z⁽ᵏ⁾=output a⁽ᵏ⁾=activation L=loss -->")


def _network(seed: int):
    """Layer k (3 -> 2) and layer k+1 (2 -> 2), tanh, L = Σ a³ + Σ a: every gradient the claims name."""
    torch.manual_seed(seed)
    a0 = torch.randn(3, 1)
    w1, b1 = torch.randn(2, 3, requires_grad=True), torch.randn(2, 1, requires_grad=True)
    w2, b2 = torch.randn(2, 2, requires_grad=True), torch.randn(2, 1, requires_grad=True)
    z1 = (w1 @ a0 + b1)
    z1.retain_grad()
    a1 = torch.tanh(z1)
    a1.retain_grad()
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.tanh(z2)
    a2.retain_grad()
    ((a2 ** 3).sum() + a2.sum()).backward()
    fprime = lambda z: 1 - torch.tanh(z.detach()) ** 2          # noqa: E731
    return dict(a0=a0, w1=w1, b1=b1, w2=w2, z1=z1, z2=z2, a1=a1, a2=a2, fp1=fprime(z1), fp2=fprime(z2))


# (the claim as typed, its truth as a test of the network: left side == right side)
CLAIMS = {
    "delta_out": ("δ⁽ᴷ⁾ = ∂L/∂a⁽ᴷ⁾ ⊙ f'(z⁽ᴷ⁾)", lambda n: (n["z2"].grad, n["a2"].grad * n["fp2"])),
    "delta_out_no_prime": ("δ⁽ᴷ⁾ = ∂L/∂a⁽ᴷ⁾ ⊙ f(z⁽ᴷ⁾)",
                           lambda n: (n["z2"].grad, n["a2"].grad * torch.tanh(n["z2"].detach()))),
    "delta_hidden": ("δ⁽ᵏ⁾ = ((w⁽ᵏ⁺¹⁾)ᵀ · δ⁽ᵏ⁺¹⁾) ⊙ f'(z⁽ᵏ⁾)",
                     lambda n: (n["z1"].grad, (n["w2"].detach().T @ n["z2"].grad) * n["fp1"])),
    "bias": ("∂L / ∂b⁽ᵏ⁾ = δ⁽ᵏ⁾", lambda n: (n["b1"].grad, n["z1"].grad)),
    "weight": ("∂L / ∂w⁽ᵏ⁾ = δ⁽ᵏ⁾ · (a⁽ᵏ⁻¹⁾)ᵀ", lambda n: (n["w1"].grad, n["z1"].grad @ n["a0"].T)),
    "weight_own_activation": ("∂L / ∂w⁽ᵏ⁾ = δ⁽ᵏ⁾ · (a⁽ᵏ⁾)ᵀ", lambda n: (n["w1"].grad, n["z1"].grad @ n["a1"].detach().T)),
}


def _true(claim: str) -> bool:
    for seed in range(3):
        left, right = CLAIMS[claim][1](_network(seed))
        if left.shape != right.shape or not torch.allclose(left, right):
            return False
    return True


def _page(row: str) -> str:
    return ("# Rétropropagation\n\nLe réseau : z⁽ᵏ⁾ = w⁽ᵏ⁾ · a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾ et a⁽ᵏ⁾ = f(z⁽ᵏ⁾).\n\n"
            f"{DIRECTIVE}\n### Les équations\n\n$$\n{row}\n$$\n")


@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_a_unicode_page_named_in_its_own_letters(claim):
    verdict = check_text(_page(CLAIMS[claim][0]), "md").claims[-1]
    if _true(claim):
        assert verdict.verdict == "holds", verdict.detail
    else:
        assert verdict.verdict != "holds", verdict.detail


def test_a_wrong_weight_gradient_is_refuted_with_its_shape():
    verdict = check_text(_page(CLAIMS["weight_own_activation"][0]), "md").claims[-1]
    assert verdict.verdict == "refuted" and "shape (2, 2)" in verdict.detail, verdict.detail


def test_the_truth_tells_the_claims_apart():
    assert _true("delta_hidden") and _true("weight") and _true("delta_out")
    assert not _true("weight_own_activation") and not _true("delta_out_no_prime")


@pytest.mark.parametrize("typed, latex", [
    ("a⁽ᵏ⁻¹⁾", "a^{(k-1)}"), ("δ⁽ᴷ⁾", "δ^{(K)}"), ("W⁽ᴸ⁾", "W^{(L)}"), ("xᵢʲ", "x_{i}^{j}"), ("hᵗ", "h^{t}"),
])
def test_modifier_letters_are_script_letters(typed, latex):
    assert script_latex(typed) == latex


def test_the_transpose_sign_is_not_a_script_letter():
    assert plain_latex("(w⁽ᵏ⁺¹⁾)ᵀ") == "(w^{(k+1)})^T"
    assert script_latex("Wᵀ") == "Wᵀ"


def test_directive_names_read_as_the_display_reads_them():
    assert unicode_names("a⁽ᵏ⁻¹⁾=input δ⁽ᵏ⁾=delta X=input") == r"a^{(k-1)}=input \delta^{(k)}=delta X=input"
    assert unicode_names("X=input K=kernel") == "X=input K=kernel"


def test_the_same_page_with_latex_labels_holds_alike():
    """The page of the first test with its labels typed as LaTeX scripts, the directive included."""
    page = _page("∂L / ∂b⁽ᵏ⁾ = δ⁽ᵏ⁾").replace("⁽ᵏ⁾", "^{(k)}").replace("⁽ᵏ⁻¹⁾", "^{(k-1)}")
    assert check_text(page, "md").claims[-1].verdict == "holds"
