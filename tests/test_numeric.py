"""symbp.kernels.numeric against PyTorch (float64, atol 1e-10) plus dtype/object/error checks."""

import itertools

import numpy as np
import pytest
import sympy as sp
from configs import conv_configs, pool_configs

from symbp.kernels import native
from symbp.kernels import numeric as nm
from symbp.kernels import numeric_blocks

torch = pytest.importorskip("torch")
F = torch.nn.functional
torch.set_num_threads(1)  # tiny ops: OpenMP spin-up would dominate the runtime

ATOL = 1e-10


@pytest.fixture(autouse=True, params=["direct", "im2col"])
def conv_path(request):
    """Every test runs twice: with symbp's C loops where they apply (skipped when
    they were not built) and with the numpy im2col + GEMM paths only."""
    if request.param == "direct" and not native.available():
        pytest.skip("symbp.kernels._direct was not built")
    before = native._on[0]
    native.set_enabled(request.param == "direct")
    yield request.param
    native.set_enabled(before)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def close(ours, ref, atol=ATOL):
    ref = ref.detach().numpy() if isinstance(ref, torch.Tensor) else ref
    assert ours.shape == ref.shape, (ours.shape, ref.shape)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=atol, equal_nan=True)


# ---------------------------------------------------------------------------
# randomized convolution configurations (tests/configs.py)
# ---------------------------------------------------------------------------

