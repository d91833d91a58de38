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

import sympy as sp


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


def indicator(parser, take: bool = False):
    """``1_{i=j}``, ``\\mathbb{1}_{i = j}``, ``1\\{i=j\\}``, ``\\mathbf{1}\\{i = j\\}``, ``\\mathbb{1}[i = j]``,
    ``\\mathbb{1}_{\\{i = j\\}}``, ``\\mathbb{1}(i \\neq j)``: a Kronecker delta (an indicator of
    i = j), or one minus it (of i ≠ j)."""
    k = 0 if parser.peek() == "1" else 3           # \mathbb { 1 } _
    if k == 3 and (parser.peek(1), parser.peek(2), parser.peek(3)) != ("{", "1", "}"):
        return None
    toks = [parser.peek(k + n) for n in range(1, 10)]
    closes = {"\\{": "\\}", "[": "]", "(": ")"}
    if toks[0] == "_" and toks[1] == "{" and toks[2] in closes:      # _{\{i = j\}}
        inner, width = toks[3:6], 9
        ends = [toks[6], toks[7]] == [closes[toks[2]], "}"]
    elif toks[0] == "_" and toks[1] == "{":                          # _{i = j}
        inner, width, ends = toks[2:5], 7, toks[5] == "}"
    elif toks[0] in closes and (k == 3 or toks[0] == "\\{"):          # \{i = j\}, [i = j]
        inner, width, ends = toks[1:4], 6, toks[4] == closes[toks[0]]
    else:
        return None
    if not ends or inner[1] not in ("=", "\\neq", "\\ne") or \
            not all(t and re.fullmatch(r"[a-z]", t) for t in (inner[0], inner[2])):
        return None
    if not take:
        return True
    parser.pos += k + width
    delta = ("delta", ((1, inner[0]),), ((1, inner[2]),))
    return delta if inner[1] == "=" else ("add", [("num", sp.Integer(1)), ("neg", delta)])


def softmax_entry(parser, accents):
    """For :mod:`symbp.check.calc_parse`'s ``parser`` at the word softmax (``accents``: its name accents):
    ``\\text{softmax}(z)_i``, ``softmax(\\mathbf{z})_i``, ``softmax(z_j)``: entry i (j) of the
    softmax of the vector z, written out as ``e^{z_i} / Σ_κ e^{z_κ}``."""
    parser.take()
    parser.take("(")
    if parser.peek() in accents and parser.peek(1) == "{" and parser.peek(3) == "}":
        parser.pos += 2                             # \mathbf{z}: the vector z
        arg = parser.reference()
        parser.take("}")
    else:
        arg = parser.reference()
    parser.take(")")
    idx = arg[2]
    if parser.peek() == "_":
        if idx:
            raise CalcParseError("softmax of an entry with a subscript")
        parser.take()
        idx = parser.indices()
    if len(idx) != 1 or arg[1].startswith(("mathbf", "hat")):
        raise CalcParseError("softmax of other than one vector's entry")
    parser.count = getattr(parser, "count", 0) + 1
    letter = f"κ{parser.count}"
    over = ("sum", letter, None, ("fn", "exp", ("ref", arg[1], (((1, letter),),))))
    return ("div", ("fn", "exp", ("ref", arg[1], idx)), over)


_NORM_CLOSE = {"\\|": ("\\|",), "\\lVert": ("\\rVert",), "|": ("|", "|")}


def squared_norm(parser):
    """For :mod:`symbp.check.calc_parse`'s ``parser`` at a norm (``\\|``, ``||``, ``\\lVert``): the squared
    Euclidean norm of a sum or difference of vectors, ``\\|a - y\\|^2``, ``||a-y||^2_2``, ``\\|a - y\\|_2^2``, as the
    sum ``Σ_κ (a_κ - y_κ)^2`` over their entries; a norm not squared, another norm or of anything else is not read."""
    opening = parser.take()
    if opening == "|":
        parser.take("|")                           # || a - y ||: two bars
    close = _NORM_CLOSE[opening]
    toks, depth, end = parser.toks, 0, None
    for k in range(parser.pos, len(toks)):
        depth += (toks[k] == "{") - (toks[k] == "}")
        if depth == 0 and tuple(toks[k:k + len(close)]) == close:
            end = k
            break
    if end is None or end == parser.pos:
        raise CalcParseError("a norm that does not close")
    inner = type(parser)(toks[parser.pos:end]).expr()
    parser.pos = end + len(close)
    subscript = power = None
    for _ in range(2):                             # _2 and ^2, in either order
        if parser.peek() in ("_", "^"):
            mark = parser.take()
            value = parser.group()
            subscript, power = (value, power) if mark == "_" else (subscript, value)
    if power != ("num", 2) or subscript not in (None, ("num", 2)):
        raise CalcParseError("a norm other than the squared Euclidean norm")
    parser.count = getattr(parser, "count", 0) + 1
    letter = f"κ{parser.count}"
    return ("sum", letter, None, ("pow", _entries(inner, letter), ("num", sp.Integer(2))))


