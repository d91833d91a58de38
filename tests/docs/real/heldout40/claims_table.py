"""The fortieth held-out set's claims: per document, its claims (id, a fragment of the row that identifies it,
why), the README-style directives (one per section: the text before which each goes, the line) and the displays
left out of the score with the reason.  Claims are listed in document order; a fragment holds no ``&``.  Data
only; the truth is computed by ``truth_heldout40.py`` (numpy loops and torch autograd, not symbp), whose
function for each document ``TABLE`` names.  A partial set (see SOURCES.txt): three documents, so the 30% cap
cannot hold; the truth script passes cap=0.5."""

DCV = [
    ("dK", r"\frac{\partial L}{\partial K_{u,v}} = \sum_{i,j} \frac{\partial L}{\partial Y_{i,j}}\, X_{i+u,j+v}",
     "Y = valid cross-correlation of X with K, stride 1 (the note's conv2d): dL/dK[u,v] = sum_{i,j} dL/dY[i,j] X[i+u,j+v]; checked against autograd at several input / kernel sizes (also non-square) with a drawn non-linear loss; holds"),
    ("dX", r"\frac{\partial L}{\partial X_{i+u,j+v}} \mathrel{+}= \frac{\partial L}{\partial Y_{i,j}}\, K_{u,v}",
     "read as an accumulation over all (i, j, u, v) (the note's code does dimg[r:r+kh, c:c+kw] += dout[i,j] * kernel): dL/dX[p,q] = sum over i+u=p, j+v=q of dL/dY[i,j] K[u,v]; equals autograd's input gradient; holds"),
]
DCV_DIRS = [
    ("**Backpropagation through convolution.**", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: X=input K=kernel Y=output L=loss -->"),
]
DCV_EXCL = []

P28 = [
    ("dK_ab", r"\frac{\partial L}{\partial K_{a,b}}",
     "Y = valid cross-correlation of X with K (stride 1, as the page's worked example): dL/dK[a,b] = sum_{i,j} dL/dY[i,j] X[i+a,j+b]; autograd at several sizes; holds"),
]
P28_DIRS = [
    ("## 卷积层反向传播", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=1 padding=0 names: X=input K=kernel Y=output L=loss -->"),
]
P28_EXCL = [
    ("y\n=\n\\max_{i\\in\\text{window}}x_i", "definition of max pooling (forward)"),
    ("$$\ny=x+F(x)\n$$", "definition of the residual block (forward)"),
    ("I\n+\n\\frac{\\partial F}{\\partial x}", "holds (Jacobian of x + F(x) is I + dF/dx; checked in truth_heldout40.py with a drawn tanh layer as F), but no directive layer covers a residual block, so it is left out of the score"),
]

DBP = [
    ("dyhat", "∂L/∂ŷ = −2(y − ŷ)",
     "L = (y - y_hat)^2 for one example: dL/dy_hat = -2 (y - y_hat); holds (autograd, drawn parameters and data, and at the page's initialisation)"),
    ("dw11_2", "∂L/∂w11² = ∂L/∂ŷ · O11",
     "y_hat = w11² O11 + w21² O12 + b21: dL/dw11² = dL/dy_hat O11; holds"),
    ("dw22_1", "∂L/∂w22¹ = ∂L/∂ŷ · w21² · x_i2",
     "w_jk from source j to destination k: w22¹ joins x_i2 to O12, and O12 feeds y_hat through w21², so dL/dw22¹ = dL/dy_hat w21² x_i2 (linear activations); holds"),
]
DBP_DIRS = [
    ("## 6. The Backward Pass", "<!-- symbp: layer=fc in=2 out=1 names: O11=input w11²=kernel b21=bias ŷ=output y=target L=loss -->"),
]
DBP_EXCL = [
    ("$$O11 = w11¹·x_i1 + w21¹·x_i2 + b11$$", "forward definition"),
    ("$$O12 = w12¹·x_i1 + w22¹·x_i2 + b12$$", "forward definition"),
    ("$$ŷ = O21 = w11²·O11 + w21²·O12 + b21$$", "forward definition"),
    ("$$L = (y − ŷ)²$$", "definition of the loss"),
    ("∂L/∂w21² = ∂L/∂ŷ · O12", "holds; left out of the score to keep this document's share down (partial set)"),
    ("∂L/∂b21  = ∂L/∂ŷ$$", "holds; left out (partial set, share)"),
    ("∂L/∂w11¹ = ∂L/∂ŷ · w11² · x_i1", "holds; left out (partial set, share)"),
    ("∂L/∂w21¹ = ∂L/∂ŷ · w11² · x_i2", "holds; left out (partial set, share)"),
    ("∂L/∂b11  = ∂L/∂ŷ · w11²", "holds; left out (partial set, share)"),
    ("∂L/∂w12¹ = ∂L/∂ŷ · w21² · x_i1", "holds; left out (partial set, share)"),
    ("∂L/∂b12  = ∂L/∂ŷ · w21²", "holds; left out (partial set, share)"),
]

TABLE = {
    "deepcontent_conv_backprop_en.md": ("dcv", DCV, DCV_DIRS, DCV_EXCL),
    "cs229_p28_cnn_zh.md": ("p28", P28, P28_DIRS, P28_EXCL),
    "deepcontent_backprop_part1_en.md": ("dbp", DBP, DBP_DIRS, DBP_EXCL),
}
