r"""A ``*`` the sentence before a display calls a full convolution, for the founding reader.

The founding notation's ``*`` is the valid cross-correlation, and it reads ``*_{full}`` as the full
one (``notation._product``).  A page that says so in words, "the error of the previous layer is a
full convolution:", then writes ``\delta^{l-1} = \delta^l * rot180(W^l) \odot \sigma'(z^{l-1})``, means
the full one; read as valid, the shapes do not fit and the founding reader refuted a claim the page
states rightly.  :func:`full_star_reading` checks such a display again with its bare ``*`` written
``*_{full}`` where the sentence before it (:func:`symbp.check.prose_roles.prose_mode`) names the full
mode and the valid reading is refuted only as undefined (a shape misfit): the full reading's verdict
stands where its shapes fit, else the refutation does.  The index reader settles the same words its
own way (:func:`symbp.check.prose_roles.settle_mode_reading`).

>>> from collections import namedtuple
>>> from symbp.check.prose_roles import read_prose
>>> O, facts = namedtuple("O", "verdict detail"), read_prose("It is a full convolution:\n\n$$A = B * C$$")
>>> full_star_reading(r"A = B * C", O("refuted", "undefined: B * C is 1x1 but A is 3x3"), facts, 3,
...                   lambda t: O("holds", "all 9 entries equal") if "full" in t else None).detail
'all 9 entries equal'
>>> full_star_reading(r"A = B * C", O("refuted", "undefined: …"), [], 3, print).verdict
'refuted'
"""
from __future__ import annotations

import re
from dataclasses import replace

from .prose_roles import prose_mode

_BARE_STAR = re.compile(r"(?<![\^_{])\s*(\*|\\ast(?![A-Za-z]))(?!\s*_)")
_MISFIT = ("undefined", "shape mismatch")


def full_star_reading(latex: str, outcome, facts, line: int | None, check):
    """The founding reader's ``outcome`` for ``latex`` (the display at ``line``), or the verdict of
    ``check`` on it with its bare ``*`` as ``*_{full}`` where the sentence before it names the full mode
    (``facts``: :func:`symbp.check.prose_roles.read_prose`) and ``outcome`` is a refutation of shapes
    only (module docstring)."""
    if prose_mode(facts, line) != "full" or getattr(outcome, "verdict", None) != "refuted" or not outcome.detail.startswith(_MISFIT):
        return outcome
    starred = _BARE_STAR.sub(lambda m: m.group(1) + "_{full}", latex)
    if starred == latex:
        return outcome
    again = check(starred)
    if isinstance(again, str) or again is None or again.verdict not in ("holds", "refuted") or \
            again.detail.startswith(_MISFIT):
        return outcome
    return replace(again, detail=again.detail + " (* read as a full convolution, as the sentence before "
                                                "the display says)") if hasattr(again, "__dataclass_fields__") else again


__all__ = ["full_star_reading"]
