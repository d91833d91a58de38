"""symbp code's fast exact route (laurent Forms) at CS231n's own test sizes.

Truth: torch autograd in float64 (tests/code_truth.py) and plain numeric evaluation of the
expressions at random points; never symbp itself.
"""
import ast
import importlib
import importlib.util
import random
import re
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from symbp.code.check import check_pair as check
from symbp.code.fastproof import prove_trace
from symbp.code.laurent import NotRepresentable, Registry, equal
from symbp.code.layers import conv_case, default_cases, softmax_case
from symbp.code.patterns import patterns
from symbp.code.trace import run_trace
from symbp.code.traced import Traced, traced_array
from symbp.core.tensor import symbolic

from code_truth import torch_verdict

FIXTURES = Path(__file__).parent / "fixtures" / "code"
sys.path.insert(0, str(FIXTURES))

X = sp.symbols("x0:4")
E = [sp.exp(v) for v in X]


def _numeric(expr, point):
    return complex(expr.evalf(30, subs=point))


IDENTITIES = [
    (E[0] / (E[0] + E[1]), 1 / (1 + sp.exp(X[1] - X[0]))),
    (sp.exp(X[0] - sp.log(E[0] + E[1] + E[2])), E[0] / (E[0] + E[1] + E[2])),
    (sp.log(sp.exp(X[1] - X[0]) + 1) + X[0], sp.log(E[0] + E[1])),
    ((X[0] + X[1]) ** 2 - X[0] ** 2, X[1] * (2 * X[0] + X[1])),
    (sp.log(2 * E[0] + 2 * E[1]), sp.log(2) + sp.log(E[0] + E[1])),
    (E[0] * E[1] / (E[0] + E[1]) ** 2, 1 / (sp.exp(X[1] - X[0]) + 2 + sp.exp(X[0] - X[1]))),
]
NON_IDENTITIES = [
    (E[0] / (E[0] + E[1]), E[1] / (E[0] + E[1])),
    (sp.log(E[0] + E[1]), sp.log(E[0] + E[1]) + sp.Rational(1, 10 ** 12)),
    (sp.log(sp.exp(X[1] - X[0]) + 1), sp.log(E[0] + E[1])),
    ((X[0] + X[1]) ** 2, X[0] ** 2 + X[1] ** 2),
    (sp.log(2 * E[0] + 2 * E[1]), sp.log(3) + sp.log(E[0] + E[1])),
]


@pytest.mark.parametrize("a,b", IDENTITIES)
def test_forms_prove_identities_that_hold_numerically(a, b):
    rng = random.Random(0)
    for _ in range(3):
        point = {v: sp.Rational(rng.randint(-9, 9), 4) for v in X}
        assert abs(_numeric(a - b, point)) < 1e-20
    assert _same_registry(a, b)


def _same_registry(a, b):
    reg = Registry()
    return equal(reg.from_sympy(a), reg.from_sympy(b))


@pytest.mark.parametrize("a,b", NON_IDENTITIES)
def test_forms_never_prove_what_fails_numerically(a, b):
    point = {X[0]: sp.Rational(1, 3), X[1]: sp.Rational(-2, 5)}
    assert abs(_numeric(a - b, point)) > 1e-14
    assert not _same_registry(a, b)


def test_random_expressions_proved_equal_agree_at_random_points():
    """Random rational expressions in x and e^x, compared with a rewritten twin (and with
    a perturbed one): every pair the Forms call equal agrees numerically."""
    rng = random.Random(3)

    def atom():
        v = rng.choice(X[:3])
        return rng.choice([v, sp.exp(v), sp.exp(v - rng.choice(X[:3])), sp.Integer(rng.randint(1, 3))])

    proved = refused = 0
    for _ in range(60):
        num = sum(atom() * atom() for _ in range(rng.randint(1, 3)))
        den = sum(sp.exp(rng.choice(X[:3])) for _ in range(rng.randint(1, 3)))
        a = num / den
        twin = sp.expand(num * E[0]) / sp.expand(den * E[0])     # the same function
        wrong = a + rng.choice([E[1], X[2], sp.Rational(1, 7)]) / den
        for b, same in ((twin, True), (wrong, False)):
            try:
                verdict = _same_registry(a, b)
            except NotRepresentable:
                continue
            point = {v: sp.Rational(rng.randint(-6, 6), 5) for v in X}
            gap = abs(_numeric(a - b, point))
            if verdict:
                proved += 1
                assert gap < 1e-20, (a, b)
            else:
                refused += 1
            if same:
                assert verdict, (a, b)
    assert proved >= 50 and refused >= 50


