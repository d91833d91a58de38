"""Tokenizing and grouping a LaTeX atom for :mod:`symbp.check.latex_atoms`.

The whitelist lives here: :func:`_tokenize` with ``strict=True`` refuses every token an
atom may not hold (relations, ``\\odot``, ``*``, unknown macros and environments), so
nothing else reaches the later stages; :func:`_match_groups` checks balance and depth.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_DEPTH = 50

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
_ACCENTS = frozenset({"\\tilde", "\\hat", "\\bar", "\\check", "\\breve", "\\widetilde", "\\widehat",
                      "\\overline", "\\ddot", "\\dot", "\\acute", "\\grave", "\\mathring"})
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_CLOSERS = frozenset(_OPENERS.values())

_TOKEN_RE = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}|\\(?:[A-Za-z]+|.)?|\s+|.", re.DOTALL)


class LatexAtomError(ValueError):
    """A LaTeX atom was refused; the message is one line naming the problem."""


class _Token(NamedTuple):
    text: str  # normalized: whitespace -> " ", "\left(" merged, "\begin{bmatrix}" merged
    pos: int  # 0-based offset in the source

    @property
    def column(self) -> int:
        return self.pos + 1


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
    if text in _ACCENTS:
        raise LatexAtomError(f"'{text}' at column {column} decorates a letter: a name of its own, not the "
                             "plain letter (the document's own names read it where the document defines it)")
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
            if j < len(tokens) and (token.text, tokens[j].text) in (("\\left", "."), ("\\right", "|")):
                raise LatexAtomError(_null_delimiter(tokens, i, j))
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


def _null_delimiter(tokens: list[_Token], i: int, j: int) -> str:
    r"""Why ``\left.`` / ``\right|`` at ``tokens[i]`` is not read: a value at a point
    (``\left. … \right|_{x=…}``), or a null delimiter whose partner is another bracket."""
    bar = any(t.text == "\\right" and k + 1 < len(tokens) and tokens[k + 1].text == "|"
              for k, t in enumerate(tokens[i:], i))
    where = f"'{tokens[i].text}{tokens[j].text}' at column {tokens[i].column}"
    if bar:
        return f"{where}: a value at a point (\\left. … \\right|_{{x=…}}) is not read; write the derivative without the bar"
    return f"{where}: a null delimiter paired with a bracket of another kind (a bracket broken over lines) is not read"


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
