r"""Claims written as vectors and matrices without indices (``\nabla_{\mathbf z} L = \hat{\mathbf y}
- \mathbf y``, ``\frac{\partial \mathbf a}{\partial \mathbf z} = \text{diag}(\mathbf a) - \mathbf a
\mathbf a^T``), for the scalar-layer reader (:mod:`symbp.check.calc_graph`).

A section's name defined with one index (``p_i = …``) or read with one (``y_i``) is a column
vector; ``\mathbf p``, ``\boldsymbol p``, ``\vec p`` are the same name. Each side is written
as its entries, with ζ the row letter and η the column letter, and checked entry by entry by
the same exact judge as index claims:

- ``v`` is v_ζ, ``v^T`` the row v_η, ``\text{diag}(v)`` δ_{ζη} v_ζ, ``\mathbf 1`` ones;
- products follow the shapes: column·row = outer product, row·column = Σ_κ, matrix·column,
  row·matrix, matrix·matrix; two columns (or two rows) side by side, ``\odot``, entrywise;
  exp / log / σ of a vector entrywise;
- ∂(scalar)/∂v is the column ∂/∂v_ζ; ∂u/∂v the Jacobian ∂u_ζ/∂v_η (rows: u). A claim that
  fails in that layout is tried in the transposed one (∂u_η/∂v_ζ), and holds if it holds
  there (the verdict says so); it is refuted only when it fails in both.

Shapes that do not fit (a column added to a row, a scalar equal to a vector) leave the claim
unchecked with the reason: what the author meant by them is not certain.

>>> from symbp.check.calc_parse import parse_expression
>>> shape, tree = entries(parse_expression(r"a a^T"), {"a"}, set())
>>> shape
'm'
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_tree import nodes, refs

_BOLD = re.compile(r"^(?:mathbf|boldsymbol|bold|bm|vec|mathbfit) ((?:hat |tilde |bar )?\w)(\^T)?$")
ROW, COL = "ζ", "η"


class NotVector(Exception):
    """The claim's shapes do not fit one reading; the message says why."""


def plain_names(tree, known: set, defined: set | None = None):
    """``tree`` with ``\\mathbf p`` (``mathbf p``) read as the section's ``p``, and ``\\sigma^2`` (one name,
    ``calc_stat_tokens``) as σ squared where the section defines σ and not σ²."""
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return tree
    if tree[0] == "ref" and tree[1] == "mathbf 1" and not tree[2]:
        return ("ones",)                                         # \mathbf{1}: a vector of ones
    if tree[0] == "ref":
        m = _BOLD.match(_unbold(tree[1]))
        if m and tree[1] not in known and m.group(1) in known:
            tree = ("ref", m.group(1) + (m.group(2) or ""), tree[2])
        if tree[1].endswith("^T") and tree[1][:-2] in known and not tree[2]:
            return ("transpose", ("ref", tree[1][:-2], ()))       # p^{T}: read as a tag before
        return squared_name(tree, known, defined)
    return tuple([tree[0]] + [[plain_names(p, known, defined) for p in part] if isinstance(part, list)
                              else plain_names(part, known, defined) for part in tree[1:]])


def squared_name(tree, known: set, defined: set | None = None):
    """``tree`` with each name ``\\sigma^2`` (one name, ``calc_stat_tokens``) read as σ squared where
    ``known`` holds σ and not σ² (σ = √(v + ε) defined, the variance another letter), and ``(\\sigma)^2``
    (``sigma²``) as σ squared where σ is known, else as the variance σ² where that is known; with ``defined``
    (the names a section defines), σ² is σ squared wherever it is not defined itself and σ is known (σ and σ²
    both written, neither defined: one leaf and its square, not two leaves)."""
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return tree
    if tree[0] == "ref":
        base = tree[1][:-1] if tree[1].endswith("²") else tree[1][:-2]
        if tree[1].endswith("²") and base not in known and base + "^2" in known:
            return ("ref", base + "^2", tree[2])
        if re.fullmatch(r"sigma(?:\^2|²)", tree[1]) and tree[1] not in (known if defined is None else defined) and base in known:
            return ("pow", ("ref", base, tree[2]), ("num", sp.Integer(2)))
        return tree
    return tuple([tree[0]] + [[squared_name(p, known, defined) for p in part] if isinstance(part, list)
                              else squared_name(part, known, defined) for part in tree[1:]])


