"""Shadow values: the concrete points a trace runs at, chosen to reach every region.

Code without comparisons needs one point.  Max pooling gets, for every window, every
single argmax, every tied pair and the all-tied window (all windows at once when they do
not overlap, one window at a time when they do); ReLU gets every entry negative, zero
and positive.  Upstream gradients are distinct non-zero integers, so a gradient routed to
the wrong cell shows at the point itself.

Example::

    >>> [label for label, _ in patterns(relu_case((2, 2)))]
    ['signs 0', 'signs 1', 'signs 2']
"""
from __future__ import annotations

import itertools
import random

import numpy as np

from .layers import Case


def _distinct(shape, rng, low=-3) -> np.ndarray:
    """Distinct small non-zero integers (shuffled)."""
    size = int(np.prod(shape))
    values = [v for v in range(low, low + 2 * size + 2) if v != 0][:size]
    rng.shuffle(values)
    return np.array(values, dtype=np.int64).reshape(shape)


def _small(shape, rng) -> np.ndarray:
    """Small non-zero integers in [-3, 3] (code without comparisons needs no distinctness)."""
    return np.array([rng.choice((-3, -2, -1, 1, 2, 3)) for _ in range(int(np.prod(shape)))],
                    dtype=np.int64).reshape(shape)


def _base(case: Case, rng) -> dict:
    distinct = case.layer in ("maxpool", "relu", "custom")
    make = _distinct if distinct else _small
    shadows = {name: make(arr.shape, rng) for name, arr in case.arrays.items()}
    if case.dout is not None and case.layer != "softmax-loss":
        shadows["dout"] = np.abs(_distinct(case.dout.shape, rng, 1)) if distinct \
            else np.abs(_small(case.dout.shape, rng))
    return shadows


def _tie_sets(size: int) -> list[tuple[int, ...]]:
    """Each single position, each pair, and (for windows above 2 cells) all positions."""
    sets = [(k,) for k in range(size)] + list(itertools.combinations(range(size), 2))
    if size > 2:
        sets.append(tuple(range(size)))
    return sets


def _pool_patterns(case: Case, rng) -> list[tuple[str, dict]]:
    out = []
    windows = [w for w in case.windows if w.cells]
    size = max(len(w.cells) for w in windows)
    groups = [[w] for w in windows] if case.overlapping else [windows]
    for group in groups:
        for tie in _tie_sets(size):
            shadows = _base(case, rng)
            x = shadows["x"] = _distinct(shadows["x"].shape, rng, 1)   # below the maxima
            top = int(x.max()) + 1
            for w, win in enumerate(group):        # a different maximum in every window
                for k in tie:
                    if k < len(win.cells):
                        x[(...,) + win.cells[k]] = top + w
            where = f"window {group[0].out}" if len(group) == 1 else "every window"
            kind = "argmax" if len(tie) == 1 else ("all tied" if len(tie) > 2 else "tie")
            out.append((f"{kind} {tie} in {where}", shadows))
    return out


def _relu_patterns(case: Case, rng) -> list[tuple[str, dict]]:
    out = []
    for shift in range(3):
        shadows = _base(case, rng)
        x = shadows["x"]
        for k, index in enumerate(np.ndindex(*x.shape)):
            x[index] = ((k + shift) % 3 - 1) * (1 + (k % 2))
        out.append((f"signs {shift}", shadows))
    return out


def patterns(case: Case, seed: int = 0) -> list[tuple[str, dict]]:
    """(label, shadow values per array and for 'dout') for every trace of ``case``."""
    rng = random.Random(seed)
    if case.layer == "maxpool":
        return _pool_patterns(case, rng)
    if case.layer == "relu":
        return _relu_patterns(case, rng)
    if case.layer == "softmax-loss":           # the row maximum in every column, in turn
        out = []
        for k in range(case.arrays["x"].shape[1]):
            shadows = _base(case, rng)
            x = shadows["x"]
            x[:, k] = np.abs(x).max() + 1 + np.arange(x.shape[0])
            out.append((f"row maximum in column {k}", shadows))
        return out
    return [("generic point", _base(case, rng))]


def generic_patterns(arrays: dict, dout_shape, seed: int = 0, count: int = 2) -> list:
    """Points for code of unknown layer: distinct integers, then small values with ties."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        shadows = {name: _distinct(arr.shape, rng) for name, arr in arrays.items()}
        if k % 2:
            shadows = {name: np.array([rng.randint(0, 2) for _ in range(v.size)],
                                      dtype=np.int64).reshape(v.shape)
                       for name, v in shadows.items()}
        if dout_shape is not None:
            shadows["dout"] = np.abs(_distinct(dout_shape, rng, 1))
        out.append(("distinct values" if k % 2 == 0 else "small values with ties", shadows))
    return out
