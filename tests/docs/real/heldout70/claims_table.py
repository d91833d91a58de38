"""The seventieth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout70.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- usmanr149_conv_stride_en
USM = [
    ("db", r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial V}\frac{\partial V}{\partial b}",
     "the page's example: 5 x 5 input x, 3 x 3 filter w, padding P = 1, stride S = 2, V_{m,n} = sum_{i,j} w_{i,j} x_{2m+i-1, 2n+j-1} + b (zero outside the image), V 3 x 3, L any loss of V with upstream G = dL/dV; '.' between dL/dV and a 3 x 3 matrix read as the entrywise (Frobenius) sum of products, dL/dV dV/db the chain-rule contraction: every member equals dL/db = sum_{i,j} G_{i,j}; holds (drawn x, w, b, G, several draws)"),
    ("dx10", r"\frac{\partial L}{\partial x_{1,0}} = \frac{\partial L}{\partial V}\frac{\partial V}{\partial x_{1,0} }",
     "same example: x_{1,0} enters V_{0,0} (times w_{2,1}) and V_{1,0} (times w_{0,1}), so dL/dx_{1,0} = G_{0,0} w_{2,1} + G_{1,0} w_{0,1} and dV/dx_{1,0} = [[w_{2,1},0,0],[w_{0,1},0,0],[0,0,0]]; the written matrix keeps only w_{0,1} (its member is G_{1,0} w_{0,1}) and the last member is G_{0,0} w_{0,1}; both differ from dL/dx_{1,0}; refuted"),
    ("dx11", r"\frac{\partial L}{\partial x_{1,1}} = \frac{\partial L}{\partial V}\frac{\partial V}{\partial x_{1,0} }",
     "same example: dL/dx_{1,1} = G_{0,0} w_{2,2} + G_{0,1} w_{2,0} + G_{1,0} w_{0,2} + G_{1,1} w_{0,0}; the matrix member is right, but the second member writes dL/dV dV/dx_{1,0} (that is dL/dx_{1,0}) and the sum's second term is G_{0,1} w_{2,2} instead of G_{0,1} w_{2,0}; a chain with false members; refuted"),
    ("dx_general", r"\sum_{w1=0}^{2} \sum_{w2=0}^{2}\sum_{k=\text{max}(0, w1*S - P)}",
     "the 'general solution' for dL/dx_{i,j} at the page's sizes (W = 5, f = 3, P = 1, S = 2): the sums over k and l run over ranges (bounds included) but the summand never uses k or l, so each term G_{w1,w2} w_{i+P-2 w1, j+P-2 w2} is counted (number of k) x (number of l) times, 9, 12 or 16; with w read as 0 outside 0..2 (the page does not say) the row differs from dL/dx_{i,j} = sum_{w1,w2} G_{w1,w2} w_{i+1-2 w1, j+1-2 w2} for every entry where that is nonzero; refuted (the author's code loops over i and j where the display writes k and l)"),
    ("dw00", r"\frac{\partial L}{\partial w_{0,0}} = \frac{\partial L}{\partial V}\frac{\partial V}{\partial w_{0,0} }",
     "same example: w_{0,0} multiplies x_{2m-1, 2n-1}, nonzero for m, n in {1, 2}: dL/dw_{0,0} = G_{1,1} x_{1,1} + G_{1,2} x_{1,3} + G_{2,1} x_{3,1} + G_{2,2} x_{3,3}, and dV/dw_{0,0} is the written matrix; every member holds"),
    ("dw10", r"\frac{\partial L}{\partial w_{1,0}} = \frac{\partial L}{\partial V}\frac{\partial V}{\partial w_{1,0} }",
     "same example: w_{1,0} multiplies x_{2m, 2n-1} (n = 1, 2): dL/dw_{1,0} = G_{0,1} x_{0,1} + G_{0,2} x_{0,3} + G_{1,1} x_{2,1} + G_{1,2} x_{2,3} + G_{2,1} x_{4,1} + G_{2,2} x_{4,3} (the page's own V matrix has x_{0,1} w_{1,0} in V_{0,1}); the written matrix [[0, x_{1,0}, 0], [x_{2,1}, x_{1,1}, x_{2,3}], [0, x_{4,1}, x_{4,3}]] and the six-term sum (G_{0,1} x_{1,0}, G_{1,0} x_{2,1}, G_{1,1} x_{1,1}, ...) are not it; refuted"),
    ("dw_general", r"\sum_{w1=0}^{2} \sum_{w2=0}^{2} w_{w1, w2} x_{S*w1 + i, S*w2 + j}",
     "the 'general solution' for dL/dw_{i,j}: it multiplies by the filter entries w_{w1,w2} where the upstream G_{w1,w2} belongs, and reads x_{S w1 + i, S w2 + j} without the padding offset -P; dL/dw_{i,j} = sum_{w1,w2} G_{w1,w2} x_{2 w1 + i - 1, 2 w2 + j - 1} (zero outside the image); refuted (every entry, drawn values; also checked with G in place of w, still off by the padding shift)"),
]
USM_DIRS = [
    ("### Forward Pass", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 conv=cross index_base=0 names: x=input w=kernel V=output b=bias L=loss -->"),
]
USM_EXCL = [
    (r"x_{i,j,c} \in \mathbb{R}^{H \times W \times 3}", "notation for the input's entries"),
    (r"C = \frac{W - f +2P}{S} + 1", "output size, not a gradient"),
    (r"V_{m,n} = \begin{cases} \label{eqn:convolve}", "forward definition (cross-correlation with zero padding P and stride S)"),
    (r"\frac{\partial L}{\partial V}\frac{\partial V}{\partial b} \nonumber \\", "the list of the three products to evaluate; no equation"),
    (r"x_{ 0, 0 } w_{ 1,1 }+x_{ 0, 1 } w_{ 1,2 }", "the worked forward: V of the 5 x 5 / 3 x 3 / P = 1 / S = 2 example written out (a forward, not a gradient)"),
    (r"\frac{\partial L}{\partial x_{0,0}} &= \frac{\partial L}{\partial V}\frac{\partial V}{\partial x_{0,0} }", "dL/dx_{0,0} = G_{0,0} w_{1,1} (holds: x_{0,0} enters only V_{0,0}); left out for the 30% cap"),
]

# ---------------------------------------------------------------- fortileizhang_batchnorm_zh
FOR = [
    ("dgamma_sum", r"\frac{\partial \mathrm{L}}{\partial \gamma_q} = \sum_{i=1}^{N} \frac{\partial \mathrm{L}}{\partial y_{iq}} \cdot \frac{\partial y_{iq}}{\partial \gamma_q} = \sum_{i=1}^{N}x_{iq} \cdot \mathrm{d} y_{iq}",
     "read under the subsection's own forward, the matrix display y = [gamma_1 ... gamma_D] . x expanded as y_{ij} = gamma_j x_{ij} (x there standing for the normalized input, beta dropped; the author's dgamma listing uses xhat), d y_{iq} = dL/dy_{iq}: dL/dgamma_q = sum_i dL/dy_{iq} x_{iq}, both members; holds (N = 3, 4, 6 samples, D = 2, 3, 5 features, drawn values; the expansion row's slip y_{22} = gamma_1 x_{22} is a forward row and not used)"),
    ("dcenter", r"\frac{\partial}{\partial x_{ij}} \left( x_{nd} - \mu_d \right) = \delta_{n, i} \cdot \delta_{d, j} - \frac{1}{N} \delta_{d, j}",
     "mu_d = (1/N) sum_n x_{nd}: d(x_{nd} - mu_d)/dx_{ij} = delta_{ni} delta_{dj} - delta_{dj}/N for every n, d, i, j; holds (autograd Jacobian)"),
    ("dvar", r"\frac{\partial \sigma_d^2}{\partial x_{ij}} = \frac{2}{N} \left( x_{id} - \mu_d \right) \cdot \delta_{d, j}",
     "sigma_d^2 = (1/N) sum_n (x_{nd} - mu_d)^2 (mu_d depending on x): d sigma_d^2 / d x_{ij} = (2/N)(x_{id} - mu_d) delta_{dj} (the mean's own term vanishes since the deviations sum to 0); holds"),
    ("dxhat_final", r"= \left( \sigma_d^2 + \epsilon \right)^{-\frac{1}{2}} \cdot \left( \delta_{n, i} \cdot \delta_{d, j} - \frac{1}{N} \delta_{d, j} \right) - \frac{1}{N} \left( \sigma_d^2 + \epsilon \right)^{-\frac{3}{2}}",
     "the chain for d xhat_{nd} / d x_{ij} (xhat_{nd} = (x_{nd} - mu_d)/sqrt(sigma_d^2 + epsilon)): the product-rule member with d(x_{nd} - mu_d)/dx_{ij} and d sigma_d^2/dx_{ij} evaluated by autograd, and the explicit member (sigma_d^2+eps)^{-1/2}(delta_{ni} delta_{dj} - delta_{dj}/N) - (1/N)(sigma_d^2+eps)^{-3/2}(x_{nd} - mu_d)(x_{id} - mu_d) delta_{dj}, both equal the autograd Jacobian for every n, d, i, j; holds (epsilon = 1e-5 and 0.3)"),
    ("dx_final", r"\frac{\partial L}{\partial x} = \frac{\gamma}{N} \left( \sigma^2 + \epsilon \right)^{-\frac{1}{2}}",
     "matrix form over the (N, D) batch, gamma, sigma^2, mu of shape (D,) broadcast over the rows, sum_n over the samples, (x - mu) times the (D,) row of sums entrywise: (gamma/N)(sigma^2+eps)^{-1/2}(N dL/dy - sum_n dL/dy_n - (sigma^2+eps)^{-1}(x - mu) sum_n dL/dy_n (x_n - mu)) equals dL/dx for a drawn non-linear loss of y; holds"),
]
FOR_DIRS = [
    ("# Batch Normalization\n", "<!-- symbp: layer=batchnorm batch=N features=D names: x=input y=output \\hat{x}=normalized \\mu_j=mean \\sigma_{j}^{2}=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("#### $\\mathrm{d} \\gamma$", "<!-- symbp: layer=batchnorm batch=N features=D names: x=normalized y=output \\gamma=scale L=loss -->"),
    ("#### $\\mathrm{d} x$：第二种方法", "<!-- symbp: layer=batchnorm batch=N features=D names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\mu_d=mean \\sigma_d^2=variance \\gamma=scale \\gamma_d=scale \\beta=shift L=loss -->"),
]
FOR_EXCL = [
    (r"\mu_j &= \frac{1}{N} \sum_{i = 1}^{N} x_{i,j} \newline", "forward definition (batch mean and variance)"),
    (r"\hat{x} = \frac{x - \mu_j}{\sqrt{\sigma_j^2 + \epsilon}}", "forward definition"),
    (r"y = \gamma \cdot \hat{x} + \beta", "forward definition (twice on the page)"),
    (r"\gamma_1& \gamma_2& ... & \gamma_D", "forward written as matrices (y = gamma . x, beta dropped)"),
    (r"y_{21} = \gamma_1 \cdot x_{21}, \quad \quad", "forward expansion (its y_{22} = gamma_1 x_{22} is a slip for gamma_2)"),
    (r"\frac{\partial \mathrm{L}}{\partial \gamma_q} = \frac{\partial \mathrm{L}}{\partial y} \cdot", "chain rule for dL/dgamma_q over all y_{ij} (holds); left out for the 30% cap"),
    (r"\frac{\partial y_{ij}}{\partial \gamma_q} = x_{iq}", "local derivative, stated for j = q in the sentence before (holds under y_{iq} = gamma_q x_{iq}); left out for the cap"),
    (r"y = &\ [y_1,  y_2, ... , y_D] \newline \newline", "shapes of the column-mean example"),
    (r"y_1 &= \frac{1}{N} \left( x_{11} + x_{21} + ... + x_{N1}\right) \newline", "forward of the column mean (y reused for the mean)"),
    (r"\mathrm{d} x_{11} = \frac{\partial \mathrm{L}}{\partial y} \cdot \frac{\partial y}{\partial x_{11}}", "gradient of a loss of the column means y_j = (1/N) sum_n x_{nj} at x_{11}: dy_1 / N (holds); left out for the cap (and its section's y is not the layer's output)"),
    (r"\mathrm{d} x &= \frac{1}{N} \cdot \begin{bmatrix}", "its matrix form: the first member (every row dy_1 ... dy_D, over N) holds, the second writes dy . ones_{N x D}, a (1 x D) row times an (N x D) matrix, which is no matrix product unless read as numpy broadcasting; not settled"),
    (r"x \rightarrow \hat{x} \rightarrow y \rightarrow L", "computation graph; no equation"),
    (r"\mathrm{d} out &= \frac{\partial L}{\partial y} \newline", "definitions (dout and the forward)"),
    (r"\frac{\partial L}{\partial x_{ij}} &= \sum_{n,d} \frac{\partial L}{\partial y_{nd}} \cdot \frac{\partial y_{nd}}{\partial x_{ij}} \newline", "chain rule through xhat_{nd} (holds: y_{nd} depends on x only through xhat_{nd}); left out for the cap"),
    (r"y_{nd} &= \gamma_d \cdot \hat{x_{nd}} + \beta_d \newline", "forward in entries, with the local derivative dy_{nd}/dxhat_{nd} = gamma_d (holds) as its last row"),
    (r"\frac{\partial \hat{x_{nd}}}{\partial x_{ij}} &= \frac{\partial}{\partial x_{ij}} \left( \frac{x_{nd} - \mu_d}{\sqrt{\sigma_d^2 + \epsilon}}\right) \newline", "product rule for d xhat_{nd}/d x_{ij} (holds); left out for the cap (its result is the scored dxhat_final row)"),
    (r"\frac{\partial}{\partial x_{ij}} \left( x_{nd} - \mu_d \right) &= \frac{\partial}{\partial x_{ij}} \left( x_{nd} - \frac{1}{N} \sum_{t=1}^{N} x_{td} \right) \newline", "chain leading to the scored dcenter row (holds); left out for the cap"),
    (r"\frac{\partial \sigma_d^2}{\partial x_{ij}} &= \frac{\partial}{\partial x_{ij}} \left( \frac{1}{N} \sum_{n=1}^{N} \left(x_{nd} - \mu_d \right)^2 \right) \newline", "chain leading to the scored dvar row (holds, every member); left out for the cap"),
    (r"\sum_{n=1}^{N} \left( x_{nd} - \mu_d \right) \cdot \delta_{n, i} \cdot \delta_{d, j} = \left( x_{id} - \mu_d \right) \cdot \delta_{d, j}", "a sum identity with Kronecker deltas, not a gradient"),
    (r"\sum_{n=1}^{N} \left( x_{nd} - \mu_d \right) = \sum_{n=1}^{N} x_{nd} - N \cdot \mu_d", "identity (the deviations sum to 0), not a gradient"),
    (r"\frac{\partial L}{\partial x_{ij}} &= \sum_{n,d} \frac{\partial L}{\partial y_{nd}} \cdot \gamma_d \cdot", "dL/dx_{ij} split into two sums (holds, both members); left out for the cap"),
    (r"& \quad \sum_{n,d} \gamma_d \cdot", "the first term's chain (holds); left out for the cap"),
    (r"&\quad -\frac{1}{N} \sum_{n,d} \gamma_d \cdot", "the second term's chain (holds); left out for the cap"),
]

# ---------------------------------------------------------------- mathscode_ng_backprop_zh
MAT = [
    ("dL_dyhat", r"\frac{dL}{d\hat y} = -\frac{y}{\hat y} + \frac{1-y}{1-\hat y} \tag{2.1.5.6}",
     "L = -(y log yhat + (1-y) log(1-yhat)), natural log (the note says so): dL/dyhat = -y/yhat + (1-y)/(1-yhat); holds (yhat in (0, 1), y in {0, 1} and drawn in [0, 1])"),
    ("dyhat_dz", r"\frac{d\hat y}{dz} = \frac{e^{-z}}{1+e^{-z}}",
     "yhat = sigma(z) = 1/(1 + e^{-z}) (the note's (2.1.5.1), (2.1.5.3)): d yhat/dz = e^{-z}/(1+e^{-z})^2 = yhat(1 - yhat); the written e^{-z}/(1+e^{-z}) is 1 - yhat, the square of the denominator missing; refuted (every drawn z)"),
    ("dL_dz_chain", r"\frac{dL}{dz} = (-\frac{y}{\hat y} + \frac{1-y}{1-\hat y})*\frac{e^{-z}}{1+e^{-z}}",
     "the (2.1.5.7) chain: its last member yhat - y is dL/dz, but its first two members (built on the wrong dyhat/dz) equal (yhat - y)/yhat, which differs from yhat - y whenever yhat != y (0 < yhat < 1); a chain with false members; refuted"),
    ("dw_vec", r"dw =\frac{1}{m}XdZ^T \tag{2.2.2.11}",
     "X = [x^{(1)} ... x^{(m)}] (n_x x m, examples as columns), dZ = A - Y the 1 x m row of the examples' own dL/dz^{(i)}, dw the gradient of the cost J = (1/m) sum_i L^{(i)} (the note's (2.2.2.3): the average of the examples' dw^{(i)}): (1/m) X dZ^T = dJ/dw (n_x x 1); holds (n_x = 2, 3, 5; m = 3, 4, 6)"),
    ("dZ_chain_j", r"\frac{ \partial FinalOutput}{\partial Z^{[i]}_{(p,l)}} = \frac{ \partial FinalOutput}{\partial Z^{[i+1]}_{(j,l)}}*\frac{ \partial  Z^{[i+1]}_{(j,l)}}{\partial Z^{[i]}_{(p,l)}}",
     "(3.5.2.5): Z^{[i+1]} = W^{[i+1]} g(Z^{[i]}) + b^{[i+1]} with n^{[i+1]} nodes, FinalOutput a loss of Z^{[i+1]}: Z^{[i]}_{(p,l)} reaches every node j of layer i+1, so dL/dZ^{[i]}_{(p,l)} = sum_j dZ^{[i+1]}_{(j,l)} (w^{[i+1]}_j)_p g'(Z^{[i]}_{(p,l)}); every right-hand member is the single term of one j (no sum over j), so the chain fails for n^{[i+1]} >= 2 (for each fixed j); refuted (n^{[i+1]} = 2, 3, 4; g the sigmoid and tanh)"),
    ("dZ_hidden", r"dZ^{[i]} = (W^{[i+1]})^TdZ^{[i+1]}*[g^{[i]}(Z^{[i]})]^{'} \tag{3.5.2.11}",
     "examples as columns, dZ^{[i+1]} the matrix of the examples' own dL/dZ^{[i+1]}, * entrywise (the note: 点乘, elementwise), [g(Z)]' read as g'(Z): dZ^{[i]} = (W^{[i+1]})^T dZ^{[i+1]} * g'(Z^{[i]}); holds (g the sigmoid and tanh, several sizes)"),
]
MAT_DIRS = [
    ("### 5. Logistic Regression Derivatives 求逻辑回归的导数", "<!-- symbp: layer=fc in=3 out=1 weight=in-out names: x=input w=kernel b=bias z=output \\hat{y}=activation \\hat y=activation y=target L=loss -->"),
    ("### 2. Vectorizing Logistic Regression's Gradient Output", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=in-out names: X=input w=kernel b=bias Z=output A=activation Y=target L=loss -->"),
    ("### 5. 神经网络的梯度下降法(back propagation)", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: A^{[i-1]}=input W^{[i]}=kernel b^{[i]}=bias Z^{[i]}=output A^{[i]}=activation Y=target L=loss -->"),
]
MAT_EXCL = [
    (r"\sigma(z) = \frac{1}{1+e^{-z}} \tag{2.1.5.1}", "forward definition (the logistic sigmoid)"),
    (r"z = w^Tx+b \tag{2.1.5.2}", "forward definition"),
    (r"\hat{y} = \sigma(z)\tag{2.1.5.3}", "forward definition"),
    (r"L(\hat{y},y) = -(ylog(\hat{y})+(1-y)log(1-\hat{y}))\tag{2.1.5.4}", "forward definition (loss; restated later as (2.1.3.2))"),
    (r"J(w,b) = \frac{1}{m} \sum_{i=1}^{m} L(\hat{y}^{(i)},y^{(i)})\tag{2.1.5.5}", "forward definition (cost; restated later as (2.1.3.3))"),
    (r"\frac{d(log_ax)}{dx} = \lim_{\Delta{x} \to 0}", "calculus (derivative of log_a x = 1/(x ln a)), not a network gradient"),
    (r"\frac{dL}{dz} = \frac{dL}{d\hat y}\frac{d\hat y}{dz}\\", "the first row of the display whose second row is the scored dyhat_dz: the chain rule dL/dz = dL/dyhat dyhat/dz (holds); not scored separately"),
    (r"\frac{\partial L}{\partial w_i} = x_i*\frac{dL}{dz}\tag{2.1.5.8}", "dL/dw_i = x_i dL/dz (holds); left out for the 30% cap"),
    (r"\frac{dL}{db} = \frac{dL}{dz}\tag{2.1.5.9}", "dL/db = dL/dz (holds); left out for the cap"),
    (r"dz^{(1)} = a^{(1)} - y^{(1)}\\\\", "each example's dz^{(i)} = a^{(i)} - y^{(i)} (holds); left out for the cap"),
    (r"dZ = [dz^{(1)},dz^{(2)},.....dz^{(m)}]\\\\", "stacking definitions of dZ, A, Y"),
    (r"dZ = A-Y \tag{2.2.2.1}", "dZ = A - Y (holds, the examples' own dz); left out for the cap; repeated twice in the network section"),
    (r"dw^{(i)} = [\frac{\partial L}{\partial w_1},", "definition of one example's gradient vector"),
    (r"dw =\frac{1}{m} \sum_{i = 1}^{m} dw^{(i)}\tag{2.2.2.3}", "dw the average of the examples' gradients (the gradient of J; holds as a definition of dJ/dw); not scored"),
    (r"dw_i =\frac{1}{m} \sum_{j=1}^{m} dw_i^{(j)} \tag{2.2.2.4}", "entry form of (2.2.2.3) (holds); left out for the cap"),
    (r"dw_i^{(j)} =x_i^{(j)}*dz^{(j)}\tag{2.2.2.5}", "one example's dL/dw_i = x_i dz (holds); left out for the cap"),
    (r"x_i = [x_i^{(1)},x_i^{(2)},x_i^{(3)},.....,x_i^{(m)}]\tag{2.2.2.6}", "definition (row of component i across the examples); repeated in 5.1"),
    (r"dz = [dz^{(1)},dz^{(2)},dz^{(3)},......dz^{(m)}]^T\tag{2.2.2.7}", "definition (column of the examples' dz); repeated in 5.1"),
    (r"dw_i =\frac{1}{m} x_idz\tag{2.2.2.8}", "dJ/dw_i as a row times a column (holds); left out for the cap; repeated in 5.1"),
    (r"dw = [dw_1;dw2;dw3;......dw_{n_x}]\tag{2.2.2.9}", "stacking definition"),
    (r"x = [x_1;x_2;x_3;......x_m] \tag{2.2.2.10}", "stacking definition (the rows x_i; its last index m is a slip for n_x)"),
    (r"dw = \frac{1}{m}xdz", "intermediate form of the scored (2.2.2.11) (holds); not scored separately"),
    (r"dz = dZ^T\\", "identities between the note's names (dz = dZ^T, x = X)"),
    (r"db = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)}\tag{2.2.2.12}", "dJ/db = (1/m) sum of the examples' dz (holds); left out for the cap; repeated twice"),
    (r"Z^{[i]} = W^{[i]}A^{[i-1]}+b^{[i]} \tag{3.3.3}", "forward definition (restated from Week3 section 3)"),
    (r"A^{[i]} = \sigma(Z^{[i]})\tag{3.3.4}", "forward definition"),
    (r"A^{[0]} = X \tag{3.3.5}", "forward definition"),
    (r"len(a^{[i]}) = n^{[i]} \tag{3.5.0.1}", "notation (layer sizes)"),
    (r"n^{[0]} = n_x", "notation"),
    (r"L(\hat{y},y) = -(ylog(\hat{y})+(1-y)log(1-\hat{y}))\tag{2.1.3.2}", "loss restated"),
    (r"J(w,b) = \frac{1}{m} \sum_{i=1}^{m} L(\hat{y}^{(i)},y^{(i)})\tag{2.1.3.3}", "cost restated"),
    (r"dZ^{[k]} = A^{[k]}-Y \tag{3.5.1.2}", "last layer (one sigmoid unit, cross-entropy): dZ^{[k]} = A^{[k]} - Y (holds); left out for the cap; repeated in the summaries"),
    (r"dw^{[k]} =\frac{1}{m}A^{[k-1]}(dZ^{[k]})^T \tag{3.5.1.3}", "the candidate the author writes by analogy and then rejects himself (it is the transpose of the gradient of the 1 x n^{[k-1]} weight row; (3.5.1.5) replaces it); not scored"),
    (r"W^{[k]} = W^{[k]}-\alpha dw \tag{3.5.1.4}", "update rule (twice)"),
    (r"dw^{[k]} =\frac{1}{m}dZ^{[k]}(A^{[k-1]})^T \tag{3.5.1.5}", "dJ/dW^{[k]} = (1/m) dZ^{[k]} A^{[k-1]T} (holds); left out for the cap; repeated in the summaries"),
    (r"db^{[k]}= \frac{1}{m}\sum_{i=1}^{m} dZ^{[k]}_i\tag{3.5.1.6}", "dJ/db^{[k]}, dZ^{[k]}_i read as column i (holds); left out for the cap; repeated"),
    (r"b^{[k]} = b^{[k]}-\alpha db^{[k]} \tag{3.5.1.7}", "update rule"),
    (r"Z^{[i+1]} = W^{[i+1]}A^{[i]}+b^{[i+1]}\\\\", "forward of layer i+1 (definition)"),
    (r"dZ^{[i]}= \frac{dFinalOutput}{dZ^{[i]}}\\\\", "a schematic chain of matrices that the note itself calls loose notation ('the derivative cannot be written this way'); not scored"),
    (r"Z^{[i+1]}_{(j,l)} = (w^{[i+1]}_j)^TA^{[i]}_{(:,l)}+b^{[i+1]}_j \\", "forward in entries (definition)"),
    (r"\frac{\partial Z^{[i+1]}_{(j,l)}}{\partial Z^{[i]}_{(p,l)}} = (w^{[i+1]}_j)_p*[g^{[i]}(Z^{[i]}_{(p,l)})]^{'} \tag{3.5.2.4}", "local derivative (w_j)_p g'(Z_{(p,l)}) (holds); left out for the cap"),
    (r"\frac{\partial FinalOutput}{\partial Z^{[i]}_{(:,l)}} = [\frac{\partial FinalOutput}{\partial Z^{[i]}_{(1,l)}}", "stacking definition of the column"),
    (r"\frac{\partial FinalOutput}{\partial Z^{[i]}_{(:,l)}} =dZ^{[i+1]}_{(j,l)}* w^{[i+1]}_j*[g^{[i]}(Z^{[i]}_{(:,l)})]^{'}  \tag{3.5.2.7}", "the column form of (3.5.2.5), with the same missing sum over j (refuted for n^{[i+1]} >= 2); left out for the cap"),
    (r"\frac{\partial FinalOutput}{\partial Z^{[i]}_{(:,l)}} =[\frac{\partial FinalOutput}{\part Z^{[i]}_{(:,l)}}", "a row of n^{[i+1]} copies of the same left side, meant as the columns of (3.5.2.4) for each j; no definite reading"),
    (r"\frac{\part FinalOutput}{\part Z^{[i]}_{(:,l)}} = (W^{[i+1]})^TdZ^{[i+1]}_{(:,l)}*[g^{[i]}(Z^{[i]}_{(:,l)})]^{'} \tag{3.5.2.9}", "one example's column of the scored (3.5.2.11) (holds); left out for the cap"),
    (r"\frac{\part FinalOutput}{\part Z^{[i]}} = (W^{[i+1]})^TdZ^{[i+1]}*[g^{[i]}(Z^{[i]})]^{'} \tag{3.5.2.10}", "the same formula as the scored (3.5.2.11) with the left side written as a derivative (holds); not scored twice"),
    (r"dw^{[i]} =\frac{1}{m}dZ^{[i]}(A^{[i-1]})^T \tag{3.5.2.12}", "dJ/dW^{[i]} (holds); left out for the cap; repeated in 5.3"),
    (r"db^{[i]}= \frac{1}{m}\sum_{i=1}^{m} dZ^{[i]}_i\tag{3.5.2.13}", "the summation index i is also the layer label [i], so as written the sum runs over layers too; meant as (3.5.1.6) for layer i; no definite reading; repeated in 5.3"),
    (r"dA^{[i]} = (W^{[i+1]})^TdZ^{[i+1]} \tag{3.5.2.12}", "dL/dA^{[i]} = (W^{[i+1]})^T dZ^{[i+1]} (holds); left out for the cap"),
]

# ---------------------------------------------------------------- implementbn_graph_en
IMP = [
    ("dxhat", r"\frac{\partial l}{\partial \hat{X}} =",
     "numbered row 2: y = xhat * gamma + beta (gamma of shape (D,) broadcast over the N rows, * entrywise): dl/dxhat = dl/dy * gamma entrywise, every member; holds (N = 3, 4, 6; D = 2, 3, 5; drawn non-linear loss of y)"),
    ("dvar", r"\frac{\partial l}{\partial \sigma} * \frac{\partial \sigma}{\partial \sigma^2} = \frac{\partial l}{\partial \sigma} * \frac{1}{2\sigma}",
     "row 5, with sigma the standard deviation std = sqrt(var + eps) and sigma^2 the variance var (the code's names; the rows use sigma for std throughout): d std / d var = 1/(2 std), so dl/dvar = dl/dstd / (2 std), (D,) vectors; holds (also if sigma^2 is read as std^2 itself)"),
    ("dxcorr", r"= \frac{\partial l}{\partial \hat{X}} * \frac{1}{\sigma} +",
     "row 7: xcorrected = X - mu as a node of the graph (mu held), reaching l through xhat = xcorrected * istd and through xsquarred = xcorrected^2 -> var -> std -> istd; dl/dxcorrected = dl/dxhat * (1/std) + dl/dxsquarred * 2 * xcorrected with dl/dxsquarred = dl/dvar / N broadcast (row 6), every member; holds"),
    ("dX", r"\frac{\partial l}{\partial X} =",
     "row 9: X reaches l through xcorrected = X - mu and through mu = mean over the rows: dl/dX = dl/dxcorrected * 1 + dl/dmu * (1/N), with dl/dmu the (D,) gradient of the mu node broadcast over the rows; every member equals autograd's dl/dX; holds"),
]
IMP_DIRS = [
    ("# Batch Normalization\n", "<!-- symbp: layer=batchnorm batch=N features=D names: X=input y=output \\hat{X}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift l=loss -->"),
]
IMP_EXCL = [
    (r"\hat{X} = \frac{X - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}\ ,", "forward definition"),
    (r"$$ y = \gamma \hat{X} + \beta $$", "forward definition"),
    (r"\frac{\partial l}{\partial \beta} = \frac{\partial l}{\partial y} * \frac{\partial y}{\partial \beta} $$", "chain for beta, which the page next says has the wrong shape (beta is (D,), dl/dy is (N, D)) and fixes by summing the rows; not settled as written"),
    (r"\frac{\partial y}{\partial \beta} = \frac{\partial (\hat{X} * \gamma + \beta)}{\partial \beta} = 1", "local derivative of each output entry in its column's beta (1; holds); not a loss gradient, left out"),
    (r"\frac{\partial l}{\partial \beta} = \frac{\partial l}{\partial y} * 1 = \frac{\partial l}{\partial y} $$", "dl/dbeta = dl/dy, which the page itself says cannot be right as shapes go and replaces by the row sum; not scored"),
    (r"1. $$ \frac{\partial l}{\partial \gamma} =", "row 1, dl/dgamma = dl/dy * xhat with no sum over the batch: an (N, D) array for a (D,) gradient; the page says for beta only that such products are summed over the rows; per-sample or summed is not settled"),
    (r"3. $$ \frac{\partial l}{\partial istd} =", "row 3, the same missing sum over the batch ((N, D) for the (D,) istd); not settled"),
    (r"4. $$ \frac{\partial l}{\partial \sigma} =", "row 4, dl/dstd = dl/distd * (-1/std^2) ((D,) vectors; holds); left out for the cap"),
    (r"6. $$ \frac{\partial l}{\partial xsquarred} =", "row 6, dl/dxsquarred = dl/dvar * 1/N broadcast (holds); left out for the cap"),
    (r"8. $$ \frac{\partial l}{\partial \mu} =", "row 8, dl/dmu = dl/dxcorrected * -1 with no sum over the batch ((N, D) for the (D,) mu); not settled"),
    (r"\mu = \frac{1}{B} \sum_i^B \mu_i", "test-time statistic, not a gradient"),
    (r"\sigma^2 = \frac{1}{B - 1} \sum_i^B \sigma^2_i", "test-time statistic"),
    (r"\mu = m * \mu + (1 - m) * \mu_i", "moving average (update rule)"),
    (r"\sigma^2 = m * \sigma^2 + (1 - m) * \sigma^2_i", "moving average (update rule)"),
]

# ---------------------------------------------------------------- largekind_activation_ja
LGK = [
    ("sigmoid_d", r"{\cfrac{\partial y}{\partial x} = y(1 - y)",
     "y = 1/(1 + e^{-x}) (the section's forward): dy/dx = y(1 - y); holds (drawn points)"),
    ("tanh_d", r"{\cfrac{\partial y}{\partial x} = \textrm{sech}^2 x = \cfrac{1}{\cosh^2 x}",
     "y = tanh x: dy/dx = sech^2 x = 1/cosh^2 x = 4/(e^x + e^{-x})^2 = 1 - tanh(x)^2, every member; holds (drawn points)"),
    ("softmax_d", r"\cfrac{\partial y_i}{\partial x} =",
     "y_i = e^{x_i} / sum_k e^{x_k}; the left side writes the derivative by x and the cases are split by i = k / i != k, so it is read as dy_i/dx_k: y_i - y_i^2 for i = k and -y_i y_k otherwise; holds (n = 3, 4, 6 classes, every i, k)"),
]
LGK_DIRS = [
    ("## ReLU", "<!-- symbp: layer=activation name=relu names: x=input y=output -->"),
    ("## sigmoid", "<!-- symbp: layer=activation name=sigmoid names: x=input y=output -->"),
    ("## tanh", "<!-- symbp: layer=activation name=tanh names: x=input y=output -->"),
    ("## softmax", "<!-- symbp: layer=softmax classes=3 names: x=input y=output -->"),
]
LGK_EXCL = [
    ("$$\n\n{y = \\left\\{", "forward definition (step function)"),
    (r"x & (x \gt 0) \\", "forward definition (ReLU)"),
    ("逆伝搬\n$$\n{y = \\left\\{", "ReLU backward, written with y on the left like the forward: read as dy/dx it is the usual derivative (0 taken at x = 0), as written it says y equals the step function, which contradicts the forward; no definite reading, not scored"),
    (r"{y = \cfrac{1}{1 + e^{-x}}}", "forward definition"),
    (r"{y = \tanh x = \cfrac{e^x - e^{-x}}{e^x + e^{-x}}", "forward definition"),
    (r"{y_i = \cfrac{e^{x_i}}{\displaystyle\sum_{k=1}^{n}{e^{x_k}}}", "forward definition"),
]

TABLE = {
    "usmanr149_conv_stride_en.md": ("usm", USM, USM_DIRS, USM_EXCL),
    "fortileizhang_batchnorm_zh.md": ("forti", FOR, FOR_DIRS, FOR_EXCL),
    "mathscode_ng_backprop_zh.md": ("mat", MAT, MAT_DIRS, MAT_EXCL),
    "implementbn_graph_en.md": ("imp", IMP, IMP_DIRS, IMP_EXCL),
    "largekind_activation_ja.md": ("lgk", LGK, LGK_DIRS, LGK_EXCL),
}
