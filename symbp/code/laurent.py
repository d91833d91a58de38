"""Exact rational functions of variables and their exponentials, plus logarithms of
positive polynomials: the fast exact representation behind :mod:`symbp.code.fastproof`.

A :class:`Form` is ``num/den + Σ_P c_P log P + Σ_q k_q log q``:

* ``num``, ``den``: Laurent polynomials (dicts monomial -> rational coefficient) in the
  variables x_i (the inputs) and t_i = e^{x_i}, each treated as an independent formal
  variable.  A formal identity of rational functions in (x, t) stays an identity after
  substituting t = e^x, so equal Forms prove equal expressions (wherever the denominators
  are non-zero); unequal Forms prove nothing and the caller falls back to SymPy.
* ``den`` is kept normalised (every variable's least exponent 0, the coefficient of its
  least monomial 1), so equal rational functions usually share the same ``den`` and
  compare by ``num`` alone; otherwise they are compared by cross-multiplication.
* ``logs``: log P for normalised polynomials P with positive coefficients in positive
  variables only (t_i, or symbols declared positive such as ε), hence P > 0 and
  log(c·t^e·P/Q) = log c + e·x + log P − log Q exactly.  ``consts``: log q for rationals
  q > 0 other than 1.

Anything else (square roots, e^{x/2}, e^{x²}, the log of a polynomial that may be
negative, a product of two logarithms) raises :class:`NotRepresentable`.  Sums are
never expanded through SymPy; products multiply dicts; shared subexpressions are
converted once (memoised per trace node and per SymPy expression).

Example::

    >>> reg = Registry()
    >>> x, y = sp.symbols("x y")
    >>> a = reg.from_sympy(sp.exp(x) / (sp.exp(x) + sp.exp(y)))
    >>> b = reg.from_sympy(1 / (1 + sp.exp(y - x)))
    >>> equal(a, b)
    True
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

ONE_MONO = ()
ONE = {ONE_MONO: 1}
#: largest |k| for an integer power x**k built by repeated multiplication
MAX_POWER = 64


class NotRepresentable(Exception):
    """The expression leaves the class of Forms; the caller proves it another way."""


# --------------------------------------------------------------------------- monomials, polys

def mono_mul(a: tuple, b: tuple) -> tuple:
    """Product of two monomials (sorted tuples of (variable key, exponent))."""
    if not a:
        return b
    if not b:
        return a
    exps = dict(a)
    for v, e in b:
        n = exps.get(v, 0) + e
        if n:
            exps[v] = n
        else:
            del exps[v]
    return tuple(sorted(exps.items()))


def p_add(a: dict, b: dict, sign: int = 1) -> dict:
    """a + sign·b for any sparse map key -> coefficient (polynomials, and a Form's logs and
    constants), zero coefficients dropped."""
    out = dict(a)
    for m, c in b.items():
        n = out.get(m, 0) + sign * c
        if n:
            out[m] = n
        else:
            out.pop(m, None)
    return out


def p_scale(a: dict, c) -> dict:
    return {m: v * c for m, v in a.items()} if c else {}


def p_shift(a: dict, mono: tuple) -> dict:
    return {mono_mul(m, mono): v for m, v in a.items()} if mono else a


def p_mul(a: dict, b: dict) -> dict:
    if len(a) == 1 and ONE_MONO in a:
        return p_scale(b, a[ONE_MONO])
    if len(b) == 1 and ONE_MONO in b:
        return p_scale(a, b[ONE_MONO])
    out: dict = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = mono_mul(ma, mb)
            n = out.get(m, 0) + ca * cb
            if n:
                out[m] = n
            else:
                out.pop(m, None)
    return out


def _least_monomial(p: dict) -> tuple:
    """The monomial of each variable's least exponent in ``p`` (absent variables count 0)."""
    count: dict = {}
    low: dict = {}
    for m in p:
        for v, e in m:
            count[v] = count.get(v, 0) + 1
            if e < low.get(v, e + 1):
                low[v] = e
    n = len(p)
    least = ((v, e if count[v] == n else min(e, 0)) for v, e in low.items())
    return tuple(sorted((v, e) for v, e in least if e))


