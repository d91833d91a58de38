"""Readings of round 50.

* a code block's formula line with a label before it, ``Forward: C = A @ B`` or ``順伝播: C = A @ B``
  (held-out 66's Japanese chapter): the formula is read (before: the line was skipped);
* a forward in whole matrices whose letters only the directive binds (``C = A @ B`` under ``names:
  A=input B=kernel``) says the samples are rows; a ``weight=in-out`` directive over it is a conflict named
  with the key to say, never a refutation (before: ``∂L/∂B = A^T @ (∂L/∂C)``, true, was refuted there);
* a claim over two index letters that fails only where they take one value (``∂/∂s_n`` of the positive
  class p's loss, "for a negative class n", held-out 66's gombru post) is unchecked with the condition
  to write (before: refuted at n = p); written with ``\\quad n \\neq p`` it holds, and one that fails
  where the letters differ is still refuted.

Truth: torch autograd (float64); never symbp.
"""
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _claims(text: str) -> list:
    return [(c.latex, c.verdict, c.detail) for c in check_text(text, "md").claims]


# ---------------------------------------------------------------- C = A @ B under a directive


def _product_grads(n: int, i: int, o: int, seed: int):
    """(X, W, dL/dY, dL/dX, dL/dW, dL/db) of Y = X W + b with X n x i (samples as rows), W i x o, by autograd;
    the page's C = A @ B is the same product without b (its gradients in X and W are the same)."""
    torch.manual_seed(seed)
    x = torch.randn(n, i, requires_grad=True)
    w = torch.randn(i, o, requires_grad=True)
    b = torch.randn(o, requires_grad=True)
    y = x @ w + b
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    return x.detach(), w.detach(), dy, x.grad, w.grad, b.grad


_MATMUL = """## Matrix product

<!-- symbp: layer=fc in=4 out=5 batch=2 weight={weight} names: A=input B=kernel C=output L=loss -->

```
Forward: C = A @ B

  ∂L/∂A = (∂L/∂C) @ Bᵀ
  ∂L/∂B = Aᵀ @ (∂L/∂C)
```
"""


def test_the_page_rule_for_a_matrix_product_is_what_autograd_gives():
    a, b, dc, da, db, _ = _product_grads(2, 4, 5, seed=0)
    assert torch.allclose(da, dc @ b.T) and torch.allclose(db, a.T @ dc)


def test_under_weight_rows_the_matrix_product_rules_hold():
    rows = _claims(_MATMUL.format(weight="rows"))
    grads = [(tex, v) for tex, v, _ in rows if tex.startswith("∂L/∂")]
    assert [v for _, v in grads] == ["holds", "holds"], rows


def test_the_labelled_forward_line_is_read_and_a_contrary_weight_is_a_conflict_not_a_refutation():
    rows = _claims(_MATMUL.format(weight="in-out"))
    assert any(tex == "C = A @ B" for tex, _, _ in rows), rows          # the label "Forward:" is prose
    assert all(v != "refuted" for _, v, _ in rows), rows
    grad_b = next(d for tex, v, d in rows if tex.startswith("∂L/∂B"))
    assert "weight=in-out" in grad_b and "say weight=rows" in grad_b


# ---------------------------------------------------------------- two letters that meet


def _softmax_neg_grad(classes: int, p: int, n: int, seed: int = 1):
    """(∂/∂s_n of -log softmax(s)_p, softmax(s)_n) by autograd."""
    torch.manual_seed(seed)
    s = torch.randn(classes, requires_grad=True)
    loss = -torch.log_softmax(s, 0)[p]
    (g,) = torch.autograd.grad(loss, s)
    return g[n].item(), torch.softmax(s, 0)[n].item()


_NEG = r"""$$f(s)_{i} = \frac{e^{s_{i}}}{\sum_{j}^{C} e^{s_{j}}}$$

For a negative class $n$:

$$\frac{\partial}{\partial s_{n}} \left(-\log\left( \frac{e^{s_{p}}}{\sum_{j}^{C} e^{s_{j}}} \right) \right) = \frac{%s e^{s_{n}}}{\sum_{j}^{C}e^{s_{j}}}%s$$
"""


def test_the_negative_class_rule_holds_apart_from_the_diagonal_only():
    for classes in (2, 3, 4):
        for p in range(classes):
            for n in range(classes):
                grad, soft = _softmax_neg_grad(classes, p, n)
                assert (abs(grad - soft) < 1e-12) == (n != p)


