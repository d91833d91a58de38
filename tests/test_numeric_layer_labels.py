r"""Numeric superscripts that are layer labels, not powers (issue 12): ``w^2_{mn}``, ``a^1_{ij}``,
``b^2`` alone, ``a^2 = \sigma(z^2)``.

A bare ``b^2`` is a power unless the page says otherwise; the page says so by a forward that binds
numbered names (``z^2_{ij} = \sum w^2_{mn} a^1_{i+m,j+n} + b^2``: its left side one numbered name,
with or without its subscript, two numbered names on its right), by an activation of one
numbered name with the same number (``a^2 = \sigma(z^2)``), by the letter written with two
numbers, or written before a subscript (``W^2_{ij}``).  A wrong call either way never makes a claim
hold: an unread label stays unchecked.

Truth: torch autograd of conv2d (one channel); the template claims' formulas are evaluated by
plain loops and compared with autograd here before symbp is asked.
"""
import numpy as np
import torch

from symbp.check.checker import check_text
from symbp.check.index_tree import digit_label_letters

RNG = np.random.default_rng(21)
H, K = 4, 2
OH = H - K + 1


def autograd():
    a = torch.tensor(RNG.integers(-3, 4, (1, 1, H, H)).astype(float), requires_grad=True)
    w = torch.tensor(RNG.integers(-3, 4, (1, 1, K, K)).astype(float), requires_grad=True)
    b = torch.tensor(RNG.integers(-3, 4, (1,)).astype(float), requires_grad=True)
    z = torch.nn.functional.conv2d(a, w, b)
    g = torch.tensor(RNG.integers(-3, 4, tuple(z.shape)).astype(float))
    (z * g).sum().backward()
    return a.detach().numpy()[0, 0], w.detach().numpy()[0, 0], g.numpy()[0, 0], \
        a.grad.numpy()[0, 0], w.grad.numpy()[0, 0], b.grad.numpy()[0]


def test_truth_of_the_template():
    a, w, g, da, dw, db = autograd()
    at = lambda arr, i, j: arr[i, j] if 0 <= i < arr.shape[0] and 0 <= j < arr.shape[1] else 0.0  # noqa: E731
    dw_true = [[sum(g[i, j] * a[i + m, j + n] for i in range(OH) for j in range(OH)) for n in range(K)] for m in range(K)]
    dw_swap = [[sum(g[i, j] * a[i + n, j + m] for i in range(OH) for j in range(OH)) for n in range(K)] for m in range(K)]
    da_true = [[sum(at(g, i - m, j - n) * w[m, n] for m in range(K) for n in range(K)) for j in range(H)] for i in range(H)]
    assert np.array_equal(dw, dw_true) and not np.array_equal(dw, dw_swap)
    assert np.array_equal(da, da_true) and db == g.sum()


LAYER_TWO = r"""# Layer 2 of a small network

The second layer convolves the first layer's activations with its kernel:

{forward}

Its gradients:

$$\frac{{\partial L}}{{\partial w^2_{{mn}}}} = \sum_i \sum_j \frac{{\partial L}}{{\partial z^2_{{ij}}}} a^1_{{i+m,j+n}}$$

$$\frac{{\partial L}}{{\partial w^2_{{mn}}}} = \sum_i \sum_j \frac{{\partial L}}{{\partial z^2_{{ij}}}} a^1_{{i+n,j+m}}$$

$$\frac{{\partial L}}{{\partial a^1_{{ij}}}} = \sum_m \sum_n \frac{{\partial L}}{{\partial z^2_{{i-m,j-n}}}} w^2_{{mn}}$$

$$\frac{{\partial L}}{{\partial b^2}} = \sum_i \sum_j \frac{{\partial L}}{{\partial z^2_{{ij}}}}$$
"""


def _verdicts(forward: str) -> list:
    doc = LAYER_TWO.format(forward=forward)
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims if c.latex.startswith(r"\frac")]


def test_a_forward_with_a_subscripted_left_side_numbers_its_bias():
    got = _verdicts(r"$$z^2_{ij} = \sum_m \sum_n w^2_{mn} a^1_{i+m,j+n} + b^2$$")
    assert [v for v, _ in got] == ["holds", "refuted", "holds", "holds"], got


def test_a_power_is_not_a_label_without_the_page_saying_so():
    """The same claims where nothing numbers b: ``b^2`` may be a power, so its claim is unchecked
    (the others still read: w^2_{mn} is written before a subscript)."""
    got = _verdicts(r"$$z^2_{ij} = \sum_m \sum_n w^2_{mn} a^1_{i+m,j+n} + b$$")
    assert [v for v, _ in got][:3] == ["holds", "refuted", "holds"], got
    assert got[3][0] == "unchecked" and "a power or layer 2" in got[3][1], got[3]


def test_digit_labels_read_from_forwards_and_activations():
    assert digit_label_letters([r"z^2_{ij} = \sum_m \sum_n w^2_{mn} a^1_{i+m,j+n} + b^2"]) >= {"b", "z", "w", "a"}
    assert digit_label_letters([r"a^2 = \sigma(z^2)"]) == {"a", "z"}
    assert digit_label_letters([r"a^2_{ij} = f(z^2_{ij})"]) == {"a", "z"}
    # powers: no layer reading
    assert digit_label_letters([r"a^2 = \sigma(z^3)"]) == frozenset()
    assert digit_label_letters([r"x^2 = y^2"]) == frozenset()
    assert digit_label_letters([r"y^2 = \sigma(x)^2"]) == frozenset()
    assert digit_label_letters([r"L = \frac{1}{2} \sum_i (y_i - t_i)^2"]) == frozenset()
