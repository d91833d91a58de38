"""Real public derivations (tests/docs/real/): symbp's verdicts against the truth that
tests/docs/real/truth.py establishes independently (numpy loops and torch autograd).

Pins how many claims get the right verdict per document (with the README-style directives of
each sidecar, and with none), and that symbp never says holds for a false claim nor refutes a
correct one.  The table in docs/real_documents.md is tests/docs/real/score.py's output."""
import functools
import importlib.util
import json
import pathlib
import re

import pytest

from symbp.check.unchecked_hint import REWRITE

REAL = pathlib.Path(__file__).parent / "docs" / "real"
_spec = importlib.util.spec_from_file_location("real_score", REAL / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

DOCS = score.documents()
# right verdicts today: (with directives, with none); docs/real_documents.md has the table
RIGHT = {"chrischoy_fc_kronecker.md": (4, 4), "dsse_56560_dK.md": (6, 6),
         "loliot_conv2d.md": (7, 7), "msai_edu_conv_backward.md": (7, 7),
         "numpydl_bouvrie_conv2.md": (1, 1), "pikazlou_conv_backprop.md": (11, 11),
         "lexailabs_conv2d_backward.md": (2, 0),
         "rhasanbd_conv_training.md": (5, 5), "zouht_conv_backprop.md": (7, 7),
         # the six held out until their first score (docs/real_documents.md, "before")
         "cxianren_mynn_cnn.md": (14, 14), "dsse_102089_stride.md": (2, 2),
         "ecomnet_bp_rules_fc.md": (5, 4), "marmara_conv1d.md": (0, 0),
         "mlatcl_conv_slides.md": (3, 3), "sixmiu_bp_nielsen.md": (7, 7),
         # the second held-out set (before: 1 and 0 of 41; docs/real_documents.md)
         "compphysics_fc_delta.md": (5, 3), "ghnote_conv_pool_zh.md": (21, 21),
         "sunhaozhe_softmax_ce.md": (8, 8), "zakariapz_softmax_ce.md": (4, 4),
         # the third held-out set, fully connected (before: 0 and 0 of 12; docs/real_documents.md)
         "subwiki_leibniz_fc.md": (3, 3), "behnamasadi_single_neuron.md": (9, 9),
         # pooling (tests/docs/real/truth_pooling.py): the index reader's average pooling
         "stackexchange_avgpool_overlap.md": (3, 0), "apple_mps_avgpool_grad.md": (0, 0),
         # found and added with the scalar-layer reader (tests/docs/real/truth_calc.py)
         "yanfenglee_softmax_ce.md": (8, 8), "tonkic_sigmoid_zh.md": (2, 2),
         # scored before any code change for it (held out): 0 and 0 of 14, 0 wrong verdicts;
         # after the reader read p = softmax(x) in prose, L(p) =, \text{exp}, p_1, a / b
         "abangfarhan_softmax_ce.md": (14, 14)}
SECOND_HELDOUT = {"compphysics_fc_delta.md", "ghnote_conv_pool_zh.md", "sunhaozhe_softmax_ce.md",
                  "zakariapz_softmax_ce.md", "subwiki_leibniz_fc.md", "behnamasadi_single_neuron.md"}


@functools.lru_cache(maxsize=None)
def verdicts(doc: str, directives: bool):
    return score.verdicts(doc, directives)[0]


def test_corpus_has_eight_sourced_documents_with_truth():
    assert len(DOCS) >= 8 and set(DOCS) == set(RIGHT)
    for doc in DOCS:
        meta = json.loads((REAL / doc.replace(".md", ".truth.json")).read_text(encoding="utf-8"))
        assert meta["claims"] and all(c["truth"] in ("holds", "refuted") for c in meta["claims"])
        head = (REAL / doc).read_text(encoding="utf-8")[:900]
        # a URL, or (one note the code index showed without its repository) GitHub and its title
        assert "Source" in head and ("http" in head or "on GitHub titled" in head)


@pytest.mark.parametrize("directives", [True, False])
@pytest.mark.parametrize("doc", DOCS)
def test_no_false_hold_and_no_correct_claim_refuted(doc, directives):
    for cid, truth, got, detail in verdicts(doc, directives):
        assert got != "missing", (doc, cid)
        assert not (truth == "refuted" and got == "holds"), (doc, cid, detail)
        assert not (truth == "holds" and got == "refuted"), (doc, cid, detail)


@pytest.mark.parametrize("doc", DOCS)
def test_right_verdicts_pinned(doc):
    got = tuple(sum(t == g for _, t, g, _ in verdicts(doc, d)) for d in (True, False))
    assert got == RIGHT[doc]


def test_targets_over_the_documents_the_reader_was_built_on():
    # the targets hold over the fifteen documents used while building the reader; with
    # the second held-out set they do not (82% / 70%, 78% a document: docs/real_documents.md)
    docs = [d for d in DOCS if d not in SECOND_HELDOUT]
    claims = sum(len(verdicts(d, True)) for d in docs)
    right = [sum(t == g for d in docs for _, t, g, _ in verdicts(d, flag)) for flag in (True, False)]
    assert right[0] >= 0.9 * claims and right[1] >= 0.7 * claims
    per_doc = [sum(t == g for _, t, g, _ in verdicts(d, True)) / len(verdicts(d, True)) for d in docs]
    assert sum(per_doc) / len(per_doc) >= 0.85


def test_targets_over_the_whole_corpus():
    # with the scalar-layer reader (softmax / cross-entropy rows) the targets hold over every
    # document, the second held-out set included (docs/real_documents.md)
    claims = sum(len(verdicts(d, True)) for d in DOCS)
    right = [sum(t == g for d in DOCS for _, t, g, _ in verdicts(d, flag)) for flag in (True, False)]
    assert right[0] >= 0.9 * claims and right[1] >= 0.7 * claims
    per_doc = [sum(t == g for _, t, g, _ in verdicts(d, True)) / len(verdicts(d, True)) for d in DOCS]
    assert sum(per_doc) / len(per_doc) >= 0.85


def test_unchecked_claims_name_a_directive_or_say_no_directive_settles_them():
    # issue 12 item 6: a directive line to paste, or, where the notation itself is what symbp
    # does not read, that no directive changes that (symbp.check.unchecked_hint)
    for doc in sorted(DOCS):
        for cid, _, got, detail in verdicts(doc, False):
            if got == "unchecked":
                assert "symbp:" in detail or REWRITE in detail, (doc, cid, detail)


def test_refutations_name_the_entry_and_both_sides():
    rows = dict((cid, detail) for cid, _, _, detail in verdicts("pikazlou_conv_backprop.md", False))
    assert "derived" in rows["p_W_eq_XcorrdY"] and "claimed" in rows["p_W_eq_XcorrdY"]
    rows = dict((cid, detail) for cid, _, _, detail in verdicts("zouht_conv_backprop.md", False))
    assert "does not exist" in rows["z_chain"] and "written bounds" in rows["z_chain"]


def test_index_claim_entry_by_entry_and_a_wrong_bound():
    from symbp.check.doc_names import DocContext
    from symbp.check.index_eval import check_index_claim
    ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    ok = check_index_claim(r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i+m,j+n}", ctx)
    assert ok.verdict == "holds"
    bad = check_index_claim(r"\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} a_{i-m,j-n}", ctx)
    assert bad.verdict == "refuted"
    wide = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{5} \sum_{j=0}^{0} \delta_{i,j} a_{i+m,j+n}"
    reach = check_index_claim(wide, DocContext.from_forward(
        r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {"input": "4x4", "kernel": "2x2"}))
    assert reach.verdict == "refuted" and "does not exist" in reach.detail
    # with no sizes in the document those bounds may fit its own size (an 8x2 input, a 3x2
    # kernel: delta is 6x1 and the claim is right), so sizes symbp guessed do not refute it
    unknown = check_index_claim(wide, ctx)
    assert unknown.verdict == "unchecked" and "does not give" in unknown.detail
    assert check_index_claim(wide, DocContext.from_forward(
        r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {"input": "8x2", "kernel": "3x2"})).verdict == "holds"


def test_numeric_bounds_that_hold_only_at_some_guessed_sizes_are_not_decided():
    from symbp.check.doc_names import DocContext
    from symbp.check.index_eval import check_index_claim
    ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    # right for a 3x3 input and a 2x2 kernel (delta is 2x2), wrong at larger sizes
    claim = r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{1} \sum_{j=0}^{1} \delta_{i,j} a_{i+m,j+n}"
    got = check_index_claim(claim, ctx)
    assert got.verdict == "unchecked" and "holds at 3x3 input" in got.detail
    sized = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {"input": "3x3", "kernel": "2x2"})
    assert check_index_claim(claim, sized).verdict == "holds"
    wrong = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {"input": "4x4", "kernel": "2x2"})
    assert check_index_claim(claim, wrong).verdict == "refuted"


