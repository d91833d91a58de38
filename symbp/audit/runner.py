"""Sweep one op's lattice on a target and compare every value with the proved forms exactly.

:func:`audit_op` runs each configuration's forward and backward on the target, the
same integer data through :func:`symbp.audit.reference.expected`, and compares the
two with ``==`` (no tolerance: every exact value is an integer float64 holds).  A
shape that differs, a gradient that is missing, or an exception the target raises is
a failure of that configuration; the sweep goes on.  Failures are grouped by what
failed (output and kind); for each group the smallest configuration (fewest tensor
entries) is kept, and for torch.compile it is run again alone after a fresh start
to say whether it reproduces outside the sweep.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from .lattice import AuditConfig, inputs_for
from .reference import OUTPUTS, expected
from .targets import Target, what_raised


@dataclass
class Failure:
    """One output of one configuration that does not conform."""
    config: AuditConfig
    output: str                     # 'forward', 'grad_input', 'grad_weight', 'grad_bias',
                                    # or 'backward' (raised there)
    kind: str                       # 'value', 'shape', 'missing', 'raised'
    entry: tuple[int, ...] | None = None
    expected: float | None = None
    got: float | None = None
    differing: int = 0              # entries that differ ('value')
    total: int = 0                  # entries in the output
    message: str = ""               # 'raised' / 'shape': what happened

    @property
    def signature(self) -> tuple[str, str]:
        return (self.output, self.kind)

    def detail(self) -> str:
        """One line: the entry and both values, or what was raised."""
        if self.kind == "value":
            return (f"entry {list(self.entry)}: expected {_num(self.expected)}, got "
                    f"{_num(self.got)} ({self.differing} of {self.total} entries differ)")
        return self.message


@dataclass
class OpAudit:
    """The audit of one op on one target."""
    op: str
    target: str
    device: str
    configs: int = 0
    forward_mismatches: int = 0     # configurations whose forward does not conform
    backward_mismatches: int = 0    # configurations with a gradient that does not conform
    raised: int = 0                 # configurations where the target raised
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    confirmed: dict = field(default_factory=dict)   # signature -> note on a rerun alone
    dynamic: dict = field(default_factory=dict)     # signature -> dynamic= that reproduces

    @property
    def mismatches(self) -> int:
        """Configurations with any failure."""
        return len({id(f.config) for f in self.failures})

    def smallest(self) -> dict[tuple[str, str], Failure]:
        """Each distinct failure (output, kind) -> its smallest configuration's failure."""
        out: dict[tuple[str, str], Failure] = {}
        for f in self.failures:
            best = out.get(f.signature)
            if best is None or (f.config.elements(), f.config.index) < \
                    (best.config.elements(), best.config.index):
                out[f.signature] = f
        order = [*OUTPUTS, "backward"]
        return dict(sorted(out.items(), key=lambda kv: order.index(kv[0][0])))


def _num(v) -> str:
    if v is None:
        return "none"
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(v)


def compare(cfg: AuditConfig, want: dict[str, np.ndarray], got: dict) -> list[Failure]:
    """The failures of one configuration: each expected output against the target's.

    ``got`` maps output names to arrays (None: no gradient); ``got["raised"]`` =
    (stage, what) when the target raised in its 'forward' or 'backward'.
    """
    raised = got.get("raised")
    if raised and raised[0] == "forward":
        return [Failure(cfg, "forward", "raised", message=f"forward raised {raised[1]}")]
    out = []
    for name, exp in want.items():
        if name not in got:     # not reached: the backward raised, or the forward's shape
            continue            # was wrong (reported) and nothing was back-propagated
        have = got.get(name)
        if have is None:
            out.append(Failure(cfg, name, "missing",
                               message=f"the target returned no {OUTPUTS[name]}"))
            continue
        have = np.asarray(have, dtype=np.float64)
        if have.shape != exp.shape:
            out.append(Failure(cfg, name, "shape", message=f"shape {list(have.shape)}, expected "
                               f"{list(exp.shape)}"))
            continue
        same = (have == exp)
        if not same.all():
            bad = np.argwhere(~same)
            entry = tuple(int(i) for i in bad[0])
            out.append(Failure(cfg, name, "value", entry, float(exp[entry]), float(have[entry]),
                               len(bad), exp.size))
    if raised:
        out.append(Failure(cfg, "backward", "raised", message=f"backward raised {raised[1]}"))
    return out


