"""Readings of round 48.

* a sum whose upper bound is written first, ``\\sum^{2}_{m=0}`` (LaTeX takes the scripts in either
  order; held-out 15's and 52's pages write them so): read as ``\\sum_{m=0}^{2}`` by the index
  reader (before: "a sum without its index", and the claim was unchecked);
* a code fence that is never closed and hides ``$$`` displays: a one-line error naming the fence's
  line and the first hidden display (before: "no display equations found", which named neither);
* a layout that writes batch or channel axes (``layout: x=NCHW w=OIHW``) with no counts: checked at 2
  samples and 2 in / 3 out channels, and the size description says so (before: at one of each, where a
  claim that swaps the channel letters or drops the batch sum held);
* a pooling forward with batch and channel indices the window does not touch
  (``Y_{n,c,h,w} = \\frac{1}{p^2}\\sum X_{n,c,hs+i,ws+j}``, ``y_{i,j,c} = \\max x_{2i+m,2j+n,c}``): N and C read
  from the forward (before: "the forward does not settle which are channels"); the forward's stride letter
  in a claim's left entry (``X_{hs+i,ws+j}``); ``\\max_{0 \\le i < p,\\; 0 \\le j < p}``;
* a claim that writes a convolution's letters, below a pooling forward read from the page, is read under
  the convolution stated above (before: under the pooling, its letters without roles).
* the argmax written with a star, ``\\frac{\\partial L}{\\partial X_{2h+i^*,2w+j^*}} = \\frac{\\partial L}{\\partial
  Y_{h,w}}``: read where the entry is its window's maximum (before: unchecked, "i is not bound");
* red team 68: a 1-based window written with a bracket, ``X_{2(h-1)+i}``, is read as ``X_{2h-2+i}`` (before:
  the output counted from 2, its forward refuted, and a claim naming the window one lower held); counts the page
  does not give are tried at two values each, so bounds that write symbp's own choice (``\\sum_{n=0}^{1}``) do
  not hold.

Truth: torch autograd (float64) and plain loops; never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.document import DocumentError, extract

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.verdict, c.detail) for c in check_text(text, "md").claims]


def _conv_grads(size: int, k: int, seed: int = 0):
    """(x, w, dL/dy, dL/dx, dL/dw) of a stride-1 valid cross-correlation by autograd."""
    torch.manual_seed(seed)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    w = torch.randn(1, 1, k, k, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x[0, 0].detach(), w[0, 0].detach(), dy[0, 0], x.grad[0, 0], w.grad[0, 0]


CONV = r"""# Convolution

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 index_base=0 names: x=input w=kernel y=output L=loss -->

$$ y_{{i,j}} = \sum^{{1}}_{{m=0}} \sum^{{1}}_{{n=0}} w_{{m,n}} x_{{i+m,j+n}} $$

$$ \frac{{\partial L}}{{\partial w_{{m,n}}}} = {claim} $$
"""


def test_a_sum_with_its_upper_bound_first_is_read():
    x, w, dy, dx, dw = _conv_grads(4, 2)
    loop = [[sum(dy[i, j] * x[i + m, j + n] for i in range(3) for j in range(3)) for n in range(2)]
            for m in range(2)]
    assert all(torch.isclose(dw[m, n], loop[m][n]) for m in range(2) for n in range(2))
    right = r"\sum^{2}_{i=0} \sum^{2}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    verdicts = _claims(CONV.format(claim=right))
    assert verdicts[-1][0] == "holds", verdicts


def test_a_sum_with_its_upper_bound_first_refutes_a_wrong_range():
    x, _, dy, _, dw = _conv_grads(4, 2)
    short = sum(dy[i, j] * x[i, j] for i in range(2) for j in range(2))   # the bound 1 drops a row
    assert not torch.isclose(dw[0, 0], short)
    wrong = r"\sum^{1}_{i=0} \sum^{1}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    verdict, detail = _claims(CONV.format(claim=wrong))[-1]
    assert verdict == "refuted", detail


def test_a_sum_with_two_upper_bounds_is_not_read():
    twice = r"\sum^{2}_{i=0}^{2} \sum^{2}_{j=0} \frac{\partial L}{\partial y_{i,j}} x_{i+m,j+n}"
    assert _claims(CONV.format(claim=twice))[-1][0] == "unchecked"


FENCE = """# Notes

The author's
```math blocks are shown below.

$$ y = w x $$

$$ \\frac{\\partial L}{\\partial w} = x \\frac{\\partial L}{\\partial y} $$
"""


def test_an_unclosed_fence_that_hides_displays_is_named():
    with pytest.raises(DocumentError, match=r"line 4: the code fence ``` opened here is never closed, "
                                            r"so the \$\$ display at line 6"):
        extract(FENCE, "md")


