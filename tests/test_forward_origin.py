"""Where a document's output indices start, read from its own entry forward
(``z_{ij} = Σ_m Σ_n w_{mn} a_{i-m+c, j-n+c}`` and ``a_{i+m+c, j+n+c}``) for entries counted from
0 or 1, any constant offset c, kernel 2 and 3, true convolution and cross-correlation.

Truth: the forward is evaluated with plain loops over torch tensors and differentiated by torch
autograd; the output's index range is the set of i whose every kernel tap lands inside the input
(found by enumeration, not by a formula).  The claims are written from the same loops: a correct
one (every tap that reaches the entry), and a wrong one (the kernel read the other way round),
each confirmed by autograd before symbp sees it."""
import itertools

import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_geometry import forward_output_origin

torch.set_default_dtype(torch.float64)
DELTA = r"\delta"


def _signed(c: int) -> str:
    return "" if c == 0 else f"+{c}" if c > 0 else f"{c}"


def _layer(base, k, h, c, flipped, seed=0):
    """(rows of the output, grads, taps) of the document's forward on an h×h input: taps[(i, m)]
    is the input index that output i reads through kernel index m (document's numbering)."""
    kernel = range(base, base + k)
    inputs = range(base, base + h)

    def tap(i, m):
        return i - m + c if flipped else i + m + c
    rows = [i for i in range(-10, 20) if all(tap(i, m) in inputs for m in kernel)]
    gen = torch.Generator().manual_seed(seed)
    a = torch.randn(h, h, generator=gen, requires_grad=True)
    w = torch.randn(k, k, generator=gen, requires_grad=True)
    z = torch.stack([torch.stack([sum(w[m - base, n - base] * a[tap(i, m) - base, tap(j, n) - base]
                                      for m in kernel for n in kernel) for j in rows]) for i in rows])
    delta = torch.randn(*z.shape, generator=gen)
    (z * delta).sum().backward()
    return rows, a, w, delta, tap, kernel


def _forward_latex(base, k, c, flipped):
    sign = "-" if flipped else "+"
    return (rf"z_{{ij}} = \sum_{{m={base}}}^{{{base + k - 1}}}\sum_{{n={base}}}^{{{base + k - 1}}} "
            rf"w_{{mn}} \, a_{{i{sign}m{_signed(c)},j{sign}n{_signed(c)}}}")


def _cases():
    for base, k, flipped in itertools.product((0, 1), (2, 3), (True, False)):
        h = k + 2
        for c in range(-3, 7):
            rows = [i for i in range(-10, 20)
                    if all((i - m + c if flipped else i + m + c) in range(base, base + h)
                           for m in range(base, base + k))]
            if rows and 0 <= rows[0] <= 2 and rows[-1] <= 9:
                yield base, k, c, flipped


CASES = list(_cases())


def test_the_cases_cover_both_bases_conventions_and_offsets():
    assert {(b, f) for b, _, _, f in CASES} == {(0, True), (0, False), (1, True), (1, False)}
    assert len({c for b, k, c, f in CASES if f and b == 1}) >= 3


@pytest.mark.parametrize("base,k,c,flipped", CASES)
def test_origin_formula_matches_the_enumerated_first_output_index(base, k, c, flipped):
    rows, *_ = _layer(base, k, k + 2, c, flipped)
    assert forward_output_origin(c, flipped, k, base) == rows[0]


def _entry(name, i, j):
    return f"{name}_{{{i}{j}}}"


@pytest.mark.parametrize("base,k,c,flipped", CASES)
def test_claims_under_an_offset_forward(base, k, c, flipped):
    h = k + 2
    rows, a, w, delta, tap, kernel = _layer(base, k, h, c, flipped)
    first = base
    # ∂J/∂a at the input's first entry: every (i, m) whose tap lands there
    terms = [(i, j, m, n) for i in rows for j in rows for m in kernel for n in kernel
             if tap(i, m) == first and tap(j, n) == first]
    d = lambda i, j: delta[rows.index(i), rows.index(j)].item()      # noqa: E731
    W = lambda m, n: w[m - base, n - base].item()                   # noqa: E731
    A = lambda p, q: a[p - base, q - base].item()                    # noqa: E731
    mirror = lambda m: 2 * base + k - 1 - m                          # noqa: E731
    right = sum(d(i, j) * W(m, n) for i, j, m, n in terms)
    wrong = sum(d(i, j) * W(mirror(m), mirror(n)) for i, j, m, n in terms)
    assert abs(a.grad[0, 0].item() - right) < 1e-12 and abs(a.grad[0, 0].item() - wrong) > 1e-6
    da_right = " + ".join(f"{_entry(DELTA, i, j)} {_entry('w', m, n)}" for i, j, m, n in terms)
    da_wrong = " + ".join(f"{_entry(DELTA, i, j)} {_entry('w', mirror(m), mirror(n))}"
                          for i, j, m, n in terms)
    # ∂J/∂w at the kernel's first entry: Σ_ij δ_ij a_{tap(i, m), tap(j, n)}
    dw_right_value = sum(d(i, j) * A(tap(i, first), tap(j, first)) for i in rows for j in rows)
    last = base + k - 1
    dw_wrong_value = sum(d(i, j) * A(tap(i, last), tap(j, last)) for i in rows for j in rows)
    assert abs(w.grad[0, 0].item() - dw_right_value) < 1e-12
    assert abs(w.grad[0, 0].item() - dw_wrong_value) > 1e-6
    dw_right = " + ".join(f"{_entry(DELTA, i, j)} {_entry('a', tap(i, first), tap(j, first))}"
                          for i in rows for j in rows)
    dw_wrong = " + ".join(f"{_entry(DELTA, i, j)} {_entry('a', tap(i, last), tap(j, last))}"
                          for i in rows for j in rows)
    fa, fw = _entry("a", first, first), _entry("w", first, first)
    doc = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} index_base={base} -->\n\n"
           f"$$\n{_forward_latex(base, k, c, flipped)}\n$$\n\n"
           + "".join(f"$$\n\\frac{{\\partial J}}{{\\partial {lhs}}} = {rhs}\n$$\n\n"
                     for lhs, rhs in ((fa, da_right), (fa, da_wrong), (fw, dw_right), (fw, dw_wrong))))
    got = [cl.verdict for cl in check_text(doc, "md").claims if cl.verdict != "definition"]
    assert got == ["holds", "refuted", "holds", "refuted"], (doc, got)


