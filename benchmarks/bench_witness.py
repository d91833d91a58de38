"""What the second witness (symbp/witness.py) costs: `symbp verify` with and without it.

    python benchmarks/bench_witness.py [--repeat 3]

Each case runs the built-in claims (derivation, proof and, when on, the witness's two checks:
both sides at a random point by direct loops, and the derived side against the forward)
alternately with the witness on and switched off, cold caches each time; prints the median
seconds of each as a Markdown table (copied into docs/benchmarks.md).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from symbp import witness
from symbp.claims import Setup, builtin_claims, run
from symbp.tensor import _symbol_product

CASES = [
    ("conv-input conv-weight conv-bias, 64x64 input, 5x5 kernel",
     ["conv-input", "conv-weight", "conv-bias"], Setup(input=(64, 64), kernel=(5, 5))),
    ("conv-weight, 2->4 channels, 32x32, 3x3, stride 2, padding 1 (crop form)",
     ["conv-weight"], Setup(input=(32, 32), kernel=(3, 3), stride=(2, 2), padding=(1, 1),
                            channels=(2, 4))),
    ("every built-in at the default sizes", [], Setup()),
    ("pool-max, 8x8 input, 3x3 window, stride 2", ["pool-max"],
     Setup(input=(8, 8), kernel=(3, 3), stride=(2, 2))),
]


def once(names, setup, with_witness: bool) -> float:
    saved = witness.confirm, witness.confirm_gradient
    if not with_witness:
        witness.confirm = witness.confirm_gradient = lambda *a, **k: None
    try:
        _symbol_product.cache_clear()
        start = time.perf_counter()
        results = run(builtin_claims(names, setup))
        elapsed = time.perf_counter() - start
    finally:
        witness.confirm, witness.confirm_gradient = saved
    assert all(r.as_expected for r in results)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}\n")
    print("| case | without witness s | with witness s | overhead |")
    print("|---|---:|---:|---:|")
    for label, names, setup in CASES:
        off, on = [], []
        for _ in range(args.repeat):
            off.append(once(names, setup, False))
            on.append(once(names, setup, True))
        a, b = statistics.median(off), statistics.median(on)
        print(f"| {label} | {a:.3f} | {b:.3f} | {b / a:.2f}x |")


if __name__ == "__main__":
    main()
