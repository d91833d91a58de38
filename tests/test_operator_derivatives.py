"""Derivatives written as operators, and align rows typed with no environment (issue 12, t21d).

``\\partial_{W_{ij}} \\mathcal L`` (a brace-less ``\\mathcal L`` too), a chain rule written
``\\partial_{z_k}\\mathcal L \\, \\partial_{W_{ij}} z_k``, ``\\frac{d L}{d W}``, and a ``$$`` display whose rows are
``&=`` / ``\\\\`` with no ``aligned`` around them (Sphinx's ``.. math::``): each row is its own claim.

Truth from torch autograd: z = W a + b (W 2x3), L = sum(r * z^2) for a random r, δ = dL/dz; each
claim's right side is computed with torch from the same tensors and compared with the gradient.
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

HEAD = "<!-- symbp: layer=fc in=3 out=2 -->\n\n$$ z = W a + b $$\n\n"


def _torch():
    torch.manual_seed(3)
    W, a, b = torch.randn(2, 3, requires_grad=True), torch.randn(3, requires_grad=True), torch.randn(2, requires_grad=True)
    z = W @ a + b
    z.retain_grad()
    (torch.randn(2) * z ** 2).sum().backward()
    return {"W": W.detach(), "a": a.detach(), "d": z.grad, "dW": W.grad, "db": b.grad, "da": a.grad}


def _true(left: str, right) -> bool:
    t = _torch()
    try:
        value = right(t)
    except IndexError:                    # an entry the tensor does not have: no such claim
        return False
    return value.shape == t[left].shape and bool(torch.allclose(value, t[left], atol=1e-6))


CASES = [   # (claim as reported, the gradient, its right side by torch)
    (r"\partial_{W_{ij}} \mathcal L = \delta_i a_j", "dW", lambda t: torch.outer(t["d"], t["a"])),
    (r"\partial_{W_{ij}} \mathcal L = \delta_j a_i", "dW",
     lambda t: torch.stack([torch.stack([t["d"][j] * t["a"][i] for j in range(3)]) for i in range(2)])),
    (r"\partial_{b_i} \mathcal L = \delta_i", "db", lambda t: t["d"]),
    (r"\partial_{b_i} \mathcal L = 2 \delta_i", "db", lambda t: 2 * t["d"]),
    (r"\partial_{a_j} \mathcal{L} = \sum_i W_{ij} \delta_i", "da", lambda t: t["W"].T @ t["d"]),
    (r"\partial_{a_j} \mathcal{L} = \sum_i W_{ji} \delta_i", "da",
     lambda t: torch.stack([sum(t["W"][j, i] * t["d"][i] for i in range(2)) for j in range(3)])),
    (r"{\partial L}/{\partial b_i} = \delta_i", "db", lambda t: t["d"]),
    (r"{\partial L}/{\partial b_i} = 2 \delta_i", "db", lambda t: 2 * t["d"]),
    (r"\frac{d L}{d W} = \delta a^T", "dW", lambda t: torch.outer(t["d"], t["a"])),
    (r"\frac{d L}{d W} = 2 \delta a^T", "dW", lambda t: 2 * torch.outer(t["d"], t["a"])),
]


def _verdicts(text: str) -> dict:
    return {c.latex.strip(): c.verdict for c in check_text(text, "md", time_limit=20).claims}


@pytest.mark.parametrize("claim,left,right", CASES)
def test_operator_derivative(claim, left, right):
    got = _verdicts(HEAD + f"$$ {claim} $$\n")[claim]
    assert got == ("holds" if _true(left, right) else "refuted"), (claim, got)


def test_chain_rule_of_operators_in_bare_rows():
    """``$$ a &= b \\\\ &= c $$`` with no environment: two rows, ``&`` dropped, each checked; the
    chain rule ∂_{z_k}L ∂_{W_ij} z_k read as (∂L/∂z_k)(∂z_k/∂W_ij)."""
    true = (r"\partial_{W_{ij}} \mathcal L &= \sum_k \partial_{z_k}\mathcal L \, \partial_{W_{ij}} z_k \\" + "\n"
            r"&= \delta_i a_j")
    false = r"\partial_{W_{ij}} \mathcal L &= \sum_k \partial_{z_k}\mathcal L \, \partial_{W_{ij}} z_k \\" + "\n&= 2 \\delta_i a_j"
    assert _true("dW", lambda t: torch.outer(t["d"], t["a"])) and not _true("dW", lambda t: 2 * torch.outer(t["d"], t["a"]))
    got = _verdicts(HEAD + f"$$\n{true}\n$$\n")
    assert got == {"z = W a + b": "holds",
                   r"\partial_{W_{ij}} \mathcal L = \sum_k \partial_{z_k}\mathcal L \, \partial_{W_{ij}} z_k": "holds",
                   r"= \delta_i a_j": "holds"}, got
    got = _verdicts(HEAD + f"$$\n{false}\n$$\n")
    assert got[r"= 2 \delta_i a_j"] == "refuted", got


def test_matrix_ampersands_are_not_rows():
    """``&`` inside a matrix environment is no row mark: the display stays one claim."""
    text = HEAD + "$$ \\frac{\\partial L}{\\partial b} = \\begin{bmatrix} 1 & 2 \\end{bmatrix} $$\n"
    claims = check_text(text, "md").claims
    assert [c.latex for c in claims][1] == r"\frac{\partial L}{\partial b} = \begin{bmatrix} 1 & 2 \end{bmatrix}"
    from symbp.check.display_rows import equation_rows      # a stray \{ in a matrix: still one display
    stray = r"\frac{\partial E}{\partial W} = \begin{bmatrix} \{x_{1}} & x_{2} \\ x_{3} & x_{4} \end{bmatrix}"
    assert [r[1] for r in equation_rows(1, "displaymath", stray)] == [stray]


def test_operand_not_a_loss_is_not_chained():
    """∂_x f ∂_y g: f is no loss, so the first operator is not read as ∂f/∂x times the next factor."""
    from symbp.check.display_forms import plain_display
    assert plain_display(r"\partial_x f \partial_y g").startswith(r"\partial_x f")
    assert plain_display(r"\partial_{x} L \partial_y x = 1") == r"\frac{\partial L}{\partial x} \frac{\partial x}{\partial y} = 1"


def test_report_shows_the_row_as_written():
    """The report keeps a claim's full stop and \\tag as written; the readers check it without them
    (a true claim holds, a planted false one is refuted, whatever the punctuation)."""
    assert _true("db", lambda t: t["d"]) and not _true("db", lambda t: 2 * t["d"])
    text = HEAD + "$$ \\partial_{b_i} \\mathcal L = \\delta_i. $$\n\n" + \
        "$$\n\\begin{aligned}\n\\partial_{b_i} \\mathcal L &= 2 \\delta_i, \\tag{4} \\\\\n&= \\delta_i.\n\\end{aligned}\n$$\n"
    got = [(c.latex, c.verdict) for c in check_text(text, "md").claims[1:]]
    assert got == [(r"\partial_{b_i} \mathcal L = \delta_i.", "holds"),
                   (r"\partial_{b_i} \mathcal L = 2 \delta_i, \tag{4}", "refuted"),
                   (r"= \delta_i.", "holds")], got          # the row continues ∂L/∂b_i: = δ_i is true
