r"""A dense directive's ``weight=`` against the section's own forward.

The key ``weight=`` says how the section's weight is laid out (:data:`symbp.check.fc_order.
WEIGHT_ORDERS`): ``out-in`` (``z = Wx + b``, ``w_{kj}`` from input j to output k), ``in-out``
(``z = W^T x + b``), ``rows`` (samples as rows, ``U = HW + b`` with W in x out) or
``rows-out-in`` (``Y = XW^T + b``).  The names are easy to misread: ``rows`` is the samples'
layout, not "the weight's rows are the outputs".  Where the section writes its own forward and
that forward lays the weight out otherwise (``z_k = b_k + \sum_j w_{kj} x_j`` under
``weight=rows``), the directive and the page describe two layers; symbp believes neither, and the
section's claims are unchecked with both readings named, never refuted under the directive's.
Only the weight's orientation counts where a forward is written for one sample in entries:
``u_j = \sum_i w_{ij} y_i`` is ``weight=rows`` as much as ``in-out``; one written for a batch,
``c_{ij} = \sum_t a_{it} b_{tj}``, also says where the samples are (here the rows, ``weight=rows``).

>>> weight_conflict({"weight": "rows"}, [r"z_k = b_k + \sum_{j=1}^n w_{kj} x_j"]) is not None
True
>>> weight_conflict({"weight": "out-in"}, [r"z_k = b_k + \sum_{j=1}^n w_{kj} x_j"]) is None
True
>>> weight_conflict({"weight": "rows"}, [r"u_j = \sum_i w_{ij} y_i"]) is None
True
>>> weight_conflict({"weight": "in-out"}, [r"c_{ij} = \sum_t a_{it} b_{tj}"]) is not None
True

A forward in whole matrices whose letters only the directive's ``names`` bind (``C = A @ B`` under
``names: A=input B=kernel``) lays the weight out exactly: A's rows are its samples (``weight=rows``).

>>> weight_conflict({"weight": "in-out", "names": "A=input B=kernel"}, ["C = A @ B"]) is not None
True
>>> weight_conflict({"weight": "rows", "names": "A=input B=kernel"}, ["C = A @ B"]) is None
True
>>> weight_conflict({"weight": "in-out", "batch": "4"}, ["Y = XW"]) is not None
True
"""
from __future__ import annotations

import re

from .capital_names import WRITTEN_MATRIX
from .directive_names import bare_letter
from .display_markup import plain_markup
from .doc_prose import inline_equations
from .doc_infer import directive_roles
from .fc_infer import read_fc_forward
from .fc_order import WEIGHT_ORDERS, WeightOrderError, weight_key_order
from .fc_typography import SHAPE_SUBSCRIPT
from .named_gradients import DEFINES

_KEY = {layout: key for key, layout in WEIGHT_ORDERS.items()}
_BATCHED = re.compile(r"^\s*\{?\s*[A-Za-z]\s*_\s*\{\s*[a-z]\s*,?\s*[a-z]\s*\}")     # an output entry with two indices
_DEFINES = re.compile(DEFINES)      # z_k \coloneqq …: the marks named_gradients reads as defining a name
_ORIENTATION = {"oi": "out x in", "rows-oi": "out x in", "io": "in x out", "rows": "in x out"}
_SAID = {"oi": "out x in, one sample a column (z = Wx + b)", "io": "in x out, one sample a column (z = W^T x + b)",
         "rows": "in x out with samples as rows (U = HW + b)", "rows-oi": "out x in with samples as rows (Y = XW^T + b)"}


