"""A second witness for every "holds": both sides at random exact rationals, by direct loops.

A proof (:mod:`symbp.core.proof`) compares the chain rule's entries with the entries that the
operators of :mod:`symbp.core.ops` (and the pooling, dense and checker operators) build for a
closed form.  If an operator's ``entrywise`` were wrong -- cropping its result to the
layer's shape, say -- the proof would compare the wrong things and could say "holds".
Before "holds" is printed, :func:`confirm` evaluates both sides again:

* at one random point: every symbol, σ(z) and σ'(z) value exact (Python ints, drawn by a
  seeded generator; divisions such as average pooling's give :class:`fractions.Fraction`;
  the gradient check of max pooling draws rationals with denominators up to 10³); region
  indicators of max pooling follow from their cells' values (1 where the window's maximum
  pattern is one of the indicator's tie sets);
* each operator of an operator tree by its *meaning*, written in
  :mod:`symbp.witness.meanings` as plain index loops over the operands' full shapes
  (:data:`MEANINGS`, keyed by the operator's class name):
  no code is shared with the operators the proof used, only the tree and its integer
  parameters are read;

and compares the two shapes and every value exactly.  :func:`confirm_gradient` checks the
derived side of a gradient claim against the layer's forward definition the same way (a
directional derivative at a random point).  A disagreement raises
:class:`WitnessError`: an internal error of symbp, never a verdict (the CLI prints it
with the claim and exits with status 3).

>>> import sympy as sp, numpy as np
>>> x = sp.Symbol("x")
>>> arr = np.array([[x, 2 * x]], dtype=object)
>>> confirm("demo", arr, arr, lambda s: None)      # agrees: returns quietly
"""
from __future__ import annotations

import random
import zlib
from fractions import Fraction

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from ..core.regions import INDICATORS
from ..core.tensor import shape_text
from .meanings import _POINT, _Z, MEANINGS, _Undefined


class WitnessError(RuntimeError):
    """The second witness disagrees with a proof that says "holds" (an internal error)."""


# =========================================================================== the point

class Point:
    """Exact rational values for a claim's atoms, drawn on first use.

    ``fixed`` pins atoms (a worked example's numbers, b = 0); the others are drawn from
    ``seed``.  :meth:`number` gives any entry's exact value (an int or a Fraction).
    """

    def __init__(self, seed: int = 0, fixed: dict | None = None, wide: bool = False):
        self.rng = random.Random(seed)
        self.values = {k: _fraction(v) for k, v in (fixed or {}).items()}
        # integers for speed at size (Python ints are exact and ~20x faster than Fractions),
        # rationals with denominators up to 10^3 where max pooling needs no ties
        self.top, self.den = (10 ** 6, 10 ** 3) if wide else (40, 1)

    def atom(self, key):
        value = self.values.get(key)
        if value is None:
            den = self.rng.randint(1, self.den)
            value = self.values[key] = _exact(self.rng.randint(-self.top, self.top), den)
        return value

    def number(self, e):
        """The value of an entry: a number, a symbol, σ(z), σ'(z) or a polynomial in those."""
        kind = type(e)                    # the common cases first, by exact type (fast)
        if kind is int or kind is Fraction:
            return e
        if kind is sp.Symbol and e not in INDICATORS:
            value = self.values.get(e)
            return value if value is not None else self.atom(e)
        if kind is sp.Add:
            return sum([self.number(t) for t in e.args])
        if kind is sp.Mul:
            out = 1
            for t in e.args:
                out *= self.number(t)
            return out
        return self._number(e)

    def _number(self, e):
        if isinstance(e, (int, Fraction)):
            return e
        if isinstance(e, np.integer):
            return int(e)
        if not isinstance(e, sp.Basic):
            raise _Undefined(f"an entry that is not a number or an expression: {e!r}")
        if e.is_Rational:
            return _exact(int(e.p), int(e.q))
        if isinstance(e, sp.Symbol):
            return self._indicator(e) if e in INDICATORS else self.atom(e)
        if isinstance(e, AppliedUndef):           # σ(x): a general function at x's value
            return self.atom((e.func.__name__,) + tuple(self.number(t) for t in e.args))
        if isinstance(e, sp.Derivative) and isinstance(e.expr, AppliedUndef) and \
                e.variables == e.expr.args and len(e.variables) == 1:
            return self.atom((e.expr.func.__name__ + "'", self.number(e.variables[0])))
        if isinstance(e, sp.Derivative):
            return self.atom(e)
        if isinstance(e, sp.Add):
            return sum(self.number(t) for t in e.args)
        if isinstance(e, sp.Mul):
            out = 1
            for t in e.args:
                out *= self.number(t)
            return out
        if isinstance(e, sp.Pow) and e.exp.is_Integer:
            base = self.number(e.base)
            if base == 0 and e.exp < 0:
                raise _Undefined("division by zero at the witness point")
            return base ** int(e.exp) if e.exp >= 0 else Fraction(1, base ** -int(e.exp))
        raise _Undefined(f"cannot evaluate {e} at numbers")

    def _indicator(self, sym) -> int:
        """1 when the cells' maximum pattern (the set of cells equal to the maximum) is one
        of the tie sets the region holds on, else 0."""
        ind = INDICATORS[sym]
        cells = [self.number(c) for c in ind.cells]
        top = max(cells)
        pattern = sum(1 << k for k, v in enumerate(cells) if v == top)
        return int(pattern in ind.true_on)


