"""A pooling written out entry by entry, ``y_{11} = \\text{avg}(x_{11}, x_{12}, x_{21}, x_{22}) & …``
or with ``\\max``, is the section's forward with no directive: its window, stride, index base and
input size come from the rows.  Truth: torch's avg_pool2d / max_pool2d and autograd (which input
entries each output entry reads is taken from torch's own Jacobian, never from symbp).
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.doc_pooling import written_pool_rows

torch.set_default_dtype(torch.float64)
H = 4


def _windows(k, stride, pool):
    """{output entry: sorted input entries it reads} from torch's Jacobian of the pooling."""
    x = torch.randn(1, 1, H, H, requires_grad=True)
    y = pool(x, k, stride)
    found = {}
    for o in itertools.product(range(y.shape[2]), range(y.shape[3])):
        g = torch.autograd.grad(y[0, 0][o], x, retain_graph=True)[0][0, 0]
        found[o] = sorted((i, j) for i in range(H) for j in range(H) if g[i, j] != 0)
    return found


def _avg_windows(k, stride):
    return _windows(k, stride, torch.nn.functional.avg_pool2d)


def _page(k, stride, base, function, claim):
    rows = " \\\\\n".join(
        f"y_{{{o[0] + base}{o[1] + base}}} = {function} ( " + ",".join(f"x_{{{i + base}{j + base}}}" for i, j in cells) + " )"
        for o, cells in _avg_windows(k, stride).items())
    return (f"# Pooling\n\nThe forward pass:\n\n$$\n\\begin{{array}}{{c}}\n{rows}\n\\end{{array}}\n$$\n\n"
            f"The backward pass:\n\n$$\n{claim}\n$$\n")


def _avg_jacobian(k, stride, out, inp):
    x = torch.randn(1, 1, H, H, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, k, stride)
    return torch.autograd.grad(y[0, 0][out], x)[0][0, 0][inp].item()


CASES = [(2, 1, 1), (2, 2, 1), (2, 1, 0), (2, 2, 0)]      # (window, stride, index base)


@pytest.mark.parametrize("k, stride, base", CASES)
@pytest.mark.parametrize("claimed", ["1/4", "1/2", "0"])
def test_average_pooling_rows(k, stride, base, claimed):
    out, inp = (0, 0), (1, 1)                                   # ∂y_{00}/∂x_{11}, 0-based
    value, number = {"1/4": (r"\frac{1}{4}", 0.25), "1/2": (r"\frac{1}{2}", 0.5), "0": ("0", 0.0)}[claimed]
    claim = (rf"\frac{{\partial y_{{{out[0] + base}{out[1] + base}}}}}{{\partial x_{{{inp[0] + base}{inp[1] + base}}}}}"
             f" = {value}")
    true = _avg_jacobian(k, stride, out, inp)
    expected = "holds" if abs(true - number) < 1e-12 else "refuted"
    got = check_text(_page(k, stride, base, r"\text{avg}", claim), "md").claims[-1]
    assert got.verdict == expected, got.detail


def test_max_pooling_rows_bind_the_layer():
    claim = (r"\frac{\partial E}{\partial x_{mn}}=\sum_{ij}\frac{\partial E}{\partial y_{ij}}"
             r"\frac{\partial y_{ij}}{\partial x_{mn}}")
    got = check_text(_page(2, 2, 1, r"\max", claim), "md").claims
    assert got[0].verdict == "definition", got[0].detail
    assert got[-1].verdict == "holds", got[-1].detail          # the chain rule through the layer


@pytest.mark.parametrize("rows", [
    r"y_{11} = \max(x_{11},x_{12},x_{21}) & y_{12} = \max(x_{13},x_{14},x_{23})",          # not a full window
    r"y_{11} = \max(x_{11},x_{12},x_{21},x_{22}) & y_{12} = \max(x_{12},x_{14},x_{22},x_{24})",   # not a window
    r"y_{11} = \max(x_{11},x_{12},x_{21},x_{22}) & y_{12} = \text{avg}(x_{13},x_{14},x_{23},x_{24})",  # two kinds
    r"y_{11} = \max(x_{11},x_{12},x_{21},x_{22})",                                          # one row: no stride
])
def test_rows_that_fit_no_pooling_are_not_read(rows):
    assert written_pool_rows(rows) is None


@pytest.mark.parametrize("forward", [r"x_{2i-2+m,2j-2+n}", r"x_{2i+m-2,2j+n-2}"])
@pytest.mark.parametrize("out, inp", [((1, 1), (3, 3)), ((0, 0), (1, 1)), ((1, 1), (1, 1)), ((0, 1), (0, 3))])
def test_strided_pooling_counted_from_one(forward, out, inp):
    """An average pooling in index notation with a stride in numbers, entries from 1: the output's
    y_{11} reads x_{11} … x_{22} (a correct claim about y_{22} was refuted when the offset -2 was
    read as the output's first index)."""
    page = ("# Pooling\n\n<!-- symbp: input=4x4 kernel=2x2 index_base=1 -->\n\n"
            rf"$$y_{{i,j}} = \frac{{1}}{{4}}\sum_{{m=1}}^{{2}}\sum_{{n=1}}^{{2}} {forward}$$" "\n\n"
            rf"$$\frac{{\partial y_{{{out[0] + 1}{out[1] + 1}}}}}{{\partial x_{{{inp[0] + 1}{inp[1] + 1}}}}} = \frac{{1}}{{4}}$$" "\n")
    expected = "holds" if abs(_avg_jacobian(2, 2, out, inp) - 0.25) < 1e-12 else "refuted"
    got = check_text(page, "md").claims[-1]
    assert got.verdict == expected, got.detail


@pytest.mark.parametrize("separator", [r" \quad ", r" \qquad ", r" \hspace{1cm} "])
def test_rows_side_by_side_are_one_forward_and_each_a_definition(separator):
    """Rows written side by side with spacing instead of & are the same pooling; every row of the
    display is its definition, and the claims below are checked under it (truth: torch)."""
    rows = [f"y_{{{o[0] + 1}{o[1] + 1}}} = \\text{{avg}}(" + ",".join(f"x_{{{i + 1}{j + 1}}}" for i, j in cells) + ")"
            for o, cells in _avg_windows(2, 2).items()]
    right = _avg_jacobian(2, 2, (0, 1), (1, 2))                 # ∂y_{12}/∂x_{23}, 1-based
    wrong = _avg_jacobian(2, 2, (1, 0), (1, 2))                 # ∂y_{21}/∂x_{23}
    assert (right, wrong) == (0.25, 0.0)
    page = (f"# Pooling\n\n$$\n{separator.join(rows[:2])} \\\\\n{separator.join(rows[2:])}\n$$\n\n"
            "$$\\frac{\\partial L}{\\partial x_{23}} = \\frac{1}{4} \\frac{\\partial L}{\\partial y_{12}}$$\n\n"
            "$$\\frac{\\partial L}{\\partial x_{23}} = \\frac{1}{4} \\frac{\\partial L}{\\partial y_{21}}$$\n")
    got = check_text(page, "md").claims
    assert [c.verdict for c in got[:-2]] == ["definition"] * (len(got) - 2), [(c.verdict, c.detail[:80]) for c in got]
    assert [c.verdict for c in got[-2:]] == ["holds", "refuted"], [c.detail for c in got[-2:]]