def make(cfg, rng, dtype=np.float64):
    x = rng.standard_normal((cfg["N"], cfg["C"]) + cfg["hw"]).astype(dtype)
    w = rng.standard_normal((cfg["O"], cfg["C"] // cfg["G"]) + cfg["k"]).astype(dtype)
    return x, w


def out_hw(cfg):
    return tuple(nm.conv_output_size(cfg["hw"][i], cfg["k"][i], cfg["s"][i], cfg["p"][i], cfg["d"][i])
                 for i in range(2))


CONVS = conv_configs(1000, seed=1234)


def test_correlate_matches_conv2d():
    rng = np.random.default_rng(0)
    for cfg in CONVS:
        x, w = make(cfg, rng)
        (ph, pw) = cfg["p"]
        ours = nm.correlate(nm.pad(x, ph, ph, pw, pw), w, cfg["s"], cfg["d"], cfg["G"])
        ref = F.conv2d(t(x), t(w), None, cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        close(ours, ref)


def grad_input_composition(g, w, cfg):
    """dilate δ by the stride, pad by transpose_padding, correlate with
    swap_io(dilate(rot180(w), d))."""
    (sh, sw), (dh, dw) = cfg["s"], cfg["d"]
    H, W = cfg["hw"]
    kh, kw = cfg["k"]
    bh, ah = nm.transpose_padding(H, kh, sh, cfg["p"][0], dh)
    bw, aw = nm.transpose_padding(W, kw, sw, cfg["p"][1], dw)
    gp = nm.pad(nm.dilate(g, sh, sw), bh, ah, bw, aw)
    wt = nm.swap_io(nm.dilate(nm.rot180(w), dh, dw), cfg["G"])
    return nm.correlate(gp, wt, 1, 1, cfg["G"])


def test_transposed_composition_matches_conv2d_input():
    rng = np.random.default_rng(1)
    for cfg in CONVS:
        x, w = make(cfg, rng)
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        ours = grad_input_composition(g, w, cfg)
        ref = torch.nn.grad.conv2d_input(x.shape, t(w), t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        close(ours, ref)


def test_weight_correlate_matches_conv2d_weight():
    rng = np.random.default_rng(2)
    for cfg in CONVS:
        x, w = make(cfg, rng)
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        (ph, pw), (sh, sw) = cfg["p"], cfg["s"]
        ours = nm.weight_correlate(nm.pad(x, ph, ph, pw, pw), nm.dilate(g, sh, sw), cfg["k"],
                                   cfg["d"], cfg["G"])
        ref = torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        close(ours, ref)


def test_channel_sum_matches_bias_grad():
    rng = np.random.default_rng(3)
    for cfg in CONVS[:40]:
        x, w = make(cfg, rng)
        b = torch.zeros(cfg["O"], dtype=torch.float64, requires_grad=True)
        y = F.conv2d(t(x), t(w), b, cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        g = rng.standard_normal(tuple(y.shape))
        y.backward(t(g))
        close(nm.channel_sum(g), b.grad)


@pytest.mark.parametrize("chunk,max_block", [(1, 1), (1, 700), (5000, 5000), (1 << 20, 1 << 24)])
def test_blocked_gemm_paths(monkeypatch, chunk, max_block):
    # one image split into column/row ranges (max_block small), one image per
    # block, several images per block; results must not change
    monkeypatch.setattr(numeric_blocks, "_CHUNK_BYTES", chunk)
    monkeypatch.setattr(numeric_blocks, "_MAX_BLOCK_BYTES", max_block)
    rng = np.random.default_rng(8)
    for cfg in CONVS[:80]:
        x, w = make(cfg, rng)
        (ph, pw), (sh, sw) = cfg["p"], cfg["s"]
        xp = nm.pad(x, ph, ph, pw, pw)
        padding = (ph, ph, pw, pw)
        y = F.conv2d(t(x), t(w), None, cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        close(nm.correlate(xp, w, cfg["s"], cfg["d"], cfg["G"]), y)
        close(nm.correlate(x, w, cfg["s"], cfg["d"], cfg["G"], padding=padding), y)
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        close(grad_input_composition(g, w, cfg),
              torch.nn.grad.conv2d_input(x.shape, t(w), t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"]))
        ref = torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"])
        gd = nm.dilate(g, sh, sw)
        close(nm.weight_correlate(xp, gd, cfg["k"], cfg["d"], cfg["G"]), ref)
        close(nm.weight_correlate(x, g, cfg["k"], cfg["d"], cfg["G"], cfg["s"], padding), ref)
        close(nm._weight_correlate_rows(xp, gd, cfg["k"], cfg["d"], cfg["G"], (0, 0, 0, 0)), ref)
        close(nm._weight_correlate_rows(x, gd, cfg["k"], cfg["d"], cfg["G"], padding), ref)
        if (sh, sw) == (1, 1):
            close(nm._weight_correlate_flat(x, g, cfg["k"], cfg["d"], cfg["G"], padding), ref)


def test_correlate_integer_and_mixed_dtypes():
    rng = np.random.default_rng(9)
    x = rng.integers(-3, 4, (2, 4, 6, 5))
    w = rng.integers(-3, 4, (2, 2, 3, 2))
    y = nm.correlate(x, w, (2, 1), 1, 2)
    assert y.dtype == x.dtype
    np.testing.assert_array_equal(y, nm.correlate(x.astype(float), w.astype(float), (2, 1), 1, 2))
    assert nm.correlate(x.astype(np.float32), w.astype(np.float64), 1, 1, 2).dtype == np.float64


def test_gradients_of_strided_conv_with_unreached_rows():
    # 8 = 2*3 + 2: stride 3 leaves r = 2 trailing rows no window reaches
    rng = np.random.default_rng(4)
    cfg = dict(N=2, C=4, O=2, G=2, k=(2, 3), s=(3, 2), p=(0, 1), d=(1, 2), hw=(8, 9))
    x, w = make(cfg, rng)
    g = rng.standard_normal((2, 2) + out_hw(cfg))
    assert nm.transpose_padding(8, 2, 3, 0, 1) == (1, 1 + (8 - 1 - 1) % 3)
    close(grad_input_composition(g, w, cfg),
          torch.nn.grad.conv2d_input(x.shape, t(w), t(g), cfg["s"], cfg["p"], cfg["d"], 2))
    close(nm.weight_correlate(nm.pad(x, 0, 0, 1, 1), nm.dilate(g, 3, 2), (2, 3), (1, 2), 2),
          torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), cfg["s"], cfg["p"], cfg["d"], 2))


def test_transpose_padding_crops_when_padding_exceeds_kernel():
    before, after = nm.transpose_padding(5, 2, 1, 2, 1)
    assert (before, after) == (-1, -1)
    rng = np.random.default_rng(5)
    cfg = dict(N=1, C=2, O=3, G=1, k=(2, 2), s=(1, 1), p=(2, 2), d=(1, 1), hw=(5, 5))
    x, w = make(cfg, rng)
    g = rng.standard_normal((1, 3) + out_hw(cfg))
    close(grad_input_composition(g, w, cfg),
          torch.nn.grad.conv2d_input(x.shape, t(w), t(g), 1, 2, 1, 1))


def test_larger_sizes_and_float32():
    rng = np.random.default_rng(6)
    x = rng.standard_normal((3, 6, 17, 20)).astype(np.float32)
    w = rng.standard_normal((8, 3, 3, 5)).astype(np.float32)
    for s in (1, 2):
        ours = nm.correlate(x, w, s, (2, 1), 2)
        assert ours.dtype == np.float32
        close(ours, F.conv2d(t(x), t(w), None, s, 0, (2, 1), 2), atol=1e-4)
    g = rng.standard_normal((3, 8, 13, 16)).astype(np.float32)
    dw = nm.weight_correlate(x, g, (3, 5), (2, 1), 2)
    assert dw.dtype == np.float32
    close(dw, torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), 1, 0, (2, 1), 2), atol=1e-3)


def test_non_finite_values_propagate_like_torch():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 2, 7, 8))
    x[0, 1, 3, 6] = np.inf
    x[1, 0, 0, 0] = np.nan
    x[1, 1, 6, 7] = -np.inf
    w = rng.standard_normal((3, 2, 3, 3))
    close(nm.correlate(x, w), F.conv2d(t(x), t(w)))
    g = rng.standard_normal((2, 3, 5, 6))
    ours = nm.weight_correlate(x, g, 3)
    ref = torch.nn.grad.conv2d_weight(t(x), w.shape, t(g))
    np.testing.assert_array_equal(np.isnan(ours), torch.isnan(ref).numpy())
    close(ours, ref)


# ---------------------------------------------------------------------------
# sizes
# ---------------------------------------------------------------------------

def test_conv_output_size_and_transpose_padding():
    for size, k, s, p, d in itertools.product(range(1, 10), range(1, 4), range(1, 4), range(3), (1, 2)):
        if size + 2 * p < d * (k - 1) + 1:
            with pytest.raises(ValueError, match="larger than the padded input"):
                nm.conv_output_size(size, k, s, p, d)
            continue
        ho = nm.conv_output_size(size, k, s, p, d)
        assert ho == (size + 2 * p - d * (k - 1) - 1) // s + 1
        before, after = nm.transpose_padding(size, k, s, p, d)
        # dilated δ padded back to the input size plus the kernel extent
        assert (ho - 1) * s + 1 + before + after == size + d * (k - 1)
        assert before == d * (k - 1) - p


def test_pool_output_size_matches_torch():
    x = torch.zeros(1, 1, 12, 12)
    for size, k, s, p, d, ceil in itertools.product(range(1, 10), range(1, 5), range(1, 4), range(3),
                                                   (1, 2), (False, True)):
        if p > k // 2:
            continue
        xi = x[..., :size, :size]
        try:
            ref = F.max_pool2d(xi, k, s, p, d, ceil).shape[-1]
        except RuntimeError:
            ref = None
        if ref is None or ref < 1:
            with pytest.raises(ValueError):
                nm.pool_output_size(size, k, s, p, d, ceil)
        else:
            assert nm.pool_output_size(size, k, s, p, d, ceil) == ref, (size, k, s, p, d, ceil)


# ---------------------------------------------------------------------------
# pooling
# ---------------------------------------------------------------------------



def test_avg_pool_forward_and_scatter_match_torch():
    rng = np.random.default_rng(10)
    for cfg in pool_configs(300, 11, dilation=False):
        x = rng.standard_normal(cfg["shape"])
        for cip, div in ((True, None), (False, None), (True, 3), (False, 2)):
            args = (cfg["k"], cfg["s"], cfg["p"], cfg["ceil"], cip, div)
            xt = t(x).requires_grad_(True)
            y = F.avg_pool2d(xt, *args)
            close(nm.avg_pool2d(x, *args), y)
            g = rng.standard_normal(tuple(y.shape))
            y.backward(t(g))
            close(nm.avg_pool2d_scatter(g, cfg["hw"], *args), xt.grad)


def test_avg_pool_ceil_mode_window_past_padding():
    # 5 wide, k=3, s=2, p=1, ceil: the last window runs past the right padding,
    # so its count_include_pad divisor is 2 (clipped to size + p), not 3
    x = np.arange(25, dtype=np.float64).reshape(1, 1, 5, 5)
    for cip in (True, False):
        ref = F.avg_pool2d(t(x), 3, 2, 1, True, cip)
        close(nm.avg_pool2d(x, 3, 2, 1, True, cip), ref)
    assert nm.avg_pool2d(x, 2, 2, 0, True).shape == (1, 1, 3, 3)


def test_default_stride_is_kernel():
    x = np.random.default_rng(12).standard_normal((1, 2, 7, 6))
    close(nm.avg_pool2d(x, (2, 3)), F.avg_pool2d(t(x), (2, 3)))
    close(nm.max_pool2d(x, 2)[0], F.max_pool2d(t(x), 2))


def has_empty_window(cfg, out):
    """Some window has no tap inside the input (needs dilation > 1)."""
    for i in range(2):
        for o in range(out[i]):
            taps = [o * cfg["s"][i] - cfg["p"][i] + a * cfg["d"][i] for a in range(cfg["k"][i])]
            if not any(0 <= h < cfg["hw"][i] for h in taps):
                return True
    return False


def max_pool_check(x, cfg, rng):
    args = (cfg["k"], cfg["s"], cfg["p"], cfg["d"], cfg["ceil"])
    xt = t(x).requires_grad_(True)
    y, idx = F.max_pool2d(xt, *args, return_indices=True)
    v, i = nm.max_pool2d(x, *args)
    close(v, y)
    np.testing.assert_array_equal(i, idx.numpy())
    assert i.dtype == np.int64
    g = rng.standard_normal(tuple(y.shape))
    if has_empty_window(cfg, tuple(y.shape[-2:])):
        return  # torch's backward routes such windows through a bogus index
    y.backward(t(g))
    close(nm.max_pool2d_scatter(g, x, *args), xt.grad)


def test_max_pool_random_values_match_torch():
    rng = np.random.default_rng(20)
    for cfg in pool_configs(300, 21, dilation=True):
        max_pool_check(rng.standard_normal(cfg["shape"]), cfg, rng)


def test_max_pool_exact_ties_match_torch():
    # integer-valued inputs: many exact ties inside and across overlapping windows
    rng = np.random.default_rng(22)
    for cfg in pool_configs(400, 23, dilation=True):
        x = rng.integers(0, 3, cfg["shape"]).astype(np.float64)
        max_pool_check(x, cfg, rng)
    x = np.zeros((1, 1, 6, 6))
    max_pool_check(x, dict(k=(3, 3), s=(1, 1), p=(1, 1), d=(1, 1), ceil=False, hw=(6, 6)), rng)
    x = np.full((1, 1, 5, 5), -np.inf)
    max_pool_check(x, dict(k=(3, 3), s=(2, 2), p=(1, 1), d=(1, 1), ceil=True, hw=(5, 5)), rng)


def test_max_pool_window_wholly_in_padding():
    # H=1, k=2, p=1, d=2: the window rows are -1 and 1, both outside the input
    x = np.random.default_rng(26).standard_normal((2, 1, 1, 3))
    y, idx = F.max_pool2d(t(x), (2, 3), (1, 3), (1, 0), (2, 1), return_indices=True)
    v, i = nm.max_pool2d(x, (2, 3), (1, 3), (1, 0), (2, 1))
    close(v, y)
    np.testing.assert_array_equal(i, idx.numpy())
    assert (v == -np.inf).all()
    g = np.ones(v.shape)
    assert (nm.max_pool2d_scatter(g, x, (2, 3), (1, 3), (1, 0), (2, 1)) == 0).all()


def test_max_pool_tie_last_is_a_different_rule():
    x = np.ones((1, 1, 4, 4))
    g = np.ones((1, 1, 2, 2))
    first = nm.max_pool2d_scatter(g, x, 2)
    last = nm.max_pool2d_scatter(g, x, 2, tie="last")
    assert first[0, 0, 0, 0] == 1 and first[0, 0, 1, 1] == 0
    assert last[0, 0, 0, 0] == 0 and last[0, 0, 1, 1] == 1
    xt = t(x).requires_grad_(True)
    F.max_pool2d(xt, 2).backward(t(g))
    close(first, xt.grad)
    assert not np.allclose(last, xt.grad.numpy())


def test_max_pool_nan_matches_torch():
    rng = np.random.default_rng(24)
    for cfg in pool_configs(150, 25, dilation=True):
        x = rng.integers(0, 3, cfg["shape"]).astype(np.float64)
        x[rng.random(x.shape) < 0.2] = np.nan
        max_pool_check(x, cfg, rng)


# ---------------------------------------------------------------------------
# dtypes, object arrays, errors
# ---------------------------------------------------------------------------

def test_float32_is_preserved():
    rng = np.random.default_rng(30)
    x = rng.standard_normal((2, 4, 6, 7)).astype(np.float32)
    w = rng.standard_normal((4, 2, 3, 3)).astype(np.float32)
    g = rng.standard_normal((2, 4, 4, 5)).astype(np.float32)
    results = [
        nm.pad(x, 1, -1, 2, 0), nm.dilate(x, 2, 3), nm.rot180(x), nm.swap_io(w, 2),
        nm.correlate(x, w, 1, 1, 2), nm.correlate(x, w, 2, 1, 2), nm.weight_correlate(x, g, 3, 1, 2),
        nm.channel_sum(g), nm.avg_pool2d(x, 2), nm.avg_pool2d_scatter(g, (6, 7), 3, 1, 0),
        nm.max_pool2d(x, 3, 1, 1)[0], nm.max_pool2d_scatter(g, x, 3, 1, 0, (1, 1)),
    ]
    for r in results:
        assert r.dtype == np.float32


def test_index_ops_on_integer_arrays():
    x = np.arange(12).reshape(1, 3, 4)
    assert nm.pad(x, 1, 0, 0, -1).tolist() == [[[0, 0, 0], [0, 1, 2], [4, 5, 6], [8, 9, 10]]]
    assert nm.dilate(x, 2, 1).shape == (1, 5, 4) and nm.dilate(x, 2, 1).dtype == x.dtype
    assert nm.rot180(x)[0, 0].tolist() == [11, 10, 9, 8]


def test_index_ops_on_sympy_object_arrays():
    a = np.array(sp.symbols("a0:6"), dtype=object).reshape(1, 1, 2, 3)
    p = nm.pad(a, 1, 0, 0, -1)
    assert p.dtype == object and p.shape == (1, 1, 3, 2)
    assert p[0, 0].tolist() == [[0, 0], [a[0, 0, 0, 0], a[0, 0, 0, 1]], [a[0, 0, 1, 0], a[0, 0, 1, 1]]]
    assert all(isinstance(e, sp.Basic) for e in p.flat)  # the new zeros are sympy zeros
    d = nm.dilate(a, 2, 2)
    assert d.shape == (1, 1, 3, 5) and d[0, 0, 2, 4] == a[0, 0, 1, 2] and d[0, 0, 1, 1] == 0
    assert nm.rot180(a)[0, 0, 0, 0] == a[0, 0, 1, 2]
    w = np.array(sp.symbols("w0:24"), dtype=object).reshape(4, 3, 1, 2)
    s = nm.swap_io(w, 2)
    assert s.shape == (6, 2, 1, 2) and s.dtype == object
    # in group 1: s[3 + i, o] = w[2 + o, i]
    assert s[4, 1, 0, 1] == w[3, 1, 0, 1]


def test_pooling_on_object_and_integer_arrays():
    a = np.array(sp.symbols("a0:16"), dtype=object).reshape(1, 1, 4, 4)
    y = nm.avg_pool2d(a, 3, 1, 1, count_include_pad=False)
    corner = a[0, 0, :2, :2].sum() / 4  # the first window holds 4 input entries
    assert sp.simplify(y[0, 0, 0, 0] - corner) == 0
    g = np.array(sp.symbols("g0:4"), dtype=object).reshape(1, 1, 2, 2)
    back = nm.avg_pool2d_scatter(g, (4, 4), 2)
    assert back[0, 0, 3, 2] == g[0, 0, 1, 1] / 4
    xi = np.arange(16).reshape(1, 1, 4, 4)[..., ::-1]
    v, i = nm.max_pool2d(xi, 2, 1, 1)
    vt, it = F.max_pool2d(t(xi.astype(float)), 2, 1, 1, return_indices=True)
    assert v.dtype == xi.dtype
    np.testing.assert_array_equal(v, vt.numpy())
    np.testing.assert_array_equal(i, it.numpy())


def test_correlate_on_object_arrays():
    x = np.array(sp.symbols("x0:18"), dtype=object).reshape(1, 2, 3, 3)
    w = np.array(sp.symbols("w0:8"), dtype=object).reshape(1, 2, 2, 2)
    y = nm.correlate(x, w)
    assert y.shape == (1, 1, 2, 2) and y.dtype == object
    expected = sum(x[0, c, 1 + p, q] * w[0, c, p, q] for c in range(2) for p in range(2) for q in range(2))
    assert sp.expand(y[0, 0, 1, 0] - expected) == 0
    g = np.array(sp.symbols("g0:4"), dtype=object).reshape(1, 1, 2, 2)
    dw = nm.weight_correlate(x, g, 2)
    expected = sum(x[0, 1, 1 + yy, xx] * g[0, 0, yy, xx] for yy in range(2) for xx in range(2))
    assert sp.expand(dw[0, 1, 1, 0] - expected) == 0
    # numeric substitution agrees with the float path
    rng = np.random.default_rng(31)
    vals = {s: rng.standard_normal() for s in list(x.flat) + list(w.flat)}
    num = np.vectorize(lambda e: float(e.subs(vals)))(y)
    xf = np.vectorize(lambda e: vals[e])(x).astype(float)
    wf = np.vectorize(lambda e: vals[e])(w).astype(float)
    close(num, nm.correlate(xf, wf))


def test_error_messages():
    x = np.zeros((2, 4, 4, 4))
    with pytest.raises(ValueError, match="weight has 3 input channels per group but input has 4 "
                                         "channels and groups=1"):
        nm.correlate(x, np.zeros((2, 3, 3, 3)))
    with pytest.raises(ValueError, match=r"kernel 5x5 \(dilated 5x5\) is larger than the padded "
                                         r"input 4x4"):
        nm.correlate(x, np.zeros((2, 4, 5, 5)))
    with pytest.raises(ValueError, match=r"kernel 3x3 \(dilated 5x5\)"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), dilation=2)
    with pytest.raises(ValueError, match="input must be 4-D"):
        nm.correlate(np.zeros((4, 4, 4)), np.zeros((2, 4, 3, 3)))
    with pytest.raises(ValueError, match="not divisible by groups=3"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), groups=3)
    with pytest.raises(ValueError, match="stride must be >= 1"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), stride=0)
    with pytest.raises(ValueError, match="stride must be an int or a pair of ints"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), stride=(1, 2, 3))
    with pytest.raises(ValueError, match="dilation must be an int or a pair of ints"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), dilation=1.5)
    with pytest.raises(ValueError, match="batch size 3"):
        nm.weight_correlate(x, np.zeros((3, 2, 2, 2)), 3)
    with pytest.raises(ValueError, match="padding must be >= 0, got -1"):
        nm.correlate(x, np.zeros((2, 4, 3, 3)), padding=(1, -1, 0, 0))
    with pytest.raises(ValueError, match=r"padding must be \(top, bottom, left, right\)"):
        nm.weight_correlate(x, np.zeros((2, 2, 4, 4)), 3, padding=1)
    with pytest.raises(ValueError, match=r"kernel 3x3 \(dilated 3x3\) is larger than the padded "
                                         r"input 2x6"):
        nm.correlate(np.zeros((1, 4, 1, 4)), np.zeros((2, 4, 3, 3)), padding=(0, 1, 1, 1))
    with pytest.raises(ValueError, match="is smaller than kernel"):
        nm.weight_correlate(x, np.zeros((2, 2, 3, 3)), 3)
    with pytest.raises(ValueError, match="crops x"):
        nm.pad(x, -3, -2, 0, 0)
    with pytest.raises(ValueError, match="not divisible by groups=3"):
        nm.swap_io(np.zeros((4, 1, 3, 3)), 3)
    with pytest.raises(ValueError, match="padding 2x2 must be at most half the kernel size 3x3"):
        nm.max_pool2d(x, 3, 1, 2)
    with pytest.raises(ValueError, match="kernel_size must be >= 1"):
        nm.avg_pool2d(x, 0)
    with pytest.raises(ValueError, match="grad_output is 3x3"):
        nm.avg_pool2d_scatter(np.zeros((2, 4, 3, 3)), (4, 4), 2)
    with pytest.raises(ValueError, match="tie must be"):
        nm.max_pool2d_scatter(np.zeros((2, 4, 2, 2)), x, 2, tie="middle")
    with pytest.raises(ValueError, match="unsupported dtype"):
        nm.correlate(x.astype("U1"), np.zeros((2, 4, 3, 3)))
    with pytest.raises(ValueError, match="sh must be >= 1"):
        nm.dilate(x, 0)


