"""A worked example whose data are matrices of names set equal to matrices of numbers
(``W = \\begin{pmatrix} w_1 & w_2 \\\\ … \\end{pmatrix} = \\begin{pmatrix} 0.3 & 0.2 \\\\ …``), and a
one-output network whose loss writes the bare ``\\hat{y}`` beside ``\\hat{y_1}``: each number
the page states for a gradient is compared with the exact value at those data.  Truth: torch
autograd at the same numbers, the claimed values written by the test to 4 decimals."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
PAGE = r"""
$$
X = \begin{pmatrix} x_1 & x_2 \end{pmatrix} = \begin{pmatrix} 0.5 & 0.3 \end{pmatrix},\quad W = \begin{pmatrix} w_1 & w_2 \\ w_3 & w_4 \\ w_5 & w_6 \end{pmatrix} = \begin{pmatrix} 0.3 & 0.2 \\ 0.2 & 0.3 \\ 0.4 & 0.5 \end{pmatrix},\quad y_1 = 0.7
$$

$$
z_1 = w_1 x_1 + w_3 x_2
$$

$$
z_2 = w_2 x_1 + w_4 x_2
$$

$$
a_1 = \frac{1}{1+e^{-z_1}}
$$

$$
a_2 = \frac{1}{1+e^{-z_2}}
$$

$$
\hat{y_1} = w_5 a_1 + w_6 a_2
$$

$$
L = (y_1 - \hat{y})^2
$$
"""


def _gradients() -> dict:
    w = torch.tensor([0.3, 0.2, 0.2, 0.3, 0.4, 0.5], requires_grad=True)
    x1, x2, y = 0.5, 0.3, 0.7
    a1 = torch.sigmoid(w[0] * x1 + w[2] * x2)
    a2 = torch.sigmoid(w[1] * x1 + w[3] * x2)
    loss = (y - (w[4] * a1 + w[5] * a2)) ** 2
    g = torch.autograd.grad(loss, w)[0]
    return {f"w_{k + 1}": float(g[k]) for k in range(6)}


@pytest.mark.parametrize("weight", ["w_1", "w_2", "w_4", "w_5", "w_6"])
def test_gradient_values_at_the_matrix_data(weight):
    value = _gradients()[weight]
    right = check_text(PAGE + f"\n$$\n\\frac{{\\partial L}}{{\\partial {weight}}} = {value:.4f}\n$$\n", "md").claims[-1]
    wrong = check_text(PAGE + f"\n$$\n\\frac{{\\partial L}}{{\\partial {weight}}} = {value + 0.01:.4f}\n$$\n", "md").claims[-1]
    assert right.verdict == "holds", right.detail
    assert wrong.verdict == "refuted", wrong.detail


def test_matrices_of_different_shapes_give_no_values():
    page = PAGE.replace(r"\begin{pmatrix} 0.5 & 0.3 \end{pmatrix}", r"\begin{pmatrix} 0.5 & 0.3 & 0.1 \end{pmatrix}")
    value = _gradients()["w_1"]
    claim = check_text(page + f"\n$$\n\\frac{{\\partial L}}{{\\partial w_1}} = {value:.4f}\n$$\n", "md").claims[-1]
    assert claim.verdict == "unchecked"


def test_a_bare_prediction_that_is_another_quantity_is_not_read_as_the_first_output():
    """ŷ_1 feeds another row (z = w_2 ŷ_1), so ŷ is not ŷ_1: ∂L/∂w_1 = -2(y - ŷ_1) x, true only if
    they were one value (here L does not depend on w_1 through ŷ_1 at all), is never held."""
    page = ("$$\n\\hat{y_1} = w_1 x\n$$\n\n$$\nL = (y - \\hat{y})^2\n$$\n\n$$\nz = w_2 \\hat{y_1}\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial w_1} = -2 (y - \\hat{y_1}) x\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
