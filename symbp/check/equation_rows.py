"""Claims of one display equation: its ``\\\\`` rows, the claims an arrow joins in a row
(``A = B \\Rightarrow C = D``), and the equations a row holds side by side.

``symbp check`` checks each part as its own claim, on the display's line: ``split_rows`` is the
one place a display is cut (``checker.check_text``).
"""
from __future__ import annotations

import functools
import re

from .display_conditions import INDEX_NAMING
from .dotted_terms import DOTS
from .scatter_add import gathered


def split_rows(latex: str) -> list[str]:
    """Claims of a display: its ``\\\\`` rows outside any group or environment, each row
    cut again where it holds several equations (``split_equations``).

    >>> split_rows(r"a = b \\\\ c = d \\quad e = f")
    ['a = b ', ' c = d', ' e = f']
    """
    return list(_rows(latex))


@functools.lru_cache(maxsize=2048)
def _rows(latex: str) -> tuple[str, ...]:
    """:func:`split_rows`, kept per display: the readers cut the same display many times (each
    caller gets a list of its own)."""
    return tuple(part for row in _split_breaks(latex) for piece in split_arrows(row) for part in split_equations(piece))


def shown_rows(latex: str, shown: str = "") -> list[tuple[str, str]]:
    r"""Each claim of ``split_rows(latex)`` with its text as the report shows it: the display as
    written (``shown``: its full stop, its ``\tag{3}``) cut the same way where that gives as many
    claims, else the claim as read.

    >>> shown_rows("a = b", "a = b.")
    [('a = b', 'a = b.')]
    """
    rows = split_rows(latex)
    written = split_rows(shown) if shown else []
    return list(zip(rows, written if len(written) == len(rows) else rows))


# an arrow or implication typed between two claims, or at a row's start (the row continues the
# derivation): \Rightarrow, \implies, \to, \iff, \therefore, \xrightarrow{…}, ⇒, →, ∴.  A glyph glued
# to a letter (`→b`, `⇶I`) marks a name (a vector, a tensor), never an arrow.
# `\because` / `∵` gives a reason beside a claim (`= … &\because \hat y = H W + b`): never a cut.
_ARROW = re.compile(r"\\(?:Rightarrow|Longrightarrow|implies|rightarrow|longrightarrow|to|iff|Leftrightarrow|"
                    r"Longleftrightarrow|leftrightarrow|Leftarrow|Longleftarrow|impliedby|therefore)(?![A-Za-z])"
                    r"|\\x(?:right|Right|leftright|Leftright)arrow\s*(?:\[[^\[\]]*\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}"
                    r"|[⇒⟹→⟶⇔⟺↔∴⇶](?![^\W\d_])")
# `=` with words or a mark set over or under it, \overset{\text{chain rule}}{=}, \stackrel{(a)}{=},
# \underset{…}{=}, \xlongequal{…}, a doubled `=\!\!=`: the `=` (never `!` or `?`: a demand, a question)
_ANNOTATED_EQUALS = re.compile(r"\\(?:overset|stackrel|underset)\s*\{(?!\s*[!?]\s*\})(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
                               r"\s*\{\s*=\s*\}|\\xlongequal\s*(?:\[[^\[\]]*\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}|=(?:\s*\\!)+\s*=")
_SPACES = r"(?:\s|\\q?quad(?![A-Za-z])|\\[ ,;:!]|~)*"
_ARROW_RUN = re.compile("(?:" + _ARROW.pattern + ")(?:" + _SPACES + "(?:" + _ARROW.pattern + "))*")   # ⇒ ∴: one
_TRAILING_SPACE = re.compile(r"(?:\s|\\q?quad(?![A-Za-z])|\\[ ,;:!]|~)+$")
_LEAD_ARROW = re.compile(_SPACES + _ARROW_RUN.pattern + _SPACES)


_ENVIRONMENT = re.compile(r"\\(?:begin|end)(?![A-Za-z])")


