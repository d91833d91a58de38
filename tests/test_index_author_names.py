r"""Index names and tensor names as authors write them (issue 12): a capital Greek letter the
page defines as the upstream gradient (``\Delta_{i,j} = \frac{\partial L}{\partial Y_{i,j}}``,
``\Gamma``, ``\Phi``), a forward whose stride and padding are letters per axis (``s_h i + u -
p_h``, ``F[s_h \cdot i + k - p_h, …]``) bound to the section's numbers, a batch letter ``B``
beside a bias ``b`` that the page writes as a shape's factor, and a name written in braces before
its subscript (``{\Delta}_{i,j}``).

Truth: torch autograd of ``conv2d`` (stride, padding) against each claimed formula computed
here by plain numpy loops (entries outside a tensor zero); never symbp."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text


def _layer(h, w, kh, kw, stride, pad, batch=1, cin=1, cout=1, seed=0):
    rng = np.random.default_rng(seed)
    x = torch.tensor(rng.integers(-4, 5, (batch, cin, h, w)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-4, 5, (cout, cin, kh, kw)).astype(float), requires_grad=True)
    b = torch.tensor(rng.integers(-4, 5, (cout,)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x, k, b, stride=stride, padding=pad)
    g = torch.tensor(rng.integers(-4, 5, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), k.grad.numpy(), b.grad.numpy()


def _at(a, *ix):
    return a[ix] if all(0 <= i < n for i, n in zip(ix, a.shape)) else 0.0


def _dk(x, g, rows, cols):
    """Σ_{i,j} g[i,j] x[rows(i,u), cols(j,v)] for one sample and one channel pair."""
    kh, kw = 3, 3
    return np.array([[sum(g[0, 0, i, j] * _at(x[0, 0], rows(i, u), cols(j, v))
                          for i in range(g.shape[2]) for j in range(g.shape[3]))
                      for v in range(kw)] for u in range(kh)])


def _verdict(doc: str) -> str:
    return check_text(doc, "md", time_limit=60).claims[-1].verdict


def _expect(doc: str, true: bool) -> None:
    got = _verdict(doc)
    if true:
        assert got == "holds", got
    else:
        assert got == "refuted", got


# ---------------------------------------------------------------- capital Greek gradient names

_GREEK_DOC = r"""<!-- symbp: layer=conv2d input=5x5 kernel=3x3 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->

## Forward

$$
Y_{i,j} = \sum_{u=0}^{2}\sum_{v=0}^{2} X_{i+u,j+v} K_{u,v}
$$

$$
{G}_{i,j} = \frac{\partial L}{\partial Y_{i,j}}
$$

$$
\frac{\partial L}{\partial K_{u,v}} = \sum_{i}\sum_{j} {CLAIM}
$$
"""


@pytest.mark.parametrize("greek", [r"\Delta", r"\Gamma", r"\Phi", r"\Theta", r"\Lambda"])
@pytest.mark.parametrize("shift", [0, 1])
def test_capital_greek_upstream_gradient(greek, shift):
    x, k, g, dk, _ = _layer(5, 5, 3, 3, 1, 0, seed=3)
    claimed = _dk(x, g, lambda i, u: i + u + shift, lambda j, v: j + v)
    true = bool(np.allclose(claimed, dk[0, 0]))
    assert true == (shift == 0)
    doc = _GREEK_DOC.replace("{G}", greek).replace(
        "{CLAIM}", f"{greek}_{{i,j}} X_{{i+u{'+1' if shift else ''},j+v}}")
    _expect(doc, true)


def test_capital_greek_without_a_definition_is_not_held():
    doc = _GREEK_DOC.replace("$$\n{G}_{i,j} = \\frac{\\partial L}{\\partial Y_{i,j}}\n$$\n", "").replace(
        "{CLAIM}", r"\Delta_{i,j} X_{i+u,j+v}")
    assert _verdict(doc) == "unchecked"


def test_braced_name_before_its_subscript():
    x, k, g, dk, _ = _layer(5, 5, 3, 3, 1, 0, seed=4)
    for shift in (0, 1):
        claimed = _dk(x, g, lambda i, u: i + u, lambda j, v: j + v + shift)
        doc = _GREEK_DOC.replace("{G}", r"\Delta").replace(
            "{CLAIM}", f"{{\\Delta}}_{{i,j}} {{X}}_{{i+u,j+v{'+1' if shift else ''}}}")
        _expect(doc, bool(np.allclose(claimed, dk[0, 0])))


# ---------------------------------------------------------------- stride and padding per axis

def _strided_doc(forward_input: str, claim_input: str, stride: str, padding: str | None) -> str:
    pad = f" padding={padding}" if padding is not None else ""
    return rf"""<!-- symbp: layer=conv2d input=6x6 kernel=3x3 stride={stride}{pad} conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->

