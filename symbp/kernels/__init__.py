"""Fast kernels generated from the closed forms that symbp proves.

Each backward kernel here is *generated*, not written beside the proof: for a
layer configuration the kernel builds the layer (:class:`symbp.layers.conv.Conv2d`,
:class:`symbp.layers.pooling.Pool2d`), takes the closed form the built-in claim states
(``Conv2d(cfg).input_grad_form()`` is the form ``symbp verify conv-input``
proves), and ``sympy.lambdify``-s it with :class:`KernelPrinter`, which prints
each operator (``Pad``, ``Dilate``, ``Correlate``, ...) as one call into a
backend's vectorised primitives -- :mod:`symbp.kernels.numeric` for numpy, torch ops
for ``backend='torch'``.  The lambdify arguments are the core's placeholder
symbols (``delta``, ``W``, ``a``, ``b``), never names from a document.  At
stride 2, padding 1 (6x6 input, 3x3 kernel, 2 -> 2 channels) the generated ∂J/∂a is::

    def conv2d_input(delta, W):
        return transposed_correlate(delta, W, stride=(2, 2), padding=(1, 2, 1, 2), dilation=(1, 1), groups=1)

the fused print of the proved composition
``correlate(pad(dilate(delta, 2, 2), 1, 2, 1, 2), swap_io(rot180(W), 1), (1, 1), (1, 1), 1)``
(``fuse=False`` prints and runs that chain as is; ``symbp kernels --show NAME`` shows both).  Fused calls
(:func:`symbp.kernels.numeric.transposed_correlate`, ``weight_correlate(..., stride=s)``,
the kernel dilation folded into ``correlate``'s dilation) skip the zeros that
``dilate`` inserts; each is tested equal to the unfused composition.

Generated kernels are cached per configuration (``functools.lru_cache``).  On
first generation (``PROVE = True``) the claim is proved at a reduced size: for
convolutions a smaller input with the same stride, padding, dilation, groups and
unreached rows, whose closed form is *the same expression* (checked); for
pooling the smallest input with the same window parameters and boundary pattern
(the form differs only in the input size it carries; max pooling with windows of
more than :data:`PROVE_MAX_POOL_CELLS` cells is left to ``symbp verify``, as its
proof takes seconds).  A refuted claim raises :class:`KernelProofError` and no
kernel is made; ``Kernel.proof`` says what was proved.

The public functions take PyTorch's arguments in PyTorch's order
(``torch.nn.grad.conv2d_input`` etc.), numpy arrays in and out (float32 and
float64, kept); bad shapes, dtypes or configurations raise ValueError naming the
argument.  torch is optional: only ``backend='torch'`` imports it.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp

from . import numeric  # noqa: F401  (symbp.kernels.numeric)
from ..layers.conv import A, B, DELTA, W, Conv2dConfig
from ..core.geometry import ConfigError
from ..layers.pooling import Pool2dConfig
from .kernel_layers import (AVG_POOL2D, CONV1D, CONV2D, CONV_TRANSPOSE2D,  # noqa: F401
                            MAX_POOL2D, KernelLayer)
from .kernel_printers import (_BACKENDS, FusedKernelPrinter, KernelPrinter,  # noqa: F401
                              _namespace, backends)
from .kernel_args import (_as_tensor, _check_grad_output, _conv_config, _groups, _key,  # noqa: F401
                          _pool_config, _same_dtype, _shape)
from ..core.tensor import exact

__all__ = [
    "conv2d", "conv2d_input", "conv2d_weight", "conv2d_bias",
    "max_pool2d", "max_pool2d_backward", "avg_pool2d", "avg_pool2d_backward",
    "conv_transpose2d_input", "conv_transpose2d_weight", "conv_transpose2d_bias",
    "conv1d_input", "conv1d_weight", "conv1d_bias",
    "Kernel", "KernelPrinter", "KernelProofError", "KERNELS", "PROVE",
    "backends", "generate", "unrolled",
]

#: prove each configuration's claim (at a reduced size) when its kernel is first generated
PROVE = True
#: max-pooling windows with more cells than this are not proved on generation (seconds each)
PROVE_MAX_POOL_CELLS = 9


class KernelProofError(RuntimeError):
    """The closed form a kernel would be generated from does not hold."""


# --------------------------------------------------------------------------- kernels

@dataclass(frozen=True)
class Spec:
    """One kernel: its layer, the claim it comes from, its form and arguments."""
    name: str
    layer: KernelLayer
    claim: str | None                            # built-in claim proving the form
    form: Callable[[object], sp.Expr]            # layer -> closed form (or forward)
    args: tuple[sp.Symbol, ...]                  # our placeholders, in call order
    doc: str
    any_size: bool = False                       # the form has no size in it (ChannelSum)


def _closed(key: str) -> Callable[[object], sp.Expr]:
    return lambda layer: layer.closed_forms()[key]


KERNELS: dict[str, Spec] = {s.name: s for s in [
    Spec("conv2d_input", CONV2D, "conv-input", lambda L: L.input_grad_form(), (DELTA, W),
         "∂J/∂a of conv2d (torch.nn.grad.conv2d_input)"),
    Spec("conv2d_weight", CONV2D, "conv-weight", lambda L: L.weight_grad_form(), (A, DELTA),
         "∂J/∂W of conv2d (torch.nn.grad.conv2d_weight)"),
    Spec("conv2d_bias", CONV2D, "conv-bias", lambda L: L.bias_grad_form(), (DELTA,),
         "∂J/∂b of conv2d", any_size=True),
    Spec("max_pool2d_backward", MAX_POOL2D, "pool-max", lambda L: L.upsample_form(), (DELTA, A),
         "∂J/∂a of max_pool2d: δ routed to each window's first maximum"),
    Spec("avg_pool2d_backward", AVG_POOL2D, "pool-avg", lambda L: L.upsample_form(), (DELTA,),
         "∂J/∂a of avg_pool2d: δ / divisor spread over each window"),
    Spec("conv2d", CONV2D, None, lambda L: L.forward_form(), (A, W, B),
         "forward conv2d with bias (the definition the chain rule differentiates)"),
    Spec("conv2d_nobias", CONV2D, None, lambda L: L.forward_form().args[0], (A, W),
         "forward conv2d without bias"),
    Spec("max_pool2d", MAX_POOL2D, None, lambda L: L.forward_form(), (A,), "forward max_pool2d"),
    Spec("avg_pool2d", AVG_POOL2D, None, lambda L: L.forward_form(), (A,), "forward avg_pool2d"),
    Spec("conv_transpose2d_input", CONV_TRANSPOSE2D, "conv-transpose-input", _closed("a"),
         (DELTA, W), "∂J/∂a of conv_transpose2d (a conv2d of δ with W)"),
    Spec("conv_transpose2d_weight", CONV_TRANSPOSE2D, "conv-transpose-weight", _closed("W"),
         (DELTA, A), "∂J/∂W of conv_transpose2d"),
    Spec("conv_transpose2d_bias", CONV_TRANSPOSE2D, None, _closed("b"), (DELTA,),
         "∂J/∂b of conv_transpose2d (the sum of δ over batch and positions)", any_size=True),
    Spec("conv1d_input", CONV1D, "conv1d-input", _closed("a"), (DELTA, W),
         "∂J/∂a of conv1d (on (N, C, 1, L) arrays: conv1d_input takes (N, C, L))"),
    Spec("conv1d_weight", CONV1D, "conv1d-weight", _closed("W"), (A, DELTA),
         "∂J/∂W of conv1d (on (N, C, 1, L) arrays: conv1d_weight takes (N, C, L))"),
    Spec("conv1d_bias", CONV1D, "conv1d-bias", _closed("b"), (DELTA,),
         "∂J/∂b of conv1d", any_size=True),
]}


@dataclass(frozen=True)
class Kernel:
    """A generated kernel: call it with the arrays named by ``args``."""
    name: str
    config: object                  # Conv2dConfig or Pool2dConfig (batch 1)
    form: sp.Expr                   # the closed form (or forward definition) it computes
    args: tuple[sp.Symbol, ...]
    source: str                     # the generated Python source
    fn: Callable = field(repr=False)
    backend: str = "numpy"
    fused: bool = True
    claim: str | None = None        # the built-in claim whose form this is
    proof: str | None = None        # e.g. "holds: conv-input at 4x4 input, ... (same form)"

    def __call__(self, *arrays):
        return self.fn(*arrays)

    @property
    def text(self) -> str:
        """The form as one line of text (δ, σ as symbols)."""
        from ..claims import to_text
        return to_text(self.form)


def _layer(spec: Spec, config):
    return spec.layer.build(config)


def _source(fn, name: str, namespace: dict) -> str:
    """The lambdified source, its function named after the kernel (``_forward`` added
    where that is also a primitive's name, as for ``max_pool2d``)."""
    title = f"{name}_forward" if name in namespace else name
    return inspect.getsource(fn).replace("_lambdifygenerated", title, 1)


def generate(name: str, config, backend: str = "numpy", fuse: bool = True,
             prove: bool | None = None) -> Kernel:
    """The kernel ``name`` for a layer configuration (cached per configuration).

    ``config`` is a :class:`Conv2dConfig` or :class:`Pool2dConfig`; its batch
    (and for pooling, channel count) do not change the form and are normalised
    to 1.  ``prove`` (default :data:`PROVE`) proves the claim at a reduced size
    on first generation.
    """
    if name not in KERNELS:
        raise ValueError(f"unknown kernel {name!r} (known: {', '.join(_public_names())})")
    spec = KERNELS[name]
    config = _normalise(spec, config)
    return _generate(name, config, backend, bool(fuse), PROVE if prove is None else bool(prove))


def _normalise(spec: Spec, config):
    wanted = spec.layer.config
    if not isinstance(config, wanted):
        raise ValueError(f"{spec.name} needs a {wanted.__name__}, got {type(config).__name__}")
    if spec.any_size:                     # ChannelSum(δ): no configuration in the form
        return wanted()
    return config.kernel_config()


@functools.lru_cache(maxsize=512)
def _generate(name: str, config, backend: str, fuse: bool, prove: bool) -> Kernel:
    spec = KERNELS[name]
    form = spec.form(_layer(spec, config))
    stray = form.free_symbols - set(spec.args)
    if stray:  # pragma: no cover - the core's forms use our placeholders only
        raise RuntimeError(f"{name}: the form has unbound symbols {sorted(map(str, stray))}")
    proof = _prove(spec, config, form) if prove and spec.claim else None
    printer = FusedKernelPrinter if fuse else KernelPrinter
    namespace = _namespace(backend)
    fn = sp.lambdify(spec.args, form, modules=[namespace], printer=printer, docstring_limit=None)
    return Kernel(name, config, form, spec.args, _source(fn, name, namespace), fn, backend, fuse,
                  spec.claim, proof)


def source(name: str, config, fuse: bool = True, backend: str = "numpy") -> str:
    """The generated Python source of a kernel (what ``symbp kernels --show`` prints)."""
    return generate(name, config, backend, fuse, prove=False).source


# --------------------------------------------------------------------------- proofs

def reduced_conv(cfg: Conv2dConfig) -> Conv2dConfig:
    """:meth:`Conv2dConfig.reduced` (the same closed forms at a small size)."""
    return cfg.reduced()


def reduced_pool(cfg: Pool2dConfig) -> Pool2dConfig:
    """:meth:`Pool2dConfig.reduced` (the same window pattern at a small size)."""
    return cfg.reduced()


def claim_for(name: str, config):
    """The built-in claim ``symbp verify`` checks for kernel ``name`` at ``config``
    (:func:`symbp.claims.builtin_claims` with the configuration as a ``Setup``)."""
    from .. import claims
    spec = KERNELS[name]
    if spec.claim is None:
        raise ValueError(f"{name} is a forward definition, not a proved closed form")
    return claims.builtin_claims([spec.claim], spec.layer.to_setup(config))[0]


@functools.lru_cache(maxsize=512)
def _proved(name: str, small) -> tuple[str, sp.Expr]:
    """(verdict, form) of kernel ``name``'s claim at the small configuration."""
    claim = claim_for(name, small)
    return claim.check().verdict, claim.form


def _prove(spec: Spec, config, form: sp.Expr) -> str:
    """Prove the claim at a reduced size and say so; raise KernelProofError if it is refuted.

    Max pooling with windows of more than :data:`PROVE_MAX_POOL_CELLS` cells is not
    proved here (its argmax regions make the proof take seconds; ``symbp verify
    pool-max`` does it on request), nor is a claim the core cannot evaluate.
    """
    from ..core.proof import HOLDS
    if spec.layer.regions and config.kernel[0] * config.kernel[1] > PROVE_MAX_POOL_CELLS:
        return (f"skipped: {spec.claim} with a {config.kernel[0]}x{config.kernel[1]} window "
                f"(more than {PROVE_MAX_POOL_CELLS} cells) is left to symbp verify")
    small = config.reduced()
    where = f"{spec.claim} at {small.describe()}"
    try:
        verdict, small_form = _proved(spec.name, small)
    except ConfigError as err:        # e.g. a max window wholly in the padding: no derivative
        return f"not proved: {where}: {err}"
    same = small_form == form
    if spec.layer.same_form and not same:  # pragma: no cover - reduced() keeps the form
        raise KernelProofError(f"{spec.name}: the reduced configuration changes the form")
    if verdict != HOLDS:
        raise KernelProofError(f"{spec.name}: the closed form does not hold ({where}: {verdict})")
    return f"{verdict}: {where}" + (" (the same form)" if same else
                                    " (the same operator at a smaller input size)")


# --------------------------------------------------------------------------- unrolled baseline

def unrolled(name: str, config, batch: int = 1):
    """The slow alternative: lambdify the *entrywise* expansion of the same form.

    Returns ``f(*arrays) -> ndarray``: every output entry is its own Python
    expression over scalar arguments (the entries of the placeholders, at this
    batch size).  Large configurations hit Python's compiler limits.
    """
    spec = KERNELS[name]
    if spec.layer.regions and spec.claim:
        raise ValueError("the max-pooling closed form carries argmax region indicators: "
                         "no unrolled kernel")
    config = dataclasses.replace(_normalise(spec, config), batch=batch)
    layer = _layer(spec, config)
    from ..core.ops import evaluate
    entries = evaluate(spec.form(layer), layer.env)
    arrays = [layer.env[s] for s in spec.args]
    scalars = [e for arr in arrays for e in arr.flat]
    # plain argument names up front: lambdify would otherwise replace each unsafe name
    # (``delta_{11}``) by a Dummy in a separate pass over the whole expression list
    safe = {e: sp.Symbol(f"x{i}") for i, e in enumerate(scalars)}
    exprs = [exact(e).xreplace(safe) for e in entries.flat]
    fn = sp.lambdify(list(safe.values()), exprs, modules="math", docstring_limit=0)
    shape = entries.shape

    def call(*values):
        flat = [float(v) for arr in values for v in np.asarray(arr).ravel()]
        return np.array(fn(*flat)).reshape(shape)
    call.terms = sum(len(sp.Add.make_args(e)) for e in entries.flat)
    return call


# --------------------------------------------------------------------------- public API
#
# Each call validates its arrays, then looks its configuration up in a cache (the
# arguments normalised to plain ints first) that holds the generated kernel and the
# output size, so a repeated call costs the array checks and the kernel itself.

@functools.lru_cache(maxsize=1024)
def _conv_plan(name, hw, wshape, cin, stride, padding, dilation, groups, input_name,
               weight_name, backend):
    cfg = _conv_config(hw, wshape, cin, stride, padding, dilation, groups, input_name,
                       weight_name)
    return generate(name, cfg, backend), cfg.output


def _conv(name, hw, wshape, cin, stride, padding, dilation, groups, input_name, weight_name,
          backend):
    groups = groups if type(groups) is int else _groups(groups)
    return _conv_plan(name, tuple(hw), tuple(wshape), cin, _key(stride, "stride", 1),
                      _key(padding, "padding", 0), _key(dilation, "dilation", 1), groups,
                      input_name, weight_name, backend)


@functools.lru_cache(maxsize=1024)
def _pool_plan(name, hw, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad,
               divisor_override, backend):
    cfg = _pool_config(hw, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad,
                       divisor_override)
    return generate(name, cfg, backend), cfg.output


def _pool(name, hw, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad=True,
          divisor_override=None, backend="numpy"):
    if stride is not None and not (isinstance(stride, (tuple, list)) and len(stride) == 0):
        stride = _key(stride, "stride", 1)
    else:
        stride = None
    if divisor_override is not None and type(divisor_override) is not int:
        _pool_config(hw, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad,
                     divisor_override)   # raises for a bad divisor_override
        divisor_override = int(divisor_override)
    return _pool_plan(name, tuple(hw), _key(kernel_size, "kernel_size", 1), stride,
                      _key(padding, "padding", 0), _key(dilation, "dilation", 1), bool(ceil_mode),
                      bool(count_include_pad), divisor_override, backend)


def conv2d_input(input_size, weight, grad_output, stride=1, padding=0, dilation=1, groups=1,
                 *, backend: str = "numpy"):
    """∂J/∂input of conv2d, like ``torch.nn.grad.conv2d_input`` (``input_size`` a 4-D shape)."""
    size = _shape(input_size, "input_size")
    w, dw_ = _as_tensor(weight, "weight", 4, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 4, backend)
    _same_dtype([("weight", dw_), ("grad_output", dg)])
    kernel, out = _conv("conv2d_input", size[2:], w.shape, size[1], stride, padding, dilation,
                        groups, "input_size", "weight", backend)
    _check_grad_output(g.shape, (size[0], w.shape[0]) + out)
    return kernel.fn(g, w)


def conv2d_weight(input, weight_size, grad_output, stride=1, padding=0, dilation=1, groups=1,
                  *, backend: str = "numpy"):
    """∂J/∂weight of conv2d, like ``torch.nn.grad.conv2d_weight`` (``weight_size`` a 4-D shape)."""
    size = _shape(weight_size, "weight_size")
    x, dx = _as_tensor(input, "input", 4, backend)
    g, dg = _as_tensor(grad_output, "grad_output", 4, backend)
    _same_dtype([("input", dx), ("grad_output", dg)])
    kernel, out = _conv("conv2d_weight", x.shape[2:], size, x.shape[1], stride, padding, dilation,
                        groups, "input", "weight_size", backend)
    _check_grad_output(g.shape, (x.shape[0], size[0]) + out)
    return kernel.fn(x, g)


def conv2d_bias(grad_output, *, backend: str = "numpy"):
    """∂J/∂bias of conv2d: the sum of grad_output over batch and positions."""
    g, _ = _as_tensor(grad_output, "grad_output", 4, backend)
    return generate("conv2d_bias", Conv2dConfig(), backend).fn(g)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
           *, backend: str = "numpy"):
    """``torch.nn.functional.conv2d`` (the forward definition, generated the same way)."""
    x, dx = _as_tensor(input, "input", 4, backend)
    w, dw_ = _as_tensor(weight, "weight", 4, backend)
    pairs = [("input", dx), ("weight", dw_)]
    if bias is not None:
        b, db = _as_tensor(bias, "bias", 1, backend)
        pairs.append(("bias", db))
        if b.shape[0] != w.shape[0]:
            raise ValueError(f"bias has {b.shape[0]} entries but weight has {w.shape[0]} "
                             f"output channels")
    _same_dtype(pairs)
    name = "conv2d_nobias" if bias is None else "conv2d"
    kernel, _ = _conv(name, x.shape[2:], w.shape, x.shape[1], stride, padding, dilation, groups,
                      "input", "weight", backend)
    return kernel.fn(x, w) if bias is None else kernel.fn(x, w, b)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               *, backend: str = "numpy"):
    """``torch.nn.functional.max_pool2d`` (values only)."""
    x, _ = _as_tensor(input, "input", 4, backend)
    kernel, _ = _pool("max_pool2d", x.shape[2:], kernel_size, stride, padding, dilation,
                      ceil_mode, backend=backend)
    return kernel.fn(x)


