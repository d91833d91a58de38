"""Index arithmetic shared by the layers: output sizes, transpose padding, windows.

Every rule here is PyTorch's, so that symbp's shapes can be checked against it.
"""
from __future__ import annotations

import operator

import re
from dataclasses import dataclass


class ConfigError(ValueError):
    """A layer configuration that PyTorch would reject (one-line message)."""


def pair(value, name: str) -> tuple[int, int]:
    """``value`` as an (h, w) pair of ints; an int ``v`` means (v, v).  :func:`read_pair`
    reads it; what it refuses is a ``ConfigError`` naming ``name``."""
    try:
        if isinstance(value, str):          # text is read_pair's with its separators, not here
            raise ValueError(value)
        return read_pair(value)
    except ValueError:
        raise ConfigError(f"{name} must be an int or a pair of ints, got {value!r}") from None


_PAIR_TEXT = re.compile(r"\s*(\d+)\s*(?:(\S)\s*(\d+)\s*)?")


def read_pair(value, separators: str = "x×,") -> tuple[int, int]:
    """The one reader of "an int or a pair": an int ``v`` (``(v, v)``), an ``(h, w)``
    pair, or text ``"N"`` or ``"H<sep>W"`` with ``<sep>`` one of ``separators``.

    Raises ValueError for anything else (callers word the error for their input). Example:
    ``read_pair("3x4") == (3, 4)``, ``read_pair(" 2, 1", ",") == (2, 1)``,
    ``read_pair(5) == (5, 5)``; ``read_pair("2x1", ",")`` raises.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an int or a pair")
    if isinstance(value, int):
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        if any(isinstance(v, bool) or not hasattr(v, "__index__") for v in value):
            raise ValueError(f"{tuple(value)!r} is not a pair of ints")   # never int(2.5) == 2
        return operator.index(value[0]), operator.index(value[1])
    m = _PAIR_TEXT.fullmatch(str(value))
    if not m or (m.group(2) is not None and m.group(2) not in separators):
        raise ValueError(f"{value!r} is not an int or a pair")
    return int(m.group(1)), int(m.group(3) or m.group(1))


def pair_text(p: tuple[int, int]) -> str:
    """A pair as directives and proofs write it: ``2`` for (2, 2), ``2,1`` for (2, 1)."""
    return str(p[0]) if p[0] == p[1] else f"{p[0]},{p[1]}"


def conv_output_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """floor((size + 2p - d(k-1) - 1) / s) + 1, as torch.nn.Conv2d."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def unreached_rows(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """r: trailing (padded) rows that no window of a strided convolution reaches, 0 <= r < s."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) % stride


def transpose_padding(size: int, kernel: int, stride: int, padding: int,
                      dilation: int) -> tuple[int, int]:
    """Padding (before, after) of the stride-dilated δ in the input gradient.

    before = d(k-1) - p and after = d(k-1) - p + r; negative values crop.
    """
    before = dilation * (kernel - 1) - padding
    return before, before + unreached_rows(size, kernel, stride, padding, dilation)


def pool_output_size(size: int, kernel: int, stride: int, padding: int, dilation: int,
                     ceil_mode: bool) -> int:
    """Pooling output size with PyTorch's ceil_mode rule.

    In ceil mode the last window must start inside the input or its left padding.
    """
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    out = (span + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


@dataclass(frozen=True)
class Window:
    """One pooling window: its output position and its in-bounds input positions."""
    out: tuple[int, int]
    cells: tuple[tuple[int, int], ...]   # row-major, inside the input only
    padded_count: int                    # cells counted with padding (avg divisor)


def pool_windows(hw: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int],
                 padding: tuple[int, int], dilation: tuple[int, int],
                 ceil_mode: bool) -> list[Window]:
    """All windows of a 2-D pooling over an ``hw`` input, in output row-major order."""
    outs = [pool_output_size(n, k, s, p, d, ceil_mode)
            for n, k, s, p, d in zip(hw, kernel, stride, padding, dilation)]
    windows = []
    for oi in range(outs[0]):
        rows, rcount = _window_axis(oi, hw[0], kernel[0], stride[0], padding[0], dilation[0])
        for oj in range(outs[1]):
            cols, ccount = _window_axis(oj, hw[1], kernel[1], stride[1], padding[1], dilation[1])
            cells = tuple((r, c) for r in rows for c in cols)
            windows.append(Window((oi, oj), cells, rcount * ccount))
    return windows


def first_empty_window(hw: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int],
                       padding: tuple[int, int], dilation: tuple[int, int],
                       ceil_mode: bool) -> tuple[int, int] | None:
    """The first window (row-major output index) with no cell inside the input, or None.

    Window (i, j)'s cells are its row positions × its column positions, so it is empty
    exactly when row window i or column window j is: found per axis, in O(H + W) time
    (never by listing every window of a large input).
    """
    axes = list(zip(hw, kernel, stride, padding, dilation))
    outs = [pool_output_size(*axis, ceil_mode) for axis in axes]
    if min(outs) < 1:               # no window at all
        return None
    empty = [next((o for o in range(out) if not _window_axis(o, *axis)[0]), None)
             for out, axis in zip(outs, axes)]
    found = ([(empty[0], 0)] if empty[0] is not None else []) + \
        ([(0, empty[1])] if empty[1] is not None else [])
    return min(found, default=None)


def _window_axis(o: int, size: int, k: int, s: int, p: int, d: int) -> tuple[list[int], int]:
    """In-bounds positions of window ``o`` along one axis, and PyTorch's padded count.

    The padded count is what avg_pool2d divides by with count_include_pad: the
    window clipped to the padded extent [-p, size + p).
    """
    start = o * s - p
    positions = [start + t * d for t in range(k)]
    inside = [x for x in positions if 0 <= x < size]
    padded = min(start + k, size + p) - start   # PyTorch clips the window to size + p
    return inside, padded


def conv_transpose_output_size(size: int, kernel: int, stride: int, padding: int,
                               dilation: int, output_padding: int) -> int:
    """(size - 1) s - 2p + d(k-1) + output_padding + 1, as torch.nn.ConvTranspose2d."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def strides_and_paddings(size: tuple[int, int], kernel: tuple[int, int], out: tuple[int, int],
                         strides, paddings) -> list[tuple[int, int]]:
    """The (stride, padding) pairs, from ``strides`` x ``paddings``, with
    ``out = (size + 2·padding - kernel) // stride + 1`` on both axes (dilation 1).

    >>> strides_and_paddings((4, 4), (3, 3), (2, 2), range(1, 4), range(0, 3))
    [(1, 0), (2, 1), (3, 1), (3, 2)]
    """
    return [(s, p) for s in strides for p in paddings
            if all(x + 2 * p >= k and conv_output_size(x, k, s, p, 1) == o
                   for x, k, o in zip(size, kernel, out))]
