"""Convolution: the forward definition, every closed form proved, every mutant refuted."""
import random

import numpy as np
import pytest
import sympy as sp

from symbp.claims import Claim, builtin_claims, run
from symbp.layers.conv import A, DELTA, W, Conv2d, Conv2dConfig, ConvDelta
from symbp.core.geometry import ConfigError, transpose_padding
from symbp.core.ops import (Correlate, Dilate, Hadamard, Pad, Rot180, SigmaPrime, SwapIO, TensorOp,
                       WeightCorrelate)
from symbp.core.proof import HOLDS, REFUTED
from symbp.core.tensor import as_matrix

a11, a12, a21, a22, a23, a32, a33 = sp.symbols("a_{11} a_{12} a_{21} a_{22} a_{23} a_{32} a_{33}")
w11, w12, w21, w22 = sp.symbols("w_{11} w_{12} w_{21} w_{22}")
d11, d12, d21, d22 = sp.symbols("delta_{11} delta_{12} delta_{21} delta_{22}")


def test_forward_is_the_documents_cross_correlation():
    z = as_matrix(Conv2d(Conv2dConfig.make()).z)
    b1 = sp.Symbol("b_{1}")
    assert sp.expand(z[0, 0] - (a11 * w11 + a12 * w12 + a21 * w21 + a22 * w22 + b1)) == 0
    assert sp.expand(z[1, 1] - (a22 * w11 + a23 * w12 + a32 * w21 + a33 * w22 + b1)) == 0


def test_input_gradient_entries_match_the_document():
    g = as_matrix(Conv2d(Conv2dConfig.make()).gradients["a"])
    assert g[0, 0] == d11 * w11
    assert sp.expand(g[0, 1] - (d12 * w11 + d11 * w12)) == 0
    assert sp.expand(g[1, 1] - (d11 * w22 + d12 * w21 + d21 * w12 + d22 * w11)) == 0
    assert g[2, 2] == d22 * w22


def check(form, derived, env):
    """The verdict machinery of symbp verify: an undefined form is refuted, not an error."""
    return Claim("test", "lhs", form, lambda: derived, env, "").check()


@pytest.mark.parametrize("n", range(3, 11))
def test_every_size_and_kernel_proves_every_conv_claim(n):
    for k in range(1, 5):
        if k > n:
            continue
        layer = Conv2d(Conv2dConfig.make(n, k))
        g = layer.gradients
        assert check(layer.input_grad_form(), g["a"], layer.env).verdict == HOLDS
        assert check(layer.weight_grad_form(), g["w"], layer.env).verdict == HOLDS
        assert check(layer.bias_grad_form(), g["b"], layer.env).verdict == HOLDS
        net = ConvDelta(Conv2dConfig.make(n, k))
        assert check(net.delta_form(), net.derived, net.env).verdict == HOLDS


class Transpose(TensorOp):
    """A mutant's operator: the kernel transposed (last two axes swapped)."""

    def entrywise(self, x):
        return np.swapaxes(x, -1, -2)


def _mutants_2d(k):
    e = k - 1
    return {
        "rot180 dropped": Correlate(Pad(DELTA, e, e, e, e), W, 1, 1, 1, 1, 1),
        "padding one short": Correlate(Pad(DELTA, e - 1, e - 1, e - 1, e - 1), Rot180(W), 1, 1, 1, 1, 1),
        "padding one long": Correlate(Pad(DELTA, e + 1, e + 1, e + 1, e + 1), Rot180(W), 1, 1, 1, 1, 1),
        "padding shifted": Correlate(Pad(DELTA, e + 1, e - 1, e + 1, e - 1), Rot180(W), 1, 1, 1, 1, 1),
        "kernel transposed": Correlate(Pad(DELTA, e, e, e, e), Transpose(Rot180(W)), 1, 1, 1, 1, 1),
    }


@pytest.mark.parametrize("n,k", [(3, 2), (5, 3), (6, 4)])
def test_input_gradient_mutants_are_refuted_with_counterexamples(n, k):
    layer = Conv2d(Conv2dConfig.make(n, k))
    for name, form in _mutants_2d(k).items():
        p = check(form, layer.gradients["a"], layer.env)
        assert p.verdict == REFUTED, name
        if p.index is not None:  # same shape: a failing entry with numbers that differ
            ce = p.counterexample
            assert ce.derived != ce.claimed
            got = p.derived.xreplace({sp.Symbol(s.replace("δ", "delta")): v
                                      for s, v in ce.values.items()})
            assert got == ce.derived, name
        else:
            assert "shape mismatch" in p.reason or "undefined" in p.reason, name


def test_weight_mutant_delta_and_input_swapped_is_refuted():
    layer = Conv2d(Conv2dConfig.make(4, 2))
    swapped = WeightCorrelate(A, Rot180(DELTA), 1, 1, 1)
    assert check(swapped, layer.gradients["w"], layer.env).verdict == REFUTED


def test_the_documents_weight_gradient_is_refuted_as_undefined():
    [result] = run(builtin_claims(["conv-weight-seed"]))
    assert result.proof.verdict == REFUTED and result.as_expected
    assert "larger than" in result.proof.reason
    assert result.proof.correct == "a * δ"


def test_conv_delta_with_the_unpadded_document_form_is_refuted():
    net = ConvDelta(Conv2dConfig.make())
    doc_form = Hadamard(Correlate(DELTA, Rot180(W), 1, 1, 1, 1, 1), SigmaPrime(sp.Symbol("z^{l-1}")))
    p = check(doc_form, net.derived, net.env)   # a 1x1 result ⊙ a 3x3 σ'(z): undefined
    assert p.verdict == REFUTED and "⊙ of a 1x1 and a 3x3 matrix" in p.reason


