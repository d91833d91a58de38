r"""A normalisation's forward written on whole vectors, for the scalar-layer reader (:mod:`symbp.check.calc_graph`).

Layer- and batch-norm notes define the statistics by sums over entries and then write the normalised vector
without an index: ``\mu = \frac{1}{n}\sum_{i=1}^n X_i``, ``\sigma = \sqrt{\frac{1}{n}\sum_{i=1}^n(X_i-\mu)^2}``,
``\hat{X} = \frac{X - \mu}{\sigma}``; their claims then write ``\frac{\partial \sigma}{\partial X_j} =
\frac{1}{n}\hat{X}_j``.  :func:`entrywise_forwards` reads such a row entry by entry, ``\hat{X}_i = \frac{X_i -
\mu}{\sigma}``, only where nothing else is possible:

* the row's right side reads one vector, bare, that the section writes with one index elsewhere (``X_i``) and
  never with more, and no sum of its own (``S = e^{y_1} + e^{y_2}`` writes its entries: no vector row);
* every other name in it is a scalar: one the section defines without an index from a sum (μ, σ, σ²), or a
  small constant (ε) the section never indexes.  A parameter written bare, ``Y = \gamma \odot \hat{X} + \beta``,
  may be one number or one per entry (its gradient a sum over the entries or not): that row stays as written;
* the defined name is never written with two indices.

A row that reads a vector so read but is not read so itself (``Y = \gamma \odot \hat{X} + \beta``) is dropped: its
name is then no definition the readers guess a shape for (the caller refuses it).

A row ``\hat{x} = …`` of a batch (x_{ij}, two indices) is not read so.

>>> from symbp.check.calc_parse import parse_expression as p
>>> defs = {"mu": ((), p(r"\frac{1}{n}\sum_{i=1}^n X_i")), "hat X": ((), p(r"\frac{X - \mu}{\epsilon}"))}
>>> entrywise_forwards(defs, [[p(r"\frac{\partial \mu}{\partial X_j}"), p(r"\frac{1}{n}")]])["hat X"][0]
('i',)
"""
from __future__ import annotations

from .calc_tree import kinds_in, names_in, refs

#: constants a normalisation adds, never indexed
NORM_CONSTANTS = {"epsilon", "varepsilon", "eps"}


def _indexed(rows: list, defs: dict) -> dict:
    """{name: {how many indices it is written with}} over every tree of ``rows`` and ``defs``."""
    out: dict = {}
    trees = [t for row in rows for t in row] + [t for _, t in defs.values()]
    for tree in trees:
        for ref in refs(tree):
            out.setdefault(ref[1], set()).add(len(ref[2]))
    for name, (letters, _) in defs.items():
        out.setdefault(name, set()).add(len(letters))
    return out


def _with_index(tree, vectors: set, letter: str):
    """``tree`` with each bare reference to a name in ``vectors`` written with the index ``letter``."""
    if not isinstance(tree, tuple) or not tree:
        return tree
    if tree[0] == "ref":
        return ("ref", tree[1], (((1, letter),),)) if tree[1] in vectors and not tree[2] else tree
    return tuple(_with_index(part, vectors, letter) if isinstance(part, tuple) else
                 [_with_index(p, vectors, letter) for p in part] if isinstance(part, list) else part for part in tree)


def entrywise_forwards(defs: dict, rows: list, restated=None, per_feature: bool = False) -> dict:
    """``defs`` (name -> (index letters, tree)) with each vector row written without an index read entry by
    entry where the module docstring's conditions hold; ``rows``: the section's rows as trees of their sides.
    ``restated`` (name -> [(tree, display, index letters)], the section's later rows of a name): a row dropped
    that the section writes again entry by entry, in one index (``y = \\gamma \\hat{x} + \\beta``, later
    ``y_i = \\gamma \\hat{x}_i + \\beta``), is that later row: the page says it is one per entry.  ``per_feature``:
    the section is a layer norm's, whose scale and shift are one per feature: an entry row that reads another
    (``y_i = \\gamma \\hat{x}_i + \\beta``) reads its bare parameters entry by entry too (γ_i, β_i)."""
    written = _indexed(rows, defs)
    scalars = {n for n, (letters, tree) in defs.items() if not letters and "sum" in kinds_in(tree)}
    vectors = {n for n, counts in written.items() if counts <= {0, 1} and 1 in counts and n not in defs}
    out = dict(defs)
    for _ in range(len(defs)):
        changed = False
        for name, (letters, tree) in out.items():
            if letters or "sum" in kinds_in(tree) or written.get(name, set()) - {0, 1}:
                continue
            names = names_in(tree)
            read = names & vectors
            if len(read) != 1 or any(r[2] for r in refs(tree) if r[1] in read) or not names - read <= scalars | NORM_CONSTANTS or (names - read) & {
                    n for n, c in written.items() if c - {0}}:
                continue
            letter = next(c for c in "ijklmnpq" if c not in {x for r in refs(tree) for ix in r[2] for _, x in ix})
            out[name] = ((letter,), _with_index(tree, read, letter))
            vectors, scalars = vectors | {name}, scalars - {name}
            changed = True
        if not changed:
            break
    promoted = {n for n in out if out[n] is not defs[n]}
    kept = {n: d for n, d in out.items() if n in promoted or not names_in(d[1]) & promoted}
    for name in set(out) - set(kept):
        entry = [((letters[0],), tree) for tree, _, letters in (restated or {}).get(name, []) if len(letters) == 1 and letters[0]]
        kept.update({name: entry[0]} if entry and all(e == entry[0] for e in entry) else {})
    for name, (letters, tree) in kept.items() if per_feature else ():
        if len(letters) == 1 and any(r[1] in kept and kept[r[1]][0] for r in refs(tree) if r[2]):
            bare = {r[1] for r in refs(tree) if not r[2] and r[1] not in kept and r[1] not in NORM_CONSTANTS}
            kept[name] = (letters, _with_index(tree, bare, letters[0]))
    return kept


__all__ = ["NORM_CONSTANTS", "entrywise_forwards"]
