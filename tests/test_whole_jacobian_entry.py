r"""The output's derivative by one kernel or input entry written as a matrix,
``\frac{\partial O}{\partial F_{11}} = \begin{bmatrix} X_{11} & X_{12} \\ X_{21} & X_{22} \end{bmatrix}``,
read by ``symbp check`` entry by entry in the output's shape; truth from torch.

How authors write it: conv tutorials that work a 3x3 input and a 2x2 filter by hand (the local
gradient ∂O/∂F_{11} as the matrix of ∂O_{ij}/∂F_{11}, in parentheses built from ``array``),
notes with ``vmatrix`` bars and lower-case entries (``y``, ``x``, ``w``), pages counting entries
from 0 (``K_{00}``), and the input's matrices with zeros where an output does not touch the entry
(``∂O/∂X_{13}``).  Several such equations often share one row, separated by ``, \hspace{5mm}``.

Truth: ``torch.autograd.functional.jacobian`` of ``conv2d`` (PyTorch's cross-correlation) at
distinct integer values; each entry of the true matrix is named back as the entry of the other
tensor with that value (or 0).  A claimed matrix holds when it equals the true one, is refuted
when it differs (another entry, the flipped kernel, a transposed or cropped matrix); a matrix
written as a flat list stays unchecked (the order is not stated).
"""
from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

ENVIRONMENTS = {
    "bmatrix": (r"\begin{bmatrix}", r"\end{bmatrix}"),
    "pmatrix": (r"\begin{pmatrix}", r"\end{pmatrix}"),
    "vmatrix": (r"\begin{vmatrix}", r"\end{vmatrix}"),
    "array": (r"\left( \begin{array}{%s}", r"\end{array} \right)"),
}


def _true_matrices(h, k, stride, padding, wrt):
    """{(p, q) 0-based: the matrix of ∂O_{ij}/∂wrt_{pq}, each entry (r, c) of the other tensor
    (0-based) or None for 0}, from torch's Jacobian at distinct values."""
    x = (torch.randperm(h * h, generator=torch.Generator().manual_seed(h)) + 1).double().reshape(1, 1, h, h)
    w = (torch.randperm(k * k, generator=torch.Generator().manual_seed(k)) + 101).double().reshape(1, 1, k, k)
    if wrt == "kernel":
        jac = torch.autograd.functional.jacobian(
            lambda v: F.conv2d(x, v.reshape(w.shape), stride=stride, padding=padding)[0, 0], w.reshape(-1))
        other, size = x[0, 0], k
    else:
        jac = torch.autograd.functional.jacobian(
            lambda v: F.conv2d(v.reshape(x.shape), w, stride=stride, padding=padding)[0, 0], x.reshape(-1))
        other, size = w[0, 0], h
    where = {float(other[r, c]): (r, c) for r in range(other.shape[0]) for c in range(other.shape[1])}
    out = {}
    for p in range(size):
        for q in range(size):
            m = jac[:, :, p * size + q]
            out[(p, q)] = [[None if float(v) == 0 else where[float(v)] for v in row] for row in m]
    return out


def _latex(matrix, letter, base, env):
    begin, end = ENVIRONMENTS[env]
    begin = begin % ("c" * len(matrix[0])) if "%s" in begin else begin
    cell = lambda e: "0" if e is None else f"{letter}_{{{e[0] + base}{e[1] + base}}}"   # noqa: E731
    return begin + r" \\ ".join(" & ".join(cell(e) for e in row) for row in matrix) + " " + end


def _mutations(truth, rng, size_other):
    """(name, matrix) variants of the true matrix: the truth itself, its transpose, the flipped
    kernel's entries, one entry moved to a neighbour, one row dropped, a flat list."""
    flip = [[None if e is None else (size_other - 1 - e[0], size_other - 1 - e[1]) for e in row] for row in truth]
    moved = [row[:] for row in truth]
    i, j = rng.randrange(len(truth)), rng.randrange(len(truth[0]))
    moved[i][j] = (0, 0) if moved[i][j] != (0, 0) else (0, 1)
    return [("truth", truth), ("transpose", [list(r) for r in zip(*truth)]), ("flip", flip), ("moved", moved),
            ("cropped", truth[:-1]), ("flat", [[e] for row in truth for e in row])]


def _expected(name, matrix, truth):
    if name == "flat" and len(truth) > 1 and len(truth[0]) > 1:
        return "unchecked"
    return "holds" if matrix == truth else "refuted"


