"""Sums whose bounds only the prose names (issue 12): a weight gradient summed over "the $N$
training examples" and "the $H_o \\times W_o$ positions of the output map" (a Jekyll post in
NHWC), "a mini-batch of size $m$", "$B$ samples", "the output map is $H' \\times W'$".  The
sizes bind the batch and the output's rows and columns; without such words (round eight) each
letter is read as the length of the axis its sum runs over, at the sizes tried.

Truth: torch autograd gives the weight gradient; each claimed formula is evaluated by plain
numpy loops over its own (1-based) indices and bounds, never by symbp."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

FORWARD = r"""$$
z_{n,i,j,f} = \sum_{m=1}^{K_h}\sum_{q=1}^{K_w}\sum_{d=1}^{D} x_{n,i+m-1,j+q-1,d} w_{f,m,q,d} + b_f
$$"""

CLAIMS = [r"\frac{\partial L}{\partial w_{f,i,j,c}} = \sum_{n=1}^{NB}\sum_{a=1}^{HO}\sum_{b=1}^{WO} "
          r"\frac{\partial L}{\partial z_{n,a,b,f}} x_{n,a+i-1,b+j-1,c}",
          r"\frac{\partial L}{\partial w_{f,i,j,c}} = \sum_{n=1}^{NB}\sum_{a=1}^{HO-1}\sum_{b=1}^{WO} "
          r"\frac{\partial L}{\partial z_{n,a,b,f}} x_{n,a+i-1,b+j-1,c}",
          r"\frac{\partial L}{\partial w_{f,i,j,c}} = \sum_{n=1}^{NB}\sum_{a=1}^{HO}\sum_{b=1}^{WO} "
          r"\frac{\partial L}{\partial z_{n,a,b,f}} x_{n,a+j-1,b+i-1,c}"]

# (prose naming the sizes, batch symbol, output rows symbol, output columns symbol)
SPELLINGS = [
    (r"The gradient is summed over the $N$ training examples and the $H^{l+1}_o \times W^{l+1}_o$ "
     r"positions of the output map.", "N", "H^{l+1}_o", "W^{l+1}_o"),
    (r"We use a mini-batch of size $m$; the output feature map is $H' \times W'$.", "m", "H'", "W'"),
    (r"The layer sees $B$ samples at once, over the $H_{out} \times W_{out}$ entries of the output.",
     "B", "H_{out}", "W_{out}"),
]


def _doc(prose, nb, ho, wo):
    claims = "\n\n".join("$$\n" + c.replace("NB", nb).replace("HO", ho).replace("WO", wo) + "\n$$"
                         for c in CLAIMS)
    return f"# A convolution layer in NHWC\n\n{prose}\n\n{FORWARD}\n\n{claims}\n"


def _truth():
    gen = torch.Generator().manual_seed(3)
    x = torch.randn(2, 2, 4, 5, generator=gen)
    k = torch.randn(3, 2, 2, 3, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, k)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    xh = np.transpose(x.numpy(), (0, 2, 3, 1))                    # x_{n,i,j,d}
    gh = np.transpose(g.numpy(), (0, 2, 3, 1))                    # dL/dz_{n,a,b,f}
    dk = np.transpose(k.grad.numpy(), (0, 2, 3, 1))               # dL/dw_{f,i,j,c}
    N, HO, WO, F = gh.shape
    H, W = xh.shape[1:3]

    def at(n, r, c, d):                                           # 1-based, zero outside
        return xh[n, r - 1, c - 1, d] if 1 <= r <= H and 1 <= c <= W else 0.0

    def claim(rows, swap):
        out = np.zeros_like(dk)
        for f, i, j, c in np.ndindex(*dk.shape):
            out[f, i, j, c] = sum(gh[n, a - 1, b - 1, f] * (at(n, a + j, b + i, c) if swap else at(n, a + i, b + j, c))
                                  for n in range(N) for a in range(1, rows + 1) for b in range(1, WO + 1))
        return out                                                # i, j here are 0-based: i+1-1 = i
    return [np.allclose(claim(HO, False), dk), np.allclose(claim(HO - 1, False), dk),
            np.allclose(claim(HO, True), dk)]


@pytest.mark.parametrize("prose, nb, ho, wo", SPELLINGS)
def test_sizes_named_in_prose_bind_the_bounds(prose, nb, ho, wo):
    truth = _truth()
    assert truth == [True, False, False]
    verdicts = [c.verdict for c in check_text(_doc(prose, nb, ho, wo), "md").claims]
    assert verdicts[-3:] == ["holds" if t else "refuted" for t in truth]


def test_without_the_words_the_bounds_are_read_as_the_axes_they_end():
    # round eight (t17b): a bound letter nothing binds is read as the length of the axis its index
    # runs over (N the batch, H_o and W_o the output's rows and columns), at the sizes tried
    truth = _truth()
    claims = check_text(_doc("A convolution layer.", "N", "H_o", "W_o"), "md").claims
    assert [c.verdict for c in claims[-3:]] == ["holds" if t else "refuted" for t in truth]
    assert "no sizes given" in claims[-3].detail and "N read as the length" in claims[-3].detail
    assert "no number gives H_o" in claims[-2].detail          # Σ_{a=1}^{H_o-1}: one row short
