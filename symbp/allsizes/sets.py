"""Deciding equality of two sides for every size with isl (parametric Presburger sets).

For each side, the terms with one factor signature (``δ·W``, ``1/·δ`` ...) become one
isl set over ``[sizes, derived sizes] -> { [entry, monomial indices] }``.  When every
(entry, monomial) is reached by exactly one term and witness (isl checks injectivity and
disjointness), every coefficient is 1 (the divisor travels in the monomial), so

    chain rule == closed form for every size  ⇔  the sets are equal for every size,

which isl decides.  A point of a difference is a counterexample: sizes, entry, term.
A shape, or a condition a closed form needs (``Context.require``), is checked the same
way over the domain.

Example::

    >>> from symbp.allsizes.verify import SPECS, check
    >>> ev = check(SPECS["conv-input"]).evidence      # both sides' terms, as the engine built them
    >>> decide(ev["derived"], ev["closed"], ev["xs"], ev["ctx"], ev["shape"], ev["target"]).verdict
    'holds'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import islpy as isl
import sympy as sp

from .relation import Context, NoRelation, Term

HOLDS, REFUTED, UNKNOWN = "holds", "refuted", "unknown"

_OPS = {sp.Eq: "=", sp.Ne: "!=", sp.Le: "<=", sp.Lt: "<", sp.Ge: ">=", sp.Gt: ">"}


@lru_cache(maxsize=65536)
def affine(expr) -> str:
    """An integer affine expression in isl syntax (NoRelation for anything else)."""
    parts = []
    terms = expr.as_coefficients_dict()
    if any(not (t is sp.S.One or t.is_Symbol) for t in terms):
        terms = sp.expand(expr).as_coefficients_dict()
    for term, coef in sorted(terms.items(), key=str):
        if not coef.is_Integer or not (term is sp.S.One or term.is_Symbol):
            raise NoRelation(f"{expr} is not affine in the sizes with integer coefficients "
                             f"(fix the stride and dilation)")
        c = int(coef)
        body = str(abs(c)) if term is sp.S.One else (term.name if abs(c) == 1
                                                     else f"{abs(c)}*{term.name}")
        parts.append(("- " if c < 0 else "+ ") + body)
    text = " ".join(parts) or "0"
    return text[2:] if text.startswith("+ ") else text


@lru_cache(maxsize=65536)
def _symbols(e) -> frozenset:
    """e.free_symbols, remembered (SymPy recomputes it on every access)."""
    return frozenset(e.free_symbols)


@lru_cache(maxsize=65536)
def constraint(c) -> str:
    """A SymPy relation (or And/Or/Not of relations) in isl syntax."""
    if c is sp.true:
        return "true"
    if c is sp.false:
        return "false"
    if isinstance(c, sp.And):
        return "(" + " and ".join(constraint(a) for a in c.args) + ")"
    if isinstance(c, sp.Or):
        return "(" + " or ".join(constraint(a) for a in c.args) + ")"
    if isinstance(c, sp.Not):
        return "not " + constraint(c.args[0])
    op = _OPS.get(type(c))
    if op is None:
        raise NoRelation(f"cannot write {c} as a constraint")
    return f"{affine(c.lhs - c.rhs)} {op} 0"


def _body(exists, cons) -> str:
    body = " and ".join(constraint(c) for c in cons) or "true"
    if exists:
        body = f"exists ({', '.join(v.name for v in exists)} : {body})"
    return body


def _params(ctx: Context) -> str:
    return ", ".join(p.name for p in ctx.params)


def domain_set(ctx: Context) -> isl.Set:
    """The configurations a statement covers, as a set of parameters."""
    body = " and ".join(f"({_body(e, c)})" for e, c in ctx.domain) or "true"
    return isl.Set(f"[{_params(ctx)}] -> {{ : {body} }}")


def params_set(ctx: Context, cons) -> isl.Set:
    return isl.Set(f"[{_params(ctx)}] -> {{ : {' and '.join(constraint(c) for c in cons)} }}")


def _mono_layout(term: Term) -> tuple[list[str], list]:
    names, exprs = [], []
    for k, (_, idx) in enumerate(term.factors):
        for a, e in enumerate(idx):
            names.append(f"m_{k}_{a}")
            exprs.append(e)
    return names, exprs


def _term_piece(term: Term, xs) -> str:
    names, exprs = _mono_layout(term)
    cons = [constraint(c) for c in term.cons] + [f"{n} = {affine(e)}" for n, e in zip(names, exprs)]
    body = " and ".join(cons) or "true"
    if term.exists:
        body = f"exists ({', '.join(v.name for v in term.exists)} : {body})"
    return f"[{', '.join([x.name for x in xs] + names)}] : {body}"


def signature_set(terms, xs, ctx: Context) -> isl.Set:
    """{ [entry, monomial indices] : ∃ witnesses. constraints } for terms of one signature."""
    pieces = "; ".join(_term_piece(t, xs) for t in terms)
    return isl.Set(f"[{_params(ctx)}] -> {{ {pieces} }}")


def witness_map(terms, xs, ctx: Context, coarse: bool = False) -> isl.Map:
    """(entry, term number, witnesses) -> (entry, monomial) over terms of one signature:
    injective iff every monomial of the entry is reached by one term and one witness.

    ``coarse`` leaves the divisor out of the monomial: injective then implies injective
    with it (a finer target), and the check is cheaper (the divisor cases of average
    pooling are split by the window alone).
    """
    width = max(len(t.exists) for t in terms)
    pieces = []
    for number, t in enumerate(terms):
        _, exprs = _mono_layout(t if not coarse else
                                Term(t.exists, t.cons, tuple(f for f in t.factors if f[0] != "1/")))
        pad = [f"w_{k}" for k in range(len(t.exists), width)]
        src = ", ".join([x.name for x in xs] + ["tag"] + [e.name for e in t.exists] + pad)
        dst = ", ".join([x.name for x in xs] + [affine(e) for e in exprs])
        cons = [f"tag = {number}"] + [f"{w} = 0" for w in pad] + \
            [constraint(c) for c in t.cons]
        pieces.append(f"[{src}] -> [{dst}] : {' and '.join(cons)}")
    return isl.Map(f"[{_params(ctx)}] -> {{ {'; '.join(pieces)} }}")


@dataclass
class Side:
    """One side's sets by factor signature, and whether every coefficient is one."""
    sets: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def build_side(terms, xs, ctx: Context, domain: isl.Set) -> Side:
    side, per_sig = Side(), {}
    for t in terms:
        if not t.empty:
            per_sig.setdefault(t.signature, []).append(t)
    for sig, sig_terms in per_sig.items():
        union = signature_set(sig_terms, xs, ctx).intersect_params(domain).coalesce()
        if union.is_empty():
            continue
        side.sets[sig] = union
        if (len(sig_terms) > 1 or sig_terms[0].exists) and \
                not _injective(sig_terms, xs, ctx, domain):
            side.problems.append("some monomial is reached more than once")
    return side


