r"""The quadratic cost a fully connected document defines, and the output gradient it implies.

``C = \frac{1}{2}\sum_j (a^L_j - y_j)^2``, ``{\cal C}(\hat{W^L}) = \frac12\sum_{i=1}^n\left(a_i^L -
t_i\right)^2``, ``C = \frac12 \|a^L - y\|^2``, ``C_0 = (a^{(L)} - y)^2``: the target's letter (one
the forward gives no role), the activation's letter and layer label, and the factor of
``∂C/∂a^L = factor · (a^L - y)`` (1 with the ½, else 2).  The names reader then has
``∂C/∂a^L`` as that difference, but only for claims about the cost's own layer (its label):
for a hidden layer ``∂C/∂a^l`` is not ``a^l - y``.  Nothing is evaluated: a regular
expression reads the display.

Example::

    >>> read_quadratic_cost(r"C = \frac{1}{2}\sum_j (a^L_j - y_j)^2", {"a": "input"})
    QuadraticCost(target='y', activation='a', label='L', factor=1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import sympy as sp

_OPERAND = r"([A-Za-z])\s*((?:[_^]\s*(?:\{[^{}]*\}|\w)\s*){0,2})"
_COST = re.compile(
    r"^\s*(?:\{\s*\\cal\s*[A-Z]\s*\}|\\cal\s*[A-Z]|\\mathcal\s*\{[A-Z]\}|[CLEJ](?:_\{?0\}?)?|Cost|Loss)\s*"
    r"(?:\((?:[^()=]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*\))?\s*=\s*"
    r"(?P<half>\\[dt]?frac\s*\{?\s*1\s*\}?\s*\{?\s*2\s*\}?|1\s*/\s*2|0\.5)?\s*"
    r"(?P<sum>\\sum(?:_\{[^{}]*\}|_\w)?(?:\^\{[^{}]*\}|\^\w)?)?\s*"
    r"(?:\\left\s*)?(?P<open>\(|\\\||\|\||\\lVert)\s*" + _OPERAND + r"\s*-\s*" + _OPERAND +
    r"\s*(?:\\right\s*)?(?:\)|\\\||\|\||\\rVert)\s*\^\s*\{?\s*2\s*\}?\s*[.,]?\s*$")


@dataclass
class QuadraticCost:
    target: str
    activation: str
    label: str | None
    factor: int


def _label(scripts: str):
    sup = re.search(r"\^\s*(?:\{([^{}]*)\}|(\w))", scripts)
    return (sup.group(1) or sup.group(2)).replace(" ", "") if sup else None


def read_quadratic_cost(latex: str, roles: dict) -> QuadraticCost | None:
    """The cost definition in ``latex`` when it is a (half) squared difference between the
    output's activation (``roles``' input letter, written with a layer label) and a letter
    with no role; None otherwise."""
    m = _COST.match(latex.replace(r"\tfrac12", r"\frac{1}{2}").replace(r"\frac12", r"\frac{1}{2}"))
    if m is None:
        return None
    (l1, s1), (l2, s2) = m.group(4, 5), m.group(6, 7)
    for act, act_s, tgt, tgt_s in ((l1, s1, l2, s2), (l2, s2, l1, s1)):
        if roles.get(act) == "input" and _label(act_s) and tgt not in roles and _label(tgt_s) is None:
            indexed = "_" in act_s.replace(" ", "").split("^")[0] or re.search(r"\}\s*_|\w_", act_s)
            if indexed and not m.group("sum"):
                return None                         # one term of a sum written without Σ
            return QuadraticCost(tgt, act, _label(act_s), 1 if m.group("half") else 2)
    return None


def find_quadratic_cost(latex_list, roles: dict) -> QuadraticCost | None:
    """The first quadratic cost among a section's displays (and inline equations)."""
    for latex in latex_list:
        found = read_quadratic_cost(latex, roles)
        if found is not None:
            return found
    return None


def output_grad(cost: QuadraticCost | None, activation, sym, shape):
    """(target entries, ∂C/∂a) for the fully connected model: generic symbols ``ga`` without
    a cost, ``factor · (a - t)`` with one (``activation``: σ(z) entries, ``sym(prefix, *shape)``
    makes a symbol array)."""
    if cost is None:
        return None, sym("ga", *shape)
    target = sym("t", *shape)
    return target, (sp.Integer(cost.factor) * (activation - target)).astype(object) \
        if isinstance(activation, np.ndarray) else cost.factor * (activation - target)


_LABELLED = re.compile(r"(?<![\\A-Za-z])([A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*(?:\{([^{}]*)\}|(\w))")


def cost_layer_claim(latex: str, cost: QuadraticCost, roles: dict) -> bool | None:
    """None when the claim does not name the target; True when every layer label its named
    tensors carry is the cost's layer (``L``, ``(L)``); False when one names another layer."""
    if not re.search(r"(?<![\\A-Za-z])" + re.escape(cost.target) + r"(?![A-Za-z])", latex):
        return None
    from .index_tree import label_offset
    layer = label_offset(cost.label)
    for name, braced, bare in _LABELLED.findall(latex):
        off = label_offset(braced or bare)
        if name not in roles or off is None:
            continue
        allowed = (0, -1) if roles[name] == "input" else (0,)       # a^{L-1}: layer L's input
        if layer is None or off[0] != layer[0] or off[1] - layer[1] not in allowed:
            return False
    return True
