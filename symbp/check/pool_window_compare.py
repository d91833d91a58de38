r"""The output indices a pooling claim leaves free on the right, bound per input entry to the
windows that hold it (:mod:`symbp.check.pool_windows` reads the claims' spellings):
``\frac{\partial L}{\partial x_{m,n}} = \frac{1}{k^2}\frac{\partial L}{\partial y_{i,j}}`` with
(i, j) the window of (m, n).  One window per entry: checked as written; several (overlapping
windows): refuted only at a feasible argmax pattern where every choice of window disagrees with
the chain rule, else unchecked naming the windows; an entry in no window is not compared.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_eval import check_index_claim
    >>> ctx = DocContext({"x": "input", "y": "output"}, {"layer": "maxpool", "layer_kind": "pool-max",
    ...                  "input": "4x4", "kernel": "2x2", "stride": "2", "pool_scale": 1})
    >>> check_index_claim(r"\frac{\partial L}{\partial x_{m,n}} = \frac{\partial L}{\partial y_{i,j}} [x_{m,n} = y_{i,j}]",
    ...                   ctx).verdict
    'holds'
"""
from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

from .index_tree import Grad, IndexError_, Op, OutOfRange, Ref
from .index_tree_walks import all_refs


class WindowBinder:
    """The output indices a claim leaves free on the right, bound per input entry to each
    window that holds it (``carrier``: the output-side reference that writes them bare)."""

    def __init__(self, setup, lhs, carrier, letters):
        self.setup, self.lhs, self.carrier, self.letters = setup, lhs, carrier, letters
        axes = [next(a for a, e in enumerate(carrier.idx) if isinstance(e, Ref) and e.name == v and e.idx is None)
                for v in letters]
        bounds = [setup.axis_bounds(carrier.name, carrier.label, a, len(carrier.idx)) for a in axes]
        if any(b is None for b in bounds):
            raise IndexError_(f"the range of {', '.join(letters)} (the output's indices) is not known")
        self.ranges = [range(first, first + length) for first, length in bounds]
        self.out_of = dict(zip(setup.G.ravel(), setup.Z.ravel()))

    def windows(self, ev, env) -> list:
        """[{letter: value}] for every window holding the left entry at ``env``."""
        x = ev.value(self.lhs.ref, env) if isinstance(self.lhs, Grad) else None
        if not isinstance(x, sp.Symbol):
            raise IndexError_("the left side is not one input entry")
        found = []
        for combo in itertools.product(*self.ranges):
            inner = {**env, **dict(zip(self.letters, combo))}
            try:
                value = ev.value(self.carrier, inner)
            except OutOfRange:
                continue
            value = self.out_of.get(value, value)
            if x in getattr(value, "free_symbols", ()):
                found.append(dict(zip(self.letters, combo)))
        return found

    def in_a_window(self, ev, env) -> bool:
        """Whether the left entry at ``env`` lies in a window of the layer at all."""
        x = ev.value(self.lhs.ref, env)
        return any(x in getattr(z, "free_symbols", ()) for z in self.setup.Z.ravel())


def window_binder(setup, lhs, rhs, extra):
    """A WindowBinder for ``rhs``'s letters ``extra`` (free on the right only) in a pooling
    section whose claim's left side is ∂L/∂(input entry), or None when that is not the case."""
    if setup.layer not in ("pool-max", "pool-avg") or not isinstance(lhs, Grad) or not lhs.ref.idx:
        return None
    try:
        if setup.role(lhs.ref.name, lhs.ref.label) != "input":
            return None
    except IndexError_:
        return None
    for ref in all_refs([rhs]):
        if not ref.idx:
            continue
        bare = {e.name for e in ref.idx if isinstance(e, Ref) and e.idx is None}
        if not set(extra) <= bare:
            continue
        try:
            role = setup.role(ref.name, ref.label)
        except IndexError_:
            continue
        if role in ("output", "delta"):
            return WindowBinder(setup, lhs, ref, list(extra))
    return None