def test_a_claim_failing_only_where_its_letters_meet_is_unchecked_with_the_condition_to_write():
    (_, _, _), (_, verdict, detail) = _claims(_NEG % ("", ""))
    assert verdict == "unchecked", detail
    assert "n = 1, p = 1" in detail and r"\quad n \neq p" in detail


def test_written_with_its_condition_it_holds_and_a_wrong_rule_is_still_refuted():
    (_, _, _), (_, verdict, detail) = _claims(_NEG % ("", r" \quad n \neq p"))
    assert verdict == "holds", detail
    grad, soft = _softmax_neg_grad(2, 1, 0)
    assert abs(grad - 2 * soft) > 1e-3                  # 2 softmax_n is wrong off the diagonal
    (_, _, _), (_, verdict, detail) = _claims(_NEG % ("2", ""))
    assert verdict == "refuted", detail


# ---------------------------------------------------------------- red team 72


_AFFINE = """# affine

```
{first}
{second}
dw = dout.dot(x.T)
db = np.sum(dout, axis=0)
```
"""


def test_a_line_labelled_wrong_is_not_the_forward():
    x, _, dout, _, dw, db = _product_grads(2, 4, 3, seed=2)
    assert torch.allclose(dw, x.T @ dout) and torch.allclose(db, dout.sum(0))
    text = _AFFINE.format(first="Wrong: out = w.dot(x) + b", second="Correct: out = x.dot(w) + b")
    for tex, verdict, detail in _claims(text):
        assert not (tex.startswith("dw") and verdict == "holds"), detail     # dout x^T is the wrong side's rule
        assert not (tex.startswith("db") and verdict == "refuted"), detail   # sum over the samples is right


def test_a_second_labelled_product_does_not_hide_the_conflict():
    text = _MATMUL.format(weight="in-out").replace("Forward: C = A @ B", "Forward: C = A @ B\nBackward: C = B @ A")
    assert all(v != "refuted" and not (tex.startswith("∂L/∂") and v == "holds") for tex, v, _ in _claims(text))


def test_a_weight_value_that_names_no_order_reads_nothing():
    _, b, dc, _, _, _ = _product_grads(2, 4, 5, seed=0)
    assert b.T.shape[1] != dc.shape[0]        # B^T @ (∂L/∂C) does not conform under C = A @ B: the claim is false
    text = _MATMUL.format(weight="io").replace("∂L/∂A = (∂L/∂C) @ Bᵀ", "∂L/∂A = Bᵀ @ (∂L/∂C)")
    try:
        rows = _claims(text)
    except Exception as err:                  # every equation unchecked: the directive's error is the run's
        assert "weight='io'" in str(err)
        return
    assert all(v in ("unchecked", "definition") for _, v, _ in rows), rows


_HOT = r"""Here $y$ is one-hot: $y_{c} = 1$ for the true class $c$.

$$p_{i} = \frac{e^{s_{i}}}{\sum_{k} e^{s_{k}}}$$

$$L = -\sum_{i} y_{i} \log p_{i}$$

$$\frac{\partial L}{\partial s_{k}} = p_{k} \quad k \neq c$$
"""


def test_a_condition_on_the_true_class_is_not_checked_at_every_class():
    torch.manual_seed(3)
    s = torch.randn(4, requires_grad=True)
    c = 2
    (g,) = torch.autograd.grad(-torch.log_softmax(s, 0)[c], s)
    p = torch.softmax(s, 0)
    assert all(abs(g[k] - p[k]) < 1e-12 for k in range(4) if k != c) and abs(g[c] - p[c]) > 0.5
    *_, (_, verdict, detail) = _claims(_HOT)
    assert verdict != "refuted", detail


# ---------------------------------------------------------------- a derivative written out on an expression


_SWISH = r"""## Swish

The note starts from the derivative of the sigmoid and derives swish's:

$$
  \begin{aligned}
    \frac{\partial}{\partial x}\mathit{swish}(x, \beta)
      &= \frac{\partial}{\partial x}(x \cdot \sigma(\beta x))  \\
      &= \frac{\partial x}{\partial x}\sigma(\beta x) + x \frac{\partial}{\partial x}\sigma(\beta x)  \\
      &= \sigma(\beta x) + %s
  \end{aligned}
$$
"""


