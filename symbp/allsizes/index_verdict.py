r"""The all-sizes verdict on an index-notation claim, beside the per-size reader's.

:func:`decide_index_claim` decides a conv2d index claim for every size with the terms of
:mod:`symbp.allsizes.index_terms` and isl (:func:`symbp.allsizes.sets.decide`), and replays a
refutation with the per-size reader (:mod:`symbp.check.index_eval`) at the counterexample's
sizes: reported only when the reader refutes it there too.  :func:`annotate` adds that word
to the reader's verdict (the hook in ``index_eval.check_index_claim``).  The reader's
functions come in as a :class:`PerSizeReader` (this package does not import the reader).

Example::

    >>> from symbp.check import index_eval
    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import parse
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n}", {})
    >>> setup = ctx.instances()[0]
    >>> read = lambda t: parse(t, setup.tensor_names(), setup.losses())
    >>> reader = PerSizeReader(index_eval._compare, index_eval._all_refs)
    >>> found = decide_index_claim(setup, read(r"\frac{\partial E}{\partial x_{ij}}"),
    ...                            read(r"\sum_m \sum_n \delta_{mn} w_{i+m,j+n}"), reader)
    >>> found.verdict, found.sizes
    ('refuted', {'H': 1, 'W': 2, 'KH': 1, 'KW': 1, 'N': 1, 'Cin': 1, 'Cout': 1})
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import sympy as sp

from . import sets
from .index_terms import IndexAllSizes, Sides, build_sides, isl_set, quantified
from .relation import NoRelation


@dataclass(frozen=True)
class PerSizeReader:
    """The per-size index reader's functions: ``compare(setup, lhs, rhs, free, k, other)``
    (``index_eval._compare``) and ``refs(trees)`` (``index_eval._all_refs``)."""
    compare: Callable
    refs: Callable


def decide_index_claim(setup, lhs, rhs, reader: PerSizeReader, replay: bool = True) -> IndexAllSizes:
    """Decide ``lhs = rhs`` (trees of :func:`symbp.check.index_claims.parse`) for every size.

    ``setup``: one size instance of the section's :class:`symbp.check.doc_names.DocContext`
    (its roles, base, convention, stride).  Raises NoRelation when the claim is outside what
    the engine describes.  Example: see the module docstring.
    ``reader``: the per-size reader's functions (it replays a refutation).
    """
    start = time.perf_counter()
    sd = build_sides(setup, lhs, rhs, reader.refs)
    sym, xs = sd.sym, sd.xs
    domain = sets.domain_set(sym.ctx)
    for exists, cons, (name, doc, axis, reached) in sd.errors:
        # the sums' variables as dimensions too: the entry reached is then named
        bad = isl_set((), cons, xs + tuple(exists), sym.ctx).intersect_params(domain)
        if not bad.is_empty():
            sizes, coords = sets.smallest_point(bad, sym.ctx)
            values = {p: sp.Integer(sizes[p.name]) for p in sym.ctx.params if p.name in sizes}
            values.update({v: sp.Integer(c) for v, c in zip(xs + tuple(exists), coords)})
            letter = "δ" if name == "\\delta" else name
            entry = f"{letter}_{{{','.join(str(e.xreplace(values)) for e in doc)}}}" \
                if doc is not None else name
            found = IndexAllSizes(sets.REFUTED, sd.scope, (
                f"at {_free_values(sd, sizes, coords[:len(xs)])}: the written bounds of "
                f"{', '.join(reached)} reach {entry}, which does not exist"),
                quantified(sizes, sym))
            return _finish(found, setup, lhs, rhs, sd.free, start, reader if replay else None)
    outcome = sets.decide(sd.derived, sd.closed, xs, sym.ctx, sd.target, sd.target)
    detail = outcome.reason
    if outcome.verdict == sets.REFUTED and outcome.entry:
        side = "the chain rule" if outcome.only_on == "chain rule" else "the claim"
        values = {p: sp.Integer(outcome.sizes[p.name]) for p in sym.ctx.params
                  if p.name in outcome.sizes}
        detail = (f"at {_free_values(sd, outcome.sizes, outcome.entry)}: the term "
                  f"{sd.doc_term(outcome.term, values)} appears only in {side}")
    found = IndexAllSizes(outcome.verdict, sd.scope, detail, quantified(outcome.sizes, sym))
    return _finish(found, setup, lhs, rhs, sd.free, start, reader if replay else None)


def _free_values(sd: Sides, sizes: dict, coords) -> str:
    """'i=0, j=1': the document's free indices at an engine entry and sizes."""
    values = {s: sp.Integer(sizes[s.name]) for s in sd.sym.ctx.params if s.name in sizes}
    values.update({x: sp.Integer(c) for x, c in zip(sd.xs, coords)})
    return ", ".join(f"{v}={e.xreplace(values)}" for v, e in sd.env.items())


