"""Shadow values: the concrete points a trace runs at, chosen to reach every region.

Code without comparisons needs one point.  Max pooling gets, for every window, every
single argmax, every tied pair and the all-tied window (all windows at once when they do
not overlap, one window at a time when they do) and, when windows overlap, the
combinations of those patterns in every two windows that share an entry
(:func:`cross_window_ties`, bounded by :data:`MAX_CROSS_WINDOW`); ReLU gets every entry
negative, zero and positive.  Upstream gradients are distinct non-zero integers, so a gradient routed to
the wrong cell shows at the point itself.

Example::

    >>> from symbp.code.layers import relu_case
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
    if case.overlapping:
        combos, _ = cross_window_ties(case)
        for label, levels in combos:
            shadows = _base(case, rng)
            x = shadows["x"] = _distinct(shadows["x"].shape, rng, 1)
            top = int(x.max())
            for cell, level in levels:
                x[(...,) + cell] = top + level
            out.append((label, shadows))
    return out


#: at most this many traces of tie combinations across overlapping windows per configuration
MAX_CROSS_WINDOW = 2000


def _max_set(cells, levels: dict) -> frozenset:
    top = max(levels.get(c, 0) for c in cells)
    return frozenset(c for c in cells if levels.get(c, 0) == top) if top else frozenset()


def cross_window_ties(case: Case) -> tuple[list[tuple[str, tuple]], int]:
    """Tie combinations of every two windows that share an entry, and how many there are.

    For windows A and B that overlap, every pattern of A (a single argmax, a tied pair, all
    tied) with every pattern of B, where at least one of the two meets a shared entry, with
    A's maximum below, equal to or above B's: the cells of each pattern are raised to its
    level (1 or 2 above every other cell), and a combination is kept when A's and B's
    maxima are then exactly those patterns (a shared cell at A's level inside a B whose
    level is higher stays a non-maximum of B).  Distinct assignments only, taken round-robin
    over the window pairs; at most :data:`MAX_CROSS_WINDOW` of them are returned, with the
    total, so a caller can say when coverage is partial.
    """
    windows = [w for w in case.windows if w.cells]
    per_pair = []
    seen = set()
    for a, b in itertools.combinations(windows, 2):
        shared = set(a.cells) & set(b.cells)
        if not shared:
            continue
        combos = []
        for ta in _tie_sets(len(a.cells)):
            sa = frozenset(a.cells[k] for k in ta)
            for tb in _tie_sets(len(b.cells)):
                sb = frozenset(b.cells[k] for k in tb)
                if not (sa & shared or sb & shared):
                    continue
                for la, lb, rel in ((1, 2, "below"), (1, 1, "equal to"), (2, 1, "above")):
                    if any(c in sb for c in sa) and la != lb:
                        continue
                    levels = {**{c: la for c in sa}, **{c: lb for c in sb}}
                    if _max_set(a.cells, levels) != sa or _max_set(b.cells, levels) != sb:
                        continue
                    key = frozenset(levels.items())
                    if key in seen:
                        continue
                    seen.add(key)
                    label = (f"ties across windows: {a.out} max at {sorted(sa)} {rel} "
                             f"{b.out} max at {sorted(sb)}")
                    combos.append((label, tuple(sorted(levels.items()))))
        per_pair.append(combos)
    total = sum(len(c) for c in per_pair)
    chosen = []
    for rank in range(max((len(c) for c in per_pair), default=0)):
        for combos in per_pair:
            if rank < len(combos) and len(chosen) < MAX_CROSS_WINDOW:
                chosen.append(combos[rank])
    return chosen, total


def coverage_warning(case: Case) -> str | None:
    """A sentence when the cross-window tie combinations exceed the bound (partial coverage)."""
    if case.layer != "maxpool" or not case.overlapping:
        return None
    chosen, total = cross_window_ties(case)
    if len(chosen) >= total:
        return None
    return (f"max-pool ties: {len(chosen)} of {total} tie combinations across overlapping "
            f"windows traced at {case.describe()} (bound {MAX_CROSS_WINDOW}); the other "
            f"{total - len(chosen)} are not covered")


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
