"""What a section's displays show before any claim is read: its first index-notation forward
(:func:`index_forward`) and the numbered entries it writes (:func:`subscript_sizes`), for
:class:`symbp.check.real_docs.NamesTracker`."""
from __future__ import annotations

import functools
import re

from ..core.geometry import read_pair
from .doc_infer import infer_roles
from .index_claims import IndexError_

MAX_LATEX = 3000            # longer displays (big explicit matrices) stay with the core checker
_SUBSCRIPT = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?")


def index_forward(latex: list):
    """(output letter, index settings, roles, its text) of the section's first index-notation
    forward among the displays ``latex``, or None.  Example:
    ``index_forward([r"z_{ij} = \\sum_m \\sum_n w_{mn} x_{i+m,j+n}"])[0] == "z"``."""
    for tex in latex:
        if (r"\sum" not in tex and r"\max" not in tex) or len(tex) > MAX_LATEX:
            continue
        try:
            roles, extra = infer_roles(tex)
        except (IndexError_, RecursionError, ValueError):
            continue
        out = next((n for n, r in roles.items() if r == "output"), None)
        if "kernel" not in roles.values() and not extra.get("pool"):
            continue                # Σ_α x_{iα} w_{αj}: a matrix product, two inputs and no kernel
        keep = {k: v for k, v in extra.items() if k in ("out_origin", "out_origins", "dims", "same_size", "spatial", "pool", "pool_scale", "layer_kind", "window", "window_set", "window_letter", "window_letters",
                                                          "index_base", "base_stated", "conv", "bias_indexed", "layouts_by_role",
                                                          "stride_symbol", "stride_value", "padding_letter", "axis_params", "kernel_half")}
        if out and keep:
            return out.lower(), keep, roles, tex
    return None


def prescan_dims(dims: dict, scanned: dict, roles: dict, dense: bool = True) -> dict:
    r"""The size letters of the section's first forward (``dims``: {letter: (role, axis)} under
    the forward's own roles ``scanned``) under the section's ``roles``: where the letter that had
    the role now has another (a dense layer's directive reads ``y_i = \sum_{j=1}^{n} w_{i,j} x_j``,
    which the convolution reading took for x the kernel), in a ``dense`` layer a vector's axis
    follows its letter (``n``: the input's length), and any other is dropped (no axis is guessed:
    a convolution's maps carry batch and channel axes first).  Example:
    ``prescan_dims({"n": ("kernel", 0)}, {"x": "kernel", "w": "input"}, {"x": "input", "w": "kernel"})``
    is ``{"n": ("input", 0)}``."""
    was = {role: letter for letter, role in scanned.items()}
    out = {}
    for size, (role, axis) in dims.items():
        now = roles.get(was.get(role), role)
        if now == role or (dense and now in ("input", "output") and axis == 0):
            out[size] = (now, axis)
    return out


_LETTER_SUB = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_")


def subscript_sizes(latex: list) -> dict:
    """The largest (row, column) numeric subscript of each letter, and the smallest index:
    ``subscript_sizes(["x_{12} + w_{21}"])["x"] == (1, 2)``.  A new dict each call, worked out
    once per list of displays (a page of chapters asks again at every claim)."""
    return dict(_subscript_sizes(tuple(latex)))


@functools.lru_cache(maxsize=256)
def _subscript_sizes(latex: tuple) -> dict:
    """:func:`subscript_sizes` of the displays ``latex`` (kept: only copies leave)."""
    seen, low = {}, 9
    for tex in latex:
        for m in _SUBSCRIPT.finditer(tex):
            i, j = int(m.group(2)), int(m.group(3))
            old = seen.get(m.group(1), (0, 0))
            seen[m.group(1)] = (max(old[0], i), max(old[1], j))
            low = min(low, i, j)
    seen.update(written_forward_sizes(latex))
    for letter in list(seen):
        if letter.upper() != letter and letter.upper() not in seen:
            seen[letter.upper()] = seen[letter]
    seen["base"], seen["low"] = (1 if low == 1 else 0), low
    seen["numeric"] = low < 9
    seen["letters"] = tuple(sorted({m.group(1) for tex in latex for m in _LETTER_SUB.finditer(tex)}))
    seen["vector_lows"] = _vector_lows(latex)
    seen["open"] = open_forward_letters(latex) | letter_sized_letters(latex)
    return seen


# a row that ends in an open run: … + x_{13}k_{13} + ..., + \dots, + \cdots, or + alone (the dots taken out)
_OPEN_END = re.compile(r"\+\s*(?:\.\.\.|…|\\(?:dots|ldots|cdots)(?![A-Za-z]))?\s*(?:\\\\)?\s*$")