# ----------------------------------------------------------------- general configurations

def _random_configs(count, seed=7):
    rng = random.Random(seed)
    configs = []
    while len(configs) < count:
        g = rng.choice([1, 2])
        cfg = dict(input=(rng.randint(3, 8), rng.randint(3, 8)), kernel=(rng.randint(1, 3), rng.randint(1, 3)),
                   stride=(rng.randint(1, 3), rng.randint(1, 3)), padding=(rng.randint(0, 2), rng.randint(0, 2)),
                   dilation=(rng.randint(1, 2), rng.randint(1, 2)),
                   channels=(g * rng.randint(1, 3 // g if g > 1 else 3), g * rng.randint(1, 3 // g if g > 1 else 3)),
                   groups=g, batch=rng.randint(1, 2))
        try:
            configs.append(Conv2dConfig.make(**cfg))
        except ConfigError:
            continue
    return configs


GENERAL = _random_configs(40)


@pytest.mark.parametrize("cfg", GENERAL, ids=lambda c: c.describe().replace(" ", ""))
def test_general_conv_claims_hold(cfg):
    layer = Conv2d(cfg)
    g = layer.gradients
    assert check(layer.input_grad_form(), g["a"], layer.env).verdict == HOLDS
    assert check(layer.weight_grad_form(), g["w"], layer.env).verdict == HOLDS
    assert check(layer.bias_grad_form(), g["b"], layer.env).verdict == HOLDS


def test_general_conv_delta_holds():
    cfg = Conv2dConfig.make((5, 6), (2, 3), (2, 1), (1, 0), (1, 2), (2, 4), 2, 2)
    net = ConvDelta(cfg)
    assert check(net.delta_form(), net.derived, net.env).verdict == HOLDS


def _input_grad_variant(cfg, *, dilate_delta=True, use_r=True, dilate_kernel=True, swap=True, groups=None):
    g = Dilate(DELTA, *cfg.stride) if dilate_delta else DELTA
    pads = [transpose_padding(n, k, s, p, d) for n, k, s, p, d in cfg._axes()]
    (t, b), (l, r) = pads
    if not use_r:
        b, r = t, l
    g = Pad(g, t, b, l, r)
    k = Rot180(W)
    if dilate_kernel:
        k = Dilate(k, *cfg.dilation)
    if swap:
        k = SwapIO(k, cfg.groups if groups is None else groups)
    return Correlate(g, k, 1, 1, 1, 1, cfg.groups)


@pytest.mark.parametrize("mutant,cfg", [
    ("delta not dilated", dict(input=7, kernel=3, stride=2, channels=(1, 1))),
    ("r forgotten", dict(input=6, kernel=3, stride=2, channels=(1, 1))),
    ("kernel dilation forgotten", dict(input=7, kernel=2, dilation=2, channels=(1, 1))),
    ("channels not swapped", dict(input=4, kernel=2, channels=(2, 2))),
    ("groups mixed", dict(input=4, kernel=2, channels=(4, 4), groups=2)),
])
def test_general_input_gradient_mutants_are_refuted(mutant, cfg):
    cfg = Conv2dConfig.make(**cfg)
    layer = Conv2d(cfg)
    kwargs = {"delta not dilated": dict(dilate_delta=False), "r forgotten": dict(use_r=False),
              "kernel dilation forgotten": dict(dilate_kernel=False),
              "channels not swapped": dict(swap=False), "groups mixed": dict(groups=1)}[mutant]
    assert check(_input_grad_variant(cfg), layer.gradients["a"], layer.env).verdict == HOLDS
    form = _input_grad_variant(cfg, **kwargs)
    assert check(form, layer.gradients["a"], layer.env).verdict == REFUTED


def test_weight_gradient_without_stride_dilation_is_refuted():
    cfg = Conv2dConfig.make(7, 3, stride=2)
    layer = Conv2d(cfg)
    wrong = WeightCorrelate(A, DELTA, 1, 1, 1)
    assert check(wrong, layer.gradients["w"], layer.env).verdict == REFUTED


# ----------------------------------------------------------------- numeric cross-check

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("cfg", GENERAL[:12], ids=lambda c: c.describe().replace(" ", ""))
def test_forward_definition_agrees_with_pytorch(cfg):
    """The forward is the axiom of every proof: check it against torch numerically."""
    layer = Conv2d(cfg)
    rng = np.random.default_rng(0)
    values = {}
    arrays = {}
    for name, t in (("a", layer.a), ("w", layer.w), ("b", layer.b)):
        arr = rng.integers(-3, 4, size=t.shape)
        arrays[name] = arr
        values.update({s: sp.Integer(int(v)) for s, v in zip(t.ravel(), arr.ravel())})
    z = np.vectorize(lambda e: int(e.xreplace(values)), otypes=[object])(layer.z).astype(np.int64)
    ref = torch.nn.functional.conv2d(torch.tensor(arrays["a"], dtype=torch.float64),
                                     torch.tensor(arrays["w"], dtype=torch.float64),
                                     torch.tensor(arrays["b"], dtype=torch.float64),
                                     stride=cfg.stride, padding=cfg.padding, dilation=cfg.dilation,
                                     groups=cfg.groups)
    assert np.array_equal(z, ref.numpy().astype(np.int64))
