r"""Definitions a softmax section takes from the sections above it, for the scalar-layer reader
(:class:`symbp.check.calc_graph.CalcGraph`).

Notes define softmax in one section and differentiate the cross-entropy through it in the next
(``a_j = \phi(\mathbf z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}`` under "Softmax", then
``H(\mathbf y, \mathbf a) = -\sum_j y_j \log a_j`` and ``\frac{\partial H}{\partial z_i}`` under
"Loss").  Where a directive starts the second section with ``layer=softmax``, a name its own
definitions use but do not define keeps the definition an earlier section gave it (the latest
one), with the names that definition uses in turn.  A name the section defines itself is its
own; nothing is carried into a section of any other layer, or into one with no directive.

>>> from symbp.check.calc_parse import parse_expression
>>> earlier = {"a": (("j",), parse_expression(r"\frac{\exp(z_j)}{\sum_k \exp(z_k)}"))}
>>> own = {"H": ((), parse_expression(r"-\sum_j y_j \log a_j"))}
>>> sorted(carried(own, earlier, {"layer": "softmax"}))
['a']
>>> carried(own, earlier, {"layer": "conv2d"})
{}
"""
from __future__ import annotations

from .calc_tree import names_in


def carried(own: dict, earlier: dict, settings: dict) -> dict:
    """The definitions of ``earlier`` that a section with ``own`` definitions and directive
    ``settings`` takes: those of the names its definitions use and do not define, and theirs."""
    if str(settings.get("layer", "") or "").lower() != "softmax" or not own:
        return {}
    out: dict = {}
    wanted = set().union(*[names_in(tree) for _, tree in own.values()]) - set(own)
    while wanted:
        name = wanted.pop()
        if name in earlier and name not in out and name not in own:
            out[name] = earlier[name]
            wanted |= names_in(earlier[name][1]) - set(own) - set(out)
    return out


__all__ = ["carried"]
