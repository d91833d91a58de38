"""An accumulation row, ``\\frac{\\partial L}{\\partial X_{i+u,j+v}} \\mathrel{+}= \\frac{\\partial L}{\\partial Y_{i,j}} K_{u,v}``
(round 40): the loop body a note writes for a convolution's input gradient, read as the sum it builds over
every index letter of the row (:mod:`symbp.check.scatter_add`).  It was unchecked ('\\mathrel' not understood).

Truth: the row run as the plain loop it states (numpy, each write that lands inside X kept), compared with torch
autograd's gradient of the layer (float64), never symbp.
"""
import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text
from symbp.check.scatter_add import accumulated_twice, gathered

torch.set_default_dtype(torch.float64)

G = r"\frac{\partial L}{\partial Y_{i,j}}"
# (row, stride, what the loop adds: (target "X" or "K", target index (i, j, u, v, s) -> (p, q), factor))
ROWS = {
    "input": (r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= " + G + r"\, K_{u,v}", 1,
              ("X", lambda i, j, u, v, s: (i + u, j + v), lambda K, X, i, j, u, v: K[u, v])),
    "input_flipped_offsets": (r"\frac{\partial L}{\partial X_{i-u,j-v}} \mathrel{+}= " + G + r"\, K_{u,v}", 1,
                              ("X", lambda i, j, u, v, s: (i - u, j - v), lambda K, X, i, j, u, v: K[u, v])),
    "input_kernel_transposed": (r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= " + G + r"\, K_{v,u}", 1,
                                ("X", lambda i, j, u, v, s: (i + u, j + v), lambda K, X, i, j, u, v: K[v, u])),
    "input_no_offset": (r"\frac{\partial L}{\partial X_{i,j}} += " + G + r" K_{u,v}", 1,
                        ("X", lambda i, j, u, v, s: (i, j), lambda K, X, i, j, u, v: K[u, v])),
    "kernel": (r"\frac{\partial L}{\partial K_{u,v}} \mathrel{+=} " + G + r"\, X_{i+u,j+v}", 1,
               ("K", lambda i, j, u, v, s: (u, v), lambda K, X, i, j, u, v: X[i + u, j + v])),
    "input_strided": (r"\frac{\partial L}{\partial X_{2i+u,2j+v}} \mathrel{+}= " + G + r"\, K_{u,v}", 2,
                      ("X", lambda i, j, u, v, s: (s * i + u, s * j + v), lambda K, X, i, j, u, v: K[u, v])),
    "input_stride_forgotten": (r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= " + G + r"\, K_{u,v}", 2,
                               ("X", lambda i, j, u, v, s: (i + u, j + v), lambda K, X, i, j, u, v: K[u, v])),
}


def _true(name: str) -> bool:
    row, stride, (target, where, factor) = ROWS[name]
    for seed in range(3):
        rng = np.random.default_rng(seed)
        X, K = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
        x, k = torch.tensor(X, requires_grad=True), torch.tensor(K, requires_grad=True)
        y = F.conv2d(x[None, None], k[None, None], stride=stride)[0, 0]
        g = torch.tensor(rng.standard_normal(tuple(y.shape)))
        (y * g).sum().backward()
        truth = (x if target == "X" else k).grad.numpy()
        built = np.zeros_like(truth)
        for i, j, u, v in itertools.product(range(y.shape[0]), range(y.shape[1]), range(3), range(3)):
            p, q = where(i, j, u, v, stride)
            if 0 <= p < built.shape[0] and 0 <= q < built.shape[1]:
                built[p, q] += g.numpy()[i, j] * factor(K, X, i, j, u, v)
        if not np.allclose(built, truth):
            return False
    return True


def _page(row: str, stride: int) -> str:
    return (f"<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride={stride} padding=0 "
            "names: X=input K=kernel Y=output L=loss -->\n## Backward\n\nEach output's gradient goes back over its window:\n\n"
            f"$$ {row} $$\n")


@pytest.mark.parametrize("name", sorted(ROWS))
def test_an_accumulation_row_is_the_sum_it_builds(name):
    row, stride, _ = ROWS[name]
    verdict = check_text(_page(row, stride), "md").claims[-1]
    assert verdict.verdict == ("holds" if _true(name) else "refuted"), (name, verdict.detail)
    assert "the accumulation read as the sum it builds" in verdict.detail


def test_the_truth_tells_the_rows_apart():
    assert _true("input") and _true("kernel") and _true("input_strided")
    assert not any(_true(n) for n in ("input_flipped_offsets", "input_kernel_transposed", "input_no_offset",
                                      "input_stride_forgotten"))


def test_a_refutation_names_the_new_indices_it_reads():
    verdict = check_text(_page(ROWS["input_flipped_offsets"][0], 1), "md").claims[-1]
    assert "at p=" in verdict.detail and "[i-u = p][j-v = q]" in verdict.detail, verdict.detail


def test_an_array_accumulated_on_two_rows_is_not_read_as_either_sum():
    """A residual's input gradient: the convolution's path on one row, the skip path on another."""
    page = _page(ROWS["input"][0], 1) + "\nand the skip connection adds\n\n" + \
        r"$$ \frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= \frac{\partial L}{\partial Z_{i+u,j+v}} [u = 0][v = 0] $$" + "\n"
    verdicts = check_text(page, "md").claims
    assert [v.verdict for v in verdicts] == ["unchecked", "unchecked"], [v.detail for v in verdicts]
    assert all("not read as the whole sum" in v.detail for v in verdicts), [v.detail for v in verdicts]


@pytest.mark.parametrize("row", [r"W -= \eta dW", r"dW += \delta a^T", r"a_{i} += b_{i} = c_{i}",
                                 r"dx_{i} += \hat{dx}_{i} / \sigma", r"dW_{m,n} += \sum_{i} x_{i+m} y_{i}",
                                 r"x_{i+1} + y_{i} = z_{i}"])
def test_rows_that_are_no_loop_accumulation_are_left_as_written(row):
    assert gathered(row) is None


def test_accumulated_twice_names_the_target_without_its_indices():
    assert accumulated_twice([r"dx_{i+m} += w_m dy_i", r"dx_{j+1} += v_j", r"dw_{m} += x_{i+m} dy_i"]) == {"dx_{}"}
