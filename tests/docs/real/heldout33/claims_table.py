r"""The thirty-third held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout33.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names.

Common reading of the four batch-norm documents: one feature column x_1..x_m (and, where a document
says so, D columns normalized independently), mu = mean, sigma^2 = (1/m) sum (x_i - mu)^2, x-hat_i =
(x_i - mu)/sqrt(sigma^2 + eps), y_i = gamma x-hat_i + beta, the loss a drawn non-linear function of
y.  A partial with respect to mu or sigma^2 is the partial in the computation graph (mu feeds x-hat
and sigma^2; sigma^2 feeds x-hat), computed by autograd with mu and sigma^2 made leaves; a local
partial d(x-hat_i)/d(mu) etc. is the partial of the forward formula with the other graph inputs held
fixed.  eps is drawn (0.1 and 1e-3), so sigma^2 + eps differs from 1."""

BN = "<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized \\mu=mean \\sigma^2=variance \\gamma=scale \\beta=shift f=loss -->"

ZAK = [
    ("z_dgamma", r"= \boxed{\sum\limits_{i=1}^m \frac{\partial f}{\partial y_i} \cdot \hat{x}_i}",
     "df/dgamma = sum_i df/dy_i x-hat_i (the middle member df/dy_i dy_i/dgamma read with the sum over the batch the text adds at once); holds"),
    ("z_dbeta", r"= \boxed{\sum\limits_{i=1}^m \frac{\partial f}{\partial y_i}}",
     "df/dbeta = sum_i df/dy_i; holds"),
    ("z_dxhat", r"= \boxed{\frac{\partial f}{\partial y_i} \cdot \gamma}",
     "df/dx-hat_i = df/dy_i gamma; holds"),
    ("z_dxhat_dmu", r"\boxed{\dfrac{\partial \hat{x}_i}{\partial \mu} = \sum\limits_{i=1}^m \frac{1}{\sqrt{\sigma^2 + \epsilon}} \cdot (-1)}",
     "d(x-hat_i)/d(mu) with sigma^2 held = -1/sqrt(sigma^2 + eps) for each i; the written sum over the batch gives -m/sqrt(sigma^2 + eps); refuted (m = 3, 4, 5)"),
    ("z_dvar_dmu", r"\boxed{\dfrac{\partial \sigma^2}{\partial \mu} = \frac{1}{m} \sum\limits_{i=1}^m 2 \cdot (x_i - \mu)\cdot (-1)}",
     "sigma^2 = (1/m) sum (x_i - mu)^2 as a function of mu: d sigma^2/d mu = (1/m) sum -2 (x_i - mu) (zero at the batch mean, and the formula gives zero there too); holds"),
    ("z_dxhat_dvar", r"\dfrac{\partial \hat{x}}{\partial \sigma^2} = \sum\limits_{i=1}^m (x_i - \mu) \cdot (-0.5) \cdot (\sqrt{\sigma^2 + \epsilon})^{-0.5 - 1}",
     "d(x-hat_i)/d(sigma^2) = -0.5 (x_i - mu) (sigma^2 + eps)^{-1.5}, one value per sample; both members of the chain instead sum over the batch (sum (x_i - mu) = 0, so they vanish) and raise sqrt(sigma^2 + eps), not sigma^2 + eps, to -1.5; under no reading (per sample, or summed against df/dx-hat_i) do they equal it; refuted"),
    ("z_dmu", r"\boxed{\frac{\partial f}{\partial \mu} = \bigg(\sum\limits_{i=1}^m  \frac{\partial f}{\partial \hat{x}_i} \cdot \frac{-1}{\sqrt{\sigma^2 + \epsilon}} \bigg) + \bigg( \frac{\partial f}{\partial \sigma^2} \cdot \sum\limits_{i=1}^m -2(x_i - \mu)   \bigg)}",
     "df/dmu in the graph (autograd, mu a leaf feeding x-hat and sigma^2, df/dsigma^2 the true graph partial): the second term lacks the 1/m of d sigma^2/d mu, but it multiplies sum (x_i - mu) = 0, so the row equals df/dmu = sum df/dx-hat_i (-1/sqrt(sigma^2 + eps)); holds"),
    ("z_dxhat_dx", r"\dfrac{\partial \hat{x}_i}{\partial x_i} = \dfrac{1}{\sqrt{\sigma^2 + \epsilon}}",
     "local partial with mu and sigma^2 held: 1/sqrt(sigma^2 + eps); holds"),
    ("z_dvar_dx", r"\dfrac{\partial \sigma^2}{\partial x_i} = \dfrac{2(x_i - \mu)}{m}",
     "local partial with mu held (also the total derivative, since sum (x_j - mu) = 0): 2 (x_i - mu)/m; holds"),
    ("z_dx", r"\boxed{\frac{\partial f}{\partial x} = \bigg(\frac{\partial f}{\partial \hat{x}_i} \cdot \dfrac{1}{\sqrt{\sigma^2 + \epsilon}}\bigg)",
     "df/dx_i = df/dx-hat_i / sqrt(sigma^2 + eps) + df/dmu / m + df/dsigma^2 2 (x_i - mu)/m with the true graph partials, equal to autograd's df/dx_i for every i; holds"),
]
ZAK_DIRS = [
    ("### Partial Derivatives\n", BN),
]
ZAK_EXCL = [
    (r"\frac{\partial u}{\partial r} = \frac{\partial u}{\partial x} \cdot \frac{\partial x}{\partial r}", "the multivariable chain rule in general letters (no layer)"),
    ("$$\\hat{x}_i = \\frac{(x_i - \\mu)}{\\sqrt{\\sigma^2 + \\epsilon}}$$", "definition of x-hat"),
    ("$$\\sigma^2 = \\frac{1}{m} \\sum\\limits_{i=1}^m (x_i - \\mu)^2$$", "definition of the variance"),
    (r"\frac{\partial f}{\partial \sigma^2} &=& \frac{\partial f}{\partial \hat{x}} \cdot \frac{\partial \hat{x}}{\partial \sigma^2} \qquad", "a chain rule with the vector x-hat unindexed (a dot product over the batch or a per-sample product: not settled by the page)"),
    (r"\hat{x}_i = (x_i - \mu)(\sqrt{\sigma^2 + \epsilon})^{-0.5}", "a rewrite of the forward definition, not a derivative (false as written: (sqrt(sigma^2 + eps))^{-0.5} is the fourth root)"),
    (r"\dfrac{\partial \mu}{\partial x_i} = \dfrac{1}{m}", "holds (d mu/d x_i = 1/m); left out of the score (30% cap)"),
    (r"\color{red}{\frac{\partial f}{\partial \beta}", "the boxed result restated in the recap"),
    (r"\color{blue}{\frac{\partial f}{\partial \gamma}", "the boxed result restated in the recap"),
    (r"\color{green}{\frac{\partial f}{\partial x}", "the boxed result restated in the recap"),
    (r"$$\boxed{\dfrac{\partial f}{\partial \hat{x}_i} = \dfrac{\partial f}{\partial y_i} \cdot \gamma}$$", "restated helper result (inline in the source's recap sentence)"),
    (r"$$\boxed{\dfrac{\partial f}{\partial \mu} = \bigg(", "restated helper result (inline in the source's recap sentence)"),
    (r"$$\boxed{\dfrac{\partial \hat{x}}{\partial \sigma^2} = -0.5", "restated helper result (inline in the source's recap sentence; refuted as above)"),
    (r"$$\boxed{x = 1}$$", "a stray box in the source, no network quantity"),
]

