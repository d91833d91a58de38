r"""A fully connected section with no directive: its names and the weight's index order read
from the forward the document writes (used by :class:`symbp.check.real_docs.NamesTracker`).

Forwards read (display or inline math; the layer labels ``l``, ``(l)``, ``l-1`` are kept by the
names reader, not here):

* entry by entry, ``z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j``, also wrapped in the
  activation (``a^l_j = \sigma(\sum_k w^l_{jk} a^{l-1}_k + b^l_j)``) and with one term split
  off the sum (``logit_i = w_{ij} h_j + \sum_{k \neq j} w_{ik} h_k + bias_i``): the weight is
  output-first (``"oi"``, as torch.nn.Linear) when its first index is the output's;
* as vectors, ``z^l = w^l a^{l-1} + b^l``, ``h = Wx + b`` (``"oi"``), the kernel being the
  letter among W, w, K, \Theta, \omega; ``Y = XW + b`` (``"rows"``: samples are rows, W is
  (in, out), the bias is added to every row; checked with a batch of 2), ``Y = XW^T + b``
  (``"rows-oi"``: torch.nn.Linear, W is (out, in));
* ``a^l = \sigma(z^l)`` / ``\delta^l_j = \partial C/\partial z^l_j``: name the pre-activation
  (the layer's output) when a forward wrapped in σ left it unnamed.

Multi-letter names (``logit``, ``bias``, ``Cost``) are names when written with a subscript or
superscript.  Nothing from the document is evaluated: the sides are read by
:func:`symbp.check.index_claims.parse`.

Example::

    >>> found = read_fc_forward(r"a^l_j = \sigma(\sum_k w^l_{jk} a^{l-1}_k + b^l_j)")
    >>> found.roles, found.layout, found.wrapped
    ({'w': 'kernel', 'a': 'input', 'b': 'bias'}, 'oi', True)
    >>> read_fc_forward(r"z^{l} = w^{l} a^{l-1} + b^{l}").roles["z"]
    'output'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .doc_prose import inline_equations
from .doc_infer import KERNEL_LETTERS
from .directive_names import bare_letter
from .fc_membership import one_neuron_doubt, one_row, ones_bias, split_membership
from .fc_order import both_orders, fc_directive, label_of as _label_of
from .fc_forms import batch_terms, entry_terms, var, vector_terms
from .fc_typography import display_position, plain_typography
from .stride_prose import aside_before
from .fc_layers import (activation_values_guard, check_by_layer, hat_map, layer_cost, numbered_layers, operator_guard,
                        subscript_numbers, unhat_names)
from .fc_names import columns_or_rows, label_stems, layer_size_sums, per_sample
from .fc_rows import (CONVOLVED, NUMBERED_ENTRY, batch_numbered_terms, cells_sizes, matrix_terms, number, numbered_terms,
                      written_rows, written_sizes)
from .fc_letters import directive_setup, letter_cost, letter_layers, letter_readings
from .index_claims import Grad, IndexError_, Op, Ref, parse

_GLUED = re.compile(r"(?<=[A-Za-z])_([A-Za-z0-9])(?=[A-Za-z])")
_LONG = re.compile(r"(?<![\\A-Za-z])([A-Za-z]{2,})(?=\s*[_^])")
_SUM_EXCEPT = re.compile(r"\\sum_\{\s*([a-z])\s*(?:\\neq?|\\ne|!=)\s*[a-z]\s*\}")
_SINGLE = re.compile(r"\b(?:single|one)[- ]neuron|\bone neuron (?:per|each|in each)", re.I)
_MACRO_WORDS = {"sum", "frac", "partial", "sigma", "delta", "left", "right", "cdot", "odot",
                "text", "mathrm", "hat", "tilde", "bar", "cal", "mathcal", "nabla", "times"}


@dataclass
class FcForward:
    """What one forward says: roles by letter, the weight's index order, whether the
    right side was wrapped in an activation (its left side is then the activation)."""
    roles: dict = field(default_factory=dict)
    layout: str | None = None
    wrapped: bool = False
    latex: str = ""
    kernel_label: str | None = None      # the weight's layer label as written (l, (l), l+1)
    sizes: dict = field(default_factory=dict)   # in / out / batch its cells write out in full
    shape: tuple | None = None           # a trailing \in \mathbb{R}^{1\times m}: its factors (fc_membership)


def weight_order(roles: dict, layout: str, latex: str) -> tuple:
    """(the weight's layer label, whether its first index is the input) of a fully connected
    forward: ``z_j = Σ_k w_{kj} a_k`` and ``Z = XW`` index the input first, ``z = W a`` and
    ``Y = XW^T`` the output first."""
    kern = next((n for n, r in roles.items() if r == "kernel"), "w")
    return _label_of(kern, latex), layout in ("io", "rows")


_ONE_ENTRY = re.compile(r"_\s*(?:\{\s*[A-Za-z]\s*\}|[A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*$")   # λ_i, z^l_j: one entry


_ROW_TIMES_MATRIX = re.compile(r"\s*\\?[A-Za-z]+\s*=\s*\\?[A-Za-z]+\s*(?:\.|\\cdot)?\s*[A-Z]\s*(?:\^\s*\{?\s*(?:T|\\top)\s*\}?)?\s*(?:\+\s*\\?[A-Za-z]+)?\s*[.,]?\s*")


def rows_written(rows) -> bool:
    """Whether a section writes its forward with samples as rows (``y = xW^T + b``, ``\\lambda = X.W``)."""
    return any(_ROW_TIMES_MATRIX.fullmatch(r) or getattr(read_fc_forward(r), "layout", None) in ("rows", "rows-oi")
               for r in rows if len(r) < 400)


def bound_fc_settings(latex: str, layout: str, row_letters=frozenset(), index_counts=None, before: str | None = None) -> dict:
    r"""The settings a dense forward binds from where it stands on: the weight's index order
    (``layout``), and ``fc_one_row`` where it states its result is one row
    (``u = hW + b \in \mathbb{R}^{1\times m}``: one sample, no batch) or where its input is one of
    ``row_letters``, written as one row of its entries above (:func:`symbp.check.fc_membership.row_vectors`),
    or where the section writes its input's and output's entries with one index only (``index_counts``,
    :func:`symbp.check.fc_membership.entry_index_counts`: ``z^l_j``, ``a^{l-1}_i``, one sample).

    A forward for one entry after samples as rows (``before``: ``\lambda = X.W``) gives the weight's order only.

    >>> bound_fc_settings(r"u = hW + b \in \mathbb{R}^{1\times m}", "rows")["fc_one_row"]
    True
    """
    found = read_fc_forward(latex)
    row = next((n for n, r in (found.roles.items() if found is not None else ()) if r == "input" and n in row_letters), None)
    written = [c for n, r in (found.roles.items() if found is not None else ()) if r in ("input", "output")
               for c in ((index_counts or {}).get(n, set()) | (index_counts or {}).get(n.lower(), set()))]
    single = layout in ("rows", "rows-oi") and found is not None and (
        one_row(found.shape) or row is not None or (bool(written) and set(written) == {1}))
    out = {"layer_kind": "fc", "fc_kernel": layout, "fc_unsure": False, "fc_one_row": single}   # a batch again: False
    if single and row is not None and isinstance(row_letters, dict) and row_letters[row] in (0, 1):
        out["row_base"] = row_letters[row]          # X = [x_1 ⋯ x_i]: its entries count from 1
    if before == {"io": "rows", "oi": "rows-oi"}.get(layout) and _ONE_ENTRY.search(latex.split("=")[0]):
        out = {k: v for k, v in out.items() if k not in ("fc_kernel", "fc_one_row")}
    return out


def repeated_weight_index(roles: dict, latex: str) -> bool:
    """Whether the weight is written with one letter for both indices (``w_{kk}``, ``w^l_{j,j}``):
    no forward of a dense layer, whatever else the equation says."""
    kern = next((n for n, r in roles.items() if r == "kernel"), "w")
    return any(m.group(1) == m.group(2) for m in re.finditer(
        r"(?<![\\A-Za-z])" + re.escape(kern.lower()) + r"\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*\{\s*([A-Za-z])\s*,?\s*([A-Za-z])\s*\}",
        latex))


def long_names(latex: str) -> tuple:
    """Multi-letter names written with a sub- or superscript (``logit_i^{(l)}``, ``bias_i``)."""
    return tuple(sorted({n for n in _LONG.findall(latex) if n not in _MACRO_WORDS and
                         sum(c.isupper() for c in n) < 2}))      # XW^1: the product X W^1


def _sides(latex: str):
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        return split_top_level(latex, ("=",))
    except LatexAtomError:
        return []


def _parse(side: str, names: tuple):
    try:
        return parse(_SUM_EXCEPT.sub(r"\\sum_{\1}", side), names)
    except (IndexError_, RecursionError, ValueError, TypeError, KeyError):
        return None


def written_out(body):
    """(roles, layout, sizes) of ``W x + b`` (:func:`vector_terms`, no sizes) or cells written out (``fc_rows.matrix_terms``)."""
    found = vector_terms(body)
    return (*found, {}) if found is not None else matrix_terms(body)


def read_fc_forward(latex: str) -> FcForward | None:
    r"""The fully connected forward one equation writes, or None (see the module's list); a
    fresh copy each call (the readers ask about the same displays many times)."""
    from .equation_rows import split_rows
    found = _read_fc_forward(latex)      # y = σ(z), \quad z = Wx + b: two equations, never y = Wx + b
    if found is not None and len(pieces := split_rows(latex)) > 1:
        found = next((f for f in map(_read_fc_forward, pieces) if f is not None), None)
    return None if found is None else replace(found, roles=dict(found.roles), sizes=dict(found.sizes))


@lru_cache(maxsize=4096)
def _read_fc_forward(latex: str) -> FcForward | None:
    latex, shape = split_membership(ones_bias(latex))       # u = hW + b \in \mathbb{R}^{1\times m}; + \mathbf{1}b
    latex = _GLUED.sub(r"_\1 ", latex)                      # a_jw_{jk}: a_j w_{jk}
    if CONVOLVED.search(latex):
        return None
    sides = _sides(latex)
    if len(sides) < 2:
        return None
    names = long_names(latex)
    lhs = _parse(sides[0], names)
    if not isinstance(lhs, Ref) or lhs.name in KERNEL_LETTERS:
        return None
    out = var(lhs.idx[0]) if lhs.idx and len(lhs.idx) == 1 else None
    batch = [var(i) for i in lhs.idx] if lhs.idx and len(lhs.idx) == 2 else None
    numbered = number(lhs.idx[0]) if lhs.idx and len(lhs.idx) == 1 else None
    pair = tuple(number(i) for i in lhs.idx) if lhs.idx and len(lhs.idx) == 2 else None
    pair = pair if pair and None not in pair else None               # y_{12}: sample 1, output 2
    if lhs.idx and out is None and numbered is None and pair is None and (
            batch is None or None in batch or batch[0] == batch[1]):
        return None
    preact = None
    for at, side in enumerate(sides[1:], start=1):
        rhs = _parse(side, names)
        wrapped = isinstance(rhs, Op) and rhs.kind == "func" and rhs.args[1] == 0
        body = rhs.args[2] if wrapped else rhs
        if wrapped and isinstance(body, Ref) and body.name != lhs.name:
            preact = body.name                       # a = σ(z) = σ(Σ …): z is the pre-activation
            continue
        found = entry_terms(body, out) if out else \
            numbered_terms(body, numbered) if numbered is not None else \
            batch_numbered_terms(body, *pair) if pair is not None else \
            batch_terms(body, *batch) if batch else \
            written_out(body) if lhs.idx is None else None
        if found is None:
            continue
        roles, layout, sizes = found if len(found) == 3 else (*found, {})
        sizes = sizes or lhs.idx is None and cells_sizes([written_out(_parse(c, names)) for c in sides[at + 1:]], roles, layout) or {}
        if r"\delta" in roles or lhs.name == r"\delta":        # a backward rule, not a forward
            return None
        if lhs.name in roles and not (wrapped and roles[lhs.name] == "input"):
            return None
        if not wrapped:
            roles[lhs.name] = "output"
        elif preact is not None and preact not in roles:
            roles[preact] = "output"
        kern = next(n for n, r in roles.items() if r == "kernel")
        if numbered is not None or pair is not None:       # a numbered row: its place and its terms
            parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
            sizes = {"row": pair or (None, numbered), "terms": sum(isinstance(p, Op) for p in parts)}
        return FcForward(roles, layout, wrapped, latex, _label_of(kern, latex), sizes, shape)
    return None


def preactivation_name(latex: str, roles: dict) -> str | None:
    r"""The pre-activation's letter from ``a^l = \sigma(z^l)`` (``a`` the input's letter) or
    from ``\delta^l_j = \partial C / \partial z^l_j``; None when the equation is neither."""
    sides = _sides(latex)
    if len(sides) < 2:
        return None
    names = long_names(latex) + tuple(roles)
    lhs = _parse(sides[0], names)
    for side in sides[1:]:
        rhs = _parse(side, names)
        if isinstance(lhs, Ref) and roles.get(lhs.name) == "input" and isinstance(rhs, Op) and \
                rhs.kind == "func" and rhs.args[1] == 0 and isinstance(rhs.args[2], Ref) and \
                rhs.args[2].name not in roles:
            return rhs.args[2].name
        if isinstance(lhs, Ref) and lhs.name == r"\delta" and isinstance(rhs, Grad) and \
                rhs.ref.name not in roles:
            return rhs.ref.name
    return None


def scan_section(displays: list, inline: list) -> FcForward | None:
    """The section's fully connected setup from all its forwards (the first one read fixes
    the roles; later ones and ``a = σ(z)`` may add the pre-activation); None when no
    forward of a fully connected layer is written."""
    first = None
    for latex in list(displays) + list(inline):
        found = read_fc_forward(latex)
        if found is None:
            continue
        if first is None:
            first = FcForward(dict(found.roles), found.layout, found.wrapped, found.latex, shape=found.shape)
        elif all(first.roles.get(n, r) == r for n, r in found.roles.items() if r != "output"):
            for n, r in found.roles.items():
                if r == "output" and "output" not in first.roles.values() and n not in first.roles:
                    first.roles[n] = r
    if first is None:
        return None
    if "output" not in first.roles.values():
        for latex in list(displays) + list(inline):
            z = preactivation_name(latex, first.roles)
            if z is not None:
                first.roles[z] = "output"
                break
    return first


class InlineMath(list):
    """The inline ``$…$`` equations of a document (a list of their LaTeX); :meth:`before`: those before a display."""

    def __init__(self, text: str):
        found = [(pos, plain_typography(piece)) for pos, piece in inline_equations(text)]  # x_1 + … + x_n: Σ
        super().__init__(piece for _, piece in found)
        self.text, self.found = text, found

    def before(self, display: str) -> list:
        where = -1 if not display else self.text.find(display) if display in self.text else \
            display_position(self.text, display)           # a display as plain_typography writes it: \mathbf{z} as z
        return [piece for pos, piece in self.found if 0 <= pos < where and aside_before(self.text, pos) is None]   # not "Unlike $…$"


def inline_math(text: str) -> InlineMath:
    """The inline ``$…$`` equations of a document (where forwards are often restated).

    Example::

        >>> inline_math("with $z = W a + b$ and $a$ the input").before("")
        []
        >>> list(inline_math("with $z = W a + b$ and $a$ the input"))
        ['z = W a + b']
    """
    return InlineMath(text)


def _orders_by_label(displays) -> dict:
    """{the weight's layer label ("" for none): its index order} from the section's display
    forwards; a label written with two orders is left out."""
    seen: dict = {}
    for latex in displays:
        found = read_fc_forward(latex)
        if found is not None:
            seen.setdefault(found.kernel_label or "", set()).add(found.layout)
    return {label: orders.pop() for label, orders in seen.items() if len(orders) == 1}


def section_setup(settings: dict, displays: list, inline: list):
    """(settings, roles) for a section with no ``layer`` and no ``names`` directive whose
    forward is a fully connected layer's (the weight's order is unsure until a forward is
    reached in reading order: :func:`check_fc_claim`); None otherwise."""
    if "layer" in settings or settings.get("names"):
        return None
    hats = hat_map(list(displays) + list(inline))           # \hat y = W x + b: ŷ a name of its own
    found = scan_section([unhat_names(d, hats) for d in displays], [unhat_names(i, hats) for i in inline])
    layers = numbered_layers(list(displays) + list(inline), read_fc_forward)
    by_subscript = not layers and bool(layers := numbered_layers(list(displays) + list(inline), read_fc_forward, True))
    if found is None and not layers:
        return None
    if found is None:
        found = FcForward(dict(layers[min(layers)].roles), layers[min(layers)].layout)
    out = {**settings, "layer_kind": "fc", "fc_inferred": True, "fc_unsure": True,
           "hat_defined": {m.group(1) for d in displays for m in _HAT_DEFINED.finditer(d)},
           "later_orders": _orders_by_label(displays), "hat_names": hats,
           "fc_rows_unsure": found is not None and found.layout in ("rows", "rows-oi")}
    if found is not None and found.layout in ("rows", "rows-oi") and one_row(found.shape):
        out["fc_one_row"] = True                # u = hW + b ∈ R^{1×m}: one sample written as a row
    if layers:                      # Y^1 = XW^1 + b^1, \hat y = H^1 W^2 + b^2: each claim in its layer
        every = [subscript_numbers(t) for t in list(displays) + list(inline)] if by_subscript else \
            list(displays) + list(inline)
        out.update(fc_layers=layers, fc_layer_cost=layer_cost(every, layers, hat_map(every)),
                   fc_layer_subscripts=by_subscript, hat_names=hat_map(every))
    else:                           # z_k = Σ_j a_j w_{jk}, a_k = g(z_k): layers by index letters
        every = list(displays) + list(inline) + re.findall(r"\$([^$]+)\$", getattr(inline, "text", ""))
        out["fc_letter_layers"] = letter_layers(every, read_fc_forward)
        out["fc_letter_cost"] = letter_cost(every, out["fc_letter_layers"])
    sizes = written_sizes(displays, found, read_fc_forward)     # Z = [x_1 w_{11} + x_2 w_{21} & …]
    for key, value in sizes.items():
        out.setdefault(key, value)
    if not sizes and not any(str(settings.get(k, "")).isdigit() for k in ("in", "out")) and \
            written_rows(displays, read_fc_forward):
        out["fc_rows_unsized"] = True           # z_1 = …, z_2 = …, ⋮: numbered claims need the sizes
    if _SINGLE.search(getattr(inline, "text", "")):         # "a single neuron" a layer: scalars
        out.update({"in": "1", "out": "1", "single_said": True})
    elif sizes.get("batch", "1") == "1" and not any(re.search(re.escape(n) + r"\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_", d)
                                                      for d in displays for n in found.roles):    # Y = XW = [cells]: not numbers
        out["fc_scalar"] = "maybe"                 # never indexed: vectors, or one neuron a layer
    forwards = {f.layout for f in map(read_fc_forward, list(inline) + list(displays)) if f is not None}
    for piece in inline.before(displays[0]) if displays and hasattr(inline, "before") and len(forwards) == 1 else ():
        early = read_fc_forward(piece) if not re.search(r"\^\s*\{?\s*(?:T|\\top)\b", piece) else None   # z^T = x^T W: columns
        if early is not None and all(found.roles.get(n, r) == r for n, r in early.roles.items()):
            out.update(fc_kernel=early.layout, fc_unsure=False)
            break
    return out, found.roles


def more_fc_forward(latex: str, fc, settings: dict, ctx):
    """The (roles, layout) of a forward ``fc_forward_roles`` did not read (wrapped in σ, a
    term split off, vectors), or ``fc`` itself; None when its roles clash with the section's
    (``δ^l_j = Σ_k w_{kj} δ^{l+1}_k`` is a backward rule, not a forward)."""
    fc_ok = str(settings.get("layer", "fc")) in ("fc", "linear", "dense")
    if CONVOLVED.search(latex):
        return None              # Z_j = Σ_i X_i * K_{ij} + b_j: a convolution over channels, no dense layer
    if fc is None and fc_ok and (ctx is None or ctx.layer == "fc"):
        more = read_fc_forward(unhat_names(latex, settings.get("hat_names", {})))
        fc = (more.roles, more.layout) if more is not None and not _backward_rule(more, ctx) else None
    elif fc is None and fc_ok and "layer" not in settings and ctx.layer.startswith("conv"):
        more = read_fc_forward(latex)          # z = W a + b after Z = X * K + b: the dense layer after it
        fresh = more is not None and not any(ctx.roles.get(n) for n, r in more.roles.items() if r != "bias")
        return (more.roles, more.layout) if fresh else None
    if fc is not None and ctx is not None and any(ctx.roles.get(n) not in (None, r) for n, r in fc[0].items()):
        return None
    return fc


_HAT = re.compile(r"\\hat\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z])(?![A-Za-z]))")
_HAT_DEFINED = re.compile(r"^\s*\\hat\s*\{?\s*([A-Za-z])\s*\}?\s*(?:[_^]\s*(?:\{[^{}]*\}|\w)\s*)*=")


def unhat(latex: str, ctx) -> str:
    r"""``\hat{z}^L`` as ``z^L`` where the hat marks the vector of a letter the section gives a
    layer role (CompPhysics' ``\hat{\delta}^L = f'(\hat{z}^L) \circ …``); kept where the letter
    is the target or the loss, or where the section defines the hatted letter itself
    (``\hat{y} = …``: a prediction, not y).  Only in sections set up without a directive."""
    if "hat_defined" not in ctx.settings:
        return latex
    keep = {n for n, r in ctx.roles.items() if r in ("target", "loss")} | set(ctx.settings["hat_defined"])
    ok = {n for n in ctx.roles if len(n) == 1 or n == r"\delta"} - keep

    def one(m):
        letter = m.group(1) or m.group(2)
        return letter if letter in ok else m.group(0)
    latex = re.sub(r"\\hat\s*\{\s*\\delta\s*\}", r"\\delta" if r"\delta" in ok else r"\\hat{\\delta}", latex)
    return _HAT.sub(one, latex)


def _backward_rule(found: FcForward, ctx) -> bool:
    """A "forward" that is a backward rule: its names gradients of the section's (``dA = W^T dZ``,
    ``grad_…``), or new names for the input or the output of a section a forward set up."""
    names = set(found.roles)
    if any(n[:1] == "d" and n[1:] in (ctx.roles if ctx else {}) for n in names) or \
            any(n.startswith("grad") for n in names):
        return True
    if ctx is None or not {r for r in ctx.roles.values()} >= {"input", "output"}:
        return False
    old = {r: {bare_letter(n) for n, rr in ctx.roles.items() if rr == r} for r in ("input", "output")}
    return any(not any(found.roles.get(n) == r for n in old[r]) for r in ("input", "output")
               if r in found.roles.values())


_NABLA_A = re.compile(r"\\nabla\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))(?!\s*[\^_])")


def nabla_layer(latex: str, ctx) -> str:
    r"""Nielsen's ``\nabla_a C`` next to ``\delta^L`` / ``\sigma'(z^L)``: the gradient by the
    activation of the claim's one layer (every δ / z label in it the same), written
    ``\nabla_{a^{L}} C`` so the names reader reads it (``δ^l = ∂C/∂a^l ⊙ σ'(z^l)`` holds at any
    layer); unchanged when the labels differ or name no layer."""
    m = _NABLA_A.search(latex)
    if m is None or ctx.roles.get(m.group(1) or m.group(2)) != "input" or any(
            r in ("kernel", "bias") and re.search(rf"(?<![\\A-Za-z]){re.escape(n)}(?![A-Za-z])", latex)
            for n, r in ctx.roles.items()):     # (w^l)^T δ^{l+1}: ∇_a C is about layer l, not δ's
        return latex
    labels = {(g1 or g2).replace(" ", "") for n, g1, g2 in re.findall(
        r"(\\delta|(?<![\\A-Za-z])[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*(?:\{([^{}]*)\}|(\w))", latex)
        if n == r"\delta" or ctx.roles.get(n) == "output"}
    if len(labels) != 1:
        return latex
    letter = m.group(1) or m.group(2)
    return latex[:m.start()] + rf"\nabla_{{{letter}^{{{labels.pop()}}}}}" + latex[m.end():]


def check_fc_claim(check, ctx, latex: str, last_lhs=None):
    """``check(ctx, latex)`` for the names reader, with the fully connected guards: both weight
    orders before any forward (:func:`both_orders`), the activation's values
    (:func:`activation_values_guard`), and a quadratic cost's target only in claims about the
    cost's own layer (:func:`symbp.check.fc_loss.cost_layer_claim`); in a network whose layers
    are numbered, the claim read in its own layer (:mod:`symbp.check.fc_layers`, ``last_lhs``:
    the left side a row starting with ``=`` continues)."""
    from .doc_names import DocContext
    from .fc_loss import cost_layer_claim
    if ctx.layer == "fc":
        latex = layer_size_sums(latex, ctx.roles)       # \sum_{j=1}^{n_{l+1}}: over layer l+1's units
    if ctx.layer == "fc" and (ctx.settings.get("fc_layers") or ctx.settings.get("fc_letter_layers")):
        found = check_by_layer(check, ctx, latex, last_lhs, letter_readings)
        if found is not None:
            return operator_guard(activation_values_guard(found, latex), latex)
    stems = label_stems(latex, ctx.roles) if ctx.layer == "fc" else ()
    if len(stems) > 1:                  # ∂C/∂b^l = δ^L: two layers, unless the author means one
        raise IndexError_(f"layer labels {' and '.join(stems)} in one equation: if they are one layer, "
                          "write one label")
    if ctx.layer == "fc" and ctx.settings.get("fc_rows_unsized") and NUMBERED_ENTRY.search(latex):
        raise IndexError_("the layer's forward is written row by row, but not every row: its sizes are "
                          "not known, and a claim with numbered entries depends on them; state them: "
                          "<!-- symbp: layer=fc in=… out=… -->")
    cost = ctx.settings.get("quadratic_cost") if ctx.layer == "fc" else None
    if cost is not None:
        own = cost_layer_claim(latex, cost, ctx.roles)
        if own is False:
            raise IndexError_(f"{cost.target} is the target of the cost at layer {cost.label}; this "
                              "claim names another layer")
        if own:
            ctx = DocContext(ctx.roles, {**ctx.settings, "quadratic": cost})
    if ctx.layer == "fc" and ctx.settings.get("hat_names") and re.search(r"\\(?:wide)?hat", latex):
        if re.match(r"\s*=", latex) and last_lhs:
            latex = last_lhs + latex                      # the row's left side, its hats renamed too
        latex = unhat_names(unhat(latex, ctx), ctx.settings["hat_names"])
    if ctx.layer == "fc" and nabla_layer(unhat(latex, ctx), ctx) != latex:
        latex, plain = nabla_layer(unhat(latex, ctx), ctx), check
        check = lambda c: plain(c, latex)       # noqa: E731
    else:
        check = (lambda plain: lambda c: plain(c, latex))(check)
    raw = check                          # the one-neuron reading below: as before, a batch of 2
    check = (lambda one: lambda c: columns_or_rows(one, c, per_sample(one, c, one(c))))(check)  # ∂E/∂B = ∂E/∂Y
    unsure = ctx.settings.get("fc_unsure") and "fc_kernel" not in ctx.settings    # nothing binds the order
    result = both_orders(check, ctx, latex) if unsure else check(ctx)
    result = one_neuron_doubt(ctx, raw, result, latex, fc_directive(ctx.roles)) if ctx.layer == "fc" else result   # numbers or vectors?
    return operator_guard(activation_values_guard(result, latex), latex) if ctx.layer == "fc" else result


def cost_setup(settings: dict, ctx, displays: list, inline: list):
    """(settings, roles) with a quadratic cost the section defines (its target gets the role
    ``target``); None when it defines none or the section is not fully connected."""
    from .fc_loss import find_quadratic_cost
    if ctx is None or ctx.layer != "fc":
        return None
    cost = find_quadratic_cost(list(displays) + list(inline), ctx.roles)
    if cost is None:
        return None
    return {**settings, "quadratic_cost": cost}, {**ctx.roles, cost.target: "target"}


def directive_layers(settings: dict, roles: dict, displays: list, inline: list) -> dict | None:
    """``settings`` with the numbered layer a ``layer=fc`` directive's names carry (``W^2=kernel``)
    or its index-letter layer (``w_{jk}=kernel``): :func:`symbp.check.fc_letters.directive_setup`."""
    return directive_setup(settings, roles, displays, inline, read_fc_forward)
