"""Pure index operations on arrays of any dtype (numbers or SymPy objects) and the
argument checks they share with :mod:`symbp.kernels.numeric`.

:func:`pad`, :func:`dilate`, :func:`rot180`, :func:`swap_io` are what the symbolic
operators of :mod:`symbp.core.ops` run entry by entry; they need numpy only (no BLAS, no
ctypes), so the symbolic core imports this module and never :mod:`symbp.kernels.numeric`.

Example::

    >>> import numpy as np
    >>> pad(np.ones((1, 1, 2, 2), dtype=int), 1, 0, 0, 1).shape
    (1, 1, 3, 3)
"""

from __future__ import annotations

import numbers

import numpy as np

from . import geometry

# ---------------------------------------------------------------------------
# argument helpers
# ---------------------------------------------------------------------------

def _is_int(v) -> bool:
    if type(v) is int:   # the common case, without the ABC check
        return True
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


def _int(v, name: str, minimum: int | None = None) -> int:
    """``v`` as a Python int, checked against ``minimum``; ValueError naming ``name``."""
    if not _is_int(v):
        raise ValueError(f"{name} must be an int, got {v!r}")
    v = int(v)
    if minimum is not None and v < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v}")
    return v


def pair(v, name: str, minimum: int | None = None) -> tuple[int, int]:
    """``v`` (an int or an ``(h, w)`` pair of ints) as an ``(h, w)`` tuple.

    Raises ValueError naming ``name`` for anything else (bools and floats
    included) or for entries below ``minimum``; the conversion itself is
    :func:`symbp.core.geometry.pair`'s.
    """
    if type(v) is tuple and len(v) == 2 and type(v[0]) is int and type(v[1]) is int:
        h, w = v  # the common case
        if minimum is not None and min(h, w) < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {v!r}")
        return v
    if not (_is_int(v) or (isinstance(v, (tuple, list, np.ndarray)) and len(v) == 2
                           and all(_is_int(e) for e in v))):
        raise ValueError(f"{name} must be an int or a pair of ints, got {v!r}")
    h, w = geometry.pair(int(v) if _is_int(v) else tuple(int(e) for e in v), name)
    if minimum is not None and min(h, w) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {v!r}")
    return h, w


def _as_array(x, name: str, ndim: int | None = None, min_ndim: int | None = None) -> np.ndarray:
    """``np.asarray(x)`` with a rank check; the message names ``name``."""
    x = np.asarray(x)
    if ndim is not None and x.ndim != ndim:
        layout = {4: " (N, C, H, W)" if name != "weight" else " (C_out, C_in/groups, kh, kw)"}
        raise ValueError(f"{name} must be {ndim}-D{layout.get(ndim, '')}, got shape {x.shape}")
    if min_ndim is not None and x.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dims, got shape {x.shape}")
    return x


def _groups(groups) -> int:
    return _int(groups, "groups", 1)


def _hw(h: int, w: int) -> str:
    return f"{h}x{w}"


def _pad_slices(n: int, before: int, after: int) -> tuple[slice, slice]:
    """(source, destination) slices along one axis for :func:`pad` (negative = crop)."""
    lo, hi = max(0, -before), n - max(0, -after)
    length = max(0, hi - lo)
    start = max(0, before)
    return slice(lo, lo + length), slice(start, start + length)


# ---------------------------------------------------------------------------
# pure index operations (any dtype, including object arrays)
# ---------------------------------------------------------------------------

def _zero(dtype):
    """The zero used to fill new entries: sympy's ``S.Zero`` for object arrays."""
    if dtype == object:
        try:
            import sympy
            return sympy.S.Zero
        except ImportError:  # pragma: no cover - sympy is a dependency
            return 0
    return 0


def _zeros(shape, dtype) -> np.ndarray:
    out = np.zeros(shape, dtype)
    if out.dtype == object:
        out.fill(_zero(object))
    return out


