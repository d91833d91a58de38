r"""The names reader's fully connected layer (used by :class:`symbp.check.doc_names.DocContext`):
its entries at the section's sizes, the sizes themselves, and how a layer label picks the
input or the output's activation.

One sample: ``Z = W X + b`` with X a column (vectors indexed once), the output's activation
``A = σ(Z)``, ``∂L/∂z = ∂L/∂a ⊙ σ'(z)`` (``ga`` and ``so`` symbols, or a quadratic cost's
``factor · (a - t)``: :mod:`symbp.check.fc_loss`), σ'(z) at the input's pre-activation ``s``.

Example::

    >>> fc_sizes({"in": "4", "out": "2"}, ((3, 4), (4, 2)))
    ((2, 4), (4, 1))
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .index_tree import label_offset
from .fc_loss import output_grad
from .index_claims import IndexError_
from .chain_sides import read_sides_agree


def fc_sizes(settings: dict, default):
    """((out, in), (in, batch)): the directive's ``in``/``out``/``batch`` or ``default``; one
    column (a single sample, vectors indexed once) unless the bias is per column."""
    (out, fin), (_, batch) = default
    read = lambda key, dflt: int(settings[key]) if str(settings.get(key, "")).isdigit() \
        else dflt  # noqa: E731
    cols = settings.get("fc_bias") == "cols" or settings.get("fc_kernel") in ROWS
    fin, out = read("in", fin), read("out", out)
    one = settings.get("fc_one_row")           # the forward states its result is 1 x out
    return (out, fin), (fin, read("batch", batch if cols and not one else 1))


ROWS = ("rows", "rows-oi")            # samples as rows: Y = XW + b, Y = XW^T + b


def vector_axis(layer: str, shape: tuple, written: int | None, axis: int) -> int:
    r"""The axis a dense layer's index ``axis`` runs along: a one-row vector indexed once
    (``h_k`` of h, 1 x n, ``u = hW + b \in \mathbb{R}^{1\times m}``) along its long axis, as
    ``DocContext._at`` reads it; every other reference the axis as written.

    >>> vector_axis("fc", (1, 4), 1, 0), vector_axis("fc", (4, 1), 1, 0), vector_axis("fc", (1, 4), 2, 0)
    (1, 0, 0)
    """
    one_row = layer == "fc" and written == 1 and len(shape) == 2 and shape[0] == 1
    return 1 if one_row and axis == 0 else axis
MORE_FC_SIZES = ((2, 3), (3, 2))      # a second size (out < in) where the document gives none


def ones_row(node, after=(1,), ctx=None) -> bool:
    r"""Whether an index-claim tree node is ``\mathbf{1}^\top`` (``\boldsymbol{1}^T``), the row of
    ones that sums a batch's rows (``\partial E/\partial b = \mathbf{1}^\top \Delta``), with a factor
    ``after`` it (in a dense section ``ctx``, where one is given).

    >>> from symbp.check.index_claims import parse
    >>> ones_row(parse(r"\mathbf{1}^\top \delta").args[0])
    True
    """
    return getattr(node, "kind", None) == "transpose" and getattr(node, "args", None) is not None and \
        len(node.args) == 1 and isinstance(node.args[0], (int, sp.Integer)) and node.args[0] == 1 and \
        len(after) > 0 and (ctx is None or ctx.layer == "fc")


def ones_before(right):
    r"""The row of ones a product ``\mathbf{1}^\top B`` needs: one entry per row of ``B``.

    >>> ones_before(np.zeros((3, 2))).shape
    (1, 3)
    """
    if not isinstance(right, np.ndarray) or right.ndim != 2:
        raise IndexError_("a row of ones (\\mathbf{1}^\\top) before something that has no rows")
    return np.full((1, right.shape[0]), sp.Integer(1), dtype=object)


def ones_after(left, evaluator=None):
    r"""The column of ones a product ``B \mathbf{1}`` needs (``G_Z^\top \mathbf{1}``: the column sums of
    G_Z): one entry per column of ``B``; IndexError_ where no matrix of a dense section comes before it
    (``\mathbf{1} b^\top``, a broadcast, is not read).  The ``evaluator`` (an index evaluator) is marked
    ``ones_column``: its result is a column of sums, which a row bias does not settle against.

    >>> ones_after(np.zeros((3, 2))).shape
    (2, 1)
    """
    if not isinstance(left, np.ndarray) or left.ndim != 2 or (evaluator is not None and evaluator.ctx.layer != "fc"):
        raise IndexError_("a vector of ones (\\mathbf{1}) after something that is not a matrix of a dense layer")
    if evaluator is not None:
        evaluator.ones_column = True
    return np.full((left.shape[1], 1), sp.Integer(1), dtype=object)


def fc_size_list(settings: dict, default) -> list:
    """The sizes to check a fully connected section at: the directive's (or ``default``), and
    for a section read with no directive and no ``in``/``out``, also :data:`MORE_FC_SIZES`."""
    first = fc_sizes(settings, default)
    given = any(str(settings.get(k, "")).isdigit() for k in ("in", "out"))
    if settings.get("fc_inferred") and not given:
        return [first, fc_sizes(settings, MORE_FC_SIZES)]
    return [first]


def build_fc(ctx, sym, max_entries: int) -> None:
    """Set ``ctx``'s K, X, bias, Z, A, T, GA, SO, G, S and origin for its sizes
    (``sym(prefix, *shape)`` makes an array of symbols)."""
    (h, w), (kh, kw) = ctx.sizes
    if h * w > max_entries or kh * kw > max_entries:
        raise IndexError_(f"an affine layer of {h}x{w} weights is too large to check entry by entry")
    if ctx.settings.get("fc_kernel") in ROWS:          # Y = XW + b, Y = XW^T + b as written
        _build_rows(ctx, sym, w, h, kw, ctx.settings["fc_kernel"] == "rows-oi")
        return
    ctx.K, ctx.X = sym("W", h, w), sym("X", kh, kw)
    cols = ctx.settings.get("fc_bias") == "cols"
    ctx.bias = sym("b", kw) if cols else sym("b", h)
    ctx.Z = ctx.K.dot(ctx.X) + (ctx.bias[None, :] if cols else ctx.bias[:, None])
    # ∂L/∂z = ∂L/∂a ⊙ σ'(z) through the output's activation a = σ(z) (a claim that
    # never names a sees only the products; substituting them keeps every identity)
    ctx.A, ctx.SO = _activation(ctx, sym, (h, kw))
    ctx.T, ctx.GA = output_grad(ctx.settings.get("quadratic"), ctx.A, sym, (h, kw))
    ctx.G = ctx.GA * ctx.SO
    ctx.S = sym("s", kh, kw)             # σ'(z) at the input's pre-activation
    ctx.origin = (ctx.base, ctx.base)
    if ctx.settings.get("fc_kernel") == "io":
        ctx.K = ctx.K.T                 # the document indexes the weight input-first


def _build_rows(ctx, sym, fin: int, out: int, batch: int, out_first: bool = False) -> None:
    """``Y = XW + b`` with X (batch, in), W (in, out), b (out,) added to every row; with
    ``out_first`` ``Y = XW^T + b`` (torch.nn.Linear), W (out, in)."""
    ctx.K, ctx.X, ctx.bias = sym("W", *((out, fin) if out_first else (fin, out))), sym("X", batch, fin), sym("b", out)
    ctx.Z = ctx.X.dot(ctx.K.T if out_first else ctx.K) + ctx.bias[None, :]
    ctx.A, ctx.SO = _activation(ctx, sym, (batch, out))
    ctx.T, ctx.GA = output_grad(ctx.settings.get("quadratic"), ctx.A, sym, (batch, out))
    ctx.G = ctx.GA * ctx.SO
    ctx.S = sym("s", batch, fin)
    ctx.origin = (ctx.base, ctx.base)


def _activation(ctx, sym, shape):
    """(A, σ'(z)): σ(z) entries and σ' symbols; with a quadratic cost on the output itself
    (``settings["quadratic_output"]``: ``L = ½Σ(ŷ - y)²``, ŷ the affine output) z and 1."""
    if ctx.settings.get("quadratic_output"):
        return ctx.Z, np.full(shape, sp.Integer(1), dtype=object)
    return np.array([[sp.Function("sigma")(z) for z in row] for row in ctx.Z], dtype=object), sym("so", *shape)


def fc_input_role(ctx, name: str, label) -> str:
    """The role of the input's letter when exactly one of its label and the claim's layer is
    known: ``a^L`` alone is the activation of a quadratic cost's layer L; otherwise (``a``
    without a label in a claim about layer l, or ``a^l`` alone) IndexError_ (which one?)."""
    if ctx.current is not None:
        lay = ctx.current[0] + (f"{ctx.current[1]:+d}" if ctx.current[1] else "")
        raise IndexError_(f"{name} has no layer label in a claim about layer {lay}: is it "
                          f"{name}^{{{lay}}} (the activation) or the layer's input?")
    cost = ctx.settings.get("quadratic_cost")
    if cost is not None and str(label).strip("()") == (cost.label or "").strip("()"):
        return "activation"
    raise IndexError_(f"{name}^{{{label}}} alone: the layer's input or its activation? (no "
                      "weight, z or δ in the claim says which layer it is about)")


def input_labels(roles: dict, refs) -> set:
    """The two layer labels the input's letter carries in a claim (``a^{l+1}``, ``a^l``), else
    an empty set."""
    found = {label_offset(r.label) for r in refs if roles.get(r.name) == "input" and r.label}
    found.discard(None)
    return found if len(found) == 2 else set()


# \sum_{j=1}^{n_{l+1}}, \sum_{k=1}^{s_{l}}, \sum_{i=0}^{M_l - 1}, \sum_{j=1}^{S_{n_l}}: a sum to a layer's size
_SIZE_SUM = re.compile(r"\\sum\s*_\s*\{\s*([a-z])\s*=\s*([01])\s*\}\s*\^\s*"
                       r"(\{\s*([A-Za-z])\s*_\s*(\{[^{}]*(?:\{[^{}]*\}[^{}]*)?\}|[A-Za-z0-9])\s*(-\s*1)?\s*\}"
                       r"|([A-Za-z])\s*_\s*(\{[^{}]*(?:\{[^{}]*\}[^{}]*)?\}|[A-Za-z0-9]))")
_SCRIPT = r"(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|\w)"


def _label_key(label: str) -> str:
    """``(l+1)``, ``{l+1}``, ``[l+1]``, ``l + 1`` -> ``l+1``; ``n_{l}`` -> ``n_l``."""
    return re.sub(r"[\s{}()\[\]]", "", label)


def _vector_labels(latex: str, var: str, names: set) -> set:
    """The layer labels of the one-index entries ``x^{(l+1)}_j`` / ``x_j^{(l+1)}`` indexed by
    ``var`` alone, for the letters in ``names``; an unlabelled one adds ``""``."""
    found = set()
    pat = re.compile(r"(\\delta|(?<![\\A-Za-z])[A-Za-z])((?:\s*[_^]\s*" + _SCRIPT + r"){1,2})")
    for m in pat.finditer(latex):
        if m.group(1) not in names:
            continue
        sub = sup = None
        for s in re.finditer(r"([_^])\s*(" + _SCRIPT + ")", m.group(2)):
            body = s.group(2)[1:-1] if s.group(2).startswith("{") else s.group(2)
            sub, sup = (body, sup) if s.group(1) == "_" else (sub, body)
        if sub is not None and sub.strip() == var:
            found.add(_label_key(sup) if sup else "")
    return found


def layer_size_sums(latex: str, roles: dict) -> str:
    r"""``\sum_{j=1}^{n_{l+1}} \delta^{(l+1)}_j w^{(l+1)}_{ji}`` written ``\sum_{j} …``: a sum
    from 1 to a size named for a layer (``n_{l+1}``, ``s_l``, ``M_l``; from 0 to ``n_{l+1}-1``)
    runs over that layer's units, which is the range of the vectors it indexes, when every
    vector the claim indexes by the sum's letter alone (δ, z, a, b) carries that same layer
    label.  Any other sum is kept as written (a size named for another layer is then not
    bound, and the claim stays unchecked: it is not guessed).  ``roles``: the section's
    {letter: role}; the size's letter must have none.

    Example::

        >>> layer_size_sums(r"\delta_i^{(l)} = \sum_{j=1}^{n_{l+1}} \delta_j^{(l+1)} w_{ji}^{(l+1)}",
        ...                 {"w": "kernel", "z": "output"})
        '\\delta_i^{(l)} = \\sum_{j} \\delta_j^{(l+1)} w_{ji}^{(l+1)}'
        >>> layer_size_sums(r"\sum_{j=1}^{n_{l}} \delta_j^{(l+1)}", {}) == r"\sum_{j=1}^{n_{l}} \delta_j^{(l+1)}"
        True
    """
    vectors = {n for n, r in roles.items() if len(n) == 1 or n == r"\delta"} | {r"\delta"}

    def one(m):
        var, low = m.group(1), m.group(2)
        letter, label, minus = (m.group(4), m.group(5), m.group(6)) if m.group(4) else (m.group(7), m.group(8), None)
        label = label[1:-1] if label.startswith("{") else label
        if letter in roles or (low == "0") != bool(minus):
            return m.group(0)
        seen = _vector_labels(latex, var, vectors - {letter})
        return rf"\sum_{{{var}}}" if seen == {_label_key(label)} else m.group(0)
    return _SIZE_SUM.sub(one, latex)


def batch_named(settings: dict) -> bool:
    """Whether the document names the rows' count (``x^l`` is ``N \\times M^{l-1}``: a size
    letter bound to the input's or output's first axis), so its rows are a batch."""
    return any(axis in (("input", 0), ("output", 0)) for axis in (settings.get("dims") or {}).values())


def per_sample(check, ctx, result):
    """A fully connected claim refuted with samples as rows (``Y = XW + B``) at the batch of 2
    symbp chose, where the document gives no batch (no ``batch=``, no size letter for the rows,
    :func:`batch_named`): also read for one sample (X one row).
    Holding there, it is the author's per-sample rule (``∂E/∂B = ∂E/∂Y``, right for one row,
    wrong for a batch, where ∂E/∂B sums the rows): unchecked, saying both; refuted at one
    sample too, the refutation stands. ``check(ctx)`` -> a verdict with ``.verdict``, ``.detail``."""
    if ctx.layer != "fc" or result.verdict != "refuted" or ctx.settings.get("fc_kernel") not in ROWS or \
            str(ctx.settings.get("batch", "")).strip().isdigit() or batch_named(ctx.settings):
        return result
    try:
        one = check(type(ctx)(ctx.roles, {**ctx.settings, "batch": "1"}))
    except IndexError_:
        return result
    if one.verdict != "holds" and not read_sides_agree(one.verdict, one.detail):
        return result
    result.detail = (f"it holds for one sample (X one row), and with a batch of 2 rows it is refuted: "
                     f"{result.detail.split('; not decided')[0]}; the document gives no batch: if its "
                     f"rows are a batch, say so: <!-- symbp: batch=2 -->")
    result.verdict, result.scope = "unchecked", None
    return result


def columns_or_rows(check, ctx, result):
    """A fully connected claim refuted with vectors as columns (``z = Wx + b``, the reading of a
    section that writes no forward, e.g. a directive's ``layer=fc`` before the backward rules
    of a ``Y = XW + B`` written above it, or whose forward carried from above gives only the
    weight's index order, ``y_j = Σ_i x_i w_{ij}``) that holds with samples as rows (W in x out, one row
    or a batch): the section does not say which, so it is unchecked, saying both.
    ``check(ctx)`` -> a verdict with ``.verdict``, ``.detail``, ``.scope``."""
    kernel = ctx.settings.get("fc_kernel")      # carried from above: the weight's order only
    if ctx.layer != "fc" or result.verdict != "refuted" or kernel in ROWS or (
            kernel and not ctx.settings.get("fc_carried")):
        return result
    for batch in ("", "1"):
        settings = {**ctx.settings, "fc_kernel": "rows", **({"batch": batch} if batch else {})}
        try:
            rows = check(type(ctx)(ctx.roles, settings))
        except IndexError_:
            return result
        if rows.verdict == "holds" or read_sides_agree(rows.verdict, rows.detail):   # a chain: its read sides
            one = " for one sample" if batch else ""
            result.detail = (f"refuted with vectors as columns (z = Wx + b): {result.detail.split('; not decided')[0]}; "
                             f"it holds{one} with samples as rows (Y = XW + b, W in x out), and the section "
                             f"writes no forward that says which: write it there (Y = XW + b or z = Wx + b)")
            result.verdict, result.scope = "unchecked", None
            return result
    return result


_LABELLED = re.compile(r"(\\delta|(?<![\\A-Za-z])[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*(?:\{([^{}]*)\}|(\w))")


def label_stems(latex: str, roles: dict) -> tuple:
    r"""The letters of the layer labels (``l`` in ``l-1``, ``(l+1)``, ``[l]``) that the section's
    tensors and δ carry in one claim, sorted; a transpose (``^T``) is no label.

    Example::

        >>> label_stems(r"\frac{\partial C}{\partial b^l} = \delta^L", {"b": "bias"})
        ('L', 'l')
        >>> label_stems(r"\delta^l = (W^{l+1})^T \delta^{l+1}", {"W": "kernel"})
        ('l',)
    """
    stems = set()
    for m in _LABELLED.finditer(latex):
        name, label = m.group(1), (m.group(2) if m.group(2) is not None else m.group(3))
        if name != r"\delta" and name not in roles:
            continue
        stem = re.search(r"(?<!\\)\b([A-SU-Za-z])(?![A-Za-z])|^([A-SU-Za-z])(?![A-Za-z])", label.replace(r"\top", ""))
        if stem:
            stems.add(stem.group(1) or stem.group(2))
    return tuple(sorted(stems))
