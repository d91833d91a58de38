r"""Definitions a softmax section takes from the sections above it, for the scalar-layer reader
(:class:`symbp.check.calc_graph.CalcGraph`).

Notes define softmax in one section and differentiate the cross-entropy through it in the next
(``a_j = \phi(\mathbf z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}`` under "Softmax", then
``H(\mathbf y, \mathbf a) = -\sum_j y_j \log a_j`` and ``\frac{\partial H}{\partial z_i}`` under
"Loss").  Where a directive starts the second section with ``layer=softmax``, a name its own
definitions use but do not define keeps the definition an earlier ``layer=softmax`` section gave
it, with the names that definition uses in turn.  A name the section defines itself is its own;
nothing is carried into a section of any other layer, or into one with no directive; a
definition from a section of another layer (``layer=sigmoid``: ``a_j = \frac{1}{1+e^{-z_j}}``)
is never carried, and where a name the section needs was defined above in more than one way
(two sections, or twice in one section) nothing is carried at all: which one the loss reads is
not settled.

>>> from symbp.check.calc_parse import parse_expression
>>> soft = {"a": (("j",), parse_expression(r"\frac{\exp(z_j)}{\sum_k \exp(z_k)}"))}
>>> earlier = remember({}, soft, {"layer": "softmax"})
>>> own = {"H": ((), parse_expression(r"-\sum_j y_j \log a_j"))}
>>> sorted(carried(own, earlier, {"layer": "softmax"}))
['a']
>>> carried(own, earlier, {"layer": "conv2d"})
{}
>>> sig = {"a": (("j",), parse_expression(r"\frac{1}{1 + \exp(-z_j)}"))}
>>> carried(own, remember(earlier, sig, {"layer": "sigmoid"}), {"layer": "softmax"})
{}

A scalar network (``z_1 = w_1 x + b_1``, ``h = \sigma_h(z_1)``, ``\hat y = \sigma_o(z_2)``) is
written under "Forward pass" and differentiated under "Backward pass": into a section of a dense
layer, an activation or no layer at all, the scalar definitions (no index letters) of sections
of that same kind above are carried, for every name the section does not define itself, unless
the name, or a name its definition reads, was defined above in more than one way.

>>> fwd = {"h": ((), parse_expression(r"\sigma(z)")), "z": ((), parse_expression("w x + b"))}
>>> sorted(carried({}, remember({}, fwd, {}), {}))
['h', 'z']
>>> sorted(carried({}, remember({}, fwd, {}), {"layer": "conv2d"}))
[]
"""
from __future__ import annotations

import re

from ..layers.normalization import NORM_ALIASES
from .calc_directive import _named
from .calc_tree import names_in, nodes, refs

_CONFLICT = None          # an entry for a name its section defined twice, the second time otherwise


_DENSE = {"", "fc", "linear", "dense", "mlp", "activation", "sigmoid", "tanh", "relu"}




def _family(settings: dict) -> str:
    """"softmax", "dense" (a dense layer, an activation, no layer said), "norm" or "other"."""
    layer = str(settings.get("layer", "") or "").lower()
    return "softmax" if layer == "softmax" else "dense" if layer in _DENSE else "norm" if layer in NORM_ALIASES else "other"


def remember(earlier: dict, defs: dict, settings: dict, redefined=()) -> dict:
    """``earlier`` ({name: [(the section's family, definition or None), …]}) with a section's
    ``defs`` under directive ``settings`` added; ``redefined``: the names that section defined
    twice in different ways (each also stands as a conflict)."""
    out = {name: list(entries) for name, entries in earlier.items()}
    family = _family(settings)
    for name, definition in defs.items():
        out.setdefault(name, []).append((family, definition))
    for name in redefined:
        out.setdefault(name, []).append((family, _CONFLICT))
    return out


def unsettled(own: dict, earlier: dict, settings: dict):
    """Why nothing is carried into a softmax section with ``own`` definitions: a name they use
    and do not define that ``earlier`` (:func:`remember`) defines in more than one way (in
    words, for an unchecked verdict), else None."""
    return _walk(own, earlier, settings)[1]


# the prose calling a letter the label or target: "$y$ is the one-hot label", "$y$ denotes the ground truth"
_LABEL_SAID = re.compile(r"\$\s*\\?(?:mathbf\s*\{\s*)?([A-Za-z])\s*\}?\s*(?:\\in\s*[^$]*)?\$\s*(?:is|denotes|be|as)\s+(?:the\s+|a\s+|an\s+)?"
                         r"(?:one[- ]hot(?:[- ]encoded)?\s+|true\s+|correct\s+|class\s+)?(?:label|target|ground[- ]truth)", re.I)


