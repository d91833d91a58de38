"""Pooling: the document's worked examples, every configuration proved, mutants refuted."""
import random

import numpy as np
import pytest
import sympy as sp

from symbp.core.geometry import ConfigError
from symbp.core.ops import TensorOp, evaluate
from symbp.layers.pooling import DELTA, A, Pool2d, Pool2dConfig, UpsampleAvg, UpsampleMax
from symbp.core.proof import HOLDS, REFUTED, evaluate_at, prove
from symbp.core.tensor import as_matrix

DOC_DELTA = [[2, 8], [4, 6]]


def test_average_worked_example_is_the_documents():
    got = as_matrix(Pool2d(Pool2dConfig.make(), "avg").input_grad_at(DOC_DELTA))
    half = sp.Rational(1, 2)
    assert got == sp.Matrix([[half, half, 2, 2], [half, half, 2, 2],
                             [1, 1, sp.Rational(3, 2), sp.Rational(3, 2)],
                             [1, 1, sp.Rational(3, 2), sp.Rational(3, 2)]])


def test_max_worked_example_routes_to_each_windows_maximum():
    # maxima at top-left, bottom-right, top-right, bottom-left of the four windows
    a = [[9, 1, 2, 3],
         [1, 1, 4, 7],
         [1, 5, 3, 1],
         [2, 1, 6, 1]]
    got = as_matrix(Pool2d(Pool2dConfig.make(), "max").input_grad_at(DOC_DELTA, a))
    assert got == sp.Matrix([[2, 0, 0, 0], [0, 0, 0, 8], [0, 4, 0, 0], [0, 0, 6, 0]])


def test_max_worked_example_follows_pytorchs_first_maximum_on_ties():
    a = [[3, 3, 0, 0], [3, 3, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]
    got = as_matrix(Pool2d(Pool2dConfig.make(), "max").input_grad_at(DOC_DELTA, a))
    assert got == sp.Matrix([[2, 0, 8, 0], [0, 0, 0, 0], [4, 0, 6, 0], [0, 0, 0, 0]])


def test_max_example_needs_the_input():
    with pytest.raises(ConfigError, match="needs the input"):
        Pool2d(Pool2dConfig.make(), "max").input_grad_at(DOC_DELTA)


def _configs(seed=3, count=30):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        k = (rng.randint(1, 3), rng.randint(1, 3))
        kw = dict(input=(rng.randint(2, 7), rng.randint(2, 7)), kernel=k,
                  stride=(rng.randint(1, 3), rng.randint(1, 3)),
                  padding=(rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2)),
                  dilation=(rng.randint(1, 2), rng.randint(1, 2)), ceil_mode=rng.random() < 0.4,
                  count_include_pad=rng.random() < 0.5,
                  divisor_override=rng.choice([None, None, 3]), channels=rng.randint(1, 2),
                  batch=rng.randint(1, 2))
        try:
            out.append(Pool2dConfig.make(**kw))
        except ConfigError:
            continue
    return out


CONFIGS = _configs()


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: c.describe().replace(" ", ""))
@pytest.mark.parametrize("mode", ["avg", "max"])
def test_upsample_holds_in_every_configuration(cfg, mode):
    if mode == "avg":   # avg_pool2d has no dilation
        cfg = Pool2dConfig(**{**cfg.__dict__, "dilation": (1, 1)})
    layer = Pool2d(cfg, mode)
    assert prove(layer.input_grad, evaluate(layer.upsample_form(), layer.env), "c").verdict == HOLDS


@pytest.mark.parametrize("mode", ["avg", "max"])
def test_delta_through_pooling_holds(mode):
    layer = Pool2d(Pool2dConfig.make(5, 3, 2, 1), mode)
    assert prove(layer.delta_prev, evaluate(layer.delta_form(), layer.env), "c").verdict == HOLDS


def test_average_divisor_two_instead_of_four_is_refuted():
    layer = Pool2d(Pool2dConfig.make(), "avg")
    wrong = UpsampleAvg(DELTA, *Pool2dConfig.make(divisor_override=2).params())
    p = prove(layer.input_grad, evaluate(wrong, layer.env), "δ/2")
    assert p.verdict == REFUTED and p.counterexample.derived * 2 == p.counterexample.claimed