def _fraction(c) -> Fraction:
    return c if isinstance(c, Fraction) else Fraction(c)


def normalize(num: dict, den: dict) -> tuple[dict, dict]:
    """(num, den) scaled by one monomial and one rational so that den is normalised."""
    if not den:
        raise NotRepresentable("division by an expression that is identically 0")
    if not num:
        return {}, ONE
    if len(den) == 1:
        (m, c), = den.items()
        inverse = tuple((v, -e) for v, e in m)
        return p_scale(p_shift(num, inverse), 1 / _fraction(c)), ONE
    least = _least_monomial(den)
    if least:
        inverse = tuple((v, -e) for v, e in least)
        num, den = p_shift(num, inverse), p_shift(den, inverse)
    lead = den[min(den)]
    if lead != 1:
        scale = 1 / _fraction(lead)
        num, den = p_scale(num, scale), p_scale(den, scale)
    return num, den


# --------------------------------------------------------------------------- forms

class Form:
    """num/den + Σ logs[P]·log P + Σ consts[q]·log q (see the module docstring)."""
    __slots__ = ("num", "den", "logs", "consts")

    def __init__(self, num: dict, den: dict = ONE, logs: dict | None = None,
                 consts: dict | None = None):
        self.num, self.den = num, den
        self.logs, self.consts = logs or {}, consts or {}

    @property
    def has_logs(self) -> bool:
        return bool(self.logs or self.consts)

    def constant(self):
        """The rational value when this is a constant, else None."""
        if self.has_logs or self.den != ONE:
            return None
        if not self.num:
            return 0
        if len(self.num) == 1 and ONE_MONO in self.num:
            return self.num[ONE_MONO]
        return None


def const(c) -> Form:
    return Form({ONE_MONO: c} if c else {})


def add(f: Form, g: Form, sign: int = 1) -> Form:
    """f + sign·g."""
    if f.den == g.den:
        num, den = p_add(f.num, g.num, sign), f.den
    elif g.den == ONE:
        num, den = p_add(f.num, p_mul(g.num, f.den), sign), f.den
    elif f.den == ONE:
        num, den = p_add(p_mul(f.num, g.den), g.num, sign), g.den
    else:
        num, den = normalize(p_add(p_mul(f.num, g.den), p_mul(g.num, f.den), sign),
                             p_mul(f.den, g.den))
    if not num:
        den = ONE
    if not (f.has_logs or g.has_logs):
        return Form(num, den)
    return Form(num, den, p_add(f.logs, g.logs, sign), p_add(f.consts, g.consts, sign))


def scale(f: Form, c) -> Form:
    if not c:
        return const(0)
    return Form(p_scale(f.num, c), f.den, {k: v * c for k, v in f.logs.items()},
                {k: v * c for k, v in f.consts.items()})


def mul(f: Form, g: Form) -> Form:
    if g.constant() is not None:
        return scale(f, g.constant())
    if f.constant() is not None:
        return scale(g, f.constant())
    if f.has_logs or g.has_logs:
        raise NotRepresentable("a logarithm times a non-constant")
    num = p_mul(f.num, g.num)
    if f.den == ONE or g.den == ONE:
        return Form(num, g.den if f.den == ONE else f.den) if num else const(0)
    num, den = normalize(num, p_mul(f.den, g.den))
    return Form(num, den)


def inverse(f: Form) -> Form:
    if f.has_logs:
        raise NotRepresentable("1/log")
    num, den = normalize(f.den, f.num)
    return Form(num, den)


def div(f: Form, g: Form) -> Form:
    c = g.constant()
    if c is not None:
        if not c:
            raise NotRepresentable("division by 0")
        return scale(f, 1 / _fraction(c))
    return mul(f, inverse(g))


def power(f: Form, g: Form) -> Form:
    k = g.constant()
    if k is None or _fraction(k).denominator != 1 or abs(k) > MAX_POWER:
        raise NotRepresentable("a power that is not a small integer")
    k = int(k)
    base = f if k >= 0 else inverse(f)
    out, k = const(1), abs(k)
    while k:
        if k & 1:
            out = mul(out, base)
        k >>= 1
        if k:
            base = mul(base, base)
    return out


