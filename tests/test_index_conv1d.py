"""1-D convolutions in index notation (``z_i = Σ_m w_m a_{i+m} + b``) read by ``symbp check``
in the document's own letters, and Iverson brackets inside index claims.

Truth is independent of symbp: torch autograd of ``torch.nn.functional.conv1d`` compared
with each claim's right side computed by plain loops here (a claim is only asserted to hold
when those loops agree with torch, and to be refuted when they do not)."""
from __future__ import annotations

import os
import random
import sys

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
import campaign_index_1d  # noqa: E402


def _torch_grads(length, k, stride, seed=0):
    g = torch.Generator().manual_seed(seed)
    a = torch.randint(-9, 10, (length,), generator=g).double().requires_grad_()
    w = torch.randint(-9, 10, (k,), generator=g).double().requires_grad_()
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    z = F.conv1d(a[None, None], w[None, None], b, stride=stride)[0, 0]
    delta = torch.randint(-9, 10, tuple(z.shape), generator=g).double()
    z.backward(delta)
    return a.detach(), w.detach(), delta, a.grad, w.grad, b.grad


def _at(t, i):
    return float(t[i]) if 0 <= i < t.shape[0] else 0.0


def _verdicts(text):
    return {c.latex.strip(): c for c in check_text(text, "md").claims}


def _doc(forward, claims, directive=""):
    body = "\n\n".join(f"$${c}$$" for c in claims)
    return f"# 1-D\n\n{directive}\n\n$${forward}$$\n\n{body}\n"


DW = r"\frac{\partial C}{\partial w_m} = \sum_i \delta_i a_{i+m}"
DA = r"\frac{\partial C}{\partial a_j} = \sum_m \delta_{j-m} w_m"
DB = r"\frac{\partial C}{\partial b} = \sum_i \delta_i"
DW_OFF = r"\frac{\partial C}{\partial w_m} = \sum_i \delta_i a_{i+m+1}"      # off by one
DA_FLIP = r"\frac{\partial C}{\partial a_j} = \sum_m \delta_{j+m} w_m"       # wrong sign


def test_the_loops_agree_with_torch_on_the_textbook_forms_and_not_on_the_mutants():
    for length, k in ((5, 2), (6, 3), (7, 3), (9, 4)):
        a, w, d, ga, gw, gb = _torch_grads(length, k, 1, seed=length)
        wide = range(-12, 14)
        assert all(sum(_at(d, i) * _at(a, i + m) for i in wide) == gw[m] for m in range(k))
        assert all(sum(_at(d, j - m) * _at(w, m) for m in wide) == ga[j] for j in range(length))
        assert float(d.sum()) == float(gb[0])
        assert not all(sum(_at(d, i) * _at(a, i + m + 1) for i in wide) == gw[m] for m in range(k))
        assert not all(sum(_at(d, j + m) * _at(w, m) for m in wide) == ga[j] for j in range(length))


@pytest.mark.parametrize("directive", ["", "<!-- symbp: layer=conv1d input=7 kernel=3 -->"])
def test_textbook_1d_claims_hold_and_mutants_are_refuted(directive):
    forward = r"z_i = \sum_{m=0}^{W-1} w_m a_{i+m} + b"
    got = _verdicts(_doc(forward, [DW, DA, DB, DW_OFF, DA_FLIP], directive))
    assert [got[c].verdict for c in (DW, DA, DB)] == ["holds"] * 3
    assert [got[c].verdict for c in (DW_OFF, DA_FLIP)] == ["refuted"] * 2
    assert "length" in got[DW].detail                      # said in 1-D terms
    # the refutation names an entry and both sides
    assert "at m=0" in got[DW_OFF].detail and "derived" in got[DW_OFF].detail


def test_without_sizes_the_1d_claims_are_proved_for_every_length():
    got = _verdicts(_doc(r"z_i = \sum_m w_m a_{i+m}", [DW, DA]))
    for claim in (DW, DA):
        assert got[claim].verdict == "holds"
        assert "holds for all sizes" in got[claim].detail
        assert "length W input, length KW kernel" in got[claim].detail


