"""A fully connected layer's gradient written out as a matrix of cells in the founding notation
(∂J/∂W = [[δ_1 a_1, δ_1 a_2], …]): compared cell by cell with W's entries.  Truth: torch autograd
of nn.Linear at random values, each written cell evaluated by hand."""
import numpy as np
import torch

from symbp.check.checker import check_text

CELL = {"right": lambda r, c: rf"\delta_{{{r}}} a_{{{c}}}",
        "transposed": lambda r, c: rf"\delta_{{{c}}} a_{{{r}}}",
        "chain": lambda r, c: rf"\frac{{\partial J}}{{\partial z_{{{r}}}}} a_{{{c}}}"}


def _matrix(cell, rows, cols):
    body = r" \\ ".join(" & ".join(cell(r, c) for c in range(1, cols + 1)) for r in range(1, rows + 1))
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def _torch_truth(cell_name, n_in, n_out, rows, cols):
    torch.manual_seed(1)
    layer = torch.nn.Linear(n_in, n_out).double()
    a = torch.randn(n_in, dtype=torch.float64)
    delta = torch.randn(n_out, dtype=torch.float64)
    (layer(a) * delta).sum().backward()
    dw = layer.weight.grad.numpy()
    d, x = delta.numpy(), a.numpy()
    value = {"right": lambda r, c: d[r] * x[c], "transposed": lambda r, c: d[c] * x[r],
             "chain": lambda r, c: d[r] * x[c]}[cell_name]
    try:
        written = np.array([[value(r, c) for c in range(cols)] for r in range(rows)])
    except IndexError:
        return False
    return written.shape == dw.shape and np.allclose(written, dw)


def _verdict(cell_name, n_in, n_out, rows, cols):
    doc = (f"<!-- symbp: layer=fc in={n_in} out={n_out} -->\n\n$$\n\\frac{{\\partial J}}{{\\partial W}} = "
           f"{_matrix(CELL[cell_name], rows, cols)}\n$$\n")
    return check_text(doc, "md").claims[0].verdict


def test_written_weight_gradients_against_torch():
    cases = [("right", 2, 2, 2, 2), ("chain", 3, 2, 2, 3), ("right", 3, 2, 2, 3),
             ("transposed", 3, 2, 2, 3), ("transposed", 2, 3, 3, 2), ("right", 2, 2, 2, 3),
             ("transposed", 2, 2, 2, 2)]
    for case in cases:
        truth = _torch_truth(*case)
        got = _verdict(*case)
        assert got == ("holds" if truth else "refuted"), (case, truth, got)
