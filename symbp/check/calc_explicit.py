r"""Derivatives written out on expressions, for the scalar-layer reader (:mod:`symbp.check.calc_graph`) in a
section that defines nothing: ``\frac{\partial}{\partial x}(x \cdot \sigma(\beta x)) = \sigma(\beta x) + x
\frac{\partial}{\partial x}\sigma(\beta x)`` (a swish note's rows).  The letters are the leaves, independent
numbers, and each side is evaluated exactly by the section's judge (σ is what the page says it is, else any
activation).  Read only where nothing makes that reading a guess:

* every operator's reach is plain: what follows it is one bracket, one function call or one letter, and the
  term ends there (``\frac{d}{dx}\frac{1}{\beta}\log(1 + e^{\beta x})`` and ``\frac{d}{dx}\sigma(x) x`` may
  mean two things);
* no letter of the claim is defined or made a function on the page (``Let $x = t^2$``, ``y(x)``, ``g(x)``),
  and the page gives no logarithm another base;
* letters are numbers only where the page and the row write no vector or matrix (capitals, transposes, bold,
  ``\mathbb{R}^n``, the word "vector");
* entries (``s_p``, ``\sum_j^C e^{s_j}``) are read over every index value, and a claim that fails so is not
  refuted, for the page may mean fewer (``s_n`` for a negative class); nor is one the page's prose
  restricts (``for x > 0``).

A left side no reader takes (``\frac{\partial}{\partial x}\mathit{swish}(x, \beta)``) hands its chain the
next side, an operator on an expression, as the left side the rows ``= …`` continue.

>>> from symbp.check.calc_graph import CalcGraph
>>> graph = CalcGraph(); graph.section({"name": "sigmoid"}, [])
>>> explicit_derivative(graph, r"\frac{\partial}{\partial x}(x \sigma(x)) = \sigma(x) + x \sigma(x)(1 - \sigma(x))")[0]
'holds'
>>> explicit_derivative(graph, r"\frac{d}{dx}\frac{1}{\beta}\log(1 + e^{\beta x}) = \sigma(\beta x)") is None
True
"""
from __future__ import annotations

import copy
import re

from .calc_parse import CalcParseError, parse_expression
from .calc_rows import OPERATOR_FORM, TRAILING, clean_row, flat_row, split_sides
from .calc_tree import kinds_in, names_in, refs
from .notation_scan import _group

#: what makes a letter a matrix or a vector, where a product's order or a transpose would count
_MATRIX_MARKS = re.compile(r"\^\s*\{?\s*(?:T|\\top|\\intercal|-1)\b|\\(?:mathbf|boldsymbol|vec|bm|mathbb)\b|"
                           r"\\odot|\\otimes|\\nabla|\\cdot\s*[A-Za-z]")
_VECTOR_WORDS = re.compile(r"vector|matri|tensor|array|\\in\s*\\mathbb|向量|矩阵|ベクトル|行列|벡터|행렬|вектор|матриц|"
                           r"Vektor|vecteur|vettor", re.I)
#: an operator: ∂/∂v or d/dv, up to its denominator's opening brace
_OPERATOR = re.compile(OPERATOR_FORM.pattern + r"\s*\{")
_TERM_END = re.compile(r"\s*(?:$|[+\-=&),.;\]]|\\\\|\\right|\\q?quad(?![A-Za-z])|\\[,;!:]\s*(?:$|[+\-=]))")
_DIRECTIVE = re.compile(r"<!--.*?-->|^\s*%\s*symbp:.*$", re.S | re.M)
_LOG_BASE = re.compile(r"base[- ]?(?:10|2|ten|two)|\\log_|\\lg(?![A-Za-z])|\\ln\b.*\\log|log10|log_10", re.I)


def _group_end(text: str, at: int) -> int:
    r"""The index past the bracket opened at ``at``, or -1: :func:`symbp.check.notation_scan._group`'s, with
    ``\{ … \}`` (``\frac{\partial}{\partial z}\{1 + e^{-z}\}``) read as parentheses of the same length."""
    found = _group(text.replace("\\{", " (").replace("\\}", " )"), at)
    return found[1] if found else -1


def _scripts(text: str, k: int) -> int:
    """Past the ``^``/``_`` scripts at ``k``."""
    while (m := re.match(r"\s*[\^_]\s*", text[k:])):
        k += m.end()
        k = _group_end(text, k) if k < len(text) and text[k] == "{" else k + 1
        if k < 0:
            return -1
    return k


def _operand_end(text: str, k: int) -> int:
    """The end of one bracket, one function call or one letter starting at ``k`` (after spaces), or -1."""
    k += len(text[k:]) - len(text[k:].lstrip())
    opener = re.match(r"\\left\s*(?:\\\{|[(\[])|\\\{|[(\[]", text[k:])
    if opener:
        end = _group_end(text, k)
        return _scripts(text, end) if end > 0 else -1
    if (m := re.match(r"\\([A-Za-z]+)", text[k:])):
        if m.group(1) in ("frac", "dfrac", "tfrac", "cdot", "times"):
            return -1
        k += m.end()
        while k < len(text) and text[k] == "{":                   # \mathit{swish}
            k = _group_end(text, k)
            if k < 0:
                return -1
        k = _scripts(text, k)
        rest = text[k:].lstrip()
        if k > 0 and re.match(r"\\left\s*\(|\(", rest):
            k += len(text[k:]) - len(rest)
            end = _group_end(text, k)
            return _scripts(text, end) if end > 0 else -1
        return k
    if re.match(r"[A-Za-z]", text[k:]):
        return _scripts(text, k + 1)
    return -1


