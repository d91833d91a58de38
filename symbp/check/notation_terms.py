"""Pass 1's state: :class:`Term` (a parsed side), :class:`Parse` (leaves, matrices and
placeholders of one equation) and the operators that only exist until the roles are known
(``*`` before it is a correlation, ``±``, the sum over examples)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy as sp

from ..core.ops import ShapeError, TensorOp
from ..core.tensor import shape_text
from .notation_names import Name, Unsupported, parse_name


STAR_SHAPES = ("", "full", "valid")         # *'s third parameter: as written, *_{full}, *_{valid}


class _Star(TensorOp):
    """``x *_{s,d} y`` until the roles are known (then Correlate or WeightCorrelate); its last
    parameter indexes :data:`STAR_SHAPES` (``*_{full}``: x zero-padded by the kernel less one)."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} * {args[1]}"


class _Plus(TensorOp):
    """``x ± y`` entrywise; ``y`` may be one entry, added to every entry."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} {'+' if self.params[0] > 0 else '-'} {args[1]}"

    def entrywise(self, x, y):
        if isinstance(y, np.ndarray) and y.shape != x.shape:
            raise ShapeError(f"adding a {shape_text(y.shape)} and a {shape_text(x.shape)} tensor")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = x[index] + self.params[0] * (y[index] if isinstance(y, np.ndarray) else y)
        return out


class _ExampleSum(TensorOp):
    """``Σ_n x_n`` in a fully connected layer: the sum of the columns (examples) of x."""

    def text(self, args):
        return f"Σ_n {args[0]}_n"

    def entrywise(self, x):
        if x.ndim != 2:
            raise ShapeError(f"a sum over the examples of a {shape_text(x.shape)} tensor")
        out = np.empty((x.shape[0], 1), dtype=object)
        for i in range(x.shape[0]):
            out[i, 0] = sp.Add(*x[i])
        return out


class Term(NamedTuple):
    """A parsed side: ``kind`` "tensor" (operator form over leaves) or "scalar" (an entry)."""
    kind: str
    expr: sp.Basic


class Parse:
    """Pass 1 of one equation: leaf symbols, explicit matrices, placeholders, names seen."""

    def __init__(self, section):      # a symbp.check.docsetup.Section (docsetup imports notation)
        self.section = section
        self.leaves: dict[sp.Symbol, Name] = {}
        self.matrices: dict[sp.Symbol, sp.Matrix] = {}
        self.scalars: dict[sp.Symbol, sp.Expr] = {}
        self.functions: dict[str, tuple] = {}     # placeholder symbol name -> payload
        self.names: list[Name] = []
        self.asides: list[tuple[Term, Term, str]] = []   # \underbrace{x}_{label}

    def leaf(self, name: Name) -> sp.Symbol:
        sym = sp.Symbol(f"@{len(self.leaves)}:{name.show()}")
        self.leaves[sym] = name
        self.names.append(name)
        return sym

    def matrix(self, m: sp.Matrix) -> sp.Symbol:
        sym = sp.Symbol(f"M{len(self.matrices) + 1}[{m.rows}x{m.cols}]")
        self.matrices[sym] = m
        for s in sorted(m.free_symbols, key=lambda s: s.name):       # one order, one message, every run
            self.entry_name(s)
        return sym

    def scalar_leaf(self, expr: sp.Expr) -> sp.Symbol:
        sym = sp.Symbol(f"@s{len(self.scalars)}")
        self.scalars[sym] = expr
        return sym

    def placeholder(self, payload: tuple) -> str:
        key = f"Q^{{symbp{len(self.functions)}}}"
        self.functions[key] = payload
        return f" {key} "

    def entry_name(self, sym: sp.Symbol) -> None:
        payload = self.functions.get(sym.name)
        if payload and payload[0] == "grad-tensor":
            raise Unsupported(f"∂J/∂{payload[1].show()[1:]} is a tensor: a product with it is "
                              "a Jacobian product, not checked")
        if payload is None:
            name = parse_name(sym.name)
            if name.indices is None:
                raise Unsupported(f"the tensor {name.show()} inside an entry expression")
            self.names.append(name)
