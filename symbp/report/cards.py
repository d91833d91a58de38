"""Verdict cards: how results look in Jupyter (IPython's display protocol).

A card shows the claim as math, the verdict in colour, and for a refutation the failing
entry, both sides (as matrices, the failing entry boxed, when they are small enough to
read) and the counterexample (its values gathered into matrices by tensor).  It comes as
HTML (math for MathJax, which Jupyter runs on HTML output), as LaTeX, and as plain text.

:func:`card` knows :class:`symbp.claims.Result` (``symbp verify``), :class:`symbp.core.proof.Proof`
(``prove``), :class:`symbp.check.checker.CheckReport` (``symbp check``, ``%%symbp``) and any
object with a ``records()`` method returning :class:`symbp.report.Record` objects (the
generic card: a table of records).  A document's card is a row per equation; a refuted
row also shows both sides as the checker compared them (matrices, the failing entry boxed)
and the counterexample, as matrices.  Objects are recognised by their attributes, so this
module imports nothing heavy until it draws matrices.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

#: verdict -> (colour, background) of its badge
VERDICT_COLOURS = {"holds": ("#1a7f37", "#dafbe1"), "refuted": ("#cf222e", "#ffebe9"),
                   "unproved": ("#9a6700", "#fff8c5"), "unchecked": ("#57606a", "#eaeef2"),
                   "definition": ("#0969da", "#ddf4ff")}
#: ``symbp code`` and ``symbp audit`` verdicts take the colour of their document counterpart
_SAME_COLOUR = {"correct": "holds", "conforms": "holds", "wrong": "refuted", "error": "refuted",
                "mismatch": "refuted", "raised": "refuted", "unknown": "unproved",
                "unsupported": "unproved"}
VERDICT_COLOURS.update({word: VERDICT_COLOURS[like] for word, like in _SAME_COLOUR.items()})
#: matrices with more entries than this show only the failing entry
MAX_MATRIX_ENTRIES = 64
_GREEK = {"δ": r"\delta", "σ": r"\sigma", "χ": r"\chi"}


@dataclass
class Card:
    """What a card shows: ``title``, ``verdict``, the claim (LaTeX), one line of ``message``,
    ``parts`` (label, LaTeX) such as both sides, and ``rows`` (line, verdict, LaTeX, detail)
    for a document's table, with ``row_parts`` (a list of parts per row, or none) shown
    under a row's detail.  ``plain`` is the text/plain form."""
    title: str
    verdict: str
    claim: str = ""
    message: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    plain: str = ""
    row_parts: list[list[tuple[str, str]]] = field(default_factory=list)

    def html(self) -> str:
        """The card as an HTML fragment (math in ``$$…$$`` and ``\\(…\\)`` for MathJax)."""
        fg, bg = VERDICT_COLOURS.get(self.verdict, ("#57606a", "#eaeef2"))
        out = [f'<div class="symbp-card symbp-{_attr(self.verdict)}" style="border-left:6px solid '
               f'{fg};padding:0.4em 0.8em;margin:0.3em 0;background:#fff">',
               f'<div style="font-weight:600">{_badge(self.verdict)} {_text(self.title)}</div>']
        if self.claim:
            out.append(f'<div class="symbp-claim">$${_math(self.claim)}$$</div>')
        if self.message:
            out.append(f'<div class="symbp-message" style="color:{fg}">{_text(self.message)}</div>')
        for label, latex in self.parts:
            out.append(f'<div class="symbp-part"><b>{_text(label)}</b> '
                       f'$${_math(latex)}$$</div>')
        if self.rows:
            out.append('<table class="symbp-rows" style="border-collapse:collapse">'
                       '<tr><th>line</th><th>verdict</th><th>equation</th><th>detail</th></tr>')
            for k, (line, verdict, latex, detail) in enumerate(self.rows):
                parts = self.row_parts[k] if k < len(self.row_parts) else []
                shown = "".join(f'<div class="symbp-part"><b>{_text(label)}</b> '
                                f'\\({_math(tex)}\\)</div>' for label, tex in parts)
                out.append(f'<tr><td style="text-align:right">{_text(line)}</td>'
                           f'<td>{_badge(verdict)}</td><td>\\({_math(latex)}\\)</td>'
                           f'<td style="text-align:left">{_detail_html(verdict, detail)}'
                           f'{shown or _row_counterexample(verdict, detail)}</td></tr>')
            out.append("</table>")
        out.append("</div>")
        return "\n".join(out)

    def latex(self) -> str:
        """The card as display LaTeX (MathJax-ready): verdict in colour, claim, parts."""
        fg, _ = VERDICT_COLOURS.get(self.verdict, ("#57606a", ""))
        lines = [rf"\text{{{_latex_text(self.title)}: }}\color{{{fg}}}{{\textbf{{{self.verdict}}}}}"]
        if self.claim:
            lines.append(self.claim)
        if self.message:
            lines.append(rf"\text{{{_latex_text(self.message)}}}")
        lines += [rf"\text{{{_latex_text(label)} }} {latex}" for label, latex in self.parts]
        for line, verdict, latex, _detail in self.rows:
            colour = VERDICT_COLOURS.get(verdict, ("#57606a", ""))[0]
            lines.append(rf"\text{{{_latex_text(line)} }}\color{{{colour}}}{{\text{{{verdict}}}}}"
                         rf"\color{{black}}{{\quad {latex}}}")
        return "$$\\begin{array}{l}\n" + " \\\\\n".join(lines) + "\n\\end{array}$$"


