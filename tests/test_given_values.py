"""A worked numeric example under ``names:`` (rt5 R5): the page's given values are definitions, and the
correct numbers torch computes from them are never refuted.

Truth from torch: max pooling (a tie routed as torch routes it) and a 2-D cross-correlation, each
with the input and the upstream gradient given as numbers; the output and ∂L/∂X (and ∂L/∂K) written
as torch computes them.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from symbp.check.checker import check_text


def _matrix(t: torch.Tensor) -> str:
    rows = [" & ".join(f"{float(v):g}" for v in row) for row in t.tolist()]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def _verdicts(text: str) -> list:
    return [(c.latex.strip(), c.verdict) for c in check_text(text, "md", time_limit=20).claims]


def test_maxpool_worked_example():
    x = torch.tensor([[4., 1, 0, 2], [3, 5, 6, 6], [1, 0, 2, 8], [7, 3, 1, 1]], requires_grad=True)
    g = torch.tensor([[2., -1], [1, 3]])
    y = F.max_pool2d(x[None, None], 2)[0, 0]
    y.backward(g)
    text = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 names: P=input Q=output E=loss -->\n\n"
            f"$$ P = {_matrix(x.detach())} $$\n\n"
            rf"$$ \frac{{\partial E}}{{\partial Q}} = {_matrix(g)} $$" + "\n\n"
            f"$$ Q = {_matrix(y.detach())} $$\n\n"
            rf"$$ \frac{{\partial E}}{{\partial P}} = {_matrix(x.grad)} $$" + "\n")
    got = _verdicts(text)
    assert [v for _, v in got[:2]] == ["definition", "definition"], got
    assert all(v != "refuted" for _, v in got), got          # torch's own numbers


def test_conv_worked_example():
    x = torch.tensor([[1., 2, 0], [3, 1, 1], [0, 2, 4]], requires_grad=True)
    k = torch.tensor([[1., -1], [2, 0]], requires_grad=True)
    g = torch.tensor([[1., 2], [0, -1]])
    y = F.conv2d(x[None, None], k[None, None])[0, 0]
    y.backward(g)
    text = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross names: A=input B=kernel C=output L=loss -->\n\n"
            f"$$ A = {_matrix(x.detach())} $$\n\n$$ B = {_matrix(k.detach())} $$\n\n"
            rf"$$ \frac{{\partial L}}{{\partial C}} = {_matrix(g)} $$" + "\n\n"
            f"$$ C = {_matrix(y.detach())} $$\n\n"
            rf"$$ \frac{{\partial L}}{{\partial A}} = {_matrix(x.grad)} $$" + "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial B}} = {_matrix(k.grad)} $$" + "\n")
    got = _verdicts(text)
    assert [v for _, v in got[:3]] == ["definition"] * 3, got
    assert all(v != "refuted" for _, v in got), got


def test_the_given_numbers_decide_the_claimed_numbers():
    """The page's numbers bind the derivation: torch's gradient holds, one planted entry refutes."""
    x = torch.tensor([[1., 2, 0], [3, 1, 1], [0, 2, 4]], requires_grad=True)
    k = torch.tensor([[1., -1], [2, 0]], requires_grad=True)
    g = torch.tensor([[1., 2], [0, -1]])
    y = F.conv2d(x[None, None], k[None, None])[0, 0]
    y.backward(g)
    planted = x.grad.clone()
    planted[0, 1] += 1
    text = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross names: A=input B=kernel C=output L=loss -->\n\n"
            f"$$ A = {_matrix(x.detach())} $$\n\n$$ B = {_matrix(k.detach())} $$\n\n"
            rf"$$ \frac{{\partial L}}{{\partial C}} = {_matrix(g)} $$" + "\n\n"
            f"$$ C = {_matrix(y.detach())} $$\n\n"
            rf"$$ \frac{{\partial L}}{{\partial A}} = {_matrix(x.grad)} $$" + "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial B_{{12}}}} = {float(k.grad[0, 1]):g} $$" + "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial A}} = {_matrix(planted)} $$" + "\n")
    got = _verdicts(text)
    assert [v for _, v in got] == ["definition"] * 3 + ["holds"] * 3 + ["refuted"], got
    report = check_text(text, "md", time_limit=20).claims[-1].detail
    assert "entry (0, 1)" in report and f"make it {float(x.grad[0, 1]):g}" in report, report


def test_decimals_compare_as_rounded_where_written():
    """Average pooling over 3x3 with numbers: the output and the gradient are ninths, which a page
    writes rounded; a decimal that is not the rounded value refutes, one inside an expression is
    never held."""
    x = torch.tensor([[1., 2, 0], [3, 1, 1], [0, 2, 4]], requires_grad=True)
    y = F.avg_pool2d(x[None, None], 3)[0, 0]
    y.backward(torch.tensor([[2.]]))
    head = ("<!-- symbp: layer=avgpool input=3x3 kernel=3x3 names: P=input Q=output E=loss -->\n\n"
            f"$$ P = {_matrix(x.detach())} $$\n\n"
            r"$$ \frac{\partial E}{\partial Q} = \begin{bmatrix} 2 \end{bmatrix} $$" + "\n\n")
    out, grad = float(y.detach()), float(x.grad[0, 0])
    rows = [rf"$$ Q = \begin{{bmatrix}} {out:.3f} \end{{bmatrix}} $$",
            rf"$$ \frac{{\partial E}}{{\partial P_{{11}}}} = {grad:.2f} $$",
            rf"$$ \frac{{\partial E}}{{\partial P_{{11}}}} = {grad + 0.03:.2f} $$",
            rf"$$ Q = \begin{{bmatrix}} {out - 0.06:.1f} \end{{bmatrix}} $$",
            r"$$ \frac{\partial E}{\partial P_{11}} = 0.3 \frac{\partial E}{\partial Q_{11}} $$"]
    got = _verdicts(head + "\n\n".join(rows) + "\n")
    assert [v for _, v in got[2:]] == ["holds", "holds", "refuted", "refuted", "unchecked"], got


def test_numbers_given_to_the_pages_own_gradient_letter_in_one_display():
    """``X = […],\\qquad G = […]`` where the page named G = ∂L/∂Y: both are given values; the
    kernel's gradient written out as products of numbers holds where torch agrees."""
    x = torch.tensor([[1., 2, 0], [0, 1, 3], [2, 1, 0]])
    k = torch.zeros(2, 2, requires_grad=True)
    g = torch.tensor([[1., 0], [-1, 2]])
    F.conv2d(x[None, None], k[None, None])[0, 0].backward(g)
    dk = k.grad
    wrong = dk.clone()
    wrong[1, 1] += 2
    text = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel "
            "Y=output L=loss -->\n\nThe gradient from above is $G = \\partial L/\\partial Y$.\n\n"
            r"$$ Y_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} K_{m,n} X_{i+m,j+n} $$" + "\n\n"
            f"$$ X = {_matrix(x)},\\qquad G = {_matrix(g)} $$\n\n"
            rf"$$ \partial L/\partial K_{{01}} = {float(dk[0, 1]):g} $$" + "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial K}} = {_matrix(dk)} $$" + "\n\n"
            rf"$$ \frac{{\partial L}}{{\partial K}} = {_matrix(wrong)} $$" + "\n")
    got = _verdicts(text)
    assert got[0][1] in ("definition", "holds"), got            # the forward, checked under the directive
    assert [v for _, v in got[1:]] == ["definition", "definition", "holds", "holds", "refuted"], got


