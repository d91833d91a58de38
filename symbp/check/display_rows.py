r"""Rows of one display: ``align``-like rows split at ``\\\\`` with alignment ``&`` dropped, each
row cleaned of trailing punctuation and numbering for the readers, and kept as written for the report.

:func:`equation_rows` is :mod:`symbp.check.document`'s one step from a display's content to its
equations.  Rows are split in an ``align``/``gather`` display, in a display whose whole content is
one ``aligned``/``gathered``/``split``/``array``/``eqnarray`` environment, and in a display typed as
such rows with no environment at all (an alignment ``&`` outside every group and environment,
``$$ a &= b \\\\ &= c $$``, as Sphinx's ``.. math::`` writes them).

    >>> equation_rows(1, "displaymath", r"a &= b \\\\ &= c.")
    [(1, 'a = b', 'a = b'), (1, '= c', '= c.')]
"""
from __future__ import annotations

import re

from .display_prose import without_reason

from .display_markup import DEFINECOLOR

_ROW_ENVIRONMENTS = frozenset({"align", "align*", "gather", "gather*", "multline", "multline*"})
_INNER_ROW_ENVIRONMENTS = _ROW_ENVIRONMENTS | {"aligned", "gathered", "split", "array", "eqnarray", "eqnarray*"}
_ROW_TOKEN_RE = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\.|[{}&]", re.DOTALL)
_ROW_BREAK_ARGUMENT_RE = re.compile(r"\*?\s*\[[^\[\]\n]*\]")
_NUMBERING_RE = re.compile(r"\\(?:label|tag\*?)\s*\{[^{}\n]*\}|\\(?:nonumber|notag)(?![A-Za-z])")
# an equation number typed after an environment: \end{aligned} \qquad (2)
_TYPED_NUMBER_RE = re.compile(r"(\\end\s*\{[A-Za-z]+\*?\})(?:\s|\\q?quad(?![A-Za-z])|\\[,;: ]|~)+\(\s*[\w.\-]{1,6}\s*\)[\s.,;]*$")
# an equation number typed at a row's end after a space: "\odot \sigma'(z^l) (2)", "x_{ij}, \quad (2)"
# (after a closing bracket, a name or a punctuation mark, never after an operator: "= (2)", "+ (1)")
_ROW_NUMBER_RE = re.compile(r"(?<=[\w)}\]|.,;'])(?:\s|\\q?quad(?![A-Za-z])|\\[,;: ]|~)+\(\s*\d{1,3}(?:\.\d{1,3})?[a-z]?\s*\)\s*[.,;]?\s*$")
# a macro that names a variable (δ, W^\top): a number after it is the row's number; after any other
# (\cdot, \times, \sigma, \phi) it is an operand
_VARIABLE_MACRO = re.compile(r"\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|"
                             r"mu|nu|xi|pi|rho|varrho|tau|upsilon|chi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Upsilon|"
                             r"Omega|top|intercal|prime)$")
_LEADING_STYLE_RE = re.compile(r"^\s*(?:\\(?:displaystyle|textstyle)(?![A-Za-z])\s*)+")
# a style switch anywhere, a typed space right after "=": no mathematics (a run of spaces elsewhere
# may part two equations, \, [2] an equation number, and the readers that split rows read them there)
_SPACING_RE = re.compile(r"(?<==)\s*(?:\\[,;:!](?![A-Za-z])\s*)+|\\(?:displaystyle|textstyle)(?![A-Za-z])")
# TeX (and MathJax / KaTeX) drop a % and the rest of its line; \% (an odd run of backslashes before it) is a sign
_COMMENT_RE = re.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*")
# \newline: MathJax breaks a row there as at \\ (kramdown posts write their align rows so)
_NEWLINE_RE = re.compile(r"\\newline(?![A-Za-z])")
_LATEX_TOKEN_RE = re.compile(r"\\(?:[A-Za-z]+|.)|\s+|.", re.DOTALL)
# … and a proof's end mark after its last row (\square, \blacksquare, \qed, ∎): no mathematics
_TRAILING_TOKENS = frozenset({",", ".", ";", "，", "。", "\\,", "\\;", "\\:", "\\!", "\\quad", "\\qquad", "~",
                              "\\square", "\\blacksquare", "\\qed", "\\hfill", "∎", "□"})


def equation_rows(line: int, env: str, content: str) -> list[tuple[int, str, str]]:
    """Split a display's content into ``(line, latex, shown)`` equations: ``latex`` cleaned for the
    readers, ``shown`` the row as written (``&`` dropped, its punctuation and ``\\tag`` kept)."""
    content = _COMMENT_RE.sub(r"\1", content) if "%" in content else content    # a row's TeX comment: \\%, % note
    content = DEFINECOLOR.sub(" ", content) if "\\definecolor" in content else content   # before \begin{align}
    content = _NEWLINE_RE.sub(r"\\\\", content) if "\\newline" in content else content   # kramdown's row break
    bare = _LEADING_STYLE_RE.sub("", content, count=1)        # \displaystyle \begin{aligned} …: its rows all the same
    content = bare if bare != content and _lone_row_environment(bare) else content
    body = _TYPED_NUMBER_RE.sub(r"\1", _NUMBERING_RE.sub("", content))
    aligned = env in _ROW_ENVIRONMENTS or _aligned_rows(body)
    span = (0, len(body)) if aligned else _lone_row_environment(body)
    if span is None:
        latex = _clean(body)
        return [(line, latex, content.strip())] if latex else []
    written = (0, len(content)) if aligned else _lone_row_environment(content)
    pieces, raw = _split_rows(body, *span), _split_rows(content, *written) if written else []
    rows = []
    for k, (offset, row) in enumerate(pieces):
        latex = _clean(row)
        if latex:
            lead = len(row) - len(row.lstrip())
            shown = raw[k][1].strip() if len(raw) == len(pieces) else latex
            rows.append((line + body.count("\n", 0, offset) + row.count("\n", 0, lead), latex, shown))
    return rows


