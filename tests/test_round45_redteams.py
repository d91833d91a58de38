"""Wrong verdicts red teams 62 and 63 found (round 45), each on a page of the shape they wrote.

* a loss written with other arguments than the page defines it with (``L(\\hat y, y) = …``, then
  ``\\partial L(a, y)``) or at a value (``L(\\hat y, 1)``) is not the loss;
* the loss's definitions never reaching a parameter do not make its derivative 0;
* a worked example's input given as a matrix leaves numbers claimed from it unproved, never refuted;
* an entry written ``W_{10}`` counts from 0; a stride the prose gives beside a padding is the layer's;
* a pooling forward below a ``layer=conv2d`` directive is the next layer's, not the section's;
* the input's size the prose gives, with the window the forward sums over, is a pooling's size.

Truth: torch autograd (float64), never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [c for c in check_text(text, "md").claims if c.verdict != "definition"]


def _right(verdict: str, truth: bool) -> bool:
    """A verdict a true claim may get (never refuted) or a false one (never held)."""
    return verdict != ("refuted" if truth else "holds")


# ---------------------------------------------------------------- loss calls

def _logistic_grads(label=None):
    torch.manual_seed(0)
    w, x, b = torch.randn(3, requires_grad=True), torch.randn(3), torch.randn(())
    y = 1.0 if label is None else label
    a = torch.sigmoid(w @ x + b)
    (-y * torch.log(a) - (1 - y) * torch.log(1 - a)).backward()
    return a.item(), y, x, w.grad


CALL_PAGE = r"""# The cross-entropy of a prediction

$$ L(\hat y, y) = -y\log\hat y - (1-y)\log(1-\hat y) $$

$$ z = w^T x + b $$

$$ a = \sigma(z) $$

$$ {claim} $$
"""


@pytest.mark.parametrize("claim, formula", [
    (r"\frac{\partial L(a, y)}{\partial w_i} = 0", lambda a, y, x: torch.zeros(3)),
    (r"\frac{\partial L(a, y)}{\partial w_i} = (a - y) x_i", lambda a, y, x: (a - y) * x),
    (r"\frac{\partial L(\hat y, 1)}{\partial w_i} = (\hat y - y) x_i", None),
])
def test_a_loss_called_with_other_arguments_is_not_the_loss(claim, formula):
    """L(a, y) is the loss at a: its gradient is (a - y) x (torch); the page's L is defined on ŷ, which no
    row ties to w, so reading ∂L(a, y) as ∂L held '= 0' (red team 62).  L(ŷ, 1) is the loss at the label 1:
    (ŷ - y) x is not its gradient for a y of 0."""
    a, y, x, grad = _logistic_grads(label=0.0 if formula is None else None)
    truth = False if formula is None else bool(torch.allclose(formula(a, y, x), grad))
    (found,) = _claims(CALL_PAGE.replace("{claim}", claim))
    assert _right(found.verdict, truth), (found.verdict, found.detail)


# ---------------------------------------------------------------- worked examples, bases, strides

WORKED = r"""# A worked example

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 names: X=input W=kernel b=bias Y=output L=loss {delta} -->

Take a $3\times3$ input $X$ and a $2\times2$ kernel $W$ (cross-correlation){words}.

$$ X = \begin{bmatrix} 3 & 1 & 1 \\ 3 & 1 & 2 \\ 2 & -2 & -3 \end{bmatrix} $$

$$ W = \begin{bmatrix} -1 & -1 \\ 2 & 2 \end{bmatrix} $$

$$ {grad} = \begin{bmatrix} -2 & 0 \\ 2 & -2 \end{bmatrix} $$

$$ {claim} $$
"""


def _worked_kernel_grad():
    x = torch.tensor([[3., 1, 1], [3, 1, 2], [2, -2, -3]])
    w = torch.tensor([[-1., -1], [2, 2]], requires_grad=True)
    g = torch.tensor([[-2., 0], [2, -2]])
    (torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] * g).sum().backward()
    return w.grad


@pytest.mark.parametrize("delta, grad, words", [
    (r"\delta=output_grad", r"\delta", ""),
    ("", r"\frac{\partial L}{\partial Y}", ". Entries are numbered from 0"),
])
def test_a_worked_examples_numbers_are_never_refuted_for_want_of_its_input(delta, grad, words):
    """∂L/∂W = [numbers] with X given as a matrix: the founding reader does not bind X's numbers, so the
    claim is unproved, not refuted (red team 63: 16 correct claims refuted); an entry W_{10} counts from 0."""
    truth = _worked_kernel_grad()
    right = r"\begin{bmatrix} " + r" \\ ".join(" & ".join(str(int(v)) for v in row) for row in truth) + r" \end{bmatrix}"
    page = WORKED.replace("{delta}", delta).replace("{grad}", grad).replace("{words}", words)
    for claim in (rf"\frac{{\partial L}}{{\partial W}} = {right}", rf"\frac{{\partial L}}{{\partial W_{{10}}}} = {int(truth[1, 0])}"):
        found = _claims(page.replace("{claim}", claim))[-1]
        assert found.verdict != "refuted", (claim, found.detail)


STRIDED = r"""# Strided convolution, matrix form

$X$ is $5\times5$, $W$ is $3\times3$, stride 2, zero padding 0; $*$ is cross-correlation (valid); $\delta = \frac{\partial L}{\partial Y}$.

$$ Y = X * W $$

