"""Speed of ``symbp audit`` per op and target, side by side with torch.autograd.gradcheck.

    python benchmarks/bench_audit.py [--targets torch,torch.compile] [--ops ...] [--max-size 5]
                                     [--sweep full|pairwise] [--gradcheck]

Prints a Markdown table (copied into docs/benchmarks.md): for each op and target, the
configurations audited, the wall time of the whole audit (compile time included for
torch.compile, the reference values and their proofs included), seconds per
configuration and what it found; with ``--gradcheck``, the time torch.autograd.gradcheck
(float64, its default tolerances, every tensor argument) takes on the same configurations
and how many it flags -- the check people use instead, which samples with a tolerance.
"""
from __future__ import annotations

import argparse
import platform
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--targets", default="torch")
    p.add_argument("--ops", default=",".join(OPS))
    p.add_argument("--max-size", type=int, default=5)
    p.add_argument("--sweep", choices=("full", "pairwise"))
    p.add_argument("--gradcheck", action="store_true")
    args = p.parse_args()
    print(f"<!-- {platform.processor() or platform.machine()}, torch {torch.__version__}, "
          f"max-size {args.max_size} -->")
    print("| op | target | sweep | configs | audit s | s/config | failing configs |"
          + (" gradcheck s | gradcheck flags |" if args.gradcheck else ""))
    print("|---|---|---|---:|---:|---:|---:|" + ("---:|---:|" if args.gradcheck else ""))
    for target in args.targets.split(","):
        tgt = resolve(target)
        sweep = args.sweep or ("pairwise" if target == "torch.compile" else "full")
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
