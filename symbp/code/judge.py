"""Judging one trace: the user's forward against the layer, the backward against the
true gradient, entry by entry, with a counterexample and a diagnosis for a failure.

The true gradient is the chain rule (:func:`symbp.core.chain.derive`) through the layer's
forward, or through the user's own traced forward when no layer is named.  Under
``tie_rule='subgradient'`` a max-pooling or ReLU gradient that differs from PyTorch's
only at a tie or kink is accepted when it is a valid subgradient (non-negative weights on
the tied maxima that sum to 1; a weight in [0, 1] at a ReLU kink), and the report says
which one it is.

Example::

    >>> from symbp.code.layers import relu_case
    >>> from symbp.code.patterns import patterns
    >>> case = relu_case((1, 2))
    >>> label, shadows = patterns(case)[0]
    >>> out, grads = truth(case, shadows)    # the layer's forward and its true gradient
    >>> out.shape, grads[0].shape
    ((1, 2), (1, 2))
"""
from __future__ import annotations

import itertools
import random

import numpy as np
import sympy as sp

from ..core import chain
from . import diagnose
from .exact import differ_at, identical, on_path, only_epsilons, shown
from .layers import Case
from .trace import Trace

_TRUTH: dict = {}
_REGION_LAYERS = ("maxpool", "relu")


def truth(case: Case, shadows: dict) -> tuple[np.ndarray, list[np.ndarray]]:
    """The layer's forward entries and true gradients (cached unless region-specific)."""
    key = id(case)
    if case.layer not in _REGION_LAYERS and key in _TRUTH:
        return _TRUTH[key][1:]
    z = case.reference(shadows)
    grads = chain.derive(z, case.dout, case.symbols)
    if case.layer not in _REGION_LAYERS:
        if len(_TRUTH) >= 4:               # a few configurations at a time, not a leak
            _TRUTH.pop(next(iter(_TRUTH)))
        _TRUTH[key] = (case, z, grads)     # keeps case alive so id() stays unique
    return z, grads


def _nested(values) -> list:
    return np.asarray(values).tolist()


def counterexample(case: Case, shadows: dict, point: dict, names: list[str]) -> dict:
    """The inputs of a failing point, as plain nested lists a person can rerun."""
    out = {name: _nested(shadows[name]) for name in names if name in shadows}
    params = case.params()
    if params:
        out["params"] = [{k: (float(case.constants[v]) if isinstance(v, sp.Basic) else v)
                          for k, v in d.items()} for d in params]
    if case.labels is not None:
        out["y"] = case.labels.tolist()
    return out


def _other_points(case: Case, trace: Trace, shadows: dict, tries: int = 25):
    """Random small-integer points inside the traced region (same comparison outcomes)."""
    rng = random.Random(7)
    for _ in range(tries):
        moved = {}
        for name, syms in list(case.arrays.items()) + [("dout", case.dout)]:
            if name not in shadows:
                continue
            vals = np.array([rng.randint(-4, 4) for _ in range(syms.size)]).reshape(syms.shape)
            moved[name] = vals
        point = dict(trace.point)
        for name, vals in moved.items():
            syms = case.arrays.get(name, case.dout)
            for index, s in np.ndenumerate(syms):
                point[s] = sp.Integer(int(vals[index]))
        if on_path(trace.path, point):
            yield moved, point


def _shape_check(expected: np.ndarray, got: np.ndarray, label: str, warnings: list):
    """``got`` reshaped to ``expected`` when only unit axes differ; else None."""
    if got.shape == expected.shape:
        return got
    if got.size == expected.size and [n for n in got.shape if n != 1] == \
            [n for n in expected.shape if n != 1]:
        warnings.append(f"{label} has shape {got.shape} where PyTorch's gradient has "
                        f"{expected.shape}; the values are compared as if reshaped")
        return got.reshape(expected.shape)
    return None


def compare(case: Case, trace: Trace, shadows: dict, expected: np.ndarray,
            got: np.ndarray, label: str, warnings: list, *, grad: str | None = None,
            forward: bool = False, tie_rule: str = "first",
            true_gradients: list | None = None, first: tuple | None = None,
            only_first: bool = False) -> dict | None:
    """The first failing entry of ``got`` against ``expected`` (None when all are proved).

    For a scalar forward with a logarithm (a loss) and ``true_gradients`` given, the entry is
    equal when its chain-rule gradient is identical to the true one and the values agree at
    the point (the derivative route of :func:`symbp.code.exact.identical`, in one pass).
    ``first``: an entry to try before the others (the one the fast route could not prove);
    with ``only_first`` that entry alone (none when ``first`` is None).
    """
    fitted = _shape_check(expected, got, label, warnings)
    if fitted is None:
        why = diagnose.empty_slice_shape(got.shape, case, expected.shape)
        return {"gradient": label, "reason": f"shape mismatch: {label} has shape "
                f"{tuple(got.shape)}, expected {tuple(expected.shape)}", "diagnosis": why}
    tied = _tie_substitution(case, trace, shadows)   # the region's equalities (ties, x = 0)
    order = np.ndindex(*expected.shape)
    if only_first:
        order = [tuple(first)] if first is not None and len(first) == expected.ndim else []
    elif first is not None and len(first) == expected.ndim:
        start = tuple(first)
        order = itertools.chain([start], (i for i in order if i != start))
    for index in order:
        want, have = expected[index], fitted[index]
        if tied:
            want, have = want.xreplace(tied), have.xreplace(tied)
        if forward and true_gradients is not None and want.has(sp.log) and expected.size == 1:
            if _loss_equal(case, trace, want, have, true_gradients):
                continue
        elif identical(want, have, trace.point if forward else None):
            continue
        eps = only_epsilons(want, have, trace.point if forward else None)
        if eps:
            note = (f"{label}{list(index)} differs from the layer only by the literal "
                    f"epsilon {', '.join(eps)} (equal when it is 0)")
            if note not in warnings:
                warnings.append(note)
            continue
        if grad is not None and tie_rule == "subgradient" and case.layer in _REGION_LAYERS:
            accepted = subgradient(case, shadows, fitted)
            if accepted:
                if accepted not in warnings:
                    warnings.append(accepted)
                return None
        return _failure(case, trace, shadows, label, grad, index, want, have, fitted)
    return None


