"""A squared-error loss alone on a page, written as a squared norm; a bold inline dense forward (round 39).

``L = \\frac{1}{2}\\sum_i (a_i - y_i)^2`` with no layer around it was read by no reader (its model, if
any, is elsewhere): ``\\frac{\\partial L}{\\partial a_i} = a_i - y_i`` stayed unchecked.  The squared
Euclidean norm ``\\frac{1}{2}\\|\\mathbf a - \\mathbf y\\|^2`` (``||a - y||^2_2``, ``\\lVert … \\rVert^2``) is the
sum of the squared entries; a norm of words or entries (``\\|target - out\\|``, an absolute value in
some notes), a norm not squared, or of a product ``\\|Wx - y\\|^2`` is not read.

Truth: torch autograd (float64) at seeded points, never symbp.
"""
import pytest
import torch

from symbp.check.calc_parse import parse_expression
from symbp.check.calc_indices import CalcParseError
from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

LOSSES = {
    "half-sum": (r"L = \frac{1}{2}\sum_{i} (a_i - y_i)^2", lambda a, y: 0.5 * ((a - y) ** 2).sum()),
    "mean": (r"L = \frac{1}{n}\sum_{i=1}^{n} (a_i - y_i)^2", lambda a, y: ((a - y) ** 2).mean()),
    "half-norm": (r"L = \frac{1}{2}\|\mathbf{a} - \mathbf{y}\|^2", lambda a, y: 0.5 * ((a - y) ** 2).sum()),
    "norm22": (r"L = ||\mathbf{a}-\mathbf{y}||^2_2", lambda a, y: ((a - y) ** 2).sum()),
    "lvert": (r"L = \frac{1}{2}\lVert \mathbf{y} - \mathbf{a} \rVert_2^2", lambda a, y: 0.5 * ((a - y) ** 2).sum()),
}
CLAIMS = {
    "a-y": (r"\frac{\partial L}{\partial a_i} = a_i - y_i", lambda a, y, n: a - y),
    "y-a": (r"\frac{\partial L}{\partial a_i} = y_i - a_i", lambda a, y, n: y - a),
    "2(a-y)": (r"\frac{\partial L}{\partial \mathbf{a}} = 2(\mathbf{a} - \mathbf{y})", lambda a, y, n: 2 * (a - y)),
    "2/n": (r"\frac{\partial L}{\partial a_i} = \frac{2}{n}(a_i - y_i)", lambda a, y, n: 2 / n * (a - y)),
}


def _true(loss: str, claim: str) -> bool:
    for seed, size in ((0, 3), (1, 4), (2, 2)):
        torch.manual_seed(seed)
        a, y = torch.randn(size, requires_grad=True), torch.randn(size)
        (grad,) = torch.autograd.grad(LOSSES[loss][1](a, y), a)
        if not torch.allclose(grad, CLAIMS[claim][1](a.detach(), y, size)):
            return False
    return True


@pytest.mark.parametrize("loss, claim", [(loss, claim) for loss in sorted(LOSSES) for claim in sorted(CLAIMS)
                                         if claim != "2/n" or loss == "mean"])    # n: named by the mean only
def test_a_squared_error_loss_alone(loss, claim):
    page = f"# The loss\n\n$$ {LOSSES[loss][0]} $$\n\n$$ {CLAIMS[claim][0]} $$\n"
    verdict = check_text(page, "md").claims[-1]
    truth = _true(loss, claim)
    assert verdict.verdict == ("holds" if truth else "refuted"), (loss, claim, truth, verdict.detail)


def test_the_truth_tells_the_claims_apart():
    assert _true("half-sum", "a-y") and not _true("half-sum", "y-a") and _true("norm22", "2(a-y)")
    assert _true("mean", "2/n") and not _true("mean", "a-y")


@pytest.mark.parametrize("latex", [r"\|a - y\|", r"\|W x - y\|^2", r"\|a - y\|_1^2", r"\|target - out\|^2",
                                   r"\|t_{o1} - o_{o1}\|^2"])
def test_norms_that_are_not_a_squared_euclidean_norm_of_vectors_are_not_read(latex):
    with pytest.raises(CalcParseError):
        parse_expression(latex)


LINEAR_PAGE = r"""# Linear layer

For the linear layer $\mathbf{z} = W\mathbf{x} + \mathbf{b}$ the gradients of a loss L are

$$ CLAIM $$
"""


def _linear_true(form: str) -> bool:
    """Whether the matrix-form claim is the gradient for z = W x + b (W 3x4), by torch autograd."""
    torch.manual_seed(7)
    w, x, b = torch.randn(3, 4, requires_grad=True), torch.randn(4, requires_grad=True), torch.randn(3)
    z = w @ x + b
    g = torch.randn(3)
    gw, gx = torch.autograd.grad((z * g).sum(), (w, x))
    return {"dW": torch.allclose(gw, torch.outer(g, x.detach())), "dx": torch.allclose(gx, w.detach().T @ g)}[form]


@pytest.mark.parametrize("form, latex", [
    ("dW", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \mathbf{z}} \mathbf{x}^T"),
    ("dx", r"\frac{\partial L}{\partial \mathbf{x}} = W^T \frac{\partial L}{\partial \mathbf{z}}"),
])
def test_a_bold_inline_forward_before_the_first_display_settles_the_weight_order(form, latex):
    """``$\\mathbf{z} = W\\mathbf{x} + \\mathbf{b}$`` in the prose above: W is output-first.  The display, as the
    readers see it (``\\partial z``), was not found in the raw text (``\\partial \\mathbf{z}``), so the prose
    forward was not seen as before it and both weight orders were tried: unchecked (round 39)."""
    assert _linear_true(form)
    claim = check_text(LINEAR_PAGE.replace("CLAIM", latex), "md").claims[-1]
    assert claim.verdict == "holds", claim.detail
