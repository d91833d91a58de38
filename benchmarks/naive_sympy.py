"""The route a SymPy user writes first, as the baseline symbp is measured against.

J = Σ δ_ij z_ij built with Python's sum, one sympy.diff per input entry, simplify()
on each derivative and on each difference from the closed form pad(δ) * rot180(W).
It grows as n⁴: every diff walks the whole of J.
"""
from __future__ import annotations

import sympy as sp


def correlate(x: sp.Matrix, k: sp.Matrix) -> sp.Matrix:
    """Valid cross-correlation of two SymPy matrices."""
    kh, kw = k.shape
    return sp.Matrix(x.rows - kh + 1, x.cols - kw + 1,
                     lambda i, j: sum(x[i + p, j + q] * k[p, q] for p in range(kh) for q in range(kw)))


def naive_input_gradient(n: int, k: int) -> bool:
    """Derive ∂J/∂a for an n x n input and k x k kernel and prove pad(δ) * rot180(W); True if it holds."""
    a = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"a_{i}_{j}"))
    w = sp.Matrix(k, k, lambda i, j: sp.Symbol(f"w_{i}_{j}"))
    m = n - k + 1
    d = sp.Matrix(m, m, lambda i, j: sp.Symbol(f"d_{i}_{j}"))
    z = correlate(a, w)
    J = sum(d[i, j] * z[i, j] for i in range(m) for j in range(m))
    grad = sp.Matrix(n, n, lambda p, q: sp.simplify(sp.diff(J, a[p, q])))
    padded = sp.zeros(m + 2 * (k - 1), m + 2 * (k - 1))
    padded[k - 1:k - 1 + m, k - 1:k - 1 + m] = d
    rot = sp.Matrix(k, k, lambda i, j: w[k - 1 - i, k - 1 - j])
    closed = correlate(padded, rot)
    return all(sp.simplify(grad[i, j] - closed[i, j]) == 0 for i in range(n) for j in range(n))
