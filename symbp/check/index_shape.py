r"""A left side that differentiates a whole tensor against a right side that is one number:
``\frac{\partial Y}{\partial x_{11}} = \frac{\partial L}{\partial y_{11}} w_{11}`` (Y the layer's
2x2 output).  ∂Y/∂x_{11} has one entry per entry of Y, the right side has one: the shapes
differ, so the claim is refuted as written; the verdict also says what the right side is
when the left side is read as the loss's derivative (``∂L/∂x_{11}``), the usual slip.

Example (a 3x3 input, 2x2 kernel section)::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext({"Y": "output", "y": "output", "x": "input", "w": "kernel", "L": "loss"},
    ...                  {"input": "3x3", "kernel": "2x2", "index_base": 1})
    >>> from symbp.check.index_eval import check_index_claim
    >>> out = check_index_claim(r"\frac{\partial Y}{\partial x_{11}} = \frac{\partial L}{\partial y_{11}} w_{11}", ctx)
    >>> out.verdict, "shapes differ" in out.detail, "with ∂L/∂x_{11} on the left it holds" in out.detail
    ('refuted', True, True)
"""
from __future__ import annotations

import re

from .index_tree import Grad, IndexError_, Jac, Op, OutOfRange, Ref, Sum


def _whole_refs(node, names) -> bool:
    """True when a tensor of ``names`` appears without indices (or a matrix is written)."""
    if isinstance(node, Ref):
        return (node.idx is None and node.name in names) or any(_whole_refs(i, names) for i in node.idx or ())
    if isinstance(node, Grad):
        return node.ref.idx is None
    if isinstance(node, Jac):
        return node.top.idx is None or node.bottom.idx is None
    if isinstance(node, Sum):
        return _whole_refs(node.body, names)
    if isinstance(node, Op):
        if node.kind in ("matrix", "pmatrix", "bmatrix"):
            return True
        return any(_whole_refs(a, names) for a in node.args if isinstance(a, (Ref, Grad, Jac, Sum, Op, tuple)))
    if isinstance(node, tuple):
        return any(_whole_refs(a, names) for a in node)
    return False


def whole_tensor_left_side(latex_lhs: str, rhs_latex: str, trees, ctx, recheck):
    """An Outcome-like ``(verdict, detail)`` for ∂(whole tensor)/∂(entry) = one number, else None.

    ``trees``: the parsed sides; ``recheck(lhs_latex)``: the verdict of the same claim with
    another left side (the loss's derivative), or None when it cannot be read.
    """
    lhs = trees[0]
    if not (isinstance(lhs, Jac) and lhs.top.idx is None and lhs.bottom.idx is not None):
        return None
    names = ctx.tensor_names()
    if any(_whole_refs(t, names) for t in trees[1:]):
        return None
    try:
        role = ctx.role(lhs.top.name, lhs.top.label)
        whole = ctx.instances()[0].entry(lhs.top.name, lhs.top.label, None)
    except (IndexError_, OutOfRange, KeyError, AttributeError):
        return None
    shape = getattr(whole, "shape", ())
    if role not in ("output", "activation") or len(shape) < 1 or whole.size < 2:
        return None
    said = re.findall(r"\\partial\s*\{?\s*(\\?[A-Za-z]+)", rhs_latex)
    loss = next((n for n in said if n in ctx.losses()), None)
    if loss is None:
        return None
    top = re.escape(lhs.top.name)
    fixed = re.sub(r"\\partial\s*\{?\s*" + top + r"\s*\}?(?=\s*\})", r"\\partial " + loss, latex_lhs, count=1)
    again = recheck(fixed) if fixed != latex_lhs else None
    dims = "x".join(map(str, shape))
    tail = f"; with ∂{loss}/∂{_entry(lhs.bottom)} on the left it {'holds' if again == 'holds' else 'is refuted too'}" if again in ("holds", "refuted") else ""
    return ("refuted", f"the left side ∂{lhs.top.name}/∂{_entry(lhs.bottom)} is the derivative of the whole "
                       f"tensor {lhs.top.name} ({dims} entries), the right side is one number: the shapes "
                       f"differ{tail}")


def _entry(ref) -> str:
    idx = "".join(str(getattr(i, "name", i)) for i in ref.idx)
    return f"{ref.name}_{{{idx}}}"


def split_arrows(latex: str):
    r"""The claims an arrow joins (``A = B \Rightarrow C = D`` → ``["A = B", "C = D"]``), each as
    the readers read it; None for a row ``equation_rows.split_arrows`` keeps whole (no top-level
    arrow, a part without an equation, an index condition ``… = 1 \iff i = j``).

    >>> split_arrows(r"\frac{\partial L}{\partial b} = \sum_{i} \delta_i \implies db = \sum_i \delta_i")
    ['\\frac{\\partial L}{\\partial b} = \\sum_{i} \\delta_i', 'db = \\sum_i \\delta_i']
    >>> split_arrows(r"w_{j \to o} = 1") is None
    True
    """
    from .equation_rows import claim_relations, split_arrows as cut_at_arrows
    parts = cut_at_arrows(latex)
    return [claim_relations(p) for p in parts] if len(parts) > 1 else None


def combine_parts(parts: list, verdicts: list):
    """``(verdict, detail)`` of claims joined by arrows: refuted when one is (named), holds
    when every part holds, else unchecked with each part's reason."""
    for k, (part, v) in enumerate(zip(parts, verdicts), start=1):
        if v is not None and v.verdict == "refuted":
            return "refuted", f"claim {k} of {len(parts)} (joined by an arrow) is refuted: {v.detail}"
    if verdicts and all(v is not None and v.verdict == "holds" for v in verdicts):
        return "holds", "; ".join(f"claim {k} of {len(parts)}: {v.detail}" for k, v in enumerate(verdicts, 1))
    return "unchecked", "; ".join(f"claim {k} of {len(parts)}: " + (
        f"{v.verdict}: {v.detail}" if v is not None else "a forward or definition (not compared)")
        for k, v in enumerate(verdicts, 1))
