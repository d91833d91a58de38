r"""Definitions a page writes in its prose (``In this section $p = \tanh(z)$.``) that differ from
the one the scalar-layer reader (:mod:`symbp.check.calc_graph`) read from the displays.

The reader's forward comes from displays.  When the prose then says, inline, that a name is
something else, a claim under it is about which p?  This reader does not decide: a verdict on
such a claim becomes unchecked, naming both definitions.  A prose definition rules the text
below it and the claims of its own heading's part (``… = (p - y)p(1 - p), where $p = \tanh(z)$
now``).

>>> found = ProseDefinitions("# Tanh\nIn this section $p = \\tanh(z)$.\n$$ x $$")
>>> [(name, latex) for _, name, _, latex in found.rows]
[('p', '\\tanh(z)')]
"""
from __future__ import annotations

import re

from .calc_parse import CalcParseError, parse_expression
from .calc_rows import split_sides
from .calc_tree import kinds_in, names_in, upstream

_INLINE = re.compile(r"(?<![$\\])\$([^$]+)\$(?!\$)")
_HEADING = re.compile(r"(?m)^\s{0,3}#")
_KINDS = {"exp", "log", "sigma", "tanh"}


# a sentence that states a formula as a contrast or a hypothesis, not as the page's own: the words, then other scripts
_CONTRAST_WORDS = (r"unlike|instead|rather than|not|no longer|whereas|versus|vs\.?|would|could|might|alternative(?:ly)?|"
                   r"compared?|suppose|if we|vez|lugar|au lieu|contrairement|statt|anstatt|nicht|gegensatz")
_CONTRAST_MARKS = r"n't|不同于|而不是|不是|不用|不使用|不采用|之前|上一|以前|代わりに|ではなく|대신|아닌|вместо|не\s|в отличие"
# … or as an example, or of another time ("for example", "the previous post"): an aside too, but a forward stated
# that way ("for an example with D features, $\hat{a}_k = …$", "with $\bar{\mu}$ the previous running mean") is
# still the page's own (ProseDefinitions.stated)
_EXAMPLE_WORDS = r"previous(?:ly)?|last|earlier|other|e\.g\.|for example|for instance|such as|say|ejemplo|exemple|beispiel"
_EXAMPLE_MARKS = r"例如|比如|例えば|예를|например"
_CONTRAST = re.compile(rf"\b(?:{_CONTRAST_WORDS})\b|{_CONTRAST_MARKS}", re.I)
# … and a condition ("when $\gamma = \sigma_B$ and $\beta = \mu_B$, BN is the identity", 当…时, 若): no name it sets is
# the page's definition of a name its displays use (ProseDefinitions.given; a forward stated so is still the page's)
_HYPOTHESIS = re.compile(rf"\b(?:{_CONTRAST_WORDS}|if|when|whenever)\b|{_CONTRAST_MARKS}|当|若|如果|假如|假设", re.I)
_ASIDE = re.compile(rf"\b(?:{_CONTRAST_WORDS}|{_EXAMPLE_WORDS})\b|{_CONTRAST_MARKS}|{_EXAMPLE_MARKS}", re.I)
_LAYOUT = re.compile(r"\\(?:d?t?frac|sqrt|left|right|cdot|times|q?quad|[,;:! ])(?![A-Za-z])")
_NAMED = re.compile(r"[A-Za-z]")          # a right side with a name in it, not a worked example's [0.1, 0.6, 0.3]
_SENTENCE_END = re.compile(r"[.!?。！？]\s|\n\s*\n")


def _aside(text: str, start: int, end: int, words=_ASIDE) -> bool:
    """Whether the sentence around ``text[start:end]`` (an inline formula) states it as an aside: a
    contrast ("unlike the cross-entropy $L = …$ of the last post"), an example or a hypothesis."""
    before = text[max(0, start - 300):start]
    cut = list(_SENTENCE_END.finditer(before))
    after = text[end:end + 300]
    stop = _SENTENCE_END.search(after)
    sentence = before[cut[-1].end():] if cut else before
    sentence += " " + (after[:stop.start()] if stop else after)
    return words.search(re.sub(r"\$[^$]*\$", " ", sentence)) is not None