def compare_windowed(setup, ev, lhs, rhs, free, k, binder, regions_differ, outcome, describe):
    """The verdict on ``lhs = rhs`` entry by entry with ``binder``'s letters bound to the
    windows of each entry (``regions_differ``: :func:`symbp.check.doc_maxpool.regions_differ`;
    ``outcome``: the Outcome class; ``describe``: the sizes' words)."""
    domains = setup.domains(lhs, free, ev.positions, rhs)
    compared, skipped, overlap = 0, [], None
    for combo in itertools.product(*domains):
        env = dict(zip(free, combo))
        where = ", ".join(f"{v}={c}" for v, c in env.items())
        try:
            left = ev.value(lhs, env)
        except OutOfRange:
            continue
        choices = binder.windows(ev, env)
        if not choices and binder.in_a_window(ev, env):      # y_{i,i}: its window (0, 1) has no such name
            return outcome("refuted", f"side {k + 1} at {where}: the entry lies in a window that the claim's "
                                      f"{binder.carrier.name} with ({', '.join(binder.letters)}) free cannot name "
                                      f"(no value of them gives a window holding it) {describe}")
        if not choices:
            skipped.append(where)
            continue
        diffs = []
        for choice in choices:
            try:
                right = ev.value(rhs, {**env, **choice})
            except OutOfRange as err:
                return outcome("refuted", f"side {k + 1} at {where}: {err} {describe}")
            diffs.append((choice, right))
        compared += 1
        if len(diffs) == 1:
            right = diffs[0][1]
            pattern = regions_differ(setup, left, right, not free and not isinstance(left, np.ndarray))   # one entry
            if pattern if pattern is not None else sp.expand(left - right) != 0:
                at = ", ".join(f"{v}={c}" for v, c in diffs[0][0].items())
                return outcome("refuted", f"side {k + 1} at {where} (its window {at}): {pattern or ''}derived "
                                          f"{sp.expand(left)}, claimed {sp.expand(right)} {describe}")
            continue
        bad = _every_choice_differs(setup, left, [r for _, r in diffs])
        if bad is not None:
            shown = "; ".join(f"with ({', '.join(map(str, c.values()))}) claimed {sp.expand(r.xreplace(bad))}"
                              for c, r in diffs)
            return outcome("refuted", f"side {k + 1} at {where}: the entry is in {len(diffs)} overlapping windows "
                                      f"and every reading of the claim's window disagrees with the chain rule "
                                      f"(derived {sp.expand(left.xreplace(bad))}; {shown}"
                                      f"{_pattern_words(setup, bad)}) {describe}")
        overlap = overlap or (where, [c for c, _ in diffs])
    if overlap is not None:
        where, choices = overlap
        raise IndexError_(f"at {where} the entry is in {len(choices)} overlapping windows "
                          f"({'; '.join(', '.join(f'{v}={c}' for v, c in ch.items()) for ch in choices)}): "
                          f"the claim's window is not one window there, and no reading of it is refuted")
    if compared == 0:
        raise IndexError_("no input entry lies in a window")
    note = f"; the entries at {skipped[0]}{' and ' + str(len(skipped) - 1) + ' more' if len(skipped) > 1 else ''} " \
           f"lie in no window and are not compared" if skipped else ""
    return outcome("holds", f"{compared} entries equal, the claim's output indices read as the window that "
                            f"holds each entry{note} {describe}")


def _every_choice_differs(setup, derived, claims):
    """Values (an argmax pattern of the windows named, feasible with distinct inputs, or {})
    where ``derived`` differs from every one of ``claims``; None when there is none."""
    diffs = [sp.expand(derived - c) for c in claims]
    window_of = getattr(setup, "window_of", None)
    if window_of is None or getattr(setup, "window_cells", None) is None:
        return {} if all(d != 0 for d in diffs) else None
    named = sorted({window_of[s] for d in diffs for s in d.free_symbols if s in window_of})
    choices = [setup.window_cells[o] for o in named]
    count = 1
    for c in choices:
        count *= len(c)
    if count > 4096:
        return None
    for pick in itertools.product(*[range(len(c)) for c in choices]):
        tops = [cells[p][0] for cells, p in zip(choices, pick)]
        if not _feasible(choices, tops):
            continue
        subs = {chi: int(n == p) for cells, p in zip(choices, pick) for n, (_, chi) in enumerate(cells)}
        if all(sp.expand(d.xreplace(subs)) != 0 for d in diffs):
            return subs
    return None


