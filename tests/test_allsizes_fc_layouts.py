"""Dense sections with letter sizes (``layer=fc in=n out=m``) read the weight's order as the page
lays it out: the key ``weight=``, or the section's own forward (``z = aW + b`` in a display or a
sentence).  Before, the every-size prover read every such section as ``z = Wa + b`` with column
vectors: ``∂J/∂W = δ a^T`` "held" under ``weight=rows`` (a false hold).

Truth comes from torch autograd on each layout's own forward, at several sizes (n != m, so a
transposed form is undefined or of the wrong shape), never from symbp.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

# the forward of each layout, on tensors laid out as the page writes them
FORWARDS = {
    "oi": lambda a, W, b: W @ a + b,           # a (n, 1), W (m, n)
    "io": lambda a, W, b: W.T @ a + b,         # a (n, 1), W (n, m)
    "rows": lambda a, W, b: a @ W + b,         # a (1, n), W (n, m)
    "rows-oi": lambda a, W, b: a @ W.T + b,    # a (1, n), W (m, n)
}
KEYS = {"oi": "out-in", "io": "in-out", "rows": "rows", "rows-oi": "rows-out-in"}

# each claim: its LaTeX and how to evaluate its right side (numpy, the page's layout)
CLAIMS = {
    "dW = delta a^T": (r"\frac{\partial J}{\partial W} = \delta a^T", "W", lambda a, W, d: d @ a.T),
    "dW = a^T delta": (r"\frac{\partial J}{\partial W} = a^T \delta", "W", lambda a, W, d: a.T @ d),
    "dW = a delta^T": (r"\frac{\partial J}{\partial W} = a \delta^T", "W", lambda a, W, d: a @ d.T),
    "dW = delta^T a": (r"\frac{\partial J}{\partial W} = \delta^T a", "W", lambda a, W, d: d.T @ a),
    "da = W^T delta": (r"\frac{\partial J}{\partial a} = W^T \delta", "a", lambda a, W, d: W.T @ d),
    "da = W delta": (r"\frac{\partial J}{\partial a} = W \delta", "a", lambda a, W, d: W @ d),
    "da = delta W^T": (r"\frac{\partial J}{\partial a} = \delta W^T", "a", lambda a, W, d: d @ W.T),
    "da = delta W": (r"\frac{\partial J}{\partial a} = \delta W", "a", lambda a, W, d: d @ W),
}


def truth(layout: str, claim: str) -> str:
    """holds / refuted by torch autograd at (n, m) = (3, 2) and (2, 3), random draws."""
    _, wrt, right = CLAIMS[claim]
    gen = torch.Generator().manual_seed(7)
    for n, m in ((3, 2), (2, 3)):
        rows = layout in ("rows", "rows-oi")
        a = torch.randn((1, n) if rows else (n, 1), generator=gen, requires_grad=True)
        W = torch.randn((m, n) if layout in ("oi", "rows-oi") else (n, m), generator=gen, requires_grad=True)
        z_shape = (1, m) if rows else (m, 1)
        b = torch.randn(z_shape, generator=gen)
        d = torch.randn(z_shape, generator=gen)
        (FORWARDS[layout](a, W, b) * d).sum().backward()
        got = {"a": a.grad, "W": W.grad}[wrt].numpy()
        try:
            value = right(a.detach().numpy(), W.detach().numpy(), d.numpy())
        except ValueError:                       # undefined product
            return "refuted"
        if value.shape != got.shape or not np.allclose(value, got):
            return "refuted"
    return "holds"


def page(layout: str, how: str, claim: str) -> str:
    latex = CLAIMS[claim][0].replace("J", "L")
    forward = {"oi": "z = W a + b", "io": "z = W^T a + b", "rows": "z = a W + b", "rows-oi": "z = a W^T + b"}[layout]
    if how == "key":
        return f"<!-- symbp: layer=fc in=n out=m weight={KEYS[layout]} -->\n\n$$\n{latex}\n$$\n"
    if how == "display":
        return f"<!-- symbp: layer=fc in=n out=m -->\n\n$$\n{forward}\n$$\n\n$$\n{latex}\n$$\n"
    return f"<!-- symbp: layer=fc in=n out=m -->\n\nThe layer is ${forward}$ with loss $L$.\n\n$$\n{latex}\n$$\n"


@pytest.mark.parametrize("layout", list(FORWARDS))
@pytest.mark.parametrize("how", ["key", "display", "inline"])
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_letter_size_fc_reads_the_pages_layout(layout, how, claim):
    report = check_text(page(layout, how, claim), "md")
    verdict = report.claims[-1].verdict
    expected = truth(layout, claim)
    assert verdict in (expected, "unchecked"), (verdict, expected, report.claims[-1].detail)
    if how in ("key", "display") or layout != "oi":
        assert verdict == expected, report.claims[-1].detail


def test_one_entry_forward_leaves_rows_and_columns_open():
    """``z_k = \\sum_j w_{jk} a_j`` says W is in x out but not whether a is a row or a column:
    a claim that holds in one layout and is refuted in the other is unchecked, naming both."""
    text = ("<!-- symbp: layer=fc in=n out=m -->\n\n$$\nz_k = \\sum_j w_{jk} a_j + b_k\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial W} = a \\delta^T\n$$\n")
    claim = check_text(text, "md").claims[-1]
    assert truth("io", "dW = a delta^T") == "holds" and truth("rows", "dW = a delta^T") == "refuted"
    assert claim.verdict == "unchecked" and "weight=rows" in claim.detail and "weight=in-out" in claim.detail


def _decided(text: str):
    return check_text(text, "md").claims[-1]


def test_labelled_transposed_forward_sets_the_order():
    """``z^l = (W^l)^T a^{l-1} + b^l`` (red team 33: not read, so the default order proved
    ``∂J/∂W^l = δ^l (a^{l-1})^T``, false here): it is the in-out order, in a display or a sentence."""
    assert truth("io", "dW = delta a^T") == "refuted" and truth("io", "dW = a delta^T") == "holds"
    for where in ("$$\nz^l = (W^l)^T a^{l-1} + b^l\n$$\n", "With $z^l = (W^l)^T a^{l-1} + b^l$ the layer.\n"):
        head = "<!-- symbp: layer=fc in=n out=m -->\n\n" + where + "\n"
        wrong = _decided(head + "$$\n\\frac{\\partial J}{\\partial W^l} = \\delta^l (a^{l-1})^T\n$$\n")
        right = _decided(head + "$$\n\\frac{\\partial J}{\\partial W^l} = a^{l-1} (\\delta^l)^T\n$$\n")
        assert wrong.verdict == "refuted" and right.verdict == "holds", (wrong.detail, right.detail)


def test_two_forwards_that_disagree_decide_only_where_both_agree():
    """``z = W^T a + b`` and ``z = a W^T + b`` in one section: a claim true under neither is
    refuted, one true under one only is not held."""
    head = "<!-- symbp: layer=fc in=n out=m -->\n\n$$\nz = W^T a + b\n$$\n\n$$\nz = a W^T + b\n$$\n\n"
    assert truth("io", "dW = delta a^T") == truth("rows-oi", "dW = delta a^T") == "refuted"
    assert _decided(head + "$$\n\\frac{\\partial J}{\\partial W} = \\delta a^T\n$$\n").verdict != "holds"
    assert truth("io", "dW = a delta^T") != truth("rows-oi", "dW = a delta^T")
    assert _decided(head + "$$\n\\frac{\\partial J}{\\partial W} = a \\delta^T\n$$\n").verdict == "unchecked"


def test_weight_key_against_an_inline_forward_is_unchecked():
    """``weight=out-in`` over a sentence's ``$z = aW + b$``: the directive and the page describe two
    layers, and the every-size prover believes neither (as with a display forward)."""
    text = ("<!-- symbp: layer=fc in=n out=m weight=out-in -->\n\nThe layer is $z = a W + b$.\n\n"
            "$$\n\\frac{\\partial J}{\\partial W} = \\delta a^T\n$$\n")
    claim = _decided(text)
    assert claim.verdict == "unchecked" and "weight=rows" in claim.detail
