"""Vectorised numpy primitives for CNN layers (PyTorch conventions).

Layouts: activations are NCHW ``(N, C, H, W)``, weights are OIHW
``(C_out, C_in / groups, kh, kw)``.  Every function takes and returns numpy
arrays and keeps the dtype (float32 stays float32).  The pure index
operations (:func:`pad`, :func:`dilate`, :func:`rot180`, :func:`swap_io`) also
work on integer and object arrays -- the symbolic side runs them on arrays of
sympy expressions -- and :func:`correlate` / :func:`weight_correlate` accept
object arrays too (through the same code, at Python speed).

The hot paths (:func:`correlate`, :func:`weight_correlate`) are im2col plus
BLAS GEMMs, one per group and per block of images (about one image per
block): each block's im2col matrix is gathered into a reused scratch buffer
and consumed by the GEMM while it is still in cache.  With stride 1 the im2col matrix is
gathered from *flattened rows*: output pixel ``(i, j)`` of an image is the
flat position ``t = i·W + j``, so for every kernel tap the window is one
contiguous run of the input and the gather is a row-by-row ``memcpy``; the
``W - Wo`` positions per row that wrap around the edge are computed and
dropped (a few percent of the work).  Scratch buffers are kept per thread;
:func:`release_scratch` frees them.  inf/nan propagate as in PyTorch, without
numpy floating-point warnings from the GEMMs.  A zero padding passed as
``padding=`` is applied per block of images, just before the gather, in a
reused buffer.  With several BLAS threads a batch is split over that many
Python threads, each with one-thread OpenBLAS (:mod:`symbp.kernels.blas`).

Fused primitives (what :mod:`symbp.kernels` prints for pad/dilate-then-correlate
patterns, tested equal to the unfused compositions): :func:`transposed_correlate`
(the input gradient's ``correlate(pad(dilate(δ, s)), swap_io(dilate(rot180(W), d)))``
without the zeros: col2im for stride > 1), ``weight_correlate(..., stride=s)``
(``δ`` not dilated) and ``padding=`` of :func:`correlate` / :func:`weight_correlate`
(``pad(x)`` never built whole).  The index arithmetic (output sizes, transpose padding,
``pair``) is :mod:`symbp.core.geometry`'s, behind numeric's argument checks.

The argument checks, index arithmetic and pure index operations live in
:mod:`symbp.core.arrays` (which the symbolic core uses without BLAS), the pooling primitives in
:mod:`symbp.kernels.numeric_pool`; this module re-exports both.

This module must not import torch.
"""

from __future__ import annotations

import functools
import math
import threading

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import blas, native
from ..core.arrays import (_as_array, _avg_counts, _groups, _hw, _int, _is_int, _pad_slices,  # noqa: F401
                     _pool_extra, _span, _tap_slice, _valid_windows, _zero, _zeros,
                     conv_output_size, crop, dilate, pad, pair, pool_output_size, rot180, swap_io,
                     transpose_padding)
from .numeric_pool import (_PoolGeometry, _avg_divisor, avg_pool2d, avg_pool2d_scatter,  # noqa: F401
                           max_pool2d, max_pool2d_scatter)
from .blas import blas_threads as _blas_threads

__all__ = [
    "pair",
    "conv_output_size",
    "pool_output_size",
    "transpose_padding",
    "pad",
    "crop",
    "dilate",
    "rot180",
    "swap_io",
    "correlate",
    "weight_correlate",
    "transposed_correlate",
    "add_bias",
    "channel_sum",
    "avg_pool2d",
    "avg_pool2d_scatter",
    "max_pool2d",
    "max_pool2d_scatter",
    "release_scratch",
]


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
# correlation (the convolution hot path)
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


