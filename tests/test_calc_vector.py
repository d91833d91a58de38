r"""Softmax / cross-entropy claims written as vectors and matrices without indices, read by the
scalar-layer reader (``check/calc_vector``).

Spellings paraphrased from public derivations: ``\nabla_{\mathbf z} L = \hat{\mathbf y} - \mathbf y``
and ``\frac{\partial L}{\partial \mathbf z} = \mathbf p - \mathbf y`` (lecture notes and blog
posts), the softmax Jacobian as ``\text{diag}(\mathbf s) - \mathbf s \mathbf s^T`` (a theory
Q&A), ``\operatorname{diag}`` and ``^\top`` (matrix-calculus notes), the chain rule as
``(\frac{\partial \mathbf p}{\partial \mathbf z})^T \frac{\partial L}{\partial \mathbf p}``,
``-\mathbf y / \mathbf p`` entrywise and ``\mathbf 1^T \mathbf y``.

Truth from torch autograd at a random point (the Jacobian of softmax, the gradient of the
cross-entropy with a target on the simplex), the claimed side computed with torch matrices:
a claim whose sides agree must hold, one whose sides differ must be refuted.
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

torch.manual_seed(2)
Z = torch.randn(3, dtype=torch.float64, requires_grad=True)
Y = torch.softmax(torch.randn(3, dtype=torch.float64), 0)
P = torch.softmax(Z, 0).detach()
JAC = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, 0), Z.detach())   # [i, j] = ∂p_i/∂z_j
GRAD_Z = torch.autograd.grad(-(Y * torch.log_softmax(Z, 0)).sum(), Z)[0]
PP = P.clone().requires_grad_(True)
GRAD_P = torch.autograd.grad(-(Y * torch.log(PP)).sum(), PP)[0]
ONES = torch.ones(3, dtype=torch.float64)

DOC = r"""
A softmax layer and its loss (the target $y$ is one-hot):

$$p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$

$$L = -\sum_i y_i \log p_i$$

Then

$$CLAIM$$
"""

# (claim, the left side by torch, the right side by torch)
CLAIMS = [
    (r"\frac{\partial L}{\partial \mathbf{z}} = \mathbf{p} - \mathbf{y}", GRAD_Z, P - Y),
    (r"\nabla_{\mathbf z} L = \mathbf p - \mathbf y", GRAD_Z, P - Y),
    (r"\nabla_z L = y - p", GRAD_Z, Y - P),
    (r"\frac{\partial L}{\partial \mathbf z} = \mathbf p", GRAD_Z, P),
    (r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \text{diag}(\mathbf p) - \mathbf p \mathbf p^T",
     JAC, torch.diag(P) - torch.outer(P, P)),
    (r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \operatorname{diag}(\mathbf p) - \mathbf p \mathbf p^\top",
     JAC, torch.diag(P) - torch.outer(P, P)),
    (r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \text{diag}(\mathbf p) + \mathbf p \mathbf p^{T}",
     JAC, torch.diag(P) + torch.outer(P, P)),
    (r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \mathbf p \mathbf p^T", JAC, torch.outer(P, P)),
    (r"\frac{\partial L}{\partial \mathbf{z}} = \left(\frac{\partial \mathbf p}{\partial \mathbf z}\right)^T "
     r"\frac{\partial L}{\partial \mathbf p}", GRAD_Z, JAC.T @ GRAD_P),
    (r"\frac{\partial L}{\partial \mathbf{p}} = -\frac{\mathbf y}{\mathbf p}", GRAD_P, -Y / P),
    (r"\frac{\partial L}{\partial \mathbf{p}} = \frac{\mathbf y}{\mathbf p}", GRAD_P, Y / P),
    (r"\frac{\partial L}{\partial \mathbf{z}} = \mathbf p \mathbf 1^T \mathbf y - \mathbf y", GRAD_Z,
     P * (ONES @ Y) - Y),
]


def _claim(doc: str, needle: str):
    hits = [c for c in check_text(doc, "md", time_limit=20).claims if needle in c.latex]
    assert hits, needle
    return hits[0]


@pytest.mark.parametrize("claim,left,right", CLAIMS)
def test_vector_claims_against_torch(claim, left, right):
    found = _claim(DOC.replace("CLAIM", claim), claim[:30])
    truth = left.shape == right.shape and bool(torch.allclose(left, right, rtol=1e-9, atol=1e-12))
    assert found.verdict == ("holds" if truth else "refuted"), (claim, found.verdict, found.detail)
    assert "without indices" in found.detail


@pytest.mark.parametrize("claim", [
    r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \text{diag}(\mathbf p) - \mathbf p^T \mathbf p",  # matrix - scalar
    r"\frac{\partial L}{\partial \mathbf{z}} = (\mathbf p - \mathbf y)^T",                              # column = row
    r"\frac{\partial L}{\partial \mathbf{z}} = \mathbf p \mathbf p^T",                                   # column = matrix
    r"\frac{\partial L}{\partial \mathbf{z}} = \mathbf p^T \mathbf y - \mathbf y",                     # scalar - column
])
def test_shapes_that_do_not_fit_stay_unchecked(claim):
    assert _claim(DOC.replace("CLAIM", claim), claim[:30]).verdict == "unchecked"


HAT_DOC = r"""
Softmax output and cross-entropy:

