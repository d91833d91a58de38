"""Rewriting one scalar expression of a LaTeX atom into the placeholder text that
:mod:`symbp.check.latex_atoms` hands to latex2sympy2: validated numbers, placeholder
symbols, ``+ - / \\frac \\cdot \\times``, ``^{...}`` and parentheses, nothing else."""

from __future__ import annotations

import re

from .latex_symbols import _is_greek, _is_letter, _read_symbol, _script_range, _script_text, _starts_symbol
from .latex_tokens import GREEK_LETTERS, LatexAtomError, _OPENERS, _Token, _opener_kind, _skip_spaces

MAX_SUPERSCRIPT_DEPTH = 3  # latex2sympy2 slows down sharply on towers like a^{a^{a^{...}}}
MAX_SYMBOLS_PER_EXPRESSION = 256

_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")

# latex2sympy2 placeholders, cheapest to parse first.  Letters that its lexer
# treats specially (d: differential, e/E: exponentials, I: imaginary unit,
# T: transpose) are never used.
_PLACEHOLDER_LETTERS = "abcfghijklmnopqrstuvwxyzABCDFGHJKLMNOPQRSUVWXYZ"
_PLACEHOLDERS = (
    [(letter, letter) for letter in _PLACEHOLDER_LETTERS]
    + [("\\" + name, name) for name in sorted(GREEK_LETTERS - {"pi"})]
    + [(f"{letter}_{digit}", f"{letter}_{digit}") for letter in _PLACEHOLDER_LETTERS for digit in range(10)]
)


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
