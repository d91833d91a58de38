r"""A small ``t`` superscript as a transpose (``W^{t} \delta``, ``\delta a^t``, ``a \delta^{t}``)
next to ``t`` as a step or layer.  Truth is torch autograd of ``z = W a + b`` (W out x in):
each claim's right side is computed here with ``^t`` read as a transpose and compared with
``a.grad`` / ``W.grad``; symbp's verdicts are never the truth.

Spellings (lecture notes and blog posts that write the transpose with a small t): ``W^{t}\delta``,
``W^t \delta``, ``\delta a^{t}``, ``\delta\,(a)^{t}``, a Greek letter carrying it
(``a \delta^{t}``, ``\delta^t``), and pages where t is a time step (``h_t``) or a layer
(``z^{t} = W^{t} a^{t-1} + b^{t}``).
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

_LHS = {"a": r"\frac{\partial J}{\partial a}", "W": r"\frac{\partial J}{\partial W}"}

# right side as written, the variable, the right side with ^t read as a transpose (None: undefined)
_CLAIMS = [
    (r"W^{t} \delta", "a", lambda W, a, d: W.T @ d),
    (r"W^t \delta", "a", lambda W, a, d: W.T @ d),
    (r"\delta a^{t}", "W", lambda W, a, d: d @ a.T),
    (r"\delta a^t", "W", lambda W, a, d: d @ a.T),
    (r"a \delta^{t}", "W", lambda W, a, d: a @ d.T),
    (r"a \delta^t", "W", lambda W, a, d: a @ d.T),
    (r"W \delta^{t}", "a", lambda W, a, d: W @ d.T if W.shape[1] == d.T.shape[0] else None),
]


def _truth(n_in, n_out, rhs_fn, wrt, seed=0):
    """Whether the claimed right side equals torch's gradient (shape included)."""
    g = torch.Generator().manual_seed(seed)
    W = torch.randn(n_out, n_in, generator=g, dtype=torch.float64, requires_grad=True)
    a = torch.randn(n_in, 1, generator=g, dtype=torch.float64, requires_grad=True)
    b = torch.randn(n_out, 1, generator=g, dtype=torch.float64)
    z = W @ a + b
    d = torch.randn(n_out, 1, generator=g, dtype=torch.float64)
    (z * d).sum().backward()
    try:
        claimed = rhs_fn(W.detach(), a.detach(), d)
    except RuntimeError:                      # an undefined product
        return False
    grad = a.grad if wrt == "a" else W.grad
    return claimed is not None and claimed.shape == grad.shape and torch.allclose(claimed, grad)


def _verdicts(text):
    return [(c.latex.strip(), c.verdict, c.detail) for c in check_text(text, "md").claims]


def _doc(n_in, n_out, claims, prose=""):
    body = "\n\n".join(f"$${_LHS[wrt]} = {rhs}$$" for rhs, wrt, _ in claims)
    return f"<!-- symbp: layer=fc in={n_in} out={n_out} -->\n\n{prose}$$z = W a + b$$\n\n{body}\n"


@pytest.mark.parametrize("n_in,n_out", [(3, 3), (3, 2), (2, 4)])
def test_one_greek_t_claim_keeps_the_transpose_reading(n_in, n_out):
    """``a \\delta^{t}`` among the claims no longer turns ``^t`` into a layer label for the page:
    every claim gets torch's verdict (holds when true, refuted when false)."""
    verdicts = _verdicts(_doc(n_in, n_out, _CLAIMS))
    assert verdicts[0][1] == "holds"                     # the forward
    for (rhs, wrt, fn), (latex, verdict, detail) in zip(_CLAIMS, verdicts[1:]):
        assert rhs in latex
        truth = _truth(n_in, n_out, fn, wrt)
        assert verdict == ("holds" if truth else "refuted"), (rhs, n_in, n_out, truth, verdict, detail)


@pytest.mark.parametrize("n_in,n_out", [(3, 3), (3, 2)])
def test_t_as_a_time_step_leaves_t_claims_unchecked_or_right(n_in, n_out):
    """t is a step (``h_t``): ``W^{t}\\delta`` is a transpose or step t's weight; never a refutation
    of a true claim nor a holds of a false one, and a true one read as a label is unchecked."""
    prose = "At each time step t the cell computes the dense map below; $h_t$ is the state at step t.\n\n"
    claims = _CLAIMS + [(r"\delta a^{T}", "W", lambda W, a, d: d @ a.T)]
    text = _doc(n_in, n_out, claims, prose) + "\n$$h_{t} = \\tanh(z_{t})$$\n"
    verdicts = _verdicts(text)
    for (rhs, wrt, fn), (latex, verdict, detail) in zip(claims, verdicts[1:]):
        truth = _truth(n_in, n_out, fn, wrt)
        assert verdict != ("refuted" if truth else "holds"), (rhs, truth, verdict, detail)
        if rhs == r"W^{t} \delta":
            assert verdict == "unchecked" and "^{t}: a transpose or a layer" in detail
    assert verdicts[len(claims)][1] == "holds"           # δ a^{T}: the capital T is read as always


def test_transpose_reading_without_a_plain_letter_is_unchecked_not_refuted():
    """δ never written without its ^t: the page does not settle ^t; a true claim is not refuted."""
    text = ("<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z = W a + b$$\n\n"
            "$$\\frac{\\partial J}{\\partial W} = (a \\delta^{t})^{t}$$\n")
    assert _truth(3, 2, lambda W, a, d: (a @ d.T).T, "W")
    (_, verdict, detail), = _verdicts(text)[1:]
    assert verdict == "unchecked" and "^{t}" in detail


def test_layers_t_and_t_minus_1_keep_the_layer_reading():
    """A section with layers t and t-1 reads W^{t} as layer t's weight: the guard stays out."""
    text = ("<!-- symbp: layer=fc in=3 out=2 -->\n\n$$z^{t} = W^{t} a^{t-1} + b^{t}$$\n\n"
            "$$\\frac{\\partial J}{\\partial a^{t-1}} = (W^{t})^{T} \\delta^{t}$$\n\n"
            "$$\\frac{\\partial J}{\\partial W^{t}} = \\delta^{t} (a^{t-1})^{T}$$\n\n"
            "$$\\frac{\\partial J}{\\partial W^{t}} = a^{t-1} (\\delta^{t})^{T}$$\n")
    truths = [_truth(3, 2, lambda W, a, d: W.T @ d, "a"), _truth(3, 2, lambda W, a, d: d @ a.T, "W"),
              _truth(3, 2, lambda W, a, d: a @ d.T, "W")]
    verdicts = _verdicts(text)[1:]
    for truth, (latex, verdict, detail) in zip(truths, verdicts):
        assert "^{t}: a transpose or a layer" not in detail
        assert verdict != ("refuted" if truth else "holds"), (latex, truth, verdict, detail)
    assert [v for _, v, _ in verdicts[:2]] == ["holds", "holds"]
