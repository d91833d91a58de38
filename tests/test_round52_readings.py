r"""Round 52: spellings of the scalar-layer reader met on held-out pages 69 and 70 (calc_calls.py,
calc_parse.py, calc_scalar_text.py): a softmax defined on a dummy vector ``\sigma(\mathbf z)_i`` and applied
to another (``[\sigma(\mathbf a)]_i``), Iverson's bracket ``[i = j]``, a defined function written bare
(``\sigma(1 - \sigma)``, ``1 - f^2``), and cosh / sinh / sech.  Truth from torch autograd (float64),
never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
POINTS = torch.tensor([-2.3, -0.7, 0.4, 1.1, 2.6])


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


# ------------------------------------------------------------------ the softmax on a dummy vector
def _softmax_truth(entry) -> str:
    """Whether ∂s_i/∂a_j = entry(s, i, j) for every i, j (s = softmax(a)), by torch's Jacobian."""
    for size in (2, 3, 5):
        a = torch.linspace(-1.1, 0.9, size) ** 3
        jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), a)
        s = torch.softmax(a, 0)
        claimed = torch.tensor([[float(entry(s, i, j)) for j in range(size)] for i in range(size)])
        if not torch.allclose(jac, claimed, atol=1e-12):
            return "refuted"
    return "holds"


DEFINITION = r"\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^K e^{z_j}}"
kron = lambda i, j: float(i == j)                    # noqa: E731
SOFTMAX_CLAIMS = [
    (r"\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_j} = \sigma_i(1_{i=j} - \sigma_j)",
     lambda s, i, j: s[i] * (kron(i, j) - s[j])),
    (r"\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_j} = \sigma_i(1 - \sigma_j)",
     lambda s, i, j: s[i] * (1 - s[j])),
    (r"\frac{\partial \left[\sigma(\mathbf{a})\right]_i}{\partial a_j} = \frac{\partial}{\partial a_j}"
     r"\frac{e^{a_i}}{\sum^K_{k=1}e^{a_k}} = \sigma(\mathbf{a})_i(\delta_{ij} - \sigma(\mathbf{a})_j)",
     lambda s, i, j: s[i] * (kron(i, j) - s[j])),
    (r"\frac{\partial \sigma(\mathbf{a})_i}{\partial a_i} = \sigma(\mathbf{a})_i (1 + \sigma(\mathbf{a})_i)",
     None),                                            # a diagonal claim: its truth below
]


@pytest.mark.parametrize("claim,entry", SOFTMAX_CLAIMS[:3])
def test_a_softmax_defined_on_a_dummy_vector_applied_to_another(claim, entry):
    page = f"# Softmax\n\n$$\n{DEFINITION}\n$$\n\n# Derivative\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == _softmax_truth(entry)


def test_a_wrong_diagonal_is_refuted():
    claim = SOFTMAX_CLAIMS[3][0]
    a = torch.tensor([0.3, -1.2, 0.8])
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), a)
    s = torch.softmax(a, 0)
    assert not torch.allclose(torch.diagonal(jac), s * (1 + s))
    page = f"# Softmax\n\n$$\n{DEFINITION}\n$$\n\n# Derivative\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == "refuted"


def test_the_truths_cover_both_verdicts():
    assert {_softmax_truth(e) for _, e in SOFTMAX_CLAIMS[:3]} == {"holds", "refuted"}


@pytest.mark.parametrize("elsewhere", [
    "$$\n\\mathbf{a} = W\\mathbf{z}\n$$\n",               # z written again: a is not the dummy's stand-in
    "With $a_i = 2 x_i$:\n",                              # a defined on the page
    "$$\n\\frac{\\partial[\\sigma(\\mathbf{b})]_i}{\\partial b_j} = \\sigma_i(\\delta_{ij} - \\sigma_j)\n$$\n",  # two vectors
])
def test_the_argument_is_not_renamed_where_the_page_leaves_it_open(elsewhere):
    r"""∂σ(a)_i/∂a_j = σ_i(δ_ij − σ_j) holds for the softmax of a, but where z is the page's own vector, a is
    defined, or σ is applied to two vectors, which σ_i means is not guessed: unchecked."""
    claim = r"\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_j} = \sigma_i(\delta_{ij} - \sigma_j)"
    page = f"# Softmax\n\n$$\n{DEFINITION}\n$$\n\n{elsewhere}\n# Derivative\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == "unchecked"


