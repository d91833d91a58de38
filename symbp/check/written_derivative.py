r"""The derivative of an expression a document writes, ``\frac{\partial (w_{jk} a_k + b_j)}{\partial w_{jk}}``
or ``\frac{\partial}{\partial w_{jk}}\left(\sum_k w_{jk} a_k + b_j\right)``, ``\frac{\partial}{\partial z_k} \sigma(z_k)``:
the expression is read into SymPy entries of the section (:class:`symbp.check.index_evaluator.Evaluator`),
never from its text, and differentiated here exactly.

The section's output activation ``a = σ(z)`` is an applied ``sigma`` whose derivative is the
section's σ'(z) symbol (``ctx.SO``, the same symbol a written ``σ'(z)`` reads as), so a chain
rule step through σ is exact: ``∂σ(z_j)/∂w_{jk} = σ'(z_j) · ∂z_j/∂w_{jk}``.  Any other function
in the expression is not read (IndexError_ naming it).

Example::

    >>> import numpy as np
    >>> z, w, s = sp.symbols("z w s")
    >>> class Ctx: A = np.array([[sp.Function("sigma")(2 * w)]], dtype=object); SO = np.array([[s]], dtype=object)
    >>> written_derivative(Ctx.A[0, 0] + w, w, Ctx)
    2*s + 1
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from . import index_memo
from .entry_poly import is_atom_product
from .index_claims import IndexError_


def activation_table(ctx) -> dict:
    """{σ(z) entry: its σ'(z) symbol} for the section's output activation (empty when the
    section has none, e.g. a quadratic cost on the affine output itself).

    >>> class Ctx: A = np.array([[sp.Integer(1)]], dtype=object); SO = np.array([[1]], dtype=object)
    >>> activation_table(Ctx)
    {}
    """
    a, so = getattr(ctx, "A", None), getattr(ctx, "SO", None)
    if a is None or so is None or np.shape(a) != np.shape(so):
        return {}
    table = {}
    for ix in np.ndindex(*np.shape(a)):
        entry = a[ix]
        if isinstance(entry, sp.Function) and type(entry).__name__ == "sigma" and len(entry.args) == 1:
            table[entry] = so[ix]
    return table


def written_derivative(expr, wrt: sp.Symbol, ctx):
    """∂expr/∂wrt for one SymPy entry ``expr`` (a polynomial in the section's entries, possibly
    holding the output activation σ(z) entries of ``ctx.A``), ``wrt`` one entry symbol.
    Each σ(z) is held as a fresh symbol u and contributes ∂expr/∂u · σ'(z) · ∂z/∂wrt.

    >>> x, w = sp.symbols("x w")
    >>> written_derivative(3 * x * w + x, w, None)
    3*x
    """
    expr = sp.Integer(expr) if isinstance(expr, int) else expr
    fast = _polynomial_derivative(expr, wrt) if index_memo.ON else None
    if fast is not None:
        return fast
    table = activation_table(ctx) if ctx is not None else {}
    applied = [f for f in expr.atoms(sp.Function) if not isinstance(f, sp.Derivative)]
    unknown = [f for f in applied if f not in table]
    if unknown:
        raise IndexError_(f"∂ of an expression holding {unknown[0].func}(…) that is not the section's "
                          "activation σ(z) of its output")
    held = {f: sp.Dummy(f"u{n}") for n, f in enumerate(applied)}
    plain = expr.xreplace(held)
    out = sp.diff(plain, wrt)
    for f, u in held.items():
        outer = sp.diff(plain, u)
        if outer != 0:
            out += outer * table[f] * sp.diff(f.args[0], wrt)
    back = {u: f for f, u in held.items()}
    return sp.expand(out.xreplace(back))


def _polynomial_derivative(expr, wrt):
    """∂expr/∂wrt where ``expr`` is a sum of atom products (a rational number, a plain symbol,
    or a product of a rational and distinct plain symbols: :func:`symbp.check.entry_poly.is_atom_product`),
    the common ``∂(Σ_k w_{jk} a_k + b_j)/∂a_k``; None for anything else (a power, σ(z)), which
    ``sp.diff`` takes.  Each such term holds ``wrt`` at most once, so its derivative is the
    term without that factor (or 0): what ``expand(diff(expr, wrt))`` gives, without it.

    >>> x, w = sp.symbols("x w")
    >>> _polynomial_derivative(3 * x * w + x + w, w), _polynomial_derivative(x * w ** 2, w) is None
    (3*x + 1, True)
    """
    if not (type(wrt) is sp.Symbol and is_atom_product(wrt)):
        return None
    out = []
    for term in expr.args if type(expr) is sp.Add else (expr,):
        if not is_atom_product(term):
            return None
        if term == wrt:
            out.append(sp.S.One)
        elif type(term) is sp.Mul and wrt in term.args:
            out.append(sp.Mul(*[f for f in term.args if f != wrt]))
    return sp.Add(*out)