def open_forward_letters(latex) -> frozenset:
    r"""The letters of written-out forward entries whose rows end in an open run (``y_{11} = x_{11}k_{11} +
    x_{12}k_{12} + x_{13}k_{13} + ...``): terms are left out, so their largest subscripts are no sizes.

    >>> sorted(open_forward_letters([r"y_{11} = x_{11}k_{11} + x_{12}k_{12} + ...", r"y_{12} = x_{12}k_{11}"]))
    ['k', 'x']
    >>> open_forward_letters([r"y_{11} = x_{11}k_{11} + x_{12}k_{12}"])
    frozenset()
    """
    from .equation_rows import split_rows
    found = set()
    for tex in latex:
        if len(tex) > MAX_LATEX:
            continue
        for row in split_rows(tex):
            m = _ENTRY_ROW.match(row.replace("&", " "))
            if m is not None and "\\partial" not in row and _OPEN_END.search(m.group(4)):
                found |= {t.group(1) for t in _SUBSCRIPT.finditer(m.group(4))}
    return frozenset(found)


# an entry pair with a letter for one of its numbers: x_{M1}, w_{1N}, x_{MD}, x_{m,1}
_LETTER_PAIR = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{\s*([A-Za-z0-9])\s*,?\s*([A-Za-z0-9])\s*\}")
_DOTS = re.compile(r"\\(?:cdots|ldots|vdots|ddots|dots)(?![A-Za-z])|\.\.\.|…|⋯")


def letter_sized_letters(latex) -> frozenset:
    r"""The letters whose entries a display writes up to a size letter (``X^T = [x_{11} \cdots x_{M1}]``,
    ``w_{DN}``; in a display with dots, ``x_{m1} \cdots x_{mn}`` too): their largest numbered entries are
    the first of a run, not the layer's sizes.

    >>> sorted(letter_sized_letters([r"X^T = [x_{11} \cdots x_{M1}]", r"y_{12} = x_{12} w_{22}"]))
    ['x']
    >>> sorted(letter_sized_letters([r"A = [a_{11} \cdots a_{1n}]", r"b_{i1} = c_{11}"]))
    ['a']
    """
    found = set()
    for tex in latex:
        dots = _DOTS.search(tex) is not None
        for m in _LETTER_PAIR.finditer(tex):
            pair = (m.group(2), m.group(3))
            if any(c.isupper() for c in pair) or dots and any(c.isalpha() for c in pair) and any(c.isdigit() for c in pair):
                found.add(m.group(1))
    return frozenset(found)


# one index: x_1, x_{1}, \partial y_1 (not x_{12}, x_{1,2}, x_1^2's power is fine); a letter index: x_i, x_{j}
_ONE_DIGIT = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*(?:(\d)(?!\d)|\{\s*(\d)\s*\})")
_ONE_LETTER_INDEX = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{?\s*[a-z]\s*\}?(?![\w,])")


def entries_base(seen: dict, roles: dict, settings: dict) -> int | None:
    """The base a section's written entries show (``seen``: :func:`subscript_sizes`): of its pair
    entries (:func:`entry_base`), else 1 for a dense layer whose vectors are written from 1
    (:func:`vector_base`); None where they show none."""
    if settings.get("base_stated") and settings.get("layer_kind") == "fc":
        return None                      # y_j = Σ_{i=0}^{2} x_i w_{ij}: the forward's own bounds count, not w_{11}
    if seen.get("numeric"):
        return entry_base(seen, roles, settings)
    return 1 if settings.get("layer_kind") == "fc" and vector_base(seen, roles) else None


def vector_base(seen: dict, roles: dict) -> bool:
    """Whether a section with no pair entries counts its dense layer from 1: every letter with a
    role that :func:`_vector_lows` saw starts at 1 (``seen``: :func:`subscript_sizes`).
    Example: ``vector_base({"vector_lows": {"x": 1, "y": 1}}, {"x": "input", "y": "output"})`` is True."""
    return {low for letter, low in seen.get("vector_lows", {}).items() if letter in roles} == {1}


def _vector_lows(latex: tuple) -> dict:
    r"""The smallest single-digit index written for each letter that is also written with one
    letter index, the entries of a vector (``x_1 … x_i``, ``\partial y_1``): where a dense
    section writes no pair entries, its counting.  ``_vector_lows(("x_1 + x_2 + x_i", "W_1 W_2"))``
    is ``{'x': 1}`` (W_1 may be a layer's name)."""
    lows: dict = {}
    for tex in latex:
        for m in _ONE_DIGIT.finditer(tex):
            digit = int(m.group(2) or m.group(3))
            lows[m.group(1)] = min(lows.get(m.group(1), 9), digit)
    indexed = {m.group(1) for tex in latex for m in _ONE_LETTER_INDEX.finditer(tex)}
    return {k: v for k, v in lows.items() if k in indexed}



_ENTRY_ROW = re.compile(r"^\s*\{?\s*([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?\s*\}?\s*=([^=]*)$")   # {y_{11}} = …: an atom in braces


