"""Where a scalar-layer claim sits in its document, read in order: the display a row written
twice belongs to (the later one, once the earlier is read), and the rows at or after a second,
different definition of a name (:class:`symbp.check.calc_graph.CalcGraph`'s helpers)."""
from __future__ import annotations

import itertools
import re

from .calc_tree import names_in, nodes, refs


def display_hits(graph, flat: str) -> list:
    """The indices of the document displays (``graph._raw``) that hold the row ``flat``."""
    return [k for k, (body, _, _) in enumerate(graph._raw) if flat and flat in body]


def where_next(graph, flat: str):
    """:meth:`CalcGraph._where` for a claim whose line the reader knows (``graph.line``): the
    same row written under two headings is the display on that line (``flat``: the row, spaces
    and trailing condition removed), as is a row no display holds as written (respelled by
    another reader, ``\\partial S[i,k]`` as ``\\partial S_{i,k}``); without a line, the first display
    that holds it."""
    hits = display_hits(graph, flat)
    line, spans = getattr(graph, "line", None), getattr(graph, "_spans", [])
    here = [k for k in hits or range(len(graph._raw))     # a row another reader respelled (∂S_{i,k}): its line's
            if line is not None and k < len(spans) and spans[k][0] <= line <= spans[k][1]]
    return (here or hits or [None])[0]


def after_redefinition(graph, trees, where):
    """A row at or after a second, different definition of a name the section defines
    (``L = -y log σ(z)``, later ``L = -y log σ(z) - (1-y) log(1-σ(z))``): whether the later
    row defines a new loss or claims the old one equals it is not settled, so neither is
    checked (unchecked, naming both); rows between the two use the first definition, rows above
    both are not checked either.  ``where``:
    the row's display (:func:`where_next`)."""
    if not getattr(graph, "_redefined", None):
        return None
    names = set().union(*[names_in(t) for t in trees if t is not None])
    for name, at in graph._redefined.items():
        first = getattr(graph, "_first_at", {}).get(name)          # a row above both: which one is not settled
        if name in names and at is not None and where is not None and (
                where >= at or (first is not None and where < first)):
            return ("unchecked", f"{name} is defined twice in this section, the second time "
                    "otherwise: whether that row is a new definition or a claim about the first is "
                    "not settled; start a new section for it with a directive, e.g. <!-- symbp: "
                    "layer=activation -->, or name the new loss with another letter")
    return None


