"""The second witness's Jacobian leaf and ⊙ readings (:mod:`symbp.witness.index_witness`).

An entry's Jacobian ∂y_{ij}/∂x_{pq} is the document context's leaf.  The whole output by one
entry, ∂O/∂F_{11} (:mod:`symbp.check.whole_jacobian` derives it as one array), is rebuilt here
entry by entry: the context's ∂O_{ij}/∂F_{11} at every position of O, counted from O's first
index, so an axis read in the wrong order or from the wrong origin shows as a disagreement.
"""
from __future__ import annotations

import numpy as np

from . import WitnessError
from ..check.index_tree import odot_readings
from .spatial_loops import Outside


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


def hadamard_leaf(ctx, node, value, leaf):
    r"""An operand of ⊙: a Jacobian between whole tensors, ``\odot \frac{\partial a}{\partial z}``,
    rebuilt as its diagonal, ∂a_{ij}/∂z_{ij} at each position counted from each tensor's own first
    index, taken at the point by ``leaf(fn)``; anything else ``value(node)``."""
    if type(node).__name__ != "Jac" or node.top.idx is not None or node.bottom.idx is not None:
        return value(node)
    return leaf(lambda: _diagonal(ctx, node))


def _diagonal(ctx, node):
    shape = np.shape(ctx.entry(node.top.name, node.top.label, None))
    if shape != np.shape(ctx.entry(node.bottom.name, node.bottom.label, None)):
        raise ValueError("⊙ beside a Jacobian of tensors of different shapes")
    tops = ctx.origin_of(ctx.role(node.top.name, node.top.label), len(shape))
    bottoms = ctx.origin_of(ctx.role(node.bottom.name, node.bottom.label), len(shape))
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        out[ix] = ctx.jacobian(node.top.name, node.top.label, tuple(i + o for i, o in zip(ix, tops)),
                               node.bottom.name, node.bottom.label, tuple(i + o for i, o in zip(ix, bottoms)))
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


def odot_run_value(value, args):
    """The witness's ``A ⊙ B C`` and ``H A ⊙ B`` (the reader's ``odot_readings``, each evaluated by
    ``value``): ``H A ⊙ B`` is ``(H A) ⊙ B`` where that fits, else ``H (A ⊙ B)``; ``A ⊙ B C`` the
    reading whose shapes fit, or both where they agree.  Both fitting and differing is a
    disagreement: the reader leaves that unchecked, never "holds"."""
    got = []
    for reading in odot_readings(args):
        try:
            got.append(value(reading))
        except Outside:
            got.append(None)
    fits = [f for f in got if f is not None]
    if not fits:
        raise Outside("⊙ then a product: no reading has fitting shapes")
    if len(args) > 3:
        return fits[0]
    if len(fits) == 2 and not (np.shape(fits[0]) == np.shape(fits[1]) and
                               all(x == y for x, y in zip(np.ravel(fits[0]), np.ravel(fits[1])))):
        raise WitnessError("both readings of A ⊙ B C fit and differ, where the reader held one")
    return fits[0]