def written_forward_sizes(latex: list) -> dict:
    """Sizes a small example's written-out forward fixes: where rows ``Y_{11} = X_{11} K_{11} + …``
    write every entry of the output's grid, the output and the letters of those rows are as large
    as those rows write them (a claim that names ``X_{24}`` past them does not widen the input).
    ``written_forward_sizes([r"y_{11} = x_{11} k_{11} + x_{12} k_{12}", r"y_{12} = x_{12} k_{11} + x_{13} k_{12}"])``
    is ``{'y': (1, 2), 'x': (1, 3), 'k': (1, 2)}``."""
    from .equation_rows import split_rows
    rows: dict = {}
    for tex in latex:
        if len(tex) > MAX_LATEX:
            continue
        for row in split_rows(tex):
            m = _ENTRY_ROW.match(row.replace("&", " "))
            if m is None or "\\partial" in row or "\\frac" in row:
                continue
            terms = [t for t in _SUBSCRIPT.finditer(m.group(4)) if t.group(1) != m.group(1)]
            if len(terms) >= 2:
                rows.setdefault(m.group(1), []).append(((int(m.group(2)), int(m.group(3))), terms))
    out: dict = {}
    for letter, written in rows.items():
        cells = {cell for cell, _ in written}
        lo = min(min(c) for c in cells)
        hi_r, hi_c = max(r for r, _ in cells), max(c for _, c in cells)
        if any((r, c) not in cells for r in range(lo, hi_r + 1) for c in range(lo, hi_c + 1)):
            continue                                  # some output entries are not written: no size fixed
        fixed = {letter: (hi_r, hi_c)}
        for _, terms in written:
            for t in terms:
                old = fixed.get(t.group(1), (0, 0))
                fixed[t.group(1)] = (max(old[0], int(t.group(2))), max(old[1], int(t.group(3))))
        if not _named_past(latex, fixed, letter):
            out.update(fixed)
    return out


def _named_past(latex: list, fixed: dict, output: str) -> bool:
    """Whether a display names an entry past the sizes ``fixed`` where that means the written
    forward is not the whole layer: an output entry anywhere (∂L/∂y_{21} beside rows for y_{11},
    y_{12} only), or any of its letters' entries in a display that is no gradient claim
    (``X_{44} = 0``, a matrix of the forward)."""
    for tex in latex:
        claim = "\\partial" in tex or "\\nabla" in tex
        for m in _SUBSCRIPT.finditer(tex):
            size = fixed.get(m.group(1))
            if size is None or (claim and m.group(1) != output):
                continue
            if int(m.group(2)) > size[0] or int(m.group(3)) > size[1]:
                return True
    return False


_DIRECTIVE_LINE = re.compile(r"^\s*(?:<!--|%)\s*symbp:")


def section_prose(text: str, after: int, through: int) -> str | None:
    """The prose a section of a document with two or more directives reads its stride, padding,
    window and sizes from: the text before the first directive (what every section shares) and
    the lines after the previous section's last equation (``after``) through this section's
    last equation (``through``), to the document's end for the last section; None for a
    document with fewer than two directives (its whole text is its one section's).  A later
    example's "stride 1" is not the earlier section's stride.

    >>> doc = "a 4x4 input\\n<!-- symbp: layer=avgpool -->\\n$$y$$\\n\\nstride 1:\\n<!-- symbp: layer=avgpool -->\\n$$z$$"
    >>> section_prose(doc, 0, 3).splitlines()
    ['a 4x4 input', '<!-- symbp: layer=avgpool -->', '$$y$$']
    >>> section_prose(doc, 3, 7).splitlines()
    ['a 4x4 input', '', 'stride 1:', '<!-- symbp: layer=avgpool -->', '$$z$$']
    """
    lines = text.splitlines()
    directives = [n for n, line in enumerate(lines, 1) if _DIRECTIVE_LINE.match(line)]
    if len(directives) < 2:
        return None
    if not any(n > through for n in directives):
        through = len(lines)
    through, after = _display_end(lines, through), _display_end(lines, after) if after else 0
    shared = lines[:directives[0] - 1] if after >= directives[0] else []
    return "\n".join(shared + lines[after:through])


def _display_end(lines: list, start: int) -> int:
    """The last line of the paragraph (a display written over several lines) that starts at
    line ``start`` (1-based): ``_display_end(["$$a", "b$$", "", "x"], 1) == 2``."""
    while start < len(lines) and lines[start].strip():
        start += 1
    return start


def entry_base(seen: dict, roles: dict, settings: dict) -> int:
    """Where a section's numbered entries start: 1 where the smallest written index is 1, 0
    where it is 0; where every written index is 2 or more (``x_{5,5}``, ``k_{3,3}``), 1 if a
    letter's written entry reaches the size the section states for its tensor (x_{5,5} of a
    5x5 input exists only counted from 1), else 0.

    >>> entry_base({"base": 0, "low": 3, "x": (5, 5)}, {"x": "input"}, {"input": "5x5"})
    1
    >>> entry_base({"base": 0, "low": 2, "x": (2, 3)}, {"x": "input"}, {"input": "5x5"})
    0
    """
    if seen.get("low", 0) < 2:
        return seen.get("base", 0)
    for letter, role in roles.items():
        stated, written = str(settings.get(role, "")), seen.get(letter)
        try:
            rows, cols = read_pair(stated, "x") if "x" in stated else (None, None)
        except ValueError:
            continue
        if rows is not None and isinstance(written, tuple) and (written[0] >= rows or written[1] >= cols):
            return 1
    return 0