def weight_conflict(settings: dict, displays, above: str | None = None) -> str | None:
    """Why a section's ``weight=`` and its own dense forward (one layout among ``displays``,
    :func:`symbp.check.fc_infer.read_fc_forward`; else ``above``, the layout of the forward
    the page wrote above the directive for the same weight) disagree, else None."""
    if "weight" not in settings:
        return None
    try:
        said = weight_key_order(settings["weight"])
    except WeightOrderError:
        return None                       # the directive's own error (docsetup)
    if (written := _written_shape_conflict(settings, said, displays)) is not None:
        return written
    forwards = [f for f in map(read_fc_forward, (_DEFINES.sub("=", r) for d in displays for r in _rows(d))) if f is not None]
    named = {f for d in displays if (f := named_product(settings, _DEFINES.sub("=", d)))}
    if not forwards and named and said not in named:       # C = A @ B: the samples' axis too
        return _conflict(settings, said, min(named))
    found = {f.layout for f in forwards} or ({above} if above in _ORIENTATION else set())
    many = str(settings.get("batch", "1")).isdigit() and int(settings.get("batch", 1)) > 1
    batched = any(_BATCHED.match(f.latex) or (many and not _ONE_ENTRY.match(f.latex))    # c_{ij} = Σ_t a_{it} b_{tj},
                  for f in forwards)          # or Y = XW under batch=4: the samples' axis is said too
    if len(found) != 1 or (_ORIENTATION[said] == _ORIENTATION[next(iter(found))] and not (batched and said != next(iter(found)))):
        return None                       # one sample: rows' W (in x out) is in-out's, entry by entry
    return _conflict(settings, said, found.pop())


def _rows(display: str) -> list:
    r"""The rows of a display as forwards are read: environments and ``\\`` breaks apart, shapes written as
    subscripts dropped (``\begin{gather*} input: X_{N\times D} \\ Y_{N\times M} = XW \end{gather*}``)."""
    body = _ENVIRONMENT.sub(" ", display)
    rows = [r.strip() for r in re.split(r"\\\\", body) if r.strip()]
    return [display] + [SHAPE_SUBSCRIPT.sub(r"\1", r) for r in rows] if len(rows) > 1 or SHAPE_SUBSCRIPT.search(body) else [display]


_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}|^\s*\{\*\}")


def _conflict(settings: dict, said: str, own: str) -> str:
    return (f"the directive's weight={settings['weight']} reads the weight as {_SAID[said]}, while the "
            f"section's own forward writes it {_SAID[own]}: if the forward is right, say weight={_KEY[own]}")


_T = r"(\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T|\\top|\\intercal)|ᵀ)?"
#: a dense forward in whole matrices with one-letter names: ``C = A @ B``, ``Y = XW + b``, ``z = W^T x``
_PRODUCT = re.compile(r"^\s*([A-Za-z])\s*=\s*([A-Za-z])\s*" + _T + r"\s*(?:@|\\cdot|·|\\times)?\s*([A-Za-z])\s*"
                      + _T + r"\s*(?:\+\s*[A-Za-z]\s*)?$")


def named_product(settings: dict, row: str) -> str | None:
    """The weight order of ``row``, a product of two matrices that only the directive's ``names``
    make the input and the kernel (``C = A @ B``: ``rows``; ``z = W^T x``: ``io``), else None.

    >>> named_product({"names": "A=input B=kernel C=output"}, "C = A @ B"), named_product({}, "C = A @ B")
    ('rows', None)
    """
    m = _PRODUCT.match(row)
    roles = {bare_letter(n): r for n, r in directive_roles(str(settings.get("names", "") or "")).items()}
    if not m or roles.get(m.group(1)) in ("input", "kernel"):
        return None
    left, right = roles.get(m.group(2)), roles.get(m.group(4))
    if (left, right) == ("input", "kernel") and not m.group(3):
        return "rows-oi" if m.group(5) else "rows"
    if (left, right) == ("kernel", "input") and not m.group(5):
        return "io" if m.group(3) else "oi"
    return None


