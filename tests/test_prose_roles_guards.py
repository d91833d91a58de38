"""Guards on what the PROSE may do to a verdict (symbp.check.prose_roles), from a red-team
review: (C) a mode word ("the input gradient is a full convolution") may make a display
checkable only where the valid reading's shape does not fit; a word about ANOTHER display, a
display with two ``*``, or a sentence naming two modes must not refute a correct claim.
(D) a forward typed in the prose that is no convolution (``y_2 = x_2 k_2 + x_3 k_1``) leaves
the section unchecked, rather than reading the default cross-correlation into it.

Truth: torch autograd (conv2d is a cross-correlation; a full one pads by the kernel's size
less one) and, for a typed forward, autograd of that forward as written; never symbp.
"""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.manual_seed(10)


def _conv_truth(h=4, k=2):
    """Which of the usual gradient formulas hold for Y = X ⋆ K (valid cross-correlation)."""
    x = torch.randn(h, h, dtype=torch.float64, requires_grad=True)
    kern = torch.randn(k, k, dtype=torch.float64, requires_grad=True)
    y = F.conv2d(x[None, None], kern[None, None])[0, 0]
    g = torch.randn_like(y)
    (y * g).sum().backward()
    full = lambda a, b: F.conv2d(a[None, None], b[None, None], padding=b.shape[0] - 1)[0, 0]   # noqa: E731
    return {"dK = X * dY": torch.allclose(kern.grad, F.conv2d(x.detach()[None, None], g[None, None])[0, 0]),
            "dX = dY * rot180(K)": torch.allclose(x.grad, full(g, torch.flip(kern.detach(), [0, 1]))),
            "dX = dY * K": torch.allclose(x.grad, full(g, kern.detach()))}


DK = r"\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y}"
DX_ROT = r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} * \text{rot180}(K)"
DX_NOROT = r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} * K"
HEAD = "A convolutional layer: input X (a 4x4 matrix), kernel K (a 2x2 matrix), output Y, with * the cross-correlation.\n\n$$Y = X * K$$\n\n"


def _verdicts(text):
    return [(c.line, c.verdict, c.detail) for c in check_text(text, "md").claims if c.verdict != "definition"]


TRUTH = _conv_truth()


@pytest.mark.parametrize("word", ["a full convolution", "a **full** convolution", "a 'full' convolution",
                                  "the full cross-correlation", "a full 2D convolution"])
def test_mode_word_about_another_display_refutes_no_correct_kernel_gradient(word):
    # the sentence speaks of the input gradient; the display right after is the kernel gradient
    assert TRUTH["dK = X * dY"]
    text = HEAD + f"The input gradient is {word}, as shown below after the kernel gradient.\n\n$${DK}$$\n\n$${DX_ROT}$$\n"
    found = _verdicts(text)
    # as the valid convolution it fits and holds; as the full one the sentence names its shape
    # differs: the word may be about another display (or the author's claim wrong): not refuted
    assert found[0][1] == "unchecked" and "shapes differ" in found[0][2] and "it holds" in found[0][2], found
    assert all(v != "refuted" for _, v, _ in found), found     # dX's claim is true too (TRUTH)
    assert TRUTH["dX = dY * rot180(K)"]


@pytest.mark.parametrize("sep", [r", \qquad ", r" \quad\text{and}\quad ", r", \; "])
def test_two_stars_in_one_display_are_not_refuted_by_the_mode_word(sep):
    assert TRUTH["dK = X * dY"] and TRUTH["dX = dY * rot180(K)"]
    text = HEAD + f"Using a full convolution for the input gradient:\n\n$${DX_ROT}{sep}{DK}$$\n"
    found = _verdicts(text)
    assert found and all(v != "refuted" for _, v, _ in found), found


@pytest.mark.parametrize("sentence", ["Using a full convolution for the input gradient (and a valid one for the kernel gradient):",
                                      "The kernel gradient is a valid convolution, the input gradient a full convolution:",
                                      "A full convolution gives the input gradient; in valid mode, the kernel gradient:"])
def test_a_sentence_naming_two_modes_refutes_no_correct_claim(sentence):
    assert TRUTH["dK = X * dY"]
    found = _verdicts(HEAD + f"{sentence}\n\n$${DK}$$\n")
    assert found[0][1] == "holds", found


