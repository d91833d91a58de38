"""The scalar readers' exact judge and cases rows (red teams 30 and 34).  Truth: torch autograd.

* ``z = x \\log(x^2)`` is real for every x ≠ 0: dz/dx = log(x^2) + 2, which ``2\\log(x) + 2`` is only
  for x > 0 (the judge split the logarithm as if every input were positive and held it).
* ``z = x \\log(x^3)`` is real only for x > 0, where ``3\\log(x) + 3`` is its derivative: a point
  outside the definition's real domain is no counterexample.
* A cases row "otherwise" written first is still the rest of the line (it was read as the whole
  line: a wrong ReLU derivative held).
"""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdict(forward: str, claim: str) -> str:
    return check_text(f"# Node\n\n$$\n{forward}\n$$\n\n$$\n{claim}\n$$\n", "md").claims[-1].verdict


def _slope(f, x0: float) -> float:
    x = torch.tensor(x0, requires_grad=True)
    f(x).backward()
    return float(x.grad)


def test_log_of_a_square_is_not_split_for_negative_inputs():
    assert abs(_slope(lambda x: x * torch.log(x ** 2), -0.5) - (float(torch.log(torch.tensor(0.25))) + 2)) < 1e-12
    assert torch.isnan(2 * torch.log(torch.tensor(-0.5)) + 2)         # the claim is not even real there
    assert _verdict(r"z = x \log(x^2)", r"\frac{\partial z}{\partial x} = 2\log(x) + 2") == "refuted"
    assert _verdict(r"z = x \log(x^2)", r"\frac{\partial z}{\partial x} = \log(x^2) + 2") == "holds"


def test_a_point_outside_the_real_domain_refutes_nothing():
    for x0 in (0.3, 1.7, 4.0):
        assert abs(_slope(lambda x: x * torch.log(x ** 3), x0) - (3 * torch.log(torch.tensor(x0)) + 3)) < 1e-12
    assert _verdict(r"z = x \log(x^3)", r"\frac{\partial z}{\partial x} = 3\log(x) + 3") != "refuted"


def test_otherwise_written_first_is_the_rest_of_the_line():
    assert _slope(torch.relu, 1.5) == 1 and _slope(torch.relu, -1.5) == 0
    forward = r"f(x) = \begin{cases} 0, & \text{otherwise} \\ x, & \text{if } x > 0 \end{cases}"
    right = r"f'(x) = \begin{cases} 0, & \text{sonst} \\ 1, & \text{wenn } x > 0 \end{cases}"
    wrong = r"f'(x) = \begin{cases} 0, & \text{otherwise} \\ 7, & \text{if } x > 0 \end{cases}"
    assert _verdict(forward, right) == "holds"
    assert _verdict(forward, wrong) == "refuted"
