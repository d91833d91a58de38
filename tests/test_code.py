"""symbp code: verdicts on our own fixtures, checked against torch autograd (tests/code_truth)."""
import importlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from symbp.cli import main
from symbp.code import assert_backward_correct, check
from symbp.code.layers import default_cases

from code_truth import torch_verdict

FIXTURES = Path(__file__).parent / "fixtures" / "code"
sys.path.insert(0, str(FIXTURES))


def _load(name):
    return importlib.import_module(name)


GOOD = [("affine", "affine_forward", "affine_backward"),
        ("relu", "relu_forward", "relu_backward"),
        ("conv2d", "conv_forward_naive", "conv_backward_naive"),
        ("maxpool", "max_pool_forward_naive", "max_pool_backward_naive"),
        ("softmax-loss", "softmax_loss", None),
        ("batchnorm", "batchnorm_forward", "batchnorm_backward")]


@pytest.mark.parametrize("layer,fwd,bwd", GOOD)
def test_correct_implementations_are_proved_and_torch_agrees(layer, fwd, bwd):
    good = _load("good")
    forward, backward = getattr(good, fwd), bwd and getattr(good, bwd)
    backward_result, forward_result = check(forward, backward, layer)
    assert backward_result["verdict"] == "correct", backward_result
    assert forward_result["verdict"] == "correct", forward_result
    assert torch_verdict(layer, forward, backward, default_cases(layer, True)) == "correct"


BAD = [  # fixture, layer, forward, backward, words the diagnosis must contain
    ("conv_pad_slice", "conv2d", "conv_forward_naive", "conv_backward_naive", "pad:-pad"),
    ("conv_from_x", "conv2d", "conv_forward_naive", "conv_backward_naive", "starts from x"),
    ("pool_overwrite", "maxpool", "max_pool_forward_naive", "max_pool_backward_naive",
     "overwrite instead of accumulate"),
    ("pool_all_ties", "maxpool", "max_pool_forward_naive", "max_pool_backward_naive",
     "every tied maximum"),
    ("pool_last_tie", "maxpool", "max_pool_forward_naive", "max_pool_backward_naive",
     "last maximum"),
    ("relu_kink", "relu", "relu_forward", "relu_backward", "kink x = 0"),
    ("softmax_wrong", "softmax-loss", "softmax_loss", None, "1/N"),
    ("batchnorm_wrong", "batchnorm", "batchnorm_forward", "batchnorm_backward", None),
]


@pytest.mark.parametrize("module,layer,fwd,bwd,words", BAD)
def test_each_bug_class_is_refuted_with_a_counterexample_torch_confirms(module, layer, fwd,
                                                                         bwd, words):
    code = _load(module)
    forward, backward = getattr(code, fwd), bwd and getattr(code, bwd)
    result = check(forward, backward, layer)[0]
    assert result["verdict"] == "wrong"
    assert torch_verdict(layer, forward, backward, default_cases(layer, True)) == "wrong"
    failing = [c for c in result["configs"] if c["verdict"] == "wrong"]
    assert failing
    if words:
        assert words in (result["diagnosis"] or "")
    first = failing[0]
    if "counterexample" in first:      # rerun it: the code really gives got_value there
        assert float(first["got_float64"]) == pytest.approx(float(eval_number(first["got_value"])))
        assert first["expected_value"] != first["got_value"]


def eval_number(text):
    from fractions import Fraction
    try:
        return Fraction(text)
    except ValueError:
        return float(text)


def test_counterexample_reruns_against_torch():
    """The conv counterexample, run through the user's code and torch: they differ there."""
    import torch
    import torch.nn.functional as F
    code = _load("conv_from_x")
    c = check(code.conv_forward_naive, code.conv_backward_naive, "conv2d")[0]["configs"][0]
    ce = c["counterexample"]
    x, w, b, dout = (np.array(ce[k], dtype=np.float64) for k in ("x", "w", "b", "dout"))
    out, cache = code.conv_forward_naive(x, w, b, ce["params"][0])
    dx = code.conv_backward_naive(dout, cache)[0]
    tx = torch.tensor(x, requires_grad=True)
    y = F.conv2d(tx, torch.tensor(w), torch.tensor(b), stride=ce["params"][0]["stride"],
                 padding=ce["params"][0]["pad"])
    (want,) = torch.autograd.grad(y, tx, torch.tensor(dout))
    entry = tuple(c["entry"])
    assert dx[entry] == float(c["got_value"])
    assert want[entry].item() == float(c["expected_value"]) != dx[entry]


