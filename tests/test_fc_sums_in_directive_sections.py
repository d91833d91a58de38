"""A fully connected section set up by a directive: a forward or a rule written as a sum over
letter-indexed entries (``z_j = \\sum_k w_{kj} a_k + b_j``) is read index by index, never as the
tensors' product W a (that reading held ``\\sum_k w_{kk} a_k`` and ``\\sum_k w_{kj} a_j`` for
``z = W a + b``: false holds).

Truth: a plain numpy loop evaluates each written sum at random values against W a + b."""
import numpy as np

from symbp.check.checker import check_text

HEAD = r"""# A dense layer

<!-- symbp: layer=fc in=3 out=2 names: a^{l-1}=input w^l=kernel b^l=bias z^l=output C=loss -->

$$z^l = w^l a^{l-1} + b^l$$

"""

# (the written right side of z_j as a loop over k, the claim): W is 2x3 (out x in), a has 3 entries
FORMS = [
    (lambda W, a, b, j: sum(W[j, k] * a[k] for k in range(3)) + b[j],
     r"z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j"),
    (lambda W, a, b, j: sum(W[k, j] * a[k] if k < 2 else np.nan for k in range(3)) + b[j],
     r"z^l_j = \sum_k w^l_{kj} a^{l-1}_k + b^l_j"),
    (lambda W, a, b, j: sum(W[k, k] * a[k] if k < 2 else np.nan for k in range(3)) + b[j],
     r"z^l_j = \sum_k w^l_{kk} a^{l-1}_k + b^l_j"),
    (lambda W, a, b, j: sum(W[j, k] * a[j] for k in range(3)) + b[j],
     r"z^l_j = \sum_k w^l_{jk} a^{l-1}_j + b^l_j"),
]


def _truth(form) -> bool:
    rng = np.random.default_rng(3)
    W, a, b = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=2)
    return all(np.isclose(form(W, a, b, j), (W @ a + b)[j]) for j in range(2))


def test_a_sum_over_letter_indexed_entries_is_read_index_by_index():
    truths = [_truth(form) for form, _ in FORMS]
    assert truths == [True, False, False, False]                 # the loops tell them apart
    for (form, latex), true in zip(FORMS, truths):
        verdicts = [c.verdict for c in check_text(HEAD + f"$${latex}$$\n", "md").claims]
        assert verdicts[0] == "holds" and verdicts[1] in (("holds", "definition") if true else ("refuted",)), \
            (latex, verdicts)
