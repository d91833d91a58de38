"""A two-index δ in a dense layer with a batch: δ_{n,j} = ∂L/∂Y_{n,j} (the error) where the
document defines it (display, inline, ``\\equiv``, ``{∂L \\over ∂Y}``), Kronecker's delta in a
Jacobian of the output, and where nothing defines it and the two readings disagree: unchecked,
never refuted.

Truth: torch autograd of Y = X W + b (X batch x in, rows are examples) with L = Σ G ⊙ Y for a
random G, so ∂L/∂Y = G; each claim's right side by plain loops with δ = G."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

HEAD = "<!-- symbp: layer=fc in=3 out=2 batch=4 -->\n\n$$Y_{n,j} = \\sum_{i} X_{n,i} W_{i,j} + b_j$$\n\n"
DEFINITIONS = [
    "$$\\delta_{n,j} = \\frac{\\partial L}{\\partial Y_{n,j}}$$\n\n",
    "Write $\\delta_{n,j} = \\partial L/\\partial Y_{n,j}$ for the error at the output.\n\n",
    "$$\\delta_{n,j} \\equiv \\frac{\\partial \\mathcal{L}}{\\partial Y_{n,j}}$$\n\n",
    "$$\\delta_{n,j} := {\\partial L \\over \\partial Y_{n,j}}$$\n\n",
]


def _torch_truth(seed=0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(4, 3, generator=gen, requires_grad=True)
    w = torch.randn(3, 2, generator=gen, requires_grad=True)
    b = torch.randn(2, generator=gen, requires_grad=True)
    g = torch.randn(4, 2, generator=gen)
    ((x @ w + b) * g).sum().backward()
    return x.detach().numpy(), w.detach().numpy(), g.numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


def _loops():
    """(claim, true by loops) for each claim: the right side summed entry by entry, δ = G."""
    x, w, g, dx, dw, db = _torch_truth()
    dw_ok = np.allclose(dw, [[sum(g[n, j] * x[n, i] for n in range(4)) for j in range(2)] for i in range(3)])
    dw_bad = np.allclose(dw, [[sum(g[n, j] * x[n, j] for n in range(4)) for j in range(2)] for i in range(3)])
    dx_ok = np.allclose(dx, [[sum(g[n, j] * w[i, j] for j in range(2)) for i in range(3)] for n in range(4)])
    db_ok = np.allclose(db, [sum(g[n, j] for n in range(4)) for j in range(2)])
    db_bad = np.allclose(db, [sum(g[n, j] for n in range(4)) * 2 for j in range(2)])
    return [
        (r"\frac{\partial L}{\partial W_{i,j}} = \sum_{n} \delta_{n,j} X_{n,i}", dw_ok),
        (r"\frac{\partial L}{\partial W_{i,j}} = \sum_{n} \delta_{n,j} X_{n,j}", dw_bad),
        (r"\frac{\partial L}{\partial X_{n,i}} = \sum_{j} \delta_{n,j} W_{i,j}", dx_ok),
        (r"\frac{\partial L}{\partial b_j} = \sum_{n} \delta_{n,j}", db_ok),
        (r"\frac{\partial L}{\partial b_j} = 2 \sum_{n} \delta_{n,j}", db_bad),
    ]


def _verdicts(doc: str) -> list:
    return [c.verdict for c in check_text(doc, "md").claims
            if "\\partial L}{\\partial" in c.latex and not c.latex.startswith("\\delta")]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=["display", "inline", "equiv", "over"])
def test_a_defined_delta_is_the_error(definition):
    cases = _loops()
    assert [ok for _, ok in cases] == [True, False, True, True, False]     # the loops tell both kinds
    doc = HEAD + definition + "".join(f"$${c}$$\n\n" for c, _ in cases)
    assert _verdicts(doc) == ["holds" if ok else "refuted" for _, ok in cases]


def test_the_definition_itself_holds():
    claims = check_text(HEAD + DEFINITIONS[0], "md").claims
    assert [c.verdict for c in claims if c.latex.startswith("\\delta")] == ["holds"]


def test_an_undefined_delta_is_never_refuted_when_true():
    cases = _loops()
    got = _verdicts(HEAD + "".join(f"$${c}$$\n\n" for c, _ in cases))
    for (claim, ok), verdict in zip(cases, got):
        assert verdict != ("refuted" if ok else "holds"), (claim, verdict)
    assert got[0] == "unchecked" and "not defined" in check_text(HEAD + f"$${cases[0][0]}$$\n", "md").claims[-1].detail


def test_kronecker_in_a_jacobian_of_the_output():
    # ∂Y_{n,j}/∂W_{i,k} = δ_{jk} X_{n,i}: torch's Jacobian by loops
    x, w, *_ = _torch_truth()
    xt, wt, bt = (torch.tensor(v) for v in (x, w, np.zeros(2)))
    jac = torch.autograd.functional.jacobian(lambda w_: xt @ w_ + bt, wt).numpy()    # [n, j, i, k]
    assert all(np.isclose(jac[n, j, i, k], (j == k) * x[n, i])
               for n in range(4) for j in range(2) for i in range(3) for k in range(2))
    claims = check_text(HEAD + "$$\\frac{\\partial Y_{n,j}}{\\partial W_{i,k}} = \\delta_{jk} X_{n,i}$$\n\n"
                        "$$\\frac{\\partial Y_{n,j}}{\\partial W_{i,k}} = \\delta_{ik} X_{n,j}$$\n", "md").claims
    assert [c.verdict for c in claims[1:]] == ["holds", "refuted"]
