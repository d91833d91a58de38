"""Exact identity of two entries, and exact values at a point.

Entries are polynomials (convolution, pooling), rational functions of exponentials
(softmax) or rational functions with square roots (batch norm).  :func:`identical` proves
``a == b`` without ``simplify``:

* polynomials: ``expand(a - b) == 0``;
* exponentials: every ``e^{Σ c_i x_i}`` becomes ``Π t_i^{c_i}`` with positive t_i (the rule
  of :func:`symbp.layers.activations.as_rational`); the numerator of ``together(a - b)`` expands to 0;
* square roots: every ``u^{k/2}`` becomes ``s^k`` for a new symbol s with s² = u.  With one
  root whose radicand holds a symbol linearly (batch norm's ε), ε = s² − (u − ε) is a change
  of variables and the result is a rational function in s to expand; otherwise the
  numerator of ``together(a - b)`` is reduced modulo s² − u and expanded.  A zero result
  proves the identity wherever the denominators are non-zero; a non-zero one is never taken
  as a proof of difference: :func:`differ_at` must separate the two sides at a point first.

Example::

    >>> x, e = sp.symbols("x e", positive=True)
    >>> identical(1 / sp.sqrt(x + e) * (x + e), sp.sqrt(x + e))
    True
"""
from __future__ import annotations

import sympy as sp

from ..layers.activations import _exp_as_powers as exp_as_powers
from ..core.proof import entries_equal
from .traced import EPSILONS

_DIGITS = 40


def _half_powers(expr: sp.Expr) -> list[sp.Pow]:
    return [p for p in expr.atoms(sp.Pow)
            if p.exp.is_Rational and not p.exp.is_Integer and p.exp.q == 2]


def _without_roots(expr: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Symbol, sp.Expr]]]:
    """``expr`` with each u^{k/2} replaced by s^k; the (s, u) pairs with s² = u."""
    roots: dict = {}
    replace = {}
    for p in sorted(_half_powers(expr), key=sp.default_sort_key):
        key = sp.expand(p.base)
        if key not in roots:
            roots[key] = sp.Dummy(f"s{len(roots)}", positive=True)
        replace[p] = roots[key] ** int(2 * p.exp)
    return expr.xreplace(replace), [(s, u) for u, s in roots.items()]


def difference_vanishes(difference: sp.Expr) -> bool:
    """True when ``difference`` is identically 0 (a proof); False means not proved."""
    if difference == 0:
        return True
    if difference.has(sp.log):
        return False
    if difference.has(sp.exp) and not _half_powers(difference):
        # e^{Σ c_i x_i} as Π t_i^{c_i} with t_i = e^{x_i} > 0 (symbp.layers.activations' rule);
        # a zero numerator over the common denominator is the identity (no gcd needed)
        try:
            powers = difference.replace(sp.exp, exp_as_powers)
        except ValueError:              # e^{x/2}: not e to an integer combination
            return False
        return sp.expand(sp.numer(sp.together(powers))) == 0
    roots = _half_powers(difference)
    if not roots and not any(not (d.is_Number) for d in _denominators(difference)):
        return sp.expand(difference) == 0
    reduced, pairs = _without_roots(difference)
    if len(pairs) == 1:
        solved = _solve_linear_symbol(*pairs[0])
        if solved is not None:          # a change of variables: u becomes s² exactly
            return _vanishes_in(reduced.xreplace(solved), pairs[0][0])
    numerator = sp.expand(sp.numer(sp.together(reduced)))
    for s, u in pairs:
        if numerator.has(s):
            numerator = sp.expand(sp.rem(numerator, s ** 2 - u, s))
    return numerator == 0


def _vanishes_in(expr: sp.Expr, s: sp.Symbol) -> bool:
    """``expr`` (a rational function whose denominators should be powers of s) is 0.

    Bases of negative powers are expanded (σ² + ε − var becomes s²), the expression is
    multiplied by the highest power of s in a denominator and expanded; any other
    denominator left falls back to ``together``.
    """
    expr = expr.replace(lambda e: e.is_Pow and e.exp.is_negative and e.base.has(s)
                        and not e.base.is_Symbol,
                        lambda e: sp.expand(e.base) ** e.exp)
    negative = [p for p in expr.atoms(sp.Pow) if p.exp.is_negative and p.base.free_symbols]
    if any(p.base != s for p in negative):
        return sp.expand(sp.numer(sp.together(expr))) == 0
    power = max((-p.exp for p in negative), default=0)
    return sp.expand(expr * s ** power) == 0


