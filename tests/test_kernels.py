"""symbp.kernels: generated kernels against PyTorch autograd, finite differences, the
unfused composition and the claims the core proves; bad input; the torch backend."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from configs import conv_configs, pool_configs

from symbp import kernels as K
from symbp.claims import Setup, builtin_claims
from symbp.layers.conv import A, DELTA, W, Conv2dConfig
from symbp.layers.pooling import Pool2dConfig
from symbp.core.proof import HOLDS

try:  # torch is a test-only dependency: the tests that compare with it skip without it
    import torch
    F = torch.nn.functional
    torch.set_num_threads(1)   # tiny ops: OpenMP spin-up would dominate the runtime
except ImportError:  # pragma: no cover
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason="needs torch (test-only dependency)")

ROOT = Path(__file__).resolve().parents[1]
ATOL = 1e-10


def close(ours, ref, atol=ATOL):
    if hasattr(ref, "detach"):
        ref = ref.detach().cpu().numpy()
    if hasattr(ours, "detach"):
        ours = ours.detach().cpu().numpy()
    assert ours.shape == ref.shape, (ours.shape, ref.shape)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=atol, equal_nan=True)


# ---------------------------------------------------------------------------
# configurations
# ---------------------------------------------------------------------------



def conv_args(c):
    return c["s"], c["p"], c["d"], c["G"]


def conv_cfg(c):
    return Conv2dConfig.make(c["hw"], c["k"], c["s"], c["p"], c["d"], (c["C"], c["O"]), c["G"],
                             c["N"])




def has_empty_window(c, out_hw):
    """Some max-pool window has no tap inside the input (torch then routes its
    gradient through an out-of-plane index; the closed form routes it nowhere)."""
    for i in range(2):
        for o in range(out_hw[i]):
            taps = [o * c["s"][i] - c["p"][i] + a * c["d"][i] for a in range(c["k"][i])]
            if not any(0 <= h < c["hw"][i] for h in taps):
                return True
    return False


CONVS = conv_configs(150, seed=4321)
MAXPOOLS = pool_configs(120, seed=77, dilation=True)
AVGPOOLS = pool_configs(100, seed=78, dilation=False)


# ---------------------------------------------------------------------------
# generation: source, placeholders, cache, proofs
# ---------------------------------------------------------------------------

def test_generated_source_is_a_vectorised_call_chain():
    cfg = Conv2dConfig.make((6, 6), 3, 2, 1, 1, (2, 2))
    fused = K.generate("conv2d_input", cfg)
    assert fused.source.splitlines()[0] == "def conv2d_input(delta, W):"
    assert ("return transposed_correlate(delta, W, stride=(2, 2), padding=(1, 2, 1, 2), "
            "dilation=(1, 1), groups=1)") in fused.source
    plain = K.generate("conv2d_input", cfg, fuse=False)
    assert ("return correlate(pad(dilate(delta, 2, 2), 1, 2, 1, 2), swap_io(rot180(W), 1), "
            "(1, 1), (1, 1), 1)") in plain.source
    assert fused.args == (DELTA, W) and K.generate("conv2d_weight", cfg).args == (A, DELTA)
    weight = K.generate("conv2d_weight", cfg).source
    assert ("weight_correlate(a, delta, (3, 3), (1, 1), 1, stride=(2, 2), padding=(1, 1, 1, 1))"
            in weight)
    dil = K.generate("conv2d_input", Conv2dConfig.make((7, 7), 3, 1, 0, 2, (2, 2)))
    assert "transposed_correlate(delta, W, stride=(1, 1), padding=(4, 4, 4, 4), dilation=(2, 2)" \
        in dil.source
    fwd = K.generate("conv2d", cfg).source
    assert "add_bias(correlate(a, W, (2, 2), (1, 1), 1, padding=(1, 1, 1, 1)), b)" in fwd
    assert ("add_bias(correlate(pad(a, 1, 1, 1, 1), W, (2, 2), (1, 1), 1), b)"
            in K.generate("conv2d", cfg, fuse=False).source)
    pool = K.generate("max_pool2d_backward", Pool2dConfig.make((5, 5), 3, 2, 1)).source
    assert "max_pool2d_scatter(delta, a, (3, 3), (2, 2), (1, 1), (1, 1), False, tie='first')" in pool


def test_kernels_are_cached_per_configuration():
    cfg = Conv2dConfig.make((5, 5), 3, 2, 1, 1, (2, 4), 2, batch=3)
    k1 = K.generate("conv2d_input", cfg)
    k2 = K.generate("conv2d_input", Conv2dConfig.make((5, 5), 3, 2, 1, 1, (2, 4), 2, batch=1))
    assert k1 is k2            # batch does not change the form
    assert K.generate("conv2d_input", Conv2dConfig.make((6, 5), 3, 2, 1, 1, (2, 4), 2)) is not k1
    hits = K._generate.cache_info().hits
    rng = np.random.default_rng(0)
    w, g = rng.standard_normal((4, 1, 3, 3)), rng.standard_normal((3, 4, 3, 3))
    K.conv2d_input((3, 2, 5, 5), w, g, 2, 1, 1, 2)
    assert K._generate.cache_info().hits == hits + 1


@pytest.mark.parametrize("c", CONVS[:12], ids=lambda c: f"k{c['k']}s{c['s']}p{c['p']}d{c['d']}g{c['G']}")
def test_kernel_form_is_the_form_the_builtin_claim_proves(c):
    # at the configuration itself (batch 1, channels kept small to keep the proofs cheap)
    chans = (c["G"], c["G"]) if c["G"] > 1 else (1, min(c["O"], 2))
    cfg = Conv2dConfig.make(c["hw"], c["k"], c["s"], c["p"], c["d"], chans, c["G"], 1)
    setup = Setup(cfg.input, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation, cfg.channels,
                  cfg.groups, 1)
    for name, claim_name in (("conv2d_input", "conv-input"), ("conv2d_weight", "conv-weight"),
                             ("conv2d_bias", "conv-bias")):
        claim = builtin_claims([claim_name], setup)[0]
        kernel = K.generate(name, cfg)
        assert kernel.form == claim.form, name
        assert kernel.claim == claim_name
        assert claim.check().verdict == HOLDS
        assert kernel.proof.startswith("holds: ") and kernel.proof.endswith("(the same form)")


@pytest.mark.parametrize("mode,c", [("max", c) for c in MAXPOOLS[:5]] +
                         [("avg", c) for c in AVGPOOLS[:5]])
def test_pool_kernel_form_is_the_builtin_claims_form(mode, c):
    cfg = Pool2dConfig.make(c["hw"], c["k"], c["s"], c["p"], c["d"], c["ceil"])
    setup = Setup(cfg.input, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation, ceil_mode=c["ceil"])
    claim = builtin_claims([f"pool-{mode}"], setup)[0]
    kernel = K.generate(f"{mode}_pool2d_backward", cfg)
    assert kernel.form == claim.form
    assert kernel.proof.startswith("holds: ")
    if max(c["hw"]) <= 6:
        assert claim.check().verdict == HOLDS


def test_reduced_configuration_keeps_the_form():
    for c in CONVS:
        cfg = conv_cfg(c)
        small = K.reduced_conv(cfg)
        assert small.input[0] <= cfg.input[0] and small.input[1] <= cfg.input[1]
        for name in ("conv2d_input", "conv2d_weight"):
            spec = K.KERNELS[name]
            assert spec.form(K._layer(spec, small)) == spec.form(K._layer(spec, cfg))


def test_a_claim_that_does_not_hold_makes_no_kernel(monkeypatch):
    wrong = K.Spec("seed_weight", K.CONV2D, "conv-weight-seed", lambda L: L.seed_weight_form(),
                   (DELTA, A), "the founding document's ∂J/∂W as written (refuted)")
    monkeypatch.setitem(K.KERNELS, "seed_weight", wrong)
    with pytest.raises(K.KernelProofError, match="does not hold"):
        K.generate("seed_weight", Conv2dConfig.make((3, 3), 2))
    assert K.generate("seed_weight", Conv2dConfig.make((3, 3), 2), prove=False).proof is None


def test_proof_on_generation_is_skipped_or_reported_where_it_cannot_run():
    big = K.generate("max_pool2d_backward", Pool2dConfig.make((8, 8), 4, 2))
    assert big.proof.startswith("skipped: pool-max with a 4x4 window")
    # a window wholly in the padding (H=1, k=2, p=1, d=2): the kernel is still made and
    # routes that window's δ nowhere (the closed form's reading; torch uses a bogus index)
    args = ((2, 3), (1, 3), (1, 0), (2, 1))
    kernel = K.generate("max_pool2d_backward", Pool2dConfig.make((1, 3), *args))
    assert kernel.proof.startswith(("holds", "not proved"))
    x = np.random.default_rng(13).standard_normal((2, 1, 1, 3))
    assert (K.max_pool2d_backward(np.ones((2, 1, 1, 1)), x, *args) == 0).all()
    assert (K.max_pool2d(x, *args) == -np.inf).all()


# ---------------------------------------------------------------------------
# against PyTorch autograd (float64, atol 1e-10)
# ---------------------------------------------------------------------------

def t(a, grad=False):
    return torch.from_numpy(np.ascontiguousarray(a)).requires_grad_(grad)


@needs_torch
def test_conv_kernels_match_torch_autograd():
    rng = np.random.default_rng(1)
    for c in CONVS:
        x = rng.standard_normal((c["N"], c["C"]) + c["hw"])
        w = rng.standard_normal((c["O"], c["C"] // c["G"]) + c["k"])
        b = rng.standard_normal(c["O"])
        xt, wt, bt = t(x, True), t(w, True), t(b, True)
        y = F.conv2d(xt, wt, bt, *conv_args(c))
        close(K.conv2d(x, w, b, *conv_args(c)), y)
        close(K.conv2d(x, w, None, *conv_args(c)), y - bt[:, None, None])
        g = rng.standard_normal(tuple(y.shape))
        y.backward(t(g))
        close(K.conv2d_input(x.shape, w, g, *conv_args(c)), xt.grad)
        close(K.conv2d_weight(x, w.shape, g, *conv_args(c)), wt.grad)
        close(K.conv2d_bias(g), bt.grad)


def test_fused_kernels_equal_the_unfused_composition():
    # integer-valued inputs: both orders of summation are exact, so equality is exact
    rng = np.random.default_rng(2)
    for c in CONVS[:60]:
        cfg = conv_cfg(c)
        x = rng.integers(-3, 4, (c["N"], c["C"]) + c["hw"]).astype(np.float64)
        w = rng.integers(-3, 4, (c["O"], c["C"] // c["G"]) + c["k"]).astype(np.float64)
        g = rng.integers(-3, 4, (c["N"], c["O"]) + cfg.output).astype(np.float64)
        for name, args in (("conv2d_input", (g, w)), ("conv2d_weight", (x, g)),
                           ("conv2d_nobias", (x, w))):
            fused = K.generate(name, cfg, prove=False)(*args)
            plain = K.generate(name, cfg, fuse=False, prove=False)(*args)
            np.testing.assert_array_equal(fused, plain)


def max_pool_check(x, c, rng, dtype=np.float64):
    args = (c["k"], c["s"], c["p"], c["d"], c["ceil"])
    xt = t(x, True)
    y = F.max_pool2d(xt, *args)
    close(K.max_pool2d(x, *args), y)
    if has_empty_window(c, tuple(y.shape[-2:])):
        return
    g = rng.standard_normal(tuple(y.shape)).astype(dtype)
    y.backward(t(g))
    close(K.max_pool2d_backward(g, x, *args), xt.grad)


@needs_torch
def test_max_pool_kernels_match_torch_including_ties():
    rng = np.random.default_rng(3)
    for c in MAXPOOLS:
        max_pool_check(rng.standard_normal(c["shape"]), c, rng)
        # integer-valued: exact ties inside and across overlapping windows
        max_pool_check(rng.integers(0, 3, c["shape"]).astype(np.float64), c, rng)


@needs_torch
def test_avg_pool_kernels_match_torch():
    rng = np.random.default_rng(4)
    for i, c in enumerate(AVGPOOLS):
        cip, div = ((True, None), (False, None), (True, 3), (False, 2))[i % 4]
        args = (c["k"], c["s"], c["p"], c["ceil"], cip, div)
        x = rng.standard_normal(c["shape"])
        xt = t(x, True)
        y = F.avg_pool2d(xt, *args)
        close(K.avg_pool2d(x, *args), y)
        g = rng.standard_normal(tuple(y.shape))
        y.backward(t(g))
        close(K.avg_pool2d_backward(g, x.shape, *args), xt.grad)


@needs_torch
def test_defaults_follow_torch():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 3, 7, 6))
    w = rng.standard_normal((4, 3, 2, 2))
    close(K.conv2d(x, w), F.conv2d(t(x), t(w)))
    g = rng.standard_normal((2, 4, 6, 5))
    close(K.conv2d_input(x.shape, w, g), torch.nn.grad.conv2d_input(x.shape, t(w), t(g)))
    close(K.conv2d_weight(x, w.shape, g), torch.nn.grad.conv2d_weight(t(x), w.shape, t(g)))
    close(K.max_pool2d(x, (2, 3)), F.max_pool2d(t(x), (2, 3)))     # stride = kernel_size
    close(K.avg_pool2d(x, 2), F.avg_pool2d(t(x), 2))
    close(K.conv2d_input(torch.Size(x.shape), w, g), torch.nn.grad.conv2d_input(x.shape, t(w), t(g)))


# ---------------------------------------------------------------------------
# finite differences (float64, central differences on a scalar loss)
# ---------------------------------------------------------------------------

def central_diff(loss, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        old = x[i]
        x[i] = old + eps
        up = loss(x)
        x[i] = old - eps
        down = loss(x)
        x[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("c", [
    dict(N=2, C=2, O=4, G=2, k=(3, 2), s=(2, 1), p=(1, 0), d=(1, 2), hw=(6, 5)),
    dict(N=1, C=3, O=2, G=1, k=(2, 3), s=(3, 2), p=(2, 1), d=(2, 1), hw=(7, 6)),
])
def test_conv_gradients_match_finite_differences(c):
    rng = np.random.default_rng(6)
    x = rng.standard_normal((c["N"], c["C"]) + c["hw"])
    w = rng.standard_normal((c["O"], c["C"] // c["G"]) + c["k"])
    b = rng.standard_normal(c["O"])

    def J(x, w, b):
        return float(np.sin(K.conv2d(x, w, b, *conv_args(c))).sum())

    delta = np.cos(K.conv2d(x, w, b, *conv_args(c)))      # ∂J/∂z
    close(K.conv2d_input(x.shape, w, delta, *conv_args(c)),
          central_diff(lambda v: J(v, w, b), x.copy()), atol=1e-7)
    close(K.conv2d_weight(x, w.shape, delta, *conv_args(c)),
          central_diff(lambda v: J(x, v, b), w.copy()), atol=1e-7)
    close(K.conv2d_bias(delta), central_diff(lambda v: J(x, w, v), b.copy()), atol=1e-7)


def test_pool_gradients_match_finite_differences():
    rng = np.random.default_rng(7)
    x = rng.permutation(2 * 2 * 7 * 6).reshape(2, 2, 7, 6) / 10.0    # distinct: no near-ties
    for args in (((3, 2), (2, 1), (1, 1), (1, 2), True), (2, 2, 0, 1, False)):
        delta = np.cos(K.max_pool2d(x, *args))
        close(K.max_pool2d_backward(delta, x, *args),
              central_diff(lambda v: float(np.sin(K.max_pool2d(v, *args)).sum()), x.copy()),
              atol=1e-7)
    for args in (((3, 2), (2, 1), (1, 1), True, False, None), (3, 2, 1, False, True, 4)):
        delta = np.cos(K.avg_pool2d(x, *args))
        close(K.avg_pool2d_backward(delta, x.shape, *args),
              central_diff(lambda v: float(np.sin(K.avg_pool2d(v, *args)).sum()), x.copy()),
              atol=1e-7)


# ---------------------------------------------------------------------------
# dtypes, NaN/inf, bad input
# ---------------------------------------------------------------------------

@needs_torch
def test_float32_and_float64_are_preserved():
    rng = np.random.default_rng(8)
    for dtype in (np.float32, np.float64):
        x = rng.standard_normal((2, 4, 7, 7)).astype(dtype)
        w = rng.standard_normal((6, 2, 3, 3)).astype(dtype)
        b = rng.standard_normal(6).astype(dtype)
        y = K.conv2d(x, w, b, 2, 1, 1, 2)
        g = rng.standard_normal(y.shape).astype(dtype)
        outs = [y, K.conv2d_input(x.shape, w, g, 2, 1, 1, 2), K.conv2d_weight(x, w.shape, g, 2, 1, 1, 2),
                K.conv2d_bias(g), K.max_pool2d(x, 3, 2, 1), K.avg_pool2d(x, 3, 2, 1),
                K.max_pool2d_backward(K.max_pool2d(x, 2), x, 2),
                K.avg_pool2d_backward(K.avg_pool2d(x, 2), x.shape, 2)]
        assert all(o.dtype == dtype for o in outs), [o.dtype for o in outs]
    ref = torch.nn.grad.conv2d_input(x.shape, t(w.astype(np.float32)), t(g.astype(np.float32)),
                                     2, 1, 1, 2)
    close(K.conv2d_input(x.shape, w.astype(np.float32), g.astype(np.float32), 2, 1, 1, 2), ref,
          atol=1e-4)


@needs_torch
@pytest.mark.parametrize("stride", [1, 2])
def test_nan_and_inf_in_grad_output_propagate_like_torch(stride):
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 4, 8, 7))
    w = rng.standard_normal((4, 2, 3, 3))
    y = F.conv2d(t(x), t(w), None, stride, 1, 1, 2)
    g = rng.standard_normal(tuple(y.shape))
    g[0, 1, 2, 3] = np.nan
    g[1, 3, 0, 0] = np.inf
    g[1, 2, -1, -1] = -np.inf
    for ours, ref in (
            (K.conv2d_input(x.shape, w, g, stride, 1, 1, 2),
             torch.nn.grad.conv2d_input(x.shape, t(w), t(g), stride, 1, 1, 2)),
            (K.conv2d_weight(x, w.shape, g, stride, 1, 1, 2),
             torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), stride, 1, 1, 2)),
            (K.conv2d_bias(g), t(g).sum((0, 2, 3)))):
        ref = ref.numpy()
        np.testing.assert_array_equal(np.isnan(ours), np.isnan(ref))
        np.testing.assert_array_equal(np.isinf(ours), np.isinf(ref))
        close(ours, ref)


@needs_torch
def test_nan_in_max_pool_input_and_grad_output_propagates_like_torch():
    rng = np.random.default_rng(10)
    for c in MAXPOOLS[:60]:
        x = rng.integers(0, 3, c["shape"]).astype(np.float64)
        x[rng.random(x.shape) < 0.2] = np.nan
        x[rng.random(x.shape) < 0.1] = np.inf
        max_pool_check(x, c, rng)
    x = rng.standard_normal((1, 2, 6, 6))
    g = rng.standard_normal((1, 2, 3, 3))
    g[0, 0, 1, 1] = np.nan
    xt = t(x, True)
    F.max_pool2d(xt, 2).backward(t(g))
    ours = K.max_pool2d_backward(g, x, 2)
    assert np.isnan(ours).sum() == 1
    close(ours, xt.grad)


def test_bad_input_raises_value_error_naming_the_argument():
    x = np.zeros((2, 4, 6, 6))
    w = np.zeros((6, 2, 3, 3))
    g = np.zeros((2, 6, 4, 4))
    cases = [
        (lambda: K.conv2d_input(x.shape, w, np.zeros((2, 6, 5, 4)), 1, 0, 1, 2), "grad_output"),
        (lambda: K.conv2d_input(x.shape, w, np.zeros((2, 5, 4, 4)), 1, 0, 1, 2), "grad_output"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1, 1), "weight has 2 input channels per group"),
        (lambda: K.conv2d_input((2, 4, 6), w, g, 1, 0, 1, 2), "input_size"),
        (lambda: K.conv2d_input(x.shape, w, g.astype(np.int64), 1, 0, 1, 2), "grad_output must be float32"),
        (lambda: K.conv2d_input(x.shape, w.astype(complex), g, 1, 0, 1, 2), "weight must be float32"),
        (lambda: K.conv2d_input(x.shape, w.astype(object), g, 1, 0, 1, 2), "weight must be float32"),
        (lambda: K.conv2d_input(x.shape, w.astype(np.float32), g, 1, 0, 1, 2), "weight is float32"),
        (lambda: K.conv2d_input(x.shape, w[0], g, 1, 0, 1, 2), "weight must be 4-D"),
        (lambda: K.conv2d_input((2, 4, 2, 2), w, g, 1, 0, 1, 2), r"weight's 3x3 kernel .* larger than "
                                                                r"the padded input 2x2"),
        (lambda: K.conv2d_input(x.shape, w, g, 0, 0, 1, 2), "stride must be >= 1"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, -1, 1, 2), "padding must be >= 0"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1.5, 2), "dilation must be an int"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1, 0), "groups must be a positive int"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1, 3), "not divisible by groups=3"),
        (lambda: K.conv2d_weight(x, (6, 2, 3), g, 1, 0, 1, 2), "weight_size"),
        (lambda: K.conv2d_weight(x, (6, 2, 7, 7), g, 1, 0, 1, 2), "weight_size's 7x7 kernel"),
        (lambda: K.conv2d_weight(x.astype(np.int32), w.shape, g, 1, 0, 1, 2), "input must be float32"),
        (lambda: K.conv2d_weight(x[:1], w.shape, g, 1, 0, 1, 2), "grad_output has shape"),
        (lambda: K.conv2d_bias(g[0]), "grad_output must be 4-D"),
        (lambda: K.conv2d(x, w, np.zeros(5), 1, 0, 1, 2), "bias has 5 entries"),
        (lambda: K.conv2d(x, w, np.zeros((6, 1)), 1, 0, 1, 2), "bias must be 1-D"),
        (lambda: K.conv2d(x, w, np.zeros(6, np.float32), 1, 0, 1, 2), "bias is float32"),
        (lambda: K.conv2d(x, np.zeros((6, 2, 9, 3)), None, 1, 1, 1, 2), "weight's 9x3 kernel"),
        (lambda: K.max_pool2d(x, 3, 1, 2), "padding 2x2 must be at most half the kernel_size"),
        (lambda: K.max_pool2d(x, 7), "kernel_size 7x7 .* larger than the padded input"),
        (lambda: K.max_pool2d(x, 0), "kernel_size must be >= 1"),
        (lambda: K.max_pool2d(x.astype(np.int64), 2), "input must be float32"),
        (lambda: K.max_pool2d_backward(np.zeros((2, 4, 2, 2)), x, 2), "grad_output has shape"),
        (lambda: K.max_pool2d_backward(np.zeros((2, 4, 3, 3), np.float32), x, 2), "grad_output is float32"),
        (lambda: K.avg_pool2d(x, 2, divisor_override=0), "divisor_override"),
        (lambda: K.avg_pool2d_backward(np.zeros((2, 4, 3, 3)), (2, 4, 6), 2), "input_size"),
        (lambda: K.avg_pool2d_backward(np.zeros((2, 4, 2, 3)), x.shape, 2), "grad_output has shape"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1, 2, backend="cuda"), "backend must be one of"),
        (lambda: K.conv2d_input(x.shape, w, g, 1, 0, 1, 2, backend="torch"), "torch.Tensor"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message):
            call()


# ---------------------------------------------------------------------------
# other backends, no-torch import, unrolled baseline, CLI
# ---------------------------------------------------------------------------

@needs_torch
def test_torch_backend_matches_numpy():
    assert "torch" in K.backends()
    rng = np.random.default_rng(11)
    for c in CONVS[:60]:
        x = rng.standard_normal((c["N"], c["C"]) + c["hw"])
        w = rng.standard_normal((c["O"], c["C"] // c["G"]) + c["k"])
        b = rng.standard_normal(c["O"])
        y = K.conv2d(x, w, b, *conv_args(c))
        g = rng.standard_normal(y.shape)
        close(K.conv2d(t(x), t(w), t(b), *conv_args(c), backend="torch"), y)
        close(K.conv2d_input(x.shape, t(w), t(g), *conv_args(c), backend="torch"),
              K.conv2d_input(x.shape, w, g, *conv_args(c)))
        close(K.conv2d_weight(t(x), w.shape, t(g), *conv_args(c), backend="torch"),
              K.conv2d_weight(x, w.shape, g, *conv_args(c)))
        close(K.conv2d_bias(t(g), backend="torch"), K.conv2d_bias(g))
        cfg = conv_cfg(c)   # the unfused torch chain too
        close(K.generate("conv2d_input", cfg, "torch", fuse=False, prove=False)(t(g), t(w)),
              K.conv2d_input(x.shape, w, g, *conv_args(c)))
    for c in MAXPOOLS[:40]:
        x = rng.integers(0, 3, c["shape"]).astype(np.float64)
        args = (c["k"], c["s"], c["p"], c["d"], c["ceil"])
        y = K.max_pool2d(x, *args)
        g = rng.standard_normal(y.shape)
        close(K.max_pool2d(t(x), *args, backend="torch"), y)
        close(K.max_pool2d_backward(t(g), t(x), *args, backend="torch"),
              K.max_pool2d_backward(g, x, *args))
    for c in AVGPOOLS[:40]:
        x = rng.standard_normal(c["shape"])
        args = (c["k"], c["s"], c["p"], c["ceil"], c["ceil"], 3 if c["ceil"] else None)
        y = K.avg_pool2d(x, *args)
        g = rng.standard_normal(y.shape)
        close(K.avg_pool2d(t(x), *args, backend="torch"), y)
        close(K.avg_pool2d_backward(t(g), x.shape, *args, backend="torch"),
              K.avg_pool2d_backward(g, x.shape, *args))
    out = K.conv2d_input((1, 2, 5, 5), t(np.ones((2, 2, 3, 3), np.float32)),
                         t(np.ones((1, 2, 3, 3), np.float32)), backend="torch")
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float32


def test_imports_and_runs_without_torch():
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "import numpy as np, symbp.kernels as K\n"
        "assert K.backends() == ['numpy']\n"
        "g = np.ones((1, 2, 3, 3)); w = np.ones((2, 1, 3, 3))\n"
        "print(K.conv2d_input((1, 1, 5, 5), w, g, 2, 1).sum(), K.conv2d_bias(g).tolist())\n"
        "try:\n"
        "    K.conv2d_input((1, 1, 5, 5), w, g, 2, 1, backend='torch')\n"
        "except ValueError as e:\n"
        "    print('torch:', e)\n"
        "assert 'torch' not in sys.modules or sys.modules['torch'] is None\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "[9.0, 9.0]" in out.stdout and "torch: backend 'torch' is not available" in out.stdout


def test_unrolled_lambdify_agrees_on_a_small_configuration():
    cfg = Conv2dConfig.make((5, 4), (3, 2), (2, 1), 1, 1, (2, 2), 1, 2)
    rng = np.random.default_rng(12)
    w = rng.standard_normal((2, 2, 3, 2))
    g = rng.standard_normal((2, 2) + cfg.output)
    x = rng.standard_normal((2, 2, 5, 4))
    close(K.unrolled("conv2d_input", cfg, batch=2)(g, w), K.generate("conv2d_input", cfg)(g, w))
    close(K.unrolled("conv2d_weight", cfg, batch=2)(x, g), K.generate("conv2d_weight", cfg)(x, g))
    with pytest.raises(ValueError, match="argmax"):
        K.unrolled("max_pool2d_backward", Pool2dConfig.make((4, 4), 2))


def test_cli_shows_the_generated_source(capsys):
    from symbp.cli import main
    assert main(["kernels", "--show", "conv2d_input", "--input", "6x6", "--kernel", "3x3",
                 "--stride", "2", "--padding", "1", "--prove"]) == 0
    out = capsys.readouterr().out
    assert "def conv2d_input(delta, W):" in out
    assert "transposed_correlate(delta, W, stride=(2, 2), padding=(1, 2, 1, 2)" in out
    assert "# unfused: correlate(pad(dilate(delta, 2, 2), 1, 2, 1, 2), rot180(W)" in out
    assert "# proof: holds: conv-input at" in out
    assert main(["kernels", "--show", "avg_pool2d_backward", "--input", "5x5", "--kernel", "3x3",
                 "--stride", "2", "--padding", "1", "--ceil-mode", "--unfused"]) == 0
    assert "avg_pool2d_scatter(delta, (5, 5), (3, 3), (2, 2), (1, 1), True, True, None)" \
        in capsys.readouterr().out
    assert main(["kernels"]) == 0
    out = capsys.readouterr().out
    assert "conv2d_weight" in out
    from symbp.kernels import native
    assert out.rstrip().endswith(f"numpy backend primitives: {native.describe()}")
    assert main(["kernels", "--show", "nope"]) == 2
    assert "unknown kernel 'nope'" in capsys.readouterr().err
