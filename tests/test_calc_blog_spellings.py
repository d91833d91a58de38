"""Round thirty-five: spellings of a blog post's scalar derivation (held-out 30's Osajima post).

* ``-ylog(a^{[3]})``: a logarithm written without its backslash, glued to the letter before it, is
  ``y \\log(a)``, not a word;
* ``a^{[3]}``, ``z^{(2)}``: a number in brackets or parentheses as a superscript labels a layer, never a power;
* ``\\dfrac{d{J}}{d{a^{[3]}}}``: the variable of a derivative in braces;
* ``J(a^{[3]}, y) = …``: a loss written as a function of labelled names;
* ``a = σ(z)`` then ``a = 1/(1+e^{-z})``: the page says its σ is the sigmoid, and the claims after are
  read with that σ; a second row that matches no σ leaves the claims unchecked, never proved;
* a loss or a model stated only in a sentence; a linear regression's scalar model and its mean
  squared error, which no reader took.

Truth: torch autograd, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _bce_grad(a_value, y_value):
    a = torch.tensor(a_value, requires_grad=True)
    (-y_value * torch.log(a) - (1 - y_value) * torch.log(1 - a)).backward()
    return a.grad


@pytest.mark.parametrize("tag", ["", "^{[3]}", "^{(2)}"])
def test_a_glued_log_and_a_numbered_label(tag):
    for a, y in ((0.3, 0.7), (0.8, 0.2), (0.55, 0.4)):
        grad = _bce_grad(a, y)
        assert torch.isclose(grad, torch.tensor(-y / a + (1 - y) / (1 - a)))            # the claim below
        assert not torch.isclose(grad, torch.tensor(-y / a - (1 - y) / (1 - a)))        # its sign slip
    page = (f"$$J(a{tag}, y) = -ylog(a{tag}) - (1-y)log(1 -a{tag})$$\n\n"
            f"$$\\dfrac{{dJ}}{{d{{a{tag}}}}} = \\dfrac{{-y}}{{a{tag}}} + \\dfrac{{(1-y)}}{{1-a{tag}}}$$\n\n"
            f"$$\\dfrac{{dJ}}{{d{{a{tag}}}}} = \\dfrac{{-y}}{{a{tag}}} - \\dfrac{{(1-y)}}{{1-a{tag}}}$$\n")
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert verdicts == ["definition", "holds", "refuted"], [c.detail for c in check_text(page, "md").claims]


def _sigmoid_slope(z_value):
    z = torch.tensor(z_value, requires_grad=True)
    torch.sigmoid(z).backward()
    return z.grad


def test_a_second_row_that_says_sigma_is_the_sigmoid():
    for z in (-1.2, 0.3, 2.0):
        a = torch.sigmoid(torch.tensor(z))
        assert torch.isclose(_sigmoid_slope(z), a * (1 - a)) and not torch.isclose(_sigmoid_slope(z), a * (1 + a))
    page = ("$$a^{[3]} = \\sigma(z^{[3]})$$\n\n$$a^{[3]} = \\dfrac{1}{1+e^{-z^{[3]}}}$$\n\n"
            "$$\\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = \\dfrac{e^{-z^{[3]}}}{(1+e^{-z^{[3]}})^2}$$\n\n"
            "$$\\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = a^{[3]}(1-a^{[3]})$$\n\n"
            "$$\\dfrac{d{a^{[3]}}}{d{z^{[3]}}} = a^{[3]}(1+a^{[3]})$$\n")
    claims = check_text(page, "md").claims
    assert [c.verdict for c in claims] == ["definition", "definition", "holds", "holds", "refuted"], \
        [c.detail for c in claims]
    assert "sigmoid" in claims[1].detail


def test_a_second_row_no_sigma_matches_proves_nothing():
    """a = σ(z) and a = 1/(1+e^{z}) (the sign lost): no σ makes both one; the slope is not settled."""
    page = ("$$a = \\sigma(z)$$\n\n$$a = \\dfrac{1}{1+e^{z}}$$\n\n"
            "$$\\dfrac{da}{dz} = a(1-a)$$\n\n$$\\dfrac{da}{dz} = -a(1-a)$$\n")
    claims = check_text(page, "md").claims
    assert all(c.verdict != "holds" for c in claims[1:]), [c.detail for c in claims]


def test_a_loss_defined_in_a_sentence():
    """"… $\\hat{y} = \\mathrm{softmax}(z)$ and the loss is $L = -\\sum_k y_k \\log \\hat{y}_k$": both only
    inline, read as the section's forward."""
    torch.manual_seed(3)
    z = torch.randn(4, requires_grad=True)
    y = torch.tensor([0.0, 0.0, 1.0, 0.0])
    p = torch.softmax(z, 0)
    (-(y * torch.log(p)).sum()).backward()
    assert torch.allclose(z.grad, p.detach() - y) and not torch.allclose(z.grad, p.detach() * (1 - y))
    page = ("The logits $z \\in \\mathbb{R}^K$ go through $\\hat{y} = \\mathrm{softmax}(z)$ and the loss is "
            "$L = -\\sum_k y_k \\log \\hat{y}_k$ with a one-hot $y$.\n\n"
            "$$\\frac{\\partial L}{\\partial z_k} = \\hat{y}_k - y_k$$\n\n"
            "$$\\frac{\\partial L}{\\partial z_k} = \\hat{y}_k (1 - y_k)$$\n")
    assert [c.verdict for c in check_text(page, "md").claims] == ["holds", "refuted"]


