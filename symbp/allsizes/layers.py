"""Layers over symbolic sizes: the per-size layer classes' own form builders, given sizes
that are SymPy symbols.

``Conv2d.input_grad_form``, ``Pool2d.upsample_form``, ``FullyConnected.weight_grad_form``
... read only ``self.cfg`` (and ``self.mode``/``self.col``), so calling them on a
:class:`SymbolicLayer` builds the very operator tree the per-size engine evaluates, with
sizes left as symbols.  Each ``*_layer`` function returns the layer, its
:class:`~symbp.allsizes.relation.Context` (sizes and the domain PyTorch accepts), the
placeholder views, and a function that builds the per-size layer at given sizes.

Example::

    >>> from symbp.core.printing import to_text
    >>> from symbp.layers.conv import Conv2d
    >>> sym = conv_layer(stride=(2, 2), dilation=(1, 1))
    >>> to_text(Conv2d.input_grad_form(sym.layer))
    'pad_(KH - PH - 1, KH - PH + Mod(H - KH, 2) - 1, ...)(dilate_2(δ)) * rot180(W)^T'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

from ..layers import conv, dense, pooling
from ..layers.conv import Conv2dConfig
from ..layers.dense import LinearConfig
from ..layers.pooling import Pool2d, Pool2dConfig
from . import windows
from .relation import Context, eq, fresh, ge, le, per_group


@dataclass
class SymbolicConfig:
    """A layer configuration whose fields may hold SymPy symbols (duck-types the
    per-size configs for the methods the form builders call)."""
    fields: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def _axes(self):
        return Conv2dConfig._axes(self)

    @property
    def output(self):
        return Conv2dConfig.output.fget(self)

    def params(self):
        return Pool2dConfig.params(self)


@dataclass
class SymbolicLayer:
    """What the form builders read: ``cfg`` (and ``mode``, ``col``), and the builders
    one form builder calls on its own layer (``Pool2d.delta_form`` calls
    ``self.upsample_form``)."""
    cfg: SymbolicConfig
    mode: str = ""
    col: int = 0

    def upsample_form(self, x=pooling.A, tie: int = 0):
        return Pool2d.upsample_form(self, x, tie)


@dataclass
class Symbolic:
    """A layer over symbolic sizes with what the engine needs around it."""
    kind: str                                  # conv | pool | fc
    layer: SymbolicLayer
    ctx: Context
    env: dict                                  # placeholder symbol -> View
    shapes: dict                               # placeholder symbol -> shape
    concrete: Callable[[dict], object]         # sizes -> per-size layer
    fixed: dict = field(default_factory=dict)  # held values, for the scope


_LOW = {"H": 1, "W": 1, "KH": 1, "KW": 1, "PH": 0, "PW": 0}


def _sizes(ctx: Context, spec: dict, letters: dict | None = None) -> dict:
    """name -> a quantified symbol or a held int.

    spec: name -> (value or None, lower bound); ``letters`` renames the spatial sizes
    (``{"H": "n", "W": "n", "KH": "k", ...}``: a document's letters, square sizes sharing
    one) or holds them at ints.
    """
    out = {}
    letters = letters or {}
    for name, (value, low) in spec.items():
        value = letters.get(name, value)
        if isinstance(value, str):
            out[name] = ctx.size(value, low)
        elif value is None:
            out[name] = ctx.size(name, low)
        else:
            out[name] = sp.Integer(value)
            ctx.fixed[name] = value
    return out


def _value(expr, values: dict) -> int:
    """A size expression at the quantified sizes' values (name -> int)."""
    return int(sp.Integer(expr) if isinstance(expr, int) else
               expr.xreplace({s: sp.Integer(values[s.name]) for s in expr.free_symbols}))


def _steps(ctx: Context, stride, dilation, groups: int | None = 1) -> tuple:
    """Stride and dilation: ints are held (named in the scope); names are quantified
    (``("S", "S")``: one symbolic stride for both axes, which leaves Presburger
    arithmetic: :mod:`symbp.allsizes.smt` decides those)."""
    stride = tuple(ctx.size(v, 1) if isinstance(v, str) else v for v in stride)
    dilation = tuple(ctx.size(v, 1) if isinstance(v, str) else v for v in dilation)
    for key, value in (("stride", stride), ("dilation", dilation)):
        if all(isinstance(v, int) for v in value):
            ctx.fixed[key] = value
    if groups is not None:
        ctx.fixed["groups"] = groups
    return stride, dilation


def _bind(ctx: Context, shapes: dict) -> dict:
    return {sym: ctx.tensor(str(sym), shape) for sym, shape in shapes.items()}


