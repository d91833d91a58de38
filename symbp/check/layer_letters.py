r"""The letter a forward's layer labels use (``Z^c = X * W^c + b^c``: c), so that a claim's
tensor labelled with another letter (``Z^d``, ``b^{d}``, ``A^{f}``) is read as another
layer's, not as the section's (:meth:`symbp.check.doc_names.DocContext.role`).

Authors name layers by letters (``W^c`` the convolution, ``W^d`` the dense layer, ``A^f`` the
flattened maps) as well as by a running index (``W^l``, ``δ^{l+1}``, ``a^{(l-1)}``); both are
labels of one stem letter. Upper and lower case are one stem (``δ^L`` beside ``W^l``: the last
layer, which the readers tell apart themselves). A forward whose labels use several letters,
or a number, or none, gives no stem (nothing is refused on its account).

>>> forward_label_stem(r"Z^c[p, q, k] = \sum_{i, j} X[p+i, q+j] \cdot W^c[i, j, k] + b^c[k]")
'c'
>>> forward_label_stem(r"z^{l}_{ij} = \sum_{m,n} w^{l}_{mn} a^{l-1}_{i+m,j+n} + b^l")
'l'
>>> forward_label_stem(r"Z = X * K + b") is None
True
>>> foreign_label("d", "c"), foreign_label("L", "l"), foreign_label("c", None)
(True, False, False)
"""
from __future__ import annotations

import re

from .index_tree import label_offset

_SUPERSCRIPT = re.compile(r"(?<=[A-Za-z}\]])\s*\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])")


def forward_label_stem(latex: str) -> str | None:
    """The one letter (lower case) the layer labels of a forward equation use: ``W^c``,
    ``b^{c}``, ``a^{(l-1)}`` -> 'c' / 'l'; None when it writes no letter label, a number, or
    labels of several letters (``e^{x}`` and transposes ``^T``, ``^{\\top}`` are no labels)."""
    stems = set()
    for m in _SUPERSCRIPT.finditer(latex):
        raw = m.group(1).strip()
        raw = raw[1:-1].strip() if raw.startswith("{") else raw
        if not raw or raw in ("T", "t", "'", "*") or raw.startswith("\\"):
            continue
        before = latex[:m.start()].rstrip()
        if re.search(r"(?<![A-Za-z\\])e$", before):
            continue                                   # e^{…}: a power
        off = label_offset(raw)
        if off is None:
            if re.fullmatch(r"\(?-?\d+\)?|[-+0-9().]+", raw):
                return None                            # a number: a power or a numbered layer
            continue
        if off[0] == "#":
            return None
        stems.add(off[0].lower())
    return next(iter(stems)) if len(stems) == 1 else None


def foreign_label(stem: str | None, forward_stem: str | None) -> bool:
    """Whether a tensor labelled with ``stem`` (``label_offset``'s letter, e.g. 'd' of
    ``Z^d``) belongs to another layer than the forward's ``forward_stem`` ('c')."""
    return bool(stem and forward_stem and stem != "#" and stem.lower() != forward_stem)


def directive_label_stems(names: str) -> frozenset:
    """The label letters (lower case) a directive's ``names:`` give the section's tensors:
    ``"A^f=input W^d=kernel Z^d=output"`` -> {'d', 'f'}; none for ``W=kernel`` or ``W^2=kernel``."""
    stems = set()
    for token in (names or "").split():
        name = token.split("=", 1)[0]
        if "^" in name and "=" in token:
            off = label_offset(name.split("^", 1)[1].strip().strip("{}").strip())
            if off is not None and off[0] != "#":
                stems.add(off[0].lower())
    return frozenset(stems)


def foreign_name(names, stems: frozenset):
    """The first of ``names`` (:class:`symbp.check.notation.Name`) labelled with a letter the
    section's directive does not give its tensors (``Z^d`` where it names ``W^c``, ``Z^c``), or None."""
    if not stems:
        return None
    for n in names:
        off = label_offset(n.label) if n.label else None
        if off is not None and off[0] != "#" and off[0].lower() not in stems:
            return n
    return None


def other_letter_label(roles: dict, name: str, letter: str) -> bool:
    """Whether the section names ``name`` only with layer labels of another letter (``W^c``, not
    ``W^d``; ``w^{l+1}`` and ``w^l`` share the letter l)."""
    named = [label_offset(k.split("^", 1)[1].strip("{} ")) for k in roles if k.startswith(name + "^")]
    named = [o for o in named if o and o[0] != "#"]
    return bool(named) and all(o[0] != letter for o in named)
