"""A document's names and their roles: :class:`Name` and :func:`parse_name` (pass 1 reads
them), the role placeholders the chain rule derives, :func:`resolve_roles` (pass 2), and
the errors and limits every pass of :mod:`symbp.check.notation` shares."""

from __future__ import annotations

import re
from typing import NamedTuple

import sympy as sp

from ..core.tensor import text
from ..layers.conv import A, B, DELTA, W, ZPREV
from .index_tree import label_offset
from .latex_atoms import LatexAtomError, normalize_symbol_name


DEFINITION, UNCHECKED = "definition", "unchecked"
MAX_EQUATIONS, MAX_ATOM = 2000, 20_000

# Roles beyond the core's placeholders A, W, B, DELTA, ZPREV: what the chain rule derives.
Z_OUT, ACT_OUT = sp.Symbol("z"), sp.Symbol("σ(z)")
GRAD_A, GRAD_W, GRAD_B, DELTA_PREV = sp.symbols("∂J/∂a ∂J/∂W ∂J/∂b δ^{l-1}")
DERIVED = {Z_OUT, ACT_OUT, GRAD_A, GRAD_W, GRAD_B, DELTA_PREV}
GRAD_OF = {A: GRAD_A, W: GRAD_W, B: GRAD_B, Z_OUT: DELTA, ZPREV: DELTA_PREV}
ARGMAX_INPUT = sp.Symbol("argmax input")      # upsample_max(δ) without its second argument


class CheckError(ValueError):
    """The document as a whole cannot be checked (one-line message)."""


class Unsupported(Exception):
    """Notation this checker does not understand; the message is the reason."""


class _NotHere(Exception):
    """An operand is not the operator it started like: read it as an atom instead."""


class Name(NamedTuple):
    """A document's name: base (a, w, b, z, delta), layer label, indices (None: the tensor)."""
    base: str
    label: str | None
    indices: tuple | None
    grad: bool = False
    letters: tuple = ()         # δ_j, w_{jk}: the letters read as "the tensor"

    def show(self) -> str:
        sup = f"^{{{self.label}}}" if self.label else ""
        sub = "" if self.indices is None else "_{" + (
            "".join if all(i < 10 for i in self.indices) else ",".join)(map(str, self.indices)) + "}"
        return ("∇" if self.grad else "") + text(self.base) + sup + sub


_BASES = {"a": "a", "w": "w", "W": "w", "b": "b", "z": "z", "delta": "delta"}
_LOSS = {"J", "L", "E", "C", r"\mathcal{L}", r"\mathcal{J}", r"\ell"}


def parse_name(name: str) -> Name:
    """A parse_atom symbol name (``nabla a^{l}_{12}``) as a Name; Unsupported otherwise."""
    try:
        base, label, indices = normalize_symbol_name(name)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    grad, base = base.startswith("nabla "), base.removeprefix("nabla ").strip()
    if base not in _BASES:
        raise Unsupported(f"unknown name {text(name)}")
    if all(isinstance(i, str) for i in indices):           # δ, δ_k, δ_{u,v}: the tensor
        return Name(_BASES[base], label, None, grad, tuple(indices))
    if not all(isinstance(i, int) for i in indices):
        raise Unsupported(f"{text(name)} mixes numeric and symbolic indices")
    return Name(_BASES[base], label, tuple(indices), grad)


# =========================================================================== pass 2: roles

_STEM = re.compile(r"[A-Za-z]+")       # the letter of a layer label: l in l-1, (l+1), l


