"""The fifth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order.  Data only; the truth is computed by ``truth_heldout5.py`` (numpy and torch, not
symbp), whose function for each document ``TABLE`` names."""

MINT = [
    ("m_fc_w_chain", r"\frac{\partial\mathcal{L}}{\partial z^l_{n,m}}\frac{\partial z^l_{n,m}}{\partial w^l_{i,j}}.", "linear weight: chain rule over all outputs"),
    ("m_fc_w_r1", r"\sum_{n=0}^{N-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,j}}\frac{\partial z^l_{n,j}}{\partial w^l_{i,j}}", "only column j depends on w_{i,j}"),
    ("m_fc_w_r2", r"<\frac{\partial\mathcal{L}}{\partial z^l_{*,j}}, \frac{\partial z^l_{*,j}}{\partial w^l_{i,j}}>", "the same as an inner product of columns"),
    ("m_fc_w_r3", r"<\frac{\partial\mathcal{L}}{\partial z^l_{*,j}}, x^l_{*,i}>", "inner product with column i of x"),
    ("m_fc_W_mat", r"\frac{\partial\mathcal{L}}{\partial W^l} = {x^l}^\texttt{T}\cdot\frac{\partial\mathcal{L}}{\partial z^l}.", "matrix form x^T dL/dz"),
    ("m_fc_b_r1", r"\frac{\partial z^l_{n,m}}{\partial b^l_i}", "bias: chain rule"),
    ("m_fc_b_r2", r"\sum_{n=0}^{N-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,i}}.", "bias: sum over the batch"),
    ("m_fc_x_r1", r"\frac{\partial z^l_{n,m}}{\partial x^l_{n,j}}", "input: chain rule (sample n only)"),
    ("m_fc_x_r2", r"\frac{\partial\mathcal{L}}{\partial z^l_{n,m}} w^l_{j,m}", "input: entries"),
    ("m_fc_x_r3", r"<\frac{\partial\mathcal{L}}{\partial z^l_{n,*}}, w^l_{j,*}>.", "input: inner product of rows"),
    ("m_fc_x_mat", r"\frac{\partial\mathcal{L}}{\partial x^l} = \frac{\partial\mathcal{L}}{\partial z^l} \cdot {W^l}^T.", "input: dL/dz W^T"),
    ("m_cv_k_r1", r"\frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w}}\frac{\partial z^l_{n,c,h,w}}{\partial k^l_{c,c',i,j}}", "kernel: chain rule (3.1.1)"),
    ("m_cv_k_r2", r"\frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w}} x^l_{n,c',h+i,w+j}", "kernel: entries"),
    ("m_cv_k_r3", r"\delta^l_{n,c,h,w}x^l_{n,c',h+i,w+j},", "kernel: with delta"),
    ("m_cv_k_tilde", r"\tilde{x}^l_{c',n,i+h,j+w} \tilde{\delta}^l_{c,n,h,w}", "kernel: batch and channel axes swapped (the tilde, as defined)"),
    ("m_cv_b_r1", r"\frac{\partial z^l_{n,c,h,w}}{\partial b^l_c}", "conv bias: chain rule (bias of Z = X*K + b)"),
    ("m_cv_b_r2", r"\sum_{w=0}^{W^l-1}\frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w}}.", "conv bias: sum"),
    ("m_cv_x_r1", r"\sum_{w'=0}^{W^l-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,c',h',w'}}\frac{\partial z^l_{n,c',h',w'}}", "input: chain rule over all outputs"),
    ("m_cv_x_r2", r"\frac{\partial z^l_{n,c',h',w'}}{\partial x^l_{n,c,h,w}}\mathbb{I}_{F^l}(h,h',w,w')", "input: with the window indicator (as defined)"),
    ("m_cv_x_win_r1", r"\frac{\partial z^l_{n,c',h-F^l+1+i,w-F^l+1+j}}{\partial x^l_{n,c,h,w}}", "the window sums i, j = 0..F-1 reach z_{n,c',h-F+1+i,..} outside z (h = 0, i = 0: row -F+1; the border is 'ignored' by the author)"),
    ("m_cv_x_win_r2", r"h-F^l+1+i,w-F^l+1+j}}k^l_{c',c", "same out-of-range reach, with the flipped kernel (right only with zeros outside)"),
    ("m_cv_x_pad_r1", r"\ddot{\delta}^l_{n,c',h+i,w+j} k^l_{c',c,F^l-1-i,F^l-1-j}", "padded delta (F-1 zeros each side, as the prose defines) and the flipped kernel"),
    ("m_cv_x_pad_r2", r"\ddot{\delta}^l_{n,c',h+i,w+j} \hat{k}^l_{c,c',i,j}", "with \\hat{k} = rotated kernel, channels exchanged"),
    ("m_st_k_r2", r"x^l_{n,c',hS+i,hS+j}", "stride S: the column index is hS+j (h for w): wrong"),
    ("m_st_k_chk_r1", r"\frac{\partial\mathcal{L}}{\partial \check{z}^l_{n,c,h,w}}x^l_{n,c',h+i,w+j}", "zeros inserted (dilated gradient of size (H^l-1)S+1) but the sums still stop at H^l-1, W^l-1: misses entries for S = 2"),
    ("m_st_k_chk_r2", r"\check{\delta}^l_{n,c,h,w} x^l_{n,c',h+i,w+j}", "same bounds"),
    ("m_st_k_chk_r3", r"\tilde{x}^l_{c',n,h+i,w+j}\tilde{\check{\delta}}^l_{c,n,h,w}", "same bounds"),
]
MINT_DIRS = [
    ("$$\nz^l = x^l\\cdot W^l + b^l", "<!-- symbp: layer=fc in=3 out=4 batch=2 index_base=0 names: x^l=input W^l=kernel b^l=bias z^l=output \\mathcal{L}=loss -->"),
    ("$$\nz^l_{n,c,h,w} = \\sum_{c'=0}^{C^{l-1}-1}\\sum_{i=0}^{F^l-1}\\sum_{j=0}^{F^l-1} x^l_{n,c',h+i",
     "<!-- symbp: layer=conv2d input=5x4 kernel=2x2 channels=2,3 batch=2 conv=cross index_base=0 names: x^l=input k^l=kernel b^l=bias z^l=output \\mathcal{L}=loss layout: x^l=NCHW k^l=OIHW z^l=NCHW -->"),
    ("$$\nz^l_{n,c,h,w} = \\sum_{c'=0}^{C^{l-1}-1}\\sum_{i=0}^{F^l-1}\\sum_{j=0}^{F^l-1} x^l_{n,c',hS+i",
     "<!-- symbp: layer=conv2d input=6x7 kernel=2x2 stride=2 channels=2,3 batch=2 conv=cross index_base=0 names: x^l=input k^l=kernel z^l=output \\mathcal{L}=loss layout: x^l=NCHW k^l=OIHW z^l=NCHW -->"),
]
MINT_EXCL = [
    (r"z^l = x^l\cdot W^l + b^l", "forward definition"),
    (r"z^l_{n,m} = \sum_{k=0}^{M^{l-1}-1} x^l_{n,k}", "forward definition, entries"),
    (r"Z^l = X^l * K^l + b^l", "forward definition"),
    (r"x^l_{n,c',h+i,w+j} k^l_{c,c',i,j}.", "forward definition, entries"),
    (r"\mathbb{I}_{F^l}(h,h',w,w') = ", "definition of the window indicator"),
    (r"x^l_{n,c',hS+i,wS+j} k^l_{c,c',i,j}.", "forward definition with stride S"),
]

