"""Roles named in the prose of one heading section (symbp.check.prose_roles), in the ways real
pages write them: a glossary sentence AFTER the display that names subscripted entries ("where
$O_{i,j}$ is the output feature map, $I_{i,j}$ the input tensor and $W_{m,n}$ the kernel
weight", as a Korean CNN visualizer's notes and many English blog posts do), Japanese notes
("入力 $X_{ij}$、カーネル $W_{pq}$、出力 $Y_{ij}$"), Korean particles ("$O_{i,j}$는 출력 특징 맵"),
in documents whose other sections name other layers' letters ("$z_i$ is the output of the FC
layer" is no conflict for the convolution section).  No sizes are stated: symbp checks at
several sizes and says which.

Truth: torch autograd of conv2d (cross-correlation) at random integers and two sizes, against
each claim's formula evaluated by plain loops here; never symbp.
"""
from __future__ import annotations

import numpy as np
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(18)


def _grads(h, w, kh, kw):
    """(x, k, g, dL/dx, dL/dk) of L = Σ g ⊙ (x ⋆ k) by torch."""
    x = torch.tensor(RNG.integers(-3, 4, (h, w)), dtype=torch.float64, requires_grad=True)
    k = torch.tensor(RNG.integers(-3, 4, (kh, kw)), dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None])[0, 0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)), dtype=torch.float64)
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


def _at(a, i, j):
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


def _loops(kind, swap, x, k, g):
    """The claims' formulas by loops: 'dk' Σ_ij g_ij x_{i+m,j+n} (swap: x_{i+n,j+m}); 'dx' Σ_mn g_{i-m,j-n} k_mn."""
    if kind == "dk":
        return np.array([[sum(g[i, j] * _at(x, i + (n if swap else m), j + (m if swap else n))
                               for i in range(g.shape[0]) for j in range(g.shape[1]))
                          for n in range(k.shape[1])] for m in range(k.shape[0])])
    return np.array([[sum(_at(g, i - m, j - n) * k[m, n] for m in range(k.shape[0]) for n in range(k.shape[1]))
                      for j in range(x.shape[1])] for i in range(x.shape[0])])


def _truths(claims):
    """'holds' where the formula equals torch's gradient at 4x5/2x3 and at 5x5/3x3, else 'refuted'."""
    out = []
    for kind, swap in claims:
        ok = True
        for size in ((4, 5, 2, 3), (5, 5, 3, 3)):
            x, k, g, dx, dk = _grads(*size)
            ok &= bool(np.allclose(_loops(kind, swap, x, k, g), dk if kind == "dk" else dx))
        out.append("holds" if ok else "refuted")
    return out


def _verdicts(text):
    return [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=30).claims
            if c.verdict != "definition"]


KOREAN = r"""
## 2. 완전 연결 계층 역전파 (FC)

where $z_i$ is the output of the FC layer.

## 5. 합성곱 역전파 (convolution)

$$\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot I_{i+m, j+n}$$

$$\frac{\partial L}{\partial I_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial O_{i-m, j-n}} \cdot W_{m,n}$$

$$\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot I_{i+n, j+m}$$

where $O_{i,j}$ is the output feature map at (i,j), $I_{i,j}$ the input tensor at (i,j) and
$W_{m,n}$ the kernel weight at (m,n).
"""

KOREAN_PARTICLES = r"""
## 합성곱 계층

$$\frac{\partial L}{\partial W_{m,n}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} I_{i+m, j+n}$$

$$\frac{\partial L}{\partial I_{i,j}} = \sum_{m,n} \frac{\partial L}{\partial O_{i-m, j-n}} W_{m,n}$$

여기서 $O_{i,j}$는 출력 특징 맵, $I_{i,j}$는 입력 텐서, $W_{m,n}$은 커널 가중치입니다.
"""

JAPANESE = r"""
# CNN の逆伝播

## 全結合層

ここで $z_i$ は全結合層の出力です。

## 畳み込み層の逆伝播

入力 $X_{ij}$、カーネル $W_{pq}$、出力 $Y_{ij}$ とします。

$$\frac{\partial L}{\partial W_{p,q}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} X_{i+p, j+q}$$

$$\frac{\partial L}{\partial X_{i,j}} = \sum_{p,q} \frac{\partial L}{\partial Y_{i-p, j-q}} W_{p,q}$$

$$\frac{\partial L}{\partial W_{p,q}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}} X_{i+q, j+p}$$
"""


def test_glossary_after_the_display_names_subscripted_entries():
    truths = _truths([("dk", False), ("dx", False), ("dk", True)])
    assert truths == ["holds", "holds", "refuted"]
    got = _verdicts(KOREAN)
    assert [v for v, _ in got] == truths, got
    assert "no sizes given: checked at" in got[0][1] and "names read from the prose" in got[0][1]


def test_korean_particles():
    truths = _truths([("dk", False), ("dx", False)])
    got = _verdicts(KOREAN_PARTICLES)
    assert [v for v, _ in got] == truths, got


def test_japanese_role_words_before_the_letters():
    truths = _truths([("dk", False), ("dx", False), ("dk", True)])
    got = _verdicts(JAPANESE)
    assert [v for v, _ in got] == truths, got


def test_another_sections_letters_are_not_borrowed():
    # the FC section names no input or kernel: the convolution section's letters are not its names
    text = r"""
## 완전 연결 계층 (FC)

$$\frac{\partial L}{\partial W_{i,j}} = \frac{\partial L}{\partial y_i} x_j$$

## 합성곱 (convolution)

where $O_{i,j}$ is the output feature map, $I_{i,j}$ the input and $W_{m,n}$ the kernel.
"""
    got = _verdicts(text)
    assert got[0][0] == "unchecked" and "names read from the prose" not in got[0][1], got
