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


def _entry_doc(forward, *claims, directive="<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->"):
    body = "\n\n".join(f"$$\n{c}\n$$" for c in (forward,) + claims)
    return f"{directive}\n\n{body}\n"


def test_a_forward_written_as_a_true_convolution_is_not_read_as_correlation():
    # z_{ij} = Σ_{m,n=1}^{2} w_{mn} a_{i-m+2,j-n+2}: conv2d of a with the flipped kernel
    x, k, g, dx, dk, db = torch_conv_grads(1, 1, 1, 3, 3, 2, 2)
    dx_true = np.zeros((3, 3))
    for i in range(2):
        for j in range(2):
            for m in range(2):
                for n in range(2):
                    dx_true[i - m + 1, j - n + 1] += g[0, 0, i, j] * k[0, 0, m, n]
    assert not np.isclose(dx_true[0, 0], g[0, 0, 0, 0] * k[0, 0, 0, 0])   # δ_{11} w_{11}: false
    got = _verdicts(_entry_doc(r"z_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{2} w_{mn} a_{i-m+2,j-n+2} + b",
                               r"\frac{\partial J}{\partial a_{11}} = \delta_{11} w_{11}"))
    assert got[-1] != "holds"                        # held: the founding reader's correlation


def test_a_forward_counted_from_zero_settles_the_entries():
    x, k, g, dx, dk, db = torch_conv_grads(1, 1, 1, 3, 3, 2, 2)
    dx, g, k = dx[0, 0], g[0, 0], k[0, 0]
    four = g[0, 0] * k[1, 1] + g[0, 1] * k[1, 0] + g[1, 0] * k[0, 1] + g[1, 1] * k[0, 0]
    assert np.isclose(dx[1, 1], four) and not np.isclose(dx[1, 1], g[1, 1] * k[1, 1])
    got = _verdicts(_entry_doc(
        r"z_{ij} = \sum_{m=0}^{1}\sum_{n=0}^{1} w_{mn} a_{i+m,j+n} + b",
        r"\frac{\partial J}{\partial a_{11}} = \delta_{00} w_{11} + \delta_{01} w_{10} + \delta_{10} w_{01} + \delta_{11} w_{00}",
        r"\frac{\partial J}{\partial a_{11}} = \delta_{11} w_{11}"))
    assert got[1] != "refuted" and got[2] != "holds", got


def test_a_dense_weight_indexed_input_first():
    torch.manual_seed(3)
    layer = torch.nn.Linear(3, 3, bias=False).double()      # torch's weight[j, i]: w_{ij} = weight[j, i]
    a = torch.randn(3, dtype=torch.float64, requires_grad=True)
    delta = torch.randn(3, dtype=torch.float64)
    (layer(a) * delta).sum().backward()
    w = layer.weight.detach().numpy().T                      # w[i, j]: input i, output j
    d = delta.numpy()
    assert np.isclose(a.grad[0].item(), sum(w[0, j] * d[j] for j in range(3)))      # Σ_j w_{1j} δ_j
    assert not np.isclose(a.grad[0].item(), sum(w[i, 0] * d[i] for i in range(3)))  # Σ_i w_{i1} δ_i
    got = _verdicts(_entry_doc(
        r"z_j = \sum_{i=1}^{3} w_{ij} a_i + b_j",
        r"\frac{\partial J}{\partial a_1} = w_{11}\delta_1 + w_{12}\delta_2 + w_{13}\delta_3",
        r"\frac{\partial J}{\partial a_1} = w_{11}\delta_1 + w_{21}\delta_2 + w_{31}\delta_3",
        directive="<!-- symbp: layer=fc in=3 out=3 -->"))
    assert got[1] != "refuted" and got[2] != "holds", got
