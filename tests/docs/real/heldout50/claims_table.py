"""The fiftieth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout50.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- neodelphis_convnet_bp_fr
CNV = [
    ("dx1d", r"dx_1 = w_1 dy_1",
     "1-D example: x of 4 entries, w of 2, stride 1, no padding, y_1 = w_1 x_1 + w_2 x_2 + b ... (the page's forward (1)); dy_j = dL/dy_j. The four rows dx_1 = w_1 dy_1, dx_2 = w_2 dy_1 + w_1 dy_2, dx_3 = w_2 dy_2 + w_1 dy_3, dx_4 = w_2 dy_3 are each dL/dx_m; holds (drawn x, w, b and a drawn non-linear loss)"),
    ("dw_sum", r"\Rightarrow dw_{mn} = \sum_{i=1}^3 \sum_{j=1}^3 dy_{ij} \cdot x_{i+k-1,j+l-1}",
     "2-D example, indices from 1: x 4x4, w 2x2, y 3x3, y_ij = sum_{k,l} w_kl x_{i+k-1,j+l-1} + b (eq. 2). Read as written: the right side carries the filter indices k, l, which the row does not tie to m, n (they were the summation letters of (2), now free); dw_mn = sum_ij dy_ij x_{i+m-1,j+n-1}, and sum_ij dy_ij x_{i+k-1,j+l-1} differs from it whenever (k, l) != (m, n); refuted (drawn values; the row would hold with k, l replaced by m, n, checked as a sanity test, not scored)"),
    ("dw_conv", "dw = x * dy",
     "'*' the page's sliding sum of products without flipping (cross-correlation, its Notations section): dw = x * dy, i.e. dw_mn = sum_ij x_{i+m-1,j+n-1} dy_ij; holds (4x4/2x2 as on the page, and 5x5/3x3, 4x5/2x3)"),
    ("dxcase", r"\frac{\partial x_{i+k,j+l}}{\partial x_{mn}}",
     "read as written: the derivative of the entry x_{i+k,j+l} with respect to x_mn is 1 exactly where m = i+k and n = j+l, but the cases give 1 where m = i+k-1 and n = j+l-1 (the indices of (2) and (5), x_{i+k-1,j+l-1}, which the left side has lost their -1); the two indicators differ for every (i, j, k, l); refuted (the row would hold for x_{i+k-1,j+l-1}, not scored)"),
    ("dx7", r"dx_{mn} = \sum_{i=1}^3 \sum_{j=1}^3 dy_{ij} \cdot w_{m-i+1,n-j+1}",
     "w extended by zeros outside 1..2 (the page says so just before): dx_mn = sum_ij dy_ij w_{m-i+1,n-j+1} for every m, n in 1..4; holds"),
    ("dxpad", "0 dy_{11} dy_{12} dy_{13} 0",
     "dx = (dy padded by one ring of zeros) * [[w22, w21], [w12, w11]] with '*' the page's cross-correlation, stride 1: the 5x5 padded dy correlated with the 180-degree-rotated 2x2 filter gives the 4x4 dx; holds (4x4 as on the page, and 5x4, 3x5 inputs with the same 2x2 filter)"),
    ("dw_depth", r"\frac{\partial y_{fij}}{\partial w_{fckl}} = x_{c,i+k-1,j+l-1}",
     "depth section: x (C, H, W), w (F, C, HH, WW), y (F, H', W'); the forward (9) is read with the sum over the channel c that its prose states ('sur l'intégralité de la profondeur C'; (9) writes only the sums over k, l); then dy_fij/dw_fckl = x_{c,i+k-1,j+l-1} (same f); holds (C=2, F=3, 4x4/2x2 and C=3, F=2, 5x5/3x3)"),
]
CNV_DIRS = [
    ("## Cas d'un vecteur d'entrée x à 1 dimension\n", "<!-- symbp: layer=conv1d input=4 kernel=2 stride=1 padding=0 conv=cross index_base=1 names: x=input w=kernel b=bias y=output dy=output_grad dx=input_grad L=loss -->"),
    ("## Cas d'une entrée x à 2 dimensions\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 stride=1 padding=0 conv=cross index_base=1 names: x=input w=kernel b=bias y=output dy=output_grad dx=input_grad dw=kernel_grad db=bias_grad L=loss -->"),
    ("## Cas général et prise en compte des profondeurs\n", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 stride=1 padding=0 conv=cross index_base=1 names: x=input w=kernel b=bias y=output dy=output_grad dw=kernel_grad db=bias_grad L=loss layout: x=CHW w=OIHW y=CHW -->"),
]
CNV_EXCL = [
    (r"x'_{si+k-1,sj+l-1}", "forward definition (general stride, padded input)"),
    (r"y_{ij} = \sum_{k} \sum_{l} w_{kl} \cdot x_{i+k-1,j+l-1}", "forward definition (stride 1)"),
    ("y_1 = w_1 x_1 + w_2 x_2 + b", "forward definition of the 1-D example"),
    (r"dy = \frac{\partial L}{\partial y}", "definition of dy"),
    (r"dx=\frac{\partial L}{\partial x},  dw=\frac{\partial L}{\partial w},  db=\frac{\partial L}{\partial b}", "definitions of the gradients sought"),
    (r"db=\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial b} = dy\cdot\frac{\partial y}{\partial b}", "holds (chain rule, dy a row); left out for the 30% cap"),
    (r"\sum_{j}\frac{\partial L}{\partial y_j}\cdot \frac{\partial y_j}{\partial b}", "holds; left out for the 30% cap"),
    (r"\Rightarrow db=dy_1+dy_2+dy_3", "holds; left out for the 30% cap"),
    (r"dw=\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial w} = dy\cdot\frac{\partial y}{\partial w}", "holds (chain rule, dy a row); left out for the 30% cap"),
    ("\\frac{\\partial y}{\\partial w}\n=\n\\begin{bmatrix}\nx_1 & x_2", "the Jacobian dy/dw of the 1-D example (holds); left out for the 30% cap"),
    ("dw_1 = x_1 dy_1 + x_2 dy_2 + x_3 dy_3", "holds; left out for the 30% cap"),
    ("dw = \n\\begin{bmatrix}\nx_1 \\\\", "the 1-D dw = x * dy (holds); left out for the 30% cap"),
    (r"dx=\frac{\partial L}{\partial y}\cdot \frac{\partial y}{\partial x} = dy^T\cdot\frac{\partial y}{\partial x}", "its verdict hangs on the reading of dy: the page writes dy as the 1x3 row [dy_1 dy_2 dy_3] (then dy^T is a column and dy^T times the 3x4 Jacobian does not conform) and also as the vector (dy_1, dy_2, dy_3) (then the row holds)"),
    ("w_1 & w_2 & 0 & 0", "the Jacobian dy/dx of the 1-D example (holds); left out for the 30% cap"),
    ("dx = \n\\begin{bmatrix}\n0 \\\\\ndy_1", "the 1-D dx = [0, dy, 0] * [w_2, w_1] (holds); left out for the 30% cap"),
    ("y_{11} = w_{11} x_{11} + w_{12} x_{12}", "forward definition of the 2-D example"),
    (r"\forall(i,j)\in\{1,2,3\}^2 \tag {2}", "forward definition (2)"),
    (r"dy_{ij} = \frac{\partial L}{\partial y_{ij}}", "definition of dy"),
    (r"db = dy_{ij}\cdot\frac{\partial y_{ij}}{\partial b}", "holds (Einstein summation); left out for the 30% cap"),
    ("db = \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij}\n$$\n\n#### dw", "holds; left out for the 30% cap (restated in the summary)"),
    (r"dw=\frac{\partial L}{\partial y_{ij}}\cdot \frac{\partial y_{ij}}{\partial w} = dy\cdot\frac{\partial y}{\partial w}", "holds (Einstein summation); left out for the 30% cap"),
    (r"dw_{mn} = dy_{ij}\cdot\frac{\partial y_{ij}}{\partial w_{mn}} \tag{3}", "holds (Einstein summation); left out for the 30% cap"),
    (r"\sum_{k=1}^{2} \sum_{l=1}^{2} \frac{\partial w_{kl}}{\partial w_{mn}} x_{i+k-1,j+l-1}", "holds; left out for the 30% cap"),
    ("\\frac{\\partial y_{ij}}{\\partial w_{mn}}\n= \nx_{i+k-1,j+l-1}", "the same free k, l as claim dw_sum (refuted as written for the same reason); left out for the 30% cap"),
    (r"dw_{mn} = dy_{ij} \cdot x_{i+k-1,j+l-1}$$", "the Einstein form of claim dw_sum (same free k, l); scored there"),
    ("x_{41} &x_{42} &x_{43} &x_{44}\n\\end{bmatrix}\n*\n\\begin{bmatrix}\ndy_{11}", "the matrix form of claim dw_conv, scored there"),
    (r"dx_{mn} = dy_{ij}\cdot\frac{\partial y_{ij}}{\partial x_{mn}} \tag{4}", "holds (Einstein summation); left out for the 30% cap"),
    (r"w_{kl} \frac{\partial x_{i+k-1,j+l-1}}{\partial x_{mn}}  \tag{5}", "holds; left out for the 30% cap"),
    ("m=i+k-1\\\\\nn=j+l-1\n\\end{cases}\n$$", "index bookkeeping (no derivative)"),
    ("k=m-i+1", "index bookkeeping (no derivative)"),
    (r"&m,n \in [1,4] & \text{ entrées }", "index ranges (no derivative)"),
    ("\\frac{\\partial y_{ij}}{\\partial x_{mn}}\n= \nw_{m-i+1,n-j+1}", "holds (w extended by zeros); left out for the 30% cap"),
    (r"dx_{11} &= \sum_{i=1}^3 \sum_{j=1}^3 dy_{ij} \cdot w_{2-i,2-j}", "holds with w extended by zeros, but its second row writes w_{2-i,-1,} (a stray comma) and the rows are bookkeeping of (7); left out"),
    ("dx_{11} = dy * ", "holds (dy_11 w_11); left out for the 30% cap"),
    ("2,2 & 2,1 & 2,0", "index pattern, no equation"),
    ("w_{2,2} & w_{2,1} & 0 \\\\ \nw_{1,2}", "the filter pattern for dx_22 (no equation)"),
    ("3,2 & 3,1 & 3,0", "index pattern, no equation"),
    ("0 & 0 & 0 \\\\\nw_{2,2}", "the filter pattern for dx_43 (no equation)"),
    ("0 & 0 & w_{2,2}", "the filter pattern for dx_44 (no equation)"),
    (r"w'_{ij}=w_{3-i,3-j}", "definition of the flipped filter"),
    (r"$$dx = dy\_0 * w' \tag{8}$$", "claim dxpad restated in names (holds)"),
    ("= x * dy\n$$", "summary restating claim dw_conv"),
    ("= dy\\_0 * w'\n$$", "summary restating claim dxpad"),
    (r"y_{fij} = \sum_{k} \sum_{l} w_{fckl} \cdot x_{c,i+k-1,j+l-1} +b_f  \tag {9}", "forward definition (9) (it writes no sum over the channel c; the prose says the filters span all C channels)"),
    (r"db_f = dy_{fij}\cdot\frac{\partial y_{fij}}{\partial b_f}", "holds (Einstein summation); left out for the 30% cap"),
    (r"db_f = \sum_{i} \sum_{j} dy_{fij}", "holds; left out for the 30% cap"),
    (r"dw_{fckl} = dy_{fij}\cdot\frac{\partial y_{fij}}{\partial w_{fckl}}", "holds (Einstein summation); left out for the 30% cap"),
    (r"dw_{fckl} = dy_{fij}\cdot x_{c,i+k-1,j+l-1}", "holds (Einstein summation over i, j); left out for the 30% cap"),
    ("y = x * w\n$$", "forward definition (equal sizes, y a scalar)"),
    ("dx = w . dy\\\\\ndw = x . dy", "holds (y = sum of x w entrywise, dy a scalar); left out for the 30% cap"),
]

# ---------------------------------------------------------------- neodelphis_bp_softmax_layer_fr
SML = [
    ("chain_W", r"\frac{\partial L}{\partial W} =   \frac{\partial L}{\partial \lambda} . \frac{\partial \lambda}{\partial W}",
     "one input row X of size D, lambda = X.W with W (D, C), S = softmax(lambda), L the cross entropy of a one-hot target (the page's D_KL with H(p) = 0); '.' the tensor product contracting the C axis ((D,C) = (C).(C,D,C), the page says): dL/dw_jk = sum_i dL/dlambda_i dlambda_i/dw_jk; holds (D, C = 4, 3; 3, 5; 6, 2); the row is restated verbatim under 'Jacobien de L par rapport a W'"),
    ("J_cases", r"x_j  \text{si } i=k",
     "J_ijk = dlambda_i/dw_jk with lambda_i = sum_l x_l w_li: x_j where i = k, 0 where i != k; holds (autograd Jacobian)"),
    ("dLdw_jk", r"\frac{\partial L}{\partial \lambda_k}x_j",
     "dL/dw_jk = sum_i dL/dlambda_i J_ijk = dL/dlambda_k x_j; holds"),
    ("dW_mat", r"\frac{\partial L}{\partial W} = X^T.\frac{\partial L}{\partial \lambda}",
     "X a row of size D, dL/dlambda a row of size C: X^T.dL/dlambda is the D x C outer product, equal to dL/dW; holds"),
    ("dX_mat", r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial \lambda}.W^T",
     "dL/dX = dL/dlambda . W^T (a row of size D); holds"),
    ("dlse", r"\frac{\partial}{\partial \lambda_i}ln(\sum_j e^{\lambda_j})",
     "d/dlambda_i ln(sum_j e^{lambda_j}) = e^{lambda_i}/sum_j e^{lambda_j} = S_i; holds"),
    ("dL_cases", "S_y - 1",
     "L = -lambda_y + ln sum_j e^{lambda_j} (one-hot target of class y): dL/dlambda_i = S_y - 1 for i = y and S_i otherwise; holds (every class y drawn)"),
]
SML_DIRS = [
    ("## Gradient\n", "<!-- symbp: layer=fc in=4 out=3 weight=rows names: X=input W=kernel \\lambda=output L=loss -->"),
    ("#### Calcul de la dérivée de L\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: \\lambda=input S=output L=loss -->"),
]
SML_EXCL = [
    (r"W \leftarrow W + learning\_rate * \frac{\partial L}{\partial W}", "an update rule, no derivative (it adds the gradient: a gradient ascent step, against the minimisation the page states)"),
    (r"S_i = \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }", "definition of softmax"),
    (r"\forall i, S_i \in ]0,1]", "property of softmax (no derivative)"),
    (r"\sum_{i=1}^{N}S_i = 1", "property of softmax (no derivative)"),
    (r"= \frac{Ce^{\lambda_{i}}}{C\sum_j e^{\lambda_j}}", "numerical-stability identity (no derivative)"),
    (r"\ln C = -\max_j \lambda_j", "choice of the shift (no derivative)"),
    (r"(D,C) =  (C) . (C,D,C)", "dimensions of the chain rule (no derivative)"),
    (r"$$\lambda = X.W$$", "forward definition"),
    (r"J = \frac{\partial \lambda}{\partial W}", "definition of J"),
    (r"J_{ijk} = \frac{\partial \lambda_i}{\partial w_{jk}}", "definition of J's entries"),
    (r"\lambda_i=\sum_{l=1}^{D}x_lw_{li}", "forward definition"),
    (r"$$L = D_{KL}(Y\_one\_hot\|S)$$ où", "loss definition"),
    (r"D_{KL} = H(p,q)-H(p)", "loss definition"),
    (r"&p_i = Y\_one\_hot_i = ", "definition of the target distribution"),
    (r"D_{KL}  & = H(p,q) \\", "loss definition"),
    (r"L = D_{KL} & = - ln \frac{e^{\lambda_{y}}}{\sum_j e^{\lambda_j}}", "loss definition rewritten (no derivative)"),
    (r"&\frac{\partial L}{\partial W} = X^T.\frac{\partial L}{\partial \lambda} \\", "restates claims dW_mat and dL_cases"),
    (r"&\frac{\partial L}{\partial X} = \frac{\partial L}{\partial \lambda}.W^T \\", "restates claims dX_mat and dL_cases"),
]

# ---------------------------------------------------------------- neodelphis_softmax_derivees_fr
SMD = [
    ("g_prime", r"\frac{\partial g_i}{\partial a_j} =",
     "g_i = e^{a_i}: dg_i/da_j = e^{a_i} where i = j, 0 otherwise; holds"),
    ("h_prime", r"\frac{\partial h_i}{\partial a_j} =",
     "h_i = sum_k e^{a_k}: dh_i/da_j = e^{a_j}; holds"),
    ("diag", "= S_i - S_i^2",
     "j = i: every member of the chain (e^{a_i} sum - e^{a_i} e^{a_i})/(sum)^2 = e^{a_i}/sum - (e^{a_i}/sum)^2 = S_i - S_i^2 = S_i(1 - S_i) equals dS_i/da_i; holds (N = 3, 4, 6)"),
    ("offdiag", r"= \frac{0. h_i - e^{a_j}e^{a_i}}",
     "j != i: (0 . h_i - e^{a_j} e^{a_i})/(sum)^2 = -S_j S_i = dS_i/da_j; holds"),
    ("cases", r"S_i(1 - S_i)  \text{si } i=j",
     "D_jS_i = S_i(1 - S_i) for i = j and -S_j S_i for i != j: the full Jacobian; holds"),
    ("kron", r"D_jS_i = S_i(\delta_{ij} - S_j)",
     "D_jS_i = S_i(delta_ij - S_j) for every i, j; holds"),
]
SMD_DIRS = [
    ("## Dérivée de S\n", "<!-- symbp: layer=softmax classes=3 names: a=input S=output -->"),
]
SMD_EXCL = [
    (r"Softmax, \forall N \in  \mathbb{N}^{*}", "definition of softmax"),
    (r"Chaque élément de $S(a)$ est défini par: $$S_i = \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }$$", "definition of softmax"),
    (r"$$\frac{\partial S_i}{\partial a_j}$$", "notation for the Jacobian's entries"),
    (r"$$D_jS_i = \frac{\partial S_i}{\partial a_j}$$", "definition of D_jS_i"),
    (r"$$DS = ", "definition of the Jacobian matrix"),
    (r"$$f(x)= \frac{g(x)}{h(x)}$$", "calculus reminder (definition)"),
    (r"$$f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}$$", "a calculus reminder, no network quantity; as written it is wrong (the denominator of the quotient rule is h(x)^2, not h'(x)^2); the page's own derivation below uses the right denominator"),
    ("D_jS_i & = \\frac{\\partial S_i}{\\partial a_j}\\\\\n& = \\frac{\\partial }{\\partial a_j}\\frac{e^{a_i}}", "the definition of D_jS_i with the softmax substituted (no derivative taken)"),
    ("\\delta_{ij} = \n", "definition of the Kronecker delta"),
]

# ---------------------------------------------------------------- neodelphis_relu_layer_fr
RLU = [
    ("chain_lambda", r"\frac{\partial L}{\partial \lambda} = \frac{\partial L}{\partial Y}.\frac{\partial Y}{\partial \lambda}",
     "one input row X (D = 4 inputs and a constant 1), lambda = X.W (logits, size C = 3), Y = max(lambda, 0) entry by entry, L any loss of Y; gradients as rows and dY/dlambda the C x C Jacobian (the page's dY, 'une matrice (C,C)'): dL/dlambda = dL/dY . dY/dlambda; holds (a drawn non-linear loss)"),
    ("chain_W", r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \lambda}.\frac{\partial \lambda}{\partial W}",
     "'.' the tensor product contracting the C axis as in the companion post (BP-softmax-layer): dL/dw_jk = sum_i dL/dlambda_i dlambda_i/dw_jk; holds"),
    ("dy_dlambda", r"max(\lambda_i,0)",
     "dy_i/dlambda_j = 1 where i = j and lambda_i > 0, 0 otherwise (lambda drawn away from 0); holds (autograd Jacobian)"),
    ("dL_dlambda", r"\frac{\partial L}{\partial y_k}  \text{si } \lambda_k>0",
     "dL/dlambda_k = sum_i dL/dy_i dy_i/dlambda_k = dL/dy_k where lambda_k > 0, 0 otherwise; holds"),
    ("dW", r"\frac{\partial L}{\partial W} = X^T.\frac{\partial L}{\partial \lambda}",
     "X a row (with its constant 1), dL/dlambda a row: dL/dW = X^T . dL/dlambda, the (D+1) x C outer product, whose last row is the bias gradient; holds"),
]
RLU_DIRS = [
    ("# Backpropagation in relu layer\n", "<!-- symbp: layer=activation name=relu names: \\lambda=input Y=output y=output L=loss -->"),
    ("## $\\partial L/\\partial W$\n", "<!-- symbp: layer=fc in=5 out=3 weight=rows names: X=input W=kernel \\lambda=output L=loss -->"),
]
RLU_EXCL = [
    (r"$\lambda = logits$", "definition (inline)"),
    (r"$$\frac{\partial L}{\partial Y} = dL$$", "definition of dL"),
]

TABLE = {
    "neodelphis_convnet_bp_fr.md": ("cnv", CNV, CNV_DIRS, CNV_EXCL),
    "neodelphis_bp_softmax_layer_fr.md": ("sml", SML, SML_DIRS, SML_EXCL),
    "neodelphis_softmax_derivees_fr.md": ("smd", SMD, SMD_DIRS, SMD_EXCL),
    "neodelphis_relu_layer_fr.md": ("rlu", RLU, RLU_DIRS, RLU_EXCL),
}
