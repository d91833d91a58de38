r"""Brace groups that print nothing, and a cases array with a column of words, as formulas
exported from Wikipedia (and pasted from it) write them.

* ``{\displaystyle a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}}``: Wikipedia wraps every formula in one
  brace group.  A group that opens the display (no command before it takes it as an argument)
  only scopes TeX's settings: :func:`unwrap_leading_group` drops its braces, so the equation
  inside has sides.
* ``\left\{{\begin{array}{rcl} 0 & {\mbox{si}} & a < 0 \\ 1 & {\mbox{si}} & a \geq 0
  \end{array}}\right.``: the array inside one more group, and a middle column that holds only a
  word saying "if" (``si``, ``if``, ``for``, ``when``, ``wenn``, ``falls``, ``se``, ``als``).
  :func:`bare_group` drops the group; :func:`word_column` writes each row ``value & \text{if }
  condition`` (the ``value & condition`` the cases readers read).  A row whose middle cell is
  anything else (a formula, another word) stays as written, and the readers leave it.

>>> unwrap_leading_group(r"{ \phi(a)=\left\{ a \right.}")
' \\phi(a)=\\left\\{ a \\right.'
>>> unwrap_leading_group(r"{x}_{i} = 1")          # a group with a script after it: kept
'{x}_{i} = 1'
>>> word_column(r"0&{\mbox{si}}&a<0\\a&{\mbox{si}}&a\geq 0")
'0 & \\text{if } a<0 \\\\ a & \\text{if } a\\geq 0'
"""
from __future__ import annotations

import re

from .latex_tokens import GREEK_LETTERS

_BRACKETS = {pair: re.compile(r"\\.|" + re.escape(pair[0]) + "|" + re.escape(pair[1]))
             for pair in ("{}", "()", "[]")}
# a cell that only says "if": \mbox{si}, {\text{ if }}, \mathrm{si}, \textrm{for}, a bare word
_IF_WORD = re.compile(r"\s*\{?\s*(?:\\(?:mbox|text|textrm|mathrm|textnormal|hbox)\s*\{\s*"
                      r"(?:si|if|for|when|wenn|falls|für|se|als|quand|pour)\s*,?\s*\}"
                      r"|(?:si|if|for|when|wenn|falls|se|als))\s*\}?\s*")
_CELL_BREAK = re.compile(r"\\\\|\\(?:begin|end)(?![A-Za-z])|\\[{}&]|[{}&]")


def matching(text: str, start: int, pair: str = "{}") -> int | None:
    """The index of the bracket closing the one at ``start`` (escaped brackets skipped); None
    when it is never closed.

    >>> matching("{a{b}c}d", 0)
    6
    """
    depth = 0
    for m in _BRACKETS[pair].finditer(text, start):       # a regex scan: one step a bracket
        token = m.group()
        if token[0] != "\\":
            depth += 1 if token == pair[0] else -1
            if depth == 0:
                return m.start()
    return None


def unwrap_leading_group(latex: str) -> str:
    """``latex`` without the braces of a group that opens it (nothing takes it as an argument)
    and holds a relation, as often as there is one; a group followed by a script stays."""
    for _ in range(5):
        start = len(latex) - len(latex.lstrip())
        if not latex.startswith("{", start):
            return latex
        close = matching(latex, start)
        if close is None:
            return latex
        inner, after = latex[start + 1:close], latex[close + 1:]
        if after.lstrip().startswith(("_", "^", "'")) or "=" not in inner:
            return latex
        latex = latex[:start] + inner + after
    return latex


def bare_group(inner: str) -> str:
    """``inner`` without one brace group that is all of it (``{\\begin{array}…\\end{array}}``)."""
    s = inner.strip()
    if s.startswith("{") and matching(s, 0) == len(s) - 1:
        return s[1:-1]
    return inner


def cell_rows(body: str) -> list[list[str]]:
    r"""The rows of an environment's body, each a list of its cells: cut at ``&`` and ``\\`` outside
    every group and nested environment (``\&`` and ``\{`` are text, not breaks).

    >>> cell_rows(r"a & {b & c} \\ d & e")
    [['a ', ' {b & c} '], [' d ', ' e']]
    """
    rows, cells, depth, start = [], [], 0, 0
    for m in _CELL_BREAK.finditer(body):
        tok = m.group()
        if tok in ("{", "\\begin"):
            depth += 1
        elif tok in ("}", "\\end"):
            depth -= 1
        elif depth == 0 and tok in ("&", "\\\\"):
            cells.append(body[start:m.start()])
            start = m.end()
            if tok == "\\\\":
                rows.append(cells)
                cells = []
    rows.append(cells + [body[start:]])
    return rows