def said_labels(own: dict, prose: str) -> dict:
    """``own`` without the definitions of names the prose calls the label or target (``y_k = softmax(z)_k``
    above "From now on $y$ is the one-hot label"): which one a claim's y is, is not settled.

    >>> said_labels({"y": 1, "p": 2}, r"Now $y \\in \\{0, 1\\}$ is the label and $p$ the prediction.")
    {'p': 2}
    """
    labels = set(_LABEL_SAID.findall(prose)) if prose else set()
    return {n: d for n, d in own.items() if n not in labels}


def carried(own: dict, earlier: dict, settings: dict, linear: dict | None = None, prose: str = "") -> dict:
    """The definitions of ``earlier`` (:func:`remember`) that a section with ``own`` definitions
    (and ``linear`` ones, z = Wx + b) and directive ``settings`` takes: those of the names its
    definitions use and do not define, and theirs; none where one of them has conflicting
    definitions above (:func:`unsettled`), and none where the section defines again, otherwise,
    a name defined above (``J = -y log p - …`` above, ``J = ½(p - y)²`` here: its p need not be
    the p above).  A name the section's directive calls its input or target (``y=target``
    under a section that defined ``y_k`` as a softmax), or the ``prose`` calls the label or target ("$y$ is the
    one-hot label"), is never carried."""
    mine = {**(linear or {}), **own}
    if any(d is not _CONFLICT and d != mine[n] for n in mine for _, d in earlier.get(n, ())):
        return {}
    leaves = {n for role, n in _named(settings).items() if role in ("input", "target")} | set(_LABEL_SAID.findall(prose))
    return {n: d for n, d in _walk(own, earlier, settings)[0].items() if n not in leaves}   # y=target here


def _walk(own: dict, earlier: dict, settings: dict):
    """(the definitions carried, why none are where one conflicts, else None)."""
    family = _family(settings)
    if family == "dense" and settings.get("chapter"):     # a chapter of a section with no directive
        indexed = _indexed(own, earlier)
        return {**_dense({**own, **indexed}, earlier), **indexed}, None
    if family == "dense":
        return _dense(own, earlier), None
    if family == "norm":
        return _norm(own, earlier), None
    if family != "softmax" or not own:
        return {}, None
    out: dict = {}
    wanted = set().union(*[_uses(tree) for _, tree in own.values()])
    while wanted:
        name, arity = wanted.pop()
        if name not in earlier or name in out or name in own:
            continue
        entries = [(fam, d) for fam, d in earlier[name] if d is _CONFLICT or len(d[0]) == arity]
        if not entries:                              # a = φ(z) above, the loss reads a_j
            continue
        first = entries[0][1]
        if any(definition is _CONFLICT or definition != first for _, definition in entries):
            return {}, (f"{name} is defined above this section in more than one way (in two sections, "
                        "or twice in one): which one this section's loss reads is not settled; "
                        f"define {name} again in this section")      # softmax above, sigmoid below
        if not all(fam == "softmax" for fam, _ in entries):
            continue                                 # a layer=sigmoid section's a_j: not this layer's
        out[name] = first
        wanted |= _uses(out[name][1])
    return out, None


def _norm(own: dict, earlier: dict) -> dict:
    r"""Into a ``layer=batchnorm`` (``layernorm``) section: the normalisation forward written above it
    (``\mu``, ``\sigma^2``, ``\hat{x}_i``, ``y_i`` under "Recap", the derivation under its own
    heading), where every name of it was defined above in one way only, by sections of no layer or
    of this one, and the names it defines are not defined here."""
    from .calc_paths import statistics_forward
    found = {name: entries[0][1] for name, entries in earlier.items() if name not in own and all(
        fam in ("dense", "norm") and d is not _CONFLICT and d == entries[0][1] for fam, d in entries)
        and len(entries[0][1][0]) <= 1}
    return found if found and statistics_forward({**found, **own}) else {}


def _uses(tree) -> set:
    """(name, how many indices it is read with) of each name ``tree`` reads."""
    return {(r[1], len(r[2])) for r in refs(tree)}


def _indexed(own: dict, earlier: dict) -> dict:
    r"""Into a chapter (:mod:`symbp.check.calc_chapters`): each name its definitions read with k
    index letters (k ≥ 1) and do not define, defined above with k letters in exactly one way and
    never twice in one chapter otherwise (``a = \phi(z)`` and ``a_j = e^{z_j}/Σ_k e^{z_k}`` above:
    the loss's ``a_j`` is the second), with the names that definition reads in turn."""
    def uses(tree) -> set:
        return {(name, arity) for name, arity in _uses(tree) if arity}
    out: dict = {}
    wanted = set().union(*[uses(tree) for _, tree in own.values()]) if own else set()
    while wanted:
        name, arity = wanted.pop()
        entries = earlier.get(name, [])
        if name in own or name in out or any(d is _CONFLICT for _, d in entries):
            continue
        fits = [d for _, d in entries if len(d[0]) == arity]
        if fits and all(d == fits[0] for d in fits):
            out[name] = fits[0]
            wanted |= uses(fits[0][1])
    return out


