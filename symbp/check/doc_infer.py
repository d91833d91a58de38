r"""Reading a document's names: the roles its forward equation gives its letters
(:func:`infer_roles`), and the ``names:`` / ``layout:`` directive items.

``Y = X * K + b``, ``X * W + b = Y``, ``Z = W*A+b``, ``O = conv(I, F)``: the kernel is the letter among
W, w, K, k, F, \omega, the other tensor the input, a ``+ b`` the bias. ``y_{11} = x_{11}w_{11} + …``:
the letter with the larger subscripts is the input. ``z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n} + b``:
the entry whose indices mix output and sum indices is the input, one indexed by lone indices the
kernel; ``i-m`` means true convolution; sums from 1 mean 1-based indices; a constant in the input's index (``i+u-1``,
``-\frac{n-1}{2}``) moves the output's first index; a sum's upper bound over a kernel index names
that kernel size (``\sum_{u=1}^p``: p the kernel's rows); a transposed kernel ``K(n,m)`` is not read.

Example::

    >>> roles, extra = infer_roles(r"O(i,j)=\sum_{u=1}^p\sum_{v=1}^q I(i+u-1,j+v-1) K(u,v)")
    >>> roles["I"], roles["K"], roles["O"], extra["index_base"], extra["dims"]["p"]
    ('input', 'kernel', 'output', 1, ('kernel', 0))
"""
from __future__ import annotations

import re

import sympy as sp

from .doc_forward_rows import forward_row, label_offsets as _labels, same_letter_layers
from .doc_maxpool import max_pool_forward
from .directive_names import ROLE_WORDS, typed_letter
from .doc_channels import channel_layouts, pool_passthrough, moving_indices, permuted_axes, refs_in, spatial_indices
from .doc_pooling import distributed, window_letters, avg_pool_forward, window_set_forward
from .doc_transpose import transposed_forward
from .forward_terms import unread_forward_side
from .index_claims import IndexError_, Op, Ref, Sum, free_vars, names_in, parse
from .index_axis_params import axis_params
from .index_geometry import forward_output_origin
from .written_entries import NUMBERED_ENTRY, entry_text, sliding_pairs
from .index_tree import ENVIRONMENT_WRAPPER, bound_name, size_key
from .kernel_ranges import kernel_ranges, whole_number

KERNEL_LETTERS = {"W", "w", "K", "k", "F", r"\omega", "\\omega'", "w'", "K'", "\\Theta"}


_AXES = {"rows": "H", "cols": "W", "height": "H", "width": "W", "batch": "N", "channels": "C"}


def directive_roles(text: str) -> dict:
    """``X=input K=kernel Y=output L=loss`` → {letter: role}."""
    roles = {}
    for item in re.split(r"[\s,]+", text.strip()):
        if "=" in item:
            name, role = item.split("=", 1)
            if (word := ROLE_WORDS.get(role.lower().split(".")[0])) and "." not in role:
                roles[typed_letter(name)] = word      # \textbf{g}, \mathbf{x}: the letter the displays read
    return roles


def directive_dims(text: str) -> dict:
    """``m=input.rows n=input.cols N=output.batch C=input.channels H^{l+1}_o=output.rows`` →
    {symbol: (role, axis letter H, W, N or C)}, placed by the section's layout
    (:func:`symbp.check.doc_channels.resolve_axis_letters`); a size written with scripts is
    named as a sum's bound names it (``H_o^{l+1}``)."""
    dims = {}
    for item in re.split(r"[\s,]+", text.strip()):
        m = re.fullmatch(r"([^\s=]+)=(\w+)\.(rows|cols|height|width|batch|channels)", item)
        if m and m.group(2).lower() in ROLE_WORDS:
            dims[_size_key(m.group(1))] = (ROLE_WORDS[m.group(2).lower()], _AXES[m.group(3)])
    return dims


def _size_key(name: str) -> str:
    """The name a sum's bound gives a size written ``H^{l+1}_o`` or ``H_o^{l+1}``."""
    try:
        ref = bound_name(parse(name))
    except (IndexError_, RecursionError):
        return name
    return size_key(ref) if isinstance(ref, Ref) and ref.idx is None else name