def _solve_linear_symbol(s: sp.Symbol, u: sp.Expr) -> dict | None:
    """{e: (s² − (u − c·e))/c} for a symbol e that u holds linearly with a number c (ε).

    With s = √u > 0, (x, e) ↦ (x, s) is a change of variables on the domain u > 0, so a
    rational identity in (x, s) after the substitution is one in (x, e) before it.
    """
    for e in sorted(u.free_symbols, key=lambda v: (v.name != "eps", v.name)):
        c = sp.expand(u).coeff(e, 1)
        rest = sp.expand(u - c * e)
        if c.is_Number and c != 0 and not rest.has(e):
            return {e: (s ** 2 - rest) / c}
    return None


def _denominators(expr: sp.Expr) -> list:
    return [p.base for p in expr.atoms(sp.Pow) if p.exp.is_negative]


def identical(a: sp.Expr, b: sp.Expr, point: dict | None = None) -> bool:
    """Exact identity of two entries (see the module docstring).

    With logarithms (a loss), and a ``point`` given: the derivatives in every symbol are
    identical (exact) and the values agree at ``point`` to 40 digits; on the connected
    region traced, equal derivatives make the difference a constant, which the point
    shows is 0 (to that precision: the one numeric step, used for losses only).
    """
    if a == b:
        return True
    if not (a.has(sp.exp, sp.log, sp.Pow) or b.has(sp.exp, sp.log, sp.Pow)):
        return entries_equal(a, b)
    if (a.has(sp.log) or b.has(sp.log)) and point is not None:
        for s in (a.free_symbols | b.free_symbols):
            if not identical(sp.diff(a, s), sp.diff(b, s)):
                return False
        return not differ_at(a, b, point)[0]
    return difference_vanishes(a - b)


def only_epsilons(a: sp.Expr, b: sp.Expr, point: dict | None = None) -> list[str]:
    """The literal epsilons whose removal (set to 0) makes ``a`` and ``b`` identical."""
    eps = [s for s in (a - b).free_symbols if s in EPSILONS]
    if not eps:
        return []
    zero = {s: sp.S.Zero for s in eps}
    if identical(a.xreplace(zero), b.xreplace(zero), point):
        return epsilon_names(eps)
    return []


def epsilon_names(symbols) -> list[str]:
    """How a warning names literal epsilon symbols: ['1.00e-16'] (sorted)."""
    return sorted(str(EPSILONS[s].evalf(3)) if EPSILONS[s] < sp.Rational(1, 10**6)
                  else str(EPSILONS[s]) for s in symbols)


def value_at(expr: sp.Expr, point: dict) -> sp.Expr:
    """The exact value of ``expr`` at ``point`` (symbol -> number), epsilons included."""
    full = {**EPSILONS, **point}
    return expr.xreplace(full)


def differ_at(a: sp.Expr, b: sp.Expr, point: dict) -> tuple[bool, sp.Expr, sp.Expr]:
    """Whether ``a`` and ``b`` take different values at ``point``, and both values."""
    va, vb = value_at(a, point), value_at(b, point)
    if va.is_Rational and vb.is_Rational:
        return va != vb, va, vb
    gap = sp.N(va - vb, _DIGITS)
    scale = max(abs(sp.N(va, _DIGITS)), abs(sp.N(vb, _DIGITS)), 1)
    return bool(gap.is_Number and abs(gap) > sp.Float(10) ** (-25) * scale), va, vb


def shown(value: sp.Expr) -> str:
    """A value as a person reads it: a rational as is, anything else to 8 digits."""
    if value.is_Rational:
        return str(value)
    return str(sp.N(value, 8))


def holds(outcome_op: str, lhs, rhs) -> bool:
    """The truth of one recorded comparison at exact values."""
    return {"<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs, ">=": lhs >= rhs,
            "==": lhs == rhs, "!=": lhs != rhs}[outcome_op]


def on_path(path: list, point: dict) -> bool:
    """Whether ``point`` makes every recorded comparison come out as it did in the trace."""
    for lhs, op, rhs, outcome in path:
        lv, rv = value_at(lhs, point), value_at(rhs, point)
        if not (lv.is_Number and rv.is_Number):
            lv, rv = sp.N(lv, _DIGITS), sp.N(rv, _DIGITS)
        if bool(holds(op, lv, rv)) != outcome:
            return False
    return True
