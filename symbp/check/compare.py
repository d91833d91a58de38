"""Derived against claimed: the comparisons behind :mod:`symbp.check.checker`'s verdicts.

:func:`_verdict` compares what the chain rule derives with what a side of a document
claims (tensors, entries, or one-entry tensors against entries): exactly by
:func:`symbp.core.proof.prove` where both sides are symbolic; with the numbers earlier
equations bound (and a max pooling example's argmax) substituted where one side is a
worked example (:func:`_at_numbers`).  A refutation names the entry, a counterexample,
the correct form, and notes a missing bias or a matrix shown with rows left out.

Example: ``_verdict(derived, claimed, "∂J/∂a", correct, values, state, section)`` with
``derived``/``claimed`` object arrays of the same shape (or entries) returns
``(verdict, detail, evidence)``: ``proof.HOLDS``, ``proof.REFUTED`` or ``proof.UNPROVED``,
the words the report shows, and for a refutation an :class:`symbp.check.values.Evidence`
(both sides as compared, for the verdict card; None otherwise).
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ..core import proof
from ..claims import to_text
from ..layers.conv import A, B, DELTA, W
from ..core.regions import INDICATORS
from ..core.tensor import as_matrix, exact, shape_text, text
from .notation import DERIVED, Name, Unsupported, shorten
from .docsetup import Section, _argmax, _xreplace
from .values import Evidence, OutOfRange, Values, _State


def _no_bias(value, bias_zero: bool, values: Values):
    if not bias_zero or values.model is None or not values.model.weighted:
        return value
    zero = {s: 0 for s in values.tensor(B).ravel()}
    return _xreplace(value, zero) if isinstance(value, np.ndarray) else value.xreplace(zero)


def _fractional(value) -> bool:
    """Whether a claimed number (or array of them) holds a number that is not a whole number
    (-0.0708, a worked example's decimal; 0 or 1 may be a claim for every value)."""
    return any(getattr(e, "is_Number", False) and not getattr(e, "is_Integer", False) for e in np.ravel(value))


def _numeric(value) -> bool:
    return not any(getattr(e, "free_symbols", None) for e in np.ravel(value))


def _verdict(derived, claimed, what, correct, values: Values, state: _State,
             section: Section, fixed: dict | None = None) -> tuple[str, str, Evidence | None]:
    """Symbolic comparison; a worked example (numbers on one side) with the bound numbers;
    max pooling with the document's argmax when the claim only holds there.  The numbers
    substituted are added to ``fixed`` (for the second witness)."""
    fixed = {} if fixed is None else fixed
    if _numeric(claimed) != _numeric(derived):
        derived, claimed = _at_numbers(derived, claimed, values, state, section, everything=True,
                                       fixed=fixed)
        if _numeric(derived):
            return _compare(derived, claimed, what, str(_plain(derived)), values)
        # numbers against a gradient that still depends on values not bound: a claim for every value
        # of them, refuted where they make the two differ, unless the page gives an example's values
        # this reader does not bind ($x = 2$, x = 2, \quad w = 0.5): then unproved, same shape only
        verdict, detail, evidence = _compare(derived, claimed, what, correct, values)
        if verdict != proof.HOLDS:
            names = sorted({text(s) for e in np.ravel(derived) for s in e.free_symbols})
            detail += (f" (the claim gives numbers, but {what} depends on "
                       f"{', '.join(names[:6])}{', ...' * (len(names) > 6)}, which no equation "
                       "before this one gives)")
        if verdict == proof.REFUTED and state.given_numbers and (np.size(claimed) == 1 or np.shape(claimed) == np.shape(derived)):
            return proof.UNPROVED, (f"{detail}; the page gives an example's values ({state.given_numbers}) "
                                    "this reader does not bind: not decided"), None
        if verdict == proof.REFUTED and _fractional(claimed) and (np.size(claimed) == 1 or np.shape(claimed) == np.shape(derived)):
            return proof.UNPROVED, (f"{detail}; a decimal claimed for a value the page has not bound is a worked "
                                    "example's number, read at values this reader does not have: not decided"), None
        return verdict, detail, evidence
    verdict, detail, evidence = _compare(derived, claimed, what, correct, values)
    if verdict != proof.HOLDS and _indicators(derived) and (
            section.argmax is not None or A in state.bindings):
        derived, claimed = _at_numbers(derived, claimed, values, state, section, everything=False,
                                       fixed=fixed)
        verdict, detail, evidence = _compare(derived, claimed, what, correct, values)
        detail += " (with the maxima where the document puts them)"
    return verdict, detail, evidence


def _at_numbers(derived, claimed, values: Values, state: _State, section: Section,
                everything: bool, fixed: dict):
    """Both sides with the bound numbers substituted (only the input a unless ``everything``)."""
    bound = dict(state.bindings)
    if section.argmax is not None and A not in bound:
        bound[A] = _argmax(section.argmax, section.cfg)
    assignment = {}
    for key, val in bound.items():
        role, index = key if isinstance(key, tuple) else (key, None)
        if (not everything and role != A) or role in DERIVED:
            continue
        try:
            arr = values.tensor(role)
        except Unsupported:
            continue
        if index is not None:
            base = {A: "a", W: "w", B: "b", DELTA: "delta"}.get(role, "z")
            try:
                assignment[values.entry(Name(base, None, index), role)] = val
            except OutOfRange as err:          # the binding's fault, not this claim's
                raise Unsupported(f"an earlier equation binds a value to no entry: {err}") \
                    from None
        elif isinstance(val, sp.MatrixBase) and arr.shape[-2:] == val.shape and arr.size == len(val):
            assignment.update(zip(arr.ravel(), val))
        elif isinstance(val, sp.MatrixBase):
            raise Unsupported(f"{to_text(role)} was given as a {val.rows}x{val.cols} matrix, "
                              f"but this layer's is {shape_text(arr.shape)}")
    if any(c.xreplace(assignment).free_symbols for s in _indicators(derived) | _indicators(claimed)
           for c in INDICATORS[s].cells):
        raise Unsupported("a max pooling example needs the maxima: a directive argmax=tl,br,... "
                          "or the input a as a matrix")
    fixed.update(assignment)
    at = np.vectorize(lambda e: proof.evaluate_at(exact(e), assignment), otypes=[object])
    return tuple(at(v) if isinstance(v, np.ndarray) else at(v)[()] for v in (derived, claimed))


def _indicators(value) -> set:
    return {s for e in np.ravel(value) for s in getattr(e, "free_symbols", ()) if s in INDICATORS}


def _plain(arr):
    try:
        return as_matrix(arr).tolist()
    except (ValueError, AttributeError):
        return arr.tolist() if isinstance(arr, np.ndarray) else arr


def _compare(derived, claimed, what: str, correct: str | None,
             values: Values) -> tuple[str, str, Evidence | None]:
    """(verdict, detail, evidence) for two tensors, two entries, or a one-entry tensor and an
    entry; ``evidence`` (both sides as compared) only for a refutation."""
    if isinstance(derived, np.ndarray) and derived.size == 1 and not isinstance(claimed, np.ndarray):
        derived = derived.ravel()[0]
    if isinstance(claimed, np.ndarray) and claimed.size == 1 and not isinstance(derived, np.ndarray):
        claimed = claimed.ravel()[0]
    arrays = isinstance(derived, np.ndarray), isinstance(claimed, np.ndarray)
    if arrays[0] != arrays[1]:
        return proof.REFUTED, (f"shape mismatch: {what} is {shape_text(np.shape(derived)) or 'an entry'}"
                               f" but the claim gives {shape_text(np.shape(claimed)) or 'an entry'}"), \
            Evidence(derived, claimed)
    bias = set(values.tensor(B).ravel()) if values.model.weighted else set()
    note = " (the forward adds the bias b: write it, or state b = 0)"
    try:
        if arrays[0]:
            if values.model.fc and derived.shape == claimed.shape and derived.shape[1:] == (1,):
                derived, claimed = derived.ravel(), claimed.ravel()     # vectors: z_{2}
            p = proof.prove(derived, claimed, "", what=what, correct=correct)
            if p.counterexample is not None and not p.counterexample.values:
                p.counterexample = None                 # numbers on both sides: nothing to pick
            detail = p.detail()
            if p.index is None and p.verdict == proof.REFUTED and _numeric(derived):
                detail = _rows_shown(derived, claimed, detail)
            if p.derived is not None and _only_bias(p.derived - p.claimed, bias):
                detail += note
            evidence = None if p.verdict != proof.REFUTED else Evidence(
                derived, claimed, None if p.index is None else tuple(i - 1 for i in p.index),
                p.counterexample)
            return p.verdict, detail, evidence
        if proof.entries_equal(derived, claimed):
            return proof.HOLDS, f"equals the derived {shorten(text(derived), 70)}", None
        found = proof.counterexample(derived, claimed)
    except TypeError:               # the core cannot evaluate a max region inside σ at numbers
        return proof.UNPROVED, f"{what} is not identical to the claim, and symbp cannot " \
                               "evaluate it at numbers (a max inside σ)", None
    detail = f"{what} differs; derived {text(derived)}; claimed {text(claimed)}"
    if found is None:
        return proof.UNPROVED, f"not identical, and no integer point separates them: {detail}", None
    return proof.REFUTED, detail + f"; {found.describe()}" + \
        note * _only_bias(derived - claimed, bias), Evidence(derived, claimed, None, found)


def _only_bias(difference: sp.Expr, bias: set) -> bool:
    return bool(difference.free_symbols) and difference.free_symbols <= bias


def _rows_shown(derived, claimed, detail: str) -> str:
    """A numeric matrix with rows or columns missing: say whether the part shown agrees."""
    try:
        d, c = as_matrix(derived), as_matrix(claimed)
    except ValueError:
        return detail
    if c.rows <= d.rows and c.cols <= d.cols and d[:c.rows, :c.cols] == c:
        return detail.replace("; correct", f"; the {c.rows} rows shown agree with the first "
                                           f"{c.rows} rows of the result; correct", 1)
    return detail