def directive_layouts(text: str, roles: dict) -> dict:
    """``Y=HWC W=HWIO`` → {role: layout}."""
    out = {}
    for item in re.split(r"[\s,]+", text.strip()):
        if "=" in item:
            name, lay = item.split("=", 1)
            if name in roles:
                out[roles[name]] = lay.upper()
                if roles[name] == "output":
                    out["delta"], out["bias"] = lay.upper(), lay.upper().replace("N", "")
                if roles[name] == "input":
                    out["preact_in"] = lay.upper()
    return out


_STRIP = [(re.compile(r"\\(?:boldsymbol|mathbf|bm)\s*\{([^{}]*)\}"), r"\1"),
          (re.compile(r"_\s*\{[^{}]*\}"), ""), (re.compile(r"\^\s*\{[^{}]*\}|\^\s*\w"), ""),
          (re.compile(r"\\(?:left|right)"), "")]


def infer_roles(latex: str) -> tuple[dict, dict]:
    """Roles and settings (conv, index_base, out_origin, dims, bias_indexed, labels) from one
    forward equation; IndexError_ when it is not one."""
    from .latex_atoms import LatexAtomError, split_top_level
    latex = ENVIRONMENT_WRAPPER.sub(" ", latex).strip().rstrip(".,; ")
    latex = forward_row(latex)          # \tag 4, "i \in [0,H^l-1]" after the forward (doc_forward_rows)
    try:
        sides = split_top_level(latex, ("=",))
    except LatexAtomError:
        raise IndexError_("not a forward equation") from None
    if len(sides) < 2 or "\\partial" in latex or re.search(r"(?<![\\A-Za-z])d[A-Za-z]+\s*\[", latex):
        raise IndexError_("not a forward equation")          # ∂, or dout[…] / dw[…]: gradients
    roles, extra = {}, {}
    heads = [_first_ref(side) for side in sides]
    named = [k for k, h in enumerate(heads) if h is not None and h.name != r"\delta"
             and (h.idx is None or all(not isinstance(e, sp.Integer) for e in h.idx))]
    entry_head = not named and heads[0] is not None and heads[0].idx is not None and \
        all(isinstance(e, sp.Integer) for e in heads[0].idx) and len(sides) == 2
    if entry_head:                  # O_{11} = X_{11}F_{11} + …: one output entry written out
        named = [0]
    if not named or named[0] not in (0, len(sides) - 1) or re.search(r"\\sigma\s*'|f'|\\prime", latex):
        raise IndexError_("not a forward equation")
    out_side = named[0]
    plain = [s for s in sides]
    for pattern, repl in _STRIP:
        plain = [pattern.sub(repl, s) for s in plain]
    ops = [k for k, s in enumerate(plain) if k != out_side and "\\begin" not in s
           and r"\sum" not in sides[k] and re.search(r"\*|\\ast|\\star|\\otimes|conv", s)]
    if ops:
        k = ops[0]
        wrapped = re.search(r"\\sigma|\bf\s*\(|\bg\s*\(", plain[k])
        if not wrapped:
            roles[heads[out_side].name] = "output"
        m = re.search(r"(\\?[A-Za-z]+)\s*(?:\([^()]*\))?\s*(?:\*|\\ast|\\star|\\otimes)\s*(\\?[A-Za-z]+)",
                      plain[k]) or re.search(r"conv2?\s*\(\s*(\\?[A-Za-z]+)\s*,\s*(\\?[A-Za-z]+)", plain[k])
        if m:
            a, b = m.group(1), m.group(2)
            if a in KERNEL_LETTERS and b not in KERNEL_LETTERS:
                a, b = b, a
            roles[a], roles[b] = "input", "kernel"
            for bm in re.finditer(r"\+\s*(\\?[A-Za-z])", plain[k]):
                roles.setdefault(bm.group(1), "bias")
        if wrapped:
            roles.pop(heads[out_side].name, None)
    for k, side in enumerate(sides):
        if (r"\sum" in side or r"\max" in side) and k != out_side:
            out_idx = heads[out_side].idx or () if heads[out_side] is not None else ()
            extra["#out_index"] = {e.name for e in out_idx if isinstance(e, Ref) and e.idx is None}
            if why := unread_forward_side(side): raise IndexError_(why)   # noqa: E701  K_{2-u}; + X_{ij}
            if extra["#out_index"] & _summed_in(side):
                raise IndexError_("a sum over the output's own index: not a forward")   # y_{ij} = Σ_i Σ_j …
            # y_{ij} = 1/k² Σ_{(m,n) ∈ R_{ij}} x_{mn}: the window as a set, which the index reader does not parse
            window_set = window_set_forward(side, tuple(getattr(e, "name", None) for e in out_idx), parse)
            try:
                one_map, pool_layouts = (None, {}) if window_set else pool_passthrough(distributed(parse(side)), out_idx)
                pool = window_set or avg_pool_forward(one_map, extra["#out_index"], _stride_symbol, _stride_number)
                pool = pool if window_set else {**pool, "layer_kind": "pool-avg"} if pool is not None else \
                    max_pool_forward(one_map, avg_pool_forward, extra["#out_index"], _stride_symbol, _stride_number)
                scatter = None if window_set else transposed_forward(parse(side), extra["#out_index"], KERNEL_LETTERS)
                if pool is not None:          # y_{ij} = 1/k² Σ x_{ki+m,kj+n}, \max_{m,n} x_{…}: pooling
                    roles[pool.pop("input")] = "input"
                    extra.update(pool, **({"layouts_by_role": pool_layouts} if pool_layouts else {}))
                    extra.update({} if window_set or not (letters := window_letters(one_map)) else {"window_letters": letters})
                elif scatter is not None:     # y_{ij} = Σ x_{pq} w_{mn} [pS+m = i][qS+n = j]
                    roles.update(scatter["roles"])
                    extra.update(scatter["settings"])
                else:
                    _roles_from_index_forward(parse(side), roles, extra)
            except IndexError_:
                pass
            if why := permuted_axes(heads[out_side], side, roles): raise IndexError_(why)   # noqa: E701  K(n,m) by I(i+m, j+n)
            extra.pop("#out_index", None)
            roles.setdefault(heads[out_side].name, "output")
            layouts = channel_layouts(heads[out_side], side, roles)
            if layouts:
                extra["layouts_by_role"] = layouts
            if heads[out_side].label:
                extra.setdefault("labels_raw", {})["output"] = heads[out_side].label
            break
    if sum(r in ("input", "kernel") for r in roles.values()) < 2 and not extra.get("pool"):
        entries = NUMBERED_ENTRY.findall(entry_text(sides[-1]))
        if not entries:
            raise IndexError_("no forward pattern recognised")
        biggest: dict[str, int] = {}
        for name, i, j in entries:
            biggest[name] = max(biggest.get(name, 0), int(i) * 10 + int(j))
        ordered = sorted(biggest, key=lambda n: -biggest[n])
        if len(ordered) < 2:
            raise IndexError_("no forward pattern recognised")
        a, b = ordered[0], ordered[1]
        if a in KERNEL_LETTERS and b not in KERNEL_LETTERS:
            a, b = b, a
        if sliding_pairs(entry_text(sides[-1]), a, b) is False:     # ŷ = w_{11} O_{11} + w_{21} O_{12}: a neuron
            raise IndexError_("the written entries pair no sliding window: not a convolution's forward")
        roles[a], roles[b] = "input", "kernel"
        roles.setdefault(heads[out_side].name, "output")
        for m in re.finditer(r"\+\s*(\\?[a-z])\s*(?:\\tag|$)", sides[-1]):
            roles[m.group(1)] = "bias"
        extra["index_base"] = 1 if min(int(i) for _, i, _ in entries) >= 1 else 0
        if entry_head:
            extra["entry_forward"] = True
    same_letter_layers(roles, heads[out_side], sides, out_side)
    _labels(extra, roles, latex)
    return roles, extra


