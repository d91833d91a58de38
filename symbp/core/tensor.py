"""Symbolic tensors: numpy object arrays whose entries are SymPy symbols.

Every tensor is 4-D in PyTorch's layout (NCHW for activations, OIHW for weights)
or 1-D (bias).  Entries are named the way derivations write them, with 1-based
subscripts: a 1x1x3x3 input prints as ``a_{11} ... a_{33}``; a leading batch or
channel index appears only when that dimension has more than one entry
(``a_{2,1,3,3}`` for batch 2, channel 1).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

# The tensor placeholders closed forms are written in, one definition for every layer:
# the input a, weight W, bias b, upstream gradient δ = ∂J/∂z, the previous layer's
# pre-activation z^{l-1}, and the logits z and targets y of a softmax output.
A, W, B, DELTA = sp.symbols("a W b delta")
ZPREV = sp.Symbol("z^{l-1}")
LOGITS, TARGETS = sp.symbols("z y")
#: SymPy's zero (an entry no term reaches); compared with ``is``
ZERO = sp.S.Zero

#: text-mode names for the Greek letters symbp uses in symbol names
_TEXT_NAMES = {"delta": "δ", "sigma": "σ", "chi": "χ"}


def entry_name(base: str, index: tuple[int, ...], shape: tuple[int, ...],
               sup: str | None = None) -> str:
    """Name of the entry at 0-based ``index`` of a tensor of ``shape``.

    Leading dimensions of size 1 (all but the last two) are left out; the
    subscript is written without commas when every shown index is below 10.
    """
    keep = [i for k, (i, n) in enumerate(zip(index, shape))
            if n > 1 or k >= len(shape) - 2]
    subs = [str(i + 1) for i in keep]
    sep = "" if all(len(s) == 1 for s in subs) else ","
    head = base if sup is None else f"{base}^{{{sup}}}"
    return f"{head}_{{{sep.join(subs)}}}"


def symbolic(base: str, shape: tuple[int, ...], sup: str | None = None) -> np.ndarray:
    """Object array of ``shape`` holding fresh symbols named after ``base``."""
    out = np.empty(shape, dtype=object)
    for index in np.ndindex(*shape):
        out[index] = sp.Symbol(entry_name(base, index, shape, sup))
    _MONOMIALS.update(out.ravel())
    return out


def zeros(shape: tuple[int, ...]) -> np.ndarray:
    """Object array of ``shape`` filled with SymPy's zero."""
    out = np.empty(shape, dtype=object)
    out.fill(sp.S.Zero)
    return out


def exact(value) -> sp.Expr:
    """An exact SymPy number for an int, float (0.5 -> 1/2) or SymPy value."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, (float, np.floating)):
        return sp.Rational(str(float(value)))
    return sp.Integer(int(value))


def from_numbers(values) -> np.ndarray:
    """Object array of exact SymPy numbers from nested lists of numbers."""
    arr = np.asarray(values, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    for index in np.ndindex(*arr.shape):
        out[index] = exact(arr[index])
    return out


def as_matrix(t: np.ndarray) -> sp.Matrix:
    """The H x W SymPy matrix of a tensor whose leading dimensions are all 1."""
    if t.ndim < 2 or any(n != 1 for n in t.shape[:-2]):
        raise ValueError(f"tensor of shape {t.shape} is not a single matrix")
    return sp.Matrix(t.reshape(t.shape[-2:]).tolist())


def text(expr) -> str:
    """Plain-text rendering with Greek names shown as letters (δ_{11})."""
    s = str(expr)
    for name, letter in _TEXT_NAMES.items():
        s = s.replace(name, letter)
    return s


def latex_names(expr: sp.Basic) -> dict:
    """symbol_names for sp.latex: 'delta_{21}' -> '\\delta_{21}' (braces stop SymPy's Greek)."""
    names = {}
    for s in expr.free_symbols:
        head = s.name.split("_")[0].split("^")[0]
        if head in _TEXT_NAMES and "{" in s.name:
            names[s] = "\\" + s.name
    return names


def shape_text(shape: tuple[int, ...]) -> str:
    """'3x3' for a single matrix, '2x4x3x3' otherwise."""
    shown = shape[-2:] if all(n == 1 for n in shape[:-2]) else shape
    return "x".join(str(n) for n in shown)


def product(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    """x*y, built directly when both are plain symbols (the hot path of every proof).

    SymPy's Mul costs ~25 µs per call; for two plain commutative symbols the
    canonical product is the pair ordered by name, which is what Mul builds.
    Such products are cached, so the derivation and the closed form share one
    object per monomial.  Anything else goes through Mul.
    (tests/test_tensor.py checks the two agree.)
    """
    if (type(x) is sp.Symbol and type(y) is sp.Symbol and x is not y
            and x._assumptions0 == _PLAIN and y._assumptions0 == _PLAIN):
        return _symbol_product(x, y) if x.name < y.name else _symbol_product(y, x)
    return x * y


@lru_cache(maxsize=1 << 20)
def _symbol_product(x: sp.Symbol, y: sp.Symbol) -> sp.Expr:
    m = sp.Mul._from_args((x, y), True)
    _MONOMIALS.add(m)
    return m


#: plain symbols and products of two of them, built here: sums of distinct members need
#: no collection of like terms (see total)
_MONOMIALS: set = set()


_PLAIN = sp.Symbol("_plain")._assumptions0


def total(terms) -> sp.Expr:
    """The sum of ``terms`` with like terms collected, built in one step.

    Equivalent to ``Add(*terms)`` but keeps the terms in the order given instead of
    sorting them (sorting thousands of terms dominated large proofs).  Compare such
    sums with :func:`coefficients`, not ``==``.
    """
    terms = terms if isinstance(terms, list) else list(terms)
    if _MONOMIALS.issuperset(terms) and len(set(terms)) == len(terms):
        if len(terms) < 2:                      # distinct monomials: nothing to collect
            return terms[0] if terms else sp.S.Zero
        return sp.Add._from_args(terms)
    acc = _collect(terms)
    parts = [m if c == 1 else c * m for m, c in acc.items() if c != 0]
    if not parts:
        return sp.S.Zero
    return parts[0] if len(parts) == 1 else sp.Add._from_args(parts)


def coefficients(expr: sp.Expr) -> dict:
    """The coefficient map {monomial: number} of a sum of products."""
    return {m: c for m, c in _collect((expr,)).items() if c != 0}


def _collect(terms) -> dict:
    acc: dict = {}
    for t in terms:
        for term in (t.args if t.is_Add else (t,)):
            if term.is_Symbol or (term.is_Mul and not term.args[0].is_Number):
                acc[term] = acc.get(term, 0) + 1
            else:
                c, m = term.as_coeff_Mul()
                acc[m] = acc.get(m, 0) + c
    return acc
