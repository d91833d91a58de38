"""All-sizes engine: its sets at fixed sizes are the per-size engine's entries; built-ins
hold for every size; mutants are refuted with a counterexample the per-size prover confirms.
"""
from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
import sympy as sp

pytest.importorskip("islpy")

from symbp.layers import conv, dense, pooling
from symbp.allsizes import sets  # noqa: E402
from symbp.allsizes.mutants import MUTANTS  # noqa: E402
from symbp.allsizes.verify import SPECS, Options, at_sizes, check, per_size_claim  # noqa: E402
from symbp.core.geometry import ConfigError  # noqa: E402
from symbp.core.ops import evaluate  # noqa: E402


def _names(arrays: dict) -> dict:
    """entry symbol -> (placeholder name, index) for the per-size layer's tensors."""
    out = {}
    for name, arr in arrays.items():
        for index in np.ndindex(*arr.shape):
            out[arr[index]] = (name, index)
    return out


def _entries(grad: np.ndarray, names: dict) -> dict:
    """{entry index: {monomial as sorted factors: coefficient}} of a per-size array."""
    out = {}
    for index in np.ndindex(*grad.shape):
        e = sp.expand(grad[index])
        if e == 0:
            continue
        terms = {}
        for mono, coef in e.as_coefficients_dict().items():
            factors = mono.args if mono.is_Mul else (mono,)
            key = tuple(sorted((names[f] for f in factors), key=lambda f: f[0]))
            terms[key] = terms.get(key, 0) + coef
        out[index] = terms
    return out


def _from_points(points: dict, nx: int) -> dict:
    """The same shape of dict from isl points (entry, monomial indices) -> signature."""
    out = {}
    for pt, sig in points.items():
        entry, rest, k = pt[:nx], pt[nx:], 0
        factors, coef = [], sp.Integer(1)
        for name, arity in sig:
            idx = tuple(rest[k:k + arity])
            k += arity
            if name == "1/":
                coef /= sp.Mul(*idx)
            else:
                factors.append((name, idx))
        key = tuple(sorted(factors, key=lambda f: f[0]))
        terms = out.setdefault(tuple(entry), {})
        assert key not in terms, "a monomial reached twice"
        terms[key] = coef
    return out


_SYMBOLIC: dict = {}


def _symbolic(name: str, opts: Options):
    key = (name, repr(opts))
    if key not in _SYMBOLIC:
        r = check(SPECS[name], opts, confirm=False)
        assert r.verdict == "holds" or name == "conv-weight", (name, opts, r.reason)
        _SYMBOLIC[key] = r
    return _SYMBOLIC[key]


def _compare(name, opts, sizes, layer_arrays, derived, claimed):
    r = _symbolic(name, opts)
    ev, ctx = r.evidence, r.evidence["ctx"]
    nx = len(ev["xs"])
    names = _names(layer_arrays)
    cache = ev.setdefault("cache", {})
    got_derived = _from_points(sets.points_at(ev["derived"], ev["xs"], ctx, sizes, cache), nx)
    got_closed = _from_points(sets.points_at(ev["closed"], ev["xs"], ctx, sizes, cache), nx)
    assert got_derived == _entries(derived, names), (name, sizes)
    assert got_closed == _entries(claimed, names), (name, sizes)


def _conv_configs(rng, count):
    grid = list(itertools.product((1, 2), (1, 2), range(1, 5), range(1, 4), range(1, 4),
                                  range(0, 2), ((1, 1), (2, 1), (1, 2)), (1, 2)))
    rng.shuffle(grid)
    out = []
    for s, d, h, w, k, p, ch, n in grid:
        try:
            out.append(conv.Conv2dConfig.make((h, w), (k, max(1, k - 1)), s, (p, 0), d, ch, 1, n))
        except ConfigError:
            continue
        if len(out) == count:
            break
    return out


