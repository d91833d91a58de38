r"""Roles read from one claim when nothing before it named the letters (the index reader's
fallback): a Jacobian ``∂Z(i',j',k)/∂Y(i,j,k_in) = W(i-i', j-j', k_in, k)`` names the output, the
input and the kernel with their index layouts; ``∂Y_{ij}/∂… = ∂/∂…(Σ_l W_{il} X_{lj} + b_j)``
names an affine layer's weight, input, output and bias.

Example::

    >>> affine_roles(r"\frac{\partial Y_{ij}}{\partial W_{pq}} = \frac{\partial}{\partial W_{pq}}\left(\sum_l W_{il} X_{lj} + b_j\right)")
    ({'Y': 'output', 'W': 'kernel', 'X': 'input', 'b': 'bias'}, True)
"""
from __future__ import annotations

from .index_claims import IndexError_


def jacobian_roles(latex: str):
    """({Z: output, Y: input, W: kernel}, layouts) from ``∂Z(i',j',k)/∂Y(i,j,k_in) = W(i-i',
    j-j', k_in, k)`` when nothing else named the letters: the derivative's top is the output,
    its bottom the input, the one other tensor the kernel; an index shared by the bottom and
    a kernel index alone is the input channel, one shared by the top and the kernel the output
    channel, the others rows then columns."""
    from .index_claims import Jac, parse
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
        lhs, rhs = parse(sides[0]), parse(sides[-1])
    except (IndexError_, LatexAtomError, ValueError):
        return None
    if not isinstance(lhs, Jac) or not lhs.top.idx or not lhs.bottom.idx:
        return None
    from .index_tree_walks import all_refs as _all_refs
    others = {r.name for r in _all_refs([rhs]) if r.idx and r.name not in (lhs.top.name, lhs.bottom.name)}
    if len(others) != 1:
        return None
    kname = others.pop()
    kernel = next(r for r in _all_refs([rhs]) if r.name == kname)
    roles = {lhs.top.name: "output", lhs.bottom.name: "input", kname: "kernel"}
    if len(kernel.idx) == 2:
        return roles, {}
    top = [getattr(e, "name", None) for e in lhs.top.idx]
    bottom = [getattr(e, "name", None) for e in lhs.bottom.idx]
    lone = [getattr(e, "name", None) if getattr(e, "idx", 1) is None else None for e in kernel.idx]
    k_lay = "".join("I" if v in bottom else "O" if v in top else "?" for v in lone)
    spatial = iter("HW")
    k_lay = "".join(c if c != "?" else next(spatial, "?") for c in k_lay)
    in_ch = next((v for v in lone if v in bottom), None)
    out_ch = next((v for v in lone if v in top), None)
    if "?" in k_lay or in_ch is None or out_ch is None:
        return None
    lay = lambda vars_, ch: "".join("C" if v == ch else c for v, c in zip(vars_, _spatial(vars_, ch)))  # noqa: E731
    return roles, {"input": lay(bottom, in_ch), "output": lay(top, out_ch), "kernel": k_lay}


def _spatial(vars_, ch):
    it = iter("HW")
    return [next(it, "?") if v != ch else "C" for v in vars_]


def affine_roles(latex: str):
    """({W: kernel, X: input, Y: output, b: bias}, bias by column?) for a claim that writes
    ∂Y_{ij}/∂… = ∂/∂…(Σ_l W_{il} X_{lj} + b_j); None otherwise."""
    from .index_claims import Jac, Op, Sum, parse
    from .latex_atoms import LatexAtomError, split_top_level
    if r"\sum" not in latex or "partial}" not in latex.replace(" ", ""):
        return None
    try:
        sides = split_top_level(latex, ("=",))
        trees = [parse(x) for x in sides[:2]]
    except (IndexError_, LatexAtomError, ValueError):
        return None
    top = trees[0].top if isinstance(trees[0], Jac) else None
    body = trees[1].args[1] if isinstance(trees[1], Op) and trees[1].kind == "dop" else None
    if top is None or body is None or not top.idx or len(top.idx) != 2:
        return None
    parts = body.args if isinstance(body, Op) and body.kind == "add" else (body,)
    roles, cols = {top.name: "output"}, False
    i, j = (getattr(x, "name", None) for x in top.idx)
    for part in parts:
        if isinstance(part, Sum) and len(part.vars) == 1 and isinstance(part.body, Op) \
                and part.body.kind == "mul" and len(part.body.args) == 2:
            a, b = part.body.args
            l = part.vars[0]
            if getattr(a, "idx", None) and getattr(b, "idx", None) and \
                    [getattr(x, "name", None) for x in a.idx] == [i, l] and \
                    [getattr(x, "name", None) for x in b.idx] == [l, j]:
                roles[a.name], roles[b.name] = "kernel", "input"
        elif getattr(part, "idx", None) and len(part.idx) == 1:
            roles[part.name] = "bias"
            cols = getattr(part.idx[0], "name", None) == j
    return (roles, cols) if {"kernel", "input"} <= set(roles.values()) else None
