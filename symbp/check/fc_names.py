r"""The names reader's fully connected layer (used by :class:`symbp.check.doc_names.DocContext`):
its entries at the section's sizes, the sizes themselves, and how a layer label picks the
input or the output's activation.

One sample: ``Z = W X + b`` with X a column (vectors indexed once), the output's activation
``A = σ(Z)``, ``∂L/∂z = ∂L/∂a ⊙ σ'(z)`` (``ga`` and ``so`` symbols, or a quadratic cost's
``factor · (a - t)``: :mod:`symbp.check.fc_loss`), σ'(z) at the input's pre-activation ``s``.

Example::

    >>> fc_sizes({"in": "4", "out": "2"}, ((3, 4), (4, 2)))
    ((2, 4), (4, 1))
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .index_tree import label_offset
from .fc_loss import output_grad
from .index_claims import IndexError_


def fc_sizes(settings: dict, default):
    """((out, in), (in, batch)): the directive's ``in``/``out``/``batch`` or ``default``; one
    column (a single sample, vectors indexed once) unless the bias is per column."""
    (out, fin), (_, batch) = default
    read = lambda key, dflt: int(settings[key]) if str(settings.get(key, "")).isdigit() \
        else dflt  # noqa: E731
    cols = settings.get("fc_bias") == "cols" or settings.get("fc_kernel") in ROWS
    fin, out = read("in", fin), read("out", out)
    return (out, fin), (fin, read("batch", batch if cols else 1))


ROWS = ("rows", "rows-oi")            # samples as rows: Y = XW + b, Y = XW^T + b
MORE_FC_SIZES = ((2, 3), (3, 2))      # a second size (out < in) where the document gives none


def fc_size_list(settings: dict, default) -> list:
    """The sizes to check a fully connected section at: the directive's (or ``default``), and
    for a section read with no directive and no ``in``/``out``, also :data:`MORE_FC_SIZES`."""
    first = fc_sizes(settings, default)
    given = any(str(settings.get(k, "")).isdigit() for k in ("in", "out"))
    if settings.get("fc_inferred") and not given:
        return [first, fc_sizes(settings, MORE_FC_SIZES)]
    return [first]


def build_fc(ctx, sym, max_entries: int) -> None:
    """Set ``ctx``'s K, X, bias, Z, A, T, GA, SO, G, S and origin for its sizes
    (``sym(prefix, *shape)`` makes an array of symbols)."""
    (h, w), (kh, kw) = ctx.sizes
    if h * w > max_entries or kh * kw > max_entries:
        raise IndexError_(f"an affine layer of {h}x{w} weights is too large to check entry by entry")
    if ctx.settings.get("fc_kernel") in ROWS:          # Y = XW + b, Y = XW^T + b as written
        _build_rows(ctx, sym, w, h, kw, ctx.settings["fc_kernel"] == "rows-oi")
        return
    ctx.K, ctx.X = sym("W", h, w), sym("X", kh, kw)
    cols = ctx.settings.get("fc_bias") == "cols"
    ctx.bias = sym("b", kw) if cols else sym("b", h)
    ctx.Z = ctx.K.dot(ctx.X) + (ctx.bias[None, :] if cols else ctx.bias[:, None])
    # ∂L/∂z = ∂L/∂a ⊙ σ'(z) through the output's activation a = σ(z) (a claim that
    # never names a sees only the products; substituting them keeps every identity)
    ctx.A, ctx.SO = _activation(ctx, sym, (h, kw))
    ctx.T, ctx.GA = output_grad(ctx.settings.get("quadratic"), ctx.A, sym, (h, kw))
    ctx.G = ctx.GA * ctx.SO
    ctx.S = sym("s", kh, kw)             # σ'(z) at the input's pre-activation
    ctx.origin = (ctx.base, ctx.base)
    if ctx.settings.get("fc_kernel") == "io":
        ctx.K = ctx.K.T                 # the document indexes the weight input-first


def _build_rows(ctx, sym, fin: int, out: int, batch: int, out_first: bool = False) -> None:
    """``Y = XW + b`` with X (batch, in), W (in, out), b (out,) added to every row; with
    ``out_first`` ``Y = XW^T + b`` (torch.nn.Linear), W (out, in)."""
    ctx.K, ctx.X, ctx.bias = sym("W", *((out, fin) if out_first else (fin, out))), sym("X", batch, fin), sym("b", out)
    ctx.Z = ctx.X.dot(ctx.K.T if out_first else ctx.K) + ctx.bias[None, :]
    ctx.A, ctx.SO = _activation(ctx, sym, (batch, out))
    ctx.T, ctx.GA = output_grad(ctx.settings.get("quadratic"), ctx.A, sym, (batch, out))
    ctx.G = ctx.GA * ctx.SO
    ctx.S = sym("s", batch, fin)
    ctx.origin = (ctx.base, ctx.base)


def _activation(ctx, sym, shape):
    """(A, σ'(z)): σ(z) entries and σ' symbols; with a quadratic cost on the output itself
    (``settings["quadratic_output"]``: ``L = ½Σ(ŷ - y)²``, ŷ the affine output) z and 1."""
    if ctx.settings.get("quadratic_output"):
        return ctx.Z, np.full(shape, sp.Integer(1), dtype=object)
    return np.array([[sp.Function("sigma")(z) for z in row] for row in ctx.Z], dtype=object), sym("so", *shape)


def fc_input_role(ctx, name: str, label) -> str:
    """The role of the input's letter when exactly one of its label and the claim's layer is
    known: ``a^L`` alone is the activation of a quadratic cost's layer L; otherwise (``a``
    without a label in a claim about layer l, or ``a^l`` alone) IndexError_ (which one?)."""
    if ctx.current is not None:
        lay = ctx.current[0] + (f"{ctx.current[1]:+d}" if ctx.current[1] else "")
        raise IndexError_(f"{name} has no layer label in a claim about layer {lay}: is it "
                          f"{name}^{{{lay}}} (the activation) or the layer's input?")
    cost = ctx.settings.get("quadratic_cost")
    if cost is not None and str(label).strip("()") == (cost.label or "").strip("()"):
        return "activation"
    raise IndexError_(f"{name}^{{{label}}} alone: the layer's input or its activation? (no "
                      "weight, z or δ in the claim says which layer it is about)")


def input_labels(roles: dict, refs) -> set:
    """The two layer labels the input's letter carries in a claim (``a^{l+1}``, ``a^l``), else
    an empty set."""
    found = {label_offset(r.label) for r in refs if roles.get(r.name) == "input" and r.label}
    found.discard(None)
    return found if len(found) == 2 else set()