def word_column(body: str) -> str:
    r"""An array body whose rows are ``value & WORD & condition`` with WORD one that says "if"
    written ``value & \text{if } condition``; any other body unchanged."""
    rows = cell_rows(body)
    rows = [r for r in rows if "".join(r).strip()]
    if not rows or any(len(r) != 3 or not _IF_WORD.fullmatch(r[1]) or not r[2].strip() for r in rows):
        return body
    return " \\\\ ".join(f"{r[0].strip()} & \\text{{if }} {r[2].strip()}" for r in rows)


_ONE_LETTER = r"\s*(?:[A-Za-z]|\\(?:" + "|".join(sorted(g.lstrip("\\") for g in GREEK_LETTERS)) + r"))(?![A-Za-z])\s*"
_LETTER = re.compile(_ONE_LETTER)
_ATOM = re.compile(_ONE_LETTER + r"(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?(?:\^\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?")
_OPERATOR_BEFORE = re.compile(r"(?:^|[=+\-(*,&\[]|\\\\|\\begin\s*\{[A-Za-z*]+\}|"
                              r"\\(?:cdot|times|odot|ast|star|otimes|quad|qquad|partial|nabla|left\(|left\[))\s*$")


def braced_atoms(latex: str) -> str:
    r"""``latex`` with a brace group that holds one atom (a letter or Greek letter, its subscript and
    superscript) written without the braces where nothing reads the group as an argument: after an
    operator, an opening bracket or the start, or right after a subscript's group (``{W_{11}}{X_{11}}``),
    and with no script after it, unless it is one bare letter (``{X}_{ij}`` is ``X_{ij}``).  ``\frac{x_1}{y_1}``, ``^{x_1}``, ``\mathbf{x}`` keep theirs.

    >>> braced_atoms(r"{Z_{11}} = {W_{11}}{X_{11}} + {W_{12}}{X_{12}} - \frac{a_1}{b_1}")
    'Z_{11} = W_{11}X_{11} + W_{12}X_{12} - \\frac{a_1}{b_1}'
    """
    out, k = latex, 0
    for _ in range(400):
        k = out.find("{", k)
        if k < 0:
            return out
        close = matching(out, k)
        before = out[:k]
        after = out[close + 1:].lstrip()[:1] if close is not None else "^"
        script_group = before.rstrip().endswith("}") and _closes_script(before.rstrip())
        bare = close is not None and _LETTER.fullmatch(out[k + 1:close])       # {X}_{ij}: X_{ij}
        if close is not None and _ATOM.fullmatch(out[k + 1:close]) and (after not in ("^", "_", "'") or bare) and (
                _OPERATOR_BEFORE.search(before) or script_group or (bare and _juxtaposed(before.rstrip()))):
            out = before + out[k + 1:close].strip() + out[close + 1:]
            continue
        k += 1
    return out


def _juxtaposed(before: str) -> bool:
    r"""Whether a group after ``before`` is no command's argument and no script: ``before`` ends with a
    letter, a digit, a script's one character (``\sum^{n}_k {t}_k``) or a closed group (below), not with
    ``_``, ``^`` or a command (``\mathbf{X}``)."""
    if not before or re.search(r"(?:[_^]|\\[A-Za-z]+)\s*$", before):
        return False
    return _closes_argument(before) if before.endswith("}") else True


def _closes_argument(before: str) -> bool:
    r"""Whether ``before`` ends with a group that is no first argument of a two-argument command
    (``\frac{a}{b}``, ``\hat{x}``: a group after it is juxtaposed; after ``\frac{a}`` it is the second)
    nor a function's name (``\text{rot180}{K}``: the group is its argument)."""
    k = _group_start(before)
    return k is not None and before.endswith("}") and not _TWO_ARGUMENTS.search(before[:k])


_TWO_ARGUMENTS = re.compile(r"\\(?:[dt]?frac|binom|overset|underset|stackrel|"      # or a function's
                            r"text|textrm|mathrm|operatorname|rm)\s*$")         # name: \text{rot180}{K}


def _closes_script(before: str) -> bool:
    """Whether ``before`` ends with a subscript's or superscript's group (``…_{11}``)."""
    k = _group_start(before)
    return k is not None and before[:k].rstrip().endswith(("_", "^"))


def _group_start(before: str) -> int | None:
    """Where the brace group ``before`` ends with opens (its last character where that is no brace), or None."""
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(before[k], 0)
        if depth == 0:
            return k
    return None


__all__ = ["bare_group", "braced_atoms", "cell_rows", "matching", "unwrap_leading_group", "word_column"]
