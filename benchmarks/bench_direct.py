"""Time symbp's direct C loops (symbp.kernels.native) against its numpy im2col + GEMM paths.

    python benchmarks/bench_direct.py [--threads T] [--repeat R]

Stride-1, 3x3, padding-1 correlations (the forward, and the input gradient's
form) and weight gradients over a range of channel counts, both paths in this
process, alternating in blocks of 3 calls after a 0.3 s pause, median of R.  ``symbp.kernels.numeric.DIRECT_MAX_MACS`` (which
path a call takes) comes from this table.  Prints Markdown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_numeric import matmul_gflops, set_blas_threads, side_by_side  # noqa: E402

from symbp.kernels import native
from symbp.kernels import numeric as nm

# (batch, channels in = out, H = W)
CASES = [(32, 8, 32), (8, 16, 32), (16, 32, 56), (8, 64, 32), (32, 64, 56), (8, 128, 28)]


def both(op, repeat: int) -> tuple[float, float]:
    """(direct ms, im2col ms): median of ``op()`` on each path, timed by
    :func:`bench_numeric.side_by_side` (alternating blocks after a pause: one
    path's still-spinning OpenMP or OpenBLAS threads slowed the other's next call
    up to 10x here when the paths ran back to back)."""
    def on(enabled: bool):
        def run():
            native.set_enabled(enabled)
            op()
        return run

    try:
        (direct, _), (im2col, _) = side_by_side(on(True), on(False), repeat)
    finally:
        native.set_enabled(True)
    return direct * 1e3, im2col * 1e3


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, help="set numpy's BLAS threads (= the C loops' threads)")
    ap.add_argument("--repeat", type=int, default=9, help="timed runs per path (median)")
    args = ap.parse_args(argv)
    if not native.available():
        sys.exit("symbp.kernels._direct is not built (pip install -e . with a C compiler)")
    if args.threads:
        set_blas_threads(args.threads)
    from symbp.kernels.blas import blas_threads
    print(f"- command: `python benchmarks/bench_direct.py {' '.join(argv or sys.argv[1:])}`")
    print(f"- {native.describe()}")
    print(f"- threads: {blas_threads()}; numpy matmul 2048²: float32 "
          f"{matmul_gflops(np.float32):.0f}, float64 {matmul_gflops(np.float64):.0f} GFLOP/s")
    print(f"- DIRECT_MAX_MACS = {nm.DIRECT_MAX_MACS} (a 3x3 conv takes the C loops up to "
          f"{int((nm.DIRECT_MAX_MACS / 9) ** 0.5)} -> same channels)\n")
    print("| N | C→C | H×W | dtype | correlate direct ms | im2col ms | ratio "
          "| weight grad direct ms | im2col ms | ratio | direct GFLOP/s (corr, weight) |")
    print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    rng = np.random.default_rng(0)
    for dtype in (np.float32, np.float64):
        for N, C, H in CASES:
            x = rng.standard_normal((N, C, H, H)).astype(dtype)
            w = rng.standard_normal((C, C, 3, 3)).astype(dtype)
            g = rng.standard_normal((N, C, H, H)).astype(dtype)
            c = both(lambda: nm.correlate(x, w, padding=(1, 1, 1, 1)), args.repeat)
            wg = both(lambda: nm.weight_correlate(x, g, (3, 3), padding=(1, 1, 1, 1)), args.repeat)
            gflop = 2 * N * C * C * 9 * H * H / 1e9
            print(f"| {N} | {C}→{C} | {H}×{H} | {np.dtype(dtype).name} | {c[0]:.2f} | {c[1]:.2f} "
                  f"| {c[0] / c[1]:.2f} | {wg[0]:.2f} | {wg[1]:.2f} | {wg[0] / wg[1]:.2f} "
                  f"| {gflop / c[0] * 1e3:.0f}, {gflop / wg[0] * 1e3:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
