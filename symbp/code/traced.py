"""Traced scalars: an exact SymPy expression and a concrete shadow value, computed together.

A user's numpy forward and backward run unchanged on object arrays of :class:`Traced`
entries.  Arithmetic builds the exact expression and the shadow value side by side;
a comparison (``max``, ``argmax``, ``x > 0``, ``x == x.max()``) is decided by the shadow
values and recorded in :data:`PATH` as ``(lhs, op, rhs, outcome)``, so branchy code is
traced one comparison region at a time.  The region traced is every input for which the
recorded comparisons come out the same way.

Literal epsilons (a float constant below :data:`EPSILON_BELOW` in magnitude, such as the
1e-16 of ``log(p + 1e-16)``) become symbols of their own (:func:`epsilon_symbol`), so an
exact comparison can say when a difference consists only of such terms.

Example::

    >>> from symbp.core.tensor import symbolic
    >>> x = traced_array(symbolic("x", (2,)), np.array([1, 3]))
    >>> y = x * 2 + 1
    >>> expressions(y)[1], y[1].shadow
    (2*x_{2} + 1, 7)
"""
from __future__ import annotations

import contextlib
import math
from fractions import Fraction

import numpy as np
import sympy as sp

#: comparisons recorded during the current trace: (lhs expr, op, rhs expr, outcome)
PATH: list[tuple] = []
#: float literals below this magnitude (and not 0) are treated as literal epsilons
EPSILON_BELOW = 1e-6
#: symbol -> exact value of every literal epsilon seen (1e-16 -> ε[1e-16])
EPSILONS: dict[sp.Symbol, sp.Rational] = {}


class TracingError(TypeError):
    """The user's code did something a traced value cannot do (a cast to float)."""


def epsilon_symbol(value: float) -> sp.Symbol:
    """The symbol standing for the literal epsilon ``value`` (positive, exact value kept)."""
    sym = sp.Symbol(f"ε[{value!r}]", positive=True)
    EPSILONS[sym] = sp.Rational(repr(float(value)))
    return sym


def _literal(value):
    """(expression, shadow) of a constant the user's code supplies."""
    if isinstance(value, (bool, np.bool_)):
        return sp.Integer(int(value)), int(value)
    if isinstance(value, (int, np.integer)):
        return sp.Integer(int(value)), int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if not math.isfinite(v):
            raise TracingError(f"the code uses the non-finite constant {v!r}")
        if v != 0 and abs(v) < EPSILON_BELOW:
            return epsilon_symbol(v), Fraction(repr(v))
        shadow = simple_fraction(v)
        return sp.Rational(shadow.numerator, shadow.denominator), shadow
    if isinstance(value, sp.Basic):
        return value, None
    raise TracingError(f"cannot combine a traced value with {type(value).__name__}")


def simple_fraction(v: float) -> Fraction:
    """The float as the simplest fraction (denominator up to 10**6) that rounds to it, else
    its decimal repr: 1/6 computed in float64 is read as 1/6, 0.1 as 1/10."""
    near = Fraction(v).limit_denominator(10 ** 6)
    return near if float(near) == v else Fraction(repr(v))


def _parts(value):
    if isinstance(value, Traced):
        return value.node, value.shadow
    return _literal(value)


def _float(v) -> float:
    return float(v)


class Node:
    """One operation of a trace: ``op`` applied to ``args`` (Nodes or SymPy leaves).

    The SymPy expression is built only when asked for (:func:`to_sympy`, memoised in
    ``sym``), so a trace that a faster exact route proves never pays for SymPy's
    canonical sums; ``form`` memoises :mod:`symbp.code.laurent`'s representation as
    (registry, Form).
    """
    __slots__ = ("op", "args", "sym", "form")

    def __init__(self, op: str, args: tuple):
        self.op, self.args, self.sym, self.form = op, args, None, None


def _add(a, b): return a + b
def _sub(a, b): return a - b
def _mul(a, b): return a * b
def _neg(a): return -a


#: how each operation builds its SymPy expression (exactly what eager tracing built)
SYMPY_OPS = {"add": _add, "sub": _sub, "mul": _mul, "div": lambda a, b: _divide(a, b),
             "pow": lambda a, b: _power(a, b), "neg": _neg, "exp": sp.exp, "log": sp.log,
             "sqrt": sp.sqrt}
_SHADOW_OPS = {"add": _add, "sub": _sub, "mul": _mul, "div": lambda a, b: _divide(a, b),
               "pow": lambda a, b: _power(a, b)}


