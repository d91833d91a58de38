"""Several equations in one display (issue 12 point 4): parts separated by `\\quad`, `\\qquad`,
`\\;\\;` or a top-level `,` are checked as separate claims on the display's line, exactly like
`\\\\` rows.  The truth of each part comes from torch autograd on a 3x3 input with a 2x2 kernel
(cross-correlation, the founding notation's `*`), never from symbp."""
import pathlib

import pytest
import torch
import torch.nn.functional as F

from symbp.check import document
from symbp.check.checker import check_text
from symbp.check.equation_rows import _split_breaks, split_equations, split_rows

ROOT = pathlib.Path(__file__).resolve().parent.parent
SETUP = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n"
DB = r"\frac{\partial J}{\partial b} = \sum_{u,v} \delta"
DW = r"\frac{\partial J}{\partial W} = a * \delta"
DW_ROT = r"\frac{\partial J}{\partial W} = a * \text{rot}180(\delta)"
DA = r"\frac{\partial J}{\partial a} = \text{pad}_{1}(\delta) * \text{rot}180(W)"
DA_NOROT = r"\frac{\partial J}{\partial a} = \text{pad}_{1}(\delta) * W"


def _torch_truth() -> dict:
    """Which closed form equals torch's gradient, at random values (J = sum(delta * y))."""
    gen = torch.Generator().manual_seed(12)
    a = torch.randn(1, 1, 3, 3, dtype=torch.float64, generator=gen, requires_grad=True)
    W = torch.randn(1, 1, 2, 2, dtype=torch.float64, generator=gen, requires_grad=True)
    b = torch.randn(1, dtype=torch.float64, generator=gen, requires_grad=True)
    delta = torch.randn(1, 1, 2, 2, dtype=torch.float64, generator=gen)
    (F.conv2d(a, W, b) * delta).sum().backward()
    rot = lambda t: torch.flip(t, dims=(2, 3))
    a_, d_ = a.detach(), delta
    return {
        DB: torch.allclose(b.grad, d_.sum().reshape(1)),
        DW: torch.allclose(W.grad, F.conv2d(a_, d_)),
        DW_ROT: torch.allclose(W.grad, F.conv2d(a_, rot(d_))),
        DA: torch.allclose(a.grad, F.conv2d(F.pad(d_, (1, 1, 1, 1)), rot(W.detach()))),
        DA_NOROT: torch.allclose(a.grad, F.conv2d(F.pad(d_, (1, 1, 1, 1)), W.detach())),
        "W12": torch.allclose(W.grad[0, 0, 0, 1], (a_[0, 0, 0:2, 1:3] * d_[0, 0]).sum()),
    }


TRUTH = _torch_truth()


def _verdicts(display: str) -> list[tuple[int, str, str]]:
    report = check_text(SETUP + "$$" + display + "$$\n", "md")
    return [(c.line, c.latex.strip().rstrip(",.").strip(), c.verdict) for c in report.claims]


def _expected(*claims: str) -> list[tuple[int, str, str]]:
    return [(3, c, "holds" if TRUTH[c] else "refuted") for c in claims]


def test_torch_truth_is_not_trivial():
    assert TRUTH[DB] and TRUTH[DW] and TRUTH[DA]
    assert not TRUTH[DW_ROT] and not TRUTH[DA_NOROT]


@pytest.mark.parametrize("sep", [r" \quad ", r" \qquad ", r" \;\; ", r", ", r",\quad ", r" \,\, "])
def test_two_equations_side_by_side_get_one_verdict_each(sep):
    assert _verdicts(DB + sep + DW) == _expected(DB, DW)


def test_wrong_second_part_is_refuted_and_first_still_holds():
    assert _verdicts(DB + r" \quad " + DW_ROT) == _expected(DB, DW_ROT)
    assert _verdicts(DW_ROT + r", \qquad " + DA) == _expected(DW_ROT, DA)


def test_comma_separated_pair_with_trailing_period_has_no_empty_claim():
    assert _verdicts(DA_NOROT + ", " + DB + ".") == _expected(DA_NOROT, DB)
    assert _verdicts(DA + ",") == _expected(DA)


