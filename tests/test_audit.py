"""symbp audit: wrong implementations are caught at the right smallest configuration,
eager PyTorch conforms, bad input is one line and exit status 2.

The truth for "the right smallest configuration" is eager PyTorch run on the same data,
never symbp: the smallest lattice configuration where the wrong callable and eager
PyTorch differ (or the wrong one raises) must be the one the audit reports.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.audit import audit, configs_for, inputs_for, lattice, pairwise_cover, reproducer, \
    resolve
from symbp.audit.lattice import features
from symbp.audit.runner import audit_op
from symbp.audit.targets import TENSORS
from symbp.cli import main

TESTS = os.path.dirname(__file__)
sys.path.insert(0, TESTS)
import audit_wrong  # noqa: E402

ROOT = os.path.dirname(TESTS)


def _torch_run(fn, cfg, data):
    """(forward, grads) of ``fn`` on cfg's data, by plain torch autograd."""
    tensors = [torch.tensor(data[n], requires_grad=True) for n in TENSORS[cfg.op]]
    out = fn(*tensors, **cfg.kwargs())
    out.backward(torch.tensor(data["grad_output"]))
    return [out.detach()] + [t.grad for t in tensors]


def _differs(fn, cfg) -> bool:
    """Whether ``fn`` and eager PyTorch differ anywhere on cfg (raising counts)."""
    data = inputs_for(cfg)
    truth = _torch_run(getattr(F, cfg.op), cfg, data)
    try:
        got = _torch_run(fn, cfg, data)
    except Exception:
        return True
    return not all(g is not None and g.shape == t.shape and torch.equal(g, t)
                   for g, t in zip(got, truth))


WRONG = [  # (op, callable, outputs that must be caught, what every failing config has)
    ("avg_pool2d", "avg_pool2d_edge_divisor", {"grad_input"},
     lambda c: c.ceil_mode or (c.padding != (0, 0) and not c.count_include_pad)),
    ("max_pool2d", "max_pool2d_last_tie", {"grad_input"}, lambda c: c.kernel != (1, 1)),
    ("conv2d", "conv2d_groups_mixed", {"grad_input"}, lambda c: c.groups > 1),
    ("conv_transpose2d", "conv_transpose2d_swapped", {"grad_input", "backward"},
     lambda c: c.stride != c.dilation),
    ("linear", "linear_bias_mean", {"grad_bias"}, lambda c: c.batch > 1),
]


@pytest.mark.parametrize("op,name,outputs,reason", WRONG, ids=[w[1] for w in WRONG])
def test_wrong_callable_caught_at_smallest_configuration(op, name, outputs, reason):
    configs = lattice(op, 3)[::3]        # every third configuration: the test stays fast
    target = resolve(f"audit_wrong:{name}")
    result = audit_op(target, op, configs)
    assert result.failures, f"{name} was not caught"
    assert {f.output for f in result.failures} <= outputs   # the forward is right
    assert result.forward_mismatches == 0
    assert all(reason(f.config) for f in result.failures)   # failing for the planted reason
    smallest = min(result.smallest().values(), key=lambda f: (f.config.elements(),
                                                             f.config.index))
    wrong = getattr(audit_wrong, name)
    by_size = sorted(configs, key=lambda c: (c.elements(), c.index))
    truth = next(c for c in by_size if _differs(wrong, c))
    assert smallest.config == truth and smallest.config.index == truth.index
    assert all(f.expected != f.got for f in result.failures if f.kind == "value")
    # a failing configuration really differs from eager PyTorch, and no other does
    failing = {f.config.index for f in result.failures}
    for cfg in by_size[:30]:
        assert (cfg.index in failing) == _differs(wrong, cfg)


@pytest.mark.parametrize("op", ["conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d",
                                "linear"])
def test_eager_torch_conforms(op):
    # the default lattice's pairwise cover, plus the whole lattice at sizes up to 3
    configs = configs_for(op, 5, "pairwise") + lattice(op, 3)
    result = audit_op(resolve("torch"), op, configs)
    assert result.configs == len(configs) > 20
    assert not result.failures, [f.config.describe() + ": " + f.detail()
                                 for f in result.failures[:3]]


def test_pairwise_cover_keeps_every_pair():
    full = lattice("avg_pool2d", 4)
    cover = pairwise_cover(full)
    assert len(cover) < len(full) // 5

    def pairs(cfgs):
        out = set()
        for c in cfgs:
            items = sorted((k, repr(v)) for k, v in features(c).items())
            out |= {(a, b) for i, a in enumerate(items) for b in items[i + 1:]}
        return out
    assert pairs(cover) == pairs(full)


