r"""Matrices written with dots, as textbooks write a layer's Jacobian or gradient:

.. code-block:: latex

    \begin{bmatrix} w_{1,1} & w_{1,2} & \ldots & w_{1,n} \\ \vdots & \vdots & \ddots & \vdots \\
                    w_{m,1} & w_{m,2} & \ldots & w_{m,n} \end{bmatrix}
    \qquad
    \begin{bmatrix} \frac{\partial L}{\partial x_1} \\ \vdots \\ \frac{\partial L}{\partial x_n} \end{bmatrix}

The written cells must follow one pattern: one entry (the template) in which one number counts
the rows and one counts the columns, ``1, 2, …`` down the first rows and across the first columns
and one letter (``m``, ``n``) in the last row and column (or nothing after the dots: to the axis's
end), every other token the same in every cell.  A row of ``\vdots`` / ``\ddots`` stands for the rows left out, a ``\ldots`` / ``\cdots`` /
``\dots`` cell for the columns left out.  Anything else (a diagonal matrix, a cell whose pattern
differs, a matrix that ends in dots) is no pattern: the claim stays unchecked with the reason.

The matrix runs over the whole axis its counting index indexes (the letter is that axis's last
entry, as the author means it); where that axis starts elsewhere than the first written number,
or two tensors give the axis different lengths, it is not read.  :func:`expand` writes the matrix
out at a sized section's lengths (:class:`symbp.check.doc_names.DocContext`), an ordinary matrix
of entries that the evaluator and the second witness then each evaluate.

>>> from symbp.check.index_claims import parse
>>> tree = parse(r"\begin{bmatrix} x_1 & x_2 & \cdots & x_n \end{bmatrix}", {"x"}, {"L"})
>>> tree.kind, tree.args[1], tree.args[2][1:]
('dotted_matrix', None, (1, 'n'))
"""
from __future__ import annotations

import dataclasses

from .index_tree import Grad, IndexError_, Jac, Op, Ref, Sum

ROW_DOTS = {r"\vdots", r"\ddots"}
COLUMN_DOTS = {r"\ldots", r"\cdots", r"\dots"}
DOTS = ROW_DOTS | COLUMN_DOTS
MAX_CELLS = 400                    # entries of a matrix written out at a section's sizes
NO_PATTERN = ("a matrix written with dots whose cells follow no pattern of one row number and one "
              "column number (1, 2, …, then the last one as a letter): write its entry in index notation")


def read_matrix(rows: list, parse_cell, avoid: set):
    """The matrix whose cells are ``rows`` (lists of token lists): ``Op("matrix")`` of the parsed
    cells, or, where a cell is dots, ``Op("dotted_matrix", (template, row axis, column axis))``;
    an axis is None (one row or column) or (index letter, first number, last: a letter or a count).
    ``avoid``: names the index letters of the template must not take (the section's tensors)."""
    if not any(t in DOTS for row in rows for cell in row for t in cell):
        parsed = [[parse_cell(cell) for cell in row] for row in rows]
        if not parsed or any(len(r) != len(parsed[0]) for r in parsed):
            raise IndexError_("a matrix with rows of different lengths")
        return Op("matrix", tuple(tuple(r) for r in parsed))
    pattern = _pattern([[_digits_apart(cell) for cell in row] for row in rows], avoid)
    if pattern is None:
        raise IndexError_(NO_PATTERN)
    template, row_axis, column_axis = pattern
    return Op("dotted_matrix", (parse_cell(template), row_axis, column_axis))


def _digits_apart(cell: list) -> list:
    """``w_{11}``'s one token ``11`` as the two indices it is (``1``, ``1``), as beside ``w_{1Q}``."""
    out = []
    for k, t in enumerate(cell):
        whole = k >= 2 and cell[k - 2:k] == ["_", "{"] and cell[k + 1:k + 2] == ["}"]
        out += list(t) if whole and t.isdigit() and len(t) == 2 else [t]
    return out


def _dots(cell) -> bool:
    return bool(cell) and all(t in DOTS for t in cell)


def _coordinates(count: int, skip: int | None):
    """Each written position's place: ("lo", k) the k-th from the start, ("hi", 0) the last;
    None where more than one is written after the dots (a pattern this reader does not take)."""
    if skip is None:
        return [("lo", k) for k in range(count)]
    after = count - skip
    if after > 1:
        return None
    return [("lo", k) for k in range(skip)] + [("hi", 0)] * after


