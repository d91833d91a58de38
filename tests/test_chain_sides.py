r"""A chain ``A = B = C = D`` is one claim: it holds only if every side equals the gradient.

Red-team documents in three notations (founding whole tensors, index entries, a dense layer)
whose chains have 3-4 sides that are right, wrong, unreadable (with a meaning known here) or
the chain rule written out.  The truth of every side comes from torch (autograd gradients,
``conv2d`` for the sides' meanings, ``autograd.functional.jacobian`` for the chain rule),
never from symbp: a chain is true only if every side is.  The rule asserted: a read wrong side
refutes; else an unread side leaves the chain unchecked, naming that side; only a chain whose
every side was read holds.
"""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.manual_seed(12)
A = torch.randint(-9, 10, (3, 3)).double()
W = torch.randint(-9, 10, (2, 2)).double()
D = torch.randint(-9, 10, (2, 2)).double()


def _conv_grads():
    a, w, b = A.clone().requires_grad_(), W.clone().requires_grad_(), torch.zeros(()).requires_grad_()
    ((F.conv2d(a[None, None], w[None, None])[0, 0] + b) * D).sum().backward()
    return {"W": w.grad, "a": a.grad, "b": b.grad.reshape(1, 1)}


CONV = _conv_grads()


def xc(x, k):
    return F.conv2d(x[None, None], k[None, None])[0, 0] if k.shape[0] <= x.shape[0] else None


def rot(x):
    return torch.flip(x, (0, 1))


def pad1(x):
    return F.pad(x, (1, 1, 1, 1))


def chain_rule(wrt):
    """Σ_z ∂J/∂z ∂z/∂wrt by torch's Jacobian of the forward, contracted with δ."""
    if wrt == "b":
        return D.sum().reshape(1, 1)
    f = (lambda w: F.conv2d(A[None, None], w[None, None])[0, 0]) if wrt == "W" else \
        (lambda a: F.conv2d(a[None, None], W[None, None])[0, 0])
    jac = torch.autograd.functional.jacobian(f, W if wrt == "W" else A)
    return torch.einsum("ij,ijkl->kl", D, jac)


# (latex of the side, its meaning by torch, whether the founding reader reads it)
SIDES = {
    "W": (r"\frac{\partial J}{\partial W}", {
        "right": (r"a * \delta", lambda: xc(A, D), True),
        "wrong": (r"a * \text{rot180}(\delta)", lambda: xc(A, rot(D)), True),
        "wrong2": (r"\text{rot180}(a * \delta)", lambda: rot(xc(A, D)), True),
        "rule": (r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial W}", lambda: chain_rule("W"), True),
        "unread": (r"\operatorname{xcorr}(a, \delta)", lambda: xc(A, D), False),
        "unread wrong": (r"\operatorname{xcorr}(a, \text{rot180}(\delta))", lambda: xc(A, rot(D)), False)}),
    "a": (r"\frac{\partial J}{\partial a}", {
        "right": (r"\text{pad}_1(\delta) * \text{rot180}(W)", lambda: xc(pad1(D), rot(W)), True),
        "wrong": (r"\text{pad}_1(\delta) * W", lambda: xc(pad1(D), W), True),
        "rule": (r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial a}", lambda: chain_rule("a"), True),
        "unread": (r"\operatorname{fullconv}(\delta, W)", lambda: xc(pad1(D), rot(W)), False),
        "unread wrong": (r"\operatorname{fullconv}(\delta, \text{rot180}(W))", lambda: xc(pad1(D), W), False)}),
    "b": (r"\frac{\partial J}{\partial b}", {
        "right": (r"\sum_{u,v} \delta_{u,v}", lambda: D.sum().reshape(1, 1), True),
        "wrong": (r"\sum_{u,v} a_{u,v}", lambda: A.sum().reshape(1, 1), True),
        "unread wrong": (r"\operatorname{total}(a)", lambda: A.sum().reshape(1, 1), False)}),
}

