"""The sixteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout16.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

WIN = [
    ("n_13", r"\frac{\partial a}{\partial x}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial x}=\phi'\times w", "a = phi(w x + b): da/dx = phi'(z) w"),
    ("n_14", r"\frac{\partial a}{\partial w}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial w}=\phi'\times x", "da/dw = phi'(z) x"),
    ("n_15", r"\frac{\partial a}{\partial b}=\frac{\partial a}{\partial z}\times\frac{\partial z}{\partial b}=\phi'\times 1", "da/db = phi'(z)"),
    ("r_prime", r"{\displaystyle \phi'(a)=\left\{", "ReLU: 0 below 0, 1 above (at 0 the note picks 1, a sub-gradient; checked away from 0)"),
    ("s_d1", r"=\frac{e^{z_i}(\sum_{k=1}^{N}{e^{z_k}})-e^{z_j}e^{z_i}}{(\sum_{k=1}^{N}{e^{z_k}})^2}", "j = i: quotient rule (N the number of classes)"),
    ("s_d2", r"=\frac{e^{z_i}}{\sum_{k=1}^{N}{e^{z_k}}}\frac{(\sum_{k=1}^{N}{e^{z_k}}) - e^{z_j}}{\sum_{k=1}^{N}{e^{z_k}}}", "j = i: factored"),
    ("s_d3", r"=\phi_i(1-\phi_j)", "j = i: phi_i (1 - phi_i)"),
    ("s_o1", r"=\frac{0-e^{z_j}e^{z_i}}{(\sum_{k=1}^{N}{e^{z_k}})^2}", "j != i: quotient rule"),
    ("s_o2", r"=-\frac{e^{z_j}}{\sum_{k=1}^{N}{e^{z_k}}}\frac{e^{z_i}}{\sum_{k=1}^{N}{e^{z_k}}}", "j != i: factored"),
    ("s_o3", r"=-\phi_j \phi_i", "j != i: -phi_j phi_i"),
    ("s_cases", r"\frac{\partial\phi_i}{\partial z_j}(\mathbf z)=\left\{", "the softmax Jacobian: phi_i (1 - phi_j) at i = j, -phi_j phi_i otherwise"),
    ("c_1", r"-\sum _{j=1}^q y_j \frac{\partial \log a_j}{\partial z_i}", "H = -sum_j y_j log a_j"),
    ("c_2", r"=-\sum _{j=1}^q y_j \frac{\partial a_j}{a_j \partial z_i}", "d log a_j = da_j / a_j"),
    ("c_3", r"=-y_i\frac{a_i(1-a_i)}{a_i}-\sum _{j=1,j\neq i}^q y_j \frac{- a_i a_j}{a_j}", "the softmax Jacobian put in"),
    ("c_4", r"=-y_i(1-a_i)+\sum _{j=1,j\neq i}^q y_j a_i", "simplified"),
    ("c_5", r"=-y_i +a_i \sum _{j=1}^q y_j", "regrouped"),
    ("c_6", r"=a_i-y_i", "with sum_j y_j = 1 (one-hot, as the text says)"),
    ("v_eta", r"\eta _{i,j}=\frac{\partial H}{\partial w_{i,j}}=\sum _m\sum _n\delta _{m,n}\times a_{i+m,j+n}", "with delta_{m,n} = dH/dx_{m,n} (the text's definition: the input's gradient) and a = phi(z) the output, the sum (over every m, n >= 1 where both entries exist) is not dH/dw_{i,j} (at N = 5, n = 3 the sum for i = 3 is empty); read with delta = dH/dz and a the input x it is still off by one (1-based: x_{i+m-1,j+n-1})"),
    ("v_b", r"\frac{\partial H}{\partial  b }=\sum _i\sum _j\delta _{i,j}", "with delta_{i,j} = dH/dx_{i,j} as defined, the sum of the input's gradient is not dH/db = sum_{i,j} dH/dz_{i,j} (under either reading of b_{a,b}: one bias per filter or one per kernel entry inside the sum)"),
]
WIN_DIRS = [
    ("## Neurone\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output a=activation -->"),
    ("### ReLU\n", "<!-- symbp: layer=activation name=relu -->"),
    ("### Softmax\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: z=input \\phi=output -->"),
    ("## Fonction de perte\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input a=output y=target H=loss -->"),
    ("## Couche de convolution (Conv2D)\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=1 names: x=input w=kernel b=bias z=output a=activation H=loss -->"),
]
WIN_EXCL = [
    (r"z = w \times x + b \tag{1.1}", "forward definition"),
    (r"a = \phi(z) \tag{1.2}", "forward definition"),
    (r"{\displaystyle \phi(a)=\left\{", "definition of ReLU"),
    (r"{\displaystyle a_j = \phi (\mathbf {z} )_{j}", "definition of softmax"),
    (r"\frac{\partial \frac{e^{z_i}}{\sum_{k=1}^{N}e^{z_k}}}{\partial z_j}", "first row of both softmax blocks: the derivative restated from the definition"),
    (r"{\mathrm  {H}}(\mathbf y,\mathbf a)=-\sum _{j=1}^q y_j\log a_j", "definition of the loss"),
    (r"\mathbf x^{(L)} \in  M_{p,1}", "shapes of the linear layer"),
    (r"z_{i,j}=\sum _{a\in[1,n],b\in[1,n]}x_{i+a-1,j+b-1}\times w_{a,b}+b_{a,b}", "forward definition"),
    (r"a_{i,j} = \phi(z_{i,j})", "forward definition"),
    (r"\delta _{i,j} = \frac{\partial H}{\partial x_{i,j}}", "definition of delta"),
    (r"a_{i,j} = max(x_{i,j},...", "forward definition of max pooling"),
]

ITS = [
    ("v_dz", r"\delta_z = p - y_\text{onehot}", "per-sample cross-entropy l of softmax(z) (the next row's l): dl/dz = p - y"),
    ("v_gap", r"\frac{\partial \ell}{\partial a_{k,h,w}} = \frac{1}{H W} \delta_{z_k}", "z_k = mean of a_k over the H x W map: dl/da_khw = delta_{z_k} / (H W)"),
    ("v_b", r"\frac{\partial \mathcal{L}}{\partial b_{c_\text{out}}} = \sum_{h, w} \delta^\text{out}_{c_\text{out}, h, w}", "b_c enters every Y_{c,h,w} once"),
    ("v_w", r"\frac{\partial \mathcal{L}}{\partial w_{c_\text{out}, c_\text{in}, m, n}} = \sum_{h, w} \delta^\text{out}_{c_\text{out}, h, w} X_{c_\text{in}, h \cdot s + m, w \cdot s + n}", "Y_{c,h,w} reads w_{c,c',m,n} X_{c', hs+m, ws+n} (stride s, no padding)"),
    ("v_x", r"\delta^\text{out}_{\text{dilated}_{c_\text{out}, h + m, w + n}} w_{c_\text{out}, c_\text{in}, K-1-m, K-1-n}", "with delta_dilated only the zeros inserted (no border of K-1 zeros), the window is shifted: the true sum is over delta_dilated[h-(K-1)+m, w-(K-1)+n] w[K-1-m, K-1-n] (e.g. dL/dX_{c,0,0} = sum_c' delta_{c',0,0} w_{c',c,0,0}); the row's indices h+m also run past the dilated map"),
    ("v_silu", r"\frac{d}{d u} \text{SiLU}(u) = g(u) + u \cdot g(u)(1-g(u))", "d(u g(u))/du = g + u g (1 - g)"),
    ("v_din", r"\delta_\text{in} = \delta_\text{out} \odot \text{SiLU}'(u)", "elementwise activation: dL/du = dL/dSiLU(u) * SiLU'(u)"),
    ("v_full", r"\Delta^{(t)} = \frac{1}{N_\text{train}} \sum_{i=1}^{N_\text{train}} \frac{\partial \ell^{(i)}}{\partial \mathbf{w}}", "Delta = dL/dw with L the mean of the per-sample losses"),
]
ITS_DIRS = [
    ("The gradient at the logits layer:", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=0 names: z=input p=output y_\\text{onehot}=target \\ell=loss -->"),
    ("The gradient passed back through the GAP layer:", "<!-- symbp: layer=avgpool input=4x4 kernel=4x4 channels=3 index_base=0 names: a=input z=output \\ell=loss layout: a=CHW -->"),
    ("### Lan truyền ngược qua lớp tích chập\n", "<!-- symbp: layer=conv2d input=7x7 kernel=3x3 stride=2 padding=0 channels=2,3 conv=cross index_base=0 names: X=input w=kernel b=bias Y=output \\delta^\\text{out}=output_grad \\mathcal{L}=loss layout: X=CHW w=OIHW Y=CHW -->"),
    ("### Lan truyền ngược qua hàm SiLU\n", "<!-- symbp: layer=activation name=silu names: u=input -->"),
    ("## Thực nghiệm\n", "<!-- symbp: layer=fc in=3 out=3 batch=4 names: \\mathbf{w}=kernel \\ell=loss -->"),
]
ITS_EXCL = [
    (r"Y_{c_\text{out}, h, w} = b_{c_\text{out}} + \sum_{c_\text{in}}", "forward definition"),
    (r"H_\text{out} = \left\lfloor", "output size"),
    (r"\text{SiLU}(u) = u \cdot g(u)", "definition of SiLU"),
    (r"z_k = \frac{1}{H W} \sum_{h,w} a_{k,h,w}", "definition of global average pooling"),
    (r"p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}", "definition of softmax"),
]

UED = [
    ("c_grad", r"\sum_{i=1}^k \dfrac{\partial f_i(\boldsymbol{x} | \boldsymbol{w})}{\partial w}\dfrac{y_i'}{f_i(\boldsymbol{x}|\boldsymbol{w})}", "L = -sum_i y'_i log f_i: dL/dw = -sum_i (df_i/dw) y'_i / f_i; the minus sign is missing (the row is -dL/dw)"),
    ("s_ii", r"\partial f_i(\boldsymbol{x}) / \partial x_i = e^{x_i}", "quotient rule: y_i - y_i^2 on the diagonal of the softmax Jacobian"),
    ("s_ij", r"\partial f_i(\boldsymbol{x}) /\partial x_j = - e^{x_i}", "i != j: -y_i y_j"),
    ("s_mat", r"J_{\boldsymbol{f}}(\boldsymbol{x})^\top \boldsymbol{e}' = \begin{pmatrix}", "the softmax Jacobian is symmetric: J^T e' is the matrix written times e'"),
    ("s_r2", r"y_1' - y_1(y_1' + y_2' + \cdots + y_k') \\", "component i: y'_i - y_i sum_j y'_j"),
    ("s_r3", "y_k' - y_k \n", "with sum_j y'_j = 1 (a one-hot or probability target): y'_i - y_i"),
    ("v_send", r"(x_1 \ \ x_2 \ \dots \ x_n)^\top = (w_1 \ \  w_2 \ \cdots \  w_n)^\top e_y", "the left side is the input vector x itself, not the errors sent to it: x = w e_y is false (the errors sent, e_{x_i} = w_i e_y, are what the later version of the slide writes)"),
]
UED_DIRS = [
    ("### クロスエントロピーを用いるときのパラメータ更新\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: f=output y=output y'=target \\mathcal{L}=loss -->"),
    ("### ソフトマックス層の誤差逆伝搬（1/2）\n", "<!-- symbp: layer=softmax classes=3 index_base=1 names: x=input f=output y=output -->"),
    ("### ソフトマックス層の誤差逆伝搬（2/2）\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: x=input f=output y=output y'=target -->"),
    ("### 畳み込み層の誤差逆伝播\n", "<!-- symbp: layer=fc in=4 out=1 index_base=1 names: x=input w=kernel b=bias y=output -->"),
]
UED_EXCL = [
    (r"y_i = \eta e^{x_i}", "definition of softmax (eta the normalising constant)"),
    (r"H(\boldsymbol{y}', \boldsymbol{y}) = -\sum_{i=1}^N y_i' \log y_i", "definition of the loss"),
    (r"\mathcal{L}(\boldsymbol{w}, \boldsymbol{x}| \boldsymbol{y}') = - \log y_i", "the loss for a one-hot target"),
    (r"H(\boldsymbol{y}', \boldsymbol{f}(\boldsymbol{x}|\boldsymbol{w})) = -\sum_{i=1}^N y_i' \log f_i", "definition of the loss"),
    (r"\boldsymbol{e}' = (", "definition of e'"),
    (r"f_i(\boldsymbol{x}) = e^{x_i} (\sum_{j=1}^k e^{x_j}) ^{-1}$$", "definition of softmax"),
    (r"y = f(\boldsymbol{x}| \boldsymbol{w}) = w_1x_1 + w_2x_2 + \cdots w_nx_n + b", "forward definition"),
    (r"J_{f}(\boldsymbol{x}) = (w_1 \ \  w_2 \ \cdots \  w_n)^\top", "Jacobian of a scalar f written as a column: with the slides' own J^T e' convention it is the row (w_1 ... w_n), but which orientation is meant is not settled"),
]

SAP = [
    ("a_dydx", r"\cfrac{\partial y}{\partial x} = w", "y = w x + b"),
    ("a_dLdx", r"\cfrac{\partial L}{\partial x} = \cfrac{\partial L}{\partial y} \cfrac{\partial y}{\partial x} = \cfrac{\partial L}{\partial y} w", "chain rule, scalar layer"),
    ("a_chain1", r"\cfrac{\partial L}{\partial x_i} = \displaystyle\sum_{p=1}^{m} \cfrac{\partial L}{\partial y_p} \cfrac{\partial y_p}{\partial x_i} \quad \bf{(1)}", "x_i enters every y_p: chain rule over the m outputs"),
    ("a_jac", r"\cfrac{\partial Y}{\partial X} = \begin{bmatrix}", "the Jacobian dY/dX of Y = W X + B is W (m x n)"),
    ("a_ypxi", r"\cfrac{\partial y_p}{\partial x_i} = w_{p,i}", "y_p = sum_i w_{p,i} x_i + b_p"),
    ("a_sum", r"\cfrac{\partial L}{\partial y_p} w_{p,i} = \cfrac{\partial L}{\partial y_1} w_{1,i}", "dL/dx_i = sum_p dL/dy_p w_{p,i}"),
    ("a_gradx_mat", r"\end{bmatrix} = W^T \nabla_Y{L}", "the matrix written out is W^T: grad_X L = W^T grad_Y L"),
    ("a_gradx", r"\nabla_X{L} = W^T \nabla_Y{L}", "grad_X L = W^T grad_Y L (n x 1)"),
    ("b_dLdw", r"\cfrac{\partial L}{\partial w} = \cfrac{\partial L}{\partial y} \cfrac{\partial y}{\partial w} = \cfrac{\partial L}{\partial y} x", "chain rule, scalar layer"),
    ("b_chain1", r"\cfrac{\partial L}{\partial w_{i,j}} = \displaystyle\sum_{p=1}^{m} \cfrac{\partial L}{\partial y_p} \cfrac{\partial y_p}{\partial w_{i,j}} \quad \bf{(1)}", "chain rule over the m outputs"),
    ("b_y1W", "\\cfrac{\\partial y_1}{\\partial W} = \\begin{bmatrix}\nx_1 ", "dy_1/dW: the first row is x^T, the others 0"),
    ("b_cases", r"\cfrac{\partial y_p}{\partial w_{i,j}} = \begin{cases}", "dy_p/dw_{i,j} = x_j if p = i, else 0"),
    ("b_zero", r"\cfrac{\partial L}{\partial w_{i,j}} = \cfrac{\partial L}{\partial y_1} 0", "only the p = i term survives"),
    ("b_final", r"\cfrac{\partial L}{\partial w_{i,j}} = \cfrac{\partial L}{\partial y_i} x_j", "dL/dw_{i,j} = dL/dy_i x_j"),
    ("b_gradw_prod", r"\end{bmatrix} = \nabla_Y{L} X^T", "the column of dL/dy_p times the row x^T: grad_W L = grad_Y L X^T (m x n)"),
    ("b_gradw", r"\nabla_W{L} = \nabla_Y{L} X^T", "grad_W L = grad_Y L X^T"),
]
SAP_DIRS = [
    ("#### 4.1.1. Escalar\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias y=output L=loss -->"),
    ("#### 4.1.2. Vectorial\n", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input X=input w=kernel W=kernel b=bias B=bias y=output Y=output L=loss -->"),
    ("#### 4.2.1. Escalar\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias y=output L=loss -->"),
    ("#### 4.2.2. Vectorial\n", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input X=input w=kernel W=kernel b=bias B=bias y=output Y=output L=loss -->"),
]
SAP_EXCL = [
    (r"\cfrac{\partial L}{\partial X} = \cfrac{\partial L}{\partial Y} \cfrac{\partial Y}{\partial X}", "chain rule written as a product of dL/dY and the Jacobian dY/dX: the order of the product (dL/dY a column here) is not settled"),
    (r"\cfrac{\partial L}{\partial W} = \cfrac{\partial L}{\partial Y} \cfrac{\partial Y}{\partial W}", "product of dL/dY and a three-index tensor: the contraction is not settled"),
    (r"y = wx + b", "forward definition"),
    (r"\nabla_Y{L} = \begin{bmatrix}", "layout of the incoming gradient"),
    (r"\nabla_X{L} = \begin{bmatrix}" + "\n" + r"\cfrac{\partial L}{\partial x_1}" + "\n" + r"\\ \cfrac{\partial L}{\partial x_2}" + "\n" + r"\\ \vdots" + "\n" + r"\\ \cfrac{\partial L}{\partial x_n}" + "\n" + r"\end{bmatrix} $$", "layout of the input gradient (its second use, written out, holds: left out of the score, 30% cap)"),
    (r"Y = \begin{bmatrix}", "forward definition"),
    (r"\cfrac{\partial y_{\color{red}{1}}}{\partial x_{\color{blue}{1}}}", "the Jacobian again with coloured indices (holds; a repeat, left out)"),
    (r"\cfrac{\partial y}{\partial w} = x", "holds; left out of the score (30% cap)"),
    (r"\nabla_W{L} = \begin{bmatrix}", "layout of the weight gradient (its second use, written out, holds: left out, 30% cap)"),
    (r"\cfrac{\partial Y}{\partial W} \in \mathbb{R}^{m \times m \times n}", "shape of the tensor"),
    (r"\cfrac{\partial y_1}{\partial W} = \begin{bmatrix}" + "\n" + r"\cfrac", "layout of dy_1/dW"),
    (r"\cfrac{\partial y_2}{\partial W} = \begin{bmatrix}" + "\n0 ", "holds; left out of the score (30% cap)"),
    (r"\cfrac{\partial y_m}{\partial W} = \begin{bmatrix}" + "\n0 ", "holds; left out of the score (30% cap)"),
    (r"\cfrac{\partial y_{\color{magenta}{1}}}{\partial w_{{\color{magenta}{1}},1}}", "dy_1/dW again with coloured indices (holds; a repeat, left out)"),
    (r"\cfrac{\partial y_1}{\partial w_{1,{\color{red}{1}}}}", "dy_1/dW again with coloured indices (holds; a repeat, left out)"),
    (r"\cfrac{\partial L}{\partial w_{i,j}} = \cfrac{\partial L}{\partial y_1} \cfrac{\partial y_1}{\partial w_{i,j}}", "(1) written out term by term (holds; left out, 30% cap)"),
]

D2L = [
    ("p_jl", r"\frac{\partial J}{\partial L} = 1 \; \text{e} \; \frac{\partial J}{\partial s} = 1", "J = L + s"),
    ("p_jo", r"= \frac{\partial L}{\partial \mathbf{o}}" + "\n" + r"\in \mathbb{R}^q", "dJ/do = dL/do (a q-vector)"),
    ("p_sw", r"\frac{\partial s}{\partial \mathbf{W}^{(1)}} = \lambda \mathbf{W}^{(1)}", "s = lambda/2 (||W1||_F^2 + ||W2||_F^2): ds/dW1 = lambda W1 and ds/dW2 = lambda W2"),
    ("p_jw2", r"= \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}", "o = W2 h: dJ/dW2 = (dJ/do) h^T + lambda W2 (q x h)"),
    ("p_jh", r"= {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}}", "dJ/dh = W2^T dJ/do (s does not depend on h)"),
    ("p_jz", r"= \frac{\partial J}{\partial \mathbf{h}} \odot \phi'\left(\mathbf{z}\right)", "h = phi(z) elementwise"),
    ("p_jw1", r"= \frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}", "z = W1 x: dJ/dW1 = (dJ/dz) x^T + lambda W1 (h x d)"),
]
D2L_DIRS = [
    ("## Propagação Reversa\n", "<!-- symbp: layer=fc in=4 out=3 names: \\mathbf{h}=input \\mathbf{W}^{(2)}=kernel \\mathbf{o}=output J=loss -->"),
    ("For the gradient with respect to W^(1) the backpropagation continues", "<!-- symbp: layer=fc in=5 out=4 names: \\mathbf{x}=input \\mathbf{W}^{(1)}=kernel \\mathbf{z}=output \\mathbf{h}=activation J=loss -->"),
]
D2L_EXCL = [
    (r"\mathbf{z}= \mathbf{W}^{(1)} \mathbf{x},", "forward definition"),
    (r"\mathbf{h}= \phi (\mathbf{z}).", "forward definition"),
    (r"\mathbf{o}= \mathbf{W}^{(2)} \mathbf{h}.", "forward definition"),
    (r"L = l(\mathbf{o}, y).", "definition of the loss"),
    (r"s = \frac{\lambda}{2} \left(", "definition of the penalty"),
    (r"J = L + s.$$", "definition of the objective"),
    (r"\frac{\partial \mathsf{Z}}{\partial \mathsf{X}} = \text{prod}", "the chain rule stated with the prod operator, which the text defines only loosely (transpositions and swaps as needed): not a settled claim"),
]

PET = [
    ("k_chain", r"\frac{\partial \mathcal{L}}{\partial Y(c_{out}, i, j)} \frac{\partial Y(c_{out}, i, j)}{\partial W(c_{out}, c_{in}, m, n)}", "W(c_out, ...) enters only the outputs of channel c_out: chain rule over (i, j)"),
    ("k_w", r"\delta_{out}(c_{out}, i, j) \cdot X(c_{in}, i \cdot s + m, j \cdot s + n)", "holds for p = 0 only: the forward reads X at i*s + m - p, so with padding (the text's own p = 1 example) the index must carry -p (here it reads entries past the input's edge)"),
    ("k_x", r"\frac{\partial \mathcal{L}}{\partial X(c_{in}, i', j')} = \sum_{c_{out}=1}^{C_{out}} \sum_{m, n} \delta_{out}(c_{out}, i, j) W(c_{out}, c_{in}, m, n)", "with i' = i*s + m (and j' = j*s + n) it holds for p = 0 only; the forward's X index is i*s + m - p, so for p >= 1 the terms are shifted"),
    ("r_1", r"\frac{\partial \mathcal{E}}{\partial x_L} \frac{\partial x_L}{\partial x_l} = \frac{\partial \mathcal{E}}{\partial x_L} \frac{\partial}{\partial x_l} \left[", "chain rule, the gradient a row times the Jacobian (the only reading that multiplies with the identity I of the next row)"),
    ("r_2", r"\frac{\partial \mathcal{E}}{\partial x_L} \left( I + \frac{\partial}{\partial x_l} \sum_{i=l}^{L-1} \mathcal{F}(x_i, \mathcal{W}_i) \right) = \underbrace", "dx_L/dx_l = I + d(sum F)/dx_l, distributed"),
]
PET_DIRS = [
    ("### 3.2. Derivación Rigurosa de Backpropagation para Convolución 2D\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=1 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output \\delta_{out}=output_grad \\mathcal{L}=loss layout: X=CHW W=OIHW Y=CHW -->"),
    ("### 3.3. La Matemática del Bloque Residual: Formulación y Autopista de Gradientes\n", "<!-- symbp: layer=fc in=3 out=3 names: x_l=input x_L=output \\mathcal{E}=loss -->"),
]
PET_EXCL = [
    (r"Y(c_{out}, i, j) = b(c_{out}) + \sum_{c_{in}=1}^{C_{in}}", "forward definition"),
    (r"H_{out} = \left\lfloor", "output size"),
    (r"W_{out} = \left\lfloor", "output size"),
    (r"H_{out} = \frac{H_{in} - 3 + 2(1)}{1} + 1 = H_{in}", "output size, worked"),
    (r"\delta_{out} \equiv \frac{\partial \mathcal{L}}{\partial Y}", "definition of delta_out"),
    (r"\mathcal{F}(x) \equiv \mathcal{H}(x) - x", "definition of the residual"),
    (r"x_{l+1} = x_l + \mathcal{F}(x_l, \mathcal{W}_l)", "forward definition"),
    (r"x_{l+2} = x_{l+1} + \mathcal{F}(x_{l+1}, \mathcal{W}_{l+1})", "forward, unrolled"),
    (r"x_L = x_l + \sum_{i=l}^{L-1} \mathcal{F}(x_i, \mathcal{W}_i)", "forward, unrolled"),
    (r"\mathcal{F}(x_i, \mathcal{W}_i) = -I", "the condition under which the gradient would vanish, not a claim"),
]

INS = [
    ("i_sy", r"\sigma_y = \frac{\partial L}{\partial u} = \frac{2}{N}(y - \hat{y}) \cdot \hat{y}(1 - \hat{y})", "L = (1/N) sum (y - y-hat)^2: dL/du = (2/N)(y-hat - y) y-hat (1 - y-hat); the sign is reversed"),
    ("i_v", r"\frac{\partial L}{\partial v_{11}} = \sigma_y \cdot h_1, \quad \frac{\partial L}{\partial v_{21}} = \sigma_y \cdot h_2", "with sigma_y = dL/du (the symbol's definition in Passo 1; its closed form there has the wrong sign): u = v11 h1 + v21 h2 + b^y_1"),
    ("i_w1", r"\frac{\partial L}{\partial w_{11}} = \sigma_{h_1} \cdot x_1, \quad \frac{\partial L}{\partial w_{21}} = \sigma_{h_1} \cdot x_2", "sigma_h1 = sigma_y v11 h1 (1 - h1) = dL/dz1 (sigma_y = dL/du); z1 = w11 x1 + w21 x2 + b^h_1"),
    ("i_w2", r"\frac{\partial L}{\partial w_{12}} = \sigma_{h_2} \cdot x_1, \quad \frac{\partial L}{\partial w_{22}} = \sigma_{h_2} \cdot x_2", "z2 = w12 x1 + w22 x2 + b^h_2"),
    ("i_bh", r"\frac{\partial L}{\partial b^h_1} = \sigma_{h_1}, \quad \frac{\partial L}{\partial b^h_2} = \sigma_{h_2}", "dL/db^h_j = dL/dz_j"),
    ("n_du", r"\partial L / \partial u \approx -0.289", "at the example's data (W rows for the hidden units, as the numbers use; y = 0): dL/du = 2 y-hat * y-hat (1 - y-hat) = +0.2892; -0.289 is the reversed sign of Passo 1"),
    ("n_gh", r"\approx [-0.020, -0.026]^T", "the hidden layer's gradients dL/dz = dL/du v .* h(1 - h) = [+0.0203, +0.0265] (and dL/dh = [+0.087, +0.145]): the signs are reversed"),
    ("c_b", r"\frac{\partial L}{\partial b_{c_{out}}} = \sum_{b=0}^{B-1} \sum_{i=0}^{H_{out}-1} \sum_{j=0}^{W_{out}-1} \frac{\partial L}{\partial Y_{b, c_{out}, i, j}}", "b_{c_out} enters every Y of channel c_out in every batch item"),
    ("c_w", r"\frac{\partial L}{\partial Y_{b, c_{out}, i, j}} \cdot X_{b, c_{in}, s \cdot i + m - p, s \cdot j + n - p}", "X read where the forward reads it (entries in the zero padding are 0)"),
]
INS_DIRS = [
    ("### Passo 1: Erro da Camada de Saída\n", "<!-- symbp: layer=fc in=2 out=1 weight=rows index_base=1 names: h=input v=kernel b^y=bias u=output \\hat{y}=activation L=loss -->"),
    ("### Passo 3: Erros da Camada Oculta\n", "<!-- symbp: layer=fc in=2 out=2 weight=rows index_base=1 names: x=input w=kernel b^h=bias z=output h=activation L=loss -->"),
    ("### Passagem Reversa\n", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: \\mathbf{x}=input \\mathbf{W}=kernel \\mathbf{b}^h=bias \\mathbf{z}=output \\mathbf{h}=activation L=loss -->"),
    ("### Passagem Reversa em uma Camada Convolucional\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 batch=2 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output L=loss layout: X=NCHW W=OIHW Y=NCHW -->"),
]
INS_EXCL = [
    (r"y_k = \sigma \left( \sum_{j=1}^{m}", "forward definition (its bias indices b^h_i, b^y_j are off, as written)"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "definition of the sigmoid"),
    (r"\text{Camada Oculta:}", "forward definition"),
    (r"\hat{y} = \sigma \left(", "forward definition"),
    (r"z_1 = w_{11} x_1 + w_{21} x_2 + b^h_1, \quad z_2", "forward definition"),
    (r"h_1 = \sigma(z_1), \quad h_2 = \sigma(z_2)", "forward definition"),
    (r"u = v_{11} h_1 + v_{21} h_2 + b^y_1", "forward definition"),
    (r"\hat{y} = \sigma(u)$$", "forward definition"),
    (r"L = \text{MSE} = \frac{1}{N}", "definition of the loss"),
    (r"p \leftarrow p - \eta", "update rule"),
    (r"\sigma_{h_1} = (\sigma_y \cdot v_{11}) \cdot h_1(1 - h_1)", "definition of the hidden errors (used in Passo 4)"),
    (r"\mathbf{W} \leftarrow \mathbf{W} - \eta \frac{\partial L}{\partial \mathbf{W}}", "update rule"),
    (r"\mathbf{W} = \begin{bmatrix} 0.2 & 0.4", "the example's data"),
    (r"\mathbf{V} = \begin{bmatrix} 0.3 & 0.5 \end{bmatrix}", "the example's data"),
    (r"\mathbf{z} = [0.52, 1.14]^T", "forward value (with W's rows for the hidden units)"),
    (r"\mathbf{h} \approx [0.627, 0.758]^T", "forward value"),
    (r"u \approx 0.967", "forward value"),
    (r"\hat{y} \approx 0.725", "forward value"),
    (r"L = (0 - 0.725)^2 \approx 0.5249", "loss value"),
    (r"\mathbf{W} \leftarrow \begin{bmatrix} 0.207 & 0.409", "update (made with the reversed-sign gradients, placed by w_ij = input i, hidden j)"),
    (r"Y_{b, c_{out}, i, j} = \sum_{c_{in}=0}^{C_{in}-1}", "forward definition"),
    (r"\frac{\partial L}{\partial X_{b, c_{in}, k, l}} = \sum_{c_{out}=0}^{C_{out}-1}", "i and j are left unbound (not tied to k, l, m, n): the reading is not settled"),
]

GOS = [
    ("g_chain", r"\displaystyle\frac{\partial E}{\partial w^L_{ij}} = \frac{\partial E}{\partial u^L_j} \frac{\partial u^L_j}{\partial w^L_{ij}}", "w^L_ij enters only u^L_j"),
    ("g_wz", r"\displaystyle\frac{\partial E}{\partial w^L_{ij}} = \frac{\partial E}{\partial u^L_j} z^{L-1}_i", "u^L_j = sum_i w^L_ij z^{L-1}_i"),
    ("g_delta", r"\displaystyle\delta^L_j = \frac{\partial E}{\partial z^L_j} \frac{\partial z^L_j}{\partial u^L_{j}}", "z^L_j = phi(u^L_j)"),
    ("g_id", r"\displaystyle\delta^L_j = \frac{\partial E}{\partial z^L_j}\times1", "identity activation at the last layer (as the text assumes)"),
    ("g_mse", r"\delta^L_j=y_j-\hat{y}_j", "E = (1/N) sum (y - y-hat)^2 with N = 2: dE/dy_j = (2/N)(y_j - y-hat_j) = y_j - y-hat_j (y the output, as the text says)"),
    ("g_final", r"\displaystyle\frac{\partial E}{\partial w^L_{ij}} =(y_j-\hat{y}_j)\times z^{L-1}_i", "the two results combined (N = 2, identity output)"),
]
GOS_DIRS = [
    ("## 最終層 L\n", "<!-- symbp: layer=fc in=3 out=2 weight=rows names: z^{L-1}=input w^L=kernel u^L=output z^L=activation E=loss -->"),
]
GOS_EXCL = [
    (r"$$z=\varphi^l(u)$$", "forward definition"),
    (r"\displaystyle E=\frac{1}{N}\sum_i(y_i-\hat{y_i})^2", "definition of the loss"),
    (r"\displaystyle\frac{\partial E}{\partial u^L_j}=\delta^L_j", "definition of delta"),
]

TABLE = {
    "wintertee_re0_cnn_fr.md": ("win", WIN, WIN_DIRS, WIN_EXCL),
    "itskyf_paraprop_conv_vi.md": ("its", ITS, ITS_DIRS, ITS_EXCL),
    "ueda_robot_vision_cnn_ja.md": ("ued", UED, UED_DIRS, UED_EXCL),
    "sapiens_affine_layer_es.md": ("sap", SAP, SAP_DIRS, SAP_EXCL),
    "d2lpt_backprop_mlp_pt.md": ("d2l", D2L, D2L_DIRS, D2L_EXCL),
    "petcho_cnn_resnet_es.md": ("pet", PET, PET_DIRS, PET_EXCL),
    "insper_anndl_mlp_cnn_pt.md": ("ins", INS, INS_DIRS, INS_EXCL),
    "gosa_gyakudenpa_note_ja.md": ("gos", GOS, GOS_DIRS, GOS_EXCL),
}
