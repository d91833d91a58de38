"""Machine formats for lists of :class:`symbp.report.Record`: JSON, GitHub, SARIF, JUnit.

``--format`` takes one of :data:`FORMATS`.  ``text`` and ``json`` stay each subcommand's
own (its table, its JSON document); the other three are generic:

* ``github``: GitHub Actions workflow commands, one per record that is not a pass:
  ``::error file=notes.md,line=105,title=symbp: refuted: ...::message`` on the record's
  line, ``::warning`` for unproved, ``::notice`` for unchecked; then a plain summary line.
* ``sarif``: one SARIF 2.1.0 log (one run, one result per record, rules by record rule).
* ``junit``: JUnit XML, one ``testsuite`` per group (file), one ``testcase`` per record:
  errors are ``failure``, warnings and notices ``skipped``.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import PurePath
from urllib.parse import quote

from . import ERROR, NOTICE, PASS, WARNING, Record

FORMATS = ("text", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(records: list[Record], fmt: str, *, text=None, json_doc=None,
           tool: str = "symbp") -> str:
    """The output of a subcommand in format ``fmt`` (one of :data:`FORMATS`).

    ``text()`` and ``json_doc()`` give the subcommand's own text and JSON-ready document
    (default: one line per record, and the list of record dicts).  Example::

        render([Record("conv-input", "holds", PASS, "all 9 entries equal")], "github")
    """
    if fmt == "text":
        return text() if text else "\n".join(_plain_line(r) for r in records)
    if fmt == "json":
        doc = json_doc() if json_doc else [r.as_json() for r in records]
        return json.dumps(doc, indent=2, ensure_ascii=False)
    if fmt == "github":
        return github(records, tool)
    if fmt == "sarif":
        return json.dumps(sarif(records, tool), indent=2, ensure_ascii=False)
    if fmt == "junit":
        return junit(records, tool)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def summary(records: list[Record]) -> str:
    """'1 holds, 3 refuted, ...': how many records have each verdict, by verdict name."""
    counts: dict[str, int] = {}
    for r in records:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "nothing checked"


def _plain_line(r: Record) -> str:
    where = f"{r.file}:{r.line}: " if r.file and r.line else f"{r.file}: " if r.file else ""
    return f"{where}{r.name}: {r.verdict}: {r.message}"


# --------------------------------------------------------------------------- GitHub

_GITHUB_COMMAND = {ERROR: "error", WARNING: "warning", NOTICE: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_line(r: Record) -> str | None:
    """The workflow command for one record (None for a pass)."""
    command = _GITHUB_COMMAND.get(r.level)
    if command is None:
        return None
    props = []
    if r.file:
        props.append(f"file={_escape_property(r.file)}")
        if r.line:
            props.append(f"line={int(r.line)}")
    props.append(f"title={_escape_property(r.title)}")
    return f"::{command} {','.join(props)}::{_escape_data(r.message)}"


def github(records: list[Record], tool: str = "symbp") -> str:
    """Workflow annotations for every record that is not a pass, and a summary line."""
    lines = [line for line in map(github_line, records) if line]
    files = len({r.file for r in records if r.file})
    where = f" in {files} file{'s' * (files != 1)}" if files else ""
    return "\n".join(lines + [f"{tool}: {summary(records)}{where}"])


# --------------------------------------------------------------------------- SARIF

_SARIF_LEVEL = {ERROR: "error", WARNING: "warning", NOTICE: "note", PASS: "none"}


def _uri(path: str) -> str:
    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def sarif(records: list[Record], tool: str = "symbp", version: str | None = None) -> dict:
    """A SARIF 2.1.0 log (a dict) with one run and one result per record.

    Errors and warnings are results of kind ``fail``, notices (unchecked) of kind
    ``review``, passes of kind ``pass``; each result's ``properties`` hold the verdict and
    the record's details.
    """
    rules: dict[str, int] = {}
    results = []
    for r in records:
        index = rules.setdefault(r.rule, len(rules))
        kind = "fail" if r.level in (ERROR, WARNING) else "review" if r.level == NOTICE \
            else "pass"
        result = {"ruleId": r.rule, "ruleIndex": index, "kind": kind,
                  "level": _SARIF_LEVEL[r.level] if kind == "fail" else "none",
                  "message": {"text": r.message or r.verdict},
                  "properties": {"name": r.name, "verdict": r.verdict, "subject": r.subject,
                                 "details": r.details}}
        if r.file:
            physical = {"artifactLocation": {"uri": _uri(r.file)}}
            if r.line:
                physical["region"] = {"startLine": int(r.line)}
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    driver = {"name": tool, "version": version or _version(),
              "rules": [{"id": rule, "name": _rule_name(rule),
                         "shortDescription": {"text": f"symbp verdict: {rule}"}}
                        for rule in rules]}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results}]}


def _rule_name(rule: str) -> str:
    """SARIF rule names are identifiers in PascalCase: 'conv-weight-seed' -> 'ConvWeightSeed'."""
    return "".join(part[:1].upper() + part[1:] for part in
                   "".join(c if c.isalnum() else " " for c in rule).split()) or "Verdict"


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("symbp")
    except Exception:               # not installed (run from a checkout)
        return "0"


# --------------------------------------------------------------------------- JUnit

def junit(records: list[Record], tool: str = "symbp") -> str:
    """JUnit XML: a testsuite per record group, a testcase per record."""
    groups: dict[str, list[Record]] = {}
    for r in records:
        groups.setdefault(r.group, []).append(r)
    root = ET.Element("testsuites", name=tool)
    totals = {"tests": 0, "failures": 0, "skipped": 0, "time": 0.0}
    for group, members in groups.items():
        suite = ET.SubElement(root, "testsuite", name=group)
        counts = {"tests": len(members), "failures": 0, "skipped": 0, "time": 0.0}
        for r in members:
            case = ET.SubElement(suite, "testcase", classname=group,
                                 name=f"{r.name}: {r.subject}" if r.subject else r.name)
            if r.file:
                case.set("file", r.file)
            if r.line:
                case.set("line", str(int(r.line)))
            if r.seconds is not None:
                case.set("time", f"{r.seconds:.3f}")
                counts["time"] += r.seconds
            if r.level == ERROR:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", message=r.title, type=r.verdict)
                failure.text = r.message
            elif r.level in (WARNING, NOTICE):
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=f"{r.verdict}: {r.message}")
        for key, value in counts.items():
            suite.set(key, f"{value:.3f}" if key == "time" else str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, f"{value:.3f}" if key == "time" else str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
