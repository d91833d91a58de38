"""Two readings from blind held-out 38 (round 39).

* A softmax defined entry by entry with its argument in bold, ``\\sigma(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}``,
  then written bare, ``\\frac{\\partial L}{\\partial \\mathbf{z}} = \\sigma(\\mathbf{z}) - \\mathbf{y}``: the bare call is
  the softmax vector, not the logistic function entrywise (the correct claim was refuted).  A page that also writes
  a plain ``\\phi(z)`` (a neuron's activation) keeps the call as written.
* ``\\frac{\\partial f}{\\partial z}`` under ``f(z) = \\frac{1}{1+\\exp(-z)}`` is f'(z) (the chain
  ``= f(z)(1 - f(z))`` was refuted with f(z) read as f times z under a directive naming f the output).

Truth: torch autograd (float64) at seeded points, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

SOFTMAX_PAGE = r"""# Softmax and cross-entropy

The softmax

$$\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$

and the cross-entropy, for a one-hot label $\mathbf{y}$,

$$L = -\sum_i y_i \log \sigma(\mathbf{z})_i$$

give

$$ CLAIM $$
"""


def _softmax_claim_true(form: str) -> bool:
    """Whether ∂L/∂z equals the claimed vector, at three seeded points and class counts."""
    for seed, classes in ((0, 3), (1, 4), (2, 2)):
        torch.manual_seed(seed)
        z = torch.randn(classes, requires_grad=True)
        y = torch.zeros(classes)
        y[seed % classes] = 1.0
        loss = -(y * torch.log_softmax(z, 0)).sum()
        (grad,) = torch.autograd.grad(loss, z)
        s, sig = torch.softmax(z, 0).detach(), torch.sigmoid(z).detach()
        claimed = {"s-y": s - y, "y-s": y - s, "sig-y": sig - y, "s(1-s)-y": s * (1 - s) - y}[form]
        if not torch.allclose(grad, claimed):
            return False
    return True


@pytest.mark.parametrize("form, latex", [
    ("s-y", r"\frac{\partial L}{\partial \mathbf{z}} = \sigma(\mathbf{z}) - \mathbf{y}"),
    ("y-s", r"\frac{\partial L}{\partial \mathbf{z}} = \mathbf{y} - \sigma(\mathbf{z})"),
    ("s(1-s)-y", r"\frac{\partial L}{\partial \mathbf{z}} = \sigma(\mathbf{z}) \odot (1 - \sigma(\mathbf{z})) - \mathbf{y}"),
])
def test_a_bold_call_of_a_defined_softmax_is_the_softmax_vector(form, latex):
    truth = _softmax_claim_true(form)
    claims = check_text(SOFTMAX_PAGE.replace("CLAIM", latex), "md").claims
    verdict = claims[-1].verdict
    assert verdict != ("refuted" if truth else "holds"), (latex, verdict, claims[-1].detail)
    if form == "s-y":
        assert verdict == "holds", claims[-1].detail


def test_the_truth_tells_the_softmax_from_the_logistic_function():
    assert _softmax_claim_true("s-y") and not _softmax_claim_true("sig-y")


def test_a_plain_call_elsewhere_keeps_the_bare_call_as_written():
    from symbp.check.calc_calls import uncall, vector_functions
    page = r"$$a = \phi(z)$$ and later $$\phi(\mathbf{z})_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$$"
    assert uncall(r"a = \phi(z)", vector_functions(page)) == r"a = \phi(z)"
    bold = r"$$\phi(\mathbf{z})_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$$ $$g = \phi(\mathbf{z}) - y$$"
    assert uncall(r"g = \phi(\mathbf{z}) - y", vector_functions(bold), line=1) == r"g = \phi - y"    # its part: line 1


SIGMOID_PAGE = r"""DIRECTIVE
# The logistic function

$$\begin{aligned}
f\left(z\right) & = & \frac{1}{1+\exp\left(-z\right)}\end{aligned}$$

