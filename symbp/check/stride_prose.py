r"""Who a stride the prose gives belongs to, and what the prose says a stride is.

A page's words give strides to more than one thing: "a 3 x 3 kernel sliding with stride 1, then
2 x 2 max pooling with stride 2".  The index reader needs the kernel's: a claim that writes no stride
and holds at stride 1 only is the author's worked example where the prose gives the kernel a unit
stride (:func:`unit_stride_said`), and a page whose only stride is the pooling's
(:func:`stride_of_pooling`) gives its convolution none.  Each stride number has an owner
(:func:`stride_owner`): a pooling named in its clause or sentence, or right after it, else a kernel
word before it.  A sentence that denies, supposes or compares a stride ("if the kernel slid with
stride 2", "unlike the stride-1 case") states none (:func:`kernel_strides`).  A stride named by a
letter ("with stride $s$") is :func:`prose_stride_letters`.

Prose is the text outside displays and HTML comments (:data:`DISPLAY`); :mod:`symbp.check.doc_prose`
reads sizes, shapes and the convention from it with the same sentence helpers.

Example::

    >>> kernel_strides("A 3 x 3 kernel slides with stride 1; 2 x 2 max pooling with stride 2 follows.")
    ['1']
    >>> stride_of_pooling("Max pooling, usually 2x2 with stride 2.")
    True
"""
from __future__ import annotations

import re

#: what prose reading skips: displays (``$$ … $$``, ``\[ … \]``) and HTML comments (directives)
DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->", re.S)
#: a stride number in words: "stride 2", "a stride of $s = 2$"
STRIDE_NUMBER = re.compile(r"(?:\b(?:stride|step[- ]size|Schrittweite)\s+(?:of\s+)?|(?:步长|步幅|ストライド|스트라이드)\s*(?:为|は|를)?\s*)"
                           r"\$?\s*(?:[a-z](?:_\{?[A-Za-z]+\}?)?\s*=\s*)?(\d+)\s*\$?", re.I)   # "step size 2", 步长为2, "stride $s_p = 3$"


def stride_denied(prose: str, m) -> bool:
    """Whether the sentence of the stride match ``m`` gives its number without stating it
    ("we do not assume stride 1", "stride 1 or 2"): :data:`_DENIED`."""
    return bool(_DENIED.search(_sentence(prose, m)))


def stride_owner(prose: str, m) -> str | None:
    """``"pooling"`` or ``"kernel"``: what the stride number of the match ``m`` (of ``STRIDE_NUMBER``) is
    said of, by the words before it in its clause, else in its sentence.  A pooling named there, or
    right after it, makes it the pooling's ("2 x 2 max pooling with stride 2", "the pooling kernel moves with stride 1",
    "MaxPool2d with kernel size 2 and stride 1", "a stride 2 max pool"); else a kernel word before
    it, the kernel's ("sliding the kernel with stride 1"); None where its sentence names neither.

    >>> [stride_owner(p, STRIDE_NUMBER.search(p)) for p in ("the kernel, pooling with stride 2",
    ...  "pooling, then the filter slides with stride 1", "a stride 2 max pool", "we use stride 2",
    ...  "the filter slides with stride 1, then pooling", "max pooling with stride 2 and the kernel with stride 1")]
    ['pooling', 'kernel', 'pooling', None, 'kernel', 'pooling']
    """
    if _POOLING_AFTER.match(prose, m.end()):
        return "pooling"
    before = prose[_sentence_start(prose, m.start()):m.start()]
    for part in (_CLAUSES.split(before)[-1], before):     # its clause first, else its sentence
        words = list(_OWNER.finditer(part))
        if words:
            return "pooling" if any(_POOLING.match(w.group(0)) for w in words) else "kernel"
    return None


_CLAUSES = re.compile(r"[,;:(]|\band\b|\bthen\b|，|；|：")


def kernel_strides(prose: str) -> list:
    """The distinct stride numbers the prose says of the page's kernel (:func:`stride_owner`), in a
    sentence that states it: not one that denies it, supposes it, compares it or speaks of another
    layer ("if the kernel slid with stride 1", "the first convolution slides with stride 1",
    "by default … stride 1").

    >>> kernel_strides("The kernel slides with stride 1. If the filter moved with stride 2, it would shrink.")
    ['1']
    """
    return list(dict.fromkeys(m.group(1) for m in STRIDE_NUMBER.finditer(prose)
                              if stride_owner(prose, m) == "kernel" and not _hedged(_sentence(prose, m))))


def _hedged(sentence: str) -> bool:
    """Whether ``sentence`` denies or hedges the stride it gives (:data:`_DENIED`, :data:`HEDGED`)."""
    return bool(_DENIED.search(sentence) or HEDGED.search(sentence))


