r"""Channels and a batch in a forward written in index notation: which of an entry's indices
are its rows and columns (they move with the window), which is the batch and which the
channel, and so the index order of every tensor (NCHW, NHWC, HWC, a 1-D ``CW`` …), read
from the document's own forward, never guessed; and the kind of a tensor's axis (batch,
channel, space) in a section's layout.

Example::

    >>> from .index_claims import parse
    >>> out = parse(r"y_{n,i,j,f}")
    >>> channel_layouts(out, r"\sum_c \sum_m \sum_v x_{n,i+m,j+v,c} w_{f,m,v,c}",
    ...                 {"x": "input", "w": "kernel"})["input"]
    'NHWC'
"""
from __future__ import annotations

import sympy as sp

from .index_claims import IndexError_, Op, Ref, Sum, names_in, parse
from .tree_maps import map_refs


def axis_kind(ctx, name, label, axis):
    """The kind of an axis of the named tensor in ``ctx``'s layout (a DocContext): ``"batch"``,
    ``"channel"`` (C, O, I) or ``"space"`` (H, W); None without a layout or a role.
    Example: with ``layout: x=NHWC``, ``axis_kind(ctx, "x", None, 3)`` → ``"channel"``."""
    try:
        role = ctx.role(name, label)
    except IndexError_:
        return None
    role = {"preact_in": "input", "preact_grad": "input", "delta": "output"}.get(role, role)
    lay = ctx.layout.get(role)
    if not lay or axis >= len(lay):
        return None
    return {"N": "batch", "H": "space", "W": "space"}.get(lay[axis].upper(), "channel")


def counted_axes(settings: dict, layout: dict, layer: str) -> dict:
    """Settings with 2 samples and 2 (pooling) or 2 in / 3 out channels where a layout writes a
    batch or channel axis whose count the page does not give: at one of each, a claim that swaps
    the batch and channel letters, or the kernel's O and I, cannot fail.  ``counts_unsaid`` names
    the counts so set (the size description says so).  ``layout``: {role: "NCHW", …}.
    Example: ``counted_axes({}, {"input": "NCHW"}, "conv")`` →
    ``{'channels': '2,3', 'batch': '2', 'counts_unsaid': ('channels', 'batch')}``."""
    if layer == "fc":
        return settings
    letters = "".join(layout.values()).upper()
    unsaid = tuple(key for key, axes in (("channels", "CIO"), ("batch", "N"))
                   if key not in settings and any(a in letters for a in axes))
    if not unsaid:
        return settings
    counts = {"channels": "2" if layer in ("pool-max", "pool-avg") else "2,3", "batch": "2"}
    return {**settings, **{key: counts[key] for key in unsaid}, "counts_unsaid": unsaid}


def count_variants(settings: dict) -> list:
    r"""``settings`` and, where :func:`counted_axes` chose the channel or batch counts, the same
    with other counts (3 samples; 3 in / 2 out channels, pooling 3): a claim whose bounds write
    the chosen counts (``\sum_{n=0}^{1}``) does not hold for a page that gives none.
    Example: ``len(count_variants({"channels": "2,3", "counts_unsaid": ("channels",)}))`` → ``2``."""
    unsaid = settings.get("counts_unsaid", ())
    if not unsaid:
        return [settings]
    other = {"channels": "3" if "," not in str(settings.get("channels", "")) else "3,2", "batch": "3"}
    return [settings, {**settings, **{key: other[key] for key in unsaid}}]


def counts_text(channels: tuple, batch: str, unsaid=()) -> str:
    """The channel and batch counts in a size description (``", channels 2,3, batch 2"``; nothing
    for one of each), each marked where :func:`counted_axes` chose it (``unsaid``).
    Example: ``counts_text((2, 3), "1", ("channels",))`` → ``', channels 2,3 (channel counts not given)'``."""
    text = f", channels {channels[0]},{channels[1]}" if tuple(channels) != (1, 1) else ""
    text += " (channel counts not given)" if "channels" in unsaid else ""
    text += f", batch {batch}" if batch not in ("1", "") else ""
    return text + (" (batch not given)" if "batch" in unsaid else "")


