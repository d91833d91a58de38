"""Speed of ``symbp audit`` per op and target, side by side with torch.autograd.gradcheck.

    python benchmarks/bench_audit.py [--targets torch,torch.compile] [--ops ...] [--max-size 5]
                                     [--sweep full|pairwise] [--gradcheck]

Prints a Markdown table (copied into docs/benchmarks.md): for each op and target, the
configurations audited, the wall time of the whole audit (compile time included for
torch.compile, the reference values and their proofs included), seconds per
configuration and what it found; with ``--gradcheck``, the time torch.autograd.gradcheck
(float64, its default tolerances, every tensor argument) takes on the same configurations
and how many it flags -- the check people use instead, which samples with a tolerance.

    python benchmarks/bench_audit.py --cold [--targets torch,torch.compile] [--ops ...]

``--cold`` times what a user waits for instead: the whole command ``symbp audit TARGET
--ops OP`` (default lattice and sweep) in a fresh process, with Inductor's caches in a
fresh empty TORCHINDUCTOR_CACHE_DIR (so every graph and every C++ kernel is compiled
from nothing), eager torch and torch.compile side by side for each op, with the load
average at the end of each run (the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

from symbp.audit import configs_for, resolve
from symbp.audit.lattice import OPS, inputs_for
from symbp.audit.runner import audit_op
from symbp.audit.targets import TENSORS


def gradcheck_all(target, op: str, configs) -> tuple[float, int]:
    """(seconds, configurations gradcheck flags) for ``op`` on ``target``."""
    fn = resolve(target)._torch_fn(op)
    flagged = 0
    start = time.perf_counter()
    for cfg in configs:
        data = inputs_for(cfg)
        rng = np.random.default_rng(cfg.index)
        # gradcheck needs no ties (max pooling is not differentiable there): random reals
        args = [torch.tensor(rng.standard_normal(data[n].shape), requires_grad=True)
                for n in TENSORS[op]]
        try:
            ok = torch.autograd.gradcheck(lambda *a: fn(*a, **cfg.kwargs()), args,
                                          raise_exception=False)
        except Exception:
            ok = False
        flagged += not ok
    return time.perf_counter() - start, flagged


def cold_row(target: str, op: str) -> str:
    """One table row: ``symbp audit TARGET --ops OP --json`` timed whole, caches empty."""
    cache = tempfile.mkdtemp(prefix="bench_audit_inductor_")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "TORCHINDUCTOR_CACHE_DIR": cache,
           "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "symbp.cli", "audit", target, "--ops", op,
                          "--json"], capture_output=True, text=True, env=env, cwd=root)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(cache, ignore_errors=True)
    load = os.getloadavg()[0]
    try:
        (entry,) = json.loads(run.stdout)
    except ValueError:
        return f"| {op} | {target} | exit {run.returncode}: {run.stderr.strip()[-80:]} |"
    smallest = entry["smallest"]
    found = "conforms" if smallest is None else \
        f"{entry['mismatches']} failing; smallest {smallest['description']}"
    return (f"| {op} | {target} | {entry['configs']} | {seconds:.1f} | {cpu:.1f} | "
            f"{entry['seconds']:.1f} | {load:.1f} | {found} |")


def main_cold(targets: list[str], ops: list[str]) -> None:
    print(f"<!-- {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch {torch.__version__}, default lattice (N = 5), cold Inductor cache -->")
    print("| op | target | configs | command s | CPU s | audit s | load | result |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for op in ops:
        for target in targets:
            print(cold_row(target, op), flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--targets", help="default: torch (--cold: torch,torch.compile)")
    p.add_argument("--ops", default=",".join(OPS))
    p.add_argument("--max-size", type=int, default=5)
    p.add_argument("--sweep", choices=("full", "pairwise", "compile"))
    p.add_argument("--gradcheck", action="store_true")
    p.add_argument("--cold", action="store_true",
                   help="time whole commands, one per op and target, Inductor cache empty")
    args = p.parse_args()
    if args.cold:
        targets = args.targets or "torch,torch.compile"
        return main_cold(targets.split(","), args.ops.split(","))
    print(f"<!-- {platform.processor() or platform.machine()}, torch {torch.__version__}, "
          f"max-size {args.max_size} -->")
    print("| op | target | sweep | configs | audit s | s/config | failing configs |"
          + (" gradcheck s | gradcheck flags |" if args.gradcheck else ""))
    print("|---|---|---|---:|---:|---:|---:|" + ("---:|---:|" if args.gradcheck else ""))
    for target in (args.targets or "torch").split(","):
        tgt = resolve(target)
        sweep = args.sweep or ("compile" if target == "torch.compile" else "full")
        for op in args.ops.split(","):
            configs = configs_for(op, args.max_size, sweep)
            start = time.perf_counter()
            result = audit_op(tgt, op, configs)
            seconds = time.perf_counter() - start
            row = (f"| {op} | {target} | {sweep} | {result.configs} | {seconds:.1f} | "
                   f"{seconds / max(1, result.configs):.3f} | {result.mismatches} |")
            if args.gradcheck:
                gs, flagged = gradcheck_all(target, op, configs)
                row += f" {gs:.1f} | {flagged} |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
