"""Round twenty-seven's red team of the new calculus and letter-layer readers: each false hold and
true claim refuted it found, on its own small page.  Truth from torch autograd (float64), never from
symbp; a test asserts the verdict is not the wrong one (unchecked is honest)."""
import math

import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(page):
    return [c.verdict for c in check_text(page, "md").claims if c.verdict != "definition"]


def _grad(f, x):
    t = torch.tensor(x, requires_grad=True)
    f(t).backward()
    return float(t.grad)


SECOND_SECTION = r"""# BCE

$$ J = -y\ln{(p)} - (1-y)\ln{(1-p)} = -y\ln{(\sigma(z))} - (1-y)\ln{(1-\sigma(z))} $$

with σ the logistic sigmoid.

# Squared error through the same sigmoid

$$ J = \frac{1}{2}(p - y)^2 = \frac{1}{2}(\sigma(z) - y)^2 $$

$$ \frac{dJ}{dz} = (p - y) $$

$$ \frac{dJ}{dz} = (p - y)p(1-p) $$
"""


def test_a_second_section_that_redefines_the_loss_is_not_read_with_the_first():
    y = 1.0
    mse = _grad(lambda z: 0.5 * (torch.sigmoid(z) - y) ** 2, 0.0)
    p = 0.5
    assert not math.isclose(mse, p - y) and math.isclose(mse, (p - y) * p * (1 - p))
    got = _verdicts(SECOND_SECTION)
    assert got[-2] != "holds" and got[-1] != "refuted", got


PHI_TWICE = r"""# Sigmoid unit

$$ \phi(z_j) = \frac{1}{1 + e^{-z_j}} $$

$$ \frac{\partial \phi(z_j)}{\partial z_j} = \phi(z_j)(1 - \phi(z_j)) $$

# Tanh unit

$$ \phi(z_j) = \tanh(z_j) $$

$$ \frac{\partial \phi(z_j)}{\partial z_j} = \phi(z_j)(1 - \phi(z_j)) $$
"""


def test_a_row_written_again_under_another_definition_is_not_read_with_the_first():
    assert not math.isclose(_grad(torch.tanh, 0.3), math.tanh(0.3) * (1 - math.tanh(0.3)))
    assert _verdicts(PHI_TWICE)[-1] != "holds"


HEADING = r"""# Tanh

$$ \frac{d}{dx}\tanh(x) = 1 - \tanh^2(x) $$

## The logistic sigmoid

For $\sigma(x) = \frac{1}{1+e^{-x}}$ the derivative is

$$ = \frac{4}{(e^{x}+e^{-x})^2} $$
"""


def test_a_row_under_a_new_heading_does_not_continue_the_chain_above():
    assert not math.isclose(_grad(torch.sigmoid, 0.0), 4 / (1 + 1) ** 2)     # σ'(0) = 1/4, the row gives 1
    assert _verdicts(HEADING)[-1] != "holds"


NET = r"""# Backpropagation

$$ E = \frac{1}{2} \sum_{k}(a_k - t_k)^2 $$

Each hidden unit computes $a_j = g_j(z_j)$ and each output $a_k = g_k(z_k)$.

$$ z_j = b_j + \sum_i x_i w_{ij} $$
$$ z_k = b_k + \sum_j a_j w_{jk} $$

"""


def _net(seed=1):
    g = torch.Generator().manual_seed(seed)
    x, t = torch.randn(3, generator=g), torch.rand(2, generator=g)
    w1, b1 = torch.randn(3, 4, generator=g, requires_grad=True), torch.randn(4, generator=g)
    w2, b2 = torch.randn(4, 2, generator=g, requires_grad=True), torch.randn(2, generator=g)
    z1 = b1 + x @ w1
    a1 = torch.tanh(z1)
    z2 = b2 + a1 @ w2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    (0.5 * ((a2 - t) ** 2).sum()).backward()
    s2 = (torch.sigmoid(z2) * (1 - torch.sigmoid(z2))).detach()
    return dict(x=x, t=t, a1=a1.detach(), a2=a2.detach(), z1=z1.detach(), z2=z2.detach(), s2=s2,
                w2=w2.detach(), dz2=z2.grad, dw1=w1.grad, dw2=w2.grad)


def test_a_layer_letter_on_another_layers_name_or_activation_is_not_read():
    n = _net()
    tanh_prime_at_zk = 1 - torch.tanh(n["z2"]) ** 2                 # g_j' (the hidden tanh) at z_k
    assert not torch.allclose(n["dz2"], (n["a2"] - n["t"]) * tanh_prime_at_zk)
    assert _verdicts(NET + r"$$ \frac{\partial E}{\partial z_k} = (a_k - t_k) g_j'(z_k) $$" + "\n") != ["holds"]
    delta = (n["a2"] - n["t"]) * n["s2"]                            # x has 3 entries, a_j has 4: x_j is no hidden value
    assert n["dw2"].shape != torch.outer(n["x"], delta).shape
    page = NET + "$$ \\delta_k = (a_k - t_k) g_k'(z_k) $$\n$$ \\frac{\\partial E}{\\partial w_{jk}} = \\delta_k x_j $$\n"
    assert _verdicts(page)[-1] != "holds"
