r"""Exact values of the trees :mod:`symbp.check.calc_parse` reads, over a document's forward
definitions bound as a computation graph at one size.

Every entry of a named tensor is a SymPy symbol (``p[0]``, ``o[2]``); a defined entry's value
is its definition with the index letters instantiated.  ``∂A/∂B`` inside an expression is the
derivative of A — its definitions expanded down to B's entries, which are held as variables
— by B's entry (``sympy.diff``, exact).  :meth:`Evaluator.leaves` expands a value down to the
leaves and writes ``exp(x)`` of each leaf x as a positive symbol ``T_x``, so softmax,
cross-entropy, σ and tanh become rational functions in the T's and the other leaves, and
logarithms split (``log(T_i / S) = log T_i - log S``, T positive): two values are equal when
the numerator of their difference, put over one denominator, expands to 0.

>>> from symbp.check.calc_parse import parse_expression
>>> defs = {"p": (("i",), parse_expression(r"\frac{\exp(o_i)}{\sum_j \exp(o_j)}"))}
>>> ev = Evaluator(defs, 3)
>>> lhs = ev.leaves(ev.value(parse_expression(r"\frac{\partial p_i}{\partial o_k}"), {"i": 0, "k": 1}))
>>> rhs = ev.leaves(ev.value(parse_expression(r"-p_i p_k"), {"i": 0, "k": 1}))
>>> is_zero(lhs - rhs)
True
"""
from __future__ import annotations

import itertools

import sympy as sp

from .calc_activations import apply_named, general_derivatives, split_name
from .calc_dims import letter_size

MAX_DEPTH = 30
MAX_POWER = 12


class CalcEvalError(ValueError):
    """A tree this evaluator cannot give a value (an entry outside its tensor, a case with no
    matching row, a free index with no value)."""


def is_zero(expr) -> bool:
    """Exact: the numerator of ``expr`` over one denominator expands to 0."""
    num, _ = sp.fraction(sp.together(sp.expand_log(expr)))
    return sp.expand(num) == 0


