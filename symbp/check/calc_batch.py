r"""A loss that averages over the samples of a batch, ``L = -\frac{1}{M}\sum_{i=1}^{M}\sum_k
T_k^{(i)} \ln P_k^{(i)}``, for the scalar-layer reader (:mod:`symbp.check.calc_graph`).

The section's names (``P_1``, ``T_1``, ``y_1``) are one sample's. Write ℓ for that sample's
loss, ``-Σ_k T_k ln P_k``; then L = (1/M) Σ_i ℓ^{(i)} and ∂L/∂y_k^{(i)} = (1/M) ∂ℓ/∂y_k of
sample i, exactly, for every batch size M (the samples share no entry). A claim is read as
one of two statements, and its verdict says which:

- it writes the batch-size letter (``= \frac{1}{M}(P_1 - T_1)``): the batch, L = ℓ/M with M
  a free symbol (never given a value);
- it does not: one sample's loss ℓ (the author's per-sample derivation; M = 1). Such a claim
  cannot hold for the batch at every M without writing M, so a refutation stands for both.

A claim using L other than as the numerator of a derivative (the value of L itself) stays
unchecked: its value sums the samples, which the section's per-sample names do not hold.

>>> from symbp.check.calc_parse import parse_expression
>>> mean = batch_mean(parse_expression(r"-\frac{1}{M}\sum_{i=1}^{M}\sum_{k=1}^{3} T_k^{(i)} \ln P_k^{(i)}"))
>>> mean[0]
'M'
>>> mean[1][0]
'neg'
"""
from __future__ import annotations

import copy
import re

import sympy as sp

from .calc_exact import CalcEvalError, is_zero
from .calc_tree import log_pairs, names_in, nodes, refs

_TAG = re.compile(r"\^\(([a-z])\)$")


def batch_mean(tree):
    """(M, ℓ) for ``-\\frac{1}{M} Σ_i ℓ^{(i)}`` (or ``\\frac{1}{M} Σ_i …``, the sign either
    side of the factor): the batch-size letter and one sample's loss with the ``^{(i)}`` tags
    dropped; None for anything else.

    >>> from symbp.check.calc_parse import parse_expression
    >>> batch_mean(parse_expression(r"-\\sum_{i} y^{(i)}_k \\log p^{(i)}_k")) is None
    True
    """
    sign, body = 1, tree
    if body[0] == "neg":
        sign, body = -1, body[1]
    if body[0] != "mul" or len(body[1]) != 2:
        return None
    factor, total = body[1]
    if factor[0] == "neg":
        sign, factor = -sign, factor[1]
    if factor[0] != "div" or factor[1] != ("num", 1) or factor[2][0] != "ref" or factor[2][2]:
        return None
    count = factor[2][1]
    if total[0] != "sum" or (total[2] is not None and total[2][0] != "range"):
        return None
    sample = total[1]
    tagged = [r for r in refs(total[3]) if _TAG.search(r[1])]
    if not tagged or any(_TAG.search(r[1]).group(1) != sample for r in tagged):
        return None
    if any(r[1] == count for r in refs(total[3])) or _uses_letter(total[3], sample):
        return None
    inner = _untag(total[3])
    return count, (inner if sign > 0 else ("neg", inner))


def _uses_letter(tree, letter: str) -> bool:
    """The sample letter used anywhere but in the ``^{(i)}`` tags (as an index, a sum's letter)."""
    return any((n[0] == "ref" and any(v == letter for ix in n[2] for _, v in ix)) or
               (n[0] == "sum" and n[1] == letter) for n in nodes(tree))


def _untag(tree):
    if isinstance(tree, tuple) and tree and tree[0] == "ref":
        return ("ref", _TAG.sub("", tree[1]), tree[2])
    if isinstance(tree, tuple):
        return tuple(_untag(p) if isinstance(p, tuple) else [_untag(q) for q in p]
                     if isinstance(p, list) else p for p in tree)
    return tree


def batch_view(graph, trees, row: str, display: str):
    """None when the claim does not differentiate the section's batch loss; else its
    verdict, read per sample or for the batch (see the module's text)."""
    loss, count = graph.batch
    names = set().union(*[names_in(t) for t in trees if t is not None])
    if loss not in names:
        return None
    as_numerator = [n for t in trees if t is not None for n in nodes(t)
                    if n[0] == "partial" and n[1] == ("ref", loss, ())]
    uses = [r for t in trees if t is not None for r in refs(t) if r[1] == loss]
    if len(uses) != len(as_numerator):
        return "unchecked", (f"the value of {loss}, a mean over the batch's samples, is not read "
                             f"(only its derivatives by one sample's entries)")
    other = copy.copy(graph)
    other.batch, other._evaluators = None, {}
    if count in names:
        other.defs = {**graph.defs, loss: ((), ("mul", [("div", ("num", sp.Integer(1)), ("ref", count, ())),
                                                         graph.defs[loss][1]]))}
        other.leaves = graph.leaves | {count}
        note = (f"read for the batch: {loss} the mean over {count} samples of one sample's loss, "
                f"{count} a free symbol")
    else:
        note = (f"read per sample: {loss} of one sample (the claim does not write the batch "
                f"size {count}; for the batch mean divide by {count})")
    found = other._check_row(row, display)
    graph.last_lhs = other.last_lhs
    if found is None or found[0] not in ("holds", "refuted"):
        return found
    return found[0], f"{found[1]}; {note}"


def loss_is_not_standard(graph, claim: str):
    """Why the section's own loss (``graph``: a :class:`symbp.check.calc_graph.CalcGraph`) is not
    J = -Σ y log p of its own softmax p and target y (``L = -\\frac{1}{N}Σ_n Σ_k y_{nk} log p_{nk}``: a mean), or None when it is, or when
    the claim's loss is not defined here. ``symbp check`` asks it before taking the
    founding reader's ∂J/∂z verdict, which is about that J alone."""
    m = re.search(r"\\partial\s*\{?\s*(?:\\mathcal\s*\{\s*([A-Z])\s*\}|([A-Z])\b|\\ell\b)", claim)
    name = None if not m else f"mathcal {m.group(1)}" if m.group(1) else m.group(2) or "ell"
    if name not in graph.defs or graph.target is None:
        return None
    if graph.batch and graph.batch[0] == name:
        return f"the section's loss {name} is a mean over {graph.batch[1]} samples, not J = -Σ y log p"
    pairs = list(log_pairs(graph.defs[name][1]))
    if not pairs:
        return None
    y, p = pairs[0]
    letters = [f"ζ{k}" for k in range(len(y[2]))]
    body = ("mul", [("ref", y[1], tuple(((1, x),) for x in letters)),
                    ("fn", "log", ("ref", p[1], tuple(((1, x),) for x in letters)))])
    for x in reversed(letters):
        body = ("sum", x, None, body)
    standard = ("neg", body)
    try:
        ev = graph.evaluator(graph.size or 3)
        differs = not is_zero(ev.leaves(ev.value(graph.defs[name][1], {})) - ev.leaves(ev.value(standard, {})))
    except (CalcEvalError, ArithmeticError, TypeError, ValueError, RecursionError):
        return f"the section's loss {name} could not be compared with J = -Σ y log softmax(z)"
    if differs:
        name = "\\mathcal{" + name[8:] + "}" if name.startswith("mathcal ") else name
        return (f"the section defines its own loss {name}, which is not J = -Σ {y[1]} log {p[1]} "
                f"(symbp's softmax layer checks ∂J/∂z of that J; e.g. a mean 1/N differs)")
    return None


__all__ = ["batch_mean", "batch_view", "loss_is_not_standard"]