def resolve_roles(names: list[Name], subject: Name | None) -> dict:
    """(base, label) -> role placeholder.  Labels are labels: they only tell layers apart.

    The current layer's label is W's (or b's); else that of the δ on the other side of a
    δ equation; else δ's.  δ and z with another label are the previous layer's; without a
    current label, an offset label (l-1, L+1) marks the previous layer.  With two labels
    for a, the current layer's a is its activation σ(z).
    """
    stems = sorted({m.group(0) for n in names if n.label for m in [_STEM.search(n.label)] if m})
    if len(stems) > 1:          # δ^L beside W^l: two layers, unless the author means one
        raise Unsupported(f"layer labels {' and '.join(stems)} in one equation: if they are one "
                          f"layer, write one label")
    labels: dict[str, list] = {b: [] for b in _BASES.values()}
    for n in names:
        if n.label not in labels[n.base]:
            labels[n.base].append(n.label)
    for base in ("w", "b"):
        labels[base] = [x for x in labels[base] if x is not None] or labels[base]
        if len(labels[base]) > 1:
            raise Unsupported("weights of several layers in one equation")
    deltas, zs = labels["delta"], labels["z"]
    if len(deltas) > 2 or len(zs) > 2:
        raise Unsupported("δ or z of more than two layers in one equation")
    if labels["w"] or labels["b"]:
        current = (labels["w"] or labels["b"])[0]
    elif len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)
    else:
        current = deltas[0] if deltas else None
    if current is None and len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)      # W unlabelled: δ's label
    if len(deltas) == 1 and deltas[0] is not None and current is not None and deltas[0] != current \
            and (labels["w"] or labels["b"]):       # ∂J/∂b^l = δ^{l-1}: which layer's δ the page means
        raise Unsupported(f"δ^{{{deltas[0]}}} beside the weight or bias of layer {current}: the error of "
                          f"another layer (or this one's, where the page labels δ one layer on)")
    roles = {("delta", x): DELTA_PREV if len(deltas) == 2 and x != current else DELTA
             for x in deltas}
    through = DELTA_PREV in roles.values()
    for x in zs:
        other = x != current if current is not None else bool(
            x and re.search(r"[+-]\d+\)?$", x))
        roles["z", x] = ZPREV if through or other else Z_OUT
    for x in labels["a"]:
        roles["a", x] = ACT_OUT if len(labels["a"]) > 1 and x == current else A
    return roles


# =========================================================================== layer labels

def label_step(label: str | None) -> tuple[str, int] | None:
    """(stem, offset) of a layer label (:func:`symbp.check.index_tree.label_offset`), with a
    number for a stem of its own: ``l-1`` -> ('l', -1), ``(2)`` -> ('', 2); None otherwise.

    >>> label_step("(l-1)"), label_step("2"), label_step("T")
    (('l', -1), ('', 2), None)
    """
    text = (label or "").strip().removeprefix("(").removesuffix(")").replace(" ", "")
    return ("", int(text)) if text.isdigit() else label_offset(label)


def input_offset(names: list[Name]) -> int | None:
    """How far the input's label a^{…} sits from the weight's W^{…} in a forward equation
    (z^l = W^l a^{l-1} + b^l: -1; z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}: 0), or None."""
    steps = {n.base: label_step(n.label) for n in names if n.base in ("a", "w")}
    a, w = steps.get("a"), steps.get("w")
    if a is None or w is None or a[0] != w[0]:
        return None
    return a[1] - w[1]


def misplaced_input(names: list[Name], roles: dict, offset: int | None) -> Name | None:
    """An a^{…} read as the layer's input whose label is not the input's for this equation's
    layer (the weight's label, else z's, else δ's, shifted by the forward's ``offset``):
    with z^l = W^l a^{l-1} + b^l, the a^l of ∂C/∂W^l = δ^l (a^l)^T is the activation of
    layer l, not its input.  With no forward seen (``offset`` None) an a beside a labelled
    weight or bias must sit at its label or one below (UFLDL's a^{(l)}, Nielsen's a^{l-1}):
    δ^{(l+1)} (a^{(l+1)})^T beside W^{(l)} is no layer's input.  None when every a is placed
    or nothing tells."""
    by_base = {}
    for n in names:
        if label_step(n.label) is not None:
            by_base.setdefault(n.base, set()).add(label_step(n.label))
    bases = ("w", "b", "z", "delta") if offset is not None else ("w", "b")
    ref = next((by_base[b] for b in bases if len(by_base.get(b, ())) == 1), None)
    if ref is None:
        return None
    stem, at = next(iter(ref))
    allowed = (at + offset,) if offset is not None else (at - 1, at)
    for n in names:
        step = label_step(n.label)
        if n.base == "a" and step and step[0] == stem and roles.get(("a", n.label)) == A \
                and step[1] not in allowed:
            return n
    return None