def test_true_convolution_forward_and_the_other_convention():
    from symbp.check.doc_names import DocContext
    from symbp.check.index_eval import check_index_claim
    true_conv = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n x_{i-m,j-n} k_{m,n}", {"input": "4x4", "kernel": "2x2"})
    assert true_conv.convention == "true"
    # the cross-correlation form of the input gradient is wrong for a true-convolution layer
    wrong = check_index_claim(r"\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i-m,j-n} k_{m,n}", true_conv)
    assert wrong.verdict == "refuted" and "holds under cross-correlation" in wrong.detail
    right = check_index_claim(r"\frac{\partial L}{\partial x_{i,j}} = \sum_m \sum_n \delta_{i+m,j+n} k_{m,n}", true_conv)
    assert right.verdict == "holds"


def test_document_text_is_never_evaluated():
    check_dir = pathlib.Path(__file__).parent.parent / "symbp" / "check"
    src = "".join(f.read_text() for f in sorted(check_dir.glob("*.py")))     # every reader of documents
    assert "def check_index_claim" in src and "class CalcGraph" in src
    found = re.findall(r"\b(?:sympify|parse_expr|eval|exec|simplify)\(", src)   # _eval( is our own
    assert not found


def test_displays_left_out_of_the_score_are_not_refuted_by_the_names_reader():
    # the one refutation among them is the founding-notation core's reading of msai (8),
    # whose padding of delta_in is stated only in the prose (as written it is mis-shaped)
    core_refutes = {"\\delta_{out} = \\delta_{in}",
                    # behnamasadi with its directive (names: a=input): the core reads a^{(L)} as the
                    # layer's input, so a^{(L)} = σ(z^{(L)}) is refuted (as in main; not fixed here)
                    "a^{(L)}=\\sigma(z^{(L)})"}
    for doc in DOCS:
        meta = json.loads((REAL / doc.replace(".md", ".truth.json")).read_text(encoding="utf-8"))
        for flag in (True, False):
            report = score.check_text(score.document_text(doc, flag), "md", time_limit=10)
            for excluded in meta["excluded"]:
                for claim in report.claims:
                    if excluded["match"] in claim.latex and claim.verdict == "refuted":
                        assert any(m in claim.latex for m in core_refutes), (doc, claim.latex)


