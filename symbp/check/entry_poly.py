"""Exact comparison and cheap construction of the index reader's entries (polynomials in
the layer's symbols), without SymPy's ``expand`` and ``Mul`` on the hot path.

At a document's own sizes (a 28x28 input, a 5x5 kernel) a claim is compared entry by
entry over hundreds of entries, each a sum of tens of products; ``expand(a - b)`` of one
such pair and SymPy's ``Mul`` on every product were most of a check's time.

* :func:`poly_of` reads an entry as its coefficient map ``{monomial: Rational}``, a
  monomial being the frozenset of ``(symbol, exponent)``; only sums, products, whole
  non-negative powers, rational numbers and plain symbols are read (anything else, σ(z),
  a float, a division by a symbol: None, and the caller falls back to ``expand``).
  Two polynomials in independent symbols are the same exactly when their coefficient
  maps are equal, so :func:`same_entry` is exact either way.
* :func:`atom_product` builds the product of distinct plain symbols and a rational
  number in the canonical form ``Mul`` gives (its arguments sorted by SymPy's own key),
  without ``Mul``'s flattening; anything else goes through ``Mul``.
* :data:`FAST` switches both off (``benchmarks/check_documents.py`` times the SymPy route).

Example::

    >>> x, y, s = sp.symbols("x y s")
    >>> same_entry(s * (x * y + 2 * x), 2 * s * x + s * x * y), same_entry(s * x, s * y)
    (True, False)
    >>> atom_product([sp.Integer(3), y, x]) == sp.Mul(3, y, x)
    True
"""
from __future__ import annotations

from operator import attrgetter

import numpy as np
import sympy as sp
from sympy.core.basic import _cmp_name

FAST = True                 # False: the plain SymPy route (expand, Mul), for benchmarks

_PLAIN = sp.Symbol("_plain")._assumptions0
_ONE = frozenset()
_name = attrgetter("name")
_SYMBOL_FIRST = 0 if _cmp_name(sp.Symbol, sp.Mul) < 0 else 1      # Basic.compare's class order


def _plain(e) -> bool:
    return type(e) is sp.Symbol and e._assumptions0 == _PLAIN


def atom_product(factors) -> sp.Expr:
    """``Mul(*factors)`` for plain symbols, each at most once, and rational numbers, built
    directly in ``Mul``'s canonical form; any other factor list goes through ``Mul``."""
    if not FAST:
        return sp.Mul(*factors)
    coeff, symbols = sp.S.One, []
    for f in factors:
        if _plain(f):
            symbols.append(f)
        elif isinstance(f, sp.Rational):
            coeff *= f
        else:
            return sp.Mul(*factors)
    if len(set(symbols)) != len(symbols):
        return sp.Mul(*factors)
    if coeff == 0 or not symbols:
        return coeff
    symbols.sort(key=_name)                 # plain symbols: Basic.compare orders them by name
    if coeff == 1:
        return symbols[0] if len(symbols) == 1 else sp.Mul._from_args(tuple(symbols), True)
    return sp.Mul._from_args((coeff, *symbols), True)


def sum_of_products(terms) -> sp.Expr:
    """``Add(*terms)`` for distinct terms that are plain symbols or products of plain symbols
    without a number, built directly in ``Add``'s canonical order: ``Basic.compare`` orders
    such terms by class (a symbol before a product), then by their number of factors, then
    by their factors' names in turn; zeros are dropped, and a sum's own terms are terms (as ``Add`` takes them).  Any other list goes through ``Add``."""
    terms = [a for t in terms for a in (t.args if type(t) is sp.Add else (t,))   # Add flattens a sum's terms in
             if not (isinstance(a, sp.Integer) and a == 0)]
    if not FAST or len(terms) < 2:
        return sp.Add(*terms)
    keys = []
    for t in terms:
        if _plain(t):
            keys.append((_SYMBOL_FIRST, 1, (t.name,)))
        elif type(t) is sp.Mul and all(_plain(f) for f in t.args):
            keys.append((1 - _SYMBOL_FIRST, len(t.args), tuple(f.name for f in t.args)))
        else:
            return sp.Add(*terms)
    if len(set(keys)) != len(keys):         # like terms to collect (or two symbols of one name)
        return sp.Add(*terms)
    order = sorted(range(len(terms)), key=keys.__getitem__)
    return sp.Add._from_args(tuple(terms[k] for k in order), True)


