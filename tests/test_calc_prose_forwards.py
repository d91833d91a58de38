"""The scalar-layer reader (calc_graph) over a page that gives part of its forward in a sentence
(``where $\\hat{y} = \\frac{1}{1 + e^{-z}}$ and $z = w x + b$``, a logistic regression under a
display's cross-entropy), and its logarithms of inputs that may be negative.  Truth: torch autograd."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

PAGE = r"""# Logistic regression

$$
J = - (y\log(\hat{y}) + (1 - y)\log(1 - \hat{y}))
$$

where $\hat{y} = \frac{1}{1 + e^{-z}}$ and $z = w x + b$.

$$
\frac{\partial J}{\partial w} = (\hat{y} - y) x
$$

$$
\frac{\partial J}{\partial w} = \hat{y} - y
$$

$$
\frac{\partial J}{\partial b} = \hat{y} - y
$$
"""


def _grads(w0=0.7, b0=-0.2, x0=1.3, y0=0.4):
    w, b = torch.tensor(w0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    x, y = torch.tensor(x0), torch.tensor(y0)
    yhat = torch.sigmoid(w * x + b)
    (-(y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat))).backward()
    return w.grad, b.grad, yhat.detach(), x, y


def test_sentence_forward_completes_the_displays():
    dw, db, yhat, x, y = _grads()
    truths = [bool(torch.isclose(dw, (yhat - y) * x)), bool(torch.isclose(dw, yhat - y)), bool(torch.isclose(db, yhat - y))]
    assert truths == [True, False, True]
    verdicts = [c.verdict for c in check_text(PAGE, "md").claims if "partial" in c.latex]
    assert verdicts == ["holds", "refuted", "holds"], verdicts


def test_sentence_forward_never_over_a_display_definition():
    """A sentence's ``$t = x + y$`` beside a display that defines y otherwise is not read into
    the display's graph (a Korean note's computational-graph sections)."""
    page = ("# Graph\n\nFor $t = x + y$ the add node passes the gradient on.\n\n$$\ny = \\frac{1}{1 + e^{-x}}\n$$\n\n"
            "$$\n\\frac{\\partial t}{\\partial x} = 1\n$$\n")
    assert all(c.verdict != "refuted" for c in check_text(page, "md").claims)


def test_log_of_a_square_is_not_split_for_negative_inputs():
    """``z = x \\log(x^2)``: dz/dx = log(x^2) + 2, which is 2 log(x) + 2 only for x > 0; the exact
    judge split the logarithm as if every input were positive and held the claim."""
    x = torch.tensor(-0.5, requires_grad=True)
    (x * torch.log(x ** 2)).backward()
    assert torch.isclose(x.grad, torch.log(torch.tensor(0.25)) + 2) and torch.isnan(2 * torch.log(x.detach()) + 2)
    page = "# Node\n\n$$\nz = x \\log(x^2)\n$$\n\n$$\n\\frac{\\partial z}{\\partial x} = 2\\log(x) + 2\n$$\n"
    assert check_text(page, "md").claims[-1].verdict != "holds"
