"""A page whose only forward is one output entry written out with the kernel flipped,
``y_{1,1} = w_{0,0} x_{1,1} + w_{0,1} x_{1,0} + w_{1,0} x_{0,1} + w_{1,1} x_{0,0}``, computes a true
convolution: its index claims are read so, with the output's first entry where the flipped kernel
first fits (``K - 1`` from the page's first index).  Red team 45 found this page's two wrong claims
held and its two right ones refuted when the entries were read as a cross-correlation (round 39).
Truth: torch autograd (float64) of the forward the page writes, the claims summed by plain loops
over the entries that exist; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _entry(out: str, inp: str, ker: str, i: int, j: int, k: int, base: int) -> str:
    """The output entry (i, j) (0-based, counted from where the flipped kernel fits) written out."""
    terms = [f"{ker}_{{{m + base},{n + base}}} {inp}_{{{i + k - 1 - m + base},{j + k - 1 - n + base}}}"
             for m in range(k) for n in range(k)]
    return f"{out}_{{{i + k - 1 + base},{j + k - 1 + base}}} = " + " + ".join(terms)


def _claims(inp: str, ker: str, loss: str) -> list:
    """(claim, sign pattern) for ∂L/∂w and ∂L/∂x with either sign of the shift."""
    return [(rf"\frac{{\partial {loss}}}{{\partial {ker}_{{m,n}}}} = \sum_i \sum_j \delta_{{i,j}} {inp}_{{i{s}m,j{s}n}}", "w", s)
            for s in "+-"] + \
           [(rf"\frac{{\partial {loss}}}{{\partial {inp}_{{i,j}}}} = \sum_m \sum_n \delta_{{i{s}m,j{s}n}} {ker}_{{m,n}}", "x", s)
            for s in "+-"]


def _truth(what: str, sign: str, size: int, k: int, first: int | None = None) -> bool:
    """Whether the claim holds for y_{i,j} = Σ w_{m,n} x_{i-m,j-n} (i, j from k - 1, 0-based; or the same
    outputs counted from ``first``, as MATLAB's conv2 'valid' counts them from 0)."""
    torch.manual_seed(size * 10 + k)
    x = torch.randn(size, size, requires_grad=True)
    w = torch.randn(k, k, requires_grad=True)
    out = size - k + 1
    y = torch.stack([torch.stack([sum(w[m, n] * x[i + k - 1 - m, j + k - 1 - n] for m in range(k) for n in range(k))
                                  for j in range(out)]) for i in range(out)])
    g = torch.randn(out, out)
    grads = torch.autograd.grad((y * g).sum(), (x, w))
    x, w = x.detach(), w.detach().requires_grad_(False)
    first = k - 1 if first is None else first
    delta = {(i + first, j + first): g[i, j] for i in range(out) for j in range(out)}    # the page's indices
    shift = 1 if sign == "+" else -1
    if what == "w":
        claimed = torch.tensor([[sum((delta[i, j] * x[i + shift * m, j + shift * n] for (i, j) in delta
                                      if 0 <= i + shift * m < size and 0 <= j + shift * n < size), torch.tensor(0.0))
                                 for n in range(k)] for m in range(k)])
        return torch.allclose(claimed, grads[1])
    claimed = torch.tensor([[sum((delta[i + shift * m, j + shift * n] * w[m, n] for m in range(k) for n in range(k)
                                  if (i + shift * m, j + shift * n) in delta), torch.tensor(0.0))
                             for j in range(size)] for i in range(size)])
    return torch.allclose(claimed, grads[0])


@pytest.mark.parametrize("letters", [("y", "x", "w", "L"), ("O", "I", "K", "E")])
@pytest.mark.parametrize("k", [2, 3])
def test_claims_under_a_flipped_entry_forward_follow_the_true_convolution(letters, k):
    out, inp, ker, loss = letters
    page = (f"# Backward pass of a convolution\n\nThe forward pass, entry by entry, for a {k}×{k} kernel:\n\n"
            f"$$\n{_entry(out, inp, ker, 0, 0, k, 0)}\n$$\n\n")
    claims = _claims(inp, ker, loss)
    page += "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
    got = {c.latex.strip(): c.verdict for c in check_text(page, "md").claims}
    for claim, what, sign in claims:
        truth = all(_truth(what, sign, size, k) for size in (k + 1, k + 2))
        verdict = got[claim]
        assert verdict in ("holds", "refuted", "unchecked")
        assert verdict != ("refuted" if truth else "holds"), (claim, verdict, truth)
    assert sum(got[c] == ("holds" if all(_truth(w_, s, n, k) for n in (k + 1, k + 2)) else "refuted")
               for c, w_, s in claims) == 4


def test_the_truth_script_tells_the_signs_apart():
    assert _truth("w", "-", 4, 2) and not _truth("w", "+", 4, 2)
    assert _truth("x", "+", 4, 2) and not _truth("x", "-", 4, 2)


def test_a_cross_correlation_written_in_entries_is_not_read_as_flipped():
    from symbp.check.doc_written_stride import written_flip
    roles = {"y": "output", "x": "input", "w": "kernel"}
    assert written_flip(roles, [r"y_{0,0} = w_{0,0} x_{0,0} + w_{0,1} x_{0,1} + w_{1,0} x_{1,0} + w_{1,1} x_{1,1}"], 0) == {}
    assert written_flip(roles, [r"y_{1,1} = w_{1,1} x_{1,1} + w_{1,2} x_{1,2} + w_{2,1} x_{2,1} + w_{2,2} x_{2,2}"], 1) == {}
    assert written_flip(roles, [r"y_{1,1} = w_{0,0} x_{1,1} + w_{0,1} x_{1,2}"], 0) == {}     # neither: a slip
    assert written_flip(roles, [_entry("y", "x", "w", 0, 0, 2, 1)], 1)["conv"] == "true"


INLINE_STAR = ("# Backward pass of a convolution\n\nThe layer computes $y = x * w$, where $*$ flips the kernel: "
               "a true convolution.\n\n")


@pytest.mark.parametrize("k", [2, 3])
def test_an_operator_only_true_convolution_leaves_the_output_count_open(k):
    """Red team 45: with only ``y = x * w`` (true), a claim indexed by δ_{i,j} holds under one count of the
    outputs and fails under the other: never refuted or held on a guess of the count."""
    claims = _claims("x", "w", "L")
    page = INLINE_STAR + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
    got = {c.latex.strip(): c for c in check_text(page, "md").claims}
    for claim, what, sign in claims:
        counts = {all(_truth(what, sign, size, k, first) for size in (k + 1, k + 2)) for first in (k - 1, 0)}
        verdict = got[claim].verdict
        if len(counts) == 2:
            assert verdict == "unchecked" and "counted from" in got[claim].detail, (claim, got[claim].detail)
        else:
            assert verdict != ("refuted" if counts.pop() else "holds"), (claim, verdict)


DIRECTIVE = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: x=input w=kernel y=output L=loss -->\n"


@pytest.mark.parametrize("words", [
    "We use a cross-correlation (PyTorch's `Conv2d`). In signal processing one would instead write, for the first entry,",
    "Our layer slides the kernel without flipping it. For contrast, the signal-processing convolution would give",
    "Exercise: check that a flipped kernel gives, for the first entry,",
])
def test_flipped_rows_set_aside_by_the_words_are_not_the_pages_forward(words):
    """Red team 46: a flipped entry row written as a contrast or an exercise, on a page whose layer does not flip,
    made the page a true convolution (18 bad rows).  Truth: the cross-correlation, torch's conv2d."""
    torch.manual_seed(3)
    x, w = torch.randn(1, 1, 4, 4), torch.randn(1, 1, 2, 2, requires_grad=True)
    g = torch.randn(1, 1, 3, 3)
    (gw,) = torch.autograd.grad((torch.nn.functional.conv2d(x, w) * g).sum(), (w,))
    plus = torch.tensor([[sum(g[0, 0, i, j] * x[0, 0, i + m, j + n] for i in range(3) for j in range(3))
                          for n in range(2)] for m in range(2)])
    assert torch.allclose(plus, gw[0, 0])                 # dL/dw_{m,n} = Σ δ_{i,j} x_{i+m,j+n}: true
    claims = _claims("x", "w", "L")[:2]
    page = (DIRECTIVE + "# Convolution\n\n" + words + "\n\n$$\n" + _entry("y", "x", "w", 0, 0, 2, 0) + "\n$$\n\n"
            + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims))
    got = {c.latex.strip(): c.verdict for c in check_text(page, "md").claims}
    assert got[claims[0][0]] != "refuted" and got[claims[1][0]] != "holds", got


