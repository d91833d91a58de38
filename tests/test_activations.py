"""Activations: every documented σ' proved exactly, mutants refuted, concrete σ in δ^{l-1}."""
import numpy as np
import pytest
import sympy as sp

from symbp.core import chain
from symbp.layers.activations import (ACTIVATIONS, IDENTITY, LEAKY_RELU, RELU, SIGMOID, TANH, Z_SCALAR, Act,
                               ActPrime, Sigmoid, as_rational, find_counterexample, leaky_relu,
                               prove_exact)
from symbp.claims import BUILTINS, builtin_claims, run, to_latex, to_text
from symbp.layers.conv import Conv2d, Conv2dConfig, ZPREV
from symbp.core.ops import Hadamard, evaluate
from symbp.layers.pooling import Pool2d, Pool2dConfig
from symbp.core.proof import HOLDS, REFUTED, prove
from symbp.core.tensor import symbolic

ALL = (IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH)
NAMES = ("act-identity", "act-relu", "act-leaky-relu", "act-sigmoid", "act-tanh")


# --------------------------------------------------------------------------- the built-ins

def test_every_builtin_activation_claim_holds():
    results = run(builtin_claims(list(NAMES)))
    assert [r.claim.name for r in results] == list(NAMES)
    for r in results:
        assert r.proof.verdict == HOLDS, (r.claim.name, r.proof.detail())
        assert r.as_expected
        assert r.proof.entries == (3 if r.claim.activation.piecewise else 1)


def test_builtin_claims_print_the_documented_closed_forms():
    texts = {c.name: c.text for c in builtin_claims(list(NAMES))}
    assert texts["act-identity"] == "σ'(z) = 1"
    assert texts["act-relu"] == "σ'(z) = 1[z > 0]"
    assert texts["act-sigmoid"] == "σ'(z) = σ(z)(1 − σ(z))"
    assert texts["act-tanh"] == "σ'(z) = 1 − tanh²(z)"
    assert texts["act-leaky-relu"] == "σ'(z) = 1[z > 0] + 0.01·1[z ≤ 0]"
    latex = {c.name: c.latex for c in builtin_claims(list(NAMES))}
    assert latex["act-sigmoid"] == r"\sigma'(z) = \sigma(z)\left(1 - \sigma(z)\right)"
    assert set(NAMES) <= set(BUILTINS)


def test_relu_proof_states_the_convention_at_zero():
    detail = RELU.prove().detail()
    assert "z > 0" in detail and "z < 0" in detail
    assert "at z = 0 the derivative does not exist; PyTorch uses 0 and so does this closed form" \
        in detail
    assert "PyTorch uses 1/100" in LEAKY_RELU.prove().detail()


# --------------------------------------------------------------------------- the derivation

def test_derivatives_come_from_differentiating_the_forward():
    # the named σ carries no derivative rule: nothing but the definition can be differentiated
    assert isinstance(sp.diff(Sigmoid(Z_SCALAR), Z_SCALAR), sp.Derivative)
    assert SIGMOID.derivative() == sp.diff(1 / (1 + sp.exp(-Z_SCALAR)), Z_SCALAR)
    assert not TANH.derivative().has(sp.tanh)                  # through exp, not tanh's rule
    assert RELU.derivative() == sp.Piecewise((1, Z_SCALAR > 0), (0, True))
    assert IDENTITY.derivative() == 1


def test_smooth_identities_are_rational_function_identities():
    # the proof's test itself: σ(1−σ) − dσ/dz is the zero rational function of e^z
    assert as_rational(SIGMOID.derivative() - SIGMOID.prime(Z_SCALAR)) == 0
    assert as_rational(TANH.derivative() - TANH.prime(Z_SCALAR)) == 0
    # and it is not fooled by a near miss
    assert as_rational(SIGMOID.derivative() - Sigmoid(Z_SCALAR) ** 2) != 0
    with pytest.raises(ValueError):
        as_rational(sp.exp(Z_SCALAR / 2))


# --------------------------------------------------------------------------- mutants

def test_relu_with_derivative_one_at_zero_is_refuted_against_pytorchs_convention():
    mutant = RELU.variant("relu-at0", lambda z: sp.Piecewise((1, z >= 0), (0, True)),
                          "1[{z} ≥ 0]", r"\mathbb{1}\left[{z} \ge 0\right]")
    p = mutant.prove()
    assert p.verdict == REFUTED
    assert p.counterexample.values == {"z": 0}
    assert (p.counterexample.derived, p.counterexample.claimed) == (0, 1)
    assert "PyTorch uses 0" in p.detail()


