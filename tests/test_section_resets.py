"""What one part of a document fixes does not leak into the next, and kinks and
counterexamples are stated as they are (the red-team review of 2026-12-02).

Truth comes from torch autograd (dense layers, max pooling, ReLU), never from symbp:
- a forward below a new heading is that heading's layer (two dense layers, one letter set);
- numbers bound in one directive's section are not the next directive section's numbers;
- σ'(z) of ReLU written without a value at z = 0, or with 1 there, is not refuted at the kink;
- a convolution-matrix refutation names integers at which the two entries differ.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(doc: str) -> dict[int, str]:
    return {c.line: c.verdict for c in check_text(doc, "md").claims}


# --------------------------------------------------------------------------- dense layers under headings

def _dense_truth(weight_in_out: bool, claim_sums_over_first: bool) -> str:
    """Whether ∂L/∂a_k = Σ_j w_{jk} ∂L/∂z_j (claim_sums_over_first) or Σ_j w_{kj} ∂L/∂z_j holds
    for z_j = Σ_k w_{jk} a_k + b_j (weight (out, in)) or z_j = Σ_k w_{kj} a_k + b_j."""
    rng = np.random.default_rng(3)
    n = 3                                   # square, so both spellings have the shapes
    w, a, g = (torch.tensor(rng.standard_normal(s)) for s in ((n, n), (n,), (n,)))
    a.requires_grad_(True)
    z = (w.T if weight_in_out else w) @ a
    (z * g).sum().backward()
    claimed = (w.T @ g) if claim_sums_over_first else (w @ g)
    return "holds" if torch.allclose(a.grad, claimed) else "refuted"


TWO_DENSE = r"""# Two dense layers written with the same letters

## Weight stored (out, in)

$$z_j = \sum_k w_{jk} a_k + b_j$$

$$\frac{\partial L}{\partial a_k} = \sum_j w_{jk} \frac{\partial L}{\partial z_j}$$

## Weight stored (in, out)

$$z_j = \sum_k w_{kj} a_k + b_j$$

$$\frac{\partial L}{\partial a_k} = \sum_j w_{jk} \frac{\partial L}{\partial z_j}$$

$$\frac{\partial L}{\partial a_k} = \sum_j w_{kj} \frac{\partial L}{\partial z_j}$$
"""


def test_a_forward_below_a_new_heading_is_that_headings_layer():
    got = _verdicts(TWO_DENSE)
    assert got[7] == _dense_truth(False, True) == "holds"
    assert got[11] == "definition"                       # not a wrong restatement of the first
    assert got[13] == _dense_truth(True, True) == "refuted"
    assert got[15] == _dense_truth(True, False) == "holds"


def test_a_second_forward_without_a_heading_is_still_a_claim_about_the_first():
    doc = TWO_DENSE.replace("## Weight stored (in, out)\n", "")
    got = _verdicts(doc)
    rng = np.random.default_rng(4)
    w, a = rng.standard_normal((3, 3)), rng.standard_normal(3)
    assert not np.allclose(w @ a, w.T @ a)                 # Σ_k w_{kj} a_k is not the first forward's z_j
    assert got[7] == "holds" and got[10] == "refuted"     # w_{kj}: the first layer's weight in the other order


LINEAR_ROWS = r"""# A batch with samples as rows

$$Y = XW + b$$

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T$$

# torch.nn.Linear layout

