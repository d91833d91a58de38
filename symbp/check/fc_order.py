r"""The dense weight's index order: which index of ``W_{ij}`` is the output's.

Authors write a dense layer both ways: output-first (``z_j = \sum_k w_{jk} a_k``, ``z = Wa + b``,
torch.nn.Linear's (out, in) weight) and input-first (``u_j = \sum_i h_i W_{ij}``, ``u = hW + b``
with h a row, W (in, out)).  A claim about ``W_{ij}`` or a vector form with ``W`` holds under one
order and fails under the other, so the order must come from the document: a forward it writes
(display or inline, :mod:`symbp.check.fc_infer`), rows written out (:mod:`symbp.check.fc_rows`),
or the directive key ``weight=``:

* ``weight=out-in``: ``W_{jk}``, j the output, vectors as columns (``z = Wa + b``; what a bare
  ``layer=fc`` in the founding notation means);
* ``weight=in-out``: ``W_{ij}``, i the input, vectors as columns (``z = W^T a + b``);
* ``weight=rows``: samples as rows, ``U = HW + b``, W (in, out);
* ``weight=rows-out-in``: samples as rows, ``Y = XW^T + b`` (torch.nn.Linear), W (out, in).

Where nothing binds it, a claim is checked under both orders (:func:`both_orders`): one verdict
where they agree, else unchecked with the directive to paste.

Example::

    >>> weight_key_order("in-out"), weight_key_order("rows")
    ('io', 'rows')
"""
from __future__ import annotations

import re

#: the ``weight=`` directive values -> the readers' layout names (``fc_kernel``)
WEIGHT_ORDERS = {"out-in": "oi", "in-out": "io", "rows": "rows", "rows-out-in": "rows-oi"}
_SAY_ORDER = {v: k for k, v in WEIGHT_ORDERS.items()}


class WeightOrderError(ValueError):
    """A ``weight=`` directive value that names no order."""


def weight_key_order(value) -> str:
    """The layout a ``weight=`` directive value names; WeightOrderError for any other value.

    >>> weight_key_order("out-in")
    'oi'
    """
    key = str(value).strip().lower()
    if key not in WEIGHT_ORDERS:
        raise WeightOrderError(f"weight={value!r} is not one of {', '.join(WEIGHT_ORDERS)}")
    return WEIGHT_ORDERS[key]


def label_of(name: str, latex: str):
    """The first layer label ``name`` carries in ``latex`` (``w^{l+1}_{kj}``, ``w_{ij}^{(l)}``).

    >>> label_of("w", r"w^{l+1}_{kj} a_k"), label_of("W", r"W^T x")
    ('l+1', None)
    """
    m = re.search(r"(?<![\\A-Za-z])" + re.escape(name) + r"\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*"
                  r"(?:\{([^{}]*)\}|(\w))", latex)
    label = (m.group(1) or m.group(2)).replace(" ", "") if m else None
    return None if label in (None, "T", r"\top") else label


def fc_directive(roles: dict, order: str | None = None) -> str:
    """The pasteable directive that states an inferred fully connected section (sizes 4 in,
    3 out); with ``order`` (a layout, ``"oi"`` …) its ``weight=`` key.

    Example::

        >>> fc_directive({"w": "kernel", "a": "input", "z": "output"})
        '<!-- symbp: layer=fc in=4 out=3 names: w=kernel a=input z=output -->'
        >>> fc_directive({"W": "kernel"}, "io")
        '<!-- symbp: layer=fc in=4 out=3 weight=in-out names: W=kernel -->'
    """
    names = " ".join(f"{n}={r}" for n, r in roles.items() if r != "delta")
    weight = f" weight={_SAY_ORDER[order]}" if order else ""
    return f"<!-- symbp: layer=fc in=4 out=3{weight} names: {names} -->"


def both_orders(check, ctx, latex: str = ""):
    """Check a claim when the weight's index order is not yet written (no forward before it,
    no ``weight=``): under both orders; one verdict when they agree, else unchecked saying
    which holds and what to paste.

    ``check``: ctx -> an Outcome-like object (verdict, detail, scope)."""
    from .doc_names import DocContext
    kern = next((n for n, r in ctx.roles.items() if r == "kernel"), "w")
    later = ctx.settings.get("later_orders", {}).get(label_of(kern, latex) or "") if latex else None
    if later is not None:            # the forward written further on for this weight's layer
        result = check(DocContext(ctx.roles, {**ctx.settings, "fc_kernel": later}))
        if result.verdict in ("holds", "refuted"):
            result.detail += (f" ({kern} indexed {'output' if later in ('oi', 'rows-oi') else 'input'}-first, "
                              "as the forward written further on for this layer)")
        return result
    rows = ctx.settings.get("fc_rows_unsure")         # the section's forward is Y = XW: samples as rows
    orders = ("rows-oi", "rows") if rows else ("oi", "io")
    results = [check(DocContext(ctx.roles, {**ctx.settings, "fc_kernel": o})) for o in orders]
    first = results[0]
    if all(r.verdict == first.verdict for r in results):
        if first.verdict in ("holds", "refuted"):
            first.detail += " (with the weight indexed output-first or input-first alike)"
        return first
    say = {"holds": "holds", "refuted": "is refuted", "unchecked": "is not read"}
    told = {"oi": f"output-first ({kern}_{{jk}}, z = {kern}a + b)", "io": f"input-first with columns ({kern}_{{ij}}, "
            f"z = {kern}^T a + b)", "rows-oi": f"rows, output-first (Y = X{kern}^T + b)",
            "rows": f"rows, input-first (u = h{kern} + b, {kern} in x out)"}
    fits = [o for o, r in zip(orders, results) if r.verdict == "holds"]
    readings = "; ".join(f"{told[o]} it {say[r.verdict]}" for o, r in zip(orders, results))
    detail = (f"nothing binds the index order of {kern} (no forward before this claim, no weight= key): "
              f"with {kern} indexed {readings}; write the forward before it, or say "
              f"{fc_directive(ctx.roles, fits[0] if fits else orders[0])}")
    first.verdict, first.detail, first.scope = "unchecked", detail, None
    return first


def directive_order(settings: dict) -> dict:
    r"""The weight-order settings of a dense directive section's ``weight=`` key
    (:data:`WEIGHT_ORDERS`); empty without one (``layer=fc`` alone states
    output-first, unless the document's own forward says otherwise).

    >>> directive_order({"layer_kind": "fc", "weight": "in-out"})
    {'fc_kernel': 'io', 'fc_unsure': False}
    >>> directive_order({"layer_kind": "fc", "names": "W=kernel"})
    {}

    A value that names no order leaves the section unread in the document's own names too (red team 72:
    under ``weight=io`` they read the weight out x in and held a rule the page's ``C = A @ B`` makes false):

    >>> directive_order({"layer_kind": "fc", "weight": "io"})["directive_conflict"][:13]
    "weight='io' i"
    """
    if settings.get("layer_kind") != "fc" or "weight" not in settings:
        return {}
    try:
        return {"fc_kernel": weight_key_order(settings["weight"]), "fc_unsure": False}
    except WeightOrderError as err:
        return {"directive_conflict": str(err)}       # docsetup's error for the section, the names' reason
