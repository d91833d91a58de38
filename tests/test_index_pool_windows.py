"""Pooling backward written per input entry with the output's indices left to the window
(symbp.check.pool_windows): ``∂L/∂x_{m,n} = ∂L/∂y_{i,j}`` "if x_{m,n} = y_{i,j}" or "if x_{m,n}
is the maximum" (in several languages), ``\\frac{1}{4} ∂L/∂y_{i,j}``, ``∂L/∂x_{2p+u,2q+v}``.

Truth comes from torch autograd (max_pool2d / avg_pool2d) compared with the claim's own
formula evaluated by plain loops at random inputs with distinct values, never from symbp.
"""
import itertools
import random

import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

from symbp.check.checker import check_text  # noqa: E402

MAX_CONDITIONS = [
    r"\text{if } x_{m,n} = y_{i,j}",
    r"\text{if } x_{m,n} \text{ was the maximum in the pooling region}",
    r"\text{if } x_{m,n} \text{ is the max of its window}",
    r"\text{si } x_{m,n} \text{ es el máximo}",
    r"\text{如果 } x_{m,n} \text{ 是最大值}",
    r"\text{if } x_{m,n} \text{ 이 최대값}",
    r"\text{if } (m,n) = (m^*, n^*)",
]


def _claim_values(x, g, k, s, scale, mode, marked):
    """The claim's ∂L/∂x by plain loops: each entry's window (i, j) = (m // s, n // s), δ times
    the scale, times [x is its window's maximum] for max pooling (0 outside every window)."""
    h, w = len(x), len(x[0])
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    out = [[0.0] * w for _ in range(h)]
    for m, n in itertools.product(range(h), range(w)):
        i, j = m // s, n // s
        if i >= oh or j >= ow or m - i * s >= k or n - j * s >= k:
            continue
        cells = [x[i * s + a][j * s + b] for a in range(k) for b in range(k)]
        hit = (x[m][n] == max(cells)) if (mode == "max" and marked) else True
        out[m][n] = scale * g[i][j] * hit
    return out


def _torch_grad(x, g, k, s, mode):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    y = pool(t[None, None], k, s)[0, 0]
    (y * torch.tensor(g, dtype=torch.float64)).sum().backward()
    return t.grad.tolist()


def _truth(h, w, k, s, scale, mode, marked, seed=0):
    """holds / refuted: the claim's loops against torch at a few random distinct inputs."""
    rng = random.Random(seed)
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    for _ in range(5):
        vals = rng.sample(range(1, 1000), h * w)
        x = [[float(vals[r * w + c]) for c in range(w)] for r in range(h)]
        g = [[float(rng.randint(1, 9)) for _ in range(ow)] for _ in range(oh)]
        if _claim_values(x, g, k, s, scale, mode, marked) != _torch_grad(x, g, k, s, mode):
            return "refuted"
    return "holds"


def _verdict(latex, mode, h, w, k, s):
    doc = (f"<!-- symbp: layer={mode}pool input={h}x{w} kernel={k}x{k} stride={s} index_base=0 "
           f"names: x=input y=output L=loss -->\n\n$$\n{latex}\n$$\n")
    claims = check_text(doc, "md").claims
    assert len(claims) == 1
    return claims[0].verdict, claims[0].detail


def _max_claim(cond, scale="", index="i,j"):
    return (r"\frac{\partial L}{\partial x_{m,n}} = \begin{cases} " + scale +
            r"\frac{\partial L}{\partial y_{" + index + r"}} & " + cond + r" \\ 0 & \text{otherwise} \end{cases}")


@pytest.mark.parametrize("cond", MAX_CONDITIONS)
def test_max_condition_in_words_or_entries_holds(cond):
    assert _truth(4, 4, 2, 2, 1, "max", True) == "holds"
    verdict, detail = _verdict(_max_claim(cond), "max", 4, 4, 2, 2)
    assert verdict == "holds", detail


@pytest.mark.parametrize("cond", MAX_CONDITIONS[:5])
def test_max_condition_with_a_wrong_factor_is_refuted(cond):
    assert _truth(4, 6, 2, 2, 2, "max", True) == "refuted"
    verdict, detail = _verdict(_max_claim(cond, scale="2"), "max", 4, 6, 2, 2)
    assert verdict == "refuted", detail


