"""The held-out sets (tests/docs/real/heldout3/ to heldout79/; truth by truth_heldout3.py to
truth_heldout35.py, numpy and torch autograd): never a false hold (held-out 22's one closed in round
thirty), no correct claim refuted but the rows docs/real_documents.md names (rounds twenty,
twenty-four, twenty-eight, held-out 20's and 22's open rows), and at least the right verdicts of the latest round that changed them, with the sidecars'
directives and with none."""
import importlib.util
import pathlib

import pytest

REAL = pathlib.Path(__file__).parent / "docs" / "real"
_spec = importlib.util.spec_from_file_location("real_score_heldout", REAL / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

RIGHT = {   # folder -> document -> right verdicts (with directives, with none)
    "heldout3": {"borundev_conv_stride_pad.md": (0, 0), "ldtriton_linear_zh.md": (0, 0),
                 "ldtriton_softmax_zh.md": (0, 0), "liweihua_bp_zh.md": (5, 5),
                 "postnetwork_softmax_ce.md": (6, 6), "robjinman_richard_math.md": (21, 18),
                 "zli03_bp_proof.md": (14, 14), "zxrobot_lenet_zh.md": (19, 17)},
    "heldout4": {"clevermachine_activations.md": (12, 12), "clevermachine_backprop.md": (15, 17),
                 "ghblog_conv_nhwc_1based.md": (3, 0), "heiqu_softmax_jacobian_zh.md": (2, 2),
                 "inada_conv_stride2_pad.md": (73, 72), "site553668_softmax_loss.md": (8, 8),
                 "thirstyscholar_two_layer.md": (11, 11), "walkerwzy_softmax_ce_zh.md": (19, 19)},
    "heldout5": {"codeandfire_transposed_conv.md": (1, 0),
                 "conv2d_backward_plain.md": (4, 4),
                 "dlnote_conv_stride_pad.md": (0, 0), "hui126_conv_numpy_zh.md": (0, 0),
                 "mint_backprop_summary.md": (16, 16), "scthe_backprop_notes.md": (5, 5),
                 "selfnn_dnn_cnn_zh.md": (22, 22), "slides_manual_convolution.md": (0, 0)},
    "heldout6": {"autodiff_light_conv_entries.md": (2, 2), "cnnbp_delta_rot180_zh.md": (9, 5),
                 "dml_simple_cnn_train.md": (2, 2), "icyfenix_cnn_book_zh.md": (2, 0),   # round 30: its chapter names "stride s"
                 "nn_formulas_dense_act.md": (8, 10), "puzzle10_conv_input_grad.md": (0, 0),
                 "report_conv_rules_1d2d.md": (16, 16), "simple_cnn_pad1_fc.md": (0, 0),
                 "zhangxq_cnn_interview_zh.md": (4, 4)},
    "heldout7": {"brightlamp_conv_maxpool_zh.md": (4, 6),   # round 30: y_{11} written, read from 0
                 "canndy_layer_fc_conv_zh.md": (11, 11),
                 "cnn_math_explanation.md": (3, 3), "convpass_jacobian_entries.md": (7, 6),
                 "day54_cuda_conv_input_grad.md": (2, 2), "purepisces_dense_dx.md": (4, 4),
                 "saikrishna_conv_notes.md": (9, 9), "transformerswsz_cnn_bp_zh.md": (16, 12)},
    "heldout8": {"jefkine_conv_backprop.md": (8, 8), "jihwan_fc_backprop.md": (9, 8),
                 "rparedes_mlp_softmax_es.md": (0, 3), "rumhub_tfg_conv_es.md": (18, 17),
                 "up9rade_conv_im2col.md": (6, 6), "xor_softmax_ce_zh.md": (7, 8),
                 "yizt_conv_channels_stride_zh.md": (3, 3), "yizt_pooling_zh.md": (0, 0)},
    "heldout9": {"ascend_conv_backward_zh.md": (2, 0), "cnn_guide_rot180_flip.md": (16, 14),
                 "cnn_kihon_ja.md": (3, 3), "cnn_visualizer_ko.md": (9, 5), "conv_layers_znote.md": (4, 3),
                 "convnets_backprop_ar.md": (24, 22), "coursera_cnn_notes_zh.md": (0, 0),
                 "danyang_cnn_python_zh.md": (16, 13), "gibiansky_conv_maxpool.md": (3, 3)},
    "heldout10": {"ch6_deep_learning_notes.md": (3, 3), "cnn_homework_a3.md": (1, 1),
                  "cnn_math_analysis_en.md": (9, 8), "cnn_resnet_monografia_es.md": (1, 0),
                  "cnn_section_rot180_en.md": (3, 3),   # round 58: * defined as true convolution, called cross-correlation in words "csuldw_cnn_zh.md": (11, 11),
                  "gradientes_cnn_pt.md": (11, 9), "lihang_cnn_chapter_zh.md": (2, 0),
                  "segmentation_math_ko.md": (5, 3), "t6_conv_backward_zh.md": (13, 9),
                  "udl_chap6_notes_zh.md": (6, 6)},
    "heldout11": {"backprop_alexnet_course_ko.md": (12, 12), "bgd_math_docs_en.md": (0, 0),
                  "cnn1_cnn4_upsample_zh.md": (13, 10), "cnn_dims_stride_pad_zh.md": (7, 7),
                  "conv1d_tiger_stripes_vi.md": (0, 0), "ki_vorlesung_backprop_de.md": (0, 2),
                  "react_cnn_backprop_en.md": (7, 5), "reseau_convolutif_fr.md": (15, 15),
                  "rustdl_affine_softmax_ja.md": (3, 3), "wwwonderer_cnn_backprop_en.md": (0, 0),
                  "xcorr_appendix_a9_zh.md": (4, 1)},
    "heldout12": {"codehunter_mlp_numbers_ru.md": (16, 16), "crossval_326377_conv_w1_en.md": (0, 4),
                  "edunn_pooling_capas_es.md": (6, 5), "freelw_softmax_ce_chain_zh.md": (1, 1),
                  "ktakuya_backprop_xi_ja.md": (1, 1), "ng_backprop_delta_fa.md": (0, 0),
                  "ru_loss_notes_mse_ce_ru.md": (3, 1), "wat36_softmax_ce_ja.md": (11, 1)},
    "heldout13": {"aise_17107_maxpool_overlap_en.md": (0, 0), "charmve_cnn_bp_zh.md": (2, 0),
                  "im2col_conv_bp_zh.md": (16, 16), "kimjiil_conv_stride2_ko.md": (10, 10),
                  "roykwonn_backprop_delta_ko.md": (4, 4), "silenceluo_bpa_stride_dilation_en.md": (24, 24)},
    "heldout14": {"augustin64_tipe_couches_fr.md": (6, 3), "fulyankin_conv_linear_ru.md": (5, 5),
                  "hugo_nn_note_backprop_ja.md": (12, 12), "lmtot27_mlp_relu_softmax_vi.md": (14, 13),
                  "numsense_cnn_readme_ja.md": (5, 4)},
    "heldout15": {"facecnn_spec_backprop_ko.md": (0, 0), "hexo_conv_stride1_zh.md": (15, 15),
                  "keonhee_mlp_numbers_ko.md": (14, 14), "mananshah_convnets_en.md": (0, 2),
                  "nndl_notes_conv_pool_zh.md": (0, 0), "wuersch_backprop_nielsen_de.md": (14, 14)},
    "heldout16": {"d2lpt_backprop_mlp_pt.md": (0, 0), "gosa_gyakudenpa_note_ja.md": (3, 0),
                  "insper_anndl_mlp_cnn_pt.md": (2, 0), "itskyf_paraprop_conv_vi.md": (2, 2),
                  "petcho_cnn_resnet_es.md": (1, 0), "sapiens_affine_layer_es.md": (13, 8),
                  "ueda_robot_vision_cnn_ja.md": (0, 0), "wintertee_re0_cnn_fr.md": (15, 15)},
    # held-out 17's Chinese note (round 32): its chain δ^l = ∂J(W,b)/∂z^l = … names a δ symbp cannot prove is
    # its own, so the row (false) is unchecked without directives, not refuted (a red team's false hold closed)
    "heldout17": {"conv_types_note_zh.md": (3, 1), "convjac_vec_note_en.md": (6, 6),
                  "gaussian37_backprop_ko.md": (9, 9), "glenzli_cnn_rot180_zh.md": (2, 2),   # round 58: its comment's $$ no longer hides its definition of *
                  "mlp_note_softmax_bce_ja.md": (10, 9), "thomas_c99mnist_cnn_zh.md": (5, 5)},
    "heldout18": {"brightlamp_affine_fc_zh.md": (0, 0), "csc321_autodiff_notes_zh.md": (0, 0),
                  "dl_memo_fc_softmax_ja.md": (3, 1), "josefruiz_backprop_mlp_es.md": (2, 2),
                  "softmax_ce_grad_ko.md": (3, 2), "xent_softmax_logits_en.md": (4, 0)},
    "heldout19": {"aprendizaje_backprop_neurona_es.md": (0, 0), "backprop_descomplicado_pt.md": (0, 0),
                  "jedha_backprop_neurone_fr.md": (2, 2), "mukul_cnn_backprop_en.md": (0, 0),
                  "qiudao_sigmoid_bce_zh.md": (0, 0), "studyai_sigmoid_deriv_ja.md": (0, 0)},
    "heldout20": {"koesan_micrograd_tanh_tr.md": (3, 1), "nndl_ch2_notes_zh.md": (3, 8),
                  "step1_cnn_math_en.md": (6, 5),   # round 38: full_rot unchecked (its example's unit stride)
                  "tiepvu_mlp_backprop_vi.md": (0, 0)},
    "heldout21": {"ch72_conv_pool_adjoint_en.md": (6, 4), "edunn_conv2d_capa_es.md": (14, 14),
                  "helwich_nn_notes_de.md": (0, 0), "rust_gpu_book_conv_ja.md": (0, 0),
                  "slam_uncertainty_grads_en.md": (5, 5), "sukowski_nn_gradients_en.md": (2, 2)},
    # round 55: the Russian lecture's written dL/dW matrix (2 x 3 entries δ_j x_i, under "For one neuron:") held at
    # the 1x1 layer the prose's one neuron made; read for vectors too, the readings disagree: unchecked (pin 7 -> 6)
    "heldout22": {"allmamun_ann_backprop_de.md": (5, 6), "codehunter_cnn_lecture_ru.md": (6, 2),
                  "pei_backprop_derivation_en.md": (1, 0), "saikrishna_maxpool_en.md": (0, 0),
                  "viridi_ann_training_id.md": (0, 0), "webmastervetea_neuron_numbers_es.md": (0, 0)},
    "heldout23": {"hexo_cnn_bp_padpad_zh.md": (1, 1), "lihang_cnn_obsidian_zh.md": (0, 0),
                  "seminar_matrix_calculus_ru.md": (3, 1), "taji99_middle_layer_grad_ja.md": (1, 0),
                  "training_cnn_rot180_en.md": (3, 2), "vorschlag_bpoe_graph_ko.md": (5, 5)},
    "heldout24": {"czaja_sieci_teoria_pl.md": (6, 7), "lazynotes_layers_en.md": (7, 7),
                  "mlp_couche_par_couche_fr.md": (7, 7), "santi_clasificacion_softmax_es.md": (0, 0)},
    "heldout25": {"asmaamirkhan_nn_kavramlari_tr.md": (0, 1), "faressc_conv_backprop_en.md": (1, 0),
                  "morgado_treino_cnn_pt.md": (1, 0), "ol333_obratnoe_rasprostranenie_ru.md": (0, 0),
                  "roscibely_backpropagation_pt.md": (1, 0)},
    "heldout26": {"bayramli_ysa_backprop_tr.md": (1, 1), "dense_chain_rows_en.md": (0, 0),    # round 32, blind: 8 / 8
                  "ezalos_maths_backprop_en.md": (5, 5), "mse_layer_recursion_en.md": (3, 2),
                  "sigmoid_wjk_note_ko.md": (1, 1)},
    "heldout27": {"ai_catatan_relu_example_id.md": (1, 0), "ai_modul_backprop_sawit_id.md": (3, 5),   # round 33, blind: 6 / 7
                  "dl_kurikulum_aktivasi_id.md": (3, 3), "nhattien_logistic_loss_vi.md": (0, 0)},
    "heldout28": {"kaifeng_bp_numeric_zh.md": (0, 0), "pythonandml_backprop_rows_en.md": (6, 6),   # round 33, blind: 2 / 2; round 34: 8 / 8
                  "softmax_ce_penalty_en.md": (2, 2), "softmax_note_1036225283_zh.md": (0, 0)},
    "heldout29": {"bishop_dl_5_4_discriminative_ja.md": (0, 0), "bp_mlp_cnn_rnn_notes_zh.md": (7, 4),   # round 34, blind: 16 / 8
                  "gradients_section_course_fr.md": (0, 0), "jermmy_cnn_bp_zh.md": (7, 4),
                  "multivariate_chain_rule_zh.md": (0, 0), "nguyentruonglong_backprop_vi.md": (1, 0)},
    "heldout30": {"kylelo_deriving_backprop_en.md": (0, 0), "mox21c_layer_gradient_ko.md": (0, 0),   # round 34, blind: 3 / 0
                  "osajima_backprop_layer3_en.md": (4, 5), "timattt_mlp_backprop_ru.md": (3, 0)},   # round 35: 7 / 5
    "heldout31": {"batchnorm_part2_backward_en.md": (7, 7), "hauvietblog_mlp_backprop_vi.md": (0, 0),   # round 35, blind: 0 / 0
                  "hx1234_backprop_layers_zh.md": (1, 1), "layernorm_vault_note_en.md": (0, 0),       # round 36: 11 / 11
                  "ouroboros_batchnorm_zh.md": (4, 4)},
    "heldout32": {"bishwarup_convbackprop_en.md": (6, 6), "quartz_cnns_note_en.md": (2, 2),          # round 36, blind: 4 / 5
                  "vortune_mazur_bp_zh.md": (1, 1), "wat36_cee_gradient_ja.md": (2, 5)},              # round 36: 11 / 13
    "heldout33": {"bn_appunti_it.md": (10, 10), "bn_cs231n_note_zh.md": (9, 1),                  # round 36, blind: 0 / 0
                  "chrisyeh_batchnorm_en.md": (0, 0), "zakka_batchnorm_backward_en.md": (3, 3)},      # end: 1 / 1; round 37: 22 / 14
    "heldout34": {"ivory_conv_pool_im2col_ja.md": (0, 0), "mishra_embedding_backward_en.md": (0, 0),  # round 37, blind: 0 / 4
                  "mishra_rmsnorm_backward_en.md": (0, 0), "mishra_softmax_backward_en.md": (0, 4)},
    "heldout35": {"bp_chapter_conv_zh.md": (3, 0),   # round 38: b_convW unchecked (stated_convention)
                  "cnn_basics_worked_en.md": (1, 0),          # round 37, blind: 8 / 1
                  "cnn_formula_table_en.md": (2, 0), "mnist_numpy_plan_vi.md": (1, 0),
                  "mnist_numpy_readme_vi.md": (1, 0)},
    "heldout36": {"cma_autograd_formules_fr.md": (2, 1), "cnn_fwd_bwd_pooling_zh.md": (0, 0),      # round 38, blind:
                  "conv3x3_comments_ja.md": (1, 0), "segmentation_sampling_ko.md": (0, 0),        # 9 / 6 of 24
                  "xray_cnn_scratch_en.md": (2, 0), "zen_cnn_principles_zh.md": (1, 1), "zen_conv_layer_zh.md": (3, 3)},
    "heldout37": {"alfonsj_problema_2023_01_16_es.md": (0, 0), "alfonsj_problema_2023_01_30_es.md": (0, 0),   # round 38,
                  "metamath_cnn_backprop_ko.md": (1, 1), "methodart_backprop_fr.md": (0, 1),                 # blind: 4 / 4
                  "shimsoonyong_cnn_grads_ko.md": (4, 0)},                                                   # of 40
    "heldout38": {"ai_calculus_note_ko.md": (3, 1), "antkillerfarm_cnn_bp_zh.md": (0, 0),      # round 39, blind: 11 / 1
                  "backprop_note_obsidian_ko.md": (1, 0), "eunsu_matrix_calculus_ko.md": (3, 1),   # of 50 (3 refuted
                  "waffle_cnn_part2_en.md": (3, 0), "zhongzisha_covenet_notes_en.md": (1, 1)},    # true, now 0)
    "heldout39": {"backprop_layers_bn_conv1d_en.md": (1, 1), "cnn_theory_companion_en.md": (4, 3),   # round 39, blind:
                  "intipy_matrix_backprop_ko.md": (0, 0), "lichess_logreg_gradient_vi.md": (0, 0),  # 4 / 4 of 44,
                  "retropropagation_quatre_equations_fr.md": (4, 0), "ssu_elu_layer_en.md": (0, 0),  # 0 false holds,
                  "ssu_maxpool_message_en.md": (0, 0)},                                             # 0 refuted true
    "heldout40": {"cs229_p28_cnn_zh.md": (1, 0), "deepcontent_backprop_part1_en.md": (0, 0),   # round 40, blind: 0 / 0
                  "deepcontent_conv_backprop_en.md": (2, 0)},      # of 6 (directives malformed: H=5 K=3); 2 / 0 mended
    "heldout41": {"iq_conv_forward_backward_ko.md": (3, 3), "iq_pooling_backward_ko.md": (0, 0),   # round 40, blind:
                  "ko_batched_matmul_step62_ko.md": (0, 0), "ko_mlp_backprop_batch_ko.md": (0, 0),  # 5 / 5 of 36,
                  "yacinemebarki_cnn_from_scratch_en.md": (0, 0), "zh_cnn_dissection_zh.md": (2, 2),  # 0 false holds,
                  "zh_rnn_bptt_basic_unit_zh.md": (0, 0)},      # 2 refuted true (closed: a transposed entry's sum range)
    "heldout42": {"esl_retropropagacao_pt.md": (0, 0), "esl_rindoku_nn_ja.md": (0, 0),   # round 40, blind: 0 / 1 of 39,
                  "layernorm_backprop_note_en.md": (0, 0), "mlp_kettenregel_de.md": (0, 0),   # 0 false holds, 3 refuted
                  "perceptron_gradien_id.md": (0, 0), "regresion_logistica_es.md": (0, 0)},   # true (closed)
    "heldout43": {"alexpeterbec_descente_gradient_fr.md": (0, 0), "bp_notes_nielsen_hexo_zh.md": (7, 1),  # round 40,
                  "mattpetersen_softmax_ce_en.md": (1, 1), "ronen_logreg_derivative_en.md": (2, 2)},  # blind: 9 / 3 of
    # 34, 0 false holds, 1 refuted true (closed)
    # round 41, blind: 6 / 6 of 57, 0 false holds, 2 refuted true (closed: a comma lead-in's condition; a mean's N, now unchecked)
    "heldout44": {"goubasarian_attention_backprop_en.md": (0, 0), "liorsinai_layernorm_backprop_en.md": (0, 0),
                  "shreyansh_layernorm_backward_en.md": (11, 11), "shreyansh_softmax_ce_backward_en.md": (5, 5)},
    # round 41, blind: 0 / 0 of 30, 0 false holds, 0 refuted true (attention, BPTT, batch norm written entry by entry)
    "heldout45": {"attention_backprop_example_en.md": (0, 3), "d2lzh_bptt_zh.md": (0, 0),
                  "vivilearns_batchnorm_en.md": (0, 0), "vivilearns_softmax_loss_en.md": (0, 0)},
    # round 41, blind: 3 / 8 of the 30 read (the KTU page's header nested a comment: mended), 0 false holds, 0 refuted true
    "heldout46": {"cs231n_bn_alt_backward_en.md": (0, 0), "gru_backprop_note_en.md": (0, 0),
                  "ktu_pooling_backward_en.md": (4, 4), "m323_mlp_softmax_de.md": (5, 6),
                  "zh_cnn_chapter22_conv_pool_zh.md": (2, 2)},   # round 42: +2 (a pooling forward below)
    # round 41, blind: 3 / 0 of 11, 0 false holds, 0 refuted true
    "heldout47": {"cma_batchnorm_backward_en.md": (0, 0), "cma_conv2d_backward_en.md": (3, 0),
                  "cma_pooling_backward_en.md": (2, 0), "layernorm_backward_derivation_en.md": (1, 1)},
    # round 42, blind: 10 / 8 of 31, 0 false holds, 0 refuted true (batch norm, RMSNorm, softmax; ko, zh)
    # (round 42 after reading it: 19 / 14; d-names, a norm forward written above its directive, shape notes)
    # (round 56: ko_normalization +1 without directives, its inline x̂ = (x - μ)/s read with s = √(σ² + ε))
    "heldout48": {"ko_normalization_bn_backward.md": (3, 3), "zh_ai_notes_bn_softmax.md": (3, 2),
                  "zh_bn_alt_backward.md": (8, 6), "zh_rmsnorm_backward.md": (5, 5)},
    # round 42, blind: 0 / 1 of 27, 1 false hold (the page's σ(x) = 1/(1+e^x) under the directive's name=sigmoid:
    # σ' = σ(1-σ) held; closed, unchecked now), 0 refuted true (group norm, LSTM, RNN, dropout, logistic regression)
    "heldout49": {"bn3monkey_logreg_ko.md": (1, 1), "bn3monkey_rnn_basic_ko.md": (0, 0),
                  "ck_groupnorm_bwd_en.md": (0, 0), "cs6180_lstm_bptt_en.md": (0, 0),
                  "llmtutorial_dropout_grad_zh.md": (0, 0)},
    # round 43, blind: 4 / 4 of 25, 0 false holds, 1 correct claim refuted (∂L/∂W = X^T.∂L/∂λ read with
    # vectors as columns after λ_i = Σ_l x_l w_{li}: closed, holds now)
    "heldout50": {"neodelphis_bp_softmax_layer_fr.md": (4, 4), "neodelphis_convnet_bp_fr.md": (3, 3),
                  "neodelphis_relu_layer_fr.md": (1, 1), "neodelphis_softmax_derivees_fr.md": (3, 3)},
    # round 43, blind: 5 / 3 of 38, 0 false holds, 0 refuted true (Chinese convolution, pooling, dense pages)
    "heldout51": {"cnn_transformer_notes_zh.md": (2, 0), "dl_formulas_notes_zh.md": (0, 0),
                  "wml_convolution_2d_zh.md": (1, 0), "wml_pooling_zh.md": (0, 0),
                  "wml_stride_padding_dilation_zh.md": (2, 0), "wml_vectorized_backprop_zh.md": (2, 2),
                  "zen_pytorch_conv_grad_zh.md": (3, 3)},
    # round 44, blind: 3 / 0 of 40, 0 false holds, 0 refuted true (Korean, German and English convolution,
    # pooling, dense and MatConvNet pages)
    "heldout52": {"boue_fc_maxpool_en.md": (0, 0), "dlvc_blatt3_chain_de.md": (0, 0),
                  "dlvc_blatt5_conv_pool_de.md": (0, 0), "kimh060612_cnn_backprop_ko.md": (3, 0),
                  "kimh060612_fcnn_backprop_ko.md": (2, 0), "matconvnet_impl_derivatives_en.md": (0, 0)},
    # round 44, blind: 13 / 14 of 24, 0 false holds, 0 refuted true (two pages: the NYU homework's claims are
    # written in inline math, which symbp check does not read; a Chinese proof of the four equations)
    "heldout53": {"nyu_dlsp21_strided_conv1d_en.md": (0, 0), "yinhangfeng_bp_proof_zh.md": (15, 18)},
    # round 44, blind: 4 / 4 of 17, 0 false holds, 2 correct claims refuted (∂L/∂x_{h,w} = Σ δ θ_{h-h',w-w'} on a
    # page that omits the out-of-bounds terms in a remark: closed, 'we omit the term' now reads outside entries as 0)
    "heldout54": {"doumeishi_conv_vjp_en.md": (0, 0), "mpiseno_conv_backprop_en.md": (6, 3)},
    # round 44, blind: 2 / 0 of 25, 0 false holds, 0 refuted true; one page (cv235528) never finished without a
    # directive (a cycle of definitions expanded 30 times: closed in 106b1c0, 0.2 s now)
    "heldout55": {"cv130413_softmax_sigmoid_en.md": (2, 0), "cv235528_softmax_ce_en.md": (3, 3),
                  "ms1731965_sigmoid_softmax_en.md": (0, 0), "nikopj_chain_rule_conv1d_en.md": (0, 0)},
    # round 45, blind: 8 / 5 of 22, 0 false holds, 1 correct claim refuted (penguinwang's chain row: a later
    # section's directive names y the target, but y_k = softmax(z)_k was carried from the section above; closed
    # in calc_carry.carried, and its slipped row, refuted for that same wrong reason, is unchecked now)
    "heldout56": {"fc_forward_backward_note_en.md": (0, 0), "fr_mlp_derivees_partielles_fr.md": (0, 0),
                  "grobol_regression_logistique_fr.md": (0, 0), "penguinwang_softmax_ce_en.md": (3, 0),
                  "qinkaiwu_softmax_ce_en.md": (4, 5)},
    # round 45, blind: 12 / 8 of 34, 0 false holds, 3 correct claims refuted: the Czech exercise's chain rule (its
    # directive's \mathbf{a}=activation beside A^{(l-1)}=input: closed in 69fa828) and the Chinese page's input
    # gradient, twice (below, KNOWN_REFUTED_ROWS: its written bounds reach outside y, which the rule refutes)
    "heldout57": {"cnn_daima_shizhan_zh.md": (2, 1), "cnn_yuanli_shizhan_zh.md": (3, 1),
                  "idlpytorch_deep_dive_en.md": (7, 6), "praktychne4_loss_gradients_uk.md": (0, 0),
                  "quargam_homework1_neuron_ru.md": (0, 0), "uim_cviceni10_backprop_cs.md": (0, 0)},
    # round 45, blind: 9 / 9 of 30, 2 false holds, 0 refuted true: a mini-batch page's dL/dX = W^T Δ and dL/dZ = A - Y
    # beside rows divided by the batch (1/N, 1/m), with no loss written; the truth reads the mean loss. Closed with
    # loss_letters.batch_mean_doubt (unchecked: held-out 11's ki_vorlesung and 25's asmaamirkhan read the same rows
    # the other way, and their pins were lowered to match, not the verdicts tuned)
    "heldout58": {"ffnn_backprop_frage_antwort_de.md": (8, 8), "kyoheyyy_backprop_cheatsheet_ja.md": (1, 1),
                  "mlp_modular_readme_pt.md": (0, 0), "rflab_dsp_lect11_gda_ru.md": (0, 0),
                  "xindai_ai_yingyong_zh.md": (0, 0)},
    # round 46, blind: 0 / 0 of 20 (no convolution or pooling page found; two batch-norm pages, C = AB written
    # with an equation editor's markup, a dense/logistic page, an Indonesian regression); 0 false holds, 0 refuted
    # true. After reading it: the equation editor's markup and C beside c (capital_names) read coolgpu's batch
    # norm and, without directives, its matmul's two whole-matrix rows (its numbered matrices stay unchecked; its
    # directive's weight=in-out contradicts the page's samples-as-rows A, which symbp now says)
    "heldout59": {"coolgpu_backprop_batchnorm_en.md": (0, 2), "coolgpu_matmul_grad_en.md": (0, 6),
                  "numpynet_batchnorm_en.md": (0, 0), "numpynet_connected_logistic_en.md": (0, 0),
                  "wawakaka_regresi_linier_id.md": (0, 0)},
    # round 47, blind: 4 / 3 of 27 (0 false holds, 0 refuted true): a course notebook's worked max and average
    # pooling on a 4x4 input (its max-pooling gradient matrix misplaces one window's maximum), a Spanish MLP in
    # θ/δ notation, a Chinese row-vector dense layer, a Thai sigmoid MLP, and one rot180 row
    "heldout60": {"shenjiann_cnn_hw6_backward_en.md": (2, 1), "udelar_redes_neuronales_es.md": (1, 1),
                  "fc_backprop_rowvec_zh.md": (1, 1), "mlp_backprop_week05_th.md": (2, 2),
                  "cv_foundations_phase00_en.md": (0, 0)},
    # round 47, blind: 0 / 1 of 20 (0 false holds, 0 refuted true): a cs224d softmax solution in Einstein notation, a
    # course book's two-class cross entropy, a Vietnamese logistic regression whose per-sample rows the page's mean
    # cost refutes, and a convolution tutorial's two rows written K_c(m,n)
    "heldout61": {"physicsd00d_cs224d_softmax_en.md": (0, 0), "cod1995_crossentropy_grad_en.md": (0, 1),
                  "elearning5_logreg_gd_vi.md": (0, 0), "cardinalis_conv2d_en.md": (0, 0)},
    # round 47, blind: 8 / 11 of 36 (0 false holds, 0 refuted true): no convolution or pooling page; Markus Thill's
    # batch-as-columns MLP post, a Traditional Chinese two-layer MLP, two sigmoid-neuron notes, and an XOR note whose
    # five wrong rows (softmax Jacobian, first-layer weights and bias) stay unchecked
    "heldout62": {"markusthill_backprop_en.md": (2, 4), "weidehuang_mlp_derivation_zhtw.md": (1, 2),
                  "henry54130_backward_zhtw.md": (5, 5), "henry54130_sigmoid_derivative_zhtw.md": (3, 4),
                  "xor_softmax_mlp_notes_zh.md": (0, 0)},
    # round 48, blind: 0 / 0 of 12 (0 false holds, 0 refuted true): one Czech exam note (MLP in neuron-set notation
    # j_←, a shared-weight convolution row, max pooling, an RNN's BPTT rows), all unchecked
    "heldout63": {"szp06_strojove_uceni_cs.md": (0, 0)},
    # round 49, blind: 0 / 0 of 24 (0 false holds, 4 true rows refuted): a batch MLP README, a 2-2-1 regression
    # course note and four Stack Exchange threads (a CNN's worked deltas, max pooling's routed gradient)
    "heldout64": {"abhij_numpy_ann_batch_en.md": (0, 0), "rudra_backprop_the_what_en.md": (0, 0),
                  "dsse_27506_cnn_deltas_en.md": (0, 0), "dsse_11699_maxpool_en.md": (0, 0),
                  "statsse_414301_maxpool_channels_en.md": (0, 0), "dsse_75593_cnn_error_delta_en.md": (2, 0)},
    # round 49, blind (at cdff99c): 1 / 1 of 4 (0 false holds, 0 refuted true): a softmax cross-entropy post and three
    # Italian loss notes whose rows write the page's own MathJax macros (\loss, \par{…}), unchecked
    "heldout65": {"jameshuang_softmax_ce_en.md": (1, 1), "it_perdita_logistica_it.md": (0, 0),
                  "it_perdita_quadratica_it.md": (0, 0), "it_perdita_hinge_it.md": (0, 0)},
    # round 50, blind (at 5216e33): 1 / 2 of 17 (0 false holds, 2 true rows refuted, both closed in the round): two
    # focal-loss posts, a Spanish swish note (∂/∂x applied to written expressions) and a Japanese chapter in plain text
    "heldout66": {"gombru_cross_entropy_losses_en.md": (1, 1), "math06_backprop_nanochat_ja.md": (1, 0),
                  "mshlis_focal_gradient_loss_en.md": (0, 0), "swish_derivative_es.md": (4, 4)},
    # round 50, blind (at c666b3f): 3 / 1 of 15 (0 false holds, 0 true rows refuted): a CS231n note, a batch-norm
    # explainer in x_k^{(i)} notation, a needle homework note (grad(X) = …), linear-layer notes in \part, a Korean YOLO post
    "heldout67": {"rescuerz_cs231n_backprop_zh.md": (3, 1), "bn_explained_en.md": (0, 0), "needle_hw1_notes_zh.md": (0, 0),
                  "wangqx_math_notes_en.md": (0, 0), "yolo_arch_backprop_ko.md": (0, 0)},
    # round 50, blind (at 92e1542): 0 / 1 of 22 (0 false holds, 0 true rows refuted; 0 / 2 once score.py found the
    # '$$= …' rows): operator lists (primed names S^{'}(x), diff_y), oneDNN's eltwise doc, a linear layer, a pooling diary
    "heldout68": {"linear_layer_rederiv_en.md": (0, 6), "cnnl_operators_zh.md": (2, 2), "mluops_operators_zh.md": (0, 0),
                  "onednn_eltwise_en.md": (0, 0), "pool_diary_zh.md": (0, 0)},
    # round 51, blind (at 1f3a099): 5 / 5 of 24 (0 false holds, 0 true rows refuted): a dense-layer chapter in
    # Ng's 1/m convention, a softmax-derivative retelling, a Korean 3Blue1Brown post, an Obsidian softmax note,
    # a Chinese activation note (\text{sigmoid}(x) rows: 6 / 6 after round 51's function names)
    "heldout69": {"kripit_backprop_chapter_en.md": (3, 4), "nnfs_softmax_derivative_en.md": (1, 1),
                  "bigthor_backprop2_ko.md": (0, 0), "telhc_softmax_note_en.md": (0, 1), "harleys_activation_zh.md": (2, 2)},
    # round 52, blind (at 55f62fa): 4 / 1 of 25 (0 false holds, 0 true rows refuted): a CS231n conv post (stride 2, pad 1,
    # Frobenius-dot rows), two batch-norm derivations (index form, a computational graph), Ng's course notes in Chinese,
    # a Japanese activation note (its tanh row, sech^2 x and cosh^2 x, holds after round 52)
    "heldout70": {"usmanr149_conv_stride_en.md": (0, 0), "fortileizhang_batchnorm_zh.md": (0, 0),
                  "mathscode_ng_backprop_zh.md": (3, 1), "implementbn_graph_en.md": (0, 0),
                  "largekind_activation_ja.md": (2, 2)},
    # round 52, blind (at f15ac52): 4 / 4 of 22 (0 false holds, 0 true rows refuted): a CNN-from-scratch README (dense and
    # convolution rows, ⋆ and a full *), a Chinese CNN backprop post (true convolution worked out entry by entry), a
    # same-padded multi-channel convolution note, John Lambert's fully connected post (CE(y, ŷ) written as a call)
    "heldout71": {"ggnery_cnn_scratch_en.md": (3, 3), "cnnbp_notes_zh.md": (1, 1), "convlayer_note_en.md": (0, 0),
                  "lambert_fc_backprop_en.md": (1, 1)},
    # round 53, blind (at c2fa457): 0 / 0 of 25 and 4 true rows refuted (with directives and without): a Chinese
    # convolution post after Jefkine in MathType's export ({ {b}^{l}}, \text{=}), a batch-norm derivation with remarks
    # beside its rows ((\text{Because …}), (\text{Let } … = t)), Rico Jia's CNN basics (its pooling example's stride 2
    # taken as the convolution's, and its open forward rows y_{11} = x_{11}k_{11} + … + ... read as sizes; both mended
    # in the round), a softmax layer's backward (\mathrm{…} displays, O_2[i,k], the true class O_2[i, y_i]: not read)
    "heldout72": {"darkknightzh_conv_backprop_zh.md": (2, 2), "zaffnet_batchnorm_en.md": (5, 5),
                  "ricojia_cnn_basics_en.md": (4, 0), "talwar_softmax_backprop_en.md": (5, 5)},
    # (round 54: Talwar's page 5 / 5, its true class O_2[i, y_i] read as an index, calc_class_index; other pins raised
    # to what stood at 59040ad and after, none lowered)
    # round 53, blind (at c2fa457, and the same at 2e779b1): 11 / 4 of 25 (0 false holds, 0 true rows refuted): a Chinese
    # pooling post, Paras Dahal's convolution layer, a dense-and-convolution notebook annex, Talwar's batch-norm
    # calculus, a Japanese batch-norm note
    "heldout73": {"anotter_cnn_annex_en.md": (3, 2), "darkknightzh_pool_backprop_zh.md": (2, 0),
                  "ivory_batchnorm_ja.md": (0, 0), "parasdahal_convlayer_en.md": (2, 2),
                  "talwar_batchnorm_calculus_en.md": (4, 0)},
    # round 54, blind (at 7bf8e28): 3 / 5 of 25 and one true row refuted with the directive (darkknightzh's
    # dL/dW = X^T \bullet dL/dY, \bullet read as ⊙: mended in the round, bullet_product): CS5782's convolution and
    # pooling notes, a Chinese NumPy layer library's README, darkknightzh's dense-layer post, a Chinese batch-norm
    # note walked node by node (\to\quad rows), a softmax-Jacobian note indexing classes by superscripts Y^{(j)}
    "heldout74": {"bn_note_zh.md": (0, 0), "cs5782_cnn_notes_en.md": (0, 2), "darkknightzh_backprop_fc_zh.md": (3, 3),
                  "ethan_numpy_nn_zh.md": (1, 1), "softmax_jacobian_note_en.md": (0, 0)},
    # round 55, blind (at 3e1f523): 6 / 1 of 26, two false holds with the directive (a Korean batch-norm review's
    # ε outside the root, its ← rows unread and the directive's standard forward standing in) and thirteen true rows
    # refuted (a general "stride 2" in the prose made a written stride-1 example strided; a matrix recursion under
    # one-neuron prose): mended in the round but the one named in KNOWN_REFUTED_ROWS. Two posts of aaumar's
    # (convolution, dense network), the Korean review, an interview note, Chinese exam notes
    "heldout75": {"aaumar_ann_en.md": (2, 1), "aaumar_cnn_en.md": (6, 6), "bn_paper_review_ko.md": (3, 3),
                  "dl_midterm_notes_zh.md": (5, 0), "ml_interview_derivations_en.md": (1, 1)},
    # round 55, blind (at 6d1f30e, after the round's first readings): 4 / 0 of 25, no false hold, no true row refuted:
    # a note on training a convolution / sub-sampling CNN (s_n^{L,k} superscripts), CUHK AIMS5710 notes (Chinese), IQ AI
    # Lab's batch-norm chapter (Korean), a Chinese back-propagation lecture, a model-implementations reference
    "heldout76": {"aims5710_cnn_notes_zh.md": (2, 0), "backprop_lecture_zh.md": (1, 0), "cnn_training_sensitivity_en.md": (0, 0),
                  "iq_batchnorm_ko.md": (4, 4), "model_implementations_en.md": (1, 0)},
    # round 56, blind (at 2b340b3, the round's start): 11 / 10 of 25, no false hold, no true row refuted: a report on a
    # numpy network library (strided convolution), an interview page on CNNs and RNNs (pooling, BPTT), a Korean
    # batch-norm note, a Chinese essay on matrix calculus, a CNN masterclass
    "heldout77": {"bn_backprop_note_ko.md": (5, 4), "cnn_masterclass_en.md": (4, 4), "cnn_rnn_interview_en.md": (0, 0),
                  "matrix_calculus_dl_zh.md": (0, 0), "nn_impl_report_en.md": (2, 2)},
    # round 57, blind (at c15331c, the round's start): 3 / 2 of 27, 2 false holds (the Mojo puzzle's layer-norm
    # dL/dgamma summed over the features, gamma read as one number) and 2 true rows refuted (the LeNet write-up's
    # dJ/dz_y = -1 + softmax(z_y), its J = -sum_j p(y_j) log q(z_j) read as products); all four closed in the round,
    # and 11 / 2 right at its end
    "heldout78": {"batchnorm_essay_zh.md": (6, 0), "cnn_golden_age_zh.md": (2, 0), "lenet5_capstone_ko.md": (0, 0),
                  "ml_derivations_ja.md": (3, 2), "mojo_layernorm_linear_en.md": (0, 0)},
    # round 58, blind (at 520d899, the round's start): 8 / 2 of 26, no false hold, 1 true row refuted (the Korean
    # matrix-calculus page's dL/dz_i = p_i - y_i, its target y taken from the batch-norm part below: closed in the
    # round; 11 / 2 at its end): a makemore write-up, a convolution and pooling homework, two course-note pages, a Korean wiki page
    "heldout79": {"cnn_notes_c4w1_en.md": (1, 0), "conv_pool_homework_zh.md": (4, 0), "dl_notes_c2_en.md": (0, 0),
                  "makemore_backprop_ninja_zh.md": (4, 2), "matrix_calculus_ko.md": (2, 0)},
}
# round 43: the index reader's written-loss guard (calc_generic_loss.loss_with_term) leaves unchecked the
# holds of rustdl (a loss reading the input letter x), slam (a focal loss's \alpha), the French course (an
# SVM's regularisation said on the page), xray (w inside σ(w^T x) in the loss), metamath (C written as the
# convolution itself) and eunsu (its loss writes the weight): pins lowered to what stands
# a chain row whose middle side is wrong and whose last side (the one the sidecar scores) is right:
# the row is refuted naming side 2 (round twenty-four); (held-out 11's ReLU row read under the affine
# layer above it, whose 1-based entries x_1 … x_n set no base, was one until round thirty-one); a
# softmax note whose directive names σ the softmax's output while its claims write σ(A_k), read as
# the logistic sigmoid of A_k (round twenty-eight: open)
KNOWN_REFUTED_ROWS = {("heldout12", "ru_loss_notes_mse_ce_ru.md", "c_r3", True),
                      ("heldout18", "xent_softmax_logits_en.md", "exp1", True),
                      ("heldout18", "xent_softmax_logits_en.md", "step3", True),
                      # held-out 20, scored clean (round twenty-eight), open: a worked example's number read
                      # against the directive's symbols, and Nielsen's BP2 / BP4 in the notes' layout
                      ("heldout20", "nndl_ch2_notes_zh.md", "bp2", True),
                      ("heldout20", "nndl_ch2_notes_zh.md", "bp4", True),
                      # held-out 22, scored clean at the end of round twenty-nine (the same at its start), open:
                      # a worked example's numbers (its batch row \sum_{i=1}^m \delta^{(l)}_i, δ_i read as an entry
                      # where the page means sample i, was one until round 52: unchecked now, naming both readings)
                      ("heldout22", "codehunter_cnn_lecture_ru.md", "ru_dLdb", False),
                      # (held-out 23's en_1d, a 1-D forward stated only inline, was one until round thirty-five)
                      # held-out 29, scored blind at round thirty-four, open: δ^l * rot180(W^l) ⊙ σ'(z^{l-1}), whose
                      # * the truth reads as a full convolution (one page says δ is padded, in the sentence after it;
                      # the other says nothing: held-outs 7, 9, 11 and 17 read the same row as refuted)
                      ("heldout29", "bp_mlp_cnn_rnn_notes_zh.md", "n_conv_d", True),
                      ("heldout29", "jermmy_cnn_bp_zh.md", "j_eq4", True),
                      ("heldout29", "jermmy_cnn_bp_zh.md", "j_eq4", False),
                      # held-out 57, blind at round forty-five: \sum_{m=0}^{M-1}\sum_{n=0}^{N-1} w[m,n] ∂L/∂y[i-m,j-n],
                      # whose written bounds reach y[-1, …]; the truth reads those entries as 0 (a full convolution), the
                      # issue's rule refutes an entry reached outside a tensor where the page does not say it is zero
                      ("heldout57", "cnn_yuanli_shizhan_zh.md", "conv_dx", True),
                      ("heldout57", "cnn_yuanli_shizhan_zh.md", "conv_dx", False),
                      # held-out 75, blind at round 55, open: without its directive, the exam notes' recursion
                      # \delta^l = (W^{l+1}^\top \delta^{l+1}) \odot \sigma'(z^l) read in the one-neuron section's layer
                      # (z = \mathbf{w}^\top \mathbf{x} + b), the double superscript's transpose lost: a shape misfit
                      ("heldout75", "dl_midterm_notes_zh.md", "delta_l", False)}
# held-out 64's four (blind, round 49) were closed in the round: Nielsen's BP2 and BP4 with the asker's equation
# numbers "(2)", "(3)" typed after them (read as factors), and a worked example's δ_{12} read as the founding δ
# though the directive names δ the input's gradient
# held-out 20's koesan dL_da_num (a worked example's number against an unbound δ) was one until round 38: a
# decimal claimed for an unbound value is unproved now (compare._fractional); so are held-out 37's two (blind)
# held-out 35's worked example (the prose gives the convolution's stride 1 and the pooling's stride 2; without
# a directive Σ X_{i+m,j+n} ∂L/∂Z_{ij} was refuted at the general forward's S = 2) was one until round 38:
# unchecked now, naming the example's unit stride (held, red team 44 found 105 false holds on such pages)
# held-out 27's dying-ReLU row (a bold zero vector read as the number 0, on a claim that holds only under
# the prose's z < 0) was one until round thirty-four: now unchecked, a zero where the ReLU is flat
# false holds the scored sets still have, open and named (the worst failure: never added to quietly); the
# Russian lecture's kernel-gradient row (δ counted from 1 beside an input from 0) was one until round thirty
KNOWN_FALSE_HOLDS: set = set()
# round 35: held-out 11's and 16's two rows each (a derivative of one neuron written `\phi' \times w`, a
# product of a slope and a name of another shape, on a page whose words make its quantities vectors)
# went from holds to unchecked when the scalar reader stopped proving such products "for numbers" (red team
# 39: 149 false holds of that kind); the pins above were lowered to match, not the verdicts tuned
CASES = [(folder, doc) for folder, docs in RIGHT.items() for doc in docs]


@pytest.mark.parametrize("folder, doc", CASES)
def test_heldout_no_wrong_verdicts_and_no_fewer_right(folder, doc, monkeypatch):
    monkeypatch.setattr(score, "HERE", REAL / folder)
    for k, directives in enumerate((True, False)):
        rows = score.verdicts(doc, directives)[0]
        assert not [cid for cid, truth, got, _ in rows if (truth, got) == ("refuted", "holds")
                    and (folder, doc, cid, directives) not in KNOWN_FALSE_HOLDS], (doc, directives)
        refuted = [cid for cid, truth, got, _ in rows if (truth, got) == ("holds", "refuted")
                   and (folder, doc, cid, directives) not in KNOWN_REFUTED_ROWS]
        assert not refuted, (doc, directives, refuted)
        assert sum(truth == got for _, truth, got, _ in rows) >= RIGHT[folder][doc][k], (doc, directives)
