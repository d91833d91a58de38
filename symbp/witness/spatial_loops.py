"""Loops of the second witness (:mod:`symbp.witness.index_witness`) over a map's spatial
axes: pad and upsample, written here by plain index loops and sharing no code with the index
reader (:mod:`symbp.check.index_operators`).

>>> import numpy as np
>>> padded(np.array([1, 2], dtype=object), 1, True).tolist()
[0, 1, 2, 0]
>>> upsampled(np.array([[1, 2]], dtype=object), 2, 2, False).tolist()
[[1, 1, 2, 2], [1, 1, 2, 2]]
"""
from __future__ import annotations

import numpy as np


class Unmodelled(Exception):
    """An operand these loops do not take (an entry, a negative width)."""


def padded(a, width: int, one_d: bool):
    """``a`` with ``width`` zeros on both sides of its last axis (``one_d``) or last two."""
    axes = 1 if one_d else 2
    if not isinstance(a, np.ndarray) or a.ndim < axes or width < 0:
        raise Unmodelled("pad of an entry or by a negative width")
    shape = a.shape[:-axes] + tuple(s + 2 * width for s in a.shape[-axes:])
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        src = ix[:-axes] + tuple(t - width for t in ix[-axes:])
        inside = all(0 <= t < s for t, s in zip(src[-axes:], a.shape[-axes:]))
        out[ix] = a[src] if inside else 0
    return out


def upsampled(a, rows: int, cols: int, one_d: bool):
    """out[.., i, j] = a[.., i // rows, j // cols] (a 1-D map: out[.., j] = a[.., j // cols])."""
    axes = 1 if one_d else 2
    if not isinstance(a, np.ndarray) or a.ndim < axes or rows < 1 or cols < 1:
        raise Unmodelled("up of an entry or by less than 1")
    shape = a.shape[:-1] + (a.shape[-1] * cols,) if one_d else \
        a.shape[:-2] + (a.shape[-2] * rows, a.shape[-1] * cols)
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        src = ix[:-1] + (ix[-1] // cols,) if one_d else ix[:-2] + (ix[-2] // rows, ix[-1] // cols)
        out[ix] = a[src]
    return out
