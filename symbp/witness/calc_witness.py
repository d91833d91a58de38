r"""The second witness for a "holds" of the scalar-layer reader (:mod:`symbp.check.calc_graph`:
softmax, cross-entropy, σ, tanh and chain-rule rows written in index notation).

That reader proves a claim with SymPy: definitions expanded, ``sympy.diff`` for every
``∂A/∂B``, exp of each input written as a positive symbol, and an exact test that the
difference is 0.  Here both sides are evaluated again, by other means, at one random point:

* numbers (``mpmath`` at 60 digits), not symbols: every leaf a random value (a target that
  the proof assumed to sum to 1 is drawn on the simplex);
* a definition is evaluated by walking its tree with plain loops written here;
* ``∂A/∂B`` is a central finite difference: B's entry is moved by ±h and A re-evaluated
  with that entry held (everything that depends on it recomputed), h = 1e-20, so the error
  is far below the 1e-15 tolerance.

A disagreement raises :class:`symbp.witness.WitnessError` (an internal error, exit 3), never
a verdict.

>>> from symbp.check.calc_parse import parse_expression as P
>>> defs = {"p": (("i",), P(r"\frac{\exp(o_i)}{\sum_j \exp(o_j)}"))}
>>> confirm_calc("demo", defs, 3, P(r"\frac{\partial p_i}{\partial o_k}"),
...              P(r"p_i(\delta_{ik} - p_k)"), [{"i": 0, "k": 1}])       # agrees: quiet
"""
from __future__ import annotations

import itertools
import random
import zlib

import mpmath

from ..check.calc_activations import split_name, witness_function
from ..check.calc_dims import letter_size
from . import WitnessError

STEP = mpmath.mpf("1e-20")
TINY = mpmath.mpf("1e-35")        # below it a value is a rounded 0 (a mean of ±x): the plain step
TOLERANCE = mpmath.mpf("1e-15")


def confirm_calc(claim: str, defs: dict, size: int, lhs, rhs, envs, target=None,
                 dims: dict | None = None, sigma: str = "sigmoid", named: str = "general",
                 base: int = 1, counts: dict | None = None, local: bool = False, fixed=(), free=frozenset()) -> None:
    """Raise WitnessError unless ``lhs`` and ``rhs`` agree numerically at every index
    assignment in ``envs`` at a random point (seeded by the claim's text); written entries
    are counted from ``base``; ``counts`` gives letters their values (m in Σ_{i=1}^m: the
    length); ``local``: ∂A/∂B of an input B of A's own definition holds A's other inputs."""
    for scale in (10, 200):                  # a second point of small leaves where the first saturates (σ(e^{16}) = 1)
        with mpmath.workdps(60):
            rng = random.Random(zlib.crc32(claim.encode()))
            walker = _Walker(defs, size, rng, target, dims or {})
            walker.sigma, walker.named, walker.base, walker.local = sigma, named, base, local
            walker.free, walker.scale = set(free), scale     # nodes the exact check held free: random values here too
            walker.leaf.update({(letter, ()): mpmath.mpf(n) for letter, n in (counts or {}).items()})
            differs = None
            for env in envs:
                walker.fixed = {x: env[x] for x in fixed}      # the true class a forward's -log p_y reads
                a, b = walker.value(lhs, env, {}), walker.value(rhs, env, {})
                if abs(a - b) > TOLERANCE * (1 + abs(a)):
                    differs = (f"{claim}: the scalar-layer witness disagrees at {env} "
                               f"(C = {size}): {mpmath.nstr(a, 12)} against {mpmath.nstr(b, 12)}")
                    break
        if differs is None:
            return
    raise WitnessError(differs)


