"""The argument checks of :mod:`symbp.kernels`' public functions: arrays, dtypes, shapes
and the PyTorch arguments (stride, padding, dilation, groups, pooling options), each error a
one-line ValueError naming the argument.

Example::

    >>> _shape((2, 3, 8, 8), "input_size")
    (2, 3, 8, 8)
"""
from __future__ import annotations

import numbers

import numpy as np

from ..core import geometry
from . import numeric
from ..layers.conv import Conv2dConfig
from .kernel_printers import _namespace
from ..layers.pooling import Pool2dConfig


def _as_tensor(x, name: str, ndim: int, backend: str):
    """``(x, dtype)``: x as the backend's array type, checked to be float32/float64 of
    rank ``ndim``."""
    _namespace(backend)   # an unknown or unavailable backend is a ValueError
    if backend == "numpy":
        if type(x) is not np.ndarray:
            try:
                x = np.asarray(x)
            except (TypeError, ValueError) as err:
                raise ValueError(f"{name} is not an array: {err}") from None
        ok = x.dtype.char in "fd"
    else:
        import torch
        if not isinstance(x, torch.Tensor):
            raise ValueError(f"{name} must be a torch.Tensor for backend='torch', "
                             f"got {type(x).__name__}")
        ok = x.dtype in (torch.float32, torch.float64)
    if not ok:
        raise ValueError(f"{name} must be float32 or float64, got dtype "
                         f"{str(x.dtype).replace('torch.', '')}")
    if x.ndim != ndim:
        layout = " (C_out, C_in/groups, kH, kW)" if name == "weight" else \
            {4: " (N, C, H, W)", 1: " (C_out,)"}.get(ndim, "")
        raise ValueError(f"{name} must be {ndim}-D{layout}, got shape {tuple(x.shape)}")
    return x, x.dtype


def _same_dtype(pairs) -> None:
    (first, d0), *rest = pairs
    for name, d in rest:
        if d != d0:
            d, d0 = (str(v).replace("torch.", "") for v in (d, d0))
            raise ValueError(f"{name} is {d} but {first} is {d0}; pass one dtype")


def _shape(v, name: str, ndim: int = 4) -> tuple[int, ...]:
    """A shape tuple of non-negative ints (torch.Size, tuple, list)."""
    if type(v) is tuple and len(v) == ndim and all(type(e) is int and e > 0 for e in v):
        return v   # the common case
    try:
        out = tuple(v)
    except TypeError:
        raise ValueError(f"{name} must be a shape tuple of {ndim} ints, got {v!r}") from None
    if len(out) != ndim or not all(isinstance(e, numbers.Integral) and not isinstance(e, bool)
                                   for e in out):
        raise ValueError(f"{name} must be a shape tuple of {ndim} ints, got {v!r}")
    out = tuple(int(e) for e in out)
    if min(out[1:]) < 1 or out[0] < 0:
        raise ValueError(f"{name} must have positive sizes, got {out}")
    return out


def _key(v, name: str, minimum: int):
    """A stride/padding/dilation argument as a hashable cache key: plain ints and pairs
    of ints as they are, anything else validated by :func:`numeric.pair`."""
    if type(v) is int or (type(v) is tuple and len(v) == 2 and type(v[0]) is int
                          and type(v[1]) is int):
        return v
    return numeric.pair(v, name, minimum)


def _groups(groups) -> int:
    if not isinstance(groups, numbers.Integral) or isinstance(groups, bool) or groups < 1:
        raise ValueError(f"groups must be a positive int, got {groups!r}")
    return int(groups)


def _conv_config(hw, wshape, cin, stride, padding, dilation, groups, input_name: str,
                 weight_name: str) -> Conv2dConfig:
    """Validated Conv2dConfig for an input of ``cin`` channels and ``hw`` size and a
    weight of shape ``wshape``; errors name ``input_name`` / ``weight_name``."""
    stride = numeric.pair(stride, "stride", 1)
    padding = numeric.pair(padding, "padding", 0)
    dilation = numeric.pair(dilation, "dilation", 1)
    groups = _groups(groups)
    cout, cg, kh, kw = wshape
    if min(wshape) < 1:
        raise ValueError(f"{weight_name} must have positive sizes, got {tuple(wshape)}")
    if cin % groups:
        raise ValueError(f"{input_name} has {cin} channels, not divisible by groups={groups}")
    if cout % groups:
        raise ValueError(f"{weight_name} has {cout} output channels, not divisible by "
                         f"groups={groups}")
    if cg * groups != cin:
        raise ValueError(f"{weight_name} has {cg} input channels per group but {input_name} has "
                         f"{cin} channels and groups={groups}")
    spans = [d * (k - 1) + 1 for d, k in zip(dilation, (kh, kw))]
    padded = [n + 2 * p for n, p in zip(hw, padding)]
    if spans[0] > padded[0] or spans[1] > padded[1]:
        raise ValueError(f"{weight_name}'s {kh}x{kw} kernel (dilated {spans[0]}x{spans[1]}) is "
                         f"larger than the padded input {padded[0]}x{padded[1]}")
    return Conv2dConfig.make(tuple(hw), (kh, kw), stride, padding, dilation, (cin, cout),
                             groups, 1)


def _check_grad_output(g_shape, expected, name="grad_output"):
    if tuple(g_shape) != expected:
        raise ValueError(f"{name} has shape {tuple(g_shape)} but the layer's output has shape "
                         f"{tuple(expected)}")


def _pool_config(hw, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad=True,
                 divisor_override=None) -> Pool2dConfig:
    kernel = numeric.pair(kernel_size, "kernel_size", 1)
    stride = kernel if stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0) \
        else numeric.pair(stride, "stride", 1)
    padding = numeric.pair(padding, "padding", 0)
    dilation = numeric.pair(dilation, "dilation", 1)
    if padding[0] > kernel[0] // 2 or padding[1] > kernel[1] // 2:
        raise ValueError(f"padding {padding[0]}x{padding[1]} must be at most half the "
                         f"kernel_size {kernel[0]}x{kernel[1]}")
    if divisor_override is not None and (
            not isinstance(divisor_override, numbers.Integral) or isinstance(divisor_override, bool)
            or divisor_override < 1):
        raise ValueError(f"divisor_override must be a positive int or None, got {divisor_override!r}")
    for axis in range(2):
        if geometry.pool_output_size(hw[axis], kernel[axis], stride[axis], padding[axis],
                                     dilation[axis], bool(ceil_mode)) < 1:
            span = dilation[axis] * (kernel[axis] - 1) + 1
            raise ValueError(f"kernel_size {kernel[0]}x{kernel[1]} (dilated extent {span} on axis "
                             f"{'HW'[axis]}) is larger than the padded input "
                             f"{hw[0] + 2 * padding[0]}x{hw[1] + 2 * padding[1]}")
    return Pool2dConfig.make(tuple(hw), kernel, stride, padding, dilation, bool(ceil_mode),
                             bool(count_include_pad),
                             None if divisor_override is None else int(divisor_override))