MATLAB_COUNT_CLAIM = r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} x_{i-m+1,j-n+1}"


def _matlab_count_claim_true(first: int) -> bool:
    """Whether Σ δ_{i,j} x_{i-m+1,j-n+1} is ∂L/∂w for y = x * w (true, 3x3 input, 2x2 kernel), the outputs
    counted from ``first``; entries outside x are zero."""
    torch.manual_seed(11)
    x, w = torch.randn(3, 3), torch.randn(2, 2, requires_grad=True)
    y = torch.stack([torch.stack([sum(w[m, n] * x[i + 1 - m, j + 1 - n] for m in range(2) for n in range(2))
                                  for j in range(2)]) for i in range(2)])
    g = torch.randn(2, 2)
    (gw,) = torch.autograd.grad((y * g).sum(), (w,))
    delta = {(i + first, j + first): g[i, j] for i in range(2) for j in range(2)}
    claimed = torch.tensor([[sum((d * x[i - m + 1, j - n + 1] for (i, j), d in delta.items()
                                  if 0 <= i - m + 1 < 3 and 0 <= j - n + 1 < 3), torch.tensor(0.0))
                             for n in range(2)] for m in range(2)])
    return torch.allclose(claimed, gw)


@pytest.mark.parametrize("count_said", [
    "The output's entries are $y_{1,1}, y_{1,2}, y_{2,1}, y_{2,2}$, indices from 0 as for the input.\n\n$$y = x * w$$",
    "The forward, entry by entry:\n\n$$y_{1,1} = w_{0,0} x_{1,1} + w_{0,1} x_{1,0} + w_{1,0} x_{0,1} + w_{1,1} x_{0,0}$$",
])
def test_a_claim_in_matlabs_count_is_not_held_where_the_page_counts_from_k_minus_one(count_said):
    """Red team 46: with conv=true and the outputs counted from K - 1 (said in words, or by the page's flipped entry
    rows), a claim right only in MATLAB's count was held: the other count was not readable, so nothing doubted it."""
    assert _matlab_count_claim_true(0) and not _matlab_count_claim_true(1)
    page = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=true names: x=input w=kernel y=output L=loss -->\n"
            f"# Convolution\n\n{count_said}\n\n$$ {MATLAB_COUNT_CLAIM} $$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != "holds", claim.detail


