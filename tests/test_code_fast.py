"""symbp code's fast exact route (laurent Forms) at CS231n's own test sizes.

Truth: torch autograd in float64 (tests/code_truth.py) and plain numeric evaluation of the
expressions at random points; never symbp itself.
"""
import importlib
import random
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
