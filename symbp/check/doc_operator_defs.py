r"""Convolution operators a document defines by an index formula of its own.

Pages that derive a CNN's backward pass often start by defining their operators entry by entry,
and the definition, not the word "convolution" around it, says what the symbol means:

- ``(I \otimes K)_{ij} = \sum_m \sum_n I(i+m, j+n) K(m,n)`` (a cross-correlation),
- ``(I \ast K)_{ij} = \sum_m \sum_n I(i-m, j-n) K(m,n)`` (a true convolution),
- ``(X * W)[i,j] = \sum_h \sum_w X[i-h, j-w] \cdot W[h,w]``,
- ``(I \star K)(i,j) = \sum_{u=1}^p \sum_{v=1}^q I(i+u-1, j+v-1) K(u,v)``.

:func:`operator_definitions` reads such displays into ``{kind: "cross" | "true"}``, the kind
being the index reader's name of the operator (``*`` and ``\ast``: ``star``; ``\star`` and
``\otimes``: ``corr``; ``\circledast``: ``conv``, :data:`symbp.check.index_tree._CONVOLVE`).
A definition is read only when one operand is read at the output index shifted by the summed
letter (``i + m`` or ``i - m``, the same sign on every axis) and the other at the summed letters
alone; a cross-correlation only when the shifted operand is the first (``\sum H[u] F[i+u]`` slides
the first operand over the second: not the reader's ``A \star B``, and not read).  Two
definitions of one symbol that disagree make it ``"both"``: a claim writing it whose verdict
turns with the convention stays unchecked, naming the two definitions.  Nothing is evaluated: the
display's text is matched, never run.

:func:`operator_reading` applies them to one claim: a claim writing a defined operator is
read with that operator pinned to its definition (``settings["operator_conv"]``, which
:class:`symbp.check.index_evaluator` consults before the section's convention), and where a
directive's ``conv=`` says the other convention for ``*`` the claim is marked so that a verdict
that turns with the convention is left unchecked naming both (never refuted on a guess).

Example::

    >>> operator_definitions([r"(I \otimes K)_{ij} = \sum_{m}\sum_{n} I(i+m, j+n)K(m,n)",
    ...                       r"(I \ast K)_{ij} = \sum_{m}\sum_{n} I(i-m, j-n)K(m,n)"])
    {'corr': 'cross', 'star': 'true'}
"""
from __future__ import annotations

import re

from .index_tree import _CONVOLVE, IndexError_

_OP = r"(\*|\\ast|\\star|\\otimes|\\circledast)"
_NAME = r"(\\?[A-Za-z]+)"
# (A \op B)_{ij}, (A \op B)[i,j], (A \op B)(i,j), (A \op B)_{i,j}: the defined entry
_LHS = re.compile(r"^\s*\\?(?:left)?\(\s*" + _NAME + r"\s*" + _OP + r"\s*" + _NAME + r"\s*\\?(?:right)?\)\s*"
                  r"(?:_\s*\{([^{}]*)\}|_\s*([A-Za-z])|\[([^\[\]]*)\]|\(([^()]*)\))\s*$")
_ENTRY = r"(?:\(([^()]*)\)|\[([^\[\]]*)\]|_\s*\{([^{}]*)\}|_\s*([A-Za-z]))"
_MAX_LEN = 400


def _indices(text: str) -> list[str]:
    """``"ij"`` or ``"i, j"`` → ``["i", "j"]`` (single letters run together are two indices)."""
    text = text.replace(" ", "")
    parts = [p for p in text.split(",") if p]
    if len(parts) == 1 and re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        parts = list(parts[0])
    return parts


def _entries(rhs: str, name: str) -> list[list[str]]:
    """The index lists ``name`` is read at on the right side (``I(i+m, j+n)`` → ``[["i+m", "j+n"]]``)."""
    pattern = re.compile(r"(?:(?<![A-Za-z\\])|(?<=\^[A-Za-z]))" + re.escape(name) + r"\s*" + _ENTRY)
    return [_indices(next(g for g in m.groups() if g is not None)) for m in pattern.finditer(rhs)]