def test_leaky_relu_with_zero_at_zero_is_refuted():
    mutant = LEAKY_RELU.variant(
        "leaky-at0", lambda z: sp.Piecewise((1, z > 0), (sp.Rational(1, 100), z < 0), (0, True)),
        "x", "x")
    p = mutant.prove()
    assert p.verdict == REFUTED and p.counterexample.values == {"z": 0}


def test_relu_with_wrong_negative_branch_is_refuted_inside_the_region():
    mutant = RELU.variant("relu-one", lambda z: sp.S.One, "1", "1")
    p = mutant.prove()
    assert p.verdict == REFUTED and "z < 0" in p.reason
    assert p.counterexample.values == {"z": -1}


def test_sigmoid_with_one_plus_sigma_is_refuted_at_zero():
    mutant = SIGMOID.variant("sig-plus", lambda z: Sigmoid(z) * (1 + Sigmoid(z)),
                             "σ({z})(1 + σ({z}))", "")
    p = mutant.prove()
    assert p.verdict == REFUTED
    assert p.counterexample.values == {"z": 0}
    assert (p.counterexample.derived, p.counterexample.claimed) == \
        (sp.Rational(1, 4), sp.Rational(3, 4))


def test_tanh_with_one_plus_tanh_squared_is_refuted_at_one():
    mutant = TANH.variant("tanh-plus", lambda z: 1 + sp.tanh(z) ** 2, "1 + tanh²({z})", "")
    p = mutant.prove()
    assert p.verdict == REFUTED
    ce = p.counterexample
    assert ce.values == {"z": 1}                 # z = 0 does not separate them: 1 = 1
    assert abs(ce.derived - (1 - np.tanh(1.0) ** 2)) < 1e-5
    assert abs(ce.claimed - (1 + np.tanh(1.0) ** 2)) < 1e-5
    assert "0.419974" in p.detail() and "1.58003" in p.detail()
    # the separation itself is exact: a non-zero rational function of e
    assert as_rational((TANH.derivative() - mutant.prime(Z_SCALAR)).xreplace({Z_SCALAR: 1})) != 0


def test_custom_leaky_slope_follows_pytorch():
    act = leaky_relu(0.2)
    assert act.prove().holds and act.at_zero == sp.Rational(1, 5)
    assert ACTIVATIONS[act.name] is act


# --------------------------------------------------------------------------- against torch

torch = pytest.importorskip("torch")
F = torch.nn.functional
TORCH = {"identity": lambda x: x, "relu": F.relu, "leaky_relu": F.leaky_relu,
         "sigmoid": torch.sigmoid, "tanh": torch.tanh}


def num(expr, values) -> float:
    return float(expr.xreplace({s: sp.Float(v, 30) for s, v in values.items()}).evalf(30))


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_derived_and_closed_form_match_torch_autograd(act):
    xs = np.concatenate([np.random.default_rng(0).standard_normal(6) * 3, [0.0]])
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    TORCH[act.name](x).sum().backward()
    for v, g in zip(xs, x.grad.numpy()):
        if v != 0:
            assert abs(num(act.derivative(), {Z_SCALAR: v}) - g) < 1e-10
        assert abs(num(act.prime(Z_SCALAR), {Z_SCALAR: v}) - g) < 1e-10      # at 0: the convention
    if act.at_zero is not None:
        assert float(act.at_zero) == x.grad.numpy()[-1]


# --------------------------------------------------------------------------- σ' in δ^{l-1}

def conv_delta(cfg, act):
    """(derived δ^{l-1}, env) through a^{l-1} = act(z^{l-1}) and the conv forward."""
    layer = Conv2d(cfg)
    zprev = symbolic("z", layer.a.shape, sup="l-1")
    env = {**layer.env, ZPREV: zprev}
    z = evaluate(layer.forward_form(act.forward_form(ZPREV)), env)
    return layer, chain.derive(z, layer.delta, [zprev])[0], env


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_conv_delta_with_a_concrete_activation_is_proved(act):
    cfg = Conv2dConfig.make((3, 3), (2, 2))
    layer, derived, env = conv_delta(cfg, act)
    form = Hadamard(layer.input_grad_form(), act.prime_form(ZPREV))
    p = prove_exact(derived, evaluate(form, env), to_latex(form), what="δ^{l-1}")
    assert p.verdict == HOLDS, p.detail()
    assert p.entries == 9