## Forward

$$
Y_{{i,j}} = \sum_{{u=0}}^{{K_h-1}}\sum_{{v=0}}^{{K_w-1}} K_{{u,v}} {forward_input}
$$

$$
\frac{{\partial L}}{{\partial K_{{u,v}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial L}}{{\partial Y_{{i,j}}}} {claim_input}
$$
"""


@pytest.mark.parametrize("stride,pad", [((2, 2), 1), ((2, 1), 1), ((1, 2), 2)])
@pytest.mark.parametrize("spelling", ["sub", "bracket"])
def test_stride_and_padding_letters_per_axis(stride, pad, spelling):
    x, k, g, dk, _ = _layer(6, 6, 3, 3, stride, pad, seed=7)
    sh, sw = stride
    if spelling == "sub":
        fwd = r"X_{i s_h - p_h + u,\, j s_w - p_w + v}"
        right, wrong = fwd, r"X_{i s_h + u,\, j s_w + v}"
    else:
        fwd = r"X[s_h \cdot i + u - p_h, s_w \cdot j + v - p_w]"
        right, wrong = fwd, r"X[s_w \cdot i + u - p_h, s_h \cdot j + v - p_w]"
    claims = {right: _dk(x, g, lambda i, u: sh * i - pad + u, lambda j, v: sw * j - pad + v)}
    claims[wrong] = _dk(x, g, lambda i, u: sh * i + u, lambda j, v: sw * j + v) if spelling == "sub" else \
        _dk(x, g, lambda i, u: sw * i + u - pad, lambda j, v: sh * j + v - pad)
    for written, claimed in claims.items():
        true = bool(np.allclose(claimed, dk[0, 0]))
        assert true == (written == right) or sh == sw
        got = _verdict(_strided_doc(fwd, written, f"{sh},{sw}", str(pad)))
        assert got == ("holds" if true else "refuted"), (written, got)


def test_per_axis_letters_without_numbers_are_not_guessed():
    fwd = r"X_{i s_h - p_h + u,\, j s_w - p_w + v}"
    doc = _strided_doc(fwd, fwd, "2", None).replace(" stride=2", "")
    assert _verdict(doc) == "unchecked"


def test_per_axis_letters_with_a_padding_the_forward_does_not_write():
    fwd = r"X_{i s_h + u,\, j s_w + v}"               # no -p_h: the section's padding 1 is not this forward's
    assert _verdict(_strided_doc(fwd, fwd, "2", "1")) == "unchecked"


def test_strided_forward_without_padding_offset_in_a_padded_section_is_not_refuted():
    r"""``\tilde X_{iS+m}`` names the padded image: under that reading the claim is true (torch
    with padding 1), so it must not be refuted; symbp does not settle the reading."""
    x, k, g, dk, _ = _layer(6, 6, 3, 3, 2, 1, seed=9)
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    claimed = _dk(xp, g, lambda i, u: 2 * i + u, lambda j, v: 2 * j + v)
    assert np.allclose(claimed, dk[0, 0])
    fwd = r"{\widetilde{X}}_{i \cdot S + u,j \cdot S + v}"
    doc = _strided_doc(fwd, fwd, "2", "1")
    assert _verdict(doc) != "refuted"


# ---------------------------------------------------------------- a batch letter beside a bias b

_BATCH_DOC = r"""<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=1,2 batch=2 conv=cross index_base=0 names: X=input K=kernel b=bias Y=output L=loss layout: X=NCHW K=OIHW Y=NCHW -->

## Forward

Let $X\in\mathbb R^{B\times C_{\mathrm{in}}\times H\times W}$.

$$
Y_{n,o,i,j} = b_o + \sum_{c=0}^{C_{\mathrm{in}}-1}\sum_{u=0}^{K_h-1}\sum_{v=0}^{K_w-1} K_{o,c,u,v} X_{n,c,i+u,j+v}
$$

$$
\frac{\partial L}{\partial b_o} = \sum_{n=0}^{TOP}\sum_{i=0}^{H_{\mathrm{out}}-1}\sum_{j=0}^{W_{\mathrm{out}}-1} \frac{\partial L}{\partial Y_{n,o,i,j}}
$$
"""


@pytest.mark.parametrize("top,true", [("B-1", True), ("0", False)])
def test_batch_letter_beside_bias(top, true):
    x, k, g, dk, db = _layer(4, 4, 2, 2, 1, 0, batch=2, cin=1, cout=2, seed=11)
    last = 1 if top == "B-1" else 0
    claimed = np.array([g[:last + 1, o].sum() for o in range(2)])
    assert bool(np.allclose(claimed, db)) == true
    got = _verdict(_BATCH_DOC.replace("TOP", top))
    assert got == ("holds" if true else "refuted"), got


# ---------------------------------------------------------------- a gradient named once for the page

_ALIAS_DOC = r"""<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->

## Forward

$$
Y_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} K_{m,n} X_{i+m,j+n}
$$