def _shift(index: str, out: str) -> tuple[str, str] | None:
    """``("+", "m")`` for ``i+m`` / ``i+m-1`` / ``m+i`` with output index ``out``; None otherwise."""
    m = re.fullmatch(re.escape(out) + r"([+-])([A-Za-z])(?:[+-]\d+)?", index)
    if m is not None:
        return m.group(1), m.group(2)
    m = re.fullmatch(r"([A-Za-z])\+" + re.escape(out) + r"(?:[+-]\d+)?", index)
    return ("+", m.group(1)) if m is not None else None


def _convention(first: list, second: list, outs: list) -> str | None:
    """The convention of ``Σ first[shifted] second[summed]`` over ``outs`` (see the module's doc)."""
    for shifted, plain, shifted_first in ((first, second, True), (second, first, False)):
        if len(shifted) != 1 or len(plain) != 1 or len(shifted[0]) != len(outs) or len(plain[0]) != len(outs):
            continue
        shifts = [_shift(ix, out) for ix, out in zip(shifted[0], outs)]
        if any(s is None for s in shifts) or [s[1] for s in shifts] != [re.sub(r"[+-]\d+$", "", p) for p in plain[0]]:
            continue
        signs = {s[0] for s in shifts}
        if len(signs) != 1:
            return None
        conv = "cross" if signs == {"+"} else "true"
        if conv == "cross" and not shifted_first:
            return None
        return conv
    return None


def _top_level_sides(latex: str) -> list[str]:
    """``latex`` split at the ``=`` signs outside braces (not the one of ``\\sum_{m = 0}``)."""
    sides, depth, start = [], 0, 0
    for k, ch in enumerate(latex):
        depth += (ch == "{") - (ch == "}")
        if ch == "=" and depth == 0:
            sides.append(latex[start:k])
            start = k + 1
    return sides + [latex[start:]]


def definition(latex: str) -> tuple[str, str] | None:
    """(operator kind, convention) a display defines, or None.  Example:
    ``definition(r"(X * W)[i,j] = \\sum_{h} \\sum_{w} X[i-h, j-w] \\cdot W[h,w]")`` → ``('star', 'true')``."""
    if len(latex) > _MAX_LEN or r"\sum" not in latex:
        return None
    sides = [s for s in _top_level_sides(latex.replace("&", " ")) if s.strip()]
    m = next((_LHS.match(side) for side in sides[:-1] if _LHS.match(side)), None)
    if m is None:
        return None
    a, op, b = m.group(1), m.group(2), m.group(3)
    outs = _indices(next(g for g in m.groups()[3:] if g is not None))
    rhs = sides[-1]
    if a == b:
        return None
    first, second = _entries(rhs, a), _entries(rhs, b)
    conv = _convention(first, second, outs) if not _residue(rhs, (a, b)) else None
    if conv is not None and _summed(rhs) != {re.sub(r"[+-]\d+$", "", ix) for e in first + second for ix in e
                                              if not any(o in ix for o in outs)}:
        conv = None                         # Σ_m A_{i+m,j+n} B_{m,n}: n is not summed
    if conv is None and first and second:   # a definition, not of these two forms
        return _CONVOLVE[op], UNREAD + " ".join(latex.split())
    return (_CONVOLVE[op], conv) if conv else None


UNREAD = "unread: "      # the value of an operator defined by a formula that is neither convention
_SUM = re.compile(r"\\sum(?:\\limits)?\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?(?:\^\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?"
                  r"(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?")
_SPACING = re.compile(r"\\(?:cdot|times|left|right|displaystyle|textstyle|[,;:! ]|quad|qquad)(?![A-Za-z])|[{}\s.,]")


def _summed(rhs: str) -> set:
    """The letters the sums of ``rhs`` run over (``\\sum_{m=0}^{k-1}\\sum_n`` and ``\\sum_{m,n}``: m, n)."""
    found = set()
    for m in re.finditer(r"\\sum(?:\\limits)?\s*_\s*(?:\{([^{}]*)\}|([A-Za-z]))", rhs):
        head = (m.group(1) if m.group(1) is not None else m.group(2)).split("=")[0]
        found |= {part.strip() for part in head.split(",") if part.strip()}
    return found


