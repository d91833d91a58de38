"""Kernels of the layers added through the layer protocol: conv_transpose2d and conv1d.

Each is generated like conv2d's (:func:`symbp.kernels.generate` lambdifies the proved closed
form of the layer's claim), from rows of :data:`symbp.kernels.KERNELS`; these functions only
check the arrays and build the configuration, in PyTorch's argument order.  A conv1d kernel
runs on the height-1 tensors of :class:`symbp.layers.conv1d.Conv1d` and takes and returns
PyTorch's 3-D arrays.

Example::

    >>> import numpy as np
    >>> g = np.ones((1, 1, 4, 4))                      # δ of a 3x3 -> 4x4 transposed conv
    >>> conv_transpose2d_input((1, 1, 3, 3), np.ones((1, 1, 2, 2)), g).shape
    (1, 1, 3, 3)
"""
from __future__ import annotations

from . import generate
from .kernel_args import _as_tensor, _check_grad_output, _groups, _same_dtype, _shape
from .numeric import pair
from ..layers.conv1d import Conv1dConfig
from ..layers.conv_transpose import ConvTranspose2dConfig


def _transpose_config(hw, wshape, cin, stride, padding, output_padding, groups, dilation,
                      weight_name: str) -> ConvTranspose2dConfig:
    groups = _groups(groups)
    if wshape[0] != cin:
        raise ValueError(f"{weight_name} has {wshape[0]} input channels but the input has {cin}")
    return ConvTranspose2dConfig.make(tuple(hw), tuple(wshape[2:]), pair(stride, "stride", 1),
                                      pair(padding, "padding", 0),
                                      pair(output_padding, "output_padding", 0),
                                      pair(dilation, "dilation", 1),
                                      (cin, wshape[1] * groups), groups, 1)


def conv_transpose2d_input(input_size, weight, grad_output, stride=1, padding=0,
                           output_padding=0, groups=1, dilation=1, *, backend: str = "numpy"):
    """∂J/∂input of ``torch.nn.functional.conv_transpose2d``.

    input_size: (N, C_in, H, W); weight: (C_in, C_out/groups, kH, kW); grad_output:
    (N, C_out, Ho, Wo) -> (N, C_in, H, W).  See the module docstring for an example.
    """
    size = _shape(input_size, "input_size")
    w, dw_ = _as_tensor(weight, "weight", 4, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 4, backend)
    _same_dtype([("weight", dw_), ("grad_output", dg)])
    cfg = _transpose_config(size[2:], w.shape, size[1], stride, padding, output_padding,
                            groups, dilation, "weight")
    _check_grad_output(g.shape, (size[0], cfg.channels[1]) + cfg.output)
    return generate("conv_transpose2d_input", cfg, backend).fn(g, w)


def conv_transpose2d_weight(input, weight_size, grad_output, stride=1, padding=0,
                            output_padding=0, groups=1, dilation=1, *, backend: str = "numpy"):
    """∂J/∂weight of ``conv_transpose2d``: input (N, C_in, H, W), weight_size
    (C_in, C_out/groups, kH, kW), grad_output (N, C_out, Ho, Wo) -> weight_size."""
    size = _shape(weight_size, "weight_size")
    x, dx = _as_tensor(input, "input", 4, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 4, backend)
    _same_dtype([("input", dx), ("grad_output", dg)])
    cfg = _transpose_config(x.shape[2:], size, x.shape[1], stride, padding, output_padding,
                            groups, dilation, "weight_size")
    _check_grad_output(g.shape, (x.shape[0], cfg.channels[1]) + cfg.output)
    return generate("conv_transpose2d_weight", cfg, backend).fn(g, x)


def conv_transpose2d_bias(grad_output, *, backend: str = "numpy"):
    """∂J/∂bias of ``conv_transpose2d``: grad_output (N, C_out, Ho, Wo) summed to (C_out,)."""
    g, _ = _as_tensor(grad_output, "grad_output", 4, backend)
    return generate("conv_transpose2d_bias", ConvTranspose2dConfig(), backend).fn(g)


def _conv1d_config(length, wshape, cin, stride, padding, dilation, groups,
                   weight_name: str) -> Conv1dConfig:
    groups = _groups(groups)
    if wshape[1] * groups != cin:
        raise ValueError(f"{weight_name} has {wshape[1]} input channels per group but the input "
                         f"has {cin} channels and groups={groups}")
    one = [pair(v, name, low)[0] for v, name, low in ((stride, "stride", 1),
                                                       (padding, "padding", 0),
                                                       (dilation, "dilation", 1))]
    return Conv1dConfig.make(length, wshape[2], *one, (cin, wshape[0]), groups, 1)


def conv1d_input(input_size, weight, grad_output, stride=1, padding=0, dilation=1, groups=1,
                 *, backend: str = "numpy"):
    """∂J/∂input of ``torch.nn.functional.conv1d`` (``torch.nn.grad.conv1d_input``):
    input_size (N, C_in, L), weight (C_out, C_in/groups, k), grad_output (N, C_out, Lo)."""
    size = _shape(input_size, "input_size", 3)
    w, dw_ = _as_tensor(weight, "weight", 3, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 3, backend)
    _same_dtype([("weight", dw_), ("grad_output", dg)])
    cfg = _conv1d_config(size[2], w.shape, size[1], stride, padding, dilation, groups, "weight")
    _check_grad_output(g.shape, (size[0], w.shape[0], cfg.output))
    out = generate("conv1d_input", cfg, backend).fn(g[:, :, None, :], w[:, :, None, :])
    return out[:, :, 0, :]


def conv1d_weight(input, weight_size, grad_output, stride=1, padding=0, dilation=1, groups=1,
                  *, backend: str = "numpy"):
    """∂J/∂weight of ``conv1d`` (``torch.nn.grad.conv1d_weight``): input (N, C_in, L),
    weight_size (C_out, C_in/groups, k), grad_output (N, C_out, Lo)."""
    size = _shape(weight_size, "weight_size", 3)
    x, dx = _as_tensor(input, "input", 3, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 3, backend)
    _same_dtype([("input", dx), ("grad_output", dg)])
    cfg = _conv1d_config(x.shape[2], size, x.shape[1], stride, padding, dilation, groups,
                         "weight_size")
    _check_grad_output(g.shape, (x.shape[0], size[0], cfg.output))
    out = generate("conv1d_weight", cfg, backend).fn(x[:, :, None, :], g[:, :, None, :])
    return out[:, :, 0, :]


def conv1d_bias(grad_output, *, backend: str = "numpy"):
    """∂J/∂bias of ``conv1d``: grad_output (N, C_out, Lo) summed to (C_out,)."""
    g, _ = _as_tensor(grad_output, "grad_output", 3, backend)
    return generate("conv1d_bias", Conv1dConfig(), backend).fn(g[:, :, None, :])
