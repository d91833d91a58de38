"""Symbolic stride and dilation: the same comparison with z3 (nonlinear integer arithmetic).

With stride S and dilation D left as symbols, ``S·u`` and ``D·(k−1)`` are products of
unknowns: outside Presburger arithmetic, undecidable in general.  After existentials fixed
by unit-coefficient equations are solved away (:meth:`Term.solved`, with the monomial
indices as equations too), each side's membership formula is mostly quantifier-free, and
z3 is asked for a point of the symmetric difference: ``unsat`` proves the claim for every
H, W, K, P, S, D; ``sat`` gives a counterexample (minimised); ``unknown`` (time out, or a
quantifier z3 gives up on) is reported as unknown, never as holds.

Example::

    >>> from symbp.allsizes.verify import SPECS, Options, check
    >>> ev = check(SPECS["conv-weight"], Options(symbolic_steps=True)).evidence
    >>> decide(ev["derived"], ev["closed"], ev["xs"], ev["ctx"], ev["shape"], ev["target"],
    ...        timeout_ms=5000).verdict
    'holds'
"""
from __future__ import annotations

import sympy as sp

try:
    import z3
except ImportError:      # z3-solver is optional: without it symbolic strides are unknown
    z3 = None

from .relation import Context, NoRelation, Term, substitute
from .sets import HOLDS, REFUTED, UNKNOWN, Outcome, _label

_REL = {sp.Eq: lambda a, b: a == b, sp.Ne: lambda a, b: a != b, sp.Le: lambda a, b: a <= b,
        sp.Lt: lambda a, b: a < b, sp.Ge: lambda a, b: a >= b, sp.Gt: lambda a, b: a > b}


def available() -> bool:
    return z3 is not None


#: SymPy expression -> (z3 term, names of its variables): a variable is z3.Int(name)
#: wherever it occurs, so a conversion does not depend on where it is made
_CONVERTED: dict = {}


def to_z3(e, env: dict):
    """A SymPy integer expression or relation (And/Or/Not) as a z3 term; its variables
    are added to ``env`` (name -> z3 constant).  Conversions are memoised."""
    hit = _CONVERTED.get(e)
    if hit is None:
        names: dict = {}
        hit = (_convert(e, names), tuple(names))
        if len(_CONVERTED) > 100_000:
            _CONVERTED.clear()
        _CONVERTED[e] = hit
    for name in hit[1]:
        if name not in env:
            env[name] = z3.Int(name)
    return hit[0]


def _convert(e, env: dict):
    """to_z3 without the memo (``env`` collects the variables)."""
    to_z3 = _convert
    if isinstance(e, sp.Symbol):
        if e.name not in env:
            env[e.name] = z3.Int(e.name)
        return env[e.name]
    if isinstance(e, sp.Integer):
        return z3.IntVal(int(e))
    if isinstance(e, sp.Add):
        return z3.Sum([to_z3(a, env) for a in e.args])
    if isinstance(e, sp.Mul):
        out = to_z3(e.args[0], env)
        for a in e.args[1:]:
            out = out * to_z3(a, env)
        return out
    if isinstance(e, sp.Pow) and e.exp.is_Integer and int(e.exp) > 0:
        base = to_z3(e.base, env)
        out = base
        for _ in range(int(e.exp) - 1):
            out = out * base
        return out
    if type(e) in _REL:
        return _REL[type(e)](to_z3(e.lhs, env), to_z3(e.rhs, env))
    if isinstance(e, sp.And):
        return z3.And([to_z3(a, env) for a in e.args])
    if isinstance(e, sp.Or):
        return z3.Or([to_z3(a, env) for a in e.args])
    if isinstance(e, sp.Not):
        return z3.Not(to_z3(e.args[0], env))
    if e is sp.true:
        return z3.BoolVal(True)
    if e is sp.false:
        return z3.BoolVal(False)
    raise NoRelation(f"cannot give {e} to z3")