$$ {claim} $$
"""


def _strided_truth(which: str) -> bool:
    torch.manual_seed(2)
    x, w = torch.randn(5, 5, requires_grad=True), torch.randn(3, 3, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None], stride=2)[0, 0]
    g = torch.randn_like(y)
    (y * g).sum().backward()
    up = torch.zeros(3, 3)
    up[::2, ::2] = g                                                 # δ dilated by the stride
    if which == "dilated":
        return bool(torch.allclose(torch.nn.functional.conv2d(x.detach()[None, None], up[None, None])[0, 0], w.grad))
    small = torch.nn.functional.conv2d(x.detach()[None, None], g[None, None])[0, 0]      # X * δ: 4x4
    return small.shape == w.grad.shape and bool(torch.allclose(small, w.grad))


@pytest.mark.parametrize("claim, which", [
    (r"\frac{\partial L}{\partial W} = X * \text{dilate}_{2}(\delta)", "dilated"),
    (r"\frac{\partial L}{\partial W} = X * \delta", "plain"),
])
def test_a_stride_the_prose_gives_beside_a_padding_is_the_layers(claim, which):
    """'stride 2, zero padding 0' in one sentence: the padding was taken and the stride dropped, so X * δ held
    at stride 1 (red team 63)."""
    (found,) = _claims(STRIDED.replace("{claim}", claim))
    assert _right(found.verdict, _strided_truth(which)), found.detail


# ---------------------------------------------------------------- a pooling below a convolution's directive

POOLED = r"""# Conv, ReLU, average pooling

<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=1 padding=0 index_base=0 names: x=input w=kernel b=bias z=output L=loss -->

$$ z_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} w_{m,n} x_{i+m,j+n} + b $$

$$ a_{i,j} = \max(0, z_{i,j}) $$

$$ p_{r,c} = \frac{1}{4}\sum_{u=0}^{1}\sum_{v=0}^{1} a_{2r+u,2c+v} $$

$$ \frac{\partial L}{\partial b} = \sum_{r,c} \frac{\partial L}{\partial p_{r,c}} $$
"""


def test_a_pooling_forward_below_a_convolutions_directive_is_the_next_layers():
    """∂L/∂b = Σ ∂L/∂p is false through the ReLU and the ¼ (torch); it held when the pooling forward took
    the section over (red team 63)."""
    torch.manual_seed(4)
    x, w = torch.randn(5, 5), torch.randn(2, 2)
    b = torch.tensor(0.3, requires_grad=True)
    z = torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] + b
    p = torch.nn.functional.avg_pool2d(torch.relu(z)[None, None], 2)[0, 0]
    gp = torch.randn_like(p)
    (p * gp).sum().backward()
    truth = bool(torch.isclose(b.grad, gp.sum()))
    found = _claims(POOLED)[-1]
    assert _right(found.verdict, truth), found.detail


def test_a_poolings_size_from_the_prose_and_its_window_from_the_forward():
    """'maps the 4×4 map x': ¼ kron(∂L/∂y, 1) is the gradient there (torch); it was refuted at a 5x5 size
    symbp chose itself."""
    page = r"""# Average pooling backward

A $2\times2$ average pooling with stride 2 maps the $4\times4$ map $x$ to $y$ (indices from 0); $L$ is the loss.

$$ y_{i,j} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n} $$

$$ \frac{\partial L}{\partial x} = \frac{1}{4}\text{kron}\left(\frac{\partial L}{\partial y}, 1_{2\times 2}\right) $$
"""
    x = torch.randn(4, 4, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x[None, None], 2)[0, 0]
    g = torch.randn_like(y)
    (y * g).sum().backward()
    truth = bool(torch.allclose(x.grad, torch.kron(g, torch.ones(2, 2)) / 4))
    found = _claims(page)[-1]
    assert found.verdict == ("holds" if truth else "refuted"), found.detail


# ---------------------------------------------------------------- a batch divided by m in some rows only

BATCH_PAGE = r"""# A dense softmax layer on a mini-batch

<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot names: Z=input A=output Y=target L=loss -->

The examples are the columns; the weights' gradient is averaged over the $m$ examples.

$$\frac{\partial L}{\partial W} = \frac{1}{m} (dZ \cdot X^T)$$

$$\frac{\partial L}{\partial Z} = A - Y$$
"""


def test_a_batch_divided_by_m_in_some_rows_only_is_not_decided():
    """dZ = A - Y beside dW = (1/m) dZ X^T, no loss written: under the mean loss A - Y is m times the gradient,
    under the summed loss it is the gradient (torch, both): held-out 58's truth read the mean, held-out 11's the
    sum; symbp gives no verdict on either guess."""
    torch.manual_seed(9)
    z = torch.randn(3, 4, requires_grad=True)
    y = torch.nn.functional.one_hot(torch.tensor([0, 2, 1, 1]), 3).T.double()
    a = torch.softmax(z, dim=0)
    per_example = -(y * torch.log(a)).sum(dim=0)
    mean_grad, = torch.autograd.grad(per_example.mean(), z, retain_graph=True)
    sum_grad, = torch.autograd.grad(per_example.sum(), z)
    claimed = a.detach() - y
    assert torch.allclose(claimed, sum_grad) and not torch.allclose(claimed, mean_grad)     # the readings differ
    found = _claims(BATCH_PAGE)[-1]
    assert found.verdict == "unchecked", found.detail
