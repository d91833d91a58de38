r"""Where a claim's free indices run (the index reader): an index's range is the extent of the
axis it indexes, on the claim's left side first, then where it stands alone on the right, then
in the forward's own sums; an index nothing settles leaves the claim unchecked."""
from __future__ import annotations

import numpy as np

from .doc_channels import forward_letter_ranges, layout_example, refs_with_bound
from .fc_names import vector_axis
from .index_claims import Grad, IndexError_, Jac, Op, Ref
from .pool_windows import window_offset_ranges


TRANSPOSE_LABELS = ("T", r"\top", r"\intercal")


def read_transposed(read, name, pos):
    """``read(name, None, …)`` under a transpose label (``X^T``, ``dY^T``): the whole tensor transposed,
    or the entry at the indices reversed (``X^T_{p,q}`` is ``X_{q,p}``; ``x^T_i`` is ``x_i``).  One rule
    for DocContext.entry and .grad: grad ignored the label, so ``dY^T`` was read as ``dY`` and a correct
    ``dX = (W dY^T)^T`` was refuted as a product of mismatched matrices."""
    if pos is not None and len(pos) > 2:
        raise IndexError_(f"{name}^T written with {len(pos)} indices")
    if pos is not None:
        return read(name, None, tuple(reversed(pos)))
    whole = read(name, None, None)
    return whole.T if isinstance(whole, np.ndarray) else whole      # a lone number is its own transpose


def free_index_ranges(ctx, lhs, free, rhs=None):
    r"""The range of each free index of a claim, as ``[range, ...]`` in the order of ``free``: the
    axis it indexes on the left ``lhs`` (a Grad, Jac or Ref), else alone on the right ``rhs``
    (outside a sum over it), else in the forward's sums (``\sum_m w_{m,n}``: m a kernel row).
    ``ctx`` is the section's sized DocContext.

    Example: ``∂L/∂x_{i,j} = ...`` at a 3x3 input, 0-based, gives ``[range(0, 3), range(0, 3)]``."""
    found: dict[str, range] = {}

    def visit(ref, shape_role, value_role=None, skip=frozenset()):
        if ref.idx is None:
            return
        arr = ctx.view(shape_role) if ctx.layer != "fc" else \
            {"input": ctx.X, "kernel": ctx.K, "output": ctx.Z, "delta": ctx.G,
             "bias": ctx.bias, "activation": getattr(ctx, "A", None)}.get(shape_role)
        if arr is None:
            return
        if len(ref.idx) > arr.ndim and not ctx.layout and ctx.layer != "fc":
            raise IndexError_(f"{ref.name} is written with {len(ref.idx)} indices, and the forward does not "
                              "settle which are channels or the batch: add <!-- symbp: ... channels=2,3 "
                              f"layout: {layout_example(ctx.roles)} --> (the letters in the document's order)")
        origin = ctx.origin_of(value_role or shape_role, arr.ndim)
        swapped = ref.label in TRANSPOSE_LABELS and len(ref.idx) == 2    # (X^T)_{k,i} is X_{i,k}
        for axis, e in enumerate(reversed(ref.idx) if swapped else ref.idx):
            if isinstance(e, Ref) and e.idx is None and e.name in free and axis < arr.ndim and e.name not in skip:
                axis = vector_axis(ctx.layer, arr.shape, len(ref.idx), axis)     # h_k of a one-row h
                found.setdefault(e.name, range(origin[axis], origin[axis] + arr.shape[axis]))

    def role_of(ref):
        r = ctx.role(ref.name, ref.label)
        return {"preact_in": "input", "preact_grad": "input"}.get(r, r)

    if isinstance(lhs, Grad):
        visit(lhs.ref, role_of(lhs.ref))
    elif isinstance(lhs, Jac):
        visit(lhs.top, role_of(lhs.top))
        visit(lhs.bottom, role_of(lhs.bottom))
    elif isinstance(lhs, Ref):
        visit(lhs, role_of(lhs))
    elif isinstance(lhs, Op) and lhs.kind in ("jacof", "dop"):       # ∂(w_{jk} a_k + b_j)/∂w_{jk} = ...
        body, bottom = (lhs.args[0], lhs.args[1]) if lhs.kind == "jacof" else (lhs.args[1], lhs.args[0])
        visit(bottom, role_of(bottom))
        for ref, bound in refs_with_bound(body):
            try:
                visit(ref, role_of(ref), skip=bound)
            except IndexError_:
                pass
    for ref, bound in (refs_with_bound(rhs) if rhs is not None and any(v not in found for v in free) else ()):
        try:
            visit(ref, role_of(ref), skip=bound)
        except IndexError_:
            pass
    found.update(forward_letter_ranges(ctx, [v for v in free if v not in found]))   # Σ_m w_{m,n}
    found.update(window_offset_ranges(ctx, lhs, free, found))      # ∂L/∂x_{2p+u,2q+v}: pooling (pool_windows)
    missing = [v for v in free if v not in found]
    if missing:
        raise IndexError_(f"cannot tell the range of index {', '.join(missing)}")
    return [found[v] for v in free]
