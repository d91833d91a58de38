r"""Words and numbering typed inside a display that are no part of its equation.

Authors number an equation by hand after some space (``… \qquad (3)``, ``\hfill (2.1)``,
``\quad \text{(4)}``), space with ``\hspace{1em}`` / ``\hskip`` / ``\kern``, and quantify the
free index in words at the end of a row (``\ for \ i \in 1 \cdots k``, ``\quad \text{for all }
k``, ``, \text{for } k = 1, \dots, K``, ``\forall i``).  :func:`plain_prose` drops these, so a
number is never read as a factor ``(3)`` (a correct claim refuted) and a quantifier over the
whole axis never blocks a claim.  A quantifier that restricts the index (``\text{for } k = 1``,
``\text{for } i \neq j``, ``k \in \{1, 2\}``) is not one over the whole axis: it stays, and the
readers leave the row unchecked (or read it as a condition).

Example::

    >>> plain_prose(r"\frac{\partial L}{\partial o_k} = p_k - y_k \qquad (3)")
    '\\frac{\\partial L}{\\partial o_k} = p_k - y_k'
    >>> plain_prose(r"\sigma_i' = \sigma_i(1 - \sigma_i) \ for \ i \in 1 \cdots k, \ s \in 1 \cdots k")
    "\\sigma_i' = \\sigma_i(1 - \\sigma_i)"
    >>> plain_prose(r"y_k = p_k \quad \text{for } k = 1")           # one k: a condition, kept
    'y_k = p_k \\quad \\text{for } k = 1'
"""
from __future__ import annotations

import re

# spacing commands with a length: \hspace{1em}, \hspace*{2pt}, \hskip 1em, \kern3pt, \mkern 2mu, \hfill
_SPACING = re.compile(r"\\(?:hspace\*?\s*\{[^{}]*\}|vspace\*?\s*\{[^{}]*\}|"
                      r"(?:hskip|kern|mkern|mskip)\s*-?\d*\.?\d+\s*(?:em|ex|pt|mu|cm|mm|in)|hfill|hfil)")
_SPACE_CMD = r"(?:\\quad|\\qquad|\\[ ,;:!>]|\\hfill|~)"
_GAP = r"(?:\s|,|;|&|" + _SPACE_CMD + ")"
# an equation number after a typed space (\quad, \qquad, \hspace, \,, ~: never a bare " ", which
# "x + (3)" has), at the end of a row: (3), (2.1), (4a), [2], \text{(4)}, \textrm{(4)}, \bf{(1)}, {\bf (1)},
# \rm{(0.4)} (also after an eqnarray's & column)
_NUMBER = re.compile(r"\s*,?\s*" + _SPACE_CMD + _GAP + r"*(?:\\(?:text|textrm|mbox|mathrm|textbf|mathbf|bf|rm)\s*\{\s*\(\s*\d+(?:[.\-]\d+)*[a-z]?\s*\)\s*\}|"
                     r"\{\s*\\bf\s*\(\s*\d+(?:[.\-]\d+)*[a-z]?\s*\)\s*\}|"
                     r"\(\s*\d+(?:[.\-]\d+)*[a-z]?\s*\)|\[\s*\d+(?:[.\-]\d+)*[a-z]?\s*\])\s*(?=\\\\|$)")
# a whole-axis quantifier of one index: i \in 1 \cdots k, i \in \{1, \dots, K\}, i \in [K],
# i = 1, \dots, K, i = 1, 2, \ldots, K, i = 1 \ldots K, all i, \forall i
_DOTS = r"(?:\\cdots|\\ldots|\\dots|\.\.\.?|…)"
_TOP = r"(?:[A-Za-z]|\\text\s*\{\s*[A-Za-z]+\s*\}|[A-Za-z]+)"
_RANGE = (r"(?:\\in\s*(?:1\s*(?:,\s*)?" + _DOTS + r"\s*(?:,\s*)?" + _TOP + r"|\\\{\s*1\s*,\s*(?:2\s*,\s*)?" + _DOTS +
          r"\s*,\s*" + _TOP + r"\s*\\\}|\[\s*" + _TOP + r"\s*\]"
          # the integer interval from 1 as French notes write it: [1, q], \left[ 1,q \right], ⟦1, q⟧
          r"|(?:\\left\s*)?(?:\[|\\llbracket|⟦)\s*1\s*,\s*" + _TOP + r"\s*(?:\\right\s*)?(?:\]|\\rrbracket|⟧))"
          r"|=\s*1\s*(?:,\s*)?(?:2\s*,\s*)?" + _DOTS + r"\s*(?:,\s*)?" + _TOP + ")")