def _exact(p: int, q: int = 1):
    """p/q exactly: an int when q divides p, else a Fraction."""
    return p // q if p % q == 0 else Fraction(p, q)


def _fraction(v):
    if isinstance(v, (int, Fraction)):
        return v
    if isinstance(v, sp.Basic):
        if not v.is_Rational:
            raise _Undefined(f"a fixed value that is not rational: {v}")
        return _exact(int(v.p), int(v.q))
    return Fraction(v)


# =========================================================================== evaluation

def evaluate(form, lookup, point: Point):
    """A side's full value at ``point``: an object array of exact numbers, or one number.

    ``form`` is an operator tree (its leaves resolved by ``lookup``), an object array of
    entries, or one entry (a SymPy expression).
    """
    return _value(form, lookup, point)


def _value(form, lookup, point: Point):
    """The tree evaluated: an object array of exact numbers (or one number)."""
    if isinstance(form, np.ndarray):
        return _numbers(form, point)
    n = getattr(type(form), "n_tensors", None)
    if n is None or not hasattr(form, "params"):
        found = lookup(form) if isinstance(form, sp.Symbol) else None
        return _numbers(form if found is None else found, point)
    name = type(form).__name__
    meaning = MEANINGS.get(name)
    if meaning is None:
        raise WitnessError(f"the witness has no meaning for the operator {name} "
                           "(add it to symbp.witness.meanings.MEANINGS)")
    operands = [_value(t, lookup, point) for t in form.args[:n]]
    params = tuple(int(p) for p in form.args[n:])
    _POINT.append(point)
    try:
        return meaning(*operands, *params)
    finally:
        _POINT.pop()


def _numbers(value, point: Point):
    if isinstance(value, np.ndarray):
        out = np.empty(value.shape, dtype=object)
        for index in np.ndindex(*value.shape):
            out[index] = point.number(value[index])
        return out
    return point.number(value)


#: operators whose values are not rational at rational points (e^z, tanh z, log): a claim
#: with one of them is left to its own exact proof (softmax's and σ'(z)'s run over e^z)
NOT_RATIONAL = frozenset({"Act", "ActPrime", "Softmax", "CrossEntropy"})


def confirm(claim: str, derived, claimed, lookup, *, fixed: dict | None = None,
            seed: int | None = None) -> None:
    """Raise WitnessError unless ``derived`` and ``claimed`` agree in shape and in every
    value at one random rational point (seeded by the claim's text unless ``seed``).

    derived, claimed: operator trees over placeholders (``lookup(symbol)`` gives a
    placeholder's entries, None for a symbol that is an entry itself), object arrays, or
    single entries.  Example: ``confirm("∂J/∂W = a * δ", grads_w, WeightCorrelate(A,
    DELTA, 1, 1, 1), env.get)`` for a 1x1x3x3 a and 1x1x2x2 δ.
    """
    if any(_contains(side, name) for side in (derived, claimed) for name in NOT_RATIONAL):
        return
    point = Point(zlib.crc32(claim.encode()) if seed is None else seed, fixed)
    try:
        d = evaluate(derived, lookup, point)
        c = evaluate(claimed, lookup, point)
    except _Undefined as err:
        raise WitnessError(f"the proof says \"holds\" for {claim}, but the witness finds a "
                           f"side undefined: {err}") from None
    d, c = _one_entry(d, c)
    if np.shape(d) != np.shape(c):
        raise WitnessError(f"the proof says \"holds\" for {claim}, but the witness evaluates "
                           f"the sides to shapes {_shape(d)} and {_shape(c)}")
    pairs = np.ndenumerate(d) if isinstance(d, np.ndarray) else [((), d)]
    for index, value in pairs:
        other = c[index] if isinstance(c, np.ndarray) else c
        if value != other:
            where = f" at index {tuple(i + 1 for i in index)}" if index else ""
            raise WitnessError(f"the proof says \"holds\" for {claim}, but at a random rational "
                               f"point the witness finds{where} {value} on the derived side and "
                               f"{other} on the claimed side")


