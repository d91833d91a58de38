"""symbp.kernels.native (the C loops) against PyTorch and against the numpy im2col paths.

The shapes here are chosen to reach every register tile of the C code: output
channels past 8 and not a multiple of 8 or 4, input channels not a multiple of
4, rows wider than one 32-float / 16-double tile and not a multiple of it.
"""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from symbp.kernels import blas, native
from symbp.kernels import numeric as nm
from symbp.kernels._native import gen_direct

torch = pytest.importorskip("torch")
F = torch.nn.functional
torch.set_num_threads(1)

built = pytest.mark.skipif(not native.available(), reason="symbp.kernels._direct was not built")


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


@pytest.fixture
def direct_only(monkeypatch):
    """Route every stride-1 op to the C loops (whatever its size) and count the calls."""
    calls = {"correlate": 0, "weight": 0}
    real_c, real_w = native.correlate_images, native.weight_images

    def correlate_images(*args):
        calls["correlate"] += 1
        return real_c(*args)

    def weight_images(*args):
        calls["weight"] += 1
        return real_w(*args)

    monkeypatch.setattr(native, "correlate_images", correlate_images)
    monkeypatch.setattr(native, "weight_images", weight_images)
    monkeypatch.setattr(nm, "DIRECT_MAX_MACS", 1 << 40)
    before = native._on[0]
    native.set_enabled(True)
    yield calls
    native.set_enabled(before)


def configs(n, seed):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < n:
        G = int(rng.choice([1, 1, 2, 3]))
        Cg, Og = int(rng.integers(1, 10)), int(rng.integers(1, 21))
        k = tuple(int(v) for v in rng.integers(1, 6, 2))
        d = tuple(int(v) for v in rng.integers(1, 3, 2))
        p = tuple(int(v) for v in rng.integers(0, 3, 4))          # top, bottom, left, right
        hw = (int(rng.integers(1, 12)), int(rng.integers(1, 70)))
        if any(hw[i] + p[2 * i] + p[2 * i + 1] < d[i] * (k[i] - 1) + 1 for i in range(2)):
            continue
        s = tuple(int(v) for v in rng.integers(1, 4, 2))       # the weight gradient's stride
        out.append(dict(N=int(rng.integers(1, 4)), C=G * Cg, O=G * Og, G=G, k=k, d=d, p=p, hw=hw,
                        s=s))
    return out


CONFIGS = configs(120, seed=77) + [
    # more input channels than one pass of the correlation takes (CORR_CHUNK = 16)
    dict(N=2, C=37, O=11, G=1, k=(3, 3), d=(1, 1), p=(1, 1, 1, 1), hw=(5, 35), s=(1, 1)),
    dict(N=1, C=36, O=18, G=2, k=(2, 3), d=(2, 1), p=(0, 1, 2, 0), hw=(6, 33), s=(2, 2)),
    dict(N=2, C=16, O=9, G=1, k=(1, 1), d=(1, 1), p=(0, 0, 0, 0), hw=(3, 17), s=(1, 3)),
    # the weight gradient's 3-taps-along-a-row tile, then 2 taps one at a time
    dict(N=2, C=8, O=8, G=1, k=(2, 5), d=(1, 2), p=(1, 0, 2, 2), hw=(6, 37), s=(1, 1)),
    dict(N=2, C=8, O=8, G=1, k=(3, 5), d=(1, 3), p=(1, 1, 2, 2), hw=(9, 70), s=(2, 2)),
]


def torch_conv(x, w, cfg, stride=1):
    top, bottom, left, right = cfg["p"]
    xp = F.pad(t(x), (left, right, top, bottom))
    return F.conv2d(xp, t(w), None, stride, 0, cfg["d"], cfg["G"])


