"""``symbp code``'s verdicts as :class:`symbp.report.Record` objects (every ``--format``).

One record per function verdict (backward and forward): the user's file, the line of the
function's ``def`` (read from the file with :mod:`ast`, nothing is run), the level (error
for wrong or error, pass for correct, warning for unknown or unsupported, notice for not
checked) and a one-line message naming the first failing configuration, the entry, what
was expected, what the code gave, and the diagnosis.

    >>> recs = records_from_code([{"function": "relu_backward", "layer": "relu",
    ...     "verdict": "correct", "role": "backward", "configs": [], "warnings": []}])
    >>> recs[0].level
    'pass'
"""
from __future__ import annotations

import ast
import inspect

from ..report import ERROR, NOTICE, PASS, WARNING, Record, RichDisplay

#: a function verdict of ``symbp code`` -> its record level
LEVEL_OF_CODE_VERDICT = {"wrong": ERROR, "error": ERROR, "correct": PASS,
                         "unknown": WARNING, "unsupported": WARNING, "not checked": NOTICE}
_LOSS_SUFFIX = " (loss value)"


def def_lines(path: str) -> dict[str, int]:
    """Where a file defines its functions and classes, read with :mod:`ast` (nothing runs).

    ``{"relu_backward": 5, "Relu": 7, "Relu.forward": 8, "Relu.backward": 13}``; an
    unreadable or unparsable file gives ``{}``.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in tree.body:
        if isinstance(node, kinds):
            lines[node.name] = node.lineno
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, kinds):
                    lines[f"{node.name}.{member.name}"] = member.lineno
    return lines


def _def_line(result: dict, lines: dict[str, int]) -> int | None:
    """The line of the ``def`` of a result's function (a torch Function: its method)."""
    name = result["function"].removesuffix(_LOSS_SUFFIX)
    method = lines.get(f"{name}.{result.get('role', 'backward')}")
    return method or lines.get(name)


def _short(text, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _sizes(sizes: dict) -> str:
    return ", ".join(f"{k} {'x'.join(map(str, v)) if isinstance(v, list) else v}"
                     for k, v in sizes.items())


def summary_line(result: dict) -> str:
    """One line for a function verdict: the first failing configuration, its entry,
    expected and got (exact, and the counterexample's numbers), and the diagnosis.

    Example: ``x 3x4: dx[0, 1] expected 0, got dout_{12} (at signs 0; counterexample:
    should be 0, the code gives 1); diagnosis: value at the kink x = 0 ...``
    """
    verdict = result["verdict"]
    configs = result.get("configs") or []
    if verdict == "correct":
        return f"proved correct in {len(configs)} configuration{'s' * (len(configs) != 1)}"
    failing = next((c for c in configs if c["verdict"] == verdict), None) or \
        next((c for c in configs if c["verdict"] not in ("correct", "not checked")), None)
    parts = []
    if failing is not None:
        head = f"{_sizes(failing['sizes'])}: "
        if "entry" in failing and "gradient" in failing:
            head += f"{failing['gradient']}{failing['entry']}"
        elif failing.get("reason"):
            head += _short(failing["reason"])
        else:
            head += failing["verdict"]
        if "expected" in failing:
            head += f" expected {_short(failing['expected'])}"
            if "got" in failing:
                head += f", got {_short(failing['got'])}"
            where = f"at {failing['region']}" if failing.get("region") else ""
            if "expected_value" in failing:
                where += ("; " if where else "") + \
                    f"counterexample: should be {failing['expected_value']}, " \
                    f"the code gives {failing['got_value']}"
            head += f" ({where})" if where else ""
        parts.append(head)
    diagnosis = result.get("diagnosis") or (failing or {}).get("diagnosis")
    if diagnosis and failing is None:              # the child failed: its reason is all
        return _short(diagnosis, 300)
    if diagnosis:
        parts.append(f"diagnosis: {_short(diagnosis, 300)}")
    return "; ".join(parts) or verdict


def records_from_code(results: list[dict], path: str | None = None,
                      group: str | None = None) -> list[Record]:
    """Records of ``symbp code``'s results (the dicts ``--json`` prints), one per function.

    ``path``: the user's file (each record's file, and the ``def`` lines are read from it).
    """
    lines = def_lines(path) if path else {}
    records = []
    for r in results:
        role = r.get("role", "backward")
        layer = r.get("layer", "custom")
        level = LEVEL_OF_CODE_VERDICT.get(r["verdict"], WARNING)
        records.append(Record(
            r["function"], r["verdict"], level, summary_line(r), file=path,
            line=_def_line(r, lines),
            title=f"symbp code: {r['function']} ({layer} {role}): {r['verdict']}",
            seconds=r.get("seconds"), subject=f"{layer} {role}",
            rule=f"code-{r['verdict'].replace(' ', '-')}", details=r,
            group=group or path or "symbp code"))
    return records


class CodeResults(list, RichDisplay):
    """The list of result dicts :func:`symbp.code.check` returns; in Jupyter a verdict card.

    Still a plain list of dicts (JSON as ``symbp code --json``); ``records()`` gives
    :class:`symbp.report.Record` objects, located at the functions' ``def`` lines when
    ``inspect`` finds their source file.
    """

    def __init__(self, results, functions=()):
        super().__init__(results)
        self.functions = tuple(f for f in functions if f is not None)
        self.title = "symbp code"

    def records(self) -> list[Record]:
        records = records_from_code(list(self))
        where = {getattr(fn, "__name__", ""): _source_of(fn) for fn in self.functions}
        for record in records:
            path, line = where.get(record.name.removesuffix(_LOSS_SUFFIX), (None, None))
            if path:
                record.file, record.line, record.group = path, line, path
        return records


def _source_of(fn) -> tuple[str | None, int | None]:
    """Where ``fn`` is defined ((file, def line), or (None, None)), by :mod:`inspect`."""
    try:
        return inspect.getsourcefile(fn), inspect.getsourcelines(fn)[1]
    except (TypeError, OSError):
        return None, None