# =========================================================================== dispatch

def card(obj) -> Card:
    """The card of a Result, Proof, CheckReport, or object with ``records()``."""
    if hasattr(obj, "claim") and hasattr(obj, "proof"):
        return _result_card(obj)
    if hasattr(obj, "claims") and hasattr(obj, "file") and hasattr(obj, "render"):
        return _report_card(obj)
    if hasattr(obj, "verdict") and hasattr(obj, "counterexample"):
        return _proof_card(obj, obj.claim or "", "claim")
    if hasattr(obj, "records"):
        return records_card(obj.records(), getattr(obj, "title", type(obj).__name__))
    raise TypeError(f"symbp has no card for {type(obj).__name__}")


def mimebundle(obj, include=None, exclude=None) -> dict:
    """IPython's ``_repr_mimebundle_``: text/html, text/latex and text/plain."""
    c = card(obj)
    bundle = {"text/html": c.html, "text/latex": c.latex, "text/plain": lambda: c.plain}
    wanted = [m for m in bundle if (not include or m in include) and m not in (exclude or ())]
    return {mime: bundle[mime]() for mime in wanted}


def records_card(records, title: str = "symbp") -> Card:
    """The generic card: one row per :class:`symbp.report.Record`, worst verdict on top."""
    from . import LEVELS
    worst = min(records, key=lambda r: LEVELS.index(r.level), default=None)
    rows = [(f"{r.file or ''}:{r.line}" if r.line else r.name, r.verdict,
             r.details.get("latex", _latex_text_math(r.subject)), r.message) for r in records]
    plain = "\n".join(f"{r.name}: {r.verdict}: {r.message}" for r in records)
    return Card(title, worst.verdict if worst else "holds", rows=rows, plain=plain)


# =========================================================================== builders

def _result_card(result) -> Card:
    """``symbp verify``'s Result: the proof's card plus both full sides when small."""
    from ..core.printing import to_latex
    claim, p = result.claim, result.proof
    c = _proof_card(p, claim.latex, f"{claim.name} ({claim.sizes})")
    if not result.as_expected:
        c.message = f"expected {claim.expected}; " + c.message
    if not p.holds:
        c.parts = _sides(result) + c.parts
        if claim.correct is not None:
            c.parts.append(("correct form", to_latex(claim.correct)))
    c.plain = f"{claim.name} ({claim.sizes}): {p.verdict}" + \
        ("" if result.as_expected else f" (expected {claim.expected})") + f"; {p.detail()}"
    return c


def _proof_card(p, claim_latex: str, title: str) -> Card:
    """A Proof: verdict, reason; for a failing entry its two sides and the counterexample."""
    from ..core.printing import to_latex
    if p.holds:
        message = f"all {p.entries} entries equal" + (f" ({p.shape})" if p.shape else "")
    else:
        message = p.reason
    parts = []
    if p.index is not None and p.derived is not None:
        index = list(p.index)
        while len(index) > 2 and index[0] == 1 and p.shape.count("x") == 1:
            index.pop(0)                  # a single matrix: (1, 1, i, j) -> (i, j)
        entry = "(" + ", ".join(map(str, index)) + ")"
        parts.append((f"failing entry {entry}: derived", to_latex(p.derived)))
        parts.append((f"failing entry {entry}: claimed", to_latex(p.claimed)))
    if p.counterexample is not None:
        parts += _counterexample_parts(p.counterexample)
    if p.correct and not p.holds:
        message += f"; correct: {p.correct}"
    return Card(title, p.verdict, claim_latex, message, parts, plain=f"{title}: {p.verdict}; "
                                                                      f"{p.detail()}")


