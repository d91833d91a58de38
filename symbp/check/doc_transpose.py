r"""Transposed convolution (``ConvTranspose2d``, "deconvolution", fractionally strided
convolution) written in index notation, read as the section's forward.

How authors write its forward (read here): the scatter with its index condition,

* ``y_{ij} = \sum_{p,q}\sum_{m,n} x_{pq}\, w_{mn}\, [pS+m = i][qS+n = j]`` (Iverson brackets,
  a stride letter or a number such as ``2p+m``);
* ``y_{ij} = \sum_{p,q,m,n:\, 2p+m=i,\ 2q+n=j} x_{pq} w_{mn}`` (a sum over the set the condition
  gives, :func:`symbp.check.index_operators.sum_condition`);

or a directive ``layer=conv-transpose2d`` with the names.  The section's output is then
``z[o, y s + u, x s + v] += a[c, y, x] W[o, c, u, v]`` (PyTorch's ``conv_transpose2d`` without
padding; the kernel in the document's index order, ``layout: W=IOHW`` for PyTorch's), of size
``(H - 1) s + K`` (with a directive's ``padding=p`` and ``output_padding=q``, PyTorch's crop:
``z[o, y s + u - p, …]``, ``(H - 1) s + K - 2p + q`` long), and every claim about ∂L/∂x, ∂L/∂w is derived from it by the chain rule and
checked entry by entry like a convolution's (:mod:`symbp.check.index_eval`).

Example::

    >>> from symbp.check.index_claims import parse
    >>> tree = parse(r"\sum_{p,q}\sum_{m,n} x_{pq} w_{mn} [2p+m = i][2q+n = j]")
    >>> found = transposed_forward(tree, {"i", "j"}, {"w"})
    >>> found["roles"], found["settings"]["stride_value"]
    ({'x': 'input', 'w': 'kernel'}, (2, 2))
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .index_tree import IndexError_, Op, Ref, Sum, names_in


def transposed_forward(tree, out_index: set, kernel_letters) -> dict | None:
    """``{"roles": {letter: role}, "settings": {...}}`` of a transposed-convolution forward
    side (sums of an input entry, a kernel entry and conditions that place each output index
    at ``stride·p + m``), or None."""
    bound, node = set(), tree
    while isinstance(node, Sum):
        bound |= set(node.vars)
        node = node.body
    factors = list(node.args) if isinstance(node, Op) and node.kind == "mul" else [node]
    conds, refs = [], []
    for f in factors:
        if isinstance(f, Op) and f.kind == "mul":
            factors.extend(f.args)
        elif isinstance(f, Op) and f.kind in ("iverson", "cases"):
            conds.extend(_equalities(f))
        elif isinstance(f, Ref) and f.idx:
            refs.append(f)
        else:
            return None
    if len(refs) != 2 or len(conds) != len(out_index) or not out_index or \
            any(not all(names_in(e) <= bound for e in r.idx) for r in refs):
        return None
    kernel = next((r for r in refs if r.name in kernel_letters), None)
    if kernel is None:
        return None
    inp = refs[1] if refs[0] is kernel else refs[0]
    strides = []
    for axis, (a, b) in enumerate(conds):
        out, moved = (a, b) if isinstance(a, Ref) and a.name in out_index else (b, a)
        if not (isinstance(out, Ref) and out.idx is None and out.name in out_index):
            return None
        stride = _stride(moved, inp.idx[axis] if axis < len(inp.idx) else None,
                         kernel.idx[axis] if axis < len(kernel.idx) else None)
        if stride is None:
            return None
        strides.append(stride)
    settings = {"layer_kind": "conv-transpose", "conv": "cross"}
    if all(isinstance(s, int) for s in strides):
        settings["stride_value"] = tuple(strides) * (2 // len(strides))
    elif len(set(strides)) == 1:
        settings["stride_symbol"] = strides[0]
    else:
        return None
    if len(strides) == 1:
        settings["spatial"] = 1
    return {"roles": {inp.name: "input", kernel.name: "kernel"}, "settings": settings}


def _equalities(f) -> list:
    """(left, right) of each equality a factor states: ``[a = b]`` or a condition ``a = b, c = d``."""
    if f.kind == "iverson":
        return [f.args]
    rows = f.args
    if len(rows) != 2 or rows[0][0] != 1 or rows[1] != (0, None):
        return [(None, None)]
    cond = rows[0][1]
    parts = cond.args if cond.kind == "all" else (cond,)
    out = []
    for c in parts:
        if c.kind != "cmp" or c.args[1] != ("=",):
            return [(None, None)]
        out.append(tuple(c.args[0]))
    return out


def _stride(e, in_index, k_index):
    """s of ``s·p + m`` where p is the input's index and m the kernel's: an int or a letter."""
    if not (isinstance(in_index, Ref) and isinstance(k_index, Ref)):
        return None
    terms = list(e.args) if isinstance(e, Op) and e.kind == "add" else [e]
    if k_index not in terms:
        return None
    terms.remove(k_index)
    if len(terms) != 1:
        return None
    t = terms[0]
    if t == in_index:
        return 1
    if isinstance(t, Op) and t.kind == "mul" and len(t.args) == 2 and in_index in t.args:
        other = t.args[0] if t.args[1] == in_index else t.args[1]
        if isinstance(other, (int, sp.Integer)) and int(other) >= 1:
            return int(other)
        if isinstance(other, Ref) and other.idx is None and other.name not in (in_index.name, k_index.name):
            return other.name
    return None


def transposed_size(ctx) -> tuple:
    """(rows, cols) of the output: (H - 1)·s + K - 2·padding + output_padding on each axis
    (PyTorch's ``ConvTranspose2d``: the scatter with ``padding`` rows and columns cropped from
    each side and ``output_padding`` zero rows and columns added after the last)."""
    if any(getattr(ctx, "pads", (0, 0))):
        raise IndexError_("a transposed convolution with padding is not read in index notation")
    (h, w), (kh, kw) = ctx.sizes
    sr, sc = ctx.strides
    (pr, pc), (qr, qc) = getattr(ctx, "transposed_crop", (0, 0)), output_padding(ctx)
    if qr >= sr and qr or qc >= sc and qc:
        raise IndexError_(f"output_padding {qr},{qc} must be smaller than the stride {sr},{sc} (PyTorch)")
    rows, cols = (h - 1) * sr + kh - 2 * pr + qr, (w - 1) * sc + kw - 2 * pc + qc
    if rows < 1 or cols < 1:
        raise IndexError_(f"the padding {pr},{pc} leaves no output ({rows}x{cols})")
    return rows, cols


def output_padding(ctx) -> tuple:
    """(rows, cols) of a directive's ``output_padding=1`` / ``output_padding=(1,0)``; (0, 0)."""
    raw = ctx.settings.get("output_padding")
    if raw is None or raw == "":
        return 0, 0
    m = re.fullmatch(r"\s*\(?\s*(\d+)\s*(?:[x×,]\s*(\d+))?\s*\)?\s*", str(raw))
    if not m:
        raise IndexError_(f"output_padding {raw} is not read (give a number)")
    out = int(m.group(1)), int(m.group(2) or m.group(1))
    return (0, out[1]) if getattr(ctx, "spatial", 2) == 1 else out


def build_transposed(ctx) -> None:
    """``ctx.Z`` of a transposed-convolution section (a sized DocContext whose X, K, bias are
    built): ``z[e, o, y s + u, x s + v] += x[e, c, y, x] k[o, c, u, v]``, plus the bias."""
    nb, cin, h, w = ctx.X.shape
    cout, _, kh, kw = ctx.K.shape
    sr, sc = ctx.strides
    oh, ow = transposed_size(ctx)
    pr, pc = getattr(ctx, "transposed_crop", (0, 0))
    terms = {}
    for e, c, y, x, o, u, v in np.ndindex(nb, cin, h, w, cout, kh, kw):     # cropped: outside dropped
        terms.setdefault((e, o, y * sr + u - pr, x * sc + v - pc), []).append(ctx.X[e, c, y, x] * ctx.K[o, c, u, v])
    ctx.Z = np.empty((nb, cout, oh, ow), dtype=object)
    for e, o, i, j in np.ndindex(nb, cout, oh, ow):
        ctx.Z[e, o, i, j] = sp.Add(*terms.get((e, o, i, j), [])) + ctx.bias[o, i, j]
