"""A second witness for every "holds": both sides at random exact rationals, by direct loops.

A proof (:mod:`symbp.proof`) compares the chain rule's entries with the entries that the
operators of :mod:`symbp.ops` (and the pooling, dense and checker operators) build for a
closed form.  If an operator's ``entrywise`` were wrong -- cropping its result to the
layer's shape, say -- the proof would compare the wrong things and could say "holds".
Before "holds" is printed, :func:`confirm` evaluates both sides again:

* at one random point: every symbol, σ(z) and σ'(z) value exact (Python ints, drawn by a
  seeded generator; divisions such as average pooling's give :class:`fractions.Fraction`;
  the gradient check of max pooling draws rationals with denominators up to 10³); region
  indicators of max pooling follow from their cells' values (1 where the window's maximum
  pattern is one of the indicator's tie sets);
* each operator of an operator tree by the *meaning* written here, as plain index loops
  over the operands' full shapes (:data:`MEANINGS`, keyed by the operator's class name):
  no code is shared with the operators the proof used, only the tree and its integer
  parameters are read;

and compares the two shapes and every value exactly.  A disagreement raises
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

from .regions import INDICATORS
from .tensor import shape_text

#: σ, the general activation, as the chain rule writes it (an undefined function by name)
_SIGMA = sp.Function("sigma")


class WitnessError(RuntimeError):
    """The second witness disagrees with a proof that says "holds" (an internal error)."""


class _Undefined(Exception):
    """An operator the witness finds undefined for its operands' shapes."""


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
                           "(add it to symbp.witness.MEANINGS)")
    operands = [_value(t, lookup, point) for t in form.args[:n]]
    params = tuple(int(p) for p in form.args[n:])
    _POINT.append(point)
    try:
        return meaning(*operands, *params)
    finally:
        _POINT.pop()


#: the point of the evaluation in progress (σ's values are drawn from it)
_POINT: list[Point] = []


def _numbers(value, point: Point):
    if isinstance(value, np.ndarray):
        out = np.empty(value.shape, dtype=object)
        for index in np.ndindex(*value.shape):
            out[index] = point.number(value[index])
        return out
    return point.number(value)


def confirm(claim: str, derived, claimed, lookup, *, fixed: dict | None = None,
            seed: int | None = None) -> None:
    """Raise WitnessError unless ``derived`` and ``claimed`` agree in shape and in every
    value at one random rational point (seeded by the claim's text unless ``seed``).

    derived, claimed: operator trees over placeholders (``lookup(symbol)`` gives a
    placeholder's entries, None for a symbol that is an entry itself), object arrays, or
    single entries.  Example: ``confirm("∂J/∂W = a * δ", grads_w, WeightCorrelate(A,
    DELTA, 1, 1, 1), env.get)`` for a 1x1x3x3 a and 1x1x2x2 δ.
    """
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


# =========================================================================== meanings
# Each takes the operands (object arrays) and the integer parameters, and loops over the
# full index ranges its mathematical definition names.

_Z = 0


def _zeros(shape) -> np.ndarray:
    out = np.empty(shape, dtype=object)
    out.fill(_Z)
    return out


def _pad(x, top, bottom, left, right):
    h, w = x.shape[-2:]
    hn, wn = h + top + bottom, w + left + right
    if hn < 0 or wn < 0:
        raise _Undefined(f"pad ({top},{bottom},{left},{right}) of a {h}x{w} tensor")
    out = _zeros(x.shape[:-2] + (hn, wn))
    for index in np.ndindex(*x.shape):
        i, j = index[-2] + top, index[-1] + left
        if 0 <= i < hn and 0 <= j < wn:
            out[index[:-2] + (i, j)] = x[index]
    return out


def _dilate(x, sh, sw):
    h, w = x.shape[-2:]
    out = _zeros(x.shape[:-2] + ((h - 1) * sh + 1, (w - 1) * sw + 1))
    for index in np.ndindex(*x.shape):
        out[index[:-2] + (index[-2] * sh, index[-1] * sw)] = x[index]
    return out


def _rot180(x):
    h, w = x.shape[-2:]
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        out[index] = x[index[:-2] + (h - 1 - index[-2], w - 1 - index[-1])]
    return out


def _crop(x, h, w):
    if x.shape[-2] < h or x.shape[-1] < w:
        raise _Undefined(f"crop to {h}x{w} of a {x.shape[-2]}x{x.shape[-1]} tensor")
    out = np.empty(x.shape[:-2] + (h, w), dtype=object)
    for index in np.ndindex(*out.shape):
        out[index] = x[index]
    return out


def _swapio(w, groups):
    o, cg, kh, kw = w.shape
    if o % groups:
        raise _Undefined(f"{o} output channels in {groups} groups")
    per = o // groups
    out = np.empty((groups * cg, per, kh, kw), dtype=object)
    for g in range(groups):
        for c in range(cg):
            for k in range(per):
                for p in range(kh):
                    for q in range(kw):
                        out[g * cg + c, k, p, q] = w[g * per + k, c, p, q]
    return out