def _dense(own: dict, earlier: dict) -> dict:
    """The scalar definitions of the dense sections above that a dense section takes: every one
    settled (one definition above, from dense sections only) whose names are settled in turn,
    and none that reads a name the section defines afresh."""
    def settled(name, seen=()):
        entries = earlier.get(name)
        if not entries:
            return True                              # a leaf
        first = entries[0][1]
        if any(fam != "dense" or d is _CONFLICT or d != first for fam, d in entries) or first[0]:
            return False
        reads = names_in(first[1])                   # nothing read the section redefines
        return name not in seen and not reads & set(own) and all(settled(n, seen + (name,)) for n in reads)
    indexed = {name for _, tree in own.values() for name, arity in _uses(tree) if arity}
    return {name: entries[0][1] for name, entries in earlier.items()
            if name not in own and name not in indexed and settled(name)}


def scalar_regression(linear: dict) -> bool:
    r"""Whether the linear definitions ``linear`` (name -> (letters, tree)) are a regression's scalar
    model and loss, which no layer reader takes: a loss that sums over examples the square of a
    name the others define (``L = \frac{1}{N}\sum_i (\hat y_i - y_i)^2``), every name indexed by
    at most that one example letter, the parameters (``w``, ``b``) numbers, a capital only as a
    count (``\frac{1}{N}``).  A dense layer's weights (``w_{jk}``, ``W``) are two-index or capital
    names: not this.

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> scalar_regression({"hat y": (("i",), p(r"w x_i + b")), "L": ((), p(r"\sum_i (\hat{y}_i - y_i)^2"))})
    True
    >>> scalar_regression({"z": (("j",), p(r"\sum_k w_{jk} x_k + b_j")), "L": ((), p(r"\sum_j (z_j - y_j)^2"))})
    False

    A squared-error loss alone (the section's one definition; its model, if any, elsewhere), a constant
    times a sum over one index of the square of a difference of names with that index at most, or of
    plain names (``L = \frac{1}{2}\sum_i (a_i - y_i)^2``, ``E = \frac{1}{2}(t - o)^2``), is read too: no layer reader takes ``\frac{\partial L}{\partial a_i} = a_i - y_i``.

    >>> scalar_regression({"L": ((), p(r"\frac{1}{2}\sum_i (a_i - y_i)^2"))})
    True
    >>> scalar_regression({"L": ((), p(r"\frac{1}{2}\sum_i (W_{ij} x_j - y_i)^2"))})
    False
    """
    if len(linear) == 1:
        return _squared_error(next(iter(linear.values()))[1])
    if len(linear) < 2:
        return False
    every = [n for _, tree in linear.values() for n in nodes(tree)]
    counts = {n[2][1] for n in every if n[0] == "div" and n[2][0] == "ref" and not n[2][2]}   # 1/N
    if any(n[0] == "ref" and (len(n[2]) > 1 or (n[1][:1].isupper() and n[1] not in counts)) for n in every):
        return False
    squared = any(n[0] == "pow" and n[2] == ("num", 2) and names_in(n[1]) & set(linear) for n in every)
    return squared and any(n[0] == "sum" for n in every)



def _squared_error(tree) -> bool:
    """Whether ``tree`` is ``c · Σ_i (u_i - v_i)^2`` or ``c (u - v)^2`` (c a number, u and v names indexed by the
    summed letter alone, or plain names; at most one sum).  Not ``\frac{1}{n}``: the page may give n a number in
    its prose, which a claim then writes (red team 47: ``\frac{2}{3}(a_i - y_i)`` "with $n = 3$" was refuted)."""
    factors = tree[1] if tree[0] == "mul" else [tree]
    consts = [f for f in factors if f[0] == "num" or (f[0] == "div" and f[1][0] == "num" and f[2][0] == "num")]
    rest = [f for f in factors if f not in consts]
    if len(rest) != 1:
        return False
    body, letter = rest[0], None
    if body[0] == "sum":
        letter, body = body[1], body[3]
    if body[0] != "pow" or body[2] != ("num", 2) or body[1][0] != "add" or len(body[1][1]) != 2:
        return False
    terms = [t[1] if t[0] == "neg" else t for t in body[1][1]]
    index = () if letter is None else (((1, letter),),)
    return sum(t[0] == "neg" for t in body[1][1]) == 1 and all(t[0] == "ref" and t[2] == index for t in terms) \
        and terms[0][1] != terms[1][1]


__all__ = ["carried", "remember", "scalar_regression", "unsettled"]
