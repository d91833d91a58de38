"""`symbp code` speed and reach, side by side with the finite-difference check CS231n uses.

    python benchmarks/bench_code.py [--repeat 3] [--skip-cli] [--course-only] [--naive-limit S]

First (the course's own test sizes, from the assignment notebooks): each function of
tests/fixtures/code/good.py checked at one configuration, forward and backward, every
comparison region, in a forked child, twice: with the fast exact route
(symbp/code/fastproof.py, Forms of symbp/code/laurent.py) and with the SymPy route alone
(the route before it; fastproof.FAST_LAYERS emptied), which gets at most --naive-limit
seconds.  CPU seconds of the child and wall seconds are both printed (the machine is
shared: wall time is inflated by load, CPU time much less).

Then, for each layer of tests/fixtures/code/good.py at its first, small configuration
(conv x 2x3x4x4, w 3x3x4x4, stride 2, pad 1; max pool x 2x3x4x4, 2x2 stride 2; affine
x 3x2x3 -> 4; relu 3x4; softmax 3x4; batch norm 4x2):
  * symbp: the exact check of one configuration (all its comparison regions), in process;
  * finite differences: CS231n's centred difference (h = 1e-5) of every input entry of
    every gradient, on Gaussian inputs, with its relative-error test (< 1e-7 passes);
then, for every bug-class fixture, whether each method flags it (finite differences on
Gaussian inputs, as the course does), and the whole `symbp code FILE --cs231n` command
(sweep included, one child per pair) for each fixture file, wall and CPU seconds.
Prints Markdown for docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "code"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(FIXTURES))

from symbp.code import fastproof  # noqa: E402
from symbp.code.check import check_pair  # noqa: E402
from symbp.code.layers import (batchnorm_case, conv_case, default_cases,  # noqa: E402
                               affine_case, pool_case, relu_case, softmax_case)

PAIRS = [("conv2d", "conv_forward_naive", "conv_backward_naive"),
         ("maxpool", "max_pool_forward_naive", "max_pool_backward_naive"),
         ("affine", "affine_forward", "affine_backward"),
         ("relu", "relu_forward", "relu_backward"),
         ("softmax-loss", "softmax_loss", None),
         ("batchnorm", "batchnorm_forward", "batchnorm_backward")]

BUGS = [("conv_pad_slice", "conv2d"), ("conv_from_x", "conv2d"), ("pool_overwrite", "maxpool"),
        ("pool_all_ties", "maxpool"), ("pool_last_tie", "maxpool"), ("relu_kink", "relu"),
        ("pool_cross_tie", "maxpool"), ("softmax_wrong", "softmax-loss"),
        ("batchnorm_wrong", "batchnorm")]


def _numeric_grad(f, x, df, h=1e-5):
    """CS231n's eval_numerical_gradient_array, written here: centred differences."""
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        pos = f(x).copy()
        x[i] = old - h
        neg = f(x).copy()
        x[i] = old
        grad[i] = np.sum((pos - neg) * df) / (2 * h)
        it.iternext()
    return grad


def _rel_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return np.inf
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))) if a.size else 0.0


def finite_difference_check(layer, forward, backward, case, seed=0) -> bool:
    """True when CS231n's check passes (every relative error below 1e-7) on Gaussian inputs."""
    rng = np.random.default_rng(seed)
    arrays = {k: rng.standard_normal(v.shape) for k, v in case.arrays.items()}
    names = list(case.arrays)
    params = [{k: (1e-5 if k == "eps" else v) for k, v in d.items()} for d in case.params()]
    try:
        if layer == "softmax-loss":
            _, dx = forward(arrays["x"], case.labels)
            num = _numeric_grad(lambda x: np.array(forward(x, case.labels)[0]), arrays["x"],
                                np.array(1.0))
            return _rel_error(num, dx) < 1e-7
        out, cache = forward(*[arrays[k] for k in names], *params)
        dout = rng.standard_normal(np.shape(out))
        grads = backward(dout, cache)
        grads = grads if isinstance(grads, tuple) else (grads,)
        for k, name in enumerate(names):
            def f(v, name=name):
                args = dict(arrays, **{name: v})
                return forward(*[args[n] for n in names], *[dict(p) for p in params])[0]
            if _rel_error(_numeric_grad(f, arrays[name], dout), grads[k]) >= 1e-7:
                return False
        return True
    except (AssertionError, ValueError, IndexError):
        return False


#: CS231n's own test sizes (assignment notebooks: the forward tests and the gradient checks)
COURSE = [("conv2d", lambda: conv_case((2, 3, 4, 4), (3, 3, 4, 4), 2, 1), "forward test"),
          ("conv2d", lambda: conv_case((4, 3, 5, 5), (2, 3, 3, 3), 1, 1), "gradient check"),
          ("maxpool", lambda: pool_case((2, 3, 4, 4), (2, 2), 2), "forward test"),
          ("maxpool", lambda: pool_case((3, 2, 8, 8), (2, 2), 2), "gradient check"),
          ("affine", lambda: affine_case((10, 2, 3), 5), "gradient check"),
          ("relu", lambda: relu_case((10, 10)), "gradient check"),
          ("softmax-loss", lambda: softmax_case(50, 10), "gradient check"),
          ("batchnorm", lambda: batchnorm_case(4, 5), "gradient check")]


