r"""A display's scalar forward said in the sentence right before it.

Computational-graph notes derive one node at a time: "For $z = x + y$:" then
``\frac{\partial z}{\partial x} = 1``; "the '/' node ($y = \frac{1}{x}$):" then
``\frac{\partial y}{\partial x} = -\frac{1}{x^2} = -y^2``; "for $z = (x+y)^2$, written as $z = t^2$
and $t = x+y$:" then the chain rule.  Each node's forward lives only in that sentence, and the same
letters mean another node a paragraph later, so no page-wide reading fits them.

:func:`lead_verdict` reads the claim under the definitions the last paragraph before its display
writes inline, and nothing else: only plain one-letter scalars (no subscripts, no convolution or
sum operators, which would make a layer of the row), a claim whose left side is the derivative of
one of them and whose every name those rows define or use.  Values are exact
(:class:`symbp.check.calc_exact.Evaluator`: a derivative expands the definitions down to the
variable it is taken by); a refutation names small integers where the sides differ.

>>> text = "For $z = x + y$:\n$$\n\\frac{\\partial z}{\\partial x} = 2\n$$\n"
>>> lead_verdict(text, 2, r"\frac{\partial z}{\partial x} = 2")[0]
'refuted'
>>> lead_verdict(text, 2, r"\frac{\partial z}{\partial x} = 1")[0]
'holds'
"""
from __future__ import annotations

import itertools
import re

import sympy as sp

from .calc_exact import CalcEvalError, Evaluator, is_zero
from .calc_parse import CalcParseError, parse_expression
from .calc_rows import split_sides
from .calc_tree import names_in, nodes, upstream

_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]", re.S)
_INLINE = re.compile(r"(?<![$\\])\$([^$\n]{1,120})\$(?!\$)")
_LAYER = re.compile(r"\*|\\ast|\\star|\\sum|\\otimes|\\circledast|conv|\\partial|\bd[a-z]\b|[_\[]")
_PLAIN = re.compile(r"^\s*([a-z])\s*$")
# functions whose meaning the page sets elsewhere (σ, f, g, φ), and logarithms (their domain): not read
_UNKNOWN = re.compile(r"\\sigma|\\phi|\\varphi|\\psi|\\log|\\ln|(?<![A-Za-z\\])[fgh]\s*\(|\blog\b|\bln\b")
# a definition the sentence names only to set it apart ("unlike the add node $z = x + y$")
_CONTRAST = re.compile(r"unlike|not |rather than|instead of|as opposed to|compared|differ|whereas|"
                       r"다른|와 달리|과 달리|とは違|と異な|不同于|与.*不同|в отличие|anders als|contrairement", re.I)
# a paragraph that speaks of arrays (capital letters are never read as scalars either)
_ARRAY_WORDS = re.compile(r"vector|matri|tensor|array|벡터|행렬|ベクトル|行列|テンソル|向量|矩阵|张量|вектор|матриц|"
                          r"тензор|Vektor|Matrix|vecteur|matrice|vetor|matriz", re.I)


def lead_rows(text: str, line: int | None) -> list:
    """``[(name, right side)]`` the last paragraph before the display holding ``line`` defines
    inline (``$z = x + y$``), in order; [] where that paragraph defines none or the line is
    in no display."""
    if line is None:
        return []
    text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    start, prev_end = None, 0
    for m in _DISPLAY.finditer(text):
        first, last = text.count("\n", 0, m.start()) + 1, text.count("\n", 0, m.end()) + 1
        if first <= line <= last:
            start = m.start()
            break
        prev_end = m.end()
    if start is None:
        return []
    between = text[prev_end:start]
    lines = [ln for ln in between.split("\n") if ln.strip()]
    if not lines or re.match(r"\s{0,3}#", lines[-1]):
        return []                        # a heading right above the display: no sentence leads it
    paragraph = [p for p in re.split(r"\n\s*\n|^\s{0,3}#.*$", between, flags=re.M) if p.strip()][-1]
    if _ARRAY_WORDS.search(between) or _UNKNOWN.search(paragraph):
        return []                        # "x is a vector", σ / f / log: no plain scalar node read here
    rows = []
    for m in _INLINE.finditer(paragraph):
        sides = m.group(1).split("=")
        if len(sides) != 2 or not _PLAIN.match(sides[0]):
            continue
        if not re.search(r"[A-Za-z]", sides[1]) or sides[0].strip() == "e" or \
                _CONTRAST.search(paragraph[max(0, m.start() - 40):m.start()]):
            return []                    # "at $x = 3$", a letter e, "unlike the add node $z = x + y$"
        if not _LAYER.search(sides[1]) and not re.search(r"(?<!\\)\b[A-Z]|(?<![\\A-Za-z])[A-Z]", sides[1]):
            rows.append((sides[0].strip(), sides[1].strip()))
    return rows


