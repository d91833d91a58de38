"""A page that defines δ as a multiple of the loss gradient (rt5 R6): read under the page's δ, or unchecked.

Truth from torch: a linear layer y = W x + b under a random loss L = sum(r * y^2); the page's δ is
c * dL/dy; each claim "dL/db = k δ" / "dL/dW_ij = k δ_i x_j" is true iff torch's gradients agree.
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

HEAD = "<!-- symbp: layer=linear in=3 out=2 -->\n\n$$ y = W x + b $$\n\n"


def _torch_truth(c: float, k: float, which: str) -> bool:
    """Whether dL/d(which) equals k times the page's δ = c dL/dy (times x for W), by autograd."""
    torch.manual_seed(0)
    W, x, b = (torch.randn(2, 3, requires_grad=True), torch.randn(3), torch.randn(2, requires_grad=True))
    r = torch.randn(2)
    y = W @ x + b
    y.retain_grad()
    (r * y ** 2).sum().backward()
    delta = c * y.grad
    want = k * delta if which == "b" else k * torch.outer(delta, x)
    got = b.grad if which == "b" else W.grad
    return bool(torch.allclose(got, want))


def _verdicts(text: str) -> list:
    return [(c.latex.strip(), c.verdict) for c in check_text(text, "md", time_limit=20).claims]


CLAIM_B = {1: r"\frac{\partial L}{\partial b_i} = \delta_i", 0.5: r"\frac{\partial L}{\partial b_i} = \frac{1}{2} \delta_i",
           -1: r"\frac{\partial L}{\partial b_i} = -\delta_i"}
CLAIM_W = {1: r"\frac{\partial L}{\partial W_{ij}} = \delta_i x_j",
           0.5: r"\frac{\partial L}{\partial W_{ij}} = \frac{1}{2} \delta_i x_j"}


@pytest.mark.parametrize("definition,c", [
    (r"$$ \delta_i := 2 \frac{\partial L}{\partial y_i} $$", 2.0),
    (r"$$ \delta_i \triangleq 2 \frac{\partial L}{\partial y_i} $$", 2.0),
    (r"Let $\delta_i$ denote $2 \frac{\partial L}{\partial y_i}$ from here on.", 2.0),
    (r"We define $\delta_i = 2 \frac{\partial L}{\partial y_i}$ for brevity.", 2.0),
])
def test_defined_delta_is_bound(definition, c):
    """Twice the gradient: ∂L/∂b = δ is false and ½δ true (torch), and symbp says so."""
    claims = [CLAIM_B[1], CLAIM_B[0.5], CLAIM_W[1], CLAIM_W[0.5]]
    text = HEAD + definition + "\n\n" + "\n\n".join(f"$$ {x} $$" for x in claims) + "\n"
    got = dict(_verdicts(text))
    for claim, (k, which) in zip(claims, [(1, "b"), (0.5, "b"), (1, "W"), (0.5, "W")]):
        want = "holds" if _torch_truth(c, k, which) else "refuted"
        assert got[claim] == want, (claim, got)


def test_negative_delta_in_prose():
    """δ = -∂L/∂y (a common sign convention): ∂L/∂b = -δ holds, ∂L/∂b = δ is refuted."""
    text = HEAD + r"Define $\delta_i := -\frac{\partial L}{\partial y_i}$." + "\n\n" + \
        f"$$ {CLAIM_B[-1]} $$\n\n$$ {CLAIM_B[1]} $$\n"
    got = dict(_verdicts(text))
    assert got[CLAIM_B[-1]] == ("holds" if _torch_truth(-1.0, -1, "b") else "refuted")
    assert got[CLAIM_B[1]] == ("holds" if _torch_truth(-1.0, 1, "b") else "refuted")


def test_arrow_premise_leaves_uses_unchecked():
    """``δ = 2 ∂L/∂y ⇒ ∂L/∂b = δ``: a claim or a definition? Neither side is decided under the built-in δ."""
    assert not _torch_truth(2.0, 1, "b")          # under the page's δ the conclusion is false
    text = HEAD + r"$$ \delta = 2 \frac{\partial L}{\partial y} \Rightarrow \frac{\partial L}{\partial b} = \delta $$" + \
        "\n\n" + f"$$ {CLAIM_W[1]} $$\n"
    got = _verdicts(text)
    assert [v for latex, v in got if r"\delta" in latex] == ["unchecked"] * 3, got


