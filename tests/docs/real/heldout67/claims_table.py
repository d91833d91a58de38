"""The sixty-seventh held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout67.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- rescuerz_cs231n_backprop_zh
RES = [
    ("sig", r"= (1 - \sigma(x))\sigma(x)",
     "sigma the logistic sigmoid 1/(1 + e^{-x}): dsigma/dx = e^{-x}/(1 + e^{-x})^2 = (1 - sigma(x)) sigma(x); the final member of the chain holds (drawn x, several sizes, autograd)"),
    ("mm_dW", r"\frac{\partial D}{\partial W}= \frac{\partial L}{\partial D} \cdot X^T",
     "D = W X with W n x p, X p x m (the page's sizes), L scalar: dL/dW = dL/dD X^T (n x p); holds (n, p, m = 2,3,4 / 3,2,5 / 4,4,1; drawn non-linear L)"),
    ("mm_dX", r"\frac{\partial L}{\partial X} = W^T \cdot \frac{\partial L}{\partial D}",
     "same D = W X: dL/dX = W^T dL/dD (p x m); holds"),
]
RES_DIRS = [
    ("### 模块化：Sigmoid 例子", "<!-- symbp: layer=activation name=sigmoid names: x=input \\sigma=activation -->"),
    ("## 用向量化操作计算梯度", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: X=input W=kernel D=output L=loss -->"),
]
RES_EXCL = [
    (r"f(w, x) = \frac{1}{1 + e^{-(w_0x_0 + w_1x_1 + w_2)}}", "forward definition (a sigmoid neuron)"),
    ("$$\n\\sigma(x) = \\frac{1}{1 + e^{-x}}\n$$", "forward definition"),
    (r"f(x, y) = \frac{x + \sigma(y)}{\sigma(x) + (x+y)^2}", "forward definition of the staged example (its gradients are given only as code)"),
    (r"\frac{\mathrm{d} L }{\mathrm{d} x_{11}}=\frac{\mathrm{d} y }{\mathrm{d} x_{11}}\cdot \frac{\mathrm{d} L }{\mathrm{d} y}", "generic chain rule for one entry of X with y the whole output of Y = X W (a contraction over all of y; holds), written for the second convention of the section (X N x D, W D x M), not scored"),
]

# ---------------------------------------------------------------- bn_explained_en
BNE = [
    ("dgamma_k", r"\frac{\partial L}{\partial \gamma_k} = \sum_{i=1}^{m} \delta_k^{(i)} \hat{x}_k^{(i)}",
     "batch norm over m samples per feature k, y = gamma x^ + beta, delta = dL/dy: dL/dgamma_k = sum_i delta_k^{(i)} x^_k^{(i)}; holds (m = 4, 5, 7; 1 to 3 features; eps = 1e-5; drawn non-linear L)"),
    ("dx", r"\frac{\partial L}{\partial x_k^{(i)}} = \frac{1}{m} \frac{1}{\sqrt{\sigma_k^2 + \epsilon}} \left( m",
     "the usual closed form dL/dx_i = (1/m)(sigma^2 + eps)^{-1/2} (m g_i - sum_j g_j - x^_i sum_j g_j x^_j) with g = dL/dx^ = delta gamma and sigma^2 the biased batch variance; holds"),
    ("chain1", r"\frac{\partial L}{\partial x_k^{(i)}} = \frac{\partial L}{\partial \hat{x}_k^{(i)}} \cdot \frac{\partial \hat{x}_k^{(i)}}{\partial x_k^{(i)}}",
     "step 1 of the derivation: one product dL/dx^_i . dx^_i/dx_i, with dx^_i/dx_i the full partial of x^_i in x_i (through mu and sigma^2 as well, as step 2 computes it); every x^_j depends on x_i through the batch mean and variance, so the paths j != i are missing: the row differs from dL/dx_i for m >= 2; refuted (drawn m = 4, 5, 7)"),
    ("dxhat_dx", r"\frac{\partial \hat{x}_k^{(i)}}{\partial x_k^{(i)}} = \frac{1}{\sqrt{\tilde{\sigma}_k^2}} -",
     "tilde sigma^2 = sigma^2 + eps (the page's definition) and dsigma^2/dx_i = (2/m)(x_i - mu) (step 3): the true partial is (1 - 1/m)/tilde sigma - (x_i - mu)/(2 tilde sigma^3) . dsigma^2/dx_i; the row drops the -1/m from the mean and the factor 1/2 of the square root's derivative; refuted (autograd diagonal of the Jacobian dx^/dx)"),
]
BNE_DIRS = [
    ("## Backward Pass", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized \\mu_k=mean \\sigma_k^2=variance \\gamma_k=scale \\beta_k=shift \\delta=output_grad L=loss -->"),
    ("### 4. Simplified Vectorized Form", "<!-- symbp: layer=batchnorm batch=4 features=3 names: \\mathbf{X}=input \\mathbf{\\hat{X}}=normalized \\hat{\\mathbf{X}}=normalized \\gamma=scale \\beta=shift \\mathbf{\\delta}=output_grad L=loss -->"),
]
BNE_EXCL = [
    (r"\mathbf{x}^{(i)} = \begin{bmatrix} x_{k_1}^{(i)}", "notation (a sample as a row)"),
    (r"\mu_k = \frac{1}{m} \sum_{i=1}^{m} x_k^{(i)}", "forward definition"),
    (r"\sigma_k^2 = \frac{1}{m} \sum_{i=1}^{m} \left( x_k^{(i)} - \mu_k \right)^2", "forward definition"),
    ("$$\n\\hat{x}_k^{(i)} = \\frac{x_k^{(i)} - \\mu_k}{\\sqrt{\\sigma_k^2 + \\epsilon}}\n$$", "forward definition"),
    (r"y_k^{(i)} = \gamma_k \hat{x}_k^{(i)} + \beta_k", "forward definition"),
    (r"\mu_{\text{running}, k} = \alpha \mu_{\text{running}, k}", "running-average update (assignment)"),
    (r"\sigma_{\text{running}, k}^2 = \alpha", "running-average update (assignment)"),
    (r"\hat{x}_k^{(i)} = \frac{x_k^{(i)} - \mu_{\text{running}, k}}", "inference-time normalization (definition)"),
    (r"\frac{\partial L}{\partial \beta_k} = \sum_{i=1}^{m} \delta_k^{(i)}", "dL/dbeta_k = sum_i delta_k^{(i)} (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial \hat{x}_k^{(i)}} = \delta_k^{(i)} \gamma_k", "dL/dx^ = delta gamma (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m} \mathbf{\delta}^{(i)} \odot \mathbf{\hat{X}}^{(i)}", "vectorized dL/dgamma (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^{m} \mathbf{\delta}^{(i)}", "vectorized dL/dbeta (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial \hat{\mathbf{X}}} = \mathbf{\delta} \odot \gamma", "vectorized dL/dX^ (holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial \mathbf{X}} = \frac{1}{m} \left( \tilde{\sigma}^{-1}", "vectorized dL/dX, the same closed form as the scored row with tilde sigma^{-1} = (sigma^2 + eps)^{-1/2} (holds); left out for the 30% cap"),
]

# ---------------------------------------------------------------- wangqx_math_notes_en
WQX = [
    ("lin_dX", r"\left(\frac{\part L}{\part X}\right)_{N\times D} = \left(\frac{\part L}{\part Y}\right)_{N\times M}(W_{D\times M})^T",
     "\\part read as \\partial (the author's macro); Y = X W with X N x D, W D x M, L scalar: dL/dX = dL/dY W^T (N x D); holds (N, D, M = 2,2,3 / 4,3,2 / 5,1,4; drawn non-linear L)"),
    ("lin_dW", r"\right)_{D\times M}=(X_{N\times D})^T\left(\frac{\part L}{\part Y}\right)_{N \times M}",
     "same layer: dL/dW = X^T dL/dY (D x M); holds"),
]
WQX_DIRS = [
    ("## Backpropagation for a Linear Layer", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=in-out names: X=input W=kernel Y=output L=loss -->"),
]
WQX_EXCL = [
    (r"(f*g)[n]=\sum_{m=-\infty}^{\infty}f[m]g[n-m]", "definition of the 1-D convolution"),
    (r"(f*g)[n]=\sum_{m=-\infty}^{\infty}f[n+m]g[-m]", "the same definition re-indexed"),
    (r"(f*g)[n]&=f[n-1]g[1]+f[n]g[0]+f[n+1]g[-1]", "the definition expanded for a 3-tap kernel"),
    (r"\\\frac{d}{dx}(f*g)=f*\frac{d}{dx}g", "the derivative theorem of convolution for signals (holds for differentiable g); a calculus identity, not a layer gradient"),
    (r"(f*h)(m,n)&=\sum_{k,l}f(k,l)h(m-k,n-l)", "definition of the 2-D convolution"),
    (r"weight\_matrix : W_{D\times M}", "forward definition Y = X W with sizes"),
    ("\\frac{\\part{L}}{\\part X} = \\frac{\\part L}{\\part Y}\\frac{\\part Y}{\\part X}\\\\", "generic chain rule with the full Jacobians dY/dX, dY/dW (a contraction; holds); the author then sets it aside"),
    (r"X = \begin{pmatrix}x_{1,1}&x_{1,2}\\x_{2,1}&x_{2,2}\end{pmatrix}\Longrightarrow", "layout of dL/dX (notation)"),
]

# ---------------------------------------------------------------- yolo_arch_backprop_ko
YOL = [
    ("dW_bbox", r"\frac{\partial Y_{bbox}}{\partial W_{bbox}} = \frac{\partial L}{\partial Y_{bbox}} \cdot X_{flat}^T",
     "column vectors, Y_bbox = W_bbox X_flat + b_bbox, Y_cls = W_cls X_flat + b_cls, L = L_bbox(Y_bbox) + L_cls(Y_cls): dL/dW_bbox = dL/dY_bbox X_flat^T (outer product); the final member holds (X_flat of length 3, 5, 6; heads of 2 to 4 outputs; drawn non-linear losses)"),
    ("dW_cls", r"\frac{\partial Y_{cls}}{\partial W_{cls}} = \frac{\partial L}{\partial Y_{cls}} \cdot X_{flat}^T",
     "same: dL/dW_cls = dL/dY_cls X_flat^T; holds"),
    ("dX_flat", r"\frac{\partial L}{\partial X_{flat}} = W_{bbox}^T \cdot \frac{\partial L}{\partial Y_{bbox}} + W_{cls}^T \cdot \frac{\partial L}{\partial Y_{cls}}",
     "X_flat feeds both heads, so its gradient is the sum of the two back-projected gradients; holds"),
    ("act", r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial f(x)} \cdot f'(x)",
     "f the SiLU applied entrywise, x a feature map: dL/dx = dL/df(x) entrywise f'(x); holds (maps of 3 x 3, 4 x 5, 2 x 6; drawn non-linear L)"),
]
YOL_DIRS = [
    ("## 4. 역전파 (Backpropagation): 오차 계산 및 가중치 업데이트", "<!-- symbp: layer=fc in=4 out=3 weight=out-in names: X_{flat}=input W_{bbox}=kernel W_{cls}=kernel b_{bbox}=bias b_{cls}=bias Y_{bbox}=output Y_{cls}=output L=loss -->"),
    ("## 역전파 (Backpropagation): 오차의 미분과 전파", "<!-- symbp: layer=activation name=silu names: x=input f(x)=activation L=loss -->"),
]
YOL_EXCL = [
    (r"Y_{i,j} = \sum_{a=0}^{k-1} \sum_{b=0}^{k-1} (W_{a,b} \cdot X_{i+a, j+b}) + b", "forward definition (convolution)"),
    (r"X_{C2f\_in} \rightarrow [X_1, X_2]", "forward description (split)"),
    (r"X_{2_1} = f_{bottle1}(X_2)", "forward description"),
    (r"X_{C2f\_out} = \text{Concat}", "forward description"),
    (r"P_1 = f_{maxpool}(X_{SPPF\_in})", "forward description"),
    (r"X_{SPPF\_out} = \text{Concat}", "forward description"),
    (r"F_{small\_up} = W^T \cdot F_{small}", "forward description (upsampling)"),
    (r"F_{fused1} = \text{Concat}([F_{small\_up}, F_{medium}])", "forward description"),
    (r"F_{fused1\_down} = W * F_{fused1} + b", "forward description"),
    (r"F_{fused2} = \text{Concat}([F_{fused1\_down}, F_{another}])", "forward description"),
    (r"Y_{bbox} = W_{bbox} \cdot X_{flat} + b_{bbox}", "forward definition"),
    (r"Y_{cls} = W_{cls} \cdot X_{flat} + b_{cls}", "forward definition"),
    (r"L = L_{bbox}(Y_{bbox}, Y_{true\_bbox})", "loss definition"),
    (r"\frac{\partial L}{\partial W} \text{ (계산)}", "names the convolution's two gradients, no equation"),
    (r"W_{new} = W_{old} - \eta \cdot \frac{\partial L}{\partial W}", "update rule (assignment)"),
    (r"F_{fused1} = \text{Concat}([F_{3\_up}, F_2])", "shape bookkeeping"),
    (r"F_{fused2} = \text{Concat}([N_{2\_down}, N_1])", "forward description"),
    (r"Y_{bbox\_feat} = \text{Conv}_{bbox}(P_{medium})", "forward description"),
    (r"Y_{cls\_feat} = \text{Conv}_{cls}(P_{medium})", "forward description"),
    (r"Y_{pred} = W \cdot X_{cell\_feat} + b", "forward definition"),
]

# ---------------------------------------------------------------- needle_hw1_notes_zh
NDL = [
    ("grad_X", r"\text{grad}(X) = \frac{\partial Y}{\partial X} = dYW^T",
     "Y = X W (X n x k, W k x m), dY = dL/dY the incoming adjoint (the assignment's out_grad), grad(X) the adjoint of X; the middle member is the author's name for that adjoint: grad(X) = dY W^T; holds (n, k, m = 2,3,4 / 5,2,3 / 3,4,1; drawn non-linear L)"),
    ("grad_W", r"\text{grad}(W) = \frac{\partial Y}{\partial W} = X^TdY",
     "same reading: grad(W) = X^T dY; holds"),
]
NDL_DIRS = [
    ("## Question 2: Implementing backward computation", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=in-out names: X=input W=kernel Y=output dY=output_grad -->"),
]
NDL_EXCL = [
    (r"\overline{v_4} &= \overline{v_6}\dfrac{\partial v_6}{\partial v_4}", "adjoint chain rule for v_6 = v_3 + v_4 (generic; holds); the rows for v_4 and v_3 share the display"),
    (r"\overline v_i = \sum_{j\in next(i)}", "the accumulation rule of reverse mode (generic; holds)"),
    (r"\ell_{\text{softmax}}(z, y) = \log \sum_{i=1}^{k}\exp z_i - z_y", "loss definition"),
]

TABLE = {
    "rescuerz_cs231n_backprop_zh.md": ("res", RES, RES_DIRS, RES_EXCL),
    "bn_explained_en.md": ("bne", BNE, BNE_DIRS, BNE_EXCL),
    "wangqx_math_notes_en.md": ("wqx", WQX, WQX_DIRS, WQX_EXCL),
    "yolo_arch_backprop_ko.md": ("yol", YOL, YOL_DIRS, YOL_EXCL),
    "needle_hw1_notes_zh.md": ("ndl", NDL, NDL_DIRS, NDL_EXCL),
}
