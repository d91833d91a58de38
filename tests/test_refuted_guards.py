r"""Correct statements symbp must not refute, and the false ones beside them it must still
refute (issue 12): a lowercase ``^{t}`` transpose (``\frac{\partial E}{\partial Y} W^{t}``),
a per-sample rule in a section with no batch size (``∂E/∂B = ∂E/∂Y``), a tensor labelled with
another layer's letter (``∂L/∂b^d`` in a section whose convolution is ``Z^c``), a sum over
letters its body does not carry (``Σ_x Σ_y δ^l``) and a Jacobian equated with the loss's
gradient (``∂z_{ij}/∂b = δ_{ij}``). Each claim's truth comes from torch autograd (or plain
numpy loops on its values), never from symbp; a claim whose shapes do not fit is false."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

N, IN, OUT = 2, 4, 3          # a batch of rows, Y = XW + B


def _dense():
    """Y = XW + B (rows are samples), E = Σ tanh(Y)²: what each claim names, by autograd."""
    g = torch.Generator().manual_seed(3)
    t = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)      # noqa: E731
    X, W, B = (p.requires_grad_() for p in (t(N, IN), t(IN, OUT), t(OUT)))
    Y = X @ W + B
    Y.retain_grad()
    (torch.tanh(Y) ** 2).sum().backward()
    n = lambda v: v.detach().numpy()        # noqa: E731
    return dict(X=n(X), W=n(W), dY=n(Y.grad), dX=n(X.grad), dW=n(W.grad), dB=n(B.grad))


def _holds(lhs, rhs) -> bool:
    try:
        value = rhs()
    except ValueError:                       # a product whose shapes do not fit: false
        return False
    return np.shape(lhs) == np.shape(value) and np.allclose(lhs, value)


D = _dense()
ONE = {k: (v[:1] if k in ("X", "dY", "dX") else v) for k, v in D.items()}    # one row's names


def _one_row():
    """The same layer for one sample (batch 1), by autograd again."""
    X, W = torch.tensor(D["X"][:1], requires_grad=True), torch.tensor(D["W"], requires_grad=True)
    B = torch.zeros(OUT, dtype=torch.float64, requires_grad=True)
    Y = X @ W + B
    Y.retain_grad()
    (torch.tanh(Y) ** 2).sum().backward()
    return dict(dY=Y.grad.numpy(), dB=B.grad.numpy())


ROW = _one_row()

DENSE = r"""# Dense layer

$$
Y = XW + B
$$

$$
{claim}
$$
"""

# (claim, truth for a batch of rows from autograd)
TRANSPOSES = [
    (r"\frac{\partial E}{\partial X}=\frac{\partial E}{\partial Y}W^{t}", lambda d: _holds(d["dX"], lambda: d["dY"] @ d["W"].T)),
    (r"\frac{\partial E}{\partial X}=\frac{\partial E}{\partial Y}W^t", lambda d: _holds(d["dX"], lambda: d["dY"] @ d["W"].T)),
    (r"\frac{\partial E}{\partial W}=X^{t}\frac{\partial E}{\partial Y}", lambda d: _holds(d["dW"], lambda: d["X"].T @ d["dY"])),
    (r"\frac{\partial E}{\partial W}=X^{\intercal}\frac{\partial E}{\partial Y}", lambda d: _holds(d["dW"], lambda: d["X"].T @ d["dY"])),
    (r"\frac{\partial E}{\partial W}=X^{\mathsf{T}}\frac{\partial E}{\partial Y}", lambda d: _holds(d["dW"], lambda: d["X"].T @ d["dY"])),
    (r"\frac{\partial E}{\partial W}=\frac{\partial E}{\partial Y}X^{t}", lambda d: _holds(d["dW"], lambda: d["dY"] @ d["X"].T)),
    (r"\frac{\partial E}{\partial X}=W^{t}\frac{\partial E}{\partial Y}", lambda d: _holds(d["dX"], lambda: d["W"].T @ d["dY"])),
]


@pytest.mark.parametrize("claim,truth", TRANSPOSES)
def test_small_t_is_a_transpose_in_a_section_without_t(claim, truth):
    verdict = check_text(DENSE.replace("{claim}", claim), "md").claims[-1].verdict
    if truth(D):
        assert verdict == "holds", (claim, verdict)
    else:                       # the section never indexes W: one neuron or vectors? not settled
        assert verdict in ("refuted", "unchecked"), (claim, verdict)


@pytest.mark.parametrize("text", [
    # t is a time step there: W^{t} is the weight at step t, never rewritten
    "# RNN\n\n$$\nh^{t} = W h^{t-1} + U x^{t}\n$$\n\n$$\n\\frac{\\partial E}{\\partial W}=\\delta^{t} (h^{t-1})^{t}\n$$\n",
    "# Steps\n\n$$\nY = XW + B\n$$\n\n$$\n\\sum_{t} \\frac{\\partial E}{\\partial Y_t}\n$$\n\n$$\n\\frac{\\partial E}{\\partial X}=\\frac{\\partial E}{\\partial Y}W^{t}\n$$\n",
])
def test_t_used_as_an_index_is_not_a_transpose(text):
    assert check_text(text, "md").claims[-1].verdict != "holds"


PER_SAMPLE = [   # (claim, true for one row, true for the batch of rows)
    (r"\frac{\partial E}{\partial B}=\frac{\partial E}{\partial Y}",
     _holds(ROW["dB"], lambda: ROW["dY"][0]), _holds(D["dB"], lambda: D["dY"])),
    (r"\frac{\partial E}{\partial B}=2\frac{\partial E}{\partial Y}",
     _holds(ROW["dB"], lambda: 2 * ROW["dY"][0]), _holds(D["dB"], lambda: 2 * D["dY"])),
]


@pytest.mark.parametrize("claim,one,batch", PER_SAMPLE)
def test_a_per_sample_rule_is_not_refuted_by_an_invented_batch(claim, one, batch):
    verdict = check_text(DENSE.replace("{claim}", claim), "md").claims[-1].verdict
    if one and not batch:                    # right for the one sample the author writes
        assert verdict == "unchecked"
    else:
        assert verdict in ("holds" if batch else "refuted", "unchecked") and (verdict != "holds" or batch)
    given = DENSE.replace("# Dense layer\n", "# Dense layer\n\n<!-- symbp: batch=2 -->\n")
    verdict = check_text(given.replace("{claim}", claim), "md").claims[-1].verdict
    assert verdict in ("holds" if batch else "refuted", "unchecked")      # a batch the document gives
    assert verdict != "holds" or batch


def _conv():
    """Z = X ⋆ W + b (cross-correlation, 3x3 input, 2x2 kernel), L = Σ Z³ / 3: autograd."""
    g = torch.Generator().manual_seed(7)
    X = torch.randn(1, 1, 3, 3, generator=g, dtype=torch.float64, requires_grad=True)
    W = torch.randn(1, 1, 2, 2, generator=g, dtype=torch.float64, requires_grad=True)
    b = torch.randn(1, generator=g, dtype=torch.float64, requires_grad=True)
    Z = torch.nn.functional.conv2d(X, W, b)
    Z.retain_grad()
    (Z ** 3 / 3).sum().backward()
    return dict(dZ=Z.grad[0, 0].numpy(), db=b.grad.numpy()[0], X=X.detach()[0, 0].numpy(), dW=W.grad[0, 0].numpy())


C = _conv()
CONV = r"""# Convolution, then a dense layer