# founding whole-tensor products that are no chain rule (a is the input, not a cut; the order of no layout)
NOT_RULES = [r"\frac{\partial J}{\partial a} \frac{\partial a}{\partial W}",
             r"\frac{\partial J}{\partial z} \left(\frac{\partial z}{\partial W}\right)^T",
             r"\frac{\partial J}{\partial z} \frac{\partial z}{\partial a}"]


@pytest.mark.parametrize("side", NOT_RULES)
def test_founding_products_that_are_no_chain_rule(side):
    # truth (torch): a does not depend on W, so ∂J/∂a ∂a/∂W is 0, and ∂J/∂W is not; ∂J/∂z ∂z/∂a is
    # ∂J/∂a, of another shape; the chain rule is Σ_z δ ∂z/∂W, transposed in no layout
    assert bool(CONV["W"].abs().sum() > 0) and CONV["W"].shape != CONV["a"].shape
    assert _same(chain_rule("W"), CONV["W"]) and _same(chain_rule("a"), CONV["a"])
    doc = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n$$\\frac{\\partial J}{\\partial W} = " + side + " = a * \\delta$$\n"
    claim = check_text(doc, "md").claims[-1]
    assert claim.verdict == "unchecked" and "side 2 not read" in claim.detail, claim.detail


@pytest.mark.parametrize("side", [r"\dfrac{\partial J}{\partial z} \times \dfrac{\partial z}{\partial W}",
                                  r"\frac{\partial J}{\partial z} \cdot \frac{\partial z}{\partial W}",
                                  r"\frac{\partial z}{\partial W} \frac{\partial J}{\partial z}"])
def test_founding_chain_rule_spellings(side):
    # truth (torch): Σ_z δ ∂z/∂W (the Jacobian of conv2d) is ∂J/∂W, and a ⋆ δ is too
    assert _same(chain_rule("W"), CONV["W"]) and _same(xc(A, D), CONV["W"])
    doc = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n$$\\frac{\\partial J}{\\partial W} = " + side + " = a * \\delta$$\n"
    assert check_text(doc, "md").claims[-1].verdict == "holds"


FOUNDING_CHAINS = [
    ("W", ["right", "right"]), ("W", ["right", "wrong"]), ("W", ["wrong", "right"]),
    ("W", ["unread wrong", "right"]), ("W", ["right", "unread wrong", "right"]),
    ("W", ["right", "unread", "right"]), ("W", ["rule", "right"]), ("W", ["rule", "wrong2"]),
    ("a", ["right", "right"]), ("a", ["right", "unread wrong"]), ("a", ["unread", "right", "right"]),
    ("a", ["right", "wrong", "right"]), ("a", ["rule", "right"]),
    ("b", ["right", "right"]), ("b", ["right", "unread wrong", "right"]), ("b", ["wrong", "right"]),
]


def _expected(truths, read):
    """The rule, from the sides' truths (torch) and whether each is read."""
    if any(not t and r for t, r in zip(truths, read)):
        return "refuted"
    return "holds" if all(read) else "unchecked"


def _same(value, want) -> bool:
    return value is not None and value.shape == want.shape and bool(torch.equal(value, want))


@pytest.mark.parametrize("wrt,kinds", FOUNDING_CHAINS, ids=lambda v: v if isinstance(v, str) else "-".join(v))
def test_founding_chains(wrt, kinds):
    lhs, pool = SIDES[wrt]
    sides = [pool[k] for k in kinds]
    truths = [_same(fn(), CONV[wrt]) for _, fn, _ in sides]
    assert [("wrong" not in k) for k in kinds] == truths          # the kinds' names say what torch says
    doc = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n$$" + " = ".join([lhs] + [s for s, _, _ in sides]) + "$$\n"
    claim = check_text(doc, "md").claims[-1]
    want = _expected(truths, [r for _, _, r in sides])
    assert claim.verdict == want, claim.detail
    if want == "unchecked":
        unread = [k + 2 for k, (_, _, r) in enumerate(sides) if not r]
        assert f"side {unread[0]} not read" in claim.detail and "a chain holds only if every side does" in claim.detail