@pytest.mark.parametrize("claim,entry", [
    (r"\frac{\partial p_i}{\partial z_j} = p_i([i=j] - p_j)", lambda s, i, j: s[i] * (kron(i, j) - s[j])),
    (r"\frac{\partial p_i}{\partial z_j} = p_i\left([i \neq j] - p_j\right)",
     lambda s, i, j: s[i] * (1 - kron(i, j) - s[j])),
    (r"\frac{\partial p_i}{\partial z_j} = p_j([i=j] - p_i)", lambda s, i, j: s[j] * (kron(i, j) - s[i])),
])
def test_iversons_bracket(claim, entry):
    page = f"# Softmax\n\n$$\np_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}\n$$\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == _softmax_truth(entry)


# ------------------------------------------------------------------ a defined function written bare
S, T = torch.sigmoid, torch.tanh
BARE = [   # (definition, its torch function, claim, the claim's right side in torch)
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\frac{d\sigma}{dx} = \sigma(1-\sigma)", lambda x: S(x) * (1 - S(x))),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\frac{\partial \sigma}{\partial x} = \sigma(1+\sigma)",
     lambda x: S(x) * (1 + S(x))),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\sigma'(x) = \sigma(x)(1-\sigma)", lambda x: S(x) * (1 - S(x))),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\sigma'(x) = \sigma^2(x) - \sigma", lambda x: S(x) ** 2 - S(x)),
    (r"f(x) = \tanh(x)", T, r"\frac{df}{dx} = 1 - f^2", lambda x: 1 - T(x) ** 2),
    (r"f(x) = \tanh(x)", T, r"f'(x) = 1 - f^{2}(x)", lambda x: 1 - T(x) ** 2),
    (r"f(x) = \tanh(x)", T, r"f'(x) = 1 + f^2(x)", lambda x: 1 + T(x) ** 2),
    (r"f(x) = \tanh(x)", T, r"f'(x) = (1-f)(1+f)", lambda x: (1 - T(x)) * (1 + T(x))),
    # a call beside a bare name is still a call where its argument holds no bare name (red team 75)
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\frac{d\sigma}{dx} = \sigma(-x)\sigma", lambda x: S(-x) * S(x)),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\frac{d\sigma}{dx} = \sigma(1)(1 - \sigma)",
     lambda x: S(torch.tensor(1.0)) * (1 - S(x))),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", S, r"\frac{d\sigma}{dx} = 2\sigma(0)\sigma(1-\sigma)", lambda x: S(x) * (1 - S(x))),
]


def _derivative_truth(function, rhs) -> str:
    x = POINTS.clone().requires_grad_(True)
    function(x).sum().backward()
    return "holds" if torch.allclose(x.grad, rhs(POINTS.clone()), rtol=1e-10, atol=1e-12) else "refuted"


@pytest.mark.parametrize("definition,function,claim,rhs", BARE)
def test_a_defined_function_written_bare_is_its_value(definition, function, claim, rhs):
    page = f"# Forward\n\n$$\n{definition}\n$$\n\n# Backward\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == _derivative_truth(function, rhs)


def test_the_bare_truths_cover_both_verdicts():
    assert {_derivative_truth(f, r) for _, f, _, r in BARE} == {"holds", "refuted"}


