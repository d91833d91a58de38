r"""An accumulation written as a claim, ``A_{e_1,e_2} \mathrel{+}= B``, read as the sum it accumulates.

Notes and code-like derivations state an input gradient the way a loop computes it, scattering
each output's gradient back over the window it came from:

    ``\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= \frac{\partial L}{\partial Y_{i,j}} K_{u,v}``

that is, for every ``i, j, u, v`` at once, add the right side into the entry the left side
names.  :func:`gathered` writes such a row as the equation it amounts to, every index letter of
the statement summed and the entry it lands in picked out by Iverson brackets:

    ``\frac{\partial L}{\partial X_{p,q}} = \sum_{i,u,j,v} [i+u = p][j+v = q] \frac{\partial L}{\partial Y_{i,j}} K_{u,v}``

which the index reader checks like any other (each sum over where its tensor exists).

* The letters summed: the lower-case letters of the left side's index expressions and the
  lower-case index letters of the right side (in ``_{…}``, ``_x`` or ``[…]``) that no sum of the
  right side binds; a capital in an index is a size (a stride ``S``) and is not summed.
* The new index letters are the first of ``p q r s t`` (then ``\alpha \beta …``) that the row does
  not use; :func:`gathered_note` says which, for the report.
* Only a row with one ``+=`` at its top level (``+=``, ``\mathrel{+}=``, ``\mathrel{+=}``,
  ``\mathrel{+}\mathrel{=}``, ``\pluseq``), no other ``=``, and an entry on the left whose indices
  are written (``_{…}`` after its name, or ``[…]``) is read; anything else is left as written,
  and the readers say what stops them.  ``-=`` (an update step) is never a claim.
* A row that sums nothing but its own plain indices (``dx_i += \hat{dx}_i / \sigma``) adds one
  term of several written on their own rows, not a loop's terms: it is not read as the whole; nor is
  any row where the page accumulates into the same array on another row (:func:`accumulated_twice`).

    >>> gathered(r"dX_{i+u,j+v} \mathrel{+}= dY_{i,j} K_{u,v}")
    'dX_{p,q} = \\sum_{i,u,j,v} [i+u = p][j+v = q] dY_{i,j} K_{u,v}'
    >>> gathered(r"dX[n, c, h*S + a, w*S + b] += dY[n, c, h, w]")
    'dX[p, q, r, s] = \\sum_{n,c,h,a,w,b} [n = p][c = q][h*S + a = r][w*S + b = s] dY[n, c, h, w]'
    >>> gathered(r"dW_{m,n} += \sum_{i} x_{i+m} dy_{i}") is None   # i bound on the right: m, n renamed only
    True
    >>> gathered(r"dx_{i+1} += a_{i} - b_{i}")
    'dx_{p} = \\sum_{i} [i+1 = p] \\cdot (a_{i} - b_{i})'
"""
from __future__ import annotations

import re

from .latex_atoms import LatexAtomError, split_top_level

# the spellings of "+=": \mathrel{+}=, \mathrel{+=}, \mathrel{+}\mathrel{=}, \mathrel{{+}{=}}, \pluseq
_SPELLED_PLUS_EQUALS = re.compile(r"\\mathrel\s*\{\s*\{?\s*\+\s*\}?\s*(?:\{?\s*=\s*\}?\s*)?\}\s*(?:\\mathrel\s*\{\s*=\s*\}|=)?"
                                  r"|\\pluseq(?![A-Za-z])")
_FRESH = ("p", "q", "r", "s", "t", r"\alpha", r"\beta", r"\gamma", r"\mu", r"\nu")
_LETTER = re.compile(r"(?<![\\A-Za-z])[a-z](?![A-Za-z])")
_SUM_BINDS = re.compile(r"\\sum\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[a-z])")
_INDEX_GROUPS = re.compile(r"_\s*\{((?:[^{}]|\{[^{}]*\})*)\}|_\s*([A-Za-z0-9])|\[([^\[\]]*)\]")
MAX_ROW = 2000


