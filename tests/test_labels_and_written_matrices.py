"""A worked example over numbered layers (a^1, z^2: labels, not powers) whose written matrices of
numbers have the page's own sizes, not the sizes symbp reads for the claim.  Truth from torch
autograd (float64) on the page's own numbers, never from symbp: a true claim is never refuted; a
matrix whose shape differs at the sizes a directive states for the claim's own layer still is."""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _example():
    x = torch.tensor([[1.0], [2.0]])
    w1 = torch.tensor([[0.1, 0.3], [-0.2, 0.4], [0.5, -0.6]], requires_grad=True)
    b1 = torch.tensor([[0.1], [0.0], [-0.1]], requires_grad=True)
    w2 = torch.tensor([[0.2, -0.1, 0.3]], requires_grad=True)
    b2 = torch.tensor([[0.05]], requires_grad=True)
    z1 = w1 @ x + b1
    a1 = torch.relu(z1)
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    (0.5 * (a2 - 1.0) ** 2).sum().backward()
    return dict(z2=z2.detach(), a2=a2.detach(), b1=b1.grad, w1=w1.grad, w2=w2.grad, dz2=z2.grad)


def _column(values):
    return r"\begin{bmatrix} " + r" \\ ".join(f"{v:.4f}" for v in values) + r" \end{bmatrix}"


def _page(claims, neuron=False):
    if neuron:                    # a scalar z and a above, no directive: z^2 could be read as z squared
        return ("# One neuron\n\nσ is the sigmoid.\n\n$$ z = w x + b $$\n\n$$ a = \\sigma(z) $$\n\n# Two layers\n\n"
                "$$ z^1 = W^1 x + b^1 $$\n\n$$ z^2 = W^2 a^1 + b^2 $$\n\n" + "\n\n".join(f"$$ {c} $$" for c in claims) + "\n")
    head = ("<!-- symbp: layer=fc in=3 out=1 names: a^1=input W^2=kernel b^2=bias z^2=output "
            "a^2=activation y=target L=loss -->\n# Example\n\n"
            "$$ z^1 = W^1 x + b^1 $$\n\n$$ a^1 = \\text{ReLU}(z^1) $$\n\n"
            "$$ z^2 = W^2 a^1 + b^2 $$\n\n$$ a^2 = \\sigma(z^2) $$\n\n$$ L = \\frac{1}{2}(a^2 - y)^2 $$\n\n")
    return head + "\n\n".join(f"$$ {c} $$" for c in claims) + "\n"


def _verdicts(page):
    """The verdicts of the claims after the forward (the page's last display)."""
    return [c.verdict for c in check_text(page, "md").claims if c.line > page.count("\n") - 2]


def test_a_layer_label_is_never_read_as_a_power():
    n = _example()
    a2 = float(n["a2"])
    slope = float(torch.autograd.functional.jacobian(torch.sigmoid, n["z2"]).reshape(()))
    assert abs(slope - a2 * (1 - a2)) < 1e-12                   # σ'(z^2) = a^2(1 - a^2): true
    got = _verdicts(_page([rf"\sigma'(z^2) = a^2(1 - a^2) = {a2:.4f} \cdot (1 - {a2:.4f})"], neuron=True))
    assert got[0] != "refuted", got


def test_a_matrix_of_numbers_for_another_layer_is_not_refuted_by_this_layers_sizes():
    n = _example()
    b1 = n["b1"].ravel().tolist()
    assert len(b1) == 3                                         # ∂L/∂b^1 has layer 1's three entries
    got = _verdicts(_page([rf"\frac{{\partial L}}{{\partial b^1}} = {_column(b1)}"]))
    assert got[0] != "refuted", got


def test_a_misfit_at_the_sizes_stated_for_the_claims_own_layer_still_refutes():
    n = _example()
    rows = n["w2"].T.ravel().tolist()                           # ∂L/∂W^2 is 1×3; written as a 3×1 column
    assert tuple(n["w2"].shape) == (1, 3)
    got = _verdicts(_page([rf"\frac{{\partial L}}{{\partial W^2}} = {_column(rows)}"]))
    assert got[0] == "refuted", got