def test_a_1d_stride_letter_is_read_and_dropping_it_is_refuted():
    a, w, d, ga, gw, _ = _torch_grads(9, 3, 2, seed=3)
    wide = range(-12, 14)
    # the claims below, by plain loops, at stride 2
    assert all(sum(_at(d, i) * _at(a, 2 * i + m) for i in wide) == gw[m] for m in range(3))
    assert all(sum(_at(d, i) * _at(w, m) for i in wide for m in wide if 2 * i + m == j) == ga[j]
               for j in range(9))
    assert not all(sum(_at(d, i) * _at(w, m) for i in wide for m in wide if i + m == j) == ga[j]
                   for j in range(9))
    dw = r"\frac{\partial C}{\partial w_m} = \sum_i \delta_i a_{si+m}"
    da = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_m \delta_i w_m [si+m = j]"
    da_dropped = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_m \delta_i w_m [i+m = j]"
    got = _verdicts(_doc(r"z_i = \sum_{m=0}^{k-1} w_m a_{si+m} + b", [dw, da, da_dropped, DW],
                         "<!-- symbp: layer=conv1d input=9 kernel=3 stride=2 -->"))
    assert got[dw].verdict == got[da].verdict == "holds"
    assert got[da_dropped].verdict == got[DW].verdict == "refuted"
    assert "stride 2" in got[dw].detail


def test_1_based_and_true_convolution_1d():
    # 1-based: z_i = Σ_{m=1}^{k} w_m a_{i+m-1}; ∂C/∂w_m = Σ_i δ_i a_{i+m-1}
    a, w, d, ga, gw, _ = _torch_grads(6, 2, 1, seed=5)
    wide = range(-12, 14)
    assert all(sum(_at(d, i - 1) * _at(a, i + m - 2) for i in wide) == gw[m - 1] for m in (1, 2))
    one = r"\frac{\partial C}{\partial w_m} = \sum_i \delta_i a_{i+m-1}"
    zero = r"\frac{\partial C}{\partial w_m} = \sum_i \delta_i a_{i+m}"
    got = _verdicts(_doc(r"z_i = \sum_{m=1}^{k} w_m a_{i+m-1} + b", [one, zero]))
    assert got[one].verdict == "holds" and "1-based" in got[one].detail
    assert got[zero].verdict == "refuted"
    # true convolution: y_i = Σ_m w_m x_{i-m} (flip w against torch's cross-correlation)
    g = torch.Generator().manual_seed(8)
    x = torch.randint(-9, 10, (7,), generator=g).double().requires_grad_()
    k = torch.randint(-9, 10, (3,), generator=g).double().requires_grad_()
    y = F.conv1d(x[None, None], k.flip(0)[None, None])[0, 0]          # y_i (i from 2) = Σ w_m x_{i-m}
    dy = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(dy)
    d = lambda i: _at(dy, i - 2)                                   # noqa: E731  δ_i, i = 2..6
    assert all(sum(d(i) * _at(k.detach(), i - j) for i in wide) == x.grad[j] for j in range(7))
    assert all(sum(d(i) * _at(x.detach(), i - m) for i in wide) == k.grad[m] for m in range(3))
    dx = r"\frac{\partial L}{\partial x_j} = \sum_i \delta_i w_{i-j}"
    dk = r"\frac{\partial L}{\partial w_m} = \sum_i \delta_i x_{i-m}"
    dk_cross = r"\frac{\partial L}{\partial w_m} = \sum_i \delta_i x_{i+m}"
    got = _verdicts(_doc(r"y_i = \sum_m w_m x_{i-m}", [dx, dk, dk_cross]))
    assert got[dx].verdict == got[dk].verdict == "holds"
    assert "true convolution" in got[dk].detail
    assert got[dk_cross].verdict == "refuted"


def test_written_bounds_that_reach_outside_refute_and_a_too_short_window_is_refuted():
    short = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_{m=0}^{k-2} \delta_i w_m [i+m = j]"
    long_ = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_{m=0}^{k} \delta_i w_m [i+m = j]"
    exact = r"\frac{\partial C}{\partial a_j} = \sum_i \sum_{m=0}^{k-1} \delta_i w_m [i+m = j]"
    got = _verdicts(_doc(r"z_i = \sum_{m=0}^{k-1} w_m a_{i+m} + b", [short, long_, exact],
                         "<!-- symbp: layer=conv1d input=6 kernel=3 -->"))
    assert got[exact].verdict == "holds"
    assert got[short].verdict == "refuted"
    assert got[long_].verdict == "refuted" and "does not exist" in got[long_].detail


