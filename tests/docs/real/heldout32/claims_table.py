"""The thirty-second held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout32.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

BIS = [
    ("dW11", r"d{W_{11}} = d{Z_{11}}{X_{11}} + d{Z_{12}}{X_{12}} + d{Z_{21}}{X_{21}} + d{Z_{22}}{X_{22}}",
     "the post's forward Z_ij = sum_{m,n} W_mn X_{i+m-1, j+n-1} (cross-correlation, 3x3 input, 2x2 kernel, no bias), dW = dL/dW by autograd for a drawn loss of Z: dW_11 = sum_ij dZ_ij X_ij; holds"),
    ("dW12", r"d{W_{12}} = d{Z_{11}}{X_{12}} + d{Z_{12}}{X_{13}} + d{Z_{21}}{X_{22}} + d{Z_{22}}{X_{23}}",
     "dW_12 = sum_ij dZ_ij X_{i, j+1}; holds"),
    ("dW21", r"d{W_{21}} = d{Z_{11}}{X_{21}} + d{Z_{12}}{X_{22}} + d{Z_{21}}{X_{31}} + d{Z_{22}}{X_{32}}",
     "dW_21 = sum_ij dZ_ij X_{i+1, j}; holds"),
    ("dW22", r"d{W_{22}} = d{Z_{11}}{X_{22}} + d{Z_{12}}{X_{23}} + d{Z_{21}}{X_{32}} + d{Z_{22}}{X_{33}}",
     "dW_22 = sum_ij dZ_ij X_{i+1, j+1}; holds"),
    ("dX11", r"d{X_{11}} = {W_{11}}d{Z_{11}}",
     "X_11 enters only Z_11, through W_11: dX_11 = W_11 dZ_11; holds"),
    ("dX12", r"d{X_{12}} = {W_{12}}d{Z_{11}} + {W_{11}}d{Z_{12}}",
     "X_12 enters Z_11 (through W_12) and Z_12 (through W_11); holds"),
    ("dX_rot", r"dX = rot\_180(W) \otimes dZ",
     "read as the post says in words: the kernel rotated by 180 degrees slid (as in the forward, a cross-correlation) over dZ zero-padded by the kernel size less one (a full convolution); this equals dX (checked at the post's 3x3/2x2 and at 4x4/3x3 and 5x5/2x2); holds"),
    ("dA_rot", r"d{A^{[l - 1]}} = rot\_180({W^{[l]}}) \otimes d{Z^{[l]}}",
     "the same rule for a layer l whose input is the previous activation A^{[l-1]} and whose output before the activation is Z^{[l]}; holds"),
]
BIS_DIRS = [
    ("The forward pass, written out:", "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 bias=0 conv=cross index_base=1 names: X=input W=kernel Z=output A^{[l-1]}=input W^{[l]}=kernel Z^{[l]}=output -->"),
]
BIS_EXCL = [
    (r"$${Z_{11}} = {W_{11}}{X_{11}}", "forward definition"),
    (r"$${Z_{12}} = {W_{11}}{X_{12}}", "forward definition"),
    (r"$${Z_{21}} = {W_{11}}{X_{21}}", "forward definition"),
    (r"$${Z_{22}} = {W_{11}}{X_{22}}", "forward definition"),
    ("{{X_{11}}} & {{X_{12}}}  \\cr", "the input patch that W_11 touches, a matrix of input entries (no derivative)"),
]

VOR = [
    ("c_w5", r"\frac{\partial net_{o1}}{\partial w_5}",
     "the page's network (inputs 0.05, 0.10; w_1..w_8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55; b_1 = 0.35, b_2 = 0.60; logistic on both layers; E_total = sum of (target - out)^2 / 2, targets 0.01, 0.99) and drawn ones: the chain rule dE/dw_5 = dE/dout_o1 dout_o1/dnet_o1 dnet_o1/dw_5 (the three factors by autograd, their product against dE/dw_5); holds"),
    ("dout_dnet", r"= 0.75136507(1-0.75136507)",
     "dout_o1/dnet_o1 = out_o1 (1 - out_o1) = 0.1868156018 at the page's network; every member (the symbolic one at drawn networks too) agrees, 0.186815602 within its last digit; holds"),
    ("together_w5", r"\frac {\partial E_{total}}{\partial w5} =",
     "the 'putting it all together' row writes the chain through h1: dE/dout_h1 dout_h1/dnet_h1 dnet_h1/dw_5, and net_h1 = w_1 i_1 + w_2 i_2 + b_1 does not depend on w_5 (dnet_h1/dw_5 = 0), so its first member is 0.03635 x 0.24130 x 0 = 0, not dE/dw_5 = 0.082167041 (the numbers that follow are the right product); refuted"),
    ("delta_o1", r"\delta_{o1} = \frac{\partial E_{total}}{\partial out_{o1}} \cdot",
     "delta_o1 = dE/dout_o1 dout_o1/dnet_o1 = dE/dnet_o1 = -(target_o1 - out_o1) out_o1 (1 - out_o1): every member equal (page's network and drawn ones); holds"),
    ("w678", r"w_6^{+} = 0.408666186",
     "w^+ = w - 0.5 dE/dw with dE/dw by autograd at the page's network: w_6^+ = 0.4086661861, w_7^+ = 0.5113012702, w_8^+ = 0.5613701211; all three within their last digit; holds"),
    ("dEo2_douth1", r"\frac {\partial E_{o2}}{\partial out_{h1}} = -0.01904919",
     "dE_o2/dout_h1 = -(target_o2 - out_o2) out_o2 (1 - out_o2) w_7 = -0.0190491189 at the page's network (autograd of E_o2 alone), -0.01904912 to the row's eight decimals: the written -0.01904919 is 7 units of its last digit off (a digit of -0.019049119 dropped; the page itself uses -0.019049119 two displays below); refuted"),
    ("douth1_dneth1", r"= 0.59326999(1- 0.59326999)",
     "dout_h1/dnet_h1 = out_h1 (1 - out_h1) = 0.2413007085; every member agrees (0.241300709 within its last digit); holds"),
    ("summary_update", r":= w_{ji} - \alpha(t_j-y_j)g'(h_j)x_i",
     "the translator's summary for an output neuron j with h_j = sum_i w_ji x_i, y_j = g(h_j), E = sum_j (t_j - y_j)^2 / 2 (the page's error): dE/dw_ji = -(t_j - y_j) g'(h_j) x_i, so gradient descent gives w_ji + alpha (t_j - y_j) g'(h_j) x_i; the written w_ji - alpha (t_j - y_j) g'(h_j) x_i moves up the gradient (its Delta w_ji = alpha (t_j - y_j) g'(h_j) x_i is minus alpha times the gradient, then subtracted); checked against autograd's w - alpha dE/dw at drawn sizes, logistic and tanh; refuted"),
]
VOR_DIRS = [
    ("### Output Layer\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: out_{h1}=input w_5=kernel b_2=bias net_{o1}=output out_{o1}=activation target_{o1}=target E_{total}=loss -->"),
    ("### Hidden Layer\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: i_1=input w_1=kernel b_1=bias net_{h1}=output out_{h1}=activation E_{total}=loss -->"),
    ("## 总结 (the translator's summary)\n", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input w=kernel h=output y=activation t=target -->"),
]
VOR_EXCL = [
    (r"net_{h1}  &=  w_1 \cdot i_1 + w_2 \cdot i_2 + b_1 \cdot 1", "forward values"),
    (r"out_{h1} &= \frac{1}{1+e^{-net_{h1}}}", "forward values"),
    (r"f(x) = \frac{1}{1+e^{-x}}", "definition of the logistic function"),
    (r"out_{h2} = 0.596884378", "forward value"),
    (r"net_{o1} &= w_5 \cdot out_{h1} + w_6 \cdot out_{h2} + b_2 \cdot 1", "forward values"),
    (r"out_{o2} = 0.772928465", "forward value"),
    (r"E_{total} = \sum \frac{1}{2}\|target - output\|^2", "definition of the error"),
    (r"E_{o1} &= \frac{1}{2}\|target_{o1}-out_{o1}\|^2", "the error's value"),
    (r"E_{o2} = 0.023560026", "the error's value"),
    (r"E_{total} &= E_{o1} + E_{o2}", "the error's value"),
    ("E_{total} = \\frac{1}{2}\\|target_{o1}-out_{o1}\\|^2 \n+", "definition of the error"),
    (r"2 \cdot \frac {1}{2}\|target_{o1}-out_{o1}\|^{2-1} + 0", "dE/dout_o1 written with the norm |target_o1 - out_o1|: equal to the true out_o1 - target_o1 = 0.74136507 at the page's numbers (out_o1 > target_o1), but as a formula it has the wrong sign wherever out < target (at o2 it would give +0.217 for -0.217); a verdict hangs on reading the row as numbers or as a rule"),
    ("$$\nout_{o1} = \\frac {1}{1+e^{-net_{o1}}}\n$$", "forward definition"),
    ("$$\nnet_{o1} = w_5 \\cdot out_{h1} + w_6 \\cdot out_{h2} + b_2 \\cdot 1\n$$\n\n$$\n\\begin{align}", "forward definition"),
    (r"1 \cdot out_{h1} \cdot w_5^{(1-1)} + 0 + 0", "holds (dnet_o1/dw_5 = out_h1 = 0.593269992); left out of the score (30% cap)"),
    (r"-(target_{o1}-out_{o1}) \cdot out_{o1}(1-out_{o1}) \cdot out_{h1}", "holds (the delta rule for dE/dw_5); left out of the score (30% cap)"),
    (r"\frac{\partial E_{total}}{\partial w_5} = \delta_{o1} \cdot out_{h1}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial E_{total}}{\partial w_5} = -\delta_{o1} \cdot out_{h1}", "true only for the other sources' delta with the minus sign taken out (delta = (target - out) out (1 - out)), false for the page's delta_o1; the row states it for those sources"),
    (r"&= 0.4 - 0.5 * 0.082167041", "the update of w_5 (holds: 0.35891648); left out of the score (30% cap)"),
    ("$$\n\\frac{\\partial E_{total}}{\\partial w_1} = \\frac{\\partial E_{total}}{\\partial out_{h1}} \\cdot", "holds (the chain rule for w_1); left out of the score (30% cap)"),
    ("$$\n\\frac{\\partial E_{total}}{\\partial out_{h1}} = \n\\frac{\\partial E_{o1}}{\\partial out_{h1}} + \\frac{\\partial E_{o2}}{\\partial out_{h1}}\n$$", "holds (both outputs' paths summed); left out of the score (30% cap)"),
    ("$$\n\\frac{\\partial E_{o1}}{\\partial out_{h1}} =\n\\frac{\\partial E_{o1}}{\\partial net_{o1}} \\cdot \\frac{\\partial net_{o1}}{\\partial out_{h1}}\n$$", "holds; left out of the score (30% cap)"),
    (r"&= 0.74136507 * 0.186815602 \\ \\", "holds (dE_o1/dnet_o1 = 0.138498562); left out of the score (30% cap)"),
    (r"\frac{\partial net_{o1}}{\partial out_{h1}} = w_5 = 0.40", "holds; left out of the score (30% cap)"),
    (r"&= 0.138498562 * 0.40", "holds (0.055399425); left out of the score (30% cap)"),
    (r"&= 0.055399425 + -0.019049119", "holds (dE/dout_h1 = 0.036350306); left out of the score (30% cap)"),
    ("$$\nout_{h1} = \\frac {1}{1+e^{-net_{h1}}}\n$$", "forward definition"),
    ("$$\nnet_{h1} = w_1 \\cdot i_1 + w_2 \\cdot i_2 + b_1 \\cdot 1\n$$", "forward definition"),
    (r"\frac {\partial net_{h1}}{\partial w_1} &= i \\", "dnet_h1/dw_1 = i_1 = 0.05: the value is right but the row writes a bare i the page never defines (the input vector, or i_1); the reading decides"),
    (r"&= 0.036350306 * 0.241300709 * 0.05", "holds (dE/dw_1 = 0.000438568); left out of the score (30% cap)"),
    (r"&= \biggl(\sum_o \delta_o \cdot w_{ho}\biggr) \cdot", "holds (delta_h1 i_1 with w_ho the weight from h1 to o); left out of the score (30% cap)"),
    (r"&= 0.15 - 0.5 * 0.000438568", "the update of w_1 (holds: 0.149780716); left out of the score (30% cap)"),
    (r"w_2^{+} = 0.19956143", "holds (w_2^+ = 0.1995614323, w_3^+ = 0.2497511436, w_4^+ = 0.2995022873 by autograd); left out of the score (30% cap)"),
    (r"y(x) = f(g(h(x)))", "a calculus reminder, no network quantity"),
    (r"\frac{dy}{dx} = \frac{dy}{dg} \cdot \frac{dg}{dh} \cdot \frac{dh}{dx}", "the chain rule for nested scalar functions (true), no network quantity"),
]

WAT = [
    ("eq4", r"= \frac{1}{N} \frac{\partial }{\partial w_{0} } \sum_{n=0}^{N-1} E_{n} ( { \bf w } )",
     "a_n = w_0 x_n + w_1, y_n = sigma(a_n), E_n = -(t_n log y_n + (1 - t_n) log(1 - y_n)), E = (1/N) sum_n E_n (t_n in {0, 1} drawn, also t_n in (0, 1)); every member of (4) equals dE/dw_0 by autograd; holds"),
    ("eq7", r"\frac{\partial E_{n}( { \bf w } ) }{\partial w_{0} }",
     "chain rule dE_n/dw_0 = dE_n/dy_n dy_n/da_n da_n/dw_0 (the factors by autograd, their product against autograd's dE_n/dw_0); holds"),
    ("eq8", r"=  - \frac{ t_{n} }{ y_{n} } + \frac{ 1 - t_{n} }{ 1 - y_{n} }",
     "dE_n/dy_n = -t_n/y_n + (1 - t_n)/(1 - y_n) = (y_n - t_n)/((1 - y_n) y_n): every member; holds"),
    ("eq9", r"=  \frac{ \exp(- a_{n}) }{ (1 + \exp(- a_{n}))^2 }",
     "dy_n/da_n for the logistic function: every member equals sigma'(a_n) = (1 - y_n) y_n; holds"),
    ("eq10", r"=  \frac{\partial }{\partial w_{0} }  ( w_{0} x_{n} + w_{1} )",
     "da_n/dw_0 = x_n; holds"),
    ("eq11", r"= \frac{1}{N} \sum_{n=0}^{N-1} ( y_{n} - t_{n} ) x_{n}",
     "dE/dw_0 = (1/N) sum_n (y_n - t_n) x_n: every member of (11) (N = 1, 4, 7 drawn samples); holds"),
    ("eq12", r"\frac{\partial E_{n}( { \bf w } ) }{\partial w_{1} }",
     "chain rule dE_n/dw_1 = dE_n/dy_n dy_n/da_n da_n/dw_1; holds"),
    ("eq14", r"\frac{\partial }{\partial w_{1} } E_{n} ( { \bf w } )",
     "dE/dw_1 = (1/N) sum_n (y_n - t_n): every member of (14); holds"),
]
WAT_DIRS = [
    ("The gradient method is applied to this E(w).", "<!-- symbp: layer=fc in=1 out=1 batch=4 index_base=0 names: x_{n}=input w_{0}=kernel w_{1}=bias a_{n}=output y_{n}=activation \\sigma=activation t_{n}=target E=loss -->"),
]
WAT_EXCL = [
    (r"- \frac{1}{N} \log P( { \bf T } \mid { \bf X } ) ", "definition of the mean cross-entropy"),
    (r"E_{n} ( { \bf w } )" + "\n        &= - ( t_{n} \\log y_{n}", "definition of the per-sample error"),
    (r"\tag{3} E( { \bf w } )", "definition of the mean error"),
    (r"y_{n} =  \sigma ( a_{n} )  =  \frac{1}{1 + \exp(- a_{n}) } ", "forward definition"),
    (r"a_{n} =  w_{0} x_{n} + w_{1} ", "forward definition"),
    (r"=  \frac{\partial }{\partial w_{1} }  ( w_{0} x_{n} + w_{1} )", "holds (da_n/dw_1 = 1); left out of the score (30% cap)"),
]

QNT = [
    ("dW", r"\frac{\partial L}{\partial W_{m,n}} = \sum_i \sum_j X_{i+m, j+n} \frac{\partial L}{\partial Y_{i,j}}",
     "the note's forward Y_ij = sum_{m,n} X_{i+m, j+n} W_mn + b (cross-correlation, no padding, stride 1), L a drawn loss of Y, autograd: dL/dW_mn = sum_ij X_{i+m, j+n} dL/dY_ij (5x5/3x3, 4x4/2x2, 6x5/3x2); holds"),
    ("db", r"\frac{\partial L}{\partial b} = \sum_i \sum_j \frac{\partial L}{\partial Y_{i,j}}",
     "one scalar bias added to every output: dL/db = sum of dL/dY; holds"),
    ("dX", r"\frac{\partial L}{\partial X} = \text{Full Convolution} \left(",
     "read as the note defines it in words: dL/dY zero-padded by the kernel size less one on every side, the kernel rotated by 180 degrees, slid over it as in the forward (the note's 'convolution' is the sliding product it computes as a cross-correlation); this equals dL/dX; holds"),
]
QNT_DIRS = [
    ("## The Forward Pass (1D / 2D Convolution)\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss -->"),
]
QNT_EXCL = [
    (r"Y_{i,j} = \sum_m \sum_n X_{i+m, j+n} W_{m,n} + b", "forward definition"),
]

TABLE = {
    "bishwarup_convbackprop_en.md": ("bis", BIS, BIS_DIRS, BIS_EXCL),
    "vortune_mazur_bp_zh.md": ("vor", VOR, VOR_DIRS, VOR_EXCL),
    "wat36_cee_gradient_ja.md": ("wat", WAT, WAT_DIRS, WAT_EXCL),
    "quartz_cnns_note_en.md": ("qnt", QNT, QNT_DIRS, QNT_EXCL),
}
