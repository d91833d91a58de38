r"""Exact comparison of two functions of one variable for :mod:`symbp.check.calc_scalar_fn`:
with v = log t (t > 0) exp, sinh, cosh and tanh become rational functions of t, and two sides are
equal where their difference cancels to 0; max and cases are compared on v > 0 and v < 0 (v = ±s,
s > 0), the kink v = 0 not decided.  A difference that is not a rational function of t is decided
by numbers only where they differ (never equal by numbers); a refutation names a point and both
values.

>>> z = sp.Symbol("z")
>>> equal(sp.exp(z) / (1 + sp.exp(z)), 1 - 1 / (1 + sp.exp(z)), z, False)
True
>>> refutation(sp.Max(0, z), z, z, 2, 2, True)[0]
'refuted'
"""
from __future__ import annotations

import sympy as sp

T = sp.Symbol("t", positive=True)         # e^{v}
S = sp.Symbol("s", positive=True)         # |v| in the cases
KINK = (sp.Max, sp.Heaviside, sp.Piecewise, sp.Min)


def _in_t(expr, z, sign):
    """``expr`` with z = sign·log t (t > 0), as a rational function where it can be."""
    if sign:
        expr = expr.subs(z, sign * S)
        expr = expr.subs(S, sp.log(T))
    else:
        expr = expr.subs(z, sp.log(T))
    return sp.cancel(sp.together(sp.expand_power_exp(expr)))


def equal(a, b, z, kinked):
    """True / False / None (not decided) for a == b as functions of z."""
    for sign in ((1, -1) if kinked else (0,)):
        diff = _in_t(a - b, z, sign)
        if diff == 0:
            continue
        if diff.has(sp.log, *KINK) or not diff.is_rational_function(T):
            return _numeric_differs(a, b, z, kinked)
        return False
    return True


def _numeric_differs(a, b, z, kinked):
    points = (1, -1, 2, 7) if kinked else (0, 1, 2, 7)
    for p in points:
        va, vb = _at(a, z, p), _at(b, z, p)
        if va is not None and vb is not None and abs(va - vb) > 1e-12:
            return False
    return None


def _at(expr, z, point):
    val = expr.subs(z, point).doit()
    if val.free_symbols or not (val.is_finite and val.is_real):
        return None
    return complex(sp.N(val, 30))


def refutation(a, b, z, side, nsides, kinked):
    for p in ((1, -1, 2, 7) if kinked else (0, 1, 2, 7)):
        va, vb = a.subs(z, p).doit(), b.subs(z, p).doit()
        if va.free_symbols or vb.free_symbols or not all(v.is_finite and v.is_real for v in (va, vb)) or abs(complex(sp.N(va - vb, 30))) < 1e-15:
            continue
        which = f"side {side}" if nsides > 2 else "the right side"
        return "refuted", (f"{which} at {z} = {p}: the left side is {_show(va)}, {which} is {_show(vb)}; "
                f"the left side there is {sp.factor(sp.together(a))}"[:400])
    return "unchecked", (f"side {side}: not decided (it differs from the left side in form, and no point "
                         f"tried gave two numbers that differ)")


def _show(value) -> str:
    if value.is_Rational:
        return str(value)
    exact = str(sp.factor(sp.together(value)))
    return f"{exact} ≈ {sp.N(value, 8)}" if len(exact) <= 40 else f"≈ {sp.N(value, 12)}"


__all__ = ["KINK", "S", "T", "equal", "refutation"]