def test_the_mode_word_still_reads_the_display_it_is_about():
    # where the valid reading's shape does not fit, "full" is what makes the claim checkable
    assert TRUTH["dX = dY * rot180(K)"] and not TRUTH["dX = dY * K"]
    right = _verdicts(HEAD + f"The input gradient is a full convolution:\n\n$${DX_ROT}$$\n")
    wrong = _verdicts(HEAD + f"The input gradient is a full convolution:\n\n$${DX_NOROT}$$\n")
    assert right[0][1] == "holds", right
    assert wrong[0][1] == "refuted", wrong


def _typed_truth(rows, n_in, n_k):
    """dL/dk_1 of L = Σ g_i y_i for y_i = Σ x_a k_b over the typed (a, b) pairs (1-based), as
    g ⊙ x coefficients: {output row: input index} where k_1 appears."""
    x = torch.randn(n_in, dtype=torch.float64)
    k = torch.randn(n_k, dtype=torch.float64, requires_grad=True)
    y = torch.stack([sum(x[a - 1] * k[b - 1] for a, b in pairs) for pairs in rows])
    g = torch.randn(len(rows), dtype=torch.float64)
    (y * g).sum().backward()
    return x, g, k.grad


@pytest.mark.parametrize("forward", ["y_1 = x_1 k_1 + x_2 k_2 and y_2 = x_2 k_2 + x_3 k_1",
                                     r"y_1 = x_1 \cdot k_1 + x_2 \cdot k_2, y_2 = x_2 \cdot k_2 + x_3 \cdot k_1",
                                     "y_{1} = x_{1}k_{1} + x_{2}k_{2}; y_{2} = x_{3}k_{1} + x_{2}k_{2}"])
def test_a_typed_forward_that_is_no_convolution_leaves_the_section_unchecked(forward):
    x, g, grad = _typed_truth([[(1, 1), (2, 2)], [(2, 2), (3, 1)]], 3, 2)
    assert torch.allclose(grad[0], g[0] * x[0] + g[1] * x[2])          # true for the typed forward
    assert not torch.allclose(grad[0], g[0] * x[0] + g[1] * x[1])      # what a cross-correlation gives
    text = (f"A 1-D convolution with input X = [x_1, x_2, x_3], kernel K = [k_1, k_2] and output Y, where {forward}.\n\n"
            r"$$\frac{\partial L}{\partial k_1} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_2$$"
            "\n\n"
            r"$$\frac{\partial L}{\partial k_1} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_3$$"
            "\n")
    found = _verdicts(text)
    assert [v for _, v, _ in found] == ["unchecked", "unchecked"], found
    assert all("not a convolution" in d for _, _, d in found), found


def test_a_typed_forward_that_is_a_convolution_still_settles_it():
    x, g, grad = _typed_truth([[(1, 1), (2, 2)], [(2, 1), (3, 2)]], 3, 2)
    assert torch.allclose(grad[0], g[0] * x[0] + g[1] * x[1]) and not torch.allclose(grad[0], g[0] * x[0] + g[1] * x[2])
    text = ("A 1-D convolution with input X = [x_1, x_2, x_3], kernel K = [k_1, k_2] and output Y, where "
            "y_1 = x_1 k_1 + x_2 k_2 and y_2 = x_2 k_1 + x_3 k_2.\n\n"
            r"$$\frac{\partial L}{\partial k_1} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_2$$"
            "\n\n"
            r"$$\frac{\partial L}{\partial k_1} = \frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_3$$"
            "\n")
    assert [v for _, v, _ in _verdicts(text)] == ["holds", "refuted"]


def test_a_mode_named_without_the_word_convolution_alone_reads_fine():
    # "same padding" / "a valid one" with no "… convolution" names no mode and breaks nothing
    assert TRUTH["dK = X * dY"]
    found = _verdicts(HEAD + "We use same padding elsewhere, and a valid one here:\n\n$$" + DK + "$$\n")
    assert found[0][1] == "holds", found


def test_a_document_whose_forward_was_read_is_reported_not_called_setupless(tmp_path):
    # every claim unchecked by the guards above, but the display forward Y = X * K was read: the
    # CLI shows the verdicts (exit 0), it does not say "no layer setup applies"
    import subprocess
    import sys
    doc = tmp_path / "mode.md"
    doc.write_text(HEAD + f"The input gradient is a full convolution, shown after the kernel gradient.\n\n$${DK}$$\n")
    run = subprocess.run([sys.executable, "-m", "symbp.cli", "check", str(doc)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0 and "unchecked" in run.stdout and "no layer setup applies" not in run.stderr, run
