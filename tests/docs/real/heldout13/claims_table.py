"""The thirteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout13.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

RK = [
    ("r_chain31", r"\frac{d오차y_{out}}{dw_{31}} = \frac{d오차y_{out}}{dy_{o1}} \cdot \frac{dy_{o1}}{d가중합_{3}} \cdot \frac{d가중합_{3}}{dw_{31}}", "w_31 reaches the loss only through 가중합_3 and y_o1: chain rule (the row stands three times, identical)"),
    ("r_d1b", r"= (y_{t1} - y_{o1}) \cdot (-1)", "d오차y_out/dy_o1 = -(y_t1 - y_o1)"),
    ("r_d1c", r"\therefore \frac{d오차y_{out}}{dy_{o1}} = (y_{o1} - y_{t1})", "d오차y_out/dy_o1 = y_o1 - y_t1"),
    ("r_d2", r"\frac{dy_{o1}}{d가중합_{3}} = y_{o1} \cdot (1 - y_{o1})", "sigmoid: dy_o1/d가중합_3 = y_o1 (1 - y_o1)"),
    ("r_s1", r"= -(1 + e^{-x})^{-2} \cdot (-e^{-x})", "d/dx (1 + e^{-x})^{-1}"),
    ("r_s2", r"= \frac{e^{-x}}{(1 + e^{-x})^{2}}", "the same, simplified"),
    ("r_s5", r"= \frac{1}{1 + e^{-x}} (1 - \frac{1}{1 + e^{-x}})", "sigma (1 - sigma)"),
    ("r_s6", r"\therefore \frac{d}{dx}  \sigma (x) = \sigma (x) (1 - \sigma (x) )", "logistic sigmoid: sigma' = sigma (1 - sigma)"),
    ("r_d3", r"\frac{dy_{o1}}{d가중합_{3}} = y_{h1}", "dy_o1/d가중합_3 is y_o1 (1 - y_o1), not y_h1 (y_h1 is d가중합_3/dw_31, the factor meant)"),
    ("r_w31", r"= (y_{o1} - y_{t1}) \cdot y_{o1}(1 - y_{o1}) \cdot y_{h1}", "d오차y_out/dw_31 = (y_o1 - y_t1) y_o1 (1 - y_o1) y_h1"),
    ("r_chain11", r"\frac{d오차y_{out}}{dw_{11}} = \frac{d오차y_{out}}{dy_{h1}} \cdot \frac{dy_{h1}}{d가중합_{1}} \cdot \frac{d가중합_{1}}{dw_{11}}", "w_11 reaches the loss only through 가중합_1 and y_h1 (the row stands twice, identical)"),
    ("r_h23", r"\frac{dy_{h1}}{d가중합_{1}} \cdot \frac{d가중합_{1}}{dw_{11}} = y_{h1}(1 - y_{h1}) \cdot x_{1}", "sigmoid derivative times d가중합_1/dw_11 = x_1"),
    ("r_sum", r"\frac{d오차y_{out}}{dy_{h1}} = \frac{d(오차y_{o1}) + d(오차y_{o2})}{dy_{h1}}", "the loss is the sum of the two output errors"),
    ("r_a", r"\frac{d(오차y_{o1})}{dy_{h1}} = \frac{d오차y_{o1}}{d가중합_{3}} \cdot \frac{d가중합_{3}}{dy_{h1}}", "오차y_o1 depends on y_h1 only through 가중합_3"),
    ("r_a1", r"\frac{d오차y_{o1}}{d가중합_{3}} =  \frac{d오차y_{o1}}{dy_{o1}} \cdot \frac{dy_{o1}}{d가중합_{3}}", "chain rule through y_o1"),
    ("r_a2", r"\frac{d가중합_{3}}{dy_{h1}} = w_{31}", "가중합_3 = w_31 y_h1 + w_32 y_h2 + 1"),
    ("r_ac", r"\frac{d오차y_{o1}}{dy_{h1}} = (y_{o1} - y_{t1}) \cdot y_{o1} (1-y_{o1}) \cdot w_{31}", "d오차y_o1/dy_h1 (the row stands twice, the second extended by the delta form)"),
    ("r_ad", r"\cdot w_{31} = \delta y_{o1} \cdot w_{31}", "with the author's delta of node n3, (y_o1 - y_t1) y_o1 (1 - y_o1)"),
    ("r_b1", r"\frac{d오차y_{o2}}{dy_{h1}} = \frac{d오차y_{o2}}{d가중합_{4}} \cdot \frac{d가중합_{4}}{dy_{h1}}", "오차y_o2 depends on y_h1 only through 가중합_4"),
    ("r_b2", r"= \frac{d오차y_{o2}}{d가중합_{4}} \cdot w_{41}", "d가중합_4/dy_h1 = w_41"),
    ("r_b3", r"= (y_{o2} - y_{t2}) \cdot y_{o2} (1-y_{o2}) \cdot w_{41}", "d오차y_o2/dy_h1"),
    ("r_b4", r"= \delta y_{o2} \cdot w_{41}", "with the delta of node n4"),
    ("r_ab", r"\frac{d오차y_{out}}{dy_{h1}} = \frac{d오차y_{o1}}{dy_{h1}} + \frac{d오차y_{o2}}{dy_{h1}}", "(a) + (b)"),
    ("r_ab2", r"= \delta y_{o1} \cdot w_{31} + \delta y_{o2} \cdot w_{41}", "d오차y_out/dy_h1 = delta_o1 w_31 + delta_o2 w_41"),
    ("r_w11", r"= (\delta y_{o1} \cdot w_{31} + \delta y_{o2} \cdot w_{41}) \cdot y_{h1}(1 - y_{h1}) \cdot x_{1}", "d오차y_out/dw_11"),
]
RK_DIRS = [
    ("## 오차역전파 풀이\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: y_h=input w=kernel 가중합=output 오차y_{out}=loss -->"),
    ("##### (2)\n", "<!-- symbp: layer=activation name=sigmoid -->"),
    ("##### (3)\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: y_h=input w=kernel 가중합=output 오차y_{out}=loss -->"),
    ("### 6. 은닉층의 오차 업데이트\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: x=input w=kernel 가중합=output 오차y_{out}=loss -->"),
]
RK_EXCL = [
    (r"w(t + 1) =  w_{t} - \frac{d오차}{dw}", "update rule"),
    (r"w_{31} (t + 1) = w_{31}t - \frac{d 오차 y_{out}}{dw_{31}}", "update rule (twice)"),
    (r"오차 y_{out} = 오차y_{o1} + 오차y_{o2}", "definition of the loss"),
    (r"y_{o1} = \frac{1}{2}(y_{t1} - y_{o1})^{2}", "definition of the error of y_o1 (written as y_o1 itself)"),
    (r"y_{o2} = \frac{1}{2}(y_{t2} - y_{o2})^{2}", "definition of the error of y_o2 (written as y_o2 itself)"),
    (r"오차dy_{out} = \frac{1}{2}(y_{t1} - y_{o1})^{2}", "definition of the loss (written with a stray d)"),
    (r"\left \{ f(g(x)) \right \}' = f'(g(x))g'(x)", "the chain rule in general"),
    (r"\frac{df}{dx} = \frac{df}{dg} \cdot \frac{dg}{dx}", "the chain rule in general"),
    (r"\frac{d오차y_{out}}{dy_{o1}} = \left \{오차y_{o1} + 오차y_{o2}  \right \}'", "a prime with no variable: the derivative restated"),
    (r"= \left \{ \frac{1}{2}(y_{t1} - y_{o1})^{2} \right\}'", "a prime with no variable: the derivative restated"),
    (r"\frac{d}{dx}(\frac{1}{1 + e^{-x}}) = \frac{d}{dx}(1 + e^{-x})^{-1}", "first row of the sigmoid proof: the derivative restated"),
    (r"= \frac{1 + e^{-x} - 1}{(1 + e^{-x})^{2}}", "holds; left out of the score to keep this document under 30% of the set"),
    (r"= \frac{1}{1 + e^{-x}} - \frac{1}{(1 + e^{-x})^{2}}", "holds; left out of the score (30% cap)"),
    (r"(\because \sigma = \frac{1}{1 + e^{-x}})", "definition of sigma"),
    (r"가중합_{3} = w_{31}y_{h1} + w_{32}y_{h2} + 1(bias)", "forward definition"),
    (r"= w_{31}t - (y_{o1} - y_{t1})", "update rule"),
    (r"(\because \delta = (y_{o1} - y_{t1}) \cdot y_{o1}(1 - y_{o1}))", "definition of delta"),
    (r"= w_{31}t - \delta \cdot y_{h1}", "update rule"),
    (r"w_{11}(t + 1) = w_{11}t - \frac{d오차 Y_{out}}{dw_{11}}", "update rule"),
    (r"= (y_{o1} - y_{t1}) \cdot y_{o1} (1-y_{o1})", "second row of (a)-1: holds, but its text also begins the two rows of (a)의 결론, so no fragment names it alone"),
    (r"w_{11}(t + 1) = w_{11}t - \delta h \cdot x_{1}", "update rule"),
    (r"f(x) = \frac{1}{1+e^{-x}}", "definition of the sigmoid"),
    (r"f(x) = \begin{Bmatrix}", "definition of ReLU"),
]

CV = [
    ("c_delta", r"δ11=\frac{∂E}{∂net_{i_{11}}}=\frac{∂E}{∂out_{i_{11}}}⋅ \frac{∂out_{i_{11}}}{∂net_{i_{11}}}", "i_11 = out_i11 = f(net_i11): chain rule (delta of the input layer, as the text defines it)"),
    ("c_6", r"=\frac {∂E}{∂net_{o_{11}}}⋅\frac{∂net_{o_{11}}}{∂i_{11}}=δ_{11}⋅h_{11}", "i_11 enters only net_o11, with weight h_11 (delta here is dE/dnet_o, as the chain shows)"),
    ("c_7", r"=δ_{11}⋅h_{12}+δ_{12}⋅h_{11}", "i_12 enters net_o11 (h_12) and net_o12 (h_11)"),
    ("c_8", r"=δ_{12}⋅h_{13}+δ_{12}⋅h_{11}", "i_13 enters net_o12 with h_12 and net_o13 with h_11: right is δ_12 h_12 + δ_13 h_11; h_13 does not exist in the 2 x 2 kernel and δ_13 is written δ_12 (the chain before it holds)"),
    ("c_9", r"=δ_{11}⋅h_{21}+δ_{21}⋅h_{11}", "i_21 enters net_o11 (h_21) and net_o21 (h_11)"),
    ("c_10", r"=δ_{11}⋅h_{22}+δ_{12}⋅h_{21}+δ_{21}⋅h_{12}+δ_{22}⋅h_{11}", "i_22 enters four outputs"),
    ("c_11", r"\frac{∂E}{∂_{i,j}}=∑_m⋅∑_nh_{m,n}δ_{i+m,j+n}", "dE/di_ij = sum_mn h_mn δ_{i-m+1,j-n+1} (full convolution with the flipped kernel); with +m, +n (zero padding outside, m, n over the kernel from 1 or from 0) it is the cross-correlation, which differs (at i_11 it gives h_11 δ_22 + ..., not δ_11 h_11)"),
    ("c_13", r"=δ_{11}⋅h_{11}+...+δ_{33}⋅h_{11}", "each local derivative dnet_omn/dh_11 is the input i_mn, not h_11: right is δ_11 i_11 + ... + δ_33 i_33 (the chain before it holds)"),
    ("c_14", r"∑_m∑_nδ_{m,n}out_{o_{i+m,j+n}}", "dE/dh_ij = sum_mn δ_mn i_{i+m-1,j+n-1}: the sum uses the layer's own output out_o (3 x 3, entries o_{i+m,j+n} past 3 do not exist) instead of the input i"),
]
CV_DIRS = [
    ("### 1. 卷积层的反向传播\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=1 names: i=input h=kernel net_o=output b=bias E=loss -->"),
]
CV_EXCL = [
    (r"neto11 =conv(input,filter)", "forward definition and value"),
    (r"outo11=activators(neto11)", "forward definition and value"),
    (r"i_{11} =out_{i_{11}}", "forward definitions"),
    (r"net_{o_{11}}=i_{11}×h_{11}+i_{12}×h_{12}+i_{21}×h_{21}+i_{22}×h_{22}\\", "forward definition of the nine outputs (the third row names net_o12 for net_o13)"),
    (r"∴\frac{∂i_{11}}{∂net_{i_{11}}} = f′(net_{i_{11}})", "in a multi-line block set in single $ (not a display); its last row mixes the input layer's delta with the output layer's, the reading is not settled"),
    (r"=δ_{11}+δ_{12}+δ_{21}+δ_{22}=∑_i∑_jδ_{i,j}", "in a block set in single $ (not a display): bias gradient with four of the nine output deltas written"),
]

IM = [
    ("im_k11c", r"\frac{\partial L}{\partial y_{11}} \frac{\partial y_{11}}{\partial k_{11}} +", "k_11 enters all four outputs: chain rule"),
    ("im_k12c", r"\frac{\partial L}{\partial y_{11}} \frac{\partial y_{11}}{\partial k_{12}} +", "chain rule for k_12"),
    ("im_k21c", r"\frac{\partial L}{\partial y_{11}} \frac{\partial y_{11}}{\partial k_{21}} +", "chain rule for k_21"),
    ("im_k22c", r"\frac{\partial L}{\partial y_{11}} \frac{\partial y_{11}}{\partial k_{22}} +", "chain rule for k_22"),
    ("im_k11", r"\frac{\partial L}{\partial y_{11}}x_{11} +", "dL/dk_11 = sum_ij dL/dy_ij x_ij"),
    ("im_k12", r"\frac{\partial L}{\partial y_{11}} x_{12} +", "dL/dk_12 = sum_ij dL/dy_ij x_{i,j+1}"),
    ("im_k21", r"\frac{\partial L}{\partial y_{11}} x_{21} +", "dL/dk_21 = sum_ij dL/dy_ij x_{i+1,j}"),
    ("im_k22", r"\frac{\partial L}{\partial y_{11}} x_{22} +", "dL/dk_22 = sum_ij dL/dy_ij x_{i+1,j+1}"),
    ("im_gen", r"\frac{\partial L}{\partial x_i} = \sum_{j} \frac{\partial L}{\partial y_j} \frac{\partial y_j}{\partial x_i}", "chain rule over every output element (x_i, y_j single elements, as the text says)"),
    ("im_x11", r"\frac{\partial L}{\partial x_{11}} = \frac{\partial L}{\partial y_{11} } k_{11}", "x_11 enters only y_11"),
    ("im_x12", r"\frac{\partial L}{\partial x_{12}} = \frac{\partial L}{\partial y_{11} } k_{12} +  \frac{\partial L}{\partial y_{12}} k_{11}", "x_12 enters y_11 (k_12) and y_12 (k_11)"),
    ("im_x13", r"\frac{\partial L}{\partial x_{13}} = \frac{\partial L}{\partial y_{12}}k_{12}", "x_13 enters only y_12 (k_12)"),
    ("im_x21", r"\frac{\partial L}{\partial x_{21}} = \frac{\partial L}{\partial y_{11} }k_{21} +", "x_21 enters y_11 (k_21) and y_21 (k_11)"),
    ("im_x22", r"\frac{\partial L}{\partial x_{22}} = \frac{\partial L}{\partial y_{11} }k_{22} +", "x_22 enters all four outputs"),
    ("im_x23", r"\frac{\partial L}{\partial x_{23}} = \frac{\partial L}{\partial y_{12}} k_{12} +", "x_23 enters y_12 with k_22 and y_22 with k_12: right is dL/dy_12 k_22 + dL/dy_22 k_12; the row swaps the two kernel entries (and writes the second denominator ∂22, read as ∂y_22)"),
    ("im_x31", r"\frac{\partial L}{\partial x_{31}} = \frac{\partial L}{\partial y_{21}} k_{21}", "x_31 enters only y_21 (k_21)"),
    ("im_x32", r"\frac{\partial L}{\partial x_{32}} = \frac{\partial L}{\partial y_{21}} k_{22} + \frac{\partial L}{\partial y_{22}} k_{21}", "x_32 enters y_21 (k_22) and y_22 (k_21)"),
    ("im_x33", r"\frac{\partial L}{\partial x_{33}} = \frac{\partial L}{\partial y_{22}} k_{22}", "x_33 enters only y_22 (k_22)"),
]
IM_DIRS = [
    ("The convolution layer is the basic block", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=1 names: x=input k=kernel y=output L=loss -->"),
]
IM_EXCL = [
    (r"\right] \star \left[\begin{aligned}", "forward definition (the operation in matrix form)"),
    (r"k_{11} \\ k_{12} \\ k_{21} \\ k_{22}\\", "forward definition (im2col product)"),
    (r"k_{11} x_{11} + k_{12} x_{12} + k_{21} x_{21} + k_{22} x_{22}\\", "forward definition (1)"),
    (r"\left[\frac{\partial L}{\partial y_{11}} \quad \frac{\partial L}{\partial y_{12}}\quad", "matrix form of the kernel gradient: a 1 x 4 row times im2col(X) set equal to a 4 x 1 column; the flattening convention is not settled"),
    (r"\frac{\partial L}{\partial K} = \frac{\partial L}{\partial Y} \cdot \mathbf{im2col}(X)", "needs ∂L/∂Y read as a 1 x 4 row and ∂L/∂K as four entries: the reshaping is not settled"),
    (r"k_{11} \quad k_{12} \quad k_{21} \quad k_{22}", "definition of the outer product (3)"),
    (r"\frac{\partial L}{\partial X} = \mathbf{col2im}\left(\frac{\partial L}{\partial Y} \cdot K\right)", "col2im and the product ∂L/∂Y · K are defined only in words (fold and add): the reading is not settled"),
]

KJ = [
    ("kx_sum", r"= \sum^{(2,2)}_{i,j=(1,1)}{ \frac{\partial L}{\partial o_{ij}} \frac{\partial o_{ij}}{\partial x_{11}} }", "chain rule over the four outputs"),
    ("kx_exp", r"+ \frac{\partial L}{\partial o_{12}} \frac{\partial o_{12}}{\partial x_{11}}", "the same sum written out"),
    ("kx_val", r"= \frac{\partial L}{\partial o_{11}} \cdot w_{11} + \frac{\partial L}{\partial o_{12}} \cdot 0", "x_11 enters only o_11, with w_11 (stride 2)"),
    ("kx_12", r"\frac{\partial L}{\partial x_{12}} = \frac{\partial L}{\partial o_{11}} \cdot w_{12}", "x_12 enters only o_11 (o_12 starts at x_13)"),
    ("kx_13", r"\frac{\partial L}{\partial x_{13}} = \frac{\partial L}{\partial o_{11}} \cdot w_{13} +  \frac{\partial L}{\partial o_{12}} \cdot w_{11}", "x_13 enters o_11 (w_13) and o_12 (w_11)"),
    ("kx_14", r"\frac{\partial L}{\partial x_{14}} = \frac{\partial L}{\partial o_{12}} \cdot w_{12}", "x_14 enters only o_12 (w_12)"),
    ("kx_15", r"\frac{\partial L}{\partial x_{15}} = \frac{\partial L}{\partial o_{12}} \cdot w_{13}", "x_15 enters only o_12 (w_13)"),
    ("kw_sum", r"= \sum^{(2,2)}_{i,j=(1,1)}{\frac{\partial L}{\partial o_{ij}} \frac{\partial o_{ij}}{\partial w_{11}}}", "w_11 enters every output: chain rule"),
    ("kw_exp", r"+  \frac{\partial L}{\partial o_{12}} \frac{\partial o_{12}}{\partial w_{11}}", "the same sum written out"),
    ("kw_val", r"= \frac{\partial L}{\partial o_{11}} \cdot x_{11}", "dL/dw_11 = dL/do_11 x_11 + dL/do_12 x_13 + dL/do_21 x_31 + dL/do_22 x_33 (stride 2)"),
    ("kb_sum", r"= \sum^{(2,2)}_{i,j=(1,1)}{ \frac{\partial L}{\partial o_{ij}} \frac{\partial o_{ij}}{\partial b} }", "b enters every output"),
    ("kb_exp", r"= \frac{\partial L}{\partial o_{11}} \frac{\partial o_{11}}{\partial b}", "the same sum written out"),
    ("kb_one", r"= \frac{\partial L}{\partial o_{11}} \cdot 1", "each do_ij/db = 1"),
    ("kb_fin", r"= \sum^{(2,2)}_{i,j=(1,1)}{ \frac{\partial L}{\partial o_{ij}} }", "dL/db = sum of dL/do_ij"),
]
KJ_DIRS = [
    ("### Convoluational Layer Backpropagation\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=0 conv=cross index_base=1 names: x=input X=input w=kernel W=kernel b=bias o=output O=output L=loss -->"),
]
KJ_EXCL = [
    (r"O =  W * X + b = \begin{pmatrix}", "forward definition (the continuation lines of each o_ij lack their '+')"),
    (r"\frac{\partial L}{\partial O} = ", "the incoming gradient, laid out as a matrix"),
    (r"\frac{\partial L}{\partial X} = \begin{pmatrix}", "layout of the input gradient"),
    (r"\frac{\partial L}{\partial x_{11}} &= \frac{\partial L}{\partial O} \frac{\partial O}{\partial x_{11}}", "∂L/∂O times ∂O/∂x_11, both 2 x 2: a contraction is meant (the next row), the product's reading is not settled"),
    (r"\frac{\partial L}{\partial W} = ", "layout of the kernel gradient"),
    (r"\frac{\partial L}{\partial w_{11}} &= \frac{\partial L}{\partial O} \frac{\partial O}{\partial w_{11}}", "as for x_11: the product's reading is not settled"),
    (r"\frac{\partial L}{\partial b} &= \frac{\partial L}{\partial O} \frac{\partial O}{\partial b}", "as for x_11: the product's reading is not settled"),
]

SL = [
    ("sl_s_x01", r"\frac{\partial L}{\partial x_{01}}  = \frac{\partial L}{\partial Y_{00}} * w_{01}", "stride 2, 3 x 3 kernel: every output that reads x_01, with its kernel entry"),
    ("sl_s_x02", r"\frac{\partial L}{\partial x_{02}}  = \frac{\partial L}{\partial Y_{00}} * w_{02} + \frac{\partial L}{\partial Y_{01}} * w_{00}", "stride 2, 3 x 3 kernel: every output that reads x_02, with its kernel entry"),
    ("sl_s_x04", r"\frac{\partial L}{\partial x_{04}}  = \frac{\partial L}{\partial Y_{01}} * w_{02}", "stride 2, 3 x 3 kernel: every output that reads x_04, with its kernel entry"),
    ("sl_s_x12", r"\frac{\partial L}{\partial x_{12}}  = \frac{\partial L}{\partial Y_{00}} * w_{12} + \frac{\partial L}{\partial Y_{01}} * w_{10}", "stride 2, 3 x 3 kernel: every output that reads x_12, with its kernel entry"),
    ("sl_s_x14", r"\frac{\partial L}{\partial x_{14}}  = \frac{\partial L}{\partial Y_{01}} * w_{12}", "stride 2, 3 x 3 kernel: every output that reads x_14, with its kernel entry"),
    ("sl_s_x20", r"\frac{\partial L}{\partial x_{20}}  = \frac{\partial L}{\partial Y_{00}} * w_{20} + \frac{\partial L}{\partial Y_{10}} * w_{00}", "stride 2, 3 x 3 kernel: every output that reads x_20, with its kernel entry"),
    ("sl_s_x21", r"\frac{\partial L}{\partial x_{21}}  = \frac{\partial L}{\partial Y_{00}} * w_{21} + \frac{\partial L}{\partial Y_{10}} * w_{01}", "stride 2, 3 x 3 kernel: every output that reads x_21, with its kernel entry"),
    ("sl_s_x22", r"\frac{\partial L}{\partial x_{22}}  = \frac{\partial L}{\partial Y_{00}} * w_{22} + \frac{\partial L}{\partial Y_{01}} * w_{20} + \frac{\partial L}{\partial Y_{11}} * w_{00}", "x_22 enters all four outputs: Y_00 (w_22), Y_01 (w_20), Y_10 (w_02), Y_11 (w_00); the term dL/dY_10 w_02 is missing"),
    ("sl_s_x23", r"\frac{\partial L}{\partial x_{23}}  = \frac{\partial L}{\partial Y_{01}} * w_{21} + \frac{\partial L}{\partial Y_{11}} * w_{01}", "stride 2, 3 x 3 kernel: every output that reads x_23, with its kernel entry"),
    ("sl_s_x24", r"\frac{\partial L}{\partial x_{24}}  = \frac{\partial L}{\partial Y_{01}} * w_{22} + \frac{\partial L}{\partial Y_{11}} * w_{02}", "stride 2, 3 x 3 kernel: every output that reads x_24, with its kernel entry"),
    ("sl_s_x32", r"\frac{\partial L}{\partial x_{32}}  = \frac{\partial L}{\partial Y_{10}} * w_{12} + \frac{\partial L}{\partial Y_{11}} * w_{10}", "stride 2, 3 x 3 kernel: every output that reads x_32, with its kernel entry"),
    ("sl_s_x42", r"\frac{\partial L}{\partial x_{42}}  = \frac{\partial L}{\partial Y_{10}} * w_{22} + \frac{\partial L}{\partial Y_{11}} * w_{20}", "stride 2, 3 x 3 kernel: every output that reads x_42, with its kernel entry"),
    ("sl_s_x44", r"\frac{\partial L}{\partial x_{44}}  = \frac{\partial L}{\partial Y_{11}} * w_{22}", "stride 2, 3 x 3 kernel: every output that reads x_44, with its kernel entry"),
    ("sl_d_x01", r"\frac{\partial L}{\partial x_{01}}  = \frac{\partial L}{\partial Y_{01}} * w_{00}", "dilation 2, 2 x 2 kernel: every output that reads x_01, with its kernel entry"),
    ("sl_d_x02", r"\frac{\partial L}{\partial x_{02}}  = \frac{\partial L}{\partial Y_{00}} * w_{01} + \frac{\partial L}{\partial Y_{02}} * w_{00}", "dilation 2, 2 x 2 kernel: every output that reads x_02, with its kernel entry"),
    ("sl_d_x12", r"\frac{\partial L}{\partial x_{12}}  = \frac{\partial L}{\partial Y_{10}} * w_{01} + \frac{\partial L}{\partial Y_{12}} * w_{00}", "dilation 2, 2 x 2 kernel: every output that reads x_12, with its kernel entry"),
    ("sl_d_x20", r"\frac{\partial L}{\partial x_{20}}  = \frac{\partial L}{\partial Y_{00}} * w_{10} + \frac{\partial L}{\partial Y_{20}} * w_{00}", "dilation 2, 2 x 2 kernel: every output that reads x_20, with its kernel entry"),
    ("sl_d_x21", r"\frac{\partial L}{\partial x_{21}}  = \frac{\partial L}{\partial Y_{01}} * w_{10} + \frac{\partial L}{\partial Y_{21}} * w_{00}", "dilation 2, 2 x 2 kernel: every output that reads x_21, with its kernel entry"),
    ("sl_d_x22", r"\frac{\partial L}{\partial x_{22}}  = \frac{\partial L}{\partial Y_{00}} * w_{11} + \frac{\partial L}{\partial Y_{02}} * w_{10} + \frac{\partial L}{\partial Y_{22}} * w_{00}", "x_22 enters Y_00 (w_11), Y_02 (w_10), Y_20 (w_01), Y_22 (w_00); the term dL/dY_20 w_01 is missing"),
    ("sl_d_x23", r"\frac{\partial L}{\partial x_{23}}  = \frac{\partial L}{\partial Y_{01}} * w_{11} + \frac{\partial L}{\partial Y_{21}} * w_{01}", "dilation 2, 2 x 2 kernel: every output that reads x_23, with its kernel entry"),
    ("sl_d_x24", r"\frac{\partial L}{\partial x_{24}}  = \frac{\partial L}{\partial Y_{02}} * w_{11} + \frac{\partial L}{\partial Y_{11}} * w_{01}", "x_24 enters Y_02 (w_11) and Y_22 (w_01); the row has dL/dY_11 for dL/dY_22"),
    ("sl_d_x32", r"\frac{\partial L}{\partial x_{32}}  = \frac{\partial L}{\partial Y_{12}} * w_{10} + \frac{\partial L}{\partial Y_{10}} * w_{11}", "dilation 2, 2 x 2 kernel: every output that reads x_32, with its kernel entry"),
    ("sl_d_x42", r"\frac{\partial L}{\partial x_{42}}  = \frac{\partial L}{\partial Y_{22}} * w_{10} + \frac{\partial L}{\partial Y_{20}} * w_{11}", "dilation 2, 2 x 2 kernel: every output that reads x_42, with its kernel entry"),
    ("sl_d_x44", r"\frac{\partial L}{\partial x_{44}}  = \frac{\partial L}{\partial Y_{22}} * w_{11}", "dilation 2, 2 x 2 kernel: every output that reads x_44, with its kernel entry"),
]
SL_DIRS = [
    ("## 1.1. Stride > 1\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=0 conv=cross index_base=0 names: x=input w=kernel Y=output L=loss -->"),
    ("## 1.2. Dilation > 1\n", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 stride=1 padding=0 dilation=2 conv=cross index_base=0 names: x=input w=kernel Y=output L=loss -->"),
]
SL_EXCL = [
    (r"d A(h, w) = \sum_{r} \sum_{s} O'( \frac{h+pad_H-r*d_H}{stride_H}", "general rule: terms whose output index is fractional or out of range are meant to be skipped, which the formula does not say; the reading is not settled"),
    (r"d A(h, w) = \sum_{p} \sum_{q} O'(p, q) * W(\frac{h-p*stride_H+pad_H}{d_H}", "general rule: kernel indices that are fractional or out of range are meant to be skipped; the reading is not settled"),
    (r"Y_{00} &= x_{00}*w_{00} + x_{01}*w_{01} + x_{02}*w_{02}", "forward definition (stride 2)"),
    (r"Y_{00} &= x_{00}*w_{00} + x_{02}*w_{01} + x_{20}*w_{10} + x_{22}*w_{11}", "forward definition (dilation 2)"),
    (r"\frac{\partial L}{\partial x_{00}}  &= \frac{\partial L}{\partial Y_{00}} * w_{00}", "holds in both sections; the row stands twice, identical, so no fragment names one of them"),
]

AI = [
    ("ai_ex1", r"\nabla_{\mathbf{a}}J = [0.7, 0, 0, 0.9, 0]", "a = [3,0,1,2,0]: m_0 takes a_0, m_1 takes a_3 (window a_2..a_4), so the gradient is 0.7 at a_0 and 0.9 at a_3"),
    ("ai_ex2", r"\nabla_{\mathbf{a}}J = [0, 0, 1.6, 0, 0]", "a = [3,0,4,2,0]: a_2 is the maximum of both windows, so it receives 0.7 + 0.9"),
]
AI_DIRS = [
    ("## Answer\n", "<!-- symbp: layer=maxpool input=1x5 kernel=1x3 stride=2 index_base=0 names: a=input m=output J=loss -->"),
]
AI_EXCL = [
    (r"\frac{d}{dx}(y+z) = \frac{dy}{dx} + \frac{dz}{dx}", "the sum rule of calculus in general, not a statement about the layer"),
    (r"m_0 = max(a_0, a_1, a_2)", "forward definition"),
    (r"m_1 = max(a_2, a_3, a_4)", "forward definition"),
    (r"\nabla_{\mathbf{m}} J = [\frac{\partial J}{\partial m_0}, \frac{\partial J}{\partial m_1}]", "definition of the incoming gradient"),
    (r"\mathbf{a} = [3,0,1,2,0]", "the example's data"),
]

TABLE = {
    "roykwonn_backprop_delta_ko.md": ("rk", RK, RK_DIRS, RK_EXCL),
    "charmve_cnn_bp_zh.md": ("cv", CV, CV_DIRS, CV_EXCL),
    "im2col_conv_bp_zh.md": ("im", IM, IM_DIRS, IM_EXCL),
    "kimjiil_conv_stride2_ko.md": ("kj", KJ, KJ_DIRS, KJ_EXCL),
    "silenceluo_bpa_stride_dilation_en.md": ("sl", SL, SL_DIRS, SL_EXCL),
    "aise_17107_maxpool_overlap_en.md": ("ai", AI, AI_DIRS, AI_EXCL),
}
