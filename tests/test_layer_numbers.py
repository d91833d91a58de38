"""Layer numbers written as bare superscripts (W^1, W^2_{ij}, delta^2) are layer labels where
the document uses them so; a lone x^2 stays a power.  Truth from torch autograd on a two-layer
net z1 = W1 x + b1, a1 = sigma(z1), z2 = W2 a1 + b2, a2 = sigma(z2), C = 1/2 |a2 - y|^2."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_tree import digit_label_letters, label_offset

DIRECTIVE = "<!-- symbp: layer=fc in=3 out=2 names: a=input W=kernel z=output b=bias C=loss -->"
FORWARD = "$$ z^1 = W^1 x + b^1 $$\n\n$$ a^1 = \\sigma(z^1) $$\n\n$$ z^2 = W^2 a^1 + b^2 $$"


def _torch_net():
    """Gradients of the two-layer net by autograd, and delta^1, delta^2 by autograd too."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(4, generator=g, dtype=torch.float64), torch.randn(2, generator=g, dtype=torch.float64)
    w1 = torch.randn(3, 4, generator=g, dtype=torch.float64, requires_grad=True)
    b1 = torch.randn(3, generator=g, dtype=torch.float64, requires_grad=True)
    w2 = torch.randn(2, 3, generator=g, dtype=torch.float64, requires_grad=True)
    b2 = torch.randn(2, generator=g, dtype=torch.float64, requires_grad=True)
    z1 = w1 @ x + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    (0.5 * ((torch.sigmoid(z2) - y) ** 2).sum()).backward()
    return dict(a1=a1.detach(), z1=z1.detach(), W2=w2.detach(), d1=z1.grad, d2=z2.grad,
                gW2=w2.grad, gb2=b2.grad)


def _torch_says(claim: str) -> bool:
    """Each claim below, evaluated on torch's tensors (independent of symbp)."""
    t = _torch_net()
    sp1 = torch.sigmoid(t["z1"]) * (1 - torch.sigmoid(t["z1"]))
    values = {
        "dW2_d2a1": (t["gW2"], torch.outer(t["d2"], t["a1"])),
        "dW2_a1d2": (t["gW2"][:, :2], torch.outer(t["a1"][:2], t["d2"])),   # entries (i, j) both reach
        "db2_d2": (t["gb2"], t["d2"]),
        "db2_2d2": (t["gb2"], 2 * t["d2"]),
        "d1_rule": (t["d1"], (t["W2"].T @ t["d2"]) * sp1),
        "d1_no_sp": (t["d1"], t["W2"].T @ t["d2"]),
    }
    lhs, rhs = values[claim]
    return lhs.shape == rhs.shape and torch.allclose(lhs, rhs)


CLAIMS = [   # (claim, torch key or None where the shapes differ, so torch refutes it too)
    (r"\frac{\partial C}{\partial W^2_{ij}} = \delta^2_i a^1_j", "dW2_d2a1"),
    (r"\frac{\partial C}{\partial W^2_{ij}} = \delta^2_j a^1_i", "dW2_a1d2"),
    (r"\frac{\partial C}{\partial W^2} = \delta^2 (a^1)^T", "dW2_d2a1"),
    (r"\frac{\partial C}{\partial b^2} = \delta^2", "db2_d2"),
    (r"\frac{\partial C}{\partial b^2} = 2\delta^2", "db2_2d2"),
    (r"\delta^1 = (W^2)^T \delta^2 \odot \sigma'(z^1)", "d1_rule"),
    (r"\delta^1 = (W^2)^T \delta^2", "d1_no_sp"),
    (r"\delta^1 = W^2 \delta^2 \odot \sigma'(z^1)", None),              # no transpose
    (r"\frac{\partial C}{\partial W^2} = \delta^2 (a^2)^T", None),       # wrong layer: (2,2)
    (r"\frac{\partial C}{\partial W^2_{ij}} = \delta^2_i a^2_j", None),  # wrong layer
]


@pytest.fixture(scope="module")
def verdicts():
    text = f"{DIRECTIVE}\n\n{FORWARD}\n\n" + "\n\n".join(f"$$ {c} $$" for c, _ in CLAIMS) + "\n"
    return {c.latex.strip(): c for c in check_text(text, "md", time_limit=30).claims}


def test_torch_truth_of_the_claims():
    assert _torch_says("dW2_d2a1") and _torch_says("db2_d2") and _torch_says("d1_rule")
    assert not _torch_says("dW2_a1d2") and not _torch_says("db2_2d2") and not _torch_says("d1_no_sp")