_HEAD = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel "
         "Y=output L=loss -->\n\nThe gradient from above is $G = \\partial L/\\partial Y$.\n\n"
         r"$$ Y_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} K_{m,n} X_{i+m,j+n} $$" + "\n\n")


def _dk(x, g):
    k = torch.zeros(2, 2, dtype=torch.float64, requires_grad=True)
    F.conv2d(torch.as_tensor(x, dtype=torch.float64)[None, None], k[None, None])[0, 0].backward(
        torch.as_tensor(g, dtype=torch.float64))
    return k.grad


def test_red_team_six_worked_number_traps_are_never_held():
    """rt6: arithmetic on decimals is not a rounded number; a thin-space thousands separator is not
    a product; a second example in a form not read drops the first one's numbers; ∂E/∂Y of another
    objective is no given gradient.  None of the false claims holds, none of the true is refuted."""
    x1, g1 = [[0.2, 0.4, 0], [0.1, 0.3, 0.5], [0.6, 0.7, 0.8]], [[1., 0], [0, 0]]
    dk = _dk(x1, g1)                                           # dK_00 = 0.2, not 0.25 = 0.5 x 0.5
    assert abs(float(dk[0, 0]) - 0.2) < 1e-12 and abs(float(dk[0, 1]) - 0.4) < 1e-12
    cases = [(f"$$ X = {_matrix(torch.tensor(x1))},\\qquad G = {_matrix(torch.tensor(g1))} $$",
              [(r"\partial L/\partial K_{00} = 0.5 \times 0.5", False),
               (r"\partial L/\partial K_{01} = 0.5 \cdot 0.5 + 0.15", True),
               (r"\partial L/\partial K_{00} = 0.2", True)])]
    x2 = [[24., 1024, 0], [0, 0, 0], [0, 0, 0]]
    dk2 = _dk(x2, g1)
    assert float(dk2[0, 0]) == 24 and float(dk2[0, 1]) == 1024
    cases.append((f"$$ X = {_matrix(torch.tensor(x2))},\\qquad G = {_matrix(torch.tensor(g1))} $$",
                  [(r"\partial L/\partial K_{00} = 1\,024", False), (r"\partial L/\partial K_{01} = 1\,024", True)]))
    x3, g3 = [[1., 2, 0], [0, 1, 3], [2, 1, 0]], [[1., 0], [-1, 2]]
    second = [[0.5, 4, 1], [2, 2, 0], [1, 0, 5]]
    assert float(_dk(second, g3)[1, 1]) != float(_dk(x3, g3)[1, 1])
    cases.append((f"$$ X = {_matrix(torch.tensor(x3))},\\qquad G = {_matrix(torch.tensor(g3))} $$\n\n"
                  r"$$ X = \begin{bmatrix} \frac{1}{2} & 4 & 1 \\ 2 & 2 & 0 \\ 1 & 0 & 5 \end{bmatrix} $$",
                  [(rf"\partial L/\partial K_{{11}} = {float(_dk(x3, g3)[1, 1]):g}", False),
                   (rf"\partial L/\partial K_{{11}} = {float(_dk(second, g3)[1, 1]):g}", True)]))
    for given, claims in cases:
        text = _HEAD + given + "\n\n" + "\n\n".join(f"$$ {c} $$" for c, _ in claims) + "\n"
        got = _verdicts(text)[-len(claims):]
        for (claim, truth), (_, verdict) in zip(claims, got):
            assert verdict != ("holds" if not truth else "refuted"), (claim, truth, got)
