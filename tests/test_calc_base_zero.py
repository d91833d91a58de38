"""Softmax and cross-entropy entries counted from 0 (``y_{0}``, ``\\sum_{j=0}^{2}``), the forward a
``layer=softmax`` directive's names stand for when the page writes its softmax only in words, and
a row that writes one entry apart (``∂y_i/∂a_0 = -y_i y_0``, meant for i ≠ 0): never refuted for
the entry it sets apart.  Truth: torch autograd on the softmax and the cross-entropy."""
import itertools

import pytest
import torch

from symbp.check.calc_dims import written_base
from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
CLASSES = 3

FORWARD = r"""
$$
y_{k} = \frac{\exp(a_{k})}{\sum_{j=0}^{2} \exp(a_{j})}
$$

$$
E = -\sum_{k=0}^{2} t_{k} \log y_{k}
$$

The target t is one-hot.
"""
DIRECTIVE = "<!-- symbp: layer=softmax classes=3 target=one-hot names: a=input y=output t=target E=loss -->\n\n" \
            "The outputs y are the softmax of a; E is the cross-entropy.\n"


def _torch_values():
    """(a, t, y, dE/da, dy/da) at random logits and a one-hot target, counted from 0."""
    a = torch.randn(CLASSES, requires_grad=True)
    t = torch.zeros(CLASSES)
    t[1] = 1.0
    y = torch.softmax(a, 0)
    loss = -(t * torch.log(y)).sum()
    dE = torch.autograd.grad(loss, a)[0]
    jac = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, 0), a.detach())
    return a.detach(), t, y.detach(), dE, jac


# claim -> a function of the torch values that is True exactly when the claim holds at them
CLAIMS = {
    r"\frac{\partial E}{\partial a_{0}} = y_{0} - t_{0}": lambda a, t, y, dE, J: torch.isclose(dE[0], y[0] - t[0]),
    r"\frac{\partial E}{\partial a_{2}} = y_{2} + t_{2} - 2 t_{2}": lambda a, t, y, dE, J: torch.isclose(dE[2], y[2] - t[2]),
    r"\frac{\partial E}{\partial a_{0}} = t_{0} - y_{0}": lambda a, t, y, dE, J: torch.isclose(dE[0], t[0] - y[0]),
    r"\frac{\partial y_{0}}{\partial a_{0}} = y_{0} (1 - y_{0})": lambda a, t, y, dE, J: torch.isclose(J[0, 0], y[0] * (1 - y[0])),
    r"\frac{\partial y_{0}}{\partial a_{1}} = - y_{0} y_{1}": lambda a, t, y, dE, J: torch.isclose(J[0, 1], -y[0] * y[1]),
    r"\frac{\partial y_{0}}{\partial a_{0}} = y_{0} (1 + y_{0})": lambda a, t, y, dE, J: torch.isclose(J[0, 0], y[0] * (1 + y[0])),
    r"\frac{\partial y_{1}}{\partial a_{2}} = y_{1} y_{2}": lambda a, t, y, dE, J: torch.isclose(J[1, 2], y[1] * y[2]),
}


def _verdicts(page: str):
    text = page + "".join(f"\n$$\n{c}\n$$\n" for c in CLAIMS)
    report = check_text(text, "md")
    return {c: next(v.verdict for v in report.claims if v.latex.strip() == c) for c in CLAIMS}


@pytest.mark.parametrize("page", [FORWARD, DIRECTIVE], ids=["forward written from 0", "directive names"])
def test_entries_counted_from_zero_agree_with_autograd(page):
    torch.manual_seed(0)
    values = _torch_values()
    got = _verdicts(page)
    for claim, truth in CLAIMS.items():
        expected = "holds" if bool(truth(*values)) else "refuted"
        assert got[claim] == expected, (claim, got[claim])


def test_an_entry_past_the_last_class_is_never_held():
    text = FORWARD + "\n$$\n\\frac{\\partial E}{\\partial a_{3}} = y_{3} - t_{3}\n$$\n"
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "unchecked" and "a_{3}" in claim.latex


def test_a_row_that_sets_one_entry_apart_is_not_refuted_there():
    """``∂y_i/∂a_0 = -y_i y_0`` holds for every i ≠ 0 and fails at i = 0 (autograd): the row is
    the author's i ≠ 0 case, so it is left unchecked, naming i = 0; ``y_i y_0`` fails at i ≠ 0
    too and is refuted."""
    torch.manual_seed(1)
    a, t, y, dE, J = _torch_values()
    assert all(torch.isclose(J[i, 0], -y[i] * y[0]) for i in (1, 2)) and not torch.isclose(J[0, 0], -y[0] * y[0])
    text = FORWARD + "\n$$\n\\frac{\\partial y_{i}}{\\partial a_{0}} = - y_{i} y_{0}\n$$\n" \
                     "\n$$\n\\frac{\\partial y_{i}}{\\partial a_{0}} = y_{i} y_{0}\n$$\n"
    apart, wrong = check_text(text, "md").claims[-2:]
    assert apart.verdict == "unchecked" and "i = 0" in apart.detail
    assert wrong.verdict == "refuted"


@pytest.mark.parametrize("settings, displays, base", [
    ({}, [r"\frac{\partial E}{\partial a_{0}} = y_{0} - t_{0}"], 0),
    ({}, [r"L = -\sum_{k=0}^{K-1} y_k \log p_k"], 0),
    ({}, [r"z = w_0 + \sum_{i=1}^{n} w_i x_i"], 1),          # x_0 = 1 beside a sum from 1: counted from 1
    ({}, [r"\frac{\partial L}{\partial z_1} = p_1 - y_1"], 1),
    ({"index_base": "1"}, [r"y_{0} = 1"], 1),
])
def test_where_written_entries_start(settings, displays, base):
    assert written_base(settings, displays) == base


def test_refutation_names_entries_as_the_page_counts_them():
    text = FORWARD + "\n$$\n\\frac{\\partial E}{\\partial a_{k}} = t_{k} - y_{k}\n$$\n"
    claim = check_text(text, "md").claims[-1]
    assert claim.verdict == "refuted" and "indices from 0" in claim.detail
    at = claim.detail.split(" (")[0]
    assert any(f"k = {k}" in at for k in range(CLASSES)) and "k = 3" not in at


def test_every_entry_of_the_jacobian_from_zero():
    """∂y_i/∂a_j = y_i(δ_ij - y_j) for every pair, checked against autograd's Jacobian."""
    torch.manual_seed(2)
    a, t, y, dE, J = _torch_values()
    for i, j in itertools.product(range(CLASSES), repeat=2):
        assert torch.isclose(J[i, j], y[i] * (float(i == j) - y[j]))
    text = FORWARD + "\n$$\n\\frac{\\partial y_{i}}{\\partial a_{j}} = y_{i} (\\delta_{ij} - y_{j})\n$$\n"
    assert check_text(text, "md").claims[-1].verdict == "holds"
