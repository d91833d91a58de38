"""The base of symbp's tensor operators (:class:`TensorOp`), shared by :mod:`symbp.core.ops`
and the layers' own operators: the argument split, the default text/LaTeX/numpy printing, and
:func:`evaluate`, which expands an operator tree entry by entry.

Example::

    >>> from symbp.core.ops import Pad
    >>> from symbp.core.tensor import DELTA
    >>> from sympy.printing.numpy import NumPyPrinter
    >>> NumPyPrinter().doprint(Pad(DELTA, 1, 1, 1, 1))
    'pad(delta, 1, 1, 1, 1)'
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy as sp

from ..allsizes import relation as rel


class ShapeError(ValueError):
    """A closed form that is undefined for the shapes it is applied to."""


# --------------------------------------------------------------------------- spellings

class Spelling(NamedTuple):
    r"""How documents write an operator: data beside the operator, from which ``symbp check``'s
    reader (:mod:`symbp.check.notation`) builds its lookup; core never imports the reader.

    head: the reader that takes the operator's arguments (operators read alike share one:
    ``"upsample"`` for the average and max upsamples); words: the name as written inside
    ``\operatorname{..}``, ``\text{..}``, ``\mathrm{..}`` (a space means optional spaces);
    bare: the names also read without such a wrapper; number: digits that belong to the name
    (``rot180``: inside the wrapper, after it, or as a sub- or superscript); macros: LaTeX
    macros or symbols read as the operator (``\sum``, ``\odot``, ``*``); superscripts: how a
    superscript writes it (``W^{\top}``).

    Example::

        >>> Spelling("pad", words=("pad",), bare=("pad",)).words
        ('pad',)
    """
    head: str
    words: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    number: str = ""
    macros: tuple[str, ...] = ()
    superscripts: tuple[str, ...] = ()


# --------------------------------------------------------------------------- base class

class TensorOp(sp.Function):
    """A tensor operator: ``args[:n_tensors]`` are tensors, the rest integer parameters.

    SymPy's default ``eval`` leaves an applied operator as it is, so the operator tree
    is the closed form as written; :func:`evaluate` expands it when asked.
    """

    n_tensors = 1
    # How documents write it (see Spelling); None: symbp check has no spelling for it.
    spellings: Spelling | None = None

    @property
    def tensors(self):
        return self.args[:self.n_tensors]

    @property
    def params(self) -> tuple[int, ...]:
        # ints, except sizes left symbolic by the all-sizes engine (symbp.allsizes)
        return tuple(int(p) if p.is_Integer else p for p in self.args[self.n_tensors:])

    def entrywise(self, *tensors: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def index_relation(self, ctx, *views):
        """This operator over symbolic sizes (see :mod:`symbp.allsizes.relation`).

        ctx: a relation.Context; views: one relation.View per tensor argument.  Returns
        the View of the result.  Operators without one are looked up by name in
        ``relation.EXTRA_RELATIONS`` (for operators added elsewhere), else NoRelation.
        """
        extra = rel.EXTRA_RELATIONS.get(type(self).__name__.lower())
        if extra is None:
            raise rel.NoRelation(f"{type(self).__name__} has no index relation")
        return extra(self, ctx, *views)

    def text(self, args: list[str]) -> str:
        """One-line plain text, given the printed tensor arguments."""
        return f"{type(self).__name__.lower()}({', '.join(args)})"

    def _sympystr(self, printer):
        return self.text([printer._print(t) for t in self.tensors])

    def _latex(self, printer):
        args = ", ".join(printer._print(t) for t in self.tensors)
        return rf"\operatorname{{{type(self).__name__.lower()}}}\left({args}\right)"

    # The kernel call: ``numpy_name`` is a primitive of symbp.kernels' numpy and torch
    # namespaces (kernel_printers._NUMPY_NAMES); None: the operator has no kernel.
    numpy_name: str | None = None

    def numpy_params(self) -> list[str]:
        """The parameters as the primitive takes them, printed (default: each, in order)."""
        return [str(p) for p in self.params]

    def _numpycode(self, printer):
        """SymPy's NumPyPrinter hook: ``numpy_name(tensors..., params...)``, one call.

        Example: ``Pad(delta, 1, 1, 0, 0)`` -> ``'pad(delta, 1, 1, 0, 0)'``.  Compositions
        printed as one fused call are FusedKernelPrinter's (symbp.kernels), not the operator's.
        """
        if self.numpy_name is None:
            raise NotImplementedError(f"{type(self).__name__} has no kernel primitive")
        args = [printer._print(t) for t in self.tensors] + self.numpy_params()
        return f"{self.numpy_name}({', '.join(args)})"


def evaluate(expr: sp.Basic, env: dict[sp.Symbol, np.ndarray]) -> np.ndarray:
    """Expand an operator expression into an object array, entry by entry.

    ``env`` binds each tensor placeholder to its symbolic (or numeric) entries.
    Raises :class:`ShapeError` when an operator is undefined for its shapes.
    """
    if expr in env:
        return env[expr]
    if isinstance(expr, TensorOp):
        return expr.entrywise(*(evaluate(t, env) for t in expr.tensors))
    raise ShapeError(f"no tensor bound to {expr}")


def entrywise_map(f, *arrays: np.ndarray) -> np.ndarray:
    """Object array of f applied to the entries at each index of equally shaped arrays."""
    out = np.empty(arrays[0].shape, dtype=object)
    for index in np.ndindex(*out.shape):
        out[index] = f(*(a[index] for a in arrays))
    return out


def _tex(printer, arg) -> str:
    return printer._print(arg)


def _pairsub(h: int, w: int) -> str:
    return str(h) if h == w else f"({h},{w})"


def code_tuple(values) -> str:
    """A tuple of ints as kernel code: ``code_tuple((2, 1))`` -> ``'(2, 1)'``."""
    return "(" + ", ".join(str(int(v)) for v in values) + ")"