# a sentence whose stride is not the page's own: supposed, compared, another layer's, a default, a remark
HEDGED = re.compile(r"\b(?:if|had|were|suppose\w*|would|could|unlike|compare\w*|versus|vs|default\w*|exercise|"
                     r"previous|next|other|another|elsewhere|first|second|special\s+case|only\s+in|figure|note|"
                     r"footnote|library|libraries|cannot|can't|mistake|nothing|isn't|wasn't)\b|\?", re.I)


_OWNER = re.compile(r"pool\w*|池化|subsampl\w*|downsampl\w*|下采样|kernel|filter|conv\w*|slid\w*|卷积核?|滤波器", re.I)
_POOLING_AFTER = re.compile(r"\s*\$?\s*(?:max(?:imum)?[- ]|average[- ]|mean[- ])?pool", re.I)


# a sentence that gives a stride number without stating it: "we do not assume stride 1", "stride 1 or 2",
# "unlike the stride-1 case" (a negation a few words before the stride, or a second number after it)
_DENIED = re.compile(r"\b(?:not|no|n't|never|unlike|without|instead\s+of|rather\s+than)\b(?:\W+\w+){0,3}?\W+(?:a\s+)?stride"
                     r"|\bstride\s+(?:of\s+)?\$?\s*\d+\s*\$?\s*(?:or|to|-|–)\s*\$?\s*\d", re.I)


def _sentence(prose: str, m, at: int | None = None) -> str:
    """The sentence of ``prose`` that holds the match ``m`` (or, with ``m`` None, the offset ``at``)."""
    begin, end = (m.start(), m.end()) if m is not None else (at, at)
    ends = [e for e in (prose.find(". ", end), prose.find("\n\n", end)) if e != -1]
    return prose[_sentence_start(prose, begin):min(ends) if ends else len(prose)]


def _sentence_start(prose: str, at: int) -> int:
    """Where the sentence of ``prose`` that holds offset ``at`` starts."""
    return max(prose.rfind(". ", 0, at), prose.rfind("\n\n", 0, at), -1) + 1


_POOLING = re.compile(r"pool|池化|subsampl|downsampl|下采样", re.I)
_CONVOLUTION = re.compile(r"convol|\bconv\b|卷积|Faltung|畳み込み|합성곱", re.I)       # a stride said of the convolution too
_BOTH = re.compile(r"\bboth\b|\bas well\b|\balso\b|\btoo\b|\bsame\b|都|也|同样", re.I)


def pooling_sentence(prose: str, at: int) -> bool:
    """Whether the sentence of ``prose`` around offset ``at`` speaks of pooling and not of a convolution ("A 6 x 6
    image pooled with 2 x 2 windows and stride 2"): its sizes are the pooling example's.

    >>> pooling_sentence("Conv first. A 6 x 6 image pooled with 2 x 2 windows.", 15), pooling_sentence("A 6 x 6 input.", 3)
    (True, False)
    """
    sentence = _sentence(prose, None, at)
    return bool(_POOLING.search(sentence)) and not _CONVOLUTION.search(sentence)