class Evaluator:
    """Values at one size: ``defs`` maps a name to (index letters, tree); every index of
    every tensor runs over ``0 .. size - 1``; a written entry (``p_1``) is counted from
    ``base`` (1, or 0 on a page that writes ``y_0``: :func:`symbp.check.calc_dims.written_base`)."""

    def __init__(self, defs: dict, size: int, dims: dict | None = None, sigma: str = "sigmoid",
                 named: str = "general", base: int = 1, counts: dict | None = None, local: bool = False,
                 fixed: dict | None = None):
        self.defs, self.size, self.dims, self.sigma = defs, size, dims or {}, sigma
        self.fixed = fixed or {}              # {y: c}: the true class a forward's L_i = -log p_y reads
        self.base = base
        self.counts = {letter: lengths.pop() for letter, axes in (counts or {}).items()    # m in Σ_{i=1}^m: x's length
                       if len(lengths := {self.dim(*axis) for axis in axes}) == 1}
        self.local = local                    # ∂x̂_i/∂μ of a direct input: its own definition's partial
        self.named = named                    # what σ_h, σ_o are: their own functions, or the directive's
        self._symbols: dict = {}
        self._node: dict = {}                 # node symbol -> its definition's value
        self._names: dict = {}                # symbol -> (name, values)
        self._partials: dict = {}             # (numerator, wrt, env) -> derivative
        self._leaves: dict = {}               # value -> value in the leaves
        self._arity: dict = {}                # a name not defined -> how many indices it is written with

    # ------------------------------------------------------------------ entries
    def entry(self, name: str, values: tuple):
        key = (name, values)
        if name in self.counts and not values and name not in self.defs:
            return sp.Integer(self.counts[name])
        if key not in self._symbols:
            if any(v < 0 or v >= self.dim(name, pos) for pos, v in enumerate(values)):
                raise CalcEvalError(f"{_show(name, values, self.base)} is outside its tensor (indices from "
                                    f"{self.base} to {', '.join(str(self.dim(name, p) - 1 + self.base) for p in range(len(values)))})")
            seen = self._arity.setdefault(name, len(values)) if name not in self.defs else len(values)
            if seen != len(values):           # a_κ in ||a - y||^2, a_{ij} in the claim: which a is not known
                raise CalcEvalError(f"{name} is written with {len(values)} indices here and {seen} elsewhere")
            if name in self.defs and len(self.defs[name][0]) != len(values):    # checked before the entry is kept:
                raise CalcEvalError(f"{name} is defined with {len(self.defs[name][0])} indices but "   # a later
                                    f"written with {len(values)}")                  # claim asking again gets no symbol
            label = name if not values else f"{name}[{','.join(str(v + self.base) for v in values)}]"
            sym = sp.Symbol(label, real=True)
            self._symbols[key] = sym
            self._names[sym] = key
            if name in self.defs:
                letters, tree = self.defs[name]
                self._node[sym] = None                 # filled lazily (recursion guard)
                try:
                    self._node[sym] = self.value(tree, dict(zip(letters, values)))
                except CalcEvalError as err:           # z = w^T x + b: not evaluated here, raised where it
                    self._node[sym] = Unvalued(str(err))    # is needed (expand), else the node is a free value
        return self._symbols[key]

    def dim(self, name: str, pos: int) -> int:
        """The length of ``name``'s axis ``pos`` in this plan."""
        return self.dims.get((name, pos), self.size)

    def index_value(self, index, env) -> int:
        if all(letter is None for _, letter in index):  # p_1: a written entry, counted from base
            value = sum(coef for coef, _ in index)
            if value < self.base:
                raise CalcEvalError(f"the entry {value} (written entries are counted from {self.base} here)")
            return value - self.base
        total = 0
        for coef, letter in index:
            if letter is None:
                total += coef
            elif letter in env:
                total += coef * env[letter]
            elif letter in self.fixed:
                total += coef * self.fixed[letter]
            else:
                raise CalcEvalError(f"the index {letter} has no value here")
        return total

    # ------------------------------------------------------------------ values
    def value(self, tree, env: dict):
        """The exact value of ``tree`` with index letters bound by ``env`` (node symbols kept)."""
        kind = tree[0]
        if kind == "num":
            return tree[1]
        if kind == "ref":
            return self.entry(tree[1], tuple(self.index_value(ix, env) for ix in tree[2]))
        if kind == "add":
            return sp.Add(*[self.value(t, env) for t in tree[1]])
        if kind == "mul":
            return sp.Mul(*[self.value(t, env) for t in tree[1]])
        if kind == "neg":
            return -self.value(tree[1], env)
        if kind == "div":
            return self.value(tree[1], env) / self.value(tree[2], env)
        if kind == "pow":
            power = self.value(tree[2], env)
            if not power.is_Rational or abs(power) > MAX_POWER:
                raise CalcEvalError(f"a power {power} (only rational powers up to {MAX_POWER})")
            return self.value(tree[1], env) ** power
        if kind == "fn":
            return apply_function(tree[1], self.value(tree[2], env), self.sigma, self.named)
        if kind == "delta":
            return sp.Integer(int(self.index_value(tree[1], env) == self.index_value(tree[2], env)))
        if kind == "sum":
            var, cond, body = tree[1], tree[2], tree[3]
            total, length = [], letter_size([body], var, self.dims, self.size)
            if cond and cond[0] == "range" and cond[2] is not None and cond[2] - cond[1] + 1 != length:
                raise CalcEvalError(f"a sum over {var} = {cond[1]} … {cond[2]} where {var} runs over "
                                    f"{length} entries")
            for v in range(length):
                if cond and cond[0] == "ne" and env.get(cond[1]) == v:
                    continue
                total.append(self.value(body, {**env, var: v}))
            return sp.Add(*total)
        if kind == "cases":
            for value, cond in tree[1]:
                if cond is None or cond[0] == "otherwise" or _holds(cond, env):
                    return self.value(value, env)
            raise CalcEvalError("no row of the cases applies")
        if kind == "partial":
            return self.partial(tree[1], tree[2], env)
        if kind == "pick":                            # a vector written entry by entry
            if tree[1] not in env or len(tree[2]) != self.size:
                raise CalcEvalError(f"a vector of {len(tree[2])} written entries at size {self.size}")
            return self.value(tree[2][env[tree[1]]], env)
        raise CalcEvalError(f"'{kind}' has no value")

    def partial(self, numerator, wrt, env):
        """∂(numerator)/∂(wrt's entry): the numerator's definitions expanded down to wrt's
        name, which is held as the variable (cached: chain-rule rows repeat their factors)."""
        key = (repr(numerator), repr(wrt), tuple(sorted(env.items())))
        if key not in self._partials:
            self._partials[key] = self._partial(numerator, wrt, env)
        return self._partials[key]

    def _partial(self, numerator, wrt, env):
        from .calc_tree import may_read, names_in
        if self.local and direct_input(numerator, wrt, self.defs):     # ∂x̂_i/∂μ: μ's own path alone
            if numerator[0] == "ref":
                letters, tree = self.defs[numerator[1]]
                values = tuple(self.index_value(ix, env) for ix in numerator[2])
                own = self.value(tree, dict(zip(letters, values)))    # its inputs as symbols, held
            else:
                own = self.value(numerator, env)                      # ∂/∂μ [(x_i - μ)/√(σ² + ε)]
            return _primes(sp.diff(own, self.value(wrt, env)))
        if wrt[1] in self.defs and names_in(numerator) & self.upstream(wrt[1]):
            raise CalcEvalError(f"∂/∂{wrt[1]} of a quantity {wrt[1]} is computed from: the forward "
                                "gives no such derivative")
        if numerator[0] == "ref" and numerator[1] not in self.defs and numerator[1] != wrt[1] \
                and numerator[1] not in self.counts:          # ∂μ/∂x_i with μ never defined: not 0
            raise CalcEvalError(f"{numerator[1]} is not defined in this section, so ∂{numerator[1]}/∂"
                                f"{wrt[1]} is not read as 0 (write {numerator[1]}'s definition to check this)")
        reached = names_in(numerator).union(*[self.upstream(n) for n in names_in(numerator)])
        if wrt[1] in self.defs and wrt[1] not in reached:     # ∂E/∂X_1 with E defined without X:
            raise CalcEvalError(f"∂/∂{wrt[1]} of a quantity whose definition here does not go "   # not 0
                                f"through {wrt[1]} (define it through {wrt[1]} to check this)")
        if numerator[0] == "ref" and numerator[1] in self.defs and wrt[1] not in self.defs and wrt[1] not in reached:
            raise CalcEvalError(f"{numerator[1]}'s definitions here never reach {wrt[1]}, so ∂{numerator[1]}/∂"   # not 0
                                f"{wrt[1]} is not read as 0 (write how {wrt[1]} enters {numerator[1]} to check this)")
        var = self.value(wrt, env)
        top = self.expand(self.value(numerator, env), stop={wrt[1]},       # a node not evaluated stays free
                          free=lambda name: wrt[1] != name and wrt[1] not in self.upstream(name) and (   # unless wrt is
                              name in self.upstream(wrt[1]) or not may_read(self.defs[name][1], wrt[1])))   # in it, or may be
        return _primes(sp.diff(top, var))     # σ'(z) before z is expanded: no ∂/∂(w h + b)

    def upstream(self, name: str) -> set:
        """The names ``name``'s definition is computed from, transitively."""
        from .calc_tree import upstream
        return upstream(self.defs, name)

    def expand(self, expr, stop=frozenset(), free=None):
        """``expr`` with every node symbol whose name is not in ``stop`` replaced by its
        definition, repeatedly, down to the leaves (and the stopped names); a node whose definition
        could not be evaluated (:class:`Unvalued`) is kept as a free value where ``free(name)`` says it
        may be, else its error is raised."""
        memo: dict = {}

        def nodes(e):
            return [s for s in e.free_symbols if s in self._node and self._names[s][0] not in stop]

        def full(sym, depth):              # each node expanded once (o_j = softmax(z_j), z_j = Σ w o_i: a cycle)
            if sym in memo:
                if memo[sym] is None:
                    raise CalcEvalError("a definition refers to itself")
                return memo[sym]
            if depth > MAX_DEPTH:
                raise CalcEvalError("definitions nested too deeply")
            value, memo[sym] = self._node[sym], None
            if value is None:
                raise CalcEvalError("a definition refers to itself")
            if isinstance(value, Unvalued):
                if free is None or not free(self._names[sym][0]):
                    raise CalcEvalError(value.reason)
                memo[sym] = sym
                return sym
            memo[sym] = value.xreplace({s: full(s, depth + 1) for s in nodes(value)})
            return memo[sym]

        return expr.xreplace({s: full(s, 1) for s in nodes(expr)})

    def leaves(self, expr):
        """``expr`` in the leaves, with ``exp`` of a leaf written as a positive symbol."""
        if expr not in self._leaves:
            self._leaves[expr] = self._in_leaves(expr)
        return self._leaves[expr]

    def _in_leaves(self, expr):
        expr = _primes(self.expand(expr, free=lambda name: True))     # an unevaluated node: a free value
        expr = expr.replace(lambda e: isinstance(e, sp.tanh), lambda e: e.rewrite(sp.exp))
        expr = expr.replace(lambda e: isinstance(e, sp.exp) and isinstance(e.args[0], sp.Add),
                            lambda e: sp.Mul(*[sp.exp(a) for a in e.args[0].args]))
        inside, mixed = set(), set()
        for e in expr.atoms(sp.exp):          # exp(c·x) of one leaf x: x = log T_x, T_x > 0
            arg = e.args[0]
            (inside if len(arg.free_symbols) == 1 and arg.is_polynomial() and
             sp.degree(arg, *arg.free_symbols) == 1 else mixed).update(arg.free_symbols)
        subs = {x: sp.log(sp.Symbol(f"exp({x.name})", positive=True)) for x in inside - mixed}
        return expr.xreplace(subs)

    def symbol_of(self, name: str, values: tuple):
        return self._symbols.get((name, values))

    def kept_free(self, *exprs) -> dict:
        """{name: why} for the nodes ``exprs`` hold as free values (their definitions not evaluated here), also
        as the positive symbol ``exp(z)`` the leaves write for e^z."""
        free = {s.name: s for s in self._node if isinstance(self._node[s], Unvalued)}
        found = {free.get(s.name) or free.get(s.name[4:-1] if s.name.startswith("exp(") else "") for e in exprs
                 for s in e.free_symbols}
        return {self._names[s][0]: self._node[s].reason for s in found if s is not None}


