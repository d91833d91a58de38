"""Derivation-and-proof speed: symbp against the naive SymPy route, side by side.

    python benchmarks/bench_verify.py [--naive-max 32] [--skip-cli]

Prints a Markdown table (copied into docs/benchmarks.md):
  * ∂J/∂a derived and proved, symbp vs benchmarks/naive_sympy.py, n x n input, 3x3 kernel;
  * symbp's scaling from 32x32 to 64x64 (target: at most 5x);
  * `symbp verify conv-input conv-weight conv-bias --input 64x64 --kernel 5x5`, whole command
    (target: under 3 s);
  * the general-layer case N=2, C_in=C_out=4, 32x32, 3x3, stride 2, padding 1 (target: under 10 s).
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from naive_sympy import naive_input_gradient  # noqa: E402
from symbp.claims import Setup, builtin_claims, run  # noqa: E402
from symbp.core.tensor import _symbol_product  # noqa: E402


def symbp_input_gradient(n: int, k: int) -> bool:
    _symbol_product.cache_clear()   # every repeat starts cold, as a fresh process would
    [result] = run(builtin_claims(["conv-input"], Setup(input=(n, n), kernel=(k, k))))
    return result.proof.holds


def timed(fn, *args, repeat: int = 1) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--naive-max", type=int, default=32)
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")
    print("\n| n x n, 3x3 kernel | naive SymPy (s) | symbp (s) | naive / symbp |")
    print("|---|---:|---:|---:|")
    symbp_times = {}
    for n in (8, 16, 32, 64):
        t_sym, ok = timed(symbp_input_gradient, n, 3, repeat=5)
        assert ok
        symbp_times[n] = t_sym
        if n <= args.naive_max:
            t_naive, ok_naive = timed(naive_input_gradient, n, 3)
            assert ok_naive
            print(f"| {n} | {t_naive:.2f} | {t_sym:.3f} | {t_naive / t_sym:.0f}x |")
        else:
            print(f"| {n} | (not run) | {t_sym:.3f} | |")
    print(f"\nsymbp 64x64 / 32x32 (3x3 kernel): {symbp_times[64] / symbp_times[32]:.2f}x")

    if not args.skip_cli:
        cmd = ["symbp", "verify", "conv-input", "conv-weight", "conv-bias",
               "--input", "64x64", "--kernel", "5x5"]
        walls = sorted(_wall(cmd) for _ in range(7))
        print(f"\n`{' '.join(cmd)}`: median {walls[3]:.2f} s wall over 7 runs "
              f"(min {walls[0]:.2f}, max {walls[-1]:.2f}; whole process, import included)")

    setup = Setup(input=(32, 32), kernel=(3, 3), stride=(2, 2), padding=(1, 1),
                  channels=(4, 4), batch=2)
    t, results = timed(lambda: run(builtin_claims(["conv-input", "conv-weight", "conv-bias"], setup)))
    assert all(r.proof.holds for r in results)
    print(f"\nN=2, 4->4 channels, 32x32, 3x3, stride 2, padding 1: all three gradients derived "
          f"and proved in {t:.2f} s")


def _wall(cmd) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
