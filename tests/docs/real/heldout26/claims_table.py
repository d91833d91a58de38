"""The twenty-sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it); a fragment may span
the line breaks of one display row.  Data only; the truth is computed by ``truth_heldout26.py``
(numpy and torch autograd, not symbp), whose function for each document ``TABLE`` names."""

NL = "\n"

TUR = [
    ("dEdwjk_half", r"\frac{\partial E}{\partial w_{jk}} = \frac{1}{2} \sum_k (a_t - t_k)^2", "read with a_t as a_k (the typo); E = 1/2 sum_k (a_k - t_k)^2: the row sets dE/dw_{jk} equal to E itself (the derivative sign is missing on the right), which is not the gradient (dE/dw_{jk} = (a_k - t_k) g_k'(z_k) a_j); refuted at every draw"),
    ("dEdwjk", r"\frac{\partial E}{\partial w_{jk}} =  (a_k-t_k)g_k'(z_k) a_j", "z_k = b_k + sum_j a_j w_{jk}, a_k = g_k(z_k) (element-wise activation), E = 1/2 sum_k (a_k - t_k)^2: dE/dw_{jk} = (a_k - t_k) g_k'(z_k) a_j"),
    ("dEdwjk_delta", r"\frac{\partial E}{\partial w_{jk}} =  \delta_k a_j", "delta_k = (a_k - t_k) g_k'(z_k): dE/dw_{jk} = delta_k a_j"),
    ("dEdwij_half", r"\frac{1}{2} \sum_k (a_k-t_k)^2", "the hidden-layer row dE/dw_{ij} = 1/2 sum_k (a_k - t_k)^2 again equates the gradient with the error E (derivative sign missing); refuted"),
    ("dzk_gk", r"= w_{jk}g_k'(z_j)\frac{\partial z_j}{\partial w_{ij}}", "dz_k/dw_{ij} = w_{jk} g_j'(z_j) dz_j/dw_{ij}; the row writes the output activation's derivative g_k' at z_j; the note allows g_j and g_k to differ (sigmoid hidden, softmax/other output in its code), and with g_j = sigmoid, g_k = tanh the row is wrong; refuted (it holds only when g_k = g_j)"),
    ("dzk_dwij", r"= w_{jk}g_j'(z_j)a_i", "z_j = b_j + sum_i a_i w_{ij}, a_j = g_j(z_j): dz_k/dw_{ij} = w_{jk} g_j'(z_j) a_i"),
    ("dEdwij", r"\sum_k (a_k-t_k)g_k'(z_k)w_{jk}g_j'(z_j)a_i", "dE/dw_{ij} = sum_k (a_k - t_k) g_k'(z_k) w_{jk} g_j'(z_j) a_i"),
    ("dEdbi", r"\frac{\partial E}{\partial b_i} = g_j'(z_j) \sum_k \delta_k w_{jk}", "b_i read as the note's name for the bias of hidden unit j (z_j = b_i + sum_i a_i w_{ij} in its rows): dE/db = g_j'(z_j) sum_k delta_k w_{jk}"),
]
TUR_DIRS = [
    ("## Formüller ve Kod\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: a_i=input w_{ij}=kernel b_i=bias b_j=bias z_j=output a_j=activation w_{jk}=kernel b_k=bias z_k=output a_k=activation t_k=target E=loss -->"),
]
TUR_EXCL = [
    (r"E = \frac{1}{2}  \sum_k (a_k - t_k)^2", "definition of the error"),
    (r"= (a_k-t_k) \frac{\partial }{\partial w_{jk}} (a_k-t_k)", "holds (chain rule step); left out of the score (30% cap)"),
    (r"(a_k-t_k)  \frac{\partial}{\partial w_{jk}} a_k", "chain-rule step with an unevaluated derivative"),
    (r"= (a_k-t_k)  \frac{\partial}{\partial w_{jk}} g_k(z_k)", "chain-rule step with an unevaluated derivative"),
    (r"= (a_k-t_k)g_k'(z_k)\frac{\partial}{\partial w_{jk}} z_k", "chain-rule step (1) with an unevaluated derivative"),
    (r"\delta_k = (a_k-t_k)g_k'(z_k)", "definition of delta_k"),
    (r"w_{jk} \leftarrow w_{jk} - \eta  \frac{\partial E}{\partial w_{jk}}", "update rule"),
    (r"\frac{\partial }{\partial b_k} \big[ b_k + \sum_j g_j(z_j) \big] = 1", "dz_k/db_k = 1 (its bracket drops the weights w_{jk}); not a gradient of the loss"),
    (r"\frac{\partial E}{\partial b_k} (a_k-t_k) g_k'(z_k)(1)", "holds read with the missing '=' (dE/db_k = (a_k - t_k) g_k'(z_k)); left out of the score (30% cap and the missing relation sign)"),
    (r"= \sum_k (a_k-t_k) \frac{\partial }{\partial w_{ij}} a_k", "chain-rule step with an unevaluated derivative"),
    (r"\sum_k (a_k-t_k) \frac{\partial }{\partial w_{ij}} g_k(z_k)", "chain-rule step with an unevaluated derivative"),
    (r"= \sum_k (a_k-t_k) g_k'(z_k)", "chain-rule step (2) with an unevaluated derivative"),
    (r"z_k = b_k + \sum_j a_j w_{jk}", "forward definition"),
    (r"= b_k + \sum_j g_j (b_i + \sum_i z_i w_{ij})w_{jk}", "forward definition (with z_i for a_i)"),
    (r"\frac{\partial z_k}{\partial a_j}\frac{\partial a_j}{\partial w_{ij}}", "chain-rule steps with unevaluated derivatives"),
    (r"= w_{jk}g_j'(z_j) \frac{\partial }{\partial w_{ij}}(b_i + \sum_i a_iw_{ij})", "chain-rule step with an unevaluated derivative"),
    (r"g_j'(z_j)a_i \sum_k (a_k-t_k)g_k'(z_k)w_{jk}", "holds (a rearrangement, no relation sign); left out of the score"),
    (r"= a_ig_j'(z_j) \sum_k \delta_k w_{jk}", "holds; left out of the score (30% cap)"),
    (r"= w_{jk}g_j'(z_j) (1)", "dz_k/db = w_{jk} g_j'(z_j): holds; left out of the score (30% cap)"),
    (r"= \delta_j", "names the hidden delta (delta_j is not defined in the note)"),
]