def resolve_axis_letters(settings: dict, layout: dict) -> dict:
    """Settings whose ``dims`` hold axis numbers in each tensor's written order (what every
    reader of ``dims`` expects).  A directive's size (``m=input.rows``, ``N=output.batch``,
    ``C=input.channels``) names an axis by its letter H, W, N or C: with a layout for the role
    it is found there (the kernel's channels: its ``I``); without one rows and columns are the
    axes 0 and 1 of a map, and the batch and the channels are not written (left unbound).
    ``layout``: {role: "NHWC", …}.
    Example: ``resolve_axis_letters({"dims": {"N": ("output", "N")}}, {"output": "NHWC"})["dims"]``
    → ``{'N': ('output', 0)}``."""
    dims = settings.get("dims", {})
    if not any(isinstance(axis, str) for _, axis in dims.values()):
        return settings
    out = {}
    for name, (role, axis) in dims.items():
        lay = (layout.get(role) or "").upper()
        if not isinstance(axis, str):
            out[name] = (role, axis)
        elif lay:
            hit = next((lay.index(c) for c in ((axis, "I") if axis == "C" else (axis,)) if c in lay), None)
            if hit is not None:
                out[name] = (role, hit)
        elif axis in "HW":
            out[name] = (role, "HW".index(axis))
    return {**settings, "dims": out}


def layout_example(roles: dict) -> str:
    """``x=NCHW w=OIHW y=NCHW`` in the document's own letters ({letter: role}; X, K, Z where
    a role has no letter), for a directive to paste.
    Example: ``layout_example({"I": "input", "W": "kernel"})`` → ``'I=NCHW W=OIHW Z=NCHW'``."""
    name = {r: n for n, r in reversed(list(roles.items()))}
    return " ".join(f"{name.get(r, d)}={lay}" for r, d, lay in (
        ("input", "X", "NCHW"), ("kernel", "K", "OIHW"), ("output", "Z", "NCHW")))


def channel_layouts(out, side, roles) -> dict:
    """Index orders of a forward with channels (``out[o,i,j] = Σ_{c,u,v} x[c,i+u,j+v] W[o,c,u,v]``):
    indices that move with the window are rows then columns, the input's lone index its
    channel, the kernel's lone indices the output (a free index) and input channel."""
    try:
        refs = [r for r in refs_in(parse(side)) if r.idx is not None]
    except IndexError_:
        return {}
    x = next((r for r in refs if roles.get(r.name) == "input"), None)
    k = next((r for r in refs if roles.get(r.name) == "kernel"), None)
    if x is None or k is None or out.idx is None:
        return {}
    axes = "W" if sum(not (isinstance(e, Ref) and e.idx is None) for e in x.idx) == 1 else "HW"
    if len(x.idx) <= len(axes) and len(k.idx) <= len(axes) + 1:
        return {}                                   # no channel axis written: one channel
    lone = lambda e: e.name if isinstance(e, Ref) and e.idx is None else None  # noqa: E731
    moving = set().union(*(names_in(e) for e in x.idx if lone(e) is None))
    in_kernel = {lone(e) for e in k.idx}
    # the batch: a lone index shared by the input and the output that the kernel does not carry
    batch = next((lone(e) for e in x.idx if lone(e) and lone(e) not in moving and
                  lone(e) not in in_kernel and lone(e) in {lone(f) for f in out.idx}), None)
    in_ch = next((lone(e) for e in x.idx if lone(e) and lone(e) != batch), None)

    def order(idx, channel):
        it = iter(axes)
        return "".join("N" if lone(e) is not None and lone(e) == batch else
                       next(it, "?") if (lone(e) is None or lone(e) in moving) and lone(e) != channel
                       else channel for e in idx)
    free = {lone(e) for e in out.idx} - {batch}
    lay_x = order(x.idx, "C")
    lay_out = "".join("C" if lone(e) not in moving and c != "N" else c
                      for e, c in zip(out.idx, order(out.idx, "C")))
    it = iter(axes)
    lay_k = "".join("O" if lone(e) in free else "I" if lone(e) == in_ch else next(it, "?")
                    for e in k.idx)
    if "?" in lay_x + lay_out + lay_k or sorted(lay_k) != sorted("OI" + axes) or \
            len(set(lay_x)) != len(lay_x) or len(set(lay_out)) != len(lay_out):
        return {}
    return {"input": lay_x, "preact_in": lay_x, "output": lay_out, "delta": lay_out,
            "bias": lay_out.replace("N", ""), "kernel": lay_k}


