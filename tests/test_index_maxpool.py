r"""Max pooling in index notation read by ``symbp check`` in the document's own letters.

The spellings are those real derivations use (a Q&A answer's ``\max_{a=0}^{k-1}\max_{b=0}^{k-1}
X_{i s+a, j s+b}`` with a ``cases`` backward against ``Y_{i,j}``; lecture notes'
``\delta_{\lfloor i/2\rfloor,\lfloor j/2\rfloor}[x_{ij} = \max …]``; ``\mathbb{1}\{…\}``;
a LaTeX library's ``\max_{i,j}(a_{x+i,y+j})`` with an ``M\times N`` window named in prose
and ``\floor{x/M}``).  Truth is independent of symbp: ``torch.nn.functional.max_pool2d``
autograd at random inputs with distinct values, and each claim's right side computed by plain
loops here."""
from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

FORWARD = r"y_{ij} = \max_{0 \le m,n < 2} x_{2i+m,2j+n}"
WINDOW = r"x_{2\lfloor i/2 \rfloor+m, 2\lfloor j/2\rfloor+n}"
ROUTED = (r"\frac{\partial L}{\partial x_{ij}} = \delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"
          rf" [x_{{ij}} = \max_{{0 \le m,n < 2}} {WINDOW}]")
ROUTED_1 = (r"\frac{\partial L}{\partial x_{ij}} = \delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"
            rf" \mathbb{{1}}\{{x_{{ij}} = \max_{{0 \le m,n < 2}} {WINDOW}\}}")
ROUTED_CASES = (r"\frac{\partial L}{\partial x_{ij}} = \begin{cases} \delta_{\lfloor i/2 \rfloor, "
                rf"\lfloor j/2 \rfloor}} & \text{{if }} x_{{ij}} = \max_{{0 \le m,n < 2}} {WINDOW} \\ "
                r"0 & \text{otherwise} \end{cases}")
EVERYWHERE = r"\frac{\partial L}{\partial x_{ij}} = \delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"
AVERAGED = r"\frac{\partial L}{\partial x_{ij}} = \frac{1}{4}\delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor}"


def _verdicts(text):
    return {c.latex.strip(): c for c in check_text(text, "md").claims}


