r"""``δ^{l-1} = upsample(δ^l) ⊙ σ'(z^{l-1})`` in a pooling section with no directive: mode, window
and stride read from the prose, sizes from δ's example; truth from torch autograd.

Spellings (how authors set the section up): Pinard's CNN notes and their reposts ("for MAX
pooling … for Average pooling …", "pooling windows 2*2, stride 2", a numeric δ_k^l example),
CS231n ("F=2, S=2", "max pooling"), tutorials ("a kernel of size 2×2 and a stride of 2"),
Chinese notes (最大池化, 平均池化, 池化窗口 2*2, 步长 2).

Truth: a = tanh(z), pooled = max_pool2d / avg_pool2d(a), L = Σ δ ⊙ pooled; autograd gives
∂L/∂z; each claim's right side is evaluated with torch (upsample: max_unpool2d of δ at the
argmax for max pooling, δ repeated and divided by the window's size for average pooling).
"""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

CLAIMS = {r"\delta^{l-1} = upsample(\delta^l) \odot \sigma'(z^{l-1})": "rule",
          r"\delta^{l-1} = upsample(\delta^l)": "no sigma prime",
          r"\delta^{l-1} = upsample(\delta^l) \odot \sigma(z^{l-1})": "sigma"}


def _truth(mode: str, h: int, k: int, s: int, seed: int = 0) -> dict:
    g = torch.Generator().manual_seed(seed)
    z = (torch.randperm(h * h, generator=g).double().reshape(1, 1, h, h) - h * h / 2) / 7   # distinct: one maximum
    z.requires_grad_(True)
    a = torch.tanh(z)
    if mode == "max":
        pooled, where = F.max_pool2d(a, k, s, return_indices=True)
    else:
        pooled = F.avg_pool2d(a, k, s)
    delta = torch.randint(-9, 10, pooled.shape, generator=g).double()
    (pooled * delta).sum().backward()
    up = F.max_unpool2d(delta, where, k, s, output_size=(h, h)) if mode == "max" else \
        delta.repeat_interleave(s, -1).repeat_interleave(s, -2) / (k * k)
    sig_prime, sig = 1 - torch.tanh(z.detach()) ** 2, torch.tanh(z.detach())
    values = {"rule": up * sig_prime, "no sigma prime": up, "sigma": up * sig}
    return {kind: torch.allclose(v, z.grad) for kind, v in values.items()}


PAGES = [
    ("# Pooling layer: from δ^l to δ^{l-1}\n\nFor MAX pooling the error goes to the maximum; for Average "
     "pooling it is spread evenly. Pooling windows 2\\*2, stride 2; the error of the pooled map:\n\n"
     "$$\n\\delta_k^l = \\left(\\begin{array}{cc} 2 & 8 \\\\ 4 & 6 \\end{array}\\right)\n$$\n\n", ("max", "avg")),
    ("# Backward through max pooling\n\nA max pooling layer with F=2, S=2 routes the error:\n\n", ("max",)),
    ("## 池化层的反向传播\n\n平均池化，池化窗口 2*2，步长 2。\n\n", ("avg",)),
    ("# Average pooling\n\nAn average pooling with a kernel of size 2×2 and a stride of 2.\n\n", ("avg",)),
]


@pytest.mark.parametrize("page,modes", PAGES)
def test_upsample_rule_read_from_the_prose(page, modes):
    doc = page + "".join(f"$$\n{c}\n$$\n\n" for c in CLAIMS)
    got = {c.latex.strip(): c for c in check_text(doc, "md").claims}
    sizes = (4, 6)                                       # inputs of the 2x2 and 3x3 pooled maps
    for claim, kind in CLAIMS.items():
        truths = [_truth(m, h, 2, 2, seed)[kind] for m in modes for seed, h in enumerate(sizes)]
        expect = "holds" if all(truths) else "refuted" if not any(truths) else "unchecked"
        if kind == "no sigma prime":        # no activation written: whether there is one is not said
            expect = "unchecked"
        assert got[claim].verdict == expect, (claim, expect, got[claim].detail)


def test_no_mode_or_no_window_stays_unchecked():
    no_mode = "# Pooling\n\nThe pooling layer uses 2x2 windows.\n\n$$\n" + next(iter(CLAIMS)) + "\n$$\n"
    no_window = "# Max pooling\n\nThe max pooling layer routes the error.\n\n$$\n" + next(iter(CLAIMS)) + "\n$$\n"
    not_pooling = "# Convolution\n\nThe convolution layer.\n\n$$\n" + next(iter(CLAIMS)) + "\n$$\n"
    for doc, why in ((no_mode, "max or average"), (no_window, "window"), (not_pooling, "")):
        claim = check_text(doc, "md").claims[0]
        assert claim.verdict == "unchecked" and why in claim.detail, claim.detail
