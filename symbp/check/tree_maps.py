r"""One walk over an index tree that rebuilds it with each tensor entry changed.

The index readers rewrite a claim's or a forward's tree before they evaluate it: an entry's
batch and channel indices taken off (:func:`symbp.check.doc_channels.pool_passthrough`), a
window's bracket multiplied out (:func:`symbp.check.doc_pooling.distributed`), an argmax's star
dropped (:func:`symbp.check.pool_windows.star_argmax`).  Each gives :func:`map_refs` what to do
with one :class:`Ref`; the walk through gradients, Jacobians, sums and operators is here once.

Example::

    >>> from .index_tree import Op, Ref
    >>> tree = Op("mul", (2, Ref("x", None, (Ref("i", None, None),))))
    >>> map_refs(tree, lambda r: Ref(r.name.upper(), r.label, r.idx))
    Op(kind='mul', args=(2, Ref(name='X', label=None, idx=(Ref(name='I', label=None, idx=None),))))
"""
from __future__ import annotations

from .index_tree import Grad, Jac, Op, Ref, Sum


def map_refs(tree, change, derivatives: bool = True):
    """``tree`` rebuilt with every :class:`Ref` it holds (a tensor entry, or a lone letter in
    an operator or an index) replaced by ``change(ref)``; a Ref's indices are walked first, so
    ``change`` sees them already changed.  Sums keep their letters and bounds; with
    ``derivatives=False`` gradients and Jacobians are kept as they are."""
    def walk(n):
        if isinstance(n, Ref):
            return change(n if not n.idx else Ref(n.name, n.label, tuple(walk(e) for e in n.idx)))
        if isinstance(n, (Grad, Jac)) and not derivatives:
            return n
        if isinstance(n, Grad):
            return Grad(walk(n.ref))
        if isinstance(n, Jac):
            return Jac(walk(n.top), walk(n.bottom))
        if isinstance(n, Sum):
            return Sum(n.vars, n.lo, n.hi, walk(n.body))
        if isinstance(n, Op):
            return Op(n.kind, tuple(tuple(walk(x) for x in a) if isinstance(a, tuple) else walk(a) for a in n.args))
        return n
    return walk(tree)


__all__ = ["map_refs"]