def test_an_unclosed_fence_without_displays_inside_is_still_code():
    text = "$$ y = w x $$\n\n```python\ny = w * x\n"
    assert [item.latex for item in extract(text, "md") if hasattr(item, "latex")] == ["y = w x"]


def test_a_closed_fence_hides_its_dollars_without_error():
    text = "```\n$$ not math $$\n```\n\n$$ y = w x $$\n"
    assert [item.latex for item in extract(text, "md") if hasattr(item, "latex")] == ["y = w x"]


# ---------------------------------------------------------------- channels and a batch whose counts are not given

CHANNELS = r"""# Convolution with channels

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 index_base=0 layout: x=NCHW w=OIHW y=NCHW names: x=input w=kernel y=output L=loss -->

$$ y_{{n,o,i,j}} = \sum_{{c}} \sum_{{m}} \sum_{{v}} w_{{o,c,m,v}} x_{{n,c,i+m,j+v}} $$

$$ \frac{{\partial L}}{{\partial w_{{o,c,m,v}}}} = {claim} $$
"""


def _conv_weight_grad(n: int, cin: int, cout: int, seed: int = 0):
    torch.manual_seed(seed)
    x = torch.randn(n, cin, 4, 4)
    w = torch.randn(cout, cin, 2, 2, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x, dy, w.grad


def test_a_layout_without_channel_counts_is_checked_at_several_channels():
    x, dy, dw = _conv_weight_grad(2, 2, 3)
    swapped = lambda o, c, m, v: sum(dy[n, c, i, j] * x[n, o, i + m, j + v]    # noqa: E731
                                     for n in range(2) for i in range(3) for j in range(3))
    assert not torch.isclose(dw[0, 1, 0, 0], swapped(0, 1, 0, 0))
    one = lambda o, c, m, v: sum(dy[0, o, i, j] * x[0, c, i + m, j + v] for i in range(3) for j in range(3))  # noqa: E731
    assert not torch.isclose(dw[0, 0, 0, 0], one(0, 0, 0, 0))
    right = r"\sum_{n} \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{n,o,i,j}} x_{n,c,i+m,j+v}"
    wrong_channels = r"\sum_{n} \sum_{i} \sum_{j} \frac{\partial L}{\partial y_{n,c,i,j}} x_{n,o,i+m,j+v}"
    one_sample = r"\sum_{i} \sum_{j} \frac{\partial L}{\partial y_{0,o,i,j}} x_{0,c,i+m,j+v}"
    verdict, detail = _claims(CHANNELS.format(claim=right))[-1]
    assert verdict == "holds" and "channel counts not given" in detail and "batch not given" in detail
    for claim in (wrong_channels, one_sample):          # both held at one channel and one sample
        assert _claims(CHANNELS.format(claim=claim))[-1][0] == "refuted"


def test_stated_channel_counts_are_kept():
    text = CHANNELS.replace("index_base=0", "index_base=0 channels=1,1 batch=1").format(
        claim=r"\sum_{i} \sum_{j} \frac{\partial L}{\partial y_{0,o,i,j}} x_{0,c,i+m,j+v}")
    verdict, detail = _claims(text)[-1]
    assert verdict == "holds" and "not given" not in detail


# ---------------------------------------------------------------- pooling with a batch and channels in its forward

POOL_NCHW = r"""# Average pooling

<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output \mathcal{{L}}=loss -->

$$Y_{{n, c, h, w}} = \frac{{1}}{{p^2}} \sum_{{i=0}}^{{p-1}} \sum_{{j=0}}^{{p-1}} X_{{n, c,\; hs+i,\; ws+j}}$$

$$\frac{{\partial \mathcal{{L}}}}{{\partial X_{{n,c,{row},{col}}}}} = {claim}$$
"""


def _avg_nchw(seed: int = 0):
    torch.manual_seed(seed)
    x = torch.randn(2, 2, 4, 4, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, 2, 2)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return dy, x.grad


@pytest.mark.parametrize("row,col", [("hs+i", "ws+j"), ("2h+i", "2w+j")])
def test_a_pooling_forward_with_batch_and_channel_indices_is_read(row, col):
    dy, dx = _avg_nchw()
    assert all(torch.isclose(dx[n, c, 2 * h + i, 2 * w + j], dy[n, c, h, w] / 4)
               for n in range(2) for c in range(2) for h in range(2) for w in range(2) for i in range(2) for j in range(2))
    assert not torch.isclose(dx[0, 1, 0, 0], dy[1, 0, 0, 0] / 4)
    right = r"\frac{1}{p^2} \cdot \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}"
    swapped = r"\frac{1}{p^2} \cdot \frac{\partial \mathcal{L}}{\partial Y_{c,n,h,w}}"
    half = r"\frac{1}{p} \cdot \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}"
    claims = _claims(POOL_NCHW.format(row=row, col=col, claim=right))
    assert claims[0][0] == "holds" and claims[-1][0] == "holds", claims
    assert "channels 2,2" in claims[-1][1] and "batch 2" in claims[-1][1]
    for claim in (swapped, half):
        assert _claims(POOL_NCHW.format(row=row, col=col, claim=claim))[-1][0] == "refuted"


def test_a_pooling_forward_with_a_channel_index_last():
    text = r"""# Max pooling

<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input y=output L=loss -->

$$ y_{i,j,c} = \max_{0 \le m < 2,\; 0 \le n < 2} x_{2i+m,2j+n,c} $$
"""
    verdict, detail = _claims(text)[0]
    assert verdict == "holds" and "channels 2,2" in detail, detail


# ---------------------------------------------------------------- a claim about the convolution stated before a pooling

TWO_LAYERS = r"""# A small CNN

## Convolution

$$ z_{i,j,k}^l = b_k^l + \sum_{d=1}^{D} \sum_{p=0}^{1} \sum_{q=0}^{1} w_{p,q,d,k}^l \cdot a_{i+p,j+q,d}^{l-1} $$

$$ a_{i,j,k}^l = g^l(z_{i,j,k}^l) $$

## Pooling

$$ a_{i,j,k}^l = \frac{1}{4} \sum_{p=0}^{1} \sum_{q=0}^{1} a_{2i+p,2j+q,k}^{l-1} $$

## Gradients

### Bias

$$ \frac{\partial L}{\partial b_k^l} = \sum_{i,j} \frac{\partial L}{\partial z_{i,j,k}^l} $$

$$ \frac{\partial L}{\partial b_k^l} = \sum_{i,j} \frac{\partial L}{\partial z_{i,j,1}^l} $$
"""


def test_a_claim_in_a_convolutions_letters_below_a_pooling_is_read_under_the_convolution():
    torch.manual_seed(0)
    x, w, b = torch.randn(1, 2, 4, 4), torch.randn(3, 2, 2, 2), torch.randn(3, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, b)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    assert torch.allclose(b.grad, dy[0].sum(dim=(1, 2)))
    assert not torch.isclose(b.grad[0], dy[0, 1].sum())
    claims = _claims(TWO_LAYERS)
    assert claims[-2][0] == "holds" and "convolution stated above" in claims[-2][1], claims[-2]
    assert claims[-1][0] == "refuted", claims[-1]


# ---------------------------------------------------------------- red team 68: a 1-based window written k(i-1)+m

BRACKETED = r"""# Average pooling, counted from 1

<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=1 names: X=input Y=output L=loss -->

$$ Y_{{{out}}} = \frac{{1}}{{4}} \sum_{{i=1}}^{{2}} \sum_{{j=1}}^{{2}} X_{{{window}}} $$

$$ \frac{{\partial L}}{{\partial X_{{{entry}}}}} = \frac{{1}}{{4}} \frac{{\partial L}}{{\partial Y_{{{claimed}}}}} $$
"""


@pytest.mark.parametrize("out,window,entry,right,wrong", [
    ("h,w", "2(h-1)+i,2(w-1)+j", "3,3", "2,2", "1,1"),
    ("n,c,h,w", "n,c,2(h-1)+i,2(w-1)+j", "1,1,3,3", "1,1,2,2", "1,1,1,1"),
])
def test_a_one_based_window_written_with_a_bracket(out, window, entry, right, wrong):
    dy, dx = _avg_nchw()
    assert torch.isclose(dx[0, 0, 2, 2], dy[0, 0, 1, 1] / 4)       # X_{3,3} (from 1) lies in window Y_{2,2}
    assert not torch.isclose(dx[0, 0, 2, 2], dy[0, 0, 0, 0] / 4)
    claims = _claims(BRACKETED.format(out=out, window=window, entry=entry, claimed=right))
    assert claims[0][0] == "holds" and claims[-1][0] == "holds", claims      # before: the forward refuted
    assert _claims(BRACKETED.format(out=out, window=window, entry=entry, claimed=wrong))[-1][0] == "refuted"


def test_bounds_that_write_the_chosen_counts_do_not_hold():
    x, dy, dw = _conv_weight_grad(3, 2, 3)
    two = sum(dy[n, 0, i, j] * x[n, 0, i, j] for n in range(2) for i in range(3) for j in range(3))
    assert not torch.isclose(dw[0, 0, 0, 0], two)          # at 3 samples the sum over two misses one
    claim = r"\sum_{n=0}^{1} \sum_{i=0}^{2} \sum_{j=0}^{2} \frac{\partial L}{\partial y_{n,o,i,j}} x_{n,c,i+m,j+v}"
    verdict, detail = _claims(CHANNELS.format(claim=claim))[-1]
    assert verdict == "refuted" and "batch 3 (batch not given)" in detail, detail


# ---------------------------------------------------------------- the argmax written with a star

STAR = r"""# Max pooling

<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride={stride} index_base=0 names: X=input Y=output L=loss -->

$$ Y_{{h,w}} = \max_{{0 \le i < 2,\; 0 \le j < 2}} X_{{{s}h+i,\; {s}w+j}} $$

where $(i^*, j^*)$ is the position of the maximum in the window of $(h, w)$:

$$ \frac{{\partial L}}{{\partial X_{{{entry}}}}} = {claim} $$
"""


def _max_grads(stride: int, seed: int = 0):
    torch.manual_seed(seed)
    x = torch.randn(1, 1, 4, 4, requires_grad=True)
    y, where = torch.nn.functional.max_pool2d(x, 2, stride, return_indices=True)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return dy[0, 0], x.grad[0, 0], where[0, 0]


@pytest.mark.parametrize("entry,claim,verdict", [
    ("2h+i^*,2w+j^*", r"\frac{\partial L}{\partial Y_{h,w}}", "holds"),
    ("i^*,j^*", r"\frac{\partial L}{\partial Y_{h,w}}", "holds"),
    ("2h+i^*,2w+j^*", r"\frac{1}{4} \frac{\partial L}{\partial Y_{h,w}}", "refuted"),
    ("2h+i^*,2w+j^*", r"\frac{\partial L}{\partial Y_{w,h}}", "refuted"),
    ("2h+i^*,2w+j", r"\frac{\partial L}{\partial Y_{h,w}}", "unchecked"),      # every j: not only the maximum
    ("2h+j^*,2w+i^*", r"\frac{\partial L}{\partial Y_{h,w}}", "unchecked"),    # red team 69: the offsets crossed
    ("i^*,j^*", r"\frac{\partial L}{\partial Y_{w,h}}", "unchecked"),          # red team 69: the window transposed
    ("j^*,i^*", r"\frac{\partial L}{\partial Y_{h,w}}", "unchecked"),
])
def test_the_argmax_written_with_a_star(entry, claim, verdict):
    dy, dx, where = _max_grads(2)
    for h in range(2):
        for w in range(2):
            r, c = divmod(int(where[h, w]), 4)
            assert torch.isclose(dx[r, c], dy[h, w])                  # the maximum's entry gets dL/dY_{h,w}
            assert (h, w) == (w, h) or not torch.isclose(dx[r, c], dy[w, h])
    assert _claims(STAR.format(stride=2, s="2", entry=entry, claim=claim))[-1][0] == verdict


def test_the_argmax_with_a_star_in_overlapping_windows_is_not_read():
    dy, dx, where = _max_grads(1)
    shared = [(h, w) for h in range(3) for w in range(3)
              if not torch.isclose(dx.flatten()[where[h, w]], dy[h, w])]
    assert shared                              # an entry that is the maximum of two windows gets both gradients
    text = STAR.format(stride=1, s="", entry="h+i^*,w+j^*", claim=r"\frac{\partial L}{\partial Y_{h,w}}")
    assert _claims(text)[-1][0] == "unchecked"


def test_a_starred_claim_without_a_forward_is_not_read():
    dy, dx, where = _max_grads(2)
    crossed = []
    for h in range(2):
        for w in range(2):
            row, col = divmod(int(where[h, w]), 4)            # the maximum of window (h, w)
            i_star, j_star = row - 2 * h, col - 2 * w
            crossed += [(h, w)] if (2 * h + j_star, 2 * w + i_star) != (row, col) else []
    assert crossed                          # X_{2h+j^*,2w+i^*} is not the maximum in some window: the claim is false
    text = "\n".join(line for line in STAR.format(stride=2, s="2", entry="2h+j^*,2w+i^*",
                                                  claim=r"\frac{\partial L}{\partial Y_{h,w}}").splitlines()
                     if not line.startswith("$$ Y_"))
    assert _claims(text)[-1][0] == "unchecked"


@pytest.mark.parametrize("index", [r"i^{-1}+m", r"\lfloor i/2 \rfloor+m", r"|i|+m", r"i/0+m"])
def test_a_pooling_index_the_origin_cannot_evaluate_is_no_error(index):
    text = (f"# t\n\n$$ y_{{i,j}} = \\frac{{1}}{{4}}\\sum_{{m=0}}^{{1}}\\sum_{{n=0}}^{{1}} x_{{{index}, j+n}} $$\n\n"
            "$$ \\frac{\\partial L}{\\partial x_{1,1}} = 1 $$\n")
    assert _claims(text)[-1][0] == "unchecked"          # before this mend: ZeroDivisionError, IndexError