@pytest.mark.parametrize("inline", [False, True])
def test_a_linear_regression_with_its_mean_squared_error(inline):
    """ŷ_i = w x_i + b and L = (1/N) Σ_i (ŷ_i - y_i)²: no layer reader takes a regression's scalar model,
    and the scalar reader took only forwards with an exp, log or σ; the model stated inline too."""
    torch.manual_seed(9)
    x, y = torch.randn(5), torch.randn(5)
    w, b = torch.tensor(0.7, requires_grad=True), torch.tensor(-0.2, requires_grad=True)
    pred = w * x + b
    ((pred - y) ** 2).mean().backward()
    err = (pred - y).detach()
    assert torch.isclose(w.grad, 2 * (err * x).mean()) and torch.isclose(b.grad, 2 * err.mean())
    assert not torch.isclose(w.grad, (err * x).mean())
    model = "$\\hat{y}_i = w x_i + b$"
    page = ((f"For $N$ examples, {model} and\n\n" if inline else f"$${model[1:-1]}$$\n\n") +
            "$$L = \\frac{1}{N}\\sum_{i=1}^{N} (\\hat{y}_i - y_i)^2$$\n\n"
            "$$\\frac{\\partial L}{\\partial w} = \\frac{2}{N}\\sum_{i=1}^{N} (\\hat{y}_i - y_i) x_i$$\n\n"
            "$$\\frac{\\partial L}{\\partial b} = \\frac{2}{N}\\sum_{i=1}^{N} (\\hat{y}_i - y_i)$$\n\n"
            "$$\\frac{\\partial L}{\\partial w} = \\frac{1}{N}\\sum_{i=1}^{N} (\\hat{y}_i - y_i) x_i$$\n")
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert verdicts[-3:] == ["holds", "holds", "refuted"], verdicts



@pytest.mark.parametrize("aside", ["We use the squared error here, unlike the cross-entropy {L} of the last post.",
                                   "For example, with the cross-entropy {L} the slope would be simpler.",
                                   "我们不用交叉熵 {L}，而用平方误差。"])
def test_a_loss_a_sentence_sets_aside_is_not_the_pages(aside):
    """A formula stated as a contrast, an example or a hypothesis is not the page's loss: the page's
    squared error makes ∂L/∂z = p - y false, which the aside's cross-entropy would make true."""
    z, y = torch.tensor(0.4, requires_grad=True), torch.tensor(1.0)
    p = torch.sigmoid(z)
    (0.5 * (p - y) ** 2).backward()
    assert not torch.isclose(z.grad, (p - y).detach())
    loss = "$L = -y \\log p - (1 - y)\\log(1 - p)$"
    page = ("Here σ is the sigmoid. " + aside.format(L=loss) + "\n\n$$p = \\sigma(z)$$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = p - y$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_unit_named_otherwise_later_does_not_say_what_sigma_is():
    """``a = σ(z)`` then, later, ``a = \\tanh(z)``: another unit, not σ's definition; a claim above a row
    that does say σ (``a = 1/(1+e^{-z})``) is about a σ still general there."""
    for z in (-0.7, 0.4):
        t = torch.tensor(z, requires_grad=True)
        torch.sigmoid(t).backward()
        assert not torch.isclose(t.grad, 1 - torch.sigmoid(t.detach()) ** 2)   # 1 - a² is tanh's, not σ's
    later_tanh = ("$$a = \\sigma(z)$$\n\n$$\\frac{\\partial a}{\\partial z} = 1 - a^2$$\n\nLater, another unit:\n\n"
                  "$$a = \\tanh(z)$$\n\n$$\\frac{\\partial a}{\\partial z} = 1 - a^2$$\n")
    assert check_text(later_tanh, "md").claims[1].verdict != "holds"
    said_below = ("$$a = \\sigma(z)$$\n\n$$\\frac{\\partial a}{\\partial z} = 1 - a^2$$\n\nWritten out:\n\n"
                  "$$a = \\frac{1}{1+e^{-z}}$$\n\n$$\\frac{\\partial a}{\\partial z} = a(1 - a)$$\n")
    claims = check_text(said_below, "md").claims
    assert claims[1].verdict != "holds" and [c.verdict for c in claims[2:]] == ["definition", "holds"]
