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
:mod:`symbp.kernels.numeric_pool`; this module re-exports both.  The scratch buffers, the
im2col blocking (and its size limits) and the shared argument checks live in
:mod:`symbp.kernels.numeric_blocks`, the per-block GEMM loops in
:mod:`symbp.kernels.numeric_gemm`; this module keeps the public primitives, their
argument checks and the choice of path (:data:`DIRECT_MAX_MACS`, ``_TRANSPOSED_STRIDE1``).

This module must not import torch.
"""

from __future__ import annotations

import functools

import numpy as np

from . import blas, native
from ..core.arrays import (_as_array, _avg_counts, _groups, _hw, _int, _is_int, _pad_slices,  # noqa: F401
                     _pool_extra, _span, _tap_slice, _valid_windows, _zero, _zeros,
                     conv_output_size, crop, dilate, pad, pair, pool_output_size, rot180, swap_io,
                     transpose_padding)
from .numeric_blocks import _check_channels, _common_dtype, _fusable_padding, release_scratch
from .numeric_gemm import (_correlate_images, _transposed_col2im, _weight_correlate_flat,
                           _weight_correlate_rows)
from .numeric_pool import (_PoolGeometry, _avg_divisor, avg_pool2d, avg_pool2d_scatter,  # noqa: F401
                           max_pool2d, max_pool2d_scatter)

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
# correlation (the convolution hot path)
# ---------------------------------------------------------------------------

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

#: transposed_correlate's method at stride 1: "im2col" (correlate the padded δ with the
#: rotated kernel) or "col2im" (as for stride > 1); see benchmarks/bench_kernels.py
_TRANSPOSED_STRIDE1 = "im2col"

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