ZHT = [
    ("c_dgamma", r"= \boxed{\sum\limits_{i=1}^m \frac{\partial f}{\partial y_i} \cdot \hat{x}_i}",
     "df/dgamma = sum_i df/dy_i x-hat_i (middle member read with the batch sum the note adds); holds"),
    ("c_dxhat_dmu", r"\boxed{\dfrac{\partial \hat{x}_i}{\partial \mu} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} \cdot (-1)}",
     "d(x-hat_i)/d(mu) with sigma^2 held = -1/sqrt(sigma^2 + eps); holds"),
    ("c_dxhat_dvar", r"\dfrac{\partial \hat{x}}{\partial \sigma^2} = \sum\limits_{i=1}^m (x_i - \mu) \cdot (-0.5) \cdot (\sigma^2 + \epsilon)^{-0.5 - 1}",
     "d(x-hat_i)/d(sigma^2) = -0.5 (x_i - mu)(sigma^2 + eps)^{-1.5} per sample; the chain sums (x_i - mu) over the batch, which is zero, so both members vanish; refuted"),
    ("c_dmu_chain", r"\bigg( \mu - \frac{m \cdot \mu}{m} \bigg) \bigg) \qquad",
     "df/dmu (graph partial, autograd) equals each member of the four-row chain: the first with the 1/m, the expansion, mu - m mu/m = 0, and the last sum df/dx-hat_i (-1/sqrt(sigma^2 + eps)); the fragment names the third row, checked with the whole chain; holds"),
    ("c_dmu_box", r"\boxed{\frac{\partial f}{\partial \mu} = \sum\limits_{i=1}^m  \frac{\partial f}{\partial \hat{x}_i} \cdot \frac{-1}{\sqrt{\sigma^2 + \epsilon}}}",
     "df/dmu = sum df/dx-hat_i (-1/sqrt(sigma^2 + eps)); holds"),
    ("c_dx_chain", r"\dfrac{\partial f}{\partial x_i} = \frac{\partial f}{\partial \hat{x}_i} \cdot \color{red}{\frac{\partial \hat{x}_i}{\partial x_i}}",
     "the total derivative through the three paths x_i -> x-hat_i, x_i -> mu, x_i -> sigma^2 with the graph partials: equals autograd's df/dx_i; holds"),
    ("c_dx_row2", r"- \bigg(0.5 \sum\limits_{j=1}^m \frac{\partial f}{\partial \hat{x}_j} \cdot (x_j - \mu) \cdot (\sigma^2 + \epsilon)^{-1.5} \cdot \dfrac{2(x_i - \mu)}{m} \bigg) \qquad",
     "second row of the big chain: df/dx-hat_i/sqrt + (1/m) sum df/dx-hat_j (-1/sqrt) - 0.5 sum df/dx-hat_j (x_j - mu)(sigma^2+eps)^{-1.5} 2 (x_i - mu)/m equals df/dx_i; holds"),
    ("c_dx_row3", r"+ \bigg(\frac{(\sigma^2 + \epsilon)^{-0.5}}{m} \cdot \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}} \sum\limits_{j=1}^m",
     "third row: the last term has turned from minus to plus; df/dx_i has - x-hat_i/(m sqrt(sigma^2+eps)) sum df/dx-hat_j x-hat_j; refuted (drawn gradients make that sum non-zero)"),
    ("c_dx_row4", r"\cdot \hat{x}_i \sum\limits_{j=1}^m \frac{\partial f}{\partial \hat{x}_j} \cdot \hat{x}_j \bigg )\qquad",
     "fourth row: the same sign error as the third; refuted"),
    ("c_dx_box", r"\boxed{\frac{\partial f}{\partial x_i} = \frac{(\sigma^2 + \epsilon)^{-0.5}}{m} \bigg [",
     "df/dx_i = (sigma^2+eps)^{-1/2}/m [m df/dx-hat_i - sum df/dx-hat_j - x-hat_i sum df/dx-hat_j x-hat_j] (the minus sign is back); holds"),
]
ZHT_DIRS = [
    ("## Backprop Alternative\n", BN),
]
ZHT_EXCL = [
    (r"$$\frac{\partial f}{\partial x}=\frac{\partial f}{\partial y}=1$$", "local derivative of an addition node in general letters (no layer)"),
    (r"$$\frac{\partial f}{\partial x}=y,\frac{\partial f}{\partial y}=x$$", "local derivative of a product node in general letters"),
    (r"$$f=x^{-1},\partial f=-x^{-2}$$", "calculus reminder in general letters"),
    (r"f=(x+\varepsilon)^{\frac{1}{2}} ,\partial f", "calculus reminder in general letters"),
    (r"$$f=x^{2},\partial x=2x$$", "calculus reminder in general letters (with d x for d f)"),
    (r"&=& \boxed{\sum\limits_{i=1}^m \frac{\partial f}{\partial y_i}}", "holds (df/dbeta); left out of the score (30% cap)"),
    (r"&=& \boxed{\frac{\partial f}{\partial y_i} \cdot \gamma}", "holds (df/dx-hat_i); left out of the score (30% cap)"),
    (r"$$y=\gamma \hat{x}+\beta,\frac{\partial y_i}{\partial \gamma}=\hat{x_i}$$", "the forward map with a local partial in one row (definition)"),
    (r"\dfrac{\partial f}{\partial \mu} = \frac{\partial f}{\partial \hat{x}_i} \cdot \color{red}", "the chain for mu written for one i without the sum over the batch: per-sample or summed is not settled"),
    ("$$\\hat{x}_i = \\frac{(x_i - \\mu)}{\\sqrt{\\sigma^2 + \\epsilon}}$$", "definition of x-hat"),
    ("$$\\sigma^2 = \\frac{1}{m} \\sum\\limits_{i=1}^m (x_i - \\mu)^2$$", "definition of the variance"),
    (r"\boxed{\dfrac{\partial \sigma^2}{\partial \mu} = \frac{1}{m} \sum\limits_{i=1}^m 2 \cdot (x_i - \mu)\cdot (-1)}", "holds; left out of the score (30% cap)"),
    (r"\frac{\partial f}{\partial \sigma^2} &=& \frac{\partial f}{\partial \hat{x}} \cdot \frac{\partial \hat{x}}{\partial \sigma^2} \qquad", "a chain rule with the vector x-hat unindexed (dot product or per-sample product not settled)"),
    (r"$$\hat{x}_i = (x_i - \mu)(\sigma^2 + \epsilon)^{-0.5}$$", "a rewrite of the forward definition (correct), not a derivative"),
    (r"$$\dfrac{\partial \hat{x}_i}{\partial x_i} = \dfrac{1}{\sqrt{\sigma^2 + \epsilon}}$$", "holds; left out of the score (30% cap)"),
    (r"$$\dfrac{\partial \mu}{\partial x_i} = \dfrac{1}{m}$$", "holds; left out of the score (30% cap)"),
    (r"$$\dfrac{\partial \sigma^2}{\partial x_i} = \dfrac{2(x_i - \mu)}{m}$$", "holds; left out of the score (30% cap)"),
    ("Result:\n\n$$\\frac{\\partial f}{\\partial x_i} = \\bigg(", "holds (the three-path sum with the graph partials); the same row stands again as the first row of the chain below, left out of the score (30% cap)"),
    (r"\boxed{(\sigma^2 + \epsilon)^{-1.5} = (\sigma^2 + \epsilon)^{-0.5}(\sigma^2 + \epsilon)^{-1}", "an algebraic identity of powers (holds), no gradient"),
    (r"$$\boxed{\dfrac{\partial f}{\partial \hat{x}_i} = \dfrac{\partial f}{\partial y_i} \cdot \gamma}$$", "restated earlier result"),
    (r"$$\boxed{\color{red}{\frac{\partial f}{\partial \beta}", "restated earlier result"),
    (r"$$\boxed{\color{blue}{\frac{\partial f}{\partial \gamma}", "restated earlier result"),
]