def split_arrows(row: str) -> list[str]:
    r"""The claims an arrow joins in one row: ``A = B \Rightarrow C = D`` is ``A = B`` and
    ``\Rightarrow C = D`` (the arrow stays as the second claim's first word; each is checked on
    its own).  Cut only at an arrow outside every group and environment, and only where every
    part holds an equation and none is a comparison of indices (``… = 1 \iff i = j`` states when):
    ``f: X \to Y``, ``\lim_{h \to 0}``, ``x_i \Rightarrow y_i`` stay whole.

    >>> split_arrows(r"a = b^T \quad\Rightarrow\quad c = \lim_{h \to 0} d")
    ['a = b^T', '\\Rightarrow\\quad c = \\lim_{h \\to 0} d']
    >>> split_arrows(r"f: X \to Y = Z")
    ['f: X \\to Y = Z']
    """
    cuts = _top_arrows(row)
    return _claims_at(row, cuts) if cuts else [row]


def joins_by_arrow(row: str) -> bool:
    r"""Whether an arrow joins two parts of ``row`` (``m = 1 \Rightarrow J = \mathcal{L}``): never a definition of
    its first letter (an arrow at the row's start, ``\to\quad s = …``, is the row's own).

    >>> joins_by_arrow(r"m = 1 \Rightarrow J = L"), joins_by_arrow(r"\to\quad s = (v + e)^{-1/2}")
    (True, False)
    """
    return bool(_top_arrows(row))


def _top_arrows(row: str) -> list[int]:
    """Where each arrow outside every group and environment starts in ``row`` (one at the
    row's start is the row's own: no cut); [] where there is none or the groups do not close."""
    if not _ARROW.search(row):
        return []
    depth, cuts = 0, []
    lead = _LEAD_ARROW.match(row)
    pos = lead.end() if lead else 0
    while pos < len(row):
        arrow = _ARROW_RUN.match(row, pos) if depth == 0 else None
        if arrow:
            cuts.append(pos)
            pos = arrow.end()
            continue
        tok = _ENVIRONMENT.match(row, pos) or _GROUP.match(row, pos)
        if tok is None:
            pos += 1
            continue
        depth += _nesting(tok.group())
        if depth < 0:
            return []
        pos = tok.end()
    return cuts if depth == 0 else []


def _claims_at(row: str, cuts: list[int]) -> list[str]:
    """``row`` cut at the arrows starting at ``cuts``, or whole where a part is no claim of its own."""
    parts = [_TRAILING_SPACE.sub("", row[a:b]) if b in cuts else row[a:b]      # `A = B \quad \Rightarrow`: the
             for a, b in zip([0] + cuts, cuts + [len(row)])]                    # space goes with the arrow
    if not all(_has_equation(p) for p in parts) or any(_INDEX_COMPARISON.match(_LEAD_ARROW.sub("", p, 1)) for p in parts):
        return [row]                     # `∂z_i/∂z_j = 1 \iff i = j`: a condition, not a claim of its own
    if any(_SET_TO_ZERO.search(p) or _ASSUMPTION.match(_LEAD_ARROW.sub("", p, 1)) for p in parts[:-1]):
        return [row]                     # `∂L/∂w = 0 \Rightarrow w = …`, `\alpha = 1 \Rightarrow …`: a premise, not a claim
    return parts


_SET_TO_ZERO = re.compile(r"=\s*0\s*[.,;]?\s*$")
# a name set to a number, `\alpha = 1`, `\gamma_j = 2`: an assumption what follows the arrow rests on
_ASSUMPTION = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*=\s*[-+]?\s*\d+(?:\.\d+)?\s*[.,]?\s*$")
# a comparison of index letters or numbers, `i = j`, `k \neq 1`, `i' = i + m`: a condition
_INDEX = r"(?:[A-Za-z]'*(?:_\{?\w+\}?)?|\d+)(?:\s*[+-]\s*(?:[A-Za-z]'*|\d+))*"
_INDEX_COMPARISON = re.compile(r"\s*(?:\\text\s*\{[^{}]*\}\s*)?" + _INDEX + r"\s*(?:=|\\neq?(?![A-Za-z])|\\[lg]eq?(?![A-Za-z])|<|>)\s*"
                               + _INDEX + r"\s*(?:,\s*" + _INDEX + r"\s*(?:=|<|>)\s*" + _INDEX + r"\s*)*[.,]?\s*$")


