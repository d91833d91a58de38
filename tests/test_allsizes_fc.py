"""``symbp check`` with an fc layer's sizes as letters (issue 13, point 3).

Truth: the per-size ``symbp check`` of the same equation over a grid of concrete sizes
(its verdicts are tested against torch autograd in test_checker.py): a claim that holds at
every size of the grid must be "holds for all"; one refuted somewhere must be refuted, and
the all-sizes counterexample must be a size where the per-size check refutes it.
"""
from __future__ import annotations

import itertools
import json
import re

import pytest

pytest.importorskip("islpy")

from symbp.check.checker import check_text  # noqa: E402

CLAIMS = [
    r"\frac{\partial J}{\partial a} = W^T \delta",
    r"\frac{\partial J}{\partial a} = \left(W^l\right)^{\top} \delta^l",
    r"\frac{\partial J}{\partial a} = W \delta",
    r"\frac{\partial J}{\partial a} = \delta^T W",
    r"\frac{\partial J}{\partial W} = \delta a^T",
    r"\frac{\partial J}{\partial W} = \delta^{l} (a^{l-1})^{T}",
    r"\frac{\partial J}{\partial W} = \delta^T a",
    r"\frac{\partial J}{\partial W} = a \delta^T",
    r"\frac{\partial J}{\partial b} = \delta",
    r"\frac{\partial J}{\partial b} = \delta^T",
    r"\delta^{l-1} = W^T \delta^l \odot \sigma'(z^{l-1})",
    r"\delta^{l-1} = (W \delta^l) \odot \sigma'(z^{l-1})",
    r"\delta^{l-1} = W^T \delta^l",
]


def _per_size(latex: str, n: int, m: int, batch: int = 1) -> str:
    doc = f"<!-- symbp: layer=fc in={n} out={m} batch={batch} -->\n$${latex}$$\n"
    (claim,) = check_text(doc, "md").claims
    return claim.verdict


def _all_sizes(latex: str, directive: str = "in=n out=m"):
    (claim,) = check_text(f"<!-- symbp: layer=fc {directive} -->\n$${latex}$$\n", "md").claims
    return claim


@pytest.mark.parametrize("latex", CLAIMS)
def test_fc_letters_agree_with_the_per_size_check(latex):
    grid = {(n, m): _per_size(latex, n, m) for n, m in itertools.product(range(1, 4), repeat=2)}
    claim = _all_sizes(latex)
    if all(v == "holds" for v in grid.values()):
        assert claim.verdict == "holds", claim.detail
        assert claim.detail.startswith("holds for all n, m (batch 1)")
    else:
        assert claim.verdict == "refuted", claim.detail
        assert "confirmed by the per-size prover" in claim.detail
        sizes = dict(re.findall(r"\b([nm])=(\d+)", claim.detail.split(":")[0]))
        assert _per_size(latex, int(sizes["n"]), int(sizes["m"])) == "refuted"
    assert claim.scope == "all n, m; batch 1"


def test_fc_letter_batch_and_shared_letters():
    # a batch as a letter: ∂J/∂b = δ is wrong once there are two examples (Σ_n δ_n)
    claim = _all_sizes(r"\frac{\partial J}{\partial b} = \delta", "in=n out=m batch=k")
    assert claim.verdict == "refuted" and "k=2" in claim.detail, claim.detail
    assert _per_size(r"\frac{\partial J}{\partial b} = \delta", 1, 1, 2) == "refuted"
    claim = _all_sizes(r"\frac{\partial J}{\partial W} = \delta a^T", "in=n out=m batch=k")
    assert claim.verdict == "holds" and claim.scope == "all n, m, k"
    # in = out = n: W δ has the right shape and is refuted at an entry, as per size
    claim = _all_sizes(r"\frac{\partial J}{\partial a} = W \delta", "in=n out=n")
    assert claim.verdict == "refuted" and "entry" in claim.detail, claim.detail
    assert _per_size(r"\frac{\partial J}{\partial a} = W \delta", 2, 2) == "refuted"


def test_fc_letters_outside_the_vocabulary_are_unchecked_not_guessed():
    for latex in (r"\frac{\partial J}{\partial b} = \sum_n \delta_n",
                  r"\frac{\partial J}{\partial a} = W^T \delta^{l+1}",
                  r"z^l = W^l a^{l-1} + b^l"):
        claim = _all_sizes(latex)
        assert claim.verdict == "unchecked", (latex, claim.detail)
    (claim,) = check_text("<!-- symbp: layer=fc in=n out=0 -->\n$$\\frac{\\partial J}"
                          "{\\partial a} = W^T \\delta$$\n", "md").claims
    assert claim.verdict == "unchecked" and "out='0'" in claim.detail


def test_fc_letters_in_json(tmp_path, capsys):
    from symbp.cli import main
    doc = tmp_path / "fc.md"
    doc.write_text("<!-- symbp: layer=fc in=n out=m -->\n"
                   "$$\\frac{\\partial J}{\\partial W} = \\delta a^T$$\n"
                   "$$\\frac{\\partial J}{\\partial W} = a \\delta^T$$\n")
    assert main(["check", str(doc), "--json"]) == 1
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert [c["verdict"] for c in claims] == ["holds", "refuted"]
    assert all(c["scope"] == "all n, m; batch 1" for c in claims)
