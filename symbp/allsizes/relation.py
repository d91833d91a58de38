"""Index relations: a tensor expression with symbolic sizes as a union of integer sets.

An entry of every expression symbp proves for all sizes is a sum of monomials, each a
product of tensor entries (``δ[n,o,u,v] · W[o,c,p,q]``), possibly with a divisor.  A
:class:`Term` is one family of such monomials:

    { (entry, monomial indices) : ∃ e. affine constraints over entry, e and the sizes }

and a :class:`View` is an expression's shape (SymPy expressions in the sizes) and a
function from a symbolic entry index to its terms.  Operators build their view from
their arguments' views (``TensorOp.index_relation``), so the chain-rule side and the
closed form are both built from the operators the per-size engine evaluates.

A :class:`Context` holds the quantified sizes, the *domain* (the layer configurations the
statement is about, with derived sizes such as the output size or the stride remainder r
pinned by their defining constraints; no floor or mod is left in any set), and the
conditions under which a closed form is defined (``require``).

Example::

    >>> ctx = Context(); H = ctx.size("H", low=1)
    >>> x = ctx.tensor("a", (H,))
    >>> [t.factors for t in x.entry((sp.Symbol("i", integer=True),))]
    [(('a', (i,)),)]
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

_ids = itertools.count()


class NoRelation(Exception):
    """An expression the all-sizes engine cannot describe (the verdict is then unknown)."""


def fresh(prefix: str = "ex") -> sp.Symbol:
    """A new integer symbol ``prefix_N`` (never a name a document can spell)."""
    return sp.Symbol(f"{prefix}_{next(_ids)}", integer=True)


def as_expr(value) -> sp.Expr:
    """An int or SymPy value as a SymPy expression."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise NoRelation(f"{value!r} is not an integer size")
    return sp.Integer(value)


def eq(a, b):
    """a = b, unevaluated (isl decides; SymPy's evaluation costs assumption queries)."""
    return sp.Eq(a, b, evaluate=False)


def ge(a, b):
    return sp.Ge(a, b, evaluate=False)


def gt(a, b):
    return sp.Gt(a, b, evaluate=False)


def le(a, b):
    return sp.Le(a, b, evaluate=False)


def lt(a, b):
    return sp.Lt(a, b, evaluate=False)


_COMPARE = {sp.Eq: lambda d: d == 0, sp.Ne: lambda d: d != 0, sp.Le: lambda d: d <= 0,
            sp.Lt: lambda d: d < 0, sp.Ge: lambda d: d >= 0, sp.Gt: lambda d: d > 0}


def substitute(c, sub: dict, fold: bool = True):
    """The constraint ``c`` with ``sub`` applied, relations left unevaluated unless both
    sides become numbers (then ``sp.true``/``sp.false``; ``fold=False`` skips that test,
    for a renaming).  A relation whose sizes cancel (x + 1 >= x) stays a relation: isl
    and z3 read it exactly; folding it was only ever a shortcut.

    ``xreplace`` on a relation re-evaluates it, which asks SymPy's assumption system
    about every size; that was most of the time of a claim.  Example:
    ``substitute(ge(x + 1, 0), {x: y - 1})`` is ``y >= 0`` (unevaluated).
    """
    compare = _COMPARE.get(type(c))
    if compare is not None:
        lhs, rhs = c.lhs.xreplace(sub), c.rhs.xreplace(sub)
        if lhs is c.lhs and rhs is c.rhs:
            return c
        if fold and lhs.is_Number and rhs.is_Number:
            return sp.true if bool(compare(lhs - rhs)) else sp.false
        return type(c)(lhs, rhs, evaluate=False)
    if isinstance(c, (sp.And, sp.Or, sp.Not)):
        return c.func(*(substitute(a, sub, fold) for a in c.args))
    return c.xreplace(sub)


def in_range(index, shape) -> tuple:
    """0 <= index[k] < shape[k] for every axis, as SymPy relations."""
    return tuple(c for i, n in zip(index, shape)
                 for c in (sp.Ge(i, 0, evaluate=False), sp.Lt(i, n, evaluate=False)))