def plain_reach(latex: str) -> bool:
    r"""Whether every derivative operator in ``latex`` applies to one plain operand that ends its term.

    >>> plain_reach(r"x \frac{\partial}{\partial x}\sigma(\beta x) + 1"), plain_reach(r"\frac{d}{dx} \sigma(x) x")
    (True, False)
    >>> plain_reach(r"\frac{\partial}{\partial s_{p}} \left ( -\log s_p \right ) = 1")
    True
    """
    for m in _OPERATOR.finditer(latex):
        den = _group_end(latex, m.end() - 1)
        end = _operand_end(latex, den) if den > 0 else -1
        if end < 0 or not _TERM_END.match(latex[end:]):
            return False
    return True


def _page_ties(text: str, letters) -> bool:
    """Whether the page defines one of ``letters`` (``x = t^2``, ``y(x)``, ``g`` a function) or reads log in
    another base."""
    text = _DIRECTIVE.sub(" ", text)                  # names: s=input is no definition of s
    if _LOG_BASE.search(text):
        return True
    for name in letters:
        pat = re.escape(name) if len(name) == 1 else r"\\" + re.escape(name)
        if re.search(r"(?<![\\A-Za-z])" + pat + r"(?![A-Za-z])\s*(?:\([^()$]*\)\s*)?(?:=|:=|\\coloneqq|\\equiv|\\triangleq)"
                     r"(?!\s*\d+\s*(?:[}$,.;]|$))|(?<![\\A-Za-z])" + pat + r"\s*\(\s*[a-z]", text):    # C = 2: a count
            return True
    return False


def _restricted(text: str, letters) -> bool:
    """Whether the page states a range for one of ``letters`` (``x > 0``, ``x \\geq 1``)."""
    return any(re.search(r"(?<![\\A-Za-z])" + (re.escape(n) if len(n) == 1 else r"\\" + re.escape(n)) +
                         r"\s*(?:[<>≤≥]|\\[gl]eq?(?![A-Za-z])|\\neq)", text) for n in letters)


def explicit_derivative(graph, latex: str):
    """(verdict, detail) for a claim the module's list reads, else None."""
    if graph.defs:
        return None
    sides = split_sides(TRAILING.sub("", clean_row(latex)))
    trees = []
    for k, side in enumerate(sides):
        try:
            trees.append(parse_expression(side) if side.strip() else None)
        except (CalcParseError, RecursionError):
            if k:
                return None
            trees.append(False)                       # \mathit{swish}(x, \beta): the next side leads the chain
    chained = trees[0] is None and getattr(graph, "last_lhs", None) is not None and graph._continues(latex)
    if len(trees) < 2 or not (chained or _OPERATOR.search(latex)) or not plain_reach(latex):
        return None
    page = getattr(graph, "_text", "") or ""
    if trees[0] is False:
        if len(trees) > 2 or trees[1] is None or "partial" not in kinds_in(trees[1]):
            return None
        graph.last_lhs = (trees[1], graph._where(latex), flat_row(latex))     # the chain's start: nothing to check
        return None
    lead = [graph.last_lhs[0]] if chained else []
    leaves = set().union(*[names_in(t) for t in trees + lead if t])
    own = page.replace(latex.strip(), " ") if latex.strip() else page       # the claim's own row defines nothing
    if _page_ties(own, leaves) or (not lead and _functions_applied(latex)):
        return None
    other = copy.copy(graph)
    other.defs, other._evaluators, other.leaves = {"": ((), ("num", 0))}, {}, leaves
    if not (_MATRIX_MARKS.search(latex) or _VECTOR_WORDS.search(page) or getattr(graph, "vectors", None)
            or any(n[:1].isupper() for n in leaves)):
        other.numbers_said = True                     # swish(x, β): numbers; x^T A x = … is not
    found = other._check(latex)
    graph.last_lhs = other.last_lhs
    if found and found[0] == "refuted" and (any(t and r[2] for t in trees + lead for r in refs(t))
                                             or _restricted(_section_text(graph, latex, page), leaves)):
        return "unchecked", (f"fails as read ({found[1]}), but the page may mean fewer values than every one "
                             "(a range its prose states, which classes p and n are, what a sum runs over): "
                             "define the tensor above it, or write the condition beside the display")
    return found


def _section_text(graph, latex: str, page: str) -> str:
    """The page's text under the heading above ``latex``'s display to the next heading (the whole page where
    the display is not found): a range said for another function's letter (ReLU's ``x > 0``) is not this one's."""
    here = graph._where(latex)
    starts = getattr(graph, "_starts", ())
    if here is None or here >= len(starts):
        return page
    at = starts[here]
    heads = [m.start() for m in re.finditer(r"^#{1,6} |^\\(?:sub)*section\b", page, re.M)]
    return page[max([h for h in heads if h <= at], default=0):min([h for h in heads if h > at], default=len(page))]


def _functions_applied(latex: str) -> bool:
    r"""A letter applied to letters (``g(x)``, ``f(s_i)``, ``y(x, t)``): a function the page leaves unsaid, not a
    product; ``x(1 - \sigma(x))`` is one.

    >>> _functions_applied(r"x\, g(x)"), _functions_applied(r"x (1 - \sigma(x)) + \sigma(\beta x)")
    (True, False)
    """
    return bool(re.search(r"(?<![\\A-Za-z])[A-Za-z]{1,3}(?:_\{?\w+\}?)?\s*(?:\\left\s*)?\(\s*[A-Za-z](?:_\{?\w+\}?)?"
                          r"(?:\s*,\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?)*\s*(?:\\right\s*)?\)", latex))
