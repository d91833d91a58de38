"""The forty-fifth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout45.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- vivilearns_softmax_loss_en
VSM = [
    ("dsoft", r"\frac{d\text{loss}}{d\text{softmax}} = -\frac{1}{N \cdot \text{softmax}(x_i,y_i)}",
     "loss = -(1/N) sum_i log softmax(x_i, y_i), each sample's correct-class probability a node: dloss/dsoftmax(x_i, y_i) = -1/(N softmax(x_i, y_i)); holds (N x C = 4x3, 2x5, 5x4, drawn scores and labels)"),
    ("quot1", r"{ \big( \sum_{c=1}^N \exp(s_{ic}) \big) ^2}",
     "first member of the quotient rule: its denominator sums exp(s_ic) over c = 1..N (N the number of samples) instead of c = 1..C (the classes); for N < C it leaves classes out and the value differs from dsoftmax(x_i, y_i)/ds_ij, for N > C it names scores s_ic that do not exist; refuted (N != C at every size drawn; it would hold only where N = C)"),
    ("quot2", r"= \text{softmax}(x_i,y_i) \cdot (\delta(y_i=j) - \text{softmax}(x_i,j) ) \quad ,",
     "second member: dsoftmax(x_i, y_i)/ds_ij = softmax(x_i, y_i)(delta(y_i = j) - softmax(x_i, j)), delta(A) = 1 if A holds; holds (the softmax Jacobian by autograd)"),
    ("dloss_s", r"\frac{d\text{loss}}{ds_{ij}} = -\frac{\text{softmax}(x_i,y_i)",
     "the normalized scores s_ij taken as the variables: dloss/ds_ij = -softmax(x_i,y_i)(delta(y_i=j) - softmax(x_i,j)) / (N softmax(x_i,y_i)) = (softmax(x_i,j) - delta(y_i=j))/N; holds"),
    ("dloss_sstar", r"\frac{d\text{loss}}{ds^{*}_{ij}} = \frac{d\text{loss}}{ds_{ij}} -\delta(j=",
     "s_ij = s*_ij - max_k s*_ik (ties have probability zero): the total derivative dloss/ds*_ij equals dloss/ds_ij minus, at each row's argmax, the row's sum of dloss/ds_ic; holds (the gradient through torch's max by autograd; the row sum is zero, as the softmax is shift-invariant)"),
]
VSM_DIRS = [
    ("## Softmax Loss\n", "<!-- symbp: layer=softmax classes=3 batch=4 target=one-hot index_base=1 names: s^{*}=input s=input \\text{softmax}=output y=target \\text{loss}=loss -->"),
]
VSM_EXCL = [
    (r"$$s_{ij} = s^{*}_{ij} - \max_{k=1,\dots ,C}{\{ s_{ik} \}}$$", "forward definition (the normalized scores)"),
    (r"\text{softmax}(x_i,y_i) = \frac{\exp(s_{iy_i})}{\sum_{j=1}^{C} \exp(s_{ij})}", "definition of the softmax of the correct class"),
    (r"\text{loss} = -\frac{1}{N} \sum_{i=1}^N \log(\text{softmax}(x_i,y_i))", "definition of the loss"),
    (r"\frac{d\text{loss}}{ds^{*}_{ij}} \quad \text{for}", "names the gradient wanted (no value)"),
]

# ---------------------------------------------------------------- vivilearns_batchnorm_en
VBN = [
    ("mean", r"\frac{d\overline{x_k}}{dx_{lk}} = \frac{1}{N} \quad .",
     "X is N x D, x-bar_k the mean of column k: dx-bar_k/dx_lk = 1/N for every l; holds (N x D = 4x3, 5x2, 3x4)"),
    ("var2", r"= \frac{2 \sum_{i=1}^N (x_{ik}-\overline{x_k}) \cdot (\delta(i=l)-\frac{1}{N})}{N}",
     "sigma^2_k the biased variance (1/N) of column k, as the row's first member writes it: dsigma^2_k/dx_lk = 2 sum_i (x_ik - x-bar_k)(delta(i=l) - 1/N)/N; holds"),
    ("var4", r"= \frac{2(x_{lk}-\overline{x_k})}{N}",
     "dsigma^2_k/dx_lk = 2(x_lk - x-bar_k)/N (the deviations sum to zero); holds"),
    ("inner", r"\frac{dx\_{ik}^{\text{bn}}}{dx\_{lk}} = \gamma_k \cdot \Bigg(",
     "x^bn_ik = gamma_k (x_ik - x-bar_k)/sqrt(sigma^2_k + eps) + beta_k: dx^bn_ik/dx_lk = gamma_k ((delta(i=l) - 1/N)/sqrt(sigma^2_k+eps) - (x_ik - x-bar_k)(x_lk - x-bar_k)/(N sqrt(sigma^2_k+eps)^3)); holds (the full Jacobian by autograd, eps = 1e-5 and 0.3)"),
    ("chain1", r"\frac{dout}{dx\_{lk}} = \sum_{j=1}^N \Big( \frac{dout}{dx^{\text{bn}}\_{jk}} \cdot \frac{dx\_{jk}^{\text{bn}}}{dx\_{lk}} \Big)",
     "out a scalar function of x^bn (a drawn non-linear one): dout/dx_lk = sum_j dout/dx^bn_jk . dx^bn_jk/dx_lk (column k only feeds column k); holds"),
    ("chain3", r"\cdot \big( \delta(j=l)-1/N \big) - \sum\_{j=1}^N",
     "third member: gamma_k/sqrt(sigma^2_k+eps) (sum_j g_jk (delta(j=l) - 1/N) - sum_j g_jk (x_jk - x-bar_k)(x_lk - x-bar_k)/(N(sigma^2_k+eps))), g = dout/dx^bn; holds"),
    ("chain4", r"\Bigg( \frac{dout}{dx^{\text{bn}}\_{lk}} - \frac{1}{N} \sum\_{j=1}^N",
     "last member: gamma_k/sqrt(sigma^2_k+eps) (g_lk - (1/N) sum_j g_jk - (1/N) sum_j g_jk (x_jk - x-bar_k)(x_lk - x-bar_k)/(sigma^2_k+eps)); holds"),
    ("dgamma", r"\frac{x\_{jk}-\overline{x_k}}{\sqrt{\sigma_k^2+\epsilon}} \Big) \quad .",
     "dout/dgamma_k = sum_j dout/dx^bn_jk (x_jk - x-bar_k)/sqrt(sigma^2_k+eps); holds"),
    ("dbeta", r"\frac{dout}{d\beta_k} = \sum_{j=1}^N \frac{dout}{dx^{\text{bn}}_{jk}} \quad .",
     "dout/dbeta_k = sum_j dout/dx^bn_jk; holds"),
]
VBN_DIRS = [
    ("## Batch Normalization\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input x^{\\text{bn}}=output \\overline{x_k}=mean \\sigma^2_k=variance \\gamma_k=scale \\beta_k=shift out=loss -->"),
]
VBN_EXCL = [
    (r"$$x_i \in \mathbb{R}^D, i\in\{1,\dots,N\}$$", "the samples' domain (no derivative)"),
    (r"x^{\text{bn}}_{ik} = \gamma_k \cdot \frac{x_{ik}-\overline{x_k}}{\sqrt{\sigma^2_k + \epsilon}} + \beta_k", "forward definition"),
    (r"\frac{dx^{\text{bn}}_{ik}}{dx_{lk}} \quad , \quad l\in", "names the derivative wanted (no value)"),
    (r"$$d\overline{x_k}/dx_{lk}$$", "inline name of a derivative (no value)"),
    (r"$$dout/dx^{\text{bn}}_{jk}$$", "inline name of the upstream gradient (no value)"),
    (r"\frac{d}{dx_{lk}} \frac{\sum_{i=1}^N (x_{ik}-\overline{x_k})^2}{N}", "the variance's definition written under the derivative (the chain's first member)"),
    (r"= \frac{2 \big((x_{lk}-\overline{x_k})-\frac{1}{N} \sum_{i=1}^N (x_{ik}-\overline{x_k}) \big)}{N}", "holds (an intermediate member of the variance chain); left out for the 30% cap"),
    (r"\frac{dout}{dx^{\text{bn}}\_{jk}} \cdot \gamma_k \cdot\Bigg(", "holds (the inner gradient substituted in the sum); left out for the 30% cap"),
    (r"= \sum_{j=1}^N \Big( \frac{dout}{dx^{\text{bn}}\_{jk}} \cdot \frac{dx\_{jk}^{\text{bn}}}{d\gamma_{k}} \Big)", "the chain rule for gamma (holds), scored with its last member (claim dgamma)"),
]

# ---------------------------------------------------------------- attention_backprop_example_en
ATT = [
    ("dV_mat", r"\frac{\partial L}{\partial V} = \begin{bmatrix}",
     "O = PV (3 x 3): dL/dv_ij = sum_m p_mi dL/do_mj; the matrix's first two rows are right, but its third row writes p_31 dL/do_31 + p_32 dL/do_32 + p_33 dL/do_33 in all three columns instead of p_13 dL/do_1j + p_23 dL/do_2j + p_33 dL/do_3j; refuted (drawn Q, K, V and a drawn non-linear loss)"),
    ("dV", r"\frac{\partial L}{\partial V} = P^T \frac{\partial L}{\partial O}",
     "dL/dV = P^T dL/dO (dL/dO laid out like O); holds (3x3, and Q n x d, K and V m x d, m x dv at 4,5,2,3 and 2,3,4,2)"),
    ("dP", r"\end{bmatrix} = \frac{\partial L}{\partial O}V^T",
     "dL/dP = dL/dO V^T (P a free variable); holds"),
    ("dp11", r"= p_{11} - p_{11}^2",
     "P the row-wise softmax of S = QK^T (scaling dropped, as the page says): every member of the chain equals dp_11/ds_11 = p_11 - p_11^2; holds"),
    ("ds11", r"\frac{\partial L}{\partial s_{11}} = \frac{\partial L}{\partial p_{11}}(p_{11} - p_{11}^2)",
     "dL/ds_11 = dL/dp_11 (p_11 - p_11^2) + dL/dp_12 (-p_11 p_12) + dL/dp_13 (-p_11 p_13); holds"),
    ("dS1_jac", r"\frac{\partial L}{\partial S_{1}} = \frac{\partial L}{\partial P_{1}} \begin{bmatrix}",
     "the matrix's diagonal writes p_22(1 - p_22) and p_33(1 - p_33) (entries of rows 2 and 3 of P) where the softmax Jacobian of row 1 has p_12(1 - p_12) and p_13(1 - p_13); dL/dP_1 times it is not dL/dS_1 (the page's own rows for dL/ds_12, dL/ds_13 have the right entries); refuted"),
    ("jac_id", r"\end{bmatrix} - P_1^T P_1",
     "the same matrix (diagonal p_11(1-p_11), p_22(1-p_22), p_33(1-p_33)) set equal to diag(P_1) - P_1^T P_1, whose diagonal is p_11(1-p_11), p_12(1-p_12), p_13(1-p_13); refuted (the right side is the true Jacobian, the left is not)"),
    ("dS", r"= \frac{\partial L}{\partial P} \circ P - ROW\_SUM(\frac{\partial L}{\partial O} \circ O) \circ P",
     "ROW_SUM(dL/dO o O) read as the column of row sums, broadcast along each row of P by the last o: dL/dS = dL/dP o P - ROW_SUM(dL/dO o O) o P; holds (all sizes)"),
    ("dQ", r"\frac{\partial L}{\partial Q} = \frac{\partial L}{\partial S}K",
     "S = QK^T: dL/dQ = dL/dS K; holds"),
]
ATT_DIRS = [
    ("# Backward Pass\n", "<!-- symbp: layer=attention seq=3 dim=3 names: Q=query K=key V=value S=scores P=weights O=output L=loss -->"),
]
ATT_EXCL = [
    (r"\text{Attention}(Q, K, V) = \text{softmax}(\frac{QK^T}{\sqrt{head\_dim}})V", "forward definition"),
    ("Q = \\begin{bmatrix}\nq_{11}", "forward definition (the query matrix)"),
    ("K = \\begin{bmatrix}\nk_{11}", "forward definition (the key matrix)"),
    ("V = \\begin{bmatrix}\nv_{11}", "forward definition (the value matrix)"),
    (r"QK^T = S = \begin{bmatrix}", "forward definition (the scores, written out)"),
    (r"P = \text{softmax}(S) = \begin{bmatrix}", "forward definition (the softmax, written out; repeated later)"),
    (r"O = PV = \begin{bmatrix}", "forward definition (the output, written out; repeated later)"),
    ("\\frac{\\partial L}{\\partial O} = \\begin{bmatrix}\n", "definition of the upstream gradient's layout"),
    (r"\frac{\partial L}{\partial v_{11}} = \frac{\partial L}{\partial o_{11}}\frac{\partial o_{11}}{\partial v_{11}}", "the chain rule for v_11 (holds); left out for the 30% cap"),
    (r"\frac{\partial o_{11}}{\partial v_{11}} = p_{11}", "holds; left out for the 30% cap"),
    (r"\frac{\partial o_{21}}{\partial v_{11}} = p_{21}", "holds; left out for the 30% cap"),
    (r"\frac{\partial o_{31}}{\partial v_{11}} = p_{31}", "holds; left out for the 30% cap"),
    (r"\frac{\partial L}{\partial v_{11}} = \frac{\partial L}{\partial o_{11}}p_{11}", "holds; left out for the 30% cap"),
    (r"\frac{\partial L}{\partial s_{11}} = \frac{\partial L}{\partial p_{11}}\frac{\partial p_{11}}{\partial s_{11}}", "the chain rule for s_11 (holds); left out for the 30% cap"),
    (r"= -p_{11}p_{12}", "holds (dp_12/ds_11); left out for the 30% cap"),
    (r"= -p_{11}p_{13}", "holds (dp_13/ds_11); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial s_{12}} = ", "holds; left out for the 30% cap"),
    (r"\frac{\partial L}{\partial s_{13}} = ", "holds; left out for the 30% cap"),
    (r"\frac{\partial L}{\partial S_{1}} = \frac{\partial L}{\partial P_{1}} \circ P_1 - (\frac{\partial L}{\partial P_{1}} P_1^T) P_1", "holds (the row formula); left out for the 30% cap"),
    (r"- ROW\_SUM(\frac{\partial L}{\partial O_{1}} \circ O_1) P_1", "the row chain (every member holds); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial K} = (\frac{\partial L}{\partial S})^T Q", "holds; left out for the 30% cap"),
]

# ---------------------------------------------------------------- d2lzh_bptt_zh
BPT = [
    ("do", r"\frac{\partial L}{\partial \boldsymbol{o}_t} =  \frac{\partial \ell (\boldsymbol{o}_t, y_t)}{T \cdot \partial \boldsymbol{o}_t}.",
     "h_t = W_hx x_t + W_hh h_{t-1} (no bias, identity activation, h_0 given), o_t = W_qh h_t, L = (1/T) sum_t l(o_t, y_t), l the softmax cross entropy with label y_t: dL/do_t = (1/T) dl(o_t, y_t)/do_t; holds (d, h, q, T = 3,4,2,4; 2,3,3,3; 4,2,3,5)"),
    ("Wqh", r"= \sum_{t=1}^T \frac{\partial L}{\partial \boldsymbol{o}_t} \boldsymbol{h}_t^\top.",
     "dL/dW_qh = sum_t dL/do_t h_t^T (q x h); holds"),
    ("hT", r"= \boldsymbol{W}_{qh}^\top \frac{\partial L}{\partial \boldsymbol{o}_T}.",
     "dL/dh_T (total) = W_qh^T dL/do_T; holds"),
    ("ht", r"= \boldsymbol{W}_{hh}^\top \frac{\partial L}{\partial \boldsymbol{h}_{t+1}} + \boldsymbol{W}_{qh}^\top \frac{\partial L}{\partial \boldsymbol{o}_t}.",
     "t < T, dL/dh_t the total derivative: dL/dh_t = W_hh^T dL/dh_{t+1} + W_qh^T dL/do_t; holds"),
    ("gen", r"= \sum_{i=t}^T {\left(\boldsymbol{W}_{hh}^\top\right)}^{T-i} \boldsymbol{W}_{qh}^\top \frac{\partial L}{\partial \boldsymbol{o}_{T+t-i}}.",
     "every t from 1 to T: dL/dh_t = sum_{i=t}^T (W_hh^T)^{T-i} W_qh^T dL/do_{T+t-i}; holds"),
    ("Whx", r"= \sum_{t=1}^T \frac{\partial L}{\partial \boldsymbol{h}_t} \boldsymbol{x}_t^\top,",
     "dL/dW_hx = sum_t dL/dh_t x_t^T with the total dL/dh_t; holds"),
    ("Whh", r"= \sum_{t=1}^T \frac{\partial L}{\partial \boldsymbol{h}_t} \boldsymbol{h}_{t-1}^\top.",
     "dL/dW_hh = sum_t dL/dh_t h_{t-1}^T (h_0 the initial state); holds"),
]
BPT_DIRS = [
    ("## 方法\n", "<!-- symbp: layer=fc in=3 out=4 weight=out-in names: \\boldsymbol{x}_t=input \\boldsymbol{h}_{t-1}=input \\boldsymbol{W}_{hx}=kernel \\boldsymbol{W}_{hh}=kernel \\boldsymbol{h}_t=output \\boldsymbol{o}_t=output \\boldsymbol{W}_{qh}=kernel L=loss -->"),
]
BPT_EXCL = [
    (r"\boldsymbol{h}_t = \boldsymbol{W}_{hx} \boldsymbol{x}_t + \boldsymbol{W}_{hh} \boldsymbol{h}_{t-1},", "forward definition (hidden state)"),
    (r"\boldsymbol{o}_t = \boldsymbol{W}_{qh} \boldsymbol{h}_{t}.", "forward definition (output)"),
    (r"L = \frac{1}{T} \sum_{t=1}^T \ell (\boldsymbol{o}_t, y_t).", "definition of the loss"),
]

TABLE = {
    "vivilearns_softmax_loss_en.md": ("vsm", VSM, VSM_DIRS, VSM_EXCL),
    "vivilearns_batchnorm_en.md": ("vbn", VBN, VBN_DIRS, VBN_EXCL),
    "attention_backprop_example_en.md": ("att", ATT, ATT_DIRS, ATT_EXCL),
    "d2lzh_bptt_zh.md": ("bpt", BPT, BPT_DIRS, BPT_EXCL),
}
