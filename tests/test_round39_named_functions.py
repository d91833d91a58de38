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
    assert uncall(r"g = \phi(\mathbf{z}) - y", vector_functions(bold)) == r"g = \phi - y"


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
