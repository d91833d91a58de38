"""The second witness's Jacobian leaf (:mod:`symbp.witness.index_witness`).

An entry's Jacobian ∂y_{ij}/∂x_{pq} is the document context's leaf.  The whole output by one
entry, ∂O/∂F_{11} (:mod:`symbp.check.whole_jacobian` derives it as one array), is rebuilt here
entry by entry: the context's ∂O_{ij}/∂F_{11} at every position of O, counted from O's first
index, so an axis read in the wrong order or from the wrong origin shows as a disagreement.
"""
from __future__ import annotations

import numpy as np


def jacobian_leaf(ctx, top, bottom, top_pos, bottom_pos):
    """``ctx.jacobian`` of two entries; for a whole output ``top`` (``top_pos`` None) and one
    entry ``bottom``, the array of ``ctx.jacobian(top at (i, j), bottom)`` over O's shape.

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import Ref
    >>> ctx = DocContext({"O": "output", "X": "input", "F": "kernel", "L": "loss"},
    ...                  {"input": "3x3", "kernel": "2x2", "index_base": 1}).instances()[0]
    >>> jacobian_leaf(ctx, Ref("O", None, None), Ref("F", None, None), None, (1, 1)).shape
    (2, 2)
    """
    if top_pos is not None or bottom_pos is None:
        return ctx.jacobian(top.name, top.label, top_pos, bottom.name, bottom.label, bottom_pos)
    shape = np.shape(ctx.entry(top.name, top.label, None))
    origin = ctx.origin_of(ctx.role(top.name, top.label), len(shape))
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        at = tuple(i + o for i, o in zip(ix, origin))
        out[ix] = ctx.jacobian(top.name, top.label, at, bottom.name, bottom.label, bottom_pos)
    return out


def vector_as_written(lhs, left, right):
    """``(left, right)`` with a one-row or one-column ``right`` flattened where ``lhs`` is ∂y/∂s of
    a whole 1-D output (the vector ``left``): a vector has no orientation (``∂y/∂w_1 = [x_1 x_2 x_3]``).

    >>> from symbp.check.index_claims import Jac, Ref
    >>> lhs = Jac(Ref("y", None, None), Ref("w", None, (1,)))
    >>> vector_as_written(lhs, np.array([1, 2]), np.array([[1], [2]]))[1].shape
    (2,)
    """
    top = getattr(lhs, "top", None)
    if top is not None and top.idx is None and np.ndim(left) == 1 and np.ndim(right) == 2 \
            and 1 in np.shape(right) and np.size(right) == np.size(left):
        return left, np.ravel(right)
    return left, right
