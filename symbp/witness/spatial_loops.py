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


def dilated(a, rows: int, cols: int, one_d: bool):
    """out[.., i·rows, j·cols] = a[.., i, j], zero elsewhere; an n-long axis becomes (n-1)·s + 1
    (a 1-D map: along its last axis by ``cols``)."""
    axes = 1 if one_d else 2
    if not isinstance(a, np.ndarray) or a.ndim < axes or rows < 1 or cols < 1:
        raise Unmodelled("dilate of an entry or by less than 1")
    steps = (cols,) if one_d else (rows, cols)
    shape = a.shape[:-axes] + tuple(max(0, (n - 1) * s + 1) for n, s in zip(a.shape[-axes:], steps))
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        on_grid = all(t % s == 0 for t, s in zip(ix[-axes:], steps))
        out[ix] = a[ix[:-axes] + tuple(t // s for t, s in zip(ix[-axes:], steps))] if on_grid else 0
    return out


class Outside(Exception):
    """An entry outside its tensor that written bounds reached (the reader refutes those)."""


def matmul(a, b):
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise Outside(f"a product of a {a.shape} and a {b.shape} matrix")
    out = np.empty((a.shape[0], b.shape[1]), dtype=object)
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            out[i, j] = sum((a[i, t] * b[t, j] for t in range(a.shape[1])), 0)
    return out


def slide(x, k, flip: bool, shape: str):
    """out[i, j] = Σ_{m,n} x[i + m - r, j + n - c] · k'[m, n] with k' = k, or k turned by 180°
    (true convolution); r, c = 0 (valid), kh-1, kw-1 (full) or the centre offset (same);
    entries of x outside it are zero."""
    kh, kw = k.shape
    h, w = x.shape
    if shape == "valid":
        oh, ow, r, c = h - kh + 1, w - kw + 1, 0, 0
    elif shape == "full":
        oh, ow, r, c = h + kh - 1, w + kw - 1, kh - 1, kw - 1
    else:                                   # MATLAB 'same': the centre of the full result
        oh, ow, r, c = h, w, kh - 1 - kh // 2, kw - 1 - kw // 2
    if oh < 1 or ow < 1:
        raise Outside(f"a {kh}x{kw} kernel over a {h}x{w} input")
    out = np.empty((oh, ow), dtype=object)
    for i in range(oh):
        for j in range(ow):
            acc = 0
            for m in range(kh):
                for n in range(kw):
                    p, q = i + m - r, j + n - c
                    if 0 <= p < h and 0 <= q < w:
                        km = k[kh - 1 - m, kw - 1 - n] if flip else k[m, n]
                        acc += x[p, q] * km
            out[i, j] = acc
    return out


def ones_row(right):
    """A 1 x rows array of ones for ``\\mathbf{1}^\\top right`` (the sum of its rows), by a loop."""
    if not isinstance(right, np.ndarray) or right.ndim != 2:
        raise Unmodelled("a row of ones before something without rows")
    out = np.empty((1, right.shape[0]), dtype=object)
    for r in range(right.shape[0]):
        out[0, r] = 1
    return out
