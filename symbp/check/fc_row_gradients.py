r"""Dense layers whose gradients of vectors are written as rows (numerator layout).

Many notes lay a vector's gradient out as a 1 x n row, ``\frac{dL}{db^k} \in \reals^{1 \times n}``,
and write the backward step as a row times the weight matrix: ``\delta^k = \frac{dL}{db^k}
\times W^k`` for ``z^k = W^k a^{k-1} + b^k``.  symbp gives every gradient its tensor's shape
(a column for a column vector), so there such a product is not even defined.  A claim refuted
only that way (a product or a side whose shapes do not fit) is checked again with the gradient
of each vector, and δ, read as the row of its entries (the weight matrix's gradient keeps the
weight's shape); where it holds then, the claim is left unchecked, naming the layout it holds in:
which one the page means, symbp does not decide (the claim's side may be a typo as well).

Example::

    >>> from symbp.check.index_claims import Grad, Ref
    >>> class Ctx:
    ...     roles = {"b": "bias", "W": "kernel", "L": "loss"}
    ...     def role(self, name, label):
    ...         return self.roles[name]
    >>> as_rows(Grad(Ref("b", None, None)), Ctx())
    Op(kind='row', args=(Grad(ref=Ref(name='b', label=None, idx=None)),))
    >>> as_rows(Grad(Ref("W", None, None)), Ctx())
    Grad(ref=Ref(name='W', label=None, idx=None))
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from .fc_membership import scalar_reading
from .index_claims import Grad, IndexError_, Op, OutOfRange
from .index_tree import Ref

ROWS_SETTING = "fc_gradient_rows"          # a context's settings key: read vectors' gradients as rows
_MISFIT_WORDS = ("a product of a", "shape (")


def _whole_vector(ref, ctx, roles: tuple) -> bool:
    """Whether ``ref`` is a whole tensor (no indices, no transpose label) whose role is in ``roles``."""
    if ref.idx is not None or ref.label in ("T", r"\top", r"\intercal"):
        return False
    try:
        return ctx.role(ref.name, ref.label) in roles
    except (IndexError_, KeyError, AttributeError):
        return False


def as_rows(tree, ctx):
    """``tree`` with each whole gradient of a vector (any role but the weight matrix's) and each
    whole δ read as a 1 x n row (``Op('row', …)``): the claim as a page in numerator layout means it."""
    if isinstance(tree, Grad):
        return Op("row", (tree,)) if _whole_vector(tree.ref, ctx, ("input", "output", "bias", "activation",
                                                                          "preact_in", "preact_grad")) else tree
    if isinstance(tree, Ref):
        return Op("row", (tree,)) if _whole_vector(tree, ctx, ("delta", "output_grad", "preact_grad")) else tree
    if isinstance(tree, tuple):
        return tuple(as_rows(t, ctx) for t in tree)
    if is_dataclass(tree) and not isinstance(tree, type):
        changed = {f.name: as_rows(getattr(tree, f.name), ctx) for f in fields(tree)
                   if isinstance(getattr(tree, f.name), tuple) or is_dataclass(getattr(tree, f.name))}
        return replace(tree, **changed) if changed else tree
    return tree


def rows_read(trees: list, ctx) -> list:
    """The claim's sides ``trees`` as a dense context asked for rows reads them (:func:`as_rows`),
    else as they are."""
    return [as_rows(t, ctx) for t in trees] if ctx.settings.get(ROWS_SETTING) else trees


def row_reading(ctx, refuted, check, outcome):
    """An unchecked outcome for a dense claim ``refuted`` only by shapes that do not fit, where
    it holds with the gradients of vectors read as rows (``check(context)`` checks the claim in
    another context); else None."""
    if getattr(ctx, "layer", None) != "fc" or ctx.settings.get(ROWS_SETTING) or \
            not any(w in refuted.detail for w in _MISFIT_WORDS):
        return None
    try:
        again = check(type(ctx)(ctx.roles, {**ctx.settings, ROWS_SETTING: True}))
    except (IndexError_, OutOfRange, ValueError, TypeError, KeyError):
        return None
    if getattr(again, "verdict", None) != "holds":
        return None
    return outcome("unchecked", f"holds with the gradients of vectors written as rows (numerator layout, "
                                f"∂L/∂b a 1 x n row); with them as columns, their tensors' shape, it does not: "
                                f"{refuted.detail}; which layout the page means, symbp does not decide")


def other_readings(ctx, refuted, check, outcome, latex: str):
    """A dense claim ``refuted`` by shapes, read again: with scalars for vectors
    (:func:`symbp.check.fc_membership.scalar_reading`), then with rows for gradients
    (:func:`row_reading`); None where neither changes the verdict."""
    return scalar_reading(ctx, refuted, check, outcome, latex) or row_reading(ctx, refuted, check, outcome)
