r"""The index reader's fast exact entry route (symbp/check/entry_poly.py): products and sums of
symbols built directly must be exactly SymPy's own ``Mul`` and ``Add`` (same canonical
object), the coefficient-map comparison must decide exact identity (truth: the integer
coefficient tables the test draws, by plain Python), and at a document's own large sizes
a true claim still holds and a wrong one is still refuted at the entry torch and plain
loops say differs first.
"""
import random

import numpy as np
import pytest
import sympy as sp
import torch

from symbp.check.checker import check_text
from symbp.check.entry_poly import atom_product, same_entry, sum_of_products

NAMES = [f"{p}_{i}{j}" for p in "xkgs" for i in range(3) for j in range(3)] + ["b_0", "x_0_0_1_10", "x_0_0_11_0"]
SYMBOLS = [sp.Symbol(n) for n in NAMES]
NUMBERS = [sp.Integer(2), sp.Integer(-1), sp.Rational(1, 4), sp.Integer(1), sp.Rational(-3, 2)]


def _same_object(a, b):
    return a == b and type(a) is type(b) and a.args == b.args and hash(a) == hash(b)


@pytest.mark.parametrize("seed", range(40))
def test_atom_product_is_sympys_mul(seed):
    rng = random.Random(seed)
    factors = rng.sample(SYMBOLS, rng.randint(1, 4)) + rng.sample(NUMBERS, rng.randint(0, 2))
    if seed % 5 == 0:
        factors.append(factors[0])                      # a repeated symbol: Mul's power
    if seed % 7 == 0:
        factors.append(sp.Integer(0))
    rng.shuffle(factors)
    assert _same_object(atom_product(factors), sp.Mul(*factors))


@pytest.mark.parametrize("seed", range(40))
def test_sum_of_products_is_sympys_add(seed):
    rng = random.Random(100 + seed)
    terms = []
    for _ in range(rng.randint(2, 30)):
        kind = rng.random()
        if kind < 0.2:
            terms.append(rng.choice(SYMBOLS))
        elif kind < 0.9:
            terms.append(sp.Mul(*rng.sample(SYMBOLS, rng.randint(2, 3))))
        elif seed % 3 == 0:
            terms.append(sp.Integer(0))
        else:
            terms.append(sp.Add(*rng.sample(SYMBOLS, 2)))     # a sum among the terms
    if seed % 4 == 0:
        terms.append(rng.choice(NUMBERS) * terms[0])      # a coefficient: Add collects
    if seed % 6 == 0:
        terms.append(terms[-1])                           # a repeated term: Add collects
    assert _same_object(sum_of_products(terms), sp.Add(*terms))


def _poly(rng, n_terms):
    """A random polynomial as {monomial (tuple of symbol indices): integer coefficient}."""
    out = {}
    for _ in range(n_terms):
        mono = tuple(sorted(rng.sample(range(len(SYMBOLS)), rng.randint(1, 3))))
        out[mono] = out.get(mono, 0) + rng.choice([-2, -1, 1, 3])
    return {m: c for m, c in out.items() if c}


def _terms(table, rng):
    """The polynomial's terms, each a coefficient times its symbols, in a shuffled order."""
    terms = [c * sp.Mul(*[SYMBOLS[i] for i in m]) for m, c in table.items()]
    rng.shuffle(terms)
    return terms


@pytest.mark.parametrize("seed", range(30))
def test_same_entry_is_exact_identity(seed):
    rng = random.Random(200 + seed)
    p = _poly(rng, rng.randint(1, 12))
    q = dict(p)
    if seed % 2:                                          # change one coefficient, or add a term
        m = rng.choice(list(q)) if q and seed % 3 else (len(SYMBOLS) - 1,)
        q[m] = q.get(m, 0) + rng.choice([-1, 1])
        q = {k: c for k, c in q.items() if c}
    s = sp.Symbol("s_99")
    pt = _terms(p, rng)
    a = s * sp.Add(*pt)                                   # s (Σ …): a product with a sum in it
    b = sp.Add(*[s * t for t in _terms(q, rng)])          # the same written out
    assert same_entry(a, b) == (p == q)
    split = s * sp.Add(*pt[:len(pt) // 2]) + s * sp.Add(*pt[len(pt) // 2:])     # s (…) + s (…)
    assert same_entry(split, b) == (p == q)


def test_same_entry_outside_polynomials_expands():
    x, y = sp.symbols("x y")
    f = sp.Function("sigma")
    assert same_entry(f(x) * (y + 1), f(x) * y + f(x))
    assert not same_entry(f(x) * (y + 1), f(x) * y)
    assert same_entry(sp.Float(0.5) * x, x / 2)


H = W = 28
KH = KW = 5
DOC = r"""# A convolution at the size of an MNIST image

<!-- symbp: layer=conv2d input=28x28 kernel=5x5 conv=cross index_base=0 names: x=input w=kernel z=output L=loss -->

The layer computes

$$z_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n}$$

and its input gradient is

$$\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i-m,j-n} w_{m,n}$$

or, with the kernel's indices in the other order,

$$\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i-m,j-n} w_{n,m}$$

and the kernel's

$$\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} x_{i+m,j+n}$$
"""


def _truth():
    """torch's input gradient, and the swapped-kernel formula by loops, at random values."""
    torch.manual_seed(3)
    x = torch.randn(H, W, dtype=torch.float64, requires_grad=True)
    w = torch.randn(KH, KW, dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0]
    g = torch.randn(*y.shape, dtype=torch.float64)
    y.backward(g)
    gn, wn = g.numpy(), w.detach().numpy()
    swapped = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            swapped[i, j] = sum(gn[i - m, j - n] * wn[n, m] for m in range(KH) for n in range(KW)
                                if 0 <= i - m < gn.shape[0] and 0 <= j - n < gn.shape[1])
    return x.grad.numpy(), swapped


def test_large_size_verdicts_and_the_entry_named():
    dx, swapped = _truth()
    first = next(ix for ix in np.ndindex(H, W) if not np.isclose(dx[ix], swapped[ix]))
    claims = check_text(DOC, "md", time_limit=600).claims      # a loaded machine: no time verdicts
    by_text = {c.latex.strip(): c for c in claims}
    true_dx = by_text[r"\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i-m,j-n} w_{m,n}"]
    wrong_dx = by_text[r"\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i-m,j-n} w_{n,m}"]
    true_dw = by_text[r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} x_{i+m,j+n}"]
    assert true_dx.verdict == "holds" and "784 entries equal" in true_dx.detail
    assert true_dw.verdict == "holds" and "25 entries equal" in true_dw.detail
    assert wrong_dx.verdict == "refuted"
    assert f"at i={first[0]}, j={first[1]}:" in wrong_dx.detail
