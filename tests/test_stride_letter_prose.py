"""A page that names its stride only by a letter ("with the stride $s$") above a forward that
moves by 1 (``Y = X * W``): a claim read there at stride 1 alone would hold for one stride of the
many the page speaks of (round thirty).  symbp reads it at stride 1 and at stride 2 and decides
only where both agree.  Truth: torch autograd (float64) at strides 1 and 2, never symbp.
"""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _grads(stride: int):
    """(x, w, δ, dL/dx, dL/dw, dL/db) of one 6x6 input, 2x2 kernel, at ``stride``."""
    torch.manual_seed(3)
    x = torch.randn(1, 1, 6, 6, requires_grad=True)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    b = torch.randn(1, requires_grad=True)
    y = F.conv2d(x, w, b, stride=stride)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    return x.detach(), w.detach(), g, x.grad, w.grad, b.grad


def _same(claimed, true) -> bool:
    return claimed.shape == true.shape and torch.allclose(claimed, true)


# (display, the claim's value from (x, w, δ, stride)) ; `*` is the forward's sliding sum, stride 1
CLAIMS = {
    "dW_slide": (r"\frac{\partial L}{\partial W} = X * \frac{\partial L}{\partial Y}",
                 lambda x, w, g: F.conv2d(x, g), "w"),
    "db_sum": (r"\frac{\partial L}{\partial b} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}}",
               lambda x, w, g: g.sum().reshape(1), "b"),
    "dX_valid": (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} * W",
                 lambda x, w, g: F.conv2d(g, w), "x"),
}


def _truth(name: str) -> dict:
    """{stride: whether the claim equals the true gradient there}."""
    _, fn, which = CLAIMS[name]
    out = {}
    for stride in (1, 2):
        x, w, g, gx, gw, gb = _grads(stride)
        out[stride] = _same(fn(x, w, g), {"x": gx, "w": gw, "b": gb}[which])
    return out


def _page(stride_words: str, claim: str, bias: bool) -> str:
    plus = " + b" if bias else ""
    return (f"# Convolution backward\n\nThe layer slides the kernel $W$ over the input $X$ {stride_words}"
            f"{', adds the bias $b$' if bias else ''} and gives the output $Y$.\n\n$$ Y = X * W{plus} $$\n\n"
            f"The gradient is\n\n$$ {claim} $$\n")


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_a_stride_named_by_a_letter_is_never_read_as_stride_one_alone(name):
    truth = _truth(name)
    claim = check_text(_page("with the stride $s$", CLAIMS[name][0], name == "db_sum"), "md").claims[-1]
    if truth[1] and truth[2]:
        assert claim.verdict == "holds", claim.detail
    elif truth[1] != truth[2]:                       # right at one stride of the page's s only
        assert claim.verdict == "unchecked" and "stride s" in claim.detail, claim.detail
    else:
        assert claim.verdict != "holds", claim.detail


def test_the_slide_claim_is_right_at_stride_one_and_wrong_at_two():
    assert _truth("dW_slide") == {1: True, 2: False}      # the case that held before round thirty


def test_a_stride_given_as_one_is_still_decided():
    assert _truth("dW_slide")[1]
    claim = check_text(_page("with stride 1", CLAIMS["dW_slide"][0], False), "md").claims[-1]
    assert claim.verdict == "holds", claim.detail


def test_a_letter_named_under_another_heading_does_not_speak_of_this_chapter():
    assert _truth("dW_slide")[1]
    page = ("# Convolution\n\n## Without stride\n\nThe kernel $W$ slides over the input $X$ one step at a "
            "time and gives the output $Y$.\n\n$$ Y = X * W $$\n\n$$ " + CLAIMS["dW_slide"][0] + " $$\n\n"
            "## With stride\n\nWith the stride $s$ the output shrinks; this chapter states no gradient.\n")
    claim = [c for c in check_text(page, "md").claims if r"\partial W" in c.latex][0]
    assert claim.verdict == "holds", claim.detail


def test_a_letter_in_the_forwards_chapter_speaks_of_the_claim_under_the_next_heading():
    truth = _truth("dW_slide")
    assert truth == {1: True, 2: False}
    page = ("# Strided convolution\n\n## Forward\n\nThe kernel $W$ slides over the input $X$ with the stride $s$ "
            "and gives the output $Y$.\n\n$$ Y = X * W $$\n\n## Backward\n\nThe kernel's gradient is\n\n$$ "
            + CLAIMS["dW_slide"][0] + " $$\n")
    claim = [c for c in check_text(page, "md").claims if r"\partial W" in c.latex][0]
    assert claim.verdict == "unchecked" and "stride s" in claim.detail, claim.detail


def test_a_one_letter_word_after_stride_is_no_letter():
    from symbp.check.stride_prose import prose_stride_letters
    assert prose_stride_letters("### SIN stride o padding") == frozenset()      # Spanish "or"
    assert prose_stride_letters("con stride $o$ y padding $p$") == {"o"}


def _padded_w_grad_claim_true(stride: int, pad: int = 1) -> bool:
    """Whether Σ_ij δ_ij x_{i+m-p, j+n-p} (zeros outside x) is dL/dw at ``stride``, by a plain loop."""
    torch.manual_seed(5)
    x = torch.randn(1, 1, 6, 6)
    w = torch.randn(1, 1, 2, 2, requires_grad=True)
    y = F.conv2d(x, w, stride=stride, padding=pad)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    xp = F.pad(x, (pad, pad, pad, pad))
    claimed = torch.zeros(2, 2)
    for m in range(2):
        for n in range(2):
            claimed[m, n] = sum(g[0, 0, i, j] * xp[0, 0, i + m, j + n]
                                for i in range(y.shape[2]) for j in range(y.shape[3]))
    return torch.allclose(claimed, w.grad[0, 0])


def test_a_padding_letter_does_not_drop_the_stride_two_reading():
    # round 30's red team (s09): the stride-2 reading was checked at stride 1 by the padding guesses
    assert _padded_w_grad_claim_true(1) and not _padded_w_grad_claim_true(2)
    page = ("# Strided convolution\n\nThe layer slides the kernel with the stride $s$ over the input padded "
            "by $p$; its forward is\n\n$$\ny_{ij} = \\sum_{m} \\sum_{n} w_{mn} x_{i+m-p, j+n-p}\n$$\n\n$$\n"
            "\\frac{\\partial L}{\\partial w_{mn}} = \\sum_{i} \\sum_{j} \\frac{\\partial L}{\\partial y_{ij}} "
            "x_{i+m-p, j+n-p}\n$$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == "unchecked" and "stride 2" in claim.detail, claim.detail
