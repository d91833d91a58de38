"""`symbp code` speed and reach, side by side with the finite-difference check CS231n uses.

    python benchmarks/bench_code.py [--repeat 3] [--skip-cli]

For each layer of tests/fixtures/code/good.py at CS231n's test sizes (conv x 2x3x4x4,
w 3x3x4x4, stride 2, pad 1; max pool x 2x3x4x4, 2x2 stride 2; affine x 3x2x3 -> 4; relu
3x4; softmax 3x4; batch norm 4x2):
  * symbp: the exact check of one configuration (all its comparison regions), in process;
  * finite differences: CS231n's centred difference (h = 1e-5) of every input entry of
    every gradient, on Gaussian inputs, with its relative-error test (< 1e-7 passes);
then, for every bug-class fixture, whether each method flags it (finite differences on
Gaussian inputs, as the course does), and the whole `symbp code FILE --cs231n` command
(sweep included, one child per pair) for good.py.  Prints Markdown for docs/benchmarks.md.
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

from symbp.code.check import check_pair  # noqa: E402
from symbp.code.layers import default_cases  # noqa: E402

PAIRS = [("conv2d", "conv_forward_naive", "conv_backward_naive"),
         ("maxpool", "max_pool_forward_naive", "max_pool_backward_naive"),
         ("affine", "affine_forward", "affine_backward"),
         ("relu", "relu_forward", "relu_backward"),
         ("softmax-loss", "softmax_loss", None),
         ("batchnorm", "batchnorm_forward", "batchnorm_backward")]

BUGS = [("conv_pad_slice", "conv2d"), ("conv_from_x", "conv2d"), ("pool_overwrite", "maxpool"),
        ("pool_all_ties", "maxpool"), ("pool_last_tie", "maxpool"), ("relu_kink", "relu"),
        ("softmax_wrong", "softmax-loss"), ("batchnorm_wrong", "batchnorm")]


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
    args = ap.parse_args(argv)
    good = importlib.import_module("good")
    print("| layer (CS231n test size) | symbp exact check ms | finite differences ms | "
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
    print("| buggy fixture | symbp verdict (sweep) | symbp s | FD flags it (CS231n size) | "
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
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "symbp.cli", "code",
                               str(FIXTURES / "good.py"), "--cs231n"], env=env,
                              capture_output=True, text=True)
        took = time.perf_counter() - t
        print()
        print(f"`symbp code tests/fixtures/code/good.py --cs231n` (sweep, 6 pairs, one child "
              f"each): {took:.2f} s, exit {proc.returncode}, "
              f"{proc.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