def max_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1,
                        ceil_mode=False, *, backend: str = "numpy"):
    """∂J/∂input of max_pool2d: each grad_output entry goes to its window's first maximum
    (PyTorch's tie rule; a NaN wins).  A window with no cell inside the input (possible
    with dilation) contributes nothing."""
    g, dg = _as_tensor(grad_output, "grad_output", 4, backend)
    x, dx = _as_tensor(input, "input", 4, backend)
    _same_dtype([("input", dx), ("grad_output", dg)])
    kernel, out = _pool("max_pool2d_backward", x.shape[2:], kernel_size, stride, padding,
                        dilation, ceil_mode, backend=backend)
    _check_grad_output(g.shape, tuple(x.shape[:2]) + out)
    return kernel.fn(g, x)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None, *, backend: str = "numpy"):
    """``torch.nn.functional.avg_pool2d``."""
    x, _ = _as_tensor(input, "input", 4, backend)
    kernel, _ = _pool("avg_pool2d", x.shape[2:], kernel_size, stride, padding, 1, ceil_mode,
                      count_include_pad, divisor_override, backend)
    return kernel.fn(x)


def avg_pool2d_backward(grad_output, input_size, kernel_size, stride=None, padding=0,
                        ceil_mode=False, count_include_pad=True, divisor_override=None,
                        *, backend: str = "numpy"):
    """∂J/∂input of avg_pool2d (``input_size`` a 4-D shape)."""
    size = _shape(input_size, "input_size")
    g, _ = _as_tensor(grad_output, "grad_output", 4, backend)
    kernel, out = _pool("avg_pool2d_backward", size[2:], kernel_size, stride, padding, 1,
                        ceil_mode, count_include_pad, divisor_override, backend)
    _check_grad_output(g.shape, size[:2] + out)
    return kernel.fn(g)


def _public_names() -> list[str]:
    """The kernels ``symbp kernels`` lists (conv2d_nobias is conv2d's helper)."""
    return [n for n in KERNELS if n != "conv2d_nobias"]


# the layers added through the protocol (their own module; it calls generate above)
from .conv_variants import (conv1d_bias, conv1d_input, conv1d_weight,  # noqa: E402
                            conv_transpose2d_bias, conv_transpose2d_input,
                            conv_transpose2d_weight)