def _summed_in(side: str) -> set:
    """The index variables of every sum in a side ({} when the side does not parse)."""
    try:
        tree = parse(side)
    except (IndexError_, RecursionError):
        return set()
    out, todo = set(), [tree]
    while todo:
        n = todo.pop()
        if isinstance(n, Sum):
            out |= set(n.vars)
            todo.append(n.body)
        elif isinstance(n, Op):
            todo += [a for a in n.args if isinstance(a, (Sum, Op))]
    return out


def _first_ref(side):
    """The side as one name (``Y``, ``z^l_{i,j}``, ``O(i,j)``, ``\\boldsymbol{H}_{…}``), else None."""
    side = re.sub(r"\\boldsymbol\s*\{([^{}]*)\}", r"\1", side)
    side = re.sub(r"_\s*\{\s*\(?[a-z]\s*-?\s*\d?\)?\s*\\times[^{}]*\}", "", side)   # G_{p\times q}
    try:
        tree = parse(side)
    except IndexError_:
        return None
    if isinstance(tree, Op) and tree.kind == "call" and isinstance(tree.args[0], Ref):
        return tree.args[0]
    return tree if isinstance(tree, Ref) else None


def forward_labels(roles: dict, latex: str) -> dict:
    """``{"labels": {role: offset}}`` of a forward's names relative to its output's
    (``z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}``: kernel -1, input -1), else ``{}``."""
    extra: dict = {}
    _labels(extra, roles, latex)
    return extra


