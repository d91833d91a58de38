"""The eighteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it) and occurs once in
its document.  Data only; the truth is computed by ``truth_heldout18.py`` (numpy and torch
autograd, not symbp), whose function for each document ``TABLE`` names."""

XEN = [
    ("dlog_eq", r"= \frac{1}{\sigma(A_i)} \cdot \sigma(A_i) \cdot (1 - \sigma(A_i)) = 1 - \sigma(A_i)", "the case i = k: d log(sigma(A_i))/dA_i = (1/sigma_i) sigma_i (1 - sigma_i) = 1 - sigma_i (sigma the softmax); every link holds"),
    ("dH_eq", r"= -Y_i(1 - \sigma(A_i)) = \sigma(A_i) - Y_i = \sigma(A_i) - 1", "H = -sum_k Y_k log sigma(A_k), one-hot Y: dH/dA_i = sigma_i - Y_i for every i; the row keeps only the k = i term, -Y_i (1 - sigma_i), which is 0 at every class but the label (where the truth is sigma_i), and ends in sigma_i - 1, the value at the label only; read, as written, for every class i it is refuted (it holds only at the labelled class)"),
    ("dlog_ne", r"\cdot -\sigma(A_k) \cdot \sigma(A_i) = - \sigma(A_i)", "the case i != k: d log(sigma_k)/dA_i = (1/sigma_k)(-sigma_k sigma_i) = -sigma_i"),
    ("dH_ne", r"= -Y_i(- \sigma(A_i)) = \sigma(A_i) = \sigma(A_i) - 0", "dH/dA_i = sigma_i - Y_i; the row's -Y_i(-sigma_i) = Y_i sigma_i is 0 away from the label and sigma_i at it, and the row then equates it with sigma_i (- 0): at the labelled class the truth is sigma_i - 1, elsewhere sigma_i, and -Y_i(-sigma_i) is wrong at every class; refuted under any reading of i"),
    ("a11", r"\frac{\partial a_1}{\partial z_1} = \frac{e^{z_1}(e^{z_1} + e^{z_2} + e^{z_3}) - e^{z_1}e^{z_1}}", "a = softmax(z), 3 classes: da_1/dz_1 = quotient rule = a_1 (1 - a_1); every link of the row holds"),
    ("a12", r"\frac{\partial a_1}{\partial z_2} = \frac{0 \cdot (e^{z_1}", "da_1/dz_2 = -e^{z_1} e^{z_2} / S^2 = -a_1 a_2; every link holds"),
    ("jac", r"\frac{\partial \mathbf{a}}{\partial \mathbf{z}} =", "the softmax Jacobian (row i: a_i, column j: z_j) is a_i (delta_ij - a_j), symmetric: the written 3x3 matrix"),
    ("dLda", r"\frac{\partial \mathcal{L}}{\partial a_L} = \begin{bmatrix}", "L = -sum_c y_c log a_{Lc}: dL/da_{Lc} = -y_c / a_{Lc}, both the middle column and the last"),
    ("chain", r"\frac{\partial \mathcal{L}}{\partial z_L} = \frac{\partial \mathcal{L}}{\partial a_L} \frac{\partial a_L}{\partial z_L}", "chain rule: dL/dz = (dL/da as a row) times the Jacobian da/dz"),
    ("row", r"= -\begin{bmatrix} y_1 - a_1(y_1 + y_2 + y_3)", "dL/dz_i = a_i (y_1 + y_2 + y_3) - y_i for any y (the row written as a row vector, the layout of dL/da times da/dz); checked with one-hot and with general y"),
    ("amy", r"= \mathbf{a} - \mathbf{y}", "with a one-hot y (y_1 + y_2 + y_3 = 1, as the text says): dL/dz = a - y"),
    ("exp0", r"\frac{\partial H}{\partial A_i} = \frac{\partial (-Y_1\log(\sigma(A_1))  -Y_2\log(\sigma(A_2))", "H written out term by term: its derivative is that of the written-out sum (C classes, the dots the terms between)"),
    ("exp1", r"=  \frac{\partial (-Y_1\log(\sigma(A_1)))}{\partial A_i}  + \frac{\partial (-Y_2\log(\sigma(A_2)))}{\partial A_i}", "linearity: the derivative of the sum is the sum of the derivatives"),
    ("exp2", r"=-Y_1\frac{\partial \log(\sigma(A_1))}{\partial A_i} -Y_2", "the labels Y_k are constants"),
    ("exp3", r"=- \sum_{k=1}^{C} Y_k \frac{\partial \log(\sigma(A_k))}{\partial A_i}", "the same sum written with sigma"),
    ("step3", r"\frac{\partial H}{\partial A_i} = \sigma(A_i) - Y_i", "one-hot Y: dH/dA_i = sigma_i - Y_i"),
    ("xent", r"\text{xent.backward}() = \frac{\sigma(A) - Y}{N}", "the backward of the mean cross-entropy over the N rows of A (the loss the section defines, meancrossentropyloss = SCE/N) is d(loss)/dA = (sigma(A) - Y)/N, row-wise softmax, one-hot rows; the left side, a method call, read as that gradient"),
    ("dLoss", r"\frac{\partial \text{Loss}}{\partial A} = \frac{\sigma(A) - Y}{N}", "Loss = the mean cross-entropy of the batch (N = 2 in the example): dLoss/dA = (sigma(A) - Y)/N"),
]
XEN_DIRS = [
    ("The note opens with the derivative of the loss with respect to one logit", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: A=input \\sigma=output Y=target H=loss -->"),
    ("# Softmax + Cross Entropy\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input z_L=input a=output a_L=output \\mathbf{a}=output \\hat{y}=output y=target \\mathbf{y}=target \\mathcal{L}=loss -->"),
    ("The note then explains again why the derivative", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: A=input \\sigma=output Y=target H=loss -->"),
    ("# Cross-Entropy Loss\n", "<!-- symbp: layer=softmax classes=3 batch=2 target=one-hot index_base=1 names: A=input \\sigma=output Y=target \\text{Loss}=loss -->"),
]
XEN_EXCL = [
    (r"$$\frac{\partial H}{\partial A_i} = - \sum\limits_{k=1}^{C} Y_k \frac{\partial \log(\sigma(A_k))}{\partial A_i}$$" + "\n\nFor the term", "the sum over the classes (holds); its text begins the two rows below, so no fragment names it alone"),
    (r"\frac{e^{z_1}}{e^{z_1} + e^{z_2} + e^{z_3}}\\", "definition of the softmax (forward)"),
    (r"&= -\begin{bmatrix} \frac{y_1}{a_1} \\ \frac{y_2}{a_2} \\ \frac{y_3}{a_3} \end{bmatrix} ", "a 3x1 column times a 3x3 matrix is undefined as written; read as the row vector dL/da it is meant to be, the product is dL/dz: the verdict hangs on the reading, not scored"),
    (r"H(Y, \sigma(A)) = - \sum_{i=1}^{C} Y_i \log(\sigma(A_i))$$", "definition of the loss"),
    (r"\sigma(A_i) = \frac{e^{A_i}}{\sum\limits_{j=1}^{C} e^{A_j}}", "definition of the softmax"),
    (r"&= -Y_1\log(\sigma(A_1))  -Y_2\log(\sigma(A_2))-...-Y_C\log(\sigma(A_C))", "the loss written out (no derivative)"),
    (r"\text{softmax}(A) = \sigma(A) = \frac{\exp(A)}{\sum\limits_{j=1}^{C} \exp(A_{ij})}", "definition of the row-wise softmax"),
    (r"\text{crossentropy} = H(A, Y)", "definition of the per-row cross-entropy"),
    (r"\text{sumcrossentropyloss} :=", "definition"),
    (r"\text{meancrossentropyloss} := \frac{SCE(A, Y)}{N}", "definition"),
    (r"\sigma(A_1) = \left[\frac{e^{2.0}}", "the example's softmax (forward)"),
    (r"\sigma(A_2) = \left[\frac{e^{0.1}}", "the example's softmax (forward)"),
    (r"H(A_i, Y_i) = -\sum_{c=1}^{C}", "definition"),
    (r"H(A_1, Y_1) = -[0 \times", "the example's loss (forward)"),
    (r"H(A_2, Y_2) = -[1 \times", "the example's loss (forward)"),
    (r"\text{meancrossentropyloss} = \frac{H(A_1, Y_1) + H(A_2, Y_2)}{2}", "the example's mean loss (forward)"),
]

KOR = [
    ("q1", r"\frac{\partial \hat{y}_k}{\partial z_k} = \frac{e^{z_k} \cdot \sum_j e^{z_j} - e^{z_k} \cdot e^{z_k}}{(\sum_j e^{z_j})^2}", "the quotient rule for the diagonal: dy-hat_k/dz_k"),
    ("q2", r"= \frac{e^{z_k}}{\sum_j e^{z_j}} - \frac{e^{z_k}}{\sum_j e^{z_j}} \cdot \frac{e^{z_k}}{\sum_j e^{z_j}}", "the same split in two terms (continues dy-hat_k/dz_k)"),
    ("q3", r"= \hat{y}_k - \hat{y}_k^2 = \hat{y}_k(1 - \hat{y}_k)", "dy-hat_k/dz_k = y-hat_k (1 - y-hat_k)"),
    ("r1", r"\frac{\partial \hat{y}_k}{\partial z_i} = \frac{0 \cdot \sum_j e^{z_j} - e^{z_k} \cdot e^{z_i}}{(\sum_j e^{z_j})^2}", "i != k (the case heading): dy-hat_k/dz_i = -e^{z_k} e^{z_i} / S^2"),
    ("r2", r"= -\frac{e^{z_k}}{\sum_j e^{z_j}} \cdot \frac{e^{z_i}}{\sum_j e^{z_j}} = -\hat{y}_k \hat{y}_i", "i != k: -y-hat_k y-hat_i"),
    ("kron", r"\frac{\partial \hat{y}_k}{\partial z_i} = \hat{y}_k(\delta_{ki} - \hat{y}_i)", "both cases with the Kronecker delta: the softmax Jacobian"),
    ("dLdy", r"\frac{\partial L}{\partial \hat{y}_k} = -\frac{y_k}{\hat{y}_k}", "L = -sum_k y_k log y-hat_k, y-hat taken as free: dL/dy-hat_k = -y_k / y-hat_k"),
    ("dLdyc", r"\frac{\partial L}{\partial \hat{y}_c} = -\frac{1}{\hat{y}_c}", "at the true class c (y_c = 1)"),
    ("c1", r"\frac{\partial L}{\partial z_i} = \sum_{k=1}^{K} \frac{\partial L}{\partial \hat{y}_k} \cdot \frac{\partial \hat{y}_k}{\partial z_i}", "chain rule through all K outputs"),
    ("c2", r"\frac{\partial L}{\partial z_i} = \sum_{k=1}^{K} \left( -\frac{y_k}{\hat{y}_k} \right)", "the two factors substituted"),
    ("c3", r"= \sum_{k=1}^{K} -y_k(\delta_{ki} - \hat{y}_i)", "y-hat_k cancels"),
    ("c4", r"= -\sum_{k=1}^{K} y_k \delta_{ki} + \sum_{k=1}^{K} y_k \hat{y}_i", "the sum split in two"),
    ("fin", r"\frac{\partial L}{\partial z_i} = -y_i + \hat{y}_i = \hat{y}_i - y_i", "one-hot y (sum y_k = 1): dL/dz_i = y-hat_i - y_i"),
    ("vec", r"\frac{\partial L}{\partial z} = \hat{y} - y", "the same as a vector"),
    ("batch", r"\frac{\partial L}{\partial z} = \frac{1}{N}(\hat{y} - y)", "read, as the sentence before says (배치 처리 시 평균을 취하면), with L the mean of the N per-sample losses and z, y-hat, y the N x K batch: dL/dz = (y-hat - y)/N (taken with the single-sample L of the rows above it would be off by the factor 1/N)"),
]
KOR_DIRS = [
    ("### 3.3.1 Softmax Function\n", "<!-- symbp: layer=softmax classes=3 names: z=input \\hat{y}=output -->"),
    ("### 3.3.3 Cross-Entropy Derivative\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: z=input \\hat{y}=output y=target L=loss -->"),
]
KOR_EXCL = [
    (r"\hat{y}_k = \text{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}", "definition of the softmax"),
    (r"\frac{\partial \hat{y}_k}{\partial z_k} = \frac{\partial}{\partial z_k} \left(", "the derivative restated from the definition"),
    (r"\frac{\partial \hat{y}_k}{\partial z_i} = \frac{\partial}{\partial z_i} \left(", "the derivative restated from the definition"),
    (r"L = -\sum_{k=1}^{K} y_k \log(\hat{y}_k)", "definition of the loss"),
    (r"L = -\log(\hat{y}_c)", "the loss with a one-hot label (no derivative)"),
    (r"-\sum_{k=1}^{K} y_k \delta_{ki} = -y_i$$", "an identity of the Kronecker delta (no derivative)"),
    (r"\sum_{k=1}^{K} y_k \hat{y}_i = \hat{y}_i \sum_{k=1}^{K} y_k", "an identity of the one-hot sum (no derivative)"),
    (r"\log\left(\sum_j e^{z_j}\right) = \log\left(\sum_j e^{z_j - z_{max}}\right) + z_{max}", "the log-sum-exp identity (no derivative)"),
]

JAP = [
    ("w_chain", r"\frac{\partial E_n}{\partial w_{ji}} = \frac{\partial E_n}{\partial a_j}", "a_j = sum_k w_{jk} x_k + b_j: w_{ji} enters E_n only through a_j, chain rule"),
    ("da_dw", r"\frac{\partial a_j}{\partial w_{ji}} = x_i", "da_j/dw_{ji} = x_i"),
    ("w_delta", r"\frac{\partial E_n}{\partial w_{ji}} = \delta_j x_i", "delta_j = dE_n/da_j"),
    ("delta_out", r"\delta_j = \sum_k \frac{\partial E_n}{\partial y_{n,k}} \frac{\partial y_{n,k}}{\partial a_j}", "y_{n,k} = softmax(a)_k: chain rule through all outputs"),
    ("smax", r"\frac{\partial y_{n,k}}{\partial a_j} = y_{n,k} (1-y_{n,j}), -y_{n,j}", "read as the pair (case k = j, case k != j), as the memo carries it through the rows below: the first, y_{n,k}(1 - y_{n,j}) at k = j, holds; the second, -y_{n,j}, is not dy_{n,k}/da_j = -y_{n,k} y_{n,j} (the factor y_{n,k} is missing; the rows below put it back)"),
    ("r1", r"= -\sum_k t_{n,k} \frac{\ln y_{n,k}}{\partial y_{n,k}}", "dE_n/dy_{n,k} = -t_{n,k}/y_{n,k}: the fraction with no partial sign above read as d ln y_{n,k}/dy_{n,k} (as the next row evaluates it), the pair as (k = j, k != j) with the corrected second entry -y_{n,k} y_{n,j}, the extra closing parenthesis a typo: -sum_k t_k (1/y_k) dy_k/da_j = delta_j"),
    ("r2", r"= -\sum_k t_{n,k} \frac{1}{y_{n,k}} (y_{n,k}(1-y_{n,j}), -y_{n,k} y_{n,j})", "the same with d ln y/dy = 1/y; pair read as (k = j, k != j)"),
    ("r3", r"= -\sum_k t_{n,k} (1-y_{n,j}, -y_{n,j})", "y_{n,k} cancelled in both entries of the pair: -t_j (1 - y_j) + sum_{k != j} t_k y_j = delta_j (for any t)"),
    ("r5", r"= \sum_k t_{n,k} y_{n,j} - t_{n,j}", "y_j sum_k t_k - t_j = dE_n/da_j (for any t)"),
    ("r6", r"= y_{n,j} - t_{n,j}", "a k-class (one-hot) target sums to 1: delta_j = y_j - t_j"),
]
JAP_DIRS = [
    ("## 全結合層におけるwijの変化量導出\n", "<!-- symbp: layer=fc in=3 out=2 index_base=1 names: x=input w=kernel b=bias a=output E_n=loss -->"),
    ("### 出力層の場合\n", "<!-- symbp: layer=softmax classes=3 target=one-hot index_base=1 names: a=input y=output y_{n,k}=output y_{n,j}=output t=target t_{n,k}=target t_{n,j}=target E_n=loss -->"),
]
JAP_EXCL = [
    (r"a_j = \sum_{k} w_{jk} x_k + b_j", "forward definition"),
    (r"\frac{\partial E_n}{\partial a_j} = \delta_j", "definition of delta"),
    (r"softmax: h(a) = \frac{e^{a_i}}{\sum_k e^{a_k}}", "definition of the softmax"),
    (r"E_n = -\sum_k t_{n,k} \ln y_{n,k}", "definition of the loss"),
    (r"\delta_j = \frac{\partial E_n}{\partial a_j}", "definition of delta (the rows after it continue it)"),
    (r"= -t_{n,1} \cdot -y_{n,j} + (-t_{n,j}) + (-t_{n,j} \cdot -y_{n,j})+ ...", "the expanded sum ends in dots that do not say which terms they stand for (and its first term is a k != j term only when j != 1): not settled"),
]

CSC = [
    ("pow", r"f(x)'= cn \ast x^{n -1}", "f(x) = c x^n: f'(x) = c n x^{n-1} (checked for several c, n and x > 0)"),
    ("dLdy", r"\frac{\partial \mathcal{L}}{\partial y} = \frac{\partial \mathcal{L}}{\partial z} \frac{\partial \mathcal{z}}{\partial y} = z * 1 = z = y - t", "L = (y - t)^2 / 2 with z = y - t (\\mathcal{z} read as z): dL/dy = z = y - t; every link holds"),
    ("chain", r"(\mathcal{L} \circ z)'(y) = \mathcal{L}' ( z(y) ) z'(y)", "the chain rule for L(z(y)) with L(z) = z^2/2, z(y) = y - t: L'(z(y)) z'(y) = (y - t) 1 = dL/dy"),
    ("zz", r"= z(z(y))", "L'(z(y)) is z(y) (L'(u) = u), not z applied to z(y): z(z(y)) = y - 2t, while (L o z)'(y) = y - t"),
    ("y2t", r"= y - 2t", "(L o z)'(y) = dL/dy = y - t, not y - 2t"),
    ("ybar", r"\frac{\partial \mathcal{L}}{\partial y} = y - t = \overline{y}", "L = (y - t)^2 / 2: dL/dy = y - t (y-bar its name)"),
    ("dydz", r"\frac{\partial \mathcal{y}}{\partial z} = \frac{\partial \mathcal{\sigma}}{\partial z} = \mathcal{\sigma}'(z)", "y = sigma(z) (the logistic sigmoid): dy/dz = sigma'(z)"),
    ("dzdw", r"\frac{\partial \mathcal{z}}{\partial w} = x", "z = w x + b, the neuron of the lecture's computation graph the note pictures (the note writes no display for z): dz/dw = x"),
    ("zbar", r"\overline{z} = \frac{\partial \mathcal{L}}{\partial y} \frac{\partial \mathcal{y}}{\partial z} = \overline{y} \ \mathcal{\sigma}'(z)", "z-bar = dL/dz = (y - t) sigma'(z)"),
    ("wbar1", r"\overline{w} = \frac{\partial \mathcal{L}}{\partial y} \frac{\partial \mathcal{y}}{\partial z} \ \frac{\partial \mathcal{z}}{\partial w}", "w-bar = dL/dw by the chain rule through y and z"),
    ("wbar2", r"= \overline{z} x", "dL/dw = z-bar x"),
    ("ax", r"\frac{\partial a_{1,} . x_{,1}}{\partial a^{1}_{1,1}} = x^{0}_{1,1}", "F = A X, F_{11} = a_{1,} . x_{,1} = sum_t a_{1,t} x_{t,1}: dF_{11}/da_{1,1} = x_{1,1}"),
]
CSC_DIRS = [
    ("The squared error of one output:\n", "<!-- symbp: layer=activation name=identity names: y=input z=output \\mathcal{L}=loss t=target -->"),
    ("Note: $\\overline{z}$\nstands for", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output y=activation \\sigma=activation \\mathcal{L}=loss t=target -->"),
    ("The note then turns to the Kronecker product", "<!-- symbp: layer=fc in=3 out=2 batch=4 weight=rows index_base=1 names: X=input x=input A=kernel a=kernel F=output -->"),
]
CSC_EXCL = [
    (r"f(x) &= cx^{n} \\", "definition of f"),
    (r"(f \circ g)'(x) = f'\big( g(x) \big ) g'(x)" + "\n$$", "the chain rule stated for any f and g (no layer, nothing to check against)"),
    (r"$$" + "\n" + r"\mathcal{L} = \frac{1}{2} (y - t) ^ 2" + "\n$$", "definition of the loss"),
    (r"= z(y-t) \\", "refuted like the rows around it (z(y - t) = y - 2t); left out of the score (30% cap)"),
    (r"= (y-t) -t \\", "refuted like the rows around it; left out of the score (30% cap)"),
    (r"\mathcal{L} = \frac{1}{2} (y - t) ^ 2 \\", "definition of the loss and of y"),
    (r"a_{1,} . x_{,1} & a_{1,} . x_{,2}", "the matrix product F = A X written out (forward)"),
]

AFF = [
    ("x_case", r"x_{ij|pq}'=\frac{\partial a_{ij}}{\partial x_{pq}} =" + "\n\\left\\{\n \\begin{array}{rr}\n  w_{jq}", "A = X W^T + b, a_{ij} = sum_t x_{it} w_{jt} + b_j: da_{ij}/dx_{pq} = w_{jq} if p = i, else 0"),
    ("ex_sum", r"\frac {\partial e}{\partial x_{pq}}=\sum_{j =1}^{j =n} a_{pj}'w_{jq}", "de/dx_{pq} = sum_j (de/da_{pj}) w_{jq} (a_{pj}' = de/da_{pj})"),
    ("dX_sum", r"\frac {d e}{d X}=\begin{pmatrix}" + "\n" + r"\sum_{j =1}^{j =n} a_{1j}'w_{j1}", "the m x k matrix of those sums: every written entry (rows 1, 2, 3, m; columns 1, 2, 3, k) is de/dx_{rc}"),
    ("dX_prod", "a_{mn}'\n\\end{pmatrix}\n\\begin{pmatrix}\nw_{11}w_{12} w_{13}", "the matrix of the a_{ij}' (m x n) times W as written (n x k): de/dX; every written entry checked"),
    ("w_case", r"w_{ij|pq}'=\frac{\partial a_{ij}}{\partial w_{pq}} =" + "\n\\left\\{\n \\begin{array}{rr}\n  x_{iq}", "da_{ij}/dw_{pq} = x_{iq} if p = j, else 0"),
    ("ew_sum", r"\frac {\partial e}{\partial w_{pq}}=\sum_{i =1}^{i =m} a_{ip}'x_{iq}", "de/dw_{pq} = sum_i a_{ip}' x_{iq}"),
    ("dW_sum", r"\frac {d e}{d W}=" + "\n" + r"\begin{pmatrix}" + "\n" + r"\sum_{i =1}^{i =m} a_{i1}'x_{i1}\sum_{i =1}^{i =m} a_{i1}'x_{i2}", "de/dW (n x k) has entry (r, c) = sum_{i=1}^{m} a_{ir}' x_{ic}; the written entry (3, 2) sums from i = 3, and the entry (n, 2) is sum_{i=3}^{m} a_{in}' x_{in} (lower bound 3, and x_{in} for x_{i2}): refuted"),
    ("dW_prod", r"a_{1n}' a_{2n}' a_{3n}'\cdots a_{mn}'", "the transposed matrix of the a_{ij}' (n x m) times X (m x k): de/dW; every written entry checked"),
    ("dW", r"\frac {d e}{d W} =\nabla e_{(A)}^TX", "de/dW = (de/dA)^T X"),
    ("b_chain", r"\frac {\partial e}{\partial b_{q}} =" + "\n" + r"\sum_{i = 1}^{i=m}\sum_{j =1}^{j =n}", "chain rule over all entries of A, with b_{ij|q}' = da_{ij}/db_q (1 if q = j)"),
    ("b_sum", r"\sum_{i = 1}^{i=m} a_{iq}'\cdot 1", "de/db_q = sum_i a_{iq}'"),
    ("db_vec", r"\frac {d e}{d b} = (\sum_{i = 1}^{i=m} a_{i1}'", "b has n entries and de/db_q = sum_i a_{iq}'; the written last entry is sum_i a_{im}' (m the number of rows, not of outputs): at m != n it is another output's sum or no entry at all; refuted"),
    ("x_case4", r"x_{ij|pq}'=\frac{\partial a_{ij}}{\partial x_{pq}} =" + "\n\\left\\{\n \\begin{array}{rr}\n  w_{qj}", "A = X W + b (W k x n), a_{ij} = sum_t x_{it} w_{tj} + b_j: da_{ij}/dx_{pq} = w_{qj} if p = i"),
    ("ex_sum4", r"\frac {\partial e}{\partial x_{pq}}=\sum_{j =1}^{j =n} a_{pj}'w_{qj}", "de/dx_{pq} = sum_j a_{pj}' w_{qj}"),
    ("dX_prod4", r"w_{11}w_{21} w_{31}\cdotsw_{k1}", "the a_{ij}' matrix times the written W^T (n x k, row r: w_{1r}, w_{2r}, w_{3r}, ..., w_{kr}): de/dX; every written entry checked"),
    ("dX4", r"\frac {d e}{d X} =\nabla e_{(A)}W^T", "de/dX = (de/dA) W^T"),
    ("w_case4", r"w_{ij|pq}'=\frac{\partial a_{ij}}{\partial w_{pq}} =" + "\n\\left\\{\n \\begin{array}{rr}\n  x_{ip}", "da_{ij}/dw_{pq} = x_{ip} if q = j"),
    ("ew_sum4", r"\frac {\partial e}{\partial w_{pq}}=\sum_{i =1}^{i =m} a_{iq}'x_{ip}", "de/dw_{pq} = sum_i a_{iq}' x_{ip}"),
    ("dW_sum4", r"\sum_{i =1}^{i =m} a_{i1}'x_{i1}\sum_{i =1}^{i =m} a_{i2}'x_{i1}", "de/dW (k x n) has entry (r, c) = sum_{i=1}^{m} a_{ic}' x_{ir}; the written entries (3, 2) and (k, 2) sum from i = 3: refuted"),
    ("dW_prod4", r"x_{11}x_{21} x_{31}\cdotsx_{m1}", "X^T as written has x_{31} at (2, 3) (X^T there is x_{32}) and x_{32} at (3, 2) (X^T there is x_{23}): the product is not de/dW; refuted"),
    ("dW4", r"\frac {d e}{d W} = X^T\nabla e_{(A)}", "de/dW = X^T (de/dA)"),
]
AFF_DIRS = [
    ("## 1. Affine 的一种定义\n", "<!-- symbp: layer=fc in=5 out=4 batch=6 weight=rows index_base=1 names: X=input x=input W=kernel w=kernel b=bias A=output a=output e=loss -->"),
    ("## 4. Affine 的另一种定义\n", "<!-- symbp: layer=fc in=5 out=4 batch=6 weight=in-out index_base=1 names: X=input x=input W=kernel w=kernel b=bias A=output a=output e=loss -->"),
]
AFF_EXCL = [
    (r"affine(x_i,w_i,b) = x_iw_i+b", "definition (forward)"),
    (r"a^T=affine(X,w,b)  =  Xw^T + b", "definition (forward)"),
    (r"A_{m\times n} = affine(X,W,b)  = X_{m\times k}W^T_{n\times k} + b_{1 \times n}", "definition (forward)"),
    (r"a_{23} =\sum_{t=1}^{k} x_{2t}", "an entry of the forward written out"),
    (r"e=forward(A)", "definition"),
    (r"\frac {\partial e}{\partial x_{pq}} =\sum_{i = 1}^{i=m}\sum_{j =1}^{j =n} \frac {\partial e}{\partial a_{ij}}\frac {\partial a_{ij}}{\partial x_{pq}}", "the chain rule over all a_{ij} (holds in 3.3 and 4.1); the row stands twice word for word, so no fragment names one of them"),
    (r"$$" + "\n" + r"\frac {d e}{d X} =\nabla e_{(A)}W" + "\n$$", "holds (de/dX = (de/dA) W in 3.3), but its text is the beginning of 4.1's \\nabla e_{(A)}W^T, so no fragment names it alone"),
    (r"\frac {\partial e}{\partial w_{pq}} =" + "\n" + r"\sum_{i = 1}^{i=m}\sum_{j =1}^{j =n} \frac {\partial e}{\partial a_{ij}}\frac {\partial a_{ij}}{\partial w_{pq}}", "the chain rule for w (holds in 3.4 and 4.2); the row stands twice word for word"),
    (r"b_{ij|p}'=\frac{\partial a_{ij}}{\partial b_{q}} =", "holds with its subscript p read as the q of its fraction; left out of the score (30% cap on the case rows)"),
    (r"\frac {de}{db}=sum(\nabla e_{(A)},\; axis=0)", "holds (the column sum of de/dA), in 3.5 and again in 4.3 word for word: no fragment names one"),
    (r"A_{m\times n} = affine(X,W,b)  = X_{m\times k}W_{k\times n} + b_{1 \times n}", "the other definition (forward)"),
    (r"\frac {d e}{d X}=\begin{pmatrix}" + "\n" + r"\sum_{j =1}^{j =n} a_{1j}'w_{1j}", "holds (4.1's matrix of sums); left out of the score (30% cap: the matrix rows of the two definitions are alike)"),
]

ESP = [
    ("dLdw_chain", r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot \frac{\partial z}{\partial w}", "z = w x + b, a = sigma(z), L(a, y): chain rule"),
    ("dLdb_chain", r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial a} \cdot", "chain rule for b"),
    ("dLdw", r"\frac{\partial L}{\partial w} = (a - y) \cdot \sigma'(z) \cdot x", "with the loss the text names for dL/da = a - y, L = (a - y)^2 / 2: dL/dw = (a - y) sigma'(z) x (sigma checked as the sigmoid and as tanh)"),
    ("dLdb", r"\frac{\partial L}{\partial b} = (a - y) \cdot \sigma'(z)", "the same loss: dL/db = (a - y) sigma'(z)"),
    ("delta_l", r"\delta^l = (W^{l+1})^T \delta^{l+1} \odot \sigma'^l(z^l)", "z^{l+1} = W^{l+1} sigma(z^l) + b^{l+1}, delta = dL/dz: delta^l = (W^{l+1})^T delta^{l+1} odot sigma'(z^l) (odot applied after the product, the only grouping whose shapes fit at unequal layer sizes)"),
    ("delta2_gen", r"\delta^2 = (a^2 - y) \odot \sigma'(z^2)", "the example's output, a^2 = sigmoid(z^2), read with L = (a^2 - y)^2 / 2 (the loss of the text's single-neuron section, the only one the text names): dL/dz^2 = (a^2 - y) sigma'(z^2)"),
    ("delta2_num_form", r"\delta^2 = (a^2 - y) \cdot \sigma'(z^2)", "the same with one output (\\cdot for the one-entry odot)"),
    ("sig_num", r"\sigma'(z^2) = a^2(1 - a^2) = 0.5374 \cdot (1 - 0.5374)", "z^2 = 0.15 in the example: sigma'(z^2) = a^2 (1 - a^2) = 0.2485987; the written 0.2486 within its last digit"),
    ("delta2_num", r"\delta^2 = -0.4626 \cdot 0.2486 \approx -0.1150", "dL/dz^2 = (0.5374298 - 1) 0.2485987 = -0.1149933: -0.1150 within its last digit"),
    ("dW2_num", r"\frac{\partial L}{\partial W^2} = \delta^2 (a^1)^T = -0.1150", "dL/dW^2 = delta^2 (a^1)^T = (-0.0919946, -0.0689960, 0): the written -0.092, -0.069, 0.0 within their last digits"),
    ("db2_num", r"\frac{\partial L}{\partial b^2} = \delta^2 = -0.1150", "dL/db^2 = delta^2 = -0.1149933"),
    ("relu_p", r"\Rightarrow \text{ReLU}'(z^1) = \begin{bmatrix} 1 \\ 1 \\ 0 \end{bmatrix}", "z^1 = (0.8, 0.6, -0.8): ReLU'(z^1) = (1, 1, 0)"),
    ("delta1_num", r"\delta^1 = \begin{bmatrix} -0.023 \\ 0.0115 \\ -0.0345 \end{bmatrix} \odot", "dL/da^1 = (W^2)^T delta^2 = (-0.0229987, 0.0114993, -0.0344980) odot (1, 1, 0) = dL/dz^1 = (-0.0229987, 0.0114993, 0): the written numbers within their last digits"),
    ("dW1_num", r"\frac{\partial L}{\partial W^1} = \delta^1 (x)^T = " + "\n" + r"\begin{bmatrix}" + "\n-0.023", "dL/dW^1 = delta^1 x^T, delta^1 as the rounded column the row writes"),
    ("dW1_vals", r"=\begin{bmatrix}" + "\n" + r"-0.023  -0.046", "dL/dW^1 = ((-0.0229987, -0.0459973), (0.0114993, 0.0229987), (0, 0)): the written entries within their last digits"),
    ("db1_num", r"\frac{\partial L}{\partial b^1} = \delta^1 = \begin{bmatrix} -0.023", "dL/db^1 = delta^1"),
    ("sum_dW2", r"\frac{\partial L}{\partial W^2} = \begin{bmatrix} -0.092", "the summary's dL/dW^2"),
    ("sum_db1", r"\frac{\partial L}{\partial b^1} = \begin{bmatrix} -0.023 \\ 0.0115 \\ 0 \end{bmatrix}", "the summary's dL/db^1"),
]
ESP_DIRS = [
    ("**2. El contexto básico: una red neuronal simple**\n", "<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output a=activation \\sigma=activation y=target L=loss -->"),
    ("## Propagación hacia atrás en varias capas\n", "<!-- symbp: layer=fc in=3 out=2 names: W^{l+1}=kernel z^l=input z^{l+1}=output L=loss -->"),
    ("## 5. Ejemplo\n", "<!-- symbp: layer=fc in=3 out=1 index_base=1 names: a^1=input W^2=kernel b^2=bias z^2=output a^2=activation y=target L=loss -->"),
    ("## 🔢 Supuestos numéricos\n", "<!-- symbp: layer=fc in=3 out=1 index_base=1 names: a^1=input W^2=kernel b^2=bias z^2=output a^2=activation y=target L=loss -->"),
]
ESP_EXCL = [
    (r"z = w x + b" + "\n$$", "forward definition"),
    (r"L = L(a, y)", "definition"),
    (r"w \leftarrow w - \eta", "update rule"),
    (r"b \leftarrow b - \eta", "update rule"),
    (r"\delta^l = \frac{\partial L}{\partial z^l}", "definition of delta"),
    (r"$$" + "\n" + r"(W^{l+1})^T \delta^{l+1}" + "\n$$", "an expression, no equation"),
    (r"z^1 = W^1 x + b^1 \quad", "forward definition"),
    (r"\frac{\partial L}{\partial W^2} = \delta^2 (a^1)^T" + "\n$$", "holds (dL/dW^2 = delta^2 (a^1)^T); its text begins the numeric row below, so no fragment names it alone"),
    (r"\frac{\partial L}{\partial b^2} = \delta^2" + "\n$$", "holds; its text begins the numeric row below"),
    (r"\delta^1 = (W^2)^T \delta^2 \odot \text{ReLU}'(z^1)", "holds (dL/dz^1, ReLU hidden layer); the row stands twice word for word"),
    (r"\frac{\partial L}{\partial W^1} = \delta^1 (x)^T" + "\n$$", "holds; its text begins the numeric row below"),
    (r"\frac{\partial L}{\partial b^1} = \delta^1" + "\n$$", "holds; its text begins the numeric row below"),
    (r"x = \begin{bmatrix} 1 \\ 2 \end{bmatrix}", "the example's data"),
    (r"W^1 = \begin{bmatrix} 0.1", "the example's data"),
    (r"W^2 = \begin{bmatrix} 0.2 & -0.1 & 0.3 \end{bmatrix}, \quad b^2", "the example's data"),
    (r"y = \begin{bmatrix} 1 \end{bmatrix}", "the example's label"),
    (r"z^1 = W^1 x + b^1 = ", "forward arithmetic"),
    (r"= 0.2(0.8) + (-0.1)(0.6)", "forward arithmetic"),
    (r"a^2 = \text{sigmoid}(z^2) = \frac{1}{1 + e^{-0.15}}", "forward value"),
    (r"a^2 = 0.5374, \quad y = 1 \Rightarrow a^2 - y = -0.4626", "arithmetic of the example (a^2 - y, no derivative named)"),
    (r"(W^2)^T = \begin{bmatrix}", "a transpose written out"),
    (r"(W^2)^T \delta^2 = \begin{bmatrix} 0.2", "arithmetic (the numbers are dL/da^1, correct to their digits; no derivative named)"),
    (r"\frac{\partial L}{\partial b^2} = -0.1150", "the summary repeats dL/db^2 (holds); left out of the score (30% cap on repeats)"),
    (r"\frac{\partial L}{\partial W^1} = \begin{bmatrix}" + "\n" + r"    -0.023", "the summary repeats dL/dW^1 (holds); left out of the score (30% cap on repeats)"),
]

TABLE = {
    "xent_softmax_logits_en.md": ("xen", XEN, XEN_DIRS, XEN_EXCL),
    "softmax_ce_grad_ko.md": ("kor", KOR, KOR_DIRS, KOR_EXCL),
    "dl_memo_fc_softmax_ja.md": ("jap", JAP, JAP_DIRS, JAP_EXCL),
    "csc321_autodiff_notes_zh.md": ("csc", CSC, CSC_DIRS, CSC_EXCL),
    "brightlamp_affine_fc_zh.md": ("aff", AFF, AFF_DIRS, AFF_EXCL),
    "josefruiz_backprop_mlp_es.md": ("esp", ESP, ESP_DIRS, ESP_EXCL),
}