def test_an_iverson_bracket_in_a_2d_claim():
    forward = r"z_{ij} = \sum_m \sum_n w_{mn} x_{i+m,j+n}"
    good = r"\frac{\partial E}{\partial x_{pq}} = \sum_{i,j}\sum_{m,n} \delta_{ij} w_{mn} [i+m = p][j+n = q]"
    bad = r"\frac{\partial E}{\partial x_{pq}} = \sum_{i,j}\sum_{m,n} \delta_{ij} w_{mn} [i+m = p][j+n = p]"
    got = _verdicts(_doc(forward, [good, bad], "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 -->"))
    assert got[good].verdict == "holds" and got[bad].verdict == "refuted"


def test_the_1d_campaign_sample_has_no_wrong_verdict(capsys):
    assert campaign_index_1d.main(["--n", "60", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; unchecked: 0; crashes: 0" in out


def test_the_1d_campaign_truth_tells_true_from_false():
    generator = torch.Generator().manual_seed(0)
    seen = {True: 0, False: 0}
    rng = random.Random(2)
    for _ in range(60):
        base, strided = rng.choice([0, 1]), rng.random() < 0.5
        stride = 2 if strided else 1
        claim = campaign_index_1d.random_claim(rng, base, stride, strided, 3)
        sample = campaign_index_1d.sample(8, 3, stride, generator)
        truth = campaign_index_1d.truth(claim, base, *sample)
        seen[truth] += 1
        if not claim.mutated:
            assert truth, claim.latex                 # every textbook form is true
    assert seen[True] and seen[False]


def test_a_size_squared_is_squared_not_read_as_the_size():
    """``\\frac{k^2}{k}`` is k (2 here), so the claim is twice the gradient: refuted (the reader
    used to read k^2 as k and say it held)."""
    a, w, d, ga, gw, _ = _torch_grads(6, 2, 1, seed=11)
    wide = range(-12, 14)
    assert not all(2 * sum(_at(d, i) * _at(a, i + m) for i in wide) == gw[m] for m in range(2))
    forward = r"z_i = \sum_{m=0}^{k-1} w_m a_{i+m}"
    doubled = r"\frac{\partial C}{\partial w_m} = \frac{k^2}{k} \sum_i \delta_i a_{i+m}"
    same = r"\frac{\partial C}{\partial w_m} = \frac{k^2}{k k} \sum_i \delta_i a_{i+m}"
    got = _verdicts(_doc(forward, [doubled, same], "<!-- symbp: layer=conv1d input=6 kernel=2 -->"))
    assert got[doubled].verdict == "refuted"
    assert got[same].verdict == "holds"


def test_the_second_witness_rechecks_pad_flip_and_powers(monkeypatch):
    """Break the reader's pad (one zero short on the left) and its power of a size (k^2 read
    as k): a claim that then 'holds' is an internal error, never a verdict, because the
    witness pads and squares by its own loops."""
    from symbp import witness
    from symbp.check import index_evaluator
    doc = ("# 1-D\n\n<!-- symbp: layer=conv1d input=6 kernel=3 -->\n\n"
           r"$$z_i = \sum_{m=0}^{k-1} w_m a_{i+m}$$" "\n\n"
           r"$$\frac{\partial C}{\partial a} = \text{pad}(\delta, k-1) * \text{flip}(w)$$" "\n")
    assert check_text(doc, "md").claims[-1].verdict == "holds"      # honest: holds, witnessed
    honest_pad = index_evaluator.pad_spatial
    monkeypatch.setattr(index_evaluator, "pad_spatial",      # one zero too many on each side
                        lambda a, width, spatial=2: honest_pad(a, width + 1, spatial))
    narrow = doc.replace(r"\text{pad}(\delta, k-1)", r"\text{pad}(\delta, k-2)")     # false
    with pytest.raises(witness.WitnessError, match="disagrees"):
        check_text(narrow, "md")
    monkeypatch.setattr(index_evaluator, "pad_spatial", honest_pad)
    monkeypatch.setattr(index_evaluator, "_power", lambda value, ref: value)      # k^2 read as k
    squared = ("# 1-D\n\n<!-- symbp: layer=conv1d input=6 kernel=3 -->\n\n"
               r"$$z_i = \sum_{m=0}^{k-1} w_m a_{i+m}$$" "\n\n"
               r"$$\frac{\partial C}{\partial w_m} = \frac{k^2}{k^2} \frac{k}{k^2} \sum_i \delta_i a_{i+m}$$" "\n")
    with pytest.raises(witness.WitnessError, match="disagrees"):
        check_text(squared, "md")