$$
Z^c_{p,q} = \sum_{i}\sum_{j} X_{p+i,q+j} W^c_{i,j} + b^c
$$

$$
Z^d = A^f W^d + b^d
$$

$$
{claim}
$$
"""

CONV_CLAIMS = [   # (claim, truth by loops on autograd's values; None: not about this layer)
    (r"\frac{\partial L}{\partial b^d} = \frac{\partial L}{\partial Z^d}", None),
    (r"\frac{\partial L}{\partial b^c} = \sum_{p}\sum_{q} \frac{\partial L}{\partial Z^c_{p,q}}",
     np.isclose(C["db"], sum(C["dZ"][p, q] for p in range(2) for q in range(2)))),
    (r"\frac{\partial L}{\partial b^c} = \sum_{p}\sum_{q} \frac{\partial L}{\partial Z^c_{p,q}} X_{p,q}",
     np.isclose(C["db"], sum(C["dZ"][p, q] * C["X"][p, q] for p in range(2) for q in range(2)))),
    (r"\frac{\partial L}{\partial W^c_{i,j}} = \sum_{p}\sum_{q} \frac{\partial L}{\partial Z^c_{p,q}} X_{p+i,q+j}",
     all(np.isclose(C["dW"][i, j], sum(C["dZ"][p, q] * C["X"][p + i, q + j] for p in range(2) for q in range(2)))
         for i in range(2) for j in range(2))),
]


@pytest.mark.parametrize("claim,truth", CONV_CLAIMS)
def test_another_layers_letter_is_not_the_sections_layer(claim, truth):
    verdict = check_text(CONV.replace("{claim}", claim), "md").claims[-1].verdict
    if truth is None:                        # Z^d's layer is not set up here: never decided
        assert verdict == "unchecked", verdict
    else:
        assert verdict == ("holds" if truth else "refuted"), (claim, verdict)


SUMS = r"""# Bias of a convolution

$$
z_{ij} = \sum_{m}\sum_{n} w_{mn} a_{i+m,j+n} + b
$$

