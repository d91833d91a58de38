"""Round thirty-six: a ReLU written as cases of a plain letter, ``y = \\begin{cases}x,x > 0\\\\0,x \\le 0\\end{cases}``
(conditions after a comma, no ``&``), and its derivative written ``\\frac{dy}{dx}``: read as the one-variable
function y(x) and its y'(x), decided on x > 0 and x < 0 (the kink not decided).

Truth: torch autograd of ``torch.relu`` on both sides of 0, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

FORWARDS = [r"y=\begin{cases}x,x > 0\\0,x \le 0\end{cases}",
            r"y = \begin{cases} x, & x > 0 \\ 0, & \text{otherwise} \end{cases}",
            r"y = \max(0, x)"]


def _relu_slope(x: float) -> float:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch.relu(t).backward()
    return float(t.grad)


CLAIMS = [  # (the derivative's value for x > 0, for x < 0, as the claim writes it)
    (1, 0, r"\frac{dy}{dx}=\begin{cases}1,x > 0 \\0,x < 0\end{cases}"),
    (1, 1, r"\frac{dy}{dx}=\begin{cases}1,x > 0 \\1,x < 0\end{cases}"),
    (0, 0, r"\frac{\partial y}{\partial x} = \begin{cases} 0, & x > 0 \\ 0, & x < 0 \end{cases}"),
    (1, 0, r"\frac{\partial y}{\partial x} = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}"),
]


@pytest.mark.parametrize("forward", FORWARDS)
@pytest.mark.parametrize("right, left, claim", CLAIMS)
def test_relu_by_cases(forward, right, left, claim):
    truth = (_relu_slope(2.5), _relu_slope(-1.5)) == (right, left)
    claims = check_text(f"$$\n{forward}\n$$\n\n$$\n{claim}\n$$\n", "md").claims
    assert claims[0].verdict == "definition", claims[0].detail
    assert claims[1].verdict == ("holds" if truth else "refuted"), claims[1].detail


def test_a_letter_defined_by_cases_of_itself_is_not_a_function():
    page = "$$\ny = \\begin{cases} y, & y > 0 \\\\ 0, & y \\le 0 \\end{cases}\n$$\n\n$$\n\\frac{dy}{dy} = 0\n$$\n"
    assert check_text(page, "md").claims[-1].verdict != "holds"
