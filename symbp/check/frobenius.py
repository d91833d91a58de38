r"""The Frobenius inner product ``\langle A, B \rangle_F`` written as the sum it means.

Derivations state the chain rule for one weight through a whole output map as a Frobenius
product, ``\frac{\partial L}{\partial F_{ij}} = \left\langle \frac{\partial L}{\partial O},
\frac{\partial O}{\partial F_{ij}} \right\rangle_F``: the sum over every entry of O of the two
operands' elementwise product.  :func:`frobenius_sums` writes such a product as that sum in
index notation, ``\sum_{u} \sum_{v} \frac{\partial L}{\partial O_{u,v}} \frac{\partial O_{u,v}}
{\partial F_{ij}}``, which the index reader checks entry by entry.

It is written so only where both operands are shaped by one tensor T by construction, so the sum
runs over exactly T's entries and nothing is cropped: ``\frac{\partial L}{\partial T}`` (a
scalar's gradient by T), ``\frac{\partial T}{\partial x_{ij}}`` (T by one entry), ``\nabla_T L``
and T itself; and only where the document writes T's entries with one number of indices
(:func:`letter_index_counts`), which gives the sum's index letters.  Two operands shaped by
different tensors (``\langle \frac{\partial L}{\partial A}, \frac{\partial Z}{\partial w}
\rangle``: are A and Z the same shape?) stay as written, and the readers leave the claim
unchecked.  Spellings: ``\langle … \rangle``, ``\left\langle … \right\rangle``, ``⟨ … ⟩``, with
or without the subscript ``F`` (``_F``, ``_{F}``, ``_{\mathrm{F}}``, ``_{\text{F}}``), the
operands separated by ``,``, ``|``, ``\mid`` or ``\vert``.

Example::

    >>> frobenius_sums(r"\frac{\partial L}{\partial F_{ij}} = \langle \frac{\partial L}{\partial O}, "
    ...                r"\frac{\partial O}{\partial F_{ij}} \rangle_{F}", {"O": 2})
    '\\frac{\\partial L}{\\partial F_{ij}} = \\sum_{u} \\sum_{v} \\frac{\\partial L}{\\partial O_{u,v}} \\frac{\\partial O_{u,v}}{\\partial F_{ij}}'
"""
from __future__ import annotations

import re

from .display_forms import matching

MAX_FROBENIUS_CHARS = 20_000
LOSS_LETTERS = ("L", "J", "E", "C")              # a loss, read as one by every reader
_OPEN = re.compile(r"\\left\s*\\langle(?![A-Za-z])|\\langle(?![A-Za-z])|⟨")
_CLOSE = re.compile(r"\\right\s*\\rangle(?![A-Za-z])|\\rangle(?![A-Za-z])|⟩")
_F_SUBSCRIPT = re.compile(r"\s*_\s*(?:F(?![A-Za-z])|\{\s*(?:F|\\mathrm\s*\{\s*F\s*\}|\\text\s*\{\s*F\s*\}|"
                          r"\\rm\s+F)\s*\})")
_SEPARATOR = re.compile(r",|\|(?!\|)|\\mid(?![A-Za-z])|\\vert(?![A-Za-z])")
# a tensor: one letter or a Greek macro, with an optional label superscript (no subscript)
_TENSOR = r"(?:[A-Za-z]|\\[A-Za-z]+)(?:\s*\^\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?"
_SCALAR = r"(?:[A-Za-z]|\\[A-Za-z]+)(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])|\s*\[[^\[\]]*\])*"
_GRAD_BY = re.compile(r"\\[dt]?frac\s*\{\s*\\partial\s*(" + _SCALAR + r")\s*\}\s*\{\s*\\partial\s*(" + _TENSOR +
                      r")\s*\}")
_BY_ENTRY = re.compile(r"\\[dt]?frac\s*\{\s*\\partial\s*(" + _TENSOR + r")\s*\}\s*\{\s*\\partial\s*(" + _SCALAR +
                       r")\s*\}")