def _unbold(name: str) -> str:
    """``hat \\mathbfy``, ``mathbf \\hat{y}``, ``hat \\boldsymbol{y}`` as ``mathbf hat y`` (the
    bold dropped by :func:`plain_names` when the section knows ``hat y``)."""
    m = re.fullmatch(r"(?:(hat|tilde|bar) \\(?:mathbf|boldsymbol|bm|vec)\{?(\w)\}?|"
                     r"(?:mathbf|boldsymbol|bm|vec) \\(hat|tilde|bar)\{?(\w)\}?)", name)
    if not m:
        return name
    accent, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return f"mathbf {accent} {letter}"


def vector_names(defs: dict) -> tuple[set, set]:
    """(vectors, scalars): names defined or read with one index, names defined with none."""
    vectors = {n for n, (letters, _) in defs.items() if len(letters) == 1}
    vectors |= {r[1] for _, t in defs.values() for r in refs(t) if len(r[2]) == 1 and r[1] not in defs}
    scalars = {n for n, (letters, _) in defs.items() if not letters}
    scalars |= {r[1] for _, t in defs.values() for r in refs(t) if not r[2] and r[1] not in defs}
    return vectors, scalars - vectors


def is_vector_claim(trees, vectors: set) -> bool:
    """A claim with a vector written without its index, and no index letter anywhere."""
    bare = any(r[2] == () and (r[1] in vectors or _transposed(r[1], vectors)) for t in trees for r in refs(t))
    indexed = any(r[2] for t in trees for r in refs(t)) or any(
        n[0] in ("sum", "delta", "cases") for t in trees for n in nodes(t))
    return bare and not indexed


def _transposed(name: str, vectors: set):
    return name[:-2] if name.endswith("^T") and name[:-2] in vectors else None


def _swap(tree):
    """ζ and η exchanged (a transpose)."""
    return _rename(_rename(_rename(tree, ROW, "ξ"), COL, ROW), "ξ", COL)


def _rename(tree, old: str, new: str):
    if isinstance(tree, str):
        return new if tree == old else tree
    if isinstance(tree, tuple):
        return tuple(_rename(p, old, new) for p in tree)
    if isinstance(tree, list):
        return [_rename(p, old, new) for p in tree]
    return tree


def _ref(name, letter):
    return ("ref", name, (((1, letter),),))