def arrow_reason(row: str) -> str | None:
    r"""Why a row that an arrow joins, left whole by :func:`split_arrows`, is not read as one
    chain of equalities (``∂L/∂W = 0 \Rightarrow W = …`` is not ``∂L/∂W = … = W``); None else.

    >>> arrow_reason(r"\frac{\partial L}{\partial W} = 0 \Rightarrow W = 2 x")[:40]
    'an arrow joins a premise or a condition '
    """
    cuts = _top_arrows(row)
    if not cuts or len(_claims_at(row, cuts)) > 1 or not (   # `\rule{…} \therefore A = B`: a leading arrow
            _has_equation(row[:cuts[0]]) and _has_equation(row[cuts[-1]:])):
        return None                       # an `=` on both sides of the arrow: else no chain spans it
    return ("an arrow joins a premise or a condition (or what is not an equation) to what follows: "
            "no part is a claim of its own")


def _has_equation(part: str) -> bool:
    """``part`` (an arrow and what follows it) states an equation: an ``=`` outside every group."""
    text = _ANNOTATED_EQUALS.sub("=", part)
    depth = 0
    for ch in text:
        depth += ch in "{([" and 1 or 0
        depth -= ch in "})]" and 1 or 0
        if ch == "=" and depth == 0:
            return True
    return False


def claim_relations(latex: str, twice: frozenset = frozenset()) -> str:
    r"""One claim as the readers read it: an annotated ``=`` written as ``=``, and an arrow or
    ``\therefore`` at its start dropped where an equation follows (the report keeps the text), and
    an accumulation row ``dX_{i+m} += …`` written as the sum it builds (:mod:`symbp.check.scatter_add`).

    >>> claim_relations(r"\Rightarrow \frac{\partial L}{\partial b} \overset{\text{chain rule}}{=} \delta")
    '\\frac{\\partial L}{\\partial b} = \\delta'
    """
    text = _ANNOTATED_EQUALS.sub("=", latex)
    lead = _LEAD_ARROW.match(text)
    text = text[lead.end():] if lead and _has_equation(text[lead.end():]) else text
    return gathered(text, twice) or text     # dX_{i+u} \mathrel{+}= dY_i K_u: the sum it accumulates (twice: arrays
                                             # the page accumulates on two rows, scatter_add.accumulated_twice)


_ROW_SPACE = re.compile(r"\*?\s*\[\s*-?\d*\.?\d+\s*(?:pt|em|ex|mm|cm|in|mu|bp|pc|dd|sp)\s*\]|\*")


def _split_breaks(latex: str) -> list[str]:
    if "\\\\" not in latex:
        return [latex]
    rows, braces, environments, start = [], 0, 0, 0
    for m in re.finditer(r"\\\\|\\(?:begin|end)(?![A-Za-z])|\\[{}]|[{}]", latex):
        tok = m.group()
        if tok in ("{", "}"):
            braces += 1 if tok == "{" else -1
        elif tok in ("\\begin", "\\end"):        # a matrix's or cases' rows stay inside it
            environments += 1 if tok == "\\begin" else -1
        elif tok == "\\\\" and braces == 0 and environments == 0:
            rows.append(latex[start:m.start()])
            space = _ROW_SPACE.match(latex, m.end())       # \\[4pt], \\*: the row's spacing
            start = space.end() if space else m.end()
        if braces < 0 or environments < 0:
            return [latex]                      # unbalanced (a typo): one claim, as written
    rows.append(latex[start:])
    return [r for r in rows if r.strip()] if braces == 0 and environments == 0 else [latex]


# Between two equations of one row: a top-level `,` (with any spacing after it), `\quad`,
# `\qquad`, a fixed `\hspace{10mm}`, or a run of two or more small spaces (`\;\;`, `\,\,`, `\:\:`, `\ \ `).
_HSPACE = r"\\hspace\*?\s*\{\s*-?\d*\.?\d+\s*(?:pt|em|ex|mm|cm|in|mu|bp|pc|dd|sp)\s*\}"
_BETWEEN = re.compile(r",(?:\s*(?:\\q?quad\b|\\[;:, ]|" + _HSPACE + r"))*|(?:\s*(?:\\q?quad\b|" + _HSPACE
                      + r"))+|(?:\s*\\[;:, ]){2,}")
_GROUP = re.compile(r"\\(?:begin|end)(?![A-Za-z])|\\left(?![A-Za-z])\s*(?:\\[A-Za-z]+|\\.|.)"
                    r"|\\right(?![A-Za-z])\s*(?:\\[A-Za-z]+|\\.|.)"
                    r"|\\langle\b|\\rangle\b|\\[{}]|\\.|[{}()\[\]]")
