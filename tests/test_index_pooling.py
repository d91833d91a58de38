"""Average pooling in index notation read by ``symbp check`` in the document's own letters.

Truth is independent of symbp: ``torch.nn.functional.avg_pool2d`` / ``avg_pool1d`` autograd,
and each claim's right side computed by plain loops here."""
from __future__ import annotations

import os
import sys

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
import campaign_index_pool  # noqa: E402

FORWARD = r"y_{ij} = \frac{1}{k^2}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1} x_{ki+m,kj+n}"
FLOOR = r"\frac{\partial L}{\partial x_{pq}} = \frac{1}{k^2}\delta_{\lfloor p/k \rfloor, \lfloor q/k \rfloor}"
NO_SCALE = r"\frac{\partial L}{\partial x_{pq}} = \delta_{\lfloor p/k \rfloor, \lfloor q/k \rfloor}"
IVERSON = (r"\frac{\partial L}{\partial x_{pq}} = \frac{1}{k^2}\sum_{i,j}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1}"
           r" \delta_{ij} [ki+m = p][kj+n = q]")
WINDOW_LONG = IVERSON.replace("^{k-1}", "^{k}")
STRIDE_DROPPED = IVERSON.replace("[ki+m", "[i+m").replace("[kj+n", "[j+n")


def _verdicts(text):
    return {c.latex.strip(): c for c in check_text(text, "md").claims}


