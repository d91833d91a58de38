r"""A layer's sizes read from the numbered entries a section writes, counted from 0.

``O_{00} = K_{00} X_{00} + K_{01} X_{01} + …`` down to ``O_{11}``, ``X_{22}``, ``K_{11}``: when a
section writes entries of its input, kernel and output counted from 0 (an entry ``_{00}``
exists), and their largest subscripts fit one layer (the output's side is the input's minus
the kernel's plus one on both axes: a valid, stride-1 convolution, the sizes the written-out
forward implies), those are the sizes its numbered claims are checked at, instead of sizes
symbp would choose (where a numbered entry may not exist, or exist elsewhere).  Entries that
do not fit one layer (a corner of a larger picture, a stride or a padding) give nothing, and
numbered claims stay unchecked with the directive to paste.  (1-based entries are read by the
caller, :mod:`symbp.check.real_docs`.)

Example::

    >>> seen = {"O": (1, 1), "K": (1, 1), "X": (2, 2), "base": 0, "numeric": True}
    >>> sizes_from_entries({"X": "input", "K": "kernel", "O": "output"}, seen, {})
    {'input': '3x3', 'kernel': '2x2', 'index_base': 0}
    >>> sizes_from_entries({"X": "input", "K": "kernel", "O": "output"}, {**seen, "O": (2, 2)}, {})
    {}
"""
from __future__ import annotations


def _side(seen: dict, roles: dict, role: str):
    names = [n for n, r in roles.items() if r == role and isinstance(seen.get(n), tuple)]
    sizes = {tuple(v + 1 for v in seen[n]) for n in names}
    return sizes.pop() if len(sizes) == 1 else None


def fit_output_entries(sizes: dict, seen: dict, roles: dict, settings: dict):
    """The input's (rows, columns) for a section's 1-based numbered entries (``sizes``: role ->
    the largest written subscripts of its input and kernel): the input's own entries, widened
    where the output's written entries (``O_{22}``: the output is at least 2x2) need a larger
    input under a valid stride-1 layer whose entries gave a 1x1 output (the centre ``X_{22}`` of a
    2x2 kernel's input), so that every written entry of every tensor exists (where the input's
    entries give a larger layer, they decide: an output entry past it does not exist);
    None where input or kernel wrote none, or the output's entries do not fit a layer of
    unread geometry (a stride, a padding, a pooling: no size is guessed).

    >>> roles = {"X": "input", "F": "kernel", "O": "output"}
    >>> fit_output_entries({"input": (2, 2), "kernel": (2, 2)}, {"O": (2, 2)}, roles, {})
    (3, 3)
    >>> fit_output_entries({"input": (3, 3), "kernel": (2, 2)}, {"O": (2, 2)}, roles, {})
    (3, 3)
    >>> fit_output_entries({"input": (2, 2), "kernel": (2, 2)}, {"O": (2, 2)}, roles, {"stride": "2"}) is None
    True
    >>> fit_output_entries({"input": (3, 3), "kernel": (2, 2)}, {"O": (3, 1)}, roles, {})
    (3, 3)
    """
    if not all(sizes.get(r) for r in ("input", "kernel")):
        return None
    (h, w), (kh, kw) = sizes["input"], sizes["kernel"]
    out = _side(seen, roles, "output")
    if out is None:
        return h, w
    oh, ow = (v - 1 for v in out)             # _side counts from 0: back to the 1-based largest
    if oh <= h - kh + 1 and ow <= w - kw + 1:
        return h, w
    if any(settings.get(k) not in (None, "", "1", "0", 1, 0) for k in ("stride", "padding", "dilation")) or \
            any(k in settings for k in ("stride_symbol", "stride_value", "padding_letter", "axis_params", "kernel_half")) or \
            settings.get("layer_kind", "conv") != "conv":
        return None
    if (h - kh + 1, w - kw + 1) != (1, 1):   # the input's entries give a layer: an output entry past it
        return h, w                         # does not exist (the page's slip, refuted where it is written)
    return max(h, oh + kh - 1), max(w, ow + kw - 1)


def sizes_from_entries(roles: dict, seen: dict, settings: dict) -> dict:
    """{"input": "HxW", "kernel": "KHxKW", "index_base": 0} from a section's 0-based numbered
    entries (``seen``: letter -> largest (row, column) subscript, "base", "numeric", as
    :mod:`symbp.check.real_docs` collects them) when they fit one layer of the section's roles at
    the stride, padding and dilation the settings give as numbers (1, 0, 1 where they give none:
    the prose's "stride 2, no padding" and the rows' dilation settled first) and the settings give no size or channels; else {}."""
    if not seen.get("numeric") or seen.get("base") != 0 or settings.get("index_base", 0) != 0:
        return {}
    stride, pad, dil = (int(v) if str(v).isdigit() else v for v in (
        settings.get("stride") or 1, settings.get("padding") or 0, settings.get("dilation") or 1))
    if not all(isinstance(v, int) for v in (stride, pad, dil)) or \
            any(settings.get(k) not in (None, "", "1", "0", 1, 0) for k in ("channels", "batch")) or \
            any(k in settings for k in ("input", "kernel", "stride_symbol", "stride_value", "padding_letter", "axis_params",
                                            "kernel_half")) or \
            settings.get("layer_kind", "conv") != "conv" or str(settings.get("spatial", 2)) == "1":
        return {}
    found = {role: _side(seen, roles, role) for role in ("input", "kernel", "output")}
    if not all(found.values()):
        return {}
    (h, w), (kh, kw), (oh, ow) = found["input"], found["kernel"], found["output"]
    if (oh, ow) != tuple((n + 2 * pad - dil * (k - 1) - 1) // stride + 1 for n, k in ((h, kh), (w, kw))) or \
            min(oh, ow) < 1:
        return {}
    return {"input": f"{h}x{w}", "kernel": f"{kh}x{kw}", "index_base": 0}
