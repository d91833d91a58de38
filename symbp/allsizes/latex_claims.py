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


def split_claim(latex: str) -> tuple[str, str]:
    """(role, normalised right side) of a claim ``∂J/∂a = …`` (roles as in :data:`LHS`)."""
    sides = normal(latex).split("=")
    if len(sides) != 2:
        raise NotRead("one left side and one right side")
    role = next((r for pattern, r in LHS if pattern.fullmatch(sides[0])), None)
    if role is None:
        raise NotRead(f"left side {sides[0]!r} is not ∂J/∂a, ∂J/∂W, ∂J/∂b or δ^{{l-1}}")
    return role, sides[1]


class TextReader:
    """The cursor the readers' recursive descent moves over normalised text ``s``;
    a subclass gives ``expr()``, and :meth:`whole` reads all of ``s`` as one expression."""

    def __init__(self, s: str):
        self.s, self.i = s, 0

    def peek(self, text: str) -> bool:
        return self.s.startswith(text, self.i)

    def take(self, text: str) -> bool:
        if self.peek(text):
            self.i += len(text)
            return True
        return False

    def need(self, text: str) -> None:
        if not self.take(text):
            raise NotRead(f"expected {text!r} at {self.s[self.i:self.i + 20]!r}")

    def expr(self):
        raise NotImplementedError

    def whole(self):
        tree = self.expr()
        if self.i != len(self.s):
            raise NotRead(f"cannot read {self.s[self.i:self.i + 20]!r}")
        return tree


class LetterSection:
    """What a section with letter sizes does with one display equation: ``_check`` it
    (the subclass's reader) and turn what the engine cannot read or decide into an
    ``unchecked`` verdict with the reason.  A subclass sets ``error`` when the directive
    itself cannot be proved for every size."""
    error: str | None = None

    def _check(self, latex: str) -> tuple[str, str, str | None]:
        raise NotImplementedError

    def check(self, latex: str) -> tuple[str, str, str | None]:
        """(verdict, detail, scope) of one display equation."""
        from .relation import NoRelation
        if self.error:
            return "unchecked", self.error, None
        try:
            return self._check(latex)
        except NotRead as err:
            return "unchecked", f"not read for every size: {err}", None
        except NoRelation as err:
            return "unchecked", f"unknown for every size: {err}", None
        except RecursionError:
            return "unchecked", "expression nested too deeply", None
        except ImportError as err:            # islpy missing from this installation
            return "unchecked", f"every-size proofs need islpy ({err})", None
