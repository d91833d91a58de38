r"""The dense weight's index order: bound by a forward written inline (``$u = hW + b \in
\mathbb{R}^{1\times m}$``, ``\(z = Wx + b\)``, kramdown ``$$…$$`` inside a sentence), by the
``weight=`` directive key, or by nothing (then a claim whose verdict depends on the order is
unchecked, naming the directive to paste).

Truth comes from torch autograd: each claim's right side is evaluated with numpy on the same
random tensors and compared with the gradient torch computes for the layer as the author
defines it (row vectors ``u = hW + b`` with W (in, out), or columns ``z = Wx + b`` with
W (out, in)).  symbp's verdict must be the truth wherever it gives one.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.fc_membership import one_row, split_membership

IN, OUT = 3, 2


def _torch_grads(rows: bool, seed: int = 0):
    """(x, W, g, dE/dW, dE/dx, dE/db) for E = Σ g ⊙ u, u the layer's output (g = ∂E/∂u)."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, IN, generator=gen, dtype=torch.float64, requires_grad=True)
    W = torch.randn(*((IN, OUT) if rows else (OUT, IN)), generator=gen, dtype=torch.float64, requires_grad=True)
    b = torch.randn(OUT, generator=gen, dtype=torch.float64, requires_grad=True)
    g = torch.randn(OUT, generator=gen, dtype=torch.float64)
    u = (x @ W + b) if rows else (W @ x[0] + b)
    (u.reshape(-1) * g).sum().backward()
    return (x.detach().numpy()[0], W.detach().numpy(), g.numpy(),
            W.grad.numpy(), x.grad.numpy()[0], b.grad.numpy())


# claim -> its right side evaluated with numpy: (x, W, g) -> array shaped like the gradient
ENTRY_IN_FIRST = r"\frac{\partial E}{\partial W_{ij}} = \frac{\partial E}{\partial u_j} h_i"
ENTRY_OUT_FIRST = r"\frac{\partial E}{\partial W_{ij}} = \frac{\partial E}{\partial u_i} h_j"


def _entry_truth(rows: bool, in_first: bool) -> str:
    """Whether ∂E/∂W_{ij} = g_j x_i (``in_first``) or g_i x_j holds for the layer, by torch."""
    x, W, g, dW, _, _ = _torch_grads(rows)
    claimed = np.zeros_like(dW)
    for i in range(dW.shape[0]):
        for j in range(dW.shape[1]):
            if in_first:
                claimed[i, j] = g[j] * x[i] if j < len(g) and i < len(x) else np.nan
            else:
                claimed[i, j] = g[i] * x[j] if i < len(g) and j < len(x) else np.nan
    return "holds" if np.allclose(claimed, dW) else "refuted"


def _verdicts(text: str) -> dict:
    return {c.latex: c for c in check_text(text, "md", time_limit=20).claims}


ROW_FORWARDS = [
    r"the layer is $u = hW + b \in \mathbb{R}^{1\times m}$ with $h$ one row",
    r"the layer is $$u^l=h^{l-1}W^l+b^l\in\mathbb{R}^{1\times m_l}$$ for one sample",
    r"the layer is \(u = h W + b \in R^{1 \times m}\), one sample a row",
    r"the layer is $u = h \cdot W + b \in \mathbb{R}^{1 \times m}$ (rows)",
    r"the layer is $\vec u = \vec h W + \vec b \in \mathbb{R}^{1 \times m}$",
]


@pytest.mark.parametrize("forward", ROW_FORWARDS)
def test_an_inline_row_forward_binds_the_weight_input_first(forward):
    labelled = "^l" in forward
    lab = lambda s: s.replace("u_", "u^l_").replace("W_", "W^l_").replace("h_", "h^{l-1}_") if labelled else s  # noqa: E731
    text = f"In this post {forward}.\n\n$${lab(ENTRY_IN_FIRST)}$$\n\n$${lab(ENTRY_OUT_FIRST)}$$\n"
    got = _verdicts(text)
    assert _entry_truth(rows=True, in_first=True) == "holds"
    assert _entry_truth(rows=True, in_first=False) == "refuted"
    assert got[lab(ENTRY_IN_FIRST)].verdict == "holds", got[lab(ENTRY_IN_FIRST)].detail
    assert got[lab(ENTRY_OUT_FIRST)].verdict in ("refuted", "unchecked")
    assert got[lab(ENTRY_OUT_FIRST)].verdict != "holds"


