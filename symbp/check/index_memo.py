r"""A memo of the index reader's subtree values (:class:`symbp.check.index_evaluator.Evaluator`),
keyed by what a subtree's value can depend on, so that one claim does not build the same
SymPy entry again at every entry it compares.

``\sum_d \sum_{x'} \sum_{y'} \delta_{x',y'} \frac{\partial \sum_i \sum_j \sum_k w_{i,j,k}
a_{x'+i,y'+j,k}}{\partial a_{x,y,z}}``: the inner sum does not depend on the free x, y, z,
yet it was built again at every (x, y, z); inside one entry, ``\sum_m w_m \sum_n a_n`` builds
its inner sum once a term of the outer one.  A subtree's value is a function of

* the subtree itself (held in the memo, so its ``id`` is never reused while the memo lives);
* the values the assignment gives the names written in it (index letters, sum letters,
  sizes; every string in the tree counts, an over-approximation that only costs hits), less
  the letters a sum with written bounds binds (:func:`tree_names`);
* the evaluator's own state that changes while a claim is compared: the letters of written
  bounds seen so far (``explicit``, which decides whether an entry outside its tensor is
  zero or refutes) and the letters written sums ran over (``summed``); both only grow, so
  their sizes identify them;
* the document context, which does not change during one comparison (the memo belongs to
  one Evaluator, made afresh for each comparison).

Only values are kept (an evaluation that raised is not, so it raises again the same way),
and a tensor value is handed out as a copy, so that no caller can change a kept one.

>>> from symbp.check.index_claims import Op, Ref, Sum
>>> body = Op("mul", (Ref("w", None, (Ref("m", None, None),)), Ref("x", None, (Ref("i", None, None),))))
>>> sorted(tree_names(Sum(("m",), None, None, body))), sorted(tree_names(Sum(("m",), 0, Ref("M", None, None), body)))
(['i', 'm', 'w', 'x'], ['M', 'i', 'w', 'x'])
"""
from __future__ import annotations

import dataclasses

import numpy as np

from .index_claims import Op, Ref, Sum
from .index_tree import free_vars

ON = True                    # False: no memo and no polynomial shortcut in written_derivative (benchmarks)
MAX_KEPT = 200_000           # values kept per evaluator (beyond: computed, not kept)
_MISSING = object()


def tree_names(node) -> frozenset:
    """Every name the subtree's value can read from the assignment: the names it writes
    (refs, sum letters, any string among its parts), less the letters of a sum with written
    bounds inside that sum (it binds them over its bounds whatever they were outside; a sum
    without written bounds keeps its letters: its range is solved with the rest of the
    assignment, :meth:`symbp.check.index_evaluator.Evaluator.implicit_range`)."""
    if isinstance(node, str):
        return frozenset((node,))
    if isinstance(node, Ref):
        return frozenset((node.name,)).union(*(tree_names(e) for e in node.idx or ()))
    if isinstance(node, Sum):
        inner = tree_names(node.body)
        if node.lo is not None or node.hi is not None:
            inner = inner - set(node.vars)
        else:
            inner = inner | set(node.vars)
        return inner | tree_names(node.lo) | tree_names(node.hi)
    if isinstance(node, Op):                # its kind is no name; its arguments may hold some
        return tree_names(node.args)
    if isinstance(node, (tuple, list)):
        return frozenset().union(*(tree_names(e) for e in node))
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return frozenset().union(*(tree_names(getattr(node, f.name)) for f in dataclasses.fields(node)))
    return frozenset()


class ValueMemo:
    """Values of subtrees at the parts of an assignment they read (see the module's text)."""

    def __init__(self):
        self._names: dict = {}       # id(node) -> (node, sorted names)
        self._kept: dict = {}
        self._free: dict = {}        # id(node) -> (node, its free letters)

    def key(self, node, env, state):
        found = self._names.get(id(node))
        if found is None or found[0] is not node:
            names = tuple(sorted(tree_names(node)))
            found = self._names[id(node)] = (node, names, (_MISSING,) * len(names))
        return (id(node), tuple(map(env.get, found[1], found[2])), state)

    def get(self, key):
        """The kept value (a copy of a tensor), or _MISSING."""
        v = self._kept.get(key, _MISSING)
        return v.copy() if isinstance(v, np.ndarray) else v

    def put(self, key, value):
        if len(self._kept) < MAX_KEPT:
            self._kept[key] = value.copy() if isinstance(value, np.ndarray) else value


def free_letters(ev, node) -> tuple:
    """:func:`symbp.check.index_tree.free_vars` of ``node``, worked out once per evaluator."""
    memo = ev.__dict__.get("_memo") or ev.__dict__.setdefault("_memo", ValueMemo())
    found = memo._free.get(id(node))
    if found is None or found[0] is not node:
        found = memo._free[id(node)] = (node, tuple(free_vars(node)))
    return found[1]


def remembered(ev, node, env, compute):
    """``compute(node, env)``, the value kept in the evaluator ``ev``'s memo when it has it."""
    if not ON:
        return compute(node, env)
    memo = ev.__dict__.get("_memo") or ev.__dict__.setdefault("_memo", ValueMemo())
    try:
        key = memo.key(node, env, (len(ev.explicit), len(getattr(ev, "summed", ()))))
        found = memo.get(key)
    except TypeError:                   # an assignment value that cannot be hashed
        return compute(node, env)
    if found is not _MISSING:
        return found
    out = compute(node, env)
    memo.put(key, out)
    return out
