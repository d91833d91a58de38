r"""The scalar-layer reader (symbp/check/calc_*.py): softmax, cross-entropy, σ and tanh written
in index notation, and chain-rule rows with ∂A/∂B factors inside an expression.

Truth comes from torch autograd (benchmarks/campaign_calc.py's Tensors and truth), never from
symbp: true claims hold, mutated ones (wrong sign, swapped index, missing δ, dropped term,
the cases rows swapped) are refuted, and nothing false is ever said to hold."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import campaign_calc  # noqa: E402

from symbp import witness  # noqa: E402
from symbp.check.checker import check_text  # noqa: E402

SOFTMAX_DOC = r"""
For one example, with $C$ classes:

$$ p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)} $$

$$ L = -\sum_i y_i \log p_i $$
"""


def verdict(claim: str, doc: str = SOFTMAX_DOC):
    report = check_text(doc + f"\n$$ {claim} $$\n", "md")
    return report.claims[-1]


def test_campaign_sample_matches_torch():
    rows = campaign_calc.campaign(letter_sets=campaign_calc.LETTERS[1:2], directives=(None,))
    got = campaign_calc.summary(rows)
    assert got["false holds"] == 0 and got["true refuted"] == 0
    assert got["true"] > 15 and got["false"] > 15            # both kinds are really there
    assert got["true held"] == got["true"] and got["false refuted"] == got["false"]
    assert got["conditional"] > 0 and got["conditional unchecked"] == got["conditional"]   # Σ y = 1 unsaid


def test_truth_source_is_independent_and_can_fail():
    # the torch truth itself: the softmax Jacobian's known form holds, a sign flip does not
    right = next(fn for kind, rhs, fn in campaign_calc.SOFTMAX if rhs.startswith("@s_@i(\\delta"))
    wrong = next(fn for kind, rhs, fn in campaign_calc.SOFTMAX if rhs.startswith("-@s_@i(\\delta"))
    assert campaign_calc.truth("J", right) == "holds"
    assert campaign_calc.truth("J", wrong) == "refuted"


def test_softmax_jacobian_and_the_sizes_it_was_checked_at():
    ok = verdict(r"\frac{\partial p_i}{\partial o_k} = p_i(\delta_{ik} - p_k)")
    assert ok.verdict == "holds" and "C = 2, 3, 4" in ok.detail
    sized = check_text("<!-- symbp: classes=5 -->\n" + SOFTMAX_DOC +
                       "\n$$ \\frac{\\partial p_i}{\\partial o_k} = p_i(\\delta_{ik} - p_k) $$\n", "md")
    assert sized.claims[-1].verdict == "holds" and "C = 5" in sized.claims[-1].detail


def test_refutation_names_entry_point_and_both_values():
    bad = verdict(r"\frac{\partial p_i}{\partial o_k} = p_i(1 - p_k)")
    assert bad.verdict == "refuted"
    assert "i = 1, k = 2" in bad.detail and "exp(o[1]) = 1" in bad.detail
    assert "the left side is" in bad.detail and "the right side is" in bad.detail


def test_cross_entropy_gradient_says_its_assumption():
    unsaid = verdict(r"\frac{\partial L}{\partial o_k} = p_k - y_k")      # Σ y = 1 not stated
    assert unsaid.verdict == "unchecked" and "target=one-hot" in unsaid.detail
    ok = verdict(r"\frac{\partial L}{\partial o_k} = p_k - y_k", "Here $y$ is one-hot.\n" + SOFTMAX_DOC)
    assert ok.verdict == "holds" and "Σ_i y_i = 1" in ok.detail
    plain = verdict(r"\frac{\partial L}{\partial o_k} = \sum_i y_i p_k - y_k")
    assert plain.verdict == "holds" and "Σ_i y_i = 1" not in plain.detail
    assert verdict(r"\frac{\partial L}{\partial o_k} = y_k - p_k").verdict == "refuted"


def test_chain_rule_rows_with_derivative_factors():
    assert verdict(r"\frac{\partial L}{\partial o_k} = \sum_j \frac{\partial L}{\partial p_j}"
                   r"\frac{\partial p_j}{\partial o_k}").verdict == "holds"
    assert verdict(r"\frac{\partial L}{\partial o_k} = -\sum_i y_i \frac{\partial \log p_i}{\partial p_i}"
                   r"\frac{\partial p_i}{\partial o_k}").verdict == "holds"
    assert verdict(r"\frac{\partial L}{\partial p_j} = \frac{\partial}{\partial p_j}"
                   r"\left(-y_j \log p_j\right) = -\frac{y_j}{p_j}").verdict == "holds"
    dropped = verdict(r"\frac{\partial L}{\partial o_k} = \frac{\partial L}{\partial p_k}"
                      r"\frac{\partial p_k}{\partial o_k}")           # the j ≠ k terms dropped
    assert dropped.verdict == "refuted"


def test_cases_and_a_prose_condition():
    ok = verdict(r"\frac{\partial p_i}{\partial o_k} = \begin{cases} p_i(1-p_i) & \text{if } i = k \\"
                 r" -p_i p_k & \text{if } i \neq k \end{cases}")
    assert ok.verdict == "holds"
    doc = SOFTMAX_DOC + "\nIf $i = k$:\n\n$$ \\frac{\\partial p_i}{\\partial o_k} = p_k(1 - p_k) $$\n"
    cond = check_text(doc, "md").claims[-1]
    assert cond.verdict == "holds" and "only where i = k" in cond.detail
    # without the prose condition the same row is false off the diagonal
    assert verdict(r"\frac{\partial p_i}{\partial o_k} = p_k(1 - p_k)").verdict == "refuted"


def test_sigma_is_the_sigmoid_only_when_the_document_says_so():
    doc = "$$ a = \\sigma(z) $$\n"
    general = verdict(r"\frac{\partial a}{\partial z} = a(1 - a)", doc)
    assert general.verdict == "unchecked"
    assert verdict(r"\frac{\partial a}{\partial z} = \sigma'(z)", doc).verdict == "holds"   # any σ
    said = verdict(r"\frac{\partial a}{\partial z} = a(1 - a)", "σ is the logistic sigmoid.\n\n" + doc)
    assert said.verdict == "holds"
    directive = verdict(r"\frac{\partial a}{\partial z} = a(1 - a)",
                        "<!-- symbp: layer=activation name=sigmoid -->\n\n" + doc)
    assert directive.verdict == "holds"


def test_sigmoid_and_tanh_written_out():
    doc = "With the sigmoid:\n\n$$ a = \\sigma(z) $$\n\n$$ h = \\tanh(z) $$\n"
    assert verdict(r"\frac{\partial a}{\partial z} = a(1 - a)", doc).verdict == "holds"
    assert verdict(r"\frac{\partial a}{\partial z} = \sigma(z)(1-\sigma(z))", doc).verdict == "holds"
    assert verdict(r"\frac{\partial h}{\partial z} = 1 - \tanh^2(z)", doc).verdict == "holds"
    assert verdict(r"\frac{\partial h}{\partial z} = 1 - h", doc).verdict == "refuted"
    vec = "A logistic output:\n\n$$ \\hat y_i = \\sigma(z_i) $$\n"
    wrong = verdict(r"\frac{\partial \hat y_i}{\partial z_j} = \hat y_i \odot (1 - \hat y_i)", vec)
    assert wrong.verdict == "refuted" and "i = 1, j = 2" in wrong.detail      # δ missing


def test_unread_rows_stay_unchecked_with_a_reason():
    got = verdict(r"\frac{\partial^2 L}{\partial o_k^2} = p_k(1 - p_k)")
    assert got.verdict == "unchecked" and got.detail


def test_witness_disagreement_is_an_internal_error(monkeypatch):
    from symbp.check import calc_exact
    real = calc_exact.Evaluator.partial

    def off_by_one(self, numerator, wrt, env):          # a broken derivative: + 1
        return real(self, numerator, wrt, env) + 1
    monkeypatch.setattr(calc_exact.Evaluator, "partial", off_by_one)
    with pytest.raises(witness.WitnessError):
        verdict(r"\frac{\partial p_i}{\partial o_k} = p_i(\delta_{ik} - p_k) + 1")


def test_conv_documents_are_left_to_the_index_reader():
    doc = (r"$$ z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n} $$" "\n\n"
           r"$$ \frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n} $$")
    from symbp.check.calc_graph import CalcGraph
    graph = CalcGraph()
    graph.section({}, [r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}"])
    assert graph.defs == {}                  # no exp / log / σ: not a scalar-layer forward
    assert check_text(doc, "md").claims[-1].verdict == "holds"


def test_fully_connected_sigma_layer_against_torch():
    # weights beside σ: the axes of w are checked at unequal lengths, so a transposed weight
    # or x_j where x_k is meant refutes (truth: torch autograd at 3x2, 4x3, 2x4)
    rows = campaign_calc.mlp_campaign()
    got = campaign_calc.summary(rows)
    assert got["false holds"] == 0 and got["true refuted"] == 0 and got["unchecked"] == 0
    assert got["true"] >= 10 and got["false"] >= 10
    shape = [d for _, _, latex, t, v, d in rows if "x_j" in latex and v == "refuted"]
    assert shape and "indexes" in shape[0]


def test_no_derivative_against_the_flow_and_bad_input_is_unchecked():
    # ∂o/∂p where p is computed from o: the forward gives no such derivative (never "0")
    assert verdict(r"\frac{\partial o_k}{\partial p_k} = 1").verdict == "unchecked"
    for bad in (r"p_k^{p_k}", r"p_k^{100}", r"\frac{1}{0}", r"p_{k+5}", r"\log(0)"):
        got = verdict(r"\frac{\partial L}{\partial o_k} = " + bad)
        assert got.verdict == "unchecked", (bad, got.detail)


def test_batched_softmax_target_sums_along_the_class_axis():
    # p_{nk} normalises over k: the assumption is Σ_k y_{nk} = 1 for every n (torch: the
    # gradient of the mean cross-entropy by the logits is (p - y)/N for one-hot rows)
    import torch
    z = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.one_hot(torch.tensor([1, 3, 0]), 4).double()
    (-(y * torch.log_softmax(z, 1)).sum() / 3).backward()
    assert torch.allclose(z.grad, (torch.softmax(z, 1) - y) / 3)
    doc = ("Each row $y_n$ is a one-hot label.\n\n"
           r"$$ p_{nk} = \frac{e^{z_{nk}}}{\sum_{j=1}^{K} e^{z_{nj}}} $$" "\n\n"
           r"$$ L = -\frac{1}{N} \sum_{n=1}^{N} \sum_{k=1}^{K} y_{nk} \ln p_{nk} $$" "\n")
    ok = verdict(r"\frac{\partial L}{\partial z_{nk}} = \frac{1}{N} (p_{nk} - y_{nk})", doc)
    assert ok.verdict == "holds" and "along its axis 2" in ok.detail
    assert verdict(r"\frac{\partial L}{\partial z_{nk}} = \frac{1}{N} (p_{kn} - y_{kn})", doc).verdict == "refuted"
    assert verdict(r"\frac{\partial L}{\partial z_{nk}} = \frac{1}{N} (y_{nk} - p_{nk})", doc).verdict == "refuted"


def test_a_loss_left_general_holds_only_as_an_identity():
    # a = σ(Σ_j w_j x_j + b) = σ(z) and a loss C the text never defines: the chain rule rows
    # hold for every C; a row true only for some C is not held (truth: torch, any C)
    import torch
    w, x = torch.randn(3, dtype=torch.float64), torch.randn(3, dtype=torch.float64)
    b = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    z = (w * x).sum() + b
    a = torch.sigmoid(z)
    C = torch.cos(3 * a)                                   # some loss of a
    (dC_da,) = torch.autograd.grad(C, a, retain_graph=True)
    (dC_db,) = torch.autograd.grad(C, b)
    assert torch.isclose(dC_db, dC_da * a * (1 - a))
    doc = ("With the sigmoid:\n\n$$ a = \\sigma\\left(\\sum_j w_j x_j + b\\right) = \\sigma(z) $$\n")
    from symbp.check.calc_graph import CalcGraph
    graph = CalcGraph()
    graph.document(doc)
    graph.section({}, [r"a = \sigma\left(\sum_j w_j x_j + b\right) = \sigma(z)"])
    ok = graph.check(r"\frac{\partial C}{\partial b} = \frac{\partial C}{\partial a} \frac{\partial a}{\partial b}"
                     r" = \frac{\partial C}{\partial a} \sigma'(z)")
    assert ok[0] == "holds" and "for every loss C" in ok[1]
    assert graph.check(r"\frac{\partial C}{\partial w_j} = \frac{\partial C}{\partial a} \sigma'(z) x_j")[0] == "holds"
    assert graph.check(r"\frac{\partial C}{\partial w_j} = \frac{\partial C}{\partial a} \sigma'(z) w_j")[0] == "unchecked"


def test_arbitrary_rows_never_raise():
    # rows built from the reader's own vocabulary in random order: a verdict, None or
    # "unchecked", never an exception (a WitnessError would be a real disagreement)
    import random
    from symbp.check.calc_graph import CalcGraph
    vocab = [r"\frac{", "}{", "}", r"\partial", "L", "p_i", "o_k", "y_k", r"\sum_j", r"\exp(", ")", "(",
             r"\log", "+", "-", "=", "^{2}", r"\delta_{ik}", r"\begin{cases}", "&", r"\\", r"\end{cases}",
             r"\sigma(", "1", "e^{", "_", "{", r"\neq", "i", "k", ","]
    graph = CalcGraph()
    graph.section({}, [r"p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)}", r"L = -\sum_i y_i \log p_i"])
    rng = random.Random(5)
    for _ in range(300):
        row = r"\frac{\partial L}{\partial o_k} = " + " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 9)))
        found = graph.check(row)
        assert found is None or found[0] in ("holds", "refuted", "unchecked", "definition"), row


def test_indicator_spellings_mathrm_e_and_a_class_count_in_words():
    doc = ("We have 3 classes. With the softmax\n\n"
           r"$$ S_i = \frac{\mathrm{e}^{a_i}}{\sum_{k=1}^{K} \mathrm{e}^{a_k}} $$" "\n")
    for spelled in (r"1_{i=j}", r"\mathbb{1}_{i=j}"):
        got = verdict(r"\frac{\partial S_i}{\partial a_j} = S_i(" + spelled + " - S_j)", doc)
        assert got.verdict == "holds" and "C = 3 (the document's class count)" in got.detail
    assert verdict(r"\frac{\partial S_i}{\partial a_j} = S_i(1 - S_j)", doc).verdict == "refuted"


def test_empty_displays_are_no_traceback():
    # found by benchmarks/fuzz_check.py: '$$$$' gave the scalar-layer reader an empty display
    # whose text was None (a TypeError out of symbp check)
    from symbp.check.checker import check_text
    for text in ("$$$$", "$$$$\n\n$$ x = y $$\n", "\\[\\]\n"):
        check_text(text, "md", time_limit=5)
