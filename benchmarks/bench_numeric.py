"""Time symbp.kernels.numeric's conv backward against torch's, side by side in one process.

    python benchmarks/bench_numeric.py [--repeat R] [--threads T] [--extra]

grad-input:  correlate(pad(dilate(δ, s), transpose_padding...), swap_io(dilate(rot180(w), d)))
             vs torch.nn.grad.conv2d_input
grad-weight: weight_correlate(pad(x, p), dilate(δ, s), k, d)  vs torch.nn.grad.conv2d_weight

torch runs on the CPU with torch.set_num_threads(<numpy's BLAS threads>), so
both sides use the same number of cores (``--threads T`` sets both).  The two
sides run in alternating blocks and the median is reported.  Prints a Markdown
table (progress goes to stderr).
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symbp.kernels import numeric as nm

try:
    import torch
except ImportError:  # pragma: no cover
    sys.exit("this benchmark needs torch (CPU)")


# (batch, C_in, C_out, H=W, k, stride, padding, dilation, groups)
CASES = [
    (8, 16, 16, 32, 3, 1, 1, 1, 1),
    (32, 64, 64, 56, 3, 1, 1, 1, 1),
]
EXTRA = [
    (8, 32, 32, 32, 3, 2, 1, 1, 1),
    (8, 32, 32, 32, 3, 1, 2, 2, 2),
]


def _openblas_fn(*names):
    """A function of the OpenBLAS that numpy loaded (first of ``names`` found), or None."""
    libdir = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for lib in glob.glob(str(libdir / "*openblas*.so*")):
        handle = ctypes.CDLL(lib)
        for sym in names:
            fn = getattr(handle, sym, None)
            if fn is not None:
                return fn, f"{Path(lib).name}:{sym}"
    return None, None


def blas_threads() -> tuple[int, str]:
    """numpy's BLAS thread count and where it came from."""
    try:
        from threadpoolctl import threadpool_info
        for info in threadpool_info():
            if info.get("user_api") == "blas":
                return int(info["num_threads"]), f"threadpoolctl ({info.get('internal_api')})"
    except ImportError:
        pass
    fn, where = _openblas_fn("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                             "openblas_get_num_threads")
    if fn is not None:
        return int(fn()), where
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var):
            return int(os.environ[var]), var
    return os.cpu_count() or 1, "os.cpu_count()"


