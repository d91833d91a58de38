"""What an audit says: a text report, JSON, and a reproducer script for each failure.

The reproducer is a standalone script (torch only, no symbp) for the smallest failing
configuration: the integer inputs and the upstream gradient as literals, the target's
call, and the expected values symbp's proved closed form gives, compared with
``torch.equal``.  It is what a user pastes into a bug report.
"""
from __future__ import annotations

import json

import numpy as np

from .lattice import inputs_for
from .reference import OUTPUTS, expected, form
from .runner import Failure, OpAudit
from .targets import TENSORS, Target


def _literal(a: np.ndarray) -> str:
    """A nested-list literal of an integer-valued array (inf as float('inf'))."""
    def item(v):
        v = float(v)
        if v.is_integer():
            return str(int(v))
        return f"float('{v}')" if not np.isfinite(v) else repr(v)

    def rows(x):
        if x.ndim == 0:
            return item(x)
        return "[" + ", ".join(rows(y) for y in x) + "]"
    return rows(np.asarray(a))


def _call_setup(target: Target, op: str, dynamic: bool | None = None) -> list[str]:
    if target.kind == "callable":
        module, _, name = target.spec.partition(":")
        head, _, attr = name.partition(".")
        line = f"from {module} import {head}"
        return [line, f"fn = {name}"] if attr else [line, f"fn = {head}"]
    if target.kind == "torch.compile":
        return [f"fn = torch.compile(F.{op}{', dynamic=True' if dynamic else ''})"]
    return [f"fn = F.{op}"]


def reproducer(target: Target, failure: Failure, dynamic: bool | None = None) -> str:
    """A standalone script that shows ``failure`` (its configuration's data are regenerated).

    Example: ``print(reproducer(resolve("torch.compile"), audit.smallest()[sig]))``.
    """
    cfg = failure.config
    data = inputs_for(cfg)
    want = expected(cfg, data)
    device = target.device
    lines = [f"# symbp audit reproducer: {target.spec}, {cfg.describe()}",
             f"# {failure.output}: {failure.detail()}"]
    if target.kind == "jax":
        lines += ["# (jax target: the configuration above, with these inputs, through jax.vjp)"]
    lines += ["import torch", "import torch.nn.functional as F", ""]
    lines += _call_setup(target, cfg.op, dynamic)
    names = TENSORS[cfg.op]
    for n in names:
        lines.append(f"{n} = torch.tensor({_literal(data[n])}, dtype=torch.float64, "
                     f"device={device!r}, requires_grad=True)")
    lines.append(f"grad_output = torch.tensor({_literal(data['grad_output'])}, "
                 f"dtype=torch.float64, device={device!r})")
    kwargs = ", ".join(f"{k}={v!r}" for k, v in cfg.kwargs().items())
    lines.append(f"out = fn({', '.join(names)}{', ' + kwargs if kwargs else ''})")
    lines.append("out.backward(grad_output)")
    lines.append("# exact values from symbp's proved closed forms:")
    got_names = {"forward": "out.detach()", **{f"grad_{n}": f"{n}.grad" for n in names}}
    checks = [failure.output] if failure.output in want else list(want)
    for name in checks:
        lines.append(f"# {form(cfg, name)}")
        lines.append(f"expected_{name} = torch.tensor({_literal(want[name])}, "
                     f"dtype=torch.float64, device={device!r})")
    for name in checks:
        got = got_names[name]
        lines.append(f"print({name!r}, 'conforms' if torch.equal({got}, expected_{name}) "
                     f"else 'differs')")
        if failure.entry is not None and name == failure.output:
            idx = ", ".join(map(str, failure.entry))
            lines.append(f"print('entry {list(failure.entry)}: got', {got}[{idx}].item(), "
                         f"'expected', expected_{name}[{idx}].item())")
    return "\n".join(lines) + "\n"


def _failure_json(target: Target, audit: OpAudit, f: Failure) -> dict:
    return {"output": f.output, "kind": f.kind, "configuration": f.config.as_json(),
            "description": f.config.describe(), "elements": f.config.elements(),
            "entry": list(f.entry) if f.entry is not None else None,
            "expected": f.expected, "got": f.got, "differing": f.differing,
            "message": f.message or None,
            "form": form(f.config, f.output) if f.output in OUTPUTS else None,
            "configurations_failing": sum(1 for g in audit.failures if g.signature == f.signature),
            "confirmed": audit.confirmed.get(f.signature),
            "reproducer": reproducer(target, f, audit.dynamic.get(f.signature))}


