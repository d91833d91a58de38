"""The seventy-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout71.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- ggnery_cnn_scratch_en
GG = [
    ("dense_dW", r"\frac{\partial E}{\partial W} = \frac{\partial E}{\partial Y} \cdot X^T",
     "dense layer Y = W X + B (X the input as a column, or a matrix whose columns are the samples, W out x in, B broadcast over the columns), E any loss of Y: dE/dW = dE/dY X^T; holds (in/out/samples 3/2/1, 4/3/5, 2/5/3, drawn non-linear loss)"),
    ("dense_dX", r"\frac{\partial E}{\partial X} = W^T \cdot \frac{\partial E}{\partial Y}",
     "same layer: dE/dX = W^T dE/dY; holds (same sizes)"),
    ("conv_dK", r"\frac{\partial E}{\partial K_{ij}} = X_j \star \frac{\partial E}{\partial Y_i}",
     "the section's forward Y_i = B_i + sum_{j=0}^{n} X_j \\star K_{ij} (i = 0..d) with \\star the valid cross-correlation (the author's code: scipy correlate2d 'valid'), B_i a full bias map: dE/dK_{ij} = X_j \\star dE/dY_i (valid cross-correlation of the input with the upstream gradient); holds (inputs 1, 2, 3 maps, outputs 2, 3, 1 maps, input 4x4 / 5x5 / 5x4, kernel 2x2 / 3x3 / 2x3, drawn non-linear loss)"),
    ("conv_dX", r"\frac{\partial E}{\partial X_j} = \sum_{i=0}^{n} \frac{\partial E}{\partial Y_i} \underset{\text{full}}{*} K_{ij}",
     "same forward, \\underset{full}{*} the full (true) convolution (the author's code: scipy convolve2d 'full'): dE/dX_j = sum over all outputs i = 0..d of dE/dY_i *full K_{ij} (checked: that sum equals autograd); the row sums i = 0..n, n + 1 being the number of inputs, so it drops outputs when d > n (and names outputs that do not exist when d < n); refuted (n + 1 = 1, 2 inputs with d + 1 = 2, 3 outputs; it holds only where d = n)"),
    ("ce_d", r"\frac{\partial \text{CE}}{\partial y_{pred}} = \frac{1}{n}\left[",
     "the section's forward CE = -sum_i [y_true log y_pred + (1 - y_true) log(1 - y_pred)], a plain sum (no 1/n), read entrywise over the n entries (y_true, y_pred in (0, 1)): dCE/dy_pred,i = (1 - y_true,i)/(1 - y_pred,i) - y_true,i/y_pred,i; the row's extra factor 1/n makes it wrong for every n >= 2 (read literally, with the summand carrying no i, CE = -n[...] and the derivative is n[...], still not (1/n)[...]); refuted (n = 2, 3, 5)"),
    ("tanh_d", r"\tanh'(x) = 1 - \tanh^2(x)",
     "tanh as the section's forward defines it: tanh'(x) = 1 - tanh^2(x); holds (drawn points)"),
]
GG_DIRS = [
    ("**Dense Layer**:", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: X=input W=kernel B=bias Y=output E=loss -->"),
    ("**Activation Layer**:", "<!-- symbp: layer=activation name=sigmoid names: X=input Y=output E=loss -->"),
    ("**Convolutional Layer**:", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 conv=true index_base=0 names: X=input K=kernel B=bias Y=output E=loss layout: X=CHW K=OIHW Y=CHW -->"),
    ("### Loss Functions", "<!-- symbp: layer=activation name=identity names: y_{pred}=input y_{true}=target \\text{MSE}=loss \\text{CE}=loss -->"),
    ("**Sigmoid**:", "<!-- symbp: layer=activation name=sigmoid names: x=input -->"),
    ("**Tanh**:", "<!-- symbp: layer=activation name=tanh names: x=input -->"),
]
GG_EXCL = [
    (r"Y = W \cdot X + B", "forward definition (dense layer)"),
    (r"\frac{\partial E}{\partial B} = \frac{\partial E}{\partial Y}", "dE/dB = dE/dY, in the dense section (one sample; holds) and again in the convolutional section (full bias maps; holds); left out for the 30% cap"),
    (r"Y = f(X)", "forward definition (activation layer)"),
    (r"\frac{\partial E}{\partial X} = \frac{\partial E}{\partial Y} \odot f'(X)", "activation backward dE/dX = dE/dY (.) f'(X) (holds for every entrywise f); left out for the cap"),
    (r"Y_i = B_i + \sum_{j=0}^{n} X_j \star K_{ij}, \quad i = 0..d", "forward definition (convolutional layer)"),
    (r"\text{MSE}(y_{true}, y_{pred}) = \frac{1}{n}\sum_{i=1}^{n}(y_{true} - y_{pred})^2", "forward definition (MSE)"),
    (r"\frac{\partial \text{MSE}}{\partial y_{pred}} = \frac{2(y_{pred} - y_{true})}{n}", "MSE derivative: the forward's summand carries no index i; read entrywise (the author's code takes the mean over the entries) it holds, read literally (a sum of n equal terms over n) the 1/n does not cancel and it fails; not settled, not scored"),
    (r"\text{CE}(y_{true}, y_{pred}) = -\sum_{i} [y_{true} \log(y_{pred}) + (1 - y_{true}) \log(1 - y_{pred})]", "forward definition (binary cross-entropy, a plain sum)"),
    (r"\sigma(x) = \frac{1}{1 + e^{-x}}", "forward definition (sigmoid)"),
    (r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "sigmoid derivative (holds); left out for the cap"),
    (r"\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}", "forward definition (tanh)"),
]

# ---------------------------------------------------------------- cnnbp_notes_zh
ZH = [
    ("dk11", r"\frac{\partial E}{\partial k_{11}}  =\frac{\partial E}{\partial a_{11}} x_{22}",
     "the section's example: X 3 x 3, K 2 x 2, P = X * K written out as a_{11} = x_{11}k_{22} + x_{12}k_{21} + x_{21}k_{12} + x_{22}k_{11}, ... (a true convolution, entries from 1), E any loss of P: k_{11} multiplies x_{22}, x_{23}, x_{32}, x_{33} in a_{11}, a_{12}, a_{21}, a_{22}, so dE/dk_{11} = dE/da_{11} x_{22} + dE/da_{12} x_{23} + dE/da_{21} x_{32} + dE/da_{22} x_{33}; holds (drawn X, K, non-linear loss; the rows for k_{12}, k_{21}, k_{22} hold too, left out for the cap)"),
    ("tmp", r"TMP = \begin{bmatrix}",
     "TMP = [[dE/dk_{22}, dE/dk_{21}], [dE/dk_{12}, dE/dk_{11}]] = X * [[dE/da_{22}, dE/da_{21}], [dE/da_{12}, dE/da_{11}]], * read as the section's own P = X * K (the true convolution of its example rows, a_{uv} = sum_{h,j} x_{u+h-1,v+j-1} K_{3-h,3-j}): the kernel flip undoes the rotated gradient matrix, so the right side is the valid cross-correlation of X with dE/dP, whose entries are the four rows above in that order; holds (it would fail with * read as cross-correlation)"),
    ("dx12", r"\frac {\partial E}{\partial x_{12}} = \frac {\partial E}{\partial a_{11}} \frac {\partial a_{11}}{\partial x_{12}}",
     "the pooling section's example: A = x * K with the same written entries a_{11} = x_{11}k_{22} + ..., net_j^{l+1} = sum_i A_i^{l+1} + b (one input map here), (\\delta_j^{l+1})_{uv} = dE/d(net)_{uv} = dE/da_{uv}: x_{12} enters a_{11} (times k_{21}) and a_{12} (times k_{22}), so every member (the chain and (\\delta)_{11} k_{21} + (\\delta)_{12} k_{22}) equals dE/dx_{12}; holds"),
    ("dx22", r"\frac {\partial E}{\partial x_{22}}  =  (\delta_{j}^{l+1})_{11} k_{11}",
     "same example: x_{22} enters all four outputs, with k_{11}, k_{12}, k_{21}, k_{22} in a_{11}, a_{12}, a_{21}, a_{22}: dE/dx_{22} = (\\delta)_{11} k_{11} + (\\delta)_{12} k_{12} + (\\delta)_{21} k_{21} + (\\delta)_{22} k_{22}; holds (the other seven entry rows hold too, left out for the cap)"),
    ("dx_pad", r"k11,k12 \\",
     "dE/dx_i^l = (the 2 x 2 delta padded with one ring of zeros, 4 x 4) * [[k11, k12], [k21, k22]] (the cells written 'k11,k12' read as two entries), * read as the section's own x * K (the true convolution of its rows a_{11} = x_{11}k_{22} + ...): the valid true convolution flips the kernel and gives (\\delta)_{11} k_{11} at x_{11}, where the entry rows just above (and autograd) give (\\delta)_{11} k_{22}; refuted (every draw; the row holds only as a cross-correlation with the unflipped kernel, i.e. under the other convention, which the example's forward rules out)"),
    ("dbeta", r"\frac {\partial E}{\partial \beta_j^l}  = \sum_u\sum_v",
     "pooling layer X_j^l = f(\\beta_j^l down(X_j^{l-1}) + b_j^l), net_j^l = \\beta_j^l down(X_j^{l-1}) + b_j^l, (\\delta_j^l)_{uv} = dE/d(net_j^l)_{uv}: net is linear in beta, so every member (the chain, sum_{uv} \\delta_{uv} down(X)_{uv}, and the sum of the entries of \\delta o down(X), o entrywise) equals dE/dbeta; holds (down = 2 x 2 mean pooling and 2 x 2 sum pooling, f the sigmoid, 4 x 4 and 6 x 6 inputs)"),
]
ZH_DIRS = [
    ("## 卷积层", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=true index_base=1 names: X=input x=input K=kernel k=kernel P=output a=output E=loss -->"),
    ("### 池化层", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=true index_base=1 names: x_i^l=input x=input K_{ij}=kernel k=kernel A_i^{l+1}=output a=output \\delta_{j}^{l+1}=output_grad E=loss -->"),
]
ZH_EXCL = [
    (r"X_j^l=f(\sum_{i\in M_j^l} K_{i,j}^l * X_i^{l-1} + b_j^l )", "forward definition (convolutional layer)"),
    (r"F_{u,v}=\sum_h \sum_j K_{d-h,d-j} \cdot X_{u+h, v+j}", "forward definition of the convolution (its flipped index K_{d-h,d-j} disagrees with the next sentence's K_{d-h-1,d-j-1})"),
    (r"X_j^l = f(\beta_j^l \cdot down(X_j^{l-1}) + b_j^l)", "forward definition (pooling layer)"),
    (r"\delta_j^l=\frac{\partial E}{\partial net_j^l} \\", "definition of the error matrix"),
    (r"net_j^l = \left\{", "definition of net for both layer kinds"),
    (r"= \beta_j^{l+1} (up(\delta_j^{l+1}) \cdot f'(net_j^l))", "the convolutional layer's delta through a following pooling layer: its middle member's second factor has no \\partial in the denominator, down and up are never defined (sum or mean), and '.' is not said to be entrywise; not settled"),
    (r"b_j^l = \sum_u \sum_v \frac{\partial E }{ \partial (net_j^l)_{u,v} }", "the bias gradient with b_j^l itself (not dE/db_j^l) on the left; as written it says the bias equals the sum of the deltas; no definite reading"),
    (r"\frac{\partial E}{\partial ( (K_{i,j}^l )_{r,s} } & = \sum_u \sum_v  \frac { \partial E  } {\partial (net_j^l)_{u,v} } \frac {\partial (net_j^l)_{u,v} } { \partial  (K_{i,j}^l)_{r,s} } \\", "chain rule for the kernel, whose second member writes a quotient (X * K + b)_{u,v} / (K)_{r,s} with no \\partial; not settled"),
    (r"(X_i^{l-1} * K_{i,j}^l)_{u,v} = \sum_r \sum_s (K_{i,j}^l)_{r,s}  * (X_i^{l-1})_{u+r,v+s}", "definition of * as a cross-correlation (the worked examples write the true convolution)"),
    (r"& = \sum_u \sum_v (\delta_j^l)_{u,v} (X_i^{l-1})_{u+r,v+s}", "general kernel gradient: its first member is the quotient form above, and its result sum_{uv} delta_{uv} X_{u+r,v+s} holds under the row just before it (* a cross-correlation) but not under the section's example (* a true convolution, P = X * K); not settled"),
    (r"x_{21} &  x_{22} &  x_{23} \\", "the example's matrices X, K, P (definitions; also the pooling section's x_i^l)"),
    (r"a_{11}  = x_{11}k_{22}+x_{12}k_{21} +x_{21}  k_{12}+x_{22}k_{11}  \\", "the example's forward written out (twice: the convolutional and the pooling sections)"),
    (r"P = X * K ", "forward (the example's result named as a convolution)"),
    (r"&= \sum_u \sum_v \frac {\partial E} { \partial P_{u,v} } \frac{ \partial P_{u,v} }{ \partial (K_{i,j}^l)_{r,s} }", "chain rule to P, after a first member with no \\partial in its second fraction; not settled"),
    (r"\frac{\partial E}{\partial k_{12}}  &=\frac{\partial E}{\partial a_{11}} x_{21}", "dE/dk_{12}, dE/dk_{21}, dE/dk_{22} (hold); left out for the cap"),
    (r"& = f'(net_i^l) * \sum_j conv2( \delta_j^{l+1},K_{i,j}^{l+1},full)", "the pooling layer's delta: members with no \\partial in their denominators, and a last member whose * between f' and the sum is not said to be entrywise; not settled (the author says he does not fully understand the last step)"),
    (r"\frac {\partial E}{\partial x_{11}} & \frac {\partial E}{\partial x_{12}}", "layout of dE/dx as a matrix of its entries (definition)"),
    (r"\frac {\partial E}{\partial x_{11}} &= \frac {\partial E}{\partial a_{11}}", "the entry rows for x_{11}, x_{13}, x_{21}, x_{23}, x_{31}, x_{32}, x_{33} (all hold); left out for the cap"),
    (r"\frac {\partial E}{\partial b_i^l} & =  \sum_u\sum_v", "the pooling bias gradient: left side b_i^l beside net_j^l and b_j^l, result (\\delta_i^j); the indices do not agree; not settled"),
]

# ---------------------------------------------------------------- convlayer_note_en
CL = [
    ("dydx_kron", r"= \frac{\partial }{\partial x_{luv}}(\sum \limits_{m}",
     "the note's forward y_{nij} = sum_m sum_{a,b=0}^{L-1} x_{m, i-c+a, j-c+b} k_{nmab} + b_{nij}, c = floor(L/2), L odd, input entries outside the image read as 0 (the output has the input's size): the Jacobian dy_{nij}/dx_{luv} = sum_{a,b} [u = i-c+a][v = j-c+b] k_{nlab}; every member of the chain equals it (the derivative of the forward, the sum of derivatives, the Kronecker-delta forms; the third member's unbalanced parenthesis read as the obvious one); holds (all n, i, j, l, u, v; 2 -> 3 and 1 -> 2 maps, 4x4 and 5x6 images, L = 3 and 5)"),
    ("dEdx_index", r"\frac{\partial E}{\partial y_{nij}}k_{n,l,(U-i + {\lfloor}\frac{L}{2}{\rfloor}),(V-j + {\lfloor}\frac{L}{2}{\rfloor})}",
     "dE/dx_{l,U,V} = sum_n sum_{i,j} dE/dy_{nij} k_{n,l,U-i+c,V-j+c}, over every output map n and position (i, j), with the kernel read as 0 outside 0..L-1 (the note does not say): equals autograd's gradient for a drawn non-linear loss; holds"),
    ("dEdx_conv", r"(\frac{\partial E}{\partial y_{n}} * k_{nl})",
     "dE/dx_l = sum_n dE/dy_n * k_{nl} with the note's own * (v_{ij} = sum_{a,b} u_{i-c+a, j-c+b} k_{ab}, a centred cross-correlation of an image u with a kernel k; here k_{nl} is the kernel): it gives sum_{a,b} G_{n,U-c+a,V-c+b} k_{nlab}, whereas the gradient (the row above) is sum_{a,b} G_{n,U+c-a,V+c-b} k_{nlab}, the kernel rotated by 180 degrees, which the row does not write (the prose speaks of a '90 degree rotated kernel'); refuted (drawn values, every size; read with dE/dy_n in the kernel's place the row fails too)"),
    ("dydk", r"=\delta_{\nu n} x_{\mu,(i-{\lfloor}\frac{L}{2}{\rfloor} + u,j-{\lfloor}\frac{L}{2}{\rfloor} + v)}",
     "dy_{nij}/dk_{nu mu uv} = delta_{nu n} x_{mu, i-c+u, j-c+v} (0 outside the image): equals the autograd Jacobian for every index; holds"),
    ("dEdk_index", r"(\frac{\partial E}{\partial y_{\nu ij}} \cdot x_{\mu,",
     "dE/dk_{nu mu uv} = sum_{i,j} dE/dy_{nu ij} x_{mu, i-c+u, j-c+v} over every output position (0 outside the image); holds (the display is written twice; the first is scored)"),
    ("dEdb", r"\frac{\partial E}{\partial \textbf b} = \frac{\partial E}{\partial \textbf y}",
     "the forward's bias is a full map b_{nij} added to y_{nij}: dE/db = dE/dy entry by entry; holds"),
]
CL_DIRS = [
    ("### Convolutional layer", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 padding=1 conv=cross index_base=0 names: x=input k=kernel b=bias y=output E=loss layout: x=CHW k=OIHW y=CHW -->"),
]
CL_EXCL = [
    (r"$$\textbf{v} = k*\textbf{u}$$", "definition of the operation"),
    (r"$$v_{ij} = \sum \limits_{(a,b) = (0,0)}^{(KShape)}", "definition of * (centred cross-correlation)"),
    (r"\textbf{y}_n = \sum \limits_{m} \textbf{k}_{nm}*\textbf{x}_m + \textbf{b}_n", "forward definition"),
    (r"\textbf{y} =  l( \textbf{x},( \textbf{K}, \textbf{b})) = \textbf{K} (\cdot*) \textbf{x} + \textbf{b}", "forward definition with the author's product (.*)"),
    (r"$$\theta = ( \textbf{K} , \textbf{b})$$", "notation (the parameters)"),
    (r"$$y_{nij} =  \sum \limits_{m} [\textbf{k}_{nm}*\textbf{x}_m]_{ij} + b_{nij}", "forward definition by indices (restated later)"),
    (r"=\sum \limits_{(a,b) = (0,0)}^{(KShape)} (\delta_{u,(i-{\lfloor}\frac{L}{2}{\rfloor} + a)} \delta_{v,(j-{\lfloor}\frac{L}{2}{\rfloor} + b)} k_{nlab})", "the chain's last member, displayed again on its own (holds); not scored twice"),
    (r"=\sum \limits_{(a,b) = (0,0)}^{(KShape)} (\delta_{u,U} \delta_{v,V} k_{nlab})", "the same with U, V, which the inline lines tie to a, b (holds); left out for the cap"),
    (r"\frac{\partial y_{nij}}{\partial x_{lUV}} ", "dy/dx_{lUV} = k_{nlab} with a, b tied to U, V by the inline lines (holds there); left out"),
    (r"=k_{n,l,(U-i + {\lfloor}\frac{L}{2}{\rfloor}),(V-j + {\lfloor}\frac{L}{2}{\rfloor})}", "local derivative dy_{nij}/dx_{l,U,V} = k_{n,l,U-i+c,V-j+c} (holds where the kernel index is in range); left out for the cap"),
    (r"=\sum \limits_{n,i,j = (0,0,0)}^{shape(y)} (\frac{\partial E}{\partial y_{nij}}\frac{\partial y_{nij}}{\partial x_{l,U,V}} )", "chain rule for dE/dx (holds); left out for the cap"),
    (r"=\sum \limits_{n = 0}^{feats} (\sum \limits_{i,j = (0,0)}^{ImShape}\frac{\partial E}{\partial y_{nij}}\frac{\partial y_{nij}}{\partial x_{l,U,V}} )", "the same chain with the sums split (holds); left out for the cap"),
    (r"=\frac{\partial E}{\partial \textbf y} (\cdot * ) \textbf K", "the whole-tensor form of the scored dEdx_conv row, with the author's product (.*) never defined for an image list on the left; not scored twice"),
    ("$$y_{nij}\n=\\sum \\limits_{m}", "forward restated"),
    (r"=\frac{\partial }{\partial k_{\nu\mu uv}}(", "dy/dk as the derivative of the forward (holds); left out for the cap"),
    (r"\cdot \frac{\partial k_{nmab}}{\partial k_{\nu\mu uv}}))", "the same, the derivative moved inside the sums (holds); left out for the cap"),
    (r"\delta_{\nu n} \delta_{\mu m} \delta_{u a} \delta_{v b}))", "the same with Kronecker deltas (holds); left out for the cap"),
    (r"= \sum \limits_{nij = (0,0,0)}^{shape(y)}(\frac{\partial E}{\partial y_{nij}} \frac{\partial y_{nij}}{\partial k_{\nu\mu uv}})", "chain rule for dE/dk (holds); left out for the cap"),
    (r"= \sum \limits_{nij = (0,0,0)}^{shape(y)}(\frac{\partial E}{\partial y_{nij}} \cdot \delta_{\nu n} \cdot", "the same with the delta (holds); left out for the cap"),
    (r"= \frac{\partial E}{\partial y_{\nu}} * x_{\mu}", "dE/dk_{nu mu} = dE/dy_nu * x_mu with the note's * (kernel on the left): the upstream gradient would play the kernel, centred at floor(its size/2), and the output's index range is not said; not settled"),
    (r"= \frac{\partial E}{\partial \textbf y} (\otimes *) \textbf x", "whole-tensor form with a product (x*) the note never defines; not settled"),
]

# ---------------------------------------------------------------- lambert_fc_backprop_en
LAM = [
    ("dCE_dz2", r"\frac{\partial CE(y, \hat{y}) }{ \partial z^{(2)}} = \hat{y} − y",
     "yhat = softmax(z2), CE = -sum_i y_i log yhat_i with y the one-hot label (the code indexes the true class): dCE/dz2 = yhat - y (the Unicode minus read as minus); holds (C = 3, 4, 6 classes, drawn z2 and label)"),
    ("dCE_dW2", r"= ( \hat{y} − y) a^{(1)^T}",
     "z2 = W2 a1 + b2 with a1, z2 columns (the forward writes W x, so x is a column although the prose says 1 x d), W2 C x H: dCE/dW2 = (yhat - y) a1^T (C x H); holds (H, C = 4, 3; 5, 4; 3, 6; d = 3, 2, 5)"),
    ("dCE_db2", r"\frac{ \partial CE(y, yˆ) }{ \partial b^{(2)} }= \hat{y} − y",
     "dCE/db2 = yhat - y ('yˆ' read as yhat); holds"),
    ("dCE_dz1", r"◦ σ(z^{(1)}) ◦ (1 − \sigma(z^{(1)}))",
     "the display opens with '=' and continues the one before, whose left side is dCE/dz1; a1 = sigma(z1) entrywise (the logistic sigmoid, the post's note and code), ◦ the entrywise product (the post says so): dCE/dz1 = dCE/da1 ◦ sigma(z1) ◦ (1 - sigma(z1)); holds (dCE/da1 from autograd, drawn W1, b1, x)"),
]
LAM_DIRS = [
    ("The network has an input layer", "<!-- symbp: layer=fc in=3 out=4 weight=out-in target=one-hot names: x=input W^{(1)}=kernel W^{(2)}=kernel b^{(1)}=bias b^{(2)}=bias z^{(1)}=output z^{(2)}=output a^{(1)}=activation \\hat{y}=activation y=target CE=loss J=loss -->"),
]
LAM_EXCL = [
    (r"z^{(1)} = W^{(1)}x + b^{(1)}", "forward definition"),
    (r"a^{(1)} = \sigma(z^{(1)})", "forward definition"),
    (r"z^{(2)} = W^{(2)}a^{(1)} + b^{(2)} ", "forward definition"),
    (r"\hat{y} = a^{(2)} = \mbox{ softmax }(z^{(2)} )", "forward definition"),
    (r"CE(y, \hat{y}) = - \sum\limits_{i=0}^{C-1} y_i \mbox{ log }(\hat{y}_i)", "forward definition (the loss)"),
    (r"J(W,b;x,y) = \frac{1}{N} \sum\limits_{i=1}^N CE^{(i)}(y, \hat{y}) + 0.5 \lambda \| p \|^2", "forward definition (the batch cost; its penalty is written in an undefined p)"),
    (r"\frac{ \partial CE(y, \hat{y} )}{\partial W^{(2)}} =", "the chain rule dCE/dW2 = dCE/dz2 dz2/dW2 in symbols (a vector times a third-order Jacobian, no product said); its result is the scored next row; not scored"),
    (r"\frac{ \partial z^{(2)} }{\partial a^{(1)} }= W^{(2)^T}", "the Jacobian of z2 by a1 written W2^T: W2 in numerator layout, W2^T in denominator layout; the layout is not settled"),
    (r"\frac{ \partial CE(y, yˆ) }{\partial a^{(1)} } = \frac{\partial CE(y, yˆ)}{\partial z^{(2)} } \frac{ \partial z^{(2)} }{\partial a^{(1)} } = W^{(2)^T} ( \hat{y} − y)", "dCE/da1: the last member W2^T (yhat - y) holds, but the middle member multiplies dCE/dz2 by the previous row's W2^T in that order, which fits no layout as matrices; not settled"),
    (r"\frac{\partial CE(y, yˆ) }{\partial z^{(1)} }= \frac{ \partial CE(y, yˆ)}{ \partial a^{(1)}} \frac{ \partial σ(z)}{ \partial z^{(1)} }", "chain rule through the sigmoid in symbols (vector times Jacobian, order and layout not said); its result is the scored next display"),
]

TABLE = {
    "ggnery_cnn_scratch_en.md": ("gg", GG, GG_DIRS, GG_EXCL),
    "cnnbp_notes_zh.md": ("zh", ZH, ZH_DIRS, ZH_EXCL),
    "convlayer_note_en.md": ("cl", CL, CL_DIRS, CL_EXCL),
    "lambert_fc_backprop_en.md": ("lam", LAM, LAM_DIRS, LAM_EXCL),
}
