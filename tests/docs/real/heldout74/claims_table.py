"""The seventy-fourth held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout74.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- cs5782_cnn_notes_en
CS = [
    ("dO_dF", r"\frac{\partial O_{i, j}}{\partial F_{p, q}} = X_{i + p, j + q}",
     "the chapter's forward O_{i,j} = sum_{m,n=0}^{k-1} F_{m,n} X_{i+m,j+n} (one map, one k x k filter, stride 1, no padding, a valid cross-correlation, indices from 0 as the forward's sums start): dO_{i,j}/dF_{p,q} = X_{i+p,j+q} for every output (i, j) and filter entry (p, q); holds (input / filter 3x3/2, 5x5/3, 4x4/2, 6x5/3, 4x6/2; autograd Jacobian)"),
    ("dF", r"\frac{\partial L}{\partial F_{p,q}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot \frac{\partial O_{i,j}}{\partial F_{p,q}}",
     "dL/dF_{p,q} = sum over every output of dL/dO_{i,j} dO_{i,j}/dF_{p,q} = sum_{i,j} delta_{i,j} X_{i+p,j+q}, delta_{i,j} (never defined by the chapter) read as dL/dO_{i,j}, the row's own middle side; L any loss of O (drawn non-linear loss); holds (every size listed)"),
    ("dO_dX", r"\frac{\partial O_{i,j}}{\partial X_{p,q}} = F_{m,n} \quad \text{where} \quad m = p - i,\; n = q - j",
     "dO_{i,j}/dX_{p,q} = F_{m,n} with m = p - i, n = q - j, under the sentence before it (X_{p,q} takes part in O_{i,j} only if (p, q) = (i + m, j + n) for a filter index (m, n); elsewhere the derivative is 0): checked for every output and every input entry, F_{p-i,q-j} where 0 <= p-i, q-j < k and 0 elsewhere; holds (every size listed)"),
    ("dX", r"\frac{\partial O_{i,j}}{\partial F_{p,q}} \cdot F_{p - i,\, q - j}",
     "the input gradient written dL/dX_{p,q} = sum over the patches (i, j) that hold X_{p,q} of dO_{i,j}/dF_{p,q} F_{p-i,q-j}: the summand's first factor is the local derivative by the filter, dO_{i,j}/dF_{p,q} = X_{i+p,j+q} (the chapter's own row), not the upstream dL/dO_{i,j}; it names F_{p,q} for input positions p, q >= k, where the k x k filter has no such entry, and where it is defined its value differs from the gradient; refuted (every size, every draw; with dL/dO_{i,j} in that place the row equals autograd's dL/dX: checked)"),
    ("pool_local", r"\frac{\partial Y_{i,j}}{\partial X_{p,q}} = ",
     "max pooling (Y_{i,j} = O_{i,j} the maximum of window (i, j) of X; no window size or stride is fixed by the section, so windows 2x2 stride 2 on 4x4 and 6x6, 3x3 stride 3 on 6x6, and overlapping 2x2 stride 1 on 4x4 and 3x3 stride 2 on 5x5): dY_{i,j}/dX_{p,q} = 1 if X_{p,q} = Y_{i,j} (the window's maximum), 0 otherwise, for every output and every input entry (continuous draws, no ties; an entry outside the window never equals its maximum); holds"),
    ("pool_dX", r"\mathbf{1}\left(X_{p,q} = O_{i,j}\right)",
     "dL/dX_{p,q} = sum over the windows (i, j) that hold X_{p,q} of dL/dO_{i,j} 1(X_{p,q} = O_{i,j}); holds for the non-overlapping and the overlapping windows listed (autograd's gradient of max_pool2d, drawn non-linear loss)"),
]
CS_DIRS = [
    ("### Convolutional Layer Backprop", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input F=kernel O=output L=loss \\delta=output_grad -->"),
    ("**Example**:", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->"),
    ("### Pooling Layer Backprop", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: X=input O=output Y=output L=loss -->"),
]
CS_EXCL = [
    (r"$$\text{ReLU}(x) = \max(0, x)$$", "forward definition (ReLU)"),
    (r"\frac{d}{dx} \, \text{ReLU}(x) = ", "ReLU's derivative, 1 for x > 0 and 0 for x <= 0 (holds, 0 at x = 0 as a subgradient); left out for the cap"),
    (r"$$ O_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} F_{m,n} \cdot X_{i+m,\,j+n} $$", "forward definition (a valid cross-correlation, indices from 0)"),
    (r"$$ \frac{dL}{dF} = \frac{dL}{dO} \cdot \frac{dO}{dF} $$", "chain rule with the tensor dO/dF, the contraction not said; not settled"),
    (r"$$ \frac{dL}{dX} = \frac{dL}{dO} \cdot \frac{dO}{dX} $$", "chain rule with the tensor dO/dX, the contraction not said; not settled"),
    (r"$$ \frac{\partial L}{\partial X_{p,q}} = \sum_{i,j} \frac{\partial L}{\partial O_{i,j}} \cdot \frac{\partial O_{i,j}}{\partial X_{p,q}} $$", "the chain over every output for the input gradient (holds: checked); it stands twice, word for word, in the convolution and the pooling sections; left out for the cap and because one fragment cannot tell the two apart"),
    (r"\frac{\partial L}{\partial F_{11}} &= \frac{\partial L}{\partial O_{11}} \cdot X_{11} ", "the worked example's four filter-gradient rows, 3x3 input and 2x2 filter counted from 1 (all hold: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial X_{11}} &= \frac{\partial L}{\partial O_{11}} \cdot F_{11} \\", "the worked example's nine input-gradient rows (all hold: checked, as does the full correlation of dL/dO padded by 1 with the rotated F the prose names); left out for the cap"),
]

# ---------------------------------------------------------------- ethan_numpy_nn_zh
ET = [
    ("sig_d", r"\text{Sigmoid}'(x)=\frac{e^{-x}}{(1+e^{-x})^2}=\sigma(x)(1-\sigma(x))",
     "Sigmoid(x) = 1/(1+e^{-x}) (the row above); Sigmoid'(x) = e^{-x}/(1+e^{-x})^2 = sigma(x)(1 - sigma(x)), sigma (never defined by the page) read as the sigmoid of the section; holds (x drawn, 3, 5 and 8 values; autograd)"),
    ("mse_d", r"\text{MSE}'(Y,\hat{Y})=2(Y-\hat{Y})",
     "MSE(Y, Yhat) = (1/N) sum (Y - Yhat)^2; MSE'(Y, Yhat) read as the derivative by the prediction Yhat (the CrossEntropy' row beside it, -Y/Yhat, is a derivative by Yhat): the true derivative is -(2/N)(Y - Yhat), so the row has the wrong sign at every N and drops the 1/N for N >= 2 (by the target Y it would be (2/N)(Y - Yhat), right only at N = 1); refuted (N x C = 2x3, 3x4, 4x2; drawn Y, Yhat)"),
    ("dW1", r"\frac{\partial L}{\partial W_1}=\frac{\partial L}{\partial X_2}",
     "the page's MLP U_1 = W_1 X_1 + b_1, X_2 = sigma(U_1) (X_1 an in-vector, W_1 out x in; sigma any activation: tanh drawn; L any loss of X_2): dL/dW_1 written l'(X_2,Y) sigma'(U_1) X_1, i.e. delta = l' * sigma'(U_1) (out entries) times the column X_1 with no transpose and no layout stated; the gradient is the out x in outer product delta X_1^T, and no reading of the written product gives it: delta as an out x 1 column or a 1 x out row times the in x 1 column X_1 is not defined, and the entrywise product (defined only for in = out) is a vector; refuted (in / out = 3/2, 2/4, 4/3, 3/3; delta X_1^T equals autograd's gradient: checked)"),
    ("dF_formula", r"\mathbf{\frac{\partial L}{\partial F}} =\mathbf{\text{conv}(X,\ \frac{\partial L}{\partial O})}",
     "the forward written out (O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}, ...): a valid cross-correlation of X with F, entries from 1; conv(X, dL/dO) read as that same sliding weighted sum with dL/dO as the window (the page calls both 'convolution'): conv(X, G)_{pq} = sum_{ij} X_{p+i-1,q+j-1} G_{ij} = dL/dF_{pq}; holds (input / filter 3x3/2x2, the page's, and 4x4/2x2, 5x5/3x3, 4x5/2x3; with a flipping convolution it would fail: checked)"),
    ("dF11", r"=\frac{\partial L}{\partial O_{11}}\cdot X_{11}+\frac{\partial L}{\partial O_{12}}\cdot X_{12}",
     "second row of the worked example: dL/dF_{11} = dL/dO_{11} X_{11} + dL/dO_{12} X_{12} + dL/dO_{21} X_{21} + dL/dO_{22} X_{22} (3x3 input, 2x2 filter, 2x2 output, from 1); holds (its first row, the chain over the four outputs, holds too: checked)"),
    ("dX_formula", r"\mathbf{\frac{\partial L}{\partial X}} =\mathbf{\text{conv}(\frac{\partial L}{\partial O}^{pad},\ F^{flip})}",
     "dL/dX = conv(dL/dO^{pad}, F^{flip}): the pad width is not written; read as k - 1 zeros on every side (the listing pads kernel_size - 1, and the table shows every X entry reached) and F^{flip} as F rotated by 180 degrees, conv the same sliding weighted sum: the full correlation equals dL/dX; holds (every size listed, square and 2x3 filters; the nine table rows hold too: checked)"),
]
ET_DIRS = [
    ("## Sigmoid函数", "<!-- symbp: layer=activation name=sigmoid names: x=input -->"),
    ("# 损失函数", "<!-- symbp: layer=activation name=identity names: \\hat{Y}=input Y=target \\text{MSE}=loss \\text{CrossEntropy}=loss -->"),
    ("# 线性层-MLP", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: X_1=input W_1=kernel b_1=bias U_1=output X_2=activation L=loss -->"),
    ("# 二维卷积层-Conv2d", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->"),
]
ET_EXCL = [
    (r"$$\text{Relu}(x)=\max(0,x)$$", "forward definition (Relu)"),
    (r"$$\text{Relu}'(x)=\begin{cases}1 & x>0\\0 & x\leq 0\end{cases}$$", "Relu' (holds: checked, 0 at x = 0 as a subgradient); left out for the cap"),
    (r"$$K=0.044715$$", "a constant"),
    (r"$$\text{Gelu}(x)=\frac{1}{2}x(1+\tanh(\sqrt{2/\pi}(x+Kx^3)))$$", "forward definition (Gelu, tanh approximation)"),
    (r"$$\text{Gelu}'(x)=\frac{1}{2}(1+\tanh(\sqrt{2/\pi}(x+Kx^3)))$$", "first line of Gelu' split over two lines (the second opens with '+'): alone it is not the derivative, read with the next line it holds (checked, 0.134145 = 3K); one formula over two math spans, not settled"),
    (r"$$+\frac{1}{2}x(1-\tanh^2(\sqrt{2/\pi}(x+Kx^3)))\cdot\sqrt{2/\pi}(1+0.134145x^2)$$", "second line of Gelu' (a continuation, no equation of its own)"),
    (r"$$\text{Sigmoid}(x)=\frac{1}{1+e^{-x}}$$", "forward definition (Sigmoid)"),
    (r"$$\text{Softmax}(x_i)=\frac{e^{x_i}}{\sum e^{x_t}}$$", "forward definition (Softmax)"),
    (r"$$\frac{\partial y_i}{\partial x_j}=\begin{cases}y_i(1-y_j) & i=j\\-y_i\cdot y_j & i\neq j\end{cases}$$", "the softmax Jacobian with y = Softmax(x) (holds: checked); left out for the cap"),
    (r"$$\text{MSE}(Y,\hat{Y})=\frac{1}{N}\sum(Y-\hat{Y})^2$$", "forward definition (MSE)"),
    (r"$$\text{CrossEntropy}(Y,\hat{Y})=-\frac{1}{N}\sum Y\log\hat{Y}$$", "forward definition (cross-entropy)"),
    (r"$$\text{CrossEntropy}'(Y,\hat{Y})=-\frac{Y}{\hat{Y}}$$", "CrossEntropy' by Yhat, without the forward's 1/N (refuted for N >= 2, right at N = 1: checked); left out for the cap and because it repeats the scored MSE' row's slip"),
    (r"$$X_1=\sigma(U_0),\ U_0=W_0X_0+b_0$$", "forward definition (first layer)"),
    (r"$$X_2=\sigma(U_1),\ U_1=W_1X_1+b_1$$", "forward definition (second layer)"),
    (r"$$L=\text{lossF}(X_2,Y)$$", "the loss, named"),
    (r"\frac{\partial L}{\partial b_1}=\frac{\partial L}{\partial X_2}", "dL/db_1 = l' * sigma'(U_1) (holds entrywise: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial X_1}=\frac{\partial L}{\partial X_2}", "dL/dX_1 = l' sigma'(U_1) W_1: right only with the gradients as rows (1 x out times out x in), undefined with columns, and the page states no layout; not settled"),
    (r"\frac{\partial L}{\partial W_0}=\frac{\partial L}{\partial X_1}", "dL/dW_0, the same product without a transpose as the scored dL/dW_1 (refuted the same way); left out for the cap"),
    (r"\frac{\partial L}{\partial b_0}=\frac{\partial L}{\partial X_1}", "dL/db_0 (holds entrywise); left out for the cap"),
    (r"$$O_{11}=X_{11}F_{11}+X_{12}F_{12}+X_{21}F_{21}+X_{22}F_{22}$$", "forward definition (first output; the other three rows likewise)"),
    (r"\frac{\partial L}{\partial F_{11}}&=\frac{\partial L}{\partial O_{11}}\cdot\frac{\partial O_{11}}{\partial F_{11}}", "first row of the worked example, the chain over the four outputs (holds: checked); left out for the cap"),
    (r"$$\frac{\partial L}{\partial X_{11}}=\frac{\partial L}{\partial O_{11}}\cdot F_{11}$$", "the table's nine input-gradient rows (all hold: checked); left out for the cap"),
]

# ---------------------------------------------------------------- darkknightzh_backprop_fc_zh
DK = [
    ("dyin", r"\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}\text{=}\frac{\partial \sum\limits_{k=1}^{D}",
     "the post's layer Y = XW (X M x D with the samples as rows, W D x N, y_{ij} = sum_{k=1}^{D} x_{ik} w_{kj}, indices from 1), first row of part 1's step (2): dy_{in}/dx_{ij} = d(sum_k x_{ik} w_{kn})/dx_{ij} = sum_k (dx_{ik}/dx_{ij}) w_{kn}, which the next rows bring to w_{jn}; holds (M, D, N = 2,3,4; 3,2,2; 4,3,5; 3,4,2; 3,3,3; autograd Jacobian)"),
    ("dLdxij", r"\frac{\partial L}{\partial { {x}_{ij}}}\text{=}\sum\limits_{\text{k}=1}^{N}",
     "dL/dx_{ij} = sum_{k=1}^{N} dL/dy_{ik} w_{jk} (L any loss of Y, drawn non-linear loss); holds (every size listed)"),
    ("dLdX", r"\frac{\partial L}{\partial X}=\frac{\partial L}{\partial Y}{ {W}^{T}}",
     "dL/dX = dL/dY W^T (M x N times N x D); holds"),
    ("dYdw_mat", r"\frac{\partial Y}{\partial { {x}_{ij}}}=\begin{matrix}",
     "part 2's step-(2) result, said to be the derivative of Y by w_{ij} (the sentence before it: only column j is non-zero) but written dY/dx_{ij} = the M x N matrix whose column j holds w_{1i}, ..., w_{mi}, ..., w_{Mi} and whose other columns are 0: dY/dw_{ij} has column j = x_{1i}, ..., x_{Mi} (the post's own row just above gives dy_{mj}/dw_{ij} = x_{mi}), and dY/dx_{ij} as written has row i = w_{j1}, ..., w_{jN}; neither equals it, and w_{mi} does not exist for m > D; refuted (every size and draw, either reading)"),
    ("dLdW", r"\frac{\partial L}{\partial W}={ {X}^{T}}\bullet \frac{\partial L}{\partial Y}",
     "dL/dW = X^T . dL/dY (\\bullet read as the matrix product, D x M times M x N); holds"),
]
DK_DIRS = [
    ("# 全连接层梯度反向传播的推导 (Chinese blog post, transcribed)", "<!-- symbp: layer=fc in=3 out=4 batch=2 weight=rows index_base=1 names: X=input x=input W=kernel w=kernel Y=output y=output L=loss -->"),
]
DK_EXCL = [
    (r"$$X\in { {R}^{M\times D}}$$", "the input's shape"),
    (r"$$W\in { {R}^{D\times N}}$$", "the weight's shape"),
    (r"$$Y=XW\in { {R}^{M\times N}}$$", "forward definition (matrix)"),
    (r"$${ {y}_{ij}}=\sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot { {w}_{kj}}}$$", "forward definition (entries)"),
    (r"$$X=\left[ \begin{matrix}", "X and W written out (matrices of entries)"),
    (r"$$\frac{\partial L}{\partial Y}=\left[ \begin{matrix}", "dL/dY written out entry by entry (notation)"),
    (r"$${ {X}^{T}}=\left[ \begin{matrix}", "X^T written out (notation)"),
    (r"$${ {W}^{T}}=\left[ \begin{matrix}", "W^T written out (notation)"),
    (r"$$x_{ij}$$", "a name inside a sentence"),
    (r"\text{由上图，只有当}m\text{=}i\text{时，}Y\text{才与}{ {x}_{ij}}\text{有关}}=\left[ \begin{matrix}", "part 1 step (1): dY/dx_{ij} as a matrix of entries, then through an arrow a matrix whose non-zero row i is written dy_{i0}/dx_{ij}, dy_{in}/dx_{ij}, dy_{iN}/dx_{ij} (an entry y_{i0} that the 1-based ranges do not have); a notation step, not settled"),
    (r"$$1\le i\le M$$", "index ranges (inside sentences; repeated in part 2 for w_{ij}, whose indices run to D and N)"),
    (r"& \text{      }=0+\cdots +{ {w}_{jn}}+\cdots +0={ {w}_{jn}} \\", "last row of part 1's step (2), dy_{in}/dx_{ij} = w_{jn} (holds); left out for the cap"),
    (r"\end{matrix} \right]\text{  }\begin{matrix}", "part 1 step (2)'s result matrix: row i = w_{j1}, w_{jn}, w_{jN}, the other rows 0, with the row labels 第0行 / 第i行 / 第M行 (holds for the entries; the labels count the first row as 0); left out for the cap"),
    (r"\xrightarrow{m=i\text{时，}\frac{\partial { {y}_{mn}}}{\partial { {x}_{ij}}}\ne 0}", "part 1 step (3), the chain over every (m, n) reduced to the row m = i (holds: checked); left out for the cap"),
    (r"$$\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}\text{=}{ {w}_{jn}}$$", "dy_{in}/dx_{ij} = w_{jn}, inside a sentence (holds)"),
    (r"\xrightarrow{n\text{换成}k\text{,不影响结果}}", "part 1's rows renaming n to k and writing the sum as a row times a column (hold); the scored dLdxij states the result"),
    (r"$$W^T$$", "a name inside a sentence"),
    (r"$$w_{ij}$$", "a name inside a sentence"),
    (r"\text{由上图，只有当}n\text{=}j\text{时，}Y\text{才与}{ {w}_{ij}}\text{有关}}=\left[ \begin{matrix}", "part 2 step (1): dY/dw_{ij} as a matrix of entries, then through an arrow the matrix with column j dy_{1j}/dw_{ij}, dy_{mj}/dw_{ij}, dy_{Mj}/dw_{ij} and zeros (holds); a notation step, not scored"),
    (r"& \frac{\partial { {y}_{mj}}}{\partial { {w}_{ij}}}\text{=}\frac{\partial \sum\limits_{k=1}^{D}", "part 2 step (2), dy_{mj}/dw_{ij} = sum_k x_{mk} dw_{kj}/dw_{ij} = x_{mi} (holds: checked); left out for the cap"),
    (r"$$\frac{\partial Y}{\partial { {w}_{ij}}}$$", "a name inside a sentence"),
    (r"\xrightarrow{n=j\text{时，}\frac{\partial { {y}_{mn}}}{\partial { {w}_{ij}}}\ne 0}", "part 2 step (3), the chain reduced to column n = j (holds); left out for the cap"),
    (r"$$\frac{\partial { {y}_{mj}}}{\partial { {w}_{ij}}}\text{=}{ {x}_{mi}}$$", "dy_{mj}/dw_{ij} = x_{mi}, inside a sentence (holds)"),
    (r"\xrightarrow{m\text{换成}k\text{，不影响结果}}", "part 2's rows renaming m to k (hold); the next display states the result"),
    (r"$$\frac{\partial L}{\partial { {w}_{ij}}}=\sum\limits_{k=1}^{M}{ { {x}_{ki}}\frac{\partial L}{\partial { {y}_{kj}}}}$$", "dL/dw_{ij} = sum_k x_{ki} dL/dy_{kj} (holds: checked); left out for the cap"),
    (r"$${ {x}^{T}}$$", "a name inside a sentence"),
]

# ---------------------------------------------------------------- bn_note_zh
BN = [
    ("ds", r"\frac{\partial L}{\partial s} = \sum_{i=1}^m d\hat h_i \cdot d_i",
     "the note's graph (one unit over a batch of m): mu_B = (1/m) sum h_i, d_i = h_i - mu_B, sigma_B^2 = (1/m) sum d_i^2, s = (sigma_B^2 + eps)^{-1/2}, hhat_i = d_i s, y_i = gamma hhat_i + beta, L any loss of y (drawn non-linear loss), dy_i = dL/dy_i and dhhat_i read as dL/dhhat_i: dL/ds = sum_i dhhat_i d_i (s reaches L only through the hhat_i); holds (m x units = 3x1, 4x2, 6x2, 5x3; eps = 1e-5, 1e-2, 0.1; autograd's gradient at the node s)"),
    ("dd", r"\frac{\partial L}{\partial d_i} = d\hat h_i \cdot s \;+\;",
     "(5): dL/dd_i = dhhat_i s + dL/dsigma_B^2 2 d_i / m, the gradient at the node d (through hhat_i and through sigma_B^2 = (1/m) sum d_i^2); holds"),
    ("dh", r"\frac{\partial L}{\partial h_i} = \frac{\partial L}{\partial d_i} + \frac{1}{m}",
     "(7): dL/dh_i = dL/dd_i + (1/m) dL/dmu_B (h_i reaches L through d_i and through mu_B); holds"),
    ("closed", r"\frac{\partial L}{\partial h_i} = \frac{\gamma}{m\sqrt{\sigma_B^2+\epsilon}}\left[",
     "3.3's closed form: dL/dh_i = gamma / (m sqrt(sigma_B^2 + eps)) (m dy_i - sum_j dy_j - hhat_i sum_j dy_j hhat_j) under the first part's forward (biased variance); holds exactly with eps > 0 (the identity sum hhat_i^2 = m the text leans on holds only at eps = 0, but the closed form does not need it: checked at every eps listed)"),
    ("closed_bessel", r"\frac{\partial L}{\partial \text{hprebn}_{i,j}} = \frac{\gamma_j}{m\sqrt{\sigma_{B,j}^2+\epsilon}}\left[",
     "the second part's closed form for its own forward, the code it walks (bnvar = bndiff2.sum(0) / (m-1), Bessel's correction, as its listing and remark say; bnvar_inv = (bnvar + 1e-5)^{-1/2}; bnraw = bndiff bnvar_inv; z1 = bngain bnraw + bnbias), its letters mapped by the part's own display (sigma_B^2 -> bnvar_j, hhat_i -> bnraw_{i,j}, y_i -> z1_{i,j}): dL/dhprebn_{i,j} = gamma_j / (m sqrt(bnvar_j + eps)) (m dz1_{i,j} - sum_k dz1_{k,j} - bnraw_{i,j} sum_k dz1_{k,j} bnraw_{k,j}); with the variance over m - 1 the last term needs the factor m/(m-1) (then it equals autograd's gradient: checked), so the row is refuted; read instead with the first part's biased sigma_B^2 and hhat it is the gradient of another forward and does not equal this one's either; refuted (m = 3, 4, 6, 5; columns 1 to 3; every eps listed)"),
]
BN_DIRS = [
    ("## 2. 前向公式", "<!-- symbp: layer=batchnorm batch=m features=1 names: h=input y=output \\hat{h}=normalized \\hat h=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift dy=output_grad L=loss -->"),
    ("## 0. 前向回顾（明确每一步的形状）", "<!-- symbp: layer=batchnorm batch=m features=2 names: \\text{hprebn}=input z1=output \\hat h=normalized \\text{bnraw}=normalized \\sigma_B^2=variance \\text{bnvar}=variance \\gamma=scale \\beta=shift dz1=output_grad L=loss -->"),
]
BN_EXCL = [
    ("$$\n\\mu_B = \\frac{1}{m}\\sum_{i=1}^m h_i\n$$", "forward definition (mean)"),
    ("$$\n\\sigma_B^2 = \\frac{1}{m}\\sum_{i=1}^m (h_i - \\mu_B)^2\n$$", "forward definition (biased variance)"),
    ("$$\n\\hat{h}_i = \\frac{h_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}\n$$", "forward definition (standardisation)"),
    ("$$\ny_i = \\gamma \\hat{h}_i + \\beta\n$$", "forward definition (scale and shift)"),
    (r"\mu_{\text{running}} \leftarrow (1-\alpha)\,\mu_{\text{running}} + \alpha\,\mu_B", "the running-mean update (not a gradient)"),
    (r"\mu_B = \frac{1}{m}\sum_i h_i", "the forward broken into nodes (two displays; definitions)"),
    (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^m dy_i \cdot \hat h_i,", "(1): dL/dgamma and dL/dbeta (hold: checked by the same graph); left out for the cap"),
    (r"d\hat h_i = dy_i \cdot \gamma", "(2): dL/dhhat_i = dy_i gamma (holds: checked); left out for the cap"),
    (r"\frac{\partial s}{\partial \sigma_B^2} = -\frac{1}{2}(\sigma_B^2+\epsilon)^{-3/2}", "(4): ds/dsigma_B^2 and dL/dsigma_B^2 (hold: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial \mu_B} = -\sum_{i=1}^m \frac{\partial L}{\partial d_i}", "(6): dL/dmu_B = -sum_i dL/dd_i (holds: checked); left out for the cap"),
    (r"\sum_{i=1}^m \hat h_i = 0, \qquad \sum_{i=1}^m \hat h_i^2 = m", "two identities of the normalised values (not gradients; the second holds only at eps = 0: checked)"),
    (r"h_i \to \text{hprebn}_{i,j},\quad \mu_B \to \text{bnmeani}_j", "the mapping of the note's letters to the code's names (two displays; notation)"),
    (r"\frac{\partial L}{\partial \gamma_j} = \sum_{i=1}^m dz1_{i,j}\cdot \text{bnraw}_{i,j}, \qquad", "the second part's dL/dgamma_j and dL/dbeta_j (hold under either variance); left out for the cap"),
    (r"\frac{\partial \text{bnvar\_inv}}{\partial \text{bnvar}} = -\frac12(\text{bnvar}+\epsilon)^{-3/2}", "a scalar power rule (holds); left out for the cap"),
]

# ---------------------------------------------------------------- softmax_jacobian_note_en
SJ = [
    ("subst", r"\frac{\partial Y_{\text{pred}}^{(j)}}{\partial Z_2^{(i)}} = \frac{e^{Z_2^{(j)}} \delta_{ij} \cdot g(Z_2)",
     "Y^{(j)} = e^{Z^{(j)}} / g, g = sum_c e^{Z^{(c)}} (one sample, C classes, from 1): dY^{(j)}/dZ^{(i)} = (e^{Z^{(j)}} delta_ij g - e^{Z^{(j)}} e^{Z^{(i)}}) / g^2 for every i, j; holds (C = 2, 3, 4, 6; drawn logits; autograd Jacobian of softmax)"),
    ("final", r"\frac{\partial Y_{\text{pred}}^{(j)}}{\partial Z_2^{(i)}} = Y_{\text{pred}}^{(j)} \left( \delta_{ij} - Y_{\text{pred}}^{(i)} \right)",
     "the final result dY^{(j)}/dZ^{(i)} = Y^{(j)} (delta_ij - Y^{(i)}); holds (every i, j)"),
    ("case_ne", r"= -Y_{\text{pred}}^{(j)} Y_{\text{pred}}^{(i)}",
     "the case i != j (the list item's label): dY^{(j)}/dZ^{(i)} = -Y^{(j)} Y^{(i)}; holds (every i != j)"),
]
SJ_DIRS = [
    ("## 2. Computing the Partial Derivative", "<!-- symbp: layer=softmax classes=3 index_base=1 names: Z_2=input Y_{\\text{pred}}=output -->"),
]
SJ_EXCL = [
    (r"Y_{\text{pred}}^{(k,j)} = \frac{e^{Z_2^{(k,j)}}}{\sum_{c=1}^{C} e^{Z_2^{(k,c)}}}", "forward definition (with the sample index)"),
    ("$$\nY_{\\text{pred}}^{(j)} = \\frac{e^{Z_2^{(j)}}}{\\sum_{c=1}^{C} e^{Z_2^{(c)}}}\n$$", "forward definition (one sample)"),
    ("$$\n\\frac{\\partial Y_{\\text{pred}}^{(j)}}{\\partial Z_2^{(i)}}\n$$", "the derivative wanted, named (no equation)"),
    (r"\frac{d}{dx} \left( \frac{f(x)}{g(x)} \right) = \frac{f'(x) \cdot g(x) - f(x) \cdot g'(x)}{[g(x)]^2}", "the quotient rule for generic f and g (not a layer's gradient)"),
    (r"= \frac{f'(Z_2^{(i)}) \cdot g(Z_2) - f(Z_2^{(j)}) \cdot g'(Z_2^{(i)})}{[g(Z_2)]^2}", "the quotient rule applied, with f' and g' the derivatives by Z^{(i)} that the bullets define inline (holds so read: checked); left out for the cap"),
    ("\\delta_{ij} = \n\\begin{cases}", "definition of the Kronecker delta"),
    (r"= \frac{e^{Z_2^{(j)}} \delta_{ij} \cdot S - e^{Z_2^{(j)}} e^{Z_2^{(i)}}}{S^2}", "the substituted row with S for g (holds); left out for the cap"),
    (r"= \frac{e^{Z_2^{(j)}}}{S^2} \left( \delta_{ij} S - e^{Z_2^{(i)}} \right)", "the factored row (holds: checked); left out for the cap"),
    (r"Y_{\text{pred}}^{(j)} = \frac{e^{Z_2^{(j)}}}{S}, \quad", "the forward restated with S (definitions)"),
    (r"= \frac{Y_{\text{pred}}^{(j)}}{S} \left( \delta_{ij} S - e^{Z_2^{(i)}} \right) = Y_{\text{pred}}^{(j)}", "the substitution row, ending in the scored final result (holds); left out for the cap"),
    (r"{\partial Z_2^{(j)}} = Y_{\text{pred}}^{(j)} (1 - Y_{\text{pred}}^{(j)})", "the case i = j, Y^{(j)}(1 - Y^{(j)}) (holds: checked); left out for the cap"),
    (r"J_{ji} = \frac{\partial Y_{\text{pred}}^{(j)}}{\partial Z_2^{(i)}}", "the Jacobian's entry, the final result again (holds); left out as a repeat"),
]

TABLE = {
    "cs5782_cnn_notes_en.md": ("cs", CS, CS_DIRS, CS_EXCL),
    "ethan_numpy_nn_zh.md": ("et", ET, ET_DIRS, ET_EXCL),
    "darkknightzh_backprop_fc_zh.md": ("dk", DK, DK_DIRS, DK_EXCL),
    "bn_note_zh.md": ("bn", BN, BN_DIRS, BN_EXCL),
    "softmax_jacobian_note_en.md": ("sj", SJ, SJ_DIRS, SJ_EXCL),
}
