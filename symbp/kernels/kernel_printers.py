"""The printers and backends of :mod:`symbp.kernels`: each operator of a proved closed form
printed as one call into a backend's primitives (numpy: :mod:`symbp.kernels.numeric`; torch: the
same primitives written with torch ops).

Example::

    >>> from symbp.core.ops import Pad
    >>> from symbp.core.tensor import DELTA
    >>> KernelPrinter().doprint(Pad(DELTA, 1, 1, 1, 1))
    'pad(delta, 1, 1, 1, 1)'
"""
from __future__ import annotations

import functools
from typing import Callable

import numpy as np
from sympy.printing.numpy import NumPyPrinter

from . import numeric
from ..core.ops import Correlate, Crop, Dilate, Pad, Rot180, SwapIO, WeightCorrelate, \
    code_tuple as _tup

# --------------------------------------------------------------------------- printing

class KernelPrinter(NumPyPrinter):
    """Prints symbp's operators as calls into a backend's primitives, one call per operator.

    Each operator prints itself through SymPy's ``_numpycode`` hook (``TensorOp.numpy_name``
    and ``numpy_params``, next to its ``entrywise``, ``text`` and ``_latex``):
    ``Pad(x, t, b, l, r)`` -> ``pad(x, t, b, l, r)``, ``Correlate(x, w, sh, sw, dh, dw, G)``
    -> ``correlate(x, w, (sh, sw), (dh, dw), G)``, with the names of :data:`_NUMPY_NAMES`.
    :class:`FusedKernelPrinter` prints some compositions as one call that skips inserted zeros.
    """


class FusedKernelPrinter(KernelPrinter):
    """:class:`KernelPrinter` that fuses dilate-then-correlate compositions.

    SymPy asks an object's own ``_numpycode`` before any ``_print_ClassName`` of the printer,
    so the compositions are tried here first (:meth:`_print`); anything else, and a
    composition that does not fuse, prints as the operator prints itself.
    """

    def _p(self, e) -> str:
        return self._print(e)

    def _print(self, expr, **kwargs):
        fuse = self._FUSED.get(type(expr))
        code = fuse(self, expr) if fuse is not None else None
        return code if code is not None else super()._print(expr, **kwargs)

    def _fused_correlate(self, e):
        x, k = e.tensors
        sh, sw, dh, dw, groups = e.params
        fused = self._fused_transposed(e) if (sh, sw, dh, dw) == (1, 1, 1, 1) else None
        if fused:
            return fused
        x, padding = self._fused_padding(x)
        if (dh, dw) == (1, 1):   # correlate(x, dilate(k, d)) == correlate(x, k, dilation=d)
            inner = k.args[0] if isinstance(k, SwapIO) else k
            if isinstance(inner, Dilate):
                kk = inner.args[0]
                kernel = f"swap_io({self._p(kk)}, {k.params[0]})" if isinstance(k, SwapIO) \
                    else self._p(kk)
                return (f"correlate({self._p(x)}, {kernel}, {_tup((sh, sw))}, "
                        f"{_tup(inner.params)}, {groups}{padding})")
        return (f"correlate({self._p(x)}, {self._p(k)}, {_tup((sh, sw))}, {_tup((dh, dw))}, "
                f"{groups}{padding})")

    @staticmethod
    def _fused_padding(x):
        """``pad(x, t, b, l, r)`` (amounts >= 0) as ``(x, ", padding=(t, b, l, r)")``:
        the correlation pads each block of images just before reading it."""
        if isinstance(x, Pad) and min(x.params) >= 0:
            return x.args[0], f", padding={_tup(x.params)}"
        return x, ""

    def _fused_transposed(self, e):
        """``correlate(pad(dilate(g, s), ...), swap_io(dilate(rot180(w), d), G))`` as one
        ``transposed_correlate`` call (each of pad, dilate, swap_io optional)."""
        x, k = e.tensors
        groups = e.params[4]
        swap = isinstance(k, SwapIO)
        if swap:
            if k.params[0] != groups:
                return None
            k = k.args[0]
        dilation = (1, 1)
        if isinstance(k, Dilate):
            dilation, k = k.params, k.args[0]
        if not isinstance(k, Rot180):
            return None
        w = k.args[0]
        padding = (0, 0, 0, 0)
        if isinstance(x, Pad):
            padding, x = x.params, x.args[0]
        stride = (1, 1)
        if isinstance(x, Dilate):
            stride, x = x.params, x.args[0]
        return (f"transposed_correlate({self._p(x)}, {self._p(w)}, stride={_tup(stride)}, "
                f"padding={_tup(padding)}, dilation={_tup(dilation)}, groups={groups}"
                f"{'' if swap else ', swap=False'})")

    def _fused_weight_correlate(self, e, kernel_size=None):
        x, g = e.tensors
        dh, dw, groups = e.params
        stride = ""
        if isinstance(g, Dilate):
            stride, g = f", stride={_tup(g.params)}", g.args[0]
        x, padding = self._fused_padding(x)
        size = "None" if kernel_size is None else _tup(kernel_size)
        return (f"weight_correlate({self._p(x)}, {self._p(g)}, {size}, "
                f"{_tup((dh, dw))}, {groups}{stride}{padding})")

    def _fused_crop(self, e):
        x = e.args[0]
        if isinstance(x, WeightCorrelate):  # only the kept block is computed
            return self._fused_weight_correlate(x, e.params)
        return None

    _FUSED = {Correlate: _fused_correlate, WeightCorrelate: _fused_weight_correlate,
              Crop: _fused_crop}


