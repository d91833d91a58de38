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
    r"^\s*(?:\\(?:displaystyle|textstyle)(?![A-Za-z]))?(?:\\\s|~|\s)*(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:if|when|for|where|si|cuando|当)\s*\}?"
    r"(?:\\\s|~|\s|\\[,;:]|\\quad)*([a-z])\s*(=|\\neq|\\ne)(?:\s|\\[,;:! ])*([a-z])\s*(?:\\\s|~|\s)*"
    r"(?:\\(?:text|mathrm)\s*\{\s*(?:时|:|,)?\s*\}|时)?\s*[,:;，：.]?\s*(?:\\\s|~|\s)*$", re.I)


def row_condition(row: str):
    """``if \\ s = i,`` (a row that is only a condition): ("eq", "s", "i"), else None.

    >>> row_condition(r"if \\  s \\neq i,  ")
    ('ne', 's', 'i')
    """
    m = _ROW_CONDITION.match(row)
    return None if m is None else ("eq" if m.group(2) == "=" else "ne", m.group(1), m.group(3))


# words around a condition: a lead that states it as written ("If $i = j$", 当 … 时), one that turns it
# round ("Except when $i = j$", "Unless $i \\neq j$", 除非), and anything else (a condition symbp
# does not read: "If $i = j$ fails", "When $i$ and $j$ differ", "Case $i = j + 1$")
_NEGATION = re.compile(r"\b(?:not|no|never|except|unless|otherwise|fails?|false|differ\w*|sauf|salvo|nicht|"
                       r"excepto|sinon|si no)\b|n't|除非|不|非|否则|其它|其余", re.I)
_NEGATED_LEADS = re.compile(r"^(?:except when|except if|except|unless|sauf si|salvo si|salvo que|a menos que|"
                            r"au?sser wenn|除非|除了)$", re.I)
# a comparison of index letters ($i = j$, $i \\neq j + 1$, $k < i$): a condition, not a statement
# about values such as $\\sum_i y_i = 1$
_INDEX_COMPARISON = re.compile(r"^\s*[a-z](?:\s*[+-]\s*(?:\d+|[a-z]))?\s*(?:=|\\neq?|<|>|\\leq?|\\geq?|\\ne)"
                               r"\s*[a-z0-9](?:\s*[+-]\s*(?:\d+|[a-z]))?\s*$")
_COMPARISON_WORDS = re.compile(r"\b(?:differ\w*|equal\w*|distinct)\b|不等|相等|不同", re.I)
# a comparison of two index letters typed as plain text, "For i ≠ j:", "If i = j:"
_PLAIN = re.compile(r"(?<![\w$\\])([a-z]\s*(?:=|≠)\s*[a-z])(?![\w$])")
UNREAD = "unread"          # a condition stated in words symbp does not read: claims under it are unchecked
# a comparison of two index letters in words: "when j differs from i", "if i is different from j",
# "for i equal to j" (plain letters, no $…$), read as $j \neq i$ / $i = j$
_WORDED = re.compile(r"(?<![\w$\\])([a-z])\s+(?:(differs?\s+from|is\s+different\s+from|is\s+not\s+equal\s+to|"
                     r"(?:is\s+)?distinct\s+from)|(equals|(?:is\s+)?equal\s+to))\s+([a-z])(?![\w$])"
                     r"(\s*(?:[:：,，.;]|$))?", re.I)


def _worded(text: str) -> str:
    """``text`` with a comparison of two index letters in words written as maths.

    >>> print(_worded("when j differs from i:"))
    when $j \\neq i$:
    >>> print(_worded("for i equal to j plus one:"))      # more than the comparison: not read as one
    for $i$ equal to $j$ plus one:
    """
    def maths(m):
        if m.group(5) is None:        # more words after it ("j plus one", "j squared"): the letters, not read
            return f"${m.group(1)}$ {(m.group(2) or m.group(3))} ${m.group(4)}$"
        return "$" + m.group(1) + (r" \neq " if m.group(2) else " = ") + m.group(4) + "$" + m.group(5)
    return _WORDED.sub(maths, text)


