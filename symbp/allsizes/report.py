"""The command-line side of the all-sizes engine: ``symbp verify --all-sizes``.

Example::

    $ symbp verify conv-input --all-sizes --stride 2
    name        claim                          scope                              verdict ...
"""
from __future__ import annotations


from ..core.geometry import ConfigError


def _engine():
    try:
        from . import verify
    except ImportError as err:      # islpy is an optional dependency
        raise ConfigError(f"--all-sizes needs islpy ({err}): pip install 'symbp[allsizes]'") \
            from None
    return verify


def options_from(args):
    """verify's layer flags as all-sizes Options: stride, dilation, groups and the pooling
    flags are held; sizes, channels (multiples of groups) and batch are quantified."""
    verify = _engine()
    symbolic = getattr(args, "symbolic_steps", False)
    if symbolic and (args.stride or tuple(args.dilation) != (1, 1)):
        raise ConfigError("--symbolic-steps quantifies stride and dilation: give neither")
    return verify.Options(stride=args.stride, dilation=args.dilation, ceil_mode=args.ceil_mode,
                          count_include_pad=args.count_include_pad,
                          divisor_override=args.divisor_override is not None,
                          symbolic_steps=symbolic, groups=args.groups)


def verify_command(args) -> int:
    """``symbp verify [NAME...] --all-sizes [--json]``: exit 0 when every verdict is as
    expected, 1 otherwise."""
    verify = _engine()
    if not 1 <= args.groups <= 16:
        raise ConfigError(f"--all-sizes proves conv claims for 1 to 16 groups, got {args.groups}")
    results = verify.verify_all(args.names, options_from(args))
    from ..report import ERROR, PASS, Record
    from ..report.formats import render
    from ..report.terminal import emit
    records = [Record(r.name, r.verdict, PASS if r.as_expected else ERROR,
                      r.reason or f"{r.verdict} for {r.scope}", title=f"{r.name} (all sizes): {r.verdict}",
                      seconds=r.seconds, subject=f"{r.text} ({r.scope})", rule=r.name,
                      details=r.as_json(), group="symbp verify --all-sizes") for r in results]
    emit(render(records, args.format, text=lambda: table(results),
                json_doc=lambda: [r.as_json() for r in results]), args.format)
    return 0 if all(r.as_expected for r in results) else 1


def table(results) -> str:
    """One row per claim (name, claim, verdict, seconds), then scopes and details."""
    rows = [("name", "claim", "verdict (all sizes)", "seconds")]
    for r in results:
        verdict = r.verdict + ("" if r.as_expected else f" (expected {r.expected})")
        rows.append((r.name, r.text, verdict, f"{r.seconds:.3f}"))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    by_scope: dict = {}
    for r in results:
        by_scope.setdefault(r.scope, []).append(r.name)
    lines += [""] + [f"scope of {', '.join(names)}: {scope}" for scope, names in by_scope.items()]
    details = [f"{r.name}: {r.verdict}: {r.reason}" for r in results if r.verdict != "holds"]
    ok = sum(r.as_expected for r in results)
    return "\n".join(lines + ([""] + details if details else []) +
                     ["", f"{ok} of {len(results)} all-sizes verdicts as expected"])