# ---- index notation: conv 4x4 * 2x2, 0-based, δ = ∂E/∂z
X4 = torch.randint(-9, 10, (4, 4)).double()
D3 = torch.randint(-9, 10, (3, 3)).double()


def _index_grads():
    x, w = X4.clone().requires_grad_(), W.clone().requires_grad_()
    (F.conv2d(x[None, None], w[None, None])[0, 0] * D3).sum().backward()
    return x.grad, w.grad


GX, GW = _index_grads()


def _entry(t, i, j):
    return t[i, j].item() if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0.0


def _dw(fn):
    """A ∂E/∂w_{mn} side's value by loops over every i, j (zero outside a tensor)."""
    return torch.tensor([[sum(fn(i, j, m, n) for i in range(-6, 7) for j in range(-6, 7)) for n in range(2)]
                         for m in range(2)], dtype=torch.float64)


INDEX_W = {
    "right": (r"\sum_i \sum_j \delta_{i,j} x_{i+m,j+n}", lambda i, j, m, n: _entry(D3, i, j) * _entry(X4, i + m, j + n), True),
    "wrong": (r"\sum_i \sum_j \delta_{i,j} x_{i-m,j-n}", lambda i, j, m, n: _entry(D3, i, j) * _entry(X4, i - m, j - n), True),
    "entry rule": (r"\sum_i \sum_j \frac{\partial E}{\partial z_{i,j}} \frac{\partial z_{i,j}}{\partial w_{m,n}}",
                   lambda i, j, m, n: _entry(D3, i, j) * _entry(X4, i + m, j + n), True),
    "unread": (r"\sum_{(i,j) \in \Omega} \delta_{i,j} x_{i+m,j+n}", lambda i, j, m, n: _entry(D3, i, j) * _entry(X4, i + m, j + n), False),
    "unread wrong": (r"\sum_{(i,j) \in \Omega} \delta_{i,j} x_{i+n,j+m}", lambda i, j, m, n: _entry(D3, i, j) * _entry(X4, i + n, j + m), False),
}

INDEX_CHAINS = [["right", "right"], ["right", "wrong"], ["entry rule", "right"], ["entry rule", "wrong"],
                ["unread", "right"], ["unread wrong", "right"], ["right", "unread wrong", "right"],
                ["right", "entry rule", "right"]]

INDEX_DOC = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 -->\n\nWith Ω every pair of indices:\n\n"
             "$$z_{i,j} = \\sum_m \\sum_n x_{i+m,j+n} w_{m,n}$$\n\n$$CLAIM$$\n")


@pytest.mark.parametrize("kinds", INDEX_CHAINS, ids="-".join)
def test_index_chains(kinds):
    sides = [INDEX_W[k] for k in kinds]
    truths = [_same(_dw(fn), GW) for _, fn, _ in sides]
    assert [("wrong" not in k) for k in kinds] == truths
    claim = check_text(INDEX_DOC.replace("CLAIM", " = ".join([r"\frac{\partial E}{\partial w_{mn}}"] + [s for s, _, _ in sides])),
                       "md").claims[-1]
    assert claim.verdict == _expected(truths, [r for _, _, r in sides]), claim.detail


# the chain rule between whole tensors: through the layer's output in a layout's order, or not at all
RULES = [
    (r"\frac{\partial E}{\partial z} \frac{\partial z}{\partial w_{mn}}", "holds"),             # numerator layout
    (r"\frac{\partial z}{\partial w_{mn}} \frac{\partial E}{\partial z}", "holds"),             # denominator layout
    (r"\left(\frac{\partial z}{\partial w_{mn}}\right)^T \frac{\partial E}{\partial z}", "holds"),   # columns
    (r"\frac{\partial E}{\partial z} \left(\frac{\partial z}{\partial w_{mn}}\right)^T", "unchecked"),  # no layout
    (r"\frac{dE}{dz} \cdot \frac{dz}{dw_{mn}}", "holds"),           # d and \cdot (a course forum's dL/dZ · dZ/dW)
    (r"\dfrac{\partial E}{\partial z} \times \dfrac{\partial z}{\partial w_{mn}}", "holds"),   # \dfrac, \times (a Q&A page)
    (r"\frac{\partial E}{\partial x} \frac{\partial x}{\partial w_{mn}}", "unchecked"),        # x is no cut: 0
    (r"\frac{\partial E}{\partial z} \frac{\partial z}{\partial x_{mn}}", "unchecked"),        # ∂E/∂x, not ∂E/∂w
]


