r"""Tokens and trees of index notation (read by :mod:`symbp.check.index_claims`).

Example::

    >>> tokenize(r"\frac{\partial E}{\partial x_{ij}}")
    ['\\frac', '{', '\\partial', 'E', '}', '{', '\\partial', 'x', '_', '{', 'i', 'j', '}', '}']
"""
from __future__ import annotations

import re
from dataclasses import dataclass


class IndexError_(Exception):
    """Notation this reader does not take (message: the reason)."""


class OutOfRange(Exception):
    """A written bound reaches an entry that does not exist."""


# =========================================================================== tokens

_OP_WORDS = ("conv", "rot", "flip", "pad", "full", "valid", "same", "up", "unsample", "dilate", "sum", "kron")
_PRE = [(re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])"), ""),
        (re.compile(r"\\(?:displaystyle|limits|nolimits|quad|qquad)(?![A-Za-z])|(?<!\\)\\[,;!: ]"), " "),
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|mathit|mathsf|vec)\s*\{\s*(\\[A-Za-z]+|[A-Za-z])\s*\}"),
         r"\1 "),                                   # \mathbf{K}[c, k]: the letter itself
        (re.compile(r"\\(?:boldsymbol|mathbf|bm|mathrm|mathit|operatorname\*?)\s*\{"), "{"),
        (re.compile(r"\\color\s*\{[^{}]*\}"), ""),
        (re.compile(r"\\mathcal\s*\{\s*([A-Z])\s*\}"), r"\\cal\1"),
        (re.compile(r"\^\s*\{\s*'\s*\}|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime"), "'"),
        (re.compile(r"\\text\s*\{\s*full\\?_conv\s*\}"), "fullconv"),
        (re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*([A-Za-z][A-Za-z]+)\s*\}"),
         lambda m: m.group(1) if m.group(1).lower().startswith(_OP_WORDS) else rf"\N{m.group(1)} "),
        (re.compile(r"\\(?:text|mathrm)\s*\{([^{}]*)\}"), r"\1")]
_NAMED = "\\N"
_TOKEN = re.compile(r"\\cal[A-Z]|\\[A-Za-z]+|\\\\|\\.|\d+|[A-Za-z]|'|[{}()\[\]^_+\-*/=,&|<>]|\S")
_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∂": r"\partial ", "⊙": r"\odot ",
                          "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*", "∑": r"\sum "})


def tokenize(latex: str) -> list[str]:
    """Tokens of an equation side: macros, single letters, integers, punctuation."""
    s = latex.translate(_UNICODE)
    for pattern, repl in _PRE:
        s = pattern.sub(repl, s)
    return _TOKEN.findall(s)


def _join_names(tokens: list[str], names: set) -> list[str]:
    """``logit``, ``bias``, ``Cost`` written as plain letters: a run of one-letter tokens that
    spells a multi-letter name of the document (its directive's or a loss's) is that name."""
    long = sorted((n for n in names if len(n) > 1 and n.isalpha()), key=len, reverse=True)
    if not long:
        return tokens
    out, i = [], 0
    while i < len(tokens):
        for name in long:
            k = len(name)
            if "".join(tokens[i:i + k]) == name and all(len(t) == 1 for t in tokens[i:i + k]) and \
                    (i == 0 or not tokens[i - 1].isalpha() or len(tokens[i - 1]) > 1) and \
                    (i + k >= len(tokens) or not (len(tokens[i + k]) == 1 and tokens[i + k].isalpha())):
                out.append(name)
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


# =========================================================================== tree

@dataclass(frozen=True)
class Ref:
    """``x_{i+m,j}``, ``I(i, j)``, ``(\\omega')^{l}_{m,n}``; ``idx`` None: the whole tensor."""
    name: str
    label: str | None
    idx: tuple | None


@dataclass(frozen=True)
class Grad:
    """∂(loss)/∂ref, dO(i,j), δ_{z11}."""
    ref: Ref


@dataclass(frozen=True)
class Jac:
    """∂top/∂bottom between entries."""
    top: Ref
    bottom: Ref


@dataclass(frozen=True)
class Sum:
    vars: tuple
    lo: object
    hi: object
    body: object


@dataclass(frozen=True)
class Op:
    """kind: add, mul, neg, div, func (σ', f'), corr, conv, kron, call (entry of a result)."""
    kind: str
    args: tuple


LOSSES = {"L", "E", "J", "C", "Loss", "cost", "Cost", r"\calL", r"\calJ", r"\calE", r"\ell"}
_GREEK = {r"\delta", r"\omega", r"\alpha", r"\beta", r"\sigma", r"\theta", r"\phi", r"\psi"}
_PRODUCT = {r"\cdot", r"\times"}
_CONVOLVE = {"*": "star", r"\ast": "star", r"\star": "corr", r"\otimes": "corr",
             r"\circledast": "conv"}


def _index_name(e):
    """``k_{in}`` used as an index is one variable named ``k_in``."""
    if isinstance(e, Ref) and e.idx and len(e.name) == 1 and e.name.islower() and \
            all(isinstance(x, Ref) and x.idx is None for x in e.idx):
        return Ref(e.name + "_" + "".join(x.name for x in e.idx), None, None)
    if isinstance(e, Op) and e.kind in ("add", "neg", "mul"):
        return Op(e.kind, tuple(_index_name(a) for a in e.args))
    return e


def paren_groups(body: list[str]):
    """[[tokens], …] when ``body`` is two or more top-level ``( … )`` groups side by side."""
    groups, depth = [], 0
    for tok in body:
        if tok == "(" and depth == 0:
            groups.append([])
        elif depth == 0:
            return None
        depth += {"(": 1, ")": -1}.get(tok, 0)
        if depth > 0 and not (tok == "(" and depth == 1):
            groups[-1].append(tok)
    return groups if len(groups) >= 2 and depth == 0 and all(groups) else None


def _product(factors):
    return factors[0] if len(factors) == 1 else Op("mul", tuple(factors))


def read_nabla(parser):
    r"""``
abla_{x_{ij}} L``, ``
abla_W L``, ``igtriangledown_{y_i} Cost``: the loss's gradient
    (a Grad node) at the subscript's entry or tensor; ``parser`` stands just before the ∇."""
    parser.take()
    if parser.peek() != "_":
        raise IndexError_("∇ without a subscript (∇_x L)")
    parser.take()
    sub = type(parser)(parser.braced_tokens(), parser.tensors, parser.losses).whole()
    if isinstance(sub, Op) and sub.kind == "call":
        sub = sub.args[0]
    loss = parser.peek()
    if not isinstance(sub, Ref) or loss not in (parser.losses or LOSSES):
        raise IndexError_("∇ of something that is not the loss at an entry or a tensor")
    parser.take()
    return Grad(sub)
