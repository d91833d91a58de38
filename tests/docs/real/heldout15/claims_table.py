"""The fifteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout15.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

KH = [
    ("kh_w5a", r"\frac{\partial L}{\partial \hat{y_1}} \cdot \frac{\partial \hat{y_1}}{\partial w_5}", "w_5 reaches L only through yhat_1: chain rule"),
    ("kh_w5b", r"= \frac{\partial ((y_1 - \hat{y_1})^2)}{\partial \hat{y_1}} \cdot \frac{\partial (w_5 \cdot a_1 + w_6 \cdot a_2)}{\partial w_5}", "the two factors written from L = (y_1 - yhat_1)^2 and yhat_1 = w_5 a_1 + w_6 a_2"),
    ("kh_w5c", r"= -2(y_1 - \hat{y_1}) \cdot a_1", "dL/dw_5 = -2 (y_1 - yhat_1) a_1"),
    ("kh_w5n", r"= -0.227", "at the example's data the true dL/dw_5 is -0.22689"),
    ("kh_w6a", r"\frac{\partial L}{\partial \hat{y_1}} \cdot \frac{\partial \hat{y_1}}{\partial w_6}", "chain rule"),
    ("kh_w6b", r"= \frac{\partial (y_1 - \hat{y_1})^2}{\partial \hat{y_1}} \cdot \frac{\partial (w_5 \cdot a_1 + w_6 \cdot a_2)}{\partial w_6}", "the two factors written out"),
    ("kh_w6c", r"= -2(y_1 - \hat{y_1}) \cdot a_2", "dL/dw_6 = -2 (y_1 - yhat_1) a_2"),
    ("kh_w6n", r"= -0.225", "true -0.22485"),
    ("kh_w1a", r"\frac{\partial \hat{y_1}}{\partial a_1} \cdot \frac{\partial a_1}{\partial z_1} \cdot \frac{\partial z_1}{\partial w_1}", "w_1 reaches L only through z_1, a_1 and yhat_1: chain rule"),
    ("kh_w1b", r"\cdot \frac{\partial \left(\frac{1}{1+e^{-z_1}}\right)}{\partial z_1} \cdot \frac{\partial (w_1 \cdot x_1 + w_3 \cdot x_2)}{\partial w_1}", "the four factors written from the forward definitions"),
    ("kh_w1c", r"= -2(y_1 - \hat{y_1}) \cdot w_5 \cdot \left(\frac{1}{1+e^{-z_1}}\right) \cdot \left(1 - \frac{1}{1+e^{-z_1}}\right) \cdot x_1", "dL/dw_1 = -2 (y_1 - yhat_1) w_5 sigma(z_1)(1 - sigma(z_1)) x_1"),
    ("kh_w2n", r"\frac{\partial L}{\partial w_2} = -0.0255", "w_2 feeds z_2 from x_1: true -0.025444"),
    ("kh_w3n", r"\frac{\partial L}{\partial w_3} = -0.0122", "w_3 feeds z_1 from x_2: true -0.012189"),
    ("kh_w4n", r"\frac{\partial L}{\partial w_4} = -0.0153", "w_4 feeds z_2 from x_2: true -0.015266"),
]
KH_DIRS = [
    ("#### 역전파\n", "<!-- symbp: layer=fc in=2 out=1 index_base=1 names: a=input w=kernel \\hat{y_1}=output L=loss -->"),
    ("For a first-layer weight the chain runs", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: x=input w=kernel z=output L=loss -->"),
    ("In the same way:", "<!-- symbp: layer=activation name=sigmoid -->"),
]
KH_EXCL = [
    (r"X = \begin{pmatrix} x_1 & x_2 \end{pmatrix}", "the example's data"),
    (r"z_1 = w_1 \cdot x_1 + w_3 \cdot x_2", "forward definition"),
    (r"z_2 = w_2 \cdot x_1 + w_4 \cdot x_2", "forward definition"),
    (r"a_1 = Sigmoid(z_1) = \frac{1}{1+e^{-z_1}}", "forward value"),
    (r"a_2 = Sigmoid(z_1) =  \frac{1}{1+e^{-z_2}}", "forward value (its left side says z_1)"),
    (r"\hat{y_1} = w_5 \cdot a_1 + w_6 \cdot a_2 = 0.552 \times 0.4", "forward value"),
    (r"L &= (y_1 - \hat{y})^2", "definition of the loss and its value"),
    (r"= -2 \cdot (0.7 - 0.4943) \cdot 0.552", "a product of rounded values; the number it comes to is judged on the next row"),
    (r"= -2 \cdot (0.7 - 0.4943) \cdot 0.547", "a product of rounded values; the number it comes to is judged on the next row"),
    (r"= -0.0204", "true dL/dw_1 is -0.020315: 0.85 units of the last digit off, in the band where the verdict would hang on the tolerance"),
    (r"W_{\text{new}} = W_{\text{old}}", "update rule"),
    (r"w_1' = w_1 - \eta", "update"),
    (r"w_2' = 0.203", "updates"),
    (r"\hat{y_1} = 0.5199", "forward value after the update"),
]

ND = [
    ("nd_dW1", r"\frac{\partial \mathcal{L}(Y, \hat{Y})}{\partial W^{(l, p, d)}} =\frac{\partial \mathcal{L}(Y, \hat{Y})}{\partial Z^{(l, p)}} \otimes X^{(l-1, d)}", "with W otimes X the cross-correlation y_ij = sum_uv w_uv x_{i+u-1,j+v-1}, dL/dZ^{(l,p)} otimes X^{(l-1,d)} is sum_ij delta_ij x_{i+u-1,j+v-1}: the kernel gradient"),
    ("nd_dW2", r"=\delta^{(l, p)} \otimes X^{(l-1, d)}", "the same with delta^{(l,p)} = dL/dZ^{(l,p)}"),
    ("nd_db", r"\frac{\partial \mathcal{L}(Y, \hat{Y})}{\partial b^{(l, p)}}=\sum_{i, j}[\delta^{(l, p)}]_{i, j}", "b^{(l,p)} is added to every entry of Z^{(l,p)}"),
    ("nd_pool_chain", r"=\frac{\partial X^{(l, p)}}{\partial Z^{(l, p)}} \cdot \frac{\partial Z^{(l+1, p)}}{\partial X^{(l, p)}} \cdot", "chain rule in the book's denominator layout: diag f_l'(Z^{(l,p)}) times the pooling Jacobian (transposed) times delta^{(l+1,p)}"),
    ("nd_pool_up", r"=f_{l}^{\prime}(Z^{(l, p)}) \odot \operatorname{up}(\delta^{(l+1, p)})", "2 x 2 regions without overlap: up sends each error to its region's maximum (max pooling) or shares it by 4 (mean pooling); both checked"),
    ("nd_conv_chain", r"=\frac{\partial X^{(l, d)}}{\partial Z^{(l, d)}} \cdot \frac{\partial \mathcal{L}(Y, \hat{Y})}{\partial X^{(l, d)}}", "X^{(l,d)} = f_l(Z^{(l,d)}) element by element"),
    ("nd_conv_rot", r"\tilde{\otimes} \frac{\partial \mathcal{L}(Y, \hat{Y})}{\partial Z^{(l+1, p)}}\right)", "f_l'(Z^{(l)}) is the derivative at the whole M x N x D net input while the sum is one M x N map: the product does not exist for D > 1 (with f_l'(Z^{(l,d)}) the row holds: rot180(W) wide-correlated with dL/dZ^{(l+1,p)}, summed over p, is dL/dX^{(l,d)})"),
    ("nd_conv_delta", r"\tilde{\otimes} \delta^{(l+1, p)}\right)", "as the row above: f_l'(Z^{(l)}) has D maps, the sum one"),
]
ND_DIRS = [
    ("## 参数学习\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=1 names: X^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias Z^{(l)}=output \\mathcal{L}=loss layout: X^{(l-1)}=HWC W^{(l)}=HWIO Z^{(l)}=HWC -->"),
    ("(1) **汇聚层**的误差项", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=1 names: X^{(l)}=input Z^{(l+1)}=output \\mathcal{L}=loss -->"),
    ("(2) **卷积层**的误差项", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=1 names: X^{(l)}=input W^{(l+1)}=kernel b^{(l+1)}=bias Z^{(l+1)}=output \\mathcal{L}=loss layout: X^{(l)}=HWC W^{(l+1)}=HWIO Z^{(l+1)}=HWC -->"),
]
ND_EXCL = [
    (r"y_{i j}=\sum_{u=1}^{m} \sum_{v=1}^{n} w_{u v} \cdot x_{i-u+1, j-v+1}", "definition of convolution"),
    (r"y_{i j}=\sum_{u=1}^{m} \sum_{v=1}^{n} w_{u v} \cdot x_{i+u-1, j+v-1}", "definition of cross-correlation"),
    (r"Z^{p}=\boldsymbol{W}^{p} \otimes \boldsymbol{X}+b^{p}", "forward definition"),
    (r"Z^{(l, p)}=\sum_{d=1}^{D} W^{(l, p, d)} \otimes X^{(l-1, d)}+b^{(l, p)}", "forward definition"),
    (r"\delta^{(l, p)} & \triangleq", "definition of the error term"),
    (r"Z^{(l+1, p)}=\sum_{d=1}^{D} W^{(l+1, p, d)} \otimes X^{(l, d)}+b^{(l+1, p)}", "forward definition"),
    (r"\delta^{(l, d)} & \triangleq", "definition of the error term"),
    (r"\boldsymbol{z} &=\boldsymbol{w} \otimes \boldsymbol{x}", "the forward convolution written as a matrix product (not a gradient)"),
]

HX = [
    ("hx_chain", r"\frac{\partial L}{\partial x_{p, k}} = \sum^{3}_{i = 1} \sum^{3}_{j = 1} \frac{\partial L}{\partial u_{i, j}} \cdot \frac{\partial u_{i, j}}{\partial x_{p, k}} = \sum^{3}_{i = 1}", "chain rule over the nine outputs, delta_ij = dL/du_ij"),
    ("hx_x11", r"\frac{\partial L}{\partial x_{1, 1}} = \delta", "dL/dx_{1,1}: the terms written are exactly the outputs whose window covers x_{1,1}, each with the kernel entry that meets it"),
    ("hx_x12", r"\frac{\partial L}{\partial x_{1, 2}} = \delta", "dL/dx_{1,2}: the terms written are exactly the outputs whose window covers x_{1,2}, each with the kernel entry that meets it"),
    ("hx_x22", r"\frac{\partial L}{\partial x_{2, 2}} = \delta", "dL/dx_{2,2}: the terms written are exactly the outputs whose window covers x_{2,2}, each with the kernel entry that meets it"),
    ("hx_x23", r"\frac{\partial L}{\partial x_{2, 3}} = \delta", "dL/dx_{2,3}: the terms written are exactly the outputs whose window covers x_{2,3}, each with the kernel entry that meets it"),
    ("hx_x33", r"\frac{\partial L}{\partial x_{3, 3}} = \delta", "dL/dx_{3,3}: the terms written are exactly the outputs whose window covers x_{3,3}, each with the kernel entry that meets it"),
    ("hx_x45", r"\frac{\partial L}{\partial x_{4, 5}} = \delta", "dL/dx_{4,5}: the terms written are exactly the outputs whose window covers x_{4,5}, each with the kernel entry that meets it"),
    ("hx_x53", r"\frac{\partial L}{\partial x_{5, 3}} = \delta", "dL/dx_{5,3}: the terms written are exactly the outputs whose window covers x_{5,3}, each with the kernel entry that meets it"),
    ("hx_x33conv", r"\frac{\partial L}{\partial x_{3, 3}} = \begin{bmatrix}", "the VALID sliding product of two 3 x 3 matrices is the sum of their entrywise products: sum_ij delta_ij k_{4-i,4-j} = dL/dx_{3,3}"),
    ("hx_full", r"\end{bmatrix} = \begin{bmatrix}", "delta padded by k - 1 = 2 zeros on every side, slid against the kernel turned by 180 degrees: the full convolution, dL/dx"),
    ("hx_k12", r"\frac{\partial L}{\partial k_{1, 2}} = ", "dL/dk_{1,2} = sum_ij delta_ij x_{i+1-1, j+2-1}"),
    ("hx_k23", r"\frac{\partial L}{\partial k_{2, 3}} = ", "dL/dk_{2,3} = sum_ij delta_ij x_{i+2-1, j+3-1}"),
    ("hx_k33", r"\frac{\partial L}{\partial k_{3, 3}} = ", "dL/dk_{3,3} = sum_ij delta_ij x_{i+3-1, j+3-1}"),
    ("hx_db", r"\frac{\partial L}{\partial b} = ", "b is added to all nine outputs"),
    ("hx_dkconv", "\\end{bmatrix} = \n\\begin{bmatrix}\nx_{1, 1}", "the input slid against the error (VALID, stride 1): dL/dk_{a,b} = sum_ij x_{i+a-1,j+b-1} delta_ij"),
]
HX_DIRS = [
    ("##### 二、误差前向传递\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=1 names: x=input k=kernel b=bias u=output L=loss -->"),
    ("##### 三、参数更新\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=1 names: x=input k=kernel b=bias u=output L=loss -->"),
]
HX_EXCL = [
    (r"x \; conv \; k + b = u", "forward definition"),
    (r"\end{bmatrix} + b = ", "forward definition written out"),
    ("\\delta = \n\\begin{bmatrix}", "definition of the error matrix"),
    (r"x'' = \begin{bmatrix}", "definition of x''"),
    (r"x - (k - 1) = n", "size arithmetic"),
    (r"\therefore x = m + 2 * (k - 1)", "size arithmetic"),
    (r"\frac{\partial L}{\partial k_{1, 1}} =& ", "the worked chain for dL/dk_{1,1} writes its denominators without \\partial before k (\\frac{\\partial u_{1, 1}}{k_{1, 1}}): the reading of its rows is not settled; the result is scored in the summary below"),
    (r"\frac{\partial L}{\partial k} = [\frac{\partial L}{\partial k_{i, j}}]", "definition of the arranged matrix"),
    (r"\frac{\partial L}{\partial x_{1, 3}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{1, 4}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{1, 5}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{2, 1}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{2, 4}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{2, 5}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{3, 1}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{3, 2}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{3, 4}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{3, 5}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{4, 1}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{4, 2}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{4, 3}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{4, 4}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{5, 1}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{5, 2}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{5, 4}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial x_{5, 5}} = \delta", "holds; left out of the score to keep this document under 30% of the set"),
    (r"\frac{\partial L}{\partial k_{1, 1}} = ", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial k_{1, 3}} = ", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial k_{2, 1}} = ", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial k_{2, 2}} = ", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial k_{3, 1}} = ", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial k_{3, 2}} = ", "holds; left out of the score (30% cap)"),
]

MN = [
    ("mn_dz_chain", r"\mathcal{L}}{\partial a_{i,j,m}^l} \frac{\partial a_{i,j,m}^l}{\partial", "a^l_{i,j,m} = sigma(z^l_{i,j,m}) entry by entry: chain rule through the one activation"),
    ("mn_dz", r"\mathcal{L}}{\partial a_{i,j,m}^l} \sigma'(z_{i,j,m}^l)", "dL/dz = dL/da sigma'(z)"),
    ("mn_da_chain", r"z_{(i-a),(j-b),k}^{l+1}}{\partial a_{i,j,m}^l}", "the sum over k runs to K but layer l+1 has K feature maps (k = 0..K-1): z^{l+1}_{.,.,K} does not exist (with k to K-1 and z^{l+1} taken as zero outside its range the chain holds)"),
    ("mn_da", r"z_{(i-a),(j-b),k}^{l+1}} w_{a, b, m}^{l+1, k}", "as above: k = K names a feature map and a weight w^{l+1,K} that do not exist (with k to K-1, z^{l+1} zero outside, the row is dL/da^l)"),
]
MN_DIRS = [
    ("## Backward Propagation\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: a^{l-1}=input w^{l}=kernel b^{l}=bias z^l=output \\mathcal{L}=loss layout: a^{l-1}=HWC z^l=HWC -->"),
    ("For the last layer", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 channels=2,3 conv=cross index_base=0 names: a^l=input w^{l+1}=kernel z^{l+1}=output \\mathcal{L}=loss layout: a^l=HWC z^{l+1}=HWC -->"),
]
MN_EXCL = [
    (r"a^{l+1}_{j, k} = \sigma \left(", "forward definition"),
    (r"z^{l}_{i, j, m} = \sum_{a = 0}^{d-1}", "forward definition"),
    (r"a^{l}_{i, j, m} = \sigma (z_{i, j, m}^{l})", "forward definition"),
    (r"\frac{\partial \mathcal{L}}{w^{l, m}_{a,b,c}} &= \sum_{i = 0}^{r", "the denominators are written without \\partial (\\frac{\\partial \\mathcal{L}}{w^{l, m}_{a,b,c}}, \\frac{\\partial \\mathcal{L}}{b^{l, m}}): the reading is not settled"),
    (r"\boxed{\frac{\partial \mathcal{L}}{w^{l, m}_{a,b,c}} = \sum_{i = 0}^{r", "denominator without \\partial: the reading is not settled (read as dL/dw it holds)"),
    (r"\boxed{\frac{\partial \mathcal{L}}{b^{l, m}} = \sum_{i = 0}^{r", "denominator without \\partial: the reading is not settled (read as dL/db it holds)"),
]

KS = [
    ("ks_dWout", r"\frac{\partial L}{\partial \mathbf{W}_{\text{out}}} = \delta^{\text{out}} \mathbf{h}^{\top}", "z = W_out h + b_out: dL/dW_out = delta^out h^T and dL/db_out = delta^out (delta^out = dL/dz)"),
    ("ks_dfc", r"\delta^{\text{fc}} = (\mathbf{W}_{\text{out}}^{\top} \delta^{\text{out}}) \odot \sigma'(\mathbf{z}^{\text{fc}})", "h = sigma(z^fc): dL/dz^fc = (W_out^T delta^out) odot sigma'(z^fc)"),
    ("ks_dWfc", r"\frac{\partial L}{\partial \mathbf{W}_{\text{fc}}} = \delta^{\text{fc}} \mathbf{A}_{\text{prev}}^{\top}", "z^fc = W_fc A_prev + b_fc: both gradients"),
    ("ks_pool2", r"\delta^{\text{pool2}} = \text{Reshape}(\mathbf{W}_{\text{fc}}^{\top} \delta^{\text{fc}}, (32, 28, 28))", "dL/dA_prev = W_fc^T delta^fc, put back into the 32 x 28 x 28 shape the flattening read"),
    ("ks_relu2", r"\delta^{\text{relu2}} = \text{MaxUnpool}(\delta^{\text{pool2}}, \text{Mask}_{\text{pool2}})", "2 x 2 windows, stride 2: each error goes to its window's maximum"),
    ("ks_conv2out", r"\delta^{\text{conv2\_out}} = \delta^{\text{relu2}} \odot \mathbb{I}(\mathbf{C}_2 > 0)", "ReLU after the linear output C_2"),
    ("ks_dK2", r"\frac{\partial L}{\partial \mathbf{K}_2} = \text{Pad}(\mathbf{P}_1) * \delta^{\text{conv2\_out}}", "padding 1: each 3 x 3 slice (o, i) is the cross-correlation of the padded P_1 channel i with the error of channel o"),
    ("ks_db2", r"\frac{\partial L}{\partial b_2} = \sum_{h, w} \delta^{\text{conv2\_out}}_{:, h, w}", "one bias per output channel"),
    ("ks_pool1", r"\delta^{\text{pool1}} = \delta^{\text{conv2\_out}} *_{\text{full}} \mathbf{K}_2^{\text{rot180}}", "the full convolution of the 56 x 56 error with a 3 x 3 kernel is 58 x 58 while P_1 is 56 x 56: with padding 1 in the forward pass the border ring must be cut off (the cropped full convolution, summed over the 32 output channels, is dL/dP_1)"),
    ("ks_relu1", r"\delta^{\text{relu1}} = \text{MaxUnpool}(\delta^{\text{pool1}}, \text{Mask}_{\text{pool1}})", "max pooling 1 (2 x 2, stride 2), with delta^pool1 the true dL/dP_1"),
    ("ks_conv1out", r"\delta^{\text{conv1\_out}} = \delta^{\text{relu1}} \odot (\mathbf{C}_1 > 0)", "ReLU after the linear output C_1"),
    ("ks_dK1", r"\frac{\partial L}{\partial \mathbf{K}_1} = \text{Pad}(\mathbf{X}) * \delta^{\text{conv1\_out}}", "padding 1: cross-correlation of each padded input channel with each error channel"),
    ("ks_db1", r"\frac{\partial L}{\partial b_1} = \sum_{h, w} \delta^{\text{conv1\_out}}_{:, h, w}", "one bias per output channel"),
]
KS_DIRS = [
    ("### 3.2 역전파 알고리즘 및 출력층 그레디언트 (Backpropagation & Output Layer Gradients)\n", "<!-- symbp: layer=fc in=200 out=1 names: \\mathbf{h}=input \\mathbf{W}_{\\text{out}}=kernel b_{\\text{out}}=bias z=output L=loss -->"),
    ("### 3.3 Fully Connected Hidden Layer 및 Flatten 단계 역전파\n", "<!-- symbp: layer=fc in=25088 out=200 names: \\mathbf{A}_{\\text{prev}}=input \\mathbf{W}_{\\text{fc}}=kernel b_{\\text{fc}}=bias \\mathbf{z}^{\\text{fc}}=output L=loss -->"),
    ("### 3.4 Max Pooling 2 단계 역전파\n", "<!-- symbp: layer=maxpool input=56x56 kernel=2x2 stride=2 channels=32 names: \\mathbf{P}_2=output L=loss -->"),
    ("### 3.5 ReLU 2 및 Conv Layer 2 단계 역전파\n", "<!-- symbp: layer=conv2d input=56x56 kernel=3x3 channels=16,32 stride=1 padding=1 conv=cross index_base=0 names: \\mathbf{P}_1=input \\mathbf{K}_2=kernel b_2=bias \\mathbf{C}_2=output L=loss layout: \\mathbf{P}_1=CHW \\mathbf{K}_2=OIHW \\mathbf{C}_2=CHW -->"),
    ("### 3.6 Max Pooling 1, ReLU 1 및 Conv Layer 1 단계 역전파\n", "<!-- symbp: layer=conv2d input=112x112 kernel=3x3 channels=3,16 stride=1 padding=1 conv=cross index_base=0 names: \\mathbf{X}=input \\mathbf{K}_1=kernel b_1=bias \\mathbf{C}_1=output L=loss layout: \\mathbf{X}=CHW \\mathbf{K}_1=OIHW \\mathbf{C}_1=CHW -->"),
]
KS_EXCL = [
    (r"L_{BCE} = - \frac{1}{N} \sum_{i=1}^{N}", "definition of the loss"),
    (r"L_{MAE} = \frac{1}{N} \sum_{i=1}^{N} | y_i - t_i |", "monitoring metric, not used in training"),
    (r"\delta^{\text{out}} = \frac{\partial L}{\partial z} = y - t", "with L_BCE the mean over N samples the derivative by one sample's z is (y - t)/N; the text writes one sample's z, y and t without saying N = 1: the reading is not settled"),
    (r"\mathbf{W}_{\text{out}} &\leftarrow", "update rule"),
    (r"\mathbf{W}_{\text{fc}} \leftarrow", "update rule"),
    (r"\mathbf{K}_2 \leftarrow", "update rule"),
    (r"\mathbf{K}_1 \leftarrow", "update rule"),
]

WU = [
    ("g_bp1", r"\frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)." + "\n" + r"\tag{BP1}", "a^L_j = sigma(z^L_j), C a function of a^L: delta^L_j = dC/da^L_j sigma'(z^L_j)"),
    ("g_dCda", r"\frac{\partial C }{ \partial a^L_j} = (a_j^L-y_j)", "C = (1/2) sum_j (y_j - a^L_j)^2"),
    ("g_sig", r"\sigma'(z^L_j)= \sigma(z^L_j)\cdot \left( 1 - \sigma(z^L_j) \right)", "logistic sigmoid"),
    ("g_bp1a", r"\delta^L = \nabla_a C \odot \sigma'(z^L).", "BP1 for all j at once"),
    ("g_30", r"\odot \left[ 1-\sigma'(z^L)\right]", "the first equality holds, the second multiplies by 1 - sigma'(z^L) where sigma'(z^L) = sigma(z^L)(1 - sigma(z^L)) needs 1 - sigma(z^L)"),
    ("g_37", r"\delta^L_j = \sum_k \frac{\partial C}{\partial a^L_k} \frac{\partial a^L_k}{\partial z^L_j},", "chain rule through every output activation"),
    ("g_38", r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \frac{\partial a^L_j}{\partial z^L_j}.", "da^L_k/dz^L_j = 0 for k != j"),
    ("g_39", r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j),", "= BP1"),
    ("g_bp2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l),", "z^{l+1} = w^{l+1} sigma(z^l) + b^{l+1}"),
    ("g_41", r"\sum_k \frac{\partial C}{\partial z^{l+1}_k} \frac{\partial z^{l+1}_k}{\partial z^l_j} \tag{41}", "chain rule through every z^{l+1}_k"),
    ("g_42", r"\sum_k \frac{\partial z^{l+1}_k}{\partial z^l_j} \delta^{l+1}_k,", "the two factors swapped, delta^{l+1}_k put in"),
    ("g_45", r"\delta^l_j = \sum_k w^{l+1}_{kj}  \delta^{l+1}_k \sigma'(z^l_j).", "BP2 in components (the row is written twice, both (45); the first is scored)"),
    ("g_bp3", r"\frac{\partial C}{\partial b^l_j} =" + "\n" + r"  \delta^l_j.", "b^l_j enters z^l_j with coefficient 1"),
    ("g_31", r"\frac{\partial C}{\partial b} = \delta,", "BP3, delta at the bias's neuron"),
    ("g_bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j.", "z^l_j = sum_k w^l_jk a^{l-1}_k + b^l_j"),
    ("g_32", r"C}{\partial w} = a_{\rm in} \delta_{\rm out},", "BP4 with a_in the activation feeding w and delta_out the error of the neuron it feeds"),
]
WU_DIRS = [
    ("### BP1: Eine Gleichung für den Fehler in der Ausgabeschicht", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: a^{L-1}=input w^L=kernel b^L=bias z^L=output C=loss -->"),
    ("### BP2: Eine Gleichung für den Fehler", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: a^l=input w^{l+1}=kernel b^{l+1}=bias z^{l+1}=output C=loss -->"),
    ("### BP3: Eine Gleichung für die Änderungsrate", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output C=loss -->"),
]
WU_EXCL = [
    (r"\begin{align}  C(w,b) \equiv", "definition of the cost"),
    (r"a^{l}_j = \sigma\left( \sum_k w^{l}_{jk} a^{l-1}_k + b^l_j \right),", "forward definition"),
    (r"\sigma(z) \equiv \frac{1}{1+e^{-z}}.", "definition of the sigmoid"),
    (r"a^{l} = \sigma(w^l a^{l-1}+b^l).", "forward definition"),
    (r"C = \frac{1}{2n} \sum_x \|y(x)-a^L(x)\|^2,", "definition of the cost"),
    (r"C = \frac{1}{n} \sum_x C_x", "definition"),
    (r"C = \frac{1}{2} \|y-a^L\|^2 = \frac{1}{2} \sum_j (y_j-a^L_j)^2,", "definition of one example's cost"),
    (r"\delta^l_j \equiv \frac{\partial C}{\partial z^l_j}.", "definition of the error"),
    (r"$$C = \frac{1}{2} \sum_j(y_j-a^L_j)^2$$", "definition of the cost"),
    (r"\delta^L_j = \frac{\partial C}{\partial z^L_j}.", "definition of the error restated"),
    (r"\delta^l_j & = & \frac{\partial C}{\partial z^l_j} \tag{40}", "definition of the error restated (first row of (40)-(42))"),
    (r"z^{l+1}_k = \sum_j w^{l+1}_{kj} a^l_j +b^{l+1}_k", "forward definition"),
    (r"z^{l} = w^l a^{l-1}+b^l", "forward step of the algorithm"),
    (r"\delta^{L}= \nabla_a C \odot \sigma'(z^L)", "the algorithm restates (BP1a)"),
    (r"\delta^{l} = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^{l})", "the algorithm restates (BP2)"),
    ("\\frac{\\partial C}{\\partial w^l_{jk}} = a^{l-1}_k \\delta^l_j\n$$", "the algorithm restates (BP4)"),
    ("\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j\n$$", "the algorithm restates (BP3)"),
]

TABLE = {
    "keonhee_mlp_numbers_ko.md": ("kh", KH, KH_DIRS, KH_EXCL),
    "nndl_notes_conv_pool_zh.md": ("nd", ND, ND_DIRS, ND_EXCL),
    "hexo_conv_stride1_zh.md": ("hx", HX, HX_DIRS, HX_EXCL),
    "mananshah_convnets_en.md": ("mn", MN, MN_DIRS, MN_EXCL),
    "facecnn_spec_backprop_ko.md": ("ks", KS, KS_DIRS, KS_EXCL),
    "wuersch_backprop_nielsen_de.md": ("wu", WU, WU_DIRS, WU_EXCL),
}
