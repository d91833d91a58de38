"""Study notes that write vectors in text bold (``\\textbf{x}``) and name the upstream gradient in a
sentence ("Let $g$ denote the gradient $\\frac{\\partial\\mathcal{L}}{\\partial y}$"), above a linear
layer ``y = Wx + b`` (round thirty-one, held-out 24's English notes).  The bold letter is the
vector itself and g is ∂L/∂y in every claim below.  Truth: torch autograd for y = Wx + b, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _grads(n_in=3, n_out=2):
    torch.manual_seed(4)
    x = torch.randn(n_in, 1, requires_grad=True)
    w = torch.randn(n_out, n_in, requires_grad=True)
    b = torch.randn(n_out, 1, requires_grad=True)
    g = torch.randn(n_out, 1)
    ((w @ x + b) * g).sum().backward()
    return x.detach(), w.detach(), g, x.grad, w.grad, b.grad


def _same(a, b):
    return a.shape == b.shape and torch.allclose(a, b)


# claim -> its value from (x, W, g) and which gradient it states
CLAIMS = {
    r"\frac{\partial\mathcal{L}}{\partial W}=\textbf{g}\textbf{x}^T": (lambda x, w, g: g @ x.T, 4),
    r"\frac{\partial\mathcal{L}}{\partial\textbf{b}}=\textbf{g}": (lambda x, w, g: g, 5),
    r"\frac{\partial\mathcal{L}}{\partial\textbf{x}}=W^T\textbf{g}": (lambda x, w, g: w.T @ g, 3),
    r"\frac{\partial\mathcal{L}}{\partial\textbf{x}}=\textbf{g}^T W": (lambda x, w, g: g.T @ w, 3),
}
PAGE = ("# Linear\n\nLet $g$ denote the gradient $\\frac{\\partial\\mathcal{L}}{\\partial y}$ for readability.\n\n"
        "Input $\\mathbf{x}$, output $\\mathbf{y}$, weight matrix $W$, bias $\\textbf{b}$. Forward:\n\n"
        "$$\n\\textbf{y}=W\\textbf{x}+\\textbf{b}\n$$\n\nBackward:\n\n$$\n{claim}\n$$\n")


@pytest.mark.parametrize("claim", sorted(CLAIMS))
def test_bold_vectors_and_a_gradient_named_in_prose(claim):
    fn, which = CLAIMS[claim]
    got = _grads()
    truth = _same(fn(*got[:3]), got[which])
    verdict = check_text(PAGE.replace("{claim}", claim), "md").claims[-1]
    if truth:
        assert verdict.verdict == "holds", verdict.detail
    else:        # refuted, or unchecked where one neuron (scalars) would make it hold
        assert verdict.verdict != "holds", verdict.detail


def test_the_row_form_is_the_wrong_shape():
    x, w, g, gx, gw, gb = _grads()
    assert not _same(g.T @ w, gx) and _same(w.T @ g, gx)


# round 31's red team: a gradient named in a sentence only where the sentence says no more than that
QUALIFIED = {
    "scaled": ("Let $g$ denote $\\frac{\\partial\\mathcal{L}}{\\partial y}$ multiplied by the learning rate "
               "$\\eta = 0.1$ (the step we apply).", lambda g: 0.1 * g),
    "clipped": ("Let $g$ denote $\\frac{\\partial\\mathcal{L}}{\\partial y}$ clipped entrywise to [-0.1, 0.1].",
                lambda g: g.clamp(-0.1, 0.1)),
}


@pytest.mark.parametrize("name", sorted(QUALIFIED))
def test_a_gradient_named_with_a_qualifier_is_not_the_gradient(name):
    sentence, meaning = QUALIFIED[name]
    x, w, g, gx, gw, gb = _grads()
    claimed = meaning(g) @ x.T                 # what g x^T is under the sentence's g
    assert not _same(claimed, gw)
    page = PAGE.replace("{claim}", r"\frac{\partial\mathcal{L}}{\partial W}=\textbf{g}\textbf{x}^T").replace(
        "Let $g$ denote the gradient $\\frac{\\partial\\mathcal{L}}{\\partial y}$ for readability.", sentence)
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_gradient_of_another_loss_is_not_the_claims():
    torch.manual_seed(6)
    x, w, b = torch.randn(3, 1), torch.randn(2, 3, requires_grad=True), torch.randn(2, 1)
    y = w @ x + b
    j, e = (y ** 2).sum(), y.sum()             # L = J + E, g = ∂J/∂y
    (j + e).backward()
    assert not _same(2 * (w @ x + b).detach() @ x.T, w.grad)
    page = ("# Two heads\n\nThe total loss is $\\mathcal{L} = \\mathcal{J} + \\mathcal{E}$. Let $g$ denote the "
            "gradient $\\frac{\\partial\\mathcal{J}}{\\partial y}$ of the first head.\n\n$$\n\\textbf{y}=W\\textbf{x}"
            "+\\textbf{b}\n$$\n\n$$\n\\frac{\\partial\\mathcal{L}}{\\partial W}=\\textbf{g}\\textbf{x}^T\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_an_activation_written_first_in_one_display_is_not_the_linear_output():
    # y = σ(z), \quad z = Wx + b: ∂L/∂W = ∂L/∂y x^T misses σ'(z) (it held, reading y = Wx + b)
    torch.manual_seed(8)
    x, b = torch.randn(3, 1), torch.randn(2, 1)
    w = torch.randn(2, 3, requires_grad=True)
    y = torch.sigmoid(w @ x + b)
    g = torch.randn(2, 1)
    (y * g).sum().backward()
    assert not _same(g @ x.T, w.grad)
    page = ("# Layer with activation\n\nInput $x$, weight $W$, bias $b$:\n\n$$\ny = \\sigma(z), \\quad z=Wx+b\n$$\n\n"
            "$$\n\\frac{\\partial\\mathcal{L}}{\\partial W}=\\frac{\\partial\\mathcal{L}}{\\partial y}x^T\n$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_plain_letter_named_one_entry_of_the_bold_vector_is_not_the_vector():
    # round 31's red team: "Write $x$ for the first entry $x_1$ of $\textbf{x}$": ∂L/∂x is a scalar,
    # (W^T g)_1, and W^T g is not it; the bold claim is still the vector's
    x, w, g, gx, gw, gb = _grads()
    assert not _same(w.T @ g, gx[0])                  # the scalar's gradient is not the vector
    said = "Write $x$ for the first entry $x_1$ of $\\textbf{x}$ (a scalar). Then\n\n"
    page = PAGE.replace("Backward:\n\n", said).replace("{claim}", r"\frac{\partial\mathcal{L}}{\partial x}=W^T\textbf{g}")
    assert check_text(page, "md").claims[-1].verdict != "holds"
    bold = PAGE.replace("Backward:\n\n", said).replace("{claim}", r"\frac{\partial\mathcal{L}}{\partial\textbf{x}}=W^T\textbf{g}")
    assert check_text(bold, "md").claims[-1].verdict == "holds"


@pytest.mark.parametrize("said", [
    "Let $a$ be the i-th component of $\\mathbf{a}$.",
    "Below, $a$ is a single input neuron's value taken from $\\mathbf{a}$.",
    "Pick one coordinate of $\\mathbf{a}$. Call that number $a$.",
    "Below, $a \\in \\mathbb{R}$ is one of the inputs in $\\mathbf{a}$.",
    "Let $a$ be the first entry of $\\pmb{a}$.",
])
@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=fc in=n out=m -->\n", "<!-- symbp: layer=fc in=3 out=2 -->\n"])
def test_a_plain_entry_of_a_bold_vector_in_other_words_and_under_directives(said, directive):
    # round 32's red team: the one-entry rule in other phrasings, and on the directive's (all-sizes) path
    x, w, g, gx, gw, gb = _grads()                    # z = W a + b with a = x, δ = ∂J/∂z = g
    assert not _same(w.T @ g, gx[0]) and not _same(g @ x[0:1].T, gw)     # W^T δ, δ a^T with the scalar: false
    page = (directive + "# Dense layer\n\n$\\mathbf{z} = W\\mathbf{a} + \\mathbf{b}$, $J$ the cost, "
            "$\\delta = \\frac{\\partial J}{\\partial \\mathbf{z}}$.\n\n" + said + "\n\n"
            "$$\n\\frac{\\partial J}{\\partial a} = W^T \\delta\n$$\n\n$$\n\\frac{\\partial J}{\\partial W} = \\delta a^T\n$$\n")
    for claim in check_text(page, "md").claims:
        assert claim.verdict != "holds", (claim.latex, claim.detail)
