"""A layer's forward stated once for a whole part of a note and restated in its subsections.

Many notes state a convolutional layer's forward with its bias in an overview
(``Z^l = X^l * K^l + b^l``) and then write it out entry by entry without the bias in the
subsections that derive from it (``z^l_{n,c,h,w} = \\sum x^l_{n,c',h+i,w+j} k^l_{c,c',i,j}``),
before ``\\partial L/\\partial b^l_c``.  The restatement is the same layer: its output letter is
the overview's (any case), so the overview's bias carries into it.  A restatement with a bias
of its own, or another output letter, keeps its own roles; a dense layer's bias never carries
into a convolution (:meth:`symbp.check.real_docs.NamesTracker.observe_forward` only records
forwards that write a convolution operator).

>>> stated = stated_conv_forward({"Z": "output", "X": "input", "K": "kernel", "b": "bias"})
>>> carry_bias(stated, {"z": "output", "x": "input", "k": "kernel"})["b"]
'bias'
>>> "b" in carry_bias(stated, {"y": "output", "x": "input", "k": "kernel"})
False
"""
from __future__ import annotations


def stated_conv_forward(roles: dict) -> dict | None:
    """{"output": letter, "bias": letter} of a convolution-operator forward with a bias
    (``roles`` as :func:`symbp.check.doc_infer.infer_roles` reads ``Z = X * K + b``), else None.

    >>> stated_conv_forward({"Z": "output", "X": "input", "K": "kernel"}) is None
    True
    """
    out = [n for n, r in roles.items() if r == "output"]
    bias = [n for n, r in roles.items() if r == "bias"]
    if len(out) != 1 or len(bias) != 1:
        return None
    return {"output": out[0], "bias": bias[0]}


def carry_bias(stated: dict | None, roles: dict) -> dict:
    """``roles`` of a forward restated in entries, with the bias of the ``stated`` forward
    (:func:`stated_conv_forward`) when both write the same output letter (``Z`` and ``z``),
    the restatement names no bias and does not use the bias letter for anything else."""
    if not stated or "bias" in roles.values() or stated["bias"] in roles:
        return roles
    outs = [n for n, r in roles.items() if r == "output"]
    if len(outs) != 1 or outs[0].lower() != stated["output"].lower():
        return roles
    return {**roles, stated["bias"]: "bias"}


__all__ = ["carry_bias", "stated_conv_forward"]