def to_sympy(node) -> sp.Expr:
    """The SymPy expression of a trace node (a leaf is its own expression); iterative, so
    long accumulation chains do not hit Python's recursion limit."""
    if not isinstance(node, Node):
        return node
    if node.sym is not None:
        return node.sym
    stack = [node]
    while stack:
        top = stack[-1]
        if top.sym is not None:
            stack.pop()
            continue
        pending = [a for a in top.args if isinstance(a, Node) and a.sym is None]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        top.sym = SYMPY_OPS[top.op](*(a.sym if isinstance(a, Node) else a for a in top.args))
    return node.sym


class Traced:
    """A traced scalar: exact ``node`` (a trace Node or SymPy leaf; ``expr`` is its SymPy
    expression) and concrete ``shadow`` (int/Fraction/float)."""
    __slots__ = ("node", "shadow")
    __array_priority__ = -1

    def __init__(self, node, shadow):
        self.node, self.shadow = node, shadow

    @property
    def expr(self) -> sp.Expr:
        return to_sympy(self.node)

    def _binary(self, other, op):
        if isinstance(other, np.ndarray):
            return NotImplemented
        on, ov = _parts(other)
        return Traced(Node(op, (self.node, on)), _SHADOW_OPS[op](self.shadow, ov))

    def _rbinary(self, other, op):
        if isinstance(other, np.ndarray):
            return NotImplemented
        on, ov = _parts(other)
        return Traced(Node(op, (on, self.node)), _SHADOW_OPS[op](ov, self.shadow))

    def __add__(self, o): return self._binary(o, "add")
    def __radd__(self, o): return self._rbinary(o, "add")
    def __sub__(self, o): return self._binary(o, "sub")
    def __rsub__(self, o): return self._rbinary(o, "sub")
    def __mul__(self, o): return self._binary(o, "mul")
    def __rmul__(self, o): return self._rbinary(o, "mul")
    def __truediv__(self, o): return self._binary(o, "div")
    def __rtruediv__(self, o): return self._rbinary(o, "div")
    def __pow__(self, o): return self._binary(o, "pow")
    def __rpow__(self, o): return self._rbinary(o, "pow")
    def __neg__(self): return Traced(Node("neg", (self.node,)), -self.shadow)
    def __pos__(self): return self

    def __abs__(self):
        return self if self._compare(0, ">=") else -self

    def _compare(self, other, op):
        if isinstance(other, np.ndarray):
            return NotImplemented
        on, ov = _parts(other)
        lv, rv = self.shadow, ov
        outcome = {"<": lv < rv, "<=": lv <= rv, ">": lv > rv, ">=": lv >= rv,
                   "==": lv == rv, "!=": lv != rv}[op]
        PATH.append((self.node, op, on, bool(outcome)))
        return bool(outcome)

    def __lt__(self, o): return self._compare(o, "<")
    def __le__(self, o): return self._compare(o, "<=")
    def __gt__(self, o): return self._compare(o, ">")
    def __ge__(self, o): return self._compare(o, ">=")
    def __eq__(self, o): return self._compare(o, "==")
    def __ne__(self, o): return self._compare(o, "!=")
    __hash__ = None

    def __bool__(self):
        return self._compare(0, "!=")

    # numpy calls these methods on object arrays (np.exp, np.log, np.sqrt, np.var)
    def conjugate(self): return self
    @property
    def real(self): return self
    def exp(self): return Traced(Node("exp", (self.node,)), math.exp(_float(self.shadow)))

    def log(self):
        if self.shadow <= 0:
            raise TracingError(f"log of a non-positive value ({float(self.shadow)})")
        return Traced(Node("log", (self.node,)), math.log(_float(self.shadow)))

    def sqrt(self):
        if self.shadow < 0:
            raise TracingError(f"sqrt of a negative value ({float(self.shadow)})")
        return Traced(Node("sqrt", (self.node,)), math.sqrt(_float(self.shadow)))

    def __float__(self):
        raise TracingError("the code converts a traced value to float (float(), astype(float) "
                           "or assignment into a float array); symbp traces object arrays only")

    __int__ = __index__ = __float__

    def __repr__(self):
        return f"Traced({self.expr}, {self.shadow})"


def _divide(a, b):
    if isinstance(a, sp.Basic) or isinstance(b, sp.Basic):
        return a / b
    if b == 0:
        raise ZeroDivisionError("division by zero in the traced code")
    if isinstance(a, float) or isinstance(b, float):
        return a / b
    return Fraction(a) / Fraction(b)


