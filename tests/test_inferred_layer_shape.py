"""A convolution page that writes its layer in Andrew Ng's dense notation, ``Z^{[l]} = W^{[l]}A^{[l-1]} + b``
(the Coursera CNN notes and the many Chinese and Korean study notes that follow them), then states
the bias gradient of a filter as ``db = Σ_h Σ_w dZ_{hw}``: the dense layer is symbp's inference,
not the page's statement, so a shape that differs under it refutes nothing (unchecked, naming
the directive); on a page about a dense layer the same shape mismatch still refutes.

Truth: torch autograd of conv2d's bias (the output gradient summed over the positions) and of a
dense layer's bias (the output gradient itself, one entry per unit); never symbp.
"""
from __future__ import annotations

import numpy as np
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(5)

CONV_PAGE = r"""
# 卷积神经网络 (convolutional networks)

Each layer computes, as in the earlier course,

$$Z^{[l]}=W^{[l]}A^{[l-1]}+b$$

## 卷积层的反向传播 (convolution layer backward)

The bias of one filter receives the output gradient summed over every position of the feature map:

$$db = \sum_h \sum_w dZ_{hw}$$
"""

DENSE_PAGE = r"""
# A dense layer

$$Z^{[l]}=W^{[l]}A^{[l-1]}+b$$

$$db = \sum_h \sum_w dZ_{hw}$$
"""


def _conv_bias_truth() -> bool:
    x = torch.tensor(RNG.integers(-3, 4, (1, 1, 4, 4)), dtype=torch.float64)
    w = torch.tensor(RNG.integers(-3, 4, (1, 1, 2, 2)), dtype=torch.float64)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    z = torch.nn.functional.conv2d(x, w, b)
    g = torch.tensor(RNG.integers(-3, 4, tuple(z.shape)), dtype=torch.float64)
    (z * g).sum().backward()
    return bool(np.isclose(b.grad.item(), g.sum().item()))     # db = Σ_h Σ_w dZ_hw


def _dense_bias_shape() -> tuple:
    lin = torch.nn.Linear(4, 3).double()
    z = lin(torch.tensor(RNG.integers(-3, 4, (1, 4)), dtype=torch.float64))
    z.sum().backward()
    return tuple(lin.bias.grad.shape)                           # one entry per unit, not a scalar


def _verdict(text: str, start: str):
    return next((c.verdict, c.detail) for c in check_text(text, "md", time_limit=30).claims
                if c.latex.strip().startswith(start))


def test_a_dense_reading_of_a_convolution_page_refutes_nothing():
    assert _conv_bias_truth()
    verdict, detail = _verdict(CONV_PAGE, "db")
    assert verdict == "unchecked", detail
    assert "inferred" in detail and "layer=conv2d" in detail


def test_the_same_shape_on_a_dense_page_still_refutes():
    assert _dense_bias_shape() == (3,)
    verdict, detail = _verdict(DENSE_PAGE, "db")
    assert verdict == "refuted", detail
