"""Letters, sizes, a written-out forward and a convolution's mode named only in the PROSE
(symbp.check.prose_roles), in the spellings of several authors: "an input $X$ ... a filter $F$
... an output $O$" (Q&A sites), "Let $x$ be the input and $w$ the kernel" with the forward
typed as text, ``y_1 = x_1 w_1 + x_2 w_2`` (1-D tutorials), "输入 $X$, 卷积核 $K$, 输出 $Y$"
(Chinese notes), "the full convolution of ∂L/∂O with the rotated filter".

Truth: torch autograd of conv1d / conv2d (cross-correlation, or the flipped kernel for a true
convolution) at random integers, against each claim's formula evaluated by plain loops here;
never symbp.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(14)


def _slide(a, k, shape="valid"):
    """out[i, j] = Σ a[i+m, j+n] k[m, n] by loops; 'full' pads a by the kernel's size less one."""
    a, k = np.atleast_2d(a), np.atleast_2d(k)
    if shape == "full":
        a = np.pad(a, ((k.shape[0] - 1,) * 2, (k.shape[1] - 1,) * 2))
    oh, ow = a.shape[0] - k.shape[0] + 1, a.shape[1] - k.shape[1] + 1
    return np.array([[sum(a[i + m, j + n] * k[m, n] for m in range(k.shape[0]) for n in range(k.shape[1]))
                      for j in range(ow)] for i in range(oh)])


def _torch_grads(x, k, flip=False):
    """(dL/dx, dL/dk, dL/dy) of L = Σ g ⊙ y with y = x ⋆ k (or x ⋆ flip(k)), g random."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    kt = torch.tensor(k, dtype=torch.float64, requires_grad=True)
    kk = torch.flip(kt, dims=list(range(kt.dim()))) if flip else kt
    conv = torch.nn.functional.conv1d if xt.dim() == 1 else torch.nn.functional.conv2d
    y = conv(xt[None, None], kk[None, None])[0, 0]
    g = torch.tensor(RNG.integers(-3, 4, size=tuple(y.shape)), dtype=torch.float64)
    (y * g).sum().backward()
    return xt.grad.numpy(), kt.grad.numpy(), g.numpy()


def _verdicts(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=30).claims]


def _truth(claimed, real) -> str:
    return "holds" if np.shape(claimed) == np.shape(real) and np.allclose(claimed, real) else "refuted"


QA_DOC = r"""
A convolutional layer takes an input $X$ of size 4x4, applies a filter $F$ of size 2x2 and
produces an output $O$. Here $*$ is a cross-correlation, as in deep-learning libraries.

The filter's gradient is the valid convolution of the input with the output gradient:

$$\frac{\partial L}{\partial F} = X * \frac{\partial L}{\partial O}$$

The input's gradient is the full convolution of the output gradient with the filter rotated by 180 degrees:

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} * \text{rot180}(F)$$

A wrong rule, also written as a full convolution:

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} * F$$
"""


def test_qa_site_letters_in_prose_only():
    x, f = RNG.integers(-3, 4, (4, 4)), RNG.integers(-3, 4, (2, 2))
    dx, df, g = _torch_grads(x, f)
    truths = [_truth(_slide(x, g), df), _truth(_slide(g, f[::-1, ::-1], "full"), dx),
              _truth(_slide(g, f, "full"), dx)]
    assert truths == ["holds", "holds", "refuted"]
    got = _verdicts(QA_DOC)
    assert [v for v, _ in got] == truths, got
    assert "names read from the prose" in got[0][1] and "full convolution" in got[1][1]


def test_no_mode_word_is_unchecked_not_refuted():
    """The rotated-kernel rule with no word saying full: its shapes match only as a full
    convolution, which is what such pages mean: unchecked with the question, never refuted."""
    text = QA_DOC.replace("is the full convolution of", "is obtained from").replace(
        "also written as a full convolution", "also written without its mode")
    x, f = RNG.integers(-3, 4, (4, 4)), RNG.integers(-3, 4, (2, 2))
    dx, _, g = _torch_grads(x, f)
    assert _truth(_slide(g, f[::-1, ::-1], "full"), dx) == "holds"
    got = _verdicts(text)
    assert got[1][0] == "unchecked" and "full convolution" in got[1][1]
    assert got[2][0] == "refuted" and "read as a full convolution" in got[2][1]     # wrong either way


def test_a_valid_convolution_said_in_words_refutes_the_shape():
    text = QA_DOC.replace("is the full convolution of", "is the valid convolution of")
    got = _verdicts(text)
    assert got[1][0] == "refuted" and "shape" in got[1][1]


def test_the_mode_word_is_for_the_next_display_only():
    text = QA_DOC + r"""
$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} * \text{rot180}(F)$$
"""
    got = _verdicts(text)
    assert got[1][0] == "holds" and got[3][0] == "unchecked"


TUTORIAL_1D = r"""
Let $x$ be the input signal and $w$ the kernel; the output is $y$.
Input x = [x_1, x_2, x_3, x_4], kernel w = [w_1, w_2], and
y_1 = x_1 w_1 + x_2 w_2, y_2 = x_2 w_1 + x_3 w_2, y_3 = x_3 w_1 + x_4 w_2.

