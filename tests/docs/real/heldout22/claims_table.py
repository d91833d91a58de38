"""The twenty-second held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout22.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

RUS = [
    ("ru_dzdw", r"\frac{\partial z_j}{\partial w_{ji}} = x_i.", "z_j = sum_i w_{ji} x_i + b_j: dz_j/dw_{ji} = x_i"),
    ("ru_dLdW_T", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} \cdot x^\top,", "z = W x + b (W is m x n): dL/dW = (dL/dz) x^T, the column dL/dz times the row x^T"),
    ("ru_dLdb", r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}.", "dL/db = dL/dz"),
    ("ru_ex_dW", "\\frac{\\partial L}{\\partial W} =\n   \\begin{bmatrix}", "the example (3 inputs, 2 neurons, delta_j = dL/dz_j): dL/dW = [[delta_1 x_1, delta_1 x_2, delta_1 x_3], [delta_2 x_1, delta_2 x_2, delta_2 x_3]]"),
    ("ru_ex_db", r"\frac{\partial L}{\partial b} = [\delta_1, \delta_2].", "dL/db = [delta_1, delta_2]"),
    ("ru_act", r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \cdot f'(z),", "a = f(z) entrywise: dL/dz = dL/da f'(z) entrywise"),
    ("ru_cv_dOdK", r"\frac{\partial O[i,j]}{\partial K[m,n]} = I[i \cdot s + m, j \cdot s + n].", "O[i,j] = sum_{m,n} I[i s + m, j s + n] K[m,n] (0-based, stride s): dO[i,j]/dK[m,n] = I[i s + m, j s + n]; strides 1 and 2"),
    ("ru_cv_dK", r"\frac{\partial L}{\partial K[m,n]} = \sum_{i,j} \frac{\partial L}{\partial O[i,j]} \cdot I[i \cdot s + m, j \cdot s + n].", "dL/dK[m,n] = sum_{i,j} dL/dO[i,j] I[i s + m, j s + n] (0-based as in the forward of 3.2); strides 1 and 2 (first occurrence, section 3.2)"),
    ("ru_cv_dK_delta", r"\frac{\partial L}{\partial K[m,n]} = \sum_{i,j} \delta_{i,j} \cdot I[i \cdot s + m, j \cdot s + n].", "in the worked example (5x5 input x_{00}..x_{44}, 3x3 kernel, s = 1) the row is written with the example's delta_{i,j} = dL/dO[i,j], i, j = 1..3 (its matrix delta_{1,1}..delta_{3,3}, its outputs O[1,1]..O[3,3], O[1,1] = sum x_{mn} k_{mn}): with those indices I[i s + m] is one row and one column too far (for K[0,0] it pairs delta_{1,1} with x_{11}, where the example's own next row, and the gradient, pair it with x_{00}; at i = 3, m = 2 it even reads x_{5,.} outside the input): refuted for the off-by-one; with 0-based delta it would be the row ru_cv_dK"),
    ("ru_cv_K00", r"\frac{\partial L}{\partial K[0,0]} =", "the example (s = 1, O[i,j] for i, j = 1..3 built from x_{i-1+m, j-1+n}): dL/dK[0,0] = delta_{1,1} x_{00} + delta_{1,2} x_{01} + ... + delta_{3,3} x_{22}"),
    ("ru_cv_act", r"\frac{\partial L}{\partial O[i,j]} = \delta_{i,j} \cdot f'(O[i,j]).", "O the convolution output and f applied to it (the row's f'(O)), delta_{i,j} the gradient the next layer passes for the activated map f(O) (the section's dL/dZ, Z = f(O)): dL/dO[i,j] = delta_{i,j} f'(O[i,j]) (tanh and sigmoid drawn)"),
    ("ru_mp", r"\text{если } i = k", "z = max(x_1..x_n) over one window, x_k the maximum (drawn without ties): dL/dx_i = dL/dz for i = k, 0 otherwise"),
    ("ru_mp_ex", r"\frac{\partial L}{\partial x_{01}} = \frac{\partial L}{\partial z}, \quad", "the 2x2 window with x_{01} the maximum: dL/dx_{00} = dL/dx_{10} = dL/dx_{11} = 0, dL/dx_{01} = dL/dz (all four)"),
    ("ru_ap", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial z} \cdot \frac{1}{P_h \cdot P_w}.", "z = (1/(P_h P_w)) sum_i x_i over a P_h x P_w window: dL/dx_i = dL/dz / (P_h P_w)"),
    ("ru_ap_ex", r"\frac{\partial L}{\partial x_{00}} = \frac{\partial L}{\partial z} \cdot \frac{1}{4}, \quad", "2x2 window z = (x_00 + x_01 + x_10 + x_11)/4: every dL/dx = dL/dz / 4 (all four)"),
]
RUS_DIRS = [
    ("### 2. Gradients for fully connected layers\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: x=input W=kernel w=kernel b=bias z=output a=activation L=loss -->"),
    ("### 3. Gradients for convolutional layers\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: I=input K=kernel O=output \\delta=output_grad L=loss -->"),
    ("#### 4.2. Max pooling\n", "<!-- symbp: layer=maxpool input=2x2 kernel=2x2 stride=2 index_base=0 names: x=input z=output L=loss -->"),
    ("#### 4.3. Average pooling\n", "<!-- symbp: layer=avgpool input=2x2 kernel=2x2 stride=2 index_base=0 names: x=input z=output L=loss -->"),
]
RUS_EXCL = [
    ("   \\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial z} \\cdot \\frac{\\partial z}{\\partial W},", "the chain rule written for the whole matrix (a contraction it does not write out)"),
    (r"z = W \cdot x + b,", "forward definition"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} \cdot \frac{\partial z}{\partial W}.", "the chain rule written for the whole matrix (repeated)"),
    (r"z_j = \sum_{i=1}^{n} w_{ji} x_i + b_j,", "forward definition"),
    (r"\frac{\partial z}{\partial W} = x,", "names the Jacobian of z in W 'x' (a shorthand with no one reading: dz_j/dw_{ki} = [j = k] x_i)"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} \cdot x.", "ambiguous: the product of the m-vector dL/dz and the n-vector x is not defined as written (an outer product only in the next row's matrix form, which is scored)"),
    (r"z_j = \sum_{i=1}^{n} w_{ji} x_i + b_j.", "forward definition (repeated)"),
    (r"\frac{\partial z_j}{\partial b_j} = 1.", "holds; left out of the score (30% cap)"),
    (r"W = W - \eta \cdot \frac{\partial L}{\partial W},", "update rule"),
    (r"b = b - \eta \cdot \frac{\partial L}{\partial b}.", "update rule"),
    ("  W =\n  \\begin{bmatrix}", "the example's weight matrix (no derivative)"),
    (r"z_1 = w_{11} x_1 + w_{12} x_2 + w_{13} x_3 + b_1,", "forward"),
    (r"z_2 = w_{21} x_1 + w_{22} x_2 + w_{23} x_3 + b_2.", "forward"),
    (r"\frac{\partial L}{\partial K[m,n]} = \sum_{i,j} \frac{\partial L}{\partial O[i,j]} \cdot \frac{\partial O[i,j]}{\partial K[m,n]},", "chain rule, holds; left out of the score (30% cap)"),
    (r"O[i,j] = \sum_{m=0}^{M-1} \sum_{n=0}^{N-1} I[i \cdot s + m, j \cdot s + n] \cdot K[m,n],", "forward definition"),
    ("O =\n\\begin{bmatrix}", "the example's output matrix (no derivative)"),
    (r"O[i,j] = \sum_{m=0}^{2} \sum_{n=0}^{2} I[i \cdot s + m, j \cdot s + n] \cdot K[m,n].", "the example's forward (its 0-based formula against its 1-based O)"),
    (r"O[1,1] =", "forward value"),
    ("\\frac{\\partial L}{\\partial O} =\n\\begin{bmatrix}\n\\delta_{1,1}", "names the incoming gradient delta (a definition)"),
    ("\\frac{\\partial L}{\\partial Z} =\n\\begin{bmatrix}", "names the incoming gradient delta (a definition)"),
    (r"\frac{\partial L}{\partial O[1,1]} = \delta_{1,1} \cdot f'(O[1,1]).", "holds (the row ru_cv_act at one entry); left out of the score (30% cap)"),
    ("\\frac{\\partial L}{\\partial O} =\n\\begin{bmatrix}\n\\frac{\\partial L}{\\partial O[1,1]}", "collects the entries into a matrix (no new value)"),
    (r"K[m,n] = K[m,n] - \eta \cdot \frac{\partial L}{\partial K[m,n]},", "update rule"),
    ("  \\frac{\\partial L}{\\partial K[m,n]} = \\sum_{i,j} \\frac{\\partial L}{\\partial O[i,j]} \\cdot I[i \\cdot s + m, j \\cdot s + n].", "repeats the row ru_cv_dK (section 3.8, stride); the scorer matches the first occurrence"),
    (r"I[(i \cdot s + m) - p, (j \cdot s + n) - p] \cdot K[m,n].", "forward definition with padding"),
    (r"z = \max(x_{00}, x_{01}, x_{10}, x_{11}).", "forward definition (max pooling)"),
    (r"z = \frac{x_{00} + x_{01} + x_{10} + x_{11}}{4}.", "forward definition (average pooling)"),
    (r"z = \max(x_1, x_2, \dots, x_n).", "forward definition"),
    ("\\begin{bmatrix}\nx_{00} & x_{01} \\\\\nx_{10} & x_{11}\n\\end{bmatrix}.", "the example's window (no derivative)"),
    (r"z = \frac{1}{P_h \cdot P_w} \sum_{i=1}^{n} x_i.", "forward definition"),
]

GER = [
    ("de_dLdyhat", r"\frac{\partial L}{\partial \hat{y}} = \hat{y} - y", "L = (1/2)(y - y-hat)^2: dL/dy-hat = y-hat - y"),
    ("de_dsig", r"\frac{d\hat{y}}{dz^{(2)}} = \hat{y}(1 - \hat{y})", "y-hat = sigma(z^{(2)}): dy-hat/dz^{(2)} = y-hat (1 - y-hat)"),
    ("de_delta2", r"= (\hat{y} - y) , \hat{y}(1 - \hat{y})", "dL/dz^{(2)} = (dL/dy-hat)(dy-hat/dz^{(2)}) = (y-hat - y) y-hat (1 - y-hat), the ' , ' read as the thin space '\\,' it was in the source (a product); every member"),
    ("de_dW2", r"\delta^{(2)} , a^{(1)T}", "z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}: dL/dW^{(2)} = delta^{(2)} a^{(1)T} (' , ' a thin space)"),
    ("de_da1", "\\frac{\\partial L}{\\partial a^{(1)}} =\nW^{(2)T} \\delta^{(2)}", "dL/da^{(1)} = W^{(2)T} delta^{(2)}"),
    ("de_delta1", r"\left( W^{(2)T} \delta^{(2)} \right) \odot f'(z^{(1)})", "a^{(1)} = ReLU(z^{(1)}): delta^{(1)} = dL/dz^{(1)} = (W^{(2)T} delta^{(2)}) entrywise f'(z^{(1)}) (z^{(1)} drawn away from 0)"),
    ("de_dW1", r"\delta^{(1)} x^T", "z^{(1)} = W^{(1)} x + b^{(1)}: dL/dW^{(1)} = delta^{(1)} x^T"),
    ("de_deltaL", r"\frac{\partial L}{\partial a^{(L)}} \odot f^{(L),'}\left(z^{(L)}\right)", "a^{(L)} = f(z^{(L)}) entrywise (tanh, sigmoid drawn), any loss: delta^{(L)} = dL/dz^{(L)} = dL/da^{(L)} entrywise f'(z^{(L)}), every member"),
    ("de_smce", r"\delta^{(L)} = a^{(L)} - y", "the heading's case, a^{(L)} = softmax(z^{(L)}) and L the cross-entropy with one-hot y: delta^{(L)} = a^{(L)} - y (first occurrence)"),
    ("de_hidden", r"\left(W^{(l+1)T} \delta^{(l+1)}\right)", "z^{(l+1)} = W^{(l+1)} a^{(l)} + b^{(l+1)}, a^{(l)} = f(z^{(l)}) (f^{(l),'}! read as f', the '!' the source's damaged '\\!'): delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) entrywise f'(z^{(l)}) (first occurrence)"),
    ("de_dWl", r"\delta^{(l)} , a^{(l-1)T}", "dL/dW^{(l)} = delta^{(l)} a^{(l-1)T}, the outer product the text names"),
    ("de_batch", r"\sum_{i=1}^m \delta^{(l)}_i", "batch of m samples, the bias added to each, delta^{(l)}_i = dL/dz^{(l)}_i for sample i of the batch loss L: dL/db^{(l)} = sum_i delta^{(l)}_i"),
    ("de_dLdp", r"\frac{\partial L}{\partial p_k} = -\frac{y_k}{p_k}", "L = -sum_k y_k log p_k: dL/dp_k = -y_k/p_k"),
    ("de_jac", r"\frac{\partial p_k}{\partial z_j} = p_k (\delta_{kj} - p_j)", "p = softmax(z): dp_k/dz_j = p_k (delta_{kj} - p_j) (Jacobian by autograd)"),
    ("de_c", r"\frac{\partial L}{\partial z_c} = p_c - 1", "y one-hot at c: dL/dz_c = p_c - 1"),
]
GER_DIRS = [
    ("## 5️⃣ Backprop derivation step by step (simple MLP)\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: x=input a^{(1)}=input W^{(1)}=kernel W^{(2)}=kernel b^{(1)}=bias b^{(2)}=bias z^{(1)}=output z^{(2)}=output \\hat{y}=activation y=target L=loss -->"),
    ("# Backpropagation for a multi-layer ANN (matrix form)\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a^{(l-1)}=input W^{(l)}=kernel W^{(l+1)}=kernel b^{(l)}=bias z^{(l)}=output a^{(l)}=activation a^{(L)}=activation z^{(L)}=output y=target L=loss -->"),
    ("## 2️⃣ Complete backprop derivation for softmax + cross-entropy\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input p=output y=target L=loss -->"),
]
GER_EXCL = [
    (r"z^{(1)} = W^{(1)} x + b^{(1)}" + "\n$$\n\n$$\na^{(1)}", "forward definition"),
    (r"a^{(1)} = f(z^{(1)}) = \text{ReLU}(z^{(1)})", "forward definition"),
    (r"\hat{y} = \sigma(z^{(2)}) = \frac{1}{1 + e^{-z^{(2)}}}", "forward definition"),
    (r"L = \frac{1}{2} (y - \hat{y})^2", "definition of the loss"),
    (r"\delta^{(2)} = \frac{\partial L}{\partial z^{(2)}}", "definition of delta"),
    (r"\frac{\partial L}{\partial b^{(2)}} =", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial a^{(1)}}{\partial z^{(1)}} = f'(z^{(1)})", "a^{(1)} = f(z^{(1)}) entrywise, its derivative named (no value)"),
    (r"\text{wenn } z^{(1)} > 0", "holds (ReLU's derivative away from 0); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial b^{(1)}} =", "holds; left out of the score (30% cap)"),
    (r"W^{(l)} := W^{(l)} - \eta \frac{\partial L}{\partial W^{(l)}}", "update rule"),
    (r"b^{(l)} := b^{(l)} - \eta \frac{\partial L}{\partial b^{(l)}}", "update rule"),
    (r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}", "forward definition"),
    (r"a^{(l)} = f^{(l)}!\left(z^{(l)}\right)", "forward definition"),
    (r"\frac{\partial L}{\partial b^{(l)}} = \delta^{(l)}", "holds; left out of the score (30% cap)"),
    (r"\delta^{(3)} = a^{(3)} - y", "holds for the softmax + cross-entropy output the previous section assumes; left out of the score (30% cap)"),
    (r"\delta^{(2)} = (W^{(3)T} \delta^{(3)}) \odot f'(z^{(2)})", "holds; left out of the score (30% cap)"),
    (r"\delta^{(1)} = (W^{(2)T} \delta^{(2)}) \odot f'(z^{(1)})", "holds; left out of the score (30% cap)"),
    (r"\nabla_{W^{(3)}} = \delta^{(3)} a^{(2)T}", "holds; left out of the score (30% cap)"),
    (r"\nabla_{W^{(2)}} = \delta^{(2)} a^{(1)T}", "holds; left out of the score (30% cap)"),
    (r"\nabla_{W^{(1)}} = \delta^{(1)} a^{(0)T}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial z_j} = p_j - y_j", "the result announced before the derivation (holds; repeated at its end); left out of the score (30% cap)"),
    (r"p_k = \frac{e^{z_k}}{\sum_{i=1}^{K} e^{z_i}}", "definition of the softmax"),
    (r"L = -\sum_{k=1}^{K} y_k \log(p_k)", "definition of the loss"),
    (r"L = -\log(p_c)", "the loss for one-hot y (no derivative)"),
    (r"\left(-\frac{y_k}{p_k}\right)", "chain rule with the two factors above, holds; left out of the score (30% cap)"),
    (r"= -\left( y_j (1 - p_j) + \sum_{k \neq j} y_k (-p_j)\right)", "holds (algebra of the line before); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial z_j} = p_j - 0 = p_j", "holds (j not c); left out of the score (30% cap)"),
    (r"> $$\delta^{(L)} = a^{(L)} - y$$", "repeats the row de_smce"),
]

SPA = [
    ("es_chain", r"\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot \frac{\partial z}{\partial w_1}", "z = w_1 x_1 + w_2 x_2 + b, a = sigmoid(z), L = (1/2)(y - a)^2: the chain rule, checked at drawn values"),
    ("es_dLda", r"\left[ \frac{1}{2} (y - a)^2 \right] = -(y - a)", "dL/da = -(y - a), every member"),
    ("es_dLda_num", r"\frac{\partial L}{\partial a} = -(0.8 - 0.721) = \mathbf{-0.079}", "the example's values (x_1 = 0.5, x_2 = 1.0, w_1 = 0.3, w_2 = 0.7, b = 0.1, y = 0.8, a = sigmoid(0.95) = 0.72111): dL/da = -0.07889, -0.079 within half a unit of its last digit; the middle member -(0.8 - 0.721) is -0.079 exactly"),
    ("es_dadz_num", r"0.721 \cdot 0.279 \approx \mathbf{0.201}", "da/dz = a(1 - a) = 0.72111 x 0.27889 = 0.20111; the row's 0.721 x 0.279 = 0.20116; 0.201 within half a unit of its last digit for both"),
    ("es_dzdw", r"(w_1 x_1 + w_2 x_2 + b) = x_1", "dz/dw_1 = x_1"),
    ("es_dzdw_num", r"\frac{\partial z}{\partial w_1} = \mathbf{0.5}", "x_1 = 0.5"),
    ("es_grad_num", r"\frac{\partial L}{\partial w_1} \approx \mathbf{-0.00793}", "dL/dw_1 = -(y - a) a (1 - a) x_1 = -0.0079327 at the example's values, -0.00793 within half a unit of its last digit"),
]
SPA_DIRS = [
    ("### 3. Backward pass\n", "<!-- symbp: layer=fc in=2 out=1 index_base=1 names: x=input w=kernel b=bias z=output a=activation y=target L=loss -->"),
]
SPA_EXCL = [
    (r"$$z = (w_1 x_1) + (w_2 x_2) + b$$", "forward definition"),
    (r"$$z = (0.3 \cdot 0.5) + (0.7 \cdot 1.0) + 0.1$$", "forward value"),
    (r"$$z = 0.15 + 0.7 + 0.1 = \mathbf{0.95}$$", "forward value"),
    (r"a = f(z) = \frac{1}{1 + e^{-0.95}}", "forward value"),
    (r"$$L = \frac{1}{2} (y - a)^2 = \frac{1}{2} (0.8 - 0.721)^2$$", "loss value"),
    (r"$$L = \frac{1}{2} (0.079)^2", "loss value"),
    (r"\underbrace{(-0.079)}_{\text{Paso A}}", "the product of the three rounded factors, with no value of its own (the next row gives it)"),
    (r"$$w_{nuevo} = w_{viejo} - \eta", "update rule"),
    (r"$$w_{nuevo} = 0.3 - (0.1) \cdot (-0.00793)$$", "update value"),
    (r"$$w_{nuevo} = 0.3 + 0.000793", "update value"),
]

MAXP = [
    ("mp_route", r"\nabla Y_{i,j}, \quad \text{if } X_{m,n} = Y_{i,j}", "the note's pooling has a k x k window and a stride s (letters, any values); where k > s windows overlap and an input that is the maximum of several windows receives the sum of their gradients, the row one window's nabla Y_{i,j}; holds for k <= s (disjoint windows), refuted at k = 3, s = 1 and k = 3, s = 2 on drawn maps"),
]
MAXP_DIRS = [
    ("## Backward pass\n", "<!-- symbp: layer=maxpool input=5x5 kernel=3x3 stride=2 index_base=0 names: X=input Y=output -->"),
]
MAXP_EXCL = [
    (r"Y_{i,j} = \max_{(m,n) \in R_{i,j} } X_{m,n}", "forward definition"),
]

IND = [
    ("id_de", r"\frac{\partial \varepsilon}{\partial w_{ij}} = \sum_{k = 1}^N \frac{\partial \varepsilon_k}{\partial w_{ij}}", "epsilon = sum_k epsilon_k: d epsilon/dw_ij = sum_k d epsilon_k/dw_ij (every w_ij; N samples drawn)"),
    ("id_dek", r"\frac{\partial \varepsilon_k}{\partial w_{ij}} = -\left[ T_1^{(k)} - O_1^{(k)} \right] \frac{\partial O_1^{(k)}}{\partial w_{ij}}", "epsilon_k = (1/2)[T_1 - O_1]^2: d epsilon_k/dw_ij = -[T_1 - O_1] dO_1/dw_ij (dO_1/dw_ij by autograd)"),
    ("id_dou", r"\frac{\partial O_1^{(k)}}{\partial u_{ij}} = f(u_{11}", "O_1 = f(u_11 y_1 + u_12 y_2), f the logistic sigmoid (f' = f(1 - f), as the post chooses): dO_1/du_1j = f(.)[1 - f(.)] y_j, written with Kronecker deltas for (i, j) = (1, 1), (1, 2)"),
    ("id_dow", r"\frac{\partial O_1^{(k)}}{\partial w_{ij}} = f(u_{11}", "dO_1/dw_ij = f(.)[1 - f(.)] (u_11 dy_1/dw_ij + u_12 dy_2/dw_ij), each dy/dw by autograd, all four w_ij"),
    ("id_dy1", r"\frac{\partial y_1^{(k)}}{\partial w_{ij}} = f(w_{11}", "y_1 = f(w_11 x_1 + w_12 x_2): dy_1/dw_ij = f(.)[1 - f(.)](delta_i1 delta_j1 x_1 + delta_i1 delta_j2 x_2), all four (i, j)"),
    ("id_dy2", r"\frac{\partial y_2^{(k)}}{\partial w_{ij}} = f(w_{21}", "y_2 = f(w_21 x_1 + w_22 x_2): dy_2/dw_ij = f(.)[1 - f(.)](delta_i2 delta_j1 x_1 + delta_i2 delta_j2 x_2), all four (i, j)"),
]
IND_DIRS = [
    ("The network's equations:\n", "<!-- symbp: layer=fc in=2 out=2 bias=0 weight=out-in index_base=1 names: x=input w=kernel y=activation u=kernel O=activation T=target \\varepsilon=loss -->"),
]
IND_EXCL = [
    (r"\label{eqn:0230-0}", "definition of the total error"),
    (r"\label{eqn:0230-1}", "update rule"),
    (r"\label{eqn:0230-2}", "the post's choice of f (the logistic sigmoid), not a derivation"),
    (r"\label{eqn:0230-3-e}", "the network's forward equations and error definitions"),
    (r"\label{eqn:0230-E1}", "an expression without a left side (the answer options pair it with d epsilon_k/du_11)"),
    (r"\label{eqn:0230-E2}", "an expression without a left side (option: d epsilon_k/du_12)"),
    (r"\label{eqn:0230-E3}", "an expression without a left side (option: d epsilon_k/dw_11)"),
    (r"\label{eqn:0230-E4}", "an expression without a left side (option: d epsilon_k/dw_12)"),
    (r"\label{eqn:0230-E5}", "an expression without a left side (the option pairing it with d epsilon_k/dw_22 is the question's intended wrong statement; E5 is d epsilon_k/dw_21)"),
    (r"\label{eqn:0230-E6}", "an expression without a left side (d epsilon_k/dw_22, named by no option)"),
]

PEI = [
    ("pe_dw", r"\frac{\partial a_j}{\partial w_{ji}}=\delta_jz_i", "a_j = sum_i w_ji z_i, delta_j = dE/da_j: dE/dw_ji = (dE/da_j)(da_j/dw_ji) = delta_j z_i, every member"),
    ("pe_delta", r"\delta_j=h^\prime(a_j)\sum_kw_{kj}\delta_k", "z_j = h(a_j), y_k = sum_j w_kj z_j (identity outputs), delta_k = dE/dy_k: delta_j = h'(a_j) sum_k w_kj delta_k (h the sigmoid and tanh drawn, E a drawn loss and the L2 loss)"),
    ("pe_dw2", r"\frac{\partial E}{\partial w_{ji}}=h^\prime(a_j)z_i\sum_kw_{kj}\delta_k", "dE/dw_ji = h'(a_j) z_i sum_k w_kj delta_k"),
    ("pe_chain3", r"\frac{\partial z_j}{\partial a_j}\frac{\partial a_j}{\partial w_{ji}}=h'(a)z_i\frac{\partial E}{\partial z_j}", "dE/dw_ji = (dE/dz_j)(dz_j/da_j)(da_j/dw_ji) = h'(a_j) z_i dE/dz_j, h'(a) read as h'(a_j) (the unit's own pre-activation), every member"),
    ("pe_dEdz", r"\frac{\partial E}{\partial z_j}=\sum_k\frac{\partial E}{\partial y_k}\frac{\partial y_k}{\partial z_j}", "dE/dz_j = sum_k (dE/dy_k)(dy_k/dz_j) = sum_k (dE/dy_k) w_kj, every member"),
    ("pe_final", r"=h'(a)z_i\sum_k\frac{\partial E}{\partial y_k}w_{kj}=h^\prime(a_j)z_i\sum_kw_{kj}\delta_k", "dE/dw_ji = h'(a_j) z_i dE/dz_j = h'(a_j) z_i sum_k (dE/dy_k) w_kj = h'(a_j) z_i sum_k w_kj delta_k, every member"),
    ("pe_example", r"=2(y_1-\hat y_1)w_{1j}+2(y_2-\hat y_2)w_{2j}", "3-4-2 network, sigmoid hidden units, identity outputs y, targets y-hat, E = (y_1 - y-hat_1)^2 + (y_2 - y-hat_2)^2: dE/dz_j = 2(y_1 - y-hat_1) w_1j + 2(y_2 - y-hat_2) w_2j = sum_k w_kj delta_k with delta_k = dE/dy_k = 2(y_k - y-hat_k), every member of the aligned display"),
]
PEI_DIRS = [
    ("### With back propagation:\n", "<!-- symbp: layer=fc in=3 out=4 bias=0 weight=out-in index_base=1 names: z=input w=kernel a=output E=loss -->"),
    ("### Example\n", "<!-- symbp: layer=fc in=4 out=2 bias=0 weight=out-in index_base=1 names: z=input w=kernel y=output \\hat y=target E=loss -->"),
]
PEI_EXCL = []

TABLE = {
    "codehunter_cnn_lecture_ru.md": ("rus", RUS, RUS_DIRS, RUS_EXCL),
    "allmamun_ann_backprop_de.md": ("ger", GER, GER_DIRS, GER_EXCL),
    "webmastervetea_neuron_numbers_es.md": ("spa", SPA, SPA_DIRS, SPA_EXCL),
    "saikrishna_maxpool_en.md": ("maxp", MAXP, MAXP_DIRS, MAXP_EXCL),
    "viridi_ann_training_id.md": ("ind", IND, IND_DIRS, IND_EXCL),
    "pei_backprop_derivation_en.md": ("pei", PEI, PEI_DIRS, PEI_EXCL),
}
