r"""Scalar worked examples with numbers: the page's given values bind its scalar forward, and every
number it claims is decided against the true value the forward gives.

Reads pages like the classic step-by-step example: givens ``$w_1 = 0.15$``, ``i_1 = 0.05``,
``target_{o1} = 0.01`` (inline or displayed, in lists), a scalar forward ``net_{h1} = w_1 i_1 +
w_2 i_2 + b_1``, ``out_{h1} = \frac{1}{1+e^{-net_{h1}}}``, ``E = \frac{1}{2}(target - out)^2`` (σ,
tanh, ReLU, softmax of written logits, log), and rows that claim numbers: ``out_{h1} = \frac{1}{1+
e^{-0.3775}} = 0.593269992``, ``\frac{\partial E}{\partial w_5} = 0.7414 \cdot 0.1868 \cdot 0.5933 =
0.082167041``, ``w_5^{+} = w_5 - \eta \frac{\partial E}{\partial w_5} = 0.35891648``.

The quantity on the left is computed from the page's forward (a derivative by SymPy's ``diff``
through the definitions, the named variable held), never from the claim; its true value is
enclosed rigorously (:mod:`symbp.check.worked_interval`), and a claimed number is decided by
:func:`symbp.check.worked_interval.number_verdict`.  A name the page gives only as a number though
its siblings have formulas (``out_{h2} = 0.596884378`` beside ``out_{h1} = σ(net_{h1})``) is a
rounded derived value: its value is taken within half a unit of its last digit, and a derivative
that would need to know what it depends on is left unchecked (as is one through a name the page
never gives).  A symbolic side is compared exactly (it holds as an identity in the inputs); a side
of numbers is the author's arithmetic on rounded numbers: consistent when, reading each number
that is not a given as rounded, it can take the true value.

>>> w = WorkedScalars()
>>> w.document("Let $x = 2$, $w = 0.5$, $b = 0.1$.\n\n$$z = w x + b$$\n\n$$a = \\tanh(z)$$\n")
>>> w.check(r"a = \tanh(1.1) = 0.8005")[0], w.check(r"a = 0.9005")[0]
('holds', 'refuted')
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_exact import is_zero
from .calc_graph import clean_row, split_sides
from .equation_rows import split_rows
from .worked_interval import Undecided, enclose, number_verdict, show
from .worked_parse import Side, WorkedParseError, name_symbol, read_side

_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|(?<![\\$])\$([^$\n]+?)\$", re.S)
_ENV = re.compile(r"\\(?:begin|end)\{(?:aligned|align\*?|equation\*?|split|gathered|array)\}(?:\{[^{}]*\})?")
_LIST = re.compile(r",|;|\\q?quad|\\text\{\s*(?:and|,)\s*\}")
_MIN_GIVENS = 2


class WorkedScalars:
    """A page's scalar worked example: its given values, its forward, its claimed numbers."""

    def __init__(self):
        self.givens: dict = {}        # name -> (exact value, decimals written)
        self.defs: dict = {}          # name -> Side of its first formula
        self.rounded: set = set()     # given names that are derived values written rounded
        self.rho = sp.Rational(1, 20)
        self.last_lhs: str | None = None
        self._full: dict = {}

    # ------------------------------------------------------------------ the page
    def document(self, text: str) -> None:
        givens, defs, numbers, doubtful = {}, {}, [], set()
        for row in _page_rows(text):
            sides = split_sides(row)
            if len(sides) < 2 or not sides[0].strip():
                continue
            try:
                read = [read_side(s) for s in sides]
            except (WorkedParseError, RecursionError, TypeError, ValueError):
                continue
            name = _bare_name(read[0])
            if name is None:
                continue
            formula = next((s for s in read[1:] if s.names and _bare_name(s) is None), None)
            if formula is not None and not formula.partials:
                if name in defs and not is_zero(defs[name].expr - formula.expr):
                    doubtful.add(name)              # two forwards for one name: which?
                defs.setdefault(name, formula)
            elif len(read) == 2 and (number := read[1].lone_number) is not None:
                if givens.get(name, number) != number:
                    doubtful.add(name)
                givens.setdefault(name, number)
            numbers += [(name, s.lone_number) for s in read[1:] if s.lone_number is not None]
            if formula is not None and formula.partials:
                defs.setdefault(name, formula)     # w^+ = w - η ∂E/∂w: an update
        self.defs = {n: s for n, s in defs.items() if n not in doubtful}
        self.givens = {n: v for n, v in givens.items() if n not in doubtful and n not in defs}
        stems = {_stem(n) for n in self.defs if "_" in n}
        self.rounded = {n for n in self.givens if "_" in n and _stem(n) in stems}
        self.inputs = {n for n in self.givens if n not in self.rounded}
        claimed = [_significant(v, p) for n, (v, p) in numbers if p > 0 and n not in self.inputs]
        fewest = min([c for c in claimed if c > 0] or [2])
        self.rho = min(sp.Rational(1, 10 ** max(fewest - 1, 0)), sp.Rational(1, 20))
        self._full, self.last_lhs = {}, None

    def active(self) -> bool:
        return len(self.inputs) >= _MIN_GIVENS and bool(self.defs)

    # ------------------------------------------------------------------ values
    def full(self, name: str):
        """``name``'s value in the given names (its definitions expanded); Undecided where a name
        has neither a value nor a formula."""
        if name in self.givens:
            return name_symbol(name)
        if name not in self.defs:
            raise Undecided(f"{name} has no value on the page")
        if name not in self._full:
            self._full[name] = None
            self._full[name] = self.expand(self.defs[name])
        if self._full[name] is None:
            raise Undecided(f"{name} is defined through itself")
        return self._full[name]

    def expand(self, side: Side, hold: str | None = None):
        """``side``'s expression in the given names (``hold`` kept as a variable), its decimals
        exact and its derivatives resolved."""
        expr = side.expr.xreplace({s: v for s, (v, _) in side.decimals.items()})
        expr = expr.xreplace({s: self.partial(p.of, p.wrt) for s, p in side.partials.items()})
        subs = {name_symbol(n): (name_symbol(n) if n == hold else self.full(n)) for n in side.names}
        return expr.xreplace(subs)

    def partial(self, of: str, wrt: str):
        """∂``of``/∂``wrt`` through the page's forward, in the given names."""
        held = self._held(of, wrt)
        leaves = {str(s) for s in held.free_symbols} - {wrt}
        unsure = sorted(n for n in leaves if n in self.rounded or n not in self.givens)
        if unsure:
            raise Undecided(f"the page gives {', '.join(unsure)} by value only, not what it depends on, "
                            f"so ∂{of}/∂{wrt} is not derived")
        derivative = sp.diff(held, name_symbol(wrt))
        return derivative.xreplace({name_symbol(wrt): self.full(wrt)}) if wrt in self.defs else derivative

    def _held(self, name: str, wrt: str, depth: int = 0):
        if name == wrt:
            return name_symbol(name)
        if name in self.givens or name not in self.defs or depth > 40:
            if depth > 40:
                raise Undecided("a forward nested too deeply")
            return name_symbol(name)
        side = self.defs[name]
        if side.partials:
            raise Undecided(f"{name} is defined through a derivative")
        expr = side.expr.xreplace({s: v for s, (v, _) in side.decimals.items()})
        return expr.xreplace({name_symbol(n): self._held(n, wrt, depth + 1) for n in side.names})

    def env(self) -> dict:
        """Each given name's interval: exact, or within half a unit for a rounded derived value."""
        out = {}
        for n, (v, places) in self.givens.items():
            slack = sp.Rational(1, 2 * 10 ** places) if n in self.rounded and places else 0
            out[name_symbol(n)] = (v - slack, v + slack)
        return out

    # ------------------------------------------------------------------ claims
    def check(self, latex: str):
        """(verdict, detail) for a row of the worked example, or None when it is not one."""
        if not self.active():
            return None
        sides = split_sides(clean_row(latex))
        if len(sides) < 2:
            return None
        if not sides[0].strip():
            if self.last_lhs is None:
                return None
            sides[0] = self.last_lhs
        try:
            read = [read_side(s) for s in sides]
        except (WorkedParseError, RecursionError, TypeError, ValueError):
            return None
        names = set().union(*[s.names for s in read]) | {n for s in read for p in s.partials.values()
                                                         for n in (p.of, p.wrt)}
        known = set(self.givens) | set(self.defs)
        if not names & set(self.defs):
            return None
        lhs = _bare_name(read[0])
        if lhs is not None and lhs in self.defs and len(read) == 2 and read[1].names and not read[1].decimals:
            self.last_lhs = sides[0]
            return "definition", f"defines {lhs} (the worked example's forward)"
        if not any(s.decimals or s.lone_number for s in read[1:]) and not any(s.partials for s in read):
            return None
        self.last_lhs = sides[0]
        if not names <= known:                     # a name the example never gives: not this reader's row
            return None
        try:
            return self._judge(read)
        except Undecided as err:
            return "unchecked", f"the worked example's value is not decided: {err}"
        except (ArithmeticError, TypeError, ValueError, RecursionError) as err:
            return "unchecked", f"the worked example's value is not computed ({type(err).__name__})"

    def _judge(self, read: list):
        env = self.env()
        lhs = _bare_name(read[0])
        start, quantity = 1, read[0]
        if lhs is not None and lhs in self.defs and read[1].names and _bare_name(read[1]) is None:
            start, quantity = 2, read[1]               # out = \frac{1}{1+e^{-net}} = … = 0.5933
        value = self.expand(quantity)
        true = enclose(value, env)
        drift, verdicts = 0, []
        for k, side in enumerate(read[start:], start + 1):
            number = side.lone_number
            if number is not None:
                verdict, note = number_verdict(true, number[0], number[1], drift, self.rho) if number[1] else \
                    _whole(true, number[0], self.rho)
                if verdict == "refuted":
                    return "refuted", (f"side {k}: the page's forward and given values make it "
                                       f"{show(true)}, claimed {_shown(*number)}")
                verdicts.append((verdict, f"side {k} ({_shown(*number)}): {note}"))
            elif side.numeric:
                verdict, note, drift = self._arithmetic(side, true, env)
                if verdict == "refuted":
                    return "refuted", f"side {k}: {note}"
                verdicts.append((verdict, f"side {k}: {note}"))
            else:
                other = self.expand(side)
                if is_zero(sp.expand(other - value)):
                    verdicts.append(("holds", f"side {k}: equal as a formula"))
                    continue
                there = enclose(other, env)
                if there[0] > true[1] or there[1] < true[0]:
                    return "refuted", (f"side {k}: at the page's values it is {show(there)}, the left side "
                                       f"{show(true)}")
                verdicts.append(("unchecked", f"side {k}: not shown equal as a formula"))
        bad = next((v for v in verdicts if v[0] == "unchecked"), None)
        if bad is not None:
            return "unchecked", bad[1]
        if not any(v[0] == "holds" for v in verdicts):
            return "unchecked", "no side is decided"
        return "holds", f"worked example (true value {show(true)}): " + "; ".join(v[1] for v in verdicts)

    def _arithmetic(self, side: Side, true: tuple, env: dict):
        """A side of numbers: (verdict, note, drift) with each number that is not a given value read
        as rounded (within half a unit of its last digit)."""
        exact_values = {v for v, _ in self.givens.values()}
        box, exact = {}, {}
        for sym, (v, places) in side.decimals.items():
            slack = 0 if v in exact_values else sp.Rational(1, 2 * 10 ** places)
            box[sym], exact[sym] = (v - slack, v + slack), (v, v)
        low, high = enclose(side.expr, box)
        at = enclose(side.expr, exact)
        drift = max(abs(at[1] - low), abs(high - at[0]))
        if low <= true[1] and true[0] <= high:
            return "consistent", "the author's arithmetic, its rounded numbers as written", drift
        gap = max(low - true[1], true[0] - high)
        magnitude = min(abs(true[0]), abs(true[1])) if true[0] * true[1] > 0 else 0
        if gap > self.rho * magnitude:
            return "refuted", (f"the numbers written give {show((low, high))}; the page's forward gives "
                               f"{show(true)}"), drift
        return "unchecked", "the numbers written do not reach the true value within their rounding", drift


