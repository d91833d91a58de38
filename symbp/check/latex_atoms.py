r"""Safe parsing of LaTeX *atoms* (explicit matrices and scalar expressions).

An atom is one operand of a derivation step: an explicit matrix
(``bmatrix``/``pmatrix``/``matrix``) whose entries are scalar expressions, or
a scalar expression built from numbers and symbols with ``+ - / \frac \cdot
\times``, powers, parentheses and implicit multiplication.  Relations and the
operators symbp interprets itself (``=``, ``\odot``, ``*``) are refused; use
:func:`split_top_level` to cut an equation into atoms first.

Why a wrapper
-------------
latex2sympy2 1.9.1 is used only as the expression grammar, and only ever sees
text this module generated.  Its sharp edges, found by reading its source:

* Import-time global state: it runs ``latex2latex('i=I')`` and
  ``latex2latex('j=I')``, storing ``i -> I`` and ``j -> I`` (and identity
  matrices ``\bm{I}_n``) in the module globals ``variances``/``var`` that
  ``latex2latex`` substitutes.  ``x = y`` is an ASSIGNMENT that writes to
  those globals (or calls ``sympy.solve`` when the left side is not a symbol),
  and ``\in`` defines global matrix symbols.
* eval reachable from input text: ``convert_atom`` calls
  ``parse_expr`` on ``str(VARIABLE_VALUES[name])`` for ``\variable{name}`` tokens,
  and falls back to ``sympy.Number(text)`` -- i.e. ``sympify`` of a string --
  for NUMBER / E_NOTATION / PERCENT_NUMBER tokens that ``sympy.Rational``
  rejects.  ``\operatorname``/``\text``/function syntax also reach
  ``getattr(sympy.functions, ...)``, ``sympy.Function(<input text>)`` and a
  recursive ``latex2sympy`` call on raw input slices.
* Silent reinterpretation: ``latex2sympy()`` rewrites ``(x)_{y}`` into a
  factorial quotient and drops ``$``; ``e`` becomes Euler's number, ``I``
  the imaginary unit, ``d x`` a differential, ``1,000`` the number 1000,
  ``1,2`` a list; a prime ``a'`` is dropped; ``a_1(b)`` becomes an applied
  function; and ``parser.math()`` does not require end of input, so
  ``1 . 5`` parses as ``1``.
* ANTLR's default console error listener prints to stderr.

How they are blocked
--------------------
The atom is tokenized here and checked against a whitelist *before*
latex2sympy2 is involved.  Every symbol (with its subscripts, layer
superscript and primes) and every number is handled by this module: the text
given to latex2sympy2 contains only validated decimal numbers, placeholder
symbols (plain letters, Greek commands, ``a_0``-style names), ``+ - /``,
``\frac``, ``\cdot``, ``\times``, ``^{...}`` and parentheses.  No
``\variable``, ``%``, ``,``, ``=``, ``E``, ``e``, ``I``, ``d`` or function
syntax can occur, so none of the eval, assignment or solve paths above is
reachable.  The lexer and parser are driven directly (not through
``latex2sympy()``, so none of its text rewriting runs) with a raising error
listener and an end-of-input check; the global state (``VARIABLE_VALUES``,
``variances``/``var``, ``is_real``, ``frac_type``) is reset before and after
every call.  The resulting tree is rebuilt node by node from a whitelist
(``Symbol``, ``Rational``, ``Add``, ``Mul``, ``Pow``), so anything unexpected
is refused rather than returned.

Symbol-name convention
----------------------
A symbol is a Latin letter or a Greek command, optionally preceded by
``\nabla`` and followed by primes, one subscript and one superscript in any
order.  Its sympy name is::

    [nabla ]<base><primes>[^{<label>}][_{<subscript>}]

with the backslash dropped from Greek letters and all whitespace removed from
scripts; e.g. ``a_{11}`` -> ``a_{11}``, ``a_1`` -> ``a_{1}``,
``\delta_{21}`` -> ``delta_{21}``, ``a_{11}^l`` and ``a^{l}_{11}`` ->
``a^{l}_{11}``, ``\delta^{L}_{u, v}`` -> ``delta^{L}_{u,v}``, ``\sigma'`` and
``\sigma^{\prime}`` -> ``sigma'``, ``\nabla a_{12}`` -> ``nabla a_{12}``.

A superscript on a symbol is a *layer label* (part of the name) when it is a
letter-led name with an optional ``+n``/``-n`` offset, or a parenthesised
label: ``l``, ``L``, ``L+1``, ``l-1``, ``T``, ``(2)``, ``(l)``.  Any other
superscript (``2``, ``-1``, ``\frac{1}{2}``, ``n+m``) is an exponent.  So
``x^{n}`` is the symbol ``x^{n}``, not a power.

Every letter is a plain symbol: ``i``, ``j``, ``e``, ``I`` and ``\pi`` are
never constants.  A Latin symbol directly followed by a bracketed group is an
implicit product (``a(1-a)``); a Greek or primed symbol followed by ``(`` or
``[`` looks like a function application (``\sigma(z)``, ``\sigma'(z)``) and is
refused, and so are a number right after a symbol (``a 2``, ``x2``), digits
separated by whitespace (``1 2``), derivative fractions (``\frac{dJ}{dz}``)
and ``^T`` on a bracketed group (transposition, not a power).
Results are ordinary evaluated sympy objects (``\frac{2}{4}`` is ``1/2``,
decimals are exact rationals).
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

import latex2sympy2
import sympy
from antlr4 import CommonTokenStream, InputStream, Token
from antlr4.error.ErrorListener import ErrorListener
from gen.PSLexer import PSLexer
from gen.PSParser import PSParser

__all__ = [
    "LatexAtomError",
    "MAX_DEPTH",
    "MAX_MATRIX_ENTRIES",
    "MAX_SUPERSCRIPT_DEPTH",
    "normalize_symbol_name",
    "parse_atom",
    "split_top_level",
]

MAX_DEPTH = 50
MAX_SUPERSCRIPT_DEPTH = 3  # latex2sympy2 slows down sharply on towers like a^{a^{a^{...}}}
MAX_MATRIX_ENTRIES = 4096
MAX_SYMBOLS_PER_EXPRESSION = 256
MAX_NUMBER_BITS = 10_000

GREEK_LETTERS = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota "
    "kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi "
    "varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi "
    "Psi Omega".split()
)
MATRIX_ENVIRONMENTS = frozenset({"bmatrix", "pmatrix", "matrix"})

_SPACING = frozenset({"\\,", "\\;", "\\:", "\\!", "\\quad", "\\qquad", "~"})
_FRAC_MACROS = frozenset({"\\frac", "\\dfrac", "\\tfrac"})
_PLAIN_MACROS = frozenset({"\\cdot", "\\times", "\\prime", "\\nabla", "\\left", "\\right", "\\\\"})
_PLAIN_CHARS = frozenset("+-/.^_{}()[]&,'")
_REFUSED_OPERATORS = {
    "=": "split equations with split_top_level first",
    "*": "symbp handles convolution itself",
    "\\odot": "symbp handles the Hadamard product itself",
}
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_CLOSERS = frozenset(_OPENERS.values())

_TOKEN_RE = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}|\\(?:[A-Za-z]+|.)?|\s+|.", re.DOTALL)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_SUBSCRIPT_RE = re.compile(r"[A-Za-z0-9]+(?:[,+-][A-Za-z0-9]+)*")
_LABEL_BODY = r"[A-Za-z][A-Za-z0-9]*(?:[+-][0-9]+)?"
_LABEL_RE = re.compile(rf"{_LABEL_BODY}|\((?:{_LABEL_BODY}|[0-9]+)\)")
_CANONICAL_GREEK_RE = re.compile(r"(nabla\s+)?([A-Za-z]+)")

# latex2sympy2 placeholders, cheapest to parse first.  Letters that its lexer
# treats specially (d: differential, e/E: exponentials, I: imaginary unit,
# T: transpose) are never used.
_PLACEHOLDER_LETTERS = "abcfghijklmnopqrstuvwxyzABCDFGHJKLMNOPQRSUVWXYZ"
_PLACEHOLDERS = (
    [(letter, letter) for letter in _PLACEHOLDER_LETTERS]
    + [("\\" + name, name) for name in sorted(GREEK_LETTERS - {"pi"})]
    + [(f"{letter}_{digit}", f"{letter}_{digit}") for letter in _PLACEHOLDER_LETTERS for digit in range(10)]
)

_LATEX2SYMPY_LOCK = threading.Lock()


class LatexAtomError(ValueError):
    """A LaTeX atom was refused; the message is one line naming the problem."""


class _Token(NamedTuple):
    text: str  # normalized: whitespace -> " ", "\left(" merged, "\begin{bmatrix}" merged
    pos: int  # 0-based offset in the source

    @property
    def column(self) -> int:
        return self.pos + 1


@dataclass
class _SymbolParts:
    base: str
    primes: int = 0
    label: str | None = None
    subscript: str | None = None
    exponent: tuple[int, int] | None = None  # token range of a superscript that is not a label
    greek: bool = False

    @property
    def full_base(self) -> str:
        return self.base + "'" * self.primes

    @property
    def name(self) -> str:
        label = f"^{{{self.label}}}" if self.label is not None else ""
        subscript = f"_{{{self.subscript}}}" if self.subscript is not None else ""
        return self.full_base + label + subscript


# --------------------------------------------------------------------------
# tokenizing and grouping


def _tokenize(tex: str, *, strict: bool) -> list[_Token]:
    """Split ``tex`` into tokens; ``strict`` applies the atom whitelist."""
    tokens: list[_Token] = []
    for match in _TOKEN_RE.finditer(tex):
        text, pos = match.group(), match.start()
        if text.isspace() or (strict and (text in _SPACING or (text[0] == "\\" and text[1:].isspace()))):
            text = " "
        elif text.startswith(("\\begin", "\\end")) and "{" in text:
            text = re.sub(r"\s+", "", text)
        if strict:
            text = _whitelisted(text, pos)
        tokens.append(_Token(text, pos))
    return _merge_delimiters(tokens, strict=strict)


def _whitelisted(text: str, pos: int) -> str:
    """Return the normalized token, or raise if it is not allowed in an atom."""
    column = pos + 1
    if text in _REFUSED_OPERATORS:
        raise LatexAtomError(f"'{text}' is not allowed in an atom (column {column}); {_REFUSED_OPERATORS[text]}")
    if text == " " or text in _PLAIN_CHARS or text in _PLAIN_MACROS:
        return text
    if len(text) == 1 and text.isascii() and text.isalnum():
        return text
    if text in _FRAC_MACROS:
        return "\\frac"
    if text[1:] in GREEK_LETTERS and text[0] == "\\":
        return text
    if text.startswith(("\\begin{", "\\end{")):
        name = text[text.index("{") + 1 : -1]
        if name not in MATRIX_ENVIRONMENTS:
            raise LatexAtomError(f"unsupported environment '{name}' at column {column}")
        return text
    if text == "\\":
        raise LatexAtomError(f"stray backslash at column {column}")
    if text.startswith("\\"):
        raise LatexAtomError(f"unsupported macro '{text}' at column {column}")
    raise LatexAtomError(f"unsupported character {text!r} at column {column}")


def _merge_delimiters(tokens: list[_Token], *, strict: bool) -> list[_Token]:
    r"""Fold ``\left``/``\right`` and their delimiter into one token."""
    merged: list[_Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.text in ("\\left", "\\right"):
            j = _skip_spaces(tokens, i + 1, len(tokens))
            allowed = "([" if token.text == "\\left" else ")]"
            if j == len(tokens) or (strict and tokens[j].text not in allowed):
                wanted = " or ".join(f"'{c}'" for c in allowed) if strict else "a delimiter"
                raise LatexAtomError(f"'{token.text}' at column {token.column} must be followed by {wanted}")
            merged.append(_Token(token.text + tokens[j].text, token.pos))
            i = j + 1
        elif token.text in ("\\begin", "\\end"):
            raise LatexAtomError(f"'{token.text}' at column {token.column} must be followed by {{environment}}")
        else:
            merged.append(token)
            i += 1
    return merged


def _opener_kind(text: str) -> str | None:
    if text in _OPENERS:
        return text
    if text.startswith("\\left"):
        return "\\left"
    if text.startswith("\\begin{"):
        return text
    return None


def _closes(opener: str, closer: str) -> bool:
    if opener in _OPENERS:
        return _OPENERS[opener] == closer
    if opener == "\\left":
        return closer.startswith("\\right")
    return closer == "\\end" + opener[len("\\begin") :]


def _is_closer(text: str) -> bool:
    return text in _CLOSERS or text.startswith(("\\right", "\\end{"))


def _match_groups(tokens: list[_Token]) -> dict[int, int]:
    """Map each opening token index to its closing index; check balance and depth."""
    stack: list[int] = []
    matches: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if _opener_kind(token.text):
            stack.append(index)
            if len(stack) > MAX_DEPTH:
                raise LatexAtomError(f"nesting deeper than {MAX_DEPTH} levels at column {token.column}")
        elif _is_closer(token.text):
            if not stack:
                raise LatexAtomError(f"unbalanced '{token.text}' at column {token.column}")
            opener = tokens[stack[-1]]
            if not _closes(_opener_kind(opener.text), token.text):
                raise LatexAtomError(
                    f"'{token.text}' at column {token.column} does not close "
                    f"'{opener.text}' from column {opener.column}"
                )
            matches[stack.pop()] = index
    if stack:
        opener = tokens[stack[-1]]
        raise LatexAtomError(f"unclosed '{opener.text}' at column {opener.column}")
    return matches


def _skip_spaces(tokens: list[_Token], i: int, hi: int) -> int:
    while i < hi and tokens[i].text.isspace():
        i += 1
    return i


def _strip_range(tokens: list[_Token], lo: int, hi: int) -> tuple[int, int]:
    lo = _skip_spaces(tokens, lo, hi)
    while hi > lo and tokens[hi - 1].text.isspace():
        hi -= 1
    return lo, hi


# --------------------------------------------------------------------------
# symbols


def _is_letter(text: str) -> bool:
    return len(text) == 1 and text.isascii() and text.isalpha()


def _is_greek(text: str) -> bool:
    return text[:1] == "\\" and text[1:] in GREEK_LETTERS


def _starts_symbol(text: str) -> bool:
    return _is_letter(text) or _is_greek(text) or text == "\\nabla"


def _script_range(tokens: list[_Token], matches: dict[int, int], at: int, hi: int) -> tuple[int, int, int]:
    """Return ``(lo, hi, next)`` of the script after the ``_``/``^`` at ``at``."""
    j = _skip_spaces(tokens, at + 1, hi)
    kind = "subscript" if tokens[at].text == "_" else "superscript"
    if j == hi:
        raise LatexAtomError(f"missing {kind} after '{tokens[at].text}' at column {tokens[at].column}")
    text = tokens[j].text
    if text == "{":
        return j + 1, matches[j], matches[j] + 1
    if text.isascii() and (text.isalnum() and len(text) == 1 or _is_greek(text) or text in ("\\prime", "'")):
        return j, j + 1, j + 1
    raise LatexAtomError(f"unsupported {kind} {text!r} at column {tokens[j].column}")


def _script_text(tokens: list[_Token], lo: int, hi: int) -> str:
    return "".join(t.text for t in tokens[lo:hi] if not t.text.isspace())


def _read_symbol(tokens: list[_Token], matches: dict[int, int], i: int, hi: int) -> tuple[_SymbolParts, int]:
    """Read the symbol starting at token ``i``; return it and the next index."""
    start = tokens[i]
    prefix = ""
    if start.text == "\\nabla":
        i = _skip_spaces(tokens, i + 1, hi)
        if i == hi or not (_is_letter(tokens[i].text) or _is_greek(tokens[i].text)):
            raise LatexAtomError(f"'\\nabla' at column {start.column} must be followed by a symbol")
        prefix = "nabla "
    text = tokens[i].text
    parts = _SymbolParts(base=prefix + text.lstrip("\\"), greek=_is_greek(text))
    has_superscript = False
    k = i + 1
    while (j := _skip_spaces(tokens, k, hi)) < hi and tokens[j].text in ("_", "^", "'"):
        token = tokens[j]
        if token.text == "'" or token.text == "^":
            if has_superscript:
                raise LatexAtomError(f"double superscript on '{parts.name}' at column {token.column}")
        if token.text == "'":
            parts.primes += 1
            k = j + 1
            continue
        lo, script_hi, k = _script_range(tokens, matches, j, hi)
        if token.text == "_":
            _set_subscript(parts, tokens, lo, script_hi, token.column)
        else:
            has_superscript = True
            _set_superscript(parts, tokens, lo, script_hi, token.column)
    return parts, k


def _set_subscript(parts: _SymbolParts, tokens: list[_Token], lo: int, hi: int, column: int) -> None:
    if parts.subscript is not None:
        raise LatexAtomError(f"double subscript on '{parts.name}' at column {column}")
    text = _script_text(tokens, lo, hi)
    if not _SUBSCRIPT_RE.fullmatch(text):
        raise LatexAtomError(f"unsupported subscript {text!r} at column {column}")
    parts.subscript = text


def _set_superscript(parts: _SymbolParts, tokens: list[_Token], lo: int, hi: int, column: int) -> None:
    texts = [t.text for t in tokens[lo:hi] if not t.text.isspace()]
    if not texts:
        raise LatexAtomError(f"empty superscript at column {column}")
    if all(text in ("'", "\\prime") for text in texts):
        parts.primes += len(texts)
    elif _LABEL_RE.fullmatch("".join(texts)):
        parts.label = "".join(texts)
    else:
        parts.exponent = (lo, hi)


def _subscript_indices(subscript: str | None) -> tuple[int | str, ...]:
    if subscript is None:
        return ()
    if "," in subscript:
        pieces = subscript.split(",")
    elif subscript.isalnum():
        pieces = list(subscript)
    else:
        pieces = [subscript]
    return tuple(int(piece) if piece.isdigit() else piece for piece in pieces)


def normalize_symbol_name(name: str) -> tuple[str, str | None, tuple[int | str, ...]]:
    r"""Split a symbol name into ``(base, superscript label, subscript indices)``.

    Accepts LaTeX (``'\\delta^{L}_{u,v}'``) or the sympy names produced by
    :func:`parse_atom` (``'delta^{L}_{u,v}'``).  Subscripts split on commas;
    without commas every character is one index, so ``'a_{112}'`` gives
    ``(1, 1, 2)`` (write ``a_{11,2}`` for indices of 10 or more).  Digit
    indices become ints.  Examples: ``'a^{l}_{12}'`` -> ``('a', 'l', (1, 2))``,
    ``'\\delta_{u,v}'`` -> ``('delta', None, ('u', 'v'))``.
    """
    if not isinstance(name, str):
        raise LatexAtomError(f"symbol name must be a string, not {type(name).__name__}")
    text = name.strip()
    prefix = _CANONICAL_GREEK_RE.match(text)
    if prefix and (prefix.group(2) in GREEK_LETTERS or prefix.group(1)):
        greek = prefix.group(2)
        base = "\\" + greek if greek in GREEK_LETTERS else greek
        text = ("\\nabla " if prefix.group(1) else "") + base + text[prefix.end() :]
    tokens = _tokenize(text, strict=True)
    matches = _match_groups(tokens)
    lo, hi = _strip_range(tokens, 0, len(tokens))
    if lo == hi or not _starts_symbol(tokens[lo].text):
        raise LatexAtomError(f"{name!r} is not a symbol name")
    parts, end = _read_symbol(tokens, matches, lo, hi)
    if end != hi:
        raise LatexAtomError(f"{name!r} is not a single symbol name")
    if parts.exponent is not None:
        raise LatexAtomError(f"{name!r} has an exponent, not a layer label, as superscript")
    return parts.full_base, parts.label, _subscript_indices(parts.subscript)


# --------------------------------------------------------------------------
# rewriting an expression for latex2sympy2


class _ExpressionWriter:
    """Rewrite one scalar expression into placeholder text for latex2sympy2."""

    def __init__(self, tokens: list[_Token], matches: dict[int, int]):
        self._tokens = tokens
        self._matches = matches
        self._out: list[str] = []
        self._placeholder_of: dict[str, str] = {}
        self._superscript_depth = 0
        self.names: dict[str, str] = {}  # latex2sympy2 symbol name -> our symbol name

    def write(self, lo: int, hi: int) -> str:
        self._emit_range(lo, hi)
        return " ".join(self._out)

    def _emit_range(self, lo: int, hi: int) -> None:
        i = lo
        while i < hi:
            text = self._tokens[i].text
            if text.isspace():
                i += 1
            elif _starts_symbol(text):
                i = self._emit_symbol(i, hi)
            elif text == "\\frac":
                i = self._emit_frac(i, hi)
            elif text.isdigit() or text == ".":
                i = self._emit_number(i, hi)
            elif text in _OPENERS or text.startswith("\\left"):
                i = self._emit_group(i)
            elif text in ("+", "-", "/", "\\cdot", "\\times"):
                self._out.append(text)
                i += 1
            elif text == "^":
                i = self._emit_power(i, hi)
            else:
                raise _misplaced(self._tokens[i])

    def _emit_symbol(self, i: int, hi: int) -> int:
        parts, nxt = _read_symbol(self._tokens, self._matches, i, hi)
        self._out.append(self._placeholder(parts.name))
        if parts.exponent is not None:
            self._emit_braced("^", *parts.exponent, self._tokens[i].column)
        following = _skip_spaces(self._tokens, nxt, hi)
        if following < hi and (self._tokens[following].text.isdigit() or self._tokens[following].text == "."):
            raise LatexAtomError(
                f"number after '{parts.name}' at column {self._tokens[following].column} is ambiguous "
                "(write a subscript or \\cdot)"
            )
        if following < hi and _opener_kind(self._tokens[following].text) in ("{", "(", "[", "\\left"):
            if (parts.greek or parts.primes) and self._tokens[following].text != "{":
                raise LatexAtomError(
                    f"'{parts.name}(...)' at column {self._tokens[i].column} looks like a function "
                    "application; atoms only hold products (write \\cdot)"
                )
            self._out.append("\\cdot")  # latex2sympy2 would read 'a_1(b)' as a function call
        return nxt

    def _placeholder(self, name: str) -> str:
        if name not in self._placeholder_of:
            if len(self._placeholder_of) == MAX_SYMBOLS_PER_EXPRESSION:
                raise LatexAtomError(f"more than {MAX_SYMBOLS_PER_EXPRESSION} distinct symbols in one expression")
            latex, sympy_name = _PLACEHOLDERS[len(self._placeholder_of)]
            self._placeholder_of[name] = latex
            self.names[sympy_name] = name
        return self._placeholder_of[name]

    def _emit_frac(self, i: int, hi: int) -> int:
        column = self._tokens[i].column
        arguments = []
        for _ in range(2):
            j = _skip_spaces(self._tokens, i + 1, hi)
            text = self._tokens[j].text if j < hi else ""
            if text == "{":
                arguments.append((j + 1, self._matches[j]))
                i = self._matches[j]
            elif text.isdigit() or _is_letter(text) or _is_greek(text):
                arguments.append((j, j + 1))
                i = j
            else:
                raise LatexAtomError(f"'\\frac' at column {column} needs two arguments")
        if self._starts_with_differential(*arguments[1]):
            raise LatexAtomError(f"'\\frac' at column {column} looks like a derivative; atoms cannot hold derivatives")
        self._out.append("\\frac")
        for lo, arg_hi in arguments:
            self._emit_braced("", lo, arg_hi, column)
        return i + 1

    def _starts_with_differential(self, lo: int, hi: int) -> bool:
        """True for a denominator like ``dx``/``d z^{l}`` (a bare ``d`` then a symbol)."""
        first = _skip_spaces(self._tokens, lo, hi)
        second = _skip_spaces(self._tokens, first + 1, hi)
        return second < hi and self._tokens[first].text == "d" and _starts_symbol(self._tokens[second].text)

    def _emit_number(self, i: int, hi: int) -> int:
        j = i
        while j < hi and (self._tokens[j].text.isdigit() or self._tokens[j].text == "."):
            j += 1
        number = "".join(t.text for t in self._tokens[i:j])
        if not _NUMBER_RE.fullmatch(number):
            raise LatexAtomError(f"malformed number '{number}' at column {self._tokens[i].column}")
        following = _skip_spaces(self._tokens, j, hi)
        if following > j and following < hi and self._tokens[following].text.isdigit():
            raise LatexAtomError(f"digits separated by whitespace at column {self._tokens[following].column}")
        self._out.append(number)
        return j

    def _emit_group(self, i: int) -> int:
        end = self._matches[i]
        if _skip_spaces(self._tokens, i + 1, end) == end:
            raise LatexAtomError(f"empty group at column {self._tokens[i].column}")
        self._out.append("(")
        self._emit_range(i + 1, end)
        self._out.append(")")
        return end + 1

    def _emit_power(self, i: int, hi: int) -> int:
        lo, script_hi, nxt = _script_range(self._tokens, self._matches, i, hi)
        if _script_text(self._tokens, lo, script_hi) == "T":
            raise LatexAtomError(f"transpose '^T' at column {self._tokens[i].column} is not supported in an atom")
        self._emit_braced("^", lo, script_hi, self._tokens[i].column)
        following = _skip_spaces(self._tokens, nxt, hi)
        if following < hi and self._tokens[following].text in ("^", "'"):
            raise LatexAtomError(f"double superscript at column {self._tokens[following].column}")
        return nxt

    def _emit_braced(self, prefix: str, lo: int, hi: int, column: int) -> None:
        if _skip_spaces(self._tokens, lo, hi) == hi:
            raise LatexAtomError(f"empty argument at column {column}")
        depth_step = 1 if prefix == "^" else 0
        self._superscript_depth += depth_step
        if self._superscript_depth > MAX_SUPERSCRIPT_DEPTH:
            raise LatexAtomError(f"superscripts nested deeper than {MAX_SUPERSCRIPT_DEPTH} levels at column {column}")
        self._out.append(prefix + "{")
        self._emit_range(lo, hi)
        self._out.append("}")
        self._superscript_depth -= depth_step


def _misplaced(token: _Token) -> LatexAtomError:
    text, column = token.text, token.column
    if text == "_":
        return LatexAtomError(f"subscript without a symbol at column {column}")
    if text in ("'", "\\prime"):
        return LatexAtomError(f"prime without a symbol at column {column}")
    if text == ",":
        return LatexAtomError(f"',' is only allowed inside subscripts (column {column})")
    if text in ("&", "\\\\"):
        return LatexAtomError(f"'{text}' is only allowed inside a matrix (column {column})")
    if text.startswith("\\begin{"):
        return LatexAtomError(f"a matrix must be the whole atom, not part of an expression (column {column})")
    return LatexAtomError(f"unexpected '{text}' at column {column}")


# --------------------------------------------------------------------------
# driving latex2sympy2


class _ParseFailure(Exception):
    """Raised by the ANTLR error listener instead of printing to stderr."""


class _RaisingErrorListener(ErrorListener):
    def syntaxError(self, recognizer, offendingSymbol, line, column, msg, e):  # noqa: N802 (ANTLR API)
        raise _ParseFailure(_unexpected(offendingSymbol))


def _unexpected(token) -> str:
    if token is None:
        return "unrecognised input"
    return "unexpected end of input" if token.type == Token.EOF else f"unexpected {token.text!r}"


def _reset_latex2sympy_state() -> None:
    """Clear every module global latex2sympy2 keeps between calls."""
    latex2sympy2.VARIABLE_VALUES = {}
    latex2sympy2.set_variances({})
    latex2sympy2.set_real(None)
    latex2sympy2.frac_type = r"\frac"


@functools.lru_cache(maxsize=4096)
def _latex2sympy_tree(text: str) -> sympy.Basic:
    """Parse generated placeholder text with latex2sympy2's grammar (cached)."""
    with _LATEX2SYMPY_LOCK:
        _reset_latex2sympy_state()
        try:
            listener = _RaisingErrorListener()
            lexer = PSLexer(InputStream(text))
            lexer.removeErrorListeners()
            lexer.addErrorListener(listener)
            parser = PSParser(CommonTokenStream(lexer))
            parser.removeErrorListeners()
            parser.addErrorListener(listener)
            tree = parser.math()
            if parser.getCurrentToken().type != Token.EOF:
                raise _ParseFailure(_unexpected(parser.getCurrentToken()))
            relation = tree.relation()
            if relation is None or relation.expr() is None:
                raise _ParseFailure("not a single expression")
            return latex2sympy2.convert_expr(relation.expr())
        finally:
            _reset_latex2sympy_state()


