r"""A cross-entropy loss that averages over the samples of a batch (``-\frac{1}{M}\sum_i \sum_k
T_k^{(i)} \ln P_k^{(i)}``), read by the scalar-layer reader (``check/calc_batch``).

Spellings paraphrased from public derivations: a Chinese course notebook (written entries
``y_1, y_2, y_3``, ``\frac{\delta L}{\delta y_1}``, ``1/M`` with ``T_k^{(i)}``, a row labelled
in words "算上Batch后："), the lecture-notes style ``J = -\frac{1}{m}\sum_{i=1}^{m}\sum_k
y^{(i)}_k \log \hat y^{(i)}_k`` with ``\hat y`` the softmax, and ``\mathcal{L}`` with ``N``
samples. A claim that writes the batch size is read for the batch mean, one that does not
for one sample's loss (the verdict says which).

Truth from torch autograd: the gradient of the batch mean over M = 3 samples with respect to
sample 0's logits, and of sample 0's own loss, compared with each claimed right side
evaluated at sample 0 (targets on the simplex).
"""
from __future__ import annotations

import pytest
import torch

from symbp.check.checker import check_text

torch.manual_seed(1)
M = 3
LOGITS = torch.randn(M, 3, dtype=torch.float64, requires_grad=True)
TARGET = torch.softmax(torch.randn(M, 3, dtype=torch.float64), 1)      # rows sum to 1
BATCH_GRAD = torch.autograd.grad(-(TARGET * torch.log_softmax(LOGITS, 1)).sum() / M, LOGITS)[0][0]
ONE_GRAD = torch.autograd.grad(-(TARGET[0] * torch.log_softmax(LOGITS, 1)[0]).sum(), LOGITS)[0][0]
P0, T0 = torch.softmax(LOGITS, 1)[0].detach(), TARGET[0]

# (right side of ∂L/∂(logit 1), reads the batch?, its value at sample 0's entry 1)
RIGHT_SIDES = [
    (r"\frac{1}{BS} (P_1 - T_1)", True, lambda m: (P0[0] - T0[0]) / m),
    (r"P_1 - T_1", False, lambda m: P0[0] - T0[0]),
    (r"\frac{1}{BS} P_1 - T_1", True, lambda m: P0[0] / m - T0[0]),
    (r"BS (P_1 - T_1)", True, lambda m: m * (P0[0] - T0[0])),
    (r"\frac{P_1 - T_1}{BS}", True, lambda m: (P0[0] - T0[0]) / m),
    (r"T_1 - P_1", False, lambda m: T0[0] - P0[0]),
]


def _truth(reads_batch: bool, value) -> bool:
    want = BATCH_GRAD[0] if reads_batch else ONE_GRAD[0]
    return bool(torch.isclose(torch.as_tensor(value(M), dtype=torch.float64), want, rtol=1e-9))


NOTEBOOK = r"""
Scores and softmax:

$$
    Y = [y_1, y_2, y_3] \\
    S = e^{y_1} + e^{y_2} + e^{y_3}
$$

$$
\begin{align*}
P & = softmax(Y) \\
  & = [e^{y_1} \cdot \frac{1}{S}, e^{y_2} \cdot \frac{1}{S}, e^{y_3} \cdot \frac{1}{S}]
\end{align*}
$$

The labels $T$ are one-hot (label 2: $T = [0, 0, 1]$). The loss over a batch of BS samples:

$$
L = -\frac{1}{BS}\sum_{i=1}^{BS}\sum_{k=1}^{3}{T_k^{(i)} \ln(P_k^{(i)})}
$$

The result:

$$
\begin{align*}
\frac{\delta L}{\delta y_1} & = \frac{\delta L}{\delta P_1} \cdot \frac{\delta P_1}{\delta y_1} + \frac{\delta L}{\delta P_2} \cdot \frac{\delta P_2}{\delta y_1} + \frac{\delta L}{\delta P_3} \cdot \frac{\delta P_3}{\delta y_1} \\
批量：& = RHS
\end{align*}
$$
"""

LECTURE = r"""
For one sample the softmax is

$$\hat{y}_k = \frac{e^{z_k}}{\sum_{j} e^{z_j}}$$

and the cost averages over the m training examples, each with a one-hot label $y$:

$$J = -\frac{1}{BS}\sum_{i=1}^{BS} \sum_{k} y^{(i)}_k \log \hat{y}^{(i)}_k$$

Then

$$\frac{\partial J}{\partial z_k} = RHS$$
"""


def _verdicts(doc: str):
    return [(c.latex, c.verdict, c.detail) for c in check_text(doc, "md", time_limit=20).claims]


@pytest.mark.parametrize("rhs,reads_batch,value", RIGHT_SIDES)
def test_notebook_batch_claims_against_torch(rhs, reads_batch, value):
    doc = NOTEBOOK.replace("RHS", rhs.replace("BS", "M")).replace("BS", "M")
    found = [v for v in _verdicts(doc) if "批量" in v[0] or v[0].strip().startswith("= ")]
    assert found, _verdicts(doc)
    latex, verdict, detail = found[-1]
    assert verdict == ("holds" if _truth(reads_batch, value) else "refuted"), (latex, verdict, detail)
    assert ("for the batch" if reads_batch else "per sample") in detail


@pytest.mark.parametrize("rhs,reads_batch,value", RIGHT_SIDES)
def test_lecture_style_batch_claims_against_torch(rhs, reads_batch, value):
    rhs = rhs.replace("P_1", r"\hat{y}_k").replace("T_1", "y_k")
    doc = LECTURE.replace("RHS", rhs.replace("BS", "m")).replace("BS", "m")
    (latex, verdict, detail), = [v for v in _verdicts(doc) if "partial J" in v[0]]
    assert verdict == ("holds" if _truth(reads_batch, value) else "refuted"), (latex, verdict, detail)
    assert ("for the batch" if reads_batch else "per sample") in detail


def test_chain_rule_row_read_per_sample():
    doc = NOTEBOOK.replace("RHS", r"\frac{1}{M}(P_1 - T_1)").replace("BS", "M")
    chain = [v for v in _verdicts(doc) if v[0].lstrip().startswith(r"\frac{\delta L}{\delta y_1}")]
    assert chain and chain[0][1] == "holds" and "per sample" in chain[0][2], chain


def test_value_of_the_mean_loss_is_not_read():
    doc = LECTURE.replace("RHS", r"\hat{y}_k - y_k").replace("BS", "m") + \
        "\n$$J = -\\frac{1}{m} \\sum_k y_k \\log \\hat{y}_k$$\n"
    verdicts = [v for v in _verdicts(doc) if v[0].startswith("J =") and "sum_k" in v[0] and "(i)" not in v[0]]
    assert verdicts and verdicts[0][1] == "unchecked", verdicts


def test_no_batch_size_guessed_for_another_letter():
    doc = LECTURE.replace("RHS", r"\frac{1}{N}(\hat{y}_k - y_k)").replace("BS", "m")
    (latex, verdict, detail), = [v for v in _verdicts(doc) if "partial J" in v[0]]
    assert verdict == "unchecked", (verdict, detail)