def _whole(true: tuple, claimed, rho):
    lo, hi = true
    if lo == hi == claimed:
        return "holds", "exactly"
    near = max(lo - claimed, claimed - hi, 0)
    magnitude = min(abs(lo), abs(hi)) if lo * hi > 0 else 0
    if near > 0 and near >= rho * magnitude and (near > sp.Rational(1, 2) or magnitude == 0):
        return "refuted", ""
    return "unchecked", "a whole number where the value is not shown exact"


def _shown(value, places) -> str:
    return f"{float(value):.{places}f}"


def _bare_name(side: Side):
    return next(iter(side.names)) if len(side.names) == 1 and not side.partials and not side.decimals \
        and side.expr == name_symbol(next(iter(side.names))) else None


def _stem(name: str) -> str:
    """The name without its subscript (``out_h2`` → ``out``; ``w_5^+`` → ``w^+``)."""
    return re.sub(r"_[^_^]*", "", name)


def _significant(value, places: int) -> int:
    digits = str(abs(sp.Rational(value) * 10 ** places).floor() if hasattr(value, "floor") else
                 int(abs(value) * 10 ** places))
    return len(digits.lstrip("0"))


def _page_rows(text: str) -> list:
    """Every row of the page's math (displays and inline), lists split (``w_1 = 0.15, w_2 = 0.2``)."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    rows = []
    for m in _MATH.finditer(text):
        body = _ENV.sub(" ", next(g for g in m.groups() if g is not None)).replace("&", " ")
        for row in split_rows(body):
            pieces = _LIST.split(row)
            rows += pieces if len(pieces) > 1 and all(p.count("=") == 1 for p in pieces) else [row]
    return [clean_row(r) for r in rows if "=" in r]


__all__ = ["WorkedScalars"]
