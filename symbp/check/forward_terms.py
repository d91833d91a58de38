r"""What makes a sliding-sum forward no plain convolution's, though its sum looks like one.

:func:`symbp.check.doc_infer.infer_roles` reads ``Y_{i,j} = \sum_u \sum_v X_{i+u,j+v} K_{u,v} + b`` as a
cross-correlation.  Two forwards look the same to it and are not (red team 48, both older than the reading
that found them):

* a kernel indexed by an expression, ``K_{2-u,2-v}`` (a flipped kernel: a true convolution written out),
  ``K_{u+1,v}``: the kernel's own entries are not where the sum's letters put them;
* a term beside the sum that names a tensor the sum multiplies, ``+ X_{i,j}`` (a residual connection):
  the layer is the convolution plus that path, and its gradients have a term more.

:func:`unread_forward` names either; the forward is then not read (its claims stay unchecked), never read
as the plain convolution it is not.

    >>> from symbp.check.index_claims import parse
    >>> unread_forward(parse(r"\sum_{u}\sum_{v} X_{i+u,j+v} K_{2-u,2-v}"))
    'the kernel K is indexed by an expression (a flipped or shifted kernel): not read as a convolution'
    >>> unread_forward(parse(r"\sum_{u}\sum_{v} X_{i+u-1,j+v-1} K_{u,v} + X_{i,j}"))
    'X_{…} is added beside the sum (a residual path): not read as a convolution alone'
    >>> unread_forward(parse(r"\sum_{u}\sum_{v} X_{i+u,j+v} K_{u,v} + b")) is None
    True
    >>> unread_forward(parse(r"\sum_{i} (x_{i,j} w_{00} + x_{i,j+1} w_{01}) + b")) is None     # numbered entries
    True
"""
from __future__ import annotations

from .index_claims import IndexError_, Op, Ref, Sum, free_vars, names_in, parse

UNREAD = "not read as a convolution"        # the words every reason below ends with (claim_candidates looks for them)


def _terms(node) -> tuple:
    return node.args if isinstance(node, Op) and node.kind == "add" else (node,)


def _factors(node) -> tuple:
    return node.args if isinstance(node, Op) and node.kind == "mul" else (node,)


def unread_forward(tree) -> str | None:
    """Why the forward side ``tree`` (the index reader's) is no plain convolution's (module docstring), or None."""
    multiplied, beside = set(), []
    for term in _terms(tree):
        bound, body = set(), term
        while isinstance(body, Sum):
            bound |= set(body.vars)
            body = body.body
        if not bound:
            beside.append(term)
            continue
        for part in _terms(body):
            refs = [f for f in _factors(part) if isinstance(f, Ref) and f.idx is not None]
            if len(refs) < 2:
                continue
            multiplied |= {r.name for r in refs}
            for ref in refs:
                moved = [e for e in ref.idx if not (isinstance(e, Ref) and e.idx is None) and set(names_in(e)) & bound]
                slides = any(set(free_vars(r)) - bound for r in refs if r is not ref)     # X_{i+u}: i the output's
                if set(free_vars(ref)) <= bound and moved and slides:    # K_{2-u}, not K_{u} nor a numbered w_{00}
                    return f"the kernel {ref.name} is indexed by an expression (a flipped or shifted kernel): {UNREAD}"
    for term in beside:
        names = {f.name for f in _factors(term.args[0] if isinstance(term, Op) and term.kind == "neg" else term)
                 if isinstance(f, Ref) and f.idx is not None}
        if names & multiplied:
            return f"{sorted(names & multiplied)[0]}_{{…}} is added beside the sum (a residual path): {UNREAD} alone"
    return None


def unread_forward_side(latex: str) -> str | None:
    """:func:`unread_forward` of a forward's right side as written; None where the index reader cannot parse it."""
    try:
        return unread_forward(parse(latex))
    except (IndexError_, RecursionError, ValueError, TypeError):
        return None
