"""Markdown pages that write display environments bare (``\\begin{multline*}`` with no ``$$``), a
convolution written one output entry a letter (``a = w_{11} x_{11} + …``, ``b = …``), and a second
forward below a new heading.  Truth of the gradient rows: torch's conv2d; none may be refuted
when true, none held when false."""
import torch

from symbp.check import document
from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
LETTERS = "abcd"


def _entry_rows() -> str:
    rows = []
    for k, (i, j) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
        prods = " + ".join(f"w_{{{m + 1}{n + 1}}} \\cdot x_{{{i + m + 1}{j + n + 1}}}" for m in range(3) for n in range(3))
        rows.append(f"\\begin{{multline*}}\n{LETTERS[k]} = {prods}.\n\\end{{multline*}}\n")
    return "\n".join(rows)


def _kernel_gradient_terms(m: int, n: int):
    """The output letter and input entry of each term of ∂L/∂w_{mn} (1-based), from torch."""
    x, w = torch.randn(1, 1, 4, 4), torch.randn(1, 1, 3, 3, requires_grad=True)
    jac = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.conv2d(x, t), w)[0, 0, :, :, 0, 0, m - 1, n - 1]
    return [(LETTERS[2 * i + j], (i + m, j + n)) for i in range(2) for j in range(2)
            if torch.isclose(jac[i, j], x[0, 0, i + m - 1, j + n - 1])]


def test_a_bare_multline_environment_is_a_display():
    items = document.extract(_entry_rows(), "md")
    assert len([i for i in items if isinstance(i, document.DisplayEquation)]) == 4


def test_output_entries_written_as_letters_are_never_compared_as_the_whole_output():
    terms = _kernel_gradient_terms(1, 1)
    right = r"\frac{\partial L}{\partial w_{11}} = " + " + ".join(
        rf"\frac{{\partial L}}{{\partial {o}}} \cdot x_{{{a}{b}}}" for o, (a, b) in terms)
    wrong = right.replace("x_{22}", "x_{33}")
    directive = "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 index_base=1 names: x=input w=kernel L=loss -->"
    for page in (_entry_rows(), directive + "\n\n" + _entry_rows()):
        verdicts = {c.latex.strip(): c.verdict for c in check_text(page + f"\n$$\n{right}\n$$\n\n$$\n{wrong}\n$$\n", "md").claims}
        assert len(terms) == 4 and verdicts[right] != "refuted" and verdicts[wrong] != "holds"


def test_a_second_forward_below_a_new_heading_is_not_refuted():
    claims = check_text("## One\n\n$$z = w x$$\n\n## Two\n\n$$z = 2 w x$$\n", "md").claims
    assert [c.verdict for c in claims] == ["definition", "unchecked"]
