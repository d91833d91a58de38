"""The sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order.  Data only; the truth is computed by ``truth_heldout6.py`` (numpy and torch, not
symbp), whose function for each document ``TABLE`` names."""

CNNBP = [
    ("z_d_r1", r"\sum_{x^{'}}\sum_{y^{'}}\frac{\partial C}{\partial z^{l+1}(x^{'},y^{'})}\frac{\partial z^{l+1}(x^{'},y^{'})}{\partial z^{l}(x,y)}", "chain rule over every entry of z^{l+1}"),
    ("z_d_r2", r"\delta^{l+1}(x^{'},y^{'})\frac{\partial z^{l+1}(x^{'},y^{'})}{\partial z^{l}(x,y)}", "the same with delta^{l+1}"),
    ("z_d_expand", r"\frac{\partial \sum\limits_{a}\sum\limits_{b}\sigma(z^{l}(x^{'}+a,y^{'}+b))w^{l+1}(a,b)+b^{l+1})}{\partial z^{l}(x,y)}", "the forward substituted (sums where the entries exist)"),
    ("z_d_ab", r"\delta^{l+1}(x-a,y-b)w^{l+1}(a,b)\sigma^{'}(z^{l}(x,y))", "true convolution of delta^{l+1} with w, zero where delta^{l+1} does not exist (implicit ranges)"),
    ("z_d_prime", r"\delta^{l+1}(x+a^{'},y+b^{'})w^{l+1}(-a^{'},-b^{'})", "the same after a' = -a, b' = -b"),
    ("z_d_conv2", r"\delta^{l}={\rm conv2}(\delta^{l+1},{\rm rot180}(w^{l+1}))\odot\sigma^{'}(z^{l})", "MATLAB conv2 (true convolution, 'full' by default) with rot180 gives sum_a delta(x-a) w(K-1-a): the kernel is flipped twice; right: conv2(delta, w, 'full'), or a cross-correlation of the padded delta with rot180(w)"),
    ("z_w_mat1", r"\frac{\partial z^{l}}{\partial w^{l}}=\delta^{l}*a^{l-1}", "delta^l * a^{l-1}: with delta first the valid sliding sum does not exist (delta is smaller than a) and the reversed operands give the reflected result; right: a^{l-1} correlated with delta^l"),
    ("z_w_sum", r"\frac{\partial C}{\partial w^{l}(a,b)}=\sum_{x}\sum_{y}\delta^{l}(x,y)\frac{\partial z^{l}(x,y)}{\partial w^{l}(a,b)}", "kernel: chain rule over every output"),
    ("z_w_expand", r"\sigma(z^{l-1}(x+a^{'},y+b^{'}))w^{l}(a^{'},b^{'})+b^{l})}{\partial w^{l}(a,b)}", "kernel: the forward substituted"),
    ("z_w_wrong", r"\sigma(z^{l-1}(x+a,y+b))\sigma^{'}(z^{l-1}(x+b,y+b))", "an extra factor sigma'(z^{l-1}(x+b,y+b)) (also x+b for x+a): the kernel gradient is sum delta^l(x,y) sigma(z^{l-1}(x+a,y+b))"),
    ("z_w_mat2", r"\frac{\partial C}{\partial w^{l}}=\delta^{l}*\sigma(z^{l-1})", "same operand order as z_w_mat1"),
    ("z_b", r"\frac{\partial z^{l}}{\partial b^{l}}=\sum_{x}\sum_{y}\delta^{l}", "bias: the sum of delta^l"),
]
CNNBP_DIRS = [
    ("## 卷积层反向传播 (convolution)",
     "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 conv=cross index_base=0 names: w^{l+1}=kernel z^{l+1}=output C=loss -->"),
    ("### 已知第l层delta误差，求该层的参数的导数 (kernel)",
     "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 conv=cross index_base=0 names: w^{l}=kernel z^{l}=output C=loss -->"),
]
CNNBP_EXCL = [
    (r"\delta_{j}^{l}=f^{'}(u^{l}_{j})\odot{\rm conv}2(\delta^{l+1}_{j}", "a rule quoted in another notation (u, k, j) that the note never defines"),
    (r"z^{l+1}(x^{'},y^{'})=\sum_{a}\sum_{b}\sigma(z^{l}(x^{'}+a,y^{'}+b))w^{l+1}(a,b)+b^{l+1}", "forward definition"),
    (r"\delta^{l+1}(x^{'},y^{'})w^{l+1}(a,b)\sigma^{'}(z^{l}(x,y))", "a and b free on the right; the constraint x'+a = x comes only in the next sentence (ambiguous as written)"),
    (r"\delta^{l}=\frac{\partial C}{\partial z^{l}},z^{l}=a^{l+1}*w^{l}+b^{l}", "definitions (with the typo a^{l+1})"),
]

