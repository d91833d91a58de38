"""The twenty-fourth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it) and no ``\\\\``.  Data
only; the truth is computed by ``truth_heldout24.py`` (numpy and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

POL = [
    ("pl_sig_d1", r"\sigma'(z) = -1 \cdot (1 + e^{-z})^{-2} \cdot (-e^{-z}) = \frac{e^{-z}}{(1 + e^{-z})^2}", "sigma(z) = 1/(1+e^{-z}): every member is sigma'(z)"),
    ("pl_sig_box", r"\boxed{\sigma'(z) = \sigma(z) \cdot (1 - \sigma(z))}", "sigma' = sigma (1 - sigma)"),
    ("pl_bce_common", r"\frac{\partial L}{\partial \hat{y}} = \frac{-y(1-\hat{y}) + (1-y)\hat{y}}{\hat{y}(1-\hat{y})} = \frac{\hat{y} - y}{\hat{y}(1-\hat{y})}", "L = -[y log y-hat + (1-y) log(1-y-hat)]: dL/dy-hat = (y-hat - y)/(y-hat(1-y-hat)), every member (y in {0,1} and in (0,1))"),
    ("pl_dyhat_dz", r"\frac{\partial \hat{y}}{\partial z} = \sigma'(z) = \sigma(z)(1-\sigma(z)) = \hat{y}(1-\hat{y})", "y-hat = sigma(z): every member is dy-hat/dz"),
    ("pl_dL_dw", r"\cdot \hat{y}(1-\hat{y}) \cdot x = (\hat{y} - y) \cdot x", "one sample, z = w^T x + b, y-hat = sigma(z), L the BCE: dL/dw = (y-hat - y) x, every member"),
    ("pl_dL_db", r"\frac{\partial L}{\partial b} = (\hat{y} - y)", "one sample: dL/db = y-hat - y"),
    ("pl_relu_box", r"\boxed{\text{ReLU}'(z) = \begin{cases} 1", "ReLU'(z) = 1 for z > 0, 0 for z < 0 (checked away from 0; at 0 the section itself says the derivative does not exist)"),
    ("pl_dW_step3", r"\frac{\partial L}{\partial W^{[l]}} = \frac{1}{m} (a^{[l-1]})^T \cdot \frac{\partial L}{\partial z^{[l]}}", "samples as rows, z^{[l]} = a^{[l-1]} W^{[l]} + b^{[l]} (W inputs x outputs), m samples; read in the course's convention the notes follow (the 1/m with 'the mean error over all samples'): dL/dz^{[l]} the matrix of the samples' own gradients dL^{(i)}/dz^{(i)} (rows), dL/dW^{[l]} the gradient of the batch cost (1/m) sum_i L^{(i)}; then (1/m) a^T dZ is that gradient"),
    ("pl_dz_box", r"\boxed{\frac{\partial L}{\partial z^{[l]}} = \frac{\partial L}{\partial a^{[l]}} \odot f'(z^{[l]})}", "a^{[l]} = f(z^{[l]}) elementwise: dL/dz = dL/da (entrywise) f'(z), for sigmoid, tanh and ReLU (z away from 0)"),
    ("pl_dz_dW", r"\frac{\partial z^{[l]}_{ij}}{\partial W^{[l]}_{kj}} = a^{[l-1]}_{ik}", "z_{ij} = sum_k a_{ik} W_{kj} (+ b_j): dz_{ij}/dW_{kj} = a_{ik}"),
    ("pl_db_box", r"\boxed{\frac{\partial L}{\partial b^{[l]}} = \frac{1}{m} \sum \frac{\partial L}{\partial z^{[l]}}}", "same reading as pl_dW_step3: the gradient of the batch cost for b is (1/m) times the sum over samples (rows) of the samples' own dL/dz"),
    ("pl_da_box", r"\boxed{\frac{\partial L}{\partial a^{[l-1]}} = \frac{\partial L}{\partial z^{[l]}} (W^{[l]})^T}", "rows layout: dL/da^{[l-1]} = dL/dz^{[l]} W^T (per sample, and for the batch in either reading of L)"),
    ("pl_dLdz_box", r"\boxed{\frac{\partial L}{\partial z} = \hat{y} - y}", "L the BCE of y-hat = sigma(z): dL/dz = y-hat - y (y in {0,1} and soft labels)"),
]
POL_DIRS = [
    ("### 2. The sigmoid function\n", "<!-- symbp: layer=activation name=sigmoid names: z=input -->"),
    ("### 6. Gradients - the mathematics that drives learning\n", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x=input X=input w=kernel b=bias z=output \\hat{y}=activation y=target L=loss J=loss -->"),
    ("### 4.2 ReLU (Rectified Linear Unit)\n", "<!-- symbp: layer=activation name=relu names: z=input -->"),
    ("### 6. Backpropagation - how the network learns\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows names: a^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias z^{[l]}=output a^{[l]}=activation L=loss -->"),
    ("#### Why is sigmoid + BCE so neat?\n", "<!-- symbp: layer=activation name=sigmoid names: z=input \\hat{y}=output y=target L=loss -->"),
]
POL_EXCL = [
    (r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$", "definition of the sigmoid (written twice)"),
    (r"$$\sigma'(z) = \sigma(z) \cdot (1 - \sigma(z))$$", "holds; the same row boxed is scored (pl_sig_box), this first statement has no fragment of its own"),
    (r"\sigma'(z) = -1 \cdot (1 + e^{-z})^{-2} \cdot \frac{d}{dz}(1 + e^{-z})", "holds; left out of the score (30% cap)"),
    (r"\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial J}{\partial w} = \frac{1}{m} X^T (\hat{y} - y)", "holds (samples as rows); written twice identically, so no fragment picks one row; left out"),
    (r"\frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} (\hat{y}^{(i)} - y^{(i)})", "holds; written twice identically; left out"),
    (r"J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L(y^{(i)}, \hat{y}^{(i)})", "definition of the cost"),
    (r"\frac{\partial J}{\partial w} = \frac{\partial J}{\partial \hat{y}} \cdot", "the chain rule with J on the left (one sample's factors); left out as notation"),
    (r"$$\frac{\partial L}{\partial \hat{y}} = -\frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}$$", "holds; its longer twin in Lab 3 begins with the same text, so no fragment picks it; left out"),
    (r"\frac{\partial z}{\partial w} = \frac{\partial (w^T x + b)}{\partial w} = x", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial z}{\partial b} = 1", "holds (trivial); left out"),
    (r"\text{ReLU}(z) = \max(0, z) = \begin{cases}", "definition of ReLU (written twice)"),
    (r"$$\text{ReLU}'(z) = \begin{cases}", "holds away from 0; the boxed copy is scored"),
    (r"$$\frac{\partial L}{\partial z^{[l]}} = \frac{\partial L}{\partial a^{[l]}} \odot f'(z^{[l]})$$", "holds; the boxed copy is scored"),
    (r"$$\frac{\partial L}{\partial b^{[l]}} = \frac{1}{m} \sum \frac{\partial L}{\partial z^{[l]}}$$", "the boxed copy is scored"),
    (r"\frac{\partial L}{\partial a^{[l-1]}} = \frac{\partial L}{\partial z^{[l]}} \cdot (W^{[l]})^T", "holds; left out of the score (30% cap; the boxed copy is scored)"),
    (r"a^{[l]}_i = f(z^{[l]}_i)", "forward"),
    (r"\frac{\partial L}{\partial z^{[l]}} = \frac{\partial L}{\partial a^{[l]}} \cdot \frac{\partial a^{[l]}}{\partial z^{[l]}}", "the chain rule with the elementwise Jacobian left as a product"),
    (r"$$z^{[l]} = a^{[l-1]} W^{[l]} + b^{[l]}$$", "forward"),
    (r"z^{[l]}_{ij} = \sum_k a^{[l-1]}_{ik} W^{[l]}_{kj}", "forward"),
    (r"\boxed{\frac{\partial L}{\partial W^{[l]}} = \frac{1}{m} (a^{[l-1]})^T \frac{\partial L}{\partial z^{[l]}}}", "holds in the reading of pl_dW_step3; left out of the score (30% cap; the Step 3 row is scored)"),
    (r"\frac{\partial z^{[l]}}{\partial b^{[l]}} = 1", "trivial; left out"),
    (r"\frac{\partial L}{\partial a^{[l-1]}} = \frac{\partial L}{\partial z^{[l]}} \cdot \frac{\partial z^{[l]}}{\partial a^{[l-1]}}", "the chain rule with the Jacobian's layout unstated"),
    (r"\frac{\partial z^{[l]}}{\partial a^{[l-1]}} = W^{[l]}", "the layout of this Jacobian is not stated (in the rows layout dz_j/da_k = W_{kj}, so it is W read as [k, j]); cannot be settled, left out"),
    (r"\frac{\partial L}{\partial z^{[last]}} = \hat{y} - y", "holds; written twice identically, the boxed dL/dz row is scored"),
    (r"+ \frac{1-y}{1-\hat{y}} = \frac{\hat{y} - y}{\hat{y}(1-\hat{y})}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial \hat{y}}{\partial z} = \sigma(z)(1-\sigma(z)) = \hat{y}(1-\hat{y})", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial z} = \frac{\hat{y} - y}", "holds; left out of the score (30% cap)"),
]

ENG = [
    ("en_lin_dW", r"\frac{\partial\mathcal{L}}{\partial W}=\textbf{g}\textbf{x}^T", "y = Wx + b, g = dL/dy (column): dL/dW = g x^T"),
    ("en_lin_db", r"\frac{\partial\mathcal{L}}{\partial\textbf{b}}=\textbf{g}", "dL/db = g"),
    ("en_lin_dx", r"\frac{\partial\mathcal{L}}{\partial\textbf{x}}=W^T\textbf{g}", "dL/dx = W^T g"),
    ("en_ten_dW", r"\frac{\partial\mathcal{L}}{\partial W}=\textbf{g}^T\textbf{X}", "Y = X W^T + b, samples as rows, g = dL/dY: dL/dW = g^T X (H_out x H_in like W)"),
    ("en_ten_db", r"\frac{\partial\mathcal{L}}{\partial\textbf{b}}=\sum_*\textbf{g}_*", "the bias is added to every row: dL/db = the sum of g's rows"),
    ("en_ten_dx", r"\frac{\partial\mathcal{L}}{\partial\textbf{x}}=\textbf{g}W", "the tab's lower-case x read as its input X: dL/dX = g W"),
    ("en_conv_dW", r"\frac{\partial\mathcal{L}}{\partial W_{i,j,c_{out},c_{in}}}=\sum_{h=1}^{H_{out}}", "the notes' forward as the definition: Y_{h,w,co} = sum_{ci,i,j} W_{i,j,co,ci} X_{sh+i-p, sw+j-p, ci} + b_co, indices as written (h = 1..H_out, i = 1..f_h), X read as 0 outside 1..H_in (the padding); then dL/dW_{i,j,co,ci} = sum_{h,w} g_{h,w,co} X_{sh+i-p, sw+j-p, ci} exactly (checked at strides 1 and 2, padding 0 and 1, two input and three output channels)"),
    ("en_conv_db", r"\frac{\partial\mathcal{L}}{\partial b_{c_{out}}}=\sum_{h=1}^{H_{out}}", "dL/db_co = the sum of g over the output positions of channel co"),
    ("en_conv_dX", r"\frac{\partial\mathcal{L}}{\partial X_{i,j,c_{in}}}=\sum_{c_{out}=1}^{C_{out}}\sum_{h=1}^{f_h}", "same forward; the exact gradient is sum_co sum_{h=1}^{H_out} sum_{w=1}^{W_out} g_{h,w,co} W_{i-sh+p, j-sw+p, co, ci} with W read as 0 outside 1..f; the row sums h only over 1..f_h and w over 1..f_w, so wherever H_out > f_h (a 6 x 6 input, 3 x 3 filters, stride 1) the outputs h > f_h that an input entry feeds are missing: refuted (at sizes with H_out <= f_h the row would agree; the claim is stated for every size).  Read with 0-based output indices instead, it is refuted the same way"),
    ("en_sig", r"\frac{\partial\mathcal{L}}{\partial z}=\frac{\partial\mathcal{L}}{\partial y}y(1-y)", "y = sigma(z): dL/dz = dL/dy y(1-y)"),
    ("en_tanh", r"\frac{\partial\mathcal{L}}{\partial z}=\frac{\partial\mathcal{L}}{\partial y}(1-y^2)", "y = tanh(z): dL/dz = dL/dy (1 - y^2)"),
    ("en_relu", r"\frac{\partial\mathcal{L}}{\partial z}=\begin{cases}", "y = ReLU(z): dL/dz = dL/dy for z > 0, 0 for z < 0 (checked away from 0; the row's choice at z = 0 is a subgradient convention)"),
]
ENG_DIRS = [
    ("Vector tab:", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\textbf{x}=input W=kernel \\textbf{b}=bias \\textbf{y}=output \\textbf{g}=output_grad \\mathcal{L}=loss -->"),
    ("Tensor tab:", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows-out-in names: \\textbf{X}=input \\textbf{x}=input W=kernel \\textbf{b}=bias \\textbf{Y}=output \\textbf{g}=output_grad \\mathcal{L}=loss -->"),
    ("# Convolution\n", "<!-- symbp: layer=conv2d input=HxW kernel=KxK stride=s padding=p channels=2,3 conv=cross index_base=1 names: X=input W=kernel b=bias Y=output g=output_grad \\mathcal{L}=loss layout: X=HWC W=HWOI Y=HWC -->"),
    ("### Sigmoid\n", "<!-- symbp: layer=activation name=sigmoid names: z=input y=output \\mathcal{L}=loss -->"),
    ("### Tanh\n", "<!-- symbp: layer=activation name=tanh names: z=input y=output \\mathcal{L}=loss -->"),
    ("### ReLU\n", "<!-- symbp: layer=activation name=relu names: z=input y=output \\mathcal{L}=loss -->"),
]
ENG_EXCL = [
    (r"\textbf{y}=W\textbf{x}+\textbf{b}", "forward"),
    (r"\textbf{Y}=\textbf{X}W^T+\textbf{b}", "forward"),
    (r"Y_{h,w,c_{out}}=\sum_{c_{in}=1}^{C_{in}}", "forward definition"),
    (r"H_{out}&=\left\lfloor\frac{H_{in}+2p-f_h}{s}\right\rfloor+1", "output size"),
    (r"y=\sigma(z)=\frac{1}{1+e^{-z}}", "definition of the sigmoid"),
    (r"y=\tanh(z)=\frac{e^z-e^{-z}}{e^z+e^{-z}}", "definition of tanh"),
    (r"y=\text{ReLU}(z)=\max{(0,z)}", "definition of ReLU"),
]

FRA = [
    ("fr_dxi_chain", r"\frac{\partial E}{\partial x_i} = \sum_j\frac{\partial E}{\partial y_j}\frac{\partial y_j}{\partial x_i}", "a layer Y = g(X) with E a function of Y: dE/dx_i = sum_j dE/dy_j dy_j/dx_i (checked on the FC layer y_j = b_j + sum_i x_i w_ij and on an elementwise tanh layer)"),
    ("fr_dwij", r"= \frac{\partial E}{\partial y_j}x_i", "y_j = b_j + sum_i x_i w_{ij} (one sample, X a row, W inputs x outputs): dE/dw_{ij} = dE/dy_j x_i"),
    ("fr_dxi", r"= \frac{\partial E}{\partial y_1} w_{i1} + \cdots + \frac{\partial E}{\partial y_j} w_{ij}", "dE/dx_i = sum over the outputs (1 .. j, the last index read as the number of outputs, as the row's dots say) of dE/dy_k w_{ik}"),
    ("fr_dX", r"\frac{\partial E}{\partial X}=\frac{\partial E}{\partial Y}W^t", "Y = XW + B, X a 1 x i row: dE/dX = dE/dY W^T"),
    ("fr_dW", r"\frac{\partial E}{\partial W}= X^t\frac{\partial E}{\partial Y}", "dE/dW = X^T dE/dY (i x j like W)"),
    ("fr_dB", r"\frac{\partial E}{\partial B}= \frac{\partial E}{\partial Y}", "one sample: dE/dB = dE/dY"),
    ("fr_act_chain", r"= [\frac{\partial E}{\partial y_1}\frac{\partial y_1}{\partial x_1} \cdots \frac{\partial E}{\partial y_i}\frac{\partial y_i}{\partial x_i}]", "Y = f(X) elementwise: dE/dx_k = dE/dy_k dy_k/dx_k (checked with f = tanh, sigmoid)"),
    ("fr_act_typo", r"= [\frac{\partial E}{\partial y_1}f'(x_1) \cdots \frac{E}{y_i}f'(x_i)]", "read as written: the last entry is (E / y_i) f'(x_i), the error divided by the output, which is not dE/dx_i = dE/dy_i f'(x_i) (the slip drops both \\partial signs); refuted at drawn values"),
    ("fr_act", r"= \frac{\partial E}{\partial Y} \odot f'(X)", "dE/dX = dE/dY (entrywise) f'(X)"),
]
FRA_DIRS = [
    ("### Backward propagation\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows names: X=input x=input W=kernel w=kernel B=bias b=bias Y=output y=output E=loss -->"),
    ("### Activation Layer\n", "<!-- symbp: layer=activation name=tanh names: X=input x=input Y=output y=output E=loss -->"),
]
FRA_EXCL = [
    (r"\frac{\partial E}{\partial X} \leftarrow \fbox{Couche}", "diagram"),
    (r"\frac{\partial E}{\partial X} = [\frac{\partial E}{\partial x_1} \~ \frac{\partial E}{\partial x_2} \~ ...", "notation (the gradient as a row)"),
    (r"\frac{\partial E}{\partial Y} = [\frac{\partial E}{\partial y_1} \~", "notation"),
    (r"\frac{\partial E}{\partial w} = \sum_j\frac{\partial E}{\partial y_j}\frac{\partial y_j}{\partial w}", "the chain rule for an unspecified parameter w"),
    (r"y_j = b_j + \sum_i x_iw_{ij}", "forward"),
    (r"$$Y = XW + B$$", "forward"),
    (r"\frac{\partial E}{\partial w_{ij} }&=\frac{\partial E}{\partial y_1}", "the chain rule written with 'y_1 .. y_j' and j also the weight's column; left out as notation (its result row is scored)"),
    (r"\frac{\partial E}{\partial B} = [ \frac{\partial E}{\partial b_1}", "notation (with a stray + inside the row)"),
    (r"\frac{\partial E}{\partial b_j}&=\frac{\partial E}{\partial y_1}", "holds (the chain rule and dE/db_j = dE/dy_j); left out: its second row is a prefix of the scored fr_dwij row, so no fragment picks it"),
    (r"\frac{\partial E}{\partial B}&=\frac{\partial E}{\partial y_1} \~ \frac{\partial y_1}{\partial y_2}", "garbled by the slip (dy_1/dy_2 where the row of dE/dy_k is meant); no reading settles what it claims"),
    (r"\frac{\partial E}{\partial X} = [\frac{\partial E}{\partial x_1} \~ \frac{\partial E}{\partial x_2} \cdots", "notation"),
    (r"\frac{\partial E}{\partial x_i}&=\frac{\partial E}{\partial y_1}\frac{\partial y_1}{\partial x_i}", "the chain rule written out; its result row is scored (fr_dxi)"),
    (r"Y&=[f(x_1) \cdots f(x_i)]", "forward"),
    (r"\frac{\partial E}{\partial X}&=[\frac{\partial E}{\partial x_1} \cdots \frac{\partial E}{\partial x_i}]", "notation (first row of the display)"),
    (r"= [\frac{\partial E}{\partial y_1} \cdots \frac{\partial E}{\partial y_i}] \odot [f'(x_1) \cdots f'(x_i)]", "holds (the same as the next row); left out"),
]

SPA = [
    ("es_diag1", r"\frac{\partial}{\partial h_{m}(\alpha)} \left[", "y_m(alpha) = e^{h_m(alpha)} / sum_i e^{h_m(i)} (softmax of h_m): dy(alpha)/dh(alpha) = (S e^{h(alpha)} - e^{h(alpha)} e^{h(alpha)}) / S^2 with S the sum, every member (checked with 2 and 4 classes)"),
    ("es_diag2", r"\frac{ e^{h_{m}(\alpha)}\left(", "dy(alpha)/dh(alpha) = e^{h(alpha)} (S - e^{h(alpha)}) / S^2"),
    ("es_diag3", r"y_{m}(\alpha)(1-y_{m}(\alpha))", "the middle member's y_m read as y_m(alpha) (the component the row is about): y(alpha)(S - e^{h(alpha)})/S = y(alpha)(1 - y(alpha)) = dy(alpha)/dh(alpha), every member"),
    ("es_off", r"\frac{\partial y_{m}(\alpha)}{\partial h_{m}(i)} =", "i the other class (i != alpha): dy(alpha)/dh(i) = -e^{h(i)} e^{h(alpha)} / S^2 = -y(alpha) y(i); the row's last member copies the diagonal numerator (S e^{h(alpha)} - e^{h(alpha)}e^{h(alpha)})/S^2 = y(alpha)(1 - y(alpha)), positive where the derivative is negative: refuted (the summation index i inside the brackets is the sum's own)"),
]
SPA_DIRS = [
    ("We define the output as:", "<!-- symbp: layer=softmax classes=3 names: h_{m}=input y_{m}=output -->"),
]
SPA_EXCL = [
    ("h_{m} = ax + b", "forward"),
    (r"y_{m} = \frac{e^{h_{m}}}{\sum_{i=0}^c e^{h_{m}(i)}}", "definition of the softmax"),
    (r"\frac{\partial y_{m}(\alpha)}{\partial h_{m}} =", "derivative by the whole vector h_m, restated for two classes; no value"),
    (r"\frac{\partial}{\partial x}\left( \frac{u}{v} \right)", "the quotient rule (no layer)"),
    ("$$\n\\sum_{i=0}^c e^{h_{m}(i)}\n$$", "a lone sum (the note is unfinished)"),
]

TABLE = {
    "czaja_sieci_teoria_pl.md": ("pol", POL, POL_DIRS, POL_EXCL),
    "lazynotes_layers_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "mlp_couche_par_couche_fr.md": ("fra", FRA, FRA_DIRS, FRA_EXCL),
    "santi_clasificacion_softmax_es.md": ("spa", SPA, SPA_DIRS, SPA_EXCL),
}
