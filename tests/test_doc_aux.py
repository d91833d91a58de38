r"""Tensors a document defines by its own index equation (symbp.check.doc_aux), in the
spellings several authors use for them: a padded input ``\tilde{x}_{i,j} = x_{i-P,j-P}`` or
``\hat{X} = \text{pad}(X, p)``, a dilated and padded gradient by ``\begin{cases}`` with ``\bmod``
or by Iverson brackets ``[s \mid u]``, a flipped kernel ``\check{w}_{m,n} = w_{K-1-m,K-1-n}``,
``w^{rot}_{m,n}``, ``\overleftarrow{w}_{mn}``, ``K'(m,n) = K(2-m,2-n)``.  Truth: torch autograd of
conv2d(stride, padding) against each claimed formula computed here by plain numpy loops that
follow the definitions as written (zero where they reach outside a tensor)."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

K = 3


def _grads(h: int, s: int, p: int):
    rng = np.random.default_rng(1000 + 100 * h + 10 * s + p)
    x = torch.tensor(rng.integers(-5, 6, (h, h)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-5, 6, (K, K)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], stride=s, padding=p)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


def _at(a, i, j):
    """a[i, j], zero outside (the definitions' reading)."""
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


def _padded_x(x, p):                      # \tilde x_{i,j} = x_{i-p,j-p}
    return lambda i, j: _at(x, i - p, j - p)


def _dilated_padded(g, s, w):             # δ_{(u-w)/s,(v-w)/s} where s divides u-w and v-w, else 0
    def entry(u, v):
        if (u - w) % s or (v - w) % s:
            return 0.0
        return _at(g, (u - w) // s, (v - w) // s)
    return entry


def _dw(g, xt, s, stride_in_claim=True):  # Σ_{i,j} δ_{ij} xt(s i + m, s j + n)
    t = s if stride_in_claim else 1
    return np.array([[sum(g[i, j] * xt(t * i + m, t * j + n) for i in range(g.shape[0]) for j in range(g.shape[1]))
                      for n in range(K)] for m in range(K)])


def _dx(h, dd, kern):                     # Σ_{m,n<K} dd(i+m, j+n) kern[m, n]
    return np.array([[sum(dd(i + m, j + n) * kern[m, n] for m in range(K) for n in range(K))
                      for j in range(h)] for i in range(h)])


def _document(variant: str, h: int, s: int, p: int) -> tuple[str, list, int]:
    """(document, [(claim LaTeX, gradient key, claimed numpy value)], definitions) in one author's spelling."""
    x, k, g, _, _ = _grads(h, s, p)
    w = K - 1 - p
    head = f"<!-- symbp: layer=conv2d input={h}x{h} kernel={K}x{K} stride={s} padding={p} -->\n\n$$\nZ = X * W\n$$\n"
    defs, claims = [], []
    dd = _dilated_padded(g, s, w)
    if variant == "tilde-cases-check":
        defs = [rf"\tilde{{x}}_{{i,j}} = x_{{i-{p},j-{p}}}",
                rf"\ddot{{\delta}}_{{u,v}} = \begin{{cases}} \delta_{{(u-{w})/{s},(v-{w})/{s}}} & (u-{w}) \bmod {s} = 0, "
                rf"(v-{w}) \bmod {s} = 0 \\ 0 & \text{{otherwise}} \end{{cases}}",
                rf"\check{{w}}_{{m,n}} = w_{{{K - 1}-m,{K - 1}-n}}"]
        xt, flip, plain = r"\tilde{x}", r"\check{w}_{m,n}", "w_{m,n}"
    elif variant == "hat-iverson-rot":
        defs = [rf"\hat{{X}} = \text{{pad}}(X, {p})",
                rf"\bar{{\delta}}_{{u,v}} = [{s} \mid u][{s} \mid v]\, \delta_{{u/{s},v/{s}}}",
                rf"\tilde{{\delta}}_{{u,v}} = \bar{{\delta}}_{{u-{w},v-{w}}}",
                rf"w^{{rot}}_{{m,n}} = w_{{{K - 1}-m,{K - 1}-n}}"]
        xt, flip, plain = r"\hat{X}", r"w^{rot}_{m,n}", "w_{m,n}"
    elif variant == "inverse":             # the left side's indices moved: x̃_{i+p,j+p} = x_{i,j}, δ̂_{su+w,sv+w} = δ_{u,v}
        defs = [rf"\tilde{{x}}_{{i+{p},j+{p}}} = x_{{i,j}}",
                rf"\hat{{\delta}}_{{{s}u+{w},{s}v+{w}}} = \delta_{{u,v}}",
                rf"\check{{w}}_{{{K - 1}-m,{K - 1}-n}} = w_{{m,n}}"]
        xt, flip, plain = r"\tilde{x}", r"\check{w}_{m,n}", "w_{m,n}"
    elif variant == "word-subscripts":     # X_{pad}[i,j], W_{rot}, \delta_{\text{dilated}} (code-minded notes)
        defs = [rf"X_{{pad}} = \text{{pad}}(X, {p})",
                rf"\delta_{{\text{{dilated}}}}[{s}u+{w},{s}v+{w}] = \delta[u,v]",
                rf"W_{{rot}}[m,n] = W[{K - 1}-m,{K - 1}-n]"]
        xt, flip, plain = r"X_{pad}", r"W_{rot}[m,n]", "W[m,n]"
    else:                                  # "arrow-prime": \overleftarrow{w}, W'(m,n), a padded δ by cases
        defs = [rf"\widetilde{{x}}_{{i,j}} := x_{{i-{p},j-{p}}}",
                rf"\overleftarrow{{w}}_{{mn}} = w_{{{K - 1}-m,{K - 1}-n}}",
                rf"W'(m,n) = W({K - 1}-m,{K - 1}-n)",
                rf"\ddot{{\delta}}_{{u,v}} = \begin{{cases}} \delta_{{(u-{w})/{s},(v-{w})/{s}}}, & {s} \mid u-{w} \text{{ and }} "
                rf"{s} \mid v-{w} \\ 0, & \text{{otherwise}} \end{{cases}}"]
        xt, flip, plain = r"\widetilde{x}", r"\overleftarrow{w}_{m,n}", "W'(m,n)"
    dsym = {"hat-iverson-rot": r"\tilde{\delta}", "inverse": r"\hat{\delta}",
            "word-subscripts": r"\delta_{\text{dilated}}"}.get(variant, r"\ddot{\delta}")
    xp = _padded_x(x, p)
    claims = [
        (rf"\frac{{\partial L}}{{\partial w_{{m,n}}}} = \sum_{{i}}\sum_{{j}} \delta_{{i,j}} {xt}_{{{s}i+m,{s}j+n}}",
         "w", _dw(g, xp, s)),
        (rf"\frac{{\partial L}}{{\partial w_{{m,n}}}} = \sum_{{i}}\sum_{{j}} \delta_{{i,j}} {xt}_{{i+m,j+n}}",
         "w", _dw(g, xp, s, stride_in_claim=False)),
        (rf"\frac{{\partial L}}{{\partial x_{{i,j}}}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} {dsym}_{{i+m,j+n}} {flip}",
         "x", _dx(h, dd, k[::-1, ::-1] if variant != "arrow-prime" else k[::-1, ::-1])),
        (rf"\frac{{\partial L}}{{\partial x_{{i,j}}}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} {dsym}_{{i+m,j+n}} {plain}",
         "x", _dx(h, dd, k if variant != "arrow-prime" else k[::-1, ::-1])),
    ]
    if variant == "arrow-prime":           # W'(m,n) is the flipped kernel too: the unflipped claim by w
        claims.append((rf"\frac{{\partial L}}{{\partial x_{{i,j}}}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} "
                       rf"{dsym}_{{i+m,j+n}} w_{{m,n}}", "x", _dx(h, dd, k)))
    text = head + "".join(f"\n$$\n{d}\n$$\n" for d in defs) + "".join(f"\n$$\n{c}\n$$\n" for c, _, _ in claims)
    return text, claims, len(defs)


CASES = [(v, h, s, p) for v in ("tilde-cases-check", "hat-iverson-rot", "arrow-prime", "inverse", "word-subscripts")
         for h, s, p in ((5, 1, 0), (5, 2, 1), (6, 2, 0), (7, 3, 1))]


@pytest.mark.parametrize("variant,h,s,p", CASES)
def test_defined_tensors_against_torch(variant, h, s, p):
    text, claims, n_defs = _document(variant, h, s, p)
    _, _, _, gx, gw = _grads(h, s, p)
    results = check_text(text, "md", time_limit=60).claims
    verdicts = [r.verdict for r in results]
    assert verdicts[:1 + n_defs] == ["definition"] * (1 + n_defs), [(r.verdict, r.detail) for r in results]
    for (latex, key, value), got in zip(claims, results[1 + n_defs:]):
        truth = np.array_equal(value, gx if key == "x" else gw)
        assert got.verdict == ("holds" if truth else "refuted"), (latex, got.verdict, got.detail)


def test_both_verdicts_occur():
    """The generated claims are not all of one truth (a test that cannot fail)."""
    seen = set()
    for case in CASES:
        text, claims, _ = _document(*case)
        _, _, _, gx, gw = _grads(*case[1:])
        seen |= {np.array_equal(v, gx if key == "x" else gw) for _, key, v in claims}
    assert seen == {True, False}


def test_undefined_word_label_is_not_the_letter():
    r"""``w^{rot}`` with no definition is not read as ``w`` (that would check another claim)."""
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 -->\n\n$$\nZ = X * W\n$$\n\n$$\n"
            r"\frac{\partial L}{\partial x_{i,j}} = \sum_{m}\sum_{n} \delta_{i-m,j-n} w^{rot}_{m,n}" "\n$$\n")
    got = check_text(text, "md", time_limit=60).claims[-1]
    assert got.verdict == "unchecked" and "w^{rot}" in got.detail


def test_unreadable_definition_leaves_its_claims_unchecked():
    r"""A definition the reader cannot take is not assumed: the claims that use it stay unchecked."""
    text = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 -->\n\n$$\nZ = X * W\n$$\n\n$$\n"
            r"\tilde{w}_{m,n} = \text{mystery}(w)_{m,n}" "\n$$\n\n$$\n"
            r"\frac{\partial L}{\partial x_{i,j}} = \sum_{m}\sum_{n} \delta_{i-m,j-n} \tilde{w}_{m,n}" "\n$$\n")
    results = check_text(text, "md", time_limit=60).claims
    assert results[-1].verdict == "unchecked", results[-1].detail


