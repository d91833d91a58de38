"""Display spellings of the seventh held-out measure, the way several authors write them
(``display_wrappers``): LaTeX's null delimiters ``\\left.`` / ``\\right.`` (cases in
``\\left\\{ array \\right.``, a condition typed over two rows with ``\\&``, a value at a point
``\\right|_{…}`` left unchecked), ``\\begin{equation}`` / ``equation*`` wrappers inside ``$$``,
arrays in brackets as matrices, the gradient glyphs ``\\bigtriangledown`` / ``\\triangledown``
/ ``▽``, a loss written with its arguments where it is differentiated (``J(W,b)``,
``J(W,b;x,y)``, ``C(W,b)``, ``E(W)``), ``⋆`` as the layer's cross-correlation, and decorated
letters (``\\tilde{K}``, ``\\hat{X}``) as names of their own.  Truth of every claim: torch
autograd on a 3x3 input and a 2x2 kernel, the claim's right side evaluated by plain loops."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text
from symbp.check.display_wrappers import plain_wrappers

torch.set_default_dtype(torch.float64)


def _conv():
    """x 3x3, w 2x2, a scalar bias, g = dL/dz: (x, w, g, dL/dx, dL/dw, dL/db, dz_ij/dx_uv)."""
    gen = torch.Generator().manual_seed(6)
    x, w = torch.randn(3, 3, generator=gen, requires_grad=True), torch.randn(2, 2, generator=gen, requires_grad=True)
    b, g = torch.randn((), generator=gen, requires_grad=True), torch.randn(2, 2, generator=gen)
    z = F.conv2d(x[None, None], w[None, None])[0, 0] + b          # PyTorch: cross-correlation
    (z * g).sum().backward()
    jac = torch.autograd.functional.jacobian(lambda t: F.conv2d(t[None, None], w.detach()[None, None])[0, 0], x.detach())
    return [t.detach().numpy() for t in (x, w, g, x.grad, w.grad, b.grad, jac)]


X, W, G, DX, DW, DB, JAC = _conv()


def _corr(a, k):
    """Valid cross-correlation by loops."""
    out = np.zeros((a.shape[0] - k.shape[0] + 1, a.shape[1] - k.shape[1] + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = sum(a[i + p, j + q] * k[p, q] for p in range(k.shape[0]) for q in range(k.shape[1]))
    return out


def _cases_jacobian(kernel_entry):
    """dz_ij/da_uv as a cases claim writes it (1-based): kernel_entry(i, j, u, v) inside the window, else 0."""
    out = np.zeros((2, 2, 3, 3))
    for i, j, u, v in np.ndindex(2, 2, 3, 3):
        if i <= u <= i + 1 and j <= v <= j + 1:
            out[i, j, u, v] = kernel_entry(i + 1, j + 1, u + 1, v + 1)
    return out


def _verdicts(doc):
    return {c.line: (c.verdict, c.detail) for c in check_text(doc, "md").claims}


def _expect(got, line, truth, why=""):
    verdict, detail = got[line]
    assert verdict == ("holds" if truth else "refuted"), (line, why, verdict, detail)


NULL_DELIMITERS = r"""<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 -->

$$z = a * W + b$$

