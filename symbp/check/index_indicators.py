r"""The indicator of a condition in index notation: ``\mathbb{1}[…]``, ``\mathbb{1}\{…\}``,
``\mathbb{I}(…)``, ``\mathbf{1}(…)``, ``\mathbf 1\{a = a^\star\}``, and the subscript form
``\mathbf 1_{\{u = r s_h + a d_h,\ v = c s_w + b d_w\}}``.

Each condition is one equality: 1 where it holds, else 0 (Op('iverson')); the indicator of
several conditions joined by commas is their product.  An equality of a tensor entry with a
maximum (``[x_{ij} = \max …]``) is the max-pooling indicator of :mod:`symbp.check.doc_maxpool`.

Example::

    >>> from symbp.check.index_claims import parse
    >>> parse(r"\mathbf 1_{\{u = 2r + a,\ v = c\}}").kind
    'mul'
    >>> parse(r"\mathbb{1}[m = p]").kind
    'iverson'
"""
from __future__ import annotations

from .doc_maxpool import indicator
from .index_tree import IndexError_, Op, _index_name

_DEPTH = {"(": 1, "[": 1, "{": 1, r"\{": 1, ")": -1, "]": -1, "}": -1, r"\}": -1}


def read_indicator(parser):
    r"""``\mathbb{1}[…]``, ``\mathbb{1}\{…\}``, ``\mathbb{I}(…)``, ``{1}[…]`` (``\mathbf{1}``),
    ``\mathbf 1\{…\}``, ``\mathbf 1_{\{u = rs + a, v = cs + b\}}`` (conditions joined by commas:
    each one 1 or 0, their product), from the ``\mathbb``/``\mathbf`` token or the ``{`` of
    ``{1}``: Op('ismax'), Op('iverson') or their product."""
    if parser.peek() in (r"\mathbb", r"\mathbf"):
        word = parser.take()
        body = [parser.take()] if word == r"\mathbf" and parser.peek() == "1" else parser.braced_tokens()
    elif parser.peek() == r"\onesvector":
        parser.take()
        body = ["1"]
    else:
        body = parser.braced_tokens()
    if body not in (["1"], ["I"]):
        raise IndexError_(r"\mathbb{" + "".join(body) + "}")
    subscript = parser.peek() == "_"
    if subscript:                                   # \mathbf 1_{\{…\}}: the condition as a subscript
        parser.take()
        parser.take("{")
    opening = parser.peek()
    close = {"[": "]", "(": ")", r"\{": r"\}", "{": "}"}.get(opening)
    if close is None:
        raise IndexError_("an indicator without its condition")
    parser.take()
    depth, inner = 0, []
    while True:
        tok = parser.take()
        if tok == close and depth == 0:
            break
        depth += _DEPTH.get(tok, 0)
        inner.append(tok)
    if subscript:
        parser.take("}")
    conditions = [_condition(parser, part) for part in _top_level_parts(inner)]
    return conditions[0] if len(conditions) == 1 else Op("mul", tuple(conditions))


def _top_level_parts(tokens: list) -> list:
    """``u = r s + a , v = c s + b`` → the tokens of each comma-separated part (commas inside
    brackets kept); one part when there is no comma at the top."""
    parts, cur, depth = [], [], 0
    for tok in tokens:
        depth += _DEPTH.get(tok, 0)
        if tok == "," and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(tok)
    return parts + [cur]


def _condition(parser, inner: list):
    """One equality ``left = right`` of an indicator: Op('ismax') or Op('iverson')."""
    eq = [k for k, t in enumerate(inner) if t == "="]
    if len(eq) != 1:
        raise IndexError_("an indicator whose condition is not one equality")
    left = type(parser)(inner[:eq[0]], parser.tensors, parser.losses).whole()
    right = type(parser)(inner[eq[0] + 1:], parser.tensors, parser.losses).whole()
    return indicator(left, right) or Op("iverson", (_index_name(left), _index_name(right)))


def indicator_follows(parser, tok) -> bool:
    r"""``\mathbb{1}`` / ``\mathbb{I}`` / ``{1}`` (``\mathbf{1}``) followed by ``[``, ``(`` or ``\{``;
    ``\mathbf 1`` / ``\mathbf{1}`` followed by ``\{`` or ``[`` or by a subscript ``_{\{…\}}``."""
    if tok == r"\mathbb":
        return True
    if tok == r"\mathbf" and parser.peek(1) == "1":
        after = 2
    elif tok == r"\onesvector":
        after = 1
    else:
        return tok == "{" and parser.peek(1) == "1" and parser.peek(2) == "}" and \
            parser.peek(3) in ("[", "(", r"\{")
    opening = (r"\{", "[") if tok == r"\mathbf" else (r"\{",)
    return parser.peek(after) in opening or (
        parser.peek(after) == "_" and parser.peek(after + 1) == "{" and parser.peek(after + 2) == r"\{")
