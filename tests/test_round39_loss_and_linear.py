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
                                         if loss != "mean" and claim != "2/n"])
def test_a_squared_error_loss_alone(loss, claim):
    page = f"# The loss\n\n$$ {LOSSES[loss][0]} $$\n\n$$ {CLAIMS[claim][0]} $$\n"
    verdict = check_text(page, "md").claims[-1]
    truth = _true(loss, claim)
    assert verdict.verdict == ("holds" if truth else "refuted"), (loss, claim, truth, verdict.detail)


@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_a_mean_over_a_count_letter_is_not_read_as_an_identity_in_it(claim):
    """Red team 47: "With $n = 3$", then c = 1/n Σ (a_i - y_i)^2 and ∂c/∂a_i = 2/3 (a_i - y_i) was refuted at n = 4: the
    page gives n a number a claim may write.  A count letter's loss is left to the other readers (unchecked here)."""
    page = f"# The loss\n\nWith $n = 3$,\n\n$$ {LOSSES['mean'][0]} $$\n\n$$ {CLAIMS[claim][0]} $$\n"
    truth = _true("mean", claim) if claim != "2/n" else True
    assert check_text(page, "md").claims[-1].verdict != ("refuted" if truth else "holds")
    third = page.replace(CLAIMS[claim][0], r"\frac{\partial L}{\partial a_i} = \frac{2}{3}(a_i - y_i)")
    assert check_text(third, "md").claims[-1].verdict != "refuted"


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


def _transposed_layer_claim_true() -> bool:
    """Whether ∂L/∂W = ∂L/∂z x^T for z = W^T x + b (W 4x3), by torch autograd (it is x (∂L/∂z)^T)."""
    torch.manual_seed(9)
    w, x = torch.randn(4, 3, requires_grad=True), torch.randn(4)
    g = torch.randn(3)
    (gw,) = torch.autograd.grad(((w.T @ x) * g).sum(), (w,))
    return gw.shape == (3, 4) and torch.allclose(gw, torch.outer(g, x))


@pytest.mark.parametrize("prose", [
    "Unlike $\\mathbf{z} = W\\mathbf{x} + \\mathbf{b}$, we use $\\mathbf{z} = W^T\\mathbf{x} + \\mathbf{b}$.",
    "Many texts write $\\mathbf{z} = W\\mathbf{x} + \\mathbf{b}$; here $W$ is stored input-first.",
    "For the layer $\\mathbf{z} = W\\mathbf{x} + \\mathbf{b}$ (see below for our storage):",
])
def test_an_inline_forward_set_aside_or_contradicted_does_not_settle_the_weight_order(prose):
    """Red team 47: the first bold inline forward settled W output-first though the page set it aside or wrote
    z = W^T x + b elsewhere: ∂L/∂W = ∂L/∂z x^T, false there, held."""
    assert not _transposed_layer_claim_true()
    page = (f"# Linear layer\n\n{prose}\n\n$$\\frac{{\\partial L}}{{\\partial W}} = \\frac{{\\partial L}}{{\\partial \\mathbf{{z}}}} "
            "\\mathbf{x}^T$$\n\nIn this note the weight is stored input-first,\n\n$$\\mathbf{z} = W^T\\mathbf{x} + \\mathbf{b}$$\n")
    assert check_text(page, "md").claims[0].verdict != "holds"


def test_a_squared_norm_of_matrices_is_not_a_sum_over_one_index():
    """Red team 47: L = ½‖A − Y‖² read as Σ_κ (A_κ − Y_κ)², and ∂L/∂A_{ij} = A_{ij} − Y_{ij} (true: the Frobenius
    norm) was refuted with its left side 0."""
    torch.manual_seed(2)
    a, y = torch.randn(3, 2, requires_grad=True), torch.randn(3, 2)
    (grad,) = torch.autograd.grad(0.5 * ((a - y) ** 2).sum(), a)
    assert torch.allclose(grad, a.detach() - y)
    page = "# Loss\n\n$$L = \\frac{1}{2}\\|A - Y\\|^2$$\n\n$$\\frac{\\partial L}{\\partial A_{ij}} = A_{ij} - Y_{ij}$$\n"
    assert check_text(page, "md").claims[-1].verdict != "refuted"