_DOUBT = re.compile(r"\b(?:mistake|wrong(?:ly)?|incorrect(?:ly)?|error|erroneous(?:ly)?|naive(?:ly)?|pitfall|no)\b|\?|错误|错|误", re.I)


_MISTAKE = re.compile(r"\b(?:mistake|wrong(?:ly)?|incorrect(?:ly)?|error|erroneous(?:ly)?|naive(?:ly)?|pitfall)\b|\?|错误|错|误", re.I)


def _doubted(text: str, start: int, end: int, name: str | None, doubt=_DOUBT) -> bool:
    """Whether a shorthand ``$name = …$`` is stated as a mistake or a question ("A common mistake is to take
    $s = σ^2 + ε$", "Is $s = …$? No"), or its name is spoken of alone elsewhere ("$s$ denotes the step
    size"): then it is not the page's definition."""
    before, after = text[max(0, start - 200):start], text[end:end + 120]
    cut = list(_SENTENCE_END.finditer(before))
    stop = _SENTENCE_END.search(after)
    sentence = (before[cut[-1].end():] if cut else before) + " " + (after[:stop.end()] if stop else after)
    alone = name is not None and re.search(r"\$\s*" + re.escape(name) + r"\s*\$", text) is not None
    return alone or doubt.search(re.sub(r"\$[^$]*\$", " ", sentence)) is not None


def _sizes_product(tree) -> bool:
    r"""Whether ``tree`` multiplies sizes: two or more factors, each a number or a bare capital letter
    (``B \cdot H \cdot W``, ``2N``), as a page says how many entries a count ``m`` covers."""
    factors = tree[1] if tree[0] == "mul" else []
    return len(factors) >= 2 and any(f[0] == "ref" for f in factors) and all(
        f[0] == "num" or f[0] == "ref" and not f[2] and len(f[1]) == 1 and f[1].isupper() for f in factors)


