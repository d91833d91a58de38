r"""Evaluation of index-notation trees (:mod:`symbp.check.index_claims`) in a document context
(:class:`symbp.check.doc_names.DocContext`): every free index instantiated over the range of the
tensor it indexes on the left, sums over their written bounds or, with none written, over
where their tensors exist (zero outside), both sides compared exactly with
``expand(lhs - rhs) == 0``.  A written bound that reaches an entry that does not exist
refutes the claim with that entry named.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    >>> check_index_claim(r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n}",
    ...                   ctx).verdict
    'holds'
"""
from __future__ import annotations

import itertools
import re
from fractions import Fraction
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .index_claims import Grad, IndexError_, Jac, Op, OutOfRange, Ref, Sum, free_vars, names_in, parse

MAX_INSTANCES = 20_000          # free-index instantiations × sum terms per side


@dataclass
class Outcome:
    verdict: str            # holds | refuted | unchecked
    detail: str


class Evaluator:
    """Both sides of a claim as SymPy values in one :class:`symbp.check.doc_names.DocContext`."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.explicit: set[str] = set()
        self._uses: dict = {}

    def index(self, e, env) -> int:
        v = self.scalar_index(e, env)
        if isinstance(v, Fraction):
            if v.denominator != 1:
                raise IndexError_(f"index {v} is not a whole number")
            return int(v)
        return v

    def scalar_index(self, e, env):
        """Integer arithmetic on plain ints (Fraction for a division)."""
        if isinstance(e, Ref) and e.idx is None:
            if e.name in env:
                return env[e.name]
            if e.name in self.ctx.symbols:
                return self.ctx.symbols[e.name]
            raise IndexError_(f"the index or size '{e.name}' is not bound (say what it is in a "
                              f"directive, e.g. <!-- symbp: names: {e.name}=input.rows -->)")
        if isinstance(e, (int, sp.Integer)):
            return int(e)
        if isinstance(e, Op):
            vals = [self.scalar_index(a, env) for a in e.args]
            if e.kind == "add":
                return sum(vals)
            if e.kind == "neg":
                return -vals[0]
            if e.kind == "mul":
                out = 1
                for v in vals:
                    out *= v
                return out
            if e.kind == "div" and vals[1] != 0:
                return Fraction(vals[0]) / Fraction(vals[1])
        raise IndexError_("an index that is not integer arithmetic")

    def uses(self, exprs) -> set:
        key = id(exprs)
        if key not in self._uses:
            self._uses[key] = (set().union(set(), *(names_in(e) for e in exprs)), exprs)
        return self._uses[key][0]

    def guarded(self, fn, exprs):
        """fn(); an entry outside its tensor is zero unless written bounds reached it."""
        try:
            return fn()
        except OutOfRange as err:
            reached = self.uses(exprs) & self.explicit
            if reached:
                raise OutOfRange(f"{err}, reached by the written bounds of "
                                 f"{', '.join(sorted(reached))}") from None
            return sp.Integer(0)

    def value(self, n, env):
        if isinstance(n, (int, sp.Integer)):
            return sp.Integer(n)
        if isinstance(n, Ref):
            return self.ref(n, env)
        if isinstance(n, Grad):
            r = n.ref
            return self.guarded(lambda: self.ctx.grad(r.name, r.label, self.positions(r, env)),
                                r.idx or ())
        if isinstance(n, Jac):
            t, b = n.top, n.bottom
            return self.guarded(lambda: self.ctx.jacobian(t.name, t.label, self.positions(t, env),
                                                          b.name, b.label, self.positions(b, env)),
                                (t.idx or ()) + (b.idx or ()))
        if isinstance(n, Sum):
            return self.sum(n, env)
        if isinstance(n, Op):
            return self.op(n, env)
        raise IndexError_(f"cannot evaluate {type(n).__name__}")

    def positions(self, ref: Ref, env):
        if ref.idx is None:
            return None
        return tuple(self.index(e, env) for e in ref.idx)

    def ref(self, r: Ref, env):
        if r.idx is None and r.name in env:
            return sp.Integer(env[r.name])
        if r.idx is None and r.name in self.ctx.symbols:
            return sp.Integer(self.ctx.symbols[r.name])
        if r.name == r"\delta" and r.label is None and r.idx is not None and len(r.idx) == 2 \
                and self.ctx.layer == "fc":
            a, b = (self.index(e, env) for e in r.idx)                 # Kronecker delta
            return sp.Integer(int(a == b))
        return self.guarded(lambda: self.ctx.entry(r.name, r.label, self.positions(r, env)),
                            r.idx or ())

    def sum(self, n: Sum, env):
        ranges = []
        for v in n.vars:
            if n.lo is not None or n.hi is not None:
                lo = self.index(n.lo, env) if n.lo is not None else self.ctx.base
                if n.hi is None:
                    raise IndexError_(f"the sum over {v} has a lower bound but no upper bound")
                ranges.append(range(lo, self.index(n.hi, env) + 1))
                self.explicit.add(v)
            else:
                ranges.append(None)
        ranges = [self.implicit_range(v, n.body, env) if r is None else r
                  for v, r in zip(n.vars, ranges)]
        count = 1
        for r in ranges:
            count *= max(len(r), 1)
        if count > MAX_INSTANCES:
            raise IndexError_("a sum with too many terms")
        terms = []
        for combo in itertools.product(*ranges):
            v = self.value(n.body, {**env, **dict(zip(n.vars, combo))})
            if not (isinstance(v, (int, sp.Integer)) and v == 0):
                terms.append(v)
        if any(isinstance(t, np.ndarray) for t in terms):
            return _combine(terms, lambda xs: sp.Add(*xs)) if terms else sp.Integer(0)
        return sp.Add(*terms)

    def implicit_range(self, var, body, env) -> range:
        """Where ``var`` can take a sum without written bounds: the values that keep every
        entry a product factor indexes with ``var ± (known)`` inside its tensor (the other
        terms are zero); with no such factor, a range wider than every tensor."""
        span = self.ctx.span()
        lo, hi = -span, 2 * span
        factors = body.args if isinstance(body, Op) and body.kind == "mul" else (body,)
        for f in factors:
            for ref in _factor_refs(f):
                for axis, e in enumerate(ref.idx or ()):
                    names = names_in(e)
                    if var not in names or any(x != var and x not in env and x not in self.ctx.symbols
                                               for x in names):
                        continue
                    bounds = self.ctx.axis_bounds(ref.name, ref.label, axis)
                    if bounds is None:
                        continue
                    try:
                        at0 = self.scalar_index(e, {**env, var: 0})
                        slope = self.scalar_index(e, {**env, var: 1}) - at0
                    except IndexError_:
                        continue
                    first, size = bounds
                    if slope == 1:
                        lo, hi = max(lo, first - at0), min(hi, first - at0 + size)
                    elif slope == -1:
                        lo, hi = max(lo, at0 - first - size + 1), min(hi, at0 - first + 1)
        return range(int(lo), int(max(lo, hi)))

    def op(self, n: Op, env):
        k = n.kind
        if k == "add":
            return _combine([self.value(a, env) for a in n.args], lambda xs: sp.Add(*xs))
        if k == "neg":
            v = self.value(n.args[0], env)
            return _combine([v], lambda xs: -xs[0])
        if k == "mul":
            return self.product(n.args, env)
        if k == "div":
            a, b = (self.value(x, env) for x in n.args)
            if isinstance(b, np.ndarray) or b == 0:
                raise IndexError_("a division by a tensor or by zero")
            return _combine([a], lambda xs: xs[0] / b)
        if k == "iverson":
            a, b = (self.index(x, env) for x in n.args)
            return sp.Integer(int(a == b))
        if k == "func":
            name, primes, arg = n.args
            if not isinstance(arg, Ref):
                raise IndexError_(f"{name}' of an expression")
            return self.guarded(lambda: self.ctx.activation(name, primes, arg, self.positions(arg, env)),
                                arg.idx or ())
        if k in ("corr", "conv", "star"):
            a, b = self.value(n.args[0], env), self.value(n.args[1], env)
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
                raise IndexError_("a convolution of entries")
            mode = "true" if k == "conv" or (k == "star" and self.ctx.convention == "true") else "cross"
            return correlate(a, b, mode, n.args[2] if len(n.args) > 2 else "valid")
        if k == "rot":
            a = self.value(n.args[0], env)
            return a[..., ::-1, ::-1].copy()
        if k == "transpose":
            return self.value(n.args[0], env).T
        if k == "hadamard":
            a, b = self.value(n.args[0], env), self.value(n.args[1], env)
            if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape != b.shape:
                raise OutOfRange(f"⊙ of shapes {a.shape} and {b.shape}")
            return a * b
        if k == "matrix":
            rows = [[self.value(c, env) for c in row] for row in n.args]
            out = np.empty((len(rows), len(rows[0])), dtype=object)
            for i, row in enumerate(rows):
                for j, c in enumerate(row):
                    if isinstance(c, np.ndarray):
                        raise IndexError_("a tensor inside a matrix")
                    out[i, j] = c
            return out
        if k == "dop":
            bottom, body = n.args
            wrt = self.ctx.entry(bottom.name, bottom.label, self.positions(bottom, env))
            return _combine([self.value(body, env)], lambda xs: sp.diff(xs[0], wrt))
        if k == "call":
            whole = self.value(n.args[0], env)
            pos = tuple(self.index(e, env) - self.ctx.base for e in n.args[1])
            if not isinstance(whole, np.ndarray) or len(pos) != whole.ndim or \
                    any(not 0 <= p < s for p, s in zip(pos, whole.shape)):
                raise OutOfRange(f"entry {tuple(p + self.ctx.base for p in pos)} of a result")
            return whole[pos]
        if k == "jacof":
            raise IndexError_("∂ of an expression (∂(…)/∂x) is not read; symbp derives it from the forward")
        raise IndexError_(f"'{k}' is not understood here")

    def product(self, args, env):
        vals = []
        for a in args:                      # entries first: a zero ends the product early
            v = self.value(a, env)
            if isinstance(v, (int, sp.Integer)) and v == 0:
                return sp.Integer(0)
            vals.append(v)
        arrays = [v for v in vals if isinstance(v, np.ndarray)]
        scalar = sp.Mul(*[v for v in vals if not isinstance(v, np.ndarray)])
        if not arrays:
            return scalar
        if len(arrays) == 1:
            return _combine([arrays[0]], lambda xs: scalar * xs[0])
        if len(arrays) == 2 and self.ctx.layer == "fc":
            a, b = arrays
            if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
                raise OutOfRange(f"a product of a {a.shape} and a {b.shape} matrix")
            return _combine([a.dot(b)], lambda xs: scalar * xs[0])
        raise IndexError_("a product of two tensors (write * or ⊙ for convolution or the "
                          "entrywise product)")


def _combine(vals, fn):
    arrays = [v for v in vals if isinstance(v, np.ndarray)]
    if not arrays:
        return fn(vals)
    shape = arrays[0].shape
    if any(a.shape != shape for a in arrays):
        raise OutOfRange(f"adding tensors of shapes {' and '.join(str(a.shape) for a in arrays)}")
    out = np.empty(shape, dtype=object)
    for ix in np.ndindex(*shape):
        out[ix] = fn([v[ix] if isinstance(v, np.ndarray) else v for v in vals])
    return out


def correlate(x: np.ndarray, k: np.ndarray, mode: str = "cross", shape: str = "valid") -> np.ndarray:
    """2-D cross-correlation (mode 'cross') or true convolution ('true') of object matrices;
    shape 'valid', 'full' or 'same' as in MATLAB's conv2.

    >>> correlate(np.array([[1, 2], [3, 4]], dtype=object), np.array([[1]], dtype=object)).tolist()
    [[1, 2], [3, 4]]
    """
    if x.ndim != 2 or k.ndim != 2:
        raise IndexError_("a convolution of tensors that are not matrices")
    kk = k[::-1, ::-1] if mode == "true" else k
    kh, kw = kk.shape
    h, w = x.shape
    if shape in ("full", "same"):
        pad = np.full((h + 2 * (kh - 1), w + 2 * (kw - 1)), sp.Integer(0), dtype=object)
        pad[kh - 1:kh - 1 + h, kw - 1:kw - 1 + w] = x
        x = pad
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if oh < 1 or ow < 1:
        raise OutOfRange(f"the {kh}x{kw} kernel is larger than the {h}x{w} input")
    out = np.empty((oh, ow), dtype=object)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = sp.Add(*[x[i + m, j + n] * kk[m, n] for m in range(kh) for n in range(kw)])
    if shape == "same":                     # MATLAB: the central part, the size of x
        r0, c0 = kh // 2, kw // 2
        out = out[r0:r0 + h, c0:c0 + w]
    return out


_LEAD = re.compile(r"^\s*(?:=\s*>|\\implies|\\Rightarrow|\\Longrightarrow|\\therefore|\\to|>)\s*")


def check_index_claim(latex: str, ctx, last_lhs=None) -> Outcome:
    """Verdict on ``lhs = rhs [= rhs2 ...]`` read in ``ctx`` (a DocContext) at its sizes.

    ``last_lhs``: the left side an equation starting with ``=`` continues.  Sides this reader
    cannot take are skipped and named; IndexError_ when the left side or no right side is read.
    """
    from .latex_atoms import LatexAtomError, split_top_level
    latex = _LEAD.sub("", latex)
    try:
        sides = split_top_level(latex, ("=", r"\equiv"))
    except LatexAtomError as err:
        return Outcome("unchecked", f"malformed LaTeX: {err}")
    if len(sides) < 2:
        return Outcome("unchecked", "not an equation")
    if not sides[0].strip():
        if last_lhs is None:
            return Outcome("unchecked", "continues an equation, but no left side came before")
        sides[0] = last_lhs
    names, losses = ctx.tensor_names(), ctx.losses()
    trees, skipped = [parse(_LEAD.sub("", sides[0]), names, losses)], []
    for k, side in enumerate(sides[1:], start=2):
        try:
            trees.append(parse(_LEAD.sub("", side), names, losses))
        except IndexError_ as err:
            skipped.append(f"side {k} not read: {err}")
    trees, maps = _one_map(trees)
    if maps:
        skipped.append(f"read for one map: the subscript {maps} that every tensor carries")
    if len(trees) < 2:
        raise IndexError_(skipped[0] if skipped else "nothing to compare")
    if re.search(r"_\s*\{?\s*z?\d", latex) and len(_cached_instances(ctx)) > 1:
        return Outcome("unchecked", "entries with numbers need the layer's sizes: add "
                                    "<!-- symbp: layer=conv2d input=HxW kernel=KxK -->")
    results = []
    for setup in _cached_instances(ctx):
        setup.set_current(_all_refs(trees))
        free = free_vars(trees[0])
        for k, rhs in enumerate(trees[1:], start=1):
            extra = [v for v in free_vars(rhs) if v not in free and v not in setup.symbols]
            if extra:
                raise IndexError_(f"index {', '.join(extra)} is free on the right but not on the left")
            try:
                results.append(_compare(setup, trees[0], rhs, free, k))
            except IndexError_ as err:
                if len(trees) == 2:
                    raise
                skipped.append(f"side {k + 1} not read: {err}")
    if not results:
        raise IndexError_("; ".join(skipped) or "nothing to compare")
    note = f" ({'; '.join(dict.fromkeys(skipped))})" if skipped else ""
    refuted = [r for r in results if r.verdict == "refuted"]
    if refuted and not ctx.settings.get("base_given") and ctx.layer != "fc":
        other = 1 - ctx.base
        twin = type(ctx)(ctx.roles, {**ctx.settings, "index_base": other, "base_given": True})
        try:
            if check_index_claim(latex, twin, last_lhs).verdict == "holds":
                return Outcome("unchecked", f"holds only if the indices start at {other} "
                                            f"(add <!-- symbp: index_base={other} -->)")
        except (IndexError_, OutOfRange):
            pass
    if refuted:
        return Outcome("refuted", refuted[0].detail + note)
    if any(r.verdict != "holds" for r in results):
        return next(r for r in results if r.verdict != "holds")
    detail = results[0].detail
    if len(_cached_instances(ctx)) > 1 or (ctx.layer != "fc" and not (
            ctx.settings.get("input") and ctx.settings.get("kernel"))):
        sizes = "; ".join(i.describe().split(",")[0].strip("(") + " with " +
                          i.describe().split(",")[1].strip() for i in _cached_instances(ctx))
        detail = detail.split(" (")[0] + f"; no sizes given: checked at {sizes}"
    return Outcome("holds", detail + note)


def _factor_refs(f) -> list:
    """The refs a product factor needs in range for the factor to be non-zero."""
    if isinstance(f, Ref):
        return [f] if f.idx is not None else []
    if isinstance(f, Grad):
        return [f.ref]
    if isinstance(f, Jac):
        return [f.top, f.bottom]
    if isinstance(f, Op) and f.kind == "func":
        return _factor_refs(f.args[2])
    if isinstance(f, Op) and f.kind == "mul":
        return [r for a in f.args for r in _factor_refs(a)]
    if isinstance(f, Sum):              # every term of an inner sum carries its body's factors
        return _factor_refs(f.body)
    return []


def _one_map(trees):
    """``δ_j^l = f'(u_j^l) ⊙ conv2(δ_j^{l+1}, rot180(k_j^{l+1}))``: every tensor carries the same
    lone map subscript j, used nowhere else; read the claim for one map (drop j)."""
    refs = _all_refs(trees)
    tensors = [r for r in refs if r.idx is not None]
    subs = {r.idx[0].name for r in tensors if len(r.idx) == 1 and isinstance(r.idx[0], Ref)
            and r.idx[0].idx is None}
    if len(subs) != 1 or any(len(r.idx) != 1 for r in tensors) or len(tensors) < 2:
        return trees, None
    var = next(iter(subs))
    if any(r.name == var and r.idx is None for r in refs if r not in tensors and
           not any(r is t.idx[0] for t in tensors)):
        return trees, None

    def strip(n):
        if isinstance(n, Ref):
            return Ref(n.name, n.label, None) if n.idx is not None and len(n.idx) == 1 and \
                n.idx[0] == Ref(var, None, None) else n
        if isinstance(n, Grad):
            return Grad(strip(n.ref))
        if isinstance(n, Jac):
            return Jac(strip(n.top), strip(n.bottom))
        if isinstance(n, Sum):
            return Sum(n.vars, n.lo, n.hi, strip(n.body))
        if isinstance(n, Op):
            return Op(n.kind, tuple(strip(a) if isinstance(a, (Ref, Grad, Jac, Sum, Op)) else a
                                    for a in n.args))
        return n
    return [strip(t) for t in trees], var


def _cached_instances(ctx) -> list:
    """ctx.instances(), built once per context (the grads are cached on each instance)."""
    found = getattr(ctx, "_instances", None)
    if found is None:
        found = ctx._instances = ctx.instances()
    return found


def _all_refs(trees) -> list:
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


def _compare(setup, lhs, rhs, free, k, other=True) -> Outcome:
    ev = Evaluator(setup)
    domains = setup.domains(lhs, free, ev.positions)
    compared = 0
    for combo in itertools.product(*domains):
        env = dict(zip(free, combo))
        where = ", ".join(f"{v}={c}" for v, c in env.items()) or "the claim"
        try:
            left = ev.value(lhs, env)
        except OutOfRange:
            continue
        try:
            right = ev.value(rhs, env)
        except OutOfRange as err:
            return Outcome("refuted", f"side {k + 1} at {where}: {err} {setup.describe()}")
        if isinstance(left, np.ndarray) and left.size == 1 and not isinstance(right, np.ndarray):
            left = left.ravel()[0]
        if isinstance(right, np.ndarray) and right.size == 1 and not isinstance(left, np.ndarray):
            right = right.ravel()[0]
        if isinstance(left, np.ndarray) != isinstance(right, np.ndarray) or (
                isinstance(left, np.ndarray) and left.shape != right.shape):
            return Outcome("refuted", f"side {k + 1} at {where}: shape {np.shape(right)} where "
                                      f"the left side is {np.shape(left)} {setup.describe()}")
        pairs = zip(np.ravel(left), np.ravel(right)) if isinstance(left, np.ndarray) else [(left, right)]
        for n_entry, (a, b) in enumerate(pairs):
            compared += 1
            if sp.expand(a - b) != 0:
                entry = f" entry {np.unravel_index(n_entry, left.shape)}" if isinstance(left, np.ndarray) else ""
                hint = ""
                twin = setup.other_convention() if other else None
                if twin is not None:
                    try:
                        twin.set_current(_all_refs([lhs, rhs]))
                        if _compare(twin, lhs, rhs, free, k, other=False).verdict == "holds":
                            hint = f"; it holds under {twin.convention}-correlation".replace(
                                "true-correlation", "true convolution")
                    except (IndexError_, OutOfRange):
                        pass
                return Outcome("refuted", f"side {k + 1} at {where}{entry}: derived {_short(a)}, "
                                          f"claimed {_short(b)} {setup.describe()}{hint}")
    if compared == 0:
        return Outcome("unchecked", "no entry to compare")
    return Outcome("holds", f"{compared} entries equal {setup.describe()}")


def _short(e) -> str:
    s = str(e)
    return s if len(s) < 90 else s[:87] + "..."
