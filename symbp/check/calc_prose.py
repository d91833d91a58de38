r"""What the prose around a display, and words inside its rows, tell the scalar-layer reader
(:mod:`symbp.check.calc_graph`): the condition a heading or the line before a display sets
(``### When $j \neq i$``, ``If $i = k$:``, ``当 $i = j$ 时：``), and a row's label in words
(``算上Batch后： = …``, ``\text{batch:} &= …``), which is no part of the equation.

>>> prose_condition("If $i = k$:")
('eq', 'i', 'k')
>>> PROSE_LABEL.sub("", "算上Batch后： = x")
'= x'
"""
from __future__ import annotations

import re

CONDITION = re.compile(r"^\s*([a-z])\s*(=|\\neq|\\ne)\s*([a-z])\s*$")
PROSE_LABEL = re.compile(r"^[^=\\$&]*[^\x00-\x7f][^=\\$&]*[:：]\s*(?==)")        # words, then a colon
ROW_LABEL = re.compile(r"^[^&\\]*[^\x00-\x7f][^&\\]*&(?=\s*=)|^\s*\\text\s*\{[^{}]*\}\s*[:：]?\s*&(?=\s*=)")


def heading_condition(between: str, current):
    """The condition of the last heading in ``between`` (``### When $j = i$``), else ``current``
    (a heading without one ends it)."""
    heads = [line for line in between.splitlines() if line.lstrip().startswith("#")]
    if not heads:
        return current
    conds = [c for c in (CONDITION.match(x) for x in re.findall(r"\$([^$]+)\$", heads[-1])) if c]
    if len(conds) != 1:
        return None
    return "eq" if conds[0].group(2) == "=" else "ne", conds[0].group(1), conds[0].group(3)


def prose_condition(between: str):
    """``If $i = k$:`` just before a display: ("eq", "i", "k")."""
    last = between.strip().split("\n\n")[-1]
    if not last.endswith((":", "：")) or len(last) > 200:           # 当 $i = j$ 时：
        return None
    conds = [c for c in (CONDITION.match(x) for x in re.findall(r"\$([^$]+)\$", last)) if c]
    if len(conds) != 1:
        return None
    return ("eq" if conds[0].group(2) == "=" else "ne", conds[0].group(1), conds[0].group(3))


__all__ = ["CONDITION", "PROSE_LABEL", "ROW_LABEL", "heading_condition", "prose_condition"]