COLUMN_FORWARDS = [
    r"the layer is $u = W h + b \in \mathbb{R}^{m}$",
    r"the layer is \(u_i = \sum_j W_{ij} h_j + b_i\)",
]


@pytest.mark.parametrize("forward", COLUMN_FORWARDS)
def test_an_inline_column_forward_binds_the_weight_output_first(forward):
    text = f"Here {forward}.\n\n$${ENTRY_IN_FIRST}$$\n\n$${ENTRY_OUT_FIRST}$$\n"
    got = _verdicts(text)
    # columns, W (out, in): ∂E/∂W_{ij} = g_i x_j holds, g_j x_i is refuted (torch)
    assert _entry_truth(rows=False, in_first=False) == "holds"
    assert _entry_truth(rows=False, in_first=True) == "refuted"
    assert got[ENTRY_OUT_FIRST].verdict == "holds", got[ENTRY_OUT_FIRST].detail
    assert got[ENTRY_IN_FIRST].verdict != "holds"


def test_vector_forms_under_an_inline_row_forward():
    r"""Row vectors: ∂E/∂W = h^\top δ (W in x out) and ∂E/∂h = δ W^\top hold; δ W is refuted
    (shapes), truth from torch on the same layer."""
    x, W, g, dW, dx, db = _torch_grads(rows=True)
    assert np.allclose(np.outer(x, g), dW) and np.allclose(g @ W.T, dx) and np.allclose(g, db)
    text = ("Each sample is a row and the layer is $u = hW + b \\in \\mathbb{R}^{1\\times m}$; "
            "write $\\delta = \\frac{\\partial E}{\\partial u}$.\n\n"
            "$$\\frac{\\partial E}{\\partial W} = h^\\top \\delta$$\n\n"
            "$$\\frac{\\partial E}{\\partial W} = (h)^{\\mathsf T} \\delta$$\n\n"
            "$$\\frac{\\partial E}{\\partial b} = \\delta$$\n\n"
            "$$\\frac{\\partial E}{\\partial h} = \\delta W^T$$\n\n"
            "$$\\frac{\\partial E}{\\partial h} = \\delta W$$\n")
    got = _verdicts(text)
    assert got[r"\frac{\partial E}{\partial W} = h^\top \delta"].verdict == "holds"
    assert got[r"\frac{\partial E}{\partial b} = \delta"].verdict == "holds"
    assert got[r"\frac{\partial E}{\partial h} = \delta W^T"].verdict == "holds"
    assert got[r"\frac{\partial E}{\partial h} = \delta W"].verdict in ("refuted", "unchecked")
    assert got[r"\frac{\partial E}{\partial W} = (h)^{\mathsf T} \delta"].verdict != "refuted"


def test_nothing_binds_the_order_then_an_order_dependent_claim_is_unchecked():
    """No forward anywhere: ∂E/∂w_{jk} = δ_j a_k holds output-first and is refuted
    input-first (torch, both conventions), so it is unchecked with weight= to paste; ∂E/∂b_j
    = δ_j is the same either way and keeps its verdict."""
    assert _entry_truth(rows=False, in_first=False) == "holds"
    assert _entry_truth(rows=True, in_first=False) == "refuted"
    other = r"\frac{\partial E}{\partial w^{l+1}_{jk}} = a^{l}_k \delta^{l+1}_j"
    mine = r"\frac{\partial E}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j"
    bias = r"\frac{\partial E}{\partial b^{l+1}_j} = \delta^{l+1}_j"
    text = (f"$${other}$$\n\n$${bias}$$\n\n$$z^l_j = \\sum_k w^l_{{jk}} a^{{l-1}}_k + b^l_j$$\n\n$${mine}$$\n")
    got = _verdicts(text)
    assert got[other].verdict == "unchecked"            # layer l+1's weight: no forward binds it
    assert "index order of w" in got[other].detail and "weight=out-in" in got[other].detail
    assert got[mine].verdict == "holds"                 # bound by the forward of layer l above it
    assert got[bias].verdict == "holds", got[bias].detail        # the same under either order


