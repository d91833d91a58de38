"""Proofs and refutations of closed forms, entry by entry.

A claim *holds* when, for every entry, the derived expression and the claimed one
are the same polynomial: the same distinct terms, equal coefficient maps
{monomial: coefficient}, or a difference that expands to zero.  Nothing numeric enters a proof.  A claim is *refuted* with the
first failing entry, both sides, and a counterexample: small integers substituted
for the symbols of that entry, under which the two sides evaluate to different
numbers.  When the difference is a non-zero polynomial but no integer point
separates the sides (possible only through region indicators), the verdict is
*unproved* rather than either.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from .regions import INDICATORS
from ..report import RichDisplay
from .tensor import coefficients, entry_name, shape_text, text

HOLDS, REFUTED, UNPROVED = "holds", "refuted", "unproved"


@dataclass
class Counterexample:
    """Integer values for the symbols of one entry, and what each side gives there."""
    values: dict[str, int]
    derived: sp.Expr
    claimed: sp.Expr

    def describe(self) -> str:
        given = ", ".join(f"{k}={v}" for k, v in self.values.items())
        return f"with {given}: derived {self.derived}, claimed {self.claimed}"


@dataclass
class Proof(RichDisplay):
    """The verdict on one claim, with what a person needs to check it."""
    claim: str                       # LaTeX of the claim
    verdict: str                     # holds | refuted | unproved
    entries: int = 0                 # entries compared
    shape: str = ""
    reason: str = ""                 # why it is refuted or unproved, one line
    index: tuple | None = None       # first failing entry, 1-based
    derived: sp.Expr | None = None
    claimed: sp.Expr | None = None
    counterexample: Counterexample | None = None
    correct: str | None = None       # the correct form (text), when known
    extra: dict = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        return self.verdict == HOLDS

    def detail(self) -> str:
        """One line: why it holds, or the failing entry and its counterexample."""
        if self.holds:
            return f"all {self.entries} entries equal"
        parts = [self.reason]
        if self.index is not None:
            parts.append(f"derived {text(self.derived)}; claimed {text(self.claimed)}")
        if self.counterexample is not None:
            parts.append(self.counterexample.describe())
        if self.correct:
            parts.append(f"correct: {self.correct}")
        return "; ".join(p for p in parts if p)


def entries_equal(derived: sp.Expr, claimed: sp.Expr) -> bool:
    """Exact identity of two entries: equal coefficient maps, or difference expands to 0."""
    if derived is claimed or _same_terms(derived, claimed) \
            or coefficients(derived) == coefficients(claimed):
        return True
    difference = derived - claimed
    return difference == 0 or sp.expand(difference) == 0


def _same_terms(derived: sp.Expr, claimed: sp.Expr) -> bool:
    """Both are sums of the same distinct terms (in any order): then they are equal."""
    d, c = sp.Add.make_args(derived), sp.Add.make_args(claimed)
    if len(d) != len(c):
        return False
    sd = set(d)
    return len(sd) == len(d) and sd == set(c) and len(set(c)) == len(c)


def prove(derived: np.ndarray, claimed: np.ndarray, claim: str, *,
          what: str = "gradient", correct: str | None = None,
          equal=None, find=None) -> Proof:
    """Compare the derived gradient with the claimed closed form, entry by entry.

    derived, claimed: object arrays; ``what`` names the derived quantity in messages.
    ``equal(d, c)`` decides exact identity of two entries (default :func:`entries_equal`,
    polynomials); ``find(d, c)`` searches a counterexample (default :func:`counterexample`).
    """
    equal, find = equal or entries_equal, find or counterexample
    shape = shape_text(derived.shape)
    if derived.shape != claimed.shape:
        return Proof(claim, REFUTED, shape=shape, correct=correct,
                     reason=f"shape mismatch: {what} is {shape} but the claim gives "
                            f"{shape_text(claimed.shape)}")
    count = 0
    for index, d in np.ndenumerate(derived):
        c = claimed[index]
        count += 1
        if equal(d, c):
            continue
        entry = entry_name(what, index, derived.shape)
        found = find(d, c)
        verdict = REFUTED if found else UNPROVED
        reason = (f"{entry} differs" if found else
                  f"{entry} is not identical, and no integer point separates it")
        return Proof(claim, verdict, count, shape, reason, tuple(i + 1 for i in index),
                     d, c, found, correct)
    return Proof(claim, HOLDS, count, shape)


def refuted_undefined(claim: str, reason: str, correct: str | None = None) -> Proof:
    """A claim whose right-hand side cannot even be formed (shapes that do not fit)."""
    return Proof(claim, REFUTED, reason=reason, correct=correct)


# --------------------------------------------------------------------------- counterexamples

def _leaves(expr: sp.Basic, found: set) -> None:
    """Collect the atoms a person assigns numbers to: symbols, σ(z) and σ'(z) values.

    Region indicators are not assigned: they follow from the window cells they
    watch, which are collected instead.  The search does not descend into σ(z).
    """
    if expr in INDICATORS:
        for cell in INDICATORS[expr].cells:
            _leaves(cell, found)
    elif isinstance(expr, (sp.Symbol, sp.Derivative, AppliedUndef)):
        found.add(expr)
    else:
        for arg in expr.args:
            _leaves(arg, found)


def _inputs_of(*exprs: sp.Expr) -> list:
    found: set = set()
    for expr in exprs:
        _leaves(expr, found)
    return sorted(found, key=sp.default_sort_key)


def evaluate_at(expr: sp.Expr, assignment: dict) -> sp.Expr:
    """``expr`` with leaves replaced by numbers; region indicators follow their cells."""
    values = dict(assignment)
    for sym in expr.free_symbols:
        if sym in INDICATORS:
            cells = tuple(c.xreplace(assignment) for c in INDICATORS[sym].cells)
            if all(c.is_Number for c in cells):   # else it sits inside an assigned σ(...)
                values[sym] = sp.Integer(INDICATORS[sym].value(cells))
    return sp.expand(expr.xreplace(values))


def counterexample(derived: sp.Expr, claimed: sp.Expr, tries: int = 60) -> Counterexample | None:
    """Small integers under which ``derived`` and ``claimed`` evaluate differently.

    Tries all-ones first, then seeded random values in small ranges (half of them in
    {0, 1, 2} so that ties between window cells come up).
    """
    leaves = _inputs_of(derived, claimed)
    rng = random.Random(len(leaves))
    for attempt in range(tries):
        if attempt == 0:
            values = [1] * len(leaves)
        else:
            top = 2 if attempt % 2 else 3 + attempt // 10
            values = [rng.randint(0 if top == 2 else -top, top) for _ in leaves]
        assignment = {leaf: sp.Integer(v) for leaf, v in zip(leaves, values)}
        d, c = evaluate_at(derived, assignment), evaluate_at(claimed, assignment)
        if d.is_Number and c.is_Number and d != c:
            names = {_leaf_text(leaf): v for leaf, v in zip(leaves, values)}
            return Counterexample(names, d, c)
    return None


def _leaf_text(leaf) -> str:
    if isinstance(leaf, sp.Derivative):
        return f"{text(leaf.expr.func)}'({text(leaf.variables[0])})"
    return text(leaf)
