"""A convolution's forward written as a chain through its activation, ``a^l_{ij} = \\sigma(z^l_{ij})
= \\sigma(\\sum_a \\sum_b W^l_{a,b} a^{l-1}_{i+a,j+b} + b^l)``, binds the layer with no directive
(z^l the output, a^{l-1} the input, W^l the kernel), and a page whose forward writes the kernel
first (``\\sigma(W^l \\ast a^{l-1} + b^l)``) has its ``\\delta^l \\ast a^{l-1}`` left unchecked, not
refuted, unless it defines its ``\\ast`` entry by entry with the first operand the input.

Truth: torch's conv2d (a cross-correlation) and autograd of C = <G, z> at a 4x4 input and a
2x2 kernel (the sizes the reader tries first need not be these: a claim that holds for every size
holds here too, and the mutated claims fail here).
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

CHAIN = r"""# The convolution layer

$$
\boldsymbol{a}_{ij}^l = \sigma(\boldsymbol{z}^l_{ij})
= \sigma(\sum_{a}\sum_{b} \boldsymbol{W}_{a,b}^l \boldsymbol{a}_{i+a,j+b}^{l-1} + \boldsymbol{b}^l)
$$

with $\delta^l = \partial C / \partial \boldsymbol{z}^l$.

$$
CLAIM
$$
"""


def _grads():
    torch.manual_seed(5)
    a = torch.randn(1, 1, 4, 4, requires_grad=True)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    z = torch.nn.functional.conv2d(a, w)
    g = torch.randn(z.shape)
    ga, gw = torch.autograd.grad((z * g).sum(), (a, w))
    return a.detach()[0, 0], w.detach()[0, 0], g[0, 0], ga[0, 0], gw[0, 0]


def _at(t, i, j):
    return t[i, j] if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0.0


CLAIMS = {    # claim -> True when it holds at the torch truth (plain loops over the stated sums)
    r"\frac{\partial C}{\partial \boldsymbol{W}_{i, j}^{l}} = \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{a}_{m+i, n+j}^{l-1}":
        lambda a, w, g, ga, gw: all(torch.isclose(gw[i, j], sum(g[m, n] * a[m + i, n + j] for m in range(3) for n in range(3)))
                                    for i in range(2) for j in range(2)),
    r"\frac{\partial C}{\partial \boldsymbol{W}_{i, j}^{l}} = \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{a}_{m-i, n-j}^{l-1}":
        lambda a, w, g, ga, gw: all(torch.isclose(gw[i, j], torch.as_tensor(sum(g[m, n] * _at(a, m - i, n - j) for m in range(3) for n in range(3))))
                                    for i in range(2) for j in range(2)),
    r"\frac{\partial C}{\partial \boldsymbol{a}_{i, j}^{l-1}} = \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{W}_{i-m, j-n}^{l}":
        lambda a, w, g, ga, gw: all(torch.isclose(ga[i, j], torch.as_tensor(sum(g[m, n] * _at(w, i - m, j - n) for m in range(3) for n in range(3))))
                                    for i in range(4) for j in range(4)),
    r"\frac{\partial C}{\partial \boldsymbol{a}_{i, j}^{l-1}} = \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{W}_{m-i, n-j}^{l}":
        lambda a, w, g, ga, gw: all(torch.isclose(ga[i, j], torch.as_tensor(sum(g[m, n] * _at(w, m - i, n - j) for m in range(3) for n in range(3))))
                                    for i in range(4) for j in range(4)),
}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_chain_forward_binds_the_convolution(claim):
    expected = "holds" if CLAIMS[claim](*_grads()) else "refuted"
    got = check_text(CHAIN.replace("CLAIM", claim), "md").claims
    assert got[0].verdict == "definition", got[0].detail
    assert got[-1].verdict == expected, got[-1].detail


KERNEL_FIRST = r"""# The convolution layer

