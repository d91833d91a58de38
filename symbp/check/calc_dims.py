r"""Sizes for the scalar-layer reader's tensors: which axes must have the same length (and,
from a cross-entropy's definition, its target and the axis the softmax normalizes).

An index letter that indexes two axes in one definition or one claim ties them
(``z_j = \sum_k w_{jk} x_k + b_j`` ties z's, w's first and b's axes, and w's second with x's);
the tied axes form classes, and the checks run at size plans that give different classes
different lengths (2 and 3, then 3 and 4, then 4 and 2), so a sum over the wrong axis or a
transposed weight cannot agree by accident.

>>> from symbp.check.calc_parse import parse_expression as P
>>> cls = axis_classes([(("ref", "z", (((1, "j"),),)), P(r"\sum_k w_{jk} x_k + b_j"))])
>>> cls[("z", 0)] == cls[("w", 0)] == cls[("b", 0)] and cls[("w", 1)] == cls[("x", 0)]
True
>>> [(d[("z", 0)], d[("x", 0)]) for _, d in size_plans(cls, None)]
[(3, 2), (4, 3), (2, 4)]
"""
from __future__ import annotations

import re

from .calc_tree import index_letters, log_pairs, nodes

BASE = (2, 3, 4)


def positions(tree, letter: str) -> set:
    """The axes ``(name, position)`` that ``letter`` indexes on its own in ``tree``."""
    out: set = set()
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return out
    if tree[0] == "ref":
        for pos, ix in enumerate(tree[2]):
            if len(ix) == 1 and ix[0] == (1, letter):
                out.add((tree[1], pos))
        return out
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            if isinstance(p, tuple) and p and isinstance(p[0], tuple):      # cases rows
                out |= positions(p[0], letter)
            else:
                out |= positions(p, letter)
    return out


def _letters(tree) -> set:
    return index_letters(tree)


def axis_classes(groups) -> dict:
    """``(name, position) -> class id`` from groups of trees that share their letters (a
    definition with its left side, or the sides of one claim)."""
    parent: dict = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for group in groups:
        letters = set().union(*[_letters(t) for t in group])
        for letter in letters:
            axes = sorted(set().union(*[positions(t, letter) for t in group]))
            for ax in axes:
                find(ax)
            for a, b in zip(axes, axes[1:]):
                parent[find(a)] = find(b)
    roots = sorted({find(a) for a in parent})
    return {a: roots.index(find(a)) for a in parent}


def size_plans(classes: dict, given: int | None) -> list:
    """[(label, {axis: length})]: one plan with the document's size, else three plans
    (one class: C = 2, 3, 4; several: unequal lengths, rotated)."""
    count = len(set(classes.values()))
    if given is not None:
        return [(f"C = {given}", {a: given for a in classes})]
    if count <= 1:
        return [(f"C = {n}", {a: n for a in classes}) for n in BASE]
    return [(_label(dims), dims) for dims in ({a: BASE[(c + shift) % len(BASE)] for a, c in classes.items()}
                                              for shift in range(len(BASE)))]


def _label(dims: dict) -> str:
    """A size plan's label: the names (or their axes) of each length."""
    groups: dict = {}
    for (name, pos), n in sorted(dims.items()):
        groups.setdefault(n, []).append(name if all(p == 0 for (m, p) in dims if m == name
                                                     and p != pos) and (name, 1) not in dims
                                        else f"{name}[axis {pos + 1}]")
    return ", ".join(f"{'/'.join(v)}: {n}" for n, v in sorted(groups.items()))


MAX_WRITTEN = 6       # a sum's written bound larger than this is not a length the checks take (the work grows fast)


def written_lengths(defs: dict) -> dict:
    r"""``{(name, position): length}`` for the axes a definition sums over with written bounds
    (``\sum_{p=1}^3 U[i,p]``: U's axis 2 has 3 entries; ``\sum_{k=0}^{2}``: 3), one length each.

    >>> from symbp.check.calc_parse import parse_expression as P
    >>> written_lengths({"o": (("i", "k"), P(r"\frac{u_{ik}}{\sum_{p=1}^3 u_{ip}}"))})
    {('u', 1): 3}
    """
    found: dict = {}
    for _, tree in defs.values():
        for node in nodes(tree):
            if node[0] == "sum" and node[2] and node[2][0] == "range" and node[2][1] in (0, 1) and node[2][2] is not None:
                for axis in positions(node[3], node[1]):
                    found.setdefault(axis, set()).add(node[2][2] - node[2][1] + 1)
    return {axis: n.pop() for axis, n in found.items() if len(n) == 1 and 2 <= min(n) <= MAX_WRITTEN}


