"""The thirty-eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout38.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

ZZ = [
    ('sig_d', '\\frac{\\exp\\left(-z\\right)}{\\left(1+\\exp\\left(-z\\right)\\right)^{2}}=f\\left(z\\right)\\left(1-f\\left(z\\right)\\right)',
     'f = 1/(1+exp(-z)) entrywise: df/dz = exp(-z)/(1+exp(-z))^2 = f(1-f); both members checked against autograd at drawn z; holds'),
    ('tanh_d', '=2B\\left(1-f\\left(z\\right)^{2}\\right)',
     'f = A tanh(Bz) with A = 1.7159, B = 0.6666: the quotient-rule member and 2AB*2exp(2Bz)/(exp(2Bz)+1)^2 equal df/dz = AB(1 - tanh^2(Bz)), but the last member 2B(1 - f(z)^2) is neither AB(1 - tanh^2) nor B(A^2 - f^2)/A (A != 1, and the factor 2 is spurious); every member must hold; refuted'),
    ('dz_l', "=\\delta^{\\left(a^{\\left(l\\right)}\\right)}\\circ f'\\left(z^{\\left(l+1\\right)}\\right)\\in R^{n_{l}\\times1}",
     "the page's own layers: a^{(l)} = f(z^{(l)}), so dL/dz^{(l)} = delta^{(a^{(l)})} o f'(z^{(l)}); the row multiplies by f'(z^{(l+1)}), the next layer's pre-activation (another size n_{l+1}, and other values when the sizes agree); checked on sigmoid nets of 2 and 3 layers with the squared-error loss; refuted"),
    ('dW_l', '=a^{\\left(l\\right)}\\delta^{\\left(z^{\\left(l+1\\right)}\\right)T}\\in R^{n_{l}\\times n_{l+1}}',
     'z^{(l+1)} = W^{(l)T} x^{(l)} + b^{(l)}, W^{(l)} of size n_l x n_{l+1}: dL/dW^{(l)} = a^{(l)} delta^{(z^{(l+1)})T} (n_l x n_{l+1}); holds for every layer of the drawn nets'),
    ('c1_dW2', '=a^{\\left(2\\right)}\\delta^{\\left(z^{\\left(3\\right)}\\right)}\\in R^{n_{2}\\times n_{3}}',
     'z^{(3)} = W^{(2)T} a^{(2)} + b^{(2)}: dL/dW^{(2)} = a^{(2)} delta^{(z^{(3)})T}; the row writes a^{(2)} delta^{(z^{(3)})} without the transpose, a product of an n_2 x 1 by an n_3 x 1 column, undefined and not the n_2 x n_3 it states (the general row above has the T); refuted'),
    ('c1_dzc', '=\\delta^{\\left(ac_{j}^{\\left(1\\right)}\\right)}\\circ ac_{j}^{\\left(1\\right)}\\circ\\left(1-ac_{j}^{\\left(1\\right)}\\right)\\in R^{\\left(H-h+1\\right)\\times\\left(W-w+1\\right)}',
     'ac = f(zc) with the sigmoid f: dL/dzc_j = delta^{(ac_j)} o ac_j o (1 - ac_j) (entrywise); holds (conv, 2x2 max pooling, softmax + cross-entropy head, drawn sizes)'),
    ('c1_dk', "=rot180\\left(conv2\\left(a_{i}^{\\left(1\\right)},rot180\\left(\\delta^{\\left(ac_{j}^{\\left(1\\right)}\\right)}\\right),'valid'\\right)\\right)\\in R^{h\\times w}",
     "reading star as the author's MATLAB conv2 (a true convolution, 'valid'), the kernel gradient is rot180(conv2(a_i, rot180(delta^{(zc_j)}), 'valid')) (it holds with delta^{(zc)}, see the second case's first layer); the row uses delta^{(ac_j)} = dL/dac, which lacks the sigmoid factor ac(1 - ac); refuted (under a cross-correlation reading the outer rot180 is also wrong)"),
    ('c1_db', '\\frac{\\partial ac_{j}^{\\left(1\\right)}}{\\partial b_{j}^{\\left(1\\right)}}=\\sum_{u,v}\\left(\\delta^{\\left(ac_{j}^{\\left(1\\right)}\\right)}\\right)_{u,v}',
     'zc_j = ... + b_j, so dL/db_j = sum_{u,v} (delta^{(zc_j)})_{u,v}; the row sums delta^{(ac_j)} (no sigmoid factor) and writes the chain with dac/db; refuted under every reading of the convolution'),
    ('c2_da2', "=\\sum_{j=1}^{F_{2}}conv2\\left(\\delta^{\\left(zc_{j}^{\\left(2\\right)}\\right)},\\ rot180\\left(k_{ij}^{\\left(2\\right)}\\right),\\ 'full'\\right)",
     "star read as conv2 (true convolution), zc_j^{(2)} = sum_i conv2(a_i^{(2)}, k_ij^{(2)}, 'valid') + b_j: dL/da_i^{(2)} = sum_j conv2(delta^{(zc_j)}, rot180(k_ij), 'full'); holds (2-3 input and output maps; the reading is the one under which the page's own kernel rows with delta^{(zc)} hold)"),
    ('c2_dk2', "=rot180\\left(conv2\\left(a_{i}^{\\left(2\\right)},rot180\\left(\\delta^{\\left(ac_{j}^{\\left(2\\right)}\\right)}\\right),'valid'\\right)\\right)",
     'as for the first case: with delta^{(ac_j^{(2)})} in place of delta^{(zc_j^{(2)})} the sigmoid factor is missing; refuted'),
    ('c2_dk1', "=rot180\\left(conv2\\left(a_{i}^{\\left(1\\right)},rot180\\left(\\delta^{\\left(zc_{j}^{\\left(1\\right)}\\right)}\\right),'valid'\\right)\\right)",
     "rot180(conv2(a_i^{(1)}, rot180(delta^{(zc_j^{(1)})}), 'valid')) = dL/dk_ij^{(1)} for zc_j^{(1)} = sum_i conv2(a_i^{(1)}, k_ij^{(1)}, 'valid') + b_j (true convolution); holds"),
]
ZZ_DIRS = [
    ('### sigmoid function\n', '<!-- symbp: layer=activation name=sigmoid names: z=input f=output -->'),
    ('### hyperbolic tangent function\n', '<!-- symbp: layer=activation name=tanh names: z=input f=output -->'),
    ('**Error sensitivities.**', '<!-- symbp: layer=fc in=3 out=2 weight=in-out names: x^{\\left(l\\right)}=input a^{\\left(l\\right)}=input W^{\\left(l\\right)}=kernel b^{\\left(l\\right)}=bias z^{\\left(l+1\\right)}=output a^{\\left(l+1\\right)}=activation L=loss -->'),
    ('**Fully connected layer.**', '<!-- symbp: layer=fc in=4 out=3 weight=in-out names: a^{\\left(2\\right)}=input W^{\\left(2\\right)}=kernel b^{\\left(2\\right)}=bias z^{\\left(3\\right)}=output L=loss -->'),
    ('**Convolution layer (first case).**', '<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 channels=2,3 conv=true index_base=1 names: a_{i}^{\\left(1\\right)}=input k_{ij}^{\\left(1\\right)}=kernel b_{j}^{\\left(1\\right)}=bias zc_{j}^{\\left(1\\right)}=output ac_{j}^{\\left(1\\right)}=activation L=loss -->'),
    ('**Second convolution layer.**', '<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 channels=2,3 conv=true index_base=1 names: a_{i}^{\\left(2\\right)}=input k_{ij}^{\\left(2\\right)}=kernel b_{j}^{\\left(2\\right)}=bias zc_{j}^{\\left(2\\right)}=output ac_{j}^{\\left(2\\right)}=activation L=loss -->'),
    ('**First convolution layer.**', '<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 channels=2,3 conv=true index_base=1 names: a_{i}^{\\left(1\\right)}=input k_{ij}^{\\left(1\\right)}=kernel b_{j}^{\\left(1\\right)}=bias zc_{j}^{\\left(1\\right)}=output ac_{j}^{\\left(1\\right)}=activation L=loss -->'),
]
ZZ_EXCL = [
    ('\\frac{1}{1+\\exp\\left(-z\\right)}\\end{aligned}', 'definition of the sigmoid'),
    ('A\\tanh\\left(Bz\\right)=1.7159\\tanh\\left(0.6666z\\right)', 'definition of the scaled tanh'),
    ('\\max\\left(0,z\\right)\\end{aligned}', 'definition of ReLU'),
    ('0 & x<0\\\\', "ReLU's derivative written with x for z and the point 0 left out: the reading of its variable is not settled"),
    ('W^{\\left(l\\right)T}x^{\\left(l\\right)}+b^{\\left(l\\right)}\\end{aligned}', 'forward definition'),
    ('x^{\\left(l+1\\right)}=a^{\\left(l+1\\right)}=f\\left(z^{\\left(l+1\\right)}\\right)', 'forward definition'),
    ('=I_{n_{l+1}\\times n_{l+1}}', 'local Jacobians of one layer in one row, dz/dW written as x (a matrix-by-matrix derivative with no layout settled)'),
    ("\\frac{\\partial f\\left(z^{\\left(l+1\\right)}\\right)}{\\partial z^{\\left(l+1\\right)}}=f'\\left(z^{\\left(l+1\\right)}\\right)\\in R^{n_{l+1}\\times1}", "the activation's derivative written as a vector (the Jacobian's diagonal): a notation, not a layer derivative"),
    ('\\frac{1}{2}\\left|\\left|y-a^{\\left(l_{max}\\right)}\\right|\\right|_{2}^{2}', 'definition of the loss'),
    ('-\\left(y-a^{\\left(l_{max}\\right)}\\right) & l=l_{max}', 'holds (both cases: -(y - a) at the output, W^{(l)} delta^{(z^{(l+1)})} otherwise); left out of the score (30% cap)'),
    ('=\\delta^{\\left(z^{\\left(l+1\\right)}\\right)}\\in R^{n_{l+1}\\times1}', 'holds (dL/db^{(l)} = delta^{(z^{(l+1)})}); left out of the score (30% cap)'),
    ('x\\in R^{H\\times W\\times B}', 'forward definition'),
    ('zc_{j}^{\\left(1\\right)}=\\sum_{i=1}^{B}a_{i}^{\\left(1\\right)}\\star k_{ij}^{\\left(1\\right)}', 'forward definition (the convolution)'),
    ('zp_{j}^{\\left(1\\right)}=maxpool(ac_{j}^{\\left(1\\right)},poolsize)', 'forward definition (max pooling)'),
    ('reshape(ap_{j}^{\\left(1\\right)})', 'forward definition'),
    ('a_{i}^{\\left(3\\right)} & = & \\frac{\\exp', 'definition of the softmax'),
    ('=a_{i}^{\\left(3\\right)}\\left(1-a_{i}^{\\left(3\\right)}\\right)\\end{aligned}', 'softmax derivative, diagonal case: holds, left out (30% cap)'),
    ('=-a_{j}^{\\left(3\\right)}a_{i}^{\\left(3\\right)},\\quad i\\neq j', 'softmax derivative, off-diagonal: holds, left out (30% cap)'),
    ('y_{i}\\log\\left(a_{i}^{\\left(3\\right)}\\right)=-\\sum_{j\\neq i}', 'definition of the cross-entropy, split'),
    ('\\Rightarrow\\delta^{\\left(a^{\\left(3\\right)}\\right)} & = & -\\frac{y}{a^{\\left(3\\right)}}\\end{aligned}', 'holds (dL/da = -y/a); the same statement stands twice in a row, left out'),
    ('=\\sum_{j\\neq i}y_{j}a_{i}^{\\left(3\\right)}-y_{i}+y_{i}a_{i}^{\\left(3\\right)}=a_{i}^{\\left(3\\right)}-y_{i}', 'holds for a one-hot y; left out (30% cap)'),
    ('\\delta^{\\left(zp_{j}^{\\left(1\\right)}\\right)} & = & \\delta^{\\left(ap_{j}^{\\left(1\\right)}\\right)}\\end{aligned}$$\n\nand the pooled', 'identity ap = zp (definition)'),
    ('up\\left(\\delta^{\\left(zp_{j}^{\\left(1\\right)}\\right)}\\right)\\in R^{\\left(H-h+1\\right)', 'the upsampling up(.) is not defined (plain repetition would be wrong for max pooling, routing to the arg max right): truth not decidable'),
    ('maxpool\\left(ac_{j}^{\\left(2\\right)}\\right)', 'forward definition'),
    ('up\\left(\\delta^{\\left(zp_{j}^{\\left(2\\right)}\\right)}\\right)', 'up(.) undefined, and the row names ac^{(1)} where the second layer is meant'),
    ('\\circ ac_{j}^{\\left(2\\right)}\\circ\\left(1-ac_{j}^{\\left(2\\right)}\\right)\\in R^{\\left(H_{2}-h_{2}+1\\right)', 'holds (sigmoid factor); left out (30% cap)'),
    ('=\\sum_{u,v}\\left(\\delta^{\\left(ac_{j}^{\\left(2\\right)}\\right)}\\right)_{u,v}', "refuted (sums delta^{(ac)}, as the first case's bias row); left out (30% cap)"),
    ('up\\left(\\delta^{\\left(zp_{j}^{\\left(1\\right)}\\right)}\\right)\\in R^{\\left(H_{1}-h_{1}+1\\right)', 'up(.) undefined'),
    ("=\\sum_{j=1}^{F_{1}}conv2\\left(\\delta^{\\left(zc_{j}^{\\left(1\\right)}\\right)},\\ rot180\\left(k_{ij}^{\\left(1\\right)}\\right),\\ 'full'\\right)", "holds (as the second layer's row); left out (30% cap)"),
    ('\\frac{\\partial zc_{j}^{\\left(1\\right)}}{\\partial b_{j}^{\\left(1\\right)}}=\\sum_{u,v}\\left(\\delta^{\\left(ac_{j}^{\\left(1\\right)}\\right)}\\right)_{u,v}', 'refuted (sums delta^{(ac)}); left out (30% cap)'),
]

WS = [
    ('mse_d', '\\frac{\\partial c}{\\partial \\mathbf{a}_L} = \\frac{2}{n}(\\mathbf{a}_L-\\mathbf{y})',
     'c = (1/n) ||a_L - y||^2 with n the number of entries of a_L: dc/da_L = (2/n)(a_L - y); holds'),
    ('act_d', "\\text{diag}(\\sigma^{'}(\\mathbf{z}_i)) \\frac{\\partial c}{\\partial \\mathbf{a}_i}",
     "a_i = sigma(z_i) entrywise (column vectors, denominator layout): dc/dz_i = diag(sigma'(z_i)) dc/da_i; holds (sigmoid nets of 2 and 3 layers)"),
    ('lin_da', '= W_i^T \\frac{\\partial c}{\\partial \\mathbf{z}_{i+1}}',
     'z_{i+1} = W_i a_i + b_i: dc/da_i = W_i^T dc/dz_{i+1}; holds'),
    ('lin_dW', '\\frac{\\partial c}{\\partial W_i} = \\frac{\\partial c}{\\partial \\mathbf{z}_{i+1}}\\mathbf{a}_i^T',
     'dc/dW_i = dc/dz_{i+1} a_i^T (the shape of W_i); holds (the bias row of the same display, dc/db_i = dc/dz_{i+1}, also holds and is not scored separately)'),
    ('dydx', '\\frac{\\partial {y}_{11}}{\\partial {x}_{12}} = {w}_{22}',
     "the table of the 16 individual derivatives dy_ij/dx_mn of the page's 3x3 W slid over by the 2x2 X (y_11 = w_11 x_11 + w_12 x_12 + w_21 x_21 + w_22 x_22, ...), read entry by entry from the text and compared with autograd: the fourth entry of every line is written with x_{12} where x_{22} is meant (dy_11/dx_12 = w_12, not w_22; dy_21/dx_12 = w_22, not w_32); refuted (the display states 16 equalities, four are false; the fragment names the first false one)"),
    ('dcdX', 'W*\\frac{\\partial c}{\\partial Y}',
     "with y_ij = sum_{m,n} w_{i+m,j+n} x_mn: dc/dx_mn = sum_ij dc/dy_ij w_{i+m,j+n} = (W * dc/dY)_mn under the page's sliding product; every member of the chain holds (3x3/2x2 as on the page, also 6x6/3x3 and 5x5/2x2)"),
    ('dydw', '\\frac{\\partial {y}_{11}}{\\partial {w}_{11}} = {x}_{11}',
     "the 36 individual derivatives dy_ij/dw_ab, read entry by entry (x entries and zeros) and compared with autograd at the page's 3x3/2x2 example; all hold"),
    ('dcdW_pad', '=\\text{pad}\\left(\\frac{\\partial c}{\\partial {Y}}\\right)*\\text{flip}(X)',
     "dc/dw_ab = sum_ij dc/dy_ij x_{a-i+1,b-j+1}: the entry matrix above equals pad(dc/dY) * flip(X), with pad of kernel size - 1 zeros all round and * the page's sliding product; holds at 3x3/2x2 and at larger sizes"),
    ('maxv_d', '\\frac{\\partial y}{\\partial \\mathbf{x}}=\\begin{bmatrix}',
     'y = max(5, 9, 7, 6): dy/dx = (0, 1, 0, 0); holds'),
    ('maxpool_dA', 'B = \\text{maxpool}(A)\\\\',
     "2x2 max pooling with stride 2 of the page's A: B = [[6, 7], [8, 9]], maxima at (2,1), (1,3), (3,1), (3,4); dc/dA places dc/db_11, dc/db_12, dc/db_21, dc/db_22 there and zeros elsewhere, as written; holds (drawn dc/dB)"),
    ('multi_dI', '\\frac{\\partial c}{\\partial I_i} = \\text{pad}(\\frac{\\partial c}{\\partial O_j}) * \\text{flip}(K_{ij})',
     'O_j = sum_i I_i * K_ij: every output channel depends on I_i, so dc/dI_i = sum_j pad(dc/dO_j) * flip(K_ij); the row has a single j and no sum (read for every j, as written); refuted with two or three output channels (it holds only with one)'),
    ('multi_dK', '\\frac{\\partial c}{\\partial K_{ij}} = I_i * \\frac{\\partial c}{\\partial O_j}',
     'dc/dK_ij = I_i * dc/dO_j (only O_j depends on K_ij); holds (1-3 input, 2-3 output channels)'),
]
WS_DIRS = [
    ('## Recap on the last blogpost\n', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{a}_i=input W_i=kernel \\mathbf{b}_i=bias \\mathbf{z}_{i+1}=output \\mathbf{z}_i=output \\mathbf{a}_L=activation \\mathbf{y}=target c=loss -->'),
    ('## Convolution (Single Layer)\n', '<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 conv=cross index_base=1 names: W=input X=kernel Y=output c=loss -->'),
    ('## Max-pooling (Single Layer)\n', '<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=1 names: A=input B=output c=loss -->'),
    ('## Convolution (Multiple Layer)\n', '<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 channels=2,3 conv=cross index_base=1 names: I_i=input K_{ij}=kernel O_j=output c=loss -->'),
]
WS_EXCL = [
    ('\\mathbf{z}_{i+1} &= W_i \\mathbf{a}_i+\\mathbf{b}_i', 'forward definitions'),
    ('(f*g)(t):=\\int', 'definition of convolution (continuous)'),
    ('W * X &=', 'definition of the sliding product by example'),
    ('Y&=W*X', 'the layer written out (definition)'),
    ('\\frac{\\partial c}{\\partial {w}_{11}}&=\\frac{\\partial c}{\\partial {y}_{11}}\\frac{\\partial {y}_{11}}{\\partial {w}_{11}}', 'holds (each dc/dw_ab by the chain rule); the same entries are scored in their matrix form (dcdW_pad); left out (30% cap)'),
    ('\\mathbf{x}&=\\begin{bmatrix}', 'the example vector and its maximum (forward value)'),
    ('A =\n\\begin{bmatrix}', 'the example matrix (definition)'),
    ('B =\n\\begin{bmatrix}', 'the pooled matrix (forward value, right)'),
    ('O_j = \\sum_{i=1}^{n}{I_i*K_{ij}}', 'forward definition (multi-channel)'),
]

AKF = [
    ('akf_CT', '= C^T \\cdot \\frac{\\partial Loss}{\\partial y}',
     'y = Cx with C the matrix of a valid 2-D convolution (built from the layer, 4x4/2x2 up to 6x6/3x3): dLoss/dx = (dy^T/dx) dLoss/dy = C^T dLoss/dy, with dy^T/dx the denominator-layout Jacobian, which is C^T; every member holds'),
    ('akf_rot', '\\Delta X = \\Delta Y * rot_{180}(K)',
     "Y = X * K (valid): Delta X = Delta Y * rot180(K) with the backward * in full mode (Delta Y zero-padded by the kernel size - 1, as the backward product must be to give X's size); holds whether * is read as the CNN cross-correlation or as a true convolution (the same reading on both rows)"),
]
AKF_DIRS = [
    ('### CNN的反向传播算法\n', '<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input x=input K=kernel Y=output y=output Loss=loss -->'),
]
AKF_EXCL = [
    ('L_2=\\sigma(Conv(L_1,W)+b)', 'forward definition'),
    ('g(i,j)=\\sum_{k,l}f(i+k,j+l)h(k,l)', 'forward definition (single channel)'),
    ('g(i,j)=\\sum_{c,k,l}f(i+k,j+l)h(k,l)', 'forward definition of the multi-channel convolution (as written, f and h carry no channel index)'),
    ('$$Y=X*K$$', 'forward definition'),
]

KO = [
    ('g_dz2', '\\frac{\\partial L}{\\partial z_2} = \\frac{\\partial L}{\\partial h_2} \\times \\frac{\\partial h_2}{\\partial z_2}',
     'h_2 = f(z_2) entrywise: dL/dz_2 = dL/dh_2 times the (diagonal) derivative of f, entry by entry; holds (sigmoid, tanh and ReLU drawn, 2-4 units per layer, drawn loss)'),
    ('g_dW2', '= \\frac{\\partial L}{\\partial z_2} \\times h_1^T',
     'z_2 = W_2 h_1 + b_2 (column vectors): dL/dW_2 = dL/dz_2 h_1^T (outer product, the shape of W_2); both members; holds'),
    ('g_db2', '\\frac{\\partial L}{\\partial b_2} = \\frac{\\partial L}{\\partial z_2}',
     'dL/db_2 = dL/dz_2; holds'),
    ('g_dz1', '\\frac{\\partial L}{\\partial z_1} = \\frac{\\partial L}{\\partial h_1} \\times \\frac{\\partial h_1}{\\partial z_1}',
     "h_1 = f(z_1) entrywise: dL/dz_1 = dL/dh_1 times f'(z_1) entry by entry; holds"),
    ('g_dW1', '\\frac{\\partial L}{\\partial W_1} = \\frac{\\partial L}{\\partial z_1} \\times x^T',
     'z_1 = W_1 x + b_1: dL/dW_1 = dL/dz_1 x^T; holds'),
    ('e_dh2', '= h_2 - y = 1.78 - 3 = -1.22',
     "the page's network (x = [1, 2], y = 3, W_1, b_1, W_2, b_2 as given, ReLU, L = (h_2 - y)^2 / 2), autograd: h_2 = 1.78 exactly and dL/dh_2 = h_2 - y = -1.22; holds"),
    ('e_dW2', '= -1.22 \\times [1.2, 1.2] = [-1.46, -1.46]',
     'dL/dW_2 = -1.22 * [1.2, 1.2] = [-1.464, -1.464], -1.46 within 0.4 units of the last digit; holds'),
    ('e_dh1', '= -1.22 \\times [0.6, 0.8] = [-0.73, -0.98]',
     'dL/dh_1 = -1.22 * W_2^T = [-0.732, -0.976]; both within 0.4 units of the last digit; holds'),
    ('e_db1', '\\frac{\\partial L}{\\partial b_1} = [-0.73, -0.98]',
     'dL/db_1 = dL/dz_1 = [-0.732, -0.976] (both ReLU units active); holds'),
]
KO_DIRS = [
    ('### Backward Pass\n', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: h_1=input x=input W_2=kernel W_1=kernel b_2=bias b_1=bias z_2=output z_1=output h_2=activation L=loss -->'),
    ('### Backward Pass (example)\n', '<!-- symbp: layer=fc in=2 out=1 weight=out-in names: h_1=input W_2=kernel b_2=bias z_2=output h_2=activation y=target L=loss -->'),
]
KO_EXCL = [
    ('x \\xrightarrow{W_1, b_1} z_1', "the network's forward chain (definition)"),
    ('$$\\frac{\\partial L}{\\partial h_2} = \\frac{\\partial L}{\\partial h_2}$$', "a tautology standing for 'differentiate the loss'"),
    ('= \\frac{\\partial L}{\\partial z_2} \\times W_2^T', 'dL/dh_1 = dL/dz_2 x W_2^T: with column vectors the product is defined (and right) only when z_2 has one entry, as in the example; for several outputs the order must be W_2^T dL/dz_2; the section fixes no size, so the verdict turns on the reading'),
    ('$$\\frac{\\partial L}{\\partial b_1} = \\frac{\\partial L}{\\partial z_1}$$', 'holds (dL/db_1 = dL/dz_1); left out of the score (30% cap)'),
    ('L = \\frac{1}{2}(h_2 - y)^2', 'definition of the loss'),
    ('\\frac{\\partial h_2}{\\partial z_2} = 1 \\text{ (if }', 'holds (ReLU derivative at z_2 = 1.78 > 0); a local derivative, not scored'),
    ('= -1.22 \\times 1 = -1.22', 'holds (dL/dz_2 = -1.22); left out (30% cap)'),
    ('$$\\frac{\\partial L}{\\partial b_2} = -1.22$$', 'holds; left out (30% cap)'),
    ('= [-0.73, -0.98] \\times [1, 1] = [-0.73, -0.98]', 'holds (dL/dz_1 = [-0.732, -0.976]); left out (30% cap)'),
    ('[[-0.73, -1.46], [-0.98, -1.96]]', 'dL/dW_1 = dL/dz_1 x^T = [[-0.732, -1.464], [-0.976, -1.952]]: -1.96 is 0.8 units of its last digit off (the page doubled the rounded -0.98), between the tolerance bands; a verdict would hang on the tolerance'),
    ('x \\rightarrow f_1 \\rightarrow f_2', 'a chain of functions (definition)'),
    ('\\frac{\\partial L}{\\partial \\theta_1} = \\frac{\\partial L}{\\partial f_3}', 'the chain rule in general letters (no layer quantity)'),
    ('Z_1 = XW_1^T + b_1', 'forward definition (batch)'),
    ('H_1 = f(Z_1)', 'forward definition (batch)'),
    ('\\frac{1}{N}\\sum_{i=1}^{N} \\frac{\\partial L_i}{\\partial W_1}', 'true when L is the mean of the per-sample losses, which the note does not define: not decidable'),
]

AIC = [
    ('aic_jac', '\\frac{\\partial \\mathcal{L}}{\\partial \\vec{x}} = J^T \\frac{\\partial \\mathcal{L}}{\\partial \\vec{y}}',
     'y = f(x) with Jacobian J (m x n, J_ij = dy_i/dx_j, as the page defines it), L a scalar of y: dL/dx = J^T dL/dy; holds (f = tanh(Ax) drawn, m and n from 2 to 4)'),
    ('aic_chain', '\\frac{\\partial z}{\\partial x_j} = \\sum_i \\frac{\\partial z}{\\partial y_i} \\cdot \\frac{\\partial y_i}{\\partial x_j}',
     'the multivariable chain rule for a scalar z of y = g(x); checked entry by entry on the same drawn maps; holds'),
    ('aic_delta', "= \\left(\\frac{\\partial \\mathcal{L}}{\\partial \\vec{a}^{(l)}}\\right) \\odot \\sigma'(\\vec{z}^{(l)})",
     "a^{(l)} = sigma(z^{(l)}) entrywise: delta^{(l)} = dL/dz^{(l)} = dL/da^{(l)} entrywise sigma'(z^{(l)}); holds at both layers of drawn 2-layer sigmoid nets"),
    ('aic_rec', "\\delta^{(l)} = \\left((W^{(l+1)})^T \\delta^{(l+1)}\\right) \\odot \\sigma'(\\vec{z}^{(l)})",
     "z^{(l+1)} = W^{(l+1)} a^{(l)} + b^{(l+1)} (W rows = outputs): delta^{(l)} = ((W^{(l+1)})^T delta^{(l+1)}) entrywise sigma'(z^{(l)}); holds"),
    ('aic_dWdb', '\\frac{\\partial \\mathcal{L}}{\\partial W^{(l)}} = \\delta^{(l)} (\\vec{a}^{(l-1)})^T',
     'dL/dW^{(l)} = delta^{(l)} (a^{(l-1)})^T and dL/db^{(l)} = delta^{(l)} (both statements of the display); holds at both layers'),
    ('aic_ex1', '= \\sigma(a)(1-\\sigma(a)) \\cdot x = z(1-z) \\cdot x',
     'z = sigma(w_1 x + w_2): dz/dw_1 = sigma(a)(1 - sigma(a)) x = z(1 - z) x; every member holds at drawn x, w_1, w_2'),
    ('aic_ex2', "\\sigma'(x) = \\frac{e^{-x}}{(1+e^{-x})^2} = \\frac{1}{1+e^{-x}} \\cdot \\frac{e^{-x}}{1+e^{-x}}",
     "sigma'(x) = e^{-x}/(1+e^{-x})^2 = sigma(x)(1 - sigma(x)); every member holds"),
]
AIC_DIRS = [
    ('**Jacobian in backpropagation.**', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\vec{x}=input \\vec{y}=output \\mathcal{L}=loss -->'),
    ('### 역전파 알고리즘\n', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\vec{a}^{(l-1)}=input W^{(l)}=kernel \\vec{b}^{(l)}=bias \\vec{z}^{(l)}=output \\vec{a}^{(l)}=activation \\mathcal{L}=loss -->'),
    ('## 연습문제\n', '<!-- symbp: layer=activation name=sigmoid names: a=input x=input z=output -->'),
]
AIC_EXCL = [
    ('J = \\frac{\\partial \\vec{f}}{\\partial \\vec{x}} = \\begin{pmatrix}', 'definition of the Jacobian'),
    ('\\frac{dz}{dx} = \\frac{dz}{dy} \\cdot \\frac{dy}{dx}', 'the scalar chain rule (no layer quantity)'),
]

EMC = [
    ('emc_chain', '\\frac{\\partial \\mathbf{z}}{\\partial \\mathbf{x}} = \\frac{\\partial \\mathbf{z}}{\\partial \\mathbf{y}} \\frac{\\partial \\mathbf{y}}{\\partial \\mathbf{x}}',
     'numerator layout, as the chapter declares (entry (i, j) = dz_i/dx_j): the Jacobian of z = g(f(x)) is the product of the Jacobians; holds (drawn smooth f, g with 2-5 dimensions)'),
    ('emc_mse', '\\nabla_\\mathbf{w} L = -\\frac{1}{n} X^T (\\mathbf{y} - X\\mathbf{w})',
     'L = ||y - Xw||^2 / (2n): grad_w L = -(1/n) X^T (y - Xw); holds'),
    ('emc_mse_chain', '= \\frac{1}{n} \\cdot 2 \\mathbf{r}^T \\nabla_\\mathbf{w} \\mathbf{r} = -\\frac{1}{n} X^T \\mathbf{r}',
     "with r = y - Xw, L = r^T r / (2n), so grad_w L = (1/(2n)) grad(r^T r) = (1/(2n)) 2 r^T dr/dw = -(1/n) r^T X; the row's first members (1/n) grad(r^T r) = (1/n) 2 r^T dr/dw equal -(2/n) r^T X, twice the gradient (the 1/(2n) became 1/n), while its last member -(1/n) X^T r is right; every member must hold; refuted"),
    ('emc_sce', '\\frac{\\partial L}{\\partial \\mathbf{z}} = \\sigma(\\mathbf{z}) - \\mathbf{y}',
     'softmax and cross-entropy with a one-hot y (as the text states): dL/dz = softmax(z) - y; holds'),
    ('emc_dW', '\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial \\mathbf{z}} \\mathbf{x}^T',
     'z = Wx + b: dL/dW = dL/dz x^T (the shape of W); holds'),
    ('emc_db', '\\frac{\\partial L}{\\partial \\mathbf{b}} = \\frac{\\partial L}{\\partial \\mathbf{z}}',
     'dL/db = dL/dz; holds'),
    ('emc_dx', '\\frac{\\partial L}{\\partial \\mathbf{x}} = W^T \\frac{\\partial L}{\\partial \\mathbf{z}}',
     'dL/dx = W^T dL/dz (as a column gradient, the shape of x); holds'),
    ('emc_logit', '\\nabla_\\mathbf{w} L = \\frac{1}{n} X^T (\\boldsymbol{\\sigma} - \\mathbf{y})',
     'logistic regression, mean binary cross-entropy over n samples (rows x_i of X): grad_w L = (1/n) X^T (sigma - y); holds'),
    ('emc_sjac', '\\frac{\\partial \\sigma_i}{\\partial z_j} = \\sigma_i(\\delta_{ij} - \\sigma_j)',
     'softmax Jacobian d sigma_i/dz_j = sigma_i (delta_ij - sigma_j) for every pair; holds'),
]
EMC_DIRS = [
    ('### 2.2 체인 룰 with 야코비안\n', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input \\mathbf{y}=output \\mathbf{z}=output -->'),
    ('### 5.1 MSE 손실의 그래디언트 유도\n', '<!-- symbp: layer=fc in=3 out=1 batch=5 weight=in-out names: X=input \\mathbf{w}=kernel \\mathbf{y}=target L=loss -->'),
    ('### 5.3 소프트맥스 교차 엔트로피 그래디언트\n', '<!-- symbp: layer=softmax classes=3 target=one-hot names: \\mathbf{z}=input \\sigma(\\mathbf{z})=output \\mathbf{y}=target L=loss -->'),
    ('### 5.6 선형 레이어의 그래디언트 유도\n', '<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input W=kernel \\mathbf{b}=bias \\mathbf{z}=output L=loss -->'),
    ('**Exercise 2 (logistic regression).**', '<!-- symbp: layer=fc in=3 out=1 batch=5 weight=in-out names: X=input \\mathbf{w}=kernel \\mathbf{y}=target L=loss -->'),
    ('**Exercise 4 (softmax Jacobian).**', '<!-- symbp: layer=softmax classes=3 names: z=input \\sigma=output -->'),
]
EMC_EXCL = [
    ('J = \\frac{\\partial \\mathbf{f}}{\\partial \\mathbf{x}} = \\begin{bmatrix}', 'definition of the Jacobian'),
    ('L(\\mathbf{w}) = \\frac{1}{2n} \\|\\mathbf{y} - X\\mathbf{w}\\|^2', 'definition of the loss'),
    ('\\nabla_\\mathbf{w} L = \\nabla_\\mathbf{w} \\frac{1}{2n}(\\mathbf{y} - X\\mathbf{w})^T', 'the loss restated inside the gradient (no derivative computed)'),
    ('\\sigma(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}', 'definition of the softmax'),
    ('L = -\\sum_i y_i \\log \\sigma(\\mathbf{z})_i', 'definition of the cross-entropy'),
    ('\\frac{\\partial L}{\\partial \\mathbf{w}_1} = \\frac{\\partial L}{\\partial \\mathbf{z}_L}', 'a product of Jacobians whose last factor (z_1 by w_1) has no layer defined in the chapter; its layout and shapes are not settled'),
    ('L(\\mathbf{w}) = -\\frac{1}{n} \\sum_{i=1}^n', 'definition of the logistic loss'),
    ('\\frac{\\partial \\sigma_i}{\\partial z_j} = ?', "the exercise's question (no statement)"),
]

TABLE = {
    'zhongzisha_covenet_notes_en.md': ('zz', ZZ, ZZ_DIRS, ZZ_EXCL),
    'waffle_cnn_part2_en.md': ('ws', WS, WS_DIRS, WS_EXCL),
    'antkillerfarm_cnn_bp_zh.md': ('akf', AKF, AKF_DIRS, AKF_EXCL),
    'backprop_note_obsidian_ko.md': ('ko', KO, KO_DIRS, KO_EXCL),
    'ai_calculus_note_ko.md': ('aic', AIC, AIC_DIRS, AIC_EXCL),
    'eunsu_matrix_calculus_ko.md': ('emc', EMC, EMC_DIRS, EMC_EXCL),
}
