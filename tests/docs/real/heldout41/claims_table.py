"""The forty-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout41.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

# ---------------------------------------------------------------- iq_conv_forward_backward_ko
IQC = [
    ("dX_def", r"\frac{\partial L}{\partial X[c_i, h, w]} = \sum_{c_o=0}^{C_{out}-1} \sum_{m=0}^{K_h-1} \sum_{n=0}^{K_w-1} K[c_o, c_i, m, n] \cdot \frac{\partial L}{\partial Y[c_o, h-m+p, w-n+p]}",
     "forward of definition 2.1 (cross-correlation with padding p and stride s, zero outside, indices from 0): the true dL/dX[c_i,h,w] sums K[c_o,c_i,m,n] dL/dY[c_o,i',j'] over the (i',j') with i' s + m - p = h, j' s + n - p = w; the row indexes dL/dY at h-m+p, w-n+p, which is right only for s = 1 (it holds at s = 1 with p = 0 and p = 1) and wrong for the stride s of the definition it answers (s = 2: refuted); refuted"),
    ("dK_def", r"\frac{\partial L}{\partial K[c_o, c_i, m, n]} = \sum_{i'=0}^{H_{out}-1} \sum_{j'=0}^{W_{out}-1} X[c_i, i' \cdot s + m - p, j' \cdot s + n - p]",
     "dL/dK[c_o,c_i,m,n] = sum_{i',j'} X[c_i, i's+m-p, j's+n-p] dL/dY[c_o,i',j'] (padded entries zero); holds (s = 1, 2; p = 0, 1; 2-3 input and 2-3 output channels; checked against torch conv2d)"),
    ("dX_constraint", r"\sum_{c_o, m, n: i' \cdot s + m - p = h, j' \cdot s + n - p = w} K[c_o, c_i, m, n]",
     "the derivation's first form: the sum over c_o, m, n (and the output positions i', j' the constraint fixes, where they exist) of K[c_o,c_i,m,n] dL/dY[c_o,i',j']; holds for every stride and padding drawn"),
    ("dX_rearranged", r"\frac{\partial L}{\partial X[c_i, h, w]} = \sum_{c_o} \sum_{m, n} K[c_o, c_i, m, n] \frac{\partial L}{\partial Y[c_o, h - m + p, w - n + p]}",
     "'rearranged' form of the previous row: the stride has been dropped from the index (i' = h - m + p instead of (h - m + p)/s); the same value as dX_def: holds at s = 1, refuted at s = 2; refuted"),
    ("ex2_dX", r"\partial L/\partial X[0, 1, 1] = K[0, 0, 1, 1] \cdot 1 + K[0, 0, 0, 1] \cdot 1 + K[0, 0, 1, 0] \cdot 1 + K[0, 0, 0, 0] \cdot 1 = 1 + 0 + 0 + 1 = 2",
     "exercise 2: X the 4 x 4 matrix 1..16, K = [[1, 0], [0, 1]], p = 0, s = 1, every dL/dY = 1 (L = sum Y): autograd dL/dX[0,1,1] = 2, and each member of the chain equals it; holds"),
]
IQC_DIRS = [
    ("### 정의 2.2 — Backward Pass (Gradient 계산)\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss -->"),
    ("## 🔬 증명 또는 수학적 유도\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss -->"),
    ("## 🤔 생각해볼 문제\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->"),
]
IQC_EXCL = [
    (r"Y[c_o, i, j] = \sum_{c_i=0}^{C_{in}-1} \sum_{m,n} K[c_o, c_i, m, n] \cdot X[c_i, i+m, j+n] + b[c_o]", "forward definition"),
    (r"Y[c_o, i, j] := \sum_{c_i=0}^{C_{in}-1}", "forward definition (2.1)"),
    (r"X_{col}[:, i' W_{out} + j'] = \text{vec}", "definition (im2col)"),
    (r"Y_{mat} = K_{mat} @ X_{col} + b", "forward in matrix form"),
    (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \frac{\partial Y}{\partial X}", "the chain rule in symbols (no order of the tensor product settled)"),
    (r"Y[c_o, i, j] = \sum_{c_i, m, n} K[c_o, c_i, m, n] X[c_i, i \cdot s + m - p", "forward definition repeated"),
    (r"Y_{flat} = K_{flat} X_{col}", "forward in matrix form"),
    (r"X = \begin{pmatrix} 1 & 2 & 3 & 4", "data of the exercise"),
    (r"Y[0, 0, 0] = 1 \cdot 1 + 2 \cdot 0 + 5 \cdot 0 + 6 \cdot 1 = 1 + 6 = 7", "forward value (right: 7)"),
]

# ---------------------------------------------------------------- iq_pooling_backward_ko
IQP = [
    ("max_bw", r"\frac{\partial L}{\partial X[c, i \cdot s + m^*, j \cdot s + n^*]} += \frac{\partial L}{\partial Y[c, i, j]}",
     "max pooling (pool p, stride s, argmax (m*, n*) per window, distinct entries so no ties): accumulating dL/dY[c,i,j] at each window's argmax and 0 elsewhere gives dL/dX; holds (p = s = 2; p = 3, s = 2 overlapping; p = 2, s = 3)"),
    ("avg_bw", r"\frac{\partial L}{\partial X[c, i \cdot s + m, j \cdot s + n]} = \frac{1}{p^2} \frac{\partial L}{\partial Y[c, i, j]}",
     "average pooling, read for the windows the chapter assumes (its assumption table: non-overlapping, s >= p; positions in no window get 0): dL/dX at every window position = dL/dY/p^2; holds (p = s = 2 and 3, p = 2 with s = 3)"),
    ("ex2_avg", r"= \frac{\partial L}{\partial Y[i,j]} \cdot \frac{1}{4}",
     "exercise 2: 2 x 2 average pooling with stride 2, Y[i,j] = (X[2i,2j] + ... )/4: dL/dX[2i,2j] = dL/dY[i,j]/4; holds"),
]
IQP_DIRS = [
    ("### 정의 2.7 — Backward Pass\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("**Average pooling:**\n", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("## 🤔 생각해볼 문제\n", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
]
IQP_EXCL = [
    (r"Y[i, j] = \max_{(m, n) \in R(i, j)} X[m, n]", "forward definition"),
    (r"Y[i, j] = \frac{1}{|R(i, j)|} \sum_{(m, n) \in R(i, j)} X[m, n]", "forward definition"),
    (r"Y[c, i, j] := \max_{0 \leq m < p, 0 \leq n < p}", "forward definition (2.5)"),
    (r"Y[c, i, j] := \frac{1}{p^2} \sum_{m=0}^{p-1}", "forward definition (2.6)"),
    (r"X = \begin{bmatrix} a & b \\ c & d \end{bmatrix}", "data of the invariance argument"),
    (r"X' = \begin{bmatrix} b & ? \\ d & ? \end{bmatrix}", "data of the invariance argument"),
    (r"X = \begin{bmatrix} 1 & 5 & 3 & 2", "data of exercise 1"),
    (r"Y[i, j] = \frac{1}{4} (X[2i, 2j] + X[2i, 2j+1]", "forward definition in exercise 2"),
]

# ---------------------------------------------------------------- zh_cnn_dissection_zh
ZCN = [
    ("dK", r"\frac{\partial L}{\partial K} = X \ast \frac{\partial L}{\partial Y}",
     "the tutorial's * is the sliding dot product without flipping (its 1-D and 2-D examples, and the sentence after the row calls this a cross-correlation), valid mode, stride 1: dL/dK[m,n] = sum_{i,j} X[i+m,j+n] dL/dY[i,j] = (X * dL/dY)[m,n]; holds (4x4/3x3, 5x5/2x2, 6x5/3x2)"),
    ("dX", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \ast_{\text{full}} \text{rot}_{180}(K)",
     "with the same * (cross-correlation) in full mode (zero padding k-1 on each side): dL/dY *_full rot180(K) equals the true dL/dX[a,b] = sum_{i,j} dL/dY[i,j] K[a-i,b-j]; holds (under a flipping convolution * the row would compute a full correlation with K, which is wrong; the tutorial's own * decides)"),
]
ZCN_DIRS = [
    ("## 8. 反向传播：卷积层怎么学\n", "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 stride=1 padding=0 conv=cross names: X=input K=kernel Y=output L=loss -->"),
]
ZCN_EXCL = [
    (r"\text{输出尺寸} = \frac{H + 2P - K}{S} + 1", "size formula (definition)"),
    (r"\sigma(x) = \frac{1}{1 + e^{-x}}", "definition of the sigmoid"),
    (r"f(x) = \max(0, x)", "definition of ReLU"),
]

# ---------------------------------------------------------------- yacinemebarki_cnn_from_scratch_en
YCN = [
    ("conv_dK", r"\frac{\partial \mathcal{L}}{\partial K} = \sum_{i,j} \text{dout}[i,j] \cdot X_{\text{patch}}",
     "Z[i,j] = sum_{c,u,v} X[i s + u, j s + v, c] K[u,v,c] + b, dout = dL/dZ, X_patch the window of output (i,j): dL/dK = sum_{i,j} dout[i,j] X_patch(i,j); holds (stride 1 and 2, 1-3 channels)"),
    ("conv_db", r"\frac{\partial \mathcal{L}}{\partial b} = \sum_{i,j} \text{dout}[i,j]",
     "dL/db = sum_{i,j} dout[i,j]; holds"),
    ("pool_cases", r"\text{if } X[i,j,c] = \max(\text{patch})",
     "max pooling with stride equal to the window (the layer's use, pool_size 2 stride 2; each position in one patch (i',j')): dL/dX[i,j,c] = dout[i',j',c] at the patch maximum, 0 otherwise (distinct entries, no ties); holds (4x4 and 6x6, windows 2 and 3, 1-2 channels)"),
    ("dK_multi", r"dK = \sum_{i,j} \text{patch} \cdot dZ[i,j,k]",
     "Z[i,j,k] = sum_{m,n,c} X[i+m,j+n,c] K[m,n,c] + b_k per kernel k: dK (of kernel k) = sum_{i,j} patch(i,j) dZ[i,j,k]; holds"),
    ("pool_dX", r"dX[i \cdot s + m^*, j \cdot s + n^*, c] = dY[i,j,c]",
     "max pooling with window = stride (non-overlapping; the remaining entries 0): dX at each window's argmax = dY; holds"),
    ("dense_dW", r"dW = a^T \cdot (\hat{y} - y)",
     "z = a W + b with a a row vector (one sample), softmax y-hat, categorical cross entropy with one-hot y (the loss whose logit gradient is y-hat - y; the README names no other): dL/dW = a^T (y-hat - y); holds"),
    ("dense_db", r"db = \hat{y} - y, \quad da",
     "dL/db = y-hat - y; holds"),
    ("dense_da", r"da = (\hat{y} - y) \cdot W^T",
     "dL/da = (y-hat - y) W^T; holds"),
]
YCN_DIRS = [
    ("During backpropagation, gradients are computed as:\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross names: X=input K=kernel b=bias Z=output \\text{dout}=output_grad \\mathcal{L}=loss -->"),
    ("During backpropagation, the gradient is propagated only to the maximum value in each patch:\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: X=input Y=output \\dout=output_grad \\mathcal{L}=loss -->"),
    ("   Backpropagation for convolution:\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 channels=2,3 conv=cross index_base=0 names: X=input K=kernel b_k=bias Z=output dZ=output_grad dK=kernel_grad db=bias_grad -->"),
    ("   Backpropagation:\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output dY=output_grad dX=input_grad -->"),
    ("   Loss gradient for backpropagation:\n", "<!-- symbp: layer=fc in=4 out=3 batch=1 weight=rows names: a=input W=kernel b=bias z=output \\hat{y}=activation y=target dW=kernel_grad db=bias_grad da=input_grad -->"),
]
YCN_EXCL = [
    (r"Z[i,j] = \sum_{c=1}^{C} \sum_{u=1}^{k_h}", "forward definition"),
    (r"A[i,j] = \text{ReLU}(Z[i,j]) = \max(0, Z[i,j])", "definition of the activation"),
    (r"\frac{\partial \mathcal{L}}{\partial X} = \sum_{k} K_k * \text{dout}_k", "'*' is not defined (mode and flip unsaid): with a full true convolution per kernel it holds at stride 1, with a valid one or a correlation it does not; ambiguous"),
    (r"Y[i,j,c] = \max \big( X[i \cdot s : i \cdot s + p_h", "forward definition"),
    (r"Y = \text{vec}(X) \quad \text{with size } H \cdot W \cdot C", "definition (flatten)"),
    (r"\frac{\partial \mathcal{L}}{\partial X} = \text{reshape} \left(", "holds (the flatten gradient is the reshaped upstream gradient); no layer kind for a reshape, left out"),
    (r"Z[i,j,k] = \sum_{m=0}^{k_h-1}", "forward definition"),
    (r"A[i,j,k] = \text{ReLU}(Z[i,j,k])", "definition of the activation"),
    (r"\quad db = \sum_{i,j} dZ[i,j,k]", "holds (db_k = sum dZ[:,:,k]); left out for the cap (the same rule as conv_db)"),
    (r"Y[i,j,c] = \max_{m,n} X[i \cdot s + m, j \cdot s + n, c]", "forward definition"),
    (r"Y = \text{vec}(X), \quad |Y| = H \cdot W \cdot C", "definition (flatten)"),
    (r"\frac{\partial \mathcal{L}}{\partial X} = \text{reshape}\left(", "holds (reshape); left out as above"),
    (r"z = a \cdot W + b", "forward definition"),
    (r"\hat{y}_i = \frac{e^{z_i}}{\sum_j e^{z_j}}", "definition of softmax"),
]

# ---------------------------------------------------------------- ko_mlp_backprop_batch_ko
KMB = [
    ("dZ2", r"\boldsymbol{\Delta}_{Z_2} = \frac{1}{N}(\mathbf{P} - \mathbf{Y})",
     "Z_1 = X W_1 + 1 b_1^T, H = ReLU(Z_1), Z_2 = H W_2 + 1 b_2^T, P = row softmax, L = mean cross entropy: dL/dZ_2 = (P - Y)/N; holds (N, d, h, c drawn)"),
    ("dW2_entry", r"= (\mathbf{H}^\top \boldsymbol{\Delta}_{Z_2})_{ij}",
     "dL/dW_{2,ij} = sum_n H_{ni} (Delta_{Z_2})_{nj} = (H^T Delta_{Z_2})_{ij}; holds"),
    ("dW2", r"\frac{\partial L}{\partial \mathbf{W}_2} = \mathbf{H}^\top \boldsymbol{\Delta}_{Z_2},",
     "dL/dW_2 = H^T Delta_{Z_2}; holds"),
    ("db2", r"\frac{\partial L}{\partial \mathbf{b}_2} = \sum_{n=1}^{N} (\boldsymbol{\Delta}_{Z_2})_{n,:}",
     "dL/db_2 = sum of the rows of Delta_{Z_2}; holds"),
    ("dH", r"\boldsymbol{\Delta}_H = \boldsymbol{\Delta}_{Z_2} \mathbf{W}_2^\top",
     "dL/dH = Delta_{Z_2} W_2^T; holds"),
    ("dZ1", r"\boldsymbol{\Delta}_{Z_1} = \boldsymbol{\Delta}_H \odot \mathbb{1}[\mathbf{Z}_1 > 0]",
     "dL/dZ_1 = Delta_H entrywise 1[Z_1 > 0]; holds (no zero pre-activations drawn)"),
    ("dW1", r"\frac{\partial L}{\partial \mathbf{W}_1} = \mathbf{X}^\top \boldsymbol{\Delta}_{Z_1},",
     "dL/dW_1 = X^T Delta_{Z_1}; holds"),
    ("db1", r"\frac{\partial L}{\partial \mathbf{b}_1} = \sum_{n=1}^{N} (\boldsymbol{\Delta}_{Z_1})_{n,:}",
     "dL/db_1 = sum of the rows of Delta_{Z_1}; holds"),
]
KMB_DIRS = [
    ("### 출력층: softmax와 교차 엔트로피를 한꺼번에\n", "<!-- symbp: layer=softmax classes=3 target=one-hot batch=4 names: \\mathbf{Z}_2=input \\mathbf{P}=output \\mathbf{Y}=target L=loss -->"),
    ("### 출력층 가중치\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: \\mathbf{H}=input \\mathbf{W}_2=kernel \\mathbf{b}_2=bias \\mathbf{Z}_2=output \\boldsymbol{\\Delta}_{Z_2}=output_grad L=loss -->"),
    ("### 은닉 표현으로 거슬러 내려가기\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: \\mathbf{H}=input \\mathbf{W}_2=kernel \\mathbf{Z}_2=output \\boldsymbol{\\Delta}_{Z_2}=output_grad \\boldsymbol{\\Delta}_H=input_grad L=loss -->"),
    ("### ReLU를 통과시키기\n", "<!-- symbp: layer=activation name=relu names: \\mathbf{Z}_1=input \\mathbf{H}=output \\boldsymbol{\\Delta}_H=output_grad L=loss -->"),
    ("### 은닉층 가중치\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: \\mathbf{X}=input \\mathbf{W}_1=kernel \\mathbf{b}_1=bias \\mathbf{Z}_1=output \\boldsymbol{\\Delta}_{Z_1}=output_grad L=loss -->"),
]
KMB_EXCL = [
    (r"= \underbrace{\frac{\partial L}{\partial \mathbf{a}_2}}_{1 \times k_2}", "the chain rule as a product of Jacobians (general, shapes only)"),
    (r"\mathbf{Z}_1 &= \mathbf{X}\mathbf{W}_1 + \mathbf{1}\mathbf{b}_1^\top", "forward definitions"),
    (r"\frac{\partial L}{\partial H_{ni}} = \sum_{j=1}^{c} (\boldsymbol{\Delta}_{Z_2})_{nj} W_{2,ij}", "holds (the entrywise form of dH); left out, its row's scored member is dH"),
    (r"g_i^{\text{num}} = \frac{L(\theta_i + h) - L(\theta_i - h)}{2h}", "numerical approximation (central difference with its O(h^2) error), not a closed-form gradient"),
    (r"\text{rel} = \frac{\max_i |g_i^{\text{an}} - g_i^{\text{num}}|}", "definition of the relative error"),
    (r"\mathbf{z}_1 = \mathbf{0}^\top \mathbf{W}_1 + \mathbf{0} = \mathbf{0}", "forward value"),
    (r"\frac{\operatorname{ReLU}(h) - \operatorname{ReLU}(-h)}{2h} = \frac{h - 0}{2h} = \frac{1}{2}", "a secant slope at the kink (arithmetic, true), not a derivative"),
    (r"\underbrace{(0.5, -0.5)}_{(1,0),\ \text{정답 } 1}", "arithmetic of the XOR argument (true), not a gradient formula"),
]

# ---------------------------------------------------------------- zh_rnn_bptt_basic_unit_zh
ZRN = [
    ("delta_h", r"\delta_h^t = \delta_y^t W_{yh}^T \odot \tanh'(h_t) + \delta_h^{t+1} W_{hh}^T",
     "h_t = tanh(a_t), a_t = W_hx x_t + W_hh h_{t-1} + b_h, o_t = W_yh h_t + b_y, E = sum_t cross entropy of softmax(o_t); delta_y^t = dE/do_t and delta_h^t the hidden error term the gradient rows use (dE/da_t). True: delta_h^t = (W_yh^T delta_y^t + W_hh^T delta_h^{t+1}) entrywise (1 - h_t^2). Read as generously as the row allows (delta_y^t W_yh^T as W_yh^T delta_y^t, tanh'(h_t) as 1 - h_t^2) it still leaves the recurrent term without the tanh' factor; refuted (T = 3, 4 steps, every t < T)"),
    ("dWhx", r"\frac{\partial E}{\partial W_{hx}} += \delta_h^t x_t^T",
     "accumulated over t with delta_h^t = dE/da_t: dE/dW_hx = sum_t delta_h^t x_t^T; holds"),
    ("dWhh", r"\frac{\partial E}{\partial W_{hh}} += \delta_h^t h_{t-1}^T",
     "dE/dW_hh = sum_t delta_h^t h_{t-1}^T (h_0 = 0); holds"),
    ("dbh", r"\frac{\partial E}{\partial b_h} += \delta_h^t",
     "dE/db_h = sum_t delta_h^t; holds"),
    ("dWyh", r"\frac{\partial E}{\partial W_{yh}} += \delta_y^t h_t^T",
     "dE/dW_yh = sum_t delta_y^t h_t^T; holds"),
    ("dby", r"\frac{\partial E}{\partial b_y} += \delta_y^t",
     "dE/db_y = sum_t delta_y^t; holds"),
]
ZRN_DIRS = [
    ("### 3.2 RNN的反向传播\n", "<!-- symbp: layer=fc in=2 out=3 weight=out-in names: x_t=input W_{hx}=kernel b_h=bias h_t=activation \\delta_h^t=output_grad E=loss -->"),
]
ZRN_EXCL = [
    (r"h_t = f_W(x_t, h_{t-1})", "forward definition"),
    (r"h_t = \tanh(W_{hx}x_t + W_{hh}h_{t-1} + b_h)", "forward definition"),
    (r"y_t = \text{softmax}(W_{yh}h_t + b_y)", "forward definition"),
    (r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t", "LSTM forward definition"),
    (r"f_t = \sigma(W_f [h_{t-1}, x_t] + b_f)", "LSTM forward definition"),
    (r"i_t = \sigma(W_i [h_{t-1}, x_t] + b_i)", "LSTM forward definition"),
    (r"o_t = \sigma(W_o [h_{t-1}, x_t] + b_o)", "LSTM forward definition"),
    (r"h_t = o_t \odot \tanh(c_t)", "LSTM forward definition"),
    (r"z_t = \sigma(W_z [h_{t-1}, x_t] + b_z)", "GRU forward definition"),
    (r"r_t = \sigma(W_r [h_{t-1}, x_t] + b_r)", "GRU forward definition"),
    (r"\tilde{h}_t = \tanh(W_h [r_t \odot h_{t-1}, x_t] + b_h)", "GRU forward definition"),
    (r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t", "GRU forward definition"),
]

# ---------------------------------------------------------------- ko_batched_matmul_step62_ko
KBM = [
    ("dX_entry", r"= (gY \cdot W^T)_{ik}",
     "Y = X W (2-D, and per batch element): dL/dX_{ik} = sum_j gY_{ij} W_{kj} = (gY W^T)_{ik}; holds (2-D and batched (2, 3, M, K) x (2, 3, K, N))"),
    ("dW_entry", r"= (X^T \cdot gY)_{kj}",
     "dL/dW_{kj} = sum_i X_{ik} gY_{ij} = (X^T gY)_{kj}; holds"),
    ("gX", r"gX = gY \cdot W^T",
     "gX = gY W^T (the transpose of the last two axes for the batched product); holds"),
    ("gW", r"gW = X^T \cdot gY",
     "gW = X^T gY; holds"),
]
KBM_DIRS = [
    ("#### 역전파 유도\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: X=input W=kernel Y=output gY=output_grad gX=input_grad gW=kernel_grad \\mathcal{L}=loss -->"),
]
KBM_EXCL = [
    (r"\text{Attention}(Q, K, V) = \text{softmax}", "forward definition"),
    (r"\text{shape}(B, H, T, D) \xrightarrow", "shapes"),
    (r"\frac{\partial \mathcal{L}}{\partial x} = \mathrm{transpose}_{\pi^{-1}}", "holds (the gradient of an axis permutation is the inverse permutation of the upstream gradient); no layer kind for a permutation, left out"),
    (r"Y[b_1, b_2, \ldots, :, :] = X[b_1, b_2, \ldots, :, :]", "forward definition (batched product)"),
    (r"\begin{pmatrix} X_1 & & \\", "block-diagonal identity of the forward product (true), not a gradient"),
]

TABLE = {
    "iq_conv_forward_backward_ko.md": ("iqc", IQC, IQC_DIRS, IQC_EXCL),
    "iq_pooling_backward_ko.md": ("iqp", IQP, IQP_DIRS, IQP_EXCL),
    "zh_cnn_dissection_zh.md": ("zcn", ZCN, ZCN_DIRS, ZCN_EXCL),
    "yacinemebarki_cnn_from_scratch_en.md": ("ycn", YCN, YCN_DIRS, YCN_EXCL),
    "ko_mlp_backprop_batch_ko.md": ("kmb", KMB, KMB_DIRS, KMB_EXCL),
    "zh_rnn_bptt_basic_unit_zh.md": ("zrn", ZRN, ZRN_DIRS, ZRN_EXCL),
    "ko_batched_matmul_step62_ko.md": ("kbm", KBM, KBM_DIRS, KBM_EXCL),
}
