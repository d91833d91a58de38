"""The thirty-ninth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout39.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- backprop_layers_bn_conv1d_en
BPL = [
    ("lin_dW", r"\frac{\partial L}{\partial W} =\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial W}=x^T \times d_y",
     "Linear y = x W^T + b, x (N, C_in), W (C_out, C_in): dL/dW = d_y^T x, of W's shape (C_out, C_in) (the row's own shape line says so); the written x^T x d_y is (C_in, C_out), its transpose; refuted (drawn sizes with C_in != C_out and with C_in = C_out, where the entries differ)"),
    ("lin_db", r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial b}=d_y",
     "read with the summation arrow of the row's own shape line (and the sentence after it): d_y summed over the N samples, a vector of C_out entries, equals dL/db; holds"),
    ("lin_dx", r"\frac{\partial L}{\partial x}=\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial x}=d_y\times W",
     "dL/dx = d_y W, (N, C_out) x (C_out, C_in); holds"),
    ("bn_dW", r"\frac{\partial L}{\partial W}=\sum_{i=1}^Nd_{y_i}\cdot \hat{x_i}",
     "batch norm per channel over the N samples (biased batch variance, as in training), y = x-hat W + b: dL/dW = sum_i d_{y_i} x-hat_i entrywise per channel; holds"),
    ("bn_dvar", r"=\sum_{i=1}^N \frac{\partial L}{\partial \hat x_i}\cdot\frac{-(x_i-\mu)}{2(\sigma^2+\epsilon)^{3/2}}",
     "dL/dsigma^2 through x-hat (the graph's direct path; sigma^2 is a node of its own) = sum_i dL/dx-hat_i (-(x_i - mu)) / (2 (sigma^2 + eps)^{3/2}); holds (autograd gradient of the variance node)"),
    ("bn_dmu", r"=\sum_{i=1}^N \frac{\partial L}{\partial \hat x_i}\frac{-1}{\sqrt{\sigma^2+\epsilon}} + \frac{\partial L}{\partial \sigma^2}\frac{\sum_{i=1}^N -2(x_i-\mu)}{N}",
     "dL/dmu (total, through x-hat and through sigma^2) = sum dL/dx-hat_i (-1/sqrt(sigma^2+eps)) + dL/dsigma^2 sum_i(-2(x_i - mu))/N; holds (autograd gradient of the mean node)"),
    ("bn_dx", r"\frac{\partial L}{\partial x_i}=\frac{\partial L}{\partial \hat x_i}\frac{1}{\sqrt{\sigma^2+\epsilon}}+\frac{\partial L}{\partial \sigma^2}\frac{2(x_i-\mu)}{N}+\frac{\partial L}{\partial \mu}\frac{1}{N}",
     "the final input gradient with the node gradients dL/dsigma^2, dL/dmu as above; holds"),
    ("c1_dW", r"\frac{\partial L}{\partial W_{j,k}}=\sum_{i=1}^N[\mathrm{BatchMatMul}(\frac{\partial L}{\partial y}, x^T)]_{i,j,k}",
     "Conv1d with kernel size 1: y_i = W x_i + b per sample (x_i of shape (C_in, L)); BatchMatMul(A, B)_i = A_i B_i; dL/dW_{j,k} = sum_i (d_{y_i} x_i^T)_{j,k}; holds"),
    ("c1_db", r"\frac{\partial L}{\partial b_j}=\sum_{i=1,k=1}^{N,L} [\frac{\partial L}{\partial y}]_{i,j,k}",
     "dL/db_j = sum over samples and positions of dL/dy_{i,j,k}; holds"),
    ("c1_dx", r"\frac{\partial L}{\partial x}=\mathrm{BatchMatMul}(\frac{\partial L}{\partial y}, W^T)",
     "true dL/dx_i = W^T d_{y_i}, (C_in, C_out) x (C_out, L); the written BatchMatMul(dL/dy, W^T) multiplies (C_out, L) by (C_in, C_out), undefined unless L = C_in and then a different array; refuted (the same reading of BatchMatMul makes c1_dW hold)"),
    ("max_dx", r"\frac{\partial L}{\partial x}=\frac{\partial L}{\partial y}=d_y[...,:]",
     "y = x.max(-1), x (N, C, L): dL/dx is d_y at the argmax s along the last axis and 0 elsewhere; the row equates it with d_y copied to all L positions (its shape line (N,C) -> (N,C,L)); refuted for L >= 2"),
    ("bmm_dx", r"\frac{\partial L}{\partial x}=\frac{\partial L}{\partial y}\frac{\partial y}{\partial x}=\mathrm{BatchMatMul}(d_y, t)",
     "y_i = x_i t_i (x_i: L x C, t_i: C x C): dL/dx_i = d_{y_i} t_i^T; the written d_{y_i} t_i lacks the transpose; refuted (t drawn, not symmetric)"),
    ("bmm_dt", r"\frac{\partial L}{\partial t}=\frac{\partial L}{\partial y}\frac{\partial y}{\partial t}=\mathrm{BatchMatMul}(d_y,x)",
     "dL/dt_i = x_i^T d_{y_i}; the row's BatchMatMul(d_y, x) with its shape line (N,C,L) x (N,L,C) is d_{y_i}^T x_i, the transpose (and literally d_{y_i} x_i is undefined for L != C); refuted"),
]
BPL_DIRS = [
    ("### 1.Linear\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: x=input W=kernel b=bias y=output d_y=output_grad L=loss -->"),
    ("### 2.BatchNorm1d\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance W=scale b=shift d_y=output_grad L=loss -->"),
    ("### 3.Conv1d\n", "<!-- symbp: layer=conv1d input=5 kernel=1 channels=3,2 batch=2 conv=cross index_base=1 names: x=input W=kernel b=bias y=output L=loss -->"),
    ("### 1.max\n", "<!-- symbp: layer=maxpool input=1x4 kernel=1x4 stride=4 names: x=input y=output d_y=output_grad L=loss -->"),
    ("### 2.bmm\n", "<!-- symbp: layer=fc in=3 out=3 batch=4 weight=rows names: x=input t=kernel y=output d_y=output_grad L=loss -->"),
]
BPL_EXCL = [
    (r"y = x\times W^T+b", "forward definition"),
    (r"\hat{x}=\frac{x-\mu[x]}{\sqrt{var[x]+eps}}", "forward definition"),
    (r"\frac{\partial L}{\partial b}=\sum_{i=1}^Nd_{y_i}", "dL/db = sum_i d_{y_i}: holds; left out for the 30% cap"),
    (r"d_{y_i}\cdot W \\", "dL/dx-hat_i = d_{y_i} W entrywise per channel: holds; left out for the 30% cap"),
    (r"\frac{\partial L}{\partial x}=d_y\cdot \frac{\partial y}{\partial x}", "the chain rule with an undefined tensor-by-tensor derivative (no order settled)"),
    (r"\frac{\partial L}{\partial x_i}=\frac{\partial L}{\partial \hat x_i}\frac{\partial \hat x_i}{\partial x_i}+", "the general chain rule whose partials are given only in the table below (direct partials); the final row, scored, checks the same sum"),
    (r"\frac{\partial L}{\partial \sigma^2}&=\sum_{i=1}^N \frac{\partial L}{\partial \hat x_i}\frac{\partial\hat x_i}{\partial \sigma^2}", "the chain rule in symbols before its value (the value, next member, is scored)"),
    (r"\frac{\partial L}{\partial \mu}&=\sum_{i=1}^N\frac{\partial L}{\partial \hat x_i}\frac{\partial \hat x_i}{\partial \mu}", "the chain rule in symbols before its value (the value, next member, is scored)"),
    ("\\frac{-1}{\\sqrt{\\sigma^2+\\epsilon}} \n\\end{aligned}", "the last member of dL/dmu drops the term that vanishes (sum_i (x_i - mu) = 0); it holds, left out because its text repeats the scored member's beginning and a fragment could not single it out"),
    (r"y = \mathrm{BatchMatMul}(x, W^T)+b", "forward definition (its BatchMatMul(x, W^T) does not fit the table's shapes: the forward is read from the table, y_i = W x_i + b)"),
    (r"y=x.max(-1)", "forward definition"),
    (r"y=\mathrm{BatchMatMul}(x, t)", "forward definition"),
]

# ---------------------------------------------------------------- cnn_theory_companion_en
CNN = [
    ("relu_dx", r"\frac{\partial L}{\partial x}" + "\n=\nG\\odot\\mathbf{1}[x>0]",
     "ReLU entrywise, G = dL/d(ReLU(x)): dL/dx = G entrywise 1[x > 0]; holds (drawn x without zeros)"),
    ("pool_dA", "\\frac{\\partial L}{\\partial A}\n=\n\\begin{bmatrix}",
     "2x2 max pool of A = [[5, 2], [3, 7]] to P = 7, dL/dP = g: dL/dA = [[0, 0], [0, g]]; holds (g drawn)"),
    ("ce_box", "\\frac{\\partial L}{\\partial z_k}\n=\np_k-y_k",
     "softmax + cross entropy, one sample, one-hot y: dL/dz_k = p_k - y_k; holds (3 and 4 classes)"),
    ("ce_mean", "\\frac{\\partial L}{\\partial z_{n,k}}\n=\n\\frac{p_{n,k}-y_{n,k}}{N}",
     "mean reduction over a batch of N (PyTorch's default): dL/dz_{n,k} = (p_{n,k} - y_{n,k})/N; holds (checked against torch cross_entropy)"),
    ("lin_dW", "\\frac{\\partial L}{\\partial W}\n=\ng_zf^T",
     "z = W f + b, one sample as a column: dL/dW = g_z f^T; holds"),
    ("lin_df", "\\frac{\\partial L}{\\partial f}\n=\nW^Tg_z",
     "dL/df = W^T g_z; holds"),
    ("lin_batch", "\\frac{\\partial L}{\\partial W}\n=\nG_Z^TF",
     "a batch as rows: Z = F W^T + 1 b^T with W of shape C x D as in the one-sample forward, G_Z = dL/dZ (N x C): dL/dW = G_Z^T F (C x D); holds"),
    ("conv_dW", "\\frac{\\partial L}{\\partial W_{u,v}}\n=\n\\sum_{i,j}\nG_{i,j}X_{i+u,j+v}",
     "Y_{i,j} = sum_{u,v} W_{u,v} X_{i+u,j+v} + b (valid, stride 1, from 0), G = dL/dY: dL/dW_{u,v} = sum_{i,j} G_{i,j} X_{i+u,j+v}; holds (5x5 / 3x3, 4x6 / 2x3)"),
    ("conv_db", "\\frac{\\partial L}{\\partial b}\n=\n\\sum_{i,j}G_{i,j}",
     "dL/db = sum_{i,j} G_{i,j}; holds"),
    ("mc_dW", "\\frac{\\partial L}{\\partial W_{o,c,u,v}}\n=\n\\sum_{n,i,j}",
     "batch, several channels: dL/dW_{o,c,u,v} = sum_{n,i,j} G_{n,o,i,j} X_{n,c,i+u,j+v}; holds (checked against torch conv2d, 2 samples, 2 and 3 input channels, 3 and 2 output channels)"),
    ("ex_dW", "\\frac{\\partial L}{\\partial W}\n\\approx",
     "the worked example's network (X, W, b = 0, ReLU, 2x2 max pool, W_fc = (0.2, -0.1)^T, b_fc = 0, class 0, cross entropy), gradients by autograd: dL/dW = [[-0.049904, 0], [-0.024952, -0.074856]]; every written entry within 0.6 units of its last digit; holds"),
    ("ex_dX", "\\frac{\\partial L}{\\partial X}\n\\approx",
     "the same network: dL/dX = [[0, -0.024952, 0.024952], [0, 0, -0.049904], [0, 0, 0]]; every written entry within 0.6 units of its last digit; holds"),
]
CNN_DIRS = [
    ("### 6.1 ReLU\n", "<!-- symbp: layer=activation name=relu names: x=input G=output_grad L=loss -->"),
    ("#### MaxPool backward\n", "<!-- symbp: layer=maxpool input=2x2 kernel=2x2 stride=2 index_base=0 names: A=input P=output g=output_grad L=loss -->"),
    ("## 7.4 Softmax + Cross Entropy gradient\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input p=output y=target L=loss -->"),
    ("### 8.1 Linear layer backward\n", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: f=input W=kernel b=bias z=output g_z=output_grad L=loss -->"),
    ("### 8.5 Convolution backward\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output G=output_grad L=loss -->"),
    ("### 8.6 Multi-channel convolution gradients\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 channels=2,3 batch=2 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output G=output_grad L=loss -->"),
    ("## 9. Complete Numerical Forward + Backward Example\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input W=kernel Y=output L=loss -->"),
]
CNN_EXCL = [
    ("A=\n\\begin{bmatrix}\n5&2", "the pooled matrix (data)"),
    ("\\frac{\\partial L}{\\partial P}=g", "definition of g"),
    ("L\n=\n-\\sum_k y_k z_k", "the loss rewritten (definition)"),
    ("\\frac{\\partial L}{\\partial z_k}\n=\n-y_k", "holds (the same derivative before simplification); left out for the 30% cap"),
    ("$$\nz=Wf+b\n$$", "forward definition"),
    ("g_z=\\frac{\\partial L}{\\partial z}", "definition of g_z"),
    ("\\frac{\\partial L}{\\partial b}\n=\ng_z", "holds (dL/db = g_z); left out for the 30% cap"),
    ("F\\in\\mathbb{R}^{N\\times D}", "shapes"),
    ("A=\\mathrm{ReLU}(Y)", "forward definition"),
    ("G_A=\\frac{\\partial L}{\\partial A}", "definition"),
    ("G_Y\n=\nG_A\\odot\\mathbf{1}[Y>0]", "holds (the ReLU rule of 6.1 again, same claim); left out"),
    ("Y_{i,j}\n=\n\\sum_{u,v}W_{u,v}X_{i+u,j+v}+b", "forward definition"),
    ("G_{i,j}\n=\n\\frac{\\partial L}{\\partial Y_{i,j}}", "definition"),
    ("\\frac{\\partial Y_{i,j}}{\\partial W_{u,v}}\n=\nX_{i+u,j+v}", "a local derivative (holds); left out for the 30% cap"),
    ("Y_{n,o,i,j}\n=\nb_o+", "forward definition"),
    ("\\frac{\\partial L}{\\partial b_o}\n=\n\\sum_{n,i,j}", "holds (dL/db_o = sum G); left out for the 30% cap"),
    ("X=\n\\begin{bmatrix}\n1&2&0", "data of the example"),
    ("W=\n\\begin{bmatrix}\n1&-1", "data of the example"),
    ("Y=\n\\begin{bmatrix}\n1&8", "forward value (right: Y = [[1, 8], [1, -2]])"),
    ("W_{\\text{fc}}\n=\n\\begin{bmatrix}\n0.2", "data of the example"),
    ("g_z\n\\approx\n\\begin{bmatrix}\n-0.0832", "holds (g_z = (-0.083173, 0.083173)); left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial W_{\\text{fc}}}\n=\ng_zf", "holds (one sample, f a scalar); left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial W_{\\text{fc}}}\n\\approx", "holds (0.665384 -> 0.6654); left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial f}\n=\nW_{\\text{fc}}^Tg_z", "holds; left out for the 30% cap"),
    ("0.2(-0.0832)+(-0.1)(0.0832)", "holds (-0.024952 -> -0.0250); left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial A}\n\\approx", "holds; left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial Y}\n=\n\\frac{\\partial L}{\\partial A}\n\\odot", "holds; left out for the 30% cap"),
    ("\\frac{\\partial L}{\\partial b}\n\\approx\n-0.0250", "holds (-0.024952); left out for the 30% cap"),
]

# ---------------------------------------------------------------- ssu_maxpool_message_en
SSU = [
    ("df_dx", r"\frac{\partial f_{kl}}{\partial x_{ij}} = \begin{cases} 1",
     "max pooling f_{kl} = max over Omega(k,l): df_{kl}/dx_{ij} = 1 at the window's argmax, 0 elsewhere (ties excluded by drawing distinct entries); holds (2x2 stride 2, 3x3 stride 2, 2x2 stride 1; (i,j) outside the window gives 0 too)"),
    ("dx_sum", r"\delta_{x, ij} = \sum_{(k, l) : (i, j) \in \Omega(k, l)} \delta_{f, kl}",
     "dL/dx_{ij} = sum over the windows holding (i,j) of dL/df_{kl} times [(i,j) is that window's argmax]; holds with overlapping windows too"),
    ("dx_nonoverlap", r"\delta_{x, ij} = \begin{cases} \delta_{f, kl}",
     "stride equal to the kernel (the case the row is stated for): dL/dx_{ij} = dL/df_{kl} for the max of its window, 0 otherwise; holds (2x2 stride 2 on 4x4 and 6x6, 3x3 stride 3 on 6x6)"),
]
SSU_DIRS = [
    ("## Solution\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: x=input f=output L=loss -->"),
]
SSU_EXCL = [
    (r"f_{kl}(\boldsymbol{x}) = \max_{(i, j) \in \Omega(k, l)} x_{ij}, \quad (2)", "forward definition"),
    (r"$$ f_{kl}(\boldsymbol{x}) = x_{i^*j^*} $$", "forward value at the argmax (definition)"),
]

# ---------------------------------------------------------------- ssu_elu_layer_en
ELU = [
    ("fprime", r"\frac{\partial y_k}{\partial s_k} = f'(s_k) = \begin{cases} 1",
     "ELU (alpha = 1): f'(s) = 1 for s > 0, exp(s) for s <= 0; holds (drawn s, no zero)"),
    ("dx_chain", r"\frac{\partial L}{\partial x_j} = \sum_{k=1}^K \frac{\partial L}{\partial y_k} \frac{\partial y_k}{\partial s_k} \frac{\partial s_k}{\partial x_j}",
     "s = W x (W: K x n), y = f(s) entrywise: dL/dx_j = sum_k dL/dy_k f'(s_k) W_{kj}; holds"),
    ("dx_msg", r"\delta_{x, j} = \sum_{k=1}^K \delta_{y, k} \cdot f'(s_k) \cdot W_{kj}",
     "the same with delta_y = dL/dy; holds"),
    ("dW_chain", r"\frac{\partial L}{\partial W_{kj}} = \frac{\partial L}{\partial y_k} \frac{\partial y_k}{\partial s_k} \frac{\partial s_k}{\partial W_{kj}}",
     "dL/dW_{kj} = dL/dy_k f'(s_k) x_j (s_k depends on W_{kj} only); holds"),
    ("dW_msg", r"\delta_{W, kj} = \delta_{y, k} \cdot f'(s_k) \cdot x_j",
     "holds"),
]
ELU_DIRS = [
    ("## Backward Message (Gradient w.r.t Input)\n", "<!-- symbp: layer=fc in=4 out=3 weight=out-in index_base=1 names: x=input W=kernel s=output y=activation L=loss -->"),
]
ELU_EXCL = [
    (r"$$ f(x) = \begin{cases} x & \text{if } x > 0", "definition of the ELU"),
    (r"$$ s_k = \sum_{j=1}^n W_{kj} x_j $$", "forward definition"),
    (r"$$ y_k = \begin{cases} s_k", "forward definition"),
]

# ---------------------------------------------------------------- intipy_matrix_backprop_ko
IMB = [
    ("dE_dZ2", r"\frac{\partial Error}{\partial Z_2} = \frac{\partial \frac{1}{2} (Z_2 - T)^2}{\partial Z_2} = Z_2 - T",
     "Error = sum of the entries of (Z_2 - T)^2 / 2 (one sample, 5 outputs): dError/dZ_2 = Z_2 - T; holds"),
    ("dZ2_dA2", r"\frac{\partial Z_2}{\partial A_2} = \frac{\partial \sigma(A_2)}{\partial A_2} = \sigma'(A_2) = \sigma(A_2) \cdot (1 - \sigma(A_2)) = Z_2(1 - Z_2)",
     "Z_2 = sigma(A_2) entrywise: the Jacobian is diagonal with entries sigma'(A_2) = sigma(A_2)(1 - sigma(A_2)) = Z_2(1 - Z_2), read entry by entry; holds"),
    ("dE_dW2", r"=Z_1^T \Big( (Z_2 - T)Z_2(1-Z_2)\Big)",
     "rows layout A_2 = Z_1 W_2 + B_2 (Z_1: 1 x 15, W_2: 15 x 5): dError/dW_2 = Z_1^T ((Z_2 - T) o Z_2 o (1 - Z_2)), the products of the three 1 x 5 rows entrywise (the only defined reading); holds (page sizes 10-15-5 and smaller)"),
    ("dE_dB2", r"\frac{\partial A_2}{\partial B_2} = (Z_2 - T)Z_2(1-Z_2)",
     "dError/dB_2 = (Z_2 - T) o Z_2 o (1 - Z_2); holds"),
    ("dE_dZ1", r"= (Z_2 - T)Z_2(1-Z_2)W_2^T",
     "dError/dZ_1 = ((Z_2 - T) o Z_2 o (1 - Z_2)) W_2^T, 1 x 5 times 5 x 15; holds"),
]
IMB_DIRS = [
    ("Now the backward pass.", "<!-- symbp: layer=fc in=15 out=5 batch=1 weight=rows names: Z_1=input W_2=kernel B_2=bias A_2=output Z_2=activation T=target Error=loss -->"),
]
IMB_EXCL = [
    ("[입력 뉴런 10개]", "the architecture in words"),
    (r"$$A_1 = X \cdot W_1 + B_1$$", "forward definition"),
    (r"$$Z_1 = \sigma(A_1)$$", "forward definition"),
    (r"$$A_2 = Z_1 \cdot W_2 + B_2$$", "forward definition"),
    (r"$$Z_2 = \sigma(A_2)$$", "forward definition"),
    (r"$$X: 1 \times 10,$$", "shape"),
    (r"$$output = \sigma[", "forward in one line"),
    (r"$$Error = \frac{1}{2} (Z_2 - T)^2$$", "definition of the loss"),
    (r"$$\frac{\partial Error}{\partial W_2} = \frac{\partial A_2}{\partial W_2} \cdot \Big( \frac{\partial Error}{\partial Z_2}  \cdot \frac{\partial Z_2}{\partial A_2} \Big)$$", "the chain rule with matrix-by-matrix derivatives in symbols (no order or product settled); its value row is scored"),
    (r"$$\frac{\partial Error}{\partial B_2} = \frac{\partial Error}{\partial Z_2}  \cdot \frac{\partial Z_2}{\partial A_2} \cdot \frac{\partial A_2}{\partial B_2}$$", "the chain rule in symbols; its value row is scored"),
    (r"\frac{\partial A_2}{\partial W_2} = \frac{\partial Z_1 \cdot W_2 + B_2}{\partial W_2} = Z_1^T", "a matrix-by-matrix derivative written as Z_1^T, a notational shorthand whose truth depends on a convention the page leaves for a later post"),
    (r"\frac{\partial a_2}{\partial w_2} = \frac{\partial z_1 \cdot w_2 + b_2}{\partial w_2} = z_1", "a scalar illustration outside the network (holds)"),
    (r"\frac{\partial A_2}{\partial B_2} = \frac{\partial Z_1 \cdot W_2 + B_2}{\partial B_2} = 1", "a matrix derivative written as 1 (shorthand for the identity)"),
]

# ---------------------------------------------------------------- retropropagation_quatre_equations_fr
FRQ = [
    ("delta_K", "δ⁽ᴷ⁾ = ∂L/∂a⁽ᴷ⁾ ⊙ f'(z⁽ᴷ⁾)",
     "column vectors, z = w a + b, a = f(z) entrywise: delta^K = dL/da^K entrywise f'(z^K); holds (sigmoid and tanh, drawn nets, a non-linear loss)"),
    ("delta_k", "δ⁽ᵏ⁾ = ((w⁽ᵏ⁺¹⁾)ᵀ · δ⁽ᵏ⁺¹⁾) ⊙ f'(z⁽ᵏ⁾)",
     "delta^k = ((w^{k+1})^T delta^{k+1}) entrywise f'(z^k); holds"),
    ("dL_db", "∂L / ∂b⁽ᵏ⁾ = δ⁽ᵏ⁾",
     "dL/db^k = delta^k (one example); holds"),
    ("dL_dw", "∂L / ∂w⁽ᵏ⁾ = δ⁽ᵏ⁾ · (a⁽ᵏ⁻¹⁾)ᵀ",
     "dL/dw^k = delta^k (a^{k-1})^T, the shape of w^k (rows = outputs); holds"),
]
FRQ_DIRS = [
    ("### Les Quatre Équations Fondamentales de la Rétropropagation\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a⁽ᵏ⁻¹⁾=input w⁽ᵏ⁾=kernel b⁽ᵏ⁾=bias z⁽ᵏ⁾=output a⁽ᵏ⁾=activation L=loss -->"),
]
FRQ_EXCL = [
    ("δ⁽ᵏ⁾ = ∂L / ∂z⁽ᵏ⁾", "definition of delta"),
]

# ---------------------------------------------------------------- lichess_logreg_gradient_vi
LLR = [
    ("dJ_dw", r"\frac{\partial J}{\partial w} = \frac{1}{m} X^T (\hat{y} - y) + \frac{\lambda}{m} w",
     "y-hat = sigma(X w + b) (X: m x d, samples as rows), J = mean binary cross entropy + lambda/(2m) ||w||^2: dJ/dw = X^T (y-hat - y)/m + lambda w/m; holds (drawn m, d, lambda, 0/1 targets)"),
    ("dJ_db", r"\frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^m (\hat{y}^{(i)} - y^{(i)})",
     "dJ/db = sum_i (y-hat_i - y_i)/m (the bias is not regularised); holds"),
]
LLR_DIRS = [
    ("### 5.1. Công thức Đạo hàm Gradient\n", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=rows names: X=input w=kernel b=bias \\hat{y}=activation y=target J=loss -->"),
]
LLR_EXCL = [
    (r"$$z = w^T x + b = \sum_{j=1}^d w_j x_j + b$$", "forward definition"),
    (r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$", "definition of the sigmoid"),
    (r"\exp(-\text{clip}(z, -500, 500))", "definition (clipped sigmoid)"),
    (r"P(y = k \mid x) = \frac{e^{z_k}}{\sum_{j=0}^2 e^{z_j}}", "definition (softmax over the three one-vs-rest logits)"),
    (r"J(w, b) = -\frac{1}{m} \sum_{i=1}^m", "definition of the loss"),
    (r"$$w \leftarrow w - \alpha \frac{\partial J}{\partial w}$$", "update rule"),
    (r"$$b \leftarrow b - \alpha \frac{\partial J}{\partial b}$$", "update rule"),
]

TABLE = {
    "backprop_layers_bn_conv1d_en.md": ("bpl", BPL, BPL_DIRS, BPL_EXCL),
    "cnn_theory_companion_en.md": ("cnn", CNN, CNN_DIRS, CNN_EXCL),
    "ssu_maxpool_message_en.md": ("ssu", SSU, SSU_DIRS, SSU_EXCL),
    "ssu_elu_layer_en.md": ("elu", ELU, ELU_DIRS, ELU_EXCL),
    "intipy_matrix_backprop_ko.md": ("imb", IMB, IMB_DIRS, IMB_EXCL),
    "retropropagation_quatre_equations_fr.md": ("frq", FRQ, FRQ_DIRS, FRQ_EXCL),
    "lichess_logreg_gradient_vi.md": ("llr", LLR, LLR_DIRS, LLR_EXCL),
}