def test_forward_that_takes_another_windows_maximum_is_wrong():
    """Every window gets a different maximum, so a forward reading the wrong window shows."""
    good = _load("good")

    def first_window_only(x, p):
        out, cache = good.max_pool_forward_naive(x, p)
        out[...] = out[:, :, :1, :1]
        return out, cache
    fwd = check(first_window_only, good.max_pool_backward_naive, "maxpool")[1]
    assert fwd["verdict"] == "wrong"


def test_even_split_is_wrong_under_pytorchs_rule_and_a_subgradient_otherwise():
    code = _load("pool_even_split")
    first = check(code.max_pool_forward_naive, code.max_pool_backward_naive, "maxpool")[0]
    assert first["verdict"] == "wrong" and "split" in first["diagnosis"]
    sub = check(code.max_pool_forward_naive, code.max_pool_backward_naive, "maxpool",
                tie_rule="subgradient")[0]
    assert sub["verdict"] == "correct"
    assert any("even split" in w for w in sub["warnings"])
    # the full gradient to every tie is no subgradient
    ties = _load("pool_all_ties")
    assert check(ties.max_pool_forward_naive, ties.max_pool_backward_naive, "maxpool",
                 tie_rule="subgradient")[0]["verdict"] == "wrong"


def test_average_pooling_against_torch():
    code = _load("avgpool")
    cases = default_cases("avgpool", True)
    good = check(code.avg_pool_forward, code.avg_pool_backward, "avgpool")
    assert [r["verdict"] for r in good] == ["correct", "correct"]
    assert torch_verdict("avgpool", code.avg_pool_forward, code.avg_pool_backward, cases) \
        == "correct"
    bad = check(code.avg_pool_forward, code.avg_pool_backward_undivided, "avgpool")[0]
    assert bad["verdict"] == "wrong" and "4 times" in bad["diagnosis"]
    assert torch_verdict("avgpool", code.avg_pool_forward, code.avg_pool_backward_undivided,
                         cases) == "wrong"


def test_unit_axis_shape_is_a_warning_and_literal_epsilon_is_named():
    code = _load("shape_and_eps")
    affine = check(code.affine_forward, code.affine_backward, "affine")[0]
    assert affine["verdict"] == "correct"
    assert any("(1, 4)" in w for w in affine["warnings"])
    assert torch_verdict("affine", code.affine_forward, code.affine_backward,
                         default_cases("affine", True)) == "correct"
    loss_grad, loss_value = check(code.softmax_loss, None, "softmax-loss")
    assert loss_grad["verdict"] == "correct" and loss_value["verdict"] == "correct"
    assert any("literal epsilon 1.00e-16" in w for w in loss_value["warnings"])


def test_without_a_layer_the_backward_is_judged_by_the_forwards_own_chain_rule():
    code = _load("custom")
    shapes = [(2, 3), (3, 2)]
    good = check(code.square_matmul_forward, code.square_matmul_backward, shapes=shapes)
    assert good[0]["verdict"] == "correct" and good[1]["verdict"] == "not checked"
    bad = check(code.square_matmul_forward, code.square_matmul_backward_wrong, shapes=shapes)[0]
    assert bad["verdict"] == "wrong" and bad["configs"][0]["gradient"] == "dx0"


def test_pytest_helper_fails_with_the_counterexample():
    code = _load("relu_kink")
    with pytest.raises(AssertionError, match="counterexample") as err:
        assert_backward_correct(code.relu_forward, code.relu_backward, layer="relu")
    assert "kink" in str(err.value)
    good = _load("good")
    assert_backward_correct(good.relu_forward, good.relu_backward, layer="relu")


# --------------------------------------------------------------------------- the command

