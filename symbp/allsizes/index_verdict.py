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

import re
import time
from dataclasses import dataclass
from typing import Callable

import sympy as sp

from . import sets
from . import layers
from ..core.ops import Sigma
from ..layers import conv
from .index_terms import (_CANON, _ENGINE, SIGMA_PRIME, IndexAllSizes, Translation, eligible,
                          isl_set, quantified, scope_text)
from .relation import NoRelation, derive, eq, in_range, relate


@dataclass(frozen=True)
class PerSizeReader:
    """The per-size index reader's functions: ``compare(setup, lhs, rhs, free, k, other)``
    (``index_eval._compare``) and ``refs(trees)`` (``index_eval._all_refs``)."""
    compare: Callable
    refs: Callable


@dataclass
class Sides:
    """Both sides of an index claim as the engine holds them (see :func:`build_sides`)."""
    sym: layers.Symbolic
    xs: tuple                 # the engine's entry (0, 0, row, col) of the gradient
    env: dict                 # free index -> its document value at xs
    free: list
    derived: list             # chain-rule terms (and the claim's terms with sign -1)
    closed: list              # the claim's terms with sign +1
    errors: list              # (exists, cons, (name, doc index, axis, reached)): refutations
    target: tuple             # the gradient's shape
    scope: str
    translation: "Translation | None" = None

    def doc_term(self, term: str, values: dict) -> str:
        """``'a[0,0,0,1] · delta[0,0,0,0]'`` (the engine's entries) in the document's letters
        and indices at the sizes ``values`` (size symbol -> Integer): ``'x_{0,1} · δ_{0,0}'``."""
        tr = self.translation
        out = []
        for name, idx in re.findall(r"([^\s·\[]+)\[([-\d,]+)\]", term):
            role = {v: k for k, v in _ENGINE.items()}.get(name, "input" if name == SIGMA_PRIME
                                                           else None)
            if tr is None or role is None:
                return term
            engine = [int(v) for v in idx.split(",")]
            at = lambda e: int(sp.S(e).xreplace(values))  # noqa: E731  (S: an int or a size)
            canon, rows = _CANON[role], []
            for c, f in zip(tr.letters[role], tr.firsts[role]):
                k = canon.index(c)
                r = engine[k]
                if role == "kernel" and tr.flip and c in "HW":
                    r = at(tr.engine_shape[role][k]) - 1 - r
                rows.append(r + at(f))
            letter = tr.names.get(name) or next(
                (n for n, r in tr.setup.roles.items() if r == role and len(n) == 1), name)
            letter = "δ" if letter == "\\delta" else letter
            entry = f"{letter}_{{{','.join(map(str, rows))}}}"
            if name == SIGMA_PRIME:
                z = next((n for n, r in tr.setup.roles.items() if r == "output" and len(n) == 1),
                         "z")
                entry = f"σ'({z}_{{{','.join(map(str, rows))}}})"
            out.append(entry)
        return " · ".join(out)


