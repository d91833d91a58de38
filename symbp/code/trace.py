"""Running the user's forward and backward once, on traced inputs at one shadow point.

:func:`run_trace` calls ``forward`` with traced arrays (and the layer's parameter dicts),
then ``backward(dout, cache)``, inside :func:`symbp.code.traced.object_arrays`, and
returns the exact expressions of what they returned with the comparisons they made.  A
refusal by the forward (an ``assert`` or a ``ValueError``) is :class:`Unsupported`; any
other exception is :class:`UserError` with the line of the user's code that raised.

Example::

    >>> import numpy as np
    >>> from symbp.code.layers import relu_case
    >>> from symbp.code.patterns import patterns
    >>> def relu_forward(x):
    ...     return np.maximum(0, x), x
    >>> def relu_backward(dout, cache):
    ...     return dout * (cache > 0)
    >>> case = relu_case((3, 4))
    >>> label, shadows = patterns(case)[0]
    >>> t = run_trace(case, relu_forward, relu_backward, shadows)
    >>> t.grads[0].shape
    (3, 4)
"""
from __future__ import annotations

import traceback
from fractions import Fraction

import numpy as np
import sympy as sp

from .layers import Case
from .traced import (PATH, Traced, TracingError, nodes, object_arrays, sympy_array, to_sympy,
                     traced_array)


class Unsupported(Exception):
    """The user's forward refused the configuration on purpose (assert / ValueError)."""


class UserError(Exception):
    """The user's code raised; the message names the exception and the line."""


class ReturnedNone(Exception):
    """The backward returned None where a gradient belongs (a wrong answer, not a crash)."""


class Trace:
    """One run of the pair: ``out`` (forward output expressions), ``grads`` (backward
    outputs, object arrays of expressions), ``path`` (comparisons of forward and
    backward), ``point`` (symbol -> exact value of the shadow point).

    The same as trace nodes (``out_nodes``, ``grad_nodes``, ``path_nodes``); the SymPy
    forms are built on first use (:meth:`materialize`), so a trace proved by
    :mod:`symbp.code.fastproof` never builds them.
    """

    def __init__(self, out_nodes: np.ndarray, grad_nodes: list, path_nodes: list, point: dict):
        self.out_nodes, self.grad_nodes, self.path_nodes = out_nodes, grad_nodes, path_nodes
        self.point = point
        self._sympy = None

    def materialize(self) -> None:
        """Build the SymPy expressions now; UserError if SymPy refuses one."""
        if self._sympy is None:
            try:
                self._sympy = (sympy_array(self.out_nodes),
                               [sympy_array(g) for g in self.grad_nodes],
                               [(to_sympy(l), op, to_sympy(r), o)
                                for l, op, r, o in self.path_nodes])
            except (RecursionError, MemoryError):
                raise
            except Exception as err:  # SymPy may refuse what the user's code computed
                raise UserError(f"returned values: {type(err).__name__}: {err}") from None

    @property
    def out(self) -> np.ndarray:
        self.materialize()
        return self._sympy[0]

    @property
    def grads(self) -> list:
        self.materialize()
        return self._sympy[1]

    @property
    def path(self) -> list:
        self.materialize()
        return self._sympy[2]


def where(err: BaseException, files: tuple[str, ...] = ()) -> str:
    """'ValueError: msg (line 12: dx = ...)' with the innermost frame in the user's file."""
    frames = traceback.extract_tb(err.__traceback__)
    mine = [f for f in frames if not files or f.filename in files] or frames
    text = f"{type(err).__name__}: {err}".strip()
    if mine:
        f = mine[-1]
        text += f" (line {f.lineno}" + (f": {f.line.strip()}" if f.line else "") + ")"
    return text


