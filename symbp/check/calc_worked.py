r"""Worked examples over the scalar-layer reader's forward (:class:`symbp.check.calc_graph.CalcGraph`).

Tutorials work a small network through with numbers: the page gives the inputs, weights and
targets (``$w_1 = 0.15$``, "Data: x = 1.0, y = 0.5", a display ``i_1 = 0.05``) and then writes
``\frac{\partial E_{total}}{\partial w_5} = 0.74136507 \cdot 0.186815602 \cdot 0.593269992 =
0.082167041``.  Such a row states the gradient's value at the example: its number-only sides
are compared with the value of its left side there, computed exactly from the section's forward
with the page's values bound to the leaves (SymPy, 40 digits; never the page's rounded
intermediate numbers).

* A value is a decimal the page assigns to a name its forward does not define (a leaf), stated
  in the prose or inline math (``x = 1.5``) or as a display row of its own; the last one stated
  at or above the claim counts (each example restates its own data).
* A lone number written with d decimals agrees within 0.6 units of its last digit and is
  refuted from 1.75 units on (the tolerance of the project's truth scripts); between, the row
  is unchecked.  A side of arithmetic (``0.077 \cdot 0.244``) agrees where its interval, each
  written number rounded to its last digit, holds the value, and is refuted where even 1.75
  units each side do not.
* The row's other sides (``-(T_1 - out_{o1})``) are claims for every input: they go to the
  reader's identity check first; a row holds only if they hold and every number agrees.
* Only a scalar forward (no index letters) is evaluated, with the section's activation; a leaf
  with no value, or an activation the page leaves general, leaves the row to the other rules.
"""
from __future__ import annotations

import bisect
import functools
import re
from fractions import Fraction

import sympy as sp

from .calc_exact import CalcEvalError, Evaluator
from .calc_numbered import renamed
from .calc_parse import CalcParseError, parse_expression
from .calc_tree import free_letters
from .numeric_sides import written_value

_NAME = r"(?:\\[A-Za-z]+\s*\{\s*[A-Za-z]\s*\}|\\[A-Za-z]+|[A-Za-z]+)(?:_\{[A-Za-z0-9,]{1,8}\}|_[A-Za-z0-9])?"
_ASSIGN = re.compile(rf"({_NAME})\s*=\s*(-?\s*\d+\.\d+)(?!\s*(?:[-+*/^(\d.]|\\cdot|\\times|\\div))")
_BEFORE_OK = re.compile(r"(?:^|[$,;:({]|\\quad|\\qquad|\\\\|\\,|\\;|[A-Za-z\u0080-\uffff]\s)\s*$")
_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)
_HOLD, _REFUTE = Fraction(3, 5), Fraction(7, 4)
_SIGMOID = re.compile(r"sigmoid|logistic|Sigmoid|Logistic|сигмоид|シグモイド|S型")
_OTHER = re.compile(r"ReLU|relu|tanh|softplus|leaky", re.I)


def page_values(text: str) -> list:
    """(line, name as written, number as written) of each decimal the page assigns to a name:
    ``x = 1.5`` in the prose or inline math, ``w_1 = 0.15`` as its own row of a display (never
    the last side of a longer row: ``z_2 = 0.4 \\cdot 0.525 + 0.1 = 0.31`` states a result).

    >>> page_values("Data: x = 1.0, $w_1 = 0.3$, z = 2 x.\\n$$\\nb_2 = w_1 + 0.6 = 0.9\\n$$\\n")
    [(1, 'x', '1.0'), (1, 'w_1', '0.3')]
    """
    out, displays = [], list(_DISPLAY.finditer(text))
    starts, breaks = [d.start() for d in displays], [k for k, ch in enumerate(text) if ch == "\n"]
    for m in _ASSIGN.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if not _BEFORE_OK.search(before):
            continue
        k = bisect.bisect_left(starts, m.start()) - 1          # the display opened last before it
        display = displays[k] if k >= 0 and m.start() < displays[k].end() else None
        if display is not None:
            body = display.group(1) or display.group(2) or ""
            rows = [r for r in re.split(r"\\\\|\\quad|\\qquad|,", body)]
            if not any(re.fullmatch(r"\s*&?\s*" + re.escape(m.group(0)) + r"\s*[.;]?\s*", r) for r in rows):
                continue
        out.append((bisect.bisect_left(breaks, m.start()) + 1, m.group(1), re.sub(r"\s+", "", m.group(2))))
    for m in _MATRIX_PAIR.finditer(text):                   # W = [w_1 w_2; w_3 w_4] = [0.3 0.2; 0.2 0.3]
        at = bisect.bisect_left(breaks, m.start()) + 1
        out.extend((at, name, number) for name, number in _cell_pairs(m.group(2), m.group(4)))
    return sorted(out, key=lambda value: value[0])      # by line; within a line as written


_MATRIX_PAIR = re.compile(r"\\begin\{([pbBvV]?matrix)\}((?:(?!\\end).)*?)\\end\{\1\}\s*=\s*"
                          r"\\begin\{([pbBvV]?matrix)\}((?:(?!\\end).)*?)\\end\{\3\}", re.S)


def _cell_pairs(names: str, numbers: str) -> list:
    """[(name, number)] of two matrices written cell by cell with the same shape, one of
    names and one of numbers (``\\begin{pmatrix} x_1 & x_2 \\end{pmatrix} = \\begin{pmatrix}
    0.5 & 0.3 \\end{pmatrix}``); [] where the shapes differ or a cell is not a name / number."""
    cells = [[[c.strip() for c in row.split("&")] for row in re.split(r"\\\\", body) if row.strip()]
             for body in (names, numbers)]
    if [len(r) for r in cells[0]] != [len(r) for r in cells[1]]:
        return []
    pairs = [(a, b) for ra, rb in zip(*cells) for a, b in zip(ra, rb)]
    if not all(re.fullmatch(_NAME, a) and re.fullmatch(r"-?\d+(?:\.\d+)?", b) for a, b in pairs):
        return []
    return pairs