SELFNN = [
    ("z_outw_r1", r"\frac{\partial E}{\partial z_{i}^{(n_L)}} \frac{\partial z_{i}^{(n_L)}}{\partial w_{ij}^{(n_L)}}", "output weight, chain rule (n_L labels the output layer; one sample, N = 1)"),
    ("z_outw_r2", r"= \delta_i^{(n_L)}a_j^{(n_L-1)}", "output weight = delta a"),
    ("z_dout", r"-(y_i - a_i^{(n_L)})f'(z_i^{(n_L)})", "output delta for E = 1/2 sum (y - o)^2, o = a^{(n_L)}"),
    ("z_dout_vec", r"-(y - a^{(n_L)})*f'(z^{(n_L)})", "vector form, * element-wise (said in the prose)"),
    ("z_hidw_r1", r"\frac{\partial E}{\partial z_{i}^{(l)}} \frac{\partial z_{i}^{(l)}}{\partial w_{ij}^{(l)}}", "hidden weight, chain rule"),
    ("z_hidw_r2", r"\frac{\partial z_{i}^{(l)}}{\partial w_{ij}^{(l)}} = \delta_i^{(l)}a_j^{(l-1)}", "hidden weight = delta a"),
    ("z_dl_r2", r"\frac{\partial E}{\partial z_{j}^{(l+1)}} \frac{\partial z_{j}^{(l+1)}}{\partial z_{i}^{(l)}}", "hidden delta, chain rule"),
    ("z_dl_r3", r"\delta_j^{(l+1)} \frac{\partial z_{j}^{(l+1)}}{\partial z_{i}^{(l)}}", "hidden delta with delta^{(l+1)}"),
    ("z_dzz_r1", r"\frac{\partial z_{j}^{(l+1)}}{\partial a_{i}^{(l)}}\frac{\partial a_{i}^{(l)}}{\partial z_{i}^{(l)}}", "dz^{(l+1)}_j/dz^{(l)}_i, chain rule"),
    ("z_dzz_r2", r"= w_{ji}^{(l+1)}f'(z_{i}^{(l)})", "= w_ji f'(z_i)"),
    ("z_dl_sum_r1", r"\sum_{j=1}^{n_{l+1}} \delta_j^{(l+1)} w_{ji}^{(l+1)}f'(z_{i}^{(l)})", "hidden delta, entries"),
    ("z_dl_sum_r2", r"w_{ji}^{(l+1)})f'(z_{i}^{(l)})", "hidden delta, f' factored out"),
    ("z_dl_vec", r"-((W^{(l+1)})^T\delta^{(l+1)})*f'(z^{(l)})", "vector form with a minus sign the entry form does not have"),
    ("z_b_r1", r"\frac{\partial z_{i}^{(l)}}{\partial b_{i}^{(l)}}", "bias, chain rule (any layer)"),
    ("z_b_r2", r"{\partial b_{i}^{(l)}} = \delta_i^{(l)}", "bias = delta"),
    ("c_w_chain_r1", r"\frac{\partial E}{\partial x_{i,j}^{l}} \frac{\partial x_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l}", "conv kernel, chain rule over the (H-k_1+1) x (W-k_2+1) output"),
    ("c_w_chain_r2", r"\delta^{l}_{i,j} \frac{\partial x_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l}", "with delta"),
    ("c_dxdw_fwd", r"\left( \sum_{m} \sum_{n} w_{m,n}^{l}o_{i+m, j+n}^{l-1} + b^l \right)", "the forward substituted"),
    ("c_dxdw_r2", r"\left( w_{m^{\prime},n^{\prime}}^{l} o_{ i + m^{\prime}, j + n^{\prime}}^{l-1}\right)", "the one term with w_{m'n'}"),
    ("c_dxdw_r3", r"o_{i+m^{\prime},j+n^{\prime}}^{l-1}", "its derivative"),
    ("c_w_final", r"\delta^{l}_{i,j} o_{ i + m^{\prime}, j + n^{\prime}}^{l-1}", "conv kernel gradient"),
    ("c_dx_chain_r1", r"\frac{\partial E}{\partial x_{i'-m, j'-n}^{l+1}}\frac{\partial x_{i'-m, j'-n}^{l+1}}{\partial x_{i',j'}^l}", "sums m = 0..k_1-1, n = 0..k_2-1 reach x^{l+1}_{i'-m,j'-n} outside the map (i' = 0, m = 1); no padding is said"),
    ("c_dx_chain_r2", r"\delta^{l+1}_{i'-m, j'-n} \frac{\partial x_{i'-m, j'-n}^{l+1}}{\partial x_{i',j'}^l}", "same reach"),
    ("c_dxx_r1", r"w_{m', n'}^{l+1} o_{i' - m + m',j' - n + n'}^{l} + b^{l+1}", "dx^{l+1}/dx^l, the forward substituted (free indices where the entries exist)"),
    ("c_dxx_r2", r"w_{m',n'}^{l+1}f\left(x_{i' - m + m',j' - n + n'}^{l}\right) + b^{l+1}", "with o^l = f(x^l)"),
    ("c_dxx_r3", r"\left( w_{m,n}^{l+1} f\left(x_{i',j'}^{l} \right) \right)", "the one term with x_{i'j'}"),
    ("c_dxx_r4", r"w_{m,n}^{l+1} \frac{\partial}{\partial x_{i',j'}^l} \left( f", "w times the derivative of f"),
    ("c_dxx_r5", r"w_{m,n}^{l+1} f'\left(x_{i',j'}^{l}\right)", "= w f'(x)"),
    ("c_dx_final", r"\delta^{l+1}_{i^{\prime} - m,j^{\prime} - n} w_{m,n}^{l+1} f'", "input gradient: same out-of-range reach of delta^{l+1} (right only with zeros outside)"),
]
SELFNN_DIRS = [
    ("$$\\mathbf{z^{(l)}}=\\mathbf{W^{(l)}a^{(l-1)} + b^{(l)}}$$",
     "<!-- symbp: layer=fc in=3 out=4 names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output a^{(l)}=activation E=loss -->"),
    ("$$x_{i,j}^l = \\sum_{m}\\sum_{n} w_{m,n}^l o_{i + m,j + n}^{l-1} + b^l$$",
     "<!-- symbp: layer=conv2d input=6x7 kernel=2x3 conv=true index_base=0 names: o^{l-1}=input w^l=kernel b^l=bias x^l=output E=loss -->"),
]
SELFNN_EXCL = [
    (r"\mathbf{z^{(l)}}=\mathbf{W^{(l)}a^{(l-1)} + b^{(l)}}", "forward definition"),
    (r"\mathbf{a^{(l)}}=f(\mathbf{z^{(l)}})", "forward definition"),
    (r"\mathbf{x = a^{(1)} \to z^{(2)}", "the forward as a chain of arrows"),
    (r"\mathbf{y^{(i)}}=(y^{(i)}_1", "definition of a target"),
    (r"E_i = \frac{1}{2} (\mathbf{y^{(i)}-o^{(i)}})^2", "loss definition"),
    (r"E =\frac{1}{N} \displaystyle \sum_{i=1}^{N}E_i", "loss definition"),
    (r"(\displaystyle \sum_{j=1}^{n_{l+1}} \delta_j^{(l+1)} w_{ji}^{(l+1)})f'(z_{i}^{(l)})a_j^{(l-1)}", "j is both the summation index and a free index (ill-formed)"),
    (r"W^{(l)} = W^{(l)} - \frac{u}{N}", "update rule"),
    (r"\mathbf{b^{(l)} = b^{(l)}} - \frac{u}{N}", "update rule"),
    (r"I(i-m, j-n)K(m,n)", "definition of the convolution"),
    (r"I(i+m, j+n)K(-m,-n)", "restates the definition with K at negative indices (entries that do not exist)"),
    (r"K_{m,n,c}\cdot I_{i+m, j+n, c} + b", "forward definition"),
    (r"K_{m,n} \cdot I_{i+m, j+n} + b", "forward definition"),
    (r"x_{i,j}^l = \sum_{m}\sum_{n} w_{m,n}^l o_{i + m,j + n}^{l-1} + b^l", "forward definition"),
    (r"O_{i,j}^{l-1} = f(x_{i,j}^l)", "definition (layer label off by one)"),
    (r"\text{rot}_{180^\circ} \left\{ w_{m,n}^l \right\} \ast o_{i,j}^{l-1} + b_{i,j}^l", "forward restated with rot180 and the page's \\ast"),
    (r"x_{i,j}^l = \sum_{m} \sum_{n} w_{m,n}^l o_{i+m,j+n}^{l-1} + b_{i,j}^l", "forward definition"),
    (r"o_{i,j}^l = f(x_{i,j}^l)", "definition of the activation"),
    (r"E =  \frac{1}{2}\sum_{p} \left(t_p - y_p \right)^2", "loss definition"),
    (r"w_{0,0}^{l} o_{ i + 0, j + 0}^{l-1} + ...", "written with ellipses"),
    (r"\text{rot}_{180^\circ} \left\{ \delta^{l}_{i,j} \right\} \ast  o_{m^{\prime},n^{\prime}}^{l-1}", "\\ast between an entry-indexed rot180 and an entry: the page defines \\ast by I(i-m, j-n) without saying which outputs (valid or full) a map has"),
    (r"\delta^{l}_{i,j} = \frac{\partial E}{\partial x_{i,j}^{l}}", "definition of delta"),
    (r"\sum_{i,j \in Q} \frac{\partial E}{\partial x_{Q}^{l+1}}", "the region Q is not an index the page defines"),
    (r"\sum_{i,j \in Q} \delta^{l+1}_{Q}", "the region Q is not an index the page defines"),
    (r"f\left(x_{ 0 - m + m', 0 - n + n'}^{l}\right) + ...", "written with ellipses"),
    (r"\text{rot}_{180^\circ} \left\{ \sum_{m = 0}^{k_1 - 1}", "rot180 of a scalar sum (ill-formed)"),
    (r"\delta^{l+1}_{i',j'} \ast \text{rot}_{180^\circ} \left\{ w_{m,n}^{l+1} \right\}", "\\ast between an entry and a rotated entry; which outputs the page's \\ast has is not said"),
]

