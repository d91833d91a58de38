r"""A δ the page defines as a multiple of a loss gradient: bound for the claims after it, or they stay unchecked.

symbp reads ``\delta`` as the loss gradient at the layer's output (the built-in δ).  A page may say
otherwise: ``\delta_i := 2 \frac{\partial L}{\partial y_i}`` (also ``\coloneqq``, ``\triangleq``,
``\equiv``, ``\stackrel{def}{=}``), prose "Let $\delta_i$ denote $\frac{\partial L}{\partial y_i} / 2$",
"define $\delta = -\partial L/\partial y$", or an arrow premise ``\delta = 2 \frac{\partial L}{\partial
y} \Rightarrow \frac{\partial L}{\partial b} = \delta``.  Read under the built-in meaning, the claims
after such a definition would hold or be refuted against the page's own words.

:class:`PageDelta` reads the definitions whose right side is ``c`` times a written derivative, ``c`` a
plain number other than 1 (``2``, ``-``, ``\frac{1}{2}``, ``3/4``, ``… / 2``).  For a marked
definition (``:=``, prose) it asks the section's own checker whether the built-in δ equals the
derivative with ``c`` taken off: where that *holds* (a proof), δ on the page is ``c`` times the
built-in δ, and every later ``\delta…`` of the section is read as ``(c \delta…)``; the definition itself
is reported a definition.  Where it does not hold, or the definition is an arrow premise (a claim or
a definition, the page does not say which), or prose says "twice"/"half" in words, the claims that
use δ stay unchecked with the reason.  A definition with ``c = 1`` is the built-in meaning and changes
nothing; nothing else is read here.

Example::

    >>> PageDelta.coefficient(r"2 \frac{\partial L}{\partial y_i}")
    (2, '\\frac{\\partial L}{\\partial y_i}')
    >>> PageDelta.coefficient(r"\frac{\partial L}{\partial y_i} / 2")
    (1/2, '\\frac{\\partial L}{\\partial y_i}')
    >>> PageDelta.coefficient(r"2 y") is None
    True
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_letter_layers import LetterLayers
from .named_gradients import DEFINES, GROUP as _GROUP, SCRIPTS as _SCRIPTS
_DELTA = r"\\delta(?![A-Za-z])" + _SCRIPTS
_DEFINES = DEFINES             # :=, \coloneqq, \triangleq, \equiv, \stackrel{def}{=}, \overset{\text{def}}{=}
_MARKED = re.compile(r"^\s*(" + _DELTA + r")\s*" + _DEFINES + r"\s*(.+?)\s*[.,;]?\s*$", re.S)
_ARROW = r"(?:\\Rightarrow|\\implies|\\Longrightarrow|\\longrightarrow|⟹|⇒)"
_PLAIN = re.compile(r"^\s*(" + _DELTA + r")\s*=\s*(.+?)\s*[.,;]?\s*$", re.S)     # δ_{i,j} = … (a row)
_PREMISE = re.compile(r"^\s*(" + _DELTA + r")\s*=\s*(.+?)\s*" + _ARROW, re.S)
_DERIVATIVE = re.compile(r"(?:\\[dt]?frac\s*\{\s*(?:\\partial|d(?=\s*\\?[A-Za-z]))\s*[^{}]*" + r"\}\s*\{\s*(?:\\partial|d(?=\s*\\?[A-Za-z]))\s*(?:[^{}]|" + _GROUP +
                         r")*\}|\\partial\s*\\?[A-Za-z]+\s*/\s*\\partial\s*\\?[A-Za-z]+" + _SCRIPTS + r")")
_NUMBER = r"(?:\d+|\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}|\d+\s*/\s*\d+)"
_SCALED = re.compile(r"^(?P<sign>[-+]?)\s*(?P<num>" + _NUMBER + r")?\s*(?:\\cdot|\\times)?\s*(?P<d>" +
                     _DERIVATIVE.pattern + r")\s*(?:/\s*(?P<div>\d+))?\s*$", re.S)
_INLINE = re.compile(r"\$([^$]+)\$")
_PROSE_LEAD = re.compile(r"\b(?:let|define|write|set|denote|call)\b", re.I)
_PROSE_VERB = re.compile(r"^\s*(?:denotes?|be|stands? for|is defined as|be defined as|means?|is)\s*$", re.I)
_WORDS = re.compile(r"^\s*(?:denotes?|be|stands? for|is defined as|be defined as|means?|is)\s+(?:the\s+)?"
                    r"(twice|double|half|minus|negative|thrice|triple)\b", re.I)
_POWER = re.compile(r"\\delta(?![A-Za-z])(?:\s*_\s*(?:" + _GROUP + r"|\\[A-Za-z]+|[A-Za-z0-9]))?\s*\^\s*\{?\s*\d")
_ACCENTED = re.compile(r"\\[A-Za-z]+\s*\{\s*\\delta(?![A-Za-z])\s*\}|\\(?:hat|tilde|bar|check|dot|ddot|vec)\s*\\delta")


def _number(text: str) -> sp.Rational:
    """A plain number as written: ``2``, ``\\frac{1}{2}``, ``3/4`` (digits only, read by int())."""
    digits = re.findall(r"\d+", text)
    return sp.Rational(int(digits[0]), int(digits[1])) if len(digits) == 2 else sp.Integer(int(digits[0]))


class PageDelta:
    """The page's own δ in one document, section by section (module docstring)."""

    def __init__(self, text: str):
        self.prose = list(self._prose_definitions(text))      # (line, c or None, derivative, written)
        self.start, self.meaning = 0, None               # meaning: ("bound", c, δ) | ("unread", why, δ)
        self.applied, self.premises, self.held = set(), set(), set()     # held: δ heads a right row gives
        layers = LetterLayers.of_page(text)
        self.layer_letters = layers.letters if layers.active else set()   # δ_k, δ_j: one per lettered layer

    @staticmethod
    def coefficient(rhs: str):
        """``(c, derivative)`` for a right side ``c \\frac{\\partial L}{\\partial y}``; None otherwise."""
        m = _SCALED.match(rhs.strip())
        if not m:
            return None
        c = _number(m.group("num")) if m.group("num") else sp.Integer(1)
        if m.group("div"):
            c = c / int(m.group("div"))
        return (-c if m.group("sign") == "-" else c), m.group("d")

    @classmethod
    def _prose_definitions(cls, text: str):
        for number, line in enumerate(text.split("\n"), 1):
            if line.lstrip().startswith("$$") or not _PROSE_LEAD.search(line):
                continue
            maths = list(_INLINE.finditer(line))
            for k, m in enumerate(maths):
                inner = m.group(1)
                whole = re.match(r"^\s*(" + _DELTA + r")\s*(?:=|" + _DEFINES + r")\s*(.+?)\s*$", inner, re.S)
                if whole and (found := cls.coefficient(whole.group(2))) and found[0] != 1:
                    yield number, found[0], found[1], whole.group(1)
                    continue
                if not re.fullmatch(r"\s*" + _DELTA + r"\s*", inner):
                    continue
                after = line[m.end():]
                if _WORDS.match(after):
                    yield number, None, None, inner.strip()
                elif k + 1 < len(maths) and _PROSE_VERB.match(line[m.end():maths[k + 1].start()]) and \
                        (found := cls.coefficient(maths[k + 1].group(1))) and found[0] != 1:
                    yield number, found[0], found[1], inner.strip()

    def section(self, start_line: int, displays) -> None:
        """A new section begins after ``start_line`` with these ``(line, latex)`` displays: the
        built-in δ again; the displays whose premise ``\\delta = c …`` comes before an arrow noted."""
        self.start, self.meaning, self.held = start_line, None, set()
        self.premises = {line for line, latex in displays if (m := _PREMISE.match(latex)) and
                         (found := self.coefficient(m.group(2))) and found[0] != 1}

    def _read(self, delta: str, c, derivative: str, check) -> tuple:
        left = re.sub(r"\s*\^\s*(?:\{\s*(?:T|\\top)\s*\}|T|\\top)", "", delta)
        if check(f"{left} = {derivative}") == "holds":
            return ("bound", c, delta)
        return ("unread", f"the page defines {delta} as {c} times {derivative}, which symbp does not "
                          f"prove is its loss gradient at the output (the δ it knows)", delta)

    def observe(self, written: str, verdict: str, line: int) -> None:
        r"""After the row ``written`` got ``verdict``: a plain ``\delta_{i,j} = \frac{\partial H}{\partial
        x_{i,j}}`` refuted says the page's δ is another gradient than the built-in one (the input's, say),
        so the section's later claims that use δ are not read under the built-in meaning."""
        m = _PLAIN.match(written)
        if verdict == "refuted" and m and self.coefficient(m.group(2)) is not None and "=" not in m.group(2):
            self.meaning = ("unread", f"the page sets {m.group(1).strip()} = {m.group(2).strip()} (line {line}), "
                                      "which is not the loss gradient at the output that symbp's δ is", m.group(1))
        elif m and "=" not in m.group(2) and not _DERIVATIVE.search(m.group(2)) and \
                re.sub(r"[\s{}_]|\\delta", "", m.group(1)) in self.layer_letters:   # δ_k = (t_k - a_k) g'(z_k)
            head = re.sub(r"\s+", "", m.group(1))
            if verdict == "holds":
                self.held.add(head)
                if self.meaning and self.meaning[2] == ("closed", head):
                    self.meaning = None       # a right δ_k row after the wrong one: the built-in δ again
            elif verdict in ("refuted", "unchecked") and head not in self.held:   # δ_k = (t_k - a_k) a_k(1 - a_k)
                self.meaning = ("unread", f"the page's own {m.group(1).strip()} = {m.group(2).strip()} (line {line}) "
                                          f"is {'not' if verdict == 'refuted' else 'not proven to be'} the loss "
                                          "gradient at the output that symbp's δ is, and no row above gives that "
                                          "δ rightly", ("closed", head))

    def _own_delta(self, written: str, line: int, check):
        r"""A chain that opens with the page's own δ, ``\delta = \frac{\partial C}{\partial a^{in}} = R``,
        where the checkers refute that δ is that gradient (it is the input's, not the output's), or cannot
        prove it (an activation's value, ``\delta = \frac{\partial L}{\partial \mathbf{a}}``): δ is
        named in passing, and the rest ``\frac{\partial C}{\partial a^{in}} = R`` is the claim (a row of
        its own, ``\delta = \frac{\partial C}{\partial a}``, stays refuted and :meth:`observe` marks the
        page's δ as another gradient).  None for any other row."""
        from .latex_atoms import LatexAtomError, split_top_level
        m = _PLAIN.match(written)
        if not m:
            return None
        try:
            sides = split_top_level(m.group(2), ("=",))
        except LatexAtomError:
            return None
        found = self.coefficient(sides[0])
        said = check(f"{m.group(1)} = {sides[0]}") if len(sides) >= 2 and found is not None and found[0] == 1 else None
        if said not in ("refuted", "unchecked"):
            return None                         # a row of its own: refuted, then :meth:`observe`
        delta, gradient = m.group(1).strip(), sides[0].strip()
        why = f"the page sets {delta} = {gradient} (line {line}), which " + (
            "is not the loss gradient at the output that symbp's δ is" if said == "refuted" else
            "symbp does not prove is the loss gradient at the output that its δ is")
        self.meaning = ("unread", why, ("passing", delta))   # the later rows' δ so written is the page's
        if re.search(r"\\delta(?![A-Za-z])", " ".join(sides[1:])):
            return ("unchecked", f"{why}; the rest of the row uses δ too")
        return ("latex", " = ".join(sides))     # δ = ∂C/∂a = R: the claim ∂C/∂a = R, δ named in passing

    def claim(self, written: str, latex: str, line: int, check):
        """What the page's δ does to the display row ``written`` (``latex``: as the readers read it):
        None (nothing), ``("latex", text)`` (read the row so), or ``(verdict, detail)``.
        ``check(latex)``: the verdict of the section's checkers."""
        for number, c, derivative, delta in self.prose:
            if self.start < number <= line and number not in self.applied:
                self.applied.add(number)
                self.meaning = ("unread", f"the page defines {delta} in words", delta) if c is None else \
                    self._read(delta, c, derivative, check)
        marked = _MARKED.match(written)
        if marked and (found := self.coefficient(marked.group(2))) and found[0] != 1:
            self.meaning = self._read(marked.group(1), found[0], found[1], check)
            if self.meaning[0] == "bound":
                return ("definition", f"the page defines {marked.group(1)} as {found[0]} times the loss "
                                      f"gradient at the output; later claims read it so")
            return ("unchecked", self.meaning[1])
        own = self._own_delta(written, line, check)
        if own is not None:
            return own
        if line in self.premises and re.search(r"\\delta(?![A-Za-z])", written):
            self.meaning = ("unread", "an arrow's premise δ = … may define δ or claim it; the page does not "
                                      "say which", None)
            return ("unchecked", self.meaning[1])
        if self.meaning is None or not re.search(r"\\delta(?![A-Za-z])", written):
            return None
        if self.meaning[0] == "unread" and isinstance(self.meaning[2], tuple) and self.meaning[2][0] == "passing":
            tight = lambda t: re.sub(r"\s+", " ", re.sub(r"\s*([_^{}])\s*", r"\1", t))     # noqa: E731
            if not re.search(re.escape(tight(self.meaning[2][1])) + r"(?![_^A-Za-z])", tight(written)):
                return None                     # δ^k as the chain wrote it binds; δ_{11} is not that δ
        if self.meaning[0] == "unread":
            return ("unchecked", f"{self.meaning[1]}; this claim uses δ")
        if _POWER.search(written) or re.search(r"\\partial\s*\\delta(?![A-Za-z])", written):
            return ("unchecked", "δ is the page's own multiple of the loss gradient; a power or a derivative "
                                 "of it is not read")
        c = self.meaning[1]
        factor = f"\\frac{{{abs(c.p)}}}{{{c.q}}}" if c.q != 1 else f"{abs(c.p)}"
        sign = "-" if c < 0 else ""
        out, pos = [], 0
        for m in re.finditer(_DELTA, latex):
            if _ACCENTED.search(latex[max(0, m.start() - 12):m.start() + 8]):
                continue
            out.append(latex[pos:m.start()] + f"\\left({sign}{factor} {m.group(0)}\\right)")
            pos = m.end()
        return ("latex", "".join(out) + latex[pos:]) if out else None
