r"""Gradients a page names with a ``d`` before the quantity (the CS231n style of a backward pass): ``dy_j`` for
``\frac{dL}{dy_j}``, ``d\hat{x}_i`` for ``\frac{\partial L}{\partial \hat{x}_i}``, read by the scalar-layer reader
(:mod:`symbp.check.calc_graph`) as that gradient, only where the page says so in one paragraph:

* the paragraph writes the gradient of a loss with respect to the name (inline, or in the display right
  above it) and the name with a ``d`` before it, and a word that introduces a notation ("denoted",
  "call this", "we write", "记为", "记作", "noté", "bezeichnet", "denotado"): ``we are given
  $\frac{dL}{dy_j}$ (denoted $dy_j$)``, a display of ``\frac{\partial L}{\partial \hat{x}_i} = …`` then
  ``记为 $d\hat{x}_i$``;
* or it writes the definition inline, ``$dy = \frac{\partial L}{\partial y}$``.

The ``d`` must be the gradient's own letter (``dy`` for y, never ``dout`` for Y) and the name the same one
(``d\hat{x}'_k`` for ``\hat{x}_k`` is another name); a page that writes d as a name of its own (``$d$``
alone, ``d = …``, ``d \in``) reads none.

>>> names = declared_gradients(r"we are given $\frac{dL}{dy_j}$ (denoted $dy_j$), the upstream gradient.")
>>> names
{'y': 'L'}
>>> from symbp.check.calc_parse import parse_expression as p
>>> as_gradients(p(r"dy_j \cdot \hat{x}_j"), names, set())
('mul', [('partial', ('ref', 'L', ()), ('ref', 'y', (((1, 'j'),),))), ('ref', 'hat x', (((1, 'j'),),))])
"""
from __future__ import annotations

import re

from .calc_indices import CalcParseError
from .calc_parse import parse_expression
from .calc_tree import nodes

_NOTATION = re.compile(r"\b(?:denoted?|denoting|call(?:ed)?\s+(?:this|it)|we\s+write|written(?:\s+as)?|notation|"
                       r"abbreviat\w*|short(?:hand)?|not[ée]e?s?|bezeichnet|denotad[oa]|llamad[oa]|chamad[oa])\b|"
                       r"记为|记作|记成|表示为|写作|简记|とおく|と書く|라고\s*하|로\s*표기", re.I)
_INLINE = re.compile(r"\$\$.*?\$\$|\$([^$]+)\$|`([^`]+)`", re.S)
_D_ITSELF = re.compile(r"\$\s*d\s*\$|(?<![\\A-Za-z])d\s*(?:_\s*\{?\s*\w+\s*\}?\s*)?(?:=|:=|\\in)(?!=)")
_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)


def _parsed(latex: str):
    try:
        return parse_expression(latex)
    except (CalcParseError, RecursionError, ValueError, IndexError):
        return None


def _d_name(tree):
    """The name ``tree`` writes as d before it (``dy_j``, ``d\\hat{x}_i``, ``d\\gamma``), else None."""
    if tree and tree[0] == "mul" and len(tree[1]) == 2 and tree[1][0] == ("ref", "d", ()) and tree[1][1][0] == "ref":
        return tree[1][1][1]
    return None


def _gradients(tree) -> dict:
    """{name: loss} for each ∂L/∂name in ``tree`` with L a bare name."""
    if tree is None:
        return {}
    return {n[2][1]: n[1][1] for n in nodes(tree) if n[0] == "partial" and n[1][0] == "ref" and not n[1][2]
            and n[2][0] == "ref"}


def declared_gradients(text: str) -> dict:
    """{name: the loss} for the names the page's prose gives a d-gradient (the module's rules)."""
    found: dict = {}
    if _D_ITSELF.search(text):            # "$d$ is the step size", d = 2: d is a name of the page's own
        return found
    displays = [(m.start(), m.end(), m.group(1) or m.group(2) or "") for m in _DISPLAY.finditer(text)]
    start = 0
    for para in re.split(r"\n\s*\n", text):
        at, start = text.find(para, start), text.find(para, start) + len(para)
        if "$$" in para or not para.strip():
            continue
        inline = [m.group(1) or m.group(2) or "" for m in _INLINE.finditer(para)]
        above = [body for s, e, body in displays if e <= at and not text[e:at].strip()]
        grads: dict = {}
        for latex in inline + [row for body in above[-1:] for row in re.split(r"\\\\", body)]:
            for side in re.split(r"(?<![<>!:\\])=", latex):
                grads.update(_gradients(_parsed(side)))
        if not grads:
            continue
        for latex in inline:
            sides = re.split(r"(?<![<>!:\\])=", latex)
            name = _d_name(_parsed(sides[0]))
            if name is None or name not in grads:
                continue
            defined = len(sides) == 2 and _gradients(_parsed(sides[1])).get(name) == grads[name]
            if defined or _NOTATION.search(para):
                found.setdefault(name, grads[name])
    return found


def as_gradients(tree, names: dict, known: set):
    """``tree`` with each product ``d · name`` (``dy_j``) read as ∂loss/∂name for the ``names`` the page
    declares (:func:`declared_gradients`); unchanged where the section knows d as a name of its own."""
    if not names or "d" in known or not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return tree
    if tree[0] == "mul":
        out, factors, k = [], tree[1], 0
        while k < len(factors):
            f = factors[k]
            nxt = factors[k + 1] if k + 1 < len(factors) else None
            if f == ("ref", "d", ()) and nxt is not None and nxt[0] == "ref" and nxt[1] in names:
                out.append(("partial", ("ref", names[nxt[1]], ()), nxt))
                k += 2
                continue
            out.append(as_gradients(f, names, known))
            k += 1
        return out[0] if len(out) == 1 else ("mul", out)
    if tree[0] == "ref":
        return tree
    return tuple([tree[0]] + [[as_gradients(p, names, known) for p in part] if isinstance(part, list)
                              else as_gradients(part, names, known) for part in tree[1:]])


__all__ = ["as_gradients", "declared_gradients"]
