r"""A claim whose two sides are of different kinds: ``\frac{\partial z_{ij}}{\partial b} =
\delta_{ij}``, ``\frac{\partial z^l}{\partial b^l} = \sum_{x,y} \delta^l_{x,y}``.

The left side is a derivative of the layer's own output (a Jacobian: it does not involve the
loss), the right side carries the loss's gradient (δ, ``∂L/∂z``): the author means ``∂L/∂b``
(the chain rule's next row). Literally the claim is false, but refuting it says nothing the
author can use: it is left unchecked, asking which was meant. Where the sides' shapes differ
too (``∂Y/∂x_{11}``, the whole Y, equal to one number) the index reader refutes by shape first,
naming ∂L/∂x_{11} as the reading under which it holds. The other way round (a loss
gradient equal to a right side without δ, ``∂L/∂w_{mn} = a_{m,n}``) stays refuted: the chain
rule's gradient is linear in δ, so such a right side is wrong for every reading.

>>> from symbp.check.index_claims import Grad, Jac, Ref
>>> z, b, d = Ref("z", None, ("i", "j")), Ref("b", None, None), Ref("\\delta", None, ("i", "j"))
>>> loss_slip([Jac(z, b), d], {"b": "bias", "z": "output"}, "conv")[:40]
'the left side ∂z/∂b does not involve the'
>>> loss_slip([Grad(b), d], {}, "conv") is None
True
"""
from __future__ import annotations

from .index_claims import Grad, Jac, Op, Ref, Sum

_LOSS_GRAD_ROLES = ("output_grad", "preact_grad")


def _has_loss_gradient(node, roles: dict, layer: str) -> bool:
    """Whether an index tree carries the loss's gradient: ∂L/∂x, δ, a name in δ's role."""
    if isinstance(node, Grad):
        return True
    if isinstance(node, Ref):
        if node.name == "\\delta":
            return not (layer == "fc" and node.label is None and node.idx is not None and len(node.idx) == 2)
        return roles.get(node.name) in _LOSS_GRAD_ROLES
    if isinstance(node, Sum):
        return _has_loss_gradient(node.body, roles, layer)
    if isinstance(node, Op):
        return any(_has_loss_gradient(a, roles, layer) for a in node.args
                   if isinstance(a, (Grad, Ref, Sum, Op, Jac)))
    return False


def loss_slip(trees: list, roles: dict, layer: str) -> str | None:
    """Why a claim (``trees``: its sides as index trees, the left first) compares a Jacobian of
    the layer's output with the loss's gradient, or None. ``roles``: name -> role (``"b"`` ->
    ``"bias"``), ``layer``: the section's kind ("conv", "fc", ...)."""
    left = trees[0]
    if not isinstance(left, Jac) or _has_loss_gradient(left, roles, layer):
        return None
    if not any(_has_loss_gradient(t, roles, layer) for t in trees[1:]):
        return None
    top, bottom = left.top.name.lstrip("\\"), left.bottom.name.lstrip("\\")
    return (f"the left side ∂{top}/∂{bottom} does not involve the loss but the right side has its "
            f"gradient (δ): did you mean ∂L/∂{bottom} (the chain rule's ∂L/∂{top} · ∂{top}/∂{bottom})?")
