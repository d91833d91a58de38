"""Blind held-out 44's pages (round 41): a layer norm written with Triton's ``\\text{rstd}``, a mean written
``\\frac{1}{N} \\sum_j x_j`` whose N the page never bounds, and a softmax row under "and, for $j \\neq k$,".

* ``\\text{rstd}`` (and the other statistic words of calc_stat_tokens) is one name: the rows that use it were
  unchecked;
* N in ``\\mu = \\frac{1}{N} \\sum_j x_j`` counts j: the row (2/N)(x_j - μ), true only at N = the entry count,
  was refuted at C = 2, N = 3 (calc_paths.count_letters);
* a paragraph that is only a condition ending in a comma states the display's condition: the off-diagonal
  row -S_{ij}S_{ik} was refuted at j = k (calc_prose.prose_condition).

Truth: torch autograd (float64) of the page's forward, never symbp.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

LN_PAGE = r"""## Layer norm

One row $x$ of dimension $N$:

$$ \mu = \frac{1}{N} \sum_j x_j $$

$$ \sigma^2 = \frac{1}{N} \sum_j (x_j - \mu)^2 $$

$$ \text{rstd} = \frac{1}{\sqrt{\sigma^2 + \epsilon}} $$

$$ \hat{x}_j = (x_j - \mu) \cdot \text{rstd} $$

The derivatives:

$$ {row} $$
"""


def _ln_grads(n: int = 4, eps: float = 0.5, seed: int = 0):
    """(x, {name: d name / dx as an (n, n) or (n,) array}) by autograd: rows are the output's entries."""
    x = torch.tensor(np.random.default_rng(seed).standard_normal(n), requires_grad=True)
    jac = torch.autograd.functional.jacobian

    def parts(v):
        mu = v.mean()
        var = ((v - mu) ** 2).mean()
        rstd = 1 / torch.sqrt(var + eps)
        return mu, var, rstd, (v - mu) * rstd
    mu, var, rstd, xhat = (t.detach() for t in parts(x))
    d = {"var": jac(lambda v: parts(v)[1], x), "rstd": jac(lambda v: parts(v)[2], x),
         "xhat": jac(lambda v: parts(v)[3], x)}
    return x.detach(), mu, rstd, xhat, d


def _ln_true(which: str) -> bool:
    x, mu, rstd, xhat, d = _ln_grads()
    n = len(x)
    stated = {"var2": 2 / n * (x - mu), "var1": 1 / n * (x - mu),
              "rstd3": -rstd ** 3 / n * (x - mu), "rstd2": -rstd ** 2 / n * (x - mu),
              "rstd_hat": -rstd ** 2 / n * xhat, "rstd_hat1": -rstd / n * xhat}[which]
    return bool(torch.allclose(d["var" if which.startswith("var") else "rstd"], stated))


LN_ROWS = {
    "var2": r"\frac{\partial \sigma^2}{\partial x_j} = \frac{2}{N} (x_j - \mu)",
    "var1": r"\frac{\partial \sigma^2}{\partial x_j} = \frac{1}{N} (x_j - \mu)",
    "rstd3": r"\frac{\partial \text{rstd}}{\partial x_j} = -\frac{1}{N} \text{rstd}^3 (x_j - \mu)",
    "rstd2": r"\frac{\partial \text{rstd}}{\partial x_j} = -\frac{1}{N} \text{rstd}^2 (x_j - \mu)",
    "rstd_hat": r"\frac{\partial \text{rstd}}{\partial x_j} = -\frac{1}{N} \text{rstd}^2 \hat{x}_j",
    "rstd_hat1": r"\frac{\partial \text{rstd}}{\partial x_j} = -\frac{1}{N} \text{rstd} \hat{x}_j",
}


@pytest.mark.parametrize("which", sorted(LN_ROWS))
def test_layer_norm_rows_with_rstd_and_an_unbounded_mean(which):
    truth = "holds" if _ln_true(which) else "refuted"
    claims = check_text(LN_PAGE.replace("{row}", LN_ROWS[which]), "md").claims
    assert claims[-1].verdict == truth, claims[-1].detail


def test_the_truth_has_both_kinds():
    assert {_ln_true(w) for w in LN_ROWS} == {True, False}


def test_a_function_called_var_is_not_the_statistic():
    """``\\mathrm{var}(x)`` is applied to something: not the name var; a word that labels stays a label."""
    from symbp.check.calc_stat_tokens import stat_tokens
    assert stat_tokens(["\\text:var", "(", "x", ")"])[0] == "\\text:var"
    assert stat_tokens(["x", "_", "\\text:mean"])[2] == "\\text:mean"


SOFTMAX_PAGE = r"""## Softmax

$S_{ij} = e^{Z_{ij}} / \sum_k e^{Z_{ik}}$ for each row $i$ of $Z$, with 3 classes:

$$ S_{ij} = \frac{e^{Z_{ij}}}{\sum_{k} e^{Z_{ik}}} $$

{lead}

$$ \frac{\partial S_{ij}}{\partial Z_{ik}} = {rhs}. $$
"""


def _softmax_true(rhs: str, cond: str) -> bool:
    z = torch.tensor(np.random.default_rng(1).standard_normal(3))
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)     # J[j, k] = dS_j / dZ_k
    s = torch.softmax(z, 0)
    stated = {"-S_{ij}S_{ik}": -torch.outer(s, s), "S_{ij}S_{ik}": torch.outer(s, s)}[rhs]
    mask = ~torch.eye(3, dtype=torch.bool) if cond == "ne" else torch.ones(3, 3, dtype=torch.bool)
    return bool(torch.allclose(J[mask], stated[mask]))


@pytest.mark.parametrize("lead,cond", [(r"and, for $j \neq k$,", "ne"), (r"For $j \neq k$,", "ne"),
                                       (r"Note that, for $j \neq k$, we are done.", "all")])
@pytest.mark.parametrize("rhs", ["-S_{ij}S_{ik}", "S_{ij}S_{ik}"])
def test_a_condition_that_ends_in_a_comma(lead, cond, rhs):
    truth = "holds" if _softmax_true(rhs, cond) else "refuted"
    claim = check_text(SOFTMAX_PAGE.replace("{lead}", lead).replace("{rhs}", rhs), "md").claims[-1]
    assert claim.verdict == truth, claim.detail
