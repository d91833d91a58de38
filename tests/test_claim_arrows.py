"""Claims joined by arrows and implications, and `=` with an annotation over it (issue 12 item 4).

Authors continue a derivation with ``\\Rightarrow`` / ``\\implies`` / ``⇒`` / ``\\therefore`` at a
row's start, put two results in one row around an arrow, and annotate an equals sign with its
reason (``\\overset{\\text{chain rule}}{=}``, ``\\stackrel{(a)}{=}``).  Each claim an arrow joins is
checked on its own.  Truth: torch autograd of a linear layer, compared with each stated form.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.equation_rows import claim_relations, split_arrows

HEAD = "<!-- symbp: layer=linear in=3 out=2 -->\n$$y = W x + b$$\n\n"

# stated right sides: (LaTeX, the form as numpy of W, x, delta), None where the shapes do not fit
FORMS = {
    r"\frac{\partial L}{\partial W}": [(r"\delta x^T", lambda W, x, d: np.outer(d, x)),
                                       (r"2 \delta x^T", lambda W, x, d: 2 * np.outer(d, x)),
                                       (r"x \delta^T", lambda W, x, d: None)],
    r"\frac{\partial L}{\partial b}": [(r"\delta", lambda W, x, d: d), (r"2\delta", lambda W, x, d: 2 * d)],
    r"\frac{\partial L}{\partial x}": [(r"W^T \delta", lambda W, x, d: W.T @ d),
                                       (r"W^T \delta + x", lambda W, x, d: W.T @ d + x)],
}
ARROWS = [r"\Rightarrow", r"\implies", r"\quad\Rightarrow\quad", r"\Longrightarrow", "⇒", r"\iff",
          r"\xrightarrow{\text{hence}}", r"\;\to\;", "→"]
EQUALS = [r"\overset{\text{chain rule}}{=}", r"\stackrel{(a)}{=}", r"\underset{\text{by (3)}}{=}", r"=\!\!="]


def _truth() -> dict[tuple[str, str], bool]:
    """Whether each stated form equals torch's gradient of L = <g, Wx + b>."""
    gen = torch.Generator().manual_seed(3)
    W, x, b, g = (torch.randn(*s, generator=gen, dtype=torch.float64, requires_grad=True)
                  for s in ((2, 3), (3,), (2,), (2,)))
    (g * (W @ x + b)).sum().backward()
    grads = {r"\frac{\partial L}{\partial W}": W.grad, r"\frac{\partial L}{\partial b}": b.grad,
             r"\frac{\partial L}{\partial x}": x.grad}
    truth = {}
    for lhs, forms in FORMS.items():
        for rhs, form in forms:
            value = form(W.detach().numpy(), x.detach().numpy(), g.detach().numpy())
            truth[lhs, rhs] = value is not None and value.shape == tuple(grads[lhs].shape) and \
                np.allclose(value, grads[lhs].numpy())
    return truth


TRUTH = _truth()
CLAIMS = [(lhs, rhs) for lhs, forms in FORMS.items() for rhs, _ in forms]


def _verdicts(display: str) -> list[str]:
    report = check_text(HEAD + f"$${display}$$\n", "md")
    return [c.verdict for c in report.claims[1:]]


@pytest.mark.parametrize("k", range(len(ARROWS)))
def test_two_claims_joined_by_an_arrow_each_checked_alone(k):
    first, second = CLAIMS[k % len(CLAIMS)], CLAIMS[(3 * k + 2) % len(CLAIMS)]
    display = f"{first[0]} = {first[1]} {ARROWS[k]} {second[0]} = {second[1]}"
    want = ["holds" if TRUTH[c] else "refuted" for c in (first, second)]
    assert _verdicts(display) == want, display


@pytest.mark.parametrize("arrow", [r"\Rightarrow", r"\therefore", "∴", r"\implies", r"\quad \Longrightarrow"])
def test_a_row_that_starts_with_an_arrow_is_its_own_claim(arrow):
    for lhs, rhs in CLAIMS[:4]:
        got = _verdicts(f"{arrow} {lhs} = {rhs}")
        assert got == ["holds" if TRUTH[lhs, rhs] else "refuted"], (arrow, rhs)


@pytest.mark.parametrize("equals", EQUALS)
def test_an_annotated_equals_is_an_equals(equals):
    for lhs, rhs in CLAIMS:
        got = _verdicts(rf"{lhs} {equals} \frac{{\partial L}}{{\partial y}} \frac{{\partial y}}{{\partial W}} = {rhs}"
                        if "W" in lhs else f"{lhs} {equals} {rhs}")
        assert got == ["holds" if TRUTH[lhs, rhs] else "refuted"], (equals, rhs)


def test_what_is_not_an_arrow_between_claims_stays_whole():
    assert split_arrows(r"f: \mathbb{R}^3 \to \mathbb{R}^2, \quad y = f(x)") == [
        r"f: \mathbb{R}^3 \to \mathbb{R}^2, \quad y = f(x)"]
    assert split_arrows(r"a = \lim_{h \to 0} d \Rightarrow c") == [r"a = \lim_{h \to 0} d \Rightarrow c"]
    assert split_arrows(r"R_{i,j} = →b + ⇶I_{i,j} ⇉K") == [r"R_{i,j} = →b + ⇶I_{i,j} ⇉K"]  # glyphs on names
    assert claim_relations(r"→b = c") == r"→b = c"
    # a demand or a question over `=` is no claim that it holds
    assert _verdicts(r"\frac{\partial L}{\partial W} \overset{!}{=} 0") != ["holds"]
    assert _verdicts(r"\frac{\partial L}{\partial b} \overset{?}{=} 2\delta")[0] not in ("holds", "refuted")
    assert _verdicts(r"x \Rightarrow y") == ["unchecked"]


def test_an_index_condition_beside_an_arrow_is_not_a_claim_of_its_own():
    # `∂z_i/∂z_j = 1 \iff i = j` states when; the part alone would be refuted
    for row in (r"\frac{\partial y_i}{\partial y_j} = 1 \iff i = j", r"i = j \Rightarrow \frac{\partial y_i}{\partial y_j} = 1",
                r"p = i + m, q = j + n \implies \frac{\partial y_{i,j}}{\partial x_{p,q}} = w_{m,n}"):
        assert split_arrows(row) == [row]
    # a derivative set to zero and solved: a premise, not a claim that it is zero
    row = r"\frac{\partial L}{\partial W} = 0 \Rightarrow W = (X^T X)^{-1} X^T y"
    assert split_arrows(row) == [row]
    # … and never read as the chain ∂L/∂W = (0 ⇒ W) = 2x^T, whose last side would refute it
    assert _verdicts(r"\frac{\partial L}{\partial W} = 0 \Rightarrow W = 2 x^T") == ["unchecked"]
    # a reason given beside a step is no claim that continues the derivation
    assert split_arrows(r"= \sum_n a_n w_n \because y = W x + b") == [r"= \sum_n a_n w_n \because y = W x + b"]