def _stated(text: str):
    """The one condition ``text`` (a heading or a sentence ending in a colon) states:
    ("eq" | "ne", a, b), (UNREAD, text) where it states one in words this reader does not
    read (a negation it cannot turn round, more than one comparison, ``i = j + 1``), or None
    where it states none.

    >>> _stated("### Except when $i = j$"), _stated("### If $i = j$"), _stated("### When $i$ and $j$ differ")[0]
    (('ne', 'i', 'j'), ('eq', 'i', 'j'), 'unread')
    """
    maths = [x.replace("≠", "\\neq ") for x in re.findall(r"\$([^$]+)\$", text) + _PLAIN.findall(   # For i ≠ j:
        re.sub(r"\$[^$]+\$", " ", text))]
    words = " ".join(re.sub(r"\$[^$]+\$", " ", text).replace("#", " ").strip(" :：,，.。\n\t").split()).lower()
    compared = [x for x in maths if _INDEX_COMPARISON.match(x)]
    letters = [x for x in maths if re.fullmatch(r"\s*[a-z]\s*", x)]
    if not compared and not (_COMPARISON_WORDS.search(words) and len(letters) >= 2):
        return None
    conds = [CONDITION.match(x) for x in compared]
    if len(compared) != 1 or conds[0] is None or _COMPARISON_WORDS.search(words):
        return UNREAD, " ".join(text.split())
    kind, a, b = ("eq" if conds[0].group(2) == "=" else "ne"), conds[0].group(1), conds[0].group(3)
    if _NEGATED_LEADS.match(words):
        return ("ne" if kind == "eq" else "eq"), a, b
    if _NEGATION.search(words):                   # "If $i = j$ fails", "… is not …": not read
        return UNREAD, " ".join(text.split())
    return kind, a, b


def heading_condition(between: str, current):
    """The condition of the last heading in ``between`` (``### When $j = i$``), else ``current``
    (a heading without one ends it)."""
    heads = [line for line in between.splitlines() if line.lstrip().startswith("#")]
    if not heads:
        return current
    return _stated(_worded(heads[-1]))             # "### When j differs from i"


# a lead-in that states the condition of the display after it: the last clause before the colon
# opens with a condition word and the comparison (\x00 below) follows it ("For i ≠ j:", "If $i = j$:",
# "For its derivative, if $j=i$:", "For the entries with $i \\neq j$:", "Case 1, $i=j$ (diagonal):", "当 $i = j$ 时：", "When i ≠ j, we
# get:", "Für $i \neq j$ gilt:"); a comparison only mentioned ("The case i = j is treated below;
# first the other entries:", "Unlike the entries with i ≠ j, the diagonal entries are:", "The
# formula for i ≠ j is in the appendix. For every pair:") states none
_LEAD = (r"(?:(?:and|or|but|then|now|next|et|y|und)\s+)?(?:for\s[^\x00\x01,，:]{0,40}?\s(?:with|where)|if|whenever|when|where|for|in the case|case\s*\d*\s*[,:]?|"
         r"provided(?:\s+that)?|si|cuando|para|quand|lorsque|pour|wenn|falls|für|当|若|如果|在)(?![A-Za-z])\s*\x00")
_LEAD_IN = re.compile(r"^(?:[^\x00]*[,，]\s*)?" + _LEAD + r"\s*(?:\([^()]*\))?\s*(?:时|的时候|的情况下)?\s*[:：]$"
                      r"|^" + _LEAD + r"\s*(?:时|的时候|的情况下)?\s*[,，]?(?:\s*[^\W\d_]+[\s,，]*){0,8}[:：]$", re.I)


# a paragraph that is nothing but a condition ending in a comma, the display its clause's end
# ("and, for $j \neq k$,", "whereas, if $i = j$,"): no colon needed
_OPENER = r"^\s*(?:(?:and|or|but|while|whereas|similarly|likewise|finally|lastly|then|now|next|also|analogously)\s*,?\s*)?"
_COMMA_LEAD = re.compile(_OPENER + r"(?:for|if|when|whenever|where)\s*\x00\s*(?:\([^()]{0,60}\)\s*)?[,，]\s*(?:and|or)?\s*$", re.I)


def _marked(last: str) -> str:
    """``last`` with each $…$ comparison of index letters as \x00 and any other $…$ as \x01."""
    return re.sub(r"\$([^$]+)\$", lambda m: "\x00" if _INDEX_COMPARISON.match(m.group(1)) else "\x01", last)