def _correlate(x, w, sh, sw, dh, dw, groups):
    """out[n,o,i,j] = Σ_{c,p,q} x[n, grp(o)·C/G + c, i·sh + p·dh, j·sw + q·dw] w[o,c,p,q]."""
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    if c != cg * groups or o % groups:
        raise _Undefined(f"a {o}x{cg}x{kh}x{kw} kernel on {c} channels, groups={groups}")
    ho, wo = (h - dh * (kh - 1) - 1) // sh + 1, (wd - dw * (kw - 1) - 1) // sw + 1
    if ho < 1 or wo < 1:
        raise _Undefined(f"a {kh}x{kw} kernel larger than a {h}x{wd} input")
    per = o // groups
    out = _zeros((n, o, ho, wo))
    for b in range(n):
        for k in range(o):
            c0 = (k // per) * cg
            for i in range(ho):
                for j in range(wo):
                    acc = _Z
                    for ci in range(cg):
                        for p in range(kh):
                            for q in range(kw):
                                acc += x[b, c0 + ci, i * sh + p * dh, j * sw + q * dw] * \
                                    w[k, ci, p, q]
                    out[b, k, i, j] = acc
    return out


def _weight_correlate(x, g, dh, dw, groups):
    """out[o,c,p,q] = Σ_{n,y,x} x[n, grp(o)·C/G + c, p·dh + y, q·dw + x] g[n,o,y,x] at every
    (p, q) where g fits: (H - Hg) // dh + 1 rows."""
    n, c, h, wd = x.shape
    ng, o, hg, wg = g.shape
    if ng != n or hg > h or wg > wd or c % groups or o % groups:
        raise _Undefined(f"a {ng}x{o}x{hg}x{wg} δ against a {n}x{c}x{h}x{wd} input")
    kh, kw = (h - hg) // dh + 1, (wd - wg) // dw + 1
    cg, per = c // groups, o // groups
    out = _zeros((o, cg, kh, kw))
    for k in range(o):
        c0 = (k // per) * cg
        for ci in range(cg):
            for p in range(kh):
                for q in range(kw):
                    acc = _Z
                    for b in range(n):
                        for y in range(hg):
                            for xx in range(wg):
                                acc += x[b, c0 + ci, p * dh + y, q * dw + xx] * g[b, k, y, xx]
                    out[k, ci, p, q] = acc
    return out


def _addbias(x, b):
    if b.shape != (x.shape[1],):
        raise _Undefined(f"a bias of {b.shape} on {x.shape[1]} channels")
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        out[index] = x[index] + b[index[1]]
    return out


def _channelsum(g):
    out = _zeros((g.shape[1],))
    for index in np.ndindex(*g.shape):
        out[index[1]] += g[index]
    return out


def _entrywise(f):
    def apply(x, y):
        if x.shape != y.shape:
            raise _Undefined(f"entrywise operation on shapes {x.shape} and {y.shape}")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = f(x[index], y[index])
        return out
    return apply


def _sigma_of(derivative: bool):
    """σ (or σ') of each entry: the general activation is a function of the entry's value,
    so equal values give equal σ values (an atom of the point per value)."""
    def apply(z):
        out = np.empty(z.shape, dtype=object)
        for index in np.ndindex(*z.shape):
            out[index] = _POINT[-1].atom(("sigma'" if derivative else "sigma", z[index]))
        return out
    return apply


def _plus(x, y, sign):
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        if isinstance(y, np.ndarray):
            if y.shape != x.shape:
                raise _Undefined(f"adding shapes {x.shape} and {y.shape}")
            out[index] = x[index] + sign * y[index]
        else:
            out[index] = x[index] + sign * y
    return out


def _matrix(x):
    if not isinstance(x, np.ndarray) or x.ndim != 2:
        raise _Undefined("a matrix operation on something that is not a matrix")
    return x


def _matmul(x, y, col=0):
    x, y = _matrix(x), _matrix(y)
    if x.shape[1] != y.shape[0]:
        raise _Undefined(f"a {x.shape} by {y.shape} matrix product")
    out = _zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for m in range(x.shape[1]):
                out[i, j] = out[i, j] + x[i, m] * y[m, j]
    return out


def _transpose(x, col=0):
    x = _matrix(x)
    out = np.empty((x.shape[1], x.shape[0]), dtype=object)
    for i, j in np.ndindex(*x.shape):
        out[j, i] = x[i, j]
    return out


def _linear(x, w, b, col=0):
    z = _matmul(x, _transpose(w))
    if b.shape != (z.shape[1],):
        raise _Undefined(f"a bias of {b.shape} on {z.shape[1]} features")
    for i, j in np.ndindex(*z.shape):
        z[i, j] = z[i, j] + b[j]
    return z


def _rows_sum(x):
    """Σ_n x_n over the examples (columns) of a column-notation matrix -> a column."""
    x = _matrix(x)
    out = _zeros((x.shape[0], 1))
    for i, j in np.ndindex(*x.shape):
        out[i, 0] = out[i, 0] + x[i, j]
    return out


def _batch_sum(g):
    out = _zeros((g.shape[1],))
    for n, m in np.ndindex(*g.shape):
        out[m] = out[m] + g[n, m]
    return out


# ---- pooling: windows computed here from the parameters (PyTorch's rules)

def _axis_windows(size, k, s, p, d, ceil):
    """Each output position's in-bounds cells along one axis, and its padded count."""
    span = size + 2 * p - d * (k - 1) - 1
    count = (span + (s - 1 if ceil else 0)) // s + 1
    if ceil and (count - 1) * s >= size + p:
        count -= 1
    out = []
    for o in range(count):
        start = o * s - p
        cells = [start + t * d for t in range(k) if 0 <= start + t * d < size]
        out.append((cells, min(start + k, size + p) - start))
    return out


def _windows(params):
    h, w, kh, kw, sh, sw, ph, pw, dh, dw, ceil, _, _ = params
    rows = _axis_windows(h, kh, sh, ph, dh, ceil)
    cols = _axis_windows(w, kw, sw, pw, dw, ceil)
    return [((i, j), [(r, c) for r in rc for c in cc], rn * cn)
            for i, (rc, rn) in enumerate(rows) for j, (cc, cn) in enumerate(cols)], \
        (len(rows), len(cols))


def _divisor(params, cells, padded):
    if params[12]:
        return params[12]
    return padded if params[11] else len(cells)


def _check_pool(x, params, what):
    if x.ndim != 4 or x.shape[-2:] != tuple(params[:2]):
        raise _Undefined(f"{what} of a {x.shape} tensor for a {params[0]}x{params[1]} pooling")


def _upsample_avg(g, *params):
    windows, out_hw = _windows(params)
    if g.shape[-2:] != out_hw:
        raise _Undefined(f"δ of {g.shape} for a pooling output {out_hw}")
    out = _zeros(g.shape[:2] + tuple(params[:2]))
    for n, c in np.ndindex(*g.shape[:2]):
        for where, cells, padded in windows:
            share = Fraction(g[n, c][where]) / _divisor(params, cells, padded)
            for cell in cells:
                out[n, c][cell] = out[n, c][cell] + share
    return out


def _avgpool(x, *params):
    _check_pool(x, params, "avgpool")
    windows, out_hw = _windows(params)
    out = _zeros(x.shape[:2] + out_hw)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, padded in windows:
            out[n, c][where] = Fraction(sum((x[n, c][cell] for cell in cells), _Z)) / \
                _divisor(params, cells, padded)
    return out


def _upsample_max(g, x, *params):
    """δ of each window to its first maximum (tie 0, PyTorch) or last maximum (tie 1) of
    the input's values at the point."""
    *params, tie = params
    _check_pool(x, params, "upsample_max")
    windows, out_hw = _windows(params)
    if g.shape != x.shape[:2] + out_hw:
        raise _Undefined(f"δ of {g.shape} for a pooling output {x.shape[:2] + out_hw}")
    out = _zeros(x.shape)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, _ in windows:
            if not cells:
                continue
            values = [x[n, c][cell] for cell in cells]
            top = max(values)
            order = range(len(cells)) if tie == 0 else reversed(range(len(cells)))
            best = next(k for k in order if values[k] == top)
            out[n, c][cells[best]] = out[n, c][cells[best]] + g[n, c][where]
    return out


def _maxpool(x, *params):
    _check_pool(x, params, "maxpool")
    windows, out_hw = _windows(params)
    out = _zeros(x.shape[:2] + out_hw)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, _ in windows:
            values = [x[n, c][cell] for cell in cells]
            if not values:
                raise _Undefined("a max pooling window wholly in the padding")
            out[n, c][where] = max(values)
    return out


#: operator class name -> its meaning (operands, then integer parameters)
MEANINGS = {
    "Pad": _pad, "Dilate": _dilate, "Rot180": _rot180, "Crop": _crop, "SwapIO": _swapio,
    "Correlate": _correlate, "WeightCorrelate": _weight_correlate, "AddBias": _addbias,
    "ChannelSum": _channelsum,
    "Hadamard": _entrywise(lambda u, v: u * v),
    "Difference": _entrywise(lambda u, v: u - v),
    "Sigma": _sigma_of(False), "SigmaPrime": _sigma_of(True),
    "_Plus": _plus, "_ExampleSum": _rows_sum,
    "MatMul": _matmul, "Transpose": _transpose, "Linear": _linear, "BatchSum": _batch_sum,
    "UpsampleAvg": _upsample_avg, "AvgPool": _avgpool,
    "UpsampleMax": _upsample_max, "MaxPool": _maxpool,
}
