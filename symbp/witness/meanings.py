"""The meaning of each operator, as plain index loops over its operands' full shapes.

Each function takes the operands (object arrays of exact numbers) and the operator's
integer parameters, and loops over the index ranges its mathematical definition names;
nothing here calls symbp's operators (:mod:`symbp.core.ops` and the others).  :data:`MEANINGS`
maps an operator's class name to its meaning.  Example: ``MEANINGS["Rot180"](x)`` is ``x``
with its last two axes reversed.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np


class _Undefined(Exception):
    """An operator the witness finds undefined for its operands' shapes."""


#: the point of the evaluation in progress (σ's values are drawn from it)
_POINT: list = []


_Z = 0


def _zeros(shape) -> np.ndarray:
    out = np.empty(shape, dtype=object)
    out.fill(_Z)
    return out


def _pad(x, top, bottom, left, right):
    h, w = x.shape[-2:]
    hn, wn = h + top + bottom, w + left + right
    if hn < 0 or wn < 0:
        raise _Undefined(f"pad ({top},{bottom},{left},{right}) of a {h}x{w} tensor")
    out = _zeros(x.shape[:-2] + (hn, wn))
    for index in np.ndindex(*x.shape):
        i, j = index[-2] + top, index[-1] + left
        if 0 <= i < hn and 0 <= j < wn:
            out[index[:-2] + (i, j)] = x[index]
    return out


def _dilate(x, sh, sw):
    h, w = x.shape[-2:]
    out = _zeros(x.shape[:-2] + ((h - 1) * sh + 1, (w - 1) * sw + 1))
    for index in np.ndindex(*x.shape):
        out[index[:-2] + (index[-2] * sh, index[-1] * sw)] = x[index]
    return out


def _rot180(x):
    h, w = x.shape[-2:]
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        out[index] = x[index[:-2] + (h - 1 - index[-2], w - 1 - index[-1])]
    return out


def _crop(x, h, w):
    if x.shape[-2] < h or x.shape[-1] < w:
        raise _Undefined(f"crop to {h}x{w} of a {x.shape[-2]}x{x.shape[-1]} tensor")
    out = np.empty(x.shape[:-2] + (h, w), dtype=object)
    for index in np.ndindex(*out.shape):
        out[index] = x[index]
    return out


def _swapio(w, groups):
    o, cg, kh, kw = w.shape
    if o % groups:
        raise _Undefined(f"{o} output channels in {groups} groups")
    per = o // groups
    out = np.empty((groups * cg, per, kh, kw), dtype=object)
    for g in range(groups):
        for c in range(cg):
            for k in range(per):
                for p in range(kh):
                    for q in range(kw):
                        out[g * cg + c, k, p, q] = w[g * per + k, c, p, q]
    return out


