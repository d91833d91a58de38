"""The index reader's memo of subtree values and its polynomial shortcut for a written
derivative (symbp.check.index_memo, symbp.check.written_derivative) change no verdict.

Each claim's truth comes from plain numpy loops: the gradient of L = Σ δ_{ij} z_{ij} through
a 2-D cross-correlation z_{ij} = Σ_{m,n} a_{i+m,j+n} w_{m,n}, against the claimed formula
evaluated by loops at random integers.  Each claim is then checked with the memo on and off:
the verdicts must agree with each other and with that truth.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from symbp.check import index_memo
from symbp.check.doc_names import DocContext
from symbp.check.index_eval import check_index_claim

FORWARD = r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}"
H, K = 5, 3                        # input and kernel sides (valid output: 3x3)
O = H - K + 1

# ∂L/∂a_{x,y} and ∂L/∂w_{p,q} with the derivative written inline (the robjinman spelling);
# shift: the planted error (an input index moved by one)
CLAIMS = {
    "da_true": (r"\frac{\partial L}{\partial a_{x,y}} = \sum_i \sum_j \delta_{i,j} "
                r"\frac{\partial \sum_m \sum_n w_{m,n} a_{i+m,j+n}}{\partial a_{x,y}}", "a", 0),
    "da_false": (r"\frac{\partial L}{\partial a_{x,y}} = \sum_i \sum_j \delta_{i,j} "
                 r"\frac{\partial \sum_m \sum_n w_{m,n} a_{i+m,j+n+1}}{\partial a_{x,y}}", "a", 1),
    "dw_true": (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \delta_{i,j} "
                r"\frac{\partial \sum_m \sum_n w_{m,n} a_{i+m,j+n}}{\partial w_{p,q}}", "w", 0),
    "dw_false": (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \delta_{i,j} "
                 r"\frac{\partial \sum_m \sum_n w_{m,n} a_{i+m+1,j+n}}{\partial w_{p,q}}", "w", 1),
    "da_plain_true": (r"\frac{\partial L}{\partial a_{x,y}} = \sum_i \sum_j \delta_{i,j} w_{x-i,y-j}", "a", 0),
    "da_plain_false": (r"\frac{\partial L}{\partial a_{x,y}} = \sum_i \sum_j \delta_{i,j} w_{y-j,x-i}", "a", None),
}


def _numpy_truth(wrt: str, shift) -> bool:
    """Whether the claimed formula equals the gradient at random integers (loops only)."""
    rng = np.random.default_rng(5)
    a, w, d = rng.integers(-5, 6, (H, H)), rng.integers(-5, 6, (K, K)), rng.integers(-5, 6, (O, O))
    grad_a, grad_w = np.zeros((H, H), dtype=np.int64), np.zeros((K, K), dtype=np.int64)
    for i, j, m, n in itertools.product(range(O), range(O), range(K), range(K)):
        grad_a[i + m, j + n] += d[i, j] * w[m, n]
        grad_w[m, n] += d[i, j] * a[i + m, j + n]
    size = H if wrt == "a" else K
    for x, y in itertools.product(range(size), range(size)):
        claimed = 0
        if shift is None:                       # δ_{ij} w_{y-j,x-i}: the kernel's axes swapped
            claimed = sum(d[i, j] * w[y - j, x - i] for i, j in itertools.product(range(O), range(O))
                          if 0 <= y - j < K and 0 <= x - i < K)
        for i, j, m, n in itertools.product(range(O), range(O), range(K), range(K)):
            if shift is None:
                break
            r, c = i + m + (shift if wrt == "w" else 0), j + n + (shift if wrt == "a" else 0)
            if wrt == "a" and (r, c) == (x, y):
                claimed += d[i, j] * w[m, n]
            if wrt == "w" and (m, n) == (x, y) and 0 <= r < H and 0 <= c < H:
                claimed += d[i, j] * a[r, c]
        if claimed != (grad_a if wrt == "a" else grad_w)[x, y]:
            return False
    return True


def _verdict(latex: str, memo: bool) -> str:
    index_memo.ON = memo
    try:
        ctx = DocContext.from_forward(FORWARD, {"input": f"{H}x{H}", "kernel": f"{K}x{K}"})
        return check_index_claim(latex, ctx).verdict
    finally:
        index_memo.ON = True


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_memo_keeps_the_verdict(name):
    latex, wrt, shift = CLAIMS[name]
    truth = _numpy_truth(wrt, shift)
    assert truth == name.endswith("_true")          # the planted errors are errors
    on, off = _verdict(latex, True), _verdict(latex, False)
    assert on == off
    assert on == ("holds" if truth else "refuted")


def test_memo_keeps_a_value_per_assignment_of_its_names():
    from symbp.check.index_claims import parse
    ctx = DocContext.from_forward(FORWARD, {"input": f"{H}x{H}", "kernel": f"{K}x{K}"}).instances()[0]
    tree = parse(r"\sum_m a_{i+m,j} w_{m,0}", ctx.tensor_names(), ctx.losses())
    from symbp.check.index_evaluator import Evaluator
    ev = Evaluator(ctx)
    first, second, again = ev.value(tree, {"i": 0, "j": 0}), ev.value(tree, {"i": 1, "j": 0}), \
        ev.value(tree, {"i": 0, "j": 0, "x": 7})        # x is not written in the tree: the same entry
    assert first != second and again == first
    assert ev._memo._kept                           # kept, not rebuilt


# Σ_i Σ_j δ_{i,j} * ∂z_{i,j}/∂w_{p,q}: "*" between two entries is their product, and the sums'
# ranges are solved from both entries (as for a product written without "*"); the planted
# error reads z one column on (an entry outside z is zero, as the loops below take it)
STAR = {
    "star_true": (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \delta_{i,j} * "
                  r"\frac{\partial z_{i,j}}{\partial w_{p,q}}", 0),
    "star_false": (r"\frac{\partial L}{\partial w_{p,q}} = \sum_i \sum_j \delta_{i,j} * "
                   r"\frac{\partial z_{i,j+1}}{\partial w_{p,q}}", 1),
}


def _star_truth(shift: int) -> bool:
    rng = np.random.default_rng(7)
    a, d = rng.integers(-5, 6, (H, H)), rng.integers(-5, 6, (O, O))
    for p, q in itertools.product(range(K), range(K)):
        true = sum(d[i, j] * a[i + p, j + q] for i, j in itertools.product(range(O), range(O)))
        claimed = sum(d[i, j] * a[i + p, j + shift + q] for i, j in itertools.product(range(O), range(O))
                      if j + shift < O)           # ∂z_{i,j+1}/∂w_{p,q} = a_{i+p,j+1+q} where z_{i,j+1} exists
        if true != claimed:
            return False
    return True


@pytest.mark.parametrize("name", sorted(STAR))
def test_star_of_two_entries(name):
    latex, shift = STAR[name]
    truth = _star_truth(shift)
    assert truth == name.endswith("_true")
    on, off = _verdict(latex, True), _verdict(latex, False)
    assert on == off == ("holds" if truth else "refuted")
