r"""A forward's stride, padding and dilation written as letters of their own on each axis.

Authors who write a strided, padded convolution in full name its parameters per axis:
``G[i, j, c] = \sum_k \sum_l F[s_h \cdot i + k - p_h, s_w \cdot j + l - p_w, c_{in}] K[k, l, …]``
or ``X_{n,c,\,is_h-p_h+ud_h,\,js_w-p_w+vd_w}``.  On every spatial axis the input's index is
then the output's index times a stride letter (or alone: stride 1), plus the summed kernel
index times a dilation letter (or alone), minus a padding letter (or none): PyTorch's
``conv2d(stride, padding, dilation)`` with the entries outside the input zero.
:func:`axis_params` reads that shape (only where the letters differ between the axes, s_h
and s_w: one letter on both axes is :func:`symbp.check.doc_infer._stride_symbol`'s);
:func:`bind_axis_params` gives each letter its number from what the section states in numbers
(``<!-- symbp: stride=2 padding=1 -->``), so the claims' ``\frac{i'+p_h-k}{s_h}`` are read at
the same values.  A letter whose number the section does not give is never guessed: the
claims stay unchecked with the reason.

Example::

    >>> from symbp.check.index_claims import parse
    >>> f = parse(r"F[s_h \cdot i + k - p_h, s_w \cdot j + l - p_w, c]", ["F"])
    >>> axis_params(f, {"k", "l", "c"}, {"i", "j"})
    {'stride': ('s_h', 's_w'), 'dilation': (1, 1), 'padding': ('p_h', 'p_w')}
"""
from __future__ import annotations

from .doc_channels import spatial_indices
from .index_tree import IndexError_, Op, Ref

KINDS = ("stride", "dilation", "padding")


def _lone(e) -> str | None:
    return e.name if isinstance(e, Ref) and e.idx is None and e.label is None else None


def _axis(e, bound, out_index) -> dict | None:
    """{"stride": s, "dilation": d, "padding": p} of one input index ``s·o + d·k - p`` (a
    letter, or 1 / 0 where a part is written without one), else None."""
    terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
    found = {"stride": None, "dilation": None, "padding": 0}
    for t in terms:
        if _lone(t) in out_index or _lone(t) in bound:
            kind, letter = ("stride" if _lone(t) in out_index else "dilation"), 1
        elif isinstance(t, Op) and t.kind == "mul" and len(t.args) == 2 and all(_lone(a) for a in t.args):
            names = [_lone(a) for a in t.args]
            own = [n for n in names if n in out_index or n in bound]
            if len(own) != 1:
                return None
            kind = "stride" if own[0] in out_index else "dilation"
            letter = next(n for n in names if n != own[0])
        elif isinstance(t, Op) and t.kind == "neg" and len(t.args) == 1 and _lone(t.args[0]):
            kind, letter = "padding", _lone(t.args[0])
            if letter in out_index or letter in bound or found["padding"] != 0:
                return None
            found[kind] = letter
            continue
        else:
            return None
        if found[kind] is not None or (isinstance(letter, str) and (letter in bound or letter in out_index)):
            return None
        found[kind] = letter
    return found if found["stride"] is not None and found["dilation"] is not None else None


def axis_params(ref, bound, out_index) -> dict | None:
    """{"stride": (row, col), "dilation": …, "padding": …} of the input entry ``ref`` of a
    forward whose two spatial indices read ``s_h·i + k - p_h`` and ``s_w·j + l - p_w`` with a
    letter that differs between the axes, or ``s·i + m - p`` and ``s·j + n - p`` (one stride letter, which
    :func:`symbp.check.doc_infer._stride_symbol` reads only without a padding letter); None for any other forward.  ``bound``: the summed
    letters; ``out_index``: the output entry's index letters."""
    try:
        axes = spatial_indices(ref.idx or (), bound)
    except IndexError_:
        return None
    if len(axes) not in (1, 2) or len(axes) != len(ref.idx or ()) == 1 or not out_index:
        return None
    read = [_axis(e, bound, out_index) for e in axes] * (3 - len(axes))    # one axis: read as both
    if None in read:
        return None
    params = {k: (read[0][k], read[1][k]) for k in KINDS}
    sets = [{x for x in params[k] if isinstance(x, str)} for k in KINDS]
    per_axis = any(a != b and (isinstance(a, str) or isinstance(b, str)) for a, b in params.values()) or (
        len(axes) == 1 and isinstance(params["dilation"][0], str)) or (   # x[is + ad]: a dilation letter
        all(isinstance(x, str) for x in params["stride"]) and any(isinstance(x, str) for x in params["padding"]))
    if not per_axis or len(set().union(*sets)) != sum(len(x) for x in sets):
        return None                  # s_h on both a stride and a padding: not a parameter each
    return params


def _given(settings: dict, key: str):
    value = settings.get(key)
    return None if value is None or str(value).strip() in ("", "unsettled") else value


def bind_axis_params(ctx, strides: tuple, pads: tuple) -> None:
    """Give each letter of ``ctx.settings["axis_params"]`` (:func:`axis_params`) its number in
    ``ctx.symbols``: the strides and paddings the section gives in numbers (``strides``,
    ``pads``: (rows, cols)), dilation 1 (the only one the index reader builds).  IndexError_
    where the section gives no number for a letter, indices counted from 1, or one letter on
    two axes with two values."""
    params = ctx.settings.get("axis_params")
    if not params:
        return
    if ctx.base != 0:
        raise IndexError_("a forward with its stride and padding written per axis (s_h, p_h) is read "
                          "with indices from 0 only")
    lay = (ctx.layout.get("input") or "").upper()
    if "H" in lay and "W" in lay and lay.index("W") < lay.index("H"):
        raise IndexError_("the input's columns come before its rows (layout " + lay + "): which axis each "
                          "letter s_h, p_h belongs to is not read")
    values = {"stride": strides, "padding": pads, "dilation": (1, 1)}
    for kind in KINDS:
        letters = [x for x in params[kind] if isinstance(x, str)]
        if kind == "padding" and any(x == 0 and int(v) != 0 for x, v in zip(params[kind], pads)):
            raise IndexError_(f"the forward pads an axis by nothing, but the padding is {pads[0]},{pads[1]}")
        if not letters:
            continue
        if kind != "dilation" and _given(ctx.settings, kind) is None:
            raise IndexError_(f"the forward writes the {kind} per axis as {', '.join(dict.fromkeys(letters))}: "
                              f"give it as a number, e.g. <!-- symbp: {kind}=1 -->")
        if kind == "dilation" and str(ctx.settings.get("dilation", 1)).strip() not in ("1", "1,1", "1x1"):
            raise IndexError_("a dilation other than 1 is not read entry by entry")
        for letter, value in zip(params[kind], values[kind]):
            if not isinstance(letter, str):
                if kind != "padding" and int(letter) != int(value):
                    raise IndexError_(f"the forward's {kind} on an axis is {letter}, the section's {value}")
                continue
            if ctx.symbols.get(letter, value) != value:
                raise IndexError_(f"one letter {letter} with {kind}s {values[kind][0]},{values[kind][1]}")
            ctx.symbols[letter] = value