class RouteTopLeft(TensorOp):
    """A mutant: every δ entry routed to its window's top-left cell."""

    def entrywise(self, g):
        out = np.empty(g.shape[:2] + (4, 4), dtype=object)
        out.fill(sp.S.Zero)
        out[..., ::2, ::2] = g
        return out


@pytest.mark.parametrize("tie_rule_only", [True, False])
def test_max_routed_to_the_wrong_entry_is_refuted(tie_rule_only):
    layer = Pool2d(Pool2dConfig.make(), "max")
    wrong = UpsampleMax(DELTA, A, *layer.cfg.params(), 1) if tie_rule_only else RouteTopLeft(DELTA)
    p = prove(layer.input_grad, evaluate(wrong, layer.env), "wrong max")
    assert p.verdict == REFUTED
    ce = p.counterexample
    assert ce.derived != ce.claimed


def test_tie_sent_to_last_maximum_is_refuted_with_overlapping_windows():
    layer = Pool2d(Pool2dConfig.make(5, 3, 1, 1), "max")
    wrong = UpsampleMax(DELTA, A, *layer.cfg.params(), 1)
    assert prove(layer.input_grad, evaluate(wrong, layer.env), "last").verdict == REFUTED


def test_invalid_pooling_configs_are_rejected_like_pytorch():
    with pytest.raises(ConfigError, match="pad should be at most half"):
        Pool2dConfig.make(4, 2, padding=2)
    with pytest.raises(ConfigError, match="output size is too small"):
        Pool2dConfig.make(2, 3)
    with pytest.raises(ConfigError, match=r"window \(1,1\) lies entirely in the padding"):
        Pool2d(Pool2dConfig.make(2, 2, stride=2, padding=1, dilation=3), "max").z
    with pytest.raises(ConfigError, match="avg_pool2d has no dilation"):
        Pool2d(Pool2dConfig.make(5, 2, dilation=2), "avg")


# ----------------------------------------------------------------- numeric cross-check

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _numeric(layer, a_values, g_values):
    """The derived ∂J/∂a with numbers substituted (indicators follow the input)."""
    values = dict(zip(layer.a.ravel(), (sp.Integer(int(v)) for v in a_values.ravel())))
    values.update(zip(layer.delta.ravel(), (sp.Integer(int(v)) for v in g_values.ravel())))
    return np.vectorize(lambda e: float(evaluate_at(e, values)), otypes=[float])(layer.input_grad)


@pytest.mark.parametrize("cfg", CONFIGS[:16], ids=lambda c: c.describe().replace(" ", ""))
def test_derived_max_gradient_agrees_with_pytorch_including_ties(cfg):
    layer = Pool2d(cfg, "max")
    rng = np.random.default_rng(1)
    shape = (cfg.batch, cfg.channels) + cfg.input
    a = rng.integers(0, 3, size=shape)          # many ties
    g = rng.integers(-4, 5, size=(cfg.batch, cfg.channels) + cfg.output)
    x = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    out = F.max_pool2d(x, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation, cfg.ceil_mode)
    if out.shape[-2:] != cfg.output:
        pytest.fail("output size differs from PyTorch")
    out.backward(torch.tensor(g, dtype=torch.float64))
    assert np.allclose(_numeric(layer, a, g), x.grad.numpy(), atol=1e-12)


@pytest.mark.parametrize("cfg", CONFIGS[:16], ids=lambda c: c.describe().replace(" ", ""))
def test_derived_avg_gradient_agrees_with_pytorch(cfg):
    cfg = Pool2dConfig(**{**cfg.__dict__, "dilation": (1, 1)})
    layer = Pool2d(cfg, "avg")
    rng = np.random.default_rng(2)
    a = rng.integers(-3, 4, size=(cfg.batch, cfg.channels) + cfg.input)
    g = rng.integers(-4, 5, size=(cfg.batch, cfg.channels) + cfg.output)
    x = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    out = F.avg_pool2d(x, cfg.kernel, cfg.stride, cfg.padding, cfg.ceil_mode,
                       cfg.count_include_pad, cfg.divisor_override)
    assert tuple(out.shape[-2:]) == cfg.output
    out.backward(torch.tensor(g, dtype=torch.float64))
    assert np.allclose(_numeric(layer, a, g), x.grad.numpy(), atol=1e-12)
