r"""A fully connected forward written out in full with numbered entries, read by
:func:`symbp.check.fc_infer.read_fc_forward`: which letter is the weight, the input and the
bias, and the weight's index order, read from the terms the document writes (never assumed).

Spellings read (entries counted from 1 or from 0; ``\cdot`` or juxtaposition; the factors in
either order; an optional bias on the row's own number):

* one output entry a row, ``y_1 = w_{11} x_1 + w_{12} x_2 + b_1`` (output-first, ``"oi"``,
  as torch.nn.Linear) or ``z_1 = x_1 w_{11} + x_2 w_{21} + b_1`` (input-first, ``"io"``);
  ``W_{1,2}`` with a comma alike;
* the output written as a column of such cells, ``z = \begin{bmatrix} w_{11} a_1 + w_{12} a_2
  \\ w_{21} a_1 + w_{22} a_2 \end{bmatrix}`` (``"oi"`` / ``"io"``), or as one row,
  ``Z = \begin{bmatrix} x_1 w_{11} + x_2 w_{21} & x_1 w_{12} + x_2 w_{22} \end{bmatrix}``
  (one sample as a row: ``Z = XW``, ``"rows"``, or ``"rows-oi"`` when the weight is indexed
  output-first).

A row decides the order only through a term whose weight's two numbers differ: the row's own
number at the first place is output-first, at the second input-first.  Every term must agree,
the inputs' numbers must differ, and at least two terms are needed (``w_{11} x_1`` alone fits
both orders): else nothing is read and the claims stay with what else the section says.

Example::

    >>> from symbp.check.index_claims import parse
    >>> numbered_terms(parse(r"w_{11} a_1 + w_{21} a_2 + b_1"), 1)
    ({'w': 'kernel', 'a': 'input', 'b': 'bias'}, 'io')
    >>> numbered_terms(parse(r"w_{11} a_1"), 1) is None
    True
"""
from __future__ import annotations

import re

from .doc_infer import KERNEL_LETTERS
from .equation_rows import split_rows
from .fc_forms import dense_terms
from .index_claims import Op, Ref

# a convolution operator between two tensors (X_i * K_{ij}, X \ast K, \circledast): no dense forward
CONVOLVED = re.compile(r"[}\w)]\s*(?:\*|\\ast(?![A-Za-z])|\\star(?![A-Za-z])|\\circledast|\\otimes)\s*[\\(A-Za-z]")
NUMBERED_ENTRY = re.compile(r"_\s*(?:\{\s*\d|\d)")          # an entry written with numbers: w_{12}, a_1
_DOTS = re.compile(r"\\(?:[vdc]?dots[bcmoi]?|ldots|iddots)(?![A-Za-z])|\.\.\.|…|⋮")   # rows left out
_ALIGNED = re.compile(r"\\(?:begin|end)\s*\{\s*(?:aligned|align|eqnarray|split|gathered)\*?\s*\}")


def number(index) -> int | None:
    """An index written as a number (an int or SymPy's Integer), as an int; None for a letter."""
    if isinstance(index, int) and not isinstance(index, bool):
        return index
    return int(index) if getattr(index, "is_Integer", False) else None


def _numbers(ref) -> tuple | None:
    idx = ref.idx if isinstance(ref, Ref) else None
    found = tuple(number(i) for i in idx) if idx else None
    return found if found and None not in found else None


def numbered_terms(body, out: int):
    """(roles, layout) of ``Σ_r w_{?} x_r (+ b_out)`` with every index a number and ``out`` the
    row's output number: ``"oi"`` where the weights read ``w_{out,r}``, ``"io"`` where
    ``w_{r,out}``; None when a term has another shape, the terms disagree or fewer than two
    inputs are written.

    Example::

        >>> from symbp.check.index_claims import parse
        >>> numbered_terms(parse(r"W_{1,1} x_1 + W_{1,2} x_2 + W_{1,3} x_3"), 1)
        ({'W': 'kernel', 'x': 'input'}, 'oi')
    """
    terms, roles, fits, inputs = dense_terms(body, number, out, labelled_bias=False), {}, {"oi", "io"}, set()
    if terms is None:
        return None
    for term in terms:
        if term[0] == "bias":
            if roles.get(term[1].name, "bias") != "bias":
                return None
            roles[term[1].name] = "bias"
            continue
        _, weight, x, _ = term
        (p, q), (r,) = _numbers(weight), _numbers(x)
        if r in inputs:
            return None                       # the same input twice: not a row of W x
        inputs.add(r)
        here = ({"oi"} if (p, q) == (out, r) else set()) | ({"io"} if (p, q) == (r, out) else set())
        fits &= here
        for name, role in ((weight.name, "kernel"), (x.name, "input")):
            if roles.get(name, role) != role:
                return None
            roles[name] = role
    if len(inputs) < 2 or len(fits) != 1:
        return None
    return roles, fits.pop()