@dataclass(frozen=True)
class Term:
    """One family of monomials of an entry: existentials, constraints, factors.

    ``factors`` is a sorted tuple of (name, index tuple); a divisor is the factor
    ``("1/", (d_h, d_w))`` (its value is 1/(d_h d_w)).
    """
    exists: tuple = ()
    cons: tuple = ()
    factors: tuple = ()

    def times(self, other: "Term") -> "Term":
        return Term(self.exists + other.exists, self.cons + other.cons,
                    tuple(sorted(self.factors + other.factors, key=_factor_key)))

    def where(self, *cons, exists=()) -> "Term":
        return Term(self.exists + tuple(exists), self.cons + tuple(cons), self.factors)

    def with_factors(self, factors) -> "Term":
        return Term(self.exists, self.cons, tuple(sorted(factors, key=_factor_key)))

    def solved(self) -> "Term":
        """The same set with every existential that an equation fixes with coefficient ±1
        substituted away (fewer dimensions for isl; the prototype's z3 step, kept for isl).

        The substitutions are composed first and applied to the other constraints once.
        """
        exists, sub, used = list(self.exists), {}, set()
        # each equation as an expanded difference, kept up to date as variables go
        diffs = {k: sp.expand(c.lhs - c.rhs) for k, c in enumerate(self.cons)
                 if isinstance(c, sp.Eq)}
        changed = True
        while changed:
            changed = False
            for k, d in diffs.items():
                coeffs = d.as_coefficients_dict()
                v = next((v for v in exists if coeffs.get(v) in (1, -1)), None)
                if v is None:
                    continue
                value = sp.expand(-(d - coeffs[v] * v) / coeffs[v])
                one = {v: value}
                sub = {key: sp.expand(e.xreplace(one)) for key, e in sub.items()}
                sub[v] = value
                exists.remove(v)
                used.add(k)
                del diffs[k]
                diffs = {j: (sp.expand(e.xreplace(one)) if v in e.free_symbols else e)
                         for j, e in diffs.items()}
                changed = True
                break
        if not sub:
            return self
        cons = [substitute(q, sub) for k, q in enumerate(self.cons) if k not in used]
        factors = tuple((n, tuple(sp.expand(e.xreplace(sub)) for e in idx))
                        for n, idx in self.factors)
        cons = [q for q in dict.fromkeys(cons) if q is not sp.true]
        return Term(tuple(exists), tuple(cons), factors)

    @property
    def signature(self) -> tuple:
        """(name, arity) of each factor: terms with equal signatures are compared."""
        return tuple((name, len(idx)) for name, idx in self.factors)

    @property
    def empty(self) -> bool:
        return any(c is sp.false for c in self.cons)


def _factor_key(factor):
    return factor[0]


@dataclass
class View:
    """An expression over symbolic sizes: its shape and its entries as terms."""
    shape: tuple
    entry: Callable[[tuple], list]
    label: str = ""


@dataclass
class Requirement:
    """A condition a closed form needs to be defined, with the reason in words."""
    message: str
    cons: tuple


