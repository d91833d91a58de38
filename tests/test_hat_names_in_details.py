"""A dense reading writes a hatted letter (\\hat{y}) as a capital the page does not use; a verdict's
detail must name the page's own \\hat{y}, never that capital (held-out 24's and 26's notes were told
"the name P has no role")."""
import re

from symbp.check.checker import check_text

PAGE = ("# Logistic regression\n\n$$ z = w^T x + b $$\n\n$$ \\hat{y} = \\sigma(z) $$\n\n"
        "$$ \\frac{\\partial L}{\\partial b} = (\\hat{y} - y) $$\n")


def test_a_detail_names_the_hatted_letter_as_the_page_writes_it():
    claim = check_text(PAGE, "md").claims[-1]
    assert claim.verdict == "unchecked"                      # the loss is never defined: no verdict
    assert r"\hat{y}" in claim.detail, claim.detail
    used = set(re.findall(r"(?<![A-Za-z\\])([A-Z])(?![A-Za-z])", PAGE))
    named = set(re.findall(r"the name ([A-Z]) has no role", claim.detail))
    assert named <= used, claim.detail
