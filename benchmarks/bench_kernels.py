"""Time symbp.kernels' generated conv backward against torch's, and against unrolled lambdify.

    python benchmarks/bench_kernels.py [--repeat R] [--threads T] [--extra] [--no-unrolled]

1. conv2d_input / conv2d_weight (generated from the proved closed forms, numpy backend)
   vs torch.nn.grad.conv2d_input / conv2d_weight on the CPU, side by side in one run:
   each side in its own worker process (``--same-process``: both in this one), asked in
   alternating blocks with a pause between, torch.set_num_threads(<numpy's BLAS threads>)
   (``--threads T`` sets both), median reported; GFLOP/s next to numpy's 2048² matmul
   rate.  Separate processes because, measured here on 2 vCPUs, OpenBLAS's worker
   thread in the same process slows torch's next small convolution 2x or more even
   after a 0.3 s pause, and torch's OpenMP threads slow numpy's likewise.
   ``--extra`` adds strided/dilated/grouped cases, timing the unfused chain
   (``fuse=False``) as well where its source differs from the fused one.
2. The same kernels vs the slow alternative, ``sympy.lambdify`` of the *entrywise* closed
   form (one Python expression per output entry), on small configurations where that
   compiles at all.

Prints Markdown (progress on stderr); the results in docs/kernels.md come from this.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_numeric import (CASES, arrays, blas_threads, matmul_gflops,  # noqa: E402
                           set_blas_threads, side_by_side)
from symbp import kernels as K  # noqa: E402
from symbp.kernels import native
from symbp.kernels import numeric as nm
from symbp.layers.conv import Conv2dConfig  # noqa: E402

try:
    import torch
except ImportError:  # pragma: no cover
    sys.exit("this benchmark needs torch (CPU)")

EXTRA = [
    (8, 32, 32, 32, 3, 2, 1, 1, 1),
    (32, 64, 64, 56, 3, 2, 1, 1, 1),
    (8, 32, 32, 32, 3, 1, 2, 2, 2),
]
# small configurations for the unrolled-lambdify comparison
UNROLLED = [
    (1, 4, 4, 8, 3, 1, 1, 1, 1),
    (2, 4, 4, 12, 3, 2, 1, 1, 1),
    (1, 8, 8, 16, 3, 1, 1, 1, 1),
]


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        model = re.search(r"Model name:\s*(.+)", out)
        cores = re.search(r"^CPU\(s\):\s*(\d+)", out, re.M)
        flags = re.search(r"Flags:\s*(.+)", out)
        simd = [f for f in ("avx2", "avx512f", "fma") if flags and f in flags.group(1).split()]
        return (f"{model.group(1).strip() if model else platform.processor()}, "
                f"{cores.group(1) if cores else os.cpu_count()} CPUs ({', '.join(simd)})")
    except (OSError, subprocess.SubprocessError):
        return f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"


def flops(N, C, O, k, G, ho):
    return 2 * N * O * (C // G) * k * k * ho * ho


def _call(side, case, dtype, op):
    """The timed callable of one side: symbp.kernels ('ours') or torch.nn.grad ('torch')."""
    N, C, O, hw, k, s, p, d, G = case
    x, w, g = arrays(case, dtype)
    if side == "ours":
        if op == "conv2d_input":
            return lambda: K.conv2d_input(x.shape, w, g, s, p, d, G)
        return lambda: K.conv2d_weight(x, w.shape, g, s, p, d, G)
    import torch as th
    xt, wt, gt = (th.from_numpy(a) for a in (x, w, g))
    if op == "conv2d_input":
        return lambda: th.nn.grad.conv2d_input(x.shape, wt, gt, s, p, d, G)
    return lambda: th.nn.grad.conv2d_weight(xt, w.shape, gt, s, p, d, G)


def _serve(side, threads, conn):
    """Worker process for one side: on (case, dtype, op, n) runs one untimed call and
    n timed ones and sends the seconds back; None ends it.  'ours' never imports torch."""
    set_blas_threads(threads)
    if side == "torch":
        import torch as th
        th.set_num_threads(threads)
    calls = {}
    while (msg := conn.recv()) is not None:
        case, dtype, op, n = msg
        f = calls.get((case, dtype, op))
        if f is None:
            calls.clear()
            nm.release_scratch()
            f = calls[(case, dtype, op)] = _call(side, case, dtype, op)
        f()
        ts = []
        for _ in range(n):
            t0 = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t0)
        conn.send(ts)


class Isolated:
    """The two sides in their own processes, asked in alternating blocks."""

    def __init__(self, threads: int):
        ctx = multiprocessing.get_context("spawn")
        self.sides = {}
        for side in ("ours", "torch"):
            here, there = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(side, threads, there), daemon=True)
            proc.start()
            self.sides[side] = (proc, here)

    def time(self, case, dtype, op, repeat, block=3, pause_s=0.3, budget_s=30.0):
        """((median, min) ours, (median, min) torch) in seconds."""
        times = {"ours": [], "torch": []}
        start = time.perf_counter()
        while len(times["ours"]) < repeat:
            for side, acc in times.items():
                time.sleep(pause_s)
                conn = self.sides[side][1]
                conn.send((case, dtype, op, block))
                acc.extend(conn.recv())
            if time.perf_counter() - start > budget_s:
                break
        return tuple((statistics.median(v), min(v)) for v in times.values())

    def close(self):
        for proc, conn in self.sides.values():
            conn.send(None)
            proc.join(timeout=30)


def run_torch(cases, repeat, with_unfused, isolated=None):
    rows = []
    for N, C, O, hw, k, s, p, d, G in cases:
        ho = nm.conv_output_size(hw, k, s, p, d)
        fl = flops(N, C, O, k, G, ho)
        cfg = Conv2dConfig.make(hw, k, s, p, d, (C, O), G)
        for dtype in (np.float32, np.float64):
            x, w, g = arrays((N, C, O, hw, k, s, p, d, G), dtype)
            xt, wt, gt = (torch.from_numpy(a) for a in (x, w, g))
            tol = 1e-2 if dtype == np.float32 else 1e-8
            name = f"N={N} {C}→{O} {hw}×{hw} k{k} s{s} p{p} d{d} g{G}"
            plain_in = K.generate("conv2d_input", cfg, fuse=False)
            plain_w = K.generate("conv2d_weight", cfg, fuse=False)
            ops = [
                ("conv2d_input", lambda: K.conv2d_input(x.shape, w, g, s, p, d, G),
                 lambda: torch.nn.grad.conv2d_input(x.shape, wt, gt, s, p, d, G),
                 lambda: plain_in(g, w)),
                ("conv2d_weight", lambda: K.conv2d_weight(x, w.shape, g, s, p, d, G),
                 lambda: torch.nn.grad.conv2d_weight(xt, w.shape, gt, s, p, d, G),
                 lambda: plain_w(x, g)),
            ]
            for op, ours, theirs, unfused in ops:
                mine, ref = ours(), theirs().numpy()
                assert mine.dtype == dtype
                err = float(np.max(np.abs(mine - ref)) / max(1.0, float(np.max(np.abs(ref)))))
                assert err < tol, (name, op, err)
                if isolated is not None:
                    (t_ours, min_ours), (t_torch, min_torch) = isolated.time(
                        (N, C, O, hw, k, s, p, d, G), dtype, op, repeat)
                else:
                    (t_ours, min_ours), (t_torch, min_torch) = side_by_side(ours, theirs, repeat)
                t_unf = None
                differs = K.generate(op, cfg).source != K.generate(op, cfg, fuse=False).source
                if with_unfused and differs:
                    (t_unf, _), _ = side_by_side(unfused, ours, max(3, repeat // 3))
                rows.append((name, np.dtype(dtype).name, op, t_ours * 1e3, t_torch * 1e3,
                             t_ours / t_torch, min_ours / min_torch, fl / t_ours / 1e9,
                             fl / t_torch / 1e9, None if t_unf is None else t_unf * 1e3))
                print(f"  {name} {np.dtype(dtype).name} {op}: ours {t_ours * 1e3:.2f} ms "
                      f"(min {min_ours * 1e3:.2f}), torch {t_torch * 1e3:.2f} ms "
                      f"(min {min_torch * 1e3:.2f})"
                      + (f", unfused {t_unf * 1e3:.2f} ms" if t_unf else ""),
                      file=sys.stderr, flush=True)
            nm.release_scratch()
    return rows


def best_of(f, repeat, inner=1):
    f()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        ts.append((time.perf_counter() - t0) / inner)
    return statistics.median(ts)


def run_unrolled(cases, repeat):
    rows = []
    for N, C, O, hw, k, s, p, d, G in cases:
        cfg = Conv2dConfig.make(hw, k, s, p, d, (C, O), G, N)
        rng = np.random.default_rng(2)
        x = rng.standard_normal((N, C, hw, hw))
        w = rng.standard_normal((O, C // G, k, k))
        g = rng.standard_normal((N, O) + cfg.output)
        name = f"N={N} {C}→{O} {hw}×{hw} k{k} s{s} p{p}"
        for op, args, ours in (
                ("conv2d_input", (g, w), lambda: K.conv2d_input(x.shape, w, g, s, p, d, G)),
                ("conv2d_weight", (x, g), lambda: K.conv2d_weight(x, w.shape, g, s, p, d, G))):
            t0 = time.perf_counter()
            try:
                slow = K.unrolled(op, cfg, batch=N)
            except (RecursionError, MemoryError, SyntaxError) as err:
                print(f"  {name} {op}: unrolled does not compile ({type(err).__name__})",
                      file=sys.stderr)
                rows.append((name, op, None, None, None, None, None))
                continue
            t_gen = time.perf_counter() - t0
            np.testing.assert_allclose(slow(*args), ours(), rtol=0, atol=1e-10)
            t_slow = best_of(lambda: slow(*args), repeat)
            t_fast = best_of(ours, repeat, inner=20)
            rows.append((name, op, slow.terms, t_gen, t_slow * 1e3, t_fast * 1e3, t_slow / t_fast))
            print(f"  {name} {op}: unrolled {t_slow * 1e3:.3f} ms ({slow.terms} terms, "
                  f"generated in {t_gen:.1f} s), ours {t_fast * 1e3:.3f} ms",
                  file=sys.stderr, flush=True)
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15, help="timed runs per side (median)")
    ap.add_argument("--extra", action="store_true",
                    help="also strided/dilated/grouped cases, with the unfused chain")
    ap.add_argument("--threads", type=int, help="set numpy's BLAS threads (and torch's) to this")
    ap.add_argument("--no-unrolled", action="store_true", help="skip the unrolled-lambdify part")
    ap.add_argument("--same-process", action="store_true",
                    help="time both sides in this process (default: one worker process each)")
    args = ap.parse_args(argv)

    if args.threads:
        set_blas_threads(args.threads)
    threads, source = blas_threads()
    torch.set_num_threads(threads)
    loads = [os.getloadavg()]
    ref32, ref64 = matmul_gflops(np.float32), matmul_gflops(np.float64)
    isolated = None if args.same_process else Isolated(threads)
    try:
        rows = run_torch(CASES + (EXTRA if args.extra else []), args.repeat, args.extra, isolated)
    finally:
        if isolated is not None:
            isolated.close()
    unrolled_rows = [] if args.no_unrolled else run_unrolled(UNROLLED, max(5, args.repeat // 3))
    loads.append(os.getloadavg())

    cpus = os.cpu_count() or 1
    print("## symbp.kernels vs torch CPU conv backward\n")
    print(f"- command: `python benchmarks/{Path(__file__).name} {shlex.join(argv or sys.argv[1:])}`")
    print(f"- machine: {machine()}; numpy {np.__version__}, torch {torch.__version__}, "
          f"Python {platform.python_version()}")
    print(f"- symbp primitives: {native.describe()}; they serve the stride-1 ops up to "
          f"DIRECT_MAX_MACS = {nm.DIRECT_MAX_MACS} (64→64 at 3×3), im2col + OpenBLAS the rest")
    print(f"- threads: numpy BLAS {threads} (from {source}); torch.set_num_threads({threads}) "
          f"(torch.get_num_threads() = {torch.get_num_threads()})")
    print(f"- load average (1, 5, 15 min) at start {', '.join(f'{v:.2f}' for v in loads[0])}, "
          f"at end {', '.join(f'{v:.2f}' for v in loads[1])} on {cpus} CPUs")
    if loads[0][0] > cpus - threads + 0.5:
        print("- WARNING: other processes share the CPUs this run needs; timings are noisy "
              "(the 'min ratio' column is the more robust one)")
    print(f"- numpy matmul 2048² reference: float32 {ref32:.0f} GFLOP/s, float64 {ref64:.0f} GFLOP/s")
    print("- " + ("both sides in this one process" if args.same_process else
                  "each side in its own worker process (symbp's never imports torch)")
          + ", asked in alternating blocks of 3 runs after a 0.3 s pause")
    print(f"- median of {args.repeat} runs per side, alternating blocks; 'min ratio' = ratio of "
          f"the fastest runs; GFLOP/s = 2·N·C_out·(C_in/G)·k²·Ho·Wo / median time\n")
    unfused = any(r[-1] is not None for r in rows)
    print("| case | dtype | op | ours ms | torch ms | ours/torch | min ratio | ours GFLOP/s "
          "| torch GFLOP/s |" + (" unfused ms |" if unfused else ""))
    print("|---|---|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if unfused else ""))
    for name, dt, op, a, b, r, rmin, fa, fb, tu in rows:
        print(f"| {name} | {dt} | {op} | {a:.2f} | {b:.2f} | {r:.2f} | {rmin:.2f} | {fa:.0f} "
              f"| {fb:.0f} |" + ((f" {tu:.2f} |" if tu is not None else " – |") if unfused else ""))
    if unrolled_rows:
        print("\n## vs unrolled lambdify of the entrywise closed form (float64, per call)\n")
        print("| case | op | terms | lambdify s | unrolled ms | ours ms | unrolled/ours |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, op, terms, t_gen, t_slow, t_fast, ratio in unrolled_rows:
            if terms is None:
                print(f"| {name} | {op} | – | does not compile | – | – | – |")
            else:
                print(f"| {name} | {op} | {terms} | {t_gen:.1f} | {t_slow:.3f} | {t_fast:.3f} "
                      f"| {ratio:.0f}× |")


if __name__ == "__main__":
    main()
