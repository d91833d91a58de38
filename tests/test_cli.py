"""The symbp command: reports, JSON, exit codes and one-line errors."""
import json
import subprocess
import sys

import pytest

from symbp.cli import main

NAMES = ["pool-avg", "pool-max", "pool-delta", "conv-input", "conv-weight", "conv-bias",
         "conv-delta", "conv-weight-seed"]


def test_verify_all_prints_one_row_per_claim_and_exits_zero(capsys):
    assert main(["verify"]) == 0
    out = capsys.readouterr().out
    for name in NAMES:
        assert name in out
    assert "∂J/∂a = pad_1(δ) * rot180(W)" in out
    rows = [line for line in out.splitlines() if line.split(" ")[0] in NAMES or
            line.startswith(("fc-", "softmax", "act-", "pool-global", "conv-transpose-", "conv1d-"))]
    assert f"{len(rows)} of {len(rows)} verdicts as expected" in out and len(rows) >= 9
    assert "conv-weight-seed: δ * rot180(a) is undefined" in out


def test_verify_json_has_the_documented_keys(capsys):
    assert main(["verify", "conv-input", "conv-weight-seed", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["conv-input", "conv-weight-seed"]
    for r in rows:
        assert {"name", "claim", "verdict", "expected", "entries", "seconds"} <= set(r)
    assert rows[0]["verdict"] == "holds" and rows[0]["entries"] == 9
    assert rows[0]["claim"].startswith(r"\frac{\partial J}{\partial a} = \operatorname{pad}_{1}")
    assert rows[1]["verdict"] == rows[1]["expected"] == "refuted"
    assert rows[1]["correct"] == r"a * \delta"


def test_verify_sizes_reach_the_layers(capsys):
    assert main(["verify", "conv-input", "--input", "5x4", "--kernel", "3x2", "--stride", "2",
                 "--padding", "1,0", "--channels", "2,4", "--groups", "2", "--batch", "2"]) == 0
    out = capsys.readouterr().out
    assert "5x4 input, 3x2 kernel, stride 2, padding 1,0, channels 2->4, groups 2, batch 2" in out
    assert "dilate_2(δ)" in out


@pytest.mark.parametrize("argv,message", [
    (["verify", "--input", "3x"], "'3x' is not a size"),
    (["verify", "--input", "0x2"], "sizes must be at least 1"),
    (["verify", "conv-input", "--kernel", "4x4"], "larger than the padded input size 3"),
    (["verify", "nonsense"], "unknown derivation 'nonsense'"),
    (["verify", "conv-input", "--channels", "3,2", "--groups", "2"], "in_channels 3 is not divisible by groups 2"),
    (["verify", "pool-avg", "--padding", "2"], "pad should be at most half"),
    (["verify", "--stride", "x"], "is not an int or a pair"),
    ([], "the following arguments are required"),
])
def test_usage_errors_are_one_line_with_exit_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("symbp: error:")


def test_unexpected_verdict_exits_one(capsys, monkeypatch):
    from symbp import claims
    original = claims.BUILTINS["conv-input"]

    def expecting_refutation(setup, cache):
        [claim] = original(setup, cache)
        claim.expected = "refuted"
        return [claim]
    monkeypatch.setitem(claims.BUILTINS, "conv-input", expecting_refutation)
    assert main(["verify", "conv-input"]) == 1
    assert "holds (expected refuted)" in capsys.readouterr().out


def test_console_script_runs_without_traceback():
    done = subprocess.run([sys.executable, "-m", "symbp.cli", "verify", "conv-input", "--kernel", "9x9"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("symbp: error: kernel size 9x9")


def test_sizes_too_large_for_a_symbolic_proof_are_refused_up_front(capsys):
    assert main(["verify", "conv-input", "--input", "1000x1000", "--kernel", "3x3"]) == 2
    err = capsys.readouterr().err
    assert "8,964,036 forward terms" in err and "limited to 4,000,000" in err
