"""Pooling windows over symbolic sizes: output size, window cells and divisors.

The pooling operators' ``index_relation`` methods (:mod:`symbp.layers.pooling`) use these, as
their ``entrywise`` methods use :func:`symbp.core.geometry.pool_windows`.  Per axis, window o
covers the cells o·s − p + t·d (0 <= t < k) that lie inside [0, size).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .relation import Context, eq, fresh, ge, gt, in_range, le, lt


@dataclass(frozen=True)
class PoolAxis:
    """One axis of a pooling layer over symbolic sizes (``out`` is a derived size)."""
    size: sp.Expr
    kernel: sp.Expr
    stride: sp.Expr
    padding: sp.Expr
    dilation: sp.Expr
    out: sp.Expr

    def cell(self, o, t):
        return o * self.stride - self.padding + t * self.dilation

    def member(self, x, o, t) -> tuple:
        """Cell x is offset t of window o, inside the input."""
        return (eq(x, self.cell(o, t)), ge(t, 0), lt(t, self.kernel), ge(x, 0),
                lt(x, self.size))


def output_size(ctx: Context, size, kernel, stride, padding, dilation, ceil: bool) -> sp.Expr:
    """PyTorch's pooling output size; in ceil mode the last window must start inside
    the input or its left padding (:func:`symbp.core.geometry.pool_output_size`)."""
    span = sp.expand(size + 2 * padding - dilation * (kernel - 1) - 1)
    if not ceil:
        return ctx.quotient(span, stride) + 1

    def build(out):
        q, rem = fresh("qc"), fresh("rc")
        starts_inside = lt(stride * q, size + padding)
        return (q, rem), (eq(span + stride - 1, stride * q + rem), ge(rem, 0),
                          lt(rem, stride),
                          sp.Or(sp.And(starts_inside, eq(out, q + 1)),
                                sp.And(sp.Not(starts_inside), eq(out, q))))
    return ctx.derive_size(("oc", span, stride, sp.expand(size + padding)), build)


def pool_axes(op, ctx: Context, first: int) -> tuple[tuple[PoolAxis, PoolAxis], dict]:
    """The two axes of a pooling operator whose parameters start at ``op.args[first]``
    (Pool2dConfig.params() order), and its flags (ceil, include_pad, divisor)."""
    p = [ctx.lin(v) for v in op.args[first:first + 13]]
    flags = {"ceil": bool(p[10]), "include_pad": bool(p[11]), "divisor": p[12]}
    axes = []
    for k in range(2):
        size, kernel, stride, padding, dilation = p[k], p[2 + k], p[4 + k], p[6 + k], p[8 + k]
        out = output_size(ctx, size, kernel, stride, padding, dilation, flags["ceil"])
        axes.append(PoolAxis(size, kernel, stride, padding, dilation, out))
    return tuple(axes), flags


def window_member(axes, cell, outs, offsets) -> tuple:
    """Constraints: input cell (h, w) is tap ``offsets`` of output window ``outs``, on both
    axes (the relation every pooling operator and its upsample share)."""
    return axes[0].member(cell[0], outs[0], offsets[0]) + \
        axes[1].member(cell[1], outs[1], offsets[1])


def require_output_shape(ctx: Context, op, g, axes) -> None:
    """δ (``g``, NCHW) must be the pooling output's size: a condition of the upsample."""
    ctx.require(f"{op}: δ is not the pooling output's size",
                sp.Eq(g.shape[2], axes[0].out), sp.Eq(g.shape[3], axes[1].out))


def covering_window(axes, idx, shape) -> tuple[tuple, tuple, tuple]:
    """(outs, offsets, constraints): a fresh output window ``outs`` and tap ``offsets`` of
    which the input entry ``idx`` = (n, c, h, w) is that tap, ``idx`` inside ``shape``
    (what an upsample sums over for one entry of its result)."""
    outs, offsets = (fresh("o"), fresh("o")), (fresh("t"), fresh("t"))
    return outs, offsets, window_member(axes, idx[2:], outs, offsets) + in_range(idx, shape)


def divisor_cases(axis: PoolAxis, o, include_pad: bool) -> list[tuple[tuple, sp.Expr]]:
    """avg_pool2d's per-axis count for window o as (conditions, count) alternatives.

    count_include_pad: the window clipped to [−p, size + p); otherwise to [0, size).
    """
    start = o * axis.stride - axis.padding
    end = start + axis.kernel
    if include_pad:
        limit = axis.size + axis.padding
        return [((le(end, limit),), axis.kernel), ((gt(end, limit),), limit - start)]
    cases = []
    for lo_cond, lo in ((ge(start, 0), start), (lt(start, 0), sp.Integer(0))):
        for hi_cond, hi in ((le(end, axis.size), end), (gt(end, axis.size), axis.size)):
            cases.append(((lo_cond, hi_cond), sp.expand(hi - lo)))
    return cases


def divisors(axes, outs, flags) -> list[tuple[tuple, tuple]]:
    """(conditions, (d_h, d_w)) alternatives of the divisor of window ``outs``."""
    if flags["divisor"] != 0:
        return [((), (flags["divisor"], sp.Integer(1)))]
    h_cases = divisor_cases(axes[0], outs[0], flags["include_pad"])
    w_cases = divisor_cases(axes[1], outs[1], flags["include_pad"])
    return [(ch + cw, (dh, dw)) for ch, dh in h_cases for cw, dw in w_cases]