def layerless_conflict(settings: dict, displays) -> str | None:
    r"""Why a directive that names letters but no ``layer=`` (read as a convolution's) does not fit a section
    whose own forward is dense in those letters (``c_{ij} = \sum_t a_{it} b_{tj}`` under ``names: A=input
    B=weight``: a matrix product), else None.

    >>> layerless_conflict({"names": "A=input B=weight C=output"}, [r"c_{ij} = \sum_{t=1}^{k} a_{it} b_{tj}"])[:36]
    'the directive names no layer (so it '
    >>> layerless_conflict({"names": "x=input w=kernel"}, [r"z_{ij} = \sum_m \sum_n w_{mn} x_{i+m,j+n}"]) is None
    True
    """
    if "layer" in settings or not settings.get("names"):
        return None
    named = {bare_letter(n).lower(): r for n, r in directive_roles(str(settings["names"])).items()}
    for tex in displays:
        found = read_fc_forward(_DEFINES.sub("=", tex))
        roles = {n.lower(): r for n, r in (found.roles if found else {}).items()}
        if found and all(any(named.get(n) == r == want for n, r in roles.items()) for want in ("input", "kernel")):
            return (f"the directive names no layer (so it reads a convolution), while the section's own forward "
                    f"{found.latex.strip()} is a dense layer in the letters it names: say layer=fc with in=, out= "
                    f"and batch= (weight= for the weight's order)")
    return None


def _written_shape_conflict(settings: dict, said: str, displays) -> str | None:
    """Why a matrix the section writes out for the directive's input or weight (``A = \\begin{bmatrix} a_{11} &
    a_{12} & a_{13} \\\\ … \\end{bmatrix}``: 2 x 3) has the other orientation than ``weight=`` gives it at the
    directive's sizes (``in=3 … batch=2 weight=in-out``: the input 3 x 2, samples as columns), else None."""
    sizes = {k: str(settings.get(k, "")) for k in ("in", "out", "batch")}
    if not all(v.isdigit() for v in sizes.values()):
        return None
    n_in, n_out, batch = (int(sizes[k]) for k in ("in", "out", "batch"))
    samples_as_rows = said in ("rows", "rows-oi")
    expect = {"input": (batch, n_in) if samples_as_rows else (n_in, batch),
              "kernel": (n_out, n_in) if said in ("oi", "rows-oi") else (n_in, n_out)}
    roles = {bare_letter(n): r for n, r in directive_roles(settings.get("names", "") or "").items()}
    for tex in displays:
        for m in WRITTEN_MATRIX.finditer(plain_markup(tex)):    # A = \begin{bmatrix} a_{11} & …; MathType's arrays too
            if m.group(2) == "array":
                continue
            role, body = roles.get(m.group(1)), m.group(3)
            rows = [r for r in re.split(r"\\\\", body) if r.strip()]
            if role not in expect or not re.search(m.group(1).lower() + r"\s*_", body):
                continue
            shape = (len(rows), len(rows[0].split("&")))
            if shape != expect[role] and shape[::-1] == expect[role]:
                return (f"the page writes {m.group(1)} out as a {shape[0]} x {shape[1]} matrix, while the directive's "
                        f"weight={settings['weight']} and sizes make the {role} {expect[role][0]} x {expect[role][1]}: "
                        f"say the order the page uses (weight=rows: samples as rows)")
    return None


def layout_said(layout: str) -> str:
    """The weight order ``layout`` in words, with the ``weight=`` key that states it.

    >>> layout_said("rows")
    'the weight in x out with samples as rows (U = HW + b), weight=rows'
    """
    return f"the weight {_SAID[layout]}, weight={_KEY[layout]}"


# a forward written for one entry (z_k = …, z^l_j = …): it fixes the weight's orientation only
_ONE_ENTRY = re.compile(r"^[^=]*_")
# a layer label as a superscript (^l, ^{l-1}, ^{(l)}, ^{[l]}), never a transpose (^T, ^{T})
_LABEL = re.compile(r"\^\s*(?:\{\s*(?!T\s*\})[(\[]?\s*[a-zA-Z](?:\s*[+-]\s*\d+)?\s*[)\]]?\s*\}|(?!T)[a-zA-Z](?![A-Za-z]))")
_LABEL_T = re.compile(r"\^\s*\{\s*[(\[]?\s*[a-z](?:\s*[+-]\s*\d+)?\s*[)\]]?\s*(?:T|\\top|\\intercal)\s*\}")   # W^{lT}
_GROUPED = re.compile(r"\(\s*([A-Za-z])\s*\)")                                               # (W)^T


def _unlabelled(row: str) -> str:
    r"""A dense forward row without its layer labels, a labelled transpose written plainly:
    ``z^l = (W^l)^T a^{l-1} + b^l`` -> ``z = W^T a + b``."""
    return _GROUPED.sub(r"\1", _LABEL.sub("", _LABEL_T.sub("^T", row)))


