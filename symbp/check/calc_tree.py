r"""Walks over the trees :mod:`symbp.check.calc_parse` builds: the index letters, names and
node kinds a tree uses, its subtrees and references, the ``y · log p`` products in it, and
the names it binds when a later side spells a subtree with a new name.

>>> from symbp.check.calc_parse import parse_expression
>>> sorted(names_in(parse_expression(r"-\sum_i y_i \log p_i")))
['p', 'y']
"""
from __future__ import annotations

import re


def index_letters(tree) -> set:
    """Every index letter the tree uses (bound or free)."""
    out = set()
    if not isinstance(tree, tuple):
        return out
    kind = tree[0]
    if kind == "ref":
        out |= {v for ix in tree[2] for _, v in ix if v}
    elif kind == "delta":
        out |= {v for ix in tree[1:] for _, v in ix if v}
    elif kind == "sum":
        out |= {tree[1]} | index_letters(tree[3])
        if tree[2] and tree[2][0] == "ne":
            out.add(tree[2][1])
    elif kind == "cases":
        for value, cond in tree[1]:
            out |= index_letters(value)
            if cond and cond[0] in ("eq", "ne"):
                out |= {cond[1], cond[2]}
    else:
        for part in tree[1:]:
            if isinstance(part, list):
                for p in part:
                    out |= index_letters(p)
            else:
                out |= index_letters(part)
    return out


def free_letters(tree) -> set:
    """Index letters not bound by a sum of the tree."""
    if not isinstance(tree, tuple):
        return set()
    kind = tree[0]
    if kind == "sum":
        inner = free_letters(tree[3]) - {tree[1]}
        return inner | ({tree[2][1]} if tree[2] and tree[2][0] == "ne" else set())
    if kind in ("ref", "delta", "cases"):
        return index_letters(tree)
    out = set()
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            out |= free_letters(p)
    return out


def names_in(tree) -> set:
    """The names (``("ref", name, …)``) the tree reads."""
    if not isinstance(tree, tuple):
        return set()
    if tree[0] == "ref":
        return {tree[1]}
    out = set()
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            if isinstance(p, tuple) and p and isinstance(p[0], tuple):       # cases rows
                out |= names_in(p[0])
            else:
                out |= names_in(p)
    return out