_BATCH_LETTERS = frozenset({"n", "b", "N", "B"})


def pool_passthrough(tree, out_idx) -> tuple:
    r"""A pooling forward with a batch or channel index that the window does not touch
    (``Y_{n,c,h,w} = \max_{i,j} X_{n,c,hs+i,ws+j}``, ``y_{c,i,j} = \frac14 \sum x_{c,2i+m,2j+n}``):
    (the tree with those indices taken off the input's entries, so the pooling reader sees one
    map; {role: layout} with those axes, N and C, and the rest H, W in order).  One such index
    is the channel; of two, a letter n or b is the batch, else PyTorch's order (N before C).
    ``(tree, {})`` when there is none, or the indices do not pair up.  ``out_idx``: the output
    entry's indices.
    Example: ``pool_passthrough(parse(r"\max_{m,n} x_{c,2i+m,2j+n}"), parse("y_{c,i,j}").idx)[1]["input"]``
    → ``'CHW'``."""
    lone = lambda e: e.name if isinstance(e, Ref) and e.idx is None else None  # noqa: E731
    out_letters = [lone(e) for e in out_idx or ()]
    refs = [r for r in refs_in(tree) if r.idx and len(r.idx) > 2]
    if None in out_letters or not refs or len({(r.name, len(r.idx)) for r in refs}) != 1:
        return tree, {}
    passing = [k for k, e in enumerate(refs[0].idx) if lone(e) in out_letters]
    letters = [lone(refs[0].idx[k]) for k in passing]
    spatial = len(refs[0].idx) - len(passing)
    if any([lone(r.idx[k]) for k in passing] != letters for r in refs) or not 1 <= len(passing) <= 2 or \
            spatial not in (1, 2) or len(out_letters) != len(refs[0].idx):
        return tree, {}
    kinds = ["C"] if len(passing) == 1 else ["N", "C"] if letters[1] not in _BATCH_LETTERS else ["C", "N"]
    kind = dict(zip(letters, kinds))

    def order(idx):
        it = iter("HW" if spatial == 2 else "W")
        return "".join(kind[lone(e)] if lone(e) in kind else next(it, "?") for e in idx)
    lay_x, lay_out = order(refs[0].idx), order(out_idx)
    if "?" in lay_x + lay_out or sorted(lay_x) != sorted(lay_out):
        return tree, {}

    same = (refs[0].name, len(refs[0].idx))
    one_map = map_refs(tree, lambda r: Ref(r.name, r.label, tuple(e for k, e in enumerate(r.idx) if k not in passing))
                       if r.idx and (r.name, len(r.idx)) == same else r)
    return one_map, {"input": lay_x, "preact_in": lay_x, "output": lay_out, "delta": lay_out}


def plain_size(e) -> bool:
    """A bound written with plain letters (``K``, ``k-1``), not a subscripted size such as
    ``H_k``, whose subscript letter is no size of its own."""
    if isinstance(e, Ref):
        return e.idx is None
    if isinstance(e, Op):
        return all(plain_size(a) for a in e.args if not isinstance(a, (int, sp.Integer, str)))
    return True


def moving_indices(idx, bound) -> tuple:
    """The indices written as expressions over a summed letter (``i+m-1``), not lone letters."""
    return tuple(e for e in idx if not (isinstance(e, Ref) and e.idx is None) and names_in(e) & set(bound))


def spatial_indices(idx, bound) -> tuple:
    """The indices of an input entry that move with the window: ``x_{n,i+m-1,j+v-1,c}`` (NHWC)
    and ``x_{n,c,i+m,j+v}`` (NCHW) give their two sums; a lone batch or channel letter
    (``n``, ``c``, even when summed) is not a spatial axis.  Two indices or fewer are all
    spatial (``x_{i+m,j+n}``, ``x_{ij}``).
    Example: ``spatial_indices((n, i+m, j+v, c), {"m", "v", "c"})`` → (i+m, j+v)."""
    moving = moving_indices(idx, bound)
    if len(idx) == 2 and len(moving) == 1 and idx[0] is not moving[0]:
        return moving                                   # x_{c,t+k}: a channel and a length
    if len(idx) <= 2:
        return tuple(idx)
    if len(moving) not in (1, 2):
        raise IndexError_("which of the input's indices are its rows and columns is not clear "
                          "from the forward: add <!-- symbp: ... layout: X=NCHW K=OIHW Z=NCHW -->")
    return moving