def test_cli_cs231n_json_on_a_correct_file(capsys):
    assert main(["code", str(FIXTURES / "good.py"), "--cs231n", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = {r["function"] for r in rows}
    assert {"conv_backward_naive", "max_pool_backward_naive", "affine_backward",
            "relu_backward", "softmax_loss", "batchnorm_backward"} <= names
    for r in rows:
        assert {"function", "layer", "verdict", "configs", "diagnosis", "warnings"} <= set(r)
        assert r["verdict"] == "correct"
    conv = next(r for r in rows if r["function"] == "conv_backward_naive")
    assert [c["verdict"] for c in conv["configs"]].count("unsupported") == 1


def test_cli_one_pair_with_sizes_reports_the_failure(capsys):
    status = main(["code", str(FIXTURES / "conv_pad_slice.py"), "--forward",
                   "conv_forward_naive", "--backward", "conv_backward_naive", "--layer",
                   "conv2d", "--shapes", "1x1x3x3,1x1x2x2", "--pad", "0"])
    out = capsys.readouterr().out
    assert status == 1
    assert "shape mismatch" in out and "pad:-pad" in out


def test_cli_memory_hog_is_an_error_the_rest_is_checked_and_prints_stay_out(capsys):
    status = main(["code", str(FIXTURES / "misbehaving.py"), "--cs231n", "--json",
                   "--memory", "512"])
    rows = json.loads(capsys.readouterr().out)       # the prints did not corrupt it
    by = {r["function"]: r for r in rows}
    assert status == 1
    assert by["affine_backward"]["verdict"] == "correct"
    assert by["relu_backward"]["verdict"] == "correct"
    assert by["max_pool_backward_naive"]["verdict"] == "error"
    assert "memory" in by["max_pool_backward_naive"]["diagnosis"]


def test_cli_endless_backward_is_an_error_and_the_rest_is_checked(capsys):
    status = main(["code", str(FIXTURES / "endless.py"), "--cs231n", "--json",
                   "--time-limit", "5"])
    by = {r["function"]: r for r in json.loads(capsys.readouterr().out)}
    assert status == 1
    assert by["affine_backward"]["verdict"] == "correct"
    assert by["relu_backward"]["verdict"] == "error"
    assert "time limit of 5 s" in by["relu_backward"]["diagnosis"]


@pytest.mark.parametrize("source,words", [("def f(:\n", "SyntaxError"),
                                          ("import no_such_module_xyz\n", "no_such_module_xyz")])
def test_cli_file_that_does_not_import_is_one_line_exit_2(tmp_path, capsys, source, words):
    bad = tmp_path / "bad.py"
    bad.write_text(source)
    assert main(["code", str(bad), "--cs231n"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "bad.py" in err


def test_cli_usage_errors(capsys):
    assert main(["code", str(FIXTURES / "good.py")]) == 2
    assert main(["code", str(FIXTURES / "good.py"), "--forward", "nope", "--backward",
                 "relu_backward", "--layer", "relu"]) == 2
    assert main(["code", str(FIXTURES / "custom.py"), "--forward", "square_matmul_forward",
                 "--backward", "square_matmul_backward"]) == 2
    assert "needs --shapes" in capsys.readouterr().err


def test_torch_autograd_function_is_checked_at_integer_points_and_labelled(capsys):
    import torch
    torch.nn.functional.max_pool2d(torch.randn(8, 16, 64, 64), 2)   # the parent's thread pool
    path = str(FIXTURES / "torch_functions.py")              # must not hang the forked child
    assert main(["code", path, "--forward", "Relu", "--layer", "relu", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["verdict"] == "correct" and "not a proof" in rows[0]["method"]
    status = main(["code", path, "--forward", "MaxPool", "--layer", "maxpool"])
    assert status == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["code", path, "--forward", "MaxPoolAllTies", "--layer", "maxpool", "--json"]) == 1
    row = json.loads(capsys.readouterr().out)[0]
    assert row["verdict"] == "wrong"
    config = row["configs"][0]
    assert config["expected_value"] == "0" and float(config["got_value"]) > 0
