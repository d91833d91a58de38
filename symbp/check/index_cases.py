r"""``\begin{cases} … \end{cases}`` in index notation (read by :mod:`symbp.check.index_claims`).

A row is a value and its condition, split by ``&`` or by the last top-level comma:
``W_{f,ch,p-(i-1)s}, \quad 1 <= p-(i-1)s <= f_r \cap 1 <= q-(j-1)s <= f_c``; a condition is a
chain of comparisons (``<``, ``<=``, ``\le``, ``\leq``, ``>``, ``\ge``, ``=``, ``\neq``) joined by
``\cap``, ``\land``, ``\wedge``, ``,`` or the word *and*; *otherwise* (or *else*) takes what the
other rows leave.  The tree is ``Op("cases", ((value, condition or None), …))`` with conditions
``Op("cmp", (terms, relations))`` and ``Op("all", conditions)``; the index evaluator picks the
first row whose condition holds.

>>> from symbp.check.index_claims import parse
>>> tree = parse(r"\begin{cases} w_{i}, & 0 \le i < 2 \\ 0, & \text{otherwise} \end{cases}")
>>> tree.kind, len(tree.args), tree.args[1][1] is None
('cases', 2, True)
"""
from __future__ import annotations

import re

import sympy as sp

from .doc_maxpool import indicator
from .pool_windows import read_worded, window_membership, worded_max
from .index_tree import _GREEK, IndexError_, Op, _index_name, bound_name   # f_r, n_{ch}: one size symbol

_RELATIONS = {"<": "<", ">": ">", r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=", r"\ge": ">=",
              r"\geq": ">=", r"\geqslant": ">=", "=": "=", r"\neq": "!=", r"\ne": "!=", "≤": "<=",
              "≥": ">="}
_AND = {r"\cap", r"\land", r"\wedge", r"\text", "and", ","}
_OTHERWISE = ("otherwise", "else", "sonst", "其他", "其它", "其余", "否则", "otrocaso", "contrario", "sinon")
# the word before a condition: if, when, 如果 / 若 / 当 (Chinese), si (Spanish, French)
_IF_WORDS = (["i", "f"], ["\\Nif"], ["\\Nwhen"], ["\\Nsi"], ["如", "果"], ["若"], ["当"])


def read_cases(parser) -> Op:
    """The rows after ``\\begin{cases}`` (its ``{cases}`` already taken), up to ``\\end{cases}``."""
    rows, cur, depth = [], [], 0
    while True:
        tok = parser.take()
        if tok == r"\end" and depth == 0:
            parser.braced_tokens()
            break
        depth += {"{": 1, "}": -1, "(": 1, ")": -1, r"\begin": 1}.get(tok, 0)
        if tok == "\\\\" and depth == 0:
            rows.append(cur)
            cur = []
            continue
        cur.append(tok)
    if cur:
        rows.append(cur)
    rows = [r for r in rows if r]
    if not rows:
        raise IndexError_("empty cases")
    out = []
    for row in rows:
        value, cond = _split_row(row)
        out.append((parser.__class__(value, parser.tensors, parser.losses).whole(),
                    _condition(cond, parser)))
    if sum(c is None for _, c in out) > 1:
        raise IndexError_("cases with two 'otherwise' rows")
    return Op("cases", tuple(out))


def _split_row(row: list) -> tuple:
    depth, amp, comma = 0, None, None
    for k, tok in enumerate(row):
        depth += {"{": 1, "}": -1, "(": 1, ")": -1, "[": 1, "]": -1}.get(tok, 0)
        if depth == 0 and tok == "&" and amp is None:
            amp = k
        if depth == 0 and tok == "," and comma is None:
            comma = k
    cut = amp if amp is not None else comma
    if cut is None:
        raise IndexError_("a cases row without its condition")
    value = list(row[:cut])
    while value and value[-1] in (",", ";"):          # δ_c ; & if …: the value's own punctuation
        value = value[:-1]
    keep = ("&",) if r"\max" in row or _entries_equal(row[cut + 1:]) or _worded(row[cut + 1:]) else ("{", "}", "&")
    cond = [t for t in row[cut + 1:] if t not in keep]       # a maximum, x_{pq} = y_{ij}: braces kept
    while cond and cond[0] in (",", ";"):
        cond = cond[1:]
    return value, cond