def _roles_from_index_forward(tree, roles, extra):
    """Input, kernel, bias; convention; base; where the output starts; size symbols."""
    sums = []
    node = tree
    terms = node.args if isinstance(node, Op) and node.kind == "add" else (node,)
    for t in terms:
        n = t
        while isinstance(n, Sum):
            sums.append(n)
            n = n.body
        parts = n.args if isinstance(n, Op) and n.kind == "add" else (n,)
        for part in parts:
            if isinstance(part, Ref) and part.name not in roles:
                roles[part.name] = "bias"
                extra["bias_indexed"] = part.idx is not None and len(part.idx) >= 2   # b[c]: per channel
            if isinstance(part, Op) and part.kind == "mul":
                _product_roles(part, sums, roles, extra)
    lows = {s.lo for s in sums if s.lo is not None}
    extra.update({"index_base": 1} if 1 in lows else {}, **({"base_stated": True} if lows & {0, 1} else {}))
    kernel = next((f for f in refs_in(tree) if roles.get(f.name) == "kernel"), None)
    signal = next((f for f in refs_in(tree) if roles.get(f.name) == "input"), None)
    if kernel is not None and signal is not None and len(kernel.idx or ()) == 1 == len(signal.idx or ()):
        extra["spatial"] = 1                  # z_i = Σ_m w_m a_{i+m}: a 1-D convolution
    elif kernel is not None and signal is not None and len(signal.idx or ()) >= 2 and \
            len(moving_indices(signal.idx, {v for s in sums for v in s.vars})) == 1:
        extra["spatial"] = 1                  # y_{f,t} = Σ_c Σ_k w_{f,c,k} x_{c,t+k}: 1-D, channels
    kernel_ranges(kernel, signal, sums, extra)        # \sum_{u=1}^{p}: p the size; \sum_{u=-k}^{k}: centred


def _stride_symbol(ref, bound, base, out_index=frozenset()):
    """The letter s of an input written ``x_{(i-1)s+r}`` / ``x[i*s + m]`` / ``x_{is+m}``: on each
    spatial axis the index is a product plus one summed (kernel) index, and s is the one lone
    letter, not summed and not the output's own index (``out_index``), that every such product
    carries; None when there is none."""
    from .index_claims import names_in as _names
    common, axes = None, 0
    for e in ref.idx or ():
        terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
        prods = [t for t in terms if isinstance(t, Op) and t.kind == "mul"]
        summed = [t for t in terms if isinstance(t, Ref) and t.idx is None and t.name in bound]
        if len(prods) != 1 or len(summed) != 1 or len(terms) != 2:
            continue
        letters = {n for n in _names(prods[0]) if n not in bound and n not in out_index}
        common = letters if common is None else common & letters
        axes += 1
    if common is None or len(common) != 1 or axes < min(2, len(ref.idx)):   # every axis strided
        return None
    return next(iter(common))


