"""Numpy kernels of conv_transpose2d and conv1d, generated from their proved closed forms:
checked against torch autograd at random integer inputs (exact in float64)."""
import numpy as np
import pytest
import torch

from symbp import kernels as K
from symbp.claims import Setup
from symbp.kernels.kernel_layers import CONV1D, CONV_TRANSPOSE2D
from symbp.layers.conv_transpose import ConvTranspose2dConfig

RNG = np.random.default_rng(15)


def _ints(*shape):
    return RNG.integers(-4, 5, size=shape).astype(np.float64)


def _autograd(fn, x, w, b, *args):
    xt, wt, bt = (torch.tensor(v, requires_grad=True) for v in (x, w, b))
    z = fn(xt, wt, bt, *args)
    g = _ints(*z.shape)
    z.backward(torch.tensor(g))
    return g, xt.grad.numpy(), wt.grad.numpy(), bt.grad.numpy()


def _transpose_cases(count):
    """(h, w, kh, kw, stride, padding, output_padding, dilation, groups, cin, cout/groups),
    output_padding below the stride (the layer refuses the rest, see the layer's docstring)."""
    cases = []
    while len(cases) < count:
        s, d, g = (int(RNG.integers(1, 4)), int(RNG.integers(1, 3)), int(RNG.integers(1, 3)))
        c = (int(RNG.integers(1, 5)), int(RNG.integers(1, 4)), int(RNG.integers(1, 4)),
             int(RNG.integers(1, 4)), s, int(RNG.integers(0, 3)), int(RNG.integers(0, s)), d, g,
             g * int(RNG.integers(1, 3)), int(RNG.integers(1, 3)))
        try:
            ConvTranspose2dConfig.make(c[:2], c[2:4], s, c[5], c[6], d, (c[9], c[10] * g), g)
        except ValueError:
            continue
        cases.append(c)
    return cases


@pytest.mark.parametrize("case", _transpose_cases(14))
def test_conv_transpose2d_kernels_equal_torch_autograd(case):
    h, w, kh, kw, s, p, op, d, g, cin, coutg = case
    x, weight, bias = _ints(2, cin, h, w), _ints(cin, coutg, kh, kw), _ints(coutg * g)
    grad, gx, gw, gb = _autograd(torch.nn.functional.conv_transpose2d, x, weight, bias,
                                 s, p, op, g, d)
    got_x = K.conv_transpose2d_input(x.shape, weight, grad, s, p, op, g, d)
    got_w = K.conv_transpose2d_weight(x, weight.shape, grad, s, p, op, g, d)
    got_b = K.conv_transpose2d_bias(grad)
    for got, want in ((got_x, gx), (got_w, gw), (got_b, gb)):
        assert got.shape == want.shape and np.array_equal(got, want), case


@pytest.mark.parametrize("case", [(7, 3, 1, 0, 1, 1, 1, 1), (8, 2, 2, 1, 1, 1, 2, 3),
                                  (11, 3, 2, 2, 2, 2, 4, 2), (6, 3, 3, 0, 1, 1, 1, 2),
                                  (9, 4, 1, 3, 2, 3, 3, 6), (5, 5, 2, 2, 1, 1, 2, 1)])
def test_conv1d_kernels_equal_torch_autograd(case):
    length, k, s, p, d, g, cin, cout = case
    x, weight, bias = _ints(3, cin, length), _ints(cout, cin // g, k), _ints(cout)
    grad, gx, gw, gb = _autograd(torch.nn.functional.conv1d, x, weight, bias, s, p, d, g)
    got = (K.conv1d_input(x.shape, weight, grad, s, p, d, g),
           K.conv1d_weight(x, weight.shape, grad, s, p, d, g), K.conv1d_bias(grad))
    for have, want in zip(got, (gx, gw, gb)):
        assert have.shape == want.shape and np.array_equal(have, want), case


def test_float32_is_kept_and_the_torch_backend_agrees():
    x, weight = _ints(1, 2, 3, 3).astype(np.float32), _ints(2, 1, 2, 2).astype(np.float32)
    grad = _ints(1, 1, 6, 6).astype(np.float32)
    out = K.conv_transpose2d_input(x.shape, weight, grad, 2, 0, 0)
    assert out.dtype == np.float32
    t = K.conv_transpose2d_input(x.shape, torch.tensor(weight), torch.tensor(grad), 2, 0, 0,
                                 backend="torch")
    assert np.array_equal(t.numpy(), out)


def test_kernels_come_from_the_proved_claims():
    for name in ("conv_transpose2d_input", "conv_transpose2d_weight", "conv1d_input",
                 "conv1d_weight", "conv1d_bias"):
        spec = K.KERNELS[name]
        assert spec.layer in (CONV_TRANSPOSE2D, CONV1D) and spec.claim
        cfg = spec.layer.from_setup(Setup(input=(5, 5), kernel=(3, 3), stride=(2, 2)))
        kernel = K.generate(name, cfg)
        assert kernel.proof.startswith("holds"), kernel.proof


def test_bad_arrays_are_one_line_errors():
    with pytest.raises(ValueError, match="input channels"):
        K.conv_transpose2d_input((1, 3, 3, 3), np.ones((2, 1, 2, 2)), np.ones((1, 1, 4, 4)))
    with pytest.raises(ValueError, match="grad_output has shape"):
        K.conv_transpose2d_input((1, 1, 3, 3), np.ones((1, 1, 2, 2)), np.ones((1, 1, 3, 3)))
    with pytest.raises(ValueError, match="output_padding"):
        K.conv_transpose2d_input((1, 1, 3, 3), np.ones((1, 1, 2, 2)), np.ones((1, 1, 5, 5)),
                                 stride=1, output_padding=1)
    with pytest.raises(ValueError, match="weight must be 3-D"):
        K.conv1d_input((1, 1, 5), np.ones((1, 1, 1, 3)), np.ones((1, 1, 3)))
