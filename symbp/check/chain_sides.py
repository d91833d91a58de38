r"""A chain ``A = B = C = D`` is one claim: it holds only if every side equals the gradient.

Both claim readers (the founding reader, :func:`symbp.check.checker._claim`, and the index
reader, :func:`symbp.check.index_eval._check`) compare each side they read with the derived
gradient and decide the chain by one rule, this module's:

* a side that is refuted refutes the chain (the chain states that side, so it is false);
* otherwise, a side not read leaves the chain unchecked, whatever the sides read say: the
  unread side may be the one that is wrong (``δ = ∂L/∂z = (closed form not read)`` must not
  hold on ``δ = ∂L/∂z`` alone, nor ``A = (not read) = C`` on ``A = C``);
* only a chain whose every side was read and agrees holds.

A side that is the chain rule itself through the layer's output (:func:`chain_rule_product`)
counts as read beside a side compared entry by entry; a chain of such sides alone is a
restatement with nothing compared, unchecked.

An empty side (a display whose chain continues in the next display, ``A = B =``) is not a side:
the next display's ``= C`` is checked against the same left side.
"""
from __future__ import annotations

from ..core.printing import shorten
from .index_tree import Grad, Jac, Op, Ref

SIDE_NOT_READ = "side {k} not read: "
_UNREAD_AGREE = "a chain holds only if every side does: "
_AGREE = "; the sides read agree ("


def read_sides_agree(verdict: str, detail: str) -> bool:
    """Whether a verdict is a chain left unchecked only for its unread sides while every side
    read agrees: a reading of the layout that would otherwise hold.  A caller weighing two
    readings (a refutation in one, this in the other) must not keep the refutation.

    >>> read_sides_agree("unchecked", unread_chain_detail(["d", "g", "h"], {2: "?"}, "equal"))
    True
    """
    return verdict == "unchecked" and detail.startswith(_UNREAD_AGREE) and _AGREE in detail


def unread_sides(sides: list[str], skipped: dict[int, str]) -> dict[int, str]:
    """The sides (1-based number -> reason) a reader skipped, less empty sides.

    ``sides``: the chain's sides as written; ``skipped``: side number -> why it was not read.

    >>> unread_sides(["A", "B", ""], {2: "not understood", 3: "empty"})
    {2: 'not understood'}
    """
    return {k: why for k, why in sorted(skipped.items())
            if 1 <= k <= len(sides) and sides[k - 1].strip()}


def unread_chain_detail(sides: list[str], unread: dict[int, str], agreed: str, directive: str = "") -> str:
    """The detail of a chain left unchecked because ``unread`` sides were not read while the
    sides read agree with the derived gradient (``agreed``: that verdict's detail).  It names
    each unread side and why, and says what to paste: the chain without the unread sides (to
    check those alone) and, where the reader has one, a directive (``directive``).

    >>> unread_chain_detail(["d", "g", "h(x)"], {3: "'h' unknown"}, "equal at every entry")[:60]
    "a chain holds only if every side does: side 3 not read ('h' "
    """
    named = "; ".join(f"side {k} not read ({why}): {shorten(' '.join(sides[k - 1].split()), 60)}"
                      for k, why in unread.items())
    read = [" ".join(s.split()) for k, s in enumerate(sides, start=1) if k not in unread and s.strip()]
    rewrite = f"to check the sides read alone, write $$ {' = '.join(read)} $$" if len(read) > 1 else ""
    fix = "; write the unread side in notation symbp reads" + (f", or add {directive}" if directive else "")
    said = f"{_AGREE[2:]}{shorten(agreed, 160)})" if agreed else "the sides read decide nothing"
    return f"{_UNREAD_AGREE}{named}; {said}{'; ' + rewrite if rewrite else ''}{fix}"


# ---- a side that is the chain rule itself, through the layer's output
_CUTS = ("output", "activation")            # every path from the layer's W, b, x to the loss passes here
_TARGETS = ("input", "kernel", "bias", "preact_in")


def chain_rule_product(trees: list, side, role) -> str | None:
    r"""Why ``side`` (an index-reader tree) equals the chain's gradient by the chain rule, or None.

    ``trees``: the chain's read sides (the first whole or entry gradient ∂L/∂B among them is the
    target); ``role(ref)``: the section's role of a name (None where it has none).  ``side`` must be
    a product of one loss gradient (∂L/∂Y, or δ where δ names ∂L/∂(output)) and Jacobians between
    whole tensors that run from the loss to B through the layer's own output (or its activation
    a = σ(z)) only -- a cut every path from B to the loss crosses, so the product is ∂L/∂B in the
    layout its order says: numerator (``∂L/∂Y ∂Y/∂W``), denominator (``∂Y/∂W ∂L/∂Y``) or columns
    (``(∂Y/∂X)^T ∂L/∂Y``).  A product that does not run so (``∂L/∂z^{l-1} ∂z^{l-1}/∂W^l``, a
    factor of another layer, a transpose in no layout) is no chain rule: the side stays unread.

    >>> from symbp.check.index_tree import Ref
    >>> Y, W = Ref("Y", None, None), Ref("W", None, None)
    >>> roles = {"Y": "output", "W": "kernel"}
    >>> chain_rule_product([Grad(W)], Op("mul", (Grad(Y), Jac(Y, W))), lambda r: roles.get(r.name))[:36]
    'the chain rule through the output Y '
    """
    target = next((t.ref for t in trees if isinstance(t, Grad)), None)
    factors = side.args if isinstance(side, Op) and side.kind == "mul" else ()
    if target is None or len(factors) < 2 or role(target) not in _TARGETS:
        return None
    items = [(f.args[0], True) if isinstance(f, Op) and f.kind == "transpose" and len(f.args) == 1 else (f, False)
             for f in factors]
    grads = [k for k, (f, _) in enumerate(items) if isinstance(f, Grad) or (
        isinstance(f, Ref) and f.idx is None and role(f) in ("output_grad", "delta"))]
    if len(grads) != 1 or items[grads[0]][1] or not all(isinstance(f, Jac) for k, (f, _) in enumerate(items)
                                                        if k != grads[0]):
        return None
    start, jacs = items[grads[0]][0], [(f, t) for k, (f, t) in enumerate(items) if k != grads[0]]
    if grads[0] == 0 and not any(t for _, t in jacs):
        layout = "numerator layout"
    elif grads[0] == len(items) - 1 and len({t for _, t in jacs}) == 1:
        layout, jacs = ("columns" if jacs[0][1] else "denominator layout"), jacs[::-1]
    else:
        return None
    top = start.ref if isinstance(start, Grad) else None          # δ: the layer's output
    through = []
    for jac, _ in jacs:
        if jac.top.idx is not None or role(jac.top) not in _CUTS or (
                top is not None and jac.top != top) or (top is None and role(jac.top) != "output"):
            return None
        through.append(jac.top)
        top = jac.bottom
    if top != target or [role(r) for r in through] not in (["output"], ["activation", "output"]):
        return None                      # down from the loss: the activation, then the output, once each
    names = ", ".join(f"{role(r)} {r.name}" + (f"^{r.label}" if r.label else "") for r in through)
    return f"the chain rule through the {names} ({layout}): every path from the derivative's variable to the loss crosses it"
