"""Colour and progress, only for a person at a terminal.

Colour: verdict words in the text output, when stdout is a terminal, ``NO_COLOR`` is unset
(https://no-color.org) and ``TERM`` is not ``dumb``; ``FORCE_COLOR`` forces it.  Progress:
on stderr, only when stderr is a terminal and the output is the text format (never for
JSON, GitHub, SARIF or JUnit, never when piped); rich draws it when installed, else tqdm,
else a one-line counter.  The output bytes themselves never change: colour is only added
around whole verdict words.
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager

_COLOURS = {"holds": "32", "definition": "36", "refuted": "1;31", "unproved": "33",
            "unchecked": "33"}
_VERDICT_RE = re.compile(r"(?<![\w-])(" + "|".join(_COLOURS) + r")(?![\w-])")


def wants_colour(stream=None) -> bool:
    """Whether to colour what goes to ``stream`` (default stdout)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_terminal(stream) and os.environ.get("TERM") != "dumb"


def colour_verdicts(text: str) -> str:
    """``text`` with each verdict word wrapped in its ANSI colour (alignment unchanged)."""
    return _VERDICT_RE.sub(lambda m: f"\033[{_COLOURS[m.group(1)]}m{m.group(1)}\033[0m", text)


def emit(text: str, fmt: str = "text", stream=None) -> None:
    """Print a subcommand's output, colouring the text format on a terminal."""
    stream = stream or sys.stdout
    if fmt == "text" and wants_colour(stream):
        text = colour_verdicts(text)
    print(text, file=stream)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def shows_progress(fmt: str) -> bool:
    """Progress goes to stderr only for the text format on a terminal."""
    return fmt == "text" and _is_terminal(sys.stderr)


@contextmanager
def progress(total: int, description: str, enabled: bool):
    """A context giving ``step(label)``, called as each item starts: the bar counts the
    items before it and shows ``label``.  Draws on stderr only when ``enabled``.

    Example::

        with progress(len(paths), "checking", shows_progress(fmt)) as step:
            for path in paths:
                step(str(path))
                check(path)
    """
    if not enabled or total < 2:
        yield lambda label="": None
        return
    started = [0]

    def count() -> int:                      # items finished before this one
        started[0] += 1
        return int(started[0] > 1)
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:
        Progress = None
    if Progress is not None:
        with Progress(console=Console(file=sys.stderr), transient=True) as bar:
            task = bar.add_task(description, total=total)
            yield lambda label="": bar.update(task, advance=count(), description=label)
        return
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        with tqdm(total=total, desc=description, file=sys.stderr, leave=False) as bar:
            yield lambda label="": (bar.update(count()), bar.set_postfix_str(label))
        return

    def step(label=""):
        count()
        sys.stderr.write(f"\r\033[K{description} {started[0]}/{total} {label}"[:200])
        sys.stderr.flush()
    try:
        yield step
    finally:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def run_claims(claims: list, fmt: str) -> list:
    """:func:`symbp.claims.run` over ``claims``, with progress on a terminal's stderr.

    Example: ``run_claims(builtin_claims([], Setup()), "text")`` -> list of Result.
    """
    from ..claims import run
    results = []
    with progress(len(claims), "symbp verify", shows_progress(fmt)) as step:
        for claim in claims:
            step(f"{claim.name} ({claim.sizes})")
            results += run([claim])
    return results
