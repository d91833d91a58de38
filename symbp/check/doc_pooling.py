r"""Average pooling written in index notation, read as the document's forward.

``y_{ij} = \frac{1}{k^2}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1} x_{ki+m,kj+n}`` (or ``\sum_{m,n}``,
a stride letter ``s``, 1-based sums, a number such as ``\frac{1}{4}``): one input tensor
summed over a window, times a constant.  The section is then held as a convolution whose
kernel is that constant in every tap and is no tensor of the document
(:class:`symbp.check.doc_names.DocContext` with ``layer_kind="pool-avg"``), so every index claim
about ∂L/∂x is derived from the document's own forward and checked entry by entry.

The window's size comes from a sum's upper bound (``k-1``, or ``k`` when 1-based) over the
index that moves the input's row or column; a stride letter that is the window's size
(``x_{ki+m}``) makes the stride the window (non-overlapping pooling).

Example::

    >>> from symbp.check.index_claims import parse
    >>> from symbp.check.doc_infer import _stride_symbol
    >>> found = avg_pool_forward(parse(r"\frac{1}{k^2}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1} x_{ki+m,kj+n}"),
    ...                          {"i", "j"}, _stride_symbol)
    >>> found["input"], found["dims"], found["stride_symbol"]
    ('x', {'k': ('kernel', 0)}, 'k')
    >>> pool_scale(found["pool_scale"], {"k": 2})
    Fraction(1, 4)
"""
from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import sympy as sp

from .index_claims import IndexError_, Op, Ref, Sum, names_in
from .index_tree_walks import subscripted_sizes
from .tree_maps import map_refs