SCTHE = [
    ("s_dL_r2", r"\frac{\partial}{\partial x^{(L)}_j} \frac{1}{2} (Y - h_{W,b}(X))^2", "the cost restated (J = 1/2 |Y - h|^2)"),
    ("s_dL_r3", r"(h_{W,b}(X) - Y) \cdot {f_a}`(x^{(L)}_j)", "the whole vector h - Y times one node's f_a': the j-th entry h_j - Y_j is needed"),
    ("s_dy_r2", r"\frac{\partial x^{(l+1)}_j}{\partial y^{(l)}_i}", "no sum over j (the author says so next)"),
    ("s_dy_r3", r"W^{(l)}_{ji} \cdot \delta^{(l+1)}_j", "no sum over j"),
    ("s_dy_sum", r"\sum_{j=1}^{s_{l+1}} (", "with the sum over j"),
    ("s_dl_r2", r"\frac{\partial y^{(l)}_i}{\partial x^{(l)}_i}", "delta^{(l)}, chain rule"),
    ("s_dl_r3", r"{f_a}`(x^{(l)}_i) \cdot \sum_{j=1}^{s_{l+1}}", "delta^{(l)}"),
    ("s_dW_r2", r"\frac{\partial x^{(l+1)}_j}{\partial W^{(l)}_{ji}}", "weight, chain rule"),
    ("s_dW_r3", r"y^{(l)}_i\cdot \delta^{(l+1)}_j", "weight = y_i delta_j"),
    ("s_db_r2", r"\frac{\partial x^{(l+1)}_j}{\partial b^{(l)}_{i}}", "b_i against x_j for every j: wrong for i != j"),
    ("s_db_r3", r"J(W,b;Y,X) = \delta^{(l+1)}_j", "dJ/db_i = delta_j: wrong for i != j"),
    ("s_tldr_dL", r"\delta^{(L)}_j = (h_{W,b}(X) - Y)", "TL;DR 1: as above"),
    ("s_tldr_dl", r"{f_a}'(x^{(l)}_i) \cdot \sum_{j=1}^{s_{l+1}}", "TL;DR 2"),
    ("s_tldr_dW", r"{\partial \over \partial W^{(l)}_{ji}} J(W,b;Y,X) = y^{(l)}_i", "TL;DR 3, weight"),
    ("s_tldr_db", r"{\partial \over \partial b^{(l)}_{i}} J(W,b;Y,X) = \delta^{(l+1)}_j", "TL;DR 3, bias: as above"),
    ("s_cnn_delta", r"W^{(l)}_{abnk} \cdot \delta^{(l+1)}_{(i+a),(j+b),n}", "conv delta with (i+a): the (i-a) form is right (zeros outside, the bounds check)"),
    ("s_cnn_dW", r"y^{(l)}_{(i+a),(j+b),k} \cdot \delta^{(l+1)}_{i,j,n}", "conv weight gradient (i, j over the stated ranges [0, w_img), [0, h_img))"),
    ("s_cnn_db", r"{\partial \over \partial b^{(l)}_{k}} J(W,b;Y,X)", "b_k on the left, delta_{i,j,n} with a free n on the right: wrong for n != k"),
]
SCTHE_DIRS = [
    ("$$x^{(l+1)}_j = \\sum_{i=1}^{s_{l}}",
     "<!-- symbp: layer=fc in=3 out=4 names: y^{(l)}=input W^{(l)}=kernel b^l=bias x^{(l+1)}=output y^{(l+1)}=activation J=loss -->"),
    ("$$ x^{(l+1)}_{i,j,n} =",
     "<!-- symbp: layer=conv2d input=5x4 kernel=2x2 channels=2,3 conv=cross index_base=0 names: y^{(l)}=input W^{(l)}=kernel b=bias x^{(l+1)}=output J=loss layout: y^{(l)}=HWC W^{(l)}=HWOI x^{(l+1)}=HWC -->"),
]
SCTHE_EXCL = [
    (r"x^{(l+1)}_j = \sum_{i=1}^{s_{l}}(W^{(l)}_{ji} y^l_i) + b^l_j", "forward definition"),
    (r"y^{(l+1)}_j = f_a(x^{(l+1)}_j)", "forward definition"),
    (r"J(W,b;Y,X) = \frac{1}{2} ( Y - h_{W,b}(X) )^2", "cost definition"),
    (r"W^l_{ji} = W^l_{ji} - \eta", "update rule"),
    (r"b^l_{i} = b^l_{i} - \eta", "update rule"),
    (r"\frac{1}{m} \sum_{k=1}^m", "definition of the batch cost's gradient as an average"),
    (r"w^{(l+1)}_{img} = w^{(l)}_{img} - f^{(l)} + 1", "sizes"),
    (r"(W^{(l)}_{abnk} \cdot y^{(l)}_{(i+a),(j+b),k}) + b_{n}", "forward definition"),
    (r"y^{(l+1)}_{i,j,n} = f_a(x^{(l+1)}_{i,j,n})", "forward definition"),
    (r"i \in [0, w^{(l+1)}_{img} )", "index ranges"),
]

