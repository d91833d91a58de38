"""Two worked examples of one convolution in two chapters of a page, each with its own sizes
(Pinard's CNN notes and the posts that repost them: a 3x3 input with a 2x2 kernel written out
entry by entry, then a 4x4 input with a 3x3 kernel): each chapter's entries size its own example
(symbp.check.section_names.enter_chapter), not the largest subscripts of the whole page, and a
layer read at one example's sizes is never used to refute a claim of the other.

Truth: torch autograd of conv2d (cross-correlation, 1-based entries as the page writes them)
at random integers, each claim's sum of products evaluated here from its data; never symbp.
"""
from __future__ import annotations

import itertools

import numpy as np
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(31)


def _entry(name, i, j):
    return f"{name}_{{{i}{j}}}"


def _forward_rows(n_in, n_k):
    """z_{ij} = Σ a_{i+m-1, j+n-1} w_{mn}, 1-based, as LaTeX rows."""
    n_out = n_in - n_k + 1
    rows = []
    for i, j in itertools.product(range(1, n_out + 1), repeat=2):
        terms = " + ".join(_entry("a", i + m - 1, j + n - 1) + _entry("w", m, n)
                           for m, n in itertools.product(range(1, n_k + 1), repeat=2))
        rows.append(f"{_entry('z', i, j)} = {terms}")
    return " \\\\\n".join(rows)


def _grads(n_in, n_k):
    a = torch.tensor(RNG.integers(-3, 4, (n_in, n_in)), dtype=torch.float64, requires_grad=True)
    w = torch.tensor(RNG.integers(-3, 4, (n_k, n_k)), dtype=torch.float64, requires_grad=True)
    z = torch.nn.functional.conv2d(a[None, None], w[None, None])[0, 0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(z.shape)), dtype=torch.float64)
    (z * g).sum().backward()
    return {"a": a.detach().numpy(), "w": w.detach().numpy(), "d": g.numpy(),
            "da": a.grad.numpy(), "dw": w.grad.numpy()}


# (gradient of, its 1-based entry, [(letter, entry), (letter, entry)] products): ∇ = Σ products
EXAMPLE_1 = [("a", (1, 1), [(("w", (1, 1)), ("d", (1, 1)))]),
             ("a", (1, 2), [(("w", (1, 1)), ("d", (1, 2))), (("w", (1, 2)), ("d", (1, 1)))]),
             ("a", (1, 2), [(("w", (1, 1)), ("d", (1, 1)))])]
EXAMPLE_2 = [("w", (1, 1), [(("a", (i, j)), ("d", (i, j))) for i in (1, 2) for j in (1, 2)]),
             ("w", (1, 3), [(("a", (i, j + 2)), ("d", (i, j))) for i in (1, 2) for j in (1, 2)]),
             ("w", (1, 3), [(("a", (1, 3)), ("d", (1, 1))), (("a", (1, 4)), ("d", (1, 2)))])]


def _latex(claim):
    """∇a_{11} = w_{11}δ_{11} (the input's gradient), ∂J/∂W^l_{11} = a_{11}δ_{11} + … (the kernel's)."""
    of, (i, j), products = claim
    name = {"d": "\\delta", "a": "a", "w": "w"}
    rhs = " + ".join(_entry(name[x], *ix) + _entry(name[y], *iy) for (x, ix), (y, iy) in products)
    if of == "a":
        return f"\\bigtriangledown {_entry(of, i, j)} = {rhs}"
    return f"\\frac {{\\partial J(W, b)}} {{\\partial W_{{{i}{j}}}^l}} = {rhs}"


def _truth(claim, vals):
    of, (i, j), products = claim
    value = sum(vals[x][ix[0] - 1, ix[1] - 1] * vals[y][iy[0] - 1, iy[1] - 1] for (x, ix), (y, iy) in products)
    return "holds" if np.isclose(value, vals["d" + of][i - 1, j - 1]) else "refuted"


def _document():
    parts = ["# Convolution backward, two examples", "", "## Pooling", "",
             "The pooling layer before it uses 2x2 windows with stride 2 and has no weights.", "",
             "## Example 1: the input's gradient", "",
             "The layer is $z = a * w$ with a 3x3 input and a 2x2 kernel, stride 1:", "",
             "$$z^l = a^{l-1} * W^l + b^l$$", "", "$$" + _forward_rows(3, 2) + "$$", "",
             "$$\\bigtriangledown a^{l-1} = \\frac {\\partial J(W, b)} {\\partial a^{l-1}}$$", ""]
    parts += [f"$${_latex(c)}$$\n" for c in EXAMPLE_1]
    parts += ["## Example 2: the kernel's gradient", "", "Now a 4x4 input and a 3x3 kernel:", "",
              "$$z^l = a^{l-1} * W^l + b^l$$", "", "$$" + _forward_rows(4, 3) + "$$", ""]
    parts += [f"$${_latex(c)}$$\n" for c in EXAMPLE_2]
    return "\n".join(parts)


def test_each_chapter_sizes_its_own_example():
    one, two = _grads(3, 2), _grads(4, 3)
    truths = [_truth(c, one) for c in EXAMPLE_1] + [_truth(c, two) for c in EXAMPLE_2]
    assert truths == ["holds", "holds", "refuted", "holds", "holds", "refuted"]
    report = check_text(_document(), "md", time_limit=30)
    got = {c.latex: (c.verdict, c.detail) for c in report.claims}
    verdicts = [got[_latex(c)] for c in EXAMPLE_1 + EXAMPLE_2]
    for (verdict, detail), truth in zip(verdicts, truths):
        assert verdict in (truth, "unchecked"), (verdict, truth, detail)     # never the wrong verdict
    assert [v for v, _ in verdicts[:3]] == truths[:3], verdicts             # example 1 at its own 3x3 / 2x2
    assert "3x3 input, 2x2 kernel" in verdicts[0][1]
