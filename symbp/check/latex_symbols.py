"""Symbols in a LaTeX atom: a letter or Greek command with primes, one subscript and one
superscript (a layer label or an exponent), and :func:`normalize_symbol_name`.  The naming
convention is described in :mod:`symbp.check.latex_atoms`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex_tokens import (GREEK_LETTERS, LatexAtomError, _Token, _match_groups, _skip_spaces, _strip_range,
                           _tokenize)

_SUBSCRIPT_RE = re.compile(r"[A-Za-z0-9]+(?:[,+-][A-Za-z0-9]+)*")
_LABEL_BODY = r"[A-Za-z][A-Za-z0-9]*(?:[+-][0-9]+)?"
_LABEL_RE = re.compile(rf"{_LABEL_BODY}|\((?:{_LABEL_BODY}|[0-9]+)\)")
_CANONICAL_GREEK_RE = re.compile(r"(nabla\s+)?([A-Za-z]+)")


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