def test_a_call_on_anything_but_the_variable_stays_a_call():
    r"""σ'(x) = σ(1 − σ(x)) writes no bare σ: the outer σ is a call (a composition), false for the logistic
    function, never read as the product σ(x)(1 − σ(x)) that holds."""
    claim = r"\sigma'(x) = \sigma(1-\sigma(x))"
    assert _derivative_truth(S, lambda x: S(1 - S(x))) == "refuted"
    page = f"# Forward\n\n$$\n\\sigma(x) = \\frac{{1}}{{1+e^{{-x}}}}\n$$\n\n# Backward\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) != "holds"


# ------------------------------------------------------------------ cosh, sinh, sech
sech = lambda x: 1 / torch.cosh(x)                      # noqa: E731
HYPERBOLIC = [
    (r"\cfrac{\partial y}{\partial x} = \textrm{sech}^2 x", lambda x: sech(x) ** 2),
    (r"\cfrac{\partial y}{\partial x} = \cfrac{1}{\cosh^2 x}", lambda x: 1 / torch.cosh(x) ** 2),
    (r"\frac{\partial y}{\partial x} = \operatorname{sech}^2(x)", lambda x: sech(x) ** 2),
    (r"\frac{\partial y}{\partial x} = \text{sech}(x)", sech),
    (r"\frac{\partial y}{\partial x} = \frac{1}{\sinh^2(x)}", lambda x: 1 / torch.sinh(x) ** 2),
    (r"\frac{\partial y}{\partial x} = \frac{1}{\cosh^2 2x}", lambda x: 1 / torch.cosh(2 * x) ** 2),   # cosh(2x)
    (r"{\cfrac{\partial y}{\partial x} = \textrm{sech}^2 x = \cfrac{1}{\cosh^2 x} = \cfrac{4}{(e^x + e^{-x})^2}"
     r" = 1 - tanh(x)^2}", lambda x: 4 / (torch.exp(x) + torch.exp(-x)) ** 2),
]


@pytest.mark.parametrize("claim,rhs", HYPERBOLIC)
def test_hyperbolic_functions_in_a_scalar_layer(claim, rhs):
    page = f"# tanh\n\n$$\ny = \\tanh x = \\cfrac{{e^x - e^{{-x}}}}{{e^x + e^{{-x}}}}\n$$\n\n$$\n{claim}\n$$\n"
    truth = _derivative_truth(T, rhs)
    assert _verdict(page, claim.strip("{}")) == truth


def test_the_hyperbolic_truths_cover_both_verdicts():
    assert {_derivative_truth(T, r) for _, r in HYPERBOLIC} == {"holds", "refuted"}


# ------------------------------------------------------------------ an index range noted after a definition
@pytest.mark.parametrize("note,settled", [
    (r"\quad (i = 1, 2, \ldots, n)", True), (r", \quad i = 1, \dots, n", True), (r"\quad i \in \{1, \dots, n\}", True),
    (r"\quad (i = 2, \ldots, n)", False),                 # not the whole axis: the definition is not read
])
def test_an_index_range_after_a_softmax_definition(note, settled):
    claims = [(r"\frac{\partial y_i}{\partial x_k} = \begin{cases} y_i - y_i^2 & (i = k)\\ -y_iy_k & (i \neq k) \end{cases}",
               lambda s, i, k: s[i] * (kron(i, k) - s[k])),
              (r"\frac{\partial y_i}{\partial x_k} = \begin{cases} y_i - y_i^2 & (i = k)\\ y_iy_k & (i \neq k) \end{cases}",
               lambda s, i, k: s[i] * (1 - s[i]) if i == k else s[i] * s[k])]
    for claim, entry in claims:
        page = (f"# softmax\n\n$$\ny_i = \\cfrac{{e^{{x_i}}}}{{\\displaystyle\\sum_{{k=1}}^{{n}}{{e^{{x_k}}}}}} {note}\n$$\n\n"
                f"$$\n{claim}\n$$\n")
        assert _verdict(page, claim) == (_softmax_truth(entry) if settled else "unchecked")


