"""Worked examples: a page that gives its network's numbers and states gradients as numbers.  The
rows are read over the page's forward with its values bound to the leaves; a number agrees
within 0.6 units of its last digit, is refuted from 1.75 units on.  Truth: torch autograd on
the same network and numbers (tests/docs/worked/two_two_two.md), never symbp."""
import pathlib

import pytest
import torch

from symbp.check.checker import check_text

PAGE = (pathlib.Path(__file__).parent / "docs" / "worked" / "two_two_two.md").read_text()
torch.set_default_dtype(torch.float64)


def _gradients() -> dict:
    p = {k: torch.tensor(v, requires_grad=True) for k, v in dict(
        w1=0.15, w2=0.20, w3=0.25, w4=0.30, w5=0.40, w6=0.45, w7=0.50, w8=0.55, b1=0.35, b2=0.60).items()}
    i1, i2, t1, t2 = 0.05, 0.10, 0.01, 0.99
    out_h1 = torch.sigmoid(p["w1"] * i1 + p["w2"] * i2 + p["b1"])
    out_h2 = torch.sigmoid(p["w3"] * i1 + p["w4"] * i2 + p["b1"])
    out_o1 = torch.sigmoid(p["w5"] * out_h1 + p["w6"] * out_h2 + p["b2"])
    out_o2 = torch.sigmoid(p["w7"] * out_h1 + p["w8"] * out_h2 + p["b2"])
    loss = 0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2
    grads = torch.autograd.grad(loss, list(p.values()))
    return {k: float(g) for k, g in zip(p, grads)}


TRUE = _gradients()
CLAIMS = [   # (row, the weight it is about, the number it states)
    (r"\frac{\partial E_{total}}{\partial w_5} = 0.74136507 \cdot 0.186815602 \cdot 0.593269992 = 0.082167041", "w5", "0.082167041"),
    (r"\frac{\partial E_{total}}{\partial w_5} = 0.0822", "w5", "0.0822"),
    (r"\frac{\partial E_{total}}{\partial w_5} = 0.0832", "w5", "0.0832"),             # a slip in the third digit
    (r"\frac{\partial E_{total}}{\partial w_1} = 0.000438568", "w1", "0.000438568"),
    (r"\frac{\partial E_{total}}{\partial w_1} \approx 0.00044", "w1", "0.00044"),
    (r"\frac{\partial E_{total}}{\partial w_7} = -0.0226", "w7", "-0.0226"),
    (r"\frac{\partial E_{total}}{\partial b_2} = 0.53", "b2", "0.53"),
]


def _truth(weight: str, written: str) -> str | None:
    unit = 10.0 ** -len(written.split(".")[1])
    units = abs(TRUE[weight] - float(written)) / unit
    return "holds" if units <= 0.6 else "refuted" if units >= 1.75 else None


def _verdict(row: str):
    claims = check_text(PAGE + f"\n$$\n{row}\n$$\n", "md").claims
    return [c for c in claims if c.latex.strip() == row][0]


@pytest.mark.parametrize("row, weight, written", CLAIMS)
def test_a_worked_gradient_is_compared_with_the_true_value_at_the_pages_numbers(row, weight, written):
    truth = _truth(weight, written)
    got = _verdict(row)
    assert truth is not None, "a test row must be clear of the rounding band"
    assert got.verdict == truth, got.detail
    if truth == "refuted":
        assert "example values" in got.detail


def test_the_pages_own_forward_values_agree():
    claims = {c.latex.strip()[:12]: c.verdict for c in check_text(PAGE, "md").claims}
    assert claims["net_{h1} = w"] == "holds" and claims["out_{o1} = \\"] == "holds"


def test_without_the_word_sigmoid_a_general_activation_decides_nothing():
    page = PAGE.replace("Every unit applies the logistic sigmoid.", "").replace(
        r"\frac{1}{1 + e^{-net_{h1}}}", r"\phi(net_{h1})").replace(r"\frac{1}{1 + e^{-net_{h2}}}", r"\phi(net_{h2})").replace(
        r"\frac{1}{1 + e^{-net_{o1}}}", r"\phi(net_{o1})").replace(r"\frac{1}{1 + e^{-net_{o2}}}", r"\phi(net_{o2})")
    row = CLAIMS[0][0]
    claims = check_text(page + f"\n$$\n{row}\n$$\n", "md").claims
    assert [c for c in claims if c.latex.strip() == row][0].verdict != "holds"


def test_a_value_row_is_the_examples_data_and_a_missing_value_decides_nothing():
    page = PAGE.replace("$w_6 = 0.45$, ", "")
    claims = check_text(page + "\n$$\n" + CLAIMS[1][0] + "\n$$\n", "md").claims
    assert [c for c in claims if c.latex.strip() == CLAIMS[1][0]][0].verdict != "holds"