def _power(a, b):
    if isinstance(a, sp.Basic) or isinstance(b, sp.Basic):
        return a ** b
    if isinstance(b, (int, np.integer)) or (isinstance(b, Fraction) and b.denominator == 1):
        return Fraction(a) ** int(b) if not isinstance(a, float) else a ** int(b)
    return float(a) ** float(b)


# --------------------------------------------------------------------------- arrays

def traced_array(symbols: np.ndarray, shadows: np.ndarray) -> np.ndarray:
    """Object array of Traced entries: ``symbols`` (SymPy) with ``shadows`` (ints) beside."""
    out = np.empty(symbols.shape, dtype=object)
    for index, sym in np.ndenumerate(symbols):
        v = shadows[index]
        out[index] = Traced(sym, int(v) if float(v).is_integer() else Fraction(repr(float(v))))
    return out


def node_of(value):
    """The trace node of one entry (Traced or a constant the code supplied)."""
    if isinstance(value, Traced):
        return value.node
    if isinstance(value, np.ndarray) and value.shape == ():
        return node_of(value[()])
    return _literal(value)[0]


def nodes(array) -> np.ndarray:
    """Object array of the trace nodes of ``array``'s entries (raises TracingError for an
    entry no trace can hold, as :func:`expressions` does)."""
    arr = np.asarray(array, dtype=object) if not isinstance(array, np.ndarray) else array
    out = np.empty(arr.shape, dtype=object)
    for index in np.ndindex(*arr.shape):
        out[index] = node_of(arr[index])
    return out


def expression(value) -> sp.Expr:
    """The exact expression of one entry (Traced or a constant)."""
    return to_sympy(node_of(value))


def expressions(array) -> np.ndarray:
    """Object array of the exact expressions of ``array``'s entries."""
    return sympy_array(nodes(array))


def sympy_array(node_array: np.ndarray) -> np.ndarray:
    """Object array of SymPy expressions of an object array of trace nodes."""
    out = np.empty(node_array.shape, dtype=object)
    for index, node in np.ndenumerate(node_array):
        out[index] = to_sympy(node)
    return out


# --------------------------------------------------------------------------- constructors

_CONSTRUCTORS = ("zeros", "zeros_like", "empty", "empty_like", "ones", "ones_like",
                 "full", "full_like")
_REAL = {name: getattr(np, name) for name in _CONSTRUCTORS}


def _object_dtype(dtype):
    if dtype is None:
        return object
    return object if np.dtype(dtype).kind in "fc" else dtype


def _filled(shape, value, dtype):
    dtype = _object_dtype(dtype)
    out = _REAL["empty"](shape, dtype=dtype)
    out.fill(value if dtype is object else value)
    return out


def _like_shape(a, shape):
    return np.shape(a) if shape is None else shape


def _like_dtype(a, dtype):
    if dtype is not None:
        return dtype
    kind = np.asarray(a).dtype if isinstance(a, np.ndarray) else np.result_type(a)
    return None if kind.kind in "fcO" else kind


_PATCHES = {
    "zeros": lambda shape, dtype=None, **k: _filled(shape, 0, dtype),
    "empty": lambda shape, dtype=None, **k: _filled(shape, 0, dtype),
    "ones": lambda shape, dtype=None, **k: _filled(shape, 1, dtype),
    "full": lambda shape, fill_value, dtype=None, **k: _filled(shape, fill_value, dtype),
    "zeros_like": lambda a, dtype=None, shape=None, **k:
        _filled(_like_shape(a, shape), 0, _like_dtype(a, dtype)),
    "empty_like": lambda a, dtype=None, shape=None, **k:
        _filled(_like_shape(a, shape), 0, _like_dtype(a, dtype)),
    "ones_like": lambda a, dtype=None, shape=None, **k:
        _filled(_like_shape(a, shape), 1, _like_dtype(a, dtype)),
    "full_like": lambda a, fill_value, dtype=None, shape=None, **k:
        _filled(_like_shape(a, shape), fill_value, _like_dtype(a, dtype)),
}


@contextlib.contextmanager
def object_arrays():
    """Inside: numpy's float array constructors build object arrays (exact 0 and 1).

    Integer and boolean dtypes are kept (index arrays, masks); PATH is cleared on entry.
    """
    PATH.clear()
    try:
        for name, patched in _PATCHES.items():
            setattr(np, name, patched)
        yield
    finally:
        for name, real in _REAL.items():
            setattr(np, name, real)