@pytest.mark.parametrize("order, in_first_holds", [("in-out", True), ("out-in", False), ("rows", True),
                                                   ("rows-out-in", False)])
def test_the_weight_key_states_the_order(order, in_first_holds):
    rows = order.startswith("rows")
    w_in_out = order in ("in-out", "rows")          # W (in, out) as torch builds it for u = hW + b
    assert (_entry_truth(rows=w_in_out, in_first=True) == "holds") == in_first_holds
    assert (_entry_truth(rows=w_in_out, in_first=False) == "holds") == (not in_first_holds)
    text = (f"<!-- symbp: layer=fc in={IN} out={OUT} weight={order} batch=1 names: h=input W=kernel u=output E=loss -->\n\n"
            f"$${ENTRY_IN_FIRST}$$\n\n$${ENTRY_OUT_FIRST}$$\n")
    got = _verdicts(text)
    yes, no = (ENTRY_IN_FIRST, ENTRY_OUT_FIRST) if in_first_holds else (ENTRY_OUT_FIRST, ENTRY_IN_FIRST)
    assert got[yes].verdict == "holds", (order, rows, got[yes].detail)
    assert got[no].verdict == "refuted", (order, got[no].detail)


def test_a_bad_weight_value_is_a_one_line_error():
    text = "<!-- symbp: layer=fc in=3 out=2 weight=sideways -->\n\n$$\\frac{\\partial J}{\\partial b} = \\delta$$\n"
    report = check_text(text, "md")
    assert any("weight='sideways' is not one of" in e for e in report.setup_errors), report.setup_errors


def test_membership_spellings():
    for written, shape in [(r"u = hW + b \in \mathbb{R}^{1\times m}", ("1", "m")),
                           (r"Y = XW + b \in R^{n \times m}.", ("n", "m")),
                           (r"z = Wx + b \in \mathbf{R}^{m}", ("m",)),
                           (r"z = Wx + b \in \Bbb R^{m, 1}", ("m", "1")),
                           (r"z = Wx + b \in \R^{m}", ("m",)),
                           (r"h = \phi(u) \in \mathbb R^{1 \times m}", ("1", "m"))]:
        body, got = split_membership(written)
        assert got == shape and "\\in" not in body, written
    assert split_membership(r"\sum_{d \in D} \delta_d = x") == (r"\sum_{d \in D} \delta_d = x", None)
    assert split_membership(r"x \in \mathbb{R}^{n}") == (r"x \in \mathbb{R}^{n}", None)    # no equation
    assert one_row(("1", "m")) and not one_row(("m", "1")) and not one_row(("m",))


def test_minibatch_forms_with_a_column_of_ones():
    r"""n samples as rows, ``U = HW + \mathbf{1}b``: ∂E/∂W = H^\top Δ, ∂E/∂b = \mathbf{1}^\top Δ and
    ∂E/∂H = Δ W^\top hold; ∂E/∂b = Δ (one row per sample) and ∂E/∂W = Δ^\top H (its transpose)
    do not (torch autograd, a batch of 2)."""
    gen = torch.Generator().manual_seed(1)
    H = torch.randn(2, IN, generator=gen, dtype=torch.float64, requires_grad=True)
    W = torch.randn(IN, OUT, generator=gen, dtype=torch.float64, requires_grad=True)
    b = torch.randn(OUT, generator=gen, dtype=torch.float64, requires_grad=True)
    U = H @ W + torch.ones(2, 1, dtype=torch.float64) @ b[None, :]
    U.retain_grad()
    torch.sin(U).sum().backward()
    D = U.grad
    assert torch.allclose(H.T @ D, W.grad) and torch.allclose(torch.ones(1, 2, dtype=torch.float64) @ D, b.grad[None])
    assert torch.allclose(D @ W.T, H.grad) and D.shape != b.grad.shape and (D.T @ H).shape != W.grad.shape
    forms = {r"\frac{\partial E}{\partial W}=H^\top \delta": "holds",
             r"\frac{\partial E}{\partial b} = \boldsymbol{1}^\top \delta": "holds",
             r"\frac{\partial E}{\partial b} = \mathbf{1}^{T} \frac{\partial E}{\partial U}": "holds",
             r"\frac{\partial E}{\partial H} = \delta W^\top": "holds",
             r"\frac{\partial E}{\partial b} = \delta": "refuted",
             r"\frac{\partial E}{\partial W} = \delta^\top H": "refuted"}
    text = ("For a batch the layer is $$U = HW + \\boldsymbol{1}b \\in\\mathbb{R}^{n\\times m}$$ and "
            "$\\delta = \\frac{\\partial E}{\\partial U}$.\n\n" + "".join(f"$${f}$$\n\n" for f in forms))
    got = _verdicts(text)
    for form, truth in forms.items():
        if truth == "holds":
            assert got[form].verdict == "holds", (form, got[form].detail)
        else:
            assert got[form].verdict != "holds", (form, got[form].detail)
    assert r"\mathbf{1}" not in __import__("symbp.check.fc_membership", fromlist=["x"]).ones_bias(r"U = HW + \mathbf{1}b")


