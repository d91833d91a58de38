"""The fifty-fourth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout54.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- mpiseno_conv_backprop_en
MPI = [
    ("chain_theta", r"\frac{\partial L}{\partial \theta_{i,j}} = \frac{\partial L}{\partial Y}\frac{\partial Y}{\partial \theta_{i,j}} \\",
     "valid cross-correlation y_{h',w'} = sum_{i,j=0}^{K-1} x_{h'+i,w'+j} theta_{i,j} (stride 1, no padding, H' = H-K+1), L a drawn non-linear function of Y: the first member dL/dY dY/dtheta_{ij} read as the contraction over every output entry (the next row writes it out), and the sum over h', w' of dL/dy_{h',w'} dy_{h',w'}/dtheta_{ij} (the Jacobian by autograd) equal dL/dtheta_{ij}; holds (H x W x K = 5x5x3, 4x6x2, 6x5x3)"),
    ("dy_dtheta", r"= x_{h'+i,w'+j}",
     "dy_{h',w'}/dtheta_{i,j} (autograd Jacobian) = x_{h'+i,w'+j} for every output entry and kernel entry; holds"),
    ("dLdTheta", r"\frac{\partial L}{\partial \theta_{i,j}} = \sum_{h'=0}^{H'-1} \sum_{w'=0}^{W'-1} \frac{\partial L}{\partial y_{h',w'}} x_{h'+i,w'+j}",
     "dL/dtheta_{i,j} = sum_{h',w'} dL/dy_{h',w'} x_{h'+i,w'+j}; holds"),
    ("chain_x", r"\frac{\partial L}{\partial x_{h,w}} = \sum_{h'=0}^{H'-1} \sum_{w'=0}^{W'-1} \frac{\partial L}{\partial y_{h',w'}}\frac{\partial y_{h',w'}}{\partial x_{h,w}}",
     "the chain rule over every output entry with the autograd Jacobian dy/dx; holds"),
    ("dy_dx", r"= \theta_{h-h',w-w'}",
     "dy_{h',w'}/dx_{h,w} = theta_{h-h',w-w'}, read with the page's Remark (an index outside 0..K-1 gives 0): checked for every (h', w', h, w) against the autograd Jacobian; holds"),
    ("dLdX", r"\frac{\partial L}{\partial x_{h,w}} = \sum_{h'=0}^{H'-1} \sum_{w'=0}^{W'-1} \frac{\partial L}{\partial y_{h',w'}} \theta_{h-h',w-w'}",
     "dL/dx_{h,w} = sum_{h',w'} dL/dy_{h',w'} theta_{h-h',w-w'}, out-of-range kernel indices omitted (the Remark); holds"),
    ("dLdX_alt", r"\frac{\partial L}{\partial x_{h,w}} = \sum_{i=0}^{K-1} \sum_{j=0}^{K-1} \frac{\partial L}{\partial y_{h-i,w-j}} \theta_{i,j}",
     "the same sum re-indexed by i = h - h', j = w - w': dL/dx_{h,w} = sum_{i,j} dL/dy_{h-i,w-j} theta_{i,j}, terms whose y index leaves 0..H'-1 x 0..W'-1 omitted (the Remark); holds"),
]
MPI_DIRS = [
    ("## Computing $\\nabla_{\\Theta} L$\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input x=input \\Theta=kernel \\theta=kernel Y=output y=output L=loss -->"),
    ("## Computing $\\nabla_{X} L$\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: X=input x=input \\Theta=kernel \\theta=kernel Y=output y=output L=loss -->"),
]
MPI_EXCL = [
    (r"y_{h',w'} = \sum_{i=0}^{K-1} \sum_{j=0}^{K-1} x_{h'+i,w'+j} \theta_{i, j}", "forward definition"),
]

# ---------------------------------------------------------------- doumeishi_conv_vjp_en
DOU = [
    ("vjp1d_subst", r"= \sum_t v[t] \frac{\partial }{\partial x[i]} \sum_{i'} x[i']\cdot w[i'+p-st] \\",
     "1-D convolution-DL y[t] = sum_tau x[st+tau-p] w[tau] (zero padding p, stride s, out-of-range entries 0), v = dL/dy for a drawn non-linear L: the substituted member (i' = st + tau - p, w read 0 outside 0..K-1) differentiated by autograd equals dL/dx[i], and so do the members before it; holds ((I, K, s, p) = (10, 3, 2, 1), (7, 2, 1, 0), (9, 3, 3, 2), (8, 4, 2, 1))"),
    ("vjp1d", r"= \sum_t w[i+p-st] \cdot v[t].",
     "dL/dx[i] = sum_t w[i+p-st] v[t] for every 0 <= i <= I-1 (w zero outside 0..K-1); holds"),
    ("vjp_adjoint", r"\operatorname{VJP}_A(x,v) := \frac{\partial \langle Ax, v\rangle }{\partial x} = \frac{\partial \langle x, A^*v\rangle}{\partial x} = A^*v.",
     "A a drawn linear map (a random m x n matrix, A^* its transpose under the standard inner product): d<Ax, v>/dx = d<x, A^T v>/dx = A^T v; holds (3x4, 5x2, 4x4)"),
    ("vjp_corr", r"= C_w^* v = \operatorname{Conv}(v, w),",
     "finitely supported sequences, Corr(x,w)[t] = sum_tau x[t+tau] w[tau], Conv(x,w)[t] = sum_tau x[t+tau] w[-tau]; x supported on 0..n-1, w on 0..K-1, v drawn on the whole support of C_w x: d<C_w x, v>/dx[i] (autograd) = d<x, C_w^* v>/dx[i] = Conv(v, w)[i]; holds (n, K = 5, 3; 6, 2; 4, 4)"),
    ("vjp_conv", r"= C_w v = \operatorname{Corr}(v, w).",
     "d<Conv(x,w), v>/dx[i] (autograd, v drawn on the support of Conv(x,w)) = Corr(v, w)[i]; holds"),
    ("tconv_chain", r"= \sum_t v[t] \cdot w[-st + i + p].",
     "D_{s,p}x[t] = x[st+p], U_{s,p}x[t] = x[(t+p)/s] where integral, R = D_{-1,0}, S_p = D_{1,p}: every member of the chain, (C_w^* U_{s,p} v)[i] = Corr(U_{s,p}v, Rw)[i] = <S_i S_p U_s v, Rw> = <v, D_s S_{-i-p} R w> = <v, D_s R S_{i+p} w> = <v, D_{-s,i+p} w> = sum_t v[t] w[-st+i+p], evaluated on finitely supported sequences, equals dL/dx[i] of the convolution-DL (v = dL/dy) for 0 <= i <= I-1; holds (the four (I, K, s, p))"),
    ("u_explicit", r"u[i] = \sum_{t=\max(0, \lceil\frac{i+p-K+1}{s} \rceil)}^{\min(T-1,\lfloor \frac{i+p}{s} \rfloor)} w[i+p-st]\cdot v[t]. $$",
     "the transposed convolution written with its summation bounds, v = dL/dy: u[i] = dL/dx[i] for 0 <= i <= I-1 (the bounds keep exactly the t with 0 <= i+p-st <= K-1 and 0 <= t <= T-1); holds"),
    ("dLdx_tconv", r"\frac{\partial L}{\partial x[i]} = \operatorname{TransposedConv-DL}(\frac{\partial L}{\partial y}, w; s,p)[i], \quad \forall i.",
     "TransposedConv-DL(v, w; s, p) := C_w^* U_{s,p} v (the page's definition), v = dL/dy: equals dL/dx[i] for every index of x (0 <= i <= I-1, the range the next paragraph restricts 'for all i' to); also equals torch conv_transpose1d with output padding p* = I - s(T-1) + 2p - K; holds"),
    ("vjp2d_subst", r"= \sum_{t_1,t_2} v[t_1,t_2] \frac{\partial }{\partial x[i_1,i_2]} \sum_{i'_1,i'_2} x[i'_1,i'_2]\cdot w[i'_1+p_1-s_1t_1,i'_2+p_2-s_2t_2] \\",
     "2-D convolution-DL with strides (s_1, s_2) and paddings (p_1, p_2): the substituted member (autograd) and the members before it equal dL/dx[i_1, i_2]; holds ((I1, I2, K1, K2, s1, s2, p1, p2) = (5,5,3,3,2,2,1,1), (6,5,2,3,1,2,0,1), (7,6,3,2,3,1,2,0))"),
    ("vjp2d", r"= \sum_{t_1,t_2} w[i_1+p_1-s_1t_1,i_2+p_2-s_2t_2] \cdot v[t_1,t_2].",
     "dL/dx[i_1, i_2] = sum_{t_1,t_2} w[i_1+p_1-s_1t_1, i_2+p_2-s_2t_2] v[t_1,t_2] (w zero outside its support); holds"),
]
DOU_DIRS = [
    ("## Method 1: Direct calculation\n", "<!-- symbp: layer=conv1d input=10 kernel=3 stride=2 padding=1 bias=0 conv=cross index_base=0 names: x=input w=kernel y=output v=output_grad L=loss -->"),
    ("## Correlation and convolution\n", "<!-- symbp: layer=conv1d input=6 kernel=3 stride=1 padding=0 bias=0 conv=cross index_base=0 names: x=input w=kernel v=output_grad -->"),
    ("## Method 2: Linear algebra perspective\n", "<!-- symbp: layer=conv1d input=10 kernel=3 stride=2 padding=1 bias=0 conv=cross index_base=0 names: x=input w=kernel y=output v=output_grad L=loss -->"),
    ("## Appendix: The two-dimensional case\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 bias=0 conv=cross index_base=0 names: x=input w=kernel y=output v=output_grad L=loss -->"),
]
DOU_EXCL = [
    (r"y[t] = \sum_\tau x[st+\tau-p] \cdot w[\tau], \quad 0 \leq t \leq \lfloor (I - K + 2p) / s \rfloor.", "forward definition"),
    (r"\Rightarrow \quad \max(0, p-st) \leq \tau \leq \min(K-1,I-1+p-st).", "the forward's summation bounds (no derivative)"),
    (r"y[t_1,t_2] = \sum_{\tau_1,\tau_2} x[s_1t_1+\tau_1-p_1,s_2t_2+\tau_2-p_2] \cdot w[\tau_1,\tau_2].", "forward definition (2-D; stated twice)"),
    (r"\operatorname{VJP}_\text{Conv-DL}(x,v)[i] &:= \sum_t \frac{\partial y[t]}{\partial x[i]}v[t],", "definition of the VJP (with its w row)"),
    (r"\max(0, \biggl\lceil\frac{i+p-K+1}{s} \biggr\rceil) \leq t \leq \min(T-1,\biggl\lfloor", "the summation bounds of t (holds; no derivative); scored inside claim u_explicit"),
    (r"\Omega:=\{x\in\mathbb{R}^{\mathbb{Z}}", "definition of the sequence space"),
    (r"\langle x,y\rangle:=\sum_i x[i]\cdot y[i]", "definition of the inner product"),
    (r"\langle Ax, y\rangle = \langle x, A^*y\rangle, \quad \forall x,y\in\Omega.", "definition of the adjoint"),
    (r"(D_{s,p}x)[t] &:= x[st+p], \\", "definition of the down- and upsampling operators"),
    (r"\langle D_{s,-p}x, y\rangle = \sum_t x[st-p]\cdot y[t]", "the adjointness of D and U (holds), an operator identity, no derivative"),
    (r"D_{s,p}D_{s,p}^* = D_{s,p}^*D_{s,p} = I", "operator identity, no derivative (D D^* = I holds, but D^* D = U D is not the identity for |s| >= 2: it zeroes the entries off the stride grid; likewise U U^*); left out as no gradient claim"),
    (r"RS_p&= S_{-p}R", "operator identities (hold), no derivative"),
    (r"\operatorname{Corr}(x,w)[t] &:= \langle S_t x,w \rangle", "definition of correlation and convolution"),
    (r"C_w x := \operatorname{Corr}(x, w), \quad C^*_w x:= \operatorname{Conv}(x, w).", "notation"),
    (r"\langle C_w x, y\rangle = \sum_{\tau,t}", "adjointness of correlation and convolution (holds), no derivative"),
    (r"C_w^*x=C_x^*w, \quad C_wx = R C_xw.", "symmetry identities (hold), no derivative"),
    (r"C_w^*x = C_{Rw}x. $$", "identity (holds), no derivative"),
    (r"C_w^*x = C_{Rw}x = C_xw, \quad \text{ if } Rw=w.", "identity (holds), no derivative"),
    (r"\operatorname{Conv-DL}(x,w;s,p) \equiv D_{s,-p}C_wx.", "the forward rewritten with operators (holds), no derivative"),
    (r"\operatorname{TransposedConv-DL}(v, w; s, p):= C^*_wU_{s,p}v.", "definition of the transposed convolution"),
    (r"-p \leq i \leq s(T-1)-p+K - 1.", "the support of u (no derivative)"),
    (r"p^*=I - s(T-1)+2p-K.", "the output padding (holds: it makes I* = I), no derivative"),
]

TABLE = {
    "mpiseno_conv_backprop_en.md": ("mpi", MPI, MPI_DIRS, MPI_EXCL),
    "doumeishi_conv_vjp_en.md": ("dou", DOU, DOU_DIRS, DOU_EXCL),
}