_NABLA = re.compile(r"\\nabla\s*_\s*(?:\{\s*(" + _TENSOR + r")\s*\}|([A-Za-z]))\s*(" + _SCALAR + ")")
_BARE = re.compile(_TENSOR)
_FRESH = ("u", "v", "p", "q", "r", "s", "t", "g", "h")
# one subscripted entry in the document: X_{1,2}, X_{ij}, X_{f,c,i,j}, x_3, W^{l}_{jk}
_ENTRY = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*(?:\{((?:[^{}]|\{[^{}]*\})*)\}|([A-Za-z0-9]))")
# one index name between commas: a letter, a number, a Greek macro, a subscripted name (k_1, r_{out},
# c_\text{k}), each with primes
_INDEX_NAME = re.compile(r"(?:[A-Za-z]|\\[a-z]+)(?:_(?:\{[^{}]*\}|\\text\{[^{}]*\}|[A-Za-z0-9]))?'*|\d+")
# the same in brackets or as a call: X[i, j], X[i][j], X(i, j) (two or more arguments)
_BRACKETED = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:((?:\[[^\[\]]*\])+)|\(([^()]*,[^()]*)\))")


def letter_index_counts(text: str) -> dict[str, int]:
    r"""How many indices the document writes each letter's entries with, where it is always the
    same number: ``X_{11}``, ``X_{ij}``, ``X_{i,j}``, ``X[i, j]``, ``X[i][j]``, ``X(i, j)`` count
    2, ``x_{f,c,i,j}`` 4, ``y_3`` 1, ``x[r_{out}][c_{out}]`` 2 (index names between commas or
    brackets); a subscript with anything else (``x_{i+m}``, ``W_{\text{out}}``) says nothing.

    >>> letter_index_counts(r"$O_{11} = X_{11}F_{11}$ and $O_{ij}$, $y_3$, $y_{ij}$, $x_{i+m,j}$")
    {'O': 2, 'X': 2, 'F': 2}
    >>> letter_index_counts(r"$w_{k_1, k_2}$, $x[r_{out}][c_{out}]$, $z_{\alpha,\beta}$, $v_{r_\text{k}, c_\text{k}}$")
    {'w': 2, 'z': 2, 'v': 2, 'x': 2}
    """
    seen: dict[str, set] = {}
    bracketed = list(_BRACKETED.finditer(text))
    written = [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in _ENTRY.finditer(text)
               if not any(b.start() < m.start() < b.end() for b in bracketed)]   # r_{out} in x[r_{out}]: an index
    for m in bracketed:
        groups = re.findall(r"\[([^\[\]]*)\]", m.group(2)) if m.group(2) else [m.group(3)]
        written.append((m.group(1), groups[0] if len(groups) == 1 else ",".join(groups)))
    for letter, body in written:
        body = body.replace(" ", "")
        if "," in body:
            parts = body.split(",")
            count = len(parts) if all(_INDEX_NAME.fullmatch(p) for p in parts) else None
        elif re.fullmatch(r"\d{1,4}|[A-Za-z]{1,4}", body):
            count = len(body)
        else:
            count = None
        if count:
            seen.setdefault(letter, set()).add(count)
    return {letter: counts.pop() for letter, counts in seen.items() if len(counts) == 1}


def frobenius_sums(latex: str, counts: dict[str, int]) -> str:
    r"""``latex`` with each Frobenius product whose operands are shaped by one tensor written as
    the sum over that tensor's entries (``counts``: :func:`letter_index_counts` of the
    document); every other one, and everything else, as written.

    >>> frobenius_sums(r"\delta_{j} = \left\langle \nabla_{y} E \mid \frac{\partial y}{\partial x_{j}} \right\rangle", {"y": 1})
    '\\delta_{j} = \\sum_{u} \\frac{\\partial E}{\\partial y_{u}} \\frac{\\partial y_{u}}{\\partial x_{j}}'
    >>> frobenius_sums(r"\langle \frac{\partial L}{\partial A}, \frac{\partial Z}{\partial w} \rangle", {"A": 2, "Z": 2})
    '\\langle \\frac{\\partial L}{\\partial A}, \\frac{\\partial Z}{\\partial w} \\rangle'
    """
    if len(latex) > MAX_FROBENIUS_CHARS or not ("langle" in latex or "⟨" in latex):
        return latex
    pos = 0
    for _ in range(20):
        opening = _OPEN.search(latex, pos)
        if not opening:
            return latex
        closing = _closing(latex, opening.end())
        if closing is None:
            return latex
        inner = latex[opening.end():closing[0]]
        tail = _F_SUBSCRIPT.match(latex, closing[1])
        end = tail.end() if tail else closing[1]
        written = _as_sum(inner, counts, latex)
        if written is None:
            pos = closing[1]
            continue
        latex = latex[:opening.start()] + written + latex[end:]
        pos = opening.start() + len(written)
    return latex


