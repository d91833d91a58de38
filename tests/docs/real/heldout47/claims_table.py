"""The forty-seventh held-out set's claims: per document, its claims (id, a fragment of the row
that identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&``.  Data only; the truth is computed by
``truth_heldout47.py`` (numpy and torch autograd, not symbp), whose function for each document
``TABLE`` names."""

# ---------------------------------------------------------------- cma_conv2d_backward_en
CONV = [
    ("dW", r"\frac{\partial \mathcal{L}}{\partial W_{c_{out}, c_{in}, i, j}} = \sum_{h,w} \delta_{c_{out}, h, w} \cdot X_{c_{in},\, hs+i-p,\, ws+j-p}",
     "one image, Y_{c_out,h,w} = b_{c_out} + sum_{c_in,i,j} W_{c_out,c_in,i,j} X_{c_in, hs+i-p, ws+j-p} (cross-correlation, indices from 0, zero padding p read as zeros outside X), delta = dL/dY: dL/dW_{c_out,c_in,i,j} = sum_{h,w} delta_{c_out,h,w} X_{c_in,hs+i-p,ws+j-p} (padded entries zero); holds (input 5x5 k 3 s 1 p 1, 5x5 k 3 s 2 p 1, 6x6 k 2 s 2 p 0, 7x6 k 3 s 2 p 0; 2 and 1 input channels, 3 and 2 filters)"),
    ("db", r"\frac{\partial \mathcal{L}}{\partial b_{c_{out}}} = \sum_{h,w} \delta_{c_{out}, h, w}",
     "dL/db_{c_out} = sum over the output positions of delta_{c_out,h,w}; holds"),
    ("dX", r"\delta_{c_{out},\, \lfloor(h'+p-i)/s\rfloor,\, \lfloor(w'+p-j)/s\rfloor}",
     "dL/dX_{c_in,h',w'} written as sum_{c_out,i,j} W_{c_out,c_in,i,j} delta_{c_out, floor((h'+p-i)/s), floor((w'+p-j)/s)}, delta read as zero outside the output grid: at s = 1 the floors are exact and the row is the true gradient, but for s >= 2 the true gradient keeps only the (i, j) with s dividing h'+p-i and w'+p-j (the output that actually read X_{h',w'} through W_{i,j}); the floor also adds the terms where it does not divide; refuted (holds at stride 1, fails at stride 2 for every size drawn)"),
]
CONV_DIRS = [
    ("## Conv2D backward pass (gradient computation)\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 padding=1 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Y=output \\delta=output_grad \\mathcal{L}=loss layout: X=CHW W=OIHW Y=CHW -->"),
]
CONV_EXCL = [
    (r"y_{h,w} = \text{bias} + \sum_{i=0}^{k-1} \sum_{j=0}^{k-1} W_{i,j} \cdot x_{h \cdot s + i - p,\; w \cdot s + j - p}", "forward definition (one channel)"),
    (r"Y_{c_{out}, h, w} = b_{c_{out}} + \sum_{c_{in}=0}^{C_{in}-1}", "forward definition (channels)"),
]

# ---------------------------------------------------------------- cma_pooling_backward_en
POOL = [
    ("max", r"\frac{\partial \mathcal{L}}{\partial X_{n,c,i^*, j^*}} = \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}",
     "Y_{n,c,h,w} = max over the p x p window at (hs, ws); read with windows that do not overlap (stride s = p, the 2 x 2 halving the chapter describes; an input entry then lies in one window at most), distinct drawn values: the window's argmax entry receives dL/dY_{n,c,h,w} and every other entry of the window zero; holds (4x4 p 2, 6x6 p 3, 4x6 p 2; N = 2, C = 2)"),
    ("avg", r"\frac{\partial \mathcal{L}}{\partial X_{n,c,hs+i,ws+j}} = \frac{1}{p^2} \cdot \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}",
     "Y_{n,c,h,w} = (1/p^2) sum of the p x p window at (hs, ws); with non-overlapping windows (s = p, as for max): dL/dX_{n,c,hs+i,ws+j} = (1/p^2) dL/dY_{n,c,h,w} for every 0 <= i, j < p; holds (same sizes; with s < p an entry in two windows would need the sum of both, which the row does not write: that reading is not taken)"),
]
POOL_DIRS = [
    ("## MaxPool2D\n", "<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output \\mathcal{L}=loss -->"),
    ("## AvgPool2D\n", "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 index_base=0 names: X=input Y=output \\mathcal{L}=loss -->"),
]
POOL_EXCL = [
    (r"Y_{n, c, h, w} = \max_{0 \leq i < p,\; 0 \leq j < p} X_{n, c,\; hs+i,\; ws+j}", "forward definition"),
    (r"Y_{n, c, h, w} = \frac{1}{p^2} \sum_{i=0}^{p-1} \sum_{j=0}^{p-1} X_{n, c,\; hs+i,\; ws+j}", "forward definition"),
    (r"Y_{n, c} = \frac{1}{H \cdot W} \sum_{h=0}^{H-1} \sum_{w=0}^{W-1} X_{n, c, h, w}", "forward definition (global average pooling; no gradient stated)"),
]