def refs_in(tree):
    out = []

    def walk(n):
        if isinstance(n, Ref):
            out.append(n)
        elif isinstance(n, Sum):
            walk(n.body)
        elif isinstance(n, Op):
            for a in n.args:
                if isinstance(a, (Ref, Sum, Op)):
                    walk(a)
    walk(tree)
    return out


def refs_with_bound(tree, bound=frozenset()) -> list:
    """[(ref, the letters the sums around it bind)] for every entry in ``tree``."""
    out = []
    if isinstance(tree, Ref):
        out.append((tree, bound))
    elif isinstance(tree, Sum):
        out += refs_with_bound(tree.body, bound | set(tree.vars))
    elif isinstance(tree, Op):
        for a in tree.args:
            for x in (a if isinstance(a, (list, tuple)) else (a,)):
                if isinstance(x, (Ref, Sum, Op)):
                    out += refs_with_bound(x, bound)
    elif hasattr(tree, "ref"):                              # Grad
        out += refs_with_bound(tree.ref, bound)
    elif hasattr(tree, "top"):                              # Jac
        out += refs_with_bound(tree.top, bound) + refs_with_bound(tree.bottom, bound)
    return out


def forward_index_letters(latex: str, roles: dict) -> dict:
    r"""{letter: (role, axis)}: each letter a forward's sums run over that indexes one of the
    layer's tensors alone (``\sum_m \sum_n w_{m,n} o_{i+m,j+n}`` → m: kernel axis 0, n: axis 1);
    a letter used on two different axes is left out.  ``roles``: {name: role}.
    Example: ``forward_index_letters(r"x_{i,j} = \sum_m w_{m} o_{i+m,j}", {"w": "kernel", "o": "input"})``
    → {'m': ('kernel', 0)}."""
    if "=" not in latex:
        return {}
    try:
        tree = parse(latex.split("=", 1)[1], tuple(roles))
    except (IndexError_, RecursionError, ValueError):
        return {}
    seen: dict = {}
    for ref, bound in refs_with_bound(tree):
        for axis, e in enumerate(ref.idx or ()):
            if isinstance(e, Ref) and e.idx is None and e.name in bound and roles.get(ref.name):
                seen.setdefault(e.name, set()).add((roles[ref.name], axis))
    return {v: next(iter(places)) for v, places in seen.items() if len(places) == 1}


def forward_letter_ranges(ctx, letters) -> dict:
    """{letter: range} for the ``letters`` the section's forward runs its sums over on one axis
    of a tensor (``ctx.settings["index_letters"]``, :func:`forward_index_letters`): that axis's
    indices in ``ctx`` (a sized DocContext)."""
    out = {}
    for v in letters:
        role, axis = ctx.settings.get("index_letters", {}).get(v, (None, None))
        arr = ctx.view(role) if role else None
        if arr is not None and axis < arr.ndim:
            first = ctx.origin_of(role, arr.ndim)[axis]
            out[v] = range(first, first + arr.shape[axis])
    return out