def _injective(terms, xs, ctx: Context, domain: isl.Set) -> bool:
    """One witness per (entry, monomial); tried first without the divisor (cheaper)."""
    if any(name == "1/" for name, _ in terms[0].factors) and \
            witness_map(terms, xs, ctx, coarse=True).intersect_params(domain).is_injective():
        return True
    return witness_map(terms, xs, ctx).intersect_params(domain).is_injective()


@dataclass
class Outcome:
    """What the decision found: a verdict, a reason, and a counterexample point."""
    verdict: str
    reason: str = ""
    kind: str = ""                                   # undefined | shape | entry
    sizes: dict = field(default_factory=dict)        # quantified and derived sizes
    entry: tuple = ()
    term: str = ""
    only_on: str = ""                                # chain rule | closed form


def _point(pt: isl.Point, kind) -> dict:
    space = pt.get_space()
    return {space.get_dim_name(kind, k): pt.get_coordinate_val(kind, k).to_python()
            for k in range(space.dim(kind))} if kind == isl.dim_type.param else \
        [pt.get_coordinate_val(kind, k).to_python() for k in range(space.dim(kind))]


def smallest_point(s: isl.Set, ctx: Context) -> tuple[dict, list]:
    """The point of s with the least sum of quantified sizes, then the least entry."""
    total = " + ".join(map(str, ctx.sizes)) or "0"
    bounded = lambda b: s.intersect_params(  # noqa: E731
        isl.Set(f"[{_params(ctx)}] -> {{ : {total} <= {b} }}"))
    hi = 8
    while bounded(hi).is_empty():
        hi *= 2
        if hi > 1 << 20:
            break
    lo = 0
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if not bounded(mid).is_empty() else (mid, hi)
    cut = bounded(hi)
    params = _point(cut.sample_point(), isl.dim_type.param)
    fixed = " and ".join(f"{k} = {v}" for k, v in params.items())
    one = cut.intersect_params(isl.Set(f"[{_params(ctx)}] -> {{ : {fixed} }}")).lexmin()
    return params, _point(one.sample_point(), isl.dim_type.set)


def _label(sig, coords, nx) -> str:
    parts, k = [], nx
    for name, arity in sig:
        idx = coords[k:k + arity]
        k += arity
        parts.append(f"1/({'·'.join(map(str, idx))})" if name == "1/"
                     else f"{name}[{','.join(map(str, idx))}]")
    return " · ".join(parts)


def _without_divisor(terms) -> list:
    return [Term(t.exists, t.cons, tuple(f for f in t.factors if f[0] != "1/")) for t in terms]