def test_long_accumulation_builds_sympy_without_recursion_limit():
    x = traced_array(symbolic("x", (1,)), np.array([1]))
    total = Traced(sp.Integer(0), 0)
    for _ in range(5000):
        total = total + x[0]
    assert total.expr == 5000 * symbolic("x", (1,))[0] and total.shadow == 5000


def test_softmax_at_cs231n_size_is_proved_in_every_region_and_torch_agrees():
    good = importlib.import_module("good")
    case = softmax_case(50, 10)                   # CS231n: num_inputs, num_classes = 50, 10
    backward, forward = check(good.softmax_loss, None, "softmax-loss", cases=[case])
    assert backward["verdict"] == forward["verdict"] == "correct"
    assert backward["configs"][0]["regions"] == 10
    assert torch_verdict("softmax-loss", good.softmax_loss, None, [case], trials=5) == "correct"


def test_softmax_wrong_in_one_row_of_fifty_is_refuted_there_and_torch_confirms():
    import torch
    import torch.nn.functional as F
    code = importlib.import_module("softmax_one_row")
    case = softmax_case(50, 10)
    result = check(code.softmax_loss, None, "softmax-loss", cases=[case])[0]
    assert result["verdict"] == "wrong"
    config = result["configs"][0]
    assert config["entry"][0] == 37
    ce = config["counterexample"]
    x, y = np.array(ce["x"], dtype=np.float64), np.array(ce["y"])
    _, dx = code.softmax_loss(x.copy(), y)
    tx = torch.tensor(x, requires_grad=True)
    (want,) = torch.autograd.grad(F.cross_entropy(tx, torch.tensor(y)), tx)
    entry = tuple(config["entry"])
    assert want[entry].item() == pytest.approx(float(config["expected_value"]), rel=1e-7)
    assert dx[entry] == pytest.approx(float(config["got_value"]), rel=1e-7)
    assert abs(dx[entry] - want[entry].item()) > 1e-3
    assert torch_verdict("softmax-loss", code.softmax_loss, None, [case], trials=2) == "wrong"


def test_loss_off_by_a_constant_is_a_wrong_forward_with_a_correct_gradient():
    code = importlib.import_module("softmax_one_row")
    backward, forward = check(code.softmax_loss_shifted, None, "softmax-loss",
                              cases=[softmax_case(3, 4)])
    assert backward["verdict"] == "correct" and forward["verdict"] == "wrong"
    import torch
    import torch.nn.functional as F
    x = np.arange(12, dtype=np.float64).reshape(3, 4) % 5
    y = softmax_case(3, 4).labels
    loss, _ = code.softmax_loss_shifted(x, y)
    assert loss - F.cross_entropy(torch.tensor(x), torch.tensor(y)).item() == pytest.approx(0.5)


def test_conv_at_cs231n_backward_check_size_is_proved_and_torch_agrees():
    good = importlib.import_module("good")
    case = conv_case((4, 3, 5, 5), (2, 3, 3, 3), stride=1, pad=1)   # the notebook's sizes
    backward, forward = check(good.conv_forward_naive, good.conv_backward_naive, "conv2d",
                              cases=[case])
    assert backward["verdict"] == forward["verdict"] == "correct"
    assert torch_verdict("conv2d", good.conv_forward_naive, good.conv_backward_naive,
                         [conv_case((4, 3, 5, 5), (2, 3, 3, 3), 1, 1)], trials=2) == "correct"