# ---------------------------------------------------------------- cma_batchnorm_backward_en
BN = [
    ("dgamma", r"\frac{\partial \mathcal{L}}{\partial \gamma_c} = \sum_{n,h,w} \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}} \hat{X}_{n,c,h,w}",
     "BatchNorm2D per channel, Y = gamma_c X-hat + beta_c: dL/dgamma_c = sum_{n,h,w} dL/dY X-hat; holds whatever the variance's divisor (drawn N x C x H x W = 2x3x2x2, 3x2x2x3, 2x1x3x3; eps = 1e-5)"),
    ("dbeta", r"\frac{\partial \mathcal{L}}{\partial \beta_c} = \sum_{n,h,w} \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}",
     "dL/dbeta_c = sum_{n,h,w} dL/dY; holds"),
    ("dX", r"\frac{\partial \mathcal{L}}{\partial X_{n,c,h,w}} = \frac{\gamma_c}{m\sqrt{\sigma_c^2 + \varepsilon}} \left[ m \cdot \frac{\partial \mathcal{L}}{\partial Y_{n,c,h,w}}",
     "the page normalises with its own sigma_c^2, Bessel-corrected (divided by NHW - 1), and eps = 1e-5; m = NHW. The row (gamma/(m sqrt(sigma^2+eps))) [m dL/dY - dL/dbeta - X-hat dL/dgamma] is the gradient for the biased variance (divided by m): with the page's variance the true gradient's last term carries X-hat/(m - 1) instead of X-hat/m; the two differ at every drawn size; refuted (the row would hold had the page normalised with the 1/m variance; checked: it then agrees with autograd)"),
]
BN_DIRS = [
    ("## Training-mode forward pass (per channel)\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: X=input Y=output \\hat{X}=normalized \\mu_c=mean \\sigma_c^2=variance \\gamma_c=scale \\beta_c=shift \\mathcal{L}=loss -->"),
    ("## Backward pass\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: X=input Y=output \\hat{X}=normalized \\sigma_c^2=variance \\gamma_c=scale \\beta_c=shift \\mathcal{L}=loss -->"),
]
BN_EXCL = [
    (r"\mu_c = \frac{1}{N H W} \sum_{n,h,w} X_{n,c,h,w}", "forward definition (mean)"),
    (r"\sigma_c^2 = \frac{1}{N H W - 1} \sum_{n,h,w} (X_{n,c,h,w} - \mu_c)^2", "forward definition (Bessel-corrected variance)"),
    (r"\hat{X}_{n,c,h,w} = \frac{X_{n,c,h,w} - \mu_c}{\sqrt{\sigma_c^2 + \varepsilon}}", "forward definition (normalisation)"),
    (r"Y_{n,c,h,w} = \gamma_c \hat{X}_{n,c,h,w} + \beta_c", "forward definition (scale and shift)"),
    (r"\mu_c^{\text{run}} \leftarrow (1 - m)\,\mu_c^{\text{run}} + m\,\mu_c", "running-statistics update, no derivative"),
    (r"\sigma_c^{2,\text{run}} \leftarrow (1 - m)\,\sigma_c^{2,\text{run}} + m\,\sigma_c^2", "running-statistics update, no derivative"),
]

