"""Layer labels with two letters (W^l beside delta^L) are two layers unless the author says
otherwise: never read as one (a claim about the output layer L written for layer l held)."""
import numpy as np
import torch

from symbp.check.checker import check_text

DIRECTIVE = "<!-- symbp: layer=fc in=3 out=2 names: a=input W=kernel z=output b=bias C=loss -->"


def _outer_rule_is_the_gradient() -> bool:
    """dC/dW = delta a^T for z = W a + b (torch autograd), the rule both claims state."""
    rng = np.random.default_rng(0)
    w = torch.tensor(rng.standard_normal((2, 3)), requires_grad=True)
    a, b, g = (torch.tensor(rng.standard_normal(s)) for s in ((3,), (2,), (2,)))
    ((w @ a + b) * g).sum().backward()
    return torch.allclose(w.grad, torch.outer(g, a))


def _verdict(claim: str):
    text = f"{DIRECTIVE}\n\n$$z^l=W^la^{{l-1}}+b^l$$\n\n$$ {claim} $$\n"
    return next(c for c in check_text(text, "md", time_limit=30).claims if c.latex.strip() == claim)


def test_one_label_letter_is_read():
    assert _outer_rule_is_the_gradient()
    got = _verdict(r"\frac{\partial C}{\partial W^l}=\delta^l(a^{l-1})^T")
    assert got.verdict == "holds", got.detail


def test_two_label_letters_are_not_one_layer():
    got = _verdict(r"\frac{\partial C}{\partial W^l}=\delta^L(a^{L-1})^T")
    assert got.verdict == "unchecked" and "layer labels L and l" in got.detail