def run_one(target: Target, cfg: AuditConfig) -> tuple[dict, dict, list[Failure]]:
    """(data, expected, failures) of one configuration on ``target``."""
    data = inputs_for(cfg)
    want = expected(cfg, data)
    try:
        got = target.run(cfg, data)
    except Exception as err:        # the target's own failure: recorded, the sweep goes on
        got = {"raised": ("forward", what_raised(err))}
    return data, want, compare(cfg, want, got)


#: configurations of one op compiled together in one graph (torch.compile)
GROUP_SIZE = 32


def run_many(target: Target, configs: list[AuditConfig]):
    """Yield (configuration, failures) for each of ``configs``, in order.

    torch.compile runs ``GROUP_SIZE`` configurations at a time in one graph (one
    compilation instead of one each); a group where anything raised is split in halves
    until the configuration that raised is run alone, so what raised is still reported
    for its own configuration (when no configuration raises apart, on the group's
    smallest one, as raised only in that group).
    """
    if not target.compiles_in_groups:
        for cfg in configs:
            yield cfg, run_one(target, cfg)[2]
        return
    for start in range(0, len(configs), GROUP_SIZE):
        yield from _run_group(target, configs[start:start + GROUP_SIZE])


def _run_group(target: Target, configs: list[AuditConfig]) -> list:
    datas = [inputs_for(cfg) for cfg in configs]
    wants = [expected(cfg, data) for cfg, data in zip(configs, datas)]
    gots = target.run_group(configs, datas)
    if not isinstance(gots, str):
        return [(cfg, compare(cfg, want, got)) for cfg, want, got in zip(configs, wants, gots)]
    if len(configs) == 1:       # it raised: where, with this configuration's static graph
        return [(configs[0], run_one(replace(target, dynamic=False), configs[0])[2])]
    half = len(configs) // 2
    out = _run_group(target, configs[:half]) + _run_group(target, configs[half:])
    if not any(f.kind == "raised" for _, failures in out for f in failures):
        # each half ran, so the group raised only as a whole: said, on its smallest one
        first = min(range(len(out)), key=lambda i: (out[i][0].elements(), out[i][0].index))
        cfg, failures = out[first]
        out[first] = (cfg, failures + [Failure(
            cfg, "backward", "raised", message=f"raised only when compiled in one graph with "
            f"{len(configs) - 1} other configurations of the sweep: {gots}")])
    return out


def _alone(target: Target, cfg: AuditConfig, sig) -> tuple[str, bool | None]:
    """Rerun one torch.compile failure alone after torch._dynamo.reset(): static shapes
    first, then dynamic=True (the sweep's recompiles turn automatic dynamic shapes on).
    Returns (what happened, the dynamic= that reproduces it)."""
    for dynamic in (None, True):
        _, _, again = run_one(target.fresh(dynamic), cfg)
        if any(g.signature == sig for g in again):
            how = "" if dynamic is None else " with torch.compile(..., dynamic=True)"
            return f"reproduced alone{how}, after torch._dynamo.reset()", dynamic
    return ("NOT reproduced alone after torch._dynamo.reset(), with static or dynamic=True "
            "shapes: it depends on what was compiled before it in the sweep"), None


def audit_op(target: Target, op: str, configs: list[AuditConfig],
             progress=None) -> OpAudit:
    """Run ``configs`` of ``op`` on ``target``; a torch.compile failure is rerun alone.

    Example: ``audit_op(resolve("torch"), "avg_pool2d", lattice("avg_pool2d", 3)).mismatches == 0``
    """
    result = OpAudit(op, target.spec, target.device)
    start = time.perf_counter()
    for i, (cfg, failures) in enumerate(run_many(target, configs)):
        result.configs += 1
        wrong = {f.output for f in failures if f.kind != "raised"}
        result.forward_mismatches += "forward" in wrong
        result.backward_mismatches += bool(wrong - {"forward"})
        result.raised += any(f.kind == "raised" for f in failures)
        result.failures.extend(failures)
        if progress:
            progress(i + 1, len(configs))
    if target.kind == "torch.compile":
        for sig, f in result.smallest().items():
            result.confirmed[sig], result.dynamic[sig] = _alone(target, f.config, sig)
    result.seconds = time.perf_counter() - start
    return result
