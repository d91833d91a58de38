"""The thirty-fourth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&``.  Data only; the truth is computed by
``truth_heldout34.py`` (numpy and torch autograd, not symbp), whose function for each document
``TABLE`` names."""

SMX = [
    ("s_chain", r"\frac{\partial L}{\partial x_{ij}} = \sum_{b=1}^{B} \sum_{h=1}^{H} \frac{\partial L}{\partial y_{bh}} \frac{\partial y_{bh}}{\partial x_{ij}}",
     "row softmax y = softmax(x) along each of B rows (H columns), L drawn non-linear in y: dL/dx_ij = sum_b sum_h dL/dy_bh dy_bh/dx_ij (Jacobian by autograd); holds"),
    ("s_quot", r"\frac{1}{Z_b^2} \left( Z_b \frac{\partial e^{x_{bh}}}{\partial x_{ij}} - e^{x_{bh}} \frac{\partial Z_b}{\partial x_{ij}} \right)",
     "the quotient rule with d e^{x_bh}/dx_ij = e^{x_ij}[b=i][h=j] and dZ_b/dx_ij = [b=i] e^{x_ij}; equals dL/dx_ij; holds"),
    ("s_collapse", r"\frac{\partial L}{\partial y_{ih}} y_{ij} y_{ih} $$",
     "dL/dy_ij y_ij - sum_h dL/dy_ih y_ij y_ih = dL/dx_ij; holds"),
    ("s_final", r"\frac{\partial L}{\partial x_{ij}} = y_{ij} \left(",
     "the closing result y_ij (dL/dy_ij - sum_h dL/dy_ih y_ih); holds"),
]
SMX_DIRS = [("## Backward\n", "<!-- symbp: layer=softmax classes=4 batch=3 names: x=input y=output L=loss -->")]
SMX_EXCL = [
    (r"$$y_{ij} = \frac{e^{x_{ij}}}{Z_i}$$", "forward definition"),
    (r"$$Z_i = \sum_{h=1}^H e^{x_{ih}}$$", "definition of the normaliser"),
    (r"\frac{\partial}{\partial x_{ij}} \left( \frac{e^{x_{bh}}}{Z_b} \right) $$", "holds (the definition substituted); left out of the score (30% cap)"),
    (r"\frac{1}{Z_b} \frac{\partial e^{x_{bh}}}{\partial x_{ij}} - \sum_{b=1}^{B}", "holds (the quotient split); left out (30% cap)"),
    (r"\frac{\partial}{\partial x_{ij}} \left( \sum_{k=1}^{H} e^{x_{bk}} \right) $$", "holds; left out (30% cap)"),
    (r"\frac{e^{x_{bh}}}{Z_b^2} \frac{\partial e^{x_{bj}}}{\partial x_{ij}} $$", "holds; left out (30% cap)"),
    (r"\frac{e^{x_{ih}}}{Z_i^2} \frac{\partial e^{x_{ij}}}{\partial x_{ij}} $$", "holds; left out (30% cap)"),
    (r"\frac{e^{x_{ih}}}{Z_i^2} e^{x_{ij}} $$", "holds; left out (30% cap)"),
    (r"$$= y_{ij} \left(", "holds; the same expression as the closing result (restated there)"),
]

RMS = [
    ("r_w3", r"$$= \sum_{b=1}^{B} \frac{\partial L}{\partial y_{bj}} \frac{x_{bj}}{r_b}$$",
     "y_bh = w_h x_bh / r_b, r_b = sqrt(mean_h x_bh^2 + eps), L drawn: dL/dw_j = sum_b dL/dy_bj x_bj / r_b (autograd); holds"),
    ("r_bracket", r"\frac{w_h}{r_i^2} \left[ r_b \frac{\partial x_{bh}}{\partial x_{ij}} - x_{bh} \frac{1}{2Hr_b} 2 x_{bj} \frac{\partial x_{bj}}{\partial x_{ij}} \right]",
     "the quotient rule with dr_b/dx_ij = [b=i] x_ij/(H r_b); only b = i survives, so r_i^2 = r_b^2 there; equals dL/dx_ij; holds"),
    ("r_first", r"= \frac{\partial L}{\partial y_{ij}} \frac{w_h}{r_i} - \sum_{b=1}^{B}",
     "after the sums collapse the first term is dL/dy_ij w_j / r_i; the row writes w_h with h free (bound by no sum): for any fixed h it differs from dL/dx_ij unless w_h = w_j (checked for every h, drawn w with distinct entries); refuted"),
    ("r_final", r"\frac{\partial L}{\partial x_{ij}} = \frac{\partial L}{\partial y_{ij}} \frac{w_h}{r_i}",
     "the closing input gradient keeps the free w_h in its first term (true value dL/dy_ij w_j / r_i - x_ij/(H r_i^3) sum_h dL/dy_ih w_h x_ih); refuted as above"),
]
RMS_DIRS = [("## Backward\n", "<!-- symbp: layer=rmsnorm H=4 batch=3 names: x=input w=weight y=output r=norm L=loss -->")]
RMS_EXCL = [
    (r"$$y_{ij} = \frac{w_j x_{ij}}{r_i}$$", "forward definition"),
    (r"r_i = \sqrt{ \frac{1}{H} \sum_{h=1}^H x_{ih}^2 + \epsilon }", "definition of r"),
    (r"\frac{\partial L}{\partial w_j} = \sum_{b=1}^{B} \sum_{h=1}^{H} \frac{\partial L}{\partial y_{bh}} \frac{\partial y_{bh}}{\partial w_j}", "holds (chain rule); left out (30% cap)"),
    (r"\frac{x_{bh}}{r_b} \frac{\partial w_h}{\partial w_j}$$", "holds; left out (30% cap)"),
    (r"\frac{\partial L}{\partial x_{ij}} = \sum_{b=1}^{B} \sum_{h=1}^{H} \frac{\partial L}{\partial y_{bh}} \frac{\partial y_{bh}}{\partial x_{ij}}", "holds (chain rule); left out (30% cap)"),
    (r"\frac{w_h}{r_i^2} x_{ih} \frac{1}{H} x_{ij}$$", "refuted (free w_h as in r_first); left out (30% cap)"),
    (r"= \frac{\partial L}{\partial y_{ij}} \frac{w_h}{r_i} - \frac{1}{Hr_i^3}", "refuted (free w_h); the same row as the closing result, left out (30% cap)"),
    (r"$$\frac{\partial L}{\partial w_j} = \sum_{b=1}^{B} \frac{\partial L}{\partial y_{bj}} \frac{x_{bj}}{r_b}$$", "holds; the weight result restated"),
]