def _leads_in(last: str) -> bool:
    """Whether the paragraph ``last`` (ending in a colon) ends in a lead-in that states its one
    comparison (``_LEAD_IN``)."""
    marked = _marked(last)
    marked = _PLAIN.sub("\x00", re.sub(r"\s*\([^()]*\)\s*(?=[:：]\s*$)", "", marked))   # "(when p = i):": a gloss
    sentence = re.split(r"[.;!?](?:\s|$)|[。；！？]", " ".join(marked.split()))[-1].strip()
    return marked.count("\x00") == 1 and bool(_LEAD_IN.match(sentence))


#: a list item's marker, "- ", "* ", "1. ": a bullet before a display leads it ("- When $i = j$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+")


# a condition written wholly in maths, its word inside the dollars: "$if \quad y = j$", "$\text{for } i \neq j$"
_MATH_LEAD = re.compile(r"^\$\s*(?:\\(?:text|mathrm)\s*\{\s*)?(if|for|when)\s*\}?\s*(?:\\q?quad|\\[,;: ]|~|\s)*"
                        r"([a-z]\s*(?:=|\\neq?|≠)\s*[a-z])\s*[,:]?\s*\$\s*[,:：]?$", re.I)


# … and any other maths on its own line that opens with a condition word: a condition this reader does not read
_MATH_WORD = re.compile(r"^\(?\$\s*\(?\s*(?:\\(?:text|mathrm|textrm|quad)\s*\{?\s*)?(?:if|for|when|whenever|unless|except|otherwise)"
                        r"(?![A-Za-z])[^$]*\$\s*\)?\s*[,:：.]?$", re.I)


def plain_emphasis(paragraph: str) -> str:
    """``paragraph`` without Markdown's bold and italic marks outside its maths (``**Case $i = j$:**``,
    ``*If $i \\neq j$:*``): what a lead-in says does not change with its weight."""
    parts = re.split(r"(\$[^$]*\$)", paragraph)
    return "".join(p if p.startswith("$") else re.sub(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])", "", p)
                   for p in parts)


def prose_condition(between: str):
    """``If $i = k$:`` just before a display: ("eq", "i", "k"); (UNREAD, words) for a condition in
    words this reader does not read (``Except when $i = k$ and …:``) or a comparison the paragraph
    only mentions (``The case i = j is treated below; first the other entries:``)."""
    last = between.strip().split("\n\n")[-1]
    line = last.split("\n")[-1]                                      # "Two cases:\n- For $i = j$": the bullet leads
    if LIST_ITEM.match(line) and not line.rstrip().endswith((".", "。")):
        last = re.sub(r"\*\*|__", "", LIST_ITEM.sub("", line)).rstrip(" ,:：") + ":"     # - **When $i = j$**:
    last = _worded(plain_emphasis(last))                            # "**Case $i \\neq j$:**"; "when j differs from i:"
    lead = _MATH_LEAD.match(last.strip())
    if lead is None and _MATH_WORD.match(last.strip()):               # "$\text{unless } i = j$", "$\text{if } i < j$"
        return UNREAD, " ".join(last.split())
    last = f"{lead.group(1)} ${lead.group(2)}$:" if lead else last    # "$if \quad y = j$": "if $y = j$:"
    sentence = re.split(r"(?<=[.;!?])\s+(?=[A-Z])|[。；！？]", last)[-1]     # "… every row. Finally, for $i \neq j$,"
    if _COMMA_LEAD.match(_marked(sentence)):                      # "and, for $j \neq k$,": the whole sentence
        return _stated(sentence)
    if not last.endswith((":", "：")) or len(last) > 200:           # 当 $i = j$ 时：
        return None
    found = _stated(last)
    if found is not None and found[0] != UNREAD and not _leads_in(last):
        return UNREAD, " ".join(last.split())
    if found is None or found[0] != UNREAD:
        return found
    conds = [c for c in (CONDITION.match(x) for x in re.findall(r"\$([^$]+)\$", last)) if c]
    negated = re.search(r"\b(?:not|except|unless|otherwise|fails?|sauf|salvo|nicht|excepto)\b|n't|除非|不", last, re.I)
    if len(conds) == 1 and not negated and _leads_in(last):    # "For the diagonal entries, where $i = j$:"
        return ("eq" if conds[0].group(2) == "=" else "ne"), conds[0].group(1), conds[0].group(3)
    return found


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
    r"不(?:一定|必|需要?)\S{0,12}(?:和为|之和|加起来|归一)|软标签|标签平滑|no (?:necesariamente )?suman? (?:1|uno)|"
    r"multi[-\s]?(?:hot|label)|多标签|多热|more than one (?:entry|entries|class|classes|label|labels|of them|component)\b|"
    r"several (?:classes|labels) at once|\b(?:word|term|token|event|raw) counts\b|non[-\s]?negative integers|"
    r"\bnot normali[sz]ed\b|\b(?:is|are) arbitrary\b|\barbitrary (?:positive |real |non-?negative )?(?:numbers|values|weights|vectors?)\b",
    re.I)
