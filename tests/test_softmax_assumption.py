"""A cross-entropy target that sums to 1: read from the prose, a directive, or left unchecked.

``∂E/∂s_i = y_i - t_i`` for E = -Σ_k t_k log softmax(s)_k holds only when Σ_k t_k = 1. The
verdict is "holds given Σ t = 1" where the document says so (one-hot, a label, a
distribution, the loss named a cross-entropy, ``<!-- symbp: target=one-hot -->``), unchecked
naming the directive where it does not, never refuted; a claim false even for one-hot targets
stays refuted.  Truth: torch autograd at random logits, with one-hot and with unnormalised
targets (never symbp).
"""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

torch.manual_seed(3)


def torch_grad(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """∂E/∂s of E = -Σ t log softmax(s), by autograd."""
    s = logits.clone().requires_grad_(True)
    (-(target * torch.log_softmax(s, dim=0)).sum()).backward()
    return s.grad


def claim_true(closed_form, one_hot: bool, trials: int = 5) -> bool:
    """Whether closed_form(y, t) equals autograd's gradient at random points."""
    for _ in range(trials):
        s = torch.randn(4, dtype=torch.float64)
        t = torch.nn.functional.one_hot(torch.randint(0, 4, ()), 4).double() if one_hot \
            else torch.rand(4, dtype=torch.float64) * 3
        if not torch.allclose(torch_grad(s, t), closed_form(torch.softmax(s, 0), t)):
            return False
    return True


FORWARD = r"""
$$
y_i = \frac{e^{s_i}}{\sum^{nclass}_{c} e^{s_c}}
$$

$$
E = - \sum^{nclass}_k t_k \ log (y_k)
$$
"""

DERIVATION = r"""
$$
\frac{\partial{E}}{\partial{s_i}} = -t_i \frac{1}{y_i} y_i (1 - y_i) - \sum_{k \neq i} t_k \frac{1}{y_k} ( - y_i y_k  ) \\
= -t_i + y_i  \sum_{k } t_k \\
= y_i - t_i
$$
"""

WRONG = r"""
$$
\frac{\partial E}{\partial s_i} = t_i - y_i
$$
"""


def verdict_of(text: str, written: str):
    report = check_text(text, "md", time_limit=10)
    hits = [c for c in report.claims if c.latex.strip() == written]
    assert hits, [c.latex for c in report.claims]
    return hits[-1].verdict, hits[-1].detail


def test_truth_needs_the_target_to_sum_to_one():
    final = lambda y, t: y - t                      # noqa: E731
    assert claim_true(final, one_hot=True)
    assert not claim_true(final, one_hot=False)
    assert not claim_true(lambda y, t: t - y, one_hot=True)
    assert claim_true(lambda y, t: -t + y * t.sum(), one_hot=False)   # the row before: an identity


def test_prose_that_states_one_hot_checks_under_the_sum():
    for words in ("Here $t$ is the one-hot vector of the label.",
                  "目标 $t$ 采用独热编码。",
                  "$t$ es la etiqueta de la clase.",
                  "The targets form a probability distribution.",
                  "Only one $t_k$ is 1, the others are 0."):
        verdict, detail = verdict_of(f"# notes\n\n{words}\n{FORWARD}{DERIVATION}", "= y_i - t_i")
        assert verdict == "holds", (words, detail)
        assert "given Σ_i t_i = 1" in detail and "the document says" in detail
        verdict, _ = verdict_of(f"# notes\n\n{words}\n{FORWARD}{DERIVATION}", "= -t_i + y_i  \\sum_{k } t_k")
        assert verdict == "holds"                   # no assumption needed: holds for every t


def test_nothing_stated_is_unchecked_with_the_directive_to_paste():
    verdict, detail = verdict_of(f"# notes\n{FORWARD}{DERIVATION}", "= y_i - t_i")
    assert verdict == "unchecked"
    assert "holds only if the target t sums to 1" in detail and "<!-- symbp: target=one-hot -->" in detail
    directive = "<!-- symbp: target=one-hot -->\n"
    verdict, detail = verdict_of(f"# notes\n{directive}{FORWARD}{DERIVATION}", "= y_i - t_i")
    assert verdict == "holds" and "the directive target=one-hot" in detail


def test_the_loss_named_a_cross_entropy_states_a_distribution():
    verdict, detail = verdict_of(f"# The cross-entropy loss\n{FORWARD}{DERIVATION}", "= y_i - t_i")
    assert verdict == "holds" and "cross-entropy" in detail


def test_false_even_for_one_hot_stays_refuted():
    for prose in ("", "Here $t$ is one-hot.\n"):
        verdict, detail = verdict_of(f"# notes\n{prose}{FORWARD}{WRONG}", r"\frac{\partial E}{\partial s_i} = t_i - y_i")
        assert verdict == "refuted", detail


def test_a_row_that_continues_never_takes_an_older_left_side():
    # the row before "= y_i - t_i" is not read (\cdots between written terms); the chain's left
    # side is ∂E/∂s_i, not the E of the row above: never a refutation against E
    text = f"# notes\nHere $t$ is one-hot.\n{FORWARD}" + r"""
$$
E = - t_1 log(y_1) - t_2 log(y_2) \cdots - t_n log(y_n) \\
\frac{\partial{E}}{\partial{s_i}} = \frac{\partial}{\partial s_i} (- t_1 log(y_1)) \cdots + \frac{\partial}{\partial s_i} (- t_n log(y_n)) \\
= -t_i (1 - y_i) + \sum_{k \neq i} t_k y_i \\
= y_i - t_i
$$
"""
    assert claim_true(lambda y, t: -t * (1 - y) + (t.sum() - t) * y, one_hot=False)
    for row in ("= -t_i (1 - y_i) + \\sum_{k \\neq i} t_k y_i", "= y_i - t_i"):
        verdict, detail = verdict_of(text, row)
        assert verdict == "holds", (row, detail)


def test_a_derivative_by_a_name_the_loss_is_not_defined_through_is_not_zero():
    # E is defined from y directly; X_k = -t_k log y_k is defined beside it: ∂E/∂X_1 is 1 for
    # E = Σ X_k, which this section does not write as E's definition: unchecked, never refuted
    text = f"# notes\nHere $t$ is one-hot.\n{FORWARD}" + r"""
$$
X_k = - t_k log(y_k)
$$

$$
\frac{\partial{E}}{\partial{X_1}} \frac{\partial{X_1}}{\partial{y_1}} \frac{\partial{y_1}}{\partial{s_i}} = \frac{\partial{E}}{\partial{y_1}}  \frac{\partial{y_1}}{\partial{s_i}}
$$
"""
    written = (r"\frac{\partial{E}}{\partial{X_1}} \frac{\partial{X_1}}{\partial{y_1}} \frac{\partial{y_1}}"
               r"{\partial{s_i}} = \frac{\partial{E}}{\partial{y_1}}  \frac{\partial{y_1}}{\partial{s_i}}")
    verdict, detail = verdict_of(text, written)
    assert verdict != "refuted", detail


def softmax_jacobian_truth(form, condition) -> str:
    """Whether form(σ, i, s) equals torch's ∂σ_i/∂z_s at every (i, s) meeting the condition."""
    for seed in range(3):
        z = torch.randn(4, dtype=torch.float64, generator=torch.Generator().manual_seed(seed))
        jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
        sig = torch.softmax(z, 0)
        for i in range(4):
            for s in range(4):
                if condition(i, s) and abs(float(jac[i, s]) - float(form(sig, i, s))) > 1e-9:
                    return "refuted"
    return "holds"


VECTOR_FUNCTION = r"""# Softmax

$$
\sigma_i(z) = \frac{e^{z_{i}}}{\sum^k_{j=1} e^{z_{j}}}, \ i \in 1 \cdots k
$$

$$
\frac{\partial}{\partial z_{s}} \sigma_i(z) = \frac{\partial}{\partial z_{s}} \bigg ( \frac{e^{z_{i}}}{\sum^k_{j=1} e^{z_{j}}} \bigg ) \ for \ i \in 1 \cdots k, \ s \in 1 \cdots k \\
= \frac{ \frac{\partial}{\partial z_{s}} e^{z_{i}} * (\sum^k_{j=1} e^{z_{j}}) - \frac{\partial}{\partial z_{s}} (\sum^k_{j=1} e^{z_{j}}) * e^{z_{i}}  }{(\sum^k_{j=1} e^{z_{j}})^2}
$$

$$
if \  s = i,  \\
= SAME
$$

$$
if \  s \neq i,  \\
= OTHER
$$
"""


def test_a_vector_function_with_its_argument_and_condition_rows():
    # σ_i(z) = e^{z_i}/Σ_j e^{z_j}; "if \ s = i, \\ = …" rows continue ∂σ_i/∂z_s under s = i
    same, other = r"\sigma_i(z) * (1 - \sigma_i(z))", r"- \sigma_s(z) \sigma_i(z)"
    eq, ne = (lambda i, s: i == s), (lambda i, s: i != s)
    assert softmax_jacobian_truth(lambda g, i, s: g[i] * (1 - g[i]), eq) == "holds"
    assert softmax_jacobian_truth(lambda g, i, s: -g[s] * g[i], ne) == "holds"
    assert softmax_jacobian_truth(lambda g, i, s: -g[s] * g[i], eq) == "refuted"
    assert softmax_jacobian_truth(lambda g, i, s: g[i] * (1 - g[i]), ne) == "refuted"
    quotient = (r"= \frac{ \frac{\partial}{\partial z_{s}} e^{z_{i}} * (\sum^k_{j=1} e^{z_{j}}) - \frac{\partial}"
                r"{\partial z_{s}} (\sum^k_{j=1} e^{z_{j}}) * e^{z_{i}}  }{(\sum^k_{j=1} e^{z_{j}})^2}")
    for first, second, want in ((same, other, ("holds", "holds")), (other, same, ("refuted", "refuted"))):
        report = check_text(VECTOR_FUNCTION.replace("SAME", first).replace("OTHER", second), "md", time_limit=10)
        rows = {c.latex.strip(): c for c in report.claims}
        assert rows[quotient].verdict == "holds", rows[quotient].detail
        got = (rows["= " + first].verdict, rows["= " + second].verdict)
        assert got == want, (first, [rows["= " + first].detail, rows["= " + second].detail])
        assert "s = i" in rows["= " + first].detail or got[0] == "refuted"


SOFT = ("The targets are label-smoothing weights; they need not sum to one.",
        "The targets $t_k \\ge 0$ do not have to add up to 1 (soft labels).",
        "这里 $t$ 是软标签，不一定和为 1。",
        "Even a cross-entropy's target here is not necessarily one-hot: it need not sum to 1.")


def test_prose_that_denies_the_sum_never_holds_on_it():
    # the words that say the target need NOT sum to 1 win over "cross-entropy" and "label";
    # y - t is then false (torch autograd with unnormalised targets) and is never held
    assert not claim_true(lambda y, t: y - t, one_hot=False)
    for words in SOFT:
        text = f"# The cross-entropy loss\n\n{words}\n{FORWARD}{DERIVATION}"
        verdict, detail = verdict_of(text, "= y_i - t_i")
        assert verdict != "holds", (words, detail)
        verdict, _ = verdict_of(text, "= -t_i + y_i  \\sum_{k } t_k")
        assert verdict == "holds"                   # the identity needs no assumption


def test_the_softmax_layer_directive_does_not_assume_what_the_prose_denies():
    # symbp's built-in softmax layer takes targets that sum to 1; a document that says its
    # targets need not gets no hold from that assumption (the red-team's soft-target page)
    text = ("# smoothed labels\n<!-- symbp: layer=softmax classes=3 -->\n\n" + SOFT[0] + "\n\n"
            "$$p_i = \\frac{e^{z_i}}{\\sum_{k} e^{z_k}}, \\qquad L = -\\sum_{k} y_k \\log p_k$$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = p - y$$\n")
    verdict, detail = verdict_of(text, "\\frac{\\partial L}{\\partial z} = p - y")
    assert verdict != "holds" and "label-smoothing" in detail, detail
    verdict, _ = verdict_of(text.replace(SOFT[0], "The targets are one-hot."),
                            "\\frac{\\partial L}{\\partial z} = p - y")
    assert verdict == "holds"