def batch_numbered_terms(body, sample: int, out: int):
    """(roles, layout) of one sample's row written out, ``y_{12} = x_{11} w_{12} + x_{12} w_{22}
    + b_2`` (``"rows"``: X W) or ``x_{11} w_{21} + x_{12} w_{22} + b_2`` (``"rows-oi"``: X W^T):
    the input's entries carry the row's sample number first, the weight's the row's output
    number; None unless exactly one reading of the letters and one layout fits every term.

    Example::

        >>> from symbp.check.index_claims import parse
        >>> batch_numbered_terms(parse(r"x_{21} w_{11} + x_{22} w_{21} + b_1"), 2, 1)
        ({'x': 'input', 'w': 'kernel', 'b': 'bias'}, 'rows')
    """
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    bias, products = [], []
    for part in parts:
        if _numbers(part) == (out,) and part.label is None:
            bias.append(part.name)
        elif isinstance(part, Op) and part.kind == "mul" and len(part.args) == 2 and \
                all(_numbers(a) is not None and len(a.idx) == 2 for a in part.args) and \
                part.args[0].name != part.args[1].name:
            products.append(part.args)
        else:
            return None
    names = {frozenset(a.name for a in pair) for pair in products}
    if len(products) < 2 or len(names) != 1 or len(set(bias)) > 1:
        return None
    fits = []
    for x_name in sorted(next(iter(names)) - set(KERNEL_LETTERS)):      # w, W, K, Θ: never the input
        layouts, inputs = {"rows", "rows-oi"}, set()
        for pair in products:
            x = next(a for a in pair if a.name == x_name)
            w = next(a for a in pair if a.name != x_name)
            (xs, r), wi = _numbers(x), _numbers(w)
            if xs != sample or r in inputs:
                layouts = set()
                break
            inputs.add(r)
            layouts &= ({"rows"} if wi == (r, out) else set()) | ({"rows-oi"} if wi == (out, r) else set())
        fits += [(x_name, w.name, layout) for layout in layouts]
    if len(fits) != 1 or set(bias) & {fits[0][0], fits[0][1]}:
        return None
    x_name, w_name, layout = fits[0]
    return {x_name: "input", w_name: "kernel", **{b: "bias" for b in bias}}, layout


def _cells(matrix) -> tuple | None:
    """(cells, as a row) of a matrix with one row or one column of two or more cells."""
    rows = matrix.args
    if len(rows) == 1 and len(rows[0]) >= 2:
        return tuple(rows[0]), True
    if len(rows) >= 2 and all(len(r) == 1 for r in rows):
        return tuple(r[0] for r in rows), False
    return None


def matrix_terms(matrix):
    r"""(roles, layout, sizes) of an output written as one row or one column of numbered
    rows (:func:`numbered_terms` for each cell, numbered from 1 or from 0 as its weights
    are); None when the cells do not read alike.  ``sizes``: what the cells write out in full,
    ``in`` (terms a cell), ``out`` (cells) and, for one row, ``batch`` 1 (one sample a row).

    Example::

        >>> from symbp.check.index_claims import parse
        >>> m = parse(r"\begin{bmatrix} x_1 w_{11} + x_2 w_{21} & x_1 w_{12} + x_2 w_{22} \end{bmatrix}")
        >>> matrix_terms(m)
        ({'w': 'kernel', 'x': 'input'}, 'rows', {'in': '2', 'out': '2', 'batch': '1'})
    """
    bias = None
    if isinstance(matrix, Op) and matrix.kind == "add" and len(matrix.args) == 2:   # [cells] + b
        whole = [a for a in matrix.args if isinstance(a, Ref) and a.idx is None and a.label is None]
        cells = [a for a in matrix.args if isinstance(a, Op) and a.kind == "matrix"]
        if len(whole) != 1 or len(cells) != 1:
            return None
        bias, matrix = whole[0].name, cells[0]
    if not (isinstance(matrix, Op) and matrix.kind == "matrix"):
        return None
    found = _cells(matrix)
    if found is None:
        return _batch_matrix_terms(matrix, bias)
    cells, as_row = found
    readings = []
    for base in (1, 0):
        each = [numbered_terms(cell, k + base) for k, cell in enumerate(cells)]
        if all(e is not None for e in each) and all(e == each[0] for e in each):
            readings.append(each[0])
    if len(readings) != 1:
        return None
    roles, layout = readings[0]
    if bias is not None:
        if roles.get(bias, "bias") != "bias":
            return None
        roles = {**roles, bias: "bias"}
    terms = {sum(isinstance(p, Op) for p in (c.args if isinstance(c, Op) and c.kind == "add" else (c,)))
             for c in cells}
    sizes = {"in": str(terms.pop()), "out": str(len(cells))} if len(terms) == 1 else {}
    if as_row:
        layout = "rows" if layout == "io" else "rows-oi"      # x W (one sample a row), or x W^T
        sizes["batch"] = "1"
    return roles, layout, sizes