@pytest.mark.parametrize("module,layer,fwd,bwd", [
    ("conv_pad_slice", "conv2d", "conv_forward_naive", "conv_backward_naive"),
    ("conv_from_x", "conv2d", "conv_forward_naive", "conv_backward_naive"),
    ("softmax_wrong", "softmax-loss", "softmax_loss", None),
    ("softmax_one_row", "softmax-loss", "softmax_loss_shifted", None),
])
def test_fast_route_never_completes_a_proof_of_a_buggy_fixture(module, layer, fwd, bwd):
    code = importlib.import_module(module)
    forward, backward = getattr(code, fwd), bwd and getattr(code, bwd)
    assert torch_verdict(layer, forward, backward, default_cases(layer, True)) == "wrong" or \
        module == "softmax_one_row"           # the loss value is wrong there, not the gradient
    completes = []
    for case in default_cases(layer, True):
        for _, shadows in patterns(case):
            try:
                trace = run_trace(case, forward, backward, shadows)
            except Exception:
                continue
            completes.append(prove_trace(case, trace, shadows).complete)
    assert completes and not all(completes)


# --------------------------------------------------------------------------- max-pool ties

def _first_max_loop(x, pool, stride, dout):
    """PyTorch's rule in a plain loop: each window's gradient to its first maximum."""
    dx = np.zeros_like(x)
    for n, c in np.ndindex(*x.shape[:2]):
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                best = None
                for a in range(pool[0]):
                    for b in range(pool[1]):
                        cell = (i * stride + a, j * stride + b)
                        if best is None or x[n, c][cell] > x[n, c][best]:
                            best = cell
                dx[n, c][best] += dout[n, c, i, j]
    return dx


def test_tie_combination_across_overlapping_windows_refutes_a_bug_single_windows_miss(
        monkeypatch):
    import torch
    import torch.nn.functional as F
    from symbp.code import patterns as pattern_module
    code = importlib.import_module("pool_cross_tie")
    fwd, bwd = code.max_pool_forward_naive, code.max_pool_backward_naive
    result = check(fwd, bwd, "maxpool")[0]
    assert result["verdict"] == "wrong"
    failing = next(c for c in result["configs"] if c["verdict"] == "wrong")
    assert failing["region"].startswith("ties across windows")
    ce = failing["counterexample"]
    x, dout = np.array(ce["x"], dtype=np.float64), np.array(ce["dout"], dtype=np.float64)
    p = ce["params"][0]
    pool, stride = (p["pool_height"], p["pool_width"]), p["stride"]
    _, cache = fwd(x, p)
    got = bwd(dout, cache)
    tx = torch.tensor(x, requires_grad=True)
    (want,) = torch.autograd.grad(F.max_pool2d(tx, pool, stride), tx, torch.tensor(dout))
    assert np.array_equal(want.numpy(), _first_max_loop(x, pool, stride, dout))
    entry = tuple(failing["entry"])
    assert want[entry].item() == float(failing["expected_value"]) != got[entry]
    assert got[entry] == float(failing["got_value"])
    # every single-window pattern alone (the enumeration before) calls it correct
    monkeypatch.setattr(pattern_module, "MAX_CROSS_WINDOW", 0)
    alone = check(fwd, bwd, "maxpool")[0]
    assert alone["verdict"] == "correct"
    assert any("0 of" in w and "not covered" in w for w in alone["warnings"])


def test_cross_window_combinations_are_consistent_and_counted():
    from symbp.code.layers import pool_case
    from symbp.code.patterns import MAX_CROSS_WINDOW, cross_window_ties
    case = pool_case((1, 1, 4, 4), (2, 2), 1)
    chosen, total = cross_window_ties(case)
    assert 0 < len(chosen) == total <= MAX_CROSS_WINDOW       # the sweep's size: all of them
    windows = {w.out: w for w in case.windows}
    pattern = re.compile(r"ties across windows: (\(.*?\)) max at (\[.*?\]) "
                         r"(below|equal to|above) (\(.*?\)) max at (\[.*?\])$")
    for label, levels in chosen:
        lv = dict(levels)
        a, sa, rel, b, sb = pattern.match(label).groups()
        a, b = windows[ast.literal_eval(a)], windows[ast.literal_eval(b)]
        assert set(a.cells) & set(b.cells)                     # they share an entry
        for win, named in ((a, sa), (b, sb)):
            top = max(lv.get(c, 0) for c in win.cells)
            assert {c for c in win.cells if lv.get(c, 0) == top} == \
                set(ast.literal_eval(named))                   # maxima as labelled
        top_a = max(lv.get(c, 0) for c in a.cells)
        top_b = max(lv.get(c, 0) for c in b.cells)
        assert rel == {-1: "below", 0: "equal to", 1: "above"}[(top_a > top_b) - (top_a < top_b)]
    assert len({levels for _, levels in chosen}) == len(chosen)