def _rebuild(node: sympy.Basic, names: dict[str, str]) -> sympy.Expr:
    """Rebuild latex2sympy2's tree from whitelisted nodes, renaming placeholders."""
    if isinstance(node, sympy.Symbol):
        if node.name not in names:
            raise LatexAtomError(f"unexpected symbol {node.name!r} from latex2sympy2")
        return sympy.Symbol(names[node.name])
    if isinstance(node, sympy.Rational):
        return node
    if isinstance(node, sympy.Add):
        return sympy.Add(*(_rebuild(arg, names) for arg in node.args))
    if isinstance(node, sympy.Mul):
        return sympy.Mul(*(_rebuild(arg, names) for arg in node.args))
    if isinstance(node, sympy.Pow):
        return _checked_pow(_rebuild(node.base, names), _rebuild(node.exp, names))
    raise LatexAtomError(f"unsupported construct {type(node).__name__} in atom")


def _checked_pow(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base**exponent``, refusing numeric powers that would be huge."""
    if isinstance(base, sympy.Rational) and isinstance(exponent, sympy.Rational) and abs(base) not in (0, 1):
        magnitude = max(abs(base.p), base.q).bit_length()
        if abs(exponent) * magnitude > MAX_NUMBER_BITS:
            raise LatexAtomError(f"number too large: a power with more than {MAX_NUMBER_BITS} bits")
    return sympy.Pow(base, exponent)


def _parse_expression(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> sympy.Expr:
    writer = _ExpressionWriter(tokens, matches)
    text = writer.write(lo, hi)
    try:
        tree = _latex2sympy_tree(text)
        result = _rebuild(tree, writer.names)
    except LatexAtomError:
        raise
    except RecursionError:
        raise LatexAtomError("expression is too long or too deeply nested to parse") from None
    except Exception as exc:  # anything latex2sympy2 or sympy raised
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LatexAtomError(f"cannot parse expression at column {tokens[lo].column}: {reason}") from None
    if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise LatexAtomError(f"division by zero in expression at column {tokens[lo].column}")
    return result


# --------------------------------------------------------------------------
# matrices


def _matrix_body(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    r"""Token range inside the matrix if ``[lo, hi)`` is exactly one matrix.

    Also accepts sympy's own ``\left[\begin{matrix}...\end{matrix}\right]``.
    """
    if tokens[lo].text.startswith("\\left") and matches[lo] == hi - 1:
        inner_lo, inner_hi = _strip_range(tokens, lo + 1, hi - 1)
        if inner_lo < inner_hi and tokens[inner_lo].text.startswith("\\begin{"):
            lo, hi = inner_lo, inner_hi
    if tokens[lo].text.startswith("\\begin{") and matches[lo] == hi - 1:
        return lo + 1, hi - 1
    return None


def _matrix_cells(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> list[list[tuple[int, int]]]:
    """Split a matrix body into rows of ``(lo, hi)`` cell ranges."""
    rows: list[list[tuple[int, int]]] = [[]]
    entries, start, i = 0, lo, lo
    while i <= hi:
        text = tokens[i].text if i < hi else "\\\\"
        if i < hi and i in matches:
            if text.startswith("\\begin{"):
                raise LatexAtomError(f"nested matrices are not supported (column {tokens[i].column})")
            i = matches[i] + 1
            continue
        if text in ("&", "\\\\"):
            rows[-1].append((start, i))
            entries += 1
            if entries > MAX_MATRIX_ENTRIES:
                raise LatexAtomError(f"matrix has more than {MAX_MATRIX_ENTRIES} entries")
            if text == "\\\\" and i < hi:
                rows.append([])
            start = i + 1
        i += 1
    last = rows[-1]
    if len(rows) > 1 and len(last) == 1 and _skip_spaces(tokens, *last[0]) == last[0][1]:
        rows.pop()  # a trailing "\\" before \end
    return rows


def _parse_matrix(tokens: list[_Token], matches: dict[int, int], lo: int, hi: int) -> sympy.Matrix:
    rows = _matrix_cells(tokens, matches, lo, hi)
    width = len(rows[0])
    values = []
    for r, row in enumerate(rows, start=1):
        if len(row) != width:
            raise LatexAtomError(f"matrix row {r} has {len(row)} entries but row 1 has {width}")
        values.append([])
        for c, (cell_lo, cell_hi) in enumerate(row, start=1):
            cell_lo, cell_hi = _strip_range(tokens, cell_lo, cell_hi)
            if cell_lo == cell_hi:
                raise LatexAtomError(f"empty matrix entry at row {r}, column {c}")
            values[-1].append(_parse_expression(tokens, matches, cell_lo, cell_hi))
    return sympy.Matrix(values)


# --------------------------------------------------------------------------
# public API


def parse_atom(tex: str, *, max_len: int = 2000) -> sympy.Expr | sympy.Matrix:
    """Parse one LaTeX atom: an explicit matrix or a scalar expression.

    Raises :class:`LatexAtomError` for anything else (relations, ``\\odot``,
    ``*``, unknown macros, unbalanced groups, over-long input, nesting deeper
    than ``MAX_DEPTH``, matrices with more than ``MAX_MATRIX_ENTRIES`` entries).
    """
    if not isinstance(tex, str):
        raise LatexAtomError(f"atom must be a string, not {type(tex).__name__}")
    if len(tex) > max_len:
        raise LatexAtomError(f"atom is {len(tex)} characters long (limit {max_len})")
    tokens = _tokenize(tex, strict=True)
    matches = _match_groups(tokens)
    lo, hi = _strip_range(tokens, 0, len(tokens))
    if lo == hi:
        raise LatexAtomError("empty atom")
    body = _matrix_body(tokens, matches, lo, hi)
    if body is not None:
        return _parse_matrix(tokens, matches, *body)
    return _parse_expression(tokens, matches, lo, hi)


def split_top_level(tex: str, ops: tuple[str, ...] = ("=",), *, keep_ops: bool = False) -> list[str]:
    r"""Split ``tex`` on operators that are not inside any group.

    Groups are braces, parentheses, brackets, ``\left...\right`` and
    ``\begin...\end`` environments.  Operators match whole tokens, so
    ``\cdot`` does not match ``\cdots``.  Pieces are stripped of whitespace;
    with ``keep_ops=True`` the matched operators are interleaved
    (``['a', '=', 'b']``).  Unbalanced input raises :class:`LatexAtomError`.
    """
    tokens = _tokenize(tex, strict=False)
    matches = _match_groups(tokens)
    patterns = sorted(
        ((tuple(t.text for t in _tokenize(op, strict=False) if not t.text.isspace()), op) for op in ops),
        key=lambda pattern: -len(pattern[0]),
    )
    if any(not pattern for pattern, _ in patterns):
        raise LatexAtomError("split_top_level needs non-empty operators")
    pieces: list[str] = []
    start, i = 0, 0
    while i < len(tokens):
        if i in matches:
            i = matches[i] + 1
            continue
        found = next((p for p in patterns if tuple(t.text for t in tokens[i : i + len(p[0])]) == p[0]), None)
        if found is None:
            i += 1
            continue
        pieces.append(tex[start : tokens[i].pos].strip())
        if keep_ops:
            pieces.append(found[1])
        i += len(found[0])
        start = tokens[i].pos if i < len(tokens) else len(tex)
    pieces.append(tex[start:].strip())
    return pieces


_reset_latex2sympy_state()
