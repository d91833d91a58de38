r"""A small example written out entry by entry: rows that define numbered entries, and claims
about their derivatives.

Authors who explain a layer on a 2x2 or 3x3 example write each output entry as a polynomial of
numbered entries and then differentiate one entry by another (im2col and matrix-product pages
number a matrix's entries row by row with one index)::

    \begin{cases} c_1 = a_1b_1 + a_2b_3 \\ c_2 = a_1b_2 + a_2b_4 \end{cases}
    \frac{\partial C}{\partial A} = \begin{cases} \frac{\partial c_1}{\partial a_1} = b_1 \\
        \frac{\partial c_1}{\partial a_3} = 0 \\ ... \end{cases}
    y = xw = x_1w_1 + x_2w_2 + x_3w_3 \qquad \frac{\partial y}{\partial w_2} = x_2

The rows are the document's own definitions, read as they are written (the order of a weight's
indices is whatever the row writes: nothing is assumed); a claim ``∂c_1/∂a_1 = b_1`` is the
exact derivative of its defined entry, compared with ``expand(lhs - rhs) == 0``.  An entry
defined twice with different right sides is not read (which is meant is the document's).  A
cases list of such claims under ``∂C/∂A`` holds when every written row holds (rows of dots are
the elided rest, said so), and is refuted at the first row that does not.

Example::

    >>> s = WrittenScalars([r"\begin{cases} c_1 = a_1b_1 + a_2b_3 \\ c_2 = a_1b_2 + a_2b_4 \end{cases}"])
    >>> s.check(r"\frac{\partial c_1}{\partial a_2} = b_3").verdict
    'holds'
    >>> s.check(r"\frac{\partial c_2}{\partial a_2} = b_3").verdict
    'refuted'
"""
from __future__ import annotations

import re

import sympy as sp

from .doc_activation import Verdict
from .equation_rows import split_rows
from .index_claims import parse
from .index_tree import Grad, IndexError_, Jac, Op, Ref
from .latex_atoms import LatexAtomError, split_top_level
from .written_entries import numbered_entry, written_scalar

MAX_ROWS = 400                   # definition rows one section may give this reader
MAX_CHARS = 4000                 # a longer row is not a written-out example
_CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
_ELIDED = re.compile(r"^\s*(?:\.\.\.|\\[lc]?dots|\\vdots|\\ddots|…|⋮)\s*[,.;]?\s*$")
_AMBIGUOUS = object()


def _rows_of(latex: str) -> list[str]:
    """The equations of a display: its rows, and the rows of each cases block (``&`` dropped)."""
    out = []
    for row in split_rows(latex):
        inner = _CASES.findall(row)
        rest = _CASES.sub(" ", row)
        for block in inner:
            out.extend(r.replace("&", " ") for r in re.split(r"\\\\", block))
        out.append(rest)
    return out


def _name(ref: Ref) -> str:
    label = f"^{{{ref.label}}}" if ref.label else ""
    idx = "" if not ref.idx else "_{" + ",".join(str(i) for i in ref.idx) + "}"
    return f"{ref.name}{label}{idx}"