def test_sets_at_fixed_sizes_are_the_per_size_entries():
    """>= 500 small configurations: conv ∂J/∂a, ∂J/∂W (r < d), ∂J/∂b; avg pooling in
    floor/ceil mode with count_include_pad on/off; fully connected."""
    rng = random.Random(13)
    checked = 0
    for cfg in _conv_configs(rng, 220):
        layer = conv.Conv2d(cfg)
        opts = Options(stride=cfg.stride, dilation=cfg.dilation)
        sizes = dict(H=cfg.input[0], W=cfg.input[1], KH=cfg.kernel[0], KW=cfg.kernel[1],
                     PH=cfg.padding[0], PW=cfg.padding[1], N=cfg.batch, Cin=cfg.channels[0],
                     Cout=cfg.channels[1])
        arrays = {"a": layer.a, "W": layer.w, "b": layer.b, "delta": layer.delta}
        names = ["conv-input", "conv-bias"]
        if all((n + 2 * p - d * (k - 1) - 1) % s < d for n, k, s, p, d in cfg._axes()):
            names.append("conv-weight")
        for name in names:
            sym = _symbolic(name, opts)
            form = at_sizes(sym.evidence["form"], sym.evidence["ctx"], sizes)
            grad = per_size_claim(SPECS[name], cfg, form).derive()
            _compare(name, opts, sizes, arrays, grad, evaluate(form, layer.env))
        checked += 1
    pool_grid = list(itertools.product((1, 2, 3), range(1, 6), range(1, 5), range(1, 4),
                                       range(0, 2), (False, True), (True, False)))
    rng.shuffle(pool_grid)
    pools = 0
    for s, h, w, k, p, ceil, include in pool_grid:
        try:
            cfg = pooling.Pool2dConfig.make((h, w), (k, k), s, (p, 0), 1, ceil, include)
        except ConfigError:
            continue
        layer = pooling.Pool2d(cfg, "avg")
        opts = Options(stride=cfg.stride, ceil_mode=ceil, count_include_pad=include)
        sizes = dict(H=h, W=w, KH=k, KW=k, PH=p, PW=0, N=1, C=1)
        _compare("pool-avg", opts, sizes, {"a": layer.a, "delta": layer.delta},
                 layer.input_grad, evaluate(layer.upsample_form(), layer.env))
        pools += 1
        if pools == 190:
            break
    fcs = 0
    for n, i, o in itertools.product((1, 2, 3), range(1, 7), range(1, 6)):
        layer = dense.FullyConnected(dense.LinearConfig.make(i, o, n))
        arrays = {"a": layer.a, "W": layer.w, "b": layer.b, "delta": layer.delta}
        for name, key, form in (("fc-input", "a", layer.input_grad_form()),
                                ("fc-weight", "w", layer.weight_grad_form()),
                                ("fc-bias", "b", layer.bias_grad_form())):
            _compare(name, Options(), dict(N=n, IN=i, OUT=o), arrays, layer.gradients[key],
                     evaluate(form, layer.env))
        fcs += 1
    assert checked + pools + fcs >= 500


def _routes(grad: np.ndarray, names: dict) -> set:
    """{(entry, δ index)} of a per-size max-pooling gradient (indicators left aside)."""
    out = set()
    for index in np.ndindex(*grad.shape):
        for sym in sp.expand(grad[index]).free_symbols:
            if sym in names and names[sym][0] == "delta":
                out.add((index, names[sym][1]))
    return out


