"""Displays as Markdown converters and chat exports write them (round 40, blind held-out 42's Spanish page):
the whole display in ``\\left[ … \\right]`` (a ``\\[ … \\]`` turned into brackets) and underscores escaped for
Markdown, ``\\sum\\_{i}``.  Both were unread; they now read as the plain display.

Truth: torch autograd (float64) of the convolution the directive sets, never symbp.
"""
import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DIRECTIVE = "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss -->"
CLAIMS = {
    "right": (r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{i+m,j+n}", False),
    "flipped": (r"\frac{\partial L}{\partial W_{m,n}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} X_{i-m+1,j-n+1}", True),
}


def _true(flipped: bool) -> bool:
    rng = np.random.default_rng(5)
    X = rng.standard_normal((4, 4))
    w = torch.tensor(rng.standard_normal((2, 2)), requires_grad=True)
    y = F.conv2d(torch.tensor(X)[None, None], w[None, None])[0, 0]
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    built = np.zeros((2, 2))
    for m, n, i, j in itertools.product(range(2), range(2), range(3), range(3)):
        r, c = (i - m + 1, j - n + 1) if flipped else (i + m, j + n)
        if 0 <= r < 4 and 0 <= c < 4:
            built[m, n] += g[i, j] * X[r, c]
    return np.allclose(built, w.grad.numpy())


def _escaped(latex: str) -> str:
    return r"\left[ " + latex.replace("_", r"\_") + r" \right]"


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_a_bracketed_escaped_display_reads_as_the_plain_one(name):
    latex, flipped = CLAIMS[name]
    page = f"{DIRECTIVE}\n## Gradient\n\n$${{latex}}$$\n"
    plain = check_text(page.replace("{latex}", latex), "md").claims[-1]
    escaped = check_text(page.replace("{latex}", _escaped(latex)), "md").claims[-1]
    assert plain.verdict == escaped.verdict == ("holds" if _true(flipped) else "refuted"), (plain.detail, escaped.detail)


def test_a_bracketed_term_or_matrix_stays_as_written():
    from symbp.check.display_wrappers import plain_wrappers
    assert plain_wrappers(r"\left[ a + b \right] c") == r"\left[ a + b \right] c"
    assert plain_wrappers(r"\left[ x_1 \right]") == r"\left[ x_1 \right]"
