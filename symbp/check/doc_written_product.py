r"""A convolution written out as a product of explicit matrices, entry names in every cell:

.. code-block:: latex

    \begin{bmatrix} y_1 \\ y_2 \end{bmatrix} =
    \begin{bmatrix} w_1 & w_2 & w_3 & 0 \\ 0 & w_1 & w_2 & w_3 \end{bmatrix}
    \begin{bmatrix} x_1 \\ x_2 \\ x_3 \\ x_4 \end{bmatrix}

and its backward pass, ``\begin{bmatrix} \frac{\partial L}{\partial x_1} \\ \vdots \end{bmatrix}
= \begin{bmatrix} w_1 & 0 \\ \dots \end{bmatrix} \begin{bmatrix} \frac{\partial L}{\partial y_1}
\\ \frac{\partial L}{\partial y_2} \end{bmatrix}`` (how blog posts on convolution as a matrix
product show a small 1-D or 2-D case).  Every cell is 0, an entry of the section's kernel, input
or output (``w_{1}``, ``x_{12}``, ``y_{1,1}``), ``\frac{\partial L}{\partial ·}`` of an input or
output entry, or ``\delta_{·}``; the entries name themselves, so no flattening order is assumed.
The product is compared exactly with the layer's entries (the forward) or the chain rule's
gradients.  A layer with a bias the product leaves out is not read.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> inst = DocContext({"x": "input", "w": "kernel", "y": "output"},
    ...                   {"input": "4", "kernel": "3", "spatial": 1, "index_base": 1}).instances()[0]
    >>> tex = (r"\begin{bmatrix} y_1 \\ y_2 \end{bmatrix} = \begin{bmatrix} w_1 & w_2 & w_3 & 0 \\ "
    ...        r"0 & w_1 & w_2 & w_3 \end{bmatrix} \begin{bmatrix} x_1 \\ x_2 \\ x_3 \\ x_4 \end{bmatrix}")
    >>> written_product(tex, inst)[0]
    'holds'
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .index_tree import IndexError_

_BLOCK = re.compile(r"\\begin\{([pbBvV]?matrix)\}(.*?)\\end\{\1\}", re.S)
_FILLER = re.compile(r"(?:\\[,;!: ]|\\cdot|\\quad|\s)*")
_LOSS = r"(?:\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])"
_SUBSCRIPT = r"\s*_\s*(?:\{\s*([0-9][0-9,\s]*)\s*\}|([0-9]))"
_ENTRY = re.compile(r"(\\delta|[A-Za-z])" + _SUBSCRIPT)
_GRAD = re.compile(r"\\frac\s*\{\s*\\partial\s*" + _LOSS + r"\s*\}\s*\{\s*\\partial\s*([A-Za-z])" + _SUBSCRIPT + r"\s*\}")


def blocks(latex: str):
    """(left blocks, right blocks) of ``A = B C …`` written with matrix environments only, or
    None."""
    sides = latex.split("=")
    if len(sides) != 2:
        return None
    out = []
    for side in sides:
        found, pos = [], 0
        for m in _BLOCK.finditer(side):
            if not _FILLER.fullmatch(side[pos:m.start()]):
                return None
            found.append(m.group(2))
            pos = m.end()
        if not found or not _FILLER.fullmatch(side[pos:].rstrip(".,;")):
            return None
        out.append(found)
    return (out[0], out[1]) if len(out[0]) == 1 and len(out[1]) >= 2 else None


def written_product(latex: str, inst, twin: bool = False):
    """``(verdict, detail)`` for a written matrix product at one built layer ``inst`` (a
    :class:`symbp.check.doc_names.DocContext` with sizes), or None when ``latex`` is not one."""
    found = blocks(latex)
    if found is None:
        return None
    if any(r == "bias" for r in inst.roles.values()):
        return "unchecked", "the layer has a bias, which the written product leaves out"
    try:
        left = _matrix(found[0][0], inst)
        right = [_matrix(b, inst) for b in found[1]]
    except IndexError_ as err:
        return "unchecked", str(err)
    product = right[0]
    for m in right[1:]:
        if product.shape[1] != m.shape[0]:
            return "refuted", (f"the written product is not defined: a {product.shape[0]}x{product.shape[1]} "
                               f"matrix times a {m.shape[0]}x{m.shape[1]} one")
        product = product * m
    if product.shape != left.shape:
        return "refuted", (f"the right side is {product.shape[0]}x{product.shape[1]}, the left "
                           f"{left.shape[0]}x{left.shape[1]}")
    names = doc_names_of(inst)
    for r in range(left.shape[0]):
        for c in range(left.shape[1]):
            if sp.expand(product[r, c] - left[r, c]) != 0:
                other = "" if twin else _other_convention(latex, inst)
                return "refuted", (f"row {r + 1}, column {c + 1}: the product gives "
                                   f"{sp.expand(product[r, c]).xreplace(names)}, the layer's entry is "
                                   f"{sp.expand(left[r, c]).xreplace(names)} {inst.describe()}{other}")
    return "holds", (f"the written {left.shape[0]}x{left.shape[1]} product equals the layer's entries "
                     f"exactly {inst.describe()}")


def _other_convention(latex: str, inst) -> str:
    twin = inst.other_convention()
    if twin is None or inst.layer != "conv":
        return ""
    found = written_product(latex, twin, twin=True)
    return "; it holds for the other convention (the kernel flipped)" if found and found[0] == "holds" else ""


def doc_names_of(inst) -> dict:
    """Symbol -> the document's spelling (w_{1,2}, x_{2,1}, ∂L/∂y_{1,1}) for messages."""
    out = {}
    for role, shown in (("kernel", "{}"), ("input", "{}"), ("delta", "∂L/∂{}")):
        letter = next((n for n, r in inst.roles.items() if r == (role if role != "delta" else "output")
                       and len(n) == 1), None)
        try:
            arr = inst.view(role)
        except IndexError_:
            continue
        if letter is None or arr is None:
            continue
        for ix, s in np.ndenumerate(arr):
            if isinstance(s, sp.Symbol):
                sub = ",".join(str(i + o) for i, o in zip(ix, inst.origin_of(role, arr.ndim)))
                out[s] = sp.Symbol(shown.format(f"{letter}_{{{sub}}}"))
    return out



