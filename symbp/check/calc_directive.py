r"""The forward a ``layer=softmax`` directive's names stand for, written as rows the
scalar-layer reader (:mod:`symbp.check.calc_graph`) reads like the page's own: a page that
says which of its letters are the logits, the probabilities, the target and the loss
(``names: a=input y=output t=target E_n=loss``) but writes its softmax only in words gets
its entries, its Jacobian rows and its cross-entropy rows checked in those letters.

>>> softmax_rows({"layer": "softmax", "names": "a=input y=output t=target E_n=loss"})
['y_{k} = \\frac{\\exp(a_{k})}{\\sum_{j} \\exp(a_{j})}', 'E_n = -\\sum_{k} t_{k} \\log y_{k}']
>>> softmax_rows({"layer": "conv2d", "names": "a=input y=output"})
[]
>>> activation_rows({"layer": "activation", "name": "sigmoid", "names": "z=input p=output J=loss"})
['p = \\sigma(z)']
"""
from __future__ import annotations

import re

from ..layers.normalization import NORM_ALIASES

_ROLES = ("input", "output", "target", "loss", "mean", "variance", "normalized", "scale", "shift")


def _named(settings: dict) -> dict:
    """role -> the first plain name the directive's ``names:`` gives it."""
    named: dict = {}
    for item in re.split(r"\s+", str(settings.get("names", "") or "").strip()):
        name, _, role = item.partition("=")
        if role.lower() in _ROLES and name and not re.search(r"[_^]\s*\{?\s*[a-z]\s*\}?\s*$", name
                                                              if role.lower() != "loss" else ""):
            named.setdefault(role.lower(), name)
    return named


def directive_rows(settings: dict, latex=()) -> list:
    """The forward rows a section's directive states: :func:`softmax_rows`,
    :func:`activation_rows` and :func:`norm_rows`."""
    return softmax_rows(settings) + activation_rows(settings) + norm_rows(settings, latex)


def norm_rows(settings: dict, latex=()) -> list:
    r"""A batch or layer norm's forward in the letters a ``layer=batchnorm|layernorm`` directive names
    (``names: x=input \mu=mean \sigma^2=variance \hat{x}=normalized y=output \gamma=scale
    \beta=shift``): μ = 1/m Σ_i x_i, σ² = 1/m Σ_i (x_i - μ)², x̂_i = (x_i - μ)/√(σ² + ε),
    y_i = γ x̂_i + β (a layer norm's y_i = γ_i x̂_i + β_i: one scale and shift per feature, as PyTorch's
    ``LayerNorm`` weight and bias, even where the page writes γ bare), each row whose letters are all named (the page's own rows come first; these
    stand in for the ones it says only in words).  The count letter and ε are spelled as the page's
    displays ``latex`` spell them (``\sum_{i=1}^{N}``, ``\varepsilon``).

    >>> norm_rows({"layer": "batchnorm", "names": "x=input \\mu=mean"})
    ['\\mu = \\frac{1}{m} \\sum_{i=1}^{m} x_{i}']
    """
    layer = NORM_ALIASES.get(str(settings.get("layer", "")).lower())
    if layer is None:
        return []
    named = _named(settings)
    x, mean, var, hat = (named.get(k) for k in ("input", "mean", "variance", "normalized"))
    out, scale, shift = (named.get(k) for k in ("output", "scale", "shift"))
    page = " ".join(latex)
    bounds = set(re.findall(r"\\sum(?:\\limits)?_\{?\s*[a-z]\s*=\s*1\s*\}?\^\{?\s*([A-Za-z])\s*\}?", page))
    m = bounds.pop() if len(bounds) == 1 else "m"
    eps = "\\varepsilon" if "\\varepsilon" in page and "\\epsilon" not in page else "\\epsilon"
    rows = []
    if x and mean:
        rows.append(rf"{mean} = \frac{{1}}{{{m}}} \sum_{{i=1}}^{{{m}}} {x}_{{i}}")
    if x and mean and var:
        rows.append(rf"{var} = \frac{{1}}{{{m}}} \sum_{{i=1}}^{{{m}}} ({x}_{{i}} - {mean})^2")
    if x and mean and var and hat:
        rows.append(rf"{hat}_{{i}} = \frac{{{x}_{{i}} - {mean}}}{{\sqrt{{{var} + {eps}}}}}")
    if hat and out and scale and shift:
        each = "_{i}" if layer == "layernorm" else ""
        rows.append(rf"{out}_{{i}} = {scale}{each} {hat}_{{i}} + {shift}{each}")
    return rows


