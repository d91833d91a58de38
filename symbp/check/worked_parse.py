r"""One side of a numeric worked example's scalar row, read into a SymPy expression.

Blog and lecture-note worked examples of backprop write a small network with scalar names
(``net_{h1} = w_1 i_1 + w_2 i_2 + b_1``, ``out_{h1} = \frac{1}{1+e^{-net_{h1}}}``,
``E = \frac{1}{2}(target - out)^2``) and then numbers for each step (``= 0.15 \times 0.05 + … =
0.3775``).  :func:`read_side` reads one side from the tokens :func:`symbp.check.calc_tokens.tokens`
gives (never evaluating text): a name is a letter, a Greek letter or a word with its subscript and
a label superscript (``w_5^{+}``, ``a^{(1)}``, ``w'_1``) and becomes a real SymPy symbol; a written
decimal becomes a placeholder symbol whose exact value and written decimals :class:`Side` keeps (so
that a chain's reused rounded numbers are known); ``e^{x}``, ``\exp``, ``\log``/``\ln``, ``\tanh``,
``\sigma`` (the logistic function), ``\max(0, x)`` / ReLU; ``\frac{\partial A}{\partial B}`` (or
``dA/dB``) becomes a :class:`Partial` placeholder the caller resolves over the page's forward.

>>> s = read_side(r"0.75136507(1 - 0.75136507)")
>>> sorted(d for _, d in s.decimals.values()), s.names
([8, 8], set())
>>> next(iter(read_side(r"\frac{\partial E_{total}}{\partial w_{5}}").partials.values())).of, read_side(r"w_5^{+}").names
('E_total', {'w_5^+'})
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from .calc_tokens import tokens

_GREEK = {"\\alpha", "\\beta", "\\gamma", "\\delta", "\\eta", "\\theta", "\\lambda", "\\mu", "\\phi",
          "\\psi", "\\omega", "\\xi", "\\zeta", "\\rho", "\\tau", "\\epsilon", "\\varepsilon", "\\ell", "\\nu"}
_TIMES = {"*", "\\cdot", "\\times", "\\ast"}
_ACCENTS = {"\\hat", "\\bar", "\\tilde", "\\mathbf", "\\boldsymbol", "\\mathit", "\\bm", "\\vec"}
_WORD_FN = {"relu": "relu", "sigmoid": "sigmoid", "exp": "exp", "log": "log", "ln": "log", "tanh": "tanh"}
_FN = {"\\exp": "exp", "\\log": "log", "\\ln": "log", "\\tanh": "tanh", "\\sigma": "sigmoid"}
_LABEL_SUP = re.compile(r"^(?:\+|\*|new|old|\(\w+\)|\[\w+\]|'+|\\prime)$")


class WorkedParseError(ValueError):
    """A side this reader does not read."""


@dataclass(frozen=True)
class Partial:
    """∂``of``/∂``wrt`` written inside a side (its placeholder symbol stands for it)."""
    of: str
    wrt: str


@dataclass
class Side:
    """A side's expression; ``decimals``: placeholder -> (exact value, decimals written);
    ``partials``: placeholder -> Partial; ``names``: the scalar names it writes."""
    expr: sp.Expr
    decimals: dict = field(default_factory=dict)
    partials: dict = field(default_factory=dict)
    names: set = field(default_factory=set)

    @property
    def numeric(self) -> bool:
        """Numbers only (no name, no derivative)."""
        return not self.names and not self.partials

    @property
    def lone_number(self):
        """(value, decimals) when the side is one written number (``0.3775``, ``-0.0192``), else None."""
        e = self.expr
        sign = 1
        if isinstance(e, sp.Mul) and len(e.args) == 2 and e.args[0] == -1:
            sign, e = -1, e.args[1]
        if e in self.decimals:
            value, places = self.decimals[e]
            return sign * value, places
        if e.is_Integer and not self.decimals and not self.names:
            return sp.Integer(sign * e), 0
        return None


def read_side(latex: str) -> Side:
    """The :class:`Side` of ``latex``; WorkedParseError when it is not read."""
    parser = _Parser(tokens(latex))
    expr = parser.expr()
    if parser.pos != len(parser.toks):
        raise WorkedParseError(f"'{' '.join(parser.toks[parser.pos:parser.pos + 3])}' is not read")
    partials = {s: p for s, p in parser.partials.items() if s in expr.free_symbols}
    return Side(expr, {s: v for s, v in parser.decimals.items() if s in expr.free_symbols}, partials,
                {str(s) for s in expr.free_symbols if s.name[0] not in "#∂"})


def name_symbol(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


class _Parser:
    def __init__(self, toks: list):
        self.toks, self.pos = toks, 0
        self.decimals: dict = {}
        self.partials: dict = {}

    def peek(self, k: int = 0):
        return self.toks[self.pos + k] if self.pos + k < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise WorkedParseError(f"expected {want or 'more'}, found {tok}")
        self.pos += 1
        return tok

    def expr(self):
        terms = [self.term(signed=True)]
        while self.peek() in ("+", "-"):
            op = self.take()
            terms.append(self.term() * (-1 if op == "-" else 1))
        return sp.Add(*terms)

    def term(self, signed: bool = False):
        if signed and self.peek() in ("-", "+"):
            sign = -1 if self.take() == "-" else 1
            return sign * self.term()
        factors = [self.power()]
        while True:
            tok = self.peek()
            if tok in _TIMES:
                self.take()
                factors.append(self.power())
            elif tok == "/" :
                self.take()
                factors.append(1 / self.power())
            elif tok is not None and tok not in ("+", "-", ")", "]", "}", "=", ",", "&", "\\\\"):
                factors.append(self.power())           # juxtaposition: 0.75(1 - 0.75), w_1 i_1
            else:
                return sp.Mul(*factors)

    def power(self):
        base = self.atom()
        while self.peek() == "^":
            self.take()
            base = base ** self.group_or_atom()
        return base

    def group_or_atom(self):
        if self.peek() == "{":
            self.take()
            inner = self.expr()
            self.take("}")
            return inner
        if self.peek() == "-":
            self.take()
            return -self.atom()
        return self.atom()

    def atom(self):
        tok = self.peek()
        if tok is None:
            raise WorkedParseError("a side ends early")
        if tok in ("(", "[", "{"):
            self.take()
            inner = self.expr()
            self.take({"(": ")", "[": "]", "{": "}"}[tok])
            return inner
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            self.take()
            return self.number(tok)
        if tok == "\\frac" or tok == "\\dfrac" or tok == "\\tfrac":
            return self.fraction()
        if tok == "e" and self.peek(1) == "^":
            self.take()
            self.take("^")
            return sp.exp(self.group_or_atom())
        if tok in _FN or (tok.startswith("\\text:") and tok[6:].lower() in _WORD_FN):
            self.take()
            return self.function(_FN.get(tok) or _WORD_FN[tok[6:].lower()])
        if tok == "\\max":
            self.take()
            self.take("(")
            zero = self.expr()
            self.take(",")
            arg = self.expr()
            self.take(")")
            if zero != 0:
                raise WorkedParseError("a max other than max(0, x)")
            return sp.Max(0, arg)
        return name_symbol(self.name())

    def number(self, tok: str):
        if "." not in tok:
            return sp.Integer(tok)
        sym = sp.Symbol(f"#{len(self.decimals)}", positive=True)
        self.decimals[sym] = (sp.Rational(tok), len(tok.split(".")[1]))
        return sym

    def function(self, kind: str):
        if self.peek() == "^":                        # \sigma^{-1}, \tanh^2: not read
            raise WorkedParseError("a power of a function")
        if self.peek() in ("(", "[", "{"):
            arg = self.atom()
        else:
            arg = self.power()
        return {"exp": sp.exp, "log": sp.log, "tanh": sp.tanh, "relu": lambda x: sp.Max(0, x),
                "sigmoid": lambda x: 1 / (1 + sp.exp(-x))}[kind](arg)

    def fraction(self):
        self.take()
        top, bottom = self.braced_tokens(), self.braced_tokens()
        wrt = _differential(bottom)
        of = _differential(top) if wrt else None
        if of and wrt:
            sym = sp.Symbol(f"∂{len(self.partials)}", real=True)
            self.partials[sym] = Partial(of, wrt)
            return sym
        return _Parser.sub(top, self) / _Parser.sub(bottom, self)

    def braced_tokens(self) -> list:
        if self.peek() != "{":
            return [self.take()]
        self.take()
        depth, start = 1, self.pos
        while depth:
            tok = self.take()
            depth += (tok == "{") - (tok == "}")
        return self.toks[start:self.pos - 1]

    @staticmethod
    def sub(toks: list, parent: "_Parser"):
        inner = _Parser(toks)
        inner.decimals, inner.partials = parent.decimals, parent.partials
        value = inner.expr()
        if inner.pos != len(toks):
            raise WorkedParseError("a fraction's part is not read")
        return value

    def name(self) -> str:
        tok = self.take()
        if tok in _ACCENTS:
            inner = self.braced_tokens()
            if len(inner) != 1:
                raise WorkedParseError("an accent over more than one letter")
            base = f"{tok[1:]} {_plain(inner[0])}"
        elif re.fullmatch(r"[A-Za-z]", tok) or tok in _GREEK or (tok.startswith("\\text:") and
                                                                    re.fullmatch(r"[A-Za-z]\w*", tok[6:])):
            base = _plain(tok)
        else:
            raise WorkedParseError(f"'{tok}' is not read")
        while self.peek() == "'":
            self.take()
            base += "'"
        if self.peek() == "_":
            self.take()
            sub = self.braced_tokens()
            if not sub or any(not re.fullmatch(r"[A-Za-z0-9,]+|\\text:\w+|" + "|".join(
                    re.escape(g) for g in _GREEK), t) for t in sub):
                raise WorkedParseError("a subscript this reader does not read")
            base += "_" + "".join(_plain(t) for t in sub)
        if self.peek() == "^" and self.peek(1) == "{":
            end = self.toks.index("}", self.pos) if "}" in self.toks[self.pos:] else -1
            label = "".join(self.toks[self.pos + 2:end]) if end > 0 else ""
            if _LABEL_SUP.match(label):
                self.pos = end + 1
                base += "^" + label
        return base


def _plain(tok: str) -> str:
    return tok[6:] if tok.startswith("\\text:") else tok.lstrip("\\")


def _differential(toks: list) -> str | None:
    """The name after ``\\partial`` or ``d`` in a derivative's part (``\\partial E_{total}``), else None."""
    if not toks or toks[0] not in ("\\partial", "d") or len(toks) < 2:
        return None
    if toks[0] == "d" and toks[1] == "_":
        return None
    inner = _Parser(toks[1:])
    try:
        name = inner.name()
    except WorkedParseError:
        return None
    return name if inner.pos == len(inner.toks) else None


__all__ = ["Partial", "Side", "WorkedParseError", "name_symbol", "read_side"]