def _matrix(body: str, inst):
    rows = [r for r in re.split(r"\\\\", body) if r.strip()]
    cells = [[c.strip() for c in r.split("&")] for r in rows]
    if len({len(r) for r in cells}) != 1:
        raise IndexError_("rows of different lengths in a written matrix")
    return sp.Matrix([[_cell(c, inst) for c in row] for row in cells])


def _cell(cell: str, inst):
    cell = re.sub(r"^\{(.*)\}$", r"\1", cell.strip())
    if cell == "0":
        return sp.Integer(0)
    m = _GRAD.fullmatch(cell)
    if m:
        return _entry(m.group(1), m.group(2) or m.group(3), inst, grad=True)
    m = _ENTRY.fullmatch(cell)
    if m:
        if m.group(1) == r"\delta":
            return _entry(None, m.group(2) or m.group(3), inst, grad=True)
        return _entry(m.group(1), m.group(2) or m.group(3), inst, grad=False)
    raise IndexError_(f"cell '{cell}' of a written matrix is not read (0, an entry such as w_{{1}}, "
                      "or ∂L/∂ of an entry)")


def _entry(letter, subscript: str, inst, grad: bool):
    role = "output" if letter is None else inst.roles.get(letter) or inst.roles.get(letter.lower())
    if role not in ("input", "kernel", "output"):
        raise IndexError_(f"{letter} is not the section's input, kernel or output")
    if grad and role == "kernel":
        raise IndexError_("∂L/∂ of a kernel entry in a written product is not read")
    arr = (inst.view("delta") if role == "output" else inst.grad_array("input")) if grad else inst.view(role)
    digits = [d for d in re.split(r"[,\s]+", subscript.strip()) if d]
    if len(digits) == 1 and arr.ndim > 1 and len(digits[0]) == arr.ndim:
        digits = list(digits[0])
    origin = inst.origin_of("output" if role == "output" else role, arr.ndim)
    idx = tuple(int(d) - o for d, o in zip(digits, origin))
    if len(idx) != arr.ndim or any(not 0 <= i < n for i, n in zip(idx, arr.shape)):
        raise IndexError_(f"{letter or 'δ'}_{{{subscript}}} is not an entry of the {role} at this size")
    return arr[idx]
