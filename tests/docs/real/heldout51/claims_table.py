"""The fifty-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout51.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- dl_formulas_notes_zh
FML = [
    ("lin_w", r"\frac{\partial_{\mathbf{l}}}{\partial_{\mathbf{w}}}=",
     "one sample, x a 1 x m row, w an m x 1 column, y-hat = x w + b, l = (y-hat - y)^2 / 2: every member of the chain equals dl/dw = x^T (y-hat - y), an m x 1 column (the middle member's d y-hat/dw = x^T times the scalar y-hat - y); holds (m = 3, 4, drawn values)"),
    ("lin_b", r"\frac{\partial_{\mathbf{l}}}{\partial_{\mathbf{b}}}=",
     "dl/db = (d y-hat/db)(y-hat - y) = y-hat - y; holds"),
    ("sm_o", r"\frac{\partial l_{(1,c)}}{\partial o_{(1,c)}} = \frac{\exp(o_{(1,c)})}",
     "the subscripts (1,c) are sizes (the notes' convention): o a row of c logits, l = -sum_j y_j log softmax(o)_j with y summing to 1 (the notes: 'sum over y is 1'); dl/do = exp(o)/sum exp(o) - y = softmax(o) - y; holds (c = 3, 5; one-hot y and a drawn distribution)"),
    ("relu_d", r"\frac{\partial \sigma}{\partial x} = \begin{cases}",
     "sigma = ReLU (the line above): its derivative is 1 for x > 0 and 0 for x < 0 (at x = 0 the row's 0 is the usual subgradient convention; drawn x away from 0); holds"),
    ("mlp_b2", r"\frac{\partial l_{(1,c)}}{\partial b^{(2)}_{(1,c)}} =",
     "one sample: h = x W1 + b1 (1 x h, the pre-activation), o = sigma(h) W2 + b2 (1 x c), sigma = ReLU, l the softmax cross entropy with one-hot y: dl/db2 = (dl/do)(do/db2) = softmax(o) - y; holds (m, h, c = 3, 4, 3 and 2, 5, 4; h drawn away from 0)"),
    ("mlp_W2", r"\frac{\partial l_{(1,c)}}{\partial W^{(2)}_{(h,c)}} =",
     "dl/dW2 = sigma(h)^T (softmax(o) - y), the h x c outer product (the row's sigma(h^T) is sigma applied to the column h^T); holds"),
    ("mlp_b1", r"\frac{\partial l_{(1,c)}}{\partial b^{(1)}_{(1,h)}} =",
     "dl/db1 = ((softmax(o) - y) W2^T) entrywise sigma'(h), a 1 x h row; holds"),
    ("mlp_W1", r"\frac{\partial l_{(1,c)}}{\partial W^{(1)}_{(m,h)}} =",
     "dl/dW1 = x^T [((softmax(o) - y) W2^T) entrywise sigma'(h)], m x h; holds"),
    ("wd", r"= \frac{\partial L(\mathbf{w},b)}{\partial \mathbf{w}} + \lambda \mathbf{w}",
     "L_D = L + (lambda/2) ||w||^2 with L any loss of w (drawn non-linear one): dL_D/dw = dL/dw + lambda w; holds"),
    ("conv_b", r"{\partial \mathbf{b}_{c_o}} = 1",
     "h_{c_o,w,h} = sum_{c_i,i,j} w_{c_o,c_i,i,j} x_{c_i,i+w,j+h} + b_{c_o}: every output entry of channel c_o has derivative 1 with respect to b_{c_o}; holds (2 input and 3 output channels, 4x4 and 5x4 inputs, 2x2 kernels)"),
]
FML_DIRS = [
    ("### 1.1线性回归模型", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{x}=input \\mathbf{X}=input \\mathbf{w}=kernel b=bias \\hat{y}=output \\hat{\\mathbf{y}}=output y=target l=loss L=loss -->"),
    ("### 1.2 softmax回归", "<!-- symbp: layer=softmax classes=3 target=one-hot names: o=input \\mathbf{o}=input \\hat{y}=output y=target \\mathbf{y}=target l=loss -->"),
    ("### 1.3 多层感知机MLP", "<!-- symbp: layer=fc in=3 out=4 weight=rows names: \\mathrm{x}=input x=input W^{(1)}=kernel b^{(1)}=bias \\mathrm{h}=output h=output \\mathbf{y}=target l=loss -->"),
    ("### 1.4 权重衰减和暂退法", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: \\mathbf{w}=kernel b=bias L=loss L_D=loss -->"),
    ("### 2.1 卷积层", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 stride=1 padding=0 conv=cross index_base=0 names: \\mathbf{X}=input x=input \\mathbf{W}=kernel w=kernel \\mathbf{b}=bias b=bias \\mathbf{H}=output h=output layout: x=CHW w=OIHW h=CHW -->"),
]
FML_EXCL = [
    (r"\hat{\mathbf{y}}_{(n,1)} =  \mathbf{X}_{(n,m)}\mathbf{w}_{(m,1)} + b_{(1)}", "forward definition"),
    (r"l(\mathbf{w}, b) = \frac{1}{2}(\hat{y}_{(1)} - y_{(1)})^2", "loss definition"),
    (r"\mathbf{w} \leftarrow \mathbf{w} -\eta \frac{\partial_{l}}{\partial_{\mathbf{w}}}", "update rules (assignments)"),
    (r"L(\mathbf{w}, b) = \frac{1}{n} \sum_{i=1}^n l_i(\mathbf{w}, b)", "definition of the mean loss"),
    (r"\mathbf{O}_{(n,c)} = \mathbf{X}_{(n,m)} \mathbf{W}_{(m,c)} + \mathbf{b}_{(1,c)}", "forward definition (softmax regression)"),
    (r"l(\mathbf{y}_{(1,c)}, \mathbf{\hat{y}_{(1,c)}}) = -\sum_{j=1}^{c} y_{(1,j)} \log \hat{y}_{(1,j)}", "loss definition, rewritten by algebra (no derivative)"),
    (r"\mathbf{W} \leftarrow \mathbf{W} -\eta * \frac{\partial \mathbf{l}}{\partial \mathbf{W}}", "an update rule (assignment) whose members carry dl/dW = x^T (softmax(o) - y); not scored as a claim"),
    (r"\mathbf{b} \leftarrow \mathbf{b} -\eta * \frac{\partial {\mathbf{l}}}{\partial{\mathbf{b}}}", "an update rule (assignment; its second member multiplies dl/db by itself, a typing slip inside an assignment)"),
    (r"\mathrm{h}_{(1,h)} = \mathrm{x}_{(1,m)}{W^{(1)}_{(m,h)}}", "forward definition (MLP)"),
    (r"ReLU(x)=\max(0,x)", "definition of ReLU"),
    (r"\frac{\partial l_{(1,c)}}{\partial o_{(1,c)}} =\operatorname{softmax}(\mathbf{o})_{(1,c)} - \mathbf{y}_{(1,c)}", "restates claim sm_o for the MLP (holds)"),
    (r"L_D(\mathbf{w},b) = L(\mathbf{w},b) + \frac{\lambda}{2} \|\mathbf{w}\|^2", "definition of the weight-decay loss"),
    (r"\frac{\partial L(\mathbf{w},b)}{\partial \mathbf{w}} \odot \mathbf{D}", "dropout: the notes keep L_D as the symbol of the weight-decay loss and mask the gradient of w by D, whose shape and meaning (a mask on weights or on neurons) the notes leave open; its verdict hangs on that reading, left out"),
    (r"\mathbf{H}_{(1,c_o,w,h)} = \mathbf{W}_{(c_o,c_i,p,q)} \ast \mathbf{X}_{(1,c_i,w+p-1,h+q-1)} + \mathbf{b}_{c_o}", "forward definition (convolution)"),
    (r"h_{c_o,w,h} = \sum_{c_i=1}^{c_i} \sum_{i=0}^{p-1} \sum_{j=0}^{q-1} w_{c_o,c_i,i,j} x_{c_i,i+w,j+h} +b_{c_o}", "forward definition (entries)"),
    (r"{\partial \mathbf{W}_{(c_o,c_i,p,q)}} = \mathbf{X}_{(1,c_i,w+p-1,h+q-1)}", "dH/dW written as the whole input tensor X: a shorthand (the entry dh_{c_o,w,h}/dw_{c_o,c_i,i,j} = x_{c_i,i+w,j+h} holds, the tensor equation does not even have the Jacobian's shape); its verdict hangs on the reading, left out"),
]

# ---------------------------------------------------------------- zen_pytorch_conv_grad_zh
ZEN = [
    ("k_rule", r"\frac{\partial L}{\partial \mathbf{K}} = \mathbf{X}^T * \frac{\partial L}{\partial \mathbf{Y}}",
     "Y[i,j] = sum_{m,n} X[i+m,j+n] K[m,n] (the page's 4.1 forward; '*' in 'Y = X * K' is this valid sliding sum). dL/dK = X * dL/dY holds, but the row puts X^T: read as the plain transpose (the page says only that K^T means K rotated by 180 degrees) or, as the same notation, X rotated by 180 degrees, the valid sliding sum of X^T with dL/dY differs from dL/dK for a non-symmetric X under both readings; refuted (3x3/2x2, 4x4/2x2, 5x5/3x3, drawn values)"),
    ("x_num", "3  4  0",
     "the worked example: X = [[1,2,3],[4,5,6],[7,8,9]], K = [[1,0],[0,1]], dL/dY = [[1,2],[3,4]] (given), Y the valid sliding sum; then dL/dX[a,b] = sum_{i,j} dL/dY[i,j] K[a-i,b-j] = [[1,2,0],[3,5,2],[0,3,4]], not the page's [[1,2,0],[3,4,0],[0,0,0]] (which drops the K[1,1] path); refuted"),
    ("k_num", "23  34",
     "same example: dL/dK[m,n] = sum_{i,j} dL/dY[i,j] X[i+m,j+n] = [[37,47],[67,77]], not the page's [[23,34],[31,46]]; refuted"),
]
ZEN_DIRS = [
    ("## 2.2 卷积神经网络中的卷积", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,1 stride=1 padding=0 bias=0 conv=cross index_base=0 names: \\mathbf{X}=input \\mathbf{K}=kernel \\mathbf{Y}=output layout: \\mathbf{X}=HWC -->"),
    ("## 4.1 卷积的数学推导", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=0 names: \\mathbf{X}=input \\mathbf{K}=kernel \\mathbf{Y}=output L=loss -->"),
]
ZEN_EXCL = [
    (r"(f*g)(t) = \int_{-\infty}^{\infty} f(\tau)g(t-\tau)d\tau", "definition of the continuous convolution"),
    (r"(f*g)[n] = \sum_{m=-\infty}^{\infty} f[m]g[n-m]", "definition of the discrete convolution"),
    (r"\mathbf{Y}[i,j] = \sum_{m=0}^{k-1}\sum_{n=0}^{k-1}\sum_{c=0}^{C-1} \mathbf{X}[i+m,j+n,c] \cdot \mathbf{K}[m,n,c]", "forward definition (channels)"),
    (r"\mathbf{Y}[i,j] = \sum_{m=0}^{k-1}\sum_{n=0}^{k-1} \mathbf{X}[i+m,j+n] \cdot \mathbf{K}[m,n]", "forward definition"),
    ("\\mathbf{X} = \n\\begin{bmatrix}\n1 & 2 & 3", "the example's input (definition)"),
    ("\\mathbf{Y} = \n\\begin{bmatrix}\n1 & 2 \\\\\n4 & 5", "the example's forward output (a forward value, no derivative; it is wrong too: the valid sliding sum gives [[6,8],[12,14]])"),
    (r"\frac{\partial L}{\partial \mathbf{X}} = \frac{\partial L}{\partial \mathbf{Y}} * \mathbf{K}^T", "dL/dX = dL/dY * rot180(K): with the page's valid '*' the result is 1x1, not the input's 3x3; with a 'full' padding the page never writes (its step 2 speaks only of 'upsampling' dL/dY back to the input size) it holds; its verdict hangs on that reading, left out (as heldout36 did for the same row)"),
    ("\\frac{\\partial L}{\\partial \\mathbf{Y}} = \n\\begin{bmatrix}\n1 & 2 \\\\\n3 & 4", "the given upstream gradient (definition)"),
]

# ---------------------------------------------------------------- wml_convolution_2d_zh
WC2 = [
    ("k_grad", r"\frac{\partial L}{\partial K_{o,i,a,b}}",
     "X (C_in, H, W), X^P the zero-padded input (four paddings), Z_o[r,c] = beta_o + sum_{i,a,b} X_i^P[r s_h + a d_h, c s_w + b d_w] K_{o,i,a,b} (the page's forward, its stray '+' signs before the sums read as typesetting); G = dL/dZ. dL/dK_{o,i,a,b} = sum_{r,c} G_o[r,c] X_i^P[r s_h + a d_h, c s_w + b d_w]; holds (C_in 2, C_out 3; strides (1,1), (2,1), (2,2); dilations (1,1), (1,2), (2,1); paddings 0 and asymmetric)"),
    ("b_grad", r"\frac{\partial L}{\partial \beta_o}",
     "dL/dbeta_o = sum_{r,c} G_o[r,c]; holds"),
    ("x_grad", r"\frac{\partial L}{\partial X_i^{P}[u,v]}",
     "the gradient with respect to the padded array X^P (every position, padding included, as the page says the padding part is cut off afterwards): sum over o, r, c, a, b of G_o[r,c] K_{o,i,a,b} 1{u = r s_h + a d_h, v = c s_w + b d_w}; holds (same sizes; X^P a leaf of the graph; its interior also equals dL/dX)"),
]
WC2_DIRS = [
    ("## 先固定一个张量坐标合同", "<!-- symbp: layer=conv2d input=5x6 kernel=2x3 channels=2,3 conv=cross index_base=0 names: X=input X_i^{P}=input K=kernel \\beta=bias Z=output G=output_grad L=loss layout: X=CHW K=OIHW Z=CHW -->"),
    ("## 多通道不是多做几次再随便堆叠", "<!-- symbp: layer=conv2d input=5x6 kernel=2x3 channels=2,3 conv=cross index_base=0 names: X=input X_i^{P}=input K=kernel \\beta=bias Z=output L=loss layout: X=CHW K=OIHW Z=CHW -->"),
    ("## 反向传播是窗口贡献的累加", "<!-- symbp: layer=conv2d input=5x6 kernel=2x3 channels=2,3 conv=cross index_base=0 names: X=input X_i^{P}=input K=kernel \\beta=bias Z=output G=output_grad L=loss layout: X=CHW K=OIHW Z=CHW -->"),
]
WC2_EXCL = [
    (r"X\in\mathbb R^{C_{\mathrm{in}}\times H\times W},", "size of the input"),
    ("X_i^{P}[p,q]\n=\n\\begin{cases}", "definition of the zero-padded input"),
    ("Z_o[r,c]\n=\\beta_o\n+\\sum_{i=0}^{C_{\\mathrm{in}}-1}\n+\\sum_{a=0}^{k_h-1}", "forward definition (with stray '+' signs before the sums)"),
    ("K^{\\mathrm{flip}}_{o,i,a,b}\n=K_{o,i,k_h-1-a,k_w-1-b}.", "definition of the flipped kernel"),
    ("+\\left(\n+\\sum_{a=0}^{k_h-1}", "the multi-channel forward (definition, same stray '+' signs)"),
    ("G_o[r,c]=\\frac{\\partial L}{\\partial Z_o[r,c]}.", "definition of the upstream gradient"),
    ("u=r s_h+a d_h,\n\\qquad\nv=c s_w+b d_w,", "the index condition (no derivative)"),
]

# ---------------------------------------------------------------- wml_stride_padding_dilation_zh
WSP = [
    ("w_grad", r"\frac{\partial L}{\partial w[a]}",
     "1-D: x of length N, x^P the zero-padded x (P_left, P_right), y[r] = sum_a x^P[r s + a d] w[a]; G[r] = dL/dy[r]. dL/dw[a] = sum_r G[r] x^P[r s + a d]; holds (N, k, s, d, P_left, P_right = (7,3,2,1,1,1), (9,3,1,2,2,2), (8,2,3,2,0,1))"),
    ("x_grad", r"\frac{\partial L}{\partial x^{P}[q]}",
     "dL/dx^P[q] = sum_{r,a} G[r] w[a] 1{q = r s + a d} for every padded position q (x^P a leaf); holds (same sizes)"),
]
WSP_DIRS = [
    ("## 先把一个输出位置写成坐标", "<!-- symbp: layer=conv1d input=7 kernel=3 conv=cross index_base=0 names: x=input x^{P}=input w=kernel y=output L=loss -->"),
    ("## 反向传播仍然沿同一组坐标累加", "<!-- symbp: layer=conv1d input=7 kernel=3 conv=cross index_base=0 names: x=input x^{P}=input w=kernel y=output G=output_grad L=loss -->"),
]
WSP_EXCL = [
    ("x^{P}[q]\n=\n\\begin{cases}", "definition of the zero-padded input"),
    ("q_r=rs.", "definition of the window start"),
    ("q_{r,a}=rs+ad,", "definition of the sampled coordinate"),
    ("y[r]\n=\\sum_{a=0}^{k-1}\nx^{P}[rs+ad]w[a].", "forward definition (written twice)"),
    ("q=rs+ad\n", "the index condition (no derivative)"),
]

# ---------------------------------------------------------------- wml_pooling_zh
WPL = [
    ("max_local", r"\frac{\partial y_{\mathrm{max}}[r]}",
     "1-D max pooling, y_max[r] = max_{0<=a<K} x^P[rS + aD] (no padding in the checks), the window maximum unique (drawn distinct values): dy_max[r]/dx^P[rS + aD] = 1 at the argmax a*, 0 at the other a; holds (I, K, S, D = (6,2,2,1), (8,3,3,1), (9,2,3,2), and overlapping windows (7,3,1,1))"),
    ("max_grad", r"=g[r]\mathbf 1\{a=a^\star_r\}",
     "the input gradient of window r's entries, g[r] 1{a = a*}: as the total dL/dx^P this is the row only where no two windows share an input (the page's next sentence adds the contributions where windows overlap); read so, at non-overlapping sizes (S >= D(K-1)+1: (6,2,2,1), (8,3,3,1), (9,2,3,2)), it equals dL/dx^P at every window entry; holds"),
    ("avg_local", r"\frac{\partial y_{\mathrm{avg}}[r]}",
     "average pooling without padding, y_avg[r] = (1/K) sum_a x[rS + aD]: dy_avg[r]/dx[rS + aD] = 1/K; holds (overlapping and non-overlapping sizes)"),
    ("avg_grad", r"=\frac{g[r]}{K}.",
     "dL/dx[rS + aD] = g[r]/K, read like the max row as the total gradient where windows do not overlap (the next row treats overlap); holds at the non-overlapping sizes"),
    ("avg_total", r"\frac{\partial L}{\partial x[i]}",
     "dL/dx[i] = sum over the windows r whose coordinate set N_r holds i of g[r]/K (no padding, so N_r = {rS + aD}); inputs no window reaches get the empty sum 0; holds (overlapping (7,3,1,1), (8,3,2,1), (9,2,1,2) and non-overlapping sizes)"),
    ("sum_grad", "=g[r].",
     "sum pooling y_sum[r] = sum_a x^P[rS + aD]: dL/dx^P[rS + aD] = g[r], read at non-overlapping windows like the two rows above; holds"),
]
WPL_DIRS = [
    ("## 池化先固定窗口，再固定聚合规则", "<!-- symbp: layer=maxpool input=1x6 kernel=1x2 stride=2 index_base=0 names: x=input x^P=input y=output L=loss -->"),
    ("## 三种基本聚合", "<!-- symbp: layer=maxpool input=1x6 kernel=1x2 stride=2 index_base=0 names: x=input x^P=input y_{\\mathrm{max}}=output L=loss -->"),
    ("## Max pooling 的反向传播把梯度送到赢家", "<!-- symbp: layer=maxpool input=1x6 kernel=1x2 stride=2 index_base=0 names: x=input x^P=input y_{\\mathrm{max}}=output y=output g=output_grad L=loss -->"),
    ("## Average 和 sum pooling 的反向传播是密集分配", "<!-- symbp: layer=avgpool input=1x6 kernel=1x2 stride=2 index_base=0 names: x=input x^P=input y_{\\mathrm{avg}}=output g=output_grad L=loss -->"),
]
WPL_EXCL = [
    ("K_{\\mathrm{eff}}\n=D(K-1)+1.", "definition of the effective window"),
    ("q_{r,a}\n=rS+aD,", "definition of the sampled coordinate"),
    ("\\mathcal N_r\n=\\left\\{", "definition of the window's coordinate set"),
    ("y_{\\mathrm{max}}[r]\n=\\max_{0\\le a<K}x^P[rS+aD].", "forward definition (max)"),
    ("y_{\\mathrm{avg}}[r]\n=\\frac{1}{K}", "forward definition (average)"),
    ("y_{\\mathrm{sum}}[r]\n=\\sum_{a=0}^{K-1}x^P[rS+aD].", "forward definition (sum)"),
    ("a^\\star_r\n=\\mathop{\\arg\\max}", "definition of the argmax"),
]

# ---------------------------------------------------------------- wml_vectorized_backprop_zh
WVB = [
    ("sum_share", r"=\sum_{i=1}^{n}\frac{\partial L_i}{\partial W}",
     "z_i = W x_i + b, a_i = phi(z_i), L = sum_i L_i with L_i the loss of sample i (the page's reading: the losses add up): dL/dW = sum_i dL_i/dW and dL/db = sum_i dL_i/db; holds (n = 4, 5; d, h = 3, 2 and 2, 4; phi = tanh, sigmoid)"),
    ("gz", r"G_Z=G_A\odot\phi'(Z).",
     "row batch, Z = X W^T + 1 b^T, A = phi(Z) entrywise, G_U = dL/dU (same shape as U): G_Z = G_A entrywise phi'(Z); holds (phi = tanh, sigmoid, ReLU with Z drawn away from 0)"),
    ("gx", r"G_X=G_ZW,\\",
     "G_X = G_Z W (n x h times h x d); holds"),
    ("gw", r"G_W=G_Z^{\mathsf T}X,\\",
     "G_W = G_Z^T X (h x d, the shape of W); holds"),
    ("gb", r"g_b=G_Z^{\mathsf T}\boldsymbol1.",
     "g_b = G_Z^T 1, the column sums of G_Z (the broadcast bias summed over the samples); holds"),
    ("num_gx", "G_X=G_ZW\n=",
     "the worked example, L = <G_A, A>_F with ReLU and the page's X, W, b, G_A: G_X = [[0,-2.5],[0,0],[2,4]]; holds"),
    ("num_gw", "G_W=G_Z^{\\mathsf T}X\n=",
     "same example: G_W = [[1,2],[-2,0]]; holds"),
    ("mean", r"G_Z^{\mathrm{mean}}=\frac1nG_Z^{\mathrm{sum}}",
     "L_mean = (1/n) sum_i l_i against L_sum = sum_i l_i (same per-sample losses): G_Z^mean = (1/n) G_Z^sum and g_b^mean = (1/n) (G_Z^sum)^T 1; holds (n = 4, 5)"),
    ("col", r"G_{X_c}=W^{\mathsf T}G_{Z_c}",
     "column layout, X_c (d x n), Z_c = W X_c + b 1^T: G_{X_c} = W^T G_{Z_c}, G_W = G_{Z_c} X_c^T, g_b = G_{Z_c} 1; holds"),
]
WVB_DIRS = [
    ("## 向量化改变的是执行形状", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: x_i=input W=kernel b=bias z_i=output a_i=activation L=loss -->"),
    ("## 先固定 row-batch 记号", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: X=input W=kernel b=bias Z=output A=activation L=loss -->"),
    ("## 一层反向公式", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: X=input W=kernel b=bias Z=output A=activation G_Z=output_grad G_X=input_grad G_W=kernel_grad g_b=bias_grad L=loss -->"),
    ("## 数值例子：一批三行的完整反向", "<!-- symbp: layer=fc in=2 out=2 batch=3 weight=rows-out-in names: X=input W=kernel b=bias Z=output A=activation G_Z=output_grad G_X=input_grad G_W=kernel_grad g_b=bias_grad L=loss -->"),
    ("## 广播的反向就是归约", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: X=input W=kernel b=bias Z=output L=loss -->"),
    ("## 多层网络的向量化递推", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: H^{l-1}=input W^l=kernel b^l=bias Z^l=output H^l=activation L=loss -->"),
    ("## 行布局、列布局与高阶张量", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X_c=input W=kernel b=bias Z_c=output G_{Z_c}=output_grad G_{X_c}=input_grad G_W=kernel_grad g_b=bias_grad L=loss -->"),
]
WVB_EXCL = [
    (r"z_i=W x_i+b,", "forward definition (one sample)"),
    (r"Z=XW^{\mathsf T}+\boldsymbol1 b^{\mathsf T},", "forward definition (row batch)"),
    (r"A=\phi(Z),", "forward definition (activation)"),
    (r"G_U:=\frac{\partial L}{\partial U}.", "definition of G"),
    (r"(G_Z)_{ij}=(G_A)_{ij}\phi'(Z_{ij}).", "the entry form of claim gz (holds); left out for the 30% cap"),
    ("G_Z=G_A\\odot M\n=", "the example's G_Z (holds); left out for the 30% cap"),
    ("g_b=G_Z^{\\mathsf T}\\boldsymbol1\n=", "the example's g_b = (1, 2) (holds); left out for the 30% cap"),
    ("Z=XW^{\\mathsf T}+\\boldsymbol1b^{\\mathsf T}\n=", "the example's forward values (correct; no derivative)"),
    ("M=\\begin{pmatrix}", "the example's ReLU mask (definition)"),
    (r"L_{\mathrm{mean}}=\frac1n\sum_{i=1}^{n}\ell_i,", "definition of the mean loss"),
    (r"G_Z^{(q)}=\operatorname{diag}(q)G_Z.", "sample weights applied row by row (holds for L = sum q_i l_i); left out for the 30% cap"),
    (r"G_Z^{(q)}=\frac{1}{\sum_iq_i}\operatorname{diag}(q)G_Z.", "the normalised weighted mean (holds); left out for the 30% cap"),
    (r"Z^l=H^{l-1}(W^l)^{\mathsf T}+\boldsymbol1(b^l)^{\mathsf T},", "forward definition (layer l)"),
    (r"G_{H^{l-1}}&=G_{Z^l}W^l,", "the layer-l recursion (the same four rules, holds); left out for the 30% cap"),
    (r"Z_c=WX_c+b\boldsymbol1^{\mathsf T},", "forward definition (column layout)"),
]

# ---------------------------------------------------------------- cnn_transformer_notes_zh
CTN = [
    ("k_grad", r"\frac{\partial \mathcal{L}}{\partial K(m,n)} = \sum_{i,j} \frac{\partial \mathcal{L}}{\partial Y(i,j)}\cdot X(i+m, j+n)",
     "'Y = X * K' read with the notes' deep-learning '*' (2.2: the cross-correlation sum f(i+m, j+n) g(m, n), and 2.3 at s = 1, p = 0, no bias in 4.1): dL/dK(m,n) = sum_{i,j} dL/dY(i,j) X(i+m, j+n); holds (4x4/2x2, 5x6/3x2)"),
    ("x_grad", r"\frac{\partial \mathcal{L}}{\partial Y(i-m, j-n)}\cdot K(m,n)",
     "dL/dX(i,j) = sum_{m,n} dL/dY(i-m, j-n) K(m,n), dL/dY taken as 0 outside the output (the 'full' convolution the notes name); holds at every input entry"),
    ("max", r"(i,j) = \arg\max",
     "max pooling with window R = k x k and stride s = k (non-overlapping, the notes' usual 2x2/2): dL/dX(i,j) = dL/dY(i',j') for the window's argmax, 0 otherwise ((i', j') the window holding (i, j); inputs outside every window read as 'otherwise'); holds (4x4/2, 6x6/3, 5x5/2 with a leftover row and column; distinct values)"),
    ("avg", r"\frac{1}{|\mathcal{R}|}\frac{\partial \mathcal{L}}{\partial Y(i',j')}",
     "average pooling, same windows: dL/dX(i,j) = dL/dY(i',j') / |R|; holds (4x4/2, 6x6/3)"),
    ("bn", r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(",
     "BN over a batch of N per feature, x_hat = (x - mu)/sqrt(sigma^2 + eps), y = gamma x_hat + beta, L a drawn non-linear function of y; the notes define dL/dx_hat_i as the gradient with respect to the normalised value. Then dL/dx_i = (1/sqrt(sigma^2+eps)) (g_i - mean_j g_j - x_hat_i mean_j g_j x_hat_j) with g = dL/dx_hat: the row's extra factor gamma counts the scale twice (it would hold with dL/dy in place of dL/dx_hat); refuted for gamma != 1 (N = 4, 6; 1 and 3 features; drawn gamma)"),
]
CTN_DIRS = [
    ("## 2.2 深度学习中的\"卷积\"其实是互相关", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: f=input g=kernel -->"),
    ("## 2.3 单通道卷积的完整形式", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output -->"),
    ("## 2.7 池化（Pooling）", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output -->"),
    ("## 2.9 归一化层", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu_c=mean \\sigma_c^2=variance \\gamma=scale \\beta=shift -->"),
    ("### 4.1 卷积层的梯度", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input K=kernel Y=output \\mathcal{L}=loss -->"),
    ("### 4.2 池化层的梯度", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output \\mathcal{L}=loss -->"),
    ("**平均池化**：梯度均分。", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output \\mathcal{L}=loss -->"),
    ("### 4.3 BN 的梯度", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift \\mathcal{L}=loss -->"),
]
CTN_EXCL = [
    (r"f(i+m, j+n)\, g(m,n) \quad \text{（互相关）}", "definition of the cross-correlation"),
    (r"f(i-m, j-n)\, g(m,n) \quad \text{（卷积）}", "definition of the convolution"),
    (r"Y(i,j) = b + \sum_{m=0}^{k-1}\sum_{n=0}^{k-1} X(i\cdot s + m - p,\ j\cdot s + n - p)\cdot K(m,n)", "forward definition (stride, padding)"),
    (r"Y(i,j) = \max_{m,n \in \mathcal{R}} X(i s + m, j s + n)", "forward definition (max pooling)"),
    (r"Y(i,j) = \frac{1}{|\mathcal{R}|}\sum_{m,n \in \mathcal{R}} X(i s + m, j s + n)", "forward definition (average pooling)"),
    (r"\mu_c = \frac{1}{N H W}\sum_{n,i,j} x_{n,c,i,j}", "forward definition (BN mean)"),
    (r"\sigma_c^2 = \frac{1}{N H W}\sum_{n,i,j}(x_{n,c,i,j}-\mu_c)^2", "forward definition (BN variance)"),
    (r"\hat{x} = \frac{x-\mu_c}{\sqrt{\sigma_c^2+\epsilon}}", "forward definition (BN normalisation)"),
    (r"y = \gamma \hat{x} + \beta", "forward definition (BN scale and shift)"),
    (r"y = x + \mathcal{F}(x)", "forward definition (residual block)"),
    (r"\frac{\partial y}{\partial x} = 1 + \frac{\partial \mathcal{F}}{\partial x}", "the residual block's Jacobian (holds, 1 read as the identity); no directive layer describes a residual block, left out"),
]

TABLE = {
    "dl_formulas_notes_zh.md": ("fml", FML, FML_DIRS, FML_EXCL),
    "zen_pytorch_conv_grad_zh.md": ("zen", ZEN, ZEN_DIRS, ZEN_EXCL),
    "wml_convolution_2d_zh.md": ("wc2", WC2, WC2_DIRS, WC2_EXCL),
    "wml_stride_padding_dilation_zh.md": ("wsp", WSP, WSP_DIRS, WSP_EXCL),
    "wml_pooling_zh.md": ("wpl", WPL, WPL_DIRS, WPL_EXCL),
    "wml_vectorized_backprop_zh.md": ("wvb", WVB, WVB_DIRS, WVB_EXCL),
    "cnn_transformer_notes_zh.md": ("ctn", CTN, CTN_DIRS, CTN_EXCL),
}
