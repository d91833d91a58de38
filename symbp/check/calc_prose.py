r"""What the prose around a display, and words inside its rows, tell the scalar-layer reader
(:mod:`symbp.check.calc_graph`): the condition a heading or the line before a display sets
(``### When $j \neq i$``, ``If $i = k$:``, ``当 $i = j$ 时：``), and a row's label in words
(``算上Batch后： = …``, ``\text{batch:} &= …``), which is no part of the equation.

>>> prose_condition("If $i = k$:")
('eq', 'i', 'k')
>>> PROSE_LABEL.sub("", "算上Batch后： = x")
'= x'
>>> target_assumption("Here $y$ is a one-hot vector of the label.")
'the document says “one-hot”'
"""
from __future__ import annotations

import re

CONDITION = re.compile(r"^\s*([a-z])\s*(=|\\neq|\\ne)\s*([a-z])\s*$")
PROSE_LABEL = re.compile(r"^[^=\\$&]*[^\x00-\x7f][^=\\$&]*[:：]\s*(?==)")        # words, then a colon
ROW_LABEL = re.compile(r"^[^&\\]*[^\x00-\x7f][^&\\]*&(?=\s*=)|^\s*\\text\s*\{[^{}]*\}\s*[:：]?\s*&(?=\s*=)")


# a display's first row that only states a condition in words: "if \ s = i,", "\text{if } i \neq j:",
# "when k = i", "si i = j", "当 s = i 时" (the rows after it continue the chain under it)
_ROW_CONDITION = re.compile(
    r"^\s*(?:\\\s|~|\s)*(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:if|when|for|where|si|cuando|当)\s*\}?"
    r"(?:\\\s|~|\s|\\[,;:]|\\quad)*([a-z])\s*(=|\\neq|\\ne)\s*([a-z])\s*(?:\\\s|~|\s)*"
    r"(?:\\(?:text|mathrm)\s*\{\s*(?:时|:|,)?\s*\}|时)?\s*[,:;，：.]?\s*(?:\\\s|~|\s)*$", re.I)


def row_condition(row: str):
    """``if \\ s = i,`` (a row that is only a condition): ("eq", "s", "i"), else None.

    >>> row_condition(r"if \\  s \\neq i,  ")
    ('ne', 's', 'i')
    """
    m = _ROW_CONDITION.match(row)
    return None if m is None else ("eq" if m.group(2) == "=" else "ne", m.group(1), m.group(3))


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


# what authors write when the cross-entropy's target sums to 1: "y is a one-hot vector",
# "one-hot 编码", 独热, "1-of-K", "only one t_k is 1", "sums to 1", "$\\sum_i y_i = 1$", "a
# probability distribution" (概率分布, distribución de probabilidad), "the true / class label",
# 真实标签, "la etiqueta": words in the prose, never in a comment (a directive says it there)
_TARGET_WORDS = re.compile(
    r"one[-\s]?hot|独热|单热|\b1[- ]of[- ][A-Za-z]\b|\bone[- ]of[- ][A-Za-z]\b|"
    r"\b(?:sums?|adds? up|summing) to (?:1|one)\b|(?:之)?和(?:为|等于)\s*1|"
    r"probability distribution|概率分布|distribuci[oó]n de probabilidad|"
    r"\b(?:class|true|ground[- ]truth|correct|target) label|真实标签|类别标签|\betiqueta\b|"
    r"only one (?:of )?\S{1,20} (?:is|equals) (?:1|one)\b|只有一个\S{0,12}(?:为|是)\s*1|"
    r"\$[^$]{0,40}\\sum[^$]{0,40}=\s*1\s*\$", re.I)
# a loss the prose names a cross-entropy (or a label's negative log-likelihood) compares two
# distributions by definition: the name states that the target sums to 1
_CROSS_ENTROPY_WORDS = re.compile(r"cross[-\s]?entropy|交叉熵|entrop[ií]a cruzada|entropie crois[ée]e|"
                                  r"kreuzentropie|negative log[-\s]likelihood", re.I)


# what authors write when the target need NOT sum to 1: "they need not sum to one", "does not
# have to add up to 1", soft targets or labels, label smoothing, "not one-hot", 不一定/不必…和为1, 软标签
_TARGET_DENIED = re.compile(
    r"\b(?:need|needs|do|does|must|has to|have to|is|are)\s*(?:n['’]t|not)\s+(?:necessarily\s+|have\s+to\s+|be\s+)?"
    r"(?:sum|add up|summing|one[-\s]?hot|normali[sz]ed)|not necessarily (?:sum|add up|one[-\s]?hot|normali[sz]ed)|"
    r"\bsoft (?:targets?|labels?)\b|label[-\s]smoothing|\bnot (?:a |an )?one[-\s]?hot|\bunnormali[sz]ed (?:targets?|labels?)|"
    r"不(?:一定|必|需要?)\S{0,12}(?:和为|之和|加起来|归一)|软标签|标签平滑|no (?:necesariamente )?suman? (?:1|uno)", re.I)


def target_denied(text: str):
    """Where ``text``'s prose says a cross-entropy target need NOT sum to 1 (soft or smoothed
    labels, "need not sum to one"), those words for a verdict, else None.  A claim true only
    when the target sums to 1 is then never held on that assumption.

    >>> target_denied("The targets are label-smoothing weights; they need not sum to one.")
    'the document says “label-smoothing”'
    """
    prose = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    prose = re.sub(r"\$\$.*?\$\$", " ", prose, flags=re.S)
    found = _TARGET_DENIED.search(prose)
    return f"the document says “{' '.join(found.group(0).split())}”" if found else None


TARGET_SETTINGS = ("one-hot", "onehot", "distribution", "sums-to-1")   # <!-- symbp: target=one-hot -->
TARGET_HINT = "<!-- symbp: target=one-hot -->"


def target_assumption(text: str):
    """Where ``text``'s prose says a cross-entropy target sums to 1 (one-hot, a label, a
    distribution, or the loss named a cross-entropy), in words for a verdict, or None. HTML comments (a transcriber's note, a directive) are not
    the document's prose."""
    if target_denied(text):                                    # "they need not sum to one"
        return None
    prose = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    prose = re.sub(r"\$\$.*?\$\$", " ", prose, flags=re.S)       # displays are claims, not prose
    found = _TARGET_WORDS.search(prose)
    if found:
        return f"the document says “{' '.join(found.group(0).split())}”"
    named = _CROSS_ENTROPY_WORDS.search(prose)
    return (f"the document names the loss “{' '.join(named.group(0).split())}”, whose target is a "
            "distribution" if named else None)


__all__ = ["CONDITION", "PROSE_LABEL", "ROW_LABEL", "heading_condition", "prose_condition",
           "target_assumption", "target_denied", "TARGET_SETTINGS", "TARGET_HINT", "row_condition"]
