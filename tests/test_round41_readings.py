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

$$ \mu = \frac{1}{N} \sum_{j=1}^{N} x_j $$

$$ \sigma^2 = \frac{1}{N} \sum_{j=1}^{N} (x_j - \mu)^2 $$

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


# ---------------------------------------------------------------- a written-out forward with its atoms in braces
WRITTEN = r"""A $3\times 3$ input $a$, a $2\times 2$ kernel $w$, stride 1, the output $z$ is $2\times 2$:

$$
z_{11}=a_{11}w_{11}+a_{12}w_{12}+a_{21}w_{21}+a_{22}w_{22} \\
z_{12}=a_{12}w_{11}+a_{13}w_{12}+a_{22}w_{21}+a_{23}w_{22} \\
z_{21}=a_{21}w_{11}+a_{22}w_{12}+a_{31}w_{21}+a_{32}w_{22} \\
z_{22}=a_{22}w_{11}+a_{23}w_{12}+a_{32}w_{21}+a_{33}w_{22}
$$

With $\delta_{ij} = \partial C / \partial z_{ij}$:

$$ \nabla a_{13} = {row} $$

For a larger example (a $4\times 4$ input, a $3\times 3$ kernel) the same reasoning gives

$$ \frac{\partial C}{\partial w_{13}}=a_{13}\delta_{11}+a_{14}\delta_{12} $$
"""


def _corner_true(row: str) -> bool:
    """∂C/∂a_13 (1-based) of the cross-correlation, by autograd, against the row's δ_12 w_12 or δ_12 w_11."""
    rng = np.random.default_rng(2)
    a = torch.tensor(rng.standard_normal((3, 3)), requires_grad=True)
    w = torch.tensor(rng.standard_normal((2, 2)))
    d = torch.tensor(rng.standard_normal((2, 2)))
    (torch.nn.functional.conv2d(a[None, None], w[None, None])[0, 0] * d).sum().backward()
    stated = {r"\delta_{12}w_{12}": d[0, 1] * w[0, 1], r"\delta_{12}w_{11}": d[0, 1] * w[0, 0]}[row]
    return bool(torch.isclose(a.grad[0, 2], stated))


def _braced(text: str) -> str:
    """Every atom x_{ij} written {x_{ij}} (the respelling campaign's): the same mathematics."""
    import re
    return re.sub(r"(?<![\\A-Za-z{^_'])([A-Za-z])_\{([^{}]*)\}(?![\^_'{])", r"{\1_{\2}}", text)


@pytest.mark.parametrize("row", [r"\delta_{12}w_{12}", r"\delta_{12}w_{11}"])
@pytest.mark.parametrize("respell", [False, True])
def test_a_written_forward_sets_the_sizes_with_its_atoms_in_braces(row, respell):
    """The forward's rows fix a 2x2 kernel: with braces they were skipped, and the later example's w_13 made the
    kernel 3x3 (held-out 17's C99_MNIST page: its three correct rows were refuted once respelled)."""
    text = WRITTEN.replace("{row}", row)
    claim = next(c for c in check_text(_braced(text) if respell else text, "md").claims if "nabla" in c.latex)
    assert claim.verdict == ("holds" if _corner_true(row) else "refuted"), claim.detail


# ---------------------------------------------------------------- red team 50: conditions after displays, N said otherwise
TRAILING_PAGE = r"""## The softmax Jacobian

For logits $z \in \mathbb{R}^C$:

$$ S_i = \frac{e^{z_i}}{\sum_k e^{z_k}} $$

The derivative is

$$ \frac{\partial S_i}{\partial z_j} = {first} $$

{c1}

$$ \frac{\partial S_i}{\partial z_j} = {second} $$

{c2}
"""
FORMS = {"diag": "S_i (1 - S_j)", "off": "-S_i S_j", "swap": "S_j (1 - S_i)"}


def _jacobian_true(form: str, cond: str) -> bool:
    z = torch.tensor(np.random.default_rng(3).standard_normal(3))
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)     # J[i, j] = dS_i / dz_j
    s = torch.softmax(z, 0)
    stated = {"diag": s[:, None] * (1 - s[None, :]), "off": -s[:, None] * s[None, :],
              "swap": s[None, :] * (1 - s[:, None])}[form]
    mask = torch.eye(3, dtype=torch.bool) if cond == "eq" else ~torch.eye(3, dtype=torch.bool)
    return bool(torch.allclose(J[mask], stated[mask]))


@pytest.mark.parametrize("second", ["off", "swap", "diag"])
@pytest.mark.parametrize("first", ["diag", "off"])
@pytest.mark.parametrize("words", [("if $i = j$,", "if $i \\neq j$."), ("when $i = j$, and", "when $i \\neq j$.")])
def test_conditions_written_after_their_displays(first, second, words):
    """"$$A$$ if $i = j$, $$B$$ if $i \\neq j$.": each display's condition follows it. Read as the next
    display's lead-in, the wrong second row S_j(1 - S_i) held under i = j (red team 50, older than round 41)."""
    text = TRAILING_PAGE.replace("{first}", FORMS[first]).replace("{second}", FORMS[second])
    text = text.replace("{c1}", words[0]).replace("{c2}", words[1])
    claims = [c for c in check_text(text, "md").claims if "partial S_i" in c.latex]
    for claim, form, cond in zip(claims, (first, second), ("eq", "ne")):
        assert claim.verdict == ("holds" if _jacobian_true(form, cond) else "refuted"), (form, cond, claim.detail)


