"""The adversarial campaign (benchmarks/campaign.py): its torch reference checked on small
hand examples, then a seeded sample of its claims through `symbp check`, which must give no
false "holds", no false "refuted" and no crash."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import campaign  # noqa: E402
import campaign_ref as ref  # noqa: E402
from campaign_families import make_docs  # noqa: E402
from campaign_gen import DEL, L, WT, evaluate  # noqa: E402


def m(rows) -> np.ndarray:
    """A matrix as a (1, 1, H, W) tensor."""
    return np.array(rows, dtype=float)[None, None]


# --------------------------------------------------------------------------- the reference by hand

def test_pad_dilate_rot_by_hand():
    x = m([[1, 2], [3, 4]])
    assert ref.pad(x, 1, 0, 0, 1)[0, 0].tolist() == [[0, 0, 0], [1, 2, 0], [3, 4, 0]]
    assert ref.pad(m([[1, 2, 3], [4, 5, 6]]), 0, -1, -1, 0)[0, 0].tolist() == [[2, 3]]
    assert ref.dilate(x, 2, 1)[0, 0].tolist() == [[1, 2], [0, 0], [3, 4]]
    assert ref.rot180(x)[0, 0].tolist() == [[4, 3], [2, 1]]


def test_correlate_by_hand():
    x = m([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    assert ref.correlate(x, m([[1, 0], [0, -1]]))[0, 0].tolist() == [[-4, -4], [-4, -4]]
    assert ref.correlate(x, m([[1, 1]]), stride=(2, 1))[0, 0].tolist() == [[3, 5], [15, 17]]
    assert ref.correlate(x, m([[1, 1]]), dilation=(1, 2))[0, 0].tolist() == [[4], [10], [16]]
    with pytest.raises(ref.Mismatch):
        ref.correlate(m([[1, 2]]), m([[1], [1]]))


def test_weight_correlate_keeps_its_full_shape():
    x = m([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    # Σ_{y,x} x[p+y, q+x] g[y,x] with g = [[1, 0], [0, 1]]
    assert ref.weight_correlate(x, m([[1, 0], [0, 1]]))[0, 0].tolist() == [[6, 8], [12, 14]]
    # the reproductions: the right sides are 7x7 and 3x3, larger than the 2x2 W
    assert ref.weight_correlate(ref.pad(np.ones((1, 1, 3, 3)), 0, 5, 0, 5), np.ones((1, 1, 2, 2))).shape \
        == (1, 1, 7, 7)
    assert ref.weight_correlate(np.ones((1, 1, 5, 5)), ref.dilate(np.ones((1, 1, 2, 2)), 2, 2)).shape \
        == (1, 1, 3, 3)


def test_swap_io_and_groups_by_hand():
    w = np.arange(4.0).reshape(4, 1, 1, 1)            # 2 groups, 2 outputs and 1 input each
    assert ref.swap_io(w, 2)[:, :, 0, 0].tolist() == [[0, 1], [2, 3]]
    w2 = np.arange(4.0).reshape(2, 2, 1, 1)           # 1 group: the plain transpose
    assert ref.swap_io(w2, 1)[:, :, 0, 0].tolist() == [[0, 2], [1, 3]]
    x = np.ones((1, 2, 1, 1))
    x[0, 1] = 10
    # grouped: output 0 sees channel 0 only, output 1 channel 1 only
    assert ref.correlate(x, np.array([2.0, 3.0]).reshape(2, 1, 1, 1), groups=2)[0, :, 0, 0].tolist() == [2, 30]


def test_pool_windows_divisors_by_hand():
    cfg = {"input": (4, 4), "kernel": (3, 3), "stride": (1, 1), "padding": (1, 1),
           "count_include_pad": False}
    windows = ref.pool_windows(cfg)
    assert len(windows) == 16 and windows[0][2] == 4 and windows[1][2] == 6 and windows[5][2] == 9
    cfg["count_include_pad"] = True
    assert {w[2] for w in ref.pool_windows(cfg)} == {9}
    # ceil_mode: 5 wide, window 2, stride 2 -> 3 windows, the last one cell wide (divisor 2)
    ceil = {"input": (2, 5), "kernel": (2, 2), "stride": (2, 2), "padding": (0, 0), "ceil_mode": True}
    assert [w[2] for w in ref.pool_windows(ceil)] == [4, 4, 2]


def test_torch_agrees_with_hand_gradients():
    # conv 3x3 input, 2x2 kernel: ∂J/∂a_{11} = w_{11} δ_{11}, ∂J/∂a_{33} = w_{22} δ_{22}
    cfg = {"input": (3, 3), "kernel": (2, 2), "stride": (1, 1), "padding": (0, 0), "dilation": (1, 1),
           "channels": (1, 1), "groups": 1, "batch": 1}
    env = ref.conv_truth(cfg, np.random.default_rng(0), 0)
    w, d, a = env["W"][0, 0], env["delta"][0, 0], env["a"][0, 0]
    assert env["grad_a"][0, 0, 0, 0] == w[0, 0] * d[0, 0]
    assert env["grad_a"][0, 0, 2, 2] == w[1, 1] * d[1, 1]
    assert env["grad_w"][0, 0, 0, 0] == (a[:2, :2] * d).sum()
    assert env["grad_b"][0] == d.sum()
    # the founding document's forms, evaluated by the reference, equal torch's gradients
    ctx = {"groups": 1}
    assert ref.agrees(evaluate(("star", (1, 1), (1, 1), ("pad", (1, 1, 1, 1), DEL), ("rot", WT)), env, ctx),
                      env["grad_a"], True)
    assert ref.agrees(evaluate(("star", (1, 1), (1, 1), L, DEL), env, ctx), env["grad_w"], True)
    assert not ref.agrees(evaluate(("star", (1, 1), (1, 1), ("pad", (1, 1, 1, 1), DEL), WT), env, ctx),
                          env["grad_a"], True)


def test_max_pool_ties_go_to_the_first_maximum():
    a = torch.ones((1, 1, 2, 2), dtype=torch.float64, requires_grad=True)
    torch.nn.functional.max_pool2d(a, 2).sum().backward()
    assert a.grad[0, 0].tolist() == [[1, 0], [0, 0]]
    cfg = {"input": (2, 2), "kernel": (2, 2), "stride": (2, 2), "padding": (0, 0)}
    assert ref.upsample(np.ones((1, 1, 1, 1)), np.ones((1, 1, 2, 2)), cfg, "max")[0, 0].tolist() \
        == [[1, 0], [0, 0]]
    assert ref.first_max([1, 2, 2]) == 1 and ref.last_max([1, 2, 2]) == 2
    with pytest.raises(ref.Mismatch):                 # avg_pool2d has no dilation
        ref.upsample(np.ones((1, 1, 1, 1)), None, {**cfg, "dilation": (2, 2)}, "avg")


# --------------------------------------------------------------------------- the sample

def test_campaign_sample_has_no_false_verdict():
    """A seeded sample of 240 claims, several per document, checked in-process."""
    docs = campaign.sample(make_docs(900, seed=11), 240, seed=11)
    campaign.label(docs, seed=11)
    records = campaign.run_campaign(docs, inprocess=True, timeout=60, time_limit=20)
    assert len(records) >= 200
    unmutated_false = [r for r in records if r["mutation"] == "true" and not r["truth"]]
    assert not unmutated_false, "the generator wrote a true form that torch calls false"
    assert sum(r["truth"] for r in records) >= 50 and sum(not r["truth"] for r in records) >= 100
    bad = [(r["category"], r["directive"], r["latex"], r["detail"][:200]) for r in records
           if r["category"] in ("false→holds", "true→refuted", "crash", "timeout")]
    assert not bad, "\n".join(map(str, bad))
    decided = sum(r["category"] in ("true→holds", "false→refuted") for r in records)
    assert decided >= 0.9 * len(records)