def _failure(case, trace, shadows, label, grad, index, want, have, fitted) -> dict:
    names = list(case.arrays) + (["dout"] if "dout" in shadows else [])
    found = None
    separated, ve, vg = differ_at(want, have, trace.point)
    if separated:
        found = (shadows, ve, vg)
    else:
        for moved, point in _other_points(case, trace, shadows):
            separated, ve, vg = differ_at(want, have, point)
            if separated:
                found = ({**shadows, **moved}, ve, vg)
                break
    record = {"gradient": label, "entry": list(index), "expected": str(want),
              "got": str(have)}
    if found is None:
        record["reason"] = (f"{label}{list(index)} is not proved identical, and no point "
                            "separates the two sides")
        record["verdict"] = "unknown"
        return record
    at, ve, vg = found
    record["counterexample"] = counterexample(case, at, trace.point, names)
    record["expected_value"], record["got_value"] = shown(ve), shown(vg)
    record["reason"] = f"{label}{list(index)} differs"
    if grad is not None:
        record["diagnosis"] = diagnose.explain(case, at, grad, index, want, have, fitted,
                                                 trace.point)
    record["_shadows"] = at
    return record


def _tie_substitution(case: Case, trace: Trace, shadows: dict) -> dict:
    """Inside a tie or kink region, tied inputs are equal (and kinks are 0): substitute."""
    if case.layer not in _REGION_LAYERS:
        return {}
    sub = {}
    x, syms = shadows["x"], case.arrays["x"]
    seen: dict = {}
    for index, s in np.ndenumerate(syms):
        v = int(x[index])
        if case.layer == "relu":
            if v == 0:
                sub[s] = sp.S.Zero
            continue
        plane = index[:2]
        rep = seen.setdefault((plane, v), s)
        if rep is not s:
            sub[s] = rep
    return sub


def _loss_equal(case: Case, trace: Trace, want, have, true_gradients) -> bool:
    """One scalar loss: identical gradients (exact) and equal values at the point."""
    grads = chain.derive(np.array([have], dtype=object), case.dout, case.symbols)
    for mine, true in zip(grads, true_gradients):
        for index, g in np.ndenumerate(true):
            if not identical(g, mine[index]):
                return False
    return not differ_at(want, have, trace.point)[0]


def subgradient(case: Case, shadows: dict, got: np.ndarray) -> str | None:
    """A sentence naming the valid subgradient ``got`` is, or None when it is none."""
    x = shadows["x"]
    if case.layer == "relu":
        for index, s in np.ndenumerate(case.arrays["x"]):
            g = case.dout[index]
            weight = sp.expand(got[index]).coeff(g)
            if sp.expand(got[index] - weight * g) != 0 or not weight.is_Number:
                return None
            lo, hi = (1, 1) if x[index] > 0 else ((0, 0) if x[index] < 0 else (0, 1))
            if not lo <= weight <= hi:
                return None
        return "accepted as a subgradient: at x = 0 the code uses a slope in [0, 1]"
    split = []
    rebuilt = np.zeros(got.shape, dtype=object)
    for plane in np.ndindex(*x.shape[:2]):
        for win in case.windows:
            vals = [x[plane + c] for c in win.cells]
            top = max(vals)
            g = case.dout[plane + win.out]
            weights = [sp.expand(got[plane + c]).coeff(g) for c in win.cells]
            if any(not w.is_Number or w < 0 for w in weights) or sum(weights) != 1 or \
                    any(w != 0 for w, v in zip(weights, vals) if v != top):
                return None
            active = [w for w, v in zip(weights, vals) if v == top]
            if len(active) > 1:
                split.append("even split" if len(set(active)) == 1 else "uneven split")
            for c, w in zip(win.cells, weights):
                rebuilt[plane + c] = rebuilt[plane + c] + w * g
    if any(sp.expand(got[i] - rebuilt[i]) != 0 for i in np.ndindex(*got.shape)):
        return None
    kind = ", ".join(sorted(set(split))) or "one maximum"
    return f"accepted as a subgradient at ties ({kind} of each window's gradient)"
