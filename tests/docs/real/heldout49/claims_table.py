"""The forty-ninth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout49.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- ck_groupnorm_bwd_en
GN = [
    ("gn_dbeta", r"\frac{\partial L}{\partial \beta_c} = \sum_{n,h,w} \frac{\partial L}{\partial Y_{nchw}}",
     "group norm over [N, C, H, W] with G groups, Y = gamma_c Xhat + beta_c: dL/dbeta_c = sum over n, h, w of dL/dY_{nchw}; holds (N, C, G, H, W drawn: 2,4,2,3,3; 3,6,3,2,2; 1,4,1,2,3; a drawn non-linear loss of Y)"),
    ("gn_dgamma", r"\frac{\partial L}{\partial \gamma_c} = \sum_{n,h,w} \frac{\partial L}{\partial Y_{nchw}} \cdot \hat{X}_{nchw}",
     "dL/dgamma_c = sum over n, h, w of dL/dY_{nchw} Xhat_{nchw}; holds"),
    ("gn_dx", r"\frac{\partial L}{\partial X_{nchw}} = \frac{\gamma_c}{\sqrt{\sigma_{ng}^2 + \epsilon}}",
     "the row's sums of dL/dbeta_{c'} and dL/dgamma_{c'} run over the whole batch (the page's own dL/dbeta_c sums over n) and its factor gamma_c is pulled out of a sum whose terms carry gamma_{c'}; the true gradient is (1/sigma_{ng}) [gamma_c dY_{nchw} - mean over the group (c' in S_g, h, w) of gamma_{c'} dY_{nc'hw} - Xhat_{nchw} mean of gamma_{c'} dY_{nc'hw} Xhat_{nc'hw}], per sample n; the row differs for N >= 2 and for unequal gammas (eps = 1e-5 both sides); refuted (also at N = 1 with drawn gammas)"),
]
GN_DIRS = [
    ("### Gradient Computations\n", "<!-- symbp: layer=groupnorm batch=2 channels=4 groups=2 input=3x3 names: X=input Y=output \\hat{X}=normalized \\mu_{ng}=mean \\sigma_{ng}^2=variance \\gamma_c=scale \\beta_c=shift L=loss -->"),
]
GN_EXCL = [
    (r"S_g = \{c : c \text{ belongs to group } g\}", "definition of the channels of a group"),
    (r"\mu_{ng} = \frac{1}{(C/G) \cdot H \cdot W} \sum_{c \in S_g} \sum_{h,w} X_{nchw}", "forward definition (mean)"),
    (r"\sigma_{ng}^2 = \frac{1}{(C/G) \cdot H \cdot W}", "forward definition (variance)"),
    (r"\hat{X}_{nchw} = \frac{X_{nchw} - \mu_{ng}}{\sqrt{\sigma_{ng}^2 + \epsilon}}", "forward definition (normalised input)"),
    (r"Y_{nchw} = \gamma_c \cdot \hat{X}_{nchw} + \beta_c", "forward definition (output)"),
]

# ---------------------------------------------------------------- cs6180_lstm_bptt_en
LSTM = [
    ("lstm_step1", r"\frac{\partial L}{\partial W_f} = \frac{\partial L}{\partial \vec{f}^{(1)}} \cdot \frac{\partial \vec{f}^{(1)}}{\partial W_f} + \frac{\partial L}{\partial \vec{f}^{(2)}}",
     "standard LSTM (f = sigma(W_f x + U_f h_prev + b_f), likewise i, o, c-tilde = tanh(...), c = f*c_prev + i*c-tilde, h = o*tanh(c)), two steps, L a drawn loss of h^{(1)} and h^{(2)}; dL/df^{(t)} read as the total derivative, df^{(t)}/dW_f as the local one (h^{(t-1)} held): dL/dW_f = sum over t of (dL/df^{(t)} * sigma'(z_f^{(t)})) x^{(t)T}; holds (in 3 hidden 2; in 2 hidden 3; in 4 hidden 4; c^{(0)} drawn and zero)"),
    ("lstm_df1", r"\frac{\partial L}{\partial \vec{f}^{(1)}} = \frac{\partial L}{\partial \vec{c}^{(1)}} \cdot \frac{\partial \vec{c}^{(1)}}{\partial \vec{f}^{(1)}}",
     "f^{(1)} reaches L only through c^{(1)}: dL/df^{(1)} = dL/dc^{(1)} dc^{(1)}/df^{(1)} = dL/dc^{(1)} * c^{(0)} (total dL/dc^{(1)}); holds"),
    ("lstm_expand", r"\frac{\partial L}{\partial W_f} = \frac{\partial L}{\partial \vec{c}^{(1)}} \cdot \frac{\partial \vec{c}^{(1)}}{\partial \vec{f}^{(1)}} \cdot \frac{\partial \vec{f}^{(1)}}{\partial W_f}",
     "the same sum with dL/df^{(t)} = dL/dc^{(t)} * c^{(t-1)} (total dL/dc^{(t)}, local df/dW_f); holds"),
    ("lstm_dc1", r"\frac{\partial L}{\partial \vec{c}^{(1)}} = \frac{\partial L}{\partial \vec{h}^{(1)}} \cdot \frac{\partial \vec{h}^{(1)}}{\partial \vec{c}^{(1)}} + \frac{\partial L}{\partial \vec{c}^{(2)}}",
     "dL/dh^{(1)} and dL/dc^{(2)} total (dL/dh^{(1)} through the loss at step 1 and through every gate of step 2), dh^{(1)}/dc^{(1)} and dc^{(2)}/dc^{(1)} the local Jacobians diag(o^{(1)} (1 - tanh^2 c^{(1)})) and diag(f^{(2)}): dL/dc^{(1)} = dL/dh^{(1)} * o^{(1)} (1 - tanh^2 c^{(1)}) + dL/dc^{(2)} * f^{(2)}; holds"),
    ("lstm_dhdc", r"\frac{\partial \vec{h}^{(1)}}{\partial \vec{c}^{(1)}} = \vec{o}^{(1)} \odot \left(1 - \tanh^2(\vec{c}^{(1)})\right)",
     "h = o * tanh(c) with o fixed: the Jacobian dh/dc is diagonal with entries o (1 - tanh^2 c), the vector written; holds (the Jacobian's off-diagonal entries are checked to be zero)"),
    ("lstm_path", r"\cdot \vec{o}^{(10)} \odot \left(1-\tanh^2(\vec{c}^{(10)})\right) \cdot \prod_{i=3}^{10} \vec{f}^{(i)}",
     "ten steps, L^{(10)} a drawn loss of h^{(10)}, dL^{(10)}/dc^{(2)} the gradient (total derivative) that the row's left side names: the row keeps only the cell-state path, dL/dh^{(10)} * o^{(10)} (1 - tanh^2 c^{(10)}) * prod f^{(3..10)}, and drops every path through h^{(2)}, ..., h^{(9)} into the later gates and candidates (c^{(t)} feeds h^{(t)}, which feeds the gates of step t+1); with drawn LSTM weights the two differ; refuted (in 3 hidden 2, in 2 hidden 3; the row is right only for the cell-path term)"),
]
LSTM_DIRS = [
    ("## 1. Computing Gradients in LSTMs\n", "<!-- symbp: layer=lstm in=3 hidden=2 steps=2 names: W_f=kernel U_f=kernel \\vec{b}_f=bias \\vec{h}^{(1)}=output \\vec{h}^{(2)}=output L=loss -->"),
    ("## 2. Concrete Numerical Example: Long-Range Dependencies\n", "<!-- symbp: layer=lstm in=3 hidden=2 steps=10 names: \\vec{h}^{(10)}=output L^{(10)}=loss -->"),
]
LSTM_EXCL = [
    ("$$\\rightarrow \\frac{\\partial L}{\\partial \\vec{h}^{(1)}}$$", "an arrow of the computation order, no equation"),
    ("$$\\rightarrow \\frac{\\partial L}{\\partial \\vec{c}^{(2)}}$$", "an arrow of the computation order, no equation"),
    ("$$\\rightarrow \\frac{\\partial L}{\\partial \\vec{c}^{(1)}}$$", "an arrow of the computation order, no equation"),
    (r"\vec{c}^{(0)} = \vec{0}", "initial condition (definition)"),
    (r"\vec{c}^{(1)} = \vec{f}^{(1)} \odot \vec{c}^{(0)} + \vec{i}^{(1)} \odot \tilde{c}^{(1)}", "forward definition"),
    (r"\vec{c}^{(1)} = 1 \times 0 + 0 \times \tilde{c}^{(1)} = \vec{0}", "forward value with the gate values given (holds), no derivative"),
    (r"\vec{c}^{(2)} = \vec{f}^{(2)} \odot \vec{c}^{(1)} + \vec{i}^{(2)} \odot \tilde{c}^{(2)}", "forward definition"),
    (r"\vec{c}^{(2)} = 1 \times 0 + 1 \times \tilde{c}^{(2)} = \tilde{c}^{(2)}", "forward value (holds), no derivative"),
    (r"\vec{c}^{(3)} = \vec{f}^{(3)} \odot \vec{c}^{(2)} + \vec{i}^{(3)} \odot \tilde{c}^{(3)} = \tilde{c}^{(2)}", "forward value (holds), no derivative"),
    (r"\frac{\partial \vec{c}^{(10)}}{\partial \vec{c}^{(9)}} \cdot ... \cdot \frac{\partial \vec{c}^{(3)}}{\partial \vec{c}^{(2)}}", "the same cell-path product written with the local Jacobians; scored once, at the next row (claim lstm_path)"),
    (r"\prod_{i=3}^{10} \vec{f}^{(i)} \approx (0.95)^8 \approx 0.663", "a number (a product of assumed gate values), no derivative"),
    (r"(0.25)^8 \approx 1.5 \times 10^{-5}", "a number, no derivative"),
]

# ---------------------------------------------------------------- bn3monkey_rnn_basic_ko
RNN = [
    ("rnn_dU", r"= e_{h}(t)x(t)^{T}",
     "column vectors, p(t) = U x(t) + W h(t-1) + b, h = f(p) (tanh), q(t) = V h(t) + c, y = g(q) (identity and sigmoid drawn), E = (1/2) sum_t ||y(t) - t(t)||^2, e_h(t) = dE/dp(t) (total); the row names one time step t, read as the gradient of E with respect to the copy of U used at step t (for T = 1 the whole gradient): e_h(t) x(t)^T; holds (T = 3 and T = 1; hidden 3 input 2 output 2, hidden 2 input 3 output 2, hidden 3 input 3 output 3)"),
    ("rnn_dV", r"= e_{o}(t)h(t)^{T}",
     "the same reading: dE/dV at step t = e_o(t) h(t)^T; holds"),
    ("rnn_dW", r"= e_{o}(t)h(t-1)^{T}",
     "W enters through p(t), so dE/dW at step t = e_h(t) h(t-1)^T (the row's own middle member dE/dp(t) ...); the last member puts the output error e_o(t) in place of e_h(t): its shape is (output x hidden), not W's (hidden x hidden), where the sizes differ, and its values differ where they agree; refuted"),
    ("rnn_db", r"({{\delta p(t)} \over {\delta b}}) = e_{h}(t)",
     "dE/db at step t = e_h(t); holds"),
    ("rnn_dc", r"({{\delta q(t)} \over {\delta c}}) = e_{o}(t)",
     "dE/dc at step t = e_o(t); holds"),
    ("rnn_eo", r"e_{o}(t) = g'(q(t)) (y(t)  - t(t))",
     "q(t) reaches E only through y(t): e_o(t) = g'(q(t)) * (y(t) - t(t)) entrywise; holds (g identity, as the sine-wave model says, and g sigmoid)"),
]
RNN_DIRS = [
    ("## 5.1.2 과거의 은닉층", "<!-- symbp: layer=rnn in=2 hidden=3 out=2 steps=3 weight=out-in names: x(t)=input h(t)=output y(t)=activation U=kernel W=kernel V=kernel b=bias c=bias E=loss -->"),
    ("## 5.1.3 Backpropagation Through  Time", "<!-- symbp: layer=rnn in=2 hidden=3 out=2 steps=3 weight=out-in names: x(t)=input h(t)=output y(t)=activation t(t)=target U=kernel W=kernel V=kernel b=bias c=bias E=loss -->"),
]
RNN_EXCL = [
    (r"h(t) = f(Ux(t) + Wh(t-1) + b)", "forward definition"),
    (r"$$ y(t)  = g(Vh(t) + c) $$", "forward definition (stated twice)"),
    (r"E = E(U,V,W,b,c)", "the error as a function of the parameters (definition)"),
    (r"e_{h}(t) = {{\delta E} \over {\delta p(t)}}", "definition of the hidden error term"),
    (r"e_{o}(t) = {{\delta E} \over {\delta q(t)}}", "definition of the output error term"),
    (r"y(t) = Vh(t) + c , g(x) = x", "forward definition of the sine-wave model"),
    (r"E = {{1} \over {2}}\sum^{T}_{t=1}||y(t)-t(t)||^{2}", "loss definition"),
    (r"e_{h}(t) = f'(p(t)) V^{T} e_{0}(t)", "names e_{0}(t), which the page never defines (read as e_o it holds only at the last step, without the recurrent term that the next paragraph adds); the verdict would hang on the reading"),
    (r"e_{h}(t-1) = { {\delta E}\over{\delta p(t)} } {{\delta p(t)} \over {\delta p(t-1)}}", "the page's BPTT recursion: it follows only the error coming back from step t (not the output error at t-1), and its products e_h(t) W ... multiply a column e_h by W from the right; true or false according to the reading of both, so left out"),
    (r"e_{h}(t-1) = e_h(t) {{\delta p(t)} \over {\delta h(t-1)}}", "the same recursion (see above)"),
    (r"e_{h}(t-1) = e_h(t) (Wf'(p(t-1)))", "the same recursion (see above)"),
    (r"e_{h}(t-z-1) = e_h(t-z) (Wf'(p(t-z-1)))", "the same recursion (see above)"),
]

# ---------------------------------------------------------------- bn3monkey_logreg_ko
LOG = [
    ("lr_sig", r"\sigma'(x) = \sigma(x)(1-\sigma(x))",
     "sigma as the page defines it, sigma(x) = 1/(1+e^x) (e^x, not e^{-x}): its derivative is -e^x/(1+e^x)^2 = -sigma(x)(1-sigma(x)), the negative of the row; refuted (drawn x; the row holds for the logistic sigmoid 1/(1+e^{-x}) that the word 'sigmoid' names)"),
    ("lr_w_chain", r"= \sum_{n=1}^{N} {{\delta E_{n}} \over {\delta y_{n}}}{{\delta y_{n}} \over {\delta w}}(\text{by chain rule})",
     "E the summed cross entropy, y_n = sigma(w^T x_n + b), E_n the n-th term: the right side is dE/dw (chain rule, for either sigma), but the left side is eta dE/dw with eta the learning rate (0.1 or 0.01, the prose says); they differ by the factor eta; refuted (eta = 0.1 and 0.01, drawn data)"),
    ("lr_w_last", r"= - \sum_{n=1}^{N} (t_{n} - y_{n})x_{n}",
     "the chain's last member against its left side eta dE/dw: refuted (the factor eta); against dE/dw alone it holds only for the logistic sigmoid: with the page's sigma(x) = 1/(1+e^x), dE/dw = +sum (t_n - y_n) x_n and this member has the wrong sign (the page's second and third members, with +y(1-y), are the ones that fit its sigma); refuted under every reading that keeps the row's eta"),
    ("lr_b", r"\eta {{\delta E(w,b)} \over {\delta b}} = - \sum_{n=1}^{N} (t_{n} - y_{n})",
     "eta dE/db against -sum (t_n - y_n) = dE/db for the logistic sigmoid: they differ by the factor eta (0.1, 0.01); refuted (and with the page's sigma the sign is also wrong)"),
]
LOG_DIRS = [
    ("### 시그모이드 함수", "<!-- symbp: layer=activation name=sigmoid names: x=input \\sigma=output -->"),
    ("# 3.4.2.2 경사하강법", "<!-- symbp: layer=fc in=3 out=1 batch=4 weight=in-out names: x_{n}=input x_n=input w=kernel b=bias y_{n}=activation y_n=activation t_{n}=target t_n=target E=loss -->"),
]
LOG_EXCL = [
    (r"\sigma(x) = {{1} \over {1+e^x}}", "definition of sigma (as written, with e^x)"),
    (r"p(C=1|x) = \sigma(w^{T}x+b)", "forward definition"),
    (r"p(C=0|x) = 1 - p(C=1|x)", "definition"),
    (r"y = \sigma (w^{T}+b)", "forward definition (with the x missing)"),
    (r"p(C=t|x) = y^{t}(1-y)^{1-t}", "definition"),
    (r"\prod_{n=1}^{N} p(C=t_n|x_n) = L(w,b)", "likelihood (definition)"),
    (r"E(w,b) = -\log{L(w,b)} = - \sum_{n=1}^{N}", "loss definition"),
    (r"w^{(k+1)} = w^{(k)} - \eta {{\delta E(w,b)} \over {\delta w}}", "update rule (assignment)"),
    (r"b^{(k+1)} = b^{(k)} - \eta {{\delta E(w,b)} \over {\delta b}}", "update rule (assignment)"),
    (r"= \sum_{n=1}^{N} ({{t_{n}} \over {y_{n}}} - {{1-t_n}\over{1-y_n}})y_n(1-y_n)x_n", "a middle member of the chain whose verdict is scored at its first and last rows (claims lr_w_chain, lr_w_last); against eta dE/dw refuted, against dE/dw it holds only with the page's sigma"),
    (r"= \sum_{n=1}^{N} (t_{n}(1-y_{n}) - y_{n}(1-t_{n}))x_{n}", "a middle member (see above)"),
    (r"w^{(k+1)} = w^{(k)} + \sum_{n=1}^{N} (t_{n} - y_{n})x_{n}", "update rule (assignment; eta dropped)"),
    (r"b^{(k+1)} = b^{(k)} + \sum_{n=1}^{N} (t_{n} - y_{n})", "update rule (assignment; eta dropped)"),
]

# ---------------------------------------------------------------- llmtutorial_dropout_grad_zh
DRP = [
    ("drop_chain", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial x_i}",
     "inverted dropout y_i = m_i x_i / (1-p), mask fixed, L a drawn non-linear loss of y: y_i depends on x_i alone, so dL/dx_i = dL/dy_i dy_i/dx_i; holds (n = 4, 6, 9; p = 0.5, 0.3, 0.8; drawn masks with both values)"),
    ("drop_local", r"\frac{\partial y_i}{\partial x_i} = \frac{m_i}{1-p}",
     "dy_i/dx_i = m_i/(1-p); holds"),
    ("drop_full", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i} \cdot \frac{m_i}{1-p}",
     "dL/dx_i = dL/dy_i m_i/(1-p); holds"),
    ("drop_kept", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i} \cdot \frac{1}{1-p}",
     "for a kept unit (m_i = 1, the case the heading states): dL/dx_i = dL/dy_i / (1-p); holds at every kept unit"),
    ("drop_dropped", r"\frac{\partial L}{\partial y_i} \cdot 0 = 0",
     "for a dropped unit (m_i = 0): dL/dx_i = dL/dy_i . 0 = 0; holds at every dropped unit"),
    ("drop_vec", r"\frac{\partial L}{\partial \mathbf{x}} = \frac{\partial L}{\partial \mathbf{y}} \odot \frac{\mathbf{m}}{1-p}",
     "vector form with the entrywise product: dL/dx = dL/dy * m/(1-p); holds"),
    ("drop_dy", r"dy_i = \frac{\partial y_i}{\partial x_i} dx_i = \frac{m_i}{1-p} dx_i",
     "the differential of y_i = m_i x_i/(1-p): dy_i = (m_i/(1-p)) dx_i (checked as the Jacobian dy/dx = diag(m/(1-p))); holds"),
    ("drop_num", r"\frac{\partial L}{\partial \mathbf{x}} = [0.2, 0, 0.6, 0]^T",
     "the worked example p = 0.5, x = [2, 4, 6, 8], m = [1, 0, 1, 0], dL/dy = [0.1, 0.2, 0.3, 0.4] (L = sum of dL/dy . y): dL/dx = [0.2, 0, 0.6, 0]; holds (autograd)"),
]
DRP_DIRS = [
    ("## 一、问题设定", "<!-- symbp: layer=dropout features=4 names: x=input y=output m=mask L=loss -->"),
    ("## 八、具体数值例子", "<!-- symbp: layer=dropout features=4 names: \\mathbf{x}=input \\mathbf{y}=output \\mathbf{m}=mask L=loss -->"),
]
DRP_EXCL = [
    (r"\frac{x_i}{1-p} & \text{with probability } 1-p", "forward definition (cases)"),
    ("$$\ny_i = \\frac{m_i \\cdot x_i}{1-p}\n$$", "forward definition (stated several times)"),
    (r"\frac{\partial y_i}{\partial x_i} = \frac{\partial}{\partial x_i}\left(\frac{m_i \cdot x_i}{1-p}\right)", "the derivative to be taken, written out (a restatement of the forward)"),
    ("\\frac{\\partial L}{\\partial y_1} \\cdot \\frac{m_1}{1-p} \\\\", "the vector form written entry by entry (holds); left out for the 30% cap"),
    (r"y_i = f(x_i) = \frac{m_i \cdot x_i}{1-p}", "forward definition"),
    (r"L = L(y_1, y_2, ..., y_n)", "loss as a function of y (definition)"),
    (r"dL = \sum_{i=1}^{n} \frac{\partial L}{\partial y_i} dy_i", "the total differential (a calculus reminder)"),
    (r"dL = \sum_{i=1}^{n} \frac{\partial L}{\partial y_i} \cdot \frac{m_i}{1-p} dx_i", "holds (the differential substituted); left out for the 30% cap"),
    (r"dL = \sum_{i=1}^{n} \frac{\partial L}{\partial x_i} dx_i", "the definition of the total differential"),
    (r"\frac{m_i \cdot x_i}{0.5} = 2 m_i x_i", "forward value with p = 0.5"),
    (r"y_1 = 2 \times 1 \times 2 = 4", "forward value"),
    (r"y_2 = 2 \times 0 \times 4 = 0", "forward value"),
    (r"y_3 = 2 \times 1 \times 6 = 12", "forward value"),
    (r"y_4 = 2 \times 0 \times 8 = 0", "forward value"),
    (r"\mathbf{y} = [4, 0, 12, 0]^T", "forward value"),
    (r"\frac{\partial L}{\partial \mathbf{y}} = [0.1, 0.2, 0.3, 0.4]^T", "the given upstream gradient (data)"),
    (r"\frac{\partial L}{\partial x_1} = 0.1 \times \frac{1}{0.5} = 0.1 \times 2 = 0.2", "holds (worked entry); left out for the 30% cap, the vector is scored (claim drop_num)"),
    (r"\frac{\partial L}{\partial x_2} = 0.2 \times \frac{0}{0.5} = 0.2 \times 0 = 0", "holds (worked entry); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial x_3} = 0.3 \times \frac{1}{0.5} = 0.3 \times 2 = 0.6", "holds (worked entry); left out for the 30% cap"),
    (r"\frac{\partial L}{\partial x_4} = 0.4 \times \frac{0}{0.5} = 0.4 \times 0 = 0", "holds (worked entry); left out for the 30% cap"),
    (r"y_i = m_i \cdot x_i", "forward definition without scaling"),
    (r"E[y_i] = E[m_i] \cdot x_i = (1-p) \cdot x_i", "an expectation, no derivative"),
    (r"E[y_i] = E[m_i] \cdot \frac{x_i}{1-p} = (1-p) \cdot \frac{x_i}{1-p} = x_i", "an expectation, no derivative"),
    (r"E\left[\frac{\partial L}{\partial x_i}\right]", "an expectation over the mask (treats dL/dy_i as independent of m), not a gradient of the layer"),
    (r"y_i = x_i \quad \text{(不丢弃，不缩放)}", "forward definition at test time"),
    ("$$\n\\frac{\\partial L}{\\partial x_i} = \\frac{\\partial L}{\\partial y_i}\n$$", "holds (test mode, y = x); left out for the 30% cap"),
]

TABLE = {
    "ck_groupnorm_bwd_en.md": ("gn", GN, GN_DIRS, GN_EXCL),
    "cs6180_lstm_bptt_en.md": ("lstm", LSTM, LSTM_DIRS, LSTM_EXCL),
    "bn3monkey_rnn_basic_ko.md": ("rnn", RNN, RNN_DIRS, RNN_EXCL),
    "bn3monkey_logreg_ko.md": ("logr", LOG, LOG_DIRS, LOG_EXCL),
    "llmtutorial_dropout_grad_zh.md": ("drp", DRP, DRP_DIRS, DRP_EXCL),
}
