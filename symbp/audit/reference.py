"""Expected values of an audited call, from symbp's proved closed forms, never from a target.

conv2d and the pooling ops run the kernels :mod:`symbp.kernels` generates from the closed
forms that ``symbp verify`` proves (each proved at a reduced size when first generated;
``Kernel.proof`` says so), in float64 on integer data, where every sum is exact.

conv_transpose2d is, by definition, the input gradient of the conv2d with the same
arguments (its channels reversed, over the transposed output size), so its values come
from the same proved conv2d forms::

    forward          = conv2d_input form applied to x            (claim conv-input)
    ∂J/∂input        = conv2d forward of the upstream gradient g  (the definition)
    ∂J/∂weight       = conv2d_weight form with input g, δ = x     (claim conv-weight)
    ∂J/∂bias         = Σ_{n,u,v} g                                (claim conv-bias)

where x is zero-extended when output_padding >= stride adds rows the conv2d reaches
(those rows carry no input, and their gradient entries are dropped).

linear evaluates :class:`symbp.layers.dense.FullyConnected`'s closed forms exactly, entry by
entry over integers, and proves each claim (fc-input, fc-weight, fc-bias) at the
configuration's own size.
"""
from __future__ import annotations

import functools

import numpy as np

from .. import kernels
from ..kernels import numeric
from ..claims import to_text
from ..layers.conv import Conv2d, Conv2dConfig
from ..claims import fc_claims
from ..layers.dense import FullyConnected, LinearConfig
from ..core.tensor import A, B, DELTA, W
from ..core.ops import evaluate
from ..core.tensor import from_numbers
from .lattice import AuditConfig

#: output name -> what it is, in the report's words
OUTPUTS = {"forward": "forward", "grad_input": "∂J/∂input", "grad_weight": "∂J/∂weight",
           "grad_bias": "∂J/∂bias"}