def build_sides(setup, lhs, rhs, refs) -> Sides:
    """``lhs = rhs`` (trees of :func:`symbp.check.index_claims.parse`) as terms over the
    engine's sizes; NoRelation when the engine cannot describe it.

    ``refs``: the per-size reader's list of the tensor references in trees (it sets the
    current layer from their labels).  Example:
    ``build_sides(ctx.instances()[0], lhs, rhs, index_eval._all_refs).closed``.
    """
    from ..check.index_claims import Grad, Ref, free_vars
    eligible(setup)
    setup.set_current(refs([lhs, rhs]))
    sym = layers.conv_layer(tuple(setup.strides), (1, 1), None, None, {"PH": 0, "PW": 0})
    tr = Translation(setup, sym)
    ref = lhs.ref if isinstance(lhs, Grad) else lhs
    if not isinstance(ref, Ref) or ref.idx is None:
        raise NoRelation("a left side that is not ∂E/∂(an entry) or δ of an entry")
    doc_role = setup.role(ref.name, ref.label)
    if isinstance(lhs, Grad) and doc_role in ("input", "kernel"):
        wrt_role = doc_role
    elif doc_role == "preact_grad" or (isinstance(lhs, Grad) and doc_role == "preact_in"):
        wrt_role, tr.preact = "input", True          # δ^{l-1} = ∂E/∂z^{l-1}, through σ
    else:
        raise NoRelation(f"the gradient of the {doc_role}")
    free, idx, letters = free_vars(lhs), ref.idx, tr.letters[wrt_role]
    if any(not (isinstance(e, Ref) and e.idx is None) for e in idx) or \
            len(free) != len(letters) or [e.name for e in idx] != free:
        raise NoRelation(f"a left side indexed by other than {len(letters)} index letters")
    if set(free_vars(rhs)) - set(free) - set(tr.symbols):
        raise NoRelation("a free index on the right only")
    if set(free) & set(tr.symbols):
        raise NoRelation("a free index named like a size")
    wrt = conv.ZPREV if tr.preact else conv.A if wrt_role == "input" else conv.W
    target = tr.engine_shape[wrt_role]
    xs = tuple(sp.Symbol(f"x_{k}", integer=True) for k in range(4))
    # the document's value of each free index at the engine's entry xs
    env, canon = {}, _CANON[wrt_role]
    for v, c, first in zip(free, letters, tr.firsts[wrt_role]):
        k = canon.index(c)
        flipped = wrt_role == "kernel" and tr.flip and c in "HW"
        env[v] = (target[k] - 1 - xs[k] if flipped else xs[k]) + first
    entry_cons = tuple(eq(xs[canon.index(c)], 0) for c in canon if c not in letters) + \
        in_range(xs, target)
    signed = tr.terms(rhs, env, entry_cons, (), 1)
    if set(free) & tr.explicit or tr.implicit & tr.explicit:
        # the reader remembers a written bound by the variable's name, across the claim
        raise NoRelation("an index name summed with and without written bounds, or free too")
    forward = conv.Conv2d.forward_form(sym.layer, Sigma(conv.ZPREV)) if tr.preact else \
        conv.Conv2d.forward_form(sym.layer)
    z = relate(forward, sym.ctx, sym.env)
    derived = derive(z, str(wrt), str(conv.DELTA), xs)
    derived += [t for sign, t in signed if sign == -1]      # a − b = c  ⇔  a = b + c
    closed = [t for sign, t in signed if sign == 1]
    return Sides(sym, xs, env, free, derived, closed, tr.errors, target,
                 scope_text(setup, [str(p) for p in tr.pinned]), tr)


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


def _square_only(instances, sizes: dict) -> bool:
    """Whether every size tried has a square input and kernel (the reader made them so: one letter,
    ``N``, bounds both axes) while the engine's counterexample ``sizes`` (``IndexAllSizes.sizes``)
    are not square: such a counterexample is no size the claim's letters allow.

    >>> class I: sizes = ((3, 3), (2, 2))
    >>> _square_only([I()], {"H": 2, "W": 1, "KH": 1, "KW": 1}), _square_only([I()], {"H": 2, "W": 2, "KH": 1, "KW": 1})
    (True, False)
    """
    tried = [getattr(i, "sizes", None) for i in instances]
    if not all(k in sizes for k in ("H", "W", "KH", "KW")) or any(
            not t or len(t) != 2 or t[0][0] != t[0][1] or t[1][0] != t[1][1] for t in tried):
        return False
    return sizes["H"] != sizes["W"] or sizes["KH"] != sizes["KW"]


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
    if found.verdict == sets.REFUTED and not given and _square_only(instances, found.sizes):
        return replace(outcome, detail=outcome.detail + f"; not decided for all sizes: the sizes tried are "
                                                        f"square, as the claim's letters make them, and the "
                                                        f"engine's counterexample is not ({found.detail})")
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