def _one_plus_equals(latex: str) -> tuple[str, str] | None:
    """(left, right) of a row with one top-level ``+=`` and no other ``=``, else None."""
    text = _SPELLED_PLUS_EQUALS.sub(lambda m: "+=" if "=" in m.group(0) or "pluseq" in m.group(0) else m.group(0), latex)
    try:
        sides = split_top_level(text, ("+=",))
        if len(sides) != 2 or any(len(split_top_level(side, ("=",))) > 1 for side in sides):
            return None
    except LatexAtomError:
        return None
    return sides[0], sides[1]


def _entry_indices(left: str) -> tuple[int, int, list[str]] | None:
    """(start, end, index expressions) of the index group of the entry the left side names: its
    last ``_{…}`` or ``[…]`` (in a fraction's denominator, the one after ``\\partial X``)."""
    groups = [m for m in _INDEX_GROUPS.finditer(left) if m.group(2) is None]
    if not groups:
        return None
    last = groups[-1]
    body = last.group(1) if last.group(1) is not None else last.group(3)
    if body is None or not body.strip() or "\\" in body.replace("\\,", ""):
        return None
    try:
        parts = split_top_level(body, (",",))
    except LatexAtomError:
        return None
    if len(parts) == 1 and re.fullmatch(r"[a-z]{2,4}", parts[0]):      # X_{ij}: i, j
        parts = list(parts[0])
    if any(not p or not re.fullmatch(r"[A-Za-z0-9+\-*\s()]+", p) for p in parts):
        return None
    start, end = last.span(1) if last.group(1) is not None else last.span(3)
    return start, end, parts


def _index_letters(text: str) -> list[str]:
    """The lower-case letters of ``text``'s index groups, in order, each once."""
    seen: list[str] = []
    for m in _INDEX_GROUPS.finditer(text):
        body = next(g for g in m.groups() if g is not None)
        for letter in _LETTER.findall(re.sub(r"\\[A-Za-z]+", " ", body)):
            if letter not in seen:
                seen.append(letter)
    return seen


def _fresh(latex: str, count: int) -> list[str] | None:
    used = set(_LETTER.findall(latex)) | set(re.findall(r"\\[A-Za-z]+", latex))
    free = [name for name in _FRESH if name not in used]
    return free[:count] if len(free) >= count else None


def _accumulated(latex: str):
    """(left, right, (start, end, index expressions), target) of an accumulation row, else None; the target is
    what it adds into, its indices left out (``dX_{i+m}`` and ``dX_{j}`` add into one, ``dX_{}``)."""
    if len(latex) > MAX_ROW or ("+" not in latex and "pluseq" not in latex):
        return None
    sides = _one_plus_equals(latex)
    entry = _entry_indices(sides[0]) if sides else None
    if not entry or not sides[1].strip():
        return None
    return (*sides, entry, re.sub(r"\s+", "", sides[0][:entry[0]] + sides[0][entry[1]:]))


def accumulated_twice(rows) -> frozenset:
    r"""The targets (what :func:`_accumulated` says a row adds into) that two or more accumulation rows of a page add into: each such row
    is one contribution of several (a residual's two paths), and none of them is read as the whole sum.

    >>> sorted(accumulated_twice([r"dx_{i+m} += w_m dy_i", r"dx_{j} \mathrel{+}= dy_{j+1} - dy_j", r"dw_{m} += x_{i+m} dy_i"]))
    ['dx_{}']
    """
    seen: dict = {}
    for row in rows:
        found = _accumulated(row)
        if found:
            seen[found[3]] = seen.get(found[3], 0) + 1
    return frozenset(key for key, count in seen.items() if count > 1)


# prose before an accumulation row that limits its loop: "for every other i", "only the interior outputs",
# "$i, j \in \{0, 2\}$", "for $i \geq 1$" (red team 48: such rows had been read over every index)
_LIMITED = re.compile(r"\bonly\b|\bevery (?:other|second|third)\b|\bexcept\b|\binterior\b|\bborder\b|\bedge|"
                      r"\b(?:odd|even)\b|\bskip|\bsome\b|\bsubset\b|\bpart of\b|\bfirst\b|\blast\b|\bcertain\b|"
                      r"\\(?:in|ge|geq|le|leq|neq|ne|notin|subset)(?![A-Za-z])|[<>≤≥≠∈]|(?<![<>!=])=(?!=)|"
                      r"只|仅|僅|만|のみ|だけ|seulement|uniquement|\bnur\b|\bsolo\b|\bsólo\b|только|\bapenas\b|\bsadece\b")
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(equation|align|gather)\*?\}.*?\\end\{\1\*?\}|<!--.*?-->", re.S)


