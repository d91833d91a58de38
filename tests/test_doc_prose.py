"""The convolution convention an author states in words (symbp.check.doc_prose), with the
truth of each claim from torch autograd: a true-convolution layer is conv2d with the kernel
flipped."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

FORWARD = "$$ O = X * F $$\n\n"
CLAIMS = {
    "x_conv_g": r"\frac{\partial L}{\partial F} = X * \frac{\partial L}{\partial O}",
    "rot_corr": r"\frac{\partial L}{\partial F} = \text{rot180}\left( X \star \frac{\partial L}{\partial O} \right)",
}


def _truth(convention: str) -> dict:
    """holds / refuted for each claim of CLAIMS with X 5x5, F 3x3 and * in ``convention``."""
    rng = np.random.default_rng(0)
    x, f, g = (torch.tensor(rng.integers(-4, 5, s).astype(float)) for s in ((5, 5), (3, 3), (3, 3)))
    f.requires_grad_(True)
    kernel = f.flip(0, 1) if convention == "true" else f
    out = torch.nn.functional.conv2d(x[None, None], kernel[None, None])[0, 0]
    (out * g).sum().backward()

    def star(a, b):                      # the document's * (valid)
        b = b.flip(0, 1) if convention == "true" else b
        return torch.nn.functional.conv2d(a[None, None], b[None, None])[0, 0]
    corr = torch.nn.functional.conv2d(x[None, None], g[None, None])[0, 0]
    return {"x_conv_g": "holds" if torch.equal(star(x, g), f.grad) else "refuted",
            "rot_corr": "holds" if torch.equal(corr.flip(0, 1), f.grad) else "refuted"}


def _verdicts(words: str) -> dict:
    text = (f"The input $X$ is $5 \\times 5$ and the filter $F$ is $3 \\times 3$. {words}\n\n" + FORWARD
            + "".join(f"$$ {c} $$\n\n" for c in CLAIMS.values()))
    report = check_text(text, "md", time_limit=30)
    return {k: next(c for c in report.claims if c.latex.strip() == v.strip()) for k, v in CLAIMS.items()}


def test_words_that_name_a_true_convolution_set_the_convention():
    truth = _truth("true")
    assert truth == {"x_conv_g": "refuted", "rot_corr": "holds"}     # the two conventions differ here
    got = _verdicts("Here $*$ is the true convolution (the kernel is flipped).")
    for key, claim in got.items():
        assert claim.verdict == truth[key], (key, claim.detail)
        assert "read from the document's words" in claim.detail


def test_no_words_keep_cross_correlation():
    truth = _truth("cross")
    got = _verdicts("")
    assert {k: c.verdict for k, c in got.items()} == truth


def test_words_for_both_conventions_leave_a_dependent_claim_undecided():
    got = _verdicts("A mathematical convolution flips the kernel, while CNN libraries compute a "
                    "cross-correlation.")
    for claim in got.values():
        assert claim.verdict == "unchecked" and "conv=true" in claim.detail and "conv=cross" in claim.detail


def test_flipped_kernel_in_the_backward_prose_is_not_a_convention():
    truth = _truth("cross")
    got = _verdicts("The input gradient is the output gradient convolved with the flipped kernel.")
    assert {k: c.verdict for k, c in got.items()} == truth


def _dw_truth_holds() -> bool:
    """Whether dL/dW_{ab} = sum_{i=1}^{3} sum_{j=1}^{3} dL/dY_{ij} X_{i+a-1,j+b-1} (1-based) is
    the gradient of Y = X (cross-correlation) W for a 4x4 X and a 2x2 W (torch autograd)."""
    rng = np.random.default_rng(1)
    x, w, g = (torch.tensor(rng.integers(-4, 5, s).astype(float)) for s in ((4, 4), (2, 2), (3, 3)))
    w.requires_grad_(True)
    (torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] * g).sum().backward()
    loop = torch.zeros(2, 2, dtype=x.dtype)
    for a in range(2):
        for b in range(2):
            loop[a, b] = sum(g[i, j] * x[i + a, j + b] for i in range(3) for j in range(3))
    return torch.equal(loop, w.grad)


@pytest.mark.parametrize("sizes", [
    r"The input $\mathbf{X}$ has size $4 \times 4$ and the kernel $\mathbf{W}$ is $2\times 2$.",
    r"Here $X \in \mathbb{R}^{4\times 4}$ and $W \in \mathbb{R}^{2 \times 2}$.",
    r"The input $X$ has shape $(4, 4)$ and the kernel $W$ has shape $(2, 2)$.",
])
def test_sizes_stated_in_the_prose_decide_a_claim_with_numbers_for_bounds(sizes):
    assert _dw_truth_holds()
    claim = (r"\frac{\mathrm{d} L}{\mathrm{d} W_{a,b}} = \sum_{i=1}^{3}\sum_{j=1}^{3} "
             r"\frac{\partial L}{\partial Y_{i,j}} X_{i+a-1,j+b-1}")
    text = (f"{sizes}\n\n$$ Y_{{i,j}} = \\sum_{{a}}\\sum_{{b}} W_{{a,b}} X_{{i+a-1,j+b-1}} + b $$\n\n"
            f"$$ {claim} $$\n")
    got = next(c for c in check_text(text, "md", time_limit=30).claims if "mathrm" in c.latex)
    assert got.verdict == "holds" and "4x4 input, 2x2 kernel" in got.detail, got.detail
    # without the sizes the numbers in its bounds leave it undecided
    bare = next(c for c in check_text(text.replace(sizes, ""), "md", time_limit=30).claims if "mathrm" in c.latex)
    assert bare.verdict == "unchecked" and "numbers for bounds" in bare.detail


def test_leibniz_d_reads_as_a_partial():
    from symbp.check.index_claims import parse
    assert parse(r"\frac{\mathrm{d} L}{\mathrm{d} b}") == parse(r"\frac{\partial L}{\partial b}")
    assert parse(r"\frac{dE}{dw_{mn}}") == parse(r"\frac{\partial E}{\partial w_{mn}}")
    assert parse(r"\frac{d_1}{d_2}") == parse(r"\frac{x_1}{x_2}").__class__(      # a name d stays a name
        "div", tuple(parse(t) for t in ("d_1", "d_2")))


def _conv_grads():
    """torch autograd of y = cross-correlation(x 4x4, w 2x2) + b against an upstream g."""
    rng = np.random.default_rng(5)
    x = torch.tensor(rng.integers(-4, 5, (4, 4)).astype(float), requires_grad=True)
    w = torch.tensor(rng.integers(-4, 5, (2, 2)).astype(float), requires_grad=True)
    g = torch.tensor(rng.integers(-4, 5, (3, 3)).astype(float))
    (torch.nn.functional.conv2d(x[None, None], w[None, None])[0, 0] * g).sum().backward()
    return x.detach().numpy(), w.detach().numpy(), g.numpy(), x.grad.numpy(), w.grad.numpy()


def test_a_forward_stated_only_inline_in_the_prose_binds_the_section():
    x, w, g, dx, dw = _conv_grads()
    loop_dx = np.array([[sum(g[p - m, q - n] * w[m, n] for m in range(2) for n in range(2)
                             if 0 <= p - m < 3 and 0 <= q - n < 3) for q in range(4)] for p in range(4)])
    loop_dx_plus = np.array([[sum(g[p + m, q + n] * w[m, n] for m in range(2) for n in range(2)
                                  if p + m < 3 and q + n < 3) for q in range(4)] for p in range(4)])
    truth = {"minus": np.array_equal(loop_dx, dx), "plus": np.array_equal(loop_dx_plus, dx)}
    assert truth == {"minus": True, "plus": False}
    claims = {"minus": r"\frac{\partial L}{\partial x_{pq}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial y_{p-m,q-n}} w_{mn}",
              "plus": r"\frac{\partial L}{\partial x_{pq}} = \sum_{m}\sum_{n} \frac{\partial L}{\partial y_{p+m,q+n}} w_{mn}"}
    text = ("Consider the layer $y_{ij} = \\sum_{m}\\sum_{n} w_{mn} x_{i+m,j+n} + b$ with a $4 \\times 4$ "
            "input $x$ and a $2\\times 2$ kernel $w$. Then\n\n"
            + "".join(f"$$ {c} $$\n\n" for c in claims.values()))
    report = check_text(text, "md", time_limit=30)
    for key, latex in claims.items():
        got = next(c for c in report.claims if c.latex.strip() == latex)
        assert got.verdict == ("holds" if truth[key] else "refuted"), (key, got.detail)
        assert "4x4 input, 2x2 kernel" in got.detail
    # the same page with no forward anywhere: nothing to bind, nothing decided
    bare = check_text("".join(f"$$ {c} $$\n\n" for c in claims.values()), "md", time_limit=30)
    assert all(c.verdict == "unchecked" for c in bare.claims)
