r"""A sliding product written with the smaller operand first: ``\delta^l \ast a^{l-1}``.

symbp's ``*`` slides its second operand (the kernel) over the first (the input), as the founding
document's ``a * w`` does; a side whose first operand is the smaller is undefined there, a refutation.
Many pages write the kernel first instead (``z^l = W^l * a^{l-1} + b^l``): their ``δ * a`` slides δ over
a and is the kernel's gradient.  Where the page writes a product with a kernel letter first
(:func:`writes_kernel_first`), :func:`swapped_sides` writes each side that is exactly ``A * B`` as
``B * A`` (a term of a sum too); where that reading holds, the refutation is left unchecked (the page must say which order
its ``*`` means), and where it is refuted too, the refutation stands.

Example::

    >>> swapped_sides(r"\frac{\partial C}{\partial W} = \delta \ast a")
    '\\frac{\\partial C}{\\partial W} = a \\ast \\delta'
    >>> writes_kernel_first(r"$$ a^1 = \sigma(\boldsymbol{W}^l \ast a^{l-1} + b) $$"), writes_kernel_first("$$ z = a * W $$")
    (True, False)
    >>> swapped_sides(r"z = W \ast a + b")
    'z = a \\ast W + b'
    >>> swapped_sides(r"\delta = (\delta \ast W) \odot s") is None
    True
"""
from __future__ import annotations

import re

from .latex_atoms import LatexAtomError, split_top_level

_SLIDE = ("*", r"\ast", r"\star")
_OTHER = ("+", "-", r"\odot", r"\circ", r"\cdot", r"\times", r"\otimes")
ORDER_NOTE = ("with * sliding its first operand over the second (as a page whose forward writes the "
              "kernel first, W * a, means it) the claim holds: the page must say which order its * means")


def swapped_sides(latex: str, defined: dict | None = None) -> str | None:
    """``latex`` with every side or term of a side that is exactly one sliding product ``A * B``
    written ``B * A``; None where there is none, or where the claim writes an operator the page
    defines by an index formula (``defined``, :func:`symbp.check.doc_operator_defs.document_definitions`:
    its definition fixes which operand slides)."""
    from .doc_operator_defs import writes_operator
    if any(writes_operator(latex, kind) for kind in defined or {}):
        return None
    try:
        sides = split_top_level(latex, ("=",))
        out, changed = [], False
        for side in sides:
            terms = []
            for term in split_top_level(side, ("+",)):          # W * a + b: each term alone
                factors = split_top_level(term, _SLIDE)
                full = [op for op in _FULL if len(factors) == 1 and _ROTATED.match(term) and op in term]
                if full and len(parts := split_top_level(term, _FULL)) == 2 and all(parts):
                    terms.append(f"{parts[1]} {full[0]} {parts[0]}")     # rot180(W) ⊗ dZ: dZ ⊗ rot180(W)
                    changed = True
                elif len(factors) == 2 and all(factors) and len(split_top_level(term, _OTHER)) == 1:
                    terms.append(f"{factors[1]} \\ast {factors[0]}")
                    changed = True
                else:
                    terms.append(term)
            out.append(" + ".join(terms))
    except LatexAtomError:
        return None
    return " = ".join(out) if changed else None


_KERNEL_FIRST = re.compile(r"(?:=|\\sigma\s*(?:\\left)?\(|\()\s*(?:\\(?:boldsymbol|mathbf|bm)\s*\{\s*)?[WwKkF]\s*\}?"
                           r"(?:\s*[\^_]\s*(?:\{[^{}]*\}|\w))*\s*(?:\*|\\ast|\\star|\\circledast)(?![A-Za-z])")


_FULL = (r"\otimes", r"\circledast", r"\circledcirc")
_ROTATED = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad)*(?:\\left\s*)?\(?\s*(?:\\(?:operatorname|text|mathrm)\s*\{\s*)?(?:rot|flip)")


def order_in_doubt(detail: str, latex: str, kernel_first: bool) -> bool:
    r"""Whether a refutation may come from which operand slides: a page that writes the kernel first
    (``W * a``) with a side too small for the tensor it slides over, or a side that writes a rotated
    kernel first (``rot_{180}(W) \otimes dZ``: the rotated kernel is the filter that runs over dZ
    in most pages' words, the operand order of cross-correlation reversed).

    >>> order_in_doubt("", r"dX = rot_{180}(W) \otimes dZ", False), order_in_doubt("", r"dX = dZ \otimes W", False)
    (True, False)
    """
    return ("is larger than" in detail and kernel_first) or any(
        _ROTATED.match(side) and len(split_top_level(side, _FULL)) == 2 for side in _sides(latex)[1:])


def order_note(other: str, detail: str) -> str | None:
    """What the refutation ``detail`` becomes where the claim with its operands swapped gave the
    verdict ``other``: unchecked with this note, or None (the refutation stands).  A page that
    writes the kernel first: only where the swapped claim holds; a rotated kernel written first:
    wherever the swapped claim is not refuted."""
    if other == "holds":
        return ORDER_NOTE
    if other != "refuted" and "is larger than" not in detail:
        return ("read with the rotated kernel as the filter that slides over the other operand (the operands "
                f"the other way round) it is not refuted ({other}): the page must say which operand its product slides")
    return None


def _sides(latex: str) -> list:
    try:
        return split_top_level(latex, ("=",))
    except LatexAtomError:
        return []


def writes_kernel_first(text: str) -> bool:
    """Whether a display of the page writes a sliding product with a kernel letter (W, K, F) first,
    after ``=`` or an activation's parenthesis: ``z = W * a + b``, ``\\sigma(W^l \\ast a^{l-1})``."""
    return any(_KERNEL_FIRST.search(m) for m in re.findall(r"\$\$(.*?)\$\$", text, re.S))