def _stride_number(ref, bound):
    """((rows, cols), (c_r, c_c)) of an input written ``x_{2i+m-1, 2j+n-1}`` (``x_{2i+m}``: twice): on each spatial
    axis a number of at least 2 times a lone index that is not summed, one summed index and
    perhaps a number c (padding, or where the output starts); None otherwise."""
    found, consts = [], []
    for e in ref.idx or ():
        terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
        prods = [t for t in terms if isinstance(t, Op) and t.kind == "mul"]
        summed = [t for t in terms if isinstance(t, Ref) and t.idx is None and t.name in bound]
        const = [whole_number(t) for t in terms if whole_number(t) is not None]
        if len(prods) != 1 or len(summed) != 1 or len(terms) != 2 + len(const) or len(const) > 1:
            continue
        ints = [a for a in prods[0].args if isinstance(a, (int, sp.Integer))]
        rest = [a for a in prods[0].args if not isinstance(a, (int, sp.Integer))]
        if len(ints) == 1 and int(ints[0]) >= 2 and len(rest) == 1 and isinstance(rest[0], Ref) \
                and rest[0].idx is None and rest[0].name not in bound:
            found.append(int(ints[0]))
            consts.append(const[0] if const else 0)
    found, consts = (found * 2, consts * 2) if len(found) == len(ref.idx) == 1 else (found, consts)   # x_{2i+m}: one axis
    return ((found[0], found[1]), (consts[0], consts[1])) if len(found) == 2 else None


def _product_roles(prod, sums, roles, extra):
    bound = {v for s in sums for v in s.vars}
    for f in prod.args:
        if not (isinstance(f, Ref) and f.idx is not None):
            continue
        used = set(free_vars(f))
        lone = all(isinstance(e, Ref) and e.idx is None for e in f.idx)
        mixed = [f2 for f2 in prod.args if isinstance(f2, Ref) and f2.idx is not None and f2 is not f
                 and not all(isinstance(e, Ref) and e.idx is None for e in f2.idx)]
        if used <= bound or (lone and mixed):
            roles.setdefault(f.name, "kernel")
            continue
        roles.setdefault(f.name, "input")
        number = _stride_number(f, bound)
        if number is not None:                # x_{2i+m, 2j+n}: a stride written as a number
            extra["stride_value"], extra["stride_const"] = number
            extra["conv"] = "cross"
            continue
        stride = _stride_symbol(f, bound, extra.get("base", 0), extra.get("#out_index", set()))
        if stride is not None:                # (i-1)s + r, i·s + m: the stride, rows from the base
            extra["stride_symbol"] = stride
            extra["conv"] = "cross"
            continue
        params = axis_params(f, bound, extra.get("#out_index", set()))
        if params is not None:                # s_h·i + k - p_h, s_w·j + l - p_w: a letter per axis
            extra["axis_params"], extra["conv"] = params, "cross"
            continue
        origins, flipped, letters = [], [], []
        kernel_sizes = {n for s in sums if s.hi is not None for n in names_in(s.hi)}    # x_{i-m+k}, m = 1..k
        for axis, e in enumerate(spatial_indices(f.idx, bound)):
            terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
            flip = any(isinstance(a, Op) and a.kind == "neg" and isinstance(a.args[0], Ref)
                       and a.args[0].name in bound for a in terms)
            letters.append(_offset_letters(terms, bound, extra.get("#out_index"), kernel_sizes))
            const = [a for a in terms if _letter(a) is None or _letter(a) in kernel_sizes]   # + k only
            flipped.append(flip)
            # the forward's offset c, read for either convention (index_geometry has the formula)
            offset = Op("add", tuple(const)) if const else 0
            origins.append(tuple(forward_output_origin(offset, flip_, "#kr" if axis == 0 else "#kc")
                                 for flip_ in (False, True)))
        extra["conv"] = "true" if any(flipped) else "cross"
        origins = origins * 2 if len(origins) == 1 else origins
        extra["out_origins"] = {"cross": tuple(o[0] for o in origins),
                                "true": tuple(o[1] for o in origins)}
        extra["out_origin"] = extra["out_origins"][extra["conv"]]
        if any(letters):                      # x_{i+m-p, j+n-p}: the offset is a letter (the padding)
            extra["padding_letter"] = tuple(letters)


