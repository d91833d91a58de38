r"""Indices and bounds as the scalar-layer reader (:mod:`symbp.check.calc_parse`) reads them,
and its one error.

>>> comma_groups(["i", ",", "j", "+", "1"])
[['i'], ['j', '+', '1']]
>>> index_terms(["j", "+", "1"])
((1, 'j'), (1, None))
>>> size_word(list("nclass"))
['nclass']
"""
from __future__ import annotations

import re


class CalcParseError(ValueError):
    """The text is not an expression this reader reads (one line: what and where)."""


def comma_groups(toks: list) -> list:
    """``i , j + 1`` as [[i], [j, +, 1]]."""
    groups, cur = [], []
    for t in toks:
        if t == ",":
            groups.append(cur)
            cur = []
        else:
            cur.append(t)
    return groups + [cur]


def index_terms(toks: list) -> tuple:
    """One index's tokens (``j + 1``, ``2``) as ((coefficient, letter or None), …)."""
    terms, sign = [], 1
    for t in toks:
        if t in ("+", "-"):
            sign = 1 if t == "+" else -1
        elif t.isdigit():
            terms.append((sign * int(t), None))
            sign = 1
        elif re.fullmatch(r"[a-z]", t):
            terms.append((sign, t))
            sign = 1
        else:
            raise CalcParseError(f"an index '{''.join(toks)}' is not read")
    if not terms:
        raise CalcParseError("an empty index")
    return tuple(terms)


def size_word(top: list) -> list:
    """A sum's upper bound with a size written as a word, ``^{nclass}`` (tokens n c l a s s),
    as one token (the axis length, like ``N``); ``^{N-1}`` and other bounds as they are."""
    letters = 0
    while letters < len(top) and re.fullmatch(r"[A-Za-z]", top[letters]):
        letters += 1
    return ["".join(top[:letters])] + top[letters:] if letters > 1 else top


__all__ = ["CalcParseError", "comma_groups", "index_terms", "size_word"]