SLIDES = [
    ("k_b_r1", r"\textcolor{darkgreen}{\frac{∂⇶R_{i,j}}{∂→b}} ⇶G_{i,j}", "bias: chain rule"),
    ("k_b_r2", r"\textcolor{darkgreen}{⇉I} ⇶G_{i,j}", "bias: identity matrix times G"),
    ("k_K_final", r"\textcolor{darkblue}{⇶I_{si+m,sj+n}} (⇶G_{i,j})^\T", "kernel: outer products I_{si+m,sj+n} G_{ij}^T (any stride)"),
    ("k_I_chain", r"\textcolor{darkred}{\frac{∂⇶R_{i,j}}{∂⇶I_{i',j'}}} ⇶G_{i,j}", "input: chain rule (stride 1)"),
    ("k_I_inline", r"\textcolor{darkred}{∑_{m=0}^{k-1} ∑_{n=0}^{k-1} ⇶K_{m,n}} ⇶G_{i'-m,j'-n}", "input: K_{m,n} G_{i'-m,j'-n}, G padded with k-1 zeros as the slides say"),
    ("k_I_display", r"\frac{∂L}{∂⇶I_{i',j'}} = ∑_{m=0}^{k-1}", "the same, restated"),
    ("k_I_flip", r"⇶K_{k-1-m',k-1-n'} ⇶G_{i'-(k-1)+m',j'-(k-1)+n'}", "the same with the point-reflected kernel"),
]
SLIDES_DIRS = [
    ("$$(⇶K \\star ⇶I)_{i, j, o}",
     "<!-- symbp: layer=conv2d input=5x4 kernel=2x2 channels=2,3 conv=cross index_base=0 names: ⇶I=input ⇶K=kernel →b=bias ⇶R=output ⇶G=output_grad L=loss layout: ⇶I=HWC ⇶K=HWIO ⇶R=HWC -->"),
]
SLIDES_EXCL = [
    (r"(⇶K \star ⇶I)_{i, j, o} = b_o", "forward definition"),
    (r"⇶R_{i, j\textcolor{lightgray}{, o}} = →b + ∑_{m=0}^{k-1}", "forward definition, vectorised"),
    (r"\textcolor{lightgray}{∑_c}", "forward definition, vectorised"),
    (r"= →b +⇶I_{i,j} ⇉K_{0,0} + ⇶I_{i+1,j} ⇉K_{1,0}", "forward restated with an ellipsis (twice)"),
    (r"\textcolor{darkblue}{\frac{∂⇶R_{i,j}}{∂⇶K_{m,n}}} (⇶G_{i,j})^\T", "a Jacobian of a vector by a matrix times a row vector: how it contracts is not said"),
    (r"∑_{n=0}^{k-1} ⇶K_{m,n}} ⇶G_{i,j}", "i, j fixed only by a condition in the text after it ('for i'=i+m, j'=j+n')"),
]

