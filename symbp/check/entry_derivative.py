"""The derivative of one forward entry of a document's layer with respect to one entry
(:class:`symbp.check.doc_names.DocContext` builds Jacobian entries with it), cached per entry.
"""
from __future__ import annotations

import sympy as sp

_DERIVATIVES: dict = {}


def entry_derivative(z, s):
    """∂z/∂s for a forward entry z (a polynomial of degree one in each entry), from a cached
    map of its terms; the same value as ``sp.diff(z, s)``.

    >>> x, w = sp.symbols("x w")
    >>> entry_derivative(3 * x * w + x, x)
    3*w + 1
    """
    if not isinstance(s, sp.Symbol):
        return sp.diff(z, s)
    table = _DERIVATIVES.get(z)
    if table is None:
        if len(_DERIVATIVES) > 20_000:
            _DERIVATIVES.clear()
        table = {}
        for t in sp.Add.make_args(sp.expand(z)):
            coeff, term = t.as_coeff_Mul()
            factors = sp.Mul.make_args(term)
            for f in factors:
                if isinstance(f, sp.Symbol):
                    rest = sp.Mul(*[g for g in factors if g is not f])
                    if f in rest.free_symbols:
                        table = None
                        break
                    table[f] = table.get(f, 0) + coeff * rest
            if table is None:
                break
        if table is None:
            return sp.diff(z, s)
        _DERIVATIVES[z] = table
    return table.get(s, sp.Integer(0))