def lead_verdict(text: str, line: int | None, latex: str):
    """(verdict, detail) of the claim ``latex`` at ``line`` read under its lead definitions
    (:func:`lead_rows`), or None where none rules it or it is not one this reads."""
    rows = lead_rows(text, line)
    if not rows or re.search(r"[_\[]|\\sum|\\ast|\\star|\\otimes", latex):
        return None
    try:
        defs, again = {}, []
        for name, rhs in rows:
            tree = parse_expression(rhs)
            if name in defs:             # z = (x+y)^2, written as z = t^2: read where both agree
                again.append((name, defs[name][1]))
            defs[name] = ((), tree)
        sides = [parse_expression(s) for s in split_sides(latex)]
        if len(sides) < 2 or any(not s.strip() for s in split_sides(latex)) or sides[0][0] != "partial" or \
                not names_in(sides[0]) & set(defs):
            return None
        known = set(defs).union(*[names_in(t) for _, t in defs.values()])
        if not set().union(*[names_in(s) for s in sides]) <= known or any(
                _two_paths(defs, d) for s in sides for d in nodes(s) if d[0] == "partial"):
            return None
        ev = Evaluator(defs, 1)
        if any(not is_zero(ev.leaves(ev.value(tree, {})) - ev.leaves(ev.value(("ref", name, ()), {})))
               for name, tree in again):
            return None                  # the sentence defines a name twice, otherwise: not read
        values = [ev.leaves(ev.value(s, {})) for s in sides]
    except (CalcParseError, CalcEvalError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError):
        return None
    said = ", ".join(f"${n} = {r}$" for n, r in rows)
    for k, value in enumerate(values[1:], start=2):
        if not is_zero(values[0] - value):
            return "refuted", f"side {k}, read with the forward the sentence before it gives ({said}): " + \
                _counterexample(values[0], value, split_sides(latex)[0].strip(), split_sides(latex)[k - 1].strip())
    leaves = sorted(set().union(*[names_in(t) for _, t in defs.values()]) - set(defs))
    return "holds", (f"{len(values)} sides equal for every {', '.join(leaves) or 'value'} (exact), read with the "
                     f"forward the sentence before it gives ({said})")


def _two_paths(defs: dict, derivative) -> bool:
    """Whether ``∂A/∂B`` means two things: B in A's own definition and also behind another name
    of it (``z = x y``, ``y = x``: the node's local partial y, or the total derivative 2x)."""
    (_, a, _), (_, b, _) = derivative[1], derivative[2]
    if a not in defs:
        return False
    direct = names_in(defs[a][1])
    return b in direct and any(b in upstream(defs, n) for n in direct - {b})


def _free(values) -> set:
    return set().union(*[getattr(v, "free_symbols", set()) for v in values])


def _counterexample(left, right, left_tex: str, right_tex: str) -> str:
    """Small integers where ``left`` and ``right`` differ, both values named."""
    free = sorted(_free([left, right]), key=str)
    for point in itertools.product((1, 2, 3, -1, -2), repeat=len(free)):
        at = dict(zip(free, point))
        try:
            a, b = sp.nsimplify(left.subs(at)), sp.nsimplify(right.subs(at))
        except (ArithmeticError, TypeError, ValueError):
            continue
        if a.is_finite and b.is_finite and not is_zero(a - b):
            where = ", ".join(f"{s} = {v}" for s, v in at.items())
            return f"at {where or 'every point'} the left side {left_tex} is {a}, this side {right_tex} is {b} " \
                   f"(the left side is {left} in general)"
    return f"the sides differ: {left} against {right}"