def _merge_cases(terms, ctx: Context) -> list:
    """Terms equal but for conditions that partition every configuration (the divisor's
    cases, once the divisor is gone) merged into one term without those conditions.

    The partition is checked by isl on the conditions alone (few dimensions): they cover
    everything, and a map from a point to the case it satisfies is single-valued.
    """
    groups: dict = {}
    for t in terms:
        groups.setdefault((t.exists, t.factors), []).append(t)
    out = []
    params = {p.name for p in ctx.params}
    for (exists, factors), group in groups.items():
        common = set(group[0].cons).intersection(*(set(t.cons) for t in group[1:]))
        cases = [[c for c in t.cons if c not in common] for t in group]
        free = sorted({v.name for case in cases for c in case for v in _symbols(c)} - params)
        if len(group) == 1 or not free or any(not case for case in cases):
            out += group
            continue
        tup = ", ".join(free)
        pieces = [f"[{tup}] -> [{k}] : {' and '.join(constraint(c) for c in case)}"
                  for k, case in enumerate(cases)]
        tags = isl.Map(f"[{_params(ctx)}] -> {{ {'; '.join(pieces)} }}")
        universe = isl.Set(f"[{_params(ctx)}] -> {{ [{tup}] }}")
        if tags.is_single_valued() and universe.subtract(tags.domain()).is_empty():
            out.append(Term(exists, tuple(c for c in group[0].cons if c in common), factors))
        else:
            out += group
    return out


def _divisor_map(terms, ctx: Context, domain: isl.Set | None, axis: int) -> isl.Map:
    """{ [monomial without the divisor] -> [divisor factor ``axis``] } over the terms: a
    superset of the true relation (constraints on other variables dropped), coalesced."""
    params, sizes = {p.name for p in ctx.params}, set(ctx.params)
    dens = [[idx for n, idx in t.factors if n == "1/"][0] for t in terms]
    mine = {v for den in dens for v in _symbols(den[axis])} - sizes
    others = {v for den in dens for a, e in enumerate(den) if a != axis
              for v in _symbols(e)} - sizes - mine
    pieces = []
    for t, den in zip(terms, dens):
        rest = [e for n, idx in t.factors if n != "1/" for e in idx]
        den = den[axis:axis + 1]
        # only the constraints on the monomial's and divisor's own variables, less those
        # linked only to another axis's divisor (that axis's window): a larger relation,
        # so single-valued and equal there implies it for the true maps
        own = {v for e in rest + list(den) for v in _symbols(e)} | sizes
        cons = [c for c in t.cons if _symbols(c) <= own]
        groups = [_symbols(c) for c in cons] + [_symbols(e) for e in rest]
        dropped = set()
        for seed in others:
            part = _linked({seed}, groups, sizes)
            if not part & mine:
                dropped |= part
        cons = [c for c in cons if not (_symbols(c) - sizes) or
                not (_symbols(c) - sizes) <= dropped]
        equations = [f"s_{k} = {affine(e)}" for k, e in enumerate(rest)
                     if not (_symbols(e) - sizes) or not (_symbols(e) - sizes) <= dropped]
        free = sorted({v.name for e in rest + list(den) for v in _symbols(e)} - params)
        body = " and ".join(equations + [f"d_{k} = {affine(e)}" for k, e in enumerate(den)] +
                            [constraint(c) for c in cons])
        if free:
            body = f"exists ({', '.join(free)} : {body})"
        src = ", ".join(f"s_{k}" for k in range(len(rest)))
        dst = ", ".join(f"d_{k}" for k in range(len(den)))
        pieces.append(f"[{src}] -> [{dst}] : {body}")
    pieces = list(dict.fromkeys(pieces))          # the other axis's cases coincide now
    relation = isl.Map(f"[{_params(ctx)}] -> {{ {'; '.join(pieces)} }}")
    return (relation if domain is None else relation.intersect_params(domain)).coalesce()


def _linked(start: set, groups: list, params: set) -> set:
    """The variables connected to ``start`` through ``groups`` (sets of symbols occurring
    together), sizes not counted as links."""
    linked, changed = set(start), True
    while changed:
        changed = False
        for group in groups:
            own = group - params
            if own & linked and not own <= linked:
                linked |= own
                changed = True
    return linked


