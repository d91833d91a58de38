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


# A document's own δ read exactly: the input's gradient, transposed indices, a sign, a mean, a
# factor (authors write δ_k = (t_k - y_k) f'(a_k), δ = -∂E/∂y, δ = (1/N) ∂L/∂Y): the claims with
# δ_{a,b} are never held false nor refuted true under the document's definition, and the definition
# display itself is never refuted.  Truth: torch autograd (in = out = batch = 3, so every index
# order fits), each right side by plain loops with δ as the document defines it.
SQUARE = "<!-- symbp: layer=fc in=3 out=3 batch=3 -->\n\n$$Y_{n,j} = \\sum_{i} X_{n,i} W_{i,j} + b_j$$\n\n"
VARIANTS = [   # (definition display, δ[n, j] from (G = ∂L/∂Y, ∂L/∂X))
    (r"\delta_{n,j} = \frac{\partial L}{\partial X_{n,j}}", lambda g, dx: dx),
    (r"\delta_{n,j} = \frac{\partial L}{\partial Y_{j,n}}", lambda g, dx: g.T),
    (r"\delta_{j,n} = \frac{\partial L}{\partial Y_{n,j}}", lambda g, dx: g.T),
    (r"\delta_{n,j} = -\frac{\partial L}{\partial Y_{n,j}}", lambda g, dx: -g),
    (r"\delta_{n,j} = \frac{1}{N} \frac{\partial L}{\partial Y_{n,j}}", lambda g, dx: g / 3),
    (r"\delta_{n,j} = 2 \, \partial L / \partial Y_{n,j}", lambda g, dx: 2 * g),
    (r"\delta_{nj} := -\frac{\partial \mathcal{L}}{\partial \mathbf{Y}_{nj}}", lambda g, dx: -g),
]


def _square_truth():
    gen = torch.Generator().manual_seed(3)
    x, w, b = (torch.randn(*s, generator=gen, requires_grad=True) for s in ((3, 3), (3, 3), (3,)))
    g = torch.randn(3, 3, generator=gen)
    ((x @ w + b) * g).sum().backward()
    return x.detach().numpy(), w.detach().numpy(), g.numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


def _claims_under(delta_of):
    """(claim, true by loops with δ[a, b] as the definition says) for three claims in δ_{n,j}."""
    x, w, g, dx, dw, db = _square_truth()
    d = delta_of(g, dx)
    r = range(3)
    return [
        (r"\frac{\partial L}{\partial W_{i,j}} = \sum_{n} \delta_{n,j} X_{n,i}",
         np.allclose(dw, [[sum(d[n, j] * x[n, i] for n in r) for j in r] for i in r])),
        (r"\frac{\partial L}{\partial b_j} = \sum_{n} \delta_{n,j}", np.allclose(db, [sum(d[n, j] for n in r) for j in r])),
        (r"\frac{\partial L}{\partial X_{n,i}} = \sum_{j} \delta_{n,j} W_{i,j}",
         np.allclose(dx, [[sum(d[n, j] * w[i, j] for j in r) for i in r] for n in r])),
    ]


@pytest.mark.parametrize("definition,delta_of", VARIANTS, ids=[v for v, _ in VARIANTS])
def test_the_documents_own_definition_is_read_exactly(definition, delta_of):
    cases = _claims_under(delta_of)
    claims = check_text(SQUARE + f"$${definition}$$\n\n" + "".join(f"$${c}$$\n\n" for c, _ in cases), "md").claims
    assert claims[1].verdict in ("definition", "holds"), claims[1].detail      # the definition: never refuted
    for (claim, ok), got in zip(cases, claims[2:]):
        assert got.verdict != ("refuted" if ok else "holds"), (definition, claim, got.verdict, got.detail)
        assert got.verdict != "unchecked" or "defines δ as" in got.detail, got.detail     # names the definition


def test_the_variant_truth_can_fail():
    # under δ = ∂L/∂Y the claims hold; under the input's gradient they are false (the loops tell)
    assert all(ok for _, ok in _claims_under(lambda g, dx: g))
    assert not any(ok for _, ok in _claims_under(lambda g, dx: dx))
