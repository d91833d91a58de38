"""The seventy-ninth held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout79.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- makemore_backprop_ninja_zh
MK = [
    ("lin_dA", r"\frac{\partial L}{\partial A} = \frac{\partial L}{\partial D} B^T",
     "D = A B + C with A of shape (n, p), B of shape (p, q) and C a 1 x q row broadcast over the rows (the 2 x 2 example of 2.10, the layer logits = h W_2 + b_2), L any loss of D (drawn): dL/dA = dL/dD B^T; holds (n, p, q = 2, 2, 2; 4, 3, 5; 32, 6, 4; autograd; the entry row dL/da_11 = dL/dd_11 b_11 + dL/dd_12 b_12 at 2 x 2 holds too: checked)"),
    ("lin_dB", r"\frac{\partial L}{\partial B} = A^T \frac{\partial L}{\partial D}",
     "the same D = A B + C: dL/dB = A^T dL/dD; holds (every size and draw; autograd)"),
    ("lin_dC", r"\frac{\partial L}{\partial C} = \sum_{\text{rows}} \frac{\partial L}{\partial D}",
     "the same D = A B + C with C = [c_1 c_2] a row added to every row of A B: dL/dC is the column-wise sum of dL/dD over the rows, a 1 x q row; holds (every size and draw; autograd)"),
    ("ce_batch", r"\frac{\partial L}{\partial z_{i, k}} = \frac{1}{N} \left( p_{i, k} - \mathbb{I}(k = y_i) \right)",
     "L the mean over N samples of -ln p_{i, y_i}, p_i = softmax(z_i) over K classes, integer labels y_i (F.cross_entropy): dL/dz_{i,k} = (1/N)(p_{i,k} - I(k = y_i)); holds (N, K = 4, 5; 3, 2; 8, 27; every label and draw; autograd; the one-sample rows p_y - 1, p_k and p_k - I(k = y) hold too: checked)"),
    ("bn_dvar", r"\frac{\partial L}{\partial \sigma^2} = -\frac{1}{2} (\sigma^2 + \epsilon)^{-3/2} \sum_{k=1}^N \frac{\partial L}{\partial \hat{x}_k} (x_k - \mu)",
     "the forward of 4.1 over N values of a feature (mu the mean, sigma^2 = (1/N) sum (x_k - mu)^2, biased, eps inside the root), y_i = gamma xhat_i + beta, L any loss of the y_i (drawn), dL/dxhat_k the node gradient gamma dL/dy_k: the gradient at the node sigma^2 is -(1/2)(sigma^2 + eps)^{-3/2} sum_k dL/dxhat_k (x_k - mu); holds (N = 3, 4, 6; 1, 2 and 3 features; eps = 1e-5, 0.1; gamma drawn away from 1; autograd; the chain before it holds too: checked)"),
    ("bn_dx", r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{N \sqrt{\sigma^2 + \epsilon}} \left[ N \frac{\partial L}{\partial y_i}",
     "the same forward (4.1's biased variance): dL/dx_i = gamma/(N sqrt(sigma^2 + eps)) [N dL/dy_i - sum_j dL/dy_j - xhat_i sum_j dL/dy_j xhat_j]; holds (every size, eps and draw; autograd; the three-path chain of 4.2 holds too: checked); with the lecture's own variance 1/(N - 1) sum (the Bessel note of 2.13, used by the 4.3 and section-5 listings) the same formula misses a factor N/(N - 1) on the last term (refuted there: checked), but 4.1 writes 1/N"),
]
MK_DIRS = [
    ("### 2.10 第二线性层", "<!-- symbp: layer=fc in=2 out=2 batch=2 weight=in-out names: A=input a=input B=kernel b=kernel C=bias c=bias D=output d=output h=input W_2=kernel b_2=bias L=loss -->"),
    ("## 3. 练习 2", "<!-- symbp: layer=softmax classes=5 batch=4 target=one-hot index_base=0 names: z=input p=output y=target L=loss -->"),
    ("## 4. 练习 3", "<!-- symbp: layer=batchnorm batch=N features=1 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
MK_EXCL = [
    (r"L = -\frac{1}{N} \sum_{i=0}^{N-1} \text{logprobs}[i, y_i]", "forward definition (the negative log-likelihood)"),
    (r"L = -\frac{1}{N} \left( \text{logprobs}[0, y_0]", "forward definition (written out)"),
    (r"\frac{\partial L}{\partial \text{logprobs}[i, y_i]} = -\frac{1}{N}", "dL/dlogprobs[i, y_i] = -1/N for L = -(1/N) sum_i logprobs[i, y_i] (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial \text{logprobs}[i, j]} = 0", "dL/dlogprobs[i, j] = 0 for j != y_i (holds: checked); left out for the cap"),
    (r"d_{11} = a_{11}b_{11} + a_{12}b_{21} + c_1", "forward definition (an entry of D = A B + C)"),
    (r"d_{12} = a_{11}b_{12} + a_{12}b_{22} + c_2", "forward definition (an entry of D = A B + C)"),
    (r"\frac{\partial L}{\partial a_{11}} = \frac{\partial L}{\partial d_{11}} b_{11} + \frac{\partial L}{\partial d_{12}} b_{12}", "the 2 x 2 entry row (holds: checked); left out as the entry form of lin_dA"),
    (r"p_k = \frac{e^{z_k}}{\sum_{j} e^{z_j}}", "forward definition (softmax)"),
    (r"L = -\ln(p_y) = -\left( z_y - \ln \sum_{j} e^{z_j} \right)", "forward definition (one sample's loss, rewritten)"),
    (r"= p_y - 1 $$", "the one-sample row for k = y (holds: checked); left out for the cap"),
    (r"\right) = p_k $$", "the one-sample row for k != y (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial z_k} = p_k - \mathbb{I}(k = y)", "the one-sample form of ce_batch (holds: checked); left out as a repeat"),
    (r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \frac{\partial L}{\partial \mu}", "the three-path chain with dL/dmu and dL/dsigma^2 the node gradients and dsigma^2/dx_i = 2(x_i - mu)/N with mu held (holds: checked); left out"),
    (r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \cdot \gamma", "dL/dxhat_i = gamma dL/dy_i (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial \sigma^2} = \sum_{k=1}^N \frac{\partial L}{\partial \hat{x}_k} \frac{\partial \hat{x}_k}{\partial \sigma^2}", "the chain for the node sigma^2 (holds: checked); left out as the first link of bn_dvar"),
    (r"\frac{\partial L}{\partial \mu} = \sum_{k=1}^N \frac{\partial L}{\partial \hat{x}_k} \frac{\partial \hat{x}_k}{\partial \mu} + \frac{\partial L}{\partial \sigma^2} \frac{\partial \sigma^2}{\partial \mu}", "the two paths to the node mu, the second 0 at the batch mean (holds: checked); left out"),
    (r"\frac{\partial L}{\partial \mu} = -\frac{1}{\sqrt{\sigma^2 + \epsilon}} \sum_{k=1}^N \frac{\partial L}{\partial \hat{x}_k}", "dL/dmu = -(1/sqrt(sigma^2 + eps)) sum_k dL/dxhat_k (holds: checked); left out for the cap"),
]

# ---------------------------------------------------------------- conv_pool_homework_zh
HW = [
    ("conv_dX_chain", r"\frac{\partial L}{\partial X(i, j, l)} = \sum_{m=0}^{1} \sum_{n=0}^{1} \sum_{k=0}^{D-1} \frac{\partial L}{\partial Y(m, n, k)} \cdot \frac{\partial Y(m, n, k)}{\partial X(i, j, l)}",
     "Y(i, j, k) = sum_{m,n=0}^{1} sum_{l=0}^{D-1} X(i+m, j+n, l) W(m, n, l, k) + b(k) with X of 3 x 3 x D, W indexed (m, n, l, k) (D kernels of 2 x 2 x D, the forward as written), Y of 2 x 2 x D, L any loss of Y (drawn); here (m, n, k) runs over every output, so the chain dL/dX(i,j,l) = sum dL/dY(m,n,k) dY(m,n,k)/dX(i,j,l) holds (D = 1, 2, 3; autograd Jacobian)"),
    ("conv_dYdX", "\\frac{\\partial Y(m, n, k)}{\\partial X(i, j, l)} = \\begin{cases}\nW(m, n, l, k)",
     "the same forward: Y(m, n, k) contains X(i, j, l) with the weight W(i-m, j-n, l, k) where 0 <= i-m, j-n <= 1, so dY(m,n,k)/dX(i,j,l) = W(i-m, j-n, l, k); the row writes W(m, n, l, k), the output's own position as the kernel index; refuted (D = 1, 2, 3; every draw; with 'valid' read as a valid kernel index and as a valid input index: both checked)"),
    ("conv_dX", r"\frac{\partial L}{\partial Y(m, n, k)} \cdot W(m, n, l, k)",
     "the same forward: dL/dX(i, j, l) = sum_{m,n,k} dL/dY(i-m, j-n, k) W(m, n, l, k) over the valid outputs; the row sum_{m,n,k} dL/dY(m, n, k) W(m, n, l, k) does not depend on (i, j) at all; refuted (D = 1, 2, 3; every draw; autograd)"),
    ("conv_dW_chain", r"\frac{\partial L}{\partial Y(i, j, k')} \cdot \frac{\partial Y(i, j, k')}{\partial W(m, n, l, k)}",
     "the same forward: dL/dW(m,n,l,k) = sum_{i,j=0}^{1} sum_{k'} dL/dY(i,j,k') dY(i,j,k')/dW(m,n,l,k), the chain over every output; holds (D = 1, 2, 3; autograd Jacobian)"),
    ("conv_dW", r"\frac{\partial L}{\partial Y(i, j, k')} \cdot X(i-m, j-n, l)",
     "the same forward: dY(i,j,k')/dW(m,n,l,k) = X(i+m, j+n, l) when k' = k and 0 otherwise, so dL/dW(m,n,l,k) = sum_{i,j} dL/dY(i,j,k) X(i+m, j+n, l); the row takes X(i-m, j-n, l) (0 where not valid) and sums over every k'; refuted (D = 1, 2, 3; every draw; autograd; the cases row before it, X(i-m, j-n, l), is refuted too: checked)"),
    ("pool_dX", r"\frac{\partial L}{\partial X(i, j, k)} = \sum_{p=0}^{1} \sum_{q=0}^{1}",
     "max pooling as the forward writes it, Y(i, j, k) = max X(2i:2i+1, 2j:2j+1, k) (2 x 2 windows, stride 2), read on even maps where the windows tile (4 x 4, 6 x 6, 4 x 6; D = 1, 2, 3), L drawn: dL/dX(i,j,k) = dL/dY(floor(i/2), floor(j/2), k) where X(i,j,k) is its window's maximum, else 0; the row sums that term over p, q = 0, 1, indices it does not contain, so it is 4 times the gradient; refuted (with dY/dX the true local derivative and with the next display's 1 at i = 2i', j = 2j': both checked; ties have probability 0; the last display, the same product without the sum, holds: checked); on the assumptions' 3 x 3 map the windows give one output and Y(1, ., k) does not exist, refuted there too"),
]
HW_DIRS = [
    ("## 卷积层反向传播", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 channels=2,2 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss layout: X=HWC W=HWIO Y=HWC -->"),
    ("## 池化层反向传播", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 channels=2 index_base=0 names: X=input Y=output L=loss layout: X=HWC Y=HWC -->"),
]
HW_EXCL = [
    (r"Y(i, j, k) = \sum_{m=0}^{1} \sum_{n=0}^{1} \sum_{l=0}^{D-1} X(i+m, j+n, l) \cdot W(m, n, l, k) + b(k)", "forward definition (convolution, cross-correlation form)"),
    (r"\frac{\partial Y(i, j, k')}{\partial W(m, n, l, k)} = \begin{cases}", "dY(i,j,k')/dW(m,n,l,k) written X(i-m, j-n, l) for every k' (refuted: checked); left out as the link of conv_dW"),
    (r"\frac{\partial L}{\partial b} = \sum_{i=0}^{1} \sum_{j=0}^{1} \sum_{k=0}^{D-1}", "not settled: the forward adds b(k), one bias per output channel, whose gradient sum_{i,j} dL/dY(i,j,k) the row's extra sum over k refutes for D > 1 (checked), while the prose says b is one scalar, for which the row holds (checked)"),
    (r"Y(i, j, k) = \max(X(i\times2:i\times2+1, j\times2:j\times2+1, k))", "forward definition (max pooling, 2 x 2 windows with stride 2)"),
    (r"在局部区域X(i\times2:i\times2+1, j\times2:j\times2+1, k)中找到最大值。", "prose inside a display (no equation)"),
    (r"1 & \text{if } i = 2i' \text{ and } j = 2j'", "not settled: with (i', j') the window's top-left corner the local derivative is wrong wherever the maximum lies elsewhere (checked), but the prose calls (i', j') positions 'mapped from the local region' and never defines them"),
    (r"\frac{\partial L}{\partial X(i, j, k)} = \frac{\partial L}{\partial Y\left(", "the chain for one input without the sum, dL/dX = dL/dY(floor(i/2), floor(j/2), k) dY/dX (holds for tiling windows: checked); left out, the stored display breaks with a blank line inside \\left( ... \\right)"),
]

# ---------------------------------------------------------------- cnn_notes_c4w1_en
C4 = [
    ("maxpool_dA", r"dA_{\text{slice}, hw}^{[l]} = M^{[l]}_{hw} * dP^{[l]}_{hw}",
     "max pooling P_hw = max of the f x f window (h, w) of A^{[l-1]} (stride s), dP_hw = dL/dP_hw drawn: each window contributes M_hw dP_hw (M the window's one-hot mask of the maximum, * a product with the scalar dP_hw) to the window's slice of dA, the contributions added over the windows as the page says; holds (input 4x4 f 2 s 2, 6x6 f 3 s 3, 5x5 f 2 s 1 (overlapping windows), 6x4 f 2 s 2; ties have probability 0; autograd)"),
    ("avgpool_dA", r"dA_{\text{slice}, hw}^{[l]}(m,n) = \frac{1}{f \times f} \sum_{m=1}^f \sum_{n=1}^f dP^{[l]}_{hw}",
     "average pooling P_hw = (1/f^2) sum_{m,n} A_slice,hw(m,n): each input of the window gets dP_hw / f^2; the row's right side (1/(f x f)) sum_{m=1}^f sum_{n=1}^f dP_hw sums f^2 copies of dP_hw (the summand holds no m, n), which is dP_hw itself, f^2 times too large; refuted (the same sizes; f = 2, 3; every draw; autograd; the listing's 1/(f*f) * dP holds: checked)"),
    ("conv_dW", r"dW_c^{[l]} = \sum_h \sum_w A_{\text{slice}, hw}^{[l-1]} * dZ^{[l]}_{hw}",
     "z_hw = sum_{m,n} w_c(m,n) . A_slice,hw(m,n) + b, one filter of f x f x n_C^{[l-1]} over the slices of A^{[l-1]} with stride s, dZ_hw = dL/dz_hw drawn: dW_c = sum_{h,w} A_slice,hw dZ_hw (* the product of the slice with the scalar); holds (5x5 f 3 s 1 one channel; 6x6 f 2 s 2 two channels; 7x5 f 3 s 2 three channels; autograd; the listed dA_prev accumulation holds too: checked)"),
    ("conv_db", r"db^{[l]} = \sum_h \sum_w dZ^{[l]}_{hw}",
     "the same forward, b the filter's one bias: db = sum_{h,w} dZ_hw; holds (every size and draw; autograd)"),
]
C4_DIRS = [
    ("**Backward Pass for Max Pooling**", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=1 names: A^{[l-1]}=input A^{[l]}=input P^{[l]}=output dP^{[l]}=output_grad dA^{[l]}=input_grad -->"),
    ("**Backward Pass for Average Pooling**", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=1 names: A^{[l-1]}=input A^{[l]}=input P^{[l]}=output dP^{[l]}=output_grad dA^{[l]}=input_grad -->"),
    ("#### Backward Pass for Convolutional Layers", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 conv=cross index_base=1 names: A^{[l-1]}=input w_c^{[l]}=kernel W_c^{[l]}=kernel b^{[l]}=bias z^{[l]}=output Z^{[l]}=output dz^{[l]}=output_grad dZ^{[l]}=output_grad dA^{[l-1]}=input_grad dW_c^{[l]}=kernel_grad db^{[l]}=bias_grad -->"),
]
C4_EXCL = [
    (r"z_{hw}^{[l]} = \sum_{m=1}^f \sum_{n=1}^f w_c^{[l]}(m,n) \cdot A_{\text{slice}, hw}^{[l-1]}(m,n) + b^{[l]}", "forward definition (convolution over one slice; written again inline before the backward pass)"),
    (r"\textcolor{blue}{\square} &= 1\times3", "worked example, forward arithmetic (-18 and 9: hold); not a gradient"),
    (r"n_H^{[l]} &= \left\lfloor", "output sizes"),
    (r"P_{hw}^{[l]} = \text{max} \left( A_{\text{slice}, hw}^{[l-1]}(m,n) \right) \quad \text{for }", "forward definition (max pooling)"),
    (r"P_{hw}^{[l]} = \frac{1}{f \times f} \sum_{m=1}^f \sum_{n=1}^f A_{\text{slice}, hw}^{[l-1]}(m,n)", "forward definition (average pooling; written again inline in the backward part)"),
    (r"\textcolor{blue}{\square} &= \frac{1}{9}", "worked example, forward arithmetic (10/3 and 34/9: hold); not a gradient"),
    (r"i = (h-1)s + m \qquad j = (w-1)s + n", "index relation between a window's entry and the input (1-based, stride s); written twice"),
    (r"dw_c^{[l]}(m,n) += A_{\text{slice}, hw}^{[l-1]}(m,n) \times dz^{[l]}_{hw}", "inline accumulation rule (the post writes inline math as $$ ... $$; sums to conv_dW: checked); left out"),
    (r"db^{[l]} += 1 \times dz^{[l]}_{hw}", "inline accumulation rule (sums to conv_db: checked); left out"),
    (r"dA_{\text{slice}, hw}^{[l-1]}(m,n) += w_c^{[l]}(m,n) \times dz^{[l]}_{hw}", "inline accumulation rule for the input gradient (holds, accumulated over the windows: checked); left out"),
]

# ---------------------------------------------------------------- dl_notes_c2_en
C2 = [
    ("l2_elem", r"= (\cdots) + \frac{\lambda}{2m} w_{ij}^{[l]}",
     "J = (1/m) sum_i L(yhat_i, y_i) + (lambda/(2m)) sum_l ||W^{[l]}||_2^2, (...) the gradient of the data term (a drawn loss of a two-layer tanh network, examples as columns): dJ/dw_ij = (...) + (lambda/(2m)) d(w_ij^2)/dw_ij = (...) + (lambda/m) w_ij; the row's middle member holds but its last member (...) + (lambda/(2m)) w_ij drops the 2 of the square's derivative; refuted (widths 3-4-2, 2-3-3, 4-2-1; m = 5, 4, 6; lambda = 0.7, 2.0, 0.1; every draw; autograd)"),
    ("l2_mat", r"\Rightarrow \frac{\partial J}{\partial W^{[l]}} = (\cdots) + \frac{\lambda}{m} W^{[l]}",
     "the same J: dJ/dW^{[l]} = (...) + (lambda/m) W^{[l]} (and dW^{[l]} the same); holds (every size, lambda and draw; both layers; autograd)"),
    ("ce_dz_entry", r"\frac{\partial J}{\partial Z_j^{[L](i)}} = \frac{1}{m} (a_j^{[L](i)} - y_j^{(i)})",
     "a^{[L](i)} = softmax(Z^{[L](i)}) over the C classes of example i (examples as columns), one-hot y^{(i)}, J = -(1/m) sum_i sum_j y_j^{(i)} log a_j^{[L](i)}: dJ/dZ_j^{[L](i)} = (1/m)(a_j^{[L](i)} - y_j^{(i)}); holds (C, m = 3, 4; 5, 2; 10, 6; every label and draw; autograd; the derivation's first row and the softmax Jacobian hold too: checked; soft labels summing to 1 keep it: checked)"),
    ("ce_dZ_vec", r"dZ^{[L]} = \frac{1}{m} \left( A^{[L]} - Y \right)",
     "the same J with A^{[L]} and Y of shape C x m: dZ^{[L]} = dJ/dZ^{[L]} = (1/m)(A^{[L]} - Y); holds (every size and draw; autograd)"),
]
C2_DIRS = [
    ("#### $$L_2$$-regularisation", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: W^{[l]}=kernel w^{[l]}=kernel J=loss -->"),
    ("#### backward propagation for $$dZ^{[l]}$$", "<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot index_base=1 names: Z=input a=output y=target Z^{[L]}=input A^{[L]}=output a^{[L]}=output Y=target dZ^{[L]}=input_grad J=loss -->"),
]
C2_EXCL = [
    (r"J(W, b) = \frac{1}{m} \sum_{i=1}^m \mathcal{L}(\hat{y}^{(i)}, y^{(i)}) + \frac{\lambda}{2m} \sum_{l=1}^L \lVert  W^{[l]}\rVert_2^2", "definition (cost with L2 regularisation)"),
    (r"W^{[l]} := W^{[l]} - \alpha \cdot dW^{[l]}", "update rule (weight decay); not a gradient"),
    (r"\frac{\lambda}{2m} \sum_{l=1}^L \lVert  W^{[l]}\rVert_1", "definition (cost with L1 regularisation)"),
    (r"\tilde{Z}^{[l](i)} = \gamma^{[l]} Z^{[l](i)}_\text{norm} + \beta^{[l]}", "forward definition (batch-norm scale and shift)"),
    (r"a_j^{[L]} = \frac{e^{Z_j^{[L]}}}{\sum_{i=1}^C e^{Z_i^{[L]}}}", "forward definition (softmax)"),
    (r"t &= \text{np.exp}(Z^{[L]})", "implementation of the softmax"),
    (r"\mathcal{L}(\hat{y}, y) &= -\sum_{j=1}^C", "definition (cross-entropy and cost)"),
    (r"\frac{\partial J}{\partial Z_j} &= \sum_{k=1}^C \frac{\partial J}{\partial a_k} \frac{\partial a_k}{\partial Z_j}", "the derivation block: its first row (holds: checked) and last row, the one-example form of ce_dz_entry (holds: checked), are right; its second row writes the softmax denominator as sum_{i=1}^m e^{Z_i}, over the m examples instead of the C classes, which the later rows' sum_i leaves unclear (not settled); left out"),
    (r"a_j^{[L]} = \frac{e^{Z_j^{[L]}/T}}{\sum_{i=1}^C e^{Z_i^{[L]}/T}}", "forward definition (softmax with temperature)"),
]

# ---------------------------------------------------------------- matrix_calculus_ko
KO = [
    ("lin_dx", r"\frac{\partial L}{\partial \mathbf{x}} = W^\top \frac{\partial L}{\partial \mathbf{z}} \in \mathbb{R}^n",
     "z = W x + b with W of shape m x n, L any loss of z (drawn), gradients read as arrays of the variable's shape (the page: dL/dW has W's shape; gradient vectors as columns): dL/dx = W^T dL/dz; holds (n, m = 3, 2; 4, 4; 2, 5; autograd; the page's stated numerator layout would make dL/dx a row, the same numbers)"),
    ("lin_dW", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \mathbf{z}} \mathbf{x}^\top",
     "the same layer: dL/dW = dL/dz x^T (m x n); holds (every size and draw; autograd)"),
    ("lin_db", r"\frac{\partial L}{\partial \mathbf{b}} = \frac{\partial L}{\partial \mathbf{z}} \in \mathbb{R}^m",
     "the same layer: dL/db = dL/dz; holds (every size and draw; autograd)"),
    ("lin_dW_batch", r"\frac{\partial L}{\partial W} = \left(\frac{\partial L}{\partial Z}\right)^\top X",
     "the mini-batch X of shape B x n with samples as rows, Z = X W^T + 1 b^T (B x m; the only product that keeps W of shape m x n), L drawn: dL/dW = (dL/dZ)^T X, m x n; holds (B = 4, 2, 3; every size and draw; autograd)"),
    ("sm_jac", r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)",
     "p = softmax(z): dp_i/dz_j = p_i (delta_ij - p_j); holds (K = 3, 5, 10; every pair and draw; autograd Jacobian; the matrix form diag(p) - p p^T holds too: checked)"),
    ("ce_dz", r"\frac{\partial L_\text{CE}}{\partial z_i} = p_i - y_i",
     "L_CE = -sum_i y_i log p_i with a one-hot y (the next sentence): dL_CE/dz_i = p_i - y_i; holds (K = 3, 5, 10; every label and draw; autograd)"),
]
KO_DIRS = [
    ("## 선형 레이어의 역전파 유도", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input X=input W=kernel \\mathbf{b}=bias \\mathbf{z}=output Z=output L=loss -->"),
    ("## 소프트맥스와 크로스엔트로피의 야코비안", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input p=output y=target L_\\text{CE}=loss -->"),
]
KO_EXCL = [
    (r"\nabla_\mathbf{x} f = \frac{\partial f}{\partial \mathbf{x}} = \begin{bmatrix}", "definition (gradient as a column)"),
    (r"J = \frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \begin{bmatrix}", "definition (Jacobian)"),
    (r"J_\sigma = \text{diag}(\sigma'(x_1), \ldots, \sigma'(x_n))", "the Jacobian of an elementwise function (holds for tanh and the sigmoid: checked); left out for the cap"),
    (r"H = \nabla^2_\mathbf{x} f = \begin{bmatrix}", "definition (Hessian)"),
    (r"= J_f \cdot J_g$$", "the Jacobian chain rule in numerator layout (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \mathbf{o}} \cdot \frac{\partial \mathbf{o}}{\partial \mathbf{h}} \cdot \frac{\partial \mathbf{h}}{\partial W}", "a schematic chain rule whose last factor is a third-order tensor and whose o the page never defines (not settled); left out"),
    (r"\text{Attn}(Q, K, V) = \text{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right) V", "forward definition (attention)"),
]

TABLE = {
    "makemore_backprop_ninja_zh.md": ("mk", MK, MK_DIRS, MK_EXCL),
    "conv_pool_homework_zh.md": ("hw", HW, HW_DIRS, HW_EXCL),
    "cnn_notes_c4w1_en.md": ("c4", C4, C4_DIRS, C4_EXCL),
    "dl_notes_c2_en.md": ("c2", C2, C2_DIRS, C2_EXCL),
    "matrix_calculus_ko.md": ("ko", KO, KO_DIRS, KO_EXCL),
}