def correlate(x, w, stride=(1, 1), dilation=(1, 1), groups: int = 1,
              padding=(0, 0, 0, 0)) -> np.ndarray:
    """Cross-correlation, exactly ``torch.nn.functional.conv2d``.

    x (N, C, H, W), w (O, C/G, kh, kw) -> (N, O, Ho, Wo) with
    ``Ho = (H + top + bottom - dh(kh-1) - 1) // sh + 1`` (same for W).  ``padding``
    ``(top, bottom, left, right)`` (>= 0) is the same as correlating
    ``pad(x, top, bottom, left, right)`` (the *fused* form the kernels print): each
    block of images is padded in a reused buffer just before its im2col copy.
    im2col + one GEMM per group and cache-sized block of images; a batch is split
    over numpy's BLAS threads (:mod:`symbp.kernels.blas`).
    """
    x = _as_array(x, "input", ndim=4)
    w = _as_array(w, "weight", ndim=4)
    sh, sw = pair(stride, "stride", 1)
    dh, dw = pair(dilation, "dilation", 1)
    G = _groups(groups)
    x, padding = _fusable_padding(x, padding)
    N, C, H, W = x.shape
    H, W = H + padding[0] + padding[1], W + padding[2] + padding[3]
    O, Cg, kh, kw = w.shape
    _check_channels(C, w.shape, G)
    if kh < 1 or kw < 1:
        raise ValueError(f"weight has an empty kernel {_hw(kh, kw)}")
    if H < _span(kh, dh) or W < _span(kw, dw):
        raise ValueError(f"kernel {_hw(kh, kw)} (dilated {_hw(_span(kh, dh), _span(kw, dw))}) "
                         f"is larger than the padded input {_hw(H, W)}")
    Ho, Wo = _valid_windows(H, kh, sh, dh), _valid_windows(W, kw, sw, dw)
    dtype = _common_dtype(x, w)
    x = np.ascontiguousarray(x, dtype)
    Og, K = O // G, Cg * kh * kw
    wm = np.ascontiguousarray(w, dtype).reshape(G, Og, K)
    out = np.empty((N, O, Ho, Wo), dtype)
    if out.size == 0:
        return out
    if Cg == 0:
        out[...] = _zero(dtype)
        return out
    if (sh, sw) == (1, 1) and _direct(dtype, Og * K):
        native.correlate_images(x, np.ascontiguousarray(w, dtype), out, G, (dh, dw), padding,
                                blas.workers(N, out.size * K, DIRECT_MIN_SPLIT_MACS))
        return out
    job = functools.partial(_correlate_images, x, wm, out, (kh, kw), (sh, sw), (dh, dw), G,
                            padding)
    blas.split(job, N, blas.workers(N, out.size * K) if dtype != object else 1)
    return out


#: the C loops of :mod:`symbp.kernels.native` serve a stride-1 correlation or weight
#: gradient when its GEMM would be (O/G) x (C/G·kh·kw) with at most this many
#: entries: measured on a 2-core AVX-512 VM (benchmarks/bench_direct.py),
#: direct took 0.3-0.8x im2col + OpenBLAS's time up to 32 -> 32
#: channels 3x3, 0.6-1.1x at 64 -> 64 and 0.8-1.15x at 128 -> 128
DIRECT_MAX_MACS = 64 * 64 * 9
#: a direct call is split over OpenMP threads from this many multiply-adds on
#: (no GIL hand-offs and threads that spin between calls, so much earlier than
#: the numpy paths' :data:`symbp.kernels.blas.MIN_SPLIT_MACS`)
DIRECT_MIN_SPLIT_MACS = 1 << 21


def _direct(dtype, gemm_entries: int) -> bool:
    """Whether to use the C loops (the caller checks the stride they need) for an op
    whose GEMM has this many entries."""
    return gemm_entries <= DIRECT_MAX_MACS and native.enabled(dtype)