def _torch_grad(h, w, k, s, seed):
    """x (distinct values), δ and ∂L/∂x by torch autograd for max_pool2d(x, k, s)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randperm(h * w, generator=g).double().reshape(h, w).requires_grad_(True)
    y = F.max_pool2d(x[None, None], k, s)[0, 0]
    delta = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(delta)
    return x.detach(), delta, x.grad


def _routed(x, delta, i, j, k=2):
    """δ_{⌊i/k⌋,⌊j/k⌋} [x_ij = max of its window], by loops."""
    oi, oj = i // k, j // k
    if oi >= delta.shape[0] or oj >= delta.shape[1]:
        return 0.0
    cells = [float(x[k * oi + m, k * oj + n]) for m in range(k) for n in range(k)]
    return float(delta[oi, oj]) * (float(x[i, j]) == max(cells))


def _sum_over_outputs(x, delta, p, q, k, s):
    """Σ_{i,j} δ_ij [x_pq = y_ij] (y the window maxima), by loops."""
    total = 0.0
    for i, j in itertools.product(range(delta.shape[0]), range(delta.shape[1])):
        top = max(float(x[i * s + a, j * s + b]) for a in range(k) for b in range(k))
        total += float(delta[i, j]) * (float(x[p, q]) == top)
    return total


def test_the_loops_agree_with_torch():
    for (h, w), seed in itertools.product(((4, 4), (5, 5), (6, 4)), range(4)):
        x, delta, grad = _torch_grad(h, w, 2, 2, seed)
        for i, j in itertools.product(range(h), range(w)):
            assert _routed(x, delta, i, j) == float(grad[i, j])
        everywhere = [float(delta[i // 2, j // 2]) if i // 2 < delta.shape[0] and j // 2 < delta.shape[1]
                      else 0.0 for i in range(h) for j in range(w)]
        assert everywhere != grad.flatten().tolist()                   # δ to every cell: wrong
    for seed in range(4):                                              # overlapping: window 3, stride 2
        x, delta, grad = _torch_grad(7, 7, 3, 2, seed)
        for p, q in itertools.product(range(7), range(7)):
            assert _sum_over_outputs(x, delta, p, q, 3, 2) == float(grad[p, q])


def test_routed_claims_hold_and_the_unrouted_are_refuted():
    got = _verdicts(f"# max pooling\n\n$${FORWARD}$$\n\n" + "\n\n".join(
        f"$${c}$$" for c in (ROUTED, ROUTED_1, ROUTED_CASES, EVERYWHERE, AVERAGED)))
    for claim in (ROUTED, ROUTED_1, ROUTED_CASES):
        assert got[claim].verdict == "holds", got[claim].detail
        assert "argmax pattern" in got[claim].detail and "maximum unique" in got[claim].detail
        assert "2x2 max-pooling window, stride 2" in got[claim].detail or "no sizes given" in got[claim].detail
    for claim in (EVERYWHERE, AVERAGED):
        assert got[claim].verdict == "refuted", got[claim].detail
    assert "with the window maxima at x_0001: derived 0, claimed g_0000" in got[EVERYWHERE].detail
    assert "with the window maxima at x_0000: derived g_0000, claimed g_0000/4" in got[AVERAGED].detail


def test_a_qa_answer_spelling_with_nested_maxima_and_overlapping_windows():
    forward = r"Y_{i,j} = \max_{a=0}^{k-1} \max_{b=0}^{k-1} X_{i \cdot s + a, j \cdot s + b}"
    summed = r"\frac{\partial L}{\partial X_{p,q}} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{i,j}} [X_{p,q} = Y_{i,j}]"
    one = r"\frac{\partial L}{\partial X_{p,q}} = \frac{\partial L}{\partial Y_{\lfloor p/s \rfloor,\lfloor q/s \rfloor}}"
    text = (f"# pooling\n\n<!-- symbp: input=7x7 kernel=3x3 stride=2 names: X=input Y=output L=loss -->\n\n"
            f"$${forward}$$\n\n$${summed}$$\n\n$${one}$$\n")
    got = _verdicts(text)
    assert got[summed].verdict == "holds", got[summed].detail        # torch: the loops above
    assert "7x7 input, 3x3 max-pooling window, stride 2" in got[summed].detail
    assert got[one].verdict == "refuted", got[one].detail


def test_a_directive_window_named_in_prose_and_floor_macro():
    """Stride-1 (overlapping) windows: sending x to one output alone is wrong (torch: an input in
    two windows gets both δ's where it is the maximum of both)."""
    x, delta, grad = _torch_grad(4, 4, 2, 1, 3)
    one_output = [[float(delta[min(i // 2, 2), min(j // 2, 2)]) * (float(x[i, j]) == max(
        float(x[i // 2 + m, j // 2 + n]) for m in range(2) for n in range(2))) for j in range(4)] for i in range(4)]
    assert one_output != grad.tolist()
    text = ("# pooling\n\nEach output keeps the largest value of each $M\\times N$ window.\n\n"
            "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=1 names: a=input z=output C=loss -->\n\n"
            "$$z_{x,y}=\\max_{i,j}(a_{x+i,y+j})$$\n\n"
            "$$\\frac{\\partial C}{\\partial a_{x,y}} = \\delta_{\\floor{x/M},\\floor{y/N}}"
            "\\frac{\\partial\\max_{i,j}(a_{\\floor{x/M}+i,\\floor{y/N}+j})}{\\partial a_{x,y}}$$\n\n"
            "$$\\frac{\\partial C}{\\partial a_{x,y}} = \\sum_{u}\\sum_{v} \\delta_{u,v}"
            "\\frac{\\partial\\max_{i,j}(a_{u+i,v+j})}{\\partial a_{x,y}}$$\n")
    claims = check_text(text, "md").claims
    assert [c.verdict for c in claims[1:]] == ["refuted", "holds"], [c.detail for c in claims]


@pytest.mark.parametrize("claim, reason", [
    (r"\frac{\partial L}{\partial x_{ij}} = \delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor} "
     r"[x_{ij} = \max_{(m,n) \in R} x_{mn}]", "set"),
])
def test_a_maximum_over_a_set_stays_unchecked(claim, reason):
    got = _verdicts(f"# max pooling\n\n$${FORWARD}$$\n\n$${claim}$$\n")
    assert got[claim].verdict == "unchecked" and reason in got[claim].detail, got[claim].detail


def test_kronecker_with_a_block_of_ones():
    r"""``\frac{1}{4}\delta \otimes \mathbf{1}_{2\times 2}`` is average pooling's gradient (torch
    avg_pool2d), not max pooling's (torch max_pool2d routes δ to one cell of each window)."""
    g = torch.Generator().manual_seed(7)
    x = torch.randperm(16, generator=g).double().reshape(4, 4).requires_grad_(True)
    delta = torch.randint(-9, 10, (2, 2), generator=g).double()
    F.avg_pool2d(x[None, None], 2, 2)[0, 0].backward(delta)
    kron = torch.kron(delta, torch.ones(2, 2)) / 4
    assert torch.equal(x.grad, kron)
    x.grad = None
    F.max_pool2d(x[None, None], 2, 2)[0, 0].backward(delta)
    assert not torch.equal(x.grad, kron * 4) and not torch.equal(x.grad, kron)
    quarter = r"\frac{\partial L}{\partial x} = \frac{1}{4}\delta \otimes \mathbf{1}_{2\times 2}"
    whole = r"\frac{\partial L}{\partial x} = \delta \otimes 1_{2\times 2}"
    for layer, forward, want in (
            ("avgpool", r"y_{ij} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n}", ["holds", "refuted"]),
            ("maxpool", FORWARD, ["refuted", "refuted"])):
        text = (f"# pooling\n\n<!-- symbp: layer={layer} input=4x4 kernel=2x2 stride=2 names: x=input y=output "
                f"L=loss -->\n\n$${forward}$$\n\n$${quarter}$$\n\n$${whole}$$\n")
        got = _verdicts(text)
        assert [got[quarter].verdict, got[whole].verdict] == want, (layer, got[quarter].detail, got[whole].detail)


def test_the_max_pooling_campaign_sample_has_no_wrong_verdict(capsys):
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import campaign_index_maxpool
    assert campaign_index_maxpool.main(["--n", "40", "--seed", "3"]) == 0
    assert "false holds: 0; false refuted: 0; crashes: 0" in capsys.readouterr().out


def test_a_maximum_over_cells_that_are_no_window_is_refuted_at_a_named_input():
    """The comparison with the maximum of the 3x3 block at the origin (not a window of the 2x2,
    stride-2 layer): argmax patterns do not decide it; an input of distinct integers where it
    differs from torch's routing refutes it (torch: x_00 gets δ_00 when it is the maximum of its
    own 2x2 window, whatever the 3x3 block holds)."""
    x = torch.tensor([[5.0, 1, 9, 0], [2, 3, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], requires_grad=True)
    F.max_pool2d(x[None, None], 2, 2)[0, 0].backward(torch.ones(2, 2))
    assert x.grad[0, 0] == 1 and 5.0 != float(x.detach()[:3, :3].max())          # the claim would say 0
    claim = (r"\frac{\partial L}{\partial x_{ij}} = \delta_{\lfloor i/2 \rfloor, \lfloor j/2 \rfloor} "
             r"[x_{ij} = \max_{0 \le m,n < 3} x_{m,n}]")
    got = _verdicts(f"# max pooling\n\n$${FORWARD}$$\n\n$${claim}$$\n")
    assert got[claim].verdict == "refuted" and "at the input x_0000=" in got[claim].detail, got[claim].detail