# --------------------------------------------------------------------------- backends

_NUMPY_NAMES = ("pad", "crop", "dilate", "rot180", "swap_io", "correlate", "weight_correlate",
                "transposed_correlate", "add_bias", "channel_sum", "avg_pool2d",
                "avg_pool2d_scatter", "max_pool2d", "max_pool2d_scatter")


def _numpy_namespace() -> dict:
    ns = {name: getattr(numeric, name) for name in _NUMPY_NAMES}
    ns["hadamard"] = np.multiply
    return ns


def _torch_namespace() -> dict:
    """The same primitives written with torch ops (runs wherever the tensors live)."""
    import torch
    F = torch.nn.functional

    def pad(x, top, bottom, left, right):
        return F.pad(x, (left, right, top, bottom))          # negative amounts crop

    def dilate(x, sh, sw):
        h, w = x.shape[-2:]
        out = x.new_zeros(x.shape[:-2] + ((h - 1) * sh + 1, (w - 1) * sw + 1))
        out[..., ::sh, ::sw] = x
        return out

    def rot180(x):
        return torch.flip(x, (-2, -1))

    def swap_io(w, groups):
        o, cg, kh, kw = w.shape
        return w.reshape(groups, o // groups, cg, kh, kw).transpose(1, 2) \
            .reshape(groups * cg, o // groups, kh, kw)

    def correlate(x, w, stride, dilation, groups, padding=(0, 0, 0, 0)):
        top, bottom, left, right = padding
        if top == bottom and left == right:
            return F.conv2d(x, w, None, stride, (top, left), dilation, groups)
        return F.conv2d(pad(x, *padding), w, None, stride, 0, dilation, groups)

    def weight_correlate(x, g, kernel_size, dilation, groups, stride=(1, 1),
                         padding=(0, 0, 0, 0)):
        x = pad(x, *padding) if any(padding) else x
        # out[o,c,p,q] = Σ x[n, grp(o)C/G + c, p dh + y sh, q dw + x sw] g[n,o,y,x]: a grouped
        # conv2d of x (channels as batch, batch as channels) with g as the kernel
        n, c, h, w_ = x.shape
        cg = c // groups
        xi = x.reshape(n, groups, cg, h, w_).permute(2, 1, 0, 3, 4).reshape(cg, groups * n, h, w_)
        out = F.conv2d(xi, g.transpose(0, 1), None, dilation, 0, stride, groups)
        if kernel_size is not None:          # the crop the closed form states
            out = out[:, :, :kernel_size[0], :kernel_size[1]]
        return out.transpose(0, 1).contiguous()

    def crop(x, h, w):
        if x.shape[-2] < h or x.shape[-1] < w:
            raise ValueError(f"crop to {h}x{w} of x of size {x.shape[-2]}x{x.shape[-1]}")
        return x[..., :h, :w].contiguous()

    def transposed_correlate(g, w, stride, padding, dilation, groups, swap=True):
        if not swap:
            w = swap_io(w, groups)
        top, bottom, left, right = padding
        kh, kw = w.shape[-2:]
        ph, pw = dilation[0] * (kh - 1) - top, dilation[1] * (kw - 1) - left
        oph, opw = bottom - top, right - left
        if min(ph, pw, oph, opw) >= 0 and oph < max(stride[0], dilation[0]) \
                and opw < max(stride[1], dilation[1]):
            return F.conv_transpose2d(g, w, None, stride, (ph, pw), (oph, opw), groups, dilation)
        gp = pad(dilate(g, *stride), top, bottom, left, right)
        return correlate(gp, swap_io(rot180(w), groups), (1, 1), dilation, groups)

    def add_bias(x, b):
        return x + b.reshape(1, -1, 1, 1)

    def channel_sum(g):
        return g.sum(dim=(0, 2, 3))

    def avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override):
        return F.avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad,
                            divisor_override)

    def avg_pool2d_scatter(g, input_hw, kernel, stride, padding, ceil_mode, count_include_pad,
                           divisor_override):
        geo = numeric._PoolGeometry(tuple(input_hw), kernel, stride, padding, 1, ceil_mode)
        div = numeric._avg_divisor(geo, count_include_pad, divisor_override)
        share = g / torch.as_tensor(div, dtype=g.dtype, device=g.device)
        acc = g.new_zeros(g.shape[:-2] + geo.padded_hw())
        for _, _, rows, cols in geo.taps():
            acc[..., rows, cols] += share
        return acc[..., geo.ph:geo.ph + geo.H, geo.pw:geo.pw + geo.W].contiguous()

    def max_pool2d(x, kernel, stride, padding, dilation, ceil_mode):
        return F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, return_indices=True)

    def max_pool2d_scatter(g, x, kernel, stride, padding, dilation, ceil_mode, tie="first"):
        if tie != "first":
            raise NotImplementedError("the torch backend routes to the first maximum only")
        _, index = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode,
                                return_indices=True)
        geo = numeric._PoolGeometry(tuple(x.shape[-2:]), kernel, stride, padding, dilation,
                                    ceil_mode)
        # windows with no cell inside the input route nowhere (as the closed form says)
        live = torch.as_tensor(geo.inside().any(axis=-1), device=g.device)
        src = torch.where(live, g, torch.zeros((), dtype=g.dtype, device=g.device))
        index = torch.where(live, index, torch.zeros((), dtype=index.dtype, device=index.device))
        out = g.new_zeros(x.shape[:-2] + (x.shape[-2] * x.shape[-1],))
        out.scatter_add_(-1, index.flatten(-2), src.flatten(-2))
        return out.reshape(x.shape)

    ns = dict(locals())
    ns = {name: ns[name] for name in _NUMPY_NAMES}
    ns["hadamard"] = torch.mul
    return ns


_BACKENDS: dict[str, Callable[[], dict]] = {"numpy": _numpy_namespace, "torch": _torch_namespace}


def backends() -> list[str]:
    """Backends that can run here: 'numpy', and 'torch' when torch imports."""
    out = ["numpy"]
    try:
        import torch  # noqa: F401
        out.append("torch")
    except ImportError:
        pass
    return out


@functools.lru_cache(maxsize=None)
def _namespace(backend: str) -> dict:
    if backend not in _BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, got {backend!r}")
    try:
        return _BACKENDS[backend]()
    except ImportError as err:
        raise ValueError(f"backend {backend!r} is not available here: {err}") from None
