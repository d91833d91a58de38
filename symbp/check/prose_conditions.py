r"""A condition the prose states just before a display, which restricts the claim the display
makes to some of its entries.

Authors put the condition of a case in the sentence that leads into the display, not in the
display: "2. When u, v do not satisfy condition 1:" then ``\frac{\partial e}{\partial x_{uv}} = 0``;
"If $i = k$:", "For every $u$ that no window covers,", "Otherwise:", "当 $i = j$ 时：",
"若 $u, v$ 不满足条件1：", "其余情况：", "对于 $k \neq i$：".  Read alone, such a display claims
its equation for every entry, and a correct statement ("the inputs no window covers get no
gradient") would be refuted at an entry the condition excludes.

What symbp does with a refutation of a claim under such a condition
(:func:`conditioned_verdict`):

* the condition names none of the claim's index letters and refers to no other case
  ("otherwise", "condition 1", "其余") and says nothing of the stride or padding: it restricts
  no entry of the claim, and the refutation stands;
* a refutation that does not depend on the entries (the two sides' shapes differ) stands;
* otherwise the claim may be refuted only at entries the condition excludes, which symbp does
  not read: the verdict is "unchecked", naming the condition.

A verdict other than "refuted" is left as it is: a condition only narrows a claim, so a claim
that holds for every entry holds for those the condition keeps.

>>> display_conditions("When $u, v$ do not satisfy condition 1:\n\n$$\nx = 0\n$$\n")
[(3, 5, 'When $u, v$ do not satisfy condition 1:')]
>>> stated_condition("The gradient of the input is:") is None
True
>>> stated_condition("当 $i = j$ 时：")
'当 $i = j$ 时：'
"""
from __future__ import annotations

import re

from .calc_prose import plain_emphasis, prose_condition

# a sentence that states a condition (English): the words authors lead a case with
_ENGLISH = re.compile(
    r"\b(?:if|when|whenever|unless|otherwise|else|provided(?:\s+that)?|only\s+(?:if|when|for)|case|"
    r"in\s+(?:the\s+)?case(?:\s+(?:of|that|where))?|except(?:\s+(?:at|for|where|when))?|"
    r"for\s+(?:every|each|all|any)\b[^.:;]*?\b(?:that|which|such\s+that|where|with)\b|"
    r"(?:on|off)[- ]the[- ]diagonal|off-diagonal|diagonal\s+(?:entries|elements|terms|blocks?))", re.I)
#: entries named by their place on a Jacobian's diagonal ("On the diagonal the entries are:", "对角线上"): two index
#: letters equal or not, which a display of ∂p_i/∂z_j does not write (red team 72)
_DIAGONAL = re.compile(r"diagonal|对角", re.I)
# Chinese: 若 / 如果 / 假如 / 当…时 / 仅当 / 否则 / 其余 / 其他（其它）情况 / 不满足 / 满足…的 /
# 对于 … 满足(使得)…, 在 … 情况下
_CHINESE = re.compile(r"若|如果|假如|假设|当[^。；]*?时|仅当|否则|其余|其[他它]情况|不满足|满足[^。；]*?[的时]|对角|"
                      r"对于[^。；]*?(?:满足|使得|中|以外|之外|≠|\\neq|\\ne\b|<|>|\\le|\\ge|\\in)|"
                      r"[^。；]*?情况下")
# a condition that names another case rather than writing its own: it may exclude any entry
_REFERENCE = re.compile(r"\b(?:otherwise|else|other(?:\s+\w+)?\s+cases?|condition\s*\(?\w+\)?|"
                        r"the\s+rest|all\s+other|remaining)\b|否则|其余|其[他它]|不满足|条件\s*\d|以外|之外", re.I)
# a condition about the layer's geometry: the section's stride or padding may be another
_GEOMETRY = re.compile(r"\bstrides?\b|\bpadd(?:ing|ed)\b|\bdilation\b|步长|步幅|填充|补零", re.I)
_MATH = re.compile(r"\$([^$]+)\$|\\\((.+?)\\\)")
_LETTER = re.compile(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])")
_DISPLAYS = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}"
                       r".*?\\end\{\1\2\}", re.S)


