"""Activations written as words, ``h_j = \\mathrm{ReLU}(z_j)`` and ``\\mathrm{ReLU}'(z_j)`` in the
claims, read as the layer's activation and its derivative like σ; a refutation that applies the
named function twice (``\\tanh'(z) = 1 - \\tanh^2(z)``, ReLU'² = ReLU') is not kept, since that
function's own identities may make it true.  Truth: torch autograd through ReLU and tanh."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
PAGE = r"""
$$
z_j = \sum_i W_{ji} x_i + b_j
$$

$$
h_j = \mathrm{ACT}(z_j)
$$
"""


def _chain_holds(act, claimed):
    """Whether ∂L/∂z_j equals ``claimed(dL/dh, act'(z))`` for L = Σ c·act(z) (autograd)."""
    torch.manual_seed(11)
    z = torch.randn(4, requires_grad=True)
    c = torch.randn(4)
    grad = torch.autograd.grad((c * act(z)).sum(), z)[0]
    zz = z.detach().clone().requires_grad_(True)
    slope = torch.autograd.grad(act(zz).sum(), zz)[0]          # act'(z), entry by entry
    return torch.allclose(grad, claimed(c, slope))


CLAIMS = {
    r"\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial h_j} \mathrm{ACT}'(z_j)": lambda g, d: g * d,
    r"\frac{\partial L}{\partial z_j} = \mathrm{ACT}'(z_j)": lambda g, d: d,
    r"\frac{\partial L}{\partial z_j} = 2 \frac{\partial L}{\partial h_j} \mathrm{ACT}'(z_j)": lambda g, d: 2 * g * d,
}


@pytest.mark.parametrize("word, act", [("ReLU", torch.relu), ("relu", torch.relu)])
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_word_activation_chain_rule_agrees_with_autograd(word, act, claim):
    expected = "holds" if _chain_holds(act, CLAIMS[claim]) else "refuted"
    text = PAGE.replace("ACT", word) + "\n$$\n" + claim.replace("ACT", word) + "\n$$\n"
    got = check_text(text, "md").claims[-1]
    assert got.verdict == expected, got.detail


def test_a_named_activation_applied_twice_is_never_refuted():
    """ReLU'(z)² = ReLU'(z) (autograd), so this chain is true for ReLU though not for every activation."""
    assert _chain_holds(torch.relu, lambda g, d: g * d * d)
    claim = r"\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial h_j} \mathrm{ReLU}'(z_j) \mathrm{ReLU}'(z_j)"
    got = check_text(PAGE.replace("ACT", "ReLU") + f"\n$$\n{claim}\n$$\n", "md").claims[-1]
    assert got.verdict == "unchecked" and "more than once" in got.detail


def test_a_word_naming_another_activation_is_never_held():
    """On a page whose layer applies ReLU, ``\\tanh'(z)`` and ``\\text{sigmoid}'(z)`` in the chain
    are false (autograd through ReLU against tanh' and sigmoid'): the reader, which reads every
    activation's derivative as the layer's own, must not hold them; ReLU' still holds."""
    relu_holds = _chain_holds(torch.relu, lambda g, d: g * d)
    torch.manual_seed(11)
    z = torch.randn(4)
    tanh_slope, sig_slope = 1 - torch.tanh(z) ** 2, torch.sigmoid(z) * (1 - torch.sigmoid(z))
    relu_slope = (z > 0).double()
    assert relu_holds and not torch.allclose(relu_slope, tanh_slope) and not torch.allclose(relu_slope, sig_slope)
    page = (r"<!-- symbp: layer=fc in=3 out=2 weight=rows names: a^{l-1}=input W^l=kernel b^l=bias z^l=output L=loss -->"
            "\n\n$$\nz^l = a^{l-1} W^l + b^l, \\quad a^l = \\mathrm{ReLU}(z^l)\n$$\n\n"
            "$$\n\\delta^l_j = \\frac{\\partial L}{\\partial z^l_j}\n$$\n")
    rows = {word: rf"\delta^{{l-1}}_i = \sum_j \delta^l_j W^l_{{ij}} \cdot {word}'(z^{{l-1}}_i)"
            for word in (r"\mathrm{ReLU}", r"\tanh", r"\text{sigmoid}")}
    got = {w: check_text(page + f"\n$$\n{row}\n$$\n", "md").claims[-1].verdict for w, row in rows.items()}
    assert got[r"\mathrm{ReLU}"] == "holds" and got[r"\tanh"] != "holds" and got[r"\text{sigmoid}"] != "holds", got