# ---------------------------------------------------------------- layernorm_backward_derivation_en
LN = [
    ("dsigma", r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{n\sigma}(X_j-\mu)",
     "X one vector of n features, mu its mean, sigma = sqrt((1/n) sum (X_i - mu)^2) (no epsilon): dsigma/dX_j = (X_j - mu)/(n sigma); holds (n = 3, 4, 6)"),
    ("grad_i", r"\nabla_{X_i} = \left(\frac{\partial \hat{X}}{\partial X}\right)_{i,:}\cdot \nabla_{\hat{X}} = \frac{1}{\sigma}\nabla_{\hat{X}_i}",
     "both members: the Jacobian of X-hat is symmetric, so its i-th row dotted with grad_{X-hat} is dL/dX_i, and that equals (1/sigma) g_i - (1/(n sigma)) sum_j g_j - (X-hat_i/(n sigma)) sum_j g_j X-hat_j with g = grad_{X-hat} = grad_Y entrywise gamma; holds (L a drawn non-linear function of Y; gamma, beta drawn)"),
    ("compact", r"\nabla_X = \frac{1}{\sigma}\left(\nabla_Y \odot \gamma - \left(\frac{1}{n}\hat{X} \cdot (\nabla_Y \odot \gamma)\right) \odot \hat{X} - \frac{1}{n}\nabla_Y \cdot \gamma \right)",
     "the dot between two vectors read as the dot product (a scalar broadcast over the entries; the note's own previous row writes these two terms as sums): (1/sigma)(g - (X-hat . g / n) X-hat - (grad_Y . gamma)/n) with g = grad_Y entrywise gamma is dL/dX; holds"),
]
LN_DIRS = [
    ("## Forward Pass\n", "<!-- symbp: layer=layernorm features=4 names: X=input Y=output \\hat{X}=normalized \\mu=mean \\gamma=scale \\beta=shift \\mathcal{L}=loss -->"),
    ("## Backward Pass Derivation\n", "<!-- symbp: layer=layernorm features=4 names: X=input Y=output \\hat{X}=normalized \\mu=mean \\gamma=scale \\beta=shift \\mathcal{L}=loss -->"),
]
_CAP = "holds; left out for the 30% cap"
LN_EXCL = [
    (r"\mu = \frac{1}{n}\sum_{i=1}^n X_i", "forward definition (mean)"),
    (r"\sigma = \sqrt{\frac{1}{n}\sum_{i=1}^n(X_i-\mu)^2}", "forward definition (standard deviation)"),
    (r"\hat{X} = \frac{X - \mu}{\sigma}", "forward definition (normalisation)"),
    (r"Y = \gamma \odot \hat{X} + \beta", "forward definition"),
    (r"\nabla_{\hat{X}} = \frac{\partial \mathcal{L}}{\partial \hat{X}} = \frac{\partial \mathcal{L}}{\partial Y} \cdot \frac{\partial Y}{\partial \hat{X}} = \nabla_Y \odot \gamma", _CAP),
    (r"\nabla_X = \frac{\partial \hat{X}}{\partial X} \cdot \nabla_{\hat{X}}", "the chain rule in Jacobian form (holds: the Jacobian is symmetric); left out for the 30% cap"),
    (r"\frac{\partial \hat{X}}{\partial X}_{\text{direct}} = \frac{1}{\sigma}\mathbf{I}", "a partial with mu and sigma held fixed (holds as such); left out for the 30% cap"),
    (r"\frac{\partial \mu}{\partial X_j} = \frac{1}{n}", _CAP),
    (r"\frac{\partial \hat{X}_i}{\partial \mu} = -\frac{1}{\sigma}", "a partial with sigma held fixed (holds); left out for the 30% cap"),
    (r"= -\frac{1}{\sigma} \cdot \frac{1}{n} = -\frac{1}{n\sigma}", "the mean path of the Jacobian (holds); left out for the 30% cap"),
    (r"{2\sigma} \cdot \frac{\partial \sigma}{\partial X_j} =", _CAP),
    (r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{2\sigma} \cdot \frac{\partial}{\partial X_j}", _CAP),
    (r"= 2(X_j-\mu) \cdot \left(1 - \frac{1}{n}\right)", _CAP),
    (r"= -2(X_i-\mu) \cdot \frac{1}{n}", _CAP),
    (r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{2\sigma} \cdot \frac{1}{n} \cdot \left(", _CAP),
    (r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{n}\hat{X}_j", _CAP),
    (r"\frac{\partial \hat{X}_i}{\partial \sigma} = -\frac{X_i-\mu}{\sigma^2} = -\frac{\hat{X}_i}{\sigma}", "a partial with mu held fixed (holds); left out for the 30% cap"),
    (r"= -\frac{1}{n\sigma}\hat{X}_i\hat{X}_j", "the deviation path of the Jacobian (holds); left out for the 30% cap"),
    (r"\nabla_X = \frac{1}{\sigma}\nabla_{\hat{X}} - \frac{1}{n\sigma}\mathbf{1}\sum_{i=1}^n \nabla_{\hat{X}_i}", _CAP),
    (r"\nabla_X = \frac{1}{\sigma}\left(\nabla_Y \odot \gamma - \frac{1}{n}\mathbf{1}\sum_{i=1}^n (\nabla_Y \odot \gamma)_i", _CAP),
]

TABLE = {
    "cma_conv2d_backward_en.md": ("conv", CONV, CONV_DIRS, CONV_EXCL),
    "cma_pooling_backward_en.md": ("pool", POOL, POOL_DIRS, POOL_EXCL),
    "cma_batchnorm_backward_en.md": ("bn", BN, BN_DIRS, BN_EXCL),
    "layernorm_backward_derivation_en.md": ("ln", LN, LN_DIRS, LN_EXCL),
}