_CONDITION = re.compile(r"\s*(?:\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:for|where|if|with|when|and|unless|except|provided|当|若|如果)\b"
                        r"|\\forall\b|for\b|where\b|if\b|with\b"
                        r"|[i-n]\s*(?:=|\\neq?\b)\s*[i-n]\s*[.,]?\s*$"     # `…, \quad i = j`
                        r"|\\(?:text|mbox|textrm|textnormal)\s*\{[^{}=]*[^\W\d_][^{}=]*\}\s*[\w{}\s+\-]*(?:=|\\neq?\b|\\[lg]eq?\b|<|>))")
# a plain comparison (`k = 1`, `k \geq 1`): after a condition it is the condition's next part
_COMPARISON = re.compile(r"\s*[A-Za-z0-9_{}\s+\-]+(?:=|\\neq?\b|\\[lg]eq?\b|<|>)[A-Za-z0-9_{}\s+\-]+?\s*(?:\\(?:text|mbox)\s*\{[^{}=]*\}\s*)?[.,]?\s*$")
_OPENS_CONDITION = re.compile(r"\\(?:text|mbox|textrm|textnormal)\s*\{[^{}=]*[^\W\d_][^{}=]*\}\s*[\w{}\s+\-]*(?:=|\\neq?\b|\\[lg]eq?\b|<|>)")


# a condition's word alone at the end of a part, its comparisons after the next separator ("= F_{m,n} \quad \text{where} \quad m = p - i")
_ENDS_IN_CONDITION = re.compile(r"\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:for|where|if|with|when|unless|provided|当|若|如果)\s*[:,]?\s*\}"
                                r"(?:\s|,|\\q?quad\b|\\[,;: ])*$")


def _named_index(piece: str, before: str) -> bool:
    """Whether ``piece`` names an index letter the subscripts of ``before`` hold (``m = p - i`` after ``F_{m,n}``)."""
    named = INDEX_NAMING.match(re.sub(r"[.,]?\s*$", "", piece.strip()))
    return named is not None and re.search(r"_\{[^{}]*(?<![A-Za-z\\])" + named.group(1) + r"(?![A-Za-z])[^{}]*\}|_" + named.group(1)
                                           + r"(?![A-Za-z])", before) is not None


# a label in words before an equation, "\text{MSE:} \quad δ = …", "\textbf{BCE}: \quad …": the next equation's
_LABEL = re.compile(r"\s*\\(?:text|textbf|textit|mathrm|mathbf|mbox)\s*\{[^{}=]*[^\W\d_][^{}=]*?[:：]?\s*\}\s*[:：]\s*"
                    r"|\s*\\(?:text|textbf|textit|mbox)\s*\{[^{}=]*[^\W\d_][^{}=]*[:：]\s*\}\s*")


# a connective in words between two equations, "\text{or equivalently}", "\text{i.e.}": neither's part
_CONNECTIVE = re.compile(r"\s*\\(?:text|mbox|textrm|textnormal)\s*\{\s*(?:or|and|i\.\s*e\.|that\s+is|equivalently|or\s+equivalently|"
                         r"hence|thus|so|therefore|which\s+gives|giving|also|or\s+also|即|或|也就是|或者)\s*[,;]?\s*\}\s*[,;]?\s*")


