"""symbp.kernels.blas: splitting a batch over Python threads with OpenBLAS at one thread.

The convolution primitives must give the same results split or not (against
torch, float64, atol 1e-10), leave numpy's BLAS thread count as they found it,
and carry the caller's np.errstate into the worker threads."""

import warnings

import numpy as np
import pytest
from configs import conv_configs

from symbp.kernels import blas
from symbp.kernels import numeric as nm

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def close(ours, ref, atol=1e-10):
    ref = ref.detach().numpy() if isinstance(ref, torch.Tensor) else ref
    assert ours.shape == ref.shape, (ours.shape, ref.shape)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=atol, equal_nan=True)


@pytest.fixture
def forced_split(monkeypatch):
    """Every convolution primitive splits its batch over up to 3 threads."""
    calls = []

    def workers(images, macs, min_macs=None):
        calls.append(images)
        return min(3, images)

    monkeypatch.setattr(blas, "workers", workers)
    return calls


def test_ranges_cover_the_batch_in_order():
    assert blas.ranges(7, 3) == [(0, 3), (3, 5), (5, 7)]
    assert blas.ranges(2, 2) == [(0, 1), (1, 2)]
    for n in range(1, 20):
        for parts in range(1, n + 1):
            chunks = blas.ranges(n, parts)
            assert chunks[0][0] == 0 and chunks[-1][1] == n
            assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
            sizes = [b - a for a, b in chunks]
            assert max(sizes) - min(sizes) <= 1 and min(sizes) >= 1


def test_split_conv_primitives_match_torch(forced_split):
    rng = np.random.default_rng(31)
    configs = [dict(c, N=2 + k % 4) for k, c in enumerate(conv_configs(60, seed=99))]
    for cfg in configs:                       # batches of 2..5: ranges of 1 and 2 images
        x = rng.standard_normal((cfg["N"], cfg["C"]) + cfg["hw"])
        w = rng.standard_normal((cfg["O"], cfg["C"] // cfg["G"]) + cfg["k"])
        (ph, pw), s, d, G = cfg["p"], cfg["s"], cfg["d"], cfg["G"]
        y = torch.nn.functional.conv2d(t(x), t(w), None, s, cfg["p"], d, G)
        close(nm.correlate(x, w, s, d, G, padding=(ph, ph, pw, pw)), y)
        g = rng.standard_normal(tuple(y.shape))
        close(nm.weight_correlate(x, g, cfg["k"], d, G, s, (ph, ph, pw, pw)),
              torch.nn.grad.conv2d_weight(t(x), w.shape, t(g), s, cfg["p"], d, G))
        hp = [nm.transpose_padding(cfg["hw"][i], cfg["k"][i], s[i], cfg["p"][i], d[i])
              for i in range(2)]
        close(nm.transposed_correlate(g, w, s, (*hp[0], *hp[1]), d, G),
              torch.nn.grad.conv2d_input(x.shape, t(w), t(g), s, cfg["p"], d, G))
    assert len(forced_split) >= 3 * len(configs)


def test_split_keeps_blas_threads_and_errstate(forced_split):
    before = blas.blas_threads()
    x = np.random.default_rng(5).standard_normal((4, 2, 6, 6))
    x[3, 1, 2, 2] = np.inf           # in the last range: a worker thread meets inf·0
    g = np.random.default_rng(6).standard_normal((4, 3, 4, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # a RuntimeWarning from a worker would raise
        ours = nm.weight_correlate(x, g, 3)
        nm.correlate(x, np.ones((3, 2, 3, 3)))
    ref = torch.nn.grad.conv2d_weight(t(x), (3, 2, 3, 3), t(g))
    np.testing.assert_array_equal(np.isnan(ours), torch.isnan(ref).numpy())
    close(ours, ref)
    # stride 2: col2im adds overlapping taps in numpy (+inf + -inf in the worker's image)
    g = np.abs(g)
    g[3, 0, 0, 0], g[3, 0, 0, 1] = np.inf, -np.inf
    w = np.abs(np.random.default_rng(7).standard_normal((3, 2, 3, 3))) + 0.1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = nm.transposed_correlate(g, w, (2, 2), (2, 2, 2, 2))
    ref = torch.nn.grad.conv2d_input((4, 2, 9, 9), t(w), t(g), 2)
    assert np.isnan(ours[3]).any()
    np.testing.assert_array_equal(np.isnan(ours), torch.isnan(ref).numpy())
    close(ours, ref)
    assert blas.blas_threads() == before


def test_split_runs_one_thread_blas_inside_and_restores_after_an_error():
    before = blas.blas_threads()
    seen = []

    def job(n0, n1):
        seen.append(blas.blas_threads())
        if n0 == 0:
            raise ValueError("boom")
        return n1 - n0

    with pytest.raises(ValueError, match="boom"):
        blas.split(job, 4, 2)
    assert blas.blas_threads() == before
    if blas._openblas(blas._SET_NAMES) is not None:
        assert seen == [1, 1]
    assert blas.split(lambda n0, n1: (n0, n1), 5, 2) == [(0, 3), (3, 5)]
    assert blas.split(lambda n0, n1: (n0, n1), 5, 1) == [(0, 5)]


def test_workers_limits():
    blas.set_workers(1)
    try:
        assert blas.workers(64, 1e12) == 1
    finally:
        blas.set_workers(None)
    assert blas.workers(1, 1e12) == 1                       # one image: BLAS threads instead
    assert blas.workers(64, blas.MIN_SPLIT_MACS - 1) == 1   # too small to pay for a thread
    assert blas.workers(64, 1e12) == min(64, blas.blas_threads()) or \
        blas._openblas(blas._SET_NAMES) is None
    for bad in (0, -1, 2.5, True, "2"):
        with pytest.raises(ValueError, match="workers must be a positive int"):
            blas.set_workers(bad)


def test_split_works_in_a_forked_child(forced_split):
    # the parent's pool threads do not exist in a fork: a child that reused the
    # pool would wait forever on jobs nobody runs
    import multiprocessing
    x = np.random.default_rng(8).standard_normal((2, 2, 6, 6))   # one job for the pool
    w = np.random.default_rng(9).standard_normal((3, 2, 3, 3))
    expected = nm.correlate(x, w)            # the parent's pool now exists, its thread idle
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        got = pool.apply_async(nm.correlate, (x, w)).get(timeout=20)
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("value,expected,warned", [("1", "1", False), ("3", "3", False),
                                                    ("0", "None", True), ("two", "None", True)])
def test_symbp_workers_environment_variable(value, expected, warned):
    import os
    import subprocess
    import sys
    code = "from symbp.kernels import blas; print(blas._limit[0])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, SYMBP_WORKERS=value), timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == expected
    assert (f"SYMBP_WORKERS={value!r} is not a positive int; ignored" in run.stderr) == warned