def test_max_pooling_routing_at_fixed_sizes_is_the_per_size_routing():
    """The δ entries each input cell receives (the argmax indicators aside) agree with the
    per-size chain rule on ~100 small max-pooling configurations, dilation included."""
    rng = random.Random(7)
    grid = list(itertools.product((1, 2), (1, 2), range(1, 6), range(1, 5), range(1, 4),
                                  range(0, 2), (False, True)))
    rng.shuffle(grid)
    done = 0
    for s, d, h, w, k, p, ceil in grid:
        try:
            cfg = pooling.Pool2dConfig.make((h, w), (k, k), s, (p, 0), d, ceil)
            layer = pooling.Pool2d(cfg, "max")
            grad = layer.input_grad
        except ConfigError:
            continue
        r = _symbolic("pool-max", Options(stride=(s, s), dilation=(d, d), ceil_mode=ceil))
        ev = r.evidence
        sizes = dict(H=h, W=w, KH=k, KW=k, PH=p, PW=0, N=1, C=1)
        points = sets.points_at(ev["derived"], ev["xs"], ev["ctx"], sizes,
                                ev.setdefault("cache", {}))
        names = _names({"delta": layer.delta})
        want = _routes(grad, names)
        for which in ("derived", "closed"):
            pts = points if which == "derived" else sets.points_at(
                ev["closed"], ev["xs"], ev["ctx"], sizes, ev["cache"])
            got = set()
            for pt, sig in pts.items():
                k0 = 4 + sum(a for n, a in sig[:[n for n, _ in sig].index("delta")])
                got.add((tuple(pt[:4]), tuple(pt[k0:k0 + 4])))
            assert got == want, (which, cfg)
        done += 1
        if done == 100:
            break
    assert done == 100


@pytest.mark.parametrize("stride,dilation", [((1, 1), (1, 1)), ((2, 2), (1, 1)),
                                             ((1, 1), (2, 2)), ((3, 2), (2, 1))])
def test_conv_input_and_delta_hold_for_all_sizes(stride, dilation):
    for name in ("conv-input", "conv-bias", "conv-delta"):
        r = check(SPECS[name], Options(stride=stride, dilation=dilation))
        assert r.verdict == "holds", (name, r.reason)
        assert "all H, W, KH, KW, PH, PW" in r.scope and f"stride {stride[0]}" in r.scope


def test_conv_weight_holds_at_every_stride_and_without_its_crop_is_refuted_when_r_reaches_d():
    from dataclasses import replace
    from symbp.core.ops import Crop
    assert check(SPECS["conv-weight"], Options(dilation=(2, 2))).verdict == "holds"
    for stride, dilation in (((2, 2), (1, 1)), ((3, 2), (2, 1))):
        r = check(SPECS["conv-weight"], Options(stride=stride, dilation=dilation))
        assert r.verdict == "holds", r.reason
    built_in = SPECS["conv-weight"].form

    def uncropped(L):
        form = built_in(L)
        return form.args[0] if isinstance(form, Crop) else form
    r = check(replace(SPECS["conv-weight"], form=uncropped), Options(stride=(2, 2)))
    assert r.verdict == "refuted" and r.outcome.kind == "shape"
    sizes = r.sizes      # a configuration with r >= d, where the form is larger than W
    assert (sizes["H"] + 2 * sizes["PH"] - (sizes["KH"] - 1) - 1) % 2 >= 1


@pytest.mark.parametrize("ceil,include,override", [(False, True, False), (True, True, False),
                                                   (True, False, False), (False, False, False),
                                                   (True, True, True)])
def test_pooling_holds_for_all_sizes(ceil, include, override):
    opts = Options(stride=(2, 2), ceil_mode=ceil, count_include_pad=include,
                   divisor_override=override)
    r = check(SPECS["pool-avg"], opts)
    assert r.verdict == "holds", r.reason
    assert check(SPECS["pool-max"], Options(stride=(2, 1), dilation=(2, 1),
                                            ceil_mode=ceil)).verdict == "holds"