def test_conv_delta_with_sigmoid_needs_the_exact_prover_and_refutes_the_wrong_sigma_prime():
    cfg = Conv2dConfig.make((3, 3), (2, 2), channels=(1, 2), batch=1)
    layer, derived, env = conv_delta(cfg, SIGMOID)
    form = Hadamard(layer.input_grad_form(), SIGMOID.prime_form(ZPREV))
    claimed = evaluate(form, env)
    assert prove(derived, claimed, "c").verdict != HOLDS          # polynomial expand cannot
    assert prove_exact(derived, claimed, "c").verdict == HOLDS   # rational functions can
    wrong = evaluate(Hadamard(layer.input_grad_form(), TANH.prime_form(ZPREV)), env)
    p = prove_exact(derived, wrong, "c", what="δ^{l-1}")
    assert p.verdict == REFUTED and p.counterexample is not None


def test_conv_delta_with_sigmoid_prints_the_closed_form():
    form = Hadamard(Conv2d(Conv2dConfig.make()).input_grad_form(), SIGMOID.prime_form(ZPREV))
    assert to_text(form) == "(pad_1(δ) * rot180(W)) ⊙ (σ(z^{l-1})(1 − σ(z^{l-1})))"
    assert r"\sigma(z^{l-1})\left(1 - \sigma(z^{l-1})\right)" in to_latex(form)
    assert to_text(RELU.forward_form(ZPREV)) == "relu(z^{l-1})"
    assert isinstance(RELU.prime_form(ZPREV), ActPrime) and isinstance(RELU.forward_form(ZPREV), Act)


def test_avg_pool_delta_with_tanh_is_proved():
    pool = Pool2d(Pool2dConfig.make((4, 4), (2, 2)), "avg")
    derived = pool.derive(pool.forward(TANH.forward_form(ZPREV)), pool.zprev)
    form = Hadamard(pool.upsample_form(), TANH.prime_form(ZPREV))
    assert prove_exact(derived, evaluate(form, pool.env), "c").verdict == HOLDS


def test_conv_delta_with_sigmoid_matches_torch_autograd():
    cfg = Conv2dConfig.make((3, 3), (2, 2), channels=(2, 1), batch=2)
    layer, derived, env = conv_delta(cfg, SIGMOID)
    rng = np.random.default_rng(1)
    zv = rng.standard_normal(layer.a.shape)
    wv = rng.standard_normal(layer.w.shape)
    dv = rng.standard_normal(layer.delta.shape)
    z = torch.tensor(zv, requires_grad=True)
    F.conv2d(torch.sigmoid(z), torch.tensor(wv), torch.zeros(1, dtype=torch.float64)) \
        .backward(torch.tensor(dv))
    values = {**dict(zip(env[ZPREV].ravel(), zv.ravel())), **dict(zip(layer.w.ravel(), wv.ravel())),
              **dict(zip(layer.delta.ravel(), dv.ravel()))}
    got = np.array([num(e, values) for e in derived.ravel()]).reshape(zv.shape)
    np.testing.assert_allclose(got, z.grad.numpy(), rtol=0, atol=1e-10)


def test_counterexamples_are_exact_at_integer_points():
    found = find_counterexample(SIGMOID.derivative(), Sigmoid(Z_SCALAR) * (1 + Sigmoid(Z_SCALAR)))
    assert found.values == {"z": 0}
    assert find_counterexample(SIGMOID.derivative(), SIGMOID.prime(Z_SCALAR)) is None


def test_a_mutant_as_a_claim_reports_the_correct_form():
    from symbp.claims import activation_claim
    mutant = SIGMOID.variant("sig-plus2", lambda z: Sigmoid(z) * (1 + Sigmoid(z)),
                             "σ({z})(1 + σ({z}))", r"\sigma({z})\left(1 + \sigma({z})\right)")
    [result] = run([activation_claim(mutant, "act-sigmoid-plus", expected=REFUTED,
                                     reference=SIGMOID)])
    assert result.as_expected and result.proof.verdict == REFUTED
    out = result.as_json()
    assert out["counterexample"] == {"z": 0}
    assert out["claim"] == r"\sigma'(z) = \sigma(z)\left(1 + \sigma(z)\right)"
    assert "correct: σ(z)(1 − σ(z))" in out["detail"]
    assert leaky_relu(0.01) is LEAKY_RELU


def test_an_activation_claim_with_a_replaced_form_proves_that_form():
    from dataclasses import replace

    from symbp.claims import activation_claim
    claim = activation_claim(SIGMOID)
    wrong = replace(claim, form=Sigmoid(Z_SCALAR) * (1 + Sigmoid(Z_SCALAR)))
    assert wrong.text == "σ'(z) = (sigmoid(z) + 1)*sigmoid(z)"
    assert wrong.check().verdict == REFUTED
    assert replace(wrong, form=claim.form).check().verdict == HOLDS
