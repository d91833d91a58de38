"""A stride the page's written-out forward entries show, a directive's dilation, and a bias
written with more indices than the layer has.  Claims are built from torch autograd's Jacobian
of the real layer (torch.nn.functional.conv2d with that stride / dilation), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _terms(stride: int, dilation: int, size: int, k: int, a: int, b: int, base: int):
    """[(output entry, kernel entry)] of every product that reads input entry (a, b): from the
    Jacobians of the layer's output by its input and kernel (torch)."""
    x = torch.randn(1, 1, size, size)
    w = torch.randn(1, 1, k, k)
    out = torch.nn.functional.conv2d(x, w, stride=stride, dilation=dilation)
    jx = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.conv2d(t, w, stride=stride, dilation=dilation), x)
    found = []
    for (i, j) in [(i, j) for i in range(out.shape[2]) for j in range(out.shape[3])]:
        coeff = jx[0, 0, i, j, 0, 0, a, b]
        for m in range(k):
            for n in range(k):
                if coeff != 0 and torch.isclose(coeff, w[0, 0, m, n]) and \
                        (a, b) == (i * stride + m * dilation, j * stride + n * dilation):
                    found.append(((i + base, j + base), (m + base, n + base)))
    return found


def _claim(terms, a, b, base, out="o", inp="x", ker="w") -> str:
    rhs = " + ".join(rf"\frac{{\partial L}}{{\partial {out}_{{{i}{j}}}}} {ker}_{{{m}{n}}}" for (i, j), (m, n) in terms)
    return rf"\frac{{\partial L}}{{\partial {inp}_{{{a + base}{b + base}}}}} = {rhs}"


def _written_forward(stride: int, size: int, k: int) -> str:
    rows = []
    for i in range((size - k) // stride + 1):
        for j in range((size - k) // stride + 1):
            prods = " + ".join(f"x_{{{i * stride + m + 1}{j * stride + n + 1}}} w_{{{m + 1}{n + 1}}}"
                               for m in range(k) for n in range(k))
            rows.append(f"o_{{{i + 1}{j + 1}}} = {prods} + b")
    return "$$\nO = W * X + b\n$$\n\n$$\n" + r" \\ ".join(rows) + "\n$$\n"


@pytest.mark.parametrize("a, b", [(0, 2), (2, 2), (0, 4), (1, 3)])
def test_the_stride_the_written_entries_show_is_the_layers(a, b):
    terms = _terms(2, 1, 5, 3, a, b, 1)
    page = "A 5x5 input, a 3x3 kernel, written out:\n\n" + _written_forward(2, 5, 3)
    right, wrong = _claim(terms, a, b, 1), _claim(terms[:-1] or [((1, 1), (1, 1))], a, b, 1)
    if wrong == right:
        wrong = _claim(terms + [((2, 2), (1, 1))], a, b, 1)
    verdicts = {c.latex.strip(): c.verdict for c in check_text(page + f"\n$$\n{right}\n$$\n\n$$\n{wrong}\n$$\n", "md").claims}
    assert verdicts[right] == "holds" and verdicts[wrong] == "refuted"


@pytest.mark.parametrize("a, b", [(0, 1), (2, 2), (4, 4), (2, 3)])
def test_a_directives_dilation_is_the_layers(a, b):
    terms = _terms(1, 2, 5, 2, a, b, 0)
    directive = "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 dilation=2 index_base=0 names: x=input w=kernel Y=output L=loss -->"
    right = _claim(terms, a, b, 0, out="Y")
    wrong = _claim(terms + [((0, 0), (0, 0))] if ((0, 0), (0, 0)) not in terms else terms[1:], a, b, 0, out="Y")
    verdicts = {c.latex.strip(): c.verdict for c in check_text(f"{directive}\n\n$$\n{right}\n$$\n\n$$\n{wrong}\n$$\n", "md").claims}
    assert verdicts[right] == "holds" and verdicts[wrong] == "refuted"


def test_a_bias_written_with_two_indices_is_not_the_layers_one_bias():
    directive = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 index_base=0 names: a=input k=kernel b=bias c=output E=loss -->"
    row = r"\frac{\partial E}{\partial b_{i,j}} = \frac{\partial E}{\partial c_{i,j}}"
    claims = check_text(f"{directive}\n\n$$\n{row}\n$$\n", "md").claims
    assert claims[0].verdict != "refuted"
