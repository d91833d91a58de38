r"""The derivative of a layer's whole output by one entry, written as a matrix.

Conv tutorials write the local derivative of the output by one kernel (or input) entry as a
matrix the shape of the output, ``\frac{\partial O}{\partial F_{11}} = \begin{bmatrix} X_{11} &
X_{12} \\ X_{21} & X_{22} \end{bmatrix}``: its (i, j) entry is ∂O_{ij}/∂F_{11}, and an entry the
one variable does not reach is 0 (``∂O/∂X_{11}``).  :func:`output_jacobian_by_entry` gives that
array from the section's forward (SymPy's derivative of every output entry), so the comparison
is entry by entry and a right side of another shape refutes (nothing is cropped).  Only the
left side of a claim is read so: inside a product (``∂L/∂O ∂O/∂X_{00}``, a contraction the
author means) the whole-tensor Jacobian stays unread.  :func:`flattened_reading` keeps a right
side written as a flattened vector (the output's entries in an order the page does not state)
unchecked instead of refuted.

Example (a 3x3 input, 2x2 kernel, entries from 1)::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_eval import check_index_claim
    >>> ctx = DocContext({"O": "output", "X": "input", "F": "kernel", "L": "loss"},
    ...                  {"input": "3x3", "kernel": "2x2", "index_base": 1})
    >>> check_index_claim(r"\frac{\partial O}{\partial F_{12}} = \begin{bmatrix} X_{12} & X_{13} "
    ...                   r"\\ X_{22} & X_{23} \end{bmatrix}", ctx).verdict
    'holds'
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .entry_derivative import entry_derivative
from .index_tree import IndexError_, Jac, OutOfRange, Ref, odot_readings  # noqa: F401  (Ref: the doctest)


def output_jacobian_by_entry(setup, lhs, positions):
    """The array ∂O_{ij}/∂s (O's shape as the document writes it) when ``lhs`` is ∂O/∂s with O
    the section's whole output (one map: at most two axes) and s one entry that is a variable
    of the layer; None for any other ``lhs`` (then the caller evaluates it as before), and in a
    fully connected or max-pooling section (whose vectors' orientation, or argmax patterns, this
    reading does not settle).

    ``setup``: a sized DocContext; ``positions(ref)``: the entry's indices in the document's
    numbering.  Raises IndexError_ when s is no variable (an entry in the padding).
    """
    if not (isinstance(lhs, Jac) and lhs.top.idx is None and lhs.bottom.idx is not None) or \
            getattr(setup, "layer", None) in ("fc", "pool-max"):   # fc: a vector's orientation; max: χ patterns
        return None
    top, bottom = lhs.top, lhs.bottom
    try:
        if setup.role(top.name, top.label) != "output":
            return None
        whole = setup.entry(top.name, top.label, None)
    except (IndexError_, KeyError, AttributeError):
        return None
    if not isinstance(whole, np.ndarray) or not 1 <= whole.ndim <= 2:
        return None
    wrt = setup.entry(bottom.name, bottom.label, positions(bottom))
    if not isinstance(wrt, sp.Symbol):
        raise IndexError_(f"∂{top.name}/∂{bottom.name}: that entry is not a variable of the layer")
    out = np.empty(whole.shape, dtype=object)
    for ix in np.ndindex(*whole.shape):
        out[ix] = entry_derivative(whole[ix], wrt)
    return out


def written_shape(lhs, left, right):
    """``(left, right, reason)`` for the comparison of ∂O/∂s (``lhs``, its array ``left``) with
    the written ``right``: a 1-D output's vector against one written row or column of as many
    entries compares as that vector (a vector has no orientation); a 2-D output against a flat
    list gives ``reason`` (:func:`flattened_reading`) to leave the claim unchecked; else as given.

    >>> v = np.array([1, 2], dtype=object)
    >>> written_shape(Jac(Ref("y", None, None), Ref("w", None, (1,))), v, np.array([[1, 2]], dtype=object))[1].shape
    (2,)
    """
    if isinstance(lhs, Jac) and lhs.top.idx is None and isinstance(left, np.ndarray) and left.size > 1 \
            and not isinstance(right, np.ndarray):     # ∂O/∂F_{11} = ∂O_{11}/∂F_{11} + …: ∂(ΣO)/∂F_{11} meant?
        return left, right, (f"∂{lhs.top.name}/∂{lhs.bottom.name} has the output's shape "
                             f"{'x'.join(map(str, left.shape))} and the right side is one value: if the "
                             f"derivative of the sum of {lhs.top.name}'s entries is meant, write it so")
    if not (isinstance(lhs, Jac) and lhs.top.idx is None and isinstance(left, np.ndarray)
            and isinstance(right, np.ndarray)):
        return left, right, None
    if left.ndim == 1 and right.ndim == 2 and 1 in right.shape and right.size == left.size:
        return left, right.reshape(-1), None
    return left, right, flattened_reading(left, right)


def flattened_reading(left, right) -> str | None:
    """A reason to leave the claim unchecked when ``right`` is one row or one column with as
    many entries as the 2-D matrix ``left`` (∂O/∂X_{00} written as O's entries in a list: which
    order the page flattens in is not said), naming the orders under which it agrees; else None.

    >>> left = np.array([[1, 2], [3, 4]], dtype=object)
    >>> flattened_reading(left, np.array([[1], [3], [2], [4]], dtype=object))
    "written as a flattened list of 4 entries where the derivative has the output's shape 2x2 (equal to it read column by column); the order of the list is not stated"
    >>> flattened_reading(left, np.array([[1, 2], [3, 4]], dtype=object)) is None
    True
    """
    if not (isinstance(left, np.ndarray) and isinstance(right, np.ndarray) and left.ndim == 2
            and min(left.shape) > 1 and right.size == left.size and
            (right.ndim == 1 or right.ndim == 2 and 1 in right.shape)):
        return None
    flat = list(np.ravel(right))
    orders = [name for name, seq in (("row by row", np.ravel(left)), ("column by column", np.ravel(left.T)))
              if all(sp.expand(a - b) == 0 for a, b in zip(seq, flat))]
    agree = f"equal to it read {' and '.join(orders)}" if orders else "equal to it in neither row nor column order"
    return (f"written as a flattened list of {right.size} entries where the derivative has the output's shape "
            f"{'x'.join(map(str, left.shape))} ({agree}); the order of the list is not stated")


def hadamard_operand(evaluator, node, env):
    r"""The value of ``node`` as an operand of ⊙: a Jacobian between whole tensors,
    ``\frac{\partial J}{\partial a} \odot \frac{\partial a}{\partial z}``, is its diagonal, entry by
    entry (∂a_{ij}/∂z_{ij}), where the two tensors have the same shape and every other entry of the
    Jacobian is zero at the section's size (an activation applied entry by entry): the only reading
    in which an entrywise product with it means anything.  Any other node, its value; a Jacobian
    that is not diagonal, IndexError_ (the claim stays unchecked)."""
    if not (isinstance(node, Jac) and node.top.idx is None and node.bottom.idx is None):
        return evaluator.value(node, env)
    t, b, ctx = node.top, node.bottom, evaluator.ctx
    top, bottom = evaluator.value(t, env), evaluator.value(b, env)
    if not (isinstance(top, np.ndarray) and isinstance(bottom, np.ndarray)) or top.shape != bottom.shape:
        raise IndexError_(f"∂{t.name}/∂{b.name} between whole tensors of different shapes beside ⊙")
    at_top, at_bottom = (ctx.origin_of(ctx.role(x.name, x.label), top.ndim) for x in (t, b))
    cells = list(np.ndindex(*top.shape))
    out = np.empty(top.shape, dtype=object)
    for p in cells:
        for q in cells:
            try:
                d = sp.expand(ctx.jacobian(t.name, t.label, tuple(i + o for i, o in zip(p, at_top)),
                                           b.name, b.label, tuple(i + o for i, o in zip(q, at_bottom))))
            except (ValueError, TypeError):          # ∂z/∂z: SymPy differentiates by symbols only
                raise IndexError_(f"∂{t.name}/∂{b.name} beside ⊙ is not read") from None
            if p == q:
                out[p] = d
            elif d != 0:
                raise IndexError_(f"∂{t.name}/∂{b.name} beside ⊙ is a Jacobian with entries off its diagonal "
                                  f"(∂{t.name}{p}/∂{b.name}{q} = {d}): not an activation applied entry by entry")
    return out


def odot_run_value(evaluator, node, env, same_value):
    """``A ⊙ B C`` read as ``(A ⊙ B) C`` and as ``A ⊙ (B C)`` (:func:`symbp.check.index_tree.odot_readings`):
    the one whose shapes fit, both where they agree, unchecked where both fit and differ (with A a
    vector both fit only where C is one number, and then they agree).  ``H A ⊙ B`` is ``(H A) ⊙ B``,
    the product binding first as pages mean it (Nielsen's ``W^T δ ⊙ σ'(z)``), wherever that fits;
    ``H (A ⊙ B)`` only where it alone fits at sizes the page states (at sizes symbp chose a square H
    may fit the first too: unchecked, write the parentheses)."""
    values = []
    for reading in odot_readings(node.args):
        try:
            values.append(evaluator.value(reading, env))
        except OutOfRange:
            values.append(None)
    fits = [v for v in values if v is not None]
    if not fits:
        raise OutOfRange("⊙ then a product: neither (A ⊙ B) C nor A ⊙ (B C) has fitting shapes")
    if len(node.args) > 3:                                    # H A ⊙ B
        if values[0] is not None:
            return values[0]
        if not _sizes_stated(evaluator.ctx):
            raise IndexError_("H A ⊙ B reads as (H A) ⊙ B, which does not fit at the sizes symbp chose (the "
                              "page states none; a square H would fit it): write the parentheses")
        return values[1]
    if len(fits) == 2 and not same_value(*fits):
        raise IndexError_("A ⊙ B C reads as (A ⊙ B) C or as A ⊙ (B C), and the two differ here: "
                          "write the parentheses")
    return fits[0]


def _sizes_stated(ctx) -> bool:
    """Whether the section's sizes are the page's (a dense layer's in and out, a convolution's input)."""
    settings = getattr(ctx, "settings", {}) or {}
    if getattr(ctx, "layer", None) == "fc":
        return all(str(settings.get(k, "")).strip().isdigit() for k in ("in", "out"))
    return bool(settings.get("input"))