def arrays(cfg, rng, dtype):
    x = rng.standard_normal((cfg["N"], cfg["C"]) + cfg["hw"]).astype(dtype)
    w = rng.standard_normal((cfg["O"], cfg["C"] // cfg["G"]) + cfg["k"]).astype(dtype)
    return x, w


def assert_direct(calls, loop, ref, atol, run):
    """``run()`` goes through the C ``loop`` and matches ``ref`` (dtype, shape, values)."""
    before = calls[loop]
    ours = run()
    assert calls[loop] > before
    assert ours.dtype == ref.dtype and ours.shape == ref.shape
    np.testing.assert_allclose(ours, ref, rtol=0, atol=atol * max(1, np.abs(ref).max()))


def test_generated_source_is_checked_in():
    # direct.c is written by gen_direct.py; the two must not drift apart
    assert gen_direct.PATH.read_text() == gen_direct.source()


def test_configs_reach_every_tile_and_chunk():
    assert max(c["O"] // c["G"] for c in CONFIGS) > 8                 # the 8-channel tile
    assert any((c["O"] // c["G"]) % 8 for c in CONFIGS)               # and the 1-channel one
    assert max(c["C"] // c["G"] for c in CONFIGS) > gen_direct.CORR_CHUNK
    assert any(c["hw"][1] > 32 and c["hw"][1] % 32 for c in CONFIGS)  # row tails
    ro, rc, rq = gen_direct.WEIGHT_ROW_TILE
    row_tile = [c for c in CONFIGS if c["O"] // c["G"] >= ro and c["C"] // c["G"] >= 4
                and c["k"][1] >= rq]
    assert len(row_tile) > 5 and any(c["k"][1] % rq for c in row_tile)
    assert any(c["s"][1] > 1 and c["d"][1] > 1 for c in row_tile)      # column phases


#: float64 to 1e-10, float32 to 2e-4 (both relative to the largest entry)
DTYPES = pytest.mark.parametrize("dtype,atol", [(np.float64, 1e-10), (np.float32, 2e-4)])


@built
@DTYPES
def test_direct_correlate_matches_torch(direct_only, dtype, atol):
    rng = np.random.default_rng(1)
    for cfg in CONFIGS:
        x, w = arrays(cfg, rng, dtype)
        ref = torch_conv(x, w, cfg).numpy()
        assert_direct(direct_only, "correlate", ref, atol,
                      lambda: nm.correlate(x, w, 1, cfg["d"], cfg["G"], padding=cfg["p"]))


@built
@DTYPES
def test_direct_weight_gradient_matches_torch(direct_only, dtype, atol):
    rng = np.random.default_rng(2)
    for cfg in CONFIGS:
        x, w = arrays(cfg, rng, dtype)
        y = torch_conv(x, w, cfg, cfg["s"])
        g = rng.standard_normal(tuple(y.shape)).astype(dtype)
        xt = t(x).requires_grad_(True)
        wt = t(w).requires_grad_(True)
        top, bottom, left, right = cfg["p"]
        F.conv2d(F.pad(xt, (left, right, top, bottom)), wt, None, cfg["s"], 0, cfg["d"],
                 cfg["G"]).backward(t(g))
        if cfg["s"] == (1, 1):               # through symbp.kernels.numeric's dispatch
            assert_direct(direct_only, "weight", wt.grad.numpy(), atol, lambda: nm.weight_correlate(
                x, g, cfg["k"], cfg["d"], cfg["G"], padding=cfg["p"]))
        else:                                  # strided: numeric does not route it here
            ours = native.weight_images(x, g, cfg["k"], cfg["G"], cfg["d"], cfg["p"], 2, cfg["s"])
            np.testing.assert_allclose(ours, wt.grad.numpy(), rtol=0,
                                       atol=atol * max(1, np.abs(ours).max()))


@built
def test_direct_and_im2col_paths_agree_through_the_kernels(direct_only):
    # the public kernels, once through the C loops and once through numpy
    from symbp import kernels as K
    rng = np.random.default_rng(3)
    # the kernels take symmetric padding: (top, left) on both sides, where that fits
    fits = [c for c in CONFIGS if all(c["hw"][i] + 2 * c["p"][2 * i] >= c["d"][i] * (c["k"][i] - 1) + 1
                                      for i in range(2))]
    strides = [(1, 1) if i % 2 == 0 else cfg["s"] for i, cfg in enumerate(fits[:40])]
    for cfg, stride in zip(fits[:40], strides):
        pad = (cfg["p"][0], cfg["p"][2])
        x, w = arrays(cfg, rng, np.float64)
        y = F.conv2d(t(x), t(w), None, stride, pad, cfg["d"], cfg["G"])
        g = rng.standard_normal(tuple(y.shape))
        args = (stride, pad, cfg["d"], cfg["G"])
        direct = (K.conv2d_input(x.shape, w, g, *args), K.conv2d_weight(x, w.shape, g, *args))
        native.set_enabled(False)
        numpy_ = (K.conv2d_input(x.shape, w, g, *args), K.conv2d_weight(x, w.shape, g, *args))
        native.set_enabled(True)
        for a, b in zip(direct, numpy_):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
    stride1 = strides.count((1, 1))          # strided calls take numpy's paths
    assert stride1 >= 20
    assert direct_only["correlate"] >= stride1 and direct_only["weight"] >= stride1


@built
def test_direct_split_over_threads_matches_one_thread(direct_only, monkeypatch):
    rng = np.random.default_rng(4)
    x = rng.standard_normal((7, 6, 13, 40))
    w = rng.standard_normal((10, 6, 3, 3))
    g = rng.standard_normal((7, 10, 11, 38))
    one = nm.correlate(x, w), nm.weight_correlate(x, g, (3, 3))
    monkeypatch.setattr(blas, "workers", lambda images, macs, min_macs=None: min(3, images))
    three = nm.correlate(x, w), nm.weight_correlate(x, g, (3, 3))
    np.testing.assert_allclose(three[0], one[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(three[1], one[1], rtol=0, atol=1e-10)


@built
def test_direct_weight_gradient_with_inf_input_matches_torch(direct_only):
    # the C loop pairs δ's zero-extended row tail with real input entries; an inf
    # there would give inf·0 = nan, so the exact numpy pairing must take over
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 3, 6, 20))
    x[0, 1, 2, 19] = np.inf
    x[1, 0, 4, 18] = -np.inf
    g = rng.standard_normal((2, 5, 4, 18))
    ours = nm.weight_correlate(x, g, (3, 3))
    ref = torch.nn.grad.conv2d_weight(t(x), (5, 3, 3, 3), t(g)).numpy()
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(ref))
    np.testing.assert_array_equal(np.isinf(ours), np.isinf(ref))
    finite = np.isfinite(ref)
    np.testing.assert_allclose(ours[finite], ref[finite], rtol=0, atol=1e-10)


@built
def test_direct_is_chosen_by_size_and_dtype(monkeypatch):
    calls = []
    monkeypatch.setattr(native, "correlate_images", lambda *a: calls.append(a[1].shape))
    small = np.zeros((1, 16, 8, 8), np.float32), np.zeros((16, 16, 3, 3), np.float32)
    large = np.zeros((1, 128, 8, 8), np.float32), np.zeros((128, 128, 3, 3), np.float32)
    nm.correlate(*small)
    nm.correlate(*large)                                 # 128·1152 > DIRECT_MAX_MACS
    nm.correlate(small[0].astype(np.int64), small[1].astype(np.int64))   # not float
    nm.correlate(*small, stride=2)                         # stride 1 only
    assert calls == [(16, 16, 3, 3)]
    native.set_enabled(False)
    try:
        nm.correlate(*small)
    finally:
        native.set_enabled(True)
    assert calls == [(16, 16, 3, 3)]


@built
def test_describe_names_the_instruction_set_and_threads():
    line = native.describe()
    assert line.startswith("direct C loops: ") and ("AVX" in line or "non-x86" in line)
    assert ("OpenMP" in line or "one thread" in line) and line.endswith(", on")
    native.set_enabled(False)
    try:
        assert native.describe().endswith("off (SYMBP_NATIVE=0 or set_enabled(False))")
    finally:
        native.set_enabled(True)


def test_set_enabled_takes_a_bool():
    with pytest.raises(ValueError, match="True or False"):
        native.set_enabled(1)


@pytest.mark.parametrize("value,expect", [("0", "False"), ("1", "True"), ("", "True"),
                                          ("yes", "True")])
def test_symbp_native_environment_variable(value, expect):
    code = ("import warnings; warnings.simplefilter('error');\n"
            "try:\n    from symbp.kernels import native; print(native._on[0])\n"
            "except UserWarning as e: print('warned', e)")
    env = dict(os.environ, SYMBP_NATIVE=value)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    if value == "yes":
        assert out == "warned SYMBP_NATIVE='yes' is not 0 or 1; ignored"
    else:
        assert out == expect


def test_extension_is_built_where_ci_requires_it():
    # .ci/run sets SYMBP_REQUIRE_NATIVE=1: a build that silently skipped the
    # optional extension would otherwise leave every test above skipped
    if os.environ.get("SYMBP_REQUIRE_NATIVE") != "1":
        pytest.skip("SYMBP_REQUIRE_NATIVE is not set")
    assert native.available(), f"symbp.kernels._direct is missing next to {pathlib.Path(nm.__file__).parent}"


@built
def test_forked_child_runs_the_c_loops_on_one_thread(direct_only, monkeypatch):
    # GNU OpenMP's pool does not survive fork(); a child that used it would hang
    import multiprocessing
    monkeypatch.setattr(blas, "workers", lambda images, macs, min_macs=None: 2)
    rng = np.random.default_rng(6)
    x, w = rng.standard_normal((4, 3, 9, 40)), rng.standard_normal((5, 3, 3, 3))
    g = rng.standard_normal((4, 5, 7, 38))
    expected = nm.correlate(x, w), nm.weight_correlate(x, g, (3, 3))   # the parent's pool runs
    with multiprocessing.get_context("fork").Pool(1) as pool:
        got = pool.apply_async(nm.correlate, (x, w)).get(timeout=20), \
            pool.apply_async(nm.weight_correlate, (x, g, (3, 3))).get(timeout=20)
        assert pool.apply_async(_forked_flag).get(timeout=20) is True
    np.testing.assert_allclose(got[0], expected[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(got[1], expected[1], rtol=0, atol=1e-10)
    assert native._forked[0] is False


def _forked_flag():
    return native._forked[0]


def _gcc_runtime(name):
    """Path of a GCC runtime library (libasan.so ...), or None."""
    import shutil
    if shutil.which("gcc") is None:
        return None
    out = subprocess.run(["gcc", f"-print-file-name={name}"], capture_output=True, text=True)
    path = out.stdout.strip()
    return path if os.path.isabs(path) and os.path.exists(path) else None


def test_c_loops_are_clean_under_address_and_ub_sanitizers(tmp_path):
    # direct.c rebuilt with ASan + UBSan and run over ~250 random configs (threads
    # 1-3, kernels up to 6, dilation up to 3, rows up to 80): an out-of-bounds
    # read or write, or undefined behaviour, aborts the child
    import sysconfig
    asan, ubsan = _gcc_runtime("libasan.so"), _gcc_runtime("libubsan.so")
    if not (asan and ubsan):
        pytest.skip("gcc with libasan/libubsan is not available")
    lib = tmp_path / "direct_sanitized.so"
    build = subprocess.run(
        ["gcc", "-O1", "-g", "-fopenmp", "-fsanitize=address,undefined",
         "-fno-sanitize-recover=undefined", "-fno-omit-frame-pointer", "-shared", "-fPIC",
         f"-I{sysconfig.get_paths()['include']}", "-o", str(lib), str(gen_direct.PATH)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, LD_PRELOAD=f"{asan} {ubsan}", ASAN_OPTIONS="detect_leaks=0")
    script = pathlib.Path(__file__).with_name("sanitized_sweep.py")
    run = subprocess.run([sys.executable, str(script), str(lib), "3"], env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("ok ") and int(run.stdout.split()[1]) > 200