_ONE = r"(?:\\forall\s*[a-z](?:\s*" + _RANGE + r")?|(?:all\s+)?[a-z]\s*" + _RANGE + r"|all\s+[a-z])"
_FOR = r"(?:\\text\s*\{\s*for(?:\s+all|\s+each|\s+every)?\s*\}|\\mathrm\s*\{\s*for\s*\}|\\text\s*\{\s*where\s*\}|for)"
_FOR_ALL = (r"(?:\\text\s*\{\s*for (?:all|each|every)\s*\}|for\s*(?:\\ |~|\s)\s*(?:all|each|every))"
            r"(?:\s|\\ |~)*[a-z](?:\s*,\s*[a-z])*")
_QUANTIFIER = re.compile(
    r"(?:\s|\\quad|\\qquad|\\ |,|;|~)*(?:" + _FOR_ALL + "|(?:" + _FOR + r"(?:\s|\\ |~)*)?" + _ONE +
    r"(?:(?:\s|\\ |,|;|~|\\quad|\\text\s*\{\s*and\s*\})*" + _ONE + r")*)(?:\s|\\ |\.|,)*(?=\\\\|$)")
# ∂ with its variable in braces, \partial{E}, \partial{s_i}, \partial{X_1}: one name, unbraced
_PARTIAL_BRACED = re.compile(r"\\partial\s*\{\s*((?:\\[A-Za-z]+|[A-Za-z])(?:\s*[_^]\s*(?:\{[^{}]*\}|\w))*)\s*\}")
# a transpose written before the subscript, W^{T}_{2}, W^\top_2: the same as W_{2}^{T}
_TRANSPOSE_FIRST = re.compile(r"((?<![A-Za-z\\])[A-Za-z]|\\[A-Za-z]+)\s*\^\s*(\{\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\})\s*\}|"
                              r"T(?![A-Za-z])|\\top(?![A-Za-z])|\\intercal(?![A-Za-z]))\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])")
# an indicator with its condition as a subscript, \mathbb{1}_{z > 0}, \mathbb{1}_{\{i = k\}}, \mathds{1}_{…},
# \mathbf{1}_{…}: the bracket form \mathbb{1}[…] every reader reads (a relation inside only)
_INDICATOR_SUB = re.compile(r"\\(?:mathbb|mathds|mathbf|bm)\s*\{\s*1\s*\}\s*_\s*\{\s*(?:\\\{\s*)?"
                            r"([^{}]*?(?:[<>=]|\\[lg]eq?(?![A-Za-z])|\\neq?(?![A-Za-z]))[^{}]*?)\s*(?:\\\})?\s*\}")
# the words of a quantifier inside \text{…}: "\text{for all } k", "\text{ for each } k"
_TEXT_WORDS = re.compile(r"\\text\s*\{\s*(for(?:\s+all|\s+each|\s+every)?)\s*\}")


# a reason typed after a gap at the end of a row, in words: (\text{chain rule}), (o_{ij}\,\text{are
# independent}), \left(… \text{ für } …\right), \text{by the chain rule}; never one that opens with a
# condition (for, if, where, für, wenn, 当, …): that may restrict the claim, and stays
_GAP_BEFORE = re.compile(r"(?:&|\\quad|\\qquad|\\[ ,;:>]|\\hfill|~)\s*$")
_WORDS = re.compile(r"\\(?:text|textrm|mbox|textit|mathrm|textsf)\s*\{([^{}$]*)\}")
_CONDITION = re.compile(r"\s*\(?\s*(?:for|if|iff|when|whenever|where|with|unless|otherwise|except|provided|only|"
                        r"für|wenn|falls|sonst|wobei|mit|sofern|nur|pour|si|quand|où|avec|sinon|seulement|para|cuando|"
                        r"donde|con|solo|se|quando|onde|com|dla|gdy|когда|если|при|где|当|如果|若|其中|对于|仅当|只有|"
                        r"場合|ただし|ここで|のとき|경우|여기서|단)(?![A-Za-z])", re.I)


