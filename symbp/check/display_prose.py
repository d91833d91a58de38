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

def _space(m) -> str:
    """A typed space as the readers' own: ``\\hspace{…}`` a ``\\quad`` (it may stand between two equations,
    ``p_k = … \\hspace{1in} L_i = …``), the others a thin space."""
    return "\\quad " if m.group(0).startswith("\\hspace") and "-" not in m.group(0) else "\\, "


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


# a reason typed after a gap (&, \quad, \qquad, \hfill) at the end of a row that names a known rule and nothing
# else: \quad (\text{chain rule}), \qquad \text{by the chain rule}, & \text{(by definition)}, \text{(Kettenregel)},
# (\text{由链式法则}), \text{using (3)}.  Any other note stays, and the readers leave the row as before: words can
# restrict a claim ("as long as j = k") or change it ("times 2", "averaged over the batch") (red team 60).
_NOTE = re.compile(r"(?:&|\\quad|\\qquad|\\hfill)\s*(?:\\left\s*)?(\(?)\s*((?:\\(?:text|textrm|mbox|textit)\s*\{[^{}$]*\}\s*)+)"
                   r"(?:\\right\s*)?(\)?)\s*$")
_LEAD = (r"(?:(?:by|using|from|via|applying|according\s+to|nach|mit|laut|gemäß|par|d'après|por|pela|pelo|per|по|"
         r"由|根据|利用|按|据|应用)\s*(?:the\s+|der\s+|die\s+|la\s+|le\s+|el\s+|a\s+|o\s+)?)?")
_RULE = (r"(?:(?:the\s+)?(?:multivariable\s+|multivariate\s+)?chain[- ]rule|product[- ]rule|quotient[- ]rule|linearity|"
         r"(?:the\s+)?definition|def\.?|eq(?:uation)?s?\.?\s*\(?\d+(?:\.\d+)?[a-z]?\)?|\(\d+(?:\.\d+)?[a-z]?\)|"
         r"kettenregel|produktregel|quotientenregel|linearität|definition|regla\s+de\s+la\s+cadena|definición|"
         r"règle\s+(?:de\s+dérivation\s+)?(?:en\s+chaîne|de\s+la\s+chaîne|des\s+fonctions\s+composées)|définition|"
         r"regra\s+da\s+cadeia|definição|цепное\s+правило|правило\s+цепочки|определению|链式法则|链式求导法则|链式求导|"
         r"定义|連鎖律|チェーンルール|合成関数の微分|定義|연쇄\s*법칙|체인\s*룰|정의)")
_FOLLOW = r"(?:より|から|により|によって|에\s*의해|에서|로부터|得|可得|可知)?"
# words in a note that change what a claim says: a number, a scale, a sign, a mean, a transpose (the founding-notation
# and scalar readers, which drop a note after \quad, keep the claim unchecked where its note says one of these)
CHANGES = re.compile(r"\d|times|twice|doubl|\bhalf|\bhalv|divid|multipl|negat|\bsign|minus|subtract|scal(?:e|ed|ing)\b|"
                     r"averag|\bmean|per[- ]sample|transpos|flip|rotat|invers|reciproc|squar|factor|"
                     r"倍|乘|除以|一半|平均|转置|翻转|取反|相反|负号|缩放|减去|mal\b|halbier|moyenn|multipli", re.I)
REASON = re.compile(r"\s*" + _LEAD + _RULE + r"\s*" + _FOLLOW + r"\s*[.,;:]?\s*", re.I)


def names_a_rule(words: str) -> bool:
    """Whether a note's words (``(by (3))``, ``chain rule``; one pair of parentheses around them read through) name
    a known rule (:data:`REASON`)."""
    words = words.strip()
    return bool(REASON.fullmatch(words[1:-1] if words.startswith("(") and words.endswith(")") else words))


def without_reason(row: str) -> str:
    """``row`` without a note at its end that names a known rule (:data:`_NOTE`, :data:`REASON`): ``\\quad
    (\\text{chain rule})``, ``& \\text{by definition}``; ``row`` itself where there is none, where the note says
    anything else, or where no ``=`` stays before it."""
    body = row.rstrip().rstrip(".").rstrip()
    m = _NOTE.search(body)
    if not m or bool(m.group(1)) != bool(m.group(3)) or "=" not in body[:m.start()]:
        return row
    words = " ".join(re.findall(r"\{([^{}$]*)\}", m.group(2)))
    return body[:m.start()].rstrip().rstrip(",") if names_a_rule(words) else row


# a label in words before an equation, at a row's start or after a separator: "\text{MSE:} \quad δ = …"
_LABEL_BEFORE = re.compile(r"(^|\\\\|&|,|\\q?quad(?![A-Za-z]))\s*\\(?:text|textbf|textit|mbox)\s*\{[^{}=$]*[^\W\d_][^{}=$]*"
                           r"(?:[:：]\s*\}|\}\s*[:：])(?:\s|\\q?quad(?![A-Za-z])|\\[,;:!]|~)+(?=[^=]*=)")


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
    >>> plain_prose(r"\text{MSE:}\quad d = 2(a - y), \qquad \text{BCE:}\quad d = a - y")
    'd = 2(a - y), \\qquad d = a - y'
    >>> plain_prose(r"p_k = e^{f_k} / S \hspace{1in} L_i = -\log p_y")
    'p_k = e^{f_k} / S \\quad  L_i = -\\log p_y'
    """
    if "\\" not in latex and "for" not in latex and "(" not in latex:
        return latex
    out = _PARTIAL_BRACED.sub(lambda m: "\\partial " + m.group(1), _SPACING.sub(_space, latex))
    out = _TRANSPOSE_FIRST.sub(lambda m: f"{m.group(1)}_{m.group(3)}^{m.group(2)}", out)
    out = _INDICATOR_SUB.sub(lambda m: r"\mathbb{1}[" + m.group(1).strip() + "]", out)
    out = _LABEL_BEFORE.sub(lambda m: m.group(1) + " " if m.group(1) else "", out)      # \text{MSE:} \quad δ = …: a label, then the claim
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


__all__ = ["CHANGES", "REASON", "names_a_rule", "plain_prose", "without_reason"]