def test_fc_holds_for_all_sizes():
    for name in ("fc-input", "fc-weight", "fc-bias", "fc-delta"):
        r = check(SPECS[name])
        assert r.verdict == "holds" and r.scope == "all N, IN, OUT", (name, r.reason)


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutants_refuted_and_confirmed_per_size(mutant):
    opts = Options(stride=(2, 2), channels=(1, 1), batch=1)
    if mutant == "stride and dilation swapped":
        opts = Options(stride=(2, 2), dilation=(1, 1), channels=(1, 1), batch=1)
    if mutant.startswith("avg"):
        opts = Options(stride=(2, 2), ceil_mode=True, channels=(1, 1), batch=1)
    r = check(MUTANTS[mutant], opts)
    assert r.verdict == "refuted", r.reason
    assert r.per_size == "refuted", r.reason          # the per-size prover agrees there
    assert r.sizes and all(v >= 0 for v in r.sizes.values())


def test_unknown_when_a_relation_is_missing():
    """A group count that is not a given number has no index relation: unknown, never holds."""
    from symbp.core.ops import SwapIO
    from dataclasses import replace
    spec = replace(SPECS["conv-input"], transform=lambda f: f.replace(
        lambda e: isinstance(e, SwapIO), lambda e: SwapIO(e.args[0], sp.Symbol("G"))))
    r = check(spec, Options())
    assert r.verdict == "unknown" and "not decided for every size" in r.reason


