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
