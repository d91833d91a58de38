"""The thirteenth and fourteenth held-out sets (tests/docs/real/heldout13/, heldout14/; truth by
truth_heldout13.py / truth_heldout14.py, numpy and torch autograd): never a false hold, never a
correct claim refuted, and at least the right verdicts of the round that first scored them
(docs/real_documents.md, round twenty-three), with the sidecars' directives and with none."""
import importlib.util
import pathlib

import pytest

REAL = pathlib.Path(__file__).parent / "docs" / "real"
_spec = importlib.util.spec_from_file_location("real_score_13_14", REAL / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

RIGHT = {   # document -> right verdicts (with directives, with none) when the round ended
    "heldout13": {"aise_17107_maxpool_overlap_en.md": (0, 0), "charmve_cnn_bp_zh.md": (2, 0),
                  "im2col_conv_bp_zh.md": (16, 16), "kimjiil_conv_stride2_ko.md": (10, 10),
                  "roykwonn_backprop_delta_ko.md": (0, 0), "silenceluo_bpa_stride_dilation_en.md": (24, 0)},
    "heldout14": {"augustin64_tipe_couches_fr.md": (3, 3), "fulyankin_conv_linear_ru.md": (5, 0),
                  "hugo_nn_note_backprop_ja.md": (7, 7), "lmtot27_mlp_relu_softmax_vi.md": (4, 4),
                  "numsense_cnn_readme_ja.md": (4, 4)},
}
CASES = [(folder, doc) for folder, docs in RIGHT.items() for doc in docs]


@pytest.mark.parametrize("folder, doc", CASES)
def test_heldout_13_14_no_wrong_verdicts_and_no_fewer_right(folder, doc, monkeypatch):
    monkeypatch.setattr(score, "HERE", REAL / folder)
    for k, directives in enumerate((True, False)):
        rows = score.verdicts(doc, directives)[0]
        wrong = [(cid, truth, got) for cid, truth, got, _ in rows
                 if (truth, got) in (("refuted", "holds"), ("holds", "refuted"))]
        assert not wrong, (doc, directives, wrong)
        assert sum(truth == got for _, truth, got, _ in rows) >= RIGHT[folder][doc][k], (doc, directives)