def test_more_combinations_than_the_bound_is_a_partial_coverage_warning():
    from symbp.code.layers import pool_case
    from symbp.code.patterns import MAX_CROSS_WINDOW, coverage_warning, cross_window_ties
    case = pool_case((1, 1, 5, 5), (3, 3), 1)                 # 9-cell windows, 9 of them
    chosen, total = cross_window_ties(case)
    assert len(chosen) == MAX_CROSS_WINDOW < total
    note = coverage_warning(case)
    assert f"{MAX_CROSS_WINDOW} of {total}" in note and "not covered" in note
    assert coverage_warning(pool_case((1, 1, 4, 4), (2, 2), 1)) is None


def test_literal_epsilon_in_the_loss_at_cs231n_size_is_a_named_warning_not_a_failure():
    code = importlib.import_module("shape_and_eps")
    backward, forward = check(code.softmax_loss, None, "softmax-loss", cases=[softmax_case(50, 10)])
    assert backward["verdict"] == forward["verdict"] == "correct"
    assert any("literal epsilon 1.00e-16" in w for w in forward["warnings"])
    assert torch_verdict("softmax-loss", code.softmax_loss, None, [softmax_case(50, 10)],
                         trials=3) == "correct"


def test_a_constant_that_is_no_epsilon_inside_the_log_is_a_wrong_forward():
    import torch
    import torch.nn.functional as F

    def softmax_loss(x, y):
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        p = e / np.sum(e, axis=1, keepdims=True)
        loss = -np.sum(np.log(p[np.arange(x.shape[0]), y] + 0.001)) / x.shape[0]
        dx = p.copy()
        dx[np.arange(x.shape[0]), y] -= 1
        return loss, dx / x.shape[0]
    case = softmax_case(3, 4)
    backward, forward = check(softmax_loss, None, "softmax-loss", cases=[case])
    assert forward["verdict"] == "wrong" and backward["verdict"] == "correct"
    x = np.array(forward["configs"][0]["counterexample"]["x"], dtype=np.float64)
    want = F.cross_entropy(torch.tensor(x), torch.tensor(case.labels)).item()
    assert abs(softmax_loss(x, case.labels)[0] - want) > 1e-6


def test_square_roots_need_the_change_of_variables_and_prove_only_identities():
    from symbp.code import laurent
    from symbp.code.radicals import RootRegistry
    x, e = sp.Symbol("x"), sp.Symbol("e", positive=True)
    u = x ** 2 + e
    reg = RootRegistry()
    root_inverse = reg.from_sympy(1 / sp.sqrt(u))
    over = laurent.mul(reg.from_sympy(u), reg.from_sympy(u ** sp.Rational(-3, 2)))
    assert not laurent.equal(over, root_inverse)        # s free: not the same function of s
    assert reg.equal(over, root_inverse)                 # with s**2 = x**2 + e: the same
    wrong = laurent.mul(reg.from_sympy(x ** 2 + 2 * e), reg.from_sympy(u ** sp.Rational(-3, 2)))
    assert not reg.equal(wrong, root_inverse)
    point = {x: sp.Rational(1, 2), e: sp.Rational(1, 3)}
    assert abs(complex(((x ** 2 + 2 * e) * u ** sp.Rational(-3, 2) - 1 / sp.sqrt(u))
                       .evalf(30, subs=point))) > 1e-6
    other_root = reg.from_sympy(1 / sp.sqrt(x ** 2 + 2 * e))
    assert not reg.equal(root_inverse, other_root)


