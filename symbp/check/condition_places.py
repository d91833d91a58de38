r"""Which display a condition written in the prose belongs to: the one after it, or the one before.

Authors state a case's condition either before its display ("For $i \neq j$: $$…$$", "and, for
$j \neq k$, $$…$$") or after it ("$$…$$ if $i = j$, and $$…$$ otherwise.", "$$A$$ when $i = j$;
$$B$$ when $i \neq j$.").  A paragraph that is only a condition and stands between two displays may
be either.  Read under the wrong case, a claim true off the diagonal is refuted, and worse, a false
one that happens to hold on the diagonal holds; so a condition is used only where its place is
settled, and a claim whose place is not settled is unchecked where the condition would matter.

A condition paragraph (one that opens with a condition word and an index comparison, :data:`_OPENS`)
is placed by how it is written (:func:`_place`):

* **before** the next display: it ends in a colon, or opens with a conjunction and ends in a comma
  ("and, for $j \neq k$,");
* **after** the display above it: it ends the sentence ("if $i \neq j$."), or ends in ", and" /
  ", or" (the next display is the next case);
* **either** otherwise ("if $i = j$,", "when $i = j$;"): settled by its neighbours where they are
  placed (a display whose own condition follows it makes the paragraph before it the previous
  display's; one whose condition leads it makes the paragraph after it the next one's), else left
  open: the displays on both sides read it as a condition symbp does not read.

"otherwise" (否则, sinon, en otro caso) after a display is a condition that names the other case:
not read, the claim unchecked where it matters.
"""
from __future__ import annotations

import re

from .calc_prose import LIST_ITEM, UNREAD, _marked, _stated, _worded, plain_emphasis, prose_condition

_CONDITION_WORD = (r"(?:for(?:\s+all)?|if|when|whenever|where|si|pour|para|cuando|quand|lorsque|wenn|falls|für|"
                   r"当|若|如果)")
_CONJUNCTION = r"(?:and|or|but|while|whereas|similarly|likewise|finally|lastly|then|now|next|also|analogously|et|y|und)"
# a paragraph that opens with a condition: "if $i = j$,", "and, for $j \neq k$,", "当 $i = j$ 时，"
_OPENS = re.compile(r"^\s*(?:" + _CONJUNCTION + r"\s*,?\s*)?" + _CONDITION_WORD + r"(?![A-Za-z])\s*\x00", re.I)
_LEADING_CONJUNCTION = re.compile(r"^\s*" + _CONJUNCTION + r"(?![A-Za-z])", re.I)
_OTHERWISE = re.compile(r"^\s*(?:and\s+|or\s+)?(?:otherwise|else|elsewhere|in all other cases|for all other \w+|"
                        r"sinon|autrement|en otro caso|de lo contrario|sonst|andernfalls|否则|其他情况|其余情况)\s*[.,;:。，；]?\s*$",
                        re.I)
BEFORE, AFTER, EITHER = "before", "after", "either"
DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)      # a Markdown or LaTeX display, its body