def conv_outputs(x, kern, bias, out_shape, strides, pads):
    """The forward entries ``Z[e, o, i, j] = Σ_{c,m,n} x[e, c, i·sr + m - pr, j·sc + n - pc]
    k[o, c, m, n] + b[o, i, j]`` (the terms whose input entry exists) of inputs ``x``
    (N, C, H, W), kernels ``kern`` (O, C, KH, KW) and biases (O, OH, OW)."""
    (nb, cin, h, w), (cout, _, kh, kw) = x.shape, kern.shape
    (sr, sc), (pr, pc) = strides, pads
    z = np.empty((nb, cout, *out_shape), dtype=object)
    for e, o, i, j in np.ndindex(*z.shape):
        z[e, o, i, j] = sum_of_products([atom_product((x[e, c, i * sr + m - pr, j * sc + n - pc], kern[o, c, m, n]))
                                         for c in range(cin) for m in range(kh) for n in range(kw)
                                         if 0 <= i * sr + m - pr < h and 0 <= j * sc + n - pc < w] + [bias[o, i, j]])
    return z


def is_atom_product(e) -> bool:
    """Whether ``e`` is a plain symbol, a rational number or a product of them: a term that
    ``expand`` leaves as it is."""
    if _plain(e) or isinstance(e, sp.Rational):
        return True
    return type(e) is sp.Mul and all(_plain(f) or isinstance(f, sp.Rational) for f in e.args)


def poly_of(e) -> dict | None:
    """The coefficient map of ``e`` (see the module's text), None where ``e`` is not a
    polynomial in plain symbols with rational coefficients."""
    if _plain(e):
        return {frozenset(((e, 1),)): sp.S.One}
    if isinstance(e, int) and not isinstance(e, bool):
        e = sp.Integer(e)
    if isinstance(e, sp.Rational):
        return {_ONE: e} if e != 0 else {}
    if type(e) is sp.Add:
        out: dict = {}
        for a in e.args:
            p = poly_of(a)
            if p is None:
                return None
            for m, c in p.items():
                out[m] = out.get(m, 0) + c
        return {m: c for m, c in out.items() if c != 0}
    if type(e) is sp.Mul:
        out = {_ONE: sp.S.One}
        for a in e.args:
            p = poly_of(a)
            if p is None:
                return None
            out = _times(out, p)
        return out
    if type(e) is sp.Pow and isinstance(e.exp, sp.Integer) and e.exp >= 0 and e.exp <= 8:
        base = poly_of(e.base)
        if base is None:
            return None
        out = {_ONE: sp.S.One}
        for _ in range(int(e.exp)):
            out = _times(out, base)
        return out
    return None


def _times(p: dict, q: dict) -> dict:
    out: dict = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = _mono_times(m1, m2)
            out[m] = out.get(m, 0) + c1 * c2
    return {m: c for m, c in out.items() if c != 0}


def _mono_times(m1: frozenset, m2: frozenset) -> frozenset:
    if not m1:
        return m2
    if not m2:
        return m1
    powers = dict(m1)
    for s, k in m2:
        powers[s] = powers.get(s, 0) + k
    return frozenset(powers.items())


def same_entry(a, b) -> bool:
    """Whether two entries are the same expression exactly: equal coefficient maps where
    both are polynomials in plain symbols, else ``expand(a - b) == 0``."""
    if a is b or a == b:
        return True
    if FAST:
        pa, pb = poly_of(a), poly_of(b)
        if pa is not None and pb is not None:
            return pa == pb
    return sp.expand(a - b) == 0


def coeff_sums(g, z):
    """A function ``v -> expand(Σ_i g_i · z_i.coeff(v))`` (the chain rule's ``Σ_i g_i ∂z_i/∂v``
    for ``z`` linear in ``v``).  Where every ``z_i`` is a sum of atom products
    (:func:`is_atom_product`), each term holding a symbol at most once, ``z_i.coeff(v)`` is
    the sum of the terms holding ``v`` with ``v`` taken out: those are read off once for every
    symbol, instead of a ``coeff`` per pair; otherwise ``coeff`` itself.

    >>> x, y, k, g1, g2 = sp.symbols("x y k g1 g2")
    >>> coeff_sums([g1, g2], [2 * x * k + y, x * y])(x) == sp.expand(g1 * 2 * k + g2 * y)
    True
    """
    table: dict = {}
    for gi, zi in zip(g, z):
        for term in sp.Add.make_args(zi):
            if not is_atom_product(term):
                return lambda v: sp.expand(sum(gi * zi.coeff(v) for gi, zi in zip(g, z)))
            factors = term.args if type(term) is sp.Mul else (term,)
            for f in factors:
                if not isinstance(f, sp.Rational):
                    table.setdefault(f, []).append(gi * sp.Mul(*[x for x in factors if x is not f]))
    return lambda v: sp.expand(sp.Add(*table.get(v, ())))
