r"""Matrix-product sides as authors write them for a layer in matrix form: ``C^T \frac{\partial
L}{\partial y}``, ``\nabla_{y} L``, ``dY X_{col}^\top``, ``\left(\frac{\partial L}{\partial y}
\right)^T C``, ``\text{vec}(X)``; names are one letter with an optional word subscript
(``W_{col}``, ``X_\text{col}``) and an optional prime (``X'``: the flattened X).

Example::

    >>> tree, bias = parse_side(r"C^T \frac{\partial L}{\partial y}")
    >>> tree
    ('mul', [('T', ('name', ('C', ''))), ('grad', 'L', ('y', ''))])
    >>> sorted(keys_in(tree))
    [('C', ''), ('y', '')]
"""
from __future__ import annotations

import re

_SIZING = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\b|\\[,;!: ]|\\quad|\\qquad|\\cdot\b|\\times\b")
_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*(?:\\top|\\intercal|T|\\mathsf\{T\}|\\mathrm\{T\})\s*\}|\\top|\\intercal|T)")
_SUB = r"(?:_\s*(?:\{\s*(?:\\(?:text|mathrm|rm|operatorname)\s*\{\s*)?([A-Za-z]{2,})\s*\}?\s*\}|([A-Za-z]{3,})))?"
_NAME = r"([A-Za-z])\s*(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)?" + _SUB
VEC = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*vec\s*\}\s*(?=\()")     # vec(…): the flattening
_TOKENS = [
    ("grad", re.compile(r"\\frac\s*\{\s*\\partial\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*\}\s*\{\s*\\partial\s*" + _NAME + r"\s*\}")),
    ("grad", re.compile(r"\\frac\s*\{\s*d\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*\}\s*\{\s*d\s*" + _NAME + r"\s*\}")),
    ("grad", re.compile(r"\\partial\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*/\s*\\partial\s*" + _NAME)),
    ("nabla", re.compile(r"\\nabla\s*_\s*\{\s*" + _NAME + r"\s*\}\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])")),
    ("nabla", re.compile(r"\\nabla\s*_\s*([A-Za-z])()\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])")),
    ("dname", re.compile(r"(?:\\mathrm\{d\}|(?<![A-Za-z\\])d)\s*" + _NAME)),
    ("T", _TRANSPOSE),
    ("(", re.compile(r"[(\[]")),
    (")", re.compile(r"[)\]]")),
    ("+", re.compile(r"\+")),
    ("name", re.compile(_NAME)),
]
def _key(letter: str, sub: str | None) -> tuple:
    sub = (sub or "").lower()
    return letter, sub if sub in ("col", "cols", "row", "rows", "flat", "mat") else ""


def tokenize(latex: str):
    """Tokens of a matrix-product side, or None when it holds anything else (entries with
    index subscripts, sums, operators another reader takes)."""
    text = VEC.sub("", _SIZING.sub(" ", latex)).strip().rstrip(".,;")
    out, pos = [], 0
    while pos < len(text):
        if text[pos].isspace() or text[pos] in "{}":
            pos += 1
            continue
        for kind, rx in _TOKENS:
            m = rx.match(text, pos)
            if not m:
                continue
            if kind == "grad":
                out.append(("grad", m.group(1), _key(m.group(2), m.group(3) or m.group(4))))
            elif kind == "nabla":
                out.append(("grad", m.group(m.lastindex), _key(m.group(1), m.group(2) if m.lastindex > 3 else None)))
            elif kind == "dname":
                out.append(("grad", None, _key(m.group(1), m.group(2) or m.group(3))))
            elif kind == "name":
                if m.group(2) is None and m.group(3) is None and re.match(r"\s*_", text[m.end():]):
                    return None                  # an entry x_{ij}: index notation
                out.append(("name", _key(m.group(1), m.group(2) or m.group(3))))
            else:
                out.append((kind,))
            pos = m.end()
            break
        else:
            return None
    return out


class _Parser:
    def __init__(self, tokens):
        self.toks, self.k = tokens, 0

    def product(self):
        factors = []
        while self.k < len(self.toks) and self.toks[self.k][0] in ("grad", "name", "("):
            factors.append(self.factor())
        if not factors:
            raise ValueError("an empty product")
        return ("mul", factors) if len(factors) > 1 else factors[0]

    def factor(self):
        tok = self.toks[self.k]
        self.k += 1
        if tok[0] == "(":
            node = self.product()
            if self.k >= len(self.toks) or self.toks[self.k][0] != ")":
                raise ValueError("unbalanced parenthesis")
            self.k += 1
        else:
            node = tok
        while self.k < len(self.toks) and self.toks[self.k][0] == "T":
            self.k += 1
            node = ("T", node)
        return node


def parse_side(latex: str):
    """A side's tree (``("mul", [...])``, ``("T", x)``, ``("name", key)``, ``("grad", loss,
    key)``) and whether a ``+ b`` follows, or None when it is not a matrix product."""
    toks = tokenize(latex)
    if not toks:
        return None
    plus = [k for k, t in enumerate(toks) if t[0] == "+"]
    bias = False
    if plus:
        tail = toks[plus[0] + 1:]
        if len(plus) > 1 or len(tail) != 1 or tail[0][0] != "name":
            return None
        toks, bias = toks[:plus[0]], True
    p = _Parser(toks)
    try:
        tree = p.product()
    except (ValueError, IndexError):
        return None
    return (tree, bias) if p.k == len(toks) else None


def keys_in(tree) -> set:
    if tree[0] == "mul":
        return set().union(*(keys_in(f) for f in tree[1]))
    if tree[0] == "T":
        return keys_in(tree[1])
    return {tree[-1]}


def evaluate(tree, values, grads):
    if tree[0] == "mul":
        out = None
        for f in tree[1]:
            m = evaluate(f, values, grads)
            if out is not None and out.shape[1] != m.shape[0]:
                raise ValueError(f"a {out.shape[0]}x{out.shape[1]} matrix times a {m.shape[0]}x{m.shape[1]} one")
            out = m if out is None else out * m
        return out
    if tree[0] == "T":
        return evaluate(tree[1], values, grads).T
    if tree[0] == "grad":
        if tree[2] not in grads:
            raise ValueError(f"∂L/∂{show(tree[2])} is not the layer's")
        return grads[tree[2]]
    return values[tree[1]]


def show(key) -> str:
    return key[0] + (f"_{{{key[1]}}}" if key[1] else "")