class _Walker:
    def __init__(self, defs, size, rng, target, dims):
        self.defs, self.size, self.rng, self.dims = defs, size, rng, dims
        self.leaf: dict = {}
        self.target = target                # (name, axis, rank): lines summing to 1
        self.base = 1                       # where written entries start
        self.fixed: dict = {}               # {y: c}: the true class, for the forward's letters
        self.free: set = set()              # defined names read as free values (not evaluated)
        self.scale = 10                     # leaves drawn from ±2 (10), or ±0.1 (200)

    def index(self, ix, env):
        if all(letter is None for _, letter in ix):      # a written entry, counted from base
            return sum(coef for coef, _ in ix) - self.base
        total = 0
        for coef, letter in ix:
            total += coef if letter is None else coef * (env[letter] if letter in env else self.fixed[letter])
        return total

    def entry(self, name, vals, held):
        if (name, vals) in held:
            return held[(name, vals)]
        if any(v < 0 or v >= self.dims.get((name, p), self.size) for p, v in enumerate(vals)):
            raise WitnessError(f"{name}{vals} outside its tensor in the witness")
        if name in self.defs and name not in self.free and self.defs[name][1][0] != "unread":   # a row not read: free
            letters, tree = self.defs[name]
            return self.value(tree, dict(zip(letters, vals)), held)
        if self.target is not None and name == self.target[0] and (name, vals) not in self.leaf:
            axis = self.target[1]
            count = self.dims.get((name, axis), self.size)
            raw = [mpmath.mpf(self.rng.randint(1, 9)) for _ in range(count)]
            for v in range(count):                        # the whole line, on the simplex
                self.leaf[(name, vals[:axis] + (v,) + vals[axis + 1:])] = raw[v] / sum(raw)
        if (name, vals) not in self.leaf:
            self.leaf[(name, vals)] = mpmath.mpf(self.rng.randint(-20, 20)) / self.scale + mpmath.mpf("0.5") / self.scale
        return self.leaf[(name, vals)]

    def value(self, tree, env, held):
        kind = tree[0]
        if kind == "num":
            return mpmath.mpf(int(tree[1].p)) / int(tree[1].q)
        if kind == "ref":
            return self.entry(tree[1], tuple(self.index(ix, env) for ix in tree[2]), held)
        if kind == "add":
            total = mpmath.mpf(0)
            for t in tree[1]:
                total += self.value(t, env, held)
            return total
        if kind == "mul":
            prod = mpmath.mpf(1)
            for t in tree[1]:
                prod *= self.value(t, env, held)
            return prod
        if kind == "neg":
            return -self.value(tree[1], env, held)
        if kind == "div":
            return self.value(tree[1], env, held) / self.value(tree[2], env, held)
        if kind == "pow":
            return mpmath.power(self.value(tree[1], env, held), self.value(tree[2], env, held))
        if kind == "fn":
            x = self.value(tree[2], env, held)
            label = split_name(tree[1])
            if label is not None and self.named == "general":      # σ_h: a stand-in of its own
                return witness_function(label[0])[label[1]](x)
            mode = self.named if label is not None else self.sigma
            kind = ("sigma'" if label[1] else "sigma") if label is not None else tree[1]
            if mode == "tanh":
                sig, dsig = mpmath.tanh(x), 1 - mpmath.tanh(x) ** 2
            elif mode == "general":        # any smooth σ will do for an identity in σ
                sig, dsig = mpmath.atan(1.3 * x + 0.2), 1.3 / (1 + (1.3 * x + 0.2) ** 2)
            else:
                sig = 1 / (1 + mpmath.exp(-x))
                dsig = sig * (1 - sig)
            return {"exp": lambda: mpmath.exp(x), "log": lambda: mpmath.log(x),
                    "sigma": lambda: sig, "sigma'": lambda: dsig,
                    "tanh": lambda: mpmath.tanh(x)}[kind]()
        if kind == "delta":
            return mpmath.mpf(int(self.index(tree[1], env) == self.index(tree[2], env)))
        if kind == "sum":
            total = mpmath.mpf(0)
            for v in range(letter_size([tree[3]], tree[1], self.dims, self.size)):
                if tree[2] and tree[2][0] == "ne" and env[tree[2][1]] == v:
                    continue
                total += self.value(tree[3], {**env, tree[1]: v}, held)
            return total
        if kind == "cases":
            for value, cond in tree[1]:
                if cond is None or cond[0] == "otherwise" or \
                        ((env[cond[1]] == env[cond[2]]) == (cond[0] == "eq")):
                    return self.value(value, env, held)
            raise WitnessError("no row of the cases applies in the witness")
        if kind == "partial":
            wrt = tree[2]
            key = (wrt[1], tuple(self.index(ix, env) for ix in wrt[2]))
            base = self.entry(*key, held)
            held = {**held, **self._own_inputs(tree[1], wrt, held)}
            step = STEP * abs(base) if TINY < abs(base) < 1 else STEP   # a tiny softmax entry (1e-23): a step
            up = self.value(tree[1], env, {**held, key: base + step})   # below it, never across 0 (log of < 0)
            down = self.value(tree[1], env, {**held, key: base - step})
            return (up - down) / (2 * step)
        if kind == "pick":                       # a vector written entry by entry
            return self.value(tree[2][env[tree[1]]], env, held)
        raise WitnessError(f"the witness has no meaning for '{kind}'")

    def _own_inputs(self, numerator, wrt, held) -> dict:
        """In ``local`` mode, for ∂A/∂B with B an input of A's own definition: every entry of
        A's other defined inputs at its value, held while B moves (none otherwise)."""
        from ..check.calc_exact import direct_input
        from ..check.calc_tree import names_in
        if not getattr(self, "local", False) or not direct_input(numerator, wrt, self.defs):
            return {}
        out = {}
        inputs = names_in(self.defs[numerator[1]][1] if numerator[0] == "ref" else numerator)
        for name in inputs - {wrt[1]}:
            if name not in self.defs:
                continue
            axes = [range(self.dims.get((name, p), self.size)) for p in range(len(self.defs[name][0]))]
            for vals in itertools.product(*axes):
                out[(name, vals)] = self.entry(name, vals, held)
        return out



