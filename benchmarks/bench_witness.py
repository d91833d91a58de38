"""What the second witness (symbp/witness/) costs: `symbp verify` with and without it.

    python benchmarks/bench_witness.py [--repeat 3]

Each case runs the built-in claims (derivation, proof and, when on, the witness's two checks:
both sides at a random point by direct loops, and the derived side against the forward) in a
fresh process, alternately with the witness on and switched off, and reports the median CPU
seconds (time.process_time, so other load on the machine counts less) as a Markdown table
(copied into docs/benchmarks.md).  Repeated runs in one process slow down as SymPy's caches
grow, which is why each measurement gets its own process.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    ("conv-input conv-weight conv-bias, 64x64 input, 5x5 kernel",
     "['conv-input', 'conv-weight', 'conv-bias'], Setup(input=(64, 64), kernel=(5, 5))"),
    ("conv-weight, 2->4 channels, 32x32, 3x3, stride 2, padding 1 (crop form)",
     "['conv-weight'], Setup(input=(32, 32), kernel=(3, 3), stride=(2, 2), padding=(1, 1), "
     "channels=(2, 4))"),
    ("every built-in at the default sizes", "[], Setup()"),
    ("pool-max, 8x8 input, 3x3 window, stride 2",
     "['pool-max'], Setup(input=(8, 8), kernel=(3, 3), stride=(2, 2))"),
]

CHILD = """
import time
from symbp import witness
from symbp.claims import Setup, builtin_claims, run
if not {on}:
    witness.confirm = witness.confirm_gradient = lambda *a, **k: None
start = time.process_time()
results = run(builtin_claims({args}))
assert all(r.as_expected for r in results)
print(time.process_time() - start)
"""


def once(args: str, on: bool) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", CHILD.format(on=on, args=args)], env=env,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}\n")
    print("| case | without witness (CPU s) | with witness (CPU s) | overhead |")
    print("|---|---:|---:|---:|")
    for label, args in CASES:
        off, on = [], []
        for _ in range(opts.repeat):
            off.append(once(args, False))
            on.append(once(args, True))
        a, b = statistics.median(off), statistics.median(on)
        print(f"| {label} | {a:.3f} | {b:.3f} | {b / a:.2f}x |")


if __name__ == "__main__":
    main()
