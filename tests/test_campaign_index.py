"""The index reader's campaign (benchmarks/campaign_index.py): a seeded sample of true and
mutated index-notation claims in whole documents, truth from torch autograd, must give no
false holds, no false refutation, no crash and no claim left unread; and the campaign's own
truth must be able to say "false" (a mutant) and "true" (the textbook forms)."""
from __future__ import annotations

import os
import random
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
import campaign_index  # noqa: E402


def test_a_seeded_sample_has_no_wrong_verdict(capsys):
    assert campaign_index.main(["--n", "80", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; crashes: 0" in out
    assert "missing" not in out and "unchecked" not in out


def test_the_campaign_truth_tells_true_from_false():
    generator = torch.Generator().manual_seed(0)
    sample = campaign_index._sample(4, 2, generator)
    textbook_x = campaign_index.random_claim(random.Random(1), "x")
    textbook_x.update(s1=-1, s2=-1, o=[0, 0, 0, 0], swap=False, transpose=False)
    textbook_w = dict(textbook_x, wrt="w", other="x", s1=1, s2=1)
    # 0-based documents: the textbook forms; 1-based: the same with the offsets 1-based
    # indexing brings (dx: δ_{i-m+1, j-n+1} w_{mn}; dw: δ_{ij} x_{i+m-1, j+n-1})
    one_x, one_w = dict(textbook_x, o=[1, 1, 0, 0]), dict(textbook_w, o=[-1, -1, 0, 0])
    for base, dx, dw in ((0, textbook_x, textbook_w), (1, one_x, one_w)):
        assert campaign_index.truth(dx, base, *sample)
        assert campaign_index.truth(dw, base, *sample)
        assert not campaign_index.truth(dict(dx, s1=1), base, *sample)
        assert not campaign_index.truth(dict(dw, transpose=True), base, *sample)
        assert not campaign_index.truth(dict(dw, swap=True), base, *sample)
    assert not campaign_index.truth(textbook_x, 1, *sample)     # the 0-based form, 1-based


import campaign_index_pad  # noqa: E402


def test_a_seeded_padded_and_strided_sample_has_no_wrong_verdict(capsys):
    assert campaign_index_pad.main(["--n", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; crashes: 0" in out and "unchecked" not in out


def test_the_padded_campaign_truth_tells_true_from_false():
    generator = torch.Generator().manual_seed(0)
    sample = campaign_index_pad.conv_sample(5, 3, 2, 1, generator)
    true_w = dict(wrt="w", a=2, c=[-1, -1], sign=1)
    true_x = dict(wrt="x", a=2, c=[1, 1], sign=1)
    assert campaign_index_pad.truth(true_w, *sample) and campaign_index_pad.truth(true_x, *sample)
    assert not campaign_index_pad.truth(dict(true_w, c=[0, 0]), *sample)       # padding dropped
    assert not campaign_index_pad.truth(dict(true_x, a=1), *sample)            # stride dropped