# ------------------------------------------------------------------ a gradient named with Δ and a plain =
def _dense_truths() -> dict:
    """z = w·x + b (one output), a = σ(z), L = a³ + a: the gradients by torch autograd."""
    x, w = torch.tensor([0.3, -1.1, 0.8]), torch.tensor([0.5, 0.2, -0.7], requires_grad=True)
    b = torch.tensor(0.4, requires_grad=True)
    z = (w * x).sum() + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    (a ** 3 + a).backward()
    return {"dz": z.grad, "da": a.grad, "db": b.grad, "dw": w.grad, "sig'": a.detach() * (1 - a.detach()), "x": x, "w": w.detach()}


@pytest.mark.parametrize("row,truth", [
    (r"\Delta z = \frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \odot \sigma'(z)",
     lambda g: torch.allclose(g["dz"], g["da"] * g["sig'"])),
    (r"\Delta b = \frac{\partial L}{\partial b} = \Delta z", lambda g: torch.allclose(g["db"], g["dz"])),
    (r"\Delta b = \frac{\partial L}{\partial b} = 2\Delta z", lambda g: torch.allclose(g["db"], 2 * g["dz"])),
])
def test_a_gradient_named_with_delta_and_a_plain_equals(row, truth):
    r"""``\Delta z = \frac{\partial L}{\partial z} = …``: Δz names ∂L/∂z on the page (Δ before the variable itself,
    then exactly its gradient), and the chain after the name is the claim."""
    rows = [r"\Delta z = \frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \odot \sigma'(z)", row]
    page = "# Dense\n\n$$ z = w^T x + b $$\n\n$$ a = \\sigma(z) $$\n\n" + "".join(f"$$ {r} $$\n\n" for r in rows)
    assert _verdict(page, row) == ("holds" if truth(_dense_truths()) else "refuted")


def test_a_delta_the_page_also_uses_as_an_update_names_nothing():
    r"""``\Delta b = -\eta \frac{\partial L}{\partial b}`` on the same page: Δb is an update there, so the row
    ``\Delta b = \frac{\partial L}{\partial b} = 2\Delta z`` is not read as naming ∂L/∂b (never refuted on a guess)."""
    page = ("# Dense\n\n$$ z = w^T x + b $$\n\n$$ a = \\sigma(z) $$\n\n$$ \\Delta b = -\\eta \\frac{\\partial L}{\\partial b} $$\n\n"
            "$$ \\Delta b = \\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial z} $$\n")
    assert _verdict(page, r"\Delta b = \frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}") == "unchecked"


# ------------------------------------------------------------------ a sum over a batch's rows, or over entries?
def test_a_sum_of_once_indexed_gradients_is_not_refuted_on_the_entry_reading():
    r"""``\frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial Y_i}`` after ``Y = XW + b``: with Y_i row i
    of the batch (one sample) the claim is the bias gradient (torch below); the dense reader's entry reading makes
    the sum a number against a row.  Which one the page means is open: never refuted on that reading."""
    X, W = torch.randn(4, 3, generator=torch.Generator().manual_seed(1)), torch.randn(3, 2)
    b = torch.zeros(2, requires_grad=True)
    Y = X @ W + b
    Y.retain_grad()
    (Y ** 3).sum().backward()
    assert torch.allclose(b.grad, Y.grad.sum(0))
    claim = r"\frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial Y_i}"
    page = f"# Linear layer\n\n$$ Y = XW + b $$\n\n$$ {claim} $$\n"
    assert _verdict(page, claim) != "refuted"


