"""``symbp check`` on conv-transpose2d and conv1d sections (a directive names the layer):
each claim's truth is computed with torch (the stated formula evaluated with torch ops at
random integer inputs, compared with autograd's gradient), never taken from symbp."""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text

torch.manual_seed(15)


def _ints(*shape):
    return torch.randint(-4, 5, shape).double()


@pytest.fixture(autouse=True)
def _seeded():
    """Each case draws the same integers whatever ran before: unseeded, a kernel drawn
    symmetric (w = [x, y, x], 1 draw in 9) made the unrotated claim equal at that draw, and
    a truth taken at one draw said "holds" for a claim false in general."""
    torch.manual_seed(12)


def _truth(formula, want) -> bool:
    """Whether ``formula()`` (torch ops) equals autograd's gradient ``want`` exactly."""
    try:
        got = formula()
    except RuntimeError:                 # torch refuses the shapes: the claim is undefined
        return False
    return tuple(got.shape) == tuple(want.shape) and torch.equal(got, want)


def _transpose_case():
    """conv_transpose2d, 3x3 input, 2x2 kernel, stride 2, padding 1, output_padding 1."""
    a, w, b = (_ints(1, 1, 3, 3).requires_grad_(), _ints(1, 1, 2, 2).requires_grad_(),
               _ints(1).requires_grad_())
    z = F.conv_transpose2d(a, w, b, stride=2, padding=1, output_padding=1)
    delta = _ints(*z.shape)
    z.backward(delta)
    padded = F.pad(delta, (1, 1, 1, 1))
    dilated = torch.zeros(1, 1, 5, 5, dtype=torch.float64)
    dilated[..., ::2, ::2] = a.detach()
    claims = [  # (LaTeX, torch truth)
        (r"\frac{\partial J}{\partial a} = \operatorname{pad}_{1}(\delta) *_{s=2} W",
         _truth(lambda: F.conv2d(padded, w.detach(), stride=2), a.grad)),
        (r"\frac{\partial J}{\partial a} = \operatorname{pad}_{1}(\delta) * \operatorname{rot180}(W)",
         _truth(lambda: F.conv2d(padded, torch.flip(w.detach(), (2, 3))), a.grad)),
        (r"\frac{\partial J}{\partial W} = \operatorname{pad}_{1}(\delta) * \operatorname{dilate}_{2}(a)",
         _truth(lambda: F.conv2d(padded, dilated), w.grad)),
        (r"\frac{\partial J}{\partial W} = \operatorname{crop}_{2\times 2}(\operatorname{pad}_{1}(\delta)"
         r" * \operatorname{dilate}_{2}(a))",
         _truth(lambda: F.conv2d(padded, dilated)[..., :2, :2], w.grad)),
        (r"\frac{\partial J}{\partial b} = \sum_{n,u,v} \delta",
         _truth(lambda: delta.sum((0, 2, 3)), b.grad)),
    ]
    directive = ("<!-- symbp: layer=conv-transpose2d input=3x3 kernel=2x2 stride=2 padding=1 "
                 "output_padding=1 -->")
    return directive, claims


def _conv1d_case():
    """conv1d, length 6, kernel 3 (tensors of height 1 in symbp's section)."""
    a, w, b = (_ints(1, 1, 6).requires_grad_(), _ints(1, 1, 3).requires_grad_(),
               _ints(1).requires_grad_())
    z = F.conv1d(a, w, b)
    delta = _ints(*z.shape)
    z.backward(delta)
    claims = [
        (r"\frac{\partial J}{\partial W} = a * \delta",
         _truth(lambda: F.conv1d(a.detach(), delta), w.grad)),
        (r"\frac{\partial J}{\partial W} = \delta * a",
         _truth(lambda: F.conv1d(delta, a.detach()), w.grad)),
        (r"\frac{\partial J}{\partial a} = \operatorname{pad}_{(0,0,2,2)}(\delta) * \operatorname{rot180}(W)",
         _truth(lambda: F.conv1d(F.pad(delta, (2, 2)), torch.flip(w.detach(), (2,))), a.grad)),
        (r"\frac{\partial J}{\partial a} = \operatorname{pad}_{(0,0,1,1)}(\delta) * \operatorname{rot180}(W)",
         _truth(lambda: F.conv1d(F.pad(delta, (1, 1)), torch.flip(w.detach(), (2,))), a.grad)),
        (r"\frac{\partial J}{\partial b} = \sum_{n,u,v} \delta",
         _truth(lambda: delta.sum((0, 2)), b.grad)),
    ]
    return "<!-- symbp: layer=conv1d input=6 kernel=3 -->", claims