def expected(cfg: AuditConfig, data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """name -> float64 array of the exact values (forward, grad_input, grad_weight, grad_bias).

    ``data`` holds ``input`` (and ``weight``, ``bias``) and ``grad_output``, as
    :func:`symbp.audit.lattice.inputs_for` draws them.
    Example: ``expected(cfg, inputs_for(cfg))["grad_input"].shape == data["input"].shape``.
    """
    return _EXPECTED[cfg.op](cfg, data)


class _ConvForms(Conv2d):
    """A Conv2d that builds its closed forms only (they read nothing but ``cfg``), without
    the symbolic entries a proof needs: the full-size form, to compare with a kernel's."""

    def __init__(self, cfg: Conv2dConfig):   # noqa: super().__init__ builds the entries
        self.cfg = cfg


@functools.lru_cache(maxsize=4096)
def conv_kernel(name: str, cfg: Conv2dConfig) -> kernels.Kernel:
    """symbp's generated kernel ``name`` for ``cfg``, proved on generation.

    A convolution's closed form does not depend on the input size beyond the rows no
    window reaches, so the kernel generated (and proved) for ``kernels.reduced_conv(cfg)``
    is used when its form is *the same expression* as ``cfg``'s (checked here); else the
    kernel is generated for ``cfg`` itself.
    """
    full = kernels.KERNELS[name].form(_ConvForms(cfg))
    small = kernels.generate(name, kernels.reduced_conv(cfg))
    return small if small.form == full else kernels.generate(name, cfg)


def _conv2d(cfg, d):
    x, w, b, g = d["input"], d["weight"], d["bias"], d["grad_output"]
    conv = cfg.conv()
    return {"forward": conv_kernel("conv2d", conv)(x, w, b),
            "grad_input": conv_kernel("conv2d_input", conv)(g, w),
            "grad_weight": conv_kernel("conv2d_weight", conv)(x, g),
            "grad_bias": kernels.conv2d_bias(g)}


def _extended(cfg: AuditConfig, x: np.ndarray) -> np.ndarray:
    """x zero-extended to the conv2d's output size (rows output_padding >= stride adds)."""
    reach = cfg.conv().output
    extra = [r - n for r, n in zip(reach, x.shape[2:])]
    if extra == [0, 0]:
        return x
    return numeric.pad(x, 0, extra[0], 0, extra[1])


def _conv_transpose2d(cfg, d):
    x, w, b, g = d["input"], d["weight"], d["bias"], d["grad_output"]
    conv = cfg.conv()
    xe = _extended(cfg, x)
    h, wd = x.shape[2:]
    y = conv_kernel("conv2d_input", conv)(xe, w)
    return {"forward": numeric.add_bias(y, b),
            "grad_input": np.ascontiguousarray(conv_kernel("conv2d_nobias", conv)(g, w)
                                               [:, :, :h, :wd]),
            "grad_weight": conv_kernel("conv2d_weight", conv)(g, xe),
            "grad_bias": kernels.conv2d_bias(g)}


def _max_pool2d(cfg, d):
    x, g = d["input"], d["grad_output"]
    args = (cfg.kernel, cfg.stride, cfg.padding, cfg.dilation, cfg.ceil_mode)
    return {"forward": kernels.max_pool2d(x, *args),
            "grad_input": kernels.max_pool2d_backward(g, x, *args)}


def _avg_pool2d(cfg, d):
    x, g = d["input"], d["grad_output"]
    args = (cfg.kernel, cfg.stride, cfg.padding, cfg.ceil_mode, cfg.count_include_pad,
            cfg.divisor_override)
    return {"forward": kernels.avg_pool2d(x, *args),
            "grad_input": kernels.avg_pool2d_backward(g, x.shape, *args)}


def _linear(cfg, d):
    sizes = (cfg.channels[0], cfg.channels[1], cfg.batch)
    layer = _fc_layer(*sizes)
    for output in ("grad_input", "grad_weight", "grad_bias"):
        text = _linear_form(*sizes, output)
        if "[holds" not in text:
            raise kernels.KernelProofError(f"linear {OUTPUTS[output]}: {text}")
    env = {A: from_numbers(d["input"].astype(int)), W: from_numbers(d["weight"].astype(int)),
           B: from_numbers(d["bias"].astype(int)), DELTA: from_numbers(d["grad_output"].astype(int))}

    def value(form):
        return np.array(evaluate(form, env).tolist(), dtype=np.float64)
    return {"forward": value(layer.forward_form()), "grad_input": value(layer.input_grad_form()),
            "grad_weight": value(layer.weight_grad_form()), "grad_bias": value(layer.bias_grad_form())}


@functools.lru_cache(maxsize=256)
def _fc_layer(i: int, o: int, n: int) -> FullyConnected:
    return FullyConnected(LinearConfig.make(i, o, n))


_EXPECTED = {"conv2d": _conv2d, "conv_transpose2d": _conv_transpose2d,
             "max_pool2d": _max_pool2d, "avg_pool2d": _avg_pool2d, "linear": _linear}


# --------------------------------------------------------------------------- forms

def form(cfg: AuditConfig, output: str) -> str:
    """The closed form (and how it is proved) that gives ``output``'s expected values.

    Example: ``form(cfg, "grad_input")`` -> "∂J/∂input = upsample_avg(delta) [holds: pool-avg
    at 2x3 input, 2x2 window, ceil_mode (the same operator at a smaller input size)]".
    """
    what = OUTPUTS[output]
    if cfg.op == "linear":
        return f"{what} = {_linear_form(cfg.channels[0], cfg.channels[1], cfg.batch, output)}"
    name, note = _kernel_for(cfg.op, output)
    if cfg.op in ("conv2d", "conv_transpose2d"):
        kernel = conv_kernel(name, cfg.conv())
    else:
        kernel = kernels.generate(name, cfg.pool())
    proof = f" [{kernel.proof}]" if kernel.proof else " [the forward definition]"
    return f"{what} = {kernel.text}{note}{proof}"


def _kernel_for(op: str, output: str) -> tuple[str, str]:
    """(symbp kernel, how it applies) for one output of one op."""
    if op == "conv_transpose2d":
        return {"forward": ("conv2d_input", " with δ = input (conv_transpose2d is the conv2d "
                                            "input gradient)"),
                "grad_input": ("conv2d_nobias", " with a = grad_output (the conv2d forward)"),
                "grad_weight": ("conv2d_weight", " with a = grad_output, δ = input"),
                "grad_bias": ("conv2d_bias", " with δ = grad_output")}[output]
    if op == "conv2d":
        return {"forward": ("conv2d", ""), "grad_input": ("conv2d_input", ""),
                "grad_weight": ("conv2d_weight", ""), "grad_bias": ("conv2d_bias", "")}[output]
    return {"forward": (op, ""), "grad_input": (f"{op}_backward", "")}[output]


@functools.lru_cache(maxsize=1024)
def _linear_form(i: int, o: int, n: int, output: str) -> str:
    layer = _fc_layer(i, o, n)
    if output == "forward":
        return f"{to_text(layer.forward_form())} [the forward definition]"
    claim = fc_claims(layer)[{"grad_input": "fc-input", "grad_weight": "fc-weight",
                              "grad_bias": "fc-bias"}[output]]
    return f"{to_text(claim.form)} [{claim.check().verdict}: {claim.name} at {claim.sizes}]"
