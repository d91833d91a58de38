r"""Macros an author defines in the document, expanded as text before any reader sees a display.

Authors shorten what they write often: ``\newcommand{\dW}{\frac{\partial L}{\partial W}}``,
``\renewcommand{\vec}[1]{\mathbf{#1}}``, ``\def\x{\mathbf{x}}``, ``\def\pd#1#2{\frac{\partial
#1}{\partial #2}}``, ``\DeclareMathOperator{\diag}{diag}``, or a KaTeX / MathJax configuration
block (``macros: {"\\R": "\\mathbb{R}", bx: "\\mathbf{x}", pd: ["\\frac{\\partial #1}{\\partial
#2}", 2]}``).  :func:`read_macros` collects them from the whole text; :meth:`Macros.expand`
substitutes them in one display, arguments and all, the way TeX would for these simple forms.

Expansion is bounded: at most ``MAX_DEPTH`` rounds and ``MAX_GROWTH`` times the display's
length or the longest definition's (at least ``MIN_BUDGET`` characters), checked before a
substitution is built.  A definition that expands without end (``\def\a{\a
x}``) or explodes is a :class:`MacroError`, where a display uses it, with one line naming the
macro and where it is defined; ``symbp check`` reports it as the document's error (a runaway
definition no display uses, say in a code example, stops nothing).  Forms this module does not read
(delimited parameters ``\def\x#1.{…}``, optional arguments with a default, a body that programs
TeX with ``\ifx``/``\else``/``\fi``, ``\let``, ``\expandafter``, ``\csname``) are left alone, so
the readers see the macro as written instead of a guess.

Example::

    >>> m = read_macros(r"\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}} \def\bW{\mathbf{W}}")
    >>> m.expand(r"\pd{L}{\bW} = \delta a^T")
    '\\frac{\\partial L}{\\partial \\mathbf{W}} = \\delta a^T'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .display_forms import matching as _close

MAX_DEPTH = 32            # rounds of expansion (nested macros)
MAX_GROWTH = 20           # expanded display at most this many times the written one
MIN_BUDGET = 4000         # ... and at least this many characters
MAX_MACROS = 500

_NEWCOMMAND = re.compile(r"\\(?:(?:re)?newcommand|providecommand)\*?\s*(?:\{\s*(\\[A-Za-z]+)\s*\}|(\\[A-Za-z]+))"
                         r"\s*(?:\[\s*(\d)\s*\])?\s*(\[)?")
_DEF = re.compile(r"\\[gex]?def\s*(\\[A-Za-z]+)\s*((?:#\d)*)\s*(?=\{)")
_OPERATOR = re.compile(r"\\DeclareMathOperator(\*?)\s*\{\s*(\\[A-Za-z]+)\s*\}\s*(?=\{)")
# KaTeX / MathJax configuration: macros: { "\\R": "\\mathbb{R}", bx: "\\mathbf{x}", pd: ["…", 2] }
_CONFIG = re.compile(r"macros\s*:\s*\{")
_CONFIG_ENTRY = re.compile(r"""\s*(?:"(\\\\?[A-Za-z]+)"|'(\\\\?[A-Za-z]+)'|([A-Za-z]+))\s*:\s*"""
                           r"""(?:("(?:[^"\\]|\\.)*")|\[\s*("(?:[^"\\]|\\.)*")\s*,\s*(\d)\s*\])\s*,?""")
_USE = re.compile(r"\\([A-Za-z]+)")
_ENDS_IN_WORD = re.compile(r"\\[A-Za-z]+$")
# a body that programs TeX (conditionals, aliases, expansion control) is not expanded as text
_PROGRAM = re.compile(r"\\(?:if[A-Za-z]*|else|fi|or|let|futurelet|[gex]?def|expandafter|noexpand|csname|"
                      r"endcsname|makeatletter|catcode|afterassignment|aftergroup|relax)(?![A-Za-z])|\\@")


class MacroError(ValueError):
    """A macro definition that cannot be expanded (it never ends, or it grows without bound)."""


@dataclass
class Macros:
    """The document's macros: name (with its backslash) -> (number of arguments, body)."""
    table: dict[str, tuple[int, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def expand(self, latex: str) -> str:
        r"""``latex`` with every defined macro replaced by its body (``#1``… by the arguments),
        the definitions themselves removed; MacroError when it does not end within the bounds.

        >>> read_macros(r"\def\x{\mathbf{x}}").expand(r"\def\x{\mathbf{x}} y = W\x")
        ' y = W\\mathbf{x}'
        """
        if not self.table or "\\" not in latex:
            return latex
        latex = strip_definitions(latex)
        largest = max(len(body) for _, body in self.table.values())
        budget = max(MIN_BUDGET, MAX_GROWTH * len(latex), MAX_GROWTH * largest)   # one use of any fits
        for _ in range(MAX_DEPTH):
            out, changed, last = self._expand_once(latex, budget)
            if not changed:
                return out
            latex = out
        raise MacroError(f"macro {last} (defined on line {self.lines.get(last, '?')}) is still "
                         f"expanding after {MAX_DEPTH} rounds (does it use itself?)")

    def _expand_once(self, latex: str, budget: int) -> tuple[str, bool, str]:
        out, pos, changed, last, size = [], 0, False, "", 0
        for m in _USE.finditer(latex):
            name = "\\" + m.group(1)
            if m.start() < pos or name not in self.table or (m.start() > 0 and latex[m.start() - 1] == "\\"):
                continue
            count, body = self.table[name]
            if re.search(re.escape(name) + r"(?![A-Za-z])", body):      # \def\q{\q\q}: never ends
                raise MacroError(f"macro {name} (defined on line {self.lines.get(name, '?')}) uses "
                                 "itself, so it never ends; symbp expands a document's macros as text")
            args, end = _arguments(latex, m.end(), count)
            if args is None:
                continue                              # too few arguments: left as written
            size += m.start() - pos + len(body) + sum(body.count(f"#{k}") * len(a) for k, a in enumerate(args, 1))
            if size > budget:                            # checked before it is built: never held whole
                raise MacroError(f"macro {name} (defined on line {self.lines.get(name, '?')}) expands "
                                 f"past {budget} characters; symbp expands a document's macros as text")
            for k, arg in enumerate(args, 1):
                body = body.replace(f"#{k}", arg)
            glue = " " if latex[end:end + 1].isalpha() and _ENDS_IN_WORD.search(body) else ""
            out += [latex[pos:m.start()], body, glue]
            pos, changed, last = end, True, name
        out.append(latex[pos:])
        return "".join(out), changed, last


def read_macros(text: str) -> Macros:
    r"""The macros ``text`` defines (``\newcommand``, ``\renewcommand``, ``\providecommand``,
    ``\def``, ``\DeclareMathOperator``, a KaTeX / MathJax ``macros: {…}`` block); a later
    definition of a name replaces an earlier one.  MacroError for more than ``MAX_MACROS``.

    >>> read_macros(r"\DeclareMathOperator{\diag}{diag}").expand(r"\diag(a)")
    '\\operatorname{diag}(a)'
    """
    macros = Macros()
    if "\\" not in text and "macros" not in text:
        return macros
    for m in _NEWCOMMAND.finditer(text):
        if m.group(4):                                # an optional argument's default: not read
            continue
        body = _group_at(text, m.end())
        if body is not None:
            _define(macros, text, m.start(), m.group(1) or m.group(2), int(m.group(3) or 0), body)
    for m in _DEF.finditer(text):
        params = m.group(2)
        if params != "".join(f"#{k}" for k in range(1, len(params) // 2 + 1)):
            continue                                  # #2#1 or delimited forms: not read
        body = _group_at(text, m.end())
        if body is not None:
            _define(macros, text, m.start(), m.group(1), len(params) // 2, body)
    for m in _OPERATOR.finditer(text):
        body = _group_at(text, m.end())
        if body is not None:
            star = "*" if m.group(1) else ""
            _define(macros, text, m.start(), m.group(2), 0, rf"\operatorname{star}{{{body}}}")
    for m in _CONFIG.finditer(text):
        _read_config(macros, text, m.start(), m.end())
    return macros        # a definition that never ends is an error where a display uses it


def strip_definitions(latex: str) -> str:
    r"""``latex`` without the macro definitions it holds (a display that only defines macros,
    as Markdown authors write them, is left empty).

    >>> strip_definitions(r"\newcommand{\R}{\mathbb{R}} x \in \R")
    ' x \\in \\R'
    """
    for pattern in (_NEWCOMMAND, _DEF, _OPERATOR):
        for _ in range(MAX_MACROS):
            m = pattern.search(latex)
            if not m:
                break
            start = m.end() + (len(latex[m.end():]) - len(latex[m.end():].lstrip()))
            close = _close(latex, start) if latex[start:start + 1] == "{" else None
            if close is None:
                break
            latex = latex[:m.start()] + latex[close + 1:]
    return latex


def _define(macros: Macros, text: str, at: int, name: str, count: int, body: str) -> None:
    if _PROGRAM.search(body):             # \ifx1#1…\else…\fi: TeX programming, not text to paste
        return
    if len(macros.table) >= MAX_MACROS:
        raise MacroError(f"more than {MAX_MACROS} macro definitions")
    macros.table[name] = (count, body)
    macros.lines[name] = text.count("\n", 0, at) + 1


def _read_config(macros: Macros, text: str, start: int, pos: int) -> None:
    """The entries of one ``macros: {…}`` block (JavaScript strings, read as JSON strings)."""
    while (m := _CONFIG_ENTRY.match(text, pos)) is not None:
        key = m.group(1) or m.group(2) or m.group(3)
        raw = m.group(4) or m.group(5)
        try:
            body = json.loads(raw)
        except ValueError:
            return
        name = "\\" + key.lstrip("\\")
        _define(macros, text, start, name, int(m.group(6) or 0), body)
        pos = m.end()


def _arguments(latex: str, pos: int, count: int) -> tuple[list[str] | None, int]:
    """``count`` arguments after ``pos``: braced groups (their content) or single tokens."""
    args = []
    for _ in range(count):
        while pos < len(latex) and latex[pos].isspace():
            pos += 1
        if pos >= len(latex) or latex[pos] in "}":
            return None, pos
        if latex[pos] == "{":
            close = _close(latex, pos)
            if close is None:
                return None, pos
            args.append(latex[pos + 1:close])
            pos = close + 1
        elif latex[pos] == "\\":
            tok = re.match(r"\\(?:[A-Za-z]+|.)", latex[pos:])
            args.append(tok.group())
            pos += tok.end()
        else:
            args.append(latex[pos])
            pos += 1
    return args, pos


def _group_at(text: str, pos: int) -> str | None:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if text[pos:pos + 1] != "{":
        return None
    close = _close(text, pos)
    return None if close is None else text[pos + 1:close]
