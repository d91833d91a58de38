"""The twenty-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout21.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

ENG = [
    ("dK_chain", r"\frac{\partial \mathcal{L}}{\partial Y_{h, w}} \frac{\partial Y_{h, w}}{\partial K_{u, v}}", "Y_{h,w} = sum_{u,v} X_{h s + u, w s + v} K_{u,v} + b (0-based, cross-correlation, stride s), L any function of Y: dL/dK_{u,v} = sum_{h,w} (dL/dY_{h,w}) (dY_{h,w}/dK_{u,v}), the Jacobian taken from autograd (strides 1 and 2)"),
    ("dY_dK", r"\frac{\partial Y_{h, w}}{\partial K_{u, v}} = X_{h \cdot s + u, \, w \cdot s + v}", "the same forward: dY_{h,w}/dK_{u,v} = X_{h s + u, w s + v} (strides 1 and 2)"),
    ("dK", r"\delta_{h, w} \, X_{h \cdot s + u, \, w \cdot s + v}", "delta = dL/dY: dL/dK_{u,v} = sum_{h,w} delta_{h,w} X_{h s + u, w s + v} (strides 1 and 2, rectangular maps and kernels)"),
    ("dK_star", r"\frac{\partial \mathcal{L}}{\partial \mathbf{K}} = \mathbf{X} \star \boldsymbol{\delta}", "stated for stride 1: the valid cross-correlation of X with delta, (X star delta)_{u,v} = sum_{h,w} X_{h+u,w+v} delta_{h,w}, is dL/dK, of size K_H x K_W"),
    ("dK_multi", r"\delta_{b, c_{\text{out}}, h, w} \, X_{b, c_{\text{in}}, h \cdot s + u, \, w \cdot s + v}", "batch B, C_in input and C_out output channels, Y_{b,o} = sum_c X_{b,c} star_s K_{o,c} + b_o: dL/dK_{o,c,u,v} = sum_{b,h,w} delta_{b,o,h,w} X_{b,c,h s + u, w s + v} (strides 1 and 2)"),
    ("db", r"\frac{\partial \mathcal{L}}{\partial b_{c_{\text{out}}}} = \sum_{b=0}^{B - 1}", "the bias of channel o is added at every position of every example: dL/db_o = sum_{b,h,w} delta_{b,o,h,w}"),
    ("dX_sum", r"\delta_{h, w} \, K_{i - h \cdot s, \, j - w \cdot s}", "dL/dX_{i,j} = sum_{h,w} delta_{h,w} K_{i - h s, j - w s}, K read as 0 outside 0 <= u < K_H, 0 <= v < K_W (the bounds the text states); first member the chain rule; strides 1 and 2"),
    ("dX_rot", r"\frac{\partial \mathcal{L}}{\partial \mathbf{X}} = \boldsymbol{\delta} * \mathbf{K}^{\text{rot}} = \boldsymbol{\delta} \star \mathbf{K}", "unit stride, * read as the chapter defines it right there (mathematical, flipping convolution) and the star as cross-correlation, both in full mode (delta zero-padded, as the text says): delta * K^rot at (i, j) is sum_{h,w} delta_{h,w} K_{K_H-1-(i-h), K_W-1-(j-w)}, the kernel flipped twice, and delta star K is the same array; the gradient is sum_{h,w} delta_{h,w} K_{i-h,j-w} = delta * K = delta star K^rot (the chapter's own later FullConv(delta, K^rot) = delta^pad star K^rot); refuted on every drawn kernel that is not 180-degree symmetric"),
    ("max_dX", r"\frac{\partial \mathcal{L}}{\partial X_{i, j}} = \sum_{h, w} \delta_{h, w} \cdot \mathbf{1}_{\text{argmax}}(i, j; h, w)", "max pooling over P_H x P_W windows with stride s_p (distinct drawn values, no ties): dL/dX_{i,j} = sum over all windows of delta_{h,w} where (i, j) is the window's argmax; checked with disjoint (2x2, stride 2) and overlapping (2x2 and 3x2, stride 1) windows against autograd"),
    ("avg_dY", r"\frac{\partial Y_{h, w}}{\partial X_{i, j}} = \frac{1}{P_H \cdot P_W} \cdot \mathbf{1}_{(i, j) \in \Omega(h, w)}", "average pooling: the Jacobian entry is 1/(P_H P_W) on the window and 0 off it (autograd Jacobian, overlapping and disjoint windows)"),
    ("avg_dX", r"\sum_{(h, w): (i, j) \in \Omega(h, w)} \frac{1}{P_H \cdot P_W} \delta_{h, w}", "dL/dX_{i,j} = sum over the windows containing (i, j) of delta_{h,w} / (P_H P_W) (overlapping and disjoint windows)"),
    ("num_dK", r"\frac{\partial \mathcal{L}}{\partial \mathbf{K}} = \begin{bmatrix} 5", "the worked example (X = [[1,2,0],[3,1,4],[0,2,1]], K = [[2,-1],[1,3]], stride 1, delta = [[1,-1],[2,0]]): L = sum delta * Y gives dL/dK = [[5, 4], [2, 1]]"),
    ("num_dX", r"\frac{\partial \mathcal{L}}{\partial \mathbf{X}} = \begin{bmatrix} 2", "the same example: dL/dX = [[2, -3, 1], [5, 0, -3], [2, 6, 0]] (autograd)"),
    ("ill1_dX", r"\frac{\partial \mathcal{L}}{\partial \mathbf{X}_0} = \boldsymbol{\delta} * \mathbf{K}_0^{\text{rot}}, \quad", "Y = X_0 star K_0 + X_1 star K_1 + b, * the chapter's mathematical convolution in full mode: delta * K_c^rot flips K_c twice, while dL/dX_c = delta * K_c (= delta star_full K_c^rot); refuted at drawn kernels (both channels)"),
    ("ill1_dK", r"\frac{\partial \mathcal{L}}{\partial \mathbf{K}_0} = \mathbf{X}_0 \star \boldsymbol{\delta}, \quad", "the same two-channel layer: dL/dK_c = X_c star delta (valid cross-correlation), both channels"),
]
ENG_DIRS = [
    ("## 2. Rigorous Mathematical Formulation\n", "<!-- symbp: layer=conv2d input=7x7 kernel=3x3 stride=2 padding=0 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("For stride 1 the author reads this", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: \\mathbf{X}=input \\mathbf{K}=kernel b=bias Y=output \\boldsymbol{\\delta}=output_grad \\mathcal{L}=loss -->"),
    ("With a batch of B examples", "<!-- symbp: layer=conv2d input=7x7 kernel=3x3 stride=2 padding=0 channels=2,3 batch=2 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output \\delta=output_grad \\mathcal{L}=loss layout: X=NCHW K=OIHW Y=NCHW \\delta=NCHW -->"),
    ("### 2.3 Gradient with Respect to Input Feature Map\n", "<!-- symbp: layer=conv2d input=7x7 kernel=3x3 stride=2 padding=0 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("#### The 180° Kernel Rotation\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input \\mathbf{X}=input K=kernel \\mathbf{K}=kernel Y=output \\boldsymbol{\\delta}=output_grad \\mathcal{L}=loss -->"),
    ("### 2.5 Backpropagation Through Pooling Layers\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=1 index_base=0 names: X=input Y=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("On ties the gradient goes to one of the tied entries", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=1 index_base=0 names: X=input Y=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("## 5. \"AI by Hand\" worked example\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input \\mathbf{X}=input K=kernel \\mathbf{K}=kernel Y=output \\mathbf{Y}=output \\delta=output_grad \\boldsymbol{\\delta}=output_grad \\mathcal{L}=loss -->"),
    ("### Illustration 1: Multi-Channel Gradient Accumulation\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 channels=2,1 conv=cross index_base=0 names: \\mathbf{X}=input \\mathbf{K}=kernel b=bias Y=output \\boldsymbol{\\delta}=output_grad \\mathcal{L}=loss -->"),
]
ENG_EXCL = [
    (r"$$Y_{h, w} = \sum_{u=0}^{K_H - 1} \sum_{v=0}^{K_W - 1} X_{h \cdot s + u, \, w \cdot s + v} \, K_{u, v} + b$$", "forward definition"),
    (r"$$\delta_{h, w} \equiv \frac{\partial \mathcal{L}}{\partial Y_{h, w}}", "definition of delta"),
    (r"$$\frac{\partial Y_{b, c_{\text{out}}, h, w}}{\partial b_{c_{\text{out}}}} = 1$$", "holds; left out of the score (30% cap)"),
    (r"$$i = h \cdot s + u \implies u = i - h \cdot s$$", "index bookkeeping (no derivative)"),
    (r"$$j = w \cdot s + v \implies v = j - w \cdot s$$", "index bookkeeping (no derivative)"),
    (r"$$K^{\text{rot}}_{u', v'} = K_{K_H - 1 - u', \, K_W - 1 - v'}$$", "definition of the rotated kernel"),
    (r"$$\text{Output Shape} = H_{\text{out}} + 2 \cdot p_{\text{backward}}", "shape arithmetic (no derivative)"),
    (r"$$p_{\text{backward}} = K_H - 1 - p_{\text{forward}}$$", "padding amount of the backward pass (no derivative)"),
    (r"$$Y_{h, w} = \max_{(i, j) \in \Omega(h, w)} X_{i, j}$$", "definition of max pooling"),
    (r"$$\mathbf{1}_{\text{argmax}}(i, j; h, w) = \begin{cases}", "definition of the argmax indicator"),
    (r"$$\frac{\partial Y_{h, w}}{\partial X_{i, j}} = \mathbf{1}_{\text{argmax}}(i, j; h, w)$$", "holds (off ties); left out of the score (30% cap)"),
    (r"$$Y_{h, w} = \frac{1}{P_H \cdot P_W} \sum_{(i, j) \in \Omega(h, w)} X_{i, j}$$", "definition of average pooling"),
    (r"$$\mathbf{X} = \begin{bmatrix} 1 & 2 & 0 \\ 3 & 1 & 4 \\ 0 & 2 & 1 \end{bmatrix}$$", "the example's input"),
    (r"$$\mathbf{K} = \begin{bmatrix} 2 & -1 \\ 1 & 3 \end{bmatrix}$$", "the example's kernel"),
    (r"$$Y_{h, w} = \sum_{u=0}^1 \sum_{v=0}^1 X_{h+u, w+v} \, K_{u, v}$$", "forward definition (stride 1, no bias)"),
    (r"$$Y_{0, 0} = (1)(2) + (2)(-1) + (3)(1) + (1)(3) = 2 - 2 + 3 + 3 = 6$$", "forward value"),
    (r"$$Y_{0, 1} = (2)(2) + (0)(-1) + (1)(1) + (4)(3) = 4 - 0 + 1 + 12 = 17$$", "forward value"),
    (r"$$Y_{1, 0} = (3)(2) + (1)(-1) + (0)(1) + (2)(3) = 6 - 1 + 0 + 6 = 11$$", "forward value"),
    (r"$$Y_{1, 1} = (1)(2) + (4)(-1) + (2)(1) + (1)(3) = 2 - 4 + 2 + 3 = 3$$", "forward value"),
    (r"$$\mathbf{Y} = \begin{bmatrix} 6 & 17 \\ 11 & 3 \end{bmatrix}$$", "forward value"),
    (r"$$\boldsymbol{\delta} = \begin{bmatrix} 1 & -1 \\ 2 & 0 \end{bmatrix}$$", "the given upstream gradient"),
    (r"$$\frac{\partial \mathcal{L}}{\partial K_{u, v}} = \sum_{h=0}^1 \sum_{w=0}^1 \delta_{h, w} \, X_{h+u, w+v}$$", "the general kernel gradient restated at stride 1 (holds); left out of the score (30% cap)"),
    (r"$$\frac{\partial \mathcal{L}}{\partial K_{0, 0}} = \delta_{0, 0} X_{0, 0}", "holds; left out of the score (30% cap)"),
    (r"$$= (1)(1) + (-1)(2) + (2)(3) + (0)(1) = 1 - 2 + 6 + 0 = \mathbf{5}$$", "holds (dL/dK_{0,0} = 5); left out of the score (30% cap)"),
    (r"$$\frac{\partial \mathcal{L}}{\partial K_{0, 1}} = \delta_{0, 0} X_{0, 1}", "holds; left out of the score (30% cap)"),
    (r"$$= (1)(2) + (-1)(0) + (2)(1) + (0)(4) = 2 - 0 + 2 + 0 = \mathbf{4}$$", "holds (dL/dK_{0,1} = 4); left out of the score (30% cap)"),
    (r"$$\frac{\partial \mathcal{L}}{\partial K_{1, 0}} = \delta_{0, 0} X_{1, 0}", "holds; left out of the score (30% cap)"),
    (r"$$= (1)(3) + (-1)(1) + (2)(0) + (0)(2) = 3 - 1 + 0 + 0 = \mathbf{2}$$", "holds (dL/dK_{1,0} = 2); left out of the score (30% cap)"),
    (r"$$\frac{\partial \mathcal{L}}{\partial K_{1, 1}} = \delta_{0, 0} X_{1, 1}", "holds; left out of the score (30% cap)"),
    (r"$$= (1)(1) + (-1)(4) + (2)(2) + (0)(1) = 1 - 4 + 4 + 0 = \mathbf{1}$$", "holds (dL/dK_{1,1} = 1); left out of the score (30% cap)"),
    (r"\implies \mathbf{K}^{\text{rot}} = \begin{bmatrix} 3 & 1 \\ -1 & 2 \end{bmatrix}$$", "the rotated kernel (a definition applied)"),
    (r"$$\boldsymbol{\delta}^{\text{pad}} = \begin{bmatrix}", "the zero-padded gradient (no derivative)"),
    (r"$$Y_{h, w} = (\mathbf{X}_0 \star \mathbf{K}_0)_{h, w} + (\mathbf{X}_1 \star \mathbf{K}_1)_{h, w} + b$$", "forward definition"),
    (r"$$\frac{\partial Y_{h, w}}{\partial X_{0, i, j}} = K_{0, i - h, j - w}$$", "holds (K_0 read as 0 outside its support); left out of the score (30% cap)"),
]

SPA = [
    ("chain_x", r"\frac{\partial E}{\partial x_{mn}}=\sum_{ij}", "chain rule through the outputs (Jacobian from autograd), on the guide's two examples (3x3 input / 2x2 filter, stride 1; 5x5 / 3x3, stride 2)"),
    ("chain_w", r"\frac{\partial E}{\partial w_{mn}}=\sum_{ij}", "the same for the filter entries"),
    ("dw11", r"\frac{\partial E}{\partial y_{11}} x_{11} + \frac{\partial E}{\partial y_{12}} x_{12}", "x 3x3, w 2x2, y_{ij} = sum_{a,b} x_{i+a-1,j+b-1} w_{ab} (1-based, unflipped, stride 1), E a drawn function of y: dE/dw_{11} = sum_{ij} (dE/dy_{ij}) x_{ij}"),
    ("dw12", r"\frac{\partial E}{\partial y_{11}} x_{12} + \frac{\partial E}{\partial y_{12}} x_{13}", "dE/dw_{12} = sum_{ij} (dE/dy_{ij}) x_{i,j+1}"),
    ("dw21", r"\frac{\partial E}{\partial y_{11}} x_{21} + \frac{\partial E}{\partial y_{12}} x_{22}", "dE/dw_{21} = sum_{ij} (dE/dy_{ij}) x_{i+1,j}"),
    ("dw22", r"\frac{\partial E}{\partial y_{11}} x_{22} + \frac{\partial E}{\partial y_{12}} x_{23}", "dE/dw_{22} = sum_{ij} (dE/dy_{ij}) x_{i+1,j+1}"),
    ("dw_pat", r"= x \circledast \frac{\delta E}{\delta y}", "circledast read as the guide defines it (y[n] = sum_k w[k] x[n+k], unflipped, valid): x circledast dE/dy is the 2x2 array sum_{ij} x_{i+m-1,j+n-1} dE/dy_{ij} = dE/dw, both members"),
    ("dx12", r"\frac{\partial E}{\partial y_{11}}w_{12}+\frac{\partial E}{\partial y_{12}}w_{11}+", "x_{12} enters y_{11} through w_{12} and y_{12} through w_{11}: dE/dx_{12} = (dE/dy_{11}) w_{12} + (dE/dy_{12}) w_{11}"),
    ("dx22", r"\frac{\partial E}{\partial y_{11}}w_{22}+\frac{\partial E}{\partial y_{12}}w_{21}+", "x_{22} enters all four outputs: dE/dx_{22} = g_{11} w_{22} + g_{12} w_{21} + g_{21} w_{12} + g_{22} w_{11}"),
    ("dx23", r"\frac{\partial E}{\partial y_{12}}w_{22}+\frac{\partial E}{\partial y_{21}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{22}}w_{11}", "x_{23} enters y_{12} through w_{22} (right) and y_{22} through w_{12} (y_{22} = x_{22}w_{11} + x_{23}w_{12} + ..., the guide's own forward row); the row writes w_{11} for the second term: refuted at drawn values (w_{11} != w_{12})"),
    ("dx32", r"\frac{\partial E}{\partial y_{21}}w_{22}+\frac{\partial E}{\partial y_{22}}w_{21}", "dE/dx_{32} = (dE/dy_{21}) w_{22} + (dE/dy_{22}) w_{21}"),
    ("dx_full", r"\right] \right|_{\text{full-padding=F-1}}", "circledast the guide's unflipped sliding product, applied to dE/dy zero-padded by F - 1 = 1 (the display's own last member states the full padding, read for the whole display): dE/dy circledast [[w22, w21], [w12, w11]] = dE/dy circledast rot180{w} with full padding is the 3x3 array dE/dx; holds"),
    ("s2_dx13", r"\frac{\partial E}{\partial y_{11}}w_{13}+", "x 5x5, w 3x3, stride S = 2, no padding (the guide's y_{ij} rows): x_{13} enters y_{11} through w_{13} and y_{12} through w_{11}: dE/dx_{13} = g_{11} w_{13} + g_{12} w_{11}"),
    ("s2_dx33", r"\frac{\partial E}{\partial y_{11}}w_{33}+", "x_{33} enters all four outputs: dE/dx_{33} = g_{11} w_{33} + g_{12} w_{31} + g_{21} w_{13} + g_{22} w_{11}"),
    ("s2_dw11", r"\frac{\partial E}{\partial y_{12}}x_{13}+\frac{\partial E}{\partial y_{21}}x_{31}", "stride 2: dE/dw_{11} = g_{11} x_{11} + g_{12} x_{13} + g_{21} x_{31} + g_{22} x_{33}"),
    ("s2_dw23", r"\frac{\partial E}{\partial y_{12}}x_{25}+", "stride 2: dE/dw_{23} = g_{11} x_{23} + g_{12} x_{25} + g_{21} x_{43} + g_{22} x_{45}"),
]
SPA_DIRS = [
    ("## Método Backward\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=1 names: x=input w=kernel y=output E=loss -->"),
    ("### CON stride y padding\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=0 bias=0 conv=cross index_base=1 names: x=input w=kernel y=output E=loss -->"),
]
SPA_EXCL = [
    (r"y[n] = (x \circledast w) = \sum_{k} w[k] \cdot x[n+k]", "definition of the 1-D operation"),
    (r"y[l,m,i,j] = (x \circledast w) = \sum_{a}\sum_{b} w[m,:,a,b] \cdot x[l,:,i+a,j+b]", "forward definition"),
    (r"A_{out} &= \left\lfloor \frac{A_{in} - F + 2P}{S} \right\rfloor + 1", "output size"),
    (r"\Leftrightarrow", "the TIP: a forward identity (no derivative); as written it equates x circledast w with x star rot180{w}, which with the guide's own unflipped circledast holds only if the star is read as the flipping convolution"),
    (r"y_{11} &= x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22} \\", "forward definition of the 3x3 / 2x2 example"),
    (r"\frac{\partial E}{\partial w_{11}} &= \frac{\partial E}{\partial y_{11}} \frac{\partial y_{11}}{\partial w_{11}}", "chain rule written out for each filter entry (holds); left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial x_{11}}&=\frac{\partial E}{\partial y_{11}}w_{11}+", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial x_{13}}&=\frac{\partial E}{\partial y_{11}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{12}}w_{12}+", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial x_{21}}&=\frac{\partial E}{\partial y_{11}}w_{21}+", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial x_{31}}&=\frac{\partial E}{\partial y_{11}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{12}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{21}}w_{21}+", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial x_{33}}&=\frac{\partial E}{\partial y_{11}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{12}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{21}}\;\:\, 0 \;+\frac{\partial E}{\partial y_{22}}w_{22}", "holds; left out of the score (30% cap)"),
    (r"y_{11} &=x_{11}w_{11}+x_{12}w_{12}+x_{13}w_{13}", "forward definition of the stride-2 example"),
    (r"\frac{\partial E}{\partial x_{11}}&=" + "\n" + r"    \frac{\partial E}{\partial y_{11}}w_{11}+", "the other 23 rows of the stride-2 input gradient all hold (checked entry by entry); left out of the score (30% cap)"),
    (r"\frac{\partial E}{\partial w_{12}}&=\frac{\partial E}{\partial y_{11}}x_{12}+", "the other seven rows of the stride-2 filter gradient hold; left out of the score (30% cap)"),
]

SUK = [
    ("fc_dz", r"\cdot \sigma'(z_k)", "z_k = b_k + sum_j w_{kj} x_j, y_k = sigma(z_k), L any drawn function of y: dL/dz_k = (dL/dy_k) sigma'(z_k) (tanh and sigmoid)"),
    ("fc_db", r"\frac{\partial \mathcal{L}}{\partial b_k}", "dL/db_k = dL/dz_k"),
    ("fc_dw", r"\frac{\partial \mathcal{L}}{\partial z_k} \cdot x_j", "dL/dw_{kj} = (dL/dz_k) x_j"),
    ("fc_dx", r"\cdot w_{kj}.", "dL/dx_j = sum_k (dL/dz_k) w_{kj}"),
    ("cv_dZ", r"\odot \sigma'(Z_k)", "Z_k = B_k + sum_j X_j star K_{kj} (valid cross-correlation, B_k a full bias map of Z_k's size), Y_k = sigma(Z_k): dL/dZ_k = dL/dY_k entrywise sigma'(Z_k)"),
    ("cv_dB", r"\frac{\partial \mathcal{L}}{\partial B_k}", "each entry of the full bias map is added to one entry of Z_k: dL/dB_k = dL/dZ_k"),
    ("cv_dK", r"X_j \star \frac{\partial \mathcal{L}}{\partial Z_k}", "dL/dK_{kj} = X_j star dL/dZ_k, the valid cross-correlation (of the kernel's size)"),
    ("cv_dX", r"* K_{kj}.", "* read as the convolution the post links to (flipping, and, as Wikipedia's discrete convolution, over all overlaps, i.e. full mode, the only reading that yields X_j's size): dL/dX_j = sum_k dL/dZ_k * K_{kj}; holds (2 input and 3 output maps, rectangular kernels)"),
    ("sm_jac", r"= y_k \cdot (\delta_{kj} - y_j),", "y = softmax(x): dy_k/dx_j = y_k (delta_{kj} - y_j) (autograd Jacobian)"),
    ("sm_grad", r"\cdot y_k \cdot (\delta_{kj} - y_j).", "dL/dx_j = sum_k (dL/dy_k) y_k (delta_{kj} - y_j) for a drawn L of y"),
]
SUK_DIRS = [
    ("## Dense Layer\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=1 names: x=input w=kernel W=kernel b=bias z=output y=activation \\mathcal{L}=loss -->"),
    ("## Convolutional Layer\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 channels=2,3 conv=cross index_base=1 names: X_j=input K_{kj}=kernel B_k=bias Z_k=output Y_k=activation \\mathcal{L}=loss -->"),
    ("## Softmax\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: x=input y=output \\mathcal{L}=loss -->"),
]
SUK_EXCL = [
    (r"b_k + \sum_{j=1}^n w_{kj} \cdot x_j", "forward definition"),
    (r"B_k + \sum_{j=1}^n X_j \star K_{kj}", "forward definition"),
    (r"f_t &\coloneqq \sigma_f(W_f \cdot [h_{t-1}, x_t] + b_f) \\", "forward definition of the LSTM cell"),
    (r"\odot \frac{\partial h_t}{\partial c_t}", "LSTM cell-state gradient: outside the layer kinds of this set; not scored"),
    (r"\frac{\partial \mathcal{L}}{\partial c_t} \odot c_{t - 1} \\", "LSTM gate gradients: outside the layer kinds of this set; not scored"),
    (r"y_k &\coloneqq \frac{e^{x_k}}{\sum_{j=1}^{n} e^{x_j}} \\", "definition of softmax and its shift invariance (no derivative)"),
]

SLM = [
    ("bce_grad", r"\frac{\partial L_{BCE}}{\partial z} = \sigma(z) - y", "L = -[y log sigma(z) + (1-y) log(1 - sigma(z))], y in {0, 1} (also checked for y in (0, 1)): dL/dz = sigma(z) - y"),
    ("focal", r"\frac{\partial L_{focal}}{\partial z} = \alpha_t \left[", "p_t = sigma(z) for y = 1, 1 - sigma(z) for y = 0, alpha_t a constant class weight, L = -alpha_t (1 - p_t)^gamma log p_t: dL/dz = alpha_t [gamma (1-p_t)^{gamma-1} log(p_t) p_t(1-p_t) - (1-p_t)^gamma (1-p_t)] (2y - 1), since dp_t/dz = p_t(1 - p_t)(2y - 1); holds for both labels and gamma = 0.5, 2, 3"),
    ("l2", r"\frac{\partial L_{reg}}{\partial \theta} = \lambda \theta", "L_reg = (lambda/2) ||theta||^2: gradient lambda theta"),
    ("cv_dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} *_{full} \text{rot}_{180}(W)", "* read the same way in the forward Y = W * X + b and in the gradient: as cross-correlation (deep-learning usage) the gradient is the full cross-correlation of dL/dY with rot180(W); as true convolution (forward valid X * W) it is the full true convolution of dL/dY with rot180(W); both readings hold (checked)"),
    ("bn", r"\frac{\partial L}{\partial x_i} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} \left(", "x-hat = (x - mu)/sqrt(sigma^2 + eps) with mu and sigma^2 the batch mean and biased variance over m, L a drawn function of x-hat: the formula equals dL/dx_i (autograd; m = 4, 7)"),
    ("sig_d", r"\frac{\partial \sigma(z)}{\partial z} = \sigma(z)(1 - \sigma(z))", "logistic sigmoid derivative"),
    ("app1", r"\cdot (-\sigma'(z)) \right]", "the chain rule applied to the appendix's L: dL/dz = -[y sigma'/sigma + (1-y)(-sigma')/(1-sigma)]"),
    ("app2", r"\frac{\sigma(z)(1-\sigma(z))}{1-\sigma(z)} \right]", "after substituting sigma' = sigma(1 - sigma): -[y sigma(1-sigma)/sigma - (1-y) sigma(1-sigma)/(1-sigma)] = dL/dz"),
    ("app3", r"= -[y(1-\sigma(z)) - (1-y)\sigma(z)]", "= dL/dz"),
    ("app4", r"= -[y - y\sigma(z) - \sigma(z) + y\sigma(z)]", "= dL/dz (expanded)"),
]
SLM_DIRS = [
    ("## 5. Loss Functions and Differentiability\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma(z)=output y=target L_{BCE}=loss L=loss -->"),
    ("#### Convolutional Layer\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross names: X=input W=kernel b=bias Y=output L=loss -->"),
    ("#### Sigmoid Activation\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma(z)=output -->"),
    ("## Appendix A: Loss Function Gradients\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma(z)=output y=target L=loss -->"),
]
SLM_EXCL = [
    (r"$$L_{BCE}(z, y) = -[y \cdot \log(\sigma(z)) + (1-y) \cdot \log(1 - \sigma(z))]$$", "definition of the loss"),
    (r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$", "definition of the sigmoid"),
    (r"$$L_{BCE}(z, y) = \max(z, 0) - z \cdot y + \log(1 + e^{-|z|})$$", "a forward identity (the stable form; no derivative)"),
    (r"$$L_{focal}(z, y) = -\alpha_t (1 - p_t)^\gamma \log(p_t)$$", "definition of the focal loss"),
    (r"$$L_{reg} = \frac{\lambda}{2} \|\theta\|_2^2$$", "definition of the regulariser"),
    (r"$$L_{total} = L_{BCE} + \lambda_{reg} L_{reg}$$", "definition of the objective"),
    (r"\cdots \frac{\partial z_{l+1}}{\partial z_l} \cdot \frac{\partial z_l}{\partial \theta_l}$$", "the chain rule for a composition in general (no layer)"),
    (r"$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} * X$$", "ambiguous: with * a true convolution dL/dY * X puts X's index at m - n instead of n - m (the gradient is a cross-correlation of X with dL/dY), and with * a cross-correlation the valid product of the smaller dL/dY with the larger X is not defined; the reading cannot be settled from the text"),
    (r"$$L = -[y \log(\sigma(z)) + (1-y) \log(1-\sigma(z))]$$", "definition of the loss"),
    (r"$$= \sigma(z) - y$$", "the chain's last member repeats section 5's result (holds); its text duplicates that row, so it is not scored separately"),
]

JPN = [
    ("ja_dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \* W^{rot180}", "the layer has stride s (the chapter lists s = 1, 2) and padding p; read at its most favourable (the transposed convolution the text names: dL/dY cross-correlated with the 180-degree-rotated kernel, in- and out-channels exchanged, with padding K - 1 - p and unit step), it equals dL/dX at s = 1 but not at s = 2, where dL/dY must first be dilated by s - 1 (the chapter's own code keeps only the (kh, kw) with (h_in + padding - kh) divisible by the stride): refuted at s = 2 (forgotten stride)"),
    ("ja_dW", r"\frac{\partial L}{\partial W} = X \* \frac{\partial L}{\partial Y}", "read as the forward's cross-correlation of the zero-padded X with dL/dY (summed over the batch, per output / input channel pair): equals dL/dW at s = 1; at s = 2 the true gradient sums dL/dY_{h,w} X_{h s + k_h, w s + k_w}, i.e. needs dL/dY dilated by s - 1 (the chapter's own code uses h_out * stride + kh); with unit step the product has the wrong entries (and size): refuted at s = 2 (forgotten stride)"),
    ("ja_dB", r"\frac{\partial L}{\partial B} = \sum*{b,h,w} \frac{\partial L}{\partial Y*{b,:,h,w}}", "the bias of output channel c is added at every (b, h, w): dL/dB = sum over b, h, w of dL/dY_{b,:,h,w} (strides 1 and 2, padding 0 and 1)"),
]
JPN_DIRS = [
    ("### バックプロパゲーション\n", "<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=2 padding=1 channels=2,3 batch=2 conv=cross index_base=0 names: X=input W=kernel B=bias Y=output L=loss layout: X=NCHW W=OIHW Y=NCHW -->"),
]
JPN_EXCL = [
    (r"Y_{b,c*{out},h*{out},w*{out}} = \sum*{c*{in}=0}^{C*{in}-1}", "forward definition"),
    (r"H*{out} = \left\lfloor \frac{H*{in} + 2p - K_h}{s} \right\rfloor + 1", "output size"),
    (r"W*{out} = \left\lfloor \frac{W*{in} + 2p - K_w}{s} \right\rfloor + 1", "output size"),
    (r"Y = X \* W + B", "forward definition"),
]

DEU = [
    ("de_dw", r"\frac{\partial E}{\partial w_{ij}}=\frac{-2}{n}(t_i-b_i)\varphi'(b_i)a_j", "the error the section writes, E = (1/n) sum_i (t_i - phi(b_i))^2, with b_i = sum_j w_{ij} a_j as its own expansion shows (phi(w_{00}a_0 + w_{01}a_1 + ...)): dE/dw_{ij} = -(2/n)(t_i - phi(b_i)) phi'(b_i) a_j, not (t_i - b_i); refuted for sigmoid and tanh at drawn values (with b_i read as the neuron output phi(sum_j w_{ij} a_j) of the first display, the MSE would apply phi twice and the row is refuted as well)"),
]
DEU_DIRS = [
    ("### Outputknoten\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows index_base=0 names: a=input w=kernel b=output t=target E=loss MSE=loss -->"),
]
DEU_EXCL = [
    (r"$$b_i=\varphi(\Sigma_j w_{ij} a_j)$$", "forward definition"),
    (r"$$\Delta w_{(t)} := \alpha\Delta w_{(t-1)}-\epsilon\frac{\partial E}{\partial w}(w_{(t)})$$", "update rule (momentum)"),
    (r"(w_{(t)}+\alpha\Delta w_{(t-1)})$$", "update rule (Nesterov)"),
    (r"$$w_{(t+1)} := w_{(t)} + \Delta w_{(t)}$$", "update rule"),
    (r"$$MSE=\frac{1}{n}\Sigma_{i=0}^{n-1}(t_i - \varphi(b_i))^2$$", "definition of the error"),
    (r"$$=\frac{1}{n}(t_0 - \varphi(w_{00}a_0", "the error written out (forward)"),
    (r"$$\Delta w_{(t)} = \alpha\Delta w_{(t-1)}+\epsilon\frac{2}{n}(t_i-b_i)\varphi'(b_i)a_j$$", "update rule built on the gradient row above (inherits its error)"),
    (r"$$CE=-\frac{1}{n}\Sigma_{i=0}^{n-1}", "definition of the cross-entropy error"),
]

TABLE = {
    "ch72_conv_pool_adjoint_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "edunn_conv2d_capa_es.md": ("spa", SPA, SPA_DIRS, SPA_EXCL),
    "sukowski_nn_gradients_en.md": ("suk", SUK, SUK_DIRS, SUK_EXCL),
    "slam_uncertainty_grads_en.md": ("slm", SLM, SLM_DIRS, SLM_EXCL),
    "rust_gpu_book_conv_ja.md": ("jpn", JPN, JPN_DIRS, JPN_EXCL),
    "helwich_nn_notes_de.md": ("deu", DEU, DEU_DIRS, DEU_EXCL),
}
