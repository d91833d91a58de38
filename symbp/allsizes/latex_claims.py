r"""What the all-sizes document readers share: the left sides they accept, LaTeX
normalisation, and the exception for a claim outside their vocabulary.

Example::

    >>> normal(r"\frac{\partial J}{\partial a} = \text{pad}_{k-1}(\delta)")
    '\\frac{\\partialJ}{\\partiala}=pad_{k-1}(\\delta)'
"""
from __future__ import annotations

import re


class NotRead(Exception):
    """A claim or directive outside what this reader understands (one line)."""


#: (pattern of a normalised left side, role): ∂J/∂a, ∂J/∂W, ∂J/∂b, δ^{l-1}
LHS = [(re.compile(r"\\frac\{\\partial ?[JLE]\}\{\\partial ?(?:a|x)(?:\^\{?[^{}]*\}?)?\}$"), "a"),
       (re.compile(r"\\frac\{\\partial ?[JLE]\}\{\\partial ?[Ww](?:\^\{?[^{}]*\}?)?\}$"), "W"),
       (re.compile(r"\\frac\{\\partial ?[JLE]\}\{\\partial ?b(?:\^\{?[^{}]*\}?)?\}$"), "b"),
       (re.compile(r"\\delta\^\{?\(?l-1\)?\}?$"), "zprev"),
       (re.compile(r"\\frac\{\\partial ?[JLE]\}\{\\partial ?z\^\{?\(?l-1\)?\}?\}$"), "zprev")]


def normal(latex: str) -> str:
    """``latex`` without sizing macros, text wrappers and spaces (what the readers parse)."""
    s = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])", "", latex)
    s = re.sub(r"\\(?:operatorname|text|mathrm|mathit|textrm)\s*\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\[,;!: ]|\\quad|\\qquad|\s+", "", s)
    return s.rstrip(".,")
