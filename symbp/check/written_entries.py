"""Written-out small examples: an expression whose every entry has numbered indices.

A page that works a 2x2 or 3x3 example writes ``\\frac{\\partial E}{\\partial Y^c_{11}} * Z^c_{11}``
or ``(… + …) * ReLU'(A^c_{12})``: ``*`` between two such scalars can only be their product (a
convolution of single numbers is not what anyone writes), while ``\\delta_{ij} * w_{ij}`` with
free letters may mean the entry of a convolution and stays the index reader's ``star``.
"""
from __future__ import annotations

import re

import sympy as sp

from .index_tree import Grad, Jac, Op, Ref

_SCALAR_OPS = frozenset({"add", "mul", "neg", "div"})


def numbered_entry(node) -> bool:
    """Whether ``node`` is one entry with numbered indices, ``Z^c_{11}`` (``Ref('Z', 'c', (1, 1))``).

    >>> numbered_entry(Ref("Z", "c", (1, 1))), numbered_entry(Ref("Z", None, (Ref("i", None, None), 1)))
    (True, False)
    """
    return isinstance(node, Ref) and bool(node.idx) and all(_number(i) for i in node.idx)


def written_scalar(node) -> bool:
    """Whether ``node`` is a scalar written out of numbered entries: a numbered entry, ∂E/∂Y_{11},
    ∂Y_{11}/∂Z_{12}, σ'(A_{12}) / f(A_{12}), a number, or a sum, product, negation or quotient of
    these (a parenthesised group).  Any free index letter or whole tensor makes it False.

    >>> written_scalar(Op("add", (Grad(Ref("Y", "c", (1, 1))), Ref("K", "c", (1, 2)))))
    True
    >>> written_scalar(Ref("K", None, None))
    False
    """
    if isinstance(node, bool):
        return False
    if _number(node):
        return True
    if isinstance(node, Grad):
        return numbered_entry(node.ref)
    if isinstance(node, Jac):
        return numbered_entry(node.top) and numbered_entry(node.bottom)
    if isinstance(node, Op) and node.kind == "func":
        return written_scalar(node.args[2])
    if isinstance(node, Op) and node.kind in _SCALAR_OPS:
        return all(written_scalar(a) for a in node.args)
    return numbered_entry(node)


def _number(node) -> bool:
    return (isinstance(node, int) and not isinstance(node, bool)) or isinstance(node, sp.Integer)


def entry_text(side: str) -> str:
    """A written-out side's entries as ``X_{11}``: a product's ``\\cdot`` / ``\\times`` and a
    channel or layer superscript (``X^c_{11}``, ``x^{(c)}_{11}``, ``w^{[l]}_{12}``) dropped.

    >>> entry_text(r"X^c_{11} \\cdot K^{(c)}_{11}")
    'X_{11}   K_{11}'

    Where one letter carries two different superscripts (``x^{(1)}_{11} w^{(1)}_{11} + x^{(2)}_{11}
    w^{(2)}_{11}``: two channels, or two layers), dropping them would make two tensors one: the
    side is returned with its superscripts kept (no entry forward is read from it).

    >>> entry_text(r"x^{(1)}_{11} w^{(1)}_{11} + x^{(2)}_{11} w^{(2)}_{11}")
    'x^{(1)}_{11} w^{(1)}_{11} + x^{(2)}_{11} w^{(2)}_{11}'
    """
    side = re.sub(r"\\(?:cdot|times|ast)(?![A-Za-z])", " ", side)
    marks: dict = {}
    for letter, mark in re.findall(r"(\\?[A-Za-z]+)\s*\^\s*(\{[^{}]*\}|\w)", side):
        marks.setdefault(letter, set()).add(re.sub(r"\s", "", mark).strip("{}"))
    if any(len(found) > 1 for found in marks.values()):
        return side
    return re.sub(r"\^\s*(?:\{[^{}]*\}|\w)", "", side)


#: a numbered entry ``x_{12}``, ``w_{1,2}``, ``x_12``: (name, row digit, column digit)
NUMBERED_ENTRY = re.compile(r"(\\?[A-Za-z]+)\s*_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?")


def sliding_pairs(side: str, image: str, kernel: str) -> bool | None:
    r"""Whether a written-out forward's products pair each ``kernel`` entry with an ``image`` entry along a
    sliding window (on each axis the image's index an affine function of the kernel's, slope not 0, as in a
    convolution or a cross-correlation, strided or dilated); False too when two or more products of two entries
    are written and none pairs these two letters; None when fewer than two products pair them.
    ``side`` is :func:`entry_text`'s.

    >>> sliding_pairs("x_{11} w_{11} + x_{12} w_{12} + x_{21} w_{21} + x_{22} w_{22} + b", "x", "w")
    True
    >>> sliding_pairs("w_{11} O_{11} + w_{21} O_{12} + b_{21}", "O", "w")     # a dense neuron's weights
    False
    >>> sliding_pairs("w_{11} O_{11} + w_{21} O_{12} + b_{21}", "b", "w")     # the bias is in no product
    False
    >>> sliding_pairs(r"x_{11}w_{11} + x_{12}w_{12} & x_{12}w_{11} + x_{13}w_{12} \\\\ x_{21}w_{11} + x_{22}w_{12} & y", "x", "w")
    True
    """
    verdicts = [_cell_slides(cell, image, kernel) for cell in re.split(r"&|\\\\", side)]   # a matrix: one entry a cell
    return False if False in verdicts else True if True in verdicts else None


def _cell_slides(side: str, image: str, kernel: str) -> bool | None:
    """:func:`sliding_pairs` of one output entry's sum."""
    pairs, products = [], 0
    for term in re.split(r"[+-]", side):
        entries = NUMBERED_ENTRY.findall(term)
        found = {name: (int(i), int(j)) for name, i, j in entries}
        products += len(found) == 2
        if image in found and kernel in found and len(entries) == 2:
            pairs.append((found[kernel], found[image]))
    if len(pairs) < 2:                        # products of two other letters' entries: not these two's window
        return False if products >= 2 and not pairs else None
    for axis in (0, 1):
        points = {(k[axis], x[axis]) for k, x in pairs}
        if len({m for m, _ in points}) != len(points):
            return False                      # one kernel index with two image indices
        ms = sorted(points)
        if len(ms) > 1:
            slopes = {(p2 - p1) / (m2 - m1) for (m1, p1), (m2, p2) in zip(ms, ms[1:])}
            if len(slopes) != 1 or 0 in slopes or not float(next(iter(slopes))).is_integer():
                return False
    return True