$$
\frac{\partial z_{ij}}{\partial a_{uv}} = \left\{ \begin{array}{ll} W_{u-i+1,v-j+1}, & i \le u \le i+1 \\ & \& \; j \le v \le j+1 \\ 0, & \text{otherwise} \end{array} \right.
$$

$$
\frac{\partial z_{ij}}{\partial a_{uv}} = \left\{ \begin{array}{ll} W_{i-u+2,j-v+2}, & i \le u \le i+1 \\ & \& \; j \le v \le j+1 \\ 0, & \text{otherwise} \end{array} \right.
$$

$$
\frac{\partial z_{ij}}{\partial a_{uv}} = \left. \begin{cases} W_{u-i+1,v-j+1}, & i \le u \le i+1, j \le v \le j+1 \\ 0, & \text{otherwise} \end{cases} \right.
$$

$$
\left. \frac{\partial J}{\partial W} \right. = a * \delta
$$

$$
\left. \frac{\partial J}{\partial W} \right. = \delta * a
$$

$$
\left. \frac{\partial J}{\partial W} \right|_{W = 0} = a * \delta
$$
"""


def test_null_delimiters_cases_and_a_value_at_a_point():
    got = _verdicts(NULL_DELIMITERS)
    window = _cases_jacobian(lambda i, j, u, v: W[u - i, v - j])
    flipped = _cases_jacobian(lambda i, j, u, v: W[i - u + 1, j - v + 1])
    _expect(got, 5, np.allclose(window, JAC), "\\left\\{ array \\right. with a condition over two rows")
    _expect(got, 9, np.allclose(flipped, JAC), "the flipped kernel")
    _expect(got, 13, np.allclose(window, JAC), "\\left. cases \\right.")
    _expect(got, 17, np.allclose(_corr(X, G), DW), "\\left. … \\right. around the derivative")
    assert got[21][0] == "refuted", got[21]               # δ * a: a 3x3 kernel on a 2x2 input, no shape
    verdict, detail = got[25]                             # \right|_{W=0}: a value at a point, not read
    assert verdict == "unchecked" and "value at a point" in detail, got[25]


WRAPPERS_AND_GLYPHS = r"""<!-- symbp: layer=conv2d input=3x3 kernel=2x2 index_base=1 -->

$$z = a * W + b$$

$$
\begin{equation}
\begin{aligned}
\bigtriangledown a_{11} &= W_{11}\delta_{11} \\
\triangledown a_{12} &= W_{11}\delta_{12} + W_{12}\delta_{11} \\
▽ a_{13} &= W_{11}\delta_{12} \\
\end{aligned}
\end{equation}
$$

$$
\begin{equation*}
\frac{\partial J(W, b)}{\partial W} = a * \delta
\end{equation*}
$$

$$
\frac{\partial J(W,b;x,y)}{\partial b} = \sum_{i}\sum_{j} \delta_{ij}
$$

$$
\frac{\partial C(W, b)}{\partial W_{12}} = \sum_{i}\sum_{j} \delta_{ij} a_{i+1,j}
$$

$$
\frac{\partial E(W)}{\partial W_{12}} = \sum_{i}\sum_{j} \delta_{ij} a_{i,j+1}
$$

$$
\bigtriangledown_{W} J = \left[ \begin{array}{cc} \sum_{i}\sum_{j} \delta_{ij} a_{ij} & \sum_{i}\sum_{j} \delta_{ij} a_{i,j+1} \\ \sum_{i}\sum_{j} \delta_{ij} a_{i+1,j} & \sum_{i}\sum_{j} \delta_{ij} a_{i+1,j+1} \end{array} \right]
$$

$$
\frac{\partial J}{\partial a} = \left( \begin{array}{cccc} 0 & 0 & 0 & 0 \\ 0 & \delta_{11} & \delta_{12} & 0 \\ 0 & \delta_{21} & \delta_{22} & 0 \\ 0 & 0 & 0 & 0 \end{array} \right) * \left( \begin{array}{cc} W_{22} & W_{21} \\ W_{12} & W_{11} \end{array} \right)
$$

$$
\frac{\partial J}{\partial a} = \left( \begin{array}{cccc} 0 & 0 & 0 & 0 \\ 0 & \delta_{11} & \delta_{12} & 0 \\ 0 & \delta_{21} & \delta_{22} & 0 \\ 0 & 0 & 0 & 0 \end{array} \right) * \left( \begin{array}{cc} W_{11} & W_{12} \\ W_{21} & W_{22} \end{array} \right)
$$

$$
\frac{\partial L(f(a), y)}{\partial W} = a * \delta
$$

$$
\nabla J(W, b) = a * \delta
$$

$$
\frac{\partial}{\partial W} J(W, b) = \delta * a
$$

$$
\partial J(W, b) / \partial b = \sum_{i}\sum_{j} \delta_{ij}
$$
"""


def test_equation_wrappers_arrays_gradient_glyphs_and_loss_arguments():
    got = _verdicts(WRAPPERS_AND_GLYPHS)
    d, padded = G, np.pad(G, 1)
    _expect(got, 8, np.isclose(DX[0, 0], W[0, 0] * d[0, 0]), "\\bigtriangledown a_{11}")
    _expect(got, 9, np.isclose(DX[0, 1], W[0, 0] * d[0, 1] + W[0, 1] * d[0, 0]), "\\triangledown a_{12}")
    _expect(got, 10, np.isclose(DX[0, 2], W[0, 0] * d[0, 1]), "▽ a_{13} with the wrong kernel entry")
    _expect(got, 15, np.allclose(DW, _corr(X, d)), "equation* and J(W, b)")
    _expect(got, 21, np.isclose(DB, d.sum()), "J(W,b;x,y)")
    _expect(got, 25, np.isclose(DW[0, 1], sum(d[i, j] * X[i + 1, j] for i in range(2) for j in range(2))), "C(W, b)")
    _expect(got, 29, np.isclose(DW[0, 1], sum(d[i, j] * X[i, j + 1] for i in range(2) for j in range(2))), "E(W)")
    written = np.array([[sum(d[i, j] * X[i + p, j + q] for i in range(2) for j in range(2)) for q in range(2)]
                        for p in range(2)])
    _expect(got, 33, np.allclose(DW, written), "\\bigtriangledown_W J = a bracketed array")
    _expect(got, 37, np.allclose(DX, _corr(padded, W[::-1, ::-1])), "arrays in parentheses: the rotated kernel")
    _expect(got, 41, np.allclose(DX, _corr(padded, W)), "arrays in parentheses: the kernel unrotated")
    assert got[45][0] == "unchecked", got[45]     # L(f(a), y): not a list of names, left as written
    assert got[49][0] == "unchecked", got[49]     # ∇J(W, b): with respect to which argument?
    assert got[53][0] == "refuted", got[53]       # ∂/∂W J(W, b) = δ * a: a 3x3 kernel on 2x2, no shape
    _expect(got, 57, np.isclose(DB, d.sum()), "∂J(W, b)/∂b with a slash")


STARS = r"""<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->

$$O = X \star K + b$$

$$
\frac{\partial L}{\partial K} = X ⋆ \frac{\partial L}{\partial O}
$$

$$
\frac{\partial L}{\partial K} = \frac{\partial L}{\partial O} ⋆ X
$$

$$
\frac{\partial L}{\partial K} = X \star \frac{\partial L}{\partial O}
$$

$$
\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O} \star K
$$

$$
\frac{\partial L}{\partial \tilde{K}} = X ⋆ \frac{\partial L}{\partial O}
$$

$$
\frac{\partial L}{\partial \hat{X}} = \frac{\partial L}{\partial O} \star K
$$
"""


@pytest.mark.parametrize("directive", [True, False])
def test_star_as_the_layers_cross_correlation_and_decorated_letters(directive):
    doc = STARS if directive else STARS.split("\n", 2)[2]
    got = _verdicts(doc)
    shift = 0 if directive else -2
    _expect(got, 5 + shift, np.allclose(DW, _corr(X, G)), "X ⋆ dL/dO")
    assert got[9 + shift][0] == "refuted", got[9 + shift]     # dL/dO ⋆ X: a 3x3 kernel on 2x2, no shape
    _expect(got, 13 + shift, np.allclose(DW, _corr(X, G)), "X \\star dL/dO")
    _expect(got, 17 + shift, DX.shape == (1, 1) and np.allclose(DX, _corr(G, W)), "dL/dO ⋆ K (valid: 1x1)")
    for line in (21 + shift, 25 + shift):                    # \tilde{K}, \hat{X}: not K, not X
        assert got[line][0] == "unchecked" and "a name of its own" in got[line][1], got[line]


@pytest.mark.parametrize("written, read", [
    (r"\left. x \right. + 1", " x  + 1"),
    (r"\left\{ \begin{array}{cc|c} 1 & 2 & 3 \end{array} \right.", r"\left\{ \begin{array}{cc|c} 1 & 2 & 3 \end{array} \right."),
    (r"\left[ \begin{array}{cc} a = b & c \end{array} \right]", r"\left[ \begin{array}{cc} a = b & c \end{array} \right]"),
    (r"\frac{\partial \mathcal{L}(\theta)}{\partial \theta}", r"\frac{\partial \mathcal{L}}{\partial \theta}"),
    (r"\nabla_{W} J(W, b; x^{(i)}, y^{(i)})", r"\nabla_{W} J"),
    (r"\frac{\partial \sigma(z)}{\partial z}", r"\frac{\partial \sigma(z)}{\partial z}"),
    (r"\frac{\partial L(y - \hat y)}{\partial y}", r"\frac{\partial L(y - \hat y)}{\partial y}"),
])
def test_what_is_rewritten_and_what_stays(written, read):
    assert plain_wrappers(written) == read


MATRIX_CASES = r"""<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->

$$z = a * W + b$$

$$
\frac{\partial z_{ij}}{\partial a_{uv}} = \left\{\begin{matrix} W_{u-i,v-j} && 0 \le u-i \le 1, 0 \le v-j \le 1 \\ 0 && \text{otherwise} \end{matrix}\right.
$$

$$
\frac{\partial z_{ij}}{\partial a_{uv}} = \left\{\begin{matrix} W_{v-j,u-i} & {0 \le u-i \le 1, 0 \le v-j \le 1} & \\ 0 & \text{otherwise} & \end{matrix}\right.
$$
"""


def test_cases_typed_as_a_matrix_in_a_brace_and_a_null_delimiter():
    got = _verdicts(MATRIX_CASES)                        # 0-based: the kernel entry W_{u-i, v-j}
    _expect(got, 5, np.allclose(_cases_jacobian(lambda i, j, u, v: W[u - i, v - j]), JAC), "value && condition")
    _expect(got, 9, np.allclose(_cases_jacobian(lambda i, j, u, v: W[v - j, u - i]), JAC), "a trailing &, transposed")


DEFINED_NABLA = r"""# notes

$$z_{ij} = \sum_{m} \sum_{n} a_{i+m,j+n} w_{mn}$$

The input $a$ is 3x3 and the kernel $w$ is 2x2, where $\delta_{ij} = \partial J / \partial z_{ij}$ and the gradient of the loss:

$$\bigtriangledown a = \frac{\partial J(w)}{\partial a}$$

$$\bigtriangledown a_{00} = w_{00}\delta_{00}$$

$$\bigtriangledown a_{01} = w_{00}\delta_{01}$$

$$\bigtriangledown a_{01} = w_{00}\delta_{01} + w_{01}\delta_{00}$$
"""

OTHER_NABLA = r"""# notes

$$z_{ij} = \sum_{m} \sum_{n} a_{i+m,j+n} w_{mn}$$

The input $a$ is 3x3 and the kernel $w$ is 2x2.

$$\nabla w_{00} = \frac{1}{N} \frac{\partial J}{\partial w_{00}}$$

$$\nabla w_{00} = \sum_{i} \sum_{j} \delta_{ij} a_{ij}$$

$$\nabla a_{00} = w_{00}\delta_{00}$$
"""


def test_a_bare_nabla_is_the_loss_gradient_only_where_the_document_defines_it():
    got = _verdicts(DEFINED_NABLA)                      # no directive: the document's own names, 0-based
    _expect(got, 9, np.isclose(DX[0, 0], W[0, 0] * G[0, 0]), "∇a_{00} after ∇a = ∂J(w)/∂a")
    _expect(got, 11, np.isclose(DX[0, 1], W[0, 0] * G[0, 1]), "∇a_{01}: a term missing")
    _expect(got, 13, np.isclose(DX[0, 1], W[0, 0] * G[0, 1] + W[0, 1] * G[0, 0]), "∇a_{01}")
    got = _verdicts(OTHER_NABLA)                        # ∇w an average here, ∇a never defined: not read
    assert all(got[line][0] == "unchecked" for line in (7, 9, 11)), got


def test_a_displays_rows_split_around_environments_and_never_inside_one():
    from symbp.check.equation_rows import split_rows
    cases = r"\text{when } u = i + m \\ \frac{\partial z}{\partial a} = \begin{cases} w & u \le 1 \\ 0 & \text{else} \end{cases}"
    assert len(split_rows(cases)) == 2 and split_rows(cases)[1].strip().endswith(r"\end{cases}")
    typo = r"\frac{\partial E}{\partial W}= \begin{bmatrix} \{\frac{\partial E}{\partial y_{1}}}x_{1} & 0 \\ 0 & 1 \end{bmatrix}"
    assert split_rows(typo) == [typo]                   # an unbalanced brace inside: one claim, as written
