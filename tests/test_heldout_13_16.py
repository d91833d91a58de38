"""The thirteenth to sixteenth held-out sets (tests/docs/real/heldout13/ to heldout16/; truth by
truth_heldout13.py to truth_heldout16.py, numpy and torch autograd): never a false hold, never a
correct claim refuted, and at least the right verdicts at the end of the round that last changed them
(docs/real_documents.md, rounds twenty-three to twenty-five), with the sidecars' directives and with none."""
import importlib.util
import pathlib

import pytest

REAL = pathlib.Path(__file__).parent / "docs" / "real"
_spec = importlib.util.spec_from_file_location("real_score_13_16", REAL / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

RIGHT = {   # document -> right verdicts (with directives, with none) when round twenty-five ended
    "heldout13": {"aise_17107_maxpool_overlap_en.md": (0, 0), "charmve_cnn_bp_zh.md": (2, 0),
                  "im2col_conv_bp_zh.md": (16, 16), "kimjiil_conv_stride2_ko.md": (10, 10),
                  "roykwonn_backprop_delta_ko.md": (0, 0), "silenceluo_bpa_stride_dilation_en.md": (24, 24)},
    "heldout14": {"augustin64_tipe_couches_fr.md": (6, 3), "fulyankin_conv_linear_ru.md": (5, 0),
                  "hugo_nn_note_backprop_ja.md": (12, 12), "lmtot27_mlp_relu_softmax_vi.md": (14, 13),
                  "numsense_cnn_readme_ja.md": (5, 4)},
    "heldout15": {"facecnn_spec_backprop_ko.md": (0, 0), "hexo_conv_stride1_zh.md": (14, 14),
                  "keonhee_mlp_numbers_ko.md": (14, 14), "mananshah_convnets_en.md": (0, 2),
                  "nndl_notes_conv_pool_zh.md": (0, 0), "wuersch_backprop_nielsen_de.md": (13, 13)},
    "heldout16": {"d2lpt_backprop_mlp_pt.md": (0, 0), "gosa_gyakudenpa_note_ja.md": (3, 0),
                  "insper_anndl_mlp_cnn_pt.md": (2, 0), "itskyf_paraprop_conv_vi.md": (2, 2),
                  "petcho_cnn_resnet_es.md": (1, 0), "sapiens_affine_layer_es.md": (13, 8),
                  "ueda_robot_vision_cnn_ja.md": (0, 0), "wintertee_re0_cnn_fr.md": (17, 17)},
}
CASES = [(folder, doc) for folder, docs in RIGHT.items() for doc in docs]


@pytest.mark.parametrize("folder, doc", CASES)
def test_heldout_13_16_no_wrong_verdicts_and_no_fewer_right(folder, doc, monkeypatch):
    monkeypatch.setattr(score, "HERE", REAL / folder)
    for k, directives in enumerate((True, False)):
        rows = score.verdicts(doc, directives)[0]
        wrong = [(cid, truth, got) for cid, truth, got, _ in rows
                 if (truth, got) in (("refuted", "holds"), ("holds", "refuted"))]
        assert not wrong, (doc, directives, wrong)
        assert sum(truth == got for _, truth, got, _ in rows) >= RIGHT[folder][doc][k], (doc, directives)