ITA = [
    ("i_dgamma", r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m} \frac{\partial L}{\partial y_i} \hat{x}_i",
     "dL/dgamma = sum_i dL/dy_i x-hat_i; holds"),
    ("i_dbeta", r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^{m} \frac{\partial L}{\partial y_i}",
     "dL/dbeta = sum_i dL/dy_i; holds"),
    ("i_dxhat", r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \gamma",
     "dL/dx-hat_i = dL/dy_i gamma; holds"),
    ("i_dvar", r"= \sum_{i=1}^m \frac{\partial L}{\partial \hat{x}_i} (x_i - \mu_B)\left(-\tfrac{1}{2}\right)(\sigma_B^2 + \epsilon)^{-3/2} \\[0.75em]",
     "dL/dsigma_B^2 (graph partial, autograd with sigma_B^2 a leaf) equals every member of the four-row chain (the fragment names the third); holds"),
    ("i_dmu", r"+ \frac{\partial L}{\partial \sigma_B^2} \cdot \left(\frac{-2}{m}\sum_{i=1}^m (x_i - \mu_B)\right) \\[0.75em]",
     "dL/dmu_B (graph partial through x-hat and sigma_B^2) equals every member of the three-row chain (the fragment names the second); holds"),
    ("i_dx_r1", r"- \frac{\hat{x}_i}{m}\sum_{j=1}^{m}\frac{\partial L}{\partial \hat{x}_j}\hat{x}_j" + "\n" + r"\right] \\[0.75em]",
     "first member of the dL/dx_i chain: (1/sqrt(sigma_B^2+eps)) [dL/dx-hat_i - (1/m) sum dL/dx-hat_j - (x-hat_i/m) sum dL/dx-hat_j x-hat_j] equals autograd's dL/dx_i; holds"),
    ("i_dx_r2", r"- \frac{\hat{x}_i}{m\sqrt{\sigma_B^2 + \epsilon}} \sum_{j=1}^{m}\frac{\partial L}{\partial \hat{x}_j}\hat{x}_j \\[0.75em]",
     "second member, the bracket multiplied out; holds"),
    ("i_dx_r3", r"+ \left(-\tfrac{1}{2}(\sigma_B^2 + \epsilon)^{-\tfrac{3}{2}}\right)\frac{2\hat{x}_i}{m}\sum_{j=1}^{m}\frac{\partial L}{\partial \hat{x}_j}\hat{x}_j \\[0.75em]",
     "third member: its last term is -(sigma_B^2+eps)^{-3/2} (x-hat_i/m) sum dL/dx-hat_j x-hat_j, while dL/dx_i has -(sigma_B^2+eps)^{-1/2} (x-hat_i/m) sum dL/dx-hat_j x-hat_j (x-hat_j written where x_j - mu_B belongs); off by the factor (sigma_B^2+eps)^{-1}; refuted (eps = 0.1 and 1e-3, drawn inputs)"),
    ("i_dx_r4", r"+ \frac{2(x_i - \mu_B)}{m}\frac{\partial L}{\partial \sigma_B^2}.",
     "last member: dL/dx-hat_i/sqrt + dL/dmu_B/m + 2 (x_i - mu_B)/m dL/dsigma_B^2 with the graph partials equals dL/dx_i; holds"),
    ("i_recenter", r"\boxed{\sum_{i=1}^m \frac{\partial L}{\partial x_i} = 0}",
     "the batch sum of dL/dx_i (autograd) is zero for every drawn loss; holds"),
]
ITA_DIRS = [
    ("### Partial derivatives\n", "<!-- symbp: layer=batchnorm batch=4 features=1 names: x=input y=output \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->"),
    ("## Higher learning rates", BN.replace("f=loss", "L=loss")),
]
ITA_EXCL = [
    (r"$$\frac{\partial L}{\partial x_i} = \frac{1}{\sqrt{\sigma^2 + \epsilon}}\left[", "the first member of the earlier chain restated (holds)"),
    (r"&= \frac{1}{\sqrt{\sigma^2 + \epsilon}} \left[\sum_{i=1}^m\frac{\partial L}{\partial \hat{x}_i} - \sum_{j=1}^{m}", "holds (the proof's second member); left out of the score (30% cap)"),
    (r"\left[\sum_{i=1}^m\frac{\partial L}{\partial \hat{x}_i} - \sum_{j=1}^{m}\frac{\partial L}{\partial \hat{x}_j}\right] = 0$$", "holds (the proof's conclusion); left out of the score (30% cap)"),
]

