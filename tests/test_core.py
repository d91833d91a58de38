"""The building blocks: entry arithmetic, the chain rule, proofs and counterexamples."""
import random

import numpy as np
import pytest
import sympy as sp

from symbp.core import chain
from symbp.claims import to_latex
from symbp.core.proof import HOLDS, REFUTED, counterexample, entries_equal, prove
from symbp.core.regions import INDICATORS, first_max_condition, last_max_condition, region_symbol
from symbp.core.tensor import coefficients, entry_name, from_numbers, product, symbolic, text, total


def test_entry_names_follow_the_document():
    a = symbolic("a", (1, 1, 3, 3))
    assert str(a[0, 0, 0, 0]) == "a_{11}" and str(a[0, 0, 2, 1]) == "a_{32}"
    assert to_latex(symbolic("delta", (1, 1, 2, 2))[0, 0, 1, 0]) == r"\delta_{21}"
    assert text(symbolic("delta", (1, 1, 2, 2))[0, 0, 0, 1]) == "δ_{12}"
    assert entry_name("a", (1, 2, 10, 0), (2, 3, 11, 4)) == "a_{2,3,11,1}"
    assert entry_name("z", (0, 0, 0, 0), (1, 1, 2, 2), sup="l-1") == "z^{l-1}_{11}"


def test_product_is_sympys_canonical_mul():
    names = [f"{b}_{{{i}{j}}}" for b in "awz" for i in range(1, 4) for j in range(1, 4)]
    names += ["delta_{11}", "delta_{21}", "b_{1}", "W", "a"]
    syms = [sp.Symbol(n) for n in names]
    rng = random.Random(0)
    for _ in range(300):
        x, y = rng.choice(syms), rng.choice(syms)
        fast, slow = product(x, y), x * y
        assert fast == slow and hash(fast) == hash(slow) and fast.args == slow.args


def test_total_collects_like_terms_and_coefficients_compare_sums():
    x, y = sp.symbols("x y")
    s = total([x * y, 2 * x, x * y, -2 * x])
    assert coefficients(s) == {x * y: 2}
    assert total([]) == 0 and total([x]) == x
    assert coefficients(total([x, y])) == coefficients(y + x)


def test_entries_equal_is_exact():
    x, y = sp.symbols("x y")
    assert entries_equal(x * (y + 1), x * y + x)
    assert not entries_equal(x * y, y * x + 1)
    assert entries_equal(total([x, y]), total([y, x]))


def test_chain_rule_differentiates_each_term():
    a = symbolic("a", (1, 1, 1, 2))
    w = symbolic("w", (1, 1, 1, 2))
    d = symbolic("delta", (1, 1, 1, 1))
    z = np.empty((1, 1, 1, 1), dtype=object)
    z[0, 0, 0, 0] = a[0, 0, 0, 0] ** 2 * w[0, 0, 0, 0] + a[0, 0, 0, 1] * w[0, 0, 0, 1]
    ga, gw = chain.derive(z, d, [a, w])
    d11 = d[0, 0, 0, 0]
    assert sp.expand(ga[0, 0, 0, 0] - 2 * d11 * a[0, 0, 0, 0] * w[0, 0, 0, 0]) == 0
    assert ga[0, 0, 0, 1] == d11 * w[0, 0, 0, 1]
    assert gw[0, 0, 0, 0] == d11 * a[0, 0, 0, 0] ** 2


def test_chain_rejects_mismatched_delta():
    z = symbolic("z", (1, 1, 2, 2))
    with pytest.raises(ValueError, match="δ has shape"):
        chain.derive(z, symbolic("delta", (1, 1, 3, 3)), [z])


def test_refutation_names_entry_and_gives_checkable_counterexample():
    derived = symbolic("d", (1, 1, 2, 2))
    claimed = derived.copy()
    x, y = derived[0, 0, 1, 0], derived[0, 0, 1, 1]
    claimed[0, 0, 1, 0] = y
    p = prove(derived, claimed, "claim", what="∂J/∂a")
    assert p.verdict == REFUTED and p.index == (1, 1, 2, 1)
    assert "∂J/∂a_{21}" in p.reason
    ce = p.counterexample
    assert ce.derived == ce.values[str(x)] and ce.claimed == ce.values[str(y)]
    assert ce.derived != ce.claimed
    assert prove(derived, derived.copy(), "c").verdict == HOLDS


def test_shape_mismatch_is_refuted():
    p = prove(symbolic("a", (1, 1, 3, 3)), symbolic("a", (1, 1, 2, 2)), "c", what="∂J/∂a")
    assert p.verdict == REFUTED and "shape mismatch" in p.reason and "3x3" in p.reason


def test_regions_distinguish_tie_rules_and_share_equal_ones():
    cells = tuple(sp.symbols("c1:5"))
    first = [region_symbol(cells, first_max_condition(cells, p)) for p in range(4)]
    last = [region_symbol(cells, last_max_condition(cells, p)) for p in range(4)]
    assert len(set(first)) == 4 and first[0] != last[0]
    # the same rule written another way is the same region
    again = sp.And(*[cells[0] >= c for c in cells[1:]])
    assert region_symbol(cells, again) == first[0]
    # a tie between cells 1 and 2: first max is cell 1, last max is cell 2
    assert INDICATORS[first[0]].value((5, 5, 1, 0)) == 1
    assert INDICATORS[last[0]].value((5, 5, 1, 0)) == 0
    ce = counterexample(first[0] * sp.Symbol("g"), last[0] * sp.Symbol("g"))
    assert ce is not None and ce.derived != ce.claimed


def test_from_numbers_is_exact():
    m = from_numbers([[0.5, 2], [1, 1.5]])
    assert m[0, 0] == sp.Rational(1, 2) and m[1, 1] == sp.Rational(3, 2)


def test_regions_of_different_windows_never_share_a_symbol():
    a = sp.symbols("q1:10")
    wide = (a[0], a[1], a[2], a[8])     # same first and last cell, different windows
    narrow = (a[0], a[4], a[8])
    s1 = region_symbol(wide, first_max_condition(wide, 0))
    s2 = region_symbol(narrow, first_max_condition(narrow, 0))
    assert s1 != s2 and INDICATORS[s1].cells == wide and INDICATORS[s2].cells == narrow