def pinned_plans(plans: list, classes: dict, pinned: dict) -> list:
    """``plans`` with each axis class that holds an axis of a written length (:func:`written_lengths`) at that
    length, where its written axes agree; the same plans where none does, duplicates dropped."""
    lengths: dict = {}
    for axis, n in pinned.items():
        if axis in classes:
            lengths.setdefault(classes[axis], set()).add(n)
    fixed = {c: n.pop() for c, n in lengths.items() if len(n) == 1}
    if not fixed:
        return plans
    out, seen = [], set()
    for _, dims in plans:
        dims = {a: fixed.get(classes.get(a), n) for a, n in dims.items()}
        if (key := tuple(sorted(dims.items()))) not in seen:
            seen.add(key)
            out.append((_label(dims), dims))
    return out


def letter_size(trees, letter: str, dims: dict, default: int) -> int:
    """The length ``letter`` runs over: that of the axes it indexes in ``trees``."""
    axes = sorted({ax for t in trees for ax in positions(t, letter)})
    sizes = {dims.get(ax, default) for ax in axes}
    if len(sizes) > 1:
        where = ", ".join(f"{n}{'' if p == 0 and (n, 1) not in dims else f' axis {p + 1}'} "
                          f"(length {dims.get((n, p), default)})" for n, p in axes)
        raise ValueError(f"the index {letter} indexes {where}")
    return sizes.pop() if sizes else default


def cross_entropy_target(defs: dict, only: str | None = None):
    """(name, axis, rank) of a cross-entropy's target: the leaf y beside ``\\log p`` in a
    definition (``-Σ_i y_i \\log p_i``), with the axis its entries sum to 1 along (the axis p's
    softmax normalizes), or None; ``only``: in that one definition (a page's second head's loss
    ``M = -Σ t_i \\log q_i`` has its own target t)."""
    for _, tree in ([defs[only]] if only in defs else [] if only else defs.values()):
        for y, p in log_pairs(tree):
            if y[1] in defs or p[1] not in defs or not y[2]:
                continue
            if len(y[2]) == 1:
                return y[1], 0, 1
            q = normalized_axis(defs[p[1]][1])
            if q is not None and q < len(p[2]) and p[2][q] in y[2]:
                return y[1], y[2].index(p[2][q]), len(y[2])
    return None


def normalized_axis(tree):
    """The axis a softmax definition sums over in its denominator (``Σ_j e^{z_{nj}}``: 1)."""
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return None
    if tree[0] == "sum":
        axes = {q for _, q in positions(tree[3], tree[1])}
        return axes.pop() if len(axes) == 1 else None
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            found = normalized_axis(p) if isinstance(p, tuple) else None
            if found is not None:
                return found
    return None


_SUM_FROM = re.compile(r"\\sum\s*(?:\\limits\s*|\\nolimits\s*)?_\s*\{\s*[A-Za-z]'?\s*=\s*([01])\s*\}")
_ENTRY_ZERO = re.compile(r"(?<![\\A-Za-z])[A-Za-z]\s*(?:\^\s*(?:\{[^{}]*\}|\S)\s*)?_\s*(?:\{\s*0\s*\}|0)(?![\d.])")


def written_base(settings: dict, displays) -> int:
    r"""Where a section's written entries are counted from: the directive's ``index_base``,
    else 0 where its displays write an entry 0 (``y_{0}``, ``a_0``) or a sum from 0
    (``\sum_{k=0}^{K-1}``) and no sum from 1; else 1.

    >>> written_base({}, [r"\frac{\partial E}{\partial a_{0}} = y_{0} - t_{0}"])
    0
    >>> written_base({}, [r"z = w_0 + \sum_{i=1}^{n} w_i x_i"])
    1
    """
    said = str(settings.get("index_base", "")).strip()
    if said in ("0", "1"):
        return int(said)
    starts = {m.group(1) for d in displays for m in _SUM_FROM.finditer(d)}
    zero = "0" in starts or any(_ENTRY_ZERO.search(d) for d in displays)
    return 0 if zero and "1" not in starts else 1