@dataclass
class Context:
    """The quantified sizes, the domain they range over, and derived sizes.

    ``sizes`` are the sizes a statement quantifies (shown in counterexamples);
    ``derived`` are sizes defined from them (output size, remainders) by ``domain``
    constraints; ``fixed`` are sizes held at given values (named in the scope).
    """
    sizes: list = field(default_factory=list)
    derived: list = field(default_factory=list)
    domain: list = field(default_factory=list)        # (exists tuple, cons tuple)
    requires: list = field(default_factory=list)      # Requirement
    fixed: dict = field(default_factory=dict)         # name -> int
    memo: dict = field(default_factory=dict)

    @property
    def params(self) -> list:
        return self.sizes + self.derived

    def size(self, name: str, low: int = 1) -> sp.Symbol:
        """A quantified size ``name >= low``."""
        s = sp.Symbol(name, integer=True)
        if s not in self.sizes:
            self.sizes.append(s)
            self.domain.append(((), (ge(s, low),)))
        return s

    def assume(self, *cons, exists=()) -> None:
        """Restrict the domain (a configuration PyTorch accepts)."""
        self.domain.append((tuple(exists), tuple(cons)))

    def require(self, message: str, *cons) -> None:
        """The expression is defined only where ``cons`` hold."""
        cons = tuple(c for c in cons if c is not sp.true)
        if cons:
            self.requires.append(Requirement(message, cons))

    def tensor(self, name: str, shape) -> View:
        """A placeholder tensor: entry idx is the factor name[idx], idx in range."""
        shape = tuple(self.lin(n) for n in shape)

        def entry(idx):
            return [Term((), in_range(idx, shape), ((name, tuple(idx)),))]
        return View(shape, entry, name)

    def derive_size(self, key, build: Callable[[sp.Symbol], tuple]) -> sp.Symbol:
        """A derived size, made once per ``key``: build(s) gives (exists, cons) defining s."""
        if key not in self.memo:
            s = fresh(key[0])
            self.derived.append(s)
            exists, cons = build(s)
            self.domain.append((tuple(exists), tuple(cons)))
            self.memo[key] = s
        return self.memo[key]

    def division(self, num, den) -> tuple[sp.Symbol, sp.Symbol]:
        """(q, r) with num = den·q + r, 0 <= r < den, as derived sizes (one pair per
        division, so floor and mod of the same division share it)."""
        num, den = sp.expand(num), as_expr(den)
        key = ("div", num, den)
        if key not in self.memo:
            q, r = fresh("q"), fresh("r")
            self.derived += [q, r]
            self.domain.append(((), (eq(num, den * q + r), ge(r, 0), lt(r, den))))
            self.memo[key] = (q, r)
        return self.memo[key]

    def quotient(self, num, den) -> sp.Expr:
        """floor(num / den) as a derived size (den a positive size or int)."""
        return sp.expand(num) if as_expr(den) == 1 else self.division(num, den)[0]

    def remainder(self, num, den) -> sp.Expr:
        """num mod den as a derived size, 0 <= r < den."""
        return sp.Integer(0) if as_expr(den) == 1 else self.division(num, den)[1]

    def lin(self, value) -> sp.Expr:
        """``value`` with every floor(e/m) and Mod(e, m) replaced by a derived size."""
        expr = as_expr(value)
        if expr.is_Atom:
            return expr
        args = [self.lin(a) for a in expr.args]
        if isinstance(expr, sp.Mod):
            return self.remainder(args[0], args[1])
        if isinstance(expr, sp.floor):
            num, den = sp.fraction(sp.together(args[0]))
            return self.quotient(num, den)
        if isinstance(expr, sp.ceiling):
            num, den = sp.fraction(sp.together(args[0]))
            return self.quotient(num + den - 1, den)
        return sp.expand(expr.func(*args))


#: the most groups a grouped operator is described for (one term per group)
MAX_GROUPS = 16


def group_count(value) -> int:
    """A grouped operator's group count: a given int (1..MAX_GROUPS), else NoRelation.

    The group of a channel is a quotient by the per-group count, which is a size: with
    the count of groups fixed, one term per group keeps every index affine.
    """
    if isinstance(value, sp.Basic) and not value.is_Integer:
        raise NoRelation(f"groups {value} is not a given number (groups are proved for a "
                         f"given count)")
    groups = int(value)
    if not 1 <= groups <= MAX_GROUPS:
        raise NoRelation(f"groups {groups}: all-sizes proofs take 1 to {MAX_GROUPS} groups")
    return groups