@pytest.mark.parametrize("claim,key", CLAIMS)
def test_numbered_layers_follow_torch(verdicts, claim, key):
    got = verdicts[claim]
    true = key is not None and _torch_says(key)
    if true:
        assert got.verdict == "holds", got.detail
    else:
        assert got.verdict != "holds", got.detail         # never a false hold
    if key in ("dW2_a1d2", "db2_2d2", "d1_no_sp") or claim.startswith(r"\delta^1 = W^2"):
        assert got.verdict == "refuted", got.detail


def test_ufldl_numbers_in_parentheses():
    # z^{(3)} = W^{(2)} a^{(2)} + b^{(2)}: a^{(2)} is the input of W^{(2)}, delta^{(3)} its output's
    assert _torch_says("dW2_d2a1")
    text = (f"{DIRECTIVE}\n\n$$ z^{{(3)}} = W^{{(2)}} a^{{(2)}} + b^{{(2)}} $$\n\n"
            r"$$ \frac{\partial C}{\partial W^{(2)}} = \delta^{(3)} (a^{(2)})^T $$" "\n\n"
            r"$$ \frac{\partial C}{\partial W^{(2)}} = \delta^{(3)} (a^{(3)})^T $$" "\n")
    good, bad = check_text(text, "md", time_limit=30).claims[-2:]
    assert good.verdict == "holds", good.detail
    assert bad.verdict != "holds", bad.detail


def test_a_lone_square_stays_a_power():
    # dC/dW_ij = delta_i a_j (torch); delta_i a_j^2 is another number: never "holds"
    g = torch.Generator().manual_seed(1)
    w = torch.randn(2, 3, generator=g, dtype=torch.float64, requires_grad=True)
    a, d = torch.randn(3, generator=g, dtype=torch.float64), torch.randn(2, generator=g, dtype=torch.float64)
    ((w @ a) * d).sum().backward()
    assert torch.allclose(w.grad, torch.outer(d, a)) and not torch.allclose(w.grad, torch.outer(d, a ** 2))
    for claim in (r"\frac{\partial C}{\partial W_{ij}} = \delta_i a_j^2",
                  r"\frac{\partial C}{\partial W_{ij}} = \delta_i a^2_j"):
        text = f"{DIRECTIVE}\n\n$$ z = W a + b $$\n\n$$ {claim} $$\n"
        got = check_text(text, "md", time_limit=30).claims[-1]
        assert got.verdict != "holds", (claim, got.detail)


def test_which_digits_are_labels():
    assert digit_label_letters(["z^2 = W^2 a^1 + b^2"]) == {"z", "W", "a", "b"}
    assert digit_label_letters(["W^1 x", "W^2 y"]) == {"W"}
    assert digit_label_letters(["W^2_{ij} = 1"]) == {"W"}
    for power in ([r"\sum_i x_i^2"], ["x^2"], ["e^{2}"], ["y = x^2 + 1"]):
        assert digit_label_letters(power) == frozenset(), power
    assert label_offset("2") == ("#", 2) and label_offset("(3)") == ("#", 3)
    assert label_offset("l-1") == ("l", -1) and label_offset("T") is None


@pytest.mark.parametrize("forward,good,bad", [
    ("z^2 = W^2 a^1 + b^2", r"\frac{\partial C}{\partial W^2} = \delta^2 (a^1)^T",
     r"\frac{\partial C}{\partial W^2} = \delta^2 (a^2)^T"),
    ("z^{3} = W^{2} a^{2} + b^{2}", r"\frac{\partial C}{\partial W^{2}} = \delta^{3} (a^{2})^T",
     r"\frac{\partial C}{\partial W^{2}} = \delta^{3} (a^{3})^T"),
    ("z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}", r"\frac{\partial C}{\partial W^{(l)}} = \delta^{(l+1)} (a^{(l)})^T",
     r"\frac{\partial C}{\partial W^{(l)}} = \delta^{(l+1)} (a^{(l+1)})^T"),
])
def test_one_forward_places_the_input(forward, good, bad):
    # dC/dW = delta (input)^T (torch); the layer's own activation in the input's place is wrong
    assert _torch_says("dW2_d2a1")
    text = f"{DIRECTIVE}\n\n$$ {forward} $$\n\n$$ {good} $$\n\n$$ {bad} $$\n"
    got_good, got_bad = check_text(text, "md", time_limit=30).claims[-2:]
    assert got_good.verdict == "holds", got_good.detail
    assert got_bad.verdict != "holds", got_bad.detail