def example_values(raw: list, numbered: set, defined, line) -> dict:
    """{leaf name: (value, as written)} of the values ``raw`` (:func:`page_values`) states at
    or above ``line``, the last for each name; names the forward ``defined`` are not values."""
    out: dict = {}
    for at, name, number in raw:
        if line is not None and at > line:
            continue
        tree = _name_tree(name)
        if tree is None:
            continue
        tree = renamed(tree, numbered)
        if tree[0] == "ref" and not tree[2] and tree[1] not in defined:
            out[tree[1]] = (Fraction(number), number)
    return out


@functools.lru_cache(maxsize=4096)
def _name_tree(name: str):
    """A value's name as the reader's tree (None when it does not read)."""
    try:
        return parse_expression(name)
    except (CalcParseError, RecursionError):
        return None


def worked_row(graph, trees, sides, condition, row, judge):
    """(verdict, detail) for a row with number-only sides at the page's example values, else
    None (no number side, no values, a forward with indices, a leaf without a value)."""
    numbers = [k for k in range(1, len(sides)) if k < len(trees) and written_value(sides[k]) is not None]
    raw = getattr(graph, "_values", None)
    if raw and len(trees) == 2 and numbers and trees[0] and trees[0][0] == "ref" and trees[0][1] not in graph.defs:
        return "definition", f"a value of the page's worked example ({sides[0].strip()} = {sides[1].strip()})"
    if not numbers or not raw or trees[0] is None or any(free_letters(t) for t in trees if t is not None) \
            or any(letters for letters, _ in graph.defs.values()):
        return None
    values = example_values(raw, graph._numbered, graph.defs, getattr(graph, "line", None))
    found = _value_at(graph, trees[0], values, getattr(graph, "line", None))
    if found is None:
        return None
    true, used = found
    symbolic = [trees[0]] + [t for k, t in enumerate(trees[1:], start=1) if k not in numbers]
    identity = judge(graph, symbolic, condition, row) if len(symbolic) > 1 else ("holds", "")
    if identity[0] == "refuted":
        return identity
    given = ", ".join(f"{n} = {w}" for n, (_, w) in sorted(values.items()) if n in used) or "none needed"
    where = f"at the page's example values ({given}) the left side is {sp.N(true, 10)}"
    unsettled = None
    for k in numbers:
        verdict = _agrees(sides[k].strip(), true)
        if verdict == "refuted":
            return "refuted", f"{where}; side {k + 1}, {sides[k].strip()}, is not it to its last digit (1.75 units or more)"
        if verdict is None:
            unsettled = unsettled or f"side {k + 1}, {sides[k].strip()}, differs from it by between 0.6 and 1.75 units of its last digit: rounding or a slip, not decided"
    if unsettled:
        return "unchecked", f"{where}; {unsettled}"
    if identity[0] != "holds":
        return identity
    return "holds", f"{where}, and every number written agrees with it to its last digit; " + (
        identity[1] or "exact (the forward evaluated at those values)")


def _value_at(graph, tree, values, line):
    """(the exact value of ``tree`` at the example, a SymPy number; the names whose values it
    used), or None."""
    sigma, named = graph.sigma, graph.named_sigma
    if named == "general" and _local_sigmoid(graph, values, line):
        sigma = named = "sigmoid"                 # "all activations sigmoids" said with the data
    try:
        ev = Evaluator(graph.defs, 1, None, sigma, named, getattr(graph, "base", 1))
        expr = ev.expand(ev.value(tree, {}))
    except (CalcEvalError, ArithmeticError, TypeError, ValueError, RecursionError):
        return None
    subs = {s: sp.Rational(values[s.name][0].numerator, values[s.name][0].denominator)
            for s in expr.free_symbols if s.name in values}
    value = expr.xreplace(subs)
    if value.free_symbols or value.atoms(sp.core.function.AppliedUndef):
        return None
    return sp.N(value, 40), {s.name for s in subs}


def _local_sigmoid(graph, values, line) -> bool:
    """Whether the page's text from the first value used to the claim says sigmoid and names no
    other activation (the example's own words, not another section's)."""
    text, raw = getattr(graph, "_text", ""), getattr(graph, "_values", [])
    first = min((at for at, name, _ in raw if line is None or at <= line), default=None)
    if first is None or line is None:
        return False
    lines = text.split("\n")[max(0, first - 3):line]
    words = "\n".join(lines)
    return bool(_SIGMOID.search(words)) and not _OTHER.search(words)


def _agrees(side: str, true) -> str | None:
    """"holds", "refuted" or None (between) for a number-only side against the exact value."""
    exact = Fraction(str(sp.N(true, 40)))
    lone = written_value(side)
    if len(lone) == 3:
        unit = lone[2] if lone[2] is not None else Fraction(1)
        units = abs(exact - lone[0]) / unit
        return "holds" if units <= _HOLD else "refuted" if units >= _REFUTE else None
    if lone[0] <= exact <= lone[1]:
        return "holds"
    wide = written_value(side, _REFUTE)
    return "refuted" if not wide[0] <= exact <= wide[1] else None


__all__ = ["example_values", "page_values", "worked_row"]
