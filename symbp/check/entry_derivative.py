"""The derivative of one forward entry of a document's layer with respect to one entry
(:class:`symbp.check.doc_names.DocContext` builds Jacobian entries with it), cached per entry;
and the chain rule Σ_o g_o ∂z_o/∂s for every entry s of a tensor (its gradients).
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from . import entry_poly
from .entry_poly import atom_product, is_atom_product, sum_of_products

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


def chain_rule(arr, grads, outputs):
    """Σ_o g_o ∂z_o/∂s for each entry s of ``arr``: the outputs ``z_o`` are linear in the
    entries (Σ x k + b, Σ χ x), so one pass over their terms collects each entry's coefficient;
    an entry that is not a symbol, or one inside a power or a bracket, takes SymPy's ``coeff``.
    Where every collected term is a product of plain symbols and numbers it is built
    directly (:func:`symbp.check.entry_poly.atom_product`) and the entry's sum is already
    expanded; any other entry is expanded as before.

    >>> x, k, g = sp.symbols("x0 x1 k"), sp.Symbol("k"), sp.symbols("g0 g1")
    >>> chain_rule(np.array(x[:2], dtype=object), g, [x[0] * k, x[0] + x[1]]).tolist()
    [g0*k + g1, g1]
    """
    where = {s: ix for ix, s in np.ndenumerate(arr) if isinstance(s, sp.Symbol)}
    terms = {ix: [] for ix in where.values()}
    plain = {ix: True for ix in where.values()}        # every term an atom product: no expand
    linear = len(where) == arr.size
    for g, z in zip(grads, outputs):
        for term in sp.Add.make_args(z):
            factors = sp.Mul.make_args(term)
            if any(not f.is_Atom and any(v in where for v in f.free_symbols) for f in factors):
                linear = False                     # a power, or an entry inside a bracket
            for k, f in enumerate(factors):
                if f in where:
                    ix = where[f]
                    value = atom_product((g, *factors[:k], *factors[k + 1:]))
                    plain[ix] = plain[ix] and is_atom_product(value)
                    terms[ix].append(value)
    out = np.empty(arr.shape, dtype=object)
    for ix in np.ndindex(*arr.shape):
        if linear and plain[ix] and entry_poly.FAST:
            out[ix] = sum_of_products(terms[ix])
            continue
        out[ix] = sp.expand(sp.Add(*terms[ix])) if linear else \
            sp.expand(sp.Add(*[g * z.coeff(arr[ix]) for g, z in zip(grads, outputs) if z.has(arr[ix])]))
    return out