@pytest.mark.parametrize("rows", [
    [r"y_{1,0} = w_{0,0} x_{1,0} + w_{0,1} x_{1,1} + w_{1,0} x_{0,0} + w_{1,1} x_{0,1}"],          # rows flipped only
    [r"y_{0,1} = w_{0,0} x_{0,1} + w_{0,1} x_{0,0} + w_{1,0} x_{1,1} + w_{1,1} x_{1,0}"],          # columns only
    [r"y_{0,0} = w_{0,0} x_{1,1} + w_{0,1} x_{1,0} + w_{1,0} x_{0,1} + w_{1,1} x_{0,0}",           # flipped, stride 2
     r"y_{0,1} = w_{0,0} x_{1,3} + w_{0,1} x_{1,2} + w_{1,0} x_{0,3} + w_{1,1} x_{0,2}"],
])
def test_entries_flipped_on_one_axis_or_at_a_stride_leave_index_claims_unchecked(rows):
    """Red team 46: such rows were read as a cross-correlation and Σ δ_{i,j} x_{i+m,j+n}, which the rows make
    false, held.  Truth by the rows themselves: the kernel tap each product pairs with each input entry."""
    taps = {(int(c), int(d), int(e), int(f)) for row in rows
            for e, f, c, d in __import__("re").findall(r"w_\{(\d),(\d)\} x_\{(\d),(\d)\}", row)}
    heads = [tuple(map(int, __import__("re").match(r"y_\{(\d),(\d)\}", row).groups())) for row in rows]
    plain = all((c - a, d - b) == (e, f) for (a, b), row in zip(heads, rows)
                for c, d, e, f in {t for t in taps if f"x_{{{t[0]},{t[1]}}}" in row})
    assert not plain                                      # the claim below (a cross-correlation's) is false here
    claim = r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} x_{i+m,j+n}"
    page = ("# Convolution\n\nThe forward, entry by entry:\n\n$$\n" + r" \\ ".join(rows) + "\n$$\n\n"
            f"$$\n{claim}\n$$\n")
    for directive in ("", DIRECTIVE.replace("4x4", "5x5" if len(rows) > 1 else "4x4")):
        verdict = check_text(directive + page, "md").claims[-1]
        assert verdict.verdict != "holds", verdict.detail