EMB = [
    ("e_first", r"\left[ \sum_{k=1}^V I[x_v = k]w_{kj} \right]",
     "y_vh = w_{x_v h} (tokens v = 1..V as the page indexes them, checked with as many tokens as vocabulary rows, ids drawn with repeats): the bracket should be y_vh = sum_k I[x_v = k] w_kh; with w_kj its derivative is I[x_v = i] for every h, so the row equals sum_v I[x_v = i] sum_h dL/dy_vh, not dL/dw_ij = sum_v I[x_v = i] dL/dy_vj (H = 3); refuted"),
    ("e_ind3", r"\sum_{k=1}^V I[x_v = k] I[i = k] I[j = h] $$",
     "sum_v sum_h dL/dy_vh sum_k I[x_v=k] I[i=k] I[j=h] = dL/dw_ij; holds"),
    ("e_ind2", r"\frac{\partial L}{\partial y_{vh}} I[x_v = i] I[j = h] $$",
     "sum_v sum_h dL/dy_vh I[x_v = i] I[j = h] = dL/dw_ij; holds"),
    ("e_final", r"\frac{\partial L}{\partial w_{ij}} = \sum_{v=1}^{V} \frac{\partial L}{\partial y_{vj}} I[x_v = i]",
     "dL/dw_ij = sum_v dL/dy_vj I[x_v = i] (scatter-add of the output rows into the table rows), autograd; holds"),
]
EMB_DIRS = [("## Backward\n", "<!-- symbp: layer=embedding V=4 H=3 names: x=input w=kernel y=output L=loss -->")]
EMB_EXCL = [
    (r"y_{ij} = w_{x_ij} = \sum_{v=1}^V I[x_i = v]w_{vj}", "forward definition"),
    ("$$= \\sum_{v=1}^{V} \\frac{\\partial L}{\\partial y_{vj}} I[x_v = i] $$\n\nThe note", "holds; the same expression as the closing result (restated there)"),
]

IVO = [
    ("i_dW", r"\frac{\partial L}{\partial\hat{\mathbf{W}}} = \hat{\mathbf X}^\mathrm{T}\cdot\frac{\partial L}{\partial\hat{\mathbf{Y}}}",
     "Y-hat = X-hat W-hat + B with X-hat the im2col matrix of a real convolution input (N, C, H, W drawn, FH = FW = 2, stride 1 and 2) and W-hat the reshaped filters: dL/dW-hat = X-hat^T dL/dY-hat (autograd through the im2col product); holds"),
    ("i_dX", r"\frac{\partial L}{\partial\hat{\mathbf{X}}} = \frac{\partial L}{\partial\hat{\mathbf{Y}}}\cdot\hat{\mathbf W}^\mathrm{T}",
     "dL/dX-hat = dL/dY-hat W-hat^T (the gradient with respect to the im2col matrix, before col2im); holds"),
]
IVO_DIRS = [("### Backward of the convolution", "<!-- symbp: layer=fc in=8 out=3 batch=6 weight=in-out names: \\hat{\\mathbf X}=input \\hat{\\mathbf W}=kernel \\mathbf B=bias \\hat{\\mathbf Y}=output L=loss -->")]
IVO_EXCL = [
    (r"$$ OH = \frac{H+2P-FH}{S}+1 $$", "output-size formula (definition)"),
    (r"$$ OW = \frac{W+2P-FW}{S}+1 $$", "output-size formula (definition)"),
    (r"(N\times OH\times OW,\ C\times FH\times FW)=({{N*OH*OW}},\ {{C*FW*FH}})", "shape of X-hat with template fields (no derivative)"),
    (r"\hat{\mathbf Y} = \hat{\mathbf X}\cdot\hat{\mathbf W} + \mathbf B", "forward definition"),
    (r"\mathbf G={{G}}", "definition of G (template field); appears twice"),
    (r"\hat{\mathbf G}={{Ghat}}", "definition of G-hat (template field)"),
    (r"\rightarrow(C\times FH\times FW,\ FN)$$", "shape bookkeeping, no derivative"),
    (r"\rightarrow(N\times OH\times OW,\ C\times FH\times F)$$", "shape bookkeeping with a typo (F for FW); no derivative"),
    (r"\frac{\partial L}{\partial \mathbf{X}} = {{x}}", "template field (the rendered symbolic result is not in the source text); appears twice"),
]

TABLE = {
    "mishra_softmax_backward_en.md": ("smx", SMX, SMX_DIRS, SMX_EXCL),
    "mishra_rmsnorm_backward_en.md": ("rms", RMS, RMS_DIRS, RMS_EXCL),
    "mishra_embedding_backward_en.md": ("emb", EMB, EMB_DIRS, EMB_EXCL),
    "ivory_conv_pool_im2col_ja.md": ("ivo", IVO, IVO_DIRS, IVO_EXCL),
}
