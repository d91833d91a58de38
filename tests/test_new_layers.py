"""The two layers added through the layer protocol: conv_transpose2d and conv1d.

Truth comes from torch autograd: the symbolic forward agrees with torch's forward, and each
closed form, evaluated at integer tensors, equals torch's gradient.  The symbolic proofs hold
for every configuration, and wrong closed forms are refuted.
"""
import numpy as np
import pytest
import sympy as sp

from symbp.claims import BUILTINS, Setup, builtin_claims, layer_claim, run
from symbp.cli import main
from symbp.layers.conv1d import Conv1d, Conv1dConfig
from symbp.layers.conv_transpose import ConvTranspose2d, ConvTranspose2dConfig
from symbp.core.geometry import ConfigError
from symbp.core.layer import Layer
from symbp.core.ops import Correlate, Rot180, evaluate
from symbp.core.proof import HOLDS, REFUTED
from symbp.core.tensor import A, B, DELTA, W

torch = pytest.importorskip("torch")

TRANSPOSE_CONFIGS = [
    dict(),
    dict(stride=2, output_padding=1),
    dict(input=(2, 3), kernel=(3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2)),
    dict(input=3, kernel=2, dilation=2, padding=1),
    dict(input=(2, 2), kernel=3, stride=2, padding=1, dilation=(2, 1), output_padding=(1, 0),
         channels=(2, 4), groups=2, batch=2),
    dict(input=2, kernel=2, channels=(3, 2), batch=2),
]
CONV1D_CONFIGS = [
    dict(),
    dict(length=7, kernel=3, stride=2),
    dict(length=6, kernel=2, padding=2, dilation=2),
    dict(length=7, kernel=3, stride=2, padding=1, dilation=2, channels=(2, 4), groups=2, batch=2),
    dict(length=4, kernel=4, channels=(3, 1)),
]


def _integers(arr: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray]:
    """(object array of SymPy integers, the same values as int64) shaped like ``arr``."""
    values = rng.integers(-3, 4, size=arr.shape)
    exact = np.empty(arr.shape, dtype=object)
    for index, v in np.ndenumerate(values):
        exact[index] = sp.Integer(int(v))
    return exact, values


def _as_int(arr: np.ndarray) -> np.ndarray:
    return np.vectorize(int, otypes=[np.int64])(arr)


def _torch_grads(forward, a, w, b, delta):
    """torch autograd's ∂J/∂a, ∂J/∂W, ∂J/∂b for J = Σ z ⊙ δ (so ∂J/∂z = δ), and z."""
    ta, tw, tb = (torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in (a, w, b))
    z = forward(ta, tw, tb)
    (z * torch.tensor(delta, dtype=torch.float64)).sum().backward()
    return z.detach().numpy(), ta.grad.numpy(), tw.grad.numpy(), tb.grad.numpy()


def _check_against_torch(layer, forward, squeeze=None):
    """The symbolic forward and every closed form, at integer tensors, against torch."""
    rng = np.random.default_rng(7)
    env, numbers = {}, {}
    for placeholder, symbols in ((A, layer.a), (W, layer.w), (B, layer.b), (DELTA, layer.delta)):
        env[placeholder], numbers[placeholder] = _integers(symbols, rng)
    shape = (lambda x: x) if squeeze is None else squeeze
    z_ref, ga, gw, gb = _torch_grads(forward, shape(numbers[A]), shape(numbers[W]), numbers[B],
                                     shape(numbers[DELTA]))
    values = {s: v for p in (A, W, B) for s, v in zip(env_symbols(layer, p), env[p].ravel())}
    z = np.vectorize(lambda e: int(e.xreplace(values)), otypes=[np.int64])(layer.z)
    assert np.array_equal(shape(z), z_ref.astype(np.int64))
    forms = layer.closed_forms()
    for key, ref in (("a", ga), ("W", gw), ("b", gb)):
        got = _as_int(evaluate(forms[key], env))
        assert np.array_equal(shape(got) if key != "b" else got, ref.astype(np.int64)), key


def env_symbols(layer, placeholder):
    return layer.env[placeholder].ravel()


