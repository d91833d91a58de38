"""Blind held-out 42's correct claims refuted (round 40): a page listing activations under labels, all with one
letter, and a layer-norm note whose forward writes x̂ without its index.

* "Arctan:" then ``g'(z) = \\frac{1}{1 + z^2}`` on a page that defines ``g(z) = \\frac{1}{1 + e^{-z}}`` was refuted as
  the sigmoid's derivative: the label names another function (activation_labels.relabelled);
* ``\\hat{x} = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}``, ``y_i = \\gamma_i \\cdot \\hat{x} + \\beta_i``: the claim
  ``\\frac{\\partial L}{\\partial \\gamma_i} = \\frac{\\partial L}{\\partial y_i} \\hat{x_i}`` was refuted because the reader
  gave x̂ and γ different lengths (calc_verdict: a forward that writes a name without the index it runs over says no shape).

Truth: torch autograd (float64), never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

PAGE = ("## Linear classifier\n\nThe sigmoid activation:\n\n$$g(z) = \\frac{{1}}{{1 + e^{{-z}}}}$$\n\n"
        "## Case C: other activations\n\n{label}:\n\n$${claim}$$\n")
FUNCTIONS = {"Sigmoid": torch.sigmoid, "Tanh": torch.tanh, "Arctan": torch.atan,
             "Softsign": lambda z: z / (1 + z.abs())}
CLAIMS = {"Sigmoid": (r"g'(z) = g(z)(1 - g(z))", lambda z: torch.sigmoid(z) * (1 - torch.sigmoid(z))),
          "Tanh": (r"g'(z) = 1 - \tanh^2(z)", lambda z: 1 - torch.tanh(z) ** 2),
          "Arctan": (r"g'(z) = \frac{1}{1 + z^2}", lambda z: 1 / (1 + z ** 2)),
          "Softsign": (r"g'(z) = \frac{1}{(1 + |z|)^2}", lambda z: 1 / (1 + z.abs()) ** 2)}


def _true(label: str, claim: str) -> bool:
    z = torch.tensor([-1.3, -0.4, 0.5, 2.0], requires_grad=True)
    (grad,) = torch.autograd.grad(FUNCTIONS[label](z).sum(), z)
    return torch.allclose(grad, CLAIMS[claim][1](z.detach()))


@pytest.mark.parametrize("label", sorted(FUNCTIONS))
@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_a_derivative_under_a_label_is_about_the_labelled_function(label, claim):
    verdict = check_text(PAGE.format(label=label, claim=CLAIMS[claim][0]), "md").claims[-1]
    truth = _true(label, claim)
    assert verdict.verdict != ("refuted" if truth else "holds"), (label, claim, verdict.detail)
    if label == claim == "Sigmoid":    # the page's own g, its own derivative: read, and decided
        assert verdict.verdict == "holds", verdict.detail


@pytest.mark.parametrize("label", ["Tangente hiperbólica", "Гиперболический тангенс",
                                   "Unlike the sigmoid, the hyperbolic tangent is zero-centred"])
def test_a_label_in_other_words_or_naming_two_functions(label):
    """Red team 49: labels the first list did not know, or naming the page's function beside another, left the
    labelled function's true derivative refuted as the sigmoid's."""
    assert _true("Tanh", "Tanh")
    verdict = check_text(PAGE.format(label=label, claim=CLAIMS["Tanh"][0]), "md").claims[-1]
    assert verdict.verdict != "refuted", verdict.detail


def test_the_truth_tells_the_labels_apart():
    assert _true("Arctan", "Arctan") and not _true("Sigmoid", "Arctan") and _true("Sigmoid", "Sigmoid")


LAYER_NORM = r"""## Forward pass

$$ \mu = \frac{1}{N}\sum_{i=1}^N x_i $$
$$ \sigma^2 = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2 $$

$$ \hat{x} = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}} $$

$$ y_i = \gamma_i \cdot \hat{x} + \beta_i $$

## Backward

$$ \frac{\partial L}{\partial \gamma_i} = \frac{\partial L}{\partial y_i} \hat{x_i} $$
"""


def test_a_forward_that_drops_an_index_refutes_no_shape():
    torch.manual_seed(0)
    x, gamma, beta = torch.randn(4), torch.randn(4, requires_grad=True), torch.randn(4)
    xhat = (x - x.mean()) / torch.sqrt(x.var(unbiased=False) + 1e-5)
    y = gamma * xhat + beta
    g = torch.randn(4)
    (y * g).sum().backward()
    assert torch.allclose(gamma.grad, g * xhat)              # the claim is true
    assert check_text(LAYER_NORM, "md").claims[-1].verdict != "refuted"
