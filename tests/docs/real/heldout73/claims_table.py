"""The seventy-third held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout73.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- darkknightzh_pool_backprop_zh
DZ = [
    ("eq1", r"\frac{\partial C}{\partial { {x}_{ij}}}=\frac{\partial C}{\partial { {y}_{uv}}}\frac{\partial { {y}_{uv}}}{\partial { {x}_{ij}}} \tag{1}",
     "pooling with a k_1 x k_2 window and the stride equal to the window (the prose: the sum is absent because each input entry feeds one output when the stride equals the window size), x the input map, y the pooled output, C any loss of y, (u, v) the window that holds x_{ij} (u = floor(i / k_1), v = floor(j / k_2), from 0): dC/dx_{ij} = dC/dy_{uv} dy_{uv}/dx_{ij} (the local derivative from autograd, every other output's derivative by x_{ij} being 0: checked); holds for max and average pooling (input / window 4x6 / 2x3, 6x6 / 3x2, 4x4 / 2x2, 6x9 / 3x3; drawn inputs without ties; drawn non-linear loss)"),
    ("eq3", r"={ {\delta }_{uv}}\frac{\partial { {y}_{uv}}}{\partial { {x}_{ij}}} \tag{3}",
     "(3), the same chain with delta_{uv} = dC/dy_{uv} (2): dC/dx_{ij} = delta_{uv} dy_{uv}/dx_{ij}, (u, v) the window of x_{ij}; holds (max and average pooling, every size listed)"),
    ("eq5", r"\frac{\partial { {y}_{uv}}}{\partial { {x}_{ij}}}\text{=}\frac{\partial { {x}_{p,q}}}{\partial { {x}_{ij}}}",
     "max pooling (4), y_{uv} the window's maximum x_{p,q}: dy_{uv}/dx_{ij} = dx_{p,q}/dx_{ij} = 1 where p = i, q = j (the current entry is the maximum: the case's note), 0 otherwise (the other entries of the window and every entry outside it); holds (every output and every input entry, no ties)"),
    ("eq6", r"\text{=}{ {\delta }_{uv}}\frac{\partial { {y}_{uv}}}{\partial { {x}_{ij}}}=\left\{ \begin{matrix}",
     "(6), max pooling: dC/dx_{ij} = delta_{uv} dy_{uv}/dx_{ij} = delta_{uv} where x_{ij} is its window's maximum, 0 otherwise (non-overlapping windows, the stride the prose gives); holds"),
    ("eq9", r"=\frac{ { {\delta }_{uv}}}{ { {k}_{1}}\times { {k}_{2}}} \tag{9}",
     "(9), average pooling over the k_1 x k_2 window with the stride equal to the window (the prose after (9) calls k_1 and k_2 the window's height and width; the forward (7)'s sums written to s = k_1 and t = k_2 inclusive, over x_{u+s,v+t} with no stride factor, are slips its left-out row keeps, and its 1/(k_1 k_2) weight per term is what (8) and (9) use): dC/dx_{ij} = delta_{uv} dy_{uv}/dx_{ij} = delta_{uv} / (k_1 k_2); holds (every size listed; with (7)'s k_1+1 by k_2+1 windows laid side by side the weight per entry is still 1/(k_1 k_2) and the row still holds: checked; only overlapping windows would break it)"),
]
DZ_DIRS = [
    ("# 池化反向传播公式的推导 (Chinese blog post, transcribed)", "<!-- symbp: layer=maxpool input=4x6 kernel=2x3 stride=2,3 index_base=0 names: x=input y=output C=loss \\delta=output_grad -->"),
    ("## P2. avg pooling", "<!-- symbp: layer=avgpool input=4x6 kernel=2x3 stride=2,3 index_base=0 names: x=input y=output C=loss \\delta=output_grad -->"),
]
DZ_EXCL = [
    (r"$${ {x}_{ij}}$$", "notation (the current input entry), a formula inside a sentence"),
    (r"$$\frac{\partial C}{\partial { {y}_{uv}}}$$", "notation (the error after pooling), inside a sentence"),
    (r"$${ {\delta }_{uv}}$$", "notation inside a sentence"),
    (r"{ {\delta }_{uv}}=\frac{\partial C}{\partial { {y}_{uv}}} \tag{2}", "definition of the error delta"),
    (r"\underset{0\le s<{ {k}_{1}},\text{ }0\le t<{ {k}_{2}}}{\mathop \max }", "forward definition (max pooling; the window origin written x_{i+s,j+t})"),
    (r"{\sum\limits_{t=0}^{ { {k}_{2}}}{({ {x}_{u+s,v+t}})}} \tag{7}", "forward definition (average pooling; its sums run s = 0..k_1 and t = 0..k_2, one row and column more than the k_1 x k_2 window the prose names)"),
    (r"\xrightarrow{u+s=i,v+t=t", "(8): the local derivative dy_{uv}/dx_{ij} = 1/(k_1 k_2) through an arrow whose condition is written u+s=i, v+t=t (t = t for v + t = j) over a copy of (7); holds for x_{ij} in the window; left out (the arrow's condition is garbled) and its result is the scored (9)'s factor"),
    (r"$$\frac{1}{ { {k}_{1}}\times { {k}_{2}}}$$", "the coefficient 1/(k_1 k_2), inside a sentence"),
]

# ---------------------------------------------------------------- parasdahal_convlayer_en
PD = [
    ("dW_chain", r"\frac{\partial C}{\partial W_{ab}^{l}} = \sum_{i=0}^{N-m}\sum_{j=0}^{N-m} \frac {\partial C}{\partial Z_{ij^{l}}} \times \frac {\partial Z_{ij}^{l}}{\partial W_{ab^{l}}} \\",
     "the post's forward Z_{ij}^l = sum_{a=0}^{m-1} sum_{b=0}^{m-1} W_{ab} a^{l-1}_{(i+a)(j+b)} (one N x N input map, one m x m filter, the valid cross-correlation, output (N-m+1) x (N-m+1), entries from 0; the derivation's N and m read as the input's and the filter's side, as the sums' bounds i = 0..N-m fix), C any loss of Z^l; the subscripts Z_{ij^{l}} and W_{ab^{l}} read as Z^l_{ij} and W^l_{ab}: the chain rule over every output equals dC/dW_{ab} (the Jacobian dZ_{ij}/dW_{ab} from autograd); holds (N / m = 4/2, 5/3, 6/3, 5/2; drawn non-linear loss)"),
    ("dW", r"= \sum_{i=0}^{N-m}\sum_{j=0}^{N-m} \frac {\partial C}{\partial Z_{ij^{l}}} \times a^{l-1}_{(i+a)(j+b)}",
     "second row: dC/dW_{ab} = sum_{i,j=0}^{N-m} dC/dZ_{ij} a^{l-1}_{(i+a)(j+b)} (a, b the kernel's indices, a^{l-1} the input map); holds"),
    ("dX_chain", r"\frac{\partial C}{\partial a_{ij}^{l-1}} = \sum_{a=0}^{m-1}\sum_{b=0}^{m-1} \frac{\partial C}{\partial Z_{(i-a)(j-b)}}\times \frac{\partial Z^l_{(i-a)(j-b)}}{\partial a_{ij}^{l-1}} \\",
     "the input gradient as a chain over a, b = 0..m-1 of dC/dZ_{(i-a)(j-b)} dZ_{(i-a)(j-b)}/da_{ij}: for every input entry (i, j = 0..N-1, the left side's range) the written bounds name Z_{(i-a)(j-b)} at rows and columns that do not exist (below 0 at i = 0, a = 1; past N-m at i = N-1, a = 0), and the post says nothing of padding or of missing terms; refuted as written, as held-out 9 scored Gibiansky's same row (with every term whose Z index falls outside read as 0 the chain equals dC/da_{ij}: checked)"),
    ("dX", r"= \sum_{a=0}^{m-1}\sum_{b=0}^{m-1} \frac{\partial C}{\partial Z_{(i-a)(j-b)}}\times W_{ab}",
     "second row: dC/da_{ij} = sum_{a,b=0}^{m-1} dC/dZ_{(i-a)(j-b)} W_{ab}, the same written bounds reaching outputs that do not exist at the border; refuted as written (with the missing dC/dZ read as 0 it is the full convolution with the flipped filter and equals the gradient: checked)"),
]
PD_DIRS = [
    ("### Forward Propagation", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: a^{l-1}=input W=kernel W^{l}=kernel Z^{l}=output Z=output C=loss -->"),
]
PD_EXCL = [
    (r"Z_{ij}^{l} &= \sum_{a=0}^{m-1}\sum_{b=0}^{m-1}W_{ab}a_{(i+a)(j+b)}^{l-1}", "forward definition (a cross-correlation, no bias)"),
    (r"X_{pad} = ", "the padded example image (a matrix of numbers)"),
    (r"X_0 =", "the example's first receptive fields (matrices of numbers)"),
    (r"X_{col} = ", "the example's im2col matrix (numbers)"),
    (r"\frac{ \partial C}{\partial b^l} = \sum_{i=0}^{N-m}\sum_{j=0}^{N-m} \frac{\partial C}{\partial Z_{ij}^{l}}", "the bias gradient, while no displayed forward has a bias (only the Python listing adds b per filter); not scored (with one bias added to every output it holds: checked)"),
]

# ---------------------------------------------------------------- anotter_cnn_annex_en
AO = [
    ("lin_jac", r"\left( \frac{\partial f}{\partial W} \right)_{ikl} = \frac{\partial f_i}{\partial w_{kl}} = \frac{\partial}{\partial w_{kl}} \left( \sum_j w_{ij} x_j \right)",
     "the linear layer f(x) = Wx + b (x in R^n a column, W m x n, f_i = sum_j w_{ij} x_j + b_i): the Jacobian entry (df/dW)_{ikl} = df_i/dw_{kl} (the notebook's own order: output index, then the weight's) = d/dw_{kl}(sum_j w_{ij} x_j) (b_i does not depend on W), the rows after it giving sum_j delta_{ik} delta_{jl} x_j = delta_{ik} x_l; holds (m x n = 3x4, 2x5, 3x3, 4x2; autograd Jacobian of Wx + b)"),
    ("lin_dW", r"\frac{\partial L}{\partial W} = \left( \frac{\partial L}{\partial f} \right)^T x",
     "dL/dW (m x n, entries dL/df_k x_l) said to be (dL/df)^T x, the outer product of the propagated gradient and x: with the notebook's Jacobian layout (output x input) dL/df of the scalar L is a 1 x m row, its transpose m x 1, and x the n x 1 column of f = Wx + b, so (dL/df)^T x is not defined (with dL/df read as an m x 1 column the product is defined only for m = n and is a 1 x 1 number); the outer product needs x^T; refuted (every size: no product of the written factors is the m x n gradient; (dL/df)^T x^T equals it: checked)"),
    ("lin_db", r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial f} $$",
     "dL/db = dL/df (f = Wx + b, df/db the identity; both in the same layout); holds"),
    ("conv_local", r"\frac{\partial o_{ij}}{\partial w_{lk}} = x_{i-1+l,j-1+k} = \left( \frac{\partial O}{\partial W} \right)_{i,j,k,l}",
     "the convolution's forward o_{ij} = sum_{kl} w_{kl} x_{i-1+k,j-1+l} (entries from 1, a cross-correlation): do_{ij}/dw_{lk} = x_{i-1+l,j-1+k} holds, but the row also sets it equal to (dO/dW)_{i,j,k,l}, which in the notebook's own index order ((df/dW)_{ikl} = df_i/dw_{kl} in the linear section) is do_{ij}/dw_{kl} = x_{i-1+k,j-1+l}: the kernel indices are swapped, and the two differ wherever k != l; refuted (square kernels 2x2 and 3x3 on inputs 3x3, 4x4, 5x6, 6x5, drawn inputs)"),
    ("conv_dw", r"\frac{\partial L}{\partial w_{lk}} = \sum_{ij} \frac{\partial L}{\partial o_{ij}} \frac{\partial o_{ij}}{\partial w_{lk}} = \sum_{ij} \frac{\partial L}{\partial o_{ij}} x_{i-1+l,j-1+k}",
     "dL/dw_{lk} = sum over every output of dL/do_{ij} do_{ij}/dw_{lk} = sum_{ij} dL/do_{ij} x_{i-1+l,j-1+k} (L any loss of O); holds (every size listed)"),
    ("conv_dw11", r"\frac{\partial L}{\partial w_{11}} =",
     "the example dL/dw_{11} = dL/do_{11} x_{11} + dL/do_{12} x_{12} + dL/do_{21} x_{21} + dL/do_{22} x_{22}: its four terms fix the output at 2 x 2, so with the section's 2 x 2 kernel the input is 3 x 3; holds (kernel 2x2 on 3x3, the reading the row fixes; also 3x3 on 4x4 and 2x3 on 3x4, verdicts unchanged)"),
]
AO_DIRS = [
    ("## II. Linear layer", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: x=input W=kernel w=kernel b=bias f=output L=loss -->"),
    ("## III. Convolutional layer", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input x=input W=kernel w=kernel O=output o=output L=loss -->"),
]
AO_EXCL = [
    (r"$$T_{i,j,k} = x$$", "notation (a tensor entry)"),
    (r"$$min_{P_1,P_2,P_3} L(F(X), Y)$$", "the training objective (not a gradient)"),
    (r"\frac{\partial L}{\partial P_i},\quad \forall i \in \{1, 2, 3\}", "the gradients wanted, named (no equation)"),
    (r"$$\frac{\partial L}{\partial P_i} = \frac{\partial L}{\partial F_i}\frac{\partial F_i}{\partial P_i}$$", "the chain rule for abstract layers F_i with parameters P_i (no layer defined); not scored"),
    (r"$$f: \mathbb{R}^n \longrightarrow \mathbb{R}^m", "definition of a map"),
    (r"$$J_f(x) = \frac{\partial f}{\partial x} = \begin{bmatrix}", "definition of the Jacobian matrix"),
    (r"$$\frac{\partial g}{\partial x} = \frac{\partial g}{\partial f} \frac{\partial f}{\partial x} = J_g(f) J_f(x)$$", "the abstract chain rule for g: x -> f(x) (no function defined); not scored"),
    (r"$$f(x) = Wx + b$$", "forward definition (linear layer)"),
    (r"$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial f} \frac{\partial f}{\partial W}$$", "chain rule with the third-order tensor df/dW, the contraction not said; not settled"),
    (r"$$\frac{\partial L}{\partial b} = \frac{\partial L}{\partial f} \frac{\partial f}{\partial b}$$", "chain rule for b (holds: df/db is the identity); left out for the cap"),
    (r"\longrightarrow \mathbb{m}, \quad x \longrightarrow Wx + b = W^* x^*", "the bias folded into W* and x* (a map written R^{n+1 x m} -> \\mathbb{m}; not a gradient)"),
    (r"$$= \sum_j \delta_{ik} \delta_{jl} x_j$$", "continuation of the scored lin_jac (holds); left out for the cap"),
    (r"$$= \delta_{ik} x_l$$", "continuation of the scored lin_jac (holds); left out for the cap"),
    (r"\left( \frac{\partial L}{\partial W} \right)_{ijkl} = \sum_i", "a four-index entry of the matrix dL/dW with a sum over i while i stays free on both sides, ending in dL/df_i x_l; no definite reading; not settled"),
    (r"$$o_{11} = w_{11} x_{11} + w_{12} x_{12} + w_{21} x_{21} + w_{22} x_{22}$$", "forward definition (first output, 2x2 kernel)"),
    (r"$$o_{ij} = \sum_{kl} w_{kl} x_{i-1+k, j-1+l}$$", "forward definition (a cross-correlation, entries from 1)"),
    (r"$$o_{ij} = vec(w)^T vec(x_{k \in [i, i+k], l \in [j, j+l]})$$", "forward as an inner product (im2col; the patch bounds reuse k, l)"),
    (r"$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial O}\frac{\partial O}{\partial W}$$", "chain rule with the fourth-order tensor dO/dW, the contraction not said; not settled"),
]

# ---------------------------------------------------------------- talwar_batchnorm_calculus_en
TB = [
    ("grad", r"\frac {\partial L}{\partial x_i} = \sum_{k=1}^N \left( {\underbrace{\frac{\partial L}{\partial y_k}}_{\text{Exp. 1}}",
     "the post's forward (one feature, a batch of N): mu = (1/N) sum x_j, sigma^2 = (1/N) sum (x_j - mu)^2, xhat_i = (x_i - mu)/sqrt(sigma^2 + eps), y_i = gamma xhat_i + beta, L a loss of y: dL/dx_i = sum_{k=1}^N dL/dy_k dy_k/dx_i (the total derivative through mu and sigma^2, as the post's note says; dy_k/dx_i the autograd Jacobian); holds (N = 3, 4, 5, 6; eps = 0.01, 1e-5, 0.1; drawn x, gamma, beta; drawn non-linear loss)"),
    ("exp2", r"\frac {\partial y_k}{\partial x_i} = \frac{\partial y_k}{\partial \hat{x_k}} \times \frac{\partial \hat {x_k}}{\partial x_i} \tag{Exp. 2}",
     "Exp. 2: dy_k/dx_i = dy_k/dxhat_k dxhat_k/dx_i (y_k depends on x only through xhat_k; dy_k/dxhat_k = gamma from autograd); holds (every k, i)"),
    ("product", r"= \gamma \left( \left( \frac{1}{\sqrt{\sigma^2 + \epsilon}} \right) \frac{\partial x_k}{\partial x_i} + x_k",
     "last row of the Exp. 2 display, the product rule: dy_k/dx_i = gamma(s dx_k/dx_i + x_k ds/dx_i - s dmu/dx_i - mu ds/dx_i), s = 1/sqrt(sigma^2 + eps) (ds/dx_i and dmu/dx_i from autograd); holds"),
    ("var_row2", r"= \frac{1}{N} \left( \frac{-2}{N}\sum_{j=1, j \ne i}^N{(x_j - \mu)} + 2(x_i - \mu)\left(1 - \frac{1}{N}\right) \right)",
     "second row of (2.2): dsigma^2/dx_i = (1/N)((-2/N) sum_{j != i}(x_j - mu) + 2(x_i - mu)(1 - 1/N)) (each term of the variance differentiated, mu depending on x_i); holds"),
    ("eq24", r"\frac {\partial y_k}{\partial x_i} = \frac {\gamma}{\sqrt{\sigma^2 + \epsilon}} \left( {1(k == i)",
     "(2.4): dy_k/dx_i = gamma / sqrt(sigma^2 + eps) (1(k == i) - 1/N - (1/N) xhat_i xhat_k) (the two fractions in parentheses are xhat_i and xhat_k); holds (every k, i)"),
    ("final_row1", r"\sum_{k=1}^N{\frac{\partial L}{\partial y_k} \times 1(k == i)}",
     "first row of the last display: dL/dx_i = gamma / sqrt(sigma^2 + eps) (sum_k dL/dy_k 1(k == i) - (1/N) sum_k dL/dy_k - (1/N) sum_k xhat_i xhat_k): putting (2.4) into the Gradient equation, the third sum lost its factor dL/dy_k (the next row has it); as written that sum is xhat_i sum_k xhat_k = 0, so the row drops the term -(1/N) xhat_i sum_k xhat_k dL/dy_k; refuted (every draw: that term is not 0)"),
    ("final_row3", r"- \frac{1}{N} \hat {x_i} \sum_{k=1}^N {\hat {x_k}\frac{\partial L}{\partial y_k}} \right)",
     "last row: dL/dx_i = gamma / sqrt(sigma^2 + eps) (dL/dy_i - (1/N) sum_k dL/dy_k - (1/N) xhat_i sum_k xhat_k dL/dy_k); holds (every i)"),
]
TB_DIRS = [
    ("## Preliminaries", "<!-- symbp: layer=batchnorm batch=N features=1 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
TB_EXCL = [
    (r"(Mean) \space \mu = \frac {1}{N} {\sum_{j=1}^N {x_j}}", "forward definition (mean)"),
    (r"(Variance) \space \sigma^2 = \frac {1}{N} \sum_{j=1}^N{(x_j - \mu)^2}", "forward definition (variance)"),
    (r"\hat {x_i} = \frac {(x_i - \mu)}{\sqrt {(\sigma^2 + \epsilon)}}", "forward definition (normalisation)"),
    (r"y_i = \gamma\hat {x_i} + \beta", "forward definition (scale and shift)"),
    (r"{\frac{\partial L}{\partial y_{1}}}, & \ldots, & {\frac{\partial L}{\partial y_{N}}}", "the gradients the layer receives, listed (no equation)"),
    (r"{\frac{\partial L}{\partial x_{1}}}, & \ldots, & {\frac{\partial L}{\partial x_{N}}}", "the gradients wanted, listed (no equation)"),
    ("$$\n\\frac{\\partial L}{\\partial \\gamma}\n$$", "a gradient named (no equation)"),
    ("$$\n\\frac{\\partial L}{\\partial \\beta}\n$$", "a gradient named (no equation)"),
    (r"= \frac{\partial (\gamma \hat{x} + \beta)}{\partial \hat {x_k}} \times", "Exp. 2 second row, with an \\hat{x} without index (holds read as \\hat{x_k}); left out for the cap"),
    (r"= \gamma \frac{\partial \hat {x_k}}{\partial x_i} \\", "Exp. 2 third row (holds); left out for the cap"),
    (r"= \gamma \frac{\partial \left( {\frac {(x_k - \mu)}{\sqrt{\sigma^2 + \epsilon}}} \right)}{\partial x_i} \\", "Exp. 2 fourth row (holds); left out for the cap"),
    (r"= \gamma \left( \frac{\partial \left( {\frac {x_k}{\sqrt{\sigma^2 + \epsilon}}} \right)}{\partial x_i} -", "Exp. 2 fifth row (holds); left out for the cap"),
    (r"1(k == i) \tag{2.1}", "(2.1) dx_k/dx_i = 1(k == i) (holds); left out for the cap"),
    (r"{\partial \left( \frac {1}{N} \sum_{j=1}^N{(x_j - \mu)^2} \right)} {\partial x_i} \tag{2.2}", "(2.2) first row, the variance's definition put in (holds); left out for the cap"),
    (r"= \frac{2}{N}(x_i - \mu)", "(2.2) last row (holds, since sum_j (x_j - mu) = 0); left out for the cap"),
    (r"\times \frac{\partial \sigma^2}{\partial x_i} \tag{2.3}", "(2.3) both rows, d(1/sqrt(sigma^2 + eps))/dx_i = -(1/2)(sigma^2 + eps)^{-3/2} dsigma^2/dx_i = -(1/N)(sigma^2 + eps)^{-3/2}(x_i - mu) (hold); left out for the cap"),
    (r"= {\frac {\gamma}{\sqrt{\sigma^2 + \epsilon}}} \left( \frac{\partial L}{\partial y_i} - \frac{1}{N}\sum_{k=1}^N{\frac{\partial L}{\partial y_k}} - {\frac{1}{N}", "second row of the last display, the scored last row with xhat written out (holds); left out for the cap"),
]

# ---------------------------------------------------------------- ivory_batchnorm_ja
IV = [
    ("dbeta", r"\frac{\partial L}{\partial \beta} = \sum_i\frac{\partial L}{\partial",
     "the page's forward (Ioffe and Szegedy: mu_B, sigma_B^2 over a batch of m, xhat_i, y_i = gamma xhat_i + beta), L a loss of y: dL/dbeta = sum_i dL/dy_i dy_i/dbeta = sum_i dL/dy_i (the display's line break inside \\partial y_i kept); holds (m = 3, 4, 6; eps = 0.01 and 1e-5; drawn x, gamma, beta; drawn non-linear loss)"),
    ("dgamma", r"\frac{\partial L}{\partial \gamma} = \sum_i\frac{\partial L}{\partial",
     "dL/dgamma = sum_i dL/dy_i dy_i/dgamma = sum_i dL/dy_i xhat_i; holds"),
    ("dxhat", r"y_j}\frac{\partial y_j}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i}\gamma",
     "dL/dxhat_i = sum_j dL/dy_j dy_j/dxhat_i = dL/dy_i gamma (xhat_i reaches L only through y_i; autograd's gradient at the xhat node); holds (every i)"),
]
IV_DIRS = [
    ("### Batch Normalizationのアルゴリズム", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
IV_EXCL = [
    (r"$$\mu_B \leftarrow \frac1m\sum_{i=1}^mx_i$$", "forward definition (mean)"),
    (r"$$\sigma_B^2 \leftarrow \frac1m\sum_{i=1}^m(x_i-\mu_B)^2$$", "forward definition (variance)"),
    (r"$$\hat{x}_i \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2+\epsilon}}$$", "forward definition (normalisation)"),
    (r"$$y_i \leftarrow \gamma\hat{x}_i+\beta$$", "forward definition (scale and shift)"),
    (r"$$\frac{\partial L}{\partial x_i}, \frac{\partial L}{\partial \gamma}, \frac{\partial", "the gradients wanted, listed (no equation)"),
    (r"$$x_i = \sigma_B\hat{x}_i + \mu_B$$", "the normalisation inverted (without epsilon; not a gradient)"),
]

TABLE = {
    "darkknightzh_pool_backprop_zh.md": ("dz", DZ, DZ_DIRS, DZ_EXCL),
    "parasdahal_convlayer_en.md": ("pd", PD, PD_DIRS, PD_EXCL),
    "anotter_cnn_annex_en.md": ("ao", AO, AO_DIRS, AO_EXCL),
    "talwar_batchnorm_calculus_en.md": ("tb", TB, TB_DIRS, TB_EXCL),
    "ivory_batchnorm_ja.md": ("iv", IV, IV_DIRS, IV_EXCL),
}