@pytest.mark.parametrize("kw", TRANSPOSE_CONFIGS, ids=range(len(TRANSPOSE_CONFIGS)))
def test_conv_transpose_agrees_with_torch_autograd(kw):
    cfg = ConvTranspose2dConfig.make(**kw)
    layer = ConvTranspose2d(cfg)

    def forward(a, w, b):
        return torch.nn.functional.conv_transpose2d(
            a, w, b, stride=cfg.stride, padding=cfg.padding, output_padding=cfg.output_padding,
            groups=cfg.groups, dilation=cfg.dilation)
    _check_against_torch(layer, forward)


@pytest.mark.parametrize("kw", TRANSPOSE_CONFIGS, ids=range(len(TRANSPOSE_CONFIGS)))
def test_conv_transpose_claims_are_proved(kw):
    layer = ConvTranspose2d(ConvTranspose2dConfig.make(**kw))
    assert isinstance(layer, Layer)
    for key in ("a", "W", "b", "delta"):
        proof = layer_claim(f"ct-{key}", layer, key).check()
        assert proof.verdict == HOLDS, (key, proof.detail())
        assert proof.entries == layer.gradients.get(key, layer.a).size


@pytest.mark.parametrize("kw", CONV1D_CONFIGS, ids=range(len(CONV1D_CONFIGS)))
def test_conv1d_agrees_with_torch_autograd(kw):
    cfg = Conv1dConfig.make(**kw)
    layer = Conv1d(cfg)

    def forward(a, w, b):
        return torch.nn.functional.conv1d(a, w, b, stride=cfg.stride, padding=cfg.padding,
                                          dilation=cfg.dilation, groups=cfg.groups)
    # symbp's 1-d tensors carry a height axis of size 1; torch's do not
    _check_against_torch(layer, forward, squeeze=lambda x: x.reshape(x.shape[:-2] + x.shape[-1:]))


@pytest.mark.parametrize("kw", CONV1D_CONFIGS, ids=range(len(CONV1D_CONFIGS)))
def test_conv1d_claims_are_proved(kw):
    layer = Conv1d(Conv1dConfig.make(**kw))
    assert isinstance(layer, Layer)
    for key in ("a", "W", "b", "delta"):
        assert layer_claim(f"c1-{key}", layer, key).check().verdict == HOLDS, key


def test_wrong_closed_forms_are_refuted():
    """The transposed convolution's input gradient is not the flipped kernel's correlation."""
    layer = ConvTranspose2d(ConvTranspose2dConfig.make(input=3, kernel=2))
    claim = layer_claim("ct-a", layer, "a")
    claim.form = Correlate(DELTA, Rot180(W), 1, 1, 1, 1, 1)
    proof = claim.check()
    assert proof.verdict == REFUTED and proof.counterexample is not None
    strided = ConvTranspose2d(ConvTranspose2dConfig.make(input=3, kernel=2, stride=2))
    claim = layer_claim("ct-a", strided, "a")
    claim.form = Correlate(DELTA, W, 1, 1, 1, 1, 1)      # the stride forgotten: shapes differ
    assert claim.check().verdict == REFUTED


def test_builtin_rows_and_cli():
    names = ["conv-transpose-input", "conv-transpose-weight", "conv1d-input", "conv1d-weight",
             "conv1d-bias"]
    assert set(names) <= set(BUILTINS)
    results = run(builtin_claims(names, Setup(stride=(2, 2), output_padding=(1, 1))))
    assert [r.proof.verdict for r in results] == [HOLDS] * 5
    assert main(["verify", *names, "--kernel", "3", "--stride", "2", "--output-padding", "1",
                 "--padding", "1"]) == 0


@pytest.mark.parametrize("kw, message", [
    (dict(stride=1, dilation=2, output_padding=1), "not supported"),
    (dict(stride=2, output_padding=2), "smaller than either stride"),
    (dict(channels=(3, 2), groups=2), "in_channels 3 is not divisible by groups 2"),
    (dict(input=1, kernel=1, padding=1), "not positive"),
])
def test_conv_transpose_configurations_torch_rejects_or_symbp_refuses(kw, message):
    with pytest.raises(ConfigError, match=message):
        ConvTranspose2dConfig.make(**kw)


def test_cli_usage_error_for_output_padding(capsys):
    assert main(["verify", "conv-transpose-input", "--output-padding", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("symbp: error: output_padding 1 must be smaller than either stride 1")
    assert err.count("\n") == 1
