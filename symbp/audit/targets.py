"""Targets an audit runs: PyTorch eager, torch.compile, JAX, or a user's callable.

:func:`resolve` turns the command line's TARGET into a :class:`Target`, or raises
:class:`TargetError` (one line) for an unknown target, a ``MODULE:FUNCTION`` that
does not resolve, or a framework that is not installed.  ``Target.run(cfg, data)``
calls the op forward on float64 tensors, back-propagates ``grad_output`` and returns
numpy arrays under the names :data:`symbp.audit.reference.OUTPUTS` uses.  What a
target raises propagates; the audit records it for that configuration and goes on.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .lattice import AuditConfig

#: op -> names of the tensors it takes, in call order
TENSORS = {"conv2d": ("input", "weight", "bias"), "conv_transpose2d": ("input", "weight", "bias"),
           "linear": ("input", "weight", "bias"), "max_pool2d": ("input",),
           "avg_pool2d": ("input",)}


class TargetError(ValueError):
    """A TARGET that cannot be audited here (one-line message)."""


@dataclass
class Target:
    """A framework's ops (or a user's callable) and how to call them.

    ``kind`` is 'torch', 'torch.compile', 'jax' or 'callable'; ``spec`` is TARGET as given.
    """
    kind: str
    spec: str
    device: str = "cpu"
    function: Callable | None = None          # a user's callable (kind 'callable')
    dynamic: bool | None = None               # torch.compile's dynamic= (None: its default)

    def run(self, cfg: AuditConfig, data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Forward and backward of one configuration: output name -> numpy array."""
        if self.kind == "jax":
            return _run_jax(cfg, data)
        return _run_torch(self._torch_fn(cfg.op), cfg, data, self.device)

    @property
    def compiles_in_groups(self) -> bool:
        """Whether the audit runs this target's configurations through :meth:`run_group`,
        many in one graph: torch.compile, unless ``dynamic=True`` was asked for."""
        return self.kind == "torch.compile" and self.dynamic is not True

    def run_group(self, cfgs: list[AuditConfig], datas: list[dict]) -> list[dict] | str:
        """Forward and backward of several configurations of one op in one torch.compile
        graph (one dynamo trace, one forward and one backward Inductor compilation for all
        of them, each configuration with its own static shapes and constant arguments):
        one dict per configuration as :meth:`run` returns, or, when anything raised, what
        it raised (one line; the caller then runs them apart, to say which one raised).

        Example: ``resolve("torch.compile").run_group(cfgs, [inputs_for(c) for c in cfgs])``.
        """
        try:
            return _run_torch_group(cfgs, datas, self.device)
        except Exception as err:    # attributed by running the configurations apart
            return what_raised(err)

    def _torch_fn(self, op: str) -> Callable:
        if self.kind == "callable":
            return self.function
        import torch.nn.functional as F
        fn = getattr(F, op)
        if self.kind == "torch.compile":
            return _compiled(op, self.dynamic)
        return fn

    def fresh(self, dynamic: bool | None = None) -> "Target":
        """The same target with nothing cached (torch.compile: a new compilation, with
        ``dynamic`` passed to torch.compile)."""
        if self.kind == "torch.compile":
            import torch
            torch._dynamo.reset()
            _COMPILED.clear()
        return Target(self.kind, self.spec, self.device, self.function, dynamic)


def _compiled(op: str, dynamic: bool | None = None):
    import torch
    import torch.nn.functional as F
    if (op, dynamic) not in _COMPILED:
        _quiet_dynamo()
        _COMPILED[op, dynamic] = torch.compile(getattr(F, op), dynamic=dynamic)
    return _COMPILED[op, dynamic]