def point_of(case: Case, shadows: dict) -> dict:
    """symbol -> exact value for every traced input (and dout, and the layer's constants)."""
    point = dict(case.constants)
    arrays = dict(case.arrays)
    if case.dout is not None and "dout" in shadows:
        arrays["dout"] = case.dout
    for name, syms in arrays.items():
        for index, s in np.ndenumerate(syms):
            point[s] = sp.Integer(int(shadows[name][index]))
    return point


def _as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def call(case: Case, forward, backward, inputs: dict, dout):
    """(out, grads) of the user's pair on ``inputs`` (name -> array), CS231n's conventions."""
    arrays = [inputs[name] for name in case.arrays]
    if case.layer == "softmax-loss" and backward is None:
        loss, dx = forward(*arrays, case.labels.copy())
        return np.array([loss], dtype=object), (dx,)
    result = forward(*arrays, *case.params())
    if not (isinstance(result, tuple) and len(result) == 2):
        raise UserError(f"the forward returned {type(result).__name__}, not (out, cache)")
    out, cache = result
    return out, _as_tuple(backward(dout, cache))


def _traced_params(case: Case) -> list:
    """The layer's parameter dicts with symbolic constants (ε) as traced scalars."""
    params = case.params()
    for d in params:
        for k, v in list(d.items()):
            if isinstance(v, sp.Basic):
                d[k] = Traced(v, Fraction(str(case.constants[v])))
    return params


def run_trace(case: Case, forward, backward, shadows: dict, files=()) -> Trace:
    """Trace the pair at ``shadows``; raises Unsupported or UserError."""
    inputs = {name: traced_array(case.arrays[name], shadows[name]) for name in case.arrays}
    dout = traced_array(case.dout, shadows["dout"]) if "dout" in shadows else None
    phase = "forward"
    try:
        with object_arrays():
            arrays = [inputs[name] for name in case.arrays]
            if case.layer == "softmax-loss" and backward is None:
                loss, dx = forward(*arrays, case.labels.copy())
                out, grads = np.array([loss], dtype=object), (dx,)
            else:
                result = forward(*arrays, *_traced_params(case))
                if not (isinstance(result, tuple) and len(result) == 2):
                    raise UserError(f"the forward returned {type(result).__name__}, "
                                    "not (out, cache)")
                out, cache = result
                phase = "backward"
                grads = _as_tuple(backward(dout, cache))
            path = list(PATH)
    except (UserError, Unsupported, MemoryError):
        raise
    except (AssertionError, ValueError) as err:
        if phase == "forward" and not isinstance(err, TracingError):
            raise Unsupported(where(err, files)) from None
        raise UserError(f"{phase}: {where(err, files)}") from None
    except RecursionError:
        raise UserError(f"{phase}: recursion too deep") from None
    except Exception as err:  # the user's code may raise anything; report it, never crash
        raise UserError(f"{phase}: {where(err, files)}") from None
    for k, g in enumerate(grads):
        if g is None:
            raise ReturnedNone(f"the backward returned None as its value number {k + 1} "
                               "(not implemented?)")
    try:
        out_nodes = nodes(out)
        grad_nodes = [nodes(g) for g in grads]
    except TracingError as err:
        raise UserError(f"returned values: {err}") from None
    return Trace(out_nodes, grad_nodes, path, point_of(case, shadows))


def run_float(case: Case, forward, backward, shadows: dict):
    """The pair run as the user runs it: float64 arrays at the point (for the report)."""
    inputs = {name: np.asarray(shadows[name], dtype=np.float64) for name in case.arrays}
    dout = np.asarray(shadows["dout"], dtype=np.float64) if "dout" in shadows else None
    if case.constants:
        params = case.params()
        for d in params:
            for k, v in list(d.items()):
                if isinstance(v, sp.Basic):
                    d[k] = float(case.constants.get(v, v))
        arrays = [inputs[name] for name in case.arrays]
        out, cache = forward(*arrays, *params)
        return out, _as_tuple(backward(dout, cache))
    return call(case, forward, backward, inputs, dout)
