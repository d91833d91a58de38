"""The eleventh held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout11.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names.  The other five documents are in
``claims_more.py``."""
from heldout11.claims_more import TABLE_MORE

FR = [
    ("f_ax", r"\frac{\partial a}{\partial x}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial x}=\phi'\times w", "z = w x + b, a = phi(z): chain rule, da/dx = phi'(z) w"),
    ("f_aw", r"\frac{\partial a}{\partial w}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial w}=\phi'\times x", "da/dw = phi'(z) x"),
    ("f_ab", r"\frac{\partial a}{\partial b}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial b}=\phi'\times 1", "da/db = phi'(z)"),
    ("f_relu", r"\phi'(a)=\left\{", "ReLU derivative: 0 below 0, 1 above (at 0 the note picks the sub-gradient 1, which lies in [0, 1])"),
    ("f_sm_eq2", r"=\frac{e^{z_i}(\sum_{k=1}^{N}{e^{z_k}})-e^{z_j}e^{z_i}}{(\sum_{k=1}^{N}{e^{z_k}})^2}", "case j = i: quotient rule (N = K = q classes)"),
    ("f_sm_eq3", r"=\frac{e^{z_i}}{\sum_{k=1}^{N}{e^{z_k}}}\frac{(\sum_{k=1}^{N}{e^{z_k}}) - e^{z_j}}{\sum_{k=1}^{N}{e^{z_k}}}", "case j = i: factored"),
    ("f_sm_eq4", r"=\phi_i(1-\phi_j)", "case j = i: phi_i (1 - phi_i)"),
    ("f_sm_ne2", r"=\frac{0-e^{z_j}e^{z_i}}{(\sum_{k=1}^{N}{e^{z_k}})^2}", "case j != i: quotient rule"),
    ("f_sm_ne3", r"=-\frac{e^{z_j}}{\sum_{k=1}^{N}{e^{z_k}}}\frac{e^{z_i}}{\sum_{k=1}^{N}{e^{z_k}}}", "case j != i: factored"),
    ("f_sm_ne4", r"=-\phi_j \phi_i", "case j != i: -phi_j phi_i"),
    ("f_sm_all", r"\frac{\partial\phi_i}{\partial z_j}(\mathbf z)=\left\{", "both cases together: the softmax Jacobian"),
    ("f_ce1", r"\frac{\partial H(\mathbf y , \mathbf a)}{\partial z_i}=", "H = -sum y_j log a_j, a = softmax(z): dH/dz_i = -sum_j y_j d(log a_j)/dz_i"),
    ("f_ce2", r"=-\sum _{j=1}^q y_j \frac{\partial a_j}{a_j \partial z_i}", "d log a_j = da_j / a_j"),
    ("f_ce3", r"=-y_i\frac{a_i(1-a_i)}{a_i}-\sum _{j=1,j\neq i}^q y_j \frac{- a_i a_j}{a_j}", "the j = i term and the others"),
    ("f_ce4", r"=-y_i(1-a_i)+\sum _{j=1,j\neq i}^q y_j a_i", "simplified"),
    ("f_ce5", r"=-y_i +a_i \sum _{j=1}^q y_j", "regrouped"),
    ("f_ce6", r"=a_i-y_i", "sum_j y_j = 1 (y one-hot, as the note says)"),
    ("f_eta", r"\eta _{i,j}=\frac{\partial H}{\partial w_{i,j}}=\sum _m\sum _n\delta _{m,n}\times a_{i+m,j+n}", "with delta = dH/dx (the input's gradient, N x N) and a the layer's own activations ((N-n+1) x (N-n+1)), summed where both exist, this is not dH/dw; nor is it with delta = dH/dz and x in place of a, since the forward reads x_{i+a-1,j+b-1} (1-based) and the row has no -1; right: sum_{m,n} dH/dz_{m,n} x_{m+i-1,n+j-1}"),
    ("f_bias", r"\frac{\partial H}{\partial  b }=\sum _i\sum _j\delta _{i,j}", "delta is defined as dH/dx, the gradient of the input: its sum is not dH/db; right: the sum of dH/dz_{i,j} over the outputs"),
]
FR_DIRS = [
    ("## Neurone\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output -->"),
    ("### ReLU\n", "<!-- symbp: layer=activation name=relu -->"),
    ("### Softmax\n", "<!-- symbp: layer=softmax classes=3 -->"),
    ("## Fonction de perte\n", "<!-- symbp: layer=softmax classes=3 target=one-hot -->"),
    ("## Couche de convolution (Conv2D)\n",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=1 names: x=input w=kernel b=bias z=output H=loss -->"),
]
FR_EXCL = [
    (r"z = w \times x + b \tag{1.1}", "forward definition"),
    (r"a = \phi(z) \tag{1.2}", "forward definition"),
    (r"\phi(a)=\left\{", "definition of ReLU"),
    (r"a_j = \phi (\mathbf {z} )_{j}", "definition of softmax"),
    (r"\frac{\partial \frac{e^{z_i}}{\sum_{k=1}^{N}e^{z_k}}}{\partial z_j}", "first row of both softmax derivations: the derivative restated from the definition"),
    (r"{\mathrm  {H}}(\mathbf y,\mathbf a)=-\sum _{j=1}^q y_j\log a_j", "definition of the cross-entropy"),
    (r"z_{i,j}=\sum _{a\in[1,n],b\in[1,n]}x_{i+a-1,j+b-1}\times w_{a,b}+b_{a,b}", "forward definition"),
    (r"a_{i,j} = \phi(z_{i,j})", "forward definition"),
    (r"\delta _{i,j} = \frac{\partial H}{\partial x_{i,j}}", "definition of delta"),
    (r"a_{i,j} = max(x_{i,j},...,x_{i,j+n-1}", "forward definition of max pooling"),
]

JA = [
    ("j_dyw", "(partial y_(i j))/(partial w_(p q)) = cases(", "Y = XW + B: dy_ij/dw_pq = x_ip if j = q, else 0"),
    ("j_dyx", "(partial y_(i j))/(partial x_(p q)) = cases(\n    thick w_(q j)", "dy_ij/dx_pq = w_qj if i = p, else 0"),
    ("j_dW", "(partial cal(L))/(partial bold(W)) = bold(X)^top dot (partial cal(L))/(partial bold(Y))", "dL/dW = X^T dL/dY"),
    ("j_dX", "(partial cal(L))/(partial bold(X)) = (partial cal(L))/(partial bold(Y)) dot bold(W)^top", "dL/dX = dL/dY W^T"),
    ("j_db", "(partial cal(L))/(partial bold(b)) = sum_(1<=i<=n) [(partial cal(L))/(partial bold(Y))]_(i,*)", "dL/db = the sum of the rows of dL/dY"),
    ("j_relu_d", "(partial y_(i j))/(partial x_(p q)) = cases(\n    thick 1", "ReLU: dy_ij/dx_pq = 1 if (i, j) = (p, q) and x_ij > 0, else 0 (checked away from 0)"),
    ("j_relu_chain", "(partial cal(L))/(partial x_(p q)) = sum_(1<=i<=n) sum_(1<=j<=m)", "chain rule over the outputs"),
    ("j_relu_res", "= cases(\n    thick 1  quad text(\"if\") x_(p q) >= 0", "drops the incoming gradient: 1 or 0 is dy_pq/dx_pq, not dL/dx_pq; right: dL/dy_pq if x_pq >= 0, else 0"),
    ("j_sm_r1", "(partial y_(j))/(partial x_q) = cases(", "the j != q case writes exp(x_j){0+exp(x_j)} / S^2: dS/dx_q is exp(x_q), so it should be -exp(x_j) exp(x_q) / S^2 (the j = q case is right)"),
    ("j_sm_r2", "= cases(\n    thick display(exp(x_j)/S - exp(x_j)^2/S^2)", "keeps -exp(x_j)^2 / S^2 for j != q; right: -exp(x_j) exp(x_q) / S^2"),
    ("j_sm_r3", "= cases(\n    thick y_(j) - y_(j)^2", "y_j - y_j^2 for j = q, -y_j y_q otherwise, = y_j (delta_jq - y_q): the softmax Jacobian"),
    ("j_smv_r1", "(partial cal(L))/(partial bold(x)) = (partial cal(L))/(partial bold(y)) dot { mat(", "row vectors: dL/dx = dL/dy (diag(y) - y^T y)"),
    ("j_smv_r2", "= (partial cal(L))/(partial bold(y)) dot { text(\"diag\"(bold(y))) - bold(y)^top dot bold(y) }", "the same with diag(y) and the outer product y^T y"),
    ("j_ce_r1", "(partial cal(L))/(partial x_q) = sum_(1<=j<=C) (partial cal(L))/(partial y_j) (partial y_j)/(partial x_q)", "L = -1/C sum t_j log y_j, y = softmax(x): chain rule"),
    ("j_ce_r2", "= sum_(1<=j<=C) (partial cal(L))/(partial y_j) (-y_j y_q) + (partial cal(L))/(partial y_q) y_q", "softmax Jacobian put in"),
    ("j_ce_r3", "= sum_(1<=j<=C) (-1/C t_j/y_j) (-y_j y_q) + (-1/C t_q/y_q) y_q", "dL/dy_j = -t_j / (C y_j) put in"),
    ("j_ce_r4", "= y_q / C (sum_(1<=j<=C) t_j - t_q)", "the row above is y_q/C sum_j t_j - t_q/C; factoring y_q/C out of t_q as well gives y_q/C sum_j t_j - y_q t_q/C, which differs (t_q and y_q t_q)"),
    ("j_ce_r5", "= (y_q - t_q) / C", "with sum_j t_j = 1 (the book says the target is normalised): (y_q - t_q)/C"),
]
JA_DIRS = [
    ("## Affine層の逆伝播\n", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows names: X=input W=kernel b=bias Y=output -->"),
    ("## ReLU関数の逆伝播\n", "<!-- symbp: layer=activation name=relu names: x=input y=output -->"),
    ("## Softmax関数の逆伝播\n", "<!-- symbp: layer=softmax classes=3 names: x=input y=output -->"),
    ("## クロスエントロピー誤差の逆伝播\n", "<!-- symbp: layer=softmax classes=3 -->"),
    ("## Softmax関数とクロスエントロピー誤差の組み合わせ\n", "<!-- symbp: layer=softmax classes=3 names: x=input y=output -->"),
]
JA_EXCL = [
    ("cal(L)_text(\"CrossEntropy\") = -sum_(1<=j<=C) t_j log(y_j)", "definition of the cross-entropy"),
    ("bold(Y) = bold(X) dot bold(W) + bold(B)", "forward definition"),
    ("y_(i j) = sum_(1<=alpha<=n) x_(i alpha) w_(alpha j) + b_j", "forward definition"),
    ("y_(i j) = cases(\n    thick x_(i j)", "definition of ReLU"),
    ("y_(j) = frac(exp(x_(j)), sum_k exp(x_(k)))", "definition of softmax"),
    ("cal(L) = -1/C sum_(1<=j<=C) t_j log(x_j))", "definition of the loss"),
    ("(partial cal(L))/(partial y_j) = - 1/C t_j/x_j", "the loss just defined is a function of x (the section's name for the model output), and the derivative is written by y_j: which variable it means is not settled"),
    ("1/C (bold(Y) - bold(T))", "the loss of a batch (a sum or a mean of the rows' losses) is not defined"),
]

DIMS = [
    ("c_dF", r"\boxed{\frac{\partial L}{\partial F} = X \; *_{valid} \; \frac{\partial L}{\partial O}}", "valid sliding sum of X (input) with dL/dO (kernel): K x K, the filter gradient"),
    ("c_dX_a", r"\boxed{\frac{\partial L}{\partial X} = \operatorname{rot180}(F) \; *_{valid} \; \text{pad}_{K-1}", "in the note's A * B, A is the input and B the kernel: the (H+K-1)-wide padded gradient cannot slide over the K x K rot180(F), the valid sum does not exist; right: pad_{K-1}(dL/dO) * rot180(F), as the dimension check above it"),
    ("c_dX_full", r"\operatorname{rot180}(F) \; \otimes_{full} \; \frac{\partial L}{\partial O}", "the full sliding sum with rot180(F) as input and dL/dO as kernel gives dL/dX turned by 180 degrees (and the full true convolution of the two is not dL/dX either); right: dL/dO full-slid with rot180(F) as kernel"),
    ("c_b_fpq", r"\frac{\partial L}{\partial f_{pq}} = \sum_{i=0}^{1}\sum_{j=0}^{1}", "3 x 3 input, 2 x 2 filter: filter gradient entry"),
    ("c_b_f00", r"\frac{\partial L}{\partial f_{00}} = x_{00}\frac{\partial L}{\partial o_{00}}", "written out for f_00"),
    ("c_b_dF", r"\boxed{\frac{\partial L}{\partial F} = X * \frac{\partial L}{\partial O}}", "X slid with dL/dO: 2 x 2, the filter gradient"),
    ("c_b_xrs", r"\frac{\partial L}{\partial x_{rs}} = \sum_{(i,j):\; x_{rs} \in \text{receptive}(o_{ij})}", "input gradient over the outputs whose window holds x_rs"),
    ("c_b_x11", r"\frac{\partial L}{\partial x_{11}} = f_{11}\frac{\partial L}{\partial o_{00}}", "written out for x_11"),
    ("c_b_dX", r"\operatorname{rot}_{180}(F) \; *_{valid} \; \text{pad}_{1}", "the 4 x 4 padded gradient as the kernel of the 2 x 2 rot180(F): the valid sum does not exist (the dimension check after it computes pad_1(dL/dO) * rot180(F)); right: pad_1(dL/dO) * rot180(F)"),
    ("c_g_fpq", r"\frac{\partial L}{\partial f_{pq}} = \sum_{i=0}^{H-K}\sum_{j=0}^{W-K}", "any H x W, K x K: filter gradient entry"),
    ("c_g_dX", r"\operatorname{rot}_{180}(F) \; *_{valid} \; \text{pad}_{K-1}", "operands the wrong way round, as in section 2: the valid sum does not exist; right: pad_{K-1}(dL/dO) * rot180(F)"),
    ("c_s_fpq", r"\frac{\partial L}{\partial f_{pq}} = \sum_{i=0}^{H_{out}-1}\sum_{j=0}^{W_{out}-1}", "stride S: filter gradient entry"),
    ("c_s_dF", r"\boxed{\frac{\partial L}{\partial F} = X * \text{dil}_S\!\left(\frac{\partial L}{\partial O}\right)}", "X slid with the dilated gradient: K x K when S divides H - K (the note's course code asserts it), the filter gradient"),
    ("c_s_dX", r"\boxed{\frac{\partial L}{\partial X} = \operatorname{rot}_{180}(F) *_{valid} \text{pad}_{K-1}", "operands the wrong way round: the valid sum does not exist; right: pad_{K-1}(dil_S(dL/dO)) * rot180(F)"),
    ("c_p_dF", r"\boxed{\frac{\partial L}{\partial F} = \text{pad}_P(X) * \text{dil}_S", "padding P: the padded X slid with the dilated gradient (S divides H + 2P - K)"),
    ("c_p_dX", r"\text{crop}_P\!\left(\operatorname{rot}_{180}(F) *_{valid}", "operands the wrong way round inside the crop: the valid sum does not exist; right: crop_P(pad_{K-1}(dil_S(dL/dO)) * rot180(F))"),
    ("c_m_dX", r"\frac{\partial L}{\partial X_{c_i}} = \sum_{c_o=0}^{C_{out}-1}", "several channels, operands the wrong way round in every term: the valid sums do not exist"),
    ("c_m_dF", r"\frac{\partial L}{\partial F_{c_o, c_i}} = X_{c_i} * \text{dil}_S", "several channels: filter gradient of (c_o, c_i)"),
]
DIMS_DIRS = [
    ("## 维度思考\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->"),
    ("### 0. 基础情形\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->"),
    ("### 1. 推广一：一般尺寸，$S=1, P=0$\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->"),
    ("### 2. 推广二：引入步长 $S > 1$\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->"),
    ("### 3. 推广三：引入填充 $P$\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss -->"),
    ("### 5. 推广五：多通道\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 channels=2,3 bias=0 conv=cross index_base=0 names: X=input F=kernel O=output L=loss layout: X=CHW F=OIHW O=CHW -->"),
]
DIMS_EXCL = [
    (r"O = X * F, \quad O \in \mathbb{R}^{(H-K+1) \times (W-K+1)}", "forward definition"),
    (r"\text{dim}\left(X *_{valid} \frac{\partial L}{\partial O}\right) = (H - (H - K + 1) + 1)", "a size count"),
    (r"\dim\left(\frac{\partial L}{\partial O} * F\right) = (H - 2K + 2)", "a size count"),
    (r"(H - K + 1 + 2(K-1)) \times (\cdots) = (H + K - 1) \times (W + K - 1)", "a size count"),
    (r"\dim\left(\text{pad}_{K-1}\!\left(\frac{\partial L}{\partial O}\right) * \operatorname{rot180}(F)\right)", "a size count"),
    (r"X = \begin{bmatrix} x_{00}", "the example's matrices"),
    (r"O = X * F, \quad O_{ij} = \sum_{p=0}^{1}\sum_{q=0}^{1}", "forward definition"),
    (r"O_{ij} = \sum_{p=0}^{K-1}\sum_{q=0}^{K-1} x_{i+p,\,j+q} \cdot f_{pq}, \quad \begin{cases}", "forward definition"),
    (r"O_{ij} = \sum_{p=0}^{K-1}\sum_{q=0}^{K-1} x_{Si+p,\, Sj+q}", "forward definition (stride S)"),
    (r"\text{dil}_S\!\left(\frac{\partial L}{\partial O}\right)_{u,v} = \begin{cases}", "definition of dil_S"),
    (r"(S(H_{out}-1)+1) \times (S(W_{out}-1)+1)", "a size count"),
    (r"\operatorname{rot}_{180}(F) * \text{pad}_{?}", "the number of padding rings is left as ?, settled in the next display"),
    (r"O = \text{pad}_P(X) *_{S} F", "forward definition (padding P)"),
    (r"O_{c_o} = \sum_{c_i=0}^{C_{in}-1} X_{c_i} * F_{c_o, c_i}", "forward definition (channels)"),
]

A9 = [
    ("a_b", r"\frac{\partial L}{\partial b_o}", "bias gradient: Delta summed over the batch and the positions"),
    ("a_dYdK", r"\frac{\partial Y_{n,o,i,j}}", "local derivative of the forward (input entries out of range are zero, as the text says)"),
    ("a_dK", r"\frac{\partial L}{\partial K_{o,c,u,v}}", "kernel gradient with stride, padding and dilation"),
    ("a_dX", r"\frac{\partial L}{\partial X_{n,c,r,s}}", "input gradient through the indicator of the forward index"),
    ("a_x1", r"\frac{\partial L}{\partial X_{a,b}}", "unit stride, one channel: sum_{u,v} Delta_{a-u,b-v} K_{u,v}, Delta where it exists (for offsets from 0 and for offsets centred on 0 alike)"),
    ("a_conv", r"\nabla_XL=\Delta*K.", "the math convolution as the note defines it, Delta where it exists"),
    ("a_rot", r"=\Delta\star\operatorname{rot180}(K),", "the forward's cross-correlation of Delta with rot180(K), taking the full result as the text says (it is exactly the input's region at padding 0)"),
    ("a_adj", r"\nabla_XL=\mathcal C_K^*(\Delta).", "the adjoint of X -> Y - b applied to Delta (J^T Delta)"),
]
A9_DIRS = [
    ("## A.9.1 前向定义与输出形状\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 batch=2 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss layout: X=NCHW K=OIHW Y=NCHW -->"),
    ("## A.9.3 单位步幅下的翻转关系\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->"),
    ("## A.9.4 Transposed convolution 是伴随，不是逆\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 batch=2 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss layout: X=NCHW K=OIHW Y=NCHW -->"),
]
A9_EXCL = [
    (r"X\in\mathbb R^{B\times C_{\mathrm{in}}\times H\times W},", "shape"),
    (r"K\in\mathbb R^{C_{\mathrm{out}}\times C_{\mathrm{in}}\times K_h\times K_w},", "shapes"),
    ("=b_o+\n", "forward definition (A.9.1)"),
    (r"\frac{H+2p_h-d_h(K_h-1)-1}{s_h}", "output size"),
    (r"\frac{W+2p_w-d_w(K_w-1)-1}{s_w}", "output size"),
    (r"=\frac{\partial L}{\partial Y_{n,o,i,j}}", "definition of Delta"),
    ("r=is_h-p_h+ud_h,\n\\qquad", "the index condition"),
    (r"Y_{i,j}=\sum_{u,v}X_{i+u,j+v}K_{u,v}.", "forward definition (unit stride)"),
    (r"(A*B)_{a,b}=\sum_{u,v}A_{a-u,b-v}B_{u,v},", "definition of the math convolution"),
    (r"\langle\Delta,\mathcal C_K(X)\rangle_F", "definition of the adjoint"),
    (r"C_{\mathrm{out}}\times(C_{\mathrm{in}}/G)\times K_h\times K_w.", "kernel shape with groups"),
]

TABLE = {
    "reseau_convolutif_fr.md": ("fr", FR, FR_DIRS, FR_EXCL),
    "rustdl_affine_softmax_ja.md": ("ja", JA, JA_DIRS, JA_EXCL),
    "cnn_dims_stride_pad_zh.md": ("dims", DIMS, DIMS_DIRS, DIMS_EXCL),
    "xcorr_appendix_a9_zh.md": ("a9", A9, A9_DIRS, A9_EXCL),
    **TABLE_MORE,
}