BATCHNORM_BACKWARDS = '''
import numpy as np

def batchnorm_forward(x, gamma, beta, bn_param):
    eps = bn_param.get("eps", 1e-5)
    xmu = x - np.mean(x, axis=0)
    var = np.mean(xmu ** 2, axis=0)
    xhat = xmu / np.sqrt(var + eps)
    return gamma * xhat + beta, (xhat, gamma, xmu, var, eps)

def staged(dout, cache):
    xhat, gamma, xmu, var, eps = cache
    N = dout.shape[0]
    dxhat = dout * gamma
    dvar = np.sum(dxhat * xmu * -0.5 * (var + eps) ** -1.5, axis=0)
    dmu = np.sum(-dxhat / np.sqrt(var + eps), axis=0) + dvar * np.mean(-2 * xmu, axis=0)
    dx = dxhat / np.sqrt(var + eps) + dvar * 2 * xmu / N + dmu / N
    return dx, np.sum(dout * xhat, axis=0), np.sum(dout, axis=0)

def variance_outside_the_root(dout, cache):
    xhat, gamma, xmu, var, eps = cache
    N = dout.shape[0]
    ivar = 1 / np.sqrt(var + eps)
    dxhat = dout * gamma
    dvar = np.sum(dxhat * xmu, axis=0) * -0.5 * ivar / (var + eps)
    dmu = np.sum(-dxhat * ivar, axis=0) + dvar * np.mean(-2 * xmu, axis=0)
    dx = dxhat * ivar + dvar * 2 * xmu / N + dmu / N
    return dx, np.sum(dout * xhat, axis=0), np.sum(dout, axis=0)

def epsilon_dropped_once(dout, cache):
    xhat, gamma, xmu, var, eps = cache
    N = dout.shape[0]
    dxhat = dout * gamma
    dvar = np.sum(dxhat * xmu * -0.5 * var ** -1.5, axis=0)
    dmu = np.sum(-dxhat / np.sqrt(var + eps), axis=0) + dvar * np.mean(-2 * xmu, axis=0)
    dx = dxhat / np.sqrt(var + eps) + dvar * 2 * xmu / N + dmu / N
    return dx, np.sum(dout * xhat, axis=0), np.sum(dout, axis=0)
'''


@pytest.mark.parametrize("name", ["staged", "variance_outside_the_root", "epsilon_dropped_once"])
def test_batch_norm_at_cs231n_size_agrees_with_torch(tmp_path, name):
    from symbp.code.layers import batchnorm_case
    path = tmp_path / "bn_variants.py"
    path.write_text(BATCHNORM_BACKWARDS)
    spec = importlib.util.spec_from_file_location("bn_variants", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    forward, backward = module.batchnorm_forward, getattr(module, name)
    case = batchnorm_case(4, 5)                               # CS231n: N, D = 4, 5
    result = check(forward, backward, "batchnorm", cases=[case])[0]
    want = torch_verdict("batchnorm", forward, backward, [batchnorm_case(4, 5)], trials=5)
    assert result["verdict"] == want == ("wrong" if name == "epsilon_dropped_once" else "correct")


def test_cs231n_sweep_reaches_the_course_size_and_catches_the_row_37_bug(capsys):
    from symbp.cli import main
    code = main(["code", str(FIXTURES / "softmax_one_row.py"), "--cs231n", "--json"])
    results = {r["function"]: r for r in __import__("json").loads(capsys.readouterr().out)}
    assert code == 1
    loss = results["softmax_loss"]
    assert loss["verdict"] == "wrong"
    failing = [c for c in loss["configs"] if c["verdict"] == "wrong"]
    assert [c["sizes"]["x"] for c in failing] == [[50, 10]] and failing[0]["entry"][0] == 37


def test_a_correct_softmax_outside_the_fast_class_is_not_checked_in_full_at_50x10():
    from symbp.code.check import NOT_IN_FULL

    def softmax_loss(x, y):                 # e^{(x-m)/2} squared: right, but not in the Forms
        e = np.exp(0.5 * (x - np.max(x, axis=1, keepdims=True))) ** 2
        p = e / np.sum(e, axis=1, keepdims=True)
        dx = p.copy()
        dx[np.arange(x.shape[0]), y] -= 1
        return -np.sum(np.log(p[np.arange(x.shape[0]), y])) / x.shape[0], dx / x.shape[0]
    backward, forward = check(softmax_loss, None, "softmax-loss")
    assert backward["verdict"] == "correct"
    big = [c for c in backward["configs"] if c["sizes"]["x"] == [50, 10]]
    assert big and big[0]["verdict"] == "unsupported" and big[0]["reason"] == NOT_IN_FULL
    assert all(c["verdict"] == "correct" for c in backward["configs"] if c not in big)
    assert torch_verdict("softmax-loss", softmax_loss, None, [softmax_case(50, 10)],
                         trials=2) == "correct"