def as_json(target: Target, audits: list[OpAudit]) -> str:
    """The JSON list: one object per op with op, target, configs, mismatches, smallest."""
    return json.dumps(json_doc(target, audits), indent=2, ensure_ascii=False)


def json_doc(target: Target, audits: list[OpAudit]) -> list[dict]:
    """What :func:`as_json` prints, as a JSON-ready list (one dict per op)."""
    out = []
    for a in audits:
        distinct = [_failure_json(target, a, f) for f in a.smallest().values()]
        out.append({"op": a.op, "target": a.target, "device": a.device, "configs": a.configs,
                    "mismatches": a.mismatches, "forward_mismatches": a.forward_mismatches,
                    "backward_mismatches": a.backward_mismatches, "raised": a.raised,
                    "seconds": round(a.seconds, 3),
                    "smallest": distinct[0] if distinct else None, "failures": distinct})
    return out


def records(target: Target, audits: list[OpAudit], docs: list[dict] | None = None) -> list:
    """One :class:`symbp.report.Record` per op: an error on any mismatch or raise, with
    the smallest failing configuration, the entry, expected and got; a pass otherwise.

    ``docs``: :func:`json_doc`'s list, when already made (each record's details).
    Example: ``render(records(tgt, audit(tgt, ["linear"], 2)), "junit")``.
    """
    from ..report import ERROR, PASS, Record
    docs = docs if docs is not None else json_doc(target, audits)
    out = []
    for a, doc in zip(audits, docs):
        distinct = list(a.smallest().values())
        if distinct:
            smallest = min(distinct, key=lambda f: (f.config.elements(), f.config.index))
            count = sum(1 for g in a.failures if g.signature == smallest.signature)
            what = OUTPUTS.get(smallest.output, smallest.output)
            kind = "raised" if smallest.kind == "raised" else f"{smallest.kind} mismatch"
            message = (f"{what} {kind} in {count} of {a.configs} configurations; smallest: "
                       f"{smallest.config.describe()}: {smallest.detail()}")
            if len(distinct) > 1:
                message += f" (and {len(distinct) - 1} other distinct failure" \
                           f"{'s' * (len(distinct) > 2)})"
            verdict, level = "raised" if smallest.kind == "raised" else "mismatch", ERROR
        else:
            message = f"all {a.configs} configurations conform"
            verdict, level = "conforms", PASS
        out.append(Record(a.op, verdict, level, " ".join(message.split()),
                          title=f"symbp audit {target.spec}: {a.op}: {verdict}",
                          seconds=round(a.seconds, 3), subject=f"{target.spec} {a.op}",
                          rule=f"audit-{a.op}", details=doc,
                          group=f"symbp audit {target.spec}"))
    return out


def as_text(target: Target, audits: list[OpAudit]) -> str:
    """The human report: a table of ops, then each distinct failure with its reproducer."""
    rows = [("op", "configs", "forward", "backward", "raised", "seconds", "verdict")]
    for a in audits:
        rows.append((a.op, str(a.configs), str(a.forward_mismatches), str(a.backward_mismatches),
                     str(a.raised), f"{a.seconds:.1f}",
                     "conforms" if not a.failures else "DOES NOT CONFORM"))
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = [f"symbp audit {target.spec} (device {target.device}): exact comparison with "
             f"symbp's proved closed forms", ""]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(3, "  ".join("-" * w for w in widths))
    for a in audits:
        for sig, f in a.smallest().items():
            count = sum(1 for g in a.failures if g.signature == sig)
            what = OUTPUTS.get(f.output, f.output)
            lines += ["", f"{a.op}: {what} {'raised' if f.kind == 'raised' else f.kind + ' mismatch'}"
                      f" in {count} configuration{'s' if count != 1 else ''}; smallest "
                      f"({f.config.elements()} entries):",
                      f"  {f.config.describe()}", f"  {f.detail()}"]
            if f.output in OUTPUTS:
                lines.append(f"  proved form: {form(f.config, f.output)}")
            if sig in a.confirmed:
                lines.append(f"  {a.confirmed[sig]}")
            lines.append("  reproducer:")
            script = reproducer(target, f, a.dynamic.get(sig))
            lines += ["    " + s if s else "" for s in script.splitlines()]
    bad = [a.op for a in audits if a.failures]
    lines += ["", f"{len(audits) - len(bad)} of {len(audits)} ops conform" +
              (f"; not: {', '.join(bad)}" if bad else "")]
    return "\n".join(lines)