class Unvalued:
    """A node whose definition was not evaluated at this size (``reason``): a free value in a comparison (an
    identity in it holds whatever its value), never expanded for a derivative that goes through it."""

    def __init__(self, reason: str):
        self.reason = reason


SIGMA, SIGMA_PRIME = sp.Function("σ"), sp.Function("σ'")     # an activation left general


def direct_input(numerator, wrt, defs) -> bool:
    """``∂A/∂B`` where B is an input of A's own definition (or of the expression A written out)
    and is tied to another of its inputs, computed from it or computing it (x̂_i = (x_i - μ) /
    √(σ² + ε) with μ, σ² computed from x): the partial of A's own definition, the other inputs
    held, and the total derivative through them then differ (or only the first exists)."""
    from .calc_tree import names_in, upstream
    if wrt[0] != "ref" or numerator[0] == "ref" and numerator[1] not in defs:
        return False
    inputs = names_in(defs[numerator[1]][1] if numerator[0] == "ref" else numerator)
    return wrt[1] in inputs and any((wrt[1] in upstream(defs, n) and _statistic(defs, n)) or
                                    (n in upstream(defs, wrt[1]) and _statistic(defs, wrt[1]))
                                    for n in inputs - {wrt[1]})


def _statistic(defs, name) -> bool:
    """A quantity computed over the batch (a sum in its definition, or a square root: μ, σ², σ): the
    other path a normalisation's local partial holds; a per-sample node (a residual's a_i) is none."""
    from .calc_tree import nodes
    return name in defs and any(n[0] == "sum" or square_root(n) for n in nodes(defs[name][1]))


