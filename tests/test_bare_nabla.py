"""Gradient spellings of convolution pages: ∇T without a subscript for the loss's gradient by T,
``*_{full}`` / ``\\ast_{\\text{valid}}`` for the shape of the page's product, and a forward written
in lower-case entries with claims in capitals (or the other way round).

Truth: torch autograd of ``Y = conv2d(X, W) + b`` (cross-correlation, as the pages say) with the
loss ``L = <G, Y>``, compared with each stated form evaluated by plain numpy loops.  Where the page
does not settle which loss ∇ differentiates, the claim is unchecked and names the directive.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

H, K = 4, 3                     # input H x H, kernel K x K, output (H-K+1) x (H-K+1)


def _truth_arrays():
    gen = torch.Generator().manual_seed(11)
    X, W = (torch.randn(*s, generator=gen, dtype=torch.float64).requires_grad_() for s in ((H, H), (K, K)))
    b = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    G = torch.randn(H - K + 1, H - K + 1, generator=gen, dtype=torch.float64)
    Y = torch.nn.functional.conv2d(X[None, None], W[None, None])[0, 0] + b
    (G * Y).sum().backward()
    grads = {"X": X.grad.numpy(), "W": W.grad.numpy(), "b": np.array(b.grad.item())}
    return X.detach().numpy(), W.detach().numpy(), G.numpy(), grads


X_, W_, G_, GRADS = _truth_arrays()


def _correlate(a, k, shape):
    """Plain loops: the cross-correlation of a with k, 'valid' or 'full' (a zero-padded by k - 1)."""
    if shape == "full":
        p = k.shape[0] - 1
        a = np.pad(a, p)
    n = a.shape[0] - k.shape[0] + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            for m in range(k.shape[0]):
                for q in range(k.shape[1]):
                    out[i, j] += a[i + m, j + q] * k[m, q]
    return out


def _entries(rule, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        out[idx] = rule(*idx)
    return out


def _at(a, i, j):
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


R = H - K + 1
# (target, stated form as index LaTeX with ∇, its value by loops)
INDEX_CLAIMS = [
    ("W", r"\nabla W_{mn} = \sum_{i}\sum_{j} \nabla Y_{ij} X_{i+m,j+n}",
     _entries(lambda m, n: sum(G_[i, j] * X_[i + m, j + n] for i in range(R) for j in range(R)), (K, K))),
    ("W", r"\nabla W_{mn} = \sum_{i}\sum_{j} \nabla Y_{ij} X_{i+n,j+m}",
     _entries(lambda m, n: sum(G_[i, j] * X_[i + n, j + m] for i in range(R) for j in range(R)), (K, K))),
    ("X", r"\nabla X_{ij} = \sum_{m}\sum_{n} \nabla Y_{i-m,j-n} W_{mn}",
     _entries(lambda i, j: sum(_at(G_, i - m, j - n) * W_[m, n] for m in range(K) for n in range(K)), (H, H))),
    ("X", r"\nabla X_{ij} = \sum_{m}\sum_{n} \nabla Y_{i+m,j+n} W_{mn}",
     _entries(lambda i, j: sum(_at(G_, i + m, j + n) * W_[m, n] for m in range(K) for n in range(K)), (H, H))),
    ("b", r"\nabla b = \sum_{i}\sum_{j} \nabla Y_{ij}", np.array(G_.sum())),
    ("b", r"\nabla b = \sum_{i}\sum_{j} \nabla Y_{ij} X_{ij}", np.array((G_ * X_[:R, :R]).sum())),
]
WHOLE_CLAIMS = [
    ("W", r"\nabla W = X * \nabla Y", _correlate(X_, G_, "valid")),
    ("W", r"\nabla W = \nabla Y * X", None),                          # a 2x2 kernel over... shape 1x1: not W's
    ("X", r"\nabla X = \text{pad}_{2}(\nabla Y) * \text{rot180}(W)", _correlate(np.pad(G_, 2), W_[::-1, ::-1], "valid")),
    ("X", r"\nabla X = \text{pad}_{2}(\nabla Y) * W", _correlate(np.pad(G_, 2), W_, "valid")),
]


def _true(target, value) -> bool:
    want = GRADS[target]
    return value is not None and np.shape(value) == want.shape and np.allclose(value, want)


FORWARD = r"$$Y_{ij} = \sum_{m}\sum_{n} X_{i+m,j+n} W_{mn} + b$$"
SIZES = rf"The input $X$ is ${H}\times {H}$ and the kernel $W$ is ${K}\times {K}$; $*$ is cross-correlation."


def _verdicts(page: str, claims: list[str]) -> list:
    report = check_text(page + "\n\n" + "\n\n".join(f"$${c}$$" for c in claims) + "\n", "md")
    by_text = {c.latex.strip(): c for c in report.claims}
    return [by_text[c] for c in claims]


# pages that settle which loss a bare ∇ differentiates, in several spellings
ONE_LOSS_PAGES = [
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\nThe loss is $L$.",
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\nWe write $\\nabla T$ for the gradient of the loss with respect to $T$.",
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\nGiven $\\frac{{\\partial E}}{{\\partial Y}}$ from the next layer:",
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\n$C$ is the cost of the network.",
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\nwith $\\delta = \\partial \\mathcal L / \\partial Y$ sent back.",
    f"# Backward pass\n\n{SIZES}\n\n{FORWARD}\n\nwith $\\delta = \\partial \\mathcal{{L}} / \\partial Y$ sent back.",
]


@pytest.mark.parametrize("page", range(len(ONE_LOSS_PAGES)))
def test_bare_nabla_is_the_one_loss_gradient(page):
    claims = INDEX_CLAIMS + (WHOLE_CLAIMS if page < 2 else [])
    got = _verdicts(ONE_LOSS_PAGES[page], [c for _, c, _ in claims])
    for (target, claim, value), verdict in zip(claims, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)


@pytest.mark.parametrize("spelling", ["∇", r"\bigtriangledown ", "▽"])
def test_nabla_glyphs(spelling):
    claims = INDEX_CLAIMS[:4]
    got = _verdicts(ONE_LOSS_PAGES[0], [c.replace("\\nabla ", spelling) for _, c, _ in claims])
    for (target, claim, value), verdict in zip(claims, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (spelling, claim)


def test_subscripted_nabla_with_no_loss_after_it():
    claims = [(t, c.replace(r"\nabla W", r"\nabla_{\!W}").replace(r"\nabla X", r"\nabla_{X}")
               .replace(r"\nabla Y", r"\nabla_{\! Y}"), v) for t, c, v in WHOLE_CLAIMS]
    got = _verdicts(ONE_LOSS_PAGES[0], [c for _, c, _ in claims])
    for (target, claim, value), verdict in zip(claims, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)


# pages where which loss ∇ differentiates is not settled: unchecked, naming the directive
UNSETTLED_PAGES = [
    f"# Backward\n\n{SIZES}\n\n{FORWARD}\n\nThe data loss $E$ gives $\\frac{{\\partial E}}{{\\partial Y}}$; "
    f"the total loss $L = E + R$ gives $\\frac{{\\partial L}}{{\\partial W}}$.",
    f"# Backward\n\n{SIZES}\n\n{FORWARD}\n\nThe loss is $L$ and $\\nabla W = \\frac{{1}}{{N}} \\sum_k "
    f"\\frac{{\\partial L_k}}{{\\partial W}}$ is the batch average.",
    f"# Backward\n\n{SIZES}\n\n{FORWARD}",
    f"# Backward\n\n{SIZES}\n\n{FORWARD}\n\nThe loss is $L$; $\\nabla X$ below is the image gradient of the input.",
]


@pytest.mark.parametrize("page", range(len(UNSETTLED_PAGES)))
def test_unsettled_nabla_stays_unchecked_naming_the_directive(page):
    got = _verdicts(UNSETTLED_PAGES[page], [c for _, c, _ in INDEX_CLAIMS])
    for claim, verdict in zip(INDEX_CLAIMS, got):
        assert verdict.verdict == "unchecked", (claim[1], verdict.detail)
        assert "names: L=loss" in verdict.detail, verdict.detail


def test_a_names_directive_settles_the_loss():
    page = "<!-- symbp: names: L=loss -->\n\n" + UNSETTLED_PAGES[0]
    got = _verdicts(page, [c for _, c, _ in INDEX_CLAIMS])
    for (target, claim, value), verdict in zip(INDEX_CLAIMS, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)


def test_nabla_of_the_loss_itself_stays():
    from symbp.check.bare_nabla import PageGradients
    page = PageGradients(ONE_LOSS_PAGES[0] + "\n\n$$\\nabla L = \\nabla Y$$\n")
    assert page.plain(r"\nabla L = \nabla Y") == r"\nabla L = \frac{\partial L}{\partial Y}"
    assert page.plain(r"\nabla \cdot F = 0") == r"\nabla \cdot F = 0"


# ---------------------------------------------------------------- *_{full}, \ast_{\text{valid}}
ROT = W_[::-1, ::-1]
SHAPED_INDEX = [      # the page's names, no directive
    ("X", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} *_{full} \text{rot}_{180}(W)",
     _correlate(G_, ROT, "full")),
    ("X", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \ast_{\text{full}} W", _correlate(G_, W_, "full")),
    ("X", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \circledast_{full} W",
     _correlate(G_, ROT, "full")),                   # a true convolution: the kernel turned round
    ("W", r"\frac{\partial L}{\partial W} = X *_{\mathrm{valid}} \frac{\partial L}{\partial Y}", _correlate(X_, G_, "valid")),
    ("W", r"\frac{\partial L}{\partial W} = X *_{full} \frac{\partial L}{\partial Y}", _correlate(X_, G_, "full")),
]
SHAPED_FOUNDING = [   # the founding notation under a directive
    ("X", r"\frac{\partial J}{\partial a} = \delta *_{full} \text{rot180}(W)", _correlate(G_, ROT, "full")),
    ("X", r"\frac{\partial J}{\partial a} = \delta *_{full} W", _correlate(G_, W_, "full")),
    ("W", r"\frac{\partial J}{\partial W} = a *_{valid} \delta", _correlate(X_, G_, "valid")),
    ("X", r"\frac{\partial J}{\partial a} = \delta *_{\text{valid}} \text{rot180}(W)", _correlate(G_, ROT, "valid")),
]


def test_operator_shape_subscripts_in_the_pages_names():
    page = f"# Backward\n\n{SIZES}\n\n$$Y = X * W + b$$\n\nThe loss is $L$."
    got = _verdicts(page, [c for _, c, _ in SHAPED_INDEX])
    for (target, claim, value), verdict in zip(SHAPED_INDEX, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)
    other = r"\frac{\partial L}{\partial W} = X *_{s} \frac{\partial L}{\partial Y}"     # a subscript not read
    assert _verdicts(page, [other])[0].verdict == "unchecked"


def test_operator_shape_subscripts_in_the_founding_notation():
    page = f"<!-- symbp: layer=conv2d input={H}x{H} kernel={K}x{K} -->\n\n# Backward"
    got = _verdicts(page, [c for _, c, _ in SHAPED_FOUNDING])
    for (target, claim, value), verdict in zip(SHAPED_FOUNDING, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)



# ------------------------------------------------- lower-case forward, claims in capitals
CAPITAL_CLAIMS = [
    ("W", r"\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m,j+n}",
     _entries(lambda m, n: sum(G_[i, j] * X_[i + m, j + n] for i in range(R) for j in range(R)), (K, K))),
    ("W", r"\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+n,j+m}",
     _entries(lambda m, n: sum(G_[i, j] * X_[i + n, j + m] for i in range(R) for j in range(R)), (K, K))),
    ("X", r"\frac{\partial L}{\partial X_{ij}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{i-m,j-n}} W_{mn}",
     _entries(lambda i, j: sum(_at(G_, i - m, j - n) * W_[m, n] for m in range(K) for n in range(K)), (H, H))),
    ("X", r"\frac{\partial L}{\partial X_{ij}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial Y_{i-m,j-n}} W_{nm}",
     _entries(lambda i, j: sum(_at(G_, i - m, j - n) * W_[n, m] for m in range(K) for n in range(K)), (H, H))),
]


def test_capital_entries_of_a_forward_written_in_lower_case():
    page = (f"# Backward\n\nFor a ${H}\\times {H}$ input and a ${K}\\times {K}$ kernel,\n\n"
            r"$$y_{ij} = \sum_{m}\sum_{n} x_{i+m,j+n} w_{mn} + b$$" "\n\nThe loss is $L$.")
    got = _verdicts(page, [c for _, c, _ in CAPITAL_CLAIMS])
    for (target, claim, value), verdict in zip(CAPITAL_CLAIMS, got):
        assert verdict.verdict == ("holds" if _true(target, value) else "refuted"), (claim, verdict.detail)


def test_a_capital_written_as_a_size_takes_no_role():
    from symbp.check.capital_names import entry_capitals
    assert entry_capitals([r"\sum_{j=0}^{W-1} x_{ij}", r"\frac{\partial L}{\partial W_{mn}}"], set()) == set()
    assert entry_capitals([r"H \times W", r"X_{ij} W_{mn}"], set()) == {"X"}
    assert entry_capitals([r"X_{ij} W_{mn}"], {"W"}) == {"X"}
