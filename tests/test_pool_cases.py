r"""Pooling backward passes written with ``\begin{cases}``, as several authors write them.

Spellings: lecture notes' ``\delta_{\lfloor i/2\rfloor,\lfloor j/2\rfloor}`` with ``\text{if } x_{ij} = \max …``;
a Q&A answer's rows ``δ, & x_{ij} = \max …`` / ``0, & \text{else}`` (no "if"); Chinese notes'
``δ ; & 如果 …`` / ``0 ; & 其它`` (a semicolon after the value); the condition written as the entry
equal to the output, ``x_{ij} = y_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}`` (a blog's "the input that
equals the pooled value"); the Jacobian of one output by one input, 1 where that input is the
window's maximum, else 0; average pooling's ``\frac{1}{k^2}`` routed by the window's rows and
columns ``kp \le i < kp + k``; an average-pooling forward summed with numeric bounds and a
0-based window ``x_{2i+m, 2j+n}`` with no sizes given.

Truth is independent of symbp: ``torch.nn.functional.max_pool2d`` / ``avg_pool2d`` autograd at
inputs with distinct values, and each claim's right side by plain loops here."""
from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

H = W = 4
K = 2
WINDOW = r"\max_{0 \le m,n < 2} x_{2\lfloor i/2 \rfloor+m, 2\lfloor j/2\rfloor+n}"
D = r"\delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"
MAX_HEAD = "# max pooling\n\n$$y_{ij} = \\max_{0 \\le m,n < 2} x_{2i+m,2j+n}$$\n\n"
GRAD = r"\frac{\partial L}{\partial x_{ij}} = "


