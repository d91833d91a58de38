r"""The IPython extension: ``%load_ext symbp``, then a ``%%symbp`` cell checks its Markdown or LaTeX.

    %%symbp [md|tex] [symbp check's flags: --layer conv2d --input 3x3 ... --time-limit S
                      --format text|json|github|sarif|junit]
    <!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->
    $$\frac{\partial J}{\partial W} = a * \delta$$

The cell is read exactly as a file by ``symbp check`` (same directives, same verdicts); its
kind is the first word of the line, else LaTeX when the cell has a ``% symbp:`` directive
or an ``equation``/``align``/``gather`` environment, else Markdown.  The cell's value is
the :class:`symbp.check.checker.CheckReport`, which Jupyter shows as a verdict card; with a
``--format`` other than text the formatted output is printed instead.  A bad flag or an
unreadable cell prints one ``symbp: error: ...`` line on stderr.
"""
from __future__ import annotations

import re
import shlex
import sys

_KINDS = {"md": "md", "markdown": "md", "tex": "tex", "latex": "tex"}
_TEX_HINT = re.compile(r"^\s*%\s*symbp:|\\begin\s*\{(?:equation|align|gather|displaymath)\*?\}",
                       re.MULTILINE)


def register(ipython) -> None:
    """Register ``%%symbp`` with an IPython shell (``load_ipython_extension`` calls this)."""
    ipython.register_magic_function(symbp_cell, magic_kind="cell", magic_name="symbp")


def cell_kind(line: str, cell: str) -> tuple[str, str]:
    """(kind, the rest of the line): the kind named first on the line, else guessed.

    Example: ``cell_kind("tex --layer conv2d", "...")`` is ``("tex", "--layer conv2d")``.
    """
    words = line.split(None, 1)
    if words and words[0].lower() in _KINDS:
        return _KINDS[words[0].lower()], words[1] if len(words) > 1 else ""
    return ("tex" if _TEX_HINT.search(cell) else "md"), line


def symbp_cell(line: str, cell: str):
    """The ``%%symbp`` magic: the cell's CheckReport (shown as a card), or None on error."""
    from .check.checker import CheckError, check_text
    from .cli_check import setup_of
    from .cli import UsageError, build_parser
    from .core.geometry import ConfigError
    from .report import records_from_check
    from .report.batch import report_json
    from .report.formats import render
    kind, flags = cell_kind(line, cell)
    try:
        args = build_parser("check").parse_args(["check", "<cell>", *shlex.split(flags)])
        report = check_text(cell, kind, setup=setup_of(args), path="<cell>",
                            time_limit=args.time_limit)
    except (UsageError, ConfigError, CheckError, ValueError) as err:
        print(f"symbp: error: {err}", file=sys.stderr)
        return None
    if not report.claims:
        print("symbp: error: no display equations in this cell", file=sys.stderr)
        return None
    if args.format != "text":
        print(render(records_from_check(report), args.format,
                     json_doc=lambda: report_json(report)))
        return None
    return report
