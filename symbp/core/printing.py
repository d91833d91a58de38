"""Printing closed forms and entries for people: LaTeX and one-line text.

Core printing, below every layer, claim and report: ``to_latex(Pad(DELTA, 1, 1, 1, 1))`` is
``\\operatorname{pad}_{1}\\left(\\delta\\right)`` and ``to_text`` of it is ``pad_1(δ)``.
"""
from __future__ import annotations

import sympy as sp

from .regions import INDICATORS
from .tensor import latex_names, shape_text, text


def to_latex(expr: sp.Basic) -> str:
    """LaTeX of a closed form or entry, region indicators printed readably."""
    names = latex_names(expr)
    names.update({s: INDICATORS[s].latex for s in expr.free_symbols if s in INDICATORS})
    return sp.latex(expr, symbol_names=names)


def to_text(expr: sp.Basic) -> str:
    """One-line plain text of a closed form (δ, σ and ⊙ as symbols)."""
    return text(sp.sstr(expr))


def shorten(latex: str, width: int = 60) -> str:
    """One line of at most ``width`` characters."""
    s = " ".join(latex.split())
    return s if len(s) <= width else s[:width - 3] + "..."


def channel_parts(channels: tuple[int, int], groups: int, batch: int) -> list[str]:
    """The end of a convolution's ``describe()``: what differs from one channel, one group,
    one image.  ``channel_parts((2, 4), 2, 1)`` is ``["channels 2->4", "groups 2"]``."""
    parts = []
    if tuple(channels) != (1, 1):
        parts.append(f"channels {channels[0]}->{channels[1]}")
    if groups != 1:
        parts.append(f"groups {groups}")
    if batch != 1:
        parts.append(f"batch {batch}")
    return parts


def count_text(count: int, noun: str) -> str:
    """``count_text(1, "entry")`` is ``"1 entry"``, ``count_text(3, "entry")`` ``"3 entries"``."""
    return f"{count} {noun if count == 1 else noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def shape_tex(shape) -> str:
    r"""A shape in LaTeX: ``shape_tex((1, 1, 3, 2))`` is ``"3 \times 2"``."""
    return shape_text(shape).replace("x", r" \times ")
