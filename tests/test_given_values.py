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