@pytest.mark.parametrize("offset,base,hi", [("k", 1, "k"), ("K-1", 0, "K-1")])
def test_the_kernel_size_letter_as_the_offset(offset, base, hi):
    """``x_{i-m+k, j-n+k}`` (m = 1..k) and ``x_{i-m+K-1}`` (m = 0..K-1): the letter is the
    kernel's size, so the output starts at the base, and the sizes come from the prose."""
    k, h = 3, 4
    rows, a, w, delta, tap, kernel = _layer(base, k, h, k - 1 + base, True)
    assert rows[0] == base
    right = delta[0, 0].item() * w[k - 1, k - 1].item()
    assert abs(a.grad[0, 0].item() - right) < 1e-12
    f, last = base, base + k - 1
    sym = hi[0]
    doc = (f"A {h}x{h} input and a {k}x{k} kernel.\n\n"
           rf"$$z_{{ij}} = \sum_{{m={base}}}^{{{hi}}}\sum_{{n={base}}}^{{{hi}}} w_{{mn}} x_{{i-m+{offset},j-n+{offset}}}$$"
           "\n\n"
           rf"$$\frac{{\partial J}}{{\partial x_{{{f}{f}}}}} = \delta_{{{f}{f}}} w_{{{last}{last}}}$$"
           "\n\n"
           rf"$$\frac{{\partial J}}{{\partial x_{{{f}{f}}}}} = \delta_{{{f}{f}}} w_{{{f}{f}}}$$" "\n")
    assert sym in doc
    got = [cl.verdict for cl in check_text(doc, "md").claims if cl.verdict != "definition"]
    assert got == ["holds", "refuted"], (doc, got)


def test_a_padding_letter_is_still_a_padding():
    """``x_{i+m-p}`` with m = 0..2p: p (subtracted) stays the padding letter, not an offset by
    the kernel's size (which would start the output at p, past the padded entries)."""
    from symbp.check.doc_infer import infer_roles
    roles, extra = infer_roles(r"z_{ij} = \sum_{m=0}^{2p}\sum_{n=0}^{2p} w_{mn} x_{i+m-p,j+n-p}")
    assert extra.get("padding_letter") == ("-p", "-p")
    roles, extra = infer_roles(r"z_{ij} = \sum_{m=1}^{k}\sum_{n=1}^{k} w_{mn} x_{i-m+k,j-n+k}")
    assert not extra.get("padding_letter")


def test_sizes_inferred_from_the_largest_subscripts_refute_no_entry_beyond_them():
    """No directive: the founding reader infers a 5x4 input from a_{54}, the largest entry the
    claims write, while the prose says 5x5; δ_{33} (of a 3x3 output) is no proof that the claim
    is wrong.  The index reader, sized by the prose, decides it."""
    rows, a, w, delta, tap, kernel = _layer(1, 3, 5, -1, False)
    assert rows == [1, 2, 3]
    right = delta[2, 1].item() * w[2, 2].item() + delta[2, 2].item() * w[2, 1].item()
    assert abs(a.grad[4, 3].item() - right) < 1e-12                 # ∂J/∂a_{54}
    wrong = delta[2, 1].item() * w[2, 1].item() + delta[2, 2].item() * w[2, 2].item()
    assert abs(a.grad[4, 3].item() - wrong) > 1e-6
    doc = ("A $5\\times 5$ input $a$ and a $3\\times 3$ kernel $w$.\n\n"
           r"$$z_{ij} = \sum_{m=1}^{3}\sum_{n=1}^{3} w_{mn} \, a_{i+m-1,j+n-1}$$" "\n\n"
           r"$$\frac{\partial J}{\partial a_{54}} = \delta_{32} w_{33} + \delta_{33} w_{32}$$" "\n\n"
           r"$$\frac{\partial J}{\partial a_{54}} = \delta_{32} w_{32} + \delta_{33} w_{33}$$" "\n")
    got = [cl.verdict for cl in check_text(doc, "md").claims if cl.verdict != "definition"]
    assert got == ["holds", "refuted"], got