def same_again(defs: dict, redefined: dict, restated: dict, sigma: str = "general", fixed=frozenset()) -> tuple:
    r"""``redefined`` with each name's second definition taken as the first one that is
    not the first definition written out (``\hat y = \sigma_o(z_2)``, then ``\hat y = \sigma_o(w_2
    \sigma_h(w_1 x + b_1) + b_2)`` with z_2 and h defined so, restates it): exactly equal once both
    are expanded to the leaves, with every activation left general (an indexed name, ``\hat x_i``,
    entry by entry at sizes 2 and 3).  ``restated``: each name's later rows as (tree, display,
    the row's index letters).  Second: where the section's σ is left general (``sigma``) and
    the rows, written out in exponentials, are equal only with σ the sigmoid (or tanh): (that σ, the
    name, the displays that say so; a row naming another function, ``a = \\tanh(z)``, may be another unit) (``a = σ(z)`` then ``a = 1 / (1 + e^{-z})``: the page says what its σ is), else None.
    ``fixed``: the true class's letter (``L_i = -\\log p_y``, then ``L_i = -f_y + \\log\\sum_j e^{f_j}``), equal at
    every class."""
    from .calc_exact import CalcEvalError, Evaluator, is_zero
    from .calc_tree import kinds_in
    out, said, entries = dict(redefined), None, {}

    def differ(name, which):
        letters, first = defs[name]
        out = []
        for tree, at, theirs in restated.get(name, []):
            if not letters and len(theirs) == 1 and theirs[0] and (
                    spread := _entry_of(first, theirs[0], defs, restated)) is not None:
                letters, first = theirs, spread   # y = γ x̂ + β, later y_j = γ_j x̂_j + β_j: entry by entry
                entries[name] = (theirs, tree)
            if len(theirs) != len(letters) or None in theirs:
                out.append(at)                # x̂ for x̂_i, x̂_{i+1}: not the same quantity written again
                continue
            for size in ((2, 3) if letters or fixed else (2,)):     # an indexed name: every entry at sizes 2 and 3
                evs = [Evaluator(defs, size, None, which, which, fixed=dict(zip(sorted(fixed), classes)))
                       for classes in itertools.product(range(size), repeat=len(fixed))]   # at every true class
                if any(not is_zero(ev.leaves(ev.value(first, dict(zip(letters, values))))
                                   - ev.leaves(ev.value(tree, dict(zip(theirs, values)))))
                       for ev in evs for values in itertools.product(range(size), repeat=len(letters))):
                    out.append(at)
                    break
        return out

    for name in redefined:
        if name not in defs:
            continue
        try:
            other = differ(name, "general")
            if other and sigma == "general" and said is None and all(     # 1/(1+e^{-z}), not tanh(z): another unit
                    kinds_in(tree) & {"exp"} and not kinds_in(tree) & {"sigma", "tanh", "sigma'"}
                    for tree, *_ in restated.get(name, [])):
                for which in ("sigmoid", "tanh"):
                    if not differ(name, which):
                        other, said = [], (which, name, {at for _, at, _ in restated.get(name, [])})
                        break
        except (CalcEvalError, ArithmeticError, TypeError, ValueError, RecursionError):
            continue
        if other:
            out[name] = other[0]
            entries.pop(name, None)
        else:
            del out[name]
    return out, said, entries


def settled(defs: dict, redefined: dict, restated: dict, sigma: str = "general", fixed=frozenset()) -> tuple:
    """(definitions, redefined, σ said, spread): :func:`same_again`'s reading of the names a section
    defines twice (ŷ = σ(w σ(…) + b) restating ŷ; a = σ(z) then a = 1/(1 + e^{-z}) saying what σ is), the
    entry rows of vectors defined whole and then entry by entry taking their place (``spread``: name ->
    the whole vector's row, a definition too), and ``\\sigma^2`` read as σ squared where σ is defined
    and σ² is not (σ = e^s, then L = (y - m)^2 / (2σ^2))."""
    from .calc_tree import refs
    from .calc_vector import squared_name
    redefined, said, entries = same_again(defs, redefined, restated, sigma, fixed)
    spread = {name: defs[name][1] for name in entries}
    defs = {**defs, **entries}
    for name in [n for n in defs if n.endswith("²")]:          # (σ)^2 = …: the variance σ², where σ and σ²
        found = defs.pop(name)                                 # are not defined otherwise (else a relation)
        if name[:-1] not in defs and name[:-1] + "^2" not in defs:
            defs[name[:-1] + "^2"] = found
    known = set(defs) | {r[1] for _, t in defs.values() if t is not None for r in refs(t)}
    return {n: (lt, squared_name(t, known, set(defs))) for n, (lt, t) in defs.items()}, redefined, said, spread


