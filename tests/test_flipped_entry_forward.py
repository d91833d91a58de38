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