def test_max_without_the_condition_is_refuted():
    assert _truth(4, 4, 2, 2, 1, "max", False) == "refuted"
    verdict, detail = _verdict(r"\frac{\partial L}{\partial x_{m,n}} = \frac{\partial L}{\partial y_{i,j}}",
                               "max", 4, 4, 2, 2)
    assert verdict == "refuted", detail


@pytest.mark.parametrize("cond", [r"\text{if } x_{m,n} \text{ is not the maximum}",
                                  r"\text{if } x_{m,n} \text{ no es el máximo}",
                                  r"\text{if } x_{m,n} \text{ 不是最大值}"])
def test_a_negated_condition_is_not_read_as_the_maximum(cond):
    verdict, _ = _verdict(_max_claim(cond), "max", 4, 4, 2, 2)
    assert verdict == "unchecked"


def test_overlapping_windows_refute_a_claim_that_routes_to_one_window():
    """Stride 1 under a 2x2 window: an entry that is the maximum of two windows gets both δ
    (torch); a claim naming one window (i, j) for it is wrong whichever window is meant."""
    assert _truth(3, 3, 2, 1, 1, "max", True) == "refuted"
    verdict, detail = _verdict(_max_claim(r"\text{if } x_{m,n} = y_{i,j}"), "max", 3, 3, 2, 1)
    assert verdict == "refuted", detail
    assert "overlapping" in detail


def test_overlapping_windows_leave_the_worded_maximum_unread():
    verdict, _ = _verdict(_max_claim(r"\text{if } x_{m,n} \text{ is the maximum}"), "max", 3, 3, 2, 1)
    assert verdict != "holds"


@pytest.mark.parametrize("scale,number", [(0.25, r"\frac{1}{4}"), (0.5, r"\frac{1}{2}"), (1, "")])
def test_average_pooling_per_entry(scale, number):
    truth = _truth(4, 4, 2, 2, scale, "avg", True)
    verdict, detail = _verdict(r"\frac{\partial L}{\partial x_{m,n}} = " + number +
                               r" \frac{\partial L}{\partial y_{i,j}}", "avg", 4, 4, 2, 2)
    assert verdict == truth, detail


def test_average_pooling_with_overlap_is_refuted():
    assert _truth(3, 3, 2, 1, 0.25, "avg", True) == "refuted"
    verdict, detail = _verdict(r"\frac{\partial L}{\partial x_{m,n}} = \frac{1}{4} \frac{\partial L}{\partial y_{i,j}}",
                               "avg", 3, 3, 2, 1)
    assert verdict == "refuted", detail


def test_entries_in_no_window_are_not_compared():
    """A 5x5 input under 2x2 windows, stride 2: the last row and column are in no window."""
    assert _truth(5, 5, 2, 2, 1, "max", True) == "holds"
    verdict, detail = _verdict(_max_claim(r"\text{if } x_{m,n} = y_{i,j}"), "max", 5, 5, 2, 2)
    assert verdict == "holds" and "no window" in detail, detail


@pytest.mark.parametrize("factor,cond,truth", [
    ("", r"\text{if }(u,v)\text{ is the arg-max in that 2×2 window}", "holds"),
    ("", r"\text{if } x_{2p+u,2q+v} = y_{p,q}", "holds"),
    ("3", r"\text{if } x_{2p+u,2q+v} = y_{p,q}", "refuted"),
])
def test_window_offsets_on_the_left(factor, cond, truth):
    """∂L/∂x_{2p+u,2q+v}: p, q the window, u, v the offset in it (the claim's loops are the
    same as the per-entry form's with m = 2p+u)."""
    assert _truth(4, 4, 2, 2, 3 if factor else 1, "max", True) == truth
    latex = (r"\frac{\partial L}{\partial x_{2p+u,2q+v}} = \begin{cases} " + factor +
             r"\frac{\partial L}{\partial y_{p,q}} & " + cond + r" \\ 0 & \text{otherwise} \end{cases}")
    verdict, detail = _verdict(latex, "max", 4, 4, 2, 2)
    assert verdict == truth, detail


def test_directive_pooling_without_stride_moves_by_its_window():
    """PyTorch's default stride is the kernel: a maxpool directive that gives none pools 2x2
    windows with stride 2 (torch.nn.MaxPool2d(2))."""
    assert F.max_pool2d(torch.zeros(1, 1, 4, 4), 2).shape[-2:] == (2, 2)
    doc = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 index_base=0 names: x=input y=output L=loss -->\n\n"
           "$$\n" + _max_claim(r"\text{if } x_{m,n} = y_{i,j}") + "\n$$\n")
    claim = check_text(doc, "md").claims[0]
    assert claim.verdict == "holds" and "stride 2" in claim.detail, claim.detail


