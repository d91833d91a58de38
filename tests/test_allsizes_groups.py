"""All-sizes proofs of grouped convolutions (issue 13, point 2).

Truth comes from the per-size engine (symbp's chain rule over one configuration's symbols,
itself tested against torch autograd in test_conv.py) and, for one grouped configuration
here, from torch autograd directly; never from the all-sizes engine.
"""
from __future__ import annotations

import itertools
import json
import random

import numpy as np
import pytest
import sympy as sp

pytest.importorskip("islpy")

from symbp.allsizes.mutants import GROUP_MUTANTS  # noqa: E402
from symbp.allsizes.verify import SPECS, Options, at_sizes, check, per_size_claim  # noqa: E402
from symbp.core.geometry import ConfigError  # noqa: E402
from symbp.core.ops import evaluate  # noqa: E402
from symbp.layers import conv  # noqa: E402
from test_allsizes import _compare, _symbolic  # noqa: E402


def _grouped_configs(rng, count):
    """Small grouped conv configurations: groups 2 or 3, channels multiples of it."""
    grid = list(itertools.product((2, 3), (1, 2), (1, 2), range(1, 5), range(1, 4),
                                  range(1, 4), range(0, 2), (1, 2), (1, 2)))
    rng.shuffle(grid)
    out = []
    for g, s, d, h, w, k, p, ci, co in grid:
        try:
            out.append(conv.Conv2dConfig.make((h, w), (k, max(1, k - 1)), s, (p, 0), d,
                                              (g * ci, g * co), g, 1))
        except ConfigError:
            continue
        if len(out) == count:
            break
    return out


def test_grouped_sets_at_fixed_sizes_are_the_per_size_entries():
    """60 grouped configurations: the sets of both sides, at fixed sizes, are exactly the
    per-size chain rule's and closed form's monomials (entry by entry, coefficients 1)."""
    done = 0
    for cfg in _grouped_configs(random.Random(5), 60):
        layer = conv.Conv2d(cfg)
        opts = Options(stride=cfg.stride, dilation=cfg.dilation, groups=cfg.groups, batch=1)
        sizes = dict(H=cfg.input[0], W=cfg.input[1], KH=cfg.kernel[0], KW=cfg.kernel[1],
                     PH=cfg.padding[0], PW=cfg.padding[1], Cin=cfg.channels[0],
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
        done += 1
    assert done == 60


@pytest.mark.parametrize("groups", [2, 3])
@pytest.mark.parametrize("name", ["conv-input", "conv-weight", "conv-bias", "conv-delta"])
def test_grouped_claims_hold_for_all_sizes_and_channels(name, groups):
    r = check(SPECS[name], Options(stride=(2, 2), groups=groups))
    assert r.verdict == "holds", r.reason
    assert r.scope.startswith("all H, W, KH, KW, PH, PW, N, Cin, Cout;")
    assert f"groups {groups}" in r.scope


def test_grouped_claims_with_given_channels_and_symbolic_steps():
    r = check(SPECS["conv-weight"], Options(groups=2, channels=(4, 6)))
    assert r.verdict == "holds" and "Cin 4; Cout 6" in r.scope, r.reason
    r = check(SPECS["conv-input"], Options(groups=2, symbolic_steps=True))
    assert r.verdict == "holds", r.reason
    assert "SH, SW, DH, DW" in r.scope and "groups 2" in r.scope


@pytest.mark.parametrize("mutant", sorted(GROUP_MUTANTS))
def test_group_mutants_refuted_and_confirmed_per_size(mutant):
    spec, opts = GROUP_MUTANTS[mutant]
    r = check(spec, opts)
    assert r.verdict == "refuted", r.reason
    assert r.per_size == "refuted", r.reason
    assert r.sizes and all(v >= 0 for v in r.sizes.values())


def test_channels_not_transposed_refuted_at_an_entry_torch_agrees():
    """The entry-level group mutant's counterexample, checked against torch autograd: at
    the sizes it names, the claimed form differs from torch's ∂J/∂a."""
    torch = pytest.importorskip("torch")
    from symbp.allsizes.layers import conv_layer
    spec, opts = GROUP_MUTANTS["kernel not transposed within groups"]
    r = check(spec, opts)
    assert r.verdict == "refuted" and r.outcome.kind == "entry", r.reason
    sym = conv_layer(opts.stride, opts.dilation, opts.channels, None, None, opts.groups)
    cfg = sym.concrete(r.sizes)
    layer = conv.Conv2d(cfg)
    rng = np.random.default_rng(0)
    a, w, d = (rng.integers(-3, 4, size=t.shape).astype(float)
               for t in (layer.a, layer.w, layer.delta))
    at = torch.tensor(a, requires_grad=True)
    z = torch.nn.functional.conv2d(at, torch.tensor(w), None, cfg.stride, cfg.padding,
                                   cfg.dilation, cfg.groups)
    (z * torch.tensor(d)).sum().backward()
    subs = {s: sp.Float(v) for arr, vals in ((layer.a, a), (layer.w, w), (layer.delta, d))
            for s, v in zip(arr.flat, vals.flat)}
    claimed = evaluate(at_sizes(r.evidence["form"], sym.ctx, r.sizes), layer.env)
    got = np.array([float(e.xreplace(subs)) if isinstance(e, sp.Basic) else float(e)
                    for e in claimed.flat]).reshape(claimed.shape)
    assert got.shape == tuple(at.grad.shape)
    assert not np.allclose(got, at.grad.numpy())
    # the correct form agrees with torch at the same sizes (the test can tell them apart)
    right = evaluate(conv.Conv2d.input_grad_form(layer), layer.env)
    good = np.array([float(e.xreplace(subs)) if isinstance(e, sp.Basic) else float(e)
                     for e in right.flat]).reshape(right.shape)
    assert np.allclose(good, at.grad.numpy())


def test_cli_all_sizes_with_groups(capsys):
    from symbp.cli import main
    assert main(["verify", "conv-input", "conv-weight", "--all-sizes", "--groups", "2",
                 "--stride", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["verdict"] for r in rows] == ["holds", "holds"]
    assert all("groups 2" in r["scope"] for r in rows)
