"""Square roots in :mod:`symbp.code.laurent`'s Forms: batch norm's √(σ² + ε).

Every square root √u of a polynomial u (and every u^{k/2}) becomes a power of a new
positive variable s (one per distinct radicand, so the user's √(var + ε) and the truth's
(var + ε)^{-3/2} share s).  Two Forms are then first compared with s free: a formal
identity in s is an identity for s = √u too.  Failing that, when exactly one root occurs
and its radicand holds a positive symbol e linearly (u = c·e + rest, rest free of e, c a
number: batch norm's ε), e = (s² − rest)/c is substituted on both sides.  On the domain
u > 0, s > 0 the map (x, e) ↦ (x, s) is a bijection, so an identity in (x, s) after the
substitution is one in (x, e) before it (the change of variables of
:func:`symbp.code.exact._solve_linear_symbol`).  Anything else is not proved here.

Example::

    >>> reg = RootRegistry()
    >>> x, e = sp.Symbol("x"), sp.Symbol("e", positive=True)
    >>> a = reg.from_sympy((x**2 + e) / sp.sqrt(x**2 + e))
    >>> reg.equal(a, reg.from_sympy(sp.sqrt(x**2 + e)))
    True
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from .laurent import (ONE, Form, NotRepresentable, Registry, equal, normalize, p_add, p_mul,
                      p_scale, power, variables)


class RootRegistry(Registry):
    """A :class:`Registry` that also holds square roots of polynomials."""

    def __init__(self):
        super().__init__()
        self.roots: dict = {}          # radicand key -> (root variable key, radicand poly)
        self.radicands: dict = {}      # root variable key -> radicand poly

    def _root(self, f: Form, exponent: int) -> Form:
        """f^{exponent/2} for a polynomial f (a power of f's root variable)."""
        if f.has_logs or f.den != ONE or not f.num:
            raise NotRepresentable("the square root of a non-polynomial")
        key = frozenset(f.num.items())
        if key not in self.roots:
            symbol = sp.Dummy(f"s{len(self.roots)}", positive=True)
            self.roots[key] = (self.key(symbol), f.num)
            self.radicands[self.roots[key][0]] = f.num
        return Form({((self.roots[key][0], exponent),): 1})

    def sqrt(self, f: Form) -> Form:
        return self._root(f, 1)

    def power(self, f: Form, g: Form) -> Form:
        k = g.constant()
        if k is not None and Fraction(k).denominator == 2:
            return self._root(f, int(2 * Fraction(k)))
        return power(f, g)

    def equal(self, f: Form, g: Form) -> bool:
        if equal(f, g):
            return True
        held = [v for v in variables(f) | variables(g) if v in self.radicands]
        if len(held) != 1 or f.has_logs or g.has_logs:
            return False
        root = held[0]
        solved = self._solve(root)
        if solved is None:
            return False
        e, replacement = solved
        try:
            f2, g2 = (Form(*normalize(_substitute(h.num, e, replacement),
                                      _substitute(h.den, e, replacement))) for h in (f, g))
        except NotRepresentable:
            return False
        return equal(f2, g2)

    def _solve(self, root: int):
        """(e, (s² − rest)/c) for a positive symbol e the radicand holds linearly, or None."""
        u = self.radicands[root]
        for e in sorted({v for m in u for v, _ in m if v in self.positive and v % 2 == 0}):
            with_e = [(m, c) for m, c in u.items() if any(v == e for v, _ in m)]
            if len(with_e) != 1 or with_e[0][0] != ((e, 1),):
                continue
            c = with_e[0][1]
            rest = {m: v for m, v in u.items() if m != ((e, 1),)}
            replacement = p_scale(p_add({((root, 2),): 1}, rest, -1), 1 / Fraction(c))
            return e, replacement
        return None


def _substitute(p: dict, e: int, replacement: dict) -> dict:
    """``p`` with the variable ``e`` replaced by the polynomial ``replacement``."""
    powers = {0: ONE}
    out: dict = {}
    for m, c in p.items():
        k = next((x for v, x in m if v == e), 0)
        if k < 0:
            raise NotRepresentable("the substituted variable in a denominator monomial")
        rest = tuple((v, x) for v, x in m if v != e)
        if k not in powers:
            powers[k] = p_mul(powers[k - 1] if k - 1 in powers else _pow(replacement, k - 1),
                              replacement)
        out = p_add(out, p_mul({rest: c}, powers[k]))
    return out


def _pow(p: dict, k: int) -> dict:
    out = ONE
    for _ in range(k):
        out = p_mul(out, p)
    return out
