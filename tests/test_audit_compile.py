"""symbp audit for compiling targets: configurations run in groups (one compiled graph for
many), a group that raises is split until the configuration that raised is found, and the
sweep for compiling targets keeps every pair of argument values.

Truth comes from eager PyTorch (and torch.compile called directly, one configuration at a
time), never from symbp.
"""
import itertools
from dataclasses import dataclass, field

import pytest
import torch
import torch.nn.functional as F

from symbp.audit import compile_cover, configs_for, inputs_for, lattice, resolve
from symbp.audit.lattice import SINGLE_FEATURES, features
from symbp.audit.runner import GROUP_SIZE, audit_op
from symbp.audit.targets import TENSORS, Target

OPS = ["conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d", "linear"]


def _run(fn, cfg):
    """(forward, gradients) of ``fn`` on cfg's data by plain torch autograd."""
    data = inputs_for(cfg)
    tensors = [torch.tensor(data[n], requires_grad=True) for n in TENSORS[cfg.op]]
    out = fn(*tensors, **cfg.kwargs())
    out.backward(torch.tensor(data["grad_output"]))
    return [out.detach()] + [t.grad for t in tensors]


def _poisoned(cfg) -> bool:
    return cfg.stride == (3, 3) and cfg.kernel == (2, 2)


def _raises_on_poisoned(input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True, divisor_override=None):
    if tuple(kernel_size) == (2, 2) and tuple(stride) == (3, 3):
        raise RuntimeError("planted failure")
    return F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                        divisor_override)


@dataclass
class _GroupedEager(Target):
    """A target run in groups as torch.compile is, computing with eager PyTorch, whose
    group fails as a whole when one of its configurations raises."""
    sizes: list = field(default_factory=list)
    fails_together: int = 0         # a group of this many configurations raises as a whole

    @property
    def compiles_in_groups(self) -> bool:
        return self.dynamic is not False     # the single-configuration fallback runs plainly

    def _torch_fn(self, op):
        return self.function                 # eager, whatever the kind says

    def run_group(self, cfgs, datas):
        self.sizes.append(len(cfgs))
        if self.fails_together and len(cfgs) == self.fails_together:
            return "RuntimeError: planted failure of a whole group"
        try:
            return [self.run(c, d) for c, d in zip(cfgs, datas)]
        except RuntimeError as err:
            return f"RuntimeError: {err}"


def test_group_that_raises_is_split_and_each_failure_attributed():
    configs = lattice("avg_pool2d", 3)[::2][:2 * GROUP_SIZE + 5]
    target = _GroupedEager("callable", "test:grouped", function=_raises_on_poisoned)
    seen = []
    result = audit_op(target, "avg_pool2d", configs, lambda i, n: seen.append((i, n)))
    poisoned = [c for c in configs if _poisoned(c)]
    assert poisoned and len(poisoned) < len(configs)
    assert result.configs == len(configs) and seen[-1] == (len(configs), len(configs))
    assert result.raised == len(poisoned)
    assert {f.config.index for f in result.failures} == {c.index for c in poisoned}
    assert all(f.kind == "raised" and "planted failure" in f.message for f in result.failures)
    assert result.forward_mismatches == result.backward_mismatches == 0
    assert target.sizes[0] == GROUP_SIZE and 1 in target.sizes
    # halving: far fewer runs than one per configuration, and no group above GROUP_SIZE
    assert max(target.sizes) == GROUP_SIZE and len(target.sizes) < len(configs)


@pytest.mark.parametrize("op", OPS)
def test_compile_cover_keeps_argument_pairs_and_each_layout(op):
    full = lattice(op, 5)
    cover = compile_cover(full)
    assert set(cover) <= set(full) and len(cover) <= len(configs_for(op, 5, "pairwise"))

    def seen(cfgs):
        pairs, singles = set(), set()
        for c in cfgs:
            feats = features(c)
            items = sorted((k, repr(v)) for k, v in feats.items() if k not in SINGLE_FEATURES)
            pairs |= set(itertools.combinations(items, 2))
            singles |= {(k, repr(feats[k])) for k in SINGLE_FEATURES}
        return pairs, singles
    assert seen(cover) == seen(full)


def test_default_sweep_of_torch_compile_is_the_compile_cover():
    from symbp.audit import audit
    target = _GroupedEager("callable", "test:grouped", function=F.linear)
    target.kind = "torch.compile"       # only its sweep is looked at: run as eager
    configs = configs_for("linear", 2, "compile")
    assert len(configs) < len(lattice("linear", 2))
    result = audit(target, ["linear"], max_size=2)[0]
    assert result.configs == len(configs) and not result.failures


def _ceil_configs():
    """An avg_pool2d ceil-mode configuration of the N = 2 lattice with a 3x3 window (its
    window hangs past the input), and one without ceil_mode."""
    full = lattice("avg_pool2d", 2)
    ceil = [c for c in full if c.kernel == (3, 3) and c.stride == (3, 3) and c.ceil_mode
            and c.padding == (0, 0) and c.divisor_override is None]
    plain = [c for c in full if not c.ceil_mode and c.kernel == (2, 2)][:2]
    return ceil[:1] + plain[:1]


def test_torch_compile_in_groups_agrees_with_each_configuration_compiled_alone():
    configs = _ceil_configs()
    result = audit_op(resolve("torch.compile"), "avg_pool2d", configs)
    assert result.configs == len(configs) and result.raised == 0
    failing = {f.config.index: f for f in result.failures}
    for cfg in configs:
        torch._dynamo.reset()
        alone = _run(torch.compile(F.avg_pool2d, dynamic=False), cfg)
        eager = _run(F.avg_pool2d, cfg)
        differs = not all(torch.equal(a, e) for a, e in zip(alone, eager))
        assert (cfg.index in failing) == differs, cfg.describe()
        if differs:
            f = failing[cfg.index]
            assert f.output == "grad_input" and f.kind == "value"
            assert f.expected == eager[1][f.entry].item() != f.got
            assert f.got == alone[1][f.entry].item()


def test_dynamic_compile_target_runs_each_configuration_through_one_dynamic_graph():
    dynamic = resolve("torch.compile:dynamic")
    assert dynamic.kind == "torch.compile" and dynamic.dynamic is True
    assert not dynamic.compiles_in_groups and resolve("torch.compile").compiles_in_groups
    assert not resolve("torch").compiles_in_groups


def test_group_that_raises_only_as_a_whole_is_reported_not_lost():
    configs = lattice("avg_pool2d", 2)[:6]
    target = _GroupedEager("callable", "test:grouped", function=F.avg_pool2d, fails_together=6)
    result = audit_op(target, "avg_pool2d", configs)
    assert result.configs == 6 and result.raised == 1 and len(result.failures) == 1
    (failure,) = result.failures
    smallest = min(configs, key=lambda c: (c.elements(), c.index))
    assert failure.config == smallest and failure.kind == "raised"
    assert "only when compiled in one graph with 5 other" in failure.message
    assert "planted failure of a whole group" in failure.message


def test_compile_cover_holds_ceil_windows_past_the_input_with_their_own_divisor():
    # where torch.compile's avg_pool2d backward is known to go wrong: the cover must have it
    cover = compile_cover(lattice("avg_pool2d", 5))
    assert any(c.ceil_mode and c.count_include_pad and c.divisor_override is None
               and any(features(c)["ceil_partial"]) for c in cover)
