"""Claims, directives and left-out displays of five documents of the eleventh held-out set
(the CNN-1..CNN-4 note, the React lesson page, the Jekyll post, the Vietnamese worked example
the German lecture, the library documentation and the Korean lesson); the same format as ``claims_table.py``, which merges them."""

CNN14 = [
    ("n_pool_r2", r"=\sum_{m}\sum_{n} \frac{\partial C}{\partial \boldsymbol{z}_{mm}^{l}}", "writes z_{mm} for z_{mn}: the sum over n repeats the diagonal outputs, not the gradient of z^{l-1}; right: sum_{m,n} dC/dz_{mn} dz_{mn}/da_{ij} sigma'(z_ij)"),
    ("n_pool_r3", r"=\sum_{m}\sum_{n} \delta_{mn}^l \frac{\partial \boldsymbol{z}_{mm}^{l}}{\partial \boldsymbol{a}_{ij}^{l-1}}", "delta_{mn} times dz_{mm}/da_{ij}: the typo z_{mm} again, not the gradient"),
    ("n_up_num", r"\operatorname{upsample}(\delta^l) = \left[", "2 x 2 average pooling, delta^l = [[2, 4], [6, 8]]: the input gradient is each value / 4 spread over its window"),
    ("n_up_kron", r"\operatorname{upsample}(\delta^l) = \delta^l \otimes 1_{k \times k} \odot\frac{1}{k \times k}", "average pooling over non-overlapping k x k windows: Kronecker product with ones, divided by k^2"),
    ("n_cnn1_r2", r"=\frac{\partial C}{\partial \boldsymbol{z}^{l}} \frac{\partial \boldsymbol{z}^{l}}{\partial \boldsymbol{a}^{l-1}} \frac{\partial \boldsymbol{a}^{l-1}}{\partial \boldsymbol{z}^{l-1}}", "chain rule through the pooling and the activation (Jacobians contracted)"),
    ("n_cnn1_r3", r"=\operatorname{upsample}(\delta^l) \odot \sigma^\prime(\boldsymbol{z}^{l-1})", "CNN-1 for average and for max pooling (the up-sampling of each)"),
    ("n_cnn2", r"\delta^{l-1}=\delta^l \ast \operatorname{rot180}(\boldsymbol{W}^l)\odot\sigma^{\prime}(\boldsymbol{z}^{l-1})", "without the ring of zeros the text describes, the valid sliding sum of delta^l ((H-K+1) wide) and rot180(W^l) (K wide) is |H-2K+1|+1 wide whichever slides over which (1 x 1 in the note's 3 x 3 example), while sigma'(z^{l-1}) is H wide: the shapes differ; right: the padded delta^l (2K-2 more) with rot180(W^l), odot sigma'(z^{l-1})"),
    ("n_s_r2", r"=\sum_{m} \sum_{n} \frac{\partial C}{\partial \boldsymbol{z}_{m, n}^{l}} \frac{\partial \boldsymbol{z}_{m, n}^{l}}{\partial \boldsymbol{z}_{i, j}^{l-1}}", "chain rule over the outputs"),
    ("n_s_r3", r"=\sum_{m} \sum_{n} \delta_{m, n}^{l} \frac{\partial \boldsymbol{z}_{m, n}^{l}}{\partial \boldsymbol{a}_{i, j}^{l-1}} \frac{\partial \boldsymbol{a}_{i, j}^{l-1}}", "through the activation"),
    ("n_s_r4", r"=\sum_{m} \sum_{n} \delta_{m, n}^{l} \frac{\partial\left(\sum_{a} \sum_{b} \boldsymbol{W}_{a, b}^{l} \boldsymbol{a}_{m+a, n+b}^{l-1}+b^{l+1}\right)}", "the forward put in (the bias, written b^{l+1}, is a constant and drops out)"),
    ("n_s_r5", r"\xlongequal[m+a=i]{n+b=j} \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{W}_{i-m, j-n}^{l}", "sum of delta_{mn} W_{i-m,j-n} over the outputs where W exists, times sigma'"),
    ("n_w_r1", r"\frac{\partial C}{\partial \boldsymbol{W}_{i, j}^{l}} =\sum_{m} \sum_{n}", "chain rule over the outputs"),
    ("n_w_r2", r"=\sum_{m} \sum_{n} \delta_{m, n}^{l} \frac{\partial\left(\sum_{a} \sum_{b} \boldsymbol{W}_{a, b}^{l} \boldsymbol{a}_{m+a, n+b}^{l-1}+\boldsymbol{b}^{l}\right)}", "the forward put in"),
    ("n_w_r3", r"\xlongequal[a=i]{b=j} \sum_{m} \sum_{n} \delta_{m, n}^{l} \boldsymbol{a}_{m+i, n+j}^{l-1}", "kernel gradient"),
    ("n_w_mat", r"\delta^{l}\ast \boldsymbol{a}^{l-1}", "the note's * slides its first argument over the second (its forward W^l * a^{l-1} is sum_{a,b} W_{a,b} a_{i+a,j+b}): delta^l slid over a^{l-1} is sum_{m,n} delta_{m,n} a_{m+i,n+j}, the kernel gradient"),
    ("n_b_r1", r"\frac{\partial C}{\partial \boldsymbol{b}^{l}} =\sum_{m} \sum_{n}", "chain rule for the shared bias"),
    ("n_b_r2", "=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l}\n\\end{aligned}", "bias gradient: the sum of delta^l"),
    ("n_cnn4", r"\frac{\partial C}{\partial \boldsymbol{b}^{l}} = \delta^l", "the bias is one real number (the text says so) and delta^l a matrix: the shapes differ; right: the sum of the entries of delta^l"),
]
CNN14_DIRS = [
    ("### (1)已知池化层误差$\\delta^l$,求$l-1$层误差$\\delta^{l-1}$\n",
     "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: a^{l-1}=input z^l=output C=loss -->"),
    ("### (2)已知卷积层误差$\\delta^l$,求$l-1$层误差$\\delta^{l-1}$\n",
     "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: a^{l-1}=input W^l=kernel b^l=bias z^l=output C=loss -->"),
]
CNN14_EXCL = [
    (r"=\sigma(\sum_{a}\sum_{b} \boldsymbol{W}_{a,b}^l \boldsymbol{a}_{i+a,j+b}^{l-1}+\boldsymbol{b}^l)", "forward definition"),
    (r"=\sigma(\boldsymbol{W}^l \ast \boldsymbol{a}^{l-1}+\boldsymbol{b}^l)", "forward definition"),
    (r"=\operatorname{max}(\{\boldsymbol{a}_{i+a,j+b}^{l-1}|a,b \})", "forward definition (max pooling)"),
    (r"=\frac{1}{k \times k}\sum_{a}^{k1}\sum_{b}^{k2}\boldsymbol{a}_{i+a,j+b}", "forward definition (average pooling)"),
    (r"=\frac{\partial C}{\partial \boldsymbol{z}_{ij}^{l-1}}\\", "definition of delta"),
    (r"\frac{\partial \boldsymbol{z}^l_{mn}}{\partial\boldsymbol{a}_{ij}^{l-1}}=\frac{1}{k \times k}", "1/(k x k) with no condition on (m, n) and (i, j): true for a_{ij} inside window (m, n), false outside it; which is meant is not settled"),
    (r"\boldsymbol{z}_{mn}^l=\frac{1}{4}(", "forward definition (2 x 2 average pooling)"),
    (r"\boldsymbol{z}_{mn}^l=\operatorname{max}(", "forward definition (2 x 2 max pooling, written as the max of a sum)"),
    ("\\frac{\\partial \\boldsymbol{z}^l_{mn}}{\\partial\\boldsymbol{a}_{ij}^{l-1}}=\n\\left\\{", "the condition names a_{mn}^{l-1} = max without saying of which window: not well-formed"),
    ("\\delta^l =\n \\left[", "the example's error matrix (given)"),
    ("\\Longrightarrow\n \\left[", "the max-pooling up-sampling drawn with arrows for given positions, not an equation"),
    (r"=\frac{\partial C}{\partial \boldsymbol{z}^{l-1}}\\", "definition of delta"),
    (r"=\sum_k \delta_k^{l} \boldsymbol{W}_{kj}^{l} \sigma^\prime (\boldsymbol{z}_j^{l-1})", "the fully connected rule BP-2 recalled (W_kj a dense weight), not a statement about the kernel"),
    (r"\frac{\partial C}{\partial \boldsymbol{z}_{i, j}^{l-1}}", "definition of delta"),
]