def without_reason(row: str) -> str:
    """``row`` without a reason in words at its end (:data:`_GAP_BEFORE`, :data:`_WORDS`): a group
    ``( … )`` / ``\\left( … \\right)`` holding words, or words alone, after a typed gap; ``row`` where
    there is none, where the words open with a condition, or where no ``=`` stays before it."""
    body = row.rstrip().rstrip(".").rstrip()
    start = None
    if body.endswith(")"):
        depth = 0
        for k in range(len(body) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(body[k], 0)
            if depth == 0:
                start = k
                break
        if start is None or not _WORDS.search(body[start:]):
            return row
        inner = re.sub(r"^\(\s*", "", body[start:])
        if _WORDS.match(inner) and _CONDITION.match(_WORDS.match(inner).group(1)):
            return row                                   # (\text{for } i \neq j): a condition
        before = body[:start].rstrip()
        start = len(before) - len("\\left") if before.endswith("\\left") else start
    elif (m := re.search(r"(?:" + _WORDS.pattern + r"\s*)+$", body)) and not _CONDITION.match(m.group(1)):
        start = m.start()
    if start is None or not _GAP_BEFORE.search(body[:start]) or "=" not in body[:start]:
        return row
    return _GAP_BEFORE.sub("", body[:start].rstrip()).rstrip().rstrip(",")


def plain_prose(latex: str) -> str:
    r"""``latex`` without spacing commands that carry a length, a hand-typed equation number at
    the end of a row, and a quantifier over a whole index range at the end of a row; the
    text unchanged where there is none.

    >>> plain_prose(r"\frac{\partial{E}}{\partial{s_i}} = y_i - t_i")
    '\\frac{\\partial E}{\\partial s_i} = y_i - t_i'
    >>> plain_prose(r"\frac{\partial L}{\partial a_1} = w^{T}_{2} \delta_2 + W^\top_{l+1} d")
    '\\frac{\\partial L}{\\partial a_1} = w_{2}^{T} \\delta_2 + W_{l+1}^\\top d'
    >>> plain_prose(r"\delta_1 = (W_2^T \delta_2) \odot \mathbb{1}_{z_1 > 0} + \mathbb{1}_{\{i = k\}}")
    '\\delta_1 = (W_2^T \\delta_2) \\odot \\mathbb{1}[z_1 > 0] + \\mathbb{1}[i = k]'
    >>> plain_prose(r"a_k = b_k, \quad \text{for all } k \\ c = d \hspace{1em} (2.1)")
    'a_k = b_k\\\\ c = d'
    """
    if "\\" not in latex and "for" not in latex and "(" not in latex:
        return latex
    out = _PARTIAL_BRACED.sub(lambda m: "\\partial " + m.group(1), _SPACING.sub(r"\\, ", latex))
    out = _TRANSPOSE_FIRST.sub(lambda m: f"{m.group(1)}_{m.group(3)}^{m.group(2)}", out)
    out = _INDICATOR_SUB.sub(lambda m: r"\mathbb{1}[" + m.group(1).strip() + "]", out)
    rows = re.split(r"(\\\\)", out)
    for k in range(0, len(rows), 2):
        row, numbered = _NUMBER.subn("", rows[k])
        if (reasoned := without_reason(row)) != row:     # … \quad (\text{chain rule}): a reason, not a factor
            row = rows[k] = reasoned
        words = _TEXT_WORDS.sub(lambda m: r"\text{" + " ".join(m.group(1).split()) + "}", row)
        found = _QUANTIFIER.search(words)
        if found and "=" in words[:found.start()] and _is_prose(found.group(0)):
            rows[k] = words[:found.start()].rstrip()
        elif numbered:
            rows[k] = row.rstrip()
    return "".join(rows)


def _is_prose(tail: str) -> bool:
    """A quantifier says "for" or "all" in words, ``\\forall``, or ``\\in``: never a bare
    ``, k = 1, …, K`` that could be part of the equation (a list)."""
    return bool(re.search(r"for|all|\\in(?![A-Za-z])|where", tail))


__all__ = ["plain_prose", "without_reason"]