@pytest.mark.parametrize("h,k,stride,padding,base,env,letters,seed", [
    (3, 2, 1, 0, 1, "array", "OXF", 0),          # a 3x3 input, 2x2 filter, entries from 1
    (3, 2, 1, 0, 0, "bmatrix", "OXK", 1),        # entries from 0
    (4, 2, 1, 0, 1, "vmatrix", "yxw", 2),        # lower-case entries, a 3x3 output
    (4, 3, 1, 1, 1, "pmatrix", "OXF", 3),        # zero padding: kernel entries that meet the padding
    (4, 2, 2, 0, 0, "bmatrix", "YXW", 4),        # stride 2
])
def test_output_by_one_entry_against_torch(h, k, stride, padding, base, env, letters, seed):
    out, inp, ker = letters
    rng = random.Random(seed)
    claims = []
    for wrt, letter, other, size_other in (("kernel", ker, inp, h), ("input", inp, ker, k)):
        truths = _true_matrices(h, k, stride, padding, wrt)
        for (p, q) in rng.sample(sorted(truths), min(4, len(truths))):
            truth = truths[(p, q)]
            for name, matrix in _mutations(truth, rng, size_other):
                lhs = rf"\frac{{\partial {out}}}{{\partial {letter}_{{{p + base}{q + base}}}}}"
                claims.append((f"{lhs} = {_latex(matrix, other, base, env)}", _expected(name, matrix, truth), name))
    setup = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} stride={stride} padding={padding} "
             f"conv=cross index_base={base} names: {inp}=input {ker}=kernel {out}=output L=loss -->")
    doc = f"# One entry\n\n{setup}\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
    assert {e for _, e, _ in claims} == {"holds", "refuted", "unchecked"}
    got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    for claim, expect, name in claims:
        assert got[claim].verdict == expect, (name, claim, expect, got[claim].verdict, got[claim].detail)


def test_a_page_with_its_forward_written_out_and_three_matrices_in_one_row():
    """No directive: the forward is written out entry by entry (1-based, a 3x3 input X, a 2x2
    filter F), then three local gradients side by side, one of them wrong."""
    truths = _true_matrices(3, 2, 1, 0, "kernel")
    rows = "\\\\\n".join(
        f"O_{{{i + 1}{j + 1}}} = " + " + ".join(f"X_{{{i + m + 1}{j + n + 1}}}F_{{{m + 1}{n + 1}}}"
                                              for m in range(2) for n in range(2))
        for i in range(2) for j in range(2))
    right = [_latex(truths[pq], "X", 1, "array") for pq in ((0, 1), (1, 0))]
    wrong = _latex(truths[(0, 1)], "X", 1, "array")          # ∂O/∂F_{22} given F_{12}'s matrix
    doc = (f"# Forward\n\nThe input X is 3x3 and the filter F is 2x2; the output O:\n\n$$\n{rows}\n$$\n\n"
           f"$$\n\\frac{{\\partial O}}{{\\partial F_{{12}}}} = {right[0]}, \\hspace{{5mm}}\n"
           f"\\frac{{\\partial O}}{{\\partial F_{{21}}}} = {right[1]}, \\hspace{{5mm}}\n"
           f"\\frac{{\\partial O}}{{\\partial F_{{22}}}} = {wrong}\n$$\n")
    got = [c for c in check_text(doc, "md").claims if r"\partial O}{\partial F" in c.latex]
    verdicts = {c.latex.split("=")[0].strip(): c.verdict for c in got}
    assert verdicts == {r"\frac{\partial O}{\partial F_{12}}": "holds",
                        r"\frac{\partial O}{\partial F_{21}}": "holds",
                        r"\frac{\partial O}{\partial F_{22}}": "refuted"}, [(c.latex, c.detail) for c in got]


def test_inside_a_product_the_whole_jacobian_stays_unread():
    """``∂L/∂O ∂O/∂X_{11}`` is the author's contraction, not a matrix product: never refuted."""
    doc = r"""# Chain
<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross names: X=input F=kernel O=output L=loss -->

$$ \frac{\partial L}{\partial X_{11}} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial X_{11}} $$
"""
    assert check_text(doc, "md").claims[0].verdict != "refuted"


@pytest.mark.parametrize("orientation", ["row", "column"])
def test_a_one_dimensional_output_by_one_entry_is_a_vector_either_way(orientation):
    """1-D: ∂y/∂w_1 = [x_1 x_2 x_3] or the same as a column (a vector has no orientation); the
    true vectors from torch's Jacobian of conv1d, a wrong one refuted."""
    x = torch.arange(1, 5, dtype=torch.double)
    w = torch.tensor([101.0, 102.0], dtype=torch.double)
    jw = torch.autograd.functional.jacobian(lambda v: F.conv1d(x[None, None], v[None, None])[0, 0], w)
    jx = torch.autograd.functional.jacobian(lambda v: F.conv1d(v[None, None], w[None, None])[0, 0], x)
    sep = " & " if orientation == "row" else r" \\ "

    def vec(column, letter, values):
        names = [f"{letter}_{{{values.index(float(v)) + 1}}}" if float(v) else "0" for v in column]
        return r"\begin{bmatrix} " + sep.join(names) + r" \end{bmatrix}"
    xs, ws = [float(v) for v in x], [float(v) for v in w]
    claims = [(rf"\frac{{\partial y}}{{\partial w_{{{q + 1}}}}} = {vec(jw[:, q], 'x', xs)}", "holds") for q in range(2)]
    claims += [(rf"\frac{{\partial y}}{{\partial x_{{{p + 1}}}}} = {vec(jx[:, p], 'w', ws)}", "holds") for p in range(4)]
    claims.append((rf"\frac{{\partial y}}{{\partial w_1}} = {vec(jw[:, 1], 'x', xs)}", "refuted"))
    doc = ("# 1-D\n<!-- symbp: input=4 kernel=2 -->\n\n$$ y_i = \\sum_{m=1}^{2} x_{i+m-1} w_m $$\n\n" +
           "".join(f"$$ {c} $$\n\n" for c, _ in claims))
    got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    for claim, expect in claims:
        assert got[claim].verdict == expect, (claim, got[claim].detail)