def _max_point(seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randperm(H * W, generator=g).double().reshape(H, W)
    delta = torch.randint(-9, 10, (H // K, W // K), generator=g).double()
    xg = x.clone().requires_grad_(True)
    F.max_pool2d(xg[None, None], K, K)[0, 0].backward(delta)
    jac = torch.autograd.functional.jacobian(lambda t: F.max_pool2d(t[None, None], K, K)[0, 0], x)
    return x, delta, xg.grad, jac


def _is_window_max(x, i, j):
    oi, oj = i // K, j // K
    return float(x[i, j]) == max(float(x[K * oi + m, K * oj + n]) for m in range(K) for n in range(K))


# (the claim's right side, its meaning by loops: (x, δ, i, j) -> value)
ROUTED = [
    (rf"\begin{{cases}} {D} & \text{{if }} x_{{ij}} = {WINDOW} \\ 0 & \text{{otherwise}} \end{{cases}}",
     lambda x, d, i, j: float(d[i // K, j // K]) * _is_window_max(x, i, j)),
    (rf"\begin{{cases}} {D}, & x_{{ij}} = {WINDOW} \\ 0, & \text{{else}} \end{{cases}}",
     lambda x, d, i, j: float(d[i // K, j // K]) * _is_window_max(x, i, j)),
    (rf"\begin{{cases}} {D} ; & 如果 x_{{ij}} = {WINDOW} \\ 0 ; & 其它 \end{{cases}}",
     lambda x, d, i, j: float(d[i // K, j // K]) * _is_window_max(x, i, j)),
    (rf"\begin{{cases}} {D} & \text{{if }} x_{{ij}} = y_{{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}} \\ "
     r"0 & \text{otherwise} \end{cases}",
     lambda x, d, i, j: float(d[i // K, j // K]) * _is_window_max(x, i, j)),
    # wrong: the other cells get 1 (not 0); δ to every cell; δ at the input's own index
    (rf"\begin{{cases}} {D} & \text{{if }} x_{{ij}} = {WINDOW} \\ 1 & \text{{otherwise}} \end{{cases}}",
     lambda x, d, i, j: float(d[i // K, j // K]) if _is_window_max(x, i, j) else 1.0),
    (rf"\begin{{cases}} {D} ; & 如果 x_{{ij}} = {WINDOW} \\ {D} ; & 其它 \end{{cases}}",
     lambda x, d, i, j: float(d[i // K, j // K])),
    (r"\begin{cases} \delta_{ij} & \text{if } x_{ij} = y_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor} \\ "
     r"0 & \text{otherwise} \end{cases}",
     lambda x, d, i, j: (float(d[i, j]) if i < d.shape[0] and j < d.shape[1] else float("nan"))
     * _is_window_max(x, i, j)),
]


def _truths(rows, seeds=range(3)):
    out = []
    for _, meaning in rows:
        ok = True
        for seed in seeds:
            x, d, grad, _ = _max_point(seed)
            ok &= all(meaning(x, d, i, j) == float(grad[i, j]) for i, j in itertools.product(range(H), range(W)))
        out.append(ok)
    return out


def test_routed_max_pool_cases_match_torch():
    truths = _truths(ROUTED)
    assert truths == [True] * 4 + [False] * 3
    doc = MAX_HEAD + "".join(f"$${GRAD}{tex}$$\n\n" for tex, _ in ROUTED)
    got = [c for c in check_text(doc, "md").claims][1:]
    for (tex, _), true, claim in zip(ROUTED, truths, got):
        assert claim.verdict == ("holds" if true else "refuted"), (tex, claim.verdict, claim.detail)


JACOBIAN = [
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} 1 & \text{if } x_{ij} = y_{pq} \\ 0 & \text{otherwise} \end{cases}",
     lambda x, p, q, i, j: float(i // K == p and j // K == q and _is_window_max(x, i, j))),
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} 1 & \text{if } x_{ij} = \max_{0 \le m,n < 2} "
     r"x_{2p+m,2q+n} \\ 0 & \text{otherwise} \end{cases}",
     lambda x, p, q, i, j: float(i // K == p and j // K == q and _is_window_max(x, i, j))),
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} 1 & \text{if } x_{ij} = y_{pq} \\ 1 & \text{otherwise} \end{cases}",
     lambda x, p, q, i, j: 1.0),
]


def test_max_pool_jacobian_cases_match_torch():
    truths = []
    for _, meaning in JACOBIAN:
        ok = True
        for seed in range(3):
            x, _, _, jac = _max_point(seed)
            ok &= all(meaning(x, p, q, i, j) == float(jac[p, q, i, j])
                      for p, q, i, j in itertools.product(range(H // K), range(W // K), range(H), range(W)))
        truths.append(ok)
    assert truths == [True, True, False]
    doc = MAX_HEAD + "".join(f"$${tex}$$\n\n" for tex, _ in JACOBIAN)
    for (tex, _), true, claim in zip(JACOBIAN, truths, check_text(doc, "md").claims[1:]):
        assert claim.verdict == ("holds" if true else "refuted"), (tex, claim.verdict, claim.detail)


def test_an_argmax_over_the_whole_input_in_a_windowed_section():
    """(i,j) = argmax over the whole input, in a 2x2-window section: only the global maximum would get
    its δ, but every window's maximum does (torch): refuted, with a counterexample."""
    x, d, grad, _ = _max_point(0)
    top = float(x.max())
    claimed = [[float(d[i // K, j // K]) * (float(x[i, j]) == top) for j in range(W)] for i in range(H)]
    assert claimed != grad.tolist()
    tex = (r"\frac{\partial L}{\partial x_{ij}} = \begin{cases} " + D +
           r" ; & 如果(i,j)=\arg\max_{m,n}(x_{m,n}) \\ 0 ; & 其它 \end{cases}")
    claim = check_text(MAX_HEAD + f"$${tex}$$\n", "md").claims[-1]
    assert claim.verdict == "refuted", claim.detail


def _avg_point(seed, k=2, s=2):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(H, W, generator=g, dtype=torch.float64)
    jac = torch.autograd.functional.jacobian(lambda t: F.avg_pool2d(t[None, None], k, s)[0, 0], x)
    return jac


AVG_HEAD = ("# average pooling\n\n<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 "
            "names: x=input y=output L=loss -->\n\n"
            "$$y_{pq} = \\frac{1}{k^2}\\sum_{m=0}^{k-1}\\sum_{n=0}^{k-1} x_{kp+m,kq+n}$$\n\n")
AVG = [
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} \frac{1}{k^2} & \text{if } kp \le i < kp+k, "
     r"kq \le j < kq + k \\ 0 & \text{otherwise} \end{cases}",
     lambda p, q, i, j: 0.25 * (K * p <= i < K * p + K and K * q <= j < K * q + K)),
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} \frac{1}{k} & \text{if } kp \le i < kp+k, "
     r"kq \le j < kq + k \\ 0 & \text{otherwise} \end{cases}",
     lambda p, q, i, j: 0.5 * (K * p <= i < K * p + K and K * q <= j < K * q + K)),
    (r"\frac{\partial y_{pq}}{\partial x_{ij}} = \begin{cases} \frac{1}{k^2} & \text{if } kp \le i \le kp+k, "
     r"kq \le j \le kq + k \\ 0 & \text{otherwise} \end{cases}",
     lambda p, q, i, j: 0.25 * (K * p <= i <= K * p + K and K * q <= j <= K * q + K)),
]


def test_average_pool_cases_match_torch():
    jac = _avg_point(0)
    truths = [all(abs(meaning(p, q, i, j) - float(jac[p, q, i, j])) < 1e-12
                  for p, q, i, j in itertools.product(range(2), range(2), range(H), range(W)))
              for _, meaning in AVG]
    assert truths == [True, False, False]
    doc = AVG_HEAD + "".join(f"$${tex}$$\n\n" for tex, _ in AVG)
    for (tex, _), true, claim in zip(AVG, truths, check_text(doc, "md").claims[1:]):
        assert claim.verdict == ("holds" if true else "refuted"), (tex, claim.verdict, claim.detail)


@pytest.mark.parametrize("scale,true", [(r"\frac{1}{4}", True), (r"\frac{1}{2}", False)])
def test_a_numeric_window_is_kept_at_every_size_tried(scale, true):
    """y = 1/4 Σ_{m=0}^{1} Σ_{n=0}^{1} x_{2i+m,2j+n} with no sizes given: every size tried keeps the
    2x2 window the sums write (a 3x3 window once refuted the correct claim)."""
    x = torch.randn(1, 1, 6, 6, dtype=torch.float64, requires_grad=True)
    g = torch.randn(1, 1, 3, 3, dtype=torch.float64)
    F.avg_pool2d(x, 2, 2).backward(g)
    want = [[float(g[0, 0, a // 2, b // 2]) * (0.25 if true else 0.5) for b in range(6)] for a in range(6)]
    assert (torch.tensor(want, dtype=torch.float64) == x.grad[0, 0]).all().item() == true
    doc = ("$$y_{i,j} = \\frac{1}{4}\\sum_{m=0}^{1}\\sum_{n=0}^{1} x_{2i+m,2j+n}$$\n\n"
           f"$$\\frac{{\\partial L}}{{\\partial x_{{a,b}}}} = {scale}\\delta_{{\\lfloor a/2 \\rfloor,\\lfloor b/2 \\rfloor}}$$\n")
    claim = check_text(doc, "md").claims[-1]
    assert claim.verdict == ("holds" if true else "refuted"), claim.detail
