r"""A pooling's window written out as a set of indices, beside a forward that sums or maxes over it.

A page that writes ``y_{i,j} = \frac{1}{9}\sum_{(m,n) \in R_{i,j}} x_{m,n}`` often says what
R_{i,j} is, in its prose or a display:

* ``R_{i,j} = \{2i, 2i+1\} \times \{2j, 2j+1\}``: the window of output (i, j) starts at 2i, two
  entries wide, so the stride is 2 (:func:`written_window` reads each factor as ``a i + c`` for
  consecutive c);
* ``R_{i,j} = \{i-1, i, i+1\} \times \{j-1, j, j+1\}``: a window centred on the output's own
  index, which starts at i − 1.

The index reader's window starts at the stride times the output's index (from 0; from 1,
``S(i-1)+1``).  A written window that starts elsewhere, or that this module cannot read
(``\{(m,n) : |m - i| \le 1\}``, ``\{2i, \ldots, 2i+k-1\}``), leaves the section's claims
unchecked (:func:`window_unsettled`, which also says where the prose gives the stride in words
this reader does not take), since a claim's ``(i, j)`` would name another window
than the page's.

Example::

    >>> written_window(r"so $R_{i,j} = \{2i, 2i+1\} \times \{2j, 2j+1\}$", "R", ("i", "j"))["window_written"]
    ('read', ((2, 0, 2), (2, 0, 2)), 'R_{i,j} = \\{2i, 2i+1\\} \\times \\{2j, 2j+1\\}')
    >>> window_unsettled({"window_written": ('read', ((1, -1, 3), (1, -1, 3)), "R")}, (1, 1), 0, (3, 3), False)[:45]
    'the page writes the window R, which starts at'
"""
from __future__ import annotations

import re

# R_{i,j} = \{…\} \times \{…\}, \mathcal{R}_{ij} := \{…\}: the set's letter and its two index letters
_DEFINED = r"(?<![A-Za-z\\])(?:\\mathcal\s*\{{?\s*)?{letter}\s*\}}?\s*_\s*\{{?\s*\(?\s*{i}\s*,?\s*{j}\s*\)?\s*\}}?\s*(?::=|=|\\coloneqq)\s*"
_BRACES = re.compile(r"\\\{(.*?)\\\}")
_SECOND = re.compile(r"\s*\\times\s*\\\{(.*?)\\\}")
# one element: 2i+1, i-1, i, s i (a letter times i is not a number: not read)
_ELEMENT = re.compile(r"^\s*(\d*)\s*(?:\\cdot\s*)?([A-Za-z])\s*(?:([+-])\s*(\d+))?\s*$")


def written_window(text: str, letter: str, out_index: tuple) -> dict:
    r"""``{"window_written": ("read", ((stride, first offset, count) per axis), shown)}`` where ``text``
    defines the window set ``letter`` of output ``out_index`` (``("i", "j")``) as sets of consecutive
    ``a i + c``; ``("unread", None, shown)`` where it defines it otherwise; ``{}`` where it does not.
    Two definitions that differ are unread."""
    if not letter or len(out_index) != 2 or not all(out_index):
        return {}
    head = re.compile(_DEFINED.format(letter=re.escape(letter), i=re.escape(out_index[0]), j=re.escape(out_index[1])))
    found = set()
    for m in head.finditer(text):
        rest = text[m.end():].lstrip()
        rows = _BRACES.match(rest)                                   # \{2i, 2i+1\}, then \times \{2j, 2j+1\}
        cols = _SECOND.match(rest, rows.end()) if rows else None
        end = cols.end() if cols else rows.end() if rows else None
        shown = " ".join((text[m.start():m.end()] + rest[:end] if end else text[m.start():m.end() + 40]).split())
        axes = (_axis(rows.group(1), out_index[0]), _axis(cols.group(1), out_index[1])) if cols else (None,)
        found.add(("unread", None, shown) if None in axes else ("read", axes, shown))
    if not found:
        return {}
    if len({f[:2] for f in found}) > 1:
        return {"window_written": ("unread", None, " and ".join(sorted(f[2] for f in found)))}
    return {"window_written": min(found)}


def _axis(body: str, index: str):
    """(a, first c, count) of ``a i + c_0, a i + c_0 + 1, …`` written in ``body``; else None."""
    coefs, consts = set(), []
    for part in body.split(","):
        m = _ELEMENT.match(part)
        if not m or m.group(2) != index:
            return None
        coefs.add(int(m.group(1) or 1))
        consts.append((-1 if m.group(3) == "-" else 1) * int(m.group(4) or 0))
    if len(coefs) != 1 or consts != list(range(consts[0], consts[0] + len(consts))):
        return None
    return coefs.pop(), consts[0], len(consts)


def window_unsettled(settings: dict, strides: tuple, base: int, kernel: tuple, stride_defaulted: bool) -> str | None:
    """Why a pooling's window is not settled at ``strides``, ``kernel`` and index ``base``: a stride the prose
    says in words this reader does not take (``settings["stride_unsettled"]``, "unit stride", where the
    stride was left to its default, ``stride_defaulted``), or a written window (``settings["window_written"]``,
    :func:`written_window`) other than the index reader's, whose window of output i starts at ``S i`` from
    0, ``S(i-1)+1`` from 1; None when it is settled."""
    if stride_defaulted and settings.get("stride_unsettled"):
        return "the prose gives the pooling's stride in words this reader does not take: say it, <!-- symbp: stride=S -->"
    found = settings.get("window_written")
    if not found:
        return None
    kind, axes, shown = found
    if kind == "unread":
        return (f"the page writes the window as {shown}, which this reader does not take: write it as "
                r"\{2i, 2i+1\} \times \{2j, 2j+1\} (the stride times the output's index, then the window's entries)")
    for (coef, first, count), stride, size in zip(axes, strides, kernel):
        start = (1 - coef) * base
        if coef != stride or first != start or count != size:
            return (f"the page writes the window {shown}, which starts at {_at(coef, first)} and is {count} wide, "
                    f"where this reader's window starts at {_at(stride, start)} and is {size} wide "
                    f"({base}-based): a claim's (i, j) would name another window")
    return None


def _at(coef: int, const: int) -> str:
    """``2i+1``, ``i-1``, ``i``: where a window starts, as a page writes it."""
    return f"{coef if coef != 1 else ''}i" + (f"{const:+d}" if const else "")


__all__ = ["window_unsettled", "written_window"]
