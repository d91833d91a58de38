"""The fifteenth held-out set's claims: per document, its claims (id, a fragment of the row that
identifies it, why), the README-style directives (one per section: the text before which each
goes, the line) and the displays left out of the score with the reason.  Claims are listed in
document order; a fragment holds no ``&`` (aligned rows are read without it).  Data only; the
truth is computed by ``truth_heldout15.py`` (numpy and torch autograd, not symbp), whose function
for each document ``TABLE`` names."""

KH = [
    ("kh_w5a", r"\frac{\partial L}{\partial \hat{y_1}} \cdot \frac{\partial \hat{y_1}}{\partial w_5}", "w_5 reaches L only through yhat_1: chain rule"),
    ("kh_w5b", r"= \frac{\partial ((y_1 - \hat{y_1})^2)}{\partial \hat{y_1}} \cdot \frac{\partial (w_5 \cdot a_1 + w_6 \cdot a_2)}{\partial w_5}", "the two factors written from L = (y_1 - yhat_1)^2 and yhat_1 = w_5 a_1 + w_6 a_2"),
    ("kh_w5c", r"= -2(y_1 - \hat{y_1}) \cdot a_1", "dL/dw_5 = -2 (y_1 - yhat_1) a_1"),
    ("kh_w5n", r"= -0.227", "at the example's data the true dL/dw_5 is -0.22689"),
    ("kh_w6a", r"\frac{\partial L}{\partial \hat{y_1}} \cdot \frac{\partial \hat{y_1}}{\partial w_6}", "chain rule"),
    ("kh_w6b", r"= \frac{\partial (y_1 - \hat{y_1})^2}{\partial \hat{y_1}} \cdot \frac{\partial (w_5 \cdot a_1 + w_6 \cdot a_2)}{\partial w_6}", "the two factors written out"),
    ("kh_w6c", r"= -2(y_1 - \hat{y_1}) \cdot a_2", "dL/dw_6 = -2 (y_1 - yhat_1) a_2"),
    ("kh_w6n", r"= -0.225", "true -0.22485"),
    ("kh_w1a", r"\frac{\partial \hat{y_1}}{\partial a_1} \cdot \frac{\partial a_1}{\partial z_1} \cdot \frac{\partial z_1}{\partial w_1}", "w_1 reaches L only through z_1, a_1 and yhat_1: chain rule"),
    ("kh_w1b", r"\cdot \frac{\partial \left(\frac{1}{1+e^{-z_1}}\right)}{\partial z_1} \cdot \frac{\partial (w_1 \cdot x_1 + w_3 \cdot x_2)}{\partial w_1}", "the four factors written from the forward definitions"),
    ("kh_w1c", r"= -2(y_1 - \hat{y_1}) \cdot w_5 \cdot \left(\frac{1}{1+e^{-z_1}}\right) \cdot \left(1 - \frac{1}{1+e^{-z_1}}\right) \cdot x_1", "dL/dw_1 = -2 (y_1 - yhat_1) w_5 sigma(z_1)(1 - sigma(z_1)) x_1"),
    ("kh_w2n", r"\frac{\partial L}{\partial w_2} = -0.0255", "w_2 feeds z_2 from x_1: true -0.025444"),
    ("kh_w3n", r"\frac{\partial L}{\partial w_3} = -0.0122", "w_3 feeds z_1 from x_2: true -0.012189"),
    ("kh_w4n", r"\frac{\partial L}{\partial w_4} = -0.0153", "w_4 feeds z_2 from x_2: true -0.015266"),
]
KH_DIRS = [
    ("#### 역전파\n", "<!-- symbp: layer=fc in=2 out=1 index_base=1 names: a=input w=kernel \\hat{y_1}=output L=loss -->"),
    ("For a first-layer weight the chain runs", "<!-- symbp: layer=fc in=2 out=2 index_base=1 names: x=input w=kernel z=output L=loss -->"),
    ("In the same way:", "<!-- symbp: layer=activation name=sigmoid -->"),
]
KH_EXCL = [
    (r"X = \begin{pmatrix} x_1 & x_2 \end{pmatrix}", "the example's data"),
    (r"z_1 = w_1 \cdot x_1 + w_3 \cdot x_2", "forward definition"),
    (r"z_2 = w_2 \cdot x_1 + w_4 \cdot x_2", "forward definition"),
    (r"a_1 = Sigmoid(z_1) = \frac{1}{1+e^{-z_1}}", "forward value"),
    (r"a_2 = Sigmoid(z_1) =  \frac{1}{1+e^{-z_2}}", "forward value (its left side says z_1)"),
    (r"\hat{y_1} = w_5 \cdot a_1 + w_6 \cdot a_2 = 0.552 \times 0.4", "forward value"),
    (r"L &= (y_1 - \hat{y})^2", "definition of the loss and its value"),
    (r"= -2 \cdot (0.7 - 0.4943) \cdot 0.552", "a product of rounded values; the number it comes to is judged on the next row"),
    (r"= -2 \cdot (0.7 - 0.4943) \cdot 0.547", "a product of rounded values; the number it comes to is judged on the next row"),
    (r"= -0.0204", "true dL/dw_1 is -0.020315: 0.85 units of the last digit off, in the band where the verdict would hang on the tolerance"),
    (r"W_{\text{new}} = W_{\text{old}}", "update rule"),
    (r"w_1' = w_1 - \eta", "update"),
    (r"w_2' = 0.203", "updates"),
    (r"\hat{y_1} = 0.5199", "forward value after the update"),
]

TABLE = {
    "keonhee_mlp_numbers_ko.md": ("kh", KH, KH_DIRS, KH_EXCL),
}
