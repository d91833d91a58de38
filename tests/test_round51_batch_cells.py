r"""Round 51: a dense layer's batch written out cell by cell, ``Y = XW = \begin{pmatrix} x_{1,1}w_{1,1} + …
\end{pmatrix}`` (symbp/check/fc_rows.py, fc_infer.py), in the style of the linear-layer notes after
Johnson's handout: the cells give the sizes and the weight's layout, so entry claims ``∂L/∂x_{p,q}`` are
read without a directive.  Truth from torch autograd (float64), never from symbp."""
import itertools

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(page: str) -> dict:
    return {c.latex.strip(): c.verdict for c in check_text(page, "md", time_limit=10).claims}


# ------------------------------------------------------------------ a batch written out cell by cell
def _cell(p: int, o: int, D: int, transposed: bool) -> str:
    return " + ".join(f"x_{{{p},{i}}}w_{{{o},{i}}}" if transposed else f"x_{{{p},{i}}}w_{{{i},{o}}}"
                      for i in range(1, D + 1))


def _linear_page(N: int, D: int, M: int, claims: list, transposed: bool = False) -> str:
    cells = r" \\ ".join(" & ".join(_cell(p, o, D, transposed) for o in range(1, M + 1)) for p in range(1, N + 1))
    product = "XW^T" if transposed else "XW"
    return (f"# A linear layer\n\n## Forward pass\n\nThe input X holds one sample a row; the layer outputs "
            f"$Y = {product}$, written out:\n\n$$Y = {product} = \\begin{{pmatrix}} {cells} \\end{{pmatrix}}$$\n\n"
            "A scalar loss L is computed from Y.\n\n## Backward pass, entry by entry\n\n"
            + "".join(f"$${c}$$\n\n" for c in claims))


def _dx_claim(p: int, q: int, M: int, y_row: int, w_first: int | None, transposed: bool) -> str:
    terms = []
    for j in range(1, M + 1):
        w = (f"w_{{{j},{q}}}" if transposed else f"w_{{{q},{j}}}") if w_first is None else f"w_{{{w_first},{j}}}"
        terms.append(f"\\frac{{\\partial L}}{{\\partial y_{{{y_row},{j}}}}} {w}")
    return f"\\frac{{\\partial L}}{{\\partial x_{{{p},{q}}}}} = " + " + ".join(terms)


def _dx_truth(N, D, M, p, q, y_row, w_first, transposed) -> str:
    torch.manual_seed(7)
    X = torch.randn(N, D, requires_grad=True)
    W = torch.randn(M, D) if transposed else torch.randn(D, M)
    G = torch.randn(N, M)
    ((X @ (W.T if transposed else W)) * G).sum().backward()
    total = 0.0
    for j in range(M):
        if w_first is None:
            w = W[j, q - 1] if transposed else W[q - 1, j]
        else:
            w = W[w_first - 1, j]
        total += G[y_row - 1, j] * w
    return "holds" if torch.isclose(X.grad[p - 1, q - 1], total) else "refuted"


LINEAR = [(N, D, M, transposed) for (N, D, M), transposed in itertools.product([(2, 2, 3), (2, 3, 2), (3, 2, 2)], [False, True])]


@pytest.mark.parametrize("N,D,M,transposed", LINEAR)
def test_entry_claims_of_a_batch_written_out(N, D, M, transposed):
    """Every entry's true row, and two slips (the wrong sample's y, the wrong row of W), against
    autograd: the written cells give the sizes and the weight's layout."""
    cases = []
    for p, q in itertools.product(range(1, N + 1), range(1, D + 1)):
        cases.append((p, q, p, None))                       # the true row
        cases.append((p, q, p % N + 1, None))               # y of another sample
        if not transposed:
            cases.append((p, q, p, q % D + 1))              # w's other row
    claims = [_dx_claim(p, q, M, y_row, w_first, transposed) for p, q, y_row, w_first in cases]
    found = _verdicts(_linear_page(N, D, M, claims, transposed))
    for (p, q, y_row, w_first), claim in zip(cases, claims):
        assert found[claim] == _dx_truth(N, D, M, p, q, y_row, w_first, transposed), claim


def test_the_written_cells_give_the_sizes():
    from symbp.check.fc_infer import read_fc_forward
    page = _linear_page(2, 3, 4, [])
    forward = next(line for line in page.splitlines() if line.startswith("$$Y"))[2:-2]
    assert read_fc_forward(forward).sizes == {"in": "3", "out": "4", "batch": "2"}
    slipped = forward.replace("x_{2,1}w_{1,1}", "x_{2,1}w_{1,2}", 1)     # one cell written otherwise: no sizes
    assert read_fc_forward(slipped).sizes == {}