def own_layouts(displays, inline=()) -> tuple | None:
    r"""The weight orders (:data:`symbp.check.fc_order.WEIGHT_ORDERS`' values) a dense section's
    own forwards allow (its ``displays`` and ``inline`` equations together): one for a forward in
    whole tensors (``z = aW + b`` is ``rows``; layer labels and ``(W^l)^T`` read too) or over a
    batch, two for ``z_k = \sum_j w_{jk} a_j`` (W is in x out; one entry does not say whether the
    page's vectors are rows or columns), every one two forwards that disagree write; None where
    the section writes none or only the founding order (``z = Wa + b``, ``z_j = \sum_k w_{jk} a_k``).

    >>> own_layouts([r"z = a W + b"]), own_layouts([r"z_k = \sum_j w_{jk} a_j"])
    (('rows',), ('io', 'rows'))
    >>> own_layouts([r"\frac{\partial L}{\partial W} = \delta a^T"], ["z^l = (W^l)^T a^{l-1} + b^l"])
    ('io',)
    >>> own_layouts([r"z = W a + b"], ["z = a W + b"]), own_layouts([r"z_j = \sum_k w_{jk} a_k"]) is None
    (('oi', 'rows'), True)
    """
    found = set()
    for row in list(displays) + list(inline):
        f = read_fc_forward(_DEFINES.sub("=", _unlabelled(row).replace("&", "")))
        if f is None or f.layout not in _ORIENTATION:
            continue
        one_entry = f.layout == "io" and _ONE_ENTRY.match(row)
        found |= {"io", "rows"} if one_entry else {f.layout}
    return tuple(sorted(found)) if found and found != {"oi"} else None


def page_order(settings: dict, displays, prose: str | None) -> dict:
    r"""The weight-order settings a dense directive section takes from its own forwards
    (:func:`own_layouts`, over its displays and the inline ``$…$`` of its ``prose``):
    ``fc_own_layouts``, and the order itself where they settle it; under a ``weight=`` that an
    inline forward contradicts, ``directive_conflict`` (:func:`weight_conflict` reads the
    displays); {} else.

    >>> page_order({"layer_kind": "fc"}, [], "with $z = a W + b$ and $a$ a row")
    {'fc_own_layouts': ('rows',), 'fc_kernel': 'rows', 'fc_unsure': False}
    >>> "directive_conflict" in page_order({"layer_kind": "fc", "weight": "out-in"}, [], "with $z = a W + b$")
    True
    """
    if settings.get("layer_kind") != "fc":
        return {}
    inline = [tex for _, tex in inline_equations(prose or "")]
    if "weight" in settings:
        said = own_layouts((), inline)
        conflict = said and len(said) == 1 and weight_conflict(settings, [], said[0])
        return {"directive_conflict": conflict} if conflict else {}
    found = None if "fc_kernel" in settings else own_layouts(displays, inline)
    if found is None:
        return {}
    return {"fc_own_layouts": found, **({"fc_kernel": found[0], "fc_unsure": False} if len(found) == 1 else {})}


_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)


def forward_above(text: str, line: int | None, names: str) -> str | None:
    """The layout of the last dense forward the page writes in a display above ``line`` whose
    weight is a letter the directive's ``names`` makes the kernel (bare, lower case: ``W^l=kernel``
    is ``w``), else None: the forward a directive section below it, writing none of its own, is about."""
    kernels = {bare_letter(n).lower() for n, r in directive_roles(names or "").items() if r == "kernel"}
    if not line or not kernels:
        return None
    for m in reversed(list(_DISPLAY.finditer(text))):
        if text.count("\n", 0, m.start()) + 1 >= line:
            continue
        for row in reversed(re.split(r"\\\\|\n", m.group(1) or m.group(2))):
            found = read_fc_forward(_DEFINES.sub("=", row.replace("&", "")))
            if found is not None:
                mine = {bare_letter(n).lower() for n, r in found.roles.items() if r == "kernel"}
                return found.layout if mine & kernels else None
    return None
