r"""What a forward's sums say about its kernel's index ranges.

A sum's upper bound over a kernel index names that kernel size (``\sum_{u=1}^p``: p the kernel's
rows; :func:`kernel_ranges`).  Kernels indexed around their centre: ``G[i,j] = \sum_{u=-k}^{k} \sum_{v=-k}^{k} H[u,v] F[i+u,j+v]``
(image-processing notes, Szeliski's book, CS131) and ``y[n] = \sum_{m=-M}^{M} h[m] x[n-m]``
(signal processing).  The kernel's indices run from -h to h on each axis where its size is
K = 2h + 1, so K must be odd; the bound's letter (k, M) is h, not the size.

With the kernel counted from ``k0`` instead of the section's base b, the output's first index
(:func:`symbp.check.index_geometry.forward_output_origin`, which counts the kernel from b) moves:

* cross-correlation, input index ``i + u + c``: o = b - k0 - c, that is **o + (b + h)**;
* true convolution, input index ``i - u + c``: o = K - 1 + b + k0 - c, that is **o - (b + h)**.

So ``F[i+u]`` with u = -1..1 and padding 1 gives an output as large as its input, counted from
the base, as does ``x[n-m]`` with m = -M..M and padding M.

A kernel written between two numbers from below 0 (``\sum_{m=-1}^{2}``) starts at the first: k0 = -1
here, with four entries, and h above is -k0.  :func:`centred_kernel` reads this from a forward
(settings ``kernel_half``: per axis, rows then columns, the written upper bound h, or (first, last)
for numbers); :func:`bind_centre` gives h its number where a section is built (``#khr``, ``#khc``:
-k0 on each axis); :func:`kernel_origins` is where the kernel's axes start.

Example::

    >>> from .index_claims import parse
    >>> tree = parse(r"\sum_{u=-k}^{k} \sum_{v=-k}^{k} H_{u,v} F_{i+u,j+v}")
    >>> extra = {"out_origins": {"cross": (0, 0), "true": (0, 0)}, "conv": "cross"}
    >>> kernel_ranges(tree.body.body.args[0], tree.body.body.args[1], [tree, tree.body], extra)
    >>> [h.name for h in extra["kernel_half"]], extra["dims"]       # k is no size: half of it
    (['k', 'k'], {})
"""
from __future__ import annotations

import sympy as sp

from .doc_channels import plain_size, spatial_indices
from .index_claims import IndexError_, Op, Ref, names_in
from .index_tree import size_names


def kernel_ranges(kernel, signal, sums, extra: dict) -> None:
    """Read the kernel's sizes from the sums' upper bounds into ``extra["dims"]`` ({letter:
    ("kernel", axis)}; two letters for one axis: ``extra["same_size"]``), then its centre
    (:func:`centred_kernel`)."""
    if kernel is None:
        return
    for s in sums:
        if s.hi is None or not plain_size(s.hi):     # H_k: a size with its own subscript
            continue
        hi_syms = sorted(size_names(s.hi))          # F^{l}: a size of layer l
        for axis, e in enumerate(kernel.idx or ()):
            if isinstance(e, Ref) and e.name in s.vars and len(hi_syms) == 1:
                dims = extra.setdefault("dims", {})
                if hi_syms[0] in dims and dims[hi_syms[0]] != ("kernel", axis):
                    extra.setdefault("same_size", []).append((dims[hi_syms[0]], ("kernel", axis)))   # n x n
                else:
                    dims[hi_syms[0]] = ("kernel", axis)
    centred_kernel(kernel, signal, sums, extra)


def _half(sum_node):
    """The written h of a sum from -h to h (``\\sum_{u=-k}^{k}``: 'k' as its tree); (lo, hi) of a sum between
    two numbers from below 0 (``\\sum_{m=-1}^{2}``: (-1, 2)); else None."""
    if sum_node.lo is None or sum_node.hi is None:
        return None
    if sum_node.lo == Op("neg", (sum_node.hi,)):
        return sum_node.hi
    lo, hi = whole_number(sum_node.lo), whole_number(sum_node.hi)
    return (lo, hi) if lo is not None and hi is not None and lo < 0 <= hi else None


def whole_number(tree) -> int | None:
    """A written whole number (``2``, ``-1`` parsed as neg(1)), else None (also :mod:`symbp.check.doc_infer`'s)."""
    if isinstance(tree, (int, sp.Integer)):
        return int(tree)
    if isinstance(tree, Op) and tree.kind == "neg" and len(tree.args) == 1 and isinstance(tree.args[0], (int, sp.Integer)):
        return -int(tree.args[0])
    return None