def _feasible(windows, tops) -> bool:
    """Whether distinct input values can put each window's maximum at its chosen cell: the
    relation "top of a window > every other cell of it" has no cycle."""
    above = {}
    for cells, top in zip(windows, tops):
        above.setdefault(top, set()).update(x for x, _ in cells if x != top)
    state = {}

    def cyclic(node) -> bool:
        state[node] = 1
        for nxt in above.get(node, ()):
            if state.get(nxt) == 1 or (state.get(nxt) is None and cyclic(nxt)):
                return True
        state[node] = 2
        return False
    return not any(state.get(n) is None and cyclic(n) for n in list(above))


def _pattern_words(setup, subs) -> str:
    if getattr(setup, "window_cells", None) is None:
        return ""
    tops = [x for cells in setup.window_cells.values() for x, chi in cells if subs.get(chi) == 1]
    return f", with the window maxima at {', '.join(map(str, dict.fromkeys(tops)))}" if tops else ""


WINDOW_LETTERS = ("ι", "κ")          # the window of the left entry, for a bare δ (no document writes these)


def window_delta(tree, lhs, ctx):
    """``\\frac{\\partial l}{\\partial I_{i,j}} = \\frac{\\delta}{k \\times k}``, δ "the output gradient"
    of the window: in a single-map pooling section a bare δ (or ∂L/∂Y) beside one input entry
    on the left is δ at that entry's window, written with the letters :data:`WINDOW_LETTERS`
    that :func:`window_binder` binds; anything else unchanged."""
    if ctx.layer not in ("pool-max", "pool-avg") or not isinstance(lhs, Grad) or not lhs.ref.idx or \
            len(lhs.ref.idx) != 2 or str(ctx.settings.get("channels", "1")).replace(",", "") not in ("1", "11") or \
            str(ctx.settings.get("batch", "1")) != "1":
        return tree
    window = tuple(Ref(v, None, None) for v in WINDOW_LETTERS)

    def visit(n):
        if isinstance(n, Ref) and n.idx is None:
            try:
                role = ctx.role(n.name, n.label)
            except IndexError_:
                return n
            return Ref(n.name, n.label, window) if role == "delta" else n
        if isinstance(n, Grad) and n.ref.idx is None:
            try:
                role = ctx.role(n.ref.name, n.ref.label)
            except IndexError_:
                return n
            return Grad(Ref(n.ref.name, n.ref.label, window)) if role == "output" else n
        if isinstance(n, Op):
            return Op(n.kind, tuple(visit(a) if isinstance(a, (Ref, Grad, Op)) else
                                    tuple(visit(x) if isinstance(x, (Ref, Grad, Op)) else x for x in a)
                                    if isinstance(a, tuple) else a for a in n.args))
        return n
    return visit(tree)


def channel_first_context(ctx, lhs):
    """A pooling section with channels and no index order: where the left entry is written
    ``δ_{c, 2p+u, 2q+v}`` (its last two indices a stride times a letter plus a letter, which only
    a row and a column are), its first index is the channel: the same context with the layout
    CHW for the input, output and δ; else None."""
    ref = lhs.ref if isinstance(lhs, Grad) else None      # ∂L/∂x_{…} only: δ^{[A]} is not read as ∂L/∂A
    if ctx.layer not in ("pool-max", "pool-avg") or ctx.layout or not isinstance(ref, Ref) or \
            not ref.idx or len(ref.idx) != 3 or str(ctx.settings.get("batch", "1")) != "1":
        return None
    if not (isinstance(ref.idx[0], Ref) and ref.idx[0].idx is None) or not all(_strided(e) for e in ref.idx[1:]):
        return None
    layouts = {"input": "CHW", "output": "CHW", "delta": "CHW"}
    return type(ctx)(ctx.roles, {**ctx.settings, "layouts_by_role": layouts})


def _strided(e) -> bool:
    """``2p+u`` / ``u+2p`` / ``p \\cdot 2 + u``: a number times a letter plus a letter."""
    if not (isinstance(e, Op) and e.kind == "add" and len(e.args) == 2):
        return False
    for scaled, offset in (e.args, e.args[::-1]):
        if isinstance(offset, Ref) and offset.idx is None and isinstance(scaled, Op) and scaled.kind == "mul" and \
                len(scaled.args) == 2 and any(isinstance(a, Ref) and a.idx is None for a in scaled.args) and \
                any(isinstance(a, int) or getattr(a, "is_Integer", False) for a in scaled.args):
            return True
    return False