CODEANDFIRE = [
    ("c_WT", r"\frac{\partial F}{\partial a} = W^T \bigg( \frac{\partial F}{\partial h} \bigg)", "flattened: h = W a, so dF/da = W^T dF/dh"),
    ("c_dh12", r"\frac{\partial h_{12}}{\partial k_{ij}} = a_{i,j{+}1}", "one output entry by a kernel entry"),
    ("c_dhij", r"\frac{\partial h_{i'j'}}{\partial k_{ij}} = a_{i{+}i'{-}1, j{+}j'{-}1}", "every output entry"),
    ("c_chain", r"\frac{\partial F}{\partial h_{i'j'}} \frac{\partial h_{i'j'}}{\partial k_{ij}}", "kernel gradient, chain rule"),
    ("c_final", r"\left( \frac{\partial F}{\partial h_{i'j'}} \right) a_{i{+}i'{-}1,j{+}j'{-}1}", "kernel gradient"),
    ("c_k11", r"\frac{\partial F}{\partial k_{11}} = ", "i = j = 1"),
    ("c_k12", r"\frac{\partial F}{\partial k_{12}} = ", "i = 1, j = 2"),
]
CODEANDFIRE_DIRS = [
    ("A $4 \\times 4$ feature map of $a_{ij}$",
     "<!-- symbp: layer=conv2d input=4x4 kernel=3x3 conv=cross index_base=1 names: a=input k=kernel h=output F=loss -->"),
]
CODEANDFIRE_EXCL = [
    (r"h = Wa", "forward definition (flattened)"),
    (r"h_{12} = \sum_{i=1}^3 \sum_{j=1}^3 k_{ij} a_{i,j{+}1}", "forward entry written out"),
]