@pytest.mark.parametrize("forward,function,claim,rhs", [
    (r"y = \tanh 2x", lambda x: T(2 * x), r"\frac{dy}{dx} = 2\,\mathrm{sech}^2 2x", lambda x: 2 / torch.cosh(2 * x) ** 2),
    (r"y = \cosh^2 x", lambda x: torch.cosh(x) ** 2, r"\frac{dy}{dx} = \sinh 2x", lambda x: torch.sinh(2 * x)),
    (r"y = \frac{x^2}{2}\cosh 2", lambda x: x ** 2 / 2 * torch.cosh(torch.tensor(2.0)), r"\frac{dy}{dx} = \cosh 2x",
     lambda x: torch.cosh(2 * x)),
])
def test_a_number_then_a_letter_is_the_whole_argument(forward, function, claim, rhs):
    r"""``\cosh 2x`` is cosh(2x), never cosh(2)·x (red team 75: the second reading held a false claim)."""
    page = f"# Layer\n\n$$\n{forward}\n$$\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == _derivative_truth(function, rhs)


@pytest.mark.parametrize("claim,entry", [
    (r"\frac{\partial p[i]}{\partial z[j]} = p[i]([i=j]-p[j])", lambda s, i, j: s[i] * (kron(i, j) - s[j])),
    (r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij}-p_j)", lambda s, i, j: s[i] * (kron(i, j) - s[j])),
    (r"\frac{\partial p[i]}{\partial z[j]} = p[j][i=j] - p[i]p[i]", lambda s, i, j: s[j] * kron(i, j) - s[i] * s[i]),
])
def test_an_array_indexed_with_brackets(claim, entry):
    r"""``p[i] = \frac{e^{z[i]}}{\sum_k e^{z[k]}}``: ``z[i]`` is z's entry i (numpy's spelling), not z times i (red team
    75: the true Jacobian was refuted on shapes)."""
    page = f"# Softmax\n\n$$\np[i] = \\frac{{e^{{z[i]}}}}{{\\sum_k e^{{z[k]}}}}\n$$\n\n$$\n{claim}\n$$\n"
    assert _verdict(page, claim) == _softmax_truth(entry)


# ------------------------------------------------------------------ a forward's dotted run with no last term
@pytest.mark.parametrize("forward", [r"z = w_1 x_1 + w_2 x_2 ...+ b", r"z = w_1 x_1 + w_2 x_2 + \dots + b",
                                     r"z = b + w_1 x_1 + w_2 x_2 + \cdots"])
