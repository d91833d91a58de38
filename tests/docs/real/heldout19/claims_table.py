"""The nineteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout19.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

MUK = [
    ("c_dW", r"\frac{\partial{J}}{\partial{W_{a,b,c,k}}} = \frac{1}{m} \sum_{m_i} \sum_i \sum_j", "Z_{i,j,k} = sum_{a,b,c} X_{i+a,j+b,c} W_{a,b,c,k} + b_k (valid, stride 1, channels last), J = (1/m) sum_{m_i} L^{(m_i)}; dJ/dZ^{(m_i)} in the post's rows is read as the example's own dL^{(m_i)}/dZ^{(m_i)} (Ng's convention, which the post's code follows: dZ without 1/m, then 1/m in dW); then (1/m) sum over examples and outputs of dL/dZ * X_{i+a,j+b,c} is dJ/dW"),
    ("c_db", r"\frac{\partial{J}}{\partial{b_k}} = \frac{1}{m} \sum_{m_i} \sum_i \sum_j", "same reading: dJ/db_k = (1/m) sum over examples and positions of dL/dZ_{i,j,k}"),
    ("c_dX", r"\frac{\partial{J}}{\partial{X^{(m_i)}_{i,j,c}} } = \sum_k \sum_a \sum_b", "W_{a,b,c} read as W_{a,b,c,k} (the index of the sum over k dropped), dL/dZ zero where (i-a, j-b) is no output (the zero padding the text asks for): the example's dL/dX_{i,j,c}"),
    ("fc_dW", r"\frac{\partial{J}}{\partial{W^{[l]}_{jk}}}=  \frac{1}{m}", "column-per-example layout Z = W A + b, dJ/dZ per example as above: (1/m) dZ A^T is the matrix dJ/dW; the subscript jk on the left read as its (j, k) entry"),
    ("sm_g", r"\frac{\partial{J}}{\partial{Z^{[l]}}} = \frac{\partial{J}}{\partial{A^{[l]}}}*g'(Z^{[L]})", "at the softmax output (the section's subject) with * the entrywise product (as in the post's fully connected code, dZ = dA*relu') and g'(Z) the entrywise derivative da_j/dz_j = y-hat_j(1 - y-hat_j): the product is -y_j(1 - y-hat_j), not dJ/dz_j = y-hat_j - y_j (every z_j moves every a_k; the post itself sums over k below); wrong at every class other than the label"),
    ("dJ_dyhat", r"\frac{\partial{J}}{\partial{\hat{y}^{(i)}_j}} =\frac{-y^{(i)}_j}{\hat{y}^{(i)}_j}", "the example's loss -sum_k y_k log y-hat_k differentiated in y-hat_j (the per-example reading above)"),
    ("sm_mj", r"= - \hat{y}^{(i)}_j*\hat{y}^{(i)}_m", "softmax: da_m/dz_j = -y-hat_j y-hat_m for m != j (the quotient e^{z_j} e^{z_m} / (sum)^2 too)"),
    ("expanded", r"\sum_{k \neq j} \frac{-y^{(i)}_k}{\hat{y}^{(i)}_k} *- \hat{y}^{(i)}_j*\hat{y}^{(i)}_k", "the two cases put in: equals the example's dL/dz_j (any label vector y)"),
    ("tidy", r"= -y^{(i)}_j + \hat{y}^{(i)}_j*\sum_k y^{(i)}_k", "dL/dz_j = -y_j + y-hat_j sum_k y_k for any label vector y (checked with one-hot and with positive non-normalised y)"),
]
MUK_DIRS = [
    ("## Convolution Layer\n", "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 channels=2,3 conv=cross index_base=0 names: X=input W=kernel b=bias Z=output J=loss layout: X=HWC W=HWIO Z=HWC -->"),
    ("## Fully-Connected Layer\n", "<!-- symbp: layer=fc in=3 out=2 batch=4 names: A^{[l-1]}=input W^{[l]}=kernel b^{[l]}=bias Z^{[l]}=output z^{[l]}=output J=loss -->"),
    ("## Softmax Layer:\n", "<!-- symbp: layer=softmax classes=3 target=one-hot names: z^{(i)[L]}=input Z^{[l]}=input a^{(i)[L]}=output \\hat{y}^{(i)}=output A^{[l]}=output y^{(i)}=target J=loss -->"),
]
MUK_EXCL = [
    (r"$$Z^{(m_i)}_{i,j,k}= \sum_a \sum_b \sum_c X^{(m_i)}_{i+a,j+b,c} * W_{a,b,c,k}  + b_k$$", "forward definition"),
    (r"$$ Z = \frac{X_{11}+X_{12} + X_{21} + X_{22}}{4} $$", "average pooling forward"),
    (r"$$\frac{\partial{J}}{\partial{b^{[l]}}} = \frac{1}{m} \sum_{i=1}^{m}\frac{\partial{J}}{\partial{Z^{[l](i)}}} $$", "holds (per-example reading); left out of the score (30% cap)"),
    (r"$$\frac{\partial{J}}{\partial{A^{[l-1]}}} = W^{[l]T}.\frac{\partial{J}}{\partial{z^{[l]}}}$$", "holds (per-example columns); left out of the score (30% cap)"),
    (r"$$ J(W,b) = \frac{-1}{m} \sum_{i=1}^{m} \sum_{k} y^{(i)}_k \log(\hat{y}^{(i)}_k)$$", "definition of the cost"),
    (r"$$ softmax(z^{(i)[L]}_j) = \frac{e^{z^{(i)[L]}_j}}{\sum_k e^{z^{(i)[L]}_k}} $$", "definition of the softmax"),
    (r"= \hat{y}^{(i)}_j(1 - \hat{y}^{(i)}_j)$$", "holds (da_j/dz_j = y-hat_j(1 - y-hat_j)); left out of the score (30% cap)"),
    (r"$$ \frac{\partial{J}}{\partial{z^{(i)[L]}_j}} =  \sum_k", "holds (chain rule over the outputs); left out of the score (30% cap)"),
    (r"$$ \frac{\partial{J}}{\partial{z^{(i)[L]}_j}} = \frac{\partial{J}}{\partial{\hat{y}^{(i)}_j}}*", "holds (the sum split at k = j); left out of the score (30% cap)"),
    (r"$$ \frac{\partial{J}}{\partial{z^{(i)[L]}_j}} = \hat{y}^{(i)}_j-y^{(i)}_j $$", "holds (one-hot y); left out of the score (30% cap)"),
    (r"$$\frac{\partial{J}}{\partial{Z^{[l]}}} = \hat{Y} - Y $$", "holds (per-example columns, one-hot Y); left out of the score (30% cap)"),
]

QIU = [
    ("sig_d", r"y^{'}=-1\frac{1}{(1+e^{-x})^2}e^{-x}(-1)", "y = sigmoid(x) = p_i: every member of the chain equals dy/dx (the last, p_i(1 - p_i), with p_i = sigmoid(x))"),
    ("ce_d", r"Loss^{'}=\begin{cases}-1/p_i,y_i=１", "Loss = -y log p - (1 - y) log(1 - p) differentiated in p: -1/p where y = 1, 1/(1 - p) where y = 0"),
    ("comb", r"\frac{dLoss}{dx} = \frac{dLoss}{dp_i}\frac{dpi}{dx}", "p = sigmoid(x): the chain, both cases (-1/p * p(1-p) = p - 1 at y = 1, 1/(1-p) * p(1-p) = p at y = 0) and p - y are dLoss/dx"),
    ("dW", r"\frac{dLoss}{dW} = \frac{dLoss}{dp_i}\frac{dpi}{dx}\frac{dx}{dＷ}", "x = X_{input} W (N samples in rows, K sigmoid outputs), Loss summed over the batch: dLoss/dW = X_{input}^T (p - y), W's shape (.T read as the transpose, * as the matrix product)"),
]
QIU_DIRS = [
    ("## 1. Sigmoid output with a cross-entropy loss\n", "<!-- symbp: layer=activation name=sigmoid names: x=input y=output p_i=output y_i=target Loss=loss -->"),
]
QIU_EXCL = [
    (r"$$y=\frac{1}{1+e^{-x}}$$", "definition of the sigmoid"),
    (r"$$Loss=-y_ilogp_i-(1-y_i)log(1-p_i)$$", "definition of the loss"),
    (r"$$Loss={\sum_{j=0}^{n}{-y_ilogp_i}}$$", "definition of the softmax case's loss (with its index j / i mismatch; no derivative)"),
    (r"$$W = W - lr*\frac{dLoss}{dW}$$", "update rule"),
]

FRA = [
    ("dJ_def", r"\frac{\partial J}{\partial y_{\text{prévu}}} = \frac{\partial}{\partial y_{\text{prévu}}} \left(", "J = (1/2)(y_prévu - y_réel)^2: the row restates the derivative of J's definition"),
    ("dJ_mid", r"= \frac{1}{2} \cdot 2 \cdot (y_{\text{prévu}} - y_{\text{réel}}) * 1", "power rule: (1/2) 2 (y_prévu - y_réel) 1 = dJ/dy_prévu"),
    ("dJ_num", r"= y_{\text{prévu}} - y_{\text{réel}} = 0.731 - 1 = -0.269", "y_prévu = sigmoid(1) = 0.7311, so dJ/dy_prévu = -0.2689 (the numbers within half a unit of their last digit)"),
    ("df_1", r"\frac{\partial f(z)}{\partial z} = \frac{-(-e^{-z})}{(1 + e^{-z})^2}", "f the logistic sigmoid: both members equal f'(z)"),
    ("df_sub", r"= \frac{1-f(z)}{f(z)} * \frac{1}{(1 + \frac{1-f(z)}{f(z)})^2}", "e^{-z} = (1 - f)/f put in: equals f'(z)"),
    ("df_2", r"\frac{\partial f(z)}{\partial z} = (1 - f(z)) \cdot f(z)", "the sigmoid's derivative"),
]
FRA_DIRS = [
    ("### Calcul des dérivées partielles\n", "<!-- symbp: layer=activation name=sigmoid names: z=input f(z)=output y_{\\text{prévu}}=output y_{\\text{réel}}=target J=loss -->"),
]
FRA_EXCL = [
    (r"y_{\text{prévu}} = f(z) = \frac{1}{1 + e^{-1}} = 0.731", "forward value"),
    (r"J = \frac{1}{2} (y_{\text{prévu}} - y_{\text{réel}})^2 = \frac{1}{2} (0.731 - 1)^2 = 0.036", "the cost's value"),
    (r"w_1 \leftarrow w_1 -\eta \cdot \frac{\partial J}{\partial w_1} = w_1-\eta", "update rule (with the chain rule inside)"),
    (r"$$ y_{\text{prévu}} = f(z) = \frac{1}{1 + e^{-z}} $$", "definition"),
    (r"$$ f(z) = \frac{1}{1 + e^{-z}} $$", "definition"),
    (r"$$ e^{-z} = \frac{1-f(z)}{f(z)} $$", "an identity of the sigmoid, no derivative"),
    (r"= y_{\text{prévu}} (1 - y_{\text{prévu}}) = 0.731 \cdot (1 - 0.731) = 0.196", "the symbolic part holds; 0.196 is sigmoid'(1) = 0.19661 cut (not rounded) to three digits, 0.6 units of its last digit off, where the verdict would hang on the tolerance"),
    (r"\Delta w_1 = -\eta \cdot \frac{\partial J}{\partial w_1} = -\eta", "update step (with the chain rule inside)"),
    (r"$$ \Delta w_1 = -0.1 \cdot (-0.269) \cdot 0.196 \cdot 2 = 0.0105 $$", "update arithmetic"),
    (r"$$ w_1 \leftarrow w_1 + \Delta w_1 = 0.5 + 0.0105 = 0.5105 $$", "update arithmetic"),
    (r"\Delta b = -\eta \cdot \frac{\partial J}{\partial b} = -\eta", "update step (with the chain rule inside)"),
    (r"\Delta b = -0.1 \cdot (-0.269) \cdot 0.196 \cdot 1 = 0.0052", "update arithmetic (0.00527 cut to 0.0052)"),
    (r"b \leftarrow b + \Delta b = 0 + 0.0052 = 0.0052", "update arithmetic"),
]

ESP = [
    ("ch1", r"\frac{dz}{dx} = \frac{dz}{dy}\frac{dy}{dx}", "z = f(g(x)), y = g(x): the chain rule (checked on drawn smooth f and g)"),
    ("chv", r"\frac{\partial z}{\partial x_i} = \sum_j \frac{\partial z}{\partial y_j} \frac{\partial y_j}{\partial x_i}", "y = g(x) in R^n, z = f(y): the multivariable chain rule (checked on drawn smooth maps)"),
    ("dE_dz", r"\frac{\partial E}{\partial \hat{z_i}} = - \sum_{i}^n (z_i-\hat{z}_i)", "E = (1/2) sum_i (z_i - z-hat_i)^2 as displayed (n data): dE/dz-hat_i = -(z_i - z-hat_i), one term; the row sums the residuals of all n data (n from 3; it would hold only for n = 1, the \"single datum\" of the text)"),
    ("dz_dw", r"\frac{\partial z_i}{\partial {w}_j} =  {x}_{j,i}", "z_i on the left read as the output z-hat_i, as the sentence before it names it (the target z_i does not depend on w): z-hat_i = w^T x_i, so dz-hat_i/dw_j = x_{j,i}"),
    ("dE_dw_chain", r"\frac{\partial E}{\partial {w_j}} = \frac{\partial E}{\partial \hat{z_i}} \frac{\partial z_i}{\partial  w_j}", "with z_i read as z-hat_i: w_j reaches E through every z-hat_i, so dE/dw_j = sum_i dE/dz-hat_i dz-hat_i/dw_j; the row keeps one datum i (wrong for n from 2, at every i)"),
    ("dE_dw", r"\frac{\partial E}{\partial {w_j}} =  - \sum_{i}^n (z_i-\hat{z}_i){x}_{j,i}", "dE/dw_j = -sum_i (z_i - z-hat_i) x_{j,i}"),
]
ESP_DIRS = [
    ("**Example: backpropagation for one neuron solving a linear regression**\n", "<!-- symbp: layer=fc in=2 out=1 batch=n bias=0 index_base=1 names: x=input w=kernel \\hat{z}=output z=target E=loss -->"),
]
ESP_EXCL = [
    (r"$$z =  f (w_1x+w_2y+b) = f (\mathbf{W}^T \mathbf{x}+b)$$", "the neuron's forward"),
    (r"$$z = f(g(x))$$", "definition of the composition"),
    (r"$$y=g(x)$$", "definition"),
    (r"$$z = f(y)$$", "definition"),
    (r"$$E= \frac{1}{2} \sum_{i\in \text{training}}^n (z_i-\hat{z}_i)^2$$", "definition of the error"),
    (r"$$\hat{z}_i = \mathbf{w}^T \mathbf{x}_i$$", "forward"),
    (r"$$\nabla_\mathbf{w} \hat{z}^T = [", "definition of the gradient vector (its entries named, no value)"),
    (r"$$\nabla_\mathbf{w} E^ T = [", "definition of the gradient vector (its entries named, no value)"),
]

POR = [
    ("chain", r"\frac{\partial E}{\partial(o_i w_{ij})} \bigg[\frac{\partial(o_i w_{ij})}{\partial w_{ij}}\bigg]", "net_j = sum_i o_i w_{ij}; dE/d(o_i w_{ij}) read as dE/dnet_j (the input j receives: E depends on the product only through net_j); with o_i fixed, every member of the row is dE/dw_{ij} = o_i dE/dnet_j"),
    ("G", r"G_{ij} = \frac{\partial E}{\partial(o_i w_{ij})} = o_i\delta_j", "delta_j is defined in the sentence before as dE/d(o_i w_{ij}) itself, so the row says delta_j = o_i delta_j, false for every output o_i != 1 (sigmoid outputs lie in (0, 1)); G_{ij} = o_i delta_j is dE/dw_{ij}, not dE/d(o_i w_{ij})"),
]
POR_DIRS = [
    ("# O algoritmo\n", "<!-- symbp: layer=fc in=3 out=2 weight=in-out index_base=1 names: o=input w=kernel E=loss -->"),
]
POR_EXCL = []

JAP = [
    ("j_chain", r"\Longrightarrow \frac{\partial a(z)}{\partial z} = \overbrace{ -1 \cdot \{ 1 + \exp (-x) \}^{-2}}", "the first factor is written in x, not z (-1 {1 + exp(-x)}^{-2}): as written the product depends on x and equals da/dz only where x = z (x is no variable of a(z); it is the report's letter of sigma(x)); refuted at drawn x != z"),
    ("j_mid", r"= \overbrace{ \frac{1}{1 + \exp(-z)} }^{sigmoid関数 \sigma (z)} \times \frac{\exp (-z)}{1 + exp(-z)}", "equals da/dz for the sigmoid a(z) (\"exp(-z)\" without backslash read as exp)"),
    ("j_final", r"= a(z) \times (1 - a(z))", "the sigmoid's derivative"),
]
JAP_DIRS = [
    ("#### ロジスティック線形回帰モデル\n", "<!-- symbp: layer=activation name=sigmoid names: z=input a(z)=output -->"),
]
JAP_EXCL = [
    (r"\qquad p(C_k|x) = \frac{p(C_k, x)}{p(x)}", "Bayes' theorem"),
    (r"a(z) := \frac{1}{1 + e^{-z}} = \frac{e^z}{1 + e^z}", "definition"),
    (r"\sigma(x) = \frac{1}{1 + \exp (-ax)}", "definition"),
    (r"a(z) = \frac{1}{1 + \exp (-z)} = \{1 + \exp (-z)\}^{-1}", "definition rewritten"),
    (r"\frac{\partial}{\partial x}f(g(x)) = f'(g(x)) \cdot g'(x)", "the chain rule stated in general (a reminder note in the display; no layer quantity)"),
]

TABLE = {
    "mukul_cnn_backprop_en.md": ("muk", MUK, MUK_DIRS, MUK_EXCL),
    "qiudao_sigmoid_bce_zh.md": ("qiu", QIU, QIU_DIRS, QIU_EXCL),
    "jedha_backprop_neurone_fr.md": ("fra", FRA, FRA_DIRS, FRA_EXCL),
    "aprendizaje_backprop_neurona_es.md": ("esp", ESP, ESP_DIRS, ESP_EXCL),
    "backprop_descomplicado_pt.md": ("por", POR, POR_DIRS, POR_EXCL),
    "studyai_sigmoid_deriv_ja.md": ("jap", JAP, JAP_DIRS, JAP_EXCL),
}
