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


def map_refs(tree, change):
    """``tree`` rebuilt with every :class:`Ref` it holds (a tensor entry, or a lone letter in
    an operator or an index) replaced by ``change(ref)``; a Ref's indices are walked first, so
    ``change`` sees them already changed.  Sums keep their letters and bounds."""
    if isinstance(tree, Ref):
        inner = tree if not tree.idx else Ref(tree.name, tree.label, tuple(map_refs(e, change) for e in tree.idx))
        return change(inner)
    if isinstance(tree, Grad):
        return Grad(map_refs(tree.ref, change))
    if isinstance(tree, Jac):
        return Jac(map_refs(tree.top, change), map_refs(tree.bottom, change))
    if isinstance(tree, Sum):
        return Sum(tree.vars, tree.lo, tree.hi, map_refs(tree.body, change))
    if isinstance(tree, Op):
        return Op(tree.kind, tuple(tuple(map_refs(x, change) for x in a) if isinstance(a, tuple)
                                   else map_refs(a, change) for a in tree.args))
    return tree


__all__ = ["map_refs"]
