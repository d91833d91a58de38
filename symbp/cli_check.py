"""``symbp check FILE``: the argument parser and the command; the work is
:func:`symbp.checker.check_file`'s."""
from __future__ import annotations

from .checker import check_file
from .cli import UsageError, add_setup_flags
from .notation import CheckError


def register(sub) -> None:
    """Add ``symbp check FILE`` to the CLI."""
    p = sub.add_parser("check", help="check the equations of a Markdown or LaTeX derivation",
                       description="Check every display equation of FILE (.md or .tex).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--layer", choices=["avgpool", "conv2d", "fc", "maxpool"],
                   help="the layer kind (a directive's keys override the flags)")
    add_setup_flags(p)
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds per equation (10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_check)


def cmd_check(args) -> int:
    """Exit 0 when nothing is refuted, 1 when something is, 2 when nothing can be checked."""
    flags = {"layer": args.layer, "input": args.input, "kernel": args.kernel,
             "stride": args.stride, "padding": args.padding, "dilation": args.dilation,
             "groups": args.groups, "batch": args.batch, "ceil_mode": args.ceil_mode or None,
             "count_include_pad": None if args.count_include_pad else False,
             "divisor_override": args.divisor_override,
             "channels": args.channels if args.channels != (1, 1) else None}
    try:
        report = check_file(args.file, setup=flags, time_limit=args.time_limit)
    except CheckError as err:
        raise UsageError(str(err)) from None
    if not report.claims:
        raise UsageError(f"{args.file}: no display equations found")
    if report.with_setup == 0:
        raise UsageError(f"{args.file}: no layer setup applies to any equation (give --layer "
                         "and sizes, or a directive such as <!-- symbp: layer=conv2d input=3x3 "
                         "kernel=2x2 -->)")
    print(report.to_json() if args.json else report.render())
    return 1 if report.refuted else 0