def _timed_in_child(layer, make_case, fast: bool, limit: float):
    """(verdicts, regions, cpu s, wall s) of one check in a forked child; None past limit."""
    import multiprocessing
    import queue
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()

    def work():
        if not fast:
            fastproof.FAST_LAYERS = ()
        good = importlib.import_module("good")
        f, b = next((f, b) for l, f, b in PAIRS if l == layer)
        case = make_case()
        wall, cpu = time.perf_counter(), time.process_time()
        out = check_pair(getattr(good, f), b and getattr(good, b), layer, [case])
        results.put(([r["verdict"] for r in out], out[0]["configs"][0].get("regions"),
                     time.process_time() - cpu, time.perf_counter() - wall))
    child = ctx.Process(target=work)
    child.start()
    try:
        return results.get(timeout=limit)
    except queue.Empty:
        return None
    finally:
        child.kill()
        child.join()


def course_sizes(naive_limit: float) -> None:
    """The table of the course's test sizes, fast route against the SymPy route alone."""
    print("| function | CS231n size | fast route: CPU s (wall s) | SymPy route alone: CPU s "
          "(wall s) | verdicts (backward, forward) | regions |")
    print("|---|---|---:|---:|---|---:|")
    for layer, make_case, which in COURSE:
        fast = _timed_in_child(layer, make_case, True, 600)
        naive = _timed_in_child(layer, make_case, False, naive_limit)
        shown = lambda r: f"{r[2]:.2f} ({r[3]:.2f})" if r else f"> {naive_limit:.0f} (stopped)"
        print(f"| {layer} | {make_case().describe()} ({which}) | {shown(fast)} | "
              f"{shown(naive)} | {', '.join(fast[0]) if fast else '?'} | "
              f"{fast[1] if fast else '?'} |", flush=True)


def _median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--course-only", action="store_true",
                    help="only the table of CS231n's own test sizes")
    ap.add_argument("--naive-limit", type=float, default=120.0,
                    help="seconds the SymPy route alone gets per function (default 120)")
    args = ap.parse_args(argv)
    course_sizes(args.naive_limit)
    print()
    if args.course_only:
        return
    good = importlib.import_module("good")
    print("| layer (first, small configuration) | symbp exact check ms | finite differences ms | "
          "symbp verdict | FD passes |")
    print("|---|---:|---:|---|---|")
    for layer, f, b in PAIRS:
        forward, backward = getattr(good, f), b and getattr(good, b)
        case = default_cases(layer, False)[0]
        verdict = check_pair(forward, backward, layer, [case])[0]["verdict"]
        ours = _median_time(lambda: check_pair(forward, backward, layer,
                                               [default_cases(layer, False)[0]]), args.repeat)
        fd_ok = finite_difference_check(layer, forward, backward, case)
        theirs = _median_time(lambda: finite_difference_check(layer, forward, backward, case),
                              args.repeat)
        print(f"| {layer} ({case.describe()}) | {ours * 1e3:.1f} | {theirs * 1e3:.1f} | {verdict} | "
              f"{'yes' if fd_ok else 'no'} |")
    print()
    print("| buggy fixture | symbp verdict (sweep) | symbp wall s | FD flags it (small size) | "
          "FD flags it (sweep sizes) |")
    print("|---|---|---:|---|---|")
    for module, layer in BUGS:
        code = importlib.import_module(module)
        f = next(p for p in PAIRS if p[0] == layer)
        forward, backward = getattr(code, f[1]), f[2] and getattr(code, f[2])
        t = time.perf_counter()
        verdict = check_pair(forward, backward, layer)[0]["verdict"]
        took = time.perf_counter() - t
        cases = default_cases(layer, True)
        first = not finite_difference_check(layer, forward, backward, cases[0])
        any_case = any(not finite_difference_check(layer, forward, backward, c) for c in cases)
        print(f"| {module} | {verdict} | {took:.2f} | {'yes' if first else 'no'} | "
              f"{'yes' if any_case else 'no'} |")
    if not args.skip_cli:
        print()
        whole_files()


#: fixtures run whole with --cs231n (the sweep is on by default there)
CLI_FILES = ["good", "conv_pad_slice", "conv_from_x", "pool_overwrite", "pool_all_ties",
             "pool_last_tie", "pool_even_split", "pool_cross_tie", "relu_kink", "softmax_wrong",
             "softmax_one_row", "batchnorm_wrong", "shape_and_eps"]


def whole_files() -> None:
    """`symbp code FILE --cs231n` per fixture: wall and CPU seconds (children included)."""
    import resource
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    print("| `symbp code FILE --cs231n` (sweep) | wall s | CPU s | exit | summary |")
    print("|---|---:|---:|---:|---|")
    for name in CLI_FILES:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "symbp.cli", "code",
                               str(FIXTURES / f"{name}.py"), "--cs231n"], env=env,
                              capture_output=True, text=True)
        took = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"| {name}.py | {took:.2f} | {cpu:.2f} | {proc.returncode} | {last} |",
              flush=True)


if __name__ == "__main__":
    main()