def test_data_is_integer_and_avg_results_exact():
    for cfg in lattice("avg_pool2d", 4)[::7]:
        data = inputs_for(cfg)
        assert all(np.array_equal(v, np.round(v)) for v in data.values())
        out = F.avg_pool2d(torch.tensor(data["input"]), **cfg.kwargs())
        assert torch.equal(out, out.round())   # the divisors' lcm makes the means integers


def test_raising_target_is_reported_and_audit_goes_on(capsys):
    status = main(["audit", "audit_wrong:not_a_function", "--ops", "linear", "--max-size", "2",
                   "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report[0]["configs"] == len(lattice("linear", 2)) == report[0]["raised"]
    assert report[0]["smallest"]["kind"] == "raised"
    assert "TypeError" in report[0]["smallest"]["message"]


def test_cli_json_and_reproducer(capsys, tmp_path):
    status = main(["audit", "audit_wrong:max_pool2d_last_tie", "--ops", "max_pool2d",
                   "--max-size", "3", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    entry = report[0]
    assert {"op", "target", "configs", "mismatches", "smallest"} <= set(entry)
    small = entry["smallest"]
    assert {"configuration", "entry", "expected", "got"} <= set(small)
    assert small["expected"] != small["got"] and "pool-max" in small["form"]
    script = tmp_path / "repro.py"
    script.write_text(small["reproducer"])
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": TESTS}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "grad_input differs" in run.stdout


def test_cli_eager_conforms_exit_0(capsys):
    assert main(["audit", "torch", "--ops", "avg_pool2d,linear", "--max-size", "2"]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 ops conform" in out


@pytest.mark.parametrize("argv,words", [
    (["audit", "nosuch"], "unknown target 'nosuch'"),
    (["audit", "no_such_module_x:f"], "cannot import module 'no_such_module_x'"),
    (["audit", "audit_wrong:missing"], "has no 'missing'"),
    (["audit", "audit_wrong:NOT_CALLABLE"], "is not callable"),
    (["audit", "torch", "--ops", "conv3d"], "unknown op 'conv3d'"),
    (["audit", "torch", "--max-size", "99"], "--max-size"),
    (["audit", "torch", "--device", "tpu"], "--device"),
])
def test_bad_input_one_line_exit_2(argv, words, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available here")
def test_cuda_missing_is_one_line(capsys):
    assert main(["audit", "torch", "--device", "cuda"]) == 2
    err = capsys.readouterr().err
    assert "CUDA is not available" in err and err.count("\n") == 1


def test_jax_missing_is_one_line_exit_2(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "jax", None)      # jax absent, installed or not
    assert main(["audit", "jax"]) == 2
    err = capsys.readouterr().err
    assert "jax is not installed" in err and err.count("\n") == 1


_JAX_SMALL_LATTICE = """
from symbp.audit import configs_for, lattice
from symbp.audit.runner import audit_op
from symbp.audit.targets import resolve
target = resolve("jax")
for op in ("conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d", "linear"):
    configs = configs_for(op, 2, "pairwise")[:4]
    if op == "max_pool2d":      # and one dilated window, where jax has no VJP
        configs.append(next(c for c in lattice(op, 2) if c.dilation != (1, 1)))
    result = audit_op(target, op, configs)
    assert result.configs == len(configs)
    # no value, shape or missing-gradient mismatch: every exact value agrees
    assert result.forward_mismatches == result.backward_mismatches == 0, result.failures
    for failure in result.failures:
        # jax 0.10 has no VJP for a dilated max window: raised, and only there
        assert op == "max_pool2d" and failure.kind == "raised", failure.detail()
        assert failure.config.dilation != (1, 1)
print("jax audited")
"""


def test_jax_audited_on_a_small_lattice():
    # in a child process: jax starts threads, and a pytest process that has imported it
    # must not fork afterwards (symbp code and the time limit fork)
    import importlib.util
    if importlib.util.find_spec("jax") is None:
        pytest.skip("jax is not installed")
    run = subprocess.run([sys.executable, "-c", _JAX_SMALL_LATTICE], capture_output=True,
                         text=True, cwd=ROOT, timeout=600, env={**os.environ, "PYTHONPATH": ROOT})
    assert run.returncode == 0, run.stderr[-3000:]
    assert "jax audited" in run.stdout


def test_command_line_runs_as_a_process():
    run = subprocess.run([sys.executable, "-m", "symbp.cli", "audit", "nosuch:thing"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "PYTHONPATH": ROOT})
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_reproducer_names_the_target():
    cfg = lattice("avg_pool2d", 2)[0]
    from symbp.audit.runner import Failure
    text = reproducer(resolve("torch.compile"), Failure(cfg, "grad_input", "value", (0, 0, 0, 0),
                                                        1.0, 2.0, 1, 1))
    assert "torch.compile(F.avg_pool2d)" in text and "expected_grad_input" in text