def _batch_matrix_terms(matrix, bias):
    r"""(roles, layout, sizes) of an output written as a matrix of two or more rows (samples) and two
    or more columns (outputs), each cell one sample's row of :func:`batch_numbered_terms`
    (``x_{1,1} w_{1,2} + x_{1,2} w_{2,2}`` in row 1, column 2: X W), numbered from 1 or from 0; None
    when a cell reads otherwise or the cells disagree.  ``sizes``: ``in`` (terms a cell), ``out``
    (columns), ``batch`` (rows)."""
    rows = matrix.args
    if len(rows) < 2 or len(rows[0]) < 2 or any(len(r) != len(rows[0]) for r in rows) or bias is not None:
        return None
    readings = []
    for base in (1, 0):
        each = [batch_numbered_terms(cell, k + base, j + base) for k, row in enumerate(rows) for j, cell in enumerate(row)]
        if all(e is not None for e in each) and all(e == each[0] for e in each):
            readings.append(each[0])
    if len(readings) != 1 or any(r == "bias" for r in readings[0][0].values()):
        return None
    terms = {len(c.args) if isinstance(c, Op) and c.kind == "add" else 1 for row in rows for c in row}
    if len(terms) != 1:
        return None
    return readings[0][0], readings[0][1], {"in": str(terms.pop()), "out": str(len(rows[0])), "batch": str(len(rows))}


def cells_sizes(readings: list, roles: dict, layout: str) -> dict:
    """The sizes of the first of ``readings`` (each :func:`symbp.check.fc_infer.written_out` of a later
    side of a forward's chain, ``Y = XW = [x_{1,1} w_{1,1} + … & …]``, or None) that writes the output
    out cell by cell for the same weight and input letters (either case) in the same layout; {} when
    none does."""
    def letters(found):
        return {(n.lower(), r) for n, r in found.items() if r in ("kernel", "input")}
    for cells in readings:
        if cells is not None and len(cells) == 3 and cells[2] and cells[1] == layout and letters(cells[0]) == letters(roles):
            return dict(cells[2])
    return {}


