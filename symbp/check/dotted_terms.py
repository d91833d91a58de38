r"""Sums written out with dots, ``x_1 w_{11} + x_2 w_{12} + \ldots + x_n w_{1n}``, as ``\sum``.

Authors write a sum by its first terms, an ellipsis (``\dots``, ``\ldots``, ``\cdots``, ``...``,
``…``) and its last term.  :func:`dotted_sums` writes such a run as the ``\sum`` the readers
already read, and ONLY where the run is determined:

* the terms are joined by ``+`` and the ellipsis is a term of its own, with a last term after it;
* the explicit terms and the last one are the same token for token except at index positions
  (inside a subscript), and every such position holds the same value within a term: one running
  index (``\frac{\partial E}{\partial y_1}\frac{\partial y_1}{\partial x_i}`` runs ``y``'s index
  in both places);
* the first term's value is an integer; the explicit terms before the ellipsis step by 1
  (``x_1 + x_3 + \dots`` is not a step-1 run: left as written); the last value is a larger
  integer, or a single letter when the first is 0 or 1.

The bounds are written as they stand: ``\sum_{k=1}^{n}`` with the author's ``n`` (a letter the
readers cannot bind leaves the claim unchecked, saying so), never widened to the whole axis.
Anything else (a trailing ``+ \dots`` with no last term in a claim, a step that is not 1, terms that
differ elsewhere, ``x_1 + \dots + x_{n-1}``) stays as written, and the readers leave it unchecked.  A
forward's run with no last term, ``z = w_1 x_1 + w_2 x_2 + \dots + b`` (the row's left side one name), is
``\sum_{k} w_k x_k``: every entry, the page saying where it ends nowhere else (:func:`_open_run`); a ``+``
the author left out before the dots (``w_2 x_2 ...+ b``) is read in.

Example::

    >>> dotted_sums(r"y_1 = x_1 w_{11} + x_2 w_{12} + \ldots + x_4 w_{14} + b_1")
    'y_1 = \\sum_{k=1}^{4} x_k w_{1k} + b_1'
    >>> dotted_sums(r"s = a_1 + a_3 + \dots + a_9")           # step 2: left as written
    's = a_1 + a_3 + \\dots + a_9'
"""
from __future__ import annotations

import re

DOTS = re.compile(r"\\(?:dots[bcmoi]?|ldots|cdots)(?![A-Za-z])|\.\.\.|…")
# where a chain of terms ends: a relation, an alignment or row break, a comma, a \quad
_STOP = re.compile(r"=|&|\\\\|,|<|>|\\(?:quad|qquad|approx|equiv|leq?|geq?|neq?|to|Rightarrow|implies)(?![A-Za-z])")
_GLUED_DOTS = re.compile(r"(?<=[\w}])\s*(\.\.\.|…|\\(?:dots|ldots|cdots)(?![A-Za-z]))\s*(?=\+)")
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\d+|\s+|.", re.S)
_FRESH = "kmnpqrstuvl"
MAX_RUNS = 20
MAX_CHARS = 20_000


def dotted_sums(latex: str) -> str:
    r"""``latex`` with each determined dotted run of terms written as ``\sum_{k=a}^{b} term``;
    unchanged where there is none.

    >>> dotted_sums(r"\frac{\partial E}{\partial x_i} = \frac{\partial E}{\partial y_1} w_{i1} + \dots + \frac{\partial E}{\partial y_j} w_{ij}")
    '\\frac{\\partial E}{\\partial x_i} = \\sum_{k=1}^{j} \\frac{\\partial E}{\\partial y_k} w_{ik}'
    >>> dotted_sums(r"\frac{\partial L}{\partial w} = x_1 + x_2 + \dots")     # a claim's open run: left as written
    '\\frac{\\partial L}{\\partial w} = x_1 + x_2 + \\dots'
    >>> dotted_sums(r"z = w_1 x_1 + w_2 x_2 + \dots + b")     # a forward's: every entry
    'z = \\sum_{k} w_k x_k + b'
    """
    if len(latex) > MAX_CHARS or not DOTS.search(latex):
        return latex                                 # longer: as display_forms, left as written
    latex = _GLUED_DOTS.sub(r" + \1 ", latex)       # w_2 x_2 ...+ b: the + the author left out before the dots
    pos = 0
    for _ in range(MAX_RUNS):
        m = DOTS.search(latex, pos)
        if not m:
            break
        written = _rewrite_run(latex, m.start(), m.end())
        if written is None:
            pos = m.end()
            continue
        latex, pos = written
    return latex


