"""``symbp audit TARGET``: exact conformance of a framework's kernels with symbp's proved forms.

For each op (conv2d, conv_transpose2d, max_pool2d, avg_pool2d, linear) the audit sweeps
a lattice of configurations (:mod:`.lattice`), runs the target's forward and backward
(:mod:`.targets`) on small-integer data, and compares every value with ``==`` against
what symbp's proved closed forms give (:mod:`.reference`); :mod:`.runner` groups the
failures and :mod:`.report` writes the report, the JSON and a reproducer script.

    >>> from symbp.audit import audit
    >>> [a.mismatches for a in audit("torch", ["avg_pool2d"], max_size=3)]
    [0]
"""
from __future__ import annotations

import sys

from ..core.geometry import ConfigError
from .lattice import OPS, AuditConfig, compile_cover, inputs_for, lattice, pairwise_cover
from ..report.formats import render
from ..report.terminal import emit, shows_progress
from .report import as_json, as_text, json_doc, records, reproducer
from .runner import Failure, OpAudit, audit_op
from .targets import Target, TargetError, resolve

__all__ = ["audit", "configs_for", "run_command", "OPS", "AuditConfig", "Failure", "OpAudit",
           "Target", "TargetError", "resolve", "lattice", "pairwise_cover", "compile_cover",
           "inputs_for",
           "reproducer"]

#: default largest spatial size / feature count of the lattice
DEFAULT_MAX_SIZE = 5
#: largest --max-size accepted (the lattice grows with its square)
MAX_MAX_SIZE = 12


def configs_for(op: str, max_size: int, sweep: str) -> list[AuditConfig]:
    """The configurations one op is audited on: the full lattice ('full'), its pairwise
    cover ('pairwise'), or the cover for compiling targets ('compile')."""
    full = lattice(op, max_size)
    return {"pairwise": pairwise_cover, "compile": compile_cover}.get(sweep, list)(full)


def audit(target: str | Target, ops: list[str] | None = None, max_size: int = DEFAULT_MAX_SIZE,
          sweep: str | None = None, device: str = "cpu", progress=None) -> list[OpAudit]:
    """Audit ``ops`` (default all) of ``target`` ('torch', 'torch.compile', 'jax',
    'MODULE:FUNCTION' or a resolved :class:`Target`); one :class:`OpAudit` per op.

    ``sweep``: 'full' (the default for all but torch.compile), 'pairwise', or 'compile'
    (the torch.compile default: every compilation costs seconds; see docs/audit.md).
    """
    tgt = target if isinstance(target, Target) else resolve(target, device)
    sweep = sweep or ("compile" if tgt.kind == "torch.compile" else "full")
    out = []
    for op in ops or list(OPS):
        out.append(audit_op(tgt, op, configs_for(op, max_size, sweep),
                            progress and (lambda i, n, op=op: progress(op, i, n))))
    return out


def run_command(target: str, ops: str | None, max_size: int | None,
                output_format: str | bool = "text", device: str = "cpu",
                sweep: str | None = None) -> int:
    """The ``symbp audit`` subcommand: print the report; 0 all conform, 1 a mismatch.

    ``output_format``: text, json, github, sarif or junit (True/False: json/text).

    Bad input (an unknown op or target, a framework not installed) raises
    ConfigError, which the command line prints as one line with exit status 2.
    """
    names = [o.strip() for o in ops.split(",")] if ops else list(OPS)
    unknown = [o for o in names if o not in OPS]
    if unknown or not names:
        raise ConfigError(f"--ops: unknown op {unknown[0] if unknown else ops!r} "
                          f"(known: {', '.join(OPS)})")
    max_size = DEFAULT_MAX_SIZE if max_size is None else max_size
    if not 1 <= max_size <= MAX_MAX_SIZE:
        raise ConfigError(f"--max-size must be between 1 and {MAX_MAX_SIZE}, got {max_size}")
    try:
        tgt = resolve(target, device)
    except TargetError as err:
        raise ConfigError(str(err)) from None
    fmt = {True: "json", False: "text"}.get(output_format, output_format)
    progress = _progress if shows_progress(fmt) else None
    audits = audit(tgt, names, max_size, sweep, device, progress)
    docs = json_doc(tgt, audits)
    emit(render(records(tgt, audits, docs), fmt, text=lambda: as_text(tgt, audits),
                json_doc=lambda: docs, tool="symbp audit"), fmt)
    return 1 if any(a.failures for a in audits) else 0


def _progress(op: str, i: int, n: int) -> None:
    print(f"\r{op}: {i}/{n}", end="" if i < n else "\n", file=sys.stderr, flush=True)
