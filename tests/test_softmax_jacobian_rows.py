"""A softmax Jacobian written as two rows, the diagonal ``∂f_i/∂x_i`` and then ``∂f_i/∂x_j``
(meant for j ≠ i), and a softmax whose normalizing constant is said in words (``y_i = η e^{x_i}``):
the off-diagonal row is never refuted on the diagonal the page wrote apart, a forward with an
unexplained η is no forward, and a row wrong off the diagonal is still refuted.
Truth: torch autograd's Jacobian of softmax."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
FORWARD = r"""
$$
f_i(x) = \frac{e^{x_i}}{\sum_{j=1}^{3} e^{x_j}}
$$
"""
DIAGONAL = r"\frac{\partial f_i}{\partial x_i} = f_i (1 - f_i)"
OFF = r"\frac{\partial f_i}{\partial x_j} = - f_i f_j"
WRONG_OFF = r"\frac{\partial f_i}{\partial x_j} = f_i f_j"


def _jacobian():
    torch.manual_seed(17)
    x = torch.randn(3)
    return torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), x), torch.softmax(x, 0)


def _verdicts(text):
    return [c.verdict for c in check_text(text, "md").claims]


def test_the_off_diagonal_row_after_the_diagonal_row():
    J, f = _jacobian()
    off = [(i, j) for i in range(3) for j in range(3) if i != j]
    assert all(torch.isclose(J[i, i], f[i] * (1 - f[i])) for i in range(3))
    assert all(torch.isclose(J[i, j], -f[i] * f[j]) for i, j in off)
    assert not torch.isclose(J[0, 0], -f[0] * f[0])              # the off-diagonal form fails at i = j
    assert not all(torch.isclose(J[i, j], f[i] * f[j]) for i, j in off)
    got = _verdicts(FORWARD + "".join(f"\n$$\n{c}\n$$\n" for c in (DIAGONAL, OFF, WRONG_OFF)))
    assert got[1:] == ["holds", "unchecked", "refuted"], got
    alone = _verdicts(FORWARD + f"\n$$\n{OFF}\n$$\n")           # no diagonal row: read for every i, j
    assert alone[1:] == ["refuted"], alone


def test_a_normalizing_constant_said_in_words_is_no_forward():
    J, f = _jacobian()
    assert all(torch.isclose(J[i, i], f[i] - f[i] ** 2) for i in range(3))
    page = FORWARD + "\n$$\ny_i = \\eta e^{x_i}\n$$\n\nwith η the constant that makes the y_i sum to 1.\n" \
        + f"\n$$\n\\frac{{\\partial f_i}}{{\\partial x_i}} = y_i - y_i^2\n$$\n"
    assert _verdicts(page)[-1] != "refuted"