def _correlate(x, w, sh, sw, dh, dw, groups):
    """out[n,o,i,j] = Σ_{c,p,q} x[n, grp(o)·C/G + c, i·sh + p·dh, j·sw + q·dw] w[o,c,p,q]."""
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    if c != cg * groups or o % groups:
        raise _Undefined(f"a {o}x{cg}x{kh}x{kw} kernel on {c} channels, groups={groups}")
    ho, wo = (h - dh * (kh - 1) - 1) // sh + 1, (wd - dw * (kw - 1) - 1) // sw + 1
    if ho < 1 or wo < 1:
        raise _Undefined(f"a {kh}x{kw} kernel larger than a {h}x{wd} input")
    per = o // groups
    out = _zeros((n, o, ho, wo))
    for b in range(n):
        for k in range(o):
            c0 = (k // per) * cg
            for i in range(ho):
                for j in range(wo):
                    acc = _Z
                    for ci in range(cg):
                        for p in range(kh):
                            for q in range(kw):
                                acc += x[b, c0 + ci, i * sh + p * dh, j * sw + q * dw] * \
                                    w[k, ci, p, q]
                    out[b, k, i, j] = acc
    return out


def _weight_correlate(x, g, dh, dw, groups):
    """out[o,c,p,q] = Σ_{n,y,x} x[n, grp(o)·C/G + c, p·dh + y, q·dw + x] g[n,o,y,x] at every
    (p, q) where g fits: (H - Hg) // dh + 1 rows."""
    n, c, h, wd = x.shape
    ng, o, hg, wg = g.shape
    if ng != n or hg > h or wg > wd or c % groups or o % groups:
        raise _Undefined(f"a {ng}x{o}x{hg}x{wg} δ against a {n}x{c}x{h}x{wd} input")
    kh, kw = (h - hg) // dh + 1, (wd - wg) // dw + 1
    cg, per = c // groups, o // groups
    out = _zeros((o, cg, kh, kw))
    for k in range(o):
        c0 = (k // per) * cg
        for ci in range(cg):
            for p in range(kh):
                for q in range(kw):
                    acc = _Z
                    for b in range(n):
                        for y in range(hg):
                            for xx in range(wg):
                                acc += x[b, c0 + ci, p * dh + y, q * dw + xx] * g[b, k, y, xx]
                    out[k, ci, p, q] = acc
    return out


def _addbias(x, b):
    if b.shape != (x.shape[1],):
        raise _Undefined(f"a bias of {b.shape} on {x.shape[1]} channels")
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        out[index] = x[index] + b[index[1]]
    return out


def _channelsum(g):
    out = _zeros((g.shape[1],))
    for index in np.ndindex(*g.shape):
        out[index[1]] += g[index]
    return out


def _entrywise(f):
    def apply(x, y):
        if x.shape != y.shape:
            raise _Undefined(f"entrywise operation on shapes {x.shape} and {y.shape}")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = f(x[index], y[index])
        return out
    return apply


def _sigma_of(derivative: bool):
    """σ (or σ') of each entry: the general activation is a function of the entry's value,
    so equal values give equal σ values (an atom of the point per value)."""
    def apply(z):
        out = np.empty(z.shape, dtype=object)
        for index in np.ndindex(*z.shape):
            out[index] = _POINT[-1].atom(("sigma'" if derivative else "sigma", z[index]))
        return out
    return apply


def _plus(x, y, sign):
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*x.shape):
        if isinstance(y, np.ndarray):
            if y.shape != x.shape:
                raise _Undefined(f"adding shapes {x.shape} and {y.shape}")
            out[index] = x[index] + sign * y[index]
        else:
            out[index] = x[index] + sign * y
    return out


def _matrix(x):
    if not isinstance(x, np.ndarray) or x.ndim != 2:
        raise _Undefined("a matrix operation on something that is not a matrix")
    return x


def _matmul(x, y, col=0):
    x, y = _matrix(x), _matrix(y)
    if x.shape[1] != y.shape[0]:
        raise _Undefined(f"a {x.shape} by {y.shape} matrix product")
    out = _zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for m in range(x.shape[1]):
                out[i, j] = out[i, j] + x[i, m] * y[m, j]
    return out


def _transpose(x, col=0):
    x = _matrix(x)
    out = np.empty((x.shape[1], x.shape[0]), dtype=object)
    for i, j in np.ndindex(*x.shape):
        out[j, i] = x[i, j]
    return out


def _linear(x, w, b, col=0):
    z = _matmul(x, _transpose(w))
    if b.shape != (z.shape[1],):
        raise _Undefined(f"a bias of {b.shape} on {z.shape[1]} features")
    for i, j in np.ndindex(*z.shape):
        z[i, j] = z[i, j] + b[j]
    return z


def _rows_sum(x):
    """Σ_n x_n over the examples (columns) of a column-notation matrix -> a column."""
    x = _matrix(x)
    out = _zeros((x.shape[0], 1))
    for i, j in np.ndindex(*x.shape):
        out[i, 0] = out[i, 0] + x[i, j]
    return out


def _batch_sum(g):
    out = _zeros((g.shape[1],))
    for n, m in np.ndindex(*g.shape):
        out[m] = out[m] + g[n, m]
    return out


# ---- pooling: windows computed here from the parameters (PyTorch's rules)

def _axis_windows(size, k, s, p, d, ceil):
    """Each output position's in-bounds cells along one axis, and its padded count."""
    span = size + 2 * p - d * (k - 1) - 1
    count = (span + (s - 1 if ceil else 0)) // s + 1
    if ceil and (count - 1) * s >= size + p:
        count -= 1
    out = []
    for o in range(count):
        start = o * s - p
        cells = [start + t * d for t in range(k) if 0 <= start + t * d < size]
        out.append((cells, min(start + k, size + p) - start))
    return out


def _windows(params):
    h, w, kh, kw, sh, sw, ph, pw, dh, dw, ceil, _, _ = params
    rows = _axis_windows(h, kh, sh, ph, dh, ceil)
    cols = _axis_windows(w, kw, sw, pw, dw, ceil)
    return [((i, j), [(r, c) for r in rc for c in cc], rn * cn)
            for i, (rc, rn) in enumerate(rows) for j, (cc, cn) in enumerate(cols)], \
        (len(rows), len(cols))


def _divisor(params, cells, padded):
    if params[12]:
        return params[12]
    return padded if params[11] else len(cells)


def _check_pool(x, params, what):
    if x.ndim != 4 or x.shape[-2:] != tuple(params[:2]):
        raise _Undefined(f"{what} of a {x.shape} tensor for a {params[0]}x{params[1]} pooling")


def _upsample_avg(g, *params):
    windows, out_hw = _windows(params)
    if g.shape[-2:] != out_hw:
        raise _Undefined(f"δ of {g.shape} for a pooling output {out_hw}")
    out = _zeros(g.shape[:2] + tuple(params[:2]))
    for n, c in np.ndindex(*g.shape[:2]):
        for where, cells, padded in windows:
            share = Fraction(g[n, c][where]) / _divisor(params, cells, padded)
            for cell in cells:
                out[n, c][cell] = out[n, c][cell] + share
    return out


def _avgpool(x, *params):
    _check_pool(x, params, "avgpool")
    windows, out_hw = _windows(params)
    out = _zeros(x.shape[:2] + out_hw)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, padded in windows:
            out[n, c][where] = Fraction(sum((x[n, c][cell] for cell in cells), _Z)) / \
                _divisor(params, cells, padded)
    return out


def _upsample_max(g, x, *params):
    """δ of each window to its first maximum (tie 0, PyTorch) or last maximum (tie 1) of
    the input's values at the point."""
    *params, tie = params
    _check_pool(x, params, "upsample_max")
    windows, out_hw = _windows(params)
    if g.shape != x.shape[:2] + out_hw:
        raise _Undefined(f"δ of {g.shape} for a pooling output {x.shape[:2] + out_hw}")
    out = _zeros(x.shape)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, _ in windows:
            if not cells:
                continue
            values = [x[n, c][cell] for cell in cells]
            top = max(values)
            order = range(len(cells)) if tie == 0 else reversed(range(len(cells)))
            best = next(k for k in order if values[k] == top)
            out[n, c][cells[best]] = out[n, c][cells[best]] + g[n, c][where]
    return out


def _maxpool(x, *params):
    _check_pool(x, params, "maxpool")
    windows, out_hw = _windows(params)
    out = _zeros(x.shape[:2] + out_hw)
    for n, c in np.ndindex(*x.shape[:2]):
        for where, cells, _ in windows:
            values = [x[n, c][cell] for cell in cells]
            if not values:
                raise _Undefined("a max pooling window wholly in the padding")
            out[n, c][where] = max(values)
    return out


def _conv_transpose(x, w, sh, sw, ph, pw, dh, dw, oph, opw, groups):
    """out[n, g·O/G + o, y·sh − ph + u·dh, x·sw − pw + v·dw] += x[n,i,y,x] w[i,o,u,v], the
    output (H − 1)·sh − 2ph + dh(kh − 1) + oph + 1 rows (likewise columns)."""
    n, cin, h, wd = x.shape
    cin_w, per, kh, kw = w.shape
    if cin_w != cin or cin % groups:
        raise _Undefined(f"a {cin_w}-channel transposed kernel on {cin} channels, groups {groups}")
    ho = (h - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1
    wo = (wd - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1
    if ho < 1 or wo < 1:
        raise _Undefined(f"a transposed convolution with no output ({ho}x{wo})")
    out = _zeros((n, per * groups, ho, wo))
    for b, i, y, xx, o, u, v in np.ndindex(n, cin, h, wd, per, kh, kw):
        r, c = y * sh - ph + u * dh, xx * sw - pw + v * dw
        if 0 <= r < ho and 0 <= c < wo:
            out[b, (i // (cin // groups)) * per + o, r, c] += x[b, i, y, xx] * w[i, o, u, v]
    return out


#: operator class name -> its meaning (operands, then integer parameters)
MEANINGS = {
    "Pad": _pad, "Dilate": _dilate, "Rot180": _rot180, "Crop": _crop, "SwapIO": _swapio,
    "Correlate": _correlate, "WeightCorrelate": _weight_correlate, "AddBias": _addbias,
    "ChannelSum": _channelsum, "ConvTranspose": _conv_transpose,
    "Hadamard": _entrywise(lambda u, v: u * v),
    "Difference": _entrywise(lambda u, v: u - v),
    "Sigma": _sigma_of(False), "SigmaPrime": _sigma_of(True),
    "_Plus": _plus, "_ExampleSum": _rows_sum,
    "MatMul": _matmul, "Transpose": _transpose, "Linear": _linear, "BatchSum": _batch_sum,
    "UpsampleAvg": _upsample_avg, "AvgPool": _avgpool,
    "UpsampleMax": _upsample_max, "MaxPool": _maxpool,
}
