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


def batch_entry_truth():
    """Entry forms of torch.nn.Linear's gradients on a batch, by plain loops over autograd's."""
    torch.manual_seed(2)
    lin = torch.nn.Linear(4, 3)
    X = torch.randn(2, 4, requires_grad=True)
    Y = lin(X)
    Y.retain_grad()
    torch.sin(Y).sum().backward()
    gY, W, Xd = Y.grad, lin.weight.detach(), X.detach()
    loops = {
        "dx": all(torch.isclose(X.grad[i, j], sum(gY[i, q] * W[q, j] for q in range(3)))
                  for i in range(2) for j in range(4)),
        "dw": all(torch.isclose(lin.weight.grad[i, j], sum(gY[p, i] * Xd[p, j] for p in range(2)))
                  for i in range(3) for j in range(4)),
        "db": all(torch.isclose(lin.bias.grad[j], sum(gY[p, j] for p in range(2))) for j in range(3)),
        "dw_swapped": False,     # Σ_p dY_{pj} x_{pi}: i runs over 4 inputs, dY has 3 columns
    }
    return loops


BATCH_TRUTH = batch_entry_truth()


@pytest.mark.parametrize("names", [("y", "x", "w", "b"), ("output", "input", "weight", "bias"),
                                   ("Y", "X", "W", "b")], ids=["letters", "words", "capitals"])
def test_batch_written_entry_by_entry(names):
    """y_{ij} = Σ_k x_{ik} w_{jk} + b_j (samples i, W out x in): before, read as a convolution
    by the index reader and the right claims refuted."""
    y, x, w, b = names
    d = lambda v: rf"\frac{{\partial L}}{{\partial {v}}}"       # noqa: E731
    claims = {
        "dx": rf"{d(x + '_{ij}')} = \sum_{{q}} {d(y + '_{iq}')} {w}_{{qj}}",
        "dw": rf"{d(w + '_{ij}')} = \sum_{{p}} {d(y + '_{pi}')} {x}_{{pj}}",
        "db": rf"{d(b + '_{j}')} = \sum_{{p}} {d(y + '_{pj}')}",
        "dw_swapped": rf"{d(w + '_{ij}')} = \sum_{{p}} {d(y + '_{pj}')} {x}_{{pi}}",
    }
    text = (f"# Linear\n\n$${y}_{{ij}} = \\sum_{{k}} {x}_{{ik}} {w}_{{jk}} + {b}_{{j}}$$\n\n" +
            "".join(f"$${c}$$\n\n" for c in claims.values()))
    got = {c.latex: (c.verdict, c.detail) for c in check_text(text, "md").claims}
    for cid, claim in claims.items():
        verdict, detail = got[claim]
        assert verdict == ("holds" if BATCH_TRUTH[cid] else "refuted"), (names, cid, detail)