def test_words_leave_uses_unchecked():
    """"Let δ_i denote twice the gradient": not read as numbers, so δ's claims are unchecked."""
    assert not _torch_truth(2.0, 1, "b")
    text = HEAD + r"Let $\delta_i$ denote twice the gradient at the output." + "\n\n" + f"$$ {CLAIM_B[1]} $$\n"
    assert dict(_verdicts(text))[CLAIM_B[1]] == "unchecked"



# a δ the page sets to ANOTHER gradient (the input's), written with a plain "=": symbp refutes that row
# under its own δ (∂L/∂output), so the section's later δ claims are not read under the built-in meaning
INPUT_DELTA = r"""<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: x=input w=kernel b=bias y=output L=loss -->

$$ y_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n} + b $$

$$ \delta_{i,j} = \frac{\partial L}{\partial x_{i,j}} $$

$$ \frac{\partial L}{\partial b} = \sum_i \sum_j \delta_{i,j} $$
"""


def test_a_delta_set_to_the_input_gradient_is_not_the_built_in_delta():
    torch.manual_seed(1)
    x, w = torch.randn(1, 1, 4, 4, requires_grad=True), torch.randn(1, 1, 2, 2)
    b = torch.zeros(1, requires_grad=True)
    r = torch.randn(1, 1, 3, 3)
    (r * torch.nn.functional.conv2d(x, w, b)).sum().backward()
    assert not torch.isclose(b.grad.sum(), x.grad.sum())          # Σ ∂L/∂x is not ∂L/∂b: the claim is false
    assert torch.isclose(b.grad.sum(), r.sum())                    # Σ ∂L/∂y is (the built-in δ's sum)
    verdicts = _verdicts(INPUT_DELTA)
    assert verdicts[-1][1] == "unchecked" and verdicts[1][1] == "refuted"
    without = _verdicts(INPUT_DELTA.replace("$$ \\delta_{i,j} = \\frac{\\partial L}{\\partial x_{i,j}} $$\n\n", ""))
    assert without[-1][1] == "holds"                               # the built-in δ where the page sets none


CHAIN_DELTA = r"""# Dense layer

$$ z = W a + b $$

$${delta} = {first} = W^T \frac{{\partial L}}{{\partial z}}$$

$$ \frac{{\partial L}}{{\partial W}} = \delta a^T $$
"""


@pytest.mark.parametrize("first", [r"\frac{\partial L}{\partial a}", r"\frac{dL}{da}"])
def test_a_delta_named_in_passing_as_the_input_gradient_binds_the_later_rows(first):
    # held-out 26's notes: δ^k = dL/da^{k-1} = … opens a chain; a later δ a^T is then false
    torch.manual_seed(2)
    W, a, b = torch.randn(3, 4, requires_grad=True), torch.randn(4, requires_grad=True), torch.randn(3)
    (torch.randn(3) * (W @ a + b) ** 2).sum().backward()
    page_delta = a.grad                                            # the page's δ: dL/da, 4 entries
    assert torch.outer(page_delta, a).shape != W.grad.shape        # δ a^T is 4x4, ∂L/∂W is 3x4: false
    verdicts = _verdicts(CHAIN_DELTA.format(delta=r"\delta", first=first))
    assert verdicts[-1][1] != "holds", verdicts


def test_a_delta_named_as_an_activations_gradient_binds_the_later_rows():
    # round 32's red team (e07): δ = ∂L/∂a = W_2^T(…) with a = σ(z); ∂L/∂b = δ is false (it is δ ⊙ σ'(z))
    torch.manual_seed(3)
    W, W2 = torch.randn(3, 4), torch.randn(2, 3)
    x, b = torch.randn(4), torch.randn(3, requires_grad=True)
    a = torch.sigmoid(W @ x + b)
    a.retain_grad()
    (torch.randn(2) * torch.sigmoid(W2 @ a)).sum().backward()
    assert not torch.allclose(b.grad, a.grad)                      # ∂L/∂b is not the page's δ
    page = (r"# Two layers" "\n\n" r"$\mathbf{z} = W\mathbf{x} + \mathbf{b}$, $\mathbf{a} = \sigma(\mathbf{z})$, "
            r"$\mathbf{z}_2 = W_2 \mathbf{a} + \mathbf{b}_2$, loss $L$." "\n\n"
            r"$$\delta = \frac{\partial L}{\partial \mathbf{a}} = W_2^T \left(\frac{\partial L}{\partial \mathbf{z}_2}\right)$$"
            "\n\n" r"$$\frac{\partial L}{\partial \mathbf{b}} = \delta$$" "\n")
    assert _verdicts(page)[-1][1] != "holds"
