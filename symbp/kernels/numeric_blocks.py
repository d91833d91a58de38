"""Scratch buffers and im2col blocking for :mod:`symbp.kernels.numeric`'s GEMM paths.

How a batch is cut into GEMMs (:func:`_blocks`, tuned by ``_CHUNK_BYTES``,
``_MAX_BLOCK_BYTES`` and the BLAS thread count), the per-thread scratch buffers
the blocks are gathered into (:func:`_scratch_array`, :func:`release_scratch`),
the read-only im2col views (:func:`_tap_view`, :func:`_gather`), the zero padding
of a group of images in reused buffers (:func:`_pad_groups`, :func:`_pad_scratch`)
and the argument checks the convolution primitives share.  The limits live here,
where :func:`_blocks` reads them: tests that change them patch this module.

This module must not import torch.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..core.arrays import _int, pad
from .blas import blas_threads as _blas_threads

# ---------------------------------------------------------------------------
# scratch buffers for the GEMM paths
# ---------------------------------------------------------------------------

class _Scratch(threading.local):
    def __init__(self):
        self.buffers: dict = {}


_scratch = _Scratch()
_SCRATCH_MIN_BYTES = 1 << 16     # below this malloc's free lists are as good
_SCRATCH_MAX_BYTES = 1 << 28     # larger requests are not kept alive

#: im2col blocks (one GEMM each): images whose im2col matrix is smaller than
#: _CHUNK_BYTES are grouped up to that size, larger ones go one per block, and
#: those over _MAX_BLOCK_BYTES are split (measured on a 2-core AVX-512 box:
#: ~1 image per block beat both whole-batch and small cache-sized blocks)
_CHUNK_BYTES = 1 << 20
_MAX_BLOCK_BYTES = 16 << 20
#: with several BLAS threads both limits are scaled up by these factors
_MT_CHUNK_SCALE = 16
_MT_MAX_BLOCK_SCALE = 2


def _scratch_array(shape, dtype, slot: str) -> np.ndarray:
    """An uninitialised array backed by a per-thread buffer reused across calls
    (saves the page faults of fresh allocations).  Numeric dtypes only; valid
    until the next request for the same ``slot`` in this thread, so it is never
    returned to callers."""
    dtype = np.dtype(dtype)
    size = math.prod(shape)
    nbytes = size * dtype.itemsize
    if dtype.hasobject or nbytes < _SCRATCH_MIN_BYTES or nbytes > _SCRATCH_MAX_BYTES:
        return np.empty(shape, dtype)
    key = (dtype, slot)
    buf = _scratch.buffers.get(key)
    if buf is None or buf.size < size:
        _scratch.buffers.pop(key, None)
        buf = np.empty(size, dtype)
        _scratch.buffers[key] = buf
    return buf[:size].reshape(shape)


def release_scratch() -> None:
    """Free the scratch buffers that :func:`correlate` / :func:`weight_correlate`
    keep for reuse in the calling thread."""
    _scratch.buffers.clear()


# ---------------------------------------------------------------------------
# shared argument checks
# ---------------------------------------------------------------------------

def _check_channels(C: int, w_shape, G: int) -> None:
    O, Cg = w_shape[0], w_shape[1]
    if C % G:
        raise ValueError(f"input has {C} channels, not divisible by groups={G}")
    if O % G:
        raise ValueError(f"weight has {O} output channels, not divisible by groups={G}")
    if Cg * G != C:
        raise ValueError(f"weight has {Cg} input channels per group but input has {C} "
                         f"channels and groups={G}")


def _common_dtype(*arrays) -> np.dtype:
    dtype = np.result_type(*arrays)
    if dtype.kind not in "biufcO":
        raise ValueError(f"unsupported dtype {dtype}")
    return dtype

def _fusable_padding(x: np.ndarray, padding) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Check a fused ``padding`` (top, bottom, left, right); object arrays are padded
    here (``pad`` writes exact zeros) and get ``(0, 0, 0, 0)`` back."""
    if not (isinstance(padding, (tuple, list)) and len(padding) == 4):
        raise ValueError(f"padding must be (top, bottom, left, right), got {padding!r}")
    padding = tuple(_int(v, "padding", 0) for v in padding)
    if x.dtype == object and any(padding):
        return pad(x, *padding), (0, 0, 0, 0)
    return x, padding


# ---------------------------------------------------------------------------
# im2col blocks and views
# ---------------------------------------------------------------------------

def _flat_len(rows: int, cols: int, pitch: int) -> int:
    """Flat positions ``i·pitch + j`` (i < rows, j < cols) span this many entries."""
    return (rows - 1) * pitch + cols