def _swish_grad(x: float, beta: float) -> float:
    t = torch.tensor(x, requires_grad=True)
    (g,) = torch.autograd.grad(t * torch.sigmoid(beta * t), t)
    return g.item()


def test_the_product_rule_rows_hold_and_a_missing_inner_factor_is_refuted():
    for x, beta in ((0.3, 1.5), (-1.2, 0.7), (2.0, -0.4)):
        s = torch.sigmoid(torch.tensor(beta * x)).item()
        assert abs(_swish_grad(x, beta) - (s + beta * x * s * (1 - s))) < 1e-12     # the right last row
        assert abs(_swish_grad(x, beta) - (s + x * s * (1 - s))) > 1e-6              # β dropped: wrong
    right = _claims(_SWISH % r"\beta x \sigma(\beta x)(1 - \sigma(\beta x))")
    assert [v for _, v, _ in right[1:]] == ["holds", "holds"], right
    wrong = _claims(_SWISH % r"x \sigma(\beta x)(1 - \sigma(\beta x))")
    assert wrong[-1][1] == "refuted" and "beta" in wrong[-1][2], wrong[-1]


def test_without_the_page_saying_sigmoid_a_sigmoid_only_row_is_not_held():
    text = (_SWISH % r"\beta x \sigma(\beta x)(1 - \sigma(\beta x))").replace("of the sigmoid", "of σ")
    *_, (_, verdict, detail) = _claims(text)
    assert verdict == "unchecked" and "sigmoid" in detail, detail


def test_a_vector_product_is_not_read_as_numbers():
    torch.manual_seed(4)
    a, x = torch.randn(3, 3, dtype=torch.float64), torch.randn(3, requires_grad=True)
    (g,) = torch.autograd.grad(x @ a @ x, x)
    assert not torch.allclose(g, 2 * a @ x)          # x^T A x: (A + A^T) x, not 2 A x
    text = r"""$$\frac{\partial}{\partial x}\left(x^T A x\right) = 2 A x$$"""
    assert all(v != "holds" for _, v, _ in _claims(text))


_DIAGONAL_PROSE = r"""$$p_{i} = \frac{e^{z_{i}}}{\sum_{k} e^{z_{k}}}$$

On the diagonal the entries are:

$$\frac{\partial p_{i}}{\partial z_{j}} = p_{i}(1 - p_{i})$$
"""


def test_a_jacobian_row_the_prose_puts_on_the_diagonal_is_not_refuted_off_it():
    torch.manual_seed(5)
    z = torch.randn(4)
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
    p = torch.softmax(z, 0)
    assert torch.allclose(torch.diagonal(jac), p * (1 - p)) and not torch.allclose(jac[0, 1], p[0] * (1 - p[0]))
    *_, (_, verdict, detail) = _claims(_DIAGONAL_PROSE)
    assert verdict == "unchecked" and "diagonal" in detail, detail
    *_, (_, verdict, detail) = _claims(_DIAGONAL_PROSE.replace("On the diagonal the entries are:", "The entries are:"))
    assert verdict == "refuted", detail


# ---------------------------------------------------------------- \part and shapes as subscripts (held-out 67)


_LINEAR = r"""## Linear layer

<!-- symbp: layer=fc in=3 out=2 batch=4 weight=%s names: X=input W=kernel Y=output L=loss -->

$$
\begin{gather*}
input: X_{N\times D}\\
Y_{N\times M} = XW
\end{gather*}
$$

$$
\left(\frac{\part L }{\part W}\right)_{D\times M}=(X_{N\times D})^T\left(\frac{\part L}{\part Y}\right)_{N \times M}
$$
"""


def test_part_for_partial_and_shapes_as_subscripts_are_read():
    x, _, dy, _, dw, _ = _product_grads(4, 3, 2, seed=6)
    assert torch.allclose(dw, x.T @ dy)
    *_, (_, verdict, detail) = _claims(_LINEAR % "rows")
    assert verdict == "holds", detail


def test_a_batched_forward_in_whole_matrices_contradicting_weight_in_out_is_a_conflict():
    *_, (_, verdict, detail) = _claims(_LINEAR % "in-out")
    assert verdict == "unchecked" and "say weight=rows" in detail, detail
