r"""Rigorous values of a worked example's quantities, and the rule that decides a claimed number.

:func:`enclose` evaluates a SymPy expression of exact rationals, exp, log, tanh, max(0, ·) and the
step function (ReLU's derivative) with ``mpmath.iv`` interval arithmetic at 320 bits: the true
value lies inside the interval it returns, whose ends are given back as exact rationals.  A
symbol may stand for an interval (a number the page wrote rounded).

:func:`number_verdict` is the rule for a number ``c`` written with ``d`` decimals (``h = ½·10^-d``):

* holds when every value the true value may take rounds to ``c`` (``|V - c| ≤ h``), or — where the
  claim's own chain computed ``c`` from rounded numbers the page wrote before (``0.74136507 ·
  0.186815602 · 0.593269992``) — when it lies within ``h + D`` of ``c``, where ``D`` is the most
  those rounded numbers (each within half a unit of its last digit) can move the chain's value, and
  never more than one unit in ``c``'s last written digit;
* refuted when ``c`` is farther from the true value than one unit in its last digit beyond
  rounding and the drift ``D`` (``h + 10^-d + D``), and than the page's own precision ``ρ·|V|``
  (ρ from the fewest significant digits the page writes in its results): a sign slip, a missing
  factor, a wrong digit;
* unchecked between (a last digit off by one that the chain shown does not explain), and where
  the interval is too wide to decide.

>>> number_verdict((sp.Rational(3, 8), sp.Rational(3, 8)), sp.Rational(375, 1000), 3, 0, 0)[0]
'holds'
>>> number_verdict((sp.Rational(3, 8), sp.Rational(3, 8)), sp.Rational(-375, 1000), 3, 0, 0)[0]
'refuted'
"""
from __future__ import annotations

from mpmath import libmp
import sympy as sp
from mpmath import iv

PREC = 320


class Undecided(ArithmeticError):
    """An expression the interval evaluation cannot enclose (log of a possibly negative number,
    a step at a point that may be 0, a function it does not know)."""


def enclose(expr, env: dict | None = None) -> tuple:
    """(low, high) exact rationals around the value of ``expr``; ``env``: symbol -> (low, high)."""
    saved = iv.prec
    iv.prec = PREC
    try:
        value = _iv(expr, env or {})
        low, high = value._mpi_
        return _rational(low), _rational(high)
    finally:
        iv.prec = saved


def _rational(end) -> sp.Rational:
    """An interval's end (a raw mpf tuple) as an exact rational."""
    if end in (libmp.finf, libmp.fninf, libmp.fnan):
        raise Undecided("an unbounded value")
    return sp.Rational(*libmp.to_rational(end))


def _ends(x) -> tuple:
    return tuple(_rational(end) for end in x._mpi_)


def _span(lo, hi):
    """The interval from rational ``lo`` to rational ``hi`` (outward)."""
    return iv.mpf([_exact(lo).a, _exact(hi).b])


def _exact(q) -> object:
    q = sp.Rational(q)
    return iv.mpf(int(q.p)) / iv.mpf(int(q.q))


def _iv(e, env):
    if e.is_Rational:
        return _exact(e)
    if e.is_Symbol:
        if e not in env:
            raise Undecided(f"{e} has no value")
        return _span(*env[e])
    if e is sp.E:
        return iv.e
    if e.is_Add:
        total = _iv(e.args[0], env)
        for a in e.args[1:]:
            total = total + _iv(a, env)
        return total
    if e.is_Mul:
        total = _iv(e.args[0], env)
        for a in e.args[1:]:
            total = total * _iv(a, env)
        return total
    if e.is_Pow:
        base, power = e.args
        if base is sp.E:
            return iv.exp(_iv(power, env))
        b = _iv(base, env)
        if power.is_Integer:
            if int(power) < 0 and _ends(b)[0] <= 0 <= _ends(b)[1]:
                raise Undecided("a division by a number that may be 0")
            out = iv.mpf(1)
            for _ in range(abs(int(power))):
                out = out * b
            return out if power > 0 else 1 / out
        if _ends(b)[0] <= 0:
            raise Undecided("a power of a number that may not be positive")
        return iv.exp(_iv(power, env) * iv.log(b))
    if isinstance(e, sp.exp):
        return iv.exp(_iv(e.args[0], env))
    if isinstance(e, sp.log):
        x = _iv(e.args[0], env)
        if _ends(x)[0] <= 0:
            raise Undecided("a logarithm of a number that may not be positive")
        return iv.log(x)
    if isinstance(e, sp.tanh):
        x = _iv(e.args[0], env)
        return 1 - 2 / (iv.exp(2 * x) + 1)
    if isinstance(e, sp.Max) and len(e.args) == 2 and 0 in e.args:
        x = _iv(e.args[1] if e.args[0] == 0 else e.args[0], env)
        lo, hi = _ends(x)
        return _span(max(lo, 0), max(hi, 0))
    if isinstance(e, sp.Heaviside):
        lo, hi = _ends(_iv(e.args[0], env))
        if lo > 0:
            return iv.mpf(1)
        if hi < 0:
            return iv.mpf(0)
        raise Undecided("the step of ReLU at a point that may be 0")
    raise Undecided(f"{type(e).__name__} is not evaluated")


def rounding_unit(places: int) -> sp.Rational:
    return sp.Rational(1, 10 ** places)


def number_verdict(true: tuple, claimed, places: int, drift, rho) -> tuple:
    """(verdict, note) for ``claimed`` (written with ``places`` decimals) against the interval
    ``true`` of the true value, ``drift`` (D) the most the chain's reused rounded numbers move it,
    ``rho`` the page's relative precision (see the module docstring)."""
    lo, hi = true
    half, unit = rounding_unit(places) / 2, rounding_unit(places)
    far = max(claimed - lo, hi - claimed)               # the farthest the true value may be
    near = max(lo - claimed, claimed - hi, 0)           # the nearest
    if far <= half:
        return "holds", f"the true value rounded to {places} decimals"
    allowed = min(drift, unit)
    if drift and far <= half + allowed:
        return "holds", (f"the true value rounded to {places} decimals within the drift of the rounded "
                         f"numbers the chain reuses (at most {_short(allowed)})")
    magnitude = min(abs(lo), abs(hi)) if lo * hi > 0 else 0
    if near > half + unit + drift and near > rho * magnitude:
        return "refuted", ""
    if near == 0 and far > half + unit + drift:
        return "unchecked", "the true value is not known closely enough here to decide"
    if near <= half + unit:
        return "unchecked", ("differs from the true value by less than one unit in the last written digit beyond "
                             "rounding, which the numbers the chain shows do not explain")
    return "unchecked", (f"is {_short(near)} from the true value: more than rounding to {places} decimals, but "
                         f"within what rounded numbers reused in the chain ({_short(drift)}) or the page's own "
                         f"precision ({_short(rho)} relative) may explain")


def _short(q) -> str:
    return f"{float(q):.3g}"


def show(true: tuple) -> str:
    """The true value to 10 significant digits."""
    lo, hi = true
    return f"{float((lo + hi) / 2):.10g}"


__all__ = ["Undecided", "enclose", "number_verdict", "show"]
