"""Matrices written with dots (``\\vdots``, ``\\ldots``, ``\\ddots``), as textbooks write a dense
layer's gradients, are read as the whole matrix their pattern of one row number and one column
number describes, over the axes those numbers index (symbp.check.dotted_matrix); a matrix whose
cells follow no such pattern stays unchecked, never guessed.

Truth: torch autograd of L = <G, y> for y = W x + b, W 2x3 (the directive's sizes).
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.dotted_matrix import NO_PATTERN

torch.set_default_dtype(torch.float64)

PAGE = r"""# A dense layer

<!-- symbp: layer=fc in=3 out=2 names: x=input W=kernel b=bias y=output L=loss -->

$$y_i = \sum_{j=1}^{n} w_{i,j} x_j + b_i$$

$$CLAIM$$
"""


def torch_grads():
    gen = torch.Generator().manual_seed(3)
    W = torch.randn(2, 3, generator=gen, requires_grad=True)
    x = torch.randn(3, generator=gen, requires_grad=True)
    b = torch.randn(2, generator=gen, requires_grad=True)
    y = W @ x + b
    g = torch.randn(2, generator=gen)
    (y * g).sum().backward()
    return W.detach(), x.detach(), g, W.grad, x.grad


def verdict(claim: str):
    return check_text(PAGE.replace("CLAIM", claim), "md").claims[-1]


COLUMN = (r"\frac{\partial L}{\partial x} = \begin{bmatrix} \frac{\partial L}{\partial x_1} \\ \frac{\partial L}"
          r"{\partial x_2} \\ \vdots \\ \frac{\partial L}{\partial x_n} \end{bmatrix} = W^T \frac{\partial L}{\partial y}")
OUTER = (r"\frac{\partial L}{\partial W} = \begin{bmatrix} \frac{\partial L}{\partial y_1} x_1 & \frac{\partial L}"
         r"{\partial y_1} x_2 & \cdots & \frac{\partial L}{\partial y_1} x_n \\ \vdots & \vdots & \ddots & \vdots \\ "
         r"\frac{\partial L}{\partial y_m} x_1 & \frac{\partial L}{\partial y_m} x_2 & \cdots & "
         r"\frac{\partial L}{\partial y_m} x_n \end{bmatrix}")


def test_a_column_written_with_dots_equals_the_matrix_product():
    W, _, g, _, gx = torch_grads()
    assert torch.allclose(W.T @ g, gx)                   # the claim is true (torch)
    got = verdict(COLUMN)
    assert got.verdict == "holds", got.detail


def test_the_weight_gradient_as_a_dotted_outer_product():
    _, x, g, gW, _ = torch_grads()
    assert torch.allclose(torch.outer(g, x), gW)          # true (torch)
    got = verdict(OUTER)
    assert got.verdict == "holds", got.detail


@pytest.mark.parametrize("wrong, why", [
    (OUTER.replace("} x_1", "} w_{1,1}"), "a cell of another pattern: no pattern, unchecked"),
    (OUTER.replace(r"\frac{\partial L}{\partial y_1} x_1", r"\frac{\partial L}{\partial y_1} x_2")
          .replace(r"\frac{\partial L}{\partial y_1} x_2 & \cdots", r"\frac{\partial L}{\partial y_1} x_3 & \cdots")
          .replace(r"\frac{\partial L}{\partial y_m} x_1", r"\frac{\partial L}{\partial y_m} x_2")
          .replace(r"\frac{\partial L}{\partial y_m} x_2 & \cdots", r"\frac{\partial L}{\partial y_m} x_3 & \cdots"),
     "counts the columns from 2: x's axis starts at 1"),
])
def test_a_matrix_whose_cells_do_not_fit_is_never_decided(wrong, why):
    got = verdict(wrong)
    assert got.verdict == "unchecked", (why, got.detail)


def test_a_wrong_entry_pattern_is_refuted():
    W, _, g, gW, _ = torch_grads()
    assert not torch.allclose(g[:, None] * W, gW)          # ∂L/∂y_i w_{ij} is not ∂L/∂w_{ij} (torch)
    got = verdict(r"\frac{\partial L}{\partial W} = \begin{bmatrix} \frac{\partial L}{\partial y_1} w_{1,1} & "
                  r"\frac{\partial L}{\partial y_1} w_{1,2} & \cdots & \frac{\partial L}{\partial y_1} w_{1,n} \\ "
                  r"\vdots & \vdots & \ddots & \vdots \\ \frac{\partial L}{\partial y_m} w_{m,1} & "
                  r"\frac{\partial L}{\partial y_m} w_{m,2} & \cdots & \frac{\partial L}{\partial y_m} w_{m,n} \end{bmatrix}")
    assert got.verdict == "refuted", got.detail


def test_the_transposed_matrix_is_refuted_by_its_shape():
    transposed = (r"\frac{\partial L}{\partial W} = \begin{bmatrix} \frac{\partial L}{\partial y_1} x_1 & "
                  r"\frac{\partial L}{\partial y_2} x_1 & \cdots & \frac{\partial L}{\partial y_m} x_1 \\ \vdots & "
                  r"\vdots & \ddots & \vdots \\ \frac{\partial L}{\partial y_1} x_n & \frac{\partial L}{\partial y_2} x_n "
                  r"& \cdots & \frac{\partial L}{\partial y_m} x_n \end{bmatrix}")
    got = verdict(transposed)
    assert got.verdict == "refuted" and "shape" in got.detail, got.detail


def test_rows_of_zeros_around_one_row_are_no_pattern():
    got = verdict(r"\frac{\partial y_1}{\partial W} = \begin{bmatrix} x_1 & x_2 & \ldots & x_n \\ 0 & 0 & \ldots & 0 "
                  r"\\ \vdots & \vdots & \ddots & \vdots \\ 0 & 0 & \ldots & 0 \end{bmatrix}")
    assert got.verdict == "unchecked" and NO_PATTERN in got.detail, got.detail


def test_entries_written_without_a_comma():
    _, x, g, gW, _ = torch_grads()
    assert torch.allclose(torch.outer(g, x), gW)          # ∂L/∂W = ∂L/∂y x^T (torch)
    got = verdict(r"\begin{bmatrix} \frac{\partial L}{\partial w_{11}} & \cdots & \frac{\partial L}{\partial w_{1n}} \\ "
                  r"\vdots & \ddots & \vdots \\ \frac{\partial L}{\partial w_{m1}} & \cdots & "
                  r"\frac{\partial L}{\partial w_{mn}} \end{bmatrix} = \frac{\partial L}{\partial y} x^T")
    assert got.verdict == "holds", got.detail


def test_a_matrix_that_ends_in_dots_runs_to_the_end_of_its_axes():
    _, x, g, gW, _ = torch_grads()
    assert torch.allclose(torch.outer(g, x), gW)          # true (torch)
    got = verdict(r"\frac{\partial L}{\partial W} = \begin{pmatrix} \frac{\partial L}{\partial y_1} x_1 & "
                  r"\frac{\partial L}{\partial y_1} x_2 & \cdots \\ \frac{\partial L}{\partial y_2} x_1 & "
                  r"\frac{\partial L}{\partial y_2} x_2 & \cdots \\ \vdots & \vdots & \ddots \end{pmatrix}")
    assert got.verdict == "holds", got.detail
    wrong = verdict(r"\frac{\partial L}{\partial W} = \begin{pmatrix} \frac{\partial L}{\partial y_1} x_2 & "
                    r"\frac{\partial L}{\partial y_1} x_3 & \cdots \\ \frac{\partial L}{\partial y_2} x_2 & "
                    r"\frac{\partial L}{\partial y_2} x_3 & \cdots \\ \vdots & \vdots & \ddots \end{pmatrix}")
    assert wrong.verdict == "unchecked", wrong.detail      # counts from 2 where x counts from 1: not read
