"""The second witness for the index-notation reader's "holds" (symbp/witness/index_witness.py).

The reader proves by SymPy polynomials; the witness re-evaluates the claimed side by its own
loops at a random exact point and compares it with the derived side.  These tests break the
reader on purpose and expect an internal error (exit 3), never a verdict; truth of the claims
used comes from torch autograd.
"""
import numpy as np
import pytest
import torch

from symbp import witness
from symbp.check import index_eval
from symbp.check.checker import check_text
from symbp.check.doc_names import DocContext
from symbp.check.index_claims import parse
from symbp.cli import main
from symbp.witness.index_witness import confirm_index

FORWARD = r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}"
TRUE_DW = r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n}"
FALSE_DW = r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+n,j+m}"


def _torch_truth(claim_swapped: bool) -> bool:
    """Whether dL/dw[m, n] = sum_ij g[i, j] a[i+m, j+n] (or with m, n swapped) at 4x5 / 2x3."""
    a = torch.randn(4, 5, dtype=torch.float64)
    w = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    z = torch.nn.functional.conv2d(a[None, None], w[None, None])[0, 0]
    g = torch.randn(*z.shape, dtype=torch.float64)
    (z * g).sum().backward()
    an, gn = a.numpy(), g.numpy()
    try:
        mine = np.array([[sum(gn[i, j] * (an[i + n, j + m] if claim_swapped else an[i + m, j + n])
                              for i in range(gn.shape[0]) for j in range(gn.shape[1]))
                          for n in range(3)] for m in range(2)])
    except IndexError:
        return False
    return bool(np.allclose(mine, w.grad.numpy()))


def test_truth_of_the_two_claims():
    assert _torch_truth(False) and not _torch_truth(True)


def _setup():
    ctx = DocContext.from_forward(FORWARD, {"input": "4x5", "kernel": "2x3"})
    return ctx.instances()[0]


def test_the_witness_agrees_with_a_true_claim_and_rejects_a_false_one():
    setup = _setup()
    names, losses = setup.tensor_names(), setup.losses()
    lhs, rhs = (parse(s, names, losses) for s in TRUE_DW.split(" = "))
    setup.set_current([])
    confirm_index("true", setup, lhs, rhs, [{"m": 0, "n": 2}, {"m": 1, "n": 1}])
    bad = parse(FALSE_DW.split(" = ")[1], names, losses)
    with pytest.raises(witness.WitnessError, match="disagrees"):
        confirm_index("false", setup, lhs, bad, [{"m": 0, "n": 2}, {"m": 1, "n": 1}])


def test_a_true_index_claim_still_holds_with_the_witness():
    doc = (f"<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 -->\n\n"
           f"$${FORWARD}$$\n\n$${TRUE_DW}$$\n")
    claims = check_text(doc, "md").claims
    assert claims[-1].verdict == "holds" and "second witness" not in claims[-1].detail


def _broken_comparer(monkeypatch):
    """A reader whose comparison says "holds" for everything (the bug the witness is for)."""
    honest = index_eval._compare

    def always_holds(setup, lhs, rhs, free, k, other=True):
        out = honest(setup, lhs, rhs, free, k, other)
        return index_eval.Outcome("holds", out.detail) if out.verdict == "refuted" else out
    monkeypatch.setattr(index_eval, "_compare", always_holds)


def test_a_broken_reader_is_an_internal_error_not_a_verdict(monkeypatch, tmp_path, capsys):
    _broken_comparer(monkeypatch)
    doc = tmp_path / "swapped.md"
    doc.write_text("<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 -->\n\n"
                   f"$${FORWARD}$$\n\n$${FALSE_DW}$$\n")
    assert main(["check", str(doc)]) == 3
    err = capsys.readouterr().err
    assert "INTERNAL ERROR" in err and "swapped.md: line 5:" in err and "disagrees" in err


def test_a_broken_sum_is_caught(monkeypatch):
    """The reader's sums lose their first term on both sides alike (an off-by-one that the
    derived side, read from the chain rule, does not share): the claim with the shifted
    bounds would 'hold'; the witness's own sums do not lose it."""
    from symbp.check import index_evaluator
    honest = index_evaluator.Evaluator.implicit_range

    def cut(self, var, body, env):
        r = honest(self, var, body, env)
        return range(r.start + 1, r.stop) if var == "i" else r
    monkeypatch.setattr(index_evaluator.Evaluator, "implicit_range", cut)
    claim = r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n} + \sum_j \delta_{0,j} a_{m,j+n}"
    doc = ("<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 -->\n\n"
           f"$${FORWARD}$$\n\n$${claim}$$\n")
    with pytest.raises(witness.WitnessError, match="disagrees"):
        check_text(doc, "md")
