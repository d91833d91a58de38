"""Results as generic records, for machine formats (JSON, GitHub, SARIF, JUnit) and notebooks.

Every subcommand that reports verdicts turns its results into :class:`Record` objects (one
per claim, rule or check) and hands them to :func:`symbp.report.formats.render`; the
formatters know nothing of proofs or documents.  :func:`records_from_results` does this for
``symbp verify`` (:class:`symbp.claims.Result`), :func:`records_from_check` for ``symbp
check`` (:class:`symbp.check.checker.CheckReport`).  Another subcommand adds its own ``records``
function and its objects inherit :class:`RichDisplay` to render as verdict cards in Jupyter.

This package imports nothing from the rest of symbp at import time (claims.py and proof.py
import :class:`RichDisplay` from it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: record levels, most severe first: what CI does with a record
ERROR, WARNING, NOTICE, PASS = "error", "warning", "notice", "pass"
LEVELS = (ERROR, WARNING, NOTICE, PASS)

#: a document claim's verdict -> its level (refuted fails CI; unchecked is a notice)
LEVEL_OF_VERDICT = {"refuted": ERROR, "unproved": WARNING, "unchecked": NOTICE,
                    "holds": PASS, "definition": PASS}


@dataclass
class Record:
    """One verdict, in the shape every formatter takes.

    ``name``: the claim or check (``"conv-input"``, ``"line 105"``); ``verdict``: the word
    (holds, refuted, unproved, unchecked, definition, ...); ``level``: one of
    :data:`LEVELS`; ``message``: one line saying why; ``file``/``line``: where (None for
    the built-in claims of ``symbp verify``); ``title``: a short heading for annotations;
    ``subject``: what is claimed, in a few words (stable across runs: JUnit test names);
    ``rule``: the SARIF rule id (default: the verdict); ``details``: JSON-ready extras (the
    claim's LaTeX, failing entry, counterexample, ...); ``group``: what the record belongs
    to (a file, or the subcommand), one JUnit suite each.

    Example::

        Record("line 105", "refuted", ERROR, "δ * rot180(W) is 1x1 ...",
               file="notes.md", line=105, details={"latex": r"\\delta^{L+1} = ..."})
    """
    name: str
    verdict: str
    level: str
    message: str
    file: str | None = None
    line: int | None = None
    title: str = ""
    seconds: float | None = None
    subject: str = ""
    rule: str = ""
    details: dict = field(default_factory=dict)
    group: str = ""

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"record level {self.level!r} is not one of {', '.join(LEVELS)}")
        self.title = self.title or f"{self.name}: {self.verdict}"
        self.group = self.group or self.file or "symbp"
        self.rule = self.rule or self.verdict

    def as_json(self) -> dict:
        """The record as a JSON-ready dict (keys as the fields)."""
        return {"name": self.name, "verdict": self.verdict, "level": self.level,
                "message": self.message, "file": self.file, "line": self.line,
                "title": self.title, "subject": self.subject, "rule": self.rule,
                "seconds": self.seconds, "details": self.details}


def records_from_results(results, group: str = "symbp verify") -> list[Record]:
    """Records of ``symbp verify``'s results (list of :class:`symbp.claims.Result`).

    A verdict that is the expected one passes (the built-in ``conv-weight-seed`` is
    expected to be refuted); any other is an error.
    """
    records = []
    for r in results:
        ok = r.as_expected
        verdict = r.proof.verdict
        title = f"{r.claim.name} ({r.claim.sizes}): {verdict}" + \
            ("" if ok else f", expected {r.claim.expected}")
        records.append(Record(r.claim.name, verdict, PASS if ok else ERROR, r.proof.detail(),
                              title=title, seconds=r.seconds, subject=f"{r.claim.text} ({r.claim.sizes})",
                              rule=r.claim.name, details=r.as_json(), group=group))
    return records


def records_from_check(report) -> list[Record]:
    """Records of one document's :class:`symbp.check.checker.CheckReport`, one per equation."""
    from ..core.printing import shorten
    return [Record(f"line {c.line}", c.verdict, LEVEL_OF_VERDICT.get(c.verdict, WARNING),
                   c.detail, file=report.file, line=c.line,
                   title=f"symbp: {c.verdict}: {shorten(c.latex, 60)}",
                   subject=shorten(c.latex, 80),
                   details={"latex": c.latex}, group=report.file)
            for c in report.claims]


class RichDisplay:
    """Mixin: Jupyter shows instances as verdict cards (:mod:`symbp.report.cards`).

    IPython's display protocol calls ``_repr_mimebundle_`` (text/html, text/latex and
    text/plain); ``_repr_html_`` and ``_repr_latex_`` serve front ends that ask for one.
    A new result type inherits this and either is known to :func:`symbp.report.cards.card`
    or defines ``records()`` returning :class:`Record` objects (the generic card).
    """

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .cards import mimebundle
        return mimebundle(self, include, exclude)

    def _repr_html_(self):
        from .cards import card
        return card(self).html()

    def _repr_latex_(self):
        from .cards import card
        return card(self).latex()
