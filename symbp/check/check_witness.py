"""The second witness (:mod:`symbp.witness`) for a ``symbp check`` claim that holds: both
sides' operator trees at a random point, and a derived conv or pooling gradient against the
layer's forward definition."""
from __future__ import annotations

from .. import witness
from ..claims import to_text
from ..layers.conv import A, B, DELTA, W, ZPREV
from .notation import DERIVED, GRAD_A, GRAD_B, GRAD_W, Term
from .values import Values

_ROLES = {A, W, B, DELTA, ZPREV} | DERIVED


def bias_zeros(bias_zero: bool, values: Values) -> dict:
    """b's entries pinned to 0 when the layer has no bias (as :func:`_no_bias` does)."""
    if not bias_zero or values.model is None or not values.model.weighted:
        return {}
    return {s: 0 for s in values.tensor(B).ravel()}


def witness_sides(lhs: Term, rhs: Term, values: Values, fixed: dict) -> None:
    """The second witness for a side that holds (:func:`symbp.witness.confirm`): both sides'
    operator trees at random rationals by direct loops, the numbers ``fixed`` pinned."""
    def side(t: Term):
        return values.value(t) if t.kind == "scalar" else values.form(t.expr)

    leaves = set(values.ctx.matrices) | set(values.ctx.scalars)

    def lookup(sym):                  # a role placeholder or a matrix; else an entry symbol
        if sym in leaves or sym in _ROLES:
            return values._lookup(sym)
        return None
    claim = f"{to_text(side(lhs))} = {to_text(side(rhs))}"
    witness.confirm(claim, side(lhs), side(rhs), lookup, fixed=fixed)
    wrt = {GRAD_A: A, GRAD_W: W, GRAD_B: B}.get(side(lhs))
    model = values.model
    if wrt is not None and not values.zprev and model is not None and not model.fc:
        # the derived side against the layer's forward definition (conv and pooling keep
        # PyTorch's layout, so the forward's placeholders are the roles' own arrays)
        witness.confirm_gradient(claim, model.tensor(side(lhs)), model.layer.forward_form(),
                                 wrt, DELTA, lambda s: model.tensor(s) if s in (A, W, B, DELTA)
                                 else None)