def _letter(term):
    """The name of a term that is a lone letter (``m``, ``k``), '-' for minus one (``-p``: a
    padding, never a size), else None."""
    if isinstance(term, Op) and term.kind == "neg" and len(term.args) == 1:
        return "-" if _letter(term.args[0]) else None
    return term.name if isinstance(term, Ref) and term.idx is None else None


def _offset_letters(terms, bound, out_index, sizes=frozenset()) -> str:
    """The letters of an input index's terms (``i + m - p``) that are neither summed, nor the
    output's index, nor a size the sums run to added (``sizes``: k in ``x_{i-m+k}``, m = 1..k), with
    their signs (``-p``); '' when none (or the output's index is unknown)."""
    if not out_index:
        return ""
    found = []
    for a in terms:
        neg = isinstance(a, Op) and a.kind == "neg" and len(a.args) == 1
        ref = a.args[0] if neg else a
        if isinstance(ref, Ref) and ref.idx is None and ref.name not in bound and ref.name not in out_index \
                and (neg or ref.name not in sizes):
            found.append(("-" if neg else "+") + ref.name)
    return " ".join(found)


_LETTER = re.compile(r"(?<![\\A-Za-z])([A-Za-z])(?=\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?[_(\[}]|\s*$|\s*[=*+])")
_SUPERSCRIPT = re.compile(r"\^\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\w)")
_SUM_SCRIPTS = re.compile(r"\\sum\s*(?:[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\w)\s*)*")
_JAC = re.compile(r"\\partial\s*\{?\s*([A-Za-z])(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*\\partial\s*\{?\s*([A-Za-z])")


def suggest_directive(latex: str, seen: dict | None = None, forward_layer: str | None = None) -> str:
    """A directive line to paste above the equation, naming its letters' roles by a guess (loss
    and kernel letters, ∂top/∂bottom as output/input, others in order; sizes written, else 4x4/2x2);
    ``forward_layer``: the layer the section's own forward was read as (``"fc"``: a dense layer's line).

    >>> suggest_directive(r"\\frac{\\partial E}{\\partial X_{ij}} = \\sum_m F_{m} D_{i-m}")
    '<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: E=loss F=kernel X=input D=output_grad -->'
    """
    from .index_tree import LOSSES
    latex = re.sub(r"(?<![\\A-Za-z])e\s*\^", "^", latex)          # e^{-z}: Euler's number, no name
    letters = list(dict.fromkeys(_LETTER.findall(_SUPERSCRIPT.sub("", _SUM_SCRIPTS.sub(r"\\sum ", latex)))))   # not bounds, labels
    roles: dict = {}
    for name in letters:
        if name in LOSSES and "loss" not in roles.values():
            roles[name] = "loss"
        elif name in KERNEL_LETTERS and "kernel" not in roles.values():
            roles[name] = "kernel"
        elif name == "b" and "bias" not in roles.values():
            roles[name] = "bias"
    for top, bottom in _JAC.findall(latex):
        if top not in roles and bottom not in roles and top != bottom:
            roles[top], roles[bottom] = "output", "input"
        elif roles.get(top) == "loss" and bottom not in roles and "=" in latex and \
                "output" not in roles.values() and bottom in {b for _, b in _JAC.findall(latex.split("=", 1)[1])}:
            roles[bottom] = "output"          # ∂L/∂y on the right: the gradient the layer is given
    for name in letters:
        if name in roles or (name.islower() and name in "dijkmnpquv"):   # index letters, dX
            continue
        free = [r for r in ("input", "output_grad" if "loss" in roles.values() else "output", "output")
                if r not in roles.values()]
        if free:
            roles[name] = free[0]
    seen = seen or {}
    ins = next((seen.get(n) for n, r in roles.items() if r == "input" and seen.get(n)), None)
    ker = next((seen.get(n) for n, r in roles.items() if r == "kernel" and seen.get(n)), None)
    sizes = f"input={'x'.join(map(str, ins or (4, 4)))} kernel={'x'.join(map(str, ker or (2, 2)))}"
    kern = next((n for n, r in roles.items() if r == "kernel"), None)
    if kern and re.search(re.escape(kern) + r"\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{\s*[a-z]\s*,?\s*[a-z]\s*\}",
                          latex) and not re.search(r"_\s*\{\s*[a-z]\s*[+-]", latex):
        sizes = "in=4 out=3"                      # w_{kj} with vectors: a fully connected layer
        layer = "fc"
    elif forward_layer == "fc":                          # the section's forward is dense (z = W x + b)
        sizes, layer = "in=4 out=3", "fc"
    else:
        layer = "conv2d"
    names = " ".join(f"{n}={r}" for n, r in roles.items())
    return f"<!-- symbp: layer={layer} {sizes}{' names: ' + names if names else ''} -->"


