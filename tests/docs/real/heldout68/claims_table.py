"""The sixty-eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout68.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- cnnl_operators_zh
CNL = [
    ("sigmoid_bwd", r"S^{'}(x) = \frac{e^{-x}}{{(1 + e^{-x})}^2} = S(x)(1 - S(x))",
     "S(x) = 1/(1 + e^{-x}): S'(x) = e^{-x}/(1 + e^{-x})^2 = S(x)(1 - S(x)), both members; holds (drawn x, 40 points)"),
    ("elu_bwd_false", r"{scale * coef * gamma * e^{gamma * x} * diff\_y}",
     "ELU forward E(x) = scale*gamma*(e^{coef x} - 1) for x < 0, scale*x for x >= 0, with scale = coef = 1 as the page requires and gamma drawn (0.3..2.5, away from 1); the is_result=false display is the input gradient (it carries diff_y): the true one is gamma*e^{x}*diff_y for x < 0 and diff_y for x > 0; the display's gamma*e^{gamma x}*diff_y and x*diff_y differ on both branches (the second unless x = 1); refuted (also refuted with scale, coef drawn freely: the positive branch keeps the stray x and the exponent should be coef*x)"),
    ("gelu_bwd", r"gelu'(x) = \phi(x)+x\phi'(x) = \frac{1}{2}[1+erf(x/\sqrt{2})]+x[\frac{1}{2}erf'(x/\sqrt{2})]",
     "gelu(x) = x phi(x) with the page's phi(x) = (1/2)[1 + erf(x/sqrt 2)] (the normal CDF; the page's forward integral e^{t^2/2} is a forward slip, not scored): gelu'(x) = phi(x) + x phi'(x) = (1/2)[1 + erf(x/sqrt 2)] + x e^{-x^2/2}/sqrt(2 pi); the middle member x[(1/2) erf'(x/sqrt 2)] is read as x times half the derivative of x -> erf(x/sqrt 2) (the only reading under which it equals the last member); every member equals torch's exact GELU derivative; holds"),
    ("silu_bwd", r"Silu^{'}(x)=sigmoid(x) * (1+x* (1-sigmoid(x)))",
     "Silu(x) = x sigmoid(x): Silu'(x) = sigmoid(x)(1 + x(1 - sigmoid(x))); holds (drawn x)"),
    ("hardswish_bwd", r"\\ (2x+3)/6, x\in[-3,3]",
     "the page's Hardswish forward: 0 for x <= -3, x(x+3)/6 on (-3,3), x for x >= 3: the derivative is 0 below -3, (2x+3)/6 on (-3,3), 1 above 3, as the display writes (the closed ends of [-3,3] are kink points, not drawn); holds (x drawn in all three pieces, avoiding +-3)"),
    ("conv_dx", r"DX(N_i,C_{inj}) = \sum_{k=0}^{C_{out}-1}\text{rot180}(W(k, C_{inj}))\ast DY(N_i, k)",
     "forward Y(n, o) = sum_k W(o, k) * X(n, k) + B(o), * the page's cross-correlation with the kernel written first (the kernel slides over the data), valid, stride 1; the backward row read the same way: rot180(W(k, j)) slid over DY(n, k), with DY zero-padded by the kernel size less one on each side (the page says DX is taken with its padding removed: the full mode that gives DX the input's size), summed over output channels k; this equals dL/dX(n, j) (checked with N = 2, C_in = 2, C_out = 3, 5x5/3x3, 4x6/2x3, 6x5/3x2 and a drawn non-linear loss); holds"),
]
CNL_DIRS = [
    ("### Sigmoid Backward", "<!-- symbp: layer=activation name=sigmoid names: x=input S=output -->"),
    ("### ELU Backward", "<!-- symbp: layer=activation name=elu names: x=input E=output diff\\_y=output_grad -->"),
    ("### GELU Backward", "<!-- symbp: layer=activation name=gelu names: x=input gelu=output -->"),
    ("### Silu Backward", "<!-- symbp: layer=activation name=silu names: x=input Silu=output -->"),
    ("### HardSwish Backward", "<!-- symbp: layer=activation name=hardswish names: x=input Hardswish=output -->"),
    ("## cnnlConvolutionBackwardData", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 channels=2,3 batch=2 conv=cross index_base=0 names: X=input W=kernel B=bias Y=output DY=output_grad DX=input_grad layout: X=NCHW W=OHWI Y=NCHW DY=NCHW DX=NCHW -->"),
]
CNL_EXCL = [
    (r"S(x)=\frac{1}{1 + e^{-x}}, \quad", "forward definition"),
    (r"T(x) = \frac{\sinh x} {\cosh x}", "forward definition"),
    (r"{scale * gamma * (e^{coef * x}-1)}, ", "forward definition"),
    (r"gelu(x)=xP(X<=x)=x\phi(x)=x\int_{-\infty}^{x}{e^{t^2/2}}dt", "forward definition (its integral lacks the minus sign and the 1/sqrt(2 pi); not a gradient claim)"),
    (r"\phi(x)=\frac{1}{2}[1+erf(x/\sqrt{2})]", "definitions of phi and erf"),
    (r"Silu(x)=x * sigmoid(x)", "forward definition"),
    (r"\\ x(x+3)/6, &x\in(-3,3)", "forward definition"),
    (r"R^{'}(x)=", "ReLU derivative by cases (holds); left out for the 30% cap"),
    (r"{gamma * (x + scale * coef) * diff\_y}", "ELU backward with is_result true (x the forward result): with scale = coef = 1 the negative branch should be (x + gamma) diff_y, not gamma (x + 1) diff_y, and the positive branch diff_y, not x diff_y; refuted, left out for the 30% cap (one ELU claim is scored)"),
    (r"T^{'}(x) = 1-(\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}})^{2}", "tanh derivative (holds); left out for the 30% cap"),
    (r"LogSigmoid^{'}(x) = \frac{e^{-x}}{1 + e^{-x}}", "LogSigmoid derivative (holds); left out for the 30% cap"),
    (r"Y(N_i,C_{outj}) = \sum_{k=0}^{C_{in}-1}W(C_{outj}, k)\ast X(N_i, k)+B(C_{outj})", "forward definition"),
]

# ---------------------------------------------------------------- linear_layer_rederiv_en
LIN = [
    ("dx11", r"$$= \frac{\partial L}{\partial y_{1,1}} w_{1,1} + \frac{\partial L}{\partial y_{1,2}} w_{1,2} + \frac{\partial L}{\partial y_{1,3}} w_{1,3}$$",
     "Y = XW, X 2x2, W 2x3: dL/dx_{1,1} = sum_j dL/dy_{1,j} w_{1,j}; holds (drawn X, W and a non-linear loss of Y; also at N = 3, D = 4, M = 5 for the first-row pattern)"),
    ("dx12", r"$$= \frac{\partial L}{\partial y_{1,1}} w_{2,1} + \frac{\partial L}{\partial y_{1,2}} w_{2,2} + \frac{\partial L}{\partial y_{1,3}} w_{2,3}$$",
     "dL/dx_{1,2} = sum_j dL/dy_{1,j} w_{2,j}; holds"),
    ("dx21", r"$$= \frac{\partial L}{\partial y_{2,1}} w_{1,1} + \frac{\partial L}{\partial y_{2,2}} w_{1,2} + \frac{\partial L}{\partial y_{2,3}} w_{1,3}$$",
     "dL/dx_{2,1} = sum_j dL/dy_{2,j} w_{1,j}; holds"),
    ("dx22", r"$$= \frac{\partial L}{\partial y_{2,1}} w_{2,1} + \frac{\partial L}{\partial y_{2,2}} w_{2,2} + \frac{\partial L}{\partial y_{2,3}} w_{2,3}$$",
     "dL/dx_{2,2} = sum_j dL/dy_{2,j} w_{2,j}; holds"),
    ("dX", r"$$= \frac{\partial L}{\partial Y} W^T$$",
     "dL/dX = dL/dY W^T (N x D); holds (N, D, M = 2,2,3; 3,4,5; 4,3,2)"),
    ("dW", r"\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}",
     "dL/dW = X^T dL/dY (D x M); holds (same sizes)"),
]
LIN_DIRS = [
    ("## Computing $\\frac{\\partial L}{\\partial X}$ element by element", "<!-- symbp: layer=fc in=2 out=3 batch=2 weight=in-out index_base=1 names: X=input x=input W=kernel w=kernel Y=output y=output L=loss -->"),
]
LIN_EXCL = [
    (r"$$X = \begin{pmatrix} x_{1,1} & x_{1,2} \\ x_{2,1} & x_{2,2} \end{pmatrix}, \quad W", "forward definition (the matrices)"),
    (r"$$Y = XW = \begin{pmatrix}", "forward definition written out"),
    (r"$$\frac{\partial L}{\partial Y} = \begin{pmatrix}", "names the entries of dL/dY; no claim"),
    (r"$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \frac{\partial Y}{\partial X}$$", "generic chain rule with Jacobians (the order of the product is not fixed by the note); not scored"),
    (r"$$\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} \frac{\partial Y}{\partial W}$$", "generic chain rule with Jacobians; not scored"),
    (r"\implies \frac{\partial L}{\partial X} = \begin{pmatrix}", "names the entries of dL/dX; no claim"),
    (r"\sum_{i=1}^{N} \sum_{j=1}^{M} \frac{\partial L}{\partial y_{i,j}} \frac{\partial y_{i,j}}{\partial x_{1,1}}", "the scalar chain rule for dL/dx_{1,1} (holds); a calculus statement, not scored"),
    (r"$$\frac{\partial Y}{\partial x_{1,1}} = \begin{pmatrix} w_{1,1}", "dY/dx_{1,1} from the forward pass (holds); a Jacobian slice, not a loss gradient"),
    (r"$$\frac{\partial L}{\partial x_{1,1}} = \frac{\partial L}{\partial Y} \cdot \frac{\partial Y}{\partial x_{1,1}}$$", "the dot-product form for dL/dx_{1,1} (holds); its expanded rows are scored"),
    (r"\cdot \begin{pmatrix} w_{1,1} & w_{1,2} & w_{1,3} \\ 0 & 0 & 0 \end{pmatrix}$$", "the dot product written with the matrices (holds); the scalar row after it is scored"),
    (r"$$\frac{\partial L}{\partial x_{1,2}} = \frac{\partial L}{\partial Y} \cdot \frac{\partial Y}{\partial x_{1,2}}$$", "dot-product form (holds); the expanded row is scored"),
    (r"\cdot \begin{pmatrix} w_{2,1} & w_{2,2} & w_{2,3} \\ 0 & 0 & 0 \end{pmatrix}$$", "dot product with matrices (holds)"),
    (r"$$\frac{\partial L}{\partial x_{2,1}} = \frac{\partial L}{\partial Y} \cdot \frac{\partial Y}{\partial x_{2,1}}$$", "dot-product form (holds)"),
    (r"\cdot \begin{pmatrix} 0 & 0 & 0 \\ w_{1,1} & w_{1,2} & w_{1,3} \end{pmatrix}$$", "dot product with matrices (holds)"),
    (r"$$\frac{\partial L}{\partial x_{2,2}} = \frac{\partial L}{\partial Y} \cdot \frac{\partial Y}{\partial x_{2,2}}$$", "dot-product form (holds)"),
    (r"\cdot \begin{pmatrix} 0 & 0 & 0 \\ w_{2,1} & w_{2,2} & w_{2,3} \end{pmatrix}$$", "dot product with matrices (holds)"),
    (r"$$\frac{\partial L}{\partial X} = \begin{pmatrix} \frac{\partial L}{\partial y_{1,1}} w_{1,1}", "the four entries combined into one matrix (holds); left out for the 30% cap (the entries are scored one by one)"),
    (r"\begin{pmatrix} w_{1,1} & w_{2,1} \\ w_{1,2} & w_{2,2} \\ w_{1,3} & w_{2,3} \end{pmatrix}$$", "the same as a product with W^T written out (holds); left out for the 30% cap"),
]

# ---------------------------------------------------------------- pool_diary_zh
POL = [
    ("avg_bwd", "0.25  0.25  1  1",
     "2x2 average pooling, stride 2, of a 4x4 input: each input entry of a window receives the window's incoming gradient divided by 4; with [[1, 2], [6, 3]] arriving, the top-right window's entries get 2/4 = 0.5, but the display writes 1 there (the other three windows, 0.25, 1.5, 0.75, are right); refuted (torch avg_pool2d backward with that gradient)"),
]
POL_DIRS = [
    ("#### 池化层反向传播", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 -->"),
]
POL_EXCL = [
    (r"   0 &  & -4", "a numeric forward example of one convolution window (sum of entrywise products, -8; the blank entry read as 0); not a gradient"),
    ("   1 & 0 & 0 & 0  \\\\", "max-pooling backward example: where each window's gradient goes depends on the input values, which the diary does not give; cannot be checked"),
    ("   x_{00} & x_{01} & x_{02}   \\\\", "the input matrix of the convolution example (definition)"),
    ("   k_{00} & k_{01}    \\\\", "the kernel matrix (definition)"),
    ("   y_{00} & y_{01}    \\\\", "the output matrix (definition)"),
    (r"   \delta^{l+1}_{00} & \delta^{l+1}_{01}    \\", "names the output residuals; no claim"),
]

# ---------------------------------------------------------------- mluops_operators_zh
MLU = [
    ("fl_grad", r"-\alpha*(1-p)^\gamma*(1-p-\gamma*p*log(p))  target[n]=c",
     "p = sigmoid(x) entrywise, FL = -alpha (1-p)^gamma log p in the target column and -(1-alpha) p^gamma log(1-p) elsewhere: dFL/dx = -alpha (1-p)^gamma (1 - p - gamma p log p) for the target column and -(1-alpha) p^gamma (gamma (1-p) log(1-p) - p) elsewhere, as the display writes; holds (N = 3, 4; C = 3, 5; alpha, gamma drawn, gamma also 0 and 2)"),
    ("fl_grad_w", r"*weight[target[n]]*grad\_ouput  target[n]=c",
     "with FL_{n,c} multiplied by weight[target[n]] and grad_output the gradient arriving at the (unreduced) FL map: grad_input[n,c] = FL'(n,c) weight[target[n]] grad_output[n,c]; the typo grad_ouput read as grad_output; holds"),
    ("sqrt_bwd", r"diff_x = 0.5 * \frac{diff_y}{y}",
     "y = sqrt(x): dL/dx = diff_y / (2 y) = 0.5 diff_y / y; holds (x drawn positive)"),
]
MLU_DIRS = [
    ("## mluOpFocalLossSigmoidBackward", "<!-- symbp: layer=activation name=sigmoid classes=3 names: input=input p=activation target=target FL=loss weight=weight grad\\_output=output_grad grad\\_input=input_grad -->"),
    ("## mluOpSqrtBackward", "<!-- symbp: layer=activation name=sqrt names: x=input y=output diff_y=output_grad diff_x=input_grad -->"),
]
MLU_EXCL = [
    (r"-\alpha (1-p)^\gamma log(p),  & target=1", "forward definition (loss)"),
    (r"FL_{i,j} = FL_{i,j} * weight_t", "forward definition (weighted loss)"),
    (r"y_i = \sqrt{x_i}", "forward definition"),
]

# ---------------------------------------------------------------- onednn_eltwise_en
ONE = [
    ("elu_dst", r"dd \cdot (d + \alpha)",
     "ELU d = s for s > 0, alpha (e^s - 1) for s <= 0, alpha >= 0 (note (2)): for s <= 0, alpha e^s = d + alpha, so ds = dd (d + alpha); for s > 0 (d > 0) ds = dd; the two cases are told apart by d's sign (d <= 0 exactly when s <= 0 for alpha > 0); holds (alpha drawn in 0.2..2)"),
    ("hardswish", r"dd \cdot (2 \alpha s + \beta)",
     "d = s max(0, min(1, alpha s + beta)): ds = dd where alpha s + beta > 1, dd (2 alpha s + beta) where 0 < alpha s + beta < 1, 0 otherwise; holds (alpha, beta drawn positive, points away from the kinks; also alpha = 1/6, beta = 1/2)"),
    ("mish", r"ds = dd \cdot \frac{e^{s} \cdot \omega}{\delta^{2}}",
     "d = s tanh(ln(1 + e^s)); with note (3)'s omega = e^{3s} + 4e^{2s} + e^s(4s + 6) + 4(s + 1) and delta = e^{2s} + 2e^s + 2, ds = dd e^s omega / delta^2 equals the autograd gradient; holds"),
    ("soft_relu", r"ds = \frac{dd}{1 + e^{-\alpha s}} $$",
     "d = (1/alpha) ln(1 + e^{alpha s}): dd/ds = e^{alpha s}/(1 + e^{alpha s}) = 1/(1 + e^{-alpha s}); holds (alpha drawn, also alpha = -1, the logsigmoid case the page names)"),
    ("swish", r"(1 + \alpha s (1 - \frac{1}{1 + e^{-\alpha s}}))",
     "d = s sigmoid(alpha s): ds = dd sigmoid(alpha s)(1 + alpha s (1 - sigmoid(alpha s))); holds"),
    ("gelu_tanh", r"(1 + \sqrt{\frac{2}{\pi}} (s + 0.134145 s^3) \cdot (1 -  \tanh",
     "d = 0.5 s (1 + tanh u), u = sqrt(2/pi)(s + 0.044715 s^3): d'(s) = 0.5(1 + tanh u) + 0.5 s (1 - tanh^2 u) sqrt(2/pi)(1 + 3*0.044715 s^2), and 3*0.044715 = 0.134145, so note (1) factorises it exactly as 0.5(1 + tanh u)(1 + sqrt(2/pi)(s + 0.134145 s^3)(1 - tanh u)); holds"),
]
ONE_DIRS = [
    ("#### elu\n", "<!-- symbp: layer=activation name=elu names: s=input d=output dd=output_grad ds=input_grad -->"),
    ("#### hardswish\n", "<!-- symbp: layer=activation name=hardswish names: s=input d=output dd=output_grad ds=input_grad -->"),
    ("#### mish\n", "<!-- symbp: layer=activation name=mish names: s=input d=output dd=output_grad ds=input_grad -->"),
    ("#### soft_relu\n", "<!-- symbp: layer=activation name=softplus names: s=input d=output dd=output_grad ds=input_grad -->"),
    ("#### swish\n", "<!-- symbp: layer=activation name=swish names: s=input d=output dd=output_grad ds=input_grad -->"),
    ("#### Notes below the table", "<!-- symbp: layer=activation name=gelu names: s=input d=output dd=output_grad ds=input_grad -->"),
]
ONE_EXCL = [
    (r"\dst_{i_1, \ldots, i_k} = Operation", "forward definition (generic)"),
    (r"\alpha (e^s - 1) & \text{if}\ s \leq 0", "forward definition"),
    (r"dd \cdot \alpha e^s & \text{if}\ s \leq 0", "ELU backward from src (holds); left out for the 30% cap (the dst form is scored)"),
    (r"d = 0.5 s (1 + \tanh[\sqrt{\frac{2}{\pi}} (s + 0.044715 s^3)])$$", "forward definition"),
    (r"$$ See\ (1). $$", "a pointer to note (1), which is scored"),
    (r"d = \text{max}(0, \text{min}(1, \alpha s + \beta))", "forward definition"),
    (r"dd \cdot \alpha & \text{if}\ 0 < \alpha s + \beta < 1", "hardsigmoid backward (holds); left out for the 30% cap"),
    (r"d = s \cdot \text{max}(0, \text{min}(1, \alpha s + \beta))", "forward definition"),
    (r"d = \frac{1}{1+e^{-s}} $$", "forward definition"),
    (r"ds = \frac{dd}{1+e^{-s}} \cdot (1 - \frac{1}{1+e^{-s}})", "logistic backward from src (holds); left out for the 30% cap"),
    (r"ds = dd \cdot d \cdot (1 - d)", "logistic backward from dst (holds); left out for the 30% cap"),
    (r"d = s \cdot \tanh{(\log_{e}(1+e^s))}", "forward definition"),
    (r"d =\frac{1}{\alpha} \log_{e}(1+e^{\alpha s})", "forward definition"),
    (r"d = \frac{s}{1+e^{-\alpha s}} $$", "forward definition"),
    (r"d = \tanh{s} $$", "forward definition"),
    (r"ds = dd \cdot (1 - \tanh^2{s})", "tanh backward from src (holds); left out for the 30% cap"),
    (r"ds = dd \cdot (1 - d^2)", "tanh backward from dst (holds); left out for the 30% cap"),
    (r"(2)\ \text{Operation is supported only for }", "a restriction on alpha, no equation"),
    (r"(3)\ \text{where, } \omega =", "definitions of omega and delta used by the scored mish row"),
]

TABLE = {
    "cnnl_operators_zh.md": ("cnl", CNL, CNL_DIRS, CNL_EXCL),
    "linear_layer_rederiv_en.md": ("lin", LIN, LIN_DIRS, LIN_EXCL),
    "pool_diary_zh.md": ("pol", POL, POL_DIRS, POL_EXCL),
    "mluops_operators_zh.md": ("mlu", MLU, MLU_DIRS, MLU_EXCL),
    "onednn_eltwise_en.md": ("one", ONE, ONE_DIRS, ONE_EXCL),
}