def test_same_verdicts_as_the_same_parts_written_as_rows():
    side = check_text(SETUP + "$$" + DB + r" \quad " + DW_ROT + r" \quad " + DA + "$$\n", "md")
    rows = check_text(SETUP + "$$" + DB + r" \\ " + DW_ROT + r" \\ " + DA + "$$\n", "md")
    assert [(c.line, c.verdict, c.detail) for c in side.claims] == \
        [(c.line, c.verdict, c.detail) for c in rows.claims]


@pytest.mark.parametrize("display", [
    r"\frac{\partial J}{\partial W_{1,2}} = a_{1,2} \delta_{1,1} + a_{1,3} \delta_{1,2}"
    r" + a_{2,2} \delta_{2,1} + a_{2,3} \delta_{2,2},",
    r"\frac{\partial J}{\partial a} = \operatorname{pad}_{(1,1,1,1)}(\delta) * \text{rot}180(W).",
    r"\frac{\partial J}{\partial a} = \operatorname{pad}_{(0,1,0,1)}(\delta) * \text{rot}180(W)",
    r"x_i = y_i \quad \text{for } i = 1, \dots, n",
    r"f(x, y = 1) = \left( u, v = w \right)",
    r"a = \begin{pmatrix} p = 1, & q = 2 \end{pmatrix}",
])
def test_one_equation_with_inner_commas_is_not_cut(display):
    assert split_equations(display) == [display]


def test_entry_claim_with_subscript_commas_is_one_claim():
    """W_{1,2}: torch's dJ/dW[0,1] equals the written sum of four products, one claim."""
    claims = _verdicts(r"\frac{\partial J}{\partial W_{1,2}} = a_{1,2} \delta_{1,1} + "
                       r"a_{1,3} \delta_{1,2} + a_{2,2} \delta_{2,1} + a_{2,3} \delta_{2,2},")
    assert TRUTH["W12"] and [v for _, _, v in claims] == ["holds"]


def test_rows_and_side_by_side_parts_combine():
    assert split_rows(r"a = b \\ c = d \quad e = f") == ["a = b ", " c = d", " e = f"]


# displays of the real corpus that hold several equations side by side: (file, line) -> parts
SIDE_BY_SIDE = {("dsse_102089_stride.md", 35): 4,
                ("stackexchange_avgpool_overlap.md", 16): 2}     # A = [matrix]; \quad P = [matrix] = …


def test_no_display_of_the_test_documents_holds_two_equations():
    """The corpus's displays are single equations: the split leaves each row whole, so
    their reports stay byte-identical."""
    files = [*ROOT.glob("tests/docs/*.md"), *ROOT.glob("tests/docs/*.tex"),
             *ROOT.glob("tests/docs/real/*.md"), ROOT / "derivations" / "seed_cnn_backprop.md"]
    seen = 0
    for path in files:
        kind = "tex" if path.suffix == ".tex" else "md"
        for item in document.extract(path.read_text(encoding="utf-8"), kind):
            if isinstance(item, document.DisplayEquation):
                seen += 1
                for row in _split_breaks(item.latex):
                    if (path.name, item.line) in SIDE_BY_SIDE:   # written so by its author
                        assert len(split_equations(row)) == SIDE_BY_SIDE[(path.name, item.line)]
                        continue
                    assert split_equations(row) == [row], (path.name, item.line)
    assert seen > 50


def test_array_and_eqnarray_rows_are_claims_of_their_own():
    from symbp.check.checker import check_text
    for env, spec in (("array", "{rcl}"), ("eqnarray", ""), ("eqnarray*", "")):
        text = (f"$$\\begin{{{env}}}{spec} x &=& y + 1 \\\\ &=& z \\\\ w &=& v \\end{{{env}}}$$\n")
        latex = [c.latex.strip() for c in check_text(text, "md").claims]
        assert latex == ["x = y + 1", "= z", "w = v"], (env, latex)