def split_equations(row: str) -> list[str]:
    """The equations one row holds side by side, e.g. ``a = b \\quad c = d`` or ``a = b, c = d``.

    A row is cut only at a separator outside every group (braces, parentheses, brackets,
    ``\\left…\\right``) and only where both parts hold an ``=`` of their own at top level; a
    part without one (a trailing ``,``, ``\\quad \\text{for } i``, the ``n`` of ``i = 1, …, n``)
    stays with the equation before it. Environments (matrices, cases) are never cut inside;
    equations beside them are (``\\frac{\\partial O}{\\partial F_{12}} = \\begin{pmatrix}…\\end{pmatrix},
    \\hspace{5mm} \\frac{\\partial O}{\\partial F_{21}} = …``).

    >>> split_equations(r"\\delta_{1,2} = x, \\quad y = \\sum_{u,v} z,")
    ['\\\\delta_{1,2} = x', ' y = \\\\sum_{u,v} z,']
    >>> split_equations(r"\\text{MSE:}\\quad d = 2(a - y), \\qquad \\text{BCE:}\\quad d = a - y")
    ['\\\\text{MSE:}\\\\quad d = 2(a - y)', ' \\\\text{BCE:}\\\\quad d = a - y']
    >>> split_equations(r"i = j \\quad\\Rightarrow\\quad x_j = p_i(1 - p_j)")
    ['i = j \\\\quad\\\\Rightarrow\\\\quad x_j = p_i(1 - p_j)']
    >>> split_equations(r"L = -\\log p_y \\hspace{0.5in} \\text{or equivalently} \\hspace{0.5in} L = -f_y + \\log S")
    ['L = -\\\\log p_y', ' L = -f_y + \\\\log S']
    """
    if "=" not in row:
        return [row]
    depth, cuts = 0, []                     # (start, end) of each top-level separator
    tops = []                               # positions of top-level `=`
    pos = 0
    while pos < len(row):
        if depth == 0:
            sep = _BETWEEN.match(row, pos)
            if sep and sep.end() > pos:
                if not _BESIDE_ARROW.search(row[:pos]) and not _ARROW.match(row, sep.end()):
                    cuts.append((pos, sep.end()))      # `i = j \quad\Rightarrow\quad C`: the arrow's spacing, no cut
                pos = sep.end()
                continue
            if row[pos] == "=":
                tops.append(pos)
        tok = _GROUP.match(row, pos)
        if tok is None:
            pos += 1
            continue
        depth += _nesting(tok.group())
        if depth < 0:                       # unbalanced (a half-open interval): never cut
            return [row]
        pos = tok.end()
    if depth != 0 or len(tops) < 2 or not cuts:
        return [row]
    parts, start, label, worded = [], 0, None, False
    for lo, hi in cuts + [(len(row), len(row))]:
        piece = row[start:lo]
        said = parts and (_COMPARISON.match(piece) and _OPENS_CONDITION.search(row[parts[-1][0]:start]) or
                          (_ENDS_IN_CONDITION.search(row[parts[-1][0]:start]) or worded) and _named_index(piece, row[:start]))
        opens = any(start <= t < lo for t in tops) and not _CONDITION.match(piece) and not said
        worded = bool(said) or _CONDITION.match(piece) is not None     # "\text{where} \quad m = p - i, \; n = q - j"
        if not opens and parts and _CONNECTIVE.fullmatch(piece) and lo < len(row):
            pass                              # "\hspace{…} \text{or equivalently} \hspace{…}": a word between two
        elif not opens and _LABEL.fullmatch(piece) and lo < len(row):
            label = start if label is None else label    # \text{MSE:} \quad …: the next equation's label
        elif parts and not opens:
            parts[-1] = (parts[-1][0], lo)   # no equation of its own: stays with the one before
        else:
            parts.append((start if label is None else label, lo))
            label = None
        start = hi
    return [row[a:b] for a, b in parts]


_BESIDE_ARROW = re.compile("(?:" + _ARROW.pattern + r")\s*$")


def _nesting(token: str) -> int:
    """+1 for a token that opens a group (``{``, ``\\left(``, ``\\begin``, ``\\langle``), -1 for
    one that closes it, 0 else: the depth both row scanners keep."""
    if token.startswith("\\left") or token in ("{", "(", "[", "\\{", "\\langle", "\\begin"):
        return 1
    if token.startswith("\\right") or token in ("}", ")", "]", "\\}", "\\rangle", "\\end"):
        return -1
    return 0


# a row whose right side ends in an open run: … + x_{13}k_{13} + \dots (nothing after the dots but the row's end)
_OPEN_END = re.compile(r"[+-]\s*(?:" + DOTS.pattern + r")\s*[.,;]?\s*$")


def open_end_reason(latex: str) -> str | None:
    r"""Why a claim whose right side ends in an open run is not compared (``y_{11} = x_{11}k_{11} + x_{12}k_{12} +
    \dots``: the terms the dots leave out are not written, so the row is no equation of written terms), else None.

    >>> open_end_reason(r"y_{11} = x_{11}k_{11} + x_{12}k_{12} + \dots") is not None
    True
    >>> open_end_reason(r"y = x_1 + \dots + x_n"), open_end_reason(r"\frac{\partial L}{\partial x} = a")
    (None, None)
    """
    for row in split_rows(latex) if DOTS.search(latex) else ():
        if "=" in row and _OPEN_END.search(row.rstrip().removesuffix("\\\\").rstrip()):
            return ("its right side ends in an open run (+ …): the terms the dots leave out are not written, so the row "
                    "is not compared; write its last term or a sum")
    return None
