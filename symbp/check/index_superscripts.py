r"""A channel written in a superscript beside the layer label, as index notation's leading index.

Authors who number a layer's feature maps often put the map's letter in the superscript after
the layer label: ``w^{l,d}_{i,j,k}`` (kernel d of layer l), ``z^{l,d}_{x,y}``, ``b^{l,d}``,
``w^{(l,k)}``.  A superscript of two comma-separated parts, the first a layer label (``l``,
``l-1``, ``2``) and the second one letter, is never an exponent; the letter is an index of the
entry.  :func:`move_superscript_channels` writes it as the entry's leading subscript index, so
the index reader sees ``w^{l}_{d,i,j,k}`` and reads which index is a channel by meaning
(:mod:`symbp.check.doc_channels`).  A lone superscript letter (``x^{c}``, ``x^{(c)}``) is a layer
label or an index only by the author's words, so it is left as it is.

Example::

    >>> move_superscript_channels(r"z^{l,d}_{x,y} = \sum_k w^{l,d}_{i,j,k} a^{l-1}_{x+i,y+j,k} + b^{l,d}")
    'z^{l}_{d,x,y} = \\sum_k w^{l}_{d,i,j,k} a^{l-1}_{x+i,y+j,k} + b^{l}_{d}'
"""
from __future__ import annotations

import re

from .latex_tokens import GREEK_LETTERS

_GREEK = "|".join(sorted(GREEK_LETTERS, key=len, reverse=True))
_BASE = rf"(?<![\\A-Za-z])(?:[A-Za-z]|\\(?:{_GREEK})(?![A-Za-z]))'*"
_LABEL = r"[A-Za-z][A-Za-z0-9]*(?:\s*[+-]\s*[0-9]+)?|[0-9]+"
_LETTER = rf"[A-Za-z]|\\(?:{_GREEK})(?![A-Za-z])"
# ^{l,d}, ^{(l,k)}, ^{l-1,c}: a layer label, a comma, one letter
_SUPER = rf"\^\s*\{{\s*(?P<paren>\(\s*)?(?P<label>{_LABEL})\s*,\s*(?P<channel>{_LETTER})\s*(?(paren)\)\s*)\}}"
_SUB = r"_\s*(?P<sub>\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9])"
_SUPER_FIRST = re.compile(rf"(?P<base>{_BASE})\s*{_SUPER}(?:\s*{_SUB})?")
_SUB_FIRST = re.compile(rf"(?P<base>{_BASE})\s*{_SUB}\s*{_SUPER}")
_ONE_INDEX = re.compile(r"\\[A-Za-z]+'*|[A-Za-z0-9]'*")


def _indices(sub: str | None) -> list[str]:
    """The written subscript as a list of index texts (``{ij}`` -> ``['i', 'j']``)."""
    if sub is None:
        return []
    body = sub[1:-1].strip() if sub.startswith("{") else sub
    if "," in body:
        return [piece.strip() for piece in body.split(",")]
    compact = re.sub(r"\s+", "", body)
    pieces = _ONE_INDEX.findall(compact)
    if pieces and "".join(pieces) == compact:
        return pieces                 # ij, \alpha\beta: one index per letter
    return [body] if body else []     # x+i: one index


def _index_letters(latex: str) -> set:
    """Letters written in subscripts (entries' indices, sums' variables) of the equation."""
    groups = re.findall(r"_\s*(?:\{([^{}]*)\}|([A-Za-z]))", latex)
    return {c for body, one in groups for c in re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", body + one))}


def _rewrite(match: re.Match, indices_used: set) -> str:
    label = re.sub(r"\s+", "", match.group("label"))
    if label[0].isalpha() and label[0] in indices_used:
        return match.group(0)             # ^{i,j} over entries indexed by i: not a layer label
    label = f"({label})" if match.group("paren") else label
    indices = [match.group("channel")] + _indices(match.group("sub"))
    return f"{match.group('base')}^{{{label}}}_{{{','.join(indices)}}}"


def move_superscript_channels(latex: str) -> str:
    r"""``name^{label,c}_{S}`` (or ``name_{S}^{label,c}``, ``name^{(label,c)}``) written as
    ``name^{label}_{c,S}``: the channel letter c is the entry's leading index.

    Example: ``move_superscript_channels("b^{l,d}")`` -> ``'b^{l}_{d}'``.
    """
    if "," not in latex or "^" not in latex:
        return latex
    used = _index_letters(latex)
    rewrite = lambda match: _rewrite(match, used)      # noqa: E731
    return _SUPER_FIRST.sub(rewrite, _SUB_FIRST.sub(rewrite, latex))