@pytest.mark.parametrize("number,scale", [(r"k \times k", 0.25), ("k", 0.5)])
def test_a_bare_delta_is_the_window_s_gradient(number, scale):
    r"""``∂l/∂I_{i,j} = \frac{\delta}{k \times k}`` with "a k x k window" in the prose: δ is the
    output gradient of the window that holds (i, j), k the window's side."""
    truth = _truth(4, 4, 2, 2, scale, "avg", True)
    doc = ("<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: I=input l=loss -->\n\n"
           "For average pooling with a k x k window, with delta the output gradient:\n\n"
           "$$\n\\frac{\\partial l}{\\partial I_{i,j}} = \\frac{\\delta}{" + number + "}\n$$\n")
    claim = check_text(doc, "md").claims[0]
    assert claim.verdict == truth, claim.detail


def test_max_with_a_starred_pair_and_a_bare_delta():
    assert _truth(4, 4, 2, 2, 1, "max", True) == "holds"
    doc = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: I=input l=loss -->\n\n"
           "$$\n\\frac{\\partial l}{\\partial I_{i,j}} = \\begin{cases} \\delta, & \\text{if } (i,j) = (i^*, j^*) \\\\ "
           "0, & \\text{otherwise} \\end{cases}\n$$\n")
    claim = check_text(doc, "md").claims[0]
    assert claim.verdict == "holds", claim.detail


@pytest.mark.parametrize("factor,truth", [("", "holds"), ("2", "refuted")])
def test_channels_first_read_from_window_offsets(factor, truth):
    """∂L/∂x_{c,2p+u,2q+v} under 2 channels and no layout: the strided indices are the row and
    column, so c is the channel; torch on a (1, 2, 4, 4) input decides."""
    rng = random.Random(3)
    t = torch.tensor(rng.sample(range(1, 500), 32), dtype=torch.float64).reshape(1, 2, 4, 4).requires_grad_()
    g = torch.tensor([float(rng.randint(1, 9)) for _ in range(8)], dtype=torch.float64).reshape(1, 2, 2, 2)
    (F.max_pool2d(t, 2, 2) * g).sum().backward()
    scale = 2 if factor else 1
    claimed = torch.zeros(2, 4, 4, dtype=torch.float64)
    for c, p, q, u, v in itertools.product(range(2), range(2), range(2), range(2), range(2)):
        window = t[0, c, 2 * p:2 * p + 2, 2 * q:2 * q + 2]
        claimed[c, 2 * p + u, 2 * q + v] = scale * g[0, c, p, q] * float(t[0, c, 2 * p + u, 2 * q + v] == window.max())
    assert ("holds" if torch.equal(claimed, t.grad[0]) else "refuted") == truth
    doc = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 channels=2 index_base=0 "
           "names: x=input y=output L=loss -->\n\n$$\n\\frac{\\partial L}{\\partial x_{c,2p+u,2q+v}} = \\begin{cases} "
           + factor + "\\frac{\\partial L}{\\partial y_{c,p,q}}, & \\text{if } (u,v) \\text{ is the arg-max in that "
           "window} \\\\ 0, & \\text{otherwise} \\end{cases}\n$$\n")
    claim = check_text(doc, "md").claims[0]
    assert claim.verdict == truth, claim.detail


