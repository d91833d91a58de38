"""The sixty-third held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout63.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

# ---------------------------------------------------------------- szp06_strojove_uceni_cs
SZP = [
    ("mlp_sum_k", r"= \sum_{k=1}^{p} \textcolor{blue}{\frac{\partial E_k}{\partial w_{ji}}}",
     "MLP with xi_j = sum_i w_ji y_i (x_0 = 1 carries the bias), y_j = sigma_j(xi_j), E_k the squared error of sample k and E = (1/p) sum_k E_k (the page's MSE, its 1/p set in red; its cross entropy also carries -1/p): dE/dw_ji = (1/p) sum_k dE_k/dw_ji, not the written sum; refuted for every p >= 2 (drawn networks 3-4-2, 2-3-3-2, 3-2-2 with p = 3, 2, 4)"),
    ("mlp_chain", r"\cdot \textcolor{teal}{\frac{\partial \xi_j}{\partial w_{ji}}}",
     "one sample k: dE_k/dw_ji = dE_k/dy_j . dy_j/dxi_j . dxi_j/dw_ji, dE_k/dy_j the total derivative through the later layers (the page's backward pass); holds for every weight of every layer (logistic sigmoid with steepness lambda drawn)"),
    ("mlp_result", r"\cdot \textcolor{purple}{\sigma'_j(\xi_j)}",
     "the same row's last member: dE_k/dy_j . sigma'_j(xi_j) . y_i, y_i the output of the source neuron (x_i for the first layer); holds"),
    ("dEdy_out", r"\text{ pokud } j \in Y ;",
     "output neuron j, E_k = (1/2) sum_{j in Y} (y_j - d_kj)^2 (the page's stated assumption 'E je squared error'): dE_k/dy_j = y_j - d_kj; holds"),
    ("dEdy_hidden", r"\cdot \textcolor{forestgreen}{w_{rj}}",
     "hidden neuron j: dE_k/dy_j = sum over r in j-> of dE_k/dy_r . dy_r/dxi_r . dxi_r/dy_j = sum_r dE_k/dy_r . sigma'_r(xi_r) . w_rj (both members); holds"),
    ("conv_shared", r"\frac{\partial E_k}{\partial w_{ji}} = \sum_{rl \in \textcolor{red}{\bf \lbrack ji \rbrack}}",
     "convolutional layer as neurons sharing weights: xi_r = sum over its receptive field of w y_l + b, y_r = sigma(xi_r), [ji] the connections (r, l) that use the shared weight; dE_k/dw = sum over those connections of dE_k/dy_r . sigma'_r(xi_r) . y_l; holds (2-D layers 5x5 kernel 3x3 stride 1, 6x7 kernel 2x2 stride 2, 7x6 kernel 3x2 stride 2 with 2 input and 3 output maps; generic loss)"),
    ("maxpool", r"\frac{\partial E_k}{\partial y_i}  \text{pokud } j = \argmax_{r \in i_{\leftarrow}} y_r",
     "j feeds one max-pooling neuron i (non-overlapping windows, as the page's j-> = {i} says), y_i = max over i<- of y_r: dE_k/dy_j = dE_k/dy_i where j is the window's argmax and 0 otherwise; holds (4x4 with 2x2 windows, 6x6 with 3x3, 6x4 with 2x2; continuous draws, no ties)"),
    ("rnn_dU", r"\cdot x_{tk'} \\",
     "h_t = sigma(U x_t + W h_{t-1}), h_0 = 0, y_t = sigma(V h_t), E = sum_t sum_k (1/2)(y_tk - d_tk)^2; the bare sigma' read as sigma' at the potential of the neuron differentiated (here (U x_t + W h_{t-1})_k) and dE/dh_tk as the total derivative (the page's backward row): dE/dU_kk' = sum_t dE/dh_tk sigma' x_tk'; holds (logistic sigmoid and tanh; M,H,N,T = 2,3,2,3 / 3,2,2,4 / 2,4,3,2)"),
    ("rnn_dV", r"\cdot h_{tk'} \\",
     "dE/dV_kk' = sum_t dE/dy_tk sigma'((V h_t)_k) h_tk'; holds"),
    ("rnn_dW", r"\cdot h_{(t-1)k'} \\",
     "dE/dW_kk' = sum_t dE/dh_tk sigma'((U x_t + W h_{t-1})_k) h_{t-1,k'} (h_0 = 0); holds"),
    ("rnn_dy", r"= y_{tk} - d_{tk} \\",
     "E the squared error of the sequence: dE/dy_tk = y_tk - d_tk; holds"),
    ("rnn_dh", r"\cdot \textcolor{red}{\sigma'",
     "dE/dh_tk = sum_{k'} dE/dy_tk' sigma'((V h_t)_k') V_k'k + sum_{k'} dE/dh_{t+1,k'} sigma'((U x_{t+1} + W h_t)_k') W_k'k, the second sum empty at t = T; holds"),
]
SZP_DIRS = [
    ("**Gradient descent v MLP**", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=out-in names: y_i=input w_{ji}=kernel \\xi_j=output y_j=activation d_{kj}=target E_k=loss E=loss -->"),
    ("### Backpropagation\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: y_l=input w_{ji}=kernel \\xi_r=output y_r=activation E_k=loss -->"),
    ("Pokud $j \\in Z \\setminus Y$ a $j^{\\rightarrow}$ je max-pooling", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 names: y_j=input y_i=output E_k=loss -->"),
    ("## Rekurentní sítě", "<!-- symbp: layer=rnn in=2 hidden=3 out=2 steps=3 weight=out-in names: x_{tk'}=input h_{tk}=output y_{tk}=activation d_{tk}=target U=kernel W=kernel V=kernel E_{(x, d)}=loss -->"),
]
SZP_EXCL = [
    (r"\sigma(\xi) = \frac{1}{1 + e^{-\lambda \cdot \xi}}", "definition of the logistic sigmoid with steepness"),
    (r"\mathcal{T} = \{(\vec{x}_1, \vec{d}_1)", "definition of the training set"),
    (r"E(\vec{w}) &= \textcolor{red}{\frac{1}{p}} \sum_{k=1}^p E_k(\vec{w})", "loss definition (MSE)"),
    (r"E(\vec{w}) = -\frac{1}{p} \sum_{k=1}^p \sum_{j \in Y} d_{kj} \ln(y_j)", "loss definition (cross entropy)"),
    (r"\Delta \vec{w}^{(t)} = - \varepsilon(t) \cdot \nabla E (\vec{w}^{(t)})", "update rule"),
    (r"\Delta \vec{w}^{(t)} = - \varepsilon(t) \cdot \sum_{k \in T} \nabla E_k(\vec{w}^{(t)})", "update rule (SGD)"),
    (r"w_{ji}^{(t)} + \Delta w_{ji}^{(t)}", "update rule (first row of the gradient-descent display)"),
    (r"-\varepsilon(t) \cdot \textcolor{green}{\frac{\partial E}{\partial w_{ji}}(\vec{w}^{(t)})}", "update step (second row of the gradient-descent display)"),
    (r"\vec{h_t} = \sigma(U \cdot \vec{x}_t + W \cdot \vec{h}_{t-1})", "forward definition (RNN hidden state)"),
    (r"\vec{y_t} = \sigma(V \cdot \vec{h}_t)", "forward definition (RNN output)"),
    (r"\mathcal{T} = \{ (\bold{x}_1, \bold{d}_1)", "definition of the training set of sequences"),
    (r"E_{(\bold{x}, \bold{d})} = \sum_{t=1}^T \sum_{k=1}^N \frac{1}{2} (y_{tk} - d_{tk})^2", "loss definition (sequence squared error)"),
    (r"U_{kk'}^{(l+1)} &= U_{kk'}^{(l)} - \varepsilon(l)", "update rules for U, V, W (first three rows of the RNN gradient display)"),
]

TABLE = {
    "szp06_strojove_uceni_cs.md": ("szp", SZP, SZP_DIRS, SZP_EXCL),
}