def _chain(latex: str, start: int, end: int) -> tuple[int, int]:
    """The span of the chain of terms around ``latex[start:end]``: up to an unmatched bracket,
    a relation, ``&``, a row break, a comma or a ``\\quad`` at the same depth."""
    toks = [m for m in _TOKEN.finditer(latex)]
    at = next(k for k, m in enumerate(toks) if m.end() > start)
    after = next((k for k, m in enumerate(toks) if m.start() >= end), len(toks))
    depth, left = 0, at
    while left > 0:
        tok = toks[left - 1].group()
        if tok in (")", "}", "]"):
            depth += 1
        elif tok in ("(", "{", "["):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and _STOP.fullmatch(tok):
            break
        left -= 1
    depth, right = 0, after
    while right < len(toks):
        tok = toks[right].group()
        if tok in ("(", "{", "["):
            depth += 1
        elif tok in (")", "}", "]"):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and _STOP.fullmatch(tok):
            break
        right += 1
    return (toks[left].start() if left < len(toks) else len(latex),
            toks[right].start() if right < len(toks) else len(latex))


def _terms(text: str, offset: int) -> list[tuple[str, int, int]]:
    """(sign, start, end) of each term of ``text`` split at ``+`` / ``-`` outside every group;
    positions are ``offset`` + index into ``text``."""
    out, depth, sign, begin = [], 0, "", 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and ch in "+-" and text[max(0, k - 1)] not in "^_":
            if text[begin:k].strip() or sign:
                out.append((sign, offset + begin, offset + k))
            sign, begin = ch, k + 1
        k += 1
    out.append((sign, offset + begin, offset + len(text)))
    return out


def _tokens(term: str) -> list[tuple[str, int, int, bool]] | None:
    """(token, start, end, inside a subscript) for ``term``, spaces dropped, ``x_1`` read as
    ``x_{1}`` and a digit run inside a comma-free subscript split per digit (``w_{11}``: 1, 1)."""
    out: list[tuple[str, int, int, bool]] = []
    stack: list[bool] = []          # per open brace: a subscript group?
    pending = False                 # the token after `_`
    for m in _TOKEN.finditer(term):
        tok = m.group()
        if tok.isspace():
            continue
        inside = any(stack)
        if tok == "{":
            stack.append(pending)
            pending = False
            out.append((tok, m.start(), m.end(), inside))
            continue
        if tok == "}":
            if stack:
                stack.pop()
            out.append((tok, m.start(), m.end(), any(stack)))
            continue
        sub = inside or pending
        if pending:                 # x_1: as x_{1}
            out.append(("{", m.start(), m.start(), False))
        if tok.isdigit() and sub and not _has_comma(term, m.start()):
            out += [(d, m.start() + i, m.start() + i + 1, True) for i, d in enumerate(tok)]
        else:
            out.append((tok, m.start(), m.end(), sub))
        if pending:
            out.append(("}", m.end(), m.end(), False))
        pending = tok == "_"
    return out


def _has_comma(term: str, at: int) -> bool:
    """Whether the subscript group around ``at`` separates its indices by commas."""
    open_at, depth = term.rfind("{", 0, at), 0
    if open_at < 0:
        return False
    for k in range(open_at, len(term)):
        depth += (term[k] == "{") - (term[k] == "}")
        if depth == 0:
            return "," in term[open_at:k]
    return False


