r"""``\bullet`` and ``\bigodot`` as the entrywise product (UFLDL writes
``\delta^{(l)} = ((W^{(l)})^T \delta^{(l+1)}) \bullet f'(z^{(l)})``), forwards shown as definitions,
and the reason a claim is unchecked when no layer is set up.

Truth: torch autograd of a fully connected layer after a sigmoid, J = Σ δ z (so ∂J/∂z = δ).
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

SETUP = "<!-- symbp: layer=fc in=3 out=2 -->\n"


def _torch_claim_holds(transpose: bool) -> bool:
    """Does δ^{l-1} = (W^T δ) ⊙ σ'(z^{l-1}) (or with W for W^T) agree with autograd?"""
    g = torch.Generator().manual_seed(0)
    zprev = torch.randn(3, dtype=torch.float64, generator=g, requires_grad=True)
    W = torch.randn(2, 3, dtype=torch.float64, generator=g)
    b = torch.randn(2, dtype=torch.float64, generator=g)
    delta = torch.randn(2, dtype=torch.float64, generator=g)
    z = W @ torch.sigmoid(zprev) + b
    (z * delta).sum().backward()
    s = torch.sigmoid(zprev.detach())
    try:
        claimed = ((W.T if transpose else W) @ delta) * s * (1 - s)
    except RuntimeError:                    # shapes that do not multiply: the claim is false
        return False
    return bool(torch.allclose(claimed, zprev.grad))


@pytest.mark.parametrize("product", [r"\bullet", r"\bigodot", r"\odot"])
@pytest.mark.parametrize("transpose", [True, False])
def test_entrywise_product_spellings_agree_with_autograd(product, transpose):
    weight = "W^T" if transpose else "W"
    text = SETUP + f"$$ \\delta^{{l-1}} = ({weight} \\delta) {product} \\sigma'(z^{{l-1}}) $$\n"
    verdict = check_text(text, "md").claims[0].verdict
    assert verdict == ("holds" if _torch_claim_holds(transpose) else "refuted")


def test_a_forward_the_names_reader_binds_is_a_definition_not_unchecked():
    text = ("$$ z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)} $$\n\n$$ a^{(l+1)} = f(z^{(l+1)}) $$\n\n"
            "$$ \\nabla_{b^{(l)}} J = \\delta^{(l+1)} $$\n")
    claims = check_text(text, "md").claims
    assert [c.verdict for c in claims] == ["definition", "definition", "holds"]
    assert "W the kernel" in claims[0].detail and "entrywise" in claims[1].detail


def test_with_no_layer_the_names_readers_reason_comes_first_on_one_line():
    text = "$$ z = W a + b $$\n\n$$ \\delta^{l-1} = (W^T \\delta) \\star \\sigma'(z^{l-1}) $$\n"
    claim = check_text(text, "md").claims[1]
    assert claim.verdict == "unchecked"
    assert not claim.detail.startswith("no layer setup") and "\n" not in claim.detail


def test_a_sympy_error_inside_a_claim_is_reported_on_one_line():
    text = SETUP + "$$ \\frac{\\partial J}{\\partial z} = \\delta \\odot \\sigma'(z) $$\n"
    claim = check_text(text, "md").claims[0]
    # README's δ is ∂J/∂z, so δ ⊙ σ'(z) ≠ ∂J/∂z (σ' of a sigmoid is never 1): the index reader,
    # reading layer=fc's own letters, may refute it; never holds, always one line
    assert claim.verdict in ("unchecked", "refuted") and "\n" not in claim.detail


def _loop_dx(x_shape=(4, 4), k=2, seed=1):
    """∂L/∂x of y_{ij} = Σ_{mn} w_{mn} x_{i+m,j+n} with L = Σ δ y, by plain loops, and the
    claim Σ_{mn} pad_1(δ)_{i+m,j+n} w_{mn} (no rotation) by loops: are they equal?"""
    import numpy as np
    rng = np.random.default_rng(seed)
    w, delta = rng.integers(-3, 4, (k, k)), rng.integers(-3, 4, (x_shape[0] - k + 1, x_shape[1] - k + 1))
    dx = np.zeros(x_shape, dtype=int)
    for i in range(delta.shape[0]):
        for j in range(delta.shape[1]):
            dx[i:i + k, j:j + k] += delta[i, j] * w
    padded = np.pad(delta, k - 1)
    claim = np.array([[sum(padded[i + m, j + n] * w[m, n] for m in range(k) for n in range(k))
                       for j in range(x_shape[1])] for i in range(x_shape[0])])
    return bool((dx == claim).all())


@pytest.mark.parametrize("spelling", [r"\mathrm{pad}", r"\operatorname{pad}", r"\text{pad}"])
def test_pad_written_with_mathrm_or_operatorname_is_the_operator(spelling):
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: x=input w=kernel y=output L=loss -->\n"
            "$$ y_{ij} = \\sum_{m}\\sum_{n} w_{mn} x_{i+m,j+n} $$\n\n"
            f"$$ \\frac{{\\partial L}}{{\\partial x_{{ij}}}} = \\sum_{{m}}\\sum_{{n}} {spelling}_{{1}}(\\delta)_{{i+m,j+n}} w_{{mn}} $$\n")
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == ("holds" if _loop_dx() else "refuted")


def test_bullet_in_an_index_claim_is_the_entrywise_product():
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: x=input w=kernel y=output L=loss -->\n"
            "$$ y_{ij} = \\sum_{m}\\sum_{n} w_{mn} x_{i+m,j+n} $$\n\n"
            "$$ \\frac{\\partial L}{\\partial x_{ij}} = \\sum_{m}\\sum_{n} \\delta_{i-m,j-n} \\bullet w_{mn} $$\n")
    import numpy as np
    rng = np.random.default_rng(2)
    w, delta = rng.integers(-3, 4, (2, 2)), rng.integers(-3, 4, (3, 3))
    dx = np.zeros((4, 4), dtype=int)
    for i in range(3):
        for j in range(3):
            dx[i:i + 2, j:j + 2] += delta[i, j] * w
    claim = np.array([[sum(delta[i - m, j - n] * w[m, n] for m in range(2) for n in range(2)
                           if 0 <= i - m < 3 and 0 <= j - n < 3) for j in range(4)] for i in range(4)])
    expected = "holds" if (dx == claim).all() else "refuted"
    assert check_text(text, "md").claims[-1].verdict == expected


def test_a_claim_both_readers_leave_unchecked_gives_both_reasons():
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: x=input w=kernel y=output L=loss -->\n"
            "$$ y_{i,j} = \\sum_{m}\\sum_{n} w_{m,n} x_{i+m,j+n} $$\n\n"
            "$$ \\frac{\\partial L}{\\partial x_{i',j'}} = \\sum_{i}\\sum_{j} \\delta_{i,j} v_{i'-i,j'-j} $$\n")
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "unchecked" and "\n" not in claim.detail
    core, _, names = claim.detail.partition("; in the document's own names: ")
    assert core and "v" in names, claim.detail