def _routed_matrix(corner):
    """∂L/∂A written out for a 4x4 input, 2x2 windows: each window's δ at the given corner."""
    r, c = {"tl": (0, 0), "br": (1, 1)}[corner]
    rows = []
    for i in range(4):
        row = []
        for j in range(4):
            hit = i % 2 == r and j % 2 == c
            row.append(r"\frac{\partial L}{\partial B_{%d%d}}" % (i // 2 + 1, j // 2 + 1) if hit else "0")
        rows.append(" & ".join(row))
    return r"\frac{\partial L}{\partial A} = \left( \begin{array}{cccc} " + r" \\ ".join(rows) + r" \end{array} \right)"


@pytest.mark.parametrize("corner,truth", [("tl", "holds"), ("br", "refuted")])
def test_a_directive_argmax_fixes_the_maxima_of_a_written_out_gradient(corner, truth):
    """argmax=tl,tl,tl,tl: the document assumes each window's maximum at its top-left cell; torch
    at such an input routes δ there."""
    x = torch.tensor([[9., 1, 8, 2], [3, 4, 5, 6], [7, 0, 10, 2.5], [1.5, 2, 3, 4]], requires_grad=True)
    g = torch.tensor([[1., 2], [3, 4]])
    (F.max_pool2d(x[None, None], 2)[0, 0] * g).sum().backward()
    routed = torch.zeros(4, 4)
    r, c = {"tl": (0, 0), "br": (1, 1)}[corner]
    for i, j in itertools.product(range(2), range(2)):
        routed[2 * i + r, 2 * j + c] = g[i, j]
    assert ("holds" if torch.equal(routed, x.grad) else "refuted") == truth
    doc = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,tl,tl,tl index_base=1 "
           "names: A=input B=output L=loss -->\n\n$$\n" + _routed_matrix(corner) + "\n$$\n")
    claim = check_text(doc, "md").claims[0]
    assert claim.verdict == truth, claim.detail


@pytest.mark.parametrize("tail", [r", \quad (m,n) \in R_{i,j}", r" \quad \text{for } (m,n) \in \mathcal{R}_{ij}",
                                  r" \quad \text{for } (m,n) \text{ in the window of } (i,j)"])
@pytest.mark.parametrize("number,scale", [(r"\frac{1}{4}", 0.25), (r"\frac{1}{2}", 0.5)])
def test_a_window_membership_written_after_the_formula(tail, number, scale):
    """``… = \\frac{1}{4} ∂L/∂y_{i,j}, (m,n) ∈ R_{i,j}``: the membership is the reading of the free
    (i, j); the verdict is torch's."""
    truth = _truth(4, 4, 2, 2, scale, "avg", True)
    verdict, detail = _verdict(r"\frac{\partial L}{\partial x_{m,n}} = " + number +
                               r" \frac{\partial L}{\partial y_{i,j}}" + tail, "avg", 4, 4, 2, 2)
    assert verdict == truth, detail


def test_a_window_membership_with_other_letters_is_not_read():
    verdict, detail = _verdict(r"\frac{\partial L}{\partial x_{m,n}} = \frac{1}{4} \frac{\partial L}{\partial y_{i,j}}"
                               r", \quad (p,q) \in R_{i,j}", "avg", 4, 4, 2, 2)
    assert verdict == "unchecked", detail


def _overlap_truth(h, w, k, s, scale, mode, seed=5):
    """The overlap-aware sum Σ over the windows (i, j) that hold (m, n) of scale·δ_{ij}
    (·[x_{m,n} is that window's maximum] for max pooling), by plain loops, against torch."""
    rng = random.Random(seed)
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    for _ in range(4):
        vals = rng.sample(range(1, 1000), h * w)
        x = [[float(vals[r * w + c]) for c in range(w)] for r in range(h)]
        g = [[float(rng.randint(1, 9)) for _ in range(ow)] for _ in range(oh)]
        claimed = [[0.0] * w for _ in range(h)]
        for m, n, i, j in itertools.product(range(h), range(w), range(oh), range(ow)):
            if i * s <= m < i * s + k and j * s <= n < j * s + k:
                top = max(x[i * s + a][j * s + b] for a in range(k) for b in range(k))
                claimed[m][n] += scale * g[i][j] * (x[m][n] == top if mode == "max" else 1)
        if claimed != _torch_grad(x, g, k, s, mode):
            return "refuted"
    return "holds"


@pytest.mark.parametrize("mode,scale,number", [("avg", 0.25, r"\frac{1}{4}"), ("avg", 0.5, r"\frac{1}{2}"),
                                               ("max", 1, ""), ("max", 2, "2")])
@pytest.mark.parametrize("stride", [1, 2])
def test_a_sum_over_the_windows_that_hold_the_entry(mode, scale, number, stride):
    """``\\sum_{(i,j) : (m,n) \\in R_{i,j}}``: the form that is right under overlapping windows too."""
    truth = _overlap_truth(4, 5, 2, stride, scale, mode)
    mark = r" [x_{m,n} = y_{i,j}]" if mode == "max" else ""
    latex = (r"\frac{\partial L}{\partial x_{m,n}} = " + number + r" \sum_{(i,j) : (m,n) \in R_{i,j}} "
             r"\frac{\partial L}{\partial y_{i,j}}" + mark)
    verdict, detail = _verdict(latex, mode, 4, 5, 2, stride)
    assert verdict == truth, detail