def upstream(defs: dict, name: str) -> set:
    """The names ``name``'s definition in ``defs`` (name -> (letters, tree)) is computed from,
    transitively."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in defs:
            continue
        for n in names_in(defs[current][1]) - seen:
            seen.add(n)
            todo.append(n)
    return seen


def may_read(tree, name: str) -> bool:
    r"""Whether the definition ``tree`` could be computed from ``name``: a row symbp did not read (``("unread",
    why, text)``) could where its text writes ``name``'s letter (``\sigma^2 = \frac{1}{m}\sum_k x_k^2 - \mu^2``
    reads μ and x, not γ), or where that letter is not known; any other tree where it names it.

    >>> row = ("unread", "", r"\frac{1}{m}\sum_k x_k^2 - \mu_B^2")
    >>> may_read(row, "mu_B"), may_read(row, "x"), may_read(row, "gamma"), may_read(("ref", "z", ()), "z")
    (True, True, False, True)
    """
    if tree[0] != "unread":
        return name in names_in(tree)
    base = re.match(r"(?:hat |bar |tilde )?([A-Za-z]+)", name)
    if len(tree) < 3 or base is None:
        return True
    letter = r"(?<![A-Za-z])" + base.group(1) + r"(?![A-Za-z])"          # \mu in \mu_B, x in x_k, never m in \mu
    return re.search(letter, tree[2]) is not None


def written_values(defs: dict) -> set:
    """The names defined as a number with no index (``x = 1``) that another definition writes with
    one (``x_i``): a worked value or a stray row, not the quantity the forward reads."""
    indexed = {r[1] for _, tree in defs.values() for r in refs(tree) if r[2]}
    return {name for name, (letters, tree) in defs.items()
            if not letters and not names_in(tree) and name in indexed}


def kinds_in(tree) -> set:
    """The node kinds and function names the tree uses."""
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return set()
    out = {tree[0]} | ({tree[1], tree[1].split(":")[0]} if tree[0] == "fn" else set())   # σ_h: a σ
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            if isinstance(p, tuple) and p and isinstance(p[0], tuple):
                out |= kinds_in(p[0])
            else:
                out |= kinds_in(p)
    return out


def nodes(tree):
    if isinstance(tree, tuple) and tree and isinstance(tree[0], str):
        yield tree
        for part in tree[1:]:
            for p in (part if isinstance(part, list) else [part]):
                yield from nodes(p[0] if isinstance(p, tuple) and p and isinstance(p[0], tuple) else p)


def refs(tree):
    if not isinstance(tree, tuple):
        return []
    if tree and tree[0] == "ref":
        return [tree]
    out = []
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            if isinstance(p, tuple) and p and isinstance(p[0], tuple):
                out += refs(p[0])
            else:
                out += refs(p)
    return out


def replace_subtree(tree, old, new):
    """``tree`` with every subtree equal to ``old`` written as ``new``."""
    if tree == old:
        return new
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return tree
    out = [tree[0]]
    for part in tree[1:]:
        if isinstance(part, list):
            out.append([(replace_subtree(p[0], old, new), p[1]) if isinstance(p, tuple) and p and
                        isinstance(p[0], tuple) else replace_subtree(p, old, new) for p in part])
        else:
            out.append(replace_subtree(part, old, new))
    return tuple(out)


def per_sample(tree) -> bool:
    """A name tagged with a letter a sum of the tree runs over (``\\sum_i T_k^{(i)}``: one
    sample's entries), which this reader does not model."""
    bound = {n[1] for n in nodes(tree) if n[0] == "sum"}
    return any(re.search(r"\^\(?([a-z])\)?$", r[1]) and re.search(r"\^\(?([a-z])\)?$", r[1]).group(1) in bound
               for r in refs(tree))


def log_pairs(tree):
    r"""(y, p) for each product ``y · log p`` of two references in the tree, and for each reference in a divergence's
    ``y · log(a / p)``, ``y (\log a - \log p)`` (``\sum_i p_i \log\frac{p_i}{q_i}``: its target is y too).

    >>> from symbp.check.calc_parse import parse_expression as P
    >>> [(y[1], q[1]) for y, q in log_pairs(P(r"\sum_i p_i (\log p_i - \log q_i)"))]
    [('p', 'p'), ('p', 'q')]
    """
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return
    if tree[0] == "mul":
        plain = [t for t in tree[1] if t[0] == "ref"]
        logs = [t for f in tree[1] for t in ([f] if f[0] == "fn" else [g[1] if g[0] == "neg" else g for g in f[1]]
                                             if f[0] == "add" else []) if t[0] == "fn" and t[1] == "log"]
        others = [f for f in tree[1] if f[0] != "ref"]            # the log, or p (log p - log q)'s sum of logs
        if len(plain) == 1 and len(others) == 1 and logs and (others[0][0] == "fn" or len(logs) == len(others[0][1])):
            for log in logs:
                yield from ((plain[0], r) for r in ([log[2]] if log[2][0] == "ref" else log[2][1:3] if log[2][0] == "div"
                                                    else []) if r[0] == "ref")
    for part in tree[1:]:
        for p in (part if isinstance(part, list) else [part]):
            if isinstance(p, tuple) and p and isinstance(p[0], tuple):
                yield from log_pairs(p[0])
            else:
                yield from log_pairs(p)


def bind_names(known, later, defs) -> None:
    """Where ``later`` has an undefined name in the place ``known`` has a subtree, that name
    is defined as the subtree (``-Σ_j y_j log p_j = -Σ_j ℓ_j`` defines ℓ_j)."""
    if later[0] == "ref" and later[1] not in defs and known[0] != "ref":
        letters = [ix[0][1] for ix in later[2] if len(ix) == 1 and ix[0][0] == 1 and ix[0][1]]
        if len(letters) == len(later[2]) and free_letters(known) <= set(letters):
            defs[later[1]] = (tuple(letters), known)
        return
    if known[0] != later[0] or len(known) != len(later):
        return
    if known[0] == "sum" and (known[1] != later[1] or known[2] != later[2]):
        return
    for a, b in zip(known[1:], later[1:]):
        if isinstance(a, tuple) and isinstance(b, tuple) and a and isinstance(a[0], str):
            bind_names(a, b, defs)
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for x, y in zip(a, b):
                bind_names(x, y, defs)


__all__ = ["bind_names", "free_letters", "index_letters", "kinds_in", "log_pairs", "names_in",
           "nodes", "per_sample", "refs", "replace_subtree", "upstream"]


def unnormalized_exp(tree, defined) -> bool:
    r"""``η e^{x_i}``: a product of exponentials of indexed names with a scalar the section never
    defines, and no sum or fraction that normalizes it: a softmax whose normalizing constant
    the page gives in words, not a forward this reader can evaluate.

    >>> from symbp.check.calc_parse import parse_expression as P
    >>> unnormalized_exp(P(r"\eta e^{x_i}"), set()), unnormalized_exp(P(r"\frac{e^{x_i}}{\sum_j e^{x_j}}"), set())
    (True, False)
    """
    if not isinstance(tree, tuple) or tree[0] != "mul" or kinds_in(tree) & {"sum", "div"}:
        return False
    factors = tree[1]
    exps = [f for f in factors if isinstance(f, tuple) and f[:2] == ("fn", "exp") and free_letters(f)]
    scalars = [f for f in factors if isinstance(f, tuple) and f[0] == "ref" and not f[2] and f[1] not in defined]
    return bool(exps) and bool(scalars)
