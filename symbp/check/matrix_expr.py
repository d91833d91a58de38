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
# a decorated letter is a name of its own: \tilde{W}, \widetilde W, \hat{X}, \bar X (the im2col matrices)
ACCENTS = ("tilde", "widetilde", "hat", "widehat", "bar", "overline")
_NAME = (r"(?:\\(" + "|".join(ACCENTS) + r")\s*(?:\{\s*([A-Za-z])\s*\}|\s*([A-Za-z]))|([A-Za-z]))\s*"
         r"(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)?" + _SUB)    # 6 groups: accent, 3 letters, 2 subs
_DELTA = r"\\delta(?![A-Za-z])(?!\s*[_(])(?!\s*\^(?!\s*(?:\{\s*)?(?:T\b|\\top|\\intercal)))"      # a bare δ: the output's gradient (∂L/∂Y)
DELTA = ("δ", "")                                  # its key
VEC = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*vec\s*\}\s*(?=\()")     # vec(…): the flattening
_TOKENS = [
    ("grad", re.compile(r"\\frac\s*\{\s*\\partial\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*\}\s*\{\s*\\partial\s*" + _NAME + r"\s*\}")),
    ("grad", re.compile(r"\\frac\s*\{\s*d\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*\}\s*\{\s*d\s*" + _NAME + r"\s*\}")),
    ("grad", re.compile(r"\\partial\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*/\s*\\partial\s*" + _NAME)),
    ("nabla", re.compile(r"\\nabla\s*_\s*\{\s*" + _NAME + r"\s*\}\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])")),
    ("nabla", re.compile(r"\\nabla\s*_\s*([A-Za-z])()\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])")),
    ("dname", re.compile(r"(?:\\mathrm\{d\}|(?<![A-Za-z\\])d)\s*" + _NAME)),
    ("col2im", re.compile(r"(?:\\(?:text|mathrm|operatorname)\s*\{\s*(?:col2im|fold)\s*\}|"
                          r"(?<![A-Za-z\\])(?:col2im|fold))(?=\s*(?:\\left\s*)?\()")),
    ("T", _TRANSPOSE),
    ("(", re.compile(r"[(\[]")),
    (")", re.compile(r"[)\]]")),
    ("+", re.compile(r"\+")),
    ("name", re.compile(_NAME)),
]
_UNFOLD_SUBS = ("col", "cols", "row", "rows", "flat", "mat", "unfold", "unfolded", "im2col")


def _key(letter: str, sub: str | None, accent: str | None = None) -> tuple:
    """A matrix name's key: its letter and what tells it from the plain letter (a word
    subscript such as ``col``, or an accent, ``\\tilde{W}`` -> ``("W", "tilde")``)."""
    sub = (sub or "").lower()
    sub = sub if sub in _UNFOLD_SUBS else ""
    accent = {"widetilde": "tilde", "widehat": "hat", "overline": "bar"}.get(accent, accent)
    return letter, "~".join(p for p in (accent, sub) if p)


def _name_key(m, first: int) -> tuple:
    """The key of the name whose six groups start at group ``first`` of ``m``."""
    g = [m.group(first + k) for k in range(6)]
    return _key(g[1] or g[2] or g[3], g[4] or g[5], g[0])


def tokenize(latex: str):
    """Tokens of a matrix-product side, or None when it holds anything else (entries with
    index subscripts, sums, operators another reader takes).  A ``.`` between factors is a
    product (``\\tilde{W}^T . \\delta``); a bare ``\\delta`` is the name :data:`DELTA`."""
    text = VEC.sub("", _SIZING.sub(" ", latex)).strip().rstrip(".,;")
    out, pos = [], 0
    while pos < len(text):
        if text[pos].isspace() or text[pos] in "{}" or (text[pos] == "." and out and
                                                        not text[pos + 1:pos + 2].isdigit()):
            pos += 1
            continue
        m = re.compile(_DELTA).match(text, pos)
        if m:
            out.append(("name", DELTA))
            pos = m.end()
            continue
        for kind, rx in _TOKENS:
            m = rx.match(text, pos)
            if not m:
                continue
            if kind == "grad":
                out.append(("grad", m.group(1), _name_key(m, 2)))
            elif kind == "nabla":
                out.append(("grad", m.group(m.lastindex), _name_key(m, 1) if m.lastindex > 3 else _key(m.group(1), None)))
            elif kind == "dname":
                out.append(("grad", None, _name_key(m, 1)))
            elif kind == "name":
                if m.group(1) is None and m.group(5) is None and m.group(6) is None and \
                        re.match(r"\s*_", text[m.end():]):
                    return None                  # an entry x_{ij}: index notation
                out.append(("name", _name_key(m, 1)))
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
        while self.k < len(self.toks) and self.toks[self.k][0] in ("grad", "name", "(", "col2im"):
            factors.append(self.factor())
        if not factors:
            raise ValueError("an empty product")
        return ("mul", factors) if len(factors) > 1 else factors[0]

    def factor(self):
        tok = self.toks[self.k]
        self.k += 1
        if tok[0] == "col2im":                # col2im(…): the unfolded matrix folded back, overlaps summed
            if self.k >= len(self.toks) or self.toks[self.k][0] != "(":
                raise ValueError("col2im without its argument")
            node = ("col2im", self.factor())
        elif tok[0] == "(":
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


COL2IM = ("col2im", "")                 # values[COL2IM]: the section's fold, unfolded -> input


def keys_in(tree) -> set:
    if tree[0] == "mul":
        return set().union(*(keys_in(f) for f in tree[1]))
    if tree[0] == "T":
        return keys_in(tree[1])
    if tree[0] == "col2im":
        return keys_in(tree[1]) | {COL2IM}
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
    if tree[0] == "col2im":
        if COL2IM not in values:
            raise ValueError("col2im outside an im2col form")
        return values[COL2IM](evaluate(tree[1], values, grads))
    if tree[0] == "grad":
        if tree[2] not in grads:
            raise ValueError(f"∂L/∂{show(tree[2])} is not the layer's")
        return grads[tree[2]]
    return values[tree[1]]


def show(key) -> str:
    """``W_{col}``, ``\\tilde{W}``, ``\\hat{X}_{col}``: a key as the document writes it."""
    accent = next((a for a in ACCENTS if key[1].split("~")[0] == a), None)
    sub = key[1].split("~")[-1] if key[1] and key[1].split("~")[-1] != accent else ""
    name = f"\\{accent}{{{key[0]}}}" if accent else key[0]
    return name + (f"_{{{sub}}}" if sub else "")