def fc_forward_roles(latex: str):
    r"""({letter: role}, kernel layout) for a fully connected forward written entry by entry,
    ``z_j = \sum_i w_{ij} a_i + b_j``: one output index, one sum over the input's index, a
    two-index weight and an optional bias on the output's index.  The layout is ``"oi"`` when
    the weight is indexed output-first (``w_{ji}``, as torch.nn.Linear) and ``"io"`` when it is
    indexed input-first (``w_{ij}``); None for anything else.

    Example::

        >>> fc_forward_roles(r"z_j^{l+1} = \sum_{i=1}^{M_l} w_{ij}^{l+1} a_i^l + b_j^{l+1}")
        ({'z': 'output', 'w': 'kernel', 'a': 'input', 'b': 'bias'}, 'io')
        >>> fc_forward_roles(r"z_j = \sum_k w_{jk} a_k + b_j")[1]
        'oi'
    """
    from .latex_atoms import LatexAtomError, split_top_level
    latex = ENVIRONMENT_WRAPPER.sub(" ", latex).strip().rstrip(".,; ")
    try:
        sides = split_top_level(latex, ("=",))
        if len(sides) < 2 or r"\sum" not in sides[1]:
            return None
        lhs, rhs = parse(sides[0]), parse(sides[1])
    except (IndexError_, LatexAtomError, RecursionError, ValueError):
        return None
    name = lambda e: getattr(e, "name", None)                                    # noqa: E731
    if not isinstance(lhs, Ref) or not lhs.idx or len(lhs.idx) != 1 or name(lhs.idx[0]) is None:
        return None
    out = name(lhs.idx[0])
    parts = rhs.args if isinstance(rhs, Op) and rhs.kind == "add" else (rhs,)
    roles, layout = {lhs.name: "output"}, None
    for part in parts:
        if isinstance(part, Sum) and len(part.vars) == 1 and isinstance(part.body, Op) \
                and part.body.kind == "mul" and len(part.body.args) == 2 and layout is None:
            s = part.vars[0]
            two = [a for a in part.body.args if isinstance(a, Ref) and a.idx and len(a.idx) == 2]
            one = [a for a in part.body.args if isinstance(a, Ref) and a.idx and len(a.idx) == 1]
            if len(two) != 1 or len(one) != 1 or name(one[0].idx[0]) != s:
                return None
            idx = [name(x) for x in two[0].idx]
            layout = "oi" if idx == [out, s] else "io" if idx == [s, out] else None
            if layout is None or two[0].name == one[0].name:
                return None
            roles[two[0].name], roles[one[0].name] = "kernel", "input"
        elif isinstance(part, Ref) and part.idx and len(part.idx) == 1 and name(part.idx[0]) == out:
            roles[part.name] = "bias"
        else:
            return None
    return (roles, layout) if layout else None
