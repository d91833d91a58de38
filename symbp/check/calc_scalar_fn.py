r"""One-variable activation functions a section defines, and claims about them and their
derivatives, for the scalar-layer reader (:mod:`symbp.check.calc_graph` calls it first).

A definition is ``NAME(v) = expression in v`` where NAME is a letter or ``\sigma`` with an
optional subscript word (``g_{\text{logistic}}(z)``, ``\sigma(x)``, ``f(z)``).  A claim is a
row ``A = B = C …`` whose sides use the defined names, ``NAME'(v)``, ``\frac{\partial}{\partial
v}(…)``, ``\frac{d}{dv} …``, exp / e^{…} / sinh / cosh / tanh / log / max(0, v) / cases.
Every side is compared with the first, exactly: v = log t with t > 0, so exp, sinh, cosh and
tanh become rational functions of t, and the difference must ``cancel`` to 0.  max and cases
are decided on v > 0 and v < 0 (the kink v = 0 is not decided).  A side that differs is
refuted at v = 0 or 1 (±1 for cases) with both values.  A "holds" is re-evaluated numerically
by :func:`symbp.witness.calc_witness.confirm_scalar_function` (finite differences).

>>> fns = ScalarFunctions([r"g(z) = \frac{1}{1 + e^{-z}}"])
>>> fns.check(r"g'(z) = g(z)(1 - g(z))")[0]
'holds'
>>> fns.check(r"g'(z) = g(z)(1 + g(z))")[0]
'refuted'
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_tokens import ELSE_WORDS, IF_WORDS, otherwise_last
from .display_prose import CHANGES, names_a_rule
from .equation_rows import split_rows
from .latex_atoms import LatexAtomError, parse_atom, split_top_level
from .calc_scalar_compare import KINK as _KINK, S, T, equal as _equal, refutation as _refutation
from .calc_scalar_text import (ALL_REALS as _ALL_REALS, CALLS_CONVOLVED as _CALLS_CONVOLVED, OWN_SIGMOID as _OWN_SIGMOID,
                               VECTOR_CALL as _VECTOR_CALL, Unread, bare_values, closing, defined_again, exp_calls as _exp_calls,
                               half_lines as _half_lines, normalized)

_WORD = r"(?:_\s*\{\s*(?:\\(?:text|mathrm|operatorname|textrm)\s*\{\s*([A-Za-z]+)\s*\}|([A-Za-z]+))\s*\}" \
        r"|_\s*([A-Za-z0-9]))"
_PRIME = r"((?:'|\^\s*\{\s*(?:\\prime|')+\s*\}|\^\s*\\prime|\^\s*')*)"      # f', f^{\prime}, f^{'}
_WORD_NAME = r"(?<![\\A-Za-z])(?!(?:sinh|cosh|tanh|exp|log|ln|max|min|sin|cos|tan|sigmoid|softplus|relu|ReLU|erf)(?![A-Za-z]))" \
    r"[A-Za-z]{2,12}"               # Silu(x), gelu(x), FL(p): a name of its own only where the page defines it
_HEAD = re.compile(r"(\\sigma|\\phi|\\psi|" + _WORD_NAME + r"|(?<![\\A-Za-z])[a-zA-Z])(?![A-Za-z])\s*" + _PRIME +
                   r"\s*(?:" + _WORD + r")?\s*" + _PRIME + r"\s*(?:\\left\s*)?\(")
_BUILTIN = re.compile(r"(?:\\(sinh|cosh|tanh|exp|log|ln|max)|\\(?:text|mathrm|operatorname)\s*\{\s*"
                      r"(sinh|cosh|tanh|exp|log|ln|max|softplus|sigmoid|ReLU|relu)\s*\})(?![A-Za-z])\s*"
                      r"(?:\^\s*\{?\s*(\d)\s*\}?)?\s*((?:'|\^\s*\{\s*\\prime\s*\})*)\s*(?:\\left\s*)?\(")
_OPERATOR = re.compile(r"^\s*\\frac\s*\{\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\})\s*\}"
                       r"\s*\{\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\})\s*([a-z])\s*\}")
_D = r"(?:\\partial|d|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\})"
_OPERATOR_OF = re.compile(r"^\s*\\frac\s*\{\s*" + _D + r"\s*(\S.*?)\}\s*\{\s*" + _D + r"\s*([a-z])\s*\}\s*$")
_INNER_OPERATOR = re.compile(r"(?<=.)\\frac\s*\{\s*" + _D + r"\s*\}\s*\{\s*" + _D + r"\s*([a-z])\s*\}", re.S)
_CASES = re.compile(r"\\begin\s*\{\s*cases\s*\}(.*?)\\end\s*\{\s*cases\s*\}", re.S)
_COND = re.compile(r"^\s*(?:\\text\s*\{\s*" + IF_WORDS + r"\s*\}|" + IF_WORDS + r")?\s*\(?\s*([a-z])\s*(>|<|\\geq?|\\leq?|\\gt|\\lt)"
                   r"\s*0\s*\)?\s*[,.]?\s*$")                 # z > 0, (z \le 0)
_OTHER = re.compile(r"^\s*(?:\\(?:text|textrm|mathrm)\s*\{\s*" + ELSE_WORDS + r"\s*\}|(?:\\rm\s+)?" + ELSE_WORDS + r")\s*[.,]?\s*$")   # \rm otherwise
_COMMA_CELLS = re.compile(r"^(.*),\s*([^,]*)$", re.S)           # 1, x > 0: the value, then its condition
_PLAIN_NAME = re.compile(r"^\s*([a-z])\s*$")


def _piecewise_name(sides):
    """(name, variable) for ``y = \\begin{cases} x, x > 0 \\\\ 0, x \\le 0 \\end{cases}`` or ``y = \\max(0, x)``:
    a plain letter defined by cases or a max over one variable against 0; else None."""
    name = _PLAIN_NAME.match(sides[0])
    var = re.search(r"(?:&|,)\s*(?:\\text\s*\{[^{}]*\}\s*)?\(?\s*([a-z])\s*(?:>|<|\\geq?|\\leq?|\\gt|\\lt)\s*0", sides[1]) \
        if "cases" in sides[1] else re.search(r"\\max\s*(?:\\left\s*)?\(\s*0\s*,\s*([a-z])\s*(?:\\right\s*)?\)", sides[1])
    return (name.group(1), var.group(1)) if name and var and var.group(1) != name.group(1) else None


_REMARK = re.compile(r"\\text\s*\{\s*\([^{}]*\)\s*\}|\\text\s*\{[^{}]*\s[^{}]*\}\s*$")   # \text{(by chain rule)}


def _reason_only(m) -> str:
    """A remark dropped (``\\text{(by chain rule)}``, ``\\text{(by (3))}``) unless its words may change the claim
    (``\\text{(times 2)}``: :data:`symbp.check.display_prose.CHANGES`); such a remark stays, and the row is then
    not read."""
    words = re.sub(r"\\text\s*\{|\}", " ", m.group(0))
    return m.group(0) if CHANGES.search(words) and not names_a_rule(words) else " "


_ENV = re.compile(r"\\begin\{(aligned|align\*?|split)\}(.*)\\end\{\1\}", re.S)


def _fraction(name: str, var: str) -> str:
    r"""The pattern of ``\frac{d NAME}{d VAR}`` (``\partial``, ``\mathrm{d}``), NAME and VAR patterns themselves."""
    return r"\\frac\s*\{\s*" + _D + r"\s*" + name + r"\s*\}\s*\{\s*" + _D + r"\s*" + var + r"\s*\}"


def _key(m) -> tuple:
    return m.group(1), m.group(3) or m.group(4) or m.group(5) or ""


class ScalarFunctions:
    """The one-variable functions a section defines (name -> (variable, SymPy expression))."""

    def __init__(self, displays: list, earlier: "ScalarFunctions | None" = None, page: str = ""):
        self._base = dict(earlier.all_defs) if earlier is not None else {}   # defined in an earlier section
        self.defs: dict = dict(self._base)
        self.lazy = False               # derivatives left unevaluated (for the witness)
        self.last_lhs = None            # the left side a later row "= …" continues
        self._flat = [re.sub(r"\s+", "", d) for d in displays]
        flat = " ".join(self._flat)                 # a page's own sigmoid(x) = …: no built-in sigmoid; S(\mathbf z)_i, S_i(z):
        self.own_sigmoid = getattr(earlier, "own_sigmoid", False) or bool(_OWN_SIGMOID.search(flat))
        self.vectors = set(getattr(earlier, "vectors", set())) | {m.group(1) for m in _VECTOR_CALL.finditer(flat)}   # S a vector
        self.star_convolves = bool(_CALLS_CONVOLVED.search(flat))       # y(t) = x(t) * h(t): * is no product here
        self.redefined: set = set()       # set once the displays' definitions are read (below)
        self._by_display = []           # the definitions each display adds, in order
        self._again, self._where = {}, None     # name -> the display defining it a second time
        self.plain: dict = {}           # y = \begin{cases} x & x > 0 … : y a function of x, dy/dx its y'(x)
        self._defining: set = set()     # the rows read as definitions (a row y = … that is not one: y is not read)
        self._shadow: set = set()       # (display, name): a row there writes name = … and defines nothing
        for self._display, display in enumerate(displays):
            before = dict(self.defs)
            for row in _rows(display):
                self._definition(row)
            self._by_display.append({k: v for k, v in self.defs.items() if before.get(k) is not v})
            self.defs = {**before, **self._by_display[-1]}
            self._shadow |= {(self._display, k[0]) for k in self.defs for row in _rows(display) if row not in self._defining
                             and re.match(r"\s*" + re.escape(k[0]) + r"\s*(?:\(\s*[a-z]\s*\))?\s*=", row)}
        self.all_defs = self._replay(len(displays) - 1)       # y = \max(0, x), then y = 3x + 1: y is not read below
        self.redefined = defined_again(page, self.all_defs, self._same_body) if page else set()   # f(x) := x^3

    def _in_force(self, latex: str) -> dict:
        """The definitions made up to the display holding ``latex`` (a later one replaces an earlier: sections
        reuse g); all of them where it is not found or written twice (a redefined name then not read)."""
        flat = re.sub(r"\s+", "", latex)
        hits = [k for k, d in enumerate(self._flat) if flat and flat in d]    # a row written twice: which one?
        where = self._where = hits[0] if len(hits) == 1 else None
        return self.all_defs if where is None else self._replay(where)

    def _replay(self, where: int) -> dict:
        """The definitions in force after display ``where``: each display's, a later replacing an earlier, and none
        of a name a display up to there writes ``name = …`` in a row that defines nothing (:attr:`_shadow`)."""
        defs = dict(self._base)
        for at, added in enumerate(self._by_display[:where + 1]):
            for key, value in added.items():
                defs = {k: v for k, v in defs.items() if k[0] != key[0] or k == key} \
                    if not key[1] else defs
                defs[key] = value
            defs = {k: v for k, v in defs.items() if (at, k[0]) not in self._shadow}
        return defs

    def _definition(self, raw: str) -> None:
        row = _one_subscripted(_half_lines(_ALL_REALS.sub("", re.sub(r"^(\s*[^=]*?\))\s*\\equiv", r"\1 =", raw))))   # g(z) \equiv …
        try:
            sides = split_top_level(row)
        except (LatexAtomError, RecursionError):
            return
        m = _HEAD.match(sides[0]) if len(sides) >= 2 else None
        if not m and len(sides) == 2 and (plain := _piecewise_name(sides)):    # y = cases / max(0, x): y(x)
            try:
                self.defs[(plain[0], "")] = (plain[1], self.expression(sides[1], plain[1], {}))
                self.plain[plain[0]] = plain[1]
                self._defining.add(raw)
            except (Unread, LatexAtomError, ValueError, TypeError, RecursionError):
                pass
            return
        if not m or m.group(2) or m.group(6):
            return
        rest = sides[0][m.end():]
        var = re.match(r"\s*([a-z])\s*(?:\\right\s*)?\)\s*$", rest)
        if not var or any(_key(n) == _key(m) for n in _HEAD.finditer(sides[1])):
            return
        if _key(m) in self.defs and self.defs[_key(m)] is not self._base.get(_key(m)):
            self._again.setdefault(_key(m)[0], self._display)   # defined twice in one section: which
            self._defining.add(raw)
            return                          # one a claim below means is not guessed (an earlier section's may be)
        try:                                # T(x) = \frac{\sinh x}{\cosh x} = \frac{e^x - e^{-x}}{…}: every side
            bodies = [self.expression(side, var.group(1), {}) for side in sides[1:]]       # read, and all agree
            z = sp.Symbol(var.group(1))
            if any(_equal(bodies[0], b, z, any(e.has(*_KINK) for e in bodies)) is not True for b in bodies[1:]):
                return
            self.defs[_key(m)] = (var.group(1), bodies[0])
            self._defining.add(raw)
        except (Unread, LatexAtomError, ValueError, TypeError, RecursionError):
            return

    def _same_body(self, body: str, var: str, definition: tuple) -> bool:
        """Whether ``body``, read in ``var``, is the function ``definition`` (variable, expression) defines."""
        try:
            mine, z = self.expression(body, var, {}), sp.Symbol(var)
        except (Unread, LatexAtomError, ValueError, TypeError, KeyError, RecursionError, AttributeError):
            return False
        return _equal(definition[1].subs(sp.Symbol(definition[0]), z), mine, z, True) is True

    def _function(self, m, names: dict):
        """The defined function a head names: its exact key, or the one function of that base."""
        key = _key(m)
        if key[0] in self.redefined | self.vectors:     # f(x) := x^3 below f(x) = x^2; S(\mathbf z)_i beside S(x)
            raise Unread(f"the page defines {key[0]} again otherwise (in the prose, with :=, or as a vector's entries)")
        if key[0] in self._again and (self._where is None or self._where >= self._again[key[0]]):
            raise Unread(f"{key[0]} is defined twice in this section and this claim is not above the "
                         "second: which one it means is not guessed (a heading with a symbp directive "
                         "between them makes each its own section)")
        if key in self.defs:
            return self.defs[key]
        same = [v for k, v in self.defs.items() if k[0] == key[0]]
        if len(same) == 1 and not key[1]:
            return same[0]
        raise Unread(f"{key[0]} is not defined in the section")

    def expression(self, latex: str, var: str, names: dict) -> sp.Expr:
        """``latex`` as a SymPy expression in the Symbol ``var`` (placeholders for functions)."""
        latex = _exp_calls(re.sub(r"\\mathrm\s*\{\s*e\s*\}", "e", normalized(latex)))
        of = _OPERATOR_OF.match(latex)
        if of and not _OPERATOR.match(latex):           # \frac{\partial g(z)}{\partial z}
            latex = rf"\frac{{d}}{{d{of.group(2)}}} \left( {of.group(1)} \right)"
        op = _OPERATOR.match(latex)
        if op:
            if op.group(1) != var:
                raise Unread("a derivative in another variable")
            inner = self.expression(latex[op.end():], var, names)
            return sp.Derivative(inner, sp.Symbol(var)) if self.lazy else sp.diff(inner, sp.Symbol(var))
        inner = _INNER_OPERATOR.search(latex)         # … \frac{\partial}{\partial z} \text{sinh}(z) × …
        if inner:
            return self._inner_derivative(latex, inner, var, names)
        cases = _CASES.search(latex)
        if cases:
            value = self._cases(cases.group(1), var, names)
            return self._placed(latex, cases.start(), cases.end(), value, var, names)
        for m in list(_BUILTIN.finditer(latex)) + list(_HEAD.finditer(latex)):
            close = closing(latex, m.end())
            inner = latex[m.end():close]
            if m.re is _BUILTIN:
                value = self._builtin(m.group(1) or m.group(2), inner, var, names, m.group(4).count("'")
                                      + m.group(4).count("prime"))
                value = value ** int(m.group(3)) if m.group(3) else value
            else:
                if m.group(1) in ("e", var) or m.group(1) in names or (
                        len(m.group(1)) > 1 and m.group(1)[0] != "\\" and all(k[0] != m.group(1) for k in self.defs)):
                    continue                          # z(1 - z): a product, e(…) is not a call; a word the page does not define
                arg_var, body = self._function(m, names)
                arg = self.expression(inner, var, names)
                primes = (m.group(2) + m.group(6)).count("'") + (m.group(2) + m.group(6)).count("prime")
                x = sp.Symbol(arg_var)
                if primes > 2:
                    raise Unread("a derivative of order above 2 (the witness checks orders 1 and 2)")
                if primes and self.lazy:
                    value = sp.Subs(sp.Derivative(body, (x, primes)), x, arg)
                else:
                    value = (sp.diff(body, x, primes) if primes else body).subs(x, arg)
            return self._placed(latex, m.start(), close + 1, value, var, names)
        names = dict(names)
        if "*" in latex and self.star_convolves:
            raise Unread("* between two functions' calls in this section: a convolution, not read")
        text = re.sub(r"\\left|\\right|\\,|\\;|\\!", " ", latex).replace("*", r" \cdot ")   # one variable: * multiplies
        expr = parse_atom(text)
        if not isinstance(expr, sp.Expr):
            raise Unread("not a scalar")
        letters = {s.name for s in expr.free_symbols}
        if not letters <= {var, "e"} | set(names):
            raise Unread("a name that is not the variable")
        expr = expr.xreplace({sp.Symbol(n): v for n, v in names.items()})
        return expr.xreplace({sp.Symbol("e"): sp.E}) if var != "e" else expr

    def _inner_derivative(self, latex, op, var, names):
        """``latex`` with the derivative operator at ``op`` and the call or parenthesis after
        it read as that derivative."""
        if op.group(1) != var:
            raise Unread("a derivative in another variable")
        at = op.end() + len(latex[op.end():]) - len(latex[op.end():].lstrip())
        call = _BUILTIN.match(latex, at) or _HEAD.match(latex, at)
        paren = re.compile(r"(?:\\left\s*)?\(").match(latex, at)
        if not (call or paren):
            raise Unread("a derivative operator without a call or parenthesis after it")
        end = closing(latex, (call or paren).end()) + 1
        operand = self.expression(latex[at:end], var, names)
        value = sp.Derivative(operand, sp.Symbol(var)) if self.lazy else sp.diff(operand, sp.Symbol(var))
        return self._placed(latex, op.start(), end, value, var, names)

    def _placed(self, latex, start, end, value, var, names):
        """``latex`` with [start, end) read as ``value`` (a placeholder capital letter)."""
        free = [c for c in "QRWXYUVKMN" if c not in latex and c not in names]
        if not free:
            raise Unread("too many function calls")
        spaced = latex[:start] + " " + free[0] + " " + latex[end:]
        return self.expression(spaced, var, {**names, free[0]: value})

    def _builtin(self, name, inner, var, names, primes=0):
        if name.lower() == "sigmoid" and self.own_sigmoid:
            raise Unread("the page defines its own sigmoid")
        if primes:                                   # \tanh'(x), \text{ReLU}'(x): f' at the argument
            if primes > 2:
                raise Unread("a derivative of order above 2 (the witness checks orders 1 and 2)")
            u = sp.Dummy("u", real=True)
            if name.lower() == "max":
                raise Unread("a derivative of max")
            body = sp.Max(0, u) if name.lower() == "relu" else _apply(name.lower(), u)
            arg = self.expression(inner, var, names)
            if self.lazy:
                return sp.Subs(sp.Derivative(body, (u, primes)), u, arg)
            return sp.diff(body, u, primes).subs(u, arg)
        name = name.lower()
        if name == "max" or name == "relu":
            parts = split_top_level(inner, (",",)) if name == "max" else ["0", inner]
            if len(parts) != 2:
                raise Unread("max of other than two arguments")
            return sp.Max(*[self.expression(p, var, names) for p in parts])
        return _apply(name, self.expression(inner, var, names))

    def _cases(self, body, var, names):
        pieces = []
        for row in re.split(r"\\\\", body):
            if not row.strip():
                continue
            cells = row.split("&")
            comma = _COMMA_CELLS.match(row) if len(cells) == 1 else None      # x, x > 0: no & before the condition
            cells = [comma.group(1), comma.group(2)] if comma and (_COND.match(comma.group(2)) or _OTHER.match(
                comma.group(2))) else cells
            if len(cells) != 2:
                raise Unread("a cases row without one condition")
            value = self.expression(cells[0].rstrip().rstrip(","), var, names)      # 0, & x < 0
            other, cond = _OTHER.match(cells[1]), _COND.match(cells[1])
            if not other and (not cond or cond.group(1) != var):
                raise Unread("a cases condition other than the variable against 0")
            z = sp.Symbol(var)
            rel = True if other else {">": z > 0, "\\gt": z > 0, "<": z < 0, "\\lt": z < 0, "\\ge": z >= 0,
                                      "\\geq": z >= 0, "\\le": z <= 0, "\\leq": z <= 0}[cond.group(2)]
            pieces.append((value, rel))
        return sp.Piecewise(*otherwise_last(pieces, Unread))     # 0 & \text{otherwise} written first: the rest

    # ------------------------------------------------------------------ claims
    def _keep_chain(self, latex: str) -> None:
        """After a row not read: a row ``= …`` keeps the chain's left side for the next row."""
        try:
            sides = split_top_level(_REMARK.sub(_reason_only, _rows(latex)[0]))
        except (LatexAtomError, RecursionError):
            sides = []
        if not (len(sides) > 1 and not sides[0].strip()):
            self.last_lhs = None

    def check(self, latex: str):
        """(verdict, detail) for a claim over the defined functions, or None when it is not one.

        >>> ScalarFunctions([r"f(z) = \\max(0, z)"]).check(r"f'(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}")[0]
        'holds'
        """
        try:
            found = self._check(latex)
        except (Unread, LatexAtomError, ValueError, TypeError, RecursionError):
            found = None
        if found is None:
            self._keep_chain(latex)
        return found

    def _check(self, latex: str):
        self.defs = self._in_force(latex)
        latex = _one_subscripted(_half_lines(latex))
        sides = split_top_level(latex)
        plain = _piecewise_name(sides) if len(sides) == 2 else None
        if plain and plain[0] in self.plain:
            return "definition", f"defines {sides[0].strip()} as a function of {self.plain[sides[0].strip()]} (one variable)"
        for key in {k[0] for k in self.defs if not k[1]} | set(self.plain):      # \frac{df}{dx}\left(x\right), (0): f'(…)
            latex = re.sub(_fraction(re.escape(key), r"[a-z]") + r"\s*(?:\\left\s*)?\(([^()]*?)(?:\\right\s*)?\)",
                           lambda m, k=key: f"{k}'({m.group(1)})", latex)
        at_point = re.search(r"=\s*-?\d+(?:\.\d+)?\s*(?:=|$)", latex)     # = 0.25: a value at the page's point
        plain = {**{re.escape(k[0]): v[0] for k, v in self.defs.items() if not k[1] and not at_point}, **self.plain}
        for name, var in plain.items():              # \frac{dy}{dx} of y = cases(x), \frac{\partial f}{\partial z} of f(z) = …
            latex = re.sub(_fraction(name, var), f"{name}'({var})", latex)
        rows, lhs, found = _rows(latex), self.last_lhs, []
        for row in rows:
            sides = split_top_level(_REMARK.sub(_reason_only, _ALL_REALS.sub("", row)))
            if len(sides) < 2:
                return None
            continued = not sides[0].strip()
            if continued:
                if lhs is None:
                    return None
                sides = [lhs] + sides[1:]
                self.last_lhs = lhs             # a row not read leaves the chain's left side
            lhs = sides[0]
            m = _HEAD.match(sides[0])
            if m and not continued and not (m.group(2) or m.group(6)) and _key(m) in self.defs and len(found) == 0 \
                    and re.match(r"\s*[a-z]\s*(?:\\right\s*)?\)\s*$", sides[0][m.end():]) and len(sides) == 2:
                if sp.Symbol(self.defs[_key(m)][0]) and self._same(sides):
                    self.last_lhs = lhs                 # g(z) = … \\ = …: the rows after it continue g(z)
                    return "definition", f"defines the function {m.group(1)}{_key(m)[1] and '_' + _key(m)[1]} (one variable)"
            found.append(self._row(sides))
            if found[-1] is None:
                return None
            self.last_lhs = lhs
            if found[-1][0] != "holds":
                return found[-1] if len(rows) == 1 else (found[-1][0], f"row {len(found)}: {found[-1][1]}")
        return found[-1] if len(found) == 1 else ("holds", f"all {len(found)} rows hold: {found[-1][1]}")

    def _same(self, sides) -> bool:
        try:
            return self._row(sides)[0] == "holds"
        except (TypeError, IndexError):
            return False

    def _row(self, sides):
        var = _variable(sides[0])
        if var is None:
            return None
        try:
            sides = bare_values(sides, [k[0] for k in self.defs if not k[1] and k[0] not in self.plain], var)   # σ(1 - σ)
            exprs = [self.expression(s, var, {}) for s in sides or ()]
        except (Unread, LatexAtomError, ValueError, TypeError, KeyError, RecursionError, AttributeError):
            return None
        if sides is None or not any(_uses(s, self.defs) for s in sides) and not _explicit_derivative(sides[0], var):
            return None
        z = sp.Symbol(var)
        kinked = any(e.has(*_KINK) for e in exprs)
        from ..witness.calc_witness import confirm_scalar_function
        for k, other in enumerate(exprs[1:], start=2):
            equal = _equal(exprs[0], other, z, kinked)
            if equal is None:
                return "unchecked", f"side {k}: not decided exactly (the difference does not cancel in e^{var})"
            if not equal:
                return _refutation(exprs[0], other, z, k, len(exprs), kinked)
        self.lazy = True
        try:
            lazy = [self.expression(s, var, {}) for s in sides]
        finally:
            self.lazy = False
        if max(_order(e) for e in lazy) > 2:
            return "unchecked", "a derivative of order above 2 (the witness checks orders 1 and 2)"
        confirm_scalar_function(" = ".join(sides), lazy, z)
        where = (f"for {var} > 0 and {var} < 0 (the kink {var} = 0 is not decided)" if kinked
                 else f"for every real {var}")
        return "holds", (f"{len(exprs)} sides equal {where}; exact (rational functions of "
                         f"t = e^{var}, t > 0); witnessed by finite differences")