def _closing(latex: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the ``\\rangle`` closing a ``\\langle`` whose inside starts at ``start``."""
    depth = 0
    for m in re.finditer(_OPEN.pattern + "|" + _CLOSE.pattern, latex[start:]):
        if _OPEN.fullmatch(m.group()):
            depth += 1
        elif depth == 0:
            return start + m.start(), start + m.end()
        else:
            depth -= 1
    return None


def _split(inner: str) -> tuple[str, str] | None:
    """The two operands of a product's inside, split at its one top-level separator."""
    depth, cuts = 0, []
    k = 0
    while k < len(inner):
        ch = inner[k]
        if ch == "\\" and inner.startswith(("\\{", "\\}"), k):
            k += 2
            continue
        depth += (ch in "{([") - (ch in "})]")
        if depth == 0:
            m = _SEPARATOR.match(inner, k)
            if m:
                cuts.append((k, m.end()))
                k = m.end()
                continue
        k += 1
    if len(cuts) != 1:
        return None
    return inner[:cuts[0][0]].strip(), inner[cuts[0][1]:].strip()


def _operand(text: str, counts: dict[str, int]):
    """(the tensor shaping it, a function writing it at given indices) for one operand; None
    for anything else (``\\frac{\\partial O}{\\partial F}`` with F a tensor the document indexes)."""
    for pattern, kind in ((_GRAD_BY, "grad"), (_BY_ENTRY, "entry"), (_NABLA, "nabla"), (_BARE, "bare")):   # in order
        m = pattern.fullmatch(text)
        if not m:
            continue
        if kind in ("grad", "nabla"):
            tensor, top = (m.group(2), m.group(1)) if kind == "grad" else (m.group(1) or m.group(2), m.group(3))
            letter = re.match(r"\\[A-Za-z]+|[A-Za-z]", top).group()
            if letter in counts and letter not in LOSS_LETTERS:      # ∂Z/∂O with Z indexed: no scalar's
                return None                                          # (E(x, w): the loss, as every reader)
            return tensor, lambda sub: rf"\frac{{\partial {top}}}{{\partial {tensor}_{{{sub}}}}}"
        if kind == "entry":
            tensor, by = m.group(1), m.group(2)
            if re.fullmatch(_TENSOR, by) and re.match(r"\\[A-Za-z]+|[A-Za-z]", by).group() in counts:
                return None                                  # ∂O/∂F: a tensor by a tensor
            return tensor, lambda sub: rf"\frac{{\partial {tensor}_{{{sub}}}}}{{\partial {by}}}"
        tensor = m.group()
        return tensor, lambda sub: rf"{tensor}_{{{sub}}}"
    return None


def _as_sum(inner: str, counts: dict[str, int], latex: str) -> str | None:
    """The sum a product's inside means, or None where it is not read."""
    parts = _split(inner)
    if parts is None:
        return None
    first, second = _operand(parts[0], counts), _operand(parts[1], counts)
    if first is None or second is None:
        return None
    if re.sub(r"\s+", "", first[0]) != re.sub(r"\s+", "", second[0]):
        return None                      # shaped by two tensors: their shapes are not known here
    letter = re.match(r"\\[A-Za-z]+|[A-Za-z]", first[0]).group()
    count = counts.get(letter)
    fresh = [x for x in _FRESH if not re.search(r"(?<![A-Za-z\\])" + x + r"(?![A-Za-z])", latex)]
    if not count or len(fresh) < count:
        return None
    indices = fresh[:count]
    sub = ",".join(indices)
    sums = " ".join(rf"\sum_{{{x}}}" for x in indices)
    return f"{sums} {first[1](sub)} {second[1](sub)}"


__all__ = ["frobenius_sums", "letter_index_counts", "LOSS_LETTERS"]