def _quiet_dynamo() -> None:
    import torch
    # every configuration (or group of them) is its own graph: lift dynamo's recompile
    # limit, which would otherwise fall back to eager (silently) after 8 of them
    torch._dynamo.config.recompile_limit = 1_000_000
    torch._dynamo.config.accumulated_recompile_limit = 1_000_000
    # what fails is reported per configuration; torch's own warnings (with
    # tracebacks) for the same failures would bury the report
    for name in ("torch._dynamo", "torch._functorch", "torch._inductor", "torch.fx",
                 "torch.utils._sympy"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _forward_all(fn: Callable, calls: list[dict], tensor_lists: list[list]) -> list:
    """``fn(*tensors, **call)`` for each configuration: the function torch.compile traces
    once per group (the calls' arguments are Python constants of the graph)."""
    return [fn(*tensors, **call) for tensors, call in zip(tensor_lists, calls)]


def _group_compiled():
    """One compiled :func:`_forward_all` for every group (dynamic=False: each group's
    shapes and arguments are static, as torch.compile first compiles any call; a new
    group is a new graph, never an automatically dynamic one)."""
    import torch
    if "group" not in _COMPILED:
        _quiet_dynamo()
        _COMPILED["group"] = torch.compile(_forward_all, dynamic=False)
    return _COMPILED["group"]


def _run_torch_group(cfgs: list[AuditConfig], datas: list[dict], device: str) -> list[dict]:
    import torch
    import torch.nn.functional as F
    op = cfgs[0].op
    names = TENSORS[op]
    tensor_lists = [[torch.tensor(d[n], dtype=torch.float64, device=device, requires_grad=True)
                     for n in names] for d in datas]
    outs = _group_compiled()(getattr(F, op), [c.kwargs() for c in cfgs], tensor_lists)
    results = [{"forward": out.detach().cpu().numpy()} for out in outs]
    grads = [torch.tensor(d["grad_output"], dtype=torch.float64, device=device) for d in datas]
    ok = [i for i, (out, g) in enumerate(zip(outs, grads)) if tuple(out.shape) == tuple(g.shape)]
    torch.autograd.backward([outs[i] for i in ok], [grads[i] for i in ok])
    for i in ok:          # (a wrong forward shape: nothing back-propagated, as in _run_torch)
        for n, t in zip(names, tensor_lists[i]):
            results[i][f"grad_{n}"] = None if t.grad is None else t.grad.detach().cpu().numpy()
    return results


_COMPILED: dict[tuple[str, bool | None] | str, Callable] = {}


def _run_torch(fn: Callable, cfg: AuditConfig, data: dict, device: str) -> dict[str, np.ndarray]:
    import torch
    names = TENSORS[cfg.op]
    tensors = [torch.tensor(data[n], dtype=torch.float64, device=device, requires_grad=True)
               for n in names]
    out = fn(*tensors, **cfg.kwargs())
    if not isinstance(out, torch.Tensor):
        raise TypeError(f"the forward returned {type(out).__name__}, not a tensor")
    got = {"forward": out.detach().cpu().numpy()}
    grad = torch.tensor(data["grad_output"], dtype=torch.float64, device=device)
    if tuple(out.shape) != tuple(grad.shape):
        return got        # a wrong forward shape: nothing to back-propagate
    try:
        out.backward(grad)
    except Exception as err:       # recorded for this configuration; the audit goes on
        got["raised"] = ("backward", what_raised(err))
        return got
    for n, t in zip(names, tensors):
        got[f"grad_{n}"] = None if t.grad is None else t.grad.detach().cpu().numpy()
    return got


# --------------------------------------------------------------------------- jax

def _run_jax(cfg: AuditConfig, data: dict) -> dict[str, np.ndarray]:
    """The op written with jax.lax primitives, differentiated by jax.vjp (float64)."""
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    fn = _JAX_OPS[cfg.op]
    names = TENSORS[cfg.op]
    args = [jnp.asarray(data[n]) for n in names]
    out, vjp = jax.vjp(lambda *a: fn(cfg, *a), *args)
    got = {"forward": np.asarray(out)}
    if tuple(out.shape) != data["grad_output"].shape:
        return got
    for n, grad in zip(names, vjp(jnp.asarray(data["grad_output"]))):
        got[f"grad_{n}"] = np.asarray(grad)
    return got


def _jax_conv(cfg, x, w, b):
    from jax import lax
    p = [(q, q) for q in cfg.padding]
    y = lax.conv_general_dilated(x, w, cfg.stride, p, rhs_dilation=cfg.dilation,
                                 dimension_numbers=("NCHW", "OIHW", "NCHW"),
                                 feature_group_count=cfg.groups)
    return y + b.reshape(1, -1, 1, 1)


def _jax_conv_transpose(cfg, x, w, b):
    """conv_transpose2d as lax's dilated-input convolution with the flipped, swapped kernel."""
    import jax.numpy as jnp
    from jax import lax
    cin, cg, kh, kw = w.shape
    g = cfg.groups
    k = w.reshape(g, cin // g, cg, kh, kw).transpose(0, 2, 1, 3, 4).reshape(g * cg, cin // g,
                                                                                 kh, kw)
    k = jnp.flip(k, (-2, -1))
    pads = [(d * (kk - 1) - p, d * (kk - 1) - p + op) for kk, p, d, op in
            zip((kh, kw), cfg.padding, cfg.dilation, cfg.output_padding)]
    y = lax.conv_general_dilated(x, k, (1, 1), pads, lhs_dilation=cfg.stride,
                                 rhs_dilation=cfg.dilation,
                                 dimension_numbers=("NCHW", "OIHW", "NCHW"),
                                 feature_group_count=g)
    return y + b.reshape(1, -1, 1, 1)


def _jax_pool_pads(cfg):
    """lax.reduce_window padding: PyTorch's padding, plus the ceil-mode overhang."""
    out = cfg.pool().output
    pads = []
    for n, k, s, p, d, o in zip(cfg.input, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation,
                                out):
        reach = (o - 1) * s + d * (k - 1) + 1
        pads.append((p, max(p, reach - n - p)))
    return [(0, 0), (0, 0)] + pads


def _jax_max_pool(cfg, x):
    import jax.numpy as jnp
    from jax import lax
    return lax.reduce_window(x, -jnp.inf, lax.max, (1, 1) + cfg.kernel, (1, 1) + cfg.stride,
                             _jax_pool_pads(cfg), window_dilation=(1, 1) + cfg.dilation)


def _jax_avg_pool(cfg, x):
    """Window sums over the divisor PyTorch uses (count_include_pad, ceil mode, override)."""
    import jax.numpy as jnp
    from jax import lax
    pads = _jax_pool_pads(cfg)
    sums = lax.reduce_window(x, 0.0, lax.add, (1, 1) + cfg.kernel, (1, 1) + cfg.stride, pads)
    pool = cfg.pool()
    from ..layers.pooling import _divisor
    div = np.zeros(pool.output)
    for win in pool.windows(dilated=False):
        div[win.out] = _divisor(pool, win)
    return sums / jnp.asarray(div)


def _jax_linear(cfg, x, w, b):
    return x @ w.T + b


_JAX_OPS = {"conv2d": _jax_conv, "conv_transpose2d": _jax_conv_transpose,
            "max_pool2d": _jax_max_pool, "avg_pool2d": _jax_avg_pool, "linear": _jax_linear}


# --------------------------------------------------------------------------- resolve

#: the TARGET for torch.compile(..., dynamic=True): configurations run one at a time
#: through one compiled function per op, its sizes symbolic
DYNAMIC_COMPILE = "torch.compile:dynamic"


def resolve(spec: str, device: str = "cpu") -> Target:
    """TARGET -> Target: 'torch', 'torch.compile', 'torch.compile:dynamic', 'jax' or
    'MODULE:FUNCTION'.

    Example: ``resolve("torch").kind == "torch"``; ``resolve("nosuch")`` raises TargetError.
    """
    if spec in ("torch", "torch.compile"):
        _need_torch(device)
        return Target(spec, spec, device)
    if spec == DYNAMIC_COMPILE:         # one dynamic-shape graph per op, reused across sizes
        _need_torch(device)
        return Target("torch.compile", spec, device, dynamic=True)
    if spec == "jax":
        try:
            importlib.import_module("jax")
        except ImportError:
            raise TargetError("target 'jax': jax is not installed here "
                              "(pip install jax)") from None
        if device != "cpu":
            raise TargetError("target 'jax' is audited on the CPU only")
        return Target("jax", spec, device)
    module, sep, name = spec.partition(":")
    if not sep or not module or not name:
        raise TargetError(f"unknown target {spec!r} (known: torch, torch.compile, "
                          f"{DYNAMIC_COMPILE}, jax, MODULE:FUNCTION)")
    try:
        fn = importlib.import_module(module)
    except Exception as err:          # the user's module may raise anything on import
        raise TargetError(f"target {spec!r}: cannot import module {module!r}: "
                          f"{type(err).__name__}: {_first_line(err)}") from None
    for part in name.split("."):
        if not hasattr(fn, part):
            raise TargetError(f"target {spec!r}: module {module!r} has no {name!r}")
        fn = getattr(fn, part)
    if not callable(fn):
        raise TargetError(f"target {spec!r}: {name!r} is not callable")
    _need_torch(device)
    return Target("callable", spec, device, fn)


def _need_torch(device: str) -> None:
    try:
        import torch
    except ImportError:
        raise TargetError("torch is not installed here") from None
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise TargetError(f"--device {device}: CUDA is not available here")
    if not (device == "cpu" or device.startswith("cuda")):
        raise TargetError(f"--device must be cpu or cuda[:N], got {device!r}")


def what_raised(err: BaseException) -> str:
    """'Type: first line of the message' (at most 300 characters)."""
    text = f"{type(err).__name__}: {_first_line(err)}".rstrip(": ")
    return text if len(text) < 300 else text[:297] + "..."


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else ""