def _entries(tree, letter: str):
    """``tree`` (one-letter names without indices, added, subtracted, scaled by numbers) at entry ``letter``; a word
    (``\\|target - output\\|^2``) or an entry (``\\|t_{o1} - o_{o1}\\|``) is often an absolute value: not read."""
    if tree[0] == "ref" and not tree[2] and re.fullmatch(r"(?:[a-z]+ )?[A-Za-z]", tree[1]):   # a, hat y; not
        return ("ref", tree[1], (((1, letter),),))                                            # \|target - out\|: |x|
    if tree[0] == "num":
        return tree
    if tree[0] == "add" or (tree[0] == "mul" and sum(t[0] != "num" for t in tree[1]) <= 1):   # 2a - y; not W x
        return (tree[0], [_entries(t, letter) for t in tree[1]])
    if tree[0] == "neg":
        return ("neg", _entries(tree[1], letter))
    raise CalcParseError("a norm of other than a sum or difference of vectors")


_VECTOR_NAME = re.compile(r"(?:(?:mathbf|boldsymbol|bm|vec) )?(?:[a-z]|theta|beta|omega|phi)")


def dot_products(parser, factors: list) -> list:
    """A product's factors with each ``a^T b`` of two plain lower-case names without indices (``w^T x``,
    ``\\mathbf w^\\top \\mathbf x``, ``\\theta^T x``) read as the sum ``Σ_κ a_κ b_κ`` of their entries, as a
    column's transpose times a column is; a capital (``W^T x``, a matrix), an index or a label (``x_i``,
    ``x^{(i)}``: a sample) keeps the transpose, which the scalar reader does not value.

    >>> class P: count = 0
    >>> dot_products(P(), [("transpose", ("ref", "w", ())), ("ref", "x", ())])
    [('sum', 'κ1', None, ('mul', [('ref', 'w', (((1, 'κ1'),),)), ('ref', 'x', (((1, 'κ1'),),))]))]
    """
    out, k = [], 0
    while k < len(factors):
        here, after = factors[k], factors[k + 1] if k + 1 < len(factors) else None
        if after is not None and here[0] == "transpose" and all(
                t[0] == "ref" and not t[2] and _VECTOR_NAME.fullmatch(t[1]) for t in (here[1], after)):
            parser.count = getattr(parser, "count", 0) + 1
            letter = f"κ{parser.count}"
            out.append(("sum", letter, None, ("mul", [("ref", t[1], (((1, letter),),)) for t in (here[1], after)])))
            k += 2
            continue
        out.append(here)
        k += 1
    return out


#: cosh, sinh and sech as exponentials, (e^a ± e^{-a}) / 2 and its inverse: no function of their own to evaluate
HYPERBOLIC = {"cosh": (1, False), "sinh": (-1, False), "sech": (1, True)}


def hyperbolic(name: str, arg):
    """The tree of ``name`` (cosh, sinh, sech) of the tree ``arg`` written in exponentials; a primed name is not read."""
    if name.endswith("'"):
        raise CalcParseError(f"{name}, a hyperbolic function's derivative written with a prime, is not read")
    sign, inverse = HYPERBOLIC[name]
    pair = ("add", [("fn", "exp", arg), ("fn", "exp", ("neg", arg)) if sign > 0 else ("neg", ("fn", "exp", ("neg", arg)))])
    return ("div", ("num", sp.Integer(2)), pair) if inverse else ("div", pair, ("num", sp.Integer(2)))


__all__ = ["HYPERBOLIC", "hyperbolic", "CalcParseError", "comma_groups", "dot_products", "index_terms", "indicator", "size_word", "softmax_entry",
           "squared_norm"]