def _value(tok: str) -> int | str | None:
    return int(tok) if tok.isdigit() else tok if re.fullmatch(r"[A-Za-z]", tok) else None


def _rewrite_run(latex: str, dots_start: int, dots_end: int) -> tuple[str, int] | None:
    """The display with the run around the ellipsis at ``dots_start`` written as a sum and the
    position after it; None when the run is not determined."""
    left, right = _chain(latex, dots_start, dots_end)
    terms = _terms(latex[left:right], left)
    at = next((k for k, (_, s, e) in enumerate(terms) if s <= dots_start < e), None)
    if at is None or latex[terms[at][1]:terms[at][2]].strip() != latex[dots_start:dots_end]:
        return None
    if terms[at][0] != "+" or at + 1 >= len(terms) or terms[at + 1][0] != "+":
        return _open_run(latex, terms, at) if terms[at][0] == "+" else None
    last = _tokens(latex[terms[at + 1][1]:terms[at + 1][2]])
    before = []
    for k in range(at - 1, -1, -1):              # the explicit terms of the run's shape before it
        toks = _tokens(latex[terms[k][1]:terms[k][2]])
        if len(toks) != len(last) or terms[k][0] not in ("+", "") or any(
                a[0] != b[0] and not (a[3] and b[3]) for a, b in zip(toks, last)):
            break                                # another term (b_1 + x_1 + …): the run starts after
        before.insert(0, (k, toks))
    if not before:
        return _open_run(latex, terms, at)
    run = before                                 # a term of the shape that breaks the step: no run
    found = _running(run[0][1], [t for _, t in run[1:]], last)
    if found is None:
        return None
    positions, first, final = found
    made = _as_sum(latex, terms, run[0], positions, _row_around(latex, dots_start), f"={first}", f"^{{{final}}}")
    if made is None:
        return None
    sign_start, written = made
    end = terms[at + 1][2]
    trail = " " if latex[end - 1:end].isspace() else ""
    out = latex[:sign_start] + written + trail + latex[end:]
    return out, sign_start + len(written)


# the left side of a forward: one name, with its scripts (z, z_j, \hat{y}, a^{(l)}_j), never a derivative
_DEFINED = re.compile(r"^\s*(?:\\(?:hat|bar|tilde)\s*\{?\s*)?[A-Za-z]\s*\}?(?:\s*[_^]\s*(?:\{[^{}]*\}|\w))*\s*$")


def _open_run(latex: str, terms: list, at: int) -> tuple[str, int] | None:
    r"""A forward's run with no last term, ``z = w_1 x_1 + w_2 x_2 + \dots + b``: at least two terms of one shape
    running from 0 or 1 by 1, then the ellipsis and nothing of that shape after it, on the right of a row whose left
    side is one name; written ``\sum_{k} w_k x_k`` (every entry: the page says where it ends nowhere else).  None
    elsewhere (a claim's open run stays as written)."""
    row = _row_around(latex, terms[at][1])
    if "=" not in row or not _DEFINED.match(row.split("=", 1)[0]) or row.count("=") != 1:
        return None
    run = []
    for k in range(at - 1, -1, -1):
        toks = _tokens(latex[terms[k][1]:terms[k][2]])
        if terms[k][0] not in ("+", "") or (run and (len(toks) != len(run[0][1]) or any(
                a[0] != b[0] and not (a[3] and b[3]) for a, b in zip(toks, run[0][1])))):
            break
        run.insert(0, (k, toks))
    while len(run) >= 2:
        found = _running(run[0][1], [t for _, t in run[1:-1]], run[-1][1])
        if found is not None and found[1] in (0, 1) and found[2] == found[1] + len(run) - 1:
            break
        run = run[1:]                            # b + x_1 + x_2 + …: the run starts after b
    if len(run) < 2:
        return None
    if at + 1 < len(terms):                      # + b after the dots: nothing of the run's own names (x_{n-1}: its last)
        names = {t[0] for t in run[0][1] if not t[3] and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t[0])}
        after = _tokens(latex[terms[at + 1][1]:terms[at + 1][2]])
        if names & {t[0] for t in after}:
            return None
    made = _as_sum(latex, terms, run[0], found[0], row, "", "")
    if made is None:
        return None
    start, written = made
    written += " "
    end = terms[at][2]
    return latex[:start] + written + latex[end:], start + len(written)


