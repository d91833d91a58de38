r"""Claims over bare letters that no forward in the section defines, for the scalar-layer reader
(:mod:`symbp.check.calc_graph`): σ, σ', tanh identities (``\sigma'(x) = \sigma(x)(1 -
\sigma(x))``, σ being what the page says it is) and ``\text{softmax}(z)_i`` written over
the z that only exp reads.  The letters are the leaves; the judge is the section's.

>>> from symbp.check.calc_graph import CalcGraph
>>> graph = CalcGraph(); graph.sigma = "sigmoid"
>>> bare_identity(graph, r"\sigma'(x) = \sigma(x)(1 - \sigma(x))")[0]
'holds'
>>> graph.sigma = "tanh"; bare_identity(graph, r"\sigma'(x) = \sigma(x)(1 - \sigma(x))")[0]
'refuted'
"""
from __future__ import annotations

import copy

from .calc_parse import CalcParseError, parse_expression
from .calc_rows import TRAILING, clean_row, split_sides
from .calc_tree import kinds_in, names_in, nodes, refs
from .calc_verdict import judge


def bare_identity(graph, latex: str):
    """(verdict, detail) for a σ / σ' / tanh identity over bare letters, with σ as ``graph`` reads
    it (``graph.sigma``); None for any other claim."""
    sides = split_sides(latex)
    try:
        trees = [parse_expression(x) for x in sides] if len(sides) > 1 and sides[0].strip() else None
    except (CalcParseError, RecursionError):
        return None
    if trees is None or not kinds_in(trees[0]) & {"sigma", "sigma'", "tanh"} or \
            any(r[2] for t in trees for r in refs(t)) or any("partial" in kinds_in(t) for t in trees) \
            or any(t == trees[0] for t in trees[1:]):
        return None
    arguments = {t[2][1] for t in nodes(trees[0]) if t[0] == "fn" and t[2][0] == "ref"}
    if not set().union(*[names_in(t) for t in trees]) <= arguments:
        return None                    # σ'(z) = w: a name that is no argument of σ
    bare = type(graph)()
    bare.sigma = graph.sigma
    bare.leaves = arguments
    return judge(bare, trees, None, latex)


def softmax_identity(graph, latex: str):
    """A claim written with ``\\text{softmax}(z)_i`` in a section that defines nothing:
    z (the names only exp / softmax read) are the leaves."""
    if "softmax" not in latex:
        return None
    other = copy.copy(graph)
    sides = split_sides(TRAILING.sub("", clean_row(latex)))
    try:
        trees = [parse_expression(x) for x in sides] if len(sides) > 1 and sides[0].strip() else []
    except (CalcParseError, RecursionError):
        return None
    inside = {n[2][1] for t in trees for n in nodes(t) if n[0] == "fn" and n[1] == "exp"
              and n[2][0] == "ref"}
    if not trees or not set().union(*[names_in(t) for t in trees]) <= inside:
        return None
    other.defs, other.leaves, other._evaluators = {"": ((), ("num", 0))}, inside, {}
    other._raw = graph._raw
    return other._check(latex)