def conv_layer(stride=(1, 1), dilation=(1, 1), channels=None, batch=None,
               letters: dict | None = None, groups: int = 1) -> Symbolic:
    """conv2d with H, W, KH, KW, PH, PW quantified (or named by ``letters``, see
    :func:`_sizes`); stride and dilation held; channels and batch quantified unless given;
    ``groups`` held (quantified channels are then multiples of it)."""
    ctx = Context()
    cin, cout = channels if channels is not None else (None, None)
    z = _sizes(ctx, {"H": (None, 1), "W": (None, 1), "KH": (None, 1), "KW": (None, 1),
                     "PH": (None, 0), "PW": (None, 0), "N": (batch, 1), "Cin": (cin, 1),
                     "Cout": (cout, 1)}, letters)
    stride, dilation = _steps(ctx, stride, dilation, groups)
    for key in ("Cin", "Cout"):
        if groups != 1 and not z[key].is_Integer:      # PyTorch: channels divisible by groups
            per = fresh("g")
            ctx.assume(eq(z[key], groups * per), exists=(per,))
    for size, k, p, d in (("H", "KH", "PH", dilation[0]), ("W", "KW", "PW", dilation[1])):
        ctx.assume(le(d * (z[k] - 1) + 1, z[size] + 2 * z[p]))
    cfg = SymbolicConfig(dict(input=(z["H"], z["W"]), kernel=(z["KH"], z["KW"]),
                              stride=tuple(stride), padding=(z["PH"], z["PW"]),
                              dilation=tuple(dilation), channels=(z["Cin"], z["Cout"]),
                              groups=groups, batch=z["N"]))
    out = tuple(ctx.lin(o) for o in cfg.output)
    shapes = {conv.A: (z["N"], z["Cin"], z["H"], z["W"]),
              conv.W: (z["Cout"], per_group(ctx, z["Cin"], groups, "Cin"), z["KH"], z["KW"]),
              conv.B: (z["Cout"],),
              conv.DELTA: (z["N"], z["Cout"]) + out,
              conv.ZPREV: (z["N"], z["Cin"], z["H"], z["W"])}

    def concrete(v: dict):
        n = {key: _value(z[key], v) for key in z}
        return Conv2dConfig.make((n["H"], n["W"]), (n["KH"], n["KW"]),
                                 tuple(_value(x, v) for x in stride), (n["PH"], n["PW"]),
                                 tuple(_value(x, v) for x in dilation), (n["Cin"], n["Cout"]),
                                 groups, n["N"])
    return Symbolic("conv", SymbolicLayer(cfg), ctx, _bind(ctx, shapes), shapes, concrete)


def pool_layer(mode: str, stride=(2, 2), dilation=(1, 1), ceil_mode=False,
               count_include_pad=True, divisor_override=False, channels=None,
               batch=None, letters: dict | None = None) -> Symbolic:
    """2-D pooling with H, W, KH, KW, PH, PW quantified (0 <= P <= K/2, output >= 1);
    stride and dilation held; ``divisor_override=True`` quantifies the divisor too."""
    ctx = Context()
    spec = {"H": (None, 1), "W": (None, 1), "KH": (None, 1), "KW": (None, 1),
            "PH": (None, 0), "PW": (None, 0), "N": (batch, 1), "C": (channels, 1)}
    if divisor_override:
        spec["DIV"] = (None, 1)
    z = _sizes(ctx, spec, letters)
    ctx.fixed.update({"stride": tuple(stride), "dilation": tuple(dilation),
                      "ceil_mode": ceil_mode, "count_include_pad": count_include_pad})
    cfg = SymbolicConfig(dict(input=(z["H"], z["W"]), kernel=(z["KH"], z["KW"]),
                              stride=tuple(stride), padding=(z["PH"], z["PW"]),
                              dilation=tuple(dilation), ceil_mode=ceil_mode,
                              count_include_pad=count_include_pad,
                              divisor_override=z.get("DIV") or None))
    outs = []
    for size, k, p, s, d in (("H", "KH", "PH", stride[0], dilation[0]),
                             ("W", "KW", "PW", stride[1], dilation[1])):
        ctx.assume(le(2 * z[p], z[k]))
        o = windows.output_size(ctx, z[size], z[k], s, z[p], d, ceil_mode)
        ctx.assume(ge(o, 1))
        outs.append(o)
    shapes = {pooling.A: (z["N"], z["C"], z["H"], z["W"]),
              pooling.DELTA: (z["N"], z["C"]) + tuple(outs),
              pooling.ZPREV: (z["N"], z["C"], z["H"], z["W"])}

    def concrete(v: dict):
        n = {key: _value(z[key], v) for key in z}
        return Pool2dConfig.make((n["H"], n["W"]), (n["KH"], n["KW"]), tuple(stride),
                                 (n["PH"], n["PW"]), tuple(dilation), ceil_mode,
                                 count_include_pad, n.get("DIV"), n["C"], n["N"])
    return Symbolic("pool", SymbolicLayer(cfg, mode), ctx, _bind(ctx, shapes), shapes, concrete)


def global_pool_layer(channels=None, batch=None) -> Symbolic:
    """Global average pooling: one window, the whole H x W input (kernel H x W, padding 0),
    H, W quantified.  The window is written with stride 1: a kernel as large as the input
    has one position whatever the stride, and stride 1 keeps every index affine."""
    sym = pool_layer("avg", (1, 1), (1, 1), False, True, False, channels, batch,
                     {"KH": "H", "KW": "W", "PH": 0, "PW": 0})
    for key in ("stride", "dilation", "ceil_mode", "count_include_pad", "KH", "KW", "PH", "PW"):
        sym.ctx.fixed.pop(key, None)
    sym.ctx.fixed["window"] = "the whole input (kernel H x W, padding 0)"
    return sym


def fc_layer(batch=None, letters: dict | None = None) -> Symbolic:
    """torch.nn.Linear with in, out features (and batch unless given) quantified
    (``letters``: IN, OUT, N -> a document's letter or a held int)."""
    ctx = Context()
    z = _sizes(ctx, {"N": (batch, 1), "IN": (None, 1), "OUT": (None, 1)}, letters)
    cfg = SymbolicConfig(dict(in_features=z["IN"], out_features=z["OUT"], batch=z["N"]))
    shapes = {dense.A: (z["N"], z["IN"]), dense.W: (z["OUT"], z["IN"]), dense.B: (z["OUT"],),
              dense.DELTA: (z["N"], z["OUT"]), dense.ZPREV: (z["N"], z["IN"])}

    def concrete(v: dict):
        n = {key: _value(z[key], v) for key in z}
        return LinearConfig.make(n["IN"], n["OUT"], n["N"])
    return Symbolic("fc", SymbolicLayer(cfg), ctx, _bind(ctx, shapes), shapes, concrete)