MEAN_PAGE = r"""## Variance

{words}

$$ \mu = \frac{1}{N} \sum_j x_j $$

$$ \sigma^2 = \frac{1}{N} \sum_j (x_j - \mu)^2 $$

Then

$$ \frac{\partial \sigma^2}{\partial x_j} = \frac{2}{N} (x_j - \mu) $$
"""


def _variance_row_true(n_value: int, entries: int = 4) -> bool:
    """∂σ²/∂x_j of σ² = (1/N) Σ_j (x_j - μ)², μ = (1/N) Σ_j x_j with x of ``entries`` entries and N = ``n_value``."""
    x = torch.tensor(np.random.default_rng(4).standard_normal(entries) + 1.0, requires_grad=True)
    mu = x.sum() / n_value
    (((x - mu) ** 2).sum() / n_value).backward()
    return bool(torch.allclose(x.grad, 2 / n_value * (x.detach() - mu.detach())))


@pytest.mark.parametrize("words,n_value,verdicts", [
    ("A vector $x$ of dimension $N$.", None, {"unchecked"}),  # holds at N = x's length: a reading not taken
    ("Here $N = 10$ and $x$ has four entries $x_1, \\dots, x_4$.", 10, {"refuted", "unchecked"}),
    ("A batch of $N$ examples; each $x \\in \\mathbb{R}^D$ has $D = 4$ features.", 7, {"refuted", "unchecked"}),
    ("A vector $x$.", None, {"unchecked"}),                                 # N never explained: either way
])
def test_a_means_count_only_where_the_page_says_so(words, n_value, verdicts):
    """Red team 50 and 52: N read as x's length where the page says N is 10, the batch, or a sequence's length held
    a false row (red team 52 found such words that read like x's length too, so N is never bound); where the
    page says nothing (or something else of N) the row holds or fails with N's meaning, so it is unchecked,
    naming both."""
    if n_value is not None:
        assert _variance_row_true(n_value) == ("holds" in verdicts)
    claim = check_text(MEAN_PAGE.replace("{words}", words), "md").claims[-1]
    assert claim.verdict in verdicts, claim.detail


# ---------------------------------------------------------------- red team 51: where a condition paragraph belongs
PLACES = [   # (the prose and displays after the forward, each display's form and the entries its words cover)
    ("$$D$$\n\nif $i = j$, and\n\n$$E$$\n\notherwise.", ("diag", "eq"), ("off", "ne")),
    ("$$D$$\n\nif $i = j$, and\n\n$$E$$\n\notherwise.", ("diag", "eq"), ("diag", "ne")),
    ("$$D$$\n\nfor $i = j$,\n\n$$E$$\n\nfor $i \\neq j$,\n\n## Cross-entropy\n\nThe loss follows.", ("diag", "eq"), ("diag", "ne")),
    ("$$D$$\n\nwhen $i = j$;\n\n$$E$$\n\nwhen $i \\neq j$.", ("diag", "eq"), ("diag", "ne")),
    ("$$D$$\n\nwhen $i = j$;\n\n$$E$$\n\nwhen $i \\neq j$.", ("diag", "eq"), ("off", "ne")),
    ("$$D$$\n\nif $i = j$,\n\n$$E$$\n\nif $i \\neq j$, where $S$ is the softmax output.", ("diag", "eq"), ("swap", "ne")),
    ("For $i = j$:\n\n$$D$$\n\nand, for $i \\neq j$,\n\n$$E$$\n\nMore.", ("diag", "eq"), ("off", "ne")),
    ("For $i = j$:\n\n$$D$$\n\nand, for $i \\neq j$,\n\n$$E$$\n\nMore.", ("diag", "eq"), ("swap", "ne")),
    ("$$D$$\n\nfor $i = j$,\n\n$$E$$\n\nfor $i < j$, and\n\n$$F$$\n\nfor $i > j$.", ("diag", "eq"), ("diag", "lt"), ("off", "gt")),
    ("$$D$$\n\nexactly when $i = j$,\n\n$$E$$\n\nexactly when $i \\neq j$.", ("off", "eq"), ("diag", "ne")),   # red team 52
    ("$$D$$\n\n(if $i = j$),\n\n$$E$$\n\n(if $i \\neq j$).", ("off", "eq"), ("diag", "ne")),
    ("Excepto cuando $i = j$,\n\n$$D$$\n\nMore.", ("diag", "ne")),
]


def _entries_true(form: str, cond: str) -> bool:
    z = torch.tensor(np.random.default_rng(5).standard_normal(3))
    J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
    s = torch.softmax(z, 0)
    stated = {"diag": s[:, None] * (1 - s[None, :]), "off": -s[:, None] * s[None, :],
              "swap": s[None, :] * (1 - s[:, None])}[form]
    i, j = np.indices((3, 3))
    mask = torch.tensor({"eq": i == j, "ne": i != j, "lt": i < j, "gt": i > j}[cond])
    return bool(torch.allclose(J[mask], stated[mask]))