def needed_rows(rows: list, own: dict, above) -> list:
    """The ``rows`` of a directive's forward (:func:`directive_rows`) a section reads: not those
    defining a name the section defines itself (``own``: name -> definition) or that a forward above
    gives it (``above(own)``: name -> definition, :func:`symbp.check.calc_carry.carried`)."""
    from .calc_parse import CalcParseError, parse_expression
    above = above(own) if rows else {}
    out = []
    for row in rows:
        head = re.split(r"\s*=", row, maxsplit=1)[0]
        if re.split(r"\s*[_^=]", row, maxsplit=1)[0] in own:
            continue
        try:
            tree = parse_expression(head)
        except (CalcParseError, RecursionError):
            tree = None
        while tree is not None and tree[0] == "pow":
            tree = tree[1]
        if tree is not None and tree[0] == "ref" and tree[1] in above:
            continue
        out.append(row)
    return out


# a mark that defines or sets the name before it: =, \leftarrow, \gets, :=, \coloneqq, \triangleq, \equiv, ≜, ←,
# \stackrel{def}{=}, \Leftarrow, \mapsto (the first one in the row)
_DEFINING = re.compile(r"\\(?:stackrel|overset)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*=\s*\}|:=|(?<![<>!\\])="
                       r"|\\(?:leftarrow|gets|longleftarrow|coloneqq|triangleq|doteq|equiv|Leftarrow|mapsto|propto)(?![A-Za-z])|[←≜≐≡∝]")


def unread_stand_ins(rows: list, latex, own: dict, inline=(), read=None) -> dict:
    r"""The names a directive's forward ``rows`` would define that the page defines itself in a display row the
    scalar reader did not read (``\hat{x}_i \leftarrow \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}`` in a form it
    does not take): {name: (index letters, ("unread", why, the row))}, a node with no value, so that a claim through it
    gets no verdict, where the directive's standard forward would have stood in for the page's own (``own``:
    the names the section's rows defined).  ``inline``: the rows the section's prose states in inline math
    ("where $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}$"): ``read`` (the reader's row reader, true
    where it took the row) reads first those of a name the standard rows define, as the page's own forward; one it
    does not take is as an unread display row.

    >>> found = unread_stand_ins([r"\hat{x}_{i} = \frac{x_{i} - \mu}{\sqrt{\sigma^2 + \epsilon}}"],
    ...                          [r"\hat{x}_i \mapsto \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}"], {})
    >>> sorted(found), found["hat x"][0], found["hat x"][1][0]
    (['hat x'], ('i',), 'unread')
    """
    from .equation_rows import split_rows
    wanted, wanted_rows = {}, {}
    for row in rows:
        head = _head(re.split(r"\s*=", row, maxsplit=1)[0])
        if head is not None and head[1] not in own:
            wanted[head[1]] = tuple(ix[0][1] for ix in head[2] if len(ix) == 1 and ix[0][1])
            wanted_rows[head[1]] = row
    needed, pending = set(), list(inline) if read is not None else []
    while pending:                                  # x̂ = (x - μ)/s, then s = √(σ² + ε): the page's forward, read
        taken = []                                  # (row, name) read in this pass
        for text in pending:
            head = _head(_DEFINING.split(text, maxsplit=1)[0])
            name = head[1] if head is not None else None
            if name is not None and (name in needed or name in wanted and not _same(text, wanted_rows[name])) and read(text):
                taken.append((text, name))
        pending = [text for text in pending if text not in {t for t, _ in taken}] if taken else []
        for text, name in taken:
            wanted.pop(name, None)
            needed |= _names(text) - set(own)
    out = {}
    for text in [r for d in latex for r in split_rows(d)] + list(inline) if wanted else ():
        mark = _DEFINING.search(text)
        if mark is None or re.search(r"\\partial|\\frac\s*\{\s*d|\\nabla", text):
            continue
        head = _head(re.sub(r"^\s*&|&\s*$", "", text[:mark.start()].split(":")[0]).strip())   # \hat{x} : x_i \mapsto …
        if head is None or any(ix[0][1] is None for ix in head[2]) or head[1] not in wanted or head[1] in out:
            continue                                                 # l_1 = …: an entry, read apart
        if not _same(text, wanted_rows[head[1]]):
            out[head[1]] = (wanted[head[1]], ("unread", f"the page defines {head[1]} in a row not read ('{text.strip()[:80]}'): "
                                                         "the standard forward (a directive's or the words') does not stand in", text))
    return out


def _same(row: str, standard: str) -> bool:
    """Whether the page's ``row`` is the ``standard`` row, written alike or read as one tree."""
    own_row, plain = _plain(row), _plain(standard)
    return own_row == plain or own_row.startswith(plain + "=") or _same_tree(row, standard)   # y = … = \text{BN}(x)


def _names(row: str) -> set:
    """The names a row's right side reads (none where it does not parse)."""
    from .calc_parse import CalcParseError, parse_expression
    from .calc_tree import names_in
    try:
        return names_in(parse_expression(_DEFINING.split(row, maxsplit=1)[-1]))
    except (CalcParseError, RecursionError):
        return set()


