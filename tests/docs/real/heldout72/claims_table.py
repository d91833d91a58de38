"""The seventy-second held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout72.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- darkknightzh_conv_backprop_zh
DK = [
    ("dk_chain", r"\frac{\partial C}{\partial k_{pq}^{l}}=\sum\limits_{i=0}^{M-{ {k}_{1}}}{\sum\limits_{j=0}^{N-{ {k}_{2}}}{\frac{\partial C}{\partial x_{ij}^{l}}\frac{\partial x_{ij}^{l}}{\partial k_{pq}^{l}}}}",
     "the post's forward (1) x_{ij}^l = sum_{p=0}^{k_1-1} sum_{q=0}^{k_2-1} o_{i+p,j+q}^{l-1} k_{pq}^l + b^l (a valid cross-correlation of the M x N map o^{l-1}, output (M-k_1+1) x (N-k_2+1), entries from 0), C any loss of x^l: the chain rule over every output, i = 0..M-k_1, j = 0..N-k_2, equals dC/dk_{pq} (the Jacobian dx_{ij}/dk_{pq} from autograd); holds (M x N / k_1 x k_2 = 4x5/2x3, 5x5/3x3, 6x4/2x2, 5x6/3x2; f = tanh and the sigmoid; drawn non-linear loss)"),
    ("db_chain", r"\frac{\partial C}{\partial { {b}^{l}}}=\sum\limits_{i=0}^{M-{ {k}_{1}}}{\sum\limits_{j=0}^{N-{ {k}_{2}}}{\frac{\partial C}{\partial x_{ij}^{l}}\frac{\partial x_{ij}^{l}}{\partial { {b}^{l}}}}}",
     "same forward, one scalar bias b^l for the whole map: the chain rule over every output equals dC/db^l; holds"),
    ("dk_result", r"{\delta _{ij}^{l}x_{i+p,j+q}^{l-1}}",
     "delta_{ij}^l = dC/dx_{ij}^l (7); the post defines x^{l-1} as layer l-1's feature before the activation and o^{l-1} = f(x^{l-1}) after it, and its forward (1) multiplies the kernel by o^{l-1}: dC/dk_{pq} = sum_{i,j} delta_{ij} o_{i+p,j+q}^{l-1} (checked), whereas the row writes x_{i+p,j+q}^{l-1} (the same slip as in (4) and (6)); refuted for every non-identity f (tanh and the sigmoid drawn; it holds only where f is the identity)"),
    ("db_result", r"{\sum\limits_{j=0}^{N-{ {k}_{2}}}{\delta _{ij}^{l}}} \tag{9}",
     "dC/db^l = sum over every output of delta_{ij}^l; holds"),
    ("delta_chain", r"\delta _{ij}^{l}=\frac{\partial C}{\partial x_{ij}^{l}}\text{=}\sum",
     "two layers: o^l = f(x^l) entrywise (x^l an M x N map), x^{l+1} = the valid cross-correlation (11) of o^l with k^{l+1} plus b^{l+1} ((M-k_1+1) x (N-k_2+1)), C a loss of x^{l+1}, delta^{l+1} = dC/dx^{l+1}: the row sums m = 0..k_1-1, n = 0..k_2-1 over x^{l+1}_{i-m,j-n} and delta^{l+1}_{i-m,j-n}, written bounds that reach entries which do not exist at the border (i = 0 with m = 1; i = M-1 with m = 0 where M-1 > M-k_1) and the post says it leaves padding aside; refuted as written (with every term whose x^{l+1} index falls outside read as 0 the chain equals dC/dx_{ij}^l: checked)"),
    ("delta_row", r"{\delta _{i-m,j-n}^{l+1}k_{mn}^{l+1}{ {f}^{'}}\left( x_{ij}^{l} \right)}}",
     "first row of (13): delta_{ij}^l = sum_{m=0}^{k_1-1} sum_{n=0}^{k_2-1} delta^{l+1}_{i-m,j-n} k_{mn}^{l+1} f'(x_{ij}^l): the written bounds reach delta^{l+1} entries that do not exist at the border (no padding is said), as in (10); refuted as written (with delta^{l+1} read as 0 outside its map the row is the gradient: checked)"),
]
DK_DIRS = [
    ("## P1. 变量定义", "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: o^{l-1}=input k^{l}=kernel b^{l}=bias x^{l}=output C=loss \\delta^{l}=output_grad -->"),
    ("## P5. 具体计算反传时误差", "<!-- symbp: layer=conv2d input=4x5 kernel=2x3 conv=cross index_base=0 names: o^{l}=input k^{l+1}=kernel b^{l+1}=bias x^{l+1}=output C=loss \\delta^{l+1}=output_grad -->"),
]
DK_EXCL = [
    (r"$$M\times N$$", "notation (input size), a formula inside a sentence"),
    (r"$${ {k}_{1}}\times { {k}_{2}}$$", "notation (kernel size), inside a sentence (twice)"),
    (r"$$k_{ij}^{l}$$", "notation (kernel entry), one formula per line in the list of symbols"),
    (r"$${ {b}^{l}}$$", "notation (bias), in the list of symbols"),
    (r"$$x_{ij}^{l}$$", "notation (feature before the activation), in the list of symbols"),
    (r"$$o_{ij}^{l}$$", "notation (feature after the activation), in the list of symbols"),
    (r"$$f(\centerdot )$$", "notation (activation), in the list of symbols"),
    (r"o_{i+p,j+q}^{l-1}k_{pq}^{l}}}+{ {b}^{l}} \tag{1}", "forward definition (convolutional layer, a cross-correlation)"),
    (r"$$o_{ij}^{l}=f\left( x_{ij}^{l} \right) \tag{2}$$", "forward definition (activation)"),
    (r"\end{smallmatrix}}x_{i+p,j+q}^{l-1} \tag{4}", "dx_{ij}/dk_{pq} as the derivative of the forward, with the forward copied with x^{l-1} where (1) has o^{l-1} and the result x^{l-1}_{i+p,j+q} after an arrow carrying a note: the same slip as the scored (8); not scored twice"),
    (r"\text{与}{ {b}^{l}}\text{无关}}1 \tag{6}", "dx_{ij}/db = 1 after an arrow with a note (holds; its copy of the forward writes x^{l-1}); left out for the cap"),
    (r"$$\delta _{ij}^{l}=\frac{\partial C}{\partial x_{ij}^{l}} \tag{7}$$", "definition of the error delta"),
    (r"$$\delta _{ij}^{l\text{+}1}$$", "notation inside a sentence"),
    (r"{\frac{\bullet }{\partial x_{i-m,j-n}^{l+1}}}}$$", "notation for the range of the chain rule, inside a sentence"),
    (r"o_{i-m+s,j-n+t}^{l}k_{st}^{l+1}}}+{ {b}^{l+1}} \tag{11}", "forward of the next layer, restated at the shifted output index"),
    (r"\xrightarrow{\text{只有}s=m", "dx^{l+1}_{i-m,j-n}/dx^l_{ij} worked out from (11) through an arrow with a note; it holds wherever x^{l+1}_{i-m,j-n} exists, but its free indices reach entries that do not exist at the border; not settled"),
    (r"=k_{mn}^{l+1}{ {f}^{'}}\left( x_{ij}^{l} \right) \tag{12}", "the same local derivative on its own (holds wherever x^{l+1}_{i-m,j-n} exists; not settled at the border)"),
    (r"$${ {f}^{'}}\left( x_{ij}^{l} \right)$$", "notation inside a sentence"),
    (r"=ro{ {t}_{ { {180}^{\circ }}}}\left\{ \sum", "second row of (13): rot180 of the sliding sum sum_{m,n} delta^{l+1}_{i+m,j+n} k_{mn}, an array smaller than delta^{l+1}, read at (i, j); no definite reading of rot180 applied to one entry; not settled"),
    (r"=conv2D\left( \delta _{i,j}^{l+1}", "third row of (13): conv2D is never defined (true convolution or the cross-correlation P6 says networks use, valid or full); not settled"),
    (r"\right\} \right)\odot { {f}^{'}}\left( { {\mathbf{x}}^{l}} \right) \tag{14}", "matrix form with the undefined conv2D (mode and convention not said); not settled"),
    (r"$$\odot $$", "notation inside a sentence"),
    (r"$$I$$", "notation (image), inside a sentence"),
    (r"$$K\in { {R}^{ { {k}_{1}}\times { {k}_{2}}}}$$", "notation (kernel size), inside a sentence"),
    (r"{I\left( i+m,j+n \right)K\left( m,n \right)}} \tag{15}", "definition (cross-correlation)"),
    (r"{I\left( i-m,j-n \right)K\left( m,n \right)}} \\", "definition (convolution) and its rewriting with K(-m,-n)"),
    (r"\text{+}b \tag{17}", "definition (the network's 'convolution', a cross-correlation with bias)"),
]

# ---------------------------------------------------------------- zaffnet_batchnorm_en
ZF = [
    ("dgamma", r"= \sum_{i = 1}^{m}\hat{x}_i\frac{\partial L}{\partial y_i}",
     "the forward of the section: mu_B = (1/m) sum x_i, sigma_B^2 = (1/m) sum (x_i - mu_B)^2, xhat_i = (x_i - mu_B)/sqrt(sigma_B^2 + eps), y_i = gamma xhat_i + beta (one feature, a batch of m), L a loss of y: dL/dgamma = sum_i xhat_i dL/dy_i (the chain of the row above it too); holds (m = 3, 4, 6; drawn x, gamma, beta, eps = 0.01 and 1e-5; drawn non-linear loss)"),
    ("dxhat", r"= \gamma\cdot\frac{\partial L}{\partial y_i}",
     "dL/dxhat_i = gamma dL/dy_i (xhat_i reaches L only through y_i); holds"),
    ("dvar_row2", r"= \sum_{i = 1}^{m}\gamma\cdot\frac{\partial L}{\partial y_i}\cdot(x_i - \mu_B)\cdot\frac{-1}{2}\cdot(\sigma_B^2 + \epsilon)^{-3/2}",
     "dL/dsigma_B^2 (sigma_B^2 reaches L through every xhat_i; autograd's gradient at the sigma_B^2 node) = sum_i gamma dL/dy_i (x_i - mu_B) (-1/2)(sigma_B^2 + eps)^{-3/2}; holds"),
    ("dvar_sign", r"= -\gamma\cdot\frac{-1}{2}(\sigma_B^2 + \epsilon)^{(-3/2)}",
     "fourth row of the same display, 'taking out constant terms': -gamma (-1/2)(sigma_B^2 + eps)^{-3/2} sum_i dL/dy_i (x_i - mu_B) = +(gamma/2)(...)^{-3/2} sum ..., the negative of the row above it and of dL/dsigma_B^2 (the extra minus sign); refuted (every draw: the sum is not 0)"),
    ("dvar_sum2", r"= \frac{-\gamma\cdot t^3}{2}\sum_{i = 1}^{2}",
     "fifth row, t = 1/sqrt(sigma_B^2 + eps) as the row's note defines it: (-gamma t^3 / 2) sum_{i=1}^{2} dL/dy_i (x_i - mu_B); the sign is right again but the sum stops at i = 2 instead of m, so it misses the terms i = 3..m; refuted (m = 3, 4, 6; it would hold only at m = 2)"),
    ("dmu", r"= -\gamma\cdot t \sum_{i = 1}^{m}\frac{\partial L}{\partial y_i}  (\text{Because } \sum_{i = 1}^{m}(x_i-\mu_B) = 0)",
     "dL/dmu_B (mu_B reaches L through every xhat_i and through sigma_B^2; autograd's gradient at the mu_B node) = -gamma t sum_i dL/dy_i, the sigma_B^2 term vanishing since sum (x_i - mu_B) = 0 (last row of the display; the rows before it hold too); holds"),
    ("dx", r"= \frac{\gamma\cdot t}{m}\bigg[m\frac{\partial L}{\partial y_i}",
     "last row: dL/dx_i = (gamma t / m)[m dL/dy_i - t^2 (x_i - mu_B) sum_j dL/dy_j (x_j - mu_B) - sum_j dL/dy_j], the summed index read as a dummy (the row reuses i inside the sums, the free i outside them); holds (every i)"),
]
ZF_DIRS = [
    ("### Forward Propagation through Batch Normalization layer", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
ZF_EXCL = [
    (r"\hat{x}^{(k)} = \frac{x^{(k)} - E\big[x^{(k)}\big]}{\sqrt{\text{Var}\big[x^{(k)}\big]}}", "forward definition (normalisation of feature k)"),
    (r"y^{(k)} = \gamma^{(k)}\hat{x}^{(k)} + \beta^{(k)}", "forward definition (the affine map)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial \gamma}$$:**", "a heading naming the gradient (no equation)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial \beta}$$:**", "a heading naming the gradient (no equation)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial \hat{x}_i}$$:**", "a heading naming the gradient (no equation)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial \sigma_B^2}$$:**", "a heading naming the gradient (no equation)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial \mu_B}$$:**", "a heading naming the gradient (no equation)"),
    (r"#### **Calculation of $$\frac{\partial L}{\partial x_i}$$:**", "a heading naming the gradient (no equation)"),
    (r"\mu_B &= \frac{1}{m}\sum_{i=1}^{m}x_i \\\\", "forward definition (mean, variance, normalisation, output)"),
    (r"\frac{\partial L}{\partial \gamma} &= \sum_{i = 1}^{m}\frac{\partial L}{\partial y_i}\frac{\partial y_i}{\partial \gamma}", "chain rule for gamma (holds); its result is the scored next row"),
    (r"\frac{\partial L}{\partial \beta} &= \sum_{i = 1}^{m}\frac{\partial L}{\partial y_i}\frac{\partial y_i}{\partial \beta}", "dL/dbeta, chain and result sum_i dL/dy_i (hold); left out for the cap"),
    (r"\frac{\partial L}{\partial \hat{x}_i} &= \frac{\partial L}{\partial y_i}\frac{\partial y_i}{\partial \hat{x}_i}", "chain rule for xhat_i (holds); its result is the scored next row"),
    (r"\frac{\partial L}{\partial \sigma_B^2} &= \sum_{i = 1}^{m}\frac{\partial L}{\partial \hat{x}_i}\frac{\partial \hat{x}_i}{\partial  \sigma_B^2}", "first row of the sigma_B^2 display, the chain rule (holds); left out for the cap"),
    (r"&\bigg(\text{Because }\frac{\partial \hat{x}_i}{\partial  \sigma_B^2}", "a note row in parentheses (dxhat_i/dsigma_B^2 = (x_i - mu_B)(-1/2)(sigma_B^2 + eps)^{-3/2}, holds), no '=' of its own between members of the chain"),
    (r"\frac{\partial L}{\partial \mu_B} &= \sum_{i = 1}^{m}\frac{\partial L}{\partial \hat{x}_i}\frac{\partial \hat{x}_i}{\partial \mu_B}", "first three rows of the mu_B display (chain, the local derivatives put in, t put in; all hold, their notes too); left out for the cap"),
    (r"\frac{\partial L}{\partial x_i} &= \frac{\partial L}{\partial\hat{x}_i}\frac{\partial\hat{x}_i}{\partial x_i}", "chain rule for x_i over its three paths (holds); left out for the cap"),
    (r"&= \gamma\cdot\frac{\partial L}{\partial y_i}\cdot\frac{1}{\sqrt{\sigma_B^2 + \epsilon}} - \frac{\gamma\cdot t^3}{2}", "second row of the x_i display: the trailing (2/m)(x_i - mu_B) after the parenthesised summand may stand inside the sum over i (then it is summed, wrong) or outside it (the free i, right); the reused index leaves it not settled"),
    (r"& (\text{Because } \frac{\partial\hat{x}_i}{\partial x_i}", "a note row (the three local derivatives, which hold)"),
    (r"\hat{x}^{(k)} = \frac{x^{(k)} - E[x^{(k)}]}{\sqrt{\text{Var}[x^{(k)}]}}", "test-time normalisation with population statistics (forward definition)"),
    (r"E[x] &= E_B[\mu_B]\\\\", "test-time population statistics (not a gradient)"),
    (r"\mu_{running} &= \alpha\cdot\mu_{running}", "running averages (not a gradient)"),
]

# ---------------------------------------------------------------- ricojia_cnn_basics_en
RJ = [
    ("dx11", r"\frac{\partial J}{\partial x_{11}} = \frac{\partial J}{\partial y_{11}}k_{11}",
     "the section's forward rows y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{13}k_{13} + ..., y_{12} = x_{12}k_{11} + ... (the valid cross-correlation, entries from 1; the post's listing uses scipy correlate2d 'valid'), J a loss of Y; the kernel-gradient rows sum over exactly y_{11}, y_{12}, y_{21}, y_{22}, so Y is 2 x 2, and k_{13}, x_{14} make the kernel at least 3 wide: input (k_h+1) x (k_w+1); dJ/dx_{11} = dJ/dy_{11} k_{11}; holds (kernel 3x3 on 4x4, the reading the rows fix; also 2x3 on 3x4, 3x4 on 4x5 and 4x4 on 5x5, verdicts unchanged)"),
    ("dx12", r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{12} + \frac{\partial J}{\partial y_{12}}k_{11}",
     "x_{12} enters y_{11} (times k_{12}) and y_{12} (times k_{11}) only; holds"),
    ("dk11", r"\frac{\partial J}{\partial k_{11}} = \frac{\partial J}{\partial y_{11}}x_{11}",
     "dJ/dk_{11} = sum over the four outputs of dJ/dy_{uv} x_{uv}; holds"),
    ("dk12", r"\frac{\partial J}{\partial k_{12}} = \frac{\partial J}{\partial y_{11}}x_{12}",
     "dJ/dk_{12} = dJ/dy_{11} x_{12} + dJ/dy_{12} x_{13} + dJ/dy_{21} x_{22} + dJ/dy_{22} x_{23}; holds"),
    ("jx13", r"\frac{J}{x_{13}} = \frac{J}{y_{11}}k_{13} + \frac{J}{y_{12}}k_{12} + \frac{J}{y_{12}}k_{11}",
     "the fractions written without partial, read (as the section says) as dJ/dx_{13}: x_{13} enters y_{11} (times k_{13}) and y_{12} (times k_{12}) and no other output of a 2-wide output row (with a wider output it would enter y_{13} times k_{11}); the row adds dJ/dy_{12} k_{11}, y_{12} written twice; refuted (every size listed, drawn values)"),
]
RJ_DIRS = [
    ("### How does back propagation on a kernel `K` work?", "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 conv=cross index_base=1 names: X=input x=input K=kernel k=kernel Y=output y=output J=loss -->"),
]
RJ_EXCL = [
    (r"-1 & -1 & 2 \\", "an example filter (a matrix of numbers, no equation)"),
    (r"\\ =>", "the filter-flipping example (matrices and an arrow, no equation)"),
    (r"o = \frac{n + 2*p - f}{s} + 1", "output-size formula (not a gradient)"),
    (r"y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{13}k_{13} + ...", "forward rows (three outputs written out, each ending in '+ ...')"),
    (r"\frac{J}{x_{11}} = \frac{J}{y_{11}}k_{11}", "first two rows of the last display (fractions without partial), the same as the scored dx11 and dx12 (hold); not scored twice"),
    (r"r_{l-1} = s_lr_l + k_l-s_l", "receptive-field recursion (not a gradient)"),
]

# ---------------------------------------------------------------- talwar_softmax_backprop_en
TW = [
    ("eq1", r"\frac{\partial L_i}{\partial S[i,k]} = \frac{\partial L_i}{\partial O_2[i,y_i]} \times \frac{\partial O_2[i,y_i]}{\partial S[i,k]} \tag{1}",
     "the post's network: S = O_1W_2 + b_2 (5 examples as rows, 10 hidden outputs, 3 classes), U[i,k] = e^{S[i,k]}, O_2[i,k] = U[i,k] / sum_{p=1}^3 U[i,p], L_i = -log O_2[i, y_i] with y_i example i's class: L_i depends on S only through O_2[i,y_i], so dL_i/dS[i,k] = dL_i/dO_2[i,y_i] dO_2[i,y_i]/dS[i,k] (the local derivatives from autograd); holds (six draws of O_1, W_2, b_2 and labels, every i and k)"),
    ("eq11", r"\frac{\partial L_i}{\partial O_2[i,y_i]} = \frac{-1}{O_2[i,y_i]}",
     "L_i = -log O_2[i,y_i]: dL_i/dO_2[i,y_i] = -1/O_2[i,y_i]; holds"),
    ("eq121", r"\frac{\partial O_2[i,y_i]}{\partial S[i,k]} = \frac{U[i,k]}{\sum_{p=1}^3 U[i,p]} - \frac{U[i,k]^2}{(\sum_{p=1}^3 U[i,p])^2}",
     "under the prose's 'If k = y_i': dO_2[i,k]/dS[i,k] = U_k / sum U - U_k^2 / (sum U)^2 = O_2[i,k](1 - O_2[i,k]) (both members of the display); holds"),
    ("eq122_mid", r"= U[i,y_i] \times \frac{-1}{\sum_{p=1}^3 U[i,p]^2} \times U[i,k]",
     "under 'If k != y_i': dO_2[i,y_i]/dS[i,k] = -U[i,y_i] U[i,k] / (sum_p U[i,p])^2; the row's denominator \\sum_{p=1}^3 U[i,p]^2 is the sum of the squares, not the square of the sum; refuted (every draw, every k != y_i)"),
    ("eq122_end", r"= -O_2[i,y_i] \times O_2[i,k] \tag{1.2.2}",
     "the display's last member: dO_2[i,y_i]/dS[i,k] = -O_2[i,y_i] O_2[i,k] for k != y_i; holds"),
    ("eq13", r"\frac{\partial L_i}{\partial S[i,k]} =  \tag{1.3}",
     "dL_i/dS[i,k] = O_2[i,k] - 1 if k = y_i, O_2[i,k] otherwise (the cases' conditions written unbraced inside \\text{...}); holds"),
    ("dLi_dW2", r"(O_2[i,n] - 1) \times O_1[i,m]",
     "dL_i/dW_2[m,n] = (O_2[i,n] - 1) O_1[i,m] if y_i = n, O_2[i,n] O_1[i,m] otherwise (W_2 with the hidden outputs as rows, S = O_1W_2); holds (every m, n, i)"),
]
TW_DIRS = [
    ("## The Forward Pass", "<!-- symbp: layer=fc in=10 out=3 batch=5 weight=rows index_base=1 names: O_1=input W_2=kernel b_2=bias S=output O_2=activation L=loss -->"),
]
TW_EXCL = [
    (r"x_{1,1} & \ldots & \ x_{1,4}\\", "the input matrix (definition)"),
    (r"$$\mathrm{Z_1[i,j] = \sum_{p=1}^4 {(X[i,p] \times W_1[p,j])} + b_1[j]}$$", "forward definition (hidden layer)"),
    (r"$$\mathrm{O_1[i,j] = f(Z_1[i,j])}$$", "forward definition (activation)"),
    (r"\mathrm{Z_1 = XW_1 + b_1}", "forward definition (matrix form)"),
    (r"\mathrm{O_1 = f(Z_1)}", "forward definition (matrix form)"),
    (r"w_{1,1} & \ldots & \ w_{1,10}\\", "the weight matrix W_1 (definition)"),
    (r"b_{1}, & \ldots, & \ b_{10}\\", "the bias b_1 (definition)"),
    (r"$$\mathrm{S[i,k] = \sum_{p=1}^{10} {(O_1[i,p] \times W_2[p,k])} + b_2[k]}$$", "forward definition (scores)"),
    (r"\mathrm{S = O_1W_2 + b_2}", "forward definition (matrix form)"),
    (r"$$\mathrm{U[i,k] = e^{S[i,k]}}$$", "forward definition (un-normalised probability)"),
    (r"$$\mathrm{O_2[i,k] = \frac{U[i,k]}{\sum_{p=1}^3 U[i,p]}}$$", "forward definition (softmax)"),
    (r"$$L_i = -\log O_2[i, y_i]$$", "forward definition (loss of one example)"),
    (r"$$L = \sum_{i=0}^5 L_i$$", "forward definition (total loss; its sum runs i = 0..5, six terms for five examples)"),
    (r"$$\frac{dL}{dW_2[m,n]} = \sum_{i=1}^5 \frac{dL_i}{dW_2[m,n]}$$", "dL/dW_2 as the sum of the examples' gradients over i = 1..5, while the loss was defined as a sum over i = 0..5 (an L_0 the post never defines); not settled"),
    (r"\tag{Gradient Equation}", "the chain rule dL_i/dW_2[m,n] = sum_k dL_i/dS[i,k] dS[i,k]/dW_2[m,n] with underbraces (holds); left out for the cap"),
    (r"$$1$$, $$1.1$$, $$1.2.1$$ and $$1.2.2$$", "equation numbers written as math inside a sentence (no equation)"),
    (r"\frac{dS[i,k]}{dW_2[m,n]} = ", "dS[i,k]/dW_2[m,n] = O_1[i,m] if k = n, 0 otherwise (holds); left out for the cap"),
]

TABLE = {
    "darkknightzh_conv_backprop_zh.md": ("dk", DK, DK_DIRS, DK_EXCL),
    "zaffnet_batchnorm_en.md": ("zf", ZF, ZF_DIRS, ZF_EXCL),
    "ricojia_cnn_basics_en.md": ("rj", RJ, RJ_DIRS, RJ_EXCL),
    "talwar_softmax_backprop_en.md": ("tw", TW, TW_DIRS, TW_EXCL),
}
