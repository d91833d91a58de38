"""All-sizes proofs against the per-size engine, every built-in claim in every mode.

For each claim and mode (isl with stride and dilation held; z3 with them quantified,
``--symbolic-steps``; pooling flags; groups): the time of one all-sizes proof (median of 5
in a warm process, wall clock and, in parentheses, this process's CPU time, which a
loaded machine disturbs less; and the first proof in a fresh process, which also pays SymPy's and z3's
one-time start-up, as ``symbp verify --all-sizes`` does), beside the naive alternatives: the
per-size prover at one 8x8 configuration, and a sweep of the per-size prover over a grid of
small sizes (which still covers only those sizes).  Then the whole ``symbp verify
--all-sizes`` runs.  ``--quick`` skips the per-size columns and the fresh processes.

    PYTHONPATH=. python benchmarks/bench_allsizes.py [--quick]
"""
from __future__ import annotations

import itertools
import statistics
import subprocess
import sys
import time

from symbp.allsizes.verify import SPECS, Options, check
from symbp.claims import Setup, builtin_claims, run

Z3 = dict(symbolic_steps=True)
#: (claim, options as keyword arguments): every built-in with an all-sizes form, every mode
CLAIMS = [
    ("conv-input", dict(stride=(2, 2))), ("conv-input", Z3),
    ("conv-weight", dict(dilation=(2, 2))), ("conv-weight", Z3),
    ("conv-bias", dict(stride=(2, 2))), ("conv-bias", Z3),
    ("conv-delta", dict(stride=(2, 2))), ("conv-delta", Z3),
    ("conv-weight-seed", dict()), ("conv-weight-seed", Z3),
    ("conv-input", dict(stride=(2, 2), groups=2)), ("conv-input", dict(Z3, groups=2)),
    ("conv-weight", dict(stride=(2, 2), groups=2)), ("conv-weight", dict(Z3, groups=2)),
    ("pool-avg", dict(stride=(2, 2))),
    ("pool-avg", dict(stride=(2, 2), count_include_pad=False)),
    ("pool-avg", dict(stride=(2, 2), ceil_mode=True)),
    ("pool-avg", dict(stride=(2, 2), ceil_mode=True, count_include_pad=False)),
    ("pool-avg", dict(stride=(1, 1), count_include_pad=False)),
    ("pool-avg", dict(stride=(2, 2), divisor_override=True)),
    ("pool-max", dict(stride=(2, 2))), ("pool-max", dict(stride=(2, 2), ceil_mode=True)),
    ("pool-max", dict(stride=(1, 1), dilation=(2, 2))),
    ("pool-delta-avg", dict(stride=(2, 2))),
    ("pool-delta-avg", dict(stride=(2, 2), ceil_mode=True, count_include_pad=False)),
    ("pool-delta-max", dict(stride=(2, 2))), ("pool-global-avg", dict()),
    ("fc-input", dict()), ("fc-weight", dict()), ("fc-bias", dict()), ("fc-delta", dict()),
]

_FRESH = ("import sys, ast; from symbp.allsizes.verify import SPECS, Options, check; "
          "r = check(SPECS[sys.argv[1]], Options(**ast.literal_eval(sys.argv[2]))); "
          "print(r.seconds)")


def mode(kw: dict) -> str:
    parts = ["z3: stride, dilation quantified"] if kw.get("symbolic_steps") else []
    parts += [f"{k} {v[0] if isinstance(v, tuple) else v}" for k, v in kw.items()
              if k != "symbolic_steps"]
    return "; ".join(parts) or "defaults"


#: the per-size built-in of an all-sizes claim (pool-delta holds both pooling modes)
PER_SIZE = {"pool-delta-avg": "pool-delta", "pool-delta-max": "pool-delta"}


def per_size(name: str, kw: dict, setup_kw: dict) -> float:
    name = PER_SIZE.get(name, name)
    steps = (2, 2) if kw.get("symbolic_steps") else kw.get("stride")
    setup = Setup(stride=steps, dilation=kw.get("dilation", (1, 1)),
                  ceil_mode=kw.get("ceil_mode", False),
                  count_include_pad=kw.get("count_include_pad", True),
                  divisor_override=2 if kw.get("divisor_override") else None,
                  groups=kw.get("groups", 1), **setup_kw)
    start = time.perf_counter()
    run(builtin_claims([name], setup))
    return time.perf_counter() - start


def _square(name: str, kw: dict, h: int, k: int, p: int) -> dict:
    if name.startswith("fc"):
        return {}
    g = kw.get("groups", 1)
    out = {"input": (h, h), "kernel": (k, k), "padding": (p, p)}
    return out | ({"channels": (g, g)} if g != 1 else {})


def sweep(name: str, kw: dict) -> tuple[int, float]:
    """The per-size prover over input 1..6, kernel 1..3, padding 0..1 (square)."""
    count, start = 0, time.perf_counter()
    for h, k, p in itertools.product(range(1, 7), range(1, 4), range(0, 2)):
        try:
            per_size(name, kw, _square(name, kw, h, k, p))
        except Exception:          # configurations PyTorch rejects
            continue
        count += 1
        if name.startswith("fc"):
            break
    return count, time.perf_counter() - start


def fresh(name: str, kw: dict) -> float:
    """check() as the first proof of a new process (its own time, start-up excluded)."""
    out = subprocess.run([sys.executable, "-c", _FRESH, name, repr(kw)], capture_output=True,
                         text=True, check=True)
    return float(out.stdout.split()[-1])


def main(quick: bool = False) -> None:
    print("| claim | mode | all sizes, warm: wall (CPU) s | first in a process (s) | verdict | "
          "per size, one 8x8 config (s) | per-size sweep: configs, s |")
    print("|---|---|---|---|---|---|---|")
    for name, kw in CLAIMS:
        try:
            opts = Options(**kw)
            results, cpu = [], []
            for _ in range(5):
                start = time.process_time()
                results.append(check(SPECS[name], opts))
                cpu.append(time.process_time() - start)
        except TypeError as err:               # an option this version does not have
            print(f"| {name} | {mode(kw)} | n/a ({err}) | | | | |", flush=True)
            continue
        warm = f"{statistics.median(r.seconds for r in results):.3f} " \
               f"({statistics.median(cpu):.3f})"
        first = "-" if quick else f"{fresh(name, kw):.3f}"
        one, grid = "-", "-"
        if not quick:
            one = f"{per_size(name, kw, _square(name, kw, 8, 3, 1)):.3f}"
            n, t = sweep(name, kw)
            grid = f"{n}, {t:.2f}"
        print(f"| {name} | {mode(kw)} | {warm} | {first} | {results[0].verdict} | {one} | "
              f"{grid} |", flush=True)
    for flags in ([], ["--symbolic-steps"]):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "symbp.cli", "verify", "--all-sizes", *flags],
                       check=False, capture_output=True)
        print(f"\n`symbp verify --all-sizes {' '.join(flags)}` (every all-sizes claim, process start "
              f"included): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