def test_cli_verify_and_prove_all_sizes(tmp_path, capsys):
    import json
    from symbp.cli import main
    assert main(["verify", "conv-input", "fc-bias", "--all-sizes", "--stride", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["verdict"] for r in rows] == ["holds", "holds"]
    assert rows[0]["scope"].startswith("all H, W, KH, KW, PH, PW") and "stride 2" in rows[0]["scope"]
    assert main(["verify", "conv-weight", "--all-sizes", "--stride", "2"]) == 0   # crop honest
    out_text = capsys.readouterr().out
    assert "crop_KHxKW" in out_text and "holds" in out_text
    assert main(["verify", "conv-weight-seed", "--all-sizes", "--stride", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["verdict"] == "refuted"   # expected refuted
    out = tmp_path / "cert.tex"
    assert main(["prove", "conv-input", "--all-sizes", "-o", str(out)]) == 0
    text = out.read_text()
    assert "Substitution" in text and "Shared set" in text and r"\begin{document}" in text


DOC = r"""
<!-- symbp: layer=conv2d input=n kernel=k stride=1 padding=p -->

$$\frac{\partial J}{\partial a} = \text{pad}_{k-1-p}(\delta) * \text{rot180}(W)$$

$$\frac{\partial J}{\partial a} = \text{pad}_{k-1}(\delta) * \text{rot180}(W)$$

$$\frac{\partial J}{\partial W} = \text{pad}_{p}(a) * \delta$$

$$\frac{\partial J}{\partial W} = \delta * \text{rot180}(a)$$

$$\delta^{l-1} = \left(\operatorname{pad}_{k-1-p}(\delta^{l}) * \operatorname{rot180}(W^{l})\right) \odot \sigma'(z^{l-1})$$

<!-- symbp: layer=conv2d input=HxW kernel=KxK stride=2 -->

$$\frac{\partial J}{\partial a} = \text{pad}_{K-1}(\text{dilate}_{2}(\delta)) * \text{rot180}(W)$$

$$\frac{\partial J}{\partial a} = \text{pad}_{(K-1, K-1 + q, K-1, K-1)}(\text{dilate}_{2}(\delta)) * \text{rot180}(W)$$

<!-- symbp: layer=avgpool input=n kernel=k stride=2 -->

$$\frac{\partial J}{\partial a} = \text{upsample}(\delta)$$
"""


def test_check_document_with_letters_proves_for_all_sizes():
    import json
    from symbp.check.checker import check_text
    report = check_text(DOC, "md")
    verdicts = [c.verdict for c in report.claims]
    assert verdicts == ["holds", "refuted", "holds", "refuted", "holds", "refuted", "unchecked",
                        "holds"], [(c.verdict, c.detail) for c in report.claims]
    first = report.claims[0]
    assert first.detail.startswith("holds for all n, k, p") and first.scope.startswith("all n, k, p")
    # K - 1 + r forgotten at stride 2: only the shape differs (r unreached rows)
    assert "shape" in report.claims[5].detail and "confirmed" in report.claims[5].detail
    assert "'q'" in report.claims[6].detail          # a letter the directive does not define
    rows = json.loads(report.to_json())["claims"]
    assert rows[0]["scope"].startswith("all n, k, p") and "stride 1" in rows[0]["scope"]


def test_symbolic_stride_and_dilation_with_z3():
    pytest.importorskip("z3")
    opts = Options(symbolic_steps=True, channels=(1, 1), batch=1)
    r = check(SPECS["conv-input"], opts)
    assert r.verdict == "holds", r.reason
    assert r.scope.startswith("all H, W, KH, KW, PH, PW, SH, SW, DH, DW")
    bad = check(MUTANTS["rot180 dropped"], opts)
    assert bad.verdict == "refuted" and bad.per_size == "refuted", bad.reason


def test_check_document_with_letter_stride_and_dilation():
    pytest.importorskip("z3")
    from symbp.check.checker import check_text
    doc = r"""
<!-- symbp: layer=conv2d input=n kernel=k stride=s padding=p dilation=d -->

$$\frac{\partial J}{\partial a} = \text{pad}_{(d(k-1)-p, d(k-1)-p+r, d(k-1)-p, d(k-1)-p+r)}(\text{dilate}_{s}(\delta)) * \text{dilate}_{d}(\text{rot180}(W))$$

$$\frac{\partial J}{\partial a} = \text{pad}_{d(k-1)-p}(\text{dilate}_{s}(\delta)) * \text{dilate}_{d}(\text{rot180}(W))$$
"""
    good, forgot_r = check_text(doc, "md").claims
    assert good.verdict == "holds" and good.detail.startswith("holds for all n, k, p, s, d")
    assert forgot_r.verdict == "refuted" and "s=" in forgot_r.detail


def test_a_crop_operator_makes_the_weight_gradient_honest_for_every_stride():
    """The relation table keyed 'crop' (for the Crop operator another change adds to
    symbp.core.ops): cropping pad_p(a) * dilate_s(δ) to the kernel's positions holds where the
    uncropped form is refuted (stride remainder r >= d)."""
    from dataclasses import replace
    from symbp.core.ops import TensorOp

    class Crop(TensorOp):           # a stand-in with the (x, h, w) arguments
        pass

    spec = replace(SPECS["conv-weight"],
                   form=lambda L: Crop(SPECS["conv-weight"].form(L), *L.cfg.kernel))
    r = check(spec, Options(stride=(2, 2)), confirm=False)
    assert r.verdict == "holds", r.reason
    r = check(spec, Options(stride=(3, 2), dilation=(2, 1)), confirm=False)
    assert r.verdict == "holds", r.reason


def test_bad_letter_directives_and_claims_are_one_line_verdicts(tmp_path, capsys):
    from symbp.cli import main
    doc = tmp_path / "bad.md"
    doc.write_text(r"""
<!-- symbp: layer=conv2d input=n kernel=k stride=0 padding=p -->

$$\frac{\partial J}{\partial a} = \text{pad}_{k-1}(\delta) * \text{rot180}(W)$$

<!-- symbp: layer=conv2d input=n kernel=k -->

$$\frac{\partial J}{\partial a} = \text{pad}_{k-1}(\delta) *$$

$$\frac{\partial J}{\partial a} = \text{pad}_{q}(\delta) * \text{rot180}(W)$$

$$\frac{\partial J}{\partial a} = \text{pad}_{k k}(\delta) * \text{rot180}(W)$$
""")
    assert main(["check", str(doc), "--json"]) == 1          # the k·k padding is refuted
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    import json
    claims = json.loads(out.out)["claims"]
    assert [c["verdict"] for c in claims] == ["unchecked", "unchecked", "unchecked", "refuted"]
    assert "stride must be at least 1" in claims[0]["detail"]
    assert "'q'" in claims[2]["detail"]
