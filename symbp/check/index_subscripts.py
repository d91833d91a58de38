r"""Token-level helpers of the index parser (:mod:`symbp.check.index_claims`): a sum's index
list, a comma list split at separators, and whether a bracket after a name holds indices.

An index written with a word subscript, ``h_\text{out}``, ``h_{out}``, ``w_\mathrm{in}``, is one
index variable ``h_out`` wherever it stands: in an entry's subscript (``index_tree._index_name``)
and under a sum (:func:`index_names`), so ``\sum_{h_\text{out}}`` runs the index that
``Y[m, h_\text{out}, w_\text{out}]`` writes.

Example::

    >>> index_names(["h", "_", "\\Nout", ",", "w", "_", "{", "o", "u", "t", "}"])
    ['h_out', 'w_out']
    >>> bracket_index(["X", "[", "c", ",", "(", "h", "_", "\\Nout", "+", "p", ")", "]"], 1)
    True
"""
from __future__ import annotations

import re

from .index_tree import _GREEK, IndexError_

# tokens a bracket after a name may hold when it is an index list: letters, digits, signs,
# primes, word names (\Nout), a word subscript h_\text{out} / h_{out}, parentheses (h + p)
_BRACKET_TOKEN = re.compile(r"[A-Za-z0-9',+\-_{}()]|\\N\w+")


def split_tokens(tokens: list, seps) -> list:
    """``tokens`` cut at each separator in ``seps``, empty parts dropped.
    Example: ``split_tokens(["a", ",", "b"], (",",))`` → ``[["a"], ["b"]]``."""
    parts, cur = [], []
    for tok in tokens:
        if tok in seps:
            parts.append(cur)
            cur = []
        else:
            cur.append(tok)
    parts.append(cur)
    return [p for p in parts if p]


def _word_subscript(tokens: list, k: int):
    """(the subscript word, the position after it) of ``_ \\Nout`` / ``_ { o u t }`` at ``k``, else None."""
    if k >= len(tokens) or tokens[k] != "_" or k + 1 >= len(tokens):
        return None
    nxt = tokens[k + 1]
    if nxt.startswith("\\N") and nxt[2:].isalpha():
        return nxt[2:], k + 2
    if nxt == "{":
        j = k + 2
        while j < len(tokens) and re.fullmatch(r"[A-Za-z]", tokens[j]):
            j += 1
        if j < len(tokens) and tokens[j] == "}" and j > k + 2:
            return "".join(tokens[k + 2:j]), j + 1
    return None


def index_names(tokens: list[str]) -> list[str]:
    """The index variables a sum's subscript lists: ``i , j`` / ``ij`` → ['i', 'j'];
    ``h _ \\Nout`` → ['h_out']; IndexError_ for anything else (a sum over ``i+1``)."""
    names, cur, k = [], "", 0
    while k < len(tokens):
        tok = tokens[k]
        word = _word_subscript(tokens, k) if cur and len(cur) == 1 else None
        if word is not None:                  # \sum_{h_\text{out}}: the index h_out
            cur += "_" + word[0]
            k = word[1]
            continue
        if tok == ",":
            names.append(cur)
            cur = ""
        elif tok == "'":
            cur += "'"
        elif re.fullmatch(r"[A-Za-z]", tok) or tok in _GREEK:
            if cur and "," not in tokens:
                names.append(cur)
                cur = ""
            cur += tok
        else:
            raise IndexError_(f"index '{tok}' in a sum")
        k += 1
    if cur:
        names.append(cur)
    return names


def bracket_index(tokens: list, i: int) -> bool:
    """``x[c, i+u]``, ``X[c, (h_\\text{out} + p)]``: whether the bracket at ``tokens[i]`` (right
    after a name) holds a list of index terms (not an Iverson bracket ``[i = j]``)."""
    depth, j = 0, i
    while j < len(tokens):
        tok = tokens[j]
        depth += {"[": 1, "]": -1}.get(tok, 0)
        if depth == 0:
            inner = tokens[i + 1:j]
            return bool(inner) and all(_BRACKET_TOKEN.fullmatch(x) or x in _GREEK for x in inner)
        j += 1
    return False