def _condition(tokens: list, parser):
    words = "".join(t for t in tokens if t.isalpha() or t.startswith("\\N"))
    if any(w in words.replace("\\N", "").lower() for w in _OTHERWISE):
        return None
    if tokens and tokens[0] == r"\text":
        tokens = tokens[1:]
    for word in _IF_WORDS:                          # "if k \neq j", \text{if } as one word, 如果
        if tokens[:len(word)] == word:
            tokens = tokens[len(word):]
            break
    worded = read_worded(tokens, parser) or window_membership(tokens)   # "x_{m,n} is the max", (m,n) \in R_{i,j}
    if worded is not None:
        return worded
    tokens = _argmax_condition(tokens)
    parts, cur, depth, nested = [], [], 0, r"\max" in tokens    # a maximum's scripts keep their commas
    scripts = []                                   # open braces: True where a subscript's (y_{a, b})
    for k, tok in enumerate(tokens):
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(tok, 0) if nested else 0
        if tok == "{":
            scripts.append(k > 0 and tokens[k - 1] in ("_", "^"))
        elif tok == "}" and scripts:
            scripts.pop()
        if tok in _AND and depth == 0 and not any(scripts):
            if cur:
                parts.append(cur)
            cur = []
        else:
            cur.append(tok)
    if cur:
        parts.append(cur)
    if not parts:
        raise IndexError_("a cases row with an empty condition")
    conds = [_chain(p, parser) for p in parts]
    return conds[0] if len(conds) == 1 else Op("all", tuple(conds))


def _chain(tokens: list, parser) -> Op:
    """``1 <= p-(i-1)s <= f_r`` → Op('cmp', ((1, p-(i-1)s, f_r), ('<=', '<=')))."""
    terms, rels, cur, k, depth = [], [], [], 0, 0
    while k < len(tokens):
        tok = tokens[k]
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(tok, 0)
        rel = _RELATIONS.get(tok) if depth == 0 or r"\max" not in tokens else None   # \max_{0 \le m}
        if tok in ("<", ">") and k + 1 < len(tokens) and tokens[k + 1] == "=":
            rel, k = tok + "=", k + 1
        if rel is not None:
            if not cur:
                raise IndexError_("a comparison without its left side")
            terms.append(cur)
            rels.append(rel)
            cur = []
        else:
            cur.append(tok)
        k += 1
    terms.append(cur)
    if not rels or not all(terms):
        raise IndexError_("a cases condition that is not a comparison of indices")
    if rels == ["="] and (r"\max" in tokens or all(_entry_tokens(t) for t in terms)):
        found = indicator(*(parser.__class__(t, parser.tensors, parser.losses).whole() for t in terms))
        if found is not None:                      # if x_{ij} = \max(…), x_{pq} = y_{ij}: max pooling
            return found
    trees = tuple(_index_name(parser.__class__(t, parser.tensors, parser.losses).whole()) for t in terms)
    return Op("cmp", (trees, tuple(rels)))


def _entries_equal(tokens: list) -> bool:
    """Whether a condition is ``[if] x_{pq} = y_{\\lfloor i/2 \\rfloor, j}``: two entries, one ``=``."""
    tokens = [t for t in tokens if t not in ("&", ",", ";")]
    for word in _IF_WORDS:
        if tokens[:len(word)] == word:
            tokens = tokens[len(word):]
            break
    if tokens.count("=") != 1:
        return False
    at = tokens.index("=")
    return _entry_tokens(tokens[:at]) and _entry_tokens(tokens[at + 1:])


def _worded(tokens: list) -> bool:
    """Whether a condition says in words that an entry is the window's maximum (pool_windows)."""
    tokens = [t for t in tokens if t not in ("&", ",", ";")]
    if tokens and tokens[0] == r"\text":
        tokens = tokens[1:]
    for word in _IF_WORDS:
        if tokens[:len(word)] == word:
            return worded_max(tokens[len(word):]) is not None
    return worded_max(tokens) is not None


