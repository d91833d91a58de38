r"""A worked example's given numbers in the index reader: ``X = [numbers]``, ``\frac{\partial L}{\partial Y} = [numbers]``.

A page that works an example under ``names:`` gives the input and the upstream gradient as matrices
of numbers and then states the output and ∂L/∂X as numbers.  The index reader's tensors are symbols
(``x_0000``, ``g_0000``), so read as claims the given values were refuted ("derived x_0000, claimed
1") and so were the correct results computed from them (rt5 R5).  :func:`given_value` recognises a
given value: the left side a bare tensor the section names as its input, kernel or bias, or the loss's
derivative by its output; the right side a matrix whose every entry is a plain number.  The names
reader reports it a definition and marks the section (``settings["given_values"]``, the dict its
contexts share); :func:`example_number` then says a later claim's number stands where the derived
entry still depends on the layer's symbols: the index reader leaves it unchecked, it does not bind
the numbers (a number claimed where the derivation gives one is still compared).

Example::

    >>> _numbers(r"\begin{bmatrix} 1 & -2.5 \\ 3 & 0 \end{bmatrix}")
    True
    >>> _numbers(r"\begin{bmatrix} 1 & a \end{bmatrix}")
    False
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

_MATRIX = re.compile(r"^\s*\\begin\s*\{([bpvBV]?matrix)\}(.*)\\end\s*\{\1\}\s*[.,;]?\s*$", re.S)
_NUMBER = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")
_BARE = re.compile(r"^\s*(\\?[A-Za-z]+)\s*$")
_DERIVATIVE = re.compile(r"^\s*(?:\\[dt]?frac\s*\{\s*\\partial\s*(\\?[A-Za-z]+)\s*\}\s*\{\s*\\partial\s*(\\?[A-Za-z]+)\s*\}|"
                         r"\\partial\s*(\\?[A-Za-z]+)\s*/\s*\\partial\s*(\\?[A-Za-z]+))\s*$")
GIVEN_ROLES = ("input", "kernel", "bias")


def _numbers(rhs: str) -> bool:
    """Whether ``rhs`` is a matrix of plain numbers."""
    m = _MATRIX.match(rhs)
    if not m:
        return False
    cells = [c for row in re.split(r"\\\\", m.group(2)) for c in row.split("&")]
    cells = [c for c in cells if c.strip()]
    return bool(cells) and all(_NUMBER.fullmatch(c) for c in cells)


def _role(ctx, name: str):
    try:
        return ctx.role(name, None)
    except Exception:       # a letter the section does not name: no given value
        return None


def given_value(latex: str, ctx) -> str | None:
    """The tensor whose values ``latex`` gives (its written name), or None."""
    if ctx is None or latex.count("=") != 1:
        return None
    lhs, rhs = latex.split("=")
    if not _numbers(rhs):
        return None
    if (m := _BARE.match(lhs)) and _role(ctx, m.group(1)) in GIVEN_ROLES:
        return m.group(1)
    if (m := _DERIVATIVE.match(lhs)):
        top, bottom = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if _role(ctx, bottom) == "output" and (_role(ctx, top) == "loss" or top not in ctx.roles):
            return lhs.strip()
    return None


def mark(settings: dict, ctx, name: str) -> str:
    """Mark the section as a worked example (the settings its contexts share); the verdict text."""
    settings["given_values"] = True
    ctx.settings["given_values"] = True
    return (f"the page gives the values of {name} (a worked example); the index reader does not bind them: "
            f"the numbers claimed from them are left unchecked")


def example_number(setup, derived, claimed) -> bool:
    """Whether ``claimed`` is a number where ``derived`` still depends on symbols, in a section
    whose page gave values (:func:`mark`)."""
    if not setup.settings.get("given_values"):
        return False
    number = sp.Integer(int(claimed)) if isinstance(claimed, (int, np.integer)) else \
        sp.Float(float(claimed)) if isinstance(claimed, (float, np.floating)) else claimed
    return isinstance(number, sp.Expr) and number.is_number and bool(getattr(derived, "free_symbols", None))