def test_pair():
    assert nm.pair(3, "k") == (3, 3)
    assert nm.pair((2, 5), "k") == (2, 5)
    assert nm.pair(np.int64(2), "k") == (2, 2)
    for bad in (True, 1.0, (1,), (1, 2, 3), "3", None):
        with pytest.raises(ValueError, match="^k must be an int or a pair of ints"):
            nm.pair(bad, "k")


def test_no_torch_in_module():
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(nm))
    names = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
             for a in n.names}
    mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any("torch" in (m or "") for m in names | mods)


# ---------------------------------------------------------------------------
# fused primitives (printed by symbp.kernels for dilate-then-correlate patterns)
# ---------------------------------------------------------------------------

def transposed_args(cfg):
    (bh, ah), (bw, aw) = (nm.transpose_padding(cfg["hw"][i], cfg["k"][i], cfg["s"][i], cfg["p"][i],
                                               cfg["d"][i]) for i in range(2))
    return cfg["s"], (bh, ah, bw, aw), cfg["d"], cfg["G"]


@pytest.mark.parametrize("stride1", ["im2col", "col2im"])
def test_transposed_correlate_equals_the_unfused_composition(monkeypatch, stride1):
    monkeypatch.setattr(nm, "_TRANSPOSED_STRIDE1", stride1)
    rng = np.random.default_rng(40)
    for cfg in CONVS[:300]:
        x, w = make(cfg, rng)
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        ref = grad_input_composition(g, w, cfg)
        s, padding, d, G = transposed_args(cfg)
        close(nm.transposed_correlate(g, w, s, padding, d, G), ref)
        close(nm.transposed_correlate(g, nm.swap_io(w, G), s, padding, d, G, swap=False), ref)
    for cfg in CONVS[300:400]:   # integer-valued: exactly equal
        w = rng.integers(-3, 4, (cfg["O"], cfg["C"] // cfg["G"]) + cfg["k"]).astype(np.float64)
        g = rng.integers(-3, 4, (cfg["N"], cfg["O"]) + out_hw(cfg)).astype(np.float64)
        np.testing.assert_array_equal(nm.transposed_correlate(g, w, *transposed_args(cfg)),
                                      grad_input_composition(g, w, cfg))


def test_transposed_correlate_blocks_and_general_padding(monkeypatch):
    # row blocks of one image (tiny _MAX_BLOCK_BYTES) and paddings beyond the layer's
    # (zero rows added, crops larger than the kernel reach)
    rng = np.random.default_rng(41)
    g = rng.standard_normal((3, 4, 5, 6))
    w = rng.standard_normal((4, 3, 3, 2))
    for padding in ((2, 3, 1, 1), (0, 0, 0, 0), (-1, 2, 3, -1), (4, 4, 2, 5)):
        ref = nm.correlate(nm.pad(nm.dilate(g, 2, 3), *padding),
                           nm.swap_io(nm.dilate(nm.rot180(w), 1, 2), 1), 1, 1, 1)
        for chunk, max_block in ((1 << 20, 1 << 24), (1, 200)):
            monkeypatch.setattr(numeric_blocks, "_CHUNK_BYTES", chunk)
            monkeypatch.setattr(numeric_blocks, "_MAX_BLOCK_BYTES", max_block)
            close(nm.transposed_correlate(g, w, (2, 3), padding, (1, 2)), ref)


def test_strided_weight_correlate_equals_the_dilated_composition():
    rng = np.random.default_rng(42)
    for cfg in CONVS[:300]:
        x, _ = make(cfg, rng)
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        (ph, pw), (sh, sw) = cfg["p"], cfg["s"]
        xp = nm.pad(x, ph, ph, pw, pw)
        ref = nm.weight_correlate(xp, nm.dilate(g, sh, sw), cfg["k"], cfg["d"], cfg["G"])
        close(nm.weight_correlate(xp, g, cfg["k"], cfg["d"], cfg["G"], stride=cfg["s"]), ref)


def test_fused_primitives_keep_float32_and_object_arrays():
    rng = np.random.default_rng(43)
    g = rng.standard_normal((2, 4, 3, 3)).astype(np.float32)
    w = rng.standard_normal((4, 1, 3, 3)).astype(np.float32)
    x = rng.standard_normal((2, 2, 7, 7)).astype(np.float32)
    assert nm.transposed_correlate(g, w, 2, (2, 2, 2, 2), 1, 2).dtype == np.float32
    assert nm.weight_correlate(x, g, 3, 1, 2, stride=2).dtype == np.float32
    gs = np.array(sp.symbols("g0:8"), dtype=object).reshape(1, 2, 2, 2)
    ws = np.array(sp.symbols("w0:8"), dtype=object).reshape(2, 1, 2, 2)
    sym = nm.transposed_correlate(gs, ws, 2, (1, 1, 1, 1), 1, 1)
    vals = {s: rng.standard_normal() for s in list(gs.flat) + list(ws.flat)}
    num = np.vectorize(lambda e: float(sp.sympify(e).subs(vals)))(sym)
    gf = np.vectorize(lambda e: vals[e])(gs).astype(float)
    wf = np.vectorize(lambda e: vals[e])(ws).astype(float)
    close(num, nm.transposed_correlate(gf, wf, 2, (1, 1, 1, 1), 1, 1))


def test_add_bias():
    x = np.zeros((2, 3, 2, 2), np.float32)
    y = nm.add_bias(x, np.array([1.0, 2.0, 3.0]))
    assert y.dtype == np.float32 and y[1, 2, 1, 1] == 3
    with pytest.raises(ValueError, match="bias has 2 entries but input has 3 channels"):
        nm.add_bias(x, np.zeros(2))


def test_fused_primitive_errors():
    g = np.zeros((1, 4, 3, 3))
    with pytest.raises(ValueError, match="padding must be"):
        nm.transposed_correlate(g, np.zeros((4, 1, 3, 3)), 2, (1, 1))
    with pytest.raises(ValueError, match="weight has 2 output channels but grad_output has 4"):
        nm.transposed_correlate(g, np.zeros((2, 1, 3, 3)), 2, (1, 1, 1, 1))
    with pytest.raises(ValueError, match=r"kernel 3x3 \(dilated 7x7\) is larger than the padded "
                                         r"input 5x5"):
        nm.transposed_correlate(g, np.zeros((4, 1, 3, 3)), 2, (0, 0, 0, 0), 3)
    with pytest.raises(ValueError, match="crops the stride-dilated grad_output"):
        nm.transposed_correlate(g, np.zeros((4, 1, 1, 1)), 1, (-2, -2, 0, 0))
    with pytest.raises(ValueError, match=r"stride-dilated 5x5"):
        nm.weight_correlate(np.zeros((1, 1, 6, 6)), g, 3, 1, 1, stride=2)


def test_index_arithmetic_delegates_to_geometry():
    from symbp.core import geometry
    for size, k, s, p, d in itertools.product(range(1, 9), range(1, 4), range(1, 4), range(3), (1, 2)):
        if size + 2 * p < d * (k - 1) + 1:
            continue
        assert nm.conv_output_size(size, k, s, p, d) == geometry.conv_output_size(size, k, s, p, d)
        assert nm.transpose_padding(size, k, s, p, d) == geometry.transpose_padding(size, k, s, p, d)
        for ceil in (False, True):
            if p <= k // 2 and geometry.pool_output_size(size, k, s, p, d, ceil) >= 1:
                assert nm.pool_output_size(size, k, s, p, d, ceil) == \
                    geometry.pool_output_size(size, k, s, p, d, ceil)
    assert nm.pair((2, 3), "x") == geometry.pair((2, 3), "x")


@pytest.mark.parametrize("threads", [1, 4])
@pytest.mark.parametrize("chunk,max_block", [(1, 300), (3000, 3000), (1 << 20, 1 << 24)])
def test_block_sizes_for_one_and_several_blas_threads(monkeypatch, threads, chunk, max_block):
    # several BLAS threads scale the block limits up (_MT_*_SCALE); results must not change
    monkeypatch.setattr(numeric_blocks, "_blas_threads", lambda: threads)
    monkeypatch.setattr(numeric_blocks, "_CHUNK_BYTES", chunk)
    monkeypatch.setattr(numeric_blocks, "_MAX_BLOCK_BYTES", max_block)
    rng = np.random.default_rng(44)
    for cfg in CONVS[:60]:
        x, w = make(cfg, rng)
        ph, pw = cfg["p"]
        xp = nm.pad(x, ph, ph, pw, pw)
        close(nm.correlate(xp, w, cfg["s"], cfg["d"], cfg["G"]),
              F.conv2d(t(x), t(w), None, cfg["s"], cfg["p"], cfg["d"], cfg["G"]))
        g = rng.standard_normal((cfg["N"], cfg["O"]) + out_hw(cfg))
        close(nm.transposed_correlate(g, w, *transposed_args(cfg)),
              torch.nn.grad.conv2d_input(x.shape, t(w), t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"]))
        close(nm.weight_correlate(xp, g, cfg["k"], cfg["d"], cfg["G"], stride=cfg["s"]),
              torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), cfg["s"], cfg["p"], cfg["d"], cfg["G"]))


def test_blas_threads_is_a_positive_int():
    n = numeric_blocks._blas_threads()
    assert isinstance(n, int) and n >= 1


def test_stride1_transposed_correlate_padding_in_reused_scratch():
    # stride 1 pads δ into a reused scratch buffer: its border must be re-zeroed on
    # every call (a larger padding first leaves data where a smaller one has zeros),
    # and mixed dtypes are cast there
    rng = np.random.default_rng(45)
    w = rng.standard_normal((4, 3, 3, 3))
    for shape in ((2, 4, 40, 40), (2, 4, 41, 40)):
        for padding in ((3, 3, 3, 3), (1, 2, 0, 2), (2, 2, 2, 2), (0, 0, 0, 0), (2, 0, 1, 0)):
            g = rng.standard_normal(shape)
            ref = nm.correlate(nm.pad(g, *padding), nm.swap_io(nm.rot180(w), 1), 1, 1, 1)
            close(nm.transposed_correlate(g, w, (1, 1), padding, (1, 1)), ref)
            out32 = nm.transposed_correlate(g.astype(np.float32), w, (1, 1), padding, (1, 1))
            assert out32.dtype == np.float64
            close(out32, nm.correlate(nm.pad(g.astype(np.float32), *padding),
                                      nm.swap_io(nm.rot180(w), 1), 1, 1, 1))
