r"""Soundness fixes for red teams rt7 (Typst, named gradients) and rt8 (worked numbers): each page is
one the red team wrote; the truth of every claim comes from torch autograd, never from symbp."""
from __future__ import annotations

import math

import pytest
import torch

from symbp.check.checker import check_text

FC = ("<!-- symbp: layer=fc in=3 out=2 batch=4 names: A^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias "
      "Z^{[l]}=output J=loss -->\n\n$$Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$$\n\n$$A^{[l]} = g(Z^{[l]})$$\n\n")


def _verdict(text: str, needle: str) -> str:
    (claim,) = [c for c in check_text(text, "md", time_limit=20).claims if needle in c.latex]
    return claim.verdict


def _fc_truth():
    """(dL/dZ for the summed loss L = m J, dJ/dW, A) of a dense layer with J = mean of a loss."""
    g = torch.Generator().manual_seed(5)
    w = torch.randn(2, 3, generator=g, dtype=torch.float64, requires_grad=True)
    a = torch.randn(3, 4, generator=g, dtype=torch.float64)
    z = w @ a
    z.retain_grad()
    per_example = (z ** 2).sum(dim=0)
    (per_example.mean()).backward()                  # J = (1/m) Σ ℓ, m = 4
    return z.grad * 4, w.grad, a


def test_typst_scripts_group_to_the_right():
    x = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    torch.exp(x ** 2).backward()
    assert math.isclose(float(x.grad), 2 * 0.7 * math.exp(0.49))           # d/dx e^(x^2) = 2x e^(x^2)
    text = "$$ y = e^(x^2) $$\n\n$$ (partial y)/(partial x) = 2 x e^x^2 $$\n\n$$ (partial y)/(partial x) = x e^x^2 $$\n"
    got = [c.verdict for c in check_text(text, "md", time_limit=20).claims if "partial" in c.latex]
    assert got[0] != "refuted" and got[1] != "holds", got


def test_a_name_for_the_gradient_of_another_loss_is_not_the_claims_loss():
    dl_dz, dj_dw, a = _fc_truth()
    assert torch.allclose(dj_dw, dl_dz @ a.T / 4) and not torch.allclose(dj_dw, dl_dz @ a.T)
    text = (FC + "Let $\\mathcal{L} = \\sum_i \\ell^{(i)}$ be the summed loss of the $m = 4$ examples and "
            "$J = \\frac{1}{m}\\mathcal{L}$ the cost.\n\n$$dZ^{[l]} := \\frac{\\partial \\mathcal{L}}{\\partial Z^{[l]}}$$\n\n"
            "$$\\frac{\\partial J}{\\partial W^{[l]}} = dZ^{[l]} A^{[l-1]T}$$\n")
    assert _verdict(text, "= dZ^{[l]} A^{[l-1]T}") != "holds"


@pytest.mark.parametrize("prose", ["Here $*$ denotes the matrix product (the Hadamard product is written $\\odot$).",
                                   "In numpy, * is element-wise multiplication; in the formulas below $*$ is the "
                                   "ordinary matrix product."])
def test_star_called_a_matrix_product_is_never_entrywise(prose):
    g = torch.Generator().manual_seed(6)
    w = torch.randn(2, 3, generator=g, dtype=torch.float64, requires_grad=True)
    a = torch.randn(3, 4, generator=g, dtype=torch.float64)
    dz = torch.randn(2, 4, generator=g, dtype=torch.float64)
    (w @ a).backward(dz)
    assert torch.allclose(w.grad, dz @ a.T)                                    # dW = dZ A^T, a matrix product
    text = FC + prose + "\n\n$$dW^{[l]} := \\frac{\\partial J}{\\partial W^{[l]}} = dZ^{[l]} * A^{[l-1]T}$$\n"
    assert _verdict(text, "dZ^{[l]} * A^{[l-1]T}") != "refuted"


def test_a_star_the_page_defines_never_crashes_the_page():
    text = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel "
            "Y=output L=loss -->\n\n$$ Y_{i,j}=\\sum_{u,v}X_{i+u,j+v}K_{u,v}. $$\n\n"
            "$$ \\Delta_{i,j} = \\frac{\\partial L}{\\partial Y_{i,j}} $$\n\nThroughout, $*$ is the mathematical "
            "convolution\n\n$$ (A*B)_{a,b}=\\sum_{u,v}A_{a-u,b-v}B_{u,v}, $$\n\nso that\n\n"
            "$$ \\nabla_K L = X*\\operatorname{rot180}(\\Delta). $$\n")
    assert check_text(text, "md", time_limit=20).claims         # a report, no WitnessError


def test_numbers_of_a_worked_example_in_prose_are_never_refuted_as_identities():
    z = torch.tensor([0.4, -0.6], dtype=torch.float64)
    p = torch.softmax(z, 0)
    assert round(float(p[0]), 4) == 0.7311
    softmax = ("The logits are $z_1 = 0.4$ and $z_2 = -0.6$.\n\n$$p_1 = \\frac{e^{z_1}}{e^{z_1} + e^{z_2}}$$\n\n"
               "$$p_2 = \\frac{e^{z_2}}{e^{z_1} + e^{z_2}}$$\n\n$$L = -\\log p_1$$\n\n$$p_1 = 0.7311$$\n")
    assert _verdict(softmax, "p_1 = 0.7311") != "refuted"
    x, w, b, y = 0.5, torch.tensor(0.8, dtype=torch.float64, requires_grad=True), 0.1, 1.0
    (0.5 * (y - torch.sigmoid(w * x + b)) ** 2).backward()
    assert round(0.8 - 0.5 * float(w.grad), 4) == 0.8222
    update = ("Let $x = 0.5$, $w = 0.8$, $b = 0.1$ and $y = 1.0$.\n\n$$z = w x + b$$\n\n$$a = \\sigma(z)$$\n\n"
              "$$E = \\frac{1}{2}(y - a)^2$$\n\nWe use a learning rate of 0.5.\n\n"
              "$$w^{+} = w - \\eta \\frac{\\partial E}{\\partial w} = 0.8222$$\n\n"
              "$$w_{new} = w + \\alpha \\frac{\\partial E}{\\partial w} = 0.8044$$\n")
    assert _verdict(update, "= 0.8222") != "refuted"