def _grad(h, w, k, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(h, w, dtype=torch.float64, generator=g, requires_grad=True)
    y = F.avg_pool2d(x[None, None], k, k)[0, 0]
    delta = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(delta)
    return delta, x.grad


def test_the_loops_agree_with_torch():
    for h, w, k in ((4, 4, 2), (5, 5, 2), (6, 7, 3)):
        delta, grad = _grad(h, w, k, seed=h)
        d = lambda i, j: float(delta[i, j]) if i < delta.shape[0] and j < delta.shape[1] else 0.0  # noqa: E731
        for p in range(h):
            for q in range(w):
                assert abs(d(p // k, q // k) / k ** 2 - float(grad[p, q])) < 1e-12
        assert any(abs(d(p // k, q // k) - float(grad[p, q])) > 1e-9 for p in range(h) for q in range(w))


def test_average_pooling_claims_without_sizes():
    got = _verdicts(f"# pooling\n\n$${FORWARD}$$\n\n" + "\n\n".join(
        f"$${c}$$" for c in (FLOOR, NO_SCALE, IVERSON, WINDOW_LONG, STRIDE_DROPPED)))
    assert got[FLOOR].verdict == got[IVERSON].verdict == "holds"
    assert "average-pooling window" in got[FLOOR].detail and "no sizes given" in got[FLOOR].detail
    for wrong in (NO_SCALE, WINDOW_LONG, STRIDE_DROPPED):
        assert got[wrong].verdict == "refuted", wrong
    assert "derived g_0000/4, claimed g_0000" in got[NO_SCALE].detail     # the missing 1/k², named


def test_average_pooling_with_a_directive_and_numbers():
    forward = r"y_{ij} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n}"
    good = r"\frac{\partial L}{\partial x_{pq}} = \frac{1}{4}\delta_{\lfloor p/2 \rfloor, \lfloor q/2 \rfloor}"
    half = r"\frac{\partial L}{\partial x_{pq}} = \frac{1}{2}\delta_{\lfloor p/2 \rfloor, \lfloor q/2 \rfloor}"
    text = (f"# pooling\n\n<!-- symbp: layer=avgpool input=6x6 kernel=2 stride=2 -->\n\n$${forward}$$"
            f"\n\n$${good}$$\n\n$${half}$$\n")
    got = _verdicts(text)
    assert got[good].verdict == "holds" and "6x6 input" in got[good].detail
    assert got[half].verdict == "refuted"


def test_1d_average_pooling_1_based_with_a_stride_letter():
    g = torch.Generator().manual_seed(4)
    a = torch.randn(7, dtype=torch.float64, generator=g, requires_grad=True)
    y = F.avg_pool1d(a[None, None], 3, 2)[0, 0]          # window 3, stride 2: overlapping
    delta = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(delta)
    # ∂C/∂a_j (1-based) = 1/k Σ_i Σ_{m=1}^{k} δ_i [s(i-1)+m = j], by loops
    for j in range(1, 8):
        want = sum(float(delta[i - 1]) for i in range(1, 4) for m in range(1, 4) if 2 * (i - 1) + m == j) / 3
        assert abs(want - float(a.grad[j - 1])) < 1e-12
    forward = r"y_{i} = \frac{1}{k}\sum_{m=1}^{k} a_{s(i-1)+m}"
    good = r"\frac{\partial C}{\partial a_j} = \frac{1}{k}\sum_i \sum_{m=1}^{k} \delta_i [s(i-1)+m = j]"
    no_scale = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_{m=1}^{k} \delta_i [s(i-1)+m = j]"
    text = (f"# 1-D pooling\n\n<!-- symbp: stride=2 -->\n\n$${forward}$$\n\n$${good}$$\n\n$${no_scale}$$\n")
    got = _verdicts(text)
    assert got[good].verdict == "holds" and "1-based" in got[good].detail
    assert got[no_scale].verdict == "refuted"


def test_a_pooling_sum_without_a_range_that_no_tensor_bounds_is_not_guessed():
    vague = (r"\frac{\partial L}{\partial x_{pq}} = \frac{1}{k^2}\sum_{i,j}\sum_{m,n} \delta_{ij} "
             r"[ki+m = p][kj+n = q]")
    got = _verdicts(f"# pooling\n\n$${FORWARD}$$\n\n$${vague}$$\n")
    assert got[vague].verdict == "unchecked"


def test_the_pooling_campaign_sample_has_no_wrong_verdict(capsys):
    assert campaign_index_pool.main(["--n", "40", "--seed", "5"]) == 0
    assert "false holds: 0; false refuted: 0; unchecked: 0; crashes: 0" in capsys.readouterr().out


def test_the_pooling_campaign_truth_tells_true_from_false():
    generator = torch.Generator().manual_seed(1)
    delta, grad = campaign_index_pool.sample(6, 6, 2, generator)
    textbook = dict(form="floor", scale="k^2", o=[0, 0], hi=0, drop=False, mutated=False)
    assert campaign_index_pool.truth(textbook, 2, delta, grad)
    assert campaign_index_pool.truth(dict(textbook, form="iverson"), 2, delta, grad)
    assert not campaign_index_pool.truth(dict(textbook, scale="1"), 2, delta, grad)
    assert not campaign_index_pool.truth(dict(textbook, form="iverson", hi=1), 2, delta, grad)
    assert not campaign_index_pool.truth(dict(textbook, form="iverson", drop=True), 2, delta, grad)


def test_upsample_and_kron_spellings_against_torch():
    delta, grad = _grad(6, 4, 2, seed=9)
    up = delta.repeat_interleave(2, 0).repeat_interleave(2, 1)          # kron(δ, 1_{2×2}) by torch
    assert torch.allclose(up / 4, grad) and not torch.allclose(up, grad)
    forward = r"y_{ij} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n}"
    good = [r"\frac{\partial L}{\partial x} = \frac{1}{4}\text{up}(\delta)",
            r"\frac{\partial L}{\partial x} = \frac{1}{4}\text{kron}(\delta, \mathbf{1}_{2\times 2})",
            r"\frac{\partial L}{\partial x} = \frac{1}{4}\,\text{upsample}(\delta, 2)"]
    bad = [r"\frac{\partial L}{\partial x} = \text{up}(\delta)",                             # no 1/4
           r"\frac{\partial L}{\partial x} = \frac{1}{4}\text{kron}(\delta, 1_{3\times 3})"]  # wrong block
    text = (f"# pooling\n\n<!-- symbp: layer=avgpool input=6x4 kernel=2 stride=2 -->\n\n$${forward}$$\n\n"
            + "\n\n".join(f"$${c}$$" for c in good + bad) + "\n")
    got = _verdicts(text)
    assert [got[c].verdict for c in good] == ["holds"] * 3
    assert [got[c].verdict for c in bad] == ["refuted"] * 2
    assert all("not re-checked" not in got[c].detail for c in good)        # the witness agreed


def test_the_witness_catches_a_broken_upsample(monkeypatch):
    from symbp import witness
    from symbp.check import index_evaluator
    honest = index_evaluator.upsample_spatial
    monkeypatch.setattr(index_evaluator, "upsample_spatial",                   # blocks twice as tall
                        lambda a, rows, cols, spatial=2: honest(a, rows * 2, cols, spatial))
    forward = r"y_{ij} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,2j+n}"
    wrong = r"\frac{\partial L}{\partial x} = \frac{1}{4}\text{kron}(\delta, 1_{1\times 2})"   # false
    text = f"# p\n\n<!-- symbp: layer=avgpool input=4x4 kernel=2 stride=2 -->\n\n$${forward}$$\n\n$${wrong}$$\n"
    with pytest.raises(witness.WitnessError, match="disagrees"):
        check_text(text, "md")