def stride_of_pooling(prose: str) -> bool:
    """Whether every paragraph of ``prose`` that gives a stride number speaks of pooling
    ("Usually 2x2 with stride 2 (halves the size) … max pooling passes …"): that stride is
    the pooling layer's, not the convolution's.

    >>> stride_of_pooling("Max pooling, usually 2x2 with stride 2.")
    True
    >>> stride_of_pooling("A 3x3 kernel with a stride of 2.\\n\\nThen max pooling.")
    False
    >>> stride_of_pooling("Pooling with stride 2. The kernel slides with stride 1.")
    False
    >>> stride_of_pooling("Both the convolution and the pooling after it use stride 2.")
    False
    >>> stride_of_pooling("The convolution's output goes through max pooling with stride 2.")
    True
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", prose) if STRIDE_NUMBER.search(p)]
    shared = any(_CONVOLUTION.search(sentence := _sentence(prose, m)) and (stride_owner(prose, m) != "pooling" or _BOTH.search(
        sentence)) for m in STRIDE_NUMBER.finditer(prose))      # "both the convolution and the pooling use stride 2"
    return bool(paragraphs) and all(_POOLING.search(p) for p in paragraphs) and not kernel_strides(prose) and not shared



# "stride t", "a stride of $s$", "步长 t": the prose naming a stride by a letter (not "s = 2")
_STRIDE_LETTER = re.compile(r"(?:\bstride\s+(?:of\s+)?|步长\s*)[$`]?\s*([A-Za-z])\s*[$`]?(?![A-Za-z=]|\s*=)", re.I)   # `s` too


def prose_stride_letters(text: str) -> frozenset:
    """The letters the prose names as the stride (``with stride t``, ``a stride of $s$``); a
    number the prose gives as a stride elsewhere (another example's "stride 1") does not bind
    such a letter of the forward.
    Example: ``prose_stride_letters("W a p x q matrix, stride t, and X")`` → ``frozenset({'t'})``;
    a one-letter word is no letter outside maths: ``prose_stride_letters("SIN stride o padding")`` → ``frozenset()``."""
    return frozenset(m.group(1) for m in _STRIDE_LETTER.finditer(text)
                     if "$" in m.group(0) or "`" in m.group(0) or m.group(1) not in _ONE_LETTER_WORDS)


_ONE_LETTER_WORDS = frozenset("aAeiIoOuy")

def unit_stride_said(text: str, letters=()) -> str | None:
    """The sentence of the prose of ``text`` (displays and comments not read) that gives the page's
    kernel a unit stride: "sliding the kernel with stride 1", "with unit stride", "stride one",
    "a stride-1 convolution", "步长为 1", "$S = 1$" for a stride letter of ``letters``; not one that
    gives it to a pooling, denies it or supposes it (:func:`stride_owner`);
    None where there is none.  A claim that writes no stride and holds at stride 1 only, on such a
    page, may be the author's worked example: unchecked, never refuted, never held for it.

    >>> unit_stride_said("slid with stride $S$. In the example the kernel slides with unit stride.")
    'In the example the kernel slides with unit stride'
    >>> unit_stride_said("If the kernel slid with stride 1, it would be 4 x 4. Pooling with stride 1.") is None
    True
    >>> unit_stride_said("Sliding the kernel with stride 1 gives a 4 x 4 map, and pooling halves it.")
    'Sliding the kernel with stride 1 gives a 4 x 4 map, and pooling halves it'
    >>> unit_stride_said("In this worked example $S = 1$ and the map is 4 x 4.", ("S",))
    'In this worked example $S = 1$ and the map is 4 x 4'
    """
    prose = re.sub(r"(?m)^[ ]{0,3}#.*$", " ", DISPLAY.sub(" ", text))       # nor headings ("Step 1 — …")
    spelled = _UNIT_STRIDE_WORDS + "".join(r"|\$\s*" + re.escape(s) + r"\s*=\s*1\s*\$" for s in letters)
    for m in re.finditer(spelled, prose, re.I):
        sentence = _sentence(prose, m)
        if stride_owner(prose, m) == "pooling" or _hedged(sentence):
            continue
        return re.sub(r"\s+", " ", sentence).strip(" .")
    return None


# a unit stride in words: "unit stride", "stride 1", "stride one", "the stride of the kernel is 1", "the stride $S$ is 1",
# "步长为 1", "a step of 1", "one pixel at a time"
_UNIT_STRIDE_WORDS = "|".join([
    r"unit[\s-]+stride",
    r"stride[\s-]+(?:of\s+(?:the\s+|its\s+)?(?:kernel|filter|convolution)\s+)?(?:of\s+|is\s+|=\s*|equals?\s+|equal\s+to\s+)?"
    r"\$?\s*(?:1|one)\s*\$?(?!\.\d|\d)",
    r"步[长幅]\s*(?:为|是|=)?\s*\$?\s*1(?!\d)",
    r"stride\s+\$?[A-Za-z]\$?\s+(?:is|equals)\s+\$?(?:1|one)(?!\.\d|\d)",
    r"\bstep(?:\s+size)?\s+of\s+\$?(?:1|one)(?!\.\d|\d)|\bstep\s+size\s+\$?(?:1|one)(?!\.\d|\d)",
    r"\b(?:one|1)\s+(?:pixel|position|entry|step)\s+at\s+a\s+time"])
# one-letter words outside maths: "SIN stride o padding" (Spanish "or"), "stride y padding", "stride e padding"


#: a sentence that sets the formula after it aside: supposed, contrasted, another text's, an exercise
#: (red teams 46, 47: flipped entry rows "the signal-processing convolution would give", "Unlike $z = Wx + b$, …")
ASIDE = re.compile(r"\b(?:would|could|if|suppose\w*|contrast|instead|unlike|exercise|check\s+that|textbooks?|"
                   r"signal[- ]processing|for\s+comparison|compare\w*|other\s+convention|many\s+texts|other\s+texts|"
                   r"confuse|often\s+written|usual(?:ly)?|notation\s+of|in\s+\w+'s\s+notation)\b", re.I)


def aside_before(text: str, at: int) -> str | None:
    r"""The sentence of ``text`` that runs up to offset ``at`` (displays left out, and a display's opening
    ``$$`` / ``\[`` just before ``at``), where it sets what follows aside (:data:`ASIDE`); else None.  One
    reading for a formula in the prose (an inline forward) and for a display (flipped entry rows).

    >>> aside_before("Unlike $z = Wx + b$, we use", 7), aside_before("For the layer $z = Wx + b$ the gradients", 14)
    ('Unlike', None)
    >>> page = "We use it. A flipped kernel would give\n\n$$\ny_{1,1} = w_{0,0} x_{1,1}\n$$"
    >>> aside_before(page, page.find("y_{1,1}"))
    'A flipped kernel would give'
    """
    before = DISPLAY.sub(" ", text[:at]).rstrip(" $\n\\[")
    sentence = before[_sentence_start(before, len(before)):].strip()
    return sentence if ASIDE.search(sentence) else None