ICYFENIX = [
    ("i_w_chain", r"\frac{\partial l}{\partial W} = \sum_{i, j} \frac{\partial l}{\partial S(i, j)} \cdot \frac{\partial S(i, j)}{\partial W}", "kernel: chain rule"),
    ("i_dSdW", r"\frac{\partial S(i, j)}{\partial W} = I_{region}(i, j)", "the derivative of one output by the kernel is its input patch"),
    ("i_w", r"\frac{\partial l}{\partial W} = \sum_{i, j} \frac{\partial l}{\partial S(i, j)} \cdot I_{region}(i, j)", "kernel gradient"),
    ("i_x", r"\frac{\partial l}{\partial I} = \frac{\partial l}{\partial S} *_{full} flip(W)", "the book's convolution slides without flipping: full sliding sum of dl/dS with flip(W) (true convolution would flip twice and refute)"),
    ("i_max", r"(i,j) = (i^*, j^*)", "max pooling: routed to the window's maximum (4x4, 2x2, stride 2, distinct values)"),
    ("i_avg", r"\frac{\partial l}{\partial I_{i,j}} = \frac{\delta}{k \times k}", "average pooling with windows that do not overlap"),
]
ICYFENIX_DIRS = [
    ("## CNN 推理与训练 (forward and backward)",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: I=input W=kernel S=output l=loss -->"),
    ("## 池化层反向传播 (pooling)",
     "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: I=input l=loss -->"),
    ("For average pooling with a k x k window",
     "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 names: I=input l=loss -->"),
]
ICYFENIX_EXCL = [
    (r"[cnn_mcc] S(i, j) = \sum_c \sum_m \sum_n I(i+m, j+n, c) K(m, n, c)", "forward definition"),
    (r"H_{out} = \lfloor \frac{H_{in} + 2p - k}{s} \rfloor + 1", "sizes"),
    (r"[cnn_fp_w] S(i, j) = \sum I_{region}(i, j) \cdot W", "forward definition"),
]

ZHANGXQ = [
    ("zq_w", r"\frac{\partial L}{\partial w[m, n]} = \sum_{i, j} \frac{\partial L}{\partial y[i,j]} \cdot x[i+m, j+n]", "kernel gradient (sum over the output)"),
    ("zq_x", r"\frac{\partial L}{\partial x[i, j]} = \sum_{m, n} \frac{\partial L}{\partial y[i-m, j-n]} \cdot w[m, n]", "input gradient, sums where y[i-m, j-n] and w exist"),
    ("zq_q1_x", r"\frac{\partial L}{\partial x[i,j]} = \sum_{m,n} \frac{\partial L}{\partial y[i-m, j-n]} \cdot w[m,n]", "the same in Q1"),
    ("zq_q1_w", r"\frac{\partial L}{\partial w[m,n]} = \sum_{i,j} \frac{\partial L}{\partial y[i,j]} \cdot x[i+m, j+n]", "the same in Q1"),
]
ZHANGXQ_DIRS = [
    ("### 4. 反向传播（卷积梯度）",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: x=input w=kernel y=output L=loss -->"),
    ("## 面试必问",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: x=input w=kernel y=output L=loss -->"),
]
ZHANGXQ_EXCL = [
    (r"y[i, j] = \sum_{m=0}^{k_h-1} \sum_{n=0}^{k_w-1} w[m, n] \cdot x[i+m, j+n] + b", "forward definition"),
    (r"H_{out} = \frac{H_{in} - k_h + 2p}{s} + 1", "sizes"),
    (r"y_{out}[i, j, c_{out}] = \sum_{c_{in}=0}^{C_{in}-1}", "forward definition (multi-channel)"),
    (r"y[i, j] = \max_{m \in [0, k_h), n \in [0, k_w)}", "forward definition (max pooling)"),
    (r"y[i, j] = \frac{1}{k_h \times k_w}", "forward definition (average pooling)"),
    (r"y[i,j] = \sum_{m,n} w[m,n] \cdot x[i+m, j+n] + b", "forward definition"),
    (r"\text{conv}(\nabla y, w_{flipped}) + \text{padding}", "conv and padding are not defined (no convention, no amount)"),
]

SIMPLE = [
    ("s_dz", r"= p_i - y_i,", "softmax + cross-entropy with a one-hot y"),
    ("s_db", r"\frac{\partial\mathcal L}{\partial b_{\mathrm{fc},\,i}}", "FC bias"),
    ("s_dW", r"= \delta^{[z]}_i \;\times\; h_k.", "FC weight"),
    ("s_dh", r"= \sum_{i=1}^{10} W_{\mathrm{fc},\,i,k}\;\delta^{[z]}_i.", "FC input"),
    ("s_pool", r"\text{if }(u,v)\text{ is the arg-max in that 2×2 window}", "max pooling routes to the arg-max (2x2, stride 2)"),
    ("s_relu", r"\mathbf{1}\bigl(S^{[1]}_{c,i,j}>0\bigr)", "ReLU mask"),
    ("s_convb", r"= \sum_{i,j}\delta^{[S^{1}]}_{c,i,j}", "conv bias"),
    ("s_convW", r"\delta^{[W^{1}]}_{c,c',u,v}", "conv weight; X read at 0 and 33 is the zero padding the article sets (padding=1)"),
    ("s_dX", r"\delta^{[S^{1}]}_{c,\,x-u+1,\,y-v+1}", "the written bounds u, v = 0..2 reach delta^{[S^1]} at rows/columns 0 and 33 (x = 1, u = 2; x = 32, u = 0), which do not exist and the article never pads; right with those terms dropped"),
]
SIMPLE_DIRS = [
    ("### 1. Softmax and Cross-Entropy => FC1", "<!-- symbp: layer=softmax classes=10 -->"),
    ("### 2. Fully-Connected (FC1) => flatten output h",
     "<!-- symbp: layer=fc in=4096 out=10 names: h=input W_{\\mathrm{fc}}=kernel z=output -->"),
    ("### 4. MaxPool => activation A^{[1]}",
     "<!-- symbp: layer=maxpool input=32x32 kernel=2x2 stride=2 channels=16 names: A^{[1]}=input P^{[1]}=output -->"),
    ("### 5. ReLU1 => pre-activation S^{[1]}", "<!-- symbp: layer=activation name=relu -->"),
    ("### 6. Conv1 => input X",
     "<!-- symbp: layer=conv2d input=32x32 kernel=3x3 stride=1 padding=1 channels=3,16 conv=cross index_base=1 names: X=input W^{[1]}=kernel S^{[1]}=output -->"),
]
SIMPLE_EXCL = [
    (r"S^{[1]}_{c,i,j} = \sum_{c'=1}^{3}\sum_{u=0}^{2}\sum_{v=0}^{2} W^{[1]}_{c,c',u,v}\; X_{c',\,i+u-1,\,j+v-1}", "forward definition"),
    (r"A^{[1]}_{c,\,2p+u,\,2q+v}", "forward definition (max pooling)"),
    (r"h = \mathrm{flatten}\bigl(P^{[1]}\bigr),", "forward definition"),
    (r"= \sum_{k=1}^{4096} W_{\mathrm{fc},\,i,k}\,h_k", "forward definition"),
    (r"= \frac{e^{z_i}}{\sum_{j=1}^{10}e^{z_j}}", "forward definition"),
    (r"= -\sum_{i=1}^{10} y_i\,\log p_i", "loss definition"),
    (r"z_i = \sum_{k=1}^{4096}W_{\mathrm{fc},\,i,k}\,h_k + b_{\mathrm{fc},\,i}$$", "forward definition (repeated)"),
    (r"X_{\,i+u-1,\,j+v-1,\,c'}", "forward definition (repeated, channel last)"),
]

PUZZLE = [
    ("p_chain", r"Σ_{oh,ow where input[b][c][h][w] contributed}", "chain rule over the outputs that used the input (fh = h - oh)"),
    ("p_key", r"Σ_{k=0}^{C_out-1} Σ_{fh=0}^{F-1} Σ_{fw=0}^{F-1} grad_output[b][k][h-fh][w-fw] × W[k][c][fh][fw]", "the key formula; out-of-range terms skipped as the text says"),
    ("p_full", r"grad_input = full_conv(grad_output, rotate_180(W))", "the puzzle's conv is the forward's cross-correlation: full padding + rotated filter"),
    ("p_sumk", r"Σ_k conv(padded_grad_output, W_rot)[b][c][h][w]", "the same, per input element, summed over output channels"),
    ("p_22", r"grad_input[2][2] = g00·w22 + g01·w21", "centre pixel of the 5x5 / 3x3 example"),
    ("p_00", r"grad_input[0][0] = g00·w00", "corner pixel of the example"),
]
PUZZLE_DIRS = [
    ("## The Math: Deriving grad_input",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 batch=2 conv=cross index_base=0 names: input=input W=kernel out=output L=loss layout: input=NCHW W=OIHW out=NCHW -->"),
    ("## Worked example",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 -->"),
]
PUZZLE_EXCL = [
    (r"out[b][k][oh][ow] = bias[k] + Σ_{c}  Σ_{fh}  Σ_{fw}", "forward definition"),
    (r"W_rot[k][c][fh][fw] = W[k][c][F-1-fh][F-1-fw]", "definition"),
    (r"Padded size: (H_out + 2*(F-1))", "a size (and a wrong one: the padded size is H_in + F - 1), not a gradient"),
    (r"= Σ over all valid (oh,ow) of grad_output[oh][ow] × W[2-oh+oh...]", "garbled summary line"),
]

DML = [
    ("d_sm", r"\frac{\partial \mathcal{L}}{\partial Z^d} = \hat{y} - y", "softmax + cross-entropy with a one-hot y"),
    ("d_Wd", r"(A^f)^T \cdot \frac{\partial \mathcal{L}}{\partial Z^d}", "dense weight, A^f a row vector"),
    ("d_bd", r"\frac{\partial \mathcal{L}}{\partial b^d} = \frac{\partial \mathcal{L}}{\partial Z^d}", "dense bias"),
    ("d_relu", r"\mathbf{1}(Z^c > 0)", "ReLU mask"),
    ("d_Wc", r"\frac{\partial \mathcal{L}}{\partial W^c_{i,j,k}}", "filter gradient"),
    ("d_bc", r"\frac{\partial \mathcal{L}}{\partial b^c_k}", "filter bias"),
]
DML_DIRS = [
    ("Gradient of softmax + cross-entropy:", "<!-- symbp: layer=softmax classes=3 -->"),
    ("Dense layer gradients:",
     "<!-- symbp: layer=fc in=8 out=3 names: A^f=input W^d=kernel Z^d=output \\mathcal{L}=loss -->"),
    ("ReLU gradient:", "<!-- symbp: layer=activation name=relu -->"),
    ("Convolution filter gradients, for each filter k:",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 channels=1,2 conv=cross index_base=0 names: X=input W^c=kernel Z^c=output \\mathcal{L}=loss layout: Z^c=HWC -->"),
]
DML_EXCL = [
    (r"Z^c[p, q, k] = \sum_{i, j} X[p+i, q+j] \cdot W^c[i, j, k] + b^c[k]", "forward definition"),
    (r"A^c = \max(0, Z^c)", "forward definition"),
    (r"Z^d = A^f \cdot W^d + b^d", "forward definition"),
    (r"\hat{y}_c = \frac{e^{Z^d_c}}{\sum_j e^{Z^d_j}}", "forward definition"),
    (r"\mathcal{L}(\hat{y}, y) = -\sum_c y_c \log(\hat{y}_c)", "loss definition"),
    (r"W \leftarrow W - \eta", "update rule"),
]

AUTODIFF = [
    ("a_x11_r1", r"+ \frac{\partial L}{\partial y_{13}} \frac{\partial y_{13}}{\partial x_{11}} +\dots", "chain rule over the outputs (the dots the remaining y)"),
    ("a_x11_r2", r"\frac{\partial L}{\partial y_{11}} w_{11} +0 \dots", "only y_11 uses x_11"),
    ("a_x22_r1", r"\frac{\partial L}{\partial y_{23}} \frac{\partial y_{23}}{\partial x_{22}}", "chain rule over all six outputs"),
    ("a_x22_r2", r"\frac{\partial L}{\partial y_{23}} \times 0", "x_22 entry: w_22, w_21, 0, w_12, w_11, 0"),
]
AUTODIFF_DIRS = [
    ("## Calculating gradient with respect to the input x",
     "<!-- symbp: layer=conv2d input=3x4 kernel=2x2 index_base=1 names: X=input w=kernel Y=output L=loss -->"),
]
AUTODIFF_EXCL = [
    (r"x_{11}w_{11}  + x_{12}w_{12}  + x_{21}w_{21}  + x_{22}w_{22}", "forward definition (entries)"),
]

REPORT = [
    ("t_rule1", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} * \text{rot180}(K)", "the report's * slides without flipping and the prose says full: holds (a true convolution would flip twice)"),
    ("t_rule2", r"\frac{\partial L}{\partial K} = X * \frac{\partial L}{\partial Y}", "valid sliding sum of X with dL/dY"),
    ("t_x1_r1", r"\frac{\partial L}{\partial y_1} \frac{\partial y_1}{\partial x_1}", "1-D, x_1: chain"),
    ("t_x1_r2", r"\frac{\partial L}{\partial y_1} k_1", "1-D, x_1"),
    ("t_x2_r1", r"\frac{\partial L}{\partial y_2} \frac{\partial y_2}{\partial x_2}", "1-D, x_2: chain"),
    ("t_x2_r2", r"\frac{\partial L}{\partial y_1} k_2 + \frac{\partial L}{\partial y_2} k_1", "1-D, x_2"),
    ("t_x3_r1", r"\frac{\partial L}{\partial y_2} \frac{\partial y_2}{\partial x_3}", "1-D, x_3: chain"),
    ("t_x3_r2", r"\frac{\partial L}{\partial y_2} k_2", "1-D, x_3"),
    ("t_k1_r1", r"\frac{\partial L}{\partial y_2} \frac{\partial y_2}{\partial k_1}", "1-D, k_1: chain"),
    ("t_k1_r2", r"\frac{\partial L}{\partial y_1} x_1 + \frac{\partial L}{\partial y_2} x_2", "1-D, k_1"),
    ("t_k2_r1", r"\frac{\partial L}{\partial y_2} \frac{\partial y_2}{\partial k_2}", "1-D, k_2: chain"),
    ("t_k2_r2", r"\frac{\partial L}{\partial y_1} x_2 + \frac{\partial L}{\partial y_2} x_3", "1-D, k_2"),
    ("t_x22_r1", r"\frac{\partial L}{\partial y_{22}}\frac{\partial y_{22}}{\partial x_{22}}", "2-D, x_22: chain over four outputs"),
    ("t_x22_r2", r"\frac{\partial L}{\partial y_{22}}k_{11}", "2-D, x_22"),
    ("t_k11_r1", r"\frac{\partial L}{\partial y_{22}}\frac{\partial y_{22}}{\partial k_{11}}", "2-D, k_11: chain"),
    ("t_k11_r2", r"\frac{\partial L}{\partial y_{22}}x_{22}", "2-D, k_11"),
]
REPORT_DIRS = [
    ("## The Two Rules of Convolutional Backpropagation",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross names: X=input K=kernel Y=output L=loss -->"),
    ("## Deriving the Rules: A 1D Example",
     "<!-- symbp: layer=conv1d input=3 kernel=2 conv=cross index_base=1 names: X=input K=kernel Y=output L=loss -->"),
    ("## Extending the Derivation to 2D",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input K=kernel Y=output L=loss -->"),
]
REPORT_EXCL = [
    (r"y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{21}k_{21} + x_{22}k_{22}", "forward definition (entries)"),
    (r"y_{22} = x_{22}k_{11} + x_{23}k_{12} + x_{32}k_{21} + x_{33}k_{22}", "forward definition (entries)"),
]

FORMULAS = [
    ("f_dx_r1", r"{\frac{\partial E}{\partial x_{i}}}={\frac{\partial E}{\partial y_{1}}}{\frac{\partial y_{1}}{\partial x_{i}}}+\dots+", "chain rule over all outputs"),
    ("f_dx_r2", r"=\frac{\partial E}{\partial y_{1}}w_{i1}+\ldots+\frac{\partial E}{\partial y_{j}}w_{i j}", "input entry"),
    ("f_dX_row", r"\left.(\frac{\partial E}{\partial y_{1}}w_{i1}+\dots+\frac{\partial E}{\partial y_{j}}w_{i j})\right]", "the row of input entries"),
    ("f_dX_mid", r"=\left[{\frac{\partial E}{\partial y_{1}}}\quad ... \quad{\frac{\partial E}{\partial y_{j}}}\right] =", "equates the 1 x i gradient with the bare 1 x j row of dE/dy (shapes differ; the product that follows uses the displayed j x i W, whose (j, i) entry the document calls w_{ji})"),
    ("f_dX", r"={\frac{\partial E}{\partial Y}}W^{t}", "dE/dY W^T for Y = XW"),
    ("f_dw_r1", r"{\frac{\partial E}{\partial y_{j}}}{\frac{\partial y_{j}}{\partial w_{i j}}}", "weight: chain rule"),
    ("f_dw_r2", r"{}={\frac{\partial E}{\partial y_{j}}}x_{i}", "weight entry"),
    ("f_dW_entries", r"{\frac{\partial E}{\partial y_{1}}}x_{i} & \cdots & {\frac{\partial E}{\partial y_{j}}}x_{i}".replace(" & ", "  "), "the matrix of weight entries"),
    ("f_dW_outer", r"\left[{\frac{\partial E}{\partial y_{1}}}\quad\quad...\quad\quad{\frac{\partial E}{\partial y_{j}}}\right]", "column x times the row dE/dY"),
    ("f_dW", r"=X^t\frac{\partial E}{\partial Y}", "X^T dE/dY"),
    ("f_db_r1", r"{\frac{\partial E}{\partial y_{j}}}{\frac{\partial y_{j}}{\partial b_{j}}}", "bias: chain rule"),
    ("f_dB_row", r"\frac{\partial E}{\partial B}=\left[\frac{\partial E}{\partial y_{1}}\quad\frac{\partial E}{\partial y_{2}}", "bias row"),
    ("f_sum_dX", r"\frac{\partial E}{\partial X}=\frac{\partial E}{\partial Y}W^{t}", "summary: input"),
    ("f_sum_dW", r"\frac{\partial E}{\partial W}=X^{t}\frac{\partial E}{\partial Y}", "summary: weight"),
    ("f_sum_dB", r"\frac{\partial E}{\partial B}=\frac{\partial E}{\partial Y}", "summary: bias"),
    ("f_sigmoid", r"f'(x)=f(x)(1-f(x))^{2}", "the logistic's derivative is f(1-f), not f(1-f)^2"),
    ("f_tanh", r"f'(x)=1-f(x)^2", "tanh' = 1 - tanh^2"),
]
FORMULAS_DIRS = [
    ("### Backward Propagation",
     "<!-- symbp: layer=fc in=3 out=2 names: X=input W=kernel Y=output E=loss -->"),
    ("### Sigmoid Activation:", "<!-- symbp: layer=activation name=sigmoid -->"),
    ("### Tanh Activation:", "<!-- symbp: layer=activation name=tanh -->"),
]
FORMULAS_EXCL = [
    (r"y_{j}=b_{j}+\sum_{i}x_{i}w_{i j}", "forward definition"),
    (r"X=[x_{1}\ \ \cdots\ \ x_{i}]", "definitions"),
    (r"Y = XW + B", "forward definition"),
    (r"\frac{\partial E}{\partial X}=\left[\frac{\partial E}{\partial x_{1}}\quad", "notation: the row of partial derivatives"),
    (r"\frac{\partial E}{\partial w_{11}} & \cdots", "notation: the matrix of partial derivatives"),
    (r"{\frac{\partial E}{\partial B}}=\left[{\frac{\partial E}{\partial b_{1}}}", "notation: the row of partial derivatives"),
    (r"1& \text{if } x\geq 0", "ReLU's derivative at x = 0 is a convention (ReLU is not differentiable there)"),
    (r"f(x)={\frac{1}{1+e^{-x}}}", "definition"),
    (r"f(x)=\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}", "definition"),
]

TABLE = {
    "cnnbp_delta_rot180_zh.md": ("cnnbp", CNNBP, CNNBP_DIRS, CNNBP_EXCL),
    "icyfenix_cnn_book_zh.md": ("icyfenix", ICYFENIX, ICYFENIX_DIRS, ICYFENIX_EXCL),
    "zhangxq_cnn_interview_zh.md": ("zhangxq", ZHANGXQ, ZHANGXQ_DIRS, ZHANGXQ_EXCL),
    "simple_cnn_pad1_fc.md": ("simple", SIMPLE, SIMPLE_DIRS, SIMPLE_EXCL),
    "puzzle10_conv_input_grad.md": ("puzzle", PUZZLE, PUZZLE_DIRS, PUZZLE_EXCL),
    "dml_simple_cnn_train.md": ("dml", DML, DML_DIRS, DML_EXCL),
    "autodiff_light_conv_entries.md": ("autodiff", AUTODIFF, AUTODIFF_DIRS, AUTODIFF_EXCL),
    "report_conv_rules_1d2d.md": ("report", REPORT, REPORT_DIRS, REPORT_EXCL),
    "nn_formulas_dense_act.md": ("formulas", FORMULAS, FORMULAS_DIRS, FORMULAS_EXCL),
}
