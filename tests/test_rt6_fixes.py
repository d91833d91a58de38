r"""Four soundness fixes from red team rt6 (issue 12), each with the adversarial page and the
legitimate one it must keep reading.

* gradient_aliases: ``G = \partial E/\partial Y`` where the page trains ``E = L + \frac12\sum Y^2``
  is not ∂L/∂Y when the section names L the loss; a letter set again with ``\coloneqq`` (or
  ``\leftarrow``) is no alias.
* calc_carry: a ``layer=sigmoid`` section's ``a_j`` is never carried into a softmax loss
  section, and a name defined above in two ways is not carried at all.
* calc_prose: a comparison the paragraph before a display only mentions ("The case i = j is
  treated below; first the other entries:") is not the display's condition.

Truth from torch autograd (conv2d cross-correlation, softmax, cross-entropy) on random tensors.
"""
from __future__ import annotations

import torch

from symbp.check.checker import check_text
from symbp.check.calc_prose import UNREAD, prose_condition

# ---------------------------------------------------------------- conv2d: the upstream gradient's alias
CONV = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel "
        "Y=output L=loss -->\n\n$$ Y_{i,j} = \\sum_{m=0}^{1}\\sum_{n=0}^{1} K_{m,n} X_{i+m,j+n} $$\n\n")
SUM_GX = r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} G_{i,j} X_{i+m,j+n}"
SUM_GX_SWAPPED = r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} G_{i,j} X_{i+n,j+m}"
HALF_GX = r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} \frac{1}{2} G_{i,j} X_{i+m,j+n}"


def _conv():
    """X, dL/dK, dL/dY, dE/dY for L = Σ T∘Y and E = L + ½ΣY² (torch autograd)."""
    torch.manual_seed(7)
    X, K, T = torch.randn(4, 4), torch.randn(2, 2, requires_grad=True), torch.randn(3, 3)
    Y = torch.nn.functional.conv2d(X[None, None], K[None, None])[0, 0]
    Y.retain_grad()
    L = (T * Y).sum()
    dL_dK, dL_dY = torch.autograd.grad(L, (K, Y), retain_graph=True)
    dE_dY, = torch.autograd.grad(L + 0.5 * (Y ** 2).sum(), Y)
    return X, dL_dK, dL_dY, dE_dY


def _sum_gx(G, X, swap=False):
    return torch.tensor([[sum(G[i, j] * X[i + (n if swap else m), j + (m if swap else n)]
                              for i in range(3) for j in range(3)) for n in range(2)] for m in range(2)])


def _verdict(text: str, claim: str) -> str:
    found = [c for c in check_text(text, "md").claims if c.latex.strip() == claim]
    assert len(found) == 1
    return found[0].verdict


def test_alias_of_another_objective_is_not_the_loss_gradient():
    X, dL_dK, dL_dY, dE_dY = _conv()
    assert torch.allclose(_sum_gx(dL_dY, X), dL_dK, atol=1e-5)             # G = ∂L/∂Y: Σ G X is ∂L/∂K
    assert not torch.allclose(_sum_gx(dE_dY, X), dL_dK, atol=1e-3)         # G = ∂E/∂Y: it is not
    assert not torch.allclose(_sum_gx(dL_dY, X, swap=True), dL_dK, atol=1e-3)
    other = CONV + (r"We train $E = L + \frac{1}{2}\sum_{i,j} Y_{i,j}^2$ and write $G = \partial E/\partial Y$"
                    " for the gradient that arrives.\n\n$$ " + SUM_GX + " $$\n")
    assert _verdict(other, SUM_GX) != "holds"
    own = CONV + "From behind comes $G = \\partial L/\\partial Y$.\n\n$$ " + SUM_GX + " $$\n\n$$ " + SUM_GX_SWAPPED + " $$\n"
    assert _verdict(own, SUM_GX) == "holds"
    assert _verdict(own, SUM_GX_SWAPPED) == "refuted"


def test_a_letter_redefined_with_a_definition_mark_is_no_alias():
    X, dL_dK, dL_dY, _ = _conv()
    assert torch.allclose(_sum_gx(dL_dY, X), dL_dK, atol=1e-5)
    G = 2 * dL_dY                                                          # after the redefinition
    assert torch.allclose(_sum_gx(0.5 * G, X), dL_dK, atol=1e-5) and not torch.allclose(_sum_gx(G, X), dL_dK, atol=1e-3)
    for mark in (r"\coloneqq", r"\triangleq", ":=", r"\equiv"):
        text = CONV + ("From behind comes $G = \\partial L/\\partial Y$.\n\nFrom here on we reuse the letter, "
                       f"$G_{{i,j}} {mark} 2\\,\\frac{{\\partial L}}{{\\partial Y_{{i,j}}}}$, so that\n\n"
                       f"$$ {HALF_GX} $$\n\n$$ {SUM_GX} $$\n")
        assert _verdict(text, SUM_GX) != "holds", mark
        assert _verdict(text, HALF_GX) != "refuted", mark
    update = CONV + "From behind comes $G = \\partial L/\\partial Y$, then $G \\leftarrow 2G$.\n\n$$ " + SUM_GX + " $$\n"
    assert _verdict(update, SUM_GX) != "holds"
    once = CONV + "From behind comes $G \\coloneqq \\partial L/\\partial Y$.\n\n$$ " + SUM_GX + " $$\n"
    assert _verdict(once, SUM_GX) == "holds"                              # defined once, with \coloneqq


