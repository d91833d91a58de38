r"""A condition written inside a display after its formula, read as the claim's condition.

Authors put the condition of a derivative's closed form on the same line as the formula:
``\frac{\partial z_i}{\partial w_{jk}} = a_k \quad \text{if } i = j``,
``= a_k, \quad \text{if } i = j``, ``\text{when } i = j``, ``\text{for } i = j``,
``\qquad (i = j)``, ``\text{unless } i = j``, ``\text{except when } i \neq j``,
``\text{if not } i = j``, ``\quad \text{当 } i = j \text{ 时}``.  The condition holds an ``=``
of its own, so it must be cut off before the display is split into sides.

:func:`split_display_condition` cuts it off; the index reader checks the claim only where the
condition holds (:mod:`symbp.check.index_eval`, through :mod:`symbp.check.index_cases`'s
condition reader).  A negated condition (*unless*, *except when*, *if not*) is read only when it
is one comparison, turned round; *otherwise*, *else*, an *or*, or anything else this module
cannot read soundly gives ``unreadable`` and the claim stays unchecked.  ``for all i, j`` is no
condition at all.  Conditions the sentence BEFORE a display states are
:mod:`symbp.check.prose_conditions`'; ``\begin{cases}`` is :mod:`symbp.check.index_cases`'.

>>> split_display_condition(r"\frac{\partial z_i}{\partial w_{jk}} = a_k, \quad \text{if } i = j")
DisplayCondition(head='\\frac{\\partial z_i}{\\partial w_{jk}} = a_k', condition='i = j', negated=False, unreadable=None, word='if')
>>> split_display_condition(r"y = -p_i p_j \quad \text{unless } i = j").negated
True
>>> split_display_condition(r"y = x_{i} + 1") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# a separator before the condition: \quad, \qquad, \, \; \: \  ~, a comma, spaces
_GAP = r"(?:\s|,|~|\\q?quad\b|\\[,;: !]|\\hspace\s*\{[^{}]*\})"
# \text{if }, \text{ when }, \mbox{if}, \textrm{for}, \mathrm{if}: the word that opens a condition
_WORD = re.compile(r"\\(?:text|mbox|textrm|mathrm|textnormal|operatorname)\s*\{\s*"
                   r"(if\s+not|if|whenever|when|for|unless|except\s+when|except\s+if|provided(?:\s+that)?|where|"
                   r"in\s+case|sauf\s+si|salvo\s+si|außer\s+wenn|ausser\s+wenn|a\s+menos\s+que|à\s+moins\s+que|"
                   r"but\s+not\s+when|除非|si|falls|wenn|sofern|lorsque|quand|cuando|se|"
                   r"s[oó]lo\s+si|only\s+if|otherwise|else|当|若|如果)(?![^\W\d_])\s*(.*?)\}", re.S)
# words that open a condition in the sense of *if* (other languages: si, falls, wenn, lorsque, …)
_IF_WORDS = {"if", "when", "whenever", "provided", "provided that", "in case", "si", "falls", "wenn", "sofern",
             "lorsque", "quand", "cuando", "se", "当", "若", "如果"}
# words that open a negated condition (*unless*): the claim holds where the comparison is false
_UNLESS_WORDS = {"if not", "unless", "except when", "except if", "sauf si", "salvo si", "außer wenn",
                 "ausser wenn", "a menos que", "à moins que", "but not when", "除非"}
# any other words in \text{…} after the formula, followed by a comparison: a condition not read
_ANY_WORDS = re.compile(r"\\(?:text|mbox|textrm|textnormal)\s*\{\s*([^{}=]*[^\W\d_][^{}=]*?)\s*\}\s*(.*)$", re.S)
_ZH_END = re.compile(r"\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:时|的时候)\s*[,.，。]?\s*\}\s*[,.]?\s*$")
_RELATION = re.compile(r"=|\\neq?\b|\\le(?:q|qslant)?\b|\\ge(?:q|qslant)?\b|<|>|≤|≥|≠")
_PAREN = re.compile(r"(?:\\q?quad\b|\\[,;: ])\s*(?:\\left)?\s*\(([^()]*)(?:\\right)?\s*\)\s*[.,]?\s*$")
_INDEX_TEXT = re.compile(r"(?:[A-Za-z]|[0-9]|\s|[+\-=<>,]|\\neq?\b|\\le(?:q)?\b|\\ge(?:q)?\b|[{}_]|≤|≥|≠)+")


@dataclass
class DisplayCondition:
    head: str                   # the display without its condition
    condition: str              # the condition's text, LaTeX the index reader's condition parser takes
    negated: bool               # unless / except when / if not: the claim holds where it is false
    unreadable: str | None      # why the condition cannot be read soundly (then the claim is unchecked)
    word: str = ""              # the word that opens it (if, when, unless, 当, …; "(" for a parenthesis)


def _depth_zero(latex: str, at: int) -> bool:
    depth = 0
    for ch in latex[:at]:
        depth += {"{": 1, "}": -1}.get(ch, 0)
    return depth == 0


def split_display_condition(latex: str) -> DisplayCondition | None:
    r"""The display ``latex`` (one string, ``lhs = rhs …  <condition>``) cut before a condition
    written after its last formula, or None when it writes none.

    Only a condition after at least one ``=`` counts (the formula comes first); the head keeps every
    side.  Example: ``a_k \quad \text{当 } i = j \text{ 时}`` → head ``a_k``, condition ``i = j``.
    """
    if "=" not in latex or r"\begin{cases}" in latex:
        return None
    word = next((m for m in _WORD.finditer(latex) if _depth_zero(latex, m.start())
                 and "=" in latex[:m.start()]), None)
    if word is not None:
        head = re.sub(rf"{_GAP}*$", "", latex[:word.start()])
        key = re.sub(r"\s+", " ", word.group(1))
        tail = (word.group(2) + " " + latex[word.end():]).strip()
        tail = _ZH_END.sub("", tail).strip().rstrip(".,;，。 ")
        if key in ("otherwise", "else"):
            return DisplayCondition(head, "", False, f"the condition '{key}' refers to other cases "
                                                     "this display does not write")
        if key == "for" and re.match(r"(?:all|every|each|any)\b|\\forall", tail):
            return DisplayCondition(head, "", False, None)       # for all i, j: no restriction
        if key == "where":                   # "where m = p - i, n = q - j": index letters named; "where δ = …" not read
            named = where_indices(head, tail)
            return DisplayCondition(named, "", False, None, "where") if named is not None else \
                DisplayCondition(head, "", False, "a 'where' clause after the formula")
        if key not in _IF_WORDS and key not in _UNLESS_WORDS and key != "for":     # only if, sólo si
            return DisplayCondition(head, tail, False, f"a condition '{key} {tail}' this reader does not read "
                                                       "as the claim's domain")
        found = _read(head, tail, key in _UNLESS_WORDS)
        found.word = key
        return found
    unknown = next((m for m in _ANY_WORDS.finditer(latex) if _depth_zero(latex, m.start())
                    and "=" in latex[:m.start()] and _RELATION.search(m.group(2))
                    and _INDEX_TEXT.fullmatch(re.sub(r"\\(?:text|mbox|textrm)\s*\{[^{}]*\}|\\q?quad\b|\\[,;: ]|[.;]",
                                                     " ", m.group(2)).replace(r"\land", ","))), None)
    if unknown is not None:                 # \text{sinon si } i = j: words this reader does not know
        head = re.sub(rf"{_GAP}*$", "", latex[:unknown.start()])
        return DisplayCondition(head, unknown.group(2).strip(), False, f"a condition opened by words this "
                                f"reader does not know ('{unknown.group(1)}'): not read")
    paren = _PAREN.search(latex)
    if paren and _RELATION.search(paren.group(1)) and _depth_zero(latex, paren.start()) \
            and "=" in latex[:paren.start()]:
        found = _read(latex[:paren.start()].rstrip(" ,"), paren.group(1).strip(), False)
        found.word = "("
        return found
    return None


#: a where clause's naming of one index letter: "m = p - i" (a letter, then a sum of letters and whole numbers)
INDEX_NAMING = re.compile(r"^([a-z])\s*=\s*([a-z0-9+\-\s]+)$")
_SUBSCRIPT = re.compile(r"(\\?[A-Za-z]*)_(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])")    # a name's, or a macro's (\sum_m)


def where_indices(head: str, tail: str) -> str | None:
    r"""``head`` with the index letters a ``where`` clause names put in their places
    (``F_{m,n} \quad \text{where} \quad m = p - i,\; n = q - j`` → ``F_{p - i,q - j}``), or None
    where the clause is anything else: a letter that is not one, a value that is not a sum of index
    letters and whole numbers, a letter written outside the subscripts of the right side (a sum's
    index, a size), or one standing in a product or after a minus.

    >>> where_indices(r"\frac{\partial O_{i,j}}{\partial X_{p,q}} = F_{m,n}", r"m = p - i,\; n = q - j")
    '\\frac{\\partial O_{i,j}}{\\partial X_{p,q}} = F_{p - i,q - j}'
    >>> where_indices(r"y = \sum_m w_{m}", "m = i + 1") is None
    True
    """
    parts = [p.strip() for p in re.split(r",|\\[,;: ]|\\q?quad\b|\\text\s*\{\s*and\s*\}", tail) if p.strip()]
    named = [INDEX_NAMING.match(p) for p in parts]
    if not parts or not all(named) or "=" not in head:
        return None
    cut = head.index("=")
    left, right = head[:cut], head[cut:]
    for m in named:
        letter, value = m.group(1), " ".join(m.group(2).split())
        whole = re.compile(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])")
        if whole.search(left) or letter in value or not whole.search(right):
            return None
        outside = _SUBSCRIPT.sub(lambda s: s.group(0) if s.group(1).startswith("\\") else " " * len(s.group(0)), right)
        if whole.search(outside):
            return None
        ok = True

        def put(sub, letter=letter, value=value, whole=whole):
            nonlocal ok
            if sub.group(1).startswith("\\"):
                return sub.group(0)
            inner = sub.group(2)[1:-1] if sub.group(2).startswith("{") else sub.group(2)
            for at in whole.finditer(inner):
                before, after = inner[:at.start()].rstrip(), inner[at.end():].lstrip()
                if before[-1:] not in ("", ",", "+") or after[:1] not in ("", ",", "+", "-"):
                    ok = False
            return sub.group(1) + "_{" + whole.sub(value, inner) + "}"
        right = _SUBSCRIPT.sub(put, right)
        if not ok:
            return None
    return left + right


def _read(head: str, tail: str, negated: bool) -> DisplayCondition:
    tail = re.sub(r"\\(?:text|mbox|textrm|mathrm)\s*\{\s*and\s*\}", r" \\land ", tail)
    tail = re.sub(r"\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:且|并且|和)\s*\}", r" \\land ", tail)
    tail = re.sub(r"\\q?quad\b|\\[,;: ]", " ", tail).strip().rstrip(".,; ")
    if re.search(r"\\text|\\mbox|\bor\b|\\lor|\\vee|\\cup|\\forall|\\in\b|\\mid", tail) \
            or not _RELATION.search(tail) or not _INDEX_TEXT.fullmatch(tail.replace(r"\land", ",")):
        return DisplayCondition(head, tail, negated, f"a condition this reader does not take: '{tail}'")
    if negated and (re.search(r"\\land|,", tail) or len(_RELATION.findall(tail)) != 1):
        return DisplayCondition(head, tail, negated, f"a negated condition of several parts: '{tail}'")
    return DisplayCondition(head, tail, negated, None)


_FLIP = {"=": "!=", "!=": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}


def negate_comparison(cond):
    """``Op('cmp', ((a, b), (rel,)))`` turned round (``=`` ↔ ``≠``, ``<`` ↔ ``≥``): the claim of
    an *unless* holds where the comparison is false.  None when ``cond`` is not one comparison."""
    from .index_tree import Op
    if getattr(cond, "kind", None) != "cmp" or len(cond.args[1]) != 1:
        return None
    terms, rels = cond.args
    return Op("cmp", (terms, (_FLIP[rels[0]],)))


_FLIP_TEXT = [(r"\\neq?(?![A-Za-z])|≠", "="), (r"(?<![<>\\])=", r"\\neq"), (r"\\le(?:q|qslant)?(?![A-Za-z])|≤", ">"),
              (r"\\ge(?:q|qslant)?(?![A-Za-z])|≥", "<"), (r"<", r"\\geq"), (r">", r"\\leq")]


def canonical_condition(latex: str) -> str:
    r"""The display with a condition written after its formula in the one spelling every reader
    takes, ``… \quad \text{if } <condition>``: *when*, *for*, ``(i = j)``, 当…时 as *if*; *unless* /
    *except when* / *if not* with its one comparison turned round; ``for all i, j`` dropped.  A
    display without one, or with one not read soundly, is returned as it is.

    >>> canonical_condition(r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad \text{unless } i = j")
    '\\frac{\\partial p_i}{\\partial z_j} = -p_i p_j \\quad \\text{if } i \\neq j'
    """
    shown = split_display_condition(latex)
    if shown is None or shown.unreadable or shown.word in ("if", "for") and shown.condition:
        return latex                # \text{if } / \text{for } z > 0: every reader's own spelling already
    if not shown.condition:
        return shown.head
    condition = shown.condition
    if shown.negated:
        for pattern, repl in _FLIP_TEXT:
            if re.search(pattern, condition):
                condition = re.sub(pattern, repl, condition, count=1)
                break
    return f"{shown.head} \\quad \\text{{if }} {condition}"