$$
{claim}
$$
"""


@pytest.mark.parametrize("claim,truth", [
    # Σ_x Σ_y δ: letters the body does not carry; the sum of the entries is meant but not written
    (r"\frac{\partial C}{\partial b}=\sum_{x}\sum_{y}\delta", None),
    (r"\frac{\partial C}{\partial b} = \sum \delta", None),
    # a Jacobian of the output equated with the loss's gradient: ∂L/∂b is meant
    (r"\frac{\partial z_{ij}}{\partial b} = \delta_{ij}", None),
    (r"\frac{\partial z}{\partial b}=\sum_{x}\sum_{y}\delta_{xy}", None),
    (r"\frac{\partial C}{\partial b}=\sum_{x}\sum_{y}\delta_{xy}",
     np.isclose(C["db"], C["dZ"].sum())),
    (r"\frac{\partial z_{ij}}{\partial b} = 1", True),                 # ∂z_ij/∂b = 1 for every entry
    (r"\frac{\partial C}{\partial w_{mn}} = a_{m,n}",                  # no δ: wrong for every reading
     np.allclose(C["dW"], C["X"][:2, :2])),
])
def test_sums_and_kinds_the_author_did_not_write(claim, truth):
    verdict = check_text(SUMS.replace("{claim}", claim), "md").claims[-1].verdict
    if truth is None:
        assert verdict == "unchecked", (claim, verdict)
    else:
        assert verdict == ("holds" if truth else "refuted"), (claim, verdict)


def test_a_directive_section_without_its_forward_does_not_refute_the_rows_reading():
    """``Y = XW + B`` above, then ``<!-- symbp: layer=fc ... -->`` and the backward rules with
    no forward: the section reads columns (z = Wx + b), where ``∂E/∂Y W^{t}`` does not fit;
    with samples as rows it is autograd's dX (true): never refuted, whatever the reading."""
    text = ("# Forward\n\n$$\nY = XW + B\n$$\n\n# Backward\n\n<!-- symbp: layer=fc in=4 out=3 names: "
            "X=input W=kernel Y=output E=loss -->\n\n$$\n\\frac{\\partial E}{\\partial X}=\\frac{\\partial E}"
            "{\\partial Y}W^{t}\n$$\n\n$$\n\\frac{\\partial E}{\\partial W}=X^{t}\\frac{\\partial E}{\\partial Y}\n$$\n")
    assert _holds(D["dX"], lambda: D["dY"] @ D["W"].T) and _holds(D["dW"], lambda: D["X"].T @ D["dY"])
    verdicts = [c.verdict for c in check_text(text, "md").claims[-2:]]
    assert "refuted" not in verdicts, verdicts


def test_an_index_forward_carried_into_a_directive_gives_the_order_not_rows_or_columns():
    """``y_j = b_j + Σ_i x_i w_{ij}`` above a ``layer=fc`` directive: W is in x out, but nothing
    says whether X is a row or a column.  ``∂E/∂X = ∂E/∂Y W^T`` is autograd's dX with samples
    as rows (true): never refuted; ``∂E/∂X = ∂E/∂Y W`` fits neither reading: never holds."""
    assert _holds(D["dX"], lambda: D["dY"] @ D["W"].T)
    assert not _holds(D["dX"], lambda: D["dY"] @ D["W"])
    text = ("# Forward\n\n$$\ny_{j}=b_{j}+\\sum_{i}x_{i}w_{i j}\n$$\n\n# Backward\n\n<!-- symbp: "
            "layer=fc in=4 out=3 names: X=input W=kernel Y=output E=loss -->\n\n$$\n\\frac{\\partial E}"
            "{\\partial X}=\\frac{\\partial E}{\\partial Y}W^{T}\n$$\n\n$$\n\\frac{\\partial E}"
            "{\\partial X}=\\frac{\\partial E}{\\partial Y}W\n$$\n")
    right, wrong = [c.verdict for c in check_text(text, "md").claims[-2:]]
    assert right != "refuted" and wrong != "holds", (right, wrong)


def test_the_founding_reader_leaves_another_layers_letter_alone():
    """A convolution section whose directive names ``W^c``, ``Z^c``, then a claim about the dense
    layer ``Z^d = A^f W^d + b^d``: its bias gradient is the vector ∂L/∂Z^d (autograd), not the
    sum of its entries, so ``∂L/∂b^d = Σ_{u,v} δ^d_{u,v}`` is false for the layer it names; it
    held as the convolution's bias rule before."""
    g = torch.Generator().manual_seed(11)
    A = torch.randn(1, 4, generator=g, dtype=torch.float64)
    W = torch.randn(4, 3, generator=g, dtype=torch.float64)
    b = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    Z = A @ W + b
    Z.retain_grad()
    torch.sin(Z).sum().backward()
    assert not np.allclose(b.grad.numpy(), Z.grad.sum().item())       # the claim is false
    text = ("# Layers\n\n<!-- symbp: layer=conv2d input=3x3 kernel=2x2 names: X=input W^c=kernel "
            "Z^c=output L=loss -->\n\n$$\n\\frac{\\partial L}{\\partial b^d} = \\sum_{u,v} \\delta^d_{u,v}\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial b^c} = \\sum_{u,v} \\delta^c_{u,v}\n$$\n")
    other, own = check_text(text, "md").claims
    assert other.verdict == "unchecked" and "does not set up" in other.detail
    assert own.verdict == "holds"             # the convolution's own bias rule (Σ of its δ)
