r"""Round 55: a dense layer's entries written up to a size letter (``X^T = [x_{11} \cdots x_{M1}]``,
``w_{DN}``) give no sizes (section_scan.letter_sized_letters: their largest numbers, 1, had made a 1x1
layer, where every index order holds), and ``\centerdot`` read as the product it is
(``y_{ij} = \sum_k x_{ik} \centerdot w_{kj}``; index_tree).  Truth from torch autograd (float64), never
from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


def _dense_truth(form, wrt: str) -> str:
    """Whether ∂L/∂x_{ij} (``wrt`` "x") or ∂L/∂w_{ij} ("w") of Y = XW, L = Σ G ⊙ Y + Σ Y³ (X M x D, W D x N),
    equals ``form(X, W, ∂L/∂Y, i, j)`` (0-based i, j) at every entry, at three unequal sizes (torch autograd)."""
    torch.manual_seed(5)
    for m, d, n in ((3, 4, 2), (2, 3, 4), (4, 2, 3)):
        x, w, g = torch.randn(m, d, requires_grad=True), torch.randn(d, n, requires_grad=True), torch.randn(m, n)
        y = x @ w
        y.retain_grad()
        ((g * y).sum() + (y ** 3).sum()).backward()
        want, dy = (x.grad if wrt == "x" else w.grad), y.grad
        for i in range(want.shape[0]):
            for j in range(want.shape[1]):
                try:
                    got = form(x.detach(), w.detach(), dy, i, j)
                except (IndexError, RuntimeError):
                    return "refuted"
                if abs(float(got) - float(want[i, j])) > 1e-9:
                    return "refuted"
    return "holds"


_MATRICES = r"""# Dense layer

Take $$X\in { {R}^{M\times D}}$$, $$W\in { {R}^{D\times N}}$$ and the layer $$Y=XW\in { {R}^{M\times N}}$$,
entry by entry
$${ {y}_{ij}}=\sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot { {w}_{kj}}}$$

Transposed:

$${ {X}^{T}}=\left[ \begin{matrix}
   { {x}_{11}} & \cdots  & { {x}_{M1}}  \\
\end{matrix} \right]$$

$${ {W}^{T}}=\left[ \begin{matrix}
   { {w}_{11}} & \cdots  & { {w}_{D1}}  \\
\end{matrix} \right]$$

So

$$%s$$
"""

DENSE_CLAIMS = [
    (r"\frac{\partial L}{\partial { {x}_{ij}}}\text{=}\sum\limits_{\text{k}=1}^{N}{\frac{\partial L}{\partial { {y}_{ik}}}{ {w}_{jk}}}",
     "x", lambda x, w, dy, i, j: sum(dy[i, k] * w[j, k] for k in range(dy.shape[1]))),
    (r"\frac{\partial L}{\partial { {x}_{ij}}}\text{=}\sum\limits_{\text{k}=1}^{N}{\frac{\partial L}{\partial { {y}_{ik}}}{ {w}_{kj}}}",
     "x", lambda x, w, dy, i, j: sum(dy[i, k] * w[k, j] for k in range(dy.shape[1]))),
    (r"\frac{\partial L}{\partial { {w}_{ij}}}=\sum\limits_{m=1}^{M}{\frac{\partial L}{\partial { {y}_{mj}}}{ {x}_{mi}}}",
     "w", lambda x, w, dy, i, j: sum(dy[m, j] * x[m, i] for m in range(dy.shape[0]))),
    (r"\frac{\partial L}{\partial { {w}_{ij}}}=\sum\limits_{m=1}^{M}{\frac{\partial L}{\partial { {y}_{mj}}}{ {x}_{im}}}",
     "w", lambda x, w, dy, i, j: sum(dy[m, j] * x[i, m] for m in range(dy.shape[0]))),
    (r"\frac{\partial L}{\partial X}=\frac{\partial L}{\partial Y}{ {W}^{T}}", "x", lambda x, w, dy, i, j: (dy @ w.T)[i, j]),
    (r"\frac{\partial L}{\partial X}=\frac{\partial L}{\partial Y}{ {W}}", "x", lambda x, w, dy, i, j: (dy @ w)[i, j]),
]


@pytest.mark.parametrize("claim,wrt,form", DENSE_CLAIMS)
def test_entries_written_up_to_a_size_letter_give_no_sizes(claim, wrt, form):
    """A wrong index order never holds (it held at the 1x1 layer the entries x_{11}, w_{11} made); the right
    one holds at the sizes symbp chooses."""
    verdict, truth = _verdict(_MATRICES % claim, claim), _dense_truth(form, wrt)
    assert verdict == truth or truth == "refuted" and verdict == "unchecked"
    if truth == "holds":
        assert verdict == "holds"


CENTERDOT_ROWS = [
    (r"\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}=\frac{\partial \sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot "
     r"{ {w}_{kn}}}}{\partial { {x}_{ij}}}=\sum\limits_{k=1}^{D}{\frac{\partial { {x}_{ik}}}{\partial { {x}_{ij}}}"
     r"\centerdot { {w}_{kn}}}", "holds"),
    (r"\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}=\frac{\partial \sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot "
     r"{ {w}_{kn}}}}{\partial { {x}_{ij}}}=\sum\limits_{k=1}^{D}{\frac{\partial { {x}_{ik}}}{\partial { {x}_{ij}}}"
     r"\centerdot { {w}_{nk}}}", "refuted"),
]


def _row_truth(transposed: bool) -> str:
    """Whether ∂y_{in}/∂x_{ij} = w_{jn} (``transposed``: w_{nj}) for Y = XW at unequal sizes (torch autograd)."""
    torch.manual_seed(7)
    for m, d, n in ((2, 3, 4), (3, 2, 2)):
        x, w = torch.randn(m, d), torch.randn(d, n)
        jac = torch.autograd.functional.jacobian(lambda t: t @ w, x)      # [i, n, i', j]
        for i in range(m):
            for col in range(n):
                for j in range(d):
                    if transposed and (col >= d or j >= n):
                        return "refuted"
                    want = w[col, j] if transposed else w[j, col]
                    if abs(float(jac[i, col, i, j]) - float(want)) > 1e-12:
                        return "refuted"
    return "holds"


@pytest.mark.parametrize("claim,kind", CENTERDOT_ROWS)
def test_centerdot_is_a_product(claim, kind):
    truth, verdict = _row_truth(kind == "refuted"), _verdict(_MATRICES % claim, claim)
    assert verdict == truth or truth == "refuted" and verdict == "unchecked"
    if truth == "holds":
        assert verdict == "holds"