def _divisor_of_monomial(derived, closed, ctx: Context, domain: isl.Set) -> bool:
    """Whether every term of both sides has one divisor factor and the divisor is the same
    single-valued function of the rest of the monomial on both sides.

    Then (entry, monomial, divisor) sets are equal iff the sets without the divisor are,
    and one witness per monomial without it implies one with it: the divisor cases
    (4 per axis for avg_pool2d without count_include_pad) need not be carried through.
    """
    terms = derived + closed
    if not terms or any(sum(n == "1/" for n, _ in t.factors) != 1 for t in terms):
        return False
    if len({tuple((n, len(i)) for n, i in t.factors) for t in terms}) != 1:
        return False
    arity = len([i for n, i in terms[0].factors if n == "1/"][0])
    for axis in range(arity):       # (d_h, d_w) is a function iff each factor is
        # first without the domain (a superset again: fewer disjuncts), then with it
        if not any(_same_function(*(_divisor_map(side, ctx, where, axis)
                                    for side in (derived, closed))) for where in (None, domain)):
            return False
    return True


def _same_function(a: isl.Map, b: isl.Map) -> bool:
    return a.is_single_valued() and b.is_single_valued() and \
        a.intersect_domain(b.domain()).is_equal(b.intersect_domain(a.domain()))


def decide(derived, closed, xs, ctx: Context, shape, target) -> Outcome:
    """Decide chain rule == closed form for every configuration of ``ctx``'s domain.

    derived, closed: lists of terms over the entry ``xs``; shape: the closed form's
    shape; target: the gradient's shape (both SymPy expressions in the sizes).
    """
    domain = domain_set(ctx)
    if domain.is_empty():
        raise NoRelation("no configuration satisfies the layer's constraints")
    for req in ctx.requires:
        bad = domain.subtract(domain.intersect(params_set(ctx, req.cons)))
        if not bad.is_empty():
            sizes, _ = smallest_point(bad, ctx)
            return Outcome(REFUTED, f"undefined: {req.message}", "undefined", sizes)
    if len(shape) != len(target):
        return Outcome(REFUTED, f"the closed form has {len(shape)} axes, the gradient "
                       f"{len(target)}", "shape")
    for axis, (got, want) in enumerate(zip(shape, target)):
        bad = domain.intersect(params_set(ctx, [sp.Ne(got, want, evaluate=False)]))
        if not bad.is_empty():
            sizes, _ = smallest_point(bad, ctx)
            values = {s: sizes[str(s)] for s in ctx.params if str(s) in sizes}
            return Outcome(REFUTED, f"shape: axis {axis} of the closed form has "
                           f"{sp.expand(got).xreplace(values)} entries, the gradient "
                           f"{sp.expand(want).xreplace(values)}", "shape", sizes)
    derived, closed = [t.solved() for t in derived], [t.solved() for t in closed]
    if _divisor_of_monomial(derived, closed, ctx, domain):
        # every term carries a divisor that is one function of the monomial on both sides:
        # compare the terms without it (fewer cases for isl; see _divisor_of_monomial)
        derived, closed = (_merge_cases(_without_divisor(derived), ctx),
                           _merge_cases(_without_divisor(closed), ctx))
    sides = build_side(derived, xs, ctx, domain), build_side(closed, xs, ctx, domain)
    problems = sides[0].problems + sides[1].problems
    if problems:
        return Outcome(UNKNOWN, "coefficients other than 1 (" + "; ".join(problems) +
                       "): set equality would not decide the sums")
    for sig in sorted(set(sides[0].sets) | set(sides[1].sets)):
        a, b = sides[0].sets.get(sig), sides[1].sets.get(sig)
        for which, diff in (("chain rule", a if b is None else (a.subtract(b) if a else None)),
                            ("closed form", b if a is None else (b.subtract(a) if b else None))):
            if diff is not None and not diff.is_empty():
                sizes, coords = smallest_point(diff, ctx)
                term = _label(sig, coords, len(xs))
                return Outcome(REFUTED, f"entry {tuple(coords[:len(xs)])}: the term {term} "
                               f"appears only on the {which} side", "entry", sizes,
                               tuple(coords[:len(xs)]), term, which)
    return Outcome(HOLDS, "the two sides are the same set of terms for every size")


def points_at(terms, xs, ctx: Context, values: dict, cache: dict | None = None) -> dict:
    """{(entry, monomial): signature} of terms at fixed sizes (for cross-checks).

    values: size name -> int for every quantified size.  Example:
    ``points_at(derived, xs, ctx, {"H": 3, ...})``.
    """
    fixed = params_set(ctx, [sp.Eq(s, values[str(s)], evaluate=False) for s in ctx.sizes])
    cache = {} if cache is None else cache
    if id(terms) not in cache:
        per_sig: dict = {}
        for t in terms:
            per_sig.setdefault(t.signature, []).append(t)
        domain = domain_set(ctx)
        cache[id(terms)] = {sig: signature_set(ts, xs, ctx).intersect_params(domain)
                            for sig, ts in per_sig.items()}
    out = {}
    for sig, full in cache[id(terms)].items():
        found = []
        full.intersect_params(fixed).foreach_point(
            lambda p: found.append(tuple(_point(p, isl.dim_type.set))))
        for pt in found:
            out[pt] = sig
    return out