def _finish(found: IndexAllSizes, setup, lhs, rhs, free, start, reader) -> IndexAllSizes:
    if found.verdict == sets.REFUTED and reader is not None:
        per_size = replay_at(setup, lhs, rhs, free, found.sizes, reader)
        where = ", ".join(f"{k}={v}" for k, v in found.sizes.items())
        if per_size.verdict == "refuted":
            found.detail = f"at {where}: {found.detail}; the per-size reader refutes it there too"
        else:
            found.verdict = sets.UNKNOWN
            found.detail = (f"at {where} the all-sizes sets differ ({found.detail}) but the "
                            f"per-size reader says {per_size.verdict}: not decided")
    found.seconds = time.perf_counter() - start
    return found


def replay_at(setup, lhs, rhs, free, sizes: dict, reader: PerSizeReader):
    """The per-size reader's outcome for ``lhs = rhs`` at the sizes H, W, KH, KW (its
    verdict: holds, refuted or unchecked, with the reader's error as the detail)."""
    from ..check.index_claims import IndexError_, OutOfRange
    dims = ((sizes["H"], sizes["W"]), (sizes["KH"], sizes["KW"]))
    settings = dict(setup.settings, input=f"{dims[0][0]}x{dims[0][1]}",
                    kernel=f"{dims[1][0]}x{dims[1][1]}",
                    channels=f"{sizes.get('Cin', 1)},{sizes.get('Cout', 1)}",
                    batch=str(sizes.get("N", 1)))
    try:
        at = type(setup)(setup.roles, settings, dims)
        at.set_current(reader.refs([lhs, rhs]))
        return reader.compare(at, lhs, rhs, free, 1, other=False)
    except (IndexError_, OutOfRange) as err:
        return IndexAllSizes("unchecked", "", str(err))


def annotate(ctx, trees, outcome, instances, reader: PerSizeReader):
    """``outcome`` (the per-size reader's holds or refuted on ``lhs = rhs``, trees
    ``[lhs, rhs]``) with the all-sizes engine's word added to its detail and, where the
    engine proved or refuted it for every size, ``scope`` set.

    A refutation the engine finds at sizes the section did not try turns a "holds" at
    guessed sizes (the document gave none) into "refuted" -- only after the per-size reader
    refutes it at the counterexample's sizes; with sizes given, the holds stands and the
    detail says where it fails.  A per-size refutation is never turned into a holds.
    Example: ``annotate(ctx, [lhs, rhs], Outcome("holds", "9 entries equal"), ctx.instances(),
    PerSizeReader(index_eval._compare, index_eval._all_refs))``.
    """
    from dataclasses import replace

    import islpy as isl

    from ..check.index_claims import IndexError_, OutOfRange
    if outcome.verdict not in (sets.HOLDS, sets.REFUTED) or not instances:
        return outcome
    tried = "; ".join(i.describe().strip("()") for i in instances)
    found = None
    for k, rhs in enumerate(trees[1:], start=2):       # A = B = C: each side on its own
        try:
            side = decide_index_claim(instances[0], trees[0], rhs, reader)
        except (NoRelation, IndexError_, OutOfRange, isl.Error) as err:    # never a verdict
            where = f"side {k}: " if len(trees) > 2 else ""
            return replace(outcome, detail=outcome.detail + f"; not decided for all sizes "
                                                            f"({where}{err}): checked at {tried}")
        if len(trees) > 2 and side.verdict != sets.HOLDS:
            side.detail = f"side {k} {side.detail}"
        if found is None or found.verdict == sets.HOLDS or \
                (found.verdict == sets.UNKNOWN and side.verdict == sets.REFUTED):
            found = side
    given = bool(ctx.settings.get("input") and ctx.settings.get("kernel"))
    if found.verdict == outcome.verdict == sets.HOLDS:
        return replace(outcome, detail=outcome.detail + f"; holds for all sizes (scope: "
                                                        f"{found.scope})", scope=found.scope)
    if found.verdict == outcome.verdict == sets.REFUTED:
        return replace(outcome, detail=outcome.detail + f"; refuted for all sizes too, smallest "
                                                        f"counterexample {found.detail}",
                       scope=found.scope)
    if found.verdict == sets.REFUTED and not given:
        return replace(outcome, verdict=sets.REFUTED, scope=found.scope, detail=(
            f"holds at the sizes tried ({tried}) but not for every size: {found.detail}"))
    if found.verdict == sets.REFUTED:
        return replace(outcome, detail=outcome.detail + f"; at the given sizes only: at other "
                                                        f"sizes it fails, {found.detail}")
    if found.verdict == sets.HOLDS:     # the engine and the reader disagree: keep the reader's
        return replace(outcome, detail=outcome.detail + "; the all-sizes engine found no "
                                                        "difference (not used: they disagree)")
    return replace(outcome, detail=outcome.detail + f"; for all sizes: {found.detail}: "
                                                    f"checked at {tried}")