# a target written out as an example whose entries do not sum to 1: $y = (1, 1, 0)$, $t = (2, 0, 3)$
_TARGET_EXAMPLE = re.compile(r"\$\s*[A-Za-z](?:_\{?\w+\}?)?\s*=\s*[\(\[]\s*(-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+)\s*[\)\]](?:\^\s*\{?\s*(?:T|\\top)\s*\}?)?\s*\$")


def _about(prose: str, at: int, letter: str) -> bool:
    """Whether the sentence of ``prose`` around ``at`` may speak of ``letter``: it names it in math, or no letter."""
    start = max(prose.rfind(". ", 0, at), prose.rfind("\n\n", 0, at), -1) + 1
    ends = [e for e in (prose.find(". ", at), prose.find("\n\n", at)) if e != -1]
    named = {m.group(1) for m in re.finditer(r"\$\s*(?:\\(?:mathbf|boldsymbol|hat|vec)\s*\{?\s*)?([A-Za-z])(?![A-Za-z])",
                                             prose[start:min(ends) if ends else len(prose)])}
    return not named or letter in named


def _prose(text: str) -> str:
    """``text`` without HTML comments (a transcriber's note, a directive) and ``$$`` displays
    (claims, not prose)."""
    return re.sub(r"\$\$.*?\$\$", " ", re.sub(r"<!--.*?-->", " ", text, flags=re.S), flags=re.S)


def _denied(prose: str):
    """:func:`target_denied` on prose already stripped by :func:`_prose`."""
    found = _TARGET_DENIED.search(prose)
    if found:
        return f"the document says “{' '.join(found.group(0).split())}”"
    for example in _TARGET_EXAMPLE.finditer(prose):         # y = (1, 1, 0): a target that sums to 2
        if abs(sum(float(v) for v in example.group(1).split(",")) - 1) > 1e-9:
            return f"the document's example “{' '.join(example.group(0).strip('$').split())}” does not sum to 1"
    return None


def target_denied(text: str):
    """Where ``text``'s prose says a cross-entropy target need NOT sum to 1 (soft or smoothed
    labels, "need not sum to one"), those words for a verdict, else None.  A claim true only
    when the target sums to 1 is then never held on that assumption.

    >>> target_denied("The targets are label-smoothing weights; they need not sum to one.")
    'the document says “label-smoothing”'
    """
    return _denied(_prose(text))


TARGET_SETTINGS = ("one-hot", "onehot", "distribution", "sums-to-1")   # <!-- symbp: target=one-hot -->
TARGET_HINT = "<!-- symbp: target=one-hot -->"


def target_assumption(text: str, letter: str | None = None):
    """Where ``text``'s prose says a cross-entropy target sums to 1 (one-hot, a label, a
    distribution, or the loss named a cross-entropy), in words for a verdict, or None. HTML comments (a transcriber's note, a directive) are not
    the document's prose.  With the target's ``letter``, a sentence that names other letters in math and not it
    ("The softmax output $q$ sums to one", "Here $t$ is one-hot") says nothing of it.

    >>> target_assumption("The output $q$ sums to one.", "y"), target_assumption("Here $y$ is one-hot.", "y") is not None
    (None, True)
    """
    prose = _prose(text)
    if _denied(prose):                                         # "they need not sum to one"
        return None
    found = next((m for m in _TARGET_WORDS.finditer(prose) if letter is None or _about(prose, m.start(), letter)), None)
    if found:
        return f"the document says “{' '.join(found.group(0).split())}”"
    if letter is not None and _TARGET_WORDS.search(prose):     # said of another letter only: not the loss's name either
        return None
    named = _CROSS_ENTROPY_WORDS.search(prose)
    return (f"the document names the loss “{' '.join(named.group(0).split())}”, whose target is a "
            "distribution" if named else None)


__all__ = ["UNREAD", "CONDITION", "PROSE_LABEL", "ROW_LABEL", "heading_condition", "plain_emphasis", "prose_condition",
           "target_assumption", "target_denied", "TARGET_SETTINGS", "TARGET_HINT", "row_condition"]
