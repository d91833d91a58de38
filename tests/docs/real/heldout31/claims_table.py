"""The thirty-first held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout31.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- batchnorm_part2_backward_en.md
BNE = [
    ("dgamma_chain", r"\frac{\partial f}{\partial \gamma} = \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \gamma}",
     "y_i = gamma x-hat_i + beta per feature over a batch of m samples, f a drawn non-linear function of all y: df/dgamma = sum_i df/dy_i x-hat_i; the first member, one sample's df/dy_i dy_i/dgamma = df/dy_i x-hat_i without the sum the post adds on the next line, equals it for no i once m >= 2 (m = 3, 4, 5 drawn); refuted"),
    ("dgamma_sum", r"= \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \cdot \hat{x}_i",
     "df/dgamma = sum_i df/dy_i * x-hat_i (elementwise per feature, as the post says); holds"),
    ("dbeta_sum", r"= \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \cdot \vec{1}",
     "df/dbeta = sum_i df/dy_i (times the all-ones vector, elementwise); holds"),
    ("dx_naive", r"\frac{\partial f}{\partial x_i} = \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \frac{\partial f}{\partial y_i}",
     "the naive chain rule with only sample i's upstream gradient df/dy_i on the mu_B and sigma^2_B paths (the local partials as the post itself finds them: 1/s, -1/s, -(x_i - mu)/(2 s^3), 2(x_i - mu)/m, 1/m, d sigma^2/d mu = 0, s = sqrt(sigma^2 + eps)); the true df/dx_i sums those paths over every sample j (as the post's own later row does); the value differs from autograd's df/dx_i for m >= 2; refuted (the two factored rows that follow are the same expression and are left out)"),
    ("dxhat_dvar", r"= -\frac{1}{2} (x_i - \mu_B)(\sigma^2_B + \epsilon)^{-3/2}",
     "the local partial of x-hat_i = (x_i - mu_B)(sigma^2_B + eps)^{-1/2} with respect to sigma^2_B (x_i, mu_B held, as the graph's node): -(1/2)(x_i - mu_B)(sigma^2_B + eps)^{-3/2}, every member; holds (autograd on the node)"),
    ("dvar_dmu", r"\frac{\partial \sigma^2_B}{\partial \mu_B} = \frac{\partial}{\partial \mu_B}",
     "the local partial of sigma^2_B = (1/m) sum_i (x_i - mu_B)^2 with respect to mu_B at mu_B = the batch mean: -(2/m) sum (x_i - mu_B) = -2[mu_B - mu_B] = 0, every member of the chain; holds"),
    ("tie_sums", r"+ \Sigma^m_{j=1} \left[ \frac{\partial f}{\partial y_j} \frac{\partial y_j}{\partial \hat{x}_j} \frac{\partial \hat{x}_j}{\partial \sigma^2_B} \right] \frac{\partial \sigma^2_B}{\partial x_i}",
     "df/dx_i = df/dy_i gamma / s + sum_j df/dy_j gamma (-1/s)(1/m) + sum_j df/dy_j gamma (-(x_j - mu)/(2 s^3)) (2/m)(x_i - mu), the mu path through sigma^2 being 0: equals autograd's df/dx_i; holds"),
    ("sub_slip", r"\left( -\frac{1}{2} \right) (x_i - \mu_B)(\sigma^2_B + \epsilon)^{-3/2} \right] \frac{2}{m} (x_i - \mu_B)",
     "the member written over the three lines that end here substitutes d x-hat_j / d sigma^2 with (x_i - mu_B) inside the sum over j where (x_j - mu_B) belongs: its third term is -(x_i - mu)^2 / (m s^3) sum_j df/dx-hat_j instead of -(x_i - mu)/(m s^3) sum_j df/dx-hat_j (x_j - mu); the member differs from df/dx_i (the next member, with x_j, is right again); refuted"),
    ("final", r"= \frac{(\sigma^2_B + \epsilon)^{-1/2}}{m} \left[ m \frac{\partial f}{\partial \hat{x}_i}",
     "df/dx_i = (s^{-1}/m)[m df/dx-hat_i - sum_j df/dx-hat_j - x-hat_i sum_j df/dx-hat_j x-hat_j] with df/dx-hat = gamma df/dy; holds"),
]
BNE_DIRS = [
    ("## Math, Step-by-Step\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output f=loss -->"),
]
BNE_EXCL = [
    (r"\mu_B      &= \frac{1}{m} \Sigma^m_{i=1} x_i", "forward definition"),
    (r"\frac{\partial f}{\partial \beta} &= \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \beta}", "refuted for m >= 2 like the gamma row (one sample's term without the sum); left out of the score (30% cap)"),
    (r"&= \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \hat{x}_i} \left[ \frac{\partial \hat{x}_i}{\partial x_i} + \frac{\partial \hat{x}_i}{\partial \mu_B}", "the naive row factored: the same expression, refuted for the same reason; left out so that one slip is scored once"),
    (r"+ \left[ \frac{\partial \hat{x}_i}{\partial \mu_B} + \frac{\partial \hat{x}_i}{\partial \sigma^2_B} \frac{\partial \sigma^2_B}{\partial \mu_B} \right]", "the naive row regrouped: the same expression, refuted for the same reason; left out"),
    ("$$\n\\frac{\\partial f}{\\partial y_i} \\frac{\\partial y_i}{\\partial \\hat{x}_i}\n$$", "an expression, no equation"),
    (r"\frac{\partial y_i}{\partial \hat{x}_i} &= \frac{\partial}{\partial \hat{x}_i} \left[ \gamma \hat{x}_i + \beta \right]", "holds (dy_i/dx-hat_i = gamma); left out of the score (30% cap)"),
    (r"\frac{\partial \hat{x}_i}{\partial x_i} &= \frac{\partial}{\partial x_i} \left[ \frac{x_i - \mu_B}{\sqrt{\sigma^2_B + \epsilon}} \right]", "holds as the graph's local partial (mu_B, sigma^2_B held); left out of the score (30% cap)"),
    (r"\frac{\partial \sigma^2_B}{\partial x_i} &= \frac{\partial}{\partial x_i} \left[ \frac{1}{m} \Sigma^m_{i=1}(x_i - \mu_B)^2 \right]", "holds as the local partial (mu_B held); left out of the score (30% cap)"),
    (r"\frac{\partial \hat{x}_i}{\partial \mu_B} &= \frac{\partial}{\partial \mu_B} \left[ \frac{x_i}{\sqrt{\sigma^2_B + \epsilon}}", "holds (-1/s); left out of the score (30% cap)"),
    (r"\frac{\partial \mu_B}{\partial x_i} &= \frac{\partial}{\partial x_i} \left[ \frac{1}{m} \Sigma^m_{i=1} x_i \right]", "holds (1/m); left out of the score (30% cap)"),
    (r"\frac{\partial \sigma^2_B}{\partial x_i} + 0 \\", "the tie-together chain's second member, the naive row with its last term 0: refuted for m >= 2 like the naive row; left out so that one slip is scored once (the chain's first member is the naive row again, word for word)"),
    (r"\frac{\partial f}{\partial \hat{x}_i} = \frac{\partial f}{\partial y_i} \frac{\partial y_i}{\partial \hat{x}_i} = \frac{\partial f}{\partial y_i} \gamma", "a definition (df/dx-hat_i named; its members agree)"),
    (r"\frac{\partial f}{\partial x_i} &= \frac{\partial f}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \Sigma^m_{j=1}", "holds (the summed chain with df/dx-hat); left out of the score (30% cap)"),
    (r"(x_j - \mu_B) (\sigma^2_B + \epsilon)^{-1/2} \frac{1}{\sqrt{\sigma^2_B + \epsilon}} \frac{1}{\sqrt{\sigma^2_B + \epsilon}} \right] \\", "the member ending here holds (x_j restored); left out of the score (30% cap)"),
    (r"\frac{(x_i - \mu_B)}{\sqrt{\sigma^2_B + \epsilon}} \Sigma^m_{j=1} \left[ \frac{\partial f}{\partial \hat{x}_j} \frac{(x_j - \mu_B)}{\sqrt{\sigma^2_B + \epsilon}} \right]", "the member ending here holds; left out of the score (30% cap)"),
    (r"(\sigma^2_B + \epsilon)^{-1/2} \hat{x}_i \Sigma^m_{j=1} \left[ \frac{\partial f}{\partial \hat{x}_j} \hat{x}_j \right] \\", "the member ending here holds; left out of the score (30% cap)"),
    ("$$\n\\frac{\\partial f}{\\partial \\hat{x}_j} \\hat{x}_j\n$$", "an expression (the Hadamard-product example), no equation"),
    (r"\frac{\partial f}{\partial \gamma} &= \Sigma^m_{i=1} \frac{\partial f}{\partial y_i} \cdot \hat{x}_i \\", "the bottom line restates the results above"),
]

# ---------------------------------------------------------------- layernorm_vault_note_en.md
LNE = [
    ("ln_chain", r"\frac {\partial E}{\partial X_j} = \frac {\partial E}{\partial Y_i}\frac {\partial Y_i}{\partial X'_k}\frac {\partial X'_k}{\partial X_j}",
     "Y_i = gamma X'_i + beta (scalar gamma, beta), X' = (X - mu)/sigma over the N components, E a drawn function of Y; with the repeated indices i, k summed (the note contracts delta_k^i, which only a sum over k allows), every member equals dE/dX_j = sum_i dE/dY_i gamma dX'_i/dX_j from autograd; holds (N = 3, 4, 6)"),
    ("ln_quot", r"\frac{\partial \frac{X_i - \mu}{\sigma}}{\partial X_j} = \frac{\sigma\frac{\partial (X_i - \mu)}{\partial X_j} - (X_i - \mu) \frac{\partial \sigma}{\partial X_j}}{\sigma^2}",
     "the quotient rule with the total derivatives of X_i - mu and sigma (autograd Jacobians): equals dX'_i/dX_j for every i, j; holds"),
    ("ln_dXmu", r"\frac{\partial (X_i - \mu)}{\partial X_j} = \frac{\partial X_i}{\partial X_j} + \frac{\partial \mu}{\partial X_j} = \delta_j^i + \frac{1}{N}",
     "d(X_i - mu)/dX_j = delta_ij - 1/N; the note adds dmu/dX_j instead of subtracting it, and both members it writes equal delta_ij + 1/N; refuted"),
    ("ln_dsig_chain", r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{2\sigma}\frac{1}{N}\frac{\partial \sum \limits_{i = 0}^{N}(X_i-\mu)^2}{\partial X_j}",
     "sums read over the N components (the note's 0..N beside 1/N); every member equals dsigma/dX_j = (X_j - mu)/(N sigma), the last one too although it carries the wrong +1/N: sum_i 2(X_i - mu)(delta_ij + 1/N) = 2(X_j - mu) + (2/N) sum_i (X_i - mu) = 2(X_j - mu), the deviations summing to 0; holds"),
    ("ln_dsig_simpl", r"= \frac{1}{2N\sigma}(2(X_j-\mu) + \sum \limits_{i = 0}^{N}\frac{2}{N}(X_j-\mu)) = \frac{X_j-\mu}{N\sigma} + \frac{2}{N}\sum \limits_{i = 0}^{N}(X_j-\mu) = \frac{1}{N}X'_j + 0",
     "the chain's middle members write (X_j - mu) where the summand is (X_i - mu): (1/(2N sigma))(2(X_j - mu) + sum_i (2/N)(X_j - mu)) = 2(X_j - mu)/(N sigma), twice the true dsigma/dX_j, and (X_j - mu)/(N sigma) + (2/N) sum_i (X_j - mu) = (X_j - mu)/(N sigma) + 2(X_j - mu); the first and last members are right; refuted"),
    ("ln_dsig", r"$$\frac{\partial \sigma}{\partial X_j} = \frac{1}{N}X'_j$$",
     "dsigma/dX_j = (X_j - mu)/(N sigma) = X'_j / N (population standard deviation); holds"),
    ("ln_dXprime", r"\frac{\partial X'_i}{\partial X_j} = \frac{\sigma(\delta_j^i + \frac{1}{N}) - (X_i - \mu) \frac{1}{N}X'_j}{\sigma^2}",
     "dX'_i/dX_j = (sigma(delta_ij - 1/N) - (X_i - mu) X'_j / N)/sigma^2; the note's + 1/N (carried from its d(X_i - mu)/dX_j) gives a Jacobian that differs from autograd's by 2/(N sigma) in every entry; refuted"),
]
LNE_DIRS = [
    ("Backpropagation. With dE/dY_i given,", "<!-- symbp: layer=layernorm features=4 names: X=input Y=output E=loss -->"),
]
LNE_EXCL = [
    (r"$$\mu = \frac{1}{N}\sum \limits_{i = 0}^{N}X_i$$", "forward definition"),
    (r"$$\sigma = \sqrt{\frac{1}{N}\sum \limits_{i = 0}^{N}(X_i-\mu)^2}$$", "forward definition"),
    (r"$$X'_i = \frac{X_i - \mu}{\sigma}$$", "forward definition"),
    (r"$$Y_i = \gamma X'_i + \beta$$", "forward definition"),
    (r"$$d(\frac{f}{g}) = \frac {g\cdot df - f\cdot dg}{g^2}$$", "the quotient rule in general letters (no layer quantity)"),
]

# ---------------------------------------------------------------- hauvietblog_mlp_backprop_vi.md
VIE = [
    ("vi_dWL", r"\end{pmatrix}= \mathbf{a}^{(L-1)}\mathbf{e}^{(L)T}",
     "z^{(l)} = W^{(l)T} a^{(l-1)} + b^{(l)} with W^{(l)} d^{(l-1)} x d^{(l)}, sigmoid, J a drawn function of y-hat = a^{(L)}, e = dJ/dz (columns): dJ/dW^{(L)} (laid out like W) has [i, k] = a_i^{(L-1)} e_k^{(L)}; the written 3 x 3 matrix (rows a_1, a_2, a_d; columns e_1, e_2, e_d) equals it where the layer is 3 x 3, and a^{(L-1)} e^{(L)T} equals it at every size; holds"),
    ("vi_dbL", r"=\left(e_1^{(L)} ~~ e_2^{(L)} ~ \dots ~ e_{d^{(L)}}^{(L)}\right)^T=\mathbf{e}^{(L)}",
     "dJ/db^{(L)} = (dJ/db_k) = (e_k) = e^{(L)}; holds"),
    ("vi_dWl", r"\end{pmatrix}= \mathbf{a}^{(l-1)}\mathbf{e^{(l)T}}",
     "hidden layers: dJ/dW^{(l)} [i, k] = a_i^{(l-1)} e_k^{(l)}, the 3 x 3 matrix where the layer is 3 x 3, a^{(l-1)} e^{(l)T} at every size; holds (nets of 3 and 4 layers)"),
    ("vi_e_chain", r"\frac{\partial J}{\partial a_1^{(l)}}\cdot \frac{\partial a_1^{(l)}}{\partial z_1^{(l)}}",
     "e^{(l)} = (dJ/dz_i^{(l)}) = (dJ/da_i dA_i/dz_i) = (sum_k dJ/dz_k^{(l+1)} dz_k^{(l+1)}/da_i^{(l)} sigma'(z_i^{(l)})): every member equals autograd's dJ/dz^{(l)}; holds"),
    ("vi_e_W", r"=\left(\mathbf{W}^{(l+1)}\mathbf{e^{(l+1)}}\right)\odot{\sigma}'(\mathbf{z}^{(l)})",
     "with z^{(l+1)} = W^{(l+1)T} a^{(l)} + b, dz_k^{(l+1)}/da_i^{(l)} = w_{ik}^{(l+1)}: sum_k e_k w_{ik} sigma'(z_i) = (w_{i:} e) sigma'(z_i), so e^{(l)} = (W^{(l+1)} e^{(l+1)}) odot sigma'(z^{(l)}), every member; holds"),
    ("vi_dbl", r"$$\frac{\partial J}{\partial \mathbf{b}^{(l)}}=\mathbf{e}^{(l)}$$",
     "dJ/db^{(l)} = e^{(l)} for the hidden layers; holds"),
]
VIE_DIRS = [
    ("Step 2. For the last layer compute", "<!-- symbp: layer=fc in=3 out=3 weight=in-out names: a^{(L-1)}=input W^{(L)}=kernel b^{(L)}=bias z^{(L)}=output J=loss -->"),
    ("Step 3. For l = L-1, L-2, ..., 1 compute", "<!-- symbp: layer=fc in=3 out=3 weight=in-out names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output a^{(l)}=activation J=loss -->"),
]
VIE_EXCL = [
    (r"$$P(d)=\sum_{l=1}^{L} \left(d^{(l-1)} d^{(l)}+ d^{(l)}\right)$$", "the number of parameters (no derivative)"),
    (r"\Phi_\alpha:\mathbb{R}^{d^{(0)}}\times\mathbb{R}^{P(d)} &\to \mathbb{R}^{d^{(L)}}", "definition of the network as a map"),
    (r"$$\Phi^{(1)}(\mathbf{x},\theta):=\mathbf{z}^{(1)}=\mathbf{W}^{(1)T}\mathbf{x}+\mathbf{b}^{(1)},$$", "forward definition"),
    (r"$$\bar\Phi^{(l)}(\mathbf{x},\theta):=\mathbf{a}^{(l)}=\sigma(\mathbf{z}^{(l)}),~~l \in [L-1],$$", "forward definition"),
    (r"$$\Phi^{(l+1)}(\mathbf{x},\theta):=\mathbf{z}^{(l+1)}=\mathbf{W}^{(l+1)T}\mathbf{a}^{(l)}+\mathbf{b}^{(l+1)},~~l \in [L-1]$$", "forward definition"),
    (r"$$\bar\Phi^{(l+1)}(\mathbf{x},\theta):=\mathbf{a}^{(l+1)}=\sigma(\mathbf{z}^{(l+1)}),~~l \in [L-1]$$", "forward definition"),
    (r"\mathbf{a}^{(0)} &= \mathbf{x} \\\\ z_{i}^{(l)} &= \mathbf{w}_i^{(l)T}\mathbf{a}^{(l-1)} + b_i^{(l)}", "forward definition (feedforward step)"),
    (r"\frac{\partial J}{\partial \mathbf{W}^{(L)}} &= \left( \frac{\partial J}{\partial \mathbf{w}_1^{(L)}}", "the gradient matrix laid out by its columns and entries: a layout definition, no derivative computed"),
    (r"\frac{\partial J}{\partial \mathbf{W}^{(l)}} &= \left( \frac{\partial J}{\partial \mathbf{w}_1^{(l)}}", "the gradient matrix laid out by its columns and entries: a layout definition, no derivative computed"),
]

# ---------------------------------------------------------------- ouroboros_batchnorm_zh.md
ZHB = [
    ("zh_db12", r"$$\dfrac{dl}{db_1}=\dfrac{dl}{do_{11}}+\dfrac{dl}{do_{21}}, \dfrac{dl}{db_2}=\dfrac{dl}{do_{12}}+\dfrac{dl}{do_{22}}$$",
     "out = input W + b (batch 2 as rows, W 3 x 2, b added to each row), l a drawn function of out: dl/db_j = dl/do_1j + dl/do_2j; holds"),
    ("zh_db", r"$$\dfrac{dl}{db}=\sum\dfrac{dl}{do_{i}}$$",
     "dl/db = the sum over the samples i of the rows dl/do_i; holds (batches of 2, 3 and 5)"),
    ("zh_bn_db", r"\dfrac{dl}{db}=\dfrac{dl}{dout} \cdot \dfrac{dout}{db}",
     "batch normalization, b the shift beta (the note's \"x = gamma x + b\"): dl/dbeta = sum_i dl/dout_i dout_i/dbeta = sum_i dl/dout_i, every member (the first as the contraction over the samples); holds"),
    ("zh_bn_dgamma", r"=\sum\dfrac{dl}{dout_i}\cdot \hat{x_i}",
     "dl/dgamma = sum_i dl/dout_i x-hat_i (elementwise per feature); holds"),
    ("zh_dxhat_dx", r"\dfrac{\part \hat{x_i}}{\part x_i} = \dfrac{1}{\sqrt{\sigma^2 + \epsilon}}",
     "the graph's local partial (mu, sigma^2 held, as the note says of its list): d x-hat_i / d x_i = 1/sqrt(sigma^2 + eps); holds"),
    ("zh_dxhat_dvar", r"\dfrac{\part \hat{x_i}}{\part \sigma^2} = (x_i-\mu)\cdot \dfrac{-1}{2} \cdot (\sigma^2 + \epsilon)^{-\frac{3}{2}}",
     "local partial: -(1/2)(x_i - mu)(sigma^2 + eps)^{-3/2}; holds"),
    ("zh_dvar_dmu", r"\dfrac{\part \sigma^2}{\part \mu} = -\dfrac{2\sum (x_i-\mu)}{m}",
     "local partial of sigma^2 = (1/m) sum (x_i - mu)^2 in mu: -2 sum (x_i - mu)/m (0 at the batch mean); holds"),
    ("zh_dl_dvar", r"\dfrac{\part l}{\part \sigma^2} = \sum \dfrac{\part l}{\part \hat{x_i}}\cdot\dfrac{\part \hat{x_i}}{\part \sigma^2}",
     "sigma^2 reaches l only through the x-hat_i: dl/dsigma^2 = sum_i dl/dx-hat_i d x-hat_i/d sigma^2, equal to autograd's gradient at the variance node; holds"),
]
ZHB_DIRS = [
    ("## The dense layer first", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=rows names: input=input W=kernel b=bias out=output l=loss -->"),
    ("## Back to batch normalization", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output l=loss -->"),
]
ZHB_EXCL = [
    (r"\text{input} = ", "the layer's shapes (definition)"),
    (r"o_{11}=i_{11}w_{11}+i_{12}w_{21}+i_{13}w_{31}+b_1 \\", "forward definition, entry by entry"),
    (r"\mu = \dfrac{1}{m}\sum_i^m x_i \\", "forward definition"),
    (r"\dfrac{\part y_i}{\part \hat{x_i}} =& \gamma \\", "holds (gamma); left out of the score (30% cap)"),
    (r"\dfrac{\part \hat{x_i}}{\part \mu} =& -\dfrac{1}{\sqrt{\sigma^2 + \epsilon}} \\", "holds as the local partial; left out of the score (30% cap)"),
    (r"\dfrac{\part \sigma^2}{\part x_i} =& \dfrac{2(x_i-\mu)}{m} \\", "holds as the local partial (mu held); left out of the score (30% cap)"),
    (r"\dfrac{\part \mu}{\part x_i} =& \dfrac{1}{m}", "holds (1/m); left out of the score (30% cap)"),
    (r"& \mu=\frac{1}{N}\sum_{k=1}^N x_k  &  v=\frac{1}{N}\sum_{k=1}^N (x_k-\mu)^2 \\", "forward definitions of the second derivation"),
]

# ---------------------------------------------------------------- hx1234_backprop_layers_zh.md
HXZ = [
    ("hx_relu_dydx", r"\frac{dy}{dx}=\begin{cases}1,x > 0 \\0,x < 0\end{cases}",
     "ReLU: dy/dx = 1 for x > 0 and 0 for x < 0 (x drawn away from 0, autograd); holds"),
    ("hx_relu_dloss", r"=dvalue*\frac{\partial y}{\partial x}=\begin{cases}dvalue,x > 0\\0,x < 0\end{cases}",
     "d loss/dx = dvalue * dy/dx entry by entry = dvalue where x > 0, 0 where x < 0, every member; holds"),
    ("hx_softmax_chain", r"\frac{\partial loss}{\partial z_{i,k}}=\frac{\partial loss}{\partial S_{i,j}}\frac{\partial S_{i,j}}{\partial z_{i,k}}",
     "S_{i,.} = softmax(z_{i,.}), loss a drawn function of S: d loss/dz_{i,k} = sum_j d loss/dS_{i,j} dS_{i,j}/dz_{i,k}; the row has no sum over j (the note writes its sums out elsewhere: L_i and S_{i,j}), and one j's term equals d loss/dz_{i,k} for no j in general (3 and 4 classes drawn, every j, k); refuted"),
]
HXZ_DIRS = [
    ("### 2.2 ReLu", "<!-- symbp: layer=activation name=relu names: x=input y=output loss=loss -->"),
    ("### 2.4 Softmax", "<!-- symbp: layer=softmax classes=3 names: z=input S=output loss=loss -->"),
]
HXZ_EXCL = [
    ("$$\ny = wx+b\n$$", "forward definition"),
    ("$$\n\\frac{\\partial y}{\\partial w} = x\n$$", "x an input vector, w a weight matrix (the note's words and code): dy/dw as written has no settled layout (the code's gradient is input^T dvalue); a verdict would hang on the reading"),
    ("$$\n\\frac{\\partial y}{\\partial x} = w\n$$", "the same: the Jacobian of y = x w is w^T laid out by output, w by input; not settled"),
    ("$$\n\\frac{\\partial y}{\\partial b} = 1\n$$", "the note says this 1 is a matrix of another size: not a settled quantity"),
    (r"\frac{\partial loss}{\partial y}= dvalue", "a definition (dvalue names the upstream gradient)"),
    (r"=dvalue*\frac{\partial y}{\partial w}=dvalue*x", "\"dvalue*x\" multiplies a 1 x b row by a 1 x a row: no order or layout is settled (the code's x^T dvalue holds); a verdict would hang on the reading"),
    (r"=dvalue*\frac{\partial y}{\partial x}=dvalue*w", "\"dvalue*w\" (1 x b times a x b): no order settled (the code's dvalue w^T holds); a verdict would hang on the reading"),
    (r"=dvalue*\frac{\partial y}{\partial b}=dvalue*1", "the \"1\" is a matrix of unstated size; not settled"),
    (r"y=\begin{cases}x,x > 0\\0,x \le 0\end{cases}", "forward definition"),
    (r"L_i=-\sum\limits_jy_{i,j}log(\hat y_{i,j})", "definition of the loss"),
    (r"S_{i,j}=\frac{e^{z_{i,j}}}{\sum\limits_{l=1}^L{e^{z_{i,l}}}}", "definition of the softmax"),
    (r"\frac{\partial S_{i,j}}{\partial z_{i,k}}=\frac{\partial \frac{e^{z_{i,j}}}{\sum\limits_{l=1}^L{e^{z_{i,l}}}}}{\partial z_{i,k}}", "the derivative restated with the definition put in (a tautology)"),
    (r"\sigma_{i,j}=\frac{1}{1+e^{-z_{i,j}}}", "definition of the sigmoid"),
    (r"\frac{\partial loss}{\partial z_{i,k}}=\begin{cases}\frac{\partial loss}{\partial \sigma_{i,j}}\frac{\partial \sigma_{i,j}}{\partial z_{i,k}}, j = k \\ 0, j \neq k\end{cases}", "read literally it sets d loss/dz_{i,k} = 0 whenever j != k (false); the note's sentence after it reads the cases as the j-th term of a sum over j (then it holds); a verdict would hang on the reading"),
]

TABLE = {
    "batchnorm_part2_backward_en.md": ("bne", BNE, BNE_DIRS, BNE_EXCL),
    "layernorm_vault_note_en.md": ("lne", LNE, LNE_DIRS, LNE_EXCL),
    "hauvietblog_mlp_backprop_vi.md": ("vie", VIE, VIE_DIRS, VIE_EXCL),
    "ouroboros_batchnorm_zh.md": ("zhb", ZHB, ZHB_DIRS, ZHB_EXCL),
    "hx1234_backprop_layers_zh.md": ("hxz", HXZ, HXZ_DIRS, HXZ_EXCL),
}
