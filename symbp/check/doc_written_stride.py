r"""The stride a page's written-out forward entries show, where nothing else states one.

Small examples write the convolution out entry by entry: ``o_{11} = x_{11} w_{11} + x_{12} w_{12}
+ …`` and ``o_{12} = x_{13} w_{11} + x_{14} w_{12} + …``.  Read as a cross-correlation with no
padding, a product ``x_{cd} w_{ef}`` in the output entry ``o_{ab}`` says ``c = (a - base) s_h +
e`` and ``d = (b - base) s_w + f`` (indices from ``base``); where every product of every entry
written fits one stride (the same on both axes) that stride is the section's, else nothing is
inferred (a padding, a flip or a slip in the page's rows: the other rules decide).  Without it a
5x5 input and a 3x3 kernel would be read at stride 1, and a correct stride-2 claim refuted.

>>> rows = [r"o_{11} = x_{11} w_{11} + x_{12} w_{12} + b", r"o_{12} = x_{13} w_{11} + x_{14} w_{12} + b"]
>>> written_stride({"o": "output", "x": "input", "w": "kernel"}, rows, 1)
2
>>> written_stride({"o": "output", "x": "input", "w": "kernel"}, [r"o_{12} = x_{12} w_{11} + x_{13} w_{12}"], 1)
1
"""
from __future__ import annotations

import re

from .doc_prose import stated_convention

_SUB = r"_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?"


def _letter_pattern(roles: dict, role: str) -> str | None:
    letters = {re.sub(r"[\^{].*", "", n).strip("\\ ") for n, r in roles.items() if r == role}
    letters = {c for x in letters if re.fullmatch(r"[A-Za-z]", x) for c in (x.lower(), x.upper())}   # O = W * X, o_{11}
    return "(?:" + "|".join(sorted(letters)) + ")" if letters else None


def written_stride(roles: dict, latex: list, base: int) -> int | None:
    """The one stride the written-out forward entries of ``latex`` fit (1 included), or None
    when they write none or fit no single stride (:func:`written_geometry` at dilation 1)."""
    found = written_geometry(roles, latex, base)
    return found[0] if found and found[1] == 1 else None


def written_geometry(roles: dict, latex: list, base: int) -> tuple | None:
    """The one (stride, dilation) that every product ``x_{cd} w_{ef}`` of every written output
    entry ``o_{ab}`` fits, ``c = a s + e d`` on each axis (indices from ``base``; strides and
    dilations 1 to 3), or None when the rows write none, fit none or fit several.

    >>> rows = [r"Y_{00} = x_{00} w_{00} + x_{02} w_{01}", r"Y_{01} = x_{01} w_{00} + x_{03} w_{01}"]
    >>> written_geometry({"Y": "output", "x": "input", "w": "kernel"}, rows, 0)
    (1, 2)
    """
    taps = {tap[1:] for tap in _taps(roles, latex, base)}     # (output index, input index, kernel index)
    if not taps:
        return None
    fits = [(s, d) for s in (1, 2, 3) for d in (1, 2, 3) if all(c == a * s + e * d for a, c, e in taps)]
    moves = any(a for a, _, _ in taps)                 # a row past the first: the stride shows
    dilates = any(e for _, _, e in taps)               # a tap past the first: the dilation shows
    fits = sorted({(s if moves else 1, d if dilates else 1) for s, d in fits})
    return fits[0] if len(fits) == 1 else None


