"""The fifty-second held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout52.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- kimh060612_cnn_backprop_ko
KCN = [
    ("eq4", r"\frac{\partial E}{\partial w^l_{ijmk}} = \sum_{p=0}^{H'}\sum_{q=0}^{W'} \frac{\partial E}{\partial u^l_{pqm}}\frac{\partial u^l_{pqm}}{\partial w^l_{ijmk}}",
     "Definition 1 and equation (3) fix the weight's index order: w^l_{ijmk} is row i, column j of channel m (an input channel) of kernel set k (an output channel), and u^l_{pqm'} = sum_{a,b,c} z^{l-1}_{p+sa,q+sb,c} w^l_{a,b,c,m'} + b^l_{m'}; so w^l_{ijmk} moves only the output map k, and the chain rule must sum over u^l_{pqk}; the row sums over u^l_{pqm}, whose derivative by w^l_{ijmk} is 0 unless m = k (and which does not exist when m is not an output channel): the row gives 0 for m != k where dE/dw^l_{ijmk} is not 0; refuted (2 -> 3, 3 -> 2 and 2 -> 2 channels, s = 1 and 2, tanh between layers, a drawn loss of u); the upper bounds H', W' (the output's height and width) are read as running over the output's entries"),
    ("eq5", r"\sum_{p=0}^{H'}\sum_{q=0}^{W'} \delta_{pqm}^l z^{l - 1}_{i+sp, j+sq, k}",
     "with the same definitions, dE/dw^l_{ijmk} = sum_{p,q} delta^l_{pqk} z^{l-1}_{p+si,q+sj,m}; the row pairs delta of channel m with z of channel k (the channel roles exchanged: z^{l-1}_{..,k} does not exist when k is an output channel beyond the input's channels, and the values differ when the counts agree); refuted under either reading of s (eq. (3)'s literal index i+sp, or s as the stride of the prose, which would make the spatial index i+sp right)"),
    ("eq6", r"(\delta_{m}^l * z^{l-1}_k)_{ij}",
     "* is the convolution of equation (1), (I*K)_{ij} = sum_{m,n} I(i-m,j-n) K(m,n) (entries outside the arrays read as 0): (delta_m * z_k)_{ij} flips and pairs the channels the wrong way round; it is not dE/dw^l_{ijmk} = sum_{p,q} delta^l_{pqk} z^{l-1}_{p+si,q+sj,m}; refuted"),
    ("eq8", r"\delta_{p-sx,q-sy,c}^{l+1} w^{l+1}_{xycm} f'(u^{l}_{pqm})",
     "two conv layers with equation (3)'s forward (z^l = f(u^l), tanh drawn), u^{l+1}_{a,b,c} = sum_{x,y,m} z^l_{a+sx,b+sy,m} w^{l+1}_{x,y,m,c}: dE/du^l_{pqm} = sum_{x,y,c} delta^{l+1}_{p-sx,q-sy,c} w^{l+1}_{x,y,m,c} f'(u^l_{pqm}) (entries outside the arrays 0); the row writes w^{l+1}_{xycm}, channel c of kernel set m, the two channel indices exchanged (Definition 1: the third index is the channel, the fourth the kernel set); refuted (C_l = C_{l+1} = 2, where the values differ, and 2 -> 3, where w^{l+1}_{xycm} names entries that do not exist); the same row with w^{l+1}_{xymc} holds (checked as a sanity test of the truth)"),
    ("eq14", r"\frac{\partial E}{\partial b_m^l} = \sum^{H_o - 1}_{p = 0} \sum^{W_o - 1}_{q = 0} \frac{\partial E}{\partial u_{pqm}^l} \frac{\partial u_{pqm}^l}{\partial b_m^l}",
     "b^l_m is added to every entry of output channel m: dE/db^l_m = sum_{p,q} dE/du^l_{pqm} du^l_{pqm}/db^l_m with H_o, W_o read as the output's height and width (H', W' of the next row); holds"),
    ("eq15", r"\frac{\partial E}{\partial b_m^l} = \sum^{H' - 1}_{p = 0} \sum^{W' - 1}_{q = 0} \delta_{pqm}^l",
     "dE/db^l_m = sum over the output map m of delta^l_{pqm}; holds"),
]
KCN_DIRS = [
    ("## Back Propagation of CNN\n", "<!-- symbp: layer=conv2d input=5x5 kernel=2x2 channels=2,3 conv=cross index_base=0 names: z^{l-1}=input w^l=kernel u^l=output b^l=bias E=loss \\delta^l=output_grad layout: z^{l-1}=HWC w^l=HWIO u^l=HWC -->"),
]
KCN_EXCL = [
    (r"(I*K)_{ij} = \sum_{m = 0}^{k_1 - 1} \sum_{n = 0}^{k_2 - 1}I(i - m, j - n)K(m, n)", "definition of the convolution *"),
    (r"(I*K)_{ij} = \sum_{m = 0}^{k_1 - 1} \sum_{n = 0}^{k_2 - 1}I(i + m, j + n)K(-m, -n)", "a rewriting of the convolution's definition (no gradient)"),
    (r"u_{ijm}^l = \sum^{H - 1}_{p = 0} \sum^{W - 1}_{q = 0} \sum^{K - 1}_{k = 0} z^{l - 1}_{i+sp,j+sq,k}w^l_{p,q,k,m} + b^l_m", "forward definition"),
    ("$$\n\\frac{\\partial E}{\\partial w^l_{ijmk}}\n\\tag{def 2}", "names the derivative to be found (no claim)"),
    (r"\delta_{pqm}^l = \frac{\partial E}{\partial u^l_{pqm}}", "definition of delta"),
    (r"\frac{\partial E}{\partial u^{l + 1}_{p - sx,q - sy, c}} \frac{\partial u^{l + 1}_{p - sx,q - sy, c}}{\partial u^l_{pqm}}", "equation (7), the chain rule through layer l+1: it holds under equation (3)'s literal index (u^{l+1}_{a} reads z^l_{a+sx}, so the entries that depend on u^l_p are a = p - sx), but fails at s >= 2 under the prose's reading of s as a stride (z^l_{sa+x}); its sums also run to H'', W'', C'' inclusive; the verdict hangs on the reading"),
    (r"(\delta^{l+1} * w_m^{l+1}) \odot f'(u^l_m)", "equation (9): the sum over the next layer's channels, the range of * (a full convolution) and which index of w the subscript m fixes are unstated; the verdict hangs on the reading"),
    (r"\frac{u^{l + 1}_{p'q'm}}{u^l_{pqm}}", "equation (10): the layer labels and primed indices are garbled (a quotient of u's, p' unbound); no reading fixes the claim"),
    (r"w^{l+1}_{xycm} \frac{\partial u^{l + 2}_{p' - sx,q' - sy, c}}{\partial u^{l + 1}_{p'q'm}} f'(u^{l}_{pqm})", "equation (11): same garbled labels as (10)"),
    (r"1 \space \space \space \space \space \text{if p, q", "equation (12), max pooling: the derivative is written as that of the next conv layer's output u^{l+2} by the pooling output u^{l+1}, not of the pooling output by its input; read as the pooling's local derivative it holds, as written it does not; the verdict hangs on the reading"),
    (r"\frac{1}{H''' * W'''}", "equation (12), average pooling: the same mislabelled derivative as the max-pooling row"),
    (r"\delta_{pqm}^l = \text{Upsampling}[(\delta^{l + 2} * w^{l + 2}_m)] \odot f'(u^l_m)", "equation (13): Upsampling, the pooling's layer label and * are not defined precisely enough to fix a claim"),
]

# ---------------------------------------------------------------- kimh060612_fcnn_backprop_ko
KFC = [
    ("eq8", r"\therefore \frac{\partial E}{\partial w^K_{ij}} = \frac{1}{N}(y_i - t_i)f'(u^K_i)z^{K-1}_j",
     "u^K_i = sum_j w^K_{ij} z^{K-1}_j + b^K_i, y_i = f(u^K_i) (equation (7)'s dy_i/du^K_i = f'(u^K_i)), E = (1/2N) sum_i (y_i - t_i)^2 with N a constant: dE/dw^K_{ij} = (1/N)(y_i - t_i) f'(u^K_i) z^{K-1}_j; holds (N = 1, 3, 5; f = tanh and sigmoid; drawn sizes)"),
    ("eq13", r"\delta^k_i = \sum_{j=1}^{n_{k+1}} \delta^{k+1}_jw^{k+1}_{ji}f'(u^k_i)",
     "delta^k_i = dE/du^k_i for a hidden layer k: sum_j delta^{k+1}_j w^{k+1}_{ji} f'(u^k_i); holds"),
    ("eq14", r"\therefore \frac{\partial E}{\partial w^k_{ip}} = \left(\sum_{j=1}^{n_{k+1}} \delta^{k+1}_jw^{k+1}_{ji}f'(u^k_i)\right )z^{k-1}_p",
     "dE/dw^k_{ip} = delta^k_i z^{k-1}_p with delta^k_i as in equation (13); holds"),
    ("deltaK", r"\delta^K_i = \frac{\partial E}{\partial y_i}\frac{\partial y_i}{\partial u^K_i} = \frac{1}{N}(y_i - t_i)f'(u^K_i)",
     "output layer: delta^K_i = dE/dy_i dy_i/du^K_i = (1/N)(y_i - t_i) f'(u^K_i); holds"),
    ("eq13m", r"\Delta^k = \left( (W^{k+1})^T\Delta^k \right) \odot f'(U^k)",
     "the matrix form of equation (13) multiplies (W^{k+1})^T by Delta^k itself instead of Delta^{k+1}: for n_k != n_{k+1} the product is not even defined, and for n_k = n_{k+1} it is not Delta^k = ((W^{k+1})^T Delta^{k+1}) . f'(U^k); refuted"),
    ("eq14m", r"\nabla_WE = \Delta^kZ^{k-1}",
     "Delta^k and Z^{k-1} are columns (Def. 4 and 6: rows transposed), so Delta^k Z^{k-1} is (n_k x 1)(n_{k-1} x 1), not defined for n_{k-1} > 1; the gradient is Delta^k (Z^{k-1})^T (n_k x n_{k-1}, like W^k); refuted"),
]
KFC_DIRS = [
    ("## Back-propagation of FCNN\n", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: z^{K-1}=input w^K=kernel b^K=bias u^K=output y=activation t=target E=loss -->"),
    ("우리는 여기서 $W^k$의 $E$에 대한 미분을 구하는 것이 목표이다.", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: z^{k-1}=input w^k=kernel b^k=bias u^k=output z^k=activation u^{k+1}=output w^{k+1}=kernel E=loss \\delta^k=output_grad -->"),
    ("*Definition of Delta*", "<!-- symbp: layer=fc in=3 out=2 weight=out-in index_base=1 names: Z^{k-1}=input W^k=kernel B^k=bias U^k=output Z^k=activation W^{k+1}=kernel E=loss \\Delta^k=output_grad -->"),
]
KFC_EXCL = [
    (r"u_i^k = \sum_{j=1}^{n^{k-1}}w^k_{ij}u^{k-1}_j", "forward definition (without activation and bias)"),
    (r"$$z_i^k = f(u^k_i)$$", "forward definition"),
    (r"u_i^k = \sum_{j=1}^{n_{k-1}}w^k_{ij}z^{k-1}_j + b^k_i", "forward definition"),
    (r"\therefore U^k = W^kZ^{k-1} + B^k", "forward definition (matrix form)"),
    (r"E = \frac{1}{2N}\sum_i(y_i - t_i)^2", "loss definition"),
    (r"E = -\sum_c t_c\ln y_c", "loss definition"),
    (r"w_{t+1} \gets w_t - \alpha \frac{\partial E}{\partial w_t}", "an update rule"),
    (r"w^m_{ij} \gets w^m_{ij} - \alpha \frac{\partial E}{\partial w^m_{ij}}", "an update rule"),
    (r"\frac{df}{dx} \approx \frac{f(x+\epsilon) - f(x)}{\epsilon}", "a numerical-derivative reminder (no network quantity)"),
    (r"$$y = f(f(f( \cdots f(x) \cdots)))$$", "an illustration of nesting (no claim)"),
    (r"\frac{\partial E}{\partial w^K_{ij}} = \frac{\partial E}{\partial y_i}\frac{\partial y_i}{\partial u^K_i}\frac{\partial u^K_i}{\partial w^K_{ij}}", "holds (the chain rule through the output unit); left out for the 30% cap"),
    (r"\frac{\partial E}{\partial y_i} = \frac{1}{N}(y_i - t_i)", "equation (7), three local derivatives: all hold under E = (1/2N) sum (y - t)^2; left out for the 30% cap"),
    (r"\frac{\partial E}{\partial w^k_{ip}} \space = \space ?", "a question (no claim)"),
    (r"\frac{\partial E}{\partial w^k_{ip}} = \frac{\partial E}{\partial u^k_i}\frac{\partial u^k_i}{\partial w^k_{ip}}", "holds (equation (9)); left out for the 30% cap"),
    (r"\frac{\partial E}{\partial u^k_i} = \sum_{j=1}^{n_{k+1}} \frac{\partial E}{\partial u^{k+1}_j}\frac{\partial u^{k+1}_j}{\partial u^k_i}", "holds (equation (10)); left out for the 30% cap"),
    (r"\delta^k_i = \frac{\partial E}{\partial u^k_i}", "definition of delta"),
    (r"\delta^k_i = \sum_{j=1}^{n_{k+1}} \delta^{k+1}_j\frac{\partial u^{k+1}_j}{\partial u^k_i}", "holds (equation (11)); left out for the 30% cap"),
    (r"= w^{k+1}_{ji}f'(u^k_i)", "holds (equation (12)); left out for the 30% cap"),
    (r"= \delta^k_i\frac{\partial u^k_i}{\partial w^k_{ip}} = \left(", "holds (the unnumbered step before equation (14)); left out for the 30% cap"),
    (r"= \delta^k_i\cdot 1", "holds (equation (15), dE/db^k_i = delta^k_i); left out for the 30% cap"),
    (r"\Delta^k = \nabla_UE = \nabla_ZE \odot f'(U^k)", "holds (Def. 8 in matrix form, a definition of Delta with its chain rule); left out for the 30% cap"),
    (r"\nabla_B E = \Delta^k", "holds (bias gradient, matrix form); left out for the 30% cap"),
]

# ---------------------------------------------------------------- dlvc_blatt3_chain_de
DL3 = [
    ("row2", r"= \sigma'(a_{n}) \cdot \frac{\partial a_{n}}{\partial w_{n-i}}",
     "a chain of one-unit layers: a_i = w_i h_{i-1}, h_i = sigma(a_i) (the first row's h_n = sigma(a_n)), h_0 = x drawn; dh_n/dw_{n-i} = sigma'(a_n) da_n/dw_{n-i}; holds (sigma = logistic sigmoid and tanh, n = 3, 4, 5, every 0 <= i <= n-1)"),
    ("row3", r"= \sigma'(a_{n}) \cdot w_{n} \cdot \frac{\partial h_{n-1}}{\partial w_{n-i}}",
     "da_n/dw_{n-i} = w_n dh_{n-1}/dw_{n-i} for i >= 1 (the chain's ellipses and its last row, whose product runs over k = 0 .. i-1, show the step is for a weight below layer n; at i = 0 da_n/dw_n = h_{n-1} instead): read for 1 <= i <= n-1; holds"),
    ("final", r"\prod_{k=0}^{i-1}(\sigma'(a_{n-k})w_{n-k}) \cdot \sigma'(a_{n-i})h_{n-i-1}",
     "dh_n/dw_{n-i} = prod_{k=0}^{i-1} sigma'(a_{n-k}) w_{n-k} . sigma'(a_{n-i}) h_{n-i-1}; holds for every 0 <= i <= n-1 (the empty product at i = 0)"),
]
DL3_DIRS = [
    ("## a)\n", "<!-- symbp: layer=fc in=1 out=1 names: h=activation a=output w=kernel -->"),
]
DL3_EXCL = [
    (r"\frac{\partial }{\partial w_{n-i}} \sigma(a_{n})", "restates h_n = sigma(a_n) under the derivative (a forward definition)"),
    (r"\cdot \ldots \cdot \frac{\partial h_{n-i}}{\partial w_{n-i}}", "a row with an ellipsis standing for an unstated run of factors; no entry-by-entry claim"),
    (r"\cdot \ldots \cdot \frac{\partial}{\partial w_{n-i}} \sigma(a_{n-i})", "a row with an ellipsis"),
    (r"\cdot \ldots \cdot \sigma'(a_{n-i}) \frac{\partial a_{n-i}}{\partial w_{n-i}}", "a row with an ellipsis"),
    (r"\cdot \ldots \cdot \sigma'(a_{n-i})h_{n-i-1}", "a row with an ellipsis"),
]

# ---------------------------------------------------------------- dlvc_blatt5_conv_pool_de
DL5 = [
    ("c1_chain", r"\frac{\partial E(o,y)}{\partial w_{s,t}} = \sum_{i,j=1}^{n_{o}}\frac{\partial E(o,y)}{\partial o_{i,j}}\frac{\partial o_{i,j}}{\partial w_{s,t}}",
     "o = the n_o x n_o output of a convolution with kernel w (the third row's note: o_{i,j} = sum_{k,l} w_{k,l} x_{i-k,j-l}, read as the true convolution, valid part), E any function of o (a drawn loss and the MSE): the chain rule over all outputs; holds"),
    ("c1_mse", r"\frac{2}{n_{o}^{2}}(o_{i,j}-y_{i-j}) \frac{\partial o_{i,j}}{\partial w_{s,t}}",
     "with E(o,y) = (1/n_o^2) sum_{i,j} (o_{i,j} - y_{i,j})^2 (the mean squared error the factor 2/n_o^2 implies), dE/do_{i,j} = (2/n_o^2)(o_{i,j} - y_{i,j}); the row writes y_{i-j}, a single index i-j of the 2-D target, which for i <= j names no entry (indices from 1) and otherwise an unrelated one: refuted as written (it would hold with y_{i,j})"),
    ("c1_final", r"\frac{2}{n_{o}^{2}}(o_{i,j}-y_{i-j}) x_{i-s,j-t}",
     "the same y_{i-j} slip carried into the last row: refuted as written (with y_{i,j} it holds for the true convolution o_{i,j} = sum_{k,l} w_{k,l} x_{i-k,j-l}, checked as a sanity test)"),
    ("c2_local", r"\frac{\partial o'_{u,v}}{\partial x_{i,j}}=\begin{cases}",
     "o' = p_2(x), read as 2 x 2 max pooling with stride 2 (p_2 of the exercise sheet, not part of the file): do'_{u,v}/dx_{i,j} = 1 where x_{i,j} is the maximum of window (u,v), else 0; with drawn real inputs (no ties) x_{i,j} = p_2(x)_{u,v} holds only for the window's maximum; holds (4x4 and 6x6 inputs)"),
    ("c2_chain", r"\frac{\partial E(o',y')}{\partial x_{i,j}} = \sum_{u,v=1}^{n_{o'}}\frac{\partial E(o',y')}{\partial o'_{u,v}}\frac{\partial o'_{u,v}}{\partial x_{i,j}}",
     "chain rule through the pooling outputs (E any function of o'); holds"),
]
DL5_DIRS = [
    ("## c)\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=true index_base=1 names: x=input w=kernel o=output y=target E=loss -->"),
    ("### 2.\nAbleitung", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=1 names: x=input o'=output y'=target E=loss -->"),
]
DL5_EXCL = [
    (r"R_{i}(n) = \begin{cases}", "receptive-field recursion (no derivative)"),
    (r"R_{3}(2+(n-1) \cdot 2) = R_{3}(2n)", "receptive-field arithmetic (no derivative)"),
    (r"O(n) = \frac{n+2p_{i}-\lceil k_{i}/2\rceil}{2}", "output-size formula (no derivative)"),
    (r"\mu=\frac{1}{n}\sum_{i=1}^{n}H_{i,:,:}", "batch-norm forward definition"),
    (r"\sigma=\sqrt{\delta+ \frac{1}{n}\sum_{i=1}^{n}(H_{i,:,:}-\mu)^{2}}", "batch-norm forward definition"),
    (r"H'=\frac{H-\mu}{\sigma}", "batch-norm forward definition"),
    (r"\sum_{u,v=1}^{n_{o'}} \frac{2}{n_{o}^{2}}(o'_{u,v}-y_{u,v})\frac{\partial o'_{u,v}}{\partial x_{i,j}}", "the pooling loss's derivative written with y (not y') and 2/n_o^2 (not 2/n_{o'}^2): the loss E(o',y') is defined only on the exercise sheet, which is not in the file; the verdict hangs on it"),
    ("\\begin{cases}\n\\sum_{u,v=1}^{n_{o'}} \\frac{2}{n_{o}^{2}}", "the cases row: the condition x_{i,j} = p_2(x)_{u,v} names the summed u, v outside the sum; read as restricting the sum it gives the one window's term, read literally it sums every window's residual; the verdict hangs on the reading (and on the loss of the previous row)"),
]

# ---------------------------------------------------------------- boue_fc_maxpool_en
BOU = [
    ("fc_under", r"= \underbrace{ \mathcolorbox{shadecolor}{{\bf A}_{i-1}^t \Delta_i}}_{\textstyle",
     "rows are samples, A_i = A_{i-1} w_{i-1} + b~ (b broadcast over the n rows), '.' the Frobenius product, Delta_i = dL/dA_i: for any differentials dw, db, dA_{i-1}, Delta_i . dA_i = (A_{i-1}^t Delta_i) . dw + (sum over samples of Delta_i) . db + (Delta_i w^t) . dA_{i-1}, and the three underbraced blocks are dL/dw, dL/db and Delta_{i-1} (autograd); holds (n = 1, 4, 5; f = 2->3, 3->2, 4->4; drawn loss)"),
    ("bk_dA", r"\Delta_{i-1} = \Delta_i {\bf w}^t_{i-1}",
     "Delta_{i-1} = dL/dA_{i-1} = Delta_i w^t (n x f_{i-1}); holds"),
    ("bk_dw", r"\frac{\partial \mathcal{L}_{\text{batch}}}{\partial {\bf w}_{i-1}} = {\bf A}_{i-1}^t \Delta_i",
     "dL/dw = A_{i-1}^t Delta_i (f_{i-1} x f_i); holds"),
    ("bk_db", r"\frac{\partial \mathcal{L}_{\text{batch}}}{\partial {\bf b}_{i-1}} = \sum_\text{samples} \Delta_i",
     "dL/db = the sum of Delta_i over the samples (the rows); holds"),
    ("fig_1d", r"1_\delta = (w_{11} \times \mathcal{L}_\delta) + (w_{12} \times \mathcal{M}_\delta) + (w_{13} \times \mathcal{N}_\delta)",
     "the figure's single sample with f_{i-1} = 2, f_i = 3: (1_A, 2_A) the input row, (L, M, N) the output row, w_{ab} row a (input) column b (output) as the forward rows L_A = w_{11} 1_A + w_{21} 2_A + b_1 say; 1_delta = dL/d1_A = w_{11} L_delta + w_{12} M_delta + w_{13} N_delta; holds"),
    ("mp_frob", r"\Delta_i \cdot \text{d}{\bf A}_{i} = \underbrace{ \mathcolorbox{shadecolor}{\widetilde{\Delta_i} \circ g_\mathfrak{p}^\prime \left( {\bf A}_{i-1} \right) } }_{\textstyle",
     "maxpool with non-overlapping patches (k = s, p = 0, the paper's example (2, 2, 0), also (3, 3, 0)), A_{i-1} of shape n x d x r x r; Delta_i~ the patch-wise broadcast of Delta_i, g_p' the 0/1 indicator of each patch's maximum: Delta_i . dA_i (dA_i the first-order change of the pooled output, a Jacobian-vector product) = (Delta_i~ o g_p'(A_{i-1})) . dA_{i-1} for drawn dA_{i-1}; holds (the patch-wise broadcast is read for the non-overlapping patches the section illustrates; for overlapping ones it is not defined)"),
    ("mp_back", r"\Delta_{i-1} =  \widetilde{\Delta_i} \circ g_\mathfrak{p}^\prime({\bf A}_{i-1})",
     "Delta_{i-1} = dL/dA_{i-1} = Delta_i~ o g_p'(A_{i-1}) (same reading); holds"),
    ("mp_gprime", r"\frac{\text{d}  \max \, (a_1 , \cdots , a_{k^2} ) }{ \text{d} a_j }",
     "d max(a_1, ..., a_{k^2}) / d a_j = 1 for the maximum entry, 0 otherwise (drawn patches, no ties); holds (k = 2, 3)"),
]
BOU_DIRS = [
    ("## Fully connected layer\n", "<!-- symbp: layer=fc in=2 out=3 batch=4 weight=rows names: A_{i-1}=input w_{i-1}=kernel b_{i-1}=bias A_{i}=output A_i=output \\Delta_i=output_grad \\Delta_{i-1}=input_grad \\mathcal{L}_{\\text{batch}}=loss -->"),
    ("## Maxpool layer\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 channels=2 batch=2 names: A_{i-1}=input A_i=output \\Delta_i=output_grad \\Delta_{i-1}=input_grad \\mathcal{L}_{\\text{batch}}=loss -->"),
]
BOU_EXCL = [
    (r"\Delta_i \cdot \text{d} {\bf A}_i = \Delta_{i-1} \cdot \text{d}{\bf A}_{i-1} + \frac{\partial \mathcal{L}_{\text{batch}}}{\partial \mathbfcal{P}_{i-1}}", "the general recursion that defines Delta_{i-1} and the gradient components (a definition, no layer)"),
    (r"\hspace{0.1cm} {\bf w}_{i-1} \sim \mathbb{R}^{f_{i-1}\times f_i}", "parameter shapes (definition)"),
    (r"{\bf A}_{i} &= {\bf A}_{i-1} {\bf w}_{i-1} + \widetilde{{\bf b}_{i-1}}", "forward definition"),
    (r"\Delta_i \cdot \text{d} \left( {\bf A}_{i-1} {\bf w}_{i-1} + \widetilde{{\bf b}_{i-1}} \right) \\", "the forward written under the differential (a restatement, first row of both backward displays)"),
    (r"= \Delta_i \cdot \left( {\bf A}_{i-1} \text{d} {\bf w}_{i-1} \right)", "holds (the product rule for the differential, detailed view); left out for the 30% cap"),
    (r"\centerwithin{\downarrow}{=} \colorbox{light-blue}{using eq.~\eqref{frobenius1}", "a 'using ...' annotation row (no claim)"),
    (r"\mathcolorbox{shadecolor}{{\bf A}_{i-1}^t \Delta_i} \, \cdot \, \text{d} {\bf w}_{i-1}", "holds (the detailed view's last row, the same as the summarized row scored above); left out for the 30% cap"),
    (r"\mathcal{L}_A &= (w_{11} \times 1_A) + (w_{21} \times 2_A) + b_1", "forward rows of the figure (definitions)"),
    (r"2_\delta &= (w_{21} \times \mathcal{L}_\delta) + (w_{22} \times \mathcal{M}_\delta) + (w_{23} \times \mathcal{N}_\delta)", "holds (second entry of Delta_{i-1} = Delta_i w^t); left out for the 30% cap"),
    (r"{\bf A}_i = \diamondsuit \, \big\{ \, g ( {\bf A}_{i-1}^\text{patch} )", "forward definition of the pooling layer"),
    (r"g_\mathfrak{p}^\prime({\bf A}_{i-1}) &\equiv \diamondsuit", "definition of the patch-level derivative g_p'"),
]

# ---------------------------------------------------------------- matconvnet_impl_derivatives_en
MCN = [
    ("conv_dF_chain", r"\frac{dz}{d(\vv F)^\top}",
     "x of size H x W x D, filters H' x W' x D x K, y_{i''j''k} = sum_{i'j'd} f_{i'j'dk} x_{i''+i'-1,j''+j'-1,d} (unit stride, no padding: the chapter's index map), phi the im2row matrix with p = i'' + H''(j''-1), q = i' + H'(j'-1) + H'W'(d-1), F the (H'W'D) x K reshaped filters, Y = phi(x) F, vec the MATLAB column-major stacking, z a drawn scalar function of y: dz/d(vec F)^T = dz/d(vec y)^T (I kron phi(x)) = vec[phi(x)^T dz/dY]^T; holds (4x4x2 -> 3 filters of 2x2, 5x4x1 -> 2 of 3x2, 4x5x3 -> 2 of 2x3)"),
    ("conv_dx_chain", r"\frac{d\vv \phi(\bx)}{d(\vv \bx)^\top}",
     "H the 0/1 matrix with vec phi(x) = H vec x: dz/d(vec x)^T = dz/d(vec y)^T (F^T kron I) H = vec[dz/dY F^T]^T H; holds"),
    ("conv_box_dF", r"\phi(\bx)^\top\frac{d z}{d Y},",
     "dz/dF = phi(x)^T dz/dY (the filters' gradient reshaped to (H'W'D) x K); holds"),
    ("conv_box_dX", r"\phi^*\left(",
     "dz/dX = phi*(dz/dY F^T), phi* = row2im adding every M_{pq} into x_{t(p,q)}; holds"),
    ("pool_box", r"S(\bx)^\top",
     "max pooling (2x2 stride 2 and 3x3 stride 2, overlapping windows included), vec y = S(x) vec x with S the 0/1 selector of each window's maximum (drawn inputs, no ties): dz/d vec x = S(x)^T dz/d vec y; holds"),
    ("sigm_mat", r"\frac{dz}{d\bx} = \frac{dz}{d\by} \odot",
     "y = sigmoid(x) entrywise: dz/dx = dz/dy . y . (1 1^T - y), 1 1^T the all-ones array of x's shape; holds"),
    ("bn_db", r"\frac{dz}{db_k} = \sum_{i''j''k''t''}",
     "y_{ijkt} = w_k (x_{ijkt} - mu_k)/sqrt(sigma_k^2 + eps) + b_k: the row's middle member sums dz/dy . dy/dw_k, which is dz/dw_k = sum dz/dy (x - mu)/sqrt(sigma^2 + eps), not dz/db_k = sum dz/dy (its last member); refuted (the middle member; the first and last members agree)"),
    ("bn_final", r"\frac{dz}{d b_k}",
     "dz/dx_{ijkt} = w_k/sqrt(sigma_k^2+eps) (dz/dy_{ijkt} - (1/HWT) dz/db_k - (x_{ijkt}-mu_k)/sqrt(sigma_k^2+eps) (1/HWT) dz/dw_k) with the biased variance of the forward; holds (H, W, K, T drawn: 2x3x2x2, 3x2x3x1, 1x1x2x5; eps = 1e-5 and 0.3)"),
    ("sm_mat", r"\frac{dz}{dX} = Y \odot \left(\frac{dz}{dY}",
     "softmax over the D channels at each of the HW locations, X, Y of size HW x D: dz/dX = Y . (dz/dY - (dz/dY . Y) 1 1^T) (1 1^T the D x D ones, broadcasting each row's sum); holds"),
    ("logloss", r"- p x_c \delta_{k=c}.",
     "log loss l(x, c) = -log x_c (x positive): d(p l)/dx_k = -p delta_{k=c} / x_c; the row's last member -p x_c delta_{k=c} multiplies by x_c instead of dividing; refuted (the middle member -p d log(x_c)/dx_k holds)"),
    ("sfl_y", r"- p \left(\delta_{k=c} - y \right).",
     "softmax log-loss l = -x_c + log sum_t e^{x_t}: d(p l)/dx_k = -p (delta_{k=c} - e^{x_k}/sum_t e^{x_t}); the row uses y, which the page defines as e^{x_c}/sum_t e^{x_t} (the class-c probability, the same for every k), so for k != c it gives p e^{x_c}/sum instead of p e^{x_k}/sum; refuted (also refuted reading y as the loss l itself)"),
    ("struct_hinge", r"- p\,\mathbf{1}[x_c < 1 + \max_{t\not= c} x_t]\,(\delta_{k=c} - \delta_{k=t^*}),",
     "l = max{0, 1 - x_c + max_{k != c} x_k}: where the hinge is active its gradient is -p (delta_{k=c} - delta_{k=t'}) with t' the arg max over t != c; the row takes t* = arg max over all t = 1..C, which is c itself whenever x_c is the largest score but by less than 1, and then gives 0 where the gradient is not 0; refuted (drawn scores with such a case, and the usual ones where both agree)"),
]
MCN_DIRS = [
    ("## Convolution\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 conv=cross index_base=1 names: \\bx=input x=input \\bff=kernel F=kernel \\by=output Y=output y=output z=loss layout: x=HWC f=HWIO y=HWC -->"),
    ("## Spatial pooling\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 channels=2 names: \\bx=input \\by=output z=loss -->"),
    ("### ReLU\n", "<!-- symbp: layer=activation name=relu names: \\bx=input \\by=output z=loss -->"),
    ("### Sigmoid\n", "<!-- symbp: layer=activation name=sigmoid names: \\bx=input x=input \\by=output y=output z=loss -->"),
    ("### Batch normalization\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output w=scale b=shift \\mu=mean \\sigma^2=variance z=loss -->"),
    ("### Softmax\n", "<!-- symbp: layer=softmax classes=3 names: x=input y=output z=loss -->"),
    ("## Categorical losses\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: \\bx=input x=input \\ell=loss -->"),
]
MCN_EXCL = [
    (r"[\phi(\bx)]_{pq} \underset{(i,j,d)=t(p,q)}{=} x_{ijd}", "definition of the im2row operator"),
    (r"p = i'' + H'' (j''-1), \quad", "the index map (definition)"),
    (r"[\phi^*(M)]_{ijd}", "definition of row2im"),
    (r"\vv(\phi(\bx)) = H \vv(\bx), \qquad", "definition of H (a linear-algebra fact, no derivative)"),
    (r"(I \otimes \phi(\bx)) \vv F, & \text{or, equivalently,} \\", "the forward in vectorised form (Kronecker identities)"),
    ("\\boxed{\n\\vv\\by = \n \\vv\\left(\\phi(\\bx) F\\right),", "the forward part of the boxed summary (the two derivative parts are scored)"),
    ("\\boxed{\n\\vv\\by = S(\\bx) \\vv \\bx,", "the forward part of the pooling box (its derivative part is scored)"),
    (r"\vv\by = \diag\bfs \vv \bx,", "ReLU in matrix form: the forward vec y = diag(s) vec x and dz/d vec x = diag(s) dz/d vec y; holds; left out for the 30% cap"),
    ("\\frac{dz}{dx_{ijd}}\n&= \n\\frac{dz}{d y_{ijd}} ", "the sigmoid's chain rule and y(1-y): holds; left out for the 30% cap"),
    ("\\frac{dz}{dw_k} &= \\sum_{i''j''k''t''}", "holds (dz/dw_k); left out for the 30% cap"),
    ("\\frac{dz}{dx_{ijkt}} = \\sum_{i''j''k''t''}\n\\frac{dz}{d y_{i''j''k''t''}} \n\\frac{d y_{i''j''k''t''}}{d x_{ijkt}}.", "holds (the chain rule over all outputs); left out for the 30% cap"),
    ("\\frac{dz}{dx_{ijkt}} = \\sum_{i''j''t''}", "holds (the same sum restricted to channel k); left out for the 30% cap"),
    ("\\frac{d y_{i''j''kt''}}{d x_{ijkt}} \n=", "holds (the local derivative of the batch norm); left out for the 30% cap"),
    (r"\frac{d \mu_k}{d x_{ijkt}} &= \frac{1}{HWT},", "holds (derivatives of the mean and the biased variance); left out for the 30% cap"),
    ("\\frac{w_k}{2(\\sigma^2_k + \\epsilon)^{\\frac{3}{2}}}", "holds (intermediate form of dz/dx); left out for the 30% cap"),
    ("\\,\n\\frac{x_{ijkt} - \\mu_k}{\\sqrt{\\sigma^2_k + \\epsilon}}\n\\,\n\\frac{1}{HWT}\n\\sum_{i''j''kt''}", "holds (the second intermediate form of dz/dx); left out for the 30% cap"),
    (r"y_{ijk} = \frac{e^{x_{ijk} - \max_d x_{ijd}}}{\sum_{t=1}^D e^{x_{ijt}- \max_d x_{ijd}}}.", "the softmax forward in its stable form (definition)"),
    (r"e^{x_{ijd}} L(\bx)^{-1} \delta_{\{k=d\}}", "holds (dz/dx through dy_k/dx_d); left out for the 30% cap"),
    (r"\sum_{k=1}^K", "the simplified softmax derivative sums k from 1 to K where the channels run to D (K is the filter count elsewhere in the chapter); read with K = D it holds, otherwise it does not: the verdict hangs on the reading"),
    (r"- p \frac{\partial}{\partial x_k}", "softmax log-loss, first row: its last member -p(delta_{k=c} - e^{x_c}/sum e^{x_t}) has e^{x_c} where the derivative gives e^{x_k}; refuted; left out for the 30% cap (the same slip is scored in the row with y)"),
    (r"y = \ell(\bx,c) = \frac{e^{x_c}}{\sum_{t=1}^C e^{x_t}}.", "a definition of y (wrong as a description of the loss, which is -log of it; not a derivative)"),
    (r"- p\,\mathbf{1}[x_c < 1]\,\delta_{k=c}.", "multi-class hinge loss: holds; left out for the 30% cap"),
]

TABLE = {
    "kimh060612_cnn_backprop_ko.md": ("kcn", KCN, KCN_DIRS, KCN_EXCL),
    "kimh060612_fcnn_backprop_ko.md": ("kfc", KFC, KFC_DIRS, KFC_EXCL),
    "dlvc_blatt3_chain_de.md": ("dl3", DL3, DL3_DIRS, DL3_EXCL),
    "dlvc_blatt5_conv_pool_de.md": ("dl5", DL5, DL5_DIRS, DL5_EXCL),
    "boue_fc_maxpool_en.md": ("bou", BOU, BOU_DIRS, BOU_EXCL),
    "matconvnet_impl_derivatives_en.md": ("mcn", MCN, MCN_DIRS, MCN_EXCL),
}