class _Entries:
    def __init__(self, vectors: set, scalars: set, transpose_jacobians: bool = False):
        self.vectors, self.scalars, self.flip, self.count = vectors, scalars, transpose_jacobians, 0

    def fresh(self) -> str:
        self.count += 1
        return f"κv{self.count}"

    def walk(self, t):
        kind = t[0]
        if kind == "num":
            return "s", t
        if kind == "ones":
            return "c", ("num", sp.Integer(1))
        if kind == "ref":
            if _transposed(t[1], self.vectors):
                return "r", _ref(_transposed(t[1], self.vectors), COL)
            if t[1] in self.vectors:
                return "c", _ref(t[1], ROW)
            if t[1] in self.scalars:
                return "s", t
            raise NotVector(f"{t[1]} is neither a vector nor a scalar of the section")
        if kind == "neg":
            shape, inner = self.walk(t[1])
            return shape, ("neg", inner)
        if kind == "add":
            parts = [self.walk(p) for p in t[1]]
            if len({s for s, _ in parts}) != 1:
                raise NotVector("a sum of terms of different shapes (" + ", ".join(s for s, _ in parts) + ")")
            return parts[0][0], ("add", [p for _, p in parts])
        if kind == "mul":
            shape, acc = self.walk(t[1][0])
            for part in t[1][1:]:
                shape, acc = self.product(shape, acc, *self.walk(part))
            return shape, acc
        if kind == "div":
            top, bottom = self.walk(t[1]), self.walk(t[2])
            if bottom[0] != "s" and bottom[0] != top[0] or bottom[0] == "m":
                raise NotVector("a division by a vector of another shape")
            return top[0], ("div", top[1], bottom[1])          # y / p of two columns: entrywise
        if kind == "pow":
            base, exponent = self.walk(t[1]), self.walk(t[2])
            if base[0] != "s" or exponent[0] != "s":
                raise NotVector("a power of a vector")
            return "s", ("pow", base[1], exponent[1])
        if kind == "fn":
            shape, arg = self.walk(t[2])
            if shape not in ("s", "c"):
                raise NotVector(f"{t[1]} of a row or a matrix")
            return shape, ("fn", t[1], arg)
        if kind == "transpose":
            shape, inner = self.walk(t[1])
            return {"s": "s", "c": "r", "r": "c", "m": "m"}[shape], _swap(inner)
        if kind == "diag":
            shape, inner = self.walk(t[1])
            if shape != "c":
                raise NotVector("diag of other than a vector")
            return "m", ("mul", [("delta", ((1, ROW),), ((1, COL),)), inner])
        if kind == "partial":
            return self.partial(t[1], t[2])
        raise NotVector(f"'{kind}' in a vector claim")

    def partial(self, numerator, wrt):
        if wrt[0] != "ref" or wrt[2] or numerator[0] != "ref" or numerator[2]:
            raise NotVector("a derivative of other than names")
        top = "c" if numerator[1] in self.vectors else "s" if numerator[1] in self.scalars else None
        by = "c" if wrt[1] in self.vectors else "s" if wrt[1] in self.scalars else None
        if top is None or by is None:
            raise NotVector(f"∂{numerator[1]}/∂{wrt[1]} of names the section does not define")
        if top == "s":
            return by, ("partial", numerator, _ref(wrt[1], ROW) if by == "c" else wrt)
        if by == "s":
            return "c", ("partial", _ref(numerator[1], ROW), wrt)
        rows, cols = (COL, ROW) if self.flip else (ROW, COL)
        return "m", ("partial", _ref(numerator[1], rows), _ref(wrt[1], cols))

    def product(self, left_shape, left, right_shape, right):
        if left_shape == "s" or right_shape == "s":
            return (right_shape if left_shape == "s" else left_shape), ("mul", [left, right])
        if left_shape == right_shape and left_shape in ("c", "r"):        # a ⊙ b: entrywise
            return left_shape, ("mul", [left, right])
        if (left_shape, right_shape) == ("c", "r"):                       # outer product
            return "m", ("mul", [left, right])
        inner = {("r", "c"): "s", ("m", "c"): "c", ("r", "m"): "r", ("m", "m"): "m"}.get((left_shape, right_shape))
        if inner is None:
            raise NotVector(f"a product of shapes {left_shape}·{right_shape}")
        k = self.fresh()
        return inner, ("sum", k, None, ("mul", [_rename(left, COL, k), _rename(right, ROW, k)]))


def entries(tree, vectors: set, scalars: set, transpose_jacobians: bool = False):
    """(shape, entry tree) of a vector expression: shape "s" scalar, "c" column (entry ζ),
    "r" row (entry η), "m" matrix (ζ, η). Raises NotVector when the shapes do not fit."""
    return _Entries(vectors, scalars, transpose_jacobians).walk(tree)


def check_vector_claim(graph, trees, row: str, judge):
    """(verdict, detail) of a claim written without indices, or None when it is not one."""
    vectors, scalars = vector_names(graph.defs)
    scalars |= {n for n in graph.leaves if n not in vectors}
    if not is_vector_claim(trees, vectors):
        return None
    jacobian = any(n[0] == "partial" and n[1][0] == "ref" and n[1][1] in vectors
                   and n[2][0] == "ref" and n[2][1] in vectors for t in trees for n in nodes(t))
    found = None
    for flip in ((False, True) if jacobian else (False,)):
        try:
            sides = [entries(t, vectors, scalars, flip) for t in trees]
        except (NotVector, KeyError) as err:
            return "unchecked", f"read as vectors without indices: {err}"
        shapes = {s for s, _ in sides}
        if len(shapes) != 1:
            return "unchecked", ("read as vectors without indices, the sides have different shapes ("
                                 + ", ".join({"s": "scalar", "c": "column", "r": "row", "m": "matrix"}[s]
                                             for s, _ in sides) + ")")
        shape = shapes.pop()
        if shape == "r":                       # a row claim is its transpose's claim
            sides = [("c", _swap(t)) for _, t in sides]
        verdict = judge(graph, [t for _, t in sides], None, row)
        if found is None or verdict[0] == "holds":
            found = (verdict, flip)
        if verdict[0] != "refuted":
            break
    (verdict, detail), flip = found
    layout = "; read as vectors without indices, entry by entry" + (
        "" if not jacobian else ", the Jacobian ∂u/∂v as " +
        ("∂u_η/∂v_ζ (the denominator layout)" if flip else "∂u_ζ/∂v_η"))
    return verdict, detail + layout


__all__ = ["NotVector", "check_vector_claim", "entries", "is_vector_claim", "plain_names", "vector_names"]