def test_a_forwards_open_run_is_every_entry(forward):
    r"""``z = w_1 x_1 + w_2 x_2 + \dots + b`` (a Taiwanese note writes ``...+ b``): z = Σ_k w_k x_k + b over every entry;
    ∂z/∂w_i = x_i holds and = w_i does not (torch), ∂L/∂w_i through ŷ = σ(z) and the squared error holds."""
    from symbp.check.dotted_terms import dotted_sums
    assert r"\sum_{k} w_k x_k" in dotted_sums(forward)
    x, w, b = torch.tensor([0.3, -1.2, 0.7]), torch.tensor([0.5, 0.1, -0.4], requires_grad=True), torch.tensor(0.2)
    y = torch.tensor(1.0)
    z = (w * x).sum() + b
    yhat = torch.sigmoid(z)
    (0.5 * (y - yhat) ** 2).backward()
    yh = yhat.detach()
    truths = {r"\frac{\partial z}{\partial w_i} = x_i": "holds", r"\frac{\partial z}{\partial w_i} = w_i": "refuted",
              r"\frac{\partial L}{\partial w_i} = (\hat{y} - y) \cdot \hat{y}(1-\hat{y}) \cdot x_i":
              "holds" if torch.allclose(w.grad, (yh - y) * yh * (1 - yh) * x) else "refuted"}
    assert not torch.allclose(x, w.detach())
    page = (f"# Forward\n\n$$\n{forward}\n$$\n\nWith the sigmoid:\n\n$$\n\\hat{{y}} = \\sigma(z)\n$$\n\n"
            "$$\nL = \\frac{1}{2}  (y - \\hat{y})^2\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in truths))
    for claim, truth in truths.items():
        assert _verdict(page, claim) == truth, claim


def test_a_claims_open_run_and_a_run_closed_by_its_own_name_stay_as_written():
    from symbp.check.dotted_terms import dotted_sums
    for latex in (r"\frac{\partial L}{\partial w} = x_1 + x_2 + \dots", r"z = x_0 + x_1 + \dots + x_{n-1}",
                  r"z = w_1 x_1 + w_2 x_2 + \dots + w_0"):
        assert dotted_sums(latex) == latex
    assert dotted_sums(r"y = f((x_1 * w_1) + (x_2 * w_2) + ... + b)") == r"y = f(\sum_{k} (x_k * w_k) + b)"


# ------------------------------------------------------------------ a normalisation written on whole vectors
NORM = ("## Forward\n\n$$\\mu = \\frac{1}{n}\\sum_{i=1}^n X_i$$\n\n$$\\sigma = \\sqrt{\\frac{1}{n}\\sum_{i=1}^n(X_i-\\mu)^2}$$\n\n"
        "$$\\hat{X} = \\frac{X - \\mu}{\\sigma}$$\n\n$$Y = \\gamma \\odot \\hat{X} + \\beta$$\n\n## Backward\n\n")


def _norm_jacobians(n: int = 4):
    x = torch.linspace(-0.9, 1.7, n) ** 3 + 0.1 * torch.arange(n)
    norm = lambda v: (v - v.mean()) / ((v - v.mean()) ** 2).mean().sqrt()          # noqa: E731
    dxhat = torch.autograd.functional.jacobian(norm, x)                             # [i, j] = ∂x̂_i/∂x_j
    dsigma = torch.autograd.functional.jacobian(lambda v: ((v - v.mean()) ** 2).mean().sqrt(), x)
    return x, norm(x), ((x - x.mean()) ** 2).mean().sqrt(), dxhat, dsigma


@pytest.mark.parametrize("claim,truth", [
    (r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{n}\hat{X}_j", lambda x, h, s, J, d: torch.allclose(d, h / len(x))),
    (r"\frac{\partial \sigma}{\partial X_j} = \hat{X}_j", lambda x, h, s, J, d: torch.allclose(d, h)),
    (r"\frac{\partial \hat{X}_i}{\partial X_j} = \frac{1}{\sigma}\left(\delta_{ij} - \frac{1}{n} - \frac{1}{n}\hat{X}_i\hat{X}_j\right)",
     lambda x, h, s, J, d: torch.allclose(J, (torch.eye(len(x)) - 1 / len(x) - torch.outer(h, h) / len(x)) / s)),
    (r"\frac{\partial \hat{X}_i}{\partial X_j} = \frac{1}{\sigma}\left(\delta_{ij} - \frac{1}{n}\right)",
     lambda x, h, s, J, d: torch.allclose(J, (torch.eye(len(x)) - 1 / len(x)) / s)),
])
def test_a_normalised_vector_written_without_an_index(claim, truth):
    r"""``\hat{X} = \frac{X - \mu}{\sigma}`` beside ``\mu = \frac{1}{n}\sum_i X_i``: read entry by entry (calc_entrywise)."""
    assert _verdict(NORM + f"$$\n{claim}\n$$\n", claim) == ("holds" if truth(*_norm_jacobians()) else "refuted")


def test_a_parameter_written_bare_is_not_guessed_one_number():
    r"""``Y = \gamma \odot \hat{X} + \beta``: γ may be one per entry (∂L/∂γ_i = ∂L/∂Y_i X̂_i, no sum) or one number
    (the sum): a claim summing over the entries is not held on either guess."""
    claim = r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^n \frac{\partial L}{\partial Y_i} \hat{X}_i"
    assert _verdict(NORM + f"$$\n{claim}\n$$\n", claim) == "unchecked"


def test_a_hat_and_a_hadamard_pasted_from_a_pdf():
    r"""``yˆ`` (y, then U+02C6) and ``◦`` (U+25E6) as a PDF pastes ``\hat{y}`` and the entrywise product."""
    from symbp.check.plain_math import plain_latex
    out = plain_latex("\\frac{\\partial L}{\\partial a} ◦ σ(z) ◦ (1 − yˆ)")
    assert "\\hat{y}" in out and "\\circ" in out and "◦" not in out and "−" not in out


@pytest.mark.parametrize("claim,factor", [(r"\frac{\partial \sigma^2}{\partial X_j} = \frac{2}{n-1}(X_j - \mu)", "n-1"),
                                          (r"\frac{\partial \sigma^2}{\partial X_j} = \frac{2}{n}(X_j - \mu)", "n")])
def test_sigma_squared_is_the_square_of_the_pages_sigma(claim, factor):
    r"""σ defined with Bessel's n - 1: the claim's σ² is σ·σ, never batch norm's 1/n variance assumed beside it
    (red team 76: the 2/n row held)."""
    x = torch.tensor([0.3, -1.2, 2.0, 0.9], requires_grad=True)
    n = len(x)
    var = ((x - x.mean()) ** 2).sum() / (n - 1)
    var.backward()
    coef = 2 / (n - 1) if factor == "n-1" else 2 / n
    truth = "holds" if torch.allclose(x.grad, coef * (x.detach() - x.detach().mean())) else "refuted"
    page = ("# Layer normalisation\n\n$$\n\\mu = \\frac{1}{n}\\sum_{i=1}^{n} X_i\n$$\n\n"
            "$$\n\\sigma = \\sqrt{\\frac{1}{n-1}\\sum_{i=1}^{n}(X_i-\\mu)^2}\n$$\n\n$$\n\\hat{X} = \\frac{X - \\mu}{\\sigma}\n$$\n\n"
            f"$$\n{claim}\n$$\n")
    assert _verdict(page, claim) == truth


def test_d_names_the_page_writes_as_differentials_are_no_gradients():
    r"""``dz = \frac{\partial z}{\partial w}\,dw`` beside ``z = wx + b``: dz is a change of z through w, so
    ``\frac{\partial L}{\partial b} = dz`` is not read with dz = ∂L/∂z (red team 76: it held; ∂L/∂b = z - y, not x dw)."""
    page = ("# Differentials\n\nHere $w$, $x$, $b$ and $y$ are scalars (one unit).\n\n$$\nz = wx + b\n$$\n\n"
            "$$\nL = \\frac{1}{2}(z - y)^2\n$$\n\n$$\ndz = \\frac{\\partial z}{\\partial w}\\,dw\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial b} = dz\n$$\n")
    assert _verdict(page, r"\frac{\partial L}{\partial b} = dz") == "unchecked"


def test_a_batch_declared_in_the_prose_is_not_held_at_one_sample():
    r"""``X \in \mathbb{R}^{m \times d}`` of m samples, ``Y = XW + b``: ``\frac{\partial L}{\partial b_i} =
    \frac{\partial L}{\partial Y_i}`` holds for one sample only (torch: with 4 samples ∂L/∂b sums the rows); checked at
    sizes symbp chose with one sample, it is not held (red team 76's last false hold, older than the round)."""
    X, W = torch.randn(4, 3, generator=torch.Generator().manual_seed(2)), torch.randn(3, 2)
    b = torch.zeros(2, requires_grad=True)
    Y = X @ W + b
    Y.retain_grad()
    (Y ** 3).sum().backward()
    assert not any(torch.allclose(b.grad, Y.grad[n]) for n in range(4))
    claim = r"\frac{\partial L}{\partial b_i} = \frac{\partial L}{\partial Y_i}"
    page = ("# A dense layer\n\nA batch $X \\in \\mathbb{R}^{m \\times d}$ of $m$ samples, $W \\in \\mathbb{R}^{d \\times k}$, "
            f"$b \\in \\mathbb{{R}}^{{k}}$:\n\n$$\nY = XW + b\n$$\n\nThe gradients:\n\n$$\n{claim}\n$$\n")
    assert _verdict(page, claim) != "holds"
