"""Fully connected layer and softmax cross-entropy: every claim proved, mutants refuted."""
import itertools

import numpy as np
import pytest
import sympy as sp

from symbp.layers.activations import SIGMOID, TANH, prove_exact
from symbp.claims import (BUILTINS, ExactClaim, Setup, builtin_claims, fc_claims, run,
                          softmax_claim, to_latex, to_text)
from symbp.cli import main
from symbp.layers.dense import (A, DELTA, LOGITS, W, Y, ZPREV, Difference, FullyConnected, LinearConfig,
                         MatMul, Softmax, SoftmaxConfig, SoftmaxCrossEntropy, Transpose)
from symbp.core.geometry import ConfigError
from symbp.core.ops import Hadamard, evaluate
from symbp.core.proof import HOLDS, REFUTED, prove

FC = ("fc-input", "fc-weight", "fc-bias", "fc-delta")
SIZES = list(itertools.product(range(1, 5), range(1, 4), range(1, 3)))   # in, out, batch


def layer(i=3, o=2, n=1):
    return FullyConnected(LinearConfig.make(i, o, n))


def check(form, derived, env):
    return prove(derived, evaluate(form, env), "claim")


# --------------------------------------------------------------------------- forward

def test_forward_is_torch_linear():
    fc = layer(3, 2, 2)
    a, w, b = fc.a, fc.w, fc.b
    assert fc.z.shape == (2, 2)
    assert sp.expand(fc.z[1, 0] - (a[1, 0] * w[0, 0] + a[1, 1] * w[0, 1] + a[1, 2] * w[0, 2]
                                   + b[0])) == 0


def test_gradient_entries_are_the_chain_rule():
    fc = layer(2, 2, 1)
    d, w, a = fc.delta, fc.w, fc.a
    g = fc.gradients
    assert sp.expand(g["a"][0, 1] - (d[0, 0] * w[0, 1] + d[0, 1] * w[1, 1])) == 0
    assert g["w"][1, 0] == d[0, 1] * a[0, 0]
    assert g["b"][1] == d[0, 1]


# --------------------------------------------------------------------------- every claim

@pytest.mark.parametrize("i,o,n", SIZES)
def test_every_fc_claim_holds(i, o, n):
    for name, claim in fc_claims(layer(i, o, n)).items():
        p = claim.check()
        assert p.verdict == HOLDS, (name, p.detail())


@pytest.mark.parametrize("k,n", list(itertools.product(range(1, 5), range(1, 3))))
def test_softmax_cross_entropy_delta_holds(k, n):
    net = SoftmaxCrossEntropy(SoftmaxConfig.make(k, n))
    p = softmax_claim(net).check()
    assert p.verdict == HOLDS, p.detail()
    assert p.entries == k * n


def test_builtins_are_registered_and_sized_from_setup():
    assert set(FC) | {"softmax-ce"} <= set(BUILTINS)
    claims = builtin_claims(list(FC) + ["softmax-ce"])
    assert [c.sizes for c in claims] == ["3 -> 2 features"] * 4 + \
        ["3 classes, summed over the batch"]
    claims = builtin_claims(list(FC) + ["softmax-ce"], Setup(channels=(4, 3), batch=2))
    assert claims[0].sizes == "4 -> 3 features, batch 2"
    assert claims[-1].sizes == "3 classes, batch 2, summed over the batch"
    results = run(claims)
    assert all(r.proof.holds for r in results)
    assert [r.proof.entries for r in results] == [8, 12, 3, 8, 6]


def test_cli_verifies_the_new_builtins(capsys):
    assert main(["verify", *FC, "softmax-ce", "--channels", "2,3", "--batch", "2"]) == 0
    out = capsys.readouterr().out
    assert "5 of 5 verdicts as expected" in out


# --------------------------------------------------------------------------- printing

def test_column_vector_notation_for_a_single_example():
    fc = layer(3, 2, 1)
    assert to_text(fc.forward_form()) == "W a + b"
    assert to_text(fc.input_grad_form()) == "W^T δ"
    assert to_text(fc.weight_grad_form()) == "δ a^T"
    assert to_text(fc.bias_grad_form()) == "Σ_n δ_n"
    assert to_text(fc.delta_form()) == "(W^T δ) ⊙ σ'(z^{l-1})"
    assert to_latex(fc.input_grad_form()) == r"{W}^{\top} \delta"
    assert to_latex(fc.weight_grad_form()) == r"\delta {a}^{\top}"