def set_blas_threads(n: int) -> None:
    """Set numpy's OpenBLAS thread count (threadpoolctl if present, else ctypes)."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(n, user_api="blas")
        return
    except ImportError:
        pass
    fn, _ = _openblas_fn("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                         "openblas_set_num_threads")
    if fn is None:
        sys.exit("cannot set numpy's BLAS threads here; use OPENBLAS_NUM_THREADS=n instead")
    fn(n)


def arrays(case, dtype):
    """Input, weight and δ of one CASES entry (seeded: the same arrays in every process)."""
    N, C, O, hw, k, s, p, d, G = case
    ho = nm.conv_output_size(hw, k, s, p, d)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((N, C, hw, hw)).astype(dtype)
    w = rng.standard_normal((O, C // G, k, k)).astype(dtype)
    g = rng.standard_normal((N, O, ho, ho)).astype(dtype)
    return x, w, g


def matmul_gflops(dtype, n=2048, repeat=5) -> float:
    a = np.random.default_rng(0).standard_normal((n, n)).astype(dtype)
    b = a.T.copy()
    out = np.empty_like(a)
    np.matmul(a, b, out=out)
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        np.matmul(a, b, out=out)
        ts.append(time.perf_counter() - t0)
    return 2 * n**3 / statistics.median(ts) / 1e9


def side_by_side(ours, theirs, repeat: int, block: int = 3, pause_s: float = 0.3,
                 budget_s: float = 30.0):
    """Median (and min) seconds of each callable.

    The two sides run in alternating blocks (one untimed warm-up + ``block``
    timed runs) with a pause in between: OpenBLAS's and torch's OpenMP worker
    threads spin for a while after each call, and back-to-back alternation
    makes each side pay for the other's spinning threads.
    """
    times = ([], [])
    start = time.perf_counter()
    while len(times[0]) < repeat:
        for f, acc in zip((ours, theirs), times):
            time.sleep(pause_s)
            f()
            for _ in range(block):
                t0 = time.perf_counter()
                f()
                acc.append(time.perf_counter() - t0)
        if time.perf_counter() - start > budget_s:
            break
    return tuple((statistics.median(acc), min(acc)) for acc in times)


def grad_input_ours(g, w, hw, k, s, p, d, G):
    bh, ah = nm.transpose_padding(hw, k, s, p, d)
    gp = nm.pad(nm.dilate(g, s, s), bh, ah, bh, ah)
    return nm.correlate(gp, nm.swap_io(nm.dilate(nm.rot180(w), d, d), G), 1, 1, G)


def grad_weight_ours(x, g, k, s, p, d, G):
    return nm.weight_correlate(nm.pad(x, p, p, p, p), nm.dilate(g, s, s), k, d, G)


def run(cases, repeat):
    rows = []
    for N, C, O, hw, k, s, p, d, G in cases:
        ho = nm.conv_output_size(hw, k, s, p, d)
        flops = 2 * N * O * (C // G) * k * k * ho * ho
        for dtype in (np.float32, np.float64):
            x, w, g = arrays((N, C, O, hw, k, s, p, d, G), dtype)
            xt, wt, gt = (torch.from_numpy(a) for a in (x, w, g))
            tol = 1e-2 if dtype == np.float32 else 1e-8
            name = f"N={N} {C}→{O} {hw}×{hw} k{k} s{s} p{p} d{d} g{G}"
            ops = [
                ("grad-input",
                 lambda: grad_input_ours(g, w, hw, k, s, p, d, G),
                 lambda: torch.nn.grad.conv2d_input(x.shape, wt, gt, s, p, d, G)),
                ("grad-weight",
                 lambda: grad_weight_ours(x, g, k, s, p, d, G),
                 lambda: torch.nn.grad.conv2d_weight(xt, w.shape, gt, s, p, d, G)),
            ]
            for op, ours, theirs in ops:
                mine, ref = ours(), theirs().numpy()
                assert mine.dtype == dtype
                err = float(np.max(np.abs(mine - ref)) / max(1.0, float(np.max(np.abs(ref)))))
                assert err < tol, (name, op, err)
                (t_ours, min_ours), (t_torch, min_torch) = side_by_side(ours, theirs, repeat)
                rows.append((name, np.dtype(dtype).name, op, t_ours * 1e3, t_torch * 1e3,
                             t_ours / t_torch, min_ours / min_torch,
                             flops / t_ours / 1e9, flops / t_torch / 1e9))
                print(f"  {name} {np.dtype(dtype).name} {op}: ours {t_ours * 1e3:.2f} ms "
                      f"(min {min_ours * 1e3:.2f}), torch {t_torch * 1e3:.2f} ms "
                      f"(min {min_torch * 1e3:.2f})", file=sys.stderr, flush=True)
            nm.release_scratch()
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15, help="timed runs per side (median)")
    ap.add_argument("--extra", action="store_true", help="also strided/dilated/grouped cases")
    ap.add_argument("--threads", type=int, help="set numpy's BLAS threads (and torch's) to this")
    args = ap.parse_args(argv)

    if args.threads:
        set_blas_threads(args.threads)
    threads, source = blas_threads()
    torch.set_num_threads(threads)
    load_before = os.getloadavg()[0]
    ref32, ref64 = matmul_gflops(np.float32), matmul_gflops(np.float64)
    rows = run(CASES + (EXTRA if args.extra else []), args.repeat)

    print(f"## symbp.kernels.numeric vs torch CPU conv backward\n")
    print(f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; "
          f"numpy {np.__version__}, torch {torch.__version__}")
    print(f"- threads: numpy BLAS {threads} (from {source}); torch.set_num_threads({threads}) "
          f"(torch.get_num_threads() = {torch.get_num_threads()})")
    cpus = os.cpu_count() or 1
    print(f"- 1-min load average when starting: {load_before:.1f} on {cpus} CPUs")
    if load_before > cpus - threads + 0.5:
        print(f"- WARNING: other processes may occupy the CPUs this run needs: oversubscribed "
              f"OpenBLAS workers spin-wait and lose whole scheduler ticks per GEMM call "
              f"(seen here: ~8 ms per call with 2 threads); compare with --threads 1")
    print(f"- numpy matmul 2048² reference: float32 {ref32:.0f} GFLOP/s, float64 {ref64:.0f} GFLOP/s")
    print(f"- median of {args.repeat} runs per side, in alternating blocks; 'min ratio' = ratio of "
          f"the fastest runs (robust to other load on the machine)")
    print("- GFLOP/s = 2·N·C_out·(C_in/G)·k²·Ho·Wo / median time\n")
    print("| case | dtype | op | ours ms | torch ms | ours/torch | min ratio | ours GFLOP/s "
          "| torch GFLOP/s |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for name, dt, op, a, b, r, rmin, fa, fb in rows:
        print(f"| {name} | {dt} | {op} | {a:.2f} | {b:.2f} | {r:.2f} | {rmin:.2f} | {fa:.0f} "
              f"| {fb:.0f} |")


if __name__ == "__main__":
    main()
