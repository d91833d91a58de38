"""A sum over an index of a transposed matrix's entry, ``\\sum_i (X^T)_{ki} (gY)_{ij}`` (round 40).

The entry ``(X^T)_{k,i}`` was read as ``X_{i,k}``, but the sum over ``i`` took its range from X's second axis (where ``i``
is written) instead of its first: with 4 samples of 3 features, the correct ∂L/∂W_{kj} = Σ_i (X^T)_{ki} (gY)_{ij} summed 3
samples and was refuted (blind held-out 41, a Korean batched-matmul note).

Truth: torch autograd (float64) of Y = X W with the batch of 4, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

PAGE = ("<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: X=input W=kernel Y=output gY=output_grad "
        "\\mathcal{{L}}=loss -->\n#### Backward\n\nFor Y = X W:\n\n$$ {row} $$\n")
CLAIMS = {
    "dW_transposed": (r"\frac{\partial \mathcal{L}}{\partial W_{kj}} = \sum_i (X^T)_{ki} \cdot (gY)_{ij}",
                      lambda X, W, G: X.T @ G, "W"),
    "dW_plain": (r"\frac{\partial \mathcal{L}}{\partial W_{kj}} = \sum_i X_{ik} \cdot (gY)_{ij}", lambda X, W, G: X.T @ G, "W"),
    "dX_transposed": (r"\frac{\partial \mathcal{L}}{\partial X_{ik}} = \sum_j (gY)_{ij} \cdot (W^T)_{jk}",
                      lambda X, W, G: G @ W.T, "X"),
    "dX_wrong_axis": (r"\frac{\partial \mathcal{L}}{\partial X_{ik}} = \sum_j (gY)_{ij} \cdot (W^T)_{kj}", None, "X"),
    "dW_wrong_axis": (r"\frac{\partial \mathcal{L}}{\partial W_{kj}} = \sum_i (X^T)_{ik} \cdot (gY)_{ij}", None, "W"),
}


def _true(name: str) -> bool:
    form = CLAIMS[name][1]
    if form is None:              # a transposed entry read the other way round: shapes that do not even fit
        return False
    for seed in range(3):
        torch.manual_seed(seed)
        X, W = torch.randn(4, 3, requires_grad=True), torch.randn(3, 2, requires_grad=True)
        Y = X @ W
        G = torch.randn(4, 2)
        (Y * G).sum().backward()
        grad = {"W": W.grad, "X": X.grad}[CLAIMS[name][2]]
        if not torch.allclose(grad, form(X.detach(), W.detach(), G)):
            return False
    return True


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_a_sum_over_a_transposed_entry_runs_over_the_axis_it_indexes(name):
    verdict = check_text(PAGE.format(row=CLAIMS[name][0]), "md").claims[-1]
    if _true(name):
        assert verdict.verdict == "holds", verdict.detail
    else:
        assert verdict.verdict != "holds", verdict.detail


def test_the_truth_tells_the_claims_apart():
    assert _true("dW_transposed") and _true("dX_transposed") and not _true("dW_wrong_axis")