CONV2D = [
    ("p_db", r"dL/db[f] = Σ_i Σ_j  dL/dY[f, i, j]", "bias gradient"),
    ("p_dYdW", r"∂Y[f, i, j] / ∂W[f, c, p, q] = X[c, i+p, j+q]", "local derivative"),
    ("p_dW", r"dL/dW[f, c, p, q] = Σ_i Σ_j  dL/dY[f, i, j] * X[c, i+p, j+q]", "weight gradient (* a product of entries)"),
    ("p_dX", r"dL/dX[c, m, n] = Σ_f Σ_p Σ_q  dL/dY[f, m-p, n-q] * W[f, c, p, q]", "input gradient over the valid indices (said)"),
]
CONV2D_DIRS = [
    ("$$\nY[f, i, j] = b[f]",
     "<!-- symbp: layer=conv2d input=5x4 kernel=2x2 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss layout: X=CHW W=OIHW Y=CHW -->"),
]
CONV2D_EXCL = [(r"Y[f, i, j] = b[f] + Σ_c Σ_p Σ_q  W[f, c, p, q] * X[c, i+p, j+q]", "forward definition")]

HUI126 = [
    ("h_delta", r"\delta^l = \delta^{l+1}*ROT180(w^{l+1})\odot \frac{\partial a^l}{\partial z^l}", "no padding: a 3x3 delta by a 2x2 kernel gives 2x2, not the 4x4 of delta^l (the sentence before says to pad)"),
    ("h_dat", r"np.tensordot(\delta^l_t,(w^l_t)^T, [(2),(0)])", "gradient by the im2col matrix a_t (z_t = a_t w_t)"),
    ("h_dwt", r"np.tensordot(a^{l-1}_t,\delta^l_t,[(0,1),(0,1)])", "gradient by w_t"),
    ("h_db", r"np.sum(\delta^l_t, axis=(0,1))", "bias gradient"),
]
HUI126_DIRS = [
    ("$$\nz^{l}[i,j,:,:] =",
     "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=3,2 batch=2 conv=cross index_base=0 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output C=loss layout: a^{l-1}=NCHW w^l=OIHW z^l=NCHW -->"),
    ("## 反向传播", "<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=1 names: a=input w=kernel C=loss -->"),
]
HUI126_EXCL = [
    (r"a[0,0,:,:] = \left[\begin{matrix}", "numeric example (input)"),
    (r"w[0,0,:,:] = \left[\begin{matrix} 5 & 9", "numeric example (kernel)"),
    (r"z[i,j,:,:] = \sum^{2}_{k=0}", "forward definition"),
    (r"z[0,0,:,:] = \left[\begin{matrix}", "numeric forward result (not a gradient)"),
    (r"z^{l}[i,j,:,:] = \sum^{C^{l-1}-1}_{k=0}", "forward definition"),
    (r"a_t^{l-1} = trans(a^{l-1})", "definition"),
    (r"w_t = w.reshape(-1, C^l).T", "definition"),
    (r"z_t^l = a^{l-1}_tw_t", "forward definition"),
    (r"a = \left[\begin{matrix} a_{11}", "names the input's entries"),
    (r"w = \left[\begin{matrix}w_{11}", "names the kernel's entries"),
    (r"\delta = \left[\begin{matrix} \delta_{11}", "names delta's entries"),
    (r"w_{11}\delta_{11} & w_{11}\delta_{12}+w_{12}\delta_{11}", "a bare matrix: the prose, not the display, says it is the input gradient"),
    (r"\delta^l_t = \delta^l.transpose([0, 2, 3, 1])", "definition"),
]