def _apply(name: str, a):
    """exp, log, sinh, cosh, tanh, softplus of ``a`` in exponentials."""
    return {"exp": sp.exp(a), "log": sp.log(a), "ln": sp.log(a),
            "sinh": (sp.exp(a) - sp.exp(-a)) / 2, "cosh": (sp.exp(a) + sp.exp(-a)) / 2,
            "tanh": (sp.exp(2 * a) - 1) / (sp.exp(2 * a) + 1),
            "softplus": sp.log(1 + sp.exp(a)), "sigmoid": 1 / (1 + sp.exp(-a))}[name]


def _order(expr) -> int:
    """How many derivatives are nested in ``expr`` (``Derivative`` orders added up)."""
    own = sum(int(n) for _, n in expr.variable_count) if isinstance(expr, sp.Derivative) else 0
    return own + max((_order(a) for a in expr.args if isinstance(a, sp.Basic)), default=0)


def _rows(latex: str) -> list:
    """The rows of a display: an aligned environment's, else its equations side by side (``h(a) = …,\\quad h'(a) = …``)."""
    m = _ENV.search(latex)
    if not m:
        return split_rows(latex) or [latex]
    return [r.replace("&", " ") for r in re.split(r"\\\\", m.group(2)) if r.strip()]


def _variable(lhs: str):
    """The one variable of the left side: the argument of its call or derivative."""
    op = _OPERATOR.match(lhs) or _OPERATOR_OF.match(lhs)
    if op:
        return op.group(op.lastindex)
    m = re.search(r"\(\s*([a-z])\s*(?:\\right\s*)?\)", lhs)
    return m.group(1) if m else None


