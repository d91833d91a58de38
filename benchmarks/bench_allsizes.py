"""All-sizes proofs against the per-size engine.

For each built-in claim: the time of one all-sizes proof (isl; median of 3), beside the
per-size prover at one 8x8 configuration and a sweep of the per-size prover over a grid of
small sizes (the naive way to gain confidence for many sizes, which still covers finitely
many); then the whole ``symbp verify --all-sizes`` run.

    PYTHONPATH=. python benchmarks/bench_allsizes.py
"""
from __future__ import annotations

import itertools
import statistics
import subprocess
import sys
import time

from symbp.allsizes.verify import SPECS, Options, check
from symbp.claims import Setup, builtin_claims, run

CLAIMS = [("conv-input", Options(stride=(2, 2))), ("conv-weight", Options(dilation=(2, 2))),
          ("conv-bias", Options(stride=(2, 2))), ("conv-delta", Options(stride=(2, 2))),
          ("pool-avg", Options(stride=(2, 2))),
          ("pool-avg", Options(stride=(2, 2), ceil_mode=True, count_include_pad=False)),
          ("pool-max", Options(stride=(2, 2))), ("fc-input", Options()),
          ("fc-weight", Options()),
          ("conv-input", Options(symbolic_steps=True)),        # z3: stride, dilation quantified
          ("conv-delta", Options(symbolic_steps=True))]


def per_size(name: str, opts: Options, setup_kw: dict) -> float:
    steps = (2, 2) if opts.symbolic_steps else opts.stride
    setup = Setup(stride=steps, dilation=opts.dilation, ceil_mode=opts.ceil_mode,
                  count_include_pad=opts.count_include_pad, **setup_kw)
    start = time.perf_counter()
    run(builtin_claims([name], setup))
    return time.perf_counter() - start


def sweep(name: str, opts: Options) -> tuple[int, float]:
    """The per-size prover over input 1..6, kernel 1..3, padding 0..1 (square)."""
    count, start = 0, time.perf_counter()
    for h, k, p in itertools.product(range(1, 7), range(1, 4), range(0, 2)):
        kw = {} if name.startswith("fc") else {"input": (h, h), "kernel": (k, k), "padding": (p, p)}
        try:
            per_size(name, opts, kw)
        except Exception:          # configurations PyTorch rejects
            continue
        count += 1
        if name.startswith("fc"):
            break
    return count, time.perf_counter() - start


def main() -> None:
    print("| claim | held | all sizes (s) | verdict | per size, one 8x8 config (s) | "
          "per-size sweep: configs, s |")
    print("|---|---|---|---|---|---|")
    for name, opts in CLAIMS:
        times, verdict = [], ""
        for _ in range(3):
            r = check(SPECS[name], opts)
            times.append(r.seconds)
            verdict = r.verdict
        held = r.scope.split("; ", 1)[1] if "; " in r.scope else "-"
        if opts.symbolic_steps:
            held = "stride, dilation quantified (z3); " + held
        one = per_size(name, opts, {} if name.startswith("fc") else
                       {"input": (8, 8), "kernel": (3, 3), "padding": (1, 1)})
        n, t = sweep(name, opts)
        print(f"| {name} | {held} | {statistics.median(times):.3f} | {verdict} | {one:.3f} | "
              f"{n}, {t:.2f} |", flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "symbp.cli", "verify", "--all-sizes"], check=False,
                   capture_output=True)
    print(f"\n`symbp verify --all-sizes` (11 built-ins, process start included): "
          f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