def centred_kernel(kernel, signal, sums, extra: dict) -> None:
    """Set ``extra["kernel_half"]`` (the written h per axis, rows then columns; a 1-D layer's
    twice) where every sum over a kernel index that moves along the input runs from -h to h,
    move the forward's output origins by b + h (module text), and take a lone letter h out of
    ``extra["dims"]``, where the sum's upper bound had named it the kernel's size.  ``"mixed"``
    where one axis is centred and another is not (not read)."""
    if kernel is None or signal is None or not kernel.idx or not signal.idx:
        return
    owner = {v: s for s in sums for v in s.vars}
    kernel_vars = {e.name for e in kernel.idx if isinstance(e, Ref) and e.idx is None and e.name in owner}
    halves = []
    for e in spatial_indices(signal.idx, set(owner)):
        moving = [n for n in names_in(e) if n in kernel_vars]
        if len(moving) == 1:
            halves.append(_half(owner[moving[0]]))
    if not halves or all(h is None for h in halves):
        return
    if any(h is None for h in halves) or len(halves) > 2:
        extra["kernel_half"] = "mixed"
        return
    extra["kernel_half"] = tuple(halves * 2 if len(halves) == 1 else halves)
    for h in halves:              # the letter k of -k..k is half the size: no size letter
        if isinstance(h, Ref) and h.idx is None and extra.get("dims", {}).get(h.name, ("",))[0] == "kernel":
            del extra["dims"][h.name]
    origins = extra.get("out_origins")
    if origins:
        moved = {conv: tuple(_moved(o, half, conv == "cross") for o, half in zip(pair, ("#khr", "#khc")))
                 for conv, pair in origins.items()}
        extra["out_origins"] = moved
        extra["out_origin"] = moved[extra.get("conv", "cross")]


def _moved(origin, half: str, cross: bool):
    """``origin + (#base + half)`` for a cross-correlation, ``origin - (#base + half)`` for a
    true convolution, as an index tree."""
    tree = sp.Integer(origin) if isinstance(origin, int) else origin
    shift = (Ref("#base", None, None), Ref(half, None, None))
    return Op("add", (tree, *shift) if cross else (tree, *(Op("neg", (s,)) for s in shift)))


def bind_centre(ctx, kh: int, kw: int, whole_index) -> None:
    """Give a centred kernel's half sizes their numbers in ``ctx.symbols`` (``#khr``, ``#khc``
    and the written letters), in a section built at kernel size ``kh`` x ``kw``; IndexError_
    where the size is even, where a written number or formula is not the half size, or where
    a stride, a dilation or a pooling window would need more than this module's formula
    (``whole_index``: :func:`symbp.check.doc_padding.whole_index`, a written bound's number)."""
    halves = ctx.settings.get("kernel_half")
    if not halves:
        return
    if halves == "mixed":
        raise IndexError_("a kernel indexed from -k to k on one axis and from the base on another is not read")
    if ctx.layer != "conv" or tuple(ctx.strides) != (1, 1) or \
            str(ctx.settings.get("dilation", "1")) not in ("1", "1x1") or \
            any(k in ctx.settings for k in ("stride_symbol", "stride_const", "axis_params")):
        raise IndexError_("a kernel indexed from -k to k is read with stride 1 and no dilation only")
    kh = kw if ctx.spatial == 1 else kh              # a 1-D layer: its length twice
    firsts = []
    for written, size in zip(halves, (kh, kw)):
        if isinstance(written, tuple):               # \sum_{m=-1}^{2}: from -1, four entries
            if written[1] - written[0] + 1 != size:
                raise IndexError_(f"the kernel's indices run from {written[0]} to {written[1]}, not over {size} entries")
            firsts.append(written[0])
            continue
        if size % 2 == 0:
            raise IndexError_(f"a kernel indexed from -k to k has an odd size, not {kh}x{kw}")
        number = (size - 1) // 2
        if isinstance(written, Ref) and written.idx is None and written.name not in ctx.symbols:
            ctx.symbols[written.name] = number
        elif whole_index(written, ctx.symbols) != number:
            raise IndexError_(f"the kernel's indices run to {number} here, not to the written bound")
        firsts.append(-number)
    ctx.symbols.update({"#khr": -firsts[0], "#khc": -firsts[1]})


def kernel_origins(ctx, ndim: int) -> tuple:
    """The first index of each of a centred kernel's axes in the document's order: -h on its
    rows and columns, the base on its channel axes."""
    canon = ctx._CANON["kernel"].replace("H", "") if ctx.spatial == 1 else ctx._CANON["kernel"]
    want = ctx.layout.get("kernel")
    letters = "".join(c for c in canon if c not in "NOIC") if want is None else want.upper()
    if len(letters) != ndim:
        return (ctx.base,) * ndim
    first = {"H": -ctx.symbols["#khr"], "W": -ctx.symbols["#khc"]}
    return tuple(first.get(c, ctx.base) for c in letters)
