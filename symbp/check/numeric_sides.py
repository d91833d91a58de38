r"""Worked examples: the sides of a row that are plain arithmetic must agree with each other.

A worked example writes ``\frac{\partial L}{\partial w_{11}} = -0.188 \cdot 0.237 \cdot 0.4
\cdot 0.599 \cdot (1 - 0.599) \cdot 1.5 \approx -0.0043``: whatever the gradient is, the row
states that the product equals -0.0043, and it is -0.0064.  A row whose sides made only of
numbers (decimals, ``+ - \cdot \times / \frac``, parentheses, integer powers) disagree is false.
Each written decimal is taken as rounded to its last digit (an interval half a unit wide each
side); a side's value is the interval its arithmetic gives over those intervals (exact rational
interval arithmetic, never floating point); a lone number is a rounding too, widened to 1.75
units of its last digit (the tolerance of the project's truth scripts).  Two numeric sides
whose intervals do not meet refute the row; sides that meet decide nothing (the gradient
side is for the readers).  Nothing is evaluated but these tokens.

>>> arithmetic_mismatch(r"\frac{\partial L}{\partial w} = -0.188 \cdot 0.237 \cdot 0.4 \cdot 0.599 \cdot (1 - 0.599) \cdot 1.5 \approx -0.0043")
'the numbers written do not agree: -0.188 \\cdot 0.237 \\cdot 0.4 \\cdot 0.599 \\cdot (1 - 0.599) \\cdot 1.5 is about -0.00646 (-0.00752 to -0.00539 with each number rounded to its last digit), not -0.0043'
>>> arithmetic_mismatch(r"2 \times 3 = 5")
'the numbers written do not agree: 2 \\times 3 is 6, not 5'
>>> arithmetic_mismatch(r"H' = (6 - 3)/2 + 1 = 2") is None     # integers divided: a floor may be meant
True
>>> arithmetic_mismatch(r"\frac{\partial L}{\partial w_2} = 0.077 \cdot 0.244 \cdot 0.525 \approx 0.0099") is None
True
"""
from __future__ import annotations

import re
from fractions import Fraction

_RELATION = re.compile(r"\\approx|≈|\\simeq|=")
_TOKEN = re.compile(r"\s*(\d+\.\d*|\.\d+|\d+|\\left\s*[(\[]|\\right\s*[)\]]|\\cdot|\\times|\\div|\\frac|"
                    r"\\dfrac|\\tfrac|[-+*/()\[\]{}^]|\\[,;! ]|.)")
_SPACE = {"\\,", "\\;", "\\!", "\\ "}
_MAX_TOKENS = 200


class _NotNumeric(Exception):
    pass


def _tokens(side: str) -> list:
    side = re.sub(r"\\tag\*?\s*\{[^{}]*\}", "", side).strip().rstrip(".,;")
    out, pos = [], 0
    while pos < len(side):
        m = _TOKEN.match(side, pos)
        tok = m.group(1)
        pos = m.end()
        if tok in _SPACE or not tok.strip():
            continue
        out.append(re.sub(r"\\left\s*|\\right\s*", "", tok))
    if not out or len(out) > _MAX_TOKENS:
        raise _NotNumeric
    return out


def _rounded(text: str, widen: Fraction = Fraction(1, 2)) -> tuple:
    """A written number as an interval: ``widen`` units of its last decimal each side (half a
    unit: rounded to it; integers exact)."""
    value = Fraction(text)
    if "." not in text:
        return value, value
    unit = Fraction(1, 10 ** len(text.split(".")[1]))
    return value - widen * unit, value + widen * unit


def _mul(a, b):
    products = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(products), max(products)


def _div(a, b):
    if b[0] <= 0 <= b[1]:
        raise _NotNumeric
    return _mul(a, (1 / b[1], 1 / b[0]))