def _sides(result) -> list[tuple[str, str]]:
    """Both sides of a refuted built-in claim as matrices (the failing entry boxed)."""
    from ..core.ops import evaluate
    try:
        derived = result.claim.derive()
        claimed = evaluate(result.claim.form, result.claim.env)
    except Exception:                     # undefined (shapes), or too costly to redo
        return []
    index = result.proof.index
    return side_parts(derived, claimed, None if index is None else tuple(i - 1 for i in index))


def side_parts(derived, claimed, failing: tuple | None = None) -> list[tuple[str, str]]:
    """Both sides as (label with shape, LaTeX): matrices by :func:`matrix_latex` with the
    ``failing`` entry (0-based) boxed, a single entry as itself; a side too large is left out.

    Example: ``side_parts(np.array([[a, b]], dtype=object), np.array([[a, c]], dtype=object),
    (0, 1))`` gives ``[("derived (1x2)", "<bmatrix, b boxed>"), ("claimed (1x2)", ...)]``.
    """
    from ..core.printing import to_latex
    parts = []
    for label, side in (("derived", derived), ("claimed", claimed)):
        shape = getattr(side, "shape", ())
        latex = matrix_latex(side, failing) if shape else to_latex(side) if side is not None else None
        if latex is not None:
            parts.append((f"{label} ({'x'.join(map(str, shape[-2:]))})" if shape else label, latex))
    return parts


def matrix_latex(tensor, failing: tuple | None = None) -> str | None:
    """A ``bmatrix`` of the 2-D slice of ``tensor`` holding ``failing`` (0-based index, boxed
    in red); None when that slice has more than :data:`MAX_MATRIX_ENTRIES` entries.

    Example: ``matrix_latex(np.array([[a, b], [c, d]], dtype=object), (0, 1))``.
    """
    import numpy as np
    from ..core.printing import to_latex
    arr = np.asarray(tensor, dtype=object)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
        failing = None if failing is None else (failing[0], 0)
    if arr.ndim < 2:
        return None
    lead = tuple(failing[:-2]) if failing is not None and arr.ndim > 2 else (0,) * (arr.ndim - 2)
    plane = arr[lead] if lead else arr
    if plane.size > MAX_MATRIX_ENTRIES:
        return None
    spot = tuple(failing[-2:]) if failing is not None else None
    rows = []
    for i in range(plane.shape[0]):
        cells = []
        for j in range(plane.shape[1]):
            cell = to_latex(plane[i, j]) if hasattr(plane[i, j], "free_symbols") else str(plane[i, j])
            cells.append(rf"\color{{#cf222e}}{{\boxed{{{cell}}}}}" if spot == (i, j) else cell)
        rows.append(" & ".join(cells))
    where = "" if not lead or all(k == 0 for k in lead) and arr.shape[:-2] == (1,) * len(lead) \
        else "_{[" + ",".join(str(k + 1) for k in lead) + r",:,:]}"
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}" + where


_ENTRY_RE = re.compile(r"^(.+?)_\{(\d)(\d)\}$")


def _counterexample_parts(found) -> list[tuple[str, str]]:
    """The counterexample's values as matrices by tensor, then what each side gives."""
    from ..core.printing import to_latex
    return _value_parts(found.values, to_latex(found.derived), to_latex(found.claimed))


def _value_parts(values: dict, derived: str, claimed: str) -> list[tuple[str, str]]:
    """``{"δ_{11}": 1, "w_{22}": -1, ...}`` as one matrix per tensor (cells not assigned
    shown as ·), other names as ``name = value``; then the two sides' values there."""
    grids: dict[str, dict[tuple[int, int], int]] = {}
    loose = []
    for name, value in values.items():
        m = _ENTRY_RE.match(name)
        if m:
            grids.setdefault(m.group(1), {})[(int(m.group(2)), int(m.group(3)))] = value
        else:
            loose.append(rf"{_name_latex(name)} = {value}")
    shown = []
    for base, cells in grids.items():
        rows, cols = max(i for i, _ in cells), max(j for _, j in cells)
        body = r" \\ ".join(" & ".join(str(cells.get((i, j), r"\cdot")) for j in range(1, cols + 1))
                            for i in range(1, rows + 1))
        shown.append(rf"{_name_latex(base)} = \begin{{bmatrix}}{body}\end{{bmatrix}}")
    parts = [("counterexample", r",\quad ".join(shown + loose))] if shown or loose else []
    parts.append(("where", rf"\text{{derived}} = {derived},\quad \text{{claimed}} = {claimed}"))
    return parts