$$
\boldsymbol{a}_{ij}^l = \sigma(\boldsymbol{z}^l_{ij})
= \sigma(\sum_{a}\sum_{b} \boldsymbol{W}_{a,b}^l \boldsymbol{a}_{i+a,j+b}^{l-1} + \boldsymbol{b}^l)
$$

In matrix form $\boldsymbol{a}^l = \sigma(\boldsymbol{z}^l)$, with

$$
\boldsymbol{a}^l = \sigma(\boldsymbol{W}^l \ast \boldsymbol{a}^{l-1} + \boldsymbol{b}^l)
$$

DEFINITION

$$
\frac{\partial C}{\partial \boldsymbol{W}^{l}} = \delta^{l} \ast \boldsymbol{a}^{l-1}
$$
"""


def test_kernel_first_page_leaves_the_swapped_product_unchecked():
    a, w, g, ga, gw = _grads()
    slid_first = torch.nn.functional.conv2d(a[None, None], g[None, None])[0, 0]   # δ slid over a
    assert torch.allclose(slid_first, gw)            # the page's reading (kernel first) holds
    got = check_text(KERNEL_FIRST.replace("DEFINITION", ""), "md").claims[-1]
    assert got.verdict == "unchecked", got.detail
    assert "which order its * means" in got.detail


def test_a_page_defining_its_operator_keeps_the_refutation():
    # (I * K)_{ij} = Σ I_{i+m,j+n} K_{m,n}: the first operand is the input, so δ * a slides the 4x4 a
    # over the 3x3 δ, which does not exist: refuted
    definition = r"where $$(I \ast K)_{ij} = \sum_m \sum_n I_{i+m, j+n} K_{m,n}$$"
    got = check_text(KERNEL_FIRST.replace("DEFINITION", definition), "md").claims[-1]
    assert got.verdict == "refuted", got.detail


BELOW = r"""# The error of the layer below

The forward pass of layer l+1 reads the activation of layer l:

$$
z^{l+1}(x,y)=\sum_{a}\sum_{b}\sigma(z^{l}(x+a,y+b))w^{l+1}(a,b)+b^{l+1}
$$

with $\delta^{l}(x,y)=\frac{\partial C}{\partial z^{l}(x,y)}$, and entries of $\delta^{l+1}$ outside its range are zero.

$$
CLAIM
$$
"""


def _below_truth(shift):
    """Whether δ^l(x,y) = Σ_a Σ_b δ^{l+1}(x ∓ a, y ∓ b) w(a,b) σ'(z^l(x,y)) holds (torch autograd,
    5x5 z^l, 2x2 kernel, σ the logistic function)."""
    torch.manual_seed(8)
    z = torch.randn(5, 5, requires_grad=True)
    w = torch.randn(2, 2)
    out = torch.nn.functional.conv2d(torch.sigmoid(z)[None, None], w[None, None])[0, 0] + 0.3
    g = torch.randn(out.shape)
    dz = torch.autograd.grad((out * g).sum(), z)[0]
    s = torch.sigmoid(z).detach()
    claimed = torch.tensor([[sum(_at(g, x + shift * a, y + shift * b) * w[a, b] for a in range(2) for b in range(2))
                             * s[x, y] * (1 - s[x, y]) for y in range(5)] for x in range(5)])
    return bool(torch.allclose(dz, claimed))


@pytest.mark.parametrize("sign, shift", [("-", -1), ("+", 1)])
def test_forward_reading_the_activation_of_the_layer_below(sign, shift):
    claim = rf"\delta^{{l}}(x,y)=\sum_{{a}}\sum_{{b}}\delta^{{l+1}}(x{sign}a,y{sign}b)w^{{l+1}}(a,b)\sigma^{{'}}(z^{{l}}(x,y))"
    expected = "holds" if _below_truth(shift) else "refuted"
    got = check_text(BELOW.replace("CLAIM", claim), "md").claims
    assert got[0].verdict == "definition", got[0].detail
    assert got[-1].verdict == expected, got[-1].detail