class WrittenScalars:
    """The numbered entries one section defines by written-out rows (entry -> SymPy polynomial)."""

    def __init__(self, displays=()):
        self.defined: dict = {}
        rows = [r for d in displays if len(d) <= 20 * MAX_CHARS for r in _rows_of(d)][:MAX_ROWS]
        for row in rows:
            self._define(row)

    def _define(self, row: str) -> None:
        if len(row) > MAX_CHARS or "=" not in row or "\\partial" in row:
            return
        try:
            sides = split_top_level(row, ("=",))
            trees = [parse(s) for s in sides]
        except (IndexError_, LatexAtomError, ValueError, RecursionError):
            return
        if len(trees) < 2 or not isinstance(trees[0], Ref):
            return
        lhs, rhs = trees[0], trees[-1]           # y = xw = x_1w_1 + …: the last side writes it out
        if lhs.idx and not numbered_entry(lhs):
            return
        if not written_scalar(rhs) or isinstance(rhs, Ref) or not _entries(rhs):
            return
        if any(e.name == lhs.name and e.label == lhs.label for e in _entries(rhs)):
            return                                # c_1 = c_2 + …: not a definition
        try:
            value = sp.expand(self.value(rhs))
        except (IndexError_, ValueError, TypeError):
            return
        key = _name(lhs)
        old = self.defined.get(key)
        self.defined[key] = value if old is None or old == value else _AMBIGUOUS

    def value(self, node):
        """The SymPy value of a written scalar: entries as symbols, ∂c_1/∂a_1 of a defined entry."""
        if isinstance(node, bool):
            raise IndexError_("not a number")
        if isinstance(node, (int, sp.Integer)):
            return sp.Integer(node)
        if isinstance(node, Ref):
            return sp.Symbol(_name(node))
        if isinstance(node, Jac):
            return sp.diff(self._defined(node.top), sp.Symbol(_name(node.bottom)))
        if isinstance(node, Op) and node.kind == "add":
            return sp.Add(*[self.value(a) for a in node.args])
        if isinstance(node, Op) and node.kind == "mul":
            return sp.Mul(*[self.value(a) for a in node.args])
        if isinstance(node, Op) and node.kind == "neg":
            return -self.value(node.args[0])
        if isinstance(node, Op) and node.kind == "div":
            den = self.value(node.args[1])
            if not den.is_number or den == 0:
                raise IndexError_("a division by other than a nonzero number")
            return self.value(node.args[0]) / den
        raise IndexError_("not a written-out scalar")

    def _defined(self, ref: Ref):
        found = self.defined.get(_name(ref))
        if found is None or found is _AMBIGUOUS:
            raise IndexError_(f"{_name(ref)} is not defined once by a written-out row")
        return found

    def check(self, latex: str) -> Verdict | None:
        """The verdict on ``∂c_1/∂a_1 = b_1`` (or a cases list of such rows under ``∂C/∂A``),
        or None when the claim is not about an entry these rows define (another reader's)."""
        if not self.defined or len(latex) > 20 * MAX_CHARS or "\\partial" not in latex:
            return None
        listed = _CASES.search(latex)
        if listed is not None:
            return self._listed(latex, listed)
        found = self._one(latex)
        return None if found is None else Verdict(*found)

    def _one(self, latex: str):
        """(verdict, detail) of one written-out derivative claim, or None (not this reader's)."""
        try:
            sides = split_top_level(latex, ("=",))
            trees = [parse(s, (), frozenset()) for s in sides]
        except (IndexError_, LatexAtomError, ValueError, RecursionError):
            return None
        if len(trees) != 2 or not isinstance(trees[0], Jac) or not numbered_entry(trees[0].bottom):
            return None
        top = trees[0].top
        if _name(top) not in self.defined or not written_scalar(trees[1]) or _has_grad(trees[1]):
            return None
        try:
            derived, claimed = self.value(trees[0]), self.value(trees[1])
        except IndexError_ as err:
            return "unchecked", str(err)
        where = f"the written-out row {_name(top)} = {sp.sstr(self._defined(top))}"
        if sp.expand(derived - claimed) == 0:
            return "holds", f"exact: {derived} from {where}"
        return "refuted", (f"∂{_name(top)}/∂{_name(trees[0].bottom)} is {derived} by {where}, "
                           f"the claim writes {claimed}")

    def _listed(self, latex: str, listed) -> Verdict | None:
        head = latex[:listed.start()].strip()
        if not head.endswith("=") or latex[listed.end():].strip():
            return None
        whole = _whole_jacobian(head[:-1])
        if whole is None:
            return None
        rows = [r.replace("&", " ") for r in re.split(r"\\\\", listed.group(1)) if r.strip()]
        written = [r for r in rows if not _ELIDED.match(r)]
        results = []
        for row in written:
            found = self._one(row)
            if found is None or not _row_of(row, whole):
                return None if not results else Verdict("unchecked", f"the row {row.strip()} is not read")
            if found[0] == "refuted":
                return Verdict("refuted", f"the row {row.strip()}: {found[1]}")
            if found[0] != "holds":
                return Verdict("unchecked", f"the row {row.strip()}: {found[1]}")
            results.append(found)
        if not results:
            return None
        elided = f"; {len(rows) - len(written)} row(s) of dots elide the rest (not checked)" * (len(rows) > len(written))
        return Verdict("holds", f"each of the {len(results)} written rows holds exactly, from the written-out "
                                f"rows that define them{elided}")


def _entries(node) -> list:
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, Op):
        return [e for a in node.args for e in _entries(a)]
    return []


def _has_grad(node) -> bool:
    if isinstance(node, Grad):
        return True
    return isinstance(node, Op) and any(_has_grad(a) for a in node.args)


def _whole_jacobian(latex: str):
    """(top, bottom) letters of ``\\frac{\\partial C}{\\partial A}`` between whole tensors."""
    try:
        tree = parse(latex, (), frozenset())      # C of ∂C/∂A is a matrix here, not the loss
    except (IndexError_, LatexAtomError, ValueError, RecursionError):
        return None
    if isinstance(tree, Jac) and not tree.top.idx and not tree.bottom.idx:
        return tree.top, tree.bottom
    return None


def _row_of(row: str, whole) -> bool:
    """Whether a listed row ``∂c_1/∂a_1 = …`` is an entry of the whole ``∂C/∂A`` above it."""
    jac = parse(split_top_level(row, ("=",))[0], (), frozenset())
    top, bottom = whole
    return jac.top.name.lower() == top.name.lower() and jac.bottom.name.lower() == bottom.name.lower() \
        and jac.top.label == top.label and jac.bottom.label == bottom.label