def declined_targets(displays, text: str) -> frozenset:
    r"""The targets (what :func:`_accumulated` says a row adds into) no accumulation row of the page is read for: those two rows add into
    (:func:`accumulated_twice`), and those of a row whose paragraph just before it limits the loop
    (``_LIMITED``: "only", "every other", an index relation in the text).  ``displays``: (line, claim rows) of
    each display, in order (:func:`symbp.check.equation_rows.split_rows`); ``text`` the page.

    >>> page = "Intro.\n\n$$a = b$$\n\nFor every other $i$:\n\n$$dx_{i+m} += w_m dy_i$$\n"
    >>> sorted(declined_targets([(3, ["a = b"]), (7, [r"dx_{i+m} += w_m dy_i"])], page))
    ['dx_{}']
    """
    lines, declined, last = text.split("\n"), set(), 0
    for line, rows in displays:
        between = _DISPLAY_MATH.sub(" ", "\n".join(lines[last:max(last, line - 1)]))
        prose = next((p for p in reversed(re.split(r"\n\s*\n", between)) if p.strip()), "")   # the paragraph before
        last = line
        for row in rows:
            found = _accumulated(row)
            if found and _LIMITED.search(prose):
                declined.add(found[3])
    return frozenset(declined) | accumulated_twice([row for _, rows in displays for row in rows])


def gathered(latex: str, twice: frozenset = frozenset()) -> str | None:
    """The equation an accumulation row ``A_{e…} += B`` amounts to (see the module's note); None when
    ``latex`` is no such row, or adds into one of ``twice`` (:func:`accumulated_twice`)."""
    found = _accumulated(latex)
    if found is None or found[3] in twice:
        return None
    left, right, (start, end, parts), _ = found
    fresh = _fresh(latex, len(parts))
    if fresh is None:
        return None
    bound = {letter for m in _SUM_BINDS.finditer(right) for letter in _LETTER.findall(m.group(1))}
    summed = []
    for letter in [x for p in parts for x in _LETTER.findall(p)] + _index_letters(right):
        if letter not in bound and letter not in summed:
            summed.append(letter)
    plain = [p for p in parts if re.fullmatch(r"[a-z]", p)]
    if len(plain) == len(parts) and set(summed) <= set(plain):
        return None              # dx_i += dxhat_i / σ: one term of several (a sum over rows), not a loop's
    joiner = ", " if "," in left[start:end] and ", " in left[start:end] else ","
    brackets = "".join(f"[{p} = {f}]" for p, f in zip(parts, fresh))
    right = right.strip()
    if len(split_top_level(right.lstrip("+- "), ("+", "-"))) > 1:      # a sum of terms: all of it accumulates
        right = f"\\cdot ({right})"
    return f"{left[:start]}{joiner.join(fresh)}{left[end:].rstrip()} = \\sum_{{{','.join(summed)}}} {brackets} {right}"


def gathered_note(detail: str, latex: str, twice: frozenset = frozenset()) -> str:
    """A verdict's ``detail`` on a row :func:`gathered` read, with the equation it was read as (its
    counterexample names the new indices); ``detail`` itself for any other row."""
    equation = gathered(latex, twice) if "=" in latex else None
    return f"{detail} (the accumulation read as the sum it builds: {equation})" if equation else detail


def declined_reason(latex: str, declined: frozenset) -> str | None:
    """Why an accumulation row of one of ``declined`` (:func:`declined_targets`) is not read, for the report."""
    found = _accumulated(latex) if "=" in latex else None
    if found is None or found[3] not in declined:
        return None
    return ("an accumulation (+=) into an array the page accumulates on another row too, or whose paragraph limits "
            "the loop ('only', 'every other', an index relation): not read as the whole sum")
