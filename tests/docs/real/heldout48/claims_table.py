"""The forty-eighth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout48.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

BN1 = ("<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized "
       "\\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift L=loss -->")

# ---------------------------------------------------------------- ko_normalization_bn_backward
KOB = [
    ("dgamma", r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^N \frac{\partial L}{\partial y_i} \cdot \hat{x}_i",
     "one feature over N elements, mu and sigma^2 (1/N) of the elements, x-hat = (x - mu)/sqrt(sigma^2 + eps), y = gamma x-hat + beta, L a drawn non-linear function of y: dL/dgamma = sum_i dL/dy_i x-hat_i; holds (N = 2, 4, 5, eps = 0 and 1e-3)"),
    ("dbeta", r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^N \frac{\partial L}{\partial y_i}",
     "dL/dbeta = sum_i dL/dy_i; holds"),
    ("chain3", r"\frac{\partial L}{\partial x_i} = \sum_{j=1}^N \frac{\partial L}{\partial y_j} \frac{\partial y_j}{\partial \hat{x}_j} \frac{\partial \hat{x}_j}{\partial x_i}",
     "y_j depends on x only through x-hat_j (dy_j/dx-hat_j = gamma), d x-hat_j/d x_i the full Jacobian of the normalisation (autograd): the sum equals dL/dx_i; holds"),
    ("gamma_out", r"\frac{\partial L}{\partial x_i} = \gamma \sum_{j=1}^N \frac{\partial L}{\partial y_j} \cdot \frac{\partial \hat{x}_j}{\partial x_i}",
     "the same sum with gamma taken out; holds"),
    ("dxhat", r"\frac{\partial \hat{x}_j}{\partial x_i} = \frac{1}{s}(\delta_{ij} - \frac{1}{N}) - \frac{x_j - \mu}{s^3} \cdot \frac{1}{N}(x_i - \mu)",
     "s = sqrt(sigma^2 + eps): the Jacobian entry d x-hat_j / d x_i (autograd, mu and sigma^2 depending on x) equals (delta_ij - 1/N)/s - (x_j - mu)(x_i - mu)/(N s^3); holds for every i, j"),
    ("compact_xhat", r"\frac{\gamma}{s} \Bigg( \frac{\partial L}{\partial \hat{x}_i} - \frac{1}{N} \sum_{j} \frac{\partial L}{\partial \hat{x}_j}",
     "written with dL/dx-hat (the sentence after it says dL/dx-hat_j = gamma dL/dy_j) and the factor gamma/s in front: with dL/dx-hat the true gradient is (1/s)(dL/dx-hat_i - mean dL/dx-hat - x-hat_i mean(dL/dx-hat x-hat)); the extra gamma multiplies it by gamma (gamma counted twice); refuted for gamma != 1 (drawn gamma; it holds only at gamma = 1)"),
    ("formula_y", r"\frac{\gamma}{s} \Big( \frac{\partial L}{\partial y_i} - \frac{1}{N} \sum_j \frac{\partial L}{\partial y_j}",
     "the formula of the worked example, written with dL/dy: dL/dx_i = (gamma/s)(dL/dy_i - mean dL/dy - x-hat_i mean(dL/dy x-hat)); holds (drawn sizes, and the page's own example x = [1, 3], gamma = 2, L = (y_1^2 + y_2^2)/2, eps = 0, where it gives [0, 0])"),
    ("app_dxhat", r"\frac{\partial \hat{x}_j}{\partial x_i} = s^{-1}(\delta_{ij} - \frac{1}{N}) + (x_j - \mu) \cdot \frac{\partial s^{-1}}{\partial x_i}.",
     "appendix: x-hat_j = (x_j - mu) s^{-1}, product rule with d mu/d x_i = 1/N: d x-hat_j/d x_i = s^{-1}(delta_ij - 1/N) + (x_j - mu) d s^{-1}/d x_i (the last factor by autograd); holds"),
    ("app_ds", r"\frac{\partial s^{-1}}{\partial x_i} = -\frac{1}{2}(\sigma^2+\varepsilon)^{-3/2} \cdot \frac{\partial\sigma^2}{\partial x_i}.",
     "s^{-1} = (sigma^2 + eps)^{-1/2}: d s^{-1}/d x_i = -(1/2)(sigma^2 + eps)^{-3/2} d sigma^2/d x_i (both derivatives by autograd, sigma^2 through mu as well); holds"),
]
KOB_DIRS = [
    ("## 3.4 역전파(Backward) — 단계별 유도\n", BN1),
    ("## 3.5 수치 예제: BN 역전파 계산을 단계별로 해보자\n", BN1),
    ("## 23. 부록: BN 역전파 유도 자세한 전개(수학적으로)\n", BN1),
]
KOB_EXCL = [
    (r"\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad y = \gamma\hat{x} + \beta", "forward definition"),
    (r"\sigma^2 = \frac{1}{N} \sum_{i=1}^N (x_i - \mu)^2,\quad", "forward definitions (mean, variance, x-hat, y)"),
    (r"s=\sqrt{\sigma^2+\varepsilon}", "forward definitions restated in the appendix"),
    (r"= \sum_j \frac{\partial L}{\partial y_j} \cdot \gamma \frac{\partial \hat{x}_j}{\partial x_i}.", "holds (the appendix's chain, the same as claims chain3 and gamma_out); left out for the 30% cap"),
]

# ---------------------------------------------------------------- zh_ai_notes_bn_softmax
BN3 = ("<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input y=output \\hat{x}=normalized "
       "\\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift dout=output_grad dx=input_grad L=loss l=loss -->")
ZAI = [
    ("dy_chain", r"\frac{\partial y}{\partial x_i} = \frac{\partial y}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \sum_{j=1}^{N}",
     "one feature column over N samples; the partials read as the graph's local derivatives (d x-hat_i/d x_i = 1/sqrt(sigma^2+eps) with mu, sigma^2 held, d x-hat_j/d mu, d mu/d x_i = 1/N, d x-hat_j/d sigma^2, d sigma^2/d x_i = 2(x_i - mu)/N); y read as the sum of the outputs y_j (the next row's dy/dx-hat_j = gamma for every j): the three paths sum to dy/dx_i; holds (the same chain for a drawn non-linear L is claim dL_chain)"),
    ("dy_zero", r"\frac{\partial y}{\partial x_i} = \gamma*\frac{1}{\sqrt{\sigma^2+\epsilon}} + \sum_{j=1}^{N}",
     "the row puts dy/dx-hat_j = gamma for every j, so y is read as the sum of the outputs y_j (the only reading the row's factors fit): every member, gamma/s - gamma/s + sum_j gamma(-0.5)(x_j-mu)s^{-3} 2(x_i-mu)/N, then (gamma/s)(1 - 1 - sum_j (x_j-mu)/(N(sigma^2+eps))), then 0, equals d(sum_j y_j)/dx_i = 0; holds"),
    ("dL_chain", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \sum_{j=1}^{N}",
     "the three-path chain for L (a drawn non-linear function of y), partials as in dy_chain; holds"),
    ("dL_expand", r"\frac{\partial L}{\partial x_i} = \gamma*\frac{1}{\sqrt{\sigma^2+\epsilon}}*dout_i",
     "dout_j = dL/dy_j of the same feature: every member (the expanded three paths, then (gamma/s)(dout_i - sum dout_j/N - sum x-hat_j (x_i-mu) dout_j/(N s)), then (gamma/s)(dout_i - sum dout_j/N - sum x-hat_j x-hat_i dout_j/N)) equals dL/dx_i; holds (N = 3, 4, 6; features 1-3)"),
    ("dx_vec", r"dx=\frac{\gamma}{N\sqrt{\sigma^2+\epsilon}}(Ndout-\sum_Ndout-\sum_Ndout*\hat{x})",
     "the vector form loses the factor x-hat on the last term: the true dx = gamma/(N s) (N dout - sum_N dout - x-hat * sum_N(dout * x-hat)); the written last term sum_N(dout * x-hat) (a row, broadcast) is not x-hat * sum_N(dout * x-hat); read as (sum_N dout) * x-hat it is wrong as well; refuted under both readings (drawn sizes)"),
    ("sm_other", r"\frac{dLoss}{dz_i}=P(z_i)(i\ne y_i)",
     "one sample's scores z, P the softmax, Loss = -log P(z_y) (+ lambda sum W^2, which does not depend on z); for a class i other than the label: dLoss/dz_i = P(z_i); holds (3 and 5 classes)"),
    ("sm_label", r"\frac{dLoss}{dz_y}=P(z_y)-1",
     "for the label's class: dLoss/dz_y = P(z_y) - 1; holds"),
    ("l_chain", r"\frac{\partial l}{\partial x_i} = \frac{\partial l}{\partial \hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \sum_{j=1}^{N}",
     "the same three-path chain with l the loss (repeated in the normalisation section); holds"),
]
ZAI_DIRS = [
    ("#### Batch Normalization\n", BN3),
    ("### Softmax loss\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z=input P=output Loss=loss -->"),
    ("#### Batch normalization\n", BN3),
]
ZAI_EXCL = [
    (r"$Loss=\sum_{i=1}^{N}-log(\frac{e^{z_{y_i}}}{\sum_{j}e^{z_j}})$", "loss definition (inline)"),
    (r"$$Loss=\sum_{i=1}^{N}-log(\frac{e^{z_{y_i}}}{\sum_{j}e^{z_j}})+\lambda \sum_j W_j^2$$", "loss definition with the L2 penalty"),
    (r"$$后补正则化求导2\lambda W$$", "a remark in words (the penalty's gradient 2 lambda W, holds) typed as a display; no equation"),
]

# ---------------------------------------------------------------- zh_bn_alt_backward
BNC = ("<!-- symbp: layer=batchnorm batch=4 features=3 names: x=input X=input y=output Y=output \\hat{x}=normalized "
       "\\hat{X}=normalized \\mu=mean v=variance \\gamma=scale \\beta=shift dout=output_grad dX=input_grad L=loss -->")
ZBA = [
    ("dgamma", r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^N \frac{\partial L}{\partial y_i} \odot \hat{x}_i = \sum_{i=1}^N \text{dout}_i \odot \hat{x}_i",
     "X is N x D, mu, v per feature (1/N), sigma = sqrt(v + eps), y_i = gamma . x-hat_i + beta, L a drawn non-linear function of Y: dL/dgamma = sum_i dout_i . x-hat_i; holds (N x D = 4 x 3, 3 x 2, 6 x 1)"),
    ("dxhat", r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \odot \gamma = \text{dout}_i \odot \gamma",
     "dL/dx-hat_i = dout_i . gamma (x-hat as a free variable); holds"),
    ("dLdmu", r"\frac{\partial L}{\partial \mu} = \sum_{j=1}^N \frac{\partial L}{\partial \hat{x}_j} \cdot \frac{\partial \hat{x}_j}{\partial \mu} = -\frac{1}{\sigma}\sum_{j=1}^N d\hat{x}_j",
     "L as a function of mu through x-hat_j = (x_j - mu)/sigma with sigma held (the page's path 2; through v the derivative would add sum(x - mu) terms, which vanish at the mean): every member equals -(1/sigma) sum_j dx-hat_j; holds"),
    ("dv", r"\frac{\partial v}{\partial x_i} = \frac{2}{N}(x_i - \mu)\left(1 - \frac{1}{N}\right) - \frac{2}{N^2}\sum_{k \neq i}(x_k - \mu)",
     "v = (1/N) sum_k (x_k - mu)^2 with mu the mean of x: dv/dx_i (autograd) equals this expression; holds"),
    ("dsig", r"\frac{\partial \sigma}{\partial x_i} = \frac{\partial \sigma}{\partial v} \cdot \frac{\partial v}{\partial x_i} = \frac{1}{2\sigma}",
     "every member equals d sigma/d x_i: (1/(2 sigma)) (2/N)(x_i - mu) = (x_i - mu)/(N sigma) = x-hat_i/N; holds"),
    ("dLdsig", r"\frac{\partial L}{\partial \sigma} = \sum_{j=1}^N \frac{\partial L}{\partial \hat{x}_j} \cdot \frac{\partial \hat{x}_j}{\partial \sigma} = -\frac{1}{\sigma}",
     "L through x-hat_j = (x_j - mu)/sigma with mu held: dL/dsigma = -(1/sigma) sum_j dx-hat_j . x-hat_j (every member); holds"),
    ("combine", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \cdot \frac{1}{\sigma} + \frac{\partial L}{\partial \mu} \cdot \frac{1}{N} + \frac{\partial L}{\partial \sigma} \cdot \frac{\hat{x}_i}{N}",
     "with the page's dL/dmu and dL/dsigma: dL/dx_i = dx-hat_i/sigma + dL/dmu / N + dL/dsigma x-hat_i/N, and the next row's expansion; holds"),
    ("boxed", r"\frac{\partial L}{\partial x_i} = \frac{1}{N\sigma}\left[N \cdot d\hat{x}_i - \sum_{j=1}^N d\hat{x}_j - \hat{x}_i \sum_{j=1}^N (d\hat{x}_j \odot \hat{x}_j)\right]",
     "the simplified formula: dL/dx_i = (1/(N sigma))[N dx-hat_i - sum_j dx-hat_j - x-hat_i sum_j dx-hat_j . x-hat_j]; holds"),
    ("vec", r"dX = \frac{1}{N\sigma}\left[N \cdot d\hat{X} - \mathbf{1}_N \sum_{j=1}^N d\hat{x}_j - \hat{X} \sum_{j=1}^N (d\hat{x}_j \odot \hat{x}_j)\right]",
     "the vectorised form (sums over axis 0, broadcast over the rows, X-hat times the row entrywise): equals dL/dX; holds"),
]
ZBA_DIRS = [("## 反向传播目标\n", BNC)]
ZBA_EXCL = [
    (r"$$\mu = \frac{1}{N}\sum_{i=1}^N x_i \quad \text{(shape: D)}$$", "forward definition"),
    (r"$$v = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)^2 \quad \text{(shape: D)}$$", "forward definition"),
    (r"$$\sigma = \sqrt{v + \epsilon} \quad \text{(shape: D)}$$", "forward definition"),
    (r"$$\hat{x}_i = \frac{x_i - \mu}{\sigma} \quad \text{(shape: N×D)}$$", "forward definition"),
    (r"$$y_i = \gamma \odot \hat{x}_i + \beta \quad \text{(shape: N×D)}$$", "forward definition"),
    (r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^N \frac{\partial L}{\partial y_i} = \sum_{i=1}^N \text{dout}_i", "holds (dL/dbeta = sum dout); left out for the 30% cap"),
    (r"\frac{\partial \hat{x}_i}{\partial x_i}\bigg|_{\mu,\sigma \text{ const}} = \frac{1}{\sigma}", "a local derivative with mu and sigma held (holds); left out for the 30% cap"),
    (r"$$\frac{\partial \mu}{\partial x_i} = \frac{1}{N}$$", "holds (derivative of the mean); left out for the 30% cap"),
    (r"$$\frac{\partial \hat{x}_j}{\partial \mu} = -\frac{1}{\sigma}$$", "a local derivative with sigma held (holds); left out for the 30% cap"),
    (r"$$= \frac{2}{N}(x_i - \mu) - \frac{2}{N^2}\sum_k(x_k - \mu) = \frac{2}{N}(x_i - \mu)$$", "holds (the continuation of claim dv); left out for the 30% cap"),
    (r"\frac{\partial \sigma}{\partial v} = \frac{1}{2\sqrt{v + \epsilon}} = \frac{1}{2\sigma}", "holds (derivative of a square root, a calculus step); left out for the 30% cap"),
    (r"\frac{\partial \hat{x}_j}{\partial \sigma} = -\frac{x_j - \mu}{\sigma^2} = -\frac{\hat{x}_j}{\sigma}", "a local derivative with mu held (holds); left out for the 30% cap"),
    (r"$$= \frac{d\hat{x}_i}{\sigma} - \frac{1}{N\sigma}\sum_j d\hat{x}_j - \frac{\hat{x}_i}{N\sigma}\sum_j (d\hat{x}_j \odot \hat{x}_j)$$", "holds (the expansion of claim combine, checked with it); left out as its own claim for the 30% cap"),
]

# ---------------------------------------------------------------- zh_rmsnorm_backward
ZRM = [
    ("dgamma", r"\frac{\partial L}{\partial \gamma_i} = \frac{\partial L}{\partial y_i} \cdot \frac{\partial y_i}{\partial \gamma_i} = \frac{\partial L}{\partial y_i} \cdot \hat{x}_i",
     "one vector of D entries, r = sqrt(mean x^2 + eps), x-hat_i = x_i/r, y_i = gamma_i x-hat_i, L a drawn non-linear function of y: dL/dgamma_i = dL/dy_i x-hat_i (every member); holds (D = 3, 4, 7; eps = 0 and 1e-2)"),
    ("dr", r"\frac{\partial r}{\partial x_i} = \frac{\partial}{\partial x_i}\sqrt{\frac{1}{D}\sum_{j=1}^D x_j^2 + \epsilon} = \frac{1}{2r} \cdot \frac{2x_i}{D} = \frac{x_i}{Dr}",
     "dr/dx_i = x_i/(D r) (every member, eps inside the root); holds"),
    ("dLdr", r"\frac{\partial L}{\partial r} = \sum_{j=1}^D \frac{\partial L}{\partial \hat{x}_j} \cdot \frac{\partial \hat{x}_j}{\partial r} = -\frac{1}{r^2}\sum_{j=1}^D \frac{\partial L}{\partial \hat{x}_j} \cdot x_j",
     "L through x-hat_j = x_j/r with x held (r a free variable): dL/dr = -(1/r^2) sum_j dL/dx-hat_j x_j (every member); holds"),
    ("combine", r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} \cdot \frac{1}{r} + \frac{\partial L}{\partial r} \cdot \frac{x_i}{Dr}",
     "the two paths: dL/dx_i = dL/dx-hat_i / r + dL/dr x_i/(D r); holds"),
    ("final", r"\frac{\partial L}{\partial x_i} = \frac{\gamma_i}{r}\left[\frac{\partial L}{\partial y_i} - \frac{x_i}{Dr^2}\sum_{j=1}^D \gamma_j \frac{\partial L}{\partial y_j} x_j\right]",
     "substituting dL/dx-hat_i = gamma_i dL/dy_i into the row above gives gamma_i dL/dy_i / r - x_i/(D r^3) sum_j gamma_j dL/dy_j x_j; the written bracket multiplies the second term by gamma_i/r, an extra gamma_i; refuted for a drawn gamma (it holds only where gamma_i = 1)"),
]
ZRM_DIRS = [("## 深入数学：RMSNorm 的完整推导\n",
             "<!-- symbp: layer=rmsnorm H=4 names: x=input y=output \\hat{x}=normalized \\gamma=weight r=norm L=loss -->")]
ZRM_EXCL = [
    ("r &= \\text{RMS}(\\mathbf{x})", "forward definition (r, x-hat, y)"),
    (r"\text{RMS}(\hat{\mathbf{x}}) = \sqrt{\frac{1}{D}\sum_i \hat{x}_i^2}", "a property of the forward (RMS of x-hat is 1; it holds only for eps = 0), no derivative"),
]

TABLE = {
    "ko_normalization_bn_backward.md": ("kob", KOB, KOB_DIRS, KOB_EXCL),
    "zh_ai_notes_bn_softmax.md": ("zai", ZAI, ZAI_DIRS, ZAI_EXCL),
    "zh_bn_alt_backward.md": ("zba", ZBA, ZBA_DIRS, ZBA_EXCL),
    "zh_rmsnorm_backward.md": ("zrm", ZRM, ZRM_DIRS, ZRM_EXCL),
}