$$\hat{y}_i = \frac{e^{z_i}}{\sum_{k=1}^{C} e^{z_k}}$$

$$L = -\sum_{i=1}^{C} y_i \log \hat{y}_i$$

$$CLAIM$$
"""

HAT_CLAIMS = [    # the softmax output written with a hat, bold inside or outside it
    (r"\nabla_z L = \hat y - y", GRAD_Z, P - Y),
    (r"\nabla_{\mathbf z} L = \hat{\mathbf y} - \mathbf y", GRAD_Z, P - Y),
    (r"\frac{\partial L}{\partial \boldsymbol{z}} = \hat{\boldsymbol{y}} - \boldsymbol{y}", GRAD_Z, P - Y),
    (r"\frac{\partial L}{\partial z} = \mathbf{\hat y} + \mathbf y", GRAD_Z, P + Y),
    (r"\frac{\partial L}{\partial \hat{\mathbf y}} = -\mathbf y \oslash \hat{\mathbf y}", GRAD_P, -Y / P),
    (r"\frac{\partial \hat{\mathbf y}}{\partial \mathbf z} = \text{diag}(\hat{\mathbf y}) - "
     r"\hat{\mathbf y}\hat{\mathbf y}^\top", JAC, torch.diag(P) - torch.outer(P, P)),
    (r"\frac{\partial \hat{\mathbf y}}{\partial \mathbf z} = \text{diag}(\hat{\mathbf y})", JAC, torch.diag(P)),
]


@pytest.mark.parametrize("claim,left,right", HAT_CLAIMS)
def test_hat_and_bold_spellings_against_torch(claim, left, right):
    found = _claim(HAT_DOC.replace("CLAIM", claim), claim[:30])
    truth = bool(torch.allclose(left, right, rtol=1e-9, atol=1e-12))
    assert found.verdict == ("holds" if truth else "refuted"), (claim, found.verdict, found.detail)


@pytest.mark.parametrize("bound,whole", [
    ("_{k=1}^{K}", True), ("_{k=0}^{K-1}", True),
    ("_{k=0}^{K}", False), ("_{k=1}^{K-1}", False), ("_{k=2}^{K}", False),
])
def test_a_letter_bound_is_the_whole_axis_only_when_written_so(bound, whole):
    """A sum whose upper bound is a letter: Σ_{k=1}^{K} and Σ_{k=0}^{K-1} run over the whole
    axis; Σ_{k=0}^{K} (K+1 terms) or Σ_{k=1}^{K-1} (K-1) are not read as the axis (never a
    verdict from a sum over the axis). Truth: torch's softmax Jacobian diagonal, p_i(1 - p_i),
    against the claim written with that sum in its denominator."""
    claim = (r"\frac{\partial p_i}{\partial z_i} = \frac{e^{z_i}}{\sum" + bound +
             r" e^{z_k}} - \frac{e^{z_i} e^{z_i}}{(\sum" + bound + r" e^{z_k})^2}")
    found = _claim(DOC.replace("CLAIM", claim), claim[:30])
    assert bool(torch.allclose(torch.diagonal(JAC), P * (1 - P)))        # the whole-axis form is right
    assert found.verdict == ("holds" if whole else "unchecked"), (bound, found.verdict, found.detail)
