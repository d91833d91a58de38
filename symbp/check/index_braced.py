r"""A name written in braces before its subscript or superscript: ``{\widetilde{X}}_{i,j}``,
``{\Delta}_{ij}``, ``{x}^l_i`` are the names ``\widetilde{X}``, ``\Delta``, ``x`` with those scripts
(pandoc and some editors brace every accented or Greek name).  Used by
:func:`symbp.check.index_tree.tokenize` on the text before it is cut into tokens.  A group that
is itself a script or an argument is never unbraced: ``\sum_{i}^{N}``, ``\frac{a}{b}_1``,
``\text{x}_1`` stay as written.

Example::

    >>> unbraced_names(r"\delta_{ij}{\Delta}_{i,j} + \frac{a}{b}_1")
    '\\delta_{ij}\\Delta _{i,j} + \\frac{a}{b}_1'
"""
from __future__ import annotations

import re

_BRACED_NAME = re.compile(r"\{\s*(\\N[A-Za-z_]+|\\[A-Za-z]+|[A-Za-z])\s*\}(?=\s*[_^'])")


def _after_script(before: str) -> bool:
    """Whether ``before`` ends with a script's group, ``_{ij}`` / ``^{l}`` (a factor may follow)."""
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(before[k], 0)
        if depth == 0:
            return before[:k].rstrip()[-1:] in ("_", "^")
    return False


def unbraced_names(s: str) -> str:
    r"""``s`` with every name written in braces before its scripts unbraced (``{\Delta}_{ij}`` ->
    ``\Delta _{ij}``); a braced group after a name, a macro, a script or an argument is kept."""
    def one(m):
        before = s[:m.start()].rstrip()
        kept = re.search(r"[_^A-Za-z0-9\\]$", before) or (before.endswith("}") and not _after_script(before))
        return m.group(0) if kept else m.group(1) + " "
    return _BRACED_NAME.sub(one, s)