#: what :meth:`symbp.core.proof.Counterexample.describe` writes: "with a=1, b=-2: derived 3, claimed 1"
_DESCRIBED_RE = re.compile(r"(?:^|; )with (.+?): derived (-?[\d/]+), claimed (-?[\d/]+)(?:;|$| )")
_VALUE_RE = re.compile(r"(\S+?)=(-?\d+)(?:, |$)")


def _row_counterexample(verdict: str, detail: str) -> str:
    """For a document's refuted row, the counterexample its detail names, as matrices.

    The checker reports a document's verdicts as text; this reads back the part that
    :meth:`symbp.core.proof.Counterexample.describe` wrote (symbp's own words, never the
    document's), and shows nothing when there is none.
    """
    m = _DESCRIBED_RE.search(detail) if verdict == "refuted" else None
    values = dict((k, int(v)) for k, v in _VALUE_RE.findall(m.group(1))) if m else {}
    if not values:
        return ""
    parts = _value_parts(values, m.group(2), m.group(3))
    return "".join(f'<div class="symbp-part"><b>{_text(label)}</b> \\({_math(latex)}\\)</div>'
                   for label, latex in parts)


def _name_latex(name: str) -> str:
    for letter, command in _GREEK.items():
        name = name.replace(letter, command + " ")
    return name.replace(" _", "_").replace(" '", "'").replace(" (", "(").rstrip()


def _report_card(report) -> Card:
    """A document's CheckReport: the verdict counts and a row per equation."""
    counts: dict[str, int] = {}
    for c in report.claims:
        counts[c.verdict] = counts.get(c.verdict, 0) + 1
    verdict = next((v for v in ("refuted", "unproved", "unchecked") if v in counts), "holds")
    message = f"{len(report.claims)} equations: " + \
        ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    rows = [(str(c.line), c.verdict, c.latex, c.detail) for c in report.claims]
    row_parts = [_evidence_parts(getattr(c, "evidence", None)) for c in report.claims]
    return Card(report.file, verdict, message=message, rows=rows, plain=report.render(),
                row_parts=row_parts)


def _evidence_parts(evidence) -> list[tuple[str, str]]:
    """A refuted row's :class:`symbp.check.values.Evidence`: both sides (the failing entry
    boxed) and the counterexample, as matrices; none without evidence."""
    if evidence is None:
        return []
    parts = side_parts(evidence.derived, evidence.claimed, evidence.index)
    if evidence.counterexample is not None:
        parts += _counterexample_parts(evidence.counterexample)
    return parts


# =========================================================================== escaping

def _text(s: str) -> str:
    return html.escape(s, quote=False)


def _attr(s: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", s.lower())


def _math(latex: str) -> str:
    """LaTeX inside HTML: escaped for HTML (MathJax reads the decoded text)."""
    return html.escape(latex.replace("$", r"\$"), quote=False)


def _detail_html(verdict: str, detail: str) -> str:
    """A row's detail; a refutation's parts (entry, both sides, counterexample, correct
    form) one per line."""
    text = _text(detail)
    return text if verdict in ("holds", "definition") else text.replace("; ", "<br>")


def _badge(verdict: str) -> str:
    fg, bg = VERDICT_COLOURS.get(verdict, ("#57606a", "#eaeef2"))
    return (f'<span class="symbp-verdict" style="color:{fg};background:{bg};border-radius:4px;'
            f'padding:0 0.4em;font-weight:700">{_text(verdict)}</span>')


def _latex_text(s: str) -> str:
    """Plain text made safe for ``\\text{…}``."""
    out = re.sub(r"([#$%&_{}])", r"\\\1", s.replace("\\", "/"))
    return out.replace("^", r"\^{}").replace("~", r"\~{}")


def _latex_text_math(s: str) -> str:
    return rf"\text{{{_latex_text(s)}}}" if s else ""
