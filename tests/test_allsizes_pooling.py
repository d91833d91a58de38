"""All-sizes proofs of pooling's δ^{l-1} and of global average pooling (issue 13, point 4).

Truth comes from the per-size engine (the chain rule over one configuration's symbols, tested
against torch autograd in test_pooling.py), never from the all-sizes engine.
"""
from __future__ import annotations

import itertools
import json

import pytest

pytest.importorskip("islpy")

from symbp.allsizes.mutants import MUTANTS  # noqa: E402
from symbp.allsizes.verify import SPECS, Options, check  # noqa: E402
from symbp.core.ops import evaluate  # noqa: E402
from symbp.layers import pooling  # noqa: E402
from test_allsizes import _compare  # noqa: E402


@pytest.mark.parametrize("ceil, include", [(False, True), (True, False), (False, False)])
@pytest.mark.parametrize("name", ["pool-delta-avg", "pool-delta-max"])
def test_pooling_delta_holds_for_all_sizes(name, ceil, include):
    r = check(SPECS[name], Options(stride=(2, 2), ceil_mode=ceil, count_include_pad=include))
    assert r.verdict == "holds", r.reason
    assert r.text.startswith("δ^{l-1} = ") and "σ'(z^{l-1})" in r.text


def test_global_average_pooling_holds_and_names_its_window():
    r = check(SPECS["pool-global-avg"])
    assert r.verdict == "holds", r.reason
    assert r.scope == "all H, W, N, C; window the whole input (kernel H x W, padding 0)"


def test_global_average_sets_at_fixed_sizes_are_the_per_size_entries():
    """The built-in's global configuration (kernel = stride = the input) at 36 sizes."""
    opts = Options()
    done = 0
    for h, w, n, c in itertools.product(range(1, 5), range(1, 4), (1, 2), (1, 2)):
        if (n, c) == (2, 2) and h * w > 6:
            continue
        cfg = pooling.Pool2dConfig.make((h, w), (h, w), channels=c, batch=n)
        layer = pooling.Pool2d(cfg, "avg")
        _compare("pool-global-avg", opts, dict(H=h, W=w, N=n, C=c),
                 {"a": layer.a, "delta": layer.delta}, layer.input_grad,
                 evaluate(layer.upsample_form(), layer.env))
        done += 1
    assert done >= 36


@pytest.mark.parametrize("mutant", ["pooling delta: sigma' dropped",
                                    "max pooling delta: sigma' dropped",
                                    "global average over one axis"])
def test_pooling_mutants_refuted_and_confirmed_per_size(mutant):
    r = check(MUTANTS[mutant], Options(stride=(2, 2)))
    assert r.verdict == "refuted", r.reason
    assert r.per_size == "refuted", r.reason
    if mutant.startswith("global"):      # δ/H is right when W = 1: the smallest case has W 2
        assert r.sizes["W"] >= 2, r.sizes


def test_cli_pool_delta_expands_to_both_modes(capsys):
    from symbp.cli import main
    assert main(["verify", "pool-delta", "pool-global-avg", "--all-sizes", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["verdict"]) for r in rows] == [
        ("pool-delta-avg", "holds"), ("pool-delta-max", "holds"), ("pool-global-avg", "holds")]