ROW = [
    ("dbk", r"\frac{dL}{db^k} = (\hat{y} - y) \times \sigma'(z^k) \times 1", "z^k = W^k a^{k-1} + b^k, y-hat = sigma(z^k), L = (y-hat - y)^2/2 read as 1/2 sum of squares, x element-wise (the note under the row): dL/db^k = (y-hat - y) sigma'(z^k)"),
    ("deltak", r"\sigma '(z^k) \times " + NL + "W^k", "delta^k = dL/da^{k-1} as a row vector (the notes' shapes: 1 x n times n x m): ((y-hat - y) sigma'(z^k))^T W^k = dL/da^{k-1}"),
    ("deltak_b", r"\frac{dL}{db^k} \times " + NL + "W^k", "delta^k = (dL/db^k as a 1 x n row) W^k = dL/da^{k-1}"),
    ("dWk", r"\sigma '(z^k) \times " + NL + "a^{k-1}", "dL/dW^k = outer((y-hat - y) sigma'(z^k), a^{k-1}) (the notes' outer product), n x m like W^k"),
    ("dbc", r"W^{c+1} \times" + NL + r"\sigma ' (z^c) \times" + NL + "1", "lower layer c, z^{c+1} = W^{c+1} sigma(z^c) + b^{c+1}: dL/db^c = ((dL/db^{c+1} as a row) W^{c+1}) element-wise sigma'(z^c) (the notes: matrix product, then element-wise)"),
    ("deltac", r"\sigma ' (z^{c}) \times" + NL + "W^{c}", "delta^{c+1} = dL/da^c (the notes' definition one layer up): delta^c = dL/da^{c-1} = (delta^{c+1} element-wise sigma'(z^c)) W^c (row vector times W^c)"),
    ("dWc", r"\sigma ' (z^c) \times" + NL + "a^{c-1}", "dL/dW^c = outer(delta^{c+1} element-wise sigma'(z^c), a^{c-1}) with delta^{c+1} = dL/da^c"),
]
ROW_DIRS = [
    ("## Backwards top layer\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{k-1}=input W^k=kernel b^k=bias z^k=output \\hat{y}=activation y=target L=loss -->"),
    ("## Backwards lower Layers\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{c-1}=input W^c=kernel W^{c}=kernel b^c=bias z^c=output z^{c}=output a^c=activation L=loss -->"),
]
ROW_EXCL = [
    (r"W^k \in \reals^{n \times m}, b^k \in \reals^{n}, y \in \reals^{n}", "shapes"),
    (r"z^l = W^l a^{l-1} + b^l", "forward definition"),
    (r"a^l  = \sigma(z^l)", "forward definition"),
    (r"L=\frac{(\hat{y} - y)^2}{2}", "definition of the loss"),
    (r"\frac{dL}{db^k} = \frac{dL}{\hat{y}} \times \frac{d\hat{y}}{dz^k} \times \frac{dz^k}{db^k}", "chain rule with unevaluated factors"),
    (r"\delta^k = \frac{dL}{da^{k-1}} = ", "definition of delta^k with the chain rule unevaluated"),
    (r"(W \in \reals^{n \times m}) = ", "shapes of a product"),
    (r"\frac{dz^k}{dW^k} ", "chain rule with unevaluated factors"),
    (r"\frac{dL}{db^k} \times " + NL + "a^{k-1}", "holds (outer(dL/db^k, a^{k-1})); left out of the score (30% cap)"),
    (r"outer(\frac{dL}{db^k} \in \reals^{n}, ", "shapes of the outer product"),
    (r"c = k - n", "index definition"),
    (r"W^{c+1} \in \reals^{n \times m}, W^{c} \in \reals^{n \times o}", "shapes (W^c's first dimension should be m)"),
    (r"\frac{da^{k-2}}{dz^{k-2}} \times", "chain rule with unevaluated factors"),
    (r"\frac{dL}{db^{c+1}} \times" + NL + r"\frac{dz^{c+1}}{da^c} \times", "chain rule with unevaluated factors"),
    (r"\vec{i} \in R^{1 \times m}", "shapes of a product"),
    (r"\delta^c = \frac{dL}{da^{c-1}} = ", "definition of delta^c with the chain rule unevaluated"),
    (r"\frac{da^{c}}{dz^{c}} \times" + NL + r"\frac{dz^{c}}{da^{c-1}}", "chain rule with unevaluated factors"),
    (r"(W^c \in \reals^{m \times o}) =", "shapes of a product"),
    (r"\frac{dz^{c}}{dW^{c}}" + NL + "$$" + NL + NL + "$$ \\frac{dL}{dW^c} = ", "chain rule with unevaluated factors"),
    (r"outer((\vec{i} \in \reals^{1 \times m}),", "shapes of the outer product"),
]