def written_row_order(latex: str) -> str | None:
    r"""The weight's order (``"oi"``, ``"io"``, ``"rows"``, ``"rows-oi"``) of one equation that
    writes a dense forward out with numbered entries (``z_1 = a_1 w_{11} + a_2 w_{21} + b_1``, or
    the output's cells in a matrix), or None for any other equation.  ``symbp check``'s founding
    reader indexes the weight output-first: a row written the other way is the document's
    forward, not a claim against that order (:func:`symbp.check.core_scope.core_declines`).

    Example::

        >>> written_row_order(r"z_1 = a_1 w_{11} + a_2 w_{21} + b_1")
        'io'
        >>> written_row_order(r"z_1 = w_{11} a_1 + w_{12} a_2")
        'oi'
        >>> written_row_order(r"\frac{\partial L}{\partial w_{12}} = \delta_2 a_1") is None
        True
    """
    from .index_claims import IndexError_, parse
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
        if len(sides) != 2:
            return None
        lhs, rhs = parse(sides[0]), parse(sides[1])
    except (IndexError_, LatexAtomError, RecursionError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(lhs, Ref):
        return None
    if lhs.idx is None:
        found = matrix_terms(rhs)
    elif len(lhs.idx) == 1 and number(lhs.idx[0]) is not None:
        found = numbered_terms(rhs, number(lhs.idx[0]))
    elif len(lhs.idx) == 2 and None not in (numbers := _numbers(lhs) or (None,)):
        found = batch_numbered_terms(rhs, *numbers)
    else:
        return None
    if found is None or lhs.name in found[0]:
        return None
    return found[1]


def rows_sizes(rows: list) -> dict:
    """The sizes a section's numbered rows write (``rows``: ``{"row": (sample or None, output),
    "terms": inputs}`` of each): ``in`` the terms a row (every row the same), ``out`` the
    largest output number, ``batch`` the largest sample number (rows of a batch); {} where the
    rows disagree, count from 0, leave a row out, or are fewer than two (one row says nothing of
    the others).

    Example::

        >>> rows_sizes([{"row": (None, 1), "terms": 3}, {"row": (None, 2), "terms": 3}])
        {'in': '3', 'out': '2'}
        >>> rows_sizes([{"row": (s, o), "terms": 2} for s in (1, 2) for o in (1, 2)])
        {'in': '2', 'out': '2', 'batch': '2'}
        >>> rows_sizes([{"row": (1, 1), "terms": 2}, {"row": (2, 2), "terms": 2}])   # y_{12}, y_{21} not written
        {}
    """
    if len(rows) < 2 or len({r["terms"] for r in rows}) != 1:
        return {}
    samples = {r["row"][0] for r in rows}
    outs = {r["row"][1] for r in rows}
    if 0 in outs | samples or (None in samples and len(samples) > 1):
        return {}
    grid = {(s, o) for s in samples for o in range(1, max(outs) + 1)} if None in samples else \
        {(s, o) for s in range(1, max(samples) + 1) for o in range(1, max(outs) + 1)}
    if {r["row"] for r in rows} != grid:
        return {}                            # z_1 and z_3 only: the rows between are not written
    sizes = {"in": str(rows[0]["terms"]), "out": str(max(outs))}
    if None not in samples:
        sizes["batch"] = str(max(samples))
    return sizes


def written_sizes(displays: list, found, read_fc_forward) -> dict:
    r"""The sizes (``in``, ``out``, ``batch``) that a forward of the section writes out cell by cell
    (:func:`matrix_terms`, or numbered rows: :func:`rows_sizes`) for the section's own layer
    (``found``: its :class:`symbp.check.fc_infer.FcForward`; the same weight and input letters,
    either case, and the same layout); {} when none does or two disagree.  ``read_fc_forward``:
    :func:`symbp.check.fc_infer.read_fc_forward`.

    Example::

        >>> from symbp.check.fc_infer import read_fc_forward
        >>> f = read_fc_forward(r"Z = X W")
        >>> written_sizes([r"Z = X W", r"Z = \begin{bmatrix} x_1 w_{11} + x_2 w_{21} & x_1 w_{12} + x_2 w_{22} \end{bmatrix}"], f, read_fc_forward)
        {'in': '2', 'out': '2', 'batch': '1'}
    """
    def letters(roles):
        return {(n.lower(), r) for n, r in roles.items() if r in ("kernel", "input")}
    seen, rows = [], []
    for latex in (row.replace("&=", "=") for d in displays for row in split_rows(_ALIGNED.sub(" ", d))):
        one = read_fc_forward(latex)
        if one is None or not one.sizes or one.layout != found.layout or letters(one.roles) != letters(found.roles):
            continue
        (rows if "row" in one.sizes else seen).append(one.sizes)
    if seen:
        return seen[0] if all(s == seen[0] for s in seen) else {}
    if any(_DOTS.search(d) for d in displays):
        return {}                            # z_1, z_2, \vdots, z_n: the rows written are not all
    return rows_sizes(rows)


def written_rows(displays: list, read_fc_forward) -> bool:
    """Whether the section writes its dense forward as numbered rows (``z_1 = w_{11} a_1 + …``).

    Example::

        >>> from symbp.check.fc_infer import read_fc_forward
        >>> written_rows([r"z_1 = w_{11} a_1 + w_{12} a_2"], read_fc_forward)
        True
    """
    return any("row" in (getattr(read_fc_forward(row.replace("&=", "=")), "sizes", None) or {})
               for d in displays for row in split_rows(_ALIGNED.sub(" ", d)))
