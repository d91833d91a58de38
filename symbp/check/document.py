r"""Extraction of display equations and symbp directives from documents.

Markdown (``md``): display math is ``$$...$$`` or ``\[...\]``, possibly
spanning lines and possibly several on one line.  Inline ``$x$``, code spans,
fenced code blocks and HTML comments are skipped.  A directive is an HTML
comment ``<!-- symbp: KEY=VALUE ... -->``.

LaTeX (``tex``): display math is ``\[...\]``, ``$$...$$`` or one of the
environments in :data:`DISPLAY_ENVIRONMENTS`.  ``%`` comments, inline math
(``$...$``, ``\(...\)``) and verbatim-like environments are skipped.  A
directive is a comment ``% symbp: KEY=VALUE ...``.

For ``align``/``gather`` (and for any display whose whole content is one
``aligned``/``gathered``/``split``/``align``/``gather`` environment) every
``\\``-separated row becomes its own :class:`DisplayEquation`, and top-level
``&`` alignment markers are dropped (``&`` inside matrices and other
environments is kept).  ``\label{...}``, ``\tag{...}``, ``\nonumber`` and
``\notag`` are removed, as is trailing punctuation and spacing (``,`` ``.``
``;`` ``\,`` ``\quad`` ...); ``shown`` keeps the row as written for the report
(:mod:`symbp.check.display_rows`, which also splits a ``$$`` display typed as ``&`` rows with no
environment).  Empty displays and rows are skipped.

Line numbers are 1-based: a display's line is where its opening delimiter is;
a row's line is where its first character is.  Each equation carries the
settings of the most recent directive before it (a directive replaces the
previous settings; it does not merge with them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .display_rows import equation_rows
from .plain_math import code_continuation, code_formula
from .plain_scripts import unicode_names

__all__ = [
    "DISPLAY_ENVIRONMENTS",
    "Directive",
    "DisplayEquation",
    "DocumentError",
    "MAX_DOCUMENT_BYTES",
    "extract",
    "extract_equations",
    "read_document",
]

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DISPLAY_ENVIRONMENTS = frozenset(
    {"equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "displaymath"}
)
_VERBATIM_ENVIRONMENTS = frozenset({"verbatim", "verbatim*", "lstlisting", "minted", "comment"})
_KIND_BY_SUFFIX = {".md": "md", ".markdown": "md", ".tex": "tex", ".typ": "typ"}     # typ: symbp.check.typst_doc

_DIRECTIVE_ITEM_RE = re.compile(r"([a-z_-]+)=([A-Za-z0-9_.,x-]+)")
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_MD_TEXT_RE = re.compile(r"<!--|`+|\\\[|\\begin\s*\{((?:equation|align|gather|multline)\*?)\}|\\.|\$\$|\$", re.DOTALL)
_MD_MATH_RE = re.compile(r"\\.|\$\$", re.DOTALL)
_INLINE_RE = re.compile(r"\\.|\$", re.DOTALL)
_TEX_TEXT_RE = re.compile(r"\\begin\s*\{([^{}]*)\}|\\\[|\\\(|\\.|\$\$|\$", re.DOTALL)
_TEX_MATH_RE = re.compile(r"\\end\s*\{[^{}]*\}|\\.|\$\$", re.DOTALL)


class DocumentError(ValueError):
    """A document could not be read or parsed; the message is one line."""


@dataclass(frozen=True)
class Directive:
    """A ``symbp: KEY=VALUE ...`` comment at ``line``."""

    line: int
    settings: dict[str, str] = field(hash=False)
    error: str | None = None       # a malformed directive: spoils only its own section


@dataclass(frozen=True)
class DisplayEquation:
    """One display equation (or one row of an ``align``-like display)."""

    line: int
    latex: str
    env: str
    settings: dict[str, str] = field(default_factory=dict, hash=False)
    shown: str = field(default="", compare=False)      # the row as written: its full stop, \tag{3}


@dataclass
class _OpenMath:
    env: str
    closer: str
    line: int
    chunks: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# public API


def read_document(path: str | Path) -> tuple[str, str]:
    """Return ``(kind, text)`` for a ``.md``/``.markdown``/``.tex``/``.typ`` file."""
    path = Path(path)
    kind = _KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise DocumentError(f"{path}: unsupported file type '{path.suffix}' (expected .md, .markdown, .tex or .typ)")
    try:
        if not path.is_file():
            raise DocumentError(f"{path}: not a readable regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read file ({exc.strerror or type(exc).__name__})") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{path}: file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    return kind, text.removeprefix("\ufeff")


def extract(text: str, kind: str) -> list[DisplayEquation | Directive]:
    """Display equations and directives of a ``kind`` ('md'/'tex') document, in order."""
    scanners = {"md": _MarkdownScanner, "tex": _LatexScanner}
    if kind not in scanners:
        raise DocumentError(f"unknown document kind {kind!r} (expected 'md' or 'tex')")
    scanner = scanners[kind]()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        scanner.feed(number, line)
    scanner.finish()
    return scanner.items


def extract_equations(text: str, kind: str) -> list[DisplayEquation]:
    """Only the display equations of :func:`extract`."""
    return [item for item in extract(text, kind) if isinstance(item, DisplayEquation)]


# --------------------------------------------------------------------------
# scanning


class _Scanner:
    """State shared by the Markdown and LaTeX scanners: open math and directives."""

    def __init__(self) -> None:
        self.items: list[DisplayEquation | Directive] = []
        self.math: _OpenMath | None = None
        self._settings: dict[str, str] = {}

    def finish(self) -> None:
        if self.math is not None:
            raise DocumentError(f"line {self.math.line}: unterminated display math {_opener_name(self.math)}")

    def open_math(self, env: str, closer: str, number: int) -> None:
        self.math = _OpenMath(env, closer, number)

    def scan_math(self, line: str, pos: int, end: int, pattern: re.Pattern[str]) -> int:
        """Collect math content from ``line[pos:end]``; return where scanning resumes."""
        assert self.math is not None
        for match in pattern.finditer(line, pos, end):
            if re.sub(r"\s+", "", match.group()) == self.math.closer:
                self.math.chunks.append(line[pos : match.start()])
                self._close_math()
                return match.end()
        self.math.chunks.append(line[pos:end])
        return end

    def end_line(self) -> None:
        if self.math is not None:
            self.math.chunks.append("\n")

    def directive(self, number: int, body: str) -> None:
        if self.math is not None:
            raise DocumentError(
                f"line {number}: symbp directive inside display math opened on line {self.math.line}"
            )
        directive = _parse_directive(number, body)
        self.items.append(directive)
        self._settings = directive.settings

    def _close_math(self) -> None:
        assert self.math is not None
        math, self.math = self.math, None
        for line, latex, shown in equation_rows(math.line, math.env, "".join(math.chunks)):
            self.items.append(DisplayEquation(line, latex, math.env, dict(self._settings), shown))


class _MarkdownScanner(_Scanner):
    def __init__(self) -> None:
        super().__init__()
        self._fence: str | None = None
        self._fence_line = 0                    # where the open fence began
        self._hidden_math = 0                   # a $$ line inside it (0: none yet)
        self._plain_fence = False
        self._formula_line = -1                 # the last plain code line read as a formula
        self._comment: tuple[int, list[str]] | None = None  # (line, chunks)

    def feed(self, number: int, line: str) -> None:
        if self.math is None and self._comment is None and self._in_fence(line, number):
            return
        pos = 0
        while pos < len(line):
            if self._comment is not None:
                pos = self._scan_comment(line, pos)
            elif self.math is not None:
                pos = self.scan_math(line, pos, len(line), _TEX_MATH_RE if self.math.env in DISPLAY_ENVIRONMENTS else _MD_MATH_RE)
            else:
                pos = self._scan_text(number, line, pos)
        self.end_line()
        if self._comment is not None:
            self._comment[1].append("\n")

    def finish(self) -> None:
        if self._comment is not None and _directive_body("".join(self._comment[1])) is not None:
            raise DocumentError(f"line {self._comment[0]}: unterminated symbp directive comment")
        if self._fence is not None and self._hidden_math:        # CommonMark runs it to the end
            raise DocumentError(f"line {self._fence_line}: the code fence {self._fence} opened here is never "
                                f"closed, so the $$ display at line {self._hidden_math} and all below it "
                                f"are read as code: close the fence")
        super().finish()

    def _in_fence(self, line: str, number: int = 0) -> bool:
        """Track fenced code blocks; True if ``line`` is part of one.  A line of a plain block
        (no language, or text) that states a formula (``plain_math.code_formula``) is a claim."""
        if self._fence is not None:
            if re.fullmatch(rf" {{0,3}}{re.escape(self._fence[0])}{{{len(self._fence)},}}\s*", line):
                self._fence = None
                self._hidden_math = 0
            elif not self._hidden_math and line.lstrip().startswith("$$"):
                self._hidden_math = number
            elif self._plain_fence and ((formula := code_formula(line)) or (
                    self._formula_line == number - 1 and (formula := code_continuation(line)))):
                self.items.append(DisplayEquation(number, formula, "code", dict(self._settings)))
                self._formula_line = number              # a row "= …" under it continues it
            return True
        match = _FENCE_RE.match(line)
        if match:
            self._fence, self._fence_line = match.group(1), number
            self._plain_fence = line[match.end():].strip().lower() in ("", "text", "txt", "plaintext")
            return True
        return False

    def _scan_comment(self, line: str, pos: int) -> int:
        assert self._comment is not None
        end = line.find("-->", pos)
        if end < 0:
            self._comment[1].append(line[pos:])
            return len(line)
        start_line, chunks = self._comment
        chunks.append(line[pos:end])
        self._comment = None
        body = _directive_body("".join(chunks))
        if body is not None:
            self.directive(start_line, body)
        return end + 3

    def _scan_text(self, number: int, line: str, pos: int) -> int:
        match = _MD_TEXT_RE.search(line, pos)
        if match is None:
            return len(line)
        token = match.group()
        if token == "<!--":
            self._comment = (number, [])
        elif token.startswith("`"):
            closing = re.compile(rf"(?<!`){token}(?!`)").search(line, match.end())
            if closing and (formula := code_formula(line[match.end():closing.start()])):   # `dX = dY @ W.T`
                self.items.append(DisplayEquation(number, formula, "code", dict(self._settings)))
            return closing.end() if closing else match.end()
        elif token == "\\[":
            self.open_math("\\[", "\\]", number)
        elif match.group(1):                     # \begin{multline*} in Markdown: MathJax's display
            self.open_math(match.group(1), f"\\end{{{match.group(1)}}}", number)
        elif token == "$$":
            self.open_math("$$", "$$", number)
        elif token == "$":
            return _skip_inline_dollar(line, match.end())
        return match.end()


class _LatexScanner(_Scanner):
    def __init__(self) -> None:
        super().__init__()
        self._inline: tuple[str, int] | None = None  # (closer, line)
        self._verbatim_end: str | None = None

    def feed(self, number: int, line: str) -> None:
        pos = 0
        if self._verbatim_end is not None:
            pos = self._skip_verbatim(line, pos)
            if pos < 0:
                return
        end = _comment_start(line, pos)
        while pos < end:
            if self.math is not None:
                pos = self.scan_math(line, pos, end, _TEX_MATH_RE)
            elif self._inline is not None:
                pos = self._scan_inline(line, pos, end)
            else:
                pos = self._scan_text(number, line, pos, end)
            if self._verbatim_end is not None:
                pos = self._skip_verbatim(line, pos)
                if pos < 0:
                    return
                end = _comment_start(line, pos)
        body = _directive_body(line[end + 1 :].lstrip("%")) if end < len(line) else None
        if body is not None:
            if self._inline is not None:
                raise DocumentError(f"line {number}: symbp directive inside inline math")
            self.directive(number, body)
        self.end_line()

    def finish(self) -> None:
        if self._inline is not None:
            raise DocumentError(f"line {self._inline[1]}: unterminated inline math '{self._inline[0]}'")
        super().finish()

    def _skip_verbatim(self, line: str, pos: int) -> int:
        """Skip verbatim text; return where code resumes, or -1 if the line is all verbatim."""
        assert self._verbatim_end is not None
        found = line.find(self._verbatim_end, pos)
        if found < 0:
            return -1
        resume = found + len(self._verbatim_end)
        self._verbatim_end = None
        return resume

    def _scan_inline(self, line: str, pos: int, end: int) -> int:
        assert self._inline is not None
        for match in _INLINE_RE.finditer(line, pos, end):
            if match.group() == self._inline[0]:
                self._inline = None
                return match.end()
        return end

    def _scan_text(self, number: int, line: str, pos: int, end: int) -> int:
        match = _TEX_TEXT_RE.search(line, pos, end)
        if match is None:
            return end
        token = match.group()
        if match.group(1) is not None:
            env = match.group(1).strip()
            if env in DISPLAY_ENVIRONMENTS:
                self.open_math(env, f"\\end{{{env}}}", number)
            elif env in _VERBATIM_ENVIRONMENTS:
                self._verbatim_end = f"\\end{{{env}}}"
        elif token == "\\[":
            self.open_math("\\[", "\\]", number)
        elif token == "$$":
            self.open_math("$$", "$$", number)
        elif token in ("$", "\\("):
            self._inline = ("$" if token == "$" else "\\)", number)
        return match.end()


def _opener_name(math: _OpenMath) -> str:
    return f"'\\begin{{{math.env}}}'" if math.env in DISPLAY_ENVIRONMENTS else f"'{math.env}'"


def _skip_inline_dollar(line: str, pos: int) -> int:
    """Skip Markdown inline math ending on this line; a lone ``$`` is literal."""
    for match in _INLINE_RE.finditer(line, pos):
        if match.group() == "$":
            return match.end()
    return pos


def _comment_start(line: str, pos: int) -> int:
    """Index of the first unescaped ``%`` at or after ``pos``, else ``len(line)``."""
    for match in re.finditer(r"\\.|%", line[pos:], re.DOTALL):
        if match.group() == "%":
            return pos + match.start()
    return len(line)


def quiet_comments(text: str) -> str:
    r"""``text`` (Markdown) with every ``$`` inside an HTML comment other than a directive blanked: a note
    such as ``<!-- every $$ display transcribed -->`` opens no maths for the readers that pair ``$$`` over
    the whole page (lines and offsets kept).

    >>> quiet_comments("<!-- one $$ here -->\n$$a = b$$")
    '<!-- one    here -->\n$$a = b$$'
    """
    return re.sub(r"<!--(?!\s*symbp:).*?-->", lambda m: m.group(0).replace("$", " "), text, flags=re.S)


# --------------------------------------------------------------------------
# directives


def _directive_body(comment: str) -> str | None:
    """The text after ``symbp:`` if ``comment`` is a directive, else None."""
    stripped = comment.strip()
    return stripped[len("symbp:") :] if stripped.startswith("symbp:") else None


def _parse_directive(number: int, body: str) -> Directive:
    """The directive's settings, or a Directive with ``error`` set (one line) when it is
    malformed: the equations after it, up to the next directive, are then unchecked."""
    items = body.split()
    if not items:
        return Directive(number, {}, f"line {number}: empty symbp directive")
    settings: dict[str, str] = {}
    marks = [k for k, item in enumerate(items) if item in ("names:", "layout:")]
    for k, end in zip(marks, marks[1:] + [len(items)]):   # the document's own names (doc_names)
        settings[items[k][:-1]] = unicode_names(" ".join(items[k + 1:end]))    # a⁽ᵏ⁾: a^{(k)}
    items = items[:marks[0]] if marks else items
    for item in items:
        match = _DIRECTIVE_ITEM_RE.fullmatch(item)
        if match is None:
            return Directive(number, {}, f"line {number}: malformed symbp directive item "
                                         f"{item!r} (expected KEY=VALUE)")
        key, value = match.groups()
        if key in settings:
            return Directive(number, {}, f"line {number}: duplicate key {key!r} in symbp directive")
        settings[key] = value
    return Directive(number, settings)
