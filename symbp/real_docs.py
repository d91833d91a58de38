"""The hook between ``symbp check`` and the document-names reader: a section's forward
equation sets up a :class:`symbp.doc_names.DocContext`; an equation the core checker leaves
unchecked is then read as an index-notation or document-names claim.

Example (what :func:`symbp.checker.check_text` does per equation)::

    >>> tracker = NamesTracker()
    >>> tracker.section({"layer": "conv2d", "input": "3x3", "kernel": "2x2"})
    >>> tracker.retry(r"Y = X * W + b", None) is None          # the forward: binds names
    True
    >>> tracker.retry(r"\\frac{\\partial L}{\\partial x_{11}} = \\frac{\\partial L}{\\partial y_{11}} w_{11}",
    ...               None).verdict
    'holds'
"""
from __future__ import annotations

import re

from .doc_names import DocContext, directive_roles, infer_roles
from .index_claims import IndexError_, OutOfRange, check_index_claim

_ROWS = re.compile(r"\\\\")
MAX_LATEX = 3000            # longer displays (big explicit matrices) stay with the core checker


class NamesTracker:
    """Per-document state: the current section's settings, forward context and last left side."""

    def __init__(self):
        self.settings: dict = {}
        self.ctx: DocContext | None = None
        self.last_lhs: str | None = None

    def section(self, settings: dict) -> None:
        self.settings = {k: v for k, v in settings.items() if v is not None}
        if self.settings.get("layer") in ("fc", "linear", "dense"):
            self.settings["layer_kind"] = "fc"
        self.ctx = None
        if "names" in self.settings and ("input" in self.settings or "kernel" in self.settings
                                         or self.settings.get("layer_kind") == "fc"):
            roles = directive_roles(self.settings["names"])
            if roles:
                self.ctx = DocContext(roles, self.settings)

    def observe_forward(self, latex: str) -> bool:
        """A forward equation binds the section's names; True when it did."""
        if len(latex) > MAX_LATEX:
            return False
        try:
            roles, extra = infer_roles(latex)
        except (IndexError_, RecursionError, ValueError):
            return False
        if sum(r in ("input", "kernel") for r in roles.values()) < 2:
            return False
        roles.update(directive_roles(self.settings.get("names", "")))
        merged = {**extra, **self.settings}
        if "conv" not in self.settings and "conv" in extra:
            merged["conv"] = extra["conv"]
        self.ctx = DocContext(roles, merged)
        return True

    def retry(self, latex: str, outcome):
        """A new outcome (verdict, detail) for an equation, or None to keep ``outcome``."""
        if len(latex) > MAX_LATEX:
            return None
        if self.ctx is None or _is_forward(latex, self.ctx):
            if self.observe_forward(latex):
                return None
        if self.ctx is None:
            return None
        try:
            result = check_index_claim(latex, self.ctx, self.last_lhs)
        except (IndexError_, OutOfRange, ZeroDivisionError, RecursionError, TypeError,
                ValueError, AttributeError) as err:
            return _Verdict("unchecked", f"{err}")
        finally:
            lhs = latex.split("=")[0]
            if lhs.strip():
                self.last_lhs = lhs
        return _Verdict(result.verdict, result.detail)


class _Verdict:
    def __init__(self, verdict, detail):
        self.verdict, self.detail = verdict, detail


def _is_forward(latex: str, ctx: DocContext) -> bool:
    head = latex.split("=")[0]
    return any(re.match(rf"\s*(?:\\boldsymbol\{{)?\s*{re.escape(n)}\b", head)
               for n, r in ctx.roles.items() if r == "output") and "partial" not in latex


def split_rows(latex: str) -> list[str]:
    """Rows of a display written with top-level ``\\\\`` breaks outside any environment."""
    if "\\begin" in latex or "\\\\" not in latex:
        return [latex]
    return [r for r in _ROWS.split(latex) if r.strip()]
