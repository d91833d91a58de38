"""The seventy-fifth held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout75.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- aaumar_cnn_en
AC = [
    ("dO11_dF12", r"\frac{\partial O_{11}}{\partial {F}_{12}}={X}_{12}",
     "the post's forward written out entry by entry (3x3 X, 2x2 F, 2x2 O, entries from 1: O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}, ..., a valid cross-correlation, stride 1); the second part of the local-gradient display, dO_{11}/dF_{12} = X_{12}; holds (autograd Jacobian of the written forward, seeded draws)"),
    ("dF12", r"\frac{\partial L}{\partial F_{12}}=\frac{\partial L}{\partial O_{11}} * X_{12}",
     "'*' read as the ordinary product (the page multiplies a scalar upstream gradient by a scalar entry; no convolution is meant in these rows); dL/dF_{12} = dL/dO_{11} X_{12} + dL/dO_{12} X_{13} + dL/dO_{21} X_{22} + dL/dO_{22} X_{23}, L any loss of O (drawn non-linear loss); holds (the four substituted rows and the four chain rows above them all hold: checked)"),
    ("dF21", r"\frac{\partial L}{\partial F_{21}}=\frac{\partial L}{\partial O_{11}} * X_{21}",
     "dL/dF_{21} = dL/dO_{11} X_{21} + dL/dO_{12} X_{22} + dL/dO_{21} X_{31} + dL/dO_{22} X_{32} (the row-and-column order an index slip would swap with dF12's); holds"),
    ("dO11_dX21", r"\frac{\partial O_{11}}{\partial {X}_{21}}={F}_{21}",
     "third part of the input local-gradient display, dO_{11}/dX_{21} = F_{21}; holds (autograd Jacobian)"),
    ("dX22", r"\frac{\partial L}{\partial X_{22}}=\frac{\partial L}{\partial O_{11}} * {F}_{22}",
     "the centre input entry, reached by all four outputs: dL/dX_{22} = dL/dO_{11} F_{22} + dL/dO_{12} F_{21} + dL/dO_{21} F_{12} + dL/dO_{22} F_{11} ('*' the product); holds (all nine rows hold: checked)"),
    ("dX32", r"\frac{\partial L}{\partial X_{32}}=\frac{\partial L}{\partial O_{21}} * {F}_{22}",
     "dL/dX_{32} = dL/dO_{21} F_{22} + dL/dO_{22} F_{21}; holds"),
]
AC_DIRS = [
    ("## The Convolutional Layer", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->"),
]
AC_EXCL = [
    (r"O_{11}&=X_{11}F_{11}+X_{12}F_{12}+X_{21}F_{21}+X_{22}F_{22}\\", "forward definition, the four outputs written out (stands twice, word for word)"),
    (r"O=1+\frac{N-F}{S}", "output size (not a gradient)"),
    (r"O=1+\frac{N-F+2P}{S}", "output size with padding (not a gradient)"),
    (r"F_\text{new} = F_\text{current}-\alpha\cdot\frac{\partial L}{\partial F}", "the gradient-descent update (not a gradient claim)"),
    ("$$\nO_{11}=X_{11}F_{11}+X_{12}F_{12}+X_{21}F_{21}+X_{22}F_{22}\n$$", "forward definition of O_{11} (stands twice)"),
    (r"\frac{\partial O_{11}}{\partial {F}_{11}}={X}_{11,}", "the other three parts of the local-gradient display (hold; the first carries a stray comma, X_{11,}); left out for the cap"),
    (r"\frac{\partial L}{\partial F}=\frac{\partial L}{\partial O} * \frac{\partial O}{\partial F}", "the chain rule with the tensor dO/dF and '*' whose contraction is not said; not settled"),
    (r"\frac{\partial L}{\partial F_{i}}=\sum_{k=1}^{M}", "the chain over flattened indices F_i, O_k with an upper limit M the page never defines (true with M the number of outputs: checked); not settled"),
    (r"\frac{\partial L}{\partial F_{11}}=\frac{\partial L}{\partial O_{11}} * \frac{\partial O_{11}}{\partial F_{11}}", "the four chain rows over the four outputs (hold: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial F_{11}}=\frac{\partial L}{\partial O_{11}} * X_{11}", "the substituted rows for F_{11} and F_{22} (hold: checked); left out for the cap"),
    (r"\frac{\partial O_{11}}{\partial {X}_{11}}={F}_{11,}", "the other three parts of the input local-gradient display (hold); left out for the cap"),
    (r"\frac{\partial L}{\partial X_{i}}=\sum_{k=1}^{M}", "the chain over flattened indices with the undefined M (true with M = 4: checked); not settled"),
    (r"\frac{\partial L}{\partial X_{11}}=\frac{\partial L}{\partial O_{11}} * {F}_{11}", "the other seven input-gradient rows (hold: checked); left out for the cap"),
]

# ---------------------------------------------------------------- aaumar_ann_en
AA = [
    ("sig_d", r"h'(a)=h(a)(1-h(a))",
     "h(a) = 1/(1+e^{-a}) (the same display's first part); h'(a) = h(a)(1 - h(a)); holds (a drawn, 3, 5 and 8 values; autograd)"),
    ("tanh_d", r"h'(a)=1-h(a)^2",
     "h(a) = (e^a - e^{-a})/(e^a + e^{-a}); h'(a) = 1 - h(a)^2; holds"),
    ("relu_d", r"h'(a)=\left\{\begin{array}{lll}",
     "h(a) = max(0, a); h'(a) = 1 for a > 0, 0 otherwise (0 at a = 0 as a subgradient; continuous draws never hit 0); holds"),
    ("dw2", r"=(y_k-t_k)\cdot1\cdot z_j",
     "the post's network: a_j^{(1)} = sum_{i=0}^{D} w^{(1)}_{i,j} x_i (x_0 = 1), z_j = tanh(a_j^{(1)}) (z_0 = 1), a_k^{(2)} = sum_{j=0}^{H} w^{(2)}_{j,k} z_j, linear outputs y_k = a_k^{(2)}, E_n = (1/2) sum_k (y_k - t_k)^2 with two outputs (the rows sum k = 1..2; the text's 'one output' and the one-column w^{(2)} disagree with them); dE_n/dw^{(2)}_{j,k} = (y_k - t_k) . 1 . z_j for every j = 0..H, k; holds (D, H = 2,3 (the post's), 3,2, 2,4, 4,3; autograd)"),
    ("dzj", r"\dfrac{\partial E_n(\mathbf w)}{\partial z_j}=\sum_{k=1}^{2}\left(",
     "dE_n/dz_j = sum_{k=1}^{2} dE_n/dy_k . dy_k/da_k^{(2)} . da_k^{(2)}/dz_j = sum_k (y_k - t_k) w^{(2)}_{j,k}, for the hidden units j = 1..H (autograd's gradient at the node z_j); holds"),
    ("dw1", r"=\sum_{k=1}^2\left((y_k-t_k )\cdot1\cdot z_j \right )",
     "the first layer's gradient written sum_{k=1}^{2} ((y_k - t_k) . 1 . z_j) . (1 - h(a_j^{(1)})^2) . x_i (the unbalanced \\left( \\right( \\left) \\right ) read as (1 - h(a_j)^2)): the factor da_k^{(2)}/dz_j is w^{(2)}_{j,k}, as the dzj row above says, not z_j (z_j is da_k^{(2)}/dw^{(2)}_{j,k}, carried over from the w^{(2)} row); the true gradient is sum_k (y_k - t_k) w^{(2)}_{j,k} (1 - z_j^2) x_i; refuted (every size and draw; with w^{(2)}_{j,k} in place of z_j the row equals autograd's: checked)"),
]
AA_DIRS = [
    ("1. Logistic sigmoid", "<!-- symbp: layer=activation name=sigmoid names: a=input -->"),
    ("2. Hyperbolic tangent", "<!-- symbp: layer=activation name=tanh names: a=input -->"),
    ("3. Rectified Linear Unit (ReLU)", "<!-- symbp: layer=activation name=relu names: a=input -->"),
    ("## Error Backpropagation", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=0 names: x=input z=input w^{(1)}=kernel w^{(2)}=kernel a^{(1)}=output a^{(2)}=output y=activation t=target E_n=loss -->"),
]
AA_EXCL = [
    (r"a=\sum_{i=1}^D x_iw_i+w_0,", "forward definition (one neuron, bias apart)"),
    (r"a=\sum_{i=0}^D x_iw_i,", "forward definition (bias as x_0 = 1)"),
    ("$$z=h(a)$$", "forward definition"),
    (r"z_j&=h\left(\sum_{i=0}^D x_iw_{j,i}^{(1)}\right)", "forward definition of the two layers (with w_{j,i} here against w_{i,j} in the text and later rows)"),
    (r"E_n(\mathbf w)&=\dfrac{1}{2}\sum_{k=1}^K", "the error function (definition)"),
    (r"w^{(1)}=\left[\begin{array}{lll}", "the first weight matrix written out (notation)"),
    (r"a_1^{(1)}&=\sum_{i=0}^2 w_{i,1}^{(1)}x_i", "forward definition of the hidden activations"),
    (r"z_1=h(a_1^{(1)})=", "forward definition of the hidden units (z_1 written twice)"),
    (r"w^{(2)}=\left[\begin{array}{l}", "the second weight matrix, one column (notation; disagrees with the two outputs used below)"),
    (r"a_1^{(2)}&=\sum_{j=0}^3 w_{j,1}^{(2)}z_j", "forward definition of the output activations"),
    (r"y_1=h\left(a_1^{(2)}\right)=a_1^{(2)}", "forward definition (linear outputs)"),
    (r"\nabla_\mathbf wE_n(\mathbf w)=\begin{bmatrix}", "the gradient as a stack of two chains, the first with unsubscripted y and a^{(2)} that the text says stand for a sum over k; not settled as written"),
    (r"\dfrac{\partial E(\mathbf w)}{\partial w_{j,k}^{(2)}}&=\sum_n", "the data set's gradient as the sum of the samples' (holds for E = sum_n E_n; a sum over samples the forward has no batch for); left out"),
    (r"\dfrac{\partial E_n(\mathbf w)}{\partial w_{i,j}^{(1)}}=\dfrac{\partial E_n(\mathbf w)}{\partial y} \cdot", "the first layer's chain with unsubscripted y and a^{(2)} (the text says a sum over k is meant); not settled as written"),
    (r"\dfrac{\partial E_n(\mathbf w)}{\partial w_{i,j}^{(1)}}&=\dfrac{\partial E_n(\mathbf w)}{\partial z_j}\cdot", "first row of the last display, dE_n/dw^{(1)}_{i,j} = dE_n/dz_j . dz_j/da_j . da_j/dw_{i,j} (holds: checked); left out for the cap"),
    (r"\dfrac{\partial E(\mathbf w)}{\partial w_{i,j}^{(1)}}&=\sum_n", "the data set's gradient as the sum of the samples' (as above); left out"),
]

# ---------------------------------------------------------------- bn_paper_review_ko
BK = [
    ("dxhat", r"\frac{\partial L}{\partial \hat{x_i}} = \frac{\partial L}{\partial y_i} \cdot \gamma",
     "y_i = gamma xhat_i + beta; dL/dxhat_i = dL/dy_i gamma, L any loss of y (drawn non-linear loss); holds (m = 3, 4, 6; eps = 1e-5, 1e-2, 0.1, 0.5; autograd's gradient at the node xhat)"),
    ("dvar", r"\frac{\partial L}{\partial \sigma_B^2} = \sum_{i=1}^{m}",
     "the post's own forward divides by sqrt(sigma_B^2) + eps (epsilon outside the root): xhat_i = (x_i - mu_B) / (sigma_B + eps) with sigma_B = sqrt(sigma_B^2), so dxhat_i/dsigma_B^2 = -(x_i - mu_B) / (sigma_B + eps)^2 . 1/(2 sigma_B), and dL/dsigma_B^2 = sum_i dL/dxhat_i (that factor); the row's (-1/2)(sigma_B^2 + eps)^{-3/2} is the factor of the paper's forward (eps inside the root), which the post does not write; the two agree only at eps = 0; refuted (every eps > 0 listed, every draw; under the paper's forward the row holds: checked)"),
    ("dmu", r"\frac{\partial L}{\partial \mu_B} = (\sum_{i=1}^{m}",
     "dL/dmu_B = sum_i dL/dxhat_i . (-1/sqrt(sigma_B^2 + eps)) + dL/dsigma_B^2 . sum_i -2(x_i - mu_B) / m; under the post's forward the direct term is -1/(sigma_B + eps), not -1/sqrt(sigma_B^2 + eps) (the second term vanishes since sum_i (x_i - mu_B) = 0, whichever dL/dsigma_B^2 is used); autograd's gradient at the node mu_B differs; refuted (every eps > 0; under the paper's forward it holds: checked)"),
]
BK_DIRS = [
    ("# Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift (Korean paper review, transcribed)",
     "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\hat{x_i}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
BK_EXCL = [
    (r"\mu_{B} \leftarrow \frac{1}{m} \sum_{i=1}^{m} x_i", "forward definition (mean)"),
    (r"\sigma_B^2 \leftarrow \frac{1}{m} \sum_{i=1}^{m} (x_i-\mu_B)^2", "forward definition (biased variance)"),
    (r"\hat{x_i} \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", "forward definition (epsilon outside the root; the scored dvar and dmu are read under it)"),
    (r"y_i = \gamma \hat{x_i} + \beta", "forward definition (scale and shift)"),
]

# ---------------------------------------------------------------- ml_interview_derivations_en
MI = [
    ("dw_single", r"\frac{\partial L}{\partial \mathbf{w}} = \frac{\partial L}{\partial a} \cdot \sigma'(z) \cdot \mathbf{x}",
     "one neuron z = w^T x + b, a = sigma(z) (sigma any activation: sigmoid and tanh drawn), L any loss of a (drawn non-linear loss): dL/dw = dL/da sigma'(z) x; holds (n = 2, 3, 5; autograd)"),
    ("delta_rec", r"\boldsymbol{\delta}^{(l)} = \left(W^{(l+1)T}",
     "z^{(l+1)} = W^{(l+1)} a^{(l)} + b^{(l+1)}, a^{(l)} = sigma(z^{(l)}), delta^{(l)} = dL/dz^{(l)}: delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) . sigma'(z^{(l)}) (W^{(l+1)T} the transpose); holds (n_l, n_{l+1} = 3,2; 2,4; 4,3; tanh and sigmoid; autograd's gradients at the nodes z)"),
    ("bce_dyhat", r"\frac{\partial L}{\partial \hat{y}} = -\frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}",
     "L = -[y log yhat + (1 - y) log(1 - yhat)], yhat in (0, 1), y drawn in [0, 1] and at 0 and 1: dL/dyhat = -y/yhat + (1 - y)/(1 - yhat); holds"),
    ("sm_ne", r"\frac{\partial s_i}{\partial z_j} = \frac{0 - e^{z_i} \cdot e^{z_j}}",
     "s_i = e^{z_i} / sum_j e^{z_j}; for i != j, ds_i/dz_j = (0 - e^{z_i} e^{z_j}) / (sum_k e^{z_k})^2 = -s_i s_j; holds (C = 2, 3, 4, 6; autograd Jacobian, every i != j)"),
    ("attn_ds", r"\frac{\partial L}{\partial s_i} = a_i \odot",
     "A = softmax(S) by rows, a_i the i-th row of A, s_i read as the i-th row of the scores S (the row the softmax maps to a_i; the page names only a_i), dL/da_i the i-th row of dL/dA: dL/ds_i = a_i . (dL/da_i - a_i^T dL/da_i), the inner product a scalar subtracted from every entry; holds (m x n = 2x3, 3x3, 4x2; L any loss of A, drawn)"),
    ("attn_dQ", r"\frac{\partial L}{\partial Q} = \frac{1}{\sqrt{d_k}} \cdot \frac{\partial L}{\partial S} \cdot K",
     "S = Q K^T / sqrt(d_k) (the section's forward, the scale inside S), dL/dS the gradient at S: dL/dQ = (1/sqrt(d_k)) dL/dS K; holds (n, d_k = 3,2; 4,3; 2,4; out = softmax(S) V, L drawn; the second part, dL/dK = (1/sqrt(d_k)) (dL/dS)^T Q, holds too: checked)"),
]
MI_DIRS = [
    ("## 1. Backpropagation", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: \\mathbf{x}=input \\mathbf{w}=kernel \\mathbf{a}^{(l-1)}=input W^{(l)}=kernel W^{(l+1)}=kernel \\mathbf{b}^{(l)}=bias \\mathbf{z}^{(l)}=output \\mathbf{a}^{(l)}=activation \\boldsymbol{\\delta}^{(l)}=output_grad L=loss -->"),
    ("## 2. Logistic Regression Cross-Entropy Gradient", "<!-- symbp: layer=fc in=3 out=1 names: \\mathbf{x}=input \\mathbf{w}=kernel b=bias z=output \\hat{y}=activation y=target L=loss -->"),
    ("## 3. Softmax Gradient", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input s=output L=loss -->"),
    ("## 7. MSE vs BCE for Classification", "<!-- symbp: layer=fc in=3 out=1 names: \\mathbf{x}=input \\mathbf{w}=kernel z=output \\hat{y}=activation y=target L=loss -->"),
    ("## 8. Batch Normalization Forward and Backward", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
MI_EXCL = [
    (r"z = \mathbf{w}^T \mathbf{x} + b, \quad a = \sigma(z), \quad L = \text{Loss}(a, y)", "forward definition (one neuron)"),
    (r"\frac{\partial L}{\partial \mathbf{w}} = \frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot \frac{\partial z}{\partial \mathbf{w}}$$", "the chain rule in Leibniz factors (holds: an identity); left out for the cap"),
    (r"\frac{\partial z}{\partial \mathbf{w}} = \mathbf{x}, \quad", "the three factors (hold; the third is words); left out"),
    (r"\frac{\partial L}{\partial \mathbf{w}} = \delta \cdot \mathbf{x}, \quad \frac{\partial L}{\partial b} = \delta", "dL/dw = delta x, dL/db = delta (hold: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial W^{(l)}} = \boldsymbol{\delta}^{(l)} (\mathbf{a}^{(l-1)})^T", "dL/dW^{(l)} = delta^{(l)} a^{(l-1)T}, dL/db^{(l)} = delta^{(l)} (hold: checked); left out for the cap"),
    (r"z = \mathbf{w}^T \mathbf{x} + b, \quad \hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}", "forward definition (logistic regression)"),
    (r"L = -\left[y \log \hat{y} + (1 - y) \log(1 - \hat{y})\right]", "the loss (definition)"),
    (r"\frac{\partial \hat{y}}{\partial z} = \sigma(z)(1 - \sigma(z)) = \hat{y}(1 - \hat{y})", "the sigmoid's derivative (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial z} = \left(-\frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}\right) \cdot \hat{y}(1-\hat{y})", "the chain for dL/dz (holds: checked); left out for the cap"),
    (r"= -y(1 - \hat{y}) + (1-y)\hat{y} = -y + y\hat{y} + \hat{y} - y\hat{y} = \hat{y} - y", "the algebra down to yhat - y (holds: checked); left out for the cap"),
    (r"\boxed{\frac{\partial L}{\partial \mathbf{w}} = (\hat{y} - y)\mathbf{x}, \quad \frac{\partial L}{\partial b} = \hat{y} - y}", "the boxed BCE gradients (hold: checked); left out for the cap"),
    (r"\frac{\partial s_i}{\partial z_i} = \frac{e^{z_i} \sum_j e^{z_j} - e^{z_i} \cdot e^{z_i}}", "the case i = j, s_i(1 - s_i) (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial z_i} = \sum_k \frac{\partial L}{\partial s_k} \cdot \frac{\partial s_k}{\partial z_i}", "the chain over the softmax outputs (holds: an identity); left out"),
    (r"\frac{\partial L}{\partial z_i} = -\frac{1}{s_y} \cdot \frac{\partial s_y}{\partial z_i} = \begin{cases}", "dL/dz_i for L = -log s_y: s_y - 1 at i = y, s_i elsewhere (holds: checked); left out for the cap"),
    (r"S = \frac{QK^T}{\sqrt{d_k}}, \quad A = \text{softmax}(S), \quad \text{out} = AV", "forward definition (attention)"),
    (r"\frac{\partial L}{\partial V} = A^T \frac{\partial L}{\partial \text{out}}", "dL/dV = A^T dL/dout (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial A} = \frac{\partial L}{\partial \text{out}} V^T", "dL/dA = dL/dout V^T (holds: checked); left out for the cap"),
    (r"\text{Var}(q_i k_i) = ", "a variance (not a gradient)"),
    (r"\text{Var}(q^T k) = d_k", "a variance (not a gradient)"),
    (r"\text{softmax}(z)_i \approx \mathbb{1}[i = \arg\max] \implies \nabla_z \text{softmax} \approx 0", "an approximation in words (not settled)"),
    (r"m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t", "Adam's moment update (not a gradient)"),
    (r"m_t = (1 - \beta_1) \sum_{i=1}^{t} \beta_1^{t-i} g_i", "the update unrolled (not a gradient)"),
    (r"\mathbb{E}[m_t] = (1 - \beta_1) g \sum_{i=1}^{t}", "an expectation (not a gradient)"),
    (r"\hat{m}_t = \frac{m_t}{1 - \beta_1^t}", "bias correction (not a gradient)"),
    (r"= (\hat{y} - y) \cdot \hat{y}(1 - \hat{y}) \cdot \mathbf{x}", "the MSE-with-sigmoid gradient for L = (1/2)(yhat - y)^2 (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial \mathbf{w}} = (\hat{y} - y) \cdot \mathbf{x}", "the BCE gradient again (holds); left out as a repeat of section 2"),
    (r"\mu_B = \frac{1}{m} \sum_{i=1}^m x_i, \quad", "forward definition (batch norm statistics)"),
    (r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \quad y_i = \gamma \hat{x}_i + \beta", "forward definition (batch norm)"),
    (r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \cdot \gamma", "the four batch-norm backward rows (all hold: checked); left out because the same four rows are scored in the Chinese note of this set (dl_midterm_notes_zh)"),
    (r"\frac{\partial L_{\text{total}}}{\partial \mathbf{w}} = \frac{\partial L_{\text{task}}}{\partial \mathbf{w}} + \lambda \mathbf{w}", "the L2 term's gradient (holds: checked); left out for the cap"),
    (r"\mathbf{w} \leftarrow \mathbf{w} - \eta\left(", "an update rule (not a gradient)"),
    (r"\mathbf{w} \leftarrow (1 - \eta\lambda)\mathbf{w} - \eta \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}", "AdamW's update (not a gradient)"),
]

# ---------------------------------------------------------------- dl_midterm_notes_zh
DM = [
    ("delta_L", r"\delta^L = \frac{\partial L}{\partial a^L} \odot \sigma'(z^L)",
     "delta^l = dL/dz^l (the line before), a^L = sigma(z^L) entrywise (sigma any activation: tanh and sigmoid drawn), L any loss of a^L: delta^L = dL/da^L . sigma'(z^L); holds (n = 2, 3, 5; autograd)"),
    ("delta_l", r"\delta^l = (W^{l+1}^\top \delta^{l+1}) \odot \sigma'(z^l)",
     "W^{l+1}^\\top (a double superscript LaTeX rejects) read as the transpose of W^{l+1}; z^{l+1} = W^{l+1} a^l + b^{l+1}, a^l = sigma(z^l): delta^l = (W^{l+1 T} delta^{l+1}) . sigma'(z^l); holds (n_l, n_{l+1} = 3,2; 2,4; 4,3; autograd's gradients at the nodes z)"),
    ("dW", r"\frac{\partial L}{\partial W^l} = \delta^l (a^{l-1})^\top",
     "dL/dW^l = delta^l (a^{l-1})^T, one sample (the delta's are defined per sample); holds (n_{l-1}, n_l = 3,2; 2,4; 4,3); with the samples as columns of delta and a the same product sums over the batch and holds too: checked"),
    ("bn_dmu", r"\frac{\partial L}{\partial \mu_B} = \sum_i \frac{\partial L}{\partial \hat{x}_i} \left(-\frac{1}{\sqrt{\sigma_B^2+\varepsilon}}\right)",
     "the note's forward (biased variance, eps inside the root): dL/dmu_B = sum_i dL/dxhat_i (-1/sqrt(sigma_B^2 + eps)) + dL/dsigma_B^2 (-2/m) sum_i (x_i - mu_B), autograd's gradient at the node mu_B (sigma_B^2 computed from mu_B); holds (m = 3, 4, 6; eps = 1e-5, 1e-2, 0.1)"),
    ("bn_dx", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \cdot \frac{1}{\sqrt{\sigma_B^2+\varepsilon}}",
     "dL/dx_i = dL/dxhat_i / sqrt(sigma_B^2 + eps) + dL/dsigma_B^2 2(x_i - mu_B)/m + dL/dmu_B / m, with the node gradients; equals autograd's dL/dx; holds (the rows for dL/dxhat and dL/dsigma_B^2 hold too: checked)"),
]
DM_DIRS = [
    ("## 1. 神經網路基礎", "<!-- symbp: layer=fc in=3 out=2 weight=out-in names: a^{l-1}=input W^l=kernel W^{l+1}=kernel b^l=bias z^l=output a^l=activation a^L=activation \\delta^l=output_grad L=loss -->"),
    ("## 4. Batch Normalization（這題如果出現就是 20~30 分的大題）", "<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
]
DM_EXCL = [
    (r"z = \mathbf{w}^\top \mathbf{x} + b \quad ,\quad a = \sigma(z)", "forward definition (one neuron)"),
    (r"\sigma(z)=\frac{1}{1+e^{-z}}", "forward definitions of the six activations (table cells)"),
    ("$$\\sigma(z)(1-\\sigma(z))$$", "the derivative cells (sigmoid, tanh, ReLU, Softplus): bare expressions under the table's 'derivative' column with no equation; not read as claims (all four are right: checked, ReLU's at 0 as a subgradient); the Leaky ReLU cell is words ('same as above', i.e. ReLU's 0 / 1, which misses the slope alpha) and the Hard Tanh cell is words"),
    (r"\frac{\partial L}{\partial b^l} = \sum_{\text{batch}} \delta^l", "the bias gradient summed over a batch beside a weight gradient with no batch; holds per sample and for a summed batch loss, not settled between the two readings; left out"),
    (r"w \leftarrow w - \eta \nabla L", "optimiser updates (SGD, Momentum, AdaGrad, RMSProp; not gradients)"),
    (r"\mu_B = \frac{1}{m}\sum_{i=1}^m x_i", "forward definitions of batch norm (four displays)"),
    (r"\mathbb{E}[x] \leftarrow 0.1 \cdot \mathbb{E}[x] + 0.9 \cdot \mu_B", "the running-mean update (not a gradient; its weights are the reverse of the framework default the note names)"),
    (r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \cdot \gamma", "dL/dxhat_i = dL/dy_i gamma (holds: checked); left out for the cap"),
    (r"\frac{\partial L}{\partial \sigma_B^2} = \sum_i \frac{\partial L}{\partial \hat{x}_i} (x_i-\mu_B)", "dL/dsigma_B^2 (holds: checked); left out for the cap"),
    (r"y = \mathcal{F}(x,\{W_i\}) + x", "ResNet block (forward)"),
    (r"x_l = H_l([x_0,x_1,\dots,x_{l-1}])", "DenseNet connectivity (forward)"),
    (r"\text{Attention}(Q,K,V) = \text{softmax}\left( \frac{QK^\top}{\sqrt{d_k}} \right)V", "attention (forward)"),
]

TABLE = {
    "aaumar_cnn_en.md": ("ac", AC, AC_DIRS, AC_EXCL),
    "aaumar_ann_en.md": ("aa", AA, AA_DIRS, AA_EXCL),
    "bn_paper_review_ko.md": ("bk", BK, BK_DIRS, BK_EXCL),
    "ml_interview_derivations_en.md": ("mi", MI, MI_DIRS, MI_EXCL),
    "dl_midterm_notes_zh.md": ("dm", DM, DM_DIRS, DM_EXCL),
}