def confirm_scalar_function(claim: str, sides: list, variable, points=(-1.3, 0.4, 1.7)) -> None:
    r"""Raise WitnessError unless the sides of a one-variable claim agree in numbers at a few
    points.  ``sides`` are SymPy expressions in ``variable`` whose derivatives are left
    unevaluated (``Derivative``, ``Subs``): here each is a numerical derivative (mpmath, 60
    digits) of the function's values, not SymPy's ``diff`` that the proof used.

    >>> import sympy
    >>> z = sympy.Symbol("z")
    >>> g = 1 / (1 + sympy.exp(-z))
    >>> confirm_scalar_function("demo", [sympy.Derivative(g, z), g * (1 - g)], z)
    """
    import sympy as sp
    with mpmath.workdps(60):
        for x in points:
            values = [_number(side, {variable: mpmath.mpf(x)}, sp) for side in sides]
            for k, value in enumerate(values[1:], start=2):
                if abs(value - values[0]) > mpmath.mpf("1e-20") * (1 + abs(values[0])):
                    raise WitnessError(f"{claim}: the one-variable witness disagrees on side {k} at "
                                       f"{variable} = {x}: {mpmath.nstr(values[0], 12)} against "
                                       f"{mpmath.nstr(value, 12)}")


def _number(expr, at: dict, sp):
    """The value of ``expr`` at ``at`` (symbol -> mpf), derivatives by numbers."""
    if isinstance(expr, sp.Derivative):
        (var, order), = expr.variable_count
        def f(y):
            return _number(expr.expr, {**at, var: y}, sp)
        x = at[var]
        if order == 1:                    # central differences: error h², far below 1e-20
            return (f(x + STEP) - f(x - STEP)) / (2 * STEP)
        if order == 2:
            h = mpmath.mpf("1e-12")
            return (f(x + h) - 2 * f(x) + f(x - h)) / h ** 2
        raise WitnessError(f"the one-variable witness has no derivative of order {order}")
    if isinstance(expr, sp.Subs):
        point = {v: _number(p, at, sp) for v, p in zip(expr.variables, expr.point)}
        return _number(expr.expr, {**at, **point}, sp)
    if expr.has(sp.Derivative, sp.Subs):
        return _number(expr.func(*[sp.Float(_number(a, at, sp), 60) if a.has(sp.Derivative, sp.Subs) or
                                   a.free_symbols else a for a in expr.args]), at, sp)
    value = expr.evalf(60, subs={k: sp.Float(v, 60) for k, v in at.items()})
    if value.free_symbols or not value.is_number:
        raise WitnessError(f"the one-variable witness cannot evaluate {expr}")
    return mpmath.mpf(str(sp.re(value)))
