r"""Softmax and cross-entropy derivations typeset as notes copied from Wikipedia write them:
``{\displaystyle …}``, ``\left\{{\begin{array}{rcl} v & {\mbox{si}} & c \end{array}}\right.``,
``\phi(\mathbf z)_j``, ``\forall j \in \left[ 1,q \right]``, ``H(\mathbf y, \mathbf a)``,
``\sum_{j=1, j\neq i}^q`` and ``\frac{\partial a_j}{a_j \partial z_i}``; the loss in a section
below the softmax's.  Truth: numpy (finite differences of softmax and cross-entropy)."""
import numpy as np

from symbp.check.checker import check_text
from symbp.check.display_braces import unwrap_leading_group, word_column

Z = np.array([0.3, -1.1, 0.8])
Y = np.array([0.0, 1.0, 0.0])           # one-hot


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def jacobian(f, z, h=1e-6):
    return np.array([(f(z + h * e) - f(z - h * e)) / (2 * h) for e in np.eye(len(z))]).T   # [i, j] = ∂f_i/∂z_j


def verdicts(text):
    return [(c.latex, c.verdict) for c in check_text(text, "md").claims]


SOFTMAX = r"""<!-- symbp: layer=softmax classes=3 -->

### Softmax

$$
{\displaystyle a_j = \phi (\mathbf {z} )_{j}={\frac {\mathrm {e} ^{z_{j}}}{\sum _{k=1}^{K}\mathrm {e} ^{z_{k}}}}}\quad\forall j \in \left[ 1,q \right]
$$

$$
{\displaystyle \frac{\partial\phi_i}{\partial z_j}(\mathbf z)=\left\{{\begin{array}{rcl}\phi_i(1-\phi_j)&{\mbox{si}}&i=j\\SECOND&{\mbox{si}}&i\neq j\end{array}}\right.}
$$
"""


def test_softmax_cases_array_in_wikipedia_markup():
    p, jac = softmax(Z), jacobian(softmax, Z)
    off = [(i, j) for i in range(3) for j in range(3) if i != j]
    assert all(np.isclose(jac[i, j], -p[j] * p[i]) for i, j in off)          # the true off-diagonal
    assert not all(np.isclose(jac[i, j], p[j] * p[i]) for i, j in off)       # the planted one
    assert all(np.isclose(jac[i, i], p[i] * (1 - p[i])) for i in range(3))
    good = verdicts(SOFTMAX.replace("SECOND", r"-\phi_j\phi_i"))
    bad = verdicts(SOFTMAX.replace("SECOND", r"\phi_j\phi_i"))
    assert good[0][1] == "definition" and good[1][1] == "holds"
    assert bad[1][1] == "refuted"


CE = SOFTMAX.replace("SECOND", r"-\phi_j\phi_i") + r"""
<!-- symbp: layer=softmax classes=3 target=one-hot -->

## Loss

$$
{\mathrm  {H}}(\mathbf y,\mathbf a)=-\sum _{j=1}^q y_j\log a_j.\!
$$

$$
\begin{align*}
\frac{\partial H(\mathbf y , \mathbf a)}{\partial z_i}&=
-\sum _{j=1}^q y_j \frac{\partial \log a_j}{\partial z_i}\\
&=-\sum _{j=1}^q y_j \frac{\partial a_j}{a_j \partial z_i}\\
&=-y_i\frac{a_i(1-a_i)}{a_i}-\sum _{j=1,j\neq i}^q y_j \frac{- a_i a_j}{a_j}\\
&=THIRD\\
&=LAST
\end{align*}
$$
"""


def cross_entropy(z):
    return -np.sum(Y * np.log(softmax(z)))


def test_cross_entropy_in_the_section_below_the_softmax():
    p = softmax(Z)
    grad = jacobian(lambda z: np.array([cross_entropy(z)]), Z)[0]
    skip = np.array([sum(Y[j] * p[k] for j in range(3) if j != k) for k in range(3)])   # Σ_{j≠i} y_j a_i
    assert np.allclose(grad, -Y * (1 - p) + skip) and np.allclose(grad, p - Y)
    assert not np.allclose(grad, -Y * (1 - p) - skip) and not np.allclose(grad, p + Y)
    good = dict(verdicts(CE.replace("THIRD", r"-y_i(1-a_i)+\sum _{j=1,j\neq i}^q y_j a_i").replace("LAST", "a_i-y_i")))
    bad = dict(verdicts(CE.replace("THIRD", r"-y_i(1-a_i)-\sum _{j=1,j\neq i}^q y_j a_i").replace("LAST", "a_i+y_i")))
    rows = [k for k in good if "partial H" in k or k.startswith("=")]
    assert len(rows) == 5 and all(good[k] == "holds" for k in rows)
    assert bad[r"=-y_i(1-a_i)-\sum _{j=1,j\neq i}^q y_j a_i"] == "refuted"
    assert bad["=a_i+y_i"] == "refuted"


def test_no_carry_into_a_section_of_another_layer():
    text = CE.replace("layer=softmax classes=3 target=one-hot", "layer=conv2d input=3x3 kernel=2x2")
    text = text.replace("THIRD", r"-y_i(1-a_i)-\sum _{j=1,j\neq i}^q y_j a_i").replace("LAST", "a_i+y_i")
    assert all(v != "holds" for k, v in verdicts(text) if k.startswith("=-y_i(1-a_i)-") or k == "=a_i+y_i")


def test_brace_helpers():
    assert unwrap_leading_group(r"{\displaystyle a = b}\quad") == r"\displaystyle a = b\quad"
    assert unwrap_leading_group(r"{x}^2 = y") == r"{x}^2 = y"
    assert word_column(r"1 & \text{otherwise} & \\ 0 & x") == r"1 & \text{otherwise} & \\ 0 & x"
    assert word_column(r"0&{\mbox{si}}&a<0") == r"0 & \text{if } a<0"


PLAIN_CONDITION = r"""<!-- symbp: layer=softmax classes=3 -->

$$\sigma(z)_i = \frac{e^{z_i}}{\sum_{j=1}^n e^{z_j}}$$

For i ≠ j:
$$\begin{align}
\frac{\partial \sigma_i}{\partial z_j} &= RIGHT
\end{align}$$
"""


def test_condition_typed_as_plain_text_before_the_display():
    p, jac = softmax(Z), jacobian(softmax, Z)
    assert np.isclose(jac[0, 1], -p[0] * p[1]) and not np.isclose(jac[0, 1], p[0] * (1 - p[1]))
    good = verdicts(PLAIN_CONDITION.replace("RIGHT", r"-\sigma_i\sigma_j"))
    bad = verdicts(PLAIN_CONDITION.replace("RIGHT", r"\sigma_i(1 - \sigma_j)"))
    assert good[-1][1] == "holds" and "i ≠ j" in check_text(PLAIN_CONDITION.replace(
        "RIGHT", r"-\sigma_i\sigma_j"), "md").claims[-1].detail
    assert bad[-1][1] == "refuted"
