r"""``\bullet`` between two matrices: which product the page means.

The founding notation reads ``\bullet`` as the entrywise (Hadamard) product, as ``\odot``; many pages
write it for the matrix product, or for any product (``\frac{\partial L}{\partial W} = {X}^{T} \bullet
\frac{\partial L}{\partial Y}``, beside ``y_{ij} = \sum_k x_{ik} \centerdot w_{kj}``).  Where the founding
reader refutes a claim that writes ``\bullet``, the page says nothing of ``\bullet`` being entrywise, and
the claim read with ``\bullet`` as the matrix product holds or is not decided, the refutation is left
unchecked, naming both readings; where that reading is refuted too, the refutation stands.

    >>> as_matrix_product(r"\frac{\partial L}{\partial W}={X}^{T}\bullet \frac{\partial L}{\partial Y}")
    '\\frac{\\partial L}{\\partial W}={X}^{T} \\frac{\\partial L}{\\partial Y}'
    >>> says_entrywise(r"where $\bullet$ is the element-wise product"), says_entrywise("$A \\bullet B$ as matrices")
    (True, False)
    >>> says_entrywise(r"$\bullet$ denotes the matrix product (not the element-wise product)")
    False
"""
from __future__ import annotations

import re
from dataclasses import replace

_BULLET = re.compile(r"\s*\\bullet(?![A-Za-z])\s*")
_ENTRYWISE = r"(?:element[\s-]*wise|entry[\s-]*wise|point[\s-]*wise|Hadamard|逐元素|按元素|对应元素|元素[对逐]应|elementweise|terme\s+à\s+terme)"
_SAID = re.compile(r"(?:\\bullet|•)[^.。\n]{0,80}?" + _ENTRYWISE + r"|" + _ENTRYWISE + r"[^.。\n]{0,80}?(?:\\bullet|•)", re.I)
_OTHERWISE = re.compile(r"\bnot\b|n't|\bnever\b|不是|并非|非|matri(?:x|ces)\s+(?:product|multiplication)|ordinary\s+product|"
                        r"usual\s+product|dot\s+product|矩阵乘|行列の?積|행렬\s*곱", re.I)
NOTE = ("read with \\bullet as the matrix product {how}, and the page does not say \\bullet is the "
        "entrywise product (symbp's reading): say which product \\bullet is")


def as_matrix_product(latex: str) -> str:
    """``latex`` with each ``\\bullet`` read as juxtaposition (the matrix product)."""
    return _BULLET.sub(" ", latex)


def says_entrywise(text: str) -> bool:
    """Whether the page calls its ``\\bullet`` the entrywise product in a sentence (never one that negates it or
    names the matrix product: "$\\bullet$ is the matrix product, not the element-wise one")."""
    return any(_SAID.search(sentence) and not _OTHERWISE.search(sentence)
               for sentence in re.split(r"(?<=[.;:!?。；])\s+|\n\s*\n", text))


def bullet_reading(latex: str, outcome, text: str, check):
    """The founding reader's ``outcome`` for ``latex``, unchecked where it refutes a claim that holds with
    ``\\bullet`` as the matrix product (``check``: the founding reader on a respelled claim) and the page
    (``text``) does not say ``\\bullet`` is entrywise (module docstring)."""
    if getattr(outcome, "verdict", None) != "refuted" or not _BULLET.search(latex) or says_entrywise(text):
        return outcome
    again = check(as_matrix_product(latex))
    if getattr(again, "verdict", None) == "refuted":
        return outcome                                          # refuted either way
    how = "it holds" if getattr(again, "verdict", None) == "holds" else "it is not refuted"
    cleared = {field: None for field in ("evidence", "scope") if hasattr(outcome, field)}    # no refutation's card
    return replace(outcome, verdict="unchecked", detail=f"{outcome.detail}; {NOTE.format(how=how)}", **cleared)