def stated_condition(prose: str, stride: bool = False) -> str | None:
    r"""The condition the last sentence of ``prose`` (the text just before a display) states,
    as written, or None.  The sentence must lead into the display (end with ``:``, ``,``,
    ``：``, ``，``, or with no full stop) and carry a condition word (:data:`_ENGLISH`,
    :data:`_CHINESE`), or with ``stride``, speak of the stride ("For unit stride:", "With $S = 2$:").

    >>> stated_condition("It is simple. Dropping the zero terms gives, 1. when u, v satisfy")
    'Dropping the zero terms gives, 1. when u, v satisfy'
    >>> stated_condition("The result is simple. Otherwise:")
    'Otherwise:'
    >>> stated_condition("If the kernel is flipped, we get a convolution.") is None
    True
    """
    text = plain_emphasis(re.sub(r"<!--.*?-->", " ", prose, flags=re.S)).strip()     # "**Case $k = i$:**"
    if not text:
        return None
    last = re.split(r"\n\s*\n", text)[-1].strip()
    last = re.sub(r"^\s*(?:[#>*-]+|\d+[.)])\s+(?=\D)", "", last) if last.lstrip().startswith("#") else last
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])|(?<=[。！？])", last)
    sentence = sentences[-1].strip() if sentences[-1].strip() else (sentences[-2].strip() if len(sentences) > 1 else "")
    if not sentence or len(sentence) > 300 or sentence.endswith((".", "。", "!", "?", "！", "？")):
        return None
    words = _MATH.sub(" ", sentence)
    if _ENGLISH.search(words) or _CHINESE.search(sentence) or stride and _STRIDE_WORD.search(sentence):
        return sentence
    return None


_STRIDE_WORD = re.compile(r"stride|步长|\\?\bS(?:_\{?[hw]\}?)?\s*=", re.I)
# "For unit stride (S = 1):", "with stride 1", "when the stride is one", "步长为 1 时"
_UNIT_STRIDE = re.compile(
    r"^\s*(?:(?:for|with|when|at|in\s+the\s+case\s+of|assuming|taking)\s+(?:a\s+|the\s+)?"
    r"(?:unit[\s-]+stride|stride\s*(?:of\s+|=\s*|is\s+|equal\s+to\s+|equals\s+)?(?:1|one)(?![.\d]))"
    r"(?:\s*\(\s*\$?\s*S(?:_\{?[hw]\}?)?\s*=\s*1\s*\$?\s*\))?"
    r"|当?\s*步长\s*(?:为|是|=)\s*\$?\s*1\s*\$?\s*时?)(?:\s*[:：,，]?\s*$|(?!\s*(?:or|and|to|through|[-–+/]|,\s*\d))\s+\S)",
    re.I)


def states_unit_stride(condition: str | None) -> bool:
    """Whether the sentence leading into a display starts by saying it is about stride 1 (and no other).

    >>> states_unit_stride("For unit stride (S = 1):"), states_unit_stride("With a stride of 2:")
    (True, False)
    >>> states_unit_stride("For stride 1 or 2:"), states_unit_stride("We do not assume stride 1, so:")
    (False, False)
    """
    return bool(condition) and _UNIT_STRIDE.search(condition) is not None


def display_conditions(text: str, stride: bool = False) -> list:
    """[(first line, last line, condition)] of each display that the prose just before it
    leads into with a condition (lines counted from 1: the display's delimiters' lines); with
    ``stride``, the sentences that speak of the stride count too.

    >>> display_conditions("If $i = k$:\\n$$a = b$$\\n\\nThen:\\n$$c = d$$")
    [(2, 2, 'If $i = k$:')]
    >>> display_conditions("For unit stride (S = 1):\\n$$a = b$$", stride=True)
    [(2, 2, 'For unit stride (S = 1):')]
    """
    out, prev_end = [], 0
    for m in _DISPLAYS.finditer(text):
        cond = stated_condition(text[prev_end:m.start()], stride)
        prev_end = m.end()
        if cond:
            out.append((text.count("\n", 0, m.start()) + 1, text.count("\n", 0, m.end()) + 1, cond))
    return out


def condition_at(spans: list, line: int | None) -> str | None:
    """The condition of the display holding ``line`` (:func:`display_conditions`), else None."""
    if line is None:
        return None
    return next((cond for first, last, cond in spans if first <= line <= last), None)


def claim_letters(latex: str) -> set:
    r"""The single letters a claim writes in its subscripts (its index letters, free or summed).

    >>> sorted(claim_letters(r"\frac{\partial e}{\partial x_{uv}} = 0"))
    ['u', 'v']
    """
    found = set()
    for m in re.finditer(r"_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z])", latex):
        found |= set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", m.group(1))))
    return found


def may_exclude_entries(condition: str, latex: str) -> bool:
    """Whether ``condition`` may keep only some of the entries the claim ``latex`` speaks of:
    it names one of the claim's index letters, refers to another case, or speaks of the
    stride or padding (the section's may be another)."""
    if _REFERENCE.search(condition) or _GEOMETRY.search(condition) or (
            _DIAGONAL.search(condition) and len(claim_letters(latex)) > 1):
        return True
    math = " ".join(a or b for a, b in _MATH.findall(condition))
    bare = _MATH.sub(" ", condition)       # "when u, v satisfy": letters written without $…$
    letters = set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", math)))
    letters |= {w for w in re.findall(r"(?<![A-Za-z'])([A-Za-z])(?![A-Za-z'])", bare) if w not in ("a", "A", "I")}
    return bool(letters & claim_letters(latex))


