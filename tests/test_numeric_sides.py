"""A worked example's arithmetic: a row whose number-only sides disagree is refuted, whatever the
gradient; sides that agree within the rounding of their written digits decide nothing.  Truth:
plain Python arithmetic on the numbers written (not symbp)."""
import pytest

from symbp.check.checker import check_text

ROWS = [  # (the product's factors, the relation, the result the row writes)
    ((-0.188, 0.237, 0.4, 0.599, 1 - 0.599, 1.5), r"\approx", "-0.0043"),     # the factor 1.5 not multiplied in
    ((0.077, 0.244, 0.525), r"\approx", "0.0099"),
    ((0.612, 1 - 0.612), r"\approx", "0.237"),
    ((2, 3, 4), "=", "25"),
    ((2, 3, 4), "=", "24"),
    ((2, 3, 4), r"\approx", "25"),
]


def _latex(factors) -> str:
    return r" \cdot ".join(f"({f:.3f})" if f < 0 else (f"(1 - {1 - f:.3f})" if 0 < f < 1 and len(f"{f}") > 6 else f"{f:g}")
                           for f in factors)


@pytest.mark.parametrize("factors, relation, written", ROWS)
def test_a_worked_product_that_disagrees_with_its_result_is_refuted(factors, relation, written):
    product = 1.0
    for f in factors:
        product *= f
    digits = len(written.split(".")[1]) if "." in written else 0
    exact = relation == "=" and "." not in written                 # integers said equal
    wrong = product != float(written) if exact else abs(product - float(written)) > 2 * 10 ** -digits
    row = rf"\frac{{\partial L}}{{\partial w}} = {_latex(factors)} {relation} {written}"
    verdict = [c for c in check_text(f"$$\n{row}\n$$\n", "md").claims if c.latex.strip() == row][0]
    if wrong:
        assert verdict.verdict == "refuted" and "do not agree" in verdict.detail
    else:
        assert verdict.verdict != "refuted"


def test_an_output_size_with_its_floor_unwritten_is_not_refuted():
    claims = check_text("$$\nH' = (6 - 3)/2 + 1 = 2\n$$\n", "md").claims
    assert claims[0].verdict != "refuted"
