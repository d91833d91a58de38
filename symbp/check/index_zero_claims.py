r"""A claim that an entry with letter indices is zero, ``\frac{\partial e}{\partial x_{uv}} = 0``,
where the derived entry is zero at some indices and not at others.

Authors state such a zero under a condition they write in the prose ("when u, v lie in no
window", "otherwise"), which the index reader does not read; refuting it would call a correct
statement wrong, and holding it would be false.  It stays unchecked, naming one entry where it
is zero and one where it is not, and how to state the condition in the display
(``= 0 \quad \text{if } …``, which the reader takes).  A zero claim false at every entry is
refuted as before.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import parse
    >>> ctx = DocContext.from_forward(r"y_{i,j} = \sum_m \sum_n x_{2i+m,2j+n} w_{m,n}",
    ...                               {"input": "5x5", "kernel": "2x2"})
    >>> setup = ctx.instances()[0]
    >>> lhs = parse(r"\frac{\partial L}{\partial x_{u,v}}", setup.tensor_names(), setup.losses())
    >>> setup.set_current([lhs.ref])
    >>> zero_only_somewhere(setup, lhs, ["u", "v"])[:41]
    '= 0 holds at u=0, v=4 but not at u=0, v=0'
"""
from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

from .index_evaluator import Evaluator
from .index_tree import ZERO_TENSOR, IndexError_, OutOfRange


def is_zero_tree(tree) -> bool:
    """Whether a parsed side is the number 0 or a bold zero ``\\mathbf{0}`` alone."""
    return tree == ZERO_TENSOR or isinstance(tree, (int, sp.Integer)) and int(tree) == 0


def zeros_like(value):
    """What a bold zero ``\\mathbf{0}`` is beside ``value``, the left side's value at one entry:
    zero at each of its entries (a zero vector or matrix has the shape it is compared with).

    >>> zeros_like(np.array([[sp.Symbol("x")], [sp.Integer(2)]], dtype=object)).tolist()
    [[0], [0]]
    >>> zeros_like(sp.Symbol("x"))
    0
    """
    if isinstance(value, np.ndarray):
        return np.full(value.shape, sp.S.Zero, dtype=object)
    return sp.S.Zero


def inactive_zero(settings: dict, derived, claimed) -> str | None:
    """Why a claimed zero is not refuted on a page that applies a ReLU (``settings["relu_said"]``):
    the derived entry is zero wherever the activation's derivative (``so_…``, σ' at the output) is
    zero, as a ReLU's is for every negative input.  Authors state such a zero under a condition in
    words ("when z < 0 for every sample, the neuron is dead"), which this reader does not read;
    None on another page, when the claim is no zero, or when the derived entry is not zero there.

    >>> so, x = sp.symbols("so_00 X_00")
    >>> inactive_zero({"relu_said": True}, x * so, sp.Integer(0))[:60]
    'derived X_00*so_00, claimed 0: zero where the activation has'
    >>> inactive_zero({"relu_said": True}, x * so + x, sp.Integer(0)) is None
    True
    >>> inactive_zero({}, x * so, sp.Integer(0)) is None      # a sigmoid, a tanh: never flat
    True
    """
    if not settings.get("relu_said"):
        return None
    slopes = {s: 0 for s in getattr(derived, "free_symbols", set()) if s.name.startswith("so_")}
    if not slopes or sp.expand(claimed) != 0 or sp.expand(derived.xreplace(slopes)) != 0:
        return None
    return (f"derived {derived}, claimed {claimed}: zero where the activation has slope zero (a ReLU at a "
            "negative input), a condition the page states in words, which this reader does not take")


def zero_only_somewhere(setup, lhs, free) -> str | None:
    """The unchecked reason when the left side is zero at some free-index values and not at
    others in ``setup`` (a DocContext at one size), else None (zero nowhere or everywhere)."""
    if not free:
        return None
    ev = Evaluator(setup)
    zero_at = nonzero_at = None
    try:
        domains = setup.domains(lhs, free, ev.positions, None)
        for combo in itertools.product(*domains):
            env = dict(zip(free, combo))
            try:
                value = ev.value(lhs, env)
            except OutOfRange:
                continue
            values = np.ravel(value) if isinstance(value, np.ndarray) else [value]
            where = ", ".join(f"{v}={c}" for v, c in env.items())
            if all(sp.expand(x) == 0 for x in values):
                zero_at = zero_at or where
            else:
                nonzero_at = nonzero_at or where
            if zero_at and nonzero_at:
                break
    except (IndexError_, TypeError, ValueError):
        return None
    if not (zero_at and nonzero_at):
        return None
    return (f"= 0 holds at {zero_at} but not at {nonzero_at} {setup.describe()}: if the prose states the "
            r"condition, write it in the display (= 0 \quad \text{if } …) to have it checked")
