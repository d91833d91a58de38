"""Random layer configurations shared by the numeric and kernel tests."""
import numpy as np

from symbp.kernels import numeric as nm


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


def conv_configs(n, seed):
    """n random valid conv configs: stride 1..3, padding 0..2, dilation 1..2,
    sizes up to 9, channels 1..4, groups 1..2, batch 1..2 (per-axis values)."""
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < n:
        G = int(rng.integers(1, 3))
        C = G * int(rng.integers(1, 4 // G + 1))
        O = G * int(rng.integers(1, 4 // G + 1))
        N = int(rng.integers(1, 3))
        k = tuple(int(v) for v in rng.integers(1, 4, 2))
        s = tuple(int(v) for v in rng.integers(1, 4, 2))
        p = tuple(int(v) for v in rng.integers(0, 3, 2))
        d = tuple(int(v) for v in rng.integers(1, 3, 2))
        hw = tuple(int(v) for v in rng.integers(1, 10, 2))
        if any(hw[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1 for i in range(2)):
            continue
        out.append(dict(N=N, C=C, O=O, G=G, k=k, s=s, p=p, d=d, hw=hw))
    return out
