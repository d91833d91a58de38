"""Pooling primitives of :mod:`symbp.kernels.numeric` (PyTorch's max_pool2d / avg_pool2d and
their backward scatters), vectorised over the batch and channel axes.

Example::

    >>> import numpy as np
    >>> avg_pool2d(np.arange(16.0).reshape(1, 1, 4, 4), 2)[0, 0]
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..core.arrays import (_as_array, _avg_counts, _hw, _int, _pool_extra, _span, _tap_slice, _zero, _zeros,
                     pair, pool_output_size)


class _PoolGeometry:
    """Kernel/stride/padding/dilation of a 2-D pooling and the derived sizes."""

    def __init__(self, hw, kernel_size, stride, padding, dilation, ceil_mode):
        self.kh, self.kw = pair(kernel_size, "kernel_size", 1)
        self.sh, self.sw = (self.kh, self.kw) if stride is None or (
            isinstance(stride, (tuple, list)) and len(stride) == 0) else pair(stride, "stride", 1)
        self.ph, self.pw = pair(padding, "padding", 0)
        self.dh, self.dw = pair(dilation, "dilation", 1)
        if self.ph > self.kh // 2 or self.pw > self.kw // 2:
            raise ValueError(f"padding {_hw(self.ph, self.pw)} must be at most half the kernel "
                             f"size {_hw(self.kh, self.kw)}")
        self.ceil_mode = bool(ceil_mode)
        self.H, self.W = hw
        try:
            self.Ho = pool_output_size(self.H, self.kh, self.sh, self.ph, self.dh, ceil_mode)
            self.Wo = pool_output_size(self.W, self.kw, self.sw, self.pw, self.dw, ceil_mode)
        except ValueError:
            raise ValueError(
                f"kernel {_hw(self.kh, self.kw)} (dilated "
                f"{_hw(_span(self.kh, self.dh), _span(self.kw, self.dw))}) is larger than the "
                f"padded input {_hw(self.H + 2 * self.ph, self.W + 2 * self.pw)}") from None
        # past the right/bottom padding (ceil-mode windows may run over it)
        self.eh = _pool_extra(self.H, self.kh, self.sh, self.ph, self.dh, self.Ho)
        self.ew = _pool_extra(self.W, self.kw, self.sw, self.pw, self.dw, self.Wo)

    def padded_hw(self) -> tuple[int, int]:
        """Size of the padded input that holds every window."""
        return self.H + 2 * self.ph + self.eh, self.W + 2 * self.pw + self.ew

    def padded(self, x, fill) -> np.ndarray:
        """x padded (with ``fill``) so that every window lies inside."""
        out = np.full(x.shape[:-2] + self.padded_hw(), fill, dtype=x.dtype)
        out[..., self.ph:self.ph + self.H, self.pw:self.pw + self.W] = x
        return out

    def unpadded(self, xp) -> np.ndarray:
        """Inverse of :meth:`padded` (a copy)."""
        return xp[..., self.ph:self.ph + self.H, self.pw:self.pw + self.W].copy()

    def taps(self):
        """``(a, b, rows, cols)``: kernel tap and the slices of the padded input it reads."""
        for a in range(self.kh):
            for b in range(self.kw):
                yield a, b, _tap_slice(a * self.dh, self.sh, self.Ho), \
                    _tap_slice(b * self.dw, self.sw, self.Wo)

    def windows(self, xp) -> np.ndarray:
        """View (..., Ho, Wo, kh·kw) of the padded input's windows (row-major taps)."""
        s = xp.strides
        lead = xp.shape[:-2]
        v = as_strided(xp, shape=lead + (self.Ho, self.Wo, self.kh, self.kw),
                       strides=s[:-2] + (self.sh * s[-2], self.sw * s[-1],
                                         self.dh * s[-2], self.dw * s[-1]),
                       writeable=False)
        return v.reshape(lead + (self.Ho, self.Wo, self.kh * self.kw))

    def inside(self) -> np.ndarray:
        """Bool (Ho, Wo, kh·kw): which window taps fall inside the unpadded input."""
        rh = np.arange(self.Ho)[:, None] * self.sh - self.ph + np.arange(self.kh) * self.dh
        rw = np.arange(self.Wo)[:, None] * self.sw - self.pw + np.arange(self.kw) * self.dw
        ih = (rh >= 0) & (rh < self.H)
        iw = (rw >= 0) & (rw < self.W)
        return (ih[:, None, :, None] & iw[None, :, None, :]).reshape(self.Ho, self.Wo, -1)

    def flat_index(self, tap) -> np.ndarray:
        """Row-major index ``h·W + w`` in the unpadded input of window tap ``tap``."""
        oh = np.arange(self.Ho)[:, None]
        ow = np.arange(self.Wo)[None, :]
        h = oh * self.sh - self.ph + (tap // self.kw) * self.dh
        w = ow * self.sw - self.pw + (tap % self.kw) * self.dw
        return h * self.W + w

    def first_tap_index(self) -> np.ndarray:
        """(Ho, Wo): ``h0·W + w0`` for the first tap row/col at or past 0 of each window --
        PyTorch's max-pool index for a window with no tap inside the input (only
        possible with dilation; the index then points outside the plane)."""
        h0 = _first_nonnegative(np.arange(self.Ho) * self.sh - self.ph, self.dh)
        w0 = _first_nonnegative(np.arange(self.Wo) * self.sw - self.pw, self.dw)
        return h0[:, None] * self.W + w0[None, :]


def _first_nonnegative(start: np.ndarray, step: int) -> np.ndarray:
    """Smallest ``start + m·step >= 0`` (m >= 0)."""
    return np.where(start < 0, start + (-start + step - 1) // step * step, start)


def _avg_divisor(geo: _PoolGeometry, count_include_pad: bool, divisor_override) -> np.ndarray:
    """(Ho, Wo) int array of PyTorch's avg-pool divisors."""
    if divisor_override is not None:
        d = _int(divisor_override, "divisor_override")
        if d == 0:
            raise ValueError("divisor_override must be non-zero")
        return np.full((geo.Ho, geo.Wo), d, dtype=np.int64)
    full_h, in_h = _avg_counts(geo.H, geo.kh, geo.sh, geo.ph, geo.Ho)
    full_w, in_w = _avg_counts(geo.W, geo.kw, geo.sw, geo.pw, geo.Wo)
    if count_include_pad:
        return np.outer(full_h, full_w)
    return np.outer(in_h, in_w)


def _divide(x: np.ndarray, divisor: np.ndarray) -> np.ndarray:
    """x / divisor keeping x's dtype (object arrays divide entry by entry by Python ints)."""
    if x.dtype == object:
        return x / divisor.astype(object)
    if x.dtype.kind in "fc":
        return x / divisor.astype(x.dtype)
    return x / divisor


def avg_pool2d(x, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override=None) -> np.ndarray:
    """``torch.nn.functional.avg_pool2d``: (N, C, H, W) -> (N, C, Ho, Wo) (any leading dims)."""
    x = _as_array(x, "input", min_ndim=2)
    geo = _PoolGeometry(x.shape[-2:], kernel_size, stride, padding, 1, ceil_mode)
    xp = geo.padded(x, _zero(x.dtype))
    total = None
    for _, _, rows, cols in geo.taps():
        part = xp[..., rows, cols]
        total = part.copy() if total is None else total + part
    return _divide(total, _avg_divisor(geo, count_include_pad, divisor_override))


def avg_pool2d_scatter(g, input_hw, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
                       count_include_pad: bool = True, divisor_override=None) -> np.ndarray:
    """Backward of :func:`avg_pool2d`: (N, C, Ho, Wo) -> (N, C, H, W).

    Each g entry is divided by its window's divisor and added to every entry
    of its window that lies inside the ``input_hw = (H, W)`` input.
    """
    g = _as_array(g, "grad_output", min_ndim=2)
    H, W = pair(input_hw, "input_hw", 0)
    geo = _PoolGeometry((H, W), kernel_size, stride, padding, 1, ceil_mode)
    if g.shape[-2:] != (geo.Ho, geo.Wo):
        raise ValueError(f"grad_output is {_hw(*g.shape[-2:])} but the pooling of a "
                         f"{_hw(H, W)} input gives {_hw(geo.Ho, geo.Wo)}")
    share = _divide(g, _avg_divisor(geo, count_include_pad, divisor_override))
    acc = _zeros(share.shape[:-2] + geo.padded_hw(), share.dtype)
    for _, _, rows, cols in geo.taps():
        acc[..., rows, cols] += share
    return geo.unpadded(acc)


def _lowest(dtype: np.dtype):
    """Fill value that never wins a max: -inf (floats) or the smallest integer."""
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind in "iu":
        return np.iinfo(dtype).min
    if dtype.kind == "b":
        return False
    raise ValueError(f"max_pool2d does not support dtype {dtype}")


def _max_choice(x: np.ndarray, geo: _PoolGeometry, tie: str):
    """(tap, value): per window the chosen tap index in [0, kh·kw) and its value.

    PyTorch's rule (``tie='first'``): the first maximum in row-major window
    order; a NaN beats everything and the *last* NaN wins (its CPU kernel
    replaces the running max on ``val > max || isnan(val)``).  Taps in the
    padding never win.  ``tie='last'`` picks the last maximum instead.
    """
    if tie not in ("first", "last"):
        raise ValueError(f"tie must be 'first' or 'last', got {tie!r}")
    win = geo.windows(geo.padded(x, _lowest(x.dtype)))
    inside = geo.inside()
    best = win.max(axis=-1, keepdims=True)
    hit = (win == best) & inside
    if x.dtype.kind == "f":
        nan = np.isnan(win)
        any_nan = nan.any(axis=-1, keepdims=True)
        hit = np.where(any_nan, nan, hit)
        last = np.where(any_nan[..., 0], True, tie == "last")
    else:
        last = np.full(hit.shape[:-1], tie == "last")
    K = hit.shape[-1]
    first_idx = np.argmax(hit, axis=-1)
    last_idx = K - 1 - np.argmax(hit[..., ::-1], axis=-1)
    tap = np.where(last, last_idx, first_idx)
    value = np.take_along_axis(win, tap[..., None], axis=-1)[..., 0]
    return tap, value


def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False):
    """``torch.nn.functional.max_pool2d(..., return_indices=True)``.

    (N, C, H, W) -> (values (N, C, Ho, Wo), indices (N, C, Ho, Wo) int64),
    the index being the row-major position ``h·W + w`` inside each (n, c) plane.
    Padding is -inf; ties go to the first maximum; NaN propagates.  A window
    with no entry inside the input (possible with dilation) gives -inf and
    PyTorch's out-of-plane index.
    """
    x = _as_array(x, "input", min_ndim=2)
    geo = _PoolGeometry(x.shape[-2:], kernel_size, stride, padding, dilation, ceil_mode)
    tap, value = _max_choice(x, geo, "first")
    index = np.where(geo.inside().any(axis=-1), geo.flat_index(tap), geo.first_tap_index())
    return value, index.astype(np.int64)


def max_pool2d_scatter(g, x, kernel_size, stride=None, padding=0, dilation=1,
                       ceil_mode: bool = False, tie: str = "first") -> np.ndarray:
    """Backward of :func:`max_pool2d`: g (N, C, Ho, Wo), x (N, C, H, W) -> (N, C, H, W).

    Each g entry goes to its window's maximum (``tie='first'``: PyTorch's
    rule; ``tie='last'``: the last maximum, a deliberately wrong rule) and
    entries picked by several windows accumulate.  Windows with no entry
    inside the input contribute nothing (PyTorch writes those into the next
    plane through the out-of-plane index).
    """
    g = _as_array(g, "grad_output", min_ndim=2)
    x = _as_array(x, "input", min_ndim=2)
    geo = _PoolGeometry(x.shape[-2:], kernel_size, stride, padding, dilation, ceil_mode)
    if g.shape != x.shape[:-2] + (geo.Ho, geo.Wo):
        raise ValueError(f"grad_output has shape {g.shape} but max_pool2d of input "
                         f"{x.shape} gives {x.shape[:-2] + (geo.Ho, geo.Wo)}")
    tap, _ = _max_choice(x, geo, tie)
    zero = _zero(g.dtype)
    acc = _zeros(g.shape[:-2] + geo.padded_hw(), g.dtype)
    for a, b, rows, cols in geo.taps():
        acc[..., rows, cols] += np.where(tap == a * geo.kw + b, g, zero)
    return geo.unpadded(acc)