DLNOTE = [
    ("d_chain", r"\dfrac{\partial L}{\partial W_{k,l,f}} = \dfrac{\partial L}{\partial O_{i, j, f}}\dfrac{\partial O_{i, j, f}}{\partial W_{k,l,f}}", "one output entry (i, j) instead of a sum over all of them"),
    ("d_dOdW", r"\dfrac{\partial O_{i, j, f}}{\partial W_{k,l,f}}  = \dfrac{\partial}{\partial W_{k,l,f}}", "the sums run to C, WW, HH inclusive: \\hat{I}_{..,C} and W_{HH,..} do not exist"),
]
DLNOTE_DIRS = [
    ("## Implementation",
     "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: I=input W=kernel b=bias O=output L=loss layout: I=HWC O=HWC -->"),
]
DLNOTE_EXCL = [
    (r"O_{i,j,f} = \sum_{c=0}^{C}", "forward definition"),
    (r"H' = \frac{H + 2p - HH}{s} + 1", "sizes"),
]

TABLE = {
    "mint_backprop_summary.md": ("mint", MINT, MINT_DIRS, MINT_EXCL),
    "selfnn_dnn_cnn_zh.md": ("selfnn", SELFNN, SELFNN_DIRS, SELFNN_EXCL),
    "scthe_backprop_notes.md": ("scthe", SCTHE, SCTHE_DIRS, SCTHE_EXCL),
    "slides_manual_convolution.md": ("slides", SLIDES, SLIDES_DIRS, SLIDES_EXCL),
    "codeandfire_transposed_conv.md": ("codeandfire", CODEANDFIRE, CODEANDFIRE_DIRS, CODEANDFIRE_EXCL),
    "conv2d_backward_plain.md": ("conv2d_plain", CONV2D, CONV2D_DIRS, CONV2D_EXCL),
    "hui126_conv_numpy_zh.md": ("hui126", HUI126, HUI126_DIRS, HUI126_EXCL),
    "dlnote_conv_stride_pad.md": ("dlnote", DLNOTE, DLNOTE_DIRS, DLNOTE_EXCL),
}