def _residue(rhs: str, names: tuple) -> str:
    """What is left of a definition's right side once its sums, the two operands' entries and
    spacing are taken away: a factor (``\\frac{1}{2}``), a bias, a third tensor; ``""`` for a bare
    ``Σ A[…] B[…]``, the only right side read as a convention (never a scaled or shifted one)."""
    text = _SUM.sub(" ", re.sub(r"\\(?:tag\*?|label)\s*\{[^{}]*\}|&", " ", rhs))
    for name in names:
        text = re.sub(r"(?:(?<![A-Za-z\\])|(?<=\^[A-Za-z]))" + re.escape(name) + r"\s*" + _ENTRY, " ", text)
    return _SPACING.sub("", text)


def operator_definitions(displays: list) -> dict:
    """``{kind: convention}`` of every operator the displays define (see the module's doc)."""
    found: dict = {}
    for tex in displays:
        for row in re.split(r"\\\\", tex):
            got = definition(re.sub(r"\\tag\s*\{?[^{}]*\}?|\\label\{[^{}]*\}|\\(?:begin|end)\{[a-z*]+\}", " ", row))
            if got is None:
                continue
            kind, conv = got
            if found.get(kind, "").startswith(UNREAD):                        # an unread definition stays
                continue
            found[kind] = conv if found.get(kind, conv) in (conv,) or conv.startswith(UNREAD) else "both"
    return found


_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\$([^$]+?)\$", re.S)


def document_definitions(text: str) -> dict:
    """:func:`operator_definitions` of every display and inline formula of a document's text."""
    return operator_definitions([next(g for g in m.groups() if g is not None) for m in _MATH.finditer(text)])



def defined_forward(latex: str, text: str) -> str:
    r"""``latex`` (a forward ``Y = A \op B`` or ``Y = A \op B + b``) written by index where the page defines
    ``(A \op B)_{i,j} = …`` with the same two letters as a true convolution or a cross-correlation
    (:func:`definition`): the definition is what the forward computes, its convention and where its outputs
    start (``(x * w)_{i,j} = \sum x_{i-m,j-n} w_{m,n}`` counts them from K - 1; red team 46: read as the section's
    default cross-correlation, such a page's wrong claims held).  Anything else is returned as written.

    >>> defined_forward("y = x * w", r"Here $(x * w)_{i,j} = \sum_m \sum_n x_{i-m,j-n} w_{m,n}$, valid part only.")
    'y_{i,j} = \\sum_m \\sum_n x_{i-m,j-n} w_{m,n}'
    """
    m = re.fullmatch(r"\s*(\\?[A-Za-z]+)\s*=\s*" + _NAME + r"\s*" + _OP + r"\s*" + _NAME + r"\s*(?:\+\s*(\\?[A-Za-z]+)\s*)?\.?\s*",
                     latex)
    if m is None or len(text) > 200_000:
        return latex
    out, a, op, b, bias = m.groups()
    for found in _MATH.finditer(text):
        tex = next(g for g in found.groups() if g is not None)
        sides = _top_level_sides(tex.replace("&", " "))
        lhs = _LHS.match(sides[0]) if len(sides) == 2 else None
        if lhs is None or (lhs.group(1), lhs.group(2), lhs.group(3)) != (a, op, b):
            continue
        defined = definition(tex)
        if defined is None or defined[1].startswith(UNREAD):
            continue
        index = next(g for g in lhs.groups()[3:] if g is not None)
        return f"{out}_{{{index}}} = {sides[1].strip()}" + (f" + {bias}" if bias else "")
    return latex


_WRITTEN = {kind: re.compile(pattern) for kind, pattern in (
    ("star", r"(?<!\\)\*|\\ast(?![A-Za-z])"), ("corr", r"\\star(?![A-Za-z])|\\otimes(?![A-Za-z])"),
    ("conv", r"\\circledast(?![A-Za-z])"))}
_NAMES = {"cross": "cross-correlation", "true": "true convolution"}


def writes_operator(latex: str, kind: str) -> bool:
    """Whether ``latex`` writes the operator ``kind`` (``star``: ``*``, ``\\ast``; ``corr``: ``\\star``,
    ``\\otimes``; ``conv``: ``\\circledast``)."""
    return kind in _WRITTEN and _WRITTEN[kind].search(latex) is not None
# what each operator means when nothing defines it (index_evaluator: * follows the section's convention)
_DEFAULT = {"star": lambda conv: conv, "corr": lambda conv: "cross", "conv": lambda conv: "true"}