def claim_layouts(latex: str, roles: dict, spatial: int = 2) -> dict:
    r"""Index orders a claim's own letters settle when the section's forward is written without
    indices (``Y = W * X + b``) but the claim writes channels: an index written as an expression
    (``i+m``, ``i-m``) is a row or column; a lone letter the kernel shares with the output's
    gradient (or the bias) is the output channel, one it shares with the input the input channel.
    Only a single channel axis per map (no batch) and a kernel in an order frameworks use
    (``OIHW`` PyTorch, ``OHWI``, ``HWIO`` TensorFlow; never ``IOHW`` or ``HWOI``, the orders a
    claim with its kernel's channels exchanged reads) are read; anything else gives ``{}``
    (the claim stays unchecked with the layout directive to paste).  ``roles``: {letter: role}.
    Example::

        >>> claim_layouts(r"\frac{\partial L}{\partial W_{k,c,m,n}} = \sum_{i,j} "
        ...               r"\frac{\partial L}{\partial Y_{k,i,j}} X_{c,i+m,j+n}",
        ...               {"X": "input", "W": "kernel", "Y": "output"})["kernel"]
        'OIHW'
    """
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
        refs = [r for side in sides for r in _all_refs(parse(side, tuple(roles)))]
    except (IndexError_, LatexAtomError, RecursionError, ValueError):
        return {}
    role_of = lambda r: {"output_grad": "output", "delta": "output", "preact_in": "input"}.get(  # noqa: E731
        roles.get(r.name), roles.get(r.name))
    lone = lambda e: e.name if isinstance(e, Ref) and e.idx is None else None  # noqa: E731
    want = {"input": spatial + 1, "output": spatial + 1, "kernel": spatial + 2, "bias": 1}
    written: dict = {}
    for r in refs:
        role = role_of(r)
        if r.idx is None or role not in want:
            continue
        if len(r.idx) != want[role] or written.setdefault(role, r.idx) != r.idx and \
                [lone(e) is None for e in written[role]] != [lone(e) is None for e in r.idx]:
            return {}                      # a batch, one channel fewer, or two spellings that disagree
    if "kernel" not in written and not ({"output", "bias"} <= set(written)):
        return {}
    moving = set().union(*(names_in(e) for idx in written.values() for e in idx if lone(e) is None))
    kernel_lone = {lone(e) for e in written.get("kernel", ())} - {None}
    out_ch = {lone(e) for e in written.get("output", ()) if lone(e) in kernel_lone | set(
        map(lone, written.get("bias", ())))} - {None}
    in_ch = {lone(e) for e in written.get("input", ()) if lone(e) in kernel_lone and lone(e) not in moving} - {None}
    if len(out_ch) > 1 or len(in_ch) > 1 or out_ch & in_ch:
        return {}

    sp = "HW"[-spatial:]

    def order(idx, marks):
        axes = iter("HW"[-spatial:])
        return "".join(marks.get(lone(e)) or next(axes, "?") for e in idx)
    lay = {}
    for role, marks in (("input", {c: "C" for c in in_ch}), ("output", {c: "C" for c in out_ch}),
                        ("kernel", {**{c: "O" for c in out_ch}, **{c: "I" for c in in_ch}})):
        if role in written:
            lay[role] = order(written[role], marks)
    if "?" in "".join(lay.values()) or lay.get("kernel", "OI" + sp) not in ("OI" + sp, "O" + sp + "I", sp + "IO") or \
            any(len(set(v)) != len(v) or ("C" not in v if r != "kernel" else len(v) != spatial + 2)
                for r, v in lay.items()):
        return {}
    chan_first = lay.get("input", lay.get("output", "C"))[0] == "C"
    fill = "C" + "HW"[-spatial:] if chan_first else "HW"[-spatial:] + "C"
    lay.setdefault("input", fill)
    lay.setdefault("output", fill)
    lay.setdefault("kernel", "OI" + "HW"[-spatial:])
    return {"input": lay["input"], "preact_in": lay["input"], "output": lay["output"],
            "delta": lay["output"], "bias": lay["output"], "kernel": lay["kernel"]}


def _all_refs(tree) -> list:
    """Every entry in a claim's side, inside gradients and Jacobians too."""
    if isinstance(tree, Ref):
        return [tree]
    if isinstance(tree, Sum):
        return _all_refs(tree.body)
    if isinstance(tree, Op):
        return [r for a in tree.args for x in (a if isinstance(a, (list, tuple)) else (a,)) for r in _all_refs(x)]
    if hasattr(tree, "ref"):                                # Grad
        return _all_refs(tree.ref)
    if hasattr(tree, "top"):                                # Jac
        return _all_refs(tree.top) + _all_refs(tree.bottom)
    return []


_KERNEL_SHAPE = r"{}\s*\}}?\s*\\in\s*\\mathbb\s*\{{?R\}}?\s*\^\s*\{{([^{{}}]*(?:\{{[^{{}}]*\}}[^{{}}]*)*)\}}"


