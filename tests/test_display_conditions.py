"""A condition written inside a display after its formula (``\\quad \\text{if } i = j``,
``\\text{when}``, ``(i = j)``, ``\\text{unless}``, ``\\text{当 } … \\text{ 时}``) is the claim's
condition: the claim is checked only where it holds, never split at the condition's ``=``; a
condition that cannot be read soundly (``otherwise``, an ``or``) leaves the claim unchecked.

Truth: torch autograd's Jacobian of the dense layer z = W a + b (3 -> 3), compared with each
claim's value by plain loops over the entries its condition keeps."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

DOC = "<!-- symbp: layer=fc in=3 out=3 -->\n\n$$z_i = \\sum_{k} w_{ik} a_k + b_i$$\n\n"


def _jacobians(seed=0):
    gen = torch.Generator().manual_seed(seed)
    w, a, b = (torch.randn(*s, generator=gen) for s in ((3, 3), (3,), (3,)))
    dz_dw = torch.autograd.functional.jacobian(lambda w_: w_ @ a + b, w)      # [i, j, k]
    dz_db = torch.autograd.functional.jacobian(lambda b_: w @ a + b_, b)      # [i, j]
    return a, dz_dw, dz_db


def _true_by_loops(value, keep) -> bool:
    a, dz_dw, _ = _jacobians()
    return all(abs(dz_dw[i, j, k] - value(a, i, j, k)) < 1e-12
               for i in range(3) for j in range(3) for k in range(3) if keep(i, j, k))


def _verdict(display: str) -> str:
    claims = check_text(DOC + f"$${display}$$\n", "md").claims
    return [c.verdict for c in claims if not c.latex.startswith("z_i =")] == ["holds"] and "holds" or \
        "/".join(c.verdict for c in claims if not c.latex.startswith("z_i ="))


LHS = r"\frac{\partial z_i}{\partial w_{jk}} = "
A_K = (r"a_k", lambda a, i, j, k: a[k])
A_J = (r"a_j", lambda a, i, j, k: a[j])
ZERO = (r"0", lambda a, i, j, k: 0.0)
SAME = lambda i, j, k: i == j          # noqa: E731
OTHER = lambda i, j, k: i != j         # noqa: E731
# (condition as authors write it after the formula, which entries it keeps)
SPELLINGS = [
    (r"\quad \text{if } i = j", SAME), (r", \quad \text{if } i = j", SAME),
    (r"\quad \text{when } i = j", SAME), (r"\qquad (i = j)", SAME),
    (r"\quad \text{当 } i = j \text{ 时}", SAME), (r"\quad \text{unless } i \neq j", SAME),
    (r"\;\; \text{for } i = j", SAME), (r"\quad \text{if } i \neq j", OTHER),
    (r"\quad \text{except when } i = j", OTHER), (r"\quad (i \ne j)", OTHER),
]


@pytest.mark.parametrize("value", [A_K, A_J, ZERO], ids=["a_k", "a_j", "0"])
@pytest.mark.parametrize("condition,keep", SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_the_condition_after_the_formula_restricts_the_claim(condition, keep, value):
    text, fn = value
    expected = "holds" if _true_by_loops(fn, keep) else "refuted"
    assert _verdict(LHS + text + " " + condition) == expected


def test_the_verdict_names_the_condition():
    claim = check_text(DOC + "$$" + LHS + r"a_k \quad \text{if } i = j$$\n", "md").claims[-1]
    assert claim.verdict == "holds" and "only where i = j" in claim.detail


def test_the_bias_jacobian_under_a_condition():
    _, _, dz_db = _jacobians()
    assert all(dz_db[i, i] == 1 for i in range(3)) and dz_db[0, 1] == 0
    assert _verdict(r"\frac{\partial z_i}{\partial b_j} = 1 \quad \text{if } i = j") == "holds"
    assert _verdict(r"\frac{\partial z_i}{\partial b_j} = 0 \quad \text{if } i = j") == "refuted"


@pytest.mark.parametrize("condition", [r"\quad \text{otherwise}", r"\quad \text{if } i = j \text{ or } k = 1",
                                       r"\quad \text{unless } i = j \text{ and } k = 1"])
def test_a_condition_not_read_soundly_leaves_the_claim_unchecked(condition):
    assert not _true_by_loops(A_K[1], lambda i, j, k: True)      # read without it: false
    assert _verdict(LHS + "a_k " + condition) == "unchecked"


# the softmax Jacobian (the scalar-layer reader): torch autograd's Jacobian of softmax, 1-based
SOFTMAX = "<!-- symbp: layer=softmax classes=3 -->\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{k} e^{z_k}}$$\n\n"
OFF_DIAGONAL = r"\frac{\partial p_i}{\partial z_j} = -p_i p_j"


def _softmax_off_diagonal_true(keep) -> bool:
    z = torch.randn(3, generator=torch.Generator().manual_seed(2))
    p = torch.softmax(z, 0)
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
    return all(abs(jac[i, j] + p[i] * p[j]) < 1e-12 for i in range(3) for j in range(3) if keep(i, j))


@pytest.mark.parametrize("condition,keep", [
    (r"\quad \text{unless } i = j", lambda i, j: i != j), (r"\quad \text{unless } i \neq j", lambda i, j: i == j),
    (r"\quad \text{except when } i = j", lambda i, j: i != j), (r"\quad (i \ne j)", lambda i, j: i != j),
    (r"\quad (i = j)", lambda i, j: i == j), (r"\quad \text{当 } i \neq j \text{ 时}", lambda i, j: i != j),
    (r"\quad \text{if not } i = j", lambda i, j: i != j), (r"\quad \text{for all } i, j", lambda i, j: True),
])
def test_softmax_conditions_in_other_words(condition, keep):
    expected = "holds" if _softmax_off_diagonal_true(keep) else "refuted"
    claims = check_text(SOFTMAX + f"$${OFF_DIAGONAL} {condition}$$\n", "md").claims
    assert claims[-1].verdict == expected, claims[-1].detail


# the same conditions in the words of other languages and other authors (si, falls, wenn, sauf si,
# salvo si, außer wenn, a menos que, whenever, in case, provided that): read as if / unless
WORDS = [
    (r"\quad \text{si } i = j", SAME), (r"\quad \text{falls } i = j", SAME), (r"\quad \text{wenn } i = j", SAME),
    (r"\quad \text{whenever } i = j", SAME), (r"\quad \text{in case } i = j", SAME),
    (r"\quad \text{provided that } i = j", SAME), (r"\quad \text{lorsque } i = j", SAME),
    (r"\quad \text{sauf si } i = j", OTHER), (r"\quad \text{salvo si } i = j", OTHER),
    (r"\quad \text{außer wenn } i = j", OTHER), (r"\quad \text{a menos que } i = j", OTHER),
    (r"\quad \text{除非 } i \neq j", SAME), (r"\quad \text{si } i \neq j", OTHER),
    (r"\quad \text{if } i = j, k = 1", lambda i, j, k: i == j and k == 1),
    (r"\quad \text{when } i = j, \ k \geq 1", lambda i, j, k: i == j and k >= 1),
]


@pytest.mark.parametrize("value", [A_K, ZERO, (r"a_1", lambda a, i, j, k: a[1])], ids=["a_k", "0", "a_1"])
@pytest.mark.parametrize("condition,keep", WORDS, ids=[s for s, _ in WORDS])
def test_condition_words_of_other_languages(condition, keep, value):
    text, fn = value
    expected = "holds" if _true_by_loops(fn, keep) else "refuted"
    got = [c for c in check_text(DOC + f"$${LHS}{text} {condition}$$\n", "md").claims if not c.latex.startswith("z_i =")]
    assert [c.verdict for c in got] == [expected], [(c.latex, c.detail) for c in got]


@pytest.mark.parametrize("condition", [r"\quad \text{sólo si } i = j", r"\quad \text{only if } i = j",
                                       r"\quad \text{sinon quand } i = j", r"\quad \text{nur dann, wenn } i = j",
                                       r"\quad \text{gdy } i = j"])
def test_words_not_read_never_let_the_bare_formula_be_refuted(condition):
    assert not _true_by_loops(A_K[1], lambda i, j, k: True)      # read without it: false
    assert _verdict(LHS + "a_k " + condition) == "unchecked"
