r"""Convolution claims in a section where nothing names the letters (issue 12 item 5, t20n): no
forward, no directive, no prose roles.  Each claim is checked under every forward its letters
allow (the kernel letter, the cross-correlation and the true convolution, unless the page's words
say which) and decided only where all of them agree: refuted where none makes it true, holds
where all do, unchecked where they differ.

Truth: torch autograd for both forwards (the true convolution ``y_{i,j} = Σ w_{m,n} x_{i-m,j-n}``
is torch's cross-correlation with the flipped kernel, its output entries counted from K-1 as
the formula writes them); every claimed formula evaluated by plain numpy loops, never by symbp."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

from conv_truth import entry_or_zero as _at

torch.set_default_dtype(torch.float64)
H, K = 5, 3
O = H - K + 1


def _truth(flip: bool):
    """(x, w, δ(i, j) in the forward's own output indices, dW, dX, db)."""
    gen = torch.Generator().manual_seed(7)
    x = torch.randn(1, 1, H, H, generator=gen, requires_grad=True)
    w = torch.randn(1, 1, K, K, generator=gen, requires_grad=True)
    b = torch.randn(1, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, torch.flip(w, (2, 3)) if flip else w, b)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    g = g.numpy()[0, 0]
    shift = K - 1 if flip else 0

    def delta(i, j):
        return _at(g, i - shift, j - shift)
    return dict(x=x.detach().numpy()[0, 0], w=w.detach().numpy()[0, 0], d=delta, dW=w.grad.numpy()[0, 0],
                dX=x.grad.numpy()[0, 0], db=float(b.grad[0]), out=range(shift, shift + O))


_grid = lambda n, f: np.array([[f(p, q) for q in range(n)] for p in range(n)])      # noqa: E731


def _over(rng, f):
    return sum(f(i, j) for i in rng for j in rng)


# (claim, what it computes from a truth t, the gradient it claims)
CLAIMS = [
    (r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j}\, x_{i+m,j+n}",
     lambda t: _grid(K, lambda m, n: _over(t["out"], lambda i, j: t["d"](i, j) * _at(t["x"], i + m, j + n))), "dW"),
    (r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j}\, x_{i+n,j+m}",
     lambda t: _grid(K, lambda m, n: _over(t["out"], lambda i, j: t["d"](i, j) * _at(t["x"], i + n, j + m))), "dW"),
    (r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j}\, x_{i-m,j-n}",
     lambda t: _grid(K, lambda m, n: _over(t["out"], lambda i, j: t["d"](i, j) * _at(t["x"], i - m, j - n))), "dW"),
    (r"\frac{\partial L}{\partial x_{p,q}} = \sum_{m}\sum_{n} \delta_{p-m,q-n}\, w_{m,n}",
     lambda t: _grid(H, lambda p, q: _over(range(K), lambda m, n: t["d"](p - m, q - n) * t["w"][m, n])), "dX"),
    (r"\frac{\partial L}{\partial x_{p,q}} = \sum_{m}\sum_{n} \delta_{p+m,q+n}\, w_{m,n}",
     lambda t: _grid(H, lambda p, q: _over(range(K), lambda m, n: t["d"](p + m, q + n) * t["w"][m, n])), "dX"),
    (r"\frac{\partial L}{\partial x_{p,q}} = \sum_{m}\sum_{n} \delta_{p-m,q-n}\, w_{n,m}",
     lambda t: _grid(H, lambda p, q: _over(range(K), lambda m, n: t["d"](p - m, q - n) * t["w"][n, m])), "dX"),
    (r"\frac{\partial L}{\partial b} = \sum_{i}\sum_{j} \delta_{i,j}",
     lambda t: _over(t["out"], t["d"]), "db"),
]


def _expected(pinned=None):
    """Per claim: holds / refuted where every reading agrees; where only the convention splits them
    (the kernel letter settles the rest), the cross-correlation's verdict, the issue's default."""
    out = []
    for _, formula, key in CLAIMS:
        fits = {conv: bool(np.allclose(formula(t), t[key])) for conv, t in
                (("cross", _truth(False)), ("true", _truth(True))) if pinned in (None, conv)}
        out.append("holds" if all(fits.values()) else "refuted" if not any(fits.values()) else
                   "holds" if fits["cross"] else "refuted")
    return out