class ProseDefinitions:
    """The page's inline ``$name = f(…)$`` rows with an exp / log / σ / tanh in them, and where."""

    def __init__(self, text: str):
        text = re.sub(r"\$\$.*?\$\$", lambda m: " " * len(m.group(0)), text, flags=re.S)
        self._headings = [m.start() for m in _HEADING.finditer(text)]
        self.rows = []                                   # (offset, name, tree, right side's LaTeX)
        self._asides: set = set()                        # their offsets in a sentence that sets them aside
        self.given = []                                  # (name, row): any ``$\hat y_i = w x_i + b$``
        self.stated = []                                 # (offset, row): the same, stated as the page's own
        for m in _INLINE.finditer(text):
            sides = split_sides(m.group(1))
            if len(sides) != 2:
                continue
            lhs = rhs = None
            try:
                lhs = parse_expression(sides[0])
                rhs = parse_expression(sides[1])
            except (CalcParseError, RecursionError):
                if lhs is not None and _NAMED.search(_LAYOUT.sub("", sides[1])) and self._stated(lhs, None, text, m):
                    self.stated.append((m.start(), m.group(1).strip()))     # σ² = … μ_B^2: the page's, not read
                continue
            if lhs[0] == "ref" and not lhs[2] and kinds_in(rhs) & _KINDS and lhs[1] not in names_in(rhs):
                self.rows.append((m.start(), lhs[1], rhs, sides[1].strip()))
                self._asides |= {m.start()} if _aside(text, m.start(), m.end()) else set()
            if _sizes_product(rhs):
                continue                                 # "(so $m = B \cdot H \cdot W$)": a count, not a forward row
            if lhs[0] == "ref" and lhs[1] not in names_in(rhs) and names_in(rhs) and not _aside(
                    text, m.start(), m.end(), _HYPOTHESIS):    # "when $\gamma = \sigma_B$, …": a hypothesis, no row
                self.given.append((lhs[1], m.group(1).strip(), names_in(rhs) if not lhs[2] and not _aside(
                    text, m.start(), m.end()) and not _doubted(text, m.start(), m.end(), sides[0].strip()) else None, m.start()))
            if self._stated(lhs, rhs, text, m):
                self.stated.append((m.start(), m.group(1).strip()))

    @staticmethod
    def _stated(lhs, rhs, text: str, m) -> bool:
        """Whether the inline row ``m`` (its sides' trees; ``rhs`` None where it does not parse) defines a name
        of its left side (a power's base: ``σ² = …``) from others, stated as the page's own."""
        head = lhs[1] if lhs[0] == "pow" else lhs
        return head[0] == "ref" and (rhs is None or head[1] not in names_in(rhs) and bool(names_in(rhs))) and not _aside(
            text, m.start(), m.end(), _CONTRAST) and not _doubted(text, m.start(), m.end(), None, _MISTAKE)

    def missing(self, defs: dict, offsets=None) -> list:
        """The rows ``name = …`` of the prose definitions whose names ``defs`` (the displays' definitions)
        do not define, where the displays define something: a page that states its loss only in a sentence ("the loss is $L = -Σ_k y_k \\log p_k$"),
        or a name the displays use and only a sentence defines ("$\\hat y_i = w x_i + b$"), or a shorthand the
        sentence gives of names the forward reads (never of its outputs: a worked example's loss) and does not
        set aside ("where $s = \\sqrt{\\sigma^2 + \\varepsilon}$"), which the claims may use; with ``offsets`` (the
        section's displays), only rows above its first display or under the heading of one: a row in a part of its own
        ("## Batch norm … $y_b = \\gamma \\hat{x}_b + \\beta$" below a softmax's part) rules none of them."""
        parts = {self._part(at) for at in offsets or ()}
        def near(at):
            return not offsets or at < min(offsets) or self._part(at) in parts
        used = set().union(set(), *[names_in(tree) for _, tree in defs.values()])
        rows = [f"{name} = {latex}" for at, name, _, latex in self.rows if defs and name not in defs
                and at not in self._asides and near(at)]   # "unlike the cross-entropy $L = …$ of the last post": not the page's
        known = set(defs) | used
        return rows + [row for name, row, reads, at in self.given if (name in used - set(defs) or (   # s = √(σ² + ε),
            reads is not None and name not in known and reads <= used and defs))             # a shorthand of the
                       and near(at) and not any(r.startswith(f"{name} =") for r in rows)]     # forward's names

    def shorthands(self) -> set:
        """The names the prose gives as a shorthand (:meth:`missing`'s last kind): never a forward's output."""
        return {name for name, _, reads, _ in self.given if reads is not None}

    def stated_near(self, offsets) -> list:
        r"""The rows ``name = …`` the prose states as the page's own (not an aside, not a mistake) under the
        headings of the displays at ``offsets``: "where $\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2} + \epsilon}$"
        beside a section's claims."""
        parts = {self._part(at) for at in offsets}
        return [row for at, row in self.stated if self._part(at) in parts]

    def _part(self, offset: int) -> int:
        return sum(1 for h in self._headings if h <= offset)

    def clash(self, offset: int, defs: dict):
        """(name, prose LaTeX, the display's tree) for the first prose definition that rules the
        claim at ``offset`` and differs from ``defs`` (name -> (letters, tree)); None if none."""
        for at, name, tree, latex in self.rows:
            if name in defs and defs[name][1] != tree and (at < offset or self._part(at) == self._part(offset)):
                return name, latex
        return None


def prose_clash(prose: ProseDefinitions, defs: dict, latex: str, found, offset: float):
    """``found`` (a claim's verdict, detail), or unchecked where a prose definition ruling the claim
    at ``offset`` (its display's place on the page) differs from the displays' definition in
    ``defs`` of a name the claim reaches."""
    if not found or found[0] not in ("holds", "refuted") or not prose.rows:
        return found
    clash = prose.clash(offset, defs)
    if clash is None:
        return found
    try:
        names = set().union(*[names_in(parse_expression(side)) for side in split_sides(latex)])
    except (CalcParseError, RecursionError):
        names = {clash[0]}
    if clash[0] not in names.union(*[upstream(defs, n) for n in names]):
        return found
    return "unchecked", (f"the prose says ${clash[0]} = {clash[1]}$, unlike the displays' definition of "
                         f"{clash[0]}: which {clash[0]} this claim means is not decided (a display or a "
                         "heading with a symbp directive makes it plain)")