def _conv1d_length_case():
    """conv1d, length 8, kernel 3, stride 2, padding 1 (one length position no window
    reaches): pad_{p}, pad_{(before, after)} and dilate_{s} act on the length only."""
    a, w, b = (_ints(1, 1, 8).requires_grad_(), _ints(1, 1, 3).requires_grad_(),
               _ints(1).requires_grad_())
    z = F.conv1d(a, w, b, stride=2, padding=1)
    delta = _ints(*z.shape)
    z.backward(delta)
    dilated = torch.zeros(1, 1, 2 * delta.shape[-1] - 1, dtype=torch.float64)
    dilated[..., ::2] = delta
    flipped = torch.flip(w.detach(), (2,))
    pad, rot, dil = r"\operatorname{pad}", r"\operatorname{rot180}", r"\operatorname{dilate}"
    claims = [
        (rf"\frac{{\partial J}}{{\partial a}} = {pad}_{{(1,2)}}({dil}_{{2}}(\delta)) * {rot}(W)",
         _truth(lambda: F.conv1d(F.pad(dilated, (1, 2)), flipped), a.grad)),
        (rf"\frac{{\partial J}}{{\partial a}} = {pad}_{{1}}({dil}_{{2}}(\delta)) * {rot}(W)",
         _truth(lambda: F.conv1d(F.pad(dilated, (1, 1)), flipped), a.grad)),
        (rf"\frac{{\partial J}}{{\partial a}} = {pad}_{{(1,2)}}({dil}_{{2}}(\delta)) * W",
         _truth(lambda: F.conv1d(F.pad(dilated, (1, 2)), w.detach()), a.grad)),
        (rf"\frac{{\partial J}}{{\partial W}} = {pad}_{{1}}(a) * {dil}_{{2}}(\delta)",
         _truth(lambda: F.conv1d(F.pad(a.detach(), (1, 1)), dilated), w.grad)),
        (rf"\frac{{\partial J}}{{\partial W}} = {pad}_{{2}}(a) * {dil}_{{2}}(\delta)",
         _truth(lambda: F.conv1d(F.pad(a.detach(), (2, 2)), dilated), w.grad)),
        (rf"\frac{{\partial J}}{{\partial W}} = {pad}_{{(0,0,1,1)}}(a) * {dil}_{{2}}(\delta)",
         _truth(lambda: F.conv1d(F.pad(a.detach(), (1, 1)), dilated), w.grad)),
    ]
    return "<!-- symbp: layer=conv1d input=8 kernel=3 stride=2 padding=1 -->", claims


def _grouped_transpose_case():
    """conv_transpose2d with 4 -> 2 channels in 2 groups, stride 2, batch 2."""
    a, w = _ints(2, 4, 3, 3).requires_grad_(), _ints(4, 1, 2, 2).requires_grad_()
    z = F.conv_transpose2d(a, w, stride=2, groups=2)
    delta = _ints(*z.shape)
    z.backward(delta)
    dilated = torch.zeros(2, 4, 5, 5, dtype=torch.float64)
    dilated[..., ::2, ::2] = a.detach()

    def weight_form():          # Σ_n δ[n, c_out] ⋆ dilate(a)[n, i], c_out in i's group
        out = torch.zeros(4, 1, 2, 2, dtype=torch.float64)
        for i in range(4):
            c_out = i // 2
            x = delta[:, c_out:c_out + 1].transpose(0, 1)        # (1, N, 6, 6)
            k = dilated[:, i:i + 1].transpose(0, 1)               # (1, N, 5, 5)
            out[i, 0] = F.conv2d(x, k)[0, 0]
        return out
    claims = [
        (r"\frac{\partial J}{\partial a} = \delta *_{s=2} W",
         _truth(lambda: F.conv2d(delta, w.detach(), stride=2, groups=2), a.grad)),
        (r"\frac{\partial J}{\partial a} = \delta *_{s=2} \operatorname{rot180}(W)",
         _truth(lambda: F.conv2d(delta, torch.flip(w.detach(), (2, 3)), stride=2, groups=2),
                a.grad)),
        (r"\frac{\partial J}{\partial W} = \delta * \operatorname{dilate}_{2}(a)",
         _truth(weight_form, w.grad)),
    ]
    return ("<!-- symbp: layer=conv-transpose2d input=3x3 kernel=2x2 stride=2 channels=4,2 "
            "groups=2 batch=2 -->"), claims


@pytest.mark.parametrize("case", [_transpose_case, _conv1d_case, _conv1d_length_case,
                                  _grouped_transpose_case])
def test_directive_sections_give_torch_s_verdicts(case):
    directive, claims = case()
    truths = [t for _, t in claims]
    assert True in truths and False in truths          # each layer: a true and a false claim
    text = directive + "\n\n" + "\n\n".join(f"$${tex}$$" for tex, _ in claims) + "\n"
    report = check_text(text, "md")
    verdicts = [c.verdict for c in report.claims]
    assert verdicts == ["holds" if t else "refuted" for t in truths], \
        [(c.latex, c.verdict, c.detail) for c in report.claims]


def test_a_refutation_names_the_correct_form():
    directive, claims = _transpose_case()
    report = check_text(directive + "\n\n$$" + claims[2][0] + "$$\n", "md")
    (claim,) = report.claims
    assert claim.verdict == "refuted" and "correct: crop_2x2(pad_1(δ) * dilate_2(a))" in claim.detail


def test_bad_directives_are_one_line_section_errors():
    text = ("<!-- symbp: layer=conv-transpose2d input=3x3 kernel=2x2 stride=1 output_padding=1 -->"
            "\n\n$$\\frac{\\partial J}{\\partial b} = \\sum_{n,u,v} \\delta$$\n\n"
            "<!-- symbp: layer=conv1d input=6 -->\n\n$$\\frac{\\partial J}{\\partial b} = "
            "\\sum_{n,u,v} \\delta$$\n")
    report = check_text(text, "md")
    assert [c.verdict for c in report.claims] == ["unchecked", "unchecked"]
    assert "output_padding 1 must be smaller than either stride 1 or dilation 1" in report.claims[0].detail
    assert "conv1d without input/kernel lengths" in report.claims[1].detail