def per_group(ctx: "Context", total, groups: int, what: str) -> sp.Expr:
    """total / groups channels per group; the operator requires that groups divides total.

    Example: ``per_group(ctx, Cout, 2, "Cout")`` is a derived size q with Cout = 2q.
    """
    total = as_expr(total)
    if groups == 1:
        return total
    if total.is_Integer:
        ctx.require(f"{what} are not divisible by groups {groups}",
                    sp.false if int(total) % groups else sp.true)
        return sp.Integer(int(total) // groups)
    ctx.require(f"{what} are not divisible by groups {groups}",
                eq(ctx.remainder(total, groups), 0))
    return ctx.quotient(total, groups)


def product_terms(*term_lists) -> list:
    """Every product of one term from each list (a product of sums)."""
    out = []
    for combo in itertools.product(*term_lists):
        t = combo[0]
        for other in combo[1:]:
            t = t.times(other)
        if not t.empty:
            out.append(t)
    return out


def rename(view: View, name_of: Callable[[str], str], label: str) -> View:
    """A function applied entrywise to a placeholder (σ(z), say): z[idx] becomes f(z)[idx].

    Only a tensor whose entries are single factors qualifies (σ of a sum is not a
    product of σ's).
    """
    def entry(idx):
        terms = view.entry(idx)
        if any(len(t.factors) != 1 for t in terms):
            raise NoRelation(f"{label}: an entrywise function of a compound expression")
        return [t.with_factors(tuple((name_of(n), i) for n, i in t.factors)) for t in terms]
    return View(view.shape, entry, label)


def crop_relation(op, ctx: "Context", x: View) -> View:
    """crop(x, h, w): the top-left h x w block of x's last two axes (kernel positions).

    For a crop operator defined outside :mod:`symbp.core.ops` (looked up by its lower-case
    class name); ``op.args`` is (x, h, w).
    """
    h, w = (ctx.lin(v) for v in op.args[1:3])
    ctx.require(f"{op}: crops to more than the tensor has", le(h, x.shape[-2]),
                le(w, x.shape[-1]), ge(h, 0), ge(w, 0))
    shape = tuple(x.shape[:-2]) + (h, w)

    def entry(idx):
        return [t.where(*in_range(idx, shape)) for t in x.entry(idx)]
    return View(shape, entry, f"crop({x.label})")


#: index relations of operators defined outside symbp.core.ops, by lower-case class name
EXTRA_RELATIONS: dict = {"crop": crop_relation}


def relate(expr, ctx: Context, env: dict) -> View:
    """The view of an operator expression; ``env`` maps each placeholder to its view.

    Each operator's own ``index_relation(ctx, *argument views)`` builds its view; an
    operator without one (or a SymPy product, sum ...) raises :class:`NoRelation`.
    """
    if expr in env:
        return env[expr]
    method = getattr(expr, "index_relation", None)
    if method is None:
        raise NoRelation(f"no index relation for {expr}")
    return method(ctx, *(relate(t, ctx, env) for t in expr.tensors))


def derive(z: View, wrt: str, seed: str, xs: tuple) -> list:
    """Chain rule for a forward z linear in ``wrt``: ∂J/∂wrt[xs] = Σ_i seed[i] ∂z[i]/∂wrt[xs].

    A factor ``σ(wrt)`` (an activation applied entrywise) differentiates to ``σ'(wrt)``
    at the same index.  The result is a list of terms over the entry ``xs``.
    """
    iv = tuple(fresh("i") for _ in z.shape)
    out = []
    for t in z.entry(iv):
        hits = [k for k, (name, _) in enumerate(t.factors) if name in (wrt, f"σ({wrt})")]
        if not hits:
            continue
        if len(hits) > 1:
            raise NoRelation(f"the forward is not linear in {wrt}")
        name, index = t.factors[hits[0]]
        rest = [f for k, f in enumerate(t.factors) if k != hits[0]]
        if name != wrt:
            rest.append((f"σ'({wrt})", index))
        rest.append((seed, iv))
        cons = tuple(eq(e, x) for e, x in zip(index, xs)) + in_range(iv, z.shape)
        out.append(Term(t.exists + iv, t.cons + cons, ()).with_factors(rest))
    return out
