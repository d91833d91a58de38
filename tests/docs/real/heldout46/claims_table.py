"""The forty-sixth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout46.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- cs231n_bn_alt_backward_en
BN = [
    ("g_chain", r"\frac{dL}{d\gamma_j} = \sum_{kl}\frac{dL}{dy_{kl}}\frac{dy_{kl}}{d\gamma_j}",
     "batch norm over the N rows of x (N x D), y_{kl} = gamma_l xhat_{kl} - beta_l as the page defines it, L any loss of y: dL/dgamma_j = sum_{kl} dL/dy_{kl} dy_{kl}/dgamma_j (chain rule, the Jacobian from autograd); holds (N x D = 4x3, 5x2, 3x4; eps 1e-5 and 0.5)"),
    ("g_mid", r"= \sum_{kl}\frac{dL}{dy_{kl}}x_{kl}\delta_{lj}",
     "dy_{kl}/dgamma_j = xhat_{kl} delta_{lj}, but the row writes x_{kl}, the raw input (the page writes the normalized input as \\hat{x_{kl}} everywhere else): sum_{kl} dL/dy_{kl} x_{kl} delta_{lj} = sum_k dL/dy_{kj} x_{kj} is not dL/dgamma_j = sum_k dL/dy_{kj} xhat_{kj}; refuted (drawn x, gamma, beta and loss)"),
    ("g_final", r"= \sum_{k}\frac{dL}{dy_{kj}}x_{kj}",
     "the last member carries the same slip: sum_k dL/dy_{kj} x_{kj} (raw input) instead of sum_k dL/dy_{kj} xhat_{kj}; refuted"),
    ("b_final", "= \\sum_{k}\\frac{dL}{dy_{kj}}\n\\end{eqnarray}",
     "with the page's own forward y = gamma xhat - beta (written so twice, as a whole and entry by entry y_{kl} = gamma_l xhat_{kl} - beta_l), dy_{kl}/dbeta_j = -delta_{lj} and dL/dbeta_j = -sum_k dL/dy_{kj}; the row's + sum_k dL/dy_{kj} has the wrong sign (it would hold for the + beta of the page's Python code, not for its displayed forward); refuted"),
    ("x_chain2", r"= \sum_{kl}\frac{dL}{dy_{kl}}\frac{dy_{kl}}{d\hat{x}_{kl}}\frac{d\hat{x}_{kl}}{dx_{ij}}",
     "y_{kl} depends on x only through xhat_{kl}: dL/dx_{ij} = sum_{kl} dL/dy_{kl} (dy_{kl}/dxhat_{kl}) (dxhat_{kl}/dx_{ij}), with dy_{kl}/dxhat_{kl} = gamma_l and the Jacobian of xhat from autograd; holds"),
    ("dxhat_dx", r"\frac{d\hat{x}_{kl}}{dx_{ij}} = (\delta_{ik}\delta_{jl}-\frac{1}{N}\delta_{jl})(\sigma_l^2+\epsilon)^{-1/2}-\frac{1}{2}(x_{kl}-\mu_l)\frac{d\sigma_l^2}{dx_{ij}}(\sigma_l^2+\epsilon)^{-3/2}",
     "xhat_{kl} = (x_{kl} - mu_l)(sigma_l^2 + eps)^{-1/2}, mu_l and the biased variance sigma_l^2 over the N rows: product rule with dmu_l/dx_{ij} = delta_{jl}/N, dsigma_l^2/dx_{ij} from autograd; every entry (k, l, i, j) equals the autograd Jacobian; holds"),
    ("dsig_final", r"= \frac{2}{N}(x_{il}-\mu_l)\delta_{jl}",
     "dsigma_l^2/dx_{ij} = (2/N)(x_{il} - mu_l) delta_{jl} (the middle members of the chain, whose last sum vanishes because sum_p (x_{pl} - mu_l) = 0, also equal it); holds"),
    ("dxhat_comb", r"-\frac{1}{N}(x_{kl}-\mu_l)(x_{il}-\mu_l)\delta_{jl}(\sigma_l^2+\epsilon)^{-3/2}",
     "the combined Jacobian (delta_ik delta_jl - delta_jl/N)(sigma_l^2+eps)^{-1/2} - (1/N)(x_kl - mu_l)(x_il - mu_l) delta_jl (sigma_l^2+eps)^{-3/2} equals autograd's entry by entry; holds"),
    ("dx_row2", r"=\sum_{kl}\frac{dL}{dy_{kl}}\gamma_l\delta_{jl}\left[(\delta_{ik}-\frac{1}{N})(\sigma_l^2+\epsilon)^{-1/2}-\frac{1}{N}(x_{kl}-\mu_l)(x_{il}-\mu_l)(\sigma_l^2+\epsilon)^{-3/2}\right]",
     "the chain with dy/dxhat = gamma_l and the combined Jacobian substituted equals dL/dx_{ij} from autograd; holds"),
    ("dx_final", r"=\frac{1}{N}\gamma_j(\sigma_j^2+\epsilon)^{-1/2}\left[N\frac{dL}{dy_{ij}}-\sum_k\frac{dL}{dy_{kj}}-(x_{ij}-\mu_j)(\sigma_j^2+\epsilon)^{-1}\sum_k\frac{dL}{dy_{kj}}(x_{kj}-\mu_j)\right]",
     "the simplified dL/dx_{ij} = (1/N) gamma_j (sigma_j^2+eps)^{-1/2} [N g_{ij} - sum_k g_{kj} - (x_{ij}-mu_j)(sigma_j^2+eps)^{-1} sum_k g_{kj}(x_{kj}-mu_j)], g = dL/dy, equals autograd's (the sign of beta plays no part in dL/dx); holds"),
]
BN_DIRS = [
    ("## Draft for the solution\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\mu_l=mean \\sigma_l^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
BN_EXCL = [
    (r"$$ y = \gamma \hat{x}-\beta$$", "forward definition (with a minus before beta, which the beta rows inherit)"),
    (r"\hat{x}=\frac{x-\mu}{\sqrt{\sigma^2+\epsilon}} = (x-\mu)(\sigma^2+\epsilon)^{-1/2}", "forward definition"),
    (r"$$y_{kl} = \gamma_l \hat{x_{kl}}-\beta_l$$", "forward definition, entry by entry"),
    (r"$$\hat{x_{kl}}=(x_{kl}-\mu_l)(\sigma_l^2+\epsilon)^{-1/2}$$", "forward definition (written twice)"),
    (r"$$\mu_l = \frac{1}{N}\sum_p x_{pl}$$", "definition of the batch mean"),
    (r"\sigma_l^2 = \frac{1}{N}\sum_p \left(x_{pl}-\mu_l\right)^2", "definition of the biased batch variance (written twice)"),
    (r"\frac{dL}{d\beta_j} &=& \sum_{kl}\frac{dL}{dy_{kl}}\frac{dy_{kl}}{d\beta_j}", "chain rule for beta (holds); left out for the 30% cap"),
    (r"&=& \sum_{kl}\frac{dL}{dy_{kl}}\delta_{lj}", "the beta chain's middle member, refuted for the same sign as claim b_final; left out for the 30% cap"),
    (r"\frac{dL}{dx_{ij}} &=& \sum_{kl}\frac{dL}{dy_{kl}}\frac{dy_{kl}}{dx_{ij}}", "chain rule over all outputs (holds); left out for the 30% cap"),
    (r"$$ \frac{dy_{kl}}{d\hat{x}_{kl}} = \gamma_l$$", "dy/dxhat = gamma_l (holds); left out for the 30% cap"),
    (r"\frac{d\sigma_l^2}{dx_{ij}} &=& \frac{1}{N}\sum_p2\left(\delta_{ip}\delta_{jl}-\frac{1}{N}\delta_{jl}\right)\left(x_{pl}-\mu_l\right)", "the first members of the variance chain (hold); scored through its last member (claim dsig_final), left out for the 30% cap"),
    (r"&=&\frac{2}{N}(x_{il}-\mu_l)\delta_{jl}-\frac{2}{N^2}\sum_p\delta_{jl}\left(x_{pl}-\mu_l\right)", "middle member of the variance chain (holds); left out for the 30% cap"),
    (r"&=&\sum_{k}\frac{dL}{dy_{kj}}\gamma_j\left[(\delta_{ik}-\frac{1}{N})(\sigma_j^2+\epsilon)^{-1/2}\right]", "an intermediate member of the dL/dx chain (holds); left out for the 30% cap"),
    (r"&=&\frac{dL}{dy_{ij}}\gamma_j(\sigma_j^2+\epsilon)^{-1/2}-\frac{1}{N}\sum_{k}\frac{dL}{dy_{kj}}\gamma_j(\sigma_j^2+\epsilon)^{-1/2}", "a member broken over two \\\\ rows (its last term is on the next row); the two rows together hold, neither alone"),
    (r"$$\hat{x_{kl}}=(x_{kl}-\mu_l)(\sigma_l+\epsilon)^{-1}$$", "an alternative forward definition (epsilon added to the standard deviation); its dx is given only as code"),
]

# ---------------------------------------------------------------- zh_cnn_chapter22_conv_pool_zh
ZHC = [
    ("dW", r"\frac{\partial L}{\partial W_{c_{out}, c_{in}, m, n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c_{out}, i, j}} \cdot X_{c_{in}, i \cdot s + m, j \cdot s + n}",
     "the multi-channel cross-correlation of 22.3.3.2, Y_{c_out,i,j} = sum_{c_in,m,n} X_{c_in, i s + m, j s + n} W_{c_out,c_in,m,n} + b_{c_out}, X read as the (padded) input the forward indexes: dL/dW = sum_{i,j} dL/dY X_{c_in, i s+m, j s+n}; holds (C_in, C_out, input, kernel, stride = (2,3,5x5,3x3,2), (1,2,6x6,2x2,1), (3,2,7x7,3x3,2), (2,2,7x6,2x2,3))"),
    ("dX", r"\frac{\partial L}{\partial X_{c_{in}, h, w}} = \sum_{c_{out}} \sum_{m,n} \frac{\partial L}{\partial Y_{c_{out}, i, j}} \cdot W_{c_{out}, c_{in}, m, n}",
     "with the condition under the display, (i, j) such that i s + m = h and j s + n = w, the sum running over the (m, n) for which such an output position exists: dL/dX_{c_in,h,w} = sum_{c_out} sum_{m,n} dL/dY_{c_out,i,j} W_{c_out,c_in,m,n}; holds at every drawn size and stride (the heading's 'rotate the kernel by 180 degrees' is prose, not part of the row)"),
    ("db", r"\frac{\partial L}{\partial b_{c_{out}}} = \sum_{i,j} \frac{\partial L}{\partial Y_{c_{out}, i, j}}",
     "dL/db_{c_out} = sum over the output positions of dL/dY_{c_out,i,j}; holds"),
    ("max_mask", r"\frac{\partial L}{\partial X_{m,n}} = M_{m,n} \cdot \frac{\partial L}{\partial Y_{i,j}}",
     "max pooling with k_p = s_p (the page's 2x2, stride-2 example), (i, j) the window holding (m, n); M as defined in the display before it, M_{m,n} = 1 where X_{m,n} = max(X), max(X) read as written, the maximum of the whole input X (the mask names no window): then only the global maximum receives a gradient, while every window's maximum should; refuted whenever the input holds more than one window (4x4 and 6x6 inputs, windows 2 and 3); the row would hold with the maximum of each window"),
    ("avg", r"\frac{\partial L}{\partial X_{m,n}} = \frac{1}{k_p^2} \cdot \frac{\partial L}{\partial Y_{i,j}}",
     "average pooling with k_p = s_p (non-overlapping windows, as the prose 'spread evenly over every position of the window' and the 2x2 stride-2 example take), (i, j) the window holding (m, n): dL/dX_{m,n} = (1/k_p^2) dL/dY_{i,j}; holds (4x4 with 2, 6x6 with 2 and 3)"),
]
ZHC_DIRS = [
    ("#### 22.3.3.3 卷积的反向传播", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=0 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->"),
    ("**最大池化的梯度：**", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
    ("**平均池化的梯度：**", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output L=loss -->"),
]
ZHC_EXCL = [
    (r"(I * K)(i, j) = \sum_{m=0}^{k_h-1} \sum_{n=0}^{k_w-1} I(i+m, j+n) \cdot K(m, n)", "definition of the convolution (a cross-correlation)"),
    (r"H' = \left\lfloor \frac{H + 2p - k}{s} \right\rfloor + 1", "output size (no derivative)"),
    (r"W' = \left\lfloor \frac{W + 2p - k}{s} \right\rfloor + 1", "output size (no derivative)"),
    (r"Y_{i,j} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} X_{i \cdot s + m, j \cdot s + n} \cdot W_{m,n} + b", "forward definition"),
    (r"Y_{c_{out}, i, j} = \sum_{c_{in}=0}^{C_{in}-1}", "forward definition (channels)"),
    (r"p = \left\lfloor \frac{k - 1}{2} \right\rfloor", "same-padding size (no derivative)"),
    (r"RF_l = RF_{l-1} + (k - 1) \times \prod_{i=1}^{l-1} s_i", "receptive-field recursion (no derivative)"),
    (r"Y_{i,j} = \max_{0 \leq m, n < k_p} X_{i \cdot s_p + m, j \cdot s_p + n}", "forward definition (max pooling)"),
    (r"Y_{i,j} = \frac{1}{k_p^2} \sum_{m=0}^{k_p-1}", "forward definition (average pooling)"),
    (r"M_{m,n} = \begin{cases} 1 & \text{if } X_{m,n} = \max(X) \\ 0 & \text{otherwise} \end{cases}", "definition of the mask (its max(X) decides claim max_mask)"),
]

# ---------------------------------------------------------------- ktu_pooling_backward_en
KTU = [
    ("dy_max", "\\frac{\\partial y_{i,j}}{\\partial x_{m,n}} =\n\\begin{cases}",
     "max pooling with non-overlapping k x k windows (stride s = k, as the page says pooling usually is and as its derivation assumes), (m, n) in R_{i,j}, (m*, n*) the argmax of R_{i,j}: dy_{i,j}/dx_{m,n} = 1 at the argmax, 0 elsewhere in the window; holds (4x4 with k = 2, 6x6 with k = 2 and 3; continuous draws, so the argmax is unique)"),
    ("router", r"\dfrac{\partial L}{\partial y_{i,j}},  (m,n) \text{ is the argmax of } R_{i,j}",
     "for non-overlapping windows each x_{m,n} lies in exactly one R_{i,j}: dL/dx_{m,n} = dL/dy_{i,j} at that window's argmax and 0 elsewhere; holds"),
    ("dy_avg", r"\frac{\partial y_{i,j}}{\partial x_{m,n}} = \frac{1}{k^{2}}",
     "average pooling, (m, n) in R_{i,j}: dy_{i,j}/dx_{m,n} = 1/k^2; holds"),
    ("avg", "\\frac{\\partial L}{\\partial x_{m,n}} = \\frac{1}{k^{2}} \\cdot \\frac{\\partial L}{\\partial y_{i,j}}\n$$",
     "non-overlapping windows (the sentence before the display says so), (i, j) the window holding (m, n): dL/dx_{m,n} = (1/k^2) dL/dy_{i,j}; holds"),
    ("router_qa", r"\dfrac{\partial L}{\partial y_{i,j}},  (m,n) = (m^\ast, n^\ast)",
     "the exam answer's max-pool backward, (m*, n*) the argmax of the window holding (m, n), non-overlapping windows (the answer key demands that statement): dL/dx = dL/dy_{i,j} there, 0 elsewhere; holds"),
]
KTU_DIRS = [
    ("### 3.2.1 Max-Pool Backward Pass", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input X=input y=output Y=output L=loss -->"),
    ("### 3.2.2 Average-Pool Backward Pass", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input X=input y=output Y=output L=loss -->"),
    ("**2. Max-Pool Backward (2 Marks):**", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: x=input X=input y=output Y=output L=loss -->"),
]
KTU_EXCL = [
    (r"H_{out} = \left\lfloor \frac{H_{in} + 2p - k}{s} \right\rfloor + 1, \qquad W_{out}", "output size (no derivative)"),
    ("X = \\begin{bmatrix}\n2 & 4 & 1 & 3 & 5", "the worked example's input (data)"),
    (r"y_{0,0} = \max(2,4,1,3) = 4", "worked forward value (max pooling; holds), no derivative"),
    (r"y_{0,1} = \max(1,3,7,2) = 7", "worked forward value (holds), no derivative"),
    (r"y_{1,0} = \max(5,6,0,2) = 6", "worked forward value (holds), no derivative"),
    (r"y_{1,1} = \max(4,2,9,4) = 9", "worked forward value (holds), no derivative"),
    (r"Y_{max} = \begin{bmatrix} 4 & 7 \\ 6 & 9 \end{bmatrix}", "worked forward output (holds), no derivative"),
    (r"y_{0,0} = \tfrac{1}{4}(2+4+1+3) = \tfrac{10}{4} = 2.50", "worked forward value (average pooling; holds), no derivative"),
    (r"Y_{avg} = \begin{bmatrix} 2.50 & 3.25 \\ 3.25 & 4.75 \end{bmatrix}", "worked forward output (holds), no derivative"),
    (r"H_{out} = \left\lfloor \frac{5 - 2}{2} \right\rfloor + 1", "output-size arithmetic (no derivative)"),
    ("$$\ny_{i,j} = \\max_{(m,n) \\in R_{i,j}} x_{m,n}\n$$", "forward definition (max pooling)"),
    ("$$\ny_{i,j} = \\frac{1}{k^{2}} \\sum_{(m,n) \\in R_{i,j}} x_{m,n}\n$$", "forward definition (average pooling)"),
    (r"$$y_{i,j} = \max_{(m,n) \in R_{i,j}} x_{m,n}$$", "forward definition, repeated in the exam answer"),
    (r"$$y_{i,j} = \frac{1}{k^{2}} \sum_{(m,n) \in R_{i,j}} x_{m,n}$$", "forward definition, repeated in the exam answer"),
    (r"$$\frac{\partial L}{\partial x_{m,n}} = \frac{1}{k^{2}} \cdot \frac{\partial L}{\partial y_{i,j}}$$", "the exam answer repeats claim avg word for word (holds); scored once"),
]

# ---------------------------------------------------------------- m323_mlp_softmax_de
MDE = [
    ("relu_d", r"g'(z) = \begin{cases} 1  z > 0 \\ 0  z \leq 0 \end{cases}",
     "g = ReLU: g'(z) = 1 for z > 0 and 0 for z < 0 (at z = 0 ReLU has no derivative; the page's 0 is the usual convention, and autograd's too); holds (drawn non-zero z)"),
    ("delta2", r"\delta^{[2]} = \hat{y} - y",
     "one sample (the backward pass is written for one sample's column vectors x, a^{[1]}, delta; no sample index), y-hat = softmax(z^{[2]}), y one-hot, L = -log y-hat_d: delta^{[2]} = dL/dz^{[2]} = y-hat - y; holds (input 4, hidden 5, classes 3; 3, 4, 5; 6, 3, 4)"),
    ("dW2", r"\frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} \cdot (a^{[1]})^T",
     "J read for the one sample the backward pass is written for (m = 1, J = L; the rows carry no 1/m and no sum over samples): dJ/dW^{[2]} = delta^{[2]} a^{[1]T} (n^{[2]} x n^{[1]}, W^{[2]}'s shape); holds"),
    ("db2", r"\frac{\partial J}{\partial b^{[2]}} = \delta^{[2]}",
     "dJ/db^{[2]} = delta^{[2]}; holds"),
    ("delta1", r"\delta^{[1]} = (W^{[2]})^T \cdot \delta^{[2]} \;\odot\; g'(z^{[1]})",
     "delta^{[1]} = dL/dz^{[1]} = (W^{[2]T} delta^{[2]}) entrywise g'(z^{[1]}) (the product read first, then the Hadamard product); holds"),
    ("dW1", r"\frac{\partial J}{\partial W^{[1]}} = \delta^{[1]} \cdot \mathbf{x}^T",
     "dJ/dW^{[1]} = delta^{[1]} x^T (one sample); holds"),
    ("db1", r"\frac{\partial J}{\partial b^{[1]}} = \delta^{[1]}",
     "dJ/db^{[1]} = delta^{[1]}; holds"),
]
MDE_DIRS = [
    ("### Activation Functions", "<!-- symbp: layer=activation name=relu names: z=input g=output -->"),
    ("### Backward Pass (Backpropagation)", "<!-- symbp: layer=fc in=4 out=3 weight=out-in target=one-hot names: \\mathbf{x}=input a^{[1]}=input W^{[1]}=kernel W^{[2]}=kernel b^{[1]}=bias b^{[2]}=bias z^{[1]}=output z^{[2]}=output \\hat{y}=activation y=target J=loss L=loss -->"),
]
MDE_EXCL = [
    (r"x_i = \frac{\text{pixel}_i}{255}", "data normalisation (no derivative)"),
    (r"y_k = \begin{cases} 1 & k = d \\ 0 & k \neq d \end{cases}", "definition of the one-hot label"),
    (r"W^{[l]}_{ij} \sim \mathcal{N}", "weight initialisation (no derivative)"),
    (r"$$b^{[l]} = \vec{0}$$", "bias initialisation"),
    (r"z^{[1]} = W^{[1]} \cdot \mathbf{x} + b^{[1]}", "forward definition"),
    (r"a^{[1]} = g(z^{[1]}) = \max(0, \; z^{[1]})", "forward definition"),
    (r"z^{[2]} = W^{[2]} \cdot a^{[1]} + b^{[2]}", "forward definition"),
    (r"\hat{y}_j = \frac{e^{z^{[2]}_j - \max(z^{[2]})}}", "forward definition (stable softmax)"),
    (r"$$g(z) = \max(0, \; z)$$", "definition of ReLU"),
    (r"a_j = \frac{e^{z_j}}{\displaystyle\sum_{k=1}^{N} e^{z_k}}", "definition of the softmax"),
    (r"L(\hat{y}, y) = -\sum_{j=1}^{N} \mathbf{1}\{y = j\} \log(a_j) = -\log(\hat{y}_d)", "definition of the loss (its one-hot simplification holds)"),
    (r"J(W, b) = -\frac{1}{m} \sum_{i=1}^{m}", "definition of the cost"),
    (r"W^{[l]} \leftarrow W^{[l]} - \alpha", "update rule (assignment)"),
    (r"b^{[l]} \leftarrow b^{[l]} - \alpha", "update rule (assignment)"),
    (r"\text{Prediction} = \arg\max(\hat{y})", "prediction rule (no derivative)"),
]

# ---------------------------------------------------------------- gru_backprop_note_en
GRU = [
    ("dz", r"\delta_{z_t} = \delta_{h_t} * (\widehat h_t - h_{t-1}) * \sigma'(z_t)",
     "h_t = (1 - z_t) h_{t-1} + z_t hhat_t; delta_{z_t} the gradient with respect to the update gate's pre-activation (the Delta W_z row uses it so); sigma'(z_t) read as the derivative of the sigmoid that produced z_t, i.e. z_t (1 - z_t) (the note names no pre-activation): delta_{z_t} = delta_{h_t} (hhat_t - h_{t-1}) z_t (1 - z_t); holds (in, hid, batch rows = (2,3,1), (3,2,2), (2,2,3)); read literally as sigma evaluated at the gate value it would not hold"),
    ("dhhat", r"\delta_{\widehat{h_t}} = \delta_{h_t} * z_t * \tanh' (\widehat {h_t})",
     "delta of the candidate's pre-activation: delta_{h_t} z_t (1 - hhat_t^2), tanh' read as the derivative of the tanh that produced hhat_t (same reading as claim dz); holds"),
    ("dr", r"\delta_{r_t} = (\delta_{\widehat h_t} \cdot W_h[:, \text{in}:]^T) * h_{t-1} * \sigma'(r_t)",
     "the forward [x_t, r_t * h_{t-1}] x W_h and the row Delta W_h = [x_t, r_t * h_{t-1}]^T . delta fix W_h as (in+hid) x hid, its rows split input | hidden; the hidden part of delta W_h^T is delta (W_h[in:, :])^T, but the row slices columns, W_h[:, in:] (all in+hid rows, the columns from index in on), whose transpose has in+hid columns and hid-in rows (none when hid <= in): the product with delta (batch x hid) is undefined at every size (and no reading of the slice gives dL/d(pre-activation of r_t)); refuted"),
    ("dWz", r"\Delta W_z = [x_t, h_{t-1}]^T \cdot \delta_{z_t}, \quad \Delta b_z = \sum \delta_{z_t}",
     "rows are samples: dL/dW_z = [x_t, h_{t-1}]^T delta_{z_t} ((in+hid) x hid) and dL/db_z = the sum of delta_{z_t} over the rows (the batch); both parts hold"),
    ("dWr", r"\Delta W_r = [x_t, h_{t-1}]^T \cdot \delta_{r_t}, \quad \Delta b_r = \sum \delta_{r_t}",
     "with delta_{r_t} the true gradient of the reset gate's pre-activation: dL/dW_r = [x_t, h_{t-1}]^T delta_{r_t}, dL/db_r = sum of delta_{r_t} over the batch; both hold"),
    ("dWh", r"\Delta W_h = [x_t, r_t * h_{t-1}]^T \cdot \delta_{\widehat{h_t}}, \quad \Delta b_h = \sum \delta_{\widehat{h_t}}",
     "dL/dW_h = [x_t, r_t * h_{t-1}]^T delta_{hhat} and dL/db_h = sum of delta_{hhat}; both hold"),
    ("dhprev", r"\delta_{h_{t-1}} = \delta_{h_t} * (1 - z_t) + \delta_{z_t} \cdot W_z[:, \text{in}:]^T",
     "the same column slices as claim dr: W_z[:, in:]^T, W_r[:, in:]^T, W_h[:, in:]^T have in+hid columns, so delta (batch x hid) times them is undefined, and no term can give a batch x hid result for dL/dh_{t-1}; refuted (the intended row, with the hidden rows W[in:, :], would hold)"),
    ("dx", r"\delta_{x_t} = (\delta_{z_t} \cdot W_z[:, :\text{in}]^T)",
     "W_z[:, :in] takes the first in columns of the (in+hid) x hid matrix; its transpose is in x (in+hid), so delta (batch x hid) times it is undefined unless hid = in, and then the result is batch x (in+hid), not the batch x in of dL/dx_t; refuted at every size (the input rows W[:in, :] would give the right gradient)"),
]
GRU_DIRS = [
    ("## Backprop\n", "<!-- symbp: layer=gru in=2 hidden=3 batch=1 names: x_t=input h_{t-1}=input h_t=output W_z=kernel W_r=kernel W_h=kernel b_z=bias b_r=bias b_h=bias -->"),
]
GRU_EXCL = [
    (r"z_ {t} =\sigma([x_{t}, h_{t-1}]\times W_{z} + b_z)", "forward definition (update gate)"),
    (r"r_ {t} = \sigma ( [x_{t}, h_{t-1}]\times W_{r} + b_r)", "forward definition (reset gate)"),
    (r"\widehat h_t= \tanh ([x_t, r_ {t} * h_ {t-1}]\times W_{h} + b_h)", "forward definition (candidate state)"),
    (r"h_ {t} =(1- z_ {t} )* h_ {t-1} + z_ {t} * \widehat h_ {t}", "forward definition (new state)"),
]

TABLE = {
    "cs231n_bn_alt_backward_en.md": ("bn", BN, BN_DIRS, BN_EXCL),
    "zh_cnn_chapter22_conv_pool_zh.md": ("zhc", ZHC, ZHC_DIRS, ZHC_EXCL),
    "ktu_pooling_backward_en.md": ("ktu", KTU, KTU_DIRS, KTU_EXCL),
    "m323_mlp_softmax_de.md": ("mde", MDE, MDE_DIRS, MDE_EXCL),
    "gru_backprop_note_en.md": ("gru", GRU, GRU_DIRS, GRU_EXCL),
}
