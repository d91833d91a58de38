"""Walks over the index reader's claim trees (:mod:`symbp.check.index_claims`' Ref, Grad,
Jac, Sum and Op nodes): every entry reference, whether a sum has a number for a bound, and a
claim whose every tensor carries one lone map subscript read for one map."""
from __future__ import annotations

import sympy as sp

from .index_claims import Grad, Jac, Op, Ref, Sum
from .tree_maps import map_refs


def all_refs(trees) -> list:
    """Every entry reference in ``trees``, in reading order, the index expressions' own included.

    >>> all_refs([Ref("x", None, None)])
    [Ref(name='x', label=None, idx=None)]
    """
    out = []

    def walk(n):
        if isinstance(n, Ref):
            out.append(n)
            for e in n.idx or ():
                walk(e)
        elif isinstance(n, Grad):
            walk(n.ref)
        elif isinstance(n, Jac):
            walk(n.top)
            walk(n.bottom)
        elif isinstance(n, Sum):
            walk(n.body)
        elif isinstance(n, Op):
            for a in n.args:
                if isinstance(a, (tuple, list)):
                    for x in a:
                        walk(x)
                elif not isinstance(a, str):
                    walk(a)
    for t in trees:
        walk(t)
    return out


def numeric_bounds(trees) -> bool:
    """Whether a sum in ``trees`` has a number for a bound (``\\sum_{m=0}^{2}``)."""
    found = []

    def walk(n):
        if isinstance(n, Sum):
            if isinstance(n.hi, (int, sp.Integer)) or (isinstance(n.lo, (int, sp.Integer)) and n.lo not in (0, 1)):
                found.append(n)
            walk(n.body)
        elif isinstance(n, Op):
            for a in n.args:
                for x in (a if isinstance(a, (tuple, list)) else (a,)):
                    if not isinstance(x, str):
                        walk(x)
    for t in trees:
        walk(t)
    return bool(found)


def numeric_factors(trees) -> bool:
    """Whether ``trees`` write a number other than 0 and 1 outside every index and sum bound (the
    ``\\frac{1}{9}`` of an average over a window: a size the claim fixes)."""
    def walk(n) -> bool:
        if isinstance(n, (int, sp.Integer)):
            return abs(int(n)) >= 2
        if isinstance(n, Sum):
            return walk(n.body)
        if isinstance(n, Op):
            return any(walk(x) for a in n.args for x in (a if isinstance(a, (tuple, list)) else (a,))
                       if not isinstance(x, str))
        return False
    return any(walk(t) for t in trees)


def one_map(trees):
    """``δ_j^l = f'(u_j^l) ⊙ conv2(δ_j^{l+1}, rot180(k_j^{l+1}))``: every tensor carries the same
    lone map subscript j, used nowhere else; read the claim for one map (drop j)."""
    refs = all_refs(trees)
    tensors = [r for r in refs if r.idx is not None]
    subs = {r.idx[0].name for r in tensors if len(r.idx) == 1 and isinstance(r.idx[0], Ref)
            and r.idx[0].idx is None}
    if len(subs) != 1 or any(len(r.idx) != 1 for r in tensors) or len(tensors) < 2:
        return trees, None
    var = next(iter(subs))
    if any(r.name == var and r.idx is None for r in refs if r not in tensors and
           not any(r is t.idx[0] for t in tensors)):
        return trees, None

    lone = Ref(var, None, None)
    return [map_refs(t, lambda r: Ref(r.name, r.label, None) if r.idx is not None and len(r.idx) == 1 and
                     r.idx[0] == lone else r) for t in trees], var


def subscripted_sizes(node, sizes):
    r"""``node`` with each size written with a subscript (``\frac{1}{k_p^2}``, ``\frac{1}{k_p}``, which the
    parser reads as an entry ``k`` at index ``p``) read as the size ``k_p`` (squared), where ``k_p`` is one
    of ``sizes`` (the section's size letters, ``\sum_{m=0}^{k_p-1}``) and the subscript is one letter."""
    if not sizes:
        return node

    def read(ref):
        idx = ref.idx or ()
        if len(idx) == 1 and isinstance(idx[0], Ref) and idx[0].idx is None and (not ref.label or ref.label.isdigit()) \
                and f"{ref.name}_{idx[0].name}" in sizes:
            return Ref(f"{ref.name}_{idx[0].name}", ref.label, None)
        return ref
    return map_refs(node, read, derivatives=False)


__all__ = ["all_refs", "numeric_bounds", "numeric_factors", "one_map", "subscripted_sizes"]
