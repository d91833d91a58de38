"""Diagnoses in words for the bug patterns symbp recognises in a wrong gradient.

Each function looks at one failing entry (the true and the returned expression, the
layer's case and the shadow point) and returns a sentence or None.

Example::

    >>> empty_slice_shape((2, 3, 0, 0), case_with_pad_0)                # doctest: +SKIP
    'an empty slice: pad:-pad selects nothing when pad = 0 (use pad:pad+H)'
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from .layers import Case


def empty_slice_shape(got_shape: tuple, case: Case, want_shape: tuple = ()) -> str | None:
    """A returned gradient with an empty spatial axis at padding 0, or a fixed crop."""
    pad = case.sizes.get("pad", None)
    if pad is not None and 0 not in got_shape and len(got_shape) == len(want_shape) == 4 \
            and got_shape[:2] == want_shape[:2]:
        crops = {(w - g) for g, w in zip(got_shape[2:], want_shape[2:])}
        if len(crops) == 1 and (crop := crops.pop()) % 2 == 0 and crop // 2 != pad:
            return (f"the padding crop removes {crop // 2} per side but pad is {pad} "
                    f"(a hard-coded crop such as [1:-1]?)")
    if 0 in got_shape and pad == 0:
        return ("padding-0 empty slice: x[pad:-pad] is empty when pad = 0 (-0 is 0); "
                "slice with pad:pad+H instead")
    if 0 in got_shape:
        return "the returned gradient is empty along an axis (a slice that selects nothing)"
    return None


def _terms(expr: sp.Expr) -> dict:
    return sp.expand(expr).as_coefficients_dict()


def missing_contributions(expected: sp.Expr, got: sp.Expr, case: Case) -> str | None:
    """`=` where overlapping windows need `+=`: the returned value keeps only some terms."""
    want, have = _terms(expected), _terms(got)
    if not have or set(have) >= set(want) or any(want.get(t) != c for t, c in have.items()):
        return None
    if case.layer not in ("conv2d", "maxpool", "avgpool", "affine"):
        return None
    if case.overlapping or case.layer == "conv2d":
        return ("overwrite instead of accumulate: the entry keeps only part of the sum over "
                "the windows that cover it (`=` where overlapping windows need `+=`)")
    return "the entry misses terms of the sum that the chain rule gives"


def starts_from_input(expected: sp.Expr, got: sp.Expr, case: Case, grad: str,
                      index: tuple) -> str | None:
    """The gradient array was initialised from x instead of zeros."""
    source = case.arrays.get(grad)
    if source is None or source.shape == ():
        return None
    if sp.expand(got - expected - source[index]) == 0:
        return (f"d{grad} starts from {grad} instead of zeros (e.g. d{grad} = {grad}.copy() "
                f"or d{grad} = {grad} before accumulating)")
    return None


def tie_rule(case: Case, shadows: dict, grad_user: np.ndarray, index: tuple) -> str | None:
    """Max pooling at a tie: the gradient went to every tied cell, or to the last one."""
    if case.layer != "maxpool":
        return None
    x = shadows["x"]
    plane = index[:2]
    for win in case.windows:
        if index[2:] not in win.cells:
            continue
        vals = [x[plane + c] for c in win.cells]
        top = max(vals)
        tied = [c for c, v in zip(win.cells, vals) if v == top]
        if len(tied) < 2:
            continue
        g = case.dout[plane + win.out]
        weights = {c: sp.expand(grad_user[plane + c]).coeff(g) for c in tied}
        receives = [c for c in tied if weights[c] != 0]
        if len(receives) == len(tied) and all(weights[c] == 1 for c in tied):
            return ("ties: the full gradient goes to every tied maximum of the window; "
                    "PyTorch routes it to the first maximum only")
        if len(receives) == len(tied):
            return ("ties: the gradient is split among the tied maxima (a valid subgradient, "
                    "accepted with --tie-rule subgradient); PyTorch routes it to the first")
        if receives == [tied[-1]]:
            return "ties: the gradient goes to the last maximum; PyTorch routes it to the first"
        if receives and receives != [tied[0]]:
            return "ties: the gradient goes to a maximum other than the first (PyTorch's rule)"
    return None


def kink(case: Case, shadows: dict, index: tuple) -> str | None:
    """ReLU at x = 0: the mask x >= 0 passes the gradient where PyTorch gives 0."""
    if case.layer == "relu" and shadows["x"][index] == 0:
        return ("value at the kink x = 0: the code passes the gradient at 0 (a mask like "
                "x >= 0); PyTorch's relu gives 0 there (use x > 0)")
    return None


def scaled(expected: sp.Expr, got: sp.Expr, point: dict) -> str | None:
    """The returned entry is a constant multiple of the true one (a lost 1/N, say)."""
    from .exact import identical, value_at
    ve, vg = value_at(expected, point), value_at(got, point)
    if ve == 0 or not (ve.is_Number or ve.is_number):
        return None
    if ve.is_Rational and vg.is_Rational:
        ratio = vg / ve
    else:
        near = Fraction(float(sp.N(vg / ve, 30))).limit_denominator(1000)
        ratio = sp.Rational(near.numerator, near.denominator)
    if ratio in (0, 1) or not identical(got, ratio * expected):
        return None
    return (f"the entry is {ratio} times the true value (a missing or extra constant factor, "
            f"such as the 1/N of a mean)")


def all_zero(grad: str, grad_user: np.ndarray) -> str | None:
    """Nothing was computed: the gradient is 0 in every entry."""
    if grad_user.size and all(e == 0 for e in grad_user.ravel()):
        return f"d{grad} is 0 in every entry (not implemented?)"
    return None


def explain(case: Case, shadows: dict, grad: str, index: tuple, expected: sp.Expr,
            got: sp.Expr, grad_user: np.ndarray, point: dict) -> str | None:
    """The first diagnosis that fits a failing entry, or None."""
    return all_zero(grad, grad_user) or (kink(case, shadows, index) if grad == "x" else None) \
        or (tie_rule(case, shadows, grad_user, index) if grad == "x" else None) \
        or starts_from_input(expected, got, case, grad, index) \
        or missing_contributions(expected, got, case) \
        or scaled(expected, got, point)
