"""A vector of ones written ``\\mathbf{1}`` in a dense claim: the row ``\\mathbf{1}^\\top`` before a
factor sums a batch's rows; anywhere else it is no number 1 (``H^\\top \\delta \\mathbf{1}`` is not
``H^\\top \\delta``): unread, never held.  Truth: torch autograd (never symbp)."""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

DOC = ("# A dense layer on a mini-batch\n\n<!-- symbp: layer=fc in=3 out=3 batch=3 weight=rows -->\n\n"
       "$$U = H W + \\mathbf{1} b$$\n\nwith $\\delta = \\partial L / \\partial U$.\n\n")


def grads():
    h = torch.randn(3, 3, dtype=torch.float64)
    w = torch.randn(3, 3, dtype=torch.float64, requires_grad=True)
    b = torch.randn(3, dtype=torch.float64, requires_grad=True)
    g = torch.randn(3, 3, dtype=torch.float64)
    ((h @ w + b) * g).sum().backward()
    return h, g, w.grad, b.grad


def verdict(claim: str) -> str:
    claims = check_text(DOC + f"$${claim}$$\n", "md", time_limit=10).claims
    return [c.verdict for c in claims if "partial" in c.latex][-1]


def test_truth():
    h, g, dw, db = grads()
    ones = torch.ones(3, 1, dtype=torch.float64)
    assert (h.T @ g @ ones).shape != dw.shape                     # H^T δ 1 is a column, dW is 3x3
    assert torch.allclose((ones.T @ g).reshape(-1), db)           # 1^T δ is the bias gradient
    assert (ones.T @ g @ ones).shape != db.reshape(1, -1).shape   # 1^T δ 1 is a number


def test_a_trailing_ones_vector_is_never_dropped():
    for claim in (r"\frac{\partial L}{\partial W} = H^\top \delta \mathbf{1}",
                  r"\frac{\partial L}{\partial b} = \mathbf{1}^{T} \delta \mathbf{1}",
                  r"\frac{\partial L}{\partial W} = H^\top \delta \boldsymbol{1}"):
        assert verdict(claim) != "holds", claim


def test_the_row_of_ones_before_delta_still_sums_the_batch():
    assert verdict(r"\frac{\partial L}{\partial b} = \mathbf{1}^\top \delta") == "holds"
