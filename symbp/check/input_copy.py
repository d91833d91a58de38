r"""A copy of a tensor the page makes before the layer reads it: dropout's ``x'_j = \frac{r_j x_j}{0.5}``, a padded
``\tilde{x}_{i,j} = x_{i-1,j-1}``, ``I^{\mathrm{pad}}_{i,j} = I_{i-1,j-1}``, ``\bar{x} = m \odot x``.  The names readers take a decorated letter for its plain
one (``x'`` for the directive's ``x=input``), so under such a row a claim that writes the plain letter (``∂L/∂x_j``,
``δ_i x_j``) would be checked as if the layer read ``x`` itself: it is left unchecked, naming the row.

>>> page = "# Dropout\n\n$$x'_j = \\frac{r_j x_j}{0.5}$$\n\n$$z_i = \\sum_j W_{ij} x'_j + b_i$$\n\n$$\\frac{\\partial L}{\\partial x_j} = \\sum_i \\delta_i W_{ij}$$\n"
>>> copied_letter(page, 9, r"\frac{\partial L}{\partial x_j} = \sum_i \delta_i W_{ij}")[:39]
"x'_j = \\frac{r_j x_j}{0.5} makes a copy"
>>> copied_letter(page, 9, r"\frac{\partial L}{\partial W_{ij}} = \delta_i x'_j") is None
True
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .doc_headings import heading_lines

_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)
_WORD_LABEL = r"\^\s*\{\s*(?:\\(?:mathrm|text|rm|operatorname)\s*\{\s*)?[A-Za-z]{2,}\s*\}?\s*\}"   # I^{\mathrm{pad}}
_DIRECTIVE = re.compile(r"^\s*<!--\s*symbp:", re.M)


def _decorated(letter: str) -> str:
    """A pattern for ``letter`` decorated: ``x'``, ``x^\\prime``, ``\\tilde{x}``, ``\\bar x``, ``\\hat{x}``, …"""
    return (r"(?:\\(?:tilde|widetilde|bar|overline|hat|widehat|check|breve|dot)\s*\{?\s*" + letter + r"\s*\}?(?![A-Za-z])"
            r"|(?<![\\A-Za-z])" + letter + r"\s*(?:'+|\^\s*\{?\s*\\prime\s*\}?|" + _WORD_LABEL + "))")


def _copy_rows(display: str):
    """(row, letter) for each row of ``display`` that defines a decorated letter from the plain one."""
    for row in re.split(r"\\\\", display):
        m = re.match(r"\s*&?\s*(\\[A-Za-z]+\s*\{?\s*([A-Za-z])\s*\}?|([A-Za-z])\s*(?:'+|\^\s*\{?\s*\\prime\s*\}?|"
                     + _WORD_LABEL + r"))\s*"
                     r"(?:_\s*(?:\{[^{}]*\}|\w))?\s*&?\s*(?:=|:=|\\coloneqq)(.*)", row, re.S)
        if m is None:
            continue
        letter = m.group(2) or m.group(3)
        if m.group(2) and not re.match(_decorated(letter), m.group(1)):
            continue                                   # \sigma{…}: no decoration
        rest = re.sub(_decorated(letter), " ", m.group(4))
        if re.search(r"\\(?:partial|nabla)(?![A-Za-z])|\\frac\s*\{\s*d", rest):
            continue                                   # x'' = [∂L/∂x_{11} …]: a gradient written out, no copy
        if re.search(r"(?<![\\A-Za-z])" + letter + r"(?![A-Za-z])", rest):
            yield row.strip(), letter


def _read_by_forward(rows: list, copy: str, letter: str) -> bool:
    """Whether a row other than ``copy`` defines something (no derivative on its left) from the decorated letter:
    the layer's forward reads the copy (a kernel rotated only for a claim is no copy the layer reads)."""
    for row in rows:
        sides = re.split(r"(?<![<>!\\:])=", row, maxsplit=1)
        if row.strip() != copy and len(sides) == 2 and not re.search(r"\\(?:partial|nabla|delta)|\\frac\s*\{\s*d", sides[0]) \
                and re.search(_decorated(letter), sides[1]):
            return True
    return False


@lru_cache(maxsize=8)
def _layout(text: str) -> tuple:
    """(the 1-based lines of the page's headings (:func:`symbp.check.doc_headings.heading_lines`) and directives,
    [(line, body)] of its displays), once a page."""
    def line(at: int) -> int:
        return bisect_right(breaks, at) + 1
    breaks = [m.start() for m in re.finditer("\n", text)]
    return (sorted({*heading_lines(text), *(line(m.start()) for m in _DIRECTIVE.finditer(text))}),
            [(line(m.start()), m.group(1) or m.group(2) or "") for m in _DISPLAY.finditer(text)])


def copied_letter(text: str, line: int | None, latex: str) -> str | None:
    """Why the claim ``latex`` (in the display at ``line``, 1-based) is not read: a row under the same heading
    (or directive) defines a decorated copy of a letter the claim writes plain; None where there is none."""
    if not line:
        return None
    starts, displays = _layout(text)
    part = max([s for s in starts if s <= line], default=0)
    end = min([s for s in starts if s > line], default=10 ** 9)
    here = [body for at, body in displays if part <= at < end]
    rows = [r for d in here for r in re.split(r"\\\\", d)]
    for display in here:
        for row, letter in _copy_rows(display):
            plain = re.sub(_decorated(letter), " ", latex)
            if row.replace(" ", "") != latex.replace(" ", "") and _read_by_forward(rows, row, letter) and re.search(
                    r"(?<![\\A-Za-z])" + letter + r"(?![A-Za-z])", plain):
                return (f"{row} makes a copy of {letter} that the layer reads; the names readers take the copy for "
                        f"{letter} itself, so a claim that writes {letter} is not read (write it in the copy's "
                        f"letter, or give the layer the copy as its input)")
    return None