REACT = [
    ("r_w_chain", r"\frac{\partial L}{\partial w_{p,q,d,k}^l} = \sum_{i,j} \frac{\partial L}{\partial z_{i,j,k}^l} \frac{\partial z_{i,j,k}^l}{\partial w_{p,q,d,k}^l}", "chain rule over the outputs of channel k"),
    ("r_w_local", r"\frac{\partial z_{i,j,k}^l}{\partial w_{p,q,d,k}^l} = a_{i+p,j+q,d}^{l-1}", "local derivative of the forward"),
    ("r_w_xc", r"a_{i+p,j+q,d}^{l-1} = (\delta_k^l \circledast a_d^{l-1})(p,q)", "sum_{i,j} delta a_{i+p,j+q}, and the page's circledast (f circledast g)(t) = sum f(tau) g(t + tau) gives the same"),
    ("r_b", r"\frac{\partial L}{\partial b_k^l} = \sum_{i,j}", "bias gradient"),
    ("r_x_local", r"\frac{\partial z_{p,q,k}^l}{\partial a_{i,j,d}^{l-1}} = w_{i-p,j-q,d,k}^l", "local derivative, zero outside the filter (as the page says)"),
    ("r_act", r"\delta_{i,j,d}^{l-1} = \frac{\partial L}{\partial z_{i,j,d}^{l-1}} = ", "through the activation of layer l-1"),
    ("r_full", r"\delta_{i,j,d}^{l-1} = g^{l-1\prime}(z_{i,j,d}^{l-1}) \cdot \sum_{k=1}^{K^l}", "dL/dz^{l-1}"),
    ("r_maxpool", "\\frac{\\partial L}{\\partial a_{i,j,k}^{l-1}} = \n\\begin{cases}", "the page's pooling has stride 1 (overlapping windows): input (i, j) feeds the outputs (i-p, j-q), not (floor(i/k_h), floor(j/k_w)), and may be the maximum of several windows; the rule holds only for stride k_h, k_w"),
    ("r_avgpool", r"\frac{\partial L}{\partial a_{i,j,k}^{l-1}} = \frac{1}{k_h \times k_w}", "stride 1: input (i, j) receives 1/(k_h k_w) of every output whose window holds it; the rule written is the one for stride k_h, k_w"),
    ("r_fc_delta", r"\delta_j^l = g^{l\prime}(z_j^l) \sum_{k} w_{jk}^{l+1} \delta_k^{l+1}", "dense layers, z_j^l = sum_i w_ij^l a_i^{l-1} + b_j (the order dL/dw_ij = delta_j a_i fixes)"),
    ("r_fc_w", r"\frac{\partial L}{\partial w_{ij}^l} = \delta_j^l a_i^{l-1}", "dense weight gradient"),
    ("r_s_delta", r"\delta_{i,j,c_{out}}^l = \frac{\partial L}{\partial Z[i, j, c_{out}]} = ", "G = sigma(Z): through the activation"),
    ("r_s_K", r"\frac{\partial L}{\partial K[k, l, c_{in}, c_{out}]} = \sum_i \sum_j", "stride and padding: kernel gradient, F zero in the padding"),
    ("r_s_b", r"\frac{\partial L}{\partial b[c_{out}]} = \sum_i \sum_j \delta_{i,j,c_{out}}^l", "bias gradient"),
    ("r_s_F", r"\frac{\partial L}{\partial F[i', j', c_{in}]} = \sum_{c_{out}} \sum_k \sum_l", "input gradient: the terms whose output index is a whole number inside the output (as the page says)"),
]
REACT_DIRS = [
    ("## Backpropagation in CNNs\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output L=loss layout: a^{l-1}=HWC w^l=HWIO z^l=HWC -->"),
    ("#### Max Pooling\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=1 index_base=0 names: a^{l-1}=input a^l=output L=loss -->"),
    ("#### Average Pooling\n", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=1 index_base=0 names: a^{l-1}=input a^l=output L=loss -->"),
    ("### For Fully Connected Layers\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: a=input w=kernel z=output L=loss -->"),
    ("### For Convolutional Layers\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: F=input K=kernel b=bias Z=output L=loss layout: F=HWC K=HWIO Z=HWC -->"),
]
REACT_EXCL = [
    (r"z_{i,j,k}^l = b_k^l + \sum_{d=1}^{D^{l-1}}", "forward definition"),
    (r"a_{i,j,k}^l = g^l(z_{i,j,k}^l)", "forward definition"),
    (r"a_{i,j,k}^l = \max_{0 \leq p < k_h, 0 \leq q < k_w}", "forward definition (max pooling, stride 1)"),
    (r"a_{i,j,k}^l = \frac{1}{k_h \cdot k_w}", "forward definition (average pooling, stride 1)"),
    (r"\delta_{i,j,k}^l = \frac{\partial L}{\partial z_{i,j,k}^l}", "definition of delta"),
    (r"\frac{\partial L}{\partial w_{p,q,d,k}^l} = \sum_{i,j} \delta_{i,j,k}^l \cdot a_{i+p,j+q,d}^{l-1}", "the same equation opens the next display, whose claim covers it (this text is not unique)"),
    (r"\delta_{i,j,d}^{l-1} = \frac{\partial L}{\partial a_{i,j,d}^{l-1}} = \sum_{k=1}^{K^l}", "delta is defined at the top as dL/dz, but this display sets delta^{l-1} equal to dL/da^{l-1} (the activation's factor g' comes two displays later): whether it defines delta^{l-1} afresh for this step (then the rows hold) or claims it (then they lack g') is not settled"),
    (r"\delta_{i,j,d}^{l-1} = \sum_{k=1}^{K^l} \sum_{p,q} \delta_{p,q,k}^l \cdot w_{i-p,j-q,d,k}^l", "delta is defined at the top as dL/dz, but this display sets delta^{l-1} equal to dL/da^{l-1} (the activation's factor g' comes two displays later): whether it defines delta^{l-1} afresh for this step (then the rows hold) or claims it (then they lack g') is not settled (sum over the outputs)"),
    (r"\delta_{i,j,d}^{l-1} = \sum_{k=1}^{K^l} (\delta_k^l * w_{d,k}^l)(i,j)", "delta is defined at the top as dL/dz, but this display sets delta^{l-1} equal to dL/da^{l-1} (the activation's factor g' comes two displays later): whether it defines delta^{l-1} afresh for this step (then the rows hold) or claims it (then they lack g') is not settled (the true convolution)"),
    (r"G[i, j, c_{out}] = \sigma\left(", "forward definition (stride and padding)"),
    (r"\frac{\partial L}{\partial w_{p,q,d,k}^l} = (\delta_k^l \circledast a_d^{l-1})(p,q)", "restated in the stride section with the stride-1 names of the first part: which layer it means is not settled"),
]

WWW = [
    ("w_F", r"\frac{\partial L}{\partial F} = \frac{\partial L}{\partial O} \frac{\partial O}{\partial F}", "the output gradient times the Jacobian of O by F"),
    ("w_Fi", r"\frac{\partial L}{\partial F_i} = \sum_{k=1}^M", "chain rule over the M outputs"),
    ("w_Xi", r"\frac{\partial L}{\partial X_i} = \sum_{k=1}^{M}", "chain rule over the M outputs"),
]
WWW_DIRS = [
    ("**Convolution layer**\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross names: X=input F=kernel O=output L=loss -->"),
]
WWW_EXCL = []

VI = [
    ("v_chain", r"\frac{\partial L}{\partial W} = \underbrace{", "chain rule through the summed output Y_pred"),
    ("v_dY", r"\frac{\partial L}{\partial Y_{pred}} = 2 \times (5 - 10) = -10", "L = (Y - 10)^2 at Y = 5"),
    ("v_g1", r"\text{Grad}_1 = (-10) \times 10 = -100", "W_trái meets pixel 1 in window 1 and pixel 2 in window 2, and both windows feed Y_pred: dY/dW_trái = 10 + 10, the gradient is -200"),
    ("v_g2", r"\text{Grad}_2 = (-10) \times 0 = 0", "W_phải meets pixel 2 (10) in window 1 and pixel 3 (0) in window 2: dY/dW_phải = 10, the gradient is -100"),
]
VI_DIRS = [
    ("### PHẦN 3: BACKPROPAGATION\n", "<!-- symbp: layer=conv1d input=3 kernel=2 bias=0 conv=cross index_base=1 names: X=input W=kernel L=loss -->"),
]
VI_EXCL = [
    (r"(10 \times 0.5) + (10 \times -0.5) = 5 - 5 = 0", "forward arithmetic"),
    (r"(10 \times 0.5) + (0 \times -0.5) = 5 - 0 = 5", "forward arithmetic"),
    (r"Y_{pred} = 0 + 5 = 5", "forward arithmetic"),
    (r"L = (Y_{pred} - Y_{true})^2", "definition of the loss"),
    (r"L = (5 - 10)^2 = (-5)^2 = 25", "loss value"),
    (r"\text{Kết quả} = (\text{Pixel}_2 \times W_{\text{trái}})", "forward of the second window"),
    (r"5 = (10 \times 0.5) + (0 \times -0.5)", "forward arithmetic"),
    (r"W_{\text{mới}} = W_{\text{cũ}} - (\eta \times \text{Gradient})", "update rule"),
    (r"W_{\text{mới}} = 0.5 - (0.01 \times -100)", "update arithmetic"),
    (r"W_{\text{mới}} = -0.5 - (0.01 \times 0)", "update arithmetic"),
    (r"W_{new} = W_{old} - \eta \cdot \nabla Loss", "update rule"),
]

DE = [
    ("g_dZ", r"dZ^{[l]} := \frac{\partial J }{\partial Z^{[l]}} = dA^{[l]} * g'(Z^{[l]})", "through the activation, entrywise"),
    ("g_dW", r"dW^{[l]} := \frac{\partial J }{\partial W^{[l]}} = \frac{1}{m} dZ^{[l]} A^{[l-1] T}", "dZ is defined as dJ/dZ itself, so dJ/dW = dZ A^T: the extra 1/m makes it m times too small (m >= 2), whatever J is"),
    ("g_db", r"db^{[l]} := \frac{\partial J }{\partial b^{[l]}} = \frac{1}{m} \sum_{i = 1}^{m} dZ^{[l](i)}", "likewise dJ/db = sum_i dZ^{(i)}: the extra 1/m is wrong"),
    ("g_dA", r"dA^{[l-1]} := \frac{\partial J }{\partial A^{[l-1]}} = W^{[l] T} dZ^{[l]}", "dJ/dA^{[l-1]} = W^T dZ"),
]
DE_DIRS = [
    ("### Forwärts- und Rückwärtslauf\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 names: A^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias Z^{[l]}=output J=loss -->"),
]
DE_EXCL = [
    (r"Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]} \tag{1}", "forward definition"),
    (r"A^{[l]} = g(Z^{[l]}) \tag{2}", "forward definition"),
    (r"W^{[l]} = W^{[l]} - \alpha \text{ } dW^{[l]} \tag{7}", "update rule"),
    (r"b^{[l]} = b^{[l]} - \alpha \text{ } db^{[l]} \tag{8}", "update rule"),
]

BGD = [
    ("b_chain", r"\partial_{\theta^{(k)}_\alpha}\mathcal L = \sum_\beta\partial_{X^{(k)}_\beta}\mathcal L\partial_{\theta^{(k)}_\alpha}X^{(k)}_\beta", "chain rule over the layer's outputs"),
    ("b_fc_w1", r"\partial_{A^{(k)}_{i,j}}\mathcal L(X) = \sum", "dense layer X A + b: chain rule, then the forward put in"),
    ("b_fc_w2", r"= \sum_{\alpha,\beta = (1,1)}^{(\ell, n^{(k)})}\varepsilon^{(k)}_{\alpha,\beta}X_{\alpha,i}\delta_\beta^j", "sum_alpha epsilon_{alpha,j} X_{alpha,i} = (X' epsilon)_{ij}"),
    ("b_fc_b", r"\partial_{b^{(k)}_i}\mathcal L = \sum_{\alpha,\beta = (1,1)}", "dense bias: the column sums of epsilon"),
    ("b_fc_x1", r"\partial_{X^{(k-1)}_{i,j}}\mathcal L = \sum", "the inner sum drops A_{gamma,beta}: dX_{alpha,beta}/dX_{i,j} is delta_i^alpha A_{j,beta}, not delta_i^alpha delta_j^gamma summed over gamma (that sum gives sum_beta epsilon_{i,beta})"),
    ("b_fc_x2", r"= \sum_{\beta=1}^{n^{(k)}}\varepsilon^{(k)}_{i,\beta}A^{(k)}_{\beta,j}", "A_{beta,j} should be A_{j,beta} (A is n^{(k-1)} x n^{(k)}; with other sizes A_{beta,j} does not even exist); the closing (epsilon A')_{ij} is right"),
    ("b_cv_w1", r"\partial_{\omega^{(k)}_\alpha}\mathcal L = \sum", "the second sum reads X^{(k)}, the layer's output, where its input X^{(k-1)} is meant (wrong under either form of the forward the page writes; entries of X^{(k)} at those indices need not even exist)"),
    ("b_cv_b", r"\partial_{b^{(k)}_i}\mathcal L = \sum_{\beta}\varepsilon^{(k)}_\beta", "bias of filter i: epsilon summed over batch and positions (true whichever form of the forward)"),
]
BGD_DIRS = [
    ("## Backpropagation\n\nBackpropagation iteratively", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows names: X=input A^{(k)}=kernel b^{(k)}=bias X^{(k)}=output -->"),
    ("## Fully Connected\n", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows index_base=1 names: X=input X^{(k-1)}=input A^{(k)}=kernel b^{(k)}=bias X^{(k)}=output -->"),
    ("## Convolutional Layer\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 dilation=1 channels=2,3 batch=2 conv=cross names: X^{(k-1)}=input \\omega^{(k)}=kernel b^{(k)}=bias X^{(k)}=output layout: X^{(k-1)}=NHWC \\omega^{(k)}=OHWI X^{(k)}=NHWC -->"),
]
BGD_EXCL = [
    (r"\theta^{(k)} = (A^{(k)}, b^{(k)}) \in", "parameters"),
    (r"x \mapsto xA^{(k)} + b^{(k)}.", "forward definition"),
    (r"(\ell, H, W, n_C^{(k)}) * (n_F^{(k)}, F_H^{(k)}, F_W^{(k)}, n_C^{(k)}) \mapsto", "output shape"),
    (r"(\ell, \lfloor(H - \hat F_H^{(k)}) / \sigma_1\rfloor + 1, \lfloor(W - \hat F_W^{(k)}) / \sigma_2\rfloor + 1, n_F^{(k)}),", "output shape"),
    (r"X \mapsto \Lambda^{(k)}_{\theta^{(k)}}(X; \sigma, \delta),", "domain and range of the layer function"),
    (r"\Lambda^{(k)}_{\theta^{(k)}}(X^{(k-1)}; \sigma, \delta)_\beta = \sum_{\gamma_1=1}^{F_H^{(k)}}", "forward definition"),
    (r"\partial_{\omega^{(k)_\alpha}}X^{(k)}_\beta", "the row restates the forward as X_{beta_0, sigma_1 beta_1 + delta_1 gamma_1, ...} while the layer function above reads X_{beta_0, beta_1 + sigma_1 gamma_1, ...} (no dilation, gamma from 1): which forward it derives from is not settled"),
    (r"= \delta^{\beta_3}_{\alpha_0}X^{(k-1)}_{\beta_0,\sigma_1\beta_1 + \delta_1\alpha_1", "same: depends on which of the two forwards"),
    (r"= \sum_{\beta_0,\beta_1,\beta_2}\pi_{\tau_{0,3}}\varepsilon^{(k)}", "same: depends on which of the two forwards (and on how Lambda reads strides and dilations)"),
    (r"\partial_{X^{(k-1)}_\alpha}\mathcal L = \sum_{\beta}", "same: depends on which of the two forwards"),
]

KO = [
    ("k_out", r"\boldsymbol\delta^{(n)} = \mathbf{p} - \mathbf{y}", "softmax with the cross-entropy of a target y (a label: sum y = 1)"),
    ("k_back", r"\boldsymbol\delta^{(l)} = \left( W^{(l+1)\top}\,\boldsymbol\delta^{(l+1)} \right) \odot \sigma'(\mathbf{z}^{(l)})", "z = W a + b (column vectors): delta one layer back"),
    ("k_dW", r"\frac{\partial L}{\partial W^{(l)}} = \boldsymbol\delta^{(l)}\,\mathbf{a}^{(l-1)\top}", "weight gradient"),
    ("k_db", r"\frac{\partial L}{\partial \mathbf{b}^{(l)}} = \boldsymbol\delta^{(l)}", "bias gradient"),
    ("k_deriv", r"\delta^{(l)}_j = \sum_i \underbrace{", "the chain rule for one entry, dz_i^{(l+1)}/da_j^{(l)} = W_{ij}^{(l+1)}"),
    ("k_K00", r"\frac{\partial L}{\partial K_{00}} = G_{00}X_{00} + G_{01}X_{01} + G_{10}X_{10} + G_{11}X_{11}", "3 x 3 input, 2 x 2 kernel: the four paths of K_00"),
    ("k_Kmn", r"\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} G_{i,j}\,X_{i+m,\,j+n}", "kernel gradient (any size)"),
    ("k_n00", r"\partial L/\partial K_{00} = 1\cdot1 + 0\cdot2 + (-1)\cdot0 + 2\cdot1 = 3", "the example's numbers"),
    ("k_n01", r"\partial L/\partial K_{01} = 1\cdot2 + 0\cdot0 + (-1)\cdot1 + 2\cdot3 = 7", "the example's numbers"),
    ("k_n10", r"\partial L/\partial K_{10} = 1\cdot0 + 0\cdot1 + (-1)\cdot2 + 2\cdot1 = 0", "the example's numbers"),
    ("k_n11", r"\partial L/\partial K_{11} = 1\cdot1 + 0\cdot3 + (-1)\cdot1 + 2\cdot0 = 0", "the example's numbers"),
    ("k_nK", r"\frac{\partial L}{\partial K} = \begin{bmatrix}3", "the example's kernel gradient"),
    ("k_X11", r"\frac{\partial L}{\partial X_{11}} = G_{00}K_{11} + G_{01}K_{10} + G_{10}K_{01} + G_{11}K_{00}", "the centre input takes part in the four outputs"),
    ("k_dX", r"\frac{\partial L}{\partial X} = \text{pad}(G) * \text{rot180}(K)", "k - 1 zeros round G (the prose), slid with the turned kernel (the lesson's * slides its second argument): the input gradient"),
    ("k_mc", r"\frac{\partial L}{\partial K_{o,c,m,n}} = \sum_{b}\sum_{i}\sum_{j} G_{b,o,i,j}\,X_{b,c,\,i+m,\,j+n}", "channels and batch: kernel gradient"),
    ("k_depth", r"\boldsymbol\delta^{(1)} = \left[\prod_{l=1}^{n-1} D^{(l)}\,W^{(l+1)\top}\right]\boldsymbol\delta^{(n)}", "rule (2) repeated, the product read from l = 1 on the left"),
]
KO_DIRS = [
    ("### FC layer의 역전파\n", "<!-- symbp: layer=fc in=3 out=2 names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output L=loss -->"),
    ("### conv layer의 역전파\n", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->"),
    ("## 결과 해석\n", "<!-- symbp: layer=fc in=3 out=2 names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output L=loss -->"),
]
KO_EXCL = [
    (r"\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)} + \mathbf{b}^{(l)}, \qquad", "forward definition"),
    (r"\boldsymbol{\delta}^{(l)} = \frac{\partial L}{\partial \mathbf{z}^{(l)}}", "definition of delta"),
    (r"Z^{(l)} = A^{(l-1)}W^{(l)\top} + \mathbf{b}^{(l)}, \qquad", "the batch loss (a sum or a mean of the examples' losses) is not defined, and the 1/B depends on it"),
    (r"Y_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} K_{m,n}\,X_{i+m,\,j+n}", "forward definition"),
    (r"K_{00}X_{00} + K_{01}X_{01} + K_{10}X_{10} + K_{11}X_{11}", "forward written out"),
    (r"X = \begin{bmatrix}1", "the example's numbers (given)"),
]

TABLE_MORE = {
    "cnn1_cnn4_upsample_zh.md": ("cnn14", CNN14, CNN14_DIRS, CNN14_EXCL),
    "react_cnn_backprop_en.md": ("react", REACT, REACT_DIRS, REACT_EXCL),
    "wwwonderer_cnn_backprop_en.md": ("www", WWW, WWW_DIRS, WWW_EXCL),
    "conv1d_tiger_stripes_vi.md": ("vi", VI, VI_DIRS, VI_EXCL),
    "ki_vorlesung_backprop_de.md": ("de", DE, DE_DIRS, DE_EXCL),
    "bgd_math_docs_en.md": ("bgd", BGD, BGD_DIRS, BGD_EXCL),
    "backprop_alexnet_course_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
}