$$\frac{\partial L}{\partial x_2} = \frac{\partial L}{\partial y_1} w_2 + \frac{\partial L}{\partial y_2} w_1$$

$$\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_2 + \frac{\partial L}{\partial y_3} x_3$$

$$\frac{\partial L}{\partial w_2} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_2 + \frac{\partial L}{\partial y_3} x_3$$

$$\frac{\partial L}{\partial x_4} = \frac{\partial L}{\partial y_3} w_1$$
"""


def _claims_1d(x, w, g):
    """The four claims' right sides (1-based entries in the text, 0-based here)."""
    return [g[0] * w[1] + g[1] * w[0], g[0] * x[0] + g[1] * x[1] + g[2] * x[2],
            g[0] * x[0] + g[1] * x[1] + g[2] * x[2], g[2] * w[0]]


@pytest.mark.parametrize("flip", [False, True])
def test_forward_typed_as_text_settles_convention_base_and_sizes(flip):
    text = TUTORIAL_1D
    if flip:            # the same page with a true convolution's forward: y_1 = x_1 w_2 + x_2 w_1
        text = text.replace("x_1 w_1 + x_2 w_2", "x_1 w_2 + x_2 w_1").replace(
            "x_2 w_1 + x_3 w_2", "x_2 w_2 + x_3 w_1").replace("x_3 w_1 + x_4 w_2", "x_3 w_2 + x_4 w_1")
    x, w = RNG.integers(-3, 4, 4), RNG.integers(-3, 4, 2)
    dx, dw, g = _torch_grads(x, w, flip)
    real = [dx[1], dw[0], dw[1], dx[3]]
    truths = [_truth(c, r) for c, r in zip(_claims_1d(x, w, g), real)]
    got = _verdicts(text)
    assert [v for v, _ in got] == truths, (truths, got)
    assert ("true" if flip else "cross") in got[0][1] and "1-based" in got[0][1]


def test_chinese_notes():
    text = r"""
设输入 $X$,卷积核 $K$,输出 $Y$,损失 $L$。这里的 $*$ 是互相关。

$$\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y}$$

$$\frac{\partial L}{\partial K} = X * \text{rot180}(\frac{\partial L}{\partial Y})$$
"""
    x, k = RNG.integers(-3, 4, (4, 4)), RNG.integers(-3, 4, (2, 2))
    _, dk, g = _torch_grads(x, k)
    assert [_truth(_slide(x, g), dk), _truth(_slide(x, g[::-1, ::-1]), dk)] == ["holds", "refuted"]
    assert [v for v, _ in _verdicts(text)] == ["holds", "refuted"]


@pytest.mark.parametrize("prose", [
    "The input is $X$, the kernel $K$, the output $Y$; later $X$ is the output of the next layer.",  # X: two roles
    "The input $X$, the kernel $K$ (the filter $W$ in the code), the output $Y$.",                  # kernel: two letters
])
def test_ambiguous_prose_names_nothing(prose):
    text = prose + r"""

$$\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y} + 0 W$$
"""
    verdict, detail = _verdicts(text)[0]
    assert verdict == "unchecked" and "say which is which" in detail


def test_a_display_forward_wins_over_the_prose():
    text = r"""
Here (carelessly) the kernel $X$ slides over the input $K$.

$$Y = X * K$$

$$\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y}$$
"""
    got = _verdicts(text)
    assert "names read from the prose" not in got[-1][1]


def test_weights_of_a_dense_layer_are_no_kernel():
    """"weights W" names a kernel only where the document speaks of a convolution: a dense
    layer's correct rule is never read as a convolution (and refuted)."""
    text = r"""
A dense layer with input $x$, weights $W$ and output $y$.

$$\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial y}$$
"""
    verdict, detail = _verdicts(text)[0]
    assert verdict != "refuted" and "names read from the prose" not in detail


@pytest.mark.parametrize("sentence", ["Unlike a full convolution, the rule below slides the kernel inside:",
                                      "Compare the full convolution with the valid convolution:"])
def test_a_negated_or_contrasted_mode_word_names_no_mode(sentence):
    text = QA_DOC.replace("The input's gradient is the full convolution of the output gradient with the "
                          "filter rotated by 180 degrees:", sentence)
    assert _verdicts(text)[1][0] == "unchecked"


def test_the_campaign_sample_has_no_wrong_verdict(capsys):
    """benchmarks/campaign_prose_roles.py: a seeded sample (truth from torch), and its truth
    tells a true rule from a mutant."""
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import campaign_prose_roles as campaign
    assert campaign.main(["--n", "40", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; crashes: 0" in out and "true→holds" in out and "false→refuted" in out
    s = campaign.sample((4, 4), (2, 2), "cross", torch.Generator().manual_seed(1))
    assert torch.equal(campaign.slide(s["g"], torch.flip(s["k"], dims=[0, 1]), False, "full"), s["dx"])
    assert not torch.equal(campaign.slide(s["g"], s["k"], False, "full"), s["dx"])