def _paragraphs(text: str) -> list:
    """The paragraphs of ``text``, without bold and italic marks (``**for $i \\neq j$,** and``: a condition as plain words)."""
    return [plain_emphasis(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _condition_paragraph(paragraph: str) -> bool:
    paragraph = LIST_ITEM.sub("", paragraph)
    return len(paragraph) <= 200 and bool(_OPENS.match(_marked(_worded(paragraph).replace("≠", "\\neq "))))


def _place(paragraph: str) -> str:
    """Where a condition paragraph between two displays is written to belong (the module docstring); a list
    item's ("- When $j = i$") leads the display after it, unless it ends the sentence."""
    text = paragraph.rstrip()
    if LIST_ITEM.match(text) and not re.search(r"[.。!！]$", text):
        return BEFORE
    if re.search(r"[:：]$", text) or (_LEADING_CONJUNCTION.match(text) and re.search(r"[,，]$", text)) or \
            (re.match(r"\s*[A-Z]", text) and re.search(r"[,，]$", text)):     # "For $j \neq k$,": a new sentence
        return BEFORE
    if re.search(r"[.。!！]$", text) or re.search(r"[,，]\s*(?:and|or|et|y|und|ou|o)$", text, re.I):
        return AFTER
    return EITHER


def _reading(paragraph: str):
    """The condition a condition paragraph states: ("eq" | "ne", a, b), or (UNREAD, its words)."""
    worded = _worded(LIST_ITEM.sub("", paragraph))
    bare = re.sub(r"[\s,，.。;；:：!！]+$", "", re.sub(r"[,，]\s*(?:and|or|et|y|und|ou|o)$", "", worded.rstrip(), flags=re.I))
    bare = re.sub(r"^\s*(?:" + _CONJUNCTION + r"\s*,?\s*)", "", bare, flags=re.I)
    marked = _marked(bare)
    found = _stated(bare) if re.fullmatch(r"\s*" + _CONDITION_WORD + r"\s*\x00\s*(?:时|的时候)?\s*", marked, re.I) else None
    return found if found is not None and found[0] != UNREAD else (UNREAD, " ".join(paragraph.split()))


def _places(text: str, spans: list):
    """(each display's prose before it, its paragraphs after it, its condition paragraph after it or None,
    where that paragraph belongs: BEFORE the next display, AFTER this one, EITHER, or None)."""
    count = len(spans)
    befores = [text[(spans[k - 1][1] if k else 0):start] for k, (start, _) in enumerate(spans)]
    afters = [_paragraphs(text[end:(spans[k + 1][0] if k + 1 < count else len(text))]) for k, (_, end) in enumerate(spans)]
    after = [a[0] if a and _condition_paragraph(a[0]) else None for a in afters]
    place = []
    for k, paragraph in enumerate(after):
        written = _place(paragraph) if paragraph else None
        between = len(afters[k]) == 1 and k + 1 < count           # nothing but it before the next display
        place.append(written if between or written is None else None if written == BEFORE else written)
    for k in range(count):                                        # "either", settled by placed neighbours
        if place[k] == EITHER and len(afters[k]) == 1 and k + 1 < count:
            if place[k + 1] == AFTER:
                place[k] = AFTER
            elif k > 0 and place[k - 1] == BEFORE and len(afters[k - 1]) == 1:
                place[k] = BEFORE
    return befores, afters, after, place


def display_conditions(text: str, spans: list) -> list:
    r"""Each display's condition from the prose round it (``spans``: each display's (start, end) in
    ``text``): ("eq" | "ne", a, b), (UNREAD, words) where a condition may apply but is not read or
    not placed, or None.

    >>> page = "$$A$$\n\nif $i = j$,\n\n$$B$$\n\nif $i \\neq j$.\n"
    >>> display_conditions(page, [(0, 5), (20, 25)])
    [('eq', 'i', 'j'), ('ne', 'i', 'j')]
    >>> display_conditions("$$A$$\n\nand, for $i \\neq j$,\n\n$$B$$\n\nMore.", [(0, 5), (29, 34)])
    [None, ('ne', 'i', 'j')]
    >>> [c[0] for c in display_conditions("$$A$$\n\nif $i = j$,\n\n$$B$$\n\nMore.", [(0, 5), (20, 25)])]
    ['unread', 'unread']
    >>> display_conditions("$$A$$\n- Lorsque $j = i$\n\n$$B$$\n", [(0, 5), (25, 30)])
    [None, ('eq', 'j', 'i')]
    """
    befores, afters, after, place = _places(text, spans)
    out = []
    for k in range(len(spans)):
        own = []
        if after[k] is not None and place[k] in (AFTER, EITHER):
            own.append(_reading(after[k]) if place[k] == AFTER else (UNREAD, " ".join(after[k].split())))
        elif afters[k] and _OTHERWISE.match(afters[k][0]):
            own.append((UNREAD, afters[k][0]))
        shared = k > 0 and after[k - 1] is not None and len(afters[k - 1]) == 1
        if shared and place[k - 1] in (BEFORE, EITHER):
            own.append(_reading(after[k - 1]) if place[k - 1] == BEFORE else (UNREAD, " ".join(after[k - 1].split())))
        elif not shared and (lead := prose_condition(befores[k])) is not None:
            own.append(lead)
        out.append(None if not own else own[0] if len(set(own)) == 1 else (UNREAD, "; ".join(
            c[1] if c[0] == UNREAD else f"{c[1]} {'=' if c[0] == 'eq' else '≠'} {c[2]}" for c in own)))
    return out


def lead_settled(text: str, spans: list, k: int) -> bool:
    """Whether the paragraph just before display ``k`` may be read as leading it: not a condition
    paragraph right after display ``k - 1`` that belongs to that display or whose place is open."""
    if not 0 < k < len(spans):
        return True
    _, afters, after, place = _places(text, spans)
    if len(afters[k - 1]) != 1:
        return True
    if after[k - 1] is None:       # "(if $i = j$),", "exactly when $i = j$,": a paragraph alone between two displays
        return bool(re.search(r"[:：]\s*$", afters[k - 1][0]))     # leads only with its colon (red team 52)
    return place[k - 1] == BEFORE


def placed_at(text: str, line: int | None):
    """(whether the paragraph before the display of ``text`` on ``line`` (1-based) may lead it
    (:func:`lead_settled`), that display's condition (:func:`display_conditions`))."""
    spans = [m.span() for m in DISPLAY.finditer(text)]
    for k, (start, end) in enumerate(spans):
        if line is not None and text.count("\n", 0, start) + 1 <= line <= text.count("\n", 0, end) + 1:
            return lead_settled(text, spans, k), display_conditions(text, spans)[k]
    return True, None
