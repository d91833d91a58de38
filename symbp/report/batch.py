"""``symbp check PATH...``: many files, directories and globs, one report each and a summary.

A path may be a file (any name: its suffix decides Markdown, LaTeX or Typst; an unsupported
one is an error), a directory (searched recursively for :data:`DOCUMENT_SUFFIXES`, hidden
directories skipped) or a glob (``docs/**/*.md``; ``**`` crosses directories).  One plain
file behaves as ``symbp check FILE`` always did (same output, same exit codes).  With
several files, or with ``--skip-empty`` (pre-commit passes every Markdown file), a file
without display equations is skipped (said in the summary), one that cannot be read is
reported on stderr, and the exit status is 2 if any could not be read, else 1 if any
claim is refuted, else 0.
"""
from __future__ import annotations

import glob
import os
import sys

from . import records_from_check
from .formats import render, summary
from .terminal import emit, progress, shows_progress

DOCUMENT_SUFFIXES = (".md", ".markdown", ".tex", ".typ")
_GLOB_CHARS = set("*?[")


class PathError(ValueError):
    """A path argument names nothing to check, or the one file named cannot be checked; the
    message is one line (the CLI reports it with exit status 2)."""


def expand_paths(arguments: list[str]) -> list[str]:
    """The document files named by files, directories and globs, in order, each once.

    Example: ``expand_paths(["notes.md", "docs", "papers/**/*.tex"])``.
    """
    found: list[str] = []
    for arg in arguments:
        if os.path.isdir(arg):
            matches = _walk(arg)
            if not matches:
                raise PathError(f"{arg}: no {'/'.join(DOCUMENT_SUFFIXES)} files in this directory")
        elif os.path.exists(arg) or not (_GLOB_CHARS & set(arg)):
            matches = [arg]                 # a file; a missing one is reported when read
        else:
            matches = sorted(m for m in glob.glob(arg, recursive=True)
                             if os.path.isfile(m) and m.lower().endswith(DOCUMENT_SUFFIXES))
            if not matches:
                raise PathError(f"{arg}: no {'/'.join(DOCUMENT_SUFFIXES)} files match")
        found.extend(matches)
    return list(dict.fromkeys(found))


def _walk(directory: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, f) for f in sorted(files)
                if f.lower().endswith(DOCUMENT_SUFFIXES)]
    return out


def check_paths(arguments: list[str], fmt: str, *, setup: dict, time_limit: float,
                batch: bool = False) -> int:
    """Check every document the arguments name; print in ``fmt``; return the exit status.

    ``setup``: the base settings from the flags (as :func:`symbp.check.checker.check_file`).
    Raises PathError (one line; the CLI exits 2) for a single file that cannot be checked (unless
    ``batch``: then one file is treated as many are), or arguments that name no file.
    """
    from ..check.checker import CheckError, check_file
    paths = expand_paths(arguments)
    single = not batch and len(arguments) == 1 and len(paths) == 1 and not os.path.isdir(arguments[0]) \
        and paths[0] == arguments[0]
    reports, skipped, failed = [], [], []
    with progress(len(paths), "symbp check", shows_progress(fmt)) as step:
        for path in paths:
            step(path)
            try:
                report = check_file(path, setup=setup, time_limit=time_limit)
                problem = _problem(report)
            except CheckError as err:
                report, problem = None, str(err)
            if single and problem:
                raise PathError(problem)
            if report is not None and not report.claims:
                skipped.append(path)
            elif report is None:
                failed.append(problem)
                print(f"symbp: error: {problem}", file=sys.stderr)
            else:
                reports.append(report)
    records = [r for report in reports for r in records_from_check(report)]
    if single:
        out = render(records, fmt, text=reports[0].render,
                     json_doc=lambda: report_json(reports[0]))
    else:
        out = render(records, fmt, text=lambda: _texts(reports, skipped, failed, records),
                     json_doc=lambda: [report_json(r) for r in reports])
    emit(out, fmt)
    if failed:
        return 2
    return 1 if any(report.refuted for report in reports) else 0


def _problem(report) -> str | None:
    """Why one explicitly named file cannot be checked (as ``symbp check FILE`` says)."""
    if not report.claims:
        return f"{report.file}: no display equations found"
    if report.with_setup == 0 and report.setup_errors:
        return f"{report.file}: {report.setup_errors[0]}"
    from ..check.prose_roles import NOT_CONVOLUTION
    if report.with_setup == 0 and any(c.detail.endswith(NOT_CONVOLUTION) for c in report.claims):
        return (f"{report.file}: {NOT_CONVOLUTION} (its products are no stride-1 cross-correlation or "
                "true convolution at the sizes its entries give: check them)")
    if report.with_setup == 0 and not any(c.verdict in ("definition", "holds", "refuted")   # a forward read,
                                          for c in report.claims):                     # a claim decided
        return (f"{report.file}: no layer setup applies to any equation (give --layer and "
                "sizes, or a directive such as <!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->)")
    return None


def report_json(report) -> dict:
    """``{"file": ..., "claims": [{"line", "latex", "verdict", "detail"[, "scope"]}, ...]}``."""
    return report.as_dict()


def _texts(reports, skipped, failed, records) -> str:
    """Each file's report, a blank line between, then one summary line."""
    parts = [report.render() for report in reports]
    refuted = sum(report.refuted for report in reports)
    line = (f"{len(reports)} file{'s' * (len(reports) != 1)}, {len(records)} equations: "
            f"{summary(records)}; {refuted} file{'s' * (refuted != 1)} with a refuted claim")
    if skipped:
        line += f"; {len(skipped)} without display equations"
    if failed:
        line += f"; {len(failed)} could not be read"
    return "\n\n".join(parts + [line])

