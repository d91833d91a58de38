r"""The founding reader's side that is the chain rule itself, between whole tensors.

``\frac{\partial J}{\partial W} = \frac{\partial J}{\partial z}\frac{\partial z}{\partial W} = a * \delta``:
the founding reader does not evaluate a Jacobian between tensors, so the middle side is not
read, and a chain holds only if every side was read (:mod:`symbp.check.chain_sides`).  This
module reads such a side as written -- derivative factors ``\frac{\partial T}{\partial B}``
(each may be transposed, ``(\cdot)^T``, joined by nothing or ``\cdot``) and δ -- names each
letter by the founding reader's roles (:func:`symbp.check.notation_names.resolve_roles`, over
the chain's names and the side's), and asks :func:`symbp.check.chain_sides.chain_rule_product`
whether it runs from the loss to the differentiated tensor through the layer's output only.

>>> rule = founding_chain_rule([r"\frac{\partial J}{\partial W}", r"\frac{\partial J}{\partial z}\frac{\partial z}{\partial W}"], 1, [])
>>> rule[:36]
'the chain rule through the output z '
"""
from __future__ import annotations

import re

from .chain_sides import chain_rule_product, unread_chain_detail
from .index_tree import Grad, Jac, Op, Ref
from .notation_names import (A, ACT_OUT, B, DELTA, W, Z_OUT, ZPREV, Unsupported, _LOSS, parse_name,
                             resolve_roles)

_BRACED = r"((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)"
_D = r"(?:\\partial|\\mathrm\s*\{\s*d\s*\}|d(?![A-Za-z]{2}))\s*"          # ∂, d: \frac{dJ}{dz}
_JOIN = r"(?:\\cdot|\\times)"
_FACTOR = re.compile(r"\s*(?:" + _JOIN + r"\s*)?(?P<open>\\left\s*\(|\()?\s*\\[dt]?frac\s*\{\s*" + _D + _BRACED +
                     r"\}\s*\{\s*" + _D + _BRACED + r"\}\s*(?P<close>\\right\s*\)|\))?"
                     r"(?P<t>\s*\^\s*(?:T|\{T\}|\\top|\{\\top\}))?\s*")
_DELTA = re.compile(r"\s*(?:" + _JOIN + r"\s*)?\\delta(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*")
_ROLE_WORDS = {A: "input", W: "kernel", B: "bias", Z_OUT: "output", ACT_OUT: "activation", ZPREV: "preact_in",
               DELTA: "delta"}


def _factors(side: str):
    """[(kind, top, bottom, transposed)] of a product of derivatives and δ, None otherwise."""
    out, pos = [], 0
    while pos < len(side):
        m = _FACTOR.match(side, pos)
        if m and m.end() > pos and bool(m.group("open")) == bool(m.group("close")) and (m.group("open") or not m.group("t")):
            out.append(("d", m.group(2).strip(), m.group(3).strip(), bool(m.group("t"))))
        else:
            m = _DELTA.match(side, pos)
            if not m or m.end() == pos:
                return None
            out.append(("delta", re.sub(r"^\s*" + _JOIN, "", m.group()).strip(), None, False))
        pos = m.end()
    return out


def _name(tex: str):
    """A founding Name of a whole tensor written ``tex`` (``z^l``, ``W^{(l)}``), None otherwise."""
    try:
        name = parse_name(tex)
    except (Unsupported, ValueError, TypeError):
        return None
    return name if name.indices is None and not name.letters and not name.grad else None


def founding_chain_rule(sides: list[str], k: int, names: list) -> str | None:
    """Why side ``k`` (0-based) of the chain ``sides`` is ∂J/∂(the tensor a side differentiates)
    by the chain rule through the layer's output, or None; ``names``: the founding reader's names
    of the sides it read (their roles are resolved with the side's own)."""
    target = next((f for s in sides if (f := _factors(s)) and len(f) == 1 and f[0][0] == "d"
                   and f[0][1] in _LOSS and not f[0][3]), None)
    factors = _factors(sides[k])
    if target is None or not factors or len(factors) < 2:
        return None
    letters = {t for f in factors + target for t in f[1:3] if t is not None and t not in _LOSS}
    found = {t: _name(t) for t in letters}
    if any(n is None for n in found.values()):
        return None
    try:
        roles = resolve_roles(list(names) + list(found.values()), None)
    except Unsupported:
        return None

    def ref(tex):
        n = found[tex]
        return Ref(n.base, n.label, None)

    def role(r: Ref):
        if r.name in ("w", "b"):
            return _ROLE_WORDS[W if r.name == "w" else B]
        return _ROLE_WORDS.get(roles.get((r.name, r.label)))

    nodes = []
    for kind, top, bottom, t in factors:
        node = ref(top) if kind == "delta" else Grad(ref(bottom)) if top in _LOSS else Jac(ref(top), ref(bottom))
        nodes.append(Op("transpose", (node,)) if t else node)
    return chain_rule_product([Grad(ref(target[0][2]))], Op("mul", tuple(nodes)), role)


def founding_unread(sides: list[str], skipped: dict, names: list, agreed: str) -> tuple[str | None, str]:
    """(why the chain is unchecked, None where every side was read; a note naming the sides read
    as the chain rule) from the founding reader's ``skipped`` (0-based side -> why it was not
    read) and ``agreed``, the detail of the sides read.

    >>> founding_unread(["d", "x"], {1: "not understood"}, [], "equal")[0][:60]
    'a chain holds only if every side does: side 2 not read (not '
    """
    ruled = {k: rule for k in skipped if (rule := founding_chain_rule(sides, k, names))}
    note = "; ".join(f"side {k + 1} is {rule}" for k, rule in ruled.items())
    unread = {k + 1: why for k, why in skipped.items() if k not in ruled}
    return unread_chain_detail(sides, unread, agreed) if unread else None, f" ({note})" if note else ""
