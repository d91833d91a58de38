r"""torch.nn.Linear's forward written as authors write it, ``Y = XW^T + b`` (samples as rows, W
out x in), with no directive.  Before, ``XW^T`` was read as ``XW`` with W (in, out), so
``∂L/∂X = ∂L/∂Y W^T`` held (a false hold) and the right ``∂L/∂X = ∂L/∂Y W`` was not read.
Truth from torch.nn.Linear and autograd, never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def linear_truth():
    torch.manual_seed(0)
    lin = torch.nn.Linear(4, 3)
    X = torch.randn(2, 4, requires_grad=True)
    Y = lin(X)
    Y.retain_grad()
    (torch.tanh(Y) ** 2).sum().backward()
    gY, W = Y.grad, lin.weight.detach()
    same = lambda x, y: x.shape == y.shape and torch.allclose(x, y)     # noqa: E731
    return {
        "dX": same(X.grad, gY @ W),
        "dX_T": W.shape[0] == W.shape[1] and same(X.grad, gY @ W.T),    # (2,3)@(4,3): no product
        "dW": same(lin.weight.grad, gY.T @ X.detach()),
        "dW_T": same(lin.weight.grad, X.detach().T @ gY),
        "db": same(lin.bias.grad, gY.sum(0)),
    }


TRUTH = linear_truth()
SPELLINGS = [
    (r"Y = XW^T + b", "X", "Y", "W", "b", "T"),
    (r"Y = X W^{\top} + b", "X", "Y", "W", "b", r"\top"),
    (r"\mathbf{Y} = \mathbf{X}\mathbf{W}^{\mathsf{T}} + \mathbf{b}", r"\mathbf{X}", r"\mathbf{Y}",
     r"\mathbf{W}", r"\mathbf{b}", r"\mathsf{T}"),
]


@pytest.mark.parametrize("forward,x,y,w,b,t", SPELLINGS, ids=["T", "top", "mathbf-mathsf"])
def test_torch_linear_forward(forward, x, y, w, b, t):
    d = lambda v: rf"\frac{{\partial L}}{{\partial {v}}}"       # noqa: E731
    claims = {
        "dX": rf"{d(x)} = {d(y)} {w}",
        "dX_T": rf"{d(x)} = {d(y)} {w}^{{{t}}}",
        "dW": rf"{d(w)} = \left({d(y)}\right)^{{{t}}} {x}",
        "dW_T": rf"{d(w)} = {x}^{{{t}}} {d(y)}",
    }
    text = "# Linear\n\n$$" + forward + "$$\n\n" + "".join(f"$${c}$$\n\n" for c in claims.values())
    got = {c.latex: (c.verdict, c.detail) for c in check_text(text, "md").claims}
    for cid, claim in claims.items():
        verdict, detail = got[claim]
        assert not (verdict == "holds" and not TRUTH[cid]), (cid, detail)
        assert not (verdict == "refuted" and TRUTH[cid]), (cid, detail)
        if TRUTH[cid]:
            assert verdict == "holds", (forward, cid, detail)


def test_truth_is_not_vacuous():
    assert TRUTH == {"dX": True, "dX_T": False, "dW": True, "dW_T": False, "db": True}