def test_row_layout_for_a_batch():
    fc = layer(3, 2, 2)
    assert to_text(fc.forward_form()) == "a W^T + b"
    assert to_text(fc.input_grad_form()) == "δ W"
    assert to_text(fc.weight_grad_form()) == "δ^T a"
    assert to_text(fc.delta_form(SIGMOID)) == "(δ W) ⊙ (σ(z^{l-1})(1 − σ(z^{l-1})))"
    assert to_text(SoftmaxCrossEntropy.delta_form()) == "softmax(z) - y"


# --------------------------------------------------------------------------- mutants

@pytest.mark.parametrize("i,o,n", [(3, 2, 1), (2, 2, 1), (3, 3, 2)])
def test_w_not_transposed_is_refuted(i, o, n):
    fc = layer(i, o, n)
    form = MatMul(DELTA, Transpose(W))            # δ Wᵀ instead of δ W
    claim = fc_claims(fc)["fc-input"]
    claim.form, claim.correct = form, fc.input_grad_form()
    p = claim.check()
    assert p.verdict == REFUTED
    if i == o:                                    # square W: the values differ
        assert p.counterexample is not None
    else:                                         # the shapes do not even fit
        assert "undefined" in p.reason
    assert p.correct == to_text(fc.input_grad_form())


@pytest.mark.parametrize("i,o,n", [(3, 2, 1), (2, 2, 2)])
def test_delta_and_a_swapped_in_the_weight_gradient_are_refuted(i, o, n):
    fc = layer(i, o, n)
    p = check(MatMul(Transpose(A), DELTA), fc.gradients["w"], fc.env)   # aᵀ δ
    assert p.verdict == REFUTED
    if i == o:
        assert p.counterexample is not None and p.index is not None
    else:
        assert "shape mismatch" in p.reason


def test_bias_not_summed_over_the_batch_is_refuted():
    for n in (1, 2):
        fc = layer(3, 2, n)
        p = check(DELTA, fc.gradients["b"], fc.env)
        assert p.verdict == REFUTED and "shape mismatch" in p.reason


def test_softmax_sign_flipped_is_refuted_with_a_valid_counterexample():
    net = SoftmaxCrossEntropy(SoftmaxConfig.make(3, 1))
    claim = softmax_claim(net, Difference(Y, Softmax(LOGITS)), expected=REFUTED,
                          correct=net.delta_form())
    p = claim.check()
    assert p.verdict == REFUTED and p.index == (1, 1)
    values = p.counterexample.values
    assert sum(values[f"y_{{1{k}}}"] for k in (1, 2, 3)) == 1         # targets sum to 1
    assert p.counterexample.derived == -p.counterexample.claimed != 0
    assert (p.counterexample.derived, p.counterexample.claimed) == \
        (sp.Rational(1, 3), sp.Rational(-1, 3))                      # z = 0, y = (0, 0, 1)


def test_softmax_identity_needs_the_constraint():
    net = SoftmaxCrossEntropy(SoftmaxConfig.make(3, 1))
    derived, claimed = net.derived, evaluate(net.delta_form(), net.env)
    assert prove_exact(derived, claimed, "c", constraint=net.constraint).verdict == HOLDS
    assert prove_exact(derived, claimed, "c").verdict == REFUTED      # Σ y = 1 is used


def test_fc_delta_with_concrete_activations():
    fc = layer(3, 2, 2)
    for act in (SIGMOID, TANH):
        form = fc.delta_form(act)
        claim = ExactClaim("fc-delta", r"\delta^{l-1}", form, lambda act=act: fc.delta_prev(act),
                           fc.env, fc.cfg.describe(), what="δ^{l-1}")
        assert claim.check().verdict == HOLDS
    wrong = ExactClaim("x", "x", fc.delta_form(TANH), lambda: fc.delta_prev(SIGMOID), fc.env, "")
    assert wrong.check().verdict == REFUTED


def test_configs_are_validated():
    with pytest.raises(ConfigError):
        LinearConfig.make(0, 2)
    with pytest.raises(ConfigError):
        SoftmaxConfig.make(3, 0)


# --------------------------------------------------------------------------- against torch