_HALF = ("div", ("num", 1), ("num", 2))


def square_root(node) -> bool:
    r"""Whether a tree node is a power 1/2 or -1/2 (``\sqrt{…}`` as the tokens write it)."""
    return node[0] == "pow" and node[2] in (_HALF, ("neg", _HALF))


def _primes(expr):
    """``expr`` with each derivative of an activation left general written as its σ'."""
    expr = expr.replace(lambda e: isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)
                        and e.expr.expr.func == SIGMA, lambda e: SIGMA_PRIME(e.point[0]))
    expr = expr.replace(lambda e: isinstance(e, sp.Derivative) and e.expr.func == SIGMA
                        and e.expr.args[0] == e.variables[0], lambda e: SIGMA_PRIME(e.variables[0]))
    return general_derivatives(expr)


def apply_function(name: str, arg, sigma: str = "sigmoid", named: str = "general"):
    """exp, log, tanh, σ and σ' of an exact value; σ is the logistic sigmoid
    (1 / (1 + exp(-x))), tanh, or (``sigma="general"``) an unknown function with σ' its
    derivative; a named activation σ_h (:mod:`symbp.check.calc_activations`) is its own
    unknown function unless ``named`` is the directive's sigmoid or tanh."""
    if split_name(name) is not None:
        value = apply_named(name, arg, named)
        if value is not None:
            return value
        name, sigma = ("sigma'" if split_name(name)[1] else "sigma"), named
    if name == "exp":
        return sp.exp(arg)
    if name == "log":
        return sp.log(arg)
    if name in ("sigma", "sigma'") and sigma == "general":
        return (SIGMA if name == "sigma" else SIGMA_PRIME)(arg)
    u = sp.Dummy("u", real=True)
    form = sp.tanh(u) if sigma == "tanh" else 1 / (1 + sp.exp(-u))
    if name == "sigma":
        return form.xreplace({u: arg})
    if name == "sigma'":                   # the derivative of σ, derived here
        return sp.diff(form, u).xreplace({u: arg})
    if name == "tanh":
        return sp.tanh(arg)
    raise CalcEvalError(f"the function {name} is not read")


def _holds(cond, env) -> bool:
    a, b = env.get(cond[1]), env.get(cond[2])
    if a is None or b is None:
        raise CalcEvalError(f"the condition on {cond[1]}, {cond[2]} has no values here")
    return (a == b) if cond[0] == "eq" else (a != b)


def _show(name, values, base: int = 1) -> str:
    return name if not values else f"{name}_{{{','.join(str(v + base) for v in values)}}}"


def instances(letters, size: int, condition=None, lengths: dict | None = None):
    """Every assignment of ``letters`` to ``0 .. size-1`` (``lengths[letter]`` where given;
    a prose condition such as ``("eq", "i", "k")`` kept)."""
    letters = sorted(letters)
    lengths = lengths or {}
    for values in itertools.product(*[range(lengths.get(x, size)) for x in letters]):
        env = dict(zip(letters, values))
        if condition is not None and all(c in env for c in condition[1:]) and not _holds(condition, env):
            continue
        yield env