def _as_sum(latex: str, terms: list, first, positions, row: str, lower: str, upper: str) -> tuple[int, str] | None:
    r"""(where the run starts, the run written as ``\sum_{k<lower>}<upper> summand``): the ``first`` term (index,
    tokens) with its running ``positions`` as a letter ``row`` does not use (``w_{jk}``: k is taken); None when none is
    free."""
    letter = next((c for c in _FRESH if c not in _letters_only(row)), None)
    if letter is None:
        return None
    start, end = terms[first[0]][1], terms[first[0]][2]
    summand = _with_value(latex[start:end], first[1], positions, letter).strip()
    lead = " " if latex[start:start + 1].isspace() or terms[first[0]][0] else ""
    return start, f"{lead}\\sum_{{{letter}{lower}}}{upper} {summand}"


def _row_around(latex: str, at: int) -> str:
    """The row of an aligned display (between ``\\\\`` breaks) holding position ``at``: the
    same letters whether a reader sees the whole display or the row alone."""
    start = latex.rfind("\\\\", 0, at)
    end = latex.find("\\\\", at)
    return latex[start + 2 if start >= 0 else 0:end if end >= 0 else len(latex)]


def _letters_only(latex: str) -> str:
    """``latex`` with macro names blanked, so ``\\frac`` does not count as the letters f, r, a, c."""
    return re.sub(r"\\[A-Za-z]+", " ", latex)


def _running(first, middle, last):
    """(the token positions of the running index, its first value, its last value) when the
    terms ``first``, ``middle``…, ``last`` (token lists of one length) differ only there, step 1;
    None otherwise."""
    positions = [p for p, (a, b) in enumerate(zip(first, last)) if a[0] != b[0]]
    if not positions or any(not first[p][3] or not last[p][3] for p in positions):
        return None
    starts = {_value(first[p][0]) for p in positions}
    ends = {_value(last[p][0]) for p in positions}
    if len(starts) != 1 or len(ends) != 1:
        return None
    start, final = starts.pop(), ends.pop()
    if not isinstance(start, int) or final is None:
        return None
    for step, toks in enumerate(middle, start=1):
        if any(toks[p][0] != first[p][0] for p in range(len(first)) if p not in positions):
            return None
        if {_value(toks[p][0]) for p in positions} != {start + step}:
            return None
    if isinstance(final, int):
        if final <= start + len(middle):
            return None
    elif start not in (0, 1):
        return None
    return positions, start, final


# ---------------------------------------------------------------- matrices written with dots
_MATRIX = re.compile(r"\\begin\{([bpBv]?matrix)\}(.*?)\\end\{\1\}", re.S)
_CELL_DOTS = re.compile(r"\s*(?:\\(?:dots[bcmoi]?|ldots|cdots|vdots|ddots)(?![A-Za-z])|\.\.\.|…)\s*")
MAX_CELLS = 400