def conditioned_verdict(verdict: str, detail: str, condition: str | None, latex: str):
    """(verdict, detail) of a claim whose display the prose leads into with ``condition``
    (see the module's text); the verdict unchanged where there is none or it is not refuted.

    >>> conditioned_verdict("refuted", "side 2 at u=0, v=0: derived g, claimed 0",
    ...                     "When u, v do not satisfy condition 1:", r"\\frac{\\partial e}{\\partial x_{uv}} = 0")[0]
    'unchecked'
    >>> conditioned_verdict("refuted", "derived a, claimed b", "If the loss is the squared error:",
    ...                     r"\\frac{\\partial J}{\\partial w_{11}} = 0")[0]
    'refuted'
    >>> conditioned_verdict("refuted", "at i = 1, j = 2", stated_condition("On the diagonal the entries are:"),
    ...                     r"\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)")[0]
    'unchecked'
    """
    if verdict != "refuted" or not condition:
        return verdict, detail
    if re.search(r": shape \(", detail) or not may_exclude_entries(condition, latex):
        return verdict, detail
    shown = condition if len(condition) <= 120 else condition[:117] + "..."
    return "unchecked", (f"the sentence before it states a condition ({shown}) that symbp does not "
                         f"read; without it the claim fails: {detail}")


__all__ = ["claim_letters", "condition_at", "conditioned_verdict", "display_conditions", "restricted_claim",
           "may_exclude_entries", "stated_condition", "states_unit_stride"]


_EQUALITY = re.compile(r"^\s*([A-Za-z])\s*=\s*([A-Za-z]|\d)\s*$")
_NOT_ONE_CASE = re.compile(r"\b(?:or|and|not|no|neither|nor|unless|except|excepto|salvo|sauf|au(?:ss|ß)er|ausgenommen|"
                           r"otherwise|other than|save|apart from|besides|barring|outside|hormis|fuera|dehors)\b|"
                           r"或|且|并且|不|非|否则|其余|其[他它]|除", re.I)


def restricted_claim(condition: str, latex: str) -> str | None:
    r"""The claim ``latex`` read under ``condition`` where that is one equality between a claim
    index letter and another letter or a number (``If $i = k$:``, ``当 $u = 0$ 时：``): the
    letter replaced in every subscript, the claim then says exactly what it says for those
    entries.  None where the condition is anything else, or the letter is also summed or
    written outside a subscript (replacing it would change what the claim says).

    >>> restricted_claim("If $i = k$:", r"\frac{\partial p_i}{\partial z_{k}} = p_i (1 - p_k)")
    '\\frac{\\partial p_{i}}{\\partial z_{i}} = p_{i} (1 - p_{i})'
    >>> restricted_claim("If $i = k$ or $i = 0$:", r"\frac{\partial p_i}{\partial z_{k}} = p_k") is None
    True
    """
    maths = [a or b for a, b in _MATH.findall(condition)]
    if len(maths) != 1 or _NOT_ONE_CASE.search(_MATH.sub(" ", condition)):
        return None
    m = _EQUALITY.match(maths[0])
    read = prose_condition(_MATH.sub("$i = j$", condition, count=1))   # words that lead in with it ("Case $k = i$:",
    #                                                                      "If $u = 4$:"), not "When $i = k$ fails:"
    if not m or read is None or read[0] != "eq":
        return None
    letters = claim_letters(latex)
    left, right = m.group(1), m.group(2)
    old, new = (right, left) if right in letters and right.isalpha() else (left, right)
    if old not in letters or re.search(r"\\(?:sum|prod)\s*_\s*\{?\s*" + old + r"\b", latex):
        return None
    subscript = re.compile(r"_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z])")
    if any(re.search(r"\\[A-Za-z]+\s*\{", b.group(1)) for b in subscript.finditer(latex)):
        return None                                       # x_{\text{out}}: words, not indices
    outside = subscript.sub(" ", latex)
    if re.search(r"(?<![\\A-Za-z])" + old + r"(?![A-Za-z])", re.sub(r"\\[A-Za-z]+", " ", outside)):
        return None

    def swap(match):
        body = match.group(1)
        if len(body) == 1:
            return "_{" + (new if body == old else body) + "}"
        return "_" + re.sub(r"\\[A-Za-z]+|" + old, lambda t: t.group(0) if t.group(0)[0] == "\\" else new, body)
    return subscript.sub(swap, latex)