def _entry_tokens(tokens: list) -> bool:
    """Whether a side of a condition is one tensor entry, ``y_{\\lfloor i/2 \\rfloor, j}``."""
    return len(tokens) >= 3 and tokens[0].isalpha() and len(tokens[0]) == 1 and tokens[1] in ("_", "^")


def _argmax_condition(tokens: list) -> list:
    """``(i,j) = \\arg\\max_{m,n} (x_{m,n})`` as ``x_{i,j} = \\max_{m,n} (x_{m,n})`` (the entry is its
    window's maximum, on inputs with distinct values); other conditions unchanged."""
    names = [t for t in tokens if t not in ("\\mathop", "{", "}")]
    if "\\arg" in names:
        at = names.index("\\arg")
        if names[at + 1:at + 2] != ["\\max"]:
            return tokens
        names = names[:at] + ["\\Nargmax"] + names[at + 2:]
    if "\\Nargmax" not in names or names[:1] != ["("]:
        return tokens
    close = names.index(")")
    left = [t for t in names[1:close] if t != ","]
    rest = names[close + 1:]
    if rest[:2] != ["=", "\\Nargmax"] or rest[2:3] != ["_"]:
        return tokens
    body = list(tokens[tokens.index("_", tokens.index("=")):])    # the scripts and the body, braces kept
    depth, end = 0, None
    for k, tok in enumerate(body[1:], 1):
        depth += {"{": 1, "}": -1}.get(tok, 0)
        if depth == 0:
            end = k
            break
    if end is None:
        return tokens
    sub = [t for t in body[2:end] if t != ","]
    if len(sub) != len(left) or not all(len(t) == 1 and t.isalpha() for t in sub + left):
        return tokens
    mapped = [dict(zip(sub, left)).get(t, t) for t in body[end + 1:]]
    return mapped + ["="] + ["\\max"] + body


def holds(relation: str, a, b) -> bool:
    """a relation b for two integers (or fractions)."""
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b, "!=": a != b}[relation]


_AT_MOST = {r"\le", r"\leq", r"\leqslant", "≤"}
_BELOW = {"<", r"\lt"}


def bound_relation(sub: list, parser):
    r"""A sum's range written as inequalities (tokens of its subscript): ``0 \le n < N`` →
    (['n'], 0, N-1); ``n<N`` → (['n'], None, N-1) (from the section's first index);
    ``1 \leq h \leq H`` → (['h'], 1, H); None when the subscript holds no ``<``/``\le``.
    Raises IndexError_ for inequalities around something that is not one index letter;
    ``parser``: the claim's parser (its class reads each bound)."""
    cuts = [k for k, t in enumerate(sub) if t in _AT_MOST | _BELOW]
    if not cuts:
        return None
    if len(cuts) > 2 or any(t in (",", ":", "|", ">", r"\ge", r"\geq", "=") for t in sub):
        raise IndexError_("a sum range written with inequalities this reader does not take")
    edges = [-1] + cuts + [len(sub)]
    parts = [sub[a + 1:b] for a, b in zip(edges, edges[1:])]
    strict = [sub[k] in _BELOW for k in cuts]

    def letter(part) -> bool:
        return bool(part) and (re.fullmatch(r"[A-Za-z]", part[0]) or part[0] in _GREEK) and \
            all(t == "'" for t in part[1:])

    def bound(part, shift):
        if not part:
            raise IndexError_("a sum range with an empty bound")
        e = bound_name(type(parser)(part, parser.tensors).whole())
        return Op("add", (e, sp.Integer(shift))) if shift else e
    if len(parts) == 3 and letter(parts[1]):
        var, lo, hi = parts[1], bound(parts[0], int(strict[0])), bound(parts[2], -int(strict[1]))
    elif len(parts) == 2 and letter(parts[0]):
        var, lo, hi = parts[0], None, bound(parts[1], -int(strict[0]))
    elif len(parts) == 2 and letter(parts[1]):
        var, lo, hi = parts[1], bound(parts[0], int(strict[0])), None
    else:
        raise IndexError_("a sum range whose inequalities do not bound one index letter")
    return ["".join(var)], lo, hi
