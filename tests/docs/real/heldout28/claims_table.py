"""The twenty-eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout28.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

ENG = [
    ("dL_chain", r"\delta_L = \frac{\partial J(W, b)}{\partial z_L} = \frac{\partial J(W, b)}{\partial a_L} \odot \frac{\partial a_L}{\partial z_L}",
     "rows layout z_L = a_{L-1} W_L + b_L^T, a_L = f_L(z_L) entrywise, J any function of a_L: dJ/dz_L = dJ/da_L entrywise da_L/dz_L (the activation acts entry by entry, so its Jacobian is diagonal); every member"),
    ("dL_box", r"\boxed{\therefore \delta_L = \frac{\partial J(W, b)}{\partial a_L} \odot f'_L(z_L)}",
     "delta_L = dJ/da_L entrywise f'_L(z_L) (sigmoid and tanh drawn, m samples as rows)"),
    ("dl_chain", r"\delta_l = \frac{\partial J(W, b)}{\partial z_l} = \frac{\partial J(W, b)}{\partial a_l} \odot \frac{\partial a_l}{\partial z_l}",
     "the same chain rule for a hidden layer"),
    ("dJ_da", r"\therefore \frac{\partial J(W, b)}{\partial a_l} = \delta_{l+1} W_{l+1}^T",
     "z_{l+1} = a_l W_{l+1} + b_{l+1}^T (W_{l+1}: h_l x h_{l+1}, samples as rows): dJ/da_l = delta_{l+1} W_{l+1}^T"),
    ("dl_box", r"\boxed{\delta_l = (\delta_{l+1} W_{l+1}^T) \odot f'_l(z_l)}",
     "delta_l = (delta_{l+1} W_{l+1}^T) entrywise f'_l(z_l); checked on drawn nets of 2 and 3 layers"),
    ("dW_box", r"\boxed{\therefore \frac{\partial J(W, b)}{\partial W_l} = a_{l-1}^T \delta_l}",
     "dJ/dW_l = a_{l-1}^T delta_l (h_{l-1} x h_l, like W_l), summed over the m samples by the product"),
    ("db_box", r"\boxed{\therefore \frac{\partial J(W, b)}{\partial b_l} = \sum \delta_l}",
     "the bias is added to every sample's row: dJ/db_l = the sum of delta_l over the samples (column sums, as the text says), a vector of size h_l"),
]
ENG_DIRS = [
    ("**Output layer error.**", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: a_{L-1}=input W_L=kernel b_L=bias z_L=output a_L=activation J=loss -->"),
    ("**Hidden layer error.**", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: a_l=input W_{l+1}=kernel b_{l+1}=bias z_{l+1}=output a_{l-1}=input W_l=kernel b_l=bias z_l=output J=loss -->"),
]
ENG_EXCL = [
    ("\\delta_l = \\frac{\\partial J(W, b)}{\\partial z_l}\n$$\n\n**Output", "definition of delta"),
    (r"z_L = a_{L-1}W_L + b_L^T", "forward definition"),
    (r"a_L = f_L(z_L)" + "\n$$\n\nand the cost", "forward definition"),
    (r"z_l = a_{l-1}W_l + b_l^T", "forward definition"),
    (r"a_l = f_l(z_l)" + "\n$$\n\nand\n", "forward definition"),
    (r"z_{l+1} = a_lW_{l+1} + b_{l+1}^T", "forward definition"),
    (r"\frac{\partial J(W, b)}{\partial a_l} = \frac{\partial J(W, b)}{\partial z_{l+1}} \frac{\partial z_{l+1}}{\partial a_l}", "the chain rule written with undefined matrix-by-matrix derivatives (no order settled)"),
    (r"\frac{\partial J(W, b)}{\partial W_l} = \frac{\partial J(W, b)}{\partial z_l} \frac{\partial z_l}{\partial W_l}", "the chain rule written with a matrix-by-matrix derivative (no order settled)"),
    (r"\frac{\partial J(W, b)}{\partial b_l} = \frac{\partial J(W, b)}{\partial z_l} \frac{\partial z_l}{\partial b_l}", "the chain rule written with a matrix-by-vector derivative (no order settled)"),
    ("$$\n\\delta_L = \\frac{\\partial J(W, b)}{\\partial a_L} \\odot f'_L(z_L)\n$$", "the boxed result restated in the summary"),
    ("$$\n\\delta_l = (\\delta_{l+1} W_{l+1}^T) \\odot f'_l(z_l)\n$$", "the boxed result restated in the summary"),
    ("$$\n\\frac{\\partial J(W, b)}{\\partial W_l} = a_{l-1}^T \\delta_l\n$$", "the boxed result restated in the summary"),
    ("$$\n\\frac{\\partial J(W, b)}{\\partial b_l} = \\sum \\delta_l\n$$", "the boxed result restated in the summary"),
]

CHI = [
    ("dL_dyhat", r"\frac{\partial L}{\partial \hat{y}} = (\hat{y} - y) = 0.7692 - 0.5 = 0.2692",
     "the network the page defines (X = [1, 2], y = 0.5, W_1, b_1, W_2, b_2 as given, sigmoid on both layers, L = (y-hat - y)^2/2), gradients by autograd: y-hat = sigma(1.18440) = 0.76574, so dL/dy-hat = 0.26574, not 0.2692 (the page's forward values are wrong: sigma(2.4) = 0.91683, not 0.9084, and sigma(1.1835) = 0.7656, not 0.7692); refuted, 35 units of the last digit off"),
    ("dyhat_dz2", r"\sigma'(z_2) \approx 0.7692 \times (1 - 0.7692)\approx 0.1776",
     "sigma'(z_2) = y-hat (1 - y-hat) = 0.17938 at the page's network; 0.1776 is 18 units of the last digit off; refuted"),
    ("dW2", r"\frac{\partial L}{\partial W_2} = \delta{_2} \cdot a_1 = 0.0478 \times [0.8808, 0.9084] \approx [0.0421, 0.0434]",
     "dL/dW_2 = delta_2 a_1 = [0.04199, 0.04370] at the page's network; the second entry 0.0434 is 3.7 units of its last digit off; refuted"),
    ("da1_dz1", r"\sigma'(z_1) \approx [0.8808 \times 0.1192, \, 0.9084 \times 0.0916] \approx [0.1051, 0.0833]",
     "sigma'(z_1) = [0.10499, 0.07636] at z_1 = [2.0, 2.4]; the second entry 0.0833 is 70 units of its last digit off (the page used sigma(2.4) = 0.9084); refuted"),
    ("dW1", r"\frac{\partial L}{\partial W_1} = \delta{_1}^T \cdot X",
     "z_1 = X W_1 + b_1 with W_1 input x hidden (the page's forward): dL/dW_1 = X^T delta_1, [i, j] = X_i delta_1j = [[0.0045, 0.0004], [0.0090, 0.0007]]; the page's delta_1^T X is its transpose, [[0.0045, 0.0090], [0.0004, 0.0008]]; refuted"),
    ("s_delta2", r"\delta{_2} = (\hat{y}-y) \cdot \sigma'(z_2)",
     "summary, symbolic: delta_2 = dL/dz_2 = (y-hat - y) sigma'(z_2) for L = (y-hat - y)^2/2; holds (checked at the page's network and at drawn ones)"),
    ("s_dW", r"\frac{\partial L}{\partial W_k} = \delta{_k}^T \cdot a_{k-1}",
     "summary, symbolic, for every layer k with the page's forwards (z_1 = X W_1 + b_1, so a_0 = X; z_2 = a_1 W_2^T + b_2): for k = 2 delta_2^T a_1 equals dL/dW_2, but for k = 1 delta_1^T X is the transpose of dL/dW_1 = X^T delta_1 (2x2, not symmetric at the page's numbers or at drawn ones); refuted"),
    ("s_db", r"\frac{\partial L}{\partial b_k} = \delta{_k}",
     "summary, symbolic, one sample: dL/db_k = delta_k for both layers; holds"),
]
CHI_DIRS = [
    ("## 三、反向传播计算", "<!-- symbp: layer=fc in=2 out=1 weight=rows-out-in names: a_1=input W_2=kernel b_2=bias z_2=output \\hat{y}=activation y=target L=loss -->"),
    ("3. Hidden-layer error term.", "<!-- symbp: layer=fc in=2 out=2 weight=rows names: X=input W_1=kernel b_1=bias z_1=output a_1=activation L=loss -->"),
]
CHI_EXCL = [
    (r"\approx [0.0430 \times 0.1051, \, 0.0048 \times 0.0833] \approx [0.0045, 0.0004]", "holds (delta_1 = [0.004504, 0.000363] at the page's network); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial b_1} = \delta{_1} \approx [0.0045, 0.0004]", "holds (dL/db_1 = delta_1); left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial a_1} = \delta{_2} \cdot W_2 = 0.0478", "dL/da_1 = delta_2 W_2 = [0.042902, 0.004767] at the page's network: 0.0430 is 0.98 units of its last digit off, between the tolerance bands; a verdict would hang on the tolerance"),
    (r"\sigma(x)=1+e^{-x}1,\sigma'(x)=\sigma(x)(1-\sigma(x))", "the sigmoid's definition (mangled in the source) together with its derivative in one row; the definition as written is not the sigmoid"),
    (r"z_1 = X \cdot W_1 + b_1 = [1, 2]", "forward value"),
    (r"a_1 = \sigma(z_1) = \left[", "forward value (its second entry is wrong: sigma(2.4) = 0.9168)"),
    (r"z_2 = a_1 \cdot W_2^T + b_2 = [0.8808", "forward value"),
    (r"\hat{y} = \sigma(z_2) = \frac{1}{1+e^{-1.1835}}", "forward value (sigma(1.1835) = 0.7656, not 0.7692)"),
    (r"L = \frac{1}{2}(\hat{y} - y)^2 = \frac{1}{2}(0.7692 - 0.5)^2", "the loss's value"),
    (r"\approx 0.2692 \times 0.1776 \approx 0.0478", "delta_2 = 0.047666 at the page's network: 0.0478 is 1.3 units of its last digit off, between the tolerance bands; a verdict would hang on the tolerance"),
    (r"\frac{\partial L}{\partial b_2} = \delta{_2} \approx 0.0478", "the same number 0.0478 (1.3 units off the true 0.047666); a verdict would hang on the tolerance"),
    (r"\delta{_k} = \delta{_{k+1}} \cdot W_{k+1}^T \cdot \sigma'(z_k)", "the layout of W_{k+1} is not settled: the page's forward z_2 = a_1 W_2^T makes delta_2 W_2 the product (as its own step 3 computes), while a W laid out input x output, as W_1 is, makes delta W^T right; with one output unit both give the same entries, as a row or as a column"),
]

ZHS = [
    ("fa_prime", r"f'(a)=(e^z)^i",
     "the note's f' is the derivative with respect to z^j (its f'(b) writes (e^z)^j, and its cases i=j and i!=j below): d(e^{z_i})/dz_j = e^{z_i} only for j = i, 0 for j != i; refuted (drawn logits, 3 and 4 classes, every pair i, j)"),
    ("fb_prime", r"f'(b)=(e^z)^j*-{\sum_j^N(e^z)^j}^{-2}",
     "b = (sum_j e^{z_j})^{-1}: db/dz_j = -e^{z_j} (sum e^z)^{-2}; holds for every j"),
    ("prod_expand", r"f'(s^i)=(e^z)^i*{\sum_j^N(e^z)^j}^{-1}+(e^z)^j*-",
     "read, as the note's cases below it, as ds^i/dz^j for every pair: e^{z_i}/S - e^{z_j} e^{z_i}/S^2 = s^i - s^i s^j equals ds^i/dz^j only for j = i; for j != i the true value is -s^i s^j (the first term carries the missing Kronecker delta); refuted"),
    ("prod_simpl", r"f'(s^i)=\frac{(e^z)^i}{\sum_j^N(e^z)^j}-\frac{(e^z)^i*(e^z)^j}{{\sum_j^N(e^z)^j}^2}",
     "the same expression simplified; refuted for j != i as above"),
    ("ieqj_1", r"f'(s^i)=s^i-s^i*s^i",
     "case i = j: ds^i/dz^i = s^i - (s^i)^2; holds"),
    ("ieqj_2", r"f'(s^i)=s^i(1-s^i)",
     "case i = j: ds^i/dz^i = s^i (1 - s^i); holds"),
    ("ineqj", r"f'(s^i)=-s^i*s^j",
     "case i != j: ds^i/dz^j = -s^i s^j; holds"),
]
ZHS_DIRS = [
    ("## softmax\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input s=output y=target loss=loss -->"),
]
ZHS_EXCL = [
    (r"$$f(s^i)=\frac{(e^z)^i}{\sum_j^N(e^z)^j}$$", "definition of the softmax"),
    (r"f(s^i)=(e^z)^i*{\sum_j^N(e^z)^j}^{-1}", "definition of the softmax as a product"),
    (r"f'(s^i)=f'(a)*f(b)+f'(b)*f(a)", "the product rule in the note's general letters (no layer derivative)"),
    (r"$$f(a)=(e^z)^i$$", "definition of the numerator"),
    (r"$$f(b)={\sum_j^N(e^z)^j}^{-1}$$", "definition of the reciprocal sum"),
    (r"s^i=\frac{(e^z)^i}{(e^z)^1+(e^z)^2+(e^z)^3}", "definition of the softmax for three classes"),
    (r"loss={-\sum_i^Ny^i*ln(s^i)}", "definition of the loss"),
    (r"loss=-y^i*ln(s^i)", "the loss for a one-hot target (definition)"),
    (r"loss=-\frac{y^i}{s^i}", "written as the loss but it is d(loss)/ds^i (true as a derivative, false as the loss): the reading cannot be settled from the page"),
    (r"f(x)=3*ln(x)", "a calculus reminder, no network quantity"),
    (r"f'(x)=\frac{3}{x}", "a calculus reminder (holds), no network quantity"),
]

ENS = [
    ("d_sum", r"\frac{\partial C}{\partial z_i} = -\sum_{k=1}^K t_k \frac{\partial \log y_k}{\partial z_i}",
     "y = softmax(z) over K classes, C = -sum_k t_k log y_k with t constant (one-hot drawn, also a drawn distribution): dC/dz_i = -sum_k t_k d(log y_k)/dz_i; holds"),
    ("d_chain", r"= -\sum_{k=1}^K \frac{t_k}{y_k} \frac{\partial y_k}{\partial z_i}",
     "both members: the chain rule through y_k with d(log y)/dy = 1/y; holds"),
    ("d_plug", r"\frac{t_k}{y_k} y_k (1\{k = i\} - y_i) = -\sum_{k=1}^K t_k (1\{k = i\} - y_i)",
     "with dy_k/dz_i = y_k (1{k=i} - y_i) substituted, every member equals dC/dz_i; holds"),
    ("d_final", r"+ \sum_{k=1}^K y_i = -t_i + y_i = y_i - t_i",
     "the chain's middle member -sum_k t_k 1{k=i} + sum_{k=1}^K y_i equals -t_i + K y_i (the second sum has lost its t_k, so it adds y_i K times), not -t_i + y_i = dC/dz_i; the first and last members are right (y_i - t_i for a one-hot t) but the written member is false for K >= 2; refuted"),
    ("k_eq", r"\frac{\partial y_{k=i}}{\partial z_i} = \frac{e^{z_{k=i}} \sum e^{z_j}",
     "k = i: every member of the quotient-rule chain equals dy_i/dz_i = y_i (1 - y_i); holds"),
    ("k_neq", r"{\partial y_{k \not= i} \over \partial z_i} = {0\sum e^{z_j}",
     "k != i: every member equals dy_k/dz_i = -y_k y_i; holds"),
]
ENS_DIRS = [
    ("## Derivation\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input y=output t=target C=loss -->"),
    ("## Appendix\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input y=output -->"),
]
ENS_EXCL = [
    (r"y_i(z_i) = \frac{e^{z_i}}{\sum_{k=1}^K e^{z_k}}", "definition of the softmax"),
    (r"C = -\sum_{k=1}^K t_k \log y_k", "definition of the cross entropy"),
    ("$$\\frac{\\partial y_k}{\\partial z_i} = y_k (1\\{k = i\\} - y_i)$$\n\nwhere the indicator", "holds, but the same row stands twice verbatim (here assumed, at the end proved), so no fragment names one of them"),
    ("$$\\frac{\\partial y_k}{\\partial z_i} = y_k (1\\{k = i\\} - y_i)$$\n\nwith the same", "holds; the same row as above, restated as the appendix's conclusion"),
    (r"y_k = \frac{e^{z_k}}{\sum_{j=1}^J e^{z_j}}", "definition of the softmax (recap)"),
]

TABLE = {
    "pythonandml_backprop_rows_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "kaifeng_bp_numeric_zh.md": ("chi", CHI, CHI_DIRS, CHI_EXCL),
    "softmax_note_1036225283_zh.md": ("zhs", ZHS, ZHS_DIRS, ZHS_EXCL),
    "softmax_ce_penalty_en.md": ("ens", ENS, ENS_DIRS, ENS_EXCL),
}
