"""A node's scalar forward said in the sentence right before its display (round thirty,
symbp.check.calc_lead): "For $z = x + y$:" then ∂z/∂x = 1.  Truth: torch autograd on the
forward written as Python, at random points, never symbp."""
import math

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _autograd(forward, wrt: str, claimed, names=("x", "y")) -> bool:
    """Whether ``claimed(**values)`` equals ∂forward/∂wrt at three random points."""
    gen = torch.Generator().manual_seed(11)
    for _ in range(3):
        values = {n: (torch.rand(1, generator=gen) + 0.5).requires_grad_() for n in names}
        out = forward(**values)
        (grad,) = torch.autograd.grad(out, values[wrt])
        plain = {n: v.item() for n, v in values.items()}
        if not math.isclose(float(grad), claimed(**plain), rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


# (lead sentence, claim display, forward in Python, variable, claimed value in Python)
CASES = [
    ("For $z = x + y$:", r"\frac{\partial z}{\partial x} = 1", lambda x, y: x + y, "x", lambda x, y: 1.0),
    ("For $z = x + y$:", r"\frac{\partial z}{\partial y} = 2", lambda x, y: x + y, "y", lambda x, y: 2.0),
    ("For $z = xy$:", r"\frac{\partial z}{\partial x} = y", lambda x, y: x * y, "x", lambda x, y: y),
    ("For $z = xy$:", r"\frac{\partial z}{\partial x} = x", lambda x, y: x * y, "x", lambda x, y: x),
    ("The '/' node ($y = \\frac{1}{x}$):", r"\frac{\partial y}{\partial x} = -\frac{1}{x^2}",
     lambda x, y: 1 / x, "x", lambda x, y: -1 / x ** 2),
    ("The '/' node ($y = \\frac{1}{x}$):", r"\frac{\partial y}{\partial x} = -\frac{1}{x}",
     lambda x, y: 1 / x, "x", lambda x, y: -1 / x),
    ("The exp node ($y = \\exp(x)$):", r"\frac{\partial y}{\partial x} = \exp(x)",
     lambda x, y: torch.exp(x), "x", lambda x, y: math.exp(x)),
    ("With $z = t^2$ and $t = x + y$:", r"\frac{\partial z}{\partial x} = 2t",
     lambda x, y: (x + y) ** 2, "x", lambda x, y: 2 * (x + y)),
    ("With $z = t^2$ and $t = x + y$:", r"\frac{\partial z}{\partial x} = t",
     lambda x, y: (x + y) ** 2, "x", lambda x, y: x + y),
]


@pytest.mark.parametrize("lead, claim, forward, wrt, claimed", CASES)
def test_a_nodes_forward_in_the_lead_sentence_decides_its_claim(lead, claim, forward, wrt, claimed):
    truth = _autograd(forward, wrt, claimed)
    page = f"# Nodes\n\nSome words first.\n\n{lead}\n\n$$\n{claim}\n$$\n"
    got = check_text(page, "md").claims[-1]
    assert got.verdict == ("holds" if truth else "refuted"), got.detail
    if not truth:
        assert "the sentence before it" in got.detail and " = " in got.detail


def test_the_wrong_rows_are_wrong():
    assert not _autograd(lambda x, y: x * y, "x", lambda x, y: x)
    assert not _autograd(lambda x, y: (x + y) ** 2, "x", lambda x, y: x + y)


NOT_READ = [
    # a convolution's forward in the sentence: no scalar node
    ("For $Y = X * W$:", r"\frac{\partial Y}{\partial W} = X"),
    # indexed names: a layer, not a node
    ("For $z = w_1 x$:", r"\frac{\partial z}{\partial x} = w_1"),
    # the sentence defines z twice, otherwise
    ("With $z = x^2$, or $z = t^2$ and $t = x + y$:", r"\frac{\partial z}{\partial x} = 2x"),
    # a name the lead does not give
    ("For $z = x + y$:", r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z}"),
    # x reaches z directly and through y: the node's local partial (y) or the total derivative (2x)
    ("For $z = x y$ and $y = x$:", r"\frac{\partial z}{\partial x} = y"),
    # arrays, said in words or written as capitals: ∂z/∂x is W or W^T by layout, no scalar
    ("Here $x$ is a vector. For $z = w x$:", r"\frac{\partial z}{\partial x} = w"),
    ("For $z = W x$:", r"\frac{\partial z}{\partial x} = W"),
    # round 30's red team: e a node of the page, e given a value, σ the page's ReLU, log's domain,
    # a point the sentence names, a node named only to contrast it
    ("With $e = a + b$ and $z = e^{x}$:", r"\frac{\partial z}{\partial x} = z"),
    ("For $z = e^{x}$ with the base $e = 2$:", r"\frac{\partial z}{\partial x} = e^{x}"),
    (r"For $z = \sigma(x)$, where $\sigma$ is the ReLU:", r"\frac{\partial z}{\partial x} = z(1 - z)"),
    (r"For $z = x \log(x^2)$:", r"\frac{\partial z}{\partial x} = 2\log(x) + 2"),
    ("For $z = x^2$, evaluated at $x = 3$:", r"\frac{\partial z}{\partial x} = 6"),
    ("Unlike the add node $z = x + y$, the multiply node swaps its inputs:", r"\frac{\partial z}{\partial x} = y"),
]


@pytest.mark.parametrize("lead, claim", NOT_READ)
def test_what_the_lead_reader_leaves_alone_is_never_decided_by_it(lead, claim):
    page = f"# Nodes\n\n{lead}\n\n$$\n{claim}\n$$\n"
    got = check_text(page, "md").claims[-1]
    assert "the sentence before it gives" not in (got.detail or ""), got.detail


def test_a_lead_two_paragraphs_up_does_not_rule_the_display():
    page = "# Nodes\n\nFor $z = x + y$ the node adds.\n\nNow something else entirely.\n\n$$\n" \
           r"\frac{\partial z}{\partial x} = 1" "\n$$\n"
    got = check_text(page, "md").claims[-1]
    assert "the sentence before it gives" not in (got.detail or "")
