"""The forty-third held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout43.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- ronen_logreg_derivative_en
RON = [
    ("eq1", r"\frac{\partial J(b,w)}{\partial w_i} =\sum_{i=1}^{m}\frac{\partial L(b,w)}{\partial w_i}",
     "logistic regression z = b + w^T x, y-hat = sigma(z), L the binary cross entropy of one example; J read as the sum of the m losses (this row and Eq. 12a's title 'Sum All Examples Losses' say so): dJ/dw_i = sum of the examples' dL/dw_i; holds (drawn sizes, 0/1 and real-valued labels)"),
    ("eq5", r"\frac{\partial }{\partial w_i}L(z)=\frac{\partial }{\partial \sigma(z)}L(z)\cdot\frac{\partial }  {\partial z}\sigma(z)\cdot\frac{\partial }  {\partial w_i}z",
     "one example, L the cross entropy of Eq. 2 as a function of sigma(z): dL/dw_i = dL/dsigma . dsigma/dz . dz/dw_i (scalar chain rule); holds"),
    ("eq7", r"(1-y^{(i)})log(1-\sigma(z))=-\frac{y^{(i)}}{\sigma(z)}+\frac{1-y^{(i)}}{1-\sigma(z)}",
     "the middle member differentiates the written expression -y log sigma + (1-y) log(1-sigma) (the sign slip of Eq. 4 carried on): its derivative is -y/sigma - (1-y)/(1-sigma), not the last member -y/sigma + (1-y)/(1-sigma) (which is the derivative of Eq. 2's true loss); the members differ whenever y != 1; refuted (labels 0 and 1 drawn, and real-valued ones)"),
    ("eq8", r"-\frac{-e^{-z}}{(1+e^{-z})^2}=-\frac{1-(1+e^{-z})}{(1+e^{-z})^2}=-\sigma(z)^2+\sigma(z)=\sigma(z)(1-\sigma(z))",
     "every member of the chain equals dsigma/dz = e^{-z}/(1+e^{-z})^2 = sigma(1 - sigma); holds (drawn z)"),
    ("eq9", r"\frac{\partial }  {\partial w_i}z=x_i",
     "z = b + w^T x: dz/dw_i = x_i; holds"),
    ("eq10", r"\cdot \sigma(z)(1-\sigma(z)) \cdot x^{(i)}=(\sigma(z)-y^{(i)})x^{(i)}=(\hat{y}^{(i)}-y^{(i)})x^{(i)}",
     "one example, x^{(i)} read as the feature x_i that multiplies w_i (the page uses the superscript (i) for the feature index here, as its Eq. 9 x_i shows): every member equals dL/dw_i = (sigma(z) - y) x_i; holds"),
    ("eq11", r"\frac{\partial }{\partial w_i}L(b,w)=(\sigma(z)-y^{(i)})x^{(i)}=(\hat{y}^{(i)}-y^{(i)}",
     "the last member (y-hat - y) has lost the factor x_i: dL/dw_i = (y-hat - y) x_i, which equals y-hat - y only where x_i = 1; refuted (drawn x)"),
    ("eq12a", r"\frac{\partial }{\partial w_i}J(b,w)=\frac{1}{m}\sum_{i=1}^{m}(\hat{y}^{(i)} -y^{(i)})x^{(i)}",
     "with J the sum of the m losses (Eq. 1, and this row's own title 'Sum All Examples Losses'), dJ/dw_i = sum_examples (y-hat - y) x_i, not 1/m of it; refuted for m >= 2 (the row would hold for a mean cost, which the page never defines)"),
]
RON_DIRS = [
    ("## Eq. 1: Cost Function Derivative", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=in-out names: x=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss J=loss -->"),
    ("## Eq. 8: Second part of the derivative chain", "<!-- symbp: layer=activation name=sigmoid names: z=input \\sigma=output -->"),
    ("## Eq. 9: Third part of the derivative chain", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x=input w=kernel b=bias z=output \\hat{y}=activation \\sigma=activation y=target L=loss J=loss -->"),
]
RON_EXCL = [
    (r"\frac{\partial L(b,w)}{\partial w_i} =\frac{\partial }{\partial w_i}(-y^{(i)}log (\hat{y}^{(i)})-(1-y^{(i)})log(1-\hat{y}^{(i)})", "the loss written out under the derivative (a definition)"),
    (r"$$\hat{y}=\sigma(z)$$", "forward definition"),
    (r"\sigma(z) =\frac{1}{1+e^{-z}}", "definition of the sigmoid"),
    (r"$$z=b+w^Tx$$", "forward definition"),
    (r"L(z)= -ylog \sigma(z) + (1-y)log(1- \sigma(z))", "the loss restated as a function of z (a definition; its second term has the wrong sign against Eq. 2)"),
    (r"\frac{\partial }{\partial \sigma(z)}L(z) =\frac{\partial }{\partial \sigma(z)} (-ylog \sigma(z) + (1-y)log(1- \sigma(z))", "restates the derivative to be taken with Eq. 4's expression under it; true or false only according to which of Eq. 2 and Eq. 4 defines L"),
    (r"\frac{\partial}{\partial x}log x=\frac{1}{x}", "a calculus reminder (holds), no network quantity"),
    (r"(\frac{1}{f(x)})'=-\frac{f'(x)}{f^2(x)}", "a calculus reminder (holds), no network quantity"),
]

# ---------------------------------------------------------------- alexpeterbec_descente_gradient_fr
ALX = [
    ("dZ2", r"dZ^{[2]} = A^{[2]} - Y",
     "examples as columns, Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, A^{[2]} = sigma(Z^{[2]}), J = (1/m) sum of the cross entropies; dZ^{[2]} read as the per-example error dL/dZ^{[2]} (= m dJ/dZ^{[2]}, the course's convention, the only one under which the rows below with their 1/m are dJ/dW): A^{[2]} - Y; holds (labels 0/1 drawn; hidden g = tanh, ReLU, sigmoid)"),
    ("dw2", r"dw^{[2]} = \frac{1}{m}dZ^{[2]}A^{[1]T}",
     "dJ/dW^{[2]} = (1/m) dZ^{[2]} A^{[1]T}; holds"),
    ("db2", r"db^{[2]} = \frac{1}{m}np.sum(dZ^{[2]}, axis=1, keepdims=True)",
     "dJ/db^{[2]} = (1/m) times the sum of dZ^{[2]} over the examples (the columns), kept as a column; holds"),
    ("dZ1", r"d2^{[1]} = W^{[2]T}dZ^{[2]} * g^{[1]'}(Z^{[1]})",
     "the left side 'd2^{[1]}' read as dZ^{[1]} (the next rows use dZ^{[1]}; no other d2 exists), * the entrywise product: dZ^{[1]} = m dJ/dZ^{[1]} = W^{[2]T} dZ^{[2]} * g'(Z^{[1]}); holds"),
    ("dw1", r"dw^{[1]}=\frac{1}{m}dZ^{[1]}X^T",
     "dJ/dW^{[1]} = (1/m) dZ^{[1]} X^T; holds"),
    ("db1", r"db^{[1]} = \frac{1}{m}np.sum(dZ^{[1]}, axis=1, keepdims=True)",
     "dJ/db^{[1]} = (1/m) sum over the examples of dZ^{[1]}; holds"),
]
ALX_DIRS = [
    ("## Backward propagation\n", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=out-in names: A^{[1]}=input X=input W^{[2]}=kernel W^{[1]}=kernel b^{[2]}=bias b^{[1]}=bias Z^{[2]}=output Z^{[1]}=output A^{[2]}=activation Y=target J=loss -->"),
]
ALX_EXCL = [
    (r"w^{[1]} = w^{[1]} - \alpha dw^{[1]}", "an update rule (assignment)"),
    (r"Z^{[1]}=W^{[1]}X+b^{[1]}", "forward definition"),
    (r"A^{[1]}=g^{[1]}(Z^{[1]})", "forward definition"),
    (r"Z^{[2]}=W^{[2]}A^{[1]}+b^{[2]}", "forward definition"),
    (r"A^{[2]} = g^{[2]}(Z^{[2]}) = \sigma (Z^{[2]})", "forward definition"),
]

# ---------------------------------------------------------------- mattpetersen_softmax_ce_en
MAT = [
    ("diag", r"\frac{\sum_j e^{x_j} e^{x_i} - e^{x_i} e^{x_i}}{(\sum_j e^{x_j})^2}",
     "s = softmax(x) over n classes: ds_i/dx_i equals every member, (sum e^x . e^{x_i} - e^{2 x_i}) / (sum e^x)^2 = s_i - s_i^2; holds (drawn x, 3 and 5 classes)"),
    ("offdiag", r"\frac{\sum_j e^{x_j} \cdot 0 - e^{x_i} e^{x_j}}{(\sum_j e^{x_j})^2}",
     "j != i (the sum's j read as running over all classes, as in the definition): ds_i/dx_j = -e^{x_i} e^{x_j} / (sum e^x)^2 = -s_i s_j; holds"),
    ("jac_full", r"= \text{diag}(\mathbf s) - \mathbf s^\top \mathbf s",
     "s a row, s^T s the n x n outer product: the Jacobian [i, j] = ds_i/dx_j equals diag(s) - s^T s; holds"),
    ("grad_s", r"= -\mathbf y \ \text{diag}\left(\frac{\mathbf 1}{\mathbf s}\right)",
     "H = -y log s^T as a function of s (y fixed): every member of the chain, -y diag(1/s) and -y/s, equals the gradient of H with respect to s (a row); holds (one-hot y and a drawn distribution)"),
    ("chain", r"\nabla_{\mathbf x} H = \nabla_{\mathbf s} H \ \mathbf J_{\mathbf x}(\mathbf s)",
     "row gradient times the Jacobian (rows outputs, columns inputs): grad_x H = grad_s H . J_x(s); holds"),
    ("err", r"= \mathbf y \ \mathbf S^{\text{repeated row}} - \mathbf y",
     "every member: -(y/s)[diag(s) - s^T s] = (y/s) s^T s - (y/s) diag(s) = y S^{repeated row} - y (S^{repeated row} the n x n matrix whose rows all equal s) = s - y equals grad_x H for a one-hot y (and, as the author notes, for any y summing to 1); holds"),
    ("jac_zero", r"\mathbf J_{\mathbf x_{j \neq i}}(\mathbf s_i) = \mathbf 0",
     "row-wise softmax of an m x n batch: the Jacobian of output row i with respect to input row j != i is the n x n zero matrix; holds"),
    ("jac_row", r"\mathbf J_{\mathbf x_{i}}(\mathbf s_i) = \text{diag}(\mathbf s_i) - \mathbf s_i^\top \mathbf s_i",
     "the Jacobian of output row i with respect to its own input row is diag(s_i) - s_i^T s_i; holds"),
    ("jac_H", r"= -\frac{1}{m} \mathbf Y \odot \frac{1}{\mathbf S}",
     "H = -(1/m) Tr(Y log S^T) = mean cross entropy over the m rows, as a function of S: dH/dS = -(1/m) Y entrywise / S, i.e. both this member and the next, -(1/m) Y/S; holds"),
    ("err_batch", r"= \frac{1}{m} \Big(\mathbf S - \mathbf Y\Big)",
     "the gradient of the mean cross entropy with respect to the batch input X (rows one-hot): (1/m)(S - Y); holds (also checked against torch cross_entropy with mean reduction)"),
]
MAT_DIRS = [
    ("## Jacobian of softmax\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: \\mathbf x=input x=input \\mathbf s=output s=output -->"),
    ("## Gradient of cross-entropy\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: \\mathbf x=input \\mathbf s=output \\mathbf y=target H=loss -->"),
    ("## Jacobian of batch softmax\n", "<!-- symbp: layer=softmax classes=3 target=one-hot batch=4 index_base=1 names: \\mathbf X=input \\mathbf x_i=input \\mathbf S=output \\mathbf s_i=output \\mathbf Y=target H=loss -->"),
]
MAT_EXCL = [
    ("\\mathbf x = \\begin{bmatrix}\nx_1", "definition of the input row"),
    ("\\mathbf s(\\mathbf x) = \\begin{bmatrix}", "definition of the softmax row"),
    (r"s(\mathbf x)_i = \frac{e^{x_i}}{\sum e^{x_j}}", "definition of the softmax"),
    (r"s(\mathbf x + c)_i &= \frac{e^{x_i + c}}{\sum e^{x_j + c}}", "the shift invariance of the softmax (holds), no derivative"),
    ("&= s(\\mathbf x)_i - s(\\mathbf x)_i^2", "the last member of the diagonal entry, scored with its row (claim diag)"),
    ("&= - s(\\mathbf x)_i s(\\mathbf x)_j", "the last member of the off-diagonal entry, scored with its row (claim offdiag)"),
    ("s_0 - s_0^2 &  -s_0 s_1", "the full Jacobian written entry by entry with indices 0 .. n (n + 1 entries for n classes); its entries are the two rows above, scored there"),
    ("\\mathbf y &= \\begin{bmatrix}", "definition of the one-hot target"),
    (r"&= -\sum_{i=1}^n y_i \log s_i", "definition of the cross entropy"),
    ("\\mathbf X =   \\begin{bmatrix}", "definition of the batch input"),
    ("\\mathbf S =              \\begin{bmatrix}", "definition of the batch softmax"),
    ("\\mathbf J_{\\mathbf X}(\\mathbf S) = \\begin{bmatrix}", "the block-diagonal structure of the batch Jacobian (holds), restating the two rows scored before it"),
    ("\\mathbf Y =   \\begin{bmatrix}", "definition of the batch targets"),
    (r"&= -\frac{1}{m} \text{Tr}(\mathbf Y \log \mathbf S^\top)", "definition of the mean cross entropy"),
    (r"\mathbf J_{\mathbf s}(\log \mathbf s) =", "the Jacobian of the flattened elementwise log (holds); left out for the 30% cap"),
    (r"H(\mathbf y, \mathbf s) = - \frac{1}{m} \mathbf y \log \mathbf s^\top", "the flattened mean cross entropy (definition)"),
    ("\\mathbf J_{\\mathbf s}(H)\n&= -\\frac{1}{m} \\mathbf y\n", "the flattened chain (holds), restating claim jac_H"),
    ("\\mathbf s = \\begin{bmatrix}\n\\mathbf s_1", "the flattened softmax rows (definition)"),
    ("\\mathbf y = \\begin{bmatrix}\n\\mathbf y_1", "the flattened targets (definition)"),
    ("$$\n\\mathbf J_{\\mathbf s}(H) = -\\frac{1}{m} \\frac{\\mathbf Y}{\\mathbf S}\n$$", "the result restated (holds)"),
]

# ---------------------------------------------------------------- bp_notes_nielsen_hexo_zh
ZHN = [
    ("bp1a", r"\delta^L = \nabla_a C \odot \sigma'(z^L).",
     "column vectors, z^l = w^l a^{l-1} + b^l (w^l: n_l x n_{l-1}), a^l = sigma(z^l), C a drawn non-linear function of a^L (and the quadratic cost): delta^L = dC/dz^L = grad_a C entrywise sigma'(z^L); holds (nets 3-4-2, 2-3-3-2, 3-2-2)"),
    ("bp2a", r"\delta^l = (( w^{l+1} )^T \delta^{l+1} ) \odot \sigma'(z^l )",
     "delta^l = ((w^{l+1})^T delta^{l+1}) entrywise sigma'(z^l) for every hidden layer; holds"),
    ("bp4a", r"\nabla_{w^l} C = \delta^l (a^{l-1} )^T",
     "dC/dw^l = delta^l (a^{l-1})^T (n_l x n_{l-1}, like w^l); holds"),
    ("bp2", r"\delta^l_j = \sum_k w^{l+1}_{kj}  \delta^{l+1}_k \sigma'(z^l_j).",
     "component form with w_{kj}^{l+1} the entry in row k (unit k of layer l+1), column j: delta_j^l = sum_k w_{kj}^{l+1} delta_k^{l+1} sigma'(z_j^l); holds"),
    ("bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j.",
     "w_{jk}^l the weight from unit k of layer l-1 to unit j of layer l (the notation list's wording and the matrix forward z^l = w^l a^{l-1} + b^l): dC/dw_{jk}^l = a_k^{l-1} delta_j^l; holds"),
    ("dL_sum", r"\delta^L_j = \sum_k{\frac{\partial C}{\partial a_k^L} \frac{\partial a_k^L}{\partial z_j^L}}",
     "the chain rule over the output units (the sigmoid's Jacobian taken in full by autograd, not assumed diagonal): holds"),
    ("bp2_chain", r"= \sum_k{\frac{\partial C}{\partial z_k^{l+1}} \frac{\partial z_k^{l+1}}{\partial z_j^l}}",
     "every member of the BP2 chain: delta_j^l = sum_k dC/dz_k^{l+1} dz_k^{l+1}/dz_j^l = sum_k delta_k^{l+1} dz_k^{l+1}/dz_j^l (the Jacobian dz^{l+1}/dz^l by autograd); holds"),
    ("dz_dz", r"\frac{\partial z_k^{l+1}}{\partial z_j^l} = w_{kj}^{l+1}\sigma' (z_j^l)",
     "z_k^{l+1} = sum_j w_{kj}^{l+1} sigma(z_j^l) + b_k^{l+1}: dz_k^{l+1}/dz_j^l = w_{kj}^{l+1} sigma'(z_j^l); holds"),
    ("bp2a_mat", "\\delta_k^{l+1} \\\\\\\\\n\\end{bmatrix} \\odot \\begin{bmatrix}\n \\sigma'(z_1^L)",
     "the middle member of the BP2a matrix form multiplies (w^{l+1})^T delta^{l+1} entrywise by the column sigma'(z_1^L), ..., sigma'(z_j^L) of the output layer, not sigma'(z^l) of layer l; for a hidden layer l < L it is not delta^l (its first and last members are right); refuted (a 3-2-2 net, where the shapes agree and the values differ, and a 2-3-3-2 net, where they do not even agree)"),
    ("bp3_final", r"\frac{\partial C}{\partial b_j^l} = \sum_k w^{l+1}_{kj}  \delta^{l+1}_k \sigma'(z^l_j) = \delta^l_j",
     "for a hidden layer l < L: dC/db_j^l = sum_k w_{kj}^{l+1} delta_k^{l+1} sigma'(z_j^l) = delta_j^l; holds"),
]
ZHN_DIRS = [
    ("## The four fundamental equations\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output a^l=activation \\delta^l=output_grad C=loss -->"),
    ("### BP2\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^l=input w^{l+1}=kernel b^{l+1}=bias z^{l+1}=output \\delta^{l+1}=output_grad z^l=input \\delta^l=input_grad C=loss -->"),
]
ZHN_EXCL = [
    (r"\nabla_{b^l} C = \delta^l" + "\n\\tag{BP3a}", "holds (dC/db^l = delta^l); left out for the 30% cap"),
    (r"\frac{\partial C}{\partial b^l_j} = \delta^l_j" + "\n\\tag{BP3}", "holds (component form of BP3a); left out for the 30% cap"),
    (r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", "holds (component form of BP1a); left out for the 30% cap (also restated after its proof)"),
    (r"\delta^l_j \equiv \frac{\partial C}{\partial z^l_j}", "definition of delta"),
    (r"\delta^L_j = \frac{\partial C}{\partial a_j^L} \frac{\partial a_j^L}{\partial z_j^L}", "holds (the sum with its vanishing terms dropped); left out for the 30% cap"),
    ("\\delta^l\n= \\begin{bmatrix}\n \\delta_1^L", "BP1a's matrix form opens with delta^l over a column of delta_j^L: right for l = L, the layer the section is about, a slip of the superscript otherwise; the verdict would hang on reading that slip"),
    ("$$\n\\delta_j^l = \\frac{\\partial C}{\\partial z_j^l}\n$$", "definition of delta restated"),
    (r"z_k^{l+1} = \sum_j{w_{kj}^{l+1} a_j^l + b_k^{l+1 }}", "forward definition (stated twice)"),
    (r"= w_{kj}^{l+1} \frac{\partial \sigma (z_j^l )}{\partial z_j^l} \frac{\partial z_j^l }{\partial b_j^l }", "holds (dz_k^{l+1}/db_j^l = w_{kj}^{l+1} sigma'(z_j^l)); left out for the 30% cap"),
    (r"= \sum_k{\delta_k^{l+1} \frac{\partial z_k^{l+1}}{\partial b_j^l}}", "holds (the BP3 chain through layer l+1); left out for the 30% cap"),
    ("\\nabla_{b^l} C = \\delta\n", "the matrix form of BP3 with a bare delta (no layer); read as delta^l it holds, but the symbol names no layer"),
    (r"\frac{\partial C}{\partial w_{kj}^l} &=& \sum_i{\frac{\partial C}{\partial z_i^l}", "the BP4 chain, written with w_{kj}^l for the weight from unit k to unit j (z_j^l = sum_i w_{ij}^l a_i^{l-1} + b_j^l, the opposite of BP4's w_{jk}); it holds under that reading, left out because the index order of w is not settled between the page's two conventions"),
    ("\\nabla_{w^l} C\n= \\begin{bmatrix}\nw_1^l", "the matrix form written with w_{kj}^l standing for dC/dw_{kj}^l (the author says so) and its transposed layout against delta^l (a^{l-1})^T; not a statement about the network's quantities as written"),
]

TABLE = {
    "ronen_logreg_derivative_en.md": ("ron", RON, RON_DIRS, RON_EXCL),
    "alexpeterbec_descente_gradient_fr.md": ("alx", ALX, ALX_DIRS, ALX_EXCL),
    "mattpetersen_softmax_ce_en.md": ("mat", MAT, MAT_DIRS, MAT_EXCL),
    "bp_notes_nielsen_hexo_zh.md": ("zhn", ZHN, ZHN_DIRS, ZHN_EXCL),
}