def avg_pool_forward(tree, out_index: set, stride_of=None, number_of=None) -> dict | None:
    """The settings of an average-pooling forward side (``tree``: the parsed right side;
    ``out_index``: the output's own index letters; ``stride_of(ref, bound, base, out_index)``:
    the stride letter of the input's entry, :func:`symbp.check.doc_infer._stride_symbol`;
    ``number_of(ref, bound)``: its stride in numbers, ``x_{2i+m}``,
    :func:`symbp.check.doc_infer._stride_number`), or None when it is not one."""
    scale, node = None, subscripted_sizes(tree, _bound_names(tree))     # \frac{1}{k_p^2} beside \sum_{m=0}^{k_p-1}
    if isinstance(node, Op) and node.kind == "mul" and len(node.args) == 2:
        consts = [a for a in node.args if not isinstance(a, Sum)]
        sums = [a for a in node.args if isinstance(a, Sum)]
        if len(consts) != 1 or len(sums) != 1 or not _constant(consts[0]):
            return None
        scale, node = consts[0], sums[0]
    sums = []
    while isinstance(node, Sum):
        sums.append(node)
        node = node.body
    if isinstance(node, Op) and node.kind == "div" and _constant(node.args[1]) and scale is None:
        scale, node = Op("div", (1, node.args[1])), node.args[0]      # Σ x / k^2
    if not sums or scale is None or not isinstance(node, Ref) or not node.idx or len(node.idx) > 2:
        return None
    bound = {v for s in sums for v in s.vars}
    if not all(names_in(e) & bound and names_in(e) - bound for e in node.idx):
        return None                       # every axis moves with the window and the output
    found = {"input": node.name, "pool_scale": scale, "dims": {}, "pool": "avg", "conv": "cross"}
    if any(s.lo is not None and s.lo == 1 for s in sums):
        found["index_base"] = 1
    stride = stride_of(node, bound, found.get("index_base", 0), out_index) if stride_of else None
    if stride is not None:
        found["stride_symbol"] = stride
    number = number_of(node, bound) if number_of and stride is None else None
    if number is not None:                # x_{2i+m, 2j+n}: a stride in numbers
        found["stride_value"] = number[0]
    numeric = {_number_span(s) for s in sums if any(set(s.vars) & names_in(e) for e in node.idx)}
    if len(numeric) == 1 and None not in numeric:
        found["window"] = numeric.pop()   # \sum_{m=0}^{1}\sum_{n=0}^{1}: a 2x2 window, whatever sizes are tried
    for s in sums:                        # the window's size: a sum's upper bound
        hi = sorted(names_in(s.hi)) if s.hi is not None else []
        for axis, e in enumerate(node.idx):
            if not (set(s.vars) & names_in(e)) or len(hi) != 1:
                continue
            if hi[0] in found["dims"] and found["dims"][hi[0]] != ("kernel", axis):
                found.setdefault("same_size", []).append((found["dims"][hi[0]], ("kernel", axis)))
            else:
                found["dims"][hi[0]] = ("kernel", axis)
    if stride is None:                    # x_{i+m-1}: where the output's indices start
        origins = []
        for axis, e in enumerate(node.idx):
            const = _constant_term(e)                                # 2(i-1)+m: -2, as 2i-2+m
            step = number[0][axis] if number is not None else 1      # x_{2i-2+m}: the output's i = 1 reads x_1
            if const.denominator != 1 or const % step:
                return None
            origins.append(-int(const) // step)
        found["out_origin"] = tuple(origins * (2 // len(origins)))
    if len(node.idx) == 1:
        found["spatial"] = 1
    return found


# \sum_{(m,n) \in R_{i,j}} x_{m,n}, \max_{(m,n) \in \mathcal{R}_{ij}} x_{m,n}: a window named as a set
_SET_WINDOW = re.compile(
    r"\\(sum|max)\s*_\s*\{\s*\(\s*([A-Za-z])\s*,\s*([A-Za-z])\s*\)\s*(?:\\in|∈)\s*(?:\\mathcal\s*\{?\s*[A-Za-z]\s*\}?"
    r"|[A-Za-z])\s*_\s*\{?\s*\(?\s*([A-Za-z])\s*,?\s*([A-Za-z])\s*\)?\s*\}?\s*\}\s*(?:\\left\s*)?\(?\s*"
    r"(\\?[A-Za-z]+)\s*_\s*\{\s*([A-Za-z])\s*,?\s*([A-Za-z])\s*\}\s*(?:\\right\s*)?\)?\s*$")
_MEAN_OF_SET = re.compile(r"^\s*\\[dt]?frac\s*\{\s*1\s*\}\s*\{\s*\|\s*(?:\\mathcal\s*\{?\s*[A-Za-z]\s*\}?|[A-Za-z])"
                          r"\s*(?:_\s*\{[^{}]*\}|_\s*[A-Za-z])?\s*\|\s*\}\s*(?:\\cdot\s*)?$")


def window_set_forward(side: str, out_index: tuple, parse) -> dict | None:
    r"""The settings of a pooling forward side that names each output's window as a set,
    ``\frac{1}{k^2}\sum_{(m,n) \in R_{i,j}} x_{m,n}``, ``\frac{1}{|R_{i,j}|}\sum_{(m,n) \in R_{i,j}} x_{m,n}``,
    ``\max_{(m,n) \in R_{i,j}} x_{m,n}`` (``out_index``: the output's index letters in order, ``(i, j)``;
    ``parse``: the index reader's parser, for the scale), or None when it is not one.

    R_{i,j} is the window of output (i, j): its first entry is the stride times the output's index
    (from the first index on), its size the section's kernel (a scale ``\frac{1}{k^2}`` makes the
    letter k its side).  No stride is written: the directive's or the prose's, else the window's
    own size (``window_set``: PyTorch's default, windows that do not overlap)."""
    m = _SET_WINDOW.search(side)
    if not m or tuple(m.group(4, 5)) != tuple(out_index) or m.group(2, 3) != m.group(7, 8):
        return None
    head = side[:m.start()].strip()
    head = re.sub(r"\\cdot\s*$", "", head).strip()
    named = re.search(r"(?:\\in|∈)\s*(?:\\mathcal\s*\{?\s*)?([A-Za-z])", m.group(0))    # R of R_{i,j}
    found = {"input": m.group(6).lstrip("\\"), "dims": {}, "conv": "cross", "window_set": True,
             "window_letter": (named.group(1), *m.group(4, 5))}
    if m.group(1) == "max":
        if head:
            return None
        return {**found, "pool": "max", "pool_scale": sp.Integer(1), "layer_kind": "pool-max"}
    if _MEAN_OF_SET.match(head):                 # 1/|R|: the window's mean, whatever its size
        return {**found, "pool": "avg", "layer_kind": "pool-avg"}
    try:
        scale = parse(head) if head else None
    except IndexError_:
        return None
    if scale is None or not _constant(scale):
        return None                              # Σ without a mean: a sum pooling, not read here
    letters = sorted(names_in(scale))
    if len(letters) == 1:                        # \frac{1}{k^2}: k is the window's side
        found["dims"][letters[0]] = ("kernel", 0)
    elif letters:
        return None
    return {**found, "pool": "avg", "pool_scale": scale, "layer_kind": "pool-avg"}


def pool_kernel(ctx, cout, cin, kh, kw):
    r"""The (cout, cin, kh, kw) kernel of an average-pooling section (``ctx``: the sized
    :class:`symbp.check.doc_names.DocContext` being built): the window's constant
    (``\frac{1}{k^2}`` at these sizes) in every tap of a channel's own window.  A stride letter that is the window's
    size makes the stride the window (``ctx.strides`` is set)."""
    if ctx.settings.get("window") not in (None, kh) or ctx.settings.get("window") not in (None, kw):
        raise IndexError_(f"the forward's window is {ctx.settings['window']} wide, not {kh}x{kw}")
    dims = ctx.settings.get("dims", {})
    if ctx.settings.get("stride_symbol") in dims and ctx.settings.get("stride") is None:
        if dims[ctx.settings["stride_symbol"]] != ("kernel", 0) or (kh != kw and ctx.spatial == 2):
            raise IndexError_("a stride letter that is a side of the window")
        ctx.strides = (kw, kw) if ctx.spatial == 1 else (kh, kw)
    values = {n: ((ctx.sizes[0] if r == "input" else ctx.sizes[1])[1 if ctx.spatial == 1 else a])
              for n, (r, a) in dims.items() if r in ("input", "kernel") and a < 2}    # 1-D: the length; a plane's axes only
    if ctx.settings.get("stride_symbol"):
        values.setdefault(ctx.settings["stride_symbol"], ctx.strides[1])
    scale = sp.Rational(pool_scale(ctx.settings["pool_scale"], values)) if "pool_scale" in ctx.settings \
        else sp.Rational(1, kh * kw)            # a directive's avgpool: the window's mean
    if cout != cin:
        raise IndexError_(f"pooling keeps the channels: {cin} in, {cout} out")
    kernel = np.full((cout, cin, kh, kw), sp.Integer(0), dtype=object)
    for c in range(cin):                        # each channel pooled alone: no tap across channels
        kernel[c, c] = scale
    return kernel


def _bound_names(node) -> set:
    """The names the bounds of ``node``'s sums write (``k_p`` of ``\\sum_{m=0}^{k_p-1}``)."""
    if isinstance(node, Sum):
        return names_in(node.lo) | names_in(node.hi) | _bound_names(node.body)
    if isinstance(node, Op):
        return set().union(*(_bound_names(a) for a in node.args if not isinstance(a, (str, tuple))))
    return set()


def _number_span(s: Sum):
    """How many values a sum with numeric bounds runs over (``\\sum_{m=0}^{1}``: 2), else None."""
    if s.lo is None or s.hi is None or names_in(s.lo) or names_in(s.hi):
        return None
    try:
        return int(pool_scale(s.hi, {}) - pool_scale(s.lo, {})) + 1
    except (IndexError_, TypeError, ValueError, ZeroDivisionError):
        return None


def _constant(e) -> bool:
    """A number or an expression of size letters (``\\frac{1}{k^2}``, ``4``, ``k \\cdot k``)."""
    if isinstance(e, int) or (hasattr(e, "is_Integer") and e.is_Integer):
        return True
    if isinstance(e, Ref):
        return e.idx is None and (e.label is None or e.label.isdigit())
    if isinstance(e, Op) and e.kind in ("div", "mul", "add", "neg"):
        return all(_constant(a) for a in e.args)
    return False


def pool_scale(e, values: dict) -> Fraction:
    """The constant's value with the size letters in ``values``; IndexError_ for a letter
    without one or a division by zero."""
    if isinstance(e, int) or (hasattr(e, "is_Integer") and e.is_Integer):
        return Fraction(int(e))
    if isinstance(e, Ref):
        if e.name not in values:
            raise IndexError_(f"the size {e.name} in the pooling's scale is not known")
        return Fraction(values[e.name]) ** (int(e.label) if e.label else 1)
    vals = [pool_scale(a, values) for a in e.args]
    if e.kind == "neg":
        return -vals[0]
    if e.kind == "add":
        return sum(vals, Fraction(0))
    if e.kind == "mul":
        out = Fraction(1)
        for v in vals:
            out *= v
        return out
    if vals[1] == 0:
        raise IndexError_("the pooling's scale divides by zero")
    return vals[0] / vals[1]


def _constant_term(e) -> Fraction:
    r"""The constant of an index written with whole numbers and letters (every letter 0); for one
    this cannot evaluate (``\lfloor i/2 \rfloor``, ``i^{-1}``), the sum of its terms that hold no letter."""
    try:
        return pool_scale(e, dict.fromkeys(names_in(e), 0))
    except (IndexError_, IndexError, ZeroDivisionError, TypeError, ValueError):
        terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
        return sum((pool_scale(t, {}) for t in terms if not names_in(t)), Fraction(0))


def distributed(tree):
    r"""``tree`` with every entry's index written ``k(i - c) + m`` (a whole number times a bracket,
    ``x_{2(h-1)+i}``) multiplied out, ``2h - 2 + i``, so that the pooling readers see the stride and
    where the output starts as they do in ``x_{2h-2+i}``; anything else unchanged."""
    def whole(e):
        return isinstance(e, int) or getattr(e, "is_Integer", False)

    def times(k, t):
        if whole(t):
            return k * int(t)
        if isinstance(t, Op) and t.kind == "neg" and len(t.args) == 1 and whole(t.args[0]):
            return Op("neg", (k * int(t.args[0]),))
        return Op("mul", (k, t)) if isinstance(t, Ref) and t.idx is None else None

    def index(e):
        if isinstance(e, Op) and e.kind == "mul" and len(e.args) == 2:
            k, inner = e.args if whole(e.args[0]) else e.args[::-1]
            if whole(k) and isinstance(inner, Op) and inner.kind == "add":
                parts = [times(int(k), t) for t in inner.args]
                return e if any(p is None for p in parts) else Op("add", tuple(parts))
        if isinstance(e, Op) and e.kind == "add":
            flat = []
            for t in map(index, e.args):
                flat += t.args if isinstance(t, Op) and t.kind == "add" else (t,)
            return Op("add", tuple(flat))
        return e

    return map_refs(tree, lambda r: Ref(r.name, r.label, tuple(index(e) for e in r.idx)) if r.idx else r)


def window_letters(tree) -> tuple | None:
    r"""(the window offset letter of each spatial axis, the output letter of each) of a pooling
    forward's right side read as one map (``\max_{i,j} X_{2h+i,2w+j}`` → ``(('i', 'j'), ('h', 'w'))``),
    or None where an axis does not write exactly one of each."""
    from .doc_channels import refs_with_bound
    entries = [(r, bound) for r, bound in refs_with_bound(tree) if r.idx]
    if len({(r.name, len(r.idx)) for r, _ in entries}) != 1:
        return None
    ref, bound = entries[0]
    offsets = [sorted(names_in(e) & bound) for e in ref.idx]
    outs = [set(n for n in names_in(e) - bound if len(n) == 1 and n.islower()) for e in ref.idx]
    shared = set.intersection(*outs) if len(outs) > 1 else set()         # hs+i, ws+j: s the stride
    outs = [sorted(o - shared) if len(o) > 1 else sorted(o) for o in outs]
    if any(len(o) != 1 for o in offsets) or any(len(o) > 1 for o in outs):
        return None
    return tuple(o[0] for o in offsets), tuple(o[0] if o else None for o in outs)


# what a directive's layer= sets for the index reader (a layer whose forward is not conv2d's)
KIND_SETTINGS = {"avgpool": {"layer_kind": "pool-avg"}, "maxpool": {"layer_kind": "pool-max", "pool_scale": 1},
                 "conv-transpose2d": {"layer_kind": "conv-transpose"}}


def window_settings(merged: dict, prose: dict, geometry: dict | None) -> None:
    r"""A pooling window the prose names (``prose["#window"]``: (rows, cols) from ``each $M\times N$
    window``, ``a $2\times 2$ window``; ``prose``: :func:`symbp.check.doc_prose.prose_sizes`) in a pooling
    section (``merged``: its settings): its letters become the window's sizes (``merged["dims"]``), its
    numbers the kernel setting; where the prose gives the input's size alone, the window the forward sums
    over (``merged["window"]``) is the kernel.  The one stride the prose gives in numbers ("the windows move
    with stride 1") is the stride where the forward writes none; where its words say one this reader
    does not take (``geometry``: :func:`symbp.check.doc_prose.prose_geometry`; "unit stride"), the window
    is not taken for it (``merged["stride_unsettled"]``)."""
    window = prose.get("#window")
    if merged.get("layer_kind") in ("pool-avg", "pool-max") and merged.get("stride_symbol") not in merged["dims"]:
        if "#stride" in prose:
            merged.setdefault("stride", prose["#stride"][0])
        elif "stride" not in merged and (geometry or {}).get("stride_words"):
            merged["stride_unsettled"] = True
    if window is None and "input" in merged and str(merged.get("window", "")).isdigit():
        window = (str(merged["window"]),) * 2       # the forward's Σ_{u=0}^{1}, with "the 4×4 map x": that size
    if window is None or merged.get("layer_kind") not in ("pool-avg", "pool-max"):
        return
    rows, cols = window
    for sym, axis in ((rows, 0), (cols, 1)):
        if not sym.isdigit():
            merged["dims"].setdefault(sym, ("kernel", axis))
    if rows.isdigit() and cols.isdigit():
        merged.setdefault("kernel", f"{rows}x{cols}")


# y_{11} = \max(x_{11}, x_{12}, x_{21}, x_{22}): one output entry of a pooling written out
_POOL_ROW = re.compile(r"^\s*([A-Za-z])\s*_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?\s*=\s*(\\max|\\(?:text|mathrm|operatorname)"
                       r"\s*\{\s*(?:avg|mean|average|max)\s*\})\s*(?:\\left\s*)?\(\s*(.*?)\s*(?:\\right\s*)?\)\s*[,.;]?\s*$")
_ENTRY = re.compile(r"^([A-Za-z])\s*_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?$")


_ROW_SEP = re.compile(r"\\\\|&|\\q?quad\b|\\hspace\s*\{[^{}]*\}")     # rows: \\, &, \quad between them


def written_pool_rows(latex: str) -> str | None:
    r"""The index forward of a pooling a display writes out entry by entry,
    ``y_{11} = \max(x_{11}, x_{12}, x_{21}, x_{22}) & y_{12} = \max(x_{13}, …) \\ …`` (or
    ``\text{avg}``, ``\text{mean}``): every row's arguments are one full window of the input,
    at one window size and one stride on each axis, the output's and the input's entries counted
    from the same base (0 or 1); None when the rows write anything else or fit no such layer.

    >>> rows = r"y_{11} = \max(x_{11},x_{12},x_{21},x_{22}) & y_{12} = \max(x_{13},x_{14},x_{23},x_{24}) \\ " \
    ...        r"y_{21} = \max(x_{31},x_{32},x_{41},x_{42}) & y_{22} = \max(x_{33},x_{34},x_{43},x_{44})"
    >>> written_pool_rows(rows)
    'y_{i,j} = \\max_{m=1}^{2}\\max_{n=1}^{2} x_{2i-2+m,2j-2+n}'
    """
    body = re.sub(r"\\(?:begin|end)\s*\{[a-z*]+\}(?:\s*\{[lcr|]*\})?|\\(?:left|right)\s*\\?[{}.]", " ", latex)
    rows = [r for r in _ROW_SEP.split(body) if r.strip()]
    found = [_POOL_ROW.match(r) for r in rows]
    if len(found) < 2 or not all(found) or len({(m.group(1), _kind(m.group(4))) for m in found}) != 1:
        return None
    out_at, windows = [], []
    for m in found:
        cells = [_ENTRY.match(a.strip()) for a in m.group(5).split(",")]
        if not all(cells) or len({c.group(1) for c in cells}) != 1 or cells[0].group(1) == m.group(1) or \
                len({c.group(0).replace(" ", "") for c in cells}) != len(cells):      # an entry twice: no window
            return None
        out_at.append((int(m.group(2)), int(m.group(3))))
        windows.append({(int(c.group(2)), int(c.group(3))) for c in cells})
    base = min(min(o) for o in out_at)
    if base not in (0, 1) or min(min(min(w)) for w in windows) != base:
        return None
    shape = _window_shape(windows)
    steps = [_axis_step([o[axis] - base for o in out_at], [min(c[axis] for c in w) - base for w in windows])
             for axis in (0, 1)]
    if shape is None or None in steps or steps[0] != steps[1]:
        return None
    (kh, kw), step = shape, steps[0]
    height, width = (max(c[axis] for w in windows for c in w) + 1 - base for axis in (0, 1))
    grid = {(base + r, base + c) for r in range((height - kh) // step + 1) for c in range((width - kw) // step + 1)}
    if set(out_at) != grid:          # y_{11}, y_{13}, … named by their window's start: not every output written
        return None
    inp, out = cells[0].group(1), found[0].group(1)
    lo, scale = base, "" if step == 1 else str(step)
    index = [f"{scale}{v}-{step}+{w}" if base else f"{scale}{v}+{w}" for v, w in (("i", "m"), ("j", "n"))]
    sums = ("\\max" if _kind(found[0].group(4)) == "max" else "\\sum", "")
    window = f"{sums[0]}_{{m={lo}}}^{{{kh - 1 + lo}}}{sums[0]}_{{n={lo}}}^{{{kw - 1 + lo}}}"
    scale_by = "" if sums[0] == "\\max" else f"\\frac{{1}}{{{kh * kw}}}"
    return f"{out}_{{i,j}} = {scale_by}{window} {inp}_{{{index[0]},{index[1]}}}"


def written_pool_sizes(latex: str) -> dict:
    """The input's size, the window and the index base the rows :func:`written_pool_rows` reads
    state (the largest input entry any row writes), as a directive would: {} for other displays."""
    if written_pool_rows(latex) is None:
        return {}
    cells = [tuple(map(int, m.groups()[1:])) for m in re.finditer(r"(?<![A-Za-z\\])([A-Za-z])\s*_\s*\{?\s*(\d)\s*,?\s*(\d)", latex)]
    rows = [_POOL_ROW.match(r) for r in _ROW_SEP.split(re.sub(r"\\(?:begin|end)\s*\{[a-z*]+\}(?:\s*\{[lcr|]*\})?", " ", latex)) if r.strip()]
    windows = [{tuple(map(int, c.groups()[1:])) for c in (_ENTRY.match(a.strip()) for a in m.group(5).split(","))}
               for m in rows]
    inputs, (kh, kw) = set().union(*windows), _window_shape(windows)
    base = min(min(c) for c in cells)
    return {"input": f"{max(r for r, _ in inputs) + 1 - base}x{max(c for _, c in inputs) + 1 - base}",
            "kernel": f"{kh}x{kw}", "index_base": base}


def _kind(function: str) -> str:
    return "max" if "max" in function else "avg"


def _window_shape(windows: list) -> tuple | None:
    """(rows, cols) of every window when each is a full rectangle of that one shape, else None."""
    shapes = set()
    for w in windows:
        rows, cols = sorted({r for r, _ in w}), sorted({c for _, c in w})
        if len(w) != len(rows) * len(cols) or rows != list(range(rows[0], rows[-1] + 1)) or \
                cols != list(range(cols[0], cols[-1] + 1)):
            return None
        shapes.add((len(rows), len(cols)))
    return shapes.pop() if len(shapes) == 1 and max(next(iter(shapes))) > 1 else None


def _axis_step(outs: list, starts: list) -> int | None:
    """The one stride s with start = s · out on this axis for every row (0-based), else None;
    None too when the rows never move along it."""
    steps = {s // o for o, s in zip(outs, starts) if o}
    if len(steps) != 1 or not all(s == next(iter(steps)) * o for o, s in zip(outs, starts)) or next(iter(steps)) < 1:
        return None
    return next(iter(steps))