def _blocks(N: int, units: int, unit_bytes: int):
    """Split (N images) x (``units`` columns per image) into im2col blocks: yields
    ``(n0, n1, u0, u1)``.  Small images are grouped up to ``_CHUNK_BYTES`` per
    block, a mid-sized image is one block, and an image over ``_MAX_BLOCK_BYTES``
    is split into balanced column ranges.  With several BLAS threads both limits
    are scaled up (``_MT_CHUNK_SCALE``, ``_MT_MAX_BLOCK_SCALE``): fewer, larger
    GEMMs, which OpenBLAS splits across its threads with less synchronisation
    per flop."""
    per_image = max(1, units * unit_bytes)
    chunk, max_block = _CHUNK_BYTES, _MAX_BLOCK_BYTES
    if _blas_threads() > 1:
        chunk, max_block = chunk * _MT_CHUNK_SCALE, max_block * _MT_MAX_BLOCK_SCALE
    if per_image <= max_block:
        nb = max(1, chunk // per_image)
        for n0 in range(0, N, nb):
            yield n0, min(N, n0 + nb), 0, units
    else:
        pieces = -(-per_image // max_block)
        step = -(-units // pieces)
        for n in range(N):
            for u0 in range(0, units, step):
                yield n, n + 1, u0, min(units, u0 + step)


def _tap_view(x: np.ndarray, G: int, kernel, dilation, tail, tail_strides) -> np.ndarray:
    """Read-only im2col view of every image of contiguous ``x`` (N, C, H, W).

    Shape ``(G, C/G, kh, kw, N, *tail)``; entry ``[grp, c, p, q, m, *u]`` is
    ``x.flat[m·C·H·W + (grp·C/G + c)·H·W + p·dh·W + q·dw + Σ u·tail_strides]``
    (strides in elements).  The caller keeps every entry inside its image.
    """
    N, C, H, W = x.shape
    kh, kw = kernel
    dh, dw = dilation
    it = x.itemsize
    Cg = C // G
    return as_strided(x.reshape(-1), shape=(G, Cg, kh, kw, N) + tuple(tail),
                      strides=(Cg * H * W * it, H * W * it, dh * W * it, dw * it, C * H * W * it)
                      + tuple(s * it for s in tail_strides),
                      writeable=False)


def _gather(view: np.ndarray) -> np.ndarray:
    """Copy an im2col view into a contiguous scratch block (G, C/G·kh·kw, columns)."""
    block = _scratch_array(view.shape, view.dtype, "cols")
    np.copyto(block, view)
    G, Cg, kh, kw = view.shape[:4]
    return block.reshape(G, Cg * kh * kw, -1)

# ---------------------------------------------------------------------------
# zero padding, a group of images at a time, in reused buffers
# ---------------------------------------------------------------------------

def _padded_pitch(x: np.ndarray, padding) -> int:
    """Row length of ``x`` zero-padded by ``padding`` (top, bottom, left, right)."""
    return x.shape[3] + padding[2] + padding[3]


def _padded_images(x: np.ndarray, n0: int, n1: int, padding) -> np.ndarray:
    """Images ``n0:n1`` of contiguous ``x`` zero-padded by ``padding`` (top, bottom,
    left, right): a view when there is none, else the thread's "padded" scratch
    buffer (valid until its next use)."""
    if not any(padding):
        return x[n0:n1]
    return _pad_scratch(x[n0:n1], *padding, x.dtype)


#: images are zero-padded a group at a time: as many as fit this many bytes
#: (padded images plus their GEMM products), at least one
_PAD_GROUP_BYTES = 1 << 21


def _pad_groups(x: np.ndarray, m0: int, m1: int, padding, out_bytes: int):
    """Yield ``(p0, p1, xb)``: groups of images ``m0 + p0 : m0 + p1`` of ``x``,
    ``xb`` the group zero-padded by ``padding`` (a view when there is none, else the
    thread's "padded" scratch, valid until the next group).  ``out_bytes`` is one
    image's share of the caller's product buffer; a group holds at most
    ``_PAD_GROUP_BYTES`` of padded images and products (at least one image)."""
    C, H = x.shape[1], x.shape[2] + padding[0] + padding[1]
    per_image = C * H * _padded_pitch(x, padding) * x.itemsize + out_bytes
    step = max(1, _PAD_GROUP_BYTES // max(1, per_image))
    for p0 in range(0, m1 - m0, step):
        p1 = min(m1 - m0, p0 + step)
        yield p0, p1, _padded_images(x, m0 + p0, m0 + p1, padding)


def _pad_scratch(g: np.ndarray, top: int, bottom: int, left: int, right: int,
                 dtype) -> np.ndarray:
    """``pad(g, top, bottom, left, right)`` (amounts >= 0) as ``dtype``, in a reused
    scratch buffer (only the border is zeroed): no page faults of a fresh array
    and no zero-fill of the interior.  Valid until the next request for the slot."""
    N, C, H, W = g.shape
    Hp, Wp = H + top + bottom, W + left + right
    out = _scratch_array((N, C, Hp, Wp), dtype, "padded")
    out[:, :, :top] = 0
    out[:, :, Hp - bottom:] = 0
    out[:, :, top:Hp - bottom, :left] = 0
    out[:, :, top:Hp - bottom, Wp - right:] = 0
    out[:, :, top:Hp - bottom, left:Wp - right] = g
    return out