def _same_tree(row: str, standard: str) -> bool:
    r"""Whether ``row`` and the ``standard`` row read as one tree once their index letters are renamed in order
    of first use and a sum over the whole range is written either way: ``\hat{x}_j = (x_j - \mu)/\sqrt{\sigma^2
    + \epsilon}`` and ``v = \frac{1}{N}\sum_k (x_k - \mu)^2`` are the directive's own rows."""
    from .calc_parse import CalcParseError, parse_expression
    try:
        trees = [[parse_expression(side.strip().rstrip(".,;")) for side in _DEFINING.split(text, maxsplit=1)]
                 for text in (row, standard)]
    except (CalcParseError, RecursionError):
        return False
    return _canonical(trees[0], {}) == _canonical(trees[1], {})


def _canonical(tree, letters: dict):
    """``tree`` with its index letters numbered in order of first use and a whole range's bounds dropped."""
    def letter(x):
        return letters.setdefault(x, len(letters)) if isinstance(x, str) else x
    if isinstance(tree, list):
        return [_canonical(t, letters) for t in tree]
    if not isinstance(tree, tuple) or not tree:
        return tree
    if tree[0] == "sum" and len(tree) == 4:
        whole = tree[2] is None or tree[2][0] == "range" and tree[2][1] in (0, 1) and tree[2][2] is None
        return ("sum", letter(tree[1]), None if whole else _canonical(tree[2], letters), _canonical(tree[3], letters))
    if tree[0] == "ref" and len(tree) == 3:
        return ("ref", tree[1], tuple(tuple((c, letter(x)) for c, x in ix) for ix in tree[2]))
    return tuple(_canonical(t, letters) for t in tree)


def _head(side: str):
    """The name a row's left side defines, ``("ref", name, indices)`` (a power's base: ``\\sigma_B^2``), else None."""
    from .calc_parse import CalcParseError, parse_expression
    try:
        head = parse_expression(side)
    except (CalcParseError, RecursionError):
        return None
    while head[0] == "pow":
        head = head[1]
    return head if head[0] == "ref" else None


def _plain(row: str) -> str:
    r"""A forward row without spacing, braces, product marks and one-letter entry indices, its mark an ``=``:
    ``Y = \gamma \odot \hat{X} + \beta`` and the directive's ``Y_{i} = \gamma \hat{X}_{i} + \beta`` are one row."""
    text = _DEFINING.sub("=", row, count=1)
    text = re.sub(r"\\(?:left|right|odot|cdot|circ|times|[,;:! ]|q?quad)(?![A-Za-z])|\*", "", text)
    text = re.sub(r"\s+", "", re.sub(r"_\s*(?:\{\s*[a-z]\s*\}|[a-z](?![A-Za-z]))", "", text))
    for _ in range(3):                                         # {x}, \mu_{B}: one letter's braces, no grouping
        text = re.sub(r"\{(\\?[A-Za-z]+|\d+)\}", r"\1", text)
    return text.rstrip(".,;")


def activation_rows(settings: dict) -> list:
    r"""``p = \sigma(z)`` (or ``\tanh``) for a ``layer=activation name=sigmoid|tanh`` section
    whose directive names one plain letter the input and one the output, else []: the page
    that says "let p be the sigmoid of z" in words gets its ∂J/∂z rows read through p."""
    if str(settings.get("layer", "")).lower() != "activation":
        return []
    fn = {"sigmoid": r"\sigma", "tanh": r"\tanh"}.get(str(settings.get("name", "")).lower())
    named = _named(settings)
    z, p = named.get("input", ""), named.get("output", "")
    if fn is None or not (re.fullmatch(r"[A-Za-z]", z) and re.fullmatch(r"[A-Za-z]", p)) or z == p:
        return []
    return [rf"{p} = {fn}({z})"]


def softmax_rows(settings: dict) -> list:
    """The rows ``p_k = exp(z_k) / Σ_j exp(z_j)`` and ``L = -Σ_k y_k log p_k`` in the letters
    a softmax section's directive names (the loss only where its target is named, or ``y``
    is free), else []."""
    if str(settings.get("layer", "")).lower() != "softmax":
        return []
    named = _named(settings)
    if "input" not in named or "output" not in named:
        return []
    z, p = named["input"], named["output"]
    rows = [rf"{p}_{{k}} = \frac{{\exp({z}_{{k}})}}{{\sum_{{j}} \exp({z}_{{j}})}}"]
    target = named.get("target") or ("y" if "y" not in named.values() else None)
    if "loss" in named and target is not None:
        rows.append(rf"{named['loss']} = -\sum_{{k}} {target}_{{k}} \log {p}_{{k}}")
    return rows