def _members(terms, mono_vars: list, env: dict):
    """Σ-side membership of (entry, monomial) as a z3 formula, per the terms of a signature."""
    parts = []
    for t in terms:
        flat = [e for _, idx in t.factors for e in idx]
        ms = [sp.Symbol(v, integer=True) for v in mono_vars]
        t = Term(t.exists, t.cons + tuple(sp.Eq(m, e, evaluate=False)
                                          for m, e in zip(ms, flat)), ()).solved()
        local = dict(env)
        bound = [z3.Int(str(v)) for v in t.exists]
        for v, zv in zip(t.exists, bound):
            local[str(v)] = zv
        body = z3.And([to_z3(c, local) for c in t.cons]) if t.cons else z3.BoolVal(True)
        parts.append(z3.Exists(bound, body) if bound else body)
    return z3.Or(parts) if parts else z3.BoolVal(False)


def _fast_solver():
    """z3's general solver after its equation solver: the index equations (x = S·u − P +
    D·t, ...) substitute away before the nonlinear core sees them (about ten times faster
    on the conv claims than the default strategy; an ``unknown`` from it is retried with
    the default solver)."""
    return z3.Then("simplify", "solve-eqs", "smt").solver()


def _domain(ctx: Context, env: dict):
    """The domain as one z3 formula, converted once per context (its variables are
    added to ``env`` so that a model names every size)."""
    key = ("z3 domain", len(ctx.domain))
    if key not in ctx.memo:
        names: dict = {}
        ctx.memo[key] = (z3.And([to_z3(c, names) for _, cons in ctx.domain for c in cons]),
                         names)
    formula, names = ctx.memo[key]
    for name, var in names.items():
        env.setdefault(name, var)
    return formula


def _solve(ctx: Context, env: dict, formula, timeout_ms: int):
    """(verdict, model dict) for ∃ sizes. domain ∧ formula, minimising the sizes' sum."""
    domain = _domain(ctx, env)
    res = z3.unknown
    for make in (_fast_solver, z3.Solver):
        solver = make()
        solver.set("timeout", timeout_ms)
        solver.add(domain, formula)
        res = solver.check()
        if res != z3.unknown:
            break
    if res == z3.unsat:
        return "unsat", None
    if res != z3.sat:
        return "unknown", None
    opt = z3.Optimize()
    opt.set("timeout", timeout_ms)
    opt.add(domain, formula)
    opt.minimize(z3.Sum([to_z3(s, env) for s in ctx.sizes]))
    model = opt.model() if opt.check() == z3.sat else solver.model()
    values = {name: model.evaluate(v, model_completion=True).as_long() for name, v in env.items()}
    return "sat", values


def decide(derived, closed, xs, ctx: Context, shape, target, timeout_ms: int = 10000) -> Outcome:
    """As :func:`symbp.allsizes.sets.decide`, for sizes that multiply (symbolic S, D)."""
    if z3 is None:
        return Outcome(UNKNOWN, "symbolic stride and dilation need z3-solver "
                                "(pip install z3-solver)")
    env: dict = {}
    for req in ctx.requires:
        res, model = _solve(ctx, env, z3.Not(z3.And([to_z3(c, env) for c in req.cons])),
                            timeout_ms)
        if res != "unsat":
            return _outcome(res, model, ctx, f"undefined: {req.message}", "undefined")
    if len(shape) != len(target):
        return Outcome(REFUTED, f"the closed form has {len(shape)} axes, the gradient "
                       f"{len(target)}", "shape")
    for axis, (got, want) in enumerate(zip(shape, target)):
        res, model = _solve(ctx, env, to_z3(sp.expand(got), env) != to_z3(sp.expand(want), env),
                            timeout_ms)
        if res != "unsat":
            values = {v: sp.Integer(model[v.name]) for v in ctx.params
                      if model and v.name in model}
            return _outcome(res, model, ctx, f"shape: axis {axis} of the closed form has "
                            f"{sp.expand(got).xreplace(values)} entries, the gradient "
                            f"{sp.expand(want).xreplace(values)}", "shape")
    derived, closed = [t.solved() for t in derived], [t.solved() for t in closed]
    sigs = {t.signature for t in derived + closed}
    for sig in sorted(sigs):
        n = sum(arity for _, arity in sig)
        mono_vars = [f"m_{k}" for k in range(n)]
        a = _members([t for t in derived if t.signature == sig], mono_vars, env)
        b = _members([t for t in closed if t.signature == sig], mono_vars, env)
        for which, diff in (("chain rule", z3.And(a, z3.Not(b))),
                            ("closed form", z3.And(b, z3.Not(a)))):
            res, model = _solve(ctx, env, diff, timeout_ms)
            if res != "unsat":
                coords = [model.get(str(x), 0) for x in xs] + \
                    [model.get(m, 0) for m in mono_vars] if model else []
                out = _outcome(res, model, ctx, "", "entry")
                if res == "sat":
                    out.entry, out.term, out.only_on = tuple(coords[:len(xs)]), \
                        _label(sig, coords, len(xs)), which
                    out.reason = (f"entry {out.entry}: the term {out.term} appears only on "
                                  f"the {which} side")
                return out
    for side, terms in (("chain rule", derived), ("closed form", closed)):
        problem = _multiplicity(terms, xs, ctx, env, timeout_ms)
        if problem:
            return Outcome(UNKNOWN, f"{side}: {problem}: set equality would not decide the sums")
    return Outcome(HOLDS, "the two sides are the same set of terms for every size "
                          "(z3: no point of their difference)")


