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


def dense_terms(body, key, out, sums: bool = False, labelled_bias: bool = True):
    r"""The terms of one output entry of a dense forward, ``w_{o,s} x_s + … + b_o``, or None:
    ``[("bias", ref, None) | ("product", weight_ref, input_ref, sum_var)]``.  ``key`` reads
    an index (a letter for ``z_j = Σ_k w_{jk} a_k``, a number for ``y_1 = w_{11} x_1 + …``;
    None where the index is neither), ``out`` is the output entry's index; a bias is a one-index
    reference at ``out`` (``labelled_bias``: also one with a layer label), a product has
    exactly one two-index and one one-index factor of different names, every index read by
    ``key``; with ``sums`` a term may be a one-variable sum of such a product.

    >>> from symbp.check.index_claims import parse
    >>> [t[0] for t in dense_terms(parse(r"\sum_k w_{jk} a_k + b_j"), var, "j", sums=True)]
    ['product', 'bias']
    >>> dense_terms(parse(r"w_{jk} a_k a_j"), var, "j") is None
    True
    """
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    keyed = lambda a, n: isinstance(a, Ref) and a.idx and len(a.idx) == n and \
        all(key(i) is not None for i in a.idx)          # noqa: E731
    found = []
    for part in parts:
        s = None
        if sums and isinstance(part, Sum) and len(part.vars) == 1:
            part, s = part.body, part.vars[0]
        if keyed(part, 1) and key(part.idx[0]) == out and (labelled_bias or part.label is None):
            found.append(("bias", part, None))
            continue
        if not (isinstance(part, Op) and part.kind == "mul" and len(part.args) == 2):
            return None
        two, one = [a for a in part.args if keyed(a, 2)], [a for a in part.args if keyed(a, 1)]
        if len(two) != 1 or len(one) != 1 or two[0].name == one[0].name:
            return None
        found.append(("product", two[0], one[0], s))
    return found


def entry_terms(body, out: str):
    """(roles, layout) for Σ_s w_{os} x_s + b_o (terms may sit outside the sum); None else."""
    terms, roles, layout = dense_terms(body, var, out, sums=True), {}, None
    for term in terms or ():
        if term[0] == "bias":
            if roles.get(term[1].name, "bias") != "bias":
                return None
            roles[term[1].name] = "bias"
            continue
        _, weight, x, s = term
        v = var(x.idx[0])
        if (s is not None and v != s) or v == out:
            return None
        idx = [var(i) for i in weight.idx]
        here = "oi" if idx == [out, v] else "io" if idx == [v, out] else None
        if here is None or (layout is not None and here != layout):
            return None
        layout = here
        for name, role in ((weight.name, "kernel"), (x.name, "input")):
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
        if layout in ("rows", "rows-oi") and isinstance(part, Op) and part.kind == "transpose" and \
                isinstance(part.args[0], Ref) and part.args[0].idx is None:      # XW + (b^l)^T: a column bias, as a row
            roles.setdefault(part.args[0].name, "bias")
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
