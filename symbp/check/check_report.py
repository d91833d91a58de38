"""The verdicts of one checked document: :class:`ClaimVerdict` per display row, :class:`CheckReport` for all."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from ..core import proof
from ..report import RichDisplay
from .notation import shorten


@dataclass
class ClaimVerdict:
    """The verdict on one display equation."""
    line: int
    latex: str
    verdict: str          # holds | refuted | unproved | definition | unchecked
    detail: str
    scope: str | None = None   # what an all-sizes verdict quantified (symbp.allsizes)
    #: a refutation's sides as compared (:class:`symbp.check.values.Evidence`), for the verdict card only
    evidence: object = field(default=None, repr=False, compare=False)


@dataclass
class CheckReport(RichDisplay):
    """All verdicts of one document, and the setup of each section."""
    file: str
    claims: list[ClaimVerdict]
    setups: dict[int, str] = field(default_factory=dict)    # first line of a section -> setup
    with_setup: int = 0                                      # equations that had a layer setup
    setup_errors: list[str] = field(default_factory=list)   # why a section has no setup

    @property
    def refuted(self) -> bool:
        return any(c.verdict == proof.REFUTED for c in self.claims)

    def as_dict(self) -> dict:
        """``{"file": ..., "claims": [{"line", "latex", "verdict", "detail"[, "scope"]}, ...]}``
        (``scope`` only where an all-sizes proof quantified something)."""
        claims = [{f.name: getattr(c, f.name) for f in fields(c) if f.name != "evidence" and
                   (f.name != "scope" or c.scope is not None)} for c in self.claims]
        return {"file": self.file, "claims": claims}

    def to_json(self) -> str:
        """:meth:`as_dict` as indented JSON."""
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)

    def render(self) -> str:
        """Line, equation (about 60 characters), verdict; the detail below."""
        out, counts = [self.file], {}
        for c in self.claims:
            if c.line in self.setups:
                out.append(f"  -- {self.setups[c.line]}")
            out += [f"  {c.line:>5}  {c.verdict:<10}  {shorten(c.latex)}", f"{'':21}{c.detail}"]
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
        out.append(f"{len(self.claims)} equations: " +
                   ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
        return "\n".join(out)