YEH = [
    ("y_dgamma", r"\frac{\partial J}{\partial \gamma} = \sum_i \frac{\partial J}{\partial y_i} \odot \hat{x}_i",
     "D columns (N = 4, D = 3 and N = 5, D = 2): dJ/dgamma = sum over rows of dJ/dY odot X-hat (1 x D); holds"),
    ("y_dbeta", r"\frac{\partial J}{\partial \beta} = \sum_i \frac{\partial J}{\partial y_i}" + "\n}$$",
     "dJ/dbeta = column sums of dJ/dY; holds"),
    ("y_dxhat_ij", r"\frac{\partial J}{\partial \hat{x}_{ij}} = \frac{\partial J}{\partial y_{ij}} \cdot \gamma_j",
     "dJ/dx-hat_ij = dJ/dy_ij gamma_j; holds"),
    ("y_dxhat", r"\frac{\partial J}{\partial \hat{X}} = \gamma \odot \frac{\partial J}{\partial Y}",
     "dJ/dX-hat = gamma (broadcast over rows) odot dJ/dY; holds"),
    ("y_lemma", r"= \frac{\partial c}{\partial D_i} \left( D^T \frac{\partial a}{\partial B} \right) + c(D) \frac{\partial a}{\partial B_i}" + "\n",
     "the lemma's proof chain for a(B), B = c(D) D: checked with c(D) = (D^T D/n + eps)^{-1/2} and with c(D) = tanh(w^T D), a drawn non-linear a; every member equals da/dD_i by autograd; holds"),
    ("y_dJdX_R", r"= \left(I - \frac{1}{N} \mathbf{1} \right) \left[ \frac{\partial c}{\partial R} R^T + c(R) I \right] \frac{\partial J}{\partial \hat{X}}" + "\n$$",
     "one column X (N = 3, 4, 5): (I - 1/N)^T dJ/dR = (I - 1/N)[dc/dR R^T + c I] dJ/dX-hat equals dJ/dX by autograd; holds"),
    ("y_dcdR", r"&= -\frac{1}{N} (\sigma^2 + \epsilon)^{-3/2} (X - \mu)".replace("&", ""),
     "c(R) = (R^T R/N + eps)^{-1/2}: dc/dR equals every member of the chain, -(1/N)(sigma^2+eps)^{-3/2}(X - mu) at the end; holds"),
    ("y_dJdX_simpl", r"= (\sigma^2 + \epsilon)^{-1/2} \left[-\frac{1}{N} \hat{X} \hat{X}^T + I - \frac{1}{N} \mathbf{1} \right] \frac{\partial J}{\partial \hat{X}}" + "\n\\end{align*}",
     "every member of the simplification chain equals dJ/dX (the step that drops (1/N^2) 1 X-hat X-hat^T uses 1 X-hat = 0); holds"),
    ("y_scalar", r"= \frac{1}{N} \gamma (\sigma^2 + \epsilon)^{-1/2} \left[-\frac{\partial J}{\partial \gamma} \hat{X} + N \frac{\partial J}{\partial Y} - \mathbf{1}_N \cdot \frac{\partial J}{\partial \beta} \right]",
     "one column with dJ/dX-hat = gamma dJ/dY: every member equals dJ/dX; holds"),
    ("y_box", r"= \frac{1}{N} \gamma \odot (\sigma^2 + \epsilon)^{-1/2} \left[-\frac{\partial J}{\partial \gamma} \odot \hat{X} + N \frac{\partial J}{\partial Y} - \mathbf{1}_N \cdot \frac{\partial J}{\partial \beta} \right]",
     "D columns: (1/N) gamma odot (sigma^2+eps)^{-1/2} odot [-dJ/dgamma odot X-hat + N dJ/dY - 1_N dJ/dbeta] (row vectors broadcast over rows) equals dJ/dX; holds"),
]
YEH_DIRS = [
    ("## Backpropagation Basics\n", "<!-- symbp: layer=batchnorm batch=4 features=3 names: X=input Y=output \\hat{X}=normalized \\gamma=scale \\beta=shift J=loss -->"),
    ("## Column-wise Gradient\n", "<!-- symbp: layer=batchnorm batch=4 features=1 names: X=input Y=output \\hat{X}=normalized \\gamma=scale \\beta=shift J=loss -->"),
]
YEH_EXCL = [
    (r"$$ \hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}} $$", "definition"),
    (r"\mu &= \frac{1}{N} \sum_i x_i \\", "definition of the mean and variance"),
    (r"$$ y_i = \gamma \cdot \hat{x}_i + \beta $$", "forward definition"),
    (r"Y &= \gamma \odot \hat{X} + \beta", "forward definition in matrix form"),
    (r"$$ \frac{\partial a}{\partial D} = \left( \frac{\partial c}{\partial D} D^T + c(D) I \right) \frac{\partial a}{\partial B} $$", "holds (the lemma's statement); left out of the score (30% cap)"),
    (r"= \frac{\partial c}{\partial D_i} D_k + \mathbf{1}[i=k]c(D)", "holds (dB_k/dD_i); left out of the score (30% cap)"),
    (r"\tag*{$\blacksquare$}", "holds (the lemma for all of D); left out of the score (30% cap)"),
    (r"\frac{\text{d}b}{\text{d}d}", "the scalar product rule in general letters"),
    (r"\sigma^2 = \frac{1}{N} \sum_i (x_i-\mu)^2" + "\n", "forward rewrites of sigma^2 and X-hat in terms of R (definitions)"),
    ("$$\n\\frac{\\partial J}{\\partial R}\n= \\left(", "holds (the lemma applied); left out of the score (30% cap)"),
    (r"= \left(I - \frac{1}{N} \mathbf{1} \right) \cdot X", "forward rewrite of R (definition)"),
    (r"\text{each element in the resulting vector is}", "a matrix picture with words inside (1 X-hat = 0), no gradient"),
    (r"= \hat{X}^T \frac{\partial J}{\partial Y} \\", "holds (dJ/dgamma, dJ/dbeta for one column as products); left out of the score (30% cap)"),
]

TABLE = {
    "zakka_batchnorm_backward_en.md": ("zak", ZAK, ZAK_DIRS, ZAK_EXCL),
    "bn_cs231n_note_zh.md": ("zht", ZHT, ZHT_DIRS, ZHT_EXCL),
    "bn_appunti_it.md": ("ita", ITA, ITA_DIRS, ITA_EXCL),
    "chrisyeh_batchnorm_en.md": ("yeh", YEH, YEH_DIRS, YEH_EXCL),
}