def _pattern(rows, avoid):
    skips = [k for k, row in enumerate(rows) if all(not c or _dots(c) for c in row) and any(_dots(c) for c in row)]
    if len(skips) > 1 or any(not c or (_dots(c) and not set(c) <= COLUMN_DOTS) for k, row in enumerate(rows)
                             if k not in skips for c in row):
        return None
    written = [row for k, row in enumerate(rows) if k not in skips]
    row_places = _coordinates(len(written), skips[0] if skips else None)
    column_skip = {tuple(k for k, c in enumerate(row) if _dots(c)) for row in written}
    if row_places is None or len(column_skip) != 1 or len(next(iter(column_skip))) > 1 or \
            len({len(row) for row in written}) != 1:
        return None
    cut = next(iter(column_skip))
    cells = [[c for k, c in enumerate(row) if k not in cut] for row in written]
    column_places = _coordinates(len(cells[0]), cut[0] if cut else None)
    if column_places is None or not cells[0]:
        return None
    template = cells[0][0]
    if any(len(c) != len(template) for row in cells for c in row):
        return None
    row_at = _moving(template, [row[0] for row in cells[1:]])
    column_at = _moving(template, cells[0][1:])
    if row_at is None or column_at is None or row_at & column_at or (skips and not row_at) or (cut and not column_at):
        return None
    row_axis = _axis(cells, row_places, row_at, bool(skips))
    column_axis = _axis([list(col) for col in zip(*cells)], column_places, column_at, bool(cut))
    if row_axis is False or column_axis is False:
        return None
    for r, row in enumerate(cells):            # every cell: the template but at the two positions
        for c, cell in enumerate(row):
            if any(t != template[k] for k, t in enumerate(cell) if k not in row_at | column_at):
                return None
    free = [v for v in "rcpqstuvgh" if v not in avoid and all(v not in cell for row in rows for cell in row)]
    out = list(template)
    axes = []
    for at, axis in ((row_at, row_axis), (column_at, column_axis)):
        if axis is None:
            axes.append(None)
            continue
        letter = free.pop(0)
        for k in at:
            out[k] = letter
        axes.append((letter,) + axis)
    return out, axes[0], axes[1]


def _moving(template, others):
    """The token positions where the cells along an axis differ from the template (the one index
    written at each, ``\\partial y_1 … w_{1,1}``): empty when there are no others (one row or one
    column), None when none differ."""
    if not others:
        return frozenset()
    at = frozenset(k for cell in others for k, t in enumerate(cell) if t != template[k])
    return at or None


def _axis(lines, places, at, dotted: bool):
    """(first number, last: a letter or a count) of the axis whose cells ``lines`` (each line the
    cells at one place along it) count at token ``at``; None for one place; False for no pattern."""
    if not at:
        return None if len(lines) == 1 else False
    first = lines[0][0][min(at)]
    if not first.isdigit():
        return False
    first = int(first)
    last = None
    for (kind, k), line in zip(places, lines):
        tokens = {cell[p] for cell in line for p in at}
        if len(tokens) != 1:
            return False
        tok = tokens.pop()
        if kind == "lo" and tok != str(first + k):
            return False
        if kind == "hi":
            if tok.isdigit() or not (tok.isalpha() or tok.startswith("\\")):
                return False
            last = tok
    open_end = len(places) == len(lines) and places[-1][0] == "lo" and dotted      # a_1 a_2 ⋯: to the axis's end
    return first, (last if last is not None else "" if open_end else len(lines))


def expand(node: Op, ctx) -> Op:
    """The dotted matrix ``node`` written out at ``ctx``'s sizes: ``Op("matrix")`` of its cells."""
    template, row_axis, column_axis = node.args
    ranges = [_range(template, axis, ctx) for axis in (row_axis, column_axis)]
    if len(ranges[0]) * len(ranges[1]) > MAX_CELLS:
        raise IndexError_(f"a matrix written with dots of {len(ranges[0])}x{len(ranges[1])} entries here")
    letters = [axis[0] if axis else None for axis in (row_axis, column_axis)]
    return Op("matrix", tuple(tuple(_put(template, {letters[0]: r, letters[1]: c})
                                    for c in ranges[1]) for r in ranges[0]))


def _range(template, axis, ctx):
    if axis is None:
        return [None]
    letter, first, last = axis
    if isinstance(last, int):
        return list(range(first, first + last))
    spans = {ctx.axis_bounds(ref.name, ref.label, k, len(ref.idx)) for ref in _refs(template) if ref.idx
             for k, e in enumerate(ref.idx) if e == Ref(letter, None, None)}
    spans.discard(None)
    if len(spans) != 1:
        what = f"the matrix's {last}" if last else "the matrix's rows or columns after the dots"
        raise IndexError_(f"{what}: the length of no one axis here" if not spans else
                          f"{what}: the length of two axes of different lengths")
    start, size = spans.pop()
    if start != first:
        raise IndexError_(f"the matrix counts from {first} where its entries count from {start}")
    bound = getattr(ctx, "symbols", {}).get(last) if last else None
    if bound is not None and str(bound).lstrip("-").isdigit() and int(bound) != start + size - 1:
        raise IndexError_(f"the matrix ends at {last} = {bound}, its axis at {start + size - 1}")
    return list(range(start, start + size))


def _refs(node):
    if isinstance(node, Ref):
        yield node
        for e in node.idx or ():
            yield from _refs(e)
    elif isinstance(node, Grad):
        yield from _refs(node.ref)
    elif isinstance(node, Jac):
        yield from _refs(node.top)
        yield from _refs(node.bottom)
    elif isinstance(node, Sum):
        yield from _refs(node.body)
    elif isinstance(node, Op):
        for a in node.args:
            yield from _refs(a)
    elif isinstance(node, tuple):
        for a in node:
            yield from _refs(a)


def _put(node, values: dict):
    """``node`` with each counting letter in ``values`` replaced by its number."""
    if isinstance(node, Ref) and node.idx is None and node.name in values and values[node.name] is not None:
        return values[node.name]
    if isinstance(node, tuple):
        return tuple(_put(a, values) for a in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return dataclasses.replace(node, **{f.name: _put(getattr(node, f.name), values)
                                            for f in dataclasses.fields(node)})
    return node


__all__ = ["MAX_CELLS", "NO_PATTERN", "expand", "read_matrix"]