$$Y = XW^T + b$$

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W$$

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T$$
"""


def _linear_truth(transposed: bool, claim_transposed: bool) -> str:
    rng = np.random.default_rng(5)
    x = torch.tensor(rng.standard_normal((2, 3)), requires_grad=True)
    w, g = torch.tensor(rng.standard_normal((3, 3))), torch.tensor(rng.standard_normal((2, 3)))
    ((x @ (w.T if transposed else w)) * g).sum().backward()
    claimed = g @ (w.T if claim_transposed else w)
    return "holds" if torch.allclose(x.grad, claimed) else "refuted"


def test_torch_linear_layout_below_its_heading():
    got = _verdicts(LINEAR_ROWS)
    assert got[5] == _linear_truth(False, True) == "holds"
    assert got[9] == "definition"
    assert got[11] == _linear_truth(True, False) == "holds"
    assert _linear_truth(True, True) == "refuted"
    assert got[13] in ("refuted", "unchecked")     # never indexed: one neuron a layer would make it hold


# --------------------------------------------------------------------------- numbers per directive section

def _maxpool_grad(x: np.ndarray, delta: np.ndarray) -> np.ndarray:
    t = torch.tensor(x, requires_grad=True)
    (torch.nn.functional.max_pool2d(t[None, None], 2)[0, 0] * torch.tensor(delta)).sum().backward()
    return t.grad.numpy()


def _bmatrix(m) -> str:
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(str(int(v)) for v in row) for row in m) + \
        r" \end{bmatrix}"


def test_numbers_bound_in_one_directive_section_do_not_reach_the_next():
    first = np.array([[1, 5, 2, 0], [3, 4, 7, 1], [4, 2, 6, 5], [0, 9, 1, 3]], dtype=float)
    top_left = np.array([[9, 0, 9, 0], [0, 0, 0, 0], [9, 0, 9, 0], [0, 0, 0, 0]], dtype=float)
    d1, d2 = np.array([[2.0, 8.0], [4.0, 6.0]]), np.array([[1.0, 2.0], [3.0, 4.0]])
    right = _maxpool_grad(top_left, d2)          # every window's maximum at its top left
    stale = _maxpool_grad(first, d2)             # the first section's maxima
    assert not np.array_equal(right, stale)
    doc = "\n\n".join([
        "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 -->",
        f"$$a = {_bmatrix(first)}$$", rf"$$\delta = {_bmatrix(d1)}$$",
        rf"$$\nabla a = {_bmatrix(_maxpool_grad(first, d1))}$$",
        "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,tl,tl,tl -->",
        rf"$$\delta = {_bmatrix(d2)}$$", rf"$$\nabla a = {_bmatrix(right)}$$",
        rf"$$\nabla a = {_bmatrix(stale)}$$"])
    verdicts = [c.verdict for c in check_text(doc, "md").claims]
    assert verdicts == ["definition", "definition", "holds", "definition", "holds", "refuted"]


# --------------------------------------------------------------------------- ReLU's kink

def _relu_prime_truth(positive: str, negative: str) -> str:
    """Whether the claimed values on z > 0 and z < 0 are ReLU's derivative there (torch)."""
    z = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
    torch.relu(z).sum().backward()
    claimed = torch.tensor([float(negative)] * 2 + [float(positive)] * 2)
    return "holds" if torch.equal(z.grad, claimed) else "refuted"


@pytest.mark.parametrize("letter", [r"\sigma", "f"])
@pytest.mark.parametrize("cases, values", [
    (r"1 & z > 0 \\ 0 & z < 0", ("1", "0")),             # no value at z = 0
    (r"1 & z \ge 0 \\ 0 & z < 0", ("1", "0")),           # 1 at z = 0: a subgradient, not PyTorch's 0
    (r"1 & z > 0 \\ 0 & z \le 0", ("1", "0")),
    (r"1 & z > 0 \\ 1 & z < 0", ("1", "1")),             # wrong for z < 0
])
def test_relu_prime_is_judged_where_the_derivative_exists(letter, cases, values):
    doc = (f"$${letter}(z) = \\max(0, z)$$\n\n"
           f"$${letter}'(z) = \\begin{{cases}} {cases} \\end{{cases}}$$\n")
    claim = check_text(doc, "md").claims[-1]
    assert claim.verdict == _relu_prime_truth(*values)
    if claim.verdict == "holds" and r"\ge" in cases:
        assert "not decided" in claim.detail or "one-sided" in claim.detail


# --------------------------------------------------------------------------- counterexample integers