@pytest.mark.parametrize("definition", [
    "Here $*$ is the convolution $(x * w)_{i,j} = \\sum_m \\sum_n x_{i-m,j-n} w_{m,n}$, valid part only.",
    "Here $*$ is the convolution\n\n$$(x * w)_{i,j} = \\sum_m \\sum_n x_{i-m,j-n} w_{m,n}$$\n\nvalid part only.",
])
def test_a_forward_written_with_an_operator_the_page_defines_is_that_definition(definition):
    """Red team 46: ``y = x * w`` under the page's own index definition of ``*`` (a true convolution, its outputs
    counted from K - 1) was read in the section's default cross-correlation: its wrong claims held."""
    claims = _claims("x", "w", "L")
    page = (DIRECTIVE + "# Convolution layer\n\n" + definition + "\n\n$$\ny = x * w\n$$\n\n"
            + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims))
    got = {c.latex.strip(): c.verdict for c in check_text(page, "md").claims}
    for claim, what, sign in claims:
        truth = _truth(what, sign, 4, 2)                  # the definition: y_{i,j} = Σ x_{i-m,j-n} w_{m,n}, i from 1
        assert got[claim] == ("holds" if truth else "refuted"), (claim, got[claim], truth)


@pytest.mark.parametrize("words", [
    "Our layer slides the kernel without flipping it. For contrast, the signal-processing convolution would give",
    "Exercise: check that a flipped kernel gives, for the first entry,",
])
def test_a_flipped_row_set_aside_is_not_refuted_as_the_pages_layer(words):
    """The row is true of the convolution it speaks of (torch: conv2d with the kernel flipped, the first entry
    where it fits); refuted as the page's own cross-correlation, it was a correct statement refuted."""
    torch.manual_seed(6)
    x, w = torch.randn(3, 3), torch.randn(2, 2)
    flipped = torch.nn.functional.conv2d(x[None, None], torch.flip(w, (0, 1))[None, None])[0, 0, 0, 0]
    written = w[0, 0] * x[1, 1] + w[0, 1] * x[1, 0] + w[1, 0] * x[0, 1] + w[1, 1] * x[0, 0]
    assert torch.allclose(flipped, written)
    page = DIRECTIVE + "# Convolution\n\n" + words + "\n\n$$\n" + _entry("y", "x", "w", 0, 0, 2, 0) + "\n$$\n"
    assert check_text(page, "md").claims[0].verdict != "refuted"
