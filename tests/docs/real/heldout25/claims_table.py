"""The twenty-fifth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it) and no ``\\\\``.  Data
only; the truth is computed by ``truth_heldout25.py`` (numpy and torch autograd, not symbp), whose
function for each document ``TABLE`` names."""

ENG = [
    ("en_dw_out", r"\color{black}{=} \sum_{n} \color{#FF6B6B}{\delta_i^{(L)}[n]} \color{black}{\cdot} \color{#4ECDC4}{h_i^{(L-1)}[n-k]}", "the slides' forward as the definition: true (flipped) 1-D convolution z[n] = sum_{k=0}^{M-1} w[k] h[n-k] + b over the valid positions n = M-1 .. L_in-1 (L_in - M + 1 outputs, as the slides state; reading n as a 0-based output index with h zero outside gives the same verdicts), delta[n] = dL/dz[n], 0-based: dL/dw[k] = sum_n delta[n] h[n-k] in every member (the chain-rule member sums the same terms); checked at four (L_in, M) and random losses"),
    ("en_dh_hidden", r"\rightarrow \frac{\partial \mathcal{L}_i}{\partial h_i^{(l)}[n]} = \sum_{k=0}^{M-1} \delta_i^{(l+1)}[n+k] \cdot w^{(l+1)}[k]", "same forward for layer l+1 reading h^{(l)}: dz^{(l+1)}[m]/dh^{(l)}[n] = w[m-n], so dL/dh[n] = sum_m delta[m] w[m-n] = sum_{k=0}^{M-1} delta[n+k] w[k], delta^{(l+1)} read as zero where z^{(l+1)} does not exist (the full-convolution reading the slide names); holds at every input position"),
    ("en_trconv_dx", r"\frac{\partial \mathcal{L}}{\partial x[m]} = \sum_{k=0}^{M-1} \delta[m-k] \cdot w[k]", "the slide's transposed convolution: y[n] = sum_{k=0}^{M-1} w[k] x'[n+k] + b, x' = x with M-1 zeros at each edge (x'[m+M-1] = x[m]), n = 0 .. L_in+M-2, delta = dL/dy (zero outside), 0-based; read as written, x[m] the input itself: dL/dx[m] = sum_k delta[m+M-1-k] w[k], which the row's sum_k delta[m-k] w[k] is not (e.g. M = 2, m = 0: the row gives delta[0] w[0], the gradient is delta[1] w[0] + delta[0] w[1]): refuted.  The row holds for dL/dx'[m], m counted in the padded input's coordinates (checked), but the row names x, not x'"),
    ("en_trconv_dw", r"\frac{\partial \mathcal{L}}{\partial w[k]} = \sum_{n} \delta[n] \cdot x'[n+k]", "same transposed convolution: dL/dw[k] = sum_n delta[n] x'[n+k] over all outputs n"),
]
ENG_DIRS = [
    ("## Backpropagation: Output Layer Gradients\n", "<!-- symbp: layer=conv1d input=8 kernel=3 conv=true index_base=0 names: h=input w=kernel b=bias z=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("## Backpropagation: Hidden Layers\n", "<!-- symbp: layer=conv1d input=8 kernel=3 conv=true index_base=0 names: h=input w=kernel b=bias z=output \\delta=output_grad \\mathcal{L}=loss -->"),
    ("## Transposed Convolution Backpropagation\n", "<!-- symbp: layer=conv-transpose input=5 kernel=3 index_base=0 names: x=input w=kernel b=bias y=output \\delta=output_grad \\mathcal{L}=loss -->"),
]
ENG_EXCL = [
    (r"z^{(l)}[n] & = \sum_{k=0}^{M-1} w^{(l)}[k] \cdot h^{(l-1)}[n-k] + b^{(l)}", "forward"),
    (r"\mathbf{z}^{(l)} = \mathbf{W}^{(l)} \mathbf{h}^{(l-1)} + b^{(l)} \mathbf{1}", "forward (Toeplitz form)"),
    (r"\color{black}{=} \color{#FF6B6B}{\frac{2}{N}(\hat{y}_i[n] - y_i[n])}", "MSE output layer, holds with L_i the sample's share (1/N) sum_n (y_i[n] - y-hat_i[n])^2 of the mean (L_i is not defined on the slide); left out (30% cap)"),
    (r"\delta_i^{(L)}[n] = \frac{2}{N}(\hat{y}_i[n] - y_i[n]) \cdot \sigma'(z_i^{(L)}[n])", "same reading; left out (30% cap)"),
    (r"\color{black}{=} \sum_{n} \delta_i^{(L)}[n]", "bias gradient sum_n delta[n]; holds; left out (30% cap)"),
    (r"\frac{\partial \mathcal{L}_i}{\partial h_i^{(l)}[n]} = \sum_{m} \color{#FF6B6B}", "chain rule over the next layer's positions; holds; left out (30% cap)"),
    (r"\frac{\partial z_i^{(l+1)}[m]}{\partial h_i^{(l)}[n]} &= \begin{cases}", "dz[m]/dh[n] = w[m-n] for 0 <= m-n < M; holds; left out (30% cap)"),
    (r"\left(\sum_{k=0}^{M-1} \delta_i^{(l+1)}[n+k] \cdot w^{(l+1)}[k]\right) \cdot \sigma'(z_i^{(l)}[n])", "hidden delta; holds; left out (30% cap)"),
    (r"\frac{\partial \mathcal{L}_i}{\partial w^{(l)}[k]} = \sum_{n} \delta_i^{(l)}[n] \cdot h_i^{(l-1)}[n-k]", "holds (as en_dw_out); left out (30% cap)"),
    (r"\frac{\partial \mathcal{L}_i}{\partial b^{(l)}} = \sum_{n} \delta_i^{(l)}[n]", "holds; left out (30% cap)"),
    (r"w^{(l)}[k] & \leftarrow w^{(l)}[k] - \eta", "update rule"),
    (r"z_j^{(l)}[n] = \sum_{i=0}^{C_{in}-1}", "forward (channels)"),
    (r"\frac{\partial \mathcal{L}}{\partial w_{i,j}^{(l)}[k]} = \sum_{n} \delta_j^{(l)}[n] \cdot h_i^{(l-1)}[n-k]", "holds; left out (30% cap)"),
    (r"\frac{\partial \mathcal{L}}{\partial h_i^{(l-1)}[n]} = \sum_{j=0}^{C_{out}-1}", "holds; left out (30% cap)"),
    (r"h^{(l-1)}[n \cdot s - k] + b^{(l)}", "forward with stride"),
    (r"\sum_{k} \delta^{(l)}[n] \cdot w^{(l)}[k] & \text{if } m = n \cdot s - k", "n is left free in the case condition (for a given m several (n, k) pairs satisfy m = ns - k, and the row does not say they are summed); the prose's 'only every s-th position receives gradients' is false for M > 1 but is prose; the display cannot be settled, left out"),
    (r"y[n] = \max\limits_{0 \leq k < M} x[n \cdot s + k]", "forward"),
    (r"\frac{\partial \mathcal{L}}{\partial y[n]} & \text{if } x[m] = y[n]", "holds for non-overlapping windows (s >= M); with s < M an entry that is the maximum of two windows should receive the sum of both gradients, which the row's single dL/dy[n] leaves unsettled; left out (30% cap and the overlap question)"),
    (r"y[n] = \sum_{k=0}^{M-1} w[k] \cdot x'[n+k] + b", "forward (transposed convolution)"),
    (r"\frac{\partial \mathcal{L}}{\partial w[k]} = \sum_{n} \frac{\partial \mathcal{L}}{\partial z[n]}", "holds (as en_dw_out); left out (30% cap)"),
]

POR = [
    ("pt_dL_douts", r"{ 0 if i \neq c } || { -\frac{1}{p_{i}} if i = c }", "L = -ln p_c (cross-entropy of the softmax output out_s = p, c the correct class): dL/dp_i = 0 for i != c and -1/p_i (= -1/p_c) for i = c; checked with 10 and 3 classes"),
    ("pt_dout_dtk", r"\frac{\partial out_{s}(c)}{\partial t_{k}} =  \frac{\partial out_{s}(c)}{\partial S} * ( \frac{\partial S}{\partial t_{k}} ) = \frac{-e^{t_{c}}e^{tk}}{S^{2}}", "out_s(c) = e^{t_c}/S, S = sum_i e^{t_i}, k != c (the text's condition): out_s(c) depends on t_k only through S, so the chain-rule member holds, and (-e^{t_c}/S^2) e^{t_k} = -e^{t_c} e^{t_k}/S^2; e^{tk} read as e^{t_k}"),
    ("pt_dout_dtc", r"\frac{\partial out_{s}(c)}{\partial t_{c}} = \frac{e^{t_{c}}(S - e^{t_{c}})}{S^{2}}", "the quotient rule: d(e^{t_c}/S)/dt_c = e^{t_c}(S - e^{t_c})/S^2"),
    ("pt_dL_dfilter", r"\frac{\partial L}{\partial filter(x,y)} = \sum_{i}\sum_{j}", "out(i, j) = sum_{x,y} image(i+x, j+y) filter(x, y) (the source's valid 3x3 cross-correlation of a 2-D image, no bias): dL/dfilter(x, y) = sum over all output pixels of dL/dout(i, j) dout(i, j)/dfilter(x, y) (checked against autograd at two image sizes)"),
]
POR_DIRS = [
    ("## 3 - Backprop: Softmax\n", "<!-- symbp: layer=softmax classes=10 target=one-hot names: t=input out_{s}=output p=output L=loss -->"),
    ("## 5 - Backprop: Conv\n", "<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: filter=kernel out=output L=loss -->"),
]
POR_EXCL = [
    (r"out_{s}(c) = \frac{e^{t_{c}}}{\sum_{i}^{} e^{t_{i}}} = \frac{e^{t_{c}}}{S}", "definition of the softmax"),
    (r"out_{s}(c) = e^{t_{c}}S^{-1}", "definition, rewritten"),
    (r"t = w * input + b", "forward"),
    (r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial out} * \frac{\partial out}{\partial t} * \frac{\partial t}{\partial w}", "the chain rule as a product of Jacobians with the layout unstated (w a matrix); left out as notation (30% cap)"),
    (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial out} * \frac{\partial out}{\partial t} * \frac{\partial t}{\partial b}", "the chain rule, layout unstated; left out"),
    (r"\frac{\partial L}{\partial input} = \frac{\partial L}{\partial out} * \frac{\partial out}{\partial t} * \frac{\partial t}{\partial input}", "the chain rule, layout unstated; left out"),
]

TUR = [
    ("tr_dZ", r"dZ^{[l]}=dA^{[l]} * {g^{[l]}}'(Z^{[l]})", "Ng's convention (samples as columns, A^{[l]} = g(Z^{[l]}) entrywise, * entrywise): dZ = dA * g'(Z), per sample and for the batch (checked with sigmoid, tanh, ReLU away from 0)"),
    ("tr_dW", r"dW^{[l]}=\frac{1}{m}dZ^{[l]}A^{[l-1]T}", "Z = W A + b (W n^{[l]} x n^{[l-1]}, m samples as columns); read in the course's convention: dZ the matrix of the samples' own gradients dL^{(i)}/dZ^{(i)} (columns) and dW the gradient of the cost J = (1/m) sum_i L^{(i)}; then (1/m) dZ A^T = dJ/dW (as heldout19 and heldout24 read the same convention)"),
    ("tr_db", r"db^{[l]}=\frac{1}{m}np.sum(dZ^{[l]}, axis=1, keepdims=True)", "same reading: (1/m) times the sum of dZ over the samples (axis=1, the columns), kept as a column = dJ/db"),
    ("tr_dA", r"dA^{[l-1]}=W^{[l]T}dZ^{[l]}", "dA^{[l-1]} = W^T dZ, the samples' own gradients with respect to the previous activations (per column)"),
]
TUR_DIRS = [
    ("## Geri Yayılım Sürecinin Özeti\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 names: A^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias Z^{[l]}=output A^{[l]}=activation -->"),
]
TUR_EXCL = [
    (r"$$Z^{[l]} =W^{[l]}A^{[l-1]}+b^{[l]}$$", "forward"),
    (r"$$A^{[l]} = g^{[l]}(Z^{[l]})$$", "forward"),
]

RUS = [
    ("ru_delta", r"\delta_i^k = f'_i(v_i^k) \sum_{q=0}^m (\delta_q^{t+1} \delta_{qi}^{t+1})", "hidden neuron i of layer k, sigmoid, E = (1/2) sum e^2 with e = Y - y (the handout's (2)), delta the local gradient -dE/dv (the sign that makes update (4) a descent step); t+1 read as the next layer k+1; the row multiplies each next-layer local gradient by delta_{qi}^{t+1}, read as written: the only delta the handout defines is the local gradient, so delta_{qi}^{k+1} is taken as delta_q^{k+1} (the extra index ignored), and f'(v_i) sum_q (delta_q)^2 is not the local gradient f'(v_i) sum_q delta_q^{k+1} w_{qi}^{k+1}: refuted (the truth script asserts the row with the weight in place would hold).  If delta_{qi} is read as a slip for the weight, the row holds; the page writes delta"),
]
RUS_DIRS = [
    ("4. **Backward pass.**", "<!-- symbp: layer=fc in=3 out=2 index_base=0 names: y=input ω=kernel v=output Y=target E=loss -->"),
]
RUS_EXCL = [
    (r"v_i^k = \sum_{i=0}^m ω_{ij}^k y_{ij}^{k-1}", "forward (with the summation index i clashing with the neuron index)"),
    (r"y_{ij}^{k} = f_i(v_i^k)", "forward"),
    (r"e_i^{k} = Y_i - y_i^K", "definition of the error"),
    (r"ω_{ij}^k(n+1) = ω_{ij}^k(n) + α (\delta_i^k y_i^{k-1} )", "update rule; its factor y_i^{k-1} (the output of neuron i of the previous layer, by the handout's own gloss) would be y_j^{k-1} for a descent step, but the handout's forward indexes inputs as y_{ij}^{k-1} and sums over i, so which input is meant cannot be settled; left out"),
]

PBR = [
    ("pb_dE_dwij", r"\frac{\partial E}{\partial w_{ij}} = \frac{\partial E}{\partial y_j} \frac{\partial y_j}{\partial w_{ij}}", "w_{ij} connects unit i of layer l to unit j of layer l+1 and reaches E only through y_j = f(sum_i w_{ij} y_i + b_j): dE/dw_{ij} = dE/dy_j dy_j/dw_{ij}, for an output layer (E = (1/2) sum (y - t)^2) and for a hidden layer (checked with sigmoid)"),
]
PBR_DIRS = [
    ("## Gradient\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out names: w=kernel y=output t=target E=loss -->"),
]
PBR_EXCL = [
    (r"E = \frac{1}{2} \sum_{i=1}^{n} (y_i - t_i)^2", "definition of the cost"),
    (r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial y} \frac{\partial y}{\partial x}", "the chain rule for composite functions (no layer)"),
    (r"w_{ij} = w_{ij} - \eta \frac{\partial E}{\partial w_{ij}}", "update rule"),
]

TABLE = {
    "faressc_conv_backprop_en.md": ("eng", ENG, ENG_DIRS, ENG_EXCL),
    "morgado_treino_cnn_pt.md": ("por", POR, POR_DIRS, POR_EXCL),
    "asmaamirkhan_nn_kavramlari_tr.md": ("tur", TUR, TUR_DIRS, TUR_EXCL),
    "ol333_obratnoe_rasprostranenie_ru.md": ("rus", RUS, RUS_DIRS, RUS_EXCL),
    "roscibely_backpropagation_pt.md": ("pbr", PBR, PBR_DIRS, PBR_EXCL),
}