$$ CLAIM $$
"""


def _derivative_true(form: str) -> bool:
    z = torch.linspace(-2.0, 2.0, 9, requires_grad=True)
    f = torch.sigmoid(z)
    (grad,) = torch.autograd.grad(f.sum(), z)
    f = f.detach()
    claimed = {"f(1-f)": f * (1 - f), "f(1+f)": f * (1 + f), "e/(1+e)^2": torch.exp(-z.detach()) / (1 + torch.exp(-z.detach())) ** 2,
               "1-f^2": 1 - f ** 2}[form]
    return torch.allclose(grad, claimed)


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=activation name=sigmoid names: z=input f=output -->"])
@pytest.mark.parametrize("form, latex", [
    ("f(1-f)", r"\frac{\partial f}{\partial z} = f\left(z\right)\left(1-f\left(z\right)\right)"),
    ("e/(1+e)^2", r"\frac{d f}{d z} = \frac{\exp\left(-z\right)}{\left(1+\exp\left(-z\right)\right)^{2}}"),
    ("f(1+f)", r"\frac{\partial f}{\partial z} = f(z)(1 + f(z))"),
    ("1-f^2", r"\frac{\partial f}{\partial z} = 1 - f(z)^2"),
])
def test_the_derivative_of_a_defined_function_by_its_variable(directive, form, latex):
    truth = _derivative_true(form)
    claims = check_text(SIGMOID_PAGE.replace("DIRECTIVE", directive).replace("CLAIM", latex), "md").claims
    assert claims[-1].verdict == ("holds" if truth else "refuted"), (latex, claims[-1].detail)


@pytest.mark.parametrize("latex", [r"\frac{d f}{d z} = 6", r"\frac{\partial f}{\partial z} = 2 z = 6"])
def test_a_derivative_given_as_a_number_at_the_pages_point_is_not_an_identity(latex):
    """Red team 46: "At $z = 3$:" then ∂f/∂z = 6 under f(z) = z^2 is right there; read as an identity in z it
    was refuted at z = 0."""
    page = "# Square\n\n$$f(z) = z^2$$\n\nAt $z = 3$:\n\n$$ CLAIM $$\n".replace("CLAIM", latex)
    z = torch.tensor(3.0, requires_grad=True)
    (grad,) = torch.autograd.grad(z ** 2, z)
    assert float(grad) == 6.0
    assert check_text(page, "md").claims[-1].verdict != "refuted"


TWO_PARTS = r"""# Part 1: logistic outputs

Here $\sigma$ is the logistic function applied entrywise, $\hat{\mathbf y} = \sigma(\mathbf z)$, with the loss

$$L = \frac{1}{2}\lVert \sigma(\mathbf{z}) - \mathbf{y} \rVert^2$$

$$\frac{\partial L}{\partial \mathbf{z}} = \sigma(\mathbf{z}) - \mathbf{y}$$

# Part 2: softmax outputs

$$\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$

with the cross-entropy, $\mathbf{y}$ one-hot,

$$L = -\sum_i y_i \log \sigma(\mathbf{z})_i$$

$$\frac{\partial L}{\partial \mathbf{z}} = \sigma(\mathbf{z}) - \mathbf{y}$$
"""


def test_the_softmax_of_one_part_is_not_the_logistic_function_of_another():
    """Red team 46: the vector reading, page-wide, held Part 1's false claim (its gradient is (σ - y) ⊙ σ ⊙ (1 - σ))."""
    torch.manual_seed(4)
    z, y = torch.randn(3, requires_grad=True), torch.tensor([0.0, 1.0, 0.0])
    (grad,) = torch.autograd.grad(0.5 * ((torch.sigmoid(z) - y) ** 2).sum(), z)
    assert not torch.allclose(grad, torch.sigmoid(z).detach() - y)
    first, second = [c for c in check_text(TWO_PARTS, "md").claims if c.latex.strip().startswith(r"\frac{\partial L}")]
    assert first.verdict != "holds", first.detail             # the same claim, written in both parts
    assert second.verdict == "holds" and _softmax_claim_true("s-y"), second.detail
