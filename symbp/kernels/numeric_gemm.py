"""The per-block GEMM loops behind :mod:`symbp.kernels.numeric`'s convolution primitives.

Each function runs one primitive over a range of images (or the whole batch) with
the blocks and scratch buffers of :mod:`symbp.kernels.numeric_blocks`:
:func:`_correlate_images` (im2col + GEMM for ``correlate``),
:func:`_weight_correlate_flat` / :func:`_weight_correlate_rows` (the weight
gradient's GEMMs, accumulated) and :func:`_transposed_col2im` (the input
gradient by col2im).  The argument checks and the choice of path are the callers'
in :mod:`symbp.kernels.numeric`.

This module must not import torch.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import blas
from ..core.arrays import _zeros
from .numeric_blocks import _blocks, _flat_len, _gather, _pad_groups, _padded_pitch, _scratch_array, _tap_view

# ---------------------------------------------------------------------------
# correlation
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# weight gradient
# ---------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------
# input gradient by col2im
# ---------------------------------------------------------------------------

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
