r"""Documents whose math is Typst: a ``.typ`` file, or Markdown whose ``$$`` displays are Typst.

:func:`typst_page` gives ``symbp check`` the document with every Typst display written as LaTeX
(:func:`symbp.check.typst_math.typst_latex`, row by row, each row on its own line, inside
``\begin{aligned}``), so that every reader reads it as it reads LaTeX; :meth:`TypstPage.shown`
puts the author's own row back into the report (its ``&`` dropped), and a row that cannot be
transcribed is reported unchecked with the reason.

Which displays are Typst: every display of a ``.typ`` file; in Markdown, only where the page
shows it: a display that writes a Typst call (``frac(``, ``mat(``, ``cases(``, ``bold(``,
``cal(``…), a script in parentheses (``x_(i j)``) or ``partial``/``nabla`` as words, and no
display of the page writes a LaTeX macro (``\frac``): then every display without a macro is
Typst (one that does not transcribe is left as written).  Where the page mixes them, only the
displays with a Typst call are.  LaTeX is never transcribed.

A ``.typ`` file is first read as Markdown (:func:`typst_markdown`): ``$ … $`` with spaces inside
is a display, ``= Heading`` a heading, ``// symbp: …`` a directive; line numbers are kept.

>>> page = typst_page("# A\n\n$$\n  (partial L)/(partial y) &= 2 y \\\n  &= frac(1, 2)\n$$\n", "md")
>>> print(page.text.split("$$")[1].strip())
\begin{aligned} \frac{\partial L}{\partial y} &= 2 y \\
&= \frac{1}{2}
\end{aligned}
>>> page.rows
{4: ['(partial L)/(partial y) = 2 y'], 5: ['= frac(1, 2)']}
>>> typst_markdown("= Intro\n// symbp: layer=fc\n$ y = W x $ and $x$.").split("\n")
['# Intro', '<!-- symbp: layer=fc -->', '$$ y = W x $$ and $x$.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import document
from .typst_math import TypstError, typst_latex, typst_rows

_LATEX_MACRO = re.compile(r"\\(?!u\{)[A-Za-z]")
_TYPST_MARK = re.compile(r"(?<![\\A-Za-z])(?:frac|mat|vec|cases|bold|cal|upright|binom|op|attach)\("
                         r"|[_^]\(|(?<![\\A-Za-z])(?:partial|nabla)(?![A-Za-z])")
_CALL_MARK = re.compile(r"(?<![\\A-Za-z])(?:frac|mat|vec|cases|bold|cal|upright|binom|op|attach)\(")
UNREAD = "Typst math not read"


@dataclass
class TypstPage:
    """The document as the readers read it, and each Typst row as its author wrote it."""

    text: str
    kind: str
    rows: dict[int, list[str]] = field(default_factory=dict)          # line -> the rows starting there
    unread: list[tuple[int, str, str]] = field(default_factory=list)   # (line, row, why)

    def shown(self, report):
        """``report`` with each Typst claim shown as written, and the rows not read, unchecked."""
        from .check_report import ClaimVerdict
        by_line: dict[int, list] = {}
        for claim in report.claims:
            by_line.setdefault(claim.line, []).append(claim)
        claims = []
        for claim in report.claims:
            written, same = self.rows.get(claim.line, []), by_line[claim.line]
            if len(written) == len(same):
                claim = replace(claim, latex=written[same.index(claim)])
            elif len(written) == 1:                       # one row read as several claims
                claim = replace(claim, latex=f"{written[0]}  [part {same.index(claim) + 1} of {len(same)}: "
                                             f"{claim.latex.strip()}]")
            claims.append(claim)
        claims += [ClaimVerdict(line, row, "unchecked", f"{UNREAD}: {why}") for line, row, why in self.unread]
        report.claims = sorted(claims, key=lambda c: c.line)
        return report


def typst_page(text: str, kind: str) -> TypstPage:
    """The document with its Typst displays as LaTeX (``kind`` 'md', 'tex' or 'typ')."""
    whole = kind == "typ"
    if whole:
        text, kind = typst_markdown(text), "md"
    page = TypstPage(text, kind)
    if kind != "md":
        return page
    try:
        items = document.extract(text, kind)
    except document.DocumentError:
        return page                                       # check_text says why
    displays = [e for e in items if isinstance(e, document.DisplayEquation) and e.env == "$$"]
    if not displays:
        return page
    latex_page = any(_LATEX_MACRO.search(e.latex) for e in displays)
    typst = whole or (not latex_page and any(_TYPST_MARK.search(e.latex) for e in displays))
    starts = _line_starts(text)
    pieces, done = [], 0
    for e in displays:
        if _LATEX_MACRO.search(e.latex) or not (typst or _CALL_MARK.search(e.latex)):
            continue
        at = _opening(text, starts[e.line - 1])          # the display as written (its rows' & kept)
        end = text.find("$$", at) if at >= 0 else -1
        if at < done or end < 0:
            continue
        written = _display(page, text[at:end], text.count("\n", 0, at) + 1,
                           marked=whole or bool(_TYPST_MARK.search(e.latex)))
        if written is not None:
            pieces += [text[done:at], written]
            done = end
    page.text = "".join(pieces) + text[done:]
    return page


def _display(page: TypstPage, content: str, line: int, marked: bool) -> str | None:
    """The LaTeX of one Typst display (its newlines kept), or None: left as written."""
    out, rows, unread = [], {}, []
    for offset, row in typst_rows(content):
        lead = len(row) - len(row.lstrip())
        first = line + content.count("\n", 0, offset + lead)
        shown = re.sub(r"(?<!\\)&", "", row).strip()
        try:
            latex = typst_latex(row) if shown else ""
        except TypstError as err:
            if not marked:
                return None
            latex = ""
            unread.append((first, shown, str(err)))
        latex = re.sub(r"\s*\n\s*", " ", latex)
        if latex:
            rows.setdefault(first, []).append(shown)
            out.append("\n" * row.count("\n", 0, lead) + latex + r" \\" + "\n" * row.count("\n", lead))
        else:
            out.append("\n" * row.count("\n"))
    if not rows and not unread:
        return None
    for first, shown in rows.items():
        page.rows.setdefault(first, []).extend(shown)
    page.unread += unread
    body = "".join(out)
    body = re.sub(r" \\\\(\n*)$", r"\1", body)            # no break after the last row
    return r"\begin{aligned} " + body + r"\end{aligned}" if body.strip() else body


def _opening(text: str, line_start: int) -> int:
    """Where the content of the ``$$`` display whose first row is on the line at ``line_start``
    begins: after a ``$$`` on that line before its text, else after the last ``$$`` above it."""
    line_end = text.find("\n", line_start)
    same = text.find("$$", line_start, len(text) if line_end < 0 else line_end)
    opened = same if same >= 0 and not text[line_start:same].strip() else text.rfind("$$", 0, line_start)
    return opened + 2 if opened >= 0 else -1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


# --------------------------------------------------------------------------- .typ files

_MARKUP = re.compile(r"(?P<comment>(?<!:)//[^\n]*|/\*.*?\*/)|(?P<raw>```.*?```|`[^`\n]*`)|(?P<escape>\\.)"
                     r"|(?P<math>\$(?:[^$\\\"]|\\.|\"(?:[^\"\\]|\\.)*\")*\$)|(?P<label><[\w:.-]+>)", re.S)
_HEADING = re.compile(r"^([ \t]*)(=+)(?=[ \t])", re.M)


def typst_markdown(text: str) -> str:
    """A Typst markup document as Markdown, line for line: displays ``$$ … $$``, headings
    ``#``, ``// symbp: …`` as a directive comment, other comments and labels blanked."""
    out, done = [], 0
    for m in _MARKUP.finditer(text):
        kind, body = m.lastgroup, m.group()
        if kind == "comment":
            directive = re.fullmatch(r"//\s*(symbp:.*)", body)
            new = f"<!-- {directive.group(1)} -->" if directive else re.sub(r"[^\n]", " ", body)
        elif kind == "label":
            new = " " * len(body)
        elif kind == "math":
            inner = body[1:-1]
            display = len(inner) > 1 and inner[0].isspace() and inner[-1].isspace()
            new = f"$${inner}$$" if display else body
        else:
            new = body                                    # raw text, an escape (\$) as written
        out += [_headings(text, done, m.start()), new]
        done = m.end()
    out.append(_headings(text, done, len(text)))
    return "".join(out)


def _headings(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with ``= Heading`` lines as ``# Heading`` (a line that starts there)."""
    def heading(m: re.Match) -> str:
        at_line_start = start + m.start() == 0 or text[start + m.start() - 1] == "\n"
        return m.group(1) + "#" * len(m.group(2)) if at_line_start else m.group()
    return _HEADING.sub(heading, text[start:end])