CHANNELS_DOC = r"""# Channels

<!-- symbp: input=4x4 kernel=2x2 channels=2,3 -->

$$O_{f,i,j} = \sum_{ch=0}^{1}\sum_{r=0}^{1}\sum_{c=0}^{1} W_{f,ch,r,c} X_{ch,i+r,j+c}$$

$$\tilde{W}_{ch,f,r,c} = W_{f,ch,1-r,1-c}$$

$$\tilde{\delta}_{f,u,v} = \frac{\partial L}{\partial O_{f,u-1,v-1}}$$
"""
CHANNEL_CLAIMS = [r"\frac{\partial L}{\partial X_{ch,p,q}} = \sum_{f} \sum_{r=0}^{1} \sum_{c=0}^{1} \tilde{\delta}_{f,p+r,q+c} \tilde{W}_{ch,f,r,c}",
                  r"\frac{\partial L}{\partial X_{ch,p,q}} = \sum_{f} \sum_{r=0}^{1} \sum_{c=0}^{1} \tilde{\delta}_{f,p+r,q+c} \tilde{W}_{f,ch,r,c}"]


def test_channel_swapped_flipped_kernel():
    r"""A kernel flipped with its two channel axes exchanged, ``\tilde W_{ch,f,r,c} = W_{f,ch,1-r,1-c}``,
    and a padded gradient defined from ``∂L/∂O``; truth: torch against plain loops of each claim."""
    gen = torch.Generator().manual_seed(3)
    x = torch.randint(-5, 6, (1, 2, 4, 4), generator=gen).double().requires_grad_()
    k = torch.randint(-5, 6, (3, 2, 2, 2), generator=gen).double().requires_grad_()
    y = torch.nn.functional.conv2d(x, k)
    g = torch.randint(-5, 6, tuple(y.shape), generator=gen).double()
    (y * g).sum().backward()
    kk, gg, gx = k.detach().numpy(), g.numpy()[0], x.grad.numpy()[0]

    def wt(a, b, r, c):                     # \tilde W_{a,b,r,c} = W_{b,a,1-r,1-c}, zero outside
        return kk[b, a, 1 - r, 1 - c] if a < 2 and b < 3 else 0.0

    def dt(f, u, v):                        # \tilde δ_{f,u,v} = ∂L/∂O_{f,u-1,v-1}, zero outside
        return gg[f, u - 1, v - 1] if 0 <= u - 1 < 3 and 0 <= v - 1 < 3 else 0.0

    claimed = [np.array([[[sum(dt(f, p + r, q + c) * (wt(ch, f, r, c) if n == 0 else wt(f, ch, r, c))
                               for f in range(3) for r in range(2) for c in range(2))
                           for q in range(4)] for p in range(4)] for ch in range(2)]) for n in range(2)]
    text = CHANNELS_DOC + "".join(f"\n$${c}$$\n" for c in CHANNEL_CLAIMS)
    got = [c.verdict for c in check_text(text, "md", time_limit=60).claims][-2:]
    assert got == ["holds" if np.array_equal(v, gx) else "refuted" for v in claimed]
    assert got[0] != got[1]


