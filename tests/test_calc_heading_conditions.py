"""Conditions a heading or the sentence before a display states, as the scalar-layer reader reads
them: "If $i = j$" restricts the claim; "Except when $i = j$", "Unless $i \\neq j$", 除非 turn it
round; words it does not read ("If $i = j$ fails", "When $i$ and $j$ differ", "Case $i = j + 1$")
leave the claim unchecked, never held on the positive reading.  The same row written under two
headings takes the heading it is under.  Truth: torch's softmax Jacobian (never symbp)."""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

FORMS = {"p_i (1 - p_j)": lambda p, i, j: p[i] * (1 - p[j]), "-p_i p_j": lambda p, i, j: -p[i] * p[j]}


def truth(form: str, keep) -> str:
    """Whether FORMS[form] equals ∂p_i/∂z_j at every (i, j) that keep(i, j) keeps (torch)."""
    z = torch.randn(3, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
    p = torch.softmax(z, 0)
    ok = all(abs(float(jac[i, j]) - float(FORMS[form](p, i, j))) < 1e-12
             for i in range(3) for j in range(3) if keep(i, j))
    return "holds" if ok else "refuted"


def doc(heading: str, form: str) -> str:
    return ("# Softmax\n\n<!-- symbp: layer=softmax classes=3 -->\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{k} e^{z_k}}$$\n\n"
            f"### {heading}\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = {form}$$\n")


def verdict(text: str):
    claims = [c for c in check_text(text, "md", time_limit=10).claims if "partial" in c.latex]
    return claims[-1].verdict, claims[-1].detail


EQ, NE = (lambda i, j: i == j), (lambda i, j: i != j)
CASES = [("If $i = j$", EQ), ("Except when $i = j$", NE), ("Unless $i \\neq j$", EQ), ("除非 $i = j$", NE),
         ("Si $i \\neq j$", NE)]


@pytest.mark.parametrize("heading,keep", CASES)
@pytest.mark.parametrize("form", list(FORMS))
def test_read_conditions_never_hold_a_false_claim(heading, keep, form):
    want = truth(form, keep)
    got, detail = verdict(doc(heading, form))
    assert got in (want, "unchecked"), (heading, form, want, got, detail)
    if want == "refuted":
        assert got != "holds"


@pytest.mark.parametrize("heading", ["If $i = j$ fails", "When $i$ and $j$ differ", "Case $i = j + 1$"])
@pytest.mark.parametrize("form", list(FORMS))
def test_unread_conditions_are_unchecked_or_refuted_never_held(heading, form):
    got, detail = verdict(doc(heading, form))
    assert got != "holds", (heading, form, detail)


def test_the_same_row_under_two_headings_takes_its_own():
    text = doc("If $i = j$", "p_i (1 - p_j)") + "\n### If $i \\neq j$\n\n$$\\frac{\\partial p_i}{\\partial z_j} = p_i (1 - p_j)$$\n"
    assert truth("p_i (1 - p_j)", EQ) == "holds" and truth("p_i (1 - p_j)", NE) == "refuted"
    claims = [c for c in check_text(text, "md", time_limit=10).claims if "partial" in c.latex]
    got = [c.verdict for c in claims]
    assert got[0] == "holds" and got[1] in ("refuted", "unchecked"), [(c.verdict, c.detail) for c in claims]


@pytest.mark.parametrize("prose", ["the target $y$ is a multi-hot vector: more than one entry can be 1",
                                   "the target $t$ holds word counts, e.g. $t = (2, 0, 3)$",
                                   "the target is an example like $y = (1, 1, 0)$"])
def test_targets_that_do_not_sum_to_one_are_never_assumed_to(prose):
    z = torch.randn(3, dtype=torch.float64, requires_grad=True)
    y = torch.tensor([2.0, 0.0, 3.0], dtype=torch.float64)
    (-(y * torch.log_softmax(z, 0)).sum()).backward()
    assert not torch.allclose(z.grad, torch.softmax(z, 0).detach() - y)        # p - y is false here
    text = (f"# The cross-entropy loss\n\nHere {prose}.\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_{{k}} e^{{z_k}}}}$$\n\n"
            "$$L = - \\sum_{k} y_k \\log p_k$$\n\n$$\\frac{\\partial L}{\\partial z_i} = p_i - y_i$$\n")
    got, detail = verdict(text)
    assert got != "holds", detail


def lead_in(sentence: str, form: str) -> str:
    return ("# Softmax\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{k} e^{z_k}}$$\n\n"
            f"{sentence}\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = {form}$$\n")


WORDED = [("when j differs from i:", NE), ("If i is different from j:", NE), ("For i equal to j:", EQ),
          ("when i equals j:", EQ)]


@pytest.mark.parametrize("sentence,keep", WORDED)
@pytest.mark.parametrize("form", list(FORMS))
def test_a_comparison_in_words_is_read(sentence, keep, form):
    """"when j differs from i:" before a display is the condition j ≠ i (read, so decided both ways)."""
    want = truth(form, keep)
    got, detail = verdict(lead_in(sentence, form))
    assert got == want, (sentence, form, want, got, detail)