class _Parser:
    def __init__(self, toks, widen: Fraction = Fraction(1, 2)):
        self.toks, self.pos, self.widen = toks, 0, widen

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, want=None):
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise _NotNumeric
        self.pos += 1
        return tok

    def expr(self):
        sign = -1 if self.peek() == "-" else 1
        if self.peek() in ("-", "+"):
            self.take()
        value = self.term()
        value = (min(sign * value[0], sign * value[1]), max(sign * value[0], sign * value[1]))
        while self.peek() in ("+", "-"):
            op, other = self.take(), self.term()
            value = (value[0] + other[0], value[1] + other[1]) if op == "+" else \
                (value[0] - other[1], value[1] - other[0])
        return value

    def term(self):
        value = self.power()
        while self.peek() in ("\\cdot", "\\times", "*", "/", "\\div") or self.peek() in ("(", "\\frac", "\\dfrac", "\\tfrac"):
            if self.peek() == "(" and self.toks[self.pos + 2:self.pos + 3] == [")"]:
                raise _NotNumeric                      # 0.25 (3): an equation's number, not a factor
            op = self.take() if self.peek() not in ("(", "\\frac", "\\dfrac", "\\tfrac") else "\\cdot"
            other = self.power()
            value = _div(value, other) if op in ("/", "\\div") else _mul(value, other)
        return value

    def power(self):
        value = self.atom()
        if self.peek() == "^":
            self.take()
            braced = self.peek() == "{"
            if braced:
                self.take()
            tok = self.take()
            if not tok.isdigit() or int(tok) > 6:
                raise _NotNumeric
            if braced:
                self.take("}")
            out = (Fraction(1), Fraction(1))
            for _ in range(int(tok)):
                out = _mul(out, value)
            value = out
        return value

    def atom(self):
        tok = self.take()
        if re.fullmatch(r"\d+\.\d*|\.\d+|\d+", tok):
            return _rounded(tok, self.widen)
        closing = {"(": ")", "[": "]", "{": "}"}
        if tok in closing:
            value = self.expr()
            self.take(closing[tok])
            return value
        if tok in ("\\frac", "\\dfrac", "\\tfrac"):
            self.take("{")
            top = self.expr()
            self.take("}")
            self.take("{")
            bottom = self.expr()
            self.take("}")
            return _div(top, bottom)
        raise _NotNumeric


def _interval(side: str):
    """(low, high, is a lone number) of a side made only of arithmetic, else None."""
    try:
        toks = _tokens(side)
        parser = _Parser(toks)
        value = parser.expr()
        if parser.peek() is not None:
            return None
    except (_NotNumeric, ZeroDivisionError, ValueError, RecursionError):
        return None
    lone = len(toks) <= 2 and toks[-1][0].isdigit()
    decimal = any("." in t for t in toks)
    if lone:                                      # a result written rounded: 1.75 units of its last digit
        unit = Fraction(1, 10 ** len(toks[-1].split(".")[1])) if decimal else Fraction(1)
        middle = (value[0] + value[1]) / 2
        value = (middle - Fraction(7, 4) * unit, middle + Fraction(7, 4) * unit)
        exact = (middle, middle) if not decimal else value
        return value[0], value[1], lone, decimal, False, exact
    divided = any(t in ("/", "\\frac", "\\dfrac", "\\tfrac", "\\div") for t in toks)
    return value[0], value[1], lone, decimal, divided, value


def written_value(side: str, widen: Fraction = Fraction(1, 2)):
    """(low, high) of a side made only of arithmetic, each written decimal taken ``widen``
    units of its last digit each side; a lone number as itself with its last digit's unit
    (``(value, value, unit)``, unit None for an integer); None for any other side.

    >>> written_value("0.25"), written_value(r"0.5 \\cdot 0.5")
    ((Fraction(1, 4), Fraction(1, 4), Fraction(1, 100)), (Fraction(81, 400), Fraction(121, 400)))
    """
    try:
        toks = _tokens(side)
        if len(toks) <= 2 and toks[-1][0].isdigit() and toks[0] in ("-", toks[-1]):
            value = Fraction(toks[-1]) * (-1 if toks[0] == "-" else 1)
            return value, value, Fraction(1, 10 ** len(toks[-1].split(".")[1])) if "." in toks[-1] else None
        parser = _Parser(toks, widen)
        value = parser.expr()
        return value if parser.peek() is None else None
    except (_NotNumeric, ZeroDivisionError, ValueError, RecursionError):
        return None


def _show(x: Fraction) -> str:
    return f"{float(x):.3g}"


def arithmetic_mismatch(row: str) -> str | None:
    """Why two sides of ``row`` made only of numbers disagree beyond their rounding, else None."""
    if not re.search(r"\d", row):
        return None
    found = [(s.strip(), _interval(s)) for s in _RELATION.split(row)]
    numeric = [(s, v) for s, v in found if v is not None]
    for k, (left, a) in enumerate(numeric):
        for right, b in numeric[k + 1:]:
            if not (a[3] or b[3]) and (a[4] or b[4]):
                continue                # (6 - 3)/2 + 1 = 2: an output size, its floor left unwritten
            if not (a[3] or b[3]) and not re.search(r"\\approx|≈|\\simeq", row):   # 2 · 3 · 4 = 25: exact
                a, b = (*a[5], *a[2:]), (*b[5], *b[2:])
            if a[1] < b[0] or b[1] < a[0]:
                expr, num = ((left, a), (right, b)) if not a[2] or b[2] else ((right, b), (left, a))
                mid = (expr[1][0] + expr[1][1]) / 2
                spread = "" if expr[1][0] == expr[1][1] else (
                    f" ({_show(expr[1][0])} to {_show(expr[1][1])} with each number rounded to its last digit)")
                return f"the numbers written do not agree: {expr[0]} is {'about ' * bool(spread)}{_show(mid)}{spread}, not {num[0]}"
    return None


__all__ = ["arithmetic_mismatch", "written_value"]
