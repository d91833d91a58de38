"""``ŷ`` typed as one character (or ``y`` with a combining circumflex) in a plain-text formula (round 40).

``∂L/∂ŷ = −2(y − ŷ)`` was not read: ``ŷ`` was no name, and ``∂L/∂ŷ`` no slash derivative.  It is now ``\\hat{y}``,
the name the page's LaTeX rows write, and ``∂L/∂ŷ`` is ``\\frac{\\partial L}{\\partial \\hat{y}}``.

Truth: torch autograd (float64) of the page's logistic loss, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.plain_math import plain_latex

torch.set_default_dtype(torch.float64)

PAGE = ("## Logistic regression\n\n$$\\hat{{y}} = \\sigma(z)$$\n\n"
        "$$L = -y \\log \\hat{{y}} - (1 - y) \\log(1 - \\hat{{y}})$$\n\n$${row}$$\n")
CLAIMS = {
    "dyhat": ("∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ)", "yhat", lambda yh, y: -y / yh + (1 - y) / (1 - yh)),
    "dyhat_sign": ("∂L/∂ŷ = y/ŷ − (1 − y)/(1 − ŷ)", "yhat", lambda yh, y: y / yh - (1 - y) / (1 - yh)),
    "dz": ("∂L/∂z = ŷ − y", "z", lambda yh, y: yh - y),
    "dz_combining": ("∂L/∂z = y\u0302 − y", "z", lambda yh, y: yh - y),
    "dz_sign": ("∂L/∂z = y − ŷ", "z", lambda yh, y: y - yh),
}


def _true(name: str) -> bool:
    _, by, form = CLAIMS[name]
    for z0, y0 in ((0.3, 1.0), (-1.2, 0.0), (0.7, 0.25)):
        z = torch.tensor(z0, requires_grad=True)
        yhat = torch.sigmoid(z)
        yhat.retain_grad()
        y = torch.tensor(y0)
        (-y * torch.log(yhat) - (1 - y) * torch.log(1 - yhat)).backward()
        grad = yhat.grad if by == "yhat" else z.grad
        if not torch.isclose(grad, form(yhat.detach(), y)):
            return False
    return True


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_a_hat_typed_as_one_character(name):
    verdict = check_text(PAGE.format(row=CLAIMS[name][0]), "md").claims[-1]
    assert verdict.verdict == ("holds" if _true(name) else "refuted"), verdict.detail


def test_the_truth_tells_the_claims_apart():
    assert _true("dz") and _true("dyhat") and not _true("dz_sign") and not _true("dyhat_sign")


@pytest.mark.parametrize("typed, latex", [
    ("∂L/∂ŷ = −2(y − ŷ)", r"\frac{\partial L}{\partial \hat{y}} = -2(y - \hat{y})"),
    ("dL/dx\u0302 = a", r"\frac{\partial L}{\partial \hat{x}} = a"),
    ("ȳ = ∑ y", r"\bar{y} = \sum y"),
])
def test_hatted_letters_as_latex(typed, latex):
    assert plain_latex(typed) == latex