def test_campaign_sample_has_no_wrong_verdict(capsys):
    """A seeded sample of benchmarks/campaign_index_aux.py (true and mutated definitions and
    claims, truth from loops and torch) gives no false holds, false refutations or crashes,
    and its truth says both "true" and "false"."""
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import campaign_index_aux
    assert campaign_index_aux.main(["--n", "30", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; unchecked: 0; crashes: 0" in out
    assert "true→holds" in out and "false→refuted" in out


def test_entry_of_a_rotated_kernel():
    r"""``\text{rot180}(w)_{m,n}`` is the entry (m, n) of the rotated kernel (it was read as the
    rotation of the entry w_{m,n}); truth: torch against plain loops."""
    x, k, g, gx, _ = _grads(5, 1, 0)
    rot = k[::-1, ::-1]
    claims = [(r"\sum_{m}\sum_{n} \delta_{i-2+m,j-2+n} \text{rot180}(W)_{m,n}", lambda i, j: sum(
                   _at(g, i - 2 + m, j - 2 + n) * rot[m, n] for m in range(K) for n in range(K))),
              (r"\sum_{m}\sum_{n} \delta_{i-m,j-n} \text{rot180}(W)_{m,n}", lambda i, j: sum(
                   _at(g, i - m, j - n) * rot[m, n] for m in range(K) for n in range(K)))]
    text = (f"<!-- symbp: layer=conv2d input=5x5 kernel={K}x{K} -->\n\n$$\nZ = X * W\n$$\n" +
            "".join(f"\n$$\n\\frac{{\\partial L}}{{\\partial x_{{i,j}}}} = {c}\n$$\n" for c, _ in claims))
    got = [c.verdict for c in check_text(text, "md", time_limit=60).claims][1:]
    want = ["holds" if np.array_equal(np.array([[f(i, j) for j in range(5)] for i in range(5)]), gx) else "refuted"
            for _, f in claims]
    assert got == want and want == ["holds", "refuted"]