def with_claim_layouts(ctx, latex: str, text: str = ""):
    r"""(ctx, note): the section's sized context ``ctx`` (a DocContext whose forward, written
    without indices, set no layout) with the index orders :func:`claim_layouts` reads from the
    claim ``latex`` and channels 2 in, 3 out; ``(ctx, "")`` unchanged where the forward or a
    directive set a layout, the claim writes no more indices than the maps have, its letters do
    not settle the orders, or the page ``text`` states the kernel's shape input channels first
    (``W \in \mathbb{R}^{C_{in} \times C_{out} \times k \times k}``).
    Example: under ``Y = W * X + b``, ``∂L/∂b_k = Σ_{i,j} ∂L/∂Y_{k,i,j}`` is read with Y = CHW."""
    if ctx.layout or ctx.layer != "conv" or ctx.settings.get("layer_kind", "conv") != "conv":
        return ctx, ""
    spatial = next((n for n in (ctx.spatial, 3 - ctx.spatial) if claim_layouts(latex, ctx.roles, n)), None)
    if spatial is None:
        return ctx, ""
    lay = claim_layouts(latex, ctx.roles, spatial)
    import re
    for name, role in ctx.roles.items():
        if role != "kernel":
            continue
        for m in re.finditer(_KERNEL_SHAPE.format(re.escape(name)), text):
            factors = re.split(r"\\times|×", m.group(1))
            if len(factors) == ctx.spatial + 2 and re.search(r"in\b|_\{?i\}?\s*$", factors[0], re.I):
                return ctx, ""                    # the page says the kernel's first index is the input channel
    settings = {**ctx.settings, "layouts_by_role": lay, "spatial": spatial}   # a 1-D page's forward, 2-D claims
    settings.setdefault("channels", "2,3")
    letter = {r: n for n, r in ctx.roles.items()}
    said = ", ".join(f"{letter[r]}={lay[r]}" for r in ("input", "kernel", "output") if r in letter)
    return type(ctx)(ctx.roles, settings), (f" (index orders read from the claim's own letters, the forward "
                                            f"being written without indices: {said}, channels 2 in, 3 out)")


def permuted_axes(out, side: str, roles: dict) -> str | None:
    r"""Why a convolution forward is not read: it indexes its kernel in another order than its
    input's offsets (``S(i,j) = \sum I(i+m, j+n) K(n,m)``: a transposed kernel), or its input's
    axes in another order than its output's (``out(i,j) = \sum image(j+y, i+x) …``); None where
    the orders agree (every reader assumes they do).  ``out``: the output's entry, ``side``: the
    forward's right side.

    >>> permuted_axes(Ref("S", None, (Ref("i", None, None), Ref("j", None, None))),
    ...               r"\sum_m \sum_n I_{i+m,j+n} K_{n,m}", {"I": "input", "K": "kernel"})[:43]
    'the forward indexes its kernel K as (n, m) '
    """
    try:
        tree = parse(side)
    except IndexError_:
        return None
    outs = [e.name for e in (out.idx or ()) if isinstance(e, Ref) and e.idx is None] if out is not None else []
    for ref, bound in refs_with_bound(tree):
        if roles.get(ref.name) != "input" or not ref.idx:
            continue
        axes = [(sorted(set(names_in(e)) & set(outs)), sorted(set(names_in(e)) & bound)) for e in ref.idx]
        moving = [(o[0], b[0]) for o, b in axes if len(o) == 1 and len(b) == 1]
        if [o for o, _ in moving] != [o for o in outs if o in {o for o, _ in moving}]:
            return (f"the forward indexes its input {ref.name} in another order than its output's indices "
                    f"({', '.join(o for o, _ in moving)}): a transposed input, which symbp does not read")
        for kref, kbound in refs_with_bound(tree):
            if roles.get(kref.name) != "kernel" or not kref.idx:
                continue
            letters = [e.name for e in kref.idx if isinstance(e, Ref) and e.idx is None and e.name in kbound]
            mine = [b for _, b in moving]
            if [b for b in letters if b in mine] != [b for b in mine if b in letters]:
                return (f"the forward indexes its kernel {kref.name} as ({', '.join(letters)}) and its input by "
                        f"({', '.join(mine)}): a transposed kernel, which symbp does not read")
    return None
