"""The sixty-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout61.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- physicsd00d_cs224d_softmax_en
PHY = [
    ("p1_chain", r"= -y_i \bigg[ \delta_{ik} - \hat{y}_p \delta_{pk}  \bigg]",
     "Einstein notation (repeated indices summed), y-hat = softmax(theta), CE = -sum_i y_i log y-hat_i: the last member of the 2.b chain, -sum_i y_i (delta_ik - sum_p y-hat_p delta_pk) = -y_k + y-hat_k sum_i y_i, equals dCE/dtheta_k for every target y (one-hot and any positive y drawn); holds (3, 4 and 5 classes)"),
    ("p1_vec", r"\frac{\partial CE}{\partial \bf{\theta}} = \bf{\hat{y} - y} .",
     "y one-hot (the page says so): dCE/dtheta = y-hat - y; holds (3, 4 and 5 classes, drawn theta and labels)"),
    ("p2_dx_idx", r"\frac{\partial J}{\partial x_k} = \big[ \hat{y} - y \big]_b W_{bc}^{(2)T} \sigma'(t_c) W_{ck}^{(1)T}",
     "row vectors, t = x W1 + b1, h = sigmoid(t), v = h W2 + b2, y-hat = softmax(v), J = -sum_i y_i log y-hat_i with y one-hot; sums over b and c implied: dJ/dx_k = sum_{b,c} (y-hat - y)_b W2_{cb} sigma'(t_c) W1_{kc}; holds (input/hidden/classes 5-4-3, 3-2-4, 4-3-2; drawn weights and labels)"),
    ("p3_dW2", r"= h^T \big[ \hat{y} -y  \big]",
     "the second member of dJ/dW2: h^T (y-hat - y), the outer product of the 1 x H row h and the 1 x C row y-hat - y (H x C, the shape of W2 in v = h W2 + b2); holds"),
    ("p3_dW1", r"\frac{\partial J}{\partial W^{(1)}} = x \otimes  \big[ \big(\hat{y} - y \big)  W^{(2)T}  \circ \sigma'(t) \big]",
     "dJ/dW1 = x (outer) [((y-hat - y) W2^T) (.) sigma'(t)], entry (f, g) = x_f [((y-hat - y) W2^T) (.) sigma'(t)]_g, the shape of W1 in t = x W1 + b1; holds"),
    ("p3_db1", r"\frac{\partial J}{\partial b^{(1)}} =  \big(\hat{y} - y \big)  W^T  \circ \sigma'(t)",
     "W is W2 (the author drops the superscript in 2.g and says it is implied): dJ/db1 = ((y-hat - y) W2^T) (.) sigma'(t), read with the matrix product before the Hadamard product (the order the row's index derivation just above gives); holds"),
]
PHY_DIRS = [
    ("## 2.b\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: \\theta=input \\hat{y}=output y=target CE=loss -->"),
    ("## 2.c\n", "<!-- symbp: layer=fc in=5 out=4 weight=rows names: x=input W^{(1)}=kernel b^{(1)}=bias t=output h=activation y=target J=loss -->"),
    ("### With respect to $W^{(2)}$", "<!-- symbp: layer=fc in=4 out=3 weight=rows names: h=input W^{(2)}=kernel b^{(2)}=bias v=output \\hat{y}=activation y=target J=loss -->"),
    ("### With respect to $W^{(1)}$", "<!-- symbp: layer=fc in=5 out=4 weight=rows names: x=input W^{(1)}=kernel b^{(1)}=bias t=output h=activation y=target J=loss -->"),
]
PHY_EXCL = [
    (r"CE(\bf{y,\hat{y}}) &= -\sum_i y_i \log(\hat{y}_i)", "definition of the cross entropy (and its Einstein form)"),
    (r"\frac{\partial CE}{\partial \theta_k} &= -\frac{\partial}{\partial \theta_k} y_i \log(\hat{y}_i)", "the first members of the 2.b chain (all hold), scored through its last member (claim p1_chain)"),
    (r"&= -y_i \bigg[ \delta{ik} - \hat{y}_k  \bigg]", "the index-popping rows (hold; \\delta{ik} is the page's typo for \\delta_{ik}); left out for the 30% cap"),
    (r"&= -y_k + \sum_i y_i \hat{y}_k", "the implied sum written out (holds; its last member uses the one-hot target); left out for the 30% cap"),
    (r"t &= x W^{(1)} + b^{(1)}", "forward definitions of the network and its loss"),
    (r"\frac{\partial J}{\partial x} = \frac{\partial J}{\partial \hat{y}}", "the chain rule written without indices (a template)"),
    (r"\frac{\partial J}{\partial x_k} = \frac{\partial J}{\partial \hat{y}_a}", "the chain rule with indices (holds as a sum over the repeated indices); left out for the 30% cap"),
    (r"&=  -\frac{y_i}{\hat{y}_i} \delta_{ia}", "dJ/dy-hat_a = -y_a/y-hat_a (holds); left out for the 30% cap"),
    (r"&= \hat{y}_a \delta_{ab} - \hat{y}_a \hat{y}_b", "the softmax Jacobian (holds); left out for the 30% cap"),
    (r"&= W_{ib}^{(2)} \delta_{ic}", "dv_b/dh_c = W2_{cb} (holds); left out for the 30% cap"),
    (r"&= \sigma'(t_c) \delta_{cd}", "dh_c/dt_d (holds); left out for the 30% cap"),
    (r"&= W_{kd}^{(1)}", "dt_d/dx_k = W1_{kd} (holds); left out for the 30% cap"),
    (r"&=  -\frac{y_a}{\hat{y}_a} \big[ \hat{y}_a \delta_{ab} - \hat{y}_a \hat{y}_b \big]", "the combined chain and its simplification (hold for a one-hot target); scored through the index result (claim p2_dx_idx)"),
    (r"&= \big[ \hat{y} - y \big]_b W_{cb}^{(2)} \sigma'(t_c) W_{kc}^{(1)}", "the same result before the transposes (holds); left out for the 30% cap"),
    (r"\big[\big (\hat{y} - y \big) W^{(2)T}\big]c \sigma'(t_c)", "the Hadamard identity with the index c written without a subscript (notation, no gradient)"),
    (r"\frac{\partial J}{\partial x_k} = \big( \hat{y} - y \big) W^{(2)T} \circ \sigma'(t) W^{(1)T}.", "the matrix form with dJ/dx_k on the left and a vector on the right; it holds as ((y-hat - y) W2^T (.) sigma'(t)) W1^T, but the row writes no brackets between the Hadamard and the matrix product and a component on the left"),
    (r"\frac{\partial J}{\partial W_{cd}} = \frac{\partial J}{\partial \hat{y}_a}", "chain rule template for W2"),
    (r"&= h_c \delta_{bd}", "dv_b/dW_{cd} = h_c delta_bd (holds); left out for the 30% cap"),
    (r"&= \big[ \hat{y}_d -y_d  \big] h_c", "the index form of dJ/dW2 (holds); left out for the 30% cap"),
    (r"&= h \otimes \big[ \hat{y} -y  \big]", "the first member of dJ/dW2 (holds); scored with its row (claim p3_dW2)"),
    (r"&= \delta_{bc}", "dv_b/db_c (holds); left out for the 30% cap"),
    (r"&= \big[ \hat{y}_c -y_c  \big]", "dJ/db2 in index form (holds); left out for the 30% cap"),
    (r"&= \hat{y} -y", "dJ/db2 = y-hat - y (holds); left out for the 30% cap"),
    (r"\frac{\partial J}{\partial W_{fg}} = \frac{\partial J}{\partial \hat{y}_a}", "chain rule template for W1"),
    (r"\frac{\partial t_d}{\partial W_{fg}} = x_f \delta_{dg}", "dt_d/dW1_{fg} = x_f delta_dg (holds); left out for the 30% cap"),
    (r"&= \big[ \hat{y} - y \big]_b W_{cb} \sigma'(t_c) \delta_{cd} x_f \delta_{dg}", "the index derivation of dJ/dW1 (holds, W = W2); scored through its matrix form (claim p3_dW1)"),
]

# ---------------------------------------------------------------- cod1995_crossentropy_grad_en
COD = [
    ("c_paths", r"\frac{\partial L}{\partial w_{21}} = \left( \frac{\partial L}{\partial \hat{y}_1} \cdot \frac{\partial \hat{y}_1}{\partial z_1} + \frac{\partial L}{\partial \hat{y}_2}",
     "two outputs z_1, z_2 with z_i = sum_j h_j w_ji + b_i (w_21 joins hidden h_2 to output z_1, the page's words), y-hat = softmax(z), L = -(y_1 log y-hat_1 + y_2 log y-hat_2): dL/dw_21 = (dL/dy-hat_1 dy-hat_1/dz_1 + dL/dy-hat_2 dy-hat_2/dz_1) dz_1/dw_21, the two paths of the page (each factor by autograd); holds (3, 2 and 4 hidden units, drawn h, weights and one-hot labels)"),
    ("c_dy1", r"\frac{\partial \hat{y}_1}{\partial z_1} = \frac{e^{z_1}(e^{z_1} + e^{z_2}) - e^{z_1} \cdot e^{z_1}}",
     "the quotient rule for y-hat_1 = e^{z_1}/(e^{z_1} + e^{z_2}): dy-hat_1/dz_1 = (e^{z_1}(e^{z_1}+e^{z_2}) - e^{z_1} e^{z_1})/(e^{z_1}+e^{z_2})^2; holds (drawn z)"),
    ("c_dy2", r"= - \hat{y}_1 \cdot \hat{y}_2",
     "every member of the dy-hat_2/dz_1 chain (the first numerator's 0 . e^{z_2}(e^{z_1}+e^{z_2}) term, read through its stray braces, is 0) equals -y-hat_1 y-hat_2 = dy-hat_2/dz_1; holds (drawn z)"),
    ("c_dLdy1", r"\frac{\partial L}{\partial \hat{y}_1} = -\frac{y_1}{\hat{y}_1}",
     "L = -(y_1 log y-hat_1 + y_2 log y-hat_2) with y-hat_1 a free variable: dL/dy-hat_1 = -y_1/y-hat_1; holds"),
    ("c_final", r"= (\hat{y}_1 - y_1) \cdot h_2",
     "-y_1(1 - y-hat_1) + y_2 y-hat_1 = y-hat_1 (y_1 + y_2) - y_1 = y-hat_1 - y_1 for the page's one-hot y (y_1 + y_2 = 1): dL/dw_21 = (y-hat_1 - y_1) h_2; holds"),
    ("c_general", r"\frac{\partial L}{\partial w_{ji}} = h_j (\hat{y}_i - y_i)",
     "z_i = sum_j h_j w_ji + b_i, softmax and cross entropy with a one-hot y: dL/dw_ji = h_j (y-hat_i - y_i) for every i, j; holds (2, 3 and 4 classes)"),
]
COD_DIRS = [
    ("## How a Robot Learns to Fix Its Mistakes", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: h=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss -->"),
    ("### Solving Each Piece", "<!-- symbp: layer=softmax classes=2 target=one-hot names: z=input \\hat{y}=output y=target L=loss -->"),
    ("### Putting It All Together", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: h=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss -->"),
]
COD_EXCL = [
    (r"L = - \left[ y \cdot \log(p) + (1 - y) \cdot \log(1 - p) \right]", "definition of the binary cross entropy"),
    (r"X_{entropy} = - \sum_i \left[ y_i \log(p_i)", "definition of the cross entropy over samples"),
    (r"X_{entropy} = -\frac{1}{m} \sum_i \sum_c", "definition of the multiclass cross entropy"),
    (r"w_{ji} := w_{ji} - \alpha \cdot \Delta w_{ji}", "the update rule (no gradient claim)"),
    (r"y = [0,\ 0,\ 1,\ 0]", "an example one-hot target"),
    (r"\hat{y}_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", "definition of the softmax"),
    (r"L = -\sum_k y_k \log(\hat{y}_k)", "definition of the cross entropy"),
    (r"$$ \frac{\partial L}{\partial w_{21}} $$", "the quantity sought, written alone (no equation)"),
    (r"\frac{\partial z_1}{\partial w_{21}} = h_2", "dz_1/dw_21 = h_2 (holds); left out for the 30% cap"),
    (r"\hat{y}_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}", "the softmax for two classes (definition)"),
    (r"$$ \frac{\partial \hat{y}_1}{\partial z_1} $$", "the quantity sought, written alone"),
    (r"\frac{u'v - uv'}{v^2}", "the quotient rule (a calculus reminder)"),
    (r"= \hat{y}_1 - \hat{y}_1^2 = \hat{y}_1 (1 - \hat{y}_1)", "the simplification of dy-hat_1/dz_1 (holds); left out for the 30% cap"),
    (r"\hat{y}_2 = \frac{e^{z_2}}{e^{z_1} + e^{z_2}}", "the softmax's second output (definition)"),
    (r"\frac{\partial L}{\partial \hat{y}_2} = -\frac{y_2}{\hat{y}_2}", "dL/dy-hat_2 (holds); left out for the 30% cap"),
    (r"\frac{\partial \log x}{\partial x} = \frac{1}{x}", "a calculus reminder"),
    (r"\left( -\frac{y_1}{\hat{y}_1} \cdot \hat{y}_1(1 - \hat{y}_1) + -\frac{y_2}{\hat{y}_2}", "the pieces put together (holds); left out for the 30% cap"),
    (r"(- y_1 (1 - \hat{y}_1) + y_2 \cdot \hat{y}_1) \cdot h_2", "the cleaned-up product (holds); left out for the 30% cap"),
    (r"$$ \frac{\partial L}{\partial w_{21}} = (\hat{y}_1 - y_1) \cdot h_2 $$", "the final result restated (holds; scored as claim c_final)"),
    (r"z_i = h_j \cdot w_{ji} + b \quad \Rightarrow", "the forward of one wire and dz_i/dw_ji = h_j (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial z_i} = \hat{y}_i - y_i", "dL/dz_i = y-hat_i - y_i for a one-hot y (holds); left out for the 30% cap"),
]

# ---------------------------------------------------------------- elearning5_logreg_gd_vi
VLR = [
    ("v_dw", r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^{m}(h_i - y_i) \cdot x_i",
     "one feature, z_i = w x_i + b, h_i = sigmoid(z_i), J(w,b) = -(1/m) sum_i [y_i log h_i + (1-y_i) log(1-h_i)] (the page's cost): dJ/dw = (1/m) sum_i (h_i - y_i) x_i; holds (the page's six points with w = b = 0, drawn w, b and data of 4 and 7 points)"),
    ("v_db", r"\frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m}(h_i - y_i)",
     "dJ/db = (1/m) sum_i (h_i - y_i); holds"),
    ("v_comb", r"\frac{\partial J}{\partial w} = (h - y) \cdot x",
     "J is the mean cost the proof restates just above it (J = -(1/m) sum [...]); h, y, x are the m-vectors of the samples. Read as the dot product sum_i (h_i - y_i) x_i the right side is m dJ/dw; read entrywise it is a vector of m per-sample terms, not the scalar dJ/dw. The next display ('averaged over m samples') gives dJ/dw a different value under the same J; refuted for m >= 2 (it holds only for m = 1)"),
    ("v_avg", r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum(h_i - y_i) \cdot x_i",
     "the average over the m samples: dJ/dw = (1/m) sum (h_i - y_i) x_i; holds"),
    ("v_kt1", r"\frac{\partial J}{\partial w} = \left(-\frac{y}{h} + \frac{1-y}{1-h}\right) \cdot h(1-h) \cdot x",
     "the same J (the page's only cost, the mean over m): the right side, summed over the samples, is sum_i (h_i - y_i) x_i = m dJ/dw (entrywise, a vector); refuted for m >= 2, as v_comb"),
    ("v_kt_last", r"$$= (h - y) \cdot x$$",
     "the last member of the same chain, (h - y) . x: m dJ/dw (or a vector), not dJ/dw of the mean cost; refuted for m >= 2"),
]
VLR_DIRS = [
    ("## 2️⃣ Các Hàm Cơ Bản", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma=output -->"),
    ("## 3️⃣ Hàm Tính Gradient", "<!-- symbp: layer=fc in=1 out=1 batch=6 weight=in-out names: x=input w=kernel b=bias z=output h=activation y=target J=loss -->"),
    ("## 📚 Kiến Thức Bổ Sung", "<!-- symbp: layer=fc in=1 out=1 batch=6 weight=in-out names: x=input w=kernel b=bias z=output h=activation y=target J=loss -->"),
]
VLR_EXCL = [
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "definition of the sigmoid"),
    (r"J(w,b) = -\frac{1}{m}\sum_{i=1}^{m}", "definition of the cost"),
    (r"J = -\frac{1}{m}\sum[y\log(h) + (1-y)\log(1-h)]", "the cost restated (definition)"),
    (r"\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h} \cdot \frac{\partial h}{\partial z} \cdot \frac{\partial z}{\partial w}", "the chain rule with vector h and z written as a product of three factors (stated twice); true as a Jacobian product, its verdict hangs on how the vector factors are read"),
    (r"w_{new} = w_{old} - \alpha \cdot \frac{\partial J}{\partial w}", "update rule (no gradient claim)"),
    (r"b_{new} = b_{old} - \alpha \cdot \frac{\partial J}{\partial b}", "update rule (no gradient claim)"),
    (r"\sigma(wx + b) = 0.5", "decision boundary (no gradient)"),
    (r"$$x = -\frac{b}{w}$$", "decision boundary (no gradient)"),
    (r"= \left(-\frac{y(1-h) - (1-y)h}{h(1-h)}\right) \cdot h(1-h) \cdot x", "a middle member of the refuted chain (same value as v_kt1); left out for the 30% cap"),
    (r"= \left(-\frac{y - yh - h + yh}{h(1-h)}\right) \cdot h(1-h) \cdot x", "a middle member of the refuted chain (same value as v_kt1); left out for the 30% cap"),
]

# ---------------------------------------------------------------- cardinalis_conv2d_en
CRD = [
    ("k_dK", r"\frac{\partial L}{\partial K_c(m,n)} = \sum_{i,j} \frac{\partial L}{\partial O(i,j)} \cdot I_c(i\,s + m - p,\; j\,s + n - p)",
     "one output map O(i,j) = sum_{c,m,n} I_c(i s + m - p, j s + n - p) K_c(m,n) + b (cross-correlation, stride s, zero padding p: I reads 0 outside the image), L a drawn loss of O: dL/dK_c(m,n) = sum_{i,j} dL/dO(i,j) I_c(i s + m - p, j s + n - p); holds (1-3 input channels, inputs 5x5 and 6x7, kernels 3x3 and 2x3, strides 1 and 2, padding 0 and 1)"),
    ("k_db", r"\frac{\partial L}{\partial b} = \sum_{i,j} \frac{\partial L}{\partial O(i,j)}",
     "the scalar bias of the output map: dL/db = sum_{i,j} dL/dO(i,j); holds"),
]
CRD_DIRS = [
    ("## CONVOLUTION OPERATION", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 names: I=input K=kernel O=output L=loss -->"),
    ("## MULTI-CHANNEL CONVOLUTION", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,1 names: I=input K=kernel O=output b=bias L=loss -->"),
    ("## GRADIENT", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,1 names: I=input K=kernel O=output b=bias L=loss -->"),
]
CRD_EXCL = [
    (r"$$O(i,j)= \sum_{m=0}^{K_h-1}\sum_{n=0}^{K_w-1}I\bigl(i\,s + m - p,\; j\,s + n - p\bigr)\;K(m,n)$$", "forward definition (one channel)"),
    (r"H_{out} = \frac{H_{in} + 2p - d \cdot (K_h - 1) - 1}{s} + 1", "output-size formula (no gradient)"),
    (r"W_{out} = \frac{W_{in} + 2p - d \cdot (K_w - 1) - 1}{s} + 1", "output-size formula (no gradient)"),
    (r"O(i,j) = \sum_{c=1}^{C_{in}} \sum_{m=0}^{K_h-1}", "forward definition (channels)"),
    (r"O(i,j) = \left( \sum_{c=1}^{C_{in}}", "forward definition (with the bias)"),
]

TABLE = {
    "physicsd00d_cs224d_softmax_en.md": ("phy", PHY, PHY_DIRS, PHY_EXCL),
    "cod1995_crossentropy_grad_en.md": ("cod", COD, COD_DIRS, COD_EXCL),
    "elearning5_logreg_gd_vi.md": ("vlr", VLR, VLR_DIRS, VLR_EXCL),
    "cardinalis_conv2d_en.md": ("crd", CRD, CRD_DIRS, CRD_EXCL),
}
