"""The fifty-ninth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout59.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- coolgpu_backprop_batchnorm_en
CBN = [
    ("e13", r"\frac{1}{ {\left( {1 + {e^{ - {y_{c,i} } } } } \right)} } \cdot \frac{ {1 - \left( {1 - {e^{ - {y_{c,i} } } } } \right)} }",
     "z = sigmoid(y): every member of the chain e^{-y}/(1+e^{-y})^2 = 1/(1+e^{-y}) . (1-(1-e^{-y}))/(1+e^{-y}) = z(1-z) equals dz/dy (the middle numerator 1-(1-e^{-y}) is e^{-y}); holds (drawn y)"),
    ("e15", r"{\sqrt {\sigma _c^2} } } = \frac{ { {y_{c,i} } - {\beta _c} } }{ { {w_c} } }",
     "BatchNorm y_{c,i} = w_c (x_{c,i} - mu_c)/sqrt(sigma_c^2) + beta_c (no epsilon, Eq. 5): dy_{c,i}/dw_c = (x_{c,i} - mu_c)/sqrt(sigma_c^2) = (y_{c,i} - beta_c)/w_c (mu_c, sigma_c^2 do not depend on w); holds (drawn w_c != 0)"),
    ("e20c", r"= {w_c}\frac{ {\left( { {N_i} - 1} \right)\sigma _c^2 - { {\left( { {x_{c,i} } - {\mu _c} } \right)}^2} } }{ { {N_i}{ {\sqrt {\sigma _c^2} }^3} } }",
     "the total derivative of y_{c,i} with respect to its own x_{c,i} (through x, mu_c and sigma_c^2, biased variance over the N_i entries of channel c): w_c((N_i-1) sigma^2 - (x_i-mu)^2)/(N_i sigma^3) equals the diagonal of the autograd Jacobian; holds (channels 1-3, N_i = 3..5)"),
    ("e21b", r"= {w_c}\frac{ {\sqrt {\sigma _c^2} \left( { - \frac{1}{ { {N_i} } } } \right) - \left( { {x_{c,i} } - {\mu _c} } \right)",
     "k != i: the middle member writes the quotient rule's second term with (x_{c,i} - mu_c) where the first row has (x_{c,k} - mu_c); its value -w(sigma^2 + (x_i-mu)^2)/(N_i sigma^3) is not dy_{c,k}/dx_{c,i} = -w(sigma^2 + (x_i-mu)(x_k-mu))/(N_i sigma^3) (the row's own last member, which is right); refuted (drawn x with x_k != x_i)"),
    ("e22b", r"= \left( {1 - \frac{1}{ { {N_i} } } } \right)\frac{ { {w_c} } }{ {\sqrt {\sigma _c^2} } }",
     "the second row of the Solution 1 chain drops the factor w_c from its second term (-(x_i-mu)^2/(N_i sigma^3) dL/dy_i, where the first row's term carries w_c and the third row restores it); with w_c != 1 it is not dL/dx_{c,i}; refuted (drawn w_c, MSE after a sigmoid, and the first and last rows of the chain hold)"),
    ("e29f", r"{ {N_i}{w_c}\sqrt {\sigma _c^2} } }\mathop \sum \limits_{k = 1}^{ {N_i} } \left( { {y_{c,k} } - {\beta _c} } \right)\frac{ {\partial L} }{ {\partial {y_{c,k} } } }",
     "the final form of Solution 2: dL/dx_{c,i} = w/sqrt(s2) dL/dy_i - w/(N_i sqrt(s2)) sum_k dL/dy_k - (y_i - beta)/(N_i w sqrt(s2)) sum_k (y_k - beta) dL/dy_k equals autograd's dL/dx for the BatchNorm-Sigmoid-MSE network (L the mean over all N = N_c N_i entries); holds"),
]
CBN_DIRS = [
    ("### 2.3 Derivation of the gradient with respect to w", "<!-- symbp: layer=batchnorm batch=4 features=2 names: x_{c,i}=input y_{c,i}=output w_c=scale \\beta_c=shift \\mu_c=mean \\sigma_c^2=variance z_{c,i}=activation t_{c,i}=target L=loss -->"),
    ("#### 2.5.1 Solution 1", "<!-- symbp: layer=batchnorm batch=4 features=2 names: x_{c,i}=input y_{c,i}=output w_c=scale \\beta_c=shift \\mu_c=mean \\sigma_c^2=variance L=loss -->"),
    ("#### 2.5.2 Solution 2", "<!-- symbp: layer=batchnorm batch=4 features=2 names: x_{c,i}=input y_{c,i}=output w_c=scale \\beta_c=shift \\mu_c=mean \\sigma_c^2=variance L=loss -->"),
]
CBN_EXCL = [
    (r"\vec x = \left\{ { {x_{s,c,k} } } \right\}", "definition of the input"),
    (r"{y_{c,i} } = {w_c} \cdot \frac{ { {x_{c,i} } - {\mu _c} } }{ {\sqrt {\sigma _c^2} } } + {\beta _c}", "forward definition (Eq. 5)"),
    (r"L = \frac{1}{N}\mathop \sum \limits_{c = 1}^{ {N_c} }", "loss definition"),
    (r"= \mathop \sum \limits_{m = 1}^M \frac{ {\partial L} }{ {\partial {f_m} } }", "the chain rule in general (a calculus reminder)"),
    (r"\frac{ {\partial L} }{ {\partial {z_{c,i} } } } = \frac{2}{N}\left( { {z_{c,i} } - {t_{c,i} } } \right)", "holds (L the mean over N = N_c N_i entries); left out for the 30% cap"),
    (r"\frac{ {\partial L} }{ {\partial {z_{c,i} } } }\cdot {z_{c,i} }\left( {1 - {z_{c,i} } } \right)", "holds (Eq. 14); left out for the 30% cap"),
    (r"\frac{ { {y_{c,i} } - {\beta _c} } }{ { {w_c} } }$$", "Eq. 16 holds; left out for the 30% cap"),
    (r"\frac{ {\partial {y_{c,i} } } }{ {\partial {\beta _c} } } = 1", "holds (Eq. 17); left out for the 30% cap"),
    (r"\cdot1 = \mathop \sum \limits_{i = 1}^{ {N_i} }", "Eq. 18 holds; left out for the 30% cap"),
    (r"+ \mathop \sum \limits_{k \ne i} \frac{ {\partial L} }{ {\partial {y_{c,k} } } }\frac{ {\partial {y_{c,k} } } }{ {\partial {x_{c,i} } } }", "Eq. 19 (the chain over all y_{c,k}) holds; left out for the 30% cap"),
    (r"- \frac{ { {y_{c,i} } - {\beta _c} } }{ { {N_i}\sqrt {\sigma _c^2} {w_c} } }", "the last row of Eq. 22 holds (the same value as Eq. 29's last row); left out for the 30% cap"),
    (r"\frac{ {\partial {y_{c,i} } } }{ {\partial {x_{c,i} } } } = \frac{ { {w_c} } }{ {\sqrt {\sigma _c^2} } }", "Eq. 24: holds only as the partial along the direct path (mu_c and sigma_c^2 held fixed, as the three-path Eq. 23 means it); the verdict hangs on reading the partial"),
    (r"\frac{\partial }{ {\partial {\mu _c} } }\left( {\frac{1}{N}\mathop \sum \limits_{k = 1}^{ {N_i} }", "Eq. 25's second row writes 1/N (the page's N = N_c N_i of Eq. 9) where sigma_c^2 has 1/N_i; its value is unaffected (the derivative vanishes) but the reading of N is not settled; left out"),
    (r"\frac{ {\partial {\mu _c} } }{ {\partial {x_{c,i} } } } = \frac{1}{ { {N_i} } }", "holds (Eq. 26); left out for the 30% cap"),
    (r"=  - \frac{1}{2}\mathop \sum \limits_{k = 1}^{ {N_i} }", "Eq. 27's last row holds; left out for the 30% cap"),
    (r"\frac{ {\partial \sigma _c^2} }{ {\partial {x_{c,i} } } } = \frac{\partial }{ {\partial {x_{c,i} } } }\left( {\frac{1}{N}", "Eq. 28: its middle member has 1/N (N = N_c N_i by Eq. 9) but its last member 2(x_i - mu)/N_i; true or false only according to whether N is read as Eq. 9's N or as N_i"),
]

# ---------------------------------------------------------------- coolgpu_matmul_grad_en
CMM = [
    ("e9c21", r"\left( { { \color{red} a_{23 } }{b_{31} } } \right) + 0 = {b_{31} }",
     "C = AB with A 2x4, B 4x3 (the page's example): dc_21/da_23 = b_31, every member of the row; holds (drawn A, B)"),
    ("e10", r"= \frac{ {\partial L} }{ {\partial {c_{21} } } }{b_{31} } + \frac{ {\partial L} }{ {\partial {c_{22} } } }{b_{32} } + \frac{ {\partial L} }{ {\partial {c_{23} } } }{b_{33} }",
     "L any scalar function of C (a drawn loss with non-constant gradient, and the mean of C): dL/da_23 = sum_j dL/dc_2j b_3j over the three columns of C; holds (A 2xk with k = 3..5, n = 3 as in the example)"),
    ("e12", r"{ {b_{11} } }{ {b_{21} } }{ {b_{31} } }{ {b_{41} } }",
     "the 2x3 upstream matrix [dL/dc_ij] times the 3x4 matrix [b_ji] (B transposed) equals dL/dA entry by entry; holds (the page's 2x4, 4x3 sizes)"),
    ("e13", r"\frac{ {\partial L} }{ {\partial \boldsymbol {A} } } = \frac{ {\partial L} }{ {\partial \boldsymbol {C} } }{\boldsymbol {B} ^T}",
     "dL/dA = dL/dC B^T for C = AB; holds (m x k times k x n, several sizes)"),
    ("e15", r"= {a_{11} }\frac{ {\partial L} }{ {\partial {c_{12} } } } + {a_{21} }\frac{ {\partial L} }{ {\partial {c_{22} } } }",
     "dL/db_12 = a_11 dL/dc_12 + a_21 dL/dc_22 (A has the example's two rows); holds"),
    ("e18", r"= {\boldsymbol {A} ^T}\frac{ {\partial L} }{ {\partial \boldsymbol {C} } }",
     "dL/dB = A^T dL/dC; holds (several sizes)"),
]
CMM_DIRS = [
    ("### 2.3 Derivation of the gradient with respect to A", "<!-- symbp: layer=fc in=4 out=3 batch=2 weight=in-out index_base=1 names: A=input B=kernel C=output L=loss -->"),
    ("### 2.4 Derivation of the gradient with respect to B", "<!-- symbp: layer=fc in=4 out=3 batch=2 weight=in-out index_base=1 names: A=input B=kernel C=output L=loss -->"),
]
CMM_EXCL = [
    (r"{c_{ij} } = \mathop \sum \limits_{t = 1}^k {a_{it} }{b_{tj} }", "forward definition"),
    (r"L = \frac{1}{ {m \times n} }", "loss definition (example)"),
    (r"= \mathop \sum \limits_{m = 1}^M \frac{ {\partial L} }{ {\partial {f_m} } }", "the chain rule in general (a calculus reminder)"),
    (r"\boldsymbol {C}  = \left[", "the product written out (forward)"),
    (r"\frac{ {\partial {c_{11} } } }{ {\partial { \color{red} a_{23 } } } } = 0", "the vanishing local derivatives of Eq. 9 hold; left out for the 30% cap"),
    (r"=0 + \frac{ {\partial L} }{ {\partial {c_{12} } } }{a_{11} }", "Eq. 15's middle row holds; left out for the 30% cap"),
    (r"\frac{ {\partial {c_{12} } } }{ {\partial { \color{blue} b_{12} } } } = \frac{\partial }", "Eq. 14 (dc_12/db_12 = a_11, dc_22/db_12 = a_21) holds; left out for the 30% cap"),
    (r"\frac{ {\partial L} }{ {\partial \boldsymbol {B} } } = \left[", "Eq. 17 (A^T written out times the upstream matrix) holds; left out for the 30% cap"),
]

# ---------------------------------------------------------------- numpynet_batchnorm_en
NBN = [
    ("dbeta", r"\delta \beta = \sum_{i=0}^{batch\_size} \delta_i^l",
     "y_i = gamma x-hat_i + beta per pixel, delta^l = dL/dy from the next layer, the sum over the batch's examples (the bounds 0..batch_size read as the batch, as the page's mean and the code's sum(axis=0) do): dL/dbeta = sum_i delta_i; holds (drawn loss with non-constant gradient)"),
    ("dgamma", r"\delta \gamma = \sum_{i=0}^{batch\_size} \delta_i^l \cdot \hat x_i",
     "dL/dgamma = sum_i delta_i x-hat_i, whatever x-hat is (y is linear in gamma); holds"),
    ("dx", r"\delta^{l-1}_i = \frac{batch\_size \cdot \delta \hat x_i",
     "x-hat as the page's forward writes it, (x_i - x-bar)^2/sqrt(sigma^2 + eps) (the squared deviation; sigma^2 the biased variance), delta x-hat = gamma delta^l: the row (N delta-x-hat_i - sum_j delta-x-hat_j - x-hat_i sum_j delta-x-hat_j x-hat_j)/(N sqrt(sigma^2+eps)) is the gradient of the usual x-hat = (x - x-bar)/sqrt(sigma^2+eps) (the code's), not of the page's forward; refuted (it would hold under the code's normalisation)"),
]
NBN_DIRS = [
    ("## Backward", "<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized \\bar{x}=mean \\sigma^2=variance \\gamma=scale \\beta=shift \\delta^l=output_grad \\delta^{l-1}=input_grad -->"),
]
NBN_EXCL = [
    (r"\bar x =\frac{1}{batch\_size} \sum_{i=0}^{batch\_size}x_i", "forward definition (mean)"),
    (r"\sigma^2 = \frac{1}{batch\_size}\sum_{i=1}^{batch\_size}(x_i-\bar x)^2", "forward definition (variance)"),
    (r"\hat x_i = \frac{(x_i -\bar x)^2}{\sqrt{\sigma^2 + \epsilon}}", "forward definition (normalisation, with the squared deviation)"),
    (r"y_i = \gamma \hat x_i + \beta", "forward definition"),
]

# ---------------------------------------------------------------- numpynet_connected_logistic_en
NCL = [
    ("dbeta", r"\delta \beta = \sum_{i=0}^{batch\_size}\frac{\partial f(y)}{\partial y_i} \odot \delta_i^l",
     "z = XW + b, y = f(z), delta^l = dL/dy from the next layer; the partial of f read as the activation's derivative at the layer's own pre-activation (dy/dz, which the code computes from the activated output), the sum over the batch's rows: dL/db = sum_i f'(z_i) . delta_i; holds (ReLU, sigmoid, tanh; drawn loss)"),
    ("dx", r"\delta^{l-1} = (\frac{\partial f(y)}{\partial y}\odot \delta^l) \cdot W^T",
     "dL/dX = (f'(z) . delta^l) W^T (W of shape inputs x outputs); holds"),
    ("logistic", r"\delta = (t - y) \cdot y(1 - y)",
     "logistic layer y = sigmoid(x), L = -t log y - (1-t) log(1-y); delta is the error the layer passes backward (darknet's convention: minus the gradient): -dL/dx = t - y, not (t - y) y(1 - y); nor is it -dL/dy = (t - y)/(y(1 - y)); refuted (drawn x, 0/1 and real-valued t)"),
]
NCL_DIRS = [
    ("## Connected Layer", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=in-out names: X=input W=kernel b=bias \\beta=bias z=output y=activation \\delta^l=output_grad \\delta^{l-1}=input_grad -->"),
    ("## Logistic Layer", "<!-- symbp: layer=activation name=sigmoid names: x=input y=output t=target L=loss C=loss -->"),
]
NCL_EXCL = [
    ("$$z = XW + b$$", "forward definition"),
    ("$$y = f(z)$$", "forward definition"),
    (r"\delta W = \delta W + X^T", "an accumulating update (delta W on both sides), not an equation between gradients"),
    (r"y = \frac{1}{1 + e^{-x}}", "forward definition"),
    (r"L = -t \cdot log(y) - (1 - t) \cdot log(1 - y)", "loss definition"),
    (r"C = \sum_{i=0}^{N} L_i", "cost definition"),
]

# ---------------------------------------------------------------- wawakaka_regresi_linier_id
WRL = [
    ("dw", r"\frac{dL}{dw} = -\frac{2}{n} \sum (y_i - \hat{y_i})x_i",
     "y-hat_i = w x_i + b over n examples, L = (1/n) sum (y_i - y-hat_i)^2: dL/dw = -(2/n) sum (y_i - y-hat_i) x_i; holds (several n)"),
    ("db", r"\frac{dL}{db} = -\frac{2}{n} \sum (y_i - \hat{y_i})",
     "dL/db = -(2/n) sum (y_i - y-hat_i); holds"),
]
WRL_DIRS = [
    ("### Contoh pada Regresi Linier", "<!-- symbp: layer=fc in=1 out=1 batch=4 weight=in-out names: x=input w=kernel b=bias \\hat{y}=output y=target L=loss -->"),
]
WRL_EXCL = [
    (r"w_{\text{baru}} = w_{\text{lama}} - \eta \frac{dL}{dw}", "the gradient-descent update (a definition)"),
    (r"\hat{y} = w x + b", "forward definition"),
    (r"L = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y_i})^2", "loss definition"),
]

TABLE = {
    "coolgpu_backprop_batchnorm_en.md": ("cbn", CBN, CBN_DIRS, CBN_EXCL),
    "coolgpu_matmul_grad_en.md": ("cmm", CMM, CMM_DIRS, CMM_EXCL),
    "numpynet_batchnorm_en.md": ("nbn", NBN, NBN_DIRS, NBN_EXCL),
    "numpynet_connected_logistic_en.md": ("ncl", NCL, NCL_DIRS, NCL_EXCL),
    "wawakaka_regresi_linier_id.md": ("wrl", WRL, WRL_DIRS, WRL_EXCL),
}