def _entry_of(tree, letter: str, defs: dict, restated: dict):
    r"""A definition written for the whole vector (``y = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} \gamma +
    \beta``) made the definition of its entry ``letter``: each bare name the section writes elsewhere
    with one index (``x_j``, ``\gamma_j``; in ``defs`` or the later rows ``restated``) indexed by it,
    the others (μ, σ², ε) kept as numbers; None where the tree sums or indexes anything itself, or
    has no such name.

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> _entry_of(p("g x + b"), "j", {"x": (("i",), p("u_i"))}, {})[1][1][0]
    'ref'
    """
    from .calc_tree import nodes, refs, replace_subtree
    if any(n[0] == "sum" or (n[0] == "ref" and n[2]) for n in nodes(tree)):
        return None
    trees = [t for _, t in defs.values()] + [t for rows in restated.values() for t, *_ in rows]
    indexed = {n[1] for t in trees if t is not None for n in nodes(t) if n[0] == "ref" and len(n[2]) == 1}
    indexed |= {name for name, (letters, _) in defs.items() if len(letters) == 1}
    bare = {r for r in refs(tree) if r[1] in indexed}
    if not bare:
        return None
    for ref in bare:
        tree = replace_subtree(tree, ref, ("ref", ref[1], (((1, letter),),)))
    return tree


def sigma_said(graph, trees, where):
    """The verdict :func:`same_again`'s ``graph._sigma_said`` (σ, name, displays) gives a row of display
    ``where`` with sides ``trees``: the row that says what σ is, a definition; None for the rest, a claim
    above that row read with σ general (``graph.sigma``: what it was there), one below with the σ said."""
    said = getattr(graph, "_sigma_said", None)
    if not said or where is None:
        return None
    if where in said[2] and trees[0] == ("ref", said[1], ()) and len(trees) == 2:
        return "definition", f"says what σ is: {said[0]}, as {said[1]} = σ(…) above and this row are one"
    graph.sigma = "general" if where < min(said[2]) else said[0]
    return None


__all__ = ["after_redefinition", "display_hits", "same_again", "settled", "sigma_said", "where_next"]


def whole_again(lhs, rhs, first) -> bool:
    r"""Whether the row ``lhs = rhs`` writes a name the section defines entry by entry (``first``: its
    (letters, tree)) again as a whole, in no indices: the matrix form (``S = O_1W_2 + b_2`` after ``S[i,k] =
    \sum_p O_1[i,p] W_2[p,k] + b_2[k]``, the same names unindexed) or the total over the examples
    (``L = \sum_i L_i``, ``\frac{1}{N}\sum_i L_i``): neither a second definition nor a claim this reader
    reads.

    >>> from symbp.check.calc_parse import parse_expression as P
    >>> first = (("i", "k"), P(r"\sum_p O_{i,p} W_{p,k} + b_k"))
    >>> whole_again(P("S"), P("O W + b"), first), whole_again(P("S"), P("O W"), (("i",), P("e^{t_i}")))
    (True, False)
    >>> whole_again(P("L"), P(r"\frac{1}{N}\sum_i L_i"), (("i",), P(r"-\log p_y")))
    True
    """
    if lhs[0] != "ref" or lhs[2] or not first[0]:
        return False
    name = lhs[1]
    if any(n[0] == "sum" and any(r[1] == name and len(r[2]) == len(first[0]) for r in refs(n[3]))
           for n in nodes(rhs)) and all(not r[2] for r in refs(rhs) if r[1] != name):   # N of 1/N: a count
        return True                                            # L = Σ_i L_i: the total
    labelled = {(r[1], r[2]): f"{r[1]}_{r[2][0][0][0]}" for r in refs(rhs)          # O_1: the name O_1 (O_1[i,p] above)
                if len(r[2]) == 1 and len(r[2][0]) == 1 and r[2][0][0][1] is None}
    if any(n[0] in ("sum", "delta") for n in nodes(rhs)) or any(r[2] and (r[1], r[2]) not in labelled for r in refs(rhs)):
        return False
    names = {labelled.get((r[1], r[2])) or _numbered(r[1]) for r in refs(rhs)}
    written = {_numbered(r[1]) for r in refs(first[1]) if r[2]}
    return bool(names) and names <= written                    # S = O_1 W_2 + b_2: the entry form's names


def _numbered(name: str) -> str:
    """A layer-numbered name one way, ``O^(1)`` as ``O_1`` (the scalar reader writes both)."""
    return re.sub(r"\^\((\d+)\)$", r"_\1", name)