def pad(x, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    """Zero-pad the last two dims: (..., H, W) -> (..., H+top+bottom, W+left+right).

    Negative amounts crop.  Any leading dims and any dtype.  Returns a new array.
    """
    x = _as_array(x, "x", min_ndim=2)
    top, bottom, left, right = (_int(v, n) for v, n in
                                ((top, "top"), (bottom, "bottom"), (left, "left"), (right, "right")))
    H, W = x.shape[-2:]
    Hn, Wn = H + top + bottom, W + left + right
    if Hn < 0 or Wn < 0:
        raise ValueError(f"pad ({top}, {bottom}, {left}, {right}) crops x of size "
                         f"{_hw(H, W)} to a negative size {_hw(Hn, Wn)}")
    out = _zeros(x.shape[:-2] + (Hn, Wn), x.dtype)
    src_h, dst_h = _pad_slices(H, top, bottom)
    src_w, dst_w = _pad_slices(W, left, right)
    out[..., dst_h, dst_w] = x[..., src_h, src_w]
    return out


def crop(x, h: int, w: int) -> np.ndarray:
    """The top-left h x w block of the last two dims (a copy); ValueError when x is smaller.

    >>> crop(np.arange(12.).reshape(3, 4), 2, 2).tolist()
    [[0.0, 1.0], [4.0, 5.0]]
    """
    x = _as_array(x, "x", min_ndim=2)
    h, w = _int(h, "h", 1), _int(w, "w", 1)
    if x.shape[-2] < h or x.shape[-1] < w:
        raise ValueError(f"crop to {_hw(h, w)} of x of size {_hw(*x.shape[-2:])}")
    return x[..., :h, :w].copy()


def dilate(x, sh: int, sw: int | None = None) -> np.ndarray:
    """Insert ``s - 1`` zeros between entries of the last two dims.

    (..., H, W) -> (..., (H-1) sh + 1, (W-1) sw + 1).  ``sw`` defaults to ``sh``.
    Any dtype.  Returns a new array (a copy also when ``sh == sw == 1``).
    """
    x = _as_array(x, "x", min_ndim=2)
    sh = _int(sh, "sh", 1)
    sw = sh if sw is None else _int(sw, "sw", 1)
    if sh == sw == 1:
        return x.copy()
    H, W = x.shape[-2:]
    out = _zeros(x.shape[:-2] + (max(0, (H - 1) * sh + 1), max(0, (W - 1) * sw + 1)), x.dtype)
    out[..., ::sh, ::sw] = x
    return out


def rot180(x) -> np.ndarray:
    """Flip the last two dims (rotate each kernel by 180°): (..., H, W) -> (..., H, W).

    Returns a view, like ``np.flip``.  Any dtype.
    """
    x = _as_array(x, "x", min_ndim=2)
    return x[..., ::-1, ::-1]


def swap_io(w, groups: int = 1) -> np.ndarray:
    """Kernel of the transposed convolution.

    (C_out, C_in/G, kh, kw) -> (C_in, C_out/G, kh, kw): within each group the
    output- and input-channel axes are swapped.  Any dtype; returns a new array.
    """
    w = _as_array(w, "weight", ndim=4)
    G = _groups(groups)
    O, Cg, kh, kw = w.shape
    if O % G:
        raise ValueError(f"weight has {O} output channels, not divisible by groups={G}")
    Og = O // G
    return np.ascontiguousarray(
        w.reshape(G, Og, Cg, kh, kw).transpose(0, 2, 1, 3, 4)).reshape(G * Cg, Og, kh, kw)


# ---------------------------------------------------------------------------
# index arithmetic: the formulas are symbp.core.geometry's (one source of truth);
# these wrappers add numeric's argument validation
# ---------------------------------------------------------------------------

def _span(kernel: int, dilation: int) -> int:
    """Extent of a dilated kernel: ``d (k - 1) + 1``."""
    return dilation * (kernel - 1) + 1


def _valid_windows(size: int, kernel: int, stride: int, dilation: int) -> int:
    """Number of stride-``stride`` windows of a dilated kernel inside ``size`` (may be <= 0)."""
    return geometry.conv_output_size(size, kernel, stride, 0, dilation)


def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    """Output length of a convolution: ``floor((size + 2p - d(k-1) - 1) / s) + 1`` (PyTorch)."""
    size = _int(size, "size", 0)
    kernel = _int(kernel, "kernel", 1)
    stride = _int(stride, "stride", 1)
    padding = _int(padding, "padding", 0)
    dilation = _int(dilation, "dilation", 1)
    padded = size + 2 * padding
    if padded < _span(kernel, dilation):
        raise ValueError(f"kernel {kernel} (dilated extent {_span(kernel, dilation)}) "
                         f"is larger than the padded input {padded}")
    return geometry.conv_output_size(size, kernel, stride, padding, dilation)


def pool_output_size(size: int, kernel: int, stride: int, padding: int = 0,
                     dilation: int = 1, ceil_mode: bool = False) -> int:
    """Output length of a pooling layer, PyTorch's rule.

    ``floor`` (or ``ceil`` with ``ceil_mode``) of
    ``(size + 2p - d(k-1) - 1) / s``, plus one; in ceil mode the last window
    must start inside the input or the left padding, otherwise it is dropped.
    """
    size = _int(size, "size", 0)
    kernel = _int(kernel, "kernel", 1)
    stride = _int(stride, "stride", 1)
    padding = _int(padding, "padding", 0)
    dilation = _int(dilation, "dilation", 1)
    out = geometry.pool_output_size(size, kernel, stride, padding, dilation, bool(ceil_mode))
    if out < 1:
        raise ValueError(f"kernel {kernel} (dilated extent {_span(kernel, dilation)}) "
                         f"is larger than the padded input {size + 2 * padding}")
    return out


def transpose_padding(in_size: int, kernel: int, stride: int = 1, padding: int = 0,
                      dilation: int = 1) -> tuple[int, int]:
    """Padding ``(before, after)`` of the stride-dilated δ for the input gradient.

    ``before = d(k-1) - p`` and ``after = before + r`` with
    ``r = (in + 2p - d(k-1) - 1) mod s``, the trailing input rows that no
    forward window reached.  Negative amounts mean cropping (``p > d(k-1)``).
    """
    conv_output_size(in_size, kernel, stride, padding, dilation)  # validates
    return geometry.transpose_padding(in_size, kernel, stride, padding, dilation)


def _pool_extra(size: int, kernel: int, stride: int, padding: int, dilation: int, out: int) -> int:
    """Zeros/−inf needed past the right padding so that all ``out`` windows fit (ceil mode)."""
    return max(0, (out - 1) * stride + _span(kernel, dilation) - (size + 2 * padding))


def _avg_counts(size: int, kernel: int, stride: int, padding: int, out: int):
    """Per output position: (window length clipped to the padded input, length inside the input).

    PyTorch's avg-pool divisor: the window ``[o s - p, o s - p + k)`` is first
    clipped to ``size + p`` (ceil-mode windows may run past the padding), that
    is the ``count_include_pad`` count; clipping also to ``[0, size)`` gives the
    other one.
    """
    start = np.arange(out) * stride - padding
    end = np.minimum(start + kernel, size + padding)
    inside = np.minimum(end, size) - np.maximum(start, 0)
    return end - start, inside


def _tap_slice(offset: int, stride: int, count: int) -> slice:
    """Positions ``offset, offset + stride, ...`` (``count`` of them) as a slice."""
    return slice(offset, offset + stride * (count - 1) + 1, stride)
