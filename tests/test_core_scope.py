"""Directive keys only the index reader honours (index_base=0, conv=true): the founding-notation
reader must not decide those claims under its own meaning (entries from 1, * as correlation).
Truth: torch autograd (conv2d, linear) at random values, each claim's right side evaluated by hand."""
import numpy as np
import torch

from symbp.check.checker import check_text
from conv_truth import torch_conv_grads


def _verdicts(doc):
    return [c.verdict for c in check_text(doc, "md").claims]


def _conv_doc(key, *claims):
    body = "\n\n".join(f"$$\n{c}\n$$" for c in claims)
    return f"<!-- symbp: layer=conv2d input=3x3 kernel=2x2 {key} -->\n\n{body}\n"


def test_index_base_zero_entries_are_counted_from_zero():
    x, k, g, dx, dk, db = torch_conv_grads(1, 1, 1, 3, 3, 2, 2)
    dx, g, k = dx[0, 0], g[0, 0], k[0, 0]
    centre_claim = g[1, 1] * k[1, 1]                 # δ_{11} W_{11} counted from 0
    corner_claim = g[0, 0] * k[0, 0]                 # δ_{00} W_{00}
    assert not np.isclose(dx[1, 1], centre_claim)    # the centre has four paths: false
    assert np.isclose(dx[0, 0], corner_claim)        # the corner has one: true
    got = _verdicts(_conv_doc("index_base=0",
                              r"\frac{\partial J}{\partial a_{11}} = \delta_{11} W_{11}",
                              r"\frac{\partial J}{\partial a_{00}} = \delta_{00} W_{00}"))
    assert got[0] != "holds"                         # was "holds": the corner's rule at the centre
    assert got[1] != "refuted"


def test_index_base_zero_fully_connected_bias():
    torch.manual_seed(0)
    layer = torch.nn.Linear(2, 2).double()
    a = torch.randn(2, dtype=torch.float64)
    z = layer(a)
    delta = torch.randn(2, dtype=torch.float64)
    (z * delta).sum().backward()
    assert np.isclose(layer.bias.grad[1].item(), delta[1].item())      # ∂J/∂b_1 = δ_1 from 0: true
    assert not np.isclose(layer.bias.grad[1].item(), delta[0].item())  # = δ_0: false
    doc = ("<!-- symbp: layer=fc in=2 out=2 index_base=0 -->\n\n"
           "$$\n\\frac{\\partial J}{\\partial b_{1}} = \\delta_{1}\n$$\n\n"
           "$$\n\\frac{\\partial J}{\\partial b_{1}} = \\delta_{0}\n$$\n")
    got = _verdicts(doc)
    assert got[0] != "refuted" and got[1] != "holds"


def test_a_true_convolution_star_is_not_read_as_correlation():
    x, k, g, dx, dk, db = torch_conv_grads(1, 1, 1, 3, 3, 2, 2)
    x, g, dk = x[0, 0], g[0, 0], dk[0, 0]
    # the document's * flips: (x * δ)[m,n] = Σ_{i,j} x[m+i, n+j] δ[1-i, 1-j] (valid)
    true_conv = np.array([[sum(x[m + i, n + j] * g[1 - i, 1 - j] for i in range(2) for j in range(2))
                           for n in range(2)] for m in range(2)])
    correlation = np.array([[sum(x[m + i, n + j] * g[i, j] for i in range(2) for j in range(2))
                             for n in range(2)] for m in range(2)])
    assert np.allclose(dk, correlation) and not np.allclose(dk, true_conv)
    # whichever forward the document's convention gives, a * δ with * flipping is not ∂J/∂W here
    got = _verdicts(_conv_doc("conv=true", r"\frac{\partial J}{\partial W} = a * \delta"))
    assert got[0] != "holds"                         # was "holds": the * read as correlation