torch = pytest.importorskip("torch")
F = torch.nn.functional


def num(expr, values) -> float:
    return float(expr.xreplace(values).evalf(30))


def floats(symbols, array):
    return {s: sp.Float(float(v), 30) for s, v in zip(symbols.ravel(), array.ravel())}


def numeric(entries, values):
    return np.array([num(e, values) for e in entries.ravel()]).reshape(entries.shape)


@pytest.mark.parametrize("i,o,n", [(3, 2, 1), (4, 3, 2)])
def test_fc_gradients_match_torch_autograd(i, o, n):
    fc = layer(i, o, n)
    rng = np.random.default_rng(i * 10 + n)
    av, wv, bv, dv = (rng.standard_normal(s) for s in ((n, i), (o, i), (o,), (n, o)))
    a, w, b = (torch.tensor(v, requires_grad=True) for v in (av, wv, bv))
    F.linear(a, w, b).backward(torch.tensor(dv))
    values = {**floats(fc.a, av), **floats(fc.w, wv), **floats(fc.b, bv), **floats(fc.delta, dv)}
    for key, ref in (("a", a), ("w", w), ("b", b)):
        np.testing.assert_allclose(numeric(fc.gradients[key], values), ref.grad.numpy(),
                                   rtol=0, atol=1e-10)
    forms = {"a": fc.input_grad_form(), "w": fc.weight_grad_form(), "b": fc.bias_grad_form()}
    for key, ref in (("a", a), ("w", w), ("b", b)):
        np.testing.assert_allclose(numeric(evaluate(forms[key], fc.env), values),
                                   ref.grad.numpy(), rtol=0, atol=1e-10)


def test_fc_delta_with_sigmoid_matches_torch_autograd():
    fc = layer(4, 3, 2)
    rng = np.random.default_rng(7)
    zv, wv, dv = (rng.standard_normal(s) for s in ((2, 4), (3, 4), (2, 3)))
    z = torch.tensor(zv, requires_grad=True)
    F.linear(torch.sigmoid(z), torch.tensor(wv)).backward(torch.tensor(dv))
    values = {**floats(fc.zprev, zv), **floats(fc.w, wv), **floats(fc.delta, dv)}
    np.testing.assert_allclose(numeric(fc.delta_prev(SIGMOID), values), z.grad.numpy(),
                               rtol=0, atol=1e-10)


@pytest.mark.parametrize("k,n", [(3, 1), (4, 2)])
def test_softmax_cross_entropy_matches_torch_autograd(k, n):
    net = SoftmaxCrossEntropy(SoftmaxConfig.make(k, n))
    rng = np.random.default_rng(k + n)
    zv = rng.standard_normal((n, k)) * 2
    yv = rng.random((n, k))
    yv /= yv.sum(axis=1, keepdims=True)                   # probability targets
    z = torch.tensor(zv, requires_grad=True)
    loss = F.cross_entropy(z, torch.tensor(yv), reduction="sum")
    loss.backward()
    values = {**floats(net.z, zv), **floats(net.y, yv)}
    assert abs(num(net.loss, values) - loss.item()) < 1e-10
    np.testing.assert_allclose(numeric(net.derived, values), z.grad.numpy(), rtol=0, atol=1e-10)
    claimed = evaluate(net.delta_form(), net.env)
    np.testing.assert_allclose(numeric(claimed, values), z.grad.numpy(), rtol=0, atol=1e-10)


def test_exact_prover_refutes_a_general_sigma_mutant_with_sigma_values():
    fc = layer(2, 2, 1)
    form = Hadamard(MatMul(DELTA, Transpose(W)), fc.delta_form().args[1])
    claim = ExactClaim("x", r"\delta^{l-1}", form, lambda: fc.derived_delta, fc.env, "",
                       what="δ^{l-1}")
    p = claim.check()
    assert p.verdict == REFUTED
    assert any(k.startswith("σ'(") for k in p.counterexample.values)


def test_forward_through_an_activation_prints_in_the_layout():
    from symbp.core.ops import Sigma
    assert to_text(layer(3, 2, 1).forward_form(Sigma(ZPREV))) == "W σ(z^{l-1}) + b"
    assert to_text(layer(3, 2, 2).forward_form(SIGMOID.forward_form(ZPREV))) == \
        "sigmoid(z^{l-1}) W^T + b"
