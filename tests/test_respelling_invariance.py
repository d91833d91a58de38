"""Round thirty-six: a verdict does not depend on how a display is typeset.

A metamorphic campaign (every corpus and held-out document, eleven respellings that print the same
mathematics: ``\\dfrac``, an atom in braces ``{W_{11}}``, ``\\left( \\right)``, ``\\displaystyle``, ``= \\,``,
``\\mathrm{d}``, ``^{\\top}``, ``\\sum\\limits``, ``^{\\prime}``, ``\\ast``, ``\\times``) found claims whose
verdict turned from holds to refuted, or the other way, under a respelling alone: braced atoms hid a
written-out forward's stride, ``\\displaystyle`` before an ``aligned`` block or a condition row ``if \\ s = i``
changed which rows were read, ``= \\,`` hid a page's identity activation and a rotated kernel written first.
The truth of every claim is the same before and after (the mathematics did not change), so a flip
between holds and refuted is a wrong verdict on one side; these documents flipped before the fixes.
"""
import pathlib
import re

import pytest

from symbp.check.checker import check_text

REAL = pathlib.Path(__file__).parent / "docs" / "real"
DISPLAY = re.compile(r"\$\$(.*?)\$\$", re.S)


def _braced(s):
    return re.sub(r"(?<![\\A-Za-z{^_'])([A-Za-z])_\{([^{}]*)\}(?![\^_'{])", r"{\1_{\2}}", s)


RESPELL = {
    "braced_atoms": _braced,
    "displaystyle": lambda s: r"\displaystyle " + s,
    "thin_space": lambda s: re.sub(r"(?<![<>!\\])=(?![^{}]*\})", r"= \\, ", s),
    "dfrac": lambda s: s.replace(r"\frac{", r"\dfrac{"),
}
DOCUMENTS = ["heldout13/kimjiil_conv_stride2_ko.md", "heldout8/xor_softmax_ce_zh.md",
             "heldout14/hugo_nn_note_backprop_ja.md", "heldout32/bishwarup_convbackprop_en.md",
             "heldout21/edunn_conv2d_capa_es.md"]


@pytest.mark.parametrize("doc", DOCUMENTS)
@pytest.mark.parametrize("name", sorted(RESPELL))
def test_no_respelling_makes_or_turns_a_verdict(doc, name):
    text = (REAL / doc).read_text(encoding="utf-8")
    respelled = DISPLAY.sub(lambda m: "$$" + RESPELL[name](m.group(1)) + "$$", text)
    before = [c.verdict for c in check_text(text, "md", time_limit=10).claims]
    after = [c.verdict for c in check_text(respelled, "md", time_limit=10).claims]
    assert len(before) == len(after)
    flips = [(k, a, b) for k, (a, b) in enumerate(zip(before, after)) if b in ("holds", "refuted") and b != a]
    assert not flips, flips           # a respelling may lose a verdict, never make or turn one


def _braced_letter(s):
    return re.sub(r"(?<![\\A-Za-z{^_'])([A-Za-z])_(?=[{A-Za-z0-9])", r"{\1}_", s)


@pytest.mark.parametrize("doc", DOCUMENTS + ["stackexchange_avgpool_overlap.md"])
def test_a_letter_in_braces_before_its_subscript_keeps_every_verdict(doc):
    """Round 37 (red team 43): ``{X}_{ij}`` prints as ``X_{ij}``. Before, it lost most readings and
    turned one held-out claim from holds to refuted; now no verdict moves at all."""
    text = (REAL / doc).read_text(encoding="utf-8")
    respelled = DISPLAY.sub(lambda m: "$$" + _braced_letter(m.group(1)) + "$$", text)
    before = [c.verdict for c in check_text(text, "md", time_limit=10).claims]
    after = [c.verdict for c in check_text(respelled, "md", time_limit=10).claims]
    assert before == after


MLP = ("The input has 3 features, the hidden layer 4 neurons and the output 2 neurons.\n\n"
       "$$z_1 = W_1 x + b_1$$\n\n$$a_1 = \\sigma(z_1)$$\n\n$$z_2 = W_2 a_1 + b_2$$\n\n$$a_2 = \\sigma(z_2)$$\n\n"
       "$$\\sigma(t) = \\frac{1}{1 + e^{-t}}$$\n\n$$L = \\frac{1}{2} \\| a_2 - y \\|^2$$\n\n")


def test_the_transposed_product_is_the_gradient_by_torch():
    import torch
    torch.manual_seed(37)
    x, y = torch.randn(3, 1, dtype=torch.float64), torch.randn(2, 1, dtype=torch.float64)
    w1, b1 = torch.randn(4, 3, dtype=torch.float64), torch.randn(4, 1, dtype=torch.float64)
    w2 = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)
    b2 = torch.randn(2, 1, dtype=torch.float64)
    a1 = torch.sigmoid(w1 @ x + b1)
    a2 = torch.sigmoid(w2 @ a1 + b2)
    (0.5 * ((a2 - y) ** 2).sum()).backward()
    delta = (a2 - y) * a2 * (1 - a2)
    assert torch.allclose(w2.grad, delta @ a1.T)
    assert (a1.T.shape[1], delta.shape[0]) != (1, 1)          # a_1^T δ: (1x4)(2x1), no product


@pytest.mark.parametrize("spelling", [r"^T", r"^{\mathsf{T}}", r"^\mathrm{T}", r"^{\intercal}", r"^\intercal", r"^{\top}"])
def test_a_transpose_in_any_spelling(spelling):
    """Each spelling of the transpose is read the same: δ a_1^T holds, a_1^T δ is refuted."""
    right = r"\frac{\partial L}{\partial W_2} = ((a_2 - y) \odot \sigma'(z_2)) a_1" + spelling
    wrong = r"\frac{\partial L}{\partial W_2} = a_1" + spelling + r" ((a_2 - y) \odot \sigma'(z_2))"
    claims = check_text(MLP + f"$${right}$$\n\n$${wrong}$$\n", "md").claims
    assert [c.verdict for c in claims[-2:]] == ["holds", "refuted"], [c.detail for c in claims[-2:]]