def test_hostile_index_notation_is_refused_in_bounded_time():
    import time
    from symbp.check.checker import check_text
    start = time.monotonic()
    text = ("<!-- symbp: layer=conv2d input=900x900 kernel=3x3 names: X=input W=kernel Y=output -->\n\n"
            "$$Y = X * W$$\n\n"
            r"$$\frac{\partial L}{\partial x_{i,j}} = \sum_{m=0}^{10^{10}} \sum_n y_{i-m,j-n} w_{m,n}$$" "\n\n"
            r"$$\frac{\partial L}{\partial x_{i,j}} = \sum_{m=0}^{99999999} w_{m,0}$$" "\n\n"
            "$$x_{11} = " + "(" * 400 + "w_{11}" + ")" * 400 + "$$\n")
    report = check_text(text, "md", time_limit=5)
    assert all(c.verdict != "holds" for c in report.claims[1:])
    assert time.monotonic() - start < 30


def test_the_chain_rule_through_an_elementwise_activation():
    from symbp.check.doc_activation import check_activation_claim
    acts = {"Y": ("Z", "f")}
    good = r"\frac{\partial L}{\partial Z(i, j, k)} = \frac{\partial L}{\partial Y(i, j, k)} f'(Z(i, j, k))"
    assert check_activation_claim(good, acts, {"L"}).verdict == "holds"
    swapped = r"\frac{\partial L}{\partial Z(i, j, k)} = \frac{\partial L}{\partial Y(j, i, k)} f'(Z(i, j, k))"
    assert check_activation_claim(swapped, acts, {"L"}).verdict == "refuted"
    missing = r"\frac{\partial L}{\partial Z(i, j, k)} = \frac{\partial L}{\partial Y(i, j, k)}"
    assert check_activation_claim(missing, acts, {"L"}).verdict == "refuted"
