"""Worked examples whose entries count from 1 for one tensor and from 0 for another (round thirty).

A lecture may write the output gradient ``δ_{1,1} … δ_{3,3}`` beside the input ``x_{00} … x_{33}``.
A kernel-gradient claim ``∂L/∂K[m,n] = Σ δ_{i,j} I[i + m + c, j + n + c]`` is then true or false
by which counting its letters follow; symbp counts a section from one base, so it must not decide
such a claim (held-out 22's false hold).  Where the page counts every tensor from one base, it
still decides.  Truth: torch autograd for the gradient, a plain loop for the claim, each read with
the page's own counting (δ from its base, x and K from theirs), never from symbp.
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.mixed_bases import entry_bases, mixed_claim

torch.set_default_dtype(torch.float64)
H, KS = 4, 2
OUT = H - KS + 1


def _page(delta_base: int, x_base: int, shift: int) -> str:
    """The page: a forward counted from ``x_base`` (the kernel too), δ's matrix from ``delta_base``,
    one worked sum, and the claim with the input read at ``i + m + shift``."""
    lo = x_base
    forward = (rf"O[i,j] = \sum_{{m={lo}}}^{{{lo + KS - 1}}} \sum_{{n={lo}}}^{{{lo + KS - 1}}} "
               rf"I[i + m{' - 1' * lo}, j + n{' - 1' * lo}] \cdot K[m,n].")
    rows = r" \\ ".join(" & ".join(rf"\delta_{{{delta_base + p},{delta_base + q}}}" for q in range(OUT))
                        for p in range(OUT))
    first = (rf"\delta_{{{delta_base},{delta_base}}} x_{{{x_base}{x_base}}} + "
             rf"\delta_{{{delta_base},{delta_base + 1}}} x_{{{x_base}{x_base + 1}}}")
    off = "" if shift == 0 else f" + {shift}" if shift > 0 else f" - {-shift}"
    return (f"# Kernel gradient\n\n## Example\n\nA {H}x{H} input I with entries x, a {KS}x{KS} kernel K, "
            f"stride 1.\n\n$$\n{forward}\n$$\n\nThe upstream gradient is\n\n$$\n"
            rf"\frac{{\partial L}}{{\partial O}} = \begin{{bmatrix}} {rows} \end{{bmatrix}}" "\n$$\n\n"
            f"and the first kernel entry's gradient is ${first}$ and so on, so\n\n$$\n"
            rf"\frac{{\partial L}}{{\partial K[m,n]}} = \sum_{{i,j}} \delta_{{i,j}} \cdot I[i + m{off}, j + n{off}]."
            "\n$$\n")


def _claim_true(delta_base: int, x_base: int, shift: int) -> bool:
    """Whether the claim holds with δ counted from ``delta_base`` and I, K from ``x_base``."""
    torch.manual_seed(7)
    x = torch.randn(1, 1, H, H)
    k = torch.randn(1, 1, KS, KS, requires_grad=True)
    g = torch.randn(1, 1, OUT, OUT)
    (torch.nn.functional.conv2d(x, k) * g).sum().backward()
    for m, n in itertools.product(range(x_base, x_base + KS), repeat=2):
        total = 0.0
        for i, j in itertools.product(range(delta_base, delta_base + OUT), repeat=2):
            r, c = i + m + shift - x_base, j + n + shift - x_base      # I's position, 0-based
            if not (0 <= r < H and 0 <= c < H):
                return False                                          # the claim reads outside I
            total += float(g[0, 0, i - delta_base, j - delta_base] * x[0, 0, r, c])
        if abs(total - float(k.grad[0, 0, m - x_base, n - x_base])) > 1e-9:
            return False
    return True


CASES = [(db, xb, s) for db in (0, 1) for xb in (0, 1) for s in (-1, 0, 1)]


@pytest.mark.parametrize("delta_base, x_base, shift", CASES)
def test_kernel_gradient_claim_never_wrong_under_either_counting(delta_base, x_base, shift):
    truth = _claim_true(delta_base, x_base, shift)
    claim = check_text(_page(delta_base, x_base, shift), "md").claims[-1]
    assert r"\partial K[m,n]" in claim.latex
    assert claim.verdict != ("refuted" if truth else "holds"), (truth, claim.detail)
    if delta_base != x_base:                 # the page's two countings: neither is decided
        assert claim.verdict == "unchecked" and "from 1" in claim.detail and "from 0" in claim.detail
    else:                                    # one counting: decided, and rightly
        assert claim.verdict == ("holds" if truth else "refuted"), claim.detail


def test_the_mixed_case_that_was_a_false_hold_is_false_under_the_pages_counting():
    # δ from 1, input from 0, the claim with I[i + m, j + n]: true if δ counted from 0, false as written
    assert _claim_true(0, 0, 0) and not _claim_true(1, 0, 0)


def test_single_index_entries_and_lone_entries_set_no_base():
    bases = entry_bases([r"x_0 = 1, x_1, x_2", r"w_{11} w_{12} w_{21}", r"b_{00}"])
    assert {n: b for n, (b, _) in bases.items()} == {"w": 1, "b": 0}      # a lone b_{00}: a first entry
    middle = entry_bases([r"x_{11} \text{ (the middle pixel)}", r"f_{00} f_{01} f_{10} f_{11}"])
    assert middle["x"][0] is None                     # a lone x_{11} may be any entry (held-out 10)
    side_by_side = entry_bases([r"\delta_{1,1}, \quad I[0,0]"])
    assert {n: b for n, (b, _) in side_by_side.items()} == {r"\delta": 1, "I": 0}   # two first entries
    assert mixed_claim(r"\frac{\partial E}{\partial w_{ij}} = \delta_i x_j", {"w": bases["w"]}) is None
    assert "b from 0" in mixed_claim(r"\frac{\partial E}{\partial w_{ij}} = \delta_i x_j", bases)


def test_delta_written_from_one_alone_is_not_read_from_zero():
    # round 30's red team: only δ writes entries (from 1, also as δ_{(1,1)}); the forward counts from 0
    for spell in ("\\delta_{{{p},{q}}}", "\\delta_{{({p},{q})}}"):
        page = _page(1, 0, 0).replace("x_{00} + ", "").replace(" x_{01}", "")
        page = page.replace("\\delta_{1,1}", spell.format(p=1, q=1))
        truth = _claim_true(1, 0, 0)
        claim = check_text(page, "md").claims[-1]
        assert not truth and claim.verdict != "holds", claim.detail


def _spelled(page: str, spelling: str, delta_base: int, x_base: int) -> str:
    """``page`` (:func:`_page`) with δ's counting written another way (round 30's red team's
    open rows): superscripts ``δ^{11}``, a channel digit first (``δ_{111}``, ``x_{100}``), or only
    the prose saying how each name is counted."""
    import re
    if spelling == "superscript":
        return re.sub(r"\\delta_\{(\d),(\d)\}", r"\\delta^{\1\2}", page)
    if spelling == "channel digit":
        page = re.sub(r"\\delta_\{(\d),(\d)\}", r"\\delta_{1\1\2}", page)
        return re.sub(r"x_\{(\d)(\d)\}", r"x_{1\1\2}", page)
    page = re.sub(r"\$\$\n\\frac\{\\partial L\}\{\\partial O\}.*?\$\$\n", "", page, flags=re.S)
    page = re.sub(r"and the first kernel entry's gradient is \$.*?\$ and so on, so",
                  "The kernel's gradient is then", page)
    if spelling == "indexed":                 # round 31's red team: "1-indexed", "zero-based"
        return page.replace("stride 1.", f"stride 1. The upstream gradient δ is {delta_base}-indexed, while "
                                         f"I and K are {['zero', 'one'][x_base]}-based.")
    if spelling == "first entries":           # δ_{1,1}, I[0,0]: each name's first entry, once
        return page.replace("The kernel's gradient is then", f"The first entries are\n\n$$\n\\delta_{{{delta_base},"
                            f"{delta_base}}}, \\quad I[{x_base},{x_base}]\n$$\n\nand so")
    return page.replace("stride 1.", f"stride 1. The entries of δ are numbered from {delta_base}, while "
                                     f"I and K are numbered from {x_base}.")


@pytest.mark.parametrize("spelling", ["superscript", "channel digit", "prose", "indexed", "first entries"])
@pytest.mark.parametrize("delta_base, x_base, shift", [(1, 0, 0), (1, 0, -1), (0, 0, 0), (1, 1, 0)])
def test_deltas_counting_in_other_spellings(spelling, delta_base, x_base, shift):
    truth = _claim_true(delta_base, x_base, shift)
    page = _spelled(_page(delta_base, x_base, shift), spelling, delta_base, x_base)
    assert spelling == "first entries" or (r"\delta_{1,1}" not in page and r"\delta_{0,0}" not in page)
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != ("refuted" if truth else "holds"), (truth, claim.detail)
    if delta_base != x_base:
        assert claim.verdict == "unchecked" and "from 1" in claim.detail and "from 0" in claim.detail, claim.detail


def test_the_prose_counting_reads_the_names_of_its_own_clause():
    from symbp.check.mixed_bases import prose_bases
    said = prose_bases("The entries of δ are numbered from 1, while $I$ and K are counted from 0. "
                       "A layer starts at 1.")
    assert {n: b for n, (b, _) in said.items()} == {r"\delta": 1, "I": 0, "K": 0}


def _dense_input_grad_true(y_base: int, lo: int) -> bool:
    """Whether ``∂E/∂x_i = Σ_{j=lo}^{lo+m-1} w_{ij} ∂E/∂y_j`` holds for ``y_j = Σ_{i=0}^{n} w_{ij} x_i``
    with the outputs counted from ``y_base`` (x from 0): torch autograd against a plain loop."""
    n_in, m = 3, 2
    w = torch.randn(n_in, m)
    x = torch.randn(n_in, requires_grad=True)
    g = torch.randn(m)                       # ∂E/∂y, the outputs' own order
    (x @ w @ g).backward()
    for i in range(n_in):
        total = 0.0
        for j in range(lo, lo + m):
            col = j - y_base                 # the page's y_j is the (j - y_base)-th output
            if not 0 <= col < m:
                return False                 # the sum names an output the page does not have
            total += w[i, col] * g[col]
        if abs(total - x.grad[i]) > 1e-9:
            return False
    return True


@pytest.mark.parametrize("y_base, lo", [(1, 0), (1, 1), (0, 0), (0, 1)])
def test_dense_outputs_listed_from_their_first_entry(y_base, lo):
    # round 31's red team: the forward sums its inputs from 0, the prose lists y_1, …, y_m
    torch.manual_seed(3)
    truth = _dense_input_grad_true(y_base, lo)
    listing = r"y_1, \dots, y_m" if y_base else r"y_0, \dots, y_{m-1}"
    page = ("# Perceptron\n\nE is the error; the bias is folded in as the input $x_0 = 1$.\n\n"
            "$$\ny_j = \\sum_{i=0}^{n} w_{ij} x_i\n$$\n\n"
            f"The outputs are ${listing}$.\n\n$$\n"
            f"\\frac{{\\partial E}}{{\\partial x_i}} = \\sum_{{j={lo}}}^{{{'m' if lo else 'm-1'}}} "
            "w_{ij} \\frac{\\partial E}{\\partial y_j}\n$$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict != ("refuted" if truth else "holds"), (truth, claim.detail)
    if y_base == 0 and truth:                # one counting, the page's: decided
        assert claim.verdict == "holds", claim.detail
    elif y_base == 1:                        # y from 1 beside x from 0: undecided
        assert claim.verdict == "unchecked", claim.detail