def _integer(c) -> int:
    if isinstance(c, int):
        return c
    c = _fraction(c)
    if c.denominator != 1:
        raise NotRepresentable("e to a non-integer multiple")
    return int(c)


_POWERS: dict = {}


def _log_power(key: frozenset, k: int) -> Form:
    """P**k for the polynomial P of a log key (memoised: a softmax row's sum is inverted
    once, not once per entry)."""
    hit = _POWERS.get((key, k))
    if hit is None:
        if len(_POWERS) > 4096:
            _POWERS.clear()
        hit = _POWERS[(key, k)] = power(Form(dict(key)), const(k))
    return hit


def exp(f: Form) -> Form:
    """e^f for f = Σ c_i x_i + Σ k_P log P + Σ k_q log q with integer c, k."""
    if f.den != ONE:
        raise NotRepresentable("e to a rational function")
    exps = []
    for m, c in f.num.items():
        if len(m) != 1 or m[0][1] != 1 or m[0][0] % 2:
            raise NotRepresentable("e to a non-linear expression or a constant")
        exps.append((m[0][0] + 1, _integer(c)))
    out = Form({tuple(sorted(exps)): 1})
    for key, k in f.logs.items():
        out = mul(out, _log_power(key, _integer(k)))
    for q, k in f.consts.items():
        out = scale(out, _fraction(q) ** _integer(k))
    return out


