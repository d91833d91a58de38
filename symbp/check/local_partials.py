r"""Local partial derivatives between entries of one section's forward that are not derivatives
of the layer's output (:meth:`symbp.check.doc_names.DocContext.jacobian` hands them here).

A chain rule written factor by factor, ``\frac{\partial C}{\partial z^l_j} = \sum_{i,k}
\frac{\partial C}{\partial z^{l+1}_i}\frac{\partial z^{l+1}_i}{\partial a^l_k}\frac{\partial a^l_k}
{\partial z^l_j}``, has factors whose value the forward fixes:

* the output's activation ``a_j = \sigma(z_j)`` against the output ``z_k``: ``[j = k] \sigma'(z_j)``
  (the section's ``SO`` symbols), and in a dense layer against its weight, bias or input:
  ``\sigma'(z_j) \partial z_j/\partial w_{jk}``;
* the layer's input ``a^l_k = \sigma(z^l_k)`` against its pre-activation ``z^l_j``:
  ``[k = j] \sigma'(z^l_j)``, the same σ'(z) symbol a written ``\sigma'(z^l_j)`` reads as (the
  section's ``S``), so the input's gradient times it is the pre-activation's gradient exactly;
* an entry against an entry of the same tensor (``\partial a_k/\partial a_j``, ``\partial w_{jk}/
  \partial w_{jk}``): the Kronecker delta, both entries checked to exist.

Anything else raises the section's IndexError_ naming the pair.

Example::

    >>> _same((1, 2), (1, 2)), _same((1, 2), (2, 1))
    (True, False)
"""
from __future__ import annotations

import sympy as sp

from .entry_derivative import entry_derivative
from .index_claims import IndexError_


def local_partial(ctx, top: tuple, bottom: tuple):
    """∂top/∂bottom for ``top`` and ``bottom`` each ``(name, layer label, index position)`` of
    the section ``ctx`` (a ``DocContext``) whose ``top`` is not the layer's output: one of the
    local factors above, else IndexError_.

    Example: after ``a^l_j = \\sigma(z^l_j)`` binds ``a^l`` as the input and ``z^l`` as its
    pre-activation, ``local_partial(ctx, ("a", "l", (1,)), ("z", "l", (1,)))`` is the symbol
    ``s_1`` (σ'(z^l_1)) and ``(("a", "l", (2,)), ("z", "l", (1,)))`` is 0.
    """
    (tname, tlabel, tpos), (bname, blabel, bpos) = top, bottom
    top_role, bottom_role = ctx.role(tname, tlabel), ctx.role(bname, blabel)
    if top_role == "activation" and bottom_role == "output":
        a, z = ctx._at(ctx.A, tpos, tname, "output"), ctx.entry(bname, blabel, bpos)
        return ctx._at(ctx.SO, tpos, tname, "output") if a.args[0] == z else sp.Integer(0)
    if ctx.layer == "fc" and top_role == "activation" and bottom_role in ("kernel", "bias", "input"):
        return ctx._at(ctx.SO, tpos, tname, "output") * \
            entry_derivative(ctx._at(ctx.Z, tpos, tname, "output"), ctx.entry(bname, blabel, bpos))
    if tpos is not None and bpos is not None:
        if top_role == "input" and bottom_role == "preact_in" and getattr(ctx, "S", None) is not None:
            ctx.entry(tname, tlabel, tpos)                       # the entry must exist
            slope = ctx._at(ctx.view("preact_in"), bpos, bname, "input")   # σ'(z^l_j)
            return slope if _same(tpos, bpos) else sp.Integer(0)
        if top_role == bottom_role and (tname, tlabel) == (bname, blabel) and \
                top_role in ("input", "kernel", "activation", "bias"):
            ctx.entry(tname, tlabel, tpos)
            ctx.entry(bname, blabel, bpos)
            return sp.Integer(1) if _same(tpos, bpos) else sp.Integer(0)
    raise IndexError_(f"∂{tname}/∂{bname}: only derivatives of the output are derived")


def _same(pos_a, pos_b) -> bool:
    return len(pos_a) == len(pos_b) and all(int(a) == int(b) for a, b in zip(pos_a, pos_b))