@pytest.mark.parametrize("side,want", RULES)
def test_chain_rule_sides(side, want):
    # truth (torch): Σ_{ij} δ_{ij} ∂z_{ij}/∂w_{mn} is ∂E/∂w; ∂x/∂w = 0 and ∂E/∂x_{mn} differ from it
    jac = torch.autograd.functional.jacobian(lambda w: F.conv2d(X4[None, None], w[None, None])[0, 0], W)
    assert torch.equal(torch.einsum("ij,ijkl->kl", D3, jac), GW) and not torch.equal(GX[:2, :2], GW)
    claim = check_text(INDEX_DOC.replace("CLAIM", r"\frac{\partial E}{\partial w_{mn}} = " + side + r" = \sum_i \sum_j \delta_{i,j} x_{i+m,j+n}"),
                       "md").claims[-1]
    assert claim.verdict == want, claim.detail


# ---- a dense layer z = W a + b (W 2x3), δ = ∂C/∂z
WD, AD, DD = (torch.randint(-9, 10, s).double() for s in ((2, 3), (3,), (2,)))


def _dense_grad_w():
    w = WD.clone().requires_grad_()
    ((w @ AD) * DD).sum().backward()
    return w.grad


DENSE_W = {
    "right": (r"\delta_j a_k", lambda j, k: DD[j] * AD[k], True),
    "wrong": (r"a_j \delta_j", lambda j, k: DD[j] * AD[j], True),
    "entry rule": (r"\frac{\partial C}{\partial z_j} \frac{\partial z_j}{\partial w_{jk}}", lambda j, k: DD[j] * AD[k], True),
    "unread": (r"\sum_{i \in \{j\}} \delta_i a_k", lambda j, k: DD[j] * AD[k], False),
    "unread wrong": (r"\sum_{i \in \{j\}} \delta_i a_j", lambda j, k: DD[j] * AD[j], False),
}
DENSE_CHAINS = [["right", "right"], ["entry rule", "right"], ["right", "wrong"], ["unread", "right"],
                ["unread wrong", "right"], ["entry rule", "unread wrong", "right"]]


@pytest.mark.parametrize("kinds", DENSE_CHAINS, ids="-".join)
def test_dense_chains(kinds):
    sides = [DENSE_W[k] for k in kinds]
    want_grad = _dense_grad_w()
    truths = [all(fn(j, k) == want_grad[j, k] for j in range(2) for k in range(3)) for _, fn, _ in sides]
    assert [("wrong" not in k) for k in kinds] == truths
    doc = ("<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z_j = \\sum_k w_{jk} a_k + b_j$$\n\n$$"
           + " = ".join([r"\frac{\partial C}{\partial w_{jk}}"] + [s for s, _, _ in sides]) + "$$\n")
    claim = check_text(doc, "md").claims[-1]
    assert claim.verdict == _expected(truths, [r for _, _, r in sides]), claim.detail


# ---- a seeded sample of benchmarks/campaign_chains.py (its truth: numpy loops against torch)
def test_a_seeded_campaign_sample_has_no_wrong_verdict(capsys):
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import campaign_chains
    gen = torch.Generator().manual_seed(3)
    t, grads = campaign_chains.founding_sample(3, gen)            # the campaign's truth tells right from wrong
    for wrt, (_, pool) in campaign_chains.FOUNDING.items():
        for kind, _, fn in pool:
            if fn is not None:
                assert campaign_chains._equal(fn(t), grads[wrt]) == ("wrong" not in kind), (wrt, kind)
    assert campaign_chains.main(["--n", "45", "--seed", "7"]) == 0, capsys.readouterr().out[-3000:]
