"""Random layer configurations shared by the numeric and kernel tests."""
import numpy as np

from symbp import numeric as nm


def pool_configs(n, seed, dilation):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < n:
        k = tuple(int(v) for v in rng.integers(1, 5, 2))
        s = tuple(int(v) for v in rng.integers(1, 4, 2))
        p = tuple(int(rng.integers(0, k[i] // 2 + 1)) for i in range(2))
        d = tuple(int(v) for v in rng.integers(1, 3, 2)) if dilation else (1, 1)
        hw = tuple(int(v) for v in rng.integers(1, 10, 2))
        ceil = bool(rng.integers(0, 2))
        try:
            for i in range(2):
                nm.pool_output_size(hw[i], k[i], s[i], p[i], d[i], ceil)
        except ValueError:
            continue
        out.append(dict(k=k, s=s, p=p, d=d, hw=hw, ceil=ceil,
                        shape=(int(rng.integers(1, 3)), int(rng.integers(1, 4))) + hw))
    return out
