"""A dense layer written in index notation with its batch and unit sizes named only as letters
in prose shapes (issue 12): the letters are bound from the prose, the claims checked at small
sizes.  Truth: torch autograd of ``z = x W + b`` on a batch (the claims' sums as plain loops)."""
import pytest
import torch

from symbp.check.checker import check_text

# how several authors give the shapes of a batched dense layer's tensors
_SHAPES = [
    r"its input $x^l$ is $N \times M^{l-1}$, its output $z^l$ is $N \times M^l$ and the weight "
    r"$w^l$ is $M^{l-1} \times M^l$.",
    r"The input $x^l$ has shape $(N, M^{l-1})$, the output $z^l$ has shape $(N, M^l)$ and "
    r"the weight $w^l$ has shape $(M^{l-1}, M^l)$.",
    r"Here $x^l$ is an $N \times M^{l-1}$ matrix of examples and $z^l$ is a $N \times M^l$ matrix.",
]
_FORWARD = r"z^l_{n,m} = \sum_{k=0}^{M^{l-1}-1} x^l_{n,k} w^l_{k,m} + b^l_m"
_CLAIMS = {
    "w_true": r"\frac{\partial L}{\partial w^l_{i,j}} = \sum_{n=0}^{N-1} \frac{\partial L}{\partial z^l_{n,j}} x^l_{n,i}",
    "w_false": r"\frac{\partial L}{\partial w^l_{i,j}} = \frac{\partial L}{\partial z^l_{0,j}} x^l_{0,i}",
    "b_true": r"\frac{\partial L}{\partial b^l_j} = \sum_{n=0}^{N-1} \frac{\partial L}{\partial z^l_{n,j}}",
    "x_true": r"\frac{\partial L}{\partial x^l_{n,j}} = \sum_{m=0}^{M^l-1} \frac{\partial L}{\partial z^l_{n,m}} w^l_{j,m}",
    "x_false": r"\frac{\partial L}{\partial x^l_{n,j}} = \sum_{m=0}^{M^{l-1}-1} \frac{\partial L}{\partial z^l_{n,j}} w^l_{m,j}",
}


def _truth() -> dict:
    """Each claim's truth at N=2, 3 inputs, 4 units, from torch autograd and plain loops."""
    torch.manual_seed(1)
    x = torch.randn(2, 3, requires_grad=True)
    w, b = torch.randn(3, 4, requires_grad=True), torch.randn(4, requires_grad=True)
    z = x @ w + b
    g = torch.randn_like(z)
    (z * g).sum().backward()
    N, D, M = 2, 3, 4
    forms = {
        "w_true": [[sum(g[n, j] * x[n, i] for n in range(N)) for j in range(M)] for i in range(D)],
        "w_false": [[g[0, j] * x[0, i] for j in range(M)] for i in range(D)],
        "b_true": [sum(g[n, j] for n in range(N)) for j in range(M)],
        "x_true": [[sum(g[n, m] * w[j, m] for m in range(M)) for j in range(D)] for n in range(N)],
        # sums over the input units m < D of g_{n,j} w_{m,j}: only defined for j < M, wrong anyway
        "x_false": [[sum(g[n, j] * w[m, j] for m in range(D)) for j in range(D)] for n in range(N)],
    }
    grads = {"w": w.grad, "b": b.grad, "x": x.grad}
    return {k: torch.allclose(torch.tensor([[float(v) for v in r] if isinstance(r, list) else float(r)
                                            for r in f]), grads[k[0]]) for k, f in forms.items()}


@pytest.mark.parametrize("shapes", _SHAPES)
def test_sizes_bound_from_prose_shapes(shapes):
    truth = _truth()
    assert truth == {"w_true": True, "w_false": False, "b_true": True, "x_true": True, "x_false": False}
    doc = f"## Linear\n\n{shapes}\n\n$$\n{_FORWARD}\n$$\n\n" + "".join(
        f"$$\n{c}\n$$\n\n" for c in _CLAIMS.values())
    claims = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    for name, tex in _CLAIMS.items():
        got = claims[tex]
        assert got.verdict == ("holds" if truth[name] else "refuted"), (name, got.detail)
        if got.verdict == "holds":
            assert "read from the shapes the prose gives" in got.detail


def test_without_prose_shapes_a_bound_letter_is_read_as_its_axis():
    # round eight (t17b): N, which only the sum's bound names, is read as the length of the axis
    # n runs over (z's rows, the batch), at the sizes tried, and the report says so
    truth = _truth()
    doc = f"## Linear\n\n$$\n{_FORWARD}\n$$\n\n$$\n{_CLAIMS['b_true']}\n$$\n"
    claim = [c for c in check_text(doc, "md").claims if r"\partial b" in c.latex][0]
    assert claim.verdict == ("holds" if truth["b_true"] else "refuted")
    assert "N read as the length of the axis n runs over" in claim.detail and "no sizes given" in claim.detail
