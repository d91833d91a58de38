r"""Layers numbered by digit superscripts and written in entries, the first layer's forward stated
only in a sentence (``$z^1_j = \sum_k w^1_{jk} x_k + b^1_j$``) and the second in a display
(``z^2_j = \sum_k w^2_{jk} a^1_k + b^2_j``), with a quadratic cost ``C = ½Σ_j (a^2_j - y_j)^2``
whose outer ``^2`` IS a power next to the numbered layers.  Authors number such layers as
``w^2``, ``w^{2}``, ``w^{(2)}`` (Nielsen-style notes, UFLDL) and ``w^{[2]}`` (Ng); each spelling is
checked.  Before, the entry forward of layer 2 took a convolution reading of the inline layer-1
forward and a true ∂C/∂b^2_j claim was refuted.  Truth from torch autograd on torch's tensors."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_tree import digit_label_letters

G = torch.Generator().manual_seed(11)


def _net():
    """x (4,) -> z1 = W1 x + b1 -> a1 = σ(z1) -> z2 = W2 a1 + b2 -> a2 = σ(z2) -> C = ½Σ(a2 - y)²."""
    rand = lambda *s: torch.randn(*s, generator=G, dtype=torch.float64)      # noqa: E731
    x, w1, b1, w2, b2, y = rand(4), rand(3, 4), rand(3), rand(2, 3), rand(2), rand(2)
    for t in (w1, b1, w2, b2):
        t.requires_grad_(True)
    z1 = w1 @ x + b1
    a1 = torch.sigmoid(z1)
    z2 = w2 @ a1 + b2
    a2 = torch.sigmoid(z2)
    for t in (z1, a1, z2):
        t.retain_grad()
    (0.5 * ((a2 - y) ** 2).sum()).backward()
    d = dict(x=x, z1=z1.detach(), a1=a1.detach(), z2=z2.detach(), a2=a2.detach(), y=y, W2=w2.detach())
    g = dict(W1=w1.grad, W2=w2.grad, b2=b2.grad, z1=z1.grad, a1=a1.grad, z2=z2.grad)
    return d, g


def _same(lhs, rhs) -> bool:
    return lhs.shape == rhs.shape and torch.allclose(lhs, rhs)


def _claims():
    """[(claim with {1}/{2} for the layer labels, torch's verdict)]."""
    d, g = _net()
    s1, s2 = d["a1"] * (1 - d["a1"]), d["a2"] * (1 - d["a2"])
    return [
        (r"\frac{\partial C}{\partial w^{2}_{jk}} = \frac{\partial C}{\partial z^{2}_j} a^{1}_k",
         _same(g["W2"], torch.outer(g["z2"], d["a1"]))),
        (r"\frac{\partial C}{\partial w^{2}_{jk}} = \frac{\partial C}{\partial z^{2}_k} a^{1}_j",
         _same(g["W2"], torch.outer(d["a1"], g["z2"]))),                  # indices swapped: 2x3 against 3x2
        (r"\frac{\partial C}{\partial b^{2}_j} = \frac{\partial C}{\partial z^{2}_j}", _same(g["b2"], g["z2"])),
        (r"\frac{\partial C}{\partial b^{2}_j} = 2 \frac{\partial C}{\partial z^{2}_j}", _same(g["b2"], 2 * g["z2"])),
        (r"\frac{\partial C}{\partial a^{1}_k} = \sum_j w^{2}_{jk} \frac{\partial C}{\partial z^{2}_j}",
         _same(g["a1"], d["W2"].T @ g["z2"])),
        (r"\frac{\partial C}{\partial z^{2}_j} = (a^{2}_j - y_j) \sigma'(z^{2}_j)", _same(g["z2"], (d["a2"] - d["y"]) * s2)),
        (r"\frac{\partial C}{\partial z^{2}_j} = 2 (a^{2}_j - y_j) \sigma'(z^{2}_j)",        # the ½ of the square
         _same(g["z2"], 2 * (d["a2"] - d["y"]) * s2)),
        (r"\delta^{1}_k = \sigma'(z^{1}_k) \sum_j w^{2}_{jk} \delta^{2}_j", _same(g["z1"], s1 * (d["W2"].T @ g["z2"]))),
        (r"\frac{\partial C}{\partial w^{1}_{kl}} = \delta^{1}_k x_l", _same(g["W1"], torch.outer(g["z1"], d["x"]))),
        (r"\frac{\partial C}{\partial w^{1}_{kl}} = \delta^{1}_l x_k", _same(g["W1"], torch.outer(d["x"], g["z1"]))),
    ]


_DOC = r"""# A two-layer network, entries

The hidden layer computes $z^{1}_j = \sum_k w^{1}_{jk} x_k + b^{1}_j$, $a^{1}_j = \sigma(z^{1}_j)$, and the
output layer

$$
z^{2}_j = \sum_k w^{2}_{jk} a^{1}_k + b^{2}_j
$$

with $a^{2}_j = \sigma(z^{2}_j)$ and the cost $C = \frac{1}{2}\sum_j (a^{2}_j - y_j)^2$.

"""

_SPELLINGS = {"bare": "{n}", "braced": "{{{n}}}", "parens": "{{({n})}}", "brackets": "{{[{n}]}}"}


def _spell(text: str, form: str) -> str:
    for n in "12":
        text = text.replace("^{%s}" % n, "^" + _SPELLINGS[form].format(n=n))
    return text


@pytest.mark.parametrize("form", sorted(_SPELLINGS))
def test_entry_layers_numbered_by_digits_agree_with_torch(form):
    claims = _claims()
    body = "".join(f"$$\n{claim}\n$$\n\n" for claim, _ in claims)
    report = check_text(_spell(_DOC + body, form), "md")
    got = [c.verdict for c in report.claims if c.verdict != "definition"]
    assert len(got) == len(claims)
    for (claim, truth), verdict in zip(claims, got):
        assert verdict == ("holds" if truth else "refuted"), (form, claim, verdict)


def test_a_power_beside_numbered_layers_stays_a_power():
    # x^2 and (…)^2 in a page whose z, w, a, b carry layer numbers
    found = digit_label_letters([r"z^2_j = \sum_k w^2_{jk} a^1_k + b^2_j", r"u = x^2 + 1",
                                 r"C = \frac{1}{2}\sum_j (a^2_j - y_j)^2"])
    assert {"z", "w", "a", "b"} <= found and "x" not in found and "y" not in found
    assert digit_label_letters([r"u = x^2", r"\sum_i x_i^2"]) == frozenset()


_ONE_NUMBER = r"""# One layer, one number

<!-- symbp: layer=fc in=3 out=2 names: {names} -->

$$
z^2_i = \sum_j W^2_{{ij}} x_j + b^2_i
$$

$$
{claim}
$$
"""


def test_a_lone_number_is_unchecked_with_the_directive_that_names_the_layer():
    # W^2 with no other number and no forward naming it: a power or layer 2 -> unchecked, with a line to paste
    doc = "# A lone number\n\n<!-- symbp: layer=fc in=3 out=2 names: W=kernel x=input z=output b=bias -->\n\n" \
          "$$\nz_i = \\sum_j W_{ij} x_j + b_i\n$$\n\n$$\n\\frac{\\partial L}{\\partial W^2} = " \
          "\\frac{\\partial L}{\\partial z} x^T\n$$\n"
    (claim,) = [c for c in check_text(doc, "md").claims if c.verdict != "definition"]
    assert claim.verdict == "unchecked" and "<!-- symbp: layer=fc names: W^2=kernel -->" in claim.detail


def test_the_directive_reads_the_number_as_a_layer():
    # with W^2=kernel named, ∂L/∂W^2_{ij} = g_i x_j holds and the swap is refuted (truth: torch)
    w, x = torch.randn(2, 3, generator=G, dtype=torch.float64, requires_grad=True), torch.randn(3, generator=G, dtype=torch.float64)
    r = torch.randn(2, generator=G, dtype=torch.float64)
    (r * (w @ x)).sum().backward()
    truth = {r"\frac{\partial L}{\partial z^2_i} x_j": _same(w.grad, torch.outer(r, x)),
             r"\frac{\partial L}{\partial z^2_j} x_i": _same(w.grad, torch.outer(x, r))}
    for rhs, holds in truth.items():
        doc = _ONE_NUMBER.format(names="W^2=kernel x=input z^2=output b^2=bias",
                                 claim=r"\frac{\partial L}{\partial W^2_{ij}} = " + rhs)
        (claim,) = [c for c in check_text(doc, "md").claims if c.verdict != "definition"]
        assert claim.verdict == ("holds" if holds else "refuted"), (rhs, claim.detail)