# ---------------------------------------------------------------- softmax sections: what is carried
SOFTMAX = "<!-- symbp: layer=softmax classes=4 -->\n\n## Softmax\n\n$$ a_j = \\frac{e^{z_j}}{\\sum_{k=1}^{q} e^{z_k}} $$\n\n"
SIGMOID = "<!-- symbp: layer=sigmoid -->\n\n## Aside\n\n$$ a_j = \\frac{1}{1 + e^{-z_j}} $$\n\n"
LOSS = ("<!-- symbp: layer=softmax classes=4 target=one-hot -->\n\n## Loss\n\nThe target $y$ is one-hot.\n\n"
        "$$ H(\\mathbf y, \\mathbf a) = -\\sum_{j=1}^q y_j \\log a_j $$\n\n"
        "$$ \\frac{\\partial H}{\\partial z_i} = a_i - y_i $$\n\n$$ \\frac{\\partial H}{\\partial z_i} = -y_i (1 - a_i) $$\n")
SOFT_CLAIM, SIGMOID_CLAIM = r"\frac{\partial H}{\partial z_i} = a_i - y_i", r"\frac{\partial H}{\partial z_i} = -y_i (1 - a_i)"


def _cross_entropy(activation):
    torch.manual_seed(3)
    z, y = torch.randn(4, requires_grad=True), torch.tensor([0.0, 1.0, 0.0, 0.0])
    a = activation(z)
    grad, = torch.autograd.grad(-(y * torch.log(a)).sum(), z)
    return grad, a.detach(), y


def test_a_sigmoid_section_is_not_carried_into_a_softmax_loss():
    grad, a, y = _cross_entropy(lambda z: torch.softmax(z, 0))
    assert torch.allclose(grad, a - y, atol=1e-6) and not torch.allclose(grad, -y * (1 - a), atol=1e-3)
    sgrad, sa, _ = _cross_entropy(torch.sigmoid)
    assert torch.allclose(sgrad, -y * (1 - sa), atol=1e-6)                # the sigmoid's: true there only
    for text in (SOFTMAX + SIGMOID + LOSS, SIGMOID + LOSS):
        assert _verdict(text, SIGMOID_CLAIM) != "holds"
        assert _verdict(text, SOFT_CLAIM) != "refuted"
    assert _verdict(SOFTMAX + LOSS, SOFT_CLAIM) == "holds"                  # the one softmax above: carried
    assert _verdict(SOFTMAX + LOSS, SIGMOID_CLAIM) == "refuted"


# ---------------------------------------------------------------- the condition before a display
JAC = ("<!-- symbp: layer=softmax classes=4 -->\n\n$$ a_j = \\frac{e^{z_j}}{\\sum_{k=1}^{q} e^{z_k}} $$\n\n"
       "LEAD\n\n$$ \\frac{\\partial a_i}{\\partial z_j} = RIGHT $$\n")
OFF, DIAG = "-a_i a_j", "a_i (1 - a_j)"


def _claim(lead: str, right: str) -> str:
    return check_text(JAC.replace("LEAD", lead).replace("RIGHT", right), "md").claims[-1].verdict


def test_a_mentioned_comparison_is_not_the_condition():
    z = torch.randn(4)
    a, jac = torch.softmax(z, 0), torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
    assert torch.isclose(jac[0, 1], -a[0] * a[1]) and not torch.isclose(jac[0, 0], -a[0] * a[0])
    assert torch.isclose(jac[0, 0], a[0] * (1 - a[0])) and not torch.isclose(jac[0, 1], a[0] * (1 - a[1]))
    mentioned = {"The case i = j is treated below; first the other entries:": OFF,       # true off the diagonal
                 "The case $i = j$ is treated below; first the other entries:": OFF,
                 "Unlike the entries with i ≠ j, the diagonal entries are:": DIAG,         # true on it
                 "Unlike the entries with $i \\neq j$, the diagonal entries are:": DIAG,
                 "The formula for i ≠ j is derived in the appendix. For every pair of indices:": OFF}  # false
    for lead, right in mentioned.items():
        assert prose_condition(lead)[0] == UNREAD, lead
        assert _claim(lead, right) == "unchecked", lead
    stated = {"For i ≠ j:": (OFF, DIAG), "If $i = j$:": (DIAG, OFF), "When i ≠ j, we get:": (OFF, DIAG),
              "当 $i = j$ 时：": (DIAG, OFF), "Case 2, $i \\neq j$ (off the diagonal):": (OFF, DIAG),
              "For its partial derivative, if $j = i$:": (DIAG, OFF), "For the entries with $i \\neq j$:": (OFF, DIAG)}
    for lead, (true, false) in stated.items():
        assert prose_condition(lead)[0] in ("eq", "ne"), lead
        assert _claim(lead, true) == "holds", lead
        assert _claim(lead, false) == "refuted", lead
