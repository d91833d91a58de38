r"""The right sides of a fully connected forward, read by
:func:`symbp.check.fc_infer.read_fc_forward`: which letter is the weight, the input and the
bias, and the weight's index order (the layout): ``"oi"`` (``z_j = \sum_k w_{jk} x_k + b_j``,
``z = Wx + b``), ``"io"`` (``w_{kj}``, ``W^T x``), ``"rows"`` (samples as rows, ``Y = XW + b``,
``y_{ij} = \sum_k x_{ik} w_{kj} + b_j``) and ``"rows-oi"`` (torch.nn.Linear, ``Y = XW^T + b``,
``y_{ij} = \sum_k x_{ik} w_{jk} + b_j``).  Trees come from :func:`symbp.check.index_claims.parse`.

Example::

    >>> from symbp.check.index_claims import parse
    >>> batch_terms(parse(r"\sum_k x_{ik} w_{jk} + b_j"), "i", "j")
    ({'x': 'input', 'w': 'kernel', 'b': 'bias'}, 'rows-oi')
"""
from __future__ import annotations

from .doc_infer import KERNEL_LETTERS
from .index_claims import Op, Ref, Sum


def transposed(label) -> bool:
    """``W^T``, ``W^{\top}``, ``W^{[l]T}``: the weight transposed."""
    from .index_tree import label_and_transpose
    return bool(label) and (label in ("T", r"\top", r"\intercal") or label_and_transpose(label)[1])


def var(e):
    return e.name if isinstance(e, Ref) and e.idx is None else None


def entry_terms(body, out: str):
    """(roles, layout) for Σ_s w_{os} x_s + b_o (terms may sit outside the sum); None else."""
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    roles, layout = {}, None
    for part in parts:
        if isinstance(part, Sum) and len(part.vars) == 1:
            part, s = part.body, part.vars[0]
        else:
            s = None
        if isinstance(part, Ref) and part.idx and len(part.idx) == 1 and var(part.idx[0]) == out:
            if roles.get(part.name, "bias") != "bias":
                return None
            roles[part.name] = "bias"
            continue
        if not (isinstance(part, Op) and part.kind == "mul" and len(part.args) == 2):
            return None
        two = [a for a in part.args if isinstance(a, Ref) and a.idx and len(a.idx) == 2]
        one = [a for a in part.args if isinstance(a, Ref) and a.idx and len(a.idx) == 1]
        if len(two) != 1 or len(one) != 1 or two[0].name == one[0].name:
            return None
        v = var(one[0].idx[0])
        if v is None or (s is not None and v != s) or v == out:
            return None
        idx = [var(x) for x in two[0].idx]
        here = "oi" if idx == [out, v] else "io" if idx == [v, out] else None
        if here is None or (layout is not None and here != layout):
            return None
        layout = here
        for name, role in ((two[0].name, "kernel"), (one[0].name, "input")):
            if roles.get(name, role) != role:
                return None
            roles[name] = role
    return (roles, layout) if layout else None


def batch_terms(body, sample: str, out: str):
    """(roles, layout) for a batch written entry by entry, ``y_{ij} = Σ_k x_{ik} w_{jk} + b_j``
    (``"rows-oi"``, torch.nn.Linear) or ``Σ_k x_{ik} w_{kj} + b_j`` (``"rows"``); None else."""
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    roles, layout = {}, None
    for part in parts:
        if isinstance(part, Ref) and part.idx and len(part.idx) == 1 and var(part.idx[0]) == out:
            roles.setdefault(part.name, "bias")
            continue
        if not (isinstance(part, Sum) and len(part.vars) == 1 and isinstance(part.body, Op) and
                part.body.kind == "mul" and len(part.body.args) == 2 and layout is None):
            return None
        s = part.vars[0]
        refs = [a for a in part.body.args if isinstance(a, Ref) and a.idx and len(a.idx) == 2]
        if len(refs) != 2 or refs[0].name == refs[1].name or s in (sample, out):
            return None
        idx = {r.name: [var(i) for i in r.idx] for r in refs}
        x = next((r for r in refs if idx[r.name] == [sample, s]), None)
        w = next((r for r in refs if r is not x), None)
        if x is None or idx[w.name] not in ([out, s], [s, out]):
            return None
        layout = "rows-oi" if idx[w.name] == [out, s] else "rows"
        roles[x.name], roles[w.name] = "input", "kernel"
    return (roles, layout) if layout and len(set(roles.values())) == len(roles) else None


def vector_terms(body):
    """(roles, layout) for W x + b (``"oi"``) or X W + b (``"rows"``) with whole tensors."""
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    roles, layout = {}, None
    for part in parts:
        if isinstance(part, Ref) and part.idx is None and layout is not None:
            roles.setdefault(part.name, "bias")
            continue
        if not (isinstance(part, Op) and part.kind == "mul" and len(part.args) == 2 and
                all(isinstance(a, Ref) and a.idx is None for a in part.args)) or layout is not None:
            return None
        left, right = part.args
        if left.name in KERNEL_LETTERS and right.name not in KERNEL_LETTERS:   # W x, or W^T x (in, out)
            layout, kern, x = "io" if transposed(left.label) else "oi", left, right
        elif right.name in KERNEL_LETTERS and left.name not in KERNEL_LETTERS:
            layout, kern, x = "rows-oi" if transposed(right.label) else "rows", right, left
            # Y = XW + b: samples as rows, W (in, out); Y = XW^T + b (torch.nn.Linear): W (out, in)
        else:
            return None
        roles[kern.name], roles[x.name] = "kernel", "input"
    return (roles, layout) if layout else None
