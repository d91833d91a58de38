"""A transpose written on a d-name: ``dY^T`` (and code's ``dout.T``, rewritten to ``\\mathrm{dout}^T``).

The index reader keeps ``^T`` on a name as its label; DocContext.entry read ``X^T`` as the transpose, but
DocContext.grad ignored the label, so ``dY^T`` was ``dY``: correct claims of ``Y = XW + b`` such as
``dX = (W dY^T)^T`` and ``dW = (dY^T X)^T`` were refuted as "a product of a (4, 3) and a (2, 3) matrix"
(``(dY)^T`` and ``X^T dY`` held).  Wrong claims with ``dY^T`` stay refuted.

Truth: torch autograd (float64); never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _affine(n: int = 2, i: int = 4, o: int = 3, seed: int = 0):
    """(X, W, dL/dY, dL/dX, dL/dW) of Y = X W + b (rows of X the samples), by autograd."""
    torch.manual_seed(seed)
    x = torch.randn(n, i, requires_grad=True)
    w = torch.randn(i, o, requires_grad=True)
    b = torch.randn(o, requires_grad=True)
    y = x @ w + b
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x.detach(), w.detach(), dy, x.grad, w.grad


def _agrees(claim, left: str) -> bool:
    """Whether ``claim(X, W, dY)`` equals autograd's dL/dX (left "dX") or dL/dW (left "dW"), shapes included."""
    x, w, dy, dx, dw = _affine()
    truth = dx if left == "dX" else dw
    try:
        got = claim(x, w, dy)
    except RuntimeError:                 # the claim's own product does not fit: false at these sizes
        return False
    return got.shape == truth.shape and torch.allclose(got, truth)


MATH = "# affine\n\n$$Y = X W + b$$\n\n$${claim}$$\n"
CODE = "# affine\n\n```\nout = x.dot(w) + b\n{claim}\n```\n"

TRUE_MATH = [
    (r"dX = (W dY^T)^T", "dX", lambda x, w, dy: (w @ dy.T).T),
    (r"dW = (dY^T X)^T", "dW", lambda x, w, dy: (dy.T @ x).T),
    (r"dW = X^T dY", "dW", lambda x, w, dy: x.T @ dy),
    (r"dX = ((dY^T)^T W^T)", "dX", lambda x, w, dy: dy.T.T @ w.T),
    (r"dX = (W (dY)^T)^T", "dX", lambda x, w, dy: (w @ dy.T).T),
    (r"dX^T = W dY^T", "dX", lambda x, w, dy: (w @ dy.T).T),          # both sides transposed
    (r"dW^T = dY^T X", "dW", lambda x, w, dy: (dy.T @ x).T),
]

TRUE_CODE = [
    ("dw = (dout.T @ x).T", "dW", lambda x, w, dy: (dy.T @ x).T),
    ("dx = (w @ dout.T).T", "dX", lambda x, w, dy: (w @ dy.T).T),
]

WRONG_MATH = [
    (r"dX = (dY^T W)^T", "dX", lambda x, w, dy: (dy.T @ w).T),
    (r"dW = (X dY^T)^T", "dW", lambda x, w, dy: (x @ dy.T).T),
    (r"dX = 2 (W dY^T)^T", "dX", lambda x, w, dy: 2 * (w @ dy.T).T),
    (r"dW = (dY^T (2 X))^T", "dW", lambda x, w, dy: (dy.T @ (2 * x)).T),
]

WRONG_CODE = [
    ("dx = (2 * w @ dout.T).T", "dX", lambda x, w, dy: (2 * w @ dy.T).T),
]


def _verdict(text: str):
    claims = check_text(text, "md").claims
    return claims[-1].verdict, claims[-1].detail


@pytest.mark.parametrize("claim, left, value", TRUE_MATH, ids=[c[0] for c in TRUE_MATH])
def test_a_transposed_d_name_in_a_true_claim_holds(claim, left, value):
    assert _agrees(value, left)
    got = _verdict(MATH.format(claim=claim))
    assert got[0] == "holds", got


@pytest.mark.parametrize("claim, left, value", TRUE_CODE, ids=[c[0] for c in TRUE_CODE])
def test_dout_dot_t_in_a_code_block_holds(claim, left, value):
    assert _agrees(value, left)
    got = _verdict(CODE.format(claim=claim))
    assert got[0] == "holds", got


@pytest.mark.parametrize("claim, left, value", WRONG_MATH, ids=[c[0] for c in WRONG_MATH])
def test_a_transposed_d_name_in_a_wrong_claim_is_refuted(claim, left, value):
    assert not _agrees(value, left)
    got = _verdict(MATH.format(claim=claim))
    assert got[0] == "refuted", got


@pytest.mark.parametrize("claim, left, value", WRONG_CODE, ids=[c[0] for c in WRONG_CODE])
def test_dout_dot_t_in_a_wrong_code_line_is_refuted(claim, left, value):
    assert not _agrees(value, left)
    got = _verdict(CODE.format(claim=claim))
    assert got[0] == "refuted", got


def test_the_issue_page_has_no_refutation():
    page = "# affine\n\n$$Y = X W + b$$\n\n" + "".join(f"$${c}$$\n\n" for c, _, _ in TRUE_MATH[:5])
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert verdicts == ["definition"] + ["holds"] * 5, verdicts
