"""Scanning an equation's LaTeX text: the bracketed group and the subscript at a position,
skipping LaTeX spacing (shared by the operator, atom and scalar-claim readers)."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\left\s*(?:\\[{}|]|[(\[|.])"
                    r"|\\right\s*(?:\\[{}|]|[)\]|.])|\\[A-Za-z]+|\\.|\s+|.", re.S)
_OPEN, _CLOSE = re.compile(r"\\begin|\\left|[{(\[]"), re.compile(r"\\end|\\right|[})\]]")
_SKIP = re.compile(r"(?:\s|\\[,;:! ]|~)*")


def _group(s: str, i: int) -> tuple[str, int] | None:
    """(inner text, end) of the bracketed group at ``s[i]`` (after spacing), else None."""
    i, depth, first = _SKIP.match(s, i).end(), 0, None
    for m in _TOKEN.finditer(s, i):
        tok = m.group()
        if _OPEN.match(tok):
            depth, first = depth + 1, first or tok
        elif _CLOSE.match(tok) and depth:
            depth -= 1
            if depth == 0:
                return s[i + len(first):m.start()], m.end()
        if not depth:
            return None
    return None


def _script(s: str, i: int) -> tuple[str, int] | None:
    """(content, end) of a ``_{...}`` or ``_x`` subscript at ``s[i]`` (after spacing)."""
    i = _SKIP.match(s, i).end()
    if not s.startswith("_", i):
        return None
    j = _SKIP.match(s, i + 1).end()
    if s.startswith("{", j):
        return _group(s, j)
    m = _TOKEN.match(s, j)
    return (m.group(), m.end()) if m else None
