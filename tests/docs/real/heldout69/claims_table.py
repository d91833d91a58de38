"""The sixty-ninth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout69.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- kripit_backprop_chapter_en
KRP = [
    ("relu_dz", r"\frac{\partial L}{\partial a^{[l]}} \odot \text{ReLU}'(z^{[l]})",
     "z = W a_prev + b (columns are samples), a = ReLU(z) entrywise, L any function of a: dL/dz = dL/da (.) 1[z > 0] entrywise; holds (n = 2, 3, 4 neurons, m = 2, 3, 5 samples, drawn non-linear loss, z kept away from 0)"),
    ("dW_mean", r"\frac{\partial L}{\partial W^{[l]}} = \frac{1}{m} \frac{\partial L}{\partial z^{[l]}} (a^{[l-1]})^T",
     "read in the chapter's convention (its 5.3 and 7.1 code: dz formed per sample, the 1/m applied in dW and db; 7.3: the loss is the batch mean while dZ = A - Y): dL/dz^{[l]} the (n, m) matrix whose column i is the sample's own dL_i/dz_i, dL/dW the gradient of the batch cost J = (1/m) sum_i L_i; then (1/m) dZ A_prev^T = dJ/dW; holds (several sizes and draws; as heldout19/24/60 read the same convention)"),
    ("dW_entry", r"\frac{\partial L}{\partial W^{[l]}_{ij}} = \frac{\partial L}{\partial z^{[l]}_i} \cdot a^{[l-1]}_j",
     "one sample (the text then sums over the batch and averages): z_i = sum_j W_ij a_j + b_i, so dL/dW_ij = dL/dz_i a_j for any loss of z; holds"),
    ("db_mean", r"\frac{\partial L}{\partial b^{[l]}} = \frac{1}{m} \sum_i \frac{\partial L}{\partial z^{[l]}_i}",
     "i the sample index (the text: the i-th column of dL/dz); same convention as dW_mean: (1/m) times the sum over the samples of the samples' own dL_i/dz_i is dJ/db for J = (1/m) sum_i L_i; holds"),
    ("da_prev", r"\frac{\partial L}{\partial a^{[l-1]}} = (W^{[l]})^T \frac{\partial L}{\partial z^{[l]}}",
     "z = W a_prev + b: dL/da_prev = W^T dL/dz, column by column (each sample's own gradient in the course convention, and equally the gradient of a loss of the whole batch); holds"),
    ("softmax_ce", r"\frac{\partial L}{\partial z} = \hat{y} - y",
     "y-hat = softmax(z) per column, L = -sum_i y_i log y-hat_i with y one-hot (the text: one 1 per column): dL/dz = y-hat - y; holds (K = 3, 4, 5 classes; also per column of a (K, m) batch)"),
]
KRP_DIRS = [
    ("### 5.4 Mathematical Derivations", "<!-- symbp: layer=fc in=3 out=2 batch=2 weight=out-in names: a^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias z^{[l]}=output a^{[l]}=activation L=loss -->"),
    ("### 5.5 Special Case: Softmax + Cross-Entropy", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input \\hat{y}=output y=target L=loss -->"),
]
KRP_EXCL = [
    (r"w_{new} = w_{old} - \alpha \cdot \frac{\partial L}{\partial w}", "gradient-descent update rule; not a gradient claim"),
    (r"\frac{df}{dx} = f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}", "definition of the derivative"),
    (r"(f + g)' = f' + g'", "calculus rule (sum), not a network gradient"),
    (r"(f \cdot g)' = f' \cdot g + f \cdot g'", "calculus rule (product)"),
    (r"\left(\frac{f}{g}\right)' = \frac{f' \cdot g - f \cdot g'}{g^2}", "calculus rule (quotient)"),
    (r"\frac{d}{dx}f(g(x)) = f'(g(x)) \cdot g'(x)", "calculus rule (chain)"),
    (r"\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}", "chain rule in Leibniz notation"),
    (r"y = f_4(f_3(f_2(f_1(x))))", "a composition (definition), twice on the page"),
    (r"\frac{dy}{dx} = \frac{dy}{df_4} \cdot \frac{df_4}{df_3}", "generic chain rule for a composition"),
    (r"\nabla f = \begin{bmatrix}", "definition of the gradient vector"),
    (r"\frac{dy}{dx} = \frac{dy}{dg} \cdot \frac{dg}{dx}", "generic chain rule"),
    (r"\frac{dz}{dt} = \frac{\partial z}{\partial x} \cdot \frac{dx}{dt}", "multivariable chain rule (calculus)"),
    (r"\frac{\partial z_i}{\partial W_{jk}} = \begin{cases}", "entry of the Jacobian of z = Wx in W (holds: x_k where i = j); a Jacobian slice, not a loss gradient"),
    (r"\frac{\partial z}{\partial W} = x^T \quad \text{(outer product)}", "the 'simplified' Jacobian of z = Wx in W written as x^T: the Jacobian is a third-order array and the label 'outer product' names no second factor; no definite reading, not scored"),
    (r"\frac{\partial z}{\partial x} = W^T", "Jacobian of z = Wx in x: W in the numerator layout, W^T in the denominator (gradient) layout, and the page fixes neither; not scored"),
    (r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}", "forward definition"),
    (r"a^{[l]} = \text{ReLU}(z^{[l]})", "forward definition"),
    (r"$$L \to a^{[l]} \to z^{[l]}$$", "a dependency chain, no equation"),
    (r"\frac{\partial L}{\partial a^{[l]}} \cdot \frac{\partial a^{[l]}}{\partial z^{[l]}} = \frac{\partial L}{\partial a^{[l]}} \cdot \text{ReLU}'(z^{[l]})", "the chain-rule justification of the scored relu_dz row (holds, the dot entrywise); left out for the 30% cap"),
    (r"\hat{y} = \text{softmax}(z) = \frac{e^{z_i}}{\sum_j e^{z_j}}", "forward definition"),
    (r"L = -\sum_i y_i \log(\hat{y}_i)", "forward definition (loss)"),
    (r"W := W - \alpha \cdot \frac{1}{m} \sum_{i=1}^{m} \nabla_W L(x^{(i)}, y^{(i)})", "update rule (batch gradient descent)"),
    (r"W := W - \alpha \cdot \nabla_W L(x^{(i)}, y^{(i)})", "update rule (SGD)"),
    (r"W := W - \alpha \cdot \frac{1}{b} \sum_{i \in \text{batch}}", "update rule (mini-batch)"),
    (r"\frac{\partial L}{\partial W^{[1]}} = \frac{\partial L}{\partial z^{[L]}} \cdot \frac{\partial z^{[L]}}{\partial z^{[L-1]}} \cdot ...", "a schematic product with an ellipsis illustrating vanishing gradients; not scored"),
    (r"\frac{\partial L}{\partial w} \approx \frac{L(w + \epsilon) - L(w - \epsilon)}{2\epsilon}", "numerical approximation (gradient checking), not an exact claim"),
    (r"\text{error} = \frac{||\text{grad}_\text{analytical}", "definition of the relative error"),
    (r"$$W := W - \alpha \nabla_W L$$", "update rule (summary)"),
    (r"$$\frac{\partial L}{\partial W^{[l]}} = \frac{\partial L}{\partial a^{[l]}} \cdot \frac{\partial a^{[l]}}{\partial z^{[l]}} \cdot \frac{\partial z^{[l]}}{\partial W^{[l]}}$$", "generic chain rule with Jacobians (summary); not scored"),
    (r"$$\frac{\partial L}{\partial z} = \hat{y} - y$$", "the summary's repetition of the scored softmax_ce row"),
]

# ---------------------------------------------------------------- nnfs_softmax_derivative_en
NSD = [
    ("quot_applied", r"= \frac{\frac{\partial}{\partial z_{i,k}} e^{z_{i,j}} \cdot \sum_{l=1}^{L} e^{z_{i,l}} - e^{z_{i,j}} \cdot \frac{\partial}{\partial z_{i,k}} \sum_{l=1}^{L} e^{z_{i,l}}}",
     "S_{i,j} = e^{z_{i,j}} / sum_l e^{z_{i,l}}: the quotient rule with the two inner derivatives left as written (d e^{z_{i,j}}/d z_{i,k} = delta_{jk} e^{z_{i,j}}, d sum/d z_{i,k} = e^{z_{i,k}}) equals dS_{i,j}/dz_{i,k} for every j, k; holds (L = 3, 4, 6 classes, two samples)"),
    ("jk_subst", r"= \frac{e^{z_{i,j}} \cdot \sum_{l=1}^{L} e^{z_{i,l}} - e^{z_{i,j}} \cdot e^{z_{i,j}}}{\left[",
     "the case j = k, which the prose announces before the row: (e^{z_j} Sum - e^{z_j} e^{z_j}) / Sum^2 = dS_j/dz_j; holds (every j, with k = j)"),
    ("jk_factored", r"= \frac{e^{z_{i,j}} \cdot \left( \sum_{l=1}^{L} e^{z_{i,l}} - e^{z_{i,k}} \right)}",
     "j = k: e^{z_j}(Sum - e^{z_k}) / (Sum Sum) with k = j equals dS_j/dz_j; holds"),
    ("split_sum_slip", r"\left( \frac{\sum_{l=1}^{L} e^{z_{i,j}}}{\sum_{l=1}^{L} e^{z_{i,l}}} - \frac{e^{z_{i,k}}}{\sum_{l=1}^{L} e^{z_{i,l}}} \right)",
     "the second split writes the numerator of the middle fraction as sum_{l=1}^{L} e^{z_{i,j}} (the summand does not depend on l), which is L e^{z_{i,j}}, so the row is S_j (L S_j - S_k); at j = k the derivative is S_j (1 - S_j): they differ for every L >= 2 (the prose calls the fraction 1, which it would be with e^{z_{i,l}}); refuted"),
    ("s_result", r"= S_{i,j} \cdot (1 - S_{i,k})",
     "j = k (the case being derived): S_j (1 - S_k) with k = j is dS_j/dz_j; holds"),
    ("full_solution", r"\frac{\partial S_{i,j}}{\partial z_{i,k}} = \frac{e^{z_{i,j}} \cdot \sum_{l=1}^{L} e^{z_{i,l}} - e^{z_{i,j}} \cdot e^{z_{i,k}}}",
     "the 'Full solution' chain for all j, k: its cases (S_j(1 - S_k) for j = k, -S_j S_k for j != k) equal dS_j/dz_k, but its middle member (e^{z_j} Sum - e^{z_j} e^{z_k}) / Sum^2 = S_j - S_j S_k keeps the j = k numerator term e^{z_j} Sum (it should carry the factor delta_{jk}), so for j != k it is S_j(1 - S_k) instead of -S_j S_k; a chain with a false member is refuted"),
]
NSD_DIRS = [
    ("The note turns to the partial derivative of the softmax", "<!-- symbp: layer=softmax classes=3 batch=2 names: z=input S=output -->"),
]
NSD_EXCL = [
    (r"S_{i,j} = \frac{e^{z_{i,j}}}{\sum_{l=1}^{L} e^{z_{i,l}}} \rightarrow \frac{\partial S_{i,j}}{\partial z_{i,k}} = ?", "forward definition and the question"),
    (r"f(x) = \frac{q(x)}{h(x)} \rightarrow f'(x) = \frac{q'(x) \cdot h(x) - g(x) \cdot h'(x)}{[h(x)]^2}", "the quotient rule (calculus, not a network gradient; its g(x) is a slip for q(x))"),
    (r"\frac{\partial S_{i,j}}{\partial z_{i,k}} = \frac{\partial \frac{e^{z_{i,j}}}{\sum_{l=1}^{L} e^{z_{i,l}}}}{\partial z_{i,k}} =", "restates the left side with the forward substituted; no right-hand side"),
    (r"\frac{d}{dn} e^n = e^n \cdot \frac{d}{dn} n = e^n \cdot 1 = e^n", "calculus fact (derivative of the exponential)"),
    (r"= 0 + 0 + \cdots + e^{z_{i,k}} + \cdots + 0 + 0 = e^{z_{i,k}}", "derivative of the denominator in z_{i,k} (holds: e^{z_{i,k}}); left out for the 30% cap"),
    (r"= \frac{e^{z_{i,j}}}{\sum_{l=1}^{L} e^{z_{i,l}}} \cdot \frac{\sum_{l=1}^{L} e^{z_{i,l}} - e^{z_{i,j}}}{\sum_{l=1}^{L} e^{z_{i,l}}}", "the first split, j = k (holds: S_j (1 - S_j)); left out for the 30% cap"),
]

# ---------------------------------------------------------------- bigthor_backprop2_ko
BTH = [
    ("dw_L_chain", r"\frac{\delta C_0}{\delta w^{(L)}} = \frac{\delta z^{(L)}}{\delta w^{(L)}} \frac{\delta a^{(L)}}{\delta z^{(L)}} \frac{\delta C_0}{\delta a^{(L)}}",
     "\\delta read as the partial-derivative sign (the post's notation throughout); one neuron per layer, z^{(L)} = w^{(L)} a^{(L-1)} + b^{(L)}, a^{(L)} = sigma(z^{(L)}), C_0 = (a^{(L)} - y)^2: the three-factor chain equals dC_0/dw^{(L)}; holds (sigma the logistic function and tanh, drawn values)"),
    ("dw_L_value", r"a^{(L-1)}}\ \delta ' (z^{(L)}})\ 2 ( a^{(L)}} - y)",
     "\\delta ' read as sigma', the derivative of the activation (the only function the post names; it writes the partial sign as \\delta too), the stray closing braces ignored: dC_0/dw^{(L)} = a^{(L-1)} sigma'(z^{(L)}) 2(a^{(L)} - y); holds"),
    ("dw_L_avg", r"\frac{\delta C}{\delta w^{(L)}} = \sum_{i=0}^{n-1}",
     "n examples, C the average of the examples' costs C_i = (a_i^{(L)} - y_i)^2 as the post says: the sum over the examples of dz_i/dw da_i/dz_i dC/da_i, with the last factor the derivative of C itself (1/n times 2(a_i - y_i)), is dC/dw^{(L)}; holds (n = 3, 5; also checked that the same sum with dC_i/da_i would be n times too large, which the row does not write)"),
    ("dw_L1_value", r"a^{(L-2)}}\ \delta ' (z^{(L-1)}})\ \frac{\delta C_0}{\delta a^{(L-1)}}",
     "same readings: dC_0/dw^{(L-1)} = a^{(L-2)} sigma'(z^{(L-1)}) dC_0/da^{(L-1)} with dC_0/da^{(L-1)} the full derivative through layer L; holds"),
    ("dC_daL", r"\frac{\delta C_0}{\delta a^{(L)}} = 2 (a^{(L)}- y)",
     "C_0 = (a^{(L)} - y)^2: dC_0/da^{(L)} = 2(a^{(L)} - y); holds"),
    ("dC_dak", r"\frac{\delta C_0}{\delta a^{(k)}} = \frac{\delta z^{(k+1)}}{\delta a^{(k)}}",
     "chain of single neurons a^{(k+1)} = sigma(w^{(k+1)} a^{(k)} + b^{(k+1)}), k = 0, ..., L-1 (the range written after the row): dC_0/da^{(k)} = w^{(k+1)} sigma'(z^{(k+1)}) dC_0/da^{(k+1)}, the three written factors; holds (L = 3, 4 layers, every k)"),
]
BTH_DIRS = [
    ("## 간단한 네트워크의 gradient 계산", "<!-- symbp: layer=fc in=1 out=1 names: a^{(L-1)}=input w^{(L)}=kernel b^{(L)}=bias z^{(L)}=output a^{(L)}=activation y=target C_0=loss C=loss -->"),
]
BTH_EXCL = [
    (r"$$z^{(L)} = w^{(L)} a^{(L-1)} + b^{(L)}$$", "forward definition"),
    (r"$$a^{(L)} = \sigma (z^{(L)})$$", "forward definition"),
    (r"$$C_0 = (a^{(L)} - y)^2$$", "forward definition (cost)"),
    (r"\frac{\delta C_0}{\delta w^{(L-1)}} = \frac{\delta z^{(L-1)}}{\delta w^{(L-1)}} \frac{\delta a^{(L-1)}}{\delta z^{(L-1)}} \frac{\delta C_0}{\delta a^{(L-1)}}", "chain for w^{(L-1)} (holds); left out for the 30% cap (its expanded row is scored)"),
]

# ---------------------------------------------------------------- telhc_softmax_note_en
TEL = [
    ("softmax_jac", r"\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_j} = \frac{\partial}{\partial a_j}\frac{e^{a_i}}{\sum^K_{k=1}e^{a_k}} = \sigma_i(1_{i=j} - \sigma_j)",
     "sigma(a)_i = e^{a_i} / sum_k e^{a_k}: d sigma_i / d a_j = sigma_i (1_{i=j} - sigma_j), every member; holds (K = 3, 4, 6; every i, j)"),
    ("dh", r"\frac{\partial}{\partial a_j}h_i = e^{a_j}",
     "h_i = sum_k e^{a_k}: d h_i / d a_j = e^{a_j}; holds"),
    ("dg", r"\frac{\partial}{\partial a_j}g_i = \begin{cases} e^{a_i}",
     "g_i = e^{a_i}: d g_i / d a_j = e^{a_i} for i = j and 0 otherwise; holds"),
    ("proof_chain", r"\frac{\partial}{\partial a_j}\frac{e^{a_j}}{\sum^K_{k=1}e^{a_k}}",
     "the proof's aligned chain starts from d/da_j of e^{a_j} / Sigma (numerator index j, not i), which is sigma_j (1 - sigma_j) whatever i is; the chain's later members (the quotient rule with g = e^{a_i}, then sigma_i (1_{i=j} - sigma_j)) are d sigma_i / d a_j, which is -sigma_i sigma_j for i != j: the first member differs from the others for every i != j; refuted"),
]
TEL_DIRS = [
    ("# Derivative\n", "<!-- symbp: layer=softmax classes=3 names: \\mathbf{z}=input z=input \\mathbf{a}=input a=input \\sigma=output -->"),
]
TEL_EXCL = [
    (r"$$\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum^K_{j=1}e^{z_j}}$$", "forward definition"),
]

# ---------------------------------------------------------------- harleys_activation_zh
HAR = [
    ("sigmoid_d", r"\frac{\mathrm{d} }{\mathrm{d} x}\text{sigmoid}(x) = \frac{exp(-x)}{(1+exp(-x))^2} = \text{sigmoid}(x)(1 - \text{sigmoid}(x))",
     "sigmoid(x) = 1/(1 + exp(-x)): the derivative is exp(-x)/(1 + exp(-x))^2 = sigmoid(x)(1 - sigmoid(x)), both members; holds (40 drawn points)"),
    ("tanh_d", r"\frac{\mathrm{d} }{\mathrm{d} x} \text{tanh}(x) = 1 - \text{tanh}^{2}(x)",
     "d tanh(x)/dx = 1 - tanh^2(x); holds (drawn points; the page's forward tanh(x) = 2 sigma(2x) - 1 checked too)"),
]
HAR_DIRS = [
    ("### 2.1 Logistic(sigmoid)函数", "<!-- symbp: layer=activation name=sigmoid names: x=input -->"),
    ("### 2.2 Tanh 函数", "<!-- symbp: layer=activation name=tanh names: x=input -->"),
]
HAR_EXCL = [
    (r"z = \sum_{d=1}^{D} w_{d}x_{d} + b = w^\top x + b", "forward definition (net input)"),
    (r"$$a = f(z)$$", "forward definition"),
    (r"\sigma(x) = \frac{1}{1 + exp(-x)}", "forward definition"),
    (r"\text{tanh}(x) = 2\sigma(2x) - 1 = \frac{2}{1 + e^{-2x}} - 1", "forward definition (an identity between functions, not a derivative)"),
    (r"ReLU(x) = max(0, x) = \left \lbrace", "forward definition"),
    (r"\text{Leaky ReLU}(x) = max(0, 𝑥) + \gamma\ min(0, x)", "forward definition"),
    (r"\text{Leaky ReLU}(x) = max(0, 𝑥) + \gamma_{i}\ min(0, x)", "forward definition (PReLU, labelled Leaky ReLU on the page)"),
    (r"\text{Leaky ReLU}(x) = max(0, 𝑥) + min(0, \gamma(exp(x) - 1)", "forward definition (ELU, labelled Leaky ReLU, a parenthesis missing)"),
    (r"\text{Softplus}(x) = log(1 + exp(x))", "forward definition (the prose's 'its derivative is the logistic function' is not a display)"),
    (r"\text{swish}(x) = x\sigma(\beta x)", "forward definition"),
]

TABLE = {
    "kripit_backprop_chapter_en.md": ("krp", KRP, KRP_DIRS, KRP_EXCL),
    "nnfs_softmax_derivative_en.md": ("nsd", NSD, NSD_DIRS, NSD_EXCL),
    "bigthor_backprop2_ko.md": ("bth", BTH, BTH_DIRS, BTH_EXCL),
    "telhc_softmax_note_en.md": ("tel", TEL, TEL_DIRS, TEL_EXCL),
    "harleys_activation_zh.md": ("har", HAR, HAR_DIRS, HAR_EXCL),
}