def test_a_convolution_matrix_refutation_names_integers_where_the_entries_differ():
    flipped = (r"C = \begin{pmatrix} w_{1,1} & w_{1,0} & 0 & w_{0,1} & w_{0,0} & 0 & 0 & 0 & 0 \\ "
               r"0 & w_{1,1} & w_{1,0} & 0 & w_{0,1} & w_{0,0} & 0 & 0 & 0 \\ "
               r"0 & 0 & 0 & w_{1,1} & w_{1,0} & 0 & w_{0,1} & w_{0,0} & 0 \\ "
               r"0 & 0 & 0 & 0 & w_{1,1} & w_{1,0} & 0 & w_{0,1} & w_{0,0} \end{pmatrix}")
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=0 names: x=input w=kernel y=output -->\n\n"
           f"$$y = C x$$\n\n$${flipped}$$\n")
    claim = check_text(doc, "md").claims[-1]
    # truth: C's first entry multiplies x_{0,0} in y_{0,0} = Σ w_{m,n} x_{m,n} (a plain loop)
    x = np.zeros((3, 3))
    x[0, 0] = 1.0
    w = np.arange(1.0, 5.0).reshape(2, 2)
    y00 = sum(w[m, n] * x[m, n] for m in range(2) for n in range(2))
    assert y00 == w[0, 0] != w[1, 1]
    assert claim.verdict == "refuted"
    left, right = re.search(r": (-?\d+) ≠ (-?\d+)$", claim.detail).groups()
    assert left != right


# --------------------------------------------------------------------------- a chain's closed form not read

MAXPOOL_CHAIN = r"""<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=1 index_base=0 names: x=input y=output e=loss -->

$$
\frac{\partial e}{\partial x_{uv}} = \sum_{i=0}^{2}\sum_{j=0}^{2}\frac{\partial e}{\partial y_{ij}}\frac{\partial y_{ij}}{\partial x_{uv}}LAST
$$
"""
ONE_WINDOW = r"""=\left\{ \begin{array}{rr} {\partial e}/{\partial y_{ij}}\;, & x_{uv}=max(x_{i+r,j+s})\\ 0\;, & others \end{array} \right."""


def test_a_chain_whose_closed_form_is_not_read_is_not_decided():
    # truth (torch): with stride 1 the windows overlap; an input that is the maximum of two windows
    # gets the sum of their gradients, so "one window's gradient" (the last side) is false
    x = torch.tensor([[0.0, 1, 0, 0], [2, 9, 3, 0], [0, 4, 0, 5], [0, 0, 6, 0]], requires_grad=True)
    y = torch.nn.functional.max_pool2d(x[None, None], 2, 1)[0, 0]
    g = torch.arange(1.0, 10.0).reshape(3, 3)
    (y * g).sum().backward()
    assert x.grad[1, 1] == g[0, 0] + g[0, 1] + g[1, 0] + g[1, 1] != g[0, 0]
    two_sides, three_sides = (check_text(MAXPOOL_CHAIN.replace("LAST", last), "md").claims[-1]
                              for last in ("", ONE_WINDOW))
    assert two_sides.verdict == "holds"                   # the chain rule's sum: the gradient torch gives
    assert three_sides.verdict == "unchecked" and "side 3 not read" in three_sides.detail


def test_the_founding_reader_leaves_a_chain_whose_closed_form_it_cannot_read():
    # truth (torch): for a valid 3x3 * 2x2 cross-correlation, ∂J/∂a_{11} = δ_{11} w_{11} (1-based)
    a = torch.randn(1, 1, 3, 3, requires_grad=True)
    w, g = torch.randn(1, 1, 2, 2), torch.randn(1, 1, 2, 2)
    (torch.nn.functional.conv2d(a, w) * g).sum().backward()
    assert torch.isclose(a.grad[0, 0, 0, 0], g[0, 0, 0, 0] * w[0, 0, 0, 0])
    head = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n"
    two = check_text(head + r"$$\nabla a_{11} = \delta_{11} \cdot w_{11}$$" + "\n", "md").claims[-1]
    three = check_text(head + r"$$\nabla a_{11} = \delta_{11} \cdot w_{11} = \text{the first entry}$$" + "\n",
                       "md").claims[-1]
    assert two.verdict == "holds"
    assert three.verdict == "unchecked" and "side 3 not read" in three.detail and "a chain holds only if every side does" in three.detail