def _taps(roles: dict, latex: list, base: int) -> set:
    """{(axis, a, c, e)}: each product ``x_{cd} w_{ef}`` of each written output entry ``o_{ab}``
    of ``latex``, on each axis, indices counted from 0."""
    out, inp, ker = (_letter_pattern(roles, r) for r in ("output", "input", "kernel"))
    if not (out and inp and ker):
        return set()
    text = " ".join(latex)
    heads = list(re.finditer(rf"(?<![A-Za-z\\]){out}{_SUB}\s*&?\s*=", text))
    taps = set()
    for k, head in enumerate(heads):
        a, b = int(head.group(1)) - base, int(head.group(2)) - base
        body = text[head.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        body = re.split(r"\\end\s*\{|\$\$", body)[0]
        pairs = re.findall(rf"(?<![A-Za-z\\]){inp}{_SUB}\s*(?:\\cdot|\\times|\*)?\s*{ker}{_SUB}", body)
        pairs += [(c, d, e, f) for e, f, c, d in re.findall(
            rf"(?<![A-Za-z\\]){ker}{_SUB}\s*(?:\\cdot|\\times|\*)?\s*{inp}{_SUB}", body)]
        for c, d, e, f in pairs:
            c, d, e, f = (int(v) - base for v in (c, d, e, f))
            taps |= {(0, a, c, e), (1, b, d, f)}
    return taps


def written_flip(roles: dict, latex: list, base: int) -> dict:
    """``{"conv": "true", "out_origin": (row, col)}`` where the written-out forward entries flip the
    kernel: every product ``x_{cd} w_{ef}`` of an entry ``o_{ab}`` has ``c + e - a`` the same on each axis
    (``y_{1,1} = w_{0,0} x_{1,1} + w_{0,1} x_{1,0} + w_{1,0} x_{0,1} + w_{1,1} x_{0,0}``: the page's own
    forward is a true convolution, at stride 1) and the cross-correlation's ``c - e - a`` is not; the
    output's first entry is then where the flipped kernel first fits (``K - 1`` from 0, in the page's
    count, :func:`symbp.check.index_geometry.forward_output_origin`).  Entries that flip the kernel on one axis
    and not the other, or flip it at a stride, are no convolution symbp reads: ``{"written_unread": why}``, and
    a verdict on an index claim there is unchecked (:mod:`symbp.check.convention_doubt`; red team 46: read as a
    cross-correlation, such pages' wrong claims held).  ``{}`` otherwise: no entries, a cross-correlation (at
    any stride), or entries that fit neither (a slip the other rules decide).

    >>> written_flip({"y": "output", "x": "input", "w": "kernel"},
    ...              [r"y_{1,1} = w_{0,0} x_{1,1} + w_{0,1} x_{1,0} + w_{1,0} x_{0,1} + w_{1,1} x_{0,0}"], 0)["conv"]
    'true'
    >>> written_flip({"y": "output", "x": "input", "w": "kernel"}, [r"y_{0,0} = w_{0,0} x_{0,0} + w_{0,1} x_{0,1}"], 0)
    {}
    """
    from .index_geometry import forward_output_origin
    taps = _taps(roles, latex, base)
    offsets = [({c + e - a for ax, a, c, e in taps if ax == axis}, {c - e - a for ax, a, c, e in taps if ax == axis})
               for axis in (0, 1)]
    fits = [[(any(len({c + sign * e - s * a for ax, a, c, e in taps if ax == axis}) == 1 for s in (1, 2, 3)))
             for sign in (1, -1)] for axis in (0, 1)]            # per axis: (flipped at some stride, plain at some)
    if not taps or all(plain for _, plain in fits):
        return {}
    if any(len(flipped) != 1 for flipped, _ in offsets) or any(plain for _, plain in offsets if len(plain) == 1):
        if all(flip or plain for flip, plain in fits) and any(flip and not plain for flip, plain in fits):
            return {"written_unread": "the page's forward entries flip the kernel on one axis only, or at a stride: "
                                      "neither a cross-correlation nor a true convolution symbp reads"}
        return {}
    origin = tuple(forward_output_origin(next(iter(flipped)) + base, True, size, base)
                   for (flipped, _), size in zip(offsets, ("#kr", "#kc")))
    return {"conv": "true", "out_origin": origin}


def own_forward(text: str, latex: list) -> bool:
    r"""Whether the page makes its flipped entry rows its own forward: the sentence before the display that
    writes them does not set them aside (:data:`symbp.check.stride_prose.ASIDE`: "the signal-processing convolution would give",
    "Exercise: check that").

    >>> own_forward("The forward, entry by entry:\n\n$$y_{1,1} = w_{0,0} x_{1,1}$$", ["y_{1,1} = w_{0,0} x_{1,1}"])
    True
    >>> own_forward("We use PyTorch's layer. A flipped kernel would give\n\n$$y_{1,1} = w_{0,0} x_{1,1}$$", ["y_{1,1} = w_{0,0} x_{1,1}"])
    False
    """
    from .stride_prose import aside_before
    rows = [row for row in latex if re.search(r"_\s*\{?\s*\d\s*,?\s*\d\s*\}?\s*&?\s*=", row)]
    at = text.find(rows[0][:40].strip()) if rows and text else -1
    return at >= 0 and aside_before(text, at) is None


def stride_setting(roles: dict, latex: list, merged: dict, seen: dict, text: str = "") -> dict:
    """``{"stride": "s"}`` (and ``{"dilation": "d"}``) for a section whose directive and forward
    state no stride and whose written-out entries show one above 1 (:func:`written_geometry`);
    the convention and the output's origin where they flip the kernel and the page makes them its own forward
    (:func:`written_flip`, :func:`own_forward`: a directive's conv=true gets its output count from them); where a
    directive, an index forward or the page's words say cross-correlation, a conflict that the written forward
    decides (:mod:`symbp.check.convention_doubt`); else {}."""
    if merged.get("layer_kind", "conv") != "conv" or any(
            k in merged for k in ("stride", "stride_symbol", "stride_value")):
        return {}
    base = merged.get("index_base", seen.get("base", 0))
    if "out_origin" not in merged and (flip := written_flip(roles, latex or [], base)) and own_forward(text, latex or []):
        if "written_unread" in flip or merged.get("conv") == "true" and merged.get("conv_words") in (None, "true"):
            return {**flip, "conv_words": None} if "conv_words" in merged else flip
        if merged.get("conv") == "cross" or merged.get("conv_words") == "both" or stated_convention(text) == "cross":
            return {"conv_words": "conflict", "conv_forward": "true"}     # the words or a directive say otherwise:
        return flip                                                      # the written forward is what it computes
    found = written_geometry(roles, latex or [], base)
    if not found:
        return {}
    stride, dilation = found
    return {**({"stride": str(stride)} if stride > 1 else {"written_stride": "1"}),     # stride 1 written: no pooling's
            **({"dilation": str(dilation)} if dilation > 1 and "dilation" not in merged else {})}


def entry_letters_only(roles: dict, indexed) -> dict:
    """``roles`` less the plain lower-case letters that name single output entries: where the
    page writes each output entry as its own letter (``a = w_{11} x_{11} + …``, ``b = …``) beside
    an output tensor, such a letter (never written with an index) is one entry, not the output;
    which entry is not guessed (a claim about it stays unchecked, never compared as the whole)."""
    outputs = [n for n, r in roles.items() if r == "output"]
    if len({n.split("^")[0].lower() for n in outputs}) < 2:
        return roles
    single = {n for n in outputs if re.fullmatch(r"[a-z]", n) and n not in indexed}
    return {n: r for n, r in roles.items() if n not in single}


__all__ = ["entry_letters_only", "own_forward", "stride_setting", "written_flip", "written_geometry", "written_stride"]
