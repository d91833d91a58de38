"""``symbp check PATH...``: the argument parser and the command; the work is
:func:`symbp.check.checker.check_file`'s (one file) and :func:`symbp.report.batch.check_paths`'s
(many files, output formats)."""
from __future__ import annotations

from .cli import UsageError, add_format_flag, add_setup_flags, seconds_arg
from .check.docsetup import _LAYERS


def register(sub) -> None:
    """Add ``symbp check PATH...`` to the CLI."""
    p = sub.add_parser("check", help="check the equations of Markdown, LaTeX or Typst derivations",
                       description="Check every display equation of each file (.md, .markdown, "
                                   ".tex or .typ); directories are searched recursively; globs "
                                   "such as 'docs/**/*.md' are expanded.")
    p.add_argument("file", metavar="PATH", nargs="+")
    p.add_argument("--layer", choices=sorted(_LAYERS), metavar="LAYER",
                   help="the layer kind: conv2d, avgpool, maxpool, fc (--channels IN,OUT), "
                        "softmax (--channels K), activation (--activation NAME), or a "
                        "directive's other spellings (a directive's keys override the flags)")
    add_setup_flags(p)
    p.add_argument("--activation", metavar="NAME",
                   help="with --layer activation: identity, relu, leaky_relu, sigmoid or tanh")
    p.add_argument("--time-limit", type=seconds_arg, default=10.0,
                   help="seconds per equation, a positive number (10)")
    p.add_argument("--skip-empty", action="store_true",
                   help="a file without display equations is skipped, not an error, even "
                        "when it is the only one (hooks pass every Markdown file)")
    add_format_flag(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args) -> int:
    """Exit 0 when nothing is refuted, 1 when something is, 2 when nothing can be checked,
    3 on an internal error (the second witness disagrees with a proof)."""
    from .report.batch import PathError, check_paths
    try:
        return check_paths(args.file, args.format, setup=setup_of(args),
                           time_limit=args.time_limit, batch=args.skip_empty)
    except PathError as err:
        raise UsageError(str(err)) from None


def setup_of(args) -> dict:
    """The base settings ``check_text`` takes, from ``symbp check``'s parsed flags."""
    flags = {"layer": args.layer, "input": args.input, "kernel": args.kernel,
             "stride": args.stride, "ceil_mode": args.ceil_mode or None,
             # only what the user gave: a flag's default is not a statement about the document
             "padding": args.padding if args.padding != (0, 0) else None,
             "dilation": args.dilation if args.dilation != (1, 1) else None,
             "groups": args.groups if args.groups != 1 else None,
             "batch": args.batch if args.batch != 1 else None,
             "count_include_pad": None if args.count_include_pad else False,
             "divisor_override": args.divisor_override,
             "channels": args.channels if args.channels != (1, 1) else None,
             "name": args.activation}
    kind = _LAYERS.get(args.layer or "")
    if kind in ("fc", "softmax"):                   # --channels IN,OUT or K
        given = flags.pop("channels") or ((3, 2) if kind == "fc" else (3, 3))
        flags.update({"in": given[0], "out": given[1]} if kind == "fc" else {"classes": given[0]})
    return flags