EZA = [
    ("bp1", r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", "delta^L_j = dC/dz^L_j, a^L = sigma(z^L) element-wise: (BP1) holds for any cost"),
    ("bp1a", r"\delta^L = \nabla_a C \odot \sigma'(z^L)", "the same as vectors"),
    ("sm_row1", r"\frac{\partial L}{\partial o_i}=-\sum_ky_k\frac{\partial \log p_k}{\partial o_i}=-\sum_ky_k\frac{1}{p_k}\frac{\partial p_k}{\partial o_i}", "p = softmax(o), L = -sum_k y_k log p_k (the loss the first member implies), one-hot y: dL/do_i = -sum_k y_k (1/p_k) dp_k/do_i (Jacobian from autograd)"),
    ("sm_last", r"=\color{blue}{p_i\left(\sum_ky_k\right)}-y_i=p_i-y_i", "dL/do_i = p_i (sum_k y_k) - y_i = p_i - y_i for a one-hot (or any sum-one) y"),
    ("mse", r"\frac{∂C}{∂a^L_j}=(a^L_j−y_j)", "C = 1/2 sum_j (y_j - a^L_j)^2: dC/da^L_j = a^L_j - y_j"),
    ("bp2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)", "z^{l+1} = w^{l+1} sigma(z^l) + b^{l+1}: delta^l = ((w^{l+1})^T delta^{l+1}) element-wise sigma'(z^l)"),
    ("bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j", "w^l_{jk} from unit k of layer l-1 to unit j of layer l: dC/dw^l_{jk} = a^{l-1}_k delta^l_j"),
]
EZA_DIRS = [
    ("## 1. The error in the output layer", "<!-- symbp: layer=activation name=sigmoid names: z^L=input z^L_j=input a^L=output a^L_j=output C=loss -->"),
    ("SoftMax derivation\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: o=input p=output y=target L=loss -->"),
    ("For example, with the quadratic cost\n", "<!-- symbp: layer=activation name=sigmoid names: z^L=input a^L=output a^L_j=output y=target y_j=target C=loss -->"),
    ("## 2. The error $δ^l$", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{l-1}=input w^l=kernel w^{l+1}=kernel b^l=bias z^l=output a^l=activation C=loss -->"),
]
EZA_EXCL = [
    (r"W^{[layer]}_{unit}", "notation"),
    (r"X^{(example)}_{feature}", "notation"),
    (r"Z^{[l]} = W^{[l]} \cdot A^{[l-1]} + b^{[l]}", "forward definition"),
    (r"A^{[l]} = \sigma^{[l]} (Z^{[l]})", "forward definition"),
    (r"=-y_i(1-p_i)-\sum_{k\neq i}y_k\frac{1}{p_k}({\color{red}{-p_kp_i}})", "holds (softmax Jacobian entries); left out of the score (30% cap)"),
    (r"=-y_i(1-p_i)+\sum_{k\neq i}y_k({\color{red}{p_i}})", "holds (sign simplification); left out of the score (30% cap)"),
    (r"=-y_i+\color{blue}{y_ip_i+\sum_{k\neq i}y_k({p_i})}", "holds (expansion); left out of the score (30% cap)"),
    (r"C=\frac{1}{2}∑_j(y_j−a^L_j)^2", "definition of the cost"),
    (r"\nabla_a C = (a^L-y)", "holds (the vector form of the row before); left out of the score (30% cap)"),
    (r"\frac{\partial C}{\partial b^l_j} =  \delta^l_j", "holds (BP3); left out of the score (30% cap)"),
    (r"\frac{\partial C}{\partial w} = a_{\rm in} \delta_{\rm out}", "(BP4) with its indices dropped (an index-free restatement)"),
]

VER = [
    ("dwL", r"=\left(a^{(l)}-y\right) \odot \sigma^{\prime}\left(z^{(l)}\right) a^{(l-1)}", "z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, C = 1/2 ||a^{(l)} - y||^2, columns: dC/dW^{(l)} = ((a - y) element-wise sigma'(z)) a^{(l-1)T}; the row multiplies the column ((a - y) sigma'(z)) (n x 1) by the column a^{(l-1)} (n_{l-1} x 1) without the transpose, a product that is not defined (and for the notes' batch of m columns, n_y x m times n_{l-1} x m, neither); refuted"),
    ("deltaL", r"\frac{\partial a^{(l)}}{\partial z^{(l)}}=\left(a^{(l)}-y\right) \odot \sigma^{\prime}\left(z^{(l)}\right)", "delta^{(l)} = dC/dz^{(l)} = (a^{(l)} - y) element-wise sigma'(z^{(l)}) at the output layer"),
    ("rec", r"\delta^{(l)}=\left(W^{(l+1)}\right)^T \delta^{(l+1)} \odot \sigma^{\prime}\left(z^{(l)}\right)", "z^{(l+1)} = W^{(l+1)} sigma(z^{(l)}) + b^{(l+1)}: delta^{(l)} = ((W^{(l+1)})^T delta^{(l+1)}) element-wise sigma'(z^{(l)}) (the product read before the element-wise one)"),
    ("dwl", r"\frac{\partial C(W, b)}{\partial w^{(l)}}=\delta^{(l)} a^{(l-1)}", "dC/dW^{(l)} = delta^{(l)} a^{(l-1)T} (the outer product); the row again multiplies two columns without the transpose (an undefined product); refuted"),
    ("dbl", r"\frac{\partial C(W, b)}{\partial b^{(l)}}=\delta^{(l)}", "dC/db^{(l)} = delta^{(l)}"),
]
VER_DIRS = [
    ("3. Gradient at output layer", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{(l-1)}=input W^{(l)}=kernel w^{(l)}=kernel b^{(l)}=bias z^{(l)}=output a^{(l)}=activation y=target C=loss -->"),
    ("4. Gradient at hidden layers", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: a^{(l-1)}=input W^{(l)}=kernel w^{(l)}=kernel W^{(l+1)}=kernel b^{(l)}=bias z^{(l)}=output z^{(l+1)}=output a^{(l)}=activation C=loss -->"),
]
VER_EXCL = [
    (r"z^{(l)}=W^{(l)}a^{(l-1)}+b^{(l)}", "forward definition"),
    (r"a^{(l)}=\sigma(z^{(l)})", "forward definition"),
    (r"C(W, b) = \frac{1}{2}||a^{(l)} - \hat{y}||^2", "definition of the cost"),
    (r"\frac{\partial a^{(l)}}{\partial z^{(l)}} \frac{\partial z^{(l)}}{\partial w^{(l)}}", "chain rule with unevaluated factors"),
    (r"\frac{\partial a^{(l)}}{\partial z^{(l)}} \frac{\partial z^{(l)}}{\partial b^{(l)}}", "chain rule with unevaluated factors; its second row (a - y) element-wise sigma'(z) holds but cannot be told apart from the delta display's last member"),
    (r"dim(\frac{\partial C(W, b)}{\partial a^{(l)}} )= dim(a^{(l)}): (n_y, m)", "shapes"),
    (r"dim(\frac{\partial a^{(l)}}{\partial z^{(l)}} )= dim(z^{(l)}): (n_y, m)", "shapes"),
    (r"dim(\frac{\partial z^{(l)}}{\partial w^{(l)}} )= dim(w^{(l)}): (n_y, n_{l-1})", "shapes"),
    (r"\delta^{(l)}=\frac{\partial C(W, b)}{\partial z^{(l+1)}} \frac{\partial z^{(l+1)}}{\partial z^{(l)}}", "chain rule with unevaluated factors (its first member writes dC/dz^{(l+1)} for delta^{(l+1)})"),
    (r"z^{(l+1)}=W^{(l+1)}a^{(l)}+b^{(l+1)}=W^{(l+1)}\sigma(z^{(l)})+b^{(l+1)}", "forward definition"),
    (r"\frac{\partial z^{(l+1)}}{\partial z^{(l)}}=\left(W^{(l+1)}\right)^T \odot \sigma^{\prime}\left(z^{(l)}\right)", "layout ambiguous: (W^T with each row i scaled by sigma'(z_i)) is the transpose of the Jacobian dz^{(l+1)}/dz^{(l)} (entries W_{kj} sigma'(z_j)); right in the denominator layout the recursion uses, wrong in the numerator layout, and the notes do not say which; left out"),
]

KOR = [
    ("dEdo", r"\frac{\partial E}{\partial o_k} = -2(t_k - o_k)", "E = (t_k - o_k)^2: dE/do_k = -2 (t_k - o_k)"),
    ("dsig", r"\frac{d}{dx} \sigma(x) = \sigma(x)(1 - \sigma(x))", "sigma' = sigma (1 - sigma), checked at drawn x"),
    ("dodw", r"\frac{\partial o_k}{\partial w_{jk}} = o_k(1 - o_k) \cdot o_j", "o_k = sigma(sum_j w_{jk} o_j): do_k/dw_{jk} = o_k (1 - o_k) o_j"),
    ("dEdw", r"= -2(t_k - o_k) \cdot o_k(1 - o_k) \cdot o_j", "dE/dw_{jk} = -2 (t_k - o_k) o_k (1 - o_k) o_j"),
]
KOR_DIRS = [
    ("### 🧮 미분 과정 해설\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: o_j=input w_{jk}=kernel o_k=activation t_k=target E=loss -->"),
]
KOR_EXCL = [
    (r"E = (t_k - o_k)^2", "definition of the error"),
    (r"\frac{\partial}{\partial w_{jk}} (t_k - o_k)^2", "restates the derivative to be taken"),
    (r"\frac{\partial E}{\partial o_k} \cdot \frac{\partial o_k}{\partial w_{jk}}", "chain rule with unevaluated factors"),
    (r"o_k = \sigma\left(\sum_j w_{jk} \cdot o_j\right)", "forward definition"),
    (r"\Delta w_{jk} = \alpha \cdot (t_k - o_k) \cdot o_k(1 - o_k) \cdot o_j", "weight update: equal to -alpha dE/dw_{jk} only with the factor 2 absorbed into alpha (the text says it multiplies by alpha); an update rule, not scored"),
]

TABLE = {
    "bayramli_ysa_backprop_tr.md": ("tur", TUR, TUR_DIRS, TUR_EXCL),
    "dense_chain_rows_en.md": ("row", ROW, ROW_DIRS, ROW_EXCL),
    "ezalos_maths_backprop_en.md": ("eza", EZA, EZA_DIRS, EZA_EXCL),
    "mse_layer_recursion_en.md": ("ver", VER, VER_DIRS, VER_EXCL),
    "sigmoid_wjk_note_ko.md": ("kor", KOR, KOR_DIRS, KOR_EXCL),
}