def operator_mode(ctx, kind: str) -> str:
    """``"cross"`` or ``"true"``: how the index reader evaluates the operator ``kind`` (``star``,
    ``corr``, ``conv``) in ``ctx``: as the page defines it (``settings["operator_conv"]``), else
    ``*`` in the section's convention, ``⋆``/``⊗`` a cross-correlation, ``⊛`` a true convolution.
    IndexError_ when the page defines it by a formula that is neither (a factor, a stride, a
    dilation, swapped kernel indices): never read under a definition the page did not give."""
    mode = ctx.settings.get("operator_conv", {}).get(kind) or _DEFAULT[kind](ctx.convention)
    if mode.startswith(UNREAD):
        raise IndexError_(f"the claim's operator is defined on the page as {mode[len(UNREAD):]}, which is neither a "
                          "cross-correlation nor a true convolution (a factor, a stride, a dilation or swapped "
                          "kernel indices): not read under another definition")
    return mode


def operator_twin(ctx):
    """(the context with every pinned operator read the other way, the reading of ``*`` (or of the
    one pinned operator) now) for a claim :func:`operator_reading` left in doubt; None otherwise."""
    pinned = ctx.settings.get("operator_conv") or {}
    if not pinned:
        return None
    flipped = {k: ("cross" if v == "true" else "true") for k, v in pinned.items()}
    now = pinned.get("star", next(iter(pinned.values())))
    return type(ctx)(ctx.roles, {**ctx.settings, "operator_conv": flipped}, ctx.sizes), now


def operator_reading(ctx, latex: str, defs: dict, stated: str | None, words: str | None = None):
    """(ctx, note) for one claim: the operators it writes that the document defines are pinned to
    their definitions; ``stated``: a directive's ``conv=`` (about ``*``), which, where it says the
    other convention than the document's definition of ``*``, leaves the claim to be decided
    under both (``conv_words = "definition"``) instead; ``words``: the convention the prose names
    (:func:`symbp.check.doc_prose.prose_convention`), which, with no directive, does the same where it names
    the other one ("cross-correlation, which deep learning calls convolution" below ``(f * g)(i, j) = \sum f(m, n)
    g(i-m, j-n)``).  Without definitions: ``(ctx, "")``."""
    DocContext = type(ctx)
    used = {kind: defs[kind] for kind, pattern in _WRITTEN.items() if kind in defs and pattern.search(latex)}
    if not used or ctx.layer == "fc":
        return ctx, ""
    unread = {k: v for k, v in used.items() if v.startswith(UNREAD)}
    if unread:                              # the index reader's operator_conv hook leaves it unchecked
        return DocContext(ctx.roles, {**ctx.settings, "operator_conv": {**ctx.settings.get("operator_conv", {}),
                                                                         **unread}}), ""
    if ctx.settings.get("conv_words") == "conflict":    # the layer is the forward written in entries;
        ctx = DocContext(ctx.roles, {**ctx.settings, "conv": ctx.settings["conv_forward"],   # conv= is about *
                                     "conv_words": None})
    doubt = None
    if "both" in used.values() and stated is None:
        doubt = "defined-both"              # a directive's conv= settles a symbol defined both ways
    elif stated is not None and used.get("star", stated) not in (stated, "both"):
        doubt = "definition"
    elif stated is None and words in ("cross", "true") and used.get("star", words) not in (words, "both"):
        doubt = "definition-words"
    if doubt is not None:                   # decided under both readings of the operator (operator_twin)
        pinned = {k: _DEFAULT[k](ctx.convention if stated is None else stated) for k in used}
        return DocContext(ctx.roles, {**ctx.settings, "conv_words": doubt, "operator_conv": pinned}), ""
    used = {k: (stated if v == "both" else v) for k, v in used.items()}
    pinned = {**ctx.settings.get("operator_conv", {}), **used}
    note = "; ".join(f"{'*' if k == 'star' else k} read as the document defines it, {_NAMES[v]}"
                     for k, v in sorted(used.items()))
    return DocContext(ctx.roles, {**ctx.settings, "operator_conv": pinned}), f" ({note})"


__all__ = ["UNREAD", "definition", "document_definitions", "operator_definitions", "operator_mode", "operator_reading", "writes_operator",
           "operator_twin"]