def _split():
    """Which claims the two conventions decide differently."""
    return [bool(np.allclose(f(_truth(False)), _truth(False)[k])) != bool(np.allclose(f(_truth(True)), _truth(True)[k]))
            for _, f, k in CLAIMS]


def _verdicts(prose):
    text = f"# Backward pass of a convolution\n\n{prose}\n\n" + "\n\n".join(f"$${c}$$" for c, _, _ in CLAIMS) + "\n"
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def test_the_truth_tells_the_readings_apart():
    assert _split() == [True, False, True, True, True, False, False]
    assert _expected() == ["holds", "refuted", "refuted", "holds", "refuted", "refuted", "holds"]


def test_claims_no_forward_names_are_read_as_cross_correlation_where_only_the_convention_splits_them():
    """Round 38: the issue's default convention; before, such a claim was unchecked."""
    got = _verdicts("The layer slides the kernel $w$ over the image; $\\delta$ is the error at its output.")
    assert [v for v, _ in got] == _expected(), got
    for (verdict, detail), split in zip(got, _split()):
        if split:      # the verdict names the default and what the other convention gives
            assert "cross-correlation, the default" in detail and "if it is a true convolution" in detail, detail
        else:
            assert "every reading they allow" in detail, detail


def test_a_page_that_says_true_convolution_reads_every_claim_so():
    got = _verdicts("Here the layer is a true convolution: the kernel $w$ is flipped as it slides.")
    assert [v for v, _ in got] == _expected("true"), got


def test_the_convention_the_page_states_narrows_the_readings():
    got = _verdicts("The layer computes the valid cross-correlation of the image with the kernel.")
    assert [v for v, _ in got] == _expected("cross"), got


def test_a_dense_claim_or_a_page_that_never_speaks_of_a_convolution_is_not_read_so():
    dense = r"$$\frac{\partial L}{\partial W_{i,j}} = \sum_{n} \delta_{n,i} X_{n,j}$$"
    got = check_text(f"# Backward pass of a convolution\n\n{dense}\n", "md").claims
    assert got[0].verdict == "unchecked", got[0].detail
    text = "# Gradients\n\n" + "\n\n".join(f"$${c}$$" for c, _, _ in CLAIMS) + "\n"
    assert all(c.verdict == "unchecked" for c in check_text(text, "md").claims)


@pytest.mark.parametrize("claim", [
    r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j}\, x_{2i+m,2j+n}",     # a stride
    r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{2}\sum_{j=0}^{2} \delta_{i,j}\, x_{i+n,j+m}",   # bounds
    r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j}\, x_{i+m-1,j+n-1}",   # an offset
])
def test_a_claim_beyond_the_plain_readings_stays_unchecked(claim):
    got = check_text(f"# Backward pass of a convolution\n\n$${claim}$$\n", "md").claims
    assert got[0].verdict == "unchecked", got[0].detail


def test_a_claim_in_delta_never_holds_where_the_page_writes_an_activation_but_not_delta_by_z():
    """a = σ(z) on the page: δ may be ∂L/∂a, and Σ δ_{ij} is then not ∂L/∂b; where the page says
    δ = ∂L/∂z the readings decide it again.  A refutation stands either way (no σ' in the claim)."""
    bias, wrong = CLAIMS[6][0], CLAIMS[1][0]
    page = "# Backward pass of a convolution\n\nThe activation is $a = \\sigma(z)$.\n\n$${}$$\n\n$${}$$\n"
    got = check_text(page.format(bias, wrong), "md").claims
    assert [c.verdict for c in got] == ["unchecked", "refuted"], [(c.verdict, c.detail) for c in got]
    page = page.replace("$.\n", "$ and $\\delta = \\partial L / \\partial z$.\n", 1)
    got = check_text(page.format(bias, wrong), "md").claims
    assert [c.verdict for c in got] == ["holds", "refuted"], [(c.verdict, c.detail) for c in got]


@pytest.mark.parametrize("prose", [
    "The gradient of the input is conv2(delta, w, 'full') in MATLAB.",
    "A mathematical convolution flips the kernel; deep-learning libraries compute a cross-correlation.",
])
def test_a_page_that_may_mean_the_true_convolution_gets_no_default(prose):
    """MATLAB's conv2 (the flipped sum) on the page, or words about both conventions: where only the
    convention splits the readings, the claim stays unchecked."""
    got = _verdicts(prose)
    for (verdict, detail), split, expected in zip(got, _split(), _expected()):
        assert verdict == ("unchecked" if split else expected), detail