From behind comes $ALIAS$.{EXTRA}

## Kernel

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input K=kernel Y=output L=loss -->

$$
\frac{\partial L}{\partial K_{m,n}} = \sum_{i}\sum_{j} G_{i,j} X_{i+m+SHIFT,j+n}
$$
"""


@pytest.mark.parametrize("alias", [r"G = \partial L/\partial Y", r"G = \frac{\partial L}{\partial Y}",
                                   r"G_{i,j} = \frac{\partial L}{\partial Y_{i,j}}"])
@pytest.mark.parametrize("shift", [0, 1])
def test_gradient_named_once_for_the_page(alias, shift):
    x, k, g, dk, _ = _layer(4, 4, 2, 2, 1, 0, seed=13)
    claimed = np.array([[sum(g[0, 0, i, j] * _at(x[0, 0], i + m + shift, j + n) for i in range(3) for j in range(3))
                         for n in range(2)] for m in range(2)])
    true = bool(np.allclose(claimed, dk[0, 0]))
    assert true == (shift == 0)
    doc = _ALIAS_DOC.replace("ALIAS", alias).replace("{EXTRA}", "").replace("+SHIFT", "+1" if shift else "")
    _expect(doc, true)


@pytest.mark.parametrize("alias,extra", [
    (r"G = \partial L/\partial Y", r" Later $G = \text{pad}(\partial L/\partial Y)$ is padded."),   # set otherwise too
    (r"G = \partial L/\partial X", ""),                                                              # not the output's
    (r"G = \partial L/\partial Y", r" Also $G = \partial E/\partial Y$."),                            # two meanings
])
def test_gradient_name_with_another_meaning_is_not_read(alias, extra):
    doc = _ALIAS_DOC.replace("ALIAS", alias).replace("{EXTRA}", extra).replace("+SHIFT", "")
    assert _verdict(doc) == "unchecked"
