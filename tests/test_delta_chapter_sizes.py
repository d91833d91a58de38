r"""A page whose chapters each work their own numbered example, the later one sizing its output
only through its gradient's entries (``\delta_{11}`` … ``\delta_{22}``): the kernel-gradient
claims of that chapter are read at its own sizes (a 4x4 input, 2x2 δ, so a 3x3 kernel), not at
the first chapter's 3x3 input and 2x2 kernel (issue 12, no directive).  The claims are written
from plain loops (1-based cross-correlation, ∂J/∂W_{pq} = Σ_{ij} δ_{ij} a_{i+p-1,j+q-1}); a wrong
entry must never hold.  Styles: a Chinese blog's ``z^l = a^{l-1} * W^l + b`` with ``W_{pq}^l``,
an English note's ``y = x * w`` with ``\delta^{l}_{i,j}``."""
from __future__ import annotations

import pytest

from symbp.check.checker import check_text

FIRST = {   # the first chapter: a 3x3 input, a 2x2 kernel, written out
    "zh": ("## 已知卷积层的 $\\delta^l$，推导上一层的 $\\delta^{{l-1}}$\n\n$$z^l = a^{{l-1}} * W^l + b^l$$\n\n"
           "例子：$a^{{l-1}}$ 是 3\\*3 的矩阵，卷积核 $W^l$ 是 2\\*2，步幅 1。\n\n"
           "$$z_{{11}} = a_{{11}}w_{{11}} + a_{{12}}w_{{12}} + a_{{21}}w_{{21}} + a_{{22}}w_{{22}}$$\n\n"
           "$$z_{{22}} = a_{{22}}w_{{11}} + a_{{23}}w_{{12}} + a_{{32}}w_{{21}} + a_{{33}}w_{{22}}$$\n\n"
           "## 已知卷积层的 $\\delta^l$，推导该层的 $W, b$ 的梯度\n\n$$z^l = a^{{l-1}} * W^l + b$$\n\n"
           "这里输入 $a$ 是 4\\*4，$\\delta$ 是 2\\*2：\n\n"),
    "en": ("## Backward to the input\n\n$$y = x * w$$\n\nExample: a 3x3 input $x$ and a 2x2 kernel $w$, stride 1.\n\n"
           "$$y_{{11}} = x_{{11}}w_{{11}} + x_{{12}}w_{{12}} + x_{{21}}w_{{21}} + x_{{22}}w_{{22}}$$\n\n"
           "$$y_{{22}} = x_{{22}}w_{{11}} + x_{{23}}w_{{12}} + x_{{32}}w_{{21}} + x_{{33}}w_{{22}}$$\n\n"
           "## Gradient of the kernel\n\n$$y = x * w$$\n\nNow the input $x$ is 4x4 and the error $\\delta$ is 2x2:\n\n"),
}


def claim(style: str, p: int, q: int, wrong: bool = False) -> str:
    """∂J/∂W_{pq} written out by loops: Σ_{i,j=1..2} δ_{ij} a_{i+p-1, j+q-1} (wrong: a_{i+q-1, j+p-1})."""
    terms = []
    for i in (1, 2):
        for j in (1, 2):
            r, c = (i + q - 1, j + p - 1) if wrong else (i + p - 1, j + q - 1)
            terms.append(f"a_{{{r}{c}}}\\delta_{{{i}{j}}}" if style == "zh" else f"x_{{{r}{c}}}\\delta^{{l}}_{{{i},{j}}}")
    left = f"\\frac {{\\partial J(W, b)}} {{\\partial W_{{{p}{q}}}^l}}" if style == "zh" else \
        f"\\frac{{\\partial E}}{{\\partial w_{{{p}{q}}}}}"
    return left + " = " + " + ".join(terms)


def verdicts(style: str, claims: list) -> list:
    text = FIRST[style].format() + "".join(f"$$\n{c}\n$$\n\n" for c in claims)
    report = check_text(text, "md", time_limit=10)
    return [next(c.verdict for c in report.claims if c.latex.strip() == want.strip()) for want in claims]


@pytest.mark.parametrize("style", ["zh", "en"])
def test_delta_chapter_is_read_at_its_own_sizes(style):
    true = [claim(style, p, q) for p, q in ((1, 1), (1, 2), (1, 3), (3, 3))]
    got = verdicts(style, true)
    assert got == ["holds"] * 4, got


@pytest.mark.parametrize("style", ["zh", "en"])
def test_wrong_entries_never_hold(style):
    wrong = [claim(style, p, q, wrong=True) for p, q in ((1, 2), (1, 3), (2, 3))]   # p, q swapped: false off the diagonal
    got = verdicts(style, wrong)
    assert "holds" not in got, got
    assert got.count("refuted") >= 1, got
