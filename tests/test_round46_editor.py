"""Round 46: pages exported by an equation editor, and capitals that name a whole matrix.

* ``\\mathop \\sum \\limits_{t = 1}^k``, ``\\frac{ {\\partial L} }{ {\\partial \\boldsymbol {A} } }`` and MathType's
  ``\\begin{array}{*{20}{c} }`` are read as the plain LaTeX they print (before: every such row unchecked);
* C, beside the forward's lower-case c, names the product's output where the page only differentiates by it
  (``\\frac{\\partial L}{\\partial C}``), and ``B^T`` / ``A = [a_{11} …]`` name the whole of b / a;
* a claim with numbered entries at sizes symbp guesses is unchecked, never refuted for an entry those sizes lack.

Truth: torch autograd (float64) of C = A B with L = Σ G ⊙ C for a drawn G, at several sizes; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.display_markup import plain_markup

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _matmul_truth(claim: str, m=2, k=4, n=3, seed=0) -> bool:
    """Whether ``claim`` (one of CLAIMS' keys) holds for C = A B, L = Σ G ⊙ C, at an m x k A and k x n B."""
    torch.manual_seed(seed)
    a = torch.randn(m, k, requires_grad=True)
    b = torch.randn(k, n, requires_grad=True)
    g = torch.randn(m, n)
    ((a @ b) * g).sum().backward()
    written = {"dA = dC B^T": (a.grad, lambda: g @ b.detach().T),
               "dA = dC B": (a.grad, lambda: g @ b.detach() if k == n else None),
               "dB = A^T dC": (b.grad, lambda: a.detach().T @ g),
               "dB = dC A^T": (b.grad, lambda: g @ a.detach().T if m == k == n else None)}[claim]
    value = written[1]()
    return value is not None and value.shape == written[0].shape and torch.allclose(value, written[0])


EDITOR_PAGE = r"""# Matrix multiplication

Given an $m \times k$ matrix $\boldsymbol {A}$ and a $k \times n$ matrix $\boldsymbol {B}$, their product
$\boldsymbol {C} = \boldsymbol{A}\boldsymbol{B}$ has elements

$${c_{ij} } = \mathop \sum \limits_{t = 1}^k {a_{it} }{b_{tj} }$$

$${claim}$$
"""

CLAIMS = {
    r"\frac{ {\partial L} }{ {\partial \boldsymbol {A} } } = \frac{ {\partial L} }{ {\partial \boldsymbol {C} } }{\boldsymbol {B} ^T}": "dA = dC B^T",
    r"\frac{ {\partial L} }{ {\partial \boldsymbol {A} } } = \frac{ {\partial L} }{ {\partial \boldsymbol {C} } }{\boldsymbol {B} }": "dA = dC B",
    r"\frac{ {\partial L} }{ {\partial \boldsymbol {B} } } = {\boldsymbol {A} ^T}\frac{ {\partial L} }{ {\partial \boldsymbol {C} } }": "dB = A^T dC",
    r"\frac{ {\partial L} }{ {\partial \boldsymbol {B} } } = \frac{ {\partial L} }{ {\partial \boldsymbol {C} } }{\boldsymbol {A} ^T}": "dB = dC A^T",
}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_an_equation_editor_s_matrix_product(claim):
    truths = {_matmul_truth(CLAIMS[claim], m, k, n) for m, k, n in ((2, 4, 3), (3, 2, 4), (2, 2, 2))}
    verdict, detail = _claims(EDITOR_PAGE.replace("{claim}", claim))[-1]
    if truths == {True}:
        assert verdict == "holds", detail
    elif "B ^T" in claim or "A} ^T" in claim:    # both capitals named as whole matrices: a shape that differs refutes
        assert verdict == "refuted", detail
    else:                                        # a bare {B} alone names no tensor of the page: never held
        assert verdict != "holds", detail


def test_the_markup_keeps_what_a_row_says():
    assert plain_markup(r"\frac{ {a_{1} } }{ {b_{1} } } + x^{ {2} }") == r"\frac{a_{1} }{b_{1} } + x^{2}"
    assert plain_markup(r"\mathop \sum \limits_{i = 1}^m {x_{i} }") == r"\sum_{i = 1}^m {x_{i} }"
    assert plain_markup(r"\left[ {\begin{array}{*{20}{c} }{ {a_{11} } }&{ {a_{12} } }\\{ {a_{21} } }&{ {a_{22} } }"
                        r"\end{array} } \right]") == r"\left[ {\begin{matrix}a_{11}&a_{12}\\ a_{21}&a_{22}\end{matrix} } \right]"


COST_PAGE = r"""# A layer and its cost

$$c_{ij} = \sum_{t} a_{it} b_{tj}$$

$$C = \frac{1}{2} \sum_{i} \sum_{j} (c_{ij} - y_{ij})^2$$

$$\frac{\partial C}{\partial A} = (c - y) B^T$$
"""


def test_a_cost_named_c_is_not_the_product():
    verdict, detail = _claims(COST_PAGE)[-1]
    assert verdict != "holds" or "C the output" not in detail


NUMBERED = r"""# A product written out

$$c_{ij} = \sum_{t} a_{it} b_{tj}$$

$$\frac{\partial L}{\partial A} = \begin{bmatrix} \frac{\partial L}{\partial c_{11}} & \frac{\partial L}{\partial c_{12}} & \frac{\partial L}{\partial c_{13}} \\ \frac{\partial L}{\partial c_{21}} & \frac{\partial L}{\partial c_{22}} & \frac{\partial L}{\partial c_{23}} \end{bmatrix} \begin{bmatrix} b_{11} & b_{21} \\ b_{12} & b_{22} \\ b_{13} & b_{23} \end{bmatrix}$$
"""


def test_numbered_entries_at_guessed_sizes_are_not_refuted():
    torch.manual_seed(4)
    a = torch.randn(2, 2, requires_grad=True)
    b = torch.randn(2, 3)
    g = torch.randn(2, 3)
    ((a @ b) * g).sum().backward()
    assert torch.allclose(g @ b.T, a.grad)       # the written 2x3 times 3x2 holds for a 2x2 A
    verdict, detail = _claims(NUMBERED)[-1]
    assert verdict == "unchecked", detail


AGAINST = r"""# A worked example: C = AB

<!-- symbp: layer=fc in=3 out=2 batch=2 weight={weight} names: A=input B=kernel C=output L=loss -->

$$ A = \begin{{bmatrix}} a_{{11}} & a_{{12}} & a_{{13}} \\ a_{{21}} & a_{{22}} & a_{{23}} \end{{bmatrix}} $$

$$ c_{{ij}} = \sum_{{t=1}}^{{3}} a_{{it}} b_{{tj}} $$

$$ \frac{{\partial c_{{12}}}}{{\partial a_{{11}}}} = 0 $$
"""


@pytest.mark.parametrize("weight", ["in-out", "rows"])
def test_a_directive_against_the_page_s_orientation_never_holds(weight):
    a = torch.randn(2, 3, requires_grad=True)
    b = torch.randn(3, 2)
    (a @ b)[0, 1].backward()
    assert float(a.grad[0, 0]) == pytest.approx(float(b[0, 1])) and float(b[0, 1]) != 0    # the claim is false
    from symbp.check.checker import CheckError
    try:
        verdicts = _claims(AGAINST.format(weight=weight))
    except CheckError as err:              # the page's 2 x 3 A against in-out's 3 x 2 input: said in one line
        assert weight == "in-out" and "2 x 3" in str(err)
        return
    assert verdicts[-1][0] != "holds", verdicts[-1]
    if weight == "in-out":
        assert "2 x 3" in verdicts[-1][1]


WITH_LOSS = EDITOR_PAGE.replace("$${claim}$$", r"""The loss is the mean of $\boldsymbol {C}$:

$$L = \frac{1}{ {m \times n} }\mathop \sum \limits_{i = 1}^m \mathop \sum \limits_{j = 1}^n {c_{ij} }$$

$${claim}$$""")


@pytest.mark.parametrize("claim", list(CLAIMS)[:2])
def test_a_loss_written_by_an_equation_editor_is_a_loss_of_the_outputs(claim):
    truths = {_matmul_truth(CLAIMS[claim], m, k, n) for m, k, n in ((2, 4, 3), (3, 2, 4), (2, 2, 2))}
    verdict, detail = _claims(WITH_LOSS.replace("{claim}", claim))[-1]
    if truths == {True}:                   # the mean of C is a loss of the outputs, \mathop or not
        assert verdict == "holds" and "more of the loss" not in detail, detail
    else:
        assert verdict != "holds", detail