def dotted_matrices(latex: str) -> str:
    r"""``latex`` with each matrix written with ``\cdots`` / ``\vdots`` / ``\ddots`` written out
    cell by cell, only where its pattern is determined with whole-number bounds (the readers
    check written-out matrices entry by entry): a row ``a_1 & a_2 & \cdots & a_4``, a column
    ``x_1 \\ \vdots \\ x_3``, or the corners ``c_{11} & \cdots & c_{1n} \\ \vdots & \ddots &
    \vdots \\ c_{m1} & \cdots & c_{mn}`` (one running index along the rows, another down the
    columns, the last corner both).  A letter bound, values past 9 or anything else: as written.

    >>> dotted_matrices(r"\begin{bmatrix} x_1 \\ \vdots \\ x_3 \end{bmatrix}")
    '\\begin{bmatrix}x_1 \\\\ x_2 \\\\ x_3\\end{bmatrix}'
    >>> dotted_matrices(r"\begin{bmatrix} w_{11} & \cdots & w_{12} \\ \vdots & \ddots & \vdots \\ w_{21} & \cdots & w_{22} \end{bmatrix}")
    '\\begin{bmatrix}w_{11} & w_{12} \\\\ w_{21} & w_{22}\\end{bmatrix}'
    """
    if len(latex) > MAX_CHARS or not _CELL_DOTS.search(latex) or "matrix" not in latex:
        return latex

    def one(m: re.Match) -> str:
        body = m.group(2)
        if "\\begin" in body:
            return m.group()
        rows = [[c.strip() for c in r.split("&")] for r in re.split(r"\\\\", body) if r.strip()]
        grid = _expanded(rows)
        if grid is None:
            return m.group()
        return f"\\begin{{{m.group(1)}}}" + " \\\\ ".join(" & ".join(r) for r in grid) + f"\\end{{{m.group(1)}}}"
    return _MATRIX.sub(one, latex)


def _is_dots(cell: str) -> bool:
    return bool(_CELL_DOTS.fullmatch(cell))


def _line(cells: list[str]) -> list[str] | None:
    """``[t(a), (t(a+1),) dots, t(b)]`` written out, whole-number bounds only; None otherwise."""
    if len(cells) not in (3, 4) or not _is_dots(cells[-2]) or any(_is_dots(c) for c in cells[:-2] + cells[-1:]):
        return None
    toks = [_tokens(c) for c in cells[:-2]]
    last = _tokens(cells[-1])
    if any(len(t) != len(last) for t in toks):
        return None
    found = _running(toks[0], toks[1:], last)
    if found is None or not isinstance(found[2], int) or found[2] > 9:
        return None
    positions, first, final = found
    return [_with_value(cells[0], toks[0], positions, v) for v in range(first, final + 1)]


def _with_value(cell: str, toks, positions, value: int | str) -> str:
    """``cell`` with its running ``positions`` (of ``toks``) written as ``value``: a number, or a sum's letter."""
    body = list(cell)
    for p in sorted(positions, key=lambda p: -toks[p][1]):
        body[toks[p][1]:toks[p][2]] = [str(value)]
    return "".join(body)


def _expanded(rows: list[list[str]]) -> list[list[str]] | None:
    """The written-out cells of a row, a column or a corner-form matrix; None otherwise."""
    if len(rows) == 1:                                       # a row
        line = _line(rows[0])
        return None if line is None else [line]
    if all(len(r) == 1 for r in rows):                       # a column
        line = _line([r[0] for r in rows])
        return None if line is None else [[c] for c in line]
    if len(rows) != 3 or any(len(r) != 3 for r in rows) or not all(
            _is_dots(c) for c in (rows[0][1], rows[1][0], rows[1][1], rows[1][2], rows[2][1])):
        return None
    top = _line([rows[0][0], rows[0][1], rows[0][2]])        # the first row, the first column
    left = _line([rows[0][0], rows[1][0], rows[2][0]])
    if top is None or left is None or len(top) * len(left) > MAX_CELLS:
        return None
    tl, toks = rows[0][0], _tokens(rows[0][0])
    across = _running(toks, [], _tokens(rows[0][2]))         # both determined: _line read them
    down = _running(toks, [], _tokens(rows[2][0]))
    if set(across[0]) & set(down[0]):
        return None
    grid = []
    for r in range(down[1], down[2] + 1):
        row = []
        for c in range(across[1], across[2] + 1):
            cell = _with_value(tl, toks, across[0], c)
            row.append(_with_value(cell, _tokens(cell), down[0], r))
        grid.append(row)
    if [t[0] for t in _tokens(grid[-1][-1])] != [t[0] for t in _tokens(rows[2][2])]:
        return None                                          # the last corner is not both runs
    return grid
