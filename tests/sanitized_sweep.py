"""Run symbp's C loops from a library built with ASan + UBSan over random configs.

    LD_PRELOAD="libasan.so libubsan.so" python tests/sanitized_sweep.py LIB [SEED]

Run by tests/test_native.py::test_c_loops_are_clean_under_address_and_ub_sanitizers:
any out-of-bounds access or undefined behaviour aborts the process; wrong values
fail an assert.  Prints "ok <n> configs".
"""
import ctypes
import sys

import numpy as np
import torch
import torch.nn.functional as F

from symbp.kernels import native

native._table = native.bind(ctypes.CDLL(sys.argv[1]))
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
n = 0
for trial in range(400):
    G, Cg, Og = int(rng.choice([1, 2, 3])), int(rng.integers(1, 20)), int(rng.integers(1, 20))
    k = tuple(int(v) for v in rng.integers(1, 7, 2))
    d = tuple(int(v) for v in rng.integers(1, 4, 2))
    p = tuple(int(v) for v in rng.integers(0, 4, 4))
    hw = (int(rng.integers(1, 10)), int(rng.integers(1, 80)))
    if any(hw[i] + p[2 * i] + p[2 * i + 1] < d[i] * (k[i] - 1) + 1 for i in range(2)):
        continue
    N, threads = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    dt = np.float32 if trial % 2 else np.float64
    x = rng.standard_normal((N, G * Cg) + hw).astype(dt)
    w = rng.standard_normal((G * Og, Cg) + k).astype(dt)
    xp = F.pad(torch.from_numpy(x), (p[2], p[3], p[0], p[1]))
    ref = F.conv2d(xp, torch.from_numpy(w), None, 1, 0, d, G).numpy()
    out = np.empty_like(ref)
    native.correlate_images(x, w, out, G, d, p, threads)
    tol = 1e-3 if dt == np.float32 else 1e-9
    assert np.allclose(out, ref, atol=tol * max(1, abs(ref).max())), ("correlate", trial)
    stride = tuple(int(v) for v in rng.integers(1, 4, 2))
    y = F.conv2d(xp, torch.from_numpy(w), None, stride, 0, d, G)
    g = rng.standard_normal(tuple(y.shape)).astype(dt)
    wr = torch.nn.grad.conv2d_weight(xp, w.shape, torch.from_numpy(g), stride, 0, d, G).numpy()
    got = native.weight_images(x, g, k, G, d, p, threads, stride)
    assert np.allclose(got, wr, atol=tol * max(1, abs(wr).max())), ("weight", trial)
    n += 1
print("ok", n, "configs")