def test_another_layers_bias_beside_the_next_layers_delta_is_not_this_layers_bias():
    r"""∂C/∂b^l = (W^{l+1})^T δ^{l+1} ⊙ σ'(z^l) is true (torch: b^l's gradient is δ^l), but the
    section's layer is l+1 there: b^l is not its bias, so the claim is never refuted (it was,
    by comparing with layer l+1's bias)."""
    gen = torch.Generator().manual_seed(2)
    a0 = torch.randn(IN, 1, generator=gen, dtype=torch.float64)
    W1 = torch.randn(OUT, IN, generator=gen, dtype=torch.float64)
    b1 = torch.randn(OUT, 1, generator=gen, dtype=torch.float64, requires_grad=True)
    W2 = torch.randn(2, OUT, generator=gen, dtype=torch.float64)
    z1 = W1 @ a0 + b1
    z2 = W2 @ torch.sigmoid(z1)
    z2.retain_grad()
    torch.sin(z2).sum().backward()
    assert torch.allclose(b1.grad, (W2.T @ z2.grad) * torch.sigmoid(z1) * (1 - torch.sigmoid(z1)))
    for rows, forward, claim in [
            (False, r"z^l = w^l a^{l-1} + b^l", r"\frac{\partial C}{\partial b^l} = (w^{l+1})^T \delta^{l+1} \odot \sigma'(z^l)"),
            (True, r"u^l=h^{l-1}W^l+b^l", r"\frac{\partial E}{\partial b^l}=\delta^{l+1}(W^{l+1})^\top \odot \sigma'(u^l)")]:
        act = "h^l=\\sigma(u^l)" if rows else "a^l = \\sigma(z^l)"
        got = _verdicts(f"The layer is $${forward}$$ and $${act}$$.\n\n$${claim}$$\n")[claim]
        assert got.verdict != "refuted", got.detail


def test_phi_prime_is_the_activation_derivative_entrywise():
    r"""``h^l = \phi(u^l)`` entrywise: δ^l = δ^{l+1} (W^{l+1})^\top ⊙ φ'(u^l) for row vectors (torch,
    φ = tanh, two layers); δ^{l+1} W^{l+1} ⊙ φ'(u^l) never holds (W^{l+1} is not square)."""
    gen = torch.Generator().manual_seed(3)
    h0 = torch.randn(1, IN, generator=gen, dtype=torch.float64)
    W1 = torch.randn(IN, OUT, generator=gen, dtype=torch.float64)
    W2 = torch.randn(OUT, 4, generator=gen, dtype=torch.float64)
    u1 = (h0 @ W1).requires_grad_(True)
    u2 = torch.tanh(u1) @ W2
    u2.retain_grad()
    torch.sin(u2).sum().backward()
    assert torch.allclose(u1.grad, (u2.grad @ W2.T) * (1 - torch.tanh(u1) ** 2))
    right = r"\delta^l = \delta^{l+1}(W^{l+1})^\top \odot \phi'(u^l)"
    wrong = r"\delta^l = \delta^{l+1}W^{l+1} \odot \phi'(u^l)"
    text = (f"One sample is a row: $$u^l=h^{{l-1}}W^l+b^l\\in\\mathbb{{R}}^{{1\\times m_l}}$$ and "
            f"$$h^l=\\phi(u^l)$$ entrywise.\n\n$${right}$$\n\n$${wrong}$$\n")
    got = _verdicts(text)
    assert got[right].verdict == "holds", got[right].detail
    assert got[wrong].verdict != "holds", got[wrong].detail
