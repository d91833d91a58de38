r"""Round 53: a loss named by a word (``CE(y, \hat{y}) = -\sum_i y_i \log \hat{y}_i``, ``\text{NLL}``;
doc_letters.py), a softmax named with a layer label and a second name (``\hat{y} = a^{(2)} = \mbox{ softmax
}(z^{(2)})``; calc_softmax_said.py), and matrix-form rows beside it (``z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}``,
calc_paths.matrix_rows).  Truth from torch autograd (float64), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


def _gradient_truth(closed_form) -> str:
    """Whether ∂(-Σ y_i log softmax(z)_i)/∂z = closed_form(p, y) at one-hot y, by torch autograd."""
    for size, hot in ((2, 0), (3, 2), (5, 1)):
        z = (torch.linspace(-1.3, 0.8, size) ** 3).requires_grad_()
        y = torch.zeros(size)
        y[hot] = 1.0
        loss = -(y * torch.log_softmax(z, 0)).sum()
        (grad,) = torch.autograd.grad(loss, z)
        p = torch.softmax(z, 0).detach()
        if not torch.allclose(grad, closed_form(p, y), atol=1e-12):
            return "refuted"
    return "holds"


RIGHT_SIDES = [(r"\hat{y} - y", lambda p, y: p - y),
               (r"y - \hat{y}", lambda p, y: y - p),
               (r"\frac{1}{2}(\hat{y} - y)", lambda p, y: (p - y) / 2)]


def _word_page(word: str, claim: str) -> str:
    return (f"The output is\n\n$$\n\\hat{{y}} = \\text{{softmax}}(z)\n$$\n\nwith $y$ a one-hot label, and the loss\n\n"
            f"$$\n{word}(y, \\hat{{y}}) = - \\sum_i y_i \\log(\\hat{{y}}_i)\n$$\n\nThen\n\n$$\n{claim}\n$$\n")


@pytest.mark.parametrize("word", ["CE", "NLL", r"\text{XE}", r"\mathrm{CE}"])
@pytest.mark.parametrize("rhs,closed_form", RIGHT_SIDES)
def test_a_loss_named_by_a_word(word, rhs, closed_form):
    claim = rf"\frac{{\partial {word}(y, \hat{{y}})}}{{\partial z}} = {rhs}"
    assert _verdict(_word_page(word, claim), claim) == _gradient_truth(closed_form)


def test_the_word_written_without_its_arguments():
    claim = r"\frac{\partial CE}{\partial z} = y - \hat{y}"
    assert _gradient_truth(RIGHT_SIDES[1][1]) == "refuted"
    assert _verdict(_word_page("CE", claim), claim) == "refuted"


def test_a_call_with_other_arguments_is_not_the_pages_loss():
    r"""``CE(a, y)`` beside ``CE(y, \hat{y}) = …``: the function at other arguments, not the loss; never a verdict
    about the loss."""
    claim = r"\frac{\partial CE(a, y)}{\partial z} = \hat{y} - y"
    assert _verdict(_word_page("CE", claim), claim) == "unchecked"


def test_a_word_defined_twice_otherwise_is_not_renamed():
    page = _word_page("CE", r"\frac{\partial CE(y, \hat{y})}{\partial z} = \hat{y} - y") + \
        "\n$$\nCE(p, q) = - \\sum_i p_i \\log q_i\n$$\n"
    assert _verdict(page, r"\frac{\partial CE(y, \hat{y})}{\partial z} = \hat{y} - y") == "unchecked"


def test_the_truths_cover_both_verdicts():
    assert {_gradient_truth(c) for _, c in RIGHT_SIDES} == {"holds", "refuted"}


# ------------------------------------------------------------------ a labelled softmax over matrix rows
NETWORK = (r"$$" "\nz^{(1)} = W^{(1)}x + b^{(1)}\n$$\n\n$$\na^{(1)} = \\sigma(z^{(1)})\n$$\n\n"
           "$$\nz^{(2)} = W^{(2)}a^{(1)} + b^{(2)}\n$$\n\n$$\n\\hat{y} = a^{(2)} = \\mbox{ softmax }(z^{(2)} )\n$$\n\n"
           "The label $y$ is one-hot and the loss is\n\n$$\nL = - \\sum_{i=1}^{C} y_i \\log(\\hat{y}_i)\n$$\n\n")


@pytest.mark.parametrize("name", [r"\hat{y}", "a^{(2)}"])
@pytest.mark.parametrize("rhs,closed_form", RIGHT_SIDES)
def test_a_softmax_named_twice_with_a_layer_label(name, rhs, closed_form):
    claim = r"\frac{\partial L}{\partial z^{(2)}} = " + rhs.replace(r"\hat{y}", name)
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) == _gradient_truth(closed_form)


def _matrix_truth(of: str, closed_form) -> bool:
    """Whether ∂L/∂(a1 or b2) equals closed_form(W2, p, y) for the two-layer network, by torch autograd."""
    torch.manual_seed(3)
    W1, b1, x = torch.randn(4, 3), torch.randn(4), torch.randn(3)
    W2, b2 = torch.randn(3, 4), torch.randn(3)
    a1 = torch.sigmoid(W1 @ x + b1).requires_grad_()
    b2.requires_grad_()
    y = torch.tensor([0.0, 1.0, 0.0])
    loss = -(y * torch.log_softmax(W2 @ a1 + b2, 0)).sum()
    grads = dict(zip(("a", "b"), torch.autograd.grad(loss, (a1, b2))))
    p = torch.softmax(W2 @ a1 + b2, 0).detach()
    return torch.allclose(grads[of], closed_form(W2, p, y), atol=1e-12)


def test_names_behind_a_matrix_row_get_no_verdict_from_the_scalar_reading():
    r"""z^{(2)} = W^{(2)} a^{(1)} + b^{(2)} is read by entry beside the softmax, so its entries are no scalar
    product: the scalar reading makes z^{(2)} a leaf and says nothing of a^{(1)} (∂L/∂a^{(1)} = 0 is false)."""
    assert not _matrix_truth("a", lambda W2, p, y: torch.zeros(4))
    claim = r"\frac{\partial L}{\partial a^{(1)}} = 0"
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) != "holds"


def test_a_true_bias_row_behind_a_matrix_row_is_not_refuted():
    assert _matrix_truth("b", lambda W2, p, y: p - y)
    claim = r"\frac{\partial L}{\partial b^{(2)}} = \hat{y} - y"
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) != "refuted"


# ------------------------------------------------------------------ sizes a page does not give its convolution
def _conv_input_gradient(size, kernel, at, closed_form) -> bool:
    """Whether ∂J/∂x at the 1-based entry ``at`` of a stride-1 cross-correlation equals closed_form(g, k) (g
    = ∂J/∂y, both 1-based dicts), by torch autograd."""
    torch.manual_seed(5)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    k = torch.randn(1, 1, kernel, kernel)
    y = torch.nn.functional.conv2d(x, k)
    g = torch.randn(y.shape)
    (grad,) = torch.autograd.grad((y * g).sum(), x)
    entry = lambda t: {(i + 1, j + 1): t[0, 0, i, j] for i in range(t.shape[2]) for j in range(t.shape[3])}  # noqa: E731
    return torch.isclose(grad[0, 0, at[0] - 1, at[1] - 1], closed_form(entry(g), entry(k)), atol=1e-12)


POOLED = ("## Pooling\n\nA 4 x 4 image pooled with 2 x 2 windows and stride 2 keeps the largest value of each.\n\n"
          "## Backpropagation\n\n<!-- symbp: layer=conv2d input=4x4 kernel=3x3 index_base=1 names: x=input k=kernel "
          "y=output J=loss -->\n\n$$\n{claim}\n$$\n")
X12 = [(r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{12} + \frac{\partial J}{\partial y_{12}}k_{11}",
        lambda g, k: g[1, 1] * k[1, 2] + g[1, 2] * k[1, 1]),
       (r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{11} + \frac{\partial J}{\partial y_{12}}k_{12}",
        lambda g, k: g[1, 1] * k[1, 1] + g[1, 2] * k[1, 2])]


@pytest.mark.parametrize("claim,closed_form", X12)
def test_a_pooling_stride_in_the_prose_is_not_the_convolutions(claim, closed_form):
    """The page's only stride number is a pooling example's: the convolution keeps stride 1 (it used to take
    stride 2 and padding 1 from it, and refuted the page's correct rows)."""
    truth = "holds" if _conv_input_gradient(4, 3, (1, 2), closed_form) else "refuted"
    assert _verdict(POOLED.format(claim=claim), claim) == truth


OPEN_ROWS = ("With input X and kernel K, the output Y:\n\n$$\n\\begin{{gather*}}\n"
             "y_{{11}} = x_{{11}}k_{{11}} + x_{{12}}k_{{12}} + x_{{13}}k_{{13}} + {dots}\n\\\\\n"
             "y_{{12}} = x_{{12}}k_{{11}} + x_{{13}}k_{{12}} + x_{{14}}k_{{13}} + {dots}\n\\\\\n"
             "y_{{21}} = x_{{21}}k_{{11}} + x_{{22}}k_{{12}} + x_{{23}}k_{{13}} + {dots}\n\\end{{gather*}}\n$$\n\n"
             "The kernel:\n\n$$\n{claim}\n$$\n")
DK11 = (r"\frac{\partial J}{\partial k_{11}} = \frac{\partial J}{\partial y_{11}}x_{11} + \frac{\partial J}{\partial y_{12}}x_{12}"
        r" + \frac{\partial J}{\partial y_{21}}x_{21} + \frac{\partial J}{\partial y_{22}}x_{22}")


@pytest.mark.parametrize("dots", ["...", r"\dots", r"\cdots"])
def test_a_forward_whose_rows_end_open_gives_no_sizes(dots):
    r"""Rows ``y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{13}k_{13} + ...`` leave terms out: k_{13} is no kernel
    size.  The kernel row below holds for a 3x3 kernel on a 4x4 input and fails for a 1x3 kernel there (the
    sizes the written subscripts alone give), so no size is guessed: unchecked, with the directive to add."""
    torch.manual_seed(7)
    x = torch.randn(1, 1, 4, 4)
    g = {3: torch.randn(1, 1, 2, 2), 1: torch.randn(1, 1, 4, 2)}
    for kernel, shape in ((3, (3, 3)), (1, (1, 3))):
        k = torch.randn(1, 1, *shape, requires_grad=True)
        (grad,) = torch.autograd.grad((torch.nn.functional.conv2d(x, k) * g[kernel]).sum(), k)
        stated = sum(g[kernel][0, 0, i, j] * x[0, 0, i, j] for i in range(2) for j in range(2))
        assert torch.isclose(grad[0, 0, 0, 0], stated) == (kernel == 3)
    page = OPEN_ROWS.format(dots=dots, claim=DK11)
    found = [c for c in check_text(page, "md", time_limit=10).claims if DK11 in c.latex][-1]
    assert found.verdict == "unchecked" and "input=HxW kernel=KxK" in found.detail