def _uses(latex: str, defs) -> bool:
    """The side calls a defined function, or tanh / sinh / cosh / softplus / max."""
    latex = normalized(latex)
    if any((m.group(1) or m.group(2)).lower() in ("tanh", "sinh", "cosh", "softplus", "sigmoid", "max", "relu")
           for m in _BUILTIN.finditer(latex)):
        return True
    return any(_key(m) in defs or any(k[0] == m.group(1) for k in defs) for m in _HEAD.finditer(latex))


_ELEMENTARY = re.compile(r"\\(?:exp|log|ln)(?![A-Za-z])|(?<![\\A-Za-z])e\s*\^")


def _explicit_derivative(lhs: str, var: str) -> bool:
    r"""The left side differentiates one written group, an elementary expression of ``var`` with exp or log
    in it (``\frac{d}{dx}(\frac{1}{1 + e^{-x}})``; not ``\frac{d}{dx} e^x \cdot x``: which factors?)."""
    op = _OPERATOR.match(lhs := normalized(lhs))
    rest = lhs[op.end():].strip() if op else ""
    group = re.match(r"\\frac\s*(\{(?:[^{}]|\{[^{}]*\})*\})\s*(\{(?:[^{}]|\{[^{}]*\})*\})|e\s*\^\s*\{[^{}]*\}", rest)
    end = (closing(rest, 1) + 1 if rest.startswith("(") else group.end() if group else 0) if rest else 0
    return bool(op and op.group(1) == var != "e" and end and re.fullmatch(r"\s*(?:\^\s*(?:\{[^{}]*\}|\d))?\s*", rest[end:])
                and _ELEMENTARY.search(rest))


_SUBSCRIPTED = re.compile(r"(?<![\\A-Za-z])([a-z])\s*_\s*(?:\{\s*([a-z0-9])\s*\}|([a-z0-9]))")


def _one_subscripted(latex: str) -> str:
    r"""``\phi(z_j) = \frac{1}{1 + e^{-z_j}}`` as ``\phi(z) = …``: a row whose one subscripted letter
    (one subscript, the bare letter nowhere) is its variable, read in that letter; else unchanged."""
    found = {(m.group(1), m.group(2) or m.group(3)) for m in _SUBSCRIPTED.finditer(latex)}
    rest = _SUBSCRIPTED.sub(" ", latex)
    if len(found) != 1 or "_" in rest or re.search(r"(?<![\\A-Za-z])" + next(iter(found))[0] + r"(?![A-Za-z])", rest):
        return latex
    return _SUBSCRIPTED.sub(next(iter(found))[0], latex)


__all__ = ["ScalarFunctions"]