def _fusable_padding(x: np.ndarray, padding) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Check a fused ``padding`` (top, bottom, left, right); object arrays are padded
    here (``pad`` writes exact zeros) and get ``(0, 0, 0, 0)`` back."""
    if not (isinstance(padding, (tuple, list)) and len(padding) == 4):
        raise ValueError(f"padding must be (top, bottom, left, right), got {padding!r}")
    padding = tuple(_int(v, "padding", 0) for v in padding)
    if x.dtype == object and any(padding):
        return pad(x, *padding), (0, 0, 0, 0)
    return x, padding


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


def _correlate_images(x, wm, out, kernel, stride, dil, G: int, padding, m0: int,
                      m1: int) -> None:
    """:func:`correlate`'s im2col + GEMM loop for images ``m0:m1`` of the unpadded
    ``x``, into ``out``.  Images are padded a group at a time (:func:`_pad_groups`),
    then gathered and multiplied a cache-sized block at a time (:func:`_blocks`),
    and each group's products are copied out once: few numpy calls per image,
    which matters when two threads share the GIL."""
    out = out[m0:m1]
    W = _padded_pitch(x, padding)
    sh, sw = stride
    _, Og, K = wm.shape
    O = G * Og
    Ho, Wo = out.shape[2:]
    dtype = out.dtype
    it = x.itemsize
    if sh == sw == 1:
        # flat rows: output pixel (i, j) of an image is flat position t = i·W + j,
        # so each tap reads one contiguous run; the W - Wo wrapped-around
        # positions per row are computed and dropped by the copy out
        L = _flat_len(Ho, Wo, W)
        for p0, p1, xb in _pad_groups(x, m0, m1, padding, O * L * it):
            nb = p1 - p0
            prod = _scratch_array((G, Og, nb * L), dtype, "prod")
            view = _tap_view(xb, G, kernel, dil, (L,), (1,))
            for n0, n1, t0, t1 in _blocks(nb, L, G * K * it):
                cols = _gather(view[:, :, :, :, n0:n1, t0:t1])
                np.matmul(wm, cols, out=prod[:, :, n0 * L + t0:(n1 - 1) * L + t1])
            kept = as_strided(prod, shape=(nb, G, Og, Ho, Wo),
                              strides=(L * it, Og * nb * L * it, nb * L * it, W * it, it),
                              writeable=False)
            np.copyto(out[p0:p1].reshape(nb, G, Og, Ho, Wo), kept)
    else:
        P = Ho * Wo
        for p0, p1, xb in _pad_groups(x, m0, m1, padding, O * P * it):
            nb = p1 - p0
            view = _tap_view(xb, G, kernel, dil, (Ho, Wo), (sh * W, sw))
            if nb == 1:
                prod = out[p0].reshape(G, Og, P)
            else:
                prod = _scratch_array((G, Og, nb * P), dtype, "prod")
            for n0, n1, i0, i1 in _blocks(nb, Ho, G * K * Wo * it):
                cols = _gather(view[:, :, :, :, n0:n1, i0:i1])
                np.matmul(wm, cols, out=prod[:, :, n0 * P + i0 * Wo:(n1 - 1) * P + i1 * Wo])
            if nb > 1:
                np.copyto(out[p0:p1].reshape(nb, G, Og, P),
                          prod.reshape(G, Og, nb, P).transpose(2, 0, 1, 3))


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


def weight_correlate(x, g, kernel_size, dilation=(1, 1), groups: int = 1,
                     stride=(1, 1), padding=(0, 0, 0, 0)) -> np.ndarray:
    """Weight gradient of a convolution from the padded input and δ.

    ``kernel_size=None`` computes every position where the (stride-dilated) g fits,
    ``(H - Hd) // dh + 1`` rows, as :class:`symbp.core.ops.WeightCorrelate` means it; a
    ``kernel_size`` is the top-left block of that (``crop(weight_correlate(..., None),
    kh, kw)`` without computing the rest).

    x (N, C, H, W) (already padded, or padded here by ``padding`` (top, bottom,
    left, right), the same as passing ``pad(x, *padding)``: the fused form the
    kernels print), g (N, O, Hg, Wg) -> (O, C/G, kh, kw) with
    ``out[o, i, p, q] = Σ_n Σ_{y,x} x[n, grp(o)·C/G + i, p·dh + y·sh, q·dw + x·sw] · g[n, o, y, x]``,
    ``grp(o) = o // (O/G)``.  With the default ``stride=(1, 1)`` g is the
    stride-dilated δ (``dilate(δ, s)``); with ``stride=s`` g is δ itself and the
    result is exactly ``weight_correlate(x, dilate(g, s), kernel_size, dilation,
    groups)`` without the zeros (the *fused* form the kernels print).  Rows/cols of
    x past ``(kh-1)dh + (Hg-1)sh + 1`` are unused.  im2col + one GEMM per group
    and cache-sized block of images, accumulated; a batch is split over numpy's
    BLAS threads (:mod:`symbp.kernels.blas`).
    """
    x = _as_array(x, "input", ndim=4)
    g = _as_array(g, "grad_output", ndim=4)
    full = kernel_size is None
    kh, kw = (1, 1) if full else pair(kernel_size, "kernel_size", 1)
    dh, dw = pair(dilation, "dilation", 1)
    sh, sw = pair(stride, "stride", 1)
    G = _groups(groups)
    x, padding = _fusable_padding(x, padding)
    N, C, H, W = x.shape
    H, W = H + padding[0] + padding[1], W + padding[2] + padding[3]
    Ng, O, Hg, Wg = g.shape
    if full:      # every position where the stride-dilated g fits (ops.WeightCorrelate)
        kh = (H - max(0, (Hg - 1) * sh + 1)) // dh + 1
        kw = (W - max(0, (Wg - 1) * sw + 1)) // dw + 1
        if kh < 1 or kw < 1:
            raise ValueError(f"grad_output {_hw(Hg, Wg)} (stride {_hw(sh, sw)}) does not fit "
                             f"the input {_hw(H, W)}")
    if Ng != N:
        raise ValueError(f"grad_output has batch size {Ng} but input has batch size {N}")
    if C % G:
        raise ValueError(f"input has {C} channels, not divisible by groups={G}")
    if O % G:
        raise ValueError(f"grad_output has {O} channels, not divisible by groups={G}")
    Hd, Wd = max(0, (Hg - 1) * sh + 1), max(0, (Wg - 1) * sw + 1)   # g dilated by the stride
    need_h, need_w = dh * (kh - 1) + Hd, dw * (kw - 1) + Wd
    if H < need_h or W < need_w:
        dil = "" if (sh, sw) == (1, 1) else f" (stride-dilated {_hw(Hd, Wd)})"
        raise ValueError(f"input {_hw(H, W)} is smaller than kernel {_hw(kh, kw)} (dilated "
                         f"{_hw(_span(kh, dh), _span(kw, dw))}) + grad_output {_hw(Hg, Wg)}{dil} "
                         f"- 1 = {_hw(need_h, need_w)}")
    dtype = _common_dtype(x, g)
    Cg = C // G
    if N * Hg * Wg * O * C == 0:
        return _zeros((O, Cg, kh, kw), dtype)
    x = np.ascontiguousarray(x, dtype)
    g = np.asarray(g, dtype)
    parts = 1 if dtype == object else blas.workers(N, N * Hg * Wg * O * Cg * kh * kw)

    def summed(method, *args):
        return sum(blas.split(lambda n0, n1: method(x[n0:n1], g[n0:n1], *args), N, parts))

    with np.errstate(invalid="ignore", over="ignore"):  # inf/nan propagate silently, as in torch
        # stride 1 only: the C loop takes strides too, but measured 1.3-1.5x slower than
        # the rows path below at stride 2 (64 channels): its column-phase copy is
        # scalar and a quarter of the rows per image leaves little work per tile
        if dtype != object and (sh, sw) == (1, 1):
            if _direct(dtype, (O // G) * Cg * kh * kw):
                out = native.weight_images(x, np.ascontiguousarray(g), (kh, kw), G, (dh, dw),
                                           padding, blas.workers(N, N * Hg * Wg * O * Cg * kh * kw,
                                                                 DIRECT_MIN_SPLIT_MACS))
            else:
                out = summed(_weight_correlate_flat, (kh, kw), (dh, dw), G, padding)
            if np.isfinite(out).all():
                return out
            # both pair zeros past δ's row end (the C loop's lane tail, the flat path's
            # wrap-around columns) with real entries, and inf·0 = nan: redo exactly,
            # pairing only real positions
        return summed(_weight_correlate_rows, (kh, kw), (dh, dw), G, padding, (sh, sw))


def _weight_correlate_flat(x, g, kernel, dilation, G: int, padding) -> np.ndarray:
    """:func:`weight_correlate` on flat rows: δ position (y, x) is t = y·W + x (the
    padded x's row pitch W); δ is zero-extended over the wrapped-around positions
    x >= Wg.  ``x`` is unpadded: each block of images is padded before its gather."""
    N, C = x.shape[:2]
    W = _padded_pitch(x, padding)
    _, O, Hg, Wg = g.shape
    Og, Cg = O // G, C // G
    K = Cg * kernel[0] * kernel[1]
    L = _flat_len(Hg, Wg, W)
    it = x.itemsize
    ge = _scratch_array((O, N, L), x.dtype, "prod")      # δ, channel-major, row pitch W
    plane = (N * L * it, L * it, W * it, it)
    as_strided(ge, shape=(O, N, Hg, Wg), strides=plane)[...] = g.transpose(1, 0, 2, 3)
    if W > Wg and Hg > 1:
        as_strided(ge[:, :, Wg:], shape=(O, N, Hg - 1, W - Wg), strides=plane)[...] = 0
    ge = ge.reshape(G, Og, N, L)
    acc = np.zeros((G, K, Og), x.dtype)
    tmp = np.empty_like(acc)
    for p0, p1, xb in _pad_groups(x, 0, N, padding, 0):
        view = _tap_view(xb, G, kernel, dilation, (L,), (1,))
        for n0, n1, t0, t1 in _blocks(p1 - p0, L, G * K * it):
            cols = _gather(view[:, :, :, :, n0:n1, t0:t1])
            # a view: whole rows (several images) or part of one image
            part = ge[:, :, p0 + n0:p0 + n1, t0:t1].reshape(G, Og, -1)
            np.matmul(cols, part.transpose(0, 2, 1), out=tmp)
            acc += tmp
    return np.ascontiguousarray(acc.transpose(0, 2, 1)).reshape(O, Cg, *kernel)


def _weight_correlate_rows(x, g, kernel, dilation, G: int, padding,
                           stride=(1, 1)) -> np.ndarray:
    """:func:`weight_correlate` gathering exactly the (Hg, Wg) window positions,
    ``stride`` apart (any dtype; no wrap-around columns and no stride zeros, so
    inf/nan meet only real partners).  ``x`` unpadded, as in the flat version."""
    N, C = x.shape[:2]
    W = _padded_pitch(x, padding)
    _, O, Hg, Wg = g.shape
    sh, sw = stride
    Og, Cg = O // G, C // G
    K = Cg * kernel[0] * kernel[1]
    gm = np.ascontiguousarray(g.transpose(1, 0, 2, 3)).reshape(G, Og, N, Hg * Wg)
    acc = _zeros((G, K, Og), x.dtype)
    tmp = np.empty_like(acc)
    for p0, p1, xb in _pad_groups(x, 0, N, padding, 0):
        view = _tap_view(xb, G, kernel, dilation, (Hg, Wg), (sh * W, sw))
        for n0, n1, y0, y1 in _blocks(p1 - p0, Hg, G * K * Wg * x.itemsize):
            part = gm[:, :, p0 + n0:p0 + n1, y0 * Wg:y1 * Wg].reshape(G, Og, -1)
            np.matmul(_gather(view[:, :, :, :, n0:n1, y0:y1]), part.transpose(0, 2, 1), out=tmp)
            acc += tmp
    return np.ascontiguousarray(acc.transpose(0, 2, 1)).reshape(O, Cg, *kernel)


def transposed_correlate(g, w, stride=(1, 1), padding=(0, 0, 0, 0), dilation=(1, 1),
                         groups: int = 1, swap: bool = True) -> np.ndarray:
    """The input gradient's transposed convolution, without the inserted zeros.

    Exactly (up to the order of the additions)
    ``correlate(pad(dilate(g, sh, sw), *padding), K, 1, 1, groups)`` with
    ``K = swap_io(dilate(rot180(w), dh, dw), groups)`` (``swap=True``) or
    ``K = dilate(rot180(w), dh, dw)`` (``swap=False``): the composition a conv
    layer's ∂J/∂a closed form writes (:mod:`symbp.kernels` prints that pattern
    as this call).  g (N, O, Hg, Wg); w (O, C/G, kh, kw) -- the forward kernel --
    when ``swap`` (else its swap_io); padding ``(top, bottom, left, right)``,
    negative amounts crop.  -> (N, C, Hout, Wout) with
    ``Hout = (Hg-1)·sh + 1 + top + bottom - dh(kh-1)``.

    Stride 1: one im2col correlation with the dilation kept as a correlation
    dilation (no kernel zeros).  Stride > 1: col2im -- one GEMM
    ``W_gᵀ · δ_g`` per group and block, then kh·kw strided adds -- so none of the
    ``1 - 1/(sh·sw)`` zeros of the dilated δ is multiplied.
    """
    g = _as_array(g, "grad_output", ndim=4)
    w = _as_array(w, "weight", ndim=4)
    sh, sw = pair(stride, "stride", 1)
    dh, dw = pair(dilation, "dilation", 1)
    G = _groups(groups)
    if not (isinstance(padding, (tuple, list)) and len(padding) == 4):
        raise ValueError(f"padding must be (top, bottom, left, right), got {padding!r}")
    top, bottom, left, right = (_int(v, "padding") for v in padding)
    N, O, Hg, Wg = g.shape
    if O % G:
        raise ValueError(f"grad_output has {O} channels, not divisible by groups={G}")
    if not swap:
        w = swap_io(w, G)  # the forward kernel: swap_io is its own inverse
    if w.shape[0] != O:
        raise ValueError(f"weight has {w.shape[0]} output channels but grad_output has {O}")
    _, Cg, kh, kw = w.shape
    Hd, Wd = max(0, (Hg - 1) * sh + 1), max(0, (Wg - 1) * sw + 1)
    Hp, Wp = Hd + top + bottom, Wd + left + right
    if Hp < 0 or Wp < 0:
        raise ValueError(f"padding {(top, bottom, left, right)} crops the stride-dilated "
                         f"grad_output {_hw(Hd, Wd)} to a negative size")
    if kh < 1 or kw < 1 or Hp < _span(kh, dh) or Wp < _span(kw, dw):
        raise ValueError(f"kernel {_hw(kh, kw)} (dilated {_hw(_span(kh, dh), _span(kw, dw))}) "
                         f"is larger than the padded input {_hw(Hp, Wp)}")
    dtype = _common_dtype(g, w)
    if ((sh, sw) == (1, 1) and _TRANSPOSED_STRIDE1 == "im2col") or dtype == object:
        # (object arrays: the plain composition, the index ops are exact there)
        if dtype != object and (sh, sw) == (1, 1) and min(top, bottom, left, right) >= 0:
            return correlate(np.asarray(g, dtype), swap_io(rot180(w), G), (1, 1), (dh, dw), G,
                             padding=(top, bottom, left, right))
        gp = pad(g if (sh, sw) == (1, 1) else dilate(g, sh, sw), top, bottom, left, right)
        return correlate(gp, swap_io(rot180(w), G), (1, 1), (dh, dw), G)
    Ho, Wo = Hp - _span(kh, dh) + 1, Wp - _span(kw, dw) + 1
    return _transposed_col2im(g, np.asarray(w, dtype), (sh, sw), (top, left), (dh, dw), G,
                              (Ho, Wo), dtype)


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


#: transposed_correlate's method at stride 1: "im2col" (correlate the padded δ with the
#: rotated kernel) or "col2im" (as for stride > 1); see benchmarks/bench_kernels.py
_TRANSPOSED_STRIDE1 = "im2col"


def _transposed_col2im(g, w, stride, before, dilation, G, out_hw, dtype) -> np.ndarray:
    """:func:`transposed_correlate` by col2im: per group and block of δ rows, the
    GEMM ``W_gᵀ δ_g`` gives every (input channel, tap) contribution, added at
    its strided output positions (rows/cols outside the output are skipped)."""
    N, O, Hg, Wg = g.shape
    _, Cg, kh, kw = w.shape
    (sh, sw), (top, left), (dh, dw) = stride, before, dilation
    Ho, Wo = out_hw
    C, Og = G * Cg, O // G
    out = np.zeros((N, C, Ho, Wo), dtype)
    if out.size == 0 or Hg * Wg * Og == 0:
        return out
    # δ position (i, j) meets kernel tap (a, b) at output row i·sh + a·dh - ph
    # (and column j·sw + b·dw - pw), where ph = dh(kh-1) - top is the forward padding
    ph, pw = dh * (kh - 1) - top, dw * (kw - 1) - left
    K = Cg * kh * kw
    wt = np.ascontiguousarray(w.reshape(G, Og, K).transpose(0, 2, 1))
    g = np.asarray(g, dtype)
    it = np.dtype(dtype).itemsize
    outg = out.reshape(N, G, Cg, Ho, Wo)
    taps = []
    for a in range(kh):
        rows = _scatter_range(a * dh - ph, sh, Hg, Ho)
        for b in range(kw):
            cols = _scatter_range(b * dw - pw, sw, Wg, Wo)
            if rows and cols:
                taps.append((a, b, rows, cols))

    def images(m0: int, m1: int) -> None:
        for n0, n1, y0, y1 in _blocks(m1 - m0, Hg, G * K * Wg * it):
            n0, n1 = n0 + m0, n1 + m0
            nb, ny = n1 - n0, y1 - y0
            part = g[n0:n1, :, y0:y1].reshape(nb, G, Og, ny * Wg)
            cols_ = _scratch_array((nb, G, K, ny * Wg), dtype, "cols")
            np.matmul(wt, part, out=cols_)
            cols_ = cols_.reshape(nb, G, Cg, kh, kw, ny, Wg)
            for a, b, (i0, i1), (j0, j1) in taps:
                c0 = b * dw - pw + j0 * sw
                i0, i1 = max(i0, y0), min(i1, y1)
                if i0 >= i1:
                    continue
                r = a * dh - ph + i0 * sh
                dst = outg[n0:n1, :, :, r:r + (i1 - i0 - 1) * sh + 1:sh,
                           c0:c0 + (j1 - j0 - 1) * sw + 1:sw]
                dst += cols_[:, :, :, a, b, i0 - y0:i1 - y0, j0:j1]

    with np.errstate(invalid="ignore", over="ignore"):
        blas.split(images, N, blas.workers(N, N * Hg * Wg * O * K))
    return out


def _scatter_range(offset: int, stride: int, n: int, size: int):
    """``(i0, i1)``: the δ indices ``i0 <= i < i1`` (of ``n``) whose row
    ``offset + i·stride`` lies in ``[0, size)``; None when there is none."""
    i0 = max(0, -(offset // stride))                      # ceil(-offset / stride)
    i1 = min(n, (size - 1 - offset) // stride + 1) if size - 1 - offset >= 0 else 0
    return (i0, i1) if i0 < i1 else None


def add_bias(x, b) -> np.ndarray:
    """x (N, C, H, W) + b (C,) broadcast over batch and positions (x's dtype kept)."""
    x = _as_array(x, "input", ndim=4)
    b = _as_array(b, "bias", ndim=1)
    if b.shape[0] != x.shape[1]:
        raise ValueError(f"bias has {b.shape[0]} entries but input has {x.shape[1]} channels")
    return x + b.astype(x.dtype, copy=False)[:, None, None]


def channel_sum(g) -> np.ndarray:
    """Bias gradient: (N, O, H, W) -> (O,), the sum over batch and positions."""
    g = _as_array(g, "grad_output", ndim=4)
    return g.sum(axis=(0, 2, 3), dtype=g.dtype)