def _aligned_rows(body: str) -> bool:
    """A display typed as ``align`` rows with no environment (``$$ a &= b \\\\ &= c $$``, Sphinx's
    ``.. math::``): an alignment ``&`` outside every group and every environment (counted apart:
    a stray brace inside a matrix never makes its ``&`` a row mark)."""
    environments = braces = 0
    for match in _ROW_TOKEN_RE.finditer(body):
        token = match.group()
        if token.startswith(("\\begin", "\\end")):
            environments += 1 if token.startswith("\\begin") else -1
        elif token in ("{", "}"):
            braces += 1 if token == "{" else -1
        elif token == "&" and environments == 0 and braces == 0:
            return True
    return False


def _lone_row_environment(body: str) -> tuple[int, int] | None:
    """Span inside ``body`` if it is exactly one aligned-like environment (also inside a
    brace that groups a list of equations, ``\\left\\{ \\begin{align*} … \\end{align*} \\right.``)."""
    wrapper = re.fullmatch(r"(\s*\\begin\s*\{equation\*?\})(.*)\\end\s*\{equation\*?\}\s*", body, re.S)
    if wrapper is not None:                  # $$\begin{equation}\begin{aligned} … $$: a numbering wrapper
        inner = _lone_row_environment(wrapper.group(2))
        return None if inner is None else (inner[0] + wrapper.end(1), inner[1] + wrapper.end(1))
    brace = re.fullmatch(r"(\s*\\left\s*\\\{)(.*?)\\right\s*\.\s*", body, re.S)
    if brace is not None:
        inner = _lone_row_environment(brace.group(2))
        return None if inner is None else (inner[0] + brace.end(1), inner[1] + brace.end(1))
    first = re.match(r"\s*\\begin\s*\{([^{}]*)\}", body)
    if first is None or first.group(1).strip() not in _INNER_ROW_ENVIRONMENTS:
        return None
    depth = 0
    for match in _ROW_TOKEN_RE.finditer(body, first.start(0)):
        token = match.group()
        if token.startswith("\\begin"):
            depth += 1
        elif token.startswith("\\end"):
            depth -= 1
            if depth == 0:
                start = first.end()
                if first.group(1).strip() == "array":       # \begin{array}{rcl}: skip the columns
                    spec = re.match(r"\s*\{[^{}]*\}", body[start:])
                    start += spec.end() if spec else 0
                rest = body[match.end() :]      # a stray row break after the environment, \end{align} \\, is nothing
                return (start, match.start()) if re.fullmatch(r"(?:\s|\\\\)*", rest) else None
    return None


def _split_rows(body: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Top-level ``\\\\`` rows of ``body[lo:hi]`` with alignment ``&`` removed."""
    rows: list[tuple[int, str]] = []
    depth, row_start, piece_start = 0, lo, lo
    pieces: list[str] = []
    pos = lo
    while (match := _ROW_TOKEN_RE.search(body, pos, hi)) is not None:
        token, pos = match.group(), match.end()
        if token.startswith("\\begin") or token == "{":
            depth += 1
        elif token.startswith("\\end") or token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and token in ("&", "\\\\"):
            pieces.append(body[piece_start : match.start()])
            if token == "\\\\":
                rows.append((row_start, "".join(_without_reason_column(pieces))))
                pieces = []
                argument = _ROW_BREAK_ARGUMENT_RE.match(body, pos, hi)
                pos = argument.end() if argument else pos
                row_start = pos
            piece_start = pos
    pieces.append(body[piece_start:hi])
    rows.append((row_start, "".join(_without_reason_column(pieces))))
    return rows


def _without_reason_column(pieces: list[str]) -> list[str]:
    r"""A row's ``&`` columns without a last column that gives a reason in words
    (``a &= b & (\text{chain rule})``; :func:`symbp.check.display_prose.without_reason`)."""
    if len(pieces) < 3:
        return pieces
    row = "".join(pieces[:-1]) + " & " + pieces[-1]
    return pieces[:-1] if without_reason(row) != row else pieces


def _clean(latex: str) -> str:
    """Strip whitespace, a typed equation number and trailing punctuation/spacing from a display's LaTeX."""
    latex = latex.strip()
    number = _ROW_NUMBER_RE.search(latex)
    macro = re.search(r"\\[A-Za-z]+$", latex[:number.start()]) if number is not None else None
    if number is not None and (macro is None or _VARIABLE_MACRO.fullmatch(macro.group())):    # \cdot (2): a factor
        latex = latex[:number.start()]
    tokens = _LATEX_TOKEN_RE.findall(latex)
    while tokens and (tokens[-1] in _TRAILING_TOKENS or tokens[-1].isspace()) and not (
            tokens[-1] == "." and "".join(tokens[:-1]).rstrip().endswith(("\\right", "\\left"))):
        tokens.pop()                                   # \right.: a null delimiter, not a full stop
    text = "".join(tokens).strip()
    if "\\" not in text:
        return text
    text = text.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")    # one fraction for every reader
    return _SPACING_RE.sub(" ", _LEADING_STYLE_RE.sub("", text)).strip()           # \displaystyle, \,: no mathematics