def _multiplicity(terms, xs, ctx, env, timeout_ms) -> str:
    """'' when every (entry, monomial) is reached by one term and witness, else why not.

    One query for all pairs of terms (their disjunction: unsat iff every pair is); only
    when z3 gives up on it are the pairs asked one by one.
    """
    firsts, seconds = [_copy(t, "a") for t in terms], [_copy(t, "b") for t in terms]
    # each copy's constraints and monomial indices converted once, not once per pair
    held = [[z3.And([to_z3(c, env) for c in t.cons]) for t in copies]
            for copies in (firsts, seconds)]
    index = [[[to_z3(e, env) for _, idx in t.factors for e in idx] for t in copies]
             for copies in (firsts, seconds)]
    pairs = []
    for k, s in enumerate(terms):
        for j in range(k, len(terms)):
            t = terms[j]
            if s.signature != t.signature or (s is t and not s.exists):
                continue
            same = [e == f for e, f in zip(index[0][k], index[1][j])]
            differ = z3.Or([to_z3(u, env) != to_z3(v, env)
                            for u, v in zip(firsts[k].exists, seconds[j].exists)]) \
                if s is t else z3.BoolVal(True)
            pairs.append(z3.And([held[0][k], held[1][j]] + same + [differ]))
    if not pairs:
        return ""
    res, _ = _solve(ctx, env, z3.Or(pairs), timeout_ms)
    if res == "unknown" and len(pairs) > 1:
        results = [_solve(ctx, env, formula, timeout_ms)[0] for formula in pairs]
        res = "sat" if "sat" in results else "unknown" if "unknown" in results else "unsat"
    if res != "unsat":
        return "a monomial may be reached twice" if res == "sat" else \
            "z3 could not show each monomial is reached once"
    return ""


def _copy(t: Term, tag: str) -> Term:
    """The term with its existentials renamed apart (x stays shared)."""
    sub = {v: sp.Symbol(f"{v.name}_{tag}", integer=True) for v in t.exists}
    return Term(tuple(sub.values()), tuple(substitute(c, sub, fold=False) for c in t.cons),
                tuple((n, tuple(e.xreplace(sub) for e in idx)) for n, idx in t.factors))


def _outcome(res: str, model, ctx: Context, reason: str, kind: str) -> Outcome:
    if res != "sat":
        return Outcome(UNKNOWN, f"z3 gave up ({res}) on: {reason or 'the entry sets'}")
    sizes = {str(s): model.get(str(s)) for s in ctx.params if str(s) in model}
    return Outcome(REFUTED, reason, kind, sizes)
