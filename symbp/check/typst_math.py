r"""Typst math transcribed into the LaTeX the readers read.

Typst (https://typst.app) writes math between ``$ … $`` with its own spelling: function calls
(``frac(a, b)``, ``mat(1, 2; 3, 4)``, ``vec(a, b)``, ``cases(1 "if" x > 0, 0 "otherwise")``,
``bold(x)``, ``cal(L)``, ``upright(d)``, ``op("diag")``, ``text("…")``, ``sqrt(x)``,
``abs(x)``, ``hat(y)``), symbols as words (``partial``, ``nabla``, ``sum``, ``dot``,
``times``, ``dot.circle``/``dot.o`` (⊙), ``alpha``, ``delta``, ``arrow.r``, ``dots.v``,
``top``, ``exp``, ``log``), shorthands (``=>``, ``<==>``, ``->``, ``<=``, ``!=``), scripts whose
parentheses group (``x_(i j)``, ``sum_(i=1)^n``, ``e^(-x)``), fractions by ``/`` between two
atoms (``(partial L)/(partial y)``, ``exp(x_j)^2/S^2``, ``1/C t_j``: the parentheses of an
operand are dropped), strings as upright text (``"softmax"``), ``&`` to align and ``\`` to
break a row.  :func:`typst_latex` writes one row as LaTeX, token for token: ``x_(i j)`` as
``x_{ij}`` (indices side by side are separate indices), ``dot`` as ``\cdot``; nothing is
evaluated.  What Typst would not render (an unknown word, embedded code ``#…``) raises
:class:`TypstError`, so that the row is left unread, never guessed.

    >>> typst_latex("(partial cal(L))/(partial bold(W)) = bold(X)^top dot (partial cal(L))/(partial bold(Y))")
    '\\frac{\\partial \\mathcal{L}}{\\partial \\mathbf{W}} = \\mathbf{X}^{\\top} \\cdot \\frac{\\partial \\mathcal{L}}{\\partial \\mathbf{Y}}'
    >>> typst_latex("y_(i j) = sum_(k=1)^n x_(i k) w_(k j) + b_j")
    'y_{ij} = \\sum_{k=1}^n x_{ik} w_{kj} + b_j'
    >>> typst_latex('cases(x & "if" x > 0, 0 "otherwise")')
    '\\begin{cases} x & \\text{if} x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}'
    >>> [row for _, row in typst_rows("a &= b \\\n  &= c")]
    ['a &= b ', '\n  &= c']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .typst_symbols import FUNCTIONS, OPERATORS, SHORTHANDS, STYLES, SYMBOLS, ArgumentCount

__all__ = ["TypstError", "typst_latex", "typst_rows"]

MAX_TYPST_CHARS = 20_000


class TypstError(ValueError):
    """A Typst row that cannot be transcribed exactly; the message says what."""


_TOKEN = re.compile(
    r"(?P<comment>//[^\n]*|/\*.*?\*/)"
    r"|(?P<string>\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<brk>\\(?=\s|$))"
    r"|(?P<escape>\\u\{[0-9A-Fa-f]+\}|\\.)"
    r"|(?P<code>\#)"
    r"|(?P<short>" + "|".join(map(re.escape, sorted(SHORTHANDS, key=len, reverse=True))) + ")"
    r"|(?P<ident>[^\W\d_][^\W_]*(?:\.[A-Za-z]+)*)"
    r"|(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<space>\s+)"
    r"|(?P<char>.)", re.DOTALL)
_OPENERS, _CLOSERS = "([{", ")]}"
_LATEX_SPECIAL = {"%": r"\%", "$": r"\$", "#": r"\#", "&": r"\&", "{": r"\{", "}": r"\}", "_": r"\_",
                  "\\": r"\backslash ", "^": r"\^{}", "~": r"\~{}"}


@dataclass
class _Item:
    """One transcribed atom: ``tex`` as written, ``inner`` its content when it is a
    parenthesised group (a fraction's or a script's operand drops the parentheses)."""

    tex: str
    kind: str = "atom"          # atom, space, align, text (a string or text(…)), script
    inner: str | None = None

    def bare(self) -> str:
        return self.inner if self.inner is not None else self.tex


def _tokens(typst: str) -> list[tuple[str, str]]:
    """``(kind, text)`` tokens of a Typst math row, comments dropped.

    >>> _tokens('x_(i j) => "if"')[:6]
    [('ident', 'x'), ('char', '_'), ('char', '('), ('ident', 'i'), ('space', ' '), ('ident', 'j')]
    """
    if len(typst) > MAX_TYPST_CHARS:
        raise TypstError(f"a display longer than {MAX_TYPST_CHARS} characters")
    out = []
    for m in _TOKEN.finditer(typst):
        kind = m.lastgroup or "char"
        if kind == "comment":
            out.append(("space", " "))
        elif kind == "code":
            raise TypstError("embedded code (#…) in the math")
        else:
            out.append((kind, m.group()))
    return out


def typst_rows(typst: str) -> list[tuple[int, str]]:
    r"""The rows of a Typst display: ``(offset, text)`` for each part between line breaks
    (``\`` before a space or the end) outside every bracket and call."""
    rows, depth, start, pos = [], 0, 0, 0
    for m in _TOKEN.finditer(typst):
        text = m.group()
        if m.lastgroup == "char" and text in _OPENERS:
            depth += 1
        elif m.lastgroup == "char" and text in _CLOSERS:
            depth = max(depth - 1, 0)
        elif m.lastgroup == "brk" and depth == 0:
            rows.append((start, typst[start:m.start()]))
            start = m.end()
        pos = m.end()
    rows.append((start, typst[start:max(pos, start)]))
    return rows


def typst_latex(typst: str) -> str:
    """One Typst math row (or a whole display: its breaks become ``\\\\``) as LaTeX."""
    parser = _Parser(_tokens(typst))
    items = parser.sequence(top=True)
    return _join(items).strip()


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks, self.pos = tokens, 0

    def peek(self, ahead: int = 0) -> tuple[str, str]:
        at = self.pos + ahead
        return self.toks[at] if at < len(self.toks) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.pos += 1
        return tok

    def skip_space(self) -> None:
        while self.peek()[0] == "space":
            self.pos += 1

    # ------------------------------------------------------------------ sequences
    def sequence(self, top: bool = False, stops: str = "") -> list[_Item]:
        """Items up to a closer (left for the caller) or, in an argument list, ``stops``."""
        items: list[_Item] = []
        while True:
            kind, text = self.peek()
            if kind == "end" or (kind == "char" and (text in _CLOSERS or text in stops) and not top):
                return items
            if kind == "char" and text in _CLOSERS:           # a closer with no opener: as written
                self.take()
                items.append(_Item(_delimiter(text)))
            elif kind == "char" and text == "/":
                self.take()
                self.fraction(items)
            elif kind == "char" and text in "_^":
                self.take()
                self.script(items, text)
            elif kind == "char" and text == "'" and items and items[-1].kind != "space":
                self.take()
                items[-1] = _Item(items[-1].tex + "'")
            else:
                items.append(self.primary())

    def fraction(self, items: list[_Item]) -> None:
        while items and items[-1].kind == "space":
            items.pop()
        if not items or items[-1].kind in ("align", "break"):
            raise TypstError("a fraction '/' with nothing before it")
        numerator = items.pop()
        self.skip_space()
        denominator = self.operand(scripts=True)
        items.append(_Item(rf"\frac{{{numerator.bare().strip()}}}{{{denominator.bare().strip()}}}"))

    def script(self, items: list[_Item], mark: str) -> None:
        if not items or items[-1].kind in ("space", "align", "break"):
            raise TypstError(f"a script '{mark}' with nothing before it")
        argument = self.operand(scripts=False)
        if self.peek() == ("char", mark):      # e^x^2 is e^(x^2): Typst's scripts group to the right
            self.take()
            nested = [argument]
            self.script(nested, mark)
            argument = nested[0]
        inner = argument.bare().strip()
        if mark == "_" and argument.inner is not None:
            inner = _indices(inner)
        base = items.pop()
        items.append(_Item(f"{base.tex}{mark}{{{inner}}}" if len(inner) != 1 else f"{base.tex}{mark}{inner}"))

    def operand(self, scripts: bool) -> _Item:
        """One atom for a fraction or a script: ``-1``, ``(…)``, ``f(x)``; ``scripts``: with
        its own scripts (a denominator ``S^2``)."""
        kind, text = self.peek()
        if kind == "end" or (kind == "char" and text in _CLOSERS + ",;&"):
            raise TypstError("a fraction or script with nothing after it")
        sign = ""
        if kind == "char" and text in "-+" and self.peek(1)[0] in ("number", "ident"):
            sign = self.take()[1]
        items = [self.primary()]
        while scripts and self.peek()[0] == "char" and self.peek()[1] in "_^'":
            mark = self.take()[1]
            if mark == "'":
                items[-1] = _Item(items[-1].tex + "'")
            else:
                self.script(items, mark)
        item = items[0]
        return _Item(sign + item.bare(), inner=None) if sign else item

    # ------------------------------------------------------------------ atoms
    def primary(self) -> _Item:
        kind, text = self.take()
        if kind == "space":
            return _Item(" ", "space")
        if kind == "brk":
            return _Item(r" \\ ", "break")
        if kind == "string":
            return _Item(_text(text), "text")
        if kind == "number":
            return _Item(text)
        if kind == "escape":
            char = text[1:]
            if char.startswith("u{"):
                return _Item(chr(int(char[2:-1], 16)))
            return _Item(_LATEX_SPECIAL.get(char, char))
        if kind == "short":
            return _Item(SHORTHANDS[text])
        if kind == "ident":
            return self.identifier(text)
        if text == "&":
            return _Item("&", "align")
        if text in _OPENERS:
            return self.group(text)
        return _Item(_LATEX_SPECIAL.get(text, SYMBOLS.get(text, text)))

    def group(self, opener: str) -> _Item:
        start = self.pos
        inner = self.sequence()
        kind, closer = self.peek()
        if kind == "end":                                 # unmatched: the opener as written
            self.pos = start
            return _Item(_delimiter(opener))
        self.take()
        body = _join(inner)
        tex = f"{_delimiter(opener)}{body}{_delimiter(closer)}"
        return _Item(tex, inner=body if opener == "(" and closer == ")" else None)

    def identifier(self, name: str) -> _Item:
        called = self.peek() == ("char", "(")
        if called and name in FUNCTIONS:
            self.take()
            return self.call(name, self.arguments())
        if called and name in STYLES:
            self.take()
            return _Item(STYLES[name].format(_one(self.arguments(), name)))
        if len(name) == 1 and name not in SYMBOLS:
            tex = name
        elif name in SYMBOLS:
            tex = SYMBOLS[name]
        elif name in OPERATORS:
            tex = OPERATORS[name]
        else:
            raise TypstError(f"the word '{name}' is not a Typst math symbol")
        if called:                                        # exp(x), f(x), delta(t): one atom
            self.take()
            group = self.group("(")
            return _Item(_glue(tex, group.tex))
        return _Item(tex)

    def arguments(self) -> list[tuple[str | None, list[list[_Item]]]]:
        """A call's arguments after its ``(``: ``(name or None, rows)``, rows split at ``;``
        and items at ``,`` (a matrix), through the closing ``)``."""
        args: list[tuple[str | None, list[list[_Item]]]] = []
        rows: list[list[_Item]] = []
        cells: list[list[_Item]] = []
        while True:
            named = None
            if self.peek()[0] in ("ident", "space"):
                ahead = 0
                while self.peek(ahead)[0] == "space":
                    ahead += 1
                if self.peek(ahead)[0] == "ident" and self.peek(ahead + 1) == ("char", ":") \
                        and re.fullmatch(r"[a-z-]+", self.peek(ahead)[1]) and self.peek(ahead)[1] not in SYMBOLS:
                    named = self.peek(ahead)[1]
                    self.pos += ahead + 2
            start = self.pos
            cell = self.sequence(stops=",;")
            kind, text = self.take()
            if named is not None:                         # delim: "[": the value as written
                raw = "".join(t for _, t in self.toks[start:self.pos - 1]).strip()
                args.append((named, [[_Item(raw if named == "delim" else _join(cell).strip())]]))
            else:
                cells.append(cell)
            if kind == "end":
                raise TypstError("a call whose '(' is not closed")
            if text in ";)" and cells:
                rows.append(cells)
                cells = []
            if text == ")":
                break
        if rows:
            args.insert(0, (None, rows))
        return args

    def call(self, name: str, args) -> _Item:
        named = {key: rows[0][0].tex for key, rows in args if key is not None}
        rows = next((rows for key, rows in args if key is None), [])
        cells = [cell for row in rows for cell in row]
        if name in ("mat", "vec"):
            return _Item(_matrix(name, rows, named.get("delim", "")))
        if name == "cases":
            return _Item(r"\begin{cases} " + r" \\ ".join(_case(c) for c in cells if _join(c).strip())
                         + r" \end{cases}")
        parts = [_join(cell).strip() for cell in cells]
        try:
            return _Item(FUNCTIONS[name](parts, named), "text" if name == "text" else "atom")
        except ArgumentCount as err:
            raise TypstError(f"{name}(…): {err}") from None


def _one(args, name: str) -> str:
    parts = [_join(cell).strip() for key, rows in args if key is None for row in rows for cell in row]
    if len(parts) != 1:
        raise TypstError(f"{name}(…) with {len(parts)} arguments")
    return parts[0]


def _matrix(name: str, rows: list[list[list[_Item]]], delim: str) -> str:
    env = {'"["': "bmatrix", '"|"': "vmatrix", '"{"': "Bmatrix", '"||"': "Vmatrix"}.get(delim, "pmatrix")
    if name == "vec":
        body = r" \\ ".join(_join(c).strip() for row in rows for c in row if _join(c).strip())
    else:
        body = r" \\ ".join(" & ".join(_join(c).strip() for c in row) for row in rows
                            if any(_join(c).strip() for c in row))
    return rf"\begin{{{env}}} {body} \end{{{env}}}"


def _case(cell: list[_Item]) -> str:
    """A ``cases`` row: ``value & condition``; without an ``&`` the condition starts at the
    first text (``1 "if" x > 0``)."""
    if not any(i.kind == "align" for i in cell):
        at = next((k for k, i in enumerate(cell) if i.kind == "text"), None)
        if at is not None and _join(cell[:at]).strip():
            cell = [*cell[:at], _Item(" & ", "align"), *cell[at:]]
    return _join(cell).strip()


def _indices(inner: str) -> str:
    r"""A subscript's indices written side by side: one character each, ``i j``, as ``ij``
    (as LaTeX writes ``x_{ij}``, ``a_{11}``); others, ``i alpha``, as ``i,\\alpha``.

    >>> _indices("i j"), _indices("1 1"), _indices("i \\alpha"), _indices("i+1")
    ('ij', '11', 'i,\\alpha', 'i+1')
    """
    parts = inner.split()
    if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z0-9]", p) for p in parts):
        return "".join(parts)
    if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z0-9]+|\\[A-Za-z]+|[A-Za-z]'", p) for p in parts):
        return ",".join(parts)
    return inner


def _text(string: str) -> str:
    body = re.sub(r"\\(.)", r"\1", string[1:-1])
    return r"\text{" + "".join(_LATEX_SPECIAL.get(c, c) if c in "%$#&{}_\\^~" else c for c in body) + "}"


def _delimiter(char: str) -> str:
    return {"{": r"\{", "}": r"\}"}.get(char, char)


def _glue(left: str, right: str) -> str:
    """``left`` then ``right``, with a space where a control word would run into a letter."""
    if re.search(r"\\[A-Za-z]+$", left) and re.match(r"[A-Za-z]", right):
        return left + " " + right
    return left + right


def _join(items: list[_Item]) -> str:
    out = ""
    for item in items:
        out = _glue(out, " " if item.kind == "space" else item.tex)
    return re.sub(r"  +", " ", out)