class Registry:
    """Variables (symbol -> key; 2i for x_i, 2i+1 for t_i = e^{x_i}), positivity, and the
    memo of SymPy conversions."""

    def __init__(self):
        self.keys: dict = {}
        self.positive: set = set()
        self.memo: dict = {}

    def key(self, symbol: sp.Symbol) -> int:
        if symbol not in self.keys:
            self.keys[symbol] = 2 * len(self.keys)
            if symbol.is_positive:
                self.positive.add(self.keys[symbol])
        return self.keys[symbol]

    def variable(self, symbol: sp.Symbol) -> Form:
        return Form({((self.key(symbol), 1),): 1})

    def _is_positive(self, p: dict) -> bool:
        return all(c > 0 for c in p.values()) and all(
            v % 2 or v in self.positive for m in p for v, _ in m)

    def log(self, f: Form) -> Form:
        """log f for f = c·t^e·P/Q with c > 0 and P, Q positive (else NotRepresentable)."""
        if f.has_logs or not f.num:
            raise NotRepresentable("log of a logarithm or of 0")
        least = _least_monomial(f.num)
        if any(v % 2 == 0 for v, _ in least):
            raise NotRepresentable("log of a monomial in x")
        p = p_shift(f.num, tuple((v, -e) for v, e in least))
        lead = p[min(p)]
        if lead <= 0:
            raise NotRepresentable("log of a polynomial that may be negative")
        p = p_scale(p, 1 / _fraction(lead)) if lead != 1 else p
        if not (self._is_positive(p) and self._is_positive(f.den)):
            raise NotRepresentable("log of a polynomial that may be negative")
        logs = {}
        if p != ONE:
            logs[frozenset(p.items())] = 1
        if f.den != ONE:
            logs = p_add(logs, {frozenset(f.den.items()): 1}, -1)
        consts = {_fraction(lead): 1} if lead != 1 else {}
        linear = {((v - 1, 1),): e for v, e in least}
        return Form(linear, ONE, logs, consts)

    def power(self, f: Form, g: Form) -> Form:
        """f**g (a subclass may know more powers than small integers)."""
        return power(f, g)

    def sqrt(self, f: Form) -> Form:
        raise NotRepresentable("a square root")

    def equal(self, f: Form, g: Form) -> bool:
        """:func:`equal`, with whatever relations this registry knows."""
        return equal(f, g)

    def from_sympy(self, expr: sp.Expr) -> Form:
        """The Form of a SymPy expression (memoised; NotRepresentable outside the class)."""
        hit = self.memo.get(expr)
        if hit is not None:
            return hit
        if expr.is_Symbol:
            out = self.variable(expr)
        elif expr.is_Rational:
            out = const(Fraction(int(expr.p), int(expr.q)) if expr.q != 1 else int(expr.p))
        elif expr.is_Add:
            out = const(0)
            for a in expr.args:
                out = add(out, self.from_sympy(a))
        elif expr.is_Mul:
            out = const(1)
            for a in expr.args:
                out = mul(out, self.from_sympy(a))
        elif expr.is_Pow:
            out = self.power(self.from_sympy(expr.base), self.from_sympy(expr.exp))
        elif isinstance(expr, sp.exp):
            out = exp(self.from_sympy(expr.args[0]))
        elif isinstance(expr, sp.log):
            out = self.log(self.from_sympy(expr.args[0]))
        else:
            raise NotRepresentable(f"{type(expr).__name__}")
        self.memo[expr] = out
        return out

    def gradient(self, expr: sp.Expr) -> dict:
        """{symbol: Form of ∂expr/∂symbol} by the chain rule, forward mode, in Forms."""
        if expr.is_Symbol:
            return {expr: const(1)}
        if expr.is_Number:
            return {}
        if expr.is_Add:
            out: dict = {}
            for a in expr.args:
                for s, d in self.gradient(a).items():
                    out[s] = add(out[s], d) if s in out else d
            return out
        if expr.is_Mul:
            out = {}
            forms = [self.from_sympy(a) for a in expr.args]
            for k, a in enumerate(expr.args):
                partial = self.gradient(a)
                if not partial:
                    continue
                others = const(1)
                for j, f in enumerate(forms):
                    if j != k:
                        others = mul(others, f)
                for s, d in partial.items():
                    term = mul(d, others)
                    out[s] = add(out[s], term) if s in out else term
            return out
        if expr.is_Pow:
            n = self.from_sympy(expr.exp)
            if n.constant() is None:
                raise NotRepresentable("a power with a variable exponent")
            outer = scale(power(self.from_sympy(expr.base), const(n.constant() - 1)),
                          n.constant())
            return {s: mul(outer, d) for s, d in self.gradient(expr.base).items()}
        if isinstance(expr, sp.exp):
            outer = self.from_sympy(expr)
            return {s: mul(outer, d) for s, d in self.gradient(expr.args[0]).items()}
        if isinstance(expr, sp.log):
            inner = inverse(self.from_sympy(expr.args[0]))
            return {s: mul(d, inner) for s, d in self.gradient(expr.args[0]).items()}
        raise NotRepresentable(f"the derivative of {type(expr).__name__}")


def variables(f: Form) -> set:
    """The variable keys ``f`` holds (in num, den and inside its logarithms)."""
    found = {v for p in (f.num, f.den) for m in p for v, _ in m}
    return found | {v for key in f.logs for m, _ in key for v, _ in m}


def _at_zero(p: dict, keys: set) -> dict:
    """``p`` with the variables ``keys`` set to 0 (NotRepresentable for a negative power)."""
    out = {}
    for m, c in p.items():
        hit = [e for v, e in m if v in keys]
        if any(e < 0 for e in hit):
            raise NotRepresentable("a variable set to 0 in a denominator monomial")
        if not hit:
            out[m] = c
    return out


def at_zero(f: Form, keys: set, registry: "Registry") -> Form:
    """``f`` with the variables ``keys`` (literal epsilons) set to 0."""
    num, den = normalize(_at_zero(f.num, keys), _at_zero(f.den, keys))
    out = Form(num, den, {}, dict(f.consts))
    for key, k in f.logs.items():
        out = add(out, scale(registry.log(Form(_at_zero(dict(key), keys))), k))
    return out


def equal(f: Form, g: Form) -> bool:
    """True when f and g are provably the same function; False: not proved (may be equal)."""
    if f.logs != g.logs or f.consts != g.consts:
        return False
    if f.den == g.den:
        return f.num == g.num
    return p_mul(f.num, g.den) == p_mul(g.num, f.den)