def confirm_gradient(claim: str, derived, forward, wrt: sp.Symbol, delta: sp.Symbol, lookup, *,
                     seed: int | None = None) -> None:
    """Raise WitnessError unless the chain rule's ``derived`` = ∂J/∂wrt, J = Σ δ ⊙ forward,
    agrees with the forward's meaning evaluated here: at a random point x (wide rationals, so
    no two window cells tie) and a random direction v,

        (J(x + t v) − J(x)) / t  ==  Σ_k derived_k(x) · v_k        exactly, t = 10⁻¹²,

    which holds for a forward that is affine in ``wrt`` near x (convolution, fully
    connected and average pooling everywhere, where t = 1; max pooling where no argmax
    changes, which t this small guarantees between distinct rationals of denominators up
    to 10³).  This
    checks the derived side against the definition, as :func:`confirm` checks the claimed
    one; both use only this module's meanings.  Example: ``confirm_gradient("∂J/∂a",
    grads_a, Conv2d(cfg).forward_form(), A, DELTA, env.get)``.
    """
    if any(_contains(forward, name) for name in NOT_RATIONAL):
        return
    piecewise = _contains(forward, "MaxPool")          # else J is affine in wrt: t = 1
    point = Point(zlib.crc32(claim.encode()) + 1 if seed is None else seed, wide=piecewise)
    try:
        x = evaluate(wrt, lookup, point)
        g = evaluate(delta, lookup, point)
        grad = evaluate(derived, lookup, point)
        if not isinstance(x, np.ndarray) or np.shape(grad) != x.shape:
            raise WitnessError(f"the proof says \"holds\" for {claim}, but the derived "
                               f"gradient is {_shape(grad)} and its variable {_shape(x)}")
        v = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            v[index] = Fraction(point.rng.randint(-1000, 1000), 1000) if piecewise else \
                point.rng.randint(-9, 9)
        t = Fraction(1, 10 ** 12) if piecewise else 1

        def loss(values):
            z = evaluate(forward, lambda s: values if s == wrt else lookup(s), point)
            if np.shape(z) != np.shape(g):
                raise _Undefined(f"the forward is {_shape(z)} but δ is {_shape(g)}")
            return sum((g[i] * z[i] for i in np.ndindex(*g.shape)), _Z)

        moved = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            moved[index] = x[index] + t * v[index]
        slope = (loss(moved) - loss(x)) / t
        along = sum((grad[i] * v[i] for i in np.ndindex(*x.shape)), _Z)
    except _Undefined as err:
        raise WitnessError(f"the proof says \"holds\" for {claim}, but the witness cannot "
                           f"evaluate the forward definition: {err}") from None
    if slope != along:
        raise WitnessError(f"the proof says \"holds\" for {claim}, but the derived gradient "
                           f"disagrees with the forward definition at a random rational point: "
                           f"a step along a random direction changes J at rate {slope}, the "
                           f"derived gradient says {along}")


def _contains(form, name: str) -> bool:
    return type(form).__name__ == name or any(_contains(t, name) for t in getattr(form, "args", ()))


def _one_entry(d, c):
    """A one-entry array compared with an entry is that entry (as the checker compares)."""
    if isinstance(d, np.ndarray) and d.size == 1 and not isinstance(c, np.ndarray):
        d = d.ravel()[0]
    if isinstance(c, np.ndarray) and c.size == 1 and not isinstance(d, np.ndarray):
        c = c.ravel()[0]
    return d, c


def _shape(v) -> str:
    return shape_text(np.shape(v)) if np.shape(v) else "one entry"