@pytest.mark.parametrize("case", range(len(PLACES)))
def test_a_condition_is_used_only_where_its_place_is_settled(case):
    """Red team 51: "if $i = j$, and $$E$$ otherwise." had E read under i = j, "… for $i \\neq j$," before a heading
    left E under the paragraph above it, "when $i = j$;" was read again as the next display's lead (an older
    retry), and an unread "$i < j$" left the display after it under the condition before. A verdict may be
    unchecked, never wrong."""
    prose, *shapes = PLACES[case]
    letters = "DEF"
    for letter, (form, _) in zip(letters, shapes):
        prose = prose.replace(f"$${letter}$$", f"$$ \\frac{{\\partial S_i}}{{\\partial z_j}} = {FORMS[form]} $$")
    text = TRAILING_PAGE.split("The derivative is")[0] + "The derivative is\n\n" + prose + "\n"
    claims = [c for c in check_text(text, "md").claims if "partial S_i" in c.latex]
    assert len(claims) == len(shapes)
    for claim, (form, cond) in zip(claims, shapes):
        truth = "holds" if _entries_true(form, cond) else "refuted"
        assert claim.verdict in (truth, "unchecked"), (form, cond, claim.detail)


def test_a_settled_trailing_page_is_read():
    """The settled trailing page gets verdicts, not only unchecked: its true rows hold and its wrong one is refuted."""
    text = TRAILING_PAGE.replace("{first}", FORMS["diag"]).replace("{second}", FORMS["swap"])
    text = text.replace("{c1}", "when $i = j$;").replace("{c2}", "when $i \\neq j$.")
    verdicts = [c.verdict for c in check_text(text, "md").claims if "partial S_i" in c.latex]
    assert verdicts == ["holds", "refuted"]
    assert _jacobian_true("diag", "eq") and not _jacobian_true("swap", "ne")


# ---------------------------------------------------------------- kramdown's \newline row break
NEWLINE_PAGE = r"""## Softmax

$$ p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}, \qquad L = -\sum_i y_i \log p_i $$

Here $y$ is a one-hot vector.

$$
\begin{align}
\frac{\partial L}{\partial z_k} &= {last} \newline
\frac{\partial L}{\partial z_j} &= p_j - y_j
\end{align}
$$
"""


@pytest.mark.parametrize("last", ["p_k - y_k", "p_k + y_k"])
def test_newline_breaks_a_row(last):
    """ViviLearns' align rows (held-out 45) end in \\newline, MathJax's row break: the two rows were read as one."""
    z = torch.tensor(np.random.default_rng(6).standard_normal(3), requires_grad=True)
    y = torch.tensor([0.0, 1.0, 0.0])
    (-(y * torch.log_softmax(z, 0)).sum()).backward()
    p = torch.softmax(z.detach(), 0)
    truth = bool(torch.allclose(z.grad, p - y if last == "p_k - y_k" else p + y))
    claims = check_text(NEWLINE_PAGE.replace("{last}", last), "md").claims
    assert [c.verdict for c in claims[-2:]] == ["holds" if truth else "refuted", "holds"], [c.detail for c in claims]


# ---------------------------------------------------------------- a directive's weight= settles W x against X W
LAYERS_PAGE = r"""## Forward

$$ z^{[1]} = W^{[1]} \mathbf{x} + b^{[1]}, \quad a^{[1]} = \mathrm{ReLU}(z^{[1]}) $$

$$ z^{[2]} = W^{[2]} a^{[1]} + b^{[2]} $$

### Backward

<!-- symbp: layer=fc in=4 out=3 weight=out-in names: \mathbf{x}=input a^{[1]}=input W^{[1]}=kernel W^{[2]}=kernel b^{[1]}=bias b^{[2]}=bias z^{[1]}=output z^{[2]}=output J=loss -->

$$ \delta^{[2]} = \frac{\partial J}{\partial z^{[2]}} $$

$$ \frac{\partial J}{\partial W^{[2]}} = {row} $$
"""


@pytest.mark.parametrize("row", [r"\delta^{[2]} \cdot (a^{[1]})^T", r"a^{[1]} \cdot (\delta^{[2]})^T"])
def test_weight_out_in_settles_the_layout(row):
    """Held-out 46's German MLP README: under weight=out-in the claim was also read as X W (samples as rows), the
    readings disagreed and it was unchecked; the directive says W x."""
    rng = np.random.default_rng(7)
    W2 = torch.tensor(rng.standard_normal((3, 3)), requires_grad=True)
    a1, d2 = torch.tensor(rng.standard_normal(3)), torch.tensor(rng.standard_normal(3))
    ((W2 @ a1) * d2).sum().backward()
    stated = torch.outer(d2, a1) if row.startswith(r"\delta") else torch.outer(a1, d2)
    truth = bool(torch.allclose(W2.grad, stated))
    claim = check_text(LAYERS_PAGE.replace("{row}", row), "md").claims[-1]
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail
