"""An aligned block followed by an equation number typed by hand (``\\end{aligned} \\qquad (2)``)
is still one claim a row.  Truth of each row: torch autograd of a 3x3 cross-correlation."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _input_gradient_terms(a: int, b: int):
    """[(output entry, kernel entry)] whose product reads x_{ab} (1-based), from torch's Jacobian."""
    x, k = torch.randn(1, 1, 3, 3), torch.randn(1, 1, 2, 2)
    jac = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.conv2d(t, k), x)[0, 0, :, :, 0, 0, a - 1, b - 1]
    return [((i + 1, j + 1), (a - i, b - j)) for i in range(2) for j in range(2)
            if jac[i, j] != 0 and torch.isclose(jac[i, j], k[0, 0, a - 1 - i, b - 1 - j])]


def _row(a, b, terms):
    rhs = " + ".join(rf"\frac{{\partial L}}{{\partial y_{{{i}{j}}}}} k_{{{m}{n}}}" for (i, j), (m, n) in terms)
    return rf"\frac{{\partial L}}{{\partial x_{{{a}{b}}}}} &= {rhs}"


def test_rows_of_an_aligned_block_with_a_typed_number_are_read_one_by_one():
    forward = ("$$\n" + r" \\ ".join(
        f"y_{{{i}{j}}} = " + " + ".join(f"k_{{{m}{n}}} x_{{{i + m - 1}{j + n - 1}}}" for m in (1, 2) for n in (1, 2))
        for i in (1, 2) for j in (1, 2)) + "\n$$\n")
    right = [_row(a, b, _input_gradient_terms(a, b)) for a, b in ((1, 1), (2, 2), (3, 3))]
    wrong = _row(1, 2, _input_gradient_terms(1, 2)[:1])           # one of its two terms left out
    block = "$$\n\\begin{aligned}\n" + " \\\\\n".join(right + [wrong]) + "\n\\end{aligned} \\qquad\\qquad (2)\n$$\n"
    verdicts = {c.latex.strip(): c.verdict for c in check_text(forward + "\n" + block, "md").claims}
    for row in right:
        assert verdicts[row.replace("&", "").strip()] == "holds"
    assert len(_input_gradient_terms(1, 2)) == 2 and verdicts[wrong.replace("&", "").strip()] == "refuted"
